#!/bin/sh
# The UI runs under its seccomp filter from the login screen on, and a
# whole session (log in, the wall, a post, the mail, a resize, leaving)
# works under it.
. "$top_srcdir/tests/ui/lib.sh"

[ "$(uname -s)" = Linux ] || skip_all "seccomp is Linux only"

# ui_pid: the quartier process in the window (a child of the window's sh).
ui_pid() {
	pane=$(tm display -p -t "$SESSION" '#{pane_pid}')
	for d in /proc/[0-9]*; do
		[ "$(cut -d' ' -f4 "$d/stat" 2>/dev/null)" = "$pane" ] &&
		[ "$(cat "$d/comm" 2>/dev/null)" = quartier ] &&
		echo "${d#/proc/}"
	done
}
# status_field PID NAME: a field of /proc/PID/status.
status_field() { sed -n "s/^$2:[[:space:]]*//p" "/proc/$1/status"; }

new_demo_db
start_ui 80 24
wait_for "Identifiant"
pid=$(ui_pid)
check "the quartier process is found" test -n "$pid"
pane=$(tm display -p -t "$SESSION" '#{pane_pid}')
check "the login screen already runs in seccomp filter mode" \
	test "$(status_field "$pid" Seccomp)" = 2
filters=$(status_field "$pid" Seccomp_filters)
before=$(status_field "$pane" Seccomp_filters)
check "quartier has one filter more than the shell that started it" \
	test "${filters:-0}" -gt "${before:-0}"
check "no_new_privs is set" test "$(status_field "$pid" NoNewPrivs)" = 1

login marie
expect_screen "Bonjour Marie" "logging in works under the filter"
type "1"
expect_screen "Strasbourg › Krutenau › Mur" "the wall opens"
type "n"
expect_screen "Nouveau message" "the editor opens"
type "2"; press Tab
type "Sous filtre"
press Tab
type "Un message écrit sous seccomp."
press F2
expect_screen "Votre message est sur le mur." "a post is written"
check "the post is in the database" \
	test "$(sql "SELECT count(*) FROM items WHERE title = 'Sous filtre'")" = 1
resize 100 30
expect_screen "Sous filtre" "the wall survives a resize"
resize 80 24
expect_screen "Sous filtre" "and another one"
press Escape
expect_screen "Bonjour Marie" "back to the menu"
type "5"
expect_screen "Messagerie" "the mail opens"
press Escape
expect_screen "Bonjour Marie"
check "the same process is still running" test "$(ui_pid)" = "$pid"
check "still under the filter" test "$(status_field "$pid" Seccomp)" = 2

# Leaving: the C library, SQLite's checkpoint and the WAL's removal at
# close all happen under the filter; the program ends normally.
press Escape
wait_for "Quitter" || true
type "o"
expect_screen "Identifiant" "logging out brings the login screen back"
press Escape
expect_screen "Quitter Quartier ? (o/n)"
type "o"
expect_screen "[exit 0]" "the program ends with status 0, not SIGSYS"
check "the WAL was checkpointed and removed at close" test ! -e "$DB-wal"

done_testing
