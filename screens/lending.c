/*
 * lending.c - prêts et services: the board of offers and requests (with
 * its filters), one item with its requests and loans, the form that
 * writes or edits an item, and "My loans", where a resident finds every
 * loan they take part in, on both sides.
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

#define LENDING_NOTE_MAX	500	/* as the store allows */
#define LENDING_DAYS_OBJECT	14	/* the loan proposed for an object */
#define LENDING_DAYS_SERVICE	7	/* the time proposed for a service */

static const struct screen loans_screen;

/* Words the screens share. */

static const char *
direction_label(enum lending_direction d)
{
	/* TRANSLATORS: the marker of an offer on the board, short. */
	return d == LENDING_OFFER ? _("Lends") :
	    /* TRANSLATORS: the marker of a request on the board, short. */
	    _("Seeks");
}

static const char *
nature_label(enum lending_nature n)
{
	return n == LENDING_OBJECT ? _("Object") : _("Service");
}

/* Where an item stands, for everyone: "Lent to Karim until 3 December". */
static void
lending_state(const struct lending *l, char *buf, size_t size)
{
	char day[64];
	const char *with;
	size_t used;

	if (l->loan_id != 0) {
		when_format_day(day, sizeof day, l->due_at, false);
		with = l->loan_with != NULL ? l->loan_with : "";
		if (l->nature == LENDING_SERVICE)
			snprintf(buf, size, l->overdue ?
			    _("Agreed with %s, overdue since %s") :
			    _("Agreed with %s for %s"), with, day);
		else if (l->direction == LENDING_OFFER)
			snprintf(buf, size, l->overdue ?
			    _("Lent to %s, overdue since %s") :
			    _("Lent to %s until %s"), with, day);
		else
			snprintf(buf, size, l->overdue ?
			    _("Lent by %s, overdue since %s") :
			    _("Lent by %s until %s"), with, day);
	} else if (l->my_loan_id != 0 && l->my_loan_status == LOAN_REQUESTED)
		snprintf(buf, size, _("Your request waits for %s's answer"),
		    l->author_name != NULL ? l->author_name : "");
	else if (l->direction == LENDING_OFFER)
		snprintf(buf, size, "%s", _("Available"));
	else
		snprintf(buf, size, "%s", _("Open to proposals"));
	used = strlen(buf);
	if (l->mine && l->requests > 0 && used < size)
		snprintf(buf + used, size - used, ngettext(
		    " · %d request waits for you", " · %d requests wait for you",
		    l->requests), l->requests);
}

/* The other side of a loan, seen by the viewer. */
static const char *
loan_other(const struct loan *l)
{
	const char *name = l->i_lend ? l->borrower_name : l->lender_name;

	return name != NULL ? name : "";
}

static bool
loan_merci_due(const struct loan *l, int64_t me)
{
	return l->borrower_id == me && l->merci_at == 0 &&
	    (l->status == LOAN_RETURNED || (l->nature == LENDING_SERVICE &&
	    l->status == LOAN_ACCEPTED));
}

/* The side that asked: not the author, whose item it is. */
static bool
loan_i_asked(const struct loan *l, int64_t me)
{
	return !l->i_decide && (l->borrower_id == me || l->lender_id == me);
}

/* Where a loan stands, without names: "lent until 3 December". */
static void
loan_phrase(const struct loan *l, char *buf, size_t size)
{
	char day[64];
	size_t used;

	switch (l->status) {
	case LOAN_REQUESTED:
		when_format_day(day, sizeof day, l->requested_at, false);
		/* The asker lends on a request, borrows on an offer. */
		if (l->i_decide)
			snprintf(buf, size, l->i_lend ? _("asks since %s") :
			    _("offers since %s"), day);
		else
			snprintf(buf, size, l->i_lend ?
			    _("offered on %s, waiting for the answer") :
			    _("asked on %s, waiting for the answer"), day);
		break;
	case LOAN_ACCEPTED:
		when_format_day(day, sizeof day, l->due_at, false);
		if (l->overdue)
			snprintf(buf, size, _("overdue since %s"), day);
		else if (l->nature == LENDING_SERVICE)
			snprintf(buf, size, _("agreed for %s"), day);
		else
			snprintf(buf, size, l->i_lend ? _("lent until %s") :
			    _("borrowed until %s"), day);
		break;
	case LOAN_RETURNED:
		when_format_day(day, sizeof day, l->returned_at, false);
		snprintf(buf, size, l->nature == LENDING_SERVICE ?
		    _("done on %s") : _("returned on %s"), day);
		break;
	case LOAN_DECLINED:
		when_format_day(day, sizeof day, l->decided_at, false);
		snprintf(buf, size, _("declined on %s"), day);
		break;
	case LOAN_CANCELLED:
		when_format_day(day, sizeof day, l->decided_at, false);
		snprintf(buf, size, _("withdrawn on %s"), day);
		break;
	}
	used = strlen(buf);
	if (l->merci_at != 0 && used < size)
		snprintf(buf + used, size - used, " · %s", l->i_lend ?
		    _("thanked you") : _("you said merci"));
}

/*
 * The steps of the loan machine.  Each asks first when it cannot be
 * undone, reports what the store said, and returns true when done.
 */

static bool
loan_accept(struct ui *ui, const struct loan *l)
{
	char *typed = NULL, *end, initial[16], day[64];
	long days;
	int rc;

	snprintf(initial, sizeof initial, "%d", l->nature == LENDING_SERVICE ?
	    LENDING_DAYS_SERVICE : LENDING_DAYS_OBJECT);
	for (;;) {
		free(typed);
		typed = ui_prompt(ui, l->nature == LENDING_SERVICE ?
		    _("Within how many days? (1 to 365)") : l->i_lend ?
		    _("Lend it for how many days? (1 to 365)") :
		    _("Borrow it for how many days? (1 to 365)"), initial,
		    false, 3);
		if (typed == NULL)
			return false;
		days = strtol(typed, &end, 10);
		if (end != typed && *end == '\0' && days >= 1 && days <= 365)
			break;
		/* The figure typed stays in the field. */
		snprintf(initial, sizeof initial, "%s", typed);
		ui_error(ui, "%s", _("Type a number of days between 1 and "
		    "365."));
	}
	free(typed);
	rc = store_loan_decide(ui->store, &ui->viewer, l->id, true, (int)days);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return false;
	}
	when_format_day(day, sizeof day, now_seconds() + days * 86400, false);
	ui_message(ui, l->nature == LENDING_SERVICE ?
	    _("Agreed with %s for %s; they have been told.") : l->i_lend ?
	    _("Lent to %s until %s; they have been told.") :
	    _("Borrowed from %s until %s; they have been told."),
	    loan_other(l), day);
	return true;
}

static bool
loan_decline(struct ui *ui, const struct loan *l)
{
	char question[256];
	int rc;

	snprintf(question, sizeof question, _("Decline %s's request?"),
	    loan_other(l));
	if (!ui_confirm(ui, question))
		return false;
	rc = store_loan_decide(ui->store, &ui->viewer, l->id, false, 0);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return false;
	}
	ui_message(ui, _("Declined; %s has been told."), loan_other(l));
	return true;
}

static bool
loan_mark_returned(struct ui *ui, const struct loan *l)
{
	char question[256];
	int rc;

	snprintf(question, sizeof question, l->nature == LENDING_SERVICE ?
	    _("Is “%s” done? Mark it so?") :
	    _("Is “%s” back? Mark it returned?"), l->item_title);
	if (!ui_confirm(ui, question))
		return false;
	rc = store_loan_returned(ui->store, &ui->viewer, l->id);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return false;
	}
	ui_message(ui, l->nature == LENDING_SERVICE ?
	    _("Marked done; %s has been told.") :
	    _("Marked returned; %s has been told."), loan_other(l));
	return true;
}

static bool
loan_say_merci(struct ui *ui, const struct loan *l)
{
	char question[256];
	int rc;

	snprintf(question, sizeof question, _("Say merci to %s for “%s”?"),
	    loan_other(l), l->item_title);
	if (!ui_confirm(ui, question))
		return false;
	rc = store_loan_merci(ui->store, &ui->viewer, l->id);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return false;
	}
	ui_message(ui, _("Merci sent to %s."), loan_other(l));
	return true;
}

static bool
loan_withdraw(struct ui *ui, const struct loan *l)
{
	int rc;

	if (!ui_confirm(ui, _("Withdraw your request?")))
		return false;
	rc = store_loan_cancel(ui->store, &ui->viewer, l->id);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return false;
	}
	ui_message(ui, "%s", _("Your request was withdrawn."));
	return true;
}

static void
loan_write_to(struct ui *ui, const struct loan *l)
{
	struct mail_compose_request req;

	memset(&req, 0, sizeof req);
	req.to_id = l->i_lend ? l->borrower_id : l->lender_id;
	req.subject = l->item_title;
	req.about_item_id = l->item_id;
	ui_push(ui, &mail_compose_screen, &req);
}

enum loan_action {
	ACTION_ACCEPT,
	ACTION_DECLINE,
	ACTION_RETURNED,
	ACTION_MERCI,
	ACTION_WITHDRAW,
	ACTION_WRITE,
};

/*
 * Enter on a loan: the steps open to the viewer, in a numbered box.
 * Returns true when something changed.
 */
static bool
loan_actions(struct ui *ui, const struct loan *l)
{
	const char *options[8];
	enum loan_action actions[8];
	char write[128], title[256];
	int64_t me = ui->viewer.resident_id;
	int n = 0, choice;

	if (l->i_decide && l->status == LOAN_REQUESTED) {
		actions[n] = ACTION_ACCEPT;
		options[n++] = l->nature == LENDING_SERVICE ?
		    _("Accept, for a date") : l->i_lend ?
		    _("Accept and lend it") : _("Accept and borrow it");
		actions[n] = ACTION_DECLINE;
		options[n++] = _("Decline");
	}
	if (l->i_lend && l->status == LOAN_ACCEPTED) {
		actions[n] = ACTION_RETURNED;
		options[n++] = l->nature == LENDING_SERVICE ?
		    _("Mark it done") : _("Mark it returned");
	}
	if (loan_merci_due(l, me)) {
		actions[n] = ACTION_MERCI;
		options[n++] = _("Say merci");
	}
	if (loan_i_asked(l, me) && l->status == LOAN_REQUESTED) {
		actions[n] = ACTION_WITHDRAW;
		options[n++] = _("Withdraw my request");
	}
	snprintf(write, sizeof write, _("Write to %s"), loan_other(l));
	actions[n] = ACTION_WRITE;
	options[n++] = write;
	snprintf(title, sizeof title, "%s · %s", loan_other(l),
	    l->item_title);
	if ((choice = ui_choose(ui, title, options, n, 0)) < 0)
		return false;
	switch (actions[choice]) {
	case ACTION_ACCEPT:
		return loan_accept(ui, l);
	case ACTION_DECLINE:
		return loan_decline(ui, l);
	case ACTION_RETURNED:
		return loan_mark_returned(ui, l);
	case ACTION_MERCI:
		return loan_say_merci(ui, l);
	case ACTION_WITHDRAW:
		return loan_withdraw(ui, l);
	case ACTION_WRITE:
		loan_write_to(ui, l);
		return false;
	}
	return false;
}

/* A letter key on a loan: do it if it applies, else say why not. */
static bool
loan_shortcut(struct ui *ui, const struct loan *l, wint_t key)
{
	int64_t me = ui->viewer.resident_id;

	if (l == NULL) {
		ui_error(ui, "%s", _("Choose a loan first, with the arrows."));
		return false;
	}
	switch (key) {
	case 'r':
		if (l->i_lend && l->status == LOAN_ACCEPTED)
			return loan_mark_returned(ui, l);
		ui_error(ui, "%s", _("Only the lender marks a loan in "
		    "progress returned."));
		return false;
	case 'm':
		if (loan_merci_due(l, me))
			return loan_say_merci(ui, l);
		ui_error(ui, "%s", l->borrower_id != me ?
		    _("Merci is for the neighbour who borrowed or was "
		    "helped.") : l->merci_at != 0 ?
		    _("You have already said merci for this one.") :
		    _("Merci comes once the loan is returned."));
		return false;
	case 'c':
		if (loan_i_asked(l, me) && l->status == LOAN_REQUESTED)
			return loan_withdraw(ui, l);
		ui_error(ui, "%s", _("Only a request still waiting can be "
		    "withdrawn, by who sent it."));
		return false;
	}
	return false;
}

/*
 * The board: offers and requests, newest first, a page at a time (paged
 * by key, as the wall), two lines an item: what it is, then where it
 * stands.
 */

struct lending_board {
	struct lending_filter	 filter;
	struct ui_pager		 pager;
	struct lending		*items;
	size_t			 n;
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

static void
board_load(struct ui *ui, struct lending_board *b)
{
	int limit = board_per_page(ui), rc;
	const struct lending *last;
	bool more;

	lending_list_free(b->items, b->n);
	b->items = NULL;
	b->n = 0;
	rc = store_lending_page(ui->store, &ui->viewer, &b->filter,
	    ui_pager_start(&b->pager), limit + 1, &b->items, &b->n);
	if (rc != STORE_OK)
		ui_store_error(ui, rc);
	more = (int)b->n > limit;
	if (more)
		lending_clear(&b->items[--b->n]);
	last = b->n > 0 ? &b->items[b->n - 1] : NULL;
	ui_pager_loaded(&b->pager, b->n, more, last == NULL ? NULL :
	    &(struct wall_cursor){ last->created_at, last->id });
}

static void
board_first_page(struct ui *ui, struct lending_board *b)
{
	ui_pager_first(&b->pager);
	board_load(ui, b);
}

static int
board_enter(struct ui *ui, struct view *view, void *arg)
{
	struct lending_board *b = xcalloc(1, sizeof *b);

	b->filter.direction = -1;
	b->filter.nature = -1;
	ui_pager_init(&b->pager);
	view->data = b;
	/* Once a session: what came before it is no longer new. */
	if (board_visited_by != ui->viewer.resident_id) {
		store_board_visit(ui->store, &ui->viewer, "lending");
		board_visited_by = ui->viewer.resident_id;
		ui_refresh_counts(ui);
	}
	board_first_page(ui, b);
	return 0;
}

static void
board_leave(struct ui *ui, struct view *view)
{
	struct lending_board *b = view->data;

	lending_list_free(b->items, b->n);
	ui_pager_free(&b->pager);
	free(b);
}

static void
board_resume(struct ui *ui, struct view *view)
{
	board_load(ui, view->data);
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
	ui_list_heading(ui, y, line, b->pager.page + 1);
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
		return direction_label(l->direction);
	case BOARD_NATURE:
		return nature_label(l->nature);
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
board_draw_item(struct ui *ui, const struct ui_column *col,
    const struct lending *l, int y, bool selected)
{
	char buf[512], state[512];
	int base, attr, x = col[BOARD_NATURE].x;

	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	ui_fill(ui, y, 0, ui->cols, base);
	ui_fill(ui, y + 1, 0, ui->cols, base);
	if (l->is_new)
		ui_text(ui, y, 0, 2, "•", base | ui_attr(ui, UI_ATTR_UNREAD));
	ui_column_draw(ui, y, &col[BOARD_DIRECTION],
	    direction_label(l->direction), base | A_BOLD);
	ui_column_draw(ui, y, &col[BOARD_NATURE], nature_label(l->nature),
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
	size_t i, n;

	board_draw_header(ui, b, y);
	y += 2;
	if (b->n == 0) {
		ui_paragraph(ui, y + 1, 4, 4, ui->cols - 8,
		    b->filter.direction >= 0 || b->filter.nature >= 0 ||
		    b->filter.mine ?
		    _("Nothing matches this filter. Press f to change it, m to "
		    "see everyone's, or n to write an offer or a request.") :
		    _("Nothing on the board yet. Press n to offer something to "
		    "lend, a service, or to ask for what you need."), A_NORMAL);
		return;
	}
	n = b->n < (size_t)board_per_page(ui) ? b->n :
	    (size_t)board_per_page(ui);
	for (i = 0; i < n; i++)
		for (c = 0; c < BOARD_COLUMNS; c++)
			ui_column_measure(&col[c], board_cell(&b->items[i],
			    (enum board_column)c, buf, sizeof buf));
	ui_columns_layout(col, BOARD_COLUMNS, 2, ui->cols - 3, 1);
	for (i = 0; i < n; i++)
		board_draw_item(ui, col, &b->items[i], y + 2 * (int)i,
		    i == b->pager.selected);
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
	board_first_page(ui, b);
}

static enum ui_result
board_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct lending_board *b = view->data;

	switch (ui_pager_key(ui, &b->pager, key)) {
	case UI_PAGER_LOAD:
		board_load(ui, b);
		return UI_HANDLED;
	case UI_PAGER_OPEN:
		ui_push(ui, &lending_item_screen,
		    &(int64_t){ b->items[b->pager.selected].id });
		return UI_HANDLED;
	case UI_PAGER_HANDLED:
		return UI_HANDLED;
	case UI_PAGER_IGNORED:
		break;
	}
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
		board_first_page(ui, b);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'l') || ui_key_is_char(key, 'L')) {
		ui_push(ui, &loans_screen, NULL);
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
	.resume = board_resume,
	.leave = board_leave,
	.keys = board_keys,
	.help = N_("Neighbours lend objects (a drill, a ladder, a cargo bike) "
	    "and offer services (bike repairs, watching a cat); others look "
	    "for what they need. Each item says whether it is lent, to whom "
	    "and until when. Enter opens an item, to ask for it or offer your "
	    "help; n writes an offer or a request; f shows only offers or "
	    "requests, objects or services; m only yours; l your loans, "
	    "overdue first. A dot marks what is new since your last visit."),
};

/*
 * One item: what it is and where it stands, its description, then the
 * loans the viewer may see (all of them for its author, with the past;
 * one's own requests for the others), each chosen with the arrows.
 */

struct item_view {
	int64_t		 id;
	bool		 gone;
	struct lending	 item;
	struct loan	*loans;
	size_t		 nloans;
	size_t		 selected;	/* loan */
	int		 body_top;	/* first line of the description shown */
};

static const struct ui_keyhelp item_keys[] = {
	{ N_("Enter"), N_("Act"), true },
	{ "a", N_("Ask"), true },
	{ "m", N_("Merci"), true },
	{ "e", N_("Edit"), true },
	{ "d", N_("Delete"), true },
	{ "!", N_("Report"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ "r", N_("Mark the chosen loan returned (or done)"), false },
	{ "c", N_("Withdraw your request"), false },
	{ N_("PgUp/PgDn"), N_("Scroll the description"), false },
	{ NULL, NULL, false },
};

static void
item_load(struct ui *ui, struct item_view *iv)
{
	int rc;

	lending_clear(&iv->item);
	loan_list_free(iv->loans, iv->nloans);
	iv->loans = NULL;
	iv->nloans = 0;
	rc = store_lending_get(ui->store, &ui->viewer, iv->id, &iv->item);
	if (rc == STORE_OK)
		rc = store_loans_of_item(ui->store, &ui->viewer, iv->id,
		    &iv->loans, &iv->nloans);
	if (rc != STORE_OK) {
		iv->gone = true;
		ui_store_error(ui, rc);
		return;
	}
	iv->gone = false;
	if (iv->selected >= iv->nloans)
		iv->selected = iv->nloans > 0 ? iv->nloans - 1 : 0;
}

static int
item_enter(struct ui *ui, struct view *view, void *arg)
{
	struct item_view *iv = xcalloc(1, sizeof *iv);

	iv->id = *(const int64_t *)arg;
	view->data = iv;
	item_load(ui, iv);
	return 0;
}

static void
item_leave(struct ui *ui, struct view *view)
{
	struct item_view *iv = view->data;

	lending_clear(&iv->item);
	loan_list_free(iv->loans, iv->nloans);
	free(iv);
}

static void
item_resume(struct ui *ui, struct view *view)
{
	item_load(ui, view->data);
}

static const char *
item_title(struct ui *ui, struct view *view)
{
	struct item_view *iv = view->data;

	return iv->gone || iv->item.title == NULL ? _("Item") : iv->item.title;
}

static const struct loan *
item_loan(const struct item_view *iv)
{
	return iv->selected < iv->nloans ? &iv->loans[iv->selected] : NULL;
}

/* Rows a loan takes on the item: a request shows its note below. */
static int
loan_height(const struct loan *l)
{
	return l->i_decide && l->status == LOAN_REQUESTED && l->note != NULL ?
	    2 : 1;
}

/* What the viewer may do now, in one sentence under the loans. */
static const char *
item_hint(struct ui *ui, const struct item_view *iv)
{
	const struct lending *l = &iv->item;
	int64_t me = ui->viewer.resident_id;
	size_t i;

	for (i = 0; i < iv->nloans; i++) {
		if (loan_merci_due(&iv->loans[i], me))
			return _("Choose your loan and press m to say merci.");
	}
	if (l->mine && l->requests > 0)
		return _("Choose a request with the arrows, then Enter to "
		    "accept or decline it.");
	for (i = 0; i < iv->nloans; i++) {
		if (iv->loans[i].i_lend && iv->loans[i].status == LOAN_ACCEPTED)
			return iv->loans[i].nature == LENDING_SERVICE ?
			    _("Once it is done, choose it and press r.") :
			    _("Once it is back, choose the loan and press r to "
			    "mark it returned.");
	}
	if (l->mine)
		return _("Neighbours' requests will show here; you are told "
		    "by mail. e edits, d deletes.");
	if (l->my_loan_id != 0)
		return _("Enter on your request: withdraw it, or write to the "
		    "author.");
	if (l->direction == LENDING_OFFER)
		return l->nature == LENDING_SERVICE ?
		    _("Press a to ask for this help.") :
		    _("Press a to ask to borrow it.");
	return l->nature == LENDING_SERVICE ? _("Press a to offer your help.") :
	    _("Press a to offer to lend it.");
}

static void
item_draw(struct ui *ui, struct view *view)
{
	struct item_view *iv = view->data;
	const struct lending *l = &iv->item;
	struct text_line *lines;
	char meta[512], when[128], phrase[256], row[1024], *text;
	int y = ui_body_top(ui) + 1, bottom = ui->rows - 3, cols = ui->cols - 4;
	int loan_rows, body_rows, i, attr, used, avail;
	size_t n, k, first;

	if (iv->gone) {
		ui_paragraph(ui, y + 1, 4, 3, ui->cols - 8, _("This item is no "
		    "longer on the board. Press q to go back."), A_NORMAL);
		return;
	}
	y += ui_paragraph(ui, y, 2, 2, cols, l->title,
	    ui_attr(ui, UI_ATTR_TITLE));
	when_format_moment(when, sizeof when, l->created_at);
	used = snprintf(meta, sizeof meta, "%s · %s · %s · %s",
	    direction_label(l->direction), nature_label(l->nature),
	    l->author_name != NULL ? l->author_name : "", when);
	if (l->updated_at > 0)
		snprintf(meta + used, sizeof meta - used, " %s",
		    _("(edited)"));
	ui_text_cut(ui, y++, 2, cols, meta, ui_attr(ui, UI_ATTR_DIM));
	lending_state(l, row, sizeof row);
	ui_text_cut(ui, y++, 2, cols, row, ui_attr(ui, l->overdue ?
	    UI_ATTR_ERROR : UI_ATTR_INFO));
	/* Only its author sees a hidden item: tell them why. */
	if (l->hidden) {
		snprintf(row, sizeof row, _("Hidden by the moderation: %s"),
		    l->hidden_reason != NULL ? l->hidden_reason : "");
		ui_text_cut(ui, y++, 2, cols, row,
		    ui_attr(ui, UI_ATTR_ERROR));
	}
	y++;

	/* The loans take what they need (up to half), the text the rest. */
	loan_rows = iv->nloans > 0 ? 1 : 0;
	for (k = 0; k < iv->nloans; k++)
		loan_rows += loan_height(&iv->loans[k]);
	if (loan_rows > (bottom - y) / 2)
		loan_rows = (bottom - y) / 2;
	body_rows = bottom - y - loan_rows - 2;
	if (body_rows < 1)
		body_rows = 1;
	n = text_wrap(l->body != NULL ? l->body : "", cols, &lines);
	if (iv->body_top > (int)n - body_rows)
		iv->body_top = (int)n - body_rows;
	if (iv->body_top < 0)
		iv->body_top = 0;
	for (i = 0; i < body_rows && iv->body_top + i < (int)n; i++) {
		k = (size_t)(iv->body_top + i);
		text = xstrndup(l->body + lines[k].start, lines[k].len);
		ui_text(ui, y + i, 2, cols, text, A_NORMAL);
		free(text);
	}
	if (iv->body_top + body_rows < (int)n)
		ui_text_right(ui, y + body_rows - 1, 0, ui->cols - 1, "↓",
		    ui_attr(ui, UI_ATTR_DIM));
	free(lines);
	y += n == 0 ? 0 : (int)n < body_rows ? (int)n + 1 : body_rows + 1;

	if (iv->nloans > 0) {
		snprintf(meta, sizeof meta, "── %s ──", l->mine ?
		    _("Requests and loans") : _("Your requests"));
		ui_text(ui, y++, 2, cols, meta, ui_attr(ui, UI_ATTR_DIM));
		/* Keep the chosen loan in view, with what comes before it. */
		first = iv->selected;
		avail = bottom - 1 - y - loan_height(&iv->loans[first]);
		while (first > 0 && loan_height(&iv->loans[first - 1]) <= avail)
			avail -= loan_height(&iv->loans[--first]);
		for (k = first; k < iv->nloans &&
		    y + loan_height(&iv->loans[k]) <= bottom - 1; k++) {
			const struct loan *lo = &iv->loans[k];

			loan_phrase(lo, phrase, sizeof phrase);
			snprintf(row, sizeof row, "%s · %s", loan_other(lo),
			    phrase);
			attr = k == iv->selected ?
			    ui_attr(ui, UI_ATTR_SELECTED) : lo->overdue ?
			    ui_attr(ui, UI_ATTR_ERROR) : (int)A_NORMAL;
			if (k == iv->selected)
				ui_fill(ui, y, 2, cols, attr);
			ui_text_cut(ui, y++, 2, cols, row, attr);
			if (loan_height(lo) < 2)
				continue;
			/* What the neighbour wrote, for the author to answer. */
			snprintf(row, sizeof row, _("“%s”"), lo->note);
			ui_text_cut(ui, y++, 6, cols - 4, row,
			    ui_attr(ui, UI_ATTR_DIM));
		}
	}
	ui_text_cut(ui, bottom - 1, 2, cols, item_hint(ui, iv),
	    ui_attr(ui, UI_ATTR_INFO));
}

/* Ask to borrow, or propose: a note for the author, kept if refused. */
static void
item_ask(struct ui *ui, struct item_view *iv)
{
	const struct lending *l = &iv->item;
	char label[256], *note = NULL, *again;
	const char *name;
	int rc;

	if (l->mine) {
		ui_error(ui, "%s", _("This is your own; neighbours answer it, "
		    "not you."));
		return;
	}
	name = l->author_name != NULL ? l->author_name : "";
	if (l->direction == LENDING_OFFER && l->nature == LENDING_SERVICE)
		snprintf(label, sizeof label, _("Ask %s for this help; a word "
		    "(optional):"), name);
	else if (l->direction == LENDING_OFFER)
		snprintf(label, sizeof label, _("Ask %s to lend it to you; a "
		    "word (optional):"), name);
	else if (l->nature == LENDING_SERVICE)
		snprintf(label, sizeof label, _("Offer %s your help; a word "
		    "(optional):"), name);
	else
		snprintf(label, sizeof label, _("Offer to lend it to %s; a "
		    "word (optional):"), name);
	for (;;) {
		again = ui_prompt(ui, label, note, false, LENDING_NOTE_MAX);
		free(note);
		if ((note = again) == NULL)
			return;
		rc = store_loan_ask(ui->store, &ui->viewer, iv->id, note, NULL);
		if (rc == STORE_OK)
			break;
		ui_store_error(ui, rc);
		/* A note refused is shown again, as typed. */
		if (rc != STORE_INVALID) {
			free(note);
			return;
		}
	}
	free(note);
	ui_message(ui, _("Your request was sent to %s."), l->author_name);
	item_load(ui, iv);
}

static void
item_delete(struct ui *ui, struct item_view *iv)
{
	int rc;

	if (!iv->item.mine) {
		ui_error(ui, "%s", _("Only its author can delete this."));
		return;
	}
	if (!ui_confirm(ui, _("Delete this item? Requests still waiting "
	    "will be closed.")))
		return;
	if ((rc = store_lending_delete(ui->store, &ui->viewer, iv->id))
	    != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	ui_pop(ui);
	ui_message(ui, "%s", _("Your item was deleted."));
}

static void
item_changed(struct ui *ui, struct item_view *iv, bool changed)
{
	if (!changed)
		return;
	item_load(ui, iv);
	ui_refresh_counts(ui);
}

static enum ui_result
item_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct item_view *iv = view->data;

	if (ui_key_is_back(key) || key->code == KEY_LEFT) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	if (iv->gone)
		return UI_IGNORED;
	switch (key->code) {
	case KEY_UP:
		if (iv->selected > 0)
			iv->selected--;
		return UI_HANDLED;
	case KEY_DOWN:
		if (iv->selected + 1 < iv->nloans)
			iv->selected++;
		return UI_HANDLED;
	case KEY_NPAGE:
		iv->body_top += ui_body_rows(ui) / 2;
		return UI_HANDLED;
	case KEY_PPAGE:
		iv->body_top -= ui_body_rows(ui) / 2;
		return UI_HANDLED;
	case KEY_HOME:
		iv->body_top = 0;
		iv->selected = 0;
		return UI_HANDLED;
	}
	if (ui_key_is_enter(key)) {
		if (item_loan(iv) == NULL)
			ui_error(ui, "%s", item_hint(ui, iv));
		else
			item_changed(ui, iv, loan_actions(ui, item_loan(iv)));
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'a') || ui_key_is_char(key, 'A')) {
		item_ask(ui, iv);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'r') || ui_key_is_char(key, 'm') ||
	    ui_key_is_char(key, 'c')) {
		item_changed(ui, iv, loan_shortcut(ui, item_loan(iv), key->ch));
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'e') || ui_key_is_char(key, 'E')) {
		if (!iv->item.mine)
			ui_error(ui, "%s", _("Only its author can change "
			    "this."));
		else
			ui_push(ui, &lending_form_screen, &iv->item);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'd') || ui_key_is_char(key, 'D')) {
		item_delete(ui, iv);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '!')) {
		if (iv->item.mine)
			ui_error(ui, "%s", _("You wrote this: there is nothing "
			    "to report."));
		else
			ui_report(ui, REPORT_ITEM, iv->item.id);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

/* Ask for others' items, edit and delete one's own, merci when due. */
static bool
item_key_shown(struct ui *ui, struct view *view, const struct ui_keyhelp *k)
{
	struct item_view *iv = view->data;
	size_t i;

	if (iv->gone)
		return strcmp(k->key, "q") == 0 || strcmp(k->key, "?") == 0;
	if (strcmp(k->key, "a") == 0 || strcmp(k->key, "!") == 0)
		return !iv->item.mine;
	if (strcmp(k->key, "e") == 0 || strcmp(k->key, "d") == 0)
		return iv->item.mine;
	if (strcmp(k->key, "m") == 0) {
		for (i = 0; i < iv->nloans; i++) {
			if (loan_merci_due(&iv->loans[i], ui->viewer.resident_id))
				return true;
		}
		return false;
	}
	return true;
}

const struct screen lending_item_screen = {
	.name = "lending_item",
	.title = item_title,
	.enter = item_enter,
	.draw = item_draw,
	.key = item_key,
	.resume = item_resume,
	.leave = item_leave,
	.keys = item_keys,
	.key_shown = item_key_shown,
	.help = N_("Press a to ask for this item, or to offer your help or "
	    "your object, with a word for its author, who accepts or "
	    "declines. On your own item, choose a request with the arrows: "
	    "Enter accepts it for a number of days or declines it; r marks a "
	    "loan returned, or a service done. Once it is returned, or a "
	    "service agreed, whoever borrowed or was helped says merci with "
	    "m. c withdraws your request; e and d edit or delete your item. "
	    "! reports someone else's item to the moderators, with a reason; "
	    "an item of yours hidden by the moderation is marked, with the "
	    "reason."),
};

/*
 * The form, for a new item (ARG NULL) or one's own (ARG the struct
 * lending shown).  The draft lives in editors independent of the screen
 * size: a resize or a refusal never loses it.
 */

enum form_field {
	FORM_DIRECTION,
	FORM_NATURE,
	FORM_TITLE,
	FORM_BODY,
};

struct form {
	int64_t			 id;		/* 0: a new item */
	int			 direction;	/* -1: not chosen yet */
	int			 nature;
	bool			 choice_changed;
	struct editor		 title;
	struct editor		 body;
	enum form_field		 focus;
};

static const struct ui_keyhelp form_keys[] = {
	{ N_("F2"), N_("Save"), true },
	{ N_("Tab"), N_("Next field"), true },
	{ N_("Esc"), N_("Cancel"), true },
	{ N_("F1"), N_("Help"), true },
	{ N_("Ctrl-S"), N_("Save"), false },
	{ N_("1-2"), N_("Choose, on the first two lines"), false },
	{ NULL, NULL, false },
};

static int
form_enter(struct ui *ui, struct view *view, void *arg)
{
	const struct lending *l = arg;
	struct form *f = xcalloc(1, sizeof *f);

	editor_init(&f->title, false, QUARTIER_TITLE_MAX);
	editor_init(&f->body, true, QUARTIER_BODY_MAX);
	f->direction = f->nature = -1;
	if (l != NULL) {
		f->id = l->id;
		f->direction = l->direction;
		f->nature = l->nature;
		editor_set(&f->title, l->title);
		if (l->body != NULL)
			editor_set(&f->body, l->body);
		f->focus = FORM_TITLE;
	}
	view->data = f;
	return 0;
}

static void
form_leave(struct ui *ui, struct view *view)
{
	struct form *f = view->data;

	editor_free(&f->title);
	editor_free(&f->body);
	free(f);
}

static const char *
form_title(struct ui *ui, struct view *view)
{
	struct form *f = view->data;

	return f->id != 0 ? _("Edit your item") : _("New offer or request");
}

/* A line of two numbered choices, the chosen one marked. */
static void
form_draw_choice(struct ui *ui, int y, const char *label, bool focused,
    const char *one, const char *two, int chosen)
{
	char item[128];
	int x = 16;

	ui_text(ui, y, 1, 15, label, focused ? A_BOLD | A_UNDERLINE : A_BOLD);
	snprintf(item, sizeof item, "1 %s", one);
	x += ui_text(ui, y, x, ui->cols - x - 1, item, chosen == 0 ?
	    ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL) + 2;
	snprintf(item, sizeof item, "2 %s", two);
	ui_text(ui, y, x, ui->cols - x - 1, item, chosen == 1 ?
	    ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL);
	if (focused)
		ui_place_cursor(ui, y, 15);
}

static void
form_draw(struct ui *ui, struct view *view)
{
	struct form *f = view->data;
	char line[128];
	int y = ui_body_top(ui) + 1, bottom = ui->rows - 3;

	form_draw_choice(ui, y, _("You:"), f->focus == FORM_DIRECTION,
	    _("lend or offer"), _("are looking for"), f->direction);
	y += 2;
	form_draw_choice(ui, y, _("What:"), f->focus == FORM_NATURE,
	    _("an object"), _("a service"), f->nature);
	y += 2;
	ui_text(ui, y, 1, 15, _("Title:"), A_BOLD);
	ui_fill(ui, y, 16, ui->cols - 17, A_UNDERLINE);
	editor_draw(ui, &f->title, y, 16, 1, ui->cols - 17,
	    f->focus == FORM_TITLE);
	y += 2;
	ui_text(ui, y, 1, ui->cols - 2, _("Description (optional):"), A_BOLD);
	snprintf(line, sizeof line, _("%zu/%zu characters"), f->body.nchars,
	    f->body.max_chars);
	ui_text_right(ui, y, 1, ui->cols - 2, line, ui_attr(ui, UI_ATTR_DIM));
	y++;
	ui_fill(ui, y, 0, ui->cols, ui_attr(ui, UI_ATTR_DIM) | A_UNDERLINE);
	y++;
	editor_draw(ui, &f->body, y, 1, bottom - y, ui->cols - 2,
	    f->focus == FORM_BODY);
}

static bool
form_ready(struct ui *ui, struct form *f)
{
	if (f->direction < 0) {
		f->focus = FORM_DIRECTION;
		ui_error(ui, "%s", _("Say whether you lend or look for: press "
		    "1 or 2."));
		return false;
	}
	if (f->nature < 0) {
		f->focus = FORM_NATURE;
		ui_error(ui, "%s", _("Say whether it is an object or a service: "
		    "press 1 or 2."));
		return false;
	}
	if (editor_empty(&f->title)) {
		f->focus = FORM_TITLE;
		ui_error(ui, "%s", _("Write a title: what you lend, or what "
		    "you need."));
		return false;
	}
	return true;
}

static void
form_save(struct ui *ui, struct view *view, struct form *f)
{
	struct lending_new n;
	const char *done;
	int rc;

	if (!form_ready(ui, f))
		return;
	n.direction = (enum lending_direction)f->direction;
	n.nature = (enum lending_nature)f->nature;
	n.title = editor_text(&f->title);
	n.body = editor_text(&f->body);
	if (f->id != 0)
		rc = store_lending_edit(ui->store, &ui->viewer, f->id, &n);
	else
		rc = store_lending_add(ui->store, &ui->viewer, &n, NULL);
	if (rc != STORE_OK) {
		/* The draft stays as it is: the resident can try again. */
		ui_store_error(ui, rc);
		return;
	}
	/* F is gone once the screen is closed. */
	done = f->id != 0 ? _("Saved.") : _("Your item is on the board.");
	ui_draft_done(ui, view);
	ui_pop(ui);
	ui_message(ui, "%s", done);
}

static bool
form_changed(const struct form *f)
{
	return f->title.changed || f->body.changed || f->choice_changed;
}

static enum ui_result
form_choice_key(struct ui *ui, struct form *f, int *value,
    const struct ui_key *key)
{
	if (key->code == 0 && (key->ch == '1' || key->ch == '2'))
		*value = (int)(key->ch - '1');
	else if (key->code == KEY_LEFT || key->code == KEY_RIGHT)
		*value = *value == 0 ? 1 : 0;
	else if (ui_key_is_enter(key) || key->code == KEY_DOWN) {
		if (*value >= 0)
			f->focus++;
		return UI_HANDLED;
	} else
		return ui_choice_other_key(ui, key, 2);
	/* The choice stays on its line, as on every form. */
	f->choice_changed = true;
	return UI_HANDLED;
}

static enum ui_result
form_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct form *f = view->data;

	if (key->code == KEY_F(2) || ui_key_is_char(key, UI_KEY_CTRL('s'))) {
		form_save(ui, view, f);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, UI_KEY_ESC)) {
		if (!form_changed(f) ||
		    ui_confirm(ui, _("Throw this draft away?"))) {
			ui_draft_done(ui, view);
			ui_pop(ui);
		}
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '\t') || key->code == KEY_BTAB) {
		f->focus = (enum form_field)(((int)f->focus +
		    (key->code == KEY_BTAB ? 3 : 1)) % 4);
		return UI_HANDLED;
	}
	if (key->code == KEY_UP && f->focus != FORM_BODY) {
		if (f->focus > FORM_DIRECTION)
			f->focus--;
		return UI_HANDLED;
	}
	/* Text pasted on a choice belongs to the description. */
	if (key->code == UI_KEY_PASTE && f->focus < FORM_TITLE)
		f->focus = FORM_BODY;
	switch (f->focus) {
	case FORM_DIRECTION:
		return form_choice_key(ui, f, &f->direction, key);
	case FORM_NATURE:
		return form_choice_key(ui, f, &f->nature, key);
	case FORM_TITLE:
		if (key->code == KEY_DOWN || ui_key_is_enter(key)) {
			f->focus = FORM_BODY;
			return UI_HANDLED;
		}
		return editor_key(ui, &f->title, key);
	case FORM_BODY:
		return editor_key(ui, &f->body, key);
	}
	return UI_IGNORED;
}

/* The form as a draft: the item it edits (0: a new one), the choices
 * (-1: none yet) and the text. */
static bool
form_draft_save(struct ui *ui, struct view *view, struct draft *d)
{
	struct form *f = view->data;
	char number[16];

	if (!form_changed(f))
		return false;
	ui_draft_label(d, _("Lending and services"));
	d->target_id = f->id;
	snprintf(number, sizeof number, "%d", f->direction);
	draft_set(d, "direction", number);
	snprintf(number, sizeof number, "%d", f->nature);
	draft_set(d, "nature", number);
	ui_draft_field(d, "title", &f->title);
	ui_draft_field(d, "body", &f->body);
	return true;
}

static int
form_draft_open(struct ui *ui, struct view *view, const struct draft *d)
{
	struct form *f;
	int64_t direction = ui_draft_number(d, "direction"),
	    nature = ui_draft_number(d, "nature");

	form_enter(ui, view, NULL);
	f = view->data;
	f->id = d->target_id;
	f->direction = direction == 0 || direction == 1 ? (int)direction : -1;
	f->nature = nature == 0 || nature == 1 ? (int)nature : -1;
	editor_set(&f->title, ui_draft_text(d, "title"));
	editor_set(&f->body, ui_draft_text(d, "body"));
	/* Taken up again, it is asked about before Escape throws it away. */
	f->body.changed = true;
	f->focus = FORM_BODY;
	return 0;
}

const struct screen lending_form_screen = {
	.name = "lending_form",
	.title = form_title,
	.enter = form_enter,
	.draw = form_draw,
	.key = form_key,
	.leave = form_leave,
	.keys = form_keys,
	.draft_save = form_draft_save,
	.draft_open = form_draft_open,
	.help = N_("Say first whether you lend (or offer a service) or look "
	    "for something, with 1 or 2, then whether it is an object or a "
	    "service, then a short title (\"Drill\", \"Help to move a "
	    "sofa\") and, if you like, a description: how long, what comes "
	    "with it, when you are free. F2 (or Ctrl-S) saves, Tab goes from "
	    "one field to the next, Esc leaves; you will be asked before a "
	    "draft is thrown away. While a neighbour's request is open, only "
	    "the title and the description can change."),
};

/*
 * My loans: everything the viewer lends, borrows, asked or was asked,
 * overdue first; h adds the past.  Two lines a loan: the item and its
 * state, then who with and what comes next.
 */

struct loans_view {
	bool		 history;
	struct loan	*loans;
	size_t		 n;
	size_t		 selected;
	size_t		 top;
};

static const struct ui_keyhelp loans_keys[] = {
	{ N_("Enter"), N_("Act"), true },
	{ "o", N_("Open the item"), true },
	{ "m", N_("Merci"), true },
	{ "h", N_("History"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ "r", N_("Mark returned (or done)"), false },
	{ "c", N_("Withdraw your request"), false },
	{ NULL, NULL, false },
};

static void
loans_load(struct ui *ui, struct loans_view *lv)
{
	int rc;

	loan_list_free(lv->loans, lv->n);
	lv->loans = NULL;
	lv->n = 0;
	rc = store_loans_mine(ui->store, &ui->viewer, lv->history, &lv->loans,
	    &lv->n);
	if (rc != STORE_OK)
		ui_store_error(ui, rc);
	if (lv->selected >= lv->n)
		lv->selected = lv->n > 0 ? lv->n - 1 : 0;
}

static int
loans_enter(struct ui *ui, struct view *view, void *arg)
{
	struct loans_view *lv = xcalloc(1, sizeof *lv);

	view->data = lv;
	loans_load(ui, lv);
	return 0;
}

static void
loans_leave(struct ui *ui, struct view *view)
{
	struct loans_view *lv = view->data;

	loan_list_free(lv->loans, lv->n);
	free(lv);
}

static void
loans_resume(struct ui *ui, struct view *view)
{
	loans_load(ui, view->data);
}

static const char *
loans_title(struct ui *ui, struct view *view)
{
	return _("My loans");
}

static const char *
loans_status_word(const struct loan *l)
{
	switch (l->status) {
	case LOAN_REQUESTED:
		return _("Asked");
	case LOAN_ACCEPTED:
		return l->overdue ? _("Overdue") : _("In progress");
	case LOAN_RETURNED:
		return l->nature == LENDING_SERVICE ? _("Done") : _("Returned");
	case LOAN_DECLINED:
		return _("Declined");
	case LOAN_CANCELLED:
		return _("Withdrawn");
	}
	return "";
}

static void
loans_draw_row(struct ui *ui, const struct loan *l, int y, bool selected)
{
	char line[1024], phrase[256];
	const char *word;
	int base, w, used;

	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	ui_fill(ui, y, 0, ui->cols, base);
	ui_fill(ui, y + 1, 0, ui->cols, base);
	word = loans_status_word(l);
	w = text_width(word) + 1;
	ui_text_cut(ui, y, 2, ui->cols - 4 - w, l->item_title,
	    base | A_BOLD);
	ui_text_right(ui, y, ui->cols - 1 - w, w, word, selected ? base :
	    ui_attr(ui, l->overdue ? UI_ATTR_ERROR : UI_ATTR_INFO));
	if (l->nature == LENDING_SERVICE)
		used = snprintf(line, sizeof line, l->i_lend ? _("You help %s") :
		    _("%s helps you"), loan_other(l));
	else
		used = snprintf(line, sizeof line, l->i_lend ?
		    _("You lend to %s") : _("%s lends to you"), loan_other(l));
	loan_phrase(l, phrase, sizeof phrase);
	used += snprintf(line + used, sizeof line - used, " · %s", phrase);
	if (loan_merci_due(l, ui->viewer.resident_id))
		snprintf(line + used, sizeof line - used, " · %s",
		    _("m: say merci"));
	else if (l->i_decide && l->status == LOAN_REQUESTED)
		snprintf(line + used, sizeof line - used, " · %s",
		    _("Enter: answer"));
	ui_text_cut(ui, y + 1, 4, ui->cols - 6, line, selected ? base :
	    ui_attr(ui, UI_ATTR_DIM));
}

static int
loans_per_page(struct ui *ui)
{
	int n = (ui_body_rows(ui) - 2) / 2;

	return n > 1 ? n : 1;
}

static void
loans_draw(struct ui *ui, struct view *view)
{
	struct loans_view *lv = view->data;
	int y = ui_body_top(ui), rows = loans_per_page(ui);
	size_t i;

	ui_text(ui, y, 1, ui->cols - 2, lv->history ?
	    _("All my loans, on both sides, with the past") :
	    _("My loans in progress and the requests waiting"),
	    ui_attr(ui, UI_ATTR_TITLE));
	ui_text(ui, y + 1, 1, ui->cols - 2, lv->history ?
	    _("h: only what is in progress") : _("h: show the past too"),
	    ui_attr(ui, UI_ATTR_DIM));
	y += 2;
	if (lv->n == 0) {
		ui_paragraph(ui, y + 1, 4, 3, ui->cols - 8, lv->history ?
		    _("You have not lent or borrowed anything yet.") :
		    _("Nothing in progress. Press h to see your past loans."),
		    A_NORMAL);
		return;
	}
	if (lv->selected < lv->top)
		lv->top = lv->selected;
	if (lv->selected >= lv->top + (size_t)rows)
		lv->top = lv->selected - (size_t)rows + 1;
	for (i = lv->top; i < lv->n && i < lv->top + (size_t)rows; i++)
		loans_draw_row(ui, &lv->loans[i], y + 2 * (int)(i - lv->top),
		    i == lv->selected);
}

static enum ui_result
loans_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct loans_view *lv = view->data;
	const struct loan *l = lv->selected < lv->n ?
	    &lv->loans[lv->selected] : NULL;
	size_t page = (size_t)loans_per_page(ui);
	bool changed = false;

	switch (key->code) {
	case KEY_UP:
		if (lv->selected > 0)
			lv->selected--;
		return UI_HANDLED;
	case KEY_DOWN:
		if (lv->selected + 1 < lv->n)
			lv->selected++;
		return UI_HANDLED;
	case KEY_NPAGE:
		lv->selected = lv->selected + page < lv->n ?
		    lv->selected + page : lv->n > 0 ? lv->n - 1 : 0;
		return UI_HANDLED;
	case KEY_PPAGE:
		lv->selected = lv->selected > page ? lv->selected - page : 0;
		return UI_HANDLED;
	case KEY_HOME:
		lv->selected = 0;
		return UI_HANDLED;
	case KEY_END:
		lv->selected = lv->n > 0 ? lv->n - 1 : 0;
		return UI_HANDLED;
	}
	if (ui_key_is_back(key) || key->code == KEY_LEFT) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'h') || ui_key_is_char(key, 'H')) {
		lv->history = !lv->history;
		lv->selected = lv->top = 0;
		loans_load(ui, lv);
		return UI_HANDLED;
	}
	if (l == NULL)
		return UI_IGNORED;
	if (ui_key_is_enter(key))
		changed = loan_actions(ui, l);
	else if (ui_key_is_char(key, 'o') || ui_key_is_char(key, 'O') ||
	    key->code == KEY_RIGHT) {
		ui_push(ui, &lending_item_screen, &(int64_t){ l->item_id });
		return UI_HANDLED;
	} else if (ui_key_is_char(key, 'r') || ui_key_is_char(key, 'm') ||
	    ui_key_is_char(key, 'c'))
		changed = loan_shortcut(ui, l, key->ch);
	else
		return UI_IGNORED;
	if (changed) {
		loans_load(ui, lv);
		ui_refresh_counts(ui);
	}
	return UI_HANDLED;
}

static const struct screen loans_screen = {
	.name = "loans",
	.title = loans_title,
	.enter = loans_enter,
	.draw = loans_draw,
	.key = loans_key,
	.resume = loans_resume,
	.leave = loans_leave,
	.keys = loans_keys,
	.help = N_("Everything you lend or borrow, the services you give or "
	    "receive, and the requests waiting, on both sides: overdue loans "
	    "first, then those in progress, then the requests. Press Enter "
	    "on a loan to see what you can do: accept or decline a request "
	    "sent to you, mark something returned (r), say merci (m) once "
	    "it is back, withdraw your own request (c), or write to the "
	    "neighbour. o opens the item; h shows the past loans too."),
};
