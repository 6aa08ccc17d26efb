#!/usr/bin/env bash
# bin/tools/kube-smoke.sh: plays the Kubernetes dev overlay's Deployments with
# `podman kube play` on this machine and checks that Mailroom works from its images.
#
#   bin/tools/kube-smoke.sh            (bin/mailroom test runs it)
#
# 1. builds the four images (bin/tools/images.sh);
# 2. renders k8s/overlays/dev (kubectl kustomize, or the k8s module's own renderer) and
#    turns its Deployments into pods podman can play beside a running suite: hostNetwork,
#    every port shifted by MAILROOM_KUBE_SMOKE_PORT_OFFSET (default 20000: IMAP on 21143,
#    store HTTP on 28080, ...), the local PostgreSQL/Kafka/S3, secrets inlined as env, fresh
#    databases of its own (mailroom_kube_smoke, mailroom_kube_smoke_filter);
# 3. plays them, waits for /q/health/ready UP in each pod, creates the demo account through
#    the store pod's admin API, then: IMAP greeting and LOGIN of the demo account through
#    the gateway pod, POP3 greeting and login, LMTP and ManageSieve greetings;
# 4. `podman kube down`, and checks that nothing of it is left running.
#
# Variables:
#   MAILROOM_SKIP_KUBE_SMOKE=1          skip it (for machines without podman); says so loudly
#   MAILROOM_KUBE_SMOKE_PORT_OFFSET=N   where the pods listen (default 20000)
#   MAILROOM_KUBE_SMOKE_TIMEOUT=S       how long the pods may take to be ready (default 300)
#   MAILROOM_KUBE_SMOKE_KEEP=1          leave the pods running afterwards (to look at them)
#   MAILROOM_KUBE_SMOKE_CLEAN=1         start from nothing, as on a new machine (bin/mailroom test
#                                       sets it under CI): an empty podman store of its own (so the
#                                       base image is made again with debootstrap) and apt sources
#                                       read from a folder holding only deb822 .sources files; the
#                                       store is removed afterwards
# and those of bin/tools/images.sh (MAILROOM_BASE_IMAGE, MAILROOM_IMAGES_PACKAGE, ...).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${MAILROOM_HOME:-$ROOT/.mailroom}"
WORK="$STATE/kube-smoke"
OFFSET="${MAILROOM_KUBE_SMOKE_PORT_OFFSET:-20000}"
TIMEOUT="${MAILROOM_KUBE_SMOKE_TIMEOUT:-300}"
SERVICES=(store-service imap-gateway pop3-gateway filter-service)
PODS="$WORK/pods.yaml"

say() { printf 'kube-smoke: %s\n' "$*"; }
fail() {
  printf 'kube-smoke: FAILED: %s\n' "$*" >&2
  exit 1
}
# shellcheck source=bin/tools/errors.sh
source "$ROOT/bin/tools/errors.sh"
errors_init kube-smoke fail

if [[ "${MAILROOM_SKIP_KUBE_SMOKE:-}" == 1 ]]; then
  cat <<'EOF'
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!! MAILROOM_SKIP_KUBE_SMOKE=1: the podman `kube play` smoke test was NOT run.
!! The images and the dev overlay's pods are UNTESTED on this machine.
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
EOF
  exit 0
fi

T0=$SECONDS
mkdir -p "$WORK"
chmod 700 "$WORK"

# ------------------------------------------------------------------ a clean state
# A new machine has no base image and may have only deb822 apt sources: the image path must
# work from there, not only on machines that built it once already.
if [[ "${MAILROOM_KUBE_SMOKE_CLEAN:-}" == 1 ]]; then
  step "preparing the clean state" "see the lines above, or run without MAILROOM_KUBE_SMOKE_CLEAN"
  export MAILROOM_PODMAN_STORE="$WORK/clean-store" MAILROOM_APT_DIR="$WORK/apt-sources-only"
  unset MAILROOM_BASE_IMAGE MAILROOM_DEBIAN_MIRROR
  clean_store_remove() {
    [[ -d "$MAILROOM_PODMAN_STORE" ]] || return 0
    podman system reset --force >/dev/null 2>&1 || true
    rm -rf "$MAILROOM_PODMAN_STORE" "$MAILROOM_PODMAN_RUNROOT" 2>/dev/null ||
      say "could not remove $MAILROOM_PODMAN_STORE (a mount is left: umount it, then remove it)"
  }
  # shellcheck source=bin/tools/podman.sh
  source "$ROOT/bin/tools/podman.sh"
  clean_store_remove
  # Removed however the run ends, also when the images fail before the pods' own clean-up is set.
  trap clean_store_remove EXIT
  mkdir -p "$MAILROOM_PODMAN_STORE" "$MAILROOM_APT_DIR/sources.list.d"
  rm -f "$MAILROOM_APT_DIR/sources.list.d/"*
  shopt -s nullglob
  deb822=(/etc/apt/sources.list.d/*.sources)
  shopt -u nullglob
  if ((${#deb822[@]})); then
    cp "${deb822[@]}" "$MAILROOM_APT_DIR/sources.list.d/"
  else
    # This machine has one-line sources only: say the same mirror in deb822.
    mirror="$(MAILROOM_APT_DIR=/etc/apt "$ROOT/bin/tools/debian-mirror.sh")" ||
      fail "no Debian mirror in /etc/apt: set up apt, or run without MAILROOM_KUBE_SMOKE_CLEAN"
    printf 'Types: deb\nURIs: %s\nSuites: bookworm\nComponents: main\n' "$mirror" \
      >"$MAILROOM_APT_DIR/sources.list.d/debian.sources"
  fi
  say "clean state: empty podman store $MAILROOM_PODMAN_STORE, apt sources only $(
    cd "$MAILROOM_APT_DIR/sources.list.d" && echo *)"
fi
# shellcheck source=bin/tools/podman.sh
source "$ROOT/bin/tools/podman.sh"

# ------------------------------------------------------------------ engines, images
if [[ -z "${MAILROOM_KAFKA:-}" || -z "${MAILROOM_DB_PASSWORD:-}" || -z "${MAILROOM_TOKEN_KEY:-}" ]]; then
  step "starting the engines" "run bin/mailroom env and read what it says"
  say "starting the engines (bin/mailroom env)"
  env_script="$("$ROOT/bin/mailroom" env 2>"$WORK/env.log")" || {
    tail -5 "$WORK/env.log" >&2
    fail "bin/mailroom env could not start PostgreSQL/Kafka/S3 (log: $WORK/env.log)"
  }
  eval "$env_script"
fi

step "building the images" "run bin/mailroom images and read its last line"
T_IMAGES=$SECONDS
"$ROOT/bin/tools/images.sh" || fail "building the images failed: the line above says why (bin/mailroom images runs the same)"
T_IMAGES=$((SECONDS - T_IMAGES))

# ------------------------------------------------------------------ databases of its own
step "creating the smoke test's databases" "check that PostgreSQL is up: bin/mailroom status"
export KUBE_SMOKE_DB_NAME=mailroom_kube_smoke KUBE_SMOKE_FILTER_DB_NAME=mailroom_kube_smoke_filter
psql_admin() {
  PGPASSWORD="$MAILROOM_DB_PASSWORD" psql -h "$MAILROOM_DB_HOST" -p "$MAILROOM_DB_PORT" \
    -U "$MAILROOM_DB_USER" -d postgres -qAt -v ON_ERROR_STOP=1 -c "$1" >/dev/null
}
for db in "$KUBE_SMOKE_DB_NAME" "$KUBE_SMOKE_FILTER_DB_NAME"; do
  psql_admin "drop database if exists $db with (force)" &&
    psql_admin "create database $db" ||
    fail "cannot create database $db as $MAILROOM_DB_USER on $MAILROOM_DB_HOST:$MAILROOM_DB_PORT"
done

# ------------------------------------------------------------------ render for podman
step "rendering the dev overlay" "run ./mvnw -f k8s/pom.xml test and read its failures"
say "rendering k8s/overlays/dev for podman (ports +$OFFSET)"
T_RENDER=$SECONDS
(cd "$ROOT" && ./mvnw -B -q -f k8s/pom.xml test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/classpath" -Dmdep.includeScope=test >"$WORK/render-build.log" 2>&1) || {
  tail -20 "$WORK/render-build.log" >&2
  fail "compiling the k8s module failed (log: $WORK/render-build.log)"
}
java -cp "$ROOT/k8s/target/test-classes:$(cat "$WORK/classpath")" -Dmailroom.k8s.dir="$ROOT/k8s" \
  io.mailroom.k8s.PodmanPlay "$PODS" "$OFFSET" >"$WORK/ports.env" ||
  fail "rendering the dev overlay for podman failed"
# shellcheck disable=SC1091
source "$WORK/ports.env"
say "$(tail -1 "$WORK/ports.env" | sed 's/^# //') in $((SECONDS - T_RENDER))s; pods in $PODS"

# ------------------------------------------------------------------ play
pod_down() { podman kube down "$PODS" >/dev/null 2>&1 || true; }
cleanup() {
  if [[ "${MAILROOM_KUBE_SMOKE_KEEP:-}" == 1 ]]; then
    say "MAILROOM_KUBE_SMOKE_KEEP=1: pods left running; stop them with: podman kube down $PODS"
  else
    pod_down
    # The clean state's store (and the images in it) is only for this run.
    if declare -F clean_store_remove >/dev/null; then clean_store_remove; fi
  fi
}
pod_down # leftovers of an interrupted run
trap cleanup EXIT

container_of() { printf '%s-pod-0-%s' "$1" "$1"; }
http_port_of() {
  case "$1" in
    store-service) echo "$MAILROOM_STORE_HTTP_PORT" ;;
    imap-gateway) echo "$MAILROOM_IMAP_HTTP_PORT" ;;
    pop3-gateway) echo "$MAILROOM_POP3_HTTP_PORT" ;;
    filter-service) echo "$MAILROOM_FILTER_HTTP_PORT" ;;
  esac
}
show_logs() {
  local s
  for s in "${SERVICES[@]}"; do
    printf -- '--- last lines of %s\n' "$(container_of "$s")" >&2
    podman logs --tail 25 "$(container_of "$s")" >&2 2>&1 || true
  done
}

step "playing the pods" "run podman kube play $PODS and read podman's error"
T_PLAY=$SECONDS
podman kube play "$PODS" >"$WORK/play.log" 2>&1 || {
  cat "$WORK/play.log" >&2
  fail "podman kube play failed"
}

ready() { curl -fsS -m 3 "http://127.0.0.1:$1/q/health/ready" 2>/dev/null | grep '"status" *: *"UP"' >/dev/null; }
pending=("${SERVICES[@]}")
deadline=$((SECONDS + TIMEOUT))
while ((${#pending[@]})); do
  still=()
  for s in "${pending[@]}"; do
    if ready "$(http_port_of "$s")"; then
      say "$s: /q/health/ready is UP (after $((SECONDS - T_PLAY))s)"
      continue
    fi
    status="$(podman inspect --format '{{.State.Status}}' "$(container_of "$s")" 2>/dev/null || echo missing)"
    if [[ "$status" != running ]]; then
      show_logs
      fail "$s: its container is $status, not running"
    fi
    still+=("$s")
  done
  pending=("${still[@]+"${still[@]}"}")
  if ((${#pending[@]})); then
    if ((SECONDS >= deadline)); then
      show_logs
      for s in "${pending[@]}"; do
        curl -sS -m 3 "http://127.0.0.1:$(http_port_of "$s")/q/health/ready" >&2 || true
      done
      fail "not ready after ${TIMEOUT}s: ${pending[*]}"
    fi
    sleep 2
  fi
done
T_PLAY=$((SECONDS - T_PLAY))
say "all four pods ready ${T_PLAY}s after podman kube play started"

# ------------------------------------------------------------------ protocol checks
step "checking the protocols through the pods" "read the pods' logs: podman logs <pod>-pod-0-<service>"
DEMO_FILE="$STATE/secrets/demo-password"
if [[ ! -s "$DEMO_FILE" ]]; then
  mkdir -p "$STATE/secrets" && chmod 700 "$STATE/secrets"
  (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-32 >"$DEMO_FILE")
fi
DEMO_PASSWORD="$(cat "$DEMO_FILE")"
code="$(curl -s -o "$WORK/demo-account.json" -w '%{http_code}' -m 20 \
  -H "Authorization: Bearer $MAILROOM_ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"username\":\"demo\",\"password\":\"$DEMO_PASSWORD\"}" \
  "http://127.0.0.1:$MAILROOM_STORE_HTTP_PORT/admin/v1/accounts" || true)"
case "$code" in
  200 | 201 | 409) say "store-service pod: demo account ready (admin REST answered $code)" ;;
  *)
    show_logs
    fail "store-service pod: creating the demo account answered HTTP $code: $(cat "$WORK/demo-account.json" 2>/dev/null)"
    ;;
esac

DEMO_PASSWORD="$DEMO_PASSWORD" python3 - "$MAILROOM_IMAP_PORT" "$MAILROOM_POP3_PORT" \
  "$MAILROOM_LMTP_PORT" "$MAILROOM_MANAGESIEVE_PORT" <<'EOF' || { show_logs; fail "a protocol check failed"; }
import imaplib, os, poplib, socket, sys

imap_port, pop3_port, lmtp_port, sieve_port = map(int, sys.argv[1:5])
password = os.environ["DEMO_PASSWORD"]

def check(what, fn):
    try:
        print(f"kube-smoke: {what}: {fn()}")
        return True
    except Exception as e:  # noqa: BLE001 - report any failure as the check's result
        print(f"kube-smoke: {what}: FAILED: {e!r}", file=sys.stderr)
        return False

def imap():
    c = imaplib.IMAP4("127.0.0.1", imap_port, timeout=20)
    greeting = c.welcome.decode(errors="replace")
    typ, _ = c.login("demo", password)
    if typ != "OK":
        raise RuntimeError(f"LOGIN answered {typ}")
    c.logout()
    return f"greeting {greeting!r}, LOGIN demo OK"

def pop3():
    c = poplib.POP3("127.0.0.1", pop3_port, timeout=20)
    greeting = c.getwelcome().decode(errors="replace")
    c.user("demo")
    c.pass_(password)
    count, size = c.stat()
    c.quit()
    return f"greeting {greeting!r}, USER/PASS demo OK, {count} message(s)"

def first_line(port):
    with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
        s.settimeout(20)
        data = b""
        while b"\n" not in data:
            chunk = s.recv(1024)
            if not chunk:
                break
            data += chunk
        return data.split(b"\n")[0].decode(errors="replace").strip()

def lmtp():
    line = first_line(lmtp_port)
    if not line.startswith("220"):
        raise RuntimeError(f"greeting {line!r}")
    return f"greeting {line!r}"

def sieve():
    line = first_line(sieve_port)
    if not line:
        raise RuntimeError("no greeting")
    return f"first line {line!r}"

results = [check("IMAP through the imap-gateway pod", imap),
           check("POP3 through the pop3-gateway pod", pop3),
           check("LMTP of the store-service pod", lmtp),
           check("ManageSieve of the filter-service pod", sieve)]
sys.exit(0 if all(results) else 1)
EOF

# ------------------------------------------------------------------ memory
rss_report=""
for s in "${SERVICES[@]}"; do
  pid="$(podman inspect --format '{{.State.Pid}}' "$(container_of "$s")" 2>/dev/null || echo 0)"
  rss="$(ps -o rss= -p "$pid" 2>/dev/null | tr -d ' ' || true)"
  rss_report+="$s $((${rss:-0} / 1024)) MB, "
done
say "RSS: ${rss_report%, }"

# ------------------------------------------------------------------ down
step "taking the pods down" "run podman kube down $PODS"
if [[ "${MAILROOM_KUBE_SMOKE_KEEP:-}" != 1 ]]; then
  podman kube down "$PODS" >"$WORK/down.log" 2>&1 || {
    cat "$WORK/down.log" >&2
    fail "podman kube down failed"
  }
  left="$(podman ps -a --format '{{.Names}}' | grep -E "^($(
    IFS='|'
    echo "${SERVICES[*]}"
  ))-pod" || true)"
  [[ -z "$left" ]] || fail "podman kube down left containers behind: $left"
  left="$(podman pod ps --format '{{.Name}}' | grep -E "^($(
    IFS='|'
    echo "${SERVICES[*]}"
  ))-pod-0$" || true)"
  [[ -z "$left" ]] || fail "podman kube down left pods behind: $left"
  for s in "${SERVICES[@]}"; do
    ! ready "$(http_port_of "$s")" || fail "$s still answers on port $(http_port_of "$s") after kube down"
  done
  # The pods' emptyDir volumes, should podman keep them (it keeps named volumes).
  for v in $(podman volume ls --format '{{.Name}}' | grep -E "^($(
    IFS='|'
    echo "${SERVICES[*]}"
  ))-tmp$" || true); do
    podman volume rm "$v" >/dev/null && say "removed volume $v that kube down left"
  done
  say "podman kube down: no pod, container or listener of the smoke test is left"
  if declare -F clean_store_remove >/dev/null; then
    clean_store_remove
    say "removed the clean state's podman store"
  fi
fi
trap - EXIT

cat <<EOF
kube-smoke: PASSED in $((SECONDS - T0))s (images ${T_IMAGES}s, play until all ready ${T_PLAY}s)
kube-smoke: what podman cannot check here, so this test does not:
  - Services: podman ignores kind: Service, so the LoadBalancer/ClusterIP ports
    (143->1143, 993->1993, 110->1110, 995->1995, 24->2424, 9090) and selectors are only
    checked by the k8s module's tests, not by traffic;
  - readiness probes gating traffic, and liveness restarts (podman 4.3 ignores the one
    and cannot fire the other without systemd); startup probes are dropped;
  - NetworkPolicies, HorizontalPodAutoscalers, PodDisruptionBudgets, topology spread and
    anti-affinity, rolling updates and their drain (preStop + SIGTERM);
  - the engines' operators: Kafka, PostgreSQL and S3 are the local processes, not the
    Strimzi/CloudNativePG/MinIO resources of k8s/deps; TLS (dev is plaintext).
EOF
