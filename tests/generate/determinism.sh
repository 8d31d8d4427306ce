#!/usr/bin/env bash
# Reordering sip_domains, object keys, addresses and SAN lists, changing the
# case of names and adding trailing dots must not change one output byte.
. "$(dirname "$0")/lib.sh"
"$bin" generate "$example" >"$tmp/a" || fail "generate failed"
jq '
  def shuffle_keys: to_entries | reverse | from_entries;
  def loud: ascii_upcase + ".";
  .sip_domains |= (reverse | map(.domain |= loud | shuffle_keys))
  | .edge_pools |= (map_values(
        .addresses |= reverse
        | .access_edge |= loud
        | .certificate.san |= (reverse | map(loud))
        | .certificate.subject |= loud
        | shuffle_keys) | shuffle_keys)
  | shuffle_keys' "$example" >"$tmp/model.json"
grep -q 'CONTOSO.COM.' "$tmp/model.json" || fail "the rewritten model is not rewritten"
cp "$example" "$tmp/orig.json"
cmp -s "$tmp/model.json" "$tmp/orig.json" && fail "jq produced the same model"
(cd "$tmp" && "$bin" generate model.json >"$tmp/b") || fail "generate on the rewritten model failed"
# the header names no file: the bytes are the same under another file name
diff -u "$tmp/a" "$tmp/b" || fail "output depends on input order or case"
# and twice the same run gives the same bytes
"$bin" generate "$example" >"$tmp/c" && cmp -s "$tmp/a" "$tmp/c" || fail "two runs differ"
echo "ok"
