/**
 * Concurrency building blocks that the use case and every access-token store share, so that each rule
 * about waiting, joining and interrupts exists once.
 */
package io.github.wechatqr.domain.concurrent;
