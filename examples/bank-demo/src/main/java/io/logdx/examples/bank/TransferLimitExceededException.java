package io.logdx.examples.bank;

/** The transfer would take the source account over its daily limit. */
public class TransferLimitExceededException extends BankException {
  private static final long serialVersionUID = 1L;

  public TransferLimitExceededException(String message) {
    super(message);
  }
}
