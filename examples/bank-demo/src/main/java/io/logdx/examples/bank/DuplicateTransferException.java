package io.logdx.examples.bank;

/** A transfer with this request id was already booked (the unique key on {@code transfers.request_id}). */
public class DuplicateTransferException extends BankException {
  private static final long serialVersionUID = 1L;

  public DuplicateTransferException(String message, Throwable cause) {
    super(message, cause);
  }
}
