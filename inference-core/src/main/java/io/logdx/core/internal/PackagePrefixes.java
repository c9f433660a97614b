package io.logdx.core.internal;

import java.util.Arrays;

/**
 * A fixed set of package prefixes ({@code org.apache.}, {@code com.sun.}) tested against class names without
 * a scan over the whole list: the hash of each dotted prefix of the name is built while reading it once and
 * looked up in an open-addressing table, and only a hit is compared character by character. Location and
 * fingerprint ask this of hundreds of frames per logged exception.
 *
 * <p>Immutable and thread-safe. Every prefix ends with a dot, so a match is always a whole package segment.
 */
final class PackagePrefixes {
  private final String[] table;
  private final int[] hashes;
  private final int mask;
  private final int longest;

  PackagePrefixes(String... prefixes) {
    int size = Integer.highestOneBit(Math.max(4, prefixes.length * 4) - 1) << 1;
    table = new String[size];
    hashes = new int[size];
    mask = size - 1;
    int max = 0;
    for (String p : prefixes) {
      if (p.isEmpty() || p.charAt(p.length() - 1) != '.') {
        throw new IllegalArgumentException("a package prefix ends with a dot: " + p);
      }
      max = Math.max(max, p.length());
      int h = p.hashCode();
      int i = spread(h) & mask;
      while (table[i] != null && !table[i].equals(p)) i = (i + 1) & mask;
      table[i] = p;
      hashes[i] = h;
    }
    longest = max;
  }

  /** True when {@code className} starts with one of the prefixes. */
  boolean matches(String className) {
    int h = 0;
    int n = Math.min(className.length(), longest);
    for (int k = 0; k < n; k++) {
      char c = className.charAt(k);
      h = 31 * h + c; // String.hashCode of the first k + 1 characters
      if (c == '.' && contains(h, className, k + 1)) return true;
    }
    return false;
  }

  private boolean contains(int h, String className, int length) {
    for (int i = spread(h) & mask; table[i] != null; i = (i + 1) & mask) {
      if (hashes[i] == h && table[i].length() == length && className.startsWith(table[i]))
        return true;
    }
    return false;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  @Override
  public String toString() {
    String[] present = Arrays.stream(table).filter(p -> p != null).sorted().toArray(String[]::new);
    return Arrays.toString(present);
  }
}
