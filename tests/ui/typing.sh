#!/bin/sh
# What a terminal sends besides clean keys: bytes that are not UTF-8, a
# character split between two reads, replies to queries nobody typed, keys
# typed ahead, keys typed while the window is too small.  Every key after
# them arrives, in order, at the screen there when it is read.  (A
# terminal that disappears: kiosk.sh.)
. "$top_srcdir/tests/ui/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

new_demo_db
start_ui 80 24
login lucas
expect_screen "Bonjour Lucas"
type 1; expect_screen "Krutenau › Mur"
type n; expect_screen "Titre :"
type 1; press Tab

# The report: K, the bytes E2 82 (a character cut short), abc, a pause,
# xyz.  The two bytes are dropped with a word, everything else arrives.
title() { screen | grep "^ Titre :" | sed 's/^ Titre : *//; s/ *$//'; }
type K
press -H e2 82
type abc
expect_screen "Kabc" "the keys after bytes that are not UTF-8 arrive"
expect_screen "ne sont pas en UTF-8" "the bytes left out are mentioned"
type xyz
expect_screen "Kabcxyz" "and so do the keys typed later"

# A Latin-1 "été" (E9 t E9): the t arrives, typing goes on.
press -H e9 74 e9
type "-ok"
expect_screen "Kabcxyzt-ok" "a Latin-1 été does not freeze typing"

# A UTF-8 "é" whose two bytes come in two reads is one character.
press -H 20 c3
sleep 0.3
press -H a9
type "!"
expect_screen "Kabcxyzt-ok é!" "a character split between two reads arrives whole"

# Replies a terminal sends unasked are neither Escape nor text: a cursor
# position report, colour replies ended by BEL and by ST, a DCS string.
press -H 1b 5b 31 32 3b 34 30 52
press -H 1b 5d 31 31 3b 72 67 62 3a 66 66 66 66 2f 66 66 66 66 2f 66 66 66 66 07
press -H 1b 5d 31 30 3b 72 67 62 3a 30 2f 30 2f 30 1b 5c
press -H 1b 50 31 24 72 30 6d 1b 5c
press -H 1b 5b 3f 36 32 3b 63
type "Z"
expect_screen "Kabcxyzt-ok é!Z" "terminal replies are swallowed whole"
expect_no_screen "Abandonner" "and none of them was taken for Escape"
check "nothing of them is in the title" sh -c "! screen | grep '^ Titre' | grep -q '40R\|rgb\|62;c'"

# Escape alone still goes back (and asks, the draft being changed).
press Escape
expect_screen "Abandonner ce brouillon ?" "a lone Escape is still Escape"
type o
expect_screen "Krutenau › Mur"

# Keys typed while the window is too small wait for it, then arrive in
# order at the editor.
type n; expect_screen "Titre :"
type 2; press Tab
resize 60 20
expect_screen "trop petite : 60x20." "the window is too small"
expect_screen "cela attend" "and says typing waits"
type "Tapé en petit"; press Tab; type "Le corps aussi."
resize 80 24
expect_screen "Tapé en petit" "keys typed while too small reach the title"
expect_screen "Le corps aussi." "and the text, after the Tab"
press F2
expect_screen "Votre message est sur le mur."
check "the post is stored as typed" test "$(sql "SELECT body FROM items
	WHERE title = 'Tapé en petit'")" = "Le corps aussi."

# Type-ahead: "n", a category, a title and F2 in one go, before the
# editor is drawn; a question and its answer in one go.
press n 3 Tab D e v a n c e Tab B o d y F2
expect_screen "Votre message est sur le mur." "keys typed ahead reach the editor"
check "in order" test "$(sql "SELECT category || ':' || body FROM items
	WHERE title = 'Devance'")" = "deal:Body"
press q q o
expect_screen "Identifiant" "a question takes the answer typed right after it"

# Vouching with "v v o" in one go: the list opens, the second v vouches,
# the o answers the question.
login jean
expect_screen "Bonjour Jean"
type vvo
expect_screen "votre garantie pour Hugo Fischer est enregistrée" \
	"v twice and o in a row open the list, vouch and say yes"
check "the vouch is stored" test "$(sql "SELECT count(*) FROM vouches v
	JOIN residents r ON r.id = v.voucher_id WHERE r.handle = 'jean'")" = 1

done_testing
