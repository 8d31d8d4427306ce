#!/usr/bin/env bash
# The command line itself: --help, --version, help VERB, and exit 2 on usage errors.
set -u
bin=$1
version=$2
fail() { echo "FAIL: $*"; exit 1; }
[ "$("$bin" --version)" = "sipzone $version" ] || fail "--version does not print 'sipzone $version'"
"$bin" --help >/tmp/sz-cli-help.$$ || fail "--help failed"
for verb in generate check schema help; do
	grep -q "^  $verb " /tmp/sz-cli-help.$$ || fail "--help does not list $verb"
done
grep -q "^  2  could not run" /tmp/sz-cli-help.$$ || fail "--help does not document the exit codes"
rm -f /tmp/sz-cli-help.$$
"$bin" help generate | grep -q "usage: sipzone generate" || fail "help generate"
"$bin" generate --help | grep -q -- "--prune" || fail "generate --help does not document --prune"
"$bin" help generate | grep -q "^  1  " || fail "help generate lacks the exit codes"
"$bin" >/dev/null 2>&1; [ $? = 2 ] || fail "no command: exit is not 2"
"$bin" frobnicate 2>/dev/null; [ $? = 2 ] || fail "unknown command: exit is not 2"
"$bin" help frobnicate 2>/dev/null; [ $? = 2 ] || fail "help for an unknown command: exit is not 2"
echo ok
