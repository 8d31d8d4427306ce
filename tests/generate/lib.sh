# Shared by the tests/generate/*.sh scripts: $1 is the sipzone binary.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
example=$here/../../zones-examples/contoso/model.json
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# A listing of DIR that changes if any file's name, content, inode or mtime does.
snapshot() { (cd "$1" && find . -mindepth 1 -printf '%p %i %T@ %s\n' | sort && find . -type f -exec sha256sum {} + | sort); }
