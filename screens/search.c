/*
 * search.c - "/" from any screen: one search over the wall, the
 * classifieds, the lending board and the events of the resident's
 * quartier.
 *
 * The query is typed in a one-line field at the top; Enter searches.  The
 * results come grouped by board, best first within each, two lines per
 * hit: the title, then the words around the match.  The arrows leave the
 * field for the list; Enter opens the chosen item on its own board, and
 * coming back searches again, so that what changed there shows.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui.h"
#include "when.h"

#define SEARCH_QUERY_MAX	200	/* characters of a query */
#define SEARCH_LIMIT		60	/* hits shown */

struct search {
	struct ui_list		 list;		/* of struct search_hit */
	struct editor		 query;
	char			*searched;	/* the query of the results */
	int			 rc;		/* of the last search */
	bool			 in_list;	/* the arrows are in the list */
};

static const struct ui_keyhelp search_keys[] = {
	{ N_("Enter"), N_("Search / open"), true },
	{ N_("Arrows"), N_("Choose"), true },
	{ "Tab", N_("Field / list"), true },
	{ "Esc", N_("Back"), true },
	{ "F1", N_("Help"), true },
	{ NULL, NULL, false },
};

static const char *
search_title(struct ui *ui, struct view *view)
{
	return _("Search");
}

static const char *
search_board_name(enum search_board board)
{
	return _(board_of_search(board)->label);
}

/* The first line of the results: below the field and a blank line. */
static int
search_top(struct ui *ui)
{
	return ui_body_top(ui) + 3;
}

/* Lines of the results, board headings included. */
static int
search_lines(struct ui *ui)
{
	int lines = ui->rows - 3 - search_top(ui);

	return lines > 3 ? lines : 3;
}

/* The hits of the query searched, given whole (SEARCH_LIMIT at most). */
static int
search_fetch(struct ui *ui, struct ui_list *l, void **rows, size_t *n)
{
	struct search *se = (struct search *)l;

	if (se->searched == NULL)
		return se->rc = STORE_OK;
	return se->rc = store_search(ui->store, &ui->viewer, se->searched,
	    SEARCH_LIMIT, (struct search_hit **)rows, n);
}

/* A board's heading above its first hit, and again at the top of a page
 * it goes on to, with how many hits the board has. */
static const char *
search_heading(struct ui *ui, const struct ui_list *l, const void *row,
    const void *previous, char *buf, size_t size)
{
	const struct search_hit *h = row, *p = previous, *k, *first = l->rows;
	const struct search_hit *end = first + l->fetched;
	size_t count = 0;

	if (p != NULL && p->board == h->board)
		return NULL;
	for (k = h; k > first && k[-1].board == h->board; k--)
		;
	for (; k < end && k->board == h->board; k++)
		count++;
	snprintf(buf, size, "── %s (%zu) ──", search_board_name(h->board),
	    count);
	return buf;
}

static int
search_row_lines(struct ui *ui, const void *row)
{
	(void)ui;
	(void)row;
	return 2;		/* the title, then the words around the match */
}

/* The chosen hit opens on its own board. */
static void
search_open(struct ui *ui, struct ui_list *l, void *row)
{
	const struct search_hit *h = row;

	(void)l;
	ui_push(ui, board_of_search(h->board)->item, &(int64_t){ h->item_id });
}

static void
search_free_rows(void *rows, size_t n)
{
	search_hit_list_free(rows, n);
}

static void
search_draw_hit(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool chosen, void *ctx)
{
	const struct search *se = (const struct search *)l;
	const struct search_hit *h = row;
	bool selected = se->in_list && chosen;
	int base, dim, right;
	char line[256], when[64];
	size_t k;

	(void)ctx;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	dim = selected ? base : ui_attr(ui, UI_ATTR_DIM);
	ui_fill(ui, y, 0, ui->cols, base);
	ui_fill(ui, y + 1, 0, ui->cols, base);
	ui_text(ui, y, 1, 1, selected ? ">" : " ", base);
	when_format_ago(when, sizeof when, h->created_at);
	if (h->author_name != NULL)
		snprintf(line, sizeof line, "%s · %s", h->author_name, when);
	else
		snprintf(line, sizeof line, "%s", when);
	right = text_width(line);
	if (right > 30)
		right = 30;
	ui_text_right(ui, y, ui->cols - right - 2, right, line, dim);
	ui_text_cut(ui, y, 3, ui->cols - right - 6, h->title, base | A_BOLD);
	if (h->reply_id != 0) {
		snprintf(line, sizeof line, "%s ", _("reply:"));
		k = (size_t)ui_text(ui, y + 1, 5, ui->cols - 7, line, dim);
		ui_text_cut(ui, y + 1, 5 + (int)k, ui->cols - 7 - (int)k,
		    h->excerpt, dim);
	} else
		ui_text_cut(ui, y + 1, 5, ui->cols - 7, h->excerpt, dim);
}

static const struct ui_list_ops search_ops = {
	.row_size = sizeof(struct search_hit),
	.page_rows = search_lines,
	.fetch_whole = search_fetch,
	.heading = search_heading,
	.heading_indent = 1,
	.row_lines = search_row_lines,
	.draw_row = search_draw_hit,
	.open = search_open,
	.free_rows = search_free_rows,
};

/* Search for what is in the field; the message line says how it went. */
static void
search_run(struct ui *ui, struct search *se, bool quiet)
{
	size_t n;

	free(se->searched);
	se->searched = xstrdup(editor_text(&se->query));
	ui_list_reload_first(ui, &se->list);
	n = se->list.fetched;
	se->in_list = se->rc == STORE_OK && n > 0;
	if (quiet || se->rc != STORE_OK)
		return;
	if (n == 0)
		ui_message(ui, "%s", _("Nothing found. Try another word, or "
		    "fewer words."));
	else
		ui_message(ui, ngettext("%zu result.", "%zu results.", n), n);
}

static int
search_enter(struct ui *ui, struct view *view, void *arg)
{
	struct search *se = xcalloc(1, sizeof *se);

	(void)arg;
	ui_list_init(&se->list, &search_ops);
	editor_init(&se->query, false, SEARCH_QUERY_MAX);
	view->data = se;
	return 0;
}

static void
search_leave(struct ui *ui, struct view *view)
{
	struct search *se = view->data;

	editor_free(&se->query);
	free(se->searched);
	ui_list_leave(ui, view);
}

/* Back from an item, or others wrote: the same search, afresh, on the
 * same page and row. */
static void
search_resume(struct ui *ui, struct view *view)
{
	struct search *se = view->data;

	if (se->searched == NULL || se->list.fetched == 0)
		return;
	editor_set(&se->query, se->searched);
	ui_list_reload(ui, &se->list);
	se->in_list = se->in_list && se->list.fetched > 0;
}

static void
search_draw(struct ui *ui, struct view *view)
{
	struct search *se = view->data;
	int y = ui_body_top(ui) + 1, label;

	label = ui_text(ui, y, 2, ui->cols - 4, _("Search:"),
	    ui_attr(ui, UI_ATTR_TITLE));
	editor_draw(ui, &se->query, y, 3 + label, 1, ui->cols - 6 - label,
	    !se->in_list);
	if (se->list.n == 0) {
		ui_paragraph(ui, search_top(ui), 2, 6, ui->cols - 4, _("Type "
		    "one or more words and press Enter. The search looks at "
		    "the wall (posts and replies), the classifieds, the "
		    "lending board and the events of your quartier. Capitals "
		    "and accents do not matter: \"noel\" finds \"Noël\", "
		    "\"oeuvre\" finds \"œuvre\"; the start of a word is "
		    "enough."), ui_attr(ui, UI_ATTR_DIM));
		return;
	}
	ui_list_draw(ui, &se->list, search_top(ui),
	    search_top(ui) + search_lines(ui), NULL);
}

static enum ui_result
search_key_list(struct ui *ui, struct search *se, const struct ui_key *key)
{
	/* Up from the first result goes back to the field. */
	if (key->code == KEY_UP && se->list.pager.page == 0 &&
	    se->list.pager.selected == 0) {
		se->in_list = false;
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '/') || ui_key_is_char(key, '\t')) {
		se->in_list = false;
		return UI_HANDLED;
	}
	/* Anything typed goes to the field: a new search starts. */
	if ((key->code == 0 && key->ch >= ' ') || key->code == UI_KEY_PASTE ||
	    key->code == KEY_BACKSPACE) {
		se->in_list = false;
		return editor_key(ui, &se->query, key);
	}
	return ui_list_key(ui, &se->list, key);
}

static enum ui_result
search_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct search *se = view->data;

	if (ui_key_is_char(key, UI_KEY_ESC)) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	if (se->in_list)
		return search_key_list(ui, se, key);
	if (ui_key_is_enter(key)) {
		search_run(ui, se, false);
		return UI_HANDLED;
	}
	if ((key->code == KEY_DOWN || ui_key_is_char(key, '\t')) &&
	    se->list.n > 0) {
		se->in_list = true;
		return UI_HANDLED;
	}
	return editor_key(ui, &se->query, key);
}

const struct screen search_screen = {
	.name = "search",
	.title = search_title,
	.enter = search_enter,
	.draw = search_draw,
	.key = search_key,
	.resume = search_resume,
	.changes = CHANGE_WALL | CHANGE_CLASSIFIEDS | CHANGE_LENDING |
	    CHANGE_EVENTS,
	.leave = search_leave,
	.keys = search_keys,
	.help = N_("Type what you are looking for and press Enter: the words "
	    "are looked for in the wall (posts and replies), the classifieds, "
	    "the lending board and the events of your quartier, and nowhere "
	    "else. Capitals and accents do not matter (\"eleve\" finds "
	    "\"élève\", \"Noel\" finds \"Noël\", \"oeuvre\" finds \"œuvre\"), "
	    "and the start of a word is enough (\"perc\" finds \"perceuse\"). "
	    "With several words, only what has all of them is found. The "
	    "results are grouped by board, the best first. Down or Tab moves "
	    "to the results; choose one with the arrows and press Enter to "
	    "open it; Up from the first result, Tab or anything you type goes "
	    "back to the field. Esc goes back to where you were. Hidden or "
	    "deleted posts and expired ads are never found."),
};
