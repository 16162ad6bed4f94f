#!/bin/sh
# Polls on the wall as residents use them: Karim has not voted on his
# vide-grenier poll and sees the choices only; he votes and sees counts
# and bars; he changes his vote.  He then gives another post of his a
# poll of several answers, a mistyped vote is asked again, and nobody's
# choice is ever named.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db
start_ui 80 24
login karim
expect_screen "Bonjour Karim"
type "/"
expect_screen "Recherche :"
type "inscriptions ouvertes"; press Enter
expect_screen "Vide-grenier de la Krutenau"
press Down; press Enter
expect_screen "── Sondage · une réponse · clôture le" "the post carries a poll, with its closing day"
expect_screen "[ ] 1 Le premier samedi du mois" "its choices are numbered"
expect_screen "Tapez v pour voter : les résultats s'affichent une fois votre vote donné." "no results before voting"
expect_no_screen "%)" "no count is shown before voting"
expect_screen "Personne ne voit qui a voté quoi." "the secret is said"
type "v"
expect_screen "Votre vote" "v asks for the vote"
type "3"
expect_screen "Merci d'avoir voté." "voted"
expect_screen "[x] 3 Le dernier samedi" "the resident's own choice is marked"
expect_screen "████████████░░░░░░░░ 3 (60 %)" "counts and a bar of text"
expect_screen "5 voisins ont voté. Tapez v pour changer votre vote."
check "one vote of his" test "$(sql "SELECT count(*) FROM poll_votes WHERE resident_id = 2")" = 1
type "v"
type "1"
expect_screen "Votre vote est changé." "the vote is changed"
expect_screen "[x] 1 Le premier samedi du mois"
expect_screen "5 voisins ont voté."
check "still one vote of his" test "$(sql "SELECT count(*) FROM poll_votes WHERE resident_id = 2")" = 1
expect_no_screen "Marie Lefèvre" "no voter is named"
press Escape; press Escape

# A poll on another post of his: two answers, several each, 3 days.
type "/"
expect_screen "Recherche :"
type "chat perdu"; press Enter
expect_screen "Chat perdu rue de Zurich"
press Down; press Enter
expect_screen "s Ajouter un sondage" "the author may add a poll"
type "s"
expect_screen "Réponse 1 :"
press Enter
expect_screen "Réponse 1 :" "an empty first answer is not taken"
type "Je l'ai vu"; press Enter
expect_screen "Réponse 2 :"
press Escape
expect_screen "Abandonner ce sondage ?" "Escape asks before losing the answers typed"
type "n"
expect_screen "Réponse 2 :" "and no goes on with the next answer"
type "Pas vu"; press Enter
expect_screen "Réponse 3 (vide : c'est tout) :"
press Enter
expect_screen "Combien de réponses un voisin peut-il donner ?"
type "2"
expect_screen "Clos dans combien de jours ?"
type "x"; press Enter
expect_screen "De 1 à 90 jours, ou vide :" "a wrong number of days is asked again"
type "3"; press Enter
expect_screen "Votre message porte un sondage." "the poll is on the post"
expect_screen "Sondage · plusieurs réponses · clôture le"
type "v"
expect_screen "Les numéros de vos réponses"
type "1 9"; press Enter
expect_screen "Seulement les numéros des réponses" "a number out of the poll is asked again"
type "1 2"; press Enter
expect_screen "Merci d'avoir voté."
expect_screen "1 voisin a voté."
check "two choices of one voter" test "$(sql "SELECT count(*) || ':' || count(DISTINCT resident_id) FROM poll_votes WHERE item_id = 5")" = "2:1"
expect_no_screen "s Ajouter un sondage" "one poll a post"
done_testing
