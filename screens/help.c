/*
 * help.c - the help page of the screen below it: what that screen is for,
 * then every key it knows, from the same table its key bar is drawn from.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui.h"

static const struct ui_keyhelp help_keys[] = {
	{ "q", N_("Back"), true },
	{ NULL, NULL, false },
};

static int
help_enter(struct ui *ui, struct view *view, void *arg)
{
	view->data = arg;	/* the view whose help this is */
	return 0;
}

static const char *
help_title(struct ui *ui, struct view *view)
{
	return _("Help");
}

static void
help_draw(struct ui *ui, struct view *view)
{
	const struct view *of = view->data;
	const struct ui_keyhelp *k;
	int y = ui_body_top(ui) + 1, x = 4, bottom = ui->rows - 3;

	if (of->screen->help != NULL)
		y += ui_paragraph(ui, y, x, bottom - y - 4, ui->cols - 2 * x,
		    _(of->screen->help), A_NORMAL) + 1;
	ui_text(ui, y++, x, ui->cols - 2 * x, _("Keys"),
	    ui_attr(ui, UI_ATTR_TITLE));
	for (k = of->screen->keys; k != NULL && k->key != NULL && y < bottom;
	    k++, y++) {
		ui_text(ui, y, x + 2, 14, _(k->key), A_BOLD);
		ui_text(ui, y, x + 18, ui->cols - x - 19, _(k->what), A_NORMAL);
	}
	if (y < bottom)
		ui_text(ui, y, x + 2, ui->cols - 2 * x, _("F1 or ? opens this "
		    "help on every screen; Esc or q goes back."),
		    ui_attr(ui, UI_ATTR_DIM));
}

static enum ui_result
help_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	if (key->code != UI_KEY_PASTE)
		ui_pop(ui);
	return UI_HANDLED;
}

const struct screen help_screen = {
	.name = "help",
	.title = help_title,
	.enter = help_enter,
	.draw = help_draw,
	.key = help_key,
	.keys = help_keys,
};
