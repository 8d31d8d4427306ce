#!/usr/bin/env bash
# The fast record parser changes nothing (issue 18): `check` and `diff` print
# byte for byte the same with and without --ldns-only (ldns_rr_new_frm_str()
# for every record, the reference) on every zone of the shared corpus, every
# check case and tests/zonefile/fastpath/*.zone (every type the fast path
# reads, hostile values, records spanning lines, comments).
#
#   fastpath_same.sh BIN CORPUS_DIR CASES_DIR ZONES_DIR [REF_BIN]
#
# With REF_BIN (another build, e.g. before a change) the default output of
# BIN must also equal REF_BIN's. Exit 0 same, 1 a difference.
set -u
bin=$1 corpus=$2 cases=$3 zones=$4 ref=${5:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sz-fastpath.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0

# run NAME DIR STDIN ARGS...: the output and exit status of each variant
same() {
	local name=$1 dir=$2 in=$3
	shift 3
	local variants=("$bin" "$bin --ldns-only")
	[ -n "$ref" ] && variants+=("$ref")
	local i=0 first=
	for v in "${variants[@]}"; do
		read -r -a cmd <<<"$v"
		local verb=$1
		(cd "$dir" && timeout 120 "${cmd[0]}" "$verb" "${cmd[@]:1}" "${@:2}") <"$in" >"$tmp/out.$i" 2>&1
		echo "exit $?" >>"$tmp/out.$i"
		if [ $i -gt 0 ] && ! cmp -s "$tmp/out.0" "$tmp/out.$i"; then
			echo "DIFFERENT: $name: '${cmd[*]} $*' vs '$bin $*'"
			diff "$tmp/out.0" "$tmp/out.$i" | head -10 | sed 's/^/    /'
			fail=1
		fi
		i=$((i + 1))
	done
	n=$((n + 1))
}

files=()
if [ -d "$corpus" ]; then
	while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$corpus" -type f ! -name '*.md' ! -name '*.tsv' -print0 | sort -z)
else
	echo "no corpus at $corpus: only the cases and $zones"
fi
while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$zones" -type f -name '*.zone' -print0 | sort -z)
mkdir -p "$tmp/empty"
for f in "${files[@]}"; do
	base=${f##*/}
	same "$f" "$(dirname "$f")" /dev/null check "$base"
	same "$f (json)" "$(dirname "$f")" /dev/null check --format json "$base"
	# every record of the file as added, through diff's reader
	: >"$tmp/empty/$base"
	same "$f (diff)" "$(dirname "$f")" /dev/null diff "$tmp/empty/$base" "$base"
done
for c in "$cases"/*/; do
	[ -f "$c/args" ] || continue
	read -r -a args <"$c/args"
	stdin=/dev/null
	[ -f "$c/stdin" ] && stdin=$c/stdin
	same "$c" "$c" "$stdin" check --format json "${args[@]}"
done
echo "$n comparisons"
[ $fail = 0 ] && echo ok
exit $fail
