#!/bin/sh
# Moderation from report to log: Karim reports Sophie's post with a reason;
# Marie, moderator of the Krutenau, finds it under "m Modération", reads it
# and hides it with a reason; Sophie sees it marked with that reason and
# nobody else sees it; Marie restores it from the log, where both actions
# are; a warning arrives in the author's inbox marked as from moderation.
. "$top_srcdir/tests/ui/lib.sh"

TITLE="Trouvé : trousseau de clés"

# open_wall_row TEXT: on the wall, choose the row showing TEXT and open it
# (rows start on line 3, the first one chosen).
open_wall_row() {
	wait_for "Catégorie"
	_line=$(screen "${TARGET:-$SESSION}" | grep -n -- "$1" | head -1 | cut -d: -f1)
	_i=4
	while [ "$_i" -lt "$_line" ]; do press Down; _i=$((_i + 1)); done
	press Enter
}

new_demo_db

# Karim reports the post.
start_ui_as karim 80 24
TARGET=karim login karim
TARGET=karim expect_screen "Bonjour Karim"
TARGET=karim expect_no_screen "Modération" "a resident has no moderation entry"
TARGET=karim type "1"
TARGET=karim open_wall_row "$TITLE"
TARGET=karim expect_screen "Décrivez-le-moi" "Karim reads Sophie's post"
TARGET=karim expect_screen "! Signaler" "the key bar offers to report"
TARGET=karim type "!"
TARGET=karim expect_screen "Signaler ce message" "! asks what to report"
TARGET=karim expect_screen "Signaler son auteur, Sophie Martin"
TARGET=karim type "1"
TARGET=karim expect_screen "Pourquoi signalez-vous ceci"
TARGET=karim press Enter
TARGET=karim expect_screen "Rien n'a été signalé." "an empty reason cancels"
TARGET=karim type "!"; TARGET=karim type "1"
TARGET=karim expect_screen "Pourquoi signalez-vous ceci"
TARGET=karim type "Elle demande des détails privés, ça ressemble à une arnaque"
TARGET=karim press Enter
TARGET=karim expect_screen "Merci, votre signalement est transmis à la modération." "the report is taken"
check "the report is stored" test "$(sql "SELECT count(*) FROM reports WHERE reporter_id = 2 AND target_kind = 'item' AND target_id = 13 AND resolved_at IS NULL")" = 1
TARGET=karim type "!"; TARGET=karim type "1"
TARGET=karim type "Encore"
TARGET=karim press Enter
TARGET=karim expect_screen "Vous avez déjà signalé" "a second report of the same post is refused"

# Marie, moderator, sees it in the queue.
start_ui 80 24
login marie
expect_screen "Bonjour Marie"
expect_screen "m   Modération (4)" "the menu shows the open reports to a moderator"
type "m"
expect_screen "Strasbourg › Krutenau › Modération" "m opens the queue"
expect_screen "4 signalements à traiter" "the queue counts its lines"
press End
expect_screen "Signalé par Karim Benali : Elle demande" "the newest report is last, with reporter and reason"
expect_screen "Sophie Martin"
press Enter
expect_screen "clés avec un porte-clés en forme de cigogne" "the report shows the text in full"
expect_screen "h Masquer" "the actions are in the key bar"
expect_no_screen "l Lever" "lifting does not apply to a post"

# Hide it: the reason is required, then confirmed.
type "h"
expect_screen "Motif (inscrit au journal, obligatoire)"
press Enter
expect_screen "Un motif est nécessaire" "an empty reason is refused"
type "Ne demandez pas de détails en privé : passez par le centre"
press Enter
expect_screen "Le masquer pour tous sauf son auteur"
type "o"
expect_screen "Masqué. Son auteur voit pourquoi." "the post is hidden"
expect_screen "3 signalements à traiter" "its report left the queue"
check "the post is hidden with its reason" test "$(sql "SELECT hidden_reason FROM items WHERE id = 13")" = "Ne demandez pas de détails en privé : passez par le centre"
check "the hide is logged" test "$(sql "SELECT count(*) FROM moderation_log WHERE action = 'hide' AND target_id = 13 AND actor_id = 1")" = 1

# Others no longer see it, nor find it.
TARGET=karim press Escape
TARGET=karim press Escape
TARGET=karim expect_screen "Bonjour Karim"
TARGET=karim type "1"
TARGET=karim expect_screen "Catégorie"
TARGET=karim expect_no_screen "$TITLE" "a hidden post is gone from the wall of others"
TARGET=karim type "/"
TARGET=karim expect_screen "Recherche :"
TARGET=karim type "trousseau"
TARGET=karim press Enter
TARGET=karim expect_screen "Recherche :"
TARGET=karim expect_no_screen "$TITLE" "search does not find a hidden post"
TARGET=karim press Escape

# Sophie, its author, sees it marked, with the reason.
start_ui_as sophie 80 24
TARGET=sophie login sophie
TARGET=sophie expect_screen "Bonjour Sophie"
TARGET=sophie type "1"
TARGET=sophie expect_screen "Masqué" "the author's wall marks the hidden post"
TARGET=sophie open_wall_row "$TITLE"
TARGET=sophie expect_screen "Masqué par la modération : Ne demandez pas" "the author sees why it was hidden"

# Marie restores it from the log, where both actions are.
type "L"
expect_screen "Journal de modération" "L opens the log"
expect_screen "masqué · contenu « Trouvé : trousseau" "the log names the action and the post"
expect_screen "Motif : Ne demandez pas" "the chosen line's reason is shown"
type "r"
type "Après échange avec Sophie, le message est correct"
press Enter
expect_screen "Le montrer de nouveau à tous"
type "o"
expect_screen "rétabli · contenu « Trouvé : trousseau" "the restore is in the log"
expect_screen "masqué · contenu « Trouvé : trousseau" "the hide stays in the log"
check "the post is visible again" test "$(sql "SELECT hidden_at IS NULL FROM items WHERE id = 13")" = 1
TARGET=karim press Escape
TARGET=karim expect_screen "Bonjour Karim"
TARGET=karim type "1"
TARGET=karim expect_screen "$TITLE" "the restored post is back on the wall"

# A warning to the author of a reported ad.
press Escape
expect_screen "signalements à traiter"
press Home
_line=$(screen | grep -n "Écran 24" | head -1 | cut -d: -f1)
_i=4
while [ "$_i" -lt "$_line" ]; do press Down; _i=$((_i + 1)); done
press Enter
expect_screen "Écran 24 pouces" "the ad's report opens"
type "w"
type "Merci de ne publier que des annonces sincères"
press Enter
expect_screen "Envoyer cet avertissement"
type "o"
expect_screen "L'avertissement est envoyé." "the warning is sent"
start_ui_as lucas 80 24
TARGET=lucas login lucas
TARGET=lucas expect_screen "Bonjour Lucas"
TARGET=lucas type "5"
TARGET=lucas expect_screen "(modération)" "the warning is marked as from moderation"
TARGET=lucas expect_screen "Avertissement de la modération" "in the recipient's language"
check "the warning is logged" test "$(sql "SELECT count(*) FROM moderation_log WHERE action = 'warn' AND target_kind = 'resident' AND target_id = 4")" = 1

# Resize survives.
resize 100 30
expect_screen "signalements à traiter" "the queue survives a resize"
done_testing
