#!/usr/bin/env bash
# tests/install_exports.sh LIBSIPZONE_SO SOURCE_DIR BUILD_DIR
# libsipzone.so exports exactly the functions that include/sipzone/ declares
# with SZ_API (both directions): nothing internal (szi_*, static helpers,
# the dependencies' symbols) and nothing declared but missing.
set -u
so=$1 src=$2 build=$3
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Declarations start a line with SZ_API; the name is the last identifier
# before the parameter list. version.h is generated into the build tree.
perl -0777 -ne 'while (/^SZ_API\b([^;(]*)[(;]/mg) { my ($n) = $1 =~ /(\w+)\s*$/; print "$n\n" }' \
	"$src"/include/sipzone/*.h "$build"/include/sipzone/version.h | sort -u >"$tmp/declared"
nm -D --defined-only "$so" | awk '{print $NF}' | sort -u >"$tmp/exported" ||
	fail "nm -D cannot read $so"

# Sanity of the two lists themselves, by names known to be public.
for name in sz_version sz_model_load_file sz_snippet_each_json sz_status_str; do
	grep -qx "$name" "$tmp/declared" || fail "$name not found among the SZ_API declarations"
	grep -qx "$name" "$tmp/exported" || fail "$name is not exported"
done
grep -v '^sz_' "$tmp/exported" && fail "exported symbols without the sz_ prefix (above)"
comm -13 "$tmp/declared" "$tmp/exported" >"$tmp/extra"
comm -23 "$tmp/declared" "$tmp/exported" >"$tmp/missing"
[ -s "$tmp/extra" ] && { cat "$tmp/extra"; fail "exported but not declared with SZ_API (above)"; }
[ -s "$tmp/missing" ] && { cat "$tmp/missing"; fail "declared with SZ_API but not exported (above)"; }
echo "ok: $(wc -l <"$tmp/exported") symbols"
