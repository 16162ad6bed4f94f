#!/bin/sh
# The editor: UTF-8 and wide characters, Backspace and Delete over
# combining marks and emoji, pasted blocks, a resize in the middle of a
# draft, limits, and cancelling.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db
start_ui 120 40
login sophie
expect_screen "Bonjour Sophie"
type "1"; wait_for "Mur"
type "n"
expect_screen "Nouveau message"
type "4"; press Tab
type "Titre"
press Tab

# e + combining acute is one character: one Backspace removes both.
type "Cafe"
type "$(printf 'e\314\201')"
press BSpace
type "!"
press Left; press Left
press DC
# 中 and 👍🏽 are one step each for the arrows and for Delete.
press End
type " 中👍🏽x"
press Left
press BSpace
press End
type "."
expect_screen "Caf! 中x." "Backspace and Delete take whole characters"

# A pasted block of many lines arrives whole, as text.
printf 'Ligne %s du bloc collé, q n r ? — rien ne doit se déclencher.\n' $(seq 1 60) > "$TEST_TMP/block.txt"
press Enter
paste "$TEST_TMP/block.txt"
expect_screen "Ligne 60 du bloc collé" "a pasted block arrives"
expect_no_screen "Abandonner" "keys inside a paste are not commands"

# Resize from 120x40 to 80x24 in the middle of the draft: nothing lost.
resize 80 24
expect_screen "Ligne 60 du bloc collé" "after a resize the draft is still there"
check "the terminal is 80x24" test "$(size)" = "80x24"
resize 30 10
expect_screen "petite : 30x10." "too small while editing"
resize 80 24
wait_for "Texte :"
press F2
expect_screen "Votre message est sur le mur." "the draft is sent after the resizes"
check "every pasted line is stored" test "$(sql "SELECT body FROM items WHERE title = 'Titre'" | grep -c 'du bloc collé')" = 60
check "the text is stored as it was shown" test -n "$(sql "SELECT 1 FROM items WHERE title = 'Titre' AND body LIKE 'Caf! 中x.%'")"

# A huge paste (1 MB): a clear message and the draft kept.
type "n"; type "1"; press Tab; type "Gros collage"; press Tab
type "Début du brouillon."
head -c 1000000 /dev/zero | tr '\0' 'a' > "$TEST_TMP/huge.txt"
paste "$TEST_TMP/huge.txt"
expect_screen "Ce texte est plein" "a huge paste gets a clear message"
expect_screen "8000/8000" "the text stops at its limit"
press PPage; press PPage; press PPage; press PPage; press PPage
press PPage; press PPage; press PPage; press PPage; press PPage
press PPage; press PPage; press PPage; press PPage; press PPage
expect_screen "Début du brouillon." "what was typed before the paste is kept"

# Empty fields are refused with a message that names them.
press Escape
expect_screen "Abandonner ce brouillon ? (o/n)" "cancelling asks first"
type "n"
expect_screen "Gros collage" "answering no keeps the draft"
press Escape; type "o"
expect_screen "Catégorie : toutes" "answering yes throws it away"
type "n"; type "1"; press F2
expect_screen "Écrivez un titre." "an empty title is refused"
type "Sans texte"; press F2
expect_screen "Écrivez d'abord un texte." "an empty text is refused"
press Escape; type "o"
check "nothing was stored for the refused drafts" test "$(sql "SELECT count(*) FROM items WHERE title IN ('Gros collage', 'Sans texte')")" = 0

done_testing
