package io.logdx.cli;

/** A problem with the files a command reads or writes; ends the command with {@link ExitCodes#INPUT_ERROR}. */
final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  InputException(String message) {
    super(message);
  }

  InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
