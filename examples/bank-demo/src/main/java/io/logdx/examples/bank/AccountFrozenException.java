package io.logdx.examples.bank;

/** Money may not leave a frozen account. */
public class AccountFrozenException extends BankException {
  private static final long serialVersionUID = 1L;

  public AccountFrozenException(String message) {
    super(message);
  }
}
