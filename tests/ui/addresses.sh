#!/bin/sh
# Bonnes adresses as residents use them: the list by the number of
# neighbours who recommend, one kind, a doctor's "new patients" confirmed
# in one step, recommending (once), changing what one said and
# withdrawing it, a new address whose name is already listed (offered
# first), a private person who must have agreed, and a comment reported.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db
start_ui 80 24
login marie
expect_screen "Bonjour Marie"
expect_screen " 6   Bonnes adresses" "the board is on the menu, key 6"
type "6"
expect_screen "Strasbourg › Krutenau › Bonnes adresses" "6 opens it"
expect_screen "Type : toutes · les plus recommandées d'abord" "its order is said"
expect_screen "5 adresses" "the count of the quartier's addresses"
check "the most recommended comes first" test -n "$(screen | sed -n 4p | grep "Plomberie Koenig" | grep "3 voisins")"
expect_cells "a doctor's row says she takes patients" "Dr Anne Muller" "nouveaux patients" "2 voisins"
expect_cells "an artisan is shown by the trade" "plombier" "Plomberie Koenig"
expect_no_screen "Pharmacie du Neudorf" "nothing of another quartier"

# One kind.
type "k"
expect_screen "Quel type afficher ?" "k offers the kinds"
expect_screen " 1  Médecin généraliste" "the kinds are numbered as on the form"
type "1"
expect_screen "Type : Médecin généraliste" "only doctors"
expect_screen "1 adresse"
expect_no_screen "Plomberie" "the plumber is not a doctor"
type "k"; type "0"
expect_screen "5 adresses" "0 is every kind again"

# The doctor: any neighbour says whether she takes new patients.
press Down; press Enter
expect_screen "Nouveaux patients : oui, selon Odile Schmitt" "who said so last"
expect_screen "── 2 voisins la recommandent ──" "who recommends it"
expect_screen "Elle suit mes enfants" "and what they say"
type "p"
expect_screen "Prend-il de nouveaux patients" "p asks"
type "2"
expect_screen "non, selon Marie Lefèvre" "one step contradicts it, with the name"
check "stored with today's date" test "$(sql "SELECT patients || ':' || (patients_by = 1) || ':' || (patients_at > strftime('%s','now') - 600) FROM addresses WHERE item_id = 300")" = "no:1:1"

# Recommend it, change the comment, withdraw it.
type "r"
expect_screen "Pourquoi la recommandez-vous ?" "r asks why"
type "Ma médecin depuis dix ans."
press Enter
expect_screen "Vous la recommandez désormais." "recommended"
expect_screen "── 3 voisins la recommandent ──" "one more neighbour"
expect_screen "Ma médecin depuis dix ans." "the comment is shown"
type "r"
expect_screen "Ce que vous en dites :" "r again edits what one said"
press BSpace; type " Très bien."
press Enter
expect_screen "Ma médecin depuis dix ans Très bien." "the comment is changed"
check "still one recommendation of hers" test "$(sql "SELECT count(*) FROM replies WHERE item_id = 300 AND author_id = 1 AND deleted_at IS NULL")" = 1
type "w"
expect_screen "Retirer votre recommandation" "w asks first"
type "o"
expect_screen "Votre recommandation est retirée." "withdrawn"
expect_screen "── 2 voisins la recommandent ──" "one neighbour fewer"
press Escape

# A new address named as one already listed: that one is offered first.
type "n"
expect_screen "Nouvelle adresse" "n opens the form"
expect_screen "n'est listée que" "the form says a person must agree"
press Left
expect_screen "Autre" "the arrows reach the kinds past 9"
press Tab
type "Lea Schneider"
press Tab; type "rue de Zurich"
press Tab; type "06 00 00 00 00"
press F2
expect_screen "choisissez 2 ou 3" "a person is listed only with consent"
check "nothing was stored" test "$(sql "SELECT count(*) FROM items WHERE kind = 'address' AND title = 'Lea Schneider'")" = 0
type "3"
press F2
expect_screen "« Léa Schneider » (quai des Bateliers) est déjà listée" "the same folded name is offered"
type "1"
expect_screen "Une personne privée : Sophie Martin dit qu'elle a accepté d'être listée." "the existing one opens, with its consent line"
check "still one Léa" test "$(sql "SELECT count(*) FROM items WHERE kind = 'address' AND title LIKE 'L%a Schneider'")" = 1
press Escape

# An artisan, listed with a comment: recommended by its author.
type "n"
expect_screen "Nouvelle adresse"
for _i in 1 2 3 4 5; do press Right; done
press Right
expect_screen "Métier :" "an artisan is asked the trade"
press Tab; type "électricien"
press Tab; type "Élec Durand"
press Tab; type "rue des Orphelins"
press Tab; type "07 00 11 22 33"
press Tab; press Tab
type "Dépannage rapide un samedi soir."
press F2
expect_screen "L'adresse est sur la liste." "listed"
expect_cells "it is listed with one neighbour" "électricien" "Élec Durand" "1 voisin"
check "in the search index, by its trade" test "$(sql "SELECT count(*) FROM search_rows WHERE board = 4 AND body LIKE '%electricien%'")" = 1

# A comment reported.
type "k"; type "6"
expect_screen "Type : Artisan"
press Enter
expect_screen "Plomberie Koenig"
press Down
type "!"
expect_screen "Pourquoi signalez-vous" "a recommendation can be reported"
type "Publicité déguisée"
press Enter
check "the report is on the reply" test "$(sql "SELECT count(*) FROM reports WHERE target_kind = 'reply' AND target_id IN (SELECT id FROM replies WHERE item_id = 301)")" = 1
done_testing
