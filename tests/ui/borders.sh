#!/bin/sh
# borders.sh - lost and alerts across the border, as residents of two
# neighbouring quartiers use it: Nadia (Neudorf) reads and answers the
# cat Karim (Krutenau) shared; Karim shares a new alert when he sends it,
# then stops; a hidden post leaves both walls; Robertsau, not a
# neighbour, sees none of it.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db

# Nadia: the shared cat is on her wall, marked with its quartier.
start_ui_as nadia 80 24
TARGET=nadia login nadia
TARGET=nadia expect_screen "Bonjour Nadia"
TARGET=nadia type "1"
TARGET=nadia expect_screen "Strasbourg › Neudorf › Mur"
TARGET=nadia expect_row "Perdu/trouvé" "[Krutenau] Chat perdu" \
    "a shared post is on the neighbour's wall, marked with its quartier"
TARGET=nadia expect_no_screen "Trouvé : trousseau" \
    "a lost post its author did not share stays at home"
line=$(screen nadia | grep -n "\[Krutenau\]" | cut -d: -f1)
i=4
while [ "$i" -lt "$line" ]; do TARGET=nadia press Down; i=$((i + 1)); done
TARGET=nadia press Enter
TARGET=nadia expect_screen "Partagé par le quartier voisin Krutenau." \
    "the post says where it comes from"
TARGET=nadia expect_no_screen "p Partager" "only its author shares it"
TARGET=nadia type "r"
TARGET=nadia expect_screen "Votre réponse :"
TARGET=nadia type "Je l'ai vu passer avenue de Colmar hier soir."
TARGET=nadia press F2
TARGET=nadia expect_screen "Votre réponse est envoyée." "a neighbour answers it"
check "the reply is stored on the post" \
    test "$(sql "SELECT count(*) FROM replies WHERE item_id = 5 AND author_id = 10")" = 1
# Reporting it offers the post, not its author (another quartier's).
TARGET=nadia press Home
TARGET=nadia type "!"
TARGET=nadia expect_screen "Signaler ce message"
TARGET=nadia expect_no_screen "Signaler son auteur" \
    "a neighbour's author is not reported from here"
TARGET=nadia type "1"
TARGET=nadia expect_screen "Pourquoi signalez-vous ceci"
TARGET=nadia type "Numéro de téléphone personnel dans le message"
TARGET=nadia press Enter
TARGET=nadia expect_screen "Merci, votre signalement est transmis à la modération." \
    "a neighbour reports a shared post"
check "the report goes to the post's own quartier" \
    test "$(sql "SELECT quartier_id FROM reports WHERE reporter_id = 10 AND target_id = 5")" = 1
TARGET=nadia press Escape

# Karim sees Nadia's answer on his own post.
start_ui_as karim 80 24
TARGET=karim login karim
TARGET=karim expect_screen "Bonjour Karim"
TARGET=karim type "1"
TARGET=karim expect_screen "Strasbourg › Krutenau › Mur"
TARGET=karim expect_no_screen "[Krutenau]" "his own wall is not marked"

# He writes an alert and shares it when he sends it.
TARGET=karim type "n"
TARGET=karim expect_screen "Nouveau message"
TARGET=karim type "6"
TARGET=karim press Tab
TARGET=karim type "Démarcheurs au porte-à-porte"
TARGET=karim press Tab
TARGET=karim type "Deux hommes se présentent comme envoyés de la mairie."
TARGET=karim press F2
TARGET=karim expect_screen "Partager aussi avec les quartiers voisins (Neudorf)" \
    "an alert offers to cross the border"
TARGET=karim type "o"
TARGET=karim expect_screen "sur le mur des quartiers voisins" "and says it did"
check "the alert is shared" \
    test "$(sql "SELECT count(*) FROM items WHERE title LIKE 'Démarcheurs%' AND shared_at IS NOT NULL")" = 1
TARGET=nadia type "1"
TARGET=nadia expect_row "Alerte" "[Krutenau] Démarcheurs" \
    "the new alert is on the neighbour's wall"

# An info post does not ask.
TARGET=karim type "n"
TARGET=karim expect_screen "Nouveau message"
TARGET=karim type "1"
TARGET=karim press Tab
TARGET=karim type "Marché de Noël"
TARGET=karim press Tab
TARGET=karim type "Samedi place du Marché-Gayot."
TARGET=karim press F2
TARGET=karim expect_screen "Votre message est sur le mur." "an info post is sent without a question"
check "and is not shared" \
    test "$(sql "SELECT count(*) FROM items WHERE title = 'Marché de Noël' AND shared_at IS NULL")" = 1

# He stops sharing the alert from the post.
TARGET=karim press Home
line=$(screen karim | grep -n "Démarcheurs" | cut -d: -f1)
i=4
while [ "$i" -lt "$line" ]; do TARGET=karim press Down; i=$((i + 1)); done
TARGET=karim press Enter
TARGET=karim expect_screen "Partagé avec les quartiers voisins (Neudorf)" \
    "the author's post says where it is shared"
TARGET=karim type "?"
TARGET=karim expect_screen "p partage avec les" "the help tells of p"
TARGET=karim press Escape
TARGET=karim type "p"
TARGET=karim expect_screen "Ne plus partager ce message"
TARGET=karim type "o"
TARGET=karim expect_screen "N'est plus partagé." "p stops sharing"
check "the alert is no longer shared" \
    test "$(sql "SELECT count(*) FROM items WHERE title LIKE 'Démarcheurs%' AND shared_at IS NULL")" = 1
TARGET=nadia press Escape
TARGET=nadia type "1"
TARGET=nadia expect_screen "Strasbourg › Neudorf › Mur"
TARGET=nadia expect_no_screen "Démarcheurs" "it left the neighbour's wall"
TARGET=karim press Escape
TARGET=karim press Escape

# Robertsau is no neighbour: nothing crosses.
start_ui_as thomas 80 24
TARGET=thomas login thomas
TARGET=thomas expect_screen "Bonjour Thomas"
TARGET=thomas type "1"
TARGET=thomas expect_screen "Strasbourg › Robertsau › Mur"
TARGET=thomas expect_no_screen "Krutenau]" "a quartier that is no neighbour sees nothing"

# Marie, moderator of Krutenau, gets Nadia's report and hides the cat:
# it is gone from both walls.
start_ui_as marie 80 24
TARGET=marie login marie
TARGET=marie expect_screen "Bonjour Marie"
TARGET=marie type "m"
TARGET=marie expect_screen "Strasbourg › Krutenau › Modération"
TARGET=marie press End
TARGET=marie expect_screen "Signalé par Nadia Haddad : Numéro de téléphone" \
    "the neighbour's report is in the origin's queue"
TARGET=marie press Enter
TARGET=marie expect_screen "h Masquer"
TARGET=marie type "h"
TARGET=marie expect_screen "Motif (inscrit au journal, obligatoire)"
TARGET=marie type "Données personnelles"
TARGET=marie press Enter
TARGET=marie expect_screen "Le masquer pour tous sauf son auteur"
TARGET=marie type "o"
TARGET=marie expect_screen "Masqué. Son auteur voit pourquoi." "the post is hidden"
TARGET=nadia press Escape
TARGET=nadia type "1"
TARGET=nadia expect_screen "Strasbourg › Neudorf › Mur"
TARGET=nadia expect_no_screen "Chat perdu rue de Zurich" \
    "a hidden post is gone from the neighbour's wall"
done_testing
