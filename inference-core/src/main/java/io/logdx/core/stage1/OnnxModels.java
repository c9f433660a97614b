package io.logdx.core.stage1;

import io.logdx.core.Classifier;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Finds and opens stage 1 models exported by the trainer. A model is a folder holding {@code model.properties}
 * (id, version, variant, file names, featurizer settings, threshold, labels), the ONNX graph (or the graphs of an
 * ensemble's members, listed comma-separated) and the tokenizer.
 * The shipped model lives on the classpath under {@value #SHIPPED}.
 */
final class OnnxModels {
  /** Classpath folder of the shipped model. */
  static final String SHIPPED = "io/logdx/model";

  static final String CLASSPATH = "classpath:";

  private OnnxModels() {}

  /**
   * The model at a location: {@code default} (the shipped one), {@code classpath:folder} or a file-system folder.
   * Returns {@code null} when the location holds no model.
   */
  static OnnxClassifier load(String location) throws Exception {
    Source src = source(location);
    byte[] props = src.read("model.properties");
    if (props == null) return null;
    Properties p = new Properties();
    p.load(new InputStreamReader(new ByteArrayInputStream(props), StandardCharsets.UTF_8));
    String variant = p.getProperty("variant", "lexical");
    if (!"lexical".equals(variant)) {
      throw new IllegalArgumentException("unsupported stage 1 variant at run time: " + variant);
    }
    // feature sets beyond the base ones (models of 0.3.0 and before name none); a set this engine
    // does not know means a newer model, refused before anything else is read
    java.util.Set<OnnxClassifier.LexicalFeaturizer.Extra> extras =
        OnnxClassifier.LexicalFeaturizer.Extra.parse(p.getProperty("features", ""));
    String id = require(p, "id") + "/" + require(p, "version");
    List<String> labels = Arrays.asList(require(p, "labels").split(","));
    double threshold = Double.parseDouble(p.getProperty("threshold", "0"));
    int buckets = Integer.parseInt(require(p, "buckets"));
    int maxTokens = Integer.parseInt(require(p, "maxTokens"));
    // one file, or the members of an ensemble (comma-separated)
    List<byte[]> onnx = new java.util.ArrayList<>();
    for (String f : require(p, "onnx").split(",")) onnx.add(src.require(f.trim()));
    byte[] tok = src.require(require(p, "tokenizer"));
    OnnxClassifier.LexicalFeaturizer featurizer =
        new OnnxClassifier.LexicalFeaturizer(
            new ByteArrayInputStream(tok), buckets, maxTokens, extras);
    try {
      double meanTemperature = Double.parseDouble(p.getProperty("meanTemperature", "1"));
      return new OnnxClassifier(
          id, onnx, labels, new OnnxClassifier.Calibration(meanTemperature, threshold), featurizer);
    } catch (Exception | LinkageError e) {
      featurizer.close();
      throw e;
    }
  }

  /** Loads a model as a {@link Classifier}; see {@link #load(String)}. */
  static Classifier classifier(String location) throws Exception {
    return load(location);
  }

  private static String require(Properties p, String key) throws IOException {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) throw new IOException("model.properties lacks " + key);
    return v.trim();
  }

  private static Source source(String location) {
    if (location == null || ModelLoader.DEFAULT.equals(location)) return new Classpath(SHIPPED);
    if (location.startsWith(CLASSPATH))
      return new Classpath(location.substring(CLASSPATH.length()));
    return new Folder(Path.of(location));
  }

  private interface Source {
    /** The bytes of a file, or null when there is none. */
    byte[] read(String name) throws IOException;

    default byte[] require(String name) throws IOException {
      byte[] b = read(name);
      if (b == null) throw new FileNotFoundException(name);
      return b;
    }
  }

  private record Classpath(String folder) implements Source {
    @Override
    public byte[] read(String name) throws IOException {
      String f = folder.startsWith("/") ? folder.substring(1) : folder;
      String path = (f.isEmpty() || f.endsWith("/") ? f : f + "/") + name;
      // This module first: on the module path a class loader does not hand out resources of a named
      // module's folders (the shipped model's), while the module's own classes may read them. Then
      // the class loader, for a model in another jar.
      InputStream own = OnnxModels.class.getResourceAsStream("/" + path);
      ClassLoader cl = OnnxModels.class.getClassLoader();
      try (InputStream in =
          own != null
              ? own
              : cl == null
                  ? ClassLoader.getSystemResourceAsStream(path)
                  : cl.getResourceAsStream(path)) {
        return in == null ? null : in.readAllBytes();
      }
    }
  }

  private record Folder(Path dir) implements Source {
    @Override
    public byte[] read(String name) throws IOException {
      Path p = dir.resolve(name);
      return Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
    }
  }
}
