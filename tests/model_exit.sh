#!/usr/bin/env bash
# One exit policy for the model, in every command that reads one: an
# invalid model is exit 1 with the same FILE:LINE:COL, JSON path and rule id
# (also in the JSON of --format json), an unreadable one exit 2 [io].
#
#   model_exit.sh BIN
set -u
bin=$1
fail() { echo "FAIL: $*"; exit 1; }
command -v jq >/dev/null || fail "jq is needed"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2

cat >model.json <<'JSON'
{
  "version": 1,
  "edge_pools": {
    "p": { "access_edge": "sip.contoso.com", "addresses": ["192.0.2.1"],
           "certificate": { "subject": "sip.contoso.com", "san": ["sip.contoso.com"] } }
  },
  "sip_domains": [ { "domain": "contoso.com", "edge_pool": "p", "federaton": "open" } ]
}
JSON
printf '{ "version": 1,\n  "sip_domains": [ }\n' >syntax.json
: >empty.zone

# run VERB MODEL [JSON]: the command line of each verb with MODEL
run() {
	local verb=$1 model=$2 json=${3:-}
	case $verb in
	generate) "$bin" generate ${json:+--format json} "$model" ;;
	check) "$bin" check ${json:+--format json} --model "$model" empty.zone ;;
	pic) "$bin" pic ${json:+--format json} "$model" ;;
	# no server is asked: the model is read first
	verify) "$bin" verify ${json:+--format json} --server 127.0.0.1#9 --timeout 0.1 --retries 0 "$model" ;;
	push) "$bin" push --server 127.0.0.1#9 --zone contoso.com --dry-run --timeout 0.1 --retries 0 "$model" ;;
	esac
}

want='model.json:7:65: error: sip_domains[0].federaton: unknown key "federaton" (did you mean "federation"?) [unknown-key]'
for verb in generate check pic verify push; do
	run "$verb" model.json >out 2>err
	rc=$?
	[ $rc = 1 ] || { cat err; fail "$verb: invalid model: exit $rc, expected 1"; }
	grep -qxF -- "$want" err || { cat err; fail "$verb: no '$want' on stderr"; }
	grep -q "^sipzone $verb: 1 error in the model; nothing was " err || { cat err; fail "$verb: no summary line"; }
	[ ! -s out ] || { cat out; fail "$verb: output on stdout for an invalid model"; }

	run "$verb" syntax.json >out 2>err
	rc=$?
	[ $rc = 1 ] || { cat err; fail "$verb: model with a JSON syntax error: exit $rc, expected 1"; }
	grep -qE '^syntax\.json:[0-9]+:[0-9]+: error: .*\[json-syntax\]$' err || { cat err; fail "$verb: no [json-syntax] error"; }

	run "$verb" missing.json >out 2>err
	rc=$?
	[ $rc = 2 ] || { cat err; fail "$verb: unreadable model: exit $rc, expected 2"; }
	grep -qE '^missing\.json: error: .*\[io\]$' err || { cat err; fail "$verb: no [io] error"; }
done

# --format json: the same finding, as JSON on stdout
for verb in generate check pic verify; do
	run "$verb" model.json json >out 2>err
	rc=$?
	[ $rc = 1 ] || { cat err; fail "$verb --format json: exit $rc, expected 1"; }
	got=$(jq -r '.findings[] | "\(.file):\(.line):\(.col) \(.path) \(.severity) \(.rule)"' out) ||
		{ cat out; fail "$verb --format json: stdout is not the findings document"; }
	[ "$got" = "model.json:7:65 sip_domains[0].federaton error unknown-key" ] ||
		{ cat out; fail "$verb --format json: finding is '$got'"; }
	[ "$(jq '.summary.errors' out)" = 1 ] || { cat out; fail "$verb --format json: summary.errors"; }
	grep -qxF -- "$want" err || { cat err; fail "$verb --format json: no '$want' on stderr"; }
done
echo ok
