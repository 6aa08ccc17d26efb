# Acceptance lines of issues 2, 3 and 6 against the running suite (e2e/acceptance.py).
# The Kafka and filter-service steps stop a component and bring it back; each leaves the
# suite ready for the steps after it.
acceptance() { python3 "$E2E/acceptance.py" "$1"; }

step "issue 2: bin/mailroom user/deliver/import wrappers, --help on every command" acceptance admin_wrappers
step "issue 3: 50 concurrent appends via two store instances, no gaps; flags kept" acceptance two_stores
step "issue 3: 50 MB APPEND over IMAP fetched back sha-256 identical, store 256 MB" acceptance big_message
step "issue 6: delivered -> filed latency, 100 single deliveries (p50/p99)" acceptance filter_latency
step "issue 3: Kafka stopped during 100 deliveries, all 100 events after restart" acceptance kafka_outage
step "issue 6: kill -9 the filter service amid 500 deliveries, each filed once" acceptance filter_kill
