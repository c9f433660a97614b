package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.io.Decoders;
import io.jsonwebtoken.security.Keys;
import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.crypto.SecretKey;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;

/**
 * JJWT 0.13 (io.jsonwebtoken) failing the way a resource server's token filter and its start-up fail: expired and
 * premature tokens (against a fixed clock, so that the times in the messages are the run's own), signatures made with
 * another key, tokens cut or carrying their "Bearer " prefix, unsecured tokens, required claims missing or different,
 * claims of another type, and secrets from the configuration that are too short or not Base64. Keys are made at run
 * time; no token is ever part of a message.
 */
final class JwtScenarios {
  private JwtScenarios() {}

  private static SecretKey key;
  private static SecretKey otherKey;

  private static synchronized SecretKey key() {
    if (key == null) key = Jwts.SIG.HS256.key().build();
    return key;
  }

  private static synchronized SecretKey otherKey() {
    if (otherKey == null) otherKey = Jwts.SIG.HS256.key().build();
    return otherKey;
  }

  /** A moment in 2024-2025, whole seconds (JWT dates have second precision). */
  private static Instant moment(Ctx c) {
    return Instant.parse("2024-01-01T00:00:00Z").plusSeconds(c.rnd.nextInt(730 * 86400));
  }

  private static String issuer(Ctx c) {
    return c.s.pick("https://auth.example.test", "https://sso.internal.test/realms/bank", "auth-service",
        "https://login.partner.test/oauth2", "urn:example:issuer");
  }

  private static String audience(Ctx c) {
    return c.s.pick("payments-api", "ledger-service", "mobile-gateway", "account-api", "transfer-service");
  }

  /** A signed token as the auth service issues it (never shown). */
  private static String token(Ctx c, SecretKey k, Instant iat, Instant exp, boolean withIssuer) {
    var b = Jwts.builder().subject(c.s.userId()).id(c.s.hex(16)).issuedAt(Date.from(iat)).expiration(Date.from(exp))
        .claim("scope", c.s.pick("transfer:write", "account:read", "payments")).audience().add(audience(c)).and();
    if (withIssuer) b.issuer(issuer(c));
    return b.signWith(k).compact();
  }

  /** The resource server's token filter: parses, and on a JWT failure may wrap it as Spring Security does. */
  private static Claims authenticate(Ctx c, JwtParser parser, String token) {
    int style = c.rnd.nextInt(3);
    try {
      return parser.parseSignedClaims(token).getPayload();
    } catch (io.jsonwebtoken.ExpiredJwtException e) {
      if (style == 0) throw new CredentialsExpiredException("JWT token has expired", e);
      throw e;
    } catch (io.jsonwebtoken.JwtException e) {
      if (style == 0) throw new BadCredentialsException(c.s.pick("Invalid JWT token", "Invalid token", "JWT validation failed"), e);
      throw e;
    }
  }

  private static JwtParser parser(SecretKey k, Instant now) {
    Date d = Date.from(now);
    return Jwts.parser().verifyWith(k).clock(() -> d).build();
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- authentication_failure: expired, premature, forged, cut, unsecured tokens, claims missing or different
    l.add(cheap("authentication_failure", "jwt.expired", c -> fail(() -> {
      Instant iat = moment(c);
      Instant exp = iat.plusSeconds(c.s.pick(300, 900, 1800, 3600));
      Instant now = exp.plusMillis(c.s.pick(1, 10, 1000, 60_000, 3_600_000) + c.rnd.nextInt(900_000));
      authenticate(c, parser(key(), now), token(c, key(), iat, exp, true));
    })));
    l.add(cheap("authentication_failure", "jwt.premature", c -> fail(() -> {
      Instant now = moment(c);
      Instant nbf = now.plusSeconds(c.s.between(1, 120));
      String t = Jwts.builder().subject(c.s.userId()).issuedAt(Date.from(nbf)).notBefore(Date.from(nbf))
          .expiration(Date.from(nbf.plusSeconds(900))).signWith(key()).compact();
      authenticate(c, parser(key(), now), t);
    })));
    l.add(cheap("authentication_failure", "jwt.signature-mismatch", c -> fail(() -> {
      Instant iat = moment(c);
      // signed by another key (a rotated secret, another environment's issuer)
      authenticate(c, parser(key(), iat.plusSeconds(5)), token(c, otherKey(), iat, iat.plusSeconds(900), true));
    })));
    l.add(cheap("authentication_failure", "jwt.malformed", c -> fail(() -> {
      Instant iat = moment(c);
      String t = token(c, key(), iat, iat.plusSeconds(900), true);
      String sent = switch (c.rnd.nextInt(6)) {
        case 0 -> t.substring(0, t.lastIndexOf('.')); // the signature cut off
        case 4 -> "Bearer " + t; // the Authorization header's value passed whole
        case 5 -> t.substring(0, t.lastIndexOf('.') + 1); // an empty signature (a token shortened by a proxy or a log)
        case 1 -> t.substring(0, t.indexOf('.')); // the header only
        case 2 -> t + "." + c.s.alnum(8); // a stray part appended
        default -> c.s.pick("undefined", "null", c.s.uuid(), c.s.alnum(24)); // an opaque token or a client bug
      };
      authenticate(c, parser(key(), iat.plusSeconds(5)), sent);
    })));
    l.add(cheap("authentication_failure", "jwt.unsecured", c -> fail(() -> {
      Instant iat = moment(c);
      // alg "none": a token without signature, as a forged or test token arrives
      String t = Jwts.builder().subject(c.s.userId()).issuedAt(Date.from(iat)).expiration(Date.from(iat.plusSeconds(900)))
          .compact();
      authenticate(c, parser(key(), iat.plusSeconds(5)), t);
    })));
    l.add(cheap("authentication_failure", "jwt.claim-missing-or-incorrect", c -> fail(() -> {
      Instant iat = moment(c);
      Date now = Date.from(iat.plusSeconds(5));
      String expected = issuer(c);
      var pb = Jwts.parser().verifyWith(key()).clock(() -> now);
      int k = c.rnd.nextInt(3);
      String t;
      if (k == 0) {
        pb.requireIssuer(expected);
        t = token(c, key(), iat, iat.plusSeconds(900), false);
      } else if (k == 1) {
        String aud = audience(c);
        pb.requireAudience(aud + c.s.pick("-v2", "-internal", "-admin", ""));
        t = token(c, key(), iat, iat.plusSeconds(900), true);
      } else {
        pb.require(c.s.pick("tenant", "client_id", "token_use", "typ"), c.s.pick("access", "bank-web", "corp-" + c.s.digits(3)));
        t = token(c, key(), iat, iat.plusSeconds(900), true);
      }
      authenticate(c, pb.build(), t);
    })));
    // ---- class_cast: a claim of another type than the code asks for
    l.add(cheap("class_cast", "jwt.claim-required-type", c -> fail(() -> {
      Instant iat = moment(c);
      String claim = c.s.pick("customer_id", "limit", "tier", "roles", "branch");
      Object value = switch (c.rnd.nextInt(3)) {
        case 0 -> c.s.digits(6) + c.s.pick("", "-A");
        case 1 -> List.of("USER", c.s.pick("ADMIN", "TELLER"));
        default -> true;
      };
      String t = Jwts.builder().subject(c.s.userId()).issuedAt(Date.from(iat)).expiration(Date.from(iat.plusSeconds(900)))
          .claim(claim, value).signWith(key()).compact();
      Claims claims = parser(key(), iat.plusSeconds(5)).parseSignedClaims(t).getPayload();
      if (value instanceof String) c.use(claims.get(claim, Long.class));
      else if (value instanceof List) c.use(claims.get(claim, String.class));
      else c.use(claims.get(claim, Integer.class));
    })));
    // ---- configuration_error: the signing secret from the configuration is too short or not Base64
    l.add(cheap("configuration_error", "jwt.weak-key-config", c -> fail(() -> {
      String property = c.s.pick("jwt.secret", "security.jwt.secret-key", "app.auth.token-secret", "JWT_SECRET");
      byte[] secret = ("k" + c.s.alnum(c.s.between(6, 30))).getBytes(StandardCharsets.UTF_8);
      try {
        c.use(c.s.chance(0.5) ? Keys.hmacShaKeyFor(secret)
            : Jwts.builder().subject("x").signWith(Keys.hmacShaKeyFor(secret), Jwts.SIG.HS512).compact());
      } catch (io.jsonwebtoken.security.WeakKeyException e) {
        if (c.s.chance(0.5)) throw e;
        throw new IllegalStateException("Invalid JWT signing key configured in '" + property + "'", e);
      }
    })));
    l.add(cheap("configuration_error", "jwt.secret-not-base64", c -> fail(() -> {
      String property = c.s.pick("jwt.secret", "security.jwt.base64-secret", "app.auth.signing-key");
      // a plain-text secret (or a URL-safe one) where the application expects standard Base64
      String configured = c.s.pick("my-", "dev_", "local-", "") + c.s.alnum(c.s.between(8, 20)) + c.s.pick("-key", "_secret!", "#1", "");
      try {
        c.use(Keys.hmacShaKeyFor(Decoders.BASE64.decode(configured)));
      } catch (io.jsonwebtoken.io.DecodingException | io.jsonwebtoken.security.WeakKeyException e) {
        if (c.s.chance(0.5)) throw e;
        throw new IllegalStateException("Could not create the JWT key from property '" + property + "'", e);
      }
    })));
    l.add(costly("configuration_error", "jwt.weak-rsa-key", 2, c -> fail(() -> {
      // a 1024-bit RSA key from a key file or key store of the configuration
      Jwts.builder().subject(c.s.userId()).signWith(weakRsa().getPrivate(), c.s.pick(Jwts.SIG.RS256, Jwts.SIG.PS256)).compact();
    })));
    return l;
  }

  private static KeyPair weakRsa;

  private static synchronized KeyPair weakRsa() throws NoSuchAlgorithmException {
    if (weakRsa == null) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(1024);
      weakRsa = g.generateKeyPair();
    }
    return weakRsa;
  }
}
