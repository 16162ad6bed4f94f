#!/bin/sh
# Prêts et services as neighbours use it: Marie offers a drill, Karim asks
# to borrow it, Marie lends it for a week; a week and a day later it is
# overdue on both sides, Marie marks it returned and Karim says merci,
# which shows on Marie's profile.
. "$top_srcdir/tests/ui/lib.sh"

# logout: from the menu back to the login screen.
logout() {
	wait_for "Bonjour"
	type "q"; type "o"
	wait_for "Identifiant"
}

# choose_loan TITLE: on "My loans", move to the loan of TITLE (the rows
# start on line 4, two lines each).
choose_loan() {
	press Home
	_line=$(screen | grep -n -- "$1" | head -1 | cut -d: -f1)
	_i=4
	while [ "$_i" -lt "${_line:-0}" ]; do press Down; _i=$((_i + 2)); done
}

# top_has TEXT: the top line shows TEXT now.
top_has() { screen | head -1 | grep -qF -- "$1"; }

# french_day UNIX-TIME [NOW]: "3 décembre" (or "1er décembre"), as the
# board writes a day, with the year when it is not NOW's (default: now);
# in the program's time zone (quartier.conf's default), not the machine's,
# or the day is off by one for an hour around midnight.
french_day() {
	TZ=Europe/Paris french_day_here "$@"
}
french_day_here() {
	_d=$(date -d "@$1" +%-d); _m=$(date -d "@$1" +%-m)
	[ "$_d" = 1 ] && _d=1er
	_m=$(echo "janvier février mars avril mai juin juillet août septembre octobre novembre décembre" | cut -d' ' -f"$_m")
	if [ "$(date -d "@$1" +%Y)" = "$(date -d "@${2:-$(date +%s)}" +%Y)" ]; then
		printf '%s %s\n' "$_d" "$_m"
	else
		printf '%s %s %s\n' "$_d" "$_m" "$(date -d "@$1" +%Y)"
	fi
}

new_demo_db
start_ui 80 24
login marie
expect_screen "Bonjour Marie"
type "3"
expect_screen "Strasbourg › Krutenau › Prêts et services" "the board opens from the menu"
expect_screen "Appareil à raclette" "the demo items are listed"
expect_screen "Prêté à Lucas Muller jusqu'au" "a loan in progress shows who has it"
expect_no_screen "Taille-haie" "nothing of another quartier"

# A new offer; an empty title is refused and the description kept.
type "n"
expect_screen "Nouvelle annonce" "n opens the form"
type "P"
expect_screen "Choisissez avec 1 ou 2 ; Tab passe au champ suivant." "a letter on a line of two choices says how to choose"
type "1"
type "P"
expect_screen "Choisissez avec 1 ou 2 ;" "a digit chooses and stays on its line"
press Tab; type "1"
press Tab; press Tab
type "Avec ses mèches bois et béton."
press F2
expect_screen "Écrivez un titre" "an empty title is refused"
expect_screen "Avec ses mèches bois et béton." "the draft is kept"
type "Perceuse"
press F2
expect_screen "Votre annonce est en ligne." "the offer is saved"
expect_row "Perceuse" "Prête   Objet   Perceuse" "the new offer is marked Prête and Objet"
check "the description is stored" test "$(sql "SELECT body FROM items WHERE title = 'Perceuse'")" = "Avec ses mèches bois et béton."
ITEM=$(sql "SELECT id FROM items WHERE title = 'Perceuse'")
press Enter
expect_screen "Les demandes des voisins s'afficheront ici" "the author is told where requests come"
type "a"
expect_screen "C'est votre propre annonce" "one cannot ask for one's own item"
type "q"; type "q"
logout

# Karim asks to borrow it, with a note.
login karim
expect_screen "Bonjour Karim"
type "3"
expect_screen "Perceuse"
press Enter
expect_screen "Appuyez sur a pour demander à l'emprunter." "a neighbour is offered to ask"
type "a"
expect_screen "Demander à Marie Lefèvre de vous le prêter" "asking takes a note"
type "Pour monter une étagère samedi"
press Enter
expect_screen "Votre demande a été envoyée à Marie Lefèvre." "the request is sent"
expect_screen "Votre demande attend la réponse de Marie Lefèvre"
type "a"; press Enter
expect_screen "Vous avez déjà demandé" "asking twice is refused"
check "one request is stored" test "$(sql "SELECT count(*) FROM loans WHERE item_id = $ITEM AND status = 'requested' AND borrower_id = 2")" = 1
type "q"; type "q"
logout

# Marie accepts for seven days; a wrong number is refused and kept.
# Karim reads English: his mail comes in English, Marie's screen stays
# French.
sql "UPDATE residents SET language = 'en' WHERE handle = 'karim'"
login marie
expect_screen "1 demande" "the menu says a request waits"
type "3"
expect_screen "1 demande attend votre réponse"
press Enter
expect_screen "Karim Benali · demande depuis le" "the author sees the request"
expect_screen "Pour monter une étagère samedi" "with its note"
press Enter
expect_screen "Accepter et prêter" "Enter offers the answers"
type "1"
expect_screen "Prêter pour combien de jours" "accepting asks for how long"
expect_screen "14" "fourteen days are proposed for an object"
press BSpace; press BSpace
type "4OO"
press Enter
expect_screen "Tapez un nombre de jours entre 1 et 365." "a wrong number is refused"
expect_screen "4OO" "and kept"
press BSpace; press BSpace; press BSpace
type "7"
press Enter
expect_screen "un message l'en informe" "the loan is accepted"
check "Karim's mail is in his language" test "$(sql "SELECT subject FROM messages WHERE recipient_id = 2 AND sender_id = 1 AND about_item_id = $ITEM")" = "Marie Lefèvre said yes: “Perceuse”"
check "Marie's mail is in hers" test "$(sql "SELECT subject FROM messages WHERE recipient_id = 1 AND sender_id = 2 AND about_item_id = $ITEM")" = "Karim Benali demande à emprunter « Perceuse »"
sql "UPDATE residents SET language = NULL WHERE handle = 'karim'"
DUE=$(sql "SELECT due_at FROM loans WHERE item_id = $ITEM AND status = 'accepted'")
DAY=$(french_day "$DUE")
expect_screen "Prêté à Karim Benali jusqu'au $DAY" "the item says who has it until when"
type "q"
expect_screen "Prêté à Karim Benali jusqu'au $DAY" "so does the board"
if top_has "en retard"; then ok 1 "nothing is overdue yet"; else ok 0 "nothing is overdue yet"; fi

# The board survives a resize.
resize 100 30
expect_screen "Prêté à Karim Benali jusqu'au $DAY" "the board redraws larger"
resize 80 24
expect_screen "Prêté à Karim Benali jusqu'au $DAY"
check "Karim was told of the loan" test "$(sql "SELECT count(*) FROM messages WHERE recipient_id = 2 AND sender_id = 1 AND about_item_id = $ITEM")" = 1
check "Marie was told of the request" test "$(sql "SELECT count(*) FROM messages WHERE recipient_id = 1 AND sender_id = 2 AND about_item_id = $ITEM")" = 1

# A request: Sophie looks for a stepladder and Karim offered his.  She
# accepts, to borrow it for the fourteen days proposed; lent, it can be
# neither deleted nor turned into an offer, but its title can change.
type "q"
logout
login sophie
expect_screen "Bonjour Sophie"
type "3"
type "f"
expect_screen "Afficher quoi ?" "f offers the filters"
expect_screen " 2  Demandes" "requests are 2, as in the form"
type "2"
expect_screen "Objets ou services ?" "then objects or services"
expect_screen " 1  Objets seulement" "objects are 1, as in the form"
type "0"
expect_screen "Demandes · objets et services" "f shows the requests"
expect_no_screen "Biporteur" "and leaves the offers out"
type "m"
expect_screen "Demandes · objets et services · les miens seulement" "m shows one's own"
expect_no_screen "Monter une étagère" "and leaves the others' out"
press Enter
expect_screen "Karim Benali · propose depuis le" "the author sees the proposal"
expect_screen "« J'en ai un de 5 marches" "with its note below"
press Enter
expect_screen "Accepter et emprunter" "the author of a request borrows"
type "1"
expect_screen "Emprunter pour combien de jours"
press Enter
expect_screen "Emprunté à Karim Benali jusqu'au" "the proposal is accepted"
expect_screen "Prêt de Karim Benali jusqu'au" "the item says who lends it"
check "Karim lends, Sophie borrows, for 14 days" test "$(sql "SELECT count(*) FROM loans l JOIN items i ON i.id = l.item_id WHERE i.title LIKE 'Cherche un escabeau%' AND l.status = 'accepted' AND l.lender_id = 2 AND l.borrower_id = 5 AND l.due_at - l.decided_at = 14 * 86400")" = 1
type "d"
expect_screen "Supprimer cette annonce ?"
type "o"
expect_screen "C'est prêté en ce moment" "a lent item cannot be deleted"
type "e"
expect_screen "Modifier votre annonce" "e opens the form, filled"
press End
type " (ou trois)"
press F2
expect_screen "Enregistré." "the title is changed"
expect_screen "Cherche un escabeau pour deux jours (ou trois)"
type "e"
press BTab; press BTab
type "1"
press F2
expect_screen "seuls le titre et la description" "a lent request cannot become an offer"
press Escape
expect_screen "Abandonner ce brouillon ?" "leaving asks about the draft"
type "o"
type "q"; type "q"
logout

# Eight days later: overdue, on both sides.  Both have read their mail,
# so that the top line has room for the loan.
tm kill-session -t "$SESSION"
sql "UPDATE messages SET read_at = strftime('%s', 'now')"
LATER=$(( $(date +%s) + 8 * 86400 ))
start_ui 80 24 QUARTIER_FAKE_NOW=$LATER
DAY=$(french_day "$DUE" "$LATER")
login marie
expect_screen "Bonjour Marie"
top_has "1 prêt en retard"; ok $? "the top line says a loan is overdue"
type "3"
expect_screen "Prêté à Karim Benali, en retard depuis le $DAY" "the board says it is overdue"
type "l"
expect_screen "Mes prêts en cours" "l opens my loans"
expect_screen "En retard" "the overdue loan comes first"
expect_screen "Vous prêtez à Karim Benali · en retard depuis le $DAY"
type "r"
expect_screen "« Perceuse » est-il revenu ? Le marquer comme rendu ?" "returning asks first"
type "o"
expect_screen "Marqué comme rendu ; un message prévient Karim Benali." "the drill is back"
check "the loan is returned" test "$(sql "SELECT status FROM loans WHERE item_id = $ITEM AND borrower_id = 2")" = returned
expect_no_screen "1 prêt en retard" "nothing is overdue any more"
type "q"; type "q"
logout

# Karim says merci, once.
login karim
expect_screen "Bonjour Karim"
type "3"; type "l"
expect_screen "Marie Lefèvre vous prête · rendu le" "the borrower sees it returned"
expect_screen "m : dire merci"
choose_loan "Perceuse"
type "m"
expect_screen "Dire merci à Marie Lefèvre pour « Perceuse » ?"
type "o"
expect_screen "Merci envoyé à Marie Lefèvre." "merci is sent"
type "h"
expect_screen "Tous mes prêts" "h shows the past"
expect_screen "vous avez dit merci"
choose_loan "Perceuse"
type "m"
expect_screen "Vous avez déjà dit merci" "merci twice is refused"
check "one merci is stored" test "$(sql "SELECT count(*) FROM loans WHERE item_id = $ITEM AND merci_at IS NOT NULL")" = 1
check "each step mailed the other side" test "$(sql "SELECT count(*) FROM messages WHERE about_item_id = $ITEM AND sender_id IS NOT NULL")" = 4
type "q"; type "q"
logout

# Marie's profile counts it.
login marie
expect_screen "Bonjour Marie"
type "p"
expect_screen "Mercis :" "the profile has a line for mercis"
expect_screen "1 reçu pour un prêt ou un service" "Marie has one merci"

done_testing
