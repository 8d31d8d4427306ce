#!/usr/bin/env bash
# tests/fuzz/run.sh SECONDS [HARNESS...]
#
# Build the libFuzzer harnesses and run each for SECONDS seconds, one after
# the other (one fuzzer process at a time). HARNESS is fuzz_model_generate,
# fuzz_check or fuzz_diff; default all of them.
#
# Works from a fresh clone after .ci/bootstrap (clang and libclang-rt-14-dev):
# configures a clang build with -DSZ_FUZZ=ON in $SZ_FUZZ_BUILD (default
# build-fuzz in the source tree), builds the harnesses, makes the seed corpora
# (tests/fuzz/make_corpus.sh) and fuzzes. The corpus each run grows is kept in
# BUILD/fuzz/corpus/HARNESS/ and used again by the next run. The committed
# corpus tests/fuzz/corpus/HARNESS/ seeds every run, so CI starts where the
# last kept run ended; SZ_FUZZ_SAVE=1 merges what a run found that adds
# coverage back into it (libFuzzer -merge=1), for a developer to commit.
#
# Exit 0 when no harness found anything, 1 when one did: the input is in
# BUILD/fuzz/artifacts/HARNESS/ (crash-*, leak-*, timeout-*, oom-*); replay
# it with `BUILD/tests/fuzz/HARNESS FILE`, then add it to
# tests/fuzz/regressions/ as a regression case. Exit 2 when it cannot run.
#
# Environment: SZ_FUZZ_BUILD (build directory), SZ_FUZZ_JOBS (make jobs,
# default nproc), SZ_FUZZ_ARGS (more libFuzzer options), SZ_FUZZ_KNOWN (see
# fuzz_props.h: property failures of reported, still open bugs to skip while
# fuzzing locally; CI leaves it empty).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
die() { echo "run.sh: $*" >&2; exit 2; }

seconds=${1:-}
[[ $seconds =~ ^[1-9][0-9]*$ ]] || die "usage: tests/fuzz/run.sh SECONDS [HARNESS...]"
shift
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(fuzz_model_generate fuzz_check fuzz_diff fuzz_reply fuzz_keyfile)
build=$(realpath -m -- "${SZ_FUZZ_BUILD:-$src/build-fuzz}") # absolute: the runs cd into it
command -v clang >/dev/null || die "clang not found (run .ci/bootstrap)"

cmake -S "$src" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DSZ_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null || die "cmake configure failed"
cmake --build "$build" -j"${SZ_FUZZ_JOBS:-$(nproc)}" --target "${harnesses[@]}" >"$build/fuzz-build.log" 2>&1 ||
	{ tail -30 "$build/fuzz-build.log"; die "build failed (log: $build/fuzz-build.log)"; }
"$here/make_corpus.sh" "$build/fuzz/seeds" >/dev/null || die "cannot make the seed corpora"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
found=0
for h in "${harnesses[@]}"; do
	case $h in
	fuzz_model_generate) dict=$here/model.dict max_len=8192 ;;
	fuzz_check | fuzz_diff) dict=$here/zone.dict max_len=16384 ;;
	fuzz_reply) dict=$here/reply.dict max_len=4096 ;;
	fuzz_keyfile) dict=$here/keyfile.dict max_len=4096 ;;
	*) die "unknown harness '$h'" ;;
	esac
	corpus=$build/fuzz/corpus/$h
	artifacts=$build/fuzz/artifacts/$h
	mkdir -p "$corpus" "$artifacts" "$build/fuzz/seeds/$h"
	# a committed corpus (tests/fuzz/corpus/HARNESS/) seeds the run too
	[ ! -d "$here/corpus/$h" ] || cp -n "$here/corpus/$h"/* "$build/fuzz/seeds/$h"/ 2>/dev/null
	echo "== $h: $seconds s"
	# shellcheck disable=SC2086 # SZ_FUZZ_ARGS is a list of options
	(cd "$build/fuzz" && "$build/tests/fuzz/$h" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
		-max_len=$max_len -dict="$dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
		${SZ_FUZZ_ARGS:-} "$corpus" "$build/fuzz/seeds/$h" </dev/null >"$build/fuzz/$h.log" 2>&1)
	rc=$?
	grep -E '^(Done|stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added)' \
		"$build/fuzz/$h.log" | sed 's/^/   /'
	if [ $rc = 0 ] && [ -n "${SZ_FUZZ_SAVE:-}" ]; then
		mkdir -p "$here/corpus/$h"
		(cd "$build/fuzz" && "$build/tests/fuzz/$h" -merge=1 -max_len=$max_len -timeout=25 \
			-rss_limit_mb=2048 "$here/corpus/$h" "$corpus" </dev/null >"$build/fuzz/$h.merge.log" 2>&1) ||
			echo "   merge into tests/fuzz/corpus/$h failed: $build/fuzz/$h.merge.log"
		echo "   tests/fuzz/corpus/$h: $(find "$here/corpus/$h" -type f | wc -l) inputs"
	fi
	if [ $rc != 0 ]; then
		found=1
		grep -E 'property failed|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|SUMMARY' \
			-A2 "$build/fuzz/$h.log" | head -20
		echo "   FOUND (exit $rc): $(find "$artifacts" -type f -printf '%T@ %f\n' | sort -n | tail -1 | cut -d' ' -f2); log: $build/fuzz/$h.log"
	fi
done
exit $found
