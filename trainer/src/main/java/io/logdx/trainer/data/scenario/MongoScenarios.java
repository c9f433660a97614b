package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The MongoDB Java driver (sync, 5.x) failing on the client side, with no MongoDB server here: server selection timing
 * out against a port nobody listens on, one that never answers and one that resets (the driver reports what its
 * monitor saw inside the timeout's message, rule 3: db_connection_failure), connection strings from configuration
 * that do not parse, a client used after close, BSON values read as the wrong type, JSON documents that do not parse,
 * classes without a codec and malformed ObjectIds from callers. All real driver code; loopback addresses are shown
 * as MongoDB hosts.
 */
final class MongoScenarios {
  private MongoScenarios() {}

  static String mongoHost(Ctx c) {
    return c.s.pick("mongodb-0.mongodb-headless", "ledger-mongo.internal", "mongo-primary.db.svc.cluster.local",
        "localhost", "docdb-payments.cluster.internal", "mongo-rs0-1.prod.local", "10.0.3.21", "orders-mongo");
  }

  /** The loopback port, shown as a MongoDB host and port. */
  static String uri(Ctx c, int port, String options) {
    c.text("127.0.0.1:" + port, mongoHost(c) + ":" + c.s.pick(27017, 27017, 27017, 27018, 27019));
    return "mongodb://127.0.0.1:" + port + "/" + c.s.pick("ledger", "payments", "orders", "customers", "audit") + "?" + options;
  }

  static String collection(Ctx c) {
    return c.s.pick("transfers", "payments", "accounts", "ledger_entries", "orders", "sessions", "audit_events",
        "merchants", "notifications");
  }

  /** Runs one ordinary operation of a repository against the collection. */
  static void operate(Ctx c, MongoCollection<Document> col) {
    switch (c.rnd.nextInt(6)) {
      case 0 -> c.use(col.find(Filters.eq("requestId", c.s.txId())).first());
      case 1 -> col.insertOne(new Document("requestId", c.s.txId()).append("amount", c.s.amount()).append("currency", c.s.currency()));
      case 2 -> c.use(col.countDocuments(Filters.eq("status", c.s.pick("PENDING", "FAILED", "ACTIVE"))));
      case 3 -> c.use(col.updateOne(Filters.eq("accountNo", c.s.accountNo()), Updates.set("status", c.s.pick("FROZEN", "CLOSED", "ACTIVE"))));
      case 4 -> c.use(col.deleteMany(Filters.lt("expiresAt", c.s.id())));
      default -> c.use(col.aggregate(List.of(new Document("$match", new Document("currency", c.s.currency())),
          new Document("$group", new Document("_id", "$accountNo").append("total", new Document("$sum", "$amount"))))).first());
    }
  }

  /** Application classes the default codec registry knows nothing about (records it maps: not these). */
  static final class TransferRequest {
    final String requestId;
    final java.math.BigDecimal amount;

    TransferRequest(String requestId, java.math.BigDecimal amount) {
      this.requestId = requestId;
      this.amount = amount;
    }
  }

  static final class Merchant {
    String name = "m";
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- db_connection_failure: no server selected in time; the monitor's failure is in the message only
    l.add(costly("db_connection_failure", "mongodb.server-selection-timeout", 4, c -> {
      int k = c.rnd.nextInt(3);
      int port = k == 0 ? c.res.closedPort() : k == 1 ? c.res.silentPort() : c.res.resetPort();
      String u = uri(c, port, "serverSelectionTimeoutMS=" + c.s.pick(200, 250, 300) + "&connectTimeoutMS=" + c.s.pick(50, 60, 80)
          + c.s.pick("", "&appName=" + c.s.pick("ledger-service", "payment-api", "batch-settlement"), "&retryWrites=true&w=majority"));
      try (MongoClient client = MongoClients.create(u)) {
        MongoCollection<Document> col = client.getDatabase(c.s.pick("ledger", "payments", "orders")).getCollection(collection(c));
        return fail(() -> operate(c, col));
      }
    }));
    // ---- configuration_error: the connection string or client settings from the service's configuration
    l.add(cheap("configuration_error", "mongodb.connection-string", c -> fail(() -> {
      String host = mongoHost(c);
      String db = c.s.pick("ledger", "payments", "orders");
      String s = switch (c.rnd.nextInt(8)) {
        case 0 -> "mongodb://" + c.s.pick("svc_ledger", "app", "payments") + ":p@ss@" + host + ":27017/" + db;
        case 1 -> c.s.pick("mongo://", "mongodb:/", "http://", "") + host + ":27017/" + db;
        case 2 -> "mongodb://" + host + ":" + c.s.pick("270170", "-1", "99999", "port") + "/" + db;
        case 3 -> "mongodb+srv://" + host + ":27017/" + db;
        case 4 -> "mongodb://" + host + ":27017/" + db + "?authMechanism=" + c.s.pick("SCRAM-SHA-512", "PLAIN-SHA", "LDAP", "scram");
        case 5 -> "mongodb://" + host + ":27017/" + db + "?readPreference=" + c.s.pick("primaryish", "nearest_node", "secondary-preferred", "master");
        case 6 -> "mongodb://" + host + ":27017/" + db + "?" + c.s.pick("uuidRepresentation=java", "compressors=gzip",
            "readConcernLevel=strong", "authMechanism=MONGODB-X509&authSource=admin", "uuidRepresentation=standard_v4");
        default -> "mongodb://" + host + ":27017," + host + ":27017/" + db + "?" + c.s.pick("directConnection=true",
            "loadBalanced=true", "directConnection=true&replicaSet=rs0");
      };
      ConnectionString cs = new ConnectionString(s);
      c.use(MongoClientSettings.builder().applyConnectionString(cs).build());
    })));
    // ---- resource_closed: a client (or a collection taken from it) used after close
    l.add(costly("resource_closed", "mongodb.closed-client", 3, c -> {
      MongoClient client = MongoClients.create(uri(c, c.res.closedPort(), "serverSelectionTimeoutMS=200"));
      MongoCollection<Document> col = client.getDatabase(c.s.pick("ledger", "payments", "orders")).getCollection(collection(c));
      client.close();
      return fail(() -> operate(c, col));
    }));
    // ---- class_cast: BSON values read as another type than stored
    l.add(cheap("class_cast", "mongodb.bson-type", c -> fail(() -> {
      String field = c.s.pick("amount", "balance", "version", "retryCount", "fee", "limit");
      String amount = c.s.amount();
      // a decimal number (a BSON double) or the amount as a string
      String stored = c.s.chance(0.5) ? "\"" + amount + "\"" : amount.contains(".") ? amount : amount + ".0";
      BsonDocument b = BsonDocument.parse("{\"_id\": \"" + c.s.txId() + "\", \"" + field + "\": " + stored
          + ", \"status\": \"" + c.s.pick("PENDING", "DONE") + "\", \"tags\": [\"" + c.s.currency() + "\"]}");
      Document d = Document.parse(b.toJson());
      switch (c.rnd.nextInt(6)) {
        case 0 -> c.use(b.getInt32(field));
        case 1 -> c.use(b.getInt64(field));
        case 2 -> c.use(b.getString(stored.startsWith("\"") ? "tags" : field).getValue());
        case 3 -> c.use(b.getDocument("status"));
        case 4 -> c.use(c.s.chance(0.5) ? d.getInteger(field) : d.getLong(field));
        default -> c.use(c.s.chance(0.5) ? d.getList("status", String.class) : d.getEmbedded(List.of("status", "code"), String.class));
      }
    })));
    // ---- deserialization: JSON documents that do not parse, BSON of another shape, classes without a codec
    l.add(cheap("deserialization", "mongodb.json-parse", c -> fail(() -> {
      String id = c.s.txId();
      String json = switch (c.rnd.nextInt(9)) {
        case 0 -> "{\"requestId\": \"" + id + "\", \"amount\": " + c.s.amount() + ",, }";
        case 1 -> "{\"requestId\": \"" + id + "\", \"amount\": " + c.s.amount();
        case 2 -> "{\"requestId\" \"" + id + "\", \"amount\": " + c.s.amount() + "}";
        case 3 -> "{\"requestId\": \"" + id + "\", \"memo\": \"" + c.s.pick("C:\\exports\\q1", "\\x41", "tab\\q") + "\"}";
        case 4 -> "[{\"requestId\": \"" + id + "\"}]";
        case 5 -> "{\"requestId\": \"" + id + "\", \"settled\": " + c.s.pick("tru", "yes", "undefine", "NaN1") + "}";
        case 6 -> "{\"requestId\": \"" + id + "\", \"items\": [" + c.s.amount() + ", " + c.s.amount() + "}";
        case 7 -> "{\"requestId\": \"" + id + "\", \"memo\": '" + c.s.pick("refund", "salary") + "}";
        default -> "{\"_id\": {\"$oid\": " + c.s.id() + "}, \"requestId\": \"" + id + "\"}";
      };
      if (c.s.chance(0.5)) c.use(Document.parse(json));
      else c.use(BsonDocument.parse(json));
    })));
    l.add(cheap("deserialization", "mongodb.codec-missing", c -> fail(() -> {
      Object value = switch (c.rnd.nextInt(4)) {
        case 0 -> new TransferRequest(c.s.txId(), new java.math.BigDecimal(c.s.amount()));
        case 1 -> new Merchant();
        case 2 -> java.util.Currency.getInstance(c.s.pick("KRW", "USD", "EUR"));
        default -> java.time.YearMonth.of(c.s.between(2023, 2025), c.s.between(1, 12));
      };
      if (c.s.chance(0.5)) {
        c.use(new Document("requestId", c.s.txId()).append(c.s.pick("payload", "transfer", "merchant", "currency"), value).toJson());
      } else {
        c.use(MongoClientSettings.getDefaultCodecRegistry().get(value.getClass()));
      }
    })));
    // ---- illegal_argument: an ObjectId from a caller's request that is not one
    l.add(cheap("illegal_argument", "mongodb.object-id", c -> fail(() -> {
      String raw = switch (c.rnd.nextInt(4)) {
        case 0 -> c.s.hex(c.s.pick(12, 23, 25, 32));
        case 1 -> c.s.hex(22) + c.s.pick("zz", "g1", "-1");
        case 2 -> c.s.uuid();
        default -> String.valueOf(c.s.id());
      };
      c.use(new ObjectId(raw));
    })));
    return l;
  }
}
