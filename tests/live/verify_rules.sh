#!/usr/bin/env bash
# The rules of sipzone check on served data: an SRV target that is an
# alias, one without addresses, one that is an address, a hosted target;
# and a host name the model wants that the server has as a CNAME.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

live_zones_generate "$LIVE_DIR/model.json"
live_port; P=$PORT
live_primary primary "$P"
live_start primary "$P"

nsup "$P" <<'EOF2'
update delete xmpp.contoso.com.
update add xmpp.contoso.com. 3600 IN CNAME sip.contoso.com.
update delete _sipfederationtls._tcp.contoso.com. IN SRV
update add _sipfederationtls._tcp.contoso.com. 3600 IN SRV 0 0 5061 ghost.contoso.com.
EOF2
nsup "$P" <<'EOF2'
update delete _sip._tls.fabrikam.com. IN SRV
update add _sip._tls.fabrikam.com. 300 IN SRV 0 0 443 192.0.2.1.
update delete _sipfederationtls._tcp.fabrikam.com. IN SRV
update add _sipfederationtls._tcp.fabrikam.com. 300 IN SRV 100 1 5061 sipfed.online.lync.com.
EOF2

json=$("$SZ" verify --server "127.0.0.1#$P" --format json "$LIVE_DIR/model.json")
rc=$?
echo "$json" | jq -c '.findings[] | [.rule, .severity, .owner]'
expect_eq "exit" "$rc" 1
expect_eq "findings" "$(echo "$json" | jq -c '[.findings[] | [.rule, .severity, .owner]] | sort')" \
	'[["srv-target-cname","error","_xmpp-server._tcp.contoso.com."],["srv-target-hosted","warning","_sipfederationtls._tcp.fabrikam.com."],["srv-target-is-address","error","_sip._tls.fabrikam.com."],["srv-target-no-address","error","_sipfederationtls._tcp.contoso.com."]]'
expect_eq "alias note" "$(echo "$json" | jq -r '.rrsets[] | select(.owner == "xmpp.contoso.com." and .type == "A") | [.status, .note] | join("|")')" \
	'missing|the server has an alias here (CNAME sip.contoso.com.)'

# --allow-target is accepted as a hosting provider, bad names are usage errors
"$SZ" verify --server "127.0.0.1#$P" --allow-target "bad name" "$LIVE_DIR/model.json" >/dev/null 2>&1
expect_eq "bad --allow-target" $? 2
echo ok
