package io.logdx.examples.bank;

import java.math.BigDecimal;

/**
 * One row of {@code accounts}. {@code version} is the optimistic-lock column: every update checks and bumps it.
 *
 * @param id account number, e.g. {@code ACC-1001}
 * @param owner holder's name (synthetic)
 * @param currency ISO currency code
 * @param balance current balance
 * @param status {@code ACTIVE} or {@code FROZEN}
 * @param dailyLimit how much may leave the account per calendar day
 * @param version optimistic-lock version
 */
public record Account(
    String id,
    String owner,
    String currency,
    BigDecimal balance,
    Status status,
    BigDecimal dailyLimit,
    long version) {

  /** Whether money may leave the account. */
  public enum Status {
    ACTIVE,
    FROZEN
  }
}
