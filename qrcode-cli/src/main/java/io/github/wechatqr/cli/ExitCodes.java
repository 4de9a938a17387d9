package io.github.wechatqr.cli;

import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.domain.InvalidQrCodeRequest;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.WeChatApiException;
import picocli.CommandLine;

/** The documented exit codes, and which failure earns which. */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int INVALID_INPUT = 2;
  static final int WECHAT_REFUSED = 3;
  static final int UPSTREAM_DOWN = 4;

  @Override
  public int getExitCode(Throwable failure) {
    return of(failure);
  }

  static int of(Throwable failure) {
    if (failure instanceof InvalidQrCodeRequest || failure instanceof InvalidCallback
        || failure instanceof CommandLine.ParameterException || failure instanceof IllegalArgumentException
        || failure instanceof UnsafeOutput) {
      return INVALID_INPUT;
    }
    if (failure instanceof WeChatApiException || failure instanceof TicketNotFound) {
      return WECHAT_REFUSED;
    }
    if (failure instanceof UpstreamUnavailable) {
      return UPSTREAM_DOWN;
    }
    return FAILED;
  }
}
