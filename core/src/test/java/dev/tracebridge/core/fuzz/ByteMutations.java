package dev.tracebridge.core.fuzz;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Mutations of seed inputs as a fuzzer makes them: bit flips, byte overwrites, inserted tokens of the
 * format (or long runs of one, for nesting), deletions, duplications, truncations and splices of another
 * seed. Built from jqwik's arbitraries, so a failing input shrinks to fewer, smaller mutations.
 * Shared by every receiver's fuzz suite through core's test-jar.
 */
public final class ByteMutations {
  /** Enough mutations to break an input several ways at once while keeping most of its structure. */
  private static final int MAX_MUTATIONS = 6;
  private static final int MAX_RUN = 64;
  /** A repeated token runs to MAX_RUN * this many copies: past the parsers' nesting limits. */
  private static final int REPEAT_FACTOR = 16;
  private static final int BITS = 8;

  private ByteMutations() {}

  public enum Kind { FLIP_BIT, SET_BYTE, INSERT_TOKEN, REPEAT_TOKEN, INSERT_BYTES, DELETE, DUPLICATE, TRUNCATE, SPLICE }

  public record Mutation(Kind kind, double at, int length, int choice, byte value) {}

  public static Arbitrary<byte[]> of(List<byte[]> seeds, List<byte[]> tokens) {
    Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Kind.class),
        Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, MAX_RUN),
        Arbitraries.integers().between(0, Short.MAX_VALUE), Arbitraries.bytes()).as(Mutation::new);
    return Combinators.combine(Arbitraries.integers().between(0, seeds.size() - 1),
            mutation.list().ofMinSize(1).ofMaxSize(MAX_MUTATIONS))
        .as((seed, mutations) -> apply(seeds, seed, tokens, mutations));
  }

  public static byte[] apply(List<byte[]> seeds, int seed, List<byte[]> tokens, List<Mutation> mutations) {
    byte[] b = seeds.get(seed).clone();
    for (Mutation m : mutations) {
      int at = (int) Math.min(b.length, Math.floor(m.at() * (b.length + 1)));
      int inside = Math.min(at, Math.max(0, b.length - 1));
      byte[] token = tokens.get(m.choice() % tokens.size());
      b = switch (m.kind()) {
        case FLIP_BIT -> b.length == 0 ? b : with(b, inside, (byte) (b[inside] ^ (1 << (m.choice() % BITS))));
        case SET_BYTE -> b.length == 0 ? b : with(b, inside, m.value());
        case INSERT_TOKEN -> insert(b, at, token);
        case REPEAT_TOKEN -> insert(b, at, repeat(token, m.length() * REPEAT_FACTOR));
        case INSERT_BYTES -> insert(b, at, repeat(new byte[] {m.value()}, m.length()));
        case DELETE -> cut(b, at, Math.min(m.length(), b.length - at));
        case DUPLICATE -> insert(b, at, Arrays.copyOfRange(b, at, Math.min(b.length, at + m.length())));
        case TRUNCATE -> Arrays.copyOf(b, at);
        case SPLICE -> splice(b, at, seeds.get(m.choice() % seeds.size()), m.length() * BITS);
      };
    }
    return b;
  }

  private static byte[] with(byte[] b, int index, byte value) {
    b[index] = value;
    return b;
  }

  private static byte[] insert(byte[] b, int at, byte[] piece) {
    byte[] out = new byte[b.length + piece.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(piece, 0, out, at, piece.length);
    System.arraycopy(b, at, out, at + piece.length, b.length - at);
    return out;
  }

  private static byte[] cut(byte[] b, int at, int length) {
    byte[] out = new byte[b.length - length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(b, at + length, out, at, b.length - at - length);
    return out;
  }

  /** Overwrites from {@code at} with the other seed's bytes at the same relative place. */
  private static byte[] splice(byte[] b, int at, byte[] other, int length) {
    if (other.length == 0 || b.length == 0) return b;
    int from = (int) ((long) at * other.length / (b.length + 1));
    int n = Math.min(length, Math.min(other.length - from, b.length - at));
    System.arraycopy(other, from, b, at, Math.max(0, n));
    return b;
  }

  private static byte[] repeat(byte[] piece, int times) {
    byte[] out = new byte[piece.length * times];
    for (int i = 0; i < times; i++) System.arraycopy(piece, 0, out, i * piece.length, piece.length);
    return out;
  }
}
