package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finance failures from a small real transfer service: balance checks, per-transaction and daily limits,
 * idempotency (request ids kept in the H2 database), and account states (read from the H2 database). The domain
 * exceptions are shown under the names banks and payment companies give them, with English and Korean messages.
 */
final class FinanceScenarios {
  private FinanceScenarios() {}

  static final class InsufficientBalanceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InsufficientBalanceException(String m) {
      super(m);
    }
  }

  static final class LimitExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LimitExceededException(String m) {
      super(m);
    }
  }

  static final class DuplicateTransferException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DuplicateTransferException(String m) {
      super(m);
    }
  }

  static final class AccountUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AccountUnavailableException(String m) {
      super(m);
    }
  }

  static final class Account {
    final String accountNo;
    BigDecimal balance;
    String status = "ACTIVE";

    Account(String accountNo, BigDecimal balance) {
      this.accountNo = accountNo;
      this.balance = balance;
    }
  }

  /** Limits per customer: one transfer and a day's total. */
  static final class TransferLimitChecker {
    final BigDecimal perTransaction;
    final BigDecimal daily;
    final Map<String, BigDecimal> usedToday = new HashMap<>();

    TransferLimitChecker(BigDecimal perTransaction, BigDecimal daily) {
      this.perTransaction = perTransaction;
      this.daily = daily;
    }

    void check(Ctx c, Account from, BigDecimal amount) {
      BigDecimal used = usedToday.getOrDefault(from.accountNo, BigDecimal.ZERO);
      if (amount.compareTo(perTransaction) > 0) {
        throw new LimitExceededException(Style.perTx(c, from.accountNo, perTransaction, amount));
      }
      if (used.add(amount).compareTo(daily) > 0) {
        throw new LimitExceededException(Style.daily(c, from.accountNo, daily, used, amount));
      }
      usedToday.put(from.accountNo, used.add(amount));
    }
  }

  /** Request ids already processed, kept in the transfers table (unique request_id). */
  static final class IdempotencyGuard {
    final JdbcTemplate jdbc;

    IdempotencyGuard(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    void checkNew(Ctx c, String requestId, String shownId) {
      Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM transfers WHERE request_id = ?", Integer.class, requestId);
      if (n != null && n > 0) throw new DuplicateTransferException(Style.duplicate(c, shownId));
    }
  }

  static final class AccountStatusValidator {
    final JdbcTemplate jdbc;

    AccountStatusValidator(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    void requireActive(Ctx c, long accountId, String shownNo, String shownStatus) {
      String status = jdbc.queryForObject("SELECT status FROM accounts WHERE id = ?", String.class, accountId);
      if (!"ACTIVE".equals(status)) throw new AccountUnavailableException(Style.unavailable(c, shownNo, shownStatus));
    }
  }

  static final class TransferService {
    final TransferLimitChecker limits;
    final IdempotencyGuard guard;
    final AccountStatusValidator status;

    TransferService(TransferLimitChecker limits, IdempotencyGuard guard, AccountStatusValidator status) {
      this.limits = limits;
      this.guard = guard;
      this.status = status;
    }

    void transfer(Ctx c, Account from, Account to, BigDecimal amount, String requestId, String shownRequestId,
        long accountId, String shownStatus) {
      guard.checkNew(c, requestId, shownRequestId);
      status.requireActive(c, accountId, from.accountNo, shownStatus);
      limits.check(c, from, amount);
      withdraw(c, from, amount);
      to.balance = to.balance.add(amount);
    }

    void withdraw(Ctx c, Account from, BigDecimal amount) {
      if (from.balance.compareTo(amount) < 0) {
        throw new InsufficientBalanceException(Style.insufficient(c, from.accountNo, from.balance, amount));
      }
      from.balance = from.balance.subtract(amount);
    }
  }

  /** Message and type naming styles of different shops. */
  static final class Style {
    static String won(BigDecimal v) {
      return String.format("%,d", v.longValue());
    }

    static String code(Ctx c, String... codes) {
      return c.s.chance(0.3) ? "[" + c.s.pick(codes) + "] " : "";
    }

    static String insufficient(Ctx c, String acct, BigDecimal bal, BigDecimal amt) {
      c.type(InsufficientBalanceException.class, c.s.pick("InsufficientBalanceException", "InsufficientFundsException",
          "NotEnoughBalanceException", "BalanceShortageException", "BusinessException", "PaymentDeclinedException",
          "InsufficientBalanceError", "TransferFailedException"));
      return code(c, "E1001", "BAL_001", "INSUFFICIENT_BALANCE", "ERR-4001") + c.s.pick(
          "Insufficient balance: account=" + acct + ", balance=" + bal.toPlainString() + ", requested=" + amt.toPlainString(),
          "잔액이 부족합니다. (잔액: " + won(bal) + "원, 요청금액: " + won(amt) + "원)",
          "Insufficient funds in account " + mask(acct),
          "Available balance " + bal.toPlainString() + " is less than the debit amount " + amt.toPlainString(),
          "출금 가능 금액이 부족합니다: " + mask(acct),
          "Not enough balance to complete the payment (required " + amt.toPlainString() + ")",
          "INSUFFICIENT_BALANCE: " + acct, "잔액부족",
          "Insufficient credit: available credit " + bal.toPlainString() + " < " + amt.toPlainString());
    }

    static String perTx(Ctx c, String acct, BigDecimal limit, BigDecimal amt) {
      type(c);
      return code(c, "E2001", "LIMIT_001", "TX_LIMIT_EXCEEDED") + c.s.pick(
          "Per-transaction limit of " + limit.toPlainString() + " exceeded: " + amt.toPlainString(),
          "1회 이체한도(" + won(limit) + "원)를 초과하였습니다",
          "Single transfer limit exceeded for account " + mask(acct) + " (limit " + limit.toPlainString() + ")",
          "Transaction amount " + amt.toPlainString() + " exceeds the maximum allowed " + limit.toPlainString());
    }

    static String daily(Ctx c, String acct, BigDecimal limit, BigDecimal used, BigDecimal amt) {
      type(c);
      return code(c, "E2002", "LIMIT_002", "DAILY_LIMIT_EXCEEDED") + c.s.pick(
          "Daily transfer limit exceeded: limit=" + limit.toPlainString() + ", used=" + used.toPlainString() + ", requested="
              + amt.toPlainString(),
          "1일 이체한도를 초과했습니다 (한도: " + won(limit) + "원, 사용: " + won(used) + "원)",
          "Daily withdrawal limit reached for account " + mask(acct),
          "Monthly payment limit exceeded for customer " + c.s.userId(),
          "일일 한도 초과: " + mask(acct), "Credit limit exceeded for card " + c.s.fakeCardMasked());
    }

    static void type(Ctx c) {
      c.type(LimitExceededException.class, c.s.pick("DailyLimitExceededException", "LimitExceededException",
          "TransferLimitExceededException", "TransactionLimitException", "BusinessException", "ExceedLimitException",
          "WithdrawalLimitException"));
    }

    static String duplicate(Ctx c, String id) {
      c.type(DuplicateTransferException.class, c.s.pick("DuplicateTransferException", "DuplicateRequestException",
          "IdempotencyConflictException", "AlreadyProcessedException", "DuplicatePaymentException", "BusinessException",
          "DuplicateTransactionException"));
      return code(c, "E3001", "DUP_REQ", "DUPLICATE_REQUEST") + c.s.pick(
          "Duplicate transfer request: requestId=" + id, "이미 처리된 요청입니다 (requestId=" + id + ")",
          "Idempotency-Key '" + id + "' was already used with a different request payload",
          "Transaction " + id + " has already been processed", "Duplicate payment detected for order " + id,
          "중복 거래입니다: " + id, "Request " + id + " is a duplicate of a transfer submitted at " + c.s.isoTime());
    }

    static String unavailable(Ctx c, String acct, String status) {
      c.type(AccountUnavailableException.class, switch (status) {
        case "FROZEN" -> c.s.pick("AccountFrozenException", "AccountStatusException", "AccountNotActiveException");
        case "DORMANT" -> c.s.pick("DormantAccountException", "AccountStatusException", "InactiveAccountException");
        case "CLOSED" -> c.s.pick("AccountClosedException", "AccountNotActiveException", "BusinessException");
        case "LOCKED" -> c.s.pick("AccountLockedException", "AccountStatusException");
        default -> c.s.pick("AccountSuspendedException", "AccountUnavailableException", "BusinessException");
      });
      return code(c, "E4001", "ACC_STATUS", "ACCOUNT_NOT_ACTIVE") + switch (status) {
        case "FROZEN" -> c.s.pick("Account " + acct + " is frozen", "지급정지된 계좌입니다: " + mask(acct),
            "Account frozen by court order: " + mask(acct), "Cannot debit a frozen account (" + acct + ")");
        case "DORMANT" -> c.s.pick("Account " + acct + " is dormant", "휴면계좌입니다. 영업점에 문의하세요",
            "Dormant account cannot be used for transfers: " + mask(acct));
        case "CLOSED" -> c.s.pick("Account " + acct + " is closed", "해지된 계좌입니다: " + mask(acct),
            "Target account has been closed");
        case "LOCKED" -> c.s.pick("Account " + acct + " is locked after too many failed PIN attempts",
            "계좌 비밀번호 오류 횟수 초과로 거래가 제한되었습니다");
        default -> c.s.pick("Account " + acct + " is suspended", "거래정지 계좌입니다",
            "Account suspended due to suspicious activity: " + mask(acct));
      };
    }

    static String mask(String acct) {
      return acct.length() > 4 ? "****" + acct.substring(acct.length() - 4) : acct;
    }
  }

  static TransferService service(Ctx c, BigDecimal perTx, BigDecimal daily) {
    JdbcTemplate jdbc = new JdbcTemplate(c.res.h2());
    return new TransferService(new TransferLimitChecker(perTx, daily), new IdempotencyGuard(jdbc), new AccountStatusValidator(jdbc));
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    l.add(cheap("insufficient_balance", "app.transfer.insufficient", c -> fail(() -> {
      Account from = new Account(c.s.accountNo(), new BigDecimal(c.s.amount()));
      BigDecimal amount = from.balance.add(new BigDecimal(c.s.amount())).add(BigDecimal.ONE);
      service(c, new BigDecimal("1000000000"), new BigDecimal("5000000000")).transfer(c, from, new Account(c.s.accountNo(),
          BigDecimal.ZERO), amount, c.s.txId(), c.s.txId(), 1, "ACTIVE");
    })));
    l.add(cheap("insufficient_balance", "app.withdraw.insufficient", c -> fail(() -> {
      Account from = new Account(c.s.accountNo(), new BigDecimal(c.s.amount()));
      service(c, BigDecimal.TEN, BigDecimal.TEN).withdraw(c, from, from.balance.multiply(BigDecimal.valueOf(c.s.between(2, 50))));
    })));
    l.add(cheap("limit_exceeded", "app.transfer.limits", c -> fail(() -> {
      BigDecimal perTx = new BigDecimal(c.s.pick("1000000", "5000000", "2000000", "500000"));
      BigDecimal daily = perTx.multiply(BigDecimal.valueOf(c.s.between(2, 5)));
      TransferService svc = service(c, perTx, daily);
      Account from = new Account(c.s.accountNo(), new BigDecimal("100000000000"));
      Account to = new Account(c.s.accountNo(), BigDecimal.ZERO);
      if (c.s.chance(0.4)) {
        svc.transfer(c, from, to, perTx.add(new BigDecimal(c.s.amount())), c.s.txId(), c.s.txId(), 1, "ACTIVE");
      }
      for (int i = 0; i < 10; i++) svc.transfer(c, from, to, perTx, c.s.txId(), c.s.txId(), 1, "ACTIVE");
    })));
    l.add(cheap("duplicate_transaction", "app.transfer.duplicate", c -> fail(() -> {
      Account from = new Account(c.s.accountNo(), new BigDecimal("100000000"));
      service(c, new BigDecimal("1000000000"), new BigDecimal("5000000000")).transfer(c, from, new Account(c.s.accountNo(),
          BigDecimal.ZERO), new BigDecimal(c.s.amount()), "REQ-0001", c.s.txId(), 1, "ACTIVE");
    })));
    l.add(cheap("account_unavailable", "app.transfer.account-status", c -> fail(() -> {
      Account from = new Account(c.s.accountNo(), new BigDecimal("100000000"));
      service(c, new BigDecimal("1000000000"), new BigDecimal("5000000000")).transfer(c, from, new Account(c.s.accountNo(),
          BigDecimal.ZERO), new BigDecimal(c.s.amount()), c.s.txId(), c.s.txId(), 3,
          c.s.pick("FROZEN", "DORMANT", "CLOSED", "LOCKED", "SUSPENDED"));
    })));
    return l;
  }
}
