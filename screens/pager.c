/*
 * pager.c - a list read a page at a time by key, one row chosen.
 *
 * The boards and the mailbox fetch each page from the key of the last row
 * of the page before (see store_wall_page), never by OFFSET, so that what
 * is posted meanwhile does not shift the page being read.  The keys of the
 * pages already seen are kept here, so going back costs the same as going
 * forward.  The pager only moves: the screen fetches the page it is told
 * to and says what it got with ui_pager_loaded.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "text.h"

void
ui_pager_init(struct ui_pager *p)
{
	memset(p, 0, sizeof *p);
	/* The first page starts at the zero key: before every row. */
	p->starts = xcalloc(1, sizeof *p->starts);
}

void
ui_pager_free(struct ui_pager *p)
{
	free(p->starts);
	p->starts = NULL;
}

void
ui_pager_first(struct ui_pager *p)
{
	p->page = 0;
	p->selected = 0;
	p->select_last = false;
}

const struct wall_cursor *
ui_pager_start(const struct ui_pager *p)
{
	return &p->starts[p->page];
}

/*
 * The screen fetched the current page: COUNT rows, MORE when a row was
 * left for the next page, LAST the key of the row the next page follows
 * (NULL without rows).  The chosen row stays in the page; going back up
 * past the top of a page chooses the last row of the one before.
 */
void
ui_pager_loaded(struct ui_pager *p, size_t count, bool more,
    const struct wall_cursor *last)
{
	p->count = count;
	p->more = more;
	if (last != NULL)
		p->next = *last;
	if (p->selected >= count)
		p->selected = count > 0 ? count - 1 : 0;
	if (p->select_last && count > 0)
		p->selected = count - 1;
	p->select_last = false;
}

static enum ui_pager_action
ui_pager_next(struct ui *ui, struct ui_pager *p)
{
	if (!p->more || p->count == 0) {
		ui_message(ui, "%s", _("This is the last page."));
		return UI_PAGER_HANDLED;
	}
	p->starts = xrealloc(p->starts, (p->page + 2) * sizeof *p->starts);
	p->starts[++p->page] = p->next;
	p->selected = 0;
	p->select_last = false;
	return UI_PAGER_LOAD;
}

static enum ui_pager_action
ui_pager_previous(struct ui_pager *p, bool select_last)
{
	p->selected = 0;
	if (p->page == 0)
		return UI_PAGER_HANDLED;
	p->page--;
	p->select_last = select_last;
	return UI_PAGER_LOAD;
}

/*
 * The keys every list shares: Up and Down move the chosen row and turn
 * the page at its edges, PgDn (or Space) and PgUp turn it, Home goes back
 * to the first page, End chooses the last row, Enter or Right opens.
 */
enum ui_pager_action
ui_pager_key(struct ui *ui, struct ui_pager *p, const struct ui_key *key)
{
	switch (key->code) {
	case KEY_UP:
		if (p->selected == 0)
			return ui_pager_previous(p, true);
		p->selected--;
		return UI_PAGER_HANDLED;
	case KEY_DOWN:
		if (p->selected + 1 < p->count)
			p->selected++;
		else if (p->more)
			return ui_pager_next(ui, p);
		return UI_PAGER_HANDLED;
	case KEY_NPAGE:
		return ui_pager_next(ui, p);
	case KEY_PPAGE:
		return ui_pager_previous(p, false);
	case KEY_HOME:
		ui_pager_first(p);
		return UI_PAGER_LOAD;
	case KEY_END:
		if (p->count > 0)
			p->selected = p->count - 1;
		return UI_PAGER_HANDLED;
	default:
		break;
	}
	if (ui_key_is_enter(key) || key->code == KEY_RIGHT)
		return p->count > 0 ? UI_PAGER_OPEN : UI_PAGER_HANDLED;
	if (ui_key_is_char(key, ' '))
		return ui_pager_next(ui, p);
	return UI_PAGER_IGNORED;
}
