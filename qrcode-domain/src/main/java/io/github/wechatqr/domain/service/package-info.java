/** The use case: issue, reuse and resolve parametric QR codes through the ports. */
package io.github.wechatqr.domain.service;
