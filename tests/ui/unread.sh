#!/bin/sh
# unread.sh - one figure of unread posts and one date of the last visit:
# the top line, the main menu and the wall's heading say the same, for
# several residents of the demo, after reading a post, after a
# neighbour's reply, after "mark all read", and at the next login.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db

# top_unread: "N" of "N non lus" on the top line, 0 when it says none.
top_unread() {
	screen | head -n 1 | sed -n 's/.* \([0-9][0-9+]*\) non lus\{0,1\} *$/\1/p' |
	    grep . || echo 0
}
# menu_unread: the same on the menu's line of the wall.
menu_unread() {
	screen | grep "Mur du quartier" |
	    sed -n 's/.* \([0-9][0-9+]*\) non lus\{0,1\} *$/\1/p' | grep . || echo 0
}
# menu_visit / wall_visit: the date of "Dernière visite : DATE".
menu_visit() { screen | sed -n 's/^ *Dernière visite : //p' | sed 's/ *$//'; }
wall_visit() { screen | sed -n '3s/.*Dernière visite : //p' | sed 's/ *$//'; }
# wall_unread: the heading's figure; wall_dots: the rows marked unread.
wall_unread() {
	screen | sed -n '3p' | grep -q "Tout est lu" && { echo 0; return; }
	screen | sed -n '3s/^ *\([0-9][0-9+]*\) non lus\{0,1\}.*/\1/p'
}
wall_dots() { screen | sed -n '4,22p' | grep -c '^•'; }

# same DESCRIPTION A B: two figures on two screens are one.
same() {
	if [ "$2" = "$3" ] && [ -n "$2" ]; then ok 0 "$1"
	else ok 1 "$1"; diag "\"$2\" and \"$3\"" "$(screen)"; fi
}

# agree WHO: on the menu, then on the wall, every figure is the same.
agree() {
	wait_for "Mur du quartier"
	sleep 0.3
	top=$(top_unread) menu=$(menu_unread) visit=$(menu_visit)
	same "$1: the top line and the menu count the same unread" "$top" "$menu"
	type "1"; wait_for "Catégorie : toutes"; sleep 0.3
	same "$1: the wall's heading counts them too" "$(wall_unread)" "$top"
	same "$1: and its dots" "$(wall_dots)" "$top"
	same "$1: the top line on the wall agrees" "$(top_unread)" "$top"
	if [ -n "$visit" ]; then
		same "$1: the wall and the menu give one last visit" \
		    "$(wall_visit)" "$visit"
	fi
	type "q"
}

start_ui 80 24
for who in marie karim sophie; do
	login "$who"
	agree "$who"
	wait_for "Mur du quartier"
	type "q"; wait_for "Se déconnecter ?"; type "o"
done

# A category shown alone counts its own unread, and says so: its figure
# is not to be read as the top line's, which stays.
login marie
wait_for "Mur du quartier"
sleep 0.3
top=$(top_unread)
type "1"; wait_for "Catégorie : toutes"
type "c"; wait_for "Quels messages afficher ?"; type "5"
wait_for "Catégorie : Perdu/trouvé"; sleep 0.3
dots=$(wall_dots)
check "Perdu/trouvé has unread posts of its own" test "$dots" -gt 0
check "fewer than the whole wall" test "$dots" -lt "$top"
expect_screen "$dots non lus dans cette catégorie" \
    "the heading counts the category's unread, and says it is the category's"
same "the top line still counts the whole wall" "$(top_unread)" "$top"
type "c"; wait_for "Quels messages afficher ?"; type "0"
wait_for "Catégorie : toutes"
type "q"; wait_for "Mur du quartier"
type "q"; wait_for "Se déconnecter ?"; type "o"

# Marie reads the first unread post: one fewer everywhere.
login marie
wait_for "Mur du quartier"
before=$(top_unread)
type "1"; wait_for "Catégorie : toutes"
row=$(screen | sed -n '4,22p' | grep -n '^•' | head -n 1 | cut -d: -f1)
i=1; while [ "$i" -lt "$row" ]; do press Down; i=$((i + 1)); done
press Enter; wait_for "Signaler"
type "q"; wait_for "Catégorie : toutes"; sleep 0.3
same "reading a post takes it off the heading" "$(wall_unread)" "$((before - 1))"
same "and off the top line" "$(top_unread)" "$((before - 1))"
type "q"
agree "marie, after reading"

# A neighbour replies to one of Marie's posts: news for her, on every
# screen at once.
before=$(top_unread)
post=$(sql "SELECT id FROM items WHERE title = 'Je donne des livres pour enfants'")
sql "INSERT INTO replies (item_id, author_id, body, created_at)
	SELECT $post, id, 'Une réponse de plus.', CAST(strftime('%s', 'now') AS INTEGER)
	FROM residents WHERE handle = 'karim';
     UPDATE items SET reply_count = reply_count + 1,
	last_activity_at = CAST(strftime('%s', 'now') AS INTEGER) WHERE id = $post"
top_is() { [ "$(top_unread)" = "$1" ]; }
eventually "a neighbour's reply shows on the top line" top_is "$((before + 1))"
agree "marie, after a reply"

# Mark all read: nothing unread anywhere.
type "1"; wait_for "Catégorie : toutes"
type "m"; wait_for "Marquer tous les messages comme lus ?"; type "o"
expect_screen "Tout est lu" "after m the wall says all is read"
type "q"
agree "marie, after m"

# The next login: the last visit is when this session began, on the
# menu and on the wall alike.
began=$(sql "SELECT last_login_at FROM residents WHERE handle = 'marie'")
wait_for "Mur du quartier"
type "q"; wait_for "Se déconnecter ?"; type "o"
login marie
wait_for "Mur du quartier"
sleep 0.3
check "the last visit moved to the start of the previous session" \
    test "$(menu_visit)" != ""
check "the database records this session" \
    test "$(sql "SELECT last_login_at FROM residents WHERE handle = 'marie'")" -ge "$began"
agree "marie, at the next login"
done_testing
