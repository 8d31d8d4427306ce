#!/usr/bin/env bash
# output.sh BIN ROW: hostile places to write to. Every row: exit 2 with a
# message naming the file or directory and the reason, or success; never a
# crash, a hang, a partial file, a temporary file left behind, or a write
# through a link to outside DIR.
# shellcheck disable=SC2016,SC2015 # zone syntax is meant literally; "A && B || fail" exits
# shellcheck source=tests/hostile/lib.sh
. "$(dirname "$0")/lib.sh"
base=$here/model/base.json
dir=$tmp/zones

# No temporary file of sipzone's (".NAME.PID.N.tmp") in DIR.
no_tmp_files() {
	local left
	left=$(find "$1" -name '.*.tmp' | head -3)
	[ -z "$left" ] || fail "temporary files left behind: $left"
}

case $row in
output-readonly-dir)
	"$bin" generate "$base" -o "$dir" -q --serial 1 || fail "first generate failed"
	jq '.defaults.ttl = 60 | .sip_domains[1].ttl = 60' "$base" >"$tmp/changed.json"
	before=$(snapshot "$dir")
	tried=0
	# A read-only mount in a private namespace stops root too (CI runs as
	# root, so chmod alone would prove nothing there).
	if unshare -rm true 2>/dev/null; then
		run 2 60 unshare -rm sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && exec "$2" generate "$3" -o "$1"' \
			sh "$dir" "$bin" "$tmp/changed.json"
		said "error: cannot create a temporary file: Read-only file system"
		said "nothing in $dir was changed"
		tried=1
	fi
	if [ "$(id -u)" != 0 ]; then
		chmod a-w "$dir"
		run 2 60 "$bin" generate "$tmp/changed.json" -o "$dir"
		said "cannot create a temporary file: Permission denied"
		chmod u+w "$dir"
		tried=1
	fi
	[ "$(snapshot "$dir")" = "$before" ] || fail "the read-only DIR changed"
	# a directory no one may create files in, root included
	run 2 60 "$bin" generate "$tmp/changed.json" -o /proc/self/fdinfo
	said '/proc/self/fdinfo: error: cannot create a temporary file'
	run 2 60 "$bin" generate "$tmp/changed.json" -o /proc/sipzone/zones
	said '/proc/sipzone: error: cannot create the directory'
	[ $tried = 1 ] || echo "note: no user namespaces and running as root: only the /proc variants ran"
	echo ok
	;;
output-dev-full)
	# DIR is a device; standard output is a full device. Every output that
	# is data fails with exit 2 and says so.
	run 2 60 "$bin" generate "$base" -o /dev/full
	said '/dev/full: error: cannot write into: Not a directory'
	"$bin" generate "$base" -o "$dir" -q --serial 1 >/dev/null || fail "generate -o failed"
	"$bin" generate "$base" --serial 1 >"$tmp/zone.txt" || fail "generate failed"
	printf '$ORIGIN a.com.\nsip 60 IN A 192.0.2.1\n_sip._tls 60 IN SRV 0 0 443 sip.b.com.\n' >"$tmp/a.com.zone"
	for cmd in "generate $base" "generate $base --format json" "check $dir/a.com.zone" \
		"check --format json $dir/a.com.zone" "check $tmp/a.com.zone" "check --rules" \
		"pic $base" "pic --format json $base" "schema" "generate $base -o $tmp/new --check"; do
		# shellcheck disable=SC2086 # the words of $cmd are the arguments
		timeout 60 "$bin" $cmd >/dev/full 2>"$tmp/err"
		rc=$?
		[ $rc = 2 ] || { cat "$tmp/err"; fail "sipzone $cmd >/dev/full: exit $rc, expected 2"; }
		grep -qi 'cannot write' "$tmp/err" || { cat "$tmp/err"; fail "sipzone $cmd >/dev/full: no 'cannot write' message"; }
	done
	[ ! -e "$tmp/new" ] || fail "--check created DIR"
	echo ok
	;;
output-links-and-specials)
	# What sits in DIR under a zone's name is replaced, never followed or
	# opened in a way that blocks: a hard link and a symbolic link to a file
	# outside DIR, a dangling link, a link to /dev/zero, a FIFO.
	mkdir -p "$dir"
	echo precious >"$tmp/outside"
	ln "$tmp/outside" "$dir/a.com.zone"
	ln -s "$tmp/outside" "$dir/b.com.zone"
	"$bin" generate "$base" -o "$dir" -q --serial 1 || fail "generate failed"
	[ "$(cat "$tmp/outside")" = precious ] || fail "a file outside DIR was overwritten"
	[ ! -L "$dir/b.com.zone" ] && [ "$(stat -c %h "$dir/a.com.zone")" = 1 ] || fail "a link is still in DIR"
	grep -q '^\$ORIGIN b.com.$' "$dir/b.com.zone" || fail "b.com.zone is not the zone"
	rm -f "$dir"/*.zone
	ln -s "$tmp/nowhere" "$dir/a.com.zone"
	ln -s /dev/zero "$dir/b.com.zone"
	run 1 60 "$bin" generate "$base" -o "$dir" --check
	run 0 60 "$bin" generate "$base" -o "$dir" -q --serial 1
	[ -f "$dir/a.com.zone" ] && [ ! -L "$dir/a.com.zone" ] && [ ! -L "$dir/b.com.zone" ] || fail "links not replaced"
	rm -f "$dir"/*.zone
	mkfifo "$dir/a.com.zone"
	run 0 60 "$bin" generate "$base" -o "$dir" -q --serial 1
	[ -f "$dir/a.com.zone" ] || fail "the FIFO was not replaced"
	# --prune removes sipzone's own files, never through a link
	"$bin" generate "$base" --serial 1 | sed -n '/zone b.com/,$p' | sed 's/b\.com/gone.example/g' >"$tmp/gone.zone"
	ln -s "$tmp/gone.zone" "$dir/gone.example.zone"
	mkfifo "$dir/stale.zone"
	run 0 60 "$bin" generate "$base" -o "$dir" -q --prune --serial 1
	[ -f "$tmp/gone.zone" ] || fail "--prune removed the file behind a link"
	no_tmp_files "$dir"
	echo ok
	;;
output-diff-specials)
	# diff DIR1 DIR2 never opens a *.zone entry that is not a regular file (a
	# FIFO would block, /dev/zero never ends, a link may leave the
	# directory) and never reports one as removed or added: it is an error
	# at that name (exit 2), every such name is listed, nothing on stdout.
	"$bin" generate "$base" -o "$tmp/old" -q --serial 1 || fail "generate failed"
	cp -a "$tmp/old" "$tmp/new"
	mkfifo "$tmp/old/fifo.zone"
	ln -s /dev/zero "$tmp/old/zero.zone"
	echo precious >"$tmp/outside.zone"
	ln -s "$tmp/outside.zone" "$tmp/new/link.zone"
	run 2 30 "$bin" diff "$tmp/old" "$tmp/new"
	printf '%s\n' "$tmp/old/fifo.zone: error: a FIFO, not a regular file: not read, so the directories cannot be compared [io]" \
		"$tmp/old/zero.zone: error: a symbolic link, not a regular file: not read, so the directories cannot be compared [io]" \
		"$tmp/new/link.zone: error: a symbolic link, not a regular file: not read, so the directories cannot be compared [io]" |
		sort >"$tmp/want"
	sort "$tmp/err" | cmp -s "$tmp/want" - || { diff -u "$tmp/want" <(sort "$tmp/err"); fail "messages differ"; }
	[ ! -s "$tmp/out" ] || { cat "$tmp/out"; fail "something printed on stdout"; }
	run 2 30 "$bin" diff --format json "$tmp/old" "$tmp/new"
	[ ! -s "$tmp/out" ] || fail "JSON printed despite the error"
	rm "$tmp/old/fifo.zone" "$tmp/old/zero.zone" "$tmp/new/link.zone"
	run 0 30 "$bin" diff "$tmp/old" "$tmp/new"
	echo ok
	;;
output-escape)
	# Names from the file system reach the output through one escaping
	# function: ESC, a newline, BEL, a C1 control (0x9b, raw and as UTF-8
	# c2 9b) and invalid UTF-8 (0xff) become \xNN; valid UTF-8 (é) stays.
	# Expected bytes are written by hand; every output must also be clean
	# (no control byte but the line ends, valid UTF-8, no C1 control).
	clean() { # clean FILE LINES: only printable text, LINES lines
		python3 - "$1" "$2" <<-'PY' || fail "$1 is not clean text"
		import sys
		b = open(sys.argv[1], 'rb').read()
		t = b.decode('utf-8')  # raises on invalid UTF-8
		bad = [c for c in t if (ord(c) < 0x20 and c != '\n') or 0x7f <= ord(c) <= 0x9f]
		assert not bad, bad
		assert t.count('\n') == int(sys.argv[2]), t
		PY
	}
	cd "$tmp" || fail "no tmp"
	name=$'a\e[31mb\nc\x9b\xff\xc2\x9b\xc3\xa9.zone'
	shown='a\x1b[31mb\x0ac\x9b\xff\xc2\x9b'$'\xc3\xa9''.zone'
	printf '$ORIGIN example.com.\n@ 3600 IN A 192.0.2.1\nfoo 3600 IN BOGUS x\n' >"$name"
	# check, text: the file name escaped
	run 1 30 "$bin" check "$name"
	grep -q "^$(printf '%s' "$shown" | sed 's/[][\\.*^$]/\\&/g'):3: error: " "$tmp/out" ||
		{ od -c "$tmp/out" | head -20; fail "check: file name not escaped"; }
	clean "$tmp/out" "$(wc -l <"$tmp/out")"
	# check, JSON: the key is there, its value the escaped text
	run 1 30 "$bin" check --format json "$name"
	clean "$tmp/out" "$(wc -l <"$tmp/out")"
	[ "$(jq -r '.findings[0].file' "$tmp/out")" = "$shown" ] || fail "check --format json: file is $(jq .findings[0].file "$tmp/out")"
	[ "$(jq -r '.findings[0] | has("message") and has("file") and has("owner")' "$tmp/out")" = true ] ||
		fail "check --format json: a key is missing"
	# a file reached by $INCLUDE: its name in the finding, escaped
	inc=$'i\e[2J\x9b\xff.inc'
	printf 'foo 3600 IN BOGUS x\n' >"$inc"
	printf '$ORIGIN example.com.\n$INCLUDE "%s"\n' "$inc" >"$tmp/parent.zone"
	run 1 30 "$bin" check "$tmp/parent.zone"
	clean "$tmp/out" "$(wc -l <"$tmp/out")"
	grep -qF "$tmp/"'i\x1b[2J\x9b\xff.inc:1: error: ' "$tmp/out" ||
		{ od -c "$tmp/out" | head -20; fail "check: the name of an included file not escaped"; }
	# a message quoting bytes of the input that are not UTF-8: still there
	printf '$ORIGIN example.com.\nfoo 3600 IN BO\xff\x9bGUS x\n' >"$tmp/bytes.zone"
	run 1 30 "$bin" check --format json "$tmp/bytes.zone"
	clean "$tmp/out" "$(wc -l <"$tmp/out")"
	jq -e '.findings[0].message | contains("BO\\xff\\x9bGUS")' "$tmp/out" >/dev/null ||
		{ cat "$tmp/out"; fail "check --format json: the message is missing or not escaped"; }
	# a file that cannot be read: the message on stderr names it escaped
	run 2 30 "$bin" check "x$name"
	clean "$tmp/err" 1
	grep -qF "x$shown" "$tmp/err" || fail "check: unreadable file name not escaped: $(cat "$tmp/err")"
	# diff of two directories: the labels escaped, in text and JSON
	mkdir old new
	printf '$ORIGIN example.com.\n@ 3600 IN A 192.0.2.1\n' >"old/$name"
	printf '$ORIGIN example.com.\n@ 3600 IN A 192.0.2.2\n' >"new/$name"
	run 1 30 "$bin" diff old new
	printf '%s\n' "--- old/$shown" "+++ new/$shown" "- example.com. 3600 IN A 192.0.2.1" \
		"+ example.com. 3600 IN A 192.0.2.2" "" "1 added, 1 removed, 0 TTL changed in 1 file" |
		cmp -s - "$tmp/out" || { od -c "$tmp/out" | head -20; fail "diff: labels not escaped"; }
	run 1 30 "$bin" diff --format json old new
	[ "$(jq -r '.files[0].old' "$tmp/out")" = "old/$shown" ] || fail "diff --format json: old is $(jq .files[0].old "$tmp/out")"
	# generate -o DIR with such a directory name: its report lines
	dir=$'o\e]0;x\a\n\x9b\xff'
	dshown='o\x1b]0;x\x07\x0a\x9b\xff'
	run 0 30 "$bin" generate "$base" -o "$dir" --serial 1
	printf '%s\n' "$dshown: 2 created, 0 changed, 0 stale (use --prune), 0 unchanged" | cmp -s - "$tmp/out" ||
		{ od -c "$tmp/out"; fail "generate: directory name not escaped"; }
	jq '.defaults.ttl = 60' "$base" >"$tmp/changed.json"
	run 1 30 "$bin" generate "$tmp/changed.json" -o "$dir" --serial 1 --check
	grep -qxF "would change $dshown/a.com.zone" "$tmp/out" || { od -c "$tmp/out" | head; fail "generate --check: name not escaped"; }
	grep -qxF -- "--- $dshown/a.com.zone" "$tmp/out" || fail "generate --check: diff label not escaped"
	clean "$tmp/out" "$(wc -l <"$tmp/out")"
	echo ok
	;;
output-keep-mode)
	# A regenerated file keeps the mode and owner of the file it replaces
	# (a 0600 internal zone stays 0600); a new file is 0644 whatever the umask.
	"$bin" generate "$base" -o "$dir" -q --serial 1 || fail "first generate failed"
	chmod 0600 "$dir/a.com.zone"
	chmod 0640 "$dir/b.com.zone"
	root=0
	if [ "$(id -u)" = 0 ]; then chown 1234:5678 "$dir/a.com.zone"; root=1; fi
	jq '.defaults.ttl = 60 | .sip_domains[1].ttl = 60 |
	    .sip_domains += [{"domain": "c.com", "edge_pool": "p"}] |
	    .edge_pools.p.certificate.san += ["sip.c.com"]' "$base" >"$tmp/changed.json"
	(umask 077 && exec "$bin" generate "$tmp/changed.json" -o "$dir" -q --serial 2) || fail "second generate failed"
	grep -q ' 60 IN ' "$dir/a.com.zone" || fail "a.com.zone was not regenerated"
	[ "$(stat -c %a "$dir/a.com.zone")" = 600 ] || fail "a.com.zone: mode $(stat -c %a "$dir/a.com.zone"), expected 600"
	[ "$(stat -c %a "$dir/b.com.zone")" = 640 ] || fail "b.com.zone: mode $(stat -c %a "$dir/b.com.zone"), expected 640"
	[ "$(stat -c %a "$dir/c.com.zone")" = 644 ] || fail "new c.com.zone: mode $(stat -c %a "$dir/c.com.zone"), expected 644"
	if [ $root = 1 ]; then
		[ "$(stat -c %u:%g "$dir/a.com.zone")" = 1234:5678 ] || fail "a.com.zone: owner $(stat -c %u:%g "$dir/a.com.zone"), expected 1234:5678"
	fi
	no_tmp_files "$dir"
	echo ok
	;;
output-view-symlink)
	# DIR/<view> that is a symbolic link (to a directory, or dangling) is
	# refused, never followed: nothing is written where it points.
	mkdir -p "$dir" "$tmp/elsewhere"
	ln -s "$tmp/elsewhere" "$dir/internal"
	run 2 30 "$bin" generate "$base" --view internal -o "$dir"
	said "$dir/internal: error: is a symbolic link: refused"
	[ -z "$(ls -A "$tmp/elsewhere")" ] || fail "written through the link: $(ls -A "$tmp/elsewhere")"
	rm "$dir/internal"
	ln -s "$tmp/nowhere" "$dir/internal"
	run 2 30 "$bin" generate "$base" --view internal -o "$dir"
	said "is a symbolic link: refused"
	[ ! -e "$tmp/nowhere" ] || fail "created through a dangling link"
	run 2 30 "$bin" generate "$base" --view internal -o "$dir" --check
	rm "$dir/internal"
	run 0 30 "$bin" generate "$base" --view internal -o "$dir" -q
	[ -d "$dir/internal" ] && [ ! -L "$dir/internal" ] || fail "DIR/internal not made"
	echo ok
	;;
output-stale-tmp)
	# Temporary files a killed run left (its commit never began) are removed
	# by the next run; files that only look alike are not.
	"$bin" generate "$base" -o "$dir" -q --serial 1 || fail "first generate failed"
	echo junk >"$dir/.a.com.zone.99999.3.tmp"
	echo junk >"$dir/.b.com.zone.1.0.tmp"
	echo junk >"$dir/.sipzone-journal.tmp"
	echo mine >"$dir/.notes.tmp"
	echo mine >"$dir/.x.zone.tmp"
	run 0 30 "$bin" generate "$base" -o "$dir" --serial 1
	said "removed 3 temporary files of an interrupted run"
	[ -f "$dir/.notes.tmp" ] && [ -f "$dir/.x.zone.tmp" ] || fail "a file that is not sipzone's was removed"
	rm "$dir/.notes.tmp" "$dir/.x.zone.tmp"
	no_tmp_files "$dir"
	echo ok
	;;
output-journal)
	# The journal of a commit that was killed: the next run completes its
	# renames first; a file that is not such a journal stops the run with
	# nothing changed.
	"$bin" generate "$base" -o "$dir" -q --serial 1 || fail "first generate failed"
	jq '.defaults.ttl = 60 | .sip_domains[1].ttl = 60' "$base" >"$tmp/changed.json"
	"$bin" generate "$tmp/changed.json" -o "$tmp/new" -q --serial 2 || fail "new generate failed"
	cp "$tmp/new/a.com.zone" "$dir/.a.com.zone.4242.0.tmp"
	cp "$tmp/new/b.com.zone" "$dir/.b.com.zone.4242.1.tmp"
	mv "$dir/.b.com.zone.4242.1.tmp" "$dir/b.com.zone" # renamed before the kill
	printf 'sipzone-journal 1\nR\t.a.com.zone.4242.0.tmp\ta.com.zone\nR\t.b.com.zone.4242.1.tmp\tb.com.zone\nend\n' >"$dir/.sipzone-journal"
	run 0 30 "$bin" generate "$tmp/changed.json" -o "$dir" --serial 2
	said "completed the commit of an interrupted run \(2 files\)"
	grep -qx "$dir: 0 created, 0 changed, 0 stale (use --prune), 2 unchanged" "$tmp/out" ||
		{ cat "$tmp/out"; fail "the journal's renames were not completed first"; }
	cmp -s "$tmp/new/a.com.zone" "$dir/a.com.zone" || fail "a.com.zone is not the new file"
	[ ! -e "$dir/.sipzone-journal" ] || fail "the journal is still there"
	no_tmp_files "$dir"
	# not a journal sipzone wrote (a name with a slash): refused, nothing done
	printf 'sipzone-journal 1\nR\t../x\ta.com.zone\nend\n' >"$dir/.sipzone-journal"
	before=$(snapshot "$dir")
	run 2 30 "$bin" generate "$base" -o "$dir" --serial 1
	said "is not a journal sipzone wrote"
	[ "$(snapshot "$dir")" = "$before" ] || fail "DIR changed despite the bad journal"
	echo ok
	;;
output-kill)
	# SIGKILL at random moments of a 2,000-file generate: after each kill
	# every file is the complete old or the complete new one, and without a
	# journal the directory is not mixed (all old, or all new); the next run
	# completes or rolls back what the killed one started, leaving every
	# file new, no temporary file and no journal. Half of the kills come at
	# a random delay within a run's duration, half just after the journal
	# appears (the commit). 20 to 60 kills. On tmpfs when there is one: a SIGKILL
	# is not a power cut, and on a shared disk every syncfs() waits for
	# everyone's writes (4 minutes on ext4 beside other builds, 20 s here).
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then
		shm=$(mktemp -d -p /dev/shm sipzone-kill.XXXXXX) || fail "mktemp"
		trap 'rm -rf "$tmp" "$shm"' EXIT
		dir=$shm/zones
	fi
	n=2000
	jq --argjson n $n '.sip_domains = [range($n) | {"domain": "d\(.).example.com", "edge_pool": "p",
		"federation": "none", "remote_access": false}] | del(.zones)' "$base" >"$tmp/old.json"
	jq '.defaults.ttl = 60' "$tmp/old.json" >"$tmp/new.json"
	"$bin" generate "$tmp/old.json" -o "$tmp/old" -q || fail "old generate failed"
	"$bin" generate "$tmp/new.json" -o "$tmp/new" -q || fail "new generate failed"
	(cd "$tmp/old" && sha256sum -- *.zone) >"$tmp/old.sums"
	(cd "$tmp/new" && sha256sum -- *.zone) >"$tmp/new.sums"
	files=$(wc -l <"$tmp/old.sums")
	# how long a whole run takes, in ms
	rm -rf "$dir" && cp -a "$tmp/old" "$dir"
	t0=$(date +%s%N)
	"$bin" generate "$tmp/new.json" -o "$dir" -q || fail "timed generate failed"
	span=$(( ($(date +%s%N) - t0) / 1000000 + 1 ))
	# state OLD NEW BAD JOURNAL of $dir, by checksum
	state() {
		(cd "$dir" && sha256sum -- *.zone) | awk -v OLD="$tmp/old.sums" -v NEW="$tmp/new.sums" -v n="$files" '
			BEGIN {
				while ((getline l < OLD) > 0) { split(l, f, "  "); old[f[2]] = f[1] }
				while ((getline l < NEW) > 0) { split(l, f, "  "); new[f[2]] = f[1] }
			}
			{ split($0, f, "  "); seen++
			  if (f[1] == old[f[2]]) o++; else if (f[1] == new[f[2]]) w++; else bad++ }
			END { printf "%d %d %d\n", o, w, bad + (seen != n) }'
	}
	mixed=0 journaled=0 allold=0 allnew=0 kills=0
	# 20 kills, more (up to 60) until two came during the commit
	for trial in $(seq 60); do
		[ "$trial" -gt 20 ] && [ $journaled -ge 2 ] && break
		kills=$trial
		rm -rf "$dir" && cp -a "$tmp/old" "$dir"
		"$bin" generate "$tmp/new.json" -o "$dir" -q 2>/dev/null &
		pid=$!
		if [ $((trial % 2)) = 1 ]; then
			ms=$(( RANDOM % (span * 12 / 10 + 1) ))
			sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
		else
			for _ in $(seq 200000); do
				[ -e "$dir/.sipzone-journal" ] && break
				kill -0 $pid 2>/dev/null || break
			done
			for _ in $(seq $((RANDOM % 4))); do :; done
		fi
		kill -9 $pid 2>/dev/null
		wait $pid 2>/dev/null
		read -r old new bad <<<"$(state)"
		[ "$bad" = 0 ] || fail "trial $trial: a file is neither the complete old nor the complete new one"
		if [ -e "$dir/.sipzone-journal" ]; then
			journaled=$((journaled + 1))
			[ "$old" != 0 ] && [ "$new" != 0 ] && mixed=$((mixed + 1))
		else
			[ "$old" = 0 ] || [ "$new" = 0 ] || fail "trial $trial: $old old and $new new files and no journal"
		fi
		[ "$new" = 0 ] && [ ! -e "$dir/.sipzone-journal" ] && allold=$((allold + 1))
		[ "$old" = 0 ] && [ ! -e "$dir/.sipzone-journal" ] && allnew=$((allnew + 1))
		# the next run: every file new, nothing of ours left over
		run 0 120 "$bin" generate "$tmp/new.json" -o "$dir" -q
		read -r old new bad <<<"$(state)"
		[ "$old" = 0 ] && [ "$bad" = 0 ] || fail "trial $trial: after the next run $old old, $bad bad files"
		[ ! -e "$dir/.sipzone-journal" ] || fail "trial $trial: the journal is still there"
		no_tmp_files "$dir"
	done
	[ $journaled -gt 0 ] || fail "no kill came during the commit: nothing was tested there"
	echo "ok: $files files, run ${span} ms; $kills kills: $allold left all old, $allnew all new," \
		"$journaled during the commit ($mixed of them mixed, completed by the next run)"
	;;
output-signal)
	# SIGTERM or SIGINT while many files are written: afterwards every file
	# in DIR is the complete old one or the complete new one, no temporary
	# file is left, and the exit code is 0 (finished) or 2 (interrupted,
	# nothing changed); never death by the signal.
	n=600
	jq --argjson n $n '.sip_domains = [range($n) | {"domain": "d\(.).example.com", "edge_pool": "p",
		"federation": "none", "remote_access": false}] | del(.zones)' "$base" >"$tmp/old.json"
	mkdir "$tmp/ref"
	jq '.defaults.ttl = 60' "$tmp/old.json" >"$tmp/ref/new.json"
	cp "$tmp/ref/new.json" "$tmp/new.json"
	"$bin" generate "$tmp/old.json" -o "$tmp/old" -q || fail "old generate failed"
	"$bin" generate "$tmp/ref/new.json" -o "$tmp/new" -q || fail "new generate failed"
	(cd "$tmp/old" && sha256sum -- *.zone) >"$tmp/old.sums"
	(cd "$tmp/new" && sha256sum -- *.zone) >"$tmp/new.sums"
	first=$(head -1 "$tmp/old.sums" | awk '{ print $2 }')
	interrupted=0 finished=0 sent_staging=0 sent_committing=0
	# At least 8 trials, more (up to 32) until a signal came in each phase
	# twice and both outcomes were seen.
	for trial in $(seq 32); do
		[ "$trial" -gt 8 ] && [ $sent_staging -ge 2 ] && [ $sent_committing -ge 2 ] &&
			[ $interrupted -ge 1 ] && [ $finished -ge 1 ] && break
		rm -rf "$dir"
		cp -a "$tmp/old" "$dir"
		ino=$(stat -c %i "$dir/$first")
		sig=TERM
		[ $((trial % 2)) = 0 ] && sig=INT
		"$bin" generate "$tmp/new.json" -o "$dir" -q 2>"$tmp/err" &
		pid=$!
		# trials 1, 4, 5, 8, ...: as soon as the first temporary file exists
		# (staging); 2, 3, 6, 7, ...: as soon as the first file was renamed
		# (committing). The signal counts for its phase only when that was
		# seen while the process still ran.
		phase=staging
		[ $((trial % 4)) -lt 2 ] || phase=committing
		hit=0
		for _ in $(seq 20000); do
			kill -0 $pid 2>/dev/null || break
			if [ $phase = staging ]; then
				find "$dir" -maxdepth 1 -name '.*.tmp' -print -quit | grep -q . && { hit=1; break; }
			else
				[ "$(stat -c %i "$dir/$first" 2>/dev/null)" != "$ino" ] && { hit=1; break; }
			fi
		done
		if [ $hit = 1 ] && kill -s $sig $pid 2>/dev/null; then
			if [ $phase = staging ]; then sent_staging=$((sent_staging + 1))
			else sent_committing=$((sent_committing + 1)); fi
		fi
		wait $pid
		rc=$?
		[ $rc -lt 128 ] || fail "trial $trial: killed by SIG$sig (exit $rc)"
		no_tmp_files "$dir"
		# Every file by its checksum: the old one, the new one, or neither.
		(cd "$dir" && sha256sum -- *.zone) >"$tmp/got.sums"
		counts=$(awk -v OLD="$tmp/old.sums" -v NEW="$tmp/new.sums" '
			BEGIN {
				while ((getline l < OLD) > 0) { split(l, f, "  "); old[f[2]] = f[1]; n++ }
				while ((getline l < NEW) > 0) { split(l, f, "  "); new[f[2]] = f[1] }
			}
			{ split($0, f, "  "); seen++
			  if (f[1] == old[f[2]]) o++; else if (f[1] == new[f[2]]) w++; else bad = bad " " f[2] }
			END { printf "%d %d %d %s\n", o, w, seen - n, bad }' "$tmp/got.sums")
		read -r old new extra bad <<<"$counts"
		[ -z "$bad" ] || fail "trial $trial: neither the complete old nor the complete new file:$bad"
		[ "$extra" = 0 ] || fail "trial $trial: files appeared or vanished"
		case $rc in
		2)	[ "$new" = 0 ] || fail "trial $trial: exit 2 but $new files changed"
			grep -q 'interrupted' "$tmp/err" || { cat "$tmp/err"; fail "trial $trial: no 'interrupted' message"; }
			interrupted=$((interrupted + 1)) ;;
		0)	[ "$old" = 0 ] || fail "trial $trial: exit 0 but $old files are old"
			finished=$((finished + 1)) ;;
		*)	cat "$tmp/err"; fail "trial $trial: exit $rc" ;;
		esac
	done
	[ $sent_staging -gt 0 ] || fail "no signal came while temporary files were written"
	[ $sent_committing -gt 0 ] || fail "no signal came while files were renamed into place"
	[ $interrupted -gt 0 ] || fail "no trial was interrupted: the signals came too late to test anything"
	echo "ok: signals while staging $sent_staging, while committing $sent_committing;" \
		"$interrupted interrupted (nothing changed), $finished finished (all new)"
	;;
*) fail "unknown row '$row'" ;;
esac
