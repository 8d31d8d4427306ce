#!/usr/bin/env bash
# tests/ci_use/markdown.sh BIN SOURCE_DIR
#
# `--format markdown` of `sipzone diff` and `sipzone generate --check`
# (cmd/markdown.h): the exact output, written here by hand from the format,
# for a small diff, a hostile one (file names and values with pipes,
# backticks, asterisks, angle brackets and a newline) and a generate
# --check; every table row has exactly six unescaped pipes (five cells);
# the exit codes are those of the text format (1 different, 0 equal, 2
# usage). Exit 0 pass, 1 fail.
set -uo pipefail
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sz-markdown.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

# expect NAME WANT_EXIT EXPECTED_FILE -- command...
expect() {
	local name=$1 want=$2 expected=$3
	shift 4
	"$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	[ "$rc" -eq "$want" ] || bad "$name: exit $rc, expected $want: $(head -c 300 "$tmp/err")"
	if ! cmp -s "$expected" "$tmp/out"; then
		bad "$name: output differs from the expected Markdown:"
		diff -u --label expected --label actual "$expected" "$tmp/out" >&2
	fi
	# Rows: six pipes once escaped characters are set aside.
	{ grep '^|' "$tmp/out" || true; } | sed 's/\\.//g' | awk -F'|' -v n="$name" \
		'NF != 7 { print "FAIL: " n ": a table row has " NF - 1 " cell separators, not 6: " $0; bad = 1 } END { exit bad }' >&2 \
		|| fail=1
}

# ---- a small diff
mkdir -p "$tmp/small" && cd "$tmp/small" || exit 1
cat >old.zone <<'EOF'
$ORIGIN contoso.com.
$TTL 3600
_sip._tls IN SRV 0 0 443 sip
sip 600 IN A 203.0.113.10
sip IN A 203.0.113.99
EOF
cat >new.zone <<'EOF'
$ORIGIN contoso.com.
$TTL 3600
_sip._tls IN SRV 0 0 443 sip
sip IN A 203.0.113.10
sip IN A 203.0.113.11
EOF
cat >"$tmp/expected" <<'EOF'
## sipzone diff: 1 added, 1 removed, 1 TTL changed in 1 file

### old.zone -> new.zone

| Operation | Name | Type | TTL | Value |
|---|---|---|---|---|
| Update | sip.contoso.com. | A | 600 -> 3600 | 203.0.113.10 |
| Create | sip.contoso.com. | A | 3600 | 203.0.113.11 |
| Delete | sip.contoso.com. | A | 3600 | 203.0.113.99 |
EOF
expect "diff small" 1 "$tmp/expected" -- "$BIN" diff --format markdown old.zone new.zone

printf '## sipzone diff: no differences in 1 file\n' >"$tmp/expected"
expect "diff equal" 0 "$tmp/expected" -- "$BIN" diff --format markdown old.zone old.zone

# ---- hostile names and values
mkdir -p "$tmp/hostile" && cd "$tmp/hostile" || exit 1
old=$'old|x.zone'
new=$'new`\nline.zone'
cat >"$old" <<'EOF'
$ORIGIN example.com.
$TTL 300
*.wild IN TXT "pipe|tick`star*<b>_x_ [l](u) &amp;"
_sip._tls IN SRV 0 0 443 sip
EOF
cat >"$new" <<'EOF'
$ORIGIN example.com.
$TTL 300
_sip._tls IN SRV 0 0 443 sip
EOF
cat >"$tmp/expected" <<'EOF'
## sipzone diff: 0 added, 1 removed, 0 TTL changed in 1 file

### old\|x.zone -> new\`<br>line.zone

| Operation | Name | Type | TTL | Value |
|---|---|---|---|---|
| Delete | \*.wild.example.com. | TXT | 300 | "pipe\|tick\`star\*\<b\>\_x\_ \[l\](u) \&amp;" |
EOF
expect "diff hostile" 1 "$tmp/expected" -- "$BIN" diff --format markdown "$old" "$new"

# ---- generate --check
mkdir -p "$tmp/gen" && cd "$tmp/gen" || exit 1
cp "$SRC/zones-examples/contoso/model.json" model.json
"$BIN" generate -q -o zones model.json || bad "generate: exit $?"
sed -i 's/203\.0\.113\.11$/203.0.113.99/' zones/fabrikam.com.zone
rm zones/litwareinc.com.zone
cat >"$tmp/expected" <<'EOF'
## sipzone generate --check: 1 to create, 1 to change, 0 to remove, 2 unchanged

- would change zones/fabrikam.com.zone
- would create zones/litwareinc.com.zone

### zones/fabrikam.com.zone -> zones/fabrikam.com.zone (generated)

| Operation | Name | Type | TTL | Value |
|---|---|---|---|---|
| Create | sip.fabrikam.com. | A | 3600 | 203.0.113.11 |
| Delete | sip.fabrikam.com. | A | 3600 | 203.0.113.99 |

### /dev/null -> zones/litwareinc.com.zone (generated)

| Operation | Name | Type | TTL | Value |
|---|---|---|---|---|
| Create | \_sip.\_tls.litwareinc.com. | SRV | 3600 | 0 0 443 sip.litwareinc.com. |
| Create | sip.litwareinc.com. | A | 3600 | 203.0.113.10 |
| Create | sip.litwareinc.com. | A | 3600 | 203.0.113.11 |
| Create | sip.litwareinc.com. | AAAA | 3600 | 2001:db8::10 |
EOF
expect "generate --check" 1 "$tmp/expected" -- "$BIN" generate --check --format markdown -o zones model.json

"$BIN" generate -q -o zones model.json || bad "generate: exit $?"
printf '## sipzone generate --check: 0 to create, 0 to change, 0 to remove, 4 unchanged\n' >"$tmp/expected"
expect "generate --check, nothing to do" 0 "$tmp/expected" -- "$BIN" generate --check --format markdown -o zones model.json

: >"$tmp/expected"
expect "generate --format markdown without --check" 2 "$tmp/expected" -- "$BIN" generate --format markdown model.json

[ "$fail" -eq 0 ] && echo "PASS: markdown of diff and generate --check"
exit "$fail"
