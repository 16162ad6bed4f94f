#!/bin/sh
# groups.sh - the groups of the quartier as residents use them: the list
# (7), an open group and one on request, joining, a co-admin's answer,
# founding one, a founder who cannot just leave, a moderator who closes a
# group; another quartier sees none of them.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db

# Karim: the demo's two groups, what he is in each.
start_ui_as karim 80 24
TARGET=karim login karim
TARGET=karim expect_screen "Bonjour Karim"
TARGET=karim expect_screen "7   Groupes" "the groups are on the menu"
TARGET=karim type "7"
TARGET=karim expect_screen "Strasbourg › Krutenau › Groupes" "7 opens them"
TARGET=karim expect_row "Course du dimanche" "3 membres · membre" \
    "a group he is in says so"
TARGET=karim expect_row "Jardin partagé" "sur demande" \
    "a group on request says so"

# The garden is on request: he asks, and does not see its members yet.
TARGET=karim press Down
TARGET=karim press Enter
TARGET=karim expect_screen "Sur demande · créé par Odile Schmitt"
TARGET=karim expect_screen "Seuls ses membres voient qui ils sont." \
    "a group's members are for its members"
TARGET=karim expect_screen "j Rejoindre"
TARGET=karim type "j"
TARGET=karim expect_screen "Votre demande est envoyée" "j sends a request"
check "the request is stored" \
    test "$(sql "SELECT role FROM group_members WHERE group_id = 2 AND resident_id = 2")" = pending
TARGET=karim type "j"
TARGET=karim expect_screen "Votre demande attend une réponse." "once"
TARGET=karim press Escape

# Sophie, co-admin of the garden, accepts him.
start_ui_as sophie 80 24
TARGET=sophie login sophie
TARGET=sophie expect_screen "Bonjour Sophie"
TARGET=sophie type "7"
TARGET=sophie expect_row "Jardin partagé" "co-admin" "Sophie is its co-admin"
TARGET=sophie press Down
TARGET=sophie press Enter
TARGET=sophie expect_screen "Marie Lefèvre (demande envoyée)" \
    "a co-admin sees the requests"
TARGET=sophie expect_screen "a Répondre aux demandes" "and may answer them"
TARGET=sophie expect_no_screen "x Fermer" "a co-admin does not close it"
TARGET=sophie type "a"
TARGET=sophie expect_screen "Demandes pour rejoindre"
TARGET=sophie type "1"
TARGET=sophie expect_screen "Karim Benali demande à rejoindre le groupe"
TARGET=sophie type "1"
TARGET=sophie expect_screen "Accepté : membre du groupe désormais." "she accepts"
check "Karim is a member" \
    test "$(sql "SELECT role FROM group_members WHERE group_id = 2 AND resident_id = 2")" = member
TARGET=sophie expect_screen "── 3 membres ──"

# Karim founds a group on request; its name is his quartier's only once.
TARGET=karim type "n"
TARGET=karim expect_screen "Nom du groupe :"
TARGET=karim type "Parents de Saint-Thomas"
TARGET=karim press Enter
TARGET=karim expect_screen "Ce qu'il est, en une phrase :"
TARGET=karim type "Les parents de l'école Saint-Thomas, pour les sorties et le covoiturage."
TARGET=karim press Enter
TARGET=karim expect_screen "Qui peut le rejoindre ?"
TARGET=karim type "2"
TARGET=karim expect_screen "Votre groupe est créé." "n founds a group"
TARGET=karim expect_screen "Karim Benali (fondateur)" "its founder is its first member"
check "the group is stored on request" \
    test "$(sql "SELECT open FROM quartier_groups WHERE name = 'Parents de Saint-Thomas'")" = 0
TARGET=karim expect_no_screen "l Quitter" "a founder is not offered to leave"
TARGET=karim type "l"
TARGET=karim expect_screen "Un fondateur passe la main" "and is told why"
TARGET=karim press Escape
TARGET=karim expect_row "Parents de Saint-Thomas" "fondateur" "the list shows the new group"
TARGET=karim type "n"
TARGET=karim expect_screen "Nom du groupe :"
TARGET=karim type "parents de SAINT-THOMAS"
TARGET=karim press Enter
TARGET=karim type "Doublon"
TARGET=karim press Enter
TARGET=karim type "1"
TARGET=karim expect_screen "Le quartier a déjà un groupe de ce nom." \
    "a name the quartier has is refused"
check "nothing was written" \
    test "$(sql "SELECT count(*) FROM quartier_groups")" = 3

# Nadia, in Neudorf, sees none of Krutenau's groups.
start_ui_as nadia 80 24
TARGET=nadia login nadia
TARGET=nadia expect_screen "Bonjour Nadia"
TARGET=nadia type "7"
TARGET=nadia expect_screen "Pas encore de groupe dans le quartier" \
    "another quartier's groups are not there"

# Marie, moderator, reads the members of any group and closes one.
start_ui_as marie 80 24
TARGET=marie login marie
TARGET=marie expect_screen "Bonjour Marie"
TARGET=marie type "7"
TARGET=marie expect_screen "Course du dimanche"
TARGET=marie press Enter
TARGET=marie expect_screen "Lucas Muller (fondateur)" \
    "a moderator reads the members of a group she is not in"
TARGET=marie type "x"
TARGET=marie expect_screen "Fermer ce groupe pour de bon"
TARGET=marie type "o"
TARGET=marie expect_screen "Le groupe est fermé." "a moderator closes it"
TARGET=marie expect_no_screen "Course du dimanche" "it leaves the list"
check "the group is closed by her" \
    test "$(sql "SELECT closed_by FROM quartier_groups WHERE id = 1")" = 1
done_testing
