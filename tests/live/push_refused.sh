#!/usr/bin/env bash
# Pushes the server refuses: a wrong secret (BADSIG), a key it does not know
# (BADKEY), a key it knows but that may not update (REFUSED); a CNAME in the
# way of the model's records. Each is exit 2 with the reason, and dig shows
# the zone unchanged.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

live_zones_generate "$LIVE_DIR/model.json"
live_port; P=$PORT
live_primary primary "$P"
live_start primary "$P"
s0=$(serial "$P" contoso.com)

unchanged() {   # WHAT
	expect_eq "$1: serial" "$(serial "$P" contoso.com)" "$s0"
	expect_eq "$1: sip A" "$(q "$P" sip.contoso.com A | tr '\n' ' ')" "203.0.113.10 203.0.113.11 "
	expect_eq "$1: xmpp SRV" "$(q "$P" _xmpp-server._tcp.contoso.com SRV)" "0 0 5269 xmpp.contoso.com."
}

refused() {   # WHAT PATTERN KEYFILE
	"$SZ" push -s "127.0.0.1#$P" -z contoso.com -k "$3" "$LIVE_DIR/model-changed.json" >"$T/out" 2>"$T/err"
	local rc=$?
	cat "$T/err"
	expect_eq "$1: exit" "$rc" 2
	grep -q "$2" "$T/err" || fail "$1: no reason '$2' in: $(cat "$T/err")"
	unchanged "$1"
}

key_file "$T/badsig.conf" "$KEY_NAME" "$WRONG_SECRET"
refused "wrong secret" 'refused the update (NOTAUTH): BADSIG: the signature does not verify' "$T/badsig.conf"
key_file "$T/badkey.conf" unknown-key "$KEY_SECRET"
refused "unknown key" 'refused the update (NOTAUTH): BADKEY: the server has no key unknown-key' "$T/badkey.conf"
key_file "$T/reader.conf" "$OTHER_NAME" "$OTHER_SECRET"
refused "key not allowed" 'refused the update (REFUSED): the zone does not allow updates signed with key reader-key' "$T/reader.conf"

note "a key file that is not one, a bad --tsig: exit 2 before anything is sent"
printf 'key "k" {\n\talgorithm hmac-sha384;\n\tsecret "%s";\n};\n' "$KEY_SECRET" >"$T/alg.conf"
"$SZ" push -s "127.0.0.1#$P" -z contoso.com -k "$T/alg.conf" "$LIVE_DIR/model-changed.json" 2>"$T/err"
expect_eq "unsupported algorithm" $? 2
grep -q "alg.conf:2:12: error: algorithm hmac-sha384 is not one sipzone can sign with.*\[key-algorithm\]" "$T/err" ||
	fail "algorithm message: $(cat "$T/err")"
"$SZ" push -s "127.0.0.1#$P" -z contoso.com --tsig "$KEY_NAME:hmac-sha256" "$LIVE_DIR/model-changed.json" 2>/dev/null
expect_eq "bad --tsig" $? 2
"$SZ" push -s "127.0.0.1#$P" -z contoso.com "$LIVE_DIR/model-changed.json" 2>/dev/null
expect_eq "no key" $? 2
unchanged "bad keys"

note "a CNAME where the model wants addresses"
nsup "$P" <<'EOF2'
update delete webcon.contoso.com.
update add webcon.contoso.com. 3600 IN CNAME www.contoso.com.
EOF2
s0=$(serial "$P" contoso.com)
key_file "$T/key.conf" "$KEY_NAME" "$KEY_SECRET"
refused "CNAME in the way" 'webcon.contoso.com. is an alias (CNAME) on the server' "$T/key.conf"
expect_eq "CNAME kept" "$(q "$P" webcon.contoso.com CNAME)" "www.contoso.com."
echo ok
