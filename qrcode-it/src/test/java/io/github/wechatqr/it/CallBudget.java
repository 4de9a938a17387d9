package io.github.wechatqr.it;

import java.time.Duration;

/**
 * The longest a gateway call may take and how many requests it may send, derived from the retry policy
 * the soak's gateway is built with: each attempt ends within connect + read timeout (the gateway bounds
 * the whole answer), a call makes at most {@code attempts} attempts with at most {@code attempts - 1}
 * waits of at most {@code maxBackoff}, and an issue is at most four such calls (token, create, and after a
 * stale-token answer one fresh token and one more create).
 *
 * @param connect the connect timeout
 * @param read the read timeout
 * @param attempts the attempts per call
 * @param maxBackoff the longest wait between attempts
 * @param slack added once per operation for scheduling on a loaded machine
 */
record CallBudget(Duration connect, Duration read, int attempts, Duration maxBackoff, Duration slack) {
  /** Calls an issue may make: token + create, then a fresh token + create once after 40001/42001/40014. */
  static final int CALLS_PER_ISSUE = 4;

  /** @return the longest one retried call (one endpoint) may take */
  Duration perCall() {
    return connect.plus(read).multipliedBy(attempts).plus(maxBackoff.multipliedBy(attempts - 1L));
  }

  /** @return the budget of an issue: four retried calls plus the slack */
  Duration issue() {
    return perCall().multipliedBy(CALLS_PER_ISSUE).plus(slack);
  }

  /** @return the budget of a download: one retried call plus the slack */
  Duration download() {
    return perCall().plus(slack);
  }

  /** @return how many requests an issue may send at most */
  int requestsPerIssue() {
    return CALLS_PER_ISSUE * attempts;
  }

  /** @return how many requests a download may send at most */
  int requestsPerDownload() {
    return attempts;
  }
}
