package io.logdx.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logdx.core.Classifier;
import io.logdx.core.stage1.ModelLoader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --model X} scores X or says why it cannot: the engine's quiet fallback to the rules (right inside an
 * application) would score the rules under the name of the model asked for.
 */
class EvaluateCommandTest {

  @Test
  void aFolderWithoutAModelIsAClearError(@TempDir Path dir) throws Exception {
    // what the trainer's combined variant leaves: a head, no model.properties
    Files.write(dir.resolve("stage1-combined.onnx"), new byte[] {8, 7});
    assertThatThrownBy(() -> EvaluateCommand.load(dir.toString()))
        .isInstanceOf(EvaluateCommand.ModelNotLoaded.class)
        .hasMessageContaining("no stage 1 model at " + dir.toAbsolutePath())
        .hasMessageContaining("no model.properties");
    assertThatThrownBy(() -> EvaluateCommand.load(dir.resolve("missing").toString()))
        .hasMessageContaining("no such folder");
  }

  @Test
  void aModelThatDoesNotLoadIsAClearErrorAndTheExitCodeSaysSo(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("model.properties"),
        "id=x\nversion=1\nvariant=lexical\nonnx=missing.onnx\n"
            + "tokenizer=tokenizer.json\nbuckets=32768\nmaxTokens=256\nlabels=unknown\n");
    assertThatThrownBy(() -> EvaluateCommand.load(dir.toString()))
        .isInstanceOf(EvaluateCommand.ModelNotLoaded.class)
        .hasMessageContaining("cannot be loaded")
        .hasMessageContaining("missing.onnx");
    Path data = dir.resolve("data.jsonl");
    Files.writeString(
        data,
        "{\"id\":\"a\",\"text\":\"java.lang.NullPointerException\",\"label\":\"null_reference\"}\n");
    assertThat(
            EvaluateCommand.run(
                new Options(List.of("--data", data.toString(), "--model", dir.toString()))))
        .isEqualTo(2);
  }

  @Test
  void aModelOfANewerFeatureSetIsRefusedNotMisread(@TempDir Path dir) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/io/logdx/model/model.properties")) {
      String props = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      Files.writeString(
          dir.resolve("model.properties"),
          props.replaceAll("(?m)^features=.*\\n", "") + "features=graphs\n");
    }
    assertThatThrownBy(() -> EvaluateCommand.load(dir.toString()))
        .hasMessageContaining("unknown stage 1 feature set 'graphs'");
  }

  @Test
  void theRulesAndTheShippedModelLoad() throws Exception {
    try (Classifier rules = EvaluateCommand.load(ModelLoader.RULES);
        Classifier shipped = EvaluateCommand.load(ModelLoader.DEFAULT)) {
      assertThat(rules.id()).startsWith("logdx-rules");
      assertThat(shipped.id()).startsWith("logdx-stage1-lexical/");
    }
  }
}
