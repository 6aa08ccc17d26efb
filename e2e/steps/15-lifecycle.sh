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
