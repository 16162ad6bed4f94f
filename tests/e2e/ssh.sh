#!/bin/sh
# Residents come in over SSH, with a key or a password, and nobody else.
. "$top_srcdir/tests/e2e/lib.sh"
command -v sshpass >/dev/null 2>&1 || skip_all "sshpass is not installed"

start_quartierd
expect_log "host key SHA256:" "the host key's fingerprint is logged"
check "the host key is made with mode 0600" test "$(stat -c %a "$TEST_TMP/host_key")" = 600

# A password login lands in the resident's quartier.
ssh_as marie
expect_screen "Bonjour Marie" "a password login reaches the menu"
expect_screen "Strasbourg › Krutenau" "in the resident's own quartier"
expect_log "accepted password for marie from 127.0.0.1" "the login is logged with method and source"
expect_log "]: job_finished: accepted password for marie" \
    "a log line names the function that wrote it"
check "the password is not in the log" sh -c "! grep -q '$DEMO_PASSWORD' '$SERVER_LOG'"

# The client's window size reaches the UI exactly, rows and columns apart:
# the key bar must be on the last row, the top line end at the last column.
key_bar_on_row() { screen | sed -n "${1}p" | grep -q 'Aide'; }
# (capture-pane drops the top line's trailing space)
top_line_width() { test "$(screen | sed -n 1p | LC_ALL=C.UTF-8 wc -L)" -eq $(($1 - 1)); }
for size in 100x30 80x24 132x43; do
	cols=${size%x*} rows=${size#*x}
	resize "$cols" "$rows"
	eventually "at $size the key bar is on row $rows" key_bar_on_row "$rows"
	eventually "at $size the top line is $cols columns wide" top_line_width "$cols"
done
resize 80 24

# Leaving the menu returns to the shell with status 0.
type q
expect_screen "Se déconnecter ? (o/n)"
type o
expect_screen "[exit 0]" "logging out ends ssh with status 0"
expect_log "session end for marie" "the end of the session is logged"
tm kill-session -t "$SESSION"

# A public key login: the key registered with quartier-admin.
new_key marie_key
check "the key is registered" "$ADMIN" --db "$DB" key add marie < "$TEST_TMP/marie_key.pub"
ssh_key_as marie "$TEST_TMP/marie_key"
expect_screen "Bonjour Marie" "a public key login reaches the menu"
expect_log "accepted publickey for marie" "the key login is logged"
tm kill-session -t "$SESSION"

# Someone else's key does not open Marie's account.
new_key stranger
ssh_key_as marie "$TEST_TMP/stranger"
expect_screen "Permission denied" "an unknown key is refused"
tm kill-session -t "$SESSION"

# An unknown handle and a wrong password: the same answer.
try_password() {
	timeout 20 sshpass -p "$2" ssh $SSH_OPTS -o PubkeyAuthentication=no \
	    -o NumberOfPasswordPrompts=1 -p "$PORT" "$1@127.0.0.1" true \
	    </dev/null 2>&1 | grep -o 'Permission denied.*'
}
unknown=$(try_password nobody-here "$DEMO_PASSWORD")
wrong=$(try_password marie "pas-le-bon")
check "an unknown handle is refused" test -n "$unknown"
check "a wrong password is refused the same way" test "$unknown" = "$wrong"
expect_log "failed password for marie from 127.0.0.1" "the failure is logged"

# A pending resident sees only how to get verified; a suspended one is
# told so and disconnected.
ssh_as hugo
expect_screen "› Vérification" "a pending resident gets the verification screen"
type 1
expect_no_screen "Mur" "and no board"
tm kill-session -t "$SESSION"
ssh_as paul
expect_screen "suspendu" "a suspended resident is told why"
expect_screen "[exit 1]" "and disconnected"
tm kill-session -t "$SESSION"

# Commands, sftp and forwarding are refused with a clear message.
ssh_run marie@127.0.0.1 ls /
check "ssh host ls is refused" test "$status" -ne 0
check "with a clear message" grep -q "commandes\|commands" "$TEST_TMP/out"
status=0
timeout 20 sshpass -p "$DEMO_PASSWORD" sftp $SSH_OPTS -o PubkeyAuthentication=no -P "$PORT" marie@127.0.0.1 >"$TEST_TMP/out" 2>&1 </dev/null || status=$?
check "sftp is refused" test "$status" -ne 0
check "sftp says the subsystem failed" grep -qi "subsystem request failed" "$TEST_TMP/out"
timeout 20 sshpass -p "$DEMO_PASSWORD" ssh -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o LogLevel=INFO \
    -o PubkeyAuthentication=no -p "$PORT" -N \
    -L 127.0.0.1:$((PORT + 1)):127.0.0.1:$PORT marie@127.0.0.1 \
    >"$TEST_TMP/out" 2>&1 </dev/null &
fwd=$!
sleep 2
got=$(timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$((PORT + 1)) && head -c 20 <&3" 2>/dev/null)
check "port forwarding (-L) carries nothing" test -z "$got"
kill $fwd 2>/dev/null; wait $fwd 2>/dev/null
check "the client is told the channel was refused" grep -q "open failed" "$TEST_TMP/out"

# The client vanishes: its UI process ends too, and nothing is left.
ssh_as karim
expect_screen "Bonjour Karim"
check "the UI runs for the session" test -n "$(ui_pids)"
tm kill-session -t "$SESSION"
eventually "killing the client ends its UI process" no_ui
check "no zombie is left" sh -c "! ps -o stat= --ppid $QUARTIERD_PID | grep -q Z"

# A terminal the server does not know still gets a working screen.
ssh_as sophie "$SESSION" 80 24 TERM=xterm-ghostty
expect_screen "Bonjour Sophie" "an unknown TERM (xterm-ghostty) still works"
expect_log "xterm-ghostty" "the client's TERM was received"
tm kill-session -t "$SESSION"

done_testing
