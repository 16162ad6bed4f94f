#!/bin/sh
# run.sh - run each libFuzzer target of tests/fuzz for SECONDS (default 20).
#
#   make fuzz && tests/fuzz/run.sh [SECONDS] [TARGET...]
#
# Run from the build tree.  Each target starts from its seed corpus
# (tests/fuzz/corpus/TARGET/, which also holds every crasher found so far,
# so they are replayed first) and grows a working copy in
# tests/tmp/fuzz/TARGET/, kept from one run to the next.  An input that
# crashes, leaks or breaks a checked promise is written to
# tests/tmp/fuzz/crashers/TARGET-crash-*; replay it with
# tests/fuzz/TARGET FILE.  Ends with automake's "# PASS:" and "# FAIL:"
# lines: one pass per target that found nothing.
set -u

seconds=${1:-20}
[ $# -gt 0 ] && shift
targets=${*:-fuzz-text fuzz-config fuzz-keys}
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
work=tests/tmp/fuzz
pass=0
fail=0

mkdir -p "$work/crashers"
for t in $targets; do
	if [ ! -x "tests/fuzz/$t" ]; then
		echo "FAIL: $t: tests/fuzz/$t is not built (make fuzz)"
		fail=$((fail + 1))
		continue
	fi
	mkdir -p "$work/$t"
	echo "--- $t for $seconds s"
	# -max_len: a field's pastes and a config line fit; longer inputs
	# only slow the search down.  Leaks count as crashes.
	if "tests/fuzz/$t" -max_total_time="$seconds" -max_len=8192 \
	    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$work/crashers/$t-" \
	    "$work/$t" "$srcdir/tests/fuzz/corpus/$t" >"$work/$t.log" 2>&1
	then
		grep -E '^stat::number_of_executed_units' "$work/$t.log"
		echo "PASS: $t"
		pass=$((pass + 1))
	else
		tail -n 40 "$work/$t.log"
		echo "FAIL: $t (input in $work/crashers/, log in $work/$t.log)"
		fail=$((fail + 1))
	fi
done
echo "# PASS:  $pass"
echo "# FAIL:  $fail"
[ "$fail" -eq 0 ]
