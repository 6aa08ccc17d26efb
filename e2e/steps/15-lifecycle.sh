# bin/mailroom itself: a second `up` is harmless, `status` reports every component.

second_up() {
  local out
  out="$("$ROOT/bin/mailroom" up)" || return 1
  echo "$out"
  grep -q 'already running' <<<"$out"
}

status_lines() {
  local out
  out="$("$ROOT/bin/mailroom" status)" || return 1
  echo "$out"
  local c
  for c in store-service filter-service imap-gateway pop3-gateway; do
    grep -Eq "^$c +running +[0-9]+ +[0-9]+ +yes" <<<"$out" || return 1
  done
}

step "bin/mailroom: a second up exits 0 and says it is running" second_up
step "bin/mailroom: status shows each service running and ready" status_lines

demo_login() {
  python3 - <<'PY'
import imaplib, os
client = imaplib.IMAP4("127.0.0.1", int(os.environ.get("MAILROOM_IMAP_PORT", "1143")))
typ, _ = client.login("demo", os.environ["MAILROOM_DEMO_PASSWORD"])
print(f"  LOGIN demo: {typ}")
client.logout()
PY
}

step "bin/mailroom: the demo account logs in with the password up printed" demo_login
