#!/usr/bin/env bash
# run_export_case.sh BIN CASEDIR FORMAT
#
# For one generate case folder (tests/cases/generate/<case>, with its args),
# writes the BIND zones and the FORMAT export of the same model and view,
# and has check_export.py read the export back (from DIR and from standard
# output) and compare it with ldns-read-zone's reading of the zones. Also:
# the same model gives the same bytes (two directories, standard output
# twice), and a view the format cannot express is a usage error (exit 2)
# that writes nothing.
set -u
bin=$1
case_dir=$2
fmt=$3
here=$(cd "$(dirname "$0")" && pwd)
name="$(basename "$case_dir")/$fmt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL [$name]: $*"; exit 1; }

args=""
[ -f "$case_dir/args" ] && args=$(cat "$case_dir/args")
view=external
case " $args " in *" --view internal "*) view=internal ;; esac
cp "$case_dir/model.json" "$tmp/model.json"
cd "$tmp" || exit 1
# shellcheck disable=SC2086 # args are words
"$bin" generate model.json -o zones -q $args >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; fail "generate (zone files) failed"; }
zonedir=zones
[ "$view" = external ] || zonedir=zones/$view

# shellcheck disable=SC2086
"$bin" generate model.json --format "$fmt" -o out -q $args >"$tmp/stdout" 2>"$tmp/err"
rc=$?
if [ "$view" = internal ] && { [ "$fmt" = octodns ] || [ "$fmt" = terraform ]; }; then
	[ "$rc" = 2 ] || fail "--view internal: exit $rc, expected 2 (a usage error)"
	grep -q "cannot say which view" "$tmp/err" || { cat "$tmp/err"; fail "no reason given"; }
	[ ! -e out ] || fail "a usage error wrote files"
	echo "ok [$name]: --view $view is a usage error"
	exit 0
fi
[ "$rc" = 0 ] || { cat "$tmp/err"; fail "exit $rc"; }
outdir=out
[ "$view" = external ] || outdir=out/$view
python3 "$here/check_export.py" "$fmt" "$outdir" "$zonedir" "$view" "$here/dnscontrol_stub.js" || fail "the files in DIR"
# shellcheck disable=SC2086
"$bin" generate model.json --format "$fmt" $args >"$tmp/stream1" 2>"$tmp/err" || { cat "$tmp/err"; fail "standard output: failed"; }
# shellcheck disable=SC2086
"$bin" generate model.json --format "$fmt" $args >"$tmp/stream2" || fail "standard output: failed"
cmp -s "$tmp/stream1" "$tmp/stream2" || fail "standard output differs between two runs"
python3 "$here/check_export.py" "$fmt" "$tmp/stream1" "$zonedir" "$view" "$here/dnscontrol_stub.js" || fail "standard output"
# determinism and idempotence of -o: a second directory is byte-identical,
# and a second run into the same one changes nothing (not even mtimes)
# shellcheck disable=SC2086
"$bin" generate model.json --format "$fmt" -o out2 -q $args || fail "second run failed"
diff -r out out2 >/dev/null || fail "two runs wrote different files"
before=$(find out -type f -printf '%p %T@ %i\n' | sort)
# shellcheck disable=SC2086
"$bin" generate model.json --format "$fmt" -o out -q $args || fail "third run failed"
after=$(find out -type f -printf '%p %T@ %i\n' | sort)
[ "$before" = "$after" ] || fail "a second run into the same directory touched files"
[ -z "$(find out -name '.*.tmp')" ] || fail "temporary files left behind"
echo "ok [$name]"
