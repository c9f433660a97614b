package io.logdx.examples.bank;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import javax.sql.DataSource;

/**
 * Books transfers: checks the source account (status, daily limit, balance), writes the transfer row (its
 * request id is the idempotency key), moves the money with a versioned update, and posts the entry to the
 * ledger before committing, so that a ledger failure rolls the transfer back.
 */
public final class TransferService {
  private final DataSource dataSource;
  private final AccountRepository accounts;
  private final TransferRepository transfers;
  // volatile: operations switch to the standby ledger at run time, without a restart
  private volatile LedgerClient ledger;

  public TransferService(
      DataSource dataSource,
      AccountRepository accounts,
      TransferRepository transfers,
      LedgerClient ledger) {
    this.dataSource = dataSource;
    this.accounts = accounts;
    this.transfers = transfers;
    this.ledger = ledger;
  }

  /** Points the service at another ledger (failover to the standby site). */
  public void useLedger(LedgerClient other) {
    this.ledger = other;
  }

  /** Books a transfer in one transaction. */
  public TransferReceipt transfer(TransferRequest t) {
    return inTransaction(t, c -> book(c, t, accounts.findById(c, t.sourceId())));
  }

  /** Reads the source account for a confirmation screen; nothing is booked yet. */
  public TransferQuote quote(TransferRequest t) {
    try (Connection c = dataSource.getConnection()) {
      return new TransferQuote(t, accounts.findById(c, t.sourceId()));
    } catch (SQLException e) {
      throw new DataAccessException("Quote for transfer " + t.requestId() + " failed", e);
    }
  }

  /** Books a quoted transfer against the account version the customer saw. */
  public TransferReceipt confirm(TransferQuote q) {
    return inTransaction(q.request(), c -> book(c, q.request(), q.source()));
  }

  private interface Work {
    TransferReceipt run(Connection c) throws SQLException;
  }

  private TransferReceipt inTransaction(TransferRequest t, Work work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        TransferReceipt receipt = work.run(c);
        c.commit();
        return receipt;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new DataAccessException("Transfer " + t.requestId() + " could not be booked", e);
    }
  }

  private TransferReceipt book(Connection c, TransferRequest t, Account source)
      throws SQLException {
    if (source.status() == Account.Status.FROZEN) {
      throw new AccountFrozenException("Account " + source.id() + " is frozen; debits are blocked");
    }
    BigDecimal amount = t.amount();
    BigDecimal sentToday = transfers.sentOn(c, source.id(), t.executionDate());
    if (sentToday.add(amount).compareTo(source.dailyLimit()) > 0) {
      throw new TransferLimitExceededException(
          "Daily transfer limit of "
              + source.dailyLimit().toPlainString()
              + " KRW exceeded for account "
              + source.id()
              + ": "
              + sentToday.toPlainString()
              + " KRW already sent on "
              + t.executionDate()
              + ", "
              + amount.toPlainString()
              + " KRW requested");
    }
    if (source.balance().compareTo(amount) < 0) {
      throw new InsufficientBalanceException(
          "Insufficient balance in account "
              + source.id()
              + ": "
              + source.balance().toPlainString()
              + " KRW available, "
              + amount.toPlainString()
              + " KRW requested");
    }
    long transferId;
    try {
      transferId = transfers.insert(c, t);
    } catch (SQLIntegrityConstraintViolationException e) {
      throw new DuplicateTransferException(
          "Transfer request " + t.requestId() + " was already submitted", e);
    }
    BigDecimal newBalance = source.balance().subtract(amount);
    accounts.updateBalance(c, source, newBalance);
    accounts.credit(c, t.targetId(), amount);
    String entryId = ledger.post(transferId, t);
    return new TransferReceipt(transferId, t.requestId(), newBalance, entryId);
  }
}
