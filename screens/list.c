/*
 * list.c - the one list view: a list of rows read a page at a time over
 * the pager (pager.c), with one row chosen, in the spirit of tig's
 * view_ops.  A list supplies what is its own (struct ui_list_ops): how to
 * fetch a page, the key a row gives the next page, how to draw a row and
 * how many lines it takes, what opening a row does, and how to free the
 * rows.  Loading, keeping the chosen row on the page, the keys of paging,
 * drawing the rows in turn, reloading on resume and freeing on leave are
 * written once, here.
 *
 * A screen's data starts with its struct ui_list, so that
 * ui_list_leave() and ui_list_resume() serve as its .leave and .resume.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "ui.h"

void
ui_list_init(struct ui_list *l, const struct ui_list_ops *ops)
{
	memset(l, 0, sizeof *l);
	l->ops = ops;
	ui_pager_init(&l->pager);
}

static void
ui_list_clear(struct ui_list *l)
{
	if (l->rows != NULL)
		l->ops->free_rows(l->rows, l->fetched);
	l->rows = NULL;
	l->fetched = 0;
	l->first = 0;
	l->n = 0;
}

void
ui_list_free(struct ui_list *l)
{
	ui_list_clear(l);
	ui_pager_free(&l->pager);
}

void *
ui_list_row(const struct ui_list *l, size_t i)
{
	return i < l->n ? (char *)l->rows + (l->first + i) * l->ops->row_size :
	    NULL;
}

void *
ui_list_selected(const struct ui_list *l)
{
	return ui_list_row(l, l->pager.selected);
}

/* The rows a page holds: what fits, as the list counts its rows. */
static int
ui_list_limit(struct ui *ui, const struct ui_list *l)
{
	int rows = l->ops->page_rows(ui);

	return rows < 1 ? 1 : rows;
}

/*
 * Fetch the page the pager is on, one row more than it shows to know
 * whether a next page exists (that row stays in ROWS to be freed, but is
 * not shown), and tell the pager.
 */
/*
 * A list the store gives whole (ops->whole) is paged here: the pager's
 * key is the index of the page's first row.
 */
static void
ui_list_load_whole(struct ui *ui, struct ui_list *l, int limit)
{
	struct wall_cursor last;
	size_t first;
	int rc;

	ui_list_clear(l);
	rc = l->ops->fetch(ui, l, NULL, 0, &l->rows, &l->fetched);
	if (rc != STORE_OK)
		ui_store_error(ui, rc);
	first = (size_t)ui_pager_start(&l->pager)->id;
	if (first >= l->fetched && first > 0) {
		/* Rows went away under the page: back to the first. */
		ui_pager_first(&l->pager);
		first = 0;
	}
	l->first = first;
	l->n = l->fetched - first < (size_t)limit ? l->fetched - first :
	    (size_t)limit;
	last = (struct wall_cursor){ 0, (int64_t)(first + l->n) };
	ui_pager_loaded(&l->pager, l->n, first + l->n < l->fetched,
	    l->n > 0 ? &last : NULL);
}

void
ui_list_load(struct ui *ui, struct ui_list *l)
{
	struct wall_cursor last;
	int limit = ui_list_limit(ui, l), rc;
	bool more;

	if (l->ops->whole) {
		ui_list_load_whole(ui, l, limit);
		return;
	}
	ui_list_clear(l);
	rc = l->ops->fetch(ui, l, ui_pager_start(&l->pager), limit + 1,
	    &l->rows, &l->fetched);
	if (rc != STORE_OK)
		ui_store_error(ui, rc);
	more = l->fetched > (size_t)limit;
	l->n = more ? (size_t)limit : l->fetched;
	if (l->n > 0)
		last = l->ops->row_key(l, l->n - 1);
	ui_pager_loaded(&l->pager, l->n, more, l->n > 0 ? &last : NULL);
}

/* Draw the rows of the page from line Y down to line BOTTOM (excluded);
 * CTX is handed to draw_row (the columns laid out, say). */
void
ui_list_draw(struct ui *ui, struct ui_list *l, int y, int bottom, void *ctx)
{
	size_t i;
	int lines;

	for (i = 0; i < l->n && y < bottom; i++) {
		lines = l->ops->row_lines != NULL ?
		    l->ops->row_lines(ui, ui_list_row(l, i)) : 1;
		l->ops->draw_row(ui, l, ui_list_row(l, i), y,
		    i == l->pager.selected, ctx);
		y += lines;
	}
}

enum ui_result
ui_list_key(struct ui *ui, struct ui_list *l, const struct ui_key *key)
{
	switch (ui_pager_key(ui, &l->pager, key)) {
	case UI_PAGER_LOAD:
		ui_list_load(ui, l);
		return UI_HANDLED;
	case UI_PAGER_OPEN:
		if (l->ops->open != NULL && ui_list_selected(l) != NULL)
			l->ops->open(ui, l, ui_list_selected(l));
		return UI_HANDLED;
	case UI_PAGER_HANDLED:
		return UI_HANDLED;
	case UI_PAGER_IGNORED:
		break;
	}
	return UI_IGNORED;
}

/* Back to the first page, reloaded (after an action changed the list). */
void
ui_list_reload_first(struct ui *ui, struct ui_list *l)
{
	ui_pager_first(&l->pager);
	ui_list_load(ui, l);
}

void
ui_list_resume(struct ui *ui, struct view *view)
{
	ui_list_load(ui, view->data);
}

void
ui_list_leave(struct ui *ui, struct view *view)
{
	ui_list_free(view->data);
	free(view->data);
}

/* A screen's data of SIZE bytes, its list first, made and loaded. */
void *
ui_list_enter(struct ui *ui, struct view *view, const struct ui_list_ops *ops,
    size_t size)
{
	struct ui_list *l = xcalloc(1, size);

	ui_list_init(l, ops);
	view->data = l;
	ui_list_load(ui, l);
	return l;
}
