# bin/tools/podman.sh: sourced by images.sh and kube-smoke.sh.
#
# MAILROOM_PODMAN_STORE=DIR gives every podman call of the script an image and container store
# of its own (root, runroot and tmpdir under DIR), so kube-smoke can run the whole image path
# from an empty store without touching the machine's (see MAILROOM_KUBE_SMOKE_CLEAN).
if [[ -n "${MAILROOM_PODMAN_STORE:-}" ]]; then
  podman() {
    command podman --root "$MAILROOM_PODMAN_STORE/root" --runroot "$MAILROOM_PODMAN_STORE/run" \
      --tmpdir "$MAILROOM_PODMAN_STORE/tmp" "$@"
  }
fi
