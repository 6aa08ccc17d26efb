#!/usr/bin/env bash
# bin/tools/images.sh: build the OCI images of the four services with podman (no Docker daemon).
#
#   bin/tools/images.sh [SERVICE...]      (bin/mailroom images runs it)
#
# Each image is SERVICE/src/main/docker/Dockerfile.jvm over SERVICE/target/quarkus-app, tagged
# localhost/mailroom/SERVICE:$MAILROOM_IMAGE_TAG (default: dev, what k8s/overlays/dev uses).
#
# Variables:
#   MAILROOM_BASE_IMAGE  the Java 17 base image. Unset: the public
#                        docker.io/library/eclipse-temurin:17-jre when a registry is reachable,
#                        else localhost/debian-jre17:latest, made once from Debian packages
#                        (debootstrap) and kept in podman's image store.
#   MAILROOM_IMAGE_TAG   the tag of the built images (default: dev).
#   MAILROOM_DEBIAN_MIRROR  where debootstrap fetches from (default: the Debian mirror of this
#                        machine's apt sources, deb822 or one-line: bin/tools/debian-mirror.sh).
#   MAILROOM_APT_DIR     where those apt sources are read (default /etc/apt).
#   MAILROOM_PODMAN_STORE  a podman store of its own (default: the machine's; bin/tools/podman.sh).
#   MAILROOM_IMAGES_PACKAGE=0  use the jars in SERVICE/target/quarkus-app as they are (only a
#                        missing one is an error); by default a missing or stale one is
#                        rebuilt with ./mvnw package first.
#
# Installs podman and its helpers with apt-get when they are missing (as root), and writes
# /etc/containers/containers.conf when missing: podman cannot run a container here without it.
# Any failure prints one line naming the step and the fix (bin/tools/errors.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${MAILROOM_HOME:-$ROOT/.mailroom}"
TAG="${MAILROOM_IMAGE_TAG:-dev}"
PUBLIC_BASE=docker.io/library/eclipse-temurin:17-jre
DEBIAN_BASE=localhost/debian-jre17:latest
ALL_SERVICES=(store-service imap-gateway pop3-gateway filter-service)

say() { printf 'images: %s\n' "$*"; }
fail() {
  printf 'images: FAILED: %s\n' "$*" >&2
  exit 1
}
# shellcheck source=bin/tools/errors.sh
source "$ROOT/bin/tools/errors.sh"
errors_init images fail
# shellcheck source=bin/tools/podman.sh
source "$ROOT/bin/tools/podman.sh"

# shellcheck source=bin/tools/root.sh
source "$ROOT/bin/tools/root.sh"

ensure_tools() {
  local wanted=(podman buildah runc slirp4netns fuse-overlayfs uidmap) missing=()
  # debootstrap only matters when the Debian base image has to be made.
  [[ "${1:-}" == with-debootstrap ]] && wanted+=(debootstrap)
  mapfile -t missing < <(apt_missing "${wanted[@]}")
  ((${#missing[@]})) || return 0
  say "installing Debian packages: ${missing[*]}"
  apt_get_install "${missing[@]}" >/dev/null ||
    fail "could not install ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}'"
}

# podman import/build refuse to run without a signature policy. Debian's containers-common
# ships this one, but a machine where /etc/containers was cleaned keeps it deleted across a
# reinstall (dpkg does not restore a conffile the admin removed): write the same default.
ensure_policy_json() {
  local policy=/etc/containers/policy.json
  [[ -f "$policy" ]] && return 0
  say "writing $policy (Debian's default: accept any image): podman refuses to import without it"
  as_root mkdir -p /etc/containers || fail "cannot create /etc/containers (run as root)"
  as_root tee "$policy" >/dev/null <<'EOF' || fail "cannot write $policy (run as root)"
{"default": [{"type": "insecureAcceptAnything"}],
 "transports": {"docker-daemon": {"": [{"type": "insecureAcceptAnything"}]}}}
EOF
}

# crun refuses this kind of machine's hybrid cgroups, and root lacks rlimit headroom for
# podman's default ulimits: without this file every `podman run` fails.
ensure_containers_conf() {
  local conf=/etc/containers/containers.conf
  if [[ -f "$conf" ]]; then
    grep -q 'default_ulimits' "$conf" && grep -q 'runtime *= *"runc"' "$conf" ||
      say "warning: $conf exists without default_ulimits / runtime = \"runc\"; containers may fail to start"
    return 0
  fi
  say "writing $conf (default_ulimits nofile/nproc, runtime runc): podman needs it here"
  as_root mkdir -p /etc/containers || fail "cannot create /etc/containers (run as root)"
  as_root tee "$conf" >/dev/null <<'EOF' || fail "cannot write $conf (run as root)"
# Written by Mailroom's bin/tools/images.sh: without these, podman containers fail on this host.
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
EOF
}

# One bounded attempt to pull the public base image: it either arrives (and is used) or the
# registry is out of reach (a few seconds at most).
public_base_pulled() {
  timeout 120 podman pull -q "$PUBLIC_BASE" >/dev/null 2>&1
}

# The mirror apt already uses here, so debootstrap reaches whatever this machine reaches.
debian_mirror() {
  if [[ -n "${MAILROOM_DEBIAN_MIRROR:-}" ]]; then
    echo "$MAILROOM_DEBIAN_MIRROR"
  else
    "$ROOT/bin/tools/debian-mirror.sh" bookworm
  fi
}

# Every later call hides podman's own errors (image exists, pull): a podman that cannot start
# at all (a bad store path, a broken config) is said here, once, in podman's words.
ensure_podman_runs() {
  local err
  err="$(podman info 2>&1 >/dev/null)" ||
    fail "podman cannot run: $(printf '%s' "$err" | grep -m1 -i 'error' || printf '%s' "$err" | head -1)"
}

# A JRE 17 base image from Debian packages, made once and kept in podman's store.
ensure_debian_base() {
  if podman image exists "$DEBIAN_BASE"; then
    return 0
  fi
  ensure_tools with-debootstrap
  local rootfs="$STATE/images/debian-jre17-rootfs" t0=$SECONDS mirror
  step "finding the Debian mirror for debootstrap" "set MAILROOM_DEBIAN_MIRROR=<a Debian mirror URL>"
  # debian-mirror.sh has said why on stderr; this line says what it stopped.
  mirror="$(debian_mirror)" || fail "no Debian mirror for debootstrap: set MAILROOM_DEBIAN_MIRROR=<a Debian mirror URL>"
  say "Debian mirror for debootstrap: $mirror"
  step "making $DEBIAN_BASE with debootstrap from $mirror" "set MAILROOM_BASE_IMAGE to a Java 17 image, or MAILROOM_DEBIAN_MIRROR to a reachable mirror"
  say "making $DEBIAN_BASE from Debian packages (debootstrap bookworm, about 1-2 min; only once)"
  mkdir -p "$STATE/images"
  as_root rm -rf "$rootfs"
  if ! as_root debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "$mirror" \
    >"$STATE/images/debootstrap.log" 2>&1; then
    tail -20 "$STATE/images/debootstrap.log" >&2
    fail "debootstrap failed (log: $STATE/images/debootstrap.log). Set MAILROOM_BASE_IMAGE to a Java 17 image you can pull instead."
  fi
  as_root rm -rf "$rootfs/var/cache/apt/archives/"*.deb "$rootfs/var/lib/apt/lists/"*
  # Without ENV PATH, `podman kube play` cannot find java.
  tar -C "$rootfs" -c . | podman import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' - "$DEBIAN_BASE" >/dev/null ||
    fail "podman import of the Debian root filesystem failed"
  as_root rm -rf "$rootfs"
  say "made $DEBIAN_BASE in $((SECONDS - t0))s"
}

choose_base() {
  if [[ -n "${MAILROOM_BASE_IMAGE:-}" ]]; then
    BASE="$MAILROOM_BASE_IMAGE"
  elif podman image exists "$PUBLIC_BASE"; then
    BASE="$PUBLIC_BASE"
  elif podman image exists "$DEBIAN_BASE"; then
    BASE="$DEBIAN_BASE"
  elif public_base_pulled; then
    BASE="$PUBLIC_BASE"
  else
    say "no container registry reachable: using a base image made from Debian packages"
    step "making $DEBIAN_BASE from Debian packages" "set MAILROOM_BASE_IMAGE to a Java 17 image, or MAILROOM_DEBIAN_MIRROR to a reachable mirror"
    ensure_debian_base
    BASE="$DEBIAN_BASE"
  fi
}

# The fast-jar must exist and be newer than the module's sources.
ensure_jars() {
  local stale=() s jar pom m library_inputs=("$ROOT/pom.xml")
  # Every module but the services, k8s and bench is a library the services are built from.
  for pom in "$ROOT"/*/pom.xml; do
    m="$(basename "$(dirname "$pom")")"
    case " ${ALL_SERVICES[*]} k8s bench " in *" $m "*) ;; *) library_inputs+=("$ROOT/$m/src/main" "$pom") ;; esac
  done
  for s in "$@"; do
    jar="$ROOT/$s/target/quarkus-app/quarkus-run.jar"
    if [[ "${MAILROOM_IMAGES_PACKAGE:-1}" == 0 ]]; then
      [[ -f "$jar" ]] || fail "$jar is missing: run ./mvnw package -pl $s (or unset MAILROOM_IMAGES_PACKAGE)"
      continue
    fi
    if [[ ! -f "$jar" ]] ||
      [[ -n "$(find "$ROOT/$s/src/main" "$ROOT/$s/pom.xml" "${library_inputs[@]}" -newer "$jar" -type f \
        -not -path '*/src/main/docker/*' -print -quit 2>/dev/null)" ]]; then
      stale+=("$s")
    fi
  done
  ((${#stale[@]})) || return 0
  local modules
  modules="$(
    IFS=,
    echo "${stale[*]}"
  )"
  say "packaging ${stale[*]} (./mvnw package -DskipTests)"
  mkdir -p "$STATE/logs"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true -pl "$modules" -am) \
    >"$STATE/logs/images-package.log" 2>&1 || {
    tail -30 "$STATE/logs/images-package.log" >&2
    fail "./mvnw package failed (log: $STATE/logs/images-package.log)"
  }
}

main() {
  case "${1:-}" in -h | --help)
    sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    return 0 ;;
  esac
  local services=("$@")
  ((${#services[@]})) || services=("${ALL_SERVICES[@]}")
  local s t0=$SECONDS
  for s in "${services[@]}"; do
    [[ -f "$ROOT/$s/src/main/docker/Dockerfile.jvm" ]] || fail "unknown service '$s' (one of: ${ALL_SERVICES[*]})"
  done
  step "installing podman" "run 'apt-get install -y podman buildah runc slirp4netns fuse-overlayfs uidmap' as root"
  ensure_tools
  step "configuring podman" "write /etc/containers/containers.conf as root (see docs: default_ulimits, runtime runc)"
  ensure_containers_conf
  ensure_policy_json
  step "checking podman" "run 'podman info' and read its error"
  ensure_podman_runs
  step "choosing the base image" "set MAILROOM_BASE_IMAGE to a Java 17 image podman can pull"
  choose_base
  step "packaging the services" "run ./mvnw package -DskipTests and read its output"
  ensure_jars "${services[@]}"
  for s in "${services[@]}"; do
    local t1=$SECONDS previous
    step "building the image of $s" "run: podman build --build-arg BASE_IMAGE=$BASE -f $s/src/main/docker/Dockerfile.jvm $s"
    previous="$(podman image inspect --format '{{.Id}}' "localhost/mailroom/$s:$TAG" 2>/dev/null || true)"
    podman build -q --build-arg "BASE_IMAGE=$BASE" -f "$ROOT/$s/src/main/docker/Dockerfile.jvm" \
      -t "localhost/mailroom/$s:$TAG" "$ROOT/$s" >/dev/null ||
      fail "podman build of $s failed (run it again without -q to see why: podman build --build-arg BASE_IMAGE=$BASE -f $s/src/main/docker/Dockerfile.jvm $s)"
    say "built localhost/mailroom/$s:$TAG from $BASE in $((SECONDS - t1))s"
    # The image this tag named before is now unnamed: remove it (unless a container uses it).
    if [[ -n "$previous" && "$previous" != "$(podman image inspect --format '{{.Id}}' "localhost/mailroom/$s:$TAG")" ]]; then
      podman rmi "$previous" >/dev/null 2>&1 || true
    fi
  done
  say "${#services[@]} image(s) built in $((SECONDS - t0))s"
}

main "$@"
