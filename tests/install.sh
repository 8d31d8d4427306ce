#!/usr/bin/env bash
# tests/install.sh BUILD
# cmake --install puts the binary, libsipzone (shared, with its SONAME link,
# and static), the public headers, the pkg-config file, the CMake package,
# the man page and the schema in place; the installed binary runs and finds
# the installed library (not the build tree's); every public header compiles
# alone, in C and in C++, with no flags for ldns, jansson or libpsl.
set -u
build=$1
fail() { echo "FAIL: $*"; exit 1; }
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null || fail "cmake --install failed"
sos=("$prefix"/lib*/libsipzone.so) # lib/ or lib/<multiarch>/, as GNUInstallDirs chose
[ -e "${sos[0]}" ] || fail "libsipzone.so not installed"
libdir=${sos[0]#"$prefix"/}
libdir=${libdir%/libsipzone.so}
for f in bin/sipzone include/sipzone/sipzone.h include/sipzone/version.h include/sipzone/export.h \
	 include/sipzone/model.h include/sipzone/check.h include/sipzone/status.h \
	 include/sipzone/zone_json.h \
	 "$libdir/libsipzone.so" "$libdir/libsipzone.so.0" "$libdir/libsipzone.a" \
	 "$libdir/pkgconfig/sipzone.pc" "$libdir/cmake/sipzone/sipzoneConfig.cmake" \
	 "$libdir/cmake/sipzone/sipzoneConfigVersion.cmake" "$libdir/cmake/sipzone/sipzoneTargets.cmake" \
	 share/man/man1/sipzone.1 share/sipzone/model.schema.json; do
	[ -e "$prefix/$f" ] || fail "not installed: $f"
done
[ -L "$prefix/$libdir/libsipzone.so.0" ] || fail "libsipzone.so.0 is not the SONAME link"
[ ! -e "$prefix/include/sipzone/version.h.in" ] || fail "the template version.h.in is installed"
soname=$(readelf -d "$prefix/$libdir/libsipzone.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = libsipzone.so.0 ] || fail "SONAME is '$soname', not libsipzone.so.0"

# The installed binary runs and takes the library from the prefix.
"$prefix/bin/sipzone" --version | grep -q '^sipzone ' || fail "the installed binary does not run"
readelf -d "$prefix/bin/sipzone" | grep -q "$build" && fail "the installed binary keeps the build tree's RPATH"
lib=$(env -u LD_LIBRARY_PATH ldd "$prefix/bin/sipzone" | awk '$1 == "libsipzone.so.0" {print $3}')
[ "$(realpath "$lib")" = "$(realpath "$prefix/$libdir/libsipzone.so.0")" ] ||
	fail "the installed binary loads libsipzone from '$lib', not from the prefix"

# The umbrella header includes every other public header.
for h in "$prefix"/include/sipzone/*.h; do
	name=$(basename "$h")
	[ "$name" = sipzone.h ] && continue
	grep -q "^#include \"sipzone/$name\"" "$prefix/include/sipzone/sipzone.h" ||
		fail "sipzone.h does not include $name"
done
# No public header includes a header of the private dependencies.
grep -n '#include *<\(ldns\|jansson\|libpsl\)' "$prefix"/include/sipzone/*.h &&
	fail "a public header includes ldns, jansson or libpsl"
# Each header compiles on its own, as C and as C++ (no other -I).
for h in "$prefix"/include/sipzone/*.h; do
	name=$(basename "$h")
	echo "#include <sipzone/$name>" | cc -std=c11 -Wall -Wextra -Werror -fsyntax-only \
		-I"$prefix/include" -x c - || fail "$name does not compile alone as C"
	if command -v g++ >/dev/null; then
		echo "#include <sipzone/$name>" | g++ -std=c++11 -Wall -Wextra -Werror -fsyntax-only \
			-I"$prefix/include" -x c++ - || fail "$name does not compile alone as C++"
	fi
done
echo ok
