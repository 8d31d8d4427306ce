#!/usr/bin/env bash
# Run one data case of `sipzone check` (see tests/cases/check/README.md).
#
#   run_check_case.sh BIN CASEDIR
#
# In CASEDIR it runs `BIN check --format json ARGS` (ARGS = the one line of
# CASEDIR/args, split on blanks, paths relative to CASEDIR; CASEDIR/stdin, if
# present, is standard input, else /dev/null) and checks, with jq as an
# independent JSON parser:
#   - the exit code is CASEDIR/exit, and no crash (>= 128) or hang (timeout);
#   - stdout is one JSON document with the documented keys:
#     findings[].file,line,severity,rule,owner,type,message and
#     summary.errors,warnings,infos,files,records;
#   - summary.errors/warnings/infos equal the counts of the findings;
#   - the sorted `basename(file):line rule` lines equal CASEDIR/expected;
# then runs the text format (no --format) and checks the same exit code, that
# every finding line reads `FILE:LINE: SEVERITY: MESSAGE [RULE-ID]` (or
# `FILE: SEVERITY: ...` for a finding with JSON line 0), sorted by file and
# line, and that those lines name the same findings, with the same
# severities, as the JSON. After exit 2 ("could not run") the text run needs
# only the exit code and a message; a JSON document, if printed, is checked.
# Exit status: 0 pass, 1 fail.
VERB="check"
EXIT_MEANING="0 = no error, 1 = errors, 2 = could not run"
# shellcheck source=tests/case_lib.sh
. "$(dirname "$0")/case_lib.sh"
note "run: (cd $CASEDIR && sipzone check --format json ${ARGS[*]-}$([ "$STDIN" = /dev/null ] || echo ' <stdin'))"

# `file:line rule` from "file<TAB>line<TAB>rule[<TAB>severity]" lines:
# the file becomes its base name, and every name used for standard input "-".
normalise() {
  awk -F '\t' -v OFS='\t' '{
    f = $1
    sub(/.*\//, "", f)
    if (f == "-" || f == "<stdin>" || f == "(stdin)" || f == "stdin" || f == "standard input" || f == "<standard input>")
      f = "-"
    if (NF >= 4) print f ":" $2 " " $3, $4; else print f ":" $2 " " $3
  }'
}

# ---------------------------------------------------------------- JSON run
(cd "$CASEDIR" && exec timeout "$SZ_TIMEOUT" "$BIN" check --format json ${ARGS[@]+"${ARGS[@]}"}) \
  <"$STDIN" >"$tmp/json.out" 2>"$tmp/json.err"
rc=$?
note "json run: exit $rc"
check_rc "json run" "$rc"
if [ "$rc" -eq 2 ] && [ ! -s "$tmp/json.err" ]; then
  bad "json run: exit 2 (could not run) without a message on stderr"
fi

have_json=1
if [ ! -s "$tmp/json.out" ]; then
  if [ "$rc" -eq 2 ]; then
    have_json=0   # could not run: no document is acceptable
  else
    bad "json run: no output on stdout, expected one JSON document"
    have_json=0
  fi
fi

: >"$tmp/actual"
: >"$tmp/actual.sev"
if [ "$have_json" -eq 1 ]; then
  if ! jq -e . "$tmp/json.out" >/dev/null 2>"$tmp/jq.err"; then
    bad "json run: stdout is not valid JSON: $(head -c 300 "$tmp/jq.err")"
    note "--- stdout (first 40 lines) ---"; head -n 40 "$tmp/json.out" >&2
    have_json=0
  elif [ "$(jq -s length "$tmp/json.out")" != 1 ]; then
    bad "json run: stdout holds $(jq -s length "$tmp/json.out") JSON values, expected exactly one document"
    have_json=0
  fi
fi

if [ "$have_json" -eq 1 ]; then
  # Every problem with the document's shape, one per line; none = fine.
  jq -r '
    def isint: type == "number" and . >= 0 and . == floor;
    def sevok: . == "error" or . == "warning" or . == "info";
    if type != "object" then "top level is \(type), not an object"
    else
      ( if (.findings | type) != "array" then "findings: missing or not an array"
        else .findings | to_entries[] | .key as $i | .value |
          if type != "object" then "findings[\($i)] is \(type), not an object"
          else
            ( ("file","line","severity","rule","owner","type","message") as $k
              | select(has($k) | not) | "findings[\($i)] lacks the key \"\($k)\"" ),
            ( select(has("file") and (.file | type) != "string")
              | "findings[\($i)].file is not a string" ),
            ( select(has("line") and (.line | isint | not))
              | "findings[\($i)].line is not a non-negative integer: \(.line)" ),
            ( select(has("severity") and (.severity | sevok | not))
              | "findings[\($i)].severity is \(.severity | tojson), not error/warning/info" ),
            ( select(has("rule") and ((.rule | type) != "string" or (.rule | test("^[a-z0-9][a-z0-9-]*$") | not)))
              | "findings[\($i)].rule is not a rule id: \(.rule | tojson)" ),
            ( select(has("owner") and .owner != null and (.owner | type) != "string")
              | "findings[\($i)].owner is neither a string nor null" ),
            ( select(has("type") and .type != null and (.type | type) != "string")
              | "findings[\($i)].type is neither a string nor null" ),
            ( select(has("message") and ((.message | type) != "string" or .message == ""))
              | "findings[\($i)].message is not a non-empty string" )
          end
        end ),
      ( if (.summary | type) != "object" then "summary: missing or not an object"
        else
          ( ("errors","warnings","infos","files","records") as $k
            | if (.summary | has($k) | not) then "summary lacks the key \"\($k)\""
              elif (.summary[$k] | isint | not) then "summary.\($k) is not a non-negative integer"
              else empty end ),
          ( select((.findings | type) == "array") | . as $d
            | [["errors","error"],["warnings","warning"],["infos","info"]][]
            | . as [$k, $sev]
            | ([$d.findings[] | select(type == "object" and .severity == $sev)] | length) as $n
            | select(($d.summary[$k] | isint) and $d.summary[$k] != $n)
            | "summary.\($k) is \($d.summary[$k]), but \($n) finding(s) have severity \"\($sev)\"" )
        end )
    end
  ' "$tmp/json.out" >"$tmp/shape" 2>"$tmp/jq.err" || bad "json run: jq failed on the document: $(head -c 300 "$tmp/jq.err")"
  if [ -s "$tmp/shape" ]; then
    while IFS= read -r line; do bad "json run: $line"; done <"$tmp/shape"
  fi
  jq -r '.findings[]? | select(type == "object")
         | [(.file | tostring), (.line | tostring), (.rule | tostring), (.severity | tostring)] | @tsv' \
    "$tmp/json.out" 2>/dev/null | normalise | LC_ALL=C sort >"$tmp/actual.sev"
  cut -f 1 "$tmp/actual.sev" >"$tmp/actual"
fi

# Compare with `expected`. A `*` as FILE or LINE matches any (used only where
# the spec gives a finding no record to point at); every other line must
# match exactly, and every finding must be matched by exactly one line.
grep -v -e '^[[:space:]]*$' -e '^#' "$CASEDIR/expected" | tr -d '\r' | sed 's/[[:space:]]*$//' \
  | LC_ALL=C sort >"$tmp/expected"
awk '
  FILENAME == ARGV[1] { want[++ne] = $0; next }
  { act[++na] = $0; used[na] = 0 }
  function loc_match(p, a,    pf, pl, af, al, pr, ar, sp, sa) {
    split(p, sp, " "); split(a, sa, " ")
    if (sp[2] != sa[2]) return 0
    pf = sp[1]; af = sa[1]
    pl = pf; sub(/.*:/, "", pl); sub(/:[^:]*$/, "", pf)
    al = af; sub(/.*:/, "", al); sub(/:[^:]*$/, "", af)
    return (pf == "*" || pf == af) && (pl == "*" || pl == al)
  }
  END {
    bad = 0
    for (pass = 1; pass <= 2; pass++)
      for (i = 1; i <= ne; i++) {
        wild = (want[i] ~ /^[^ ]*\*/)
        if ((pass == 1 && wild) || (pass == 2 && !wild)) continue
        hit = 0
        for (j = 1; j <= na; j++)
          if (!used[j] && (wild ? loc_match(want[i], act[j]) : want[i] == act[j])) { used[j] = 1; hit = 1; break }
        if (!hit) { print "  missing:    " want[i]; bad = 1 }
      }
    for (j = 1; j <= na; j++) if (!used[j]) { print "  unexpected: " act[j]; bad = 1 }
    exit bad
  }
' "$tmp/expected" "$tmp/actual" >"$tmp/cmp"
if [ $? -ne 0 ]; then
  bad "findings differ from $case_name/expected (FILE:LINE RULE-ID):"
  cat "$tmp/cmp" >&2
  note "--- diff -u expected actual ---"
  diff -u --label expected --label actual "$tmp/expected" "$tmp/actual" >&2
  if [ -s "$tmp/json.out" ]; then
    note "--- findings (JSON) ---"
    jq -r '.findings[]? | "\(.file):\(.line): \(.severity): \(.message) [\(.rule)] owner=\(.owner) type=\(.type)"' \
      "$tmp/json.out" >&2 2>/dev/null || head -n 40 "$tmp/json.out" >&2
  fi
fi
if [ -s "$tmp/json.err" ]; then
  note "--- stderr of the json run ---"; head -n 20 "$tmp/json.err" >&2
fi

# ---------------------------------------------------------------- text run
(cd "$CASEDIR" && exec timeout "$SZ_TIMEOUT" "$BIN" check ${ARGS[@]+"${ARGS[@]}"}) \
  <"$STDIN" >"$tmp/text.out" 2>&1
trc=$?
note "text run: exit $trc"
check_rc "text run" "$trc"
[ "$trc" -eq "$rc" ] || bad "text run: exit code $trc differs from the json run's $rc"

# Exit 2: the program could not run, and what it printed is the reason, not
# findings (those are in the JSON, if it printed one); in the text run only
# the exit code and a message count.
text_findings=1
if [ "$rc" -eq 2 ]; then
  text_findings=0
  [ -s "$tmp/text.out" ] || bad "text run: exit 2 (could not run) without a message"
fi

# Each finding line must have the documented form. A finding that points at
# no record (a record the model implies is missing: JSON line 0) may leave the
# line out, `FILE: SEVERITY: ...`; it is compared as line 0 below.
finding_re='^([^:]+):([0-9]+): (error|warning|info): (.+) \[([a-z0-9][a-z0-9-]*)\]$'
noline_re='^([^:]+): (error|warning|info): (.+) \[([a-z0-9][a-z0-9-]*)\]$'
: >"$tmp/text.findings"
while [ "$text_findings" -eq 1 ] && { IFS= read -r line || [ -n "$line" ]; }; do
  line=${line%$'\r'}
  case $line in
    *\]) ;;
    *) continue ;;
  esac
  # A finding ends in [rule-id] and names a severity; usage text and the
  # summary line do not both.
  [[ $line =~ \[[a-z0-9][a-z0-9-]*\]$ ]] || continue
  [[ $line =~ (error|warning|info): ]] || continue
  if [[ $line =~ $finding_re ]]; then
    printf '%s\t%s\t%s\t%s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[5]}" \
      "${BASH_REMATCH[3]}" >>"$tmp/text.findings"
  elif [[ $line =~ $noline_re ]]; then
    printf '%s\t0\t%s\t%s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[4]}" "${BASH_REMATCH[2]}" >>"$tmp/text.findings"
  else
    bad "text run: finding line not of the form FILE:LINE: SEVERITY: MESSAGE [RULE-ID]: $line"
  fi
done <"$tmp/text.out"

# Sorted by file, then line: each file's findings together, lines not decreasing.
awk -F '\t' '
  $1 != cur { if ($1 in seen) { print "findings of " $1 " are not together (output not sorted by file)"; exit }
              seen[$1] = 1; cur = $1; last = -1 }
  { if ($2 + 0 < last) { print "line " $2 " of " $1 " comes after line " last " (output not sorted by line)"; exit }
    last = $2 + 0 }
' "$tmp/text.findings" >"$tmp/order"
[ -s "$tmp/order" ] && bad "text run: $(cat "$tmp/order")"

normalise <"$tmp/text.findings" | LC_ALL=C sort >"$tmp/text.sev"
if [ "$text_findings" -eq 1 ]; then
  if ! cmp -s "$tmp/actual.sev" "$tmp/text.sev"; then
    bad "text run: its findings (FILE:LINE RULE-ID, severity) differ from the JSON run's:"
    diff -u --label json --label text "$tmp/actual.sev" "$tmp/text.sev" >&2
  fi
fi
if [ "$fail" -ne 0 ]; then
  note "--- text output (first 60 lines) ---"; head -n 60 "$tmp/text.out" >&2
  note "FAIL: check/$case_name"
  exit 1
fi
note "PASS: check/$case_name ($(wc -l <"$tmp/actual" | tr -d ' ') finding(s), exit $rc)"
exit 0
