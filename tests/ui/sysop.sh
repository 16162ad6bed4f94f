#!/bin/sh
# sysop.sh - the sysop's console on the machine itself: the dashboard with
# who is online and what waits, a resident found and verified in person, a
# quartier renamed, an announcement on every wall; and the console refused
# to a user who neither is root nor owns the database.
. "$top_srcdir/tests/ui/lib.sh"

command -v sqlite3 >/dev/null || skip_all "the sqlite3 command is not installed"
[ "$(id -u)" = 0 ] || skip_all "the owner checks need root"
command -v setpriv >/dev/null || skip_all "setpriv is not installed"

new_demo_db

## A resident is online; the console sees her.

start_ui_as resident 80 24
TARGET=resident login marie
TARGET=resident expect_screen "Bonjour Marie" "a resident logs in"
expect_same_sql() {
	got=$(sql "$2")
	if [ "$got" = "$3" ]; then ok 0 "$1"
	else ok 1 "$1"; diag "expected \"$3\", got \"$got\""; fi
}
expect_same_sql "her session is recorded" \
    "SELECT origin FROM live_sessions l JOIN residents r ON r.id = l.resident_id WHERE r.handle = 'marie'" \
    terminal

start_console console "$DB"
TARGET=console
expect_screen "Console sysop › Tableau de bord" "the console opens on the dashboard"
top=$(screen console | head -n 1)
case $top in
" Console sysop › Tableau de bord "*" root") ok 0 "the top line names the console and its user, no quartier" ;;
*) ok 1 "the top line names the console and its user, no quartier"; diag "$top" ;;
esac
reports=$(sql "SELECT count(*) FROM reports WHERE resolved_at IS NULL")
if [ "$reports" -le 1 ]; then reports="$reports signalement ouvert"
else reports="$reports signalements ouverts"; fi
expect_screen "1 connecté · 1 vérification en attente · $reports" \
    "online, pending and reports are counted"
expect_cells "who is online" marie "Marie Lefèvre" Krutenau terminal
expect_cells "each quartier's residents by status" \
    "Strasbourg › Neudorf " " 3 " " 1 " " 0 "
expect_same_sql "the console is nobody's session" \
    "SELECT count(*) FROM live_sessions" 1
resize 100 30
expect_screen "Qui est connecté" "the dashboard survives a resize"
resize 80 24
expect_screen "Strasbourg › Neudorf" "and comes back at 80x24"

## Find a pending resident and verify her in person.

type "1"
expect_screen "Console sysop › Tableau de bord › Habitants" "1 opens the residents"
type "s"
expect_screen "Cherchez un habitant" "s asks for the first letters"
type "HUG"
press Enter
expect_screen "1 habitant commençant par « HUG »" "the search ignores case"
expect_cells "the resident, with quartier and status" \
    hugo "Hugo Fischer" Neudorf "en attente" habitant
press Enter
expect_screen "Adresse : 2 rue d'Épinal" "the sysop sees the street address"
expect_screen "v Vérifier en personne" "v is offered to a pending resident"
type "v"
expect_screen "Vérifier hugo : justificatif de domicile vu en personne ? (o/n)" \
    "verifying asks first"
type "n"
expect_same_sql "no is no" "SELECT status FROM residents WHERE handle = 'hugo'" \
    pending
type "v"; type "o"
expect_screen "L'adresse de hugo est vérifiée." "verified"
expect_screen "Statut : vérifié" "the page says so"
expect_no_screen "v Vérifier en personne" "and v is no longer offered"
expect_same_sql "hugo is verified in the database" \
    "SELECT status FROM residents WHERE handle = 'hugo'" verified
expect_same_sql "by the console's user" \
    "SELECT verified_by_name FROM verifications WHERE method = 'in_person' AND resident_id = (SELECT id FROM residents WHERE handle = 'hugo')" \
    console:root

## Change a role, with a reason; suspend and lift.

type "r"
expect_screen "Quel rôle ?" "r offers the roles"
type "3"
expect_screen "Pourquoi donner à hugo le rôle modérateur ?" "a reason is asked"
press Enter
expect_screen "Un motif est nécessaire" "an empty reason is refused"
type "Connaît tout le quartier"
press Enter
expect_screen "Donner à hugo le rôle modérateur maintenant ? (o/n)" \
    "and asks before"
type "o"
expect_screen "hugo a maintenant le rôle modérateur." "the role changes"
expect_same_sql "in the database" "SELECT role FROM residents WHERE handle = 'hugo'" \
    moderator
type "s"
expect_screen "Suspendre pour combien de temps ?" "s asks how long"
type "2"
expect_screen "Pourquoi suspendre hugo jusqu'au" "and why"
type "Propos blessants"
press Enter
expect_screen "Suspendre hugo maintenant ? (o/n)" "and asks before"
type "o"
expect_screen "Le compte de hugo est suspendu." "suspended"
expect_same_sql "for seven days" \
    "SELECT status, suspended_until - strftime('%s', 'now') BETWEEN 6 * 86400 AND 7 * 86400 FROM residents WHERE handle = 'hugo'" \
    "suspended|1"
type "l"
expect_screen "Pourquoi lever la suspension de hugo ?" "l asks why"
type "Excuses présentées"
press Enter
expect_screen "Lever la suspension de hugo maintenant ? (o/n)" "and asks before"
type "o"
expect_screen "La suspension de hugo est levée." "lifted"
expect_same_sql "the log has the three actions, by root" \
    "SELECT group_concat(action || ':' || actor_name, ' ') FROM (SELECT * FROM moderation_log WHERE action IN ('role', 'suspend', 'lift') ORDER BY id)" \
    "role:root suspend:root lift:root"

## The moderation log.

press Escape; press Escape
expect_screen "Console sysop › Tableau de bord" "back to the dashboard"
type "4"
expect_screen "Console sysop › Tableau de bord › Journal de modération" \
    "4 opens the log"
expect_screen "root            suspension levée · habitant « Hugo Fischer »" \
    "newest first, in words"
expect_screen "Motif : Excuses présentées" "with the chosen line's reason"
expect_screen "Neudorf" "and its quartier"
expect_screen "root            suspendu · habitant « Hugo Fischer »" \
    "each action in words"
press Escape

## Rename a quartier; a duplicate is refused and the typing is kept.

type "2"
expect_screen "Console sysop › Tableau de bord › Quartiers" "2 opens the quartiers"
type "n"
expect_screen "Nouveau nom du quartier" "n asks for the new name"
for i in 1 2 3 4 5 6 7 8 9; do press BSpace; done
type "Neudorf"
press Enter
expect_screen "Renommer Esplanade en Neudorf ? (o/n)" "renaming asks first"
type "o"
expect_screen "Strasbourg a déjà un quartier nommé Neudorf." "a duplicate is refused"
expect_screen "Nouveau nom du quartier" "the prompt comes back"
press BSpace; press BSpace; press BSpace; press BSpace; press BSpace
press BSpace; press BSpace
type "Esplanade-Nord"
press Enter
type "o"
expect_screen "Esplanade s'appelle maintenant Esplanade-Nord." "renamed"
expect_same_sql "in the database" \
    "SELECT count(*) FROM quartiers WHERE name = 'Esplanade-Nord'" 1
press Escape

## An announcement on every wall.

before=$(sql "SELECT count(*) FROM quartiers")
type "3"
expect_screen "Épinglée sur le mur de : tous les quartiers" \
    "an announcement goes to every quartier unless told"
type "Coupure d'eau"
press Tab
type "Mardi matin, de 8 h à 10 h."
press F2
expect_screen "Épingler cette annonce sur le mur de tous les quartiers ? (o/n)" \
    "publishing asks first"
type "o"
expect_screen "L'annonce est épinglée sur le mur de tous les quartiers." "published"
expect_same_sql "one pinned announcement per quartier" \
    "SELECT count(DISTINCT quartier_id) FROM items WHERE kind = 'announcement' AND pinned = 1 AND title = 'Coupure d''eau'" \
    "$before"

## The resident sees it on her wall; her session ends at logout.

TARGET=resident type "1"
TARGET=resident expect_screen "Coupure d'eau" "the resident sees the announcement"
TARGET=resident press Escape
TARGET=resident type "q"
TARGET=resident expect_screen "Se déconnecter ? (o/n)"
TARGET=resident type "o"
TARGET=resident expect_screen "Identifiant" "she logs out"
expect_same_sql "logging out ends her session" \
    "SELECT count(*) FROM live_sessions" 0

## q leaves the console.

type "q"
expect_screen "[exit 0]" "q quits the console"

## Refused to another user; allowed to the database's owner.

shared=$(mktemp -d /tmp/quartier-sysop.XXXXXX)
at_exit "rm -rf '$shared'"
chmod 755 "$shared"
cp "$DB" "$shared/q.db"
chmod 644 "$shared/q.db"
sum_before=$(cksum <"$shared/q.db")
status=0
env QUARTIER_CONFIG=/dev/null QUARTIER_LOCALEDIR="$QUARTIER_LOCALEDIR" \
    LANG=C.UTF-8 LANGUAGE= setpriv --reuid=nobody --regid=nogroup \
    --clear-groups "$QUARTIER" --sysop --db "$shared/q.db" \
    >"$TEST_TMP/out" 2>"$TEST_TMP/err" || status=$?
check "another user is refused with a non-zero status" test "$status" = 1
check "and told who may" grep -qF \
    "la console des sysops est réservée à root ou à root, propriétaire de $shared/q.db" \
    "$TEST_TMP/err"
check "nothing changed" test "$(cksum <"$shared/q.db")" = "$sum_before"
check "nothing was created beside it" test ! -e "$shared/q.db-wal"

status=0
env QUARTIER_CONFIG=/dev/null QUARTIER_LOCALEDIR="$QUARTIER_LOCALEDIR" \
    LANG=C.UTF-8 LANGUAGE= setpriv --reuid=nobody --regid=nogroup \
    --clear-groups "$QUARTIER" --sysop --db "$DB" \
    >"$TEST_TMP/out" 2>"$TEST_TMP/err" || status=$?
check "a database out of reach is refused too" test "$status" = 1
check "with the same clear words" grep -qF \
    "la console des sysops est réservée à root ou au propriétaire de" \
    "$TEST_TMP/err"

status=0
env QUARTIER_CONFIG=/dev/null LANG=C.UTF-8 LANGUAGE= QUARTIER_SOURCE=192.0.2.1 \
    "$QUARTIER" --sysop --db "$DB" >"$TEST_TMP/out" 2>"$TEST_TMP/err" ||
    status=$?
check "not over SSH, even for root" test "$status" = 1

chown -R nobody:nogroup "$shared"
chmod 600 "$shared/q.db"	# a database others can read is refused to all
start_console owner "$shared/q.db" setpriv --reuid=nobody --regid=nogroup \
    --clear-groups
TARGET=owner expect_screen "Console sysop › Tableau de bord" \
    "the database's owner may open the console"
TARGET=owner expect_screen "nobody" "as that user"
TARGET=owner type "q"
TARGET=owner expect_screen "[exit 0]" "and leave it"

done_testing
