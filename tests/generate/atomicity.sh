#!/usr/bin/env bash
# Nothing in DIR changes when the model is invalid or a write fails, and no
# temporary file is left behind.
. "$(dirname "$0")/lib.sh"
out=$tmp/out
"$bin" generate "$example" -o "$out" -q || fail "first generate failed"
echo "; hand-edited" >>"$out/fabrikam.com.zone"
before=$(snapshot "$out")

# 1. an invalid model (exit 1)
jq '.sip_domains[1].access_host = "sip.contoso.com"' "$example" >"$tmp/bad.json"
"$bin" generate "$tmp/bad.json" -o "$out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] || fail "invalid model: exit $rc, expected 1"
grep -q '\[namespace\]' "$tmp/err" || fail "invalid model: no namespace error"
[ "$(snapshot "$out")" = "$before" ] || fail "invalid model changed DIR"

# 2. a write that fails part-way (file size limit: EFBIG on write)
jq '.edge_pools["edge-eu"].addresses += [range(1;200) | "2001:db8:1::\(.)"]' "$example" >"$tmp/big.json"
(trap '' XFSZ; ulimit -f 1; "$bin" generate "$tmp/big.json" -o "$out") 2>"$tmp/err"; rc=$?
[ $rc = 2 ] || { cat "$tmp/err"; fail "failed write: exit $rc, expected 2"; }
grep -q 'cannot write' "$tmp/err" || fail "failed write: no message naming the file"
[ "$(snapshot "$out")" = "$before" ] || fail "a failed write changed DIR"

# 3. a directory where a zone file must go: refused before anything moves
rm -f "$out/litwareinc.com.zone"; mkdir "$out/litwareinc.com.zone"
before=$(snapshot "$out")
"$bin" generate "$tmp/big.json" -o "$out" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] || fail "directory in the way: exit $rc, expected 2"
grep -q 'litwareinc.com.zone' "$tmp/err" || fail "directory in the way: the message does not name the file"
[ "$(snapshot "$out")" = "$before" ] || fail "directory in the way: DIR changed"

# 4. the output directory is a regular file
: >"$tmp/file"
"$bin" generate "$example" -o "$tmp/file/sub" 2>/dev/null; rc=$?
[ $rc = 2 ] || fail "unusable DIR: exit $rc, expected 2"
echo "ok"
