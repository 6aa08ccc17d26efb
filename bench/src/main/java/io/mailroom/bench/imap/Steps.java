package io.mailroom.bench.imap;

import io.mailroom.bench.Recorder;
import io.mailroom.bench.SessionFailure;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Runs one IMAP command of a workload: times it under an operation name, counts NO/BAD and broken
 * sessions as errors, and checks that a command that was valid got OK.
 */
final class Steps {

  private final Recorder recorder;
  private final boolean commandsAreOps;
  private final String who;

  /**
   * @param commandsAreOps whether each command counts towards throughput (imap-steady) or only its
   *     latency is kept (imap-login counts whole sessions)
   * @param who names the session in check failures, e.g. "bench07"
   */
  Steps(Recorder recorder, boolean commandsAreOps, String who) {
    this.recorder = recorder;
    this.commandsAreOps = commandsAreOps;
    this.who = who;
  }

  Recorder recorder() {
    return recorder;
  }

  /** A command that must succeed: timed under op (null: not timed, as in seeding). */
  Future<ImapReply> ok(String op, Supplier<Future<ImapReply>> command) {
    return timed(op, command)
        .map(
            reply -> {
              if (reply.ok()) {
                recorder.pass();
              } else {
                recorder.error(reply.status() == ImapReply.Status.NO ? Recorder.NO : Recorder.BAD);
                recorder.fail(who + ": " + reply.describe());
              }
              return reply;
            });
  }

  /** A command whose NO is expected at times (DELETE of a mailbox that may not exist). */
  Future<ImapReply> any(String op, Supplier<Future<ImapReply>> command) {
    return timed(op, command);
  }

  void check(boolean ok, Supplier<String> failure) {
    recorder.check(ok, () -> who + ": " + failure.get());
  }

  /** A session that broke: counted once under its error kind, and as a failed check. */
  void broken(Throwable failure) {
    recorder.error(SessionFailure.bucketOf(failure));
    recorder.fail(who + ": session broke: " + failure.getMessage());
  }

  private Future<ImapReply> timed(String op, Supplier<Future<ImapReply>> command) {
    long start = System.nanoTime();
    return command
        .get()
        .map(
            reply -> {
              if (op != null) {
                if (commandsAreOps) {
                  recorder.record(op, start);
                } else {
                  recorder.latency(op, System.nanoTime() - start);
                }
              }
              return reply;
            });
  }
}
