# shellcheck shell=bash disable=SC2034
# tests/live/lib.sh: throwaway BIND servers on 127.0.0.1 for the live tests
# (SC2034: its variables are for the scripts that source it).
#
# Source it from a test script whose first argument is the sipzone binary.
# It makes a temporary directory $T and stops every named it started when
# the script exits, however it exits; on failure it prints their logs.
#
#   live_port                 pick a free port into $PORT (locked for this run)
#   live_zones_generate M     $T/gen/<zone>.zone from model M (sipzone generate)
#   live_primary NAME PORT    named.conf of a primary of contoso.com and
#                             fabrikam.com (updates with key sipzone-key)
#   live_start NAME PORT [ZONE...]
#                             start named NAME, wait until it serves the zones
#   live_stop NAME            stop it (SIGTERM, then SIGKILL)
#   q PORT NAME TYPE          dig's short answer, sorted
set -u

SZ=${1:?usage: $0 SIPZONE_BINARY}
LIVE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PATH=$PATH:/usr/sbin:/sbin

# The key the servers allow updates with, and keys they do not accept.
KEY_NAME=sipzone-key
KEY_SECRET=nYvRwYu929+BBDTiJKChxExwoQGZsKCHOXJnvBjuJ8Q=
WRONG_SECRET=ChfCxDh537I+6jTfldKglBUqEUSdpdOYoEZQA6260yM=
# known to the servers, but not allowed to update
OTHER_NAME=reader-key
OTHER_SECRET=3O7nTJ5z8Kd3dqQIr8b3oAZf0v9tXHpSxQbbKJ9d5xI=

fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "-- $*"; }

for tool in named dig nsupdate; do
	command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed (bind9, bind9-dnsutils)"; exit 77; }
done

T=$(mktemp -d "${TMPDIR:-/tmp}/sipzone-live.XXXXXX") || exit 2
LIVE_PIDS=()
LIVE_LOCKS=()
LIVE_NAMES=()

live_kill() {   # PID: TERM, wait up to 5 s, then KILL
	local pid=$1 i
	kill "$pid" 2>/dev/null || return 0
	for i in $(seq 1 50); do
		kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}

live_cleanup() {
	local rc=$? pid name lock
	for pid in "${LIVE_PIDS[@]}"; do live_kill "$pid"; done
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ]; then
		for name in "${LIVE_NAMES[@]}"; do
			echo "== named $name (tail of $T/$name/named.log)"
			tail -n 40 "$T/$name/named.log" 2>/dev/null
		done
	fi
	for lock in "${LIVE_LOCKS[@]}"; do rm -rf "$lock"; done
	if [ -n "${LIVE_KEEP:-}" ]; then echo "kept $T"; else rm -rf "$T"; fi
	exit "$rc"
}
trap live_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Something listens on the port (TCP, or UDP where ss can tell).
port_busy() {
	local p=$1
	if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then return 0; fi
	if command -v ss >/dev/null 2>&1 && ss -Hlnu "sport = :$p" 2>/dev/null | grep -q .; then
		return 0
	fi
	return 1
}

# A random free port. A lock directory keeps two tests of a parallel ctest
# run off the same port (named sets SO_REUSEPORT, so both would bind it).
live_port() {
	local root=${TMPDIR:-/tmp}/sipzone-live-ports-$(id -u) p i owner
	mkdir -p "$root" 2>/dev/null
	for i in $(seq 1 100); do
		# below the ephemeral range (32768-60999 on Linux, and named's own
		# query ports): a client socket of a parallel test cannot take it
		# between the check and named's bind (seen once: TCP "address in use")
		p=$((20000 + (RANDOM * 32768 + RANDOM) % 12700))
		if ! mkdir "$root/$p" 2>/dev/null; then
			owner=$(cat "$root/$p/pid" 2>/dev/null)
			[ -n "$owner" ] && kill -0 "$owner" 2>/dev/null && continue
			rm -rf "${root:?}/$p"                  # left by a killed run
			mkdir "$root/$p" 2>/dev/null || continue
		fi
		echo $$ >"$root/$p/pid"
		if port_busy "$p"; then rm -rf "${root:?}/$p"; continue; fi
		LIVE_LOCKS+=("$root/$p")
		PORT=$p
		return 0
	done
	fail "no free port found"
}

live_zones_generate() {   # MODEL
	"$SZ" generate "$1" -o "$T/gen" --serial 2026010101 -q || fail "sipzone generate $1"
}

# Records of contoso.com that are not sipzone's: push must leave them alone.
live_add_foreign_records() {   # ZONEFILE
	cat >>"$1" <<'EOF'
; not sipzone's
www.contoso.com.        3600 IN A     192.0.2.80
sip.contoso.com.        3600 IN TXT   "not sipzone's"
_ldap._tcp.contoso.com. 3600 IN SRV   0 0 389 dc1.contoso.com.
dc1.contoso.com.        3600 IN A     192.0.2.10
EOF
}

live_options() {   # NAME PORT
	local dir=$T/$1
	cat <<EOF
options {
	directory "$dir";
	pid-file none;
	session-keyfile "$dir/session.key";
	managed-keys-directory "$dir";
	listen-on port $2 { 127.0.0.1; };
	listen-on-v6 { none; };
	recursion no;
	dnssec-validation no;
	notify no;
	minimal-responses yes;
};
controls { };
key "$KEY_NAME" { algorithm hmac-sha256; secret "$KEY_SECRET"; };
key "$OTHER_NAME" { algorithm hmac-sha256; secret "$OTHER_SECRET"; };
EOF
}

# A primary of the zones in $T/gen, contoso.com with foreign records.
# EXTRA_ZONE_OPTIONS (optional) goes into each zone statement.
live_primary() {   # NAME PORT
	local dir=$T/$1 z
	mkdir -p "$dir"
	cp "$T"/gen/*.zone "$dir"/ || fail "no generated zones"
	live_add_foreign_records "$dir/contoso.com.zone"
	{
		live_options "$1" "$2"
		for z in contoso.com fabrikam.com; do
			cat <<EOF
zone "$z" {
	type primary;
	file "$z.zone";
	allow-update { key $KEY_NAME; };
	${EXTRA_ZONE_OPTIONS:-}
};
EOF
		done
	} >"$dir/named.conf"
}

live_start() {   # NAME PORT [ZONE...]: start, wait until each ZONE's SOA is served
	local name=$1 port=$2 pid zone
	shift 2
	named -g -4 -n 1 -c "$T/$name/named.conf" >"$T/$name/named.log" 2>&1 &
	pid=$!
	LIVE_PIDS+=("$pid")
	LIVE_NAMES+=("$name")
	eval "LIVE_PID_$name=$pid"
	[ $# -gt 0 ] || set -- contoso.com
	for zone in "$@"; do live_wait_zone "$name" "$port" "$zone"; done
}

live_wait_zone() {   # NAME PORT ZONE: at most 30 s (a loaded CI machine is slow)
	local var=LIVE_PID_$1 end=$((SECONDS + 30))
	while [ "$SECONDS" -lt "$end" ]; do
		# over UDP and over TCP: a secondary started next transfers over
		# TCP, and a refused first transfer waits long before its retry
		if [ -n "$(q "$2" "$3" SOA)" ] &&
		   [ -n "$(dig +tcp +short +norec +time=2 +tries=1 -p "$2" @127.0.0.1 "$3" SOA 2>/dev/null)" ]; then
			return 0
		fi
		kill -0 "${!var}" 2>/dev/null || fail "named $1 exited (port $2)"
		sleep 0.1
	done
	fail "named $1 does not serve $3 on port $2 after 30 s"
}

live_stop() {   # NAME
	local var=LIVE_PID_$1
	live_kill "${!var}"
}

q() {   # PORT NAME TYPE: the answer's records; nothing when there is no answer
	dig +short +norec +time=2 +tries=2 -p "$1" @127.0.0.1 "$2" "$3" 2>/dev/null | grep -v '^;' | sort
}

serial() {   # PORT ZONE
	q "$1" "$2" SOA | awk '{print $3}'
}

# nsupdate with the update key; the commands come on standard input.
nsup() {   # PORT
	{ echo "server 127.0.0.1 $1"; cat; echo "send"; } |
		nsupdate -y "hmac-sha256:$KEY_NAME:$KEY_SECRET" -t 30 || fail "nsupdate failed"
}

key_file() {   # PATH NAME SECRET
	printf 'key "%s" {\n\talgorithm hmac-sha256;\n\tsecret "%s";\n};\n' "$2" "$3" >"$1"
}

expect_eq() {   # WHAT GOT WANT
	[ "$2" = "$3" ] || fail "$1: got [$2], want [$3]"
}
