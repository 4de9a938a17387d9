package io.github.wechatqr.domain;

/**
 * A request broke one of the protocol's rules and was rejected locally, before any network call.
 * The message names the field, the offending value and the allowed range.
 */
public final class InvalidQrCodeRequest extends QrCodeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String allowed;

  /**
   * Creates the exception for a request field that breaks its rule.
   *
   * @param field the protocol field, e.g. {@code scene_id}
   * @param value the rejected value, as text; {@code null} when the field is missing
   * @param allowed the allowed range, e.g. {@code 1..100000}
   */
  public InvalidQrCodeRequest(String field, Object value, String allowed) {
    super(field + " must be " + allowed + ", was " + value);
    this.field = field;
    this.allowed = allowed;
  }

  /** Returns the protocol field that broke its rule, e.g. {@code scene_str}. */
  public String field() {
    return field;
  }

  /** Returns the allowed range, in words. */
  public String allowed() {
    return allowed;
  }
}
