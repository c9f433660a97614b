package io.logdx.core.stage1;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.util.Platform;
import ai.djl.util.Utils;
import org.junit.jupiter.api.Test;

/**
 * logdx's loader of the tokenizer's native library puts it where DJL's own loader does, so that the two share one
 * file (and, in one class loader, one loaded library): same cache folder, same version, same platform name.
 * DJL's {@code Platform.detectPlatform} is what logdx avoids at run time (it probes for a GPU); here it is the
 * reference.
 */
class TokenizersNativeTest {

  @Test
  void theLibraryGoesWhereDjlPutsIt() throws Exception {
    Platform djl = Platform.detectPlatform("tokenizers");
    assertThat(TokenizersNative.engineCacheDir().resolve("tokenizers"))
        .isEqualTo(Utils.getEngineCacheDir("tokenizers"));
    assertThat(TokenizersNative.classifier()).isEqualTo(djl.getClassifier());
    assertThat(TokenizersNative.version()).isEqualTo(djl.getVersion());
  }

  @Test
  void theLibraryLoadsWithoutDjlsLoader() {
    // the test's class path keeps DJL and logdx in one class loader, the usual case
    assertThat(TokenizersNative.loadOwn()).isTrue();
  }
}
