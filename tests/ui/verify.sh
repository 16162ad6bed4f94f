#!/bin/sh
# A pending resident sees only how to get verified: the code of a letter,
# neighbours who vouch, or a visit in person; moving house makes a
# resident pending again in the new quartier.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db

# start_handover ID: quartier as quartierd starts it for a resident it
# authenticated: the line "ID" on descriptor 3, named by
# QUARTIER_SESSION_FD (here from a file, 3<file, instead of a pipe).
start_handover() {
	printf '%s\n' "$1" > "$TEST_TMP/handover"
	tm new-session -d -s "$SESSION" -x 80 -y 24 \
		env QUARTIER_CONFIG=/dev/null \
		QUARTIER_LOCALEDIR="$QUARTIER_LOCALEDIR" \
		LANG=C.UTF-8 LANGUAGE= LC_ALL= TERM=xterm-256color \
		QUARTIER_SESSION_FD=3 \
		sh -c "\"$QUARTIER\" --db \"$DB\" 3<\"$TEST_TMP/handover\"; echo \"[exit \$?]\"; sleep 600"
	tm set-option -t "$SESSION" remain-on-exit on >/dev/null
}

# vouch_as HANDLE NAME: HANDLE logs in and vouches for NAME.
vouch_as() {
	start_ui 80 24
	login "$1"
	wait_for "Bonjour"
	type "v"
	expect_screen "Strasbourg › Krutenau › Voisins en attente" "$1 opens the neighbours waiting"
	expect_screen "$2" "$1 sees $2 waiting"
	type "v"
	expect_screen "« Je connais cette personne" "vouching is explained first"
	expect_screen "Vous portez-vous garant de $2 ? (o/n)" "and asked"
	type "o"
}

# Hugo is pending in Neudorf: only the verification screen.
start_ui 80 24
login hugo
expect_screen "Strasbourg › Neudorf › Vérification" "a pending resident lands on the verification screen"
expect_screen "attend la vérification de votre adresse" "it says where they stand"
expect_screen "Votre adresse peut être vérifiée de trois façons" "and the three ways"
expect_screen "Votre lettre n'est pas encore partie" "no letter was posted yet"
expect_screen "Garants jusqu'ici : 0 sur 2" "no vouch yet"
expect_screen "justificatif de domicile" "the way in person"
type "1"
expect_no_screen "Mur" "pressing 1 opens no board"
expect_screen "Vérification" "the verification screen stays"
press BSpace
type "q"
expect_no_screen "Se déconnecter ?" "q is just a letter of a code here"
press BSpace
press Escape
expect_screen "Se déconnecter ? (o/n)" "Esc logs out, after asking"
type "o"
expect_screen "Bienvenue sur Quartier" "back to the login screen"
tm kill-session -t "$SESSION"

# The same over SSH: quartierd hands over a pending resident's id.
start_handover "$(sql "SELECT id FROM residents WHERE handle = 'hugo'")"
expect_screen "Strasbourg › Neudorf › Vérification" "a pending resident handed over sees the verification screen"
press Escape
expect_screen "Se déconnecter ? (o/n)" "Esc logs out, after asking"
type "o"
expect_screen "[exit 0]" "logging out ends the SSH session"
tm kill-session -t "$SESSION"

# A letter: a wrong code costs a try, the right one opens the quartier.
run_admin letters --out "$TEST_TMP/letters"
expect_status 0 "letters are issued"
code=$(sed -n 's/.* \([A-Z0-9]\{4\}-[A-Z0-9]\{4\}-[A-Z0-9]\{4\}\)$/\1/p' "$TEST_TMP/letters/hugo.txt")
check "the letter holds a code" test -n "$code"
start_ui 80 24
login hugo
expect_screen "5 essais restants" "the screen counts the tries"
type "AAAA-BBBB-CCCC"; press Enter
expect_screen "4 essais restants" "a wrong code costs a try"
expect_no_screen "AAAA-BBBB-CCCC" "and is cleared"
check "hugo is still pending" test "$(sql "SELECT status FROM residents WHERE handle = 'hugo'")" = pending
type "$(printf '%s' "$code" | tr 'A-Z-' 'a-z ')"; press Enter
expect_screen "Bienvenue ! Votre adresse est vérifiée" "the right code verifies, in small letters and spaces too"
expect_screen "1   Mur du quartier" "and opens the menu"
check "hugo is verified" test "$(sql "SELECT status FROM residents WHERE handle = 'hugo'")" = verified
tm kill-session -t "$SESSION"

# Vouching: two neighbours who know Zoé vouch for her; she walks in.
printf '%s\n' "$DEMO_PASSWORD" | "$ADMIN" --db "$DB" resident add \
	--quartier Krutenau --handle zoe --name "Zoé Klein" \
	--street "7 rue des Frères" --password-stdin >/dev/null
start_ui_as zoe 80 24
TARGET=zoe login zoe
TARGET=zoe expect_screen "Garants jusqu'ici : 0 sur 2" "Zoé waits on the verification screen"

start_ui 80 24
login marie
expect_screen "v   Voisins en attente (1)" "the menu counts the neighbours waiting"
expect_screen "1   Mur du quartier" "the wall keeps number 1"
tm kill-session -t "$SESSION"
vouch_as marie "Zoé Klein"
expect_screen "votre garantie pour Zoé Klein est enregistrée" "the first vouch is recorded"
expect_screen "1/2 ✓" "it shows on the list, marked as Marie's"
expect_screen "rue des Frères" "the street is shown"
expect_no_screen "7 rue des Frères" "without its number"
TARGET=zoe expect_screen "Garants jusqu'ici : 1 sur 2" "Zoé sees the vouch arrive"
type "v"
expect_screen "Vous avez déjà donné votre garantie à Zoé Klein" "one vouch per neighbour"
tm kill-session -t "$SESSION"
vouch_as karim "Zoé Klein"
expect_screen "l'adresse de Zoé Klein est vérifiée" "the second vouch verifies"
check "Zoé is verified" test "$(sql "SELECT status FROM residents WHERE handle = 'zoe'")" = verified
TARGET=zoe expect_screen "Bonjour Zoé" "Zoé's screen opens the quartier by itself"
tm kill-session -t zoe
tm kill-session -t "$SESSION"

# A neighbour's limit of vouches a month.
printf 'vouches_per_month = 1\n' > "$TEST_TMP/strict.conf"
for who in leo lou; do
	printf '%s\n' "$DEMO_PASSWORD" | "$ADMIN" --db "$DB" resident add \
		--quartier Krutenau --handle "$who" --name "Voisin $who" \
		--street "1 rue Neuve" --password-stdin >/dev/null
done
start_ui 80 24 QUARTIER_CONFIG="$TEST_TMP/strict.conf"
login sophie
wait_for "Bonjour"
type "v"; wait_for "Voisin leo"
type "v"; type "o"
expect_screen "votre garantie pour Voisin leo est enregistrée" "a vouch within the limit counts"
press Down; type "v"; type "o"
expect_screen "patientez un peu" "past the monthly limit, a vouch is refused"
check "and not recorded" test "$(sql "SELECT count(*) FROM vouches v JOIN residents r ON r.id = v.voucher_id WHERE r.handle = 'sophie'")" -eq 1
tm kill-session -t "$SESSION"

# Pending residents never see the neighbours waiting.
start_ui 80 24
login leo
expect_screen "Vérification"
type "v"
expect_no_screen "Voisins en attente (" "a pending resident has no neighbours screen"
tm kill-session -t "$SESSION"

# Moving house: pending again, in the new quartier.
start_ui 80 24
login odile
wait_for "Bonjour Odile"
type "p"
expect_screen "5  Déménager" "the profile offers moving house"
type "5"
expect_screen "reste à Krutenau" "moving is explained first"
press Enter
expect_screen "1   Strasbourg" "then the cities"
type "1"; press Enter
expect_screen "3   Neudorf" "then the quartiers"
type "2"; press Enter
expect_screen "Vous habitez déjà ce quartier" "the same quartier is refused"
type "3"; press Enter
expect_screen "Votre nouvelle adresse à Neudorf" "then the new street"
type "4 rue de Lunéville"; press Enter
expect_screen "Déménager au 4 rue de Lunéville, Neudorf (Strasbourg) ? (o/n)" "a last question"
type "o"
expect_screen "Strasbourg › Neudorf › Vérification" "the resident lands on the verification screen"
expect_screen "Vous déménagez vers Neudorf" "told about the move"
check "odile is pending in Neudorf" test "$(sql "SELECT r.status || ' ' || q.name FROM residents r JOIN quartiers q ON q.id = r.quartier_id WHERE r.handle = 'odile'")" = "pending Neudorf"
check "with her new street" test "$(sql "SELECT street FROM residents WHERE handle = 'odile'")" = "4 rue de Lunéville"
check "her posts stay in Krutenau" test "$(sql "SELECT count(*) FROM items i JOIN residents r ON r.id = i.author_id WHERE r.handle = 'odile' AND i.quartier_id <> 1")" -eq 0
type "1"
expect_no_screen "Mur" "no board is reachable after moving"

done_testing
