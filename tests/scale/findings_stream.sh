#!/usr/bin/env bash
# tests/scale/findings_stream.sh SIPZONE PYTHON3: 50,000 findings (more than
# three runs of the finding sink, so they go through its temporary file and
# the merge), made while reading and by the end-of-input rules, interleaved
# line by line, in three files given out of order (one $INCLUDEd). Text,
# JSON and SARIF must list exactly the findings findings_stream.py expects,
# in its order: file, line, and at one line the order of the rules.
set -euo pipefail
sipzone=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
python=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
"$python" "$here/findings_stream.py" . 15000
n=$(wc -l <expected)
[ "$n" -ge 50000 ] || { echo "FAIL: only $n findings expected" >&2; exit 1; }
fail=0

rc=0
"$sipzone" check c.zone a.zone >out.txt || rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL text: exit $rc" >&2; fail=1; }
sed -n 's/^\([^:]*\):\([0-9]*\): [a-z]*: .*\[\([a-z-]*\)\]$/\1:\2 \3/p' out.txt >got.txt
cmp -s expected got.txt || { echo "FAIL text: findings differ" >&2; diff expected got.txt | head >&2; fail=1; }
tail -n 1 out.txt | grep -q "^$(grep -vc client-strict expected) errors, $(grep -c client-strict expected) warnings in 2 files\$" ||
	{ echo "FAIL text: summary: $(tail -n 1 out.txt)" >&2; fail=1; }

"$sipzone" check --format json c.zone a.zone >out.json || true
"$python" - out.json >got.json <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
s = doc["summary"]
assert s["errors"] + s["warnings"] == len(doc["findings"]), s
for f in doc["findings"]:
    print("%s:%d %s" % (f["file"], f["line"], f["rule"]))
PY
cmp -s expected got.json || { echo "FAIL json: findings differ" >&2; diff expected got.json | head >&2; fail=1; }

"$sipzone" check --format sarif c.zone a.zone >out.sarif || true
"$python" - out.sarif >got.sarif <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for r in doc["runs"][0]["results"]:
    loc = r["locations"][0]["physicalLocation"]
    print("%s:%d %s" % (loc["artifactLocation"]["uri"], loc["region"]["startLine"], r["ruleId"]))
PY
cmp -s expected got.sarif || { echo "FAIL sarif: results differ" >&2; diff expected got.sarif | head >&2; fail=1; }

[ "$fail" -eq 0 ] && echo "ok: $n findings in order in text, JSON and SARIF"
exit $fail
