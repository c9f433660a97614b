package io.logdx.examples.bank;

import java.math.BigDecimal;

/**
 * A booked transfer.
 *
 * @param transferId database id of the transfer row
 * @param requestId the client's idempotency key
 * @param sourceBalance balance of the source account after the debit
 * @param ledgerEntryId id the ledger gave the entry
 */
public record TransferReceipt(
    long transferId, String requestId, BigDecimal sourceBalance, String ledgerEntryId) {}
