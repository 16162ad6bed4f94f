#!/bin/sh
# columns.sh - lists lay their columns out from the width there is: a
# date, a title or a name is whole where the line has room for it, and
# the resident's own name on the top line is not cut for the path.
. "$top_srcdir/tests/ui/lib.sh"

# One fixed moment (Monday 7 December 2026, noon), so that the widest
# date of the lending board is "1er décembre" whatever the day the test
# runs: the demo's dates are counted back from the clock.
NOW=1796644800
QUARTIER_FAKE_NOW=$NOW; export QUARTIER_FAKE_NOW
new_demo_db
sql "UPDATE residents SET display_name = 'Marie-Christine Lefèvre'
	WHERE handle = 'marie'"
start_ui 80 24 QUARTIER_FAKE_NOW=$NOW
login marie
expect_screen "Bonjour Marie-Christine"

# The lending board: the widest date of the page is whole.
type "3"
expect_row "Monter une étagère" "1er décembre" \
    "the lending board shows \"1er décembre\" whole"
expect_row "Biporteur électrique" "Karim Benali" "names are whole too"

# The classifieds: the titles take the room the empty columns leave.
type "q"; wait_for "Votre quartier"
type "2"
expect_screen "Bicyclette de ville, 26 pouces" "an ad's title is not cut beside empty space"
expect_screen "Cherche un fauteuil confortable" "nor a wanted ad's"
expect_row "Commode ancienne" "Réservé" "the status follows the title"
# A list's heading takes the line up to its page number.
type "k"; wait_for "Quelles annonces afficher ?"; type "3"
expect_row "État : disponibles ou réservées" "page 1" \
    "the heading of the filters is whole beside the page number"
type "k"; wait_for "Quelles annonces afficher ?"; type "0"
wait_for "Type : tous"

# The top line: the name stays whole on a screen with a long title.
press Enter
wait_for "Contacter"
top=$(screen | head -n 1)
case $top in
*"Marie-Christine Lefèvre · 4 non lus") ok 0 "the top line keeps the resident's name whole" ;;
*) ok 1 "the top line keeps the resident's name whole"; diag "$top" ;;
esac
case $top in
*"› Bicyclette"*) ok 0 "and says where the resident is" ;;
*) ok 1 "and says where the resident is"; diag "$top" ;;
esac

# Wider, the titles get the room: the wall's longest title is whole.
type "q"; wait_for "État :"; type "q"; wait_for "Votre quartier"
resize 120 30
type "1"
expect_screen "Bienvenue sur Quartier, le réseau des voisins de la Krutenau" \
    "at 120 columns the wall's titles are whole"
expect_row "Centre socio-culturel Krutenau" "Coupure d'eau" \
    "and so are the names"
# Where the resident is, on the top line, has the room the path leaves.
type "q"; wait_for "Votre quartier"
type "2"; wait_for "État :"; press Enter; wait_for "Contacter"
top=$(screen | head -n 1)
case $top in
*"› Bicyclette de ville, 26 pouces "*)
	ok 0 "the top line gives the ad's title the room there is" ;;
*) ok 1 "the top line gives the ad's title the room there is"; diag "$top" ;;
esac
type "q"; wait_for "État :"; type "q"; wait_for "Votre quartier"
type "1"; wait_for "Catégorie : toutes"
resize 80 24
expect_row "Coupure d'eau mardi" "Alerte" "back at 80x24 the rows lay out again"

# The inbox: the name column is as wide as its widest name.
type "q"; wait_for "Votre quartier"
type "5"
expect_row "Sophie Martin" "Tables pliantes pour l'apéro (2)" \
    "the inbox's subject follows the names"
row=$(screen | grep "Sophie Martin")
case $row in
*"Martin Tables"*) ok 0 "without a gap of 17 blank columns" ;;
*) ok 1 "without a gap of 17 blank columns"; diag "$row" ;;
esac
type "q"; wait_for "Votre quartier"
type "q"; wait_for "Se déconnecter ?"; type "o"

# Neighbours waiting: a long street is whole (it had 27 columns).
sql "UPDATE residents SET street = '4 avenue du Général de Gaulle prolongée'
	WHERE handle = 'hugo'"
login amelie
wait_for "Bonjour Amélie"
type "v"
expect_row "Hugo Fischer" "avenue du Général de Gaulle prolongée" \
    "the waiting list shows a long street whole"

# The sysop's list of residents: the name of the community centre is
# whole (it had 20 columns), where the owner checks let the console open.
if [ "$(id -u)" = 0 ]; then
	tm kill-session -t "$SESSION"
	start_console "$SESSION" "$DB"
	expect_row "Strasbourg › Krutenau" "13" \
	    "the dashboard's table of quartiers"
	type "1"
	expect_row "csc-krutenau" "Centre socio-culturel Krutenau" \
	    "the sysop's list of residents shows a long name whole"
	expect_row "marie" "modérateur" "and the last column too"
else
	skip "the sysop's console" "the owner checks need root"
fi
done_testing
