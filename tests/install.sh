#!/usr/bin/env bash
# cmake --install puts the binary, the library, its headers, the man page and
# the schema in place, and the installed binary runs.
set -u
build=$1
fail() { echo "FAIL: $*"; exit 1; }
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null || fail "cmake --install failed"
for f in bin/sipzone include/sipzone/model.h include/sipzone/check.h include/sipzone/status.h \
	 share/man/man1/sipzone.1 share/sipzone/model.schema.json; do
	[ -e "$prefix/$f" ] || fail "not installed: $f"
done
ls "$prefix"/lib*/libsipzone.* >/dev/null 2>&1 || fail "libsipzone not installed"
"$prefix/bin/sipzone" --version | grep -q '^sipzone ' || fail "the installed binary does not run"
# the public headers compile on their own
for h in "$prefix"/include/sipzone/*.h; do
	echo "#include <sipzone/$(basename "$h")>" | cc -std=c11 -fsyntax-only -I"$prefix/include" \
		$(pkg-config --cflags ldns jansson) -x c - || fail "$(basename "$h") does not compile alone"
done
echo ok
