#!/bin/sh
# Search as a resident uses it: "/" from anywhere, accents and case that
# do not matter, results by board that open their item, the index in step
# with a new post, nothing of another quartier, bad input.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db
start_ui 80 24
login marie
expect_screen "Bonjour Marie"
type "/"
expect_screen "Recherche :" "/ opens the search from the menu"
expect_screen "Strasbourg › Krutenau › Rechercher" "the top line says where"

# No accents, no capitals: found anyway.
type "VELO"
press Enter
expect_screen "Réparer son vélo dans le quartier ?" "\"VELO\" finds \"vélo\""
expect_screen "── Mur du quartier (2) ──" "hits are grouped under their board"
type "x"
press BSpace; press BSpace; press BSpace; press BSpace; press BSpace
type "medecin generaliste"
press Enter
expect_screen "Un bon médecin généraliste ?" "two words, both found"

# Down goes to the results; Enter opens the post on its board.
press Down
press Enter
expect_screen "Répondre" "Enter opens the post"
expect_screen "› … › Un bon médecin" "opened from the search"
press Escape
expect_screen "Un bon médecin généraliste ?" "Esc comes back to the results"

# Nothing of another quartier: "techniciens" is in a Neudorf post.
press Tab
press C-u 2>/dev/null
for _k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do press BSpace; done
type "techniciens"
press Enter
expect_screen "Rien trouvé" "another quartier's post is not found"

# A post written now is found at once.
press Escape
expect_screen "Bonjour Marie"
type "1"
expect_screen "Krutenau › Mur"
type "n"
expect_screen "Nouveau message"
type "1"; press Tab
type "Cours de théâtre"
press Tab
type "Pour les élèves du collège, le samedi."
press F2
expect_screen "Votre message est sur le mur."
type "/"
expect_screen "Recherche :" "/ opens the search from the wall"
type "eleves"
press Enter
expect_screen "Cours de théâtre" "the new post is in the index"
expect_screen "élèves du collège" "the excerpt shows the words found"

# Punctuation only: a message, no crash; a long paste is cut.
press Tab
for _k in 1 2 3 4 5 6; do press BSpace; done
type "?!"
press Enter
expect_screen "Tapez au moins un mot" "a query without words is explained"
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "perceuse " }' > "$TEST_TMP/long.txt"
paste "$TEST_TMP/long.txt"
press Enter
expect_screen "Perceuse" "a huge paste is searched for, cut to the field"
resize 100 30
expect_screen "Recherche :" "the search survives a resize"
resize 80 24

press Escape
expect_screen "Krutenau › Mur" "Esc goes back to the board"

# line_becomes N TEXT [not]: screen line N (0 the top), trailing spaces
# aside, is TEXT (or, with "not", is no longer TEXT) within $WAIT seconds.
line_becomes() {
	_t=0
	while [ $_t -lt $((WAIT * 10)) ]; do
		_l=$(screen | sed -n "$(($1 + 1))p" | sed 's/ *$//')
		if [ -z "${3:-}" ] && [ "$_l" = "$2" ]; then return 0; fi
		if [ -n "${3:-}" ] && [ "$_l" != "$2" ]; then return 0; fi
		sleep 0.1; _t=$((_t + 1))
	done
	return 1
}

# Many results turn pages: a board's heading comes again at the top of
# the page its hits go on to, with the count of all of them.
type "/"
expect_screen "Recherche :"
type "le"
press Enter
expect_screen "── Mur du quartier ("
walls=$(screen | sed -n 's/.*── Mur du quartier (\([0-9]*\)) ──.*/\1/p')
top=$(screen | sed -n 6p | sed 's/ *$//')
check "the wall's hits are more than a page holds" [ "${walls:-0}" -gt 8 ]
press NPage
check "PgDn turns the page of results" line_becomes 5 "$top" not
expect_line 4 "  ── Mur du quartier ($walls) ──" \
    "the next page starts under the wall's heading, all its hits counted"
press PPage
check "PgUp: back to the first page, its first hit chosen" line_becomes 5 "$top"
press Escape

done_testing
