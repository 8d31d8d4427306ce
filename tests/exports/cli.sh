#!/usr/bin/env bash
# cli.sh BIN: usage errors (exit 2) of generate's export options; a usage
# error writes nothing.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$here/../../zones-examples/contoso/model.json" "$tmp/model.json"
cd "$tmp" || exit 1
fails=0
expect() { # EXIT TEXT ARGS...
	local want=$1 text=$2
	shift 2
	"$bin" generate model.json "$@" >out.txt 2>err.txt
	local rc=$?
	if [ "$rc" != "$want" ] || ! grep -q -e "$text" err.txt out.txt; then
		echo "FAIL: generate $* exited $rc (want $want) without '$text':"; cat err.txt
		fails=$((fails + 1))
	fi
}
expect 2 "cannot say which view" --format octodns --view internal
expect 2 "cannot say which view" --format terraform --view internal -o dir
expect 2 "not 'yaml'" --format yaml
expect 2 "goes with --format dnscontrol" --format octodns --dnscontrol-provider cloudflare
expect 2 "goes with --format dnscontrol" --dnscontrol-provider cloudflare
expect 2 "letters, digits" --format dnscontrol --dnscontrol-provider 'a"); evil("'
expect 2 "for zone files" --format powershell -o dir --check
[ ! -e dir ] || { echo "FAIL: a usage error wrote dir/"; fails=$((fails + 1)); }
expect 0 'NewDnsProvider("cloudflare")' --format dnscontrol --dnscontrol-provider cloudflare
expect 0 'D("contoso.com!internal"' --format dnscontrol --view internal
expect 0 "ZoneScope" --format powershell --view internal
# all or nothing: a directory in the way of one file stops the run before
# any file is replaced, and no temporary file stays behind
"$bin" generate model.json --format octodns -o atomic -q || { echo "FAIL: octodns -o"; fails=$((fails + 1)); }
sed -i 's/3600/60/' model.json
rm atomic/fabrikam.com.yaml && mkdir atomic/fabrikam.com.yaml
cp -r atomic before
"$bin" generate model.json --format octodns -o atomic -q 2>err.txt
rc=$?
if [ "$rc" != 2 ] || ! diff -r before atomic >/dev/null || [ -n "$(find atomic -name '.*.tmp')" ]; then
	echo "FAIL: a failed write (exit $rc) changed files or left temporary files"; cat err.txt
	fails=$((fails + 1))
fi
[ "$fails" = 0 ] || exit 1
echo "ok [exports/cli]"
