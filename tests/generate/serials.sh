#!/usr/bin/env bash
# SOA serials of complete zones: kept while the zone is unchanged, moved to
# max(today's YYYYMMDD00, old + 1) in RFC 1982 arithmetic when it changes.
. "$(dirname "$0")/lib.sh"
jq '.zones = {"contoso.com": {"soa": {"mname": "ns1.contoso.com", "rname": "hostmaster.contoso.com"},
     "ns": [{"name": "ns1.contoso.com", "addresses": ["203.0.113.53"]}, "ns2.contoso.net"]}}' "$example" >"$tmp/model.json"
out=$tmp/out
serial() { awk '$4 == "SOA" { print $7 }' "$out/contoso.com.zone"; }
gen() { (cd "$tmp" && SOURCE_DATE_EPOCH=$1 "$bin" generate model.json -o out -q "${@:2}") || fail "generate failed"; }
change() { jq "$1" "$tmp/model.json" >"$tmp/m2" && mv "$tmp/m2" "$tmp/model.json"; }
day1=1795564800   # 2026-11-25 00:00:00 UTC
day2=$((day1 + 86400))

gen $day1
[ "$(serial)" = 2026112500 ] || fail "new zone: serial $(serial), expected 2026112500"
before=$(snapshot "$out")
gen $day2
[ "$(snapshot "$out")" = "$before" ] || fail "an unchanged zone was rewritten on the next day"
(cd "$tmp" && SOURCE_DATE_EPOCH=$day2 "$bin" generate model.json -o out --check >/dev/null) || fail "--check sees a change in an unchanged zone"

change '.sip_domains[0].ttl = 600'
gen $day1
[ "$(serial)" = 2026112501 ] || fail "same-day change: serial $(serial), expected 2026112501"
change '.sip_domains[0].ttl = 900'
gen $day1
[ "$(serial)" = 2026112502 ] || fail "second same-day change: $(serial)"
change '.sip_domains[0].ttl = 1200'
gen $day2
[ "$(serial)" = 2026112600 ] || fail "next-day change: serial $(serial), expected 2026112600"

# never backwards: a serial ahead of today's date only counts up
sed -i 's/ 2026112600 / 2099010100 /' "$out/contoso.com.zone"
change '.sip_domains[0].ttl = 60'
gen $day2
[ "$(serial)" = 2099010101 ] || fail "serial ahead of the date: $(serial), expected 2099010101"

# near the wrap: 2026112600 is 2268854695 below 4294967295, more than 2^31,
# so in RFC 1982 arithmetic it is ahead of it: the date wins
sed -i 's/ 2099010101 / 4294967295 /' "$out/contoso.com.zone"
change '.sip_domains[0].ttl = 61'
gen $day2
[ "$(serial)" = 2026112600 ] || fail "near the wrap: serial $(serial), expected 2026112600"

# forced
change '.sip_domains[0].ttl = 62'
# (42 is behind the file's serial: refused without --force-serial)
(cd "$tmp" && SOURCE_DATE_EPOCH=$day2 "$bin" generate model.json -o out -q --serial 42 2>/dev/null); rc=$?
[ $rc = 2 ] || fail "--serial 42 behind the file: exit $rc, expected 2"
gen $day2 --serial 42 --force-serial
[ "$(serial)" = 42 ] || fail "--serial 42 gave $(serial)"
before=$(snapshot "$out")
gen $day2 --serial 42
[ "$(snapshot "$out")" = "$before" ] || fail "the same forced serial rewrote the file"

# counter and unixtime
rm -rf "$out"
gen $day1 --serial-format counter
[ "$(serial)" = 1 ] || fail "counter: first serial $(serial)"
change '.sip_domains[0].ttl = 63'
gen $day1 --serial-format counter
[ "$(serial)" = 2 ] || fail "counter: second serial $(serial)"
# the counter wraps: old + 1 past 2^32 - 1 is 0, which RFC 1982 puts after it
sed -i 's/ SOA \(.*\) 2 7200/ SOA \1 4294967295 7200/' "$out/contoso.com.zone"
[ "$(serial)" = 4294967295 ] || fail "could not set up the wrap"
change '.sip_domains[0].ttl = 64'
gen $day1 --serial-format counter
[ "$(serial)" = 0 ] || fail "counter wrap: serial $(serial), expected 0"
rm -rf "$out"
gen $day1 --serial-format unixtime
[ "$(serial)" = $day1 ] || fail "unixtime: serial $(serial)"
"$bin" generate "$tmp/model.json" --serial-format weekly 2>/dev/null; [ $? = 2 ] || fail "bad --serial-format: exit is not 2"
"$bin" generate "$tmp/model.json" --serial -1 2>/dev/null; [ $? = 2 ] || fail "bad --serial: exit is not 2"
# the snippets beside the complete zone have no SOA
grep -q SOA "$out/fabrikam.com.zone" && fail "a snippet got an SOA"
echo ok
