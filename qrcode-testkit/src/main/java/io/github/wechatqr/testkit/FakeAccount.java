package io.github.wechatqr.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One Official Account of the fake: credentials, original id, current tokens and followers. */
final class FakeAccount {
  final String appId;
  final String secret;
  final String originalId;
  final Set<String> followers = ConcurrentHashMap.newKeySet();
  String classicToken;
  String stableToken;

  FakeAccount(String appId, String secret) {
    this.appId = appId;
    this.secret = secret;
    this.originalId = "gh_" + Integer.toHexString(appId.hashCode() & 0x7fffffff);
  }
}
