#!/usr/bin/env bash
# Corpus test (b): each row of ../shared/corpus/SRV_TARGETS.tsv (one SRV
# record, labelled by hand) against the findings of
# `sipzone check --origin <zone_origin> <file>` (run in the file's folder).
# Findings are matched to a row by owner: the JSON `owner`, compared
# case-insensitively and with or without the trailing dot.
#
# Label -> assertion (+rule: a finding of that rule for the owner; a|b: either;
# -rule: no such finding for the owner):
#   inside                        -srv-target-outside-namespace -srv-target-hosted
#   outside, service subject to the namespace rule (spec: _sipfederationtls._tcp,
#     _sip._tls, _sipinternaltls._tcp, _sipinternal._tcp, _sip._tcp, _sip._udp,
#     _sips._tcp, _xmpp-server._tcp, _xmpp-client._tcp)
#                                 +srv-target-outside-namespace
#   outside, any other service (_kerberos, _ldap, _wire-server-federator ...)
#                                 -srv-target-outside-namespace -srv-target-hosted
#   outside-allowlisted-m365      +srv-target-hosted -srv-target-outside-namespace
#   null-target                   +srv-null-target
#   owner-not-_svc._proto         +srv-owner-form
# flags:
#   target-is-CNAME-in-file       +srv-target-cname
#   in-zone-target-without-A/AAAA +srv-target-no-address
#   origin-appended-twice(missing-trailing-dot)  +doubled-origin|missing-trailing-dot
# srv-exceptions.tsv (beside this script) replaces the assertions of a row
# (matched by local_path, srv_owner, target) with its own, for a stated reason;
# `@name` there also replaces the owner the findings are matched by. Each
# applied exception is printed.
#   corpus_srv_targets.sh BIN CORPUS_DIR   exit 0 pass, 1 fail, 77 skip
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/corpus_lib.sh"
[ $# -eq 2 ] || { echo "usage: corpus_srv_targets.sh BIN CORPUS_DIR"; exit 1; }
corpus_prepare "$1" "$2"
EXC=$here/srv-exceptions.tsv
TSV=$CORPUS/SRV_TARGETS.tsv
[ -f "$TSV" ] || { echo "FAIL: $TSV is missing"; exit 1; }

fail=0 rows=0 checks=0
bad() { echo "FAIL: $*"; fail=1; }
lc() { printf '%s' "$1" | tr 'A-Z' 'a-z'; }
nodot() { local n; n=$(lc "$1"); [ "$n" = . ] || n=${n%.}; printf '%s' "$n"; }

# Is the owner's _service._proto pair one the namespace rule applies to?
subject() { # owner
  local o svc proto
  o=$(lc "$1")
  svc=${o%%.*}; o=${o#*.}; proto=${o%%.*}
  case "$svc.$proto" in
    _sipfederationtls._tcp|_sip._tls|_sipinternaltls._tcp|_sipinternal._tcp) return 0 ;;
    _sip._tcp|_sip._udp|_sips._tcp|_xmpp-server._tcp|_xmpp-client._tcp) return 0 ;;
  esac
  return 1
}

# Every exception must name an existing row.
while IFS=$'\037' read -r lp owner target assert reason; do
  case $lp in ''|'#'*|local_path) continue ;; esac
  awk -F '\t' -v p="$lp" -v o="$owner" -v t="$target" '$1 == p && $2 == o && $5 == t { f = 1 } END { exit !f }' "$TSV" ||
    bad "srv-exceptions.tsv: no SRV_TARGETS.tsv row '$lp' '$owner' -> '$target' (stale exception)"
  [ -n "$assert" ] && [ -n "$reason" ] || bad "srv-exceptions.tsv: '$lp' '$owner': needs an assertion and a reason"
done < <(tsv "$EXC")

while IFS=$'\037' read -r lp owner D pwp target class flags parsed; do
  [ "$lp" = local_path ] && continue
  [ -n "$lp" ] || continue
  rows=$((rows + 1))
  origin=$(corpus_origin "$lp")
  [ -n "$origin" ] || { bad "row $rows: $lp is not in MANIFEST.tsv"; continue; }
  corpus_run "$lp" "$origin"
  problem=$(corpus_rc_problem)
  if [ -n "$problem" ]; then bad "row $rows: $lp (origin $origin): $problem"; continue; fi

  # The assertions from the label and the flags.
  asserts=()
  case $class in
    inside) asserts+=(-srv-target-outside-namespace -srv-target-hosted) ;;
    outside)
      if subject "$owner"; then asserts+=(+srv-target-outside-namespace)
      else asserts+=(-srv-target-outside-namespace -srv-target-hosted); fi ;;
    outside-allowlisted-m365) asserts+=(+srv-target-hosted -srv-target-outside-namespace) ;;
    null-target) asserts+=(+srv-null-target) ;;
    owner-not-_svc._proto) asserts+=(+srv-owner-form) ;;
    *) bad "row $rows: $lp $owner: unknown namespace_class '$class'"; continue ;;
  esac
  IFS=',' read -r -a fl <<<"$flags"
  for f in ${fl[@]+"${fl[@]}"}; do
    case $f in
      '') ;;
      target-is-CNAME-in-file) asserts+=(+srv-target-cname) ;;
      in-zone-target-without-A/AAAA) asserts+=(+srv-target-no-address) ;;
      origin-appended-twice*) asserts+=(+doubled-origin\|missing-trailing-dot) ;;
      *) bad "row $rows: $lp $owner: unknown flag '$f'" ;;
    esac
  done

  match_owner=$owner
  exc=$(awk -F '\t' -v p="$lp" -v o="$owner" -v t="$target" '$1 == p && $2 == o && $3 == t { print $4 "\t" $5; exit }' "$EXC")
  if [ -n "$exc" ]; then
    echo "exception applied: row $rows: $lp $owner -> $target [$class${flags:+ $flags}]: asserting '${exc%%$'\t'*}' instead of '${asserts[*]}': ${exc#*$'\t'}"
    read -r -a asserts <<<"${exc%%$'\t'*}"
    for a in "${asserts[@]}"; do
      case $a in @*) match_owner=${a#@} ;; esac
    done
  fi

  # Rules reported for that owner.
  want=$(nodot "$match_owner")
  got=$(jq -r '.findings[] | select(.owner != null) | "\(.owner)\t\(.rule)"' "$RUN_OUT" |
        awk -F '\t' -v w="$want" '{ o = tolower($1); if (o != ".") sub(/\.$/, "", o); if (o == w) print $2 }' | sort -u | tr '\n' ' ')
  for a in "${asserts[@]}"; do
    case $a in
      @*) continue ;;
      +*) checks=$((checks + 1)); ok=0
          IFS='|' read -r -a alts <<<"${a#+}"
          for r in "${alts[@]}"; do case " $got " in *" $r "*) ok=1 ;; esac; done
          [ "$ok" -eq 1 ] || bad "row $rows: $lp: $owner -> $target [$class${flags:+ $flags}]: expected ${a#+} for owner $match_owner; its findings: ${got:-none}" ;;
      -*) checks=$((checks + 1))
          case " $got " in *" ${a#-} "*)
            bad "row $rows: $lp: $owner -> $target [$class${flags:+ $flags}]: ${a#-} must not fire for owner $match_owner; its findings: $got" ;;
          esac ;;
      *) bad "row $rows: bad assertion '$a' in srv-exceptions.tsv" ;;
    esac
  done
done < <(tsv "$TSV")

echo "corpus SRV targets: $rows rows, $checks assertions"
[ "$rows" -gt 0 ] || bad "SRV_TARGETS.tsv has no rows"
[ "$fail" -eq 0 ] && echo "PASS" || echo "FAIL"
exit "$fail"
