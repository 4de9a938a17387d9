package io.github.wechatqr.feign;

/** Why an attempt failed below the WeChat protocol, as the {@code outcome} metric tag names it. */
enum FailureKind {
  /** No complete answer within the deadline. */
  TIMEOUT("timeout", true, "no complete answer in time"),
  /** Connection refused, reset or dropped in the middle of the answer. */
  CONNECTION("connection", true, "connection failed or dropped"),
  /** HTTP 5xx. */
  HTTP_5XX("http_5xx", true, "server error"),
  /** Any other unexpected HTTP status. */
  HTTP_STATUS("http_status", false, "unexpected HTTP status"),
  /** An answer larger than its cap (16 KiB of JSON, {@code maxImageBytes} of image); not read in full. */
  OVERSIZE("oversize", false, "answer too large"),
  /** An answer that is not the JSON the protocol promises, or lacks required fields. */
  MALFORMED("malformed", false, "malformed answer"),
  /** {@code showqrcode} answered 200 with something that is not an image. */
  NOT_IMAGE("not_image", false, "answer is not an image"),
  /** The calling thread was interrupted. */
  INTERRUPTED("interrupted", false, "interrupted"),
  /** Anything else: a bug or a misconfiguration. */
  UNEXPECTED("unexpected", false, "unexpected failure");

  private final String tag;
  private final boolean retryable;
  private final String description;

  FailureKind(String tag, boolean retryable, String description) {
    this.tag = tag;
    this.retryable = retryable;
    this.description = description;
  }

  String tag() {
    return tag;
  }

  boolean retryable() {
    return retryable;
  }

  String description() {
    return description;
  }
}
