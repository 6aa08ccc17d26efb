package io.mailroom.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * A deterministic mailbox: message {@code i} of seed {@code s} is the same bytes on every run and
 * every machine, so both targets receive exactly the same mail and a check can recognise each
 * message by its Subject ("bench i") and Message-ID.
 *
 * <p>Sizes are log-normal with a median of 3 KB and a 99th percentile of 200 KB, as in a real
 * mailbox; one message in {@value #HUGE_EVERY} is a 1–3 MB attachment, a fixed rate rather than a
 * tail draw, so that seeding 4,000 messages sends four of them and not forty. The mix: plain text,
 * HTML alternatives, base64 attachments, forwarded message/rfc822, RFC 2047 encoded non-ASCII
 * headers, and body lines starting with a dot (which LMTP and POP3 must stuff).
 */
public final class Corpus {

  static final int MEDIAN_BYTES = 3 * 1024;
  static final int P99_BYTES = 200 * 1024;
  static final int TAIL_CAP_BYTES = 512 * 1024;
  static final int HUGE_EVERY = 1000;
  private static final double SIGMA = Math.log((double) P99_BYTES / MEDIAN_BYTES) / 2.326;
  private static final long EPOCH = Instant.parse("2026-01-05T08:00:00Z").getEpochSecond();
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", java.util.Locale.ROOT);

  private static final String[] WORDS = {
    "the",
    "quarterly",
    "report",
    "is",
    "attached",
    "please",
    "review",
    "before",
    "Friday",
    "and",
    "let",
    "me",
    "know",
    "if",
    "anything",
    "looks",
    "wrong",
    "meeting",
    "moved",
    "to",
    "room",
    "budget",
    "numbers",
    "server",
    "mailbox",
    "delivery",
    "thanks",
    "regards",
    "we",
    "should",
    "ship",
    "this",
    "week",
    "invoice",
    "draft",
    "contract",
    "schedule",
    "lunch",
    "team",
    "update",
    "customer",
    "asked",
    "about",
    "pricing",
    "again",
    "a",
    "of",
    "in",
    "for",
    "on",
    "with"
  };
  private static final String[] NON_ASCII = {
    "Réunion à Zürich", "Übersicht für März", "Смета на квартал", "会議の議事録", "Ñandú — café crème"
  };
  private static final String[] PEOPLE = {
    "Alice Martin", "Bob Nguyen", "Chloé Dubois", "Dmitri Ivanov", "Eva Schäfer", "Fatima Khan"
  };

  private final long seed;

  public Corpus(long seed) {
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }

  /** The RFC 5322 bytes of message {@code index}, CRLF line ends throughout. */
  public byte[] message(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("message index " + index);
    }
    return new Writer(index, random(index)).write();
  }

  /** The exact length of {@link #message(int)}: it is generated, so call it sparingly. */
  public int size(int index) {
    return message(index).length;
  }

  /** The Message-ID of message {@code index}, angle brackets included. */
  public String messageId(int index) {
    return "<bench-" + seed + "-" + index + "@corpus.mailroom.test>";
  }

  /** The text every Subject of message {@code index} contains. */
  public static String subjectTag(int index) {
    return "bench " + index;
  }

  private SplittableRandom random(int index) {
    // SplittableRandom mixes its seed, so neighbouring indexes get unrelated streams.
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
  }

  /** The target size of message {@code index}; the written message lands within a few bytes. */
  static int targetSize(int index, SplittableRandom random) {
    if (index % HUGE_EVERY == HUGE_EVERY - 1) {
      return 1024 * 1024 + random.nextInt(2 * 1024 * 1024);
    }
    // Box-Muller by hand: RandomGenerator.nextGaussian's algorithm is not fixed across JDKs.
    double u = 1.0 - random.nextDouble();
    double gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    long size = Math.round(MEDIAN_BYTES * Math.exp(SIGMA * gaussian));
    return (int) Math.max(700, Math.min(TAIL_CAP_BYTES, size));
  }

  /** Writes one message; a fresh one per index keeps generation free of shared state. */
  private final class Writer {
    private final int index;
    private final SplittableRandom random;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int boundaries;

    Writer(int index, SplittableRandom random) {
      this.index = index;
      this.random = random;
    }

    byte[] write() {
      int target = targetSize(index, random);
      boolean big = target > 64 * 1024;
      int kind = random.nextInt(100);
      headers(target);
      if (big || kind < 15) {
        withAttachment(target);
      } else if (kind < 45) {
        alternative(target);
      } else if (kind < 52) {
        forwarded(target);
      } else {
        plain(target);
      }
      return out.toByteArray();
    }

    private void headers(int target) {
      String name = PEOPLE[random.nextInt(PEOPLE.length)];
      String from =
          StandardCharsets.US_ASCII.newEncoder().canEncode(name) ? name : encodedWord(name);
      String subject = subjectTag(index) + " " + phrase(3 + random.nextInt(5));
      if (random.nextInt(5) == 0) {
        subject =
            subjectTag(index) + " " + encodedWord(NON_ASCII[random.nextInt(NON_ASCII.length)]);
      }
      Instant date = Instant.ofEpochSecond(EPOCH + index * 97L + random.nextInt(60));
      line("Date: " + DATE.format(date.atOffset(ZoneOffset.UTC)));
      line("From: " + from + " <sender" + (index % 50) + "@example.org>");
      line("To: Bench Recipient <rcpt@mailroom.test>");
      line("Subject: " + subject);
      line("Message-ID: " + messageId(index));
      line("MIME-Version: 1.0");
      line("X-Bench-Size: " + target);
    }

    private void plain(int target) {
      textHeaders("plain");
      text(target - out.size());
    }

    private void alternative(int target) {
      String boundary = boundary();
      line("Content-Type: multipart/alternative; boundary=\"" + boundary + "\"");
      line("");
      line("This is a multi-part message in MIME format.");
      int remaining = target - out.size() - 300;
      line("--" + boundary);
      textHeaders("plain");
      text(remaining * 2 / 5);
      line("--" + boundary);
      textHeaders("html");
      html(target - out.size() - boundary.length() - 8);
      line("--" + boundary + "--");
    }

    private void withAttachment(int target) {
      String boundary = boundary();
      line("Content-Type: multipart/mixed; boundary=\"" + boundary + "\"");
      line("");
      line("--" + boundary);
      textHeaders("plain");
      text(Math.min(2000, target / 8));
      line("--" + boundary);
      boolean pdf = random.nextBoolean();
      String name = (pdf ? "report-" : "photo-") + index + (pdf ? ".pdf" : ".png");
      line("Content-Type: " + (pdf ? "application/pdf" : "image/png") + "; name=\"" + name + "\"");
      line("Content-Disposition: attachment; filename=\"" + name + "\"");
      line("Content-Transfer-Encoding: base64");
      line("");
      int encoded = Math.max(0, target - out.size() - boundary.length() - 8);
      base64(encoded * 3 / 4 * 76 / 78);
      line("--" + boundary + "--");
    }

    private void forwarded(int target) {
      String boundary = boundary();
      line("Content-Type: multipart/mixed; boundary=\"" + boundary + "\"");
      line("");
      line("--" + boundary);
      textHeaders("plain");
      line("Forwarding this, see below.");
      line("--" + boundary);
      line("Content-Type: message/rfc822");
      line("");
      line("Date: " + DATE.format(Instant.ofEpochSecond(EPOCH - 86400).atOffset(ZoneOffset.UTC)));
      line("From: " + encodedWord(NON_ASCII[index % NON_ASCII.length]) + " <old@example.net>");
      line("Subject: " + phrase(4));
      line("Message-ID: <inner-" + seed + "-" + index + "@corpus.mailroom.test>");
      line("MIME-Version: 1.0");
      textHeaders("plain");
      text(target - out.size() - boundary.length() - 8);
      line("--" + boundary + "--");
    }

    private void textHeaders(String subtype) {
      line("Content-Type: text/" + subtype + "; charset=utf-8");
      line("Content-Transfer-Encoding: 8bit");
      line("");
    }

    private String boundary() {
      return "=_bench_" + index + "_" + (boundaries++) + "_" + Long.toHexString(random.nextLong());
    }

    /** Wrapped prose of about {@code bytes} bytes, now and then a line that needs dot-stuffing. */
    private void text(int bytes) {
      int end = out.size() + Math.max(bytes, 40);
      StringBuilder line = new StringBuilder(80);
      while (out.size() + line.length() < end) {
        String word = random.nextInt(60) == 0 ? NON_ASCII[random.nextInt(5)] : word();
        if (line.length() + word.length() + 1 > 72) {
          line(line.toString());
          line.setLength(0);
          int paragraph = random.nextInt(80);
          if (paragraph < 8) {
            line("");
          } else if (paragraph == 8) {
            line(random.nextBoolean() ? "." : ".. a line that starts with dots");
          }
        }
        line.append(line.length() == 0 ? "" : " ").append(word);
      }
      if (line.length() > 0) {
        line(line.toString());
      }
    }

    private void html(int bytes) {
      int end = out.size() + Math.max(bytes, 80);
      line("<html><body>");
      while (out.size() < end - 16) {
        line("<p>" + phrase(6 + random.nextInt(6)) + " <b>" + word() + "</b></p>");
      }
      line("</body></html>");
    }

    private void base64(int rawBytes) {
      byte[] raw = new byte[rawBytes];
      for (int i = 0; i < raw.length; i += 8) {
        long bits = random.nextLong();
        for (int j = 0; j < 8 && i + j < raw.length; j++) {
          raw[i + j] = (byte) (bits >>> (8 * j));
        }
      }
      out.writeBytes(Base64.getMimeEncoder().encode(raw));
      line("");
    }

    private String phrase(int words) {
      StringBuilder phrase = new StringBuilder();
      for (int i = 0; i < words; i++) {
        phrase.append(i == 0 ? "" : " ").append(word());
      }
      return phrase.toString();
    }

    private String word() {
      return WORDS[random.nextInt(WORDS.length)];
    }

    private void line(String text) {
      out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
      out.write('\r');
      out.write('\n');
    }
  }

  /** RFC 2047 B-encoding; short inputs only, so one encoded word stays under 75 characters. */
  static String encodedWord(String text) {
    return "=?UTF-8?B?"
        + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
        + "?=";
  }
}
