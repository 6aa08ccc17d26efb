# bin/tools/errors.sh: sourced by bin/mailroom and the scripts in bin/tools.
#
# Under `set -e` a failing command ends a script without a word, and inside a command
# substitution (`x="$(cmd)"`) even its own error handling never runs. This turns every such
# exit into one line naming the step, the command and the fix:
#
#   errors_init NAME FAIL_FUNCTION   # once, after `set -euo pipefail`
#   step "building the images" "run bin/mailroom images to see podman's output"
#
# FAIL_FUNCTION (the script's own `fail`) prints the line and does the script's clean-up.

errors_init() {
  ERRORS_NAME="$1"
  ERRORS_FAIL="$2"
  STEP=""
  STEP_FIX=""
  set -E # command substitutions, subshells and functions inherit the trap
  trap 'errors_on_err $? $LINENO "$BASH_COMMAND"' ERR
}

step() {
  STEP="$1"
  STEP_FIX="${2:-}"
}

errors_on_err() {
  local status="$1" line="$2" command="$3"
  # ERR also fires where a script runs with `set +e` on purpose: only an exit `set -e` is
  # about to make is a failure to report.
  [[ $- == *e* ]] || return 0
  # A function that returns non-zero on purpose (`err "why"; return 1`) has said why itself.
  [[ "$command" == return* ]] && exit "$status"
  # A command substitution or subshell reports once and tells its parent with 199, so the
  # parent's own trap (its assignment failed too) stays quiet.
  if ((status == 199)); then
    ((BASH_SUBSHELL > 0)) && exit 199
    exit 1
  fi
  local where="${BASH_SOURCE[1]##*/} line $line"
  local message="${STEP:+$STEP: }\`$command\` failed (status $status, $where)"
  message+=". ${STEP_FIX:-See the lines above for why.}"
  if ((BASH_SUBSHELL > 0)); then
    printf '%s: FAILED: %s\n' "$ERRORS_NAME" "$message" >&2
    exit 199
  fi
  "$ERRORS_FAIL" "$message"
}
