# bin/tools/root.sh: sourced by bin/mailroom, images.sh and dovecot.sh: acting as root and
# installing Debian packages, written once.

# Runs a command as root: directly when we are, through password-less sudo otherwise; 1 if neither.
as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    return 1
  fi
}

# Prints, one a line, those of the named Debian packages that are not installed.
apt_missing() {
  local p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || printf '%s\n' "$p"; done
}

# Installs Debian packages as root, with `apt-get update` first (once per script). Other tools
# may be running apt at the same moment: it waits for apt's lock rather than fail.
APT_UPDATED=0
apt_get_install() {
  local apt=(as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300)
  if ((APT_UPDATED == 0)); then
    "${apt[@]}" update -qq || return 1
    APT_UPDATED=1
  fi
  "${apt[@]}" install -y -qq "$@"
}
