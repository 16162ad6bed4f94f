#!/bin/sh
# demo.sh - the demo city is the one the README describes: every account
# of the README's table, and the header of data/demo.sql, has the
# quartier, role and status the demo database gives it, and no account
# is missing from either.
. "$top_srcdir/tests/lib.sh"

command -v sqlite3 >/dev/null || skip_all "the sqlite3 command is not installed"

new_demo_db

# The README's table: "| marie | Krutenau | moderator | verified |".
sed -n 's/^| *\([a-z][a-z0-9-]*\) *| *\([^ |]*\) *| *\([a-z]*\) *| *\([a-z]*\) *|$/\1 \2 \3 \4/p' \
	"$top_srcdir/README" | grep -v "^handle " | sort >"$TEST_TMP/readme"
# The same table at the top of data/demo.sql.
sed -n '/^--   handle /,/^--$/p' "$top_srcdir/data/demo.sql" |
	sed -n 's/^--   \([a-z][a-z0-9-]*\) .* \([A-Z][a-z]*\) *\(resident\|helper\|moderator\|sysop\) *\([a-z]*\)$/\1 \2 \3 \4/p' |
	sort >"$TEST_TMP/header"
sqlite3 -separator ' ' "$DB" "SELECT r.handle, q.name, r.role, r.status
	FROM residents r JOIN quartiers q ON q.id = r.quartier_id" |
	sort >"$TEST_TMP/db"

check "the README's table lists the demo accounts" test -s "$TEST_TMP/readme"
check "so does the header of demo.sql" test -s "$TEST_TMP/header"
check "the README's table is the demo database" \
	diff -u "$TEST_TMP/readme" "$TEST_TMP/db"
check "the header of demo.sql is the demo database" \
	diff -u "$TEST_TMP/header" "$TEST_TMP/db"
done_testing
