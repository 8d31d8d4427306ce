#!/usr/bin/env bash
# push --prune retires what sipzone published and the model no longer has,
# as the ownership records in the zone say, from a machine with no local
# state: a feature turned off (xmpp), a host renamed (webcon -> meet), a
# domain removed (fabrikam.com, pushed with --prune --zone). Foreign records
# at other names, and foreign RRsets of other types at sipzone's names,
# survive. Every check is made with dig against the server.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

live_zones_generate "$LIVE_DIR/model.json"
live_port; P=$PORT
live_primary primary "$P"
live_start primary "$P" contoso.com fabrikam.com
key_file "$T/key.conf" "$KEY_NAME" "$KEY_SECRET"
# foreign RRsets at names sipzone publishes, and one at another name of fabrikam.com
nsup "$P" <<'EOF2'
zone contoso.com.
update add xmpp.contoso.com. 3600 IN TXT "foreign at a sipzone name"
update add webcon.contoso.com. 3600 IN MX 10 dc1.contoso.com.
EOF2
nsup "$P" <<'EOF2'
zone fabrikam.com.
update add www.fabrikam.com. 3600 IN A 192.0.2.81
EOF2

# Two "machines": each runs in its own empty directory with its own HOME,
# from its own copy of the model; sipzone keeps no state, the zone does.
machine() {   # NAME MODEL ARGS...: sipzone push from machine NAME
	local name=$1 model=$2
	shift 2
	mkdir -p "$T/$name/home"
	cp "$model" "$T/$name/model.json"
	(cd "$T/$name" && HOME=$T/$name/home XDG_CONFIG_HOME= XDG_CACHE_HOME= \
		"$SZ" push -s "127.0.0.1#$P" -k "$T/key.conf" "$@" model.json)
}

note "machine A publishes both zones (adopting the records generate wrote)"
machine a "$LIVE_DIR/model.json" -z contoso.com >"$T/out" || fail "push contoso: $(cat "$T/out")"
machine a "$LIVE_DIR/model.json" -z fabrikam.com >"$T/out" || fail "push fabrikam: $(cat "$T/out")"
expect_eq "ownership at xmpp" "$(q "$P" _sipzone.xmpp.contoso.com TXT)" '"heritage=sipzone;types=A,AAAA"'
expect_eq "ownership at fabrikam _sip._tls" "$(q "$P" _sipzone._sip._tls.fabrikam.com TXT)" '"heritage=sipzone;types=SRV"'
find "$T/a" -newer "$T/key.conf" -type f ! -name model.json | grep . && fail "sipzone left files on machine a"

note "machine B, fresh: xmpp turned off, webcon renamed to meet"
jq 'del(.sip_domains[0].xmpp)
    | .edge_pools["edge-eu"].webconf_edge.fqdn = "meet.contoso.com"
    | .edge_pools["edge-eu"].certificate.san += ["meet.contoso.com"]' "$LIVE_DIR/model.json" >"$T/changed.json"
s0=$(serial "$P" contoso.com)
machine b "$T/changed.json" -z contoso.com --prune --dry-run >"$T/dry" || fail "dry run: $(cat "$T/dry")"
cat "$T/dry"
for line in 'update delete _xmpp-server._tcp.contoso.com. IN SRV' 'update delete xmpp.contoso.com. IN A' \
	'update delete xmpp.contoso.com. IN AAAA' 'update delete _sipzone.xmpp.contoso.com. IN TXT' \
	'update delete webcon.contoso.com. IN A' 'update delete _sipzone.webcon.contoso.com. IN TXT' \
	'update add meet.contoso.com. 3600 IN A 203.0.113.20'; do
	grep -qxF "$line" "$T/dry" || fail "dry run lacks: $line"
done
grep -q 'TXT "foreign\|IN MX' "$T/dry" && fail "the dry run touches a foreign RRset"
expect_eq "dry run sent nothing" "$(serial "$P" contoso.com)" "$s0"
expect_eq "xmpp A still there" "$(q "$P" xmpp.contoso.com A | tr '\n' ' ')" "203.0.113.10 203.0.113.11 "

note "verify from machine B: the retired records are stale"
"$SZ" verify -s "127.0.0.1#$P" -z contoso.com "$T/changed.json" >"$T/v"
expect_eq "verify exit" "$?" 1
grep -q '^stale     xmpp.contoso.com. A$' "$T/v" || fail "xmpp A not stale: $(cat "$T/v")"
grep -q '^stale     webcon.contoso.com. A$' "$T/v" || fail "webcon A not stale"
grep -q '^stale     _xmpp-server._tcp.contoso.com. SRV$' "$T/v" || fail "xmpp SRV not stale"

note "machine B prunes"
machine b "$T/changed.json" -z contoso.com --prune >"$T/out" || fail "prune: $(cat "$T/out")"
grep -q '^; confirmed: ' "$T/out" || fail "not confirmed"
expect_eq "xmpp SRV gone" "$(q "$P" _xmpp-server._tcp.contoso.com SRV)" ""
expect_eq "xmpp A gone" "$(q "$P" xmpp.contoso.com A)" ""
expect_eq "xmpp AAAA gone" "$(q "$P" xmpp.contoso.com AAAA)" ""
expect_eq "webcon A gone" "$(q "$P" webcon.contoso.com A)" ""
expect_eq "meet A" "$(q "$P" meet.contoso.com A)" "203.0.113.20"
expect_eq "ownership xmpp gone" "$(q "$P" _sipzone.xmpp.contoso.com TXT)$(q "$P" _sipzone._xmpp-server._tcp.contoso.com TXT)" ""
expect_eq "ownership webcon gone" "$(q "$P" _sipzone.webcon.contoso.com TXT)" ""
expect_eq "ownership meet" "$(q "$P" _sipzone.meet.contoso.com TXT)" '"heritage=sipzone;types=A"'
expect_eq "foreign TXT at xmpp survives" "$(q "$P" xmpp.contoso.com TXT)" '"foreign at a sipzone name"'
expect_eq "foreign MX at webcon survives" "$(q "$P" webcon.contoso.com MX)" "10 dc1.contoso.com."
expect_eq "foreign TXT at sip survives" "$(q "$P" sip.contoso.com TXT)" '"not sipzone'"'"'s"'
expect_eq "foreign www survives" "$(q "$P" www.contoso.com A)" "192.0.2.80"
expect_eq "foreign _ldap survives" "$(q "$P" _ldap._tcp.contoso.com SRV)" "0 0 389 dc1.contoso.com."
expect_eq "sip A kept" "$(q "$P" sip.contoso.com A | tr '\n' ' ')" "203.0.113.10 203.0.113.11 "
"$SZ" verify -q -s "127.0.0.1#$P" -z contoso.com "$T/changed.json" >"$T/v" || fail "verify after prune: $(cat "$T/v")"
out=$(machine b "$T/changed.json" -z contoso.com --prune) || fail "second prune: $out"
echo "$out" | grep -q 'nothing to send' || fail "second prune: $out"

note "a domain removed: push --zone of a zone the model no longer has"
jq 'del(.sip_domains[1]) | del(.zones["fabrikam.com"])
    | .edge_pools["edge-eu"].certificate.san -= ["sip.fabrikam.com"]' "$LIVE_DIR/model.json" >"$T/nofab.json"
machine b "$T/nofab.json" -z fabrikam.com >"$T/out" 2>&1
expect_eq "without --prune: exit" "$?" 2
grep -q 'writes no records in zone fabrikam.com' "$T/out" || fail "$(cat "$T/out")"
[ -n "$(q "$P" _sip._tls.fabrikam.com SRV)" ] || fail "fabrikam SRV gone without --prune"
machine b "$T/nofab.json" -z fabrikam.com --prune >"$T/out" || fail "prune fabrikam: $(cat "$T/out")"
cat "$T/out"
expect_eq "fabrikam AXFR: only SOA, NS and the foreign www remain" \
	"$(dig +noall +answer -p "$P" @127.0.0.1 fabrikam.com AXFR | awk '{print $1, $4}' | sort -u | tr '\n' ' ')" \
	"fabrikam.com. NS fabrikam.com. SOA www.fabrikam.com. A "
echo ok
