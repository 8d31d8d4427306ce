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
# no ownership records yet: the model's RRsets are adopted (each name gets
# one), the xmpp SRV the model no longer wants is listed by none, so it stays
grep -q "^; sipzone push --dry-run: zone contoso.com. at 127.0.0.1#$P: 1 of 9 RRsets differ from the model, 5 ownership records to write; nothing was sent$" "$T/plan" ||
	fail "header"
grep -q '^;   _xmpp-server._tcp.contoso.com. SRV$' "$T/plan" || fail "the xmpp SRV is not listed as left"
# only what changes is pinned; names in canonical order, each with its ownership record
cat >"$T/want" <<EOF2
server 127.0.0.1 $P
zone contoso.com.
prereq nxrrset _sipzone._sipfederationtls._tcp.contoso.com. IN TXT
prereq nxrrset _sipzone._sip._tls.contoso.com. IN TXT
prereq nxrrset _sipzone.ns1.contoso.com. IN TXT
prereq yxrrset sip.contoso.com. IN A 203.0.113.10
prereq yxrrset sip.contoso.com. IN A 203.0.113.11
prereq nxrrset _sipzone.sip.contoso.com. IN TXT
prereq nxrrset _sipzone.webcon.contoso.com. IN TXT
update add _sipzone._sipfederationtls._tcp.contoso.com. 3600 IN TXT "heritage=sipzone;types=SRV"
update add _sipzone._sip._tls.contoso.com. 3600 IN TXT "heritage=sipzone;types=SRV"
update add _sipzone.ns1.contoso.com. 3600 IN TXT "heritage=sipzone;types=A"
update delete sip.contoso.com. IN A 203.0.113.11
update add sip.contoso.com. 3600 IN A 198.51.100.11
update add _sipzone.sip.contoso.com. 3600 IN TXT "heritage=sipzone;types=A,AAAA"
update add _sipzone.webcon.contoso.com. 3600 IN TXT "heritage=sipzone;types=A"
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
# everything as the model wants, but the xmpp SRV nobody recorded as sipzone's
"$SZ" verify -s "127.0.0.1#$P" -z contoso.com "$LIVE_DIR/model-changed.json" >"$T/out"
expect_eq "verify after nsupdate: exit" "$?" 1
grep -q '^9 RRsets: 8 ok, 0 missing, 0 different, 1 extra, 0 stale; ' "$T/out" || fail "after nsupdate: $(cat "$T/out")"
grep -q '^extra     _xmpp-server._tcp.contoso.com. SRV$' "$T/out" || fail "after nsupdate: $(cat "$T/out")"
echo ok
