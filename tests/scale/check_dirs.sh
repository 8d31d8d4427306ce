#!/usr/bin/env bash
# tests/scale/check_dirs.sh SIPZONE [PYTHON3]: `check DIR` and `check --files-from`
# on a generated tree of 3,000 zone files. The files read (the "files" array
# of --format json) must be exactly what find(1) and `LC_ALL=C sort` select
# by the documented rules (*.zone, nothing hidden, links below DIR not
# followed), in that order; a missing list entry is reported at LIST:LINE.
set -euo pipefail
sipzone=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
python=${2:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

# 3,000 zones in 30 directories two levels deep, plus what must not count.
for ((i = 0; i < 30; i++)); do
	mkdir -p t/d$i/e{0..6}
done
awk 'BEGIN {
	for (i = 0; i < 3000; i++) {
		f = sprintf("t/d%d/e%d/z%d.zone", i % 30, i % 7, i)
		printf "$ORIGIN z%d.example.\n@ 3600 IN SOA ns.z%d.example. h.z%d.example. 1 2 3 4 5\n@ 3600 IN NS ns\nns 3600 IN A 192.0.2.1\n", i, i, i >f
		close(f)
	}
}'
# one file with a finding, late in the order: an SRV at an IP address
printf '_sip._tls 3600 IN SRV 0 0 443 192.0.2.9.\n' >>t/d29/e3/z2999.zone
mkdir -p t/.git t/d1/.hidden
cp t/d0/e0/z0.zone t/.git/x.zone
cp t/d0/e0/z0.zone t/d1/.hidden/x.zone
cp t/d0/e0/z0.zone t/d2/.dot.zone
cp t/d0/e0/z0.zone t/d2/z.zone.orig
cp t/d0/e0/z0.zone t/d2/.zone
mkdir t/d3/dir.zone
ln -s ../d0 t/d4/linked-dir
# what the rules select, independently
find t -mindepth 1 \( -name '.*' -prune \) -o -type f -name '?*.zone' -print |
	LC_ALL=C sort >want
[ "$(wc -l <want)" -eq 3000 ] || bad "the tree holds $(wc -l <want) zone files, not 3000"

files_of() { # JSON on stdin -> the files read, one a line
	"$python" -c 'import json,sys; d=json.load(sys.stdin); print("\n".join(f["file"] for f in d["files"]))'
}

rc=0
"$sipzone" check --format json t >out.json 2>err || rc=$?
files_of <out.json >got
cmp -s want got || { bad "check DIR read other files:"; diff want got | head >&2; }
[ "$rc" -eq 1 ] || bad "check DIR: exit $rc, want 1 (one finding)"
grep -q '"file": "t/d29/e3/z2999.zone"' out.json || bad "the finding of the last file is missing"

# a link named *.zone below DIR: reported, not read, exit 2
ln -s ../d0/e0/z0.zone t/d5/link.zone
rc=0
"$sipzone" check --quiet t 2>err || rc=$?
[ "$rc" -eq 2 ] || bad "a link below DIR: exit $rc, want 2"
grep -q 't/d5/link.zone: a symbolic link' err || bad "the link is not named: $(cat err)"
rm t/d5/link.zone

# --files-from: the same list, newline- and NUL-separated, from a file and
# standard input, with a missing entry on line 1234
sed '1234i\t/no/such.zone' want >list
rc=0
"$sipzone" check --format json --files-from list >out.json 2>err || rc=$?
files_of <out.json >got
cmp -s want got || bad "--files-from read other files"
[ "$rc" -eq 2 ] || bad "--files-from with a missing entry: exit $rc, want 2"
grep -qx 'sipzone check: list:1234: t/no/such.zone: No such file or directory' err ||
	bad "the missing entry is not reported at list:1234: $(cat err)"
tr '\n' '\0' <want >list0
rc=0
"$sipzone" check --format json -0 --files-from - <list0 >out.json 2>err || rc=$?
files_of <out.json >got
cmp -s want got || bad "--null --files-from - read other files"
[ "$rc" -eq 1 ] || bad "--null --files-from -: exit $rc, want 1"
# a directory in the list is expanded like an argument
printf 't/d9\n' >list
"$sipzone" check --format json --files-from list >out.json 2>/dev/null || true
files_of <out.json >got
grep '^t/d9/' want | cmp -s - got || bad "a directory in the list is not expanded"

# standard input as a FILE and as the list: refused before anything is read
rc=0
"$sipzone" check --files-from - - </dev/null 2>err || rc=$?
[ "$rc" -eq 2 ] && grep -q "standard input ('-') is named twice" err || bad "stdin twice: exit $rc, $(cat err)"

# nothing to check is a usage error, not a pass
mkdir empty
rc=0
"$sipzone" check empty 2>err || rc=$?
[ "$rc" -eq 2 ] || bad "an empty directory: exit $rc, want 2"

[ "$fail" -eq 0 ] && echo "ok: 3000 files by DIR and by --files-from, in sorted order"
exit $fail
