package io.logdx.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Synthetic data only: published test card numbers, made-up names, numbers and hosts. */
class MaskerTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111111111111111",
        "5500005555555559",
        "378282246310005",
        "6011111111111117",
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "3782 822463 10005",
        "4000056655665556"
      })
  void luhnValidCardNumbersAreMasked(String card) {
    assertThat(Masker.luhn(card.replaceAll("[ -]", ""))).isTrue();
    assertThat(Masker.mask("charge declined for card " + card + " (insufficient funds)"))
        .isEqualTo("charge declined for card <card> (insufficient funds)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111112", "5500005555555550", "1234567890123456"})
  void luhnInvalidSixteenDigitRunsAreNotCardsButStillLookLikeAccounts(String digits) {
    assertThat(Masker.luhn(digits)).isFalse();
    assertThat(Masker.mask("ref " + digits)).isEqualTo("ref <account>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111 1111 1111 1112", "1234567890123456789"})
  void luhnInvalidGroupedOrLongerNumbersStay(String digits) {
    assertThat(Masker.mask("ref " + digits)).isEqualTo("ref " + digits);
  }

  @Test
  void luhnInvalidDashedGroupsAreNoCardButLookLikeAnAccount() {
    assertThat(Masker.mask("ref 4111-1111-1111-1112")).isEqualTo("ref <account>");
  }

  @Test
  void koreanResidentRegistrationNumbers() {
    assertThat(Masker.mask("duplicate rrn 900101-1234567 for customer"))
        .isEqualTo("duplicate rrn <rrn> for customer");
    assertThat(Masker.mask("rrn=0412314234567")).isEqualTo("rrn=<rrn>");
    assertThat(Masker.mask("code 901301-1234567"))
        .isEqualTo("code 901301-1234567"); // month 13 is no date
  }

  @Test
  void accountNumbersEmailsAndPhones() {
    assertThat(Masker.mask("transfer to 110-123-456789 failed"))
        .isEqualTo("transfer to <account> failed");
    assertThat(Masker.mask("account 3333011234567 frozen")).isEqualTo("account <account> frozen");
    assertThat(Masker.mask("notify kim.minsu+alerts@example.co.kr")).isEqualTo("notify <email>");
    assertThat(Masker.mask("sms to 010-1234-5678 failed")).isEqualTo("sms to <phone> failed");
    assertThat(Masker.mask("call +82 10-1234-5678 or 02-123-4567"))
        .isEqualTo("call <phone> or <phone>");
  }

  @Test
  void secretsInUrls() {
    assertThat(
            Masker.mask(
                "jdbc:postgresql://db.internal:5432/payments?user=app&password=s3cr3t!&ssl=true"))
        .isEqualTo(
            "jdbc:postgresql://db.internal:5432/payments?user=app&password=<secret>&ssl=true");
    assertThat(Masker.mask("Could not connect to jdbc:mysql://app:hunter2@10.0.0.5:3306/ledger"))
        .isEqualTo("Could not connect to jdbc:mysql://app:<secret>@10.0.0.5:3306/ledger");
    assertThat(
            Masker.mask("GET https://api.example.com/v1/pay?access_token=abc.def.ghi&amount=100"))
        .isEqualTo("GET https://api.example.com/v1/pay?access_token=<secret>&amount=100");
  }

  @Test
  void secretsInHeadersKeyValuesAndJson() {
    String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0LXVzZXIifQ.c2lnbmF0dXJlLW5vdC1yZWFs";
    assertThat(Masker.mask("Authorization: Bearer " + jwt))
        .isEqualTo("Authorization: Bearer <token>");
    assertThat(Masker.mask("Authorization: Basic dXNlcjpwYXNzd29yZA=="))
        .isEqualTo("Authorization: Basic <token>");
    assertThat(Masker.mask("token in body: " + jwt)).doesNotContain(jwt);
    assertThat(Masker.mask("X-Api-Key: 3f9a8b7c6d5e4f")).isEqualTo("X-Api-Key: <secret>");
    assertThat(Masker.mask("spring.datasource.password=hunter2 rejected"))
        .isEqualTo("spring.datasource.password=<secret> rejected");
    assertThat(Masker.mask("secretKey: abc123, region: ap-northeast-2"))
        .isEqualTo("secretKey: <secret>, region: ap-northeast-2");
    assertThat(
            Masker.mask(
                "{\"user\":\"kim\",\"password\":\"p@ss w0rd\",\"card\":\"4111111111111111\"}"))
        .isEqualTo("{\"user\":\"kim\",\"password\":\"<secret>\",\"card\":\"<card>\"}");
    assertThat(Masker.mask("{\"userPassword\": \"x y z\", \"apiKey\": \"k-123\"}"))
        .isEqualTo("{\"userPassword\": \"<secret>\", \"apiKey\": \"<secret>\"}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Connection refused: localhost/127.0.0.1:8080",
        "Read timed out after 30000 ms at line 1234",
        "Server returned HTTP response code: 403 for URL: http://localhost:8088/ws/v1/cluster",
        "status=503, retry in 5 s",
        "2024-03-05 10:15:30,123 ERROR [main] c.a.Pay - failed in 2024",
        "Text '2024-13-01' could not be parsed at index 5",
        "read 65536 bytes of 1048576",
        "token (HDFS_DELEGATION_TOKEN) issueDate=1526423999164, maxDate=1526425799164",
        "request 123e4567-e89b-12d3-a456-426614174000 failed",
        "block blk_-3463507617208131068_33273 lost",
        "Tests passed: 3, failed: 1",
        "bypass=true for node 10.0.0.7:50010",
        "java.lang.ArrayIndexOutOfBoundsException: Index 10 out of bounds for length 10",
        "version 1.8.0_181 build 25.181-b13"
      })
  void valuesThatAreNotPersonalStay(String text) {
    assertThat(Masker.mask(text)).isEqualTo(text);
  }

  @Test
  void nullAndEmptyStayAsTheyAre() {
    assertThat(Masker.mask((String) null)).isNull();
    assertThat(Masker.mask("")).isEmpty();
  }

  @Test
  void theParserMasksMessagesTheLogLineAndCausesReadFromMessages() {
    String text =
        "2024-03-05 10:15:30,123 ERROR [main] c.a.Pay - payment for kim@example.com with 4111111111111111\n"
            + "java.lang.IllegalStateException: java.sql.SQLException: login failed for jdbc:postgresql://db/pay?password=hunter2\n"
            + "\tat com.acme.Pay.run(Pay.java:10)";
    Failure f = new FailureParser().parse(text);
    assertThat(f.logLine())
        .contains("<email>")
        .contains("<card>")
        .doesNotContain("kim@")
        .doesNotContain("4111");
    assertThat(f.chain()).allSatisfy(n -> assertThat(n.message()).doesNotContain("hunter2"));
    assertThat(f.rootCause().orElseThrow().type()).isEqualTo("java.sql.SQLException");
    assertThat(f.toString()).doesNotContain("hunter2");

    Failure live =
        new FailureParser()
            .parse(
                new IllegalArgumentException(
                    "bad card 4111-1111-1111-1111",
                    new IllegalStateException("owner 900101-1234567")));
    assertThat(live.chain().get(0).message()).isEqualTo("bad card <card>");
    assertThat(live.chain().get(1).message()).isEqualTo("owner <rrn>");
  }
}
