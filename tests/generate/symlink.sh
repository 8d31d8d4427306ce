#!/usr/bin/env bash
# A zone file that is a symbolic link to elsewhere is replaced, never followed.
. "$(dirname "$0")/lib.sh"
out=$tmp/out
mkdir -p "$out"
echo "precious" >"$tmp/outside"
ln -s "$tmp/outside" "$out/contoso.com.zone"
"$bin" generate "$example" -o "$out" -q || fail "generate failed"
[ "$(cat "$tmp/outside")" = "precious" ] || fail "the link target was overwritten"
[ -L "$out/contoso.com.zone" ] && fail "the link is still there"
grep -q '^\$ORIGIN contoso.com.$' "$out/contoso.com.zone" || fail "the new file is not the zone"
echo "ok"
