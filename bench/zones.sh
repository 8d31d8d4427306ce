# shellcheck shell=bash
# bench/zones.sh: the zone shapes of issue 18 (sourced by bench/shapes).
#
# bench_zone SHAPE N FILE: write a zone of about N records of example.com:
#   sip       SIP records only: per sub-domain 3 SRV, A, AAAA (bench/check's zone)
#   generic   half SIP records, half generic ones (MX, TXT, CNAME, NS)
#   relative  the SIP records under relative names, an $ORIGIN switch per sub-domain
# bench_diff_pair N OLD NEW: the generic zone twice, NEW differing in 1% of its
# records (changed RDATA, removed and added records).
bench_zone() {
	local shape=$1 n=$2 file=$3
	awk -v n="$n" -v shape="$shape" 'BEGIN {
	print "$ORIGIN example.com."
	print "$TTL 3600"
	print "@ IN SOA sip.t000000 hostmaster 1 7200 3600 1209600 3600"
	print "@ IN NS sip.t000000"
	subs = int(n / 5)
	for (i = 0; i < subs; i++) {
		d = sprintf("t%06d", i)
		if (shape == "relative") {
			printf "$ORIGIN %s.example.com.\n", d
			print "_sipfederationtls._tcp IN SRV 0 0 5061 sip"
			print "_sip._tls IN SRV 0 0 443 sip"
			print "_xmpp-server._tcp IN SRV 0 0 5269 sip"
			printf "sip IN A 192.0.2.%d\n", i % 256
			printf "sip IN AAAA 2001:db8::%x:%x\n", int(i / 65536), i % 65536
		} else if (shape == "generic" && i % 2 == 1) {
			printf "%s IN MX 10 mail.%s\n", d, d
			printf "%s IN TXT \"v=spf1 mx -all\" \"id %d\"\n", d, i
			printf "www.%s IN CNAME %s\n", d, d
			printf "sub.%s IN NS ns1.example.net.\n", d
			printf "mail.%s IN A 192.0.2.%d\n", d, i % 256
		} else {
			printf "_sipfederationtls._tcp.%s IN SRV 0 0 5061 sip.%s\n", d, d
			printf "_sip._tls.%s IN SRV 0 0 443 sip.%s\n", d, d
			printf "_xmpp-server._tcp.%s IN SRV 0 0 5269 sip.%s\n", d, d
			printf "sip.%s IN A 192.0.2.%d\n", d, i % 256
			printf "sip.%s IN AAAA 2001:db8::%x:%x\n", d, int(i / 65536), i % 65536
		}
	}
}' >"$file"
}

bench_diff_pair() {
	local n=$1 old=$2 new=$3
	bench_zone generic "$n" "$old"
	# every 100th record line changes: a new address, a new TXT string, or gone
	awk 'NR > 4 && NR % 100 == 0 {
		k = (NR / 100) % 3
		if (k == 0) { next }
		if (k == 1) { sub(/192\.0\.2\./, "198.51.100."); sub(/ 10 mail/, " 20 mail"); sub(/"id /, "\"nr "); sub(/ 0 0 /, " 1 0 ") }
		if (k == 2) { print "added" NR " IN A 203.0.113.1" }
	} { print }' "$old" >"$new"
}
