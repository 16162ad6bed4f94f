# tests/ui/lib.sh - drive `quartier` in tmux as a resident would.
#
#   . "$top_srcdir/tests/ui/lib.sh"
#   new_demo_db
#   start_ui 80 24
#   login marie
#   type "1";            expect_screen "Mur"
#   press Enter;         expect_screen "Bonjour"
#   done_testing
#
# Each test has its own tmux server (its own socket), so tests run in
# parallel without seeing each other.

. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"

TMUX_SOCKET="quartier-test-$$"
SESSION=ui
WAIT=${QUARTIER_TEST_WAIT:-10}	# seconds to wait for a screen
unset TMUX

tm() { tmux -L "$TMUX_SOCKET" -f /dev/null "$@"; }
at_exit 'tm kill-server 2>/dev/null'

# ui_left: the quartier processes of this test (their command line names
# its directory) that still run.
ui_left() {
	ps -eo pid=,args= | awk -v bin="$QUARTIER" -v dir="$TEST_TMP" \
	    '$2 == bin && index($0, dir) { print $1 }'
}

# Last check of every UI test: when its terminals go (the tmux server
# ends), every quartier it started ends too.  One left running on a
# terminal that is gone would spin there for hours; it is named here,
# with where it waits, and killed.
ui_none_running() { [ -z "$(ui_left)" ]; }
ui_none_left() {
	tm kill-server 2>/dev/null
	eventually "every quartier ends with its terminal" ui_none_running
	for _pid in $(ui_left); do
		diag "left running: $(ps -o pid=,stat=,pcpu=,args= -p "$_pid")" \
		    "waiting in: $(cat "/proc/$_pid/wchan" 2>/dev/null)"
		kill -9 "$_pid" 2>/dev/null
	done
}
final_checks="ui_none_left"

# A session that lives as long as the test, so that the server does not
# exit (and race the next start_ui) when a test closes its last window.
tm new-session -d -s keeper -x 80 -y 24 "sleep 3600"

# start_ui [COLS ROWS [ENV...]]: quartier on $DB in a new window; extra
# VAR=value arguments change its environment (LANG, TERM, ...).
start_ui() {
	cols=${1:-80}; rows=${2:-24}
	[ $# -ge 2 ] && shift 2 || set --
	start_ui_as "$SESSION" "$cols" "$rows" "$@"
}

start_ui_as() {
	name=$1 cols=$2 rows=$3; shift 3
	tm new-session -d -s "$name" -x "$cols" -y "$rows" \
		env QUARTIER_CONFIG=/dev/null \
		QUARTIER_LOCALEDIR="$QUARTIER_LOCALEDIR" \
		LANG=C.UTF-8 LANGUAGE= LC_ALL= TERM=xterm-256color "$@" \
		sh -c "\"$QUARTIER\" --db \"$DB\"; echo \"[exit \$?]\"; sleep 600"
	tm set-option -t "$name" remain-on-exit on >/dev/null
}

# start_console NAME DB [PREFIX...]: quartier --sysop on DB in a new tmux
# session at 80x24, run through PREFIX (setpriv ...) when given.
start_console() {
	name=$1 db=$2; shift 2
	tm new-session -d -s "$name" -x 80 -y 24 \
		env QUARTIER_CONFIG=/dev/null \
		QUARTIER_LOCALEDIR="$QUARTIER_LOCALEDIR" \
		LANG=C.UTF-8 LANGUAGE= LC_ALL= TERM=xterm-256color \
		"$@" sh -c "\"$QUARTIER\" --sysop --db \"$db\"; echo \"[exit \$?]\"; sleep 600"
	tm set-option -t "$name" remain-on-exit on >/dev/null
}

# screen [SESSION]: what the terminal shows now.
screen() { tm capture-pane -p -t "${1:-$SESSION}"; }

# type TEXT: typed literally, as keys.  press KEY...: named keys (Enter,
# Tab, Escape, F2, C-s, BSpace, Up, NPage ...).
type() { tm send-keys -t "${TARGET:-$SESSION}" -l -- "$1"; }
press() { tm send-keys -t "${TARGET:-$SESSION}" "$@"; }

# paste FILE: a bracketed paste, as a terminal does it.
paste() {
	tm load-buffer "$1"
	tm paste-buffer -p -t "${TARGET:-$SESSION}"
}

# resize COLS ROWS: the window takes that size, and the test goes on once
# the terminal says so (tmux passes a resize on to the pane a moment
# later; two at once could otherwise reach the program in either order).
resize() {
	tm resize-window -t "${TARGET:-$SESSION}" -x "$1" -y "$2"
	_tty=$(tm display -p -t "${TARGET:-$SESSION}" '#{pane_tty}')
	_tries=0
	until [ "$(stty -F "$_tty" size 2>/dev/null)" = "$2 $1" ] ||
	    [ $_tries -ge $((WAIT * 10)) ]; do
		sleep 0.1; _tries=$((_tries + 1))
	done
}

# wait_for TEXT: true once TEXT is on the screen (within $WAIT seconds).
wait_for() {
	_tries=0
	while [ $_tries -lt $((WAIT * 10)) ]; do
		screen "${TARGET:-$SESSION}" | grep -qF -- "$1" && return 0
		sleep 0.1
		_tries=$((_tries + 1))
	done
	return 1
}

# expect_screen TEXT [DESCRIPTION]
expect_screen() {
	if wait_for "$1"; then ok 0 "${2:-screen shows \"$1\"}"
	else
		ok 1 "${2:-screen shows \"$1\"}"
		diag "expected \"$1\" on:" "$(screen "${TARGET:-$SESSION}")"
	fi
}

# expect_no_screen TEXT [DESCRIPTION]: TEXT is not shown (checked now,
# after the screen had a moment to settle).
expect_no_screen() {
	sleep 0.3
	if screen "${TARGET:-$SESSION}" | grep -qF -- "$1"; then
		ok 1 "${2:-screen does not show \"$1\"}"
		diag "unexpected \"$1\" on:" "$(screen "${TARGET:-$SESSION}")"
	else ok 0 "${2:-screen does not show \"$1\"}"; fi
}

# expect_row TEXT1 TEXT2 DESCRIPTION: one line shows both (within $WAIT
# seconds: a list redraws a moment after the message that comes first).
expect_row() {
	_tries=0
	while [ $_tries -lt $((WAIT * 10)) ]; do
		if screen "${TARGET:-$SESSION}" | grep -F -- "$1" | grep -qF -- "$2"; then
			ok 0 "$3"; return
		fi
		sleep 0.1; _tries=$((_tries + 1))
	done
	ok 1 "$3"; diag "no line with \"$1\" and \"$2\" on:" "$(screen "${TARGET:-$SESSION}")"
}

# expect_cells DESCRIPTION TEXT...: one line shows every TEXT in that
# order, whatever the room between them (within $WAIT seconds): the row
# of a table whose columns are laid out from what they hold.
expect_cells() {
	_desc=$1; shift
	_cells=$(printf '%s\037' "$@")
	_tries=0
	while [ $_tries -lt $((WAIT * 10)) ]; do
		if screen "${TARGET:-$SESSION}" | awk -v cells="$_cells" '
		    BEGIN { n = split(cells, c, "\037") - 1 }
		    {
			s = $0
			for (i = 1; i <= n; i++) {
				if ((p = index(s, c[i])) == 0)
					next
				s = substr(s, p + length(c[i]))
			}
			found = 1
		    }
		    END { exit !found }'; then
			ok 0 "$_desc"; return
		fi
		sleep 0.1; _tries=$((_tries + 1))
	done
	ok 1 "$_desc"
	diag "no line with \"$*\" in that order on:" "$(screen "${TARGET:-$SESSION}")"
}

# expect_line N TEXT [DESCRIPTION]: screen line N (0 is the top) is TEXT
# exactly, trailing spaces aside.
expect_line() {
	got=$(screen "${TARGET:-$SESSION}" | sed -n "$(($1 + 1))p" | sed 's/ *$//')
	if [ "$got" = "$2" ]; then ok 0 "${3:-line $1 is \"$2\"}"
	else ok 1 "${3:-line $1 is \"$2\"}"; diag "line $1 is \"$got\""; fi
}

# cursor: "X,Y" of the terminal's cursor (0,0 is the top left), and
# whether it shows: "X,Y 1".
cursor() { tm display -p -t "${TARGET:-$SESSION}" '#{cursor_x},#{cursor_y} #{cursor_flag}'; }

# expect_cursor X Y TEXT [DESCRIPTION]: the cursor shows at X,Y (within
# $WAIT seconds), on the line that holds TEXT.
expect_cursor() {
	_tries=0
	while [ $_tries -lt $((WAIT * 10)) ]; do
		if [ "$(cursor)" = "$1,$2 1" ] &&
		    screen "${TARGET:-$SESSION}" | sed -n "$(($2 + 1))p" |
		    grep -qF -- "$3"; then
			ok 0 "${4:-the cursor is on \"$3\"}"; return
		fi
		sleep 0.1; _tries=$((_tries + 1))
	done
	ok 1 "${4:-the cursor is on \"$3\"}"
	diag "the cursor is at $(cursor), expected $1,$2 1, on:" "$(screen "${TARGET:-$SESSION}")"
}

# size: "COLSxROWS" as the program inside sees it.
size() { tm display -p -t "${TARGET:-$SESSION}" '#{pane_width}x#{pane_height}'; }

# login HANDLE [PASSWORD]: from the login screen to the main menu.
login() {
	wait_for "Identifiant" || wait_for "Handle"
	type "$1"; press Tab; type "${2:-$DEMO_PASSWORD}"; press Enter
}

# sql QUERY: one value from the test database.
sql() { sqlite3 -cmd ".timeout 10000" "$DB" "$1"; }
