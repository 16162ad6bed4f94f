#!/bin/sh
# The server's limits: failed logins slow a source down, a connection
# that never logs in is closed, floods of unauthenticated connections are
# bounded, an idle session ends, a paste still arrives whole, and SIGTERM
# lets live sessions finish.
. "$top_srcdir/tests/e2e/lib.sh"
command -v sshpass >/dev/null 2>&1 || skip_all "sshpass is not installed"

start_quartierd "source_penalty_after = 2" "login_grace_time = 5" \
    "max_auth_tries = 3" "max_startups = 3:100:3" "idle_timeout = 10" \
    "keepalive_interval = 5"

fail_login() {
	timeout 30 sshpass -p "pas-le-bon" ssh $SSH_OPTS \
	    -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1 \
	    -p "$PORT" marie@127.0.0.1 true </dev/null >/dev/null 2>&1
}

# Repeated failures from one address: it is kept out for a while, longer
# after each new failure.
fail_login; fail_login
fail_login
expect_log "kept out" "after repeated failures the source is slowed down"
sleep 3		# past the 2 s pause, to the fourth try
fail_login
sleep 3
fail_login
expect_log "3 failed logins, kept out for 2 s" "the source is kept out after 3 failures"
expect_log "4 failed logins, kept out for 4 s" "and longer after each new one"

# max_auth_tries: a client that keeps trying is disconnected.
stop_quartierd
start_quartierd "login_grace_time = 5" "max_auth_tries = 2" \
    "max_startups = 3:100:3" "idle_timeout = 10" "keepalive_interval = 5" \
    "source_penalty_after = 100"
printf '#!/bin/sh\necho pas-le-bon\n' > "$TEST_TMP/askpass"
chmod +x "$TEST_TMP/askpass"
SSH_ASKPASS="$TEST_TMP/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=: \
    timeout 30 ssh $SSH_OPTS -o PubkeyAuthentication=no \
    -o NumberOfPasswordPrompts=5 -p "$PORT" marie@127.0.0.1 true \
    </dev/null >/dev/null 2>&1
expect_log "too many authentication failures" "max_auth_tries ends the connection"

# keepalive_interval (5 s here): a quiet session gets a message that asks
# for no answer (SSH_MSG_IGNORE, packet type 2), not a request the
# server would wait on (a global request, type 80).  ssh -tt ends its
# log lines with CR LF.
# (ssh takes an option's first value: LogLevel comes before SSH_OPTS.)
sleep 8 | timeout 20 sshpass -p "$DEMO_PASSWORD" ssh -o LogLevel=DEBUG3 \
    -E "$TEST_TMP/ka.log" $SSH_OPTS -tt -o PubkeyAuthentication=no \
    -p "$PORT" karim@127.0.0.1 >/dev/null 2>&1
check "a quiet session gets a keepalive after keepalive_interval" \
    grep -q "receive packet: type 2[[:space:]]*$" "$TEST_TMP/ka.log"
check_fails "one that asks for no answer" \
    grep -q "receive packet: type 80[[:space:]]*$" "$TEST_TMP/ka.log"

# A connection that never logs in is closed after the grace time.

python3 - "$PORT" <<'PY' && ok 0 "a silent connection is closed after login_grace_time" || ok 1 "a silent connection is closed after login_grace_time"
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.settimeout(20)
start = time.time()
data = b""
try:
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
except socket.timeout:
    sys.exit(1)
sys.exit(0 if data.startswith(b"SSH-2.0-") else 1)
PY

# max_startups 3:100:3: a fourth silent connection is refused at once.
python3 - "$PORT" <<'PY' && ok 0 "unauthenticated connections are bounded" || ok 1 "unauthenticated connections are bounded"
import socket, sys, time
port = int(sys.argv[1])
held = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
# The server counts the three once it has accepted them: on a busy
# machine that may take a while, so the fourth is tried up to 5 times.
for attempt in range(5):
    time.sleep(1)
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(3)
    try:
        refused = s.recv(100) == b""
    except socket.timeout:
        refused = False
    except ConnectionResetError:
        refused = True
    s.close()
    if refused:
        break
sys.exit(0 if refused else 1)
PY
expect_log "too many unauthenticated connections" "the refusal is logged"
sleep 6	# the held connections reach their grace time

# A pasted block of 20 KB arrives whole through the rate limit.
ssh_as nadia
expect_screen "Bonjour Nadia"
type 1; wait_for "Mur"
type n; type 1; press Tab; type "Long collage"; press Tab
awk 'BEGIN { for (i = 1; i <= 150; i++) printf "Ligne %03d d un long texte colle par une voisine.\n", i }' > "$TEST_TMP/long.txt"
paste "$TEST_TMP/long.txt"
press F2
expect_screen "Votre message est sur le mur." "a long paste is sent"
check "all 150 pasted lines arrived" test "$(sql "SELECT body FROM items WHERE title = 'Long collage'" | grep -c 'Ligne')" = 150

# An idle session ends by itself, with a word for the resident.
expect_screen "sans activité" "an idle session is closed with a message"
expect_screen "[exit 0]" "and the client gets status 0"
eventually "its UI process is gone" no_ui
tm kill-session -t "$SESSION"

# SIGTERM: no new connections, but a live session goes on.
ssh_as karim
expect_screen "Bonjour Karim"
kill -TERM "$QUARTIERD_PID"
eventually "after SIGTERM new connections are refused" sh -c "! timeout 5 bash -c 'exec 3<>/dev/tcp/127.0.0.1/$PORT' 2>/dev/null"
type 1
expect_screen "Strasbourg › Krutenau › Mur" "a live session goes on after SIGTERM"
type q; type q; type o
expect_screen "[exit 0]" "and ends normally"

done_testing
