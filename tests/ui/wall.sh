#!/bin/sh
# The wall as a resident uses it: read, filter, page, post, reply, edit,
# delete; text from anywhere lines up; two residents posting at once.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db
start_ui 80 24
login marie
expect_screen "Bonjour Marie"
type "1"
expect_screen "Strasbourg › Krutenau › Mur" "the wall opens from the menu"
expect_screen "Bienvenue sur Quartier" "the announcement is pinned"
line=$(screen | grep -n "Annonce" | head -1 | cut -d: -f1)
check "the announcement is the first row" test "$line" = 4
expect_no_screen "Neudorf" "nothing of another quartier"

# Open a post with replies, then go back.
press Down; press Down
press Enter
expect_screen "Répondre" "a post opens with its keys"
press Escape
expect_screen "Catégorie : toutes" "Esc goes back to the wall"

# Filter by category.
# The filter numbers the categories as the editor does, 0 for all.
type "c"
expect_screen "Toutes les catégories" "c offers the categories"
expect_screen " 0  Toutes les catégories" "0 is every category"
expect_screen " 1  Info" "1 is Info, as in the editor"
expect_screen " 6  Alerte" "6 is Alerte, as in the editor"
type "6"
expect_screen "Catégorie : Alerte" "the wall shows one category"
expect_no_screen "Conseil " "and only that one"
type "c"; type "0"
expect_screen "Catégorie : toutes"

# Write a post with accents, œ, CJK, an emoji with a skin tone and an
# escape sequence inside; it lines up and the escape does nothing.
type "n"
expect_screen "Nouveau message" "n opens the editor"
# A title begun on the category line is refused with a word, not lost
# without one.
type "V"
expect_screen "Choisissez avec un chiffre de 1 à 6 ; Tab passe au champ suivant." \
    "a letter on the category line says how to choose"
title_empty() { screen | grep -q '^ Titre : *$'; }
check "and is not taken" title_empty
expect_screen "1 Info" "the editor numbers the categories from 1"
# A digit chooses and stays on the line: what is typed next is not
# the title, and Tab goes on to it.
type "2"
type "V"
expect_screen "Choisissez avec un chiffre de 1 à 6" "the category line keeps the focus after a digit"
check "the title is still empty" title_empty
press Tab
type "Vélo œ 中文 👍🏽 ok"
press Tab
type "Qui a une pompe ?"
press Enter
printf 'Bonjour \033[2J les voisins' > "$TEST_TMP/esc.txt"
paste "$TEST_TMP/esc.txt"
press F2
expect_screen "Votre message est sur le mur." "the post is sent"
check "the post is stored cleaned" test "$(sql "SELECT body FROM items WHERE title LIKE 'Vélo%'")" = "Qui a une pompe ?
Bonjour  les voisins"
wait_for "Vélo œ"		# the list redraws after the message
row=$(screen | grep "Vélo œ")
check "the new post is on the wall" test -n "$row"
# The author column starts at the same column on every row.
author_column() { printf '%s\n' "$1" | sed 's/Marie Lef.*//' | LC_ALL=C.UTF-8 wc -L; }
other=$(screen | grep "Marie Lef" | grep -v "Vélo" | tail -n 1)
check "wide characters keep the columns aligned" test "$(author_column "$row")" = "$(author_column "$other")"
expect_no_screen "2J les" "the escape sequence is not in the title row"

# Reply to it, edit the reply, delete the post.
press Home; press Down
press Enter
expect_screen "Vélo œ 中文" "the new post opens"
type "r"
expect_screen "Votre réponse :"
type "Moi, j'en ai une."
press C-s
expect_screen "Votre réponse est envoyée." "a reply is sent with Ctrl-S"
expect_screen "── 1 réponse ──"
type "e"
expect_screen "Modifier votre réponse"
press BSpace; type " Passez quand vous voulez."
press F2
expect_screen "Passez quand vous voulez." "the reply is edited"
expect_screen "(modifié)"
press Home
type "d"
expect_screen "Supprimer ce message" "deleting asks first"
type "o"
expect_screen "Catégorie : toutes" "after deleting, back on the wall"
expect_no_screen "Vélo œ" "the deleted post is gone"
check "the deleted post stays in the file" test "$(sql "SELECT count(*) FROM items WHERE title LIKE 'Vélo%' AND deleted_at IS NOT NULL")" = 1

# Someone else's post cannot be edited.
press Home; press Down; press Down; press Enter
wait_for "Répondre"
expect_no_screen "e Modifier" "the key bar offers no edit on someone else's post"
type "e"
expect_screen "Seul son auteur" "only the author edits a post"
press Escape

# Thousands of posts page without trouble.
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO items (quartier_id, author_id, kind, category, title, body, created_at, last_activity_at)
SELECT 1, 2, 'post', 'info', 'Message numéro ' || i, 'Texte', strftime('%s','now') - 200000 - i, strftime('%s','now') - 200000 - i FROM n"
type "q"; type "1"
total=$(sql "SELECT count(*) FROM items WHERE quartier_id = 1 AND kind = 'post' AND deleted_at IS NULL")
expect_screen "$total messages" "the count includes thousands of posts"
for i in 1 2 3 4 5 6 7 8 9 10; do press NPage; done
expect_screen "page 11" "PgDn pages forward"
press PPage; press PPage
expect_screen "page 9" "PgUp pages back"
press Home
expect_screen "page 1" "Home returns to the first page"
# Past a hundred unread, the menu says 99+ (the store stops counting).
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
INSERT INTO items (quartier_id, author_id, kind, category, title, body, created_at, last_activity_at)
SELECT 1, 2, 'post', 'info', 'Nouvelle numéro ' || i, 'Texte', strftime('%s','now'), strftime('%s','now') FROM n"
type "q"
expect_row "Mur du quartier" "99+ non lus" "the menu counts unread posts up to 99+"
expect_screen "· 99+ non lus" "so does the top line"

# Two residents post at the same moment: both are stored.
tm kill-session -t "$SESSION"
start_ui_as one 80 24
start_ui_as two 80 24
TARGET=one login marie
TARGET=two login karim
TARGET=one wait_for "Bonjour"
TARGET=two wait_for "Bonjour"
for t in one two; do
	TARGET=$t press 1; TARGET=$t wait_for "Mur"
	TARGET=$t type n; TARGET=$t type 1; TARGET=$t press Tab
	TARGET=$t type "En même temps $t"; TARGET=$t press Tab
	TARGET=$t type "Texte de $t"
done
TARGET=one press F2 & first=$!; TARGET=two press F2; wait $first
TARGET=one expect_screen "Votre message est sur le mur." "the first of two posts at once"
TARGET=two expect_screen "Votre message est sur le mur." "the second of two posts at once"
check "both posts are stored" test "$(sql "SELECT count(*) FROM items WHERE title LIKE 'En même temps%'")" = 2

done_testing
