#!/bin/sh
# One address cannot take every place: sessions are capped per source, a
# signup counts as unauthenticated until its form is sent and has a short
# idle limit, a silent key exchange holds its place for the grace time
# only, and a flood of unauthenticated connections gives way to others.
# A resident turned away for load is told so in words, also when the
# password check waited past the grace time.
. "$top_srcdir/tests/e2e/lib.sh"
command -v sshpass >/dev/null 2>&1 || skip_all "sshpass is not installed"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"

# ssh_from ADDRESS HANDLE SESSION: a password login in tmux from a
# loopback address of its own.
ssh_from() {
	tm new-session -d -s "$3" -x 80 -y 24 \
		sh -c "sshpass -p '$DEMO_PASSWORD' ssh $SSH_OPTS -o BindAddress=$1 -o PubkeyAuthentication=no -p $PORT $2@127.0.0.1; echo \"[exit \$?]\"; sleep 600"
}
# login_from ADDRESS HANDLE [OUT]: the right password, then a command,
# refused: enough to have logged in.
login_from() {
	timeout 60 sshpass -p "$DEMO_PASSWORD" ssh $SSH_OPTS -o BindAddress="$1" \
	    -o PubkeyAuthentication=no -p "$PORT" "$2@127.0.0.1" true \
	    </dev/null >"${3:-$TEST_TMP/out}" 2>&1
}
# hold N ADDRESS: N connections from ADDRESS that say nothing, for 60 s;
# their holder's pid in $holder.
hold() {
	python3 - "$PORT" "$1" "$2" >/dev/null 2>&1 <<'PY' &
import socket, sys, time
port, n, source = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
held = []
for _ in range(n):
    s = socket.socket()
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    held.append(s)
    time.sleep(0.05)
time.sleep(60)
PY
	holder=$!
}
stages() { pgrep -P "$QUARTIERD_PID" -x quartier-net | wc -l; }
stages_at_least() { test "$(stages)" -ge "$1"; }
no_stage() { test "$(stages)" -eq 0; }

## Sessions per source, and in all, refused in words.

start_quartierd "max_sessions_per_source = 2" "max_sessions = 3"
ssh_from 127.0.0.1 marie m
TARGET=m expect_screen "Bonjour Marie" "a first session from an address"
ssh_from 127.0.0.1 karim k
TARGET=k expect_screen "Bonjour Karim" "a second one"
ssh_from 127.0.0.1 sophie s
TARGET=s expect_screen "Trop de sessions sont ouvertes depuis votre adresse" \
    "a third from the same address is refused, in words"
TARGET=s expect_screen "[exit 1]" "with exit status 1"
ssh_from 127.0.0.2 nadia n
TARGET=n expect_screen "Bonjour Nadia" "another address still comes in"
ssh_from 127.0.0.3 lucas l
TARGET=l expect_screen "Le serveur est très chargé, réessayez dans une minute" \
    "past max_sessions a resident is told the server is busy"
TARGET=l expect_screen "[exit 1]" "and leaves with exit status 1"
expect_log "refused (max_sessions)" "the refusal is logged"
for t in m k s n l; do tm kill-session -t "$t"; done
stop_quartierd

## Signups count as unauthenticated, and idle for a short while only.

start_quartierd "max_sessions = 2" "signup_idle_timeout = 10" \
    "max_startups = 20"
for t in s1 s2 s3; do
	ssh_signup "$t"
	TARGET=$t expect_screen "Inscription" "signup form $t opens"
done
ssh_from 127.0.0.2 marie m
TARGET=m expect_screen "Bonjour Marie" \
    "three signup forms open, a resident still comes in (max_sessions 2)"
TARGET=s1 expect_screen "sans activité" "an idle signup form is closed"
expect_log "idle for 10 s" "after signup_idle_timeout, not idle_timeout"
for t in s1 s2 s3 m; do tm kill-session -t "$t"; done
stop_quartierd

## The grace time holds for the key exchange; a flood gives way.

start_quartierd "login_grace_time = 5" "max_startups = 10:30:20"
hold 1 127.0.0.1
expect_log "no key exchange from 127.0.0.1" \
    "a connection that says nothing ends at the grace time"
check "and it ends then, in the log's words" \
    grep -q "no key exchange from 127.0.0.1 port [0-9]*: login grace time over" "$SERVER_LOG"
eventually "its stage is gone" no_stage
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
stop_quartierd
start_quartierd "login_grace_time = 60" "max_startups = 20"
hold 20 127.0.0.2
eventually "twenty silent connections from one address fill max_startups" \
    stages_at_least 20
got=0
for i in 1 2 3 4 5; do
	login_from 127.0.0.1 marie
	grep -q "commandes\|commands" "$TEST_TMP/out" && got=$((got + 1))
done
check "every resident from another address still gets in" test "$got" -eq 5
expect_log "the oldest from 127.0.0.2 gives way to 127.0.0.1" \
    "the flood's oldest connections make room"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
stop_quartierd

## A password check that waits past the grace time under load: the
## resident is let in, or told the server is busy, never dropped bare.

slow_hash=0
python3 - "$DB" <<'PY' || slow_hash=$?
import ctypes, sqlite3, sys
s = ctypes.CDLL("libsodium.so.23")
s.sodium_init()
out = ctypes.create_string_buffer(128)
pw = b"voisinage"
# argon2id with 20 passes instead of 2: about ten times the usual check.
if s.crypto_pwhash_str_alg(out, pw, ctypes.c_ulonglong(len(pw)),
        ctypes.c_ulonglong(20), ctypes.c_size_t(64 << 20), 2) != 0:
    sys.exit(1)
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE residents SET password_hash = ? WHERE handle = 'marie'",
           (out.value.decode(),))
db.commit()
PY
if [ "$slow_hash" -ne 0 ]; then
	skip "a password check that waits past the grace time" \
	    "no slow hash from libsodium"
	done_testing
	exit
fi
start_quartierd "login_grace_time = 5" "max_password_checks = 1" \
    "max_startups = 100" "source_penalty_after = 100" \
    "handle_penalty_after = 100"
pids=
for i in 1 2 3 4 5 6 7 8; do
	login_from 127.0.0.1 marie "$TEST_TMP/load$i" &
	pids="$pids $!"
done
wait $pids
in=0 busy=0 bare=0
for i in 1 2 3 4 5 6 7 8; do
	if grep -q "commandes\|commands" "$TEST_TMP/load$i"; then in=$((in + 1))
	elif grep -q "serveur est très chargé, réessayez dans une minute" \
	    "$TEST_TMP/load$i"; then busy=$((busy + 1))
	else bare=$((bare + 1)); diag "login $i: $(cat "$TEST_TMP/load$i")"; fi
done
diag "$in in, $busy told the server is busy, $bare neither"
check "no login with the right password ends without a word" test "$bare" -eq 0
check "some got in" test "$in" -ge 1
check "those whose check could not start in time were told it is busy" \
    test "$busy" -ge 1
expect_log "no password check in time for marie" "the log says why"
check_fails "an accepted password is never followed by the grace time's end" \
    grep -q "no shell from .*login grace time over" "$SERVER_LOG"

done_testing
