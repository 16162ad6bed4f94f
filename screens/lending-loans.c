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

const struct screen lending_loans_screen = {
	.name = "loans",
	.title = loans_title,
	.enter = loans_enter,
	.draw = loans_draw,
	.key = loans_key,
	.resume = loans_resume,
	.changes = CHANGE_LENDING,
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
