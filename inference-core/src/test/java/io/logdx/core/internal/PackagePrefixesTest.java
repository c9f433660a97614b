package io.logdx.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PackagePrefixesTest {
  private static final String[] PREFIXES = {
    "java.",
    "org.apache.",
    "org.apache.maven.surefire.",
    "com.sun.",
    "a.",
    "__randomizedtesting.",
    "io.netty."
  };
  private static final String[] SEGMENTS = {
    "java",
    "javax",
    "org",
    "apache",
    "maven",
    "surefire",
    "com",
    "sun",
    "a",
    "b",
    "__randomizedtesting",
    "io",
    "netty",
    "nettyx",
    "Foo",
    "Foo$Bar",
    "",
    "sunx",
    "ap"
  };

  @Test
  void matchesExactlyWhatStartsWithOneOfThePrefixes() {
    PackagePrefixes p = new PackagePrefixes(PREFIXES);
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 50_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = r.nextInt(6); k >= 0; k--) {
        sb.append(SEGMENTS[r.nextInt(SEGMENTS.length)]);
        if (k > 0 || r.nextBoolean()) sb.append('.');
      }
      String name = sb.toString();
      boolean expected = false;
      for (String prefix : PREFIXES) expected |= name.startsWith(prefix);
      assertThat(p.matches(name)).as(name).isEqualTo(expected);
    }
  }

  @Test
  void knownCases() {
    PackagePrefixes p = new PackagePrefixes(PREFIXES);
    assertThat(p.matches("org.apache.hadoop.fs.FileSystem")).isTrue();
    assertThat(p.matches("org.apachex.Foo")).isFalse();
    assertThat(p.matches("java")).isFalse();
    assertThat(p.matches("javax.sql.DataSource")).isFalse();
    assertThat(p.matches("")).isFalse();
    assertThatThrownBy(() -> new PackagePrefixes("org.apache"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
