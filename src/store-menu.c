/*
 * store-menu.c - the numbers on the main menu and the top line, gathered
 * here so that the menu asks the store once per redraw.
 */
#include "build-config.h"

#include <string.h>

#include "store-internal.h"

int
store_menu_counts(struct store *s, const struct viewer *v,
    struct menu_counts *c)
{
	struct wall_counts wall;
	int rc;

	memset(c, 0, sizeof *c);
	if ((rc = store_wall_counts(s, v, NULL, &wall)) != STORE_OK)
		return rc;
	c->wall_unread = wall.unread;
	return STORE_OK;
}
