package io.github.wechatqr.it;

import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.events.ScanListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The scan listener of these tests: keeps every resolved scan by the user who scanned. */
final class ScanRecorder implements ScanListener {
  private final Map<String, List<ResolvedScan>> byOpenId = new ConcurrentHashMap<>();

  @Override
  public void onScan(ResolvedScan scan) {
    byOpenId.computeIfAbsent(scan.event().openId(), id -> new CopyOnWriteArrayList<>()).add(scan);
  }

  /** @return the scans of {@code openId} so far, in the order they were handled */
  List<ResolvedScan> of(String openId) {
    return List.copyOf(byOpenId.getOrDefault(openId, List.of()));
  }
}
