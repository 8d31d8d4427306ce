#!/usr/bin/env bash
# tests/schema/run.sh: the model's JSON Schema (docs/model.schema.json) is
# valid, means what the README says, and agrees with the loader.
#
#   run.sh validate SCHEMA [MODEL...]
#                                the schema is valid draft 2020-12; every
#                                valid/*.json and every MODEL (the shipped
#                                examples) passes it, every invalid/*.json
#                                fails it (python3-jsonschema; exit 77 = skip
#                                when it is not installed)
#   run.sh printed SCHEMA BIN    `BIN schema` prints SCHEMA byte for byte
#   run.sh loader BIN            `BIN generate MODEL` exits 0 (and writes
#                                records) on valid/, exits 1 (and writes
#                                nothing to stdout) on invalid/: the loader
#                                may be stricter than the schema, never looser
#
# Environment: SZ_PYTHON, the Python interpreter to use (default python3).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
valid_dir=$here/valid
invalid_dir=$here/invalid

usage() {
	echo "usage: $0 validate SCHEMA [MODEL...] | printed SCHEMA BIN | loader BIN" >&2
	exit 2
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sz-schema.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cmd_validate() {
	local schema=$1 python=${SZ_PYTHON:-python3}
	shift
	if ! "$python" -c 'import jsonschema; jsonschema.Draft202012Validator' 2>/dev/null; then
		echo "SKIP: $python cannot import jsonschema with draft 2020-12 support" \
			"(Debian: apt-get install python3-jsonschema)"
		exit 77
	fi
	"$python" - "$schema" "$valid_dir" "$invalid_dir" "$@" <<'PY'
import glob
import ipaddress
import json
import os
import re
import sys

import jsonschema
from jsonschema import Draft202012Validator

schema_path, valid_dir, invalid_dir = sys.argv[1:4]
extra_valid = sys.argv[4:]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    if dup:
        raise ValueError("duplicate key(s) " + ", ".join(dup))
    return dict(pairs)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=no_duplicates)


# --- the schema itself ------------------------------------------------------
schema = load(schema_path)
Draft202012Validator.check_schema(schema)
if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
    fail("$schema is not draft 2020-12")
for name in ("hostname", "address", "ttl", "host"):
    if name not in schema.get("$defs", {}):
        fail("$defs/%s is missing" % name)


def walk(node, where):
    """Yield (json-pointer, subschema) for every subschema."""
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for name, sub in value.items():
                    yield from walk(sub, "%s/%s/%s" % (where, key, name))
            elif key in ("items", "additionalProperties", "not") and isinstance(value, dict):
                yield from walk(value, "%s/%s" % (where, key))
            elif key in ("anyOf", "allOf", "oneOf"):
                for i, sub in enumerate(value):
                    yield from walk(sub, "%s/%s/%d" % (where, key, i))


for ptr, sub in walk(schema, "#"):
    if "pattern" in sub:
        try:
            re.compile(sub["pattern"])
        except re.error as e:
            fail("%s: pattern does not compile: %s" % (ptr, e))
    # Unknown keys are errors everywhere: every object with named properties
    # is closed.
    if "properties" in sub and sub.get("additionalProperties") is not False:
        fail("%s: additionalProperties is not false" % ptr)
    # Readable: every property and every definition says what it is.
    parent = ptr.rsplit("/", 2)
    if len(parent) == 3 and parent[1] in ("properties", "$defs") and "description" not in sub:
        fail("%s: no description" % ptr)

fc = Draft202012Validator.FORMAT_CHECKER
for fmt in ("ipv4", "ipv6"):
    if fmt not in fc.checkers:
        fail("this jsonschema cannot check format %r; the test would prove nothing" % fmt)
validator = Draft202012Validator(schema, format_checker=fc)


def sub_validator(name):
    return Draft202012Validator(
        {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/" + name},
        format_checker=fc)


# --- the $defs mean what they say -------------------------------------------
# The address patterns are what editors (which do not assert "format") check,
# so they are compared with Python's parser, without the format checker.
def ipv(cls, text):
    try:
        cls(text)
        return "%" not in text
    except ValueError:
        return False


def pattern_only(name):
    d = schema["$defs"][name]
    pats = [d["pattern"]] if "pattern" in d else [a["pattern"] for a in d["anyOf"]]
    return lambda t: any(re.search(p, t) for p in pats)


v4_literals = ["0.0.0.0", "203.0.113.10", "255.255.255.255", "256.0.0.1",
               "01.2.3.4", "1.2.3", "1.2.3.4.5", "1.2.3.", " 1.2.3.4", "1.2.3.4/32", "a.b.c.d"]
v6_literals = ["::", "::1", "1::", "2001:db8::10", "2001:DB8:0:0:0:0:0:10",
               "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1::8",
               "1:2:3:4:5:6:1.2.3.4", "::ffff:192.0.2.1", "::192.0.2.1", "1:2:3:4:5::1.2.3.4",
               "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "1:2:3:4:5:6:7", "12345::",
               "::ffff:192.0.2.256", "1:2:3:4:5:6:7:1.2.3.4", "2001:db8::g", "fe80::1%eth0",
               "2001:db8::10/128", "[2001:db8::10]"]
p4, p6 = pattern_only("ipv4"), pattern_only("ipv6")
for t in v4_literals:
    if p4(t) != ipv(ipaddress.IPv4Address, t):
        fail("$defs/ipv4 pattern says %s for %r, ipaddress disagrees" % (p4(t), t))
for t in v6_literals:
    if p6(t) != ipv(ipaddress.IPv6Address, t):
        fail("$defs/ipv6 pattern says %s for %r, ipaddress disagrees" % (p6(t), t))
address = sub_validator("address")
for t in v4_literals + v6_literals + ["203.0.113.10\n", "2001:db8::10\n"]:
    want = ipv(ipaddress.IPv4Address, t) or ipv(ipaddress.IPv6Address, t)
    if address.is_valid(t) != want:
        fail("$defs/address says %s for %r" % (address.is_valid(t), t))

L63 = "a" * 63
n253 = ".".join([L63, L63, L63, "b" * 61])
hostnames = {
    "contoso.com": True, "Contoso.COM.": True, "sip.contoso.com": True, "a": True,
    "x-1.y2.com": True, "1.2.3.4": True, L63 + ".com": True, n253: True, n253 + ".": True,
    "": False, ".": False, "a..b": False, ".a": False, "a.b..": False,
    "-sip.contoso.com": False, "sip-.contoso.com": False, "a" * 64 + ".com": False,
    n253 + "c": False, n253 + "c.": False, "*.contoso.com": False,
    "_sip._tls.contoso.com": False, "sip contoso.com": False, "sip.contoso.com\n": False,
    "sip.contoso.com;": False, "sip.contoso.com.\nevil IN A 1.2.3.4": False,
    "b\u00fccher.de": False, "xn--bcher-kva.de": True,
}
hostname = sub_validator("hostname")
for t, want in hostnames.items():
    if hostname.is_valid(t) != want:
        fail("$defs/hostname says %s for %r" % (hostname.is_valid(t), t))
ttl = sub_validator("ttl")
for t, want in [(0, True), (3600, True), (2147483647, True), (2147483648, False), (-1, False),
                (3600.5, False), ("3600", False), (True, False), (None, False)]:
    if ttl.is_valid(t) != want:
        fail("$defs/ttl says %s for %r" % (ttl.is_valid(t), t))

# --- the example models -----------------------------------------------------
n_valid = n_invalid = 0
for path in sorted(glob.glob(os.path.join(valid_dir, "*.json"))) + extra_valid:
    n_valid += 1
    name = "valid/" + os.path.basename(path) if path.startswith(valid_dir) else path
    errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(e.absolute_path))
    if errors:
        for e in errors:
            fail("%s: %s: %s" % (name, e.json_path, e.message))
    else:
        print("ok: %s passes" % name)
for path in sorted(glob.glob(os.path.join(invalid_dir, "*.json"))):
    n_invalid += 1
    error = jsonschema.exceptions.best_match(validator.iter_errors(load(path)))
    if error is None:
        fail("invalid/%s passes the schema" % os.path.basename(path))
    else:
        print("ok: invalid/%s fails: %s: %s"
              % (os.path.basename(path), error.json_path, error.message[:100]))
if n_valid == 0 or n_invalid == 0:
    fail("no example models found in %s or %s" % (valid_dir, invalid_dir))

try:
    from importlib.metadata import version
    jsonschema_version = version("jsonschema")
except Exception:
    jsonschema_version = "?"
print("%d valid, %d invalid models, jsonschema %s, %d failure(s)"
      % (n_valid, n_invalid, jsonschema_version, len(failures)))
sys.exit(1 if failures else 0)
PY
}

cmd_printed() {
	local schema=$1 bin=$2 rc=0
	"$bin" schema >"$tmp/printed" || rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "FAIL: '$bin schema' exited $rc"
		exit 1
	fi
	if ! cmp "$tmp/printed" "$schema"; then
		diff -u "$schema" "$tmp/printed" | head -40 || true
		echo "FAIL: '$bin schema' differs from $schema (rebuild after editing the schema)"
		exit 1
	fi
	echo "ok: '$bin schema' prints $schema ($(wc -c <"$schema") bytes)"
}

cmd_loader() {
	local bin=$1 f name rc failures=0 n=0
	for f in "$valid_dir"/*.json "$invalid_dir"/*.json; do
		[ -e "$f" ] || continue
		n=$((n + 1))
		name=${f#"$here"/}
		rc=0
		"$bin" generate "$f" >"$tmp/out" 2>"$tmp/err" </dev/null || rc=$?
		case $name in
		valid/*)
			if [ "$rc" -ne 0 ] || [ ! -s "$tmp/out" ]; then
				echo "FAIL: $name: the schema accepts it, but the loader exited $rc" \
					"with $(wc -c <"$tmp/out") bytes of output; expected 0 and records"
				sed 's/^/    /' "$tmp/err" | head -20
				failures=$((failures + 1))
			else
				echo "ok: $name: exit 0, $(wc -l <"$tmp/out") lines"
			fi
			;;
		invalid/*)
			if [ "$rc" -ne 1 ] || [ -s "$tmp/out" ] || [ ! -s "$tmp/err" ]; then
				echo "FAIL: $name: the schema rejects it, but the loader exited $rc" \
					"with $(wc -c <"$tmp/out") bytes on stdout and $(wc -c <"$tmp/err") on stderr;" \
					"expected 1, nothing on stdout, an error on stderr"
				sed 's/^/    /' "$tmp/err" | head -20
				failures=$((failures + 1))
			else
				echo "ok: $name: exit 1: $(head -1 "$tmp/err")"
			fi
			;;
		esac
	done
	if [ "$n" -eq 0 ]; then
		echo "FAIL: no example models in $here"
		exit 1
	fi
	echo "$n models, $failures failure(s)"
	[ "$failures" -eq 0 ]
}

[ $# -ge 1 ] || usage
mode=$1
shift
case $mode in
validate) [ $# -ge 1 ] || usage; cmd_validate "$@" ;;
printed)  [ $# -eq 2 ] || usage; cmd_printed "$1" "$2" ;;
loader)   [ $# -eq 1 ] || usage; cmd_loader "$1" ;;
*) usage ;;
esac
