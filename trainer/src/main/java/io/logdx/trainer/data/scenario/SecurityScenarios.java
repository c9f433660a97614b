package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Grafts;
import io.logdx.trainer.data.Scenario;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.MethodParameter;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.MethodArgumentNotValidException;

/** Configuration, authentication, authorisation, validation and rate limits, with Spring, Bean Validation and resilience4j. */
final class SecurityScenarios {
  private SecurityScenarios() {}

  /** A request body with declared rules (Bean Validation, checked by Hibernate Validator). */
  public static final class TransferRequest {
    @NotBlank public String fromAccount;
    @NotBlank @Pattern(regexp = "\\d{3}-\\d{2}-\\d{6}") public String toAccount;
    @NotNull @Positive public BigDecimal amount;
    @NotBlank @Size(min = 3, max = 3) public String currency;
    @Email public String notifyEmail;
    @Size(max = 20) public String memo;
  }

  /** The controller method whose argument failed validation (for MethodArgumentNotValidException). */
  static final class TransferController {
    public String transfer(TransferRequest request) {
      return request.fromAccount;
    }
  }

  /** Beans of a small application context. */
  public static final class GatewayClient {
    public GatewayClient(String url, int timeoutMs) {
      if (url == null || url.isBlank()) throw new IllegalArgumentException("payment.gateway.url must be set");
      if (timeoutMs <= 0) throw new IllegalArgumentException("Invalid value for 'payment.gateway.timeout-ms': " + timeoutMs);
    }
  }

  public static final class SettlementService {
    public SettlementService(GatewayClient client) {
      if (client == null) throw new IllegalStateException();
    }
  }

  /** The application's message bundle, which lacks some keys the code asks for. */
  public static final class Messages extends java.util.ListResourceBundle {
    @Override
    protected Object[][] getContents() {
      return new Object[][] {{"error.generic", "Error"}, {"label.amount", "Amount"}};
    }
  }

  static final class ConfigLoader {
    int intProperty(Properties p, String key) {
      String v = p.getProperty(key);
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalStateException("Invalid configuration property '" + key + "': " + v, e);
      }
    }
  }

  static final class TokenVerifier {
    void verify(String token, long expiresAt, long now) {
      if (token.chars().filter(ch -> ch == '.').count() != 2) throw new TokenException("Malformed token: expected 3 parts");
      if (expiresAt < now) throw new TokenException("Token expired at " + java.time.Instant.ofEpochSecond(expiresAt));
    }
  }

  static final class TokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TokenException(String m) {
      super(m);
    }
  }

  static final class Denied extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Denied(String m) {
      super(m);
    }
  }

  /** Violations come as a hash set: ordered by property and message so that the same seed gives the same text. */
  static <T> Set<ConstraintViolation<T>> sorted(Set<ConstraintViolation<T>> v) {
    java.util.TreeSet<ConstraintViolation<T>> s = new java.util.TreeSet<>(java.util.Comparator
        .comparing((ConstraintViolation<T> x) -> x.getPropertyPath().toString()).thenComparing(ConstraintViolation::getMessage));
    s.addAll(v);
    return new java.util.LinkedHashSet<>(s);
  }

  /** Spring's adapter fed with the sorted violations. */
  static final class SortedValidatorAdapter extends SpringValidatorAdapter {
    SortedValidatorAdapter() {
      super(validator());
    }

    @Override
    public void validate(Object target, org.springframework.validation.Errors errors) {
      processConstraintViolations(sorted(validator().validate(target)), errors);
    }
  }

  private static Validator validator;

  static synchronized Validator validator() {
    if (validator == null) {
      validator = Validation.byProvider(HibernateValidator.class).configure()
          .messageInterpolator(new ParameterMessageInterpolator(Set.of(Locale.ENGLISH, Locale.KOREAN), Locale.ENGLISH, false))
          .buildValidatorFactory().getValidator();
    }
    return validator;
  }

  static TransferRequest badRequest(Ctx c) {
    TransferRequest r = new TransferRequest();
    r.fromAccount = c.s.chance(0.3) ? " " : c.s.accountNo();
    r.toAccount = c.s.chance(0.5) ? c.s.digits(12) : c.s.digits(3) + "-" + c.s.digits(2) + "-" + c.s.digits(6);
    r.amount = c.s.chance(0.4) ? null : new BigDecimal(c.s.chance(0.7) ? "-" + c.s.amount() : "0");
    r.currency = c.s.pick("KRW", "WON", "US", "KRW");
    r.notifyEmail = c.s.chance(0.3) ? "user-" + c.s.digits(4) + "-at-example.test" : null;
    r.memo = c.s.chance(0.3) ? "memo-" + c.s.alnum(24) : "rent";
    return r;
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- configuration_error
    l.add(cheap("configuration_error", "spring.placeholder", c -> fail(() -> {
      StandardEnvironment env = new StandardEnvironment();
      String key = c.s.pick("payment.gateway.url", "spring.datasource.password", "app.partner.api-key", "kafka.topic.transfer",
          "ledger.settlement.cron", "app.fx.provider.base-url", "jwt.secret");
      if (c.s.chance(0.6)) env.resolveRequiredPlaceholders("${" + key + "}");
      else env.getRequiredProperty(key);
    })));
    l.add(cheap("configuration_error", "spring.bean-creation", c -> fail(() -> {
      DefaultListableBeanFactory bf = new DefaultListableBeanFactory();
      if (c.s.chance(0.5)) {
        RootBeanDefinition gw = new RootBeanDefinition(GatewayClient.class);
        gw.getConstructorArgumentValues().addIndexedArgumentValue(0, c.s.pick("", "http://partner.api.test"));
        gw.getConstructorArgumentValues().addIndexedArgumentValue(1, c.s.pick(0, -1, 3000));
        bf.registerBeanDefinition(c.s.pick("gatewayClient", "paymentGatewayClient", "fxRateClient"), gw);
        bf.getBean(GatewayClient.class);
        bf.getBean("missingBean");
      } else {
        bf.registerBeanDefinition(c.s.pick("settlementService", "transferService"),
            new RootBeanDefinition(SettlementService.class, AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR, true));
        bf.getBean(SettlementService.class);
      }
    })));
    l.add(cheap("configuration_error", "jdk.missing-resource", c -> fail(() -> {
      if (c.s.chance(0.6)) {
        ResourceBundle.getBundle(c.s.pick("messages_payment", "i18n/errors", "ValidationMessages_app", "config/app"),
            c.s.pick(Locale.KOREA, Locale.US, Locale.ROOT));
      } else {
        ResourceBundle rb = ResourceBundle.getBundle(Messages.class.getName(), Locale.ROOT);
        rb.getString(c.s.pick("error.transfer.limit", "msg.account.frozen", "label.fee"));
      }
    })));
    l.add(cheap("configuration_error", "app.bad-config-value", c -> fail(() -> {
      Properties p = new Properties();
      String key = c.s.pick("app.pool.size", "app.retry.max-attempts", "server.port", "app.batch.chunk-size", "fx.cache.ttl");
      p.setProperty(key, c.s.pick("ten", "30s", "", "8080 ", "1,000", "${POOL_SIZE}"));
      new ConfigLoader().intProperty(p, key);
    })));
    l.add(cheap("configuration_error", "spring.env-conversion", c -> fail(() -> {
      StandardEnvironment env = new StandardEnvironment();
      MutablePropertySources ps = env.getPropertySources();
      Properties p = new Properties();
      String key = c.s.pick("app.transfer.daily-limit", "app.http.timeout", "app.retry.enabled", "server.port");
      p.setProperty(key, c.s.pick("10억", "5 seconds", "yes please", "80a"));
      ps.addFirst(new PropertiesPropertySource("applicationConfig: [classpath:/application-prod.yml]", p));
      Class<?> type = key.endsWith("enabled") ? Boolean.class : key.endsWith("port") ? Integer.class
          : key.endsWith("timeout") ? Integer.class : Long.class;
      c.use(env.getProperty(key, type));
    })));
    // ---- authentication_failure
    l.add(costly("authentication_failure", "spring-security.bad-credentials", 8, c -> fail(() -> {
      BCryptPasswordEncoder enc = new BCryptPasswordEncoder(4);
      String user = c.s.userId();
      User.UserBuilder b = User.withUsername(user).password(enc.encode("secret-" + c.s.digits(3))).roles("USER");
      int k = c.rnd.nextInt(4);
      if (k == 1) b.disabled(true);
      if (k == 2) b.credentialsExpired(true);
      if (k == 3) b.accountExpired(true);
      DaoAuthenticationProvider p = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(b.build()));
      p.setPasswordEncoder(enc);
      new ProviderManager(p).authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
          c.s.chance(0.2) ? c.s.userId() : user, k == 0 ? "wrong-" + c.s.digits(3) : "x"));
    })));
    l.add(cheap("authentication_failure", "app.token", c -> {
      long now = 1_700_000_000L + c.s.between(0, 60_000_000);
      int k = c.rnd.nextInt(4);
      if (k == 0) {
        return fail(() -> new TokenVerifier().verify("eyJ" + c.s.alnum(20) + "." + c.s.alnum(30) + "." + c.s.alnum(20),
            now - c.s.between(1, 90_000), now));
      }
      String expired = java.time.Instant.ofEpochSecond(now - c.s.between(1, 90_000)).toString();
      String current = java.time.Instant.ofEpochSecond(now).toString();
      c.type(TokenException.class, switch (k) {
        case 1 -> "io.jsonwebtoken.ExpiredJwtException";
        case 2 -> "io.jsonwebtoken.security.SignatureException";
        default -> "com.auth0.jwt.exceptions.TokenExpiredException";
      });
      return new TokenException(switch (k) {
        case 1 -> "JWT expired at " + expired + ". Current time: " + current + ", a difference of " + c.s.between(1000, 9_000_000)
            + " milliseconds.  Allowed clock skew: 0 milliseconds.";
        case 2 -> "JWT signature does not match locally computed signature. JWT validity cannot be asserted and should not be trusted.";
        default -> "The Token has expired on " + expired + ".";
      });
    }));
    l.add(cheap("authentication_failure", "constructed.auth-misc", c -> switch (c.rnd.nextInt(3)) {
      case 0 -> Grafts.top(new javax.naming.AuthenticationException("[LDAP: error code 49 - 80090308: LdapErr: DSID-0C09044E, comment: "
          + "AcceptSecurityContext error, data 52e, v4563]"), """
          com.sun.jndi.ldap.LdapCtx|mapErrorCode|3261|java.naming
          com.sun.jndi.ldap.LdapCtx|processReturnCode|3207|java.naming
          com.sun.jndi.ldap.LdapCtx|connect|2993|java.naming
          """);
      case 1 -> new org.springframework.security.authentication.InsufficientAuthenticationException(
          "Full authentication is required to access this resource");
      default -> new org.springframework.security.authentication.BadCredentialsException(c.s.pick(
          "Invalid API key", "아이디 또는 비밀번호가 일치하지 않습니다", "Invalid OTP code", "Client authentication failed"));
    }));
    // ---- authorization_denied
    l.add(cheap("authorization_denied", "spring-security.authorization-manager", c -> fail(() -> {
      var auth = UsernamePasswordAuthenticationToken.authenticated(c.s.userId(), null,
          org.springframework.security.core.authority.AuthorityUtils.createAuthorityList("ROLE_USER"));
      AuthorityAuthorizationManager<Object> m = c.s.chance(0.5) ? AuthorityAuthorizationManager.hasRole(c.s.pick("ADMIN", "OPERATOR", "TELLER"))
          : AuthorityAuthorizationManager.hasAuthority(c.s.pick("transfer:approve", "SCOPE_payments.write", "account:close"));
      m.verify(() -> auth, new Object());
    })));
    l.add(cheap("authorization_denied", "app.access-denied", c -> {
      String msg = c.s.pick("User " + c.s.userId() + " is not allowed to access account " + c.s.accountNo(),
          "Access is denied", "Access Denied", "해당 계좌에 대한 권한이 없습니다", "Forbidden: missing scope payments:write",
          "Not authorized to approve transfers above limit");
      if (c.s.chance(0.6)) return fail(() -> {
        throw new org.springframework.security.access.AccessDeniedException(msg);
      });
      c.type(Denied.class, c.s.pick("ForbiddenException", "AccessDeniedException", "UnauthorizedAccessException", "PermissionDeniedException"));
      return new Denied(msg);
    }));
    // ---- validation_failure
    l.add(cheap("validation_failure", "bean-validation.constraint-violation", c -> fail(() -> {
      TransferRequest r = badRequest(c);
      Set<ConstraintViolation<TransferRequest>> v = sorted(validator().validate(r));
      if (v.isEmpty()) {
        r.amount = null;
        v = sorted(validator().validate(r));
      }
      throw new ConstraintViolationException(v);
    })));
    l.add(cheap("validation_failure", "spring.method-argument-not-valid", c -> fail(() -> {
      TransferRequest r = badRequest(c);
      r.amount = c.s.chance(0.5) ? null : r.amount;
      BeanPropertyBindingResult br = new BeanPropertyBindingResult(r, "transferRequest");
      new SortedValidatorAdapter().validate(r, br);
      if (!br.hasErrors()) br.rejectValue("amount", "NotNull", "must not be null");
      if (c.s.chance(0.7)) {
        throw new MethodArgumentNotValidException(new MethodParameter(
            TransferController.class.getMethod("transfer", TransferRequest.class), 0), br);
      }
      throw new org.springframework.validation.BindException(br);
    })));
    l.add(cheap("validation_failure", "app.invalid-request", c -> {
      c.type(Denied.class, c.s.pick("InvalidRequestException", "ValidationException", "InvalidParameterException", "RequestValidationException"));
      return new Denied(c.s.pick("Validation failed: " + c.s.field() + " must not be blank",
          "요청 값이 올바르지 않습니다: " + c.s.field(), "Invalid request: field '" + c.s.field() + "' has invalid format",
          c.s.field() + ": size must be between 1 and 20", "Request validation failed: [" + c.s.field() + ": must match \"^[0-9]{10,14}$\"]"));
    }));
    // ---- rate_limited
    l.add(cheap("rate_limited", "resilience4j.request-not-permitted", c -> {
      RateLimiter rl = RateLimiter.of(c.s.pick("partnerApi", "openBanking", "smsGateway", "fxQuote", "cardAuth"),
          RateLimiterConfig.custom().limitForPeriod(1).limitRefreshPeriod(Duration.ofMinutes(10)).timeoutDuration(Duration.ZERO).build());
      rl.acquirePermission();
      return fail(() -> RateLimiter.decorateSupplier(rl, () -> c.s.txId()).get());
    }));
    l.add(cheap("rate_limited", "app.throttled", c -> {
      c.type(Denied.class, c.s.pick("TooManyRequestsException", "RateLimitExceededException", "ThrottlingException",
          "com.amazonaws.services.sqs.model.AmazonSQSException", "RequestThrottledException"));
      return new Denied(c.s.pick("Rate limit exceeded for client " + c.s.userId() + " (100 requests per minute)",
          "Too many requests, retry after " + c.s.between(1, 60) + " seconds", "요청 한도를 초과했습니다. 잠시 후 다시 시도해 주세요",
          "Rate exceeded (Service: AmazonSQS; Status Code: 400; Error Code: Throttling; Request ID: " + c.s.uuid() + ")",
          "API quota exceeded: " + c.s.between(1000, 10000) + " calls per day"));
    }));
    return l;
  }
}
