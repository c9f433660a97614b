package io.logdx.examples.bank;

import java.net.URI;

/**
 * The ledger call failed: either the ledger answered an error status ({@link #status()} is set) or the
 * call did not get an answer at all (the IOException is the cause, status 0). The message follows the form
 * REST clients use, {@code 503 Service Unavailable from POST http://...: body}.
 */
public class LedgerException extends BankException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public LedgerException(int status, String reason, String method, URI uri, String body) {
    super(status + " " + reason + " from " + method + " " + uri + ": " + body);
    this.status = status;
  }

  public LedgerException(String method, URI uri, Throwable cause) {
    super("I/O error on " + method + " request for \"" + uri + "\": " + cause.getMessage(), cause);
    this.status = 0;
  }

  /** HTTP status the ledger answered, 0 when there was no answer. */
  public int status() {
    return status;
  }
}
