#!/usr/bin/env bash
# The two sides of a split-brain DNS (issue 7): an external named serving
# what `generate` writes, an internal named that starts with an empty
# contoso.com. `push --view internal` fills the internal one; dig (an
# independent client) sees the internal records there (sign-in SRV to sip.D,
# sip.D at the front-end pool, the mobile-push SRV to the edge's internal FQDN, the
# internal autodiscover name) and none of the external-only ones; verify
# with the matching view is ok, with the other view it is not.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
M=$LIVE_DIR/model-views.json

live_zones_generate "$M"
live_port; EXT=$PORT
live_primary ext "$EXT"
live_start ext "$EXT"

live_port; INT=$PORT
mkdir -p "$T/int"
cat >"$T/int/contoso.com.zone" <<'ZONE'
$TTL 3600
@    IN SOA ns1.contoso.com. hostmaster.contoso.com. 1 3600 600 1209600 300
@    IN NS  ns1.contoso.com.
ns1  IN A   10.0.0.53
ZONE
{
	live_options int "$INT"
	cat <<CONF
zone "contoso.com" { type primary; file "contoso.com.zone"; allow-update { key $KEY_NAME; }; };
CONF
} >"$T/int/named.conf"
live_start int "$INT"

note "the internal server does not have the internal view yet"
"$SZ" verify -q -s "127.0.0.1#$INT" -z contoso.com --view internal "$M" >"$T/out"
expect_eq "verify --view internal before the push" "$?" 1

note "push --view internal"
key_file "$T/key.conf" "$KEY_NAME" "$KEY_SECRET"
"$SZ" push -s "127.0.0.1#$INT" -z contoso.com --view internal -k "$T/key.conf" "$M" >"$T/out"
rc=$?
cat "$T/out"
expect_eq "push exit" "$rc" 0
grep -q '^; confirmed: ' "$T/out" || fail "not confirmed"

note "dig sees the internal view"
expect_eq "sign-in SRV" "$(q "$INT" _sipinternaltls._tcp.contoso.com SRV)" "0 0 5061 sip.contoso.com."
expect_eq "sip A (front-end pool)" "$(q "$INT" sip.contoso.com A | tr '\n' ' ')" "10.0.1.11 10.0.1.12 "
expect_eq "sipinternal A" "$(q "$INT" sipinternal.contoso.com A | tr '\n' ' ')" "10.0.1.11 10.0.1.12 "
expect_eq "pool FQDN A" "$(q "$INT" pool01.contoso.com A | tr '\n' ' ')" "10.0.1.11 10.0.1.12 "
expect_eq "mobile push SRV" "$(q "$INT" _sipfederationtls._tcp.contoso.com SRV)" "0 0 5061 edgepool-int.contoso.com."
expect_eq "internal edge A" "$(q "$INT" edgepool-int.contoso.com A | tr '\n' ' ')" "10.0.9.10 10.0.9.11 "
expect_eq "lyncdiscoverinternal A" "$(q "$INT" lyncdiscoverinternal.contoso.com A)" "10.0.1.20"
expect_eq "no _sip._tls inside" "$(q "$INT" _sip._tls.contoso.com SRV)" ""
expect_eq "no lyncdiscover inside" "$(q "$INT" lyncdiscover.contoso.com A)" ""
expect_eq "no XMPP inside" "$(q "$INT" _xmpp-server._tcp.contoso.com SRV)" ""
expect_eq "ns1 untouched" "$(q "$INT" ns1.contoso.com A)" "10.0.0.53"

note "the external server has the external view"
expect_eq "external sip A (edge)" "$(q "$EXT" sip.contoso.com A | tr '\n' ' ')" "203.0.113.10 203.0.113.11 "
expect_eq "external lyncdiscover A" "$(q "$EXT" lyncdiscover.contoso.com A)" "203.0.113.40"
expect_eq "no sign-in SRV outside" "$(q "$EXT" _sipinternaltls._tcp.contoso.com SRV)" ""

note "verify: each server against its view, and against the other"
"$SZ" verify -s "127.0.0.1#$INT" -z contoso.com --view internal "$M" >"$T/out" || { cat "$T/out"; fail "internal vs internal: exit $?"; }
"$SZ" verify -s "127.0.0.1#$EXT" -z contoso.com --view external "$M" >"$T/out" || { cat "$T/out"; fail "external vs external: exit $?"; }
"$SZ" verify -s "127.0.0.1#$EXT" -z contoso.com "$M" >/dev/null || fail "external is the default view"
"$SZ" verify -q -s "127.0.0.1#$INT" -z contoso.com --view external "$M" >"$T/out"
expect_eq "internal server vs external view" "$?" 1
grep -q 'sip.contoso.com' "$T/out" || { cat "$T/out"; fail "the mismatch does not name sip.contoso.com"; }
"$SZ" verify -q -s "127.0.0.1#$EXT" -z contoso.com --view internal "$M" >/dev/null
expect_eq "external server vs internal view" "$?" 1

note "a second push has nothing to send"
out=$("$SZ" push -s "127.0.0.1#$INT" -z contoso.com --view internal --tsig "hmac-sha256:$KEY_NAME:$KEY_SECRET" "$M") ||
	fail "second push: exit $?"
echo "$out" | grep -q 'nothing to send' || fail "second push: $out"
"$SZ" verify -s "127.0.0.1#$INT" --view dmz "$M" >/dev/null 2>&1
expect_eq "--view dmz" "$?" 2
echo ok
