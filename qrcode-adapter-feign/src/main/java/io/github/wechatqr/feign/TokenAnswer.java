package io.github.wechatqr.feign;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * What {@code /cgi-bin/token} and {@code /cgi-bin/stable_token} answer: a token or an error.
 * {@link #toString()} never shows the token.
 */
record TokenAnswer(
    @JsonProperty("access_token") String accessToken,
    @JsonProperty("expires_in") Long expiresIn,
    @JsonProperty("errcode") Integer errcode,
    @JsonProperty("errmsg") String errmsg) {

  /** A usable grant, or the mapped WeChat error, or a malformed-answer failure. */
  Grant checked() {
    WeChatErrors.check(errcode, errmsg);
    if (accessToken == null || accessToken.isBlank()) {
      throw new UpstreamFailure(FailureKind.MALFORMED, "the answer has no access_token");
    }
    if (expiresIn == null || expiresIn <= 0) {
      throw new UpstreamFailure(FailureKind.MALFORMED, "the answer has no positive expires_in");
    }
    return new Grant(accessToken, Duration.ofSeconds(expiresIn));
  }

  @Override
  public String toString() {
    return "TokenAnswer[access_token=<redacted>, expires_in=" + expiresIn + ", errcode=" + errcode + "]";
  }

  /** A token as granted, before it is stamped with the instant it was asked for. */
  record Grant(String value, Duration expiresIn) {
    @Override
    public String toString() {
      return "Grant[value=<redacted>, expiresIn=" + expiresIn + "]";
    }
  }
}
