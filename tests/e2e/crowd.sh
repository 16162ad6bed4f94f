#!/bin/sh
# Twenty residents connected at once all post at the same moment: every
# post is stored, and nobody sees an error.
. "$top_srcdir/tests/e2e/lib.sh"
command -v sshpass >/dev/null 2>&1 || skip_all "sshpass is not installed"

N=20
server_dir
for i in $(seq 1 $N); do
	printf '%s\n' "$DEMO_PASSWORD" | "$ADMIN" --db "$DB" resident add \
	    --quartier Krutenau --handle "voisin$i" --name "Voisin $i" \
	    --verified --password-stdin >/dev/null ||
		{ echo "Bail out! cannot add voisin$i"; exit 1; }
done
[ "$(id -u)" -eq 0 ] && chown nobody "$DB"
# Twenty password checks, four at a time, on a busy machine: a long grace
# time, so that none is turned away as too late (fairshare.sh tests that).
start_quartierd "max_startups = 30:30:60" "max_password_checks = 4" \
    "login_grace_time = 300"

for i in $(seq 1 $N); do
	ssh_as "voisin$i" "v$i"
done
for i in $(seq 1 $N); do
	TARGET=v$i wait_for "Bonjour Voisin $i" || diag "voisin$i did not get in"
done
check "all $N residents are in" test "$(grep -c 'session start for voisin' "$SERVER_LOG")" -eq $N
for i in $(seq 1 $N); do
	TARGET=v$i type 1
done
for i in $(seq 1 $N); do
	TARGET=v$i wait_for "Mur" && TARGET=v$i type n && TARGET=v$i type 1 && TARGET=v$i press Tab
	TARGET=v$i type "Tous ensemble $i"; TARGET=v$i press Tab
	TARGET=v$i type "Message du voisin $i, envoyé en même temps que les autres."
done
sleep 1
# Send all twenty at once.
pids=
for i in $(seq 1 $N); do
	TARGET=v$i press F2 &
	pids="$pids $!"
done
wait $pids
sent=0
for i in $(seq 1 $N); do
	TARGET=v$i wait_for "Votre message est sur le mur." && sent=$((sent + 1))
done
check "every resident was told their post is on the wall (no busy database)" test $sent -eq $N
check "all $N posts are stored" test "$(sql "SELECT count(*) FROM items WHERE title LIKE 'Tous ensemble %'")" -eq $N

done_testing
