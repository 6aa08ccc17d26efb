# Issue 14 against the running suite: a Sieve fileinto into a full account. The store refuses the
# copy (OVERQUOTA); the filter keeps the message where it was delivered, audits why and goes on
# (before, the event was retried and dead-lettered). A fileinto that moves needs no room (the
# store does not count a MOVE against the quota), so it still files. Helpers: e2e/protocol.py.
fileinto_over_quota() {
  python3 - "$1" <<'PYTHON'
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(os.environ["MAILROOM_ROOT"]) / "e2e"))
from protocol import (IMAP_GATEWAY, Failed, check, deliver_lmtp, fresh_account, http,
                      imap_command, imap_session, set_quota, wait_until)

FILTER_HTTP = f"http://127.0.0.1:{os.environ.get('MAILROOM_FILTER_HTTP_PORT', '8083')}"
FILTER_LOG = Path(os.environ["MAILROOM_HOME"]) / "logs" / "filter-service.log"


def activate(user, script):
    base = f"{FILTER_HTTP}/filters/v1/accounts/{user}/scripts/main"
    status, body = http("PUT", base, script.encode(), {"Content-Type": "application/sieve"})
    check(status in (200, 201), f"PUT the script: {status} {body[:200]!r}")
    status, body = http("POST", f"{base}/activate?direction=incoming")
    check(status == 204, f"activate it for incoming mail: {status} {body[:200]!r}")


def audit(user):
    status, body = http("GET", f"{FILTER_HTTP}/filters/v1/accounts/{user}/audit")
    if status != 200:
        raise Failed(f"GET .../audit answered {status} {body[:200]!r}")
    return json.loads(body)


def full_account_with(script):
    """An account whose quota holds one delivery but not a copy of it, and that delivery."""
    user, password = fresh_account("fullq")
    conn = imap_session(IMAP_GATEWAY.port(IMAP_GATEWAY.port_variable), user, password)
    _, done = imap_command(conn, "c", "CREATE Lists")
    check(done.startswith("c OK"), f"CREATE Lists: {done!r}")
    activate(user, script)
    raw = (f"From: list@example.org\r\nTo: {user}@mailroom.test\r\n"
           "Subject: [list] weekly digest\r\n\r\n" + "all the news of the week\r\n" * 160).encode()
    # Room for the delivery and the trace fields LMTP adds (Return-Path, Delivered-To), not for a
    # second copy of it.
    quota = len(raw) + 1000
    set_quota(user, quota)
    deliver_lmtp(user, [raw])
    print(f"  delivered {len(raw)} octets to {user} over LMTP; quota {quota} octets")
    wait_until(lambda: audit(user), 30, "the filter's audit record of the delivery")
    entries = audit(user)
    check(len(entries) == 1, f"one audit record, not one per retry: {len(entries)}")
    return conn, entries[0]


def messages(conn, mailbox):
    lines, done = imap_command(conn, "s", f"STATUS {mailbox} (MESSAGES)")
    found = re.search(r"MESSAGES (\d+)", " ".join(lines))
    if not done.startswith("s OK") or not found:
        raise Failed(f"STATUS {mailbox}: {lines} {done!r}")
    return int(found.group(1))


def not_dead_lettered(entry):
    log = FILTER_LOG.read_text(errors="replace") if FILTER_LOG.exists() else ""
    check(f"event {entry['eventId']} goes to the dead-letter topic" not in log,
          f"event {entry['eventId']} not sent to the dead-letter topic ({FILTER_LOG.name})")


def copy_over_quota():
    conn, entry = full_account_with('require ["fileinto", "copy"];\nfileinto :copy "Lists";\n')
    print(f"  audit: outcome={entry['outcome']!r} reason={entry['reason']!r}")
    check(entry["reason"] == 'fileinto :copy "Lists" failed: over quota, kept in INBOX',
          "the audit records the fileinto as not done, and why")
    check(entry["outcome"] == "kept", f"outcome kept: {entry['outcome']!r}")
    check([l["mailbox"] for l in entry["locations"]] == ["INBOX"],
          f"the audit's location is INBOX: {entry['locations']}")
    check(messages(conn, "INBOX") == 1, "IMAP: the message is in INBOX, once")
    check(messages(conn, "Lists") == 0, "IMAP: and not in Lists")
    not_dead_lettered(entry)
    conn.close()


def move_in_a_full_account():
    conn, entry = full_account_with('require "fileinto";\nfileinto "Lists";\n')
    print(f"  audit: outcome={entry['outcome']!r} reason={entry['reason']!r}")
    check(entry["outcome"] == "filed" and entry["reason"] is None,
          "a fileinto that moves takes no room: filed, no reason")
    check(messages(conn, "Lists") == 1, "IMAP: the message is in Lists")
    check(messages(conn, "INBOX") == 0, "IMAP: and no longer in INBOX")
    not_dead_lettered(entry)
    conn.close()


try:
    {"copy": copy_over_quota, "move": move_in_a_full_account}[sys.argv[1]]()
except Exception as failure:  # Failed, OSError: one clear line each
    print(f"  FAILED: {failure!r}")
    sys.exit(1)
PYTHON
}

step "issue 14: fileinto :copy into a full account: kept in INBOX, audited, no DLQ" fileinto_over_quota copy
step "issue 14: fileinto (a move) in a full account needs no room: filed" fileinto_over_quota move
