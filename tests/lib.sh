# tests/lib.sh - the small library every shell test sources.
#
# A test reads like a story and reports TAP for automake's driver:
#
#   . "$top_srcdir/tests/lib.sh"
#   new_demo_db
#   run_admin resident list
#   expect_output "marie"
#   done_testing
#
# top_builddir and top_srcdir come from `make check`; running a test by
# hand from the top of a built tree works too.

set -u
: "${top_builddir:=$(pwd)}"
: "${top_srcdir:=$top_builddir}"
QUARTIER_CONFIG=/dev/null
QUARTIER_LOCALEDIR="$top_builddir/locale"
export QUARTIER_CONFIG QUARTIER_LOCALEDIR
unset QUARTIER_DB

ADMIN="$top_builddir/src/quartier-admin"
QUARTIER="$top_builddir/src/quartier"
DEMO_PASSWORD=voisinage

tests_run=0
tests_failed=0
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/quartier-test.XXXXXX")
cleanup_hooks=""

at_exit() { cleanup_hooks="$1; $cleanup_hooks"; }
_cleanup() {
	eval "$cleanup_hooks"
	[ -n "${KEEP_TMP:-}" ] || rm -rf "$TEST_TMP"
}
trap _cleanup EXIT

# ok CONDITION-STATUS DESCRIPTION: record one TAP result.
ok() {
	tests_run=$((tests_run + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tests_run - $2"
	else
		tests_failed=$((tests_failed + 1))
		echo "not ok $tests_run - $2"
	fi
}

# diag TEXT: a comment in the log, shown when a test fails.
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

# check DESCRIPTION COMMAND...: the command succeeds.
check() {
	desc=$1; shift
	if "$@" >"$TEST_TMP/check.out" 2>&1; then ok 0 "$desc"
	else ok 1 "$desc"; diag "command: $*" "$(cat "$TEST_TMP/check.out")"; fi
}

# eventually DESCRIPTION COMMAND...: the command succeeds within
# $QUARTIER_TEST_WAIT seconds (10 unless set), looking every 0.1 s.  For
# what another process does in its own time: a redraw, an exit.
eventually() {
	desc=$1; shift
	_tries=0
	until "$@" >"$TEST_TMP/check.out" 2>&1; do
		_tries=$((_tries + 1))
		if [ $_tries -ge $((${QUARTIER_TEST_WAIT:-10} * 10)) ]; then
			ok 1 "$desc"; diag "command: $*" "$(cat "$TEST_TMP/check.out")"
			return
		fi
		sleep 0.1
	done
	ok 0 "$desc"
}

# check_fails DESCRIPTION COMMAND...: the command fails.
check_fails() {
	desc=$1; shift
	if "$@" >"$TEST_TMP/check.out" 2>&1; then
		ok 1 "$desc"; diag "command unexpectedly succeeded: $*"
	else ok 0 "$desc"; fi
}

# run_admin ARGS...: quartier-admin on the test database; sets $status,
# keeps stdout in $TEST_TMP/out and stderr in $TEST_TMP/err.
run_admin() {
	status=0
	"$ADMIN" --db "$DB" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err" || status=$?
}

# expect_status N DESCRIPTION
expect_status() {
	if [ "$status" -eq "$1" ]; then ok 0 "$2"
	else ok 1 "$2"; diag "status $status, expected $1" "$(cat "$TEST_TMP/err")"; fi
}

# expect_output TEXT DESCRIPTION / expect_error TEXT DESCRIPTION
expect_output() {
	if grep -qF -- "$1" "$TEST_TMP/out"; then ok 0 "$2"
	else ok 1 "$2"; diag "no \"$1\" in:" "$(cat "$TEST_TMP/out")"; fi
}
expect_error() {
	if grep -qF -- "$1" "$TEST_TMP/err"; then ok 0 "$2"
	else ok 1 "$2"; diag "no \"$1\" in stderr:" "$(cat "$TEST_TMP/err")"; fi
}

# expect_same DESCRIPTION EXPECTED ACTUAL
expect_same() {
	if [ "$2" = "$3" ]; then ok 0 "$1"
	else ok 1 "$1"; diag "expected \"$2\", got \"$3\""; fi
}

# new_db: an empty, initialised database in $DB.
new_db() {
	DB="$TEST_TMP/quartier.db"
	rm -f "$DB" "$DB-wal" "$DB-shm"
	"$ADMIN" --db "$DB" init >/dev/null || { echo "Bail out! init failed"; exit 1; }
}

# new_demo_db: the demo city in $DB.
new_demo_db() {
	DB="$TEST_TMP/quartier.db"
	rm -f "$DB" "$DB-wal" "$DB-shm"
	"$ADMIN" --db "$DB" init --demo >/dev/null ||
		{ echo "Bail out! init --demo failed"; exit 1; }
}

# skip DESCRIPTION REASON: one check that cannot be made this time.
skip() {
	tests_run=$((tests_run + 1))
	echo "ok $tests_run - $1 # SKIP $2"
}

# skip_all REASON: this whole test cannot run here.
skip_all() { echo "1..0 # SKIP $1"; exit 0; }

# done_testing: the last checks a test library added to $final_checks,
# then the plan; the exit status says whether all passed.
final_checks=""
done_testing() {
	eval "$final_checks"
	echo "1..$tests_run"
	[ "$tests_failed" -eq 0 ]
}
