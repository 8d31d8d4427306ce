#!/usr/bin/env bash
# Every rule id the sources write as a string literal is in the registry,
# and the CLI never compares rule ids.
#
# The library emits ids through the enum (sz_rule_id(SZ_RULE_IO)); a literal
# in a rule-id position (the rule argument of sz_diag_add() and of the
# report/fail/emit helpers, or `rule = "..."`) is allowed only while it
# names an id of the registry, so a typo or a new id that was not added to
# include/sipzone/rules.h fails here. (src/loader/ is converted to the enum
# after its split; until then this is its safety net.)
#
#   rule_ids_src.sh BIN SOURCE_DIR
set -u
bin=$1
src=$2
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" rules | awk '{ print $1 }' | sort >"$tmp/ids"
[ -s "$tmp/ids" ] || fail "sipzone rules lists nothing"

# Literal ids in rule-id positions of C text on stdin: "FILE: id" lines.
extract() {
	perl -0777 -ne '
		my $f = $ARGV;
		s{/\*.*?\*/}{}gs;          # comments may quote ids
		s{//[^\n]*}{}g;
		my $i = qr/"([a-z][a-z0-9]*(?:-[a-z0-9]+)*)"/;
		# a literal, or either branch of `cond ? "a" : "b"`
		my $v = qr/(?:[^,?()";]+\?\s*)?$i(?:\s*:\s*$i)?/;
		my @pos = (qr/\bsz_diag_add\s*\(\s*[^,]+,\s*[^,]+,\s*/,
			   qr/\bSZ_SEV_[A-Z]+\s*,\s*/,
			   qr/\b\w*(?:report|fail|emit|diag)\w*\s*\(\s*[^,()"]+,\s*/,
			   qr/\brule\s*=\s*/);
		for my $p (@pos) {
			while (/$p$v/g) {
				print "$f: $1\n";
				print "$f: $2\n" if defined $2;
			}
		}
	' "$@"
}

# The patterns find what they are meant to find.
cat >"$tmp/sample.c" <<'SAMPLE'
sz_diag_add(diags, SZ_SEV_ERROR, "io", path, 0, 0, NULL, NULL, NULL, "x");
szi_diff_report(rd->diags,
		"no-such-id", NULL, 0, "only one");
fail_at(ps, "key-syntax", 1, 2, "%s", why);
d.rule = "bad-value";
report(c, st == SZ_ERR_IO ? "io-x" : "origin", f, 1, "m");
/* sz_diag_add(x, SZ_SEV_ERROR, "in-a-comment") */
sz_usage_error(VERB, "cannot write to standard output");
SAMPLE
extract "$tmp/sample.c" | sed 's/^[^:]*: //' | sort -u >"$tmp/sample.got"
printf '%s\n' bad-value io io-x key-syntax no-such-id origin | sort >"$tmp/sample.want"
diff -u "$tmp/sample.want" "$tmp/sample.got" || fail "the extractor does not find what it should"

find "$src/src" "$src/cmd" -name '*.[ch]' -print0 | sort -z | xargs -0 -r bash -c "$(declare -f extract); extract \"\$@\"" _ \
	| sed "s|^$src/||" >"$tmp/used"
bad=0
while IFS= read -r line; do
	id=${line##*: }
	grep -qxF -- "$id" "$tmp/ids" || { echo "not in the registry: $line"; bad=1; }
done <"$tmp/used"
[ $bad = 0 ] || fail "rule ids used in the sources are missing from include/sipzone/rules.h"
echo "literal rule ids in the sources: $(wc -l <"$tmp/used") (all in the registry)"

# The CLI decides exit codes from kinds, never by comparing rule ids.
if grep -nE 'str(n)?(case)?cmp\s*\([^;]*rule' "$src"/cmd/*.c; then
	fail "cmd/ compares rule ids"
fi
echo ok
