#!/usr/bin/env bash
# The layering of the library (docs/ARCHITECTURE.md, issue 11): each folder
# of src/ may use only itself and the folders before it in
#     base dns zonefile model sip loader records check import diff live
# and no two files may use each other, directly or round a longer loop.
#
# usage: layering.sh SOURCE_DIR BUILD_DIR TARGET KNOWN_FILE
#   SOURCE_DIR  the source tree (holds src/ and cmd/)
#   BUILD_DIR   the build tree; the objects of library target TARGET are
#               found under its CMakeFiles/TARGET.dir
#   KNOWN_FILE  known violations that other work is removing, one a line
#               in the form this script prints them ('#' starts a comment)
#
# Two checks:
#  (a) #include "X/..." in src/FOLDER/*.[ch]: X is FOLDER, a folder before
#      it, or sipzone (the public API); cmd/ includes only "sipzone/..." and
#      its own headers.
#  (b) `nm` on the library's objects: file A uses file B when A leaves a
#      symbol undefined that B defines. Fails on an edge from a folder to one
#      after it, and on every loop (a strongly connected set of two or more
#      files), printing the edges with the symbols they carry.
# Violations listed in KNOWN_FILE are printed but do not fail the test; one
# listed there that no longer occurs is pointed out so the line can go.
set -u
[ $# = 4 ] || { echo "usage: $0 SOURCE_DIR BUILD_DIR TARGET KNOWN_FILE" >&2; exit 2; }
src=$1
build=$2
target=$3
known_file=$4
order="base dns zonefile model sip loader records check import diff live"
nm=${NM:-nm}
command -v "$nm" >/dev/null || { echo "$nm not found" >&2; exit 2; }
[ -d "$src/src" ] || { echo "no src/ in $src" >&2; exit 2; }
[ -r "$known_file" ] || { echo "cannot read $known_file" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sz-layering.XXXXXX")
trap '[ -n "${LAYERING_KEEP:-}" ] || rm -rf "$tmp"' EXIT

# Known violations, comments and blank lines dropped.
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$known_file" | sort -u >"$tmp/known"

# (a) includes: one "FILE includes HEADER<TAB>why" line per violation.
rank() { # rank FOLDER: position in $order, or empty
	local i=0 f
	for f in $order; do
		[ "$f" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
}
: >"$tmp/includes"
for file in "$src"/src/*/*.[ch] "$src"/cmd/*.[ch]; do
	[ -e "$file" ] || continue
	rel=${file#"$src"/}
	dir=$(dirname "$rel")
	folder=${dir#src/}
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file" |
		while read -r header; do
			label=${rel#src/}
			case $header in
			sipzone/*) continue ;;
			*/*) x=${header%%/*} ;;
			*)
				# cmd/ names its own headers without the folder; src/ always
				# names the folder ("dns/host_name.h")
				[ "$dir" = cmd ] && [ -e "$src/cmd/$header" ] && continue
				if [ "$dir" = cmd ]; then
					echo "$label includes $header	cmd/ uses only the public API (sipzone/...) and its own headers"
				else
					echo "$label includes $header	name the folder: $folder/$header, or sipzone/... for the public API"
				fi
				continue
				;;
			esac
			if [ "$dir" = cmd ]; then
				echo "$label includes $header	cmd/ uses only the public API (sipzone/...)"
				continue
			fi
			rf=$(rank "$folder")
			rx=$(rank "$x")
			if [ -z "$rx" ]; then
				echo "$label includes $header	$x/ is not a folder of the library"
			elif [ -z "$rf" ]; then
				echo "$label includes $header	$folder/ is not in the layer order"
			elif [ "$rx" -gt "$rf" ]; then
				echo "$label includes $header	$x/ comes after $folder/"
			fi
		done >>"$tmp/includes"
done

# (b) objects. CMake names them after their source, relative to the
# target's source directory ("src/base/hash.c.o"); a generated source
# ("schema_data.c.o") belongs to the folder that holds its template.
find "$build" -path "*/CMakeFiles/$target.dir/*" -name '*.o' | sort >"$tmp/objects"
[ -s "$tmp/objects" ] || { echo "no objects of target $target under $build/**/CMakeFiles/$target.dir" >&2; exit 2; }
: >"$tmp/symbols"
files=0
while read -r obj; do
	label=${obj#*/CMakeFiles/"$target".dir/}
	label=${label%.o}
	label=${label#src/}
	if [ "${label#*/}" = "$label" ]; then
		found=
		for tpl in "$src"/src/*/"$label".in; do
			[ -e "$tpl" ] && label=${tpl#"$src"/src/} && label=${label%.in} && found=1
		done
		[ -n "$found" ] || continue # left over from a source that is gone
	elif [ ! -e "$src/src/$label" ]; then
		continue # left over from a source that is gone
	fi
	files=$((files + 1))
	# "NAME TYPE ..." of the external symbols; U is undefined here
	"$nm" -P -g "$obj" | awk -v f="$label" '$2 == "U" { print "U", f, $1; next } $2 ~ /^[A-TV-Z]$/ { print "D", f, $1 }'
done <"$tmp/objects" >"$tmp/symbols"

# One "A -> B<TAB>symbols" line per pair of files where A uses B.
awk -v edges_out="$tmp/edges" '
$1 == "D" && !($3 in def) { def[$3] = $2 }
$1 == "U" { use[++nu] = $2 SUBSEP $3 }
END {
	for (i = 1; i <= nu; i++) {
		split(use[i], u, SUBSEP)
		if (!(u[2] in def) || def[u[2]] == u[1])
			continue
		e = u[1] " -> " def[u[2]]
		syms[e] = syms[e] " " u[2]
	}
	for (e in syms)
		print e "\t" substr(syms[e], 2) > edges_out
}' "$tmp/symbols"
[ -e "$tmp/edges" ] || : >"$tmp/edges"
sort -o "$tmp/edges" "$tmp/edges"

# Known edges are left out of the order and loop checks: a loop made only of
# known edges passes, one that needs any other edge fails.
awk -F '\t' 'FILENAME == ARGV[1] { known[$0] = 1; next } !($1 in known)' "$tmp/known" "$tmp/edges" >"$tmp/new_edges"

awk -F '\t' -v order="$order" '
BEGIN { n = split(order, o, " "); for (i = 1; i <= n; i++) rank[o[i]] = i }
{
	split($1, ft, " -> ")
	a = ft[1]; b = ft[2]
	fa = a; sub(/\/.*/, "", fa)
	fb = b; sub(/\/.*/, "", fb)
	if (!(fa in rank) || !(fb in rank))
		printf "%s\t%s\n", $1, "outside the layers: " $2
	else if (rank[fb] > rank[fa])
		printf "%s\t%s\n", $1, fb "/ comes after " fa "/: " $2
}' "$tmp/new_edges" >"$tmp/upward"

# Loops: files that reach each other are one strongly connected set.
awk -F '\t' '
{
	split($1, ft, " -> ")
	a = ft[1]; b = ft[2]
	node[a] = 1; node[b] = 1
	adj[a] = adj[a] " " b
	syms[a, b] = $2
}
END {
	for (s in node) {
		# iterative depth-first search from s
		delete seen
		sp = 0; stack[++sp] = s; seen[s] = 1
		while (sp > 0) {
			v = stack[sp--]
			m = split(adj[v], next_, " ")
			for (k = 1; k <= m; k++)
				if (!(next_[k] in seen)) { seen[next_[k]] = 1; stack[++sp] = next_[k]; reach[s, next_[k]] = 1 }
		}
	}
	for (a in node) {
		comp = a
		for (b in node)
			if (b != a && ((a, b) in reach) && ((b, a) in reach) && b < comp)
				comp = b
		member[comp] = member[comp] " " a
	}
	for (c in member) {
		if (split(member[c], ms, " ") < 2)
			continue
		for (i in ms) for (j in ms)
			if ((ms[i], ms[j]) in syms)
				printf "%s -> %s\t%s\n", ms[i], ms[j], "in a loop of" member[c] ": " syms[ms[i], ms[j]]
	}
}' "$tmp/new_edges" | sort >"$tmp/loops"

fail=0
report() { # report TITLE FILE: print "KEY<TAB>WHY" lines, fail on those not known
	local title=$1 file=$2 key why shown=0
	while IFS='	' read -r key why; do
		grep -qxF -- "$key" "$tmp/known" && continue
		[ $shown = 1 ] || { echo "FAIL: $title"; shown=1; }
		echo "  $key"
		echo "      $why"
		fail=1
	done <"$file"
}
report "#include of a later layer or outside the API" "$tmp/includes"
report "an edge from a folder to a later one (file -> file it uses: symbols)" "$tmp/upward"
report "files that use each other (file -> file it uses: symbols)" "$tmp/loops"

# The known violations, and those that no longer occur.
cut -f1 "$tmp/includes" "$tmp/edges" | sort -u >"$tmp/present"
while read -r key; do
	if grep -qxF -- "$key" "$tmp/present"; then
		why=$(grep -F -- "$key	" "$tmp/edges" "$tmp/includes" | head -n 1 | cut -f2)
		echo "known (tests/layering-known.txt): $key${why:+: $why}"
	else
		echo "note: '$key' no longer occurs; remove it from tests/layering-known.txt"
	fi
done <"$tmp/known"

edges=$(wc -l <"$tmp/edges")
if [ $fail = 0 ]; then
	echo "ok: $files objects, $edges file-level edges, layers $order"
	exit 0
fi
echo "layering violated ($files objects, $edges file-level edges)"
exit 1
