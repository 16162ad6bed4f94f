#!/bin/sh
# guesses.sh - how many passwords an attacker gets checked against one
# handle in a given time: from one address with several connections at
# once, and from 20 addresses (127.0.0.10 to .29) with one each, against
# quartierd with its defaults and, when it is installed, Debian's OpenSSH
# sshd with its own (the reference: PAM, MaxAuthTries 6, MaxStartups
# 10:30:100).  Every guess is a wrong password sent by the real OpenSSH
# client, as many per connection as the server takes.  Outside make check:
# it measures, it does not pass or fail.  doc/security has the figures.
#
#   tests/bench/guesses.sh [-t SECONDS] [-c CONNECTIONS] [-s]
#
#   -t S   how long each round lasts (60)
#   -c N   connections at once from the one address (10)
#   -s     also measure sshd (as root, with openssh-server installed:
#          it makes the user "quartierguess" for it, and removes it at
#          the end)
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${top_builddir:-$top}
SECONDS_PER_ROUND=60
CONNECTIONS=10
SSHD=false
while getopts t:c:s opt; do
	case $opt in
	t) SECONDS_PER_ROUND=$OPTARG ;;
	c) CONNECTIONS=$OPTARG ;;
	s) SSHD=true ;;
	*) sed -n '11,17p' "$0" | sed 's/^#//' >&2; exit 2 ;;
	esac
done
command -v sshpass >/dev/null || { echo "guesses.sh: sshpass is missing" >&2; exit 1; }

DIR=$(mktemp -d /tmp/quartier-guesses.XXXXXX)
chmod 755 "$DIR"
PIDS=
MADE_USER=false
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	if $MADE_USER; then userdel quartierguess 2>/dev/null || true; fi
	rm -rf "$DIR"
}
trap cleanup EXIT INT TERM

printf '#!/bin/sh\necho pas-le-bon-mot-de-passe\n' > "$DIR/askpass"
chmod 755 "$DIR/askpass"

# attack ADDRESS USER PORT UNTIL: wrong passwords from ADDRESS, one
# connection after another, each sending as many as the server takes.
attack() {
	while [ "$(date +%s)" -lt "$4" ]; do
		SSH_ASKPASS="$DIR/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=: \
		timeout 30 ssh -o StrictHostKeyChecking=no \
		    -o UserKnownHostsFile=/dev/null -o LogLevel=QUIET \
		    -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=100 \
		    -o BindAddress="$1" -o ConnectTimeout=5 -p "$3" \
		    "$2@127.0.0.1" true </dev/null >/dev/null 2>&1 || true
	done
}

# round LABEL USER PORT LOG PATTERN ADDRESS...: one round; prints the
# checks the server logged (lines matching PATTERN) per minute.
round() {
	label=$1 user=$2 port=$3 log=$4 pattern=$5
	shift 5
	before=$(grep -c -- "$pattern" "$log" || true)
	until=$(( $(date +%s) + SECONDS_PER_ROUND ))
	jobs=
	for address in "$@"; do
		attack "$address" "$user" "$port" "$until" &
		jobs="$jobs $!"
	done
	# shellcheck disable=SC2086
	wait $jobs
	sleep 2
	after=$(grep -c -- "$pattern" "$log" || true)
	awk -v l="$label" -v n=$((after - before)) -v s="$SECONDS_PER_ROUND" \
	    'BEGIN { printf "%-44s %6d guesses  %8.1f a minute\n", l, n, n * 60 / s }'
}

one_address() {
	i=0
	while [ $i -lt "$CONNECTIONS" ]; do echo 127.0.0.2; i=$((i + 1)); done
}
twenty_addresses() {
	i=10
	while [ $i -lt 30 ]; do echo "127.0.0.$i"; i=$((i + 1)); done
}

# quartierd, with its defaults.
. "$top/tests/bench/server.sh"
bench_server
bench_server_own
# start_quartierd: a fresh server (nothing counted yet), pid in $QPID.
start_quartierd() {
	bench_server_start "$DIR/q.log"
	PIDS="$QPID"
}
start_quartierd
echo "quartierd, defaults, ${SECONDS_PER_ROUND} s a round:"
# shellcheck disable=SC2046
round "  one address, $CONNECTIONS connections at once" marie "$PORT" \
    "$DIR/q.log" "failed password for marie" $(one_address)
kill "$QPID"; wait "$QPID" 2>/dev/null || true
# A fresh server: the round above left marie's handle slowed down.
start_quartierd
# shellcheck disable=SC2046
round "  20 addresses, one connection each" marie "$PORT" \
    "$DIR/q.log" "failed password for marie" $(twenty_addresses)
kill "$QPID"; wait "$QPID" 2>/dev/null || true

$SSHD || exit 0
if [ "$(id -u)" -ne 0 ] || [ ! -x /usr/sbin/sshd ]; then
	echo "guesses.sh: -s needs root and /usr/sbin/sshd (openssh-server)" >&2
	exit 1
fi
if ! id quartierguess >/dev/null 2>&1; then
	useradd --system --shell /bin/sh --home-dir /nonexistent quartierguess
	MADE_USER=true
fi
echo "quartierguess:un-vrai-mot-de-passe" | chpasswd
mkdir -p /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$DIR/sshd_key"
SPORT=$((PORT + 1))
start_sshd() {
	/usr/sbin/sshd -D -e -f /etc/ssh/sshd_config -h "$DIR/sshd_key" \
	    -o Port="$SPORT" -o ListenAddress=127.0.0.1 -o PidFile=none \
	    2>"$DIR/s.log" &
	SPID=$!
	PIDS="$SPID"
	i=0
	until grep -q "Server listening" "$DIR/s.log"; do
		sleep 0.1; i=$((i + 1))
		[ $i -lt 100 ] || { cat "$DIR/s.log" >&2; exit 1; }
	done
}
start_sshd
echo "OpenSSH $(ssh -V 2>&1 | cut -d, -f1 | cut -d_ -f2) sshd, Debian's defaults:"
# shellcheck disable=SC2046
round "  one address, $CONNECTIONS connections at once" quartierguess "$SPORT" \
    "$DIR/s.log" "Failed password for quartierguess" $(one_address)
# shellcheck disable=SC2046
round "  20 addresses, one connection each" quartierguess "$SPORT" \
    "$DIR/s.log" "Failed password for quartierguess" $(twenty_addresses)
kill "$SPID"; wait "$SPID" 2>/dev/null || true
