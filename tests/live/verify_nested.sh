#!/usr/bin/env bash
# Nested zones (issue 15) against a real named: northwind.example delegates
# uk.northwind.example (both listed zones, both served) and holds the SIP
# domain de.northwind.example (not listed). verify finds every RRset ok in
# the zone that holds it, owns no NS (the delegation is not sipzone's) and
# still owns the SRV names of de.northwind.example inside the parent: an SRV
# the model does not want there is reported extra.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

jq '.edge_pools.edge.certificate.san += ["sip.de.northwind.example"]
    | .sip_domains += [{"domain": "de.northwind.example", "edge_pool": "edge", "federation": "none"}]' \
	"$LIVE_DIR/../cases/generate/nested-zone-delegated/model.json" >"$T/model.json" || fail "jq"
live_zones_generate "$T/model.json"
[ "$(cd "$T/gen" && ls)" = "$(printf 'northwind.example.zone\nuk.northwind.example.zone')" ] ||
	fail "generated files: $(ls "$T/gen")"
grep -q '^_sip._tls.de.northwind.example. ' "$T/gen/northwind.example.zone" || fail "de not in the parent zone"
grep -q '^uk.northwind.example. .* NS ' "$T/gen/northwind.example.zone" || fail "no delegation"

live_port; P=$PORT
mkdir -p "$T/primary"
cp "$T"/gen/*.zone "$T/primary/"
{
	live_options primary "$P"
	for z in northwind.example uk.northwind.example; do
		printf 'zone "%s" { type primary; file "%s.zone"; };\n' "$z" "$z"
	done
} >"$T/primary/named.conf"
live_start primary "$P" northwind.example uk.northwind.example

note "verify: all ok"
json=$("$SZ" verify --server "127.0.0.1#$P" --format json "$T/model.json") || fail "verify: exit $?: $json"
[ -n "$json" ] || fail "no JSON"
expect() { [ "$2" = "$3" ] || fail "$1: got $2, expected $3"; }
expect "not ok" "$(echo "$json" | jq -c '[.rrsets[] | select(.status != "ok")]')" '[]'
expect "NS owned" "$(echo "$json" | jq '[.rrsets[] | select(.type == "NS")] | length')" 0
expect "de's SRV zone" "$(echo "$json" | jq -r '.rrsets[] | select(.owner == "_sip._tls.de.northwind.example.") | .zone')" \
	northwind.example.
expect "uk's SRV zone" "$(echo "$json" | jq -r '.rrsets[] | select(.owner == "_sip._tls.uk.northwind.example.") | .zone')" \
	uk.northwind.example.
expect "de's federation SRV owned, empty" \
	"$(echo "$json" | jq -c '.rrsets[] | select(.owner == "_sipfederationtls._tcp.de.northwind.example.") | [.zone, .status, .served]')" \
	'["northwind.example.","ok",[]]'

note "an SRV the model does not want in the merged domain is extra"
live_stop primary
echo '_sipfederationtls._tcp.de.northwind.example. 3600 IN SRV 0 0 5061 sip.de.northwind.example.' >>"$T/primary/northwind.example.zone"
live_start primary "$P" northwind.example uk.northwind.example
json=$("$SZ" verify --server "127.0.0.1#$P" --format json "$T/model.json"); rc=$?
expect "exit" "$rc" 1
expect "extra" "$(echo "$json" | jq -c '[.rrsets[] | select(.status != "ok") | [.owner, .type, .status]]')" \
	'[["_sipfederationtls._tcp.de.northwind.example.","SRV","extra"]]'
echo ok
