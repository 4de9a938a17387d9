package io.github.wechatqr.feign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The body of {@code /cgi-bin/stable_token}. {@link #toString()} never shows the secret. */
@JsonPropertyOrder({"grant_type", "appid", "secret", "force_refresh"})
record StableTokenBody(
    @JsonProperty("grant_type") String grantType,
    @JsonProperty("appid") String appId,
    @JsonProperty("secret") String secret,
    @JsonProperty("force_refresh") boolean forceRefresh) {

  static StableTokenBody of(String appId, String secret, boolean forceRefresh) {
    return new StableTokenBody("client_credential", appId, secret, forceRefresh);
  }

  @Override
  public String toString() {
    return "StableTokenBody[appid=" + appId + ", secret=<redacted>, force_refresh=" + forceRefresh + "]";
  }
}
