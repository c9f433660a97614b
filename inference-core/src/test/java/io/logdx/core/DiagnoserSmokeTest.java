package io.logdx.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.engine.Diagnoser;
import java.net.ConnectException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DiagnoserSmokeTest {
  @Test
  void diagnosesALiveThrowableAndText() throws Exception {
    try (Diagnoser dx =
        Diagnoser.builder().appPackages("io.logdx.core").locale(Locale.ENGLISH).build()) {
      Exception e = new RuntimeException("wrapper", new ConnectException("Connection refused"));
      Diagnosis d = dx.diagnoseNow(e);
      assertThat(d.category()).isEqualTo("connection_refused");
      assertThat(d.rootCauseType()).contains("java.net.ConnectException");
      assertThat(d.location()).isPresent();
      assertThat(d.location().get().className()).isEqualTo(DiagnoserSmokeTest.class.getName());

      Diagnosis t = dx.diagnoseNow("java.net.ConnectException: Connection refused");
      assertThat(t.category()).isEqualTo("connection_refused");
    }
  }
}
