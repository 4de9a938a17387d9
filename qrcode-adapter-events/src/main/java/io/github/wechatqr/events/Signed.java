package io.github.wechatqr.events;

/**
 * A request's signed parts, read but not yet checked.
 *
 * @param timestamp the {@code timestamp} parameter, digits only
 * @param nonce the {@code nonce} parameter
 * @param signature {@code msg_signature} for an encrypted push, else {@code signature}
 * @param encrypt the {@code Encrypt} element of an encrypted push; {@code null} in plain mode
 * @param body the request body
 */
record Signed(String timestamp, String nonce, String signature, String encrypt, byte[] body) {

  /** @return what the signature covers: token, timestamp, nonce and, when encrypted, the ciphertext */
  String[] parts(String token) {
    return encrypt == null
        ? new String[] {token, timestamp, nonce}
        : new String[] {token, timestamp, nonce, encrypt};
  }
}
