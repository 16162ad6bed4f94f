/*
 * lending-loan.c - what the lending screens share: the words of items and
 * loans, and the steps of a loan (accept, decline, returned, merci,
 * withdraw, write), offered only where the store allows them.
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

/* Words the screens share. */

const char *
lending_direction_label(enum lending_direction d)
{
	/* TRANSLATORS: the marker of an offer on the board, short. */
	return d == LENDING_OFFER ? _("Lends") :
	    /* TRANSLATORS: the marker of a request on the board, short. */
	    _("Seeks");
}

const char *
lending_nature_label(enum lending_nature n)
{
	return n == LENDING_OBJECT ? _("Object") : _("Service");
}

/* Where an item stands, for everyone: "Lent to Karim until 3 December". */
void
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
const char *
loan_other(const struct loan *l)
{
	const char *name = l->i_lend ? l->borrower_name : l->lender_name;

	return name != NULL ? name : "";
}

bool
loan_merci_due(const struct loan *l, int64_t me)
{
	return l->borrower_id == me && l->merci_at == 0 &&
	    (l->status == LOAN_RETURNED || (l->nature == LENDING_SERVICE &&
	    l->status == LOAN_ACCEPTED));
}

/* The side that asked: not the author, whose item it is. */
bool
loan_i_asked(const struct loan *l, int64_t me)
{
	return !l->i_decide && (l->borrower_id == me || l->lender_id == me);
}

/* Where a loan stands, without names: "lent until 3 December". */
void
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

bool
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

bool
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

bool
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

bool
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

bool
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

void
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
bool
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
bool
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
