# bin/mailroom bench (issue 13): every workload for 5 s against the running suite and against a
# Dovecot of its own, so the instrument cannot rot between the runs that measure. Only the
# driver's correctness checks are asserted (every tagged reply OK where the command was valid,
# FETCH FLAGS as stored, UIDs rising, nothing lost); no timing is.

bench_smoke() {
  "$MAILROOM_ROOT/bin/mailroom" bench --target both --smoke
}

step "issue 13: bin/mailroom bench --target both --smoke, every workload's checks pass" bench_smoke
