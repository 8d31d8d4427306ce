#!/usr/bin/env bash
# --serial N behind the serial of a file in DIR is refused (exit 2, the file
# and both serials named, nothing written) unless --force-serial.
. "$(dirname "$0")/lib.sh"
jq '.zones = {"contoso.com": {"soa": {"mname": "ns1.contoso.com", "rname": "hostmaster.contoso.com"},
     "ns": [{"name": "ns1.contoso.com", "addresses": ["203.0.113.53"]}, "ns2.contoso.net"]}}' "$example" >"$tmp/model.json"
out=$tmp/out
serial() { awk '$4 == "SOA" { print $7 }' "$out/contoso.com.zone"; }
"$bin" generate "$tmp/model.json" -o "$out" -q --serial 2026112505 || fail "generate failed"
[ "$(serial)" = 2026112505 ] || fail "serial $(serial)"
before=$(snapshot "$out")
for args in "" "--check" "--check --format json"; do
	# shellcheck disable=SC2086
	"$bin" generate "$tmp/model.json" -o "$out" -q --serial 2026112504 $args >"$tmp/log" 2>"$tmp/err"; rc=$?
	[ $rc = 2 ] || fail "backwards serial ($args): exit $rc, expected 2"
	grep -q "$out/contoso.com.zone" "$tmp/err" || fail "the message does not name the file"
	grep -q "2026112504" "$tmp/err" && grep -q "2026112505" "$tmp/err" || { cat "$tmp/err"; fail "the message does not name both serials"; }
	grep -q -- "--force-serial" "$tmp/err" || fail "the message does not name --force-serial"
done
[ "$(snapshot "$out")" = "$before" ] || fail "a refused run wrote something"
# the same serial, or a later one, is fine; so is a smaller number that is
# ahead in RFC 1982 arithmetic (after the wrap)
"$bin" generate "$tmp/model.json" -o "$out" -q --serial 2026112505 || fail "same serial refused"
[ "$(snapshot "$out")" = "$before" ] || fail "the same serial rewrote the file"
"$bin" generate "$tmp/model.json" -o "$out" -q --serial 4000000000 || fail "later serial refused"
[ "$(serial)" = 4000000000 ] || fail "serial $(serial)"
"$bin" generate "$tmp/model.json" -o "$out" -q --serial 3 || fail "a serial past the wrap is refused"
[ "$(serial)" = 3 ] || fail "serial $(serial), expected 3"
# --force-serial writes it anyway
"$bin" generate "$tmp/model.json" -o "$out" -q --serial 2 2>/dev/null; [ $? = 2 ] || fail "2 after 3 not refused"
"$bin" generate "$tmp/model.json" -o "$out" -q --serial 2 --force-serial || fail "--force-serial refused"
[ "$(serial)" = 2 ] || fail "--force-serial: serial $(serial), expected 2"
"$bin" generate "$tmp/model.json" -o "$out" -q --force-serial 2>/dev/null; [ $? = 2 ] || fail "--force-serial without --serial: not exit 2"
echo ok
