/*
 * store-changes.c - which boards changed, for the sessions watching them.
 *
 * The counters are kept by triggers (data/schema.sql, "What changed
 * where"), in the transaction of every write, whoever writes.  A session
 * reads its quartier's rows, and its own mail's, with one statement on
 * the table's primary key: a few rows, however big the quartier.  It
 * compares each board's sum with the last one it read, since counters
 * only grow.  A counter names its board as the triggers write it: the
 * kind of item (items.kind) for a board of items, whose bit is its row's
 * in store_boards[], else one of the names below.
 */
#include "build-config.h"

#include <string.h>

#include "store-internal.h"

static const struct {
	const char		*name;
	enum change_board	 board;
} change_names[] = {
	{ "mail", CHANGE_MAIL },
	{ "residents", CHANGE_RESIDENTS },
	{ "reports", CHANGE_REPORTS },
};

/* The index of BOARD's bit, -1 for a name of no board. */
static int
change_index(const char *name)
{
	const struct store_board *b = store_board_of_kind(name);
	unsigned board = 0;
	size_t i;
	int bit;

	if (b != NULL)
		board = b->change;
	for (i = 0; b == NULL && name != NULL &&
	    i < sizeof change_names / sizeof change_names[0]; i++)
		if (strcmp(change_names[i].name, name) == 0)
			board = change_names[i].board;
	for (bit = 0; bit < CHANGE_BOARDS; bit++)
		if (board == 1u << bit)
			return bit;
	return -1;
}

int
store_changes(struct store *s, const struct viewer *v, unsigned *changed)
{
	sqlite3_stmt *stmt;
	int64_t sums[CHANGE_BOARDS];
	int rc, bit;

	*changed = 0;
	memset(sums, 0, sizeof sums);
	/* Counts of writes, not what was written: the viewer's quartier
	 * whatever their status (a pending resident watches for their
	 * verification). */
	stmt = store_stmt(s, "SELECT board, n FROM changes"
	    " WHERE quartier_id = (SELECT quartier_id FROM residents"
	    " WHERE id = :viewer) AND resident_id IN (0, :viewer)");
	bind_viewer(stmt, v);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		bit = change_index((const char *)sqlite3_column_text(stmt, 0));
		if (bit >= 0)
			sums[bit] += sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc);
	if (s->changes_viewer == v->resident_id) {
		for (bit = 0; bit < CHANGE_BOARDS; bit++)
			if (sums[bit] != s->changes_seen[bit])
				*changed |= 1u << bit;
	}
	s->changes_viewer = v->resident_id;
	memcpy(s->changes_seen, sums, sizeof sums);
	return STORE_OK;
}
