#!/usr/bin/env bash
# numbers.sh BIN [TSV]: every row of TSV (default numbers.tsv) in a minimal zone, through
# `sipzone check` and named-checkzone. Both must give the row's verdict: no
# syntax finding (ok), or a syntax error at line 5 and exit 1 (error).
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tsv=${2:-$here/numbers.tsv}
command -v named-checkzone >/dev/null || { echo "named-checkzone missing"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 rows=0
while IFS=$'\t' read -r verdict record; do
	case $verdict in ''|'#'*) continue ;; esac
	rows=$((rows + 1))
	z=$work/example.com.zone
	printf '$ORIGIN example.com.\n@ 3600 IN SOA ns hm 1 2 3 4 5\n@ 3600 IN NS ns\nns 3600 IN A 192.0.2.1\n%s\n' "$record" > "$z"
	named-checkzone -q example.com "$z" >/dev/null 2>&1; nrc=$?
	out=$("$bin" check --format json "$z" 2>/dev/null); rc=$?
	[ -n "$out" ] || { echo "FAIL: '$record': no JSON output (exit $rc)"; fail=1; continue; }
	syntax=$(printf '%s' "$out" | jq -r '[.findings[] | select(.rule == "syntax") | .line] | map(tostring) | join(",")')
	case $verdict in
	ok)
		[ "$nrc" -eq 0 ] || { echo "FAIL: '$record': named-checkzone refuses it (the row says ok)"; fail=1; }
		[ -z "$syntax" ] || { echo "FAIL: '$record': sipzone reports syntax at line $syntax"; fail=1; } ;;
	error)
		[ "$nrc" -ne 0 ] || { echo "FAIL: '$record': named-checkzone loads it (the row says error)"; fail=1; }
		[ "$syntax" = 5 ] && [ "$rc" -eq 1 ] || { echo "FAIL: '$record': sipzone exit $rc, syntax at '$syntax' (want exit 1, line 5)"; fail=1; } ;;
	*) echo "FAIL: bad verdict '$verdict'"; fail=1 ;;
	esac
done < "$tsv"
[ "$rows" -gt 20 ] || { echo "FAIL: only $rows rows read"; fail=1; }
[ $fail -eq 0 ] && echo "ok: $rows rows agree with named-checkzone"
exit $fail
