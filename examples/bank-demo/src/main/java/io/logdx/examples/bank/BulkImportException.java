package io.logdx.examples.bank;

/** A line of a bulk transfer file could not be read; the parse exception is the cause. */
public class BulkImportException extends BankException {
  private static final long serialVersionUID = 1L;

  public BulkImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
