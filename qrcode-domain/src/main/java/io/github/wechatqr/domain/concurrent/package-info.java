/**
 * Concurrency building blocks that the use case and every access-token store share, so that each rule
 * about waiting, joining and interrupts exists once.
 *
 * <p>Null-marked by convention: nothing here is null unless its javadoc says so (see
 * {@link io.github.wechatqr.domain}).
 */
package io.github.wechatqr.domain.concurrent;
