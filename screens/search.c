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
	struct editor		 query;
	char			*searched;	/* the query of the results */
	struct search_hit	*hits;
	size_t			 n;
	size_t			 selected;
	size_t			 top;		/* first hit shown */
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

static void
search_clear(struct search *se)
{
	search_hit_list_free(se->hits, se->n);
	se->hits = NULL;
	se->n = 0;
	se->selected = 0;
	se->top = 0;
}

/* Search for what is in the field; the message line says how it went. */
static void
search_run(struct ui *ui, struct search *se, bool quiet)
{
	const char *text = editor_text(&se->query);
	int rc;

	search_clear(se);
	free(se->searched);
	se->searched = xstrdup(text);
	rc = store_search(ui->store, &ui->viewer, text, SEARCH_LIMIT,
	    &se->hits, &se->n);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		se->in_list = false;
		return;
	}
	se->in_list = se->n > 0;
	if (quiet)
		return;
	if (se->n == 0)
		ui_message(ui, "%s", _("Nothing found. Try another word, or "
		    "fewer words."));
	else
		ui_message(ui, ngettext("%zu result.", "%zu results.", se->n),
		    se->n);
}

static int
search_enter(struct ui *ui, struct view *view, void *arg)
{
	struct search *se = xcalloc(1, sizeof *se);

	editor_init(&se->query, false, SEARCH_QUERY_MAX);
	view->data = se;
	return 0;
}

static void
search_leave(struct ui *ui, struct view *view)
{
	struct search *se = view->data;

	search_clear(se);
	editor_free(&se->query);
	free(se->searched);
	free(se);
}

/* Back from an item, or others wrote: the same search, afresh. */
static void
search_resume(struct ui *ui, struct view *view)
{
	struct search *se = view->data;
	size_t selected = se->selected;
	bool in_list = se->in_list;

	if (se->searched == NULL || se->n == 0)
		return;
	editor_set(&se->query, se->searched);
	search_run(ui, se, true);
	se->in_list = in_list && se->n > 0;
	se->selected = selected < se->n ? selected : (se->n > 0 ? se->n - 1 : 0);
}

/* Rows a hit takes: a board heading when it starts a group, then two. */
static int
search_hit_rows(const struct search *se, size_t i)
{
	return (i == 0 || se->hits[i].board != se->hits[i - 1].board) ? 3 : 2;
}

static void
search_draw_hit(struct ui *ui, const struct search *se, size_t i, int y,
    bool heading)
{
	const struct search_hit *h = &se->hits[i];
	bool selected = se->in_list && i == se->selected;
	int base, dim, right;
	char line[256], when[64];
	size_t k, count;

	if (heading) {
		for (count = 0, k = i; k < se->n && se->hits[k].board ==
		    h->board; k++)
			count++;
		snprintf(line, sizeof line, "── %s (%zu) ──",
		    search_board_name(h->board), count);
		ui_text_cut(ui, y++, 2, ui->cols - 4, line,
		    ui_attr(ui, UI_ATTR_TITLE));
	}
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

static void
search_draw(struct ui *ui, struct view *view)
{
	struct search *se = view->data;
	int y = ui_body_top(ui) + 1, label, bottom, used;
	size_t i;

	label = ui_text(ui, y, 2, ui->cols - 4, _("Search:"),
	    ui_attr(ui, UI_ATTR_TITLE));
	editor_draw(ui, &se->query, y, 3 + label, 1, ui->cols - 6 - label,
	    !se->in_list);
	y += 2;
	if (se->n == 0) {
		ui_paragraph(ui, y, 2, 6, ui->cols - 4, _("Type one or more "
		    "words and press Enter. The search looks at the wall "
		    "(posts and replies), the classifieds, the lending board and "
		    "the events of your quartier. Capitals and accents do not "
		    "matter: \"noel\" finds \"Noël\", \"oeuvre\" finds "
		    "\"œuvre\"; the start of a word is enough."),
		    ui_attr(ui, UI_ATTR_DIM));
		return;
	}
	bottom = ui->rows - 3;
	/* Keep the chosen hit in view: scroll down until it fits. */
	if (se->selected < se->top)
		se->top = se->selected;
	for (;;) {
		used = 0;
		for (i = se->top; i <= se->selected && i < se->n; i++)
			used += search_hit_rows(se, i);
		if (y + used <= bottom || se->top >= se->selected)
			break;
		se->top++;
	}
	for (i = se->top; i < se->n; i++) {
		used = search_hit_rows(se, i);
		if (i != se->top && used == 2 && y + 2 > bottom)
			break;
		if (y + used > bottom)
			break;
		search_draw_hit(ui, se, i, y, used == 3 || i == se->top);
		y += used == 3 || i == se->top ? 3 : 2;
	}
}

static void
search_open(struct ui *ui, struct search *se)
{
	const struct search_hit *h;

	if (se->n == 0)
		return;
	h = &se->hits[se->selected];
	ui_push(ui, board_of_search(h->board)->item, &(int64_t){ h->item_id });
}

static enum ui_result
search_key_list(struct ui *ui, struct search *se, const struct ui_key *key)
{
	switch (key->code) {
	case KEY_UP:
		if (se->selected > 0)
			se->selected--;
		else
			se->in_list = false;
		return UI_HANDLED;
	case KEY_DOWN:
		if (se->selected + 1 < se->n)
			se->selected++;
		return UI_HANDLED;
	case KEY_HOME:
		se->selected = 0;
		return UI_HANDLED;
	case KEY_END:
		se->selected = se->n > 0 ? se->n - 1 : 0;
		return UI_HANDLED;
	case KEY_NPAGE:
		se->selected = se->selected + 5 < se->n ? se->selected + 5 :
		    (se->n > 0 ? se->n - 1 : 0);
		return UI_HANDLED;
	case KEY_PPAGE:
		se->selected = se->selected > 5 ? se->selected - 5 : 0;
		return UI_HANDLED;
	case KEY_RIGHT:
		search_open(ui, se);
		return UI_HANDLED;
	}
	if (ui_key_is_enter(key)) {
		search_open(ui, se);
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
	return UI_IGNORED;
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
	if ((key->code == KEY_DOWN || ui_key_is_char(key, '\t')) && se->n > 0) {
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
