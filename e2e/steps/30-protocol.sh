# Issues 4 and 5 against the REAL store: protocol scripts (e2e/scripts/), the POP3 maildrop lock
# and IMAP push across gateway replicas, and the IMAP seed's promise on 2,000 messages
# (e2e/protocol.py).
protocol() { python3 "$E2E/protocol.py" "$@"; }

step "protocol: IMAP scripts (e2e/scripts/imap) against the real store" protocol scripts imap
step "protocol: POP3 scripts (e2e/scripts/pop3), RETR octets = LIST" protocol scripts pop3
# The gateways' own module scripts (src/test/resources/scripts), seeded as their module tests
# seed them, on a gateway replica with the module test's limits (e2e/module_scripts.py says why,
# and which scripts only a module test can set up).
module_scripts() { python3 "$E2E/module_scripts.py" "$@"; }
step "protocol: imap-gateway's module scripts against the real store" module_scripts imap
step "protocol: pop3-gateway's module scripts against the real store" module_scripts pop3
step "protocol: POP3 maildrop lock across replicas, kill -9 frees it" protocol pop3_lock
step "protocol: IMAP IDLE/NOOP see another replica's changes in < 1 s" protocol imap_push
step "protocol: a password change ends remembered logins at once on IMAP and POP3" protocol password_change
step "protocol: a full mailbox: LMTP 552 5.2.2 for it alone, IMAP [OVERQUOTA]" protocol quota
step "protocol: POP3 octets of a message APPENDed without a final CRLF" protocol pop3_octets_without_crlf
step "protocol: seed 1/2: messages 1-1000 of 2,000 (admin REST)" protocol seed_deliver 1/2
step "protocol: seed 2/2: messages 1001-2000 (20 in all with 1 MB)" protocol seed_deliver 2/2
step "protocol: seed's promise: listing reads no body, parts alone, 2 clients" protocol seed_promise
