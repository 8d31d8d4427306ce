#!/usr/bin/env bash
# generate --format json: a JSON array whose records are exactly the zone
# text's, read back by jq and compared with ldns-read-zone's view of the text.
. "$(dirname "$0")/lib.sh"
jq '.zones = {"fabrikam.com": {"soa": {"mname": "ns1.contoso.net", "rname": "hostmaster.fabrikam.com"}, "ns": ["ns1.contoso.net"]}}' "$example" >"$tmp/model.json"
"$bin" generate "$tmp/model.json" --serial 7 --format json >"$tmp/out.json" || fail "exit $?"
jq -e 'type == "array" and length > 0 and all(.[]; has("zone") and has("name") and has("ttl") and .class == "IN" and has("type") and (.rdata|type) == "object")' "$tmp/out.json" >/dev/null || fail "not the documented shape"
jq -r '.[] | [.name, (.ttl|tostring), .class, .type,
	(if .type == "SRV" then "\(.rdata.priority) \(.rdata.weight) \(.rdata.port) \(.rdata.target)"
	 elif .type == "SOA" then "\(.rdata.mname) \(.rdata.rname) \(.rdata.serial) \(.rdata.refresh) \(.rdata.retry) \(.rdata.expire) \(.rdata.minimum)"
	 elif .type == "NS" or .type == "CNAME" then .rdata.target else .rdata.address end)] | join(" ")' "$tmp/out.json" | sort >"$tmp/from-json"
"$bin" generate "$tmp/model.json" --serial 7 -o "$tmp/zones" -q || fail "zone text"
for f in "$tmp"/zones/*.zone; do ldns-read-zone "$f"; done | awk '{$1=$1; print}' | sed 's/\t/ /g' | sort >"$tmp/from-text"
diff -u "$tmp/from-text" "$tmp/from-json" || fail "JSON and zone text differ"
[ "$(jq '[.[] | select(.type == "SOA")] | length' "$tmp/out.json")" = 1 ] || fail "expected one SOA"
"$bin" generate "$example" --format json -o "$tmp/x" 2>/dev/null; [ $? = 2 ] || fail "--format json with -o: exit is not 2"
echo ok
