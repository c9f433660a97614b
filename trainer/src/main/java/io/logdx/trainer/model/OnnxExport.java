package io.logdx.trainer.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a trained {@link BagMlp} as an ONNX model (opset 17), everything after tokenisation:
 *
 * <pre>
 *   ids [n] int64 ─ Gather(emb fp16) ─ Cast(float) ─ MatMul(weights [S, n]) ─ Reshape [1, S*d] ─┐
 *   hidden [1,s,384], mask [1,1,s] ─ MatMul ─ Div(ReduceSum(mask)) ─ Reshape ─┴ Concat ─ Gemm ─ Relu ─ Gemm
 *     ─ Mul(1/T) ─ Softmax ─ probs [1, C]
 * </pre>
 *
 * The bag branch exists when the model has one ({@code dim > 0}); the encoder branch (mean pooling of the
 * encoder's last hidden state under its attention mask) when it has a dense input. The embedding table is stored
 * in half precision (with a Cast after the Gather) to keep the file small; the trainer rounds its own table the
 * same way before export, so both give the same probabilities.
 */
public final class OnnxExport {
  private static final int FLOAT = 1;
  private static final int INT64 = 7;
  private static final int FLOAT16 = 10;

  private OnnxExport() {}

  public static byte[] export(BagMlp m, float temperature, String docString) {
    List<Proto> nodes = new ArrayList<>();
    List<Proto> inits = new ArrayList<>();
    List<Proto> inputs = new ArrayList<>();
    String x;
    List<String> parts = new ArrayList<>();
    if (m.dim > 0) {
      inputs.add(valueInfo("ids", INT64, new Object[] {"n"}));
      inputs.add(valueInfo("weights", FLOAT, new Object[] {(long) m.segments, "n"}));
      byte[] raw = new byte[m.emb.length * 2];
      ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : m.emb) bb.putShort(Fp16.fromFloat(v));
      inits.add(tensorRaw("emb", FLOAT16, new long[] {m.buckets, m.dim}, raw));
      nodes.add(node("Gather", new String[] {"emb", "ids"}, "bag_rows16", intAttr("axis", 0)));
      nodes.add(node("Cast", new String[] {"bag_rows16"}, "bag_rows", intAttr("to", FLOAT)));
      // per-segment means: weights [S, n] x rows [n, d] -> [S, d] -> [1, S*d]
      nodes.add(node("MatMul", new String[] {"weights", "bag_rows"}, "bag_segments"));
      inits.add(
          tensorInt64("bag_shape", new long[] {2}, new long[] {1, (long) m.segments * m.dim}));
      nodes.add(node("Reshape", new String[] {"bag_segments", "bag_shape"}, "bag"));
      parts.add("bag");
    }
    if (m.denseDim > 0) {
      inputs.add(valueInfo("last_hidden_state", FLOAT, new Object[] {1L, "s", (long) m.denseDim}));
      inputs.add(valueInfo("mask", FLOAT, new Object[] {1L, 1L, "s"}));
      nodes.add(node("MatMul", new String[] {"mask", "last_hidden_state"}, "pool_sum"));
      // opset 13+: ReduceSum takes its axes as an input (ReduceMean only from opset 18)
      inits.add(tensorInt64("pool_axes", new long[] {1}, new long[] {2}));
      nodes.add(
          node("ReduceSum", new String[] {"mask", "pool_axes"}, "pool_n", intAttr("keepdims", 1)));
      nodes.add(node("Div", new String[] {"pool_sum", "pool_n"}, "pool3"));
      inits.add(tensorInt64("pool_shape", new long[] {2}, new long[] {1, m.denseDim}));
      nodes.add(node("Reshape", new String[] {"pool3", "pool_shape"}, "pooled"));
      parts.add("pooled");
    }
    if (parts.size() == 2) {
      nodes.add(node("Concat", new String[] {"bag", "pooled"}, "features", intAttr("axis", 1)));
      x = "features";
    } else {
      x = parts.get(0);
    }
    inits.add(tensorFloat("w1", new long[] {m.hidden, m.in}, m.w1));
    inits.add(tensorFloat("b1", new long[] {m.hidden}, m.b1));
    inits.add(tensorFloat("w2", new long[] {m.classes, m.hidden}, m.w2));
    inits.add(tensorFloat("b2", new long[] {m.classes}, m.b2));
    inits.add(tensorFloat("inv_temperature", new long[] {}, new float[] {1f / temperature}));
    nodes.add(node("Gemm", new String[] {x, "w1", "b1"}, "h_pre", intAttr("transB", 1)));
    nodes.add(node("Relu", new String[] {"h_pre"}, "h"));
    nodes.add(node("Gemm", new String[] {"h", "w2", "b2"}, "logits", intAttr("transB", 1)));
    nodes.add(node("Mul", new String[] {"logits", "inv_temperature"}, "scaled"));
    nodes.add(node("Softmax", new String[] {"scaled"}, "probs", intAttr("axis", -1)));

    Proto graph = new Proto();
    for (Proto n : nodes) graph.message(1, n);
    graph.string(2, "logdx_stage1");
    for (Proto t : inits) graph.message(5, t);
    graph.string(10, docString);
    for (Proto i : inputs) graph.message(11, i);
    graph.message(12, valueInfo("probs", FLOAT, new Object[] {1L, (long) m.classes}));

    Proto model = new Proto();
    model.int64(1, 8); // IR version 8
    model.string(2, "logdx-trainer");
    model.string(3, "0.1.0");
    model.message(7, graph);
    model.message(8, new Proto().string(1, "").int64(2, 17));
    return model.toByteArray();
  }

  private static Proto node(String op, String[] in, String out, Proto... attrs) {
    Proto n = new Proto();
    for (String i : in) n.string(1, i);
    n.string(2, out);
    n.string(3, op + "_" + out);
    n.string(4, op);
    for (Proto a : attrs) n.message(5, a);
    return n;
  }

  private static Proto intAttr(String name, long v) {
    return new Proto().string(1, name).int64(3, v).int64(20, 2);
  }

  private static Proto intsAttr(String name, long... v) {
    Proto a = new Proto().string(1, name);
    for (long x : v) a.int64(8, x);
    return a.int64(20, 7);
  }

  private static Proto tensorRaw(String name, int type, long[] dims, byte[] raw) {
    Proto t = new Proto();
    for (long d : dims) t.int64(1, d);
    t.int64(2, type);
    t.string(8, name);
    t.bytes(9, raw);
    return t;
  }

  private static Proto tensorFloat(String name, long[] dims, float[] v) {
    ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) bb.putFloat(f);
    return tensorRaw(name, FLOAT, dims, bb.array());
  }

  private static Proto tensorInt64(String name, long[] dims, long[] v) {
    ByteBuffer bb = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long f : v) bb.putLong(f);
    return tensorRaw(name, INT64, dims, bb.array());
  }

  /** A tensor value: dims are Long (fixed) or String (symbolic). */
  private static Proto valueInfo(String name, int elemType, Object[] dims) {
    Proto shape = new Proto();
    for (Object d : dims) {
      Proto dim = new Proto();
      if (d instanceof Long) dim.int64(1, (Long) d);
      else dim.string(2, (String) d);
      shape.message(1, dim);
    }
    Proto tensor = new Proto().int64(1, elemType).message(2, shape);
    Proto type = new Proto().message(1, tensor);
    return new Proto().string(1, name).message(2, type);
  }
}
