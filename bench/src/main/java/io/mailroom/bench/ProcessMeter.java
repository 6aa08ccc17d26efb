package io.mailroom.bench;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * CPU time and resident memory of process trees, read from /proc, so that every process a target
 * runs counts: PostgreSQL backends, Kafka and S3Proxy for Mailroom, one imap process per connection
 * for Dovecot.
 *
 * <p>A group's CPU is utime+stime+cutime+cstime summed over every live process of its trees. When a
 * child exits and its parent (also in the tree) reaps it, the child's time moves into the parent's
 * cutime/cstime at that moment, so it is neither lost nor counted twice: the child is no longer
 * listed. Descendants are found afresh at each sample by scanning the ppid of every process.
 *
 * <p>RSS is the sum over the tree of field 24 of stat, the same counter /proc/[pid]/status shows as
 * VmRSS, read from the one file so that a scan of thousands of Dovecot processes stays cheap: pages
 * shared between processes (PostgreSQL's shared buffers, Dovecot's libraries) count once per
 * process, which overstates multi-process servers; that is the conventional figure and the one the
 * issue's table uses.
 */
public final class ProcessMeter {

  private static final Path PROC = Path.of("/proc");
  private static final double TICKS_PER_SEC = getconf("CLK_TCK", 100);
  private static final long PAGE_KB = (long) getconf("PAGESIZE", 4096) / 1024;

  private final Map<String, List<Long>> groups;

  public ProcessMeter(Map<String, List<Long>> groups) {
    this.groups = new LinkedHashMap<>();
    groups.forEach((name, roots) -> this.groups.put(name, List.copyOf(roots)));
  }

  public Set<String> groups() {
    return groups.keySet();
  }

  /**
   * One reading. CPU figures are totals since each process started: subtract an earlier sample
   * ({@link Sample#minus}) for the time spent in a window.
   */
  public Sample sample() {
    Map<Long, ProcStat> all = scan();
    Map<Long, List<Long>> children = new HashMap<>();
    all.values().forEach(p -> children.computeIfAbsent(p.ppid, k -> new ArrayList<>()).add(p.pid));
    Map<String, Double> cpu = new LinkedHashMap<>();
    Map<String, Long> rss = new LinkedHashMap<>();
    Map<String, Integer> processes = new LinkedHashMap<>();
    groups.forEach(
        (name, roots) -> {
          Set<Long> tree = tree(roots, all, children);
          long ticks = 0;
          long rssKb = 0;
          for (long pid : tree) {
            ProcStat stat = all.get(pid);
            ticks += stat.ticks();
            rssKb += stat.rssPages * PAGE_KB;
          }
          cpu.put(name, ticks / TICKS_PER_SEC);
          rss.put(name, rssKb);
          processes.put(name, tree.size());
        });
    ProcStat self = readStat(PROC.resolve("self").resolve("stat"));
    double selfCpu = self == null ? 0 : (self.utime + self.stime) / TICKS_PER_SEC;
    return new Sample(System.nanoTime(), cpu, rss, processes, selfCpu);
  }

  /**
   * A reading of every group. {@code cpuSecs} and {@code selfCpuSecs} are cumulative, or the
   * difference over a window after {@link #minus}; {@code rssKb} and {@code processes} are always
   * the values at the later reading.
   */
  public record Sample(
      long nanoTime,
      Map<String, Double> cpuSecs,
      Map<String, Long> rssKb,
      Map<String, Integer> processes,
      double selfCpuSecs) {

    public Sample {
      cpuSecs = Map.copyOf(cpuSecs);
      rssKb = Map.copyOf(rssKb);
      processes = Map.copyOf(processes);
    }

    public Sample minus(Sample earlier) {
      Map<String, Double> cpu = new LinkedHashMap<>();
      cpuSecs.forEach(
          (name, secs) -> cpu.put(name, secs - earlier.cpuSecs.getOrDefault(name, 0.0)));
      return new Sample(nanoTime, cpu, rssKb, processes, selfCpuSecs - earlier.selfCpuSecs);
    }

    /** CPU of every group together: the server's whole cost. */
    public double totalCpuSecs() {
      return cpuSecs.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public double wallSecs(Sample earlier) {
      return (nanoTime - earlier.nanoTime) / 1e9;
    }
  }

  /**
   * Samples every {@code periodMs} on a Vert.x timer, reading /proc on a worker thread so the event
   * loops that time the clients never wait for it, and keeps each group's highest RSS.
   */
  public PeakRss trackPeaks(Vertx vertx, long periodMs) {
    return new PeakRss(vertx, periodMs);
  }

  /** The highest tree RSS seen per group since it started; {@link #stop()} it when done. */
  public final class PeakRss {
    private final Vertx vertx;
    private final long timer;
    private final Map<String, Long> peaks = new ConcurrentHashMap<>();
    private volatile boolean sampling;

    private PeakRss(Vertx vertx, long periodMs) {
      this.vertx = vertx;
      record();
      this.timer = vertx.setPeriodic(periodMs, id -> tick());
    }

    private void tick() {
      if (sampling) {
        return; // a slow scan (thousands of processes) must not pile up behind itself
      }
      sampling = true;
      vertx
          .executeBlocking(
              () -> {
                record();
                return null;
              },
              false)
          .onComplete(ar -> sampling = false);
    }

    private void record() {
      sample().rssKb().forEach((name, kb) -> peaks.merge(name, kb, Math::max));
    }

    public Map<String, Long> peaksKb() {
      return new LinkedHashMap<>(peaks);
    }

    /** Stops the timer after one last reading, so a peak at the very end is not missed. */
    public Map<String, Long> stop() {
      vertx.cancelTimer(timer);
      record();
      return peaksKb();
    }
  }

  private static Set<Long> tree(
      List<Long> roots, Map<Long, ProcStat> all, Map<Long, List<Long>> children) {
    Set<Long> tree = new HashSet<>();
    Deque<Long> next = new ArrayDeque<>(roots);
    while (!next.isEmpty()) {
      long pid = next.poll();
      if (all.containsKey(pid) && tree.add(pid)) {
        next.addAll(children.getOrDefault(pid, List.of()));
      }
    }
    return tree;
  }

  /** Fields 1, 4, 14-17 and 24 of /proc/[pid]/stat (proc(5)). */
  private record ProcStat(
      long pid, long ppid, long utime, long stime, long cutime, long cstime, long rssPages) {
    long ticks() {
      return utime + stime + cutime + cstime;
    }
  }

  private static Map<Long, ProcStat> scan() {
    Map<Long, ProcStat> all = new HashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
          ProcStat stat = readStat(entry.resolve("stat"));
          if (stat != null) {
            all.put(stat.pid, stat);
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return all;
  }

  /** Null when the process is gone: it may exit between the listing and the read. */
  private static ProcStat readStat(Path file) {
    String line;
    try {
      line = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return null;
    }
    // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
    int close = line.lastIndexOf(')');
    if (close < 0) {
      return null;
    }
    long pid = Long.parseLong(line.substring(0, line.indexOf(' ')));
    String[] f = line.substring(close + 2).trim().split(" ");
    // f[0] is field 3 (state), so field n is f[n - 3].
    return new ProcStat(
        pid,
        Long.parseLong(f[1]),
        Long.parseLong(f[11]),
        Long.parseLong(f[12]),
        Long.parseLong(f[13]),
        Long.parseLong(f[14]),
        Long.parseLong(f[21]));
  }

  /** USER_HZ and the page size: 100 and 4096 on every Linux we know, but asked once. */
  private static double getconf(String name, double fallback) {
    try {
      Process getconf = new ProcessBuilder("getconf", name).redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
        return Double.parseDouble(out.trim());
      }
    } catch (IOException | NumberFormatException e) {
      // fall through to the Linux default
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return fallback;
  }
}
