#!/usr/bin/env bash
# --check reports create/change/remove and writes nothing; --prune removes
# only sipzone's own files; a second run changes nothing (not even mtimes).
. "$(dirname "$0")/lib.sh"
out=$tmp/out
"$bin" generate "$example" -o "$out" --check >"$tmp/log"; rc=$?
[ $rc = 1 ] || fail "--check on a missing DIR: exit $rc, expected 1"
[ ! -e "$out" ] || fail "--check created DIR"
grep -qx "would create $out/contoso.com.zone" "$tmp/log" || fail "--check does not list the creation"

"$bin" generate "$example" -o "$out" -q || fail "generate failed"
before=$(snapshot "$out")
"$bin" generate "$example" -o "$out" -q || fail "second generate failed"
[ "$(snapshot "$out")" = "$before" ] || fail "a second run touched files"
"$bin" generate "$example" -o "$out" --check >"$tmp/log"; rc=$?
[ $rc = 0 ] || { cat "$tmp/log"; fail "--check on an up-to-date DIR: exit $rc"; }

# change one file, add a stale sipzone file and a foreign file
sed -i 's/203.0.113.11/203.0.113.99/' "$out/fabrikam.com.zone"
sed 's/fabrikam/northwind/g' "$out/fabrikam.com.zone" >"$out/northwind.com.zone"
echo "; my own zone" >"$out/manual.zone"
before=$(snapshot "$out")
"$bin" generate "$example" -o "$out" --check >"$tmp/log"; rc=$?
[ $rc = 1 ] || fail "--check with differences: exit $rc"
grep -qx "would change $out/fabrikam.com.zone" "$tmp/log" || fail "change not listed"
# without --prune a stale file stays: a note, not a change
grep -qx "note: $out/northwind.com.zone is stale: the model no longer produces it (--prune removes it)" "$tmp/log" || { cat "$tmp/log"; fail "the stale file is not a note"; }
grep -q "would remove" "$tmp/log" && fail "--check without --prune says it would remove"
grep -qx "0 to create, 1 to change, 0 to remove, 3 unchanged, 1 stale (use --prune)" "$tmp/log" || fail "summary line"
grep -q "manual.zone" "$tmp/log" && fail "a file without sipzone's header is listed"
# the records, not only the files: the semantic diff of sipzone diff
grep -qx -- "- sip.fabrikam.com. 3600 IN A 203.0.113.99" "$tmp/log" || { cat "$tmp/log"; fail "the removed record is not shown"; }
grep -qx -- "+ sip.fabrikam.com. 3600 IN A 203.0.113.11" "$tmp/log" || fail "the added record is not shown"
grep -q "northwind.com. " "$tmp/log" && fail "the records of a stale file are shown without --prune"
grep -q "added.*removed" "$tmp/log" || fail "no diff summary"
# --check --prune: the removal is part of the answer
"$bin" generate "$example" -o "$out" --check --prune >"$tmp/log"; rc=$?
[ $rc = 1 ] || fail "--check --prune with differences: exit $rc"
grep -qx "would remove $out/northwind.com.zone" "$tmp/log" || fail "removal not listed with --prune"
grep -qx -- "- sip.northwind.com. 3600 IN A 203.0.113.99" "$tmp/log" || fail "the records of a removed file are not shown"
grep -qx "0 to create, 1 to change, 1 to remove, 3 unchanged" "$tmp/log" || fail "summary line with --prune"
# -q: nothing at all, the exit code answers
"$bin" generate "$example" -o "$out" --check -q >"$tmp/log" 2>&1; rc=$?
[ $rc = 1 ] || fail "--check -q: exit $rc"
[ -s "$tmp/log" ] && fail "--check -q printed something"
[ "$(snapshot "$out")" = "$before" ] || fail "--check wrote something"

"$bin" generate "$example" -o "$out" -q || fail "generate failed"
[ -e "$out/northwind.com.zone" ] || fail "without --prune a stale file was removed"
grep -q 203.0.113.11 "$out/fabrikam.com.zone" || fail "the changed file was not restored"
# only a stale file left: --check agrees with generate, which changes nothing
"$bin" generate "$example" -o "$out" --check >"$tmp/log"; rc=$?
[ $rc = 0 ] || { cat "$tmp/log"; fail "--check with only a stale file: exit $rc, expected 0"; }
grep -q "is stale" "$tmp/log" || fail "the stale file is not noted"
"$bin" generate "$example" -o "$out" --check -q >"$tmp/log" 2>&1 || fail "--check -q with only a stale file: not 0"
[ -s "$tmp/log" ] && fail "--check -q printed something"
"$bin" generate "$example" -o "$out" --check --prune >/dev/null; rc=$?
[ $rc = 1 ] || fail "--check --prune with a stale file: exit $rc, expected 1"
"$bin" generate "$example" -o "$out" --prune -q || fail "--prune failed"
[ ! -e "$out/northwind.com.zone" ] || fail "--prune left the stale file"
[ -e "$out/manual.zone" ] || fail "--prune removed a file that is not sipzone's"
"$bin" generate "$example" -o "$out" --check >/dev/null || fail "not up to date after --prune"
ls -A "$out" | grep -q '\.tmp$' && fail "temporary files left behind"
echo "ok"
