/**
 * The domain of WeChat Official Account parametric QR codes: scene values, requests, tickets, codes,
 * scan events and the exception hierarchy. Pure Java; depends on nothing but the JDK.
 *
 * <p>Ports live in {@link io.github.wechatqr.domain.port}, the use case in
 * {@link io.github.wechatqr.domain.service}.
 *
 * <p>Null-marked by convention, in every domain package: no parameter, return value or record component is
 * null unless its javadoc says what null means there ({@code null for a permanent code}, say), and records
 * reject null in their constructors. The domain carries no JSpecify annotations because it depends on
 * nothing beyond the JDK; the adapters' and the client's packages are {@code @NullMarked}
 * (docs/design.md, "Nullness").
 */
package io.github.wechatqr.domain;
