package io.github.wechatqr.bench;

import org.openjdk.jmh.annotations.Threads;

/** Scenario 2 on one thread. */
@Threads(1)
public class ColdCreateOneThread extends ColdCreate {}
