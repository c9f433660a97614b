package io.logdx.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot web app with the logdx starter on its class path and nothing else about logdx: the starter
 * diagnoses what the app logs with a throwable (here Tomcat's log of a controller's uncaught failures).
 */
@SpringBootApplication
public class DemoApplication {
  public static void main(String[] args) {
    SpringApplication.run(DemoApplication.class, args);
  }
}
