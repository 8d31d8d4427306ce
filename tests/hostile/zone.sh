#!/usr/bin/env bash
# zone.sh BIN ROW: hostile zone files given to `sipzone check`, the rows that
# need inputs made at run time (the small ones are case folders in
# tests/hostile/check/). Every row: exit 1 or 2 within a time limit, findings
# at the right file and line, never a crash or a hang.
# shellcheck disable=SC2016,SC2015 # zone syntax is meant literally; "A && B || fail" exits
# shellcheck source=tests/hostile/lib.sh
. "$(dirname "$0")/lib.sh"

# findings: "FILE:LINE RULE" lines of the last JSON run, sorted.
findings() {
	jq -r '.findings[] | "\(.file | sub(".*/"; "")):\(.line) \(.rule)"' "$tmp/out" | LC_ALL=C sort
}

case $row in
zone-line-100mb)
	# One line of 100 MB in the middle of a zone: one syntax error at its
	# line, and the records after it are read and reported at their lines.
	{
		printf '$ORIGIN contoso.com.\n$TTL 3600\nsip IN A 192.0.2.10\n'
		head -c 100000000 /dev/zero | tr '\0' 'a'
		printf '\n_sip._tls IN SRV 0 0 443 sip.fabrikam.com.\nxmpp IN A 192.0.2.11\n'
	} >"$tmp/contoso.com.zone"
	run 1 60 "$bin" check --format json "$tmp/contoso.com.zone"
	printf '%s\n' 'contoso.com.zone:4 syntax' 'contoso.com.zone:5 client-strict-naming' \
		'contoso.com.zone:5 srv-target-outside-namespace' >"$tmp/want"
	findings >"$tmp/got"
	diff -u "$tmp/want" "$tmp/got" || fail "findings of the 100 MB line differ (first lines above)"
	quiet_enough 4000
	run 1 60 "$bin" check "$tmp/contoso.com.zone"
	[ "$(wc -c <"$tmp/out")" -lt 20000 ] || fail "the text report echoes the 100 MB line"
	echo ok
	;;
zone-include-dev-zero)
	# An endless file without a newline, included or checked directly:
	# refused or cut off quickly, and the rest of the including zone is
	# still checked.
	printf '$ORIGIN contoso.com.\n$TTL 3600\n$INCLUDE /dev/zero\n_sip._tls IN SRV 0 0 443 sip.fabrikam.com.\n' >"$tmp/contoso.com.zone"
	# --include-anywhere: past the confinement to the zone's tree (Z25),
	# so that the guard against devices is what is tested
	run 1 20 "$bin" check --include-anywhere --format json "$tmp/contoso.com.zone"
	findings | grep -qx 'contoso.com.zone:4 srv-target-outside-namespace' ||
		{ findings | head; fail "the record after \$INCLUDE /dev/zero was not checked"; }
	[ "$(jq '[.findings[] | select(.rule == "syntax")] | length' "$tmp/out")" -le 3 ] ||
		fail "more than 3 syntax errors for one \$INCLUDE /dev/zero"
	run 1 20 "$bin" check --include-anywhere --max-errors 0 "$tmp/contoso.com.zone"
	# given directly it cannot be read as a zone at all: exit 2, fast
	run 2 20 "$bin" check --origin contoso.com /dev/zero
	said 'it is a device, not a zone file'
	# (run() reads /dev/null: the redirection must be inside the command)
	run 2 20 bash -c '"$1" check --max-errors 0 --origin contoso.com - </dev/zero' sh "$bin"
	said 'File too large'
	echo ok
	;;
zone-include-blocking)
	# $INCLUDE of what blocks on open or read: a FIFO without a writer (and
	# a symbolic link to it), and (as root, which CI is) /proc/kmsg, a
	# "regular" file whose read waits for the next kernel message and takes
	# it from the system log. Refused at the $INCLUDE, before any read and
	# within seconds (a hang is the timeout's exit); the rest of the zone is
	# checked.
	mkfifo "$tmp/pipe.zone" || skip "cannot make a FIFO"
	ln -s "$tmp/pipe.zone" "$tmp/link.zone"
	for inc in "$tmp/pipe.zone" "$tmp/link.zone" /proc/kmsg; do
		[ "$inc" = /proc/kmsg ] && { [ -r /proc/kmsg ] && [ "$(id -u)" = 0 ] || continue; }
		printf '$ORIGIN contoso.com.\n$TTL 3600\n$INCLUDE %s\n_sip._tls IN SRV 0 0 443 sip.fabrikam.com.\n' \
			"$inc" >"$tmp/contoso.com.zone"
		# --include-anywhere: /proc/kmsg is outside the zone's tree (Z25);
		# the guard against what blocks is what is tested here
		run 1 20 "$bin" check --include-anywhere --format json "$tmp/contoso.com.zone"
		findings | grep -qx 'contoso.com.zone:3 syntax' || { findings; fail "no syntax error at \$INCLUDE $inc"; }
		findings | grep -qx 'contoso.com.zone:4 srv-target-outside-namespace' ||
			fail "the record after \$INCLUDE $inc was not checked"
		run 1 20 "$bin" check --include-anywhere "$tmp/contoso.com.zone"
		said 'contoso.com.zone:3: error: .*not a zone file' "$tmp/out"
	done
	echo ok
	;;
zone-srv-100k-one-owner)
	# 100,000 SRV records at one owner, then 100,000 whose targets have no
	# address: linear time, one finding per record, not more.
	{
		printf '$ORIGIN contoso.com.\n$TTL 3600\nsip IN A 192.0.2.10\n'
		awk 'BEGIN { for (i = 0; i < 100000; i++) printf "_sip._tls IN SRV %d %d 443 sip.contoso.com.\n", i % 65536, int(i / 65536) }'
	} >"$tmp/contoso.com.zone"
	run 0 60 "$bin" check "$tmp/contoso.com.zone"
	said '' "$tmp/out"
	grep -q '^0 errors, 0 warnings' "$tmp/out" || { tail -3 "$tmp/out"; fail "findings in a clean zone"; }
	{
		printf '$ORIGIN contoso.com.\n$TTL 3600\n'
		awk 'BEGIN { for (i = 0; i < 100000; i++) printf "_sip._tls IN SRV 0 0 443 s%d.contoso.com.\n", i }'
	} >"$tmp/contoso.com.zone"
	run 1 60 "$bin" check "$tmp/contoso.com.zone"
	n=$(grep -c ': error: .*\[srv-target-no-address\]$' "$tmp/out")
	[ "$n" = 100000 ] || fail "$n srv-target-no-address findings, expected 100000"
	echo ok
	;;
zone-file-unreadable)
	# A zone file that cannot be read: exit 2, the file and the reason named.
	mkdir "$tmp/dir.zone"
	run 2 20 "$bin" check "$tmp/dir.zone"
	said 'dir.zone.*directory'
	run 2 20 "$bin" check "$tmp/missing.zone"
	said 'missing.zone.*No such file'
	if [ -e /proc/sys/vm/compact_memory ]; then
		run 2 20 "$bin" check --origin contoso.com /proc/sys/vm/compact_memory
		said 'compact_memory.*Permission denied'
	fi
	run 2 20 "$bin" check --origin contoso.com /proc/self/mem
	said 'mem.*Input/output error'
	echo ok
	;;
*) fail "unknown row '$row'" ;;
esac
