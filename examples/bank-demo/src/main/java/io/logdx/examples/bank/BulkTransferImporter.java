package io.logdx.examples.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads bulk transfer files (payroll, supplier runs): one transfer per line,
 * {@code requestId;sourceId;targetId;amount;executionDate;memo}, amounts in plain notation.
 */
public final class BulkTransferImporter {

  /** Parses every line; a line that cannot be read fails the whole file (nothing is booked half-way). */
  public List<TransferRequest> parse(String fileName, List<String> lines) {
    List<TransferRequest> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      try {
        out.add(parseLine(lines.get(i)));
      } catch (RuntimeException e) {
        throw new BulkImportException(
            "Line " + (i + 1) + " of " + fileName + " cannot be imported", e);
      }
    }
    return out;
  }

  private static TransferRequest parseLine(String line) {
    String[] f = line.split(";", -1);
    if (f.length != 6) {
      throw new IllegalArgumentException("expected 6 fields, found " + f.length);
    }
    return new TransferRequest(
        f[0].trim(),
        f[1].trim(),
        f[2].trim(),
        new BigDecimal(f[3].trim()),
        LocalDate.parse(f[4].trim()),
        f[5].trim());
  }
}
