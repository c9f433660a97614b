package io.logdx.cli;

import com.example.bank.TransferService;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Provokes real failures through {@link TransferService} and logs them through whatever logging framework the
 * test wires in: {@value #BAD_AMOUNTS} bad amounts, {@value #LEDGER_DOWN} refused ledger calls and
 * {@value #MISSING_STATEMENTS} missing statement files, each with other ids, between ordinary INFO lines.
 * Records the application frames the report has to name.
 */
final class FailureScenario {
  static final int BAD_AMOUNTS = 5;
  static final int LEDGER_DOWN = 3;
  static final int MISSING_STATEMENTS = 2;

  /** The logging calls the scenario needs. */
  interface Log {
    void info(String message);

    void error(String message, Throwable t);

    void warn(String message, Throwable t);
  }

  StackTraceElement badAmountFrame;
  StackTraceElement ledgerFrame;
  StackTraceElement statementFrame;

  void run(Log log, Path dataDir) throws Exception {
    TransferService svc = new TransferService();
    int port = TransferService.closedPort();
    for (int i = 0; i < BAD_AMOUNTS; i++) {
      String transfer = "T-" + (4711 + i * 13);
      log.info("transfer " + transfer + " accepted");
      try {
        svc.parseAmount("12a" + i);
        throw new AssertionError("parsed a bad amount");
      } catch (NumberFormatException e) {
        badAmountFrame = TransferService.appFrame(e);
        log.error("transfer " + transfer + " rejected: bad amount", e);
      }
      if (i < LEDGER_DOWN) {
        try {
          svc.postToLedger(port);
          throw new AssertionError("connected to a closed port");
        } catch (UncheckedIOException e) {
          ledgerFrame = TransferService.appFrame(e.getCause());
          log.error("ledger call for transfer " + transfer + " failed", e);
        }
      }
      if (i < MISSING_STATEMENTS) {
        try {
          svc.loadStatement(dataDir, "ACC-" + (100 + i));
          throw new AssertionError("read a missing file");
        } catch (NoSuchFileException e) {
          statementFrame = TransferService.appFrame(e);
          log.warn("statement for ACC-" + (100 + i) + " is missing", e);
        }
      }
      log.info("transfer " + transfer + " done");
    }
  }
}
