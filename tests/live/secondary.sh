#!/usr/bin/env bash
# sipzone feeds one primary and DNS replication does the rest: a second
# named, secondary of the first, is told by NOTIFY and fetches the change by
# IXFR on loopback; dig on the secondary sees the pushed records.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

live_zones_generate "$LIVE_DIR/model.json"
live_port; P1=$PORT
live_port; P2=$PORT

# the primary notifies the secondary only (not the zone's NS records)
EXTRA_ZONE_OPTIONS="notify explicit; notify-delay 0; also-notify { 127.0.0.1 port $P2; }; allow-transfer { 127.0.0.1; };"
live_primary primary "$P1"
mkdir -p "$T/secondary"
{
	live_options secondary "$P2"
	for z in contoso.com fabrikam.com; do
		cat <<EOF2
zone "$z" {
	type secondary;
	primaries { 127.0.0.1 port $P1; };
	file "$z.db";
	request-ixfr yes;
	// the zones' SOA says retry after 600 s; a test cannot wait that long
	// when the first SOA query of a loaded machine goes unanswered
	min-retry-time 1; max-retry-time 2; min-refresh-time 1; max-refresh-time 60;
};
EOF2
	done
} >"$T/secondary/named.conf"
live_start primary "$P1"
live_start secondary "$P2" contoso.com fabrikam.com
expect_eq "secondary has the zone" "$(serial "$P2" contoso.com)" "$(serial "$P1" contoso.com)"
"$SZ" verify -q -s "127.0.0.1#$P2" "$LIVE_DIR/model.json" >/dev/null || fail "verify on the secondary: exit $?"

note "adopt: push the model it serves, so that ownership records exist"
key_file "$T/key.conf" "$KEY_NAME" "$KEY_SECRET"
"$SZ" push -q -s "127.0.0.1#$P1" -z contoso.com -k "$T/key.conf" "$LIVE_DIR/model.json" >/dev/null ||
	fail "adopt: exit $?"
s0=$(serial "$P1" contoso.com)
end=$((SECONDS + 30))
while [ "$SECONDS" -lt "$end" ] && [ "$(serial "$P2" contoso.com)" != "$s0" ]; do
	sleep 0.1
done
expect_eq "secondary has the ownership records" "$(q "$P2" _sipzone.sip.contoso.com TXT)" '"heritage=sipzone;types=A,AAAA"'

note "push to the primary"
"$SZ" push -q -s "127.0.0.1#$P1" -z contoso.com -k "$T/key.conf" "$LIVE_DIR/model-changed.json" ||
	fail "push: exit $?"
s1=$(serial "$P1" contoso.com)

note "wait (at most 30 s) for the secondary"
end=$((SECONDS + 30))
while [ "$SECONDS" -lt "$end" ] && [ "$(serial "$P2" contoso.com)" != "$s1" ]; do
	sleep 0.1
done
expect_eq "secondary serial" "$(serial "$P2" contoso.com)" "$s1"
expect_eq "secondary sip A" "$(q "$P2" sip.contoso.com A | tr '\n' ' ')" "198.51.100.11 203.0.113.10 "
expect_eq "secondary xmpp SRV" "$(q "$P2" _xmpp-server._tcp.contoso.com SRV)" ""
expect_eq "secondary www A" "$(q "$P2" www.contoso.com A)" "192.0.2.80"
# the secondary has the ownership records too: it sees the stale xmpp addresses
"$SZ" verify -q -s "127.0.0.1#$P2" -z contoso.com "$LIVE_DIR/model-changed.json" >"$T/v"
expect_eq "verify on the secondary after the push: exit" "$?" 1
grep -q ' 0 missing, 0 different, 0 extra, 2 stale;' "$T/v" || fail "verify on the secondary: $(cat "$T/v")"

note "it was NOTIFY and IXFR"
grep -q "received notify for zone 'contoso.com'\|notify from 127.0.0.1#[0-9]*: serial $s1" "$T/secondary/named.log" ||
	fail "the secondary got no NOTIFY"
grep -q "zone contoso.com/IN: transferred serial $s1" "$T/secondary/named.log" || fail "no transfer of serial $s1"
grep -q "transfer of 'contoso.com/IN': IXFR started (serial $s0 -> $s1)" "$T/primary/named.log" ||
	fail "the transfer was not incremental"
echo ok
