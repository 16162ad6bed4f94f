#!/bin/sh
# Nothing written is lost when the terminal goes: each editor's draft is
# kept as the resident types, offered back at the next login, taken up
# again, sent, thrown away or kept for later.  (A kiosk's idle timeout:
# kiosk.sh; over SSH: e2e/drafts.sh.)
. "$top_srcdir/tests/ui/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

new_demo_db
drafts() { sql "SELECT count(*) FROM drafts"; }
has_drafts() { test "$(drafts)" = "$1"; }
lucas_live() { sql "SELECT count(*) FROM live_sessions l JOIN residents r
	ON r.id = l.resident_id WHERE r.handle = 'lucas'"; }
no_live() { test "$(lucas_live)" = 0; }
# The terminal disappears under the program, as a window closed or a
# connection dropped.
terminal_gone() { tm kill-session -t "$SESSION"; }
# A new terminal, and lucas logs in on it.
come_back() {
	start_ui 80 24
	login lucas
}

# A post begun, then the terminal is gone before a save was due.
come_back
expect_screen "Bonjour Lucas"
expect_no_screen "Vous aviez commencé" "nothing is offered without a draft"
type 1; expect_screen "Krutenau › Mur"
type n; expect_screen "Titre :"
type 4; press Tab; type "Perceuse à prêter"; press Tab
type "Qui aurait une perceuse ?"; press Enter; type "Pour samedi."
expect_screen "Pour samedi."
terminal_gone
QUARTIER_TEST_WAIT=60 eventually "the draft is kept when the terminal goes" has_drafts 1
QUARTIER_TEST_WAIT=60 eventually "and the live session is closed" no_live
check "as the new post it was" test "$(sql "SELECT screen || '|' || label || '|'
	|| summary FROM drafts")" = "compose|Mur|Perceuse à prêter"

# The next login offers it; Enter takes it up where it was.
come_back
expect_screen "Vous aviez commencé un message…" "the next login offers the draft"
expect_row "Mur" "Perceuse à prêter" "the offer says what it was"
expect_screen "Entrée Reprendre" "and how to take it up"
press Enter
expect_screen "Pour samedi." "Enter opens the draft with its text"
expect_row "Titre :" "Perceuse à prêter" "and its title"
type " Merci."
press F2
expect_screen "Votre message est sur le mur." "the draft is sent"
check "as typed before and after" test "$(sql "SELECT category || '|' || body
	FROM items WHERE title = 'Perceuse à prêter'")" = "help|Qui aurait une perceuse ?
Pour samedi. Merci."
check "sent, it is no draft any more" has_drafts 0
terminal_gone

# Every editor keeps its draft: a reply, an ad, an event, a lending
# item, a mail.
come_back
expect_screen "Bonjour Lucas"
type 1; expect_screen "Krutenau › Mur"
press Enter; expect_screen "Répondre"
type r; expect_screen "Votre réponse :"
type "Je peux aider."
expect_screen "Je peux aider."
terminal_gone
QUARTIER_TEST_WAIT=60 eventually "a reply's draft is kept" has_drafts 1

come_back
expect_screen "Vous aviez commencé un message…"
press q
expect_screen "Bonjour Lucas" "q keeps the draft for later"
type 2; expect_screen "Petites annonces"
type n; expect_screen "Titre :"
type 1; press Tab; type 4; press Tab; type "Vélo d'enfant"; press Tab; type "15"; press Tab
type "Bleu, 16 pouces."
expect_screen "Bleu, 16 pouces."
terminal_gone
QUARTIER_TEST_WAIT=60 eventually "an ad's draft is kept" has_drafts 2

come_back
expect_screen "Vous aviez commencé 2 messages…" "later, both drafts are offered"
press q
type 4; expect_screen "Événements"
type n; expect_screen "Début :"
type "Vide-grenier"; press Tab; type "24/12/2030 10:00"
expect_screen "24/12/2030 10:00"
terminal_gone
QUARTIER_TEST_WAIT=60 eventually "an event's draft is kept" has_drafts 3

come_back
expect_screen "Vous aviez commencé 3 messages…"
press q
type 3; expect_screen "Prêts et services"
type n; expect_screen "Titre :"
type 1; press Tab; type 1; press Tab; type "Escabeau"
expect_screen "Escabeau"
terminal_gone
QUARTIER_TEST_WAIT=60 eventually "a lending item's draft is kept" has_drafts 4

come_back
expect_screen "Vous aviez commencé 4 messages…"
press q
type 5; expect_screen "Messagerie"
type n; expect_screen "Karim Benali"
type karim; press Enter
expect_screen "À : Karim Benali (karim)"
type "Les clés"; press Enter; type "Je les dépose demain."
expect_screen "Je les dépose demain."
terminal_gone
QUARTIER_TEST_WAIT=60 eventually "a mail's draft is kept" has_drafts 5
check "each from its editor" test "$(sql "SELECT group_concat(screen, ' ')
	FROM (SELECT screen FROM drafts ORDER BY id)")" = \
	"compose ad_form event-form lending_form mail_compose"

# All five are offered, the latest first; each opens in its editor.
come_back
expect_screen "Vous aviez commencé 5 messages…"
expect_row "Messagerie" "Les clés" "the mail is offered with its subject"
expect_row "Mur" "Re: Bienvenue" "the reply with the post it answers"
expect_row "Petites annonces" "Vélo d'enfant" "the ad with its board"
expect_row "Événements" "Vide-grenier" "the event"
expect_row "Prêts et services" "Escabeau" "the lending item"
press Enter
expect_screen "À : Karim Benali (karim)" "the mail opens to its recipient"
expect_screen "Je les dépose demain." "with its text"
press Escape
expect_screen "Abandonner ce brouillon ? (o/n)" "taken up, Escape asks first"
type o
expect_screen "Vous aviez commencé 4 messages…" "thrown away, the others remain"
check "the thrown-away draft is deleted" has_drafts 4
press Down; press Down
press Enter
expect_screen "Vélo d'enfant" "the ad opens"
expect_row "Prix :" "15" "with its price"
press Escape; type n
expect_screen "Bleu, 16 pouces." "answering no keeps the ad in its editor"
press Escape; type o
expect_screen "Vous aviez commencé 3 messages…"
press Up; press Up
type d
expect_screen "Abandonner ce brouillon ? (o/n)" "d asks before throwing one away"
type o
expect_screen "Le brouillon a été jeté."
check "the draft is deleted" has_drafts 2
press q
expect_screen "Bonjour Lucas"
# The kept ones are offered again at the next login.
press q; type o
expect_screen "Identifiant"
login lucas
expect_screen "Vous aviez commencé 2 messages…" "kept for later, offered again"

# A draft is its writer's alone.
press q; press q; type o
expect_screen "Identifiant"
login karim
expect_screen "Bonjour Karim"
expect_no_screen "Vous aviez commencé" "nobody else is offered Lucas's drafts"

done_testing
