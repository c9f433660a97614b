package com.example.shop;

import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Calls the shop over loopback, every status an answer (as {@code TestRestTemplate} does), never an exception. With
 * Spring's {@code RestClient}, the same in Spring Boot 3.5 and 4.0: Boot 4 moved {@code TestRestTemplate} to its
 * own module and package ({@code spring-boot-resttestclient}, {@code org.springframework.boot.resttestclient}).
 */
final class Loopback {
  private final RestClient client;

  Loopback(int port) {
    client =
        RestClient.builder()
            .baseUrl("http://localhost:" + port)
            .defaultStatusHandler(status -> true, (request, response) -> {})
            .build();
  }

  ResponseEntity<String> get(String path) {
    return client.get().uri(path).retrieve().toEntity(String.class);
  }

  ResponseEntity<String> post(String path) {
    return client.post().uri(path).retrieve().toEntity(String.class);
  }
}
