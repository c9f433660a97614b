package io.logdx.benchmarks;

import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Failure;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.internal.FailureParser;
import io.logdx.core.stage1.ModelLoader;
import io.logdx.core.stage1.OnnxClassifier;
import io.logdx.core.stage1.OnnxClassifier.LexicalFeaturizer;
import io.logdx.core.stage2.KnowledgeBaseGenerator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Diagnosis latency, single thread, broken down by step, for a short and a long trace.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DiagnosisLatencyBenchmark -bm sample -tu us
 * </pre>
 *
 * <p>Steps: {@code parseThrowable} (live throwable → masked chain, root, location, fingerprint: what an appender
 * pays per event), {@code parseText} (the same from printed text: what the CLI pays), {@code mask} (masking the
 * root message alone), {@code cacheHit} (parse + a cached diagnosis: the appender's hit path), {@code cacheLookup}
 * (a cached diagnosis for an already parsed failure), {@code stage1} (classification of a parsed failure:
 * tokenise + infer; also {@code stage1Tokenise} and {@code stage1Infer} apart), {@code stage2} (explanation), {@code wholeMiss} (parse + stage 1 + stage 2, nothing cached).
 */
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Dai.djl.offline=true", "-Xmx1g"})
@State(Scope.Thread)
public class DiagnosisLatencyBenchmark {

  @Param({"short", "long"})
  public String trace;

  private Throwable throwable;
  private String text;
  private String message;
  private FailureParser parser;
  private Failure failure;
  private Classifier classifier;
  private Classification classification;
  private Diagnoser cached;
  private OnnxClassifier onnx;
  private LexicalFeaturizer.Features features;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    System.setProperty("ai.djl.offline", "true");
    throwable = "short".equals(trace) ? Traces.shortTrace(7) : Traces.longTrace(7);
    text = Traces.print(throwable);
    parser = new FailureParser(List.of("io.logdx.benchmarks"), 256 * 1024);
    failure = parser.parse(throwable);
    message = failure.rootCause().orElseThrow().message();
    classifier = ModelLoader.load(ModelLoader.DEFAULT);
    classification = classifier.classify(failure);
    if (!(classifier instanceof OnnxClassifier)) {
      throw new IllegalStateException("the shipped model did not load: " + classifier.id());
    }
    onnx = (OnnxClassifier) classifier;
    features = onnx.featurizer().features(failure);
    cached = Diagnoser.builder().appPackages("io.logdx.benchmarks").locale(Locale.ENGLISH).build();
    cached.diagnoseNow(failure);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cached.close();
    classifier.close();
  }

  @Benchmark
  public Failure parseThrowable() {
    return parser.parse(throwable);
  }

  @Benchmark
  public Failure parseText() {
    return parser.parse(text);
  }

  @Benchmark
  public String mask() {
    return FailureParser.mask(message);
  }

  @Benchmark
  public Object cacheHit() {
    return cached.diagnose(parser.parse(throwable)).join();
  }

  @Benchmark
  public Object cacheLookup() {
    return cached.diagnose(failure).join();
  }

  @Benchmark
  public Classification stage1() throws Exception {
    return classifier.classify(failure);
  }

  /** Stage 1, first half: the DJL tokenizer and the hashed features. */
  @Benchmark
  public LexicalFeaturizer.Features stage1Tokenise() {
    return onnx.featurizer().features(failure);
  }

  /** Stage 1, second half: the ONNX Runtime session on prepared features. */
  @Benchmark
  public float[] stage1Infer() throws Exception {
    return onnx.probabilities(features);
  }

  @Benchmark
  public Object stage2() throws Exception {
    return KnowledgeBaseGenerator.shared().explain(failure, classification, Locale.ENGLISH);
  }

  @Benchmark
  public Object wholeMiss() throws Exception {
    // a fresh parse each time and no cache: what the first occurrence of a failure costs the worker
    Failure f = parser.parse(throwable);
    Classification c = classifier.classify(f);
    return KnowledgeBaseGenerator.shared().explain(f, c, Locale.KOREAN);
  }
}
