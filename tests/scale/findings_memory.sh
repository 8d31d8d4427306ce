#!/usr/bin/env bash
# tests/scale/findings_memory.sh SIPZONE PYTHON3: memory of `check` does not
# grow with the number of findings (issue 18). 200,000 SRV records outside
# their SIP domain give 400,000 findings; check --format json and --format
# sarif must each stay under 250 MiB of peak RSS (before the findings were
# streamed: about 870 MiB for JSON and 2 GiB for SARIF at this size), and
# the JSON must hold all 400,000. Skipped (77) in sanitizer builds, whose
# shadow memory says nothing about sipzone's own use.
set -euo pipefail
bin=$1
python=$2
# grep without -q reads all of nm's output: with pipefail, -q would end nm by SIGPIPE and fail the pipe
if nm -an "$bin" 2>/dev/null | grep -e __asan_init -e __sanitizer_cov >/dev/null; then echo "skip: instrumented build"; exit 77; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bound_kb=$((250 * 1024))
awk 'BEGIN {
	print "$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 h 1 2 3 4 5\n@ IN NS ns1\nns1 IN A 192.0.2.1"
	for (i = 0; i < 200000; i++)
		printf "_sip._tls.t%d IN SRV 0 0 443 sip.o%d.example.net.\n", i, i
}' >"$tmp/example.com.zone"
fail=0
for fmt in json sarif; do
	out=$("$python" - "$bin" "$fmt" "$tmp/example.com.zone" "$tmp/out.$fmt" <<'PY'
import resource, subprocess, sys
with open(sys.argv[4], "w") as o:
    r = subprocess.run([sys.argv[1], "check", "--format", sys.argv[2], sys.argv[3]], stdout=o)
print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
)
	rc=${out% *} peak_kb=${out#* }
	echo "check --format $fmt, 400,000 findings: exit $rc, peak RSS $((peak_kb / 1024)) MiB (bound $((bound_kb / 1024)) MiB)"
	[ "$rc" = 1 ] || { echo "FAIL: exit $rc, want 1" >&2; fail=1; }
	[ "$peak_kb" -le "$bound_kb" ] || { echo "FAIL: $fmt peak RSS over the bound" >&2; fail=1; }
done
n=$("$python" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$tmp/out.json")
[ "$n" = 400000 ] || { echo "FAIL: the JSON holds $n findings, not 400000" >&2; fail=1; }
n=$("$python" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' "$tmp/out.sarif")
[ "$n" = 400000 ] || { echo "FAIL: the SARIF holds $n results, not 400000" >&2; fail=1; }
exit $fail
