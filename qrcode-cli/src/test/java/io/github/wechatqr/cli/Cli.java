package io.github.wechatqr.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and keeps what it printed. */
record Cli(int exit, String out, String err) {
  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = QrCodeCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }

  /** With {@code stdin} as standard input (restored afterwards). */
  static Cli withInput(String stdin, String... args) {
    java.io.InputStream original = System.in;
    System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try {
      return run(args);
    } finally {
      System.setIn(original);
    }
  }

  String all() {
    return out + err;
  }
}
