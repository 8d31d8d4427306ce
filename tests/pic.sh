#!/usr/bin/env bash
# sipzone pic in its three formats, against hand-written expectations; the
# JSON is read back with jq.
set -u
bin=$1
dir=$(cd "$(dirname "$0")/pic" && pwd)
fail() { echo "FAIL: $*"; exit 1; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" pic "$dir/model.json" >"$out" || fail "text: exit $?"
diff -u "$dir/expected.txt" "$out" || fail "text differs"
"$bin" pic --format csv "$dir/model.json" >"$out" || fail "csv: exit $?"
cmp -s "$dir/expected.csv" "$out" || { diff -u "$dir/expected.csv" "$out"; fail "csv differs"; }
# CSV injection: a pool name may begin with '-'; spreadsheets would read
# "-eu" as a formula, so the field is quoted and guarded with a leading '.
jq '.edge_pools["-eu"] = .edge_pools.eu | del(.edge_pools.eu)
    | .sip_domains |= map(if .edge_pool == "eu" then .edge_pool = "-eu" else . end)' \
  "$dir/model.json" >"$out.m"
"$bin" pic --format csv "$out.m" >"$out" || fail "csv guard: exit $?"
rm -f "$out.m"
printf '%s\r\n' '"domain","federation","pic","access_edge","pool","addresses"' \
  '"fabrikam.com","open","true","sip.contoso.com","'"'"'-eu","203.0.113.10 203.0.113.11"' \
  '"litwareinc.com","direct","true","sip.contoso.com","'"'"'-eu","203.0.113.10 203.0.113.11"' \
  '"wingtiptoys.com","direct","false","edge.tailspintoys.com","us-2","2001:db8::5"' >"$out.want"
cmp -s "$out.want" "$out" || { diff -u "$out.want" "$out"; rm -f "$out.want"; fail "csv guard differs"; }
rm -f "$out.want"
"$bin" pic --format json "$dir/model.json" >"$out" || fail "json: exit $?"
got=$(jq -r '.pic[] | [.domain, .federation, (.pic|tostring), .access_edge, .pool, (.addresses|join(" "))] | join("|")' "$out") || fail "json does not parse"
want='fabrikam.com|open|true|sip.contoso.com|eu|203.0.113.10 203.0.113.11
litwareinc.com|direct|true|sip.contoso.com|eu|203.0.113.10 203.0.113.11
wingtiptoys.com|direct|false|edge.tailspintoys.com|us-2|2001:db8::5'
[ "$got" = "$want" ] || fail "json content differs: $got"
[ "$(jq -r '.pic | length' "$out")" = 3 ] || fail "json: wrong count"
# a model with no listed domain: an empty list, not an error
jq '.sip_domains = [.sip_domains[1]]' "$dir/model.json" >"$out.m"
[ "$("$bin" pic --format json "$out.m" | jq -c .)" = '{"pic":[]}' ] || fail "empty list"
rm -f "$out.m"
jq '.edge_pools.eu.certificate.subject = "*.contoso.com"' "$dir/model.json" >"$out.m"
"$bin" pic "$out.m" >/dev/null 2>&1; rc=$?
rm -f "$out.m"
[ $rc = 1 ] || fail "wildcard subject: exit $rc, expected 1"
# issue 12: the name partners are given must be on the SAN list (the subject
# alone covers nothing): refused, naming the key
jq '.edge_pools.eu.certificate.san -= ["sip.contoso.com"]' "$dir/model.json" >"$out.m"
"$bin" pic "$out.m" >/dev/null 2>"$out.e"; rc=$?
[ $rc = 1 ] || fail "subject not on the SAN: exit $rc, expected 1"
grep -q 'edge_pools.eu.certificate.san: .*sip.contoso.com.*\[cert-san-missing\]' "$out.e" || fail "subject not on the SAN: $(cat "$out.e")"
# ... while an error about internal records only (a front-end certificate
# without sipinternal.D) does not stop pic
jq '.front_end_pools = {"fe": {"fqdn": "pool.contoso.com", "addresses": ["10.0.0.1"],
      "certificate": {"subject": "pool.contoso.com", "san": ["pool.contoso.com"]}}}
    | .sip_domains[0].front_end_pool = "fe"' "$dir/model.json" >"$out.m"
"$bin" pic "$out.m" >/dev/null 2>"$out.e" || fail "internal-only model error blocks pic: $(cat "$out.e")"
rm -f "$out.m" "$out.e"
"$bin" pic --format xml "$dir/model.json" 2>/dev/null; [ $? = 2 ] || fail "bad format: exit is not 2"
echo ok
