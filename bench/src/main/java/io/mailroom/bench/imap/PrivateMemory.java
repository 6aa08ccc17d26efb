package io.mailroom.bench.imap;

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

/**
 * Anonymous resident memory (RssAnon in /proc/PID/status) of process trees: what the processes hold
 * for themselves. RSS also counts every shared page (libraries, PostgreSQL's shared buffers) once
 * per process, so for a server with one process per connection, as Dovecot is, an idle connection's
 * RSS is mostly libraries it shares with every other: 5 MB of RSS, 0.5 MB its own. Read on the main
 * thread, between windows.
 */
final class PrivateMemory {

  private static final Path PROC = Path.of("/proc");

  private PrivateMemory() {}

  /** Per group, the RssAnon of every live process of its trees, in KB. */
  static Map<String, Long> anonKb(Map<String, List<Long>> groups) {
    Map<Long, List<Long>> children = new HashMap<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path proc : procs) {
        long pid = Long.parseLong(proc.getFileName().toString());
        long ppid = ppid(proc);
        if (ppid >= 0) {
          children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(pid);
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    Map<String, Long> out = new LinkedHashMap<>();
    groups.forEach(
        (name, roots) -> {
          long kb = 0;
          Set<Long> seen = new HashSet<>();
          Deque<Long> next = new ArrayDeque<>(roots);
          while (!next.isEmpty()) {
            long pid = next.poll();
            if (seen.add(pid)) {
              kb += rssAnonKb(pid);
              next.addAll(children.getOrDefault(pid, List.of()));
            }
          }
          out.put(name, kb);
        });
    return out;
  }

  /** Field 4 of /proc/PID/stat, after the command name in parentheses (which may hold spaces). */
  private static long ppid(Path proc) {
    try {
      String stat = Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII);
      int close = stat.lastIndexOf(')');
      String[] fields = stat.substring(close + 2).split(" ", 3);
      return Long.parseLong(fields[1]);
    } catch (IOException | RuntimeException e) {
      return -1; // gone meanwhile
    }
  }

  private static long rssAnonKb(long pid) {
    try {
      for (String line : Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"))) {
        if (line.startsWith("RssAnon:")) {
          return Long.parseLong(line.substring(8).trim().split(" ")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone meanwhile, or a kernel without RssAnon
    }
    return 0;
  }
}
