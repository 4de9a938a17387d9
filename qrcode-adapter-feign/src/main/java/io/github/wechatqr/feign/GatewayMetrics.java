package io.github.wechatqr.feign;

/** What the gateway reports; {@link #NONE} unless a Micrometer registry was given. */
interface GatewayMetrics {
  /** Reports nothing. */
  GatewayMetrics NONE = new GatewayMetrics() {
    @Override
    public Sample start() {
      return (api, outcome) -> { };
    }

    @Override
    public void retried(Api api, String outcome) {}

    @Override
    public void tokenRefreshed(String reason) {}
  };

  /** @return a running measurement of one attempt */
  Sample start();

  /**
   * @param api the call that is retried
   * @param outcome what the failed attempt ended with
   */
  void retried(Api api, String outcome);

  /** @param reason {@code due} (none usable) or {@code rejected} (after WeChat refused the token) */
  void tokenRefreshed(String reason);

  /** One attempt being timed. */
  @FunctionalInterface
  interface Sample {
    /**
     * @param api the call
     * @param outcome {@code ok}, an errcode, or a {@link FailureKind} tag
     */
    void stop(Api api, String outcome);
  }
}
