package io.logdx.trainer.data;

import java.util.Objects;

/**
 * One generated training example: the failure as it would appear in a log, its taxonomy label and where it came
 * from ({@code logdx-gen:<scenario>:<rendering>}).
 */
public record Example(String id, String text, String label, String source) {
  public Example {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(source, "source");
  }

  /** The example as one JSON object on one line: {@code {"id","text","label","source"}}. */
  public String toJson() {
    return "{\"id\":" + Json.quote(id) + ",\"text\":" + Json.quote(text) + ",\"label\":" + Json.quote(label)
        + ",\"source\":" + Json.quote(source) + "}";
  }
}
