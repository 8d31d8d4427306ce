#!/usr/bin/env bash
# run_import_case.sh BIN PYTHON CASEDIR
#
# An import case folder (tests/cases/import/NAME/) holds, all written by hand:
#   *.zone, *.dns   the zone files, given to `sipzone import` in name order
#   args            optional: the arguments instead (relative to the folder)
#   stdin           optional: given on standard input (for FILE "-")
#   expected.json   the model expected on standard output (compared as JSON
#                   data, python json); absent: nothing may be written
#   expected.notes  what standard error must say, one line each, in any order:
#                     check FILE[:LINE] RULE      a finding of the checker
#                     KIND POINTER [FILE:LINE]    a note (KIND assumed,
#                                                 corrected or left-out)
#   exit            the expected exit status (default 0)
#   README          what the case shows
# When a model is expected, `sipzone generate` must accept it and
# `sipzone check` must find no error in what it writes: the model holds the
# correction, never a copy of the mistake.
set -u
bin=$1
python=$2
case_dir=$3
name=$(basename "$case_dir")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sz-import-case.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL [$name]: $*"; exit 1; }

want_exit=0
[ -f "$case_dir/exit" ] && want_exit=$(cat "$case_dir/exit")
if [ -f "$case_dir/args" ]; then
	read -r -a args <"$case_dir/args"
else
	args=()
	while IFS= read -r f; do args+=("$f"); done < <(cd "$case_dir" && ls -1 | grep -E '\.(zone|dns)$' | LC_ALL=C sort)
fi
stdin=/dev/null
[ -f "$case_dir/stdin" ] && stdin=$case_dir/stdin
(cd "$case_dir" && "$bin" import --color=never "${args[@]}") <"$stdin" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
cat "$tmp/stderr"
[ "$rc" = "$want_exit" ] || fail "exit $rc, expected $want_exit"

# stderr in the form of expected.notes
{
	sed -n -E 's/^([^ :]+(:[0-9]+)?): (error|warning|info): .*\[([a-z-]+)\]$/check \1 \4/p' "$tmp/stderr"
	sed -n -E 's/^(([^ :]+):([0-9]+): )?import: (assumed|corrected|left out) ([^ :]*)(:| ).*$/\4 \5 \2:\3/p' "$tmp/stderr" |
		sed -e 's/^left out/left-out/' -e 's/ :$//'
} | LC_ALL=C sort >"$tmp/got-notes"
if [ -f "$case_dir/expected.notes" ]; then
	grep -v -e '^#' -e '^$' "$case_dir/expected.notes" | LC_ALL=C sort >"$tmp/want-notes"
	diff -u "$tmp/want-notes" "$tmp/got-notes" || fail "findings and notes differ from expected.notes"
fi

if [ -f "$case_dir/expected.json" ]; then
	"$python" - "$case_dir/expected.json" "$tmp/stdout" <<'PY' || fail "the model differs from expected.json"
import json, sys
want = json.load(open(sys.argv[1], encoding="utf-8"))
got = json.load(open(sys.argv[2], encoding="utf-8"))
if want != got:
    print("expected:\n" + json.dumps(want, indent=2, sort_keys=True))
    print("got:\n" + json.dumps(got, indent=2, sort_keys=True))
    sys.exit(1)
PY
	cp "$tmp/stdout" "$tmp/model.json"
	(cd "$tmp" && "$bin" generate model.json -o out) >"$tmp/gen" 2>&1 || { cat "$tmp/gen"; fail "generate refuses the model"; }
	"$bin" check --color=never "$tmp"/out/*.zone >"$tmp/check" 2>&1
	crc=$?
	[ "$crc" = 0 ] || { cat "$tmp/check"; fail "check finds errors in what generate writes from the model"; }
else
	[ ! -s "$tmp/stdout" ] || fail "a model was written although none is expected"
fi
echo "ok [$name]"
