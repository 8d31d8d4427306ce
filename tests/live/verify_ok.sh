#!/usr/bin/env bash
# sipzone verify against a freshly served zone: every RRset ok, exit 0; in
# text and JSON; --zone selects; a zone the model does not write is a usage
# error; a model that differs from what is served is exit 1.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

live_zones_generate "$LIVE_DIR/model.json"
live_port; P=$PORT
live_primary primary "$P"
live_start primary "$P"

note "verify, text"
out=$("$SZ" verify --server "127.0.0.1#$P" "$LIVE_DIR/model.json") || fail "verify: exit $?: $out"
echo "$out" | grep -q '^16 RRsets: 16 ok, 0 missing, 0 different, 0 extra, 0 stale; 0 errors, 0 warnings$' ||
	fail "summary: $out"
echo "$out" | grep -q '^ok        sip.contoso.com. A$' || fail "no ok line for sip.contoso.com. A: $out"
echo "$out" | grep -q '^ok        ns1.contoso.com. AAAA (none, as the model wants)$' ||
	fail "owned empty RRset not shown: $out"
# records sipzone does not own are not reported
! echo "$out" | grep -q 'www.contoso.com\|_ldap._tcp\|TXT' || fail "foreign records reported: $out"

note "verify, JSON"
json=$("$SZ" verify --server "127.0.0.1#$P" --format json "$LIVE_DIR/model.json") || fail "json: exit $?"
expect_eq "json summary" "$(echo "$json" | jq -c '.summary | [.rrsets, .ok, .missing, .different, .extra, .errors]')" \
	'[16,16,0,0,0,0]'
expect_eq "json all authoritative" "$(echo "$json" | jq '[.rrsets[] | select(.ttl_checked | not)] | length')" 0
expect_eq "json sip A" "$(echo "$json" | jq -c '.rrsets[] | select(.owner == "sip.contoso.com." and .type == "A") | [.zone, .status, [.served[].rdata], [.expected[].ttl]]')" \
	'["contoso.com.","ok",[{"address":"203.0.113.10"},{"address":"203.0.113.11"}],[3600,3600]]'
expect_eq "json server" "$(echo "$json" | jq -r .server)" "127.0.0.1#$P"
# the same records in the same shape as generate --format json: zone and
# rdata of every served record, per (zone, owner, type)
gen=$("$SZ" generate --format json "$LIVE_DIR/model.json") || fail "generate --format json"
want=$(echo "$gen" | jq -cS '[.[] | select(.type != "SOA" and .type != "NS") | {zone, owner: .name, type, rdata}] | sort')
got=$(echo "$json" | jq -cS '[.rrsets[] | {zone, owner, type} + (.served[] | {rdata})] | sort')
[ -n "$want" ] && [ "$want" != "[]" ] || fail "no generated records"
expect_eq "verify and generate: the same rdata" "$got" "$want"

note "--zone"
out=$("$SZ" verify -s "127.0.0.1#$P" --zone FABRIKAM.com. "$LIVE_DIR/model.json") || fail "--zone: exit $?: $out"
echo "$out" | grep -q '^5 RRsets: 5 ok' || fail "--zone fabrikam.com: $out"
! echo "$out" | grep -q contoso || fail "--zone fabrikam.com shows contoso: $out"
"$SZ" verify -s "127.0.0.1#$P" --zone example.org "$LIVE_DIR/model.json" >/dev/null 2>"$T/err"
rc=$?; expect_eq "unknown zone exit" "$rc" 2
grep -q 'writes no records in zone example.org' "$T/err" || fail "unknown zone message: $(cat "$T/err")"

note "a model that differs from what is served"
"$SZ" verify -s "127.0.0.1#$P" "$LIVE_DIR/model-changed.json" >"$T/out"
rc=$?; expect_eq "changed model exit" "$rc" 1
grep -q '^different sip.contoso.com. A$' "$T/out" || fail "changed model: $(cat "$T/out")"
grep -q '^extra     _xmpp-server._tcp.contoso.com. SRV$' "$T/out" || fail "xmpp SRV not extra: $(cat "$T/out")"

note "usage errors are exit 2"
"$SZ" verify -s "127.0.0.1#notaport" "$LIVE_DIR/model.json" >/dev/null 2>&1; expect_eq "bad port" $? 2
"$SZ" verify --timeout 0 -s "127.0.0.1#$P" "$LIVE_DIR/model.json" >/dev/null 2>&1; expect_eq "bad timeout" $? 2
"$SZ" verify --retries 11 -s "127.0.0.1#$P" "$LIVE_DIR/model.json" >/dev/null 2>&1; expect_eq "bad retries" $? 2
"$SZ" verify --format xml "$LIVE_DIR/model.json" >/dev/null 2>&1; expect_eq "bad format" $? 2
echo ok
