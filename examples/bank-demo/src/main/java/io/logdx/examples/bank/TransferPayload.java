package io.logdx.examples.bank;

/**
 * The JSON body of {@code POST /transfers}, as clients send it: amounts and dates as strings, converted by
 * {@link BankApi}. Read with Jackson's default {@code FAIL_ON_UNKNOWN_PROPERTIES}, so a field the API does not
 * know is an error rather than silently dropped.
 */
public record TransferPayload(
    String requestId,
    String sourceId,
    String targetId,
    String amount,
    String executionDate,
    String memo) {}
