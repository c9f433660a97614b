package io.logdx.examples.bank;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A transfer as clients submit it (JSON body or one line of a bulk file).
 *
 * @param requestId the client's idempotency key; unique per transfer
 * @param sourceId account debited
 * @param targetId account credited
 * @param amount amount in the source account's currency
 * @param executionDate day the transfer is booked
 * @param memo free text shown on the statement
 */
public record TransferRequest(
    String requestId,
    String sourceId,
    String targetId,
    BigDecimal amount,
    LocalDate executionDate,
    String memo) {}
