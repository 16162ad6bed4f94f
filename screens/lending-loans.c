/*
 * lending-loans.c - "My loans": every loan a resident takes part in, on
 * both sides.
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
 * My loans: everything the viewer lends, borrows, asked or was asked,
 * overdue first; h adds the past.  Two lines a loan: the item and its
 * state, then who with and what comes next.
 */

struct loans_view {
	struct ui_list	 list;		/* of struct loan */
	bool		 history;
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

static int
loans_per_page(struct ui *ui)
{
	int n = (ui_body_rows(ui) - 2) / 2;

	return n > 1 ? n : 1;
}

/* The resident's loans, given whole: overdue first. */
static int
loans_fetch(struct ui *ui, struct ui_list *l, void **rows, size_t *n)
{
	struct loans_view *lv = (struct loans_view *)l;

	return store_loans_mine(ui->store, &ui->viewer, lv->history,
	    (struct loan **)rows, n);
}

static int
loans_row_lines(struct ui *ui, const void *row)
{
	(void)ui;
	(void)row;
	return 2;
}

static int64_t
loans_row_id(const void *row)
{
	return ((const struct loan *)row)->id;
}

/* Enter: what can be done with the chosen loan. */
static void
loans_open(struct ui *ui, struct ui_list *l, void *row)
{
	if (loan_actions(ui, row)) {
		ui_list_reload(ui, l);
		ui_refresh_counts(ui);
	}
}

static void
loans_free_rows(void *rows, size_t n)
{
	loan_list_free(rows, n);
}

static void loans_draw_row(struct ui *, struct ui_list *, const void *, int,
    bool, void *);

static const struct ui_list_ops loans_ops = {
	.row_size = sizeof(struct loan),
	.page_rows = loans_per_page,
	.fetch_whole = loans_fetch,
	.row_lines = loans_row_lines,
	.row_id = loans_row_id,
	.draw_row = loans_draw_row,
	.open = loans_open,
	.free_rows = loans_free_rows,
};

static int
loans_enter(struct ui *ui, struct view *view, void *arg)
{
	(void)arg;
	ui_list_enter(ui, view, &loans_ops, sizeof(struct loans_view));
	return 0;
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
loans_draw_row(struct ui *ui, struct ui_list *list, const void *row, int y,
    bool selected, void *ctx)
{
	const struct loan *l = row;
	char line[1024], phrase[256];
	const char *word;
	int base, w, used;

	(void)list;
	(void)ctx;
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

static void
loans_draw(struct ui *ui, struct view *view)
{
	struct loans_view *lv = view->data;
	int y = ui_body_top(ui);

	ui_text(ui, y, 1, ui->cols - 2, lv->history ?
	    _("All my loans, on both sides, with the past") :
	    _("My loans in progress and the requests waiting"),
	    ui_attr(ui, UI_ATTR_TITLE));
	ui_text(ui, y + 1, 1, ui->cols - 2, lv->history ?
	    _("h: only what is in progress") : _("h: show the past too"),
	    ui_attr(ui, UI_ATTR_DIM));
	y += 2;
	if (lv->list.n == 0) {
		ui_paragraph(ui, y + 1, 4, 3, ui->cols - 8, lv->history ?
		    _("You have not lent or borrowed anything yet.") :
		    _("Nothing in progress. Press h to see your past loans."),
		    A_NORMAL);
		return;
	}
	ui_list_draw(ui, &lv->list, y, y + 2 * loans_per_page(ui), NULL);
}

static enum ui_result
loans_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct loans_view *lv = view->data;
	const struct loan *l = ui_list_selected(&lv->list);

	if (ui_key_is_back(key) || key->code == KEY_LEFT) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	/* Right opens the item, as o does; Enter acts on the loan. */
	if (l != NULL && (ui_key_is_char(key, 'o') ||
	    ui_key_is_char(key, 'O') || key->code == KEY_RIGHT)) {
		ui_push(ui, &lending_item_screen, &(int64_t){ l->item_id });
		return UI_HANDLED;
	}
	if (ui_list_key(ui, &lv->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'h') || ui_key_is_char(key, 'H')) {
		lv->history = !lv->history;
		ui_list_reload_first(ui, &lv->list);
		return UI_HANDLED;
	}
	if (l == NULL)
		return UI_IGNORED;
	if (ui_key_is_char(key, 'r') || ui_key_is_char(key, 'm') ||
	    ui_key_is_char(key, 'c')) {
		if (loan_shortcut(ui, l, key->ch)) {
			ui_list_reload(ui, &lv->list);
			ui_refresh_counts(ui);
		}
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

const struct screen lending_loans_screen = {
	.name = "loans",
	.title = loans_title,
	.enter = loans_enter,
	.draw = loans_draw,
	.key = loans_key,
	.resume = ui_list_resume,
	.changes = CHANGE_LENDING,
	.leave = ui_list_leave,
	.keys = loans_keys,
	.help = N_("Everything you lend or borrow, the services you give or "
	    "receive, and the requests waiting, on both sides: overdue loans "
	    "first, then those in progress, then the requests. Press Enter "
	    "on a loan to see what you can do: accept or decline a request "
	    "sent to you, mark something returned (r), say merci (m) once "
	    "it is back, withdraw your own request (c), or write to the "
	    "neighbour. o opens the item; h shows the past loans too."),
};
