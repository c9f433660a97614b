package io.logdx.core.stage2;

import io.logdx.core.Failure;
import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.Location;
import io.logdx.core.Failure.StackFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the concrete things a diagnosis names (null variable, table, constraint, host, port, URL, status, path,
 * pool, timeout, class, parse input...) out of the masked messages and frames of a {@link Failure}.
 *
 * <p>Every value is a substring of the failure (masked as the engine masked it), never computed or guessed;
 * the only derived entities are markers used by variant conditions ({@code constraint_kind}, {@code npe_unbox})
 * whose values are words of the trace or fixed keywords that are not rendered as facts.
 *
 * <p>Regexes are compiled once; every repetition is bounded and no group nests an unbounded repetition, so that
 * a pathological message cannot make matching super-linear. Messages are scanned up to {@link #MAX_SCAN}
 * characters, at most {@link #MAX_NODES} causes, most meaningful first (root cause, then what it wraps, then its
 * wrappers from the inside out).
 */
final class EntityExtractor {
  /** Characters of one message that are scanned. */
  static final int MAX_SCAN = 4096;

  /** Causes of a chain that are scanned. */
  static final int MAX_NODES = 8;

  /** Longest value rendered; longer ones are cut with an ellipsis (a cut, not an invention). */
  static final int MAX_VALUE = 160;

  /**
   * One extraction rule: a pattern whose groups fill the named entities (first value found wins). A rule runs
   * only when its cheap prefilter passes: one of its literals occurs in the message (or, for case-insensitive
   * rules, in the lower-cased message), or its guard pattern finds a match; most messages skip most rules.
   */
  private static final class Rule {
    final String[] anyOf;
    final boolean lowerCase;
    final Pattern guard;
    final Pattern typeFilter;
    final Pattern pattern;
    final String[] names;

    Rule(
        String anyOf,
        boolean lowerCase,
        Pattern guard,
        String typeFilter,
        String regex,
        String... names) {
      this.anyOf = anyOf == null ? null : anyOf.split("\\|");
      this.lowerCase = lowerCase;
      this.guard = guard;
      this.typeFilter = typeFilter == null ? null : Pattern.compile(typeFilter);
      this.pattern = Pattern.compile(regex);
      this.names = names;
    }

    boolean mayMatch(String type, String msg, String lower) {
      if (typeFilter != null && !typeFilter.matcher(type).find()) return false;
      if (guard != null && !guard.matcher(msg).find()) return false;
      if (anyOf == null) return true;
      String text = lowerCase ? lower : msg;
      for (String a : anyOf) {
        if (text.contains(a)) return true;
      }
      return false;
    }
  }

  private static final List<Rule> RULES = new ArrayList<>();

  /** A rule that runs when one of the {@code |}-separated literals occurs in the message (null: always). */
  private static void rule(String anyOf, String regex, String... names) {
    RULES.add(new Rule(anyOf, false, null, null, regex, names));
  }

  /** A rule that runs when one of the {@code |}-separated lower-case literals occurs in the lower-cased message. */
  private static void ruleCi(String anyOfLower, String regex, String... names) {
    RULES.add(new Rule(anyOfLower, true, null, null, regex, names));
  }

  /** A rule that runs when the guard pattern finds a match in the message. */
  private static void guarded(String guard, String regex, String... names) {
    RULES.add(new Rule(null, false, Pattern.compile(guard), null, regex, names));
  }

  /** A rule that runs only on causes whose class name matches. */
  private static void typed(String typeFilter, String regex, String... names) {
    RULES.add(new Rule(null, false, null, typeFilter, regex, names));
  }

  static {
    // --- Helpful NullPointerException messages (JEP 358)
    rule("Cannot invoke", "Cannot invoke \"([^\"\\n]{1,300})\"", "npe_method");
    rule("Cannot read field", "Cannot read field \"([^\"\\n]{1,200})\"", "npe_field");
    rule("Cannot assign field", "Cannot assign field \"([^\"\\n]{1,200})\"", "npe_field");
    rule("array", "Cannot (?:load from|store to) ([\\w.$]{1,100}) array", "npe_array");
    rule("array length", "Cannot (read the array length)", "npe_array");
    rule("synchronized", "Cannot (enter synchronized block)", "npe_other");
    rule("Cannot throw", "Cannot (throw exception)", "npe_other");
    rule("because \"", "because \"([^\"\\n]{1,200})\" is null", "npe_target");
    rule(
        "return value",
        "because the return value of \"([^\"\\n]{1,300})\" is null",
        "npe_return_of");

    // --- Databases: constraints, tables, columns, values (H2, PostgreSQL, MySQL, Oracle phrasing)
    rule(
        "constraint \"",
        "(?:unique|foreign key|check|exclusion|not-null) constraint \"([^\"\\n]{1,128})\"",
        "constraint");
    rule("Unique index", "Unique index or primary key violation: \"([\\w.$]{1,128})", "constraint");
    rule(
        "Referential integrity",
        "Referential integrity constraint violation: \"([\\w.$]{1,128})",
        "constraint");
    rule("Check constraint", "Check constraint violation: \"([\\w.$]{1,128})", "constraint");
    rule("Check constraint", "Check constraint '([^'\\n]{1,128})' is violated", "constraint");
    rule("CONSTRAINT `", "CONSTRAINT `([^`\\n]{1,128})`", "constraint");
    rule("for key '", "for key '([^'\\n]{1,128})'", "constraint");
    rule("constraint (", "constraint \\(([\\w.$\"]{1,128})\\) violated", "constraint");
    rule("on table \"", "on table \"([^\"\\n]{1,128})\"", "table");
    rule("relation \"", "(?:of|for) relation \"([^\"\\n]{1,128})\"", "table");
    rule("relation \"", "relation \"([^\"\\n]{1,128})\" does not exist", "table");
    rule("Table \"", "Table \"([^\"\\n]{1,128})\" not found", "table");
    rule("Table '", "Table '([^'\\n]{1,128})' doesn't exist", "table");
    rule("lock table", "lock table \"([^\"\\n]{1,128})\"", "table");
    rule(
        " ON ",
        "violation: \"[\\w.$]{1,128}(?: INDEX [\\w.$]{1,128})? ON ([\\w.$]{1,128})\\(",
        "table");
    rule("FOREIGN KEY", "\"[\\w.$]{1,128}: ([\\w.$]{1,128}) FOREIGN KEY", "table");
    rule("`.`", "\\(`[^`\\n]{1,64}`\\.`([^`\\n]{1,128})`, CONSTRAINT", "table");
    rule("ORA-00942", "(ORA-00942)", "db_code");
    rule("column", "(?:null value in column|column) \"([^\"\\n]{1,128})\"", "column");
    rule("for column \"", "for column \"([^\"\\n]{1,128})\"", "column");
    rule("Column \"", "Column \"([^\"\\n]{1,128})\" not found", "column");
    rule("Column '", "Column '([^'\\n]{1,128})' cannot be null", "column");
    rule("Unknown column", "Unknown column '([^'\\n]{1,128})'", "column");
    rule("cannot insert NULL", "cannot insert NULL into \\(([^)\\n]{1,200})\\)", "column");
    rule("invalid identifier", "ORA-00904: ([^:\\n]{1,128}): invalid identifier", "column");
    rule("Key (", "Key \\(([^)\\n]{1,128})\\)=\\(([^)\\n]{1,200})\\)", "column", "value");
    rule("Duplicate entry", "Duplicate entry '([^'\\n]{1,200})'", "value");
    // H2 marks the duplicate row with a comment (VALUES ( /* 1 */ 'kim' )); an INSERT's own VALUES
    // has none
    rule("VALUES", "VALUES \\( ?/\\* ?\\d{1,6} ?\\*/ ?([^)\\n]{1,200}?) ?\\)", "value");
    rule(
        "REFERENCES",
        "REFERENCES [\\w.$]{1,128}\\([^)\\n]{1,128}\\) \\((?:CAST\\()?([^()\\s\\n]{1,100})",
        "value");
    rule("ORA-", "\\b(ORA-\\d{5})\\b", "db_code");
    rule("-", "\\[(\\d{5})-\\d{1,4}\\]", "sql_state");
    rule("SQLState", "SQLState: ?([0-9A-Z]{5})", "sql_state");
    rule("SQL statement", "Syntax error in SQL statement \"([^\"\\n]{1,300})", "sql");
    rule("SQL statement", "SQL statement:\\s{0,3}([^\\n\\[]{1,300})", "sql");
    rule("expected \"", "; expected \"([^\"\\n]{1,200})\"", "sql_expected");
    rule("at or near", "syntax error at or near \"([^\"\\n]{1,100})\"", "sql_near");
    rule("near '", "near '([^'\\n]{1,200})' at line", "sql_near");
    rule("for user", "for user \"([^\"\\n]{1,64})\"", "db_user");
    rule("for user", "for user '([^'\\n]{1,64})'", "db_user");
    rule("Database \"", "Database \"([^\"\\n]{1,200})\" not found", "db_name");
    rule("database \"", "database \"([^\"\\n]{1,128})\" does not exist", "db_name");
    rule("Unknown database", "Unknown database '([^'\\n]{1,128})'", "db_name");
    rule("jdbc:", "(jdbc:[\\w]{1,20}:[^\\s\"'<>;]{1,250})", "jdbc_url");

    // --- Pools, executors, limiters
    rule("Connection is not available", "([\\w.-]{1,80}) - Connection is not available", "pool");
    rule(
        "HikariDataSource",
        "HikariDataSource (?:HikariDataSource )?\\(([\\w.-]{1,80})\\) has been closed",
        "pool");
    rule(
        "total=",
        "total=(\\d{1,6}), active=(\\d{1,6}), idle=(\\d{1,6}), waiting=(\\d{1,6})",
        "pool_total",
        "pool_active",
        "pool_idle",
        "pool_waiting");
    rule(
        "rejected from",
        "rejected from ([\\w.$]{1,200})@\\w{1,16}\\[(Running|Shutting down|Shutdown|Terminated|Terminating)",
        "executor",
        "executor_state");
    rule(
        "pool size =",
        "pool size = (\\d{1,6}), active threads = (\\d{1,6}), queued tasks = (\\d{1,9})",
        "pool_size",
        "active_threads",
        "queued_tasks");
    rule("RateLimiter '", "RateLimiter '([^'\\n]{1,80})'", "limiter");
    rule("TimeLimiter '", "TimeLimiter '([^'\\n]{1,80})'", "limiter");
    rule("CircuitBreaker '", "CircuitBreaker '([^'\\n]{1,80})'", "limiter");
    ruleCi("retry", "(?i)retry[- ]after[\\s:=]{1,3}(\\d{1,6})", "retry_after");

    // --- Time-outs with their value as printed (30000ms, 5 seconds)
    ruleCi(
        "timed out|timeout|time-out|after|exceeded|within",
        "(?i)(?:timed out|timeout|time-out|after|exceeded|within)\\D{0,20}?\\b(\\d{1,9} ?(?:ms|milliseconds?|millis|seconds?|secs?|s))\\b",
        "timeout");

    // --- Network: URLs, HTTP method and status, host and port
    rule("://", "\\b((?:https?|wss?|ftp)://[^\\s\"'<>\\[\\](){}]{1,300})", "url");
    rule(
        "GET |POST |PUT |DELETE |PATCH |HEAD |OPTIONS ",
        "\\b(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) (?:request for )?\"?(?:https?://|/)",
        "http_method");
    ruleCi(
        "status|response code|http",
        "(?i)\\b(?:status(?: code)?|response code|HTTP(?:/\\d(?:\\.\\d)?)?)[\\s:=]{1,3}\\[?([1-5]\\d\\d)\\b",
        "status");
    // Spring's "404 Not Found: ..." at the start of a message, or after "Type: " when read from a
    // log line
    rule(
        null,
        "(?:^|: )\\[?([1-5]\\d\\d)\\]? ?(?:[A-Z][a-z]{1,20}(?: [A-Za-z-]{1,20}){0,3})",
        "status");
    rule("\"status\"", "\"status\"\\s?:\\s?(\\d{3})", "status");
    rule(
        "Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Conflict|Gone|Unprocessable Entity"
            + "|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout",
        "\\b(?:1\\d\\d|2\\d\\d|3\\d\\d|4\\d\\d|5\\d\\d) (Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Conflict|Gone"
            + "|Unprocessable Entity|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)",
        "status_text");
    guarded(
        ":\\d",
        "(?<![\\w.:/-])((?:[A-Za-z0-9][A-Za-z0-9-]{0,62}\\.){0,8}[A-Za-z0-9][A-Za-z0-9-]{0,62})(?:/(\\d{1,3}(?:\\.\\d{1,3}){3}))?:(\\d{1,5})(?![\\d:.]|\\w)",
        "host",
        "ip",
        "port");
    ruleCi("port", "(?i)\\bport[\\s:=]{1,3}(\\d{1,5})\\b", "port");
    typed("UnknownHostException$", "^([^\\s:]{1,253})", "host");
    // the same exception named inside a wrapper's message ("... root cause:
    // java.net.UnknownHostException: host: ...")
    rule("UnknownHostException: ", "UnknownHostException: ([^\\s:]{1,253})", "host");

    // --- Files
    typed(
        "(?:NoSuchFile|FileNotFound|AccessDenied|FileSystem|FileAlreadyExists|DirectoryNotEmpty|NotDirectory|NotLink)Exception$",
        "^([^\\n(]{1,300}?)(?: \\(([^()\\n]{1,80})\\))?(?:: ([^\\n]{1,120}))?$",
        "path",
        "reason",
        "reason");
    rule("/", "(?<![\\w:/.<>-])(/(?:[\\w.@+~-]{1,128}/){0,40}[\\w.@+~-]{1,128})", "path");
    rule(":\\", "\\b([A-Za-z]:\\\\[^\\s\"'<>|*?]{1,260})", "path");

    // --- Classes and members (class loading, casts, enums)
    typed("ClassNotFoundException$", "^([\\w.$/\\[\\];-]{1,300})", "missing_class");
    typed(
        "NoClassDefFoundError$",
        "^(?:Could not initialize class )?([\\w.$/\\[\\];-]{1,300})",
        "missing_class");
    rule("Could not initialize class", "(Could not initialize class)", "static_init");
    typed(
        "NoSuchMethodError$|AbstractMethodError$|NoSuchFieldError$|IncompatibleClassChangeError$",
        "'([^'\\n]{1,300})'",
        "member");
    typed("NoSuchMethodError$|NoSuchFieldError$", "^([^'\\s][^\\n]{0,299})$", "member");
    rule(
        "'",
        "'[\\w.$\\[\\]<>]{1,200} ([\\w.$]{1,300})\\.([\\w$<>]{1,100})\\(",
        "member_owner",
        "member_name");
    rule("Receiver class", "Receiver class ([\\w.$]{1,300}) does not define", "receiver_class");
    rule("class file version", "^([\\w.$/]{1,300}) has been compiled", "missing_class");
    rule("class file version", "class file version (\\d{2}\\.\\d{1,2})", "class_version");
    rule("class file versions", "up to (\\d{2}\\.\\d{1,2})", "runtime_version");
    rule("loader constraint", "(loader constraint violation)", "loader_conflict");
    rule("java.library.path", "no ([\\w.-]{1,100}) in java\\.library\\.path", "native_lib");
    rule(
        "cannot be cast",
        "(?:class )?([\\w.$\\[\\];]{1,300}) cannot be cast to (?:class )?([\\w.$\\[\\];]{1,300})",
        "cast_from",
        "cast_to");
    typed("ArrayStoreException$", "^(?:arraycopy: )?([\\w.$\\[\\]; ]{1,300})$", "cast_from");
    rule(
        "No enum constant",
        "No enum constant ([\\w.$]{1,300})\\.([\\w$]{1,100})",
        "enum_class",
        "enum_value");

    // --- Parsing: input, position, expected format
    rule(
        "For input string",
        "For input string: \"([^\"\\n]{0,200})\"(?: under radix (\\d{1,2}))?",
        "input",
        "radix");
    rule("could not be parsed", "Text '([^'\\n]{0,200})' could not be parsed", "input");
    rule("Unparseable", "Unparseable (?:date|number): \"([^\"\\n]{0,200})\"", "input");
    rule("at index", "at index (\\d{1,6})", "parse_index");
    rule(
        "Invalid value for",
        "Invalid value for (\\w{1,60}) \\(valid values ([^)\\n]{1,60})\\): (-?\\d{1,12})",
        "parse_field",
        "allowed",
        "parse_value");
    rule("Unable to obtain", "Unable to obtain (\\w{1,40}) from TemporalAccessor", "parse_target");
    ruleCi(
        "expect",
        "(?i)expect(?:ed|ing)? (?:date |time )?(?:format|pattern)[:\\s]{1,3}[\"'`]?([^\"'`\\s,;]{1,60})",
        "expected_format");
    typed(
        "NumberFormatException$",
        "^(empty String|Zero length BigInteger|multiple points|Cannot parse null string(?:: null)?|null)$",
        "parse_problem");

    // --- Indexes and sizes
    rule(
        "out of bounds",
        "Index (-?\\d{1,10}) out of bounds for length (\\d{1,10})",
        "index",
        "length");
    rule("ndex", "[Ii]ndex:? (-?\\d{1,10}),? [Ss]ize:? (\\d{1,10})", "index", "length");
    rule("out of range", "(?:String|Array) index out of range: (-?\\d{1,10})", "index");
    rule(
        "begin",
        "begin (-?\\d{1,10}), end (-?\\d{1,10}), length (\\d{1,10})",
        "begin",
        "end",
        "length");
    rule(
        "out of bounds for",
        "index (-?\\d{1,10}) out of bounds for ([\\w.$\\[\\]]{1,80})",
        "index",
        "array_type");
    typed("NegativeArraySizeException$", "^(-\\d{1,10})", "size");

    // --- Arithmetic
    rule(
        "by zero|Division undefined|Non-terminating|Rounding necessary|overflow",
        "(/ by zero|[Dd]ivi(?:de|sion) by zero|Division undefined|Non-terminating decimal expansion|Rounding necessary"
            + "|\\w{1,10} overflow|BigInteger would overflow)",
        "arith");

    // --- Serialized payloads (JSON, XML, Java serialization, archives)
    rule("Unrecognized field", "Unrecognized field \"([^\"\\n]{1,100})\"", "json_field");
    rule("class ", "\\(class ([\\w.$]{1,300})\\)", "target_type");
    rule(
        "of type",
        "Cannot (?:deserialize|construct instance of) (?:value of type |instance of )?`([^`\\n]{1,200})`",
        "target_type");
    rule("from String", "from String \"([^\"\\n]{0,200})\"", "input");
    // Jackson before 2.9 wrote "Can not construct instance of X from String value '...'"
    rule("construct instance", "Can ?not construct instance of ([\\w.$]{1,200})", "target_type");
    rule("from String value", "from String value '([^'\\n]{0,200})'", "input");
    rule("Unexpected character", "Unexpected character \\('([^'\\n]{1,4})'", "unexpected");
    rule("line:", "line: (\\d{1,9}), column: (\\d{1,9})", "parse_line", "parse_column");
    rule(
        "lineNumber",
        "lineNumber: (\\d{1,9}); columnNumber: (\\d{1,9})",
        "parse_line",
        "parse_column");
    rule(
        "serialVersionUID",
        "stream classdesc serialVersionUID = (-?\\d{1,20}), local class serialVersionUID = (-?\\d{1,20})",
        "serial_stream",
        "serial_local");
    typed("InvalidClassException$", "^([\\w.$]{1,300});", "target_type");
    rule("stream header", "invalid stream header: ([0-9A-Fa-f]{1,16})", "stream_header");

    // --- Configuration
    rule("placeholder", "Could not resolve placeholder '([^'\\n]{1,200})'", "property");
    ruleCi(
        "property|setting|key",
        "(?i)(?:property|setting|key) ['\"]([\\w.\\-\\[\\]]{1,200})['\"]",
        "property");
    rule("qualifying bean", "No qualifying bean of type '([^'\\n]{1,300})'", "bean_type");
    rule("bean with name", "Error creating bean with name '([^'\\n]{1,200})'", "bean_name");
    rule(
        "find bundle",
        "Can't find bundle for base name ([\\w.$/-]{1,200}), locale ([\\w-]{0,40})",
        "bundle",
        "bundle_locale");
    rule(
        "resource for bundle",
        "Can't find resource for bundle ([\\w.$]{1,200}), key ([^\\s]{1,200})",
        "bundle",
        "property");

    // --- Security and validation
    rule("expired at", "expired at ([\\w:+.-]{1,40})", "expired_at");
    rule(
        "on field",
        "on field '([^'\\n]{1,100})': rejected value \\[([^\\]\\n]{0,100})\\]",
        "field",
        "rejected_value");
    typed(
        "ConstraintViolationException$|ValidationException$|BindException$",
        "(?:^|, )(?:[\\w$]{1,100}\\.){1,6}([\\w$\\[\\]]{1,100}): ([^,\\n]{1,120})",
        "field",
        "violation");

    // --- Finance: amounts, limits, accounts, request ids
    ruleCi(
        "balance|available",
        "(?i)\\b(?:balance|available)[\\s:=]{1,3}((?:-?\\d[\\d,]{0,20}(?:\\.\\d{1,4})?|<\\w{1,20}>)(?: ?(?:[A-Z]{3}\\b|원))?)",
        "balance");
    ruleCi(
        "requested|amount|attempted|debit|withdrawal|transfer",
        "(?i)\\b(?:requested|amount|attempted|debit|withdrawal|transfer)[\\s:=]{1,3}((?:-?\\d[\\d,]{0,20}(?:\\.\\d{1,4})?|<\\w{1,20}>)(?: ?(?:[A-Z]{3}\\b|원))?)",
        "requested");
    ruleCi(
        "limit",
        "(?i)\\blimit(?: of)?[\\s:=]{1,3}((?:\\d[\\d,]{0,20}(?:\\.\\d{1,4})?|<\\w{1,20}>)(?: ?(?:[A-Z]{3}\\b|원))?)",
        "limit");
    ruleCi(
        "limit",
        "(?i)\\b(daily|monthly|weekly|per-transaction|single-transaction|transfer|credit|withdrawal)(?: transfer)? limit",
        "limit_kind");
    ruleCi(
        "account",
        "(?i)\\baccount(?: no\\.?| number| id)?[\\s:=#]{1,3}(<account>|[\\w-]{0,40}\\d[\\w-]{0,40})",
        "account");
    ruleCi(
        "locked|frozen|closed|dormant|suspended|blocked|inactive",
        "(?i)\\b(locked|frozen|closed|dormant|suspended|blocked|inactive)\\b",
        "account_state");
    ruleCi(
        "idempotency",
        "(?i)idempotency[- _]key[\\s:=]{1,3}['\"]?([\\w<>-]{1,100})",
        "idempotency_key");
    ruleCi(
        "id",
        "(?i)\\b(?:request|transaction|payment|transfer|tx)[ _-]?id[\\s:=]{1,3}['\"]?([\\w<>-]{1,100})",
        "request_id");

    // --- Entities and ORM
    rule(
        "with id",
        "(?:find|found) ([\\w.$]{1,300}) with id ([^\\s\\n;]{1,100})",
        "entity",
        "entity_id");
    rule("#", "\\[([\\w.$]{1,300})#([^\\]\\n]{1,100})\\]", "entity", "entity_id");
    rule("collection of role", "collection of role: ([\\w.$]{1,300})", "association");
    rule(
        "expected",
        "[Ii]ncorrect result size: expected (\\d{1,9}), actual (\\d{1,9})",
        "expected_rows",
        "actual_rows");
  }

  private static final Pattern UNBOX =
      Pattern.compile(
          "^java\\.lang\\.(Integer|Long|Short|Byte|Double|Float|Boolean|Character)\\.\\w{1,10}Value\\(\\)$");
  private static final Pattern LOCAL = Pattern.compile("^<local\\d{1,4}>$");
  private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(?:\\.\\d{1,3}){3}$");
  private static final Pattern SOURCE_FILE = Pattern.compile("\\.(?:java|kt|scala|groovy|clj)$");
  private static final Pattern FIELD_VAR =
      Pattern.compile("^(?:this\\.)?([A-Za-z_$][\\w$]{0,60})$");
  private static final Pattern UNIQUE =
      Pattern.compile("(?i)unique|primary key|duplicate (?:key|entry)|ORA-00001");
  private static final Pattern FOREIGN =
      Pattern.compile("(?i)foreign key|referential integrity|parent key|child row|ORA-0229[12]");
  private static final Pattern NOT_NULL =
      Pattern.compile("(?i)not-null|NULL not allowed|cannot be null|cannot insert NULL|ORA-01400");
  private static final Pattern CHECK = Pattern.compile("(?i)check constraint|ORA-02290");

  private EntityExtractor() {}

  /**
   * Extracts the entities of a failure. Keys are lower-case names used as {@code {placeholders}} and in
   * variant conditions; values are non-empty, single-line and at most {@link #MAX_VALUE} characters.
   */
  static Map<String, String> extract(Failure failure) {
    Map<String, String> e = new HashMap<>(64);
    List<CauseNode> nodes = ordered(failure);
    CauseNode root = failure.rootCause().orElse(null);
    if (root != null) {
      put(e, "exception", root.simpleType());
      put(e, "exception_type", root.type());
      e.put("type", root.type());
      if (root.message() != null && !root.message().isBlank())
        put(e, "message", firstLine(root.message()));
      if (!root.frames().isEmpty()) {
        StackFrame top = root.frames().get(0);
        e.put("top_frame", top.className() + "." + top.methodName());
        if (top.jar() != null && !top.jar().isBlank() && !top.jar().startsWith("?"))
          put(e, "jar", top.jar());
      }
    } else if (failure.logLine() != null && !failure.logLine().isBlank()) {
      put(e, "message", firstLine(failure.logLine()));
    }
    StringBuilder types = new StringBuilder();
    StringBuilder text = new StringBuilder();
    for (CauseNode n : nodes) {
      types.append(n.type()).append(' ');
      if (n.message() != null) text.append(scanned(n.message())).append('\n');
    }
    if (root == null && failure.logLine() != null) text.append(scanned(failure.logLine()));
    e.put("types", types.toString().trim());
    e.put("text", text.toString());

    Location loc = failure.location().orElse(null);
    if (loc != null) {
      put(e, "class", loc.className());
      int dot = loc.className().lastIndexOf('.');
      put(e, "simple_class", dot < 0 ? loc.className() : loc.className().substring(dot + 1));
      put(e, "method", loc.methodName());
      if (loc.fileName() != null) put(e, "file", loc.fileName());
      if (loc.lineNumber() >= 0) put(e, "line", Integer.toString(loc.lineNumber()));
      put(e, "frame", loc.printed());
    }
    if (root != null) apiCall(root, loc, e);
    if (root != null) recursion(root, e);

    for (CauseNode n : nodes) {
      if (n.message() != null && !n.message().isEmpty()) scan(n.type(), scanned(n.message()), e);
    }
    if (root == null && failure.logLine() != null) scan("", scanned(failure.logLine()), e);
    derive(e);
    return e;
  }

  /** Root cause first, then the causes it wraps, then its wrappers from the inside out. */
  private static List<CauseNode> ordered(Failure failure) {
    List<CauseNode> chain = failure.chain();
    int root = failure.rootIndex();
    List<CauseNode> out = new ArrayList<>(Math.min(chain.size(), MAX_NODES));
    if (root < 0) return out;
    out.add(chain.get(root));
    for (int i = root + 1; i < chain.size() && out.size() < MAX_NODES; i++) out.add(chain.get(i));
    for (int i = root - 1; i >= 0 && out.size() < MAX_NODES; i--) out.add(chain.get(i));
    return out;
  }

  private static void scan(String type, String msg, Map<String, String> e) {
    String lower = msg.toLowerCase(Locale.ROOT);
    for (Rule r : RULES) {
      if (!r.mayMatch(type, msg, lower)) continue;
      Matcher m = r.pattern.matcher(msg);
      while (m.find()) {
        if (accept(r, m)) {
          for (int g = 0; g < r.names.length && g < m.groupCount(); g++) {
            String v = m.group(g + 1);
            if (v != null && !v.isBlank() && !e.containsKey(r.names[g]))
              put(e, r.names[g], v.strip());
          }
          break;
        }
      }
    }
  }

  /** Rejects host:port candidates that are not hosts (source files, times, class names). */
  private static boolean accept(Rule r, Matcher m) {
    if (!"host".equals(r.names[0]) || r.names.length < 3) return true;
    String host = m.group(1);
    int port = Integer.parseInt(m.group(3));
    if (port < 1 || port > 65535) return false;
    if (SOURCE_FILE.matcher(host).find()) return false;
    if (IPV4.matcher(host).matches()) return true;
    boolean letter = false;
    for (int i = 0; i < host.length(); i++) {
      if (Character.isLetter(host.charAt(i))) {
        letter = true;
        break;
      }
    }
    return letter
        && (host.equals("localhost")
            || host.indexOf('.') > 0
                && !Character.isUpperCase(host.charAt(host.lastIndexOf('.') + 1)));
  }

  /**
   * The library call the application made, e.g. Optional.get: the nearest frame above the application frame
   * that is outside the application's package (its own lambdas and helpers in between are skipped).
   */
  private static void apiCall(CauseNode root, Location loc, Map<String, String> e) {
    List<StackFrame> frames = root.frames();
    int app = loc == null ? -1 : frames.indexOf(loc.frame());
    if (app <= 0) return;
    String appPackage = loc.frame().packageName();
    int i = app - 1;
    while (i >= 0 && !appPackage.isEmpty() && frames.get(i).packageName().startsWith(appPackage))
      i--;
    if (i < 0) return;
    StackFrame f = frames.get(i);
    String cls = f.className();
    int dot = cls.lastIndexOf('.');
    String simple = dot < 0 ? cls : cls.substring(dot + 1);
    put(e, "api_call", simple + "." + f.methodName());
  }

  /** The frame repeated most often among the first frames of a deep stack: the recursion. */
  private static void recursion(CauseNode root, Map<String, String> e) {
    List<StackFrame> frames = root.frames();
    if (frames.size() < 16) return;
    Map<StackFrame, Integer> counts = new LinkedHashMap<>();
    int n = Math.min(frames.size(), 1024);
    for (int i = 0; i < n; i++) counts.merge(frames.get(i), 1, Integer::sum);
    StackFrame best = null;
    int bestCount = 2;
    for (Map.Entry<StackFrame, Integer> c : counts.entrySet()) {
      if (c.getValue() > bestCount) {
        best = c.getKey();
        bestCount = c.getValue();
      }
    }
    if (best != null) {
      put(e, "recursive_frame", best.printed());
      put(e, "recursive_method", simpleName(best.className()) + "." + best.methodName());
    }
  }

  private static void derive(Map<String, String> e) {
    String npeMethod = e.get("npe_method");
    if (npeMethod != null) {
      Matcher m = UNBOX.matcher(npeMethod);
      if (m.matches()) e.put("npe_unbox", m.group(1));
    }
    String target = e.get("npe_target");
    if (target != null) {
      if (LOCAL.matcher(target).matches()) {
        e.put("npe_local", target);
      } else {
        Matcher m = FIELD_VAR.matcher(target);
        if (m.matches()) e.put("npe_var", m.group(1));
      }
    }
    if ("java.util.Objects.requireNonNull".equals(e.get("top_frame"))) {
      e.put("require_non_null", "requireNonNull");
      String msg = e.get("message");
      if (msg != null) e.put("npe_param", msg);
    }
    String text = e.getOrDefault("text", "");
    if (CONSTRAINT_HINT.matcher(text).find()) constraintKind(text, e);
    // a path that is part of a URL or of the JDBC URL is not a file path
    String path = e.get("path");
    if (path != null && (contains(e.get("url"), path) || contains(e.get("jdbc_url"), path)))
      e.remove("path");
    // host:port read from the URL when the message had no other
    if (e.containsKey("url") && !e.containsKey("host")) {
      Matcher m = URL_HOST.matcher(e.get("url"));
      if (m.find()) {
        put(e, "host", m.group(1));
        if (m.group(2) != null && !e.containsKey("port")) put(e, "port", m.group(2));
      }
    }
    if (e.containsKey("host") && e.containsKey("port"))
      e.put("host_port", e.get("host") + ":" + e.get("port"));
    if (e.containsKey("cast_from") && e.get("cast_from").equals(e.get("cast_to")))
      e.put("cast_same_name", "same");
  }

  private static void constraintKind(String text, Map<String, String> e) {
    if (UNIQUE.matcher(text).find()) e.put("constraint_kind", "unique");
    else if (FOREIGN.matcher(text).find()) e.put("constraint_kind", "foreign_key");
    else if (NOT_NULL.matcher(text).find()) e.put("constraint_kind", "not_null");
    else if (CHECK.matcher(text).find()) e.put("constraint_kind", "check");
  }

  /** Words without which no constraint kind is looked for (the kind patterns are slower alternations). */
  private static final Pattern CONSTRAINT_HINT =
      Pattern.compile("(?i)constraint|duplicate|null|ORA-0|integrity|primary key|child row");

  private static final Pattern URL_HOST =
      Pattern.compile("^[a-z]{2,5}://(?:[^@/\\s]{1,100}@)?([\\w.-]{1,253})(?::(\\d{1,5}))?");

  private static boolean contains(String haystack, String needle) {
    return haystack != null && haystack.contains(needle);
  }

  private static String simpleName(String cls) {
    int dot = cls.lastIndexOf('.');
    return dot < 0 ? cls : cls.substring(dot + 1);
  }

  private static String scanned(String s) {
    return s.length() <= MAX_SCAN ? s : s.substring(0, MAX_SCAN);
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }

  /**
   * Stores a value made fit for one line of text: line breaks and tabs become spaces, backticks quotes. A long
   * value is cut before the word that crosses the limit (a cut word could read as another value) and marked.
   */
  private static void put(Map<String, String> e, String key, String raw) {
    String v =
        raw.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ').replace('`', '\'').strip();
    if (v.isEmpty()) return;
    if (v.length() > MAX_VALUE) {
      int cut = MAX_VALUE;
      while (cut > MAX_VALUE / 2
          && Character.isLetterOrDigit(v.charAt(cut))
          && Character.isLetterOrDigit(v.charAt(cut - 1))) {
        cut--;
      }
      v = v.substring(0, cut).stripTrailing() + "…";
    }
    e.put(key, v);
  }
}
