/**
 * The domain of WeChat Official Account parametric QR codes: scene values, requests, tickets, codes,
 * scan events and the exception hierarchy. Pure Java; depends on nothing but the JDK.
 *
 * <p>Ports live in {@link io.github.wechatqr.domain.port}, the use case in
 * {@link io.github.wechatqr.domain.service}.
 */
package io.github.wechatqr.domain;
