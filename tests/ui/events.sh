#!/bin/sh
# Events as neighbours use them: Marie proposes an apéro with one place
# (a date that does not exist is refused and nothing typed is lost),
# Karim takes the place, Odile waits in line and moves up when Karim
# cannot come, the menu counts the week's events, and Marie cancels with
# a reason that reaches Karim by mail.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db
# In three days, so that it is "this week" on the menu.
day=$(TZ=Europe/Paris date -d '+3 days' +%d/%m/%Y)
apero() { sql "SELECT $1 FROM items i JOIN events e ON e.item_id = i.id WHERE i.title = 'Apéro de la rue'"; }
# open_apero: from the agenda, down to the apéro (the demo has events of
# its own, some sooner) and open it.
open_apero() {
	n=$(sql "SELECT count(*) FROM items i JOIN events e ON e.item_id = i.id WHERE i.quartier_id = 1 AND e.starts_at > strftime('%s', 'now') AND e.starts_at < (SELECT starts_at FROM events WHERE item_id = (SELECT id FROM items WHERE title = 'Apéro de la rue'))")
	while [ "$n" -gt 0 ]; do press Down; n=$((n - 1)); done
	press Enter
}
# The menu's "this week" before and after (the demo has events of its own).
week() {
	wait_for "Bonjour " >/dev/null
	sleep 0.3
	n=$(screen "${TARGET:-$SESSION}" | grep -o "cette semaine [0-9]*" | head -1 | sed 's/.* //')
	echo "${n:-0}"
}

start_ui 80 24
login marie
expect_screen "Bonjour Marie"
week0=$(week)
type "4"
expect_screen "Strasbourg › Krutenau › Événements" "the events board opens from the menu"
expect_screen "À venir"
check "opening the board is a visit" test "$(sql "SELECT count(*) FROM board_visits WHERE resident_id = 1 AND board = 'events'")" = 1

# A new event with a date that does not exist.
type "n"
expect_screen "Nouvel événement" "n opens the form"
type "Apéro de la rue"; press Tab
type "31/02/2027 18:00"; press Tab
type "22:00"; press Tab
type "Cour du 12 rue des Orphelins"; press Tab
type "1"; press Tab
type "Chacun apporte un plat."
press F2
expect_screen "Le 31/02/2027 n'existe pas." "a day that does not exist is refused with the reason"
expect_screen "Apéro de la rue" "the title is kept"
expect_screen "Cour du 12 rue des Orphelins" "the place is kept"
expect_screen "Chacun apporte un plat." "the description is kept"
check "nothing is stored" test "$(apero "count(*)")" = 0

# The cursor is on the start: put a good date there.
press End
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do press BSpace; done
type "$day 18h30"
press F2
expect_screen "Votre événement est dans l'agenda." "a good date is accepted"
expect_screen "Quand : " "the event opens"
expect_screen "18 h 30 – 22 h 00" "the time is shown in French"
expect_screen "0 place prise sur 1" "one place"
check "the event is stored with its capacity" test "$(apero "e.capacity")" = 1
check "it starts at 18:30 in Paris" test "$(apero "strftime('%H:%M', e.starts_at, 'unixepoch', 'localtime')" | head -1)" != ""
check "the start is the typed local time" test "$(TZ=Europe/Paris date -d "@$(apero "e.starts_at")" +%d/%m/%Y\ %H:%M)" = "$day 18:30"
type "y"
expect_screen "Vous organisez cet événement" "the organiser hosts and does not answer"
type "q"
expect_row "Apéro de la rue" "0/1 inscrit" "the event is on the agenda, with its places"
expect_row "Apéro de la rue" "j'organise" "and the organiser's mark"

# Karim takes the place.
start_ui_as karim 80 24
TARGET=karim login karim
TARGET=karim expect_screen "Bonjour Karim"
TARGET=karim expect_screen "cette semaine $((week0 + 1))" "the menu counts this week's event"
TARGET=karim type "4"
TARGET=karim expect_screen "Apéro de la rue"
TARGET=karim open_apero
TARGET=karim expect_screen "Vous n'avez pas répondu" "Karim has not answered"
TARGET=karim expect_screen "y Oui" "a neighbour is offered the answers"
TARGET=karim expect_no_screen "e Modifier" "and not the organiser's keys"
TARGET=karim type "y"
TARGET=karim expect_screen "Noté : vous venez." "Karim says yes"
TARGET=karim expect_screen "1 place prise sur 1 (complet)" "the event is full"

# Odile says yes too: she waits in line.
start_ui_as odile 80 24
TARGET=odile login odile
TARGET=odile expect_screen "Bonjour Odile"
TARGET=odile type "4"
TARGET=odile expect_row "Apéro de la rue" "complet" "the agenda says it is full"
TARGET=odile open_apero
TARGET=odile type "o"
TARGET=odile expect_screen "liste d'attente" "a yes beyond the places goes to the waiting list"
TARGET=odile expect_screen "numéro 1"
check "Odile is in line" test "$(sql "SELECT waitlisted FROM rsvps WHERE resident_id = 3 AND event_id = $(apero i.id)")" = 1
TARGET=odile type "l"
TARGET=odile expect_screen "Liste d'attente (1)" "the list shows the line"
TARGET=odile expect_screen "1. Odile Schmitt"
TARGET=odile expect_screen "Karim Benali"
TARGET=odile type "q"

# Karim cannot come after all: Odile moves up and gets a mail.
TARGET=karim type "n"
TARGET=karim expect_screen "Noté : vous ne venez pas."
check "Odile moved up" test "$(sql "SELECT waitlisted FROM rsvps WHERE resident_id = 3 AND event_id = $(apero i.id)")" = 0
check "Odile is told by mail" test "$(sql "SELECT count(*) FROM messages WHERE recipient_id = 3 AND subject LIKE 'Une place s''est libérée%'")" = 1
TARGET=odile press Up
TARGET=odile expect_screen "vous avez une place" "Odile's screen shows her place"
TARGET=karim type "m"
TARGET=karim expect_screen "Noté : peut-être."

# Marie cancels, with a reason; Karim and Odile are told.
type "q"
expect_screen "Messagerie" "back on the menu"
expect_screen "cette semaine $((week0 + 1))" "Marie's menu counts it too"
type "4"; wait_for "Apéro de la rue"; open_apero
expect_screen "Cour du 12 rue des Orphelins"

# Marie moves it to the back of the courtyard: who answered is told.
type "e"
expect_screen "Modifier l'événement" "e opens the form, filled in"
expect_screen "$day 18:30" "with the start as it can be typed"
press Tab; press Tab; press Tab; press End
type ", au fond"
press F2
expect_screen "Enregistré" "the change is saved"
expect_screen "Cour du 12 rue des Orphelins, au fond"
check "Karim and Odile are told what changed" test "$(sql "SELECT count(*) FROM messages WHERE subject = 'Modifié : Apéro de la rue' AND body LIKE '%Lieu : Cour du 12 rue des Orphelins, au fond (avant : Cour du 12 rue des Orphelins)%'")" = 2

# Odile reads Quartier in English: her mail will be in English.
sql "UPDATE residents SET language = 'en' WHERE handle = 'odile'"
type "c"
expect_screen "Pourquoi" "cancelling asks why"
press Enter
expect_screen "Dites pourquoi vous annulez" "an empty reason is not taken"
type "c"
expect_screen "Pourquoi"
type "Il va pleuvoir toute la soirée."
press Enter
expect_screen "Annuler cet événement et prévenir les 2 voisins" "cancelling asks first"
type "o"
expect_screen "L'événement est annulé" "the event is cancelled"
expect_screen "Annulé par son organisateur"
expect_screen "Il va pleuvoir toute la soirée." "the event shows why it was cancelled"
check "Karim got a mail" test "$(sql "SELECT count(*) FROM messages WHERE recipient_id = 2 AND sender_id = 1 AND subject = 'Annulé : Apéro de la rue' AND body LIKE '%Il va pleuvoir toute la soirée.%'")" = 1
check "Odile got hers in English" test "$(sql "SELECT count(*) FROM messages WHERE recipient_id = 3 AND subject = 'Cancelled: Apéro de la rue' AND body LIKE '%Their reason: Il va pleuvoir%'")" = 1
type "q"
expect_row "Apéro de la rue" "Annulé" "the agenda marks it cancelled"
TARGET=karim type "y"
TARGET=karim expect_screen "annulé" "a cancelled event takes no answer"

# The archive, and the menu no longer counts it.
type "a"
expect_screen "Archives" "a shows the archive"
type "a"
expect_screen "À venir"
type "q"
check "a cancelled event is not counted" test "$(week)" = "$week0"

# A small window, and a resize, keep working.
resize 100 30
type "4"
expect_screen "Apéro de la rue" "the agenda redraws at 100x30"
resize 80 24
expect_screen "Apéro de la rue" "and at 80x24"

# Pages of the agenda: thirty workshops, two a day from a month on, come
# after what the demo and the apéro hold.  Each page starts with its
# day's heading, and no event is on two pages.
type "q"
for i in $(seq 10 39); do
	at=$(( $(date +%s) + 30 * 86400 + (i / 2) * 86400 + (i % 2) * 3600 ))
	sql "INSERT INTO items (quartier_id, author_id, kind, category, title,
	    body, created_at, last_activity_at) VALUES (1, 2, 'event', 'event',
	    'Atelier $i', 'Un atelier.', strftime('%s', 'now'),
	    strftime('%s', 'now'));
	    INSERT INTO events (item_id, starts_at, place, quartier_id)
	    VALUES (last_insert_rowid(), $at, 'Salle $i', 1)"
done
type "4"
expect_screen "Atelier" "the workshops are on the agenda"
press NPage
expect_screen "page 2" "PgDn turns the agenda's page"
last2=$(screen | grep -o "Atelier [0-9]*" | tail -1)
# Line 3, the first of the list: a day, not an event's time.
first_line=$(screen | sed -n 4p)
check "page 2 starts with a day's heading" \
    sh -c 'case "$1" in " "[A-Z]*) exit 0;; esac; exit 1' - "$first_line"
press NPage
expect_screen "page 3"
first3=$(screen | grep -o "Atelier [0-9]*" | head -1)
check "no workshop is on two pages" [ "$first3" != "$last2" ]
press PPage
expect_screen "page 2" "PgUp turns it back"
expect_screen "$last2" "to the same events"

done_testing
