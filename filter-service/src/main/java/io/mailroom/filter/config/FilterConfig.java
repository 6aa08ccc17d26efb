package io.mailroom.filter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** Settings of the filter service (prefix "mailroom"). */
@ConfigMapping(prefix = "mailroom")
public interface FilterConfig {

  /** MAILROOM_SERVICE_TOKEN: the credential this service presents to the store. */
  @WithName("service-token")
  Optional<String> serviceToken();

  /** MAILROOM_ADMIN_TOKEN: "Authorization: Bearer" token that may manage any account's scripts. */
  @WithName("admin-token")
  Optional<String> adminToken();

  Scripts scripts();

  Execution execution();

  Apply apply();

  ManageSieve managesieve();

  Tls tls();

  interface Scripts {
    /** Largest script accepted, in octets of UTF-8. */
    @WithDefault("65536")
    int maxSize();

    /** Most scripts one account may hold. */
    @WithDefault("100")
    int maxPerAccount();
  }

  interface Execution {
    /** Retries of an event after a transient store failure, before it goes to the DLQ. */
    @WithDefault("5")
    int retries();

    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("5s")
    Duration maxBackoff();

    /** Deadline of one store call. */
    @WithDefault("10s")
    Duration storeDeadline();
  }

  interface Apply {
    /**
     * How long a live apply job's heartbeat stays valid; past it the job reads as failed, "worker
     * lost", and its mailbox takes a new job.
     */
    @WithDefault("30s")
    Duration lease();

    /** Progress and heartbeat are written at least this often while a job runs. */
    @WithDefault("1s")
    Duration progressInterval();

    /** ... and after this many messages, whichever comes first. */
    @WithDefault("100")
    int progressEvery();

    /** Names this replica in the jobs it owns (a random suffix is added); default $HOSTNAME. */
    Optional<String> replicaId();
  }

  interface ManageSieve {
    @WithDefault("127.0.0.1")
    String host();

    @WithDefault("4190")
    int port();

    /** Longest command line, and longest literal besides a script (e.g. AUTHENTICATE). */
    @WithDefault("8192")
    int maxLineLength();

    @WithDefault("3")
    int maxFailedLogins();
  }

  interface Tls {
    /** PEM certificate chain for STARTTLS; without it STARTTLS is not offered. */
    Optional<String> cert();

    Optional<String> key();
  }
}
