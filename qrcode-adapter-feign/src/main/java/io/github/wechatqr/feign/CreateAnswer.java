package io.github.wechatqr.feign;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.Ticket;
import java.time.Duration;

/** What {@code /cgi-bin/qrcode/create} answers: a ticket or an error. */
record CreateAnswer(
    @JsonProperty("ticket") String ticket,
    @JsonProperty("expire_seconds") Long expireSeconds,
    @JsonProperty("url") String url,
    @JsonProperty("errcode") Integer errcode,
    @JsonProperty("errmsg") String errmsg) {

  /** The issued ticket, or the mapped WeChat error, or a malformed-answer failure. */
  IssuedTicket issued() {
    WeChatErrors.check(errcode, errmsg);
    if (ticket == null || ticket.isBlank() || url == null || url.isBlank()) {
      throw new UpstreamFailure(FailureKind.MALFORMED, "the answer lacks ticket or url");
    }
    if (expireSeconds != null && expireSeconds <= 0) {
      throw new UpstreamFailure(FailureKind.MALFORMED, "the answer has expire_seconds " + expireSeconds);
    }
    return new IssuedTicket(new Ticket(ticket), url, expireSeconds == null ? null : Duration.ofSeconds(expireSeconds));
  }
}
