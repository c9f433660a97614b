package com.example.shop;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that fail as real code does; the failures go out of the controller, as uncaught ones do. */
@RestController
class ShopController {
  private final JdbcTemplate jdbc;

  ShopController(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    jdbc.execute(
        "create table if not exists account (id varchar(32) primary key, owner varchar(64))");
  }

  @GetMapping("/quantity/{text}")
  int quantity(@PathVariable("text") String text) {
    return Integer.parseInt(text);
  }

  /** A failure whose message carries a card number, as careless code writes one: logdx keeps it masked. */
  @PostMapping("/cards/{number}/charge")
  String charge(@PathVariable("number") String number) {
    throw new IllegalStateException("card " + number + " was declined by the issuer");
  }

  @PostMapping("/accounts/{id}")
  String open(@PathVariable("id") String id) {
    jdbc.update("insert into account (id, owner) values (?, ?)", id, "synthetic owner");
    return id;
  }
}
