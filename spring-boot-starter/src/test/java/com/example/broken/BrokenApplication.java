package com.example.broken;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** An application that cannot start: a bean reads a number from a property that does not hold one. */
@SpringBootApplication
public class BrokenApplication {
  @Bean
  Integer pageSize(Environment environment) {
    return Integer.parseInt(environment.getProperty("shop.page-size", "ten"));
  }
}
