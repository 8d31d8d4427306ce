#!/usr/bin/env bash
# roundtrip.sh [--exit N] [--ignore-address-ttl] [--internal FILE]... BIN PYTHON SCHEMA FILE...
#
# The guarantee of `sipzone import` (issue 15): generate(import(FILES))
# holds the same SIP SRV records and SRV target addresses (and TTLs) as
# FILES, read by dnspython (sip_records.py), not by sipzone. Also:
#  - import exits 0 (the inputs are clean: only assumptions are noted), or
#    N with --exit, and every line on stderr has the documented form;
# --ignore-address-ttl compares the target addresses without their TTL: for
# an input whose address TTLs the model cannot hold (a host placed in a SIP
# domain that has no SRV record, so import cannot see that domain); import
# must then say so in a "corrected" note. With --internal (zone files of the
# internal view), `generate --view internal` of the model must hold the same
# records as those files too.
#  - the model passes the JSON Schema (python3-jsonschema, draft 2020-12);
#  - the model is the same bytes when the files are given in reverse order
#    (deterministic output).
set -u
want_rc=0
addr_ttl=1
internal=()
while [ $# -gt 0 ]; do
	case $1 in
	--internal) internal+=(--internal "$2"); shift 2 ;;
	--exit) want_rc=$2; shift 2 ;;
	--ignore-address-ttl) addr_ttl=0; shift ;;
	*) break ;;
	esac
done
bin=$1
python=$2
schema=$3
shift 3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sz-import.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$bin" import "${internal[@]}" "$@" >"$tmp/model.json" 2>"$tmp/stderr"
rc=$?
cat "$tmp/stderr"
[ "$rc" = "$want_rc" ] || fail "import exited $rc, expected $want_rc"
if [ "$addr_ttl" = 0 ]; then
	grep -q 'import: corrected .* TTL [0-9]* becomes' "$tmp/stderr" || fail "no note says an address TTL changes"
fi
[ -s "$tmp/model.json" ] || fail "import wrote no model"
# every line on stderr: a check finding, a note, or the summary
bad=$(grep -v -E '^([^ ]+: (warning|info): .*\[[a-z-]+\]|([^ ]+:[0-9]+: )?import: (assumed|corrected|left out) /[^ ]*( |: ).*\)|sipzone import: [0-9]+ SIP domains?; .*)$' "$tmp/stderr")
[ -z "$bad" ] || fail "unexpected lines on stderr: $bad"

"$python" - "$schema" "$tmp/model.json" <<'PY' || fail "the model does not pass the JSON Schema"
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1], encoding="utf-8"))
model = json.load(open(sys.argv[2], encoding="utf-8"))
errors = sorted(Draft202012Validator(schema).iter_errors(model), key=str)
for e in errors:
    print("schema: /%s: %s" % ("/".join(map(str, e.path)), e.message))
sys.exit(1 if errors else 0)
PY

rev=()
for f in "$@"; do rev=("$f" "${rev[@]}"); done
"$bin" import "${internal[@]}" "${rev[@]}" >"$tmp/model2.json" 2>/dev/null
cmp -s "$tmp/model.json" "$tmp/model2.json" || { diff -u "$tmp/model.json" "$tmp/model2.json"; fail "the model depends on the order of the files"; }

(cd "$tmp" && "$bin" generate model.json -o out) >"$tmp/gen.out" 2>&1 || { cat "$tmp/gen.out"; cat "$tmp/model.json"; fail "generate refuses the imported model"; }
"$python" "$here/sip_records.py" "$@" >"$tmp/want" || fail "sip_records.py cannot read the input"
"$python" "$here/sip_records.py" "$tmp"/out/*.zone >"$tmp/got" || fail "sip_records.py cannot read the generated zones"
if [ "$addr_ttl" = 0 ]; then
	for f in want got; do
		awk '$1 == "SRV" { print; next } { $3 = "-"; print }' "$tmp/$f" | LC_ALL=C sort -u >"$tmp/$f.x"
		mv "$tmp/$f.x" "$tmp/$f"
	done
fi
[ -s "$tmp/want" ] || fail "no SIP SRV record in the input: nothing was tested"
diff -u "$tmp/want" "$tmp/got" || { cat "$tmp/model.json"; fail "generate(import(zones)) differs from the zones in SIP SRV records or target addresses"; }
if [ ${#internal[@]} -gt 0 ]; then
	files=()
	for ((i = 1; i < ${#internal[@]}; i += 2)); do files+=("${internal[$i]}"); done
	(cd "$tmp" && "$bin" generate model.json --view internal -o iout) >"$tmp/gen.out" 2>&1 || { cat "$tmp/gen.out"; fail "generate --view internal refuses the imported model"; }
	"$python" "$here/sip_records.py" "${files[@]}" >"$tmp/iwant" || fail "sip_records.py cannot read the internal input"
	"$python" "$here/sip_records.py" "$tmp"/iout/internal/*.zone >"$tmp/igot" || fail "sip_records.py cannot read the generated internal zones"
	grep -q '^SRV _sipinternaltls' "$tmp/iwant" || fail "no _sipinternaltls SRV in the internal input: nothing was tested"
	diff -u "$tmp/iwant" "$tmp/igot" || { cat "$tmp/model.json"; fail "generate --view internal (import(zones)) differs from the internal zones"; }
	echo "ok: internal view: $(grep -c '^SRV' "$tmp/iwant") SRV records and $(grep -vc '^SRV' "$tmp/iwant") address records reproduced"
fi
echo "ok: $(grep -c "^SRV" "$tmp/want") SRV records and $(grep -vc "^SRV" "$tmp/want") address, SOA and NS records reproduced"
