package io.logdx.examples.bank;

/**
 * The row changed since it was read: the versioned update matched no row. Named like the JPA exception that
 * an ORM would throw for the same situation.
 */
public class OptimisticLockException extends BankException {
  private static final long serialVersionUID = 1L;

  public OptimisticLockException(String message) {
    super(message);
  }
}
