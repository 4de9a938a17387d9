package io.github.wechatqr.cli;

import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.RequestJournal;
import java.io.PrintWriter;

/** Prints the demo's steps as they are proven, with the upstream calls seen so far, and counts failures. */
final class DemoReport {
  private final PrintWriter out;
  private final RequestJournal journal;
  private int step;
  private int failed;

  DemoReport(PrintWriter out, RequestJournal journal) {
    this.out = out;
    this.journal = journal;
  }

  /** Records one step: {@code proven} says what the check established, {@code holds} whether it did. */
  void step(String name, boolean holds, String proven) {
    step++;
    if (!holds) {
      failed++;
    }
    out.printf("%2d %-8s %-22s %s%n", step, holds ? "[ok]" : "[FAILED]", name, proven);
    out.printf("            upstream so far: %s%n", calls());
    out.flush();
  }

  String calls() {
    return "token " + journal.tokenFetches() + ", create " + journal.count(FakeWeChatServer.CREATE)
        + ", showqrcode " + journal.count(FakeWeChatServer.SHOW_QRCODE);
  }

  int steps() {
    return step;
  }

  int failed() {
    return failed;
  }
}
