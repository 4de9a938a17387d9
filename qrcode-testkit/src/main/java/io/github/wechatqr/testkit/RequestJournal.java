package io.github.wechatqr.testkit;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every request {@link FakeWeChatServer} received, in arrival order, journaled as it arrives (before any
 * injected delay) and completed with its answer. Counts include requests still in flight. Thread-safe.
 *
 * <pre>{@code
 * assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(1);
 * assertThat(fake.journal().tokenFetches()).isEqualTo(1);
 * Await.until("the delayed create to arrive", () -> fake.journal().inFlight(CREATE), n -> n == 1, max);
 * }</pre>
 */
public final class RequestJournal {
  private final ConcurrentLinkedQueue<AtomicReference<JournalEntry>> entries = new ConcurrentLinkedQueue<>();

  /** Journals a request that has just arrived; the returned slot takes its answer. */
  AtomicReference<JournalEntry> arrived(JournalEntry entry) {
    AtomicReference<JournalEntry> slot = new AtomicReference<>(entry);
    entries.add(slot);
    return slot;
  }

  private Stream<JournalEntry> stream() {
    return entries.stream().map(AtomicReference::get);
  }

  /**
   * Lists what arrived so far.
   *
   * @return a snapshot of every entry
   */
  public List<JournalEntry> entries() {
    return stream().toList();
  }

  /**
   * Lists what arrived so far at one path.
   *
   * @param path a path such as {@link FakeWeChatServer#CREATE}
   * @return a snapshot of the entries of that path
   */
  public List<JournalEntry> entries(String path) {
    return stream().filter(e -> e.path().equals(path)).toList();
  }

  /**
   * Counts the requests a path received, answered or not.
   *
   * @param path a path
   * @return how many requests that path received
   */
  public long count(String path) {
    return stream().filter(e -> e.path().equals(path)).count();
  }

  /**
   * Counts the requests of a path that arrived and are not answered yet.
   *
   * @param path a path
   * @return how many are in flight
   */
  public long inFlight(String path) {
    return stream().filter(e -> e.path().equals(path) && e.inFlight()).count();
  }

  /**
   * Counts the token fetches of both kinds.
   *
   * @return requests to {@code /cgi-bin/token} and {@code /cgi-bin/stable_token} together
   */
  public long tokenFetches() {
    return count(FakeWeChatServer.TOKEN) + count(FakeWeChatServer.STABLE_TOKEN);
  }

  /** Forgets every entry. */
  public void clear() {
    entries.clear();
  }

  @Override
  public String toString() {
    return stream().map(JournalEntry::toString).collect(Collectors.joining("\n"));
  }
}
