#!/usr/bin/env bash
# dns_replies.sh BIN CASE: sipzone verify and push against a DNS server that
# misbehaves on purpose (tests/hostile/dns_server.py, one per run, on a free
# port of 127.0.0.1, killed when the script ends). Rows N1.. of
# docs/SECURITY.md. Every run is bounded: `run` fails on a hang, and each
# case also checks how long the command took (a bound, not a benchmark).
# Where the time is not the point, --timeout is a generous 5 s, so that a
# loaded machine (ASan, parallel ctest) does not turn a slow proper answer
# into a timeout; the drip and silent cases keep short, exact deadlines.
#
# The server's proper answers serve the zones of tests/live/model-changed.json;
# its forged replies carry those of tests/live/model.json. `verify
# model.json` is therefore exit 1 ("different") when only proper answers
# are taken, and would be exit 0 ("16 ok") if a forged one became data.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
live=$here/../live
PY=/usr/bin/python3   # Debian's, with python3-dnspython (.ci/bootstrap)
"$PY" -c 'import dns.message, dns.tsig, dns.zone' 2>/dev/null || skip "python3-dnspython is not installed"

KEY_NAME=sipzone-key
KEY_SECRET=nYvRwYu929+BBDTiJKChxExwoQGZsKCHOXJnvBjuJ8Q=

"$bin" generate "$live/model.json" -o "$tmp/good" --serial 2026010101 -q || fail "generate model.json"
"$bin" generate "$live/model-changed.json" -o "$tmp/served" --serial 2026010101 -q || fail "generate model-changed.json"
printf 'key "%s" {\n\talgorithm hmac-sha256;\n\tsecret "%s";\n};\n' "$KEY_NAME" "$KEY_SECRET" >"$tmp/key.conf"

SERVER_PID=
stop_server() {
	[ -n "$SERVER_PID" ] || return 0
	kill "$SERVER_PID" 2>/dev/null
	wait "$SERVER_PID" 2>/dev/null
	SERVER_PID=
}
trap 'stop_server; chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

# start MODE [ZONES_DIR]: the server, its port in $P
start() {
	local mode=$1 zones=${2:-$tmp/served} i
	rm -f "$tmp/port"
	"$PY" "$here/dns_server.py" --port-file "$tmp/port" --mode "$mode" --zones "$zones" \
		--forge-zones "$tmp/good" --key "$KEY_NAME:$KEY_SECRET" 2>"$tmp/server.log" &
	SERVER_PID=$!
	for i in $(seq 1 300); do
		[ -s "$tmp/port" ] && break
		kill -0 "$SERVER_PID" 2>/dev/null || { cat "$tmp/server.log"; fail "the test server exited"; }
		sleep 0.1
	done
	[ -s "$tmp/port" ] || fail "the test server did not start"
	P=$(cat "$tmp/port")
}

ms() { date +%s%3N; }

# timed WANT_EXIT MAX_MS verify|push ARGS...: sipzone verify (push) against
# the server; it must end with WANT_EXIT within MAX_MS
timed() {
	local want=$1 max=$2 verb=$3 t0 t1
	shift 3
	local cmd=("$bin" verify --server "127.0.0.1#$P" "$@" "$live/model.json")
	[ "$verb" = verify ] ||
		cmd=("$bin" push --server "127.0.0.1#$P" --zone contoso.com --key "$tmp/key.conf" "$@" "$live/model.json")
	t0=$(ms)
	run "$want" 60 "${cmd[@]}"
	t1=$(ms)
	ELAPSED=$((t1 - t0))
	[ "$ELAPSED" -le "$max" ] || fail "'$*' took $ELAPSED ms, the bound is $max ms"
	echo "-- $row: exit $rc in $((t1 - t0)) ms"; head -c 600 "$tmp/err"
}

# A forged reply came first, then the proper one: only the proper one counts.
forged_then_proper() {
	start "$1"
	# generous: a loaded machine (ASan, parallel ctest) may be slow to answer
	timed 1 20000 verify --timeout 5 --retries 1
	said_out '^different sip\.contoso\.com\. A$'
	! grep -q '16 ok' "$tmp/out" || fail "forged data taken: $(cat "$tmp/out")"
}

said_out() { said "$1" "$tmp/out"; }

case $row in
dns-proper-answers)  # the server itself is right: proper answers give the expected report
	start ok
	timed 1 20000 verify --timeout 5 --retries 1
	said_out '^different sip\.contoso\.com\. A$'
	stop_server
	start ok "$tmp/good"
	timed 0 20000 verify --timeout 5 --retries 1
	said_out '16 ok'
	;;
dns-axfr)  # a zone transfer with a forged message (another ID) and a record outside the zone
	start axfr
	# unsigned: the transfer is taken, the forged message and the stray record are not
	run 0 60 "$bin" push -n --server "127.0.0.1#$P" --zone contoso.com --timeout 5 "$live/model.json"
	said_out '^; read zone contoso\.com\. with one zone transfer$'
	# the proper data (model-changed) differs from model.json in sip A, the forged would not
	said_out '^update add sip\.contoso\.com\. 3600 IN A 203\.0\.113\.11$'
	! grep -q 'forged' "$tmp/out" || fail "a record outside the zone was taken: $(cat "$tmp/out")"
	# verify reads the same transfer: "different", never the forged "16 ok"
	timed 1 20000 verify --timeout 5 --retries 1
	said_out '^different sip\.contoso\.com\. A$'
	# signed request, unsigned transfer: not taken; push reads by queries instead
	timed 0 20000 push -n --timeout 5
	said_out '^; read zone contoso\.com\. with [0-9]+ queries: no transfer of zone contoso\.com\. from .*does not carry a valid signature'
	said_out '^update add sip\.contoso\.com\. 3600 IN A 203\.0\.113\.11$'
	;;
dns-wrong-id) forged_then_proper wrong-id ;;
dns-qr-clear) forged_then_proper qr-clear ;;
dns-wrong-question) forged_then_proper wrong-question ;;
dns-other-port) forged_then_proper other-port ;;
dns-garbage) forged_then_proper garbage ;;
dns-window)  # queries in flight together; each gets the forged reply of another, then its own twice, out of order
	start window
	timed 1 20000 verify --timeout 5 --retries 1
	said_out '^different sip\.contoso\.com\. A$'
	! grep -q '16 ok' "$tmp/out" || fail "a reply for another query was taken: $(cat "$tmp/out")"
	# the queries were in flight together, not one after another
	awk '$1 == "held" && $2 >= 8 { ok = 1 } END { exit !ok }' "$tmp/server.log" ||
		fail "no batch of 8 queries in flight at once: $(tr '\n' ' ' <"$tmp/server.log")"
	;;
dns-window-first-error)  # every query SERVFAIL, the first one's reply last: the error is still the first RRset's
	start servfail-first-late
	timed 2 20000 verify --timeout 5 --retries 1
	first=$(awk '$1 == "first" { print $2, $3; exit }' "$tmp/server.log")
	[ -n "$first" ] || fail "the server logged no first query"
	said "answered SERVFAIL to ${first//./\\.}( |$)"
	;;
dns-tc-udp-then-tcp)  # truncated over UDP, proper over TCP: verify succeeds
	start tc-udp "$tmp/good"
	timed 0 20000 verify --timeout 5 --retries 1
	said_out '16 ok'
	;;
dns-tc-tcp)  # truncated over TCP too: exit 2, never "missing"
	start tc-tcp "$tmp/good"
	timed 2 20000 verify --timeout 5 --retries 1
	said 'truncated'
	! grep -q 'missing' "$tmp/out" || fail "a truncated answer was read as data: $(cat "$tmp/out")"
	stop_server
	start tc-tcp "$tmp/good"
	timed 2 20000 push --timeout 5 --retries 1
	said 'truncated'
	;;
dns-tcp-drip)  # a TCP answer dripped a byte every 0.2 s: the deadline holds
	start drip "$tmp/good"
	timed 2 6000 verify --timeout 2 --retries 0
	said 'no answer from .* within 2\.000 s \(1 attempt\)'
	stop_server
	start drip "$tmp/good"
	timed 2 9000 verify --timeout 1.5 --retries 2
	said 'within 1\.500 s \(3 attempts\)'
	;;
dns-tcp-close-mid)  # the connection closed in the middle of the answer
	start close-mid "$tmp/good"
	timed 2 20000 verify --timeout 5 --retries 1
	said 'closed the TCP connection in the middle of its answer'
	;;
dns-servfail)
	start servfail
	timed 2 20000 verify --timeout 5 --retries 1
	said 'answered SERVFAIL to '
	;;
dns-refused)
	start refused
	timed 2 20000 verify --timeout 5 --retries 1
	said 'answered REFUSED to '
	;;
dns-silent)  # nothing answers: (retries + 1) x timeout, then exit 2
	start silent
	timed 2 6000 verify --timeout 1 --retries 2
	said 'within 1\.000 s \(3 attempts\): timed out'
	# and the retries were made: three deadlines of 1 s each
	[ "$ELAPSED" -ge 2900 ] || fail "3 attempts of 1 s took only $ELAPSED ms"
	;;
dns-update-unsigned)  # an unsigned NOERROR to the signed UPDATE is no success
	start update-unsigned
	timed 2 20000 push --timeout 5 --retries 1
	said 'not signed with key sipzone-key'
	! grep -q '^; confirmed' "$tmp/out" || fail "push confirmed: $(cat "$tmp/out")"
	;;
dns-update-badsig)  # NOERROR signed with another secret
	start update-badsig
	timed 2 20000 push --timeout 5 --retries 1
	said 'not signed with key sipzone-key'
	;;
dns-update-wrong-id)  # a signed NOERROR with another ID is not the reply
	start update-wrong-id
	timed 2 15000 push --timeout 3 --retries 1
	said 'no answer from .* to the UPDATE within 3\.000 s .*wrong ID'
	;;
*) fail "unknown case" ;;
esac
echo "ok [$row]"
