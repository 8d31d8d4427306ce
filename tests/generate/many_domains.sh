#!/usr/bin/env bash
# A model large enough for the loader's two threads and in-place sort
# (6,000 SIP domains, more than the 4,096 it splits from), listed in a
# scrambled order, each with its own TTL: the records must be exactly those
# a jq template makes from the model (so no domain's fields land on
# another's name), the zones in sorted order, and errors in either half
# reported with the index they have in the file.
. "$(dirname "$0")/lib.sh"
n=6000
# model N [EXTRA_AWK]: domain tenant<k>, k = (i * 7919) % N at index i.
model() {
	awk -v n="$1" -v dup="${2:--1}" -v bad="${3:--1}" 'BEGIN {
		print "{ \"version\": 1, \"edge_pools\": { \"p\": {"
		print "  \"access_edge\": \"sip.tenant000000.example.com\","
		print "  \"addresses\": [\"203.0.113.10\", \"2001:db8::10\"],"
		print "  \"certificate\": { \"subject\": \"sip.tenant000000.example.com\", \"san\": ["
		for (i = 0; i < n; i++)
			printf "    \"sip.tenant%06d.example.com\", \"xmpp.tenant%06d.example.com\"%s\n", i, i, (i < n - 1 ? "," : "")
		print "  ] } } },"
		print "  \"sip_domains\": ["
		for (i = 0; i < n; i++) {
			k = (i * 7919) % n
			if (i == dup) k = (100 * 7919) % n
			printf "    { \"domain\": \"tenant%06d.example.com\", \"edge_pool\": \"p\", \"xmpp\": true, \"ttl\": %d%s }%s\n",
				k, 300 + k % 97, (i == bad || i == 1 && bad >= 0 ? ", \"federaton\": \"open\"" : ""), (i < n - 1 ? "," : "")
		}
		print "  ] }"
	}'
}
model "$n" >"$tmp/model.json"
jq -e '.sip_domains | length == 6000' "$tmp/model.json" >/dev/null || fail "the model is not valid JSON of 6000 domains"
"$bin" generate "$tmp/model.json" >"$tmp/out" 2>"$tmp/err" || fail "generate failed: $(head -3 "$tmp/err")"
# shellcheck disable=SC2016 # jq variables
jq -r '.edge_pools.p.addresses as $a | .sip_domains[] | .domain as $d | .ttl as $t |
	"_sipfederationtls._tcp.\($d). \($t) SRV 0 0 5061 sip.\($d).",
	"_sip._tls.\($d). \($t) SRV 0 0 443 sip.\($d).",
	"_xmpp-server._tcp.\($d). \($t) SRV 0 0 5269 xmpp.\($d).",
	(("sip", "xmpp") as $h | $a[] | "\($h).\($d). \($t) \(if test(":") then "AAAA" else "A" end) \(.)")' \
	"$tmp/model.json" | LC_ALL=C sort >"$tmp/want"
[ "$(wc -l <"$tmp/want")" -eq $((7 * n)) ] || fail "jq made $(wc -l <"$tmp/want") records"
awk '/^[;$]/ || NF == 0 { next } { $3 = ""; print }' "$tmp/out" | tr -s ' ' | LC_ALL=C sort >"$tmp/got"
diff "$tmp/want" "$tmp/got" >"$tmp/diff" || fail "records differ from jq's: $(head -4 "$tmp/diff")"
# zones in canonical order (same-shaped names: plain byte order)
sed -n 's/^\$ORIGIN \(.*\)\.$/\1/p' "$tmp/out" >"$tmp/zones"
[ "$(wc -l <"$tmp/zones")" -eq "$n" ] || fail "$(wc -l <"$tmp/zones") zones, not $n"
LC_ALL=C sort "$tmp/zones" | cmp -s - "$tmp/zones" || fail "zones are not in sorted order"
# a duplicate in the second half of the list names both indexes
model "$n" 5000 >"$tmp/dup.json"
"$bin" generate "$tmp/dup.json" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "a duplicate domain did not exit 1"
grep -q 'sip_domains\[5000\]\.domain: .*already listed as sip_domains\[100\]' "$tmp/err" ||
	fail "duplicate not reported at index 5000: $(head -3 "$tmp/err")"
[ -s "$tmp/out" ] && fail "output written for an invalid model"
# unknown keys in both halves, reported in file order
model "$n" -1 5999 >"$tmp/bad.json"
"$bin" generate "$tmp/bad.json" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] || fail "unknown keys did not exit 1"
grep -o 'sip_domains\[[0-9]*\]\.federaton' "$tmp/err" >"$tmp/keys"
printf 'sip_domains[1].federaton\nsip_domains[5999].federaton\n' | cmp -s - "$tmp/keys" ||
	fail "unknown keys not reported at 1 then 5999: $(cat "$tmp/keys")"
echo "ok"
