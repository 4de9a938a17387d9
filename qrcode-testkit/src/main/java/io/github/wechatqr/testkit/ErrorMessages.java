package io.github.wechatqr.testkit;

/** The errmsg WeChat sends with each errcode (as seen in practice). */
final class ErrorMessages {
  private ErrorMessages() {}

  static String of(int errcode) {
    return switch (errcode) {
      case -1 -> "system error";
      case 40001 -> "invalid credential, access_token is invalid or not latest";
      case 40002 -> "invalid grant_type";
      case 40013 -> "invalid appid";
      case 40014 -> "invalid access_token";
      case 40053 -> "invalid action info";
      case 40097 -> "invalid args";
      case 40125 -> "invalid appsecret";
      case 40164 -> "invalid ip, not in whitelist";
      case 41001 -> "access_token missing";
      case 42001 -> "access_token expired";
      case 43002 -> "require POST method";
      case 45009 -> "reach max api daily quota limit";
      case 45011 -> "api minute-quota reach limit";
      case 45029 -> "qrcode count out of limit";
      case 47001 -> "data format error";
      case 48001 -> "api unauthorized";
      default -> "error " + errcode;
    };
  }
}
