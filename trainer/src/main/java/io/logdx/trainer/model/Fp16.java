package io.logdx.trainer.model;

/** IEEE 754 half precision conversions (Java 17 has none), round to nearest even. */
public final class Fp16 {
  private Fp16() {}

  public static short fromFloat(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xff;
    int mant = bits & 0x7fffff;
    if (exp == 0xff) return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
    int e = exp - 127 + 15;
    if (e >= 0x1f) return (short) (sign | 0x7c00);
    if (e <= 0) {
      if (e < -10) return (short) sign;
      mant |= 0x800000;
      int shift = 14 - e;
      int half = mant >>> shift;
      int rem = mant & ((1 << shift) - 1);
      int mid = 1 << (shift - 1);
      if (rem > mid || (rem == mid && (half & 1) == 1)) half++;
      return (short) (sign | half);
    }
    int half = (e << 10) | (mant >>> 13);
    int rem = mant & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1)) half++;
    return (short) (sign | half);
  }

  public static float toFloat(short h) {
    int s = (h & 0x8000) << 16;
    int e = (h >>> 10) & 0x1f;
    int m = h & 0x3ff;
    if (e == 0) {
      if (m == 0) return Float.intBitsToFloat(s);
      float v = m / 1024f / 16384f;
      return (s != 0) ? -v : v;
    }
    if (e == 0x1f) return Float.intBitsToFloat(s | 0x7f800000 | (m << 13));
    return Float.intBitsToFloat(s | ((e - 15 + 127) << 23) | (m << 13));
  }

  /** The float nearest to {@code f} that half precision can hold. */
  public static float round(float f) {
    return toFloat(fromFloat(f));
  }
}
