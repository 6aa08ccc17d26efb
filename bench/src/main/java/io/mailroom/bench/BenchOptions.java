package io.mailroom.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of {@code bench run}, parsed from the command line that bin/tools/bench.sh builds.
 * Every problem is a {@link BadArguments} whose message fits on one line.
 */
public record BenchOptions(
    String target,
    String host,
    int imapPort,
    int pop3Port,
    int lmtpPort,
    String lmtpDomain,
    Path accounts,
    List<String> workloads,
    int secs,
    int clients,
    int idleSessions,
    long seed,
    Map<String, List<Long>> measure,
    Optional<Path> hook,
    Path out,
    boolean progress) {

  /** Every workload the driver knows, in the order "all" runs them. */
  public static final List<String> ALL_WORKLOADS =
      List.of("imap-steady", "imap-login", "append", "pop3", "lmtp", "idle");

  public BenchOptions {
    workloads = List.copyOf(workloads);
    measure = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measure));
  }

  /** A command line the driver cannot run; exit status 2. */
  public static final class BadArguments extends Exception {
    public BadArguments(String message) {
      super(message);
    }
  }

  public static BenchOptions parse(List<String> args) throws BadArguments {
    String target = "mailroom";
    String host = "127.0.0.1";
    int imapPort = 143;
    int pop3Port = 110;
    int lmtpPort = 24;
    String lmtpDomain = "mailroom.test";
    Path accounts = null;
    List<String> workloads = ALL_WORKLOADS;
    int secs = 30;
    int clients = 50;
    int idleSessions = 2000;
    long seed = 42;
    Map<String, List<Long>> measure = new LinkedHashMap<>();
    Optional<Path> hook = Optional.empty();
    Path out = null;
    boolean progress = false;

    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      if (option.equals("--progress")) {
        progress = true;
        continue;
      }
      if (!option.startsWith("--")) {
        throw new BadArguments("unexpected argument '" + option + "'");
      }
      if (i + 1 >= args.size()) {
        throw new BadArguments(option + " needs a value");
      }
      String value = args.get(++i);
      switch (option) {
        case "--target" -> target = nonEmpty(option, value);
        case "--host" -> host = nonEmpty(option, value);
        case "--imap-port" -> imapPort = port(option, value);
        case "--pop3-port" -> pop3Port = port(option, value);
        case "--lmtp-port" -> lmtpPort = port(option, value);
        case "--lmtp-domain" -> lmtpDomain = nonEmpty(option, value);
        case "--accounts" -> accounts = Path.of(nonEmpty(option, value));
        case "--workloads" -> workloads = workloads(value);
        case "--secs" -> secs = positive(option, value);
        case "--clients" -> clients = positive(option, value);
        case "--idle-sessions" -> idleSessions = positive(option, value);
        case "--seed" -> seed = number(option, value);
        case "--measure" -> addGroup(measure, value);
        case "--hook" -> hook = Optional.of(Path.of(nonEmpty(option, value)));
        case "--out" -> out = Path.of(nonEmpty(option, value));
        default -> throw new BadArguments("unknown option " + option);
      }
    }
    if (accounts == null) {
      throw new BadArguments("--accounts FILE is required");
    }
    if (out == null) {
      throw new BadArguments("--out FILE.json is required");
    }
    return new BenchOptions(
        target,
        host,
        imapPort,
        pop3Port,
        lmtpPort,
        lmtpDomain,
        accounts,
        workloads,
        secs,
        clients,
        idleSessions,
        seed,
        measure,
        hook,
        out,
        progress);
  }

  /** The options as the result JSON shows them. */
  public Map<String, Object> asJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("host", host);
    json.put("imapPort", imapPort);
    json.put("pop3Port", pop3Port);
    json.put("lmtpPort", lmtpPort);
    json.put("lmtpDomain", lmtpDomain);
    json.put("workloads", workloads);
    json.put("secs", secs);
    json.put("clients", clients);
    json.put("idleSessions", idleSessions);
    json.put("seed", seed);
    json.put("measure", measure);
    return json;
  }

  private static List<String> workloads(String value) throws BadArguments {
    if (value.equals("all")) {
      return ALL_WORKLOADS;
    }
    List<String> names = new ArrayList<>();
    for (String name : value.split(",", -1)) {
      if (!ALL_WORKLOADS.contains(name)) {
        throw new BadArguments(
            "unknown workload '" + name + "' (known: " + String.join(",", ALL_WORKLOADS) + ")");
      }
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private static void addGroup(Map<String, List<Long>> measure, String value) throws BadArguments {
    int eq = value.indexOf('=');
    if (eq <= 0 || eq == value.length() - 1) {
      throw new BadArguments("--measure wants NAME=PID[,PID...], got '" + value + "'");
    }
    String name = value.substring(0, eq);
    List<Long> pids = new ArrayList<>(measure.getOrDefault(name, List.of()));
    for (String pid : value.substring(eq + 1).split(",", -1)) {
      long parsed = number("--measure " + name, pid);
      if (parsed <= 0) {
        throw new BadArguments("--measure " + name + ": '" + pid + "' is not a pid");
      }
      pids.add(parsed);
    }
    measure.put(name, List.copyOf(pids));
  }

  private static String nonEmpty(String option, String value) throws BadArguments {
    if (value.isBlank()) {
      throw new BadArguments(option + " needs a value");
    }
    return value;
  }

  private static int port(String option, String value) throws BadArguments {
    long port = number(option, value);
    if (port < 1 || port > 65535) {
      throw new BadArguments(option + " wants a port 1-65535, got '" + value + "'");
    }
    return (int) port;
  }

  private static int positive(String option, String value) throws BadArguments {
    long n = number(option, value);
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new BadArguments(option + " wants a positive number, got '" + value + "'");
    }
    return (int) n;
  }

  private static long number(String option, String value) throws BadArguments {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new BadArguments(option + " wants a number, got '" + value + "'");
    }
  }
}
