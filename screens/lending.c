/*
 * lending.c - prêts et services: the board of offers and requests, with
 * its filters.  One item and its loans are in lending-item.c, the form
 * in lending-form.c, "My loans" in lending-loans.c and the steps of a
 * loan in lending-loan.c.
 *
 * The store decides who may do what; these screens offer each resident
 * only the steps open to them, and say plainly what the store refused.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui.h"
#include "when.h"
#include "text.h"
#include "lending.h"

/*
 * The board: offers and requests, newest first, a page at a time (paged
 * by key, as the wall), two lines an item: what it is, then where it
 * stands.
 */

struct lending_board {
	struct ui_list		 list;		/* of struct lending */
	struct lending_filter	 filter;
};

/* Which resident this process last counted a visit of the board for. */
static int64_t board_visited_by;

static const struct ui_keyhelp board_keys[] = {
	{ N_("Enter"), N_("Open"), true },
	{ "n", N_("New"), true },
	{ "f", N_("Filter"), true },
	{ "m", N_("Mine"), true },
	{ "l", N_("My loans"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ N_("PgUp/PgDn"), N_("Newer / older items"), false },
	{ N_("Home"), N_("First page"), false },
	{ NULL, NULL, false },
};

/* Items on one page: two lines each, under the two header lines. */
static int
board_per_page(struct ui *ui)
{
	int n = (ui_body_rows(ui) - 2) / 2;

	return n > 1 ? n : 1;
}

static int
board_fetch(struct ui *ui, struct ui_list *l, const struct wall_cursor *after,
    int limit, void **rows, size_t *n)
{
	struct lending_board *b = (struct lending_board *)l;

	return store_lending_page(ui->store, &ui->viewer, &b->filter, after,
	    limit, (struct lending **)rows, n);
}

static struct wall_cursor
board_row_key(const struct ui_list *l, size_t i)
{
	const struct lending *item = ui_list_row(l, i);

	return (struct wall_cursor){ item->created_at, item->id };
}

/* Two lines an item: what it is, then where it stands. */
static int
board_row_lines(struct ui *ui, const void *row)
{
	(void)ui;
	(void)row;
	return 2;
}

static void
board_open(struct ui *ui, struct ui_list *l, void *row)
{
	const struct lending *item = row;

	(void)l;
	ui_push(ui, &lending_item_screen, &(int64_t){ item->id });
}

static void
board_free_rows(void *rows, size_t n)
{
	lending_list_free(rows, n);
}

static void board_draw_item(struct ui *, struct ui_list *, const void *,
    int, bool, void *);

static const struct ui_list_ops board_ops = {
	.row_size = sizeof(struct lending),
	.page_rows = board_per_page,
	.fetch = board_fetch,
	.row_key = board_row_key,
	.draw_row = board_draw_item,
	.row_lines = board_row_lines,
	.open = board_open,
	.free_rows = board_free_rows,
};

static int
board_enter(struct ui *ui, struct view *view, void *arg)
{
	struct lending_board *b = xcalloc(1, sizeof *b);

	ui_list_init(&b->list, &board_ops);
	b->filter.direction = -1;
	b->filter.nature = -1;
	view->data = b;
	/* Once a session: what came before it is no longer new. */
	if (board_visited_by != ui->viewer.resident_id) {
		store_board_visit(ui->store, &ui->viewer, "lending");
		board_visited_by = ui->viewer.resident_id;
		ui_refresh_counts(ui);
	}
	ui_list_load(ui, &b->list);
	return 0;
}

static const char *
board_title(struct ui *ui, struct view *view)
{
	return _("Lending and services");
}

static void
board_draw_header(struct ui *ui, struct lending_board *b, int y)
{
	const struct menu_counts *c = &ui->counts;
	char line[512];
	const char *what, *kind;
	int used;

	what = b->filter.direction == LENDING_OFFER ? _("Offers") :
	    b->filter.direction == LENDING_REQUEST ? _("Requests") :
	    _("Offers and requests");
	kind = b->filter.nature == LENDING_OBJECT ? _("objects") :
	    b->filter.nature == LENDING_SERVICE ? _("services") :
	    _("objects and services");
	used = snprintf(line, sizeof line, "%s · %s", what, kind);
	if (b->filter.mine)
		snprintf(line + used, sizeof line - used, " · %s",
		    _("mine only"));
	ui_list_heading(ui, y, line, b->list.pager.page + 1);
	/* What waits in "My loans", or how to get there. */
	if (c->loans_overdue > 0)
		snprintf(line, sizeof line, ngettext("%d loan overdue: press l "
		    "to see it", "%d loans overdue: press l to see them",
		    c->loans_overdue), c->loans_overdue);
	else if (c->loans_waiting > 0)
		snprintf(line, sizeof line, ngettext("%d request waits for "
		    "your answer", "%d requests wait for your answer",
		    c->loans_waiting), c->loans_waiting);
	else
		snprintf(line, sizeof line, "%s", _("l: my loans, lent and "
		    "borrowed"));
	ui_text(ui, y + 1, 1, ui->cols - 2, line, ui_attr(ui,
	    c->loans_overdue > 0 ? UI_ATTR_ERROR : UI_ATTR_INFO));
}

/* The columns of the board's first lines, laid out from the page. */
enum board_column {
	BOARD_DIRECTION,
	BOARD_NATURE,
	BOARD_TITLE,
	BOARD_AUTHOR,
	BOARD_DATE,
	BOARD_COLUMNS,
};

/* The text of one cell of L's first line, into BUF. */
static const char *
board_cell(const struct lending *l, enum board_column c, char *buf,
    size_t size)
{
	buf[0] = '\0';
	switch (c) {
	case BOARD_DIRECTION:
		return lending_direction_label(l->direction);
	case BOARD_NATURE:
		return lending_nature_label(l->nature);
	case BOARD_TITLE:
		return l->title;
	case BOARD_AUTHOR:
		return l->author_name;
	case BOARD_DATE:
		when_format_ago(buf, size, l->created_at);
		break;
	case BOARD_COLUMNS:
		break;
	}
	return buf;
}

/*
 * One item on two lines: the cells in their columns, then where it
 * stands, under the nature.  Each cell is placed at its column's
 * position, so a character the terminal measures differently never
 * shifts the next.
 */
static void
board_draw_item(struct ui *ui, struct ui_list *list, const void *row, int y,
    bool selected, void *ctx)
{
	const struct ui_column *col = ctx;
	const struct lending *l = row;
	char buf[512], state[512];
	int base, attr, x = col[BOARD_NATURE].x;

	(void)list;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	ui_fill(ui, y, 0, ui->cols, base);
	ui_fill(ui, y + 1, 0, ui->cols, base);
	if (l->is_new)
		ui_text(ui, y, 0, 2, "•", base | ui_attr(ui, UI_ATTR_UNREAD));
	ui_column_draw(ui, y, &col[BOARD_DIRECTION],
	    lending_direction_label(l->direction), base | A_BOLD);
	ui_column_draw(ui, y, &col[BOARD_NATURE], lending_nature_label(l->nature),
	    base);
	ui_column_draw(ui, y, &col[BOARD_TITLE], l->title, base |
	    (l->is_new ? ui_attr(ui, UI_ATTR_UNREAD) : 0));
	ui_column_draw(ui, y, &col[BOARD_AUTHOR], l->author_name, base);
	ui_column_draw(ui, y, &col[BOARD_DATE], board_cell(l, BOARD_DATE,
	    buf, sizeof buf), selected ? base : ui_attr(ui, UI_ATTR_DIM));
	lending_state(l, state, sizeof state);
	/* The author's own item, hidden by moderation, says so first. */
	if (l->hidden)
		snprintf(state, sizeof state, _("Hidden by the moderation: %s"),
		    l->hidden_reason != NULL ? l->hidden_reason : "");
	attr = l->hidden || l->overdue ? ui_attr(ui, UI_ATTR_ERROR) :
	    l->loan_id != 0 || (l->mine && l->requests > 0) ?
	    ui_attr(ui, UI_ATTR_INFO) : ui_attr(ui, UI_ATTR_DIM);
	ui_text_cut(ui, y + 1, x, ui->cols - 1 - x, state,
	    selected ? base : attr);
}

static void
board_draw(struct ui *ui, struct view *view)
{
	struct ui_column col[BOARD_COLUMNS] = {
		[BOARD_DIRECTION] = { .min = 4, .max = 10 },
		[BOARD_NATURE] = { .min = 4, .max = 10 },
		[BOARD_TITLE] = { .min = 16, .flags = UI_COLUMN_FILL },
		[BOARD_AUTHOR] = { .min = 8, .max = 15 },
		[BOARD_DATE] = { .min = 5, .max = 16, .flags = UI_COLUMN_RIGHT },
	};
	struct lending_board *b = view->data;
	int y = ui_body_top(ui), c;
	char buf[512];
	size_t i;

	board_draw_header(ui, b, y);
	y += 2;
	if (b->list.n == 0) {
		ui_paragraph(ui, y + 1, 4, 4, ui->cols - 8,
		    b->filter.direction >= 0 || b->filter.nature >= 0 ||
		    b->filter.mine ?
		    _("Nothing matches this filter. Press f to change it, m to "
		    "see everyone's, or n to write an offer or a request.") :
		    _("Nothing on the board yet. Press n to offer something to "
		    "lend, a service, or to ask for what you need."), A_NORMAL);
		return;
	}
	for (i = 0; i < b->list.n; i++)
		for (c = 0; c < BOARD_COLUMNS; c++)
			ui_column_measure(&col[c], board_cell(
			    ui_list_row(&b->list, i), (enum board_column)c, buf,
			    sizeof buf));
	ui_columns_layout(col, BOARD_COLUMNS, 2, ui->cols - 3, 1);
	ui_list_draw(ui, &b->list, y, y + 2 * board_per_page(ui), col);
}

/*
 * The filter, in two boxes numbered as the form's two lines are (1 lend
 * or offer, 2 look for; 1 an object, 2 a service), 0 for both.  Escape
 * in the second keeps what the first chose.
 */
static void
board_choose_filter(struct ui *ui, struct lending_board *b)
{
	const char *options[3];
	int choice;

	options[0] = _("Offers and requests");
	options[1] = _("Offers: neighbours lend or help");
	options[2] = _("Requests: neighbours look for");
	choice = ui_choose_filter(ui, _("Show what?"), options, 3,
	    b->filter.direction + 1);
	if (choice < 0)
		return;
	b->filter.direction = choice == 1 ? LENDING_OFFER :
	    choice == 2 ? LENDING_REQUEST : -1;
	options[0] = _("Objects and services");
	options[1] = _("Objects only");
	options[2] = _("Services only");
	choice = ui_choose_filter(ui, _("Objects or services?"), options, 3,
	    b->filter.nature + 1);
	if (choice >= 0)
		b->filter.nature = choice == 1 ? LENDING_OBJECT :
		    choice == 2 ? LENDING_SERVICE : -1;
	ui_list_reload_first(ui, &b->list);
}

static enum ui_result
board_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct lending_board *b = view->data;

	if (ui_list_key(ui, &b->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'n') || ui_key_is_char(key, 'N')) {
		ui_push(ui, &lending_form_screen, NULL);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'f') || ui_key_is_char(key, 'F')) {
		board_choose_filter(ui, b);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'm') || ui_key_is_char(key, 'M')) {
		b->filter.mine = !b->filter.mine;
		ui_list_reload_first(ui, &b->list);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'l') || ui_key_is_char(key, 'L')) {
		ui_push(ui, &lending_loans_screen, NULL);
		return UI_HANDLED;
	}
	if (ui_key_is_back(key)) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

const struct screen lending_screen = {
	.name = "lending",
	.title = board_title,
	.enter = board_enter,
	.draw = board_draw,
	.key = board_key,
	.resume = ui_list_resume,
	.changes = CHANGE_LENDING,
	.leave = ui_list_leave,
	.keys = board_keys,
	.help = N_("Neighbours lend objects (a drill, a ladder, a cargo bike) "
	    "and offer services (bike repairs, watching a cat); others look "
	    "for what they need. Each item says whether it is lent, to whom "
	    "and until when. Enter opens an item, to ask for it or offer your "
	    "help; n writes an offer or a request; f shows only offers or "
	    "requests, objects or services; m only yours; l your loans, "
	    "overdue first. A dot marks what is new since your last visit."),
};
