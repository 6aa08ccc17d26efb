# The suite is up: every service ready, both gateways greet.

ready_all() {
  local port
  for port in "${MAILROOM_STORE_HTTP_PORT:-8080}" "${MAILROOM_IMAP_HTTP_PORT:-8081}" \
    "${MAILROOM_POP3_HTTP_PORT:-8082}" "${MAILROOM_FILTER_HTTP_PORT:-8083}"; do
    curl -fsS -m 5 "http://127.0.0.1:$port/q/health/ready" | grep '"status": *"UP"' >/dev/null || {
      echo "port $port not ready: $(curl -sS -m 5 "http://127.0.0.1:$port/q/health/ready")"
      return 1
    }
  done
}

imap_greeting() {
  local out
  out="$(printf 'a LOGOUT\r\n' | nc -q 3 127.0.0.1 "${MAILROOM_IMAP_PORT:-1143}")"
  echo "$out"
  grep -q '^\* OK' <<<"$out" && grep -q '^a OK' <<<"$out"
}

pop3_greeting() {
  local out
  out="$(printf 'QUIT\r\n' | nc -q 3 127.0.0.1 "${MAILROOM_POP3_PORT:-1110}")"
  echo "$out"
  [[ "$(head -1 <<<"$out")" == +OK* ]]
}

metrics_exposed() {
  local port metrics
  for port in "${MAILROOM_STORE_HTTP_PORT:-8080}" "${MAILROOM_IMAP_HTTP_PORT:-8081}" "${MAILROOM_POP3_HTTP_PORT:-8082}" "${MAILROOM_FILTER_HTTP_PORT:-8083}"; do
    # Read the whole page first: `curl | grep -q` fails under pipefail when grep exits early.
    metrics=$(curl -fsS -m 5 "http://127.0.0.1:$port/q/metrics") || return 1
    grep -q '^jvm_memory_used_bytes' <<<"$metrics" || {
      echo "no Prometheus metrics on $port"
      return 1
    }
  done
}

step "suite: every service answers /q/health/ready UP" ready_all
step "suite: IMAP greets with * OK (nc)" imap_greeting
step "suite: POP3 greets with +OK (nc)" pop3_greeting
step "suite: Prometheus metrics on every service" metrics_exposed
