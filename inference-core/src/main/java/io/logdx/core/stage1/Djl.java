package io.logdx.core.stage1;

/** Keeps DJL from calling home: must run before the first DJL class is used. */
final class Djl {
  private Djl() {}

  static void offline() {
    // DJL looks these up at first use; an application may have set them already, so only fill them
    // in.
    if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    if (System.getProperty("OPT_OUT_TRACKING") == null)
      System.setProperty("OPT_OUT_TRACKING", "true");
  }
}
