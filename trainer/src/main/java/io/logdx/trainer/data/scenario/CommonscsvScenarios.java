package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Apache Commons CSV reading settlement and batch files: quoted fields that are broken or never closed (the parser's
 * CSVException inside the UncheckedIOException of its record iterator), and rows looked up by a header the file
 * does not have.
 */
final class CommonscsvScenarios {
  private CommonscsvScenarios() {}

  static String row(Ctx c) {
    return c.s.txId() + "," + c.s.accountNo() + "," + c.s.amount() + "," + c.s.currency();
  }

  static long sum(CSVParser p) {
    long n = 0;
    for (CSVRecord r : p) n += r.get("amount").length();
    return n;
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    l.add(cheap("deserialization", "commonscsv.malformed-quote", c -> {
      StringBuilder sb = new StringBuilder("request_id,account_no,amount,currency\n");
      for (int i = c.s.between(0, 5); i > 0; i--) sb.append(row(c)).append('\n');
      String memo = c.s.pick("Refund", "Fee", "Transfer");
      sb.append(switch (c.rnd.nextInt(3)) {
        // a quote inside a quoted field that is not doubled
        case 0 -> c.s.txId() + "," + c.s.accountNo() + ",\"" + c.s.krw() + "\"" + c.s.pick("KRW", "x", "원") + "," + c.s.currency() + "\n";
        // a quoted field that is never closed
        case 1 -> c.s.txId() + "," + c.s.accountNo() + ",\"" + c.s.amount() + "," + c.s.currency() + "\n";
        default -> c.s.txId() + ",\"" + memo + " \"" + memo.toLowerCase() + "\" " + c.s.digits(4) + "\"," + c.s.amount() + ",KRW\n";
      });
      for (int i = c.s.between(0, 3); i > 0; i--) sb.append(row(c)).append('\n');
      CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
      return fail(() -> {
        try (CSVParser p = CSVParser.parse(new StringReader(sb.toString()), format)) {
          c.use(sum(p));
        }
      });
    }));
    return l;
  }
}
