#!/usr/bin/env bash
# zone_input.sh BIN ROW: $INCLUDE trees made at run time to amplify the
# reading or to leak files from outside the zone's directory tree (issue
# 14; docs/SECURITY.md Z25-Z27). Every row: the expected exit code and
# findings, within a time bound the test checks; never a crash or a hang.
# shellcheck disable=SC2016,SC2015 # zone syntax is meant literally; "A && B || fail" exits
# shellcheck source=tests/hostile/lib.sh
. "$(dirname "$0")/lib.sh"

# findings: "FILE:LINE RULE" lines of the last JSON run (check), sorted.
findings() {
	jq -r '.findings[] | "\(.file | sub(".*/"; "")):\(.line) \(.rule)"' "$tmp/out" | LC_ALL=C sort
}

# A bound, not a benchmark: 1 s, 5 s under the sanitizers.
bound=1
instrumented && bound=5
# timed WANT CMD...: run(), and fail if it took more than $bound seconds.
timed() {
	local want=$1 t0 t1
	shift
	t0=$(date +%s%N)
	run "$want" 60 "$@"
	t1=$(date +%s%N)
	ms=$(((t1 - t0) / 1000000))
	[ "$ms" -le $((bound * 1000)) ] || fail "'$*' took ${ms} ms, more than ${bound} s"
}

# tree DIR ORIGINS: 16 files; each of f1..f15 $INCLUDEs the next four times
# (with ORIGINS, four words or none, as the four origins), f16 holds LEAF.
tree() {
	local dir=$1 i o
	shift
	mkdir -p "$dir"
	for i in $(seq 1 15); do
		: >"$dir/f$i"
		for o in "${@:-- - - -}"; do
			if [ "$o" = - ]; then echo "\$INCLUDE f$((i + 1))"; else echo "\$INCLUDE f$((i + 1)) $o"; fi
		done >>"$dir/f$i"
	done
}

case $row in
include-amplify)
	# 16 files of four $INCLUDEs each, under 1 kB in all: 4^15 inclusions
	# if each were read every time (minutes and gigabytes before the fix).
	# The same file at the same origin and state is read once: one finding.
	tree "$tmp/t" - - - -
	printf '_sip._tls IN SRV 0 0 443 sip.fabrikam.com.\n' >"$tmp/t/f16"
	printf '$ORIGIN contoso.com.\n$TTL 3600\n$INCLUDE f1\n' >"$tmp/t/contoso.com.zone"
	size=$(cat "$tmp/t"/* | wc -c)
	[ "$size" -lt 1024 ] || fail "the tree is $size bytes, not under 1 kB"
	timed 1 "$bin" check --format json "$tmp/t/contoso.com.zone"
	[ "$(findings)" = "f16:1 client-strict-naming
f16:1 srv-target-outside-namespace" ] || { findings; fail "expected one finding pair at f16:1"; }
	jq -e '.summary.files == 1' "$tmp/out" >/dev/null || fail "summary: $(jq -c .summary "$tmp/out")"
	# diff reads with the same reader: the tree equals the one record
	printf '$ORIGIN contoso.com.\n$TTL 3600\n_sip._tls IN SRV 0 0 443 sip.fabrikam.com.\n' >"$tmp/t/flat.zone"
	timed 0 "$bin" diff "$tmp/t/contoso.com.zone" "$tmp/t/flat.zone"
	printf '$ORIGIN contoso.com.\n$TTL 3600\n_sip._tls IN SRV 0 0 443 sip.contoso.com.\n' >"$tmp/t/other.zone"
	timed 1 "$bin" diff "$tmp/t/contoso.com.zone" "$tmp/t/other.zone"
	said '1 added, 1 removed' "$tmp/out"
	echo ok
	;;
include-amplify-origins)
	# The same tree, each $INCLUDE with another relative origin (a, b, c,
	# d): every inclusion is at a new origin, so none is read once; the
	# number of inclusions of a file read before is capped (1024) with a syntax error at the
	# $INCLUDEs past it. With --max-errors 0 too, and for diff.
	tree "$tmp/t" a b c d
	printf 'x IN A 192.0.2.1\n' >"$tmp/t/f16"
	printf '$ORIGIN contoso.com.\n$TTL 3600\n$INCLUDE f1\n' >"$tmp/t/contoso.com.zone"
	size=$(cat "$tmp/t"/* | wc -c)
	[ "$size" -lt 1024 ] || fail "the tree is $size bytes, not under 1 kB"
	timed 1 "$bin" check --max-errors 0 --format json "$tmp/t/contoso.com.zone"
	jq -e '[.findings[] | select(.rule == "syntax")] | length > 0 and length < 100' "$tmp/out" >/dev/null ||
		fail "expected a few syntax errors, got $(jq '.findings | length' "$tmp/out")"
	jq -e '[.findings[] | select(.rule == "syntax" and (.message | test("read again at another origin or TTL 1024 times")))] | length > 0' \
		"$tmp/out" >/dev/null || fail "no 'read again at another origin or TTL 1024 times' message"
	timed 1 "$bin" check "$tmp/t/contoso.com.zone"
	said 'f[0-9]+:[1-4]: error: \$INCLUDE f[0-9]+: refused: files were read again at another origin or TTL 1024 times' "$tmp/out"
	timed 2 "$bin" diff "$tmp/t/contoso.com.zone" "$tmp/t/contoso.com.zone"
	said 'read again at another origin or TTL 1024 times'
	echo ok
	;;
include-sparse-100g)
	# A sparse file of 100 GB inside the tree, included twice: refused at
	# each $INCLUDE by its size, before a byte is read.
	mkdir "$tmp/t"
	truncate -s 100G "$tmp/t/big.inc" 2>/dev/null || skip "cannot make a sparse file"
	printf '$ORIGIN contoso.com.\n$TTL 3600\n$INCLUDE big.inc\n$INCLUDE big.inc\n_sip._tls IN SRV 0 0 443 sip.fabrikam.com.\n' \
		>"$tmp/t/contoso.com.zone"
	timed 1 "$bin" check --format json "$tmp/t/contoso.com.zone"
	[ "$(findings)" = "contoso.com.zone:3 syntax
contoso.com.zone:4 syntax
contoso.com.zone:5 client-strict-naming
contoso.com.zone:5 srv-target-outside-namespace" ] || { findings; fail "unexpected findings"; }
	jq -e '.findings[0].message | test("more than 1073741824 bytes")' "$tmp/out" >/dev/null ||
		fail "message: $(jq -r '.findings[0].message' "$tmp/out")"
	echo ok
	;;
include-outside-tree)
	# $INCLUDE of a file outside the zone's directory tree: by absolute
	# path, by ../, through a symbolic link inside the tree, and
	# /etc/passwd. Refused at the $INCLUDE; no byte of the target in stdout
	# or stderr, in text and JSON, for check and diff. --include-anywhere
	# reads them (and then the marker does appear: the test can see a leak).
	mkdir -p "$tmp/t/sub" "$tmp/outside"
	marker=SECRET-b7e1d4a9-not-a-record
	printf '%s\nroot:x:0:0:root:/root:/bin/bash-%s\n' "$marker" "$marker" >"$tmp/outside/secret"
	ln -s "$tmp/outside/secret" "$tmp/t/sub/link.inc"
	printf 'sip IN A 192.0.2.10\n' >"$tmp/t/sub/ok.inc"
	ln -s "$tmp/t/sub/ok.inc" "$tmp/t/inside-link.inc"
	printf '%s\n' '$ORIGIN contoso.com.' '$TTL 3600' "\$INCLUDE $tmp/outside/secret" '$INCLUDE ../outside/secret' \
		'$INCLUDE sub/link.inc' '$INCLUDE /etc/passwd' '$INCLUDE sub/ok.inc' '$INCLUDE inside-link.inc' \
		'_sip._tls IN SRV 0 0 443 sip.contoso.com.' "\$INCLUDE $tmp/outside/no-such-file" >"$tmp/t/contoso.com.zone"
	# (line 10: a missing file outside is refused alike: the message does
	# not tell whether a file exists there)
	want="contoso.com.zone:10 syntax
contoso.com.zone:3 syntax
contoso.com.zone:4 syntax
contoso.com.zone:5 syntax
contoso.com.zone:6 syntax"
	no_leak() {
		! grep -qF "$marker" "$tmp/out" "$tmp/err" || fail "$1: a byte of the refused file reached the output"
		if [ -r /etc/passwd ]; then
			! grep -qF -x -f /etc/passwd "$tmp/out" "$tmp/err" || fail "$1: a line of /etc/passwd reached the output"
			! grep -qF "$(head -1 /etc/passwd)" "$tmp/out" "$tmp/err" || fail "$1: /etc/passwd reached the output"
		fi
	}
	(cd "$tmp/t" && timed 1 "$bin" check --format json contoso.com.zone && findings >"$tmp/got") || exit 1
	[ "$(cat "$tmp/got")" = "$want" ] || { cat "$tmp/got"; fail "check json: unexpected findings"; }
	no_leak "check json"
	jq -e '[.findings[].message | test("refused: it is outside")] | all' "$tmp/out" >/dev/null || fail "check json: messages"
	timed 1 "$bin" check "$tmp/t/contoso.com.zone"
	no_leak "check text"
	[ "$(grep -c 'refused: it is outside' "$tmp/out")" = 5 ] || fail "check text: expected 5 refusals"
	printf '$ORIGIN contoso.com.\n$TTL 3600\nsip IN A 192.0.2.10\n' >"$tmp/t/new.zone"
	timed 2 "$bin" diff "$tmp/t/contoso.com.zone" "$tmp/t/new.zone"
	no_leak "diff text"
	said 'contoso.com.zone:6: error: \$INCLUDE /etc/passwd: refused'
	timed 2 "$bin" diff --format json "$tmp/t/contoso.com.zone" "$tmp/t/new.zone"
	no_leak "diff json"
	# the option lifts it: the secret's lines are read (and echoed as
	# records that do not parse, shortened): the checks above can see a leak
	timed 1 "$bin" check --include-anywhere "$tmp/t/contoso.com.zone"
	grep -qF "$marker" "$tmp/out" || fail "--include-anywhere did not read the file outside"
	! grep -q 'refused' "$tmp/out" || fail "--include-anywhere still refused"
	timed 2 "$bin" diff --include-anywhere "$tmp/t/contoso.com.zone" "$tmp/t/new.zone"
	grep -qF "$marker" "$tmp/err" || fail "diff --include-anywhere did not read the file outside"
	# the tree is the directory a zone file is named in (resolved): a zone
	# that is a symbolic link from elsewhere reaches the files beside its
	# name, not those beside its target
	mkdir -p "$tmp/named" "$tmp/target"
	printf '$ORIGIN contoso.com.\n$TTL 3600\n$INCLUDE beside.inc\n' >"$tmp/target/real.zone"
	printf 'sip IN A 192.0.2.10\n' >"$tmp/named/beside.inc"
	ln -s "$tmp/target/real.zone" "$tmp/named/contoso.com.zone"
	timed 0 "$bin" check "$tmp/named/contoso.com.zone"
	echo ok
	;;
include-stdin-root)
	# Standard input has no directory: $INCLUDE paths are relative to the
	# working directory, and the working directory's tree is the one
	# $INCLUDE may reach.
	mkdir -p "$tmp/t/sub" "$tmp/outside"
	printf 'SECRET-stdin-marker\n' >"$tmp/outside/secret"
	printf 'sip IN A 192.0.2.10\n' >"$tmp/t/sub/ok.inc"
	printf '$ORIGIN contoso.com.\n$TTL 3600\n$INCLUDE sub/ok.inc\n$INCLUDE ../outside/secret\n_sip._tls IN SRV 0 0 443 sip.contoso.com.\n' \
		>"$tmp/zone"
	(cd "$tmp/t" && timeout 20 "$bin" check --format json - <"$tmp/zone" >"$tmp/out" 2>"$tmp/err"); rc=$?
	[ $rc = 1 ] || fail "exit $rc, expected 1"
	[ "$(findings)" = "-:4 syntax" ] || [ "$(findings)" = "<stdin>:4 syntax" ] || { findings; fail "unexpected findings"; }
	! grep -qF SECRET-stdin-marker "$tmp/out" "$tmp/err" || fail "the refused file reached the output"
	echo ok
	;;
message-escaped)
	# A record ldns cannot parse, holding ESC (a colour sequence), a C1
	# control (CSI, U+009B), invalid UTF-8 and 300 more characters: the
	# message quotes its first 80 characters with such bytes as \xNN, so
	# the text output holds no control byte and is valid UTF-8, and the
	# JSON message is present (it was dropped as invalid UTF-8). check and
	# diff, which quote it the same way.
	mkdir "$tmp/t"
	{
		printf '$ORIGIN contoso.com.\n$TTL 3600\n'
		printf 'x IN A 1.2.3.\033[31mRED\302\233\377\376h\303\251'
		head -c 300 /dev/zero | tr '\0' q
		printf '\n'
	} >"$tmp/t/contoso.com.zone"
	printf '$ORIGIN contoso.com.\n$TTL 3600\n' >"$tmp/t/empty.zone"
	clean() {
		! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$tmp/out" "$tmp/err" || fail "$1: a control byte in the output"
		! grep -q "$(printf '\302[\200-\237]')" "$tmp/out" "$tmp/err" || fail "$1: a C1 control in the output"
		iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null 2>&1 && iconv -f UTF-8 -t UTF-8 "$tmp/err" >/dev/null 2>&1 ||
			fail "$1: the output is not valid UTF-8"
		! grep -q 'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq' "$tmp/out" "$tmp/err" ||
			fail "$1: more than 80 characters of the line quoted"
	}
	timed 1 "$bin" check "$tmp/t/contoso.com.zone"
	clean "check text"
	said "'x IN A 1\\.2\\.3\\.\\\\x1b\\[31mRED\\\\xc2\\\\x9b\\\\xff\\\\xfehé(q)+\\.\\.\\.'" "$tmp/out"
	timed 1 "$bin" check --format json "$tmp/t/contoso.com.zone"
	clean "check json"
	jq -e '.findings[0].message | test("^ldns cannot parse the record")' "$tmp/out" >/dev/null ||
		fail "check json: the message is missing: $(jq -c '.findings[0]' "$tmp/out")"
	timed 2 "$bin" diff "$tmp/t/empty.zone" "$tmp/t/contoso.com.zone"
	clean "diff text"
	said 'ldns cannot parse the record .*\\x1b\[31mRED\\xc2\\x9b\\xff\\xfe'
	echo ok
	;;
*)
	fail "unknown row"
	;;
esac
