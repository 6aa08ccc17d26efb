#!/usr/bin/env python3
"""The product's story, end to end, against the running suite, with real clients.

Each step is a function; `story.py STEP` runs one and exits non-zero when what a
client saw differs from what a user is promised. State shared between steps
(the account, what was delivered) lives in .mailroom/e2e/state.json so steps can
run as separate processes, in order, from e2e/run.
"""

import email
import imaplib
import json
import os
import poplib
import re
import secrets
import shutil
import smtplib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(os.environ.get("MAILROOM_ROOT", Path(__file__).resolve().parent.parent))
HOME = Path(os.environ.get("MAILROOM_HOME", ROOT / ".mailroom"))
WORK = HOME / "e2e"
STATE = WORK / "state.json"
HOST = "127.0.0.1"
IMAP_PORT = int(os.environ.get("MAILROOM_IMAP_PORT", "1143"))
POP3_PORT = int(os.environ.get("MAILROOM_POP3_PORT", "1110"))
LMTP_PORT = int(os.environ.get("MAILROOM_LMTP_PORT", "2424"))
STORE_HTTP = f"http://{HOST}:{os.environ.get('MAILROOM_STORE_HTTP_PORT', '8080')}"
FILTER_HTTP = f"http://{HOST}:{os.environ.get('MAILROOM_FILTER_HTTP_PORT', '8083')}"
ADMIN_TOKEN = os.environ.get("MAILROOM_ADMIN_TOKEN") or (
    HOME / "secrets" / "admin-token"
).read_text().strip()


class StepFailed(AssertionError):
    pass


def check(condition, what):
    if not condition:
        raise StepFailed(what)
    print(f"  ok: {what}")


def load_state():
    return json.loads(STATE.read_text()) if STATE.exists() else {}


def save_state(state):
    WORK.mkdir(parents=True, exist_ok=True)
    STATE.write_text(json.dumps(state, indent=2))


def http(method, url, body=None, headers=None, token=ADMIN_TOKEN):
    request = urllib.request.Request(url, data=body, method=method)
    request.add_header("Authorization", f"Bearer {token}")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def account():
    state = load_state()
    return state["user"], state["password"]


def imap_login():
    user, password = account()
    client = imaplib.IMAP4(HOST, IMAP_PORT)
    client.login(user, password)
    return client


def message(subject, body="Hello from the end-to-end story.\r\n", sender="alice@example.org"):
    user, _ = account()
    return (
        f"From: Alice <{sender}>\r\n"
        f"To: {user}@mailroom.test\r\n"
        f"Subject: {subject}\r\n"
        f"Date: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
        f"Message-ID: <{secrets.token_hex(8)}@example.org>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "\r\n"
        f"{body}"
    ).encode()


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise StepFailed(f"timed out after {timeout}s waiting for: {what}")


def inbox_subjects(client, mailbox="INBOX"):
    typ, _ = client.select(mailbox)
    check(typ == "OK", f"SELECT {mailbox} answered OK")
    typ, data = client.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    subjects = []
    for item in data:
        if isinstance(item, tuple):
            parsed = email.message_from_bytes(item[1])
            subjects.append(str(parsed["Subject"]))
    return subjects


def s3_gets():
    """The store's counter of S3 GETs (bodies read), from its Prometheus metrics."""
    with urllib.request.urlopen(f"{STORE_HTTP}/q/metrics", timeout=10) as response:
        text = response.read().decode()
    total = 0.0
    for line in text.splitlines():
        if line.startswith("mailroom_blob_reads_total"):
            total += float(line.rsplit(" ", 1)[1])
    return total


# ---------------------------------------------------------------- steps


def step_account():
    """An account for this run, made through the admin REST API."""
    user = f"e2e{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(12)
    status, body = http(
        "POST",
        f"{STORE_HTTP}/admin/v1/accounts",
        json.dumps({"username": user, "password": password}).encode(),
        {"Content-Type": "application/json"},
    )
    check(status == 201, f"POST /admin/v1/accounts created {user} (HTTP {status} {body[:200]!r})")
    save_state({"user": user, "password": password})


def step_lmtp():
    """1. Mail arrives over LMTP (Python smtplib.LMTP and swaks) for one account."""
    user, _ = account()
    with smtplib.LMTP(HOST, LMTP_PORT) as lmtp:
        code, _ = lmtp.ehlo_or_helo_if_needed() or (250, b"")
        for i in range(1, 4):
            refused = lmtp.sendmail(
                "alice@example.org", [f"{user}@mailroom.test"], message(f"story {i}")
            )
            check(refused == {}, f"LMTP accepted 'story {i}' for {user}")
        try:
            lmtp.sendmail("alice@example.org", ["nobody-here@mailroom.test"], message("x"))
            raise StepFailed("an unknown recipient was accepted")
        except smtplib.SMTPRecipientsRefused as refused:
            code = list(refused.recipients.values())[0][0]
            check(code == 550, f"unknown recipient refused at RCPT with 550 (got {code})")
    if shutil.which("swaks"):
        out = subprocess.run(
            ["swaks", "--protocol", "LMTP", "--server", f"{HOST}:{LMTP_PORT}",
             "--from", "bob@example.org", "--to", f"{user}@mailroom.test",
             "--header", "Subject: story swaks", "--body", "Sent by swaks."],
            capture_output=True, text=True, timeout=60,
        )
        check(out.returncode == 0 and "250" in out.stdout, "swaks delivered over LMTP (250)")
    client = imap_login()
    subjects = inbox_subjects(client)
    client.logout()
    check(
        {"story 1", "story 2", "story 3"} <= set(subjects),
        f"IMAP INBOX shows the delivered mail: {subjects}",
    )


def fetchmail(mode, mda_dir):
    user, password = account()
    rc = WORK / "fetchmailrc"
    rc.write_text(
        "set no syslog\n"
        f"poll {HOST} service {POP3_PORT} protocol POP3 uidl no dns\n"
        f'  user "{user}" password "{password}" is root here\n'
        f"  sslproto '' {mode}\n"
        f"  mda \"/bin/sh -c 'cat > {mda_dir}/msg.$$'\"\n"
    )
    rc.chmod(0o600)
    mda_dir.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(
        ["fetchmail", "-f", str(rc), "--idfile", str(WORK / "fetchids"), "--nosyslog", "-v"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "FETCHMAILHOME": str(WORK)},
    )
    # 0 = mail retrieved, 1 = no mail: both fine.
    if out.returncode not in (0, 1):
        raise StepFailed(f"fetchmail exited {out.returncode}: {out.stdout[-1500:]} {out.stderr[-1500:]}")
    return out


def step_pop3_keep():
    """2a. POP3 'one computer': fetchmail keep downloads all; a second run nothing new (UIDL)."""
    box = WORK / "fetchmail-keep"
    shutil.rmtree(box, ignore_errors=True)
    (WORK / "fetchids").unlink(missing_ok=True)
    fetchmail("keep", box)
    first = sorted(box.iterdir())
    check(len(first) >= 3, f"first fetchmail run downloaded {len(first)} messages")
    fetchmail("keep", box)
    second = sorted(box.iterdir())
    check(len(second) == len(first), f"second run downloaded nothing new ({len(second) - len(first)})")
    user, password = account()
    pop = poplib.POP3(HOST, POP3_PORT)
    pop.user(user)
    pop.pass_(password)
    count, _ = pop.stat()
    pop.quit()
    check(count == len(first), f"keep left all {count} messages on the server")
    save_state({**load_state(), "pop3_count": count})


def step_pop3_flush():
    """2b. fetchmail flush deletes on the server; the messages are gone for IMAP too."""
    box = WORK / "fetchmail-flush"
    shutil.rmtree(box, ignore_errors=True)
    (WORK / "fetchids").unlink(missing_ok=True)
    fetchmail("nokeep", box)
    check(len(list(box.iterdir())) >= 3, "flush run downloaded the messages")
    user, password = account()
    pop = poplib.POP3(HOST, POP3_PORT)
    pop.user(user)
    pop.pass_(password)
    count, _ = pop.stat()
    pop.quit()
    check(count == 0, f"POP3 maildrop is empty after flush ({count})")
    client = imap_login()
    typ, data = client.select("INBOX")
    client.logout()
    check(int(data[0]) == 0, f"IMAP INBOX is empty too (EXISTS {data[0]!r})")


def step_imap_two_clients():
    """3. IMAP 'many computers': shared unread state, folders and moves; no body reads to list."""
    user, _ = account()
    for i in range(1, 4):
        status, _ = http(
            "POST", f"{STORE_HTTP}/admin/v1/accounts/{user}/messages", message(f"imap {i}"),
            {"Content-Type": "message/rfc822"},
        )
        check(status == 201, f"delivered 'imap {i}' through the admin API")
    laptop, phone = imap_login(), imap_login()
    before = s3_gets()
    laptop.select("INBOX")
    typ, data = laptop.fetch("1:*", "(FLAGS ENVELOPE BODYSTRUCTURE RFC822.SIZE)")
    check(typ == "OK" and len(data) >= 3, f"listing fetched {len(data)} envelopes")
    check(s3_gets() == before, "listing the mailbox read no message body from S3")
    typ, data = laptop.fetch("1", "(BODY[])")
    check(s3_gets() > before, "opening one message read its body")
    phone.select("INBOX")
    typ, data = phone.search(None, "UNSEEN")
    check(b"1" not in data[0].split(), f"the phone sees message 1 as read (UNSEEN {data[0]!r})")
    laptop.create("Projects")
    typ, listing = phone.list()
    check(any(b'"Projects"' in line or line.endswith(b" Projects") for line in listing),
          "a folder the laptop created appears for the phone")
    typ, _ = laptop.uid("MOVE", laptop.uid("SEARCH", None, "ALL")[1][0].split()[0], "Projects")
    check(typ == "OK", "the laptop moved a message to Projects")
    typ, data = phone.select("Projects")
    check(int(data[0]) == 1, "the phone sees it in Projects")
    laptop.logout()
    phone.logout()


def step_imap_idle():
    """3b. An IDLE client is told of new mail within 1 s."""
    user, _ = account()
    client = imap_login()
    client.select("INBOX")
    tag = client._new_tag().decode()
    client.send(f"{tag} IDLE\r\n".encode())
    check(client.readline().startswith(b"+"), "IDLE accepted")
    started = time.monotonic()
    http("POST", f"{STORE_HTTP}/admin/v1/accounts/{user}/messages", message("idle ping"),
         {"Content-Type": "message/rfc822"})
    client.sock.settimeout(5)
    line = client.readline()
    elapsed = time.monotonic() - started
    client.send(b"DONE\r\n")
    check(re.match(rb"\* \d+ EXISTS", line) is not None, f"IDLE pushed {line!r}")
    check(elapsed < 1.0, f"pushed within 1 s ({elapsed:.3f} s)")
    print(f"  figure: idle push latency {elapsed * 1000:.0f} ms")
    client.logout()


def step_cleanup_over_imap():
    """5. STORE \\Deleted + EXPUNGE and MOVE to Trash over IMAP; POP3 no longer lists them."""
    client = imap_login()
    client.select("INBOX")
    typ, data = client.search(None, "ALL")
    numbers = data[0].split()
    check(len(numbers) >= 2, f"INBOX has {len(numbers)} messages to clean up")
    client.store(numbers[0], "+FLAGS", "(\\Deleted)")
    client.expunge()
    typ, _ = client._simple_command("MOVE", "1", "Trash")
    check(typ == "OK", "MOVE 1 Trash answered OK")
    typ, data = client.status("Trash", "(MESSAGES)")
    check("MESSAGES 1)" in data[0].decode(), f"Trash holds the moved message: {data[0]!r}")
    typ, data = client.select("INBOX")
    left = int(data[0])
    client.logout()
    user, password = account()
    pop = poplib.POP3(HOST, POP3_PORT)
    pop.user(user)
    pop.pass_(password)
    count, _ = pop.stat()
    pop.quit()
    check(count == left, f"POP3 lists the {left} left in INBOX ({count})")



def mbsync(local):
    """Two-way sync of every folder with mbsync (isync); returns the S3 reads it caused."""
    user, password = account()
    local.mkdir(parents=True, exist_ok=True)
    config = WORK / "mbsyncrc"
    config.write_text(
        "IMAPAccount story\n"
        f"Host {HOST}\nPort {IMAP_PORT}\nUser {user}\nPass {password}\n"
        "SSLType None\nAuthMechs LOGIN\n\n"
        "IMAPStore story-remote\nAccount story\n\n"
        f"MaildirStore story-local\nPath {local}/\nInbox {local}/INBOX\nSubFolders Verbatim\n\n"
        "Channel story\nFar :story-remote:\nNear :story-local:\nPatterns *\n"
        "Create Both\nExpunge Both\nSyncState *\n"
    )
    before = s3_gets()
    out = subprocess.run(["mbsync", "-c", str(config), "-a"], capture_output=True, text=True,
                         timeout=180)
    if out.returncode != 0:
        raise StepFailed(f"mbsync exited {out.returncode}: {out.stdout[-1500:]} {out.stderr[-1500:]}")
    return s3_gets() - before


def maildir_files(local):
    return sorted(str(p.relative_to(local)) for p in local.rglob("*")
                  if p.is_file() and p.parent.name in ("cur", "new"))


def step_mbsync():
    """3c. mbsync syncs every folder both ways; a second run transfers nothing."""
    local = WORK / "mbsync"
    shutil.rmtree(local, ignore_errors=True)
    reads = mbsync(local)
    files = maildir_files(local)
    check(len(files) >= 1, f"first mbsync run downloaded {len(files)} messages ({reads:.0f} body reads)")
    check(any(f.startswith("Projects/") for f in files), "the Projects folder was synced")
    reads = mbsync(local)
    check(reads == 0, f"second mbsync run read no message body ({reads:.0f})")
    check(maildir_files(local) == files, "second mbsync run changed nothing locally")
    save_state({**load_state(), "mbsync_files": files})


def step_curl():
    """3d. curl reads a message over imap:// and pop3://."""
    user, password = account()
    out = subprocess.run(["curl", "-sS", "-m", "30", "-u", f"{user}:{password}",
                          f"imap://{HOST}:{IMAP_PORT}/INBOX;UID=1:*", "-X", "UID SEARCH ALL"],
                         capture_output=True, text=True)
    check(out.returncode == 0 and "SEARCH" in out.stdout, f"curl imap:// UID SEARCH: {out.stdout.strip()!r}")
    uid = out.stdout.split()[-1]
    out = subprocess.run(["curl", "-sS", "-m", "30", "-u", f"{user}:{password}",
                          f"imap://{HOST}:{IMAP_PORT}/INBOX;UID={uid}"], capture_output=True, text=True)
    check(out.returncode == 0 and "Subject:" in out.stdout, "curl imap:// fetched a whole message")
    out = subprocess.run(["curl", "-sS", "-m", "30", "-u", f"{user}:{password}",
                          f"pop3://{HOST}:{POP3_PORT}/"], capture_output=True, text=True)
    check(out.returncode == 0 and re.search(r"^1 \d+", out.stdout, re.M), f"curl pop3:// LIST: {out.stdout.strip()!r}")


def filters(path, method="GET", body=None, content_type=None):
    user, password = account()
    headers = {"Content-Type": content_type} if content_type else {}
    return http(method, f"{FILTER_HTTP}/filters/v1/accounts/{user}/scripts{path}", body, headers)


def step_filters_incoming():
    """4a. A Sieve script (REST) files incoming mail into a folder on the server."""
    user, _ = account()
    script = b'require ["fileinto", "mailbox"];\nif header :contains "subject" "invoice" {\n  fileinto :create "Invoices";\n}\n'
    status, body = filters("/invoices", "PUT", script, "application/sieve")
    check(status in (200, 201, 204), f"PUT script answered {status} {body[:200]!r}")
    status, body = filters("/invoices/activate?direction=incoming", "POST")
    check(status in (200, 204), f"activate answered {status} {body[:200]!r}")
    latencies = []
    client = imap_login()
    typ, data = client.status("Invoices", "(MESSAGES)")
    already = int(re.search(r"MESSAGES (\d+)", data[0].decode()).group(1)) if typ == "OK" else 0
    for i in range(10):
        started = time.monotonic()
        with smtplib.LMTP(HOST, LMTP_PORT) as lmtp:
            lmtp.sendmail("billing@example.org", [f"{user}@mailroom.test"],
                          message(f"Your invoice {i}"))

        def filed():
            typ, data = client.status("Invoices", "(MESSAGES)")
            return typ == "OK" and f"MESSAGES {already + i + 1})" in data[0].decode()

        wait_until(filed, 10, f"invoice {i} filed into Invoices")
        latencies.append(time.monotonic() - started)
    with smtplib.LMTP(HOST, LMTP_PORT) as lmtp:
        lmtp.sendmail("friend@example.org", [f"{user}@mailroom.test"], message("lunch?"))
    subjects = inbox_subjects(client)
    check(not any("invoice" in s for s in subjects), "no invoice left in INBOX")
    check("lunch?" in subjects, "a non-matching message stays in INBOX")
    client.logout()
    latencies.sort()
    print(f"  figure: delivered -> filed, n=10: median {latencies[4] * 1000:.0f} ms, "
          f"max {latencies[-1] * 1000:.0f} ms")


def step_filters_outgoing():
    """4b. A message appended to Sent is filed by the outgoing script."""
    script = b'require ["fileinto", "mailbox"];\nif header :contains "subject" "Project X" {\n  fileinto :create "Projects/X";\n}\n'
    status, body = filters("/outgoing", "PUT", script, "application/sieve")
    check(status in (200, 201, 204), f"PUT outgoing script answered {status}")
    status, body = filters("/outgoing/activate?direction=outgoing", "POST")
    check(status in (200, 204), f"activate outgoing answered {status}")
    client = imap_login()
    typ, _ = client.append("Sent", "(\\Seen)", None, message("Project X status", sender="me@example.org"))
    check(typ == "OK", "APPEND to Sent answered OK")

    def filed():
        typ, data = client.status("Projects/X", "(MESSAGES)")
        return typ == "OK" and "MESSAGES 1)" in data[0].decode()

    wait_until(filed, 10, "the sent message filed into Projects/X")
    check(True, "outgoing mail filed into Projects/X, seen by another client")
    client.logout()


def step_restart_no_redownload():
    """6. After bin/mailroom down && up, mbsync and fetchmail transfer nothing."""
    box = WORK / "fetchmail-keep"
    shutil.rmtree(box, ignore_errors=True)
    (WORK / "fetchids").unlink(missing_ok=True)
    fetchmail("keep", box)
    before_restart = len(list(box.iterdir()))
    out = subprocess.run([str(ROOT / "bin" / "mailroom"), "down"], capture_output=True, text=True)
    check(out.returncode == 0, "bin/mailroom down")
    busy = []
    ports = [int(os.environ.get(name, default)) for name, default in (
        ("MAILROOM_STORE_HTTP_PORT", 8080), ("MAILROOM_IMAP_HTTP_PORT", 8081),
        ("MAILROOM_POP3_HTTP_PORT", 8082), ("MAILROOM_FILTER_HTTP_PORT", 8083),
        ("MAILROOM_STORE_GRPC_PORT", 9090), ("MAILROOM_LMTP_PORT", 2424),
        ("MAILROOM_IMAP_PORT", 1143), ("MAILROOM_IMAPS_PORT", 1993),
        ("MAILROOM_POP3_PORT", 1110), ("MAILROOM_POP3S_PORT", 1995),
        ("MAILROOM_MANAGESIEVE_PORT", 4190), ("MAILROOM_KAFKA_PORT", 9092),
        ("MAILROOM_S3_PORT", 9000))]
    for port in ports:
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                busy.append(port)
    check(not busy, f"down freed every port (still open: {busy})")
    started = time.monotonic()
    out = subprocess.run([str(ROOT / "bin" / "mailroom"), "up"], capture_output=True, text=True,
                         timeout=600)
    check(out.returncode == 0, f"bin/mailroom up again: {out.stdout[-300:]} {out.stderr[-500:]}")
    print(f"  figure: warm bin/mailroom up took {time.monotonic() - started:.1f} s")
    local = WORK / "mbsync"
    files = maildir_files(local)
    reads = mbsync(local)
    check(reads == 0 and maildir_files(local) == files,
          f"mbsync after restart transferred nothing (body reads {reads:.0f})")
    fetchmail("keep", box)
    check(len(list(box.iterdir())) == before_restart,
          f"fetchmail after restart downloads nothing new (UIDL); {before_restart} kept")


STEPS = {name[5:]: fn for name, fn in globals().items() if name.startswith("step_")}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in STEPS:
        print(f"usage: story.py {'|'.join(STEPS)}", file=sys.stderr)
        sys.exit(2)
    try:
        STEPS[sys.argv[1]]()
    except (StepFailed, AssertionError, OSError, imaplib.IMAP4.error, poplib.error_proto,
            smtplib.SMTPException) as failure:
        print(f"  FAILED: {failure!r}")
        sys.exit(1)
