#!/usr/bin/env bash
# verify by queries when the server refuses zone transfers (issue 18): the
# RRsets are asked for a window of queries at a time, and the report is
# the one of a transfer. One zone file, changed behind sipzone's back, is
# served twice: by a named that refuses transfers (allow-transfer none)
# and by one that allows them. dig, asking for every RRset, says which
# differ from the generated zone; verify by queries must say the same, and
# its whole report must be that of the transfer. WINDOW_DOMAINS overrides
# the size (7 owned RRsets per domain; 300: 2,104, some 65 windows of 32).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

N=${WINDOW_DOMAINS:-300}

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
"$SZ" generate "$T/big.json" -o "$T/gen" --serial 2026010101 -q || fail "generate"

# the served zone: every 17th domain's sip A changed, every 19th's xmpp
# AAAA and every 23rd's _sip._tls SRV removed
mkdir -p "$T/refusing" "$T/allowing"
awk '{
	d = -1
	if (match($1, /\.t[0-9][0-9][0-9][0-9][0-9]\.big\.test\.$/)) d = substr($1, RSTART + 2, 5) + 0
	if (d >= 0 && d % 17 == 3 && $1 ~ /^sip\./ && $4 == "A") { $5 = "198.51.100.99" }
	if (d >= 0 && d % 19 == 5 && $1 ~ /^xmpp\./ && $4 == "AAAA") next
	if (d >= 0 && d % 23 == 7 && $1 ~ /^_sip\._tls\./) next
	print
}' "$T/gen/big.test.zone" >"$T/refusing/big.test.zone"
cp "$T/refusing/big.test.zone" "$T/allowing/"
live_port; P=$PORT
{
	live_options refusing "$P"
	printf 'zone "big.test" {\n\ttype primary;\n\tfile "big.test.zone";\n\tallow-transfer { none; };\n};\n'
} >"$T/refusing/named.conf"
live_start refusing "$P" big.test
live_port; PA=$PORT
{
	live_options allowing "$PA"
	printf 'zone "big.test" {\n\ttype primary;\n\tfile "big.test.zone";\n};\n'
} >"$T/allowing/named.conf"
live_start allowing "$PA" big.test
dig +time=5 -p "$P" @127.0.0.1 big.test AXFR | grep -q 'Transfer failed' || fail "the refusing server transfers"

# dig: every A, AAAA and SRV RRset of the generated zone, asked in one batch
awk '$4 == "A" || $4 == "AAAA" || $4 == "SRV" { print $1, $4 }' "$T/gen/big.test.zone" | sort -u >"$T/rrsets"
awk '{ print $1, $2 }' "$T/rrsets" >"$T/batch"
dig +noall +answer +time=5 -p "$P" @127.0.0.1 -f "$T/batch" |
	awk '{ r = $5; for (i = 6; i <= NF; i++) r = r " " $i; print $1, $4, r }' | sort >"$T/served"
awk '$4 == "A" || $4 == "AAAA" || $4 == "SRV" { r = $5; for (i = 6; i <= NF; i++) r = r " " $i; print $1, $4, r }' \
	"$T/gen/big.test.zone" | sort >"$T/wanted"
# per RRset: missing (nothing served), different (served, not the same), else ok
awk 'FILENAME == ARGV[1] { w[$1 " " $2] = w[$1 " " $2] "|" $0; next }
     FILENAME == ARGV[2] { s[$1 " " $2] = s[$1 " " $2] "|" $0; next }
     { k = $1 " " $2; if (!(k in s)) print "missing", k; else if (s[k] != w[k]) print "different", k }' \
	"$T/wanted" "$T/served" "$T/rrsets" | sort >"$T/dig_says"
n_missing=$(grep -c '^missing' "$T/dig_says")
n_different=$(grep -c '^different' "$T/dig_says")
note "dig: $(wc -l <"$T/rrsets") RRsets, $n_missing missing, $n_different different"
if [ "$n_missing" -le 20 ] || [ "$n_different" -le 15 ]; then fail "the zone was not changed as meant"; fi

"$SZ" verify -s "127.0.0.1#$P" -z big.test --timeout 5 "$T/big.json" >"$T/q.out" 2>"$T/q.err"
expect_eq "verify by queries: exit" "$?" 1
"$SZ" verify -s "127.0.0.1#$P" -z big.test --timeout 5 --format json "$T/big.json" >"$T/q.json" 2>/dev/null
grep -q "zone transfer 'big.test/AXFR/IN' denied" "$T/refusing/named.log" || fail "no transfer was refused"
awk '$1 == "missing" || $1 == "different" { print $1, $2, $3 }' "$T/q.out" | sort >"$T/verify_says"
[ -s "$T/verify_says" ] || fail "verify reported nothing: $(head "$T/q.out")"
diff "$T/dig_says" "$T/verify_says" >&2 || fail "verify by queries and dig disagree"
grep -q " $n_missing missing, $n_different different, 0 extra" "$T/q.out" || fail "summary: $(tail -1 "$T/q.out")"

# the same report, in the same order, as from the transfer
"$SZ" verify -s "127.0.0.1#$PA" -z big.test --timeout 5 "$T/big.json" >"$T/x.out" 2>"$T/x.err"
expect_eq "verify by transfer: exit" "$?" 1
"$SZ" verify -s "127.0.0.1#$PA" -z big.test --timeout 5 --format json "$T/big.json" >"$T/x.json" 2>/dev/null
grep -q "transfer of 'big.test/IN': AXFR ended" "$T/allowing/named.log" || fail "no transfer was made"
sed "s/127\.0\.0\.1#$PA/SERVER/g" "$T/x.out" >"$T/x.norm"
sed "s/127\.0\.0\.1#$P/SERVER/g" "$T/q.out" >"$T/q.norm"
diff "$T/x.norm" "$T/q.norm" >&2 || fail "the report by queries is not the report by transfer"
expect_eq "the same RRsets in json" "$(jq -c '.rrsets' "$T/q.json")" "$(jq -c '.rrsets' "$T/x.json")"
echo ok
