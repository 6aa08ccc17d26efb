#!/usr/bin/env python3
"""Protocol scripts, POP3 maildrop lock across replicas and the IMAP seed's promise, against the
REAL store of the running suite (issues 4 and 5).

  protocol.py scripts imap|pop3     play e2e/scripts/<proto>/*.txt, each with a fresh account
  protocol.py pop3_lock             maildrop lock across two pop3-gateway replicas (+ kill -9)
  protocol.py seed_promise          2,000 messages: listing reads no body, parts read alone, ...

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
${USER} and ${PASSWORD} are the fresh account; ${size:NAME} the size of a delivered fixture
(CRLF lines); a regex's named groups (?P<name>...) become ${name} for the lines after it. In S
lines substituted values are escaped. For POP3 the runner checks, besides the lines, that the
octets of each RETR equal its LIST size and the RETR's "+OK n octets", and STAT's total.
"""

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
ADMIN_TOKEN = (HOME / "secrets" / "admin-token").read_text().strip() if (
    HOME / "secrets" / "admin-token").exists() else os.environ.get("MAILROOM_ADMIN_TOKEN", "")
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
            return
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
            check(number in self.listed, f"RETR {number} has a LIST size")
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
        self.vars.update(USER=user, PASSWORD=password)
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
                checked = self.octets.verify()
                print(f"  ok: {self.path.name}: octets of {checked} RETR checked against LIST/STAT")
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


def step_scripts(protocol):
    port = IMAP_PORT if protocol == "imap" else POP3_PORT
    files = sorted((SCRIPTS / protocol).glob("*.txt"))
    check(files, f"{len(files)} {protocol} scripts in {SCRIPTS / protocol}")
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
