package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.DoubleDeserializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.ShortDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.UUIDDeserializer;

/**
 * The Apache Kafka clients without a broker: producers, consumers and the admin client pointed at a loopback port
 * where nothing listens (metadata and API timeouts, the admin client's node assignment), clients used after close
 * or from two threads, interrupted polls, calls in the wrong state, invalid configurations, and the built-in
 * (de)serializers on wrong bytes or types. Every client is closed at once ({@code Duration.ZERO}); the loopback
 * address is shown as a broker host name.
 */
final class KafkaScenarios {
  private KafkaScenarios() {}

  static String bootstrap(Ctx c) {
    int port = c.res.closedPort();
    String host = c.s.pick("kafka-0.kafka-headless.messaging.svc.cluster.local", "kafka-broker-1.internal",
        "b-1.msk-payments.internal", "kafka.prod.local", "kafka-2.kafka-headless");
    c.text("127.0.0.1:" + port, host + ":" + c.s.pick(9092, 9092, 9093, 9094));
    return "127.0.0.1:" + port;
  }

  static String topic(Ctx c) {
    return c.s.pick("payments.transfer.requested", "ledger.postings", "card-auth-events", "notifications.sms",
        "fx.rates.v2", "account-status-changed", "settlement.batch.completed", "audit-log");
  }

  static String group(Ctx c) {
    return c.s.pick("ledger-writer", "notification-service", "fraud-scoring", "settlement-batch", "statement-builder");
  }

  static Properties producerProps(Ctx c) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap(c));
    p.put("client.id", c.s.pick("payments-producer", "transfer-publisher", "outbox-relay"));
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    p.put("max.block.ms", String.valueOf(c.s.pick(100, 150, 200)));
    return p;
  }

  static Properties consumerProps(Ctx c, boolean withGroup) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap(c));
    p.put("client.id", c.s.pick("ledger-consumer", "notify-consumer", "fraud-consumer"));
    if (withGroup) p.put("group.id", group(c));
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", StringDeserializer.class.getName());
    String timeout = String.valueOf(c.s.pick(100, 120, 150));
    p.put("default.api.timeout.ms", timeout);
    p.put("request.timeout.ms", timeout);
    return p;
  }

  static KafkaConsumer<String, String> consumer(Ctx c, boolean withGroup) {
    return new KafkaConsumer<>(consumerProps(c, withGroup));
  }

  static String json(Ctx c) {
    return "{\"txId\":\"" + c.s.txId() + "\",\"amount\":" + c.s.amount() + ",\"currency\":\"" + c.s.currency() + "\"}";
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- timeout: no broker answers, so metadata and API calls run out of their time
    l.add(costly("timeout", "kafka.producer-metadata-timeout", 3, c -> fail(() -> {
      KafkaProducer<String, String> p = new KafkaProducer<>(producerProps(c));
      try {
        if (c.s.chance(0.7)) p.send(new ProducerRecord<>(topic(c), c.s.accountNo(), json(c))).get();
        else p.partitionsFor(topic(c));
      } finally {
        p.close(Duration.ZERO);
      }
    })));
    l.add(costly("timeout", "kafka.consumer-api-timeout", 4, c -> fail(() -> {
      Properties props = consumerProps(c, true);
      KafkaConsumer<String, String> k = new KafkaConsumer<>(props);
      // offsets by time report the time they took: shown as the configured timeout
      String timeout = props.getProperty("default.api.timeout.ms");
      c.rewrite("Failed to get offsets by times in \\d+ms", m -> "Failed to get offsets by times in " + timeout + "ms");
      try {
        TopicPartition tp = new TopicPartition(topic(c), c.s.between(0, 11));
        switch (c.rnd.nextInt(6)) {
          case 0 -> k.listTopics();
          case 1 -> k.partitionsFor(tp.topic());
          case 2 -> k.committed(Set.of(tp));
          case 3 -> {
            k.assign(List.of(tp));
            k.position(tp);
          }
          case 4 -> {
            k.assign(List.of(tp));
            k.commitSync(Map.of(tp, new OffsetAndMetadata(c.s.between(1, 900_000))));
          }
          default -> k.endOffsets(List.of(tp));
        }
      } finally {
        k.close(CloseOptions.timeout(Duration.ZERO));
      }
    })));
    l.add(costly("timeout", "kafka.admin-timeout", 3, c -> fail(() -> {
      Properties p = new Properties();
      p.put("bootstrap.servers", bootstrap(c));
      p.put("client.id", c.s.pick("ops-admin", "topic-provisioner", "lag-monitor"));
      p.put("default.api.timeout.ms", "150");
      p.put("request.timeout.ms", "100");
      try (Admin admin = Admin.create(p)) {
        try {
          switch (c.rnd.nextInt(4)) {
            case 0 -> admin.listTopics().names().get();
            case 1 -> admin.createTopics(List.of(new NewTopic(topic(c), c.s.pick(3, 6, 12), (short) 3))).all().get();
            case 2 -> admin.describeTopics(List.of(topic(c))).allTopicNames().get();
            default -> admin.listConsumerGroupOffsets(group(c)).partitionsToOffsetAndMetadata().get();
          }
        } finally {
          admin.close(Duration.ZERO);
        }
      }
    })));
    // ---- resource_closed: clients used after close
    l.add(costly("resource_closed", "kafka.closed-client", 3, c -> fail(() -> {
      if (c.s.chance(0.4)) {
        KafkaProducer<String, String> p = new KafkaProducer<>(producerProps(c));
        p.close(Duration.ZERO);
        p.send(new ProducerRecord<>(topic(c), c.s.accountNo(), json(c)));
      } else {
        KafkaConsumer<String, String> k = consumer(c, true);
        k.close(CloseOptions.timeout(Duration.ZERO));
        switch (c.rnd.nextInt(3)) {
          case 0 -> k.poll(Duration.ofMillis(c.s.pick(100, 500, 1000)));
          case 1 -> k.commitSync();
          default -> k.subscribe(List.of(topic(c)));
        }
      }
    })));
    // ---- concurrent_modification: a consumer called from a second thread while it polls
    l.add(costly("concurrent_modification", "kafka.consumer-two-threads", 2, c -> {
      KafkaConsumer<String, String> k = consumer(c, true);
      try {
        k.subscribe(List.of(topic(c)));
        Thread poller = new Thread(() -> {
          try {
            k.poll(Duration.ofSeconds(5));
          } catch (RuntimeException expected) {
            // woken up below
          }
        }, "kafka-listener-0");
        poller.setDaemon(true);
        poller.start();
        long until = System.nanoTime() + 5_000_000_000L;
        while (!polling(poller) && System.nanoTime() < until) Thread.sleep(2);
        String current = Thread.currentThread().getName();
        long currentId = Thread.currentThread().getId();
        long otherId = poller.getId();
        String shownName = c.s.pick("http-nio-8080-exec-" + c.s.between(1, 20), "scheduling-1", "main",
            "task-" + c.s.between(1, 8), "ForkJoinPool.commonPool-worker-" + c.s.between(1, 7));
        int shownCurrent = c.s.between(30, 90);
        int shownOther = shownCurrent + c.s.between(1, 12);
        c.text("currentThread(name: " + current + ", id: " + currentId + ") otherThread(id: " + otherId + ")",
            "currentThread(name: " + shownName + ", id: " + shownCurrent + ") otherThread(id: " + shownOther + ")");
        Throwable t = fail(() -> {
          switch (c.rnd.nextInt(3)) {
            case 0 -> k.commitSync();
            case 1 -> k.assignment();
            default -> k.listTopics();
          }
        });
        k.wakeup();
        poller.join(5000);
        return t;
      } finally {
        k.close(CloseOptions.timeout(Duration.ZERO));
      }
    }));
    // ---- interrupted: a poll or blocking call on an interrupted thread
    l.add(costly("interrupted", "kafka.interrupted", 2, c -> fail(() -> {
      KafkaConsumer<String, String> k = consumer(c, true);
      try {
        TopicPartition tp = new TopicPartition(topic(c), c.s.between(0, 11));
        boolean poll = c.s.chance(0.6);
        if (poll) k.subscribe(List.of(tp.topic()));
        Thread.currentThread().interrupt();
        try {
          if (poll) k.poll(Duration.ofMillis(c.s.pick(100, 500, 1000)));
          else k.committed(Set.of(tp));
        } finally {
          Thread.interrupted();
        }
      } finally {
        k.close(CloseOptions.timeout(Duration.ZERO));
      }
    })));
    // ---- illegal_state: calls in the wrong state of a client
    l.add(costly("illegal_state", "kafka.wrong-state", 3, c -> fail(() -> {
      if (c.s.chance(0.3)) {
        KafkaProducer<String, String> p = new KafkaProducer<>(producerProps(c));
        try {
          if (c.s.chance(0.5)) p.beginTransaction();
          else p.initTransactions();
        } finally {
          p.close(Duration.ZERO);
        }
        return;
      }
      KafkaConsumer<String, String> k = consumer(c, true);
      try {
        TopicPartition tp = new TopicPartition(topic(c), c.s.between(0, 11));
        switch (c.rnd.nextInt(3)) {
          case 0 -> k.poll(Duration.ofMillis(c.s.pick(100, 500, 1000)));
          case 1 -> k.position(tp);
          default -> k.seek(tp, c.s.between(0, 100_000));
        }
      } finally {
        k.close(CloseOptions.timeout(Duration.ZERO));
      }
    })));
    // ---- configuration_error: a consumer without group.id used with group management or commits
    l.add(costly("configuration_error", "kafka.missing-group-id", 2, c -> fail(() -> {
      KafkaConsumer<String, String> k = consumer(c, false);
      try {
        if (c.s.chance(0.5)) {
          k.subscribe(List.of(topic(c)));
          k.poll(Duration.ofMillis(500));
        } else {
          TopicPartition tp = new TopicPartition(topic(c), c.s.between(0, 11));
          k.assign(List.of(tp));
          k.commitSync(Map.of(tp, new OffsetAndMetadata(c.s.between(1, 900_000))));
        }
      } finally {
        k.close(CloseOptions.timeout(Duration.ZERO));
      }
    })));
    // ---- configuration_error: invalid client configurations, rejected while the client is built
    l.add(cheap("configuration_error", "kafka.invalid-config", c -> fail(() -> {
      boolean producer = c.s.chance(0.6);
      Properties p = producer ? producerProps(c) : consumerProps(c, true);
      switch (c.rnd.nextInt(producer ? 8 : 5)) {
        case 0 -> p.put(producer ? "value.serializer" : "value.deserializer", "com.acme." + c.s.pick("payments", "ledger")
            + ".kafka." + c.s.domain() + (producer ? "Serializer" : "Deserializer"));
        case 1 -> p.put("bootstrap.servers", c.s.pick("kafka-0:ninety-two", "kafka-0.kafka-headless", "9092", "kafka-broker-1.internal:"));
        case 2 -> p.remove(producer ? "value.serializer" : "value.deserializer");
        case 3 -> p.put(producer ? "linger.ms" : "max.poll.records", c.s.pick("5ms", "1s", "ten", "500k"));
        case 4 -> p.put(producer ? "acks" : "auto.offset.reset", producer ? c.s.pick("2", "leader", "any") : c.s.pick("smallest", "largest", "beginning"));
        case 5 -> {
          p.put("enable.idempotence", "true");
          p.put("acks", c.s.pick("1", "0"));
        }
        case 6 -> {
          p.put("security.protocol", c.s.pick("SASL_SSL", "SASL_PLAINTEXT"));
          p.put("sasl.mechanism", c.s.pick("PLAIN", "SCRAM-SHA-512"));
        }
        default -> p.put("compression.type", c.s.pick("snappy2", "gzip9", "brotli"));
      }
      if (producer) new KafkaProducer<String, String>(p).close(Duration.ZERO);
      else new KafkaConsumer<String, String>(p).close(CloseOptions.timeout(Duration.ZERO));
    })));
    // ---- illegal_argument: records and subscriptions the clients reject
    l.add(cheap("illegal_argument", "kafka.bad-argument", c -> fail(() -> {
      switch (c.rnd.nextInt(3)) {
        case 0 -> c.use(new ProducerRecord<>(topic(c), c.s.pick(-1, -2), c.s.accountNo(), json(c)));
        case 1 -> c.use(new ProducerRecord<>(null, c.s.accountNo(), json(c)));
        default -> c.use(new ProducerRecord<>(topic(c), 0, -c.s.between(1, 1000) * 1000L, c.s.accountNo(), json(c)));
      }
    })));
    // ---- deserialization: the built-in deserializers on bytes of another format
    l.add(cheap("deserialization", "kafka.deserializer", c -> fail(() -> {
      String topic = topic(c);
      byte[] text = c.s.pick(String.valueOf(c.s.id()), c.s.txId(), json(c), c.s.accountNo()).getBytes(StandardCharsets.UTF_8);
      Deserializer<?> d = switch (c.rnd.nextInt(5)) {
        case 0 -> new IntegerDeserializer();
        case 1 -> new LongDeserializer();
        case 2 -> new DoubleDeserializer();
        case 3 -> new ShortDeserializer();
        default -> new UUIDDeserializer();
      };
      if (d instanceof UUIDDeserializer) {
        if (text.length == 36) text = Arrays.copyOf(text, 20);
      } else {
        int size = d instanceof IntegerDeserializer ? 4 : d instanceof ShortDeserializer ? 2 : 8;
        if (text.length == size) text = Arrays.copyOf(text, size - 1);
      }
      try (d) {
        c.use(d.deserialize(topic, text));
      }
    })));
    // ---- class_cast: a serializer handed another type than its generic type (raw Serde use)
    l.add(Scenario.lessOften(cheap("class_cast", "kafka.serializer-type", c -> fail(() -> {
      @SuppressWarnings({"unchecked", "rawtypes"})
      Serializer<Object> s = (Serializer) new StringSerializer();
      Object value = switch (c.rnd.nextInt(3)) {
        case 0 -> c.s.id();
        case 1 -> new java.math.BigDecimal(c.s.amount());
        default -> Map.of("txId", c.s.txId());
      };
      try (s) {
        c.use(s.serialize(topic(c), value));
      }
    }))));
    return l;
  }

  private static boolean polling(Thread t) {
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getClassName().startsWith("org.apache.kafka.clients.consumer.internals.") && !e.getMethodName().equals("<init>")) {
        return true;
      }
    }
    return false;
  }
}
