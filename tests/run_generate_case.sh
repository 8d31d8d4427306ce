#!/usr/bin/env bash
# run_generate_case.sh BIN CASEDIR
#
# A generate case folder holds:
#   model.json      the model
#   expected/       the exact files `sipzone generate model.json -o DIR` must
#                   write (written by hand), or absent for an invalid model
#   errors          optional: one "LINE:COL RULE" per expected model error
#   exit            optional: the expected exit code (default 0)
#   args            optional: extra arguments for sipzone generate; with
#                   `--view VIEW` the files are expected in expected/VIEW/
#   check-findings  optional: "FILE:LINE RULE" per finding that
#                   `sipzone check --strict` is expected to report on the
#                   generated files (FILE relative to expected/); default none
#   README          what the case shows
# Besides comparing bytes, every expected zone (in expected/ and its
# subdirectories) is checked independently: BIND's named-checkzone must load
# it (inside an SOA/NS wrapper) and ldns-read-zone -z must find its records
# already in canonical order. Then sipzone's own checker must find nothing
# in the generated files (all of one view checked together, as one
# namespace) beyond check-findings: `sipzone check --strict --disable
# srv-target-hosted --view VIEW`. srv-target-hosted is the
# warning Microsoft 365 domains always draw (README: the one exception to
# the namespace rule).
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
	while IFS= read -r f; do
		zone=$(basename "$f" .zone)
		rel=${f#"$case_dir"/}
		if awk '$4 == "SOA" { found = 1 } END { exit !found }' "$f"; then
			cp "$f" "$tmp/wrapper"   # a complete zone loads as it is
		else
			printf '$TTL 3600\n@ IN SOA ns.invalid. hostmaster.invalid. 1 7200 3600 1209600 3600\n@ IN NS ns.invalid.\n$INCLUDE %s\n' "$f" >"$tmp/wrapper"
		fi
		named-checkzone -q "$zone" "$tmp/wrapper" || { named-checkzone "$zone" "$tmp/wrapper"; fail "named-checkzone rejects $rel"; }
		# canonical order: ldns sorts the records; they must already be in that order
		# (ldns puts the SOA first; so do we)
		grep -v -e '^;' -e '^\$' "$f" | awk '{print tolower($1), $2, $3, $4, $5, $6, $7, $8}' | sed 's/ *$//' >"$tmp/ours"
		ldns-read-zone -z "$f" 2>/dev/null | awk '{print $1, $2, $3, $4, $5, $6, $7, $8}' | sed 's/ *$//' >"$tmp/ldns"
		diff -u "$tmp/ldns" "$tmp/ours" >/dev/null || { diff -u "$tmp/ldns" "$tmp/ours"; fail "$rel is not in canonical order"; }
	done < <(find "$case_dir/expected" -type f -name '*.zone' | LC_ALL=C sort)

	# sipzone check on what generate wrote: one run per directory (a view),
	# all its files together, so that a target may have its address in
	# another file. srv-target-hosted is expected for hosted domains.
	view=external
	case " $args " in
	*" --view internal "* | *" --view=internal "*) view=internal ;;
	esac
	view_opt=(--view "$view")
	: >"$tmp/got-findings"
	while IFS= read -r dir; do
		files=$(cd "$out" && find "$dir" -maxdepth 1 -type f -name '*.zone' | sed 's,^\./,,' | LC_ALL=C sort)
		[ -n "$files" ] || continue
		# shellcheck disable=SC2086 # file names are sipzone's <zone>.zone
		(cd "$out" && timeout 60 "$bin" check --strict --disable srv-target-hosted "${view_opt[@]}" $files) >"$tmp/check" 2>&1
		crc=$?
		[ "$crc" -le 1 ] || { cat "$tmp/check"; fail "sipzone check could not run (exit $crc)"; }
		# "FILE:LINE: SEVERITY: ... [RULE]" -> "FILE:LINE RULE"
		sed -n 's/^\([^:]*\.zone\):\([0-9]*\): [a-z]*: .*\[\([a-z-]*\)\]$/\1:\2 \3/p' "$tmp/check" >>"$tmp/got-findings"
		if [ "$crc" = 1 ] && ! grep -q '\.zone:[0-9]*: ' "$tmp/check"; then
			cat "$tmp/check"; fail "sipzone check failed without a finding"
		fi
	done < <(cd "$out" && find . -type d | LC_ALL=C sort)
	LC_ALL=C sort "$tmp/got-findings" -o "$tmp/got-findings"
	: >"$tmp/want-findings"
	[ -f "$case_dir/check-findings" ] && LC_ALL=C sort "$case_dir/check-findings" >"$tmp/want-findings"
	diff -u "$tmp/want-findings" "$tmp/got-findings" || fail "sipzone check ${view_opt[*]} --strict findings on the generated files differ from check-findings"
fi
echo "ok [$name]"
