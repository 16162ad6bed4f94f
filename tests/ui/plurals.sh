#!/bin/sh
# plurals.sh - the French catalogue is whole, and every count goes
# through ngettext: a printf-style string that prints a number (%d, %zu,
# %lld, PRId64...) outside ngettext is a count that says "1 villes",
# unless tests/ui/plurals.allow lists it as a number that counts nothing
# (a year, a version, a page).
. "$top_srcdir/tests/lib.sh"

command -v xgettext >/dev/null 2>&1 || skip_all "xgettext is not installed"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"

# Every source that marks strings for translation is read by xgettext.
missing=$(cd "$top_srcdir" && grep -l -E '\<N?_\(|ngettext\(' src/*.c screens/*.c |
    grep -v -x -F -f po/POTFILES.in || :)
[ -z "$missing" ]; ok $? "every source with translated strings is in po/POTFILES.in"
[ -z "$missing" ] || diag "$missing"

POT="$TEST_TMP/quartier.pot"
check "xgettext reads every source of po/POTFILES.in" sh -c \
    "cd '$top_srcdir' && xgettext --keyword=_ --keyword=N_ \
    --keyword=ngettext:1,2 --from-code=UTF-8 -o '$POT' -f po/POTFILES.in"
check "every number printed outside ngettext is on the reviewed list" \
    python3 "$top_srcdir/tests/ui/plurals.py" "$POT" \
    "$top_srcdir/tests/ui/plurals.allow"

# The checker itself: a count outside ngettext is found.
printf 'msgid "%%d villes"\nmsgstr ""\n' > "$TEST_TMP/bad.pot"
check_fails "a count outside ngettext is found" \
    python3 "$top_srcdir/tests/ui/plurals.py" "$TEST_TMP/bad.pot" \
    "$top_srcdir/tests/ui/plurals.allow"

# Every string of the sources has its French translation, none fuzzy.
# ids FILE: the msgids of a catalogue, its header aside (--no-wrap keeps
# each on its line: a long one would start with an empty "").
ids() { grep '^msgid "..*"' "$1" 2>/dev/null; }
msgmerge -q --no-wrap --no-fuzzy-matching "$top_srcdir/po/fr.po" "$POT" \
    -o "$TEST_TMP/fr.po"
msgattrib --no-wrap --untranslated --no-obsolete "$TEST_TMP/fr.po" \
    -o "$TEST_TMP/untr.po"
msgattrib --no-wrap --only-fuzzy --no-obsolete "$TEST_TMP/fr.po" \
    -o "$TEST_TMP/fuzzy.po"
if [ -z "$(ids "$TEST_TMP/untr.po")" ]; then
	ok 0 "every string is translated in po/fr.po"
else
	ok 1 "every string is translated in po/fr.po"
	diag "$(ids "$TEST_TMP/untr.po")"
fi
if [ -z "$(ids "$TEST_TMP/fuzzy.po")" ]; then
	ok 0 "no translation is fuzzy"
else
	ok 1 "no translation is fuzzy"; diag "$(ids "$TEST_TMP/fuzzy.po")"
fi
done_testing
