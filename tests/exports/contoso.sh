#!/usr/bin/env bash
# contoso.sh BIN FORMAT: the FORMAT export of zones-examples/contoso/model.json
# is byte for byte tests/exports/contoso/FORMAT/ (files checked by hand
# against the target tool's documentation: tests/exports/contoso/README).
set -u
bin=$1
fmt=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$here/../../zones-examples/contoso/model.json" "$tmp/model.json"
(cd "$tmp" && "$bin" generate model.json --format "$fmt" -o out -q) || { echo "FAIL [contoso/$fmt]: generate failed"; exit 1; }
diff -ru "$here/contoso/$fmt" "$tmp/out" || { echo "FAIL [contoso/$fmt]: differs from tests/exports/contoso/$fmt"; exit 1; }
echo "ok [contoso/$fmt]"
