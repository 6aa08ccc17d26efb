package io.mailroom.filter.sieve;

import io.mailroom.filter.sieve.Signature.Kind;
import io.mailroom.filter.sieve.Signature.Tag;
import io.mailroom.filter.sieve.Signature.Tests;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The grammar of every command and test we run: RFC 5228 plus the supported extensions. */
final class Signatures {
  private Signatures() {}

  private static final Map<String, Tag> MATCH =
      Map.of(
          ":comparator", new Tag(null, Kind.STRING, null),
          ":is", new Tag(null, null, "match type"),
          ":contains", new Tag(null, null, "match type"),
          ":matches", new Tag(null, null, "match type"));

  private static final Map<String, Tag> ADDRESS_PARTS =
      Map.of(
          ":all", new Tag(null, null, "address part"),
          ":localpart", new Tag(null, null, "address part"),
          ":domain", new Tag(null, null, "address part"));

  static final Map<String, Signature> COMMANDS =
      Map.ofEntries(
          Map.entry("require", plain(null, List.of(Kind.STRING_LIST))),
          Map.entry("if", new Signature(null, Map.of(), List.of(), Tests.ONE, true, Set.of())),
          Map.entry("elsif", new Signature(null, Map.of(), List.of(), Tests.ONE, true, Set.of())),
          Map.entry("else", new Signature(null, Map.of(), List.of(), Tests.NONE, true, Set.of())),
          Map.entry("stop", plain(null, List.of())),
          Map.entry("discard", plain(null, List.of())),
          Map.entry(
              "keep",
              new Signature(
                  null,
                  Map.of(":flags", new Tag("imap4flags", Kind.STRING_LIST, null)),
                  List.of(),
                  Tests.NONE,
                  false,
                  Set.of())),
          Map.entry(
              "fileinto",
              new Signature(
                  "fileinto",
                  Map.of(
                      ":copy", new Tag("copy", null, null),
                      ":create", new Tag("mailbox", null, null),
                      ":flags", new Tag("imap4flags", Kind.STRING_LIST, null)),
                  List.of(Kind.STRING),
                  Tests.NONE,
                  false,
                  Set.of())),
          Map.entry("setflag", plain("imap4flags", List.of(Kind.STRING_LIST))),
          Map.entry("addflag", plain("imap4flags", List.of(Kind.STRING_LIST))),
          Map.entry("removeflag", plain("imap4flags", List.of(Kind.STRING_LIST))));

  static final Map<String, Signature> TESTS =
      Map.ofEntries(
          Map.entry("header", matching(null, MATCH, List.of(Kind.STRING_LIST, Kind.STRING_LIST))),
          Map.entry(
              "address",
              matching(
                  null, merge(MATCH, ADDRESS_PARTS), List.of(Kind.STRING_LIST, Kind.STRING_LIST))),
          Map.entry(
              "envelope",
              matching(
                  "envelope",
                  merge(MATCH, ADDRESS_PARTS),
                  List.of(Kind.STRING_LIST, Kind.STRING_LIST))),
          Map.entry("exists", plain(null, List.of(Kind.STRING_LIST))),
          Map.entry(
              "size",
              new Signature(
                  null,
                  Map.of(
                      ":over", new Tag(null, null, "size comparison"),
                      ":under", new Tag(null, null, "size comparison")),
                  List.of(Kind.NUMBER),
                  Tests.NONE,
                  false,
                  Set.of("size comparison"))),
          Map.entry("true", plain(null, List.of())),
          Map.entry("false", plain(null, List.of())),
          Map.entry("not", new Signature(null, Map.of(), List.of(), Tests.ONE, false, Set.of())),
          Map.entry("anyof", new Signature(null, Map.of(), List.of(), Tests.LIST, false, Set.of())),
          Map.entry("allof", new Signature(null, Map.of(), List.of(), Tests.LIST, false, Set.of())),
          Map.entry(
              "body",
              matching(
                  "body",
                  merge(
                      MATCH,
                      Map.of(
                          ":raw", new Tag(null, null, "body transform"),
                          ":text", new Tag(null, null, "body transform"),
                          ":content", new Tag(null, Kind.STRING_LIST, "body transform"))),
                  List.of(Kind.STRING_LIST))),
          Map.entry("hasflag", matching("imap4flags", MATCH, List.of(Kind.STRING_LIST))),
          Map.entry("mailboxexists", plain("mailbox", List.of(Kind.STRING_LIST))));

  private static Signature plain(String capability, List<Kind> positionals) {
    return new Signature(capability, Map.of(), positionals, Tests.NONE, false, Set.of());
  }

  private static Signature matching(String capability, Map<String, Tag> tags, List<Kind> args) {
    return new Signature(capability, tags, args, Tests.NONE, false, Set.of());
  }

  private static Map<String, Tag> merge(Map<String, Tag> a, Map<String, Tag> b) {
    var merged = new HashMap<>(a);
    merged.putAll(b);
    return Map.copyOf(merged);
  }
}
