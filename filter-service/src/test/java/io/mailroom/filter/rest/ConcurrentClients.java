package io.mailroom.filter.rest;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * HTTP clients calling at once, as a webmail farm does: each on a thread of its own, round after
 * round, noting what came back wrong. While they run, a request that gets no answer fails after 10
 * s, so a hung request fails its round instead of the whole build.
 */
final class ConcurrentClients {

  /** One round of one client: adds a line to {@code wrong} for every answer that is not right. */
  interface Round {
    void run(int client, int round, List<String> wrong) throws Exception;
  }

  private final int clients;

  ConcurrentClients(int clients) {
    this.clients = clients;
  }

  /** Runs {@code rounds} rounds on every client at once; returns what any of them found wrong. */
  List<String> eachRound(int rounds, Round round) throws InterruptedException {
    RestAssuredConfig previous = RestAssured.config;
    RestAssured.config =
        RestAssured.config()
            .httpClient(
                HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 10_000)
                    .setParam("http.socket.timeout", 10_000));
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<List<String>>> running = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int client = i;
        running.add(pool.submit((Callable<List<String>>) () -> rounds(client, rounds, round)));
      }
      List<String> failures = new ArrayList<>();
      for (Future<List<String>> one : running) {
        try {
          failures.addAll(one.get(120, TimeUnit.SECONDS));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          failures.add("client failed: " + (e.getCause() == null ? e : e.getCause()));
        }
      }
      return failures;
    } finally {
      pool.shutdownNow();
      RestAssured.config = previous;
    }
  }

  private static List<String> rounds(int client, int rounds, Round round) throws Exception {
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      round.run(client, i, wrong);
    }
    return wrong;
  }
}
