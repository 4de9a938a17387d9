package io.github.wechatqr.testkit;

/** An error answer of the fake service: HTTP 200 with {@code errcode} and {@code errmsg}. */
final class ModelError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int errcode;
  final String errmsg;

  ModelError(int errcode, String errmsg) {
    super(errcode + " " + errmsg, null, false, false);
    this.errcode = errcode;
    this.errmsg = errmsg;
  }

  /** With the errmsg WeChat sends for the errcode ({@link ErrorMessages}). */
  ModelError(int errcode) {
    this(errcode, ErrorMessages.of(errcode));
  }

  static ModelError invalidArgs(String detail) {
    return new ModelError(40097, "invalid args: " + detail);
  }
}
