package io.github.wechatqr.feign;

/** The four WeChat calls, named as log lines and metric tags name them. */
enum Api {
  TOKEN("token", "GET /cgi-bin/token"),
  STABLE_TOKEN("stable_token", "POST /cgi-bin/stable_token"),
  CREATE("create", "POST /cgi-bin/qrcode/create"),
  SHOW_QRCODE("showqrcode", "GET /cgi-bin/showqrcode");

  private final String tag;
  private final String call;

  Api(String tag, String call) {
    this.tag = tag;
    this.call = call;
  }

  /** @return the value of the {@code api} metric tag */
  String tag() {
    return tag;
  }

  /** @return method and path, for messages; never with a query */
  String call() {
    return call;
  }
}
