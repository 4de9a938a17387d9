/**
 * The use case: issue, reuse and resolve parametric QR codes through the ports.
 *
 * <p>Null-marked by convention: nothing here is null unless its javadoc says so (see
 * {@link io.github.wechatqr.domain}).
 */
package io.github.wechatqr.domain.service;
