#!/usr/bin/env python3
"""The product's story, end to end, against the running suite, with real clients.

Each step is a function; `story.py STEP` runs one and exits non-zero when what a
client saw differs from what a user is promised. State shared between steps
(the account, what was delivered) lives in .mailroom/e2e/state.json so steps can
run as separate processes, in order, from e2e/run.

Every check compares what a client saw (subjects, UID sets, maildir file flags,
POP3 UIDL lists, untagged EXPUNGE responses) with what the promise says it must
be, so a broken promise fails the step rather than passing on an exit code.
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
# The maildir of the "desk" computer: mbsync as the second IMAP client in steps 3 and 4.
DESK = WORK / "mbsync-desk"


class StepFailed(AssertionError):
    pass


def require(condition, what):
    """A precondition of a check (a command answered OK, a response parses): fails, prints nothing."""
    if not condition:
        raise StepFailed(what)


def check(condition, what):
    if not condition:
        raise StepFailed(what)
    print(f"  ok: {what}")


def load_state():
    return json.loads(STATE.read_text()) if STATE.exists() else {}


def save_state(state):
    WORK.mkdir(parents=True, exist_ok=True)
    STATE.write_text(json.dumps(state, indent=2))


def update_state(**values):
    save_state({**load_state(), **values})


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
    client = imaplib.IMAP4(HOST, IMAP_PORT, timeout=30)
    client.login(user, password)
    return client


def pop3_login():
    user, password = account()
    pop = poplib.POP3(HOST, POP3_PORT, timeout=30)
    pop.user(user)
    pop.pass_(password)
    return pop


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


def deliver_rest(subject):
    user, _ = account()
    status, body = http(
        "POST", f"{STORE_HTTP}/admin/v1/accounts/{user}/messages", message(subject),
        {"Content-Type": "message/rfc822"},
    )
    check(status == 201, f"delivered '{subject}' through the admin API (HTTP {status})")


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise StepFailed(f"timed out after {timeout}s waiting for: {what}")


def subject_of(raw):
    return str(email.message_from_bytes(raw)["Subject"])


def uid_subjects(client, mailbox="INBOX"):
    """{UID: Subject} of every message in mailbox, read with BODY.PEEK (sets no flag)."""
    typ, data = client.select(mailbox)
    require(typ == "OK", f"SELECT {mailbox} answered OK: {data!r}")
    if int(data[0]) == 0:
        return {}
    typ, data = client.uid("FETCH", "1:*", "(UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    require(typ == "OK", f"UID FETCH in {mailbox} answered OK: {data!r}")
    found = {}
    for item in data:
        if isinstance(item, tuple):
            uid = re.search(rb"UID (\d+)", item[0])
            require(uid is not None, f"a FETCH response in {mailbox} names its UID: {item[0]!r}")
            found[int(uid.group(1))] = subject_of(item[1])
    return found


def inbox_subjects(client, mailbox="INBOX"):
    return sorted(uid_subjects(client, mailbox).values())


def uid_search(client, *criteria):
    typ, data = client.uid("SEARCH", *criteria)
    require(typ == "OK", f"UID SEARCH {' '.join(criteria)} answered OK: {data!r}")
    return {int(n) for n in (data[0] or b"").split()}


def mailbox_names(client):
    """Selectable mailbox names from LIST "" "*"."""
    typ, listing = client.list()
    require(typ == "OK", f"LIST answered OK: {listing!r}")
    names = []
    for line in listing:
        if not line:
            continue
        parsed = re.match(rb'\((?P<flags>[^)]*)\) (?:"(?:[^"\\]|\\.)*"|NIL) (?P<name>.+)$', line)
        require(parsed is not None, f"LIST line parses: {line!r}")
        if b"\\noselect" in parsed.group("flags").lower():
            continue
        name = parsed.group("name").decode()
        names.append(name[1:-1] if name.startswith('"') else name)
    return names


def uidvalidities(client):
    values = {}
    for name in mailbox_names(client):
        typ, data = client.status(f'"{name}"', "(UIDVALIDITY)")
        require(typ == "OK", f"STATUS {name} UIDVALIDITY answered OK: {data!r}")
        values[name] = int(re.search(rb"UIDVALIDITY (\d+)", data[0]).group(1))
    return values


def pop3_listing():
    """[(UIDL, Subject)] of the POP3 maildrop, in message-number order (TOP n 0: headers)."""
    pop = pop3_login()
    try:
        _, lines, _ = pop.uidl()
        listing = []
        for line in lines:
            number, uidl = line.decode().split()
            _, header, _ = pop.top(int(number), 0)
            listing.append((uidl, subject_of(b"\r\n".join(header))))
        return listing
    finally:
        pop.quit()


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
    if not shutil.which("swaks"):
        raise StepFailed("swaks is not installed (bin/mailroom test installs it: apt-get install swaks)")
    swaks_subject = f"story swaks {secrets.token_hex(4)}"
    out = subprocess.run(
        ["swaks", "--protocol", "LMTP", "--server", f"{HOST}:{LMTP_PORT}",
         "--from", "bob@example.org", "--to", f"{user}@mailroom.test",
         "--header", f"Subject: {swaks_subject}", "--body", "Sent by swaks."],
        capture_output=True, text=True, timeout=60,
    )
    # swaks traces what it sent as " -> ..." and the server's replies as "<-  ..." ("<** ..."
    # for errors); LMTP answers the DATA dot once per recipient, here one.
    trace = out.stdout.splitlines()
    after_dot = trace[trace.index(" -> .") + 1][4:] if " -> ." in trace[:-1] else ""
    check(out.returncode == 0 and after_dot.startswith("250 "),
          f"swaks delivered over LMTP: exit {out.returncode}, reply to the dot {after_dot!r}"
          f"{'' if out.returncode == 0 else out.stdout[-800:] + out.stderr[-400:]}")
    client = imap_login()
    inbox = uid_subjects(client)
    check(sorted(inbox.values()) == sorted(["story 1", "story 2", "story 3", swaks_subject]),
          f"IMAP INBOX shows exactly the LMTP-delivered mail, swaks' too: {sorted(inbox.values())}")
    swaks_uid = next(uid for uid, subject in inbox.items() if subject == swaks_subject)
    typ, data = client.uid("FETCH", str(swaks_uid), "(BODY.PEEK[TEXT])")
    check(typ == "OK" and b"Sent by swaks." in data[0][1],
          f"the swaks message's body reads back over IMAP: {data[0][1][:80]!r}")
    client.logout()
    update_state(delivered=sorted(inbox.values()), swaks_subject=swaks_subject)


def fetchmail(mode, mda_dir):
    """One fetchmail run over POP3 with UIDL; mode is the rcfile's disposal keywords."""
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


def downloaded(box):
    """Subjects of what fetchmail's MDA wrote into box."""
    return sorted(subject_of(p.read_bytes()) for p in box.iterdir()) if box.exists() else []


def step_pop3_keep():
    """2a. POP3 'one computer': fetchmail keep downloads all; a second run nothing new (UIDL)."""
    delivered = load_state()["delivered"]
    box = WORK / "fetchmail-keep"
    shutil.rmtree(box, ignore_errors=True)
    (WORK / "fetchids").unlink(missing_ok=True)
    first_run = fetchmail("keep", box)
    first = downloaded(box)
    check(first_run.returncode == 0 and first == delivered,
          f"first fetchmail run downloaded exactly what was delivered: {first}")
    files = sorted(p.name for p in box.iterdir())
    second_run = fetchmail("keep", box)
    check(second_run.returncode == 1,
          f"second run: fetchmail reports no new mail (exit {second_run.returncode})")
    check(sorted(p.name for p in box.iterdir()) == files,
          f"second run downloaded nothing new ({len(list(box.iterdir())) - len(files)})")
    listing = pop3_listing()
    check(sorted(subject for _, subject in listing) == delivered,
          f"keep left all {len(listing)} messages on the server (POP3 UIDL + TOP)")
    update_state(pop3_kept=listing)


def flushed_uidls(out):
    """UIDLs fetchmail -v says it flushed and the server confirmed deleted, from its POP3 trace."""
    text = out.stdout + out.stderr
    uidls = dict(re.findall(r"^fetchmail: POP3< (\d+) (\S+)$", text, re.M))
    flushed = re.findall(r"^skipping message \S+:(\d+) flushed$", text, re.M)
    deleted = set(re.findall(r"^fetchmail: POP3< \+OK message (\d+) deleted", text, re.M))
    return sorted(uidls.get(n, f"?{n}") for n in flushed if n in deleted)


def step_pop3_flush():
    """2b. fetchmail flush deletes on the server; the messages are gone for IMAP too.

    fetchmail's `flush` deletes the messages it has already seen (with `uidl`: those whose
    UIDL is in its idfile, i.e. the ones 2a downloaded and kept) from the server before it
    retrieves the new ones; with `keep` the new ones stay until the next flush. So: mail that
    arrives after 2a is downloaded (and kept) while the 2a messages are deleted; a second
    flush run deletes that one too.
    """
    kept = load_state()["pop3_kept"]
    old_subjects = sorted(subject for _, subject in kept)
    user, _ = account()
    with smtplib.LMTP(HOST, LMTP_PORT) as lmtp:
        refused = lmtp.sendmail("alice@example.org", [f"{user}@mailroom.test"], message("story late"))
        check(refused == {}, "LMTP accepted 'story late' after the keep runs")
    box = WORK / "fetchmail-flush"
    shutil.rmtree(box, ignore_errors=True)
    # The idfile of 2a stays: it is what makes those messages "old" for flush.
    out = fetchmail("keep flush", box)
    check(downloaded(box) == ["story late"],
          f"flush run downloaded only the new message: {downloaded(box)}")
    flushed = flushed_uidls(out)
    check(flushed == sorted(uidl for uidl, _ in kept),
          f"fetchmail flushed (DELE, +OK) exactly the {len(kept)} messages 2a kept: {flushed}")
    listing = pop3_listing()
    check([subject for _, subject in listing] == ["story late"],
          f"POP3 lists only the new message after flush: {listing}")
    check(not {uidl for uidl, _ in kept} & {uidl for uidl, _ in listing},
          "none of the flushed UIDLs is listed any more")
    client = imap_login()
    inbox = inbox_subjects(client)
    check(inbox == ["story late"], f"IMAP INBOX: the flushed messages are gone, the new one stays: {inbox}")
    client.logout()
    late = [uidl for uidl, _ in listing]
    out = fetchmail("keep flush", box)
    check(downloaded(box) == ["story late"], "second flush run downloaded nothing")
    check(flushed_uidls(out) == late,
          f"second flush run flushed the message the first one downloaded: {flushed_uidls(out)}")
    listing = pop3_listing()
    check(listing == [], f"POP3 maildrop is empty after flush: {listing}")
    client = imap_login()
    typ, data = client.select("INBOX")
    client.logout()
    check(int(data[0]) == 0, f"IMAP INBOX is empty too (EXISTS {data[0]!r})")
    update_state(flushed=old_subjects + ["story late"])


def mbsync(local):
    """Two-way sync of every folder with mbsync (isync); returns the S3 reads it caused."""
    return mbsync_run(local)[0]


def mbsync_run(local):
    """mbsync as in mbsync(); returns (S3 reads it caused, what it printed)."""
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
    return s3_gets() - before, out.stdout + out.stderr


def maildir_files(local):
    return sorted(str(p.relative_to(local)) for p in local.rglob("*")
                  if p.is_file() and p.parent.name in ("cur", "new"))


def maildir_flags(name):
    """The maildir flags of a file name ("...:2,FS" -> "FS")."""
    return name.rsplit(":2,", 1)[1] if ":2," in name else ""


def maildir(local, folder):
    """{Subject: flags} of an mbsync maildir folder; None when the folder is not there."""
    path = local / folder
    if not (path / "cur").is_dir():
        return None
    found = {}
    for sub in ("cur", "new"):
        for p in (path / sub).iterdir():
            found[subject_of(p.read_bytes())] = maildir_flags(p.name)
    return found


def step_imap_two_clients():
    """3. IMAP 'many computers': imaplib and mbsync on one account share unread state, folders
    and moves; listing reads no body."""
    shutil.rmtree(DESK, ignore_errors=True)
    for i in range(1, 4):
        deliver_rest(f"imap {i}")
    laptop, phone = imap_login(), imap_login()
    inbox = uid_subjects(laptop)
    check(sorted(inbox.values()) == ["imap 1", "imap 2", "imap 3"],
          f"the laptop (imaplib) sees the three delivered messages: {sorted(inbox.values())}")
    uid = {subject: u for u, subject in inbox.items()}
    before = s3_gets()
    typ, data = laptop.fetch("1:*", "(FLAGS ENVELOPE BODYSTRUCTURE RFC822.SIZE)")
    check(typ == "OK" and len(data) == 3, f"listing fetched {len(data)} envelopes")
    check(s3_gets() == before, "listing the mailbox read no message body from S3")
    typ, data = laptop.uid("FETCH", str(uid["imap 1"]), "(BODY[])")
    check(typ == "OK" and subject_of(data[0][1]) == "imap 1", "the laptop opened 'imap 1'")
    check(s3_gets() > before, "opening one message read its body")

    # Unread state is shared: imaplib -> imaplib, imaplib -> mbsync.
    phone.select("INBOX")
    unseen = uid_search(phone, "UNSEEN")
    check(unseen == {uid["imap 2"], uid["imap 3"]},
          f"the phone sees exactly 'imap 2' and 'imap 3' unread (UNSEEN {sorted(unseen)})")
    seen = uid_search(phone, "SEEN")
    check(seen == {uid["imap 1"]}, f"the phone sees 'imap 1' read (SEEN {sorted(seen)})")
    mbsync(DESK)
    desk = maildir(DESK, "INBOX")
    check(desk is not None and sorted(desk) == ["imap 1", "imap 2", "imap 3"],
          f"the desk (mbsync) has the three messages: {desk}")
    check("S" in desk["imap 1"] and "S" not in desk["imap 2"] and "S" not in desk["imap 3"],
          f"the desk's maildir flags show 'imap 1' read, the others unread: {desk}")

    # mbsync -> imaplib: a flag set and a folder made on the desk reach the server.
    [path] = [p for p in (DESK / "INBOX").rglob("*") if p.is_file() and p.parent.name in (
        "cur", "new") and subject_of(p.read_bytes()) == "imap 3"]
    flags = maildir_flags(path.name)
    base = path.name.rsplit(":2,", 1)[0]
    path.rename(DESK / "INBOX" / "cur" / f"{base}:2,{''.join(sorted(flags + 'S'))}")
    for sub in ("cur", "new", "tmp"):
        (DESK / "Desk" / sub).mkdir(parents=True, exist_ok=True)
    mbsync(DESK)
    seen = uid_search(phone, "SEEN")
    check(seen == {uid["imap 1"], uid["imap 3"]},
          f"'imap 3' read on the desk is read for the phone (SEEN {sorted(seen)})")
    check("Desk" in mailbox_names(phone), "a folder the desk (mbsync) created appears for the phone")

    # imaplib -> imaplib and mbsync: a folder created by the laptop.
    typ, _ = laptop.create("Projects")
    check(typ == "OK", "the laptop created Projects")
    check("Projects" in mailbox_names(phone), "a folder the laptop created appears for the phone")
    mbsync(DESK)
    check(maildir(DESK, "Projects") == {}, "and appears on the desk as an (empty) maildir folder")

    # A message moved by the laptop is moved for the phone and the desk.
    laptop.select("INBOX")
    typ, _ = laptop.uid("MOVE", str(uid["imap 2"]), "Projects")
    check(typ == "OK", "the laptop moved 'imap 2' to Projects")
    _, expunged = laptop.response("EXPUNGE")
    check(expunged == [b"2"], f"the laptop was told message 2 left INBOX (EXPUNGE {expunged})")
    told = []

    def phone_sees_move():
        typ, _ = phone.noop()
        _, numbers = phone.response("EXPUNGE")
        told.extend(n for n in numbers if n is not None)
        return uid_search(phone, "ALL") == {uid["imap 1"], uid["imap 3"]}

    wait_until(phone_sees_move, 10, "the phone's INBOX without 'imap 2'")
    # A server may also send the EXPUNGE during the UID SEARCH (RFC 9051 7.5.1 allows it).
    told.extend(n for n in phone.response("EXPUNGE")[1] if n is not None)
    check(told == [b"2"], f"the phone, INBOX selected, was told with EXPUNGE 2 ({told})")
    projects = uid_subjects(phone, "Projects")
    check(sorted(projects.values()) == ["imap 2"], f"the phone sees 'imap 2' in Projects: {projects}")
    mbsync(DESK)
    check(sorted(maildir(DESK, "INBOX")) == ["imap 1", "imap 3"],
          f"the desk's INBOX no longer holds 'imap 2': {maildir(DESK, 'INBOX')}")
    check(sorted(maildir(DESK, "Projects")) == ["imap 2"],
          f"the desk's Projects holds it: {maildir(DESK, 'Projects')}")
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
    inbox = uid_subjects(client)
    check(len(inbox) >= 3, f"INBOX has {len(inbox)} messages to clean up: {sorted(inbox.values())}")
    check(len(set(inbox.values())) == len(inbox), "INBOX subjects are distinct (so they name messages)")
    pop_before = pop3_listing()
    check(sorted(s for _, s in pop_before) == sorted(inbox.values()),
          f"before: POP3 lists the same {len(pop_before)} messages as IMAP's INBOX")
    typ, data = client.status("Trash", "(MESSAGES)")
    trash_before = int(re.search(rb"MESSAGES (\d+)", data[0]).group(1))
    client.select("INBOX")
    uids = sorted(inbox)
    deleted, moved = inbox[uids[0]], inbox[uids[1]]
    typ, _ = client.uid("STORE", str(uids[0]), "+FLAGS", "(\\Deleted)")
    check(typ == "OK", f"STORE \\Deleted on '{deleted}' answered OK")
    typ, expunged = client.expunge()
    check(typ == "OK" and expunged == [b"1"],
          f"EXPUNGE removed exactly message 1 ('{deleted}'): untagged EXPUNGE {expunged}")
    typ, _ = client.uid("MOVE", str(uids[1]), "Trash")
    check(typ == "OK", f"UID MOVE '{moved}' to Trash answered OK")
    _, expunged = client.response("EXPUNGE")
    check(expunged == [b"1"], f"MOVE reported message 1 ('{moved}') gone from INBOX: {expunged}")
    trash = uid_subjects(client, "Trash")
    check(len(trash) == trash_before + 1 and moved in trash.values(),
          f"Trash holds the moved message: {sorted(trash.values())}")
    after = uid_subjects(client)
    client.logout()
    left = {u: s for u, s in inbox.items() if u not in (uids[0], uids[1])}
    check(after == left, f"INBOX holds exactly the other {len(left)}: {sorted(after.values())}")
    pop_after = pop3_listing()
    check(len(pop_after) == len(pop_before) - 2,
          f"POP3 lists exactly 2 fewer: {len(pop_before)} -> {len(pop_after)}")
    subjects = sorted(s for _, s in pop_after)
    check(deleted not in subjects and moved not in subjects,
          f"POP3 no longer lists '{deleted}' (expunged) nor '{moved}' (moved): {subjects}")
    check(subjects == sorted(left.values()), "POP3 lists exactly what is left in INBOX")
    removed = {uidl for uidl, s in pop_before if s in (deleted, moved)}
    check(not removed & {uidl for uidl, _ in pop_after}, "their UIDLs are gone from POP3's UIDL")


def step_mbsync():
    """3d. mbsync syncs every folder both ways; a second run transfers nothing."""
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
    """3c. curl reads a message over imap:// and pop3://."""
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
    invoices = [f"Your invoice {i}" for i in range(10)]

    def lunch_delivered():
        return "lunch?" in inbox_subjects(client)

    wait_until(lunch_delivered, 10, "'lunch?' in INBOX")
    subjects = inbox_subjects(client)
    check(not any("invoice" in s for s in subjects), "no invoice left in INBOX")
    client.logout()
    # Another client sees the result: a second IMAP connection, and the desk's mbsync.
    phone = imap_login()
    filed = sorted(uid_subjects(phone, "Invoices").values())
    check(len(filed) == already + 10 and set(invoices) <= set(filed),
          f"another IMAP client sees the 10 invoices in Invoices: {filed}")
    inbox = inbox_subjects(phone)
    check("lunch?" in inbox and not any("invoice" in s for s in inbox),
          f"and 'lunch?', no invoice, in INBOX: {inbox}")
    phone.logout()
    mbsync(DESK)
    desk = maildir(DESK, "Invoices")
    check(desk is not None and set(invoices) <= set(desk),
          f"the desk (mbsync) has the invoices in its Invoices folder: {sorted(desk or [])}")
    desk_inbox = maildir(DESK, "INBOX")
    check("lunch?" in desk_inbox and not any("invoice" in s for s in desk_inbox),
          f"and 'lunch?', no invoice, in its INBOX: {sorted(desk_inbox)}")
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
    client.logout()
    # Another client sees the result: a second IMAP connection, and the desk's mbsync.
    phone = imap_login()
    filed = sorted(uid_subjects(phone, "Projects/X").values())
    check(filed == ["Project X status"], f"another IMAP client sees it in Projects/X: {filed}")
    sent = []

    def left_sent():
        sent[:] = sorted(uid_subjects(phone, "Sent").values())
        return "Project X status" not in sent

    wait_until(left_sent, 10, "the filed message gone from Sent (fileinto moves)")
    check("Project X status" not in sent, f"and it is no longer in Sent (fileinto moves): {sent}")
    phone.logout()
    mbsync(DESK)
    desk = maildir(DESK, "Projects/X")
    check(desk is not None and sorted(desk) == ["Project X status"],
          f"the desk (mbsync) has it in its Projects/X folder: {desk}")


def mbsync_far_uidvalidities(local):
    """{folder: UIDVALIDITY} mbsync recorded for the server side in its .mbsyncstate files."""
    values = {}
    for state in local.rglob(".mbsyncstate"):
        header = re.search(r"^FarUidValidity (\d+)$", state.read_text(), re.M)
        if header:
            values[str(state.parent.relative_to(local))] = int(header.group(1))
    return values


def step_restart_no_redownload():
    """6. After bin/mailroom down && up, mbsync and fetchmail transfer nothing (UIDVALIDITY and
    UIDL unchanged)."""
    box = WORK / "fetchmail-keep"
    shutil.rmtree(box, ignore_errors=True)
    (WORK / "fetchids").unlink(missing_ok=True)
    fetchmail("keep", box)
    before_restart = sorted(p.name for p in box.iterdir())
    client = imap_login()
    typ, data = client.select("INBOX")
    inbox_count = int(data[0])
    validities = uidvalidities(client)
    client.logout()
    pop_uidl = pop3_listing()
    local = WORK / "mbsync"
    mbsync_state = mbsync_far_uidvalidities(local)
    update_state(before_restart={"uidvalidity": validities, "pop3": pop_uidl,
                                 "mbsync_far_uidvalidity": mbsync_state})
    check(inbox_count > 0 and len(pop_uidl) == inbox_count and len(before_restart) == inbox_count,
          f"before the restart INBOX holds {inbox_count}, POP3 lists {len(pop_uidl)}, "
          f"fetchmail kept {len(before_restart)} (not empty, so the check means something)")
    check(sorted(mbsync_state) == sorted(validities),
          f"mbsync (3d) recorded the server's UIDVALIDITY for every folder: {sorted(mbsync_state)}")
    check(all(validities.get(folder) == value for folder, value in mbsync_state.items()),
          "mbsync's recorded UIDVALIDITYs match the server's before the restart")
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
    client = imap_login()
    after = uidvalidities(client)
    client.logout()
    check(after == validities, f"UIDVALIDITY of every folder unchanged: {validities} -> {after}")
    pop_after = pop3_listing()
    check(pop_after == pop_uidl, f"POP3 UIDL list unchanged ({len(pop_after)} messages)")
    files = maildir_files(local)
    reads, said = mbsync_run(local)
    check(reads == 0 and maildir_files(local) == files,
          f"mbsync after restart transferred nothing (body reads {reads:.0f})")
    check("UIDVALIDITY" not in said, f"mbsync reported no UIDVALIDITY change: {said.strip()!r}")
    check(mbsync_far_uidvalidities(local) == mbsync_state,
          "mbsync's recorded UIDVALIDITYs are the same after its run")
    out = fetchmail("keep", box)
    check(out.returncode == 1 and sorted(p.name for p in box.iterdir()) == before_restart,
          f"fetchmail after restart: no new mail (exit {out.returncode}), {len(before_restart)} kept")


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
