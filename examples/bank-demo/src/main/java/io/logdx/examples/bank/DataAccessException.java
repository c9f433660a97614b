package io.logdx.examples.bank;

/** A repository call failed in the driver or the pool; the SQLException is the cause. */
public class DataAccessException extends BankException {
  private static final long serialVersionUID = 1L;

  public DataAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
