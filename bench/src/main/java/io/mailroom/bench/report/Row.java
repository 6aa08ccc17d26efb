package io.mailroom.bench.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the comparison: a measure of one workload on each target, and Mailroom ÷ Dovecot. A
 * measure holds one number, or two for latency rows (p50 and p99); a target that did not run the
 * workload has an empty list.
 */
@JsonPropertyOrder({"workload", "measure", "format", "dovecot", "mailroom", "ratio"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Row(
    String workload, String measure, Format format, List<Double> dovecot, List<Double> mailroom) {

  /** How the numbers print, and whether a ratio of them means anything. */
  public enum Format {
    RATE(true),
    MS(true),
    KB(true),
    /** The driver's CPU as a share of the server's: a sanity figure per target, not compared. */
    SHARE(false),
    /** Check failures and errors: any is a problem on its own, a ratio would hide it. */
    COUNT(false),
    /** A note such as why a workload was skipped; no numbers. */
    NOTE(false);

    private final boolean comparable;

    Format(boolean comparable) {
      this.comparable = comparable;
    }

    public boolean comparable() {
      return comparable;
    }
  }

  public Row {
    dovecot = dovecot == null ? List.of() : List.copyOf(dovecot);
    mailroom = mailroom == null ? List.of() : List.copyOf(mailroom);
  }

  /** Mailroom ÷ Dovecot per number, null where either side is missing or Dovecot's is zero. */
  @JsonProperty("ratio")
  public List<Double> ratio() {
    List<Double> ratio = new ArrayList<>();
    if (!format.comparable() || dovecot.size() != mailroom.size() || dovecot.isEmpty()) {
      return ratio;
    }
    for (int i = 0; i < dovecot.size(); i++) {
      double d = dovecot.get(i);
      ratio.add(d > 0 && Double.isFinite(d) ? mailroom.get(i) / d : null);
    }
    return ratio.stream().allMatch(r -> r == null) ? List.of() : ratio;
  }

  @JsonIgnore
  public boolean hasRatio() {
    return !ratio().isEmpty();
  }
}
