#!/usr/bin/env bash
# model.sh BIN ROW: hostile models given to `sipzone generate MODEL -o DIR`.
# Every row: exit 1 (the model has problems) or 2 (the file cannot be read)
# within a time limit, a message naming the file, line:column and JSON path
# with the rule id, stderr short, and DIR exactly as it was.
# shellcheck disable=SC2016 # jq programs and zone syntax are meant literally
# shellcheck source=tests/hostile/lib.sh
. "$(dirname "$0")/lib.sh"
base=$here/model/base.json
out=$tmp/zones

# A DIR holding the base model's output, to show that nothing changes.
"$bin" generate "$base" -o "$out" -q --serial 1 || fail "the base model does not generate"
before=$(snapshot "$out")

# Every line on stderr is a diagnostic or sipzone's own summary line: a
# value with a newline cannot start a line of its own.
only_diagnostics() {
	local bad
	bad=$(grep -vE '^[^ ]+:[0-9]+:[0-9]+: error: |^[^ ]+: error: |^sipzone generate: ' "$tmp/err" | head -3)
	[ -z "$bad" ] || fail "stderr has a line that is no diagnostic: $bad"
}

# reject MODEL_FILE RULE [PATH] [EXIT]: generate refuses the model with a
# diagnostic of RULE ("a|b": either) at PATH when given, and touches nothing.
reject() {
	local model=$1 rule=$2 path=${3:-} want=${4:-1}
	run "$want" 60 "$bin" generate "$model" -o "$out" --serial 1
	if [ -n "$path" ]; then
		grep -F -- "error: $path: " "$tmp/err" | grep -qE -- "\[($rule)\]\$" ||
			{ cat "$tmp/err"; fail "$(basename "$model"): no [$rule] error at $path"; }
	else
		grep -qE -- "\[($rule)\]\$" "$tmp/err" || { cat "$tmp/err"; fail "$(basename "$model"): no [$rule] error"; }
	fi
	grep -qE '^[^ ]+:[0-9]+:[0-9]+: error: ' "$tmp/err" || grep -qE '^[^ ]+: error: ' "$tmp/err" ||
		fail "no FILE:LINE:COL location"
	[ ! -s "$tmp/out" ] || fail "something was written to standard output"
	[ "$(snapshot "$out")" = "$before" ] || fail "DIR changed"
	only_diagnostics
	quiet_enough 20000
}

# edit JQ_FILTER [JQ_ARGS...]: the base model changed by jq, in $tmp/m.json.
edit() {
	local filter=$1
	shift
	jq "$@" "$filter" "$base" >"$tmp/m.json" || fail "jq: $filter"
}

# Every place the model holds a host name: jq path, JSON path in diagnostics.
name_fields=(
	'.sip_domains[0].domain|sip_domains[0].domain'
	'.sip_domains[0].access_host|sip_domains[0].access_host'
	'.edge_pools.p.access_edge|edge_pools.p.access_edge'
	'.edge_pools.p.certificate.subject|edge_pools.p.certificate.subject'
	'.edge_pools.p.certificate.san[1]|edge_pools.p.certificate.san[1]'
	'.edge_pools.p.webconf_edge.fqdn|edge_pools.p.webconf_edge.fqdn'
	'.zones["a.com"].soa.mname|zones.a.com.soa.mname'
	'.zones["a.com"].soa.rname|zones.a.com.soa.rname'
	'.zones["a.com"].ns[1]|zones.a.com.ns[1]'
)

# hostile_name JSON_STRING: refused with bad-name in every name field and
# as a zone name (a key of "zones"; jansson itself refuses a NUL in a key).
hostile_name() {
	local value=$1 f
	for f in "${name_fields[@]}"; do
		edit "${f%%|*} = \$v" --argjson v "$value"
		reject "$tmp/m.json" bad-name "${f#*|}"
	done
	edit '.zones = {($v): .zones["a.com"]}' --argjson v "$value"
	reject "$tmp/m.json" 'bad-name|json-syntax'
	echo "ok: $value refused in ${#name_fields[@]} name fields and as a zone name"
}

case $row in
model-string-newline) hostile_name '"sip.a.com\n$INCLUDE /etc/shadow"' ;;
model-string-cr) hostile_name '"sip.a.com\r"' ;;
model-string-semicolon) hostile_name '"sip.a.com; NS evil.example."' ;;
model-string-include) hostile_name '"$INCLUDE"' ;;
model-string-origin) hostile_name '"$ORIGIN.evil.example"' ;;
model-string-parens) hostile_name '"sip.a.com("'; hostile_name '"sip).a.com"' ;;
model-string-quote) hostile_name '"sip\".a.com"' ;;
model-string-backslash) hostile_name '"sip\\.a.com"'; hostile_name '"sip\\046a.com"' ;;
model-string-space-tab) hostile_name '"sip a.com"'; hostile_name '"sip\ta.com"' ;;
model-string-nul) hostile_name '"sip.a.com\u0000.evil.example"' ;;
model-string-u-label) hostile_name '"sip.n\u00f6rthwind.com"' ;;
model-string-dots) hostile_name '".sip.a.com"'; hostile_name '"sip..a.com"'; hostile_name '"."' ;;
model-a-label)
	# The ASCII form of an IDN is an ordinary host name: accepted, written as is.
	jq '.sip_domains += [{"domain": "XN--NRTHWIND-N4A.com", "edge_pool": "p"}]
	    | .edge_pools.p.certificate.san += ["sip.xn--nrthwind-n4a.COM."]' "$base" >"$tmp/m.json"
	run 0 60 "$bin" generate "$tmp/m.json" --serial 1
	grep -qx '_sip._tls.xn--nrthwind-n4a.com. *3600 IN SRV  *0 0 443 sip.xn--nrthwind-n4a.com.' "$tmp/out" ||
		{ cat "$tmp/out"; fail "the A-label domain is not written"; }
	echo ok
	;;
model-string-nul-elsewhere)
	# Strings that are no host names are compared whole, not up to a NUL.
	edit '.sip_domains[0].edge_pool = "p\u0000$INCLUDE /etc/shadow"'
	reject "$tmp/m.json" unknown-pool 'sip_domains[0].edge_pool'
	edit '.sip_domains[0].federation = "open\u0000;"'
	reject "$tmp/m.json" bad-value 'sip_domains[0].federation'
	edit '.edge_pools = {"p\u0000x": .edge_pools.p}'
	reject "$tmp/m.json" json-syntax
	echo ok
	;;
model-numbers)
	edit '.sip_domains[0].ttl = 2147483648'
	reject "$tmp/m.json" bad-ttl 'sip_domains[0].ttl'
	edit '.sip_domains[0].ttl = -1'
	reject "$tmp/m.json" bad-ttl 'sip_domains[0].ttl'
	edit '.defaults.ttl = 4294967296'
	reject "$tmp/m.json" bad-ttl 'defaults.ttl'
	edit '.zones["a.com"].soa.refresh = 2147483648'
	reject "$tmp/m.json" bad-ttl 'zones.a.com.soa.refresh'
	edit '.sip_domains[0].ttl = 3600.5'
	reject "$tmp/m.json" wrong-type 'sip_domains[0].ttl'
	edit '.sip_domains[0].ttl = "3600"'
	reject "$tmp/m.json" wrong-type 'sip_domains[0].ttl'
	edit '.version = "1"'
	reject "$tmp/m.json" wrong-type 'version'
	sed 's/"version": 1,/"version": 1.0,/' "$base" >"$tmp/m.json"
	reject "$tmp/m.json" wrong-type 'version'
	edit '.sip_domains[0].xmpp = 1'
	reject "$tmp/m.json" wrong-type 'sip_domains[0].xmpp'
	# numbers jansson cannot hold: a syntax error, not a wrapped value
	sed 's/"ttl": 600/"ttl": 1e400/' "$base" >"$tmp/m.json"
	reject "$tmp/m.json" json-syntax
	sed 's/"ttl": 600/"ttl": 99999999999999999999/' "$base" >"$tmp/m.json"
	reject "$tmp/m.json" json-syntax
	sed 's/"ttl": 600/"ttl": -9223372036854775809/' "$base" >"$tmp/m.json"
	reject "$tmp/m.json" json-syntax
	echo ok
	;;
model-deep-nesting)
	# 10,000 levels, where a value is expected and at the top: an error
	# message, no stack overflow.
	deep=$(printf '%*s' 10000 '' | tr ' ' '[')$(printf '%*s' 10000 '' | tr ' ' ']')
	printf '{"version": 1, "sip_domains": %s}' "$deep" >"$tmp/m.json"
	reject "$tmp/m.json" 'wrong-type|json-syntax'
	jq -c '.sip_domains[0].xmpp = 0' "$base" | sed "s/\"xmpp\":0/\"xmpp\":$deep/" >"$tmp/m.json"
	reject "$tmp/m.json" json-syntax
	printf '%s' "$deep" >"$tmp/m.json"
	reject "$tmp/m.json" wrong-type
	printf '{"a":%.0s' $(seq 10000) >"$tmp/m.json"
	printf '}%.0s' $(seq 10000) >>"$tmp/m.json"
	# an unknown key's value is still parsed for its syntax: jansson's depth
	# limit speaks first
	reject "$tmp/m.json" 'unknown-key|json-syntax'
	echo ok
	;;
model-empty)
	: >"$tmp/m.json"
	reject "$tmp/m.json" json-syntax
	printf ' \n\t\r\n' >"$tmp/m.json"
	reject "$tmp/m.json" json-syntax
	echo ok
	;;
model-binary-garbage)
	# 64 KiB of every byte value, in a fixed order; and the ELF binary itself
	python3 -c 'import sys; sys.stdout.buffer.write(bytes((i * 167 + 13) % 256 for i in range(65536)))' >"$tmp/m.json"
	reject "$tmp/m.json" json-syntax
	reject "$bin" json-syntax
	# a byte-order mark opening the file is skipped (issue 13: Windows
	# editors write one); after the first byte it is a json-syntax error
	printf '\xef\xbb\xbf' >"$tmp/m.json"
	cat "$base" >>"$tmp/m.json"
	run 0 60 "$bin" generate "$tmp/m.json" -o "$tmp/bom-zones" --serial 1
	{ head -c 1 "$base"; printf '\xef\xbb\xbf'; tail -c +2 "$base"; } >"$tmp/m.json"
	reject "$tmp/m.json" json-syntax
	said 'byte-order mark'
	echo ok
	;;
model-invalid-utf8)
	# a lone continuation byte, a truncated sequence, an overlong '/', a
	# surrogate escape: jansson refuses each
	for bad in '\x80' '\xc3' '\xc0\xaf' '\xed\xa0\x80'; do
		sed "s/\"b.com\"/\"b$(printf '%b' "$bad").com\"/" "$base" >"$tmp/m.json"
		reject "$tmp/m.json" json-syntax
	done
	sed 's/"b.com"/"b\\ud800.com"/' "$base" >"$tmp/m.json"
	reject "$tmp/m.json" json-syntax
	echo ok
	;;
model-not-object)
	printf '[%s]' "$(cat "$base")" >"$tmp/m.json"
	reject "$tmp/m.json" wrong-type
	for doc in '"a model"' '42' 'null' 'true' '-0.5e3'; do
		printf '%s' "$doc" >"$tmp/m.json"
		reject "$tmp/m.json" json-syntax
	done
	echo ok
	;;
model-unreadable)
	# exit 2, "cannot read the model" and the reason, for what is no file
	mkdir "$tmp/dir.json"
	reject "$tmp/dir.json" io '' 2
	said 'dir.json: error: cannot read the model: Is a directory'
	reject "$tmp/missing.json" io '' 2
	said 'No such file or directory'
	# unreadable even for root (CI runs as root, so no chmod): a write-only
	# sysctl, and a file whose read fails
	if [ -e /proc/sys/vm/compact_memory ]; then
		reject /proc/sys/vm/compact_memory io '' 2
		said 'Permission denied'
	fi
	reject /proc/self/mem io '' 2
	said 'Input/output error'
	# endless: refused at the size limit (1 GiB), not read forever
	reject /dev/zero io '' 2
	said 'File too large'
	echo ok
	;;
model-200mb)
	# 200 MB: a valid model padded with white space gives exactly the output
	# of the unpadded one; 200 MB in an unknown key's value and 50 MB in a
	# name are refused with short messages.
	{ head -c 1 "$base"; head -c 200000000 /dev/zero | tr '\0' ' '; tail -c +2 "$base"; } >"$tmp/big.json"
	cp "$base" "$tmp/big-ref.json"
	"$bin" generate "$tmp/big-ref.json" --serial 1 | sed 's/big-ref\.json/big.json/' >"$tmp/want"
	run 0 120 "$bin" generate "$tmp/big.json" --serial 1
	cmp -s "$tmp/want" "$tmp/out" || fail "the padded 200 MB model gives other output"
	rm -f "$tmp/big.json"
	{ head -c -2 "$base"; printf ', "x": "'; head -c 200000000 /dev/zero | tr '\0' 'x'; printf '"}'; } >"$tmp/big.json"
	reject "$tmp/big.json" unknown-key
	rm -f "$tmp/big.json"
	t=$(jq -c '.sip_domains[1].domain = "@NAME@"' "$base")
	{ printf '%s' "${t%%@NAME@*}"; head -c 50000000 /dev/zero | tr '\0' 'b'; printf '%s' "${t#*@NAME@}"; } >"$tmp/big.json"
	reject "$tmp/big.json" bad-name 'sip_domains[1].domain'
	quiet_enough 2000
	echo ok
	;;
*) fail "unknown row '$row'" ;;
esac
