#!/bin/sh
# golden.sh - each main screen at 80x24 in French, on the demo city at a
# fixed moment (QUARTIER_FAKE_NOW), compared line by line with its saved
# text in tests/ui/screens/NAME.screen: a change of layout shows as a
# diff.  After a change made on purpose, save the new screens with
#
#	make update-golden
#
# (QUARTIER_GOLDEN_UPDATE=1 for this test) and read `git diff
# tests/ui/screens` before committing them.
. "$top_srcdir/tests/ui/lib.sh"

# Tuesday 10 March 2026, 10:00 in Strasbourg: the demo is loaded then,
# and every session runs then, so every date and "2 h ago" is the same.
NOW=1773133200
QUARTIER_FAKE_NOW=$NOW; export QUARTIER_FAKE_NOW
GOLDEN_DIR="$top_srcdir/tests/ui/screens"
new_demo_db

# golden NAME MARKER: once MARKER shows, the screen is NAME.screen (within
# $WAIT seconds, for the rows that come a moment after the marker).
golden() {
	_file="$GOLDEN_DIR/$1.screen"
	if ! wait_for "$2"; then
		ok 1 "$1: the screen shows \"$2\""
		diag "$(screen "${TARGET:-$SESSION}")"
		return
	fi
	if [ -n "${QUARTIER_GOLDEN_UPDATE:-}" ]; then
		# Saved once it is still: two looks a moment apart agree.
		_last=
		while :; do
			screen "${TARGET:-$SESSION}" | sed 's/ *$//' >"$TEST_TMP/now"
			[ "$(cat "$TEST_TMP/now")" = "$_last" ] && break
			_last=$(cat "$TEST_TMP/now")
			sleep 0.3
		done
		cp "$TEST_TMP/now" "$_file"
		ok 0 "$1: saved in tests/ui/screens"
		return
	fi
	_tries=0
	while [ $_tries -lt $((WAIT * 10)) ]; do
		screen "${TARGET:-$SESSION}" | sed 's/ *$//' >"$TEST_TMP/now"
		if cmp -s "$_file" "$TEST_TMP/now"; then
			ok 0 "$1: the screen is its golden text"
			return
		fi
		sleep 0.1; _tries=$((_tries + 1))
	done
	ok 1 "$1: the screen is its golden text"
	diag "$(diff -u "$_file" "$TEST_TMP/now")"
}

start_ui 80 24 QUARTIER_FAKE_NOW=$NOW
golden login "Identifiant"
login marie
golden menu "Bonjour Marie"
type "1"
golden wall "Krutenau › Mur"
press Enter
golden post "Répondre"
press Escape; press Escape
type "2"
golden classifieds "Petites annonces"
press Escape
type "3"
golden lending "Prêts et services"
press Escape
type "4"
golden events "Événements"
press Escape
type "5"
golden mail "Boîte de réception"
press Escape
type "6"
golden addresses "les plus recommandées d'abord"
press Escape
type "/"
expect_screen "Recherche :"
type "vélo"; press Enter
golden search "Réparer son vélo"
press Escape
type "p"
golden profile "Mon profil"
press Escape
type "7"
golden groups "Les groupes du quartier"
press Escape

start_console console "$DB" QUARTIER_FAKE_NOW=$NOW
TARGET=console golden sysop "Tableau de bord"
done_testing
