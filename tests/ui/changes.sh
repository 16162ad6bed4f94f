#!/bin/sh
# A session reloads only what others changed on the boards it shows: a
# write in another quartier, or mail between two other neighbours, leaves
# the wall and the counts alone; a post in its own quartier reloads the
# wall.  QUARTIER_TRACE_POLL has quartier write a line for each poll that
# saw the database change, saying which boards (CHANGE_* bits) and what
# it read again.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db
POLLS=$TEST_TMP/polls
: >"$POLLS"
start_ui 80 24 QUARTIER_TRACE_POLL="$POLLS"
login marie
expect_screen "Bonjour Marie"
type "1"
expect_screen "Strasbourg › Krutenau › Mur" "marie is on the wall"

# polls_at_least N: the trace has N lines (N polls saw a change).
polls_at_least() { [ "$(wc -l <"$POLLS")" -ge "$1" ]; }

# mail FROM TO TEXT: a message between two residents of Krutenau, written
# straight into the database as another session's store would.
mail() {
	sql "INSERT INTO messages (quartier_id, sender_id, recipient_id,
	    subject, body, created_at) SELECT 1, f.id, t.id, 'Perceuse', '$3',
	    strftime('%s') FROM residents f, residents t
	    WHERE f.handle = '$1' AND t.handle = '$2'" >/dev/null
}

# A sysop's announcement in Neudorf: the poll sees the database change,
# and nothing of Krutenau in it.
check "a sysop announces in Neudorf" "$ADMIN" --db "$DB" announce \
    --quartier Neudorf --title "Fête de Neudorf" \
    "Rendez-vous place du Marché samedi."
eventually "the poll saw the write in Neudorf" polls_at_least 1
check "it changed no board of Krutenau" \
    grep -qx "changed 0 screen wall" "$POLLS"
check_fails "the wall was not reloaded" grep -q "reloaded" "$POLLS"
expect_no_screen "Fête de Neudorf" "nothing of Neudorf on the wall"
expect_no_screen "Ramonage" "nor the announcement to come"

# Mail from karim to odile, both of Krutenau: none of marie's business.
mail karim odile "Tu me la prêtes ?"
eventually "the poll saw the mail" polls_at_least 2
check "the mail of others changed nothing for marie" \
    test "$(grep -cx "changed 0 screen wall" "$POLLS")" -eq 2
check_fails "neither the wall nor the counts were read again" \
    grep -q "reloaded\|counts" "$POLLS"

# An announcement in Krutenau reloads the wall, and the counts.
check "a sysop announces in Krutenau" "$ADMIN" --db "$DB" announce \
    --quartier Krutenau --title "Ramonage des cheminées" \
    "Mardi matin, rue des Orphelins."
expect_screen "Ramonage des cheminées" "the announcement in Krutenau shows at once"
check "the wall's board changed, and it was reloaded" \
    grep -qx "changed 0x1 screen wall reloaded counts" "$POLLS"

# Mail to marie: her counts move, the wall stays as it is.
mail karim marie "Merci pour la perceuse."
eventually "the poll saw the mail to marie" polls_at_least 4
check "her mail changed: the counts, not the wall" \
    grep -qx "changed 0x10 screen wall counts" "$POLLS"

done_testing
