#!/bin/sh
# monochrome.sh - no state is shown by colour alone: on a terminal
# without colours (TERM=vt100) and with NO_COLOR set, what is unread,
# new, hidden, pinned, cancelled or full still says so, by a word or a
# mark, and nothing is drawn in colour.
. "$top_srcdir/tests/ui/lib.sh"

ESC=$(printf '\033')
# A colour of the text or of the background, in what the terminal got.
COLOUR="$ESC\\[([0-9]*;)*(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38|48)[;m]"
colours() { tm capture-pane -e -p -t "${1:-$SESSION}" | grep -cE "$COLOUR"; }

# demo_db: the demo city, one of Marie's posts hidden by the moderation
# (only she sees it); afresh each time, since a visit makes what was new
# on a board no longer new.
demo_db() {
	new_demo_db
	sql "UPDATE items SET hidden_at = strftime('%s', 'now'),
    hidden_reason = 'hors charte'
    WHERE id = (SELECT i.id FROM items i JOIN residents r
    ON r.id = i.author_id WHERE r.handle = 'marie' AND i.kind = 'post'
    AND i.title LIKE 'Je donne des livres%')"
}

# marks SETTING: the states of the boards, each with its word or mark.
marks() {
	type "1"
	expect_screen "Krutenau › Mur"
	expect_cells "$1: an announcement says so" "Annonce" "Bienvenue sur Quartier"
	expect_cells "$1: a hidden post says so" "Masqué" "Je donne des livres"
	expect_cells "$1: an unread post has its dot" "•" "Coupure d'eau"
	check "$1: nothing is in colour" [ "$(colours)" -eq 0 ]
	press Escape
	type "4"
	expect_screen "Krutenau › Événements"
	expect_cells "$1: a cancelled event says so" "Concert de jazz" "Annulé"
	expect_cells "$1: a full event says so" "Visite guidée" "complet"
	check "$1: nothing is in colour on the agenda" [ "$(colours)" -eq 0 ]
	press Escape
	type "2"
	expect_screen "Krutenau › Petites annonces"
	expect_cells "$1: a new ad has its dot" "•" "Bicyclette de ville"
	press Escape
	type "3"
	expect_screen "Krutenau › Prêts et services"
	expect_cells "$1: a new item to lend has its dot" "•" "Biporteur"
	press Escape
}

## A terminal without colours.
demo_db
start_ui 80 24 TERM=vt100
login marie
expect_screen "Bonjour Marie"
marks "vt100"
tm kill-session -t "$SESSION"

## NO_COLOR on a terminal that has them.
demo_db
start_ui 80 24 NO_COLOR=1
login marie
expect_screen "Bonjour Marie"
marks "NO_COLOR"
tm kill-session -t "$SESSION"

## The same terminal with colours: the check above would see them.
start_ui 80 24
login marie
expect_screen "Bonjour Marie"
type "1"
expect_screen "Krutenau › Mur"
check "with colours, the check sees them" [ "$(colours)" -gt 0 ]
done_testing
