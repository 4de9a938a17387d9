package io.github.wechatqr.testkit;

/** The XML of scan pushes, with text in CDATA as WeChat sends it. */
final class PushXml {
  private PushXml() {}

  static String scan(String account, String openId, long createTime, String event, String eventKey,
      String ticket) {
    return "<xml><ToUserName>" + cdata(account) + "</ToUserName><FromUserName>" + cdata(openId)
        + "</FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType>" + cdata("event")
        + "</MsgType><Event>" + cdata(event) + "</Event><EventKey>" + cdata(eventKey)
        + "</EventKey><Ticket>" + cdata(ticket) + "</Ticket></xml>";
  }

  static String encrypted(String account, String encrypt) {
    return "<xml><ToUserName>" + cdata(account) + "</ToUserName><Encrypt>" + cdata(encrypt)
        + "</Encrypt></xml>";
  }

  /** Compatible mode: the plain fields plus the Encrypt element. */
  static String compatible(String plainXml, String encrypt) {
    return plainXml.replace("</xml>", "<Encrypt>" + cdata(encrypt) + "</Encrypt></xml>");
  }

  static String cdata(String text) {
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>";
  }
}
