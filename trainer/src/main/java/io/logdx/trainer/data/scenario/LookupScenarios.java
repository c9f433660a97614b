package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Look-ups of a key, name or path that is not in an in-memory structure, the way JVM systems and libraries report
 * them: Scala collections as Kafka- and Spark-style code uses them ("key not found: x", "None.get", "head of empty
 * list", real scala-library), a ZooKeeper-like node tree ("KeeperErrorCode = NoNode for /path"), registries and
 * caches with their own not-found exceptions (T), path and expression look-ups on real JSON and XML documents
 * (Jackson's {@code required}/{@code requiredAt}; javax.xml.xpath evaluated, then reported with JXPath's, JsonPath's
 * or org.json's message formats), and more JDK collection shapes inside registry classes. Database rows and ORM
 * entities are not here: those are {@code entity_not_found}.
 */
final class LookupScenarios {
  private LookupScenarios() {}

  /** A metadata cache of a broker-like service, kept in Scala collections. */
  static final class PartitionMetadataCache {
    final scala.collection.mutable.HashMap<Object, Object> leaders = new scala.collection.mutable.HashMap<>();

    Object leaderFor(String topicPartition) {
      return leaders.apply(topicPartition);
    }

    Object aliveBroker(int id) {
      scala.collection.immutable.Map<Object, Object> brokers = scala.collection.immutable.Map$.MODULE$.empty();
      @SuppressWarnings("unchecked")
      scala.collection.immutable.Map<Object, Object> two = (scala.collection.immutable.Map<Object, Object>)
          ((scala.collection.immutable.MapOps<Object, Object, ?, ?>) brokers.updated(id + 1, "b" + (id + 1))).updated(id + 2, "b" + (id + 2));
      return two.apply(id);
    }

    Object controller() {
      scala.Option<Object> none = scala.Option.apply(null);
      return none.get();
    }

    Object firstReplica() {
      return scala.collection.immutable.Nil$.MODULE$.head();
    }

    Object lastOffset() {
      return scala.collection.immutable.Nil$.MODULE$.last();
    }

    Object nextBatch() {
      return scala.collection.Iterator$.MODULE$.empty().next();
    }

    Object firstSegment() {
      return new scala.collection.mutable.ArrayBuffer<Object>().head();
    }

    Object firstStage() {
      return scala.collection.immutable.Vector$.MODULE$.empty().head();
    }

    Object accumulator(String name) {
      scala.collection.mutable.LinkedHashMap<Object, Object> m = new scala.collection.mutable.LinkedHashMap<>();
      return m.apply(name);
    }
  }

  /** A znode tree as a coordination service keeps it. */
  static final class ZnodeTree {
    final Map<String, byte[]> nodes = new HashMap<>();

    byte[] getData(String path) throws NoNode {
      byte[] d = nodes.get(path);
      if (d == null) throw new NoNode("KeeperErrorCode = NoNode for " + path);
      return d;
    }
  }

  static final class NoNode extends Exception {
    private static final long serialVersionUID = 1L;

    NoNode(String m) {
      super(m);
    }
  }

  /** A keyed registry's own lookup failure (shown under the names applications and libraries give it). */
  static final class LookupFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LookupFailure(String m) {
      super(m);
    }
  }

  /** A registry of handlers, codecs, sessions, templates... keyed by name. */
  static final class HandlerRegistry {
    final Map<String, Object> entries = new ConcurrentHashMap<>();

    Object lookup(String key, String message) {
      Object o = entries.get(key);
      if (o == null) throw new LookupFailure(message);
      return o;
    }
  }

  /** Reads values out of a JSON or XML document by path. */
  static final class DocumentPathReader {
    final ObjectMapper mapper = new ObjectMapper();

    JsonNode jsonRequiredAt(String json, String pointer) throws Exception {
      return mapper.readTree(json).requiredAt(pointer);
    }

    Object jsonPath(String json, String pointer, String message) throws Exception {
      JsonNode n = mapper.readTree(json).at(pointer);
      if (n.isMissingNode()) throw new LookupFailure(message);
      return n;
    }

    Object xpath(String xml, String expr, String message) throws Exception {
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      Node n = (Node) XPathFactory.newInstance().newXPath().evaluate(expr, doc, XPathConstants.NODE);
      if (n == null) throw new LookupFailure(message);
      return n;
    }
  }

  /** An in-memory registry over JDK collections, failing where the JDK does. */
  static final class RouteRegistry {
    enum Region { SEOUL, BUSAN, TOKYO }

    Object pick(int k) {
      return switch (k) {
        case 0 -> List.<String>of().iterator().next();
        case 1 -> Map.<String, String>of().keySet().iterator().next();
        case 2 -> EnumSet.noneOf(Region.class).iterator().next();
        case 3 -> new ConcurrentLinkedDeque<String>().getFirst();
        case 4 -> new LinkedBlockingQueue<String>().remove();
        case 5 -> new ConcurrentSkipListMap<String, String>().firstKey();
        case 6 -> new TreeMap<Long, String>().lastKey();
        case 7 -> ServiceLoader.load(java.sql.Driver.class, new java.net.URLClassLoader(new java.net.URL[0], null))
            .findFirst().orElseThrow();
        case 8 -> OptionalLong.empty().getAsLong();
        case 9 -> OptionalDouble.empty().getAsDouble();
        case 10 -> Stream.<Integer>empty().reduce(Integer::sum).get();
        case 11 -> Collections.<String>emptyIterator().next();
        case 12 -> new ArrayList<String>().listIterator().previous();
        case 13 -> new CopyOnWriteArrayList<String>().iterator().next();
        case 14 -> new ConcurrentHashMap<String, String>().keys().nextElement();
        default -> new java.util.BitSet().stream().max().getAsInt();
      };
    }
  }

  private static String key(Ctx c) {
    return c.s.pick(c.s.pick("payments", "ledger-events", "transfers", "audit", "fx-rates") + "-" + c.s.between(0, 11),
        String.valueOf(c.s.between(0, 9)), c.s.pick("partitionId", "userId", "merchant_"
            + c.s.digits(4)), c.s.pick("KRW", "USD", "EUR") + "/" + c.s.pick("KRW", "USD", "JPY"), c.s.uuid(),
        c.s.pick("settlement", "refund", "chargeback", "payout") + "Handler", "acc_" + c.s.digits(6), "broker-" + c.s.between(0, 5));
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    l.add(cheap("no_such_element", "scala.collections", c -> {
      PartitionMetadataCache cache = new PartitionMetadataCache();
      String k = key(c);
      int brokerId = c.s.between(0, 9);
      Throwable t = fail(() -> {
        switch (c.rnd.nextInt(10)) {
          case 0, 1 -> cache.leaderFor(k);
          case 2 -> cache.aliveBroker(brokerId);
          case 3 -> cache.controller();
          case 4 -> cache.firstReplica();
          case 5 -> cache.lastOffset();
          case 6 -> cache.nextBatch();
          case 7 -> cache.firstSegment();
          case 8 -> cache.firstStage();
          default -> cache.accumulator(k);
        }
      });
      if (c.s.chance(0.3)) {
        // Spark reports a failed task with the executor's exception in its message and as the cause
        c.type(LookupFailure.class, "org.apache.spark.SparkException");
        int stage = c.s.between(0, 40);
        int task = c.s.between(0, 199);
        LookupFailure w = new LookupFailure("Job aborted due to stage failure: Task " + task + " in stage " + stage
            + ".0 failed " + c.s.pick("1", "4") + " times, most recent failure: Lost task " + task + "." + c.s.between(0, 3)
            + " in stage " + stage + ".0 (TID " + c.s.between(10, 9999) + ") (" + c.s.pick("10.0.3.", "172.16.0.") + c.s.between(2, 250)
            + " executor " + c.s.between(1, 12) + "): " + t);
        w.initCause(t);
        return w;
      }
      return t;
    }));
    l.add(cheap("no_such_element", "zookeeper.no-node", c -> {
      ZnodeTree tree = new ZnodeTree();
      tree.nodes.put("/brokers/ids/0", new byte[0]);
      String path = c.s.pick("/brokers/ids/" + c.s.between(1, 9), "/brokers/topics/" + key(c) + "/partitions/" + c.s.between(0, 11)
          + "/state", "/controller", "/config/topics/" + key(c), "/hbase/meta-region-server", "/hbase/master",
          "/consumers/" + key(c) + "/offsets", "/services/" + c.s.pick("ledger", "payments", "auth") + "/instances",
          "/solr/collections/" + c.s.pick("products", "logs") + "/state.json", "/locks/settlement-" + c.s.dateCompact(),
          "/admin/reassign_partitions", "/latest_producer_id_block");
      c.type(NoNode.class, "org.apache.zookeeper.KeeperException$NoNodeException");
      return fail(() -> tree.getData(path));
    }));
    l.add(cheap("no_such_element", "app.registry-lookup", c -> {
      HandlerRegistry reg = new HandlerRegistry();
      reg.entries.put("default", new Object());
      String k = key(c);
      int kind = c.rnd.nextInt(8);
      String[] msg = switch (kind) {
        case 0 -> new String[] {"UnknownKeyException", "Unknown key: " + k, "Unknown key '" + k + "'"};
        case 1 -> new String[] {"KeyNotFoundException", "Key not found: " + k, "key not found in cache: " + k};
        case 2 -> new String[] {"HandlerNotFoundException", "No handler registered for type " + k,
            "No handler found for event type [" + k + "]"};
        case 3 -> new String[] {"NoSuchKeyException", "No such key: " + k, "no such key [" + k + "] in store "
            + c.s.pick("sessions", "rate-cards", "routing-table")};
        case 4 -> new String[] {"org.openqa.selenium.NoSuchElementException", "no such element: Unable to locate element: "
            + "{\"method\":\"css selector\",\"selector\":\"" + c.s.pick("#login", ".btn-submit", "#amount", "[data-test=\"pay\"]")
            + "\"}", "Unable to locate element: " + c.s.pick("#transfer-confirm", "//button[@id='ok']")};
        case 5 -> new String[] {"NoSuchEntryException", "No entry for key '" + k + "' in registry", "No such entry: " + k};
        case 6 -> new String[] {"ElementNotFoundException", "The key (" + k.toUpperCase() + ") does not exist in the lookup table",
            "Element '" + k + "' not found in " + c.s.pick("map", "index", "lookup table")};
        default -> new String[] {"NoSuchElementException", "No value present for key " + k, "No element with name " + k};
      };
      c.type(LookupFailure.class, msg[0].equals("NoSuchElementException") ? "java.util.NoSuchElementException" : msg[0]);
      String m = c.s.chance(0.5) ? msg[1] : msg[2];
      return fail(() -> reg.lookup(k, m));
    }));
    l.add(cheap("no_such_element", "path.document-lookup", c -> {
      DocumentPathReader r = new DocumentPathReader();
      String json = "{\"payment\":{\"id\":\"" + c.s.txId() + "\",\"amount\":" + c.s.amount() + ",\"payer\":{\"account\":\"acc\"}},"
          + "\"meta\":{\"source\":\"" + c.s.pick("web", "batch", "partner") + "\"}}";
      String field = c.s.pick("currency", "status", "merchantId", "callbackUrl", "items", "approvalNo");
      String pointer = "/" + c.s.pick("payment", "meta", "payment/payer") + "/" + field;
      String jsonPath = "$['" + pointer.substring(1).replace("/", "']['") + "']";
      int k = 1 + c.rnd.nextInt(4);
      return switch (k) {
        case 1 -> fail(() -> r.jsonRequiredAt(json, pointer));
        case 2 -> {
          c.type(LookupFailure.class, c.s.pick("com.jayway.jsonpath.PathNotFoundException", "PathNotFoundException"));
          yield fail(() -> r.jsonPath(json, pointer, c.s.pick("No results for path: " + jsonPath,
              "Missing property in path " + jsonPath.substring(0, jsonPath.lastIndexOf('[')) + "['" + field + "']")));
        }
        case 3 -> {
          c.type(LookupFailure.class, "org.json.JSONException");
          yield fail(() -> r.jsonPath(json, "/" + field, "JSONObject[\"" + field + "\"] not found."));
        }
        default -> {
          String xml = "<settlement><batch id=\"" + c.s.digits(6) + "\"><count>" + c.s.between(1, 900) + "</count></batch></settlement>";
          String expr = c.s.pick("/settlement/batch/total", "/settlement/header/date", "//batch[@id='0']/count",
              "/settlement/batch/trailer/hash");
          c.type(LookupFailure.class, c.s.pick("org.apache.commons.jxpath.JXPathNotFoundException", "XPathNotFoundException"));
          yield fail(() -> r.xpath(xml, expr, c.s.pick("No value for xpath: " + expr, "No pointer for xpath: " + expr)));
        }
      };
    }));
    l.add(cheap("no_such_element", "jdk.nsee.registry-shapes", c -> {
      RouteRegistry reg = new RouteRegistry();
      int k = c.rnd.nextInt(16);
      return fail(() -> c.use(reg.pick(k)));
    }));
    return l;
  }
}
