#!/bin/sh
# connect.sh - how long one SSH login to quartierd takes, from the TCP
# connect to the end of a session whose UI exits at once: key exchange,
# authentication, the channel, the pseudo-terminal and the start of the
# UI program.  A loop of N logins one after the other, with a key and
# with a password; prints the median and the 90th percentile in ms.
# Outside make check: it measures, it does not pass or fail.
#
#   tests/bench/connect.sh [-n N]
#
# Run from a built tree (make), as root or as any user.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${top_builddir:-$top}
N=50
while getopts n: opt; do
	case $opt in
	n) N=$OPTARG ;;
	*) sed -n '8,10p' "$0" | sed 's/^#//' >&2; exit 2 ;;
	esac
done
command -v sshpass >/dev/null || { echo "connect.sh: sshpass is missing" >&2; exit 1; }

DIR=$(mktemp -d /tmp/quartier-connect.XXXXXX)
chmod 755 "$DIR"
PID=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$DIR"
}
trap cleanup EXIT INT TERM

. "$top/tests/bench/server.sh"
bench_server "max_startups = 100" "source_penalty_after = 1000"
ssh-keygen -q -t ed25519 -N '' -f "$DIR/key"
QUARTIER_CONFIG=/dev/null "$build/src/quartier-admin" --db "$DIR/srv/quartier.db" \
	key add marie < "$DIR/key.pub" >/dev/null
bench_server_own
bench_server_start "$DIR/log"
PID=$QPID
sleep 0.5

OPTS="-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -tt -p $PORT"
# one_round LABEL COMMAND...: N logins, then the median and the 90th
# percentile of their times.
one_round() {
	label=$1; shift
	: > "$DIR/times"
	n=0
	while [ $n -lt "$N" ]; do
		start=$(date +%s%N)
		"$@" </dev/null >/dev/null 2>&1 || true
		end=$(date +%s%N)
		echo $(( (end - start) / 1000 )) >> "$DIR/times"
		n=$((n + 1))
	done
	sort -n "$DIR/times" | awk -v label="$label" '
		{ t[NR] = $1 }
		END { printf "%-10s median %6.1f ms   p90 %6.1f ms   (%d logins)\n",
		    label, t[int((NR + 1) / 2)] / 1000, t[int(NR * 0.9 + 0.5)] / 1000, NR }'
}
one_round publickey ssh $OPTS -o PasswordAuthentication=no -o IdentitiesOnly=yes \
	-i "$DIR/key" marie@127.0.0.1
one_round password sshpass -p voisinage ssh $OPTS -o PubkeyAuthentication=no \
	marie@127.0.0.1
