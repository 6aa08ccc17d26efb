# The product's story (issue 7), step by step, with real clients.
story() { python3 "$E2E/story.py" "$1"; }

step "story 0: an account through the admin REST API" story account
step "story 1: mail arrives over LMTP (smtplib.LMTP, swaks)" story lmtp
step "story 2a: POP3 fetchmail keep, second run downloads nothing" story pop3_keep
step "story 2b: POP3 fetchmail flush deletes, gone for IMAP too" story pop3_flush
step "story 3a: IMAP two clients share state; listing reads no body" story imap_two_clients
step "story 3b: IMAP IDLE told of new mail within 1 s" story imap_idle
step "story 3c: curl over imap:// and pop3://" story curl
step "story 4a: incoming Sieve filter files mail on the server" story filters_incoming
step "story 4b: outgoing Sieve filter files mail appended to Sent" story filters_outgoing
step "story 5: clean-up over IMAP, POP3 no longer lists it" story cleanup_over_imap
step "story 3d: mbsync two-way sync, second run transfers nothing" story mbsync
step "story 6: after down && up, mbsync and fetchmail transfer nothing" story restart_no_redownload
