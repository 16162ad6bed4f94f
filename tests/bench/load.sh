#!/bin/sh
# load.sh - issue #8's load benchmark: N residents at once over SSH,
# against quartierd and, as the reference, Debian's OpenSSH sshd running
# the same quartier with ForceCommand.  Outside make check: it measures,
# it does not pass or fail.
#
#   tests/bench/load.sh [-n "1 50 200 500"] [-r RATE] [-i SECONDS] [-k]
#                       [-o FILE.json]
#
#   -n LIST   the numbers of concurrent sessions, one round each
#   -r RATE   new connections per second while a round opens its sessions
#   -i S      also measure S seconds with every session idle at the menu
#   -k        keep the work directory (servers' logs, database, keys)
#   -o FILE   also write every measurement as JSON into FILE
#
# Run as root from a built tree (make && make bench), with openssh-server
# and python3-asyncssh installed (./bootstrap --bench-deps).  It creates
# the system user "quartierbench" if missing, the user both servers run
# the sessions as.
#
# The two servers get the same ed25519 host key, the same database (made
# by tests/bench/bigdb), the same residents' ed25519 keys, and the client
# asks both for curve25519-sha256, ssh-ed25519 and chacha20-poly1305.
# quartierd looks the key up in the database and hands the resident to
# quartier on a descriptor.  sshd finds the key in an authorized_keys
# file whose line for it sets QUARTIER_BENCH_ID (PermitUserEnvironment),
# and its ForceCommand hands that id over the same way before exec'ing
# the same quartier program.  sshd runs lean: no PAM, no DNS, no motd,
# no last-login line, so that the reference is at its fastest.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${top_builddir:-$top}
ROUNDS="1 50 200 500"
RATE=50
KEEP=false
JSON=
IDLE=0
while getopts n:r:i:ko: opt; do
	case $opt in
	n) ROUNDS=$OPTARG ;;
	r) RATE=$OPTARG ;;
	i) IDLE=$OPTARG ;;
	k) KEEP=true ;;
	o) JSON=$OPTARG ;;
	*) sed -n '7,14p' "$0" | sed 's/^#//' >&2; exit 2 ;;
	esac
done

die() { echo "load.sh: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root: sshd and the session user need it"
[ -x /usr/sbin/sshd ] ||
	die "no /usr/sbin/sshd: apt-get install openssh-server (or ./bootstrap --bench-deps)"
/usr/bin/python3 -c 'import asyncssh' 2>/dev/null ||
	die "no asyncssh for /usr/bin/python3: apt-get install python3-asyncssh (or ./bootstrap --bench-deps)"
for f in src/quartierd src/quartier src/quartier-admin tests/bench/bigdb; do
	[ -x "$build/$f" ] || die "$build/$f is missing: run make && make bench"
done

max=0
for n in $ROUNDS; do [ "$n" -gt "$max" ] && max=$n; done
# The residents of the biggest round, and ten at least for the warm-up.
[ "$max" -ge 10 ] || max=10
USER_NAME=quartierbench
DIR=$(mktemp -d /tmp/quartier-load.XXXXXX)
chmod 755 "$DIR"
SRV=$DIR/srv
mkdir -p "$SRV" "$DIR/keys" /run/sshd
chmod 700 "$DIR/keys"
QD_PID=
SSHD_PID=
QD_CPU=
SSHD_CPU=
cleanup() {
	[ -n "$QD_PID" ] && kill "$QD_PID" 2>/dev/null
	[ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null
	wait 2>/dev/null
	for f in $QD_CPU $SSHD_CPU; do rmdir "$(dirname "$f")" 2>/dev/null; done
	if $KEEP; then echo "load.sh: kept $DIR"; else rm -rf "$DIR"; fi
}
trap cleanup EXIT INT TERM

# A home that exists (sshd changes into it) and an account sshd does not
# take for locked (it has no password either way).
if ! id -u "$USER_NAME" >/dev/null 2>&1; then
	useradd --system --no-create-home --home-dir / --shell /bin/bash \
	    --password '*' "$USER_NAME"
fi
case $(getent passwd "$USER_NAME"):$(getent shadow "$USER_NAME") in
"$USER_NAME":*:/:/bin/bash:"$USER_NAME":\*:*) ;;
*) usermod -d / -s /bin/bash -p '*' "$USER_NAME" ;;
esac

echo "load.sh: making the database and $max residents' keys in $DIR"
cp "$build/src/quartier" "$SRV/quartier"
cp -r "$build/locale" "$SRV/locale"
cp -r "$top/data/texts" "$SRV/texts"
DB=$SRV/quartier.db
# Two quartiers, twice as many residents as the biggest round needs, and
# enough items that each board has pages (the big quartier gets most).
"$build/tests/bench/bigdb" --quartiers 2 --residents $((max * 2 + 200)) \
    --items 20000 "$DB" >"$DIR/bigdb.log" 2>&1
sqlite3 "$DB" "SELECT id, handle FROM residents WHERE status = 'verified'
    AND role = 'resident' AND quartier_id = 1
    AND length(handle) >= 3 ORDER BY id LIMIT $max" |
    tr '|' ' ' >"$DIR/residents"
[ "$(wc -l <"$DIR/residents")" -eq "$max" ] ||
	die "the database has fewer than $max verified residents"
# Every bench resident has a conversation to open: a message from the
# resident after them in the list.
sqlite3 "$DB" "BEGIN;
    CREATE TEMP TABLE bench(n INTEGER PRIMARY KEY, id INTEGER);
    INSERT INTO bench(id) SELECT id FROM residents WHERE status = 'verified'
	AND role = 'resident' AND quartier_id = 1 AND length(handle) >= 3
	ORDER BY id LIMIT $max;
    INSERT INTO messages (quartier_id, sender_id, recipient_id, subject,
	body, created_at)
	SELECT 1, coalesce(b2.id, (SELECT id FROM bench WHERE n = 1)), b.id,
	'Perceuse', 'Bonjour, vous auriez une perceuse à me prêter samedi ?',
	strftime('%s', 'now') - 3600 FROM bench b LEFT JOIN bench b2
	ON b2.n = b.n + 1;
    UPDATE messages SET thread_id = id WHERE thread_id IS NULL;
    COMMIT;"
ssh-keygen -q -t ed25519 -N '' -C host -f "$DIR/host_key"
: >"$DIR/authorized_keys"
while read -r id handle; do
	ssh-keygen -q -t ed25519 -N '' -C "$handle" -f "$DIR/keys/$handle"
	"$build/src/quartier-admin" --db "$DB" key add "$handle" \
	    <"$DIR/keys/$handle.pub" >/dev/null
	printf 'environment="QUARTIER_BENCH_ID=%s" %s\n' "$id" \
	    "$(cat "$DIR/keys/$handle.pub")" >>"$DIR/authorized_keys"
done <"$DIR/residents"
chown -R "$USER_NAME" "$SRV"

port() {
	while :; do
		p=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
		ss -ltn "sport = :$p" 2>/dev/null | grep -q LISTEN || break
	done
	echo "$p"
}
QD_PORT=$(port)
SSHD_PORT=$(port)
[ "$SSHD_PORT" -ne "$QD_PORT" ] || SSHD_PORT=$((QD_PORT + 1))

# Both servers without the limits meant for the open Internet: a round
# opens hundreds of sessions from one address in a few seconds.
cat >"$DIR/quartier.conf" <<EOF
db = $DB
user = $USER_NAME
ui_program = $SRV/quartier
host_key = $DIR/host_key
listen = 127.0.0.1
port = $QD_PORT
texts_dir = $SRV/texts
max_startups = 2000:100:2000
max_sessions = 2000
max_sessions_per_source = 2000
source_penalty_after = 1000
max_auth_tries = 6
EOF
cp "$DIR/quartier.conf" "$SRV/quartier.conf"
chown "$USER_NAME" "$SRV/quartier.conf"

cat >"$DIR/sshd_config" <<EOF
ListenAddress 127.0.0.1:$SSHD_PORT
HostKey $DIR/host_key
PidFile $DIR/sshd.pid
KexAlgorithms curve25519-sha256
HostKeyAlgorithms ssh-ed25519
PubkeyAcceptedAlgorithms ssh-ed25519
Ciphers chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,aes256-gcm@openssh.com
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
UseDNS no
PrintMotd no
PrintLastLog no
Banner none
AllowUsers $USER_NAME
AuthorizedKeysFile $DIR/authorized_keys
StrictModes no
PermitUserEnvironment QUARTIER_BENCH_ID
AcceptEnv LANG LC_*
MaxStartups 2000:100:2000
MaxSessions 10
LoginGraceTime 120
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PermitTunnel no
Subsystem sftp none
LogLevel ERROR
ForceCommand QUARTIER_SESSION_FD=3 QUARTIER_CONFIG=$SRV/quartier.conf QUARTIER_LOCALEDIR=$SRV/locale exec $SRV/quartier 3<<<"\$QUARTIER_BENCH_ID"
EOF

# Each server in a cgroup of its own: its CPU time then includes every
# process it ran, even one a parent never waited for.  Without cgroups to
# write to, the listener's own and its reaped children's times stand in.
cgroup() {
	if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
		d=/sys/fs/cgroup/quartier-load-$1 f=cpu.stat
	else
		d=/sys/fs/cgroup/cpuacct/quartier-load-$1 f=cpuacct.usage
	fi
	rmdir "$d" 2>/dev/null || true
	mkdir "$d" 2>/dev/null && [ -f "$d/$f" ] && echo "$d/$f"
}
QD_CPU=$(cgroup quartierd || true)
SSHD_CPU=$(cgroup openssh || true)
# in_cgroup FILE COMMAND...: run COMMAND in the cgroup of FILE, if any.
in_cgroup() {
	exec sh -c '[ -z "$1" ] || echo $$ >"${1%/*}/cgroup.procs"; shift; exec "$@"' \
	    in_cgroup "$@"
}
in_cgroup "$QD_CPU" env QUARTIER_LOCALEDIR="$SRV/locale" \
    "$build/src/quartierd" -f "$DIR/quartier.conf" --foreground \
    >"$DIR/quartierd.log" 2>&1 &
QD_PID=$!
in_cgroup "$SSHD_CPU" /usr/sbin/sshd -D -e -f "$DIR/sshd_config" \
    >"$DIR/sshd.log" 2>&1 &
SSHD_PID=$!
sleep 1
kill -0 "$QD_PID" 2>/dev/null || { cat "$DIR/quartierd.log"; die "quartierd did not start"; }
kill -0 "$SSHD_PID" 2>/dev/null || { cat "$DIR/sshd.log"; die "sshd did not start"; }

/usr/bin/python3 "$top/tests/bench/load.py" \
    --target "quartierd:$QD_PORT:$QD_PID:handle:$QD_CPU" \
    --target "openssh:$SSHD_PORT:$SSHD_PID:$USER_NAME:$SSHD_CPU" \
    --residents "$DIR/residents" --keys "$DIR/keys" --rate "$RATE" --idle "$IDLE" \
    ${JSON:+--json "$JSON"} $ROUNDS
