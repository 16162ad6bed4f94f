/*
 * store-board.c - the kinds of item the boards hold, as the store knows
 * them: one row per kind says where its search hits are grouped and which
 * visit (board_visits.board) decides what is "new" on it.  store-search.c
 * and store-menu.c read this table; a new board is a new row here, the
 * screens' own table being screens/boards.c (see doc/HACKING).
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

const struct store_board store_boards[] = {
	{ .kind = STORE_KIND_POST, .search = SEARCH_WALL,
	  .change = CHANGE_WALL },
	{ .kind = STORE_KIND_ANNOUNCEMENT, .search = SEARCH_WALL,
	  .change = CHANGE_WALL },
	{ .kind = STORE_KIND_CLASSIFIED, .search = SEARCH_CLASSIFIEDS,
	  .visit = "classifieds", .change = CHANGE_CLASSIFIEDS },
	{ .kind = STORE_KIND_LENDING, .search = SEARCH_LENDING,
	  .visit = "lending", .change = CHANGE_LENDING },
	{ .kind = STORE_KIND_EVENT, .search = SEARCH_EVENTS,
	  .visit = "events", .change = CHANGE_EVENTS },
	{ .kind = STORE_KIND_ADDRESS, .search = SEARCH_ADDRESSES,
	  .change = CHANGE_ADDRESSES },
	/* Mail holds messages, not items, and is visited all the same. */
	{ .kind = NULL, .visit = "mail" },
};
const size_t store_boards_count = sizeof store_boards / sizeof store_boards[0];

const struct store_board *
store_board_of_kind(const char *kind)
{
	size_t i;

	if (kind == NULL)
		return NULL;
	for (i = 0; i < store_boards_count; i++) {
		if (store_boards[i].kind != NULL &&
		    strcmp(store_boards[i].kind, kind) == 0)
			return &store_boards[i];
	}
	return NULL;
}

bool
store_board_visited(const char *board)
{
	size_t i;

	if (board == NULL)
		return false;
	for (i = 0; i < store_boards_count; i++) {
		if (store_boards[i].visit != NULL &&
		    strcmp(store_boards[i].visit, board) == 0)
			return true;
	}
	return false;
}
