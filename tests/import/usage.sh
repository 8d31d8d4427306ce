#!/usr/bin/env bash
# usage.sh BIN: `sipzone import` refuses what it cannot run (exit 2, nothing
# on standard output) and its help works (exit 0).
set -u
bin=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sz-import-usage.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
printf '$ORIGIN contoso.com.\n_sip._tls 3600 IN SRV 0 0 443 sip\nsip 3600 IN A 203.0.113.10\n' >"$tmp/z.zone"
expect() { # expect RC ARGS...
	local want=$1
	shift
	"$bin" import "$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	[ "$rc" = "$want" ] || { cat "$tmp/err"; fail "import $* exited $rc, expected $want"; }
	if [ "$want" = 2 ]; then
		[ ! -s "$tmp/out" ] || fail "import $* wrote to standard output"
		[ -s "$tmp/err" ] || fail "import $* said nothing on standard error"
	fi
}
expect 2
expect 2 --bogus "$tmp/z.zone"
expect 2 --origin
expect 2 --origin 'a..b' "$tmp/z.zone"
expect 2 "$tmp/z.zone" "$tmp/missing.zone"
expect 2 --color=sometimes "$tmp/z.zone"
expect 2 --internal - "$tmp/z.zone"
expect 2 --internal "$tmp/missing.zone" "$tmp/z.zone"
expect 0 --help
grep -q '^usage: sipzone import' "$tmp/out" || fail "--help prints no usage"
expect 0 "$tmp/z.zone"
grep -q '"domain": "contoso.com"' "$tmp/out" || fail "no model for a clean zone"
expect 0 -q "$tmp/z.zone"
[ ! -s "$tmp/err" ] || fail "-q still prints notes"
echo ok
