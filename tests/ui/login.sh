#!/bin/sh
# Logging in and out, in French by default, on any terminal.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db
start_ui 80 24
expect_screen "Bienvenue sur Quartier" "the login screen speaks French by default"
expect_screen "Identifiant :" "it asks for the handle"

# A wrong password: a clear message, a wait, and nothing typed shows.
login marie "mauvais-mot"
expect_screen "Identifiant ou mot de passe incorrect" "a wrong password is refused"
expect_no_screen "mauvais-mot" "the password never shows"
expect_no_screen "Bonjour" "and nobody is let in"

# The right one: the handle was kept, the password field is empty again.
sleep 1.5	# the growing delay after a failure
type "$DEMO_PASSWORD"; press Enter
expect_screen "Bonjour Marie" "the right password opens the menu"
expect_screen "Strasbourg › Krutenau" "the top line names city and quartier"
expect_screen "1   Mur du quartier" "the wall is board number 1"
expect_screen "Mon profil" "the profile is there"
check "last login is recorded" test -n "$(sql "SELECT last_login_at FROM residents WHERE handle = 'marie'")"

# Log out: back to the login screen, nothing of Marie left.
type "q"
expect_screen "Se déconnecter ? (o/n)" "log out asks first"
type "o"
expect_screen "Bienvenue sur Quartier" "log out returns to the login screen"
expect_no_screen "Marie" "nothing of the previous resident is shown"

# Pending and suspended residents are told why, and stay out.
login hugo
expect_screen "attend la vérification" "a pending resident is told to wait"
expect_no_screen "Mur du quartier" "a pending resident does not get in"
tm kill-session -t "$SESSION"
start_ui 80 24
login paul
expect_screen "suspendu" "a suspended resident is told so"
expect_no_screen "Mur du quartier" "a suspended resident does not get in"

# Esc leaves the program, after asking.
press Escape
expect_screen "Quitter Quartier ? (o/n)" "leaving asks first"
type "o"
expect_screen "[exit 0]" "leaving ends the program with status 0"
tm kill-session -t "$SESSION"

# A terminal this machine does not know still gets a working screen.
start_ui 80 24 TERM=xterm-ghostty
expect_screen "Bienvenue sur Quartier" "an unknown TERM falls back to a known one"
login marie
expect_screen "Bonjour Marie" "and works"
tm kill-session -t "$SESSION"

# No colour at all (vt100): still usable.
start_ui 80 24 TERM=vt100
login karim
expect_screen "Bonjour Karim" "a terminal without colour works"
tm kill-session -t "$SESSION"

# English from the environment.
start_ui 80 24 LANG=en_GB.UTF-8
expect_screen "Welcome to Quartier" "English comes from the environment"
tm kill-session -t "$SESSION"

# A terminal below 80x24 gets a clear message, then the screen again.
start_ui 70 20
expect_screen "Cette fenêtre est trop petite : 70x20." "below 80x24 a clear message"
# Narrower than its sentences: they wrap, nothing is cut.
resize 30 8
expect_screen "30x8." "a very small window still says its size"
expect_screen "Agrandissez-la à 80x24" "and the size it needs, wrapped"
expect_screen "fenêtre assez grande." "and that typing waits for it, wrapped"
resize 80 24
expect_screen "Bienvenue sur Quartier" "the screen comes back at 80x24"
tm kill-session -t "$SESSION"

# SIGTERM ends the program by its way out even with a question open (a
# wait for a key without end): the session is closed as at a logout.
start_ui 80 24
login marie
expect_screen "Bonjour Marie"
type q
expect_screen "Se déconnecter ? (o/n)"
pane=$(tm display -p -t "$SESSION" '#{pane_pid}')
ui=$(pgrep -P "$pane" quartier)
check "its live session is recorded" test "$(sql "SELECT count(*)
	FROM live_sessions WHERE pid = $ui")" = 1
kill -TERM "$ui"
expect_screen "[exit 0]" "SIGTERM ends it with a question open"
check "and closes its live session" test "$(sql "SELECT count(*)
	FROM live_sessions WHERE pid = $ui")" = 0

done_testing
