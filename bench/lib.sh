# shellcheck shell=bash
# bench/lib.sh: shared by bench/generate and bench/check (sourced, not run).
# Measures commands with GNU time and prints the comparison tables.
#
# The caller sets `tmp` (a scratch directory it removes on exit) before calling
# bench_run, and may set BENCH_RUNS (default 3).

BENCH_RUNS=${BENCH_RUNS:-3}
GNU_TIME=${GNU_TIME:-/usr/bin/time}

bench_die() {
	echo "${0##*/}: $*" >&2
	exit 2
}

# GNU time is the only dependency every benchmark has.
bench_need_time() {
	[[ $BENCH_RUNS =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_RUNS must be a positive integer, not '$BENCH_RUNS'"
	if ! [ -x "$GNU_TIME" ] || ! "$GNU_TIME" -f '%e %M' true >/dev/null 2>&1; then
		bench_die "GNU time not found at $GNU_TIME (Debian: apt-get install time)"
	fi
}

# bench_find_tool NAME: print the tool's path, also looking in the sbin
# directories a non-root PATH lacks (nsd-checkzone lives in /usr/sbin).
bench_find_tool() {
	local dir
	if command -v "$1" 2>/dev/null; then
		return 0
	fi
	for dir in /usr/sbin /sbin /usr/local/sbin; do
		if [ -x "$dir/$1" ]; then
			echo "$dir/$1"
			return 0
		fi
	done
	return 1
}

# Results by key, the best over runs: BEST_WALL (seconds), BEST_KB (peak RSS,
# KiB) and BEST_RC (0 while every run exited 0, else the first failing run's
# exit status). Best wall time and lowest peak memory are taken separately:
# both are lower bounds of what the command needs on this machine.
declare -gA BEST_WALL=() BEST_KB=() BEST_RC=()

# bench_run KEY OUT CMD...: run CMD once under GNU time, stdout to OUT and
# stderr to OUT.err, and fold its numbers into BEST_*[KEY]. The scripts call
# it round by round (every tool once, then every tool again) so that a change
# in the machine's load hits all tools alike.
bench_run() {
	local key=$1 out=$2 rc=0 line wall kb
	shift 2
	# shellcheck disable=SC2154 # tmp is the caller's scratch directory
	"$GNU_TIME" -f '%e %M' -o "$tmp/time" "$@" >"$out" 2>"$out.err" </dev/null || rc=$?
	# On failure GNU time writes "Command exited with non-zero status N"
	# before the format line.
	line=$(tail -n 1 "$tmp/time")
	wall=${line% *}
	kb=${line#* }
	if [ "${BEST_RC[$key]:-0}" -eq 0 ]; then
		BEST_RC[$key]=$rc
	fi
	if [ -z "${BEST_WALL[$key]:-}" ] ||
		awk -v a="$wall" -v b="${BEST_WALL[$key]}" 'BEGIN { exit !(a < b) }'; then
		BEST_WALL[$key]=$wall
	fi
	if [ -z "${BEST_KB[$key]:-}" ] || [ "$kb" -lt "${BEST_KB[$key]}" ]; then
		BEST_KB[$key]=$kb
	fi
}

# bench_mb KIB: KiB as MiB with one decimal.
bench_mb() {
	awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'
}

# bench_ratio A B: A / B as "0.42x", or "-" when either is unknown or B is 0.
bench_ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2fx", a / b }'
}

# bench_le A B: true when A <= B (decimal numbers).
bench_le() {
	awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 <= b + 0) }'
}

# bench_count N: N with thousands separators (1,000,000).
bench_count() {
	echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'
}
