package io.logdx.trainer.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers writer (wire format only), enough to write ONNX {@code ModelProto} messages without
 * a generated-code dependency. Fields are written in the order they are added.
 */
final class Proto {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private void varint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private void tag(int field, int wireType) {
    varint(((long) field << 3) | wireType);
  }

  Proto int64(int field, long v) {
    tag(field, 0);
    varint(v);
    return this;
  }

  Proto float32(int field, float v) {
    tag(field, 5);
    int b = Float.floatToIntBits(v);
    for (int i = 0; i < 4; i++) out.write((b >>> (8 * i)) & 0xff);
    return this;
  }

  Proto bytes(int field, byte[] b) {
    tag(field, 2);
    varint(b.length);
    out.write(b, 0, b.length);
    return this;
  }

  Proto string(int field, String s) {
    return bytes(field, s.getBytes(StandardCharsets.UTF_8));
  }

  Proto message(int field, Proto m) {
    return bytes(field, m.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
