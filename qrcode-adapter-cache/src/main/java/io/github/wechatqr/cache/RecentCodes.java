package io.github.wechatqr.cache;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;

/**
 * The codes most recently found by request, kept decoded, so that a hot code is not unpacked on every
 * hit. A small two-way set-associative array indexed by the request's hash: lossy by design (a third
 * request in a set pushes out the older of two), bounded (at most {@value #MAX_SLOTS} decoded codes) and
 * never authoritative. Each slot holds the packed code it was decoded from; the store serves a slot only
 * while that packed code is still the one its request index points at and the Caffeine cache still holds
 * it, so expiry, eviction, statistics and the eviction policy's view of reads stay as without it.
 *
 * <p>Slots are read and written without locks: an {@link Entry} has only final fields, so a reader sees
 * a complete entry (or an older one, or none), and every entry is re-validated before use.
 */
final class RecentCodes {
  static final int MIN_SLOTS = 64;
  static final int MAX_SLOTS = 4096;

  private final Entry[] slots;
  private final int shift;

  /** A decoded code, the packed code it came from and its account's number. */
  record Entry(CompactCode packed, QrCode code, int account) {}

  /** @param maximumSize the store's size bound: one slot per 16 codes, 64..4096 (a power of two) */
  RecentCodes(long maximumSize) {
    int size = Integer.highestOneBit((int) Math.max(MIN_SLOTS, Math.min(MAX_SLOTS, maximumSize / 16)));
    this.slots = new Entry[size];
    this.shift = 33 - Integer.numberOfTrailingZeros(size); // the top bits pick one of size / 2 sets
  }

  /** @return the entry decoded for an equal request of the account, if its set still holds one, else null */
  Entry find(int account, QrCodeRequest request) {
    int first = set(account, request);
    Entry entry = slots[first];
    if (entry != null && entry.account() == account && entry.code().request().equals(request)) {
      return entry;
    }
    entry = slots[first + 1];
    return entry != null && entry.account() == account && entry.code().request().equals(request) ? entry : null;
  }

  /** Puts a decoded code first in its request's set; an entry for an equal request of the account is replaced. */
  void remember(CompactCode packed, QrCode code) {
    int account = packed.account();
    int first = set(account, code.request());
    Entry older = slots[first];
    if (older != null && !(older.account() == account && older.code().request().equals(code.request()))) {
      slots[first + 1] = older;
    }
    slots[first] = new Entry(packed, code, account);
  }

  int slots() {
    return slots.length;
  }

  /** Fibonacci hashing: even requests whose hashes differ in the low bits only spread over all sets. */
  int set(int account, QrCodeRequest request) {
    return (((request.hashCode() + 31 * account) * 0x9E3779B9) >>> shift) << 1;
  }
}
