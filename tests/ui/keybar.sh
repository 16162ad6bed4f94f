#!/bin/sh
# keybar.sh - every screen of the demo city says in its key bar how to
# leave it: back, cancel, log out or quit.  The walk goes through each
# screen a resident, an author, a moderator, a pending newcomer, someone
# signing up and the sysop's console reach, and reads the last line.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db
CONF="$TEST_TMP/quartier.conf"
printf 'texts_dir = %s/data/texts\n' "$top_srcdir" > "$CONF"

# back_in_bar WHERE: WHERE is on the top line, and the key bar shows a
# key that leaves the screen.
back_in_bar() {
	wait_for "$1" || { ok 1 "$1: the screen opens"; diag "$(screen)"; return; }
	_tries=0
	while [ $_tries -lt $((WAIT * 10)) ]; do
		bar=$(screen "${TARGET:-$SESSION}" | tail -n 1)
		case $bar in
		*" q Retour "*|*" Échap Retour "*|*" Échap Annuler "*|\
		*" q Se déconnecter "*|*" Échap Se déconnecter "*|\
		*" Échap Quitter "*|*" q Quitter "*|*" q Retour")
			ok 0 "$1: the key bar shows how to go back"; return ;;
		esac
		sleep 0.1; _tries=$((_tries + 1))
	done
	ok 1 "$1: the key bar shows how to go back"
	diag "key bar: \"$bar\"" "$(screen "${TARGET:-$SESSION}")"
}

# search_open QUERY: open the first item "/" finds for QUERY.
search_open() {
	type "/"; wait_for "› Rechercher"
	type "$1"; press Enter
	wait_for "résultat"; press Down; press Enter
}

# back: leave the screen with its back key and wait for WHERE.
back() { type "q"; wait_for "$1"; }

start_ui 80 24
back_in_bar "Identifiant"
login marie
back_in_bar "Bonjour Marie"

# The wall, a post and its two editors.
type "1"; back_in_bar "› Mur"
press Enter; back_in_bar "Bienvenue sur Quartier"
type "r"; back_in_bar "› Répondre"
press Escape; back "Catégorie : toutes"
type "n"; back_in_bar "› Nouveau message"
press Escape; wait_for "Catégorie : toutes"; back "Votre quartier"

# The groups and one group.
type "7"; back_in_bar "› Groupes"
press Enter; back_in_bar "Course du dimanche"
back "Les groupes du quartier"; back "Votre quartier"

# Classifieds: the list, an ad of a neighbour, the form.
type "2"; back_in_bar "› Petites annonces"
press Enter; back_in_bar "Bicyclette de ville"
back "État :"
type "n"; back_in_bar "› Nouvelle annonce"
press Escape; wait_for "État :"; back "Votre quartier"

# Lending: the board, an item, the form, my loans.
type "3"; back_in_bar "› Prêts et services"
press Enter; back_in_bar "Biporteur électrique"
back "objets et services"
type "n"; back_in_bar "› Nouvelle annonce"
press Escape; wait_for "objets et services"
type "l"; back_in_bar "› Mes prêts"
back "objets et services"; back "Votre quartier"

# Events: the agenda, an event, who comes, the form.
type "4"; back_in_bar "› Événements"
press Enter; back_in_bar "Repair café"
type "l"; back_in_bar "› Qui vient"
back "Repair café"; back "› Événements"
type "n"; back_in_bar "› Nouvel événement"
press Escape; wait_for "› Événements"; back "Votre quartier"

# Mail: the inbox, a conversation, a new message, the blocked.
type "5"; back_in_bar "› Messagerie"
press Enter; back_in_bar "Tables pliantes"
back "Boîte de réception"
type "n"; back_in_bar "› Nouveau message"
press Escape; wait_for "Boîte de réception"
type "b"; back_in_bar "Bloqués"
back "Boîte de réception"; back "Votre quartier"

# Neighbours waiting, moderation, profile, search, help.
type "6"; back_in_bar "› Bonnes adresses"
press Enter; back_in_bar "Plomberie Koenig"
back "les plus recommandées"
type "n"; back_in_bar "› Nouvelle adresse"
press Escape; wait_for "les plus recommandées"; back "Votre quartier"

type "v"; back_in_bar "› Voisins en attente"
back "Votre quartier"
type "m"; back_in_bar "› Modération"
press Enter; back_in_bar "› Signalement"
back "› Modération"
type "L"; back_in_bar "› Journal de modération"
back "› Modération"; back "Votre quartier"
type "p"; back_in_bar "› Mon profil"
type "4"; back_in_bar "› Mes clés SSH"
back "› Mon profil"
type "5"; back_in_bar "› Déménager"
press Escape; wait_for "› Mon profil"; back "Votre quartier"
type "/"; back_in_bar "› Rechercher"
press Escape; wait_for "Votre quartier"
type "?"; back_in_bar "› Aide"
back "Votre quartier"

# An author's own ad, lending item and event, with their author's keys.
type "q"; wait_for "Se déconnecter ?"; type "o"
login sophie
wait_for "Bonjour Sophie"
search_open "poussette"; back_in_bar "Poussette compacte"
back "Recherche :"; press Escape; wait_for "Votre quartier"
search_open "escabeau"; back_in_bar "Cherche un escabeau"
back "Recherche :"; press Escape; wait_for "Votre quartier"
search_open "pique-nique"; back_in_bar "Pique-nique au bord"

# A pending resident sees only the verification screen.
tm kill-session -t "$SESSION"
start_ui 80 24
login hugo
back_in_bar "› Vérification"

# Signing up, as quartierd starts it for "ssh new@host".
tm kill-session -t "$SESSION"
printf 'signup\n' > "$TEST_TMP/handover"
tm new-session -d -s "$SESSION" -x 80 -y 24 \
	env QUARTIER_CONFIG="$CONF" QUARTIER_LOCALEDIR="$QUARTIER_LOCALEDIR" \
	LANG=C.UTF-8 LANGUAGE= LC_ALL= TERM=xterm-256color \
	QUARTIER_SESSION_FD=3 \
	sh -c "\"$QUARTIER\" --db \"$DB\" 3<\"$TEST_TMP/handover\"; sleep 600"
back_in_bar "› Inscription"

# The sysop's console, where the owner checks let it open.
if [ "$(id -u)" = 0 ]; then
	tm kill-session -t "$SESSION"
	start_console "$SESSION" "$DB"
	back_in_bar "Console sysop › Tableau de bord"
	type "1"; back_in_bar "› Habitants"
	press Enter; back_in_bar "› Habitants ›"
	back "› Habitants"; back "Qui est connecté"
	type "2"; back_in_bar "› Quartiers"
	back "Qui est connecté"
	type "3"; back_in_bar "› Annonce"
	press Escape; wait_for "Qui est connecté"
	type "4"; back_in_bar "› Journal"
else
	skip "the sysop's console" "the owner checks need root"
fi
done_testing
