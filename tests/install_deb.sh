#!/usr/bin/env bash
# tests/install_deb.sh BUILD SOURCE_DIR
# `cpack -G DEB` in the build directory makes the sipzone package: the
# binary, the man page, the schema, libsipzone with its SONAME links, the
# headers, the pkg-config and CMake files; Depends computed by dpkg-shlibdeps
# names the runtime packages of ldns, jansson and libpsl; the unpacked binary
# runs with the unpacked library.
set -u
build=$1 src=$2
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
version=$(sed -n 's/^project(sipzone VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
[ -n "$version" ] || fail "no version in $src/CMakeLists.txt"
major=${version%%.*}

(cd "$build" && cpack -G DEB -B "$tmp/out") >"$tmp/cpack.log" 2>&1 ||
	{ cat "$tmp/cpack.log"; fail "cpack -G DEB failed"; }
debs=("$tmp"/out/*.deb)
{ [ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ]; } || fail "expected one .deb, got: ${debs[*]}"
deb=${debs[0]}
[ "$(basename "$deb")" = "sipzone_${version}_$(dpkg --print-architecture).deb" ] ||
	fail "package file named $(basename "$deb")"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = sipzone ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', not $version"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
depends=$(field Depends)
[ -n "$depends" ] || fail "Depends is empty"
for dep in libc6 libldns libjansson libpsl; do
	[[ ", $depends" =~ ,\ ${dep}[0-9]*\  ]] || fail "Depends ($depends) does not name $dep"
done

# Contents: "./usr/lib/libsipzone.so.0 -> libsipzone.so.0.1.0" lists as
# path and target.
dpkg-deb -c "$deb" | awk '{ print $6 ($7 == "->" ? " -> " $8 : "") }' >"$tmp/contents"
has() { grep -qxE "$1" "$tmp/contents" || fail "not in the package: $1"; }
lib='\./usr/lib(/[a-z0-9_-]+)?'
has '\./usr/bin/sipzone'
has '\./usr/share/man/man1/sipzone\.1(\.gz)?'
has '\./usr/share/sipzone/model\.schema\.json'
has "$lib/libsipzone\.so\.$version"
has "$lib/libsipzone\.so\.$major -> libsipzone\.so\.$version"
has "$lib/libsipzone\.so -> libsipzone\.so\.$major"
for h in sipzone.h version.h export.h status.h diag.h model.h records.h zone_json.h zone_text.h \
	 check.h import.h diff.h live.h outdir.h serial.h schema.h rules.h exports.h zone_files.h; do
	has "\./usr/include/sipzone/${h//./\\.}"
done
has "$lib/pkgconfig/sipzone\.pc"
has "$lib/cmake/sipzone/sipzoneConfig\.cmake"
has "$lib/cmake/sipzone/sipzoneConfigVersion\.cmake"
has "$lib/cmake/sipzone/sipzoneTargets\.cmake"
grep -q '\.in$' "$tmp/contents" && fail "a template (.in) is in the package"

# Unpacked anywhere, the binary finds the library beside it, and nothing in
# the package's text files points back into the build tree.
dpkg-deb -x "$deb" "$tmp/root" || fail "dpkg-deb -x failed"
out=$(env -u LD_LIBRARY_PATH "$tmp/root/usr/bin/sipzone" --version) ||
	fail "the packaged binary does not run from the unpacked tree"
[ "$out" = "sipzone $version" ] || fail "the packaged binary prints '$out'"
grep -rl --include='*.pc' --include='*.cmake' "$build" "$tmp/root" &&
	fail "package files above name the build directory"
echo ok
