package io.logdx.examples.bank;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The service's endpoints as a controller would have them: each turns a request into a service call and
 * every failure into a status code, logging the exception with {@code log.error("...", e)} as the
 * application's exception handler does. The request id goes into the MDC, as a servlet filter would put it.
 */
public final class BankApi {
  private static final Logger log = LoggerFactory.getLogger(BankApi.class);

  /** What an endpoint answered. */
  public record Response(int status, String body) {
    public boolean ok() {
      return status < 400;
    }
  }

  private final ObjectMapper json;
  private final TransferService transfers;
  private final StatementService statements;
  private final BulkTransferImporter importer;
  private final NotificationService notifications;

  public BankApi(
      ObjectMapper json,
      TransferService transfers,
      StatementService statements,
      BulkTransferImporter importer,
      NotificationService notifications) {
    this.json = json;
    this.transfers = transfers;
    this.statements = statements;
    this.importer = importer;
    this.notifications = notifications;
  }

  /** {@code POST /transfers} with a JSON body. */
  public Response submitTransfer(String body) {
    try {
      TransferPayload p = json.readValue(body, TransferPayload.class);
      MDC.put("requestId", p.requestId());
      TransferRequest t = toRequest(p);
      TransferReceipt receipt = transfers.transfer(t);
      notifications.transferBooked(receipt);
      return new Response(201, "transfer " + receipt.transferId());
    } catch (JsonProcessingException | RuntimeException e) {
      return failed("Transfer request", e);
    } finally {
      MDC.remove("requestId");
    }
  }

  /** {@code POST /transfers/quote}: reads the source account for a confirmation screen. */
  public TransferQuote quote(TransferRequest t) {
    return transfers.quote(t);
  }

  /** {@code POST /transfers/confirm}: books a quoted transfer. */
  public Response confirm(TransferQuote q) {
    MDC.put("requestId", q.request().requestId());
    try {
      TransferReceipt receipt = transfers.confirm(q);
      notifications.transferBooked(receipt);
      return new Response(201, "transfer " + receipt.transferId());
    } catch (RuntimeException e) {
      return failed("Transfer confirmation", e);
    } finally {
      MDC.remove("requestId");
    }
  }

  /** {@code POST /transfers/bulk}: a bulk file, booked line by line once every line was read. */
  public Response importBulk(String fileName, List<String> lines) {
    try {
      List<TransferRequest> parsed = importer.parse(fileName, lines);
      for (TransferRequest t : parsed) {
        transfers.transfer(t);
      }
      return new Response(201, parsed.size() + " transfers");
    } catch (RuntimeException e) {
      return failed("Bulk import of " + fileName, e);
    }
  }

  /** {@code GET /accounts/{id}/history}. */
  public Response balanceHistory(String accountId) {
    try {
      return new Response(200, statements.balanceHistory(accountId).toString());
    } catch (RuntimeException e) {
      return failed("Balance history of " + accountId, e);
    }
  }

  /** {@code GET /reports/turnover?days=N}. */
  public Response turnoverReport(int days) {
    try {
      return new Response(200, Long.toString(statements.turnoverReport(days)));
    } catch (RuntimeException e) {
      return failed("Turnover report", e);
    }
  }

  private static TransferRequest toRequest(TransferPayload p) {
    LocalDate date;
    try {
      date = p.executionDate() == null ? LocalDate.now() : LocalDate.parse(p.executionDate());
    } catch (RuntimeException e) {
      throw new InvalidRequestException(
          "Transfer request " + p.requestId() + " has an unreadable executionDate", e);
    }
    return new TransferRequest(
        p.requestId(), p.sourceId(), p.targetId(), new BigDecimal(p.amount()), date, p.memo());
  }

  private static Response failed(String what, Exception e) {
    int status = statusOf(e);
    log.error("{} failed with status {}", what, status, e);
    return new Response(status, String.valueOf(e.getMessage()));
  }

  private static int statusOf(Exception e) {
    if (e instanceof JsonProcessingException
        || e instanceof InvalidRequestException
        || e instanceof BulkImportException) {
      return 400;
    }
    if (e instanceof DuplicateTransferException || e instanceof OptimisticLockException) {
      return 409;
    }
    if (e instanceof InsufficientBalanceException
        || e instanceof TransferLimitExceededException
        || e instanceof AccountFrozenException) {
      return 422;
    }
    if (e instanceof LedgerException le) {
      return le.status() == 429 ? 429 : 502;
    }
    if (e instanceof DataAccessException) {
      return 503;
    }
    return 500;
  }
}
