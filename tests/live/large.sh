#!/usr/bin/env bash
# push at size (issue 18): a zone holding 10,000 RRsets sipzone owns.
# Publishing them all takes many UPDATE messages (each under 64 KB, each
# a set of names complete with their ownership records); then a change of
# one RRset and one of 300 (100 domains' xmpp retired with --prune) go as
# small updates that pin only what they change. dig (AXFR) counts what the
# server holds. LARGE_DOMAINS overrides the size (7 owned RRsets per domain).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

N=${LARGE_DOMAINS:-1428}   # 1428 x 7 + edge and ns1 (A, AAAA) = 10,000 owned RRsets

# The model: N SIP domains tN.big.test in zone big.test, one pool at edge.big.test.
awk -v n="$N" 'BEGIN {
	print "{ \"version\": 1, \"defaults\": { \"ttl\": 3600 }, \"edge_pools\": { \"edge-big\": {"
	print "  \"access_edge\": \"edge.big.test\", \"addresses\": [\"203.0.113.10\", \"2001:db8::10\"],"
	printf "  \"certificate\": { \"subject\": \"edge.big.test\", \"san\": [\"edge.big.test\""
	for (i = 0; i < n; i++) printf ", \"sip.t%05d.big.test\", \"xmpp.t%05d.big.test\"", i, i
	print "] } } },"
	printf "  \"sip_domains\": ["
	for (i = 0; i < n; i++) printf "%s\n    { \"domain\": \"t%05d.big.test\", \"edge_pool\": \"edge-big\", \"xmpp\": true }", (i ? "," : ""), i
	print "  ],"
	print "  \"zones\": { \"big.test\": { \"soa\": { \"mname\": \"ns1.big.test\", \"rname\": \"hostmaster.big.test\", \"refresh\": 3600, \"retry\": 600, \"expire\": 1209600, \"minimum\": 300 }, \"ns\": [{ \"name\": \"ns1.big.test\", \"addresses\": [\"192.0.2.53\"] }] } }"
	print "}"
}' >"$T/big.json"
live_port; P=$PORT
mkdir -p "$T/primary"
# the zone before sipzone publishes: SOA, NS and the hosts outside the SIP
# domains (ns1, the edge), as the model has them
cat >"$T/primary/big.test.zone" <<'ZONE'
$ORIGIN big.test.
$TTL 3600
@     IN SOA ns1.big.test. hostmaster.big.test. 2026010101 3600 600 1209600 300
@     IN NS   ns1.big.test.
ns1   IN A    192.0.2.53
edge  IN A    203.0.113.10
edge  IN AAAA 2001:db8::10
ZONE
{
	live_options primary "$P"
	printf 'zone "big.test" {\n\ttype primary;\n\tfile "big.test.zone";\n\tallow-update { key %s; };\n};\n' "$KEY_NAME"
} >"$T/primary/named.conf"
live_start primary "$P" big.test
key_file "$T/key.conf" "$KEY_NAME" "$KEY_SECRET"

axfr_count() {   # TYPE [PATTERN]: records of TYPE in the zone (matching PATTERN)
	dig +noall +answer +time=30 -p "$P" @127.0.0.1 big.test AXFR |
		awk -v t="$1" -v p="${2:-}" '$4 == t && (p == "" || index($0, p)) { n++ } END { print n + 0 }'
}
ms() { date +%s%3N; }

note "publish: $((N * 7 + 4)) owned RRsets"
t0=$(ms)
"$SZ" push -q -s "127.0.0.1#$P" -z big.test -k "$T/key.conf" --timeout 30 "$T/big.json" >"$T/out" ||
	fail "publish: exit $?: $(tail -5 "$T/out")"
echo "-- publish took $(($(ms) - t0)) ms"
grep '^; sipzone push' "$T/out"
grep -q "^; sipzone push: zone big.test. at 127.0.0.1#$P: $((N * 7)) of $((N * 7 + 4)) RRsets differ from the model, $((N * 5 + 2)) ownership records to write; [0-9]* updates, signed" "$T/out" ||
	fail "publish header"
grep -q '^; confirmed: ' "$T/out" || fail "publish not confirmed"
expect_eq "SRV records" "$(axfr_count SRV)" $((N * 3))
expect_eq "A records" "$(axfr_count A)" $((N * 2 + 2))
expect_eq "ownership records" "$(axfr_count TXT 'heritage=sipzone;types=')" $((N * 5 + 2))

note "a change of one RRset among $((N * 7 + 4)): one small update"
jq '.sip_domains[7].xmpp = false' "$T/big.json" >"$T/one.json"
t0=$(ms)
"$SZ" push -s "127.0.0.1#$P" -z big.test -k "$T/key.conf" --timeout 30 "$T/one.json" >"$T/out" ||
	fail "one change: exit $?: $(head -20 "$T/out")"
echo "-- one change took $(($(ms) - t0)) ms"
grep -q ": 1 of $((N * 7 + 4)) RRsets differ from the model (1 to delete), 1 ownership record to write; one update," "$T/out" ||
	fail "one change header: $(grep '^; sipzone' "$T/out")"
expect_eq "prerequisites: the two RRsets it changes" "$(grep -c '^prereq ' "$T/out")" 2
expect_eq "xmpp SRV of t00007 gone" "$(q "$P" _xmpp-server._tcp.t00007.big.test SRV)" ""
expect_eq "xmpp SRV of t00008 kept" "$(q "$P" _xmpp-server._tcp.t00008.big.test SRV)" "0 0 5269 xmpp.t00008.big.test."
expect_eq "SRV records" "$(axfr_count SRV)" $((N * 3 - 1))

note "100 more domains retire xmpp with --prune: 300 RRsets, and t00007's stale addresses"
jq '.sip_domains |= [ range(0; length) as $i | .[$i] | if $i >= 100 and $i < 200 then del(.xmpp) else . end ]
    | .sip_domains[7].xmpp = false' "$T/big.json" >"$T/hundred.json"
t0=$(ms)
"$SZ" push -q -s "127.0.0.1#$P" -z big.test -k "$T/key.conf" --prune --timeout 30 "$T/hundred.json" >"$T/out" ||
	fail "100 changes: exit $?: $(head -20 "$T/out")"
echo "-- 100 domains took $(($(ms) - t0)) ms"
grep -q ": 302 of [0-9]* RRsets differ from the model (302 to delete), 201 ownership records to write;" "$T/out" ||
	fail "100 header: $(grep '^; sipzone' "$T/out")"
expect_eq "SRV records" "$(axfr_count SRV)" $((N * 3 - 101))
expect_eq "A records" "$(axfr_count A)" $((N * 2 + 2 - 101))
expect_eq "xmpp A of t00150 gone" "$(q "$P" xmpp.t00150.big.test A)" ""
expect_eq "xmpp A of t00007 gone too (stale, now pruned)" "$(q "$P" xmpp.t00007.big.test A)" ""
expect_eq "xmpp A of t00200 kept" "$(q "$P" xmpp.t00200.big.test A)" "203.0.113.10"
"$SZ" verify -q -s "127.0.0.1#$P" -z big.test "$T/hundred.json" >"$T/v" || fail "verify: $(tail -3 "$T/v")"
echo ok
