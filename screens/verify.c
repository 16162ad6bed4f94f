/*
 * verify.c - the one screen of a pending resident: where they stand, the
 * three ways to be verified, and a field for the code of their letter.
 *
 * Nothing else is within reach from here, no board and no directory: a
 * pending resident has not shown yet that they live in the quartier.  The
 * screen reloads when the database changes, so that a resident watching
 * it while two neighbours vouch for them walks in as soon as they are
 * verified.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "when.h"

/* A code is "K7RX-M4PQ-2HWN"; room for spaces typed by mistake. */
#define VERIFY_CODE_MAX	32

#define VERIFY_X	3

struct verify {
	struct verify_state	 state;
	bool			 loaded;
	struct editor		 code;
};

static const struct ui_keyhelp verify_keys[] = {
	{ N_("Enter"), N_("Check the code"), true },
	{ N_("Esc"), N_("Log out"), true },
	{ "?", N_("Help"), true },
	{ NULL, NULL, false },
};

static const char *
verify_title(struct ui *ui, struct view *view)
{
	return _("Verification");
}

/*
 * The resident was verified (by their code, or meanwhile by neighbours or
 * a sysop): read their record again and open the quartier to them.  The
 * view is gone once this returns.
 */
static void
verify_welcome(struct ui *ui)
{
	struct resident me;
	int rc;

	if ((rc = store_resident_self(ui->store, &ui->viewer, &me))
	    != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	ui_login(ui, &me);
	resident_clear(&me);
	ui_message(ui, "%s", _("Welcome! Your address is verified: the "
	    "quartier is open to you."));
}

/* Read where the resident stands. */
static void
verify_fetch(struct ui *ui, struct verify *v)
{
	struct verify_rules rules;
	int rc;

	verify_rules_from_config(&rules, ui->config);
	verify_state_clear(&v->state);
	v->loaded = false;
	if ((rc = store_verify_state(ui->store, &ui->viewer, &rules,
	    &v->state)) != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	v->loaded = true;
}

/*
 * Read it again after a change, and act on a new status: verified opens
 * the quartier, suspended logs out.  Returns false when the view is gone.
 */
static bool
verify_reload(struct ui *ui, struct verify *v)
{
	verify_fetch(ui, v);
	if (!v->loaded)
		return true;
	if (v->state.status == RESIDENT_VERIFIED) {
		verify_welcome(ui);
		return false;
	}
	if (v->state.status == RESIDENT_SUSPENDED) {
		ui_logout(ui);
		ui_error(ui, "%s", _("Your account is suspended; your sysop "
		    "can tell you why."));
		return false;
	}
	return true;
}

static int
verify_enter(struct ui *ui, struct view *view, void *arg)
{
	struct verify *v = xcalloc(1, sizeof *v);

	editor_init(&v->code, false, VERIFY_CODE_MAX);
	view->data = v;
	verify_fetch(ui, v);
	return 0;
}

static void
verify_leave(struct ui *ui, struct view *view)
{
	struct verify *v = view->data;

	verify_state_clear(&v->state);
	editor_free(&v->code);
	free(v);
}

static void
verify_resume(struct ui *ui, struct view *view)
{
	verify_reload(ui, view->data);
}

/* Where the resident stands, in a sentence or two; returns the next row. */
static int
verify_draw_status(struct ui *ui, struct verify *v, int y, int cols)
{
	const char *quartier = v->state.quartier != NULL ?
	    v->state.quartier : ui->me.quartier;
	const char *city = v->state.city != NULL ? v->state.city : ui->me.city;
	char *text;

	if (v->state.moving)
		text = xasprintf(_("You are moving to %s (%s): your account is "
		    "waiting for verification of your new address. What you "
		    "wrote stays in your old quartier."), quartier, city);
	else
		text = xasprintf(_("Your account is waiting for verification "
		    "of your address in the quartier %s (%s). Until then, the "
		    "quartier stays closed to you."), quartier, city);
	y += ui_paragraph(ui, y, VERIFY_X, 3, cols, text, A_BOLD);
	free(text);
	return y + 1;
}

/* One of the three ways, its number hanging out on the left. */
static int
verify_way(struct ui *ui, int y, int number, const char *text, int rows,
    int cols)
{
	char label[8];

	snprintf(label, sizeof label, "%d.", number);
	ui_text(ui, y, VERIFY_X, 3, label, A_BOLD);
	return ui_paragraph(ui, y, VERIFY_X + 3, rows, cols - 3, text,
	    A_NORMAL);
}

/* The letter: its code field, or why it cannot be used. */
static int
verify_draw_letter(struct ui *ui, struct verify *v, int y, int cols)
{
	const struct verify_state *st = &v->state;
	char when[128], *text = NULL;
	int x = VERIFY_X + 3, attr = ui_attr(ui, UI_ATTR_DIM), width;

	y += verify_way(ui, y, 1, _("A letter with a code is posted to your "
	    "street address. Type its code here and press Enter:"), 2, cols);
	ui_text(ui, y, x, 8, _("Code:"), A_BOLD);
	width = VERIFY_CODE_MAX - 10;
	ui_fill(ui, y, x + 8, width, A_UNDERLINE);
	editor_draw(ui, &v->code, y, x + 8, 1, width, true);
	y++;
	if (!st->letter)
		text = xstrdup(_("Your letter has not been posted yet; it "
		    "will come in the next days."));
	else if (st->letter_locked) {
		text = xstrdup(_("Too many wrong codes: this letter is locked. "
		    "Please ask your sysop for a new letter."));
		attr = ui_attr(ui, UI_ATTR_ERROR);
	} else if (st->letter_expired) {
		text = xstrdup(_("The code of your letter has expired. Please "
		    "ask your sysop for a new letter."));
		attr = ui_attr(ui, UI_ATTR_ERROR);
	} else {
		when_format_moment(when, sizeof when, st->letter_expires_at);
		text = xasprintf(ngettext("Valid until %s; %d try left.",
		    "Valid until %s; %d tries left.", st->letter_tries_left),
		    when, st->letter_tries_left);
	}
	y += ui_paragraph(ui, y, x, 2, cols - 3, text, attr);
	free(text);
	return y + 1;
}

static void
verify_draw(struct ui *ui, struct view *view)
{
	struct verify *v = view->data;
	int y = ui_body_top(ui) + 1, cols = ui->cols - 2 * VERIFY_X;
	char *text;

	y = verify_draw_status(ui, v, y, cols);
	ui_text(ui, y++, VERIFY_X, cols, _("There are three ways to be "
	    "verified:"), ui_attr(ui, UI_ATTR_TITLE));
	y = verify_draw_letter(ui, v, y, cols);
	text = xasprintf(ngettext("%d neighbour who knows you vouches for you "
	    "from their \"Neighbours waiting\" screen. Vouches so far: %d of "
	    "%d.", "%d neighbours who know you vouch for you from their "
	    "\"Neighbours waiting\" screen. Vouches so far: %d of %d.",
	    v->state.vouches_needed), v->state.vouches_needed,
	    v->state.vouches, v->state.vouches_needed);
	y += verify_way(ui, y, 2, text, 3, cols) + 1;
	free(text);
	verify_way(ui, y, 3, _("In person, at the community centre or with "
	    "your sysop, with a proof of address (a bill or a rent receipt)."),
	    3, cols);
}

static void
verify_check(struct ui *ui, struct verify *v)
{
	struct verify_rules rules;
	int rc;

	if (editor_empty(&v->code)) {
		ui_error(ui, "%s", _("Type the code printed in your letter, "
		    "then press Enter."));
		return;
	}
	verify_rules_from_config(&rules, ui->config);
	rc = store_letter_check(ui->store, &ui->viewer, &rules,
	    editor_text(&v->code));
	switch (rc) {
	case STORE_OK:
		verify_welcome(ui);
		return;
	case STORE_INVALID:
		/* Wrong or expired: the store says which, and tries left. */
		editor_set(&v->code, "");
		if (!verify_reload(ui, v))
			return;
		ui_error(ui, "%s", store_detail(ui->store));
		return;
	case STORE_DENIED:
		/* Locked by wrong codes: only a new letter helps. */
		editor_set(&v->code, "");
		if (!verify_reload(ui, v))
			return;
		ui_error(ui, "%s", store_detail(ui->store));
		return;
	default:
		ui_store_error(ui, rc);
		return;
	}
}

static enum ui_result
verify_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct verify *v = view->data;

	if (ui_key_is_enter(key)) {
		verify_check(ui, v);
		return UI_HANDLED;
	}
	/* Only Esc leaves: a code may start with a Q, typed small. */
	if (ui_key_is_char(key, UI_KEY_ESC)) {
		if (ui_confirm(ui, _("Log out?")))
			ui_logout(ui);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '?'))
		return UI_IGNORED;	/* the frame's help */
	return editor_key(ui, &v->code, key);
}

const struct screen verify_screen = {
	.name = "verify",
	.title = verify_title,
	.enter = verify_enter,
	.draw = verify_draw,
	.key = verify_key,
	.resume = verify_resume,
	.changes = CHANGE_RESIDENTS,
	.leave = verify_leave,
	.keys = verify_keys,
	.help = N_("Your quartier is only open to residents who live in it, "
	    "so your address must be verified first, in one of three ways: "
	    "type the code of the letter posted to your address; or ask "
	    "neighbours who know you to vouch for you from their \"Neighbours "
	    "waiting\" screen; or show a proof of address at the community "
	    "centre or to your sysop. As soon as you are verified, this screen "
	    "opens the quartier to you."),
};
