#!/bin/sh
# The manual pages are valid and render.
. "$top_srcdir/tests/lib.sh"

for page in man/quartier.1 man/quartier-admin.8 man/quartierd.8 \
    man/quartier.conf.5; do
	if command -v mandoc >/dev/null 2>&1; then
		check "$page passes mandoc -Tlint" sh -c \
		    "mandoc -Tlint -W warning '$top_srcdir/$page'"
	fi
	check "$page renders with man -l" sh -c \
	    "MANWIDTH=80 man -l '$top_srcdir/$page' 2>&1 >/dev/null | grep -q . && exit 1 || exit 0"
done
check "quartier --help names --db" sh -c "'$QUARTIER' --help | grep -q -- --db"
check "quartier-admin --help names every command" sh -c \
    "'$ADMIN' --help | grep -q announce"

done_testing
