# tests/e2e/lib.sh - quartierd on a free loopback port, and the real
# OpenSSH client (or PuTTY's plink) in tmux, used as a resident would.
#
#   . "$top_srcdir/tests/e2e/lib.sh"
#   start_quartierd
#   ssh_as marie
#   expect_screen "Bonjour Marie"
#   type 1; expect_screen "Mur"
#   done_testing
#
# Run as root (CI), quartierd drops to the user "nobody", so the UI
# program, the catalogue and the database are copied into a directory
# that user can read; run as anyone else, everything runs as them.

. "$top_srcdir/tests/ui/lib.sh"

QUARTIERD="$top_builddir/src/quartierd"
command -v ssh >/dev/null 2>&1 || skip_all "the OpenSSH client is not installed"

SERVER_DIR="$TEST_TMP/server"
SERVER_LOG="$TEST_TMP/quartierd.log"
SSH_OPTS="-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=10"
QUARTIERD_PID=

# server_dir: the files quartierd's user needs, readable by that user.
server_dir() {
	mkdir -p "$SERVER_DIR"
	chmod 755 "$TEST_TMP" "$SERVER_DIR"
	cp "$QUARTIER" "$SERVER_DIR/quartier"
	cp -r "$top_builddir/locale" "$SERVER_DIR/locale"
	cp -r "$top_srcdir/data/texts" "$SERVER_DIR/texts"
	DB="$SERVER_DIR/quartier.db"
	"$ADMIN" --db "$DB" init --demo >/dev/null ||
		{ echo "Bail out! init --demo failed"; exit 1; }
	RUN_AS=$(id -un)
	if [ "$(id -u)" -eq 0 ]; then
		RUN_AS=nobody
		chown -R nobody "$SERVER_DIR"
	fi
}

# start_quartierd [KEY=VALUE...]: a server on a free port, with extra
# configuration lines.  Sets PORT.  $QUARTIERD_WRAP, when set, is the
# command that runs it (setpriv with a service's capabilities, say).
start_quartierd() {
	[ -d "$SERVER_DIR" ] || server_dir
	for _try in 1 2 3 4 5 6 7 8; do
		PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
		{
			echo "db = $DB"
			echo "user = $RUN_AS"
			echo "ui_program = $SERVER_DIR/quartier"
			echo "host_key = $TEST_TMP/host_key"
			echo "listen = 127.0.0.1"
			echo "port = $PORT"
			echo "texts_dir = $SERVER_DIR/texts"
			for _line in "$@"; do echo "$_line"; done
		} > "$TEST_TMP/quartierd.conf"
		: > "$SERVER_LOG"
		QUARTIER_LOCALEDIR="$SERVER_DIR/locale" ${QUARTIERD_WRAP:-} \
			"$QUARTIERD" -f "$TEST_TMP/quartierd.conf" --foreground \
			>>"$SERVER_LOG" 2>&1 &
		QUARTIERD_PID=$!
		_i=0
		while [ $_i -lt 50 ]; do
			grep -q "running as\|listening on" "$SERVER_LOG" &&
				! grep -q "Address already in use" "$SERVER_LOG" &&
				kill -0 "$QUARTIERD_PID" 2>/dev/null && sleep 0.2 &&
				kill -0 "$QUARTIERD_PID" 2>/dev/null && return 0
			kill -0 "$QUARTIERD_PID" 2>/dev/null || break
			sleep 0.1; _i=$((_i + 1))
		done
		kill "$QUARTIERD_PID" 2>/dev/null; wait "$QUARTIERD_PID" 2>/dev/null
	done
	echo "Bail out! quartierd did not start"; cat "$SERVER_LOG"; exit 1
}

stop_quartierd() {
	[ -n "$QUARTIERD_PID" ] || return 0
	kill "$QUARTIERD_PID" 2>/dev/null
	wait "$QUARTIERD_PID" 2>/dev/null
	QUARTIERD_PID=
}
at_exit 'stop_quartierd'

# ssh_as HANDLE [SESSION [COLS ROWS [ENV...]]]: the OpenSSH client in
# tmux, with the demo password given by sshpass.  A key login uses
# ssh_key_as.
ssh_as() {
	handle=$1 name=${2:-$SESSION} cols=${3:-80} rows=${4:-24}
	[ $# -ge 4 ] && shift 4 || set --
	tm new-session -d -s "$name" -x "$cols" -y "$rows" \
		env "$@" sh -c "sshpass -p '$DEMO_PASSWORD' ssh $SSH_OPTS -o PubkeyAuthentication=no -p $PORT $handle@127.0.0.1; echo \"[exit \$?]\"; sleep 600"
}

# ssh_signup [SESSION [KEYFILE]]: "ssh new@host", as a newcomer types it:
# no password, and the key KEYFILE offered when given.
ssh_signup() {
	if [ -n "${2:-}" ]; then
		_auth="-o PasswordAuthentication=no -o IdentitiesOnly=yes -i '$2'"
	else
		_auth="-o PubkeyAuthentication=no"
	fi
	tm new-session -d -s "${1:-$SESSION}" -x 80 -y 24 \
		sh -c "ssh $SSH_OPTS $_auth -p $PORT new@127.0.0.1; echo \"[exit \$?]\"; sleep 600"
}

# ssh_key_as HANDLE KEYFILE [SESSION]: public key login, no password.
ssh_key_as() {
	tm new-session -d -s "${3:-$SESSION}" -x 80 -y 24 \
		sh -c "ssh $SSH_OPTS -o PasswordAuthentication=no -o IdentitiesOnly=yes -i '$2' -p $PORT $1@127.0.0.1; echo \"[exit \$?]\"; sleep 600"
}

# ssh_run ARGS...: a non-interactive ssh command (for refusals); output
# in $TEST_TMP/out, status in $status.
ssh_run() {
	status=0
	timeout 20 sshpass -p "$DEMO_PASSWORD" ssh $SSH_OPTS -o PubkeyAuthentication=no -p "$PORT" "$@" \
		>"$TEST_TMP/out" 2>&1 </dev/null || status=$?
}

# new_key NAME: an ed25519 key pair in $TEST_TMP/NAME(.pub).
new_key() {
	rm -f "$TEST_TMP/$1" "$TEST_TMP/$1.pub"
	ssh-keygen -q -t ed25519 -N '' -C "$1@test" -f "$TEST_TMP/$1"
}

# ui_pids: the UI processes of this server (its grandchildren).
ui_pids() {
	sessions=$(pgrep -d, -P "$QUARTIERD_PID" 2>/dev/null) || return 0
	pgrep -P "$sessions" 2>/dev/null || true
}

# no_ui: true when no UI process of this server is left.
no_ui() { test -z "$(ui_pids)"; }

# The listener logs what a connection reports when it reads the report,
# which may be a moment after the client has gone: wait up to 10 s.
expect_log() {
	_tries=0
	while ! grep -qF -- "$1" "$SERVER_LOG" && [ $_tries -lt 50 ]; do
		sleep 0.2; _tries=$((_tries + 1))
	done
	if grep -qF -- "$1" "$SERVER_LOG"; then ok 0 "${2:-log says \"$1\"}"
	else ok 1 "${2:-log says \"$1\"}"; diag "not in the log:" "$(tail -20 "$SERVER_LOG")"; fi
}
