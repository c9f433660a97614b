package io.logdx.cli;

/** A problem with the files a command reads or writes; ends the command with {@link ExitCodes#INPUT_ERROR}. */
final class InputException extends Exception {
  InputException(String message) {
    super(message);
  }

  InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
