#!/usr/bin/env bash
# run_generate_case.sh BIN CASEDIR
#
# A generate case folder holds:
#   model.json      the model
#   expected/       the exact files `sipzone generate model.json -o DIR` must
#                   write (written by hand), or absent for an invalid model
#   errors          optional: one "LINE:COL RULE" per expected model error
#   exit            optional: the expected exit code (default 0)
#   args            optional: extra arguments for sipzone generate
#   README          what the case shows
# Besides comparing bytes, every expected zone is checked independently:
# BIND's named-checkzone must load it (inside an SOA/NS wrapper) and
# ldns-read-zone -z must find its records already in canonical order.
set -u
bin=$1
case_dir=$2
name=$(basename "$case_dir")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL [$name]: $*"; exit 1; }

want_exit=0
[ -f "$case_dir/exit" ] && want_exit=$(cat "$case_dir/exit")
args=""
[ -f "$case_dir/args" ] && args=$(cat "$case_dir/args")

cp "$case_dir/model.json" "$tmp/model.json"
out="$tmp/out"
(cd "$tmp" && timeout 60 "$bin" generate model.json -o out $args) >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
[ "$rc" = "$want_exit" ] || { cat "$tmp/stderr"; fail "exit $rc, expected $want_exit"; }

if [ -f "$case_dir/errors" ]; then
	# "model.json:LINE:COL: error: ... [RULE]" -> "LINE:COL RULE"
	sed -n 's/^model\.json:\([0-9]*:[0-9]*\): error: .*\[\([a-z-]*\)\]$/\1 \2/p' "$tmp/stderr" | sort >"$tmp/got-errors"
	sort "$case_dir/errors" >"$tmp/want-errors"
	diff -u "$tmp/want-errors" "$tmp/got-errors" || { cat "$tmp/stderr"; fail "model errors differ"; }
	[ ! -e "$out" ] || [ -z "$(ls -A "$out")" ] || fail "an invalid model wrote files"
fi

if [ -d "$case_dir/expected" ]; then
	diff -ru "$case_dir/expected" "$out" || fail "generated files differ from expected/"
	for f in "$case_dir"/expected/*.zone; do
		zone=$(basename "$f" .zone)
		if awk '$4 == "SOA" { found = 1 } END { exit !found }' "$f"; then
			cp "$f" "$tmp/wrapper"   # a complete zone loads as it is
		else
			printf '$TTL 3600\n@ IN SOA ns.invalid. hostmaster.invalid. 1 7200 3600 1209600 3600\n@ IN NS ns.invalid.\n$INCLUDE %s\n' "$f" >"$tmp/wrapper"
		fi
		named-checkzone -q "$zone" "$tmp/wrapper" || { named-checkzone "$zone" "$tmp/wrapper"; fail "named-checkzone rejects expected/$zone.zone"; }
		# canonical order: ldns sorts the records; they must already be in that order
		# (ldns puts the SOA first; so do we)
		grep -v -e '^;' -e '^\$' "$f" | awk '{print tolower($1), $2, $3, $4, $5, $6, $7, $8}' | sed 's/ *$//' >"$tmp/ours"
		ldns-read-zone -z "$f" 2>/dev/null | awk '{print $1, $2, $3, $4, $5, $6, $7, $8}' | sed 's/ *$//' >"$tmp/ldns"
		diff -u "$tmp/ldns" "$tmp/ours" >/dev/null || { diff -u "$tmp/ldns" "$tmp/ours"; fail "expected/$zone.zone is not in canonical order"; }
	done
fi
echo "ok [$name]"
