/*
 * list.c - the one list view: a list of rows read a page at a time over
 * the pager (pager.c), with one row chosen, in the spirit of tig's
 * view_ops.  A list supplies what is its own (struct ui_list_ops): how to
 * fetch a page, the key a row gives the next page, how to draw a row and
 * how many lines it takes, what opening a row does, and how to free the
 * rows; and, if it has them, the headings between its rows and what a row
 * is.  Loading, fitting the rows and their headings on the page, keeping
 * the chosen row on the page and on the same row, the keys of paging,
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

/* The lines ROW takes on the page, its heading's included (*HEADING,
 * NULL without one; BUF holds it). */
static int
ui_list_row_lines(struct ui *ui, const struct ui_list *l, const void *row,
    const void *previous, const char **heading, char *buf, size_t size)
{
	int lines = l->ops->row_lines != NULL ? l->ops->row_lines(ui, row) : 1;

	*heading = NULL;
	if (l->ops->heading != NULL &&
	    (*heading = l->ops->heading(ui, l, row, previous, buf,
	    size)) != NULL)
		lines++;
	return lines;
}

/* Of the N rows from FIRST on, those that fit in LIMIT lines with their
 * headings. */
static size_t
ui_list_fit(struct ui *ui, const struct ui_list *l, size_t first, size_t n,
    int limit)
{
	const char *row = (const char *)l->rows + first * l->ops->row_size;
	const char *previous = NULL, *heading;
	char buf[256];
	size_t i;
	int used = 0;

	for (i = 0; i < n; i++, previous = row, row += l->ops->row_size) {
		used += ui_list_row_lines(ui, l, row, previous, &heading, buf,
		    sizeof buf);
		if (used > limit && i > 0)
			break;		/* the first row shows, come what may */
	}
	return i;
}

/*
 * A list the store gives whole (ops->whole, or ops->fetch_whole) is paged
 * here: the pager's key is the index of the page's first row.
 */
static void
ui_list_load_whole(struct ui *ui, struct ui_list *l, int limit)
{
	struct wall_cursor last;
	size_t first;
	int rc;

	ui_list_clear(l);
	rc = l->ops->fetch_whole != NULL ?
	    l->ops->fetch_whole(ui, l, &l->rows, &l->fetched) :
	    l->ops->fetch(ui, l, NULL, 0, &l->rows, &l->fetched);
	if (rc != STORE_OK)
		ui_store_error(ui, rc);
	first = (size_t)ui_pager_start(&l->pager)->id;
	if (first >= l->fetched && first > 0) {
		/* Rows went away under the page: back to the first. */
		ui_pager_first(&l->pager);
		first = 0;
	}
	l->first = first;
	if (l->ops->heading != NULL)
		l->n = ui_list_fit(ui, l, first, l->fetched - first, limit);
	else
		l->n = l->fetched - first < (size_t)limit ?
		    l->fetched - first : (size_t)limit;
	last = (struct wall_cursor){ 0, (int64_t)(first + l->n) };
	ui_pager_loaded(&l->pager, l->n, first + l->n < l->fetched,
	    l->n > 0 ? &last : NULL);
}

/*
 * Fetch the page the pager is on, one row more than it shows to know
 * whether a next page exists (that row stays in ROWS to be freed, but is
 * not shown), and tell the pager.
 */
void
ui_list_load(struct ui *ui, struct ui_list *l)
{
	struct wall_cursor last;
	int limit = ui_list_limit(ui, l), rc;
	bool more;

	if (l->ops->whole || l->ops->fetch_whole != NULL) {
		ui_list_load_whole(ui, l, limit);
		return;
	}
	ui_list_clear(l);
	rc = l->ops->fetch(ui, l, ui_pager_start(&l->pager), limit + 1,
	    &l->rows, &l->fetched);
	if (rc != STORE_OK)
		ui_store_error(ui, rc);
	if (l->ops->heading != NULL)
		l->n = ui_list_fit(ui, l, 0, l->fetched, limit);
	else
		l->n = l->fetched > (size_t)limit ? (size_t)limit : l->fetched;
	more = l->fetched > l->n;
	if (l->n > 0)
		last = l->ops->row_key(l, l->n - 1);
	ui_pager_loaded(&l->pager, l->n, more, l->n > 0 ? &last : NULL);
}

/* Draw the rows of the page from line Y down to line BOTTOM (excluded);
 * CTX is handed to draw_row (the columns laid out, say). */
void
ui_list_draw(struct ui *ui, struct ui_list *l, int y, int bottom, void *ctx)
{
	const char *heading;
	char buf[256];
	size_t i;
	int lines;

	for (i = 0; i < l->n && y < bottom; i++) {
		lines = ui_list_row_lines(ui, l, ui_list_row(l, i),
		    i > 0 ? ui_list_row(l, i - 1) : NULL, &heading, buf,
		    sizeof buf);
		if (heading != NULL) {
			ui_text_cut(ui, y, 1 + l->ops->heading_indent,
			    ui->cols - 2 - 2 * l->ops->heading_indent,
			    heading, ui_attr(ui, UI_ATTR_TITLE));
			y++;
			lines--;
		}
		if (y < bottom)
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

/*
 * The same page again, after the list changed under it (the screen
 * above closed, others wrote, a row was deleted): the chosen row stays
 * on the same row when the list says what a row is (ops.row_id) and
 * it is still on the page, so that an action never falls on another row
 * than the one the resident saw chosen; else on the same place.
 */
void
ui_list_reload(struct ui *ui, struct ui_list *l)
{
	const void *row = ui_list_selected(l);
	int64_t chosen;
	size_t i;

	if (l->ops->row_id == NULL || row == NULL) {
		ui_list_load(ui, l);
		return;
	}
	chosen = l->ops->row_id(row);
	ui_list_load(ui, l);
	for (i = 0; i < l->n; i++) {
		if (l->ops->row_id(ui_list_row(l, i)) == chosen) {
			l->pager.selected = i;
			break;
		}
	}
}

/* Other rows (the sent folder after the inbox): the page's rows go with
 * the ops that made them; the caller loads the new ones. */
void
ui_list_set_ops(struct ui_list *l, const struct ui_list_ops *ops)
{
	ui_list_clear(l);
	l->ops = ops;
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
	ui_list_reload(ui, view->data);
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
