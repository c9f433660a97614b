package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.store.SimpleFSLockFactory;
import org.apache.lucene.store.SleepingLockWrapper;
import org.apache.lucene.util.BytesRef;

/**
 * Apache Lucene (9.12, the version OpenSearch brings) failing in the search code of a service: users' query strings
 * that the classic query parser rejects, queries over the clause limit, documents the index writer refuses, an index
 * directory without a commit, a second writer on a locked index, writers and readers used after close, a sort on a
 * field indexed without doc values, and segment files garbled or truncated on disk. All real; index directories
 * live under the generator's temporary folder and are shown as a search node's data paths.
 */
final class LuceneScenarios {
  private LuceneScenarios() {}

  static {
    // the OpenSearch codecs found through Lucene's SPI log through the Log4j API: no provider line on stderr
    if (System.getProperty("log4j2.loggerContextFactory") == null) {
      System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
    }
  }

  /** One analyzer for every parser and writer, as a service keeps it (reusable and thread-safe). */
  static final StandardAnalyzer ANALYZER = new StandardAnalyzer();

  static final String[] FIELDS = {"title", "memo", "merchant_name", "description", "address", "body", "name_ko",
      "counterparty", "tags", "note"};

  /** A small read-only index in memory: amounts as points only, memo as text, currency as sorted doc values. */
  static final class Catalog {
    static final Catalog INSTANCE = new Catalog();
    final IndexSearcher searcher;

    private Catalog() {
      try {
        ByteBuffersDirectory d = new ByteBuffersDirectory();
        try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig(ANALYZER))) {
          for (int i = 0; i < 40; i++) {
            Document doc = new Document();
            doc.add(new StringField("id", "TX" + (1000 + i), Field.Store.YES));
            doc.add(new LongPoint("amount", 1000L * i));
            doc.add(new StoredField("amount", 1000L * i));
            doc.add(new LongPoint("created_at", 1_700_000_000_000L + i));
            doc.add(new TextField("memo", "transfer to merchant " + i, Field.Store.YES));
            doc.add(new SortedDocValuesField("currency", new BytesRef(i % 3 == 0 ? "USD" : "KRW")));
            doc.add(new StringField("status", i % 5 == 0 ? "FAILED" : "SETTLED", Field.Store.NO));
            w.addDocument(doc);
          }
        }
        searcher = new IndexSearcher(DirectoryReader.open(d));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Shows an index directory under the temp folder as a search node's data path; identity hashes made stable. */
  static Path indexDir(Ctx c, boolean create) throws IOException {
    Path base = c.res.tempDir().resolve("lucene");
    Files.createDirectories(base);
    Path dir = Files.createTempDirectory(base, "idx");
    if (!create) Files.delete(dir);
    String name = c.s.pick("transfers", "payments", "merchants", "ledger-entries", "customers", "audit-log", "products");
    String shown = c.s.pick("/var/lib/search/indices/" + name + "/" + c.s.between(0, 4) + "/index",
        "/data/lucene/" + name, "/opt/app/index/" + name, "/srv/search/" + name + "-v" + c.s.between(1, 9),
        "./data/index/" + name, "/tmp/" + name + "-index");
    c.text(dir.toString(), shown);
    String hash = Integer.toHexString(0x10000000 | c.rnd.nextInt(0x0fffffff));
    c.rewrite("(org\\.apache\\.lucene\\.store\\.\\w+)@[0-9a-f]{4,8}", m -> m.group(1) + "@" + hash);
    return dir;
  }

  static IndexWriterConfig config() {
    return new IndexWriterConfig(ANALYZER);
  }

  static String word(Ctx c) {
    return c.s.pick("coffee", "refund", "삼성", "transfer", "salary", "atm", "fee", "card", "rent", "invoice", "starbucks",
        "netflix", "toss", "kakao", "gs25", "amazon");
  }

  /** A query string a user typed into a search box, broken in one of the ways people break them. */
  static String badQuery(Ctx c) {
    String f = c.s.pick(FIELDS);
    String w = word(c);
    return switch (c.rnd.nextInt(11)) {
      case 0 -> f + ":(" + w + " AND " + word(c);
      case 1 -> "amount:[" + c.s.between(1, 999) + "0 TO";
      case 2 -> f + ":\"" + w + " " + word(c);
      case 3 -> "*" + w.substring(0, Math.max(1, w.length() - 1));
      case 4 -> w + " " + c.s.pick("AND", "OR", "&&", "||");
      case 5 -> c.s.pick("AND ", "OR ") + w;
      case 6 -> f + ":" + w + ")";
      case 7 -> "created_at:{" + c.s.isoDate() + " TO " + c.s.isoDate();
      case 8 -> f + ":" + c.s.pick("^", "!", "~") + w;
      case 9 -> c.s.accountNo() + " " + c.s.pick("[", "{", "(");
      default -> f + ":/" + c.s.pick("[a-z", "(ab", "a{2,", "[0-9]{3", "(kakao|toss") + "/";
    };
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- illegal_argument: the user's query string does not parse (rule 5: a caller's value, not configuration)
    l.add(cheap("illegal_argument", "lucene.query-syntax", c -> fail(() -> {
      String q = badQuery(c);
      QueryParser p = c.s.chance(0.3)
          ? new MultiFieldQueryParser(new String[] {c.s.pick(FIELDS), c.s.pick(FIELDS)}, ANALYZER)
          : new QueryParser(c.s.pick(FIELDS), ANALYZER);
      p.setDefaultOperator(c.s.chance(0.5) ? QueryParser.Operator.AND : QueryParser.Operator.OR);
      c.use(p.parse(q));
    })));
    l.add(costly("illegal_argument", "lucene.too-many-clauses", 4, c -> fail(() -> {
      int n = 1025 + c.s.between(0, 3000);
      switch (c.rnd.nextInt(3)) {
        case 0 -> {
          // a filter built from a caller's list of ids
          BooleanQuery.Builder b = new BooleanQuery.Builder();
          for (int i = 0; i < n; i++) b.add(new TermQuery(new Term("account_no", "ACC-" + (10_000_000 + i))), BooleanClause.Occur.SHOULD);
          c.use(b.build());
        }
        case 1 -> {
          StringBuilder q = new StringBuilder();
          for (int i = 0; i < n; i++) q.append(i == 0 ? "" : " OR ").append("id:TX").append(20_000 + 7 * i);
          c.use(new QueryParser(c.s.pick(FIELDS), ANALYZER).parse(q.toString()));
        }
        default -> {
          // per-merchant groups of terms: each group is small, the whole is over the limit at search time
          BooleanQuery.Builder b = new BooleanQuery.Builder();
          int groups = 40 + c.s.between(0, 60);
          for (int g = 0; g < groups; g++) {
            BooleanQuery.Builder inner = new BooleanQuery.Builder();
            for (int j = 0; j < 30; j++) inner.add(new TermQuery(new Term("memo", "m" + g + "x" + j)), BooleanClause.Occur.SHOULD);
            b.add(inner.build(), BooleanClause.Occur.SHOULD);
          }
          c.use(Catalog.INSTANCE.searcher.search(b.build(), 10));
        }
      }
    })));
    l.add(costly("illegal_argument", "lucene.document-rejected", 4, c -> fail(() -> {
      try (IndexWriter w = new IndexWriter(new ByteBuffersDirectory(), config())) {
        Document first = new Document();
        first.add(new StringField("id", c.s.txId(), Field.Store.YES));
        first.add(new TextField("memo", word(c) + " " + word(c), Field.Store.NO));
        first.add(new NumericDocValuesField("amount", c.s.between(1, 100_000)));
        w.addDocument(first);
        Document next = new Document();
        switch (c.rnd.nextInt(4)) {
          case 0, 1 -> {
            // a whole payload indexed as one keyword
            String field = c.s.pick("payload", "raw_body", "attachment", "signature", "request_json", "memo_keyword");
            StringBuilder v = new StringBuilder();
            while (v.length() < 32_800 + c.s.between(0, 20_000)) v.append(c.s.pick("{\"amount\":", c.s.amount(), ",", c.s.hex(12), "\"KRW\"}"));
            next.add(new StringField(field, v.toString(), Field.Store.NO));
          }
          case 2 -> next.add(new TextField("id", c.s.txId() + " " + c.s.txId(), Field.Store.NO));
          default -> {
            if (c.s.chance(0.5)) next.add(new StringField("amount", c.s.amount(), Field.Store.NO));
            else next.add(new NumericDocValuesField("memo", c.s.between(1, 999)));
          }
        }
        w.addDocument(next);
      }
    })));
    // ---- illegal_state: sorting on a field that was indexed without doc values (or with others)
    l.add(cheap("illegal_state", "lucene.docvalues-type", c -> fail(() -> {
      SortField sf = switch (c.rnd.nextInt(4)) {
        case 0 -> new SortField("amount", SortField.Type.LONG, c.s.chance(0.5));
        case 1 -> new SortField("created_at", SortField.Type.LONG, true);
        case 2 -> new SortField("memo", SortField.Type.STRING);
        default -> new SortField("currency", c.s.pick(SortField.Type.LONG, SortField.Type.DOUBLE, SortField.Type.INT));
      };
      c.use(Catalog.INSTANCE.searcher.search(c.s.chance(0.5) ? new MatchAllDocsQuery()
          : new TermQuery(new Term("status", c.s.pick("FAILED", "SETTLED"))), c.s.pick(10, 20, 50, 100), new Sort(sf)));
    })));
    // ---- file_not_found: no commit in the index directory, or a segment file gone
    l.add(costly("file_not_found", "lucene.index-not-found", 4, c -> {
      int k = c.rnd.nextInt(4);
      Path dir = indexDir(c, k != 3);
      return fail(() -> {
        switch (k) {
          case 0 -> {
            try (Directory d = FSDirectory.open(dir); DirectoryReader r = DirectoryReader.open(d)) {
              c.use(r);
            }
          }
          case 1 -> {
            try (Directory d = FSDirectory.open(dir);
                IndexWriter w = new IndexWriter(d, config().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
              c.use(w);
            }
          }
          case 2 -> {
            try (Directory d = FSDirectory.open(dir)) {
              c.use(d.openInput(c.s.pick("_0.cfs", "_0.si", "segments_1", "_1_Lucene912_0.doc", "_3.fdt"), IOContext.DEFAULT));
            }
          }
          default -> {
            try (Directory d = new NIOFSDirectory(dir); DirectoryReader r = DirectoryReader.open(d)) {
              c.use(r);
            }
          }
        }
      });
    }));
    // ---- db_lock_conflict: the index's write lock is held (a second writer, or a lock file left by a crashed one)
    // taught less often than the database's own lock waits: the index is the store of a search engine, the lock a file's
    l.add(Scenario.lessOften(costly("db_lock_conflict", "lucene.write-lock", 4, c -> {
      Path dir = indexDir(c, true);
      int k = c.rnd.nextInt(3);
      if (k == 0) {
        Files.createFile(dir.resolve("write.lock"));
        return fail(() -> {
          try (IndexWriter w = new IndexWriter(FSDirectory.open(dir, SimpleFSLockFactory.INSTANCE), config())) {
            c.use(w);
          }
        });
      }
      try (Directory d = FSDirectory.open(dir); IndexWriter first = new IndexWriter(d, config())) {
        c.use(first);
        return fail(() -> {
          Directory d2 = k == 1 ? FSDirectory.open(dir) : new SleepingLockWrapper(FSDirectory.open(dir), c.s.between(20, 60), 10);
          try (IndexWriter w = new IndexWriter(d2, config())) {
            c.use(w);
          } finally {
            d2.close();
          }
        });
      }
    })));
    // ---- resource_closed: writers, readers and directories used after close
    l.add(costly("resource_closed", "lucene.already-closed", 4, c -> {
      ByteBuffersDirectory d = new ByteBuffersDirectory();
      IndexWriter w = new IndexWriter(d, config());
      Document doc = new Document();
      doc.add(new StringField("id", c.s.txId(), Field.Store.YES));
      doc.add(new TextField("memo", word(c), Field.Store.YES));
      w.addDocument(doc);
      w.commit();
      DirectoryReader r = DirectoryReader.open(d);
      int k = c.rnd.nextInt(5);
      Throwable t = fail(() -> {
        switch (k) {
          case 0 -> {
            w.close();
            w.addDocument(doc);
          }
          case 1 -> {
            w.close();
            if (c.s.chance(0.5)) w.commit();
            else w.deleteDocuments(new Term("id", c.s.txId()));
          }
          case 2 -> {
            r.close();
            c.use(new IndexSearcher(r).search(new TermQuery(new Term("memo", word(c))), 10));
          }
          case 3 -> {
            r.close();
            c.use(r.storedFields().document(0));
          }
          default -> {
            w.close();
            d.close();
            c.use(d.openInput("_0.cfs", IOContext.DEFAULT));
          }
        }
      });
      r.close();
      w.close();
      return t;
    }));
    // ---- deserialization: segment files garbled or truncated on disk (rule 6: a corrupt store being read)
    l.add(costly("deserialization", "lucene.corrupt-index", 4, c -> {
      Path dir = indexDir(c, true);
      c.rewrite("expected=[0-9a-f]+ actual=[0-9a-f]+", m -> "expected=" + c.s.hex(8) + " actual=" + c.s.hex(8));
      c.rewrite("checksum passed \\([0-9a-f]+\\)", m -> "checksum passed (" + c.s.hex(8) + ")");
      c.rewrite("actual footer=-?\\d+", m -> "actual footer=" + (c.rnd.nextInt() | 1));
      try (Directory d = FSDirectory.open(dir); IndexWriter w = new IndexWriter(d, config())) {
        for (int i = 0; i < 5 + c.s.between(0, 20); i++) {
          Document doc = new Document();
          doc.add(new StringField("id", c.s.txId(), Field.Store.YES));
          doc.add(new TextField("memo", word(c) + " " + word(c), Field.Store.YES));
          doc.add(new LongPoint("amount", c.s.between(1, 1_000_000)));
          w.addDocument(doc);
        }
        w.commit();
      }
      String file = c.s.pick("_0.cfs", "_0.cfe", "_0.si", "segments_1");
      Path p = dir.resolve(file);
      byte[] b = Files.readAllBytes(p);
      if (c.s.chance(0.5)) {
        b[b.length / 2 + c.s.between(0, 3)] ^= 0x5a;
        Files.write(p, b);
      } else {
        Files.write(p, Arrays.copyOf(b, b.length * 2 / 3));
      }
      return fail(() -> {
        try (Directory d = FSDirectory.open(dir); DirectoryReader r = DirectoryReader.open(d)) {
          for (var leaf : r.leaves()) ((org.apache.lucene.index.CodecReader) leaf.reader()).checkIntegrity();
          c.use(new IndexSearcher(r).search(new TermQuery(new Term("memo", word(c))), 10));
        }
      });
    }));
    return l;
  }
}
