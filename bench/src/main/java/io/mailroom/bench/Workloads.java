package io.mailroom.bench;

import io.mailroom.bench.imap.IdleWorkload;
import io.mailroom.bench.imap.ImapAppendWorkload;
import io.mailroom.bench.imap.ImapLoginWorkload;
import io.mailroom.bench.imap.ImapSteadyWorkload;
import java.util.List;

/** The workloads --workloads can name, each a fresh instance per run. */
final class Workloads {

  private Workloads() {}

  static Workload named(String name) {
    return switch (name) {
      case "imap-steady" -> new ImapSteadyWorkload();
      case "imap-login" -> new ImapLoginWorkload();
      case "append" -> new ImapAppendWorkload();
      case "idle" -> new IdleWorkload();
      case "pop3" -> new io.mailroom.bench.pop3.Pop3Workload();
      case "lmtp" -> new io.mailroom.bench.lmtp.LmtpWorkload();
      default -> new NotBuilt(name);
    };
  }

  /** A workload whose code has not landed yet: it fails clearly instead of measuring nothing. */
  private record NotBuilt(String name) implements Workload {
    @Override
    public int accountsNeeded(BenchOptions options) {
      return 0;
    }

    @Override
    public List<WorkloadResult> run(BenchContext ctx) {
      throw new IllegalStateException("the " + name + " workload is not built yet");
    }
  }
}
