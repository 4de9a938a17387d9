package io.github.wechatqr.events;

import io.github.wechatqr.domain.ScanEvent;

/**
 * An authenticated, parsed push.
 *
 * @param message the push's common fields and XML
 * @param scan the scan it reports; {@code null} when it is no QR scan
 * @param key what identifies a redelivery of it
 */
record Decoded(CallbackMessage message, ScanEvent scan, Fingerprint key) {}
