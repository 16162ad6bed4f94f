#!/bin/sh
# compare.sh - tests/bench/queries of two builds side by side, in one run:
# the reference (the code before a change, on its own copy of a bigdb
# file) and the change (on a copy of the same file, upgraded by it),
# alternating round by round so that both meet the same load on the
# machine.  It measures; it never passes or fails.
#
#   tests/bench/compare.sh [-r ROUNDS] [-n RUNS] REF_QUERIES REF_DB \
#                          NEW_QUERIES NEW_DB
#
#   -r ROUNDS  rounds, each the reference then the change (default 2)
#   -n RUNS    queries --runs, per viewer and round (default 20)
#
# Per query and build it prints the median of the rounds' medians, the
# highest p99 and the highest first call of any round, and the rows.
set -eu

ROUNDS=2
RUNS=20
while getopts r:n: opt; do
	case $opt in
	r) ROUNDS=$OPTARG ;;
	n) RUNS=$OPTARG ;;
	*) echo "usage: compare.sh [-r ROUNDS] [-n RUNS] REF_QUERIES" \
	    "REF_DB NEW_QUERIES NEW_DB" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -ne 4 ]; then
	echo "usage: compare.sh [-r ROUNDS] [-n RUNS] REF_QUERIES REF_DB" \
	    "NEW_QUERIES NEW_DB" >&2
	exit 2
fi
ref=$1 refdb=$2 new=$3 newdb=$4
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

i=1
while [ "$i" -le "$ROUNDS" ]; do
	echo "compare: round $i of $ROUNDS: reference" >&2
	"$ref" --runs "$RUNS" "$refdb" >"$out/ref.$i"
	echo "compare: round $i of $ROUNDS: change" >&2
	"$new" --runs "$RUNS" "$newdb" >"$out/new.$i"
	i=$((i + 1))
done

# queries prints "NAME  RUNS MEDIAN P99 FIRST ROWS", NAME with spaces.
awk -v rounds="$ROUNDS" '
function med(list,    n, a, i, j, t) {
	n = split(list, a, " ")
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
FNR == 1 { side = FILENAME ~ /\/ref\.[0-9]+$/ ? "ref" : "new"; next }
{
	rows = $NF; first = $(NF - 1); p99 = $(NF - 2); m = $(NF - 3)
	name = $0
	sub(/[ ]+[0-9]+[ ]+[0-9.]+[ ]+[0-9.]+[ ]+[0-9.]+[ ]+[0-9]+[ ]*$/, "",
	    name)
	if (!(name in seen)) { seen[name] = 1; order[++nq] = name }
	k = side SUBSEP name
	meds[k] = meds[k] " " m
	if (p99 + 0 > worst[k] + 0) worst[k] = p99
	if (first + 0 > firsts[k] + 0) firsts[k] = first
	if (rows + 0 > nrows[k] + 0) nrows[k] = rows
}
END {
	printf "%-26s %28s   %28s\n", "", "reference", "change"
	printf "%-26s %9s %9s %9s %5s %9s %9s %9s %5s\n", "query",
	    "median", "p99", "first", "rows", "median", "p99", "first", "rows"
	for (i = 1; i <= nq; i++) {
		q = order[i]; r = "ref" SUBSEP q; c = "new" SUBSEP q
		printf "%-26s", q
		if (r in meds)
			printf " %9.2f %9.2f %9.2f %5d", med(meds[r]), worst[r],
			    firsts[r], nrows[r]
		else
			printf " %9s %9s %9s %5s", "-", "-", "-", "-"
		if (c in meds)
			printf " %9.2f %9.2f %9.2f %5d", med(meds[c]), worst[c],
			    firsts[c], nrows[c]
		else
			printf " %9s %9s %9s %5s", "-", "-", "-", "-"
		printf "\n"
	}
	printf "(%d rounds, ms)\n", rounds
}' "$out"/ref.* "$out"/new.*
