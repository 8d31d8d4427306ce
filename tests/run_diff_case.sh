#!/usr/bin/env bash
# Run one data case of `sipzone diff` (see tests/cases/diff/README.md).
#
#   run_diff_case.sh BIN CASEDIR
#
# In CASEDIR it runs `BIN diff ARGS` (ARGS = the one line of CASEDIR/args,
# split on blanks, paths relative to CASEDIR; CASEDIR/stdin, if present, is
# standard input, else /dev/null) and checks:
#   - the exit code is CASEDIR/exit, and no crash (>= 128) or hang (timeout);
#   - exit 0 or 1: stdout is exactly CASEDIR/expected, stderr is empty;
#   - exit 2: stdout is empty, stderr is not, and its diagnostics
#     (`FILE:LINE: error: MESSAGE [RULE]`) as sorted `basename(FILE):LINE RULE`
#     lines equal CASEDIR/expected;
# then runs `BIN diff --format json ARGS` and checks the same exit code and,
# with jq as an independent JSON parser, that stdout is one document of the
# documented shape whose counts add up, and that jq, rendering the document
# in the text format, gives CASEDIR/expected again: the JSON says what the
# text says. With CASEDIR/crosscheck ("OLD NEW", two zone files), the
# records added and removed are also compared with what ldns-read-zone -z
# makes of the two files (a TTL change counting as a removal and an addition).
# Exit status: 0 pass, 1 fail.
VERB="diff"
EXIT_MEANING="0 = equal, 1 = different, 2 = could not compare"
# shellcheck source=tests/case_lib.sh
. "$(dirname "$0")/case_lib.sh"
note "run: (cd $CASEDIR && sipzone diff ${ARGS[*]}$([ "$STDIN" = /dev/null ] || echo ' <stdin'))"

run() { # label out err [extra args...]
  local label=$1 out=$2 err=$3
  shift 3
  (cd "$CASEDIR" && exec timeout "$SZ_TIMEOUT" "$BIN" diff "$@" "${ARGS[@]}") \
    <"$STDIN" >"$out" 2>"$err"
  local rc=$?
  note "$label: exit $rc"
  check_rc "$label" "$rc"
  return 0
}

# `basename(FILE):LINE RULE` of each diagnostic line ending in [rule];
# a diagnostic without a file is "-:0", without a line "FILE:0".
diag_keys() {
  sed -n 's/^\(.*\) \[\([a-z0-9-]*\)\]$/\1\t\2/p' "$1" | awk -F '\t' '{
    loc = $1; rule = $2
    if (loc ~ /^error: /) { print "-:0 " rule; next }
    n = split(loc, p, ": error: ")
    split(p[1], q, ":")
    f = q[1]; sub(/.*\//, "", f)
    line = (q[2] ~ /^[0-9]+$/) ? q[2] : 0
    print f ":" line " " rule
  }' | LC_ALL=C sort
}

expected_lines() {
  grep -v -e '^[[:space:]]*$' -e '^#' "$CASEDIR/expected" | tr -d '\r' | sed 's/[[:space:]]*$//' | LC_ALL=C sort
}

# ---------------------------------------------------------------- text run
run "text run" "$tmp/text.out" "$tmp/text.err"
if [ "$want_exit" -eq 2 ]; then
  [ -s "$tmp/text.out" ] && bad "text run: exit 2 but something on stdout: $(head -c 200 "$tmp/text.out")"
  [ -s "$tmp/text.err" ] || bad "text run: exit 2 (could not compare) without a message on stderr"
  diag_keys "$tmp/text.err" >"$tmp/actual.keys"
  expected_lines >"$tmp/expected.keys"
  if ! cmp -s "$tmp/expected.keys" "$tmp/actual.keys"; then
    bad "text run: diagnostics differ from $case_name/expected (FILE:LINE RULE):"
    diff -u --label expected --label actual "$tmp/expected.keys" "$tmp/actual.keys" >&2
  fi
  bad_form=$(grep -v -E '^(([^:]+)(:[0-9]+)?: )?error: .+ \[[a-z0-9-]+\]$|^sipzone diff: ' "$tmp/text.err")
  [ -n "$bad_form" ] && bad "text run: stderr lines neither 'FILE:LINE: error: MESSAGE [RULE]' nor 'sipzone diff: ...': $bad_form"
else
  [ -s "$tmp/text.err" ] && bad "text run: unexpected stderr: $(head -c 300 "$tmp/text.err")"
  if ! cmp -s "$CASEDIR/expected" "$tmp/text.out"; then
    bad "text run: stdout differs from $case_name/expected:"
    diff -u --label expected --label actual "$CASEDIR/expected" "$tmp/text.out" >&2
  fi
fi

# ---------------------------------------------------------------- JSON run
run "json run" "$tmp/json.out" "$tmp/json.err" --format json
if [ "$want_exit" -eq 2 ]; then
  [ -s "$tmp/json.out" ] && bad "json run: exit 2 but something on stdout: $(head -c 200 "$tmp/json.out")"
  [ -s "$tmp/json.err" ] || bad "json run: exit 2 (could not compare) without a message on stderr"
elif ! jq -e . "$tmp/json.out" >/dev/null 2>"$tmp/jq.err"; then
  bad "json run: stdout is not valid JSON: $(head -c 300 "$tmp/jq.err")"
elif [ "$(jq -s length "$tmp/json.out")" != 1 ]; then
  bad "json run: stdout holds $(jq -s length "$tmp/json.out") JSON values, expected one document"
else
  [ -s "$tmp/json.err" ] && bad "json run: unexpected stderr: $(head -c 300 "$tmp/json.err")"
  # Every problem with the document's shape, one per line; none = fine.
  jq -r '
    def count: type == "number" and . >= 0 and . == floor;
    def ttl: count and . <= 4294967295;
    def str: type == "string";
    def change($w):
      ( ("kind","name","ttl","old_ttl","class","type","rdata") as $k
        | select(has($k) | not) | "\($w) lacks \"\($k)\"" ),
      ( select((.kind | IN("added","removed","ttl-changed")) | not) | "\($w).kind is \(.kind | tojson)" ),
      ( select((.name | str and endswith(".")) | not) | "\($w).name is not an absolute name" ),
      ( select((.ttl | ttl) | not) | "\($w).ttl is not a TTL" ),
      ( select(.kind == "ttl-changed" and ((.old_ttl | ttl) | not)) | "\($w).old_ttl is not a TTL" ),
      ( select(.kind == "ttl-changed" and .old_ttl == .ttl) | "\($w) changes the TTL to itself" ),
      ( select(.kind != "ttl-changed" and .old_ttl != null) | "\($w).old_ttl is not null" ),
      ( ("class","type","rdata") as $k | select((.[$k] | str) | not) | "\($w).\($k) is not a string" );
    def tally($k): [.changes[] | select(.kind == $k)] | length;
    def file($i):
      ( select(.old == null and .new == null) | "files[\($i)] has neither old nor new" ),
      ( ("old","new") as $k | select(.[$k] != null and (.[$k] | str | not)) | "files[\($i)].\($k) is not a string or null" ),
      ( if (.changes | type) != "array" or (.changes | length) == 0 then "files[\($i)].changes is not a non-empty array"
        else
          ( .changes | to_entries[] | .key as $j | .value | change("files[\($i)].changes[\($j)]") ),
          ( [["added","added"],["removed","removed"],["ttl_changed","ttl-changed"]][] as [$s, $k]
            | select(.summary[$s] != tally($k)) | "files[\($i)].summary.\($s) is \(.summary[$s]), not \(tally($k))" ),
          ( select(.old == null and ([.changes[] | select(.kind != "added")] | length) > 0)
            | "files[\($i)] has no old side but changes other than added" ),
          ( select(.new == null and ([.changes[] | select(.kind != "removed")] | length) > 0)
            | "files[\($i)] has no new side but changes other than removed" )
        end );
    if type != "object" then "top level is \(type)"
    elif (.files | type) != "array" then "files is not an array"
    elif (.summary | type) != "object" then "summary is not an object"
    else
      ( .files | to_entries[] | .key as $i | .value | file($i) ),
      ( ("added","removed","ttl_changed","files_changed","files_compared") as $k
        | select((.summary[$k] | count) | not) | "summary.\($k) is not a count" ),
      ( . as $d | ("added","removed","ttl_changed") as $k
        | ([$d.files[].summary[$k]] | add // 0) as $n
        | select($d.summary[$k] != $n) | "summary.\($k) is \($d.summary[$k]), the files add up to \($n)" ),
      ( select(.summary.files_changed != (.files | length)) | "summary.files_changed is not the number of files listed" ),
      ( select(.summary.files_compared < .summary.files_changed) | "more files changed than compared" )
    end
  ' "$tmp/json.out" >"$tmp/shape" 2>"$tmp/jq.err" || bad "json run: jq failed on the document: $(head -c 300 "$tmp/jq.err")"
  while IFS= read -r line; do bad "json run: $line"; done <"$tmp/shape"
  [ "$want_exit" -eq 0 ] && [ "$(jq '.summary.files_changed' "$tmp/json.out")" != 0 ] \
    && bad "json run: exit 0 but summary.files_changed is not 0"
  [ "$want_exit" -eq 1 ] && [ "$(jq '.summary.files_changed' "$tmp/json.out")" = 0 ] \
    && bad "json run: exit 1 but summary.files_changed is 0"

  # The document in the text format, rendered by jq: must be `expected`.
  jq -r '
    def plural($n): if $n == 1 then "" else "s" end;
    def rd: if .rdata == "" then "" else " " + .rdata end;
    def line:
      if .kind == "ttl-changed" then "~ \(.name) \(.class) \(.type)\(rd)  TTL \(.old_ttl) -> \(.ttl)"
      elif .kind == "added" then "+ \(.name) \(.ttl) \(.class) \(.type)\(rd)"
      else "- \(.name) \(.ttl) \(.class) \(.type)\(rd)" end;
    def block:
      .changes as $c
      | ["--- \(.old // "/dev/null")", "+++ \(.new // "/dev/null")"]
        + [range(0; $c | length) as $i
           | (if $i > 0 and $c[$i - 1].name != $c[$i].name then "" else empty end), ($c[$i] | line)]
      | join("\n");
    .summary as $s
    | (if $s.files_changed == 0 then "no differences in \($s.files_compared) file\(plural($s.files_compared))"
       else "\($s.added) added, \($s.removed) removed, \($s.ttl_changed) TTL changed in \($s.files_changed) file\(plural($s.files_changed))"
       end) as $summary
    | ([.files[] | block] | join("\n\n")) as $body
    | if $body == "" then $summary else $body + "\n\n" + $summary end
  ' "$tmp/json.out" >"$tmp/json.text" 2>"$tmp/jq.err" || bad "json run: jq could not render the document: $(head -c 300 "$tmp/jq.err")"
  if ! cmp -s "$CASEDIR/expected" "$tmp/json.text"; then
    bad "json run: the document, rendered as text by jq, differs from $case_name/expected:"
    diff -u --label expected --label json-as-text "$CASEDIR/expected" "$tmp/json.text" >&2
  fi
fi

# ---------------------------------------------------------------- ldns cross-check
if [ -f "$CASEDIR/crosscheck" ] && [ "$want_exit" -ne 2 ] && [ -s "$tmp/json.out" ]; then
  command -v ldns-read-zone >/dev/null 2>&1 || die "ldns-read-zone is not installed (apt-get install ldnsutils)"
  read -r cx_old cx_new <"$CASEDIR/crosscheck"
  for side in old new; do
    f=$cx_old; [ $side = new ] && f=$cx_new
    (cd "$CASEDIR" && ldns-read-zone -z "$f") 2>"$tmp/ldns.err" | tr '\t' ' ' | LC_ALL=C sort -u >"$tmp/ldns.$side" \
      || bad "crosscheck: ldns-read-zone cannot read $f: $(cat "$tmp/ldns.err")"
  done
  {
    LC_ALL=C comm -23 "$tmp/ldns.old" "$tmp/ldns.new" | sed 's/^/- /'
    LC_ALL=C comm -13 "$tmp/ldns.old" "$tmp/ldns.new" | sed 's/^/+ /'
  } | LC_ALL=C sort >"$tmp/ldns.diff"
  jq -r '.files[].changes[]
    | (if .rdata == "" then "" else " " + .rdata end) as $rd
    | if .kind == "ttl-changed" then "- \(.name) \(.old_ttl) \(.class) \(.type)\($rd)", "+ \(.name) \(.ttl) \(.class) \(.type)\($rd)"
      elif .kind == "added" then "+ \(.name) \(.ttl) \(.class) \(.type)\($rd)"
      else "- \(.name) \(.ttl) \(.class) \(.type)\($rd)" end' "$tmp/json.out" | LC_ALL=C sort >"$tmp/ours.diff"
  if ! cmp -s "$tmp/ldns.diff" "$tmp/ours.diff"; then
    bad "crosscheck: the records added and removed differ from ldns-read-zone -z's view:"
    diff -u --label ldns-read-zone --label sipzone "$tmp/ldns.diff" "$tmp/ours.diff" >&2
  else
    note "crosscheck: $(wc -l <"$tmp/ours.diff" | tr -d ' ') line(s) agree with ldns-read-zone -z"
  fi
fi

if [ "$fail" -ne 0 ]; then
  note "--- stdout of the text run ---"; head -n 60 "$tmp/text.out" >&2
  note "--- stderr of the text run ---"; head -n 20 "$tmp/text.err" >&2
  note "FAIL: diff/$case_name"
  exit 1
fi
note "PASS: diff/$case_name (exit $want_exit)"
exit 0
