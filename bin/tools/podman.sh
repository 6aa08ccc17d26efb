# bin/tools/podman.sh: sourced by images.sh and kube-smoke.sh.
#
# MAILROOM_PODMAN_STORE=DIR gives every podman call of the script an image and container store
# of its own (root and tmpdir under DIR), so kube-smoke can run the whole image path from an
# empty store without touching the machine's (see MAILROOM_KUBE_SMOKE_CLEAN).
#
# The runroot is not under DIR: podman refuses a runroot longer than 50 characters (its sockets
# live there), and DIR is as long as the checkout's path (/check/work/main/... in CI). It is
# /tmp/mailroom-podman-<12 hex digits of DIR's hash>: fixed length, one per store.
podman_runroot() { # store-dir
  printf '/tmp/mailroom-podman-%s' "$(printf '%s' "$1" | sha256sum | cut -c1-12)"
}

if [[ -n "${MAILROOM_PODMAN_STORE:-}" ]]; then
  MAILROOM_PODMAN_RUNROOT="$(podman_runroot "$MAILROOM_PODMAN_STORE")"
  podman() {
    command podman --root "$MAILROOM_PODMAN_STORE/root" --runroot "$MAILROOM_PODMAN_RUNROOT" \
      --tmpdir "$MAILROOM_PODMAN_STORE/tmp" "$@"
  }
fi
