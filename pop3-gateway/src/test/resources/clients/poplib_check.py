"""Python's poplib against the gateway; prints one JSON object for the Java test to check.

usage: poplib_check.py MODE PORT   (MODE: plain | stls | ssl)
"""
import json
import poplib
import ssl
import sys

mode, port = sys.argv[1], int(sys.argv[2])
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE

if mode == "ssl":
    pop = poplib.POP3_SSL("127.0.0.1", port, context=context, timeout=15)
else:
    pop = poplib.POP3("127.0.0.1", port, timeout=15)
    if mode == "stls":
        pop.stls(context)
result = {"welcome": pop.getwelcome().decode(), "capa": sorted(pop.capa().keys())}
pop.user("alice")
pop.pass_("secret")
result["stat"] = list(pop.stat())
_, listing, _ = pop.list()
result["list"] = [line.decode() for line in listing]
_, uidls, _ = pop.uidl()
result["uidl"] = [line.decode() for line in uidls]
sizes = []
for entry in result["list"]:
    number, octets = entry.split()
    _, lines, got = pop.retr(int(number))
    # poplib un-stuffs and strips CRLF; the wire size is the lines joined by CRLF
    sizes.append([int(octets), sum(len(l) + 2 for l in lines)])
result["retr_sizes"] = sizes
_, lines, _ = pop.retr(2)
result["retr2"] = [l.decode() for l in lines]
_, lines, _ = pop.top(3, 1)
result["top3"] = [l.decode() for l in lines]
pop.dele(1)
result["quit"] = pop.quit().decode()
print(json.dumps(result))
