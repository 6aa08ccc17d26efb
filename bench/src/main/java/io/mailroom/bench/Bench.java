package io.mailroom.bench;

import io.mailroom.bench.report.Report;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load driver's entry point: {@code run} drives one target and writes its result JSON, {@code
 * report} turns one or two result files into the table, combined JSON and HTML.
 *
 * <p>Exit status: 0 when every check passed, 1 when one failed (the JSON is written anyway), 2 for
 * bad arguments, with one line on stderr.
 */
public final class Bench {

  static final int EXIT_OK = 0;
  static final int EXIT_CHECKS_FAILED = 1;
  static final int EXIT_BAD_ARGUMENTS = 2;

  private static final String USAGE =
      """
      usage: mailroom-bench run --accounts FILE --out FILE.json [--target NAME] [--host H]
                                [--imap-port N] [--pop3-port N] [--lmtp-port N] [--lmtp-domain D]
                                [--workloads imap-steady,imap-login,append,pop3,lmtp,idle]
                                [--secs N] [--clients N] [--idle-sessions N] [--seed N]
                                [--measure NAME=PID[,PID...]]... [--hook PATH] [--progress]
             mailroom-bench report [--mailroom A.json] [--dovecot B.json] [--json OUT] [--html OUT]
      """;

  private Bench() {}

  public static void main(String[] args) {
    int status;
    try {
      status = run(args);
    } catch (Throwable crash) {
      // Vert.x's threads are not daemons: without an exit here a crash leaves the JVM running.
      System.err.println("mailroom-bench: the driver crashed: " + crash);
      crash.printStackTrace();
      status = 3;
    }
    System.exit(status);
  }

  static int run(String[] args) {
    if (args.length == 0) {
      return badArguments("a command is required: run or report");
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      return switch (args[0]) {
        case "run" -> runWorkloads(BenchOptions.parse(List.of(rest)));
        case "report" -> report(rest);
        case "help", "--help", "-h" -> {
          System.out.print(USAGE);
          yield EXIT_OK;
        }
        default -> badArguments("unknown command '" + args[0] + "' (run or report)");
      };
    } catch (BenchOptions.BadArguments e) {
      return badArguments(e.getMessage());
    }
  }

  private static int badArguments(String message) {
    System.err.println("mailroom-bench: " + message);
    return EXIT_BAD_ARGUMENTS;
  }

  private static int report(String[] args) {
    return Report.run(args, System.out, System.err);
  }

  private static int runWorkloads(BenchOptions options) throws BenchOptions.BadArguments {
    List<Account> accounts;
    try {
      accounts = Account.read(options.accounts());
    } catch (IOException e) {
      throw new BenchOptions.BadArguments("cannot read " + options.accounts() + ": " + e);
    }
    List<Workload> workloads = new ArrayList<>();
    for (String name : options.workloads()) {
      Workload workload = Workloads.named(name);
      int needed = workload.accountsNeeded(options);
      if (needed > accounts.size()) {
        throw new BenchOptions.BadArguments(
            options.accounts()
                + " has "
                + accounts.size()
                + " accounts; "
                + name
                + " needs "
                + needed);
      }
      workloads.add(workload);
    }

    String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    // One Vertx, at most two event loops: the driver must leave the CPU to the server.
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(BenchContext.EVENT_LOOPS)
                .setWorkerPoolSize(2)
                .setBlockedThreadCheckInterval(10_000));
    try {
      BenchContext ctx =
          new BenchContext(
              vertx,
              options,
              accounts,
              new Corpus(options.seed()),
              new ProcessMeter(options.measure()));
      List<WorkloadResult> results = new ArrayList<>();
      for (Workload workload : workloads) {
        results.addAll(runOne(ctx, workload));
        // Written after every workload, so an interrupted run keeps what it measured.
        write(options, startedAt, results);
      }
      BenchResult result = write(options, startedAt, results);
      return result.allChecksPassed() ? EXIT_OK : EXIT_CHECKS_FAILED;
    } catch (IOException e) {
      System.err.println("mailroom-bench: cannot write " + options.out() + ": " + e.getMessage());
      return EXIT_CHECKS_FAILED;
    } finally {
      vertx.close();
    }
  }

  /** A workload that breaks still yields a row: zero throughput and one failed check saying why. */
  private static List<WorkloadResult> runOne(BenchContext ctx, Workload workload) {
    try {
      return workload.run(ctx);
    } catch (Exception e) {
      String why = workload.name() + " did not run: " + e;
      System.err.println("mailroom-bench: " + why);
      Recorder recorder = ctx.newRecorder();
      recorder.fail(why);
      MeasuringWindow window = ctx.openWindow(workload.name(), recorder);
      return List.of(window.result("ops/s", Map.of()));
    }
  }

  private static BenchResult write(
      BenchOptions options, String startedAt, List<WorkloadResult> results) throws IOException {
    BenchResult result =
        new BenchResult(options.target(), startedAt, machine(), options.asJson(), results);
    ResultWriter.write(result, options.out());
    return result;
  }

  static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          machine.put("memTotalKb", Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux, or an odd /proc: the field is informative only.
    }
    machine.put("java", System.getProperty("java.version"));
    return machine;
  }
}
