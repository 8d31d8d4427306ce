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
# every name with its trailing dot, the zone's too, as verify --format json
jq -e 'all(.[]; .zone as $z | ($z | endswith(".")) and (.name | endswith("." + $z) or . == $z)
	and ([.rdata.target, .rdata.mname, .rdata.rname] | map(select(. != null)) | all(endswith("."))))' \
	"$tmp/out.json" >/dev/null || fail "a name without its trailing dot"
# python reads the array back (strict UTF-8), and each line is one record
# exactly as python writes it compactly: the streaming writer's escaping and
# layout are JSON's own
for m in "$tmp/model.json" "$here/../cases/generate/deployment-external/model.json"; do
	"$bin" generate "$m" --format json >"$tmp/rt.json" || fail "generate $m"
	python3 - "$tmp/rt.json" <<'PY' || fail "python round trip of $m"
import json, sys
raw = open(sys.argv[1], "rb").read()
text = raw.decode("utf-8", errors="strict")
records = json.loads(text)
assert isinstance(records, list) and records, "not a non-empty array"
lines = text.split("\n")
assert lines[0] == "[" and lines[-2] == "]" and lines[-1] == "", "array framing"
body = lines[1:-2]
assert len(body) == len(records), (len(body), len(records))
for i, (line, rec) in enumerate(zip(body, records)):
    want = json.dumps(rec, separators=(",", ":"), ensure_ascii=False) + ("," if i < len(records) - 1 else "")
    assert line == want, f"record {i}: {line!r} != {want!r}"
    assert list(rec) == ["zone", "name", "ttl", "class", "type", "rdata"], list(rec)
PY
done
"$bin" generate "$example" --format json -o "$tmp/x" 2>/dev/null; [ $? = 2 ] || fail "--format json with -o: exit is not 2"
echo ok
