package io.logdx.core.stage1;

import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Classifier.Taxonomy;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.Failure.CauseNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Stage 1 by rules: exception types and message phrases mapped to taxonomy ids, the message deciding over the
 * class name (rule 2 of the taxonomy). It stands in when no trained model is available and stays as the
 * fallback when the model cannot load. Its probabilities are scores, not calibrated.
 */
final class RuleBasedClassifier implements Classifier {
  /** Model id written into diagnoses. */
  public static final String ID = "logdx-rules/0.1.0";

  private record Rule(String label, Pattern type, Pattern message) {}

  private static final List<Rule> MESSAGE_RULES = new ArrayList<>();
  private static final List<Rule> TYPE_RULES = new ArrayList<>();

  private static void msg(String label, String regex) {
    MESSAGE_RULES.add(new Rule(label, null, Pattern.compile(regex, Pattern.CASE_INSENSITIVE)));
  }

  private static void type(String label, String regex) {
    TYPE_RULES.add(new Rule(label, Pattern.compile(regex), null));
  }

  static {
    // Message phrases: the message decides over the class name.
    msg(
        "db_pool_exhausted",
        "connection is not available, request timed out|pool exhausted|timeout waiting for idle object|unable to acquire jdbc connection|cannot get a connection, pool error");
    msg("disk_full", "no space left on device|disk quota exceeded|not enough space on the disk");
    msg(
        "insufficient_balance",
        "insufficient (?:balance|funds|credit)|잔액(?:이)? 부족|not enough (?:balance|funds)");
    msg(
        "limit_exceeded",
        "(?:daily|transaction|transfer|credit|withdrawal|monthly|per-transaction) limit|limit exceeded|exceeds? (?:the )?(?:\\w+ )?limit|한도");
    msg(
        "duplicate_transaction",
        "duplicate (?:transaction|transfer|payment|request)|idempotency[- ]key|already (?:processed|submitted)|중복");
    msg(
        "account_unavailable",
        "account (?:is |was )?(?:locked|frozen|closed|dormant|suspended|blocked|inactive)|(?:frozen|dormant|suspended|closed) account|계좌.*(?:정지|동결|해지)");
    msg(
        "db_lock_conflict",
        "deadlock|lock wait timeout|could not obtain lock|lock timeout|timeout trying to lock table|cannotacquirelock");
    msg(
        "db_query_timeout",
        "canceling statement due to statement timeout|query timed out|statement (?:was )?cancel|query execution was interrupted|querytimeout");
    msg(
        "db_constraint_violation",
        "unique (?:index|constraint)|duplicate (?:key|entry)|foreign key|integrity constraint|violates (?:not-null|check|unique)|null not allowed for column|check constraint|primary key violation");
    msg(
        "db_sql_syntax",
        "syntax error in sql|sql syntax|relation \"?[\\w.]+\"? does not exist|table \"?[\\w.]+\"? not found|column \"?[\\w.]+\"? not found|unknown column|ora-00942|ora-00904|bad sql grammar");
    msg(
        "db_connection_failure",
        "communications link failure|connection to [\\w.-]+:\\d+ refused|access denied for user|password authentication failed|the connection attempt failed|could not create connection to database|ora-12541|ora-01017");
    msg(
        "optimistic_lock",
        "row was updated or deleted by another transaction|optimistic lock|stale object|version mismatch");
    msg(
        "transaction_rollback",
        "rollback-only|marked as rollback|could not commit|transaction rolled back|rollbackexception");
    msg(
        "rate_limited",
        "(?<![\\w$/@.:#-])429(?![\\w/@.-])|too many requests|rate limit|throttl|quota exceeded|requestnotpermitted");
    msg(
        "authentication_failure",
        "(?<![\\w$/@.:#-])401(?![\\w/@.-])|unauthorized|bad credentials|authentication (?:failed|failure|required)|invalid (?:token|credentials|password)|token (?:has )?expired|login failed|sasl|gss initiate failed|kerberos");
    msg(
        "authorization_denied",
        "(?<![\\w$/@.:#-])403(?![\\w/@.-])|forbidden|access is denied|not authorized|permission to|is not allowed to|insufficient (?:privileges|permissions)|access denied");
    msg(
        "http_server_error",
        "(?<![\\w$/@.:#-])50[0-4](?![\\w/@.-]).*(?:server|gateway|unavailable|error)|internal server error|bad gateway|service unavailable|gateway timeout|status(?: code)?[ :=]+5\\d\\d");
    msg(
        "http_client_error",
        "\\b(?:400|404|405|409|410|415|422)\\b.*(?:bad request|not found|conflict|client|status|http)|status(?: code)?[ :=]+4(?:0[0-9]|1\\d|2[0-8])\\b|bad request");
    msg(
        "tls_failure",
        "pkix path|unable to find valid certification path|ssl|tls|handshake|certificate|bad record mac");
    msg("connection_refused", "connection refused");
    msg(
        "connection_reset",
        "connection reset|broken pipe|premature (?:end|eof)|unexpected end of (?:file|stream)|connection (?:was )?closed by (?:peer|remote)|forcibly closed");
    msg(
        "socket_timeout",
        "read timed out|connect timed out|connection timed out|socket timeout|sockettimeout");
    msg(
        "unknown_host",
        "unknownhost|name or service not known|nodename nor servname|temporary failure in name resolution|unresolved address");
    msg("permission_denied", "permission denied|operation not permitted|access is denied \\(");
    msg(
        "file_not_found",
        "no such file or directory|file not found|does not exist|cannot find the (?:file|path)");
    msg(
        "resource_closed",
        "stream closed|is closed|already closed|closed channel|connection (?:has been |was )?closed|result ?set (?:is )?closed|filesystem closed|statement is closed");
    msg(
        "out_of_memory",
        "java heap space|gc overhead limit|metaspace|unable to create (?:new )?native thread|direct buffer memory|out of memory");
    msg(
        "configuration_error",
        "could not resolve placeholder|missing (?:required )?(?:property|configuration|setting)|no qualifying bean|invalid (?:configuration|property)|not configured|property .* (?:is )?(?:missing|not set)");
    msg("interrupted", "interrupted|cancelled|canceled");

    // Exception types.
    type("null_reference", "NullPointerException$");
    type("number_format", "NumberFormatException$");
    type(
        "date_time_parse",
        "DateTimeParseException$|^java\\.text\\.ParseException$|DateTimeException$");
    type("class_cast", "ClassCastException$|ArrayStoreException$");
    type("index_out_of_bounds", "IndexOutOfBoundsException$|NegativeArraySizeException$");
    type("arithmetic", "ArithmeticException$");
    type("concurrent_modification", "ConcurrentModificationException$");
    type("unsupported_operation", "UnsupportedOperationException$");
    type("no_such_element", "NoSuchElementException$|BufferUnderflowException$");
    type("stack_overflow", "StackOverflowError$");
    type("out_of_memory", "OutOfMemoryError$");
    type(
        "class_loading",
        "ClassNotFoundException$|NoClassDefFoundError$|NoSuchMethod(?:Error|Exception)$|NoSuchFieldError$|AbstractMethodError$|LinkageError$|UnsupportedClassVersionError$|IncompatibleClassChangeError$|ClassFormatError$|UnsatisfiedLinkError$|VerifyError$");
    type(
        "deserialization",
        "Json\\w*Exception$|MismatchedInputException$|UnrecognizedPropertyException$|InvalidFormatException$|InvalidDefinitionException$|JAXBException$|SAX\\w*Exception$|XMLStreamException$|InvalidClassException$|StreamCorruptedException$|ZipException$|DataFormatException$|HttpMessageNotReadableException$|InvalidProtocolBufferException$|MalformedInputException$|ArchiveException$");
    type("file_not_found", "FileNotFoundException$|NoSuchFileException$|NotDirectoryException$");
    type("permission_denied", "AccessDeniedException$|FileSystemException$");
    type(
        "resource_closed",
        "ClosedChannelException$|AsynchronousCloseException$|IllegalBlockingModeException$");
    type(
        "interrupted",
        "InterruptedException$|CancellationException$|ClosedByInterruptException$|InterruptedIOException$");
    type(
        "connection_refused",
        "ConnectException$|NoRouteToHostException$|PortUnreachableException$");
    type(
        "socket_timeout",
        "SocketTimeoutException$|HttpTimeoutException$|HttpConnectTimeoutException$|ConnectTimeoutException$");
    type("connection_reset", "EOFException$|ClosedConnectionException$");
    type("unknown_host", "UnknownHostException$|UnresolvedAddressException$");
    type(
        "tls_failure",
        "SSL\\w*Exception$|CertificateException$|CertPathValidatorException$|CertificateExpiredException$");
    type("db_pool_exhausted", "SQLTransientConnectionException$|PoolExhaustedException$");
    type(
        "db_connection_failure",
        "SQLNonTransientConnectionException$|CommunicationsException$|CannotGetJdbcConnectionException$|PSQLException$");
    type(
        "db_constraint_violation",
        "SQLIntegrityConstraintViolationException$|DataIntegrityViolationException$|DuplicateKeyException$|ConstraintViolationException$");
    type("db_sql_syntax", "SQLSyntaxErrorException$|BadSqlGrammarException$|SQLGrammarException$");
    type(
        "db_lock_conflict",
        "CannotAcquireLockException$|DeadlockLoserDataAccessException$|LockAcquisitionException$|PessimisticLockingFailureException$|LockTimeoutException$|PessimisticLockException$|SQLTransactionRollbackException$");
    type("db_query_timeout", "SQLTimeoutException$|QueryTimeoutException$");
    type(
        "optimistic_lock",
        "OptimisticLock\\w*Exception$|StaleObjectStateException$|StaleStateException$|ObjectOptimisticLockingFailureException$");
    type(
        "transaction_rollback",
        "UnexpectedRollbackException$|TransactionSystemException$|RollbackException$|HeuristicRollbackException$");
    type(
        "entity_not_found",
        "EntityNotFoundException$|EmptyResultDataAccessException$|NoResultException$|ObjectNotFoundException$|IncorrectResultSizeDataAccessException$");
    type("lazy_initialization", "LazyInitializationException$");
    type("timeout", "TimeoutException$");
    type("task_rejected", "RejectedExecutionException$");
    type(
        "configuration_error",
        "BeanCreationException$|BeanDefinition\\w*Exception$|MissingResourceException$|ConfigurationException$|ConfigException$|NoSuchBeanDefinitionException$|UnsatisfiedDependencyException$|InvalidConfigurationPropertyValueException$");
    type(
        "authentication_failure",
        "AuthenticationException$|BadCredentialsException$|LoginException$|CredentialsExpiredException$|InvalidTokenException$|SaslException$|JwtException$|ExpiredJwtException$|AuthenticationCredentialsNotFoundException$");
    type(
        "authorization_denied",
        "(?:springframework\\.security|security\\.access)\\.\\w*AccessDeniedException$|AuthorizationException$|AuthorizationDeniedException$|SecurityException$");
    type(
        "validation_failure",
        "ConstraintViolationException$|MethodArgumentNotValidException$|BindException$|ValidationException$|WebExchangeBindException$");
    type("insufficient_balance", "Insufficient\\w*Exception$");
    type("limit_exceeded", "Limit\\w*Exceeded\\w*Exception$|LimitExceeded\\w*$");
    type(
        "duplicate_transaction",
        "Duplicate\\w*(?:Transaction|Transfer|Payment|Request)\\w*Exception$");
    type(
        "account_unavailable",
        "Account\\w*(?:Locked|Frozen|Closed|Dormant|Suspended|Unavailable)\\w*Exception$");
    type("rate_limited", "RequestNotPermitted$|RateLimit\\w*Exception$|Throttl\\w*Exception$");
    type("illegal_state", "IllegalStateException$|IllegalMonitorStateException$");
    type(
        "illegal_argument",
        "IllegalArgumentException$|InvalidParameterException$|PatternSyntaxException$");
    type("connection_reset", "SocketException$");
  }

  private final String id;

  public RuleBasedClassifier() {
    this.id = ID;
  }

  /** A rule-based classifier standing in for a model that failed to load; the reason goes into the id. */
  public RuleBasedClassifier(String reason) {
    this.id = ID + " (" + reason + ")";
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Classification classify(Failure failure) {
    return new Classification(rank(scores(failure)), id);
  }

  /**
   * The labels the rules vote for, strongest first (at most {@code max}; none when no rule matches). The lexical
   * model reads them as features ({@link LexicalFeaturizer.Extra#RULES}): hand-written meaning ("connection refused",
   * "quota exceeded", a type ending in {@code ParseException}) that holds for libraries the training data never ran.
   */
  static List<String> votes(Failure failure, int max) {
    Map<String, Double> scores = scores(failure);
    if (scores.isEmpty()) return List.of();
    List<Map.Entry<String, Double>> l = new ArrayList<>(scores.entrySet());
    l.sort(
        (a, b) ->
            b.getValue().equals(a.getValue())
                ? a.getKey().compareTo(b.getKey())
                : Double.compare(b.getValue(), a.getValue()));
    List<String> out = new ArrayList<>(Math.min(max, l.size()));
    for (int i = 0; i < Math.min(max, l.size()); i++) out.add(l.get(i).getKey());
    return out;
  }

  private static Map<String, Double> scores(Failure failure) {
    Map<String, Double> scores = new HashMap<>();
    List<CauseNode> chain = failure.chain();
    int root = failure.rootIndex();
    if (root >= 0) {
      // the root cause weighs most, then its enclosing exceptions, then anything inside it
      for (int i = chain.size() - 1; i >= 0; i--) {
        double w = i == root ? 1.0 : (i > root ? 0.35 : 0.5 / (1 + root - i));
        score(chain.get(i), w, scores);
      }
    } else if (failure.logLine() != null) {
      CauseNode pseudo = new CauseNode("text", failure.logLine(), List.of(), List.of(), false);
      score(pseudo, 0.6, scores);
    }
    return scores;
  }

  private static void score(CauseNode n, double weight, Map<String, Double> scores) {
    String msg = n.message() == null ? "" : n.message();
    boolean messageHit = false;
    if (!msg.isEmpty()) {
      for (Rule r : MESSAGE_RULES) {
        if (r.message().matcher(msg).find()) {
          scores.merge(r.label(), weight * 1.2, Double::sum);
          messageHit = true;
          break;
        }
      }
    }
    for (Rule r : TYPE_RULES) {
      if (r.type().matcher(n.type()).find()) {
        scores.merge(r.label(), weight * (messageHit ? 0.8 : 1.0), Double::sum);
        break;
      }
    }
  }

  /** Turns scores into a ranked list over every label (softmax with temperature), unknown as the floor. */
  private static List<Prediction> rank(Map<String, Double> scores) {
    List<String> ids = Taxonomy.ids();
    double[] logits = new double[ids.size()];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      double s = scores.getOrDefault(id, 0.0);
      if (Diagnosis.UNKNOWN.equals(id)) s = scores.isEmpty() ? 1.0 : 0.1;
      logits[i] = s * 4.0;
      max = Math.max(max, logits[i]);
    }
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      logits[i] = Math.exp(logits[i] - max);
      sum += logits[i];
    }
    List<Prediction> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) out.add(new Prediction(ids.get(i), logits[i] / sum));
    out.sort((a, b) -> Double.compare(b.probability(), a.probability()));
    return List.copyOf(out.subList(0, Math.min(5, out.size())));
  }
}
