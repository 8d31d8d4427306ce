# shellcheck shell=bash
# Shared by the hostile-input tests (tests/hostile/*.sh BIN ROW): one row of
# the catalogue in docs/SECURITY.md per call. Every run of sipzone goes
# through `run`, which fails on a crash (exit >= 128) or a hang (timeout),
# not only on a wrong exit code.
set -u
bin=$1
row=${2:-}
# shellcheck disable=SC2034 # used by the scripts that source this file
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL [$row]: $*"; exit 1; }
skip() { echo "SKIP [$row]: $*"; exit 77; }

# run WANT SECONDS CMD...: stdout to $tmp/out, stderr to $tmp/err, exit code
# in $rc. Fails unless the command ends within SECONDS, without a signal,
# with exit WANT ("0|1" allows either).
run() {
	local want=$1 secs=$2
	shift 2
	timeout -k 5 "$secs" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then fail "hang: '$*' did not end within ${secs}s"; fi
	[ $rc -lt 128 ] || { tail -5 "$tmp/err"; fail "crash: '$*' exited $rc"; }
	case "|$want|" in
	*"|$rc|"*) ;;
	*) tail -20 "$tmp/err"; fail "'$*' exited $rc, expected $want" ;;
	esac
}

# said REGEX [FILE]: the messages (stderr by default) match REGEX.
said() {
	grep -qE -- "$1" "${2:-$tmp/err}" || { head -c 4000 "${2:-$tmp/err}"; fail "no message matching /$1/"; }
}

# quiet_enough BYTES: stderr stays short (a huge input is never echoed).
quiet_enough() {
	local n
	n=$(wc -c <"$tmp/err")
	[ "$n" -le "$1" ] || { head -c 2000 "$tmp/err"; fail "stderr is $n bytes, more than $1"; }
}

# A listing of DIR that changes if any file's name, content, inode or mtime does.
snapshot() { (cd "$1" && find . -mindepth 1 -printf '%p %i %T@ %s %y\n' | sort && find . -type f -exec sha256sum {} + | sort); }

# Peak resident memory of a command in KiB, in $peak_kb; exit code in $rc.
# (getrusage of the child, the value /usr/bin/time -f %M prints.)
measure() {
	local out
	out=$(python3 - "$@" <<'EOF'
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
EOF
)
	rc=${out% *}
	# shellcheck disable=SC2034 # the result, read by the caller
	peak_kb=${out#* }
}

# The sanitizers and libFuzzer's instrumentation change memory and speed
# beyond any fixed bound.
instrumented() { nm -an "$bin" 2>/dev/null | grep -e __asan_init -e __sanitizer_cov >/dev/null; } # no -q: with pipefail it would fail the pipe by SIGPIPE
