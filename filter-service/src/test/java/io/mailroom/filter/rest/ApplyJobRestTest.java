package io.mailroom.filter.rest;

import static io.mailroom.filter.rest.ScriptRequests.BASE;
import static io.mailroom.filter.rest.ScriptRequests.INVOICES;
import static io.mailroom.filter.rest.ScriptRequests.alice;
import static io.mailroom.filter.rest.ScriptRequests.put;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.mailroom.filter.execution.ApplyJobRepository;
import io.mailroom.filter.execution.ApplyJobs;
import io.mailroom.filter.execution.ApplyProgress;
import io.mailroom.filter.testing.TestState;
import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Apply jobs: run over a mailbox's messages, their state in apply_job for every replica, the lease
 * and the one-live-job-per-mailbox limit. "Another replica" is a row written straight to the table.
 */
@QuarkusTest
class ApplyJobRestTest extends ScriptApiTest {

  @Inject InMemoryStore store;
  @Inject ApplyJobRepository repository;
  @Inject ApplyJobs jobs;
  @Inject Pool pool;

  private static String apply(String mailbox) {
    return alice()
        .contentType("application/json")
        .body("{\"mailbox\":\"" + mailbox + "\"}")
        .post(BASE + "/scripts/{name}/apply", "alice", "main")
        .then()
        .statusCode(202)
        .body("id", notNullValue())
        .body("state", equalTo("RUNNING"))
        .extract()
        .header("Location");
  }

  /** A live job of another replica, with its heartbeat {@code age} ago. */
  private String otherReplicasJob(String mailbox, Duration age) {
    var id = UUID.randomUUID().toString();
    pool.preparedQuery(
            "insert into apply_job (id, account, script_name, script_version, mailbox, state,"
                + " total, processed, filed, kept, owner_replica, heartbeat_at)"
                + " values ($1, 'alice', 'main', 1, $2, 'running', 10, 4, 1, 3, 'pod-b/1234',"
                + " now() - make_interval(secs => $3))")
        .execute(Tuple.of(id, mailbox, (double) age.toSeconds()))
        .await()
        .atMost(Duration.ofSeconds(10));
    return id;
  }

  private String column(String id, String column) {
    var rows =
        pool.preparedQuery("select " + column + "::text from apply_job where id = $1")
            .execute(Tuple.of(id))
            .await()
            .atMost(Duration.ofSeconds(10));
    return rows.iterator().next().getString(0);
  }

  @Test
  void applyRunsOverExistingMessagesWithProgressAndAudit() {
    put("main", INVOICES);
    store.deliver("alice", "INBOX", "Subject: hello\r\n\r\nhi\r\n");
    store.deliver("alice", "INBOX", "Subject: invoice 7\r\n\r\npay\r\n");
    var location = apply("INBOX");
    TestState.await(
        "the apply job to finish",
        Duration.ofSeconds(10),
        () -> "DONE".equals(alice().get(location).then().extract().path("state")));
    alice()
        .get(location)
        .then()
        .body("total", equalTo(2))
        .body("processed", equalTo(2))
        .body("filed", equalTo(1))
        .body("kept", equalTo(1))
        .body("discarded", equalTo(0))
        .body("errors", equalTo(0))
        .body("script", equalTo("main"))
        .body("scriptVersion", equalTo(1))
        .body("owner", equalTo(jobs.replica()));
    assertThat(store.uids("alice", "INBOX")).containsExactly(1L);
    assertThat(store.uids("alice", "Invoices")).hasSize(1);
    // "Why is this message in Invoices?"
    alice()
        .get(BASE + "/audit?mailbox=Invoices&uid=1", "alice")
        .then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].scriptName", equalTo("main"))
        .body("[0].scriptVersion", equalTo(1))
        .body("[0].outcome", equalTo("filed"))
        .body("[0].actions", equalTo(List.of("fileinto :create \"Invoices\"")));
  }

  @Test
  void progressIsInTheRowNotInMemory() {
    put("main", INVOICES);
    for (int i = 0; i < 5; i++) {
      store.deliver("alice", "INBOX", "Subject: invoice " + i + "\r\n\r\npay\r\n");
    }
    store.deliver("alice", "INBOX", "Subject: hello\r\n\r\nhi\r\n");
    var location = apply("INBOX");
    var id = location.substring(location.lastIndexOf('/') + 1);
    // A fresh read of the table, as another replica would do it.
    TestState.await(
        "the job's row to say done",
        Duration.ofSeconds(10),
        () -> "done".equals(column(id, "state")));
    assertThat(column(id, "total")).isEqualTo("6");
    assertThat(column(id, "processed")).isEqualTo("6");
    assertThat(column(id, "filed")).isEqualTo("5");
    assertThat(column(id, "kept")).isEqualTo("1");
    assertThat(column(id, "failed")).isEqualTo("0");
    assertThat(column(id, "owner_replica")).isEqualTo(jobs.replica());
    assertThat(column(id, "heartbeat_at")).isNotNull();
    var stored = repository.find("alice", id).await().atMost(Duration.ofSeconds(10)).orElseThrow();
    assertThat(stored.state()).isEqualTo(ApplyProgress.State.DONE);
    assertThat(stored.processed()).isEqualTo(6);
    assertThat(stored.failure()).isNull();
    // Another account does not see it.
    assertThat(repository.find("bob", id).await().atMost(Duration.ofSeconds(10))).isEmpty();
    given()
        .auth()
        .preemptive()
        .basic("bob", "hunter2")
        .get(BASE + "/jobs/{id}", "bob", id)
        .then()
        .statusCode(404);
  }

  @Test
  void progressIsWrittenWhileTheJobRuns() {
    put("main", INVOICES);
    for (int i = 0; i < 4; i++) {
      store.deliver("alice", "INBOX", "Subject: invoice " + i + "\r\n\r\npay\r\n");
    }
    store.fetchDelay(Duration.ofMillis(600));
    var location = apply("INBOX");
    var id = location.substring(location.lastIndexOf('/') + 1);
    // The heartbeat (every second) carries the counters before the job ends.
    TestState.await(
        "progress in the row mid-run",
        Duration.ofSeconds(10),
        () -> {
          var processed = Integer.parseInt(column(id, "processed"));
          return "running".equals(column(id, "state")) && processed >= 1 && processed < 4;
        });
    assertThat(column(id, "total")).isEqualTo("4");
    var heartbeat = column(id, "heartbeat_at");
    TestState.await(
        "the job's row to say done",
        Duration.ofSeconds(10),
        () -> "done".equals(column(id, "state")));
    assertThat(column(id, "heartbeat_at")).isNotEqualTo(heartbeat);
    assertThat(column(id, "processed")).isEqualTo("4");
    assertThat(column(id, "filed")).isEqualTo("4");
  }

  @Test
  void anotherReplicasJobIsVisibleHere() {
    var id = otherReplicasJob("INBOX", Duration.ZERO);
    alice()
        .get(BASE + "/jobs/{id}", "alice", id)
        .then()
        .statusCode(200)
        .body("state", equalTo("RUNNING"))
        .body("total", equalTo(10))
        .body("processed", equalTo(4))
        .body("kept", equalTo(3))
        .body("owner", equalTo("pod-b/1234"));
  }

  @Test
  void aStaleHeartbeatIsFailedWorkerLostAndFreesTheMailbox() {
    put("main", INVOICES);
    var lost = otherReplicasJob("INBOX", Duration.ofMinutes(5));
    alice()
        .get(BASE + "/jobs/{id}", "alice", lost)
        .then()
        .statusCode(200)
        .body("state", equalTo("FAILED"))
        .body("failure", equalTo("worker lost"))
        .body("processed", equalTo(4));
    // The mailbox takes a new job; the lost one is now failed in the table too.
    var location = apply("INBOX");
    assertThat(column(lost, "state")).isEqualTo("failed");
    assertThat(column(lost, "error")).isEqualTo("worker lost");
    TestState.await(
        "the new job to finish",
        Duration.ofSeconds(10),
        () -> "DONE".equals(alice().get(location).then().extract().path("state")));
  }

  @Test
  void aSecondLiveJobOnTheSameMailboxIs409() {
    put("main", INVOICES);
    var running = otherReplicasJob("INBOX", Duration.ZERO);
    alice()
        .contentType("application/json")
        .body("{\"mailbox\":\"INBOX\"}")
        .post(BASE + "/scripts/{name}/apply", "alice", "main")
        .then()
        .statusCode(409)
        .body("error", containsString("already running on mailbox \"INBOX\""))
        .body("error", containsString(running));
    // The limit is the table's: a second live row cannot even be written by hand.
    assertThatThrownBy(() -> otherReplicasJob("INBOX", Duration.ZERO))
        .hasMessageContaining("apply_job_one_live");
    // Another mailbox is free.
    store.createMailbox("alice", "Archive");
    store.deliver("alice", "Archive", "Subject: old\r\n\r\nold\r\n");
    apply("Archive");
  }
}
