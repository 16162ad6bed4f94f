/*
 * lending-item.c - one item of the lending board with its requests and
 * loans.
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
	    lending_direction_label(l->direction), lending_nature_label(l->nature),
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
	.changes = CHANGE_LENDING,
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
