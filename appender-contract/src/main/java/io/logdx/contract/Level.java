package io.logdx.contract;

/** The levels the contract logs at; each harness maps them to its framework's own. */
public enum Level {
  INFO,
  WARN,
  ERROR
}
