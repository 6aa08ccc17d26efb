#!/usr/bin/env python3
"""Protocol scripts, POP3 maildrop lock across replicas and the IMAP seed's promise, against the
REAL store of the running suite (issues 4 and 5).

  protocol.py scripts imap|pop3 [DIR]  play e2e/scripts/<proto>/*.txt (or DIR/*.txt), each
                                       with a fresh account
  protocol.py pop3_lock             maildrop lock across two pop3-gateway replicas (+ kill -9)
  protocol.py seed_deliver [k/n]    part k of n of 2,000 messages for a fresh account (made by
                                    part 1; state in $MAILROOM_HOME/e2e/seed.json)
  protocol.py seed_promise          on them: listing reads no body, parts read alone, ...
  protocol.py password_change       logins remembered by the store's auth cache end at once on
                                    every gateway when the password changes

Script format (one directive per line; blank lines and `#` comments are ignored):
  @deliver NAME [lmtp|rest]   before the session: deliver fixture scripts/fixtures/NAME.eml
  @connect                    (re)open the connection to the gateway
  =NAME ... =end              a literal's lines (each sent with CRLF); ${len:NAME} is its size
  C: text                     a command line, sent with CRLF (C: alone sends an empty line)
  L: NAME                     send the literal NAME's bytes, with no line end
  S: regex                    the next response line must match regex in full
  S? regex                    an optional line: consumed when it matches, else left
  S* regex                    zero or more lines matching regex
  S~ regex                    skip lines until one matches regex (at most 100,000 lines)
  CLOSED                      the server closed the connection
${USER} and ${PASSWORD} are the fresh account (${SASL_PLAIN}: its SASL PLAIN response, in
base64); ${size:NAME} the size of a delivered fixture
(CRLF lines); a regex's named groups (?P<name>...) become ${name} for the lines after it. In S
lines substituted values are escaped. For POP3 the runner checks, besides the lines, that the
octets of each RETR equal its LIST size and the RETR's "+OK n octets", and STAT's total.
"""

import base64
import concurrent.futures
import json
import os
import re
import secrets
import signal
import smtplib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

E2E = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("MAILROOM_ROOT", E2E.parent))
HOME = Path(os.environ.get("MAILROOM_HOME", ROOT / ".mailroom"))
SCRIPTS = E2E / "scripts"
HOST = "127.0.0.1"
IMAP_PORT = int(os.environ.get("MAILROOM_IMAP_PORT", "1143"))
POP3_PORT = int(os.environ.get("MAILROOM_POP3_PORT", "1110"))
LMTP_PORT = int(os.environ.get("MAILROOM_LMTP_PORT", "2424"))
STORE_HTTP = f"http://{HOST}:{os.environ.get('MAILROOM_STORE_HTTP_PORT', '8080')}"
ADMIN_TOKEN = os.environ.get("MAILROOM_ADMIN_TOKEN") or (
    HOME / "secrets" / "admin-token").read_text().strip()
TIMEOUT = 15


class Failed(AssertionError):
    pass


def check(condition, what):
    if not condition:
        raise Failed(what)
    print(f"  ok: {what}")


def wait_until(condition, timeout, what, every=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(every)
    raise Failed(f"timed out after {timeout}s waiting for: {what}")


# ------------------------------------------------------------------ store: accounts, delivery


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, data=body, method=method)
    request.add_header("Authorization", f"Bearer {ADMIN_TOKEN}")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def fresh_account(prefix="proto"):
    user, password = f"{prefix}{secrets.token_hex(4)}", secrets.token_urlsafe(12)
    status, body = http("POST", f"{STORE_HTTP}/admin/v1/accounts",
                        json.dumps({"username": user, "password": password}).encode(),
                        {"Content-Type": "application/json"})
    if status != 201:
        raise Failed(f"POST /admin/v1/accounts answered {status} {body[:200]!r}")
    return user, password


def deliver_rest(user, raw):
    status, body = http("POST", f"{STORE_HTTP}/admin/v1/accounts/{user}/messages", raw,
                        {"Content-Type": "message/rfc822"})
    if status != 201:
        raise Failed(f"POST .../messages answered {status} {body[:200]!r}")
    return json.loads(body)


def deliver_lmtp(user, messages):
    with smtplib.LMTP(HOST, LMTP_PORT, timeout=60) as lmtp:
        for raw in messages:
            refused = lmtp.sendmail("fixtures@example.org", [f"{user}@mailroom.test"], raw)
            if refused:
                raise Failed(f"LMTP refused a fixture: {refused}")


def store_metrics():
    """The store's S3 body-read counters: (GETs, octets requested)."""
    with urllib.request.urlopen(f"{STORE_HTTP}/q/metrics", timeout=10) as response:
        text = response.read().decode()
    reads = octets = 0.0
    for line in text.splitlines():
        if line.startswith("mailroom_blob_reads_total"):
            reads += float(line.rsplit(" ", 1)[1])
        elif line.startswith("mailroom_blob_read_bytes_total"):
            octets += float(line.rsplit(" ", 1)[1])
    return reads, octets


def crlf(data: bytes) -> bytes:
    return re.sub(rb"\r?\n", b"\r\n", data)


def fixture(name, user):
    raw = (SCRIPTS / "fixtures" / f"{name}.eml").read_bytes().replace(b"${USER}", user.encode())
    return crlf(raw)


# ------------------------------------------------------------------ the script player


class Connection:
    """A raw socket to a gateway, read line by line (CRLF)."""

    def __init__(self, port):
        self.sock = socket.create_connection((HOST, port), timeout=TIMEOUT)
        self.buffer = b""
        self.pushed = []

    def send(self, data: bytes):
        self.sock.sendall(data)

    def line(self):
        """The next line without its CRLF, or None when the server closed the connection."""
        if self.pushed:
            return self.pushed.pop()
        while b"\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                if self.buffer:
                    rest, self.buffer = self.buffer, b""
                    return rest.decode("utf-8", "replace")
                return None
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\r\n", 1)
        return raw.decode("utf-8", "replace")

    def push_back(self, text):
        self.pushed.append(text)

    def closed(self):
        try:
            return self.line() is None
        except (ConnectionResetError, socket.timeout):
            return False

    def close(self):
        self.sock.close()


@dataclass
class Pop3Octets:
    """Checks that LIST/STAT sizes equal the octets RETR sends (before dot-stuffing)."""

    listed: dict = field(default_factory=dict)
    retrieved: dict = field(default_factory=dict)
    announced: dict = field(default_factory=dict)
    deleted: set = field(default_factory=set)
    stats: list = field(default_factory=list)
    command: str = ""
    multiline: list | None = None

    def sent(self, text):
        self.command = text.strip().upper()
        self.multiline = None

    def received(self, line):
        words = self.command.split()
        if not words:
            return
        verb = words[0]
        if self.multiline is not None:
            if line == ".":
                self.finish(verb, words)
                self.multiline = None
                self.command = ""
            else:
                self.multiline.append(line[1:] if line.startswith(".") else line)
            return
        if not line.startswith("+OK"):
            self.command = ""
            return
        if not (verb == "RETR" or (verb == "LIST" and len(words) == 1)):
            self.command = ""  # a single-line reply: it answers this command only
        if verb == "LIST" and len(words) == 2:
            number, size = line.split()[1:3]
            self.listed[int(number)] = int(size)
        elif verb == "STAT":
            count, total = line.split()[1:3]
            self.stats.append((int(count), int(total), set(self.deleted)))
        elif verb == "DELE":
            self.deleted.add(int(words[1]))
        elif verb == "RSET":
            self.deleted.clear()
        elif verb == "RETR" or (verb == "LIST" and len(words) == 1):
            if verb == "RETR":
                octets = re.search(r"(\d+) octets", line)
                if octets:
                    self.announced[int(words[1])] = int(octets.group(1))
            self.multiline = []

    def finish(self, verb, words):
        if verb == "LIST":
            for entry in self.multiline:
                number, size = entry.split()
                self.listed[int(number)] = int(size)
        elif verb == "RETR":
            self.retrieved[int(words[1])] = sum(len(x.encode()) + 2 for x in self.multiline)

    def verify(self):
        for number, octets in self.retrieved.items():
            if number in self.listed:
                check(octets == self.listed[number],
                      f"RETR {number} sent {octets} octets = its LIST size {self.listed[number]}")
            if number in self.announced:
                check(octets == self.announced[number],
                      f"RETR {number} sent the {self.announced[number]} octets its +OK announced")
        for count, total, deleted in self.stats:
            if self.listed and count == len(self.listed) - len(deleted):
                expected = sum(s for n, s in self.listed.items() if n not in deleted)
                check(total == expected, f"STAT total {total} = sum of LIST sizes {expected}")
        return len(self.retrieved)


class Script:
    def __init__(self, path, port, pop3):
        self.path, self.port, self.pop3 = path, port, pop3
        self.lines = path.read_text().splitlines()
        self.literals, self.deliveries = {}, []
        self.vars = {}
        self.octets = Pop3Octets() if pop3 else None
        self.checked = 0
        self.program = self.parse()

    def parse(self):
        program, literal = [], None
        for number, text in enumerate(self.lines, 1):
            if literal is not None:
                if text == "=end":
                    self.literals[literal[0]] = b"".join(x.encode() + b"\r\n" for x in literal[1])
                    literal = None
                else:
                    literal[1].append(text)
                continue
            if not text.strip() or text.startswith("#"):
                continue
            if text.startswith("=") and len(text) > 1:
                literal = (text[1:].strip(), [])
            elif text.startswith("@deliver "):
                parts = text.split()
                self.deliveries.append((parts[1], parts[2] if len(parts) > 2 else "rest"))
            elif text.strip() in ("@connect", "CLOSED"):
                program.append((number, text.strip(), ""))
            elif re.match(r"^(C:|L:|S:|S\?|S\*|S~)( |$)", text):
                program.append((number, text[:2], text[3:]))
            else:
                raise Failed(f"{self.path.name}:{number}: cannot read {text!r}")
        if literal is not None:
            raise Failed(f"{self.path.name}: literal {literal[0]} has no =end")
        return program

    def substitute(self, text, regex):
        def value(match):
            name = match.group(1)
            if name.startswith("len:"):
                found = str(len(self.literals[name[4:]]))
            elif name not in self.vars:
                raise Failed(f"{self.path.name}: no value for ${{{name}}}")
            else:
                found = self.vars[name]
            return re.escape(found) if regex else found

        return re.sub(r"\$\{([A-Za-z0-9_:.-]+)\}", value, text)

    def run(self):
        user, password = fresh_account()
        plain = base64.b64encode(f"\0{user}\0{password}".encode()).decode()
        self.vars.update(USER=user, PASSWORD=password, SASL_PLAIN=plain)
        for name, how in self.deliveries:
            raw = fixture(name, user)
            if how == "lmtp":
                deliver_lmtp(user, [raw])
                # LMTP puts Return-Path and Delivered-To in front of the message.
                trace = (f"Return-Path: <fixtures@example.org>\r\n"
                         f"Delivered-To: {user}@mailroom.test\r\n").encode()
                self.vars[f"size:{name}"] = str(len(trace) + len(raw))
            else:
                deliver_rest(user, raw)
                self.vars[f"size:{name}"] = str(len(raw))
        conn, seen = None, []
        try:
            for index, (number, kind, text) in enumerate(self.program):
                where = f"{self.path.name}:{number}"
                if kind == "@connect":
                    if conn:
                        conn.close()
                    if self.octets:  # message numbers are per session
                        self.checked += self.octets.verify()
                        self.octets = Pop3Octets()
                    conn = Connection(self.port)
                elif kind == "C:":
                    line = self.substitute(text, regex=False)
                    conn.send(line.encode() + b"\r\n")
                    if self.octets:
                        self.octets.sent(line)
                elif kind == "L:":
                    conn.send(self.literals[text.strip()])
                elif kind == "CLOSED":
                    check(conn.closed(), f"{where}: the server closed the connection")
                else:
                    self.expect(conn, kind, self.substitute(text, regex=True), where, seen)
            if self.octets:
                self.checked += self.octets.verify()
                print(f"  ok: {self.path.name}: octets of {self.checked} RETR checked against LIST")
        except Failed:
            print(f"  last lines received: {seen[-8:]!r}")
            raise
        except (OSError, socket.timeout) as error:
            print(f"  last lines received: {seen[-8:]!r}")
            raise Failed(f"{self.path.name}: {error!r}") from error
        finally:
            if conn:
                conn.close()

    def read(self, conn, where, seen):
        line = conn.line()
        if line is None:
            raise Failed(f"{where}: the server closed the connection")
        seen.append(line)
        if self.octets:
            self.octets.received(line)
        return line

    def accept(self, match):
        self.vars.update({k: v for k, v in match.groupdict().items() if v is not None})

    def expect(self, conn, kind, regex, where, seen):
        pattern = re.compile(regex)
        if kind == "S:":
            line = self.read(conn, where, seen)
            match = pattern.fullmatch(line)
            if not match:
                raise Failed(f"{where}: expected /{regex}/, got {line!r}")
            self.accept(match)
        elif kind in ("S?", "S*"):
            while True:
                line = conn.line()
                if line is None:
                    conn.push_back(None)
                    return
                match = pattern.fullmatch(line)
                if not match:
                    conn.push_back(line)
                    return
                seen.append(line)
                if self.octets:
                    self.octets.received(line)
                self.accept(match)
                if kind == "S?":
                    return
        elif kind == "S~":
            for _ in range(100_000):
                line = self.read(conn, where, seen)
                match = pattern.fullmatch(line)
                if match:
                    self.accept(match)
                    return
            raise Failed(f"{where}: no line matched /{regex}/")


def step_scripts(protocol, directory=None):
    port = IMAP_PORT if protocol == "imap" else POP3_PORT
    directory = Path(directory) if directory else SCRIPTS / protocol
    files = sorted(directory.glob("*.txt"))
    check(files, f"{len(files)} {protocol} scripts in {directory}")
    started = time.monotonic()
    lines = 0
    for path in files:
        script = Script(path, port, pop3=protocol == "pop3")
        script.run()
        lines += sum(1 for _, kind, _ in script.program if kind.startswith(("C", "S")))
        print(f"  ok: {path.name} played against the real store")
    print(f"  figure: {protocol} scripts: {len(files)} files, {lines} lines in "
          f"{time.monotonic() - started:.1f} s")


# ------------------------------------------------------------------ POP3 lock across replicas

REPLICA_SHIFT = 500  # a second replica's ports: the suite's plus this


@dataclass(frozen=True)
class Gateway:
    """What it takes to start one more replica of a gateway: its jar and its port variables."""

    module: str
    port_variable: str
    tls_port_variable: str
    http_port_variable: str

    def default(self, variable):
        return {"MAILROOM_POP3_PORT": "1110", "MAILROOM_POP3S_PORT": "1995",
                "MAILROOM_POP3_HTTP_PORT": "8082", "MAILROOM_IMAP_PORT": "1143",
                "MAILROOM_IMAPS_PORT": "1993", "MAILROOM_IMAP_HTTP_PORT": "8081"}[variable]

    def port(self, variable, shift=0):
        return int(os.environ.get(variable, self.default(variable))) + shift


POP3_GATEWAY = Gateway("pop3-gateway", "MAILROOM_POP3_PORT", "MAILROOM_POP3S_PORT",
                       "MAILROOM_POP3_HTTP_PORT")
IMAP_GATEWAY = Gateway("imap-gateway", "MAILROOM_IMAP_PORT", "MAILROOM_IMAPS_PORT",
                       "MAILROOM_IMAP_HTTP_PORT")


@dataclass
class Replica:
    """One more gateway replica, started by this test on shifted ports, stopped by its pid."""

    name: str
    port: int
    process: subprocess.Popen
    http_port: int
    log: Path

    @staticmethod
    def start(name, shift, gateway=POP3_GATEWAY, **variables):
        env = dict(os.environ)
        for variable in (gateway.port_variable, gateway.tls_port_variable,
                         gateway.http_port_variable):
            env[variable] = str(gateway.port(variable, shift))
        for variable, file in (("MAILROOM_TLS_CERT", "cert.pem"), ("MAILROOM_TLS_KEY", "key.pem")):
            if variable not in env and (HOME / "tls" / file).exists():
                env[variable] = str(HOME / "tls" / file)
        # the suite's broker, also when e2e/run runs beside a suite `up` started elsewhere
        env.setdefault("MAILROOM_KAFKA", f"{HOST}:{os.environ.get('MAILROOM_KAFKA_PORT', '9092')}")
        env.update({k: str(v) for k, v in variables.items()})
        log = HOME / "logs" / f"e2e-{gateway.module}-{name}.log"
        jar = ROOT / gateway.module / "target" / "quarkus-app" / "quarkus-run.jar"
        process = subprocess.Popen(
            ["java", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", str(jar)],
            env=env, stdout=open(log, "ab"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        return Replica(name, gateway.port(gateway.port_variable, shift), process,
                       gateway.port(gateway.http_port_variable, shift), log)

    def ready(self):
        if self.process.poll() is not None:
            raise Failed(f"replica {self.name} exited with {self.process.returncode}; "
                         f"log: {self.log}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{self.http_port}/q/health/ready",
                                        timeout=2) as response:
                return b'"UP"' in response.read()
        except (OSError, urllib.error.URLError):
            return False

    def metric(self, name):
        """The sum of a metric's series on the replica's /q/metrics (0 when absent)."""
        with urllib.request.urlopen(f"http://{HOST}:{self.http_port}/q/metrics",
                                    timeout=5) as response:
            return sum(float(line.rsplit(" ", 1)[1])
                       for line in response.read().decode().splitlines()
                       if line.startswith(name + "{") or line.startswith(name + " "))

    def stop(self, sig=signal.SIGTERM):
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def pop3_login(port, user, password):
    """Logs in with USER/PASS; returns (connection, the PASS reply)."""
    conn = Connection(port)
    greeting = conn.line()
    if not greeting or not greeting.startswith("+OK"):
        raise Failed(f"POP3 on {port} greeted {greeting!r}")
    conn.send(f"USER {user}\r\n".encode())
    conn.line()
    conn.send(f"PASS {password}\r\n".encode())
    return conn, conn.line()


def pop3_quit(conn):
    conn.send(b"QUIT\r\n")
    reply = conn.line()
    conn.close()
    return reply


def account_with(prefix, *fixtures):
    """A fresh account with these fixtures delivered to its INBOX."""
    user, password = fresh_account(prefix)
    for name in fixtures:
        deliver_rest(user, fixture(name, user))
    return user, password


def step_pop3_lock():
    user, password = account_with("lock", "plain", "multipart")
    # B: a second replica with the suite's lease; C: one with a short lease, to be killed.
    started = time.monotonic()
    replica_b = Replica.start("b", REPLICA_SHIFT)
    replica_c = Replica.start("c", REPLICA_SHIFT + 1, MAILROOM_POP3_LEASE_SECONDS=4)
    try:
        wait_until(lambda: replica_b.ready() and replica_c.ready(), 75,
                   "the second and third pop3-gateway replicas ready", every=0.5)
        print(f"  figure: two more pop3-gateway replicas ready in {time.monotonic() - started:.1f} s")
        # A (the suite's replica) holds the maildrop; B is refused.
        a, reply = pop3_login(POP3_PORT, user, password)
        check(reply.startswith("+OK"), f"replica A: PASS {reply!r}")
        b, reply = pop3_login(replica_b.port, user, password)
        check(reply.startswith("-ERR [IN-USE]"), f"replica B while A holds the maildrop: {reply!r}")
        b.send(b"NOOP\r\n")
        check(b.line().startswith("-ERR"), "B's session stays in AUTHORIZATION (NOOP refused)")
        a.send(b"STAT\r\n")
        check(a.line() == "+OK 2 " + str(sum(len(fixture(n, user)) for n in ("plain", "multipart"))),
              "A's session is unharmed by B's attempt (STAT)")
        check(pop3_quit(a).startswith("+OK"), "A QUITs")
        b.send(f"USER {user}\r\n".encode())
        b.line()
        b.send(f"PASS {password}\r\n".encode())
        reply = b.line()
        check(reply.startswith("+OK"), f"after A's QUIT, B logs in on the same connection: {reply!r}")
        # While B holds it, the suite's replica is refused too.
        a, reply = pop3_login(POP3_PORT, user, password)
        check(reply.startswith("-ERR [IN-USE]"), f"replica A while B holds it: {reply!r}")
        a.close()
        check(pop3_quit(b).startswith("+OK"), "B QUITs")
        # C (lease 4 s) holds the maildrop and dies with kill -9: the lease expires, B gets in.
        c, reply = pop3_login(replica_c.port, user, password)
        check(reply.startswith("+OK"), f"replica C (lease 4 s) logs in: {reply!r}")
        b, reply = pop3_login(replica_b.port, user, password)
        check(reply.startswith("-ERR [IN-USE]"), f"B while C holds it: {reply!r}")
        b.close()
        replica_c.stop(signal.SIGKILL)
        killed = time.monotonic()
        c.close()
        attempts = []

        def b_gets_in():
            conn, reply = pop3_login(replica_b.port, user, password)
            attempts.append(reply)
            if reply.startswith("+OK"):
                conn.send(b"STAT\r\n")
                attempts.append(conn.line())
                pop3_quit(conn)
                return True
            conn.close()
            return False

        wait_until(b_gets_in, 30, "B logs in after C was killed", every=0.25)
        waited = time.monotonic() - killed
        check(all(r.startswith("-ERR [IN-USE]") for r in attempts[:-2]),
              f"until then B was refused with [IN-USE] ({len(attempts) - 2} tries)")
        check(attempts[-1].startswith("+OK 2 "), f"B sees the whole maildrop: {attempts[-1]!r}")
        check(waited <= 4 + 3, f"B got in {waited:.1f} s after kill -9 (lease 4 s)")
        print(f"  figure: maildrop free {waited:.1f} s after kill -9 of the holder (lease 4 s)")
    finally:
        replica_c.stop(signal.SIGKILL)
        replica_b.stop()


# ------------------------------------------------------------------ IMAP: push across replicas

def imap_command(conn, tag, command):
    """Sends one command; returns its untagged lines and the tagged line."""
    conn.send(f"{tag} {command}\r\n".encode())
    lines = []
    while True:
        line = conn.line()
        if line is None:
            raise Failed(f"connection closed during {command!r}")
        if line.startswith(f"{tag} "):
            return lines, line
        lines.append(line)


def imap_append(conn, tag, mailbox, message):
    """APPENDs message with a non-synchronizing literal; returns the tagged line."""
    conn.send(f"{tag} APPEND {mailbox} {{{len(message)}+}}\r\n".encode() + message + b"\r\n")
    while not (done := conn.line() or f"{tag} ").startswith(f"{tag} "):
        pass
    return done


def imap_session(port, user, password, mailbox="INBOX"):
    conn = Connection(port)
    check((conn.line() or "").startswith("* OK"), f"IMAP greeting on {port}")
    _, done = imap_command(conn, "l", f"LOGIN {user} {password}")
    check(done.startswith("l OK"), f"LOGIN on {port}: {done!r}")
    _, done = imap_command(conn, "s", f"SELECT {mailbox}")
    check(done.startswith("s OK"), f"SELECT {mailbox} on {port}: {done!r}")
    return conn


def idle_sees(idler, act, wanted, what, within=TIMEOUT):
    """Runs act() while idler is in IDLE; returns the seconds until a line matching wanted."""
    idler.send(b"i IDLE\r\n")
    check(idler.line() == "+ idling", "IDLE started")
    idler.sock.settimeout(within)
    started = time.monotonic()
    act()
    seen = []
    while True:
        line = idler.line()
        if line is None:
            raise Failed(f"IDLE connection closed waiting for {what}; saw {seen}")
        if re.search(wanted, line):
            waited = time.monotonic() - started
            break
        seen.append(line)
        if time.monotonic() - started > within:
            raise Failed(f"no {what} in IDLE within {within}s; saw {seen}")
    idler.sock.settimeout(TIMEOUT)
    idler.send(b"DONE\r\n")
    while not (line := idler.line() or "i ").startswith("i "):
        pass
    check(line.startswith("i OK"), f"IDLE ended: {line!r}")
    return waited


def step_imap_push():
    """IDLE and NOOP learn of another replica's changes within 1 s (Kafka hint + changes)."""
    user, password = account_with("push", "plain", "multipart")
    started = time.monotonic()
    replica = Replica.start("b", REPLICA_SHIFT + 2, IMAP_GATEWAY)
    try:
        wait_until(replica.ready, 75, "a second imap-gateway replica ready", every=0.5)
        # Its consumer group starts at the latest offset: events count once it has partitions.
        wait_until(lambda: replica.metric("kafka_consumer_coordinator_assigned_partitions") > 0,
                   60, "the replica's consumer has its partitions", every=0.5)
        print(f"  figure: a second imap-gateway replica ready, with its partitions, in "
              f"{time.monotonic() - started:.1f} s")
        suite_port = IMAP_GATEWAY.port(IMAP_GATEWAY.port_variable)
        a = imap_session(suite_port, user, password)
        b = imap_session(replica.port, user, password)
        _, done = imap_command(b, "c", "CREATE Later")
        check(done.startswith("c OK"), f"B creates Later: {done!r}")
        figures = {}

        def on_b(command):
            return lambda: check(imap_command(b, "x", command)[1].startswith("x OK"),
                                 f"B: {command}")

        figures["flag"] = idle_sees(a, on_b("STORE 1 +FLAGS.SILENT (\\Flagged)"),
                                    r"^\* 1 FETCH \(.*\\Flagged", "A: FETCH of B's flag")
        figures["move"] = idle_sees(a, on_b("MOVE 1 Later"), r"^\* 1 EXPUNGE$",
                                    "A: EXPUNGE of B's move")
        # The other way: B idles on the new replica, A acts on the suite's.
        figures["seen"] = idle_sees(
            b, lambda: imap_command(a, "x", "STORE 1 +FLAGS.SILENT (\\Seen)"),
            r"^\* 1 FETCH \(.*\\Seen", "B: FETCH of A's \\Seen")
        figures["expunge"] = idle_sees(
            b, lambda: (imap_command(a, "d", "STORE 1 +FLAGS.SILENT (\\Deleted)"),
                        imap_command(a, "e", "EXPUNGE")),
            r"^\* 1 EXPUNGE$", "B: EXPUNGE of A's expunge")
        # NOOP: A is not idling; B appends; A's NOOP reports EXISTS within 1 s.
        deliver_rest(user, fixture("plain", user))
        noop_started = time.monotonic()
        noop_lines = []

        def noop_reports():
            lines, _ = imap_command(a, "n", "NOOP")
            noop_lines.extend(lines)
            return any(re.match(r"^\* 1 EXISTS$", line) for line in noop_lines)

        wait_until(noop_reports, TIMEOUT, "A's NOOP reports the new message", every=0.05)
        figures["noop"] = time.monotonic() - noop_started
        for what, waited in figures.items():
            check(waited < 1.0, f"{what} seen across replicas in {waited * 1000:.0f} ms (< 1 s)")
        print("  figure: push across replicas (ms): "
              + ", ".join(f"{k} {v * 1000:.0f}" for k, v in figures.items()))
        a.close()
        b.close()
    finally:
        replica.stop()


# ------------------------------------------------------------------ quotas: LMTP and IMAP

def set_quota(user, octets):
    status, body = http("PUT", f"{STORE_HTTP}/admin/v1/accounts/{user}/quota",
                        json.dumps({"quotaBytes": octets}).encode(),
                        {"Content-Type": "application/json"})
    if status != 204:
        raise Failed(f"PUT .../quota answered {status} {body[:200]!r}")


def lmtp_to_all(recipients, raw):
    """One LMTP transaction to several recipients; the replies after DATA, one per recipient."""
    conn = Connection(LMTP_PORT)
    check((conn.line() or "").startswith("220"), "LMTP greeting")

    def reply(command):
        conn.send(command)
        while (line := conn.line() or "")[3:4] == "-":
            pass
        return line

    check(reply(b"LHLO e2e.example.org\r\n").startswith("250"), "LHLO")
    check(reply(b"MAIL FROM:<quota@example.org>\r\n").startswith("250"), "MAIL FROM")
    for rcpt in recipients:
        check(reply(f"RCPT TO:<{rcpt}@mailroom.test>\r\n".encode()).startswith("250"),
              f"RCPT TO {rcpt}")
    check(reply(b"DATA\r\n").startswith("354"), "DATA")
    conn.send(raw + b".\r\n")
    replies = [conn.line() for _ in recipients]
    conn.send(b"QUIT\r\n")
    conn.close()
    return replies


def step_quota():
    """A full mailbox refuses mail (LMTP 552 5.2.2 for that recipient only, IMAP [OVERQUOTA])."""
    roomy, roomy_password = fresh_account("roomy")
    full, password = fresh_account("full")
    first = fixture("plain", full)
    deliver_rest(full, first)
    set_quota(full, len(first) + 10)  # room for the first message, not for any other
    raw = fixture("plain", roomy)
    replies = lmtp_to_all([roomy, full], raw)
    check(replies[0].startswith("250 "), f"LMTP: the roomy recipient gets 250: {replies[0]!r}")
    check(replies[1].startswith("552 5.2.2"), f"LMTP: the full one gets 552 5.2.2: {replies[1]!r}")
    conn = imap_session(IMAP_GATEWAY.port(IMAP_GATEWAY.port_variable), full, password)
    lines, done = imap_command(conn, "s", "STATUS INBOX (MESSAGES)")
    check(any("(MESSAGES 1)" in line for line in lines), f"the full INBOX still has 1: {lines}")
    done = imap_append(conn, "a", "INBOX", b"Subject: one too many\r\n\r\nHi\r\n")
    check(done.startswith("a NO [OVERQUOTA]"), f"IMAP APPEND over the quota: {done!r}")
    _, done = imap_command(conn, "c", "COPY 1 Archive")
    check(done.startswith("c NO [OVERQUOTA]"), f"IMAP COPY over the quota: {done!r}")
    _, done = imap_command(conn, "m", "MOVE 1 Archive")
    check(done.startswith("m OK"), f"IMAP MOVE in a full account still works: {done!r}")
    conn.close()
    conn = imap_session(IMAP_GATEWAY.port(IMAP_GATEWAY.port_variable), roomy, roomy_password)
    lines, _ = imap_command(conn, "s", "STATUS INBOX (MESSAGES)")
    check(any("(MESSAGES 1)" in line for line in lines), f"the roomy INBOX got it: {lines}")
    conn.close()


def step_pop3_octets_without_crlf():
    """A message APPENDed without a final CRLF: POP3 LIST counts the CRLF RETR must add."""
    user, password = fresh_account("nocrlf")
    message = b"Subject: no final line end\r\n\r\nlast line without CRLF"
    conn = imap_session(IMAP_GATEWAY.port(IMAP_GATEWAY.port_variable), user, password)
    done = imap_append(conn, "a", "INBOX", message)
    check(done.startswith("a OK"), f"APPEND without a final CRLF: {done!r}")
    lines, _ = imap_command(conn, "f", "FETCH 1 RFC822.SIZE")
    check(any(f"RFC822.SIZE {len(message)})" in line for line in lines),
          f"IMAP RFC822.SIZE is the stored size {len(message)}: {lines}")
    conn.close()
    pop, reply = pop3_login(POP3_PORT, user, password)
    check(reply.startswith("+OK"), f"POP3 login: {reply!r}")
    pop.send(b"LIST 1\r\n")
    listed = int(pop.line().split()[2])
    pop.send(b"RETR 1\r\n")
    check(pop.line().startswith("+OK"), "RETR 1")
    sent = 0
    while (line := pop.line()) != ".":
        sent += len(line.encode()) + 2
    check(listed == sent == len(message) + 2,
          f"LIST says {listed} octets, RETR sent {sent} (the message and the CRLF it lacked)")
    check(pop3_quit(pop).startswith("+OK"), "QUIT")


# ------------------------------------------------------------------ IMAP: the seed's promise

SEED_MESSAGES = int(os.environ.get("MAILROOM_E2E_SEED_MESSAGES", "2000"))
SEED_LARGE = 20


def seed_message(user, i, large):
    head = (f"From: Sender {i} <s{i}@example.org>\r\nTo: {user}@mailroom.test\r\n"
            f"Subject: seed {i}\r\nDate: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
            f"Message-ID: <seed-{i}-{secrets.token_hex(6)}@example.org>\r\nMIME-Version: 1.0\r\n")
    if not large:
        return (head + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                + f"Message {i} of the seed.\r\n" * 20).encode()
    note = "".join(f"Agenda line {n}: nothing to see here.\r\n" for n in range(50))
    blob = base64.encodebytes(secrets.token_bytes(768 * 1024)).replace(b"\n", b"\r\n").decode()
    return (head + 'Content-Type: multipart/mixed; boundary="b0"\r\n\r\n'
            "--b0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the attachment.\r\n"
            "--b0\r\nContent-Type: text/plain; charset=utf-8; name=agenda.txt\r\n\r\n" + note
            + "--b0\r\nContent-Type: application/octet-stream; name=big.bin\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n" + blob + "--b0--\r\n").encode()


def quiet_counters(timeout=10):
    """The store's read counters once nothing else (e.g. a filter run) is reading bodies."""
    last = [store_metrics()]

    def steady():
        time.sleep(0.5)
        now = store_metrics()
        same = now == last[0]
        last[0] = now
        return same

    wait_until(steady, timeout, "the store's S3 read counters to stand still", every=0)
    return last[0]


SEED_STATE = HOME / "e2e" / "seed.json"


def step_seed_deliver(part="1/1"):
    """Delivers part k/n of the 2,000 messages for one fresh account (made by part 1), 20 of them
    with a 1 MB attachment. Parts are steps of their own because on a busy 2-core machine the
    store ingests only some 25-60 messages a second into one mailbox."""
    k, n = (int(x) for x in part.split("/"))
    if k == 1:
        user, password = fresh_account("seed")
        seed = {"user": user, "password": password, "uids": {}, "seconds": 0.0,
                "large": list(range(1, SEED_MESSAGES + 1, SEED_MESSAGES // SEED_LARGE))}
    else:
        seed = json.loads(SEED_STATE.read_text())
        user = seed["user"]
    large = set(seed["large"])
    share = range(1 + (k - 1) * SEED_MESSAGES // n, 1 + k * SEED_MESSAGES // n)
    messages = {i: seed_message(user, i, i in large) for i in share}
    started = time.monotonic()

    def deliver(i):
        return i, deliver_rest(user, messages[i])["uid"]

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        for i, uid in pool.map(deliver, messages):
            seed["uids"][str(uid)] = (i, len(messages[i]))
    took = time.monotonic() - started
    seed["seconds"] += took
    octets = sum(len(m) for m in messages.values())
    check(len(seed["uids"]) == share.stop - 1,
          f"messages {share.start}-{share.stop - 1} delivered "
          f"({len(large & set(share))} with a 1 MB attachment)")
    print(f"  figure: delivered {len(messages)} messages ({octets / 1e6:.1f} MB) over admin REST "
          f"(8 threads) in {took:.1f} s: {len(messages) / took:.0f} msg/s")
    SEED_STATE.parent.mkdir(parents=True, exist_ok=True)
    SEED_STATE.write_text(json.dumps(seed))


def step_seed_promise():
    import imaplib

    if not SEED_STATE.exists():
        raise Failed(f"no seed in {SEED_STATE}: run seed_deliver first (seed_promise uses it up)")
    seed = json.loads(SEED_STATE.read_text())
    SEED_STATE.unlink()  # the checks below move and flag messages: a seed serves one run
    user, password, large = seed["user"], seed["password"], set(seed["large"])
    uids = {int(u): tuple(v) for u, v in seed["uids"].items()}
    check(len(uids) == SEED_MESSAGES, f"the seed has {len(uids)} messages")
    print(f"  figure: seeding {SEED_MESSAGES} messages took {seed['seconds']:.1f} s: "
          f"{SEED_MESSAGES / seed['seconds']:.0f} msg/s")
    laptop = imaplib.IMAP4(HOST, IMAP_PORT)
    laptop.login(user, password)
    phone = imaplib.IMAP4(HOST, IMAP_PORT)
    phone.login(user, password)
    typ, data = laptop.select("INBOX")
    check(typ == "OK" and int(data[0]) == SEED_MESSAGES, f"SELECT INBOX: {data[0]!r} EXISTS")

    reads, octets = quiet_counters()
    started = time.monotonic()
    typ, data = laptop.fetch("1:*", "(FLAGS ENVELOPE BODYSTRUCTURE RFC822.SIZE)")
    listing = time.monotonic() - started
    responses = [d if isinstance(d, bytes) else d[0] for d in data
                 if isinstance(d, tuple) or re.match(rb"\d+ \(", d or b"")]
    check(typ == "OK" and len(responses) == SEED_MESSAGES, f"listing returned {len(responses)} FETCH responses")
    multipart = [r for r in responses if b'"mixed"' in r.lower()]
    check(len(multipart) == len(large), f"{len(multipart)} BODYSTRUCTUREs are multipart/mixed")
    after = store_metrics()
    check(after == (reads, octets),
          f"listing read no body from S3 (reads {reads:.0f} -> {after[0]:.0f})")
    print(f"  figure: FETCH 1:* (FLAGS ENVELOPE BODYSTRUCTURE RFC822.SIZE) of {SEED_MESSAGES} "
          f"messages in {listing:.2f} s, 0 S3 reads")

    small_uid = next(u for u, (i, _) in uids.items() if i not in large)
    big_uid = next(u for u, (i, _) in uids.items() if i in large)
    reads, octets = store_metrics()
    typ, data = laptop.uid("FETCH", str(small_uid), "(BODY[])")
    body = data[0][1]
    now = store_metrics()
    check(len(body) == uids[small_uid][1], f"BODY[] of a small message returned its {len(body)} octets")
    check(now[0] - reads == 1, f"opening it read S3 once ({now[0] - reads:.0f})")
    check(len(body) <= now[1] - octets <= len(body) + 1024,
          f"and about its size: {now[1] - octets:.0f} octets for {len(body)}")
    reads, octets = now
    typ, data = laptop.uid("FETCH", str(big_uid), "(BODY.PEEK[2])")
    part = data[0][1]
    now = store_metrics()
    big_size = uids[big_uid][1]
    check(b"Agenda line 0" in part, f"BODY[2] of a 1 MB multipart is its agenda part ({len(part)} octets)")
    check(len(part) <= now[1] - octets <= len(part) + 1024 and now[1] - octets < big_size / 50,
          f"BODY[2] read {now[1] - octets:.0f} octets from S3, the part's size, not the "
          f"message's {big_size}")
    print(f"  figure: BODY[2] ({len(part)} octets) of a {big_size}-octet message read "
          f"{now[1] - octets:.0f} octets in {now[0] - reads:.0f} S3 GET(s)")
    reads, octets = now
    typ, data = laptop.uid("FETCH", str(big_uid), "(BODY.PEEK[3])")
    now = store_metrics()
    check(len(data[0][1]) <= now[1] - octets < big_size,
          f"BODY[3] (the attachment, {len(data[0][1])} octets) read {now[1] - octets:.0f} octets")

    # Unread state: mark some seen; STATUS and SEARCH UNSEEN agree, also for the other client.
    marked = sorted(uids)[100:400]
    typ, _ = laptop.uid("STORE", f"{marked[0]}:{marked[-1]}", "+FLAGS.SILENT", "(\\Seen)")
    check(typ == "OK", f"UID STORE +FLAGS.SILENT (\\Seen) on {len(marked)} messages")
    seen = set(marked) | {small_uid}
    typ, data = laptop.uid("SEARCH", None, "UNSEEN")
    unseen = {int(x) for x in data[0].split()}
    check(unseen == set(uids) - seen, f"UID SEARCH UNSEEN: {len(unseen)} = {SEED_MESSAGES} - {len(seen)} seen")
    typ, data = phone.status("INBOX", "(MESSAGES UNSEEN)")
    check(f"MESSAGES {SEED_MESSAGES} UNSEEN {SEED_MESSAGES - len(seen)}" in data[0].decode(),
          f"the phone's STATUS: {data[0]!r}")

    # A second client sees flag changes (after NOOP), a new folder and a move.
    typ, data = phone.select("INBOX")
    typ, _ = laptop.uid("STORE", str(big_uid), "+FLAGS", "(\\Flagged)")
    changed = []

    def phone_told():
        phone.noop()
        changed.extend(phone.untagged_responses.pop("FETCH", []))
        return any(b"\\Flagged" in c for c in changed)

    wait_until(phone_told, 5, "the phone told of the laptop's \\Flagged after NOOP", every=0.2)
    check(True, f"the phone saw the flag change: {[c for c in changed if b'Flagged' in c][0]!r}")
    typ, data = phone.uid("SEARCH", None, "UNSEEN")
    check({int(x) for x in data[0].split()} == set(uids) - seen, "the phone's UNSEEN matches the laptop's")
    folder = f"Seed/{secrets.token_hex(3)}"
    check(laptop.create(folder)[0] == "OK", f"the laptop created {folder}")
    typ, listing = phone.list('""', "Seed/*")
    check(any(folder.encode() in line for line in listing if line), f"the phone lists {folder}")
    typ, data = laptop._simple_command("UID", "MOVE", str(big_uid), folder)
    check(typ == "OK", f"the laptop moved UID {big_uid} to {folder}")
    expunged = []

    def phone_expunged():
        phone.noop()
        expunged.extend(phone.untagged_responses.pop("EXPUNGE", []))
        return bool(expunged)

    wait_until(phone_expunged, 5, "the phone told of the move (EXPUNGE) after NOOP", every=0.2)
    typ, data = phone.status(folder, "(MESSAGES)")
    check(b"MESSAGES 1)" in data[0], f"the phone sees it in {folder}: {data[0]!r}")
    typ, data = phone.uid("SEARCH", None, "ALL")
    check(len(data[0].split()) == SEED_MESSAGES - 1 and str(big_uid).encode() not in data[0].split(),
          f"the phone's INBOX has {len(data[0].split())} messages, without the moved one")
    laptop.logout()
    phone.logout()
    status, _ = http("DELETE", f"{STORE_HTTP}/admin/v1/accounts/{user}")
    check(status in (200, 204), f"the seed account removed again (HTTP {status}), its 23 MB with it")


# ------------------------------------------------------------------ logins: the store's auth cache

def store_counter(name):
    """The sum of one of the store's counters on its /q/metrics."""
    with urllib.request.urlopen(f"{STORE_HTTP}/q/metrics", timeout=10) as response:
        return sum(float(line.rsplit(" ", 1)[1])
                   for line in response.read().decode().splitlines()
                   if line.startswith(name + "{") or line.startswith(name + " "))


def imap_login_reply(port, user, password):
    conn = Connection(port)
    check((conn.line() or "").startswith("* OK"), f"IMAP greeting on {port}")
    _, done = imap_command(conn, "l", f"LOGIN {user} {password}")
    imap_command(conn, "z", "LOGOUT")
    conn.close()
    return done


def step_password_change():
    """Logins through both gateways are remembered by the store (no second bcrypt); a password
    change ends them at the very next attempt on every gateway, and the new password works."""
    user, password = fresh_account("cache")
    imap_port = IMAP_GATEWAY.port(IMAP_GATEWAY.port_variable)
    pop3_port = POP3_GATEWAY.port(POP3_GATEWAY.port_variable)
    check(imap_login_reply(imap_port, user, password).startswith("l OK"), "IMAP login")
    hits, bcrypts = store_counter("mailroom_auth_cache_hits_total"), \
        store_counter("mailroom_auth_bcrypt_total")
    check(imap_login_reply(imap_port, user, password).startswith("l OK"), "IMAP login again")
    conn, reply = pop3_login(pop3_port, user, password)
    check(reply.startswith("+OK"), f"POP3 login: {reply!r}")
    pop3_quit(conn)
    check(store_counter("mailroom_auth_cache_hits_total") - hits == 2
          and store_counter("mailroom_auth_bcrypt_total") == bcrypts,
          "the second IMAP and the POP3 login were answered from the store's cache, no bcrypt")
    new_password = secrets.token_urlsafe(12)
    status, body = http("PUT", f"{STORE_HTTP}/admin/v1/accounts/{user}/password",
                        json.dumps({"password": new_password}).encode(),
                        {"Content-Type": "application/json"})
    check(status == 204, f"password changed (HTTP {status})")
    changed = time.monotonic()
    reply = imap_login_reply(imap_port, user, password)
    imap_refused = time.monotonic() - changed
    check(reply.startswith("l NO"), f"IMAP: the old password refused at once: {reply!r}")
    conn, reply = pop3_login(pop3_port, user, password)
    conn.close()
    check(reply.startswith("-ERR"), f"POP3: the old password refused at once: {reply!r}")
    check(imap_login_reply(imap_port, user, new_password).startswith("l OK"),
          "IMAP: the new password works")
    conn, reply = pop3_login(pop3_port, user, new_password)
    check(reply.startswith("+OK"), f"POP3: the new password works: {reply!r}")
    pop3_quit(conn)
    print(f"  figure: the first login after the change refused in {imap_refused * 1000:.0f} ms "
          "(the gateway's failed-login delay included)")


STEPS = {
    "scripts": step_scripts,
    "pop3_lock": step_pop3_lock,
    "imap_push": step_imap_push,
    "quota": step_quota,
    "pop3_octets_without_crlf": step_pop3_octets_without_crlf,
    "seed_deliver": step_seed_deliver,
    "seed_promise": step_seed_promise,
    "password_change": step_password_change,
}

if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0] not in STEPS or len(args) > (3 if args[0] == "scripts" else 2):
        print("usage: protocol.py scripts imap|pop3 [DIR] | pop3_lock | imap_push | quota "
              "| pop3_octets_without_crlf | seed_deliver [k/n] | seed_promise "
              "| password_change", file=sys.stderr)
        sys.exit(2)
    try:
        STEPS[args[0]](*args[1:])
    except Exception as failure:  # Failed, OSError, imaplib's errors: one clear line each
        print(f"  FAILED: {failure!r}")
        sys.exit(1)
