/*
 * email.c - "E-mail notices", from the profile: the one e-mail address a
 * resident may give, verified by the code sent there, and what Quartier
 * sends to it for each kind of notice (at once, in the digest, never),
 * with the digest's rhythm and hour.  Every change is saved at once;
 * nothing else is sent to an address before its code is typed here.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "when.h"

struct email_view {
	struct email_address	 address;
	struct mail_choices	 choices;
};

static const struct ui_keyhelp email_keys[] = {
	{ "a", N_("Address"), true },
	{ "c", N_("Code"), true },
	{ "d", N_("Remove"), true },
	{ "1-9", N_("Change"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ NULL, NULL, false },
};

/* The kinds of notice, in enum mail_kind's order. */
static const char *const kind_labels[MAIL_KINDS] = {
	N_("A private message"),
	N_("A reply to my post, ad, offer or event"),
	N_("A loan asked, accepted, due or overdue"),
	N_("My event changed, cancelled, a place for me"),
	N_("An alert of my quartier"),
	N_("What moderation did to my content"),
};

static const char *
delivery_label(enum mail_delivery d)
{
	switch (d) {
	case DELIVERY_NOW:
		return _("at once");
	case DELIVERY_DIGEST:
		return _("in the digest");
	case DELIVERY_NEVER:
		break;
	}
	return _("never");
}

static const char *
digest_label(enum digest_rhythm r)
{
	switch (r) {
	case DIGEST_DAILY:
		return _("every day");
	case DIGEST_WEEKLY:
		return _("every week (Monday)");
	case DIGEST_NEVER:
		break;
	}
	return _("never");
}

static const char *
email_title(struct ui *ui, struct view *view)
{
	return _("E-mail notices");
}

static void
email_load(struct ui *ui, struct email_view *ev)
{
	int rc;

	email_address_clear(&ev->address);
	if ((rc = store_email_get(ui->store, &ui->viewer, &ev->address)) !=
	    STORE_OK ||
	    (rc = store_mail_choices_get(ui->store, &ui->viewer,
	    &ev->choices)) != STORE_OK)
		ui_store_error(ui, rc);
}

static int
email_enter(struct ui *ui, struct view *view, void *arg)
{
	struct email_view *ev = xcalloc(1, sizeof *ev);

	mail_choices_default(&ev->choices);
	view->data = ev;
	email_load(ui, ev);
	return 0;
}

static void
email_leave(struct ui *ui, struct view *view)
{
	struct email_view *ev = view->data;

	email_address_clear(&ev->address);
	free(ev);
}

/* One numbered line: KEY, LABEL, and VALUE in a column of its own. */
static void
email_row(struct ui *ui, int y, int key, const char *label,
    const char *value)
{
	int x = 4, value_x = ui->cols > 76 ? 56 : ui->cols - 20;
	char number[12];

	snprintf(number, sizeof number, "%d", key);
	ui_text(ui, y, x, 2, number, A_BOLD);
	ui_text_cut(ui, y, x + 3, value_x - x - 4, label, A_NORMAL);
	ui_text_cut(ui, y, value_x, ui->cols - value_x - 1, value,
	    A_NORMAL);
}

static void
email_draw(struct ui *ui, struct view *view)
{
	struct email_view *ev = view->data;
	const struct mail_choices *c = &ev->choices;
	int y = ui_body_top(ui) + 1, x = 4, cols = ui->cols - 8, i;
	char hour[32], *line;

	ui_text(ui, y, x, 12, _("Address:"), A_BOLD);
	if (ev->address.address == NULL)
		ui_text(ui, y, x + 12, cols - 12, _("none: a adds one"),
		    ui_attr(ui, UI_ATTR_DIM));
	else {
		line = xasprintf(ev->address.verified ? _("%s (verified)") :
		    _("%s (waiting for its code: c to type it)"),
		    ev->address.address);
		ui_text_cut(ui, y, x + 12, cols - 12, line, A_NORMAL);
		free(line);
	}
	y += 2;
	ui_text(ui, y++, x, cols, _("a  Add or change the address   "
	    "c  Type the code   d  Remove it"), A_NORMAL);
	y++;
	ui_text(ui, y++, x, cols, _("What is sent, and when"),
	    ui_attr(ui, UI_ATTR_TITLE));
	for (i = 0; i < MAIL_KINDS; i++)
		email_row(ui, y++, i + 1, _(kind_labels[i]),
		    delivery_label(c->delivery[i]));
	y++;
	email_row(ui, y++, 7, _("The digest"), digest_label(c->digest));
	snprintf(hour, sizeof hour, _("%d h"), c->digest_hour);
	email_row(ui, y++, 8, _("Hour of the digest"), hour);
	email_row(ui, y++, 9, _("A message's own text in the e-mail"),
	    c->message_text ? _("yes") : _("no (who wrote, and the subject)"));
	y++;
	ui_paragraph(ui, y, x, 2, cols, _("Nobody else sees your address. "
	    "Nothing is sent to it before its code is typed here."),
	    ui_attr(ui, UI_ATTR_DIM));
}

static void
email_save(struct ui *ui, struct email_view *ev)
{
	int rc;

	if ((rc = store_mail_choices_set(ui->store, &ui->viewer,
	    &ev->choices)) != STORE_OK)
		ui_store_error(ui, rc);
	email_load(ui, ev);
}

static void
email_set_address(struct ui *ui, struct email_view *ev)
{
	char *typed;
	int rc;

	typed = ui_prompt(ui, _("Your e-mail address:"), ev->address.address,
	    false, EMAIL_ADDRESS_MAX);
	if (typed == NULL)
		return;
	rc = store_email_set(ui->store, &ui->viewer, typed);
	free(typed);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	email_load(ui, ev);
	ui_message(ui, _("A code is on its way to %s: type it here with c."),
	    ev->address.address);
}

static void
email_type_code(struct ui *ui, struct email_view *ev)
{
	char *typed;
	int rc;

	if (ev->address.address == NULL || ev->address.verified) {
		ui_error(ui, "%s", _("No code is waiting: add your e-mail "
		    "address first."));
		return;
	}
	typed = ui_prompt(ui, _("The code from the e-mail (8 digits):"), NULL,
	    false, 32);
	if (typed == NULL)
		return;
	rc = store_email_confirm(ui->store, &ui->viewer, typed);
	free(typed);
	email_load(ui, ev);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	ui_message(ui, "%s", _("Your address is verified: the notices you "
	    "chose will be sent there."));
}

static void
email_remove(struct ui *ui, struct email_view *ev)
{
	int rc;

	if (ev->address.address == NULL) {
		ui_error(ui, "%s", _("You have no e-mail address here."));
		return;
	}
	if (!ui_confirm(ui, _("Remove your e-mail address? Nothing more "
	    "will be sent to it.")))
		return;
	if ((rc = store_email_remove(ui->store, &ui->viewer)) != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	email_load(ui, ev);
	ui_message(ui, "%s", _("Your e-mail address was removed."));
}

static void
email_choose_hour(struct ui *ui, struct email_view *ev)
{
	char labels[24][16];
	const char *options[24];
	int i, choice;

	for (i = 0; i < 24; i++) {
		snprintf(labels[i], sizeof labels[i], _("%d h"), i);
		options[i] = labels[i];
	}
	choice = ui_choose(ui, _("Hour of the digest"), options, 24,
	    ev->choices.digest_hour);
	if (choice < 0)
		return;
	ev->choices.digest_hour = choice;
	email_save(ui, ev);
}

static enum ui_result
email_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct email_view *ev = view->data;
	struct mail_choices *c = &ev->choices;
	int i;

	for (i = 0; i < MAIL_KINDS; i++) {
		if (ui_key_is_char(key, (wint_t)('1' + i))) {
			c->delivery[i] = (c->delivery[i] + 1) % 3;
			email_save(ui, ev);
			return UI_HANDLED;
		}
	}
	if (ui_key_is_char(key, 'a'))
		email_set_address(ui, ev);
	else if (ui_key_is_char(key, 'c'))
		email_type_code(ui, ev);
	else if (ui_key_is_char(key, 'd'))
		email_remove(ui, ev);
	else if (ui_key_is_char(key, '7')) {
		c->digest = (c->digest + 1) % 3;
		email_save(ui, ev);
	} else if (ui_key_is_char(key, '8'))
		email_choose_hour(ui, ev);
	else if (ui_key_is_char(key, '9')) {
		c->message_text = !c->message_text;
		email_save(ui, ev);
	} else if (ui_key_is_back(key))
		ui_pop(ui);
	else
		return UI_IGNORED;
	return UI_HANDLED;
}

const struct screen email_screen = {
	.name = "email",
	.title = email_title,
	.enter = email_enter,
	.draw = email_draw,
	.key = email_key,
	.leave = email_leave,
	.keys = email_keys,
	.help = N_("E-mail notices: give one e-mail address with a, then "
	    "type here with c the code Quartier sends to it; until then "
	    "nothing else is sent there. Keys 1 to 6 change what each kind "
	    "of notice does: sent at once, kept for the digest, or never. "
	    "7 and 8 set the digest's rhythm and hour, 9 whether a private "
	    "message's own text is put in the e-mail. d removes the "
	    "address. Every e-mail says how to stop them."),
};
