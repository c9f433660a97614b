package io.logdx.trainer.data.scenario;

import io.logdx.trainer.data.Scenario;
import java.util.ArrayList;
import java.util.List;

/** All scenarios, by family. See {@code trainer/DATA.md} for the table of labels, scenarios and what produces them. */
public final class Catalogue {
  private Catalogue() {}

  public static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    l.addAll(CodeScenarios.all());
    l.addAll(RuntimeScenarios.all());
    l.addAll(IoScenarios.all());
    l.addAll(ConcurrencyScenarios.all());
    l.addAll(NetScenarios.all());
    l.addAll(DbScenarios.all());
    l.addAll(SecurityScenarios.all());
    l.addAll(FinanceScenarios.all());
    l.addAll(UnknownScenarios.all());
    l.addAll(ConfigScenarios.all());
    l.addAll(AccessScenarios.all());
    l.addAll(DecodeScenarios.all());
    l.addAll(FormatScenarios.all());
    l.addAll(BoundaryScenarios.all());
    l.addAll(ServerConfigScenarios.all());
    l.addAll(LookupScenarios.all());
    l.addAll(FilePermissionScenarios.all());
    l.addAll(AuthBoundaryScenarios.all());
    l.addAll(HttpClientErrorScenarios.all());
    l.addAll(CarrierScenarios.all());
    // library families beyond the JDK, H2, HTTP on loopback, Jackson and banking code (DATA.md, "Library families"):
    // messaging, RPC and HTTP clients, ORM and migrations, other SQL engines, coordination and key-value stores,
    // search and documents, templates and data formats, scheduling, tokens and a cloud SDK
    l.addAll(ActiveMqScenarios.all());
    l.addAll(KafkaScenarios.all());
    l.addAll(GrpcScenarios.all());
    l.addAll(OkHttpScenarios.all());
    l.addAll(HttpClient5Scenarios.all());
    l.addAll(HibernateScenarios.all());
    l.addAll(FlywayScenarios.all());
    l.addAll(HsqldbScenarios.all());
    l.addAll(SqliteScenarios.all());
    l.addAll(DerbyScenarios.all());
    l.addAll(CuratorScenarios.all());
    l.addAll(JedisScenarios.all());
    l.addAll(EhcacheScenarios.all());
    l.addAll(LuceneScenarios.all());
    l.addAll(MongoScenarios.all());
    l.addAll(FreemarkerScenarios.all());
    l.addAll(ThymeleafScenarios.all());
    l.addAll(SnakeyamlScenarios.all());
    l.addAll(JacksonFormatsScenarios.all());
    l.addAll(CommonscsvScenarios.all());
    l.addAll(QuartzScenarios.all());
    l.addAll(JwtScenarios.all());
    l.addAll(AwsSdkScenarios.all());
    return l;
  }
}
