package io.logdx.examples.bank;

/**
 * A transfer shown to the customer for confirmation, with the source account as it was read. Confirming books
 * it against that version of the account, so a change in between is caught rather than overwritten.
 *
 * @param request the transfer
 * @param source the source account when the quote was made
 */
public record TransferQuote(TransferRequest request, Account source) {}
