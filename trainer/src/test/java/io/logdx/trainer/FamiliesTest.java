package io.logdx.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.trainer.model.Example;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which family a record belongs to, for leave-one-family-out. */
class FamiliesTest {
  private static Example generated(String scenario) {
    return new Example(
        "g-1", "x", "unknown", "generated", "logdx-gen:" + scenario, List.of(), null, null);
  }

  @Test
  void generatedRecordsAreFamiliesByTheirLibrary() {
    assertThat(Families.of(generated("kafka.metadata-timeout"))).isEqualTo("kafka");
    assertThat(Families.of(generated("hdfs.permission-denied-rpc"))).isEqualTo("hadoop");
    assertThat(Families.of(generated("lucene.query-parse"))).isEqualTo("opensearch-lucene");
    assertThat(Families.of(generated("curator.bad-version"))).isEqualTo("zookeeper");
  }

  @Test
  void theJdkAndTheApplicationAreTheCoreThatIsNeverHeldOut() {
    assertThat(Families.of(generated("jdk.npe.helpful-field"))).isEqualTo(Families.CORE);
    assertThat(Families.of(generated("app.transfer.limits"))).isEqualTo(Families.CORE);
    assertThat(Families.of(generated("constructed.dns-failure"))).isEqualTo(Families.CORE);
  }

  @Test
  void realRecordsAreFamiliesByTheirProject() {
    Example e =
        new Example(
            "lbr-MAPREDUCE-1234-c1",
            "x",
            "unknown",
            "real",
            "lbr-MAPREDUCE-1234-c1",
            List.of(),
            null,
            null);
    assertThat(Families.of(e)).isEqualTo("real:hadoop");
    Example zk =
        new Example(
            "lbr-ZOOKEEPER-77-d1",
            "x",
            "unknown",
            "real",
            "lbr-ZOOKEEPER-77-d1",
            List.of(),
            null,
            null);
    assertThat(Families.of(zk)).isEqualTo("real:zookeeper");
  }
}
