#!/usr/bin/env bash
# The zone files admins have in hand, made by the real tools (issue 13):
#  - an AXFR dump by dig from a real named (absolute names, tabs, no
#    $ORIGIN, SOA first and last, ;; comment lines), in a file whose name
#    names no zone: `check` reads it without an option, with the same
#    findings as the zone file it was served from, and `diff` finds the two
#    equal;
#  - the zone signed by dnssec-signzone (contoso.com.zone.signed): `check`
#    reads it with its origin from the file name, with no syntax finding,
#    and `diff` against the unsigned zone shows only DNSSEC records and the
#    SOA serial.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
for tool in dnssec-keygen dnssec-signzone jq; do
	command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed (bind9-utils, jq)"
done

# findings as "rule owner type" lines (line numbers differ between the files)
findings() {   # FILE...
	"$SZ" check --format json "$@" 2>/dev/null >"$T/f.json"
	[ -s "$T/f.json" ] || fail "check $* printed no JSON"
	jq -r '.findings[] | "\(.rule) \(.owner) \(.type)"' "$T/f.json" | LC_ALL=C sort
}

live_zones_generate "$LIVE_DIR/model.json"
live_port; P=$PORT
EXTRA_ZONE_OPTIONS='allow-transfer { any; };'
live_primary primary "$P"
zone=$T/primary/contoso.com.zone
# a mistake, so that "the same findings" compares something
echo '_sip._tcp.contoso.com. 3600 IN SRV 0 0 5060 nowhere.contoso.com.' >>"$zone"
live_start primary "$P"
[ "$(findings "$zone")" = "srv-target-no-address _sip._tcp.contoso.com. SRV" ] ||
	fail "the zone's findings are not the one planted: $(findings "$zone")"

note "AXFR dump"
dig +nocmd -p "$P" @127.0.0.1 contoso.com AXFR >"$T/transfer.txt" || fail "dig AXFR"
[ "$(grep -c 'IN	SOA' "$T/transfer.txt")" -eq 2 ] || fail "the dump has no second SOA: $(head "$T/transfer.txt")"
"$SZ" check "$T/transfer.txt" >"$T/out" 2>&1; rc=$?
"$SZ" check "$zone" >/dev/null 2>&1; want=$?
expect_eq "check of the zone file: exit" "$want" 1
expect_eq "check of the dump: exit (as the zone file's)" "$rc" "$want"
expect_eq "findings of the dump" "$(findings "$T/transfer.txt")" "$(findings "$zone")"
"$SZ" check --format json "$T/transfer.txt" >"$T/f.json" 2>/dev/null
[ -s "$T/f.json" ] || fail "no JSON for the dump"
expect_eq "no syntax finding in the dump" "$(jq '[.findings[] | select(.rule == "syntax")] | length' "$T/f.json")" 0
"$SZ" diff "$zone" "$T/transfer.txt" >"$T/diff" 2>&1; rc=$?
expect_eq "diff zone dump: exit (equal; the second SOA is the dump's end marker) $(head -5 "$T/diff")" "$rc" 0

note "dnssec-signzone"
mkdir -p "$T/sign" && cp "$zone" "$T/sign/contoso.com.zone"
(cd "$T/sign" && dnssec-keygen -q -a ECDSAP256SHA256 -f KSK contoso.com >/dev/null &&
	dnssec-keygen -q -a ECDSAP256SHA256 contoso.com >/dev/null &&
	for k in K*.key; do echo "\$INCLUDE $k" >>contoso.com.zone; done &&
	dnssec-signzone -q -S -o contoso.com contoso.com.zone >/dev/null 2>&1) || fail "dnssec-signzone failed"
signed=$T/sign/contoso.com.zone.signed
[ -s "$signed" ] || fail "no signed zone"
grep -q RRSIG "$signed" || fail "the signed zone holds no RRSIG"
"$SZ" check --format json "$signed" >"$T/f.json" 2>/dev/null; rc=$?
[ -s "$T/f.json" ] || fail "no JSON for the signed zone (exit $rc)"
expect_eq "no syntax finding in the signed zone" "$(jq '[.findings[] | select(.rule == "syntax")] | length' "$T/f.json")" 0
expect_eq "findings of the signed zone" "$(findings "$signed")" "$(findings "$zone")"
"$SZ" diff --format json "$zone" "$signed" >"$T/d.json" 2>/dev/null; rc=$?
expect_eq "diff unsigned signed: exit" "$rc" 1
[ -s "$T/d.json" ] || fail "no JSON from diff"
# every change is a DNSSEC record, or the SOA (dnssec-signzone may bump the serial)
others=$(jq -r '[.. | objects | select(has("type")) | .type] | unique | map(select(. != "RRSIG" and . != "NSEC" and . != "DNSKEY" and . != "SOA" and . != "NSEC3" and . != "NSEC3PARAM" and . != "CDS" and . != "CDNSKEY")) | join(",")' "$T/d.json")
expect_eq "changed types other than DNSSEC's and SOA" "$others" ""
echo "ok"
