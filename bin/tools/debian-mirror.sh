#!/usr/bin/env bash
# bin/tools/debian-mirror.sh: prints the Debian mirror this machine's apt already uses, for
# debootstrap (bin/tools/images.sh), so the base image comes from wherever apt reaches.
#
#   bin/tools/debian-mirror.sh [SUITE]     (default SUITE: bookworm)
#
# Reads every apt source there is, in both formats, and tolerates any of them being absent:
#   $MAILROOM_APT_DIR/sources.list               one-line format ("deb [opts] URI SUITE COMP...")
#   $MAILROOM_APT_DIR/sources.list.d/*.list      one-line format
#   $MAILROOM_APT_DIR/sources.list.d/*.sources   deb822 stanzas (Types/URIs/Suites/Enabled)
# MAILROOM_APT_DIR defaults to /etc/apt; the tests point it at a folder of their own.
# Picks the first enabled binary ("deb") source that serves SUITE itself (not -updates or
# -security); failing that, the first whose URI ends in /debian. Exits 1 with one line saying
# what to set when there is none.
set -euo pipefail

SUITE="${1:-bookworm}"
APT_DIR="${MAILROOM_APT_DIR:-/etc/apt}"

shopt -s nullglob
one_line=()
[[ -f "$APT_DIR/sources.list" ]] && one_line+=("$APT_DIR/sources.list")
one_line+=("$APT_DIR"/sources.list.d/*.list)
deb822=("$APT_DIR"/sources.list.d/*.sources)

# Every enabled "deb" source as "URI<TAB>SUITE SUITE...", in the order apt reads them.
sources() {
  local f
  for f in "${one_line[@]}"; do
    # Options may hold spaces ("[arch=amd64 signed-by=...]"): drop the bracketed group first.
    sed -E 's/#.*//; s/\[[^]]*\]//' "$f" | awk '$1 == "deb" && NF >= 3 { print $2 "\t" $3 }'
  done
  for f in "${deb822[@]}"; do
    awk '
      function flush() {
        if (types ~ /(^| )deb( |$)/ && tolower(enabled) != "no" && uris != "") {
          n = split(uris, u, " ")
          for (i = 1; i <= n; i++) print u[i] "\t" suites
        }
        types = ""; uris = ""; suites = ""; enabled = ""; key = ""
      }
      /^#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^[ \t]/ {  # a continuation line adds to the field before it
        sub(/^[ \t]+/, "")
        if (key == "types") types = types " " $0
        else if (key == "uris") uris = uris " " $0
        else if (key == "suites") suites = suites " " $0
        next
      }
      {
        i = index($0, ":")
        if (i == 0) next
        key = tolower(substr($0, 1, i - 1))
        value = substr($0, i + 1)
        gsub(/^[ \t]+|[ \t]+$/, "", value)
        if (key == "types") types = value
        else if (key == "uris") uris = value
        else if (key == "suites") suites = value
        else if (key == "enabled") enabled = value
      }
      END { flush() }
    ' "$f"
  done
}

all="$(sources)"
mirror="$(awk -F '\t' -v suite="$SUITE" '
  { n = split($2, s, " "); for (i = 1; i <= n; i++) if (s[i] == suite) { print $1; exit } }
' <<<"$all")"
if [[ -z "$mirror" ]]; then
  mirror="$(awk -F '\t' '$1 ~ /\/debian\/?$/ { print $1; exit }' <<<"$all")"
fi
if [[ -z "$mirror" ]]; then
  printf 'debian-mirror: no enabled "deb" source for %s in %s/sources.list, %s/sources.list.d/*.list or *.sources: set MAILROOM_DEBIAN_MIRROR=<a Debian mirror URL>\n' \
    "$SUITE" "$APT_DIR" "$APT_DIR" >&2
  exit 1
fi
printf '%s\n' "${mirror%/}"
