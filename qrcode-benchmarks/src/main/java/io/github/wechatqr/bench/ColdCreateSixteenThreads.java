package io.github.wechatqr.bench;

import org.openjdk.jmh.annotations.Threads;

/** Scenario 2 on sixteen threads sharing one client of each kind. */
@Threads(16)
public class ColdCreateSixteenThreads extends ColdCreate {}
