#!/usr/bin/env bash
# A server that does not answer, or answers SERVFAIL or REFUSED: verify
# and push exit 2 with the reason, within the timeout and retries, never a
# hang.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

ms() { date +%s%3N; }

# exit 2 within LIMIT ms, and the message matches
down() {   # WHAT LIMIT_MS PATTERN COMMAND...
	local what=$1 limit=$2 pat=$3 t0 t1 rc
	shift 3
	t0=$(ms)
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	t1=$(ms)
	cat "$T/err"
	expect_eq "$what: exit" "$rc" 2
	[ $((t1 - t0)) -le "$limit" ] || fail "$what: took $((t1 - t0)) ms, more than $limit"
	grep -q "$pat" "$T/err" || fail "$what: no '$pat' in: $(cat "$T/err")"
}

live_zones_generate "$LIVE_DIR/model.json"
live_port; P=$PORT
key_file "$T/key.conf" "$KEY_NAME" "$KEY_SECRET"

note "nothing listens: 2 attempts of 1 s"
down "verify, no server" 4000 "no answer from 127.0.0.1#$P to .* within 1.000 s (2 attempts)" \
	"$SZ" verify --server "127.0.0.1#$P" --timeout 1 --retries 1 "$LIVE_DIR/model.json"
down "verify --format json, no server" 2500 "no answer" \
	"$SZ" verify --server "127.0.0.1#$P" --timeout 0.5 --retries 1 --format json "$LIVE_DIR/model.json"
expect_eq "json error" "$(jq -r .error.status "$T/out")" network
down "push, no server" 4000 "no answer from 127.0.0.1#$P" \
	"$SZ" push --server "127.0.0.1#$P" --zone contoso.com --key "$T/key.conf" --timeout 1 --retries 1 "$LIVE_DIR/model-changed.json"

note "a server that was stopped"
live_primary primary "$P"
live_start primary "$P"
"$SZ" verify -q --server "127.0.0.1#$P" "$LIVE_DIR/model.json" >/dev/null || fail "verify while up: exit $?"
live_stop primary
down "verify, stopped server" 2500 "no answer from 127.0.0.1#$P" \
	"$SZ" verify --server "127.0.0.1#$P" --timeout 1 --retries 0 "$LIVE_DIR/model.json"

note "SERVFAIL: a zone the server could not load"
live_port; P2=$PORT
mkdir -p "$T/broken"
cp "$T/gen/contoso.com.zone" "$T/broken/"
{
	live_options broken "$P2"
	echo 'zone "contoso.com" { type primary; file "contoso.com.zone"; allow-update { key sipzone-key; }; };'
	echo 'zone "fabrikam.com" { type primary; file "missing.zone"; allow-update { key sipzone-key; }; };'
} >"$T/broken/named.conf"
live_start broken "$P2"
down "verify, SERVFAIL" 3000 "127.0.0.1#$P2 answered SERVFAIL to .*fabrikam.com" \
	"$SZ" verify --server "127.0.0.1#$P2" --timeout 1 "$LIVE_DIR/model.json"
down "push, SERVFAIL" 3000 "answered SERVFAIL to fabrikam.com. SOA" \
	"$SZ" push --server "127.0.0.1#$P2" --zone fabrikam.com --key "$T/key.conf" --timeout 1 "$LIVE_DIR/model.json"

note "REFUSED: a zone the server does not serve"
jq '.sip_domains += [{"domain": "litwareinc.com", "edge_pool": "edge-eu", "federation": "direct"}] | .edge_pools."edge-eu".certificate.san += ["sip.litwareinc.com"]' \
	"$LIVE_DIR/model.json" >"$T/litware.json"
down "verify, REFUSED" 3000 "127.0.0.1#$P2 answered REFUSED to .*litwareinc.com" \
	"$SZ" verify --server "127.0.0.1#$P2" --zone litwareinc.com --timeout 1 "$T/litware.json"
down "push, REFUSED" 3000 "answered REFUSED to litwareinc.com. SOA" \
	"$SZ" push --server "127.0.0.1#$P2" --zone litwareinc.com --key "$T/key.conf" --timeout 1 "$T/litware.json"
# the zone the server does serve is still fine
"$SZ" verify -q --server "127.0.0.1#$P2" --zone contoso.com "$LIVE_DIR/model.json" >/dev/null ||
	fail "contoso.com on the broken server: exit $?"
echo ok
