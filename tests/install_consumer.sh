#!/usr/bin/env bash
# tests/install_consumer.sh BUILD SOURCE_DIR
# A program outside this tree links the installed libsipzone three ways and
# runs: through pkg-config, through find_package(sipzone) with
# sipzone::sipzone (shared), and with sipzone::sipzone_static (COMPONENTS
# static). It uses only <sipzone/sipzone.h>: the version, loading the
# example model, its records as JSON, and a model that does not parse.
# find_package(sipzone NEXT_MAJOR.0) is refused (sipzoneConfigVersion.cmake).
# Environment: CC (default cc) and SZ_CONSUMER_FLAGS (compile and link flags,
# e.g. the sanitizers the library was built with).
set -u
build=$1 src=$2
cc=${CC:-cc}
flags=${SZ_CONSUMER_FLAGS:-}
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null || fail "cmake --install failed"
sos=("$prefix"/lib*/libsipzone.so) # lib/ or lib/<multiarch>/, as GNUInstallDirs chose
[ -e "${sos[0]}" ] || fail "libsipzone.so not installed"
libdir=${sos[0]#"$prefix"/}
libdir=${libdir%/libsipzone.so}

version=$(sed -n 's/^project(sipzone VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
[ -n "$version" ] || fail "no version in $src/CMakeLists.txt"
# What the consumer must print: the records of contoso.com start with its
# federation SRV record (README, zones-examples/contoso), in the form
# include/sipzone/zone_json.h documents.
cat >"$tmp/expected" <<END
version $version
contoso.com: found
{"zone":"contoso.com.","name":"_sipfederationtls._tcp.contoso.com.","ttl":3600,"class":"IN","type":"SRV","rdata":{"priority":0,"weight":0,"port":5061,"target":"sip.contoso.com."}}
broken.json: invalid json-syntax
END

mkdir -p "$tmp/consumer"
cat >"$tmp/consumer/consumer.c" <<'END'
#include <stdio.h>
#include <string.h>
#include <sipzone/sipzone.h>

static sz_status first_record(const char *json, size_t len, void *ctx)
{
	int *seen = ctx;
	if ((*seen)++ == 0)
		printf("%.*s\n", (int)len, json);
	return SZ_OK;
}

int main(int argc, char **argv)
{
	if (argc != 2 || strcmp(sz_version(), SZ_VERSION_STRING) != 0)
		return 2;
	printf("version %s\n", sz_version());

	sz_diag_list diags;
	sz_diag_list_init(&diags);
	sz_model *model = NULL;
	if (sz_model_load_file(argv[1], &model, &diags) != SZ_OK)
		return 3;
	printf("contoso.com: %s\n", sz_model_find_domain(model, "contoso.com") ? "found" : "missing");
	sz_snippets *snippets = NULL;
	if (sz_snippets_build(model, &snippets) != SZ_OK || snippets->count == 0)
		return 4;
	int seen = 0;
	for (size_t i = 0; i < snippets->count; i++)
		if (strcmp(snippets->items[i].zone, "contoso.com") == 0 &&
		    sz_snippet_each_json(&snippets->items[i], first_record, &seen) != SZ_OK)
			return 5;
	sz_snippets_free(snippets);
	sz_model_free(model);

	sz_status st = sz_model_load_buffer("{", 1, "broken.json", &model, &diags);
	printf("broken.json: %s %s\n", sz_status_name(st),
	       diags.count > 0 ? diags.items[0].rule : "(no diagnostic)");
	sz_diag_list_clear(&diags);
	return 0;
}
END
cat >"$tmp/consumer/CMakeLists.txt" <<'END'
cmake_minimum_required(VERSION 3.18)
project(consumer LANGUAGES C)
find_package(sipzone 0.1 REQUIRED COMPONENTS static)
add_executable(consumer consumer.c)
target_link_libraries(consumer PRIVATE sipzone::sipzone)
add_executable(consumer_static consumer.c)
target_link_libraries(consumer_static PRIVATE sipzone::sipzone_static)
END
model=$src/zones-examples/contoso/model.json

check_run() { # NAME PROGRAM [ENV...]
	local name=$1 prog=$2
	shift 2
	env -u LD_LIBRARY_PATH "$@" "$prog" "$model" >"$tmp/$name.out" || fail "$name exits $?"
	diff -u "$tmp/expected" "$tmp/$name.out" || fail "$name printed something else"
}

# pkg-config: the installed sipzone.pc, nothing from the build tree.
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
pkg-config --exists sipzone || fail "pkg-config does not find sipzone.pc"
[ "$(pkg-config --modversion sipzone)" = "$version" ] || fail "sipzone.pc has the wrong version"
pkg-config --libs sipzone | grep -q -- '-lldns\|-ljansson\|-lpsl' &&
	fail "pkg-config --libs names the private dependencies"
pkg-config --static --libs sipzone | grep -q -- '-lldns' || fail "pkg-config --static --libs lacks -lldns"
# shellcheck disable=SC2046,SC2086
"$cc" -std=c11 -Wall -Wextra -Werror $flags "$tmp/consumer/consumer.c" -o "$tmp/consumer_pc" \
	$(pkg-config --cflags --libs sipzone) || fail "the consumer does not build with pkg-config"
readelf -d "$tmp/consumer_pc" | grep -q 'NEEDED.*libsipzone.so.0' || fail "consumer_pc does not link libsipzone.so.0"
check_run consumer_pc "$tmp/consumer_pc" LD_LIBRARY_PATH="$prefix/$libdir"

# find_package(sipzone): CMake finds it through CMAKE_PREFIX_PATH only.
CC=$cc cmake -S "$tmp/consumer" -B "$tmp/consumer/build" -DCMAKE_PREFIX_PATH="$prefix" \
	-DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" >"$tmp/cmake.log" 2>&1 ||
	{ cat "$tmp/cmake.log"; fail "find_package(sipzone) fails"; }
cmake --build "$tmp/consumer/build" >"$tmp/build.log" 2>&1 ||
	{ cat "$tmp/build.log"; fail "the CMake consumer does not build"; }
readelf -d "$tmp/consumer/build/consumer" | grep -q 'NEEDED.*libsipzone.so.0' ||
	fail "sipzone::sipzone is not the shared library"
readelf -d "$tmp/consumer/build/consumer_static" | grep -q 'NEEDED.*libsipzone' &&
	fail "sipzone::sipzone_static links the shared library"
check_run consumer "$tmp/consumer/build/consumer"
check_run consumer_static "$tmp/consumer/build/consumer_static"

# sipzoneConfigVersion.cmake: another major version is not compatible.
mkdir -p "$tmp/too_new"
next_major=$(( ${version%%.*} + 1 ))
printf 'cmake_minimum_required(VERSION 3.18)\nproject(too_new LANGUAGES C)\nfind_package(sipzone %s REQUIRED)\n' \
	"$next_major.0" >"$tmp/too_new/CMakeLists.txt"
cmake -S "$tmp/too_new" -B "$tmp/too_new/build" -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/too_new.log" 2>&1 &&
	fail "find_package(sipzone $next_major.0) accepts version $version"
grep -q 'compatible with requested version' "$tmp/too_new.log" ||
	{ cat "$tmp/too_new.log"; fail "find_package(sipzone $next_major.0) fails for another reason"; }
echo ok
