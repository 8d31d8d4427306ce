#!/usr/bin/env bash
# A wildcard in the zone: a name the model owns has no RRset, but
# *.contoso.com answers for it. verify says the answer comes from the
# wildcard (the zone has no RRset there), and push treats it as absent:
# it adds the real RRset instead of failing on a prerequisite built from
# the synthesised answer. dig checks the server before and after.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

live_zones_generate "$LIVE_DIR/model.json"
live_port; P=$PORT
live_primary primary "$P"
# webcon.contoso.com's records go; a wildcard A takes over the name
grep -v '^webcon\.contoso\.com\.' "$T/primary/contoso.com.zone" >"$T/z" || fail "no webcon records to remove"
cat "$T/z" - >"$T/primary/contoso.com.zone" <<'EOF2'
*.contoso.com. 3600 IN A 192.0.2.99
EOF2
named-checkzone -q contoso.com "$T/primary/contoso.com.zone" || fail "the test zone does not load"
live_start primary "$P" contoso.com fabrikam.com
key_file "$T/key.conf" "$KEY_NAME" "$KEY_SECRET"
expect_eq "dig: the wildcard answers for webcon" "$(q "$P" webcon.contoso.com A)" "192.0.2.99"

note "verify names the wildcard"
"$SZ" verify -s "127.0.0.1#$P" -z contoso.com "$LIVE_DIR/model.json" >"$T/v"
expect_eq "verify exit" "$?" 1
cat "$T/v"
grep -q '^missing   webcon.contoso.com. A$' "$T/v" || fail "webcon A is not missing"
grep -q 'note: *the zone has no RRset here: a server answers from the wildcard \*.contoso.com.$' "$T/v" ||
	fail "no wildcard note"
# a name that exists (sip) is not said to come from the wildcard
! grep -A3 '^.* sip.contoso.com. A$' "$T/v" | grep -q wildcard || fail "sip A said to come from the wildcard"

note "push adds the real RRset"
"$SZ" push -s "127.0.0.1#$P" -z contoso.com -k "$T/key.conf" "$LIVE_DIR/model.json" >"$T/out" ||
	fail "push: exit $?: $(cat "$T/out")"
cat "$T/out"
grep -qx 'prereq nxrrset webcon.contoso.com. IN A' "$T/out" || fail "the prerequisite is not 'no RRset'"
grep -qx 'update add webcon.contoso.com. 3600 IN A 203.0.113.20' "$T/out" || fail "no add"
expect_eq "dig: webcon A is real now" "$(q "$P" webcon.contoso.com A)" "203.0.113.20"
expect_eq "dig: webcon AAAA (the name exists now: no wildcard)" "$(q "$P" webcon.contoso.com AAAA)" ""
expect_eq "dig: the wildcard still answers elsewhere" "$(q "$P" other.contoso.com A)" "192.0.2.99"
"$SZ" verify -q -s "127.0.0.1#$P" -z contoso.com "$LIVE_DIR/model.json" >"$T/v" || fail "verify after push: $(cat "$T/v")"
live_stop primary

note "a signed zone that allows no transfer: the RRSIG's labels field tells"
live_port; P=$PORT
mkdir -p "$T/signed"
cp "$T/z" "$T/signed/contoso.com.zone"
echo '*.contoso.com. 3600 IN A 192.0.2.99' >>"$T/signed/contoso.com.zone"
{
	live_options signed "$P"
	cat <<EOF2
zone "contoso.com" {
	type primary;
	file "contoso.com.zone";
	allow-update { key $KEY_NAME; };
	allow-transfer { none; };
	dnssec-policy default;
	key-directory "$T/signed";
};
EOF2
} >"$T/signed/named.conf"
live_start signed "$P" contoso.com
end=$((SECONDS + 30))
until dig +dnssec +norec -p "$P" @127.0.0.1 webcon.contoso.com A | grep -q 'RRSIG.*A 13 2 '; do
	[ "$SECONDS" -lt "$end" ] || fail "the zone is not signed after 30 s"
	sleep 0.2
done
dig +noall +answer +dnssec -p "$P" @127.0.0.1 webcon.contoso.com A
"$SZ" verify -s "127.0.0.1#$P" -z contoso.com "$LIVE_DIR/model.json" >"$T/v"
expect_eq "verify exit (signed)" "$?" 1
grep -q '^missing   webcon.contoso.com. A$' "$T/v" || fail "signed: webcon A is not missing: $(cat "$T/v")"
grep -q 'answers from the wildcard \*.contoso.com.$' "$T/v" || fail "signed: no wildcard note"
"$SZ" push -s "127.0.0.1#$P" -z contoso.com -k "$T/key.conf" "$LIVE_DIR/model.json" >"$T/out" ||
	fail "push (signed): exit $?: $(cat "$T/out")"
grep -q '^; read zone contoso.com. with [0-9]* queries: no transfer' "$T/out" || fail "signed: not read by queries"
grep -qx 'prereq nxrrset webcon.contoso.com. IN A' "$T/out" || fail "signed: the prerequisite is not 'no RRset'"
expect_eq "dig: webcon A is real now (signed)" "$(q "$P" webcon.contoso.com A)" "203.0.113.20"
# --prune needs the ownership records of every name: without a transfer it refuses
"$SZ" push --prune -s "127.0.0.1#$P" -z contoso.com -k "$T/key.conf" "$LIVE_DIR/model.json" >"$T/out" 2>&1
expect_eq "prune without a transfer: exit" "$?" 2
grep -q 'push --prune reads the zone.s ownership records with a zone transfer, and no transfer of zone contoso.com.' "$T/out" ||
	fail "prune without a transfer: $(cat "$T/out")"
echo ok
