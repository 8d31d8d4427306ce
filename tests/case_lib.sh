# shellcheck shell=bash disable=SC2034
# (SC2034: its variables are for the runner that sources it)
# tests/case_lib.sh: what the case runners of `sipzone check` and
# `sipzone diff` share (run_check_case.sh, run_diff_case.sh). Source it with
# VERB (check, diff) and EXIT_MEANING (the three exit codes in words) set and
# the runner's arguments BIN CASEDIR. It checks the case folder (args,
# expected, exit, README), reads ARGS, want_exit and STDIN (CASEDIR/stdin or
# /dev/null), makes $tmp (removed on exit), prints the case's first README
# line, and defines note, bad (fail=1, go on), die (exit 1) and
# check_rc LABEL RC (the expected exit code; a hang or a crash said so).
set -u

SZ_TIMEOUT=${SZ_TIMEOUT:-60}

fail=0
note() { printf '%s\n' "$*" >&2; }
bad() { printf 'FAIL: %s\n' "$*" >&2; fail=1; }
die() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: run_${VERB}_case.sh BIN CASEDIR"
BIN=$1
CASEDIR=$2
case $BIN in
  */*) case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac ;;
esac
command -v jq >/dev/null 2>&1 || die "jq is not installed (the test parses the JSON output with it; apt-get install jq)"
[ -d "$CASEDIR" ] || die "no such case folder: $CASEDIR"
CASEDIR=$(cd "$CASEDIR" && pwd) || die "cannot enter $CASEDIR"
case_name=$(basename "$CASEDIR")
for f in args expected exit README; do
  [ -f "$CASEDIR/$f" ] || die "$case_name: the case folder lacks the file '$f'"
done
[ -x "$BIN" ] || command -v "$BIN" >/dev/null 2>&1 || die "$case_name: the sipzone binary '$BIN' does not exist (not built yet?)"

read -r -a ARGS <"$CASEDIR/args" || true
want_exit=$(tr -d ' \t\r\n' <"$CASEDIR/exit")
case $want_exit in
  0|1|2) ;;
  *) die "$case_name: 'exit' must hold 0, 1 or 2, not '$want_exit'" ;;
esac
STDIN=/dev/null
[ -f "$CASEDIR/stdin" ] && STDIN=$CASEDIR/stdin

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sz-$VERB-case.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

note "case $case_name: $(head -n 1 "$CASEDIR/README")"

# Expected exit code and the meaning of a bad one.
check_rc() { # label rc
  local label=$1 rc=$2
  if [ "$rc" -eq 124 ]; then
    bad "$label: timed out after ${SZ_TIMEOUT}s (hang?)"
  elif [ "$rc" -ge 128 ]; then
    bad "$label: crashed (exit $rc = signal $((rc - 128)))"
  elif [ "$rc" -ne "$want_exit" ]; then
    bad "$label: exit code $rc, expected $want_exit ($EXIT_MEANING)"
  fi
}
