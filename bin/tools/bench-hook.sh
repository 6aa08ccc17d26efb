#!/usr/bin/env bash
# bin/tools/bench-hook.sh: the load driver's hook (--hook) around the lmtp-with-Sieve phase.
#   bench-hook.sh sieve-on USER...    put and activate the bench Sieve script of each user
#   bench-hook.sh sieve-off USER...   deactivate and delete it
# bench.sh exports MAILROOM_BENCH_HOOK_TARGET (mailroom or dovecot) and MAILROOM_HOME; the
# script is the same text for both (bench_sieve_script in dovecot.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${MAILROOM_HOME:-$ROOT/.mailroom}"
fail() {
  printf 'bench-hook: %s\n' "$*" >&2
  exit 1
}
# shellcheck source=bin/tools/dovecot.sh
source "$ROOT/bin/tools/dovecot.sh"

mode="${1:-}"
shift || true
case "$mode" in
  sieve-on | sieve-off) ;;
  *) fail "usage: bench-hook.sh sieve-on|sieve-off USER..." ;;
esac

case "${MAILROOM_BENCH_HOOK_TARGET:-}" in
  dovecot) dovecot_sieve "${mode#sieve-}" "$@" ;;
  mailroom)
    token="${MAILROOM_ADMIN_TOKEN:-$(cat "$STATE/secrets/admin-token" 2>/dev/null || true)}"
    [[ -n "$token" ]] || fail "no admin token in $STATE/secrets/admin-token"
    # Through the filter REST, as a user's client would: PUT compiles and stores, activate makes
    # it the incoming script. One request at a time: concurrent ones to filter-service can hang
    # for a minute (HR000069, a reactive session used from another event loop thread).
    BENCH_SIEVE="$(bench_sieve_script)" python3 - "$mode" "http://127.0.0.1:${MAILROOM_FILTER_HTTP_PORT:-8083}/filters/v1/accounts" "$token" "$@" <<'PY'
import os, sys, urllib.request, urllib.error
from concurrent.futures import ThreadPoolExecutor

mode, base, token, users = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
script = (os.environ["BENCH_SIEVE"] + "\n").encode()

def call(method, url, body=None, ok=(200, 201, 204), sieve=False):
    req = urllib.request.Request(url, data=body, method=method)
    req.add_header("Authorization", "Bearer " + token)
    if sieve:
        req.add_header("Content-Type", "application/sieve")
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            status, text = r.status, ""
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode(errors="replace")
    if status not in ok:
        raise RuntimeError(f"{method} {url} answered {status} {text[:200]}")

def on(user):
    call("PUT", f"{base}/{user}/scripts/bench", script, sieve=True)
    call("POST", f"{base}/{user}/scripts/bench/activate?direction=incoming", b"")

def off(user):
    call("POST", f"{base}/{user}/deactivate?direction=incoming", b"")
    call("DELETE", f"{base}/{user}/scripts/bench", ok=(204, 404))

def run(user):
    try:
        (on if mode == "sieve-on" else off)(user)
    except Exception as e:
        return f"{user}: {e}"

with ThreadPoolExecutor(1) as pool:
    errors = [e for e in pool.map(run, users) if e]
if errors:
    print(f"bench-hook: {mode} failed for {len(errors)} of {len(users)} users, first: {errors[0]}", file=sys.stderr)
    sys.exit(1)
PY
    ;;
  *) fail "MAILROOM_BENCH_HOOK_TARGET must be mailroom or dovecot (bench.sh sets it)" ;;
esac
