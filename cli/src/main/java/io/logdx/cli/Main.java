package io.logdx.cli;

/**
 * Entry point of {@code java -jar logdx.jar}. Keeps DJL offline before any engine class is loaded, then hands
 * over to {@link LogdxCommand}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // DJL's tokenizer library calls home on first use unless told not to. This must run before any
    // class of the engine (and so of DJL) is loaded, which is why Main refers to no such class
    // itself.
    System.setProperty("ai.djl.offline", "true");
    System.exit(LogdxCommand.run(args));
  }
}
