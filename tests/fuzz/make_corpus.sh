#!/usr/bin/env bash
# tests/fuzz/make_corpus.sh OUT
#
# Seed corpora for the harnesses, made from what the repository already
# holds, into OUT/<harness>/ (one file per distinct input, named by its
# SHA-1, so running it again adds nothing twice):
#   fuzz_model_generate  every model of tests/ and zones-examples/, and the
#                        saved regression inputs
#   fuzz_check           every zone file of tests/cases/check/, tests/hostile/
#                        check/, zones-examples/, the regression inputs, and
#                        the real-world zones of ../shared/corpus/ when that
#                        directory is beside the clone
#   fuzz_diff            the same zones, and pairs of them ("OLD\n%%\nNEW")
# Files over 64 KiB are left out: libFuzzer mutates small inputs best.
set -euo pipefail
[ $# = 1 ] || { echo "usage: make_corpus.sh OUT" >&2; exit 2; }
out=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
max=65536

add() { # harness file
	local size
	size=$(stat -c %s "$2")
	[ "$size" -le $max ] || return 0
	mkdir -p "$out/$1"
	cp "$2" "$out/$1/$(sha1sum "$2" | cut -c1-40)"
}

shopt -s nullglob globstar
for f in "$src"/tests/**/*.json "$src"/zones-examples/*/model.json "$src"/tests/fuzz/regressions/model/*; do
	add fuzz_model_generate "$f"
done

# Zone files: everything in the check case folders but the case's metadata.
zones=()
for f in "$src"/tests/cases/check/** "$src"/tests/hostile/check/** "$src"/zones-examples/*/zones/*.zone \
	"$src"/tests/fuzz/regressions/check/*; do
	[ -f "$f" ] || continue
	case $(basename "$f") in
	args | expected | exit | README | README.md | .gitattributes | *.json | stdin) continue ;;
	esac
	zones+=("$f")
done
corpus=$src/../shared/corpus
if [ -d "$corpus" ]; then
	while IFS= read -r -d '' f; do
		case $f in *.md | *.tsv) continue ;; esac
		zones+=("$f")
	done < <(find "$corpus" -type f -print0)
fi
for f in "${zones[@]}"; do
	add fuzz_check "$f"
	add fuzz_diff "$f"
done
for f in "$src"/tests/fuzz/regressions/diff/*; do
	add fuzz_diff "$f"
done
# pairs: each example zone against the next one, and against itself with
# its lines reversed (same records, other order)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prev=
for f in "$src"/zones-examples/*/zones/*.zone "$src"/tests/cases/check/*/*.zone; do
	if [ -n "$prev" ]; then
		{ cat "$prev"; printf '%%%%\n'; cat "$f"; } >"$tmp/pair"
		add fuzz_diff "$tmp/pair"
	fi
	{ cat "$f"; printf '%%%%\n'; grep '^\$' "$f" || true; grep -v '^\$' "$f" | tac || true; } >"$tmp/pair"
	add fuzz_diff "$tmp/pair"
	prev=$f
done
for h in fuzz_model_generate fuzz_check fuzz_diff; do
	echo "$h: $(find "$out/$h" -type f 2>/dev/null | wc -l) seeds"
done
