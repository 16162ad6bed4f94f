#!/bin/sh
# Newcomers over real SSH: sign up, get verified by letter or by two
# neighbours, and only then see the quartier.
. "$top_srcdir/tests/e2e/lib.sh"
command -v sshpass >/dev/null 2>&1 || skip_all "sshpass is not installed"

start_quartierd "signups_per_hour = 10"

# signup HANDLE NAME QUARTIER# STREET [PASSWORD]: the whole form, as a
# newcomer fills it (QUARTIER# is the quartier's number in the list;
# without a password, the key offered is attached).
signup() {
	wait_for "Étape 1 sur" || diag "no signup form"
	type "$1"; press Enter; wait_for "Étape 2 sur"
	type "$2"; press Enter; wait_for "Étape 3 sur"
	type 1; press Enter; wait_for "Étape 4 sur"
	type "$3"; press Enter; wait_for "Étape 5 sur"
	type "$4"; press Enter
	if [ -n "${5:-}" ]; then
		wait_for "Étape 6 sur"
		type "$5"; press Enter; type "$5"; press Enter
	fi
	wait_for "J'accepte"; type a
	wait_for "Créer"; press Enter
}

letter_code() {
	grep -o '[2-9A-Z]\{4\}-[2-9A-Z]\{4\}-[2-9A-Z]\{4\}' "$TEST_TMP/letters/$1.txt" | head -n 1
}

# 1. Sign up with a password; the letter's code verifies; first post.
ssh_signup
expect_screen "Inscription" "ssh new@host opens the signup form without a password"
signup lena "Léna Hoffmann" 2 "8 rue de Zurich" "un-long-secret"
expect_screen "Votre compte est créé" "the account is created over SSH"
expect_log "signup form sent from 127.0.0.1" \
    "the form tells quartierd it was sent: a session from now on"
type x
expect_screen "[exit 0]"
tm kill-session -t "$SESSION"
check "Léna is pending in Krutenau with her street" test "$(sql "SELECT status || '/' || street FROM residents WHERE handle = 'lena'")" = "pending/8 rue de Zurich"
check "the signup's source address is kept" test "$(sql "SELECT signup_source FROM residents WHERE handle = 'lena'")" = 127.0.0.1


tm new-session -d -s lena -x 80 -y 24 sh -c "sshpass -p un-long-secret ssh $SSH_OPTS -o PubkeyAuthentication=no -p $PORT lena@127.0.0.1; echo \"[exit \$?]\"; sleep 600"
TARGET=lena expect_screen "› Vérification" "a pending resident logs in to the verification screen"
TARGET=lena type 1
TARGET=lena expect_no_screen "› Mur" "and cannot reach any board"

check "letters are written" "$ADMIN" --db "$DB" letters --out "$TEST_TMP/letters"
code=$(letter_code lena)
check "Léna's letter holds a code" test -n "$code"
TARGET=lena type "ABCD-EFGH-JKMN"; TARGET=lena press Enter
TARGET=lena expect_screen "essai" "a wrong code says how many tries are left"
check "a wrong code changes nothing" test "$(sql "SELECT status FROM residents WHERE handle = 'lena'")" = pending
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do TARGET=lena press BSpace; done
TARGET=lena type "$code"; TARGET=lena press Enter
TARGET=lena expect_screen "Bonjour Léna" "the right code opens the quartier"
check "Léna is verified" test "$(sql "SELECT status FROM residents WHERE handle = 'lena'")" = verified
TARGET=lena type 1; TARGET=lena wait_for "› Mur"
TARGET=lena type n; TARGET=lena type 1; TARGET=lena press Tab
TARGET=lena type "Bonjour les voisins"; TARGET=lena press Tab
TARGET=lena type "Je viens d'arriver rue de Zurich."
TARGET=lena press F2
TARGET=lena expect_screen "Votre message est sur le mur." "her first post"
tm kill-session -t lena

# 2. Sign up with a key; two neighbours vouch; in with the key.
new_key tom_key
ssh_signup tom "$TEST_TMP/tom_key"
TARGET=tom expect_screen "Inscription"
TARGET=tom signup tom "Tom Meyer" 2 "14 quai des Bateliers"
TARGET=tom expect_screen "Votre compte est créé" "a signup with a key asks no password"
tm kill-session -t tom
check "the key is attached to the account" test "$(sql "SELECT count(*) FROM ssh_keys k JOIN residents r ON r.id = k.resident_id WHERE r.handle = 'tom'")" = 1

for neighbour in karim sophie; do
	ssh_as $neighbour v_$neighbour
	TARGET=v_$neighbour wait_for "Bonjour"
	TARGET=v_$neighbour expect_screen "Voisins en attente" "$neighbour sees neighbours waiting"
	TARGET=v_$neighbour type v
	TARGET=v_$neighbour expect_screen "quai des Bateliers" "the street shows without its number"
	TARGET=v_$neighbour expect_no_screen "14 quai" "never the house number"
	TARGET=v_$neighbour type v
	TARGET=v_$neighbour wait_for "(o/n)"
	TARGET=v_$neighbour type o
	# "Merci : ..." once the vouch is stored (or Tom verified).
	TARGET=v_$neighbour wait_for "Merci :" ||
		diag "no thanks on $neighbour's screen" "$(screen v_$neighbour)"
	tm kill-session -t v_$neighbour
done
check "two vouches verify Tom" test "$(sql "SELECT status FROM residents WHERE handle = 'tom'")" = verified
ssh_key_as tom "$TEST_TMP/tom_key"
expect_screen "Bonjour Tom" "Tom comes in with the key he signed up with"
tm kill-session -t "$SESSION"

# 3. Expired and locked codes.
ssh_signup
signup zoe "Zoé Martin" 2 "2 rue des Orphelins" "encore-un-secret"
expect_screen "Votre compte est créé"; type x
tm kill-session -t "$SESSION"
"$ADMIN" --db "$DB" letters --out "$TEST_TMP/letters" >/dev/null
code=$(letter_code zoe)
sql "UPDATE verifications SET expires_at = 1 WHERE method = 'letter' AND resident_id = (SELECT id FROM residents WHERE handle = 'zoe')"
tm new-session -d -s zoe -x 80 -y 24 sh -c "sshpass -p encore-un-secret ssh $SSH_OPTS -o PubkeyAuthentication=no -p $PORT zoe@127.0.0.1; echo \"[exit \$?]\"; sleep 600"
TARGET=zoe expect_screen "expiré" "an expired code is refused"
TARGET=zoe type "$code"; TARGET=zoe press Enter
sleep 1
check "an expired code does not verify" test "$(sql "SELECT status FROM residents WHERE handle = 'zoe'")" = pending
tm kill-session -t zoe
sql "UPDATE verifications SET expires_at = strftime('%s','now') + 86400, attempts = 5 WHERE method = 'letter' AND resident_id = (SELECT id FROM residents WHERE handle = 'zoe')"
tm new-session -d -s zoe -x 80 -y 24 sh -c "sshpass -p encore-un-secret ssh $SSH_OPTS -o PubkeyAuthentication=no -p $PORT zoe@127.0.0.1; echo \"[exit \$?]\"; sleep 600"
TARGET=zoe expect_screen "cette lettre est bloquée" "after too many wrong codes the letter is locked"
TARGET=zoe type "$code"; TARGET=zoe press Enter
sleep 1
check "a locked letter does not verify, even with the right code" test "$(sql "SELECT status FROM residents WHERE handle = 'zoe'")" = pending
tm kill-session -t zoe

done_testing
