#!/usr/bin/env bash
# memory.sh BIN ROW: the long-running paths keep memory bounded. Peak RSS
# (getrusage of the child: what /usr/bin/time -f %M prints) must stay under a
# generous fixed bound, far below what holding every record would take.
# Skipped (77) for sanitizer and libFuzzer builds, whose shadow memory and
# quarantine have nothing to do with sipzone's own use.
# shellcheck source=tests/hostile/lib.sh
. "$(dirname "$0")/lib.sh"

instrumented && skip "instrumented build: memory bounds do not apply"

case $row in
memory-check-1m)
	# 1,000,000 records: 200,000 SIP sub-domains of one origin, each with
	# three SRV records, an A and an AAAA record, all valid.
	bound_kb=$((400 * 1024))
	awk 'BEGIN {
		print "$ORIGIN example.com."
		print "$TTL 3600"
		for (i = 0; i < 200000; i++) {
			d = sprintf("t%06d", i)
			printf "_sipfederationtls._tcp.%s IN SRV 0 0 5061 sip.%s\n", d, d
			printf "_sip._tls.%s IN SRV 0 0 443 sip.%s\n", d, d
			printf "_xmpp-server._tcp.%s IN SRV 0 0 5269 sip.%s\n", d, d
			printf "sip.%s IN A 192.0.%d.%d\n", d, int(i / 256) % 256, i % 256
			printf "sip.%s IN AAAA 2001:db8::%x:%x\n", d, int(i / 65536), i % 65536
		}
	}' >"$tmp/example.com.zone"
	[ "$(grep -c ' IN ' "$tmp/example.com.zone")" = 1000000 ] || fail "the zone does not have 1,000,000 records"
	start=$(date +%s)
	measure timeout 120 "$bin" check "$tmp/example.com.zone"
	[ "$rc" = 0 ] || fail "sipzone check exited $rc on a valid 1,000,000-record zone"
	echo "check of 1,000,000 records: peak RSS $((peak_kb / 1024)) MiB (bound $((bound_kb / 1024)) MiB), $(($(date +%s) - start)) s"
	[ "$peak_kb" -le "$bound_kb" ] || fail "peak RSS ${peak_kb} KiB exceeds ${bound_kb} KiB"
	echo ok
	;;
memory-generate-200k)
	# 200,000 SIP domains on one pool, two addresses, xmpp on, each access
	# host and xmpp host on the certificate: 1,400,000 records on standard
	# output.
	bound_kb=$((200 * 1024))  # 122 MiB measured (issue 18); 151 before
	awk 'BEGIN {
		n = 200000
		printf "{\"version\": 1, \"edge_pools\": {\"p\": {\"access_edge\": \"sip.t000000.example.com\", "
		printf "\"addresses\": [\"203.0.113.10\", \"2001:db8::10\"], \"certificate\": {\"subject\": \"sip.t000000.example.com\", \"san\": ["
		for (i = 0; i < n; i++)
			printf "%s\"sip.t%06d.example.com\", \"xmpp.t%06d.example.com\"", (i ? ", " : ""), i, i
		printf "]}}}, \"sip_domains\": [\n"
		for (i = 0; i < n; i++)
			printf "%s{\"domain\": \"t%06d.example.com\", \"edge_pool\": \"p\", \"xmpp\": true}\n", (i ? "," : ""), i
		printf "]}\n"
	}' >"$tmp/model.json"
	start=$(date +%s)
	measure timeout 120 "$bin" generate "$tmp/model.json"
	[ "$rc" = 0 ] || fail "sipzone generate exited $rc on a valid 200,000-domain model"
	echo "generate of 200,000 domains: peak RSS $((peak_kb / 1024)) MiB (bound $((bound_kb / 1024)) MiB), $(($(date +%s) - start)) s"
	[ "$peak_kb" -le "$bound_kb" ] || fail "peak RSS ${peak_kb} KiB exceeds ${bound_kb} KiB"
	# and the output is all there: 7 records per domain
	lines=$(timeout 120 "$bin" generate "$tmp/model.json" | grep -c ' IN ')
	[ "$lines" = 1400000 ] || fail "$lines records written, expected 1,400,000"
	echo ok
	;;
*) fail "unknown row '$row'" ;;
esac
