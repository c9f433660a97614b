package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Resources;
import io.logdx.trainer.data.Scenario;
import jakarta.persistence.CheckConstraint;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.cfg.Configuration;

/**
 * Hibernate ORM 7 over an H2 in-memory database of its own: a session factory bootstrapped once per generator from
 * the annotated entities below, and the failures that services using it really meet, through the native
 * {@link Session} API and through the Jakarta Persistence {@link EntityManager} view of the same session (which
 * converts Hibernate's exceptions to the {@code jakarta.persistence} types). Entity class names in messages are
 * shown in an application's domain package.
 */
final class HibernateScenarios {
  private HibernateScenarios() {}

  private static final String OWN = "io.logdx.trainer.data.scenario.HibernateScenarios$";

  /** Held so that the level settings are not lost with a collected logger. */
  private static final List<java.util.logging.Logger> QUIET = new ArrayList<>();

  static {
    // Hibernate logs through JBoss Logging: to slf4j (slf4j-nop) where it has not chosen yet, else to j.u.l.
    if (System.getProperty("org.jboss.logging.provider") == null) System.setProperty("org.jboss.logging.provider", "slf4j");
    for (String name : new String[] {"org.hibernate", "org.jboss.logging", "com.zaxxer.hikari"}) {
      java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
      l.setLevel(java.util.logging.Level.OFF);
      QUIET.add(l);
    }
  }

  // ---- the application's entities

  @Entity(name = "Customer")
  @Table(name = "customers", uniqueConstraints = @UniqueConstraint(name = "uk_customers_customer_no", columnNames = "customer_no"))
  public static class Customer {
    @Id
    private Long id;
    @Column(name = "customer_no", nullable = false, length = 20)
    private String customerNo;
    @Column(nullable = false, length = 60)
    private String name;
    @Column(nullable = false, length = 10)
    private String grade;
    @OneToMany(mappedBy = "customer")
    private List<Account> accounts = new ArrayList<>();

    protected Customer() {}

    public Customer(Long id, String customerNo, String name, String grade) {
      this.id = id;
      this.customerNo = customerNo;
      this.name = name;
      this.grade = grade;
    }

    public Long getId() { return id; }

    public String getName() { return name; }

    public String getGrade() { return grade; }

    public List<Account> getAccounts() { return accounts; }
  }

  @Entity(name = "Account")
  @Table(name = "accounts", uniqueConstraints = @UniqueConstraint(name = "uk_accounts_account_no", columnNames = "account_no"),
      check = @CheckConstraint(name = "ck_accounts_balance", constraint = "balance >= 0"))
  public static class Account {
    @Id
    private Long id;
    @Column(name = "account_no", nullable = false, length = 32)
    private String accountNo;
    @Column(nullable = false, precision = 19, scale = 2)
    private BigDecimal balance;
    @Column(nullable = false, length = 12)
    private String status;
    @Version
    private Integer version;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id", foreignKey = @ForeignKey(name = "fk_accounts_customer"))
    private Customer customer;

    protected Account() {}

    public Account(Long id, String accountNo, BigDecimal balance, Customer customer) {
      this.id = id;
      this.accountNo = accountNo;
      this.balance = balance;
      this.status = "ACTIVE";
      this.customer = customer;
    }

    public Long getId() { return id; }

    public String getAccountNo() { return accountNo; }

    public BigDecimal getBalance() { return balance; }

    public void setBalance(BigDecimal balance) { this.balance = balance; }

    public String getStatus() { return status; }

    public void setStatus(String status) { this.status = status; }

    public Customer getCustomer() { return customer; }
  }

  @Entity(name = "PaymentOrder")
  @Table(name = "payment_orders", uniqueConstraints = @UniqueConstraint(name = "uk_payment_orders_request_id", columnNames = "request_id"),
      check = @CheckConstraint(name = "ck_payment_orders_amount", constraint = "amount > 0"))
  public static class PaymentOrder {
    @Id
    private Long id;
    @Column(name = "request_id", nullable = false, length = 64)
    private String requestId;
    @Column(nullable = false, precision = 19, scale = 2)
    private BigDecimal amount;
    @Column(nullable = false, length = 3)
    private String currency;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", foreignKey = @ForeignKey(name = "fk_payment_orders_account"))
    private Account account;

    protected PaymentOrder() {}

    public PaymentOrder(Long id, String requestId, BigDecimal amount, String currency, Account account) {
      this.id = id;
      this.requestId = requestId;
      this.amount = amount;
      this.currency = currency;
      this.account = account;
    }

    public Account getAccount() { return account; }
  }

  /** Mapped to a table whose column a later release dropped (schema drift under a stale mapping). */
  @Entity(name = "FeeSchedule")
  @Table(name = "fee_schedules")
  public static class FeeSchedule {
    @Id
    private Long id;
    @Column(name = "fee_code", length = 20)
    private String feeCode;
    @Column(name = "fee_rate", precision = 9, scale = 6)
    private BigDecimal feeRate;

    protected FeeSchedule() {}

    public BigDecimal getFeeRate() { return feeRate; }
  }

  // ---- entities of broken mappings (each one bootstrapped alone with the good ones)

  /** No identifier. */
  @Entity(name = "Statement")
  @Table(name = "statements")
  public static class MonthlyStatement {
    private Long statementId;
    private String period;

    protected MonthlyStatement() {}

    public Long getStatementId() { return statementId; }

    public String getPeriod() { return period; }
  }

  /** mappedBy names a property the target does not have. */
  @Entity(name = "Branch")
  @Table(name = "branches")
  public static class Branch {
    @Id
    private Long id;
    @OneToMany(mappedBy = "branch")
    private List<Account> accounts = new ArrayList<>();

    protected Branch() {}

    public List<Account> getAccounts() { return accounts; }
  }

  /** A many-to-one to a class that is not an entity. */
  @Entity(name = "CardProduct")
  @Table(name = "card_products")
  public static class CardProduct {
    @Id
    private Long id;
    @ManyToOne
    private FeePlan feePlan;

    protected CardProduct() {}

    public FeePlan getFeePlan() { return feePlan; }
  }

  public static class FeePlan {
    private String code;

    public String getCode() { return code; }
  }

  // ---- the session factory, once per generator

  /** The shared session factory over its own database, closed with the generator. */
  static final class Orm implements AutoCloseable {
    private static int databases;
    final Resources res;
    final HikariDataSource ds;
    final SessionFactory sf;

    Orm(Resources res) {
      this.res = res;
      HikariConfig cfg = new HikariConfig();
      int n;
      synchronized (Orm.class) {
        n = ++databases;
      }
      cfg.setJdbcUrl("jdbc:h2:mem:logdx_hibernate_" + n + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=100");
      cfg.setUsername("sa");
      cfg.setPassword("");
      cfg.setMaximumPoolSize(4);
      cfg.setPoolName("hibernate-scenarios");
      this.ds = new HikariDataSource(cfg);
      Configuration c = new Configuration();
      for (Class<?> e : List.of(Customer.class, Account.class, PaymentOrder.class, FeeSchedule.class)) c.addAnnotatedClass(e);
      c.getProperties().put("hibernate.connection.datasource", ds);
      c.setProperty("hibernate.hbm2ddl.auto", "create");
      c.setProperty("jakarta.persistence.validation.mode", "none");
      c.setProperty("hibernate.check_nullability", "false");
      // as a Jakarta EE container runs it: a commit of a transaction marked rollback-only fails
      c.setProperty("hibernate.jpa.compliance.transaction", "true");
      this.sf = c.buildSessionFactory();
      try (Connection con = ds.getConnection(); Statement st = con.createStatement()) {
        st.execute("CREATE ALIAS SLEEP_MS FOR \"java.lang.Thread.sleep(long)\"");
        st.execute("INSERT INTO customers (id, customer_no, name, grade) VALUES (1, 'C0000001', 'Kim Minji', 'GOLD'), "
            + "(2, 'C0000002', 'Lee Jiho', 'BASIC'), (3, 'C0000003', 'Park Seoyeon', 'VIP')");
        StringBuilder sb = new StringBuilder("INSERT INTO accounts (id, account_no, balance, status, version, customer_id) VALUES ");
        for (int i = 1; i <= 30; i++) {
          if (i > 1) sb.append(", ");
          sb.append("(").append(i).append(", '110-01-").append(String.format("%06d", i)).append("', ").append(1000 * i)
              .append(".00, 'ACTIVE', 0, ").append(1 + i % 3).append(")");
        }
        st.execute(sb.toString());
        st.execute("INSERT INTO payment_orders (id, request_id, amount, currency, account_id) VALUES "
            + "(1, 'REQ-0001', 1000.00, 'KRW', 1), (2, 'REQ-0002', 52000.00, 'KRW', 2), (3, 'REQ-0002-RETRY', 52000.00, 'KRW', 2)");
        st.execute("INSERT INTO fee_schedules (id, fee_code, fee_rate) VALUES (1, 'WIRE', 0.001500)");
        st.execute("ALTER TABLE fee_schedules DROP COLUMN fee_rate");
      } catch (SQLException e) {
        sf.close();
        ds.close();
        throw new IllegalStateException("could not fill the Hibernate scenario database", e);
      }
    }

    @Override
    public void close() {
      synchronized (ORMS) {
        ORMS.remove(res);
      }
      sf.close();
      try (Connection con = ds.getConnection(); Statement st = con.createStatement()) {
        st.execute("SHUTDOWN");
      } catch (SQLException ignored) {
        // already down
      }
      ds.close();
    }
  }

  private static final Map<Resources, Orm> ORMS = new IdentityHashMap<>();

  static Orm orm(Ctx c) {
    synchronized (ORMS) {
      return ORMS.computeIfAbsent(c.res, r -> r.closeLater(new Orm(r)));
    }
  }

  /** Shows the entity classes in one of the applications' domain packages. */
  static SessionFactory sf(Ctx c) {
    String pkg = DbScenarios.entityClass(c, "");
    c.text(OWN, pkg);
    return orm(c).sf;
  }

  // ---- the application's data access code

  /** A repository over the native Session API. */
  static final class AccountDao {
    final SessionFactory sf;

    AccountDao(SessionFactory sf) {
      this.sf = sf;
    }

    Customer findCustomer(long id) {
      try (Session s = sf.openSession()) {
        return s.find(Customer.class, id);
      }
    }

    Account findAccount(long id) {
      try (Session s = sf.openSession()) {
        return s.find(Account.class, id);
      }
    }

    Customer customerRef(long id) {
      try (Session s = sf.openSession()) {
        return s.getReference(Customer.class, id);
      }
    }

    void save(Object entity) {
      try (Session s = sf.openSession()) {
        Transaction tx = s.beginTransaction();
        try {
          s.persist(entity);
          tx.commit();
        } finally {
          if (tx.isActive()) tx.rollback();
        }
      }
    }

    void update(Account detached) {
      try (Session s = sf.openSession()) {
        Transaction tx = s.beginTransaction();
        try {
          s.merge(detached);
          tx.commit();
        } finally {
          if (tx.isActive()) tx.rollback();
        }
      }
    }
  }

  /** A service over the Jakarta Persistence API of the same factory. */
  static final class TransferService {
    final SessionFactory emf;

    TransferService(SessionFactory emf) {
      this.emf = emf;
    }

    void inTransaction(java.util.function.Consumer<EntityManager> work) {
      EntityManager em = emf.createEntityManager();
      EntityTransaction tx = em.getTransaction();
      try {
        tx.begin();
        work.accept(em);
        tx.commit();
      } finally {
        if (tx.isActive()) tx.rollback();
        em.close();
      }
    }
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- lazy_initialization: an association read after its session closed
    l.add(cheap("lazy_initialization", "hibernate.lazy-collection", c -> {
      AccountDao dao = new AccountDao(sf(c));
      Customer customer = dao.findCustomer(c.s.between(1, 3));
      return fail(() -> {
        if (c.s.chance(0.5)) c.use(customer.getAccounts().size());
        else for (Account a : customer.getAccounts()) c.use(a.getBalance());
      });
    }));
    l.add(cheap("lazy_initialization", "hibernate.lazy-proxy", c -> {
      AccountDao dao = new AccountDao(sf(c));
      if (c.s.chance(0.5)) {
        Account account = dao.findAccount(c.s.between(1, 30));
        return fail(() -> c.use(account.getCustomer().getGrade()));
      }
      Customer ref = dao.customerRef(c.s.between(1, 3));
      return fail(() -> c.use(ref.getName()));
    }));
    // ---- optimistic_lock: @Version checked at flush
    l.add(cheap("optimistic_lock", "hibernate.stale-version", c -> {
      SessionFactory sf = sf(c);
      long id = c.s.between(1, 30);
      AccountDao dao = new AccountDao(sf);
      Account stale = dao.findAccount(id);
      Account fresh = dao.findAccount(id);
      fresh.setBalance(fresh.getBalance().add(BigDecimal.ONE));
      dao.update(fresh);
      stale.setBalance(stale.getBalance().subtract(BigDecimal.ONE));
      return switch (c.rnd.nextInt(3)) {
        case 0 -> fail(() -> dao.update(stale));
        case 1 -> fail(() -> new TransferService(sf).inTransaction(em -> em.merge(stale)));
        default -> fail(() -> {
          // two sessions read the same row; the other one commits first
          try (Session a = sf.openSession(); Session b = sf.openSession()) {
            Transaction ta = a.beginTransaction();
            Transaction tb = b.beginTransaction();
            try {
              Account mine = a.find(Account.class, id);
              mine.setBalance(mine.getBalance().add(new BigDecimal(c.s.amount())));
              Account theirs = b.find(Account.class, id);
              theirs.setBalance(theirs.getBalance().add(BigDecimal.TEN));
              tb.commit();
              if (c.s.chance(0.5)) a.flush();
              ta.commit();
            } finally {
              if (ta.isActive()) ta.rollback();
              if (tb.isActive()) tb.rollback();
            }
          }
        });
      };
    }));
    // ---- db_constraint_violation: unique, foreign key, not null and check constraints at flush
    l.add(cheap("db_constraint_violation", "hibernate.constraint-violation", c -> {
      SessionFactory sf = sf(c);
      long id = 1000 + c.s.id();
      int kind = c.rnd.nextInt(5);
      java.util.function.Function<Session, Object> make = s -> switch (kind) {
        case 0 -> new Account(id, "110-01-" + String.format("%06d", c.s.between(1, 30)), new BigDecimal(c.s.amount()),
            s.getReference(Customer.class, c.s.between(1, 3)));
        case 1 -> new Account(id, c.s.accountNo(), new BigDecimal(c.s.amount()), s.getReference(Customer.class, 100L + c.s.id()));
        case 2 -> new Account(id, c.s.accountNo(), new BigDecimal("-" + c.s.amount()), s.getReference(Customer.class, 1L));
        case 3 -> new PaymentOrder(id, c.s.pick("REQ-0001", "REQ-0002"), new BigDecimal(c.s.amount()), "KRW",
            s.getReference(Account.class, (long) c.s.between(1, 30)));
        default -> new PaymentOrder(id, c.s.txId(), null, c.s.currency(), s.getReference(Account.class, (long) c.s.between(1, 30)));
      };
      if (c.s.chance(0.5)) {
        return fail(() -> new TransferService(sf).inTransaction(em -> {
          em.persist(make.apply(em.unwrap(Session.class)));
          if (c.s.chance(0.5)) em.flush();
        }));
      }
      return fail(() -> {
        try (Session s = sf.openSession()) {
          Transaction tx = s.beginTransaction();
          try {
            s.persist(make.apply(s));
            s.flush();
            tx.commit();
          } finally {
            if (tx.isActive()) tx.rollback();
          }
        }
      });
    }));

    // ---- entity_not_found: a reference to a row that is not there, a single result that is missing
    l.add(cheap("entity_not_found", "hibernate.missing-entity", c -> {
      SessionFactory sf = sf(c);
      long missing = 5000 + c.s.id();
      return switch (c.rnd.nextInt(4)) {
        case 0 -> fail(() -> new TransferService(sf).inTransaction(em ->
            c.use(em.getReference(Account.class, missing).getBalance())));
        case 1 -> fail(() -> {
          try (Session s = sf.openSession()) {
            c.use(s.getReference(Customer.class, missing).getGrade());
          }
        });
        case 2 -> fail(() -> new TransferService(sf).inTransaction(em -> {
          // a payment order pointing at an account row deleted underneath
          PaymentOrder o = new PaymentOrder(missing, c.s.txId(), BigDecimal.ONE, "KRW", em.getReference(Account.class, missing));
          c.use(o.getAccount().getStatus());
        }));
        default -> fail(() -> new TransferService(sf).inTransaction(em -> {
          // the row is deleted by another service while this one holds the entity; refresh finds nothing
          em.persist(new Customer(missing, "C" + c.s.digits(7), "Test " + c.s.alnum(5), "BASIC"));
          em.flush();
          Customer held = em.find(Customer.class, missing);
          em.createNativeQuery("delete from customers where id = " + missing).executeUpdate();
          em.refresh(held);
        }));
      };
    }));
    l.add(cheap("entity_not_found", "hibernate.no-result", c -> {
      SessionFactory sf = sf(c);
      String accountNo = c.s.accountNo();
      if (c.s.chance(0.5)) {
        return fail(() -> new TransferService(sf).inTransaction(em -> c.use(em.createQuery(
            "select a from Account a where a.accountNo = :accountNo", Account.class).setParameter("accountNo", accountNo).getSingleResult())));
      }
      return fail(() -> {
        try (Session s = sf.openSession()) {
          c.use(s.createSelectionQuery(c.s.pick("from Customer c where c.customerNo = :no", "select c from Customer c where c.customerNo = :no"),
              Customer.class).setParameter("no", "C" + c.s.digits(7)).getSingleResult());
        }
      });
    }));
    // ---- db_sql_syntax: HQL that does not parse or names what is not mapped, SQL against a missing table or column
    l.add(cheap("db_sql_syntax", "hibernate.hql-error", c -> {
      SessionFactory sf = sf(c);
      String hql = switch (c.rnd.nextInt(8)) {
        case 0 -> "select a from " + c.s.pick("Acount", "Accounts", "AccountEntity", "TbAccount") + " a where a.id = :id";
        case 1 -> "select a from Account a where a." + c.s.pick("acctNo", "account_no", "accountNumber", "owner") + " = :id";
        case 2 -> "select a fromm Account a where a.id = :id";
        case 3 -> "select a from Account a where a.id = :id order";
        case 4 -> "select a from Account a where a.status in ('ACTIVE', 'FROZEN' and a.id = :id";
        case 5 -> "select c from Customer c join c." + c.s.pick("account", "orders", "cards") + " a where c.id = :id";
        case 6 -> "update Account a set a.balance = a.balance - where a.id = :id";
        default -> "select sum(o.amount) from PaymentOrder o where o.account.id = :id group";
      };
      if (c.s.chance(0.5)) {
        return fail(() -> new TransferService(sf).inTransaction(em -> {
          if (hql.startsWith("update")) em.createQuery(hql).setParameter("id", c.s.id()).executeUpdate();
          else c.use(em.createQuery(hql).setParameter("id", c.s.id()).getResultList());
        }));
      }
      return fail(() -> {
        try (Session s = sf.openSession()) {
          if (hql.startsWith("update")) s.createMutationQuery(hql).setParameter("id", c.s.id()).executeUpdate();
          else c.use(s.createQuery(hql, Object.class).setParameter("id", c.s.id()).list());
        }
      });
    }));
    l.add(cheap("db_sql_syntax", "hibernate.sql-grammar", c -> {
      SessionFactory sf = sf(c);
      return switch (c.rnd.nextInt(3)) {
        // the entity is mapped to a column that a later migration dropped
        case 0 -> fail(() -> {
          try (Session s = sf.openSession()) {
            c.use(c.s.chance(0.5) ? s.find(FeeSchedule.class, 1L)
                : s.createSelectionQuery("from FeeSchedule f where f.feeCode = :code", FeeSchedule.class)
                    .setParameter("code", c.s.pick("WIRE", "ATM", "FX")).list());
          }
        });
        case 1 -> fail(() -> new TransferService(sf).inTransaction(em -> c.use(em.createNativeQuery(
            "select " + c.s.pick("*", "id, balance", "sum(amount)") + " from " + c.s.pick("account_master", "tb_ledger", "payment_order",
                "customer_accounts") + " where customer_id = ?1").setParameter(1, c.s.id()).getResultList())));
        default -> fail(() -> {
          try (Session s = sf.openSession()) {
            c.use(s.createNativeQuery("select a.id, a." + c.s.pick("acct_no", "available_balance", "branch_code", "closed_at")
                + " from accounts a where a.status = :status", Object[].class).setParameter("status", "ACTIVE").list());
          }
        });
      };
    }));
    // ---- illegal_state: transient references, detached entities, transactions begun twice
    l.add(cheap("illegal_state", "hibernate.transient-reference", c -> {
      SessionFactory sf = sf(c);
      long id = 7000 + c.s.id();
      Customer unsaved = new Customer(90_000 + c.s.id(), "C" + c.s.digits(7), "Test " + c.s.alnum(5), "BASIC");
      Account unsavedAccount = new Account(80_000 + c.s.id(), c.s.accountNo(), BigDecimal.ZERO, unsaved);
      if (c.s.chance(0.5)) {
        return fail(() -> new TransferService(sf).inTransaction(em -> {
          em.persist(new PaymentOrder(id, c.s.txId(), new BigDecimal(c.s.amount()), c.s.currency(), unsavedAccount));
          if (c.s.chance(0.5)) em.flush();
        }));
      }
      return fail(() -> new AccountDao(sf).save(new Account(id, c.s.accountNo(), new BigDecimal(c.s.amount()), unsaved)));
    }));
    l.add(cheap("illegal_state", "hibernate.detached-persist", c -> {
      SessionFactory sf = sf(c);
      AccountDao dao = new AccountDao(sf);
      Account detached = dao.findAccount(c.s.between(1, 30));
      if (c.s.chance(0.5)) return fail(() -> dao.save(detached));
      return fail(() -> new TransferService(sf).inTransaction(em -> em.persist(detached)));
    }));
    l.add(Scenario.lessOften(cheap("illegal_state", "hibernate.transaction-state", c -> {
      SessionFactory sf = sf(c);
      return fail(() -> {
        try (Session s = sf.openSession()) {
          if (c.s.chance(0.5)) {
            // committed in a nested helper, then again by the caller
            Transaction tx = s.beginTransaction();
            c.use(s.find(Account.class, (long) c.s.between(1, 30)));
            tx.commit();
            tx.commit();
          } else {
            s.getTransaction().commit();
          }
        }
      });
    })));

    // ---- db_lock_conflict: PESSIMISTIC_WRITE held by one transaction, asked for by another (H2 LOCK_TIMEOUT=100)
    l.add(costly("db_lock_conflict", "hibernate.pessimistic-lock", 3, c -> {
      SessionFactory sf = sf(c);
      long id = c.s.between(1, 30);
      try (Session holder = sf.openSession()) {
        Transaction tx = holder.beginTransaction();
        try {
          c.use(holder.find(Account.class, id, LockModeType.PESSIMISTIC_WRITE));
          return switch (c.rnd.nextInt(3)) {
            case 0 -> fail(() -> new TransferService(sf).inTransaction(em ->
                c.use(em.find(Account.class, id, LockModeType.PESSIMISTIC_WRITE).getBalance())));
            case 1 -> fail(() -> new TransferService(sf).inTransaction(em -> em.createQuery(
                "update Account a set a.balance = a.balance + :amount where a.id = :id").setParameter("amount", new BigDecimal(c.s.amount()))
                .setParameter("id", id).executeUpdate()));
            default -> fail(() -> {
              try (Session s = sf.openSession()) {
                Transaction t2 = s.beginTransaction();
                try {
                  Account a = s.find(Account.class, id);
                  s.lock(a, LockModeType.PESSIMISTIC_WRITE);
                } finally {
                  t2.rollback();
                }
              }
            });
          };
        } finally {
          tx.rollback();
        }
      }
    }));
    // ---- db_query_timeout: a statement cancelled by the database's statement timeout
    l.add(costly("db_query_timeout", "hibernate.query-timeout", 3, c -> {
      SessionFactory sf = sf(c);
      int ms = c.s.between(30, 60);
      // each row waits 2 ms and H2 checks the timeout every 128 rows: noticed at the same row in every run
      String sql = c.s.pick("select x, SLEEP_MS(2) from system_range(1, 400)",
          "select a.id, SLEEP_MS(2) from accounts a, system_range(1, 15) r");
      try (Session s = sf.openSession()) {
        Transaction tx = s.beginTransaction();
        try {
          s.doWork(con -> {
            try (Statement st = con.createStatement()) {
              st.execute("SET QUERY_TIMEOUT " + ms);
            }
          });
          if (c.s.chance(0.5)) return fail(() -> c.use(s.createNativeQuery(sql, Object[].class).list()));
          return fail(() -> c.use(s.createNativeQuery(sql, Object[].class).getResultList()));
        } finally {
          s.doWork(con -> {
            try (Statement st = con.createStatement()) {
              st.execute("SET QUERY_TIMEOUT 0");
            }
          });
          tx.rollback();
        }
      }
    }));
    // ---- transaction_rollback: a commit of a transaction that an earlier failure marked rollback-only
    l.add(cheap("transaction_rollback", "hibernate.rollback-only", c -> {
      SessionFactory sf = sf(c);
      long id = c.s.between(1, 30);
      return fail(() -> {
        EntityManager em = sf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
          tx.begin();
          Account a = em.find(Account.class, id);
          a.setBalance(a.getBalance().add(new BigDecimal(c.s.amount())));
          switch (c.rnd.nextInt(3)) {
            case 0 -> {
              try {
                // the audit row is "best effort": its failure is logged and swallowed, but the transaction is spoiled
                em.persist(new PaymentOrder(9000 + c.s.id(), "REQ-0001", BigDecimal.ONE, "KRW", a));
                em.flush();
              } catch (jakarta.persistence.PersistenceException ignored) {
                // swallowed
              }
            }
            case 1 -> {
              try {
                c.use(em.createNativeQuery("select fee_rate from fee_schedules where id = 1").getSingleResult());
              } catch (jakarta.persistence.PersistenceException ignored) {
                // default fee then
              }
            }
            default -> tx.setRollbackOnly();
          }
          tx.commit();
        } finally {
          if (tx.isActive()) tx.rollback();
          em.close();
        }
      });
    }));
    // ---- configuration_error: bootstrap of a broken mapping or a setting this Hibernate does not know
    l.add(costly("configuration_error", "hibernate.bootstrap-mapping", 3, c -> {
      Orm orm = orm(c);
      c.text(OWN, DbScenarios.entityClass(c, ""));
      Configuration cfg = new Configuration().addAnnotatedClass(Customer.class).addAnnotatedClass(Account.class);
      cfg.addAnnotatedClass(switch (c.rnd.nextInt(3)) {
        case 0 -> MonthlyStatement.class;
        case 1 -> Branch.class;
        default -> CardProduct.class;
      });
      cfg.getProperties().put("hibernate.connection.datasource", orm.ds);
      cfg.setProperty("jakarta.persistence.validation.mode", "none");
      return fail(() -> cfg.buildSessionFactory().close());
    }));
    l.add(costly("configuration_error", "hibernate.no-persistence-unit", 2, c -> fail(() ->
        jakarta.persistence.Persistence.createEntityManagerFactory(c.s.pick("payments", "ledgerPU", "default", "bank-core")).close())));
    return l;
  }
}
