#!/usr/bin/env python3
"""Import an mbox file into one account's INBOX through the store's admin REST API.

Usage: import_mbox.py USER FILE.mbox ADMIN_BASE_URL ADMIN_TOKEN

Each message is POSTed as message/rfc822 to ADMIN_BASE_URL/accounts/USER/messages, in file
order, so the store gives them ascending UIDs. The first HTTP error stops the import: what was
delivered before it stays delivered, and the message says which one failed, so a re-run can be
started from a trimmed file. Standard library only (bin/mailroom runs it with the system python3).
"""

import mailbox
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

BAR_WIDTH = 30
TIMEOUT_SECONDS = 60


def usage():
    print(__doc__.strip().splitlines()[2], file=sys.stderr)
    sys.exit(2)


def progress(done, total, stream=sys.stderr):
    """Draws "[#####.....] n/total  pct%" on one line; redrawn in place on a terminal."""
    fraction = done / total if total else 1.0
    filled = int(BAR_WIDTH * fraction)
    line = "[%s%s] %d/%d %5.1f%%" % (
        "#" * filled, "." * (BAR_WIDTH - filled), done, total, 100 * fraction)
    if stream.isatty():
        stream.write("\r" + line)
        if done == total:
            stream.write("\n")
    elif done == total or done % 100 == 0 or done == 1:
        # Logs and pipes get a line now and then instead of a thousand carriage returns.
        stream.write(line + "\n")
    stream.flush()


def break_progress_line(stream=sys.stderr):
    """Ends a half-drawn bar so that an error message starts on its own line."""
    if stream.isatty():
        stream.write("\n")


def post_message(url, token, raw):
    request = urllib.request.Request(
        url,
        data=raw,
        method="POST",
        headers={
            "Content-Type": "message/rfc822",
            "Authorization": "Bearer " + token,
        },
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        response.read()
        return response.status


def describe(message_bytes):
    """Subject and Message-ID of a message, for an error report."""
    head = message_bytes.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    found = {}
    for line in head.splitlines():
        name, sep, value = line.partition(b":")
        if sep and name.strip().lower() in (b"subject", b"message-id"):
            found.setdefault(name.strip().lower().decode(), value.strip().decode("utf-8", "replace"))
    return ", ".join("%s: %s" % item for item in sorted(found.items())) or "no Subject/Message-ID"


def main(argv):
    if len(argv) != 5 or argv[1] in ("-h", "--help"):
        usage()
    user, path, base_url, token = argv[1:]
    if not os.path.isfile(path):
        sys.exit("import: %s: no such file" % path)
    if not token:
        sys.exit("import: no admin token given")
    url = base_url.rstrip("/") + "/accounts/" + urllib.parse.quote(user, safe="") + "/messages"

    try:
        box = mailbox.mbox(path, create=False)
        keys = box.keys()
    except (OSError, mailbox.Error) as e:
        sys.exit("import: cannot read %s as mbox: %s" % (path, e))
    total = len(keys)
    if total == 0:
        print("import: %s holds no messages; nothing imported" % path)
        return 0

    imported = 0
    octets = 0
    progress(0, total)
    try:
        for number, key in enumerate(keys, start=1):
            raw = box.get_bytes(key)
            try:
                post_message(url, token, raw)
            except urllib.error.HTTPError as e:
                body = e.read(500).decode("utf-8", "replace").strip()
                break_progress_line()
                sys.exit(
                    "import: stopped at message %d of %d (%s): HTTP %d %s from %s%s\n"
                    "import: %d message(s) were imported before it"
                    % (number, total, describe(raw), e.code, e.reason, url,
                       (": " + body) if body else "", imported))
            except (urllib.error.URLError, OSError) as e:
                reason = getattr(e, "reason", e)
                break_progress_line()
                sys.exit(
                    "import: stopped at message %d of %d: cannot reach %s: %s\n"
                    "import: %d message(s) were imported before it"
                    % (number, total, url, reason, imported))
            imported += 1
            octets += len(raw)
            progress(imported, total)
    except KeyboardInterrupt:
        break_progress_line()
        sys.exit("import: interrupted after %d of %d message(s)" % (imported, total))
    finally:
        box.close()

    print("import: %d message(s), %d octets, imported into %s's INBOX" % (imported, octets, user))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
