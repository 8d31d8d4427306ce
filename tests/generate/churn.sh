#!/usr/bin/env bash
# No churn: the files name no model file, so renaming the model or reading
# it from standard input writes nothing, bumps no serial, and --check is
# quiet (exit 0).
. "$(dirname "$0")/lib.sh"
jq '.zones = {"contoso.com": {"soa": {"mname": "ns1.contoso.com", "rname": "hostmaster.contoso.com"},
     "ns": [{"name": "ns1.contoso.com", "addresses": ["203.0.113.53"]}, "ns2.contoso.net"]}}' "$example" >"$tmp/model.json"
out=$tmp/out
day1=1795564800   # 2026-11-25
day2=$((day1 + 86400))
(cd "$tmp" && SOURCE_DATE_EPOCH=$day1 "$bin" generate model.json -o out -q) || fail "generate failed"
serial=$(awk '$4 == "SOA" { print $7 }' "$out/contoso.com.zone")
[ "$serial" = 2026112500 ] || fail "first serial $serial"
grep -q "model.json" "$out"/*.zone && fail "a file names the model file"
before=$(snapshot "$out")

# renamed, on another day (a changed file would get a new serial)
mkdir "$tmp/elsewhere"
cp "$tmp/model.json" "$tmp/elsewhere/sip-domains.json"
SOURCE_DATE_EPOCH=$day2 "$bin" generate "$tmp/elsewhere/sip-domains.json" -o "$out" --check >"$tmp/log"; rc=$?
[ $rc = 0 ] || { cat "$tmp/log"; fail "--check after a rename: exit $rc, expected 0"; }
grep -q "would" "$tmp/log" && fail "--check after a rename lists a file"
SOURCE_DATE_EPOCH=$day2 "$bin" generate "$tmp/elsewhere/sip-domains.json" -o "$out" >"$tmp/log" || fail "generate of the renamed model failed"
grep -q "0 created, 0 changed, 0 stale (use --prune), 4 unchanged" "$tmp/log" || { cat "$tmp/log"; fail "the renamed model changed files"; }
[ "$(snapshot "$out")" = "$before" ] || fail "the renamed model touched files"

# from standard input
SOURCE_DATE_EPOCH=$day2 "$bin" generate - -o "$out" --check <"$tmp/model.json" >"$tmp/log"; rc=$?
[ $rc = 0 ] || { cat "$tmp/log"; fail "--check from stdin: exit $rc, expected 0"; }
SOURCE_DATE_EPOCH=$day2 "$bin" generate - -o "$out" -q <"$tmp/model.json" || fail "generate from stdin failed"
[ "$(snapshot "$out")" = "$before" ] || fail "the model from stdin touched files"
[ "$(awk '$4 == "SOA" { print $7 }' "$out/contoso.com.zone")" = 2026112500 ] || fail "the serial moved"
echo "ok"
