#!/usr/bin/env bash
# Records changed behind sipzone's back with nsupdate: verify reports each
# RRset as different, missing or extra, with the model's and the served
# records, and exits 1; the served SRV records are checked by the rules of
# sipzone check.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

live_zones_generate "$LIVE_DIR/model.json"
live_port; P=$PORT
live_primary primary "$P"
live_start primary "$P"

nsup "$P" <<'EOF2'
update delete sip.contoso.com. IN A 203.0.113.11
update add sip.contoso.com. 3600 IN A 198.51.100.99
update delete xmpp.contoso.com. IN AAAA
update add _sip._tls.contoso.com. 3600 IN SRV 0 0 443 sip.contoso.net.
EOF2
nsup "$P" <<'EOF2'
update delete _sip._tls.fabrikam.com. IN SRV
update add _sip._tls.fabrikam.com. 600 IN SRV 0 0 443 sip.fabrikam.com.
EOF2
expect_eq "nsupdate applied" "$(q "$P" sip.contoso.com A | tr '\n' ' ')" "198.51.100.99 203.0.113.10 "

"$SZ" verify --server "127.0.0.1#$P" "$LIVE_DIR/model.json" >"$T/out"
rc=$?
cat "$T/out"
expect_eq "exit" "$rc" 1
grep -q '^different sip.contoso.com. A$' "$T/out" || fail "sip A not different"
grep -q '^    model:   3600 203.0.113.11$' "$T/out" || fail "expected record not shown"
grep -q '^    served:  3600 198.51.100.99$' "$T/out" || fail "served record not shown"
grep -q '^missing   xmpp.contoso.com. AAAA$' "$T/out" || fail "xmpp AAAA not missing"
grep -q '^extra     _sip._tls.contoso.com. SRV$' "$T/out" || fail "_sip._tls not extra"
grep -q '^different _sip._tls.fabrikam.com. SRV$' "$T/out" || fail "TTL change not different"
grep -q '^    note:    served TTL 600, the model.s 300$' "$T/out" || fail "TTL note"
grep -q "^127.0.0.1#$P: error: served _sip._tls.contoso.com. SRV 0 0 443 sip.contoso.net.: target sip.contoso.net. is outside the SIP domain contoso.com.: .*\[srv-target-outside-namespace\]$" "$T/out" ||
	fail "namespace finding"
# the outside _sip._tls target is also a strict-naming warning, as in sipzone check
grep -q '^16 RRsets: 12 ok, 1 missing, 2 different, 1 extra, 0 stale; 1 error, 1 warning$' "$T/out" || fail "summary"

json=$("$SZ" verify --server "127.0.0.1#$P" --format json "$LIVE_DIR/model.json")
expect_eq "json exit" "$?" 1
expect_eq "json states" "$(echo "$json" | jq -c '[.rrsets[] | select(.status != "ok") | [.owner, .type, .status]]')" \
	'[["_sip._tls.contoso.com.","SRV","extra"],["sip.contoso.com.","A","different"],["xmpp.contoso.com.","AAAA","missing"],["_sip._tls.fabrikam.com.","SRV","different"]]'
expect_eq "json served" "$(echo "$json" | jq -c '.rrsets[] | select(.owner == "_sip._tls.contoso.com.") | [.served[].rdata]')" \
	'[{"priority":0,"weight":0,"port":443,"target":"sip.contoso.com."},{"priority":0,"weight":0,"port":443,"target":"sip.contoso.net."}]'
expect_eq "json findings" "$(echo "$json" | jq -c '[.findings[] | [.rule, .severity, .owner, .server]]')" \
	"[[\"srv-target-outside-namespace\",\"error\",\"_sip._tls.contoso.com.\",\"127.0.0.1#$P\"],[\"client-strict-naming\",\"warning\",\"_sip._tls.contoso.com.\",\"127.0.0.1#$P\"]]"

# --quiet leaves the ok RRsets out
out=$("$SZ" verify -q --server "127.0.0.1#$P" "$LIVE_DIR/model.json")
! echo "$out" | grep -q '^ok ' || fail "--quiet shows ok RRsets"
echo ok
