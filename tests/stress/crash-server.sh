#!/bin/sh
# crash-server.sh - quartierd and every session it runs killed with
# SIGKILL at once, while residents press F2 on a post and a storm of
# writers works on the same database: afterwards the database passes
# PRAGMA integrity_check, and every post a resident was told is on the
# wall, like every write the storm was told is stored, is there.
. "$top_srcdir/tests/e2e/lib.sh"
command -v sshpass >/dev/null 2>&1 || skip_all "sshpass is not installed"

N=6
STORM="$top_builddir/tests/stress/storm"
server_dir
for i in $(seq 1 $N); do
	printf '%s\n' "$DEMO_PASSWORD" | "$ADMIN" --db "$DB" resident add \
	    --quartier Krutenau --handle "voisin$i" --name "Voisin $i" \
	    --verified --password-stdin >/dev/null ||
		{ echo "Bail out! cannot add voisin$i"; exit 1; }
done
[ "$(id -u)" -eq 0 ] && chown nobody "$DB"
start_quartierd "max_startups = 30:30:60" "max_password_checks = 4"

for i in $(seq 1 $N); do
	ssh_as "voisin$i" "v$i"
done
# compose I TITLE: the post form of session I filled, not yet sent.
compose() {
	TARGET=v$1 wait_for "Mur" && TARGET=v$1 type n && TARGET=v$1 type 1 && TARGET=v$1 press Tab
	TARGET=v$1 type "$2"; TARGET=v$1 press Tab
	TARGET=v$1 type "Écrit par le voisin $1 pendant la tempête."
}
for i in $(seq 1 $N); do
	TARGET=v$i wait_for "Bonjour Voisin $i" || diag "voisin$i did not get in"
	TARGET=v$i type 1
	compose "$i" "Avant la panne $i"
	TARGET=v$i press F2
done
acked=0
for i in $(seq 1 $N); do
	TARGET=v$i wait_for "Votre message est sur le mur." &&
		acked=$((acked + 1))
done
check "every resident was told their first post is on the wall" \
    test $acked -eq $N

# The storm, then second posts sent all at once, then the kill.
mkdir "$TEST_TMP/log"
"$STORM" "$DB" "$TEST_TMP/log" 5 6 0 >"$TEST_TMP/storm.out" 2>&1 &
storm=$!
for i in $(seq 1 $N); do
	compose "$i" "Pendant la panne $i"
done
sleep 2
for i in $(seq 1 $N); do
	TARGET=v$i press F2 &
done
sleep 0.05
sessions=$(pgrep -P "$QUARTIERD_PID" | tr '\n' ' ')
uis=$(for s in $sessions; do pgrep -P "$s"; done | tr '\n' ' ')
# shellcheck disable=SC2086
kill -9 "$QUARTIERD_PID" $sessions $uis 2>/dev/null
wait "$QUARTIERD_PID" 2>/dev/null
QUARTIERD_PID=
diag "killed quartierd, $(echo $sessions | wc -w) session(s) and $(echo $uis | wc -w) UI process(es)"
wait $storm
storm_status=$?
sed 's/^/# /' "$TEST_TMP/storm.out"

check "the database is intact after the kill" \
    test "$(sql "PRAGMA integrity_check")" = ok
check "every post acknowledged before the kill is there" \
    test "$(sql "SELECT count(*) FROM items WHERE title LIKE 'Avant la panne %'")" -eq $N
told=0 lost=0
for i in $(seq 1 $N); do
	# The screen the client kept: the resident saw the post go through
	# only if the message came after the second form.
	if screen "v$i" | grep -q "Votre message est sur le mur."; then
		told=$((told + 1))
		[ "$(sql "SELECT count(*) FROM items WHERE title = 'Pendant la panne $i'")" -eq 1 ] ||
			lost=$((lost + 1))
	fi
done
diag "$told resident(s) saw their second post go through before the kill"
check "every post a resident saw go through is there" test $lost -eq 0
check "the storm lost nothing it acknowledged, and saw no busy database" \
    test $storm_status -eq 0

done_testing
