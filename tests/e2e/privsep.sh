#!/bin/sh
# Privilege separation, as a sysop can see it in /proc: the network stage
# of a connection, which parses what the client sends, runs under seccomp
# with no new privileges, no database and no file at all, no way to make
# a process or a file, and (from root) an empty root directory; only the
# broker holds the database.  A session's stage holds its pty's master,
# still without the database.
. "$top_srcdir/tests/e2e/lib.sh"
command -v sshpass >/dev/null 2>&1 || skip_all "sshpass is not installed"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"

start_quartierd "login_grace_time = 60"

# children COMM: the listener's children of that name.
children() { pgrep -P "$QUARTIERD_PID" -x "$1" 2>/dev/null || true; }
# status_of PID FIELD: a field of /proc/PID/status.
status_of() { sed -n "s/^$2:[[:space:]]*//p" "/proc/$1/status"; }
# fds_of PID: where the descriptors of PID lead, one a line.
fds_of() { for _fd in /proc/$1/fd/*; do readlink "$_fd"; done 2>/dev/null; }
# limit_of PID NAME: the soft limit NAME of /proc/PID/limits.
limit_of() { grep "^$2 " "/proc/$1/limits" | awk '{ print $(NF - 2) }'; }

broker=$(children quartier-broker)
check "a broker runs beside the listener" test -n "$broker"
check "the broker holds the database" sh -c "ls -l /proc/$broker/fd | grep -qF '$DB'"
check_fails "the listener does not" sh -c "ls -l /proc/$QUARTIERD_PID/fd | grep -qF '$DB'"

# A connection that says nothing: its stage waits in the key exchange.
python3 - "$PORT" >/dev/null 2>&1 <<'PY' &
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
time.sleep(20)
PY
silent=$!
one_stage() { test "$(children quartier-net | wc -l)" -eq 1; }
eventually "the connection has its network stage" one_stage
net=$(children quartier-net)

check "the network stage is under seccomp (Seccomp: 2)" \
    test "$(status_of "$net" Seccomp)" = 2
check "with no new privileges (NoNewPrivs: 1)" \
    test "$(status_of "$net" NoNewPrivs)" = 1
check "it may start no process" test "$(limit_of "$net" "Max processes")" = 0
check "nor grow a file" test "$(limit_of "$net" "Max file size")" = 0
check "and holds a handful of descriptors at most" \
    test "$(limit_of "$net" "Max open files")" -le 6
if [ "$(id -u)" -eq 0 ]; then
	fds_of "$net" > "$TEST_TMP/fds"
	diag "$(cat "$TEST_TMP/fds")"
	check "it has no database descriptor" sh -c "! grep -q 'quartier.db' '$TEST_TMP/fds'"
	check "nor any file but /dev/null" \
	    sh -c "! grep -v -e '^socket:' -e '^/dev/null$' '$TEST_TMP/fds'"
	check "two sockets: the client and the broker, no pipe to the listener" \
	    test "$(grep -c '^socket:' "$TEST_TMP/fds")" -eq 2
	check "it runs as quartierd's user" \
	    test "$(status_of "$net" Uid | awk '{ print $2 }')" = "$(id -u "$RUN_AS")"
	check "in an empty directory, deleted, as its root" \
	    sh -c "readlink /proc/$net/root | grep -q '(deleted)'"
	check "the broker is not root either" \
	    test "$(status_of "$broker" Uid | awk '{ print $2 }')" = "$(id -u "$RUN_AS")"
else
	skip "the network stage's descriptors" "/proc/PID/fd needs root"
fi
kill "$silent" 2>/dev/null
wait "$silent" 2>/dev/null

# What a client sends reaches the log cleaned: a key exchange offering
# an algorithm named with a newline, a forged line and escape sequences.
python3 - "$PORT" <<'PY'
import socket, struct, sys
forged = b"evil\x1b[31m\nquartierd[1]: accepted password for marie\x1b]0;x\x07"
def namelist(s):
    return struct.pack(">I", len(s)) + s
payload = bytes([20]) + b"\0" * 16 + namelist(forged) + namelist(b"ssh-ed25519")
for s in (b"aes128-ctr", b"aes128-ctr", b"hmac-sha2-256", b"hmac-sha2-256",
          b"none", b"none", b"", b""):
    payload += namelist(s)
payload += b"\0" + b"\0\0\0\0"
pad = 8 - (len(payload) + 5) % 8
if pad < 4:
    pad += 8
packet = struct.pack(">IB", len(payload) + pad + 1, pad) + payload + b"\0" * pad
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.settimeout(20)
s.recv(256)			# the server's version, maybe its KEXINIT
s.sendall(b"SSH-2.0-Forger\r\n")
s.recv(4096)
s.sendall(packet)
try:
    while s.recv(4096):
        pass
except OSError:
    pass
PY
expect_log "no match for method kex algos" "a forged key exchange fails, and is logged"
check "no escape character reaches the log" \
    sh -c "! grep -q \"$(printf '\033')\" '$SERVER_LOG'"
check "no line is forged" sh -c "! grep -q '^quartierd\[1\]' '$SERVER_LOG'"
check "what the client sent is shown escaped" grep -qF 'evil\x1b[31m\x0aquartierd[1]' "$SERVER_LOG"

# A session: the stage got the pty's master from the broker, and is
# still in its sandbox; quartier is the broker's child.
ssh_as marie
expect_screen "Bonjour Marie" "a resident logs in"
net=$(children quartier-net)
check "the session's stage is still under seccomp" \
    test "$(status_of "$net" Seccomp)" = 2
if [ "$(id -u)" -eq 0 ]; then
	fds_of "$net" > "$TEST_TMP/fds"
	check "it holds the pty's master" grep -qx /dev/ptmx "$TEST_TMP/fds"
	check "and still no database" sh -c "! grep -q 'quartier.db' '$TEST_TMP/fds'"
fi
check "quartier runs as the broker's child" test -n "$(pgrep -P "$broker" -x quartier)"
type q; expect_screen "(o/n)"; type o
expect_screen "[exit 0]" "and the session ends as before"

# A broker that dies is started again, and the listener still answers
# SIGTERM: its socket, readable for ever once the broker is gone, must
# not keep the listener's wait from sleeping (it spun there, deaf to
# SIGCHLD and SIGTERM).
kill -KILL "$broker"
expect_log "the broker ended" "a broker that dies is noticed"
eventually "another broker is started" sh -c \
    "pgrep -P '$QUARTIERD_PID' -x quartier-broker | grep -vqx '$broker'"
tm kill-session -t "$SESSION" 2>/dev/null || true
ssh_as marie
expect_screen "Bonjour Marie" "a resident logs in through the new broker"
type q; expect_screen "(o/n)"; type o
expect_screen "[exit 0]"
check "the listener sleeps in its wait" test \
    "$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$QUARTIERD_PID/status")" = S


# As the systemd unit starts it: root, with only the capabilities of its
# CapabilityBoundingSet.  Each of them is needed: without the one to
# chroot or the one to signal another user's process, every connection
# would fail; quartierd says so at start instead.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	stop_quartierd
	caps=$(sed -n '/^CapabilityBoundingSet=/,/[^\\]$/p' \
	    "$top_srcdir/data/quartierd.service.in" |
	    sed 's/^CapabilityBoundingSet=//; s/\\//' | tr -s ' \t\n' '\n' |
	    sed -n 's/^CAP_//p' | tr 'A-Z' 'a-z')
	diag "the unit's capabilities: $(echo $caps)"
	bset=-all$(for c in $caps; do printf ',+%s' "$c"; done)
	QUARTIERD_WRAP="setpriv --bounding-set $bset" start_quartierd
	timeout 30 sshpass -p "$DEMO_PASSWORD" ssh $SSH_OPTS \
	    -o PubkeyAuthentication=no -p "$PORT" marie@127.0.0.1 true \
	    </dev/null >"$TEST_TMP/out" 2>&1
	check "with the unit's capabilities a resident logs in" \
	    grep -q "commandes\|commands" "$TEST_TMP/out"
	stop_quartierd
	for missing in sys_chroot kill; do
		status=0
		QUARTIER_LOCALEDIR="$SERVER_DIR/locale" timeout 20 \
		    setpriv --bounding-set "$bset,-$missing" "$QUARTIERD" \
		    -f "$TEST_TMP/quartierd.conf" --foreground \
		    >"$TEST_TMP/start.log" 2>&1 || status=$?
		check "without CAP_$(echo $missing | tr 'a-z' 'A-Z') quartierd does not start" \
		    test "$status" -eq 1
		check "and says what it needs" \
		    grep -q "quartierd needs CAP_$(echo $missing | tr 'a-z' 'A-Z')" \
		    "$TEST_TMP/start.log"
	done
else
	skip "quartierd under the unit's capabilities" "needs root and setpriv"
fi

done_testing
