#!/usr/bin/env bash
# sipzone push from a changed model: one signed update; dig (an independent
# client) sees the model's records and the ownership records, the records
# sipzone does not own are still there, the other zone is untouched; a
# second push has nothing to send; pushing back with --tsig restores the
# first model.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

live_zones_generate "$LIVE_DIR/model.json"
live_port; P=$PORT
live_primary primary "$P"
live_start primary "$P"
key_file "$T/key.conf" "$KEY_NAME" "$KEY_SECRET"
s0=$(serial "$P" contoso.com)

note "push the model the zone already serves: only the ownership records are written (adopted)"
"$SZ" push --server "127.0.0.1#$P" --zone contoso.com --key "$T/key.conf" "$LIVE_DIR/model.json" >"$T/out" ||
	fail "adopt: exit $?: $(cat "$T/out")"
cat "$T/out"
grep -q '^; read zone contoso.com. with one zone transfer$' "$T/out" || fail "not read with a transfer"
grep -q ': 0 of 11 RRsets differ from the model, 7 ownership records to write; one update' "$T/out" || fail "adopt header"
# one per name the model publishes at, with the types it publishes there
expect_eq "ownership sip" "$(q "$P" _sipzone.sip.contoso.com TXT)" '"heritage=sipzone;types=A,AAAA"'
expect_eq "ownership xmpp" "$(q "$P" _sipzone.xmpp.contoso.com TXT)" '"heritage=sipzone;types=A,AAAA"'
expect_eq "ownership webcon" "$(q "$P" _sipzone.webcon.contoso.com TXT)" '"heritage=sipzone;types=A"'
expect_eq "ownership xmpp SRV" "$(q "$P" _sipzone._xmpp-server._tcp.contoso.com TXT)" '"heritage=sipzone;types=SRV"'
expect_eq "no ownership of foreign names" "$(q "$P" _sipzone.www.contoso.com TXT)$(q "$P" _sipzone._ldap._tcp.contoso.com TXT)" ""
expect_eq "foreign TXT at sip stays" "$(q "$P" sip.contoso.com TXT)" '"not sipzone'"'"'s"'
s0=$(serial "$P" contoso.com)

note "push the changed model"
"$SZ" push --server "127.0.0.1#$P" --zone contoso.com --key "$T/key.conf" "$LIVE_DIR/model-changed.json" >"$T/out"
rc=$?
cat "$T/out"
expect_eq "exit" "$rc" 0
# sip A changes, the xmpp SRV goes (its ownership record lists it) and
# so does that ownership record
grep -q '^; sipzone push: zone contoso.com. at 127.0.0.1#[0-9]*: 2 of 11 RRsets differ from the model (1 to delete), 1 ownership record to write; one update, signed with key sipzone-key (hmac-sha256)$' "$T/out" ||
	fail "header"
grep -q '^update delete _sipzone._xmpp-server._tcp.contoso.com. IN TXT$' "$T/out" || fail "ownership of the xmpp SRV not deleted"
grep -q '^update add sip.contoso.com. 3600 IN A 198.51.100.11$' "$T/out" || fail "update text"
grep -q '^; confirmed: ' "$T/out" || fail "not confirmed"

note "dig sees the model's records"
expect_eq "sip A" "$(q "$P" sip.contoso.com A | tr '\n' ' ')" "198.51.100.11 203.0.113.10 "
expect_eq "sip AAAA" "$(q "$P" sip.contoso.com AAAA)" "2001:db8::10"
expect_eq "webcon A" "$(q "$P" webcon.contoso.com A)" "203.0.113.20"
expect_eq "xmpp SRV gone" "$(q "$P" _xmpp-server._tcp.contoso.com SRV)" ""
expect_eq "federation SRV" "$(q "$P" _sipfederationtls._tcp.contoso.com SRV)" "0 0 5061 sip.contoso.com."
expect_eq "TTL" "$(dig +noall +answer +norec -p "$P" @127.0.0.1 sip.contoso.com A | awk '{print $2}' | sort -u)" 3600
s1=$(serial "$P" contoso.com)
[ "$s1" -gt "$s0" ] || fail "serial did not move: $s0 -> $s1"

note "what sipzone does not own survived"
expect_eq "www A" "$(q "$P" www.contoso.com A)" "192.0.2.80"
expect_eq "sip TXT" "$(q "$P" sip.contoso.com TXT)" '"not sipzone'"'"'s"'
expect_eq "ldap SRV" "$(q "$P" _ldap._tcp.contoso.com SRV)" "0 0 389 dc1.contoso.com."
expect_eq "NS" "$(q "$P" contoso.com NS)" "ns1.contoso.com."
expect_eq "xmpp SRV ownership gone" "$(q "$P" _sipzone._xmpp-server._tcp.contoso.com TXT)" ""
# xmpp.contoso.com is no longer produced by the model: without --prune it stays, still owned
expect_eq "xmpp A (stale, not pruned)" "$(q "$P" xmpp.contoso.com A | tr '\n' ' ')" "203.0.113.10 203.0.113.11 "
expect_eq "ownership xmpp kept" "$(q "$P" _sipzone.xmpp.contoso.com TXT)" '"heritage=sipzone;types=A,AAAA"'
grep -q '^;   xmpp.contoso.com. A$' "$T/out" || fail "the stale xmpp A is not listed as left"
# the other zone was not pushed
expect_eq "fabrikam untouched" "$(q "$P" sip.fabrikam.com A | tr '\n' ' ')" "203.0.113.10 203.0.113.11 "
expect_eq "fabrikam serial" "$(serial "$P" fabrikam.com)" 2026010101

note "verify agrees, a second push has nothing to send"
"$SZ" verify -q --server "127.0.0.1#$P" --zone contoso.com "$LIVE_DIR/model-changed.json" >"$T/v"
expect_eq "verify after push: exit (the stale xmpp addresses)" "$?" 1
grep -q '^11 RRsets: 9 ok, 0 missing, 0 different, 0 extra, 2 stale; 0 errors, 0 warnings$' "$T/v" || fail "verify: $(cat "$T/v")"
out=$("$SZ" push -s "127.0.0.1#$P" -z contoso.com -k "$T/key.conf" "$LIVE_DIR/model-changed.json") ||
	fail "second push: exit $?"
echo "$out" | grep -q 'already serves the model.s records (9 RRsets); nothing to send' || fail "second push: $out"
expect_eq "serial after a no-op push" "$(serial "$P" contoso.com)" "$s1"

note "push back with --tsig (nsupdate -y order too)"
out=$("$SZ" push -q -s "127.0.0.1#$P" -z contoso.com --tsig "hmac-sha256:$KEY_NAME:$KEY_SECRET" "$LIVE_DIR/model.json") ||
	fail "push back: exit $?: $out"
! echo "$out" | grep -q '^update ' || fail "--quiet printed the update"
"$SZ" verify -s "127.0.0.1#$P" -z contoso.com "$LIVE_DIR/model.json" >/dev/null || fail "not restored"
expect_eq "sip A restored" "$(q "$P" sip.contoso.com A | tr '\n' ' ')" "203.0.113.10 203.0.113.11 "

note "a TTL change replaces the RRsets"
jq '.defaults.ttl = 600' "$LIVE_DIR/model.json" >"$T/ttl.json"
"$SZ" push -s "127.0.0.1#$P" -z contoso.com --tsig "$KEY_NAME:hmac-sha256:$KEY_SECRET" "$T/ttl.json" >"$T/out" ||
	fail "ttl push: exit $?: $(cat "$T/out")"
grep -q '^update delete sip.contoso.com. IN A$' "$T/out" || fail "TTL change does not replace: $(cat "$T/out")"
expect_eq "TTL 600" "$(dig +noall +answer +norec -p "$P" @127.0.0.1 sip.contoso.com A | awk '{print $2}' | sort -u)" 600
echo ok
