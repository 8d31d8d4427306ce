#!/usr/bin/env bash
# tests/diff_dirs/run.sh SIPZONE MODE: `diff OLD_DIR NEW_DIR` walks both
# trees with check's rules (sipzone/zone_files.h) and pairs files by their
# path relative to each directory; `diff --files-from LIST` compares only
# the relative paths LIST names. Every expected output below is written by
# hand (or derived with find/sort/comm, never from sipzone's output).
#   nested      a tree with sub/dir/x.zone changed, files only in OLD or only
#               in NEW at other depths, hidden .git/.hidden entries holding
#               zone-looking garbage, a non-.zone file, a link to a directory
#   symlink     the same tree with a link named *.zone below NEW: reported
#               at its path (rule io), exit 2, nothing on stdout
#   files-from  a list of 2 existing relative paths and one absent on both
#               sides: LIST:3 error, exit 2; without it the 2 pairs in list
#               order; the same list NUL-separated on standard input;
#               absolute and '..' entries refused at their line
#   large       2,000+ files per side in 40 directories: the pairs of
#               --format json equal what comm(1) makes of the two
#               `find | LC_ALL=C sort` lists, in that order; the counts
#               add up; and the same through --files-from on stdin
#               (every common file differs: the JSON lists those that do)
set -euo pipefail
sipzone=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mode=$2
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
bad() { echo "FAIL [$mode]: $*" >&2; fail=1; }
zone() { # zone FILE ORIGIN TTL ADDRESS...
	local f=$1 o=$2 t=$3
	shift 3
	mkdir -p "$(dirname "$f")"
	{
		echo "\$ORIGIN $o."
		for a in "$@"; do echo "sip $t IN A $a"; done
	} >"$f"
}
run() { # run OUT ERR ARGS...: sets rc
	local out=$1 err=$2
	shift 2
	rc=0
	timeout 120 "$sipzone" diff "$@" >"$out" 2>"$err" </dev/null || rc=$?
}

tree() {
	zone old/a.zone a.example 3600 192.0.2.1
	zone new/a.zone a.example 3600 192.0.2.1
	zone old/sub/dir/x.zone x.example 3600 192.0.2.10
	zone new/sub/dir/x.zone x.example 600 192.0.2.10
	zone old/sub/only-old.zone o.example 3600 192.0.2.20
	zone new/deep/er/n.zone n.example 3600 192.0.2.30
	# '-' sorts before '/': byte order of the paths puts sub-a.zone
	# before sub/..., a walk sorted per directory would not
	zone new/sub-a.zone s.example 3600 192.0.2.40
	for side in old new; do
		mkdir -p $side/.git $side/sub/.hidden
		echo 'not a zone at all (' >$side/.git/hidden.zone
		echo 'not a zone at all (' >$side/sub/.hidden/y.zone
		echo 'not a zone at all (' >$side/sub/.dot.zone
		echo 'not a zone at all (' >$side/sub/notes.txt
		echo 'not a zone at all (' >$side/sub/x.zone.orig
	done
	# a link to a directory, whatever its name, is not followed
	ln -s ../deep new/sub/linked.zone
	ln -s ../sub old/deep-link
}

case $mode in
nested)
	tree
	cat >want <<'EOF'
--- /dev/null
+++ new/deep/er/n.zone
+ sip.n.example. 3600 IN A 192.0.2.30

--- /dev/null
+++ new/sub-a.zone
+ sip.s.example. 3600 IN A 192.0.2.40

--- old/sub/dir/x.zone
+++ new/sub/dir/x.zone
~ sip.x.example. IN A 192.0.2.10  TTL 3600 -> 600

--- old/sub/only-old.zone
+++ /dev/null
- sip.o.example. 3600 IN A 192.0.2.20

2 added, 1 removed, 1 TTL changed in 4 files
EOF
	run out err old new
	[ "$rc" -eq 1 ] || bad "exit $rc, want 1: $(cat err)"
	[ -s err ] && bad "stderr not empty: $(cat err)"
	cmp -s want out || { bad "text output differs:"; diff want out >&2 || true; }
	# a trailing slash is not doubled, the pairs are the same
	run out2 err old/ new/
	sed -e 's,^--- old/,--- old/,' out2 | cmp -s want - || bad "old/ new/ differs: $(head -3 out2)"
	# JSON: the files that differ in path order (a.zone is equal), 5 compared
	run out.json err --format json old new
	[ "$rc" -eq 1 ] || bad "json: exit $rc"
	[ -s out.json ] || bad "json: no output"
	jq -r '.files[] | "\(.old // "-") \(.new // "-") \(.changes | length)"' out.json >got
	printf '%s\n' '- new/deep/er/n.zone 1' '- new/sub-a.zone 1' \
		'old/sub/dir/x.zone new/sub/dir/x.zone 1' 'old/sub/only-old.zone - 1' >want.pairs
	cmp -s want.pairs got || { bad "json pairs differ:"; diff want.pairs got >&2 || true; }
	jq -e '.summary.files_compared == 5 and .summary.files_changed == 4' out.json >/dev/null ||
		bad "json summary: $(jq -c .summary out.json)"
	;;
symlink)
	tree
	ln -s x.zone new/sub/dir/link.zone
	run out err old new
	[ "$rc" -eq 2 ] || bad "exit $rc, want 2"
	[ -s out ] && bad "stdout not empty: $(head -3 out)"
	want='new/sub/dir/link.zone: error: a symbolic link, not a regular file: not read, so the directories cannot be compared [io]'
	[ "$(cat err)" = "$want" ] || bad "stderr is not the one line: $want; got: $(cat err)"
	;;
files-from)
	tree
	printf '%s\n' sub/dir/x.zone deep/er/n.zone missing/nope.zone >list
	run out err --files-from list old new
	[ "$rc" -eq 2 ] || bad "absent on both: exit $rc, want 2"
	[ -s out ] && bad "absent on both: stdout not empty"
	grep -qx 'list:3: error: missing/nope.zone: in neither OLD_DIR nor NEW_DIR \[io\]' err ||
		bad "no error at list:3: $(cat err)"
	[ "$(wc -l <err)" -eq 1 ] || bad "more than the one error: $(cat err)"
	cat >want <<'EOF'
--- old/sub/dir/x.zone
+++ new/sub/dir/x.zone
~ sip.x.example. IN A 192.0.2.10  TTL 3600 -> 600

--- /dev/null
+++ new/deep/er/n.zone
+ sip.n.example. 3600 IN A 192.0.2.30

1 added, 0 removed, 1 TTL changed in 2 files
EOF
	printf '%s\n' sub/dir/x.zone deep/er/n.zone >list2
	run out err --files-from list2 old new
	[ "$rc" -eq 1 ] || bad "two entries: exit $rc, want 1: $(cat err)"
	cmp -s want out || { bad "two entries: output differs:"; diff want out >&2 || true; }
	# the same NUL-separated on standard input
	rc=0
	printf 'sub/dir/x.zone\0deep/er/n.zone\0' |
		"$sipzone" diff -0 --files-from - old new >out 2>err || rc=$?
	[ "$rc" -eq 1 ] || bad "stdin -0: exit $rc: $(cat err)"
	cmp -s want out || bad "stdin -0: output differs"
	# entries that leave the directories, at their line
	printf '%s\n' sub/dir/x.zone /etc/passwd ../old/a.zone sub/../a.zone >list3
	run out err --files-from list3 old new
	[ "$rc" -eq 2 ] || bad "escaping entries: exit $rc"
	for n in 2 3 4; do
		grep -q "^list3:$n: error: .*not a path relative" err || bad "list3:$n not reported: $(cat err)"
	done
	# usage: OLD or NEW not a directory, --null without a list
	run out err --files-from list2 old/a.zone new
	[ "$rc" -eq 2 ] && grep -q 'two directories' err || bad "file with --files-from: exit $rc $(cat err)"
	run out err -0 old new
	[ "$rc" -eq 2 ] || bad "--null without --files-from: exit $rc"
	;;
large)
	# 2,200 files per side, 2,000 of them on both sides, each with its TTL
	# changed (the JSON lists the files that differ)
	for ((d = 0; d < 40; d++)); do mkdir -p old/d$d/e{0..2} new/d$d/e{0..2}; done
	awk 'BEGIN {
		for (i = 0; i < 2400; i++) {
			f = sprintf("d%d/e%d/z%d.zone", i % 40, i % 3, i)
			if (i < 2200) {
				o = "old/" f
				printf "$ORIGIN z%d.example.\nsip 3600 IN A 192.0.2.1\n", i >o
				close(o)
			}
			if (i >= 200) {
				n = "new/" f
				printf "$ORIGIN z%d.example.\nsip %d IN A 192.0.2.1\n", i, 60 >n
				close(n)
			}
		}
	}'
	mkdir -p old/.git new/d3/.hidden
	echo 'garbage (' >old/.git/z.zone
	echo 'garbage (' >new/d3/.hidden/z.zone
	(cd old && find . \( -name '.?*' -prune \) -o -type f -name '?*.zone' -print | sed 's,^\./,,' | LC_ALL=C sort) >o.list
	(cd new && find . \( -name '.?*' -prune \) -o -type f -name '?*.zone' -print | sed 's,^\./,,' | LC_ALL=C sort) >n.list
	[ "$(wc -l <o.list)" -eq 2200 ] && [ "$(wc -l <n.list)" -eq 2200 ] || bad "tree: $(wc -l <o.list) $(wc -l <n.list)"
	# the pairs comm(1) makes, merged back into one byte-ordered list
	{
		LC_ALL=C comm -12 o.list n.list | awk '{ print $0 " old/" $0 " new/" $0 }'
		LC_ALL=C comm -23 o.list n.list | awk '{ print $0 " old/" $0 " -" }'
		LC_ALL=C comm -13 o.list n.list | awk '{ print $0 " - new/" $0 }'
	} | LC_ALL=C sort -k1,1 | cut -d' ' -f2- >want
	[ "$(grep -c ' - *$\|^- ' want)" -eq 400 ] || bad "comm gives $(grep -c ' -$\|^- ' want) one-sided, not 400"
	run out.json err --format json old new
	[ "$rc" -eq 1 ] || bad "exit $rc, want 1: $(head -3 err)"
	[ -s out.json ] || bad "no JSON"
	jq -r '.files[] | "\(.old // "-") \(.new // "-")"' out.json >got
	cmp -s want got || { bad "pairs differ from comm's:"; diff want got | head >&2 || true; }
	# 2,000 on both sides with the TTL changed; 200 + 200 one-sided
	jq -e '.summary | .files_compared == 2400 and .ttl_changed == 2000 and .added == 200
		and .removed == 200 and .files_changed == 2400' out.json >/dev/null ||
		bad "summary: $(jq -c .summary out.json)"
	# the same pairs through --files-from on standard input (no argv)
	LC_ALL=C sort -u o.list n.list >all.list
	rc=0
	"$sipzone" diff --format json --files-from - old new <all.list >out2.json 2>err || rc=$?
	[ "$rc" -eq 1 ] || bad "--files-from -: exit $rc: $(head -3 err)"
	jq -r '.files[] | "\(.old // "-") \(.new // "-")"' out2.json >got2
	cmp -s want got2 || bad "--files-from - pairs differ from comm's"
	;;
*)
	echo "usage: $0 SIPZONE nested|symlink|files-from|large" >&2
	exit 2
	;;
esac
[ "$fail" -eq 0 ] && echo "PASS [$mode]"
exit "$fail"
