#!/usr/bin/env bash
# docs/sipzone.1 documents every command and every option their help texts
# show, every check rule (--rules), and the exit codes.
set -u
bin=$1
man=$2
fail() { echo "FAIL: $*"; exit 1; }
text=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$man")
verbs=$("$bin" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } /^$/ && on { on = 0 }' | grep -v '^help$')
[ -n "$verbs" ] || fail "no commands in --help"
missing=0
for verb in $verbs; do
	grep -q "sipzone $verb" <<<"$text" || { echo "missing command: $verb"; missing=1; }
	for opt in $("$bin" help "$verb" | grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z-]*' | tr -d ' ,' | sort -u); do
		grep -qF -- "$opt" <<<"$text" || { echo "missing in the man page: sipzone $verb $opt"; missing=1; }
	done
done
for rule in $("$bin" check --rules | awk '{ print $1 }'); do
	grep -qF -- "$rule" <<<"$text" || { echo "missing rule: $rule"; missing=1; }
done
grep -q '^\.SH EXIT STATUS' "$man" || { echo "no EXIT STATUS section"; missing=1; }
[ $missing = 0 ] || fail "the man page is incomplete"
if command -v groff >/dev/null; then
	warnings=$(groff -man -ww -z "$man" 2>&1)
	[ -z "$warnings" ] || fail "groff warns: $warnings"
fi
echo ok
