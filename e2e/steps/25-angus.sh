# Jakarta Mail (Angus) as a real IMAP and POP3 client of the running suite.

angus() {
  local lib="$MAILROOM_HOME/tools/angus/lib"
  if [[ ! -f "$lib/.complete" ]]; then
    mkdir -p "$lib"
    (cd "$ROOT" && ./mvnw -B -q -f bin/tools/angus.xml dependency:copy-dependencies \
      -DoutputDirectory="$lib") || return 1
    touch "$lib/.complete"
  fi
  local creds
  creds="$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["user"], s["password"])' \
    "$MAILROOM_HOME/e2e/state.json")" || return 1
  # shellcheck disable=SC2086
  java -cp "$lib/*" "$E2E/clients/AngusClients.java" $creds
}

step "clients: Jakarta Mail (Angus) IMAP and POP3 against the suite" angus
