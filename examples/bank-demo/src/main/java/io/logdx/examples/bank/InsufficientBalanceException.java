package io.logdx.examples.bank;

/** The source account holds less than the amount to debit. */
public class InsufficientBalanceException extends BankException {
  private static final long serialVersionUID = 1L;

  public InsufficientBalanceException(String message) {
    super(message);
  }
}
