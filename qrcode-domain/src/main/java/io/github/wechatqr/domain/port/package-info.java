/**
 * Driven ports: what the use case needs from the outside world. Adapters implement them
 * ({@code qrcode-adapter-feign}, {@code -cache}, {@code -redis}); the testkit's contract kits prove them.
 */
package io.github.wechatqr.domain.port;
