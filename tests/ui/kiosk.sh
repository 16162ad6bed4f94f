#!/bin/sh
# A community centre's shared terminal (quartier --kiosk): no key leaves
# the program, logout and the idle timeout wipe everything the previous
# resident saw.  Helpers write for a neighbour without an account; the
# kindness reminder asks before an insult is sent.
. "$top_srcdir/tests/ui/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

new_demo_db
CONF="$TEST_TMP/kiosk.conf"
printf 'texts_dir = %s/data/texts\nkiosk_idle_timeout = 30\n' \
	"$top_srcdir" > "$CONF"
PIDFILE="$TEST_TMP/kiosk.pid"

# The kiosk, with its pid kept to see that it is still running.
tm new-session -d -s "$SESSION" -x 80 -y 24 \
	env QUARTIER_CONFIG="$CONF" \
	QUARTIER_LOCALEDIR="$QUARTIER_LOCALEDIR" \
	LANG=C.UTF-8 LANGUAGE= LC_ALL= TERM=xterm-256color \
	sh -c "echo \$\$ > \"$PIDFILE\"; exec \"$QUARTIER\" --kiosk --db \"$DB\""
tm set-option -t "$SESSION" remain-on-exit on >/dev/null
alive() { kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
# Everything the terminal shows and kept: the screen and its scrollback.
history() { tm capture-pane -p -S -100 -t "$SESSION"; }

expect_screen "Identifiant" "the kiosk starts on the login screen"
expect_no_screen "Quitter" "the login screen offers no Quit"

# No key leaves the login screen, nor the program.
before=$(screen)
press C-c; press C-z; press 'C-\'; press Escape
sleep 1
check "Ctrl-C, Ctrl-Z, Ctrl-\\ and Esc leave the program running" alive
check "and the login screen as it was" test "$(screen)" = "$before"
type "q"; press Escape; press Escape
sleep 0.5
check "q is typed, Esc does nothing: still running" alive
expect_screen "Identifiant"
press BSpace

# A resident logs in and out: the login screen comes back, clean.
login marie
expect_screen "Bonjour Marie" "a resident logs in at the kiosk"
type "1"
expect_screen "Strasbourg › Krutenau › Mur" "and reads the wall"
press Escape
expect_screen "Se déconnecter"
type "q"; type "o"
expect_screen "Identifiant" "logging out shows the login screen again"
expect_no_screen "Bonjour Marie" "nothing of Marie's session is left"
check "the program still runs after a logout" alive
if history | grep -qF "Krutenau › Mur"; then
	ok 1 "nothing of the wall in the scrollback"
else ok 0 "nothing of the wall in the scrollback"; fi

# The next one opens the wall, starts a post and walks away.
login karim
expect_screen "Bonjour Karim" "a second resident logs in"
type "1"
expect_screen "Krutenau › Mur"
type "n"
expect_screen "Nouveau message"
type "2"; press Tab; type "Brouillon de Karim"
# He leaves a question open, too: the timeout closes dialogs as well.
press Escape
expect_screen "Abandonner ce brouillon ?"
started=$(date +%s)

# Meanwhile, on a terminal of their own (not a kiosk): a helper writes for
# a neighbour; a resident has no such field and meets the kindness
# reminder.
start_ui_as helper 80 24 QUARTIER_CONFIG="$CONF"
TARGET=helper
login csc-krutenau
expect_screen "Bonjour" "the community centre logs in"
type "1"; expect_screen "Krutenau › Mur"
type "n"
expect_screen "Pour un voisin (nom) :" "a helper has the neighbour field"
type "3"; press Tab; type "Qui aurait un fauteuil roulant ?"
press Tab; type "Germaine Weber"; press Tab
type "Pour aller au marché de Noël samedi."
press F2
expect_screen "Votre message est sur le mur." "the post for a neighbour is sent"
check "it is stored for her" test "$(sql "SELECT on_behalf_of FROM items
	WHERE title LIKE 'Qui aurait un fauteuil%'")" = "Germaine Weber"
expect_screen "pour Germaine" "the wall names the neighbour"
press Home
line=$(screen helper | grep -n "Qui aurait un fauteuil" | head -1 | cut -d: -f1)
i=4; while [ "$i" -lt "${line:-4}" ]; do press Down; i=$((i + 1)); done
press Enter
expect_screen "Centre socio-culturel Krutenau pour Germaine Weber" \
	"the post names the centre and the neighbour"
type "r"
expect_screen "Pour un voisin (nom) :" "a helper's reply has the field too"
# A reply starts in its text; Tab goes to the neighbour's name.
type "Merci d'avance !"; press Tab; type "Germaine Weber"; press F2
expect_screen "Votre réponse est envoyée."
check "the reply names both" test "$(screen helper |
	grep -c "Centre socio-culturel Krutenau pour Germaine Weber")" = 2
check "the reply is stored for her" test "$(sql "SELECT count(*) FROM replies
	WHERE on_behalf_of = 'Germaine Weber'")" = 1

start_ui_as neighbour 80 24 QUARTIER_CONFIG="$CONF"
TARGET=neighbour
login sophie
expect_screen "Bonjour" "a resident logs in"
type "1"; expect_screen "Krutenau › Mur"
type "n"
expect_screen "Nouveau message"
expect_no_screen "Pour un voisin" "a resident has no neighbour field"
type "1"; press Tab; type "Le bruit du soir"
press Tab
type "Espèce d'idiot, baissez la musique."
press F2
expect_screen "Votre message contient « idiot »." "the kindness reminder names the word"
expect_screen "Voulez-vous le reformuler avant de l'envoyer ?"
type "1"
expect_screen "Votre brouillon est gardé" "rephrasing keeps the draft"
expect_screen "Espèce d'idiot, baissez" "the text is still in the editor"
check "nothing was sent" test "$(sql "SELECT count(*) FROM items
	WHERE title = 'Le bruit du soir'")" = 0
press F2
expect_screen "Voulez-vous le reformuler"
type "2"
expect_screen "Votre message est sur le mur." "sending anyway stays possible"
check "the message is sent as written" test "$(sql "SELECT count(*) FROM items
	WHERE title = 'Le bruit du soir' AND body LIKE 'Espèce d''idiot%'")" = 1
TARGET=

# Back at the kiosk: Karim's draft leaves the screen once the idle timeout
# comes, and is kept for him alone.
# It is still there before (unless the machine was so slow that the two
# other terminals took most of the 30 s: then it cannot be seen).
if [ $(($(date +%s) - started)) -lt 24 ]; then
	expect_screen "Brouillon de Karim" "the draft waits while Karim is away a little"
	expect_screen "Abandonner ce brouillon ?" "and so does the question"
else
	skip "the draft waits while Karim is away a little" "too slow: $(($(date +%s) - started)) s of 30 gone"
	skip "and so does the question" "too slow"
fi
left=$((started + 28 - $(date +%s)))
[ "$left" -gt 0 ] && sleep "$left"
WAIT=15 expect_screen "Session fermée après 30 secondes sans activité." \
	"the idle timeout logs the resident out"
expect_screen "Identifiant" "the login screen is back"
expect_no_screen "Brouillon de Karim" "the draft is gone from the screen"
expect_no_screen "Abandonner" "and the question too"
check "the draft was not sent" test "$(sql "SELECT count(*) FROM items
	WHERE title = 'Brouillon de Karim'")" = 0
check "it is kept for Karim's next login" test "$(sql "SELECT count(*)
	FROM drafts d JOIN residents r ON r.id = d.resident_id
	WHERE r.handle = 'karim' AND d.summary = 'Brouillon de Karim'")" = 1
expect_no_screen "Mur" "nothing of the wall is on the screen"
if history | grep -qE "Brouillon de Karim|Krutenau › Mur|Bonjour Karim"; then
	ok 1 "nor in the scrollback"; diag "$(history)"
else ok 0 "nor in the scrollback"; fi
check "the program still runs after the idle timeout" alive

# The terminal serves the next resident.
login marie
expect_screen "Bonjour Marie" "the next resident logs in"
expect_no_screen "Brouillon de Karim" "and is not offered Karim's draft"
press C-c; press C-z; press 'C-\'
sleep 0.5
check "the signal keys do nothing once logged in either" alive
expect_screen "Bonjour Marie"

# Only the sysop's signal ends it.
# The program ends at the next turn of its loop, not inside the signal
# handler.  Ended means gone or a zombie: tmux, busy with other tests,
# may take its time to reap the pane's process, and may reap it between
# two looks.
kiosk_pid=$(cat "$PIDFILE")
ended() {
	! kill -0 "$kiosk_pid" 2>/dev/null && return 0
	grep -q '^State:.*Z' "/proc/$kiosk_pid/status" 2>/dev/null && return 0
	# Reaped between the two looks: gone now.
	! kill -0 "$kiosk_pid" 2>/dev/null
}
kill -TERM "$kiosk_pid"
QUARTIER_TEST_WAIT=30 eventually "SIGTERM ends the kiosk" ended
check "by the normal way out: Marie's live session is closed" \
    test "$(sql "SELECT count(*) FROM live_sessions l JOIN residents r
	ON r.id = l.resident_id WHERE r.handle = 'marie'")" = 0

# The terminal disappears: a tmux server of its own is killed under the
# kiosk.  The kiosk ends at once, by its normal way out, instead of
# spinning on a terminal that answers nothing.  First as tmux starts it
# (the leader of the terminal's session: the kernel's SIGHUP), then in a
# session of its own (no signal at all: only the hung-up terminal says
# it).  The supervisor restarts a kiosk that ends.
live_of() {
	sql "SELECT count(*) FROM live_sessions WHERE pid = $1"
}
# The pane's shell runs kiosk-run.sh: the kiosk with its pid kept, as the
# pane's own process or, with "setsid", in a session of its own (the
# shell in between is not a group leader, so setsid does not fork).
cat > "$TEST_TMP/kiosk-run.sh" <<EOF
if [ "\$1" = setsid ]; then
	sh -c 'echo \$\$ > "$PIDFILE"; exec setsid "$QUARTIER" --kiosk --db "$DB"'
	sleep 600
fi
echo \$\$ > "$PIDFILE"
exec "$QUARTIER" --kiosk --db "$DB"
EOF
for how in leader setsid; do
	gone_socket="$TMUX_SOCKET-gone-$how"
	gone() { tmux -L "$gone_socket" -f /dev/null "$@"; }
	gone_shows() { gone capture-pane -p -t kiosk | grep -qF -- "$1"; }
	rm -f "$PIDFILE"
	gone new-session -d -s kiosk -x 80 -y 24 \
		env QUARTIER_CONFIG="$CONF" \
		QUARTIER_LOCALEDIR="$QUARTIER_LOCALEDIR" \
		LANG=C.UTF-8 LANGUAGE= LC_ALL= TERM=xterm-256color \
		sh "$TEST_TMP/kiosk-run.sh" "$how"
	at_exit "tmux -L '$gone_socket' kill-server 2>/dev/null"
	eventually "$how: the kiosk starts" gone_shows "Identifiant"
	gone send-keys -t kiosk -l marie; gone send-keys -t kiosk Tab
	gone send-keys -t kiosk -l "$DEMO_PASSWORD"; gone send-keys -t kiosk Enter
	eventually "$how: Marie logs in at the kiosk" gone_shows "Bonjour Marie"
	kiosk_pid=$(cat "$PIDFILE")
	check "$how: her live session is recorded" test "$(live_of "$kiosk_pid")" = 1
	gone kill-server
	QUARTIER_TEST_WAIT=30 eventually "$how: the kiosk ends when its terminal is gone" ended
	check "$how: and closes Marie's live session" test "$(live_of "$kiosk_pid")" = 0
done

done_testing
