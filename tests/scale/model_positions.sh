#!/usr/bin/env bash
# tests/scale/model_positions.sh SIPZONE PYTHON3: diagnostics late in a long
# model (6,000 domains, a 12,000-name SAN list, 400 pools; LF, CRLF, lone CR
# and minified lines) carry the line:col that model_positions.py computes
# from byte offsets on its own. Guards the line checkpoints and the indexed
# containers of loader/json_scan.c (issue 18: errors in linear time).
set -euo pipefail
sipzone=$1
python=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for kind in load rules; do
	"$python" "$here/model_positions.py" "$tmp/$kind.json" "$tmp/$kind.expected" "$kind"
	rc=0
	"$sipzone" generate "$tmp/$kind.json" >/dev/null 2>"$tmp/$kind.err" || rc=$?
	# FILE:LINE:COL: SEVERITY: ... [RULE] -> LINE:COL RULE
	sed -n 's/^[^:]*:\([0-9]*\):\([0-9]*\): [a-z]*: .*\[\([a-z-]*\)\]$/\1:\2 \3/p' \
		"$tmp/$kind.err" | sort >"$tmp/$kind.all"
	# only the rules the generator placed (the rules model also lacks SAN entries)
	awk 'NR == FNR { want[$2] = 1; next } $2 in want' "$tmp/$kind.expected" "$tmp/$kind.all" >"$tmp/$kind.got"
	sort "$tmp/$kind.expected" >"$tmp/$kind.want"
	n=$(wc -l <"$tmp/$kind.want")
	if [ "$n" -lt 50 ]; then
		echo "FAIL $kind: the generator expects only $n diagnostics" >&2
		fail=1
	elif ! cmp -s "$tmp/$kind.want" "$tmp/$kind.got"; then
		echo "FAIL $kind: positions differ (< expected, > sipzone):" >&2
		{ diff "$tmp/$kind.want" "$tmp/$kind.got" || true; } | head -20 >&2
		fail=1
	else
		echo "ok $kind: $n diagnostics at the expected line:col (exit $rc)"
	fi
	case $kind:$rc in
	load:1 | rules:0 | rules:1) ;;
	*) echo "FAIL $kind: exit $rc" >&2; fail=1 ;;
	esac
done
exit $fail
