#!/usr/bin/env bash
# bin/tools/dovecot.sh: Debian's Dovecot 2.3 as the reference server of `bin/mailroom bench`.
#
# It runs with a configuration of its own, written under $MAILROOM_HOME/bench/dovecot/ (ports,
# base_dir, state, log, passwd-file users, maildirs): nothing in /etc/dovecot is read or changed,
# and Debian's own dovecot service is left alone, except one that our own package install started.
#
#   dovecot.sh install                  install the Debian packages when missing
#   dovecot.sh start [--fresh] [--sessions N] [--accounts FILE.tsv]
#                                       write the config, the users (from the bench accounts TSV),
#                                       start, wait for "* OK"; --fresh empties the maildirs first;
#                                       --sessions: how many IMAP sessions it must hold at once
#   dovecot.sh stop                     stop it by the pid in base_dir/master.pid, children too
#   dovecot.sh status                   running or stopped, pid, ports
#   dovecot.sh sieve-on USER...         put and activate the bench Sieve script of each user
#   dovecot.sh sieve-off USER...        remove it
#
# Ports (127.0.0.1): MAILROOM_BENCH_DOVECOT_IMAP_PORT (31143), _POP3_PORT (31110), _LMTP_PORT (31024).
# bench.sh sources this file for its functions; run alone, it calls the command given.
set -euo pipefail

DOVECOT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DOVECOT_STATE="${MAILROOM_HOME:-$DOVECOT_ROOT/.mailroom}"
DOVECOT_DIR="$DOVECOT_STATE/bench/dovecot"
DOVECOT_CONF="$DOVECOT_DIR/dovecot.conf"
DOVECOT_BASE="$DOVECOT_DIR/run"
DOVECOT_LOG="$DOVECOT_DIR/log/dovecot.log"
DOVECOT_IMAP_PORT="${MAILROOM_BENCH_DOVECOT_IMAP_PORT:-31143}"
DOVECOT_POP3_PORT="${MAILROOM_BENCH_DOVECOT_POP3_PORT:-31110}"
DOVECOT_LMTP_PORT="${MAILROOM_BENCH_DOVECOT_LMTP_PORT:-31024}"
# LMTP recipients are user@DOMAIN; the domain is dropped (auth_username_format = %Ln).
DOVECOT_LMTP_DOMAIN="${MAILROOM_BENCH_LMTP_DOMAIN:-mailroom.test}"
# The one system user owning every bench maildir (Dovecot never runs mail processes as root).
DOVECOT_MAIL_USER="${MAILROOM_BENCH_MAIL_USER:-benchmail}"
DOVECOT_PACKAGES=(dovecot-imapd dovecot-pop3d dovecot-lmtpd dovecot-sieve)

dc_say() { printf '%s\n' "$*"; }
# One line naming the step and the fix; bench.sh overrides it with its own (which also cleans up).
if ! declare -F fail >/dev/null; then
  fail() {
    printf 'dovecot: %s\n' "$*" >&2
    exit 1
  }
fi

dc_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The bench Sieve script, the same text for both targets (bench-hook.sh puts it into Mailroom).
# A user's own filter: list mail filed away, one subject in ten flagged, the rest kept untouched.
# The corpus has no List-Id today, so every message stays in INBOX (the driver's lmtp check counts
# INBOX); a corpus with list mail needs that check to count "Lists" too.
bench_sieve_script() {
  cat <<'EOF'
require ["fileinto", "imap4flags", "mailbox"];
# bench: file list mail, flag some subjects, keep the rest
if exists "List-Id" {
  fileinto :create "Lists";
} elsif header :matches "Subject" "bench *7 *" {
  addflag "\\Flagged";
}
EOF
}

# ------------------------------------------------------------------ install

# shellcheck source=bin/tools/root.sh
source "$DOVECOT_ROOT/bin/tools/root.sh"

dovecot_install() {
  local missing=()
  mapfile -t missing < <(apt_missing "${DOVECOT_PACKAGES[@]}")
  if ((${#missing[@]})); then
    local cmd="apt-get install -y ${missing[*]}"
    dc_say "installing Debian packages: ${missing[*]}"
    # Whether the system's dovecot ran before: only one that our install started is stopped below.
    local before=""
    before="$(system_dovecot_pid)"
    apt_get_install "${missing[@]}" >"$DOVECOT_STATE/logs/dovecot-install.log" 2>&1 ||
      fail "install: 'apt-get update && $cmd' failed (run it as root). Its output: $DOVECOT_STATE/logs/dovecot-install.log"
    [[ -z "$before" ]] && stop_system_dovecot_started_by_install
  fi
  command -v dovecot >/dev/null && command -v doveadm >/dev/null ||
    fail "install: dovecot or doveadm is not on PATH after installing ${DOVECOT_PACKAGES[*]}"
}

# The pid of Debian's own dovecot (default config, base_dir /run/dovecot), when one runs.
system_dovecot_pid() {
  local pid
  pid="$(cat /run/dovecot/master.pid 2>/dev/null || true)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == dovecot ]]; then
    printf '%s\n' "$pid"
  fi
}

# Debian's postinst starts the system service through invoke-rc.d (where policy-rc.d allows it,
# and where there is no systemd, on the default ports 143/110). The bench does not want it: stop
# that one by its own pid and keep it from starting at boot.
stop_system_dovecot_started_by_install() {
  local pid
  pid="$(system_dovecot_pid)"
  if [[ -n "$pid" ]]; then
    dc_say "the package install started Debian's dovecot service (pid $pid, /etc/dovecot config): stopping it by its pid"
    stop_tree "$pid"
  fi
  if [[ -d /run/systemd/system ]]; then
    as_root systemctl disable --now dovecot.service dovecot.socket >/dev/null 2>&1 || true
  else
    as_root systemctl disable dovecot.service dovecot.socket >/dev/null 2>&1 || true
    as_root update-rc.d dovecot disable >/dev/null 2>&1 || true
  fi
  dc_say "Debian's dovecot service is disabled (systemctl/update-rc.d); the bench runs its own instance"
}

# ------------------------------------------------------------------ processes

# Every descendant of a pid, found through /proc/*/stat's ppid.
descendants() {
  local root="$1"
  awk -v root="$root" '
    FNR == 1 {
      line = $0
      sub(/^.*\) /, "", line)    # the comm field may hold spaces and parentheses
      split(line, f, " ")
      pid = FILENAME; sub("/proc/", "", pid); sub("/stat", "", pid)
      parent[pid] = f[2]
    }
    END {
      want[root] = 1
      do {
        added = 0
        for (p in parent) if (!(p in want) && (parent[p] in want)) { want[p] = 1; added = 1 }
      } while (added)
      for (p in want) if (p != root) print p
    }' /proc/[0-9]*/stat 2>/dev/null || true
}

# Stop a process and every descendant it had, by pid: TERM, then KILL what is left after 15 s.
stop_tree() {
  local root="$1" pids p
  pids="$root $(descendants "$root" | tr '\n' ' ')"
  kill -TERM "$root" 2>/dev/null || true
  local deadline=$((SECONDS + 15)) left
  while :; do
    left=""
    for p in $pids; do kill -0 "$p" 2>/dev/null && left+="$p "; done
    [[ -z "$left" ]] && return 0
    ((SECONDS < deadline)) || break
    sleep 0.2
  done
  # shellcheck disable=SC2086
  kill -KILL $left 2>/dev/null || true
}

dovecot_pid() {
  local pid
  pid="$(cat "$DOVECOT_BASE/master.pid" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == dovecot ]]; then
    printf '%s\n' "$pid"
  fi
}

# ------------------------------------------------------------------ config

dovecot_mail_owner() {
  if ! getent passwd "$DOVECOT_MAIL_USER" >/dev/null; then
    as_root useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
      --user-group "$DOVECOT_MAIL_USER" ||
      fail "config: could not create the system user $DOVECOT_MAIL_USER (as root: useradd --system --user-group $DOVECOT_MAIL_USER)"
  fi
  MAIL_UID="$(id -u "$DOVECOT_MAIL_USER")"
  MAIL_GID="$(id -g "$DOVECOT_MAIL_USER")"
}

# Dovecot's processes run as dovecot, dovenull and $DOVECOT_MAIL_USER: each folder from / down to
# the bench folder must let them through (search permission only, no listing).
dovecot_reachable_dirs() {
  local d="$DOVECOT_DIR"
  while [[ "$d" != / ]]; do
    if [[ -d "$d" ]] && [[ "$(stat -c %A "$d" | cut -c10)" != [xt] ]]; then
      if [[ "$d" == "$DOVECOT_STATE"* ]]; then
        chmod o+x "$d"
      else
        fail "config: $d is not searchable by other users, and Dovecot's processes need to reach $DOVECOT_DIR. Run: chmod o+x $d"
      fi
    fi
    d="$(dirname "$d")"
  done
}

# Limits that grow with the number of sessions the run holds at once (the idle workload).
dovecot_write_config() {
  local sessions="$1"
  local processes=$((sessions + 500))
  ((processes < 1024)) && processes=1024
  local clients=$((2 * processes + 1000))
  mkdir -p "$DOVECOT_DIR/log" "$DOVECOT_DIR/state" "$DOVECOT_DIR/mail"
  chown "$MAIL_UID:$MAIL_GID" "$DOVECOT_DIR/mail"
  cat >"$DOVECOT_CONF" <<EOF
# Written by bin/tools/dovecot.sh for bin/mailroom bench; rewritten at every start.
# Nothing from /etc/dovecot: Debian's defaults where it matters (process-per-login, maildir),
# with its own ports, folders and users.
instance_name = mailroom-bench
protocols = imap pop3 lmtp
listen = 127.0.0.1
base_dir = $DOVECOT_BASE
state_dir = $DOVECOT_DIR/state
log_path = $DOVECOT_LOG
info_log_path = $DOVECOT_LOG
hostname = localhost
postmaster_address = postmaster@$DOVECOT_LMTP_DOMAIN

ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# LMTP recipients arrive as user@domain; the passwd-file knows the bare user.
auth_username_format = %Ln
# Stock auth settings (auth_cache_size = 0). Dovecot 2.3's auth cache keeps the passdb's
# BLF-CRYPT hash and still runs bcrypt against it on every login: measured on 2026-12-08 it
# left CPU per login unchanged (65.0 vs 65.7 ms), so it is not turned on here.
passdb {
  driver = passwd-file
  args = scheme=BLF-CRYPT $DOVECOT_DIR/users
}
userdb {
  driver = static
  args = uid=$MAIL_UID gid=$MAIL_GID home=$DOVECOT_DIR/mail/%u
}
first_valid_uid = $MAIL_UID
last_valid_uid = $MAIL_UID
first_valid_gid = $MAIL_GID
last_valid_gid = $MAIL_GID

mail_location = maildir:~/Maildir
# The mailboxes Mailroom gives every account, with its hierarchy separator, so that the same
# workload finds the same folders on both servers.
namespace inbox {
  inbox = yes
  separator = /
  mailbox Archive {
    auto = create
    special_use = \\Archive
  }
  mailbox Drafts {
    auto = create
    special_use = \\Drafts
  }
  mailbox Junk {
    auto = create
    special_use = \\Junk
  }
  mailbox Sent {
    auto = create
    special_use = \\Sent
  }
  mailbox Trash {
    auto = create
    special_use = \\Trash
  }
}
lda_mailbox_autocreate = yes

# The idle workload holds $sessions sessions at once: one imap process each (Debian's model),
# and the services every mail process talks to must take that many clients.
default_client_limit = $clients
service imap {
  process_limit = $processes
}
service pop3 {
  process_limit = $processes
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $DOVECOT_IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = $DOVECOT_POP3_PORT
  }
  inet_listener pop3s {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $DOVECOT_LMTP_PORT
  }
}
protocol imap {
  mail_max_userip_connections = 100
}
protocol pop3 {
  mail_max_userip_connections = 100
}
protocol lmtp {
  mail_plugins = \$mail_plugins sieve
}
plugin {
  sieve = file:~/sieve;active=~/.dovecot.sieve
}
EOF
}

# The passwd-file from the bench accounts TSV. Every account has the bench's one password, so
# its BLF-CRYPT hash (cost 10, as Mailroom's bcrypt) is computed once and kept beside it.
dovecot_write_users() {
  local tsv="$1"
  [[ -s "$tsv" ]] || fail "config: the accounts file $tsv is missing or empty"
  local password
  password="$(awk -F'\t' 'NR == 1 { print $2 }' "$tsv")"
  [[ -n "$password" ]] || fail "config: the first line of $tsv has no password"
  if awk -F'\t' -v p="$password" '$2 != p { found = 1 } END { exit !found }' "$tsv"; then
    fail "config: the accounts in $tsv must share one password (bench.sh writes them so)"
  fi
  local key hash=""
  key="$(printf '%s' "$password" | sha256sum | cut -c1-16)"
  if [[ -s "$DOVECOT_DIR/password.hash" ]] && [[ "$(head -1 "$DOVECOT_DIR/password.hash")" == "$key" ]]; then
    hash="$(sed -n 2p "$DOVECOT_DIR/password.hash")"
  fi
  if [[ -z "$hash" ]]; then
    hash="$(doveadm -c "$DOVECOT_CONF" pw -s BLF-CRYPT -r 10 -p "$password")" ||
      fail "config: doveadm pw -s BLF-CRYPT failed"
    (umask 077 && printf '%s\n%s\n' "$key" "$hash" >"$DOVECOT_DIR/password.hash")
  fi
  # The auth process (user dovecot) reads the file; nobody else needs to.
  (umask 027 && awk -F'\t' -v h="$hash" 'NF >= 2 { print $1 ":" h "::::::" }' "$tsv" >"$DOVECOT_DIR/users.new")
  chgrp dovecot "$DOVECOT_DIR/users.new"
  mv -f "$DOVECOT_DIR/users.new" "$DOVECOT_DIR/users"
}

# ------------------------------------------------------------------ start, stop

# Every IDLE session is an imap process of the one mail uid holding an inotify instance; past the
# kernel's per-uid limit (128 by default) Dovecot falls back to polling every 30 s and says
# "Increase /proc/sys/fs/inotify/max_user_instances" in its log. Raised, never lowered.
dovecot_inotify() {
  local need=$(($1 + 256)) file=/proc/sys/fs/inotify/max_user_instances have
  have="$(cat "$file" 2>/dev/null || echo "$need")"
  ((have >= need)) && return 0
  if as_root sh -c "echo $need > $file" 2>/dev/null; then
    dc_say "raised fs.inotify.max_user_instances from $have to $need: each of Dovecot's IDLE sessions (one uid) holds an inotify instance"
  else
    printf 'dovecot: warning: fs.inotify.max_user_instances is %s, below %s: IDLE sessions past it poll every 30 s (raise it as root: sysctl fs.inotify.max_user_instances=%s)\n' "$have" "$need" "$need" >&2
  fi
}

# Greeting of the IMAP port: "* OK ..." once the master and imap-login are up.
dovecot_greets() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$DOVECOT_IMAP_PORT" || exit 1
    line=""
    IFS= read -r -t 2 line <&3 || true
    [[ "$line" == "* OK"* ]]
  ) 2>/dev/null
}

dovecot_start() {
  local fresh=0 sessions=2000 accounts="$DOVECOT_STATE/bench/accounts.tsv"
  while (($#)); do
    case "$1" in
      --fresh) fresh=1 ;;
      --sessions) sessions="${2:?--sessions needs a number}"; shift ;;
      --accounts) accounts="${2:?--accounts needs a file}"; shift ;;
      *) fail "start: unknown option '$1' (--fresh, --sessions N, --accounts FILE)" ;;
    esac
    shift
  done
  dovecot_install
  local old
  old="$(dovecot_pid)"
  if [[ -n "$old" ]]; then
    dc_say "stopping the bench dovecot left running (pid $old)"
    dovecot_stop >/dev/null
  fi
  local port var
  for var in IMAP POP3 LMTP; do
    port="DOVECOT_${var}_PORT"
    port="${!port}"
    if dc_port_open "$port"; then
      fail "start: port $port (dovecot $var) is taken; free it or move it with MAILROOM_BENCH_DOVECOT_${var}_PORT=<port>"
    fi
  done
  mkdir -p "$DOVECOT_DIR" "$DOVECOT_STATE/logs"
  dovecot_mail_owner
  dovecot_reachable_dirs
  if ((fresh)); then
    rm -rf "$DOVECOT_DIR/mail"
  fi
  dovecot_inotify "$sessions"
  dovecot_write_config "$sessions"
  dovecot_write_users "$accounts"
  dovecot_reachable_dirs
  : >>"$DOVECOT_LOG"
  # One imap process per session, each with its fds in the master, log and stats processes.
  # setsid: its own session, so a Ctrl-C at the terminal reaches bench.sh, which stops it by pid.
  (ulimit -n "$(ulimit -Hn)" && exec setsid dovecot -c "$DOVECOT_CONF") ||
    fail "start: 'dovecot -c $DOVECOT_CONF' failed. Its log: $DOVECOT_LOG"
  local deadline=$((SECONDS + 30))
  until [[ -n "$(dovecot_pid)" ]] && dovecot_greets; do
    if ((SECONDS >= deadline)); then
      tail -5 "$DOVECOT_LOG" >&2 || true
      fail "start: dovecot did not answer '* OK' on 127.0.0.1:$DOVECOT_IMAP_PORT within 30s. Its log: $DOVECOT_LOG"
    fi
    sleep 0.2
  done
  DOVECOT_MASTER_PID="$(dovecot_pid)"
  dc_say "dovecot $(dovecot --version | cut -d' ' -f1) running (pid $DOVECOT_MASTER_PID): imap 127.0.0.1:$DOVECOT_IMAP_PORT pop3 :$DOVECOT_POP3_PORT lmtp :$DOVECOT_LMTP_PORT, config $DOVECOT_CONF"
}

dovecot_stop() {
  local pid
  pid="$(dovecot_pid)"
  if [[ -z "$pid" ]]; then
    dc_say "the bench dovecot is not running"
    return 0
  fi
  stop_tree "$pid"
  local port
  for port in "$DOVECOT_IMAP_PORT" "$DOVECOT_POP3_PORT" "$DOVECOT_LMTP_PORT"; do
    ! dc_port_open "$port" || fail "stop: port $port still answers after dovecot (pid $pid) stopped"
  done
  dc_say "stopped dovecot (pid $pid)"
}

dovecot_status() {
  local pid
  pid="$(dovecot_pid)"
  if [[ -n "$pid" ]]; then
    dc_say "dovecot running, pid $pid, imap $DOVECOT_IMAP_PORT pop3 $DOVECOT_POP3_PORT lmtp $DOVECOT_LMTP_PORT, $(descendants "$pid" | wc -l) child processes"
  else
    dc_say "dovecot stopped"
  fi
}

# ------------------------------------------------------------------ Sieve

# Pigeonhole's layout: scripts in ~/sieve, the active one linked from ~/.dovecot.sieve.
dovecot_sieve() { # on|off USER...
  local mode="$1" user home
  shift
  [[ -n "${MAIL_UID:-}" ]] || dovecot_mail_owner
  for user in "$@"; do
    [[ "$user" =~ ^[A-Za-z0-9._-]+$ ]] || fail "sieve-$mode: bad user name '$user'"
    home="$DOVECOT_DIR/mail/$user"
    if [[ "$mode" == on ]]; then
      mkdir -p "$home/sieve"
      bench_sieve_script >"$home/sieve/bench.sieve"
      ln -sfn sieve/bench.sieve "$home/.dovecot.sieve"
      chown -R -h "$MAIL_UID:$MAIL_GID" "$home"
    else
      rm -f "$home/.dovecot.sieve" "$home/.dovecot.svbin" "$home/sieve/bench.sieve" "$home/sieve/bench.svbin"
    fi
  done
}

dovecot_main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in
    install) mkdir -p "$DOVECOT_STATE/logs" && dovecot_install ;;
    start) dovecot_start "$@" ;;
    stop) dovecot_stop ;;
    status) dovecot_status ;;
    sieve-on) dovecot_sieve on "$@" ;;
    sieve-off) dovecot_sieve off "$@" ;;
    *)
      sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
      exit 2
      ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  dovecot_main "$@"
fi
