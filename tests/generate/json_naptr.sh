#!/usr/bin/env bash
# generate --format json with generic_sip.naptr: each NAPTR's rdata read back
# by jq equals ldns-read-zone's reading of the zone text (kept apart from
# json_output.sh so the NAPTR shape is one place to change).
. "$(dirname "$0")/lib.sh"
model=$here/../cases/generate/generic-sip-naptr-tls-tcp-udp/model.json
"$bin" generate "$model" --format json >"$tmp/out.json" || fail "exit $?"
jq -r '.[] | select(.type == "NAPTR") | [.name, (.ttl|tostring), .class, .type,
	"\(.rdata.order) \(.rdata.preference) \"\(.rdata.flags)\" \"\(.rdata.services)\" \"\(.rdata.regexp)\" \(.rdata.replacement)"] | join(" ")' \
	"$tmp/out.json" | sort >"$tmp/from-json"
[ "$(wc -l <"$tmp/from-json")" = 3 ] || fail "expected 3 NAPTRs in the JSON: $(cat "$tmp/from-json")"
"$bin" generate "$model" -o "$tmp/zones" -q || fail "zone text"
ldns-read-zone "$tmp/zones/example.com.zone" | awk '$4 == "NAPTR" {$1=$1; print}' | sed 's/\t/ /g' | sort >"$tmp/from-text"
diff -u "$tmp/from-text" "$tmp/from-json" || fail "JSON and zone text differ"
echo ok
