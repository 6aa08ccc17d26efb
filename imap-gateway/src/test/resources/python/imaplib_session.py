"""Python's imaplib against the gateway: login, list, select, fetch, store, append, copy,
move, expunge, idle. Prints OK at the end; any failure raises."""
import imaplib
import ssl
import sys
import threading
import time

port = int(sys.argv[1])
tls_port = int(sys.argv[2])

m = imaplib.IMAP4("127.0.0.1", port)
typ, caps = m.capability()
assert b"IDLE" in caps[0] and b"MOVE" in caps[0], caps
m.login("alice", "secret")
typ, boxes = m.list()
assert typ == "OK" and any(b'"Sent"' in b and b"\\Sent" in b for b in boxes), boxes
typ, data = m.select("INBOX")
assert data == [b"3"], data
typ, data = m.fetch("1", "(ENVELOPE BODYSTRUCTURE FLAGS)")
assert b'"Hello"' in data[0] and b"BODYSTRUCTURE" in data[0], data
typ, data = m.fetch("2", "(BODY.PEEK[1])")
assert data[0][1] == b"See attached.", data
typ, data = m.uid("FETCH", "3", "(RFC822.HEADER)")
assert b"Subject: Meeting tomorrow" in data[0][1], data
typ, data = m.store("3", "+FLAGS", "(\\Flagged)")
assert b"\\Flagged" in data[0], data
typ, data = m.search(None, "FLAGGED")
assert data == [b"3"], data
typ, data = m.append("INBOX", "(\\Seen)", None, b"Subject: from python\r\n\r\nhi\r\n")
assert typ == "OK" and b"APPENDUID" in data[0], data
typ, data = m.copy("1:2", "Archive")
assert typ == "OK" and b"COPYUID" in data[0], data
typ, data = m.uid("MOVE", "1", "Trash")
assert typ == "OK", data
typ, data = m.response("EXPUNGE")  # imaplib keeps untagged EXPUNGEs until asked
assert data == [b"1"], data
typ, data = m.store("1", "+FLAGS", "(\\Deleted)")
typ, data = m.expunge()
assert data == [b"1"], data
typ, data = m.status("INBOX", "(MESSAGES UNSEEN)")
assert b"MESSAGES 2" in data[0], data

# IDLE: a second connection appends; the first is told at once.
def other():
    time.sleep(0.5)
    o = imaplib.IMAP4_SSL("127.0.0.1", tls_port, ssl_context=ssl._create_unverified_context())
    o.login("alice", "secret")
    o.append("INBOX", None, None, b"Subject: wake up\r\n\r\n!\r\n")
    o.logout()

threading.Thread(target=other).start()
tag = m._new_tag()
m.send(tag + b" IDLE\r\n")
assert m.readline().startswith(b"+ "), "no continuation"
deadline = time.time() + 5
line = b""
m.sock.settimeout(5)
while time.time() < deadline:
    line = m.readline()
    if b"EXISTS" in line:
        break
assert line.strip() == b"* 3 EXISTS", line
m.send(b"DONE\r\n")
while True:
    line = m.readline()
    if line.startswith(tag):
        assert b"OK" in line, line
        break
m.logout()
print("OK")
