#!/usr/bin/env bash
# Without -o: every snippet on standard output in canonical zone order, the
# same bytes as the files, separated by blank lines; usage errors exit 2.
. "$(dirname "$0")/lib.sh"
"$bin" generate "$example" -o "$tmp/out" -q || fail "generate -o failed"
"$bin" generate "$example" >"$tmp/stdout" || fail "generate failed"
{ cat "$tmp/out/contoso.com.zone"; echo; cat "$tmp/out/fabrikam.com.zone"; echo; cat "$tmp/out/litwareinc.com.zone"; echo; cat "$tmp/out/tailspintoys.com.zone"; } >"$tmp/want"
diff -u "$tmp/want" "$tmp/stdout" || fail "stdout differs from the files"
"$bin" generate - <"$example" >"$tmp/stdin" || fail "reading the model from stdin failed"
cmp -s "$tmp/stdin" "$tmp/stdout" || fail "a model read from stdin gives other bytes (the header must name no file)"
"$bin" generate "$example" >/dev/full 2>"$tmp/err"; rc=$?
[ $rc = 2 ] || fail "writing to /dev/full: exit $rc, expected 2"
"$bin" generate 2>/dev/null; [ $? = 2 ] || fail "no model: exit is not 2"
"$bin" generate "$example" --check 2>/dev/null; [ $? = 2 ] || fail "--check without -o: exit is not 2"
"$bin" generate "$tmp/nonexistent.json" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] || fail "unreadable model: exit $rc, expected 2"
grep -q "nonexistent.json" "$tmp/err" || fail "unreadable model: file not named"
"$bin" generate --bogus "$example" 2>/dev/null; [ $? = 2 ] || fail "unknown option: exit is not 2"
echo "ok"
