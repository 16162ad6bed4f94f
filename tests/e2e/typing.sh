#!/bin/sh
# Over real SSH, as residents met it: bytes that are not UTF-8 do not block
# the keys after them; keys typed ahead reach the screen there; a draft
# survives the connection dropping and is offered at the next login.
. "$top_srcdir/tests/e2e/lib.sh"
command -v sshpass >/dev/null 2>&1 || skip_all "sshpass is not installed"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

start_quartierd

# The report: lucas, 1, n, 1 (then Tab: a digit stays on its line), K, the bytes E2 82, abc, a pause, xyz.
ssh_as lucas
expect_screen "Bonjour Lucas" "lucas logs in over SSH"
type 1; expect_screen "Krutenau › Mur"
type n; expect_screen "Titre :"
type 1; press Tab; type K
press -H e2 82
type abc
expect_screen "Kabc" "the keys after E2 82 arrive over SSH"
sleep 1
type xyz
expect_screen "Kabcxyz" "and so do the keys typed later: the title shows them"
# A Latin-1 "été", and a terminal's reply to a query nobody made.
press -H e9 74 e9
press -H 1b 5b 31 32 3b 34 30 52
type "!"
expect_screen "Kabcxyzt!" "a Latin-1 été and a cursor report do not block typing"
expect_no_screen "Abandonner" "and the report was not taken for Escape"

# The connection drops in the middle of the draft: the client is killed.
press Tab; type "Brouillon parti avec la connexion."
expect_screen "Brouillon parti avec la connexion."
tm kill-session -t "$SESSION"
lucas_drafts() { sqlite3 -cmd ".timeout 10000" "$DB" "SELECT count(*) FROM drafts d
	JOIN residents r ON r.id = d.resident_id WHERE r.handle = 'lucas'"; }
has_draft() { test "$(lucas_drafts)" = 1; }
QUARTIER_TEST_WAIT=60 eventually "the draft is kept when the connection drops" has_draft
QUARTIER_TEST_WAIT=60 eventually "the session's UI has ended" no_ui

ssh_as lucas
expect_screen "Vous aviez commencé un message…" "the next SSH login offers it"
press Enter
expect_screen "Brouillon parti avec la connexion." "and it opens as it was"
press F2
expect_screen "Votre message est sur le mur." "the draft is sent"
check "with every key that came" test "$(sqlite3 "$DB" "SELECT title FROM items
	WHERE body = 'Brouillon parti avec la connexion.'")" = "Kabcxyzt!"
check "and is a draft no more" test "$(lucas_drafts)" = 0

# Keys typed ahead over SSH: v twice and o open the waiting list, vouch
# and answer the question.
tm kill-session -t "$SESSION"
ssh_as jean
expect_screen "Bonjour Jean"
type vvo
expect_screen "votre garantie pour Hugo Fischer est enregistrée" \
	"v v o typed ahead over SSH open the list, vouch and say yes"
tm kill-session -t "$SESSION"

done_testing
