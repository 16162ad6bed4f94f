#!/bin/sh
# storm.sh - the short storm of the suite: 10 processes writing posts and
# mail for 5 seconds, then 10 more of which 4 are killed (SIGKILL) in the
# middle of their writes.  Each time: no STORE_BUSY reaches a caller, the
# database passes PRAGMA integrity_check, every acknowledged write is
# there.  The long run (50 processes for a minute) is in
# doc/testing, "Robustness":  tests/stress/storm.sh 50 60
# Last, one acknowledged post is taken out behind the store's back: the
# check must notice it (a check that cannot fail proves nothing).
#
# Usage: storm.sh [PROCESSES [SECONDS]]
: "${top_builddir:=.}"
procs=${1:-10}
secs=${2:-5}
dir=$(mktemp -d "${TMPDIR:-/tmp}/quartier-storm.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
echo "1..3"
n=0
for kills in 0 $((procs * 2 / 5)); do
	n=$((n + 1))
	rm -rf "$dir/db" "$dir/db-wal" "$dir/db-shm" "$dir/log"
	mkdir "$dir/log"
	"$top_builddir/src/quartier-admin" --db "$dir/db" init --demo \
	    >/dev/null || { echo "Bail out! init --demo failed"; exit 1; }
	if "$top_builddir/tests/stress/storm" "$dir/db" "$dir/log" "$procs" \
	    "$secs" "$kills" >"$dir/out" 2>&1; then
		ok=ok
	else
		ok="not ok"
	fi
	sed 's/^/# /' "$dir/out"
	echo "$ok $n - $procs writers for ${secs}s, $kills killed: intact," \
	    "nothing acknowledged lost, no busy"
done

# The check notices a lost write.
title=$(cat "$dir"/log/child-* | sed -n 's/^w //p' | tail -n 1)
sqlite3 "$dir/db" "DELETE FROM items WHERE title = '$title'"
if "$top_builddir/tests/stress/storm" "$dir/db" "$dir/log" "$procs" 0 \
    >"$dir/out" 2>&1; then
	ok="not ok"
else
	ok=ok
fi
grep -q "^missing: w $title\$" "$dir/out" || ok="not ok"
sed 's/^/# /' "$dir/out"
echo "$ok 3 - a lost acknowledged write is noticed"
