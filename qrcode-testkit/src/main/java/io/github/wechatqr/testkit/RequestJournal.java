package io.github.wechatqr.testkit;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * Every request {@link FakeWeChatServer} received, in arrival order. Thread-safe.
 *
 * <pre>{@code
 * assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(1);
 * assertThat(fake.journal().tokenFetches()).isEqualTo(1);
 * }</pre>
 */
public final class RequestJournal {
  private final ConcurrentLinkedQueue<JournalEntry> entries = new ConcurrentLinkedQueue<>();

  void add(JournalEntry entry) {
    entries.add(entry);
  }

  /** @return a snapshot of every entry */
  public List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  /**
   * @param path a path such as {@link FakeWeChatServer#CREATE}
   * @return a snapshot of the entries of that path
   */
  public List<JournalEntry> entries(String path) {
    return entries.stream().filter(e -> e.path().equals(path)).toList();
  }

  /**
   * @param path a path
   * @return how many requests that path received
   */
  public long count(String path) {
    return entries.stream().filter(e -> e.path().equals(path)).count();
  }

  /** @return requests to {@code /cgi-bin/token} and {@code /cgi-bin/stable_token} together */
  public long tokenFetches() {
    return count(FakeWeChatServer.TOKEN) + count(FakeWeChatServer.STABLE_TOKEN);
  }

  /** Forgets every entry. */
  public void clear() {
    entries.clear();
  }

  @Override
  public String toString() {
    return entries.stream().map(JournalEntry::toString).collect(Collectors.joining("\n"));
  }
}
