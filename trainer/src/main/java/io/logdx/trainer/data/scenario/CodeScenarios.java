package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Scanner;
import java.util.StringTokenizer;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Programming errors caused by running JDK code: nulls, arguments, state, parsing, casts, indexes, arithmetic. */
final class CodeScenarios {
  private CodeScenarios() {}

  /** A small domain object so that helpful NullPointerException messages name real fields. */
  static final class Account {
    String accountNo;
    BigDecimal balance;
    Customer owner;
    Long limitId;
    String status;
  }

  static final class Customer {
    String grade;
    String email;
    Map<String, String> attributes;
  }

  enum TransferStatus { REQUESTED, APPROVED, COMPLETED, CANCELLED, FAILED }

  static final class FeeCalculator {
    BigDecimal fee(Account account, BigDecimal amount) {
      BigDecimal rate = account.owner.grade.equals("GOLD") ? new BigDecimal("0.001") : new BigDecimal("0.003");
      return amount.multiply(rate);
    }

    BigDecimal share(BigDecimal total, int parts) {
      return total.divide(BigDecimal.valueOf(parts));
    }
  }

  static final class AccountMapper {
    Account map(Map<String, Object> row) {
      Account a = new Account();
      a.accountNo = (String) row.get("account_no");
      a.balance = (BigDecimal) row.get("balance");
      a.limitId = (Long) row.get("limit_id");
      return a;
    }
  }

  static final class StatementParser {
    String[] columns(String line) {
      return line.split(",");
    }

    String field(String line, int index) {
      return columns(line)[index];
    }
  }

  static final class CategoryTree {
    final Map<Long, Long> parent = new HashMap<>();

    int depth(long id) {
      Long p = parent.get(id);
      return p == null ? 0 : 1 + depth(p);
    }
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- null_reference
    l.add(cheap("null_reference", "jdk.npe.helpful-field", c -> fail(() -> {
      Account account = new Account();
      account.owner = c.s.chance(0.5) ? null : new Customer();
      new FeeCalculator().fee(account, new BigDecimal(c.s.amount()));
    })));
    l.add(cheap("null_reference", "jdk.npe.map-get-return", c -> fail(() -> {
      Map<String, BigDecimal> rates = new HashMap<>();
      rates.put("USD", new BigDecimal("1350.20"));
      String ccy = c.s.pick("EUR", "JPY", "SGD", "GBP");
      BigDecimal converted = rates.get(ccy).multiply(new BigDecimal(c.s.amount()));
      c.use(converted.toPlainString());
    })));
    l.add(cheap("null_reference", "jdk.npe.requireNonNull", c -> fail(() -> {
      String field = c.s.field();
      Object value = null;
      java.util.Objects.requireNonNull(value, c.s.pick(field + " must not be null", field + " is required",
          field + "은(는) 필수입니다", "'" + field + "' cannot be null"));
    })));
    l.add(cheap("null_reference", "jdk.npe.unboxing", c -> fail(() -> {
      Account account = new Account();
      long limit = account.limitId;
      c.use(Long.toString(limit));
    })));
    l.add(cheap("null_reference", "jdk.npe.string-method", c -> fail(() -> {
      Account account = new Account();
      account.status = null;
      if (account.status.equalsIgnoreCase("ACTIVE")) c.use("");
    })));
    l.add(cheap("null_reference", "jdk.npe.collection-null", c -> fail(() -> {
      switch (c.rnd.nextInt(4)) {
        case 0 -> List.of("a", null);
        case 1 -> Map.of("key", (Object) null);
        case 2 -> new ConcurrentHashMap<String, String>().put(c.s.field(), null);
        default -> Optional.of((Object) null);
      }
    })));
    l.add(cheap("null_reference", "jdk.npe.array-and-chain", c -> fail(() -> {
      Customer customer = new Customer();
      if (c.s.chance(0.5)) {
        int[] scores = null;
        c.use(Integer.toString(scores[0]));
      } else {
        c.use(customer.attributes.get("segment"));
      }
    })));
    // ---- illegal_argument
    l.add(cheap("illegal_argument", "jdk.iae.enum-valueOf", c -> fail(() ->
        TransferStatus.valueOf(c.s.pick("PENDING", "DONE", "approved", "CANCELED", "SUCCESS", "")))));
    l.add(cheap("illegal_argument", "jdk.iae.uuid", c -> fail(() ->
        UUID.fromString(c.s.pick(c.s.hex(12), "REQ-" + c.s.digits(8), c.s.uuid().substring(0, 20))))));
    l.add(cheap("illegal_argument", "jdk.iae.capacity-and-timeout", c -> fail(() -> {
      switch (c.rnd.nextInt(4)) {
        case 0 -> new ArrayList<String>(-c.s.between(1, 50));
        case 1 -> Thread.sleep(-c.s.between(1, 5000));
        case 2 -> "-".repeat(-c.s.between(1, 9));
        default -> new HashMap<String, String>(-c.s.between(1, 64));
      }
    })));
    // Base64 decoding of a payload is deserialization (the more specific label): FormatScenarios codec.decoder
    l.add(cheap("illegal_argument", "jdk.iae.regex", c -> fail(() ->
        Pattern.compile(c.s.pick("[0-9", "(?<acct>\\d+", "*amount", "\\d{3,2}", "[a-z]++)")))));
    l.add(cheap("illegal_argument", "jdk.iae.port-uri", c -> fail(() -> {
      if (c.s.chance(0.5)) new java.net.InetSocketAddress(c.s.host(), c.s.between(65536, 99999));
      else java.net.URI.create("http://" + c.s.pick("payments api", "host name", "[fe80::1", "ledger|svc", "pay^gw") + "/v1");
    })));
    l.add(cheap("illegal_argument", "app.iae.validation", c -> fail(() -> {
      BigDecimal amount = new BigDecimal(c.s.chance(0.5) ? "-" + c.s.amount() : "0");
      checkAmount(amount, c);
    })));
    l.add(cheap("illegal_argument", "jdk.iae.localdate-of", c -> fail(() ->
        java.time.LocalDate.of(2024, c.s.between(13, 15), c.s.between(1, 28)))));
    // ---- illegal_state
    l.add(cheap("illegal_state", "jdk.ise.tomap-duplicate", c -> fail(() -> {
      String acct = c.s.accountNo();
      Stream.of(acct, c.s.accountNo(), acct).collect(Collectors.toMap(a -> a, a -> c.s.amount()));
    })));
    l.add(cheap("illegal_state", "jdk.ise.stream-reuse", c -> fail(() -> {
      Stream<String> s = Stream.of(c.s.txId(), c.s.txId());
      s.count();
      s.count();
    })));
    l.add(cheap("illegal_state", "jdk.ise.queue-full", c -> fail(() -> {
      ArrayBlockingQueue<String> q = new ArrayBlockingQueue<>(c.s.between(1, 3));
      for (int i = 0; i < 5; i++) q.add(c.s.txId());
    })));
    l.add(cheap("illegal_state", "jdk.ise.matcher-iterator", c -> fail(() -> {
      if (c.s.chance(0.5)) {
        Matcher m = Pattern.compile("ACC-(\\d+)").matcher(c.s.accountNo() + "x");
        c.use(m.group(1));
      } else {
        Iterator<String> it = new ArrayList<>(List.of(c.s.txId(), c.s.txId())).iterator();
        it.next();
        it.remove();
        it.remove();
      }
    })));
    l.add(cheap("illegal_state", "jdk.ise.thread-cipher-timer", c -> fail(() -> {
      switch (c.rnd.nextInt(3)) {
        case 0 -> {
          Thread t = new Thread(() -> { });
          t.start();
          t.join();
          t.start();
        }
        case 1 -> javax.crypto.Cipher.getInstance("AES/GCM/NoPadding").doFinal(new byte[16]);
        default -> {
          java.util.Timer timer = new java.util.Timer(true);
          timer.cancel();
          timer.schedule(new java.util.TimerTask() {
            @Override public void run() { }
          }, 10);
        }
      }
    })));
    l.add(cheap("illegal_state", "app.ise.state-machine", c -> fail(() -> {
      TransferStatus st = c.s.pick(TransferStatus.CANCELLED, TransferStatus.COMPLETED, TransferStatus.FAILED);
      String id = c.s.txId();
      throw new IllegalStateException(c.s.pick("Cannot approve transfer " + id + " in state " + st,
          "Transfer " + id + " is already " + st, "Illegal state transition: " + st + " -> APPROVED",
          "거래 상태가 올바르지 않습니다: " + st, "Service not initialized", "Client has not been started",
          "Cache is not ready yet", "Already started"));
    })));
    // ---- number_format
    l.add(cheap("number_format", "jdk.nfe.parse", c -> fail(() -> {
      for (int attempt = 0; attempt < 20; attempt++) {
      // amounts as people type them, and the words, units and placeholders that configuration values also hold: the
      // bad text itself must not tell number_format from configuration_error, the code path around it does
      String in = c.s.chance(0.7)
          ? c.s.pick(c.s.krw(), c.s.amount() + " " + c.s.currency(), "", " " + c.s.digits(3), c.s.digits(11),
              "N/A", "null", "1e5", c.s.digits(3) + "원", "0x1F", c.s.digits(2) + "%", "12.5")
          : c.s.pick("ten", "twelve", "one hundred", "abc", "x", "-", "none", "20s", "64k", "1O0", "${AMOUNT}",
              "1,000", "3.5", "true");
      switch (c.rnd.nextInt(4)) {
        case 0 -> Integer.parseInt(in);
        case 1 -> Long.parseLong(in);
        case 2 -> Integer.valueOf(in);
        default -> Short.parseShort(in);
      }
      }
    })));
    l.add(cheap("number_format", "jdk.nfe.bigdecimal", c -> fail(() ->
        new BigDecimal(c.s.pick(c.s.krw(), c.s.amount() + c.s.currency(), "1.000,50", "₩" + c.s.digits(4), "--1",
            c.s.digits(3) + " " + c.s.digits(3))))));
    l.add(cheap("number_format", "jdk.nfe.double-and-null", c -> fail(() -> {
      if (c.s.chance(0.3)) Integer.parseInt(null);
      else Double.parseDouble(c.s.pick("abc", "1,5", "12.3.4", "", "NaN%", c.s.amount() + "USD", "ten", "half", "0.5s"));
    })));
    // ---- class_cast
    l.add(cheap("class_cast", "jdk.cce.map-value", c -> fail(() -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("account_no", c.s.chance(0.5) ? (Object) Long.valueOf(c.s.digits(9)) : c.s.accountNo());
      row.put("balance", c.s.chance(0.5) ? (Object) Double.valueOf(c.s.amount()) : new BigDecimal(c.s.amount()));
      row.put("limit_id", Integer.valueOf(c.s.between(1, 9999)));
      new AccountMapper().map(row);
    })));
    l.add(cheap("class_cast", "jdk.cce.raw-generics", c -> fail(() -> {
      List<Object> raw = new ArrayList<>();
      raw.add(c.s.chance(0.5) ? Long.valueOf(c.s.id()) : Integer.valueOf(c.s.between(1, 99)));
      @SuppressWarnings("unchecked")
      List<String> ids = (List<String>) (List<?>) raw;
      String first = ids.get(0);
      c.use(first);
    })));
    l.add(cheap("class_cast", "jdk.cce.domain", c -> fail(() -> {
      Object payment = c.s.chance(0.5) ? new Customer() : new FeeCalculator();
      Account a = (Account) payment;
      c.use(String.valueOf(a));
    })));
    l.add(cheap("class_cast", "jdk.cce.comparable-arraystore", c -> fail(() -> {
      if (c.s.chance(0.5)) {
        TreeSet<Object> set = new TreeSet<>();
        set.add(new Account());
        set.add(new Account());
      } else {
        Object[] arr = new String[2];
        arr[0] = Integer.valueOf(c.s.between(1, 500));
      }
    })));
    // ---- index_out_of_bounds
    l.add(cheap("index_out_of_bounds", "jdk.ioobe.list", c -> fail(() -> {
      List<String> items = new ArrayList<>();
      int n = c.s.between(0, 4);
      for (int i = 0; i < n; i++) items.add(c.s.txId());
      c.use(items.get(n + c.s.between(0, 2)));
    })));
    l.add(cheap("index_out_of_bounds", "jdk.aioobe.split", c -> fail(() -> {
      String line = c.s.accountNo() + "," + c.s.amount() + (c.s.chance(0.5) ? "," + c.s.currency() : "");
      new StatementParser().field(line, c.s.between(3, 6));
    })));
    l.add(cheap("index_out_of_bounds", "jdk.sioobe.substring", c -> fail(() -> {
      String acct = c.s.accountNo();
      switch (c.rnd.nextInt(3)) {
        case 0 -> acct.substring(0, acct.length() + c.s.between(1, 8));
        case 1 -> acct.charAt(acct.length() + c.s.between(0, 3));
        default -> acct.substring(c.s.between(3, 6), 2);
      }
    })));
    l.add(cheap("index_out_of_bounds", "jdk.ioobe.misc", c -> fail(() -> {
      switch (c.rnd.nextInt(4)) {
        case 0 -> { int[] buf = new int[-c.s.between(1, 100)]; c.use("" + buf.length); }
        case 1 -> List.of(c.s.txId()).subList(0, c.s.between(2, 5));
        case 2 -> new StringBuilder(c.s.accountNo()).deleteCharAt(40);
        default -> Arrays.asList(c.s.txId(), c.s.txId()).get(c.s.between(2, 9));
      }
    })));
    // ---- arithmetic
    l.add(cheap("arithmetic", "jdk.ae.divide-by-zero", c -> fail(() -> {
      int installments = 0;
      long amount = Long.parseLong(c.s.digits(6));
      c.use(Long.toString(amount / installments));
    })));
    l.add(cheap("arithmetic", "jdk.ae.bigdecimal-nonterminating", c -> fail(() -> {
      int parts = c.s.pick(3, 7, 9, 11, 13);
      new FeeCalculator().share(BigDecimal.valueOf((long) parts * c.s.between(1, 900_000) + 1), parts);
    })));
    l.add(cheap("arithmetic", "jdk.ae.bigdecimal-rounding", c -> fail(() -> {
      BigDecimal v = new BigDecimal(c.s.digits(3) + "." + c.s.digits(3) + "7");
      switch (c.rnd.nextInt(3)) {
        case 0 -> v.setScale(2);
        case 1 -> v.intValueExact();
        default -> v.setScale(0, RoundingMode.UNNECESSARY);
      }
    })));
    l.add(cheap("arithmetic", "jdk.ae.exact-and-zero", c -> fail(() -> {
      switch (c.rnd.nextInt(4)) {
        case 0 -> Math.addExact(Integer.MAX_VALUE - c.s.between(0, 10), c.s.between(11, 1000));
        case 1 -> Math.toIntExact(Long.parseLong("9" + c.s.digits(12)));
        case 2 -> new BigDecimal(c.s.amount()).divide(BigDecimal.ZERO);
        default -> BigInteger.valueOf(c.s.id()).mod(BigInteger.valueOf(-c.s.between(1, 9)));
      }
    })));
    // ---- concurrent_modification
    l.add(cheap("concurrent_modification", "jdk.cme.foreach-remove", c -> fail(() -> {
      List<String> pending = new ArrayList<>();
      for (int i = 0; i < c.s.between(3, 8); i++) pending.add(c.s.txId());
      String drop = pending.get(0);
      for (String tx : pending) {
        if (tx.equals(drop) || c.s.chance(0.3)) pending.remove(tx);
      }
    })));
    l.add(cheap("concurrent_modification", "jdk.cme.map-iteration", c -> fail(() -> {
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i < c.s.between(3, 6); i++) counts.put(c.s.accountNo(), i);
      for (String k : counts.keySet()) {
        counts.put(k + "-retry", 1);
      }
    })));
    l.add(cheap("concurrent_modification", "jdk.cme.stream-and-sublist", c -> fail(() -> {
      List<String> items = new ArrayList<>(List.of(c.s.txId(), c.s.txId(), c.s.txId()));
      if (c.s.chance(0.5)) {
        items.stream().forEach(i -> items.add(i + "-copy"));
      } else {
        List<String> page = items.subList(0, 2);
        items.add(c.s.txId());
        c.use(page.get(0));
      }
    })));
    l.add(cheap("concurrent_modification", "jdk.cme.computeIfAbsent", c -> fail(() -> {
      Map<String, Integer> cache = new HashMap<>();
      String a = c.s.accountNo();
      cache.computeIfAbsent(a, k -> {
        cache.put(k + ":parent", 1);
        return 2;
      });
    })));
    // ---- unsupported_operation
    l.add(cheap("unsupported_operation", "jdk.uoe.immutable", c -> fail(() -> {
      switch (c.rnd.nextInt(5)) {
        case 0 -> List.of(c.s.txId()).add(c.s.txId());
        case 1 -> Map.of("KRW", 1).put("USD", 2);
        case 2 -> Collections.unmodifiableList(new ArrayList<>(List.of(c.s.txId()))).set(0, "x");
        case 3 -> Stream.of(c.s.txId()).toList().remove(0);
        default -> Collections.emptyList().add(null);
      }
    })));
    l.add(cheap("unsupported_operation", "jdk.uoe.arrays-aslist", c -> fail(() -> {
      List<String> ids = Arrays.asList(c.s.txId(), c.s.txId());
      if (c.s.chance(0.5)) ids.add(c.s.txId());
      else ids.remove(0);
    })));
    l.add(cheap("unsupported_operation", "jdk.uoe.readonly-buffer", c -> fail(() -> {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(new byte[8]).asReadOnlyBuffer();
      if (c.s.chance(0.5)) b.put((byte) 1);
      else c.use("" + b.array().length);
    })));
    l.add(cheap("unsupported_operation", "app.uoe.not-supported", c -> fail(() -> {
      throw new UnsupportedOperationException(c.s.pick("Not implemented yet", "Not supported",
          "Refund is not supported for payment method " + c.s.pick("VIRTUAL_ACCOUNT", "POINT", "GIFT_CARD"),
          "Operation not supported: partialCancel", "지원하지 않는 기능입니다", null));
    })));
    // ---- no_such_element
    l.add(cheap("no_such_element", "jdk.nsee.optional", c -> fail(() -> {
      Optional<String> found = Optional.empty();
      if (c.s.chance(0.5)) found.get();
      else found.orElseThrow();
    })));
    l.add(cheap("no_such_element", "jdk.nsee.iterator-stream", c -> fail(() -> {
      List<String> none = new ArrayList<>();
      switch (c.rnd.nextInt(3)) {
        case 0 -> none.iterator().next();
        case 1 -> none.stream().filter(x -> x.startsWith("TX")).findFirst().get();
        default -> Collections.max(new ArrayList<Integer>());
      }
    })));
    l.add(cheap("no_such_element", "jdk.nsee.deque-scanner", c -> fail(() -> {
      switch (c.rnd.nextInt(5)) {
        case 0 -> new ArrayDeque<String>().removeFirst();
        case 1 -> new LinkedList<String>().getFirst();
        case 2 -> new Scanner("").nextLine();
        case 3 -> new StringTokenizer("", "|").nextToken();
        default -> new TreeMap<String, String>().firstKey();
      }
    })));
    // ---- stack_overflow
    l.add(costly("stack_overflow", "app.soe.recursion", 4, c -> fail(() -> {
      CategoryTree tree = new CategoryTree();
      long a = c.s.id();
      long b = a + 1;
      tree.parent.put(a, b);
      tree.parent.put(b, a);
      tree.depth(a);
    })));
    l.add(costly("stack_overflow", "jdk.soe.self-containing", 3, c -> fail(() -> {
      List<Object> list = new ArrayList<>();
      Map<String, Object> map = new HashMap<>();
      list.add(map);
      map.put("children", list);
      if (c.s.chance(0.5)) c.use("" + list.hashCode());
      else c.use(map.toString());
    })));
    return l;
  }

  /** A bean with a cycle, as a JPA entity pair would have. */
  public static final class Node {
    public Node child;
    public String name = "node";
  }

  static void checkAmount(BigDecimal amount, Ctx c) {
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException(c.s.pick("amount must be positive: " + amount,
          "Invalid amount: " + amount, "Amount must be greater than zero but was " + amount,
          "금액은 0보다 커야 합니다: " + amount, "Unsupported currency code: " + c.s.pick("KRWX", "US", "eur"),
          "pageSize must be between 1 and 100: " + c.s.between(101, 1000)));
    }
  }
}
