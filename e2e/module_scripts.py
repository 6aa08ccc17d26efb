#!/usr/bin/env python3
"""The gateways' MODULE protocol scripts, played against the REAL store of the running suite
(issue 14: "the IMAP and POP3 protocol scripts ... pass against the real store"), so that a fake
can never hide a real-output bug (BODYSTRUCTURE, NIL, sizes, MODSEQs).

  module_scripts.py imap   imap-gateway/src/test/resources/scripts/*.txt
  module_scripts.py pop3   pop3-gateway/src/test/resources/scripts/*.script

The module tests play the same files against store-testkit's in-memory store: imap-gateway's
ProtocolScriptTest seeded by Mailboxes.seed, pop3-gateway's ProtocolScriptTest (ScriptRunner)
seeded by Fixtures.seed. Here each script gets:

- the module's own format, read as its Java runner reads it (see play_imap and play_pop3);
- fresh accounts holding what the module's seed method holds: the seed is READ from that Java
  method (its accounts, its messages byte for byte, in order, and its flags), delivered over the
  admin REST, and \\Seen set by a POP3 RETR (an IMAP STORE needs a read-write SELECT, which would
  claim \\Recent: the scripts expect RECENT 3 and the MODSEQs a flag change after the deliveries
  gives);
- the scripts' logins mapped to those accounts: the runner rewrites the C: lines that carry
  credentials (IMAP LOGIN and its literal, AUTHENTICATE PLAIN; POP3 USER, PASS, APOP, AUTH PLAIN),
  mapping the seed's user names (alice, bob, carol; and POP3's never-created "nobody") to fresh
  names and the seed's passwords to fresh passwords (with spaces where the seed's had them), and
  re-encoding SASL PLAIN responses. S: lines are never rewritten: the messages still say alice.
- a gateway replica of its own, started from the suite's jar on shifted ports against the suite's
  store, with the module test's %test.mailroom.<gateway>.* settings (limits, login throttle)
  except ports and TLS files. Why not the suite's gateway: the scripts assert the test limits
  (IMAP: APPENDLIMIT=1048576 in CAPABILITY, [TOOBIG] for {2000000}, BYE after 5 BADs; the suite
  runs with 50 MB and 20), and a gateway counts failed logins per client address for 15 minutes:
  replayed against the suite's long-lived POP3 gateway (no free failures, 1 s doubling to 30 s),
  the scripts' wrong passwords would slow a second run's logins past the socket timeout.

Scripts that only a module test can set up are skipped, never silently (the step prints them):

  | script                          | why it cannot run against a real suite                   |
  |---------------------------------|----------------------------------------------------------|
  | pop3 store-unavailable.script   | needs the store unreachable for one user (store-down)    |
  |                                 | while it answers for alice: InMemoryStore.unreachableFor |

Where imap's fake store and the real store first disagreed (2026-12-08), the store was right by
RFC 3501 and Dovecot, and the scripts now say what both may answer:
- BODYSTRUCTURE keeps the message's case for type, subtype, parameter names and encodings (as
  Dovecot does; RFC 2045 makes them case-insensitive), the fake upper-cases them: 03 matches them
  with ${I:...} (any case), a token ProtocolScriptTest learnt for it;
- FLAGS lists system flags in a fixed order (Dovecot's), the fake in the order they were set: 03's
  STORE sets the list in that order instead of adding \Deleted after \Seen;
- CREATE subscribes nothing (RFC 3501 6.3.3/6.3.6, Dovecot), the fake subscribes: 02 SUBSCRIBEs;
- INTERNALDATE keeps the zone of APPEND's date-time, the fake answers in UTC (RFC 3501 allows
  both): 04 APPENDs in UTC, and e2e/scripts/imap/06 checks the kept zone.
"""

import base64
import binascii
import json
import re
import secrets
import socket
import ssl
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from protocol import (HOST, IMAP_GATEWAY, POP3_GATEWAY, POP3_PORT, REPLICA_SHIFT, ROOT, STORE_HTTP,
                      Connection, Failed, Replica, check, deliver_rest, http, imap_command,
                      pop3_login, pop3_quit, wait_until)

TIMEOUT = 15

SKIPPED = {
    "pop3": {
        "store-unavailable.script": "needs the store unreachable for one user while it answers "
                                    "for the others (InMemoryStore.unreachableFor)",
    },
    "imap": {},
}


# ------------------------------------------------------------------ the module's seed, from Java

JAVA_STRING = r'"(?:[^"\\]|\\.)*"'


def java_text(literal):
    """The value of one Java string literal (its escapes: \\r \\n \\t \\" \\\\ \\' \\uXXXX)."""
    escapes = {"r": "\r", "n": "\n", "t": "\t", '"': '"', "\\": "\\", "'": "'"}

    def one(match):
        code = match.group(1)
        return chr(int(code[1:], 16)) if code.startswith("u") else escapes[code]

    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)", one, literal[1:-1])


def java_constants(source, depth=0):
    """Every `static final String NAME = "..." + "...";` of a Java file, by name, and every
    `static final String NAME = Other.CONST;` whose Other is imported from a module of this repo
    (read the same way, one level deep)."""
    found = {}
    for match in re.finditer(rf"static final String (\w+)\s*=\s*((?:{JAVA_STRING}\s*\+?\s*)+);",
                             source):
        found[match.group(1)] = "".join(java_text(s) for s in re.findall(JAVA_STRING,
                                                                         match.group(2)))
    if depth == 0:
        imports = {name: path for path, name in
                   re.findall(r"^import ((?:\w+\.)+(\w+));", source, re.M)}
        for name, other, const in re.findall(r"static final String (\w+)\s*=\s*(\w+)\.(\w+);",
                                             source):
            if other not in imports:
                continue
            relative = Path(*imports[other].split(".")).with_suffix(".java")
            for java in ROOT.glob(f"*/src/*/java/{relative}"):
                constants = java_constants(java.read_text(), depth + 1)
                if const in constants:
                    found[name] = constants[const]
    return found


@dataclass
class Seed:
    """What a module test's seed method puts in its store: accounts (in order), the messages of
    each account's INBOX (in order) and the flags set on them (uid -> flags)."""

    accounts: dict = field(default_factory=dict)  # user -> password
    messages: dict = field(default_factory=dict)  # user -> [bytes]
    flags: dict = field(default_factory=dict)  # user -> {uid: [flag]}

    @staticmethod
    def read(java_file, method="seed"):
        """Reads the seed method's store calls. A call this runner cannot replay fails loudly, so a
        changed seed cannot make the real store start from something else unnoticed."""
        source = (ROOT / java_file).read_text()
        constants = java_constants(source)
        body = re.search(rf"static void {method}\([^)]*\)\s*\{{(.*?)\n  \}}", source, re.S)
        if not body:
            raise Failed(f"{java_file}: no method {method}(...) to read the seed from")
        seed = Seed()

        def text(argument):
            argument = argument.strip()
            if argument.startswith('"'):
                return java_text(argument)
            if argument not in constants:
                raise Failed(f"{java_file}: {argument} is not a String constant of the file")
            return constants[argument]

        for call in re.finditer(r"\w+\.(\w+)\(((?:[^()]|\([^()]*\))*)\);", body.group(1)):
            verb = call.group(1)
            args = re.findall(rf"{JAVA_STRING}|[\w.]+", call.group(2))
            if verb in ("reset", "account") and len(args) == 2:
                seed.accounts[text(args[0])] = text(args[1])
            elif verb == "reset" and not args:
                pass
            elif verb == "deliver" and len(args) in (2, 3):
                if len(args) == 3 and text(args[1]) != "INBOX":
                    raise Failed(f"{java_file}: the seed delivers to {text(args[1])}; "
                                 "this runner delivers to INBOX only (admin REST)")
                seed.messages.setdefault(text(args[0]), []).append(text(args[-1]).encode())
            elif verb in ("setFlag", "addFlag") and len(args) == 4 and text(args[1]) == "INBOX":
                seed.flags.setdefault(text(args[0]), {}).setdefault(int(args[2]), []).append(
                    text(args[3]))
            elif verb == "unreachableFor":
                pass  # only its script needs it, and that one is skipped (see SKIPPED)
            else:
                raise Failed(f"{java_file}: cannot replay the seed's call {call.group(0)!r}: "
                             "teach e2e/module_scripts.py")
        return seed


# ------------------------------------------------------------------ fresh accounts, logins mapped


@dataclass
class Logins:
    """The seed's accounts as fresh accounts of the real store, and the script lines rewritten to
    log in to them (see the module docstring: only credential-carrying C: lines)."""

    users: dict  # seed's user name -> fresh user name
    passwords: dict  # seed's password -> fresh password
    created: list

    @staticmethod
    def create(seed, extra_users=()):
        users, passwords, created = {}, {}, []
        for user, password in seed.accounts.items():
            name = f"{re.sub(r'[^a-z0-9]', '', user.lower())}{secrets.token_hex(4)}"
            fresh = secrets.token_urlsafe(12)
            if " " in password:  # keep what the seed's password tests: spaces in a password
                fresh = " ".join((fresh[:4], fresh[4:8], fresh[8:]))
            status, body = http("POST", f"{STORE_HTTP}/admin/v1/accounts",
                                json.dumps({"username": name, "password": fresh}).encode(),
                                {"Content-Type": "application/json"})
            if status != 201:
                raise Failed(f"POST /admin/v1/accounts answered {status} {body[:200]!r}")
            if password in passwords:
                raise Failed(f"two seed accounts have the password {password!r}: the runner "
                             "maps passwords by value, so give each account its own")
            users[user], passwords[password] = name, fresh
            created.append(name)
        for user in extra_users:  # named by scripts, never created: they stay unknown
            users[user] = f"{user}{secrets.token_hex(4)}"
        return Logins(users, passwords, created)

    def remove(self):
        for name in self.created:
            http("DELETE", f"{STORE_HTTP}/admin/v1/accounts/{name}")

    def word(self, text):
        quoted = len(text) >= 2 and text[0] == text[-1] == '"'
        bare = text[1:-1] if quoted else text
        mapped = self.users.get(bare, self.passwords.get(bare, bare))
        return f'"{mapped}"' if quoted else mapped

    def sasl_plain(self, response):
        """A SASL PLAIN response (authzid NUL authcid NUL password, base64) for the fresh account;
        anything else ("*", bad base64) unchanged."""
        try:
            parts = base64.b64decode(response, validate=True).decode().split("\0")
        except (binascii.Error, UnicodeDecodeError):
            return response
        if len(parts) != 3:
            return response
        parts = [self.users.get(parts[0], parts[0]), self.users.get(parts[1], parts[1]),
                 self.passwords.get(parts[2], parts[2])]
        return base64.b64encode("\0".join(parts).encode()).decode()

    def rewrite(self, lines, protocol):
        """The script's lines with its credentials mapped; literal sizes follow the new lengths."""
        out = list(lines)
        sasl_next = False  # the next C: line answers an AUTHENTICATE/AUTH PLAIN challenge
        literal_at = None  # index of a LOGIN line ending in {n}: the next C: line is its data
        for i, line in enumerate(out):
            if not line.startswith("C: "):
                continue
            text = line[3:]
            if literal_at is not None:
                mapped = self.word(text)
                head, size, plus = re.match(r"(.*)\{(\d+)(\+?)\}$", out[literal_at]).groups()
                size = int(size) + len(mapped.encode()) - len(text.encode())
                out[literal_at] = f"{head}{{{size}{plus}}}"
                out[i], literal_at = f"C: {mapped}", None
                continue
            if sasl_next:
                out[i], sasl_next = f"C: {self.sasl_plain(text)}", False
                continue
            words = text.split(" ")
            verbs = [w.upper() for w in words]
            if protocol == "imap" and len(words) >= 3 and verbs[1] == "LOGIN":
                args = re.findall(r'"(?:[^"\\]|\\.)*"|\S+', " ".join(words[2:]))
                if args and re.fullmatch(r"\{\d+\+?\}", args[-1]):
                    literal_at = i
                out[i] = " ".join(["C:", words[0], words[1]] + [self.word(a) for a in args])
            elif protocol == "imap" and len(words) >= 3 and verbs[1:3] == ["AUTHENTICATE", "PLAIN"]:
                if len(words) == 4:
                    out[i] = f"C: {' '.join(words[:3])} {self.sasl_plain(words[3])}"
                else:
                    sasl_next = True
            elif protocol == "pop3" and verbs[0] in ("USER", "APOP") and len(words) >= 2:
                out[i] = " ".join(["C:", words[0], self.word(words[1])] + words[2:])
            elif protocol == "pop3" and verbs[0] == "PASS" and len(words) >= 2:
                out[i] = f"C: {words[0]} {self.word(text[len(words[0]) + 1:])}"
            elif protocol == "pop3" and verbs[:2] == ["AUTH", "PLAIN"]:
                if len(words) == 3:
                    out[i] = f"C: {words[0]} {words[1]} {self.sasl_plain(words[2])}"
                else:
                    sasl_next = True
        return out


def seed_real_store(seed, logins, pop3_port):
    """Delivers the seed's messages to the fresh accounts (admin REST, in order, so UIDs match)
    and sets its flags. Only \\Seen can be set without claiming \\Recent: by a POP3 RETR."""
    for user, messages in seed.messages.items():
        for raw in messages:
            deliver_rest(logins.users[user], raw)
    for user, flags in seed.flags.items():
        name, password = logins.users[user], logins.passwords[seed.accounts[user]]
        if any(flag != "\\Seen" for f in flags.values() for flag in f):
            raise Failed(f"the seed sets {flags}: only \\Seen can be set without a SELECT")
        conn, reply = pop3_login(pop3_port, name, password)
        check(reply.startswith("+OK"), f"seed: POP3 login of {name} to set \\Seen by RETR")
        for uid in sorted(flags):  # a fresh INBOX: message number = uid
            conn.send(f"RETR {uid}\r\n".encode())
            while (line := conn.line()) not in (".", None) and not line.startswith("-ERR"):
                pass
        check(pop3_quit(conn).startswith("+OK"), f"seed: \\Seen on {sorted(flags)} by RETR")
        unseen = len(seed.messages.get(user, [])) - len(flags)
        status = []

        def flagged():
            conn = Connection(IMAP_GATEWAY.port(IMAP_GATEWAY.port_variable))
            conn.line()
            imap_command(conn, "l", f"LOGIN {name} {password}")
            lines, _ = imap_command(conn, "s", "STATUS INBOX (UNSEEN)")  # claims no \Recent
            conn.close()
            status[:] = lines
            return any(f"(UNSEEN {unseen})" in x for x in lines)

        wait_until(flagged, 10, f"the seed's \\Seen visible in STATUS ({status})", every=0.2)


# ------------------------------------------------------------------ the wire, as the Java clients


class Wire:
    """A socket read as ImapClient/Pop3Client read it: a line ends at LF, a CR before it dropped."""

    def __init__(self, port, encoding):
        self.sock = socket.create_connection((HOST, port), timeout=TIMEOUT)
        self.encoding, self.buffer = encoding, b""

    def send_line(self, text):
        self.sock.sendall(text.encode(self.encoding) + b"\r\n")

    def line(self):
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                rest, self.buffer = self.buffer, b""
                return rest.decode(self.encoding) if rest else None
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\n", 1)
        return raw.removesuffix(b"\r").decode(self.encoding)

    def closed_by_server(self):
        try:
            return not self.buffer and not self.sock.recv(1)
        except (ConnectionResetError, BrokenPipeError):
            return True

    def start_tls(self):
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        self.sock = context.wrap_socket(self.sock, server_hostname="localhost")

    def close(self):
        self.sock.close()


def imap_pattern(expected):
    """ProtocolScriptTest.pattern: ${N} a number, ${ANY} any text, ${I:text} the text in any
    case, the rest literally."""
    regex = []
    for part in re.split(r"(\$\{N\}|\$\{ANY\}|\$\{I:[^}]*\})", expected):
        if part.startswith("${I:"):
            regex.append(f"(?i:{re.escape(part[4:-1])})")
        else:
            regex.append({"${N}": r"\d+", "${ANY}": ".*"}.get(part, re.escape(part)))
    return re.compile("".join(regex), re.S)


def play_imap(name, lines, port, seen):
    """As ProtocolScriptTest.run: "C: x" sends x; "S: x" the next line matches x in full;
    "CLOSED" the server closed; any other line (comments) is ignored."""
    wire = Wire(port, "utf-8")
    try:
        for number, line in enumerate(lines, 1):
            if line.startswith("C: "):
                wire.send_line(line[3:])
            elif line.startswith("S: "):
                actual = wire.line()
                seen.append(actual)
                if actual is None or not imap_pattern(line[3:]).fullmatch(actual):
                    raise Failed(f"{name}:{number}: expected {line[3:]!r}, got {actual!r}")
            elif line == "CLOSED":
                if not wire.closed_by_server():
                    raise Failed(f"{name}:{number}: expected the server to close")
    finally:
        wire.close()


def play_pop3(name, lines, port, seen):
    """As ScriptRunner.run: "C: x"/"C:" send; "S: x" the next line is x; "S:" an empty line;
    "S: <closed>" the server closed; "S~ r" the next line matches r; "TLS" starts TLS; blank and
    "#" lines are ignored, and any other line is an error."""
    wire = Wire(port, "iso-8859-1")
    try:
        for number, line in enumerate(lines, 1):
            where = f"{name}:{number}"
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("C: ") or line == "C:":
                wire.send_line(line[3:])
            elif line == "TLS":
                wire.start_tls()
            elif line.startswith("S: ") or line.startswith("S~ ") or line == "S:":
                actual = wire.line()
                seen.append(actual)
                if line == "S: <closed>":
                    ok = actual is None
                elif line.startswith("S~ "):
                    ok = actual is not None and re.fullmatch(line[3:], actual) is not None
                else:
                    ok = actual == line[3:]
                if not ok:
                    raise Failed(f"{where}: expected {line[3:]!r}, got {actual!r}")
            else:
                raise Failed(f"{where}: cannot read script line {line!r}")
    finally:
        wire.close()


# ------------------------------------------------------------------ the step


@dataclass(frozen=True)
class Module:
    gateway: object
    scripts: str
    suffix: str
    seed_java: str
    properties: str
    prefix: str  # the %test settings handed to the replica: %test.<prefix>...
    extra_users: tuple  # named by the scripts as unknown users
    play: object
    shift: int


MODULES = {
    "imap": Module(IMAP_GATEWAY, "imap-gateway/src/test/resources/scripts", ".txt",
                   "imap-gateway/src/test/java/io/mailroom/imap/protocol/Mailboxes.java",
                   "imap-gateway/src/main/resources/application.properties", "mailroom.imap.",
                   (), play_imap, REPLICA_SHIFT + 3),
    "pop3": Module(POP3_GATEWAY, "pop3-gateway/src/test/resources/scripts", ".script",
                   "pop3-gateway/src/test/java/io/mailroom/pop3/protocol/Fixtures.java",
                   "pop3-gateway/src/main/resources/application.properties", "mailroom.pop3.",
                   ("nobody",), play_pop3, REPLICA_SHIFT + 4),
}


def test_settings(module):
    """The module test's %test.mailroom.<gateway>.* settings as environment variables, but for
    ports and TLS files (the replica has its own ports and the suite's certificate)."""
    found = {}
    for line in (ROOT / module.properties).read_text().splitlines():
        match = re.match(rf"%test\.({re.escape(module.prefix)}[\w.-]+)=(.*)$", line.strip())
        if match and not re.search(r"port|\.tls\.(cert|key)$", match.group(1)):
            found[re.sub(r"[^A-Za-z0-9]", "_", match.group(1)).upper()] = match.group(2)
    return found


def step_module_scripts(protocol):
    module = MODULES[protocol]
    files = sorted((ROOT / module.scripts).glob(f"*{module.suffix}"))
    skipped = {p.name: SKIPPED[protocol][p.name] for p in files if p.name in SKIPPED[protocol]}
    playing = [p for p in files if p.name not in skipped]
    check(playing, f"{len(files)} {protocol} module scripts in {module.scripts}, "
                   f"{len(skipped)} of them skipped")
    for name, why in skipped.items():
        print(f"  SKIPPED: {name}: {why}")
    seed = Seed.read(module.seed_java)
    check(seed.accounts, f"the seed of {module.seed_java}: accounts "
                         f"{', '.join(seed.accounts)}; messages "
                         f"{ {u: len(m) for u, m in seed.messages.items()} }; flags {seed.flags}")
    settings = test_settings(module)
    started = time.monotonic()
    replica = Replica.start("module-scripts", module.shift, module.gateway, **settings)
    failures = []
    try:
        wait_until(replica.ready, 90, f"a {module.gateway.module} replica with the module test's "
                                      f"settings ({', '.join(settings)})", every=0.5)
        print(f"  figure: {module.gateway.module} replica ready in "
              f"{time.monotonic() - started:.1f} s")
        started = time.monotonic()
        for path in playing:
            logins = Logins.create(seed, module.extra_users)
            seen = []
            try:
                seed_real_store(seed, logins, POP3_PORT)
                lines = logins.rewrite(path.read_text().splitlines(), protocol)
                module.play(path.name, lines, replica.port, seen)
            except (Failed, OSError) as failure:
                failures.append(path.name)
                print(f"  FAILED: {path.name}: {failure}")
                print(f"    last lines received: {seen[-6:]!r}; accounts kept: {logins.users}")
                continue
            logins.remove()
            print(f"  ok: {path.name} against the real store")
    finally:
        replica.stop()
    print(f"  figure: {protocol} module scripts: {len(playing) - len(failures)} of {len(playing)} "
          f"pass against the real store, {len(skipped)} skipped, in "
          f"{time.monotonic() - started:.1f} s")
    if failures:
        raise Failed(f"{len(failures)} {protocol} module scripts failed: {', '.join(failures)}")


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in MODULES:
        print("usage: module_scripts.py imap|pop3", file=sys.stderr)
        sys.exit(2)
    try:
        step_module_scripts(sys.argv[1])
    except Exception as failure:  # Failed, OSError: one clear line each
        print(f"  FAILED: {failure!r}")
        sys.exit(1)
