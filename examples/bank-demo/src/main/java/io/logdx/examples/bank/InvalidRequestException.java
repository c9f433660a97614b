package io.logdx.examples.bank;

/** A request body that could not be turned into a transfer; the parse exception is the cause. */
public class InvalidRequestException extends BankException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
