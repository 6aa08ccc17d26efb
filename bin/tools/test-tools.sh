#!/usr/bin/env bash
# bin/tools/test-tools.sh: tests of the shell tools themselves (bin/mailroom test runs it first).
#
# The image path once died without a word on a machine whose apt had only deb822 sources:
# these cases pin the mirror lookup on every apt layout and the one-line failure report of
# bin/tools/errors.sh, so "works on the machine that already had it" cannot come back.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

passed=0
failed=0
check() { # name expected actual
  if [[ "$2" == "$3" ]]; then
    passed=$((passed + 1))
    printf 'tools PASS %s\n' "$1"
  else
    failed=$((failed + 1))
    printf 'tools FAIL %s\n    expected: %s\n    actual:   %s\n' "$1" "$2" "$3"
  fi
}

apt_dir() { # name: a fresh apt folder
  mkdir -p "$TMP/$1/sources.list.d"
  printf '%s' "$TMP/$1"
}

mirror_of() { # apt-dir: "mirror|status|stderr lines"
  local out status lines
  out="$(MAILROOM_APT_DIR="$1" "$ROOT/bin/tools/debian-mirror.sh" 2>"$TMP/stderr")"
  status=$?
  lines="$(wc -l <"$TMP/stderr" | tr -d ' ')"
  printf '%s|%s|%s' "$out" "$status" "$lines"
}

# ---------------------------------------------------------------- the mirror lookup
d="$(apt_dir deb822-only)"
cat >"$d/sources.list.d/debian.sources" <<'EOF'
Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
EOF
check "deb822 only, no sources.list (the machine of issue 12)" "http://deb.debian.org/debian|0|0" "$(mirror_of "$d")"

d="$(apt_dir one-line-only)"
cat >"$d/sources.list" <<'EOF'
# a comment
deb [arch=amd64 signed-by=/usr/share/keyrings/x.gpg] http://mirror.example/debian-security bookworm-security main
deb-src http://src.example/debian bookworm main
deb http://mirror.example/debian/ bookworm main contrib
EOF
check "one-line sources.list only, options with spaces" "http://mirror.example/debian|0|0" "$(mirror_of "$d")"

d="$(apt_dir list-d-only)"
echo 'deb http://list-d.example/debian bookworm main' >"$d/sources.list.d/mirror.list"
check "one-line sources.list.d/*.list only" "http://list-d.example/debian|0|0" "$(mirror_of "$d")"

d="$(apt_dir mixed)"
echo 'deb http://updates.example/debian bookworm-updates main' >"$d/sources.list"
cat >"$d/sources.list.d/a.sources" <<'EOF'
Types: deb-src
URIs: http://src.example/debian
Suites: bookworm

Types: deb
Enabled: no
URIs: http://disabled.example/debian
Suites: bookworm

types: deb
uris: http://first.example/mirror
  http://second.example/mirror
suites: bookworm-updates
  bookworm
EOF
check "mixed: disabled, deb-src, continuation lines, lower-case keys" "http://first.example/mirror|0|0" "$(mirror_of "$d")"

d="$(apt_dir no-suite)"
echo 'deb http://other.example/debian trixie main' >"$d/sources.list"
check "no source for bookworm: the /debian mirror of another suite" "http://other.example/debian|0|0" "$(mirror_of "$d")"

d="$(apt_dir empty)"
result="$(mirror_of "$d")"
check "no sources at all: exit 1 with one line" "|1|1" "$result"
check "that line names MAILROOM_DEBIAN_MIRROR" "yes" "$(grep -q MAILROOM_DEBIAN_MIRROR "$TMP/stderr" && echo yes)"
check "no apt folder at all: exit 1 with one line" "|1|1" "$(mirror_of "$TMP/absent")"

# ---------------------------------------------------------------- one line per failure
script() { # body: a script that sources errors.sh with a fail() like the tools' own
  cat >"$TMP/script.sh" <<EOF
set -euo pipefail
fail() { printf 'demo: FAILED: %s\n' "\$*" >&2; exit 1; }
source "$ROOT/bin/tools/errors.sh"
errors_init demo fail
$1
EOF
  bash "$TMP/script.sh" >"$TMP/stdout" 2>"$TMP/stderr"
  printf '%s|%s' "$?" "$(cat "$TMP/stderr")"
}

check "a failing command substitution in a function: one line with step, command and fix" \
  "1|demo: FAILED: finding the mirror: \`mirror=\"\$(false)\"\` failed (status 1, script.sh line 7). set MIRROR" \
  "$(script $'lookup() {\n  step "finding the mirror" "set MIRROR"\n  mirror="$(false)"\n  echo "not reached"\n}\nlookup')"

check "a pipeline whose first command fails (pipefail), at top level" \
  "1|demo: FAILED: \`sort > /dev/null\` failed (status 1, script.sh line 5). See the lines above for why." \
  "$(script $'cat /nonexistent/sources.list 2>/dev/null | sort >/dev/null')"

check "a failing subshell reports once, with the command inside it" \
  "1|demo: FAILED: in a subshell: \`false\` failed (status 1, script.sh line 6). fix it" \
  "$(script $'step "in a subshell" "fix it"\n(true; false; true)\necho "not reached"')"

check "nothing is reported where the script turned set -e off on purpose" \
  "0|" "$(script $'set +e\nfalse\nx="$(false)"\nset -e\ntrue')"

check "nothing is reported for a failure the script handles itself" \
  "0|" "$(script $'x="$(false)" || true\nif ! false; then :; fi\nfalse && true\ntrue')"

check "a function that returns non-zero on purpose has said why: no second line" \
  "3|" "$(script $'check_it() {\n  return 3\n}\ncheck_it\necho "not reached"')"

# ---------------------------------------------------------------- a podman store of its own
# CI clones into a longer path than a session's checkout; podman refuses a runroot over 50
# characters, which once failed the image path in CI alone. A stand-in podman prints its args.
mkdir -p "$TMP/bin"
printf '#!/bin/sh\nprintf "%%s\\n" "$@"\n' >"$TMP/bin/podman"
chmod +x "$TMP/bin/podman"
runroot_of() { # store-dir: the --runroot podman.sh passes for it
  PATH="$TMP/bin:$PATH" MAILROOM_PODMAN_STORE="$1" bash -c \
    "source '$ROOT/bin/tools/podman.sh'; podman info" | grep -A1 -x -- --runroot | tail -1
}
long="/check/work/a-checkout-path-well-over-fifty-characters/main/.mailroom/kube-smoke/clean-store"
r1="$(runroot_of "$long")"
check "a store under a long checkout path gets a runroot podman accepts (<= 50 chars)" \
  "yes" "$( ((${#r1} > 0 && ${#r1} <= 50)) && echo yes || echo "no: '$r1' (${#r1})")"
check "the same store always gets the same runroot, another store another" \
  "same|other" "$([[ "$(runroot_of "$long")" == "$r1" ]] && echo same)|$(
    [[ "$(runroot_of "$long-2")" != "$r1" ]] && echo other)"

printf 'tools: %s passed, %s failed\n' "$passed" "$failed"
((failed == 0))
