#!/usr/bin/env bash
# push --dry-run prints the update in nsupdate syntax and sends nothing;
# nsupdate applies that text to the same effect as push; and the
# prerequisites in it make the server refuse it once the zone changed.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

live_zones_generate "$LIVE_DIR/model.json"
live_port; P=$PORT
live_primary primary "$P"
live_start primary "$P"
s0=$(serial "$P" contoso.com)

note "dry run, no key needed"
"$SZ" push --dry-run -s "127.0.0.1#$P" -z contoso.com "$LIVE_DIR/model-changed.json" >"$T/plan" ||
	fail "dry run: exit $?"
cat "$T/plan"
grep -q "^; sipzone push --dry-run: zone contoso.com. at 127.0.0.1#$P: 2 of 9 RRsets differ from the model; nothing was sent$" "$T/plan" ||
	fail "header"
cat >"$T/want" <<EOF2
server 127.0.0.1 $P
zone contoso.com.
prereq yxrrset _sipfederationtls._tcp.contoso.com. IN SRV 0 0 5061 sip.contoso.com.
prereq yxrrset _xmpp-server._tcp.contoso.com. IN SRV 0 0 5269 xmpp.contoso.com.
prereq yxrrset _sip._tls.contoso.com. IN SRV 0 0 443 sip.contoso.com.
prereq yxrrset ns1.contoso.com. IN A 192.0.2.53
prereq nxrrset ns1.contoso.com. IN AAAA
prereq yxrrset sip.contoso.com. IN A 203.0.113.10
prereq yxrrset sip.contoso.com. IN A 203.0.113.11
prereq yxrrset sip.contoso.com. IN AAAA 2001:db8::10
prereq yxrrset webcon.contoso.com. IN A 203.0.113.20
prereq nxrrset webcon.contoso.com. IN AAAA
update delete _xmpp-server._tcp.contoso.com. IN SRV
update delete sip.contoso.com. IN A 203.0.113.11
update add sip.contoso.com. 3600 IN A 198.51.100.11
send
EOF2
grep -v '^;' "$T/plan" | diff -u "$T/want" - || fail "the update differs"
expect_eq "nothing sent: serial" "$(serial "$P" contoso.com)" "$s0"
expect_eq "nothing sent: sip A" "$(q "$P" sip.contoso.com A | tr '\n' ' ')" "203.0.113.10 203.0.113.11 "
grep -q "secret\|$KEY_SECRET" "$T/plan" && fail "the key is in the output"

note "the same with a key: still nothing sent"
key_file "$T/key.conf" "$KEY_NAME" "$KEY_SECRET"
"$SZ" push -n -s "127.0.0.1#$P" -z contoso.com -k "$T/key.conf" "$LIVE_DIR/model-changed.json" >/dev/null ||
	fail "dry run with key: exit $?"
expect_eq "nothing sent with key" "$(serial "$P" contoso.com)" "$s0"

note "a concurrent change makes the server refuse the planned update"
nsup "$P" <<'EOF2'
update add sip.contoso.com. 3600 IN A 192.0.2.77
EOF2
if nsupdate -y "hmac-sha256:$KEY_NAME:$KEY_SECRET" -t 5 <"$T/plan" >"$T/nsu" 2>&1; then
	fail "nsupdate applied a stale plan"
fi
grep -q 'YXRRSET\|NXRRSET' "$T/nsu" || fail "nsupdate: $(cat "$T/nsu")"
expect_eq "refused plan changed nothing" "$(q "$P" sip.contoso.com A | tr '\n' ' ')" "192.0.2.77 203.0.113.10 203.0.113.11 "

note "a fresh plan, applied by nsupdate, gives what push gives"
"$SZ" push -n -s "127.0.0.1#$P" -z contoso.com "$LIVE_DIR/model-changed.json" >"$T/plan" || fail "plan 2"
grep -q '^update delete sip.contoso.com. IN A 192.0.2.77$' "$T/plan" || fail "plan 2 misses the foreign address"
nsupdate -y "hmac-sha256:$KEY_NAME:$KEY_SECRET" -t 5 <"$T/plan" || fail "nsupdate rejected the plan"
"$SZ" verify -s "127.0.0.1#$P" -z contoso.com "$LIVE_DIR/model-changed.json" >"$T/out" ||
	fail "after nsupdate: $(cat "$T/out")"
echo ok
