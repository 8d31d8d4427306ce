#!/usr/bin/env bash
# generate -o DIR --check --format json: the plan, checked field by field
# against expectations written by hand (python's json module reads it).
. "$(dirname "$0")/lib.sh"
out=$tmp/out
"$bin" generate "$example" -o "$out" -q || fail "generate failed"
# up to date: an empty plan, exit 0
"$bin" generate "$example" -o "$out" --check --format json >"$tmp/plan0.json"; rc=$?
[ $rc = 0 ] || fail "up-to-date plan: exit $rc"
# one address changed, one TTL changed, one file deleted (would be created),
# one stale file of sipzone's, one foreign file
sed -i 's/203.0.113.99/203.0.113.11/; s/^\(sip.fabrikam.com. *\)3600 IN A    203.0.113.11/\13600 IN A    203.0.113.99/' "$out/fabrikam.com.zone"
sed -i 's/^\(_sip._tls.litwareinc.com. \)3600/\1 600/' "$out/litwareinc.com.zone"
rm "$out/tailspintoys.com.zone"
printf '; sipzone: zone northwind.com, generated from the model; edit the model, not this file\n$ORIGIN northwind.com.\nsip.northwind.com. 3600 IN A 192.0.2.7\n' >"$out/northwind.com.zone"
echo "; mine" >"$out/manual.zone"
before=$(snapshot "$out")
"$bin" generate "$example" -o "$out" --check --format json >"$tmp/plan.json"; rc=$?
[ $rc = 1 ] || fail "plan with changes: exit $rc, expected 1"
"$bin" generate "$example" -o "$out" --check --prune --format json >"$tmp/plan-prune.json"; rc=$?
[ $rc = 1 ] || fail "plan with --prune: exit $rc, expected 1"
[ "$(snapshot "$out")" = "$before" ] || fail "--check --format json wrote something"
python3 - "$tmp" "$out" <<'PY' || fail "the plan is not the expected one"
import json, sys
tmp, out = sys.argv[1], sys.argv[2]
def load(name):
    with open(f"{tmp}/{name}", encoding="utf-8") as f:
        return json.load(f)

def rec(kind, name, ttl, rtype, rdata, old_ttl=None):
    return {"kind": kind, "name": name, "ttl": ttl, "old_ttl": old_ttl,
            "class": "IN", "type": rtype, "rdata": rdata}

def expect(got, want, what):
    if got != want:
        print(f"{what}:\n got  {json.dumps(got, indent=1)}\n want {json.dumps(want, indent=1)}")
        sys.exit(1)

p0 = load("plan0.json")
expect(p0["files"], [], "up-to-date files")
expect(p0["would_change"], False, "up-to-date would_change")
expect(p0["summary"], {"create": 0, "change": 0, "remove": 0, "stale": 0, "unchanged": 4,
                       "added": 0, "removed": 0, "ttl_changed": 0}, "up-to-date summary")

fab = {"file": "fabrikam.com.zone", "path": f"{out}/fabrikam.com.zone", "action": "change",
       "old": f"{out}/fabrikam.com.zone", "new": f"{out}/fabrikam.com.zone (generated)",
       "changes": [rec("added", "sip.fabrikam.com.", 3600, "A", "203.0.113.11"),
                   rec("removed", "sip.fabrikam.com.", 3600, "A", "203.0.113.99")],
       "summary": {"added": 1, "removed": 1, "ttl_changed": 0}}
lit = {"file": "litwareinc.com.zone", "path": f"{out}/litwareinc.com.zone", "action": "change",
       "old": f"{out}/litwareinc.com.zone", "new": f"{out}/litwareinc.com.zone (generated)",
       "changes": [rec("ttl-changed", "_sip._tls.litwareinc.com.", 3600, "SRV",
                       "0 0 443 sip.litwareinc.com.", old_ttl=600)],
       "summary": {"added": 0, "removed": 0, "ttl_changed": 1}}
tail = {"file": "tailspintoys.com.zone", "path": f"{out}/tailspintoys.com.zone",
        "action": "create", "old": None, "new": f"{out}/tailspintoys.com.zone (generated)",
        "changes": [
            rec("added", "_sipfederationtls._tcp.tailspintoys.com.", 3600, "SRV",
                "100 1 5061 sipfed.online.lync.com."),
            rec("added", "_sip._tls.tailspintoys.com.", 3600, "SRV",
                "100 1 443 sipdir.online.lync.com."),
            rec("added", "lyncdiscover.tailspintoys.com.", 3600, "CNAME",
                "webdir.online.lync.com."),
            rec("added", "sip.tailspintoys.com.", 3600, "CNAME", "sipdir.online.lync.com.")],
        "summary": {"added": 4, "removed": 0, "ttl_changed": 0}}
stale = {"file": "northwind.com.zone", "path": f"{out}/northwind.com.zone", "action": "stale",
         "old": f"{out}/northwind.com.zone", "new": f"{out}/northwind.com.zone",
         "changes": [], "summary": {"added": 0, "removed": 0, "ttl_changed": 0}}
removed = {"file": "northwind.com.zone", "path": f"{out}/northwind.com.zone", "action": "remove",
           "old": f"{out}/northwind.com.zone", "new": None,
           "changes": [rec("removed", "sip.northwind.com.", 3600, "A", "192.0.2.7")],
           "summary": {"added": 0, "removed": 1, "ttl_changed": 0}}

p = load("plan.json")
expect(list(p.keys()), ["dir", "prune", "would_change", "files", "summary"], "keys")
expect(p["dir"], out, "dir")
expect(p["prune"], False, "prune")
expect(p["would_change"], True, "would_change")
expect(len(p["files"]), 4, "number of files")
for got, want in zip(p["files"], [fab, lit, tail, stale]):
    for key in want:
        expect(got.get(key), want[key], f"{want['file']}: {key}")
    expect(sorted(got), sorted(want), f"{want['file']}: keys")
expect(p["summary"], {"create": 1, "change": 2, "remove": 0, "stale": 1, "unchanged": 1,
                      "added": 5, "removed": 1, "ttl_changed": 1}, "summary")

q = load("plan-prune.json")
expect(q["prune"], True, "prune with --prune")
expect(q["files"], [fab, lit, tail, removed], "files with --prune")
expect(q["summary"], {"create": 1, "change": 2, "remove": 1, "stale": 0, "unchanged": 1,
                      "added": 5, "removed": 2, "ttl_changed": 1}, "summary with --prune")
PY
# only a stale file left: nothing would change without --prune
"$bin" generate "$example" -o "$out" -q || fail "generate failed"
"$bin" generate "$example" -o "$out" --check --format json >"$tmp/plan1.json"; rc=$?
[ $rc = 0 ] || fail "plan with only a stale file: exit $rc, expected 0"
[ -s "$tmp/plan1.json" ] || fail "no plan written"
jq -e '.would_change == false and (.files | length) == 1 and .files[0].action == "stale"' "$tmp/plan1.json" >/dev/null || fail "stale-only plan"
"$bin" generate "$example" -o "$out" --check --format json -q >"$tmp/plan2.json"; rc=$?
[ $rc = 0 ] && [ ! -s "$tmp/plan2.json" ] || fail "--check -q --format json printed something or failed"
# a file in DIR that cannot be read as a zone: listed, its changes null
echo 'bogus.fabrikam.com. 3600 IN A not-an-address' >>"$out/fabrikam.com.zone"
"$bin" generate "$example" -o "$out" --check --format json >"$tmp/plan3.json" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] || fail "plan with a broken file: exit $rc, expected 1"
grep -q "fabrikam.com.zone:.*\[syntax\]" "$tmp/err" || fail "the broken file's problem is not noted"
python3 - "$tmp/plan3.json" "$out" <<'PY' || fail "the plan of a broken file"
import json, sys
plan = json.load(open(sys.argv[1], encoding="utf-8"))
out = sys.argv[2]
fab = [f for f in plan["files"] if f["file"] == "fabrikam.com.zone"]
assert fab == [{"file": "fabrikam.com.zone", "path": f"{out}/fabrikam.com.zone", "action": "change",
                "old": f"{out}/fabrikam.com.zone", "new": f"{out}/fabrikam.com.zone (generated)",
                "changes": None, "summary": None}], fab
assert plan["would_change"] is True
PY
echo ok
