#!/usr/bin/env bash
# Corpus test (a): every file of ../shared/corpus/MANIFEST.tsv through
# `sipzone check --origin <zone_origin> <file>`, run in the file's folder.
#   - never a crash (exit >= 128), a hang (timeout) or exit 2, always a JSON document;
#   - syntax verdict: where named_checkzone_rc and ldns_read_zone_rc agree,
#     rc 1 means a `syntax` finding must be reported and rc 0 means none may be;
#     syntax-exceptions.tsv (beside this script) overrides or decides rows, each
#     with its reason, and the test prints every exception it applies.
# A missing $INCLUDE file is a `syntax` finding at the $INCLUDE line (exit 1),
# not exit 2: the file on the command line was readable.
#   corpus_syntax.sh BIN CORPUS_DIR       exit 0 pass, 1 fail, 77 skip
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/corpus_lib.sh"
[ $# -eq 2 ] || { echo "usage: corpus_syntax.sh BIN CORPUS_DIR"; exit 1; }
corpus_prepare "$1" "$2"
EXC=$here/syntax-exceptions.tsv

fail=0 rows=0 asserted=0
bad() { echo "FAIL: $*"; fail=1; }

# Every exception must name a manifest row and say yes/no with a reason.
while IFS=$'\037' read -r lp verdict reason; do
  case $lp in ''|'#'*|local_path) continue ;; esac
  grep -q -F -x -- "$lp" <(cut -f 1 "$CORPUS/MANIFEST.tsv") || bad "syntax-exceptions.tsv: '$lp' is not in MANIFEST.tsv (stale exception)"
  case $verdict in yes|no) ;; *) bad "syntax-exceptions.tsv: '$lp': verdict must be yes or no, not '$verdict'" ;; esac
  [ -n "$reason" ] || bad "syntax-exceptions.tsv: '$lp' has no reason"
done < <(tsv "$EXC")

while IFS=$'\037' read -r lp _repo _path _commit _lic origin expectation _note nrc lrc; do
  [ "$lp" = local_path ] && continue
  [ -n "$lp" ] || continue
  rows=$((rows + 1))
  if [ ! -f "$CORPUS/$lp" ]; then bad "$lp: listed in MANIFEST.tsv but missing"; continue; fi
  corpus_run "$lp" "$origin"
  problem=$(corpus_rc_problem)
  if [ -n "$problem" ]; then bad "$lp (origin $origin): $problem"; continue; fi
  lines=$(jq -r '[.findings[] | select(.rule == "syntax") | .line | tostring] | join(",")' "$RUN_OUT")
  has=no; [ -n "$lines" ] && has=yes

  want='' why=''
  exc=$(awk -F '\t' -v p="$lp" '$1 == p { print $2 "\t" $3; exit }' "$EXC")
  if [ -n "$exc" ]; then
    want=${exc%%$'\t'*}
    why="exception: ${exc#*$'\t'}"
    echo "exception applied: $lp: syntax finding expected: $want (${exc#*$'\t'})"
  elif [ "$nrc" = "$lrc" ]; then
    case $nrc in
      0) want=no why="named-checkzone and ldns-read-zone both load it (rc 0)" ;;
      1) want=yes why="named-checkzone and ldns-read-zone both reject it (rc 1)" ;;
    esac
  fi
  if [ -z "$want" ]; then
    echo "no verdict: $lp (named-checkzone rc $nrc, ldns-read-zone rc $lrc; manifest: $expectation): syntax finding: $has${lines:+ (lines $lines)}, exit $RUN_RC"
    continue
  fi
  asserted=$((asserted + 1))
  if [ "$has" != "$want" ]; then
    if [ "$want" = yes ]; then
      bad "$lp (origin $origin): no syntax finding, expected one: $why (manifest: $expectation)"
    else
      bad "$lp (origin $origin): syntax finding(s) at line(s) $lines, expected none: $why"
      jq -r '.findings[] | select(.rule == "syntax") | "    \(.file):\(.line): \(.message)"' "$RUN_OUT" | head -5
    fi
  else
    echo "ok: $lp: syntax finding $has${lines:+ (lines $lines)}, exit $RUN_RC"
  fi
done < <(tsv "$CORPUS/MANIFEST.tsv")

echo "corpus syntax: $rows files run, $asserted syntax verdicts asserted"
[ "$rows" -gt 0 ] || bad "MANIFEST.tsv has no rows"
[ "$fail" -eq 0 ] && echo "PASS" || echo "FAIL"
exit "$fail"
