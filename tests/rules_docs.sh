#!/usr/bin/env bash
# The rule registry (include/sipzone/rules.h, listed by `sipzone rules`) is
# the one table of diagnostic ids; `sipzone check --rules`, the README's rule
# tables and the man page are tested against it here, so none can drift:
#  - `check --rules` lists exactly the registry's check rules, in order;
#  - the README's check-rule table has the same ids, order and severities;
#  - the README's model-rule table names every model rule, and only ids of
#    the registry; its table of the other ids has each run, key and live
#    id with its kind;
#  - the man page's CHECK RULES have the same ids, order and default
#    severities; its model-rule list names every model rule; its DIAGNOSTIC
#    IDS name every run, key and live id with its kind;
#  - every id of the registry appears in both documents.
#
#   rules_docs.sh BIN README MANPAGE
set -u
bin=$1
readme=$2
man=$3
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" rules >"$tmp/all" || fail "sipzone rules failed"
"$bin" check --rules >"$tmp/check" || fail "sipzone check --rules failed"
[ -s "$tmp/all" ] || fail "sipzone rules lists nothing"
# id group kind severity
awk '{ print $1, $2, $3, $4 }' "$tmp/all" >"$tmp/reg"
awk '$2 == "check" { print $1, $4 }' "$tmp/reg" >"$tmp/reg-check"
awk '$2 == "model" { print $1 }' "$tmp/reg" | sort >"$tmp/reg-model"
awk '$2 == "run" || $2 == "key" || $2 == "live" { print $1, $3 }' "$tmp/reg" | sort >"$tmp/reg-other"
awk '{ print $1 }' "$tmp/reg" | sort >"$tmp/reg-ids"
[ "$(sort -u "$tmp/reg-ids" | wc -l)" = "$(wc -l <"$tmp/reg-ids")" ] || fail "an id is twice in the registry"

# ---- check --rules
awk '{ print $1, $2 }' "$tmp/check" >"$tmp/cli-check"
diff -u "$tmp/reg-check" "$tmp/cli-check" || fail "check --rules differs from the registry's check rules"

# ---- README
# rows of the markdown table whose header line is $2: first column, second column
table() {
	awk -v head="$2" '
		index($0, head) == 1 { on = 1; next }
		on && /^\|---/ { next }
		on && /^\|/ { print; next }
		on { exit }' "$1"
}
table "$readme" '| rule id | severity | finding |' |
	awk -F'|' '{ id = $2; sev = $3; gsub(/[ `]/, "", id); gsub(/ /, "", sev); print id, sev }' >"$tmp/readme-check"
[ -s "$tmp/readme-check" ] || fail "README: no check-rule table (| rule id | severity | finding |)"
diff -u "$tmp/reg-check" "$tmp/readme-check" || fail "README's check-rule table differs from the registry (ids, order, severities)"

table "$readme" '| rule | problem |' | awk -F'|' '{ print $2 }' | grep -o '`[^`]*`' | tr -d '`' | sort >"$tmp/readme-model"
[ -s "$tmp/readme-model" ] || fail "README: no model-rule table (| rule | problem |)"
missing=$(comm -23 "$tmp/reg-model" "$tmp/readme-model")
[ -z "$missing" ] || fail "README's model-rule table lacks: $missing"
unknown=$(comm -13 "$tmp/reg-ids" "$tmp/readme-model")
[ -z "$unknown" ] || fail "README's model-rule table names ids the registry does not have: $unknown"

table "$readme" '| id | kind | meaning |' |
	awk -F'|' '{ id = $2; kind = $3; gsub(/[ `]/, "", id); gsub(/ /, "", kind); print id, kind }' | sort >"$tmp/readme-other"
diff -u "$tmp/reg-other" "$tmp/readme-other" || fail "README's table of the run, key and live ids differs from the registry (ids, kinds)"

# ---- man page
text=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$man")
# CHECK RULES: ".B id" then "(severity ..." up to the next section
awk '
	/^\.SH CHECK RULES/ { on = 1; next }
	/^\.SH/ { on = 0 }
	on && prev == ".B" { id = $0 }
	on && /^\.B / { sub(/^\.B /, ""); id = $0; next }
	on && id != "" && /^\(/ { sev = $0; sub(/^\(/, "", sev); sub(/[ ,)].*/, "", sev); print id, sev; id = "" }
' <<<"$text" >"$tmp/man-check"
[ -s "$tmp/man-check" ] || fail "man page: no CHECK RULES"
awk '{ s = $2; sub(/\/.*/, "", s); print $1, s }' "$tmp/reg-check" >"$tmp/reg-check-default"
diff -u "$tmp/reg-check-default" "$tmp/man-check" || fail "the man page's CHECK RULES differ from the registry (ids, order, default severities)"

awk '/Model errors are reported/ { on = 1 } on && /^\.SH/ { exit } on { print }' <<<"$text" | tr ' ,.' '\n\n\n' | sort -u >"$tmp/man-model"
missing=$(comm -23 "$tmp/reg-model" "$tmp/man-model")
[ -z "$missing" ] || fail "the man page's list of model rules lacks: $missing"

awk '
	/^\.SH DIAGNOSTIC IDS/ { on = 1; next }
	/^\.SH/ { on = 0 }
	on && /^\.BR? / { sub(/^\.BR? /, ""); gsub(/[",]/, ""); ids = $0; next }
	on && ids != "" && /^\(/ { kind = $0; sub(/^\(/, "", kind); sub(/\).*/, "", kind); n = split(ids, a, " "); for (i = 1; i <= n; i++) print a[i], kind; ids = "" }
' <<<"$text" | sort >"$tmp/man-other"
diff -u "$tmp/reg-other" "$tmp/man-other" || fail "the man page's DIAGNOSTIC IDS differ from the registry (ids, kinds)"

# ---- every id in both documents
while read -r id; do
	grep -qF -- "\`$id\`" "$readme" || fail "README does not name the id $id"
	grep -qwF -- "$id" <<<"$text" || fail "the man page does not name the id $id"
done <"$tmp/reg-ids"
echo ok
