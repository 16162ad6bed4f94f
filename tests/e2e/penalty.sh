#!/bin/sh
# Failed passwords slow their source down, and only a verified resident's
# login clears that: not a signup ("new"), not a pending resident.  The
# pause holds for connections opened before it too.  A handle guessed at
# from many addresses slows down as well, without locking its owner out.
# A suspended account answers the same whatever the password.
. "$top_srcdir/tests/e2e/lib.sh"
command -v sshpass >/dev/null 2>&1 || skip_all "sshpass is not installed"

# fail_from ADDRESS [HANDLE]: one wrong password for HANDLE (marie) from
# ADDRESS, a loopback address of its own (127.0.0.N).
fail_from() {
	timeout 30 sshpass -p "pas-le-bon" ssh $SSH_OPTS -o BindAddress="$1" \
	    -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1 \
	    -p "$PORT" "${2:-marie}@127.0.0.1" true </dev/null >/dev/null 2>&1
}
# login_from ADDRESS HANDLE: the right password; the session is refused
# at once (a command), which is enough to have logged in.
login_from() {
	timeout 30 sshpass -p "$DEMO_PASSWORD" ssh $SSH_OPTS -o BindAddress="$1" \
	    -o PubkeyAuthentication=no -p "$PORT" "$2@127.0.0.1" true \
	    </dev/null >"$TEST_TMP/out" 2>&1
}
count_log() { grep -cF -- "$1" "$SERVER_LOG"; }
logged_twice() { test "$(count_log "$1")" -eq 2; }

start_quartierd "source_penalty_after = 2" "handle_penalty_after = 1000"

# Two failures: kept out 1 s.  Then a signup, and a pending resident's
# login: neither forgets the failures, the next one counts as the third
# and the fourth.
fail_from 127.0.0.1; fail_from 127.0.0.1
expect_log "127.0.0.1: 2 failed logins, kept out for 1 s" "two failures keep the source out"
sleep 2
ssh_run -o BindAddress=127.0.0.1 new@127.0.0.1 true
expect_log "signup session" "then it logs in as new"
fail_from 127.0.0.1
expect_log "127.0.0.1: 3 failed logins, kept out for 2 s" \
    "which does not reset its failures"
sleep 3
login_from 127.0.0.1 hugo
expect_log "accepted password for hugo" "then a pending resident logs in"
fail_from 127.0.0.1
expect_log "127.0.0.1: 4 failed logins, kept out for 4 s" \
    "which does not reset them either"
sleep 5
login_from 127.0.0.1 marie
expect_log "accepted password for marie" "then a verified resident logs in"
fail_from 127.0.0.1
fail_from 127.0.0.1
eventually "whose login starts the source afresh" \
    logged_twice "127.0.0.1: 2 failed logins, kept out for 1 s"

# A connection opened before the pause gets no check during it: five
# guesses on one connection, the third within the pause the second set.
stop_quartierd
start_quartierd "source_penalty_after = 2" "handle_penalty_after = 1000" \
    "max_auth_tries = 6"
printf '#!/bin/sh\necho pas-le-bon\n' > "$TEST_TMP/askpass"
chmod +x "$TEST_TMP/askpass"
SSH_ASKPASS="$TEST_TMP/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=: \
    timeout 30 ssh $SSH_OPTS -o PubkeyAuthentication=no \
    -o NumberOfPasswordPrompts=5 -p "$PORT" marie@127.0.0.1 true \
    </dev/null >/dev/null 2>&1
expect_log "refused a password for marie from 127.0.0.1" \
    "a connection opened before the pause is kept out too"
check "only the first guesses were checked" \
    test "$(count_log "failed password for marie")" -lt 5

# One handle from five addresses, each failing once: the handle slows
# down, whatever the address.  Its owner still comes in, after the pause.
stop_quartierd
start_quartierd "source_penalty_after = 100" "handle_penalty_after = 3" \
    "handle_penalty_max = 2"
for n in 2 3 4; do fail_from "127.0.0.$n"; done
expect_log "marie: 3 failed passwords from any source, the next check waits 1 s" \
    "a handle guessed at from three addresses is slowed down"
fail_from 127.0.0.5
expect_log "marie: 4 failed passwords from any source, the next check waits 2 s" \
    "and more after each new guess"
login_from 127.0.0.1 marie
check "its owner still logs in, once the pause is over" \
    grep -q "commandes\|commands" "$TEST_TMP/out"
fail_from 127.0.0.6
check_fails "and that login starts the handle afresh" \
    grep -q "marie: 5 failed passwords" "$SERVER_LOG"

# A suspended resident: the right password and a wrong one get the same
# answer, after the same check.
login_from 127.0.0.1 paul
cp "$TEST_TMP/out" "$TEST_TMP/right"
timeout 30 sshpass -p "pas-le-bon" ssh $SSH_OPTS -o PubkeyAuthentication=no \
    -o NumberOfPasswordPrompts=1 -p "$PORT" paul@127.0.0.1 true \
    </dev/null >"$TEST_TMP/wrong" 2>&1
check "a suspended resident is told so" grep -q "suspendu" "$TEST_TMP/right"
check "with a wrong password, the very same words" cmp -s "$TEST_TMP/right" "$TEST_TMP/wrong"
check "the log says nothing of which was right" \
    test "$(count_log "password for suspended paul from 127.0.0.1")" -eq 2
check_fails "and never accepted" grep -q "accepted password for paul" "$SERVER_LOG"

done_testing
