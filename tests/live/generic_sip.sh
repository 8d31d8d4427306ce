#!/usr/bin/env bash
# Generic SIP (RFC 3263, issue 17) live: push publishes the NAPTRs and SRVs
# of generic_sip, dig (an independent client) sees them, verify reports them
# ok; the NAPTR RRset of a domain with generic_sip is the model's (a stale
# NAPTR is replaced); an SRV for a transport not listed that sipzone did not
# publish stays (no ownership record lists it: push never deletes those),
# and so does a hand-made _sip._tcp of a domain without generic_sip;
# "naptr": false removes the NAPTRs sipzone published again.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

live_zones_generate "$LIVE_DIR/model.json"
live_port; P=$PORT
live_primary primary "$P"
live_start primary "$P" contoso.com fabrikam.com
key_file "$T/key.conf" "$KEY_NAME" "$KEY_SECRET"

# contoso.com offers TLS then UDP, ranked by NAPTRs
jq '(.sip_domains[] | select(.domain == "contoso.com")).generic_sip = {"transports": ["tls", "udp"], "naptr": true}' \
	"$LIVE_DIR/model.json" >"$T/naptr.json" || fail "jq"
jq '(.sip_domains[] | select(.domain == "contoso.com")).generic_sip.naptr = false' \
	"$T/naptr.json" >"$T/no-naptr.json" || fail "jq"

note "records that are not the model's yet: a stale NAPTR and _sip._tcp at contoso.com, _sip._tcp at fabrikam.com"
nsup "$P" <<'EOF'
update add contoso.com. 3600 IN NAPTR 100 50 "s" "SIP+D2T" "" _sip._tcp.contoso.com.
update add _sip._tcp.contoso.com. 3600 IN SRV 0 0 5060 sip.contoso.com.
EOF
nsup "$P" <<'EOF'
update add _sip._tcp.fabrikam.com. 300 IN SRV 0 0 5060 pbx.fabrikam.com.
EOF
expect_eq "stale NAPTR served" "$(q "$P" contoso.com NAPTR)" '100 50 "s" "SIP+D2T" "" _sip._tcp.contoso.com.'

note "verify before the push: the generic SIP RRsets differ"
"$SZ" verify -s "127.0.0.1#$P" -z contoso.com "$T/naptr.json" >"$T/out"
rc=$?; expect_eq "verify before push" "$rc" 1
grep -q '^different contoso.com. NAPTR$' "$T/out" || fail "NAPTR not different: $(cat "$T/out")"
grep -q '^missing   _sips._tcp.contoso.com. SRV$' "$T/out" || fail "_sips._tcp not missing: $(cat "$T/out")"
grep -q '^extra     _sip._tcp.contoso.com. SRV$' "$T/out" || fail "_sip._tcp not extra: $(cat "$T/out")"

note "push"
"$SZ" push -s "127.0.0.1#$P" -z contoso.com -k "$T/key.conf" "$T/naptr.json" >"$T/out" ||
	fail "push: exit $?: $(cat "$T/out")"
cat "$T/out"
grep -q '^update add contoso.com. 3600 IN NAPTR 10 50 "s" "SIPS+D2T" "" _sips._tcp.contoso.com.$' "$T/out" ||
	fail "update text"

note "dig sees RFC 3263 section 4.1's records"
expect_eq "NAPTR" "$(q "$P" contoso.com NAPTR | tr '\n' '|')" \
	'10 50 "s" "SIPS+D2T" "" _sips._tcp.contoso.com.|20 50 "s" "SIP+D2U" "" _sip._udp.contoso.com.|'
expect_eq "_sips._tcp SRV" "$(q "$P" _sips._tcp.contoso.com SRV)" "0 0 5061 sip.contoso.com."
expect_eq "_sip._udp SRV" "$(q "$P" _sip._udp.contoso.com SRV)" "0 0 5060 sip.contoso.com."
expect_eq "_sip._tcp stays (tcp not listed, but not published by sipzone)" "$(q "$P" _sip._tcp.contoso.com SRV)" "0 0 5060 sip.contoso.com."
grep -q '^;   _sip._tcp.contoso.com. SRV$' "$T/out" || fail "_sip._tcp not listed as left"
expect_eq "fabrikam's own _sip._tcp survives (no generic_sip there)" \
	"$(q "$P" _sip._tcp.fabrikam.com SRV)" "0 0 5060 pbx.fabrikam.com."
expect_eq "foreign SRV survives" "$(q "$P" _ldap._tcp.contoso.com SRV)" "0 0 389 dc1.contoso.com."

note "verify reports them ok"
# the hand-made _sip._tcp.contoso.com is removed by hand, as push said
nsup "$P" <<'EOF'
update delete _sip._tcp.contoso.com. SRV
EOF
out=$("$SZ" verify -s "127.0.0.1#$P" -z contoso.com "$T/naptr.json") || fail "verify after push: exit $?: $out"
echo "$out" | grep -q '^ok        contoso.com. NAPTR$' || fail "NAPTR not ok: $out"
echo "$out" | grep -q '^ok        _sips._tcp.contoso.com. SRV$' || fail "_sips._tcp not ok: $out"
echo "$out" | grep -q '^ok        _sip._udp.contoso.com. SRV$' || fail "_sip._udp not ok: $out"
echo "$out" | grep -q '^ok        _sip._tcp.contoso.com. SRV (none, as the model wants)$' ||
	fail "_sip._tcp not owned empty: $out"
json=$("$SZ" verify -s "127.0.0.1#$P" -z contoso.com --format json "$T/naptr.json") || fail "json: exit $?"
expect_eq "json NAPTR" "$(echo "$json" | jq -c '.rrsets[] | select(.type == "NAPTR") | [.owner, .status, (.served | length)]')" \
	'["contoso.com.","ok",2]'
# the served NAPTRs in generate's rdata shape (README), written by hand
expect_eq "json NAPTR rdata" "$(echo "$json" | jq -c '[.rrsets[] | select(.type == "NAPTR") | .served[].rdata] | sort_by(.order)')" \
	'[{"order":10,"preference":50,"flags":"s","services":"SIPS+D2T","regexp":"","replacement":"_sips._tcp.contoso.com."},{"order":20,"preference":50,"flags":"s","services":"SIP+D2U","regexp":"","replacement":"_sip._udp.contoso.com."}]'
out=$("$SZ" push -s "127.0.0.1#$P" -z contoso.com -k "$T/key.conf" "$T/naptr.json") || fail "second push: exit $?"
echo "$out" | grep -q 'nothing to send' || fail "second push sent something: $out"

note "flags and services in upper case (octoDNS writes \"S\"): the same NAPTR (RFC 3403 section 4.1)"
nsup "$P" <<'EOF'
update delete contoso.com. 3600 IN NAPTR 10 50 "s" "SIPS+D2T" "" _sips._tcp.contoso.com.
update add contoso.com. 3600 IN NAPTR 10 50 "S" "sips+d2t" "" _sips._tcp.contoso.com.
EOF
expect_eq "upper-case NAPTR served" "$(q "$P" contoso.com NAPTR | grep -c '"S" "sips+d2t"')" 1
out=$("$SZ" verify -s "127.0.0.1#$P" -z contoso.com "$T/naptr.json") || fail "verify upper-case NAPTR: exit $?: $out"
echo "$out" | grep -q '^ok        contoso.com. NAPTR$' || fail "upper-case NAPTR not ok: $out"

note "naptr false: the NAPTRs go, the SRVs stay"
"$SZ" push -q -s "127.0.0.1#$P" -z contoso.com -k "$T/key.conf" "$T/no-naptr.json" >/dev/null ||
	fail "push naptr false: exit $?"
expect_eq "NAPTR gone" "$(q "$P" contoso.com NAPTR)" ""
expect_eq "_sips._tcp kept" "$(q "$P" _sips._tcp.contoso.com SRV)" "0 0 5061 sip.contoso.com."
"$SZ" verify -q -s "127.0.0.1#$P" -z contoso.com "$T/no-naptr.json" >/dev/null || fail "verify naptr false: exit $?"
echo ok
