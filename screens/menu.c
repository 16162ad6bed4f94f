/*
 * menu.c - the main menu of a quartier.  The boards keep the same numbers
 * everywhere and always: 1 is the wall; the others come with their boards.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui.h"

struct menu_entry {
	wint_t			 key;
	const char		*label;		/* N_() */
	const struct screen	*screen;	/* NULL: log out */
	int			 (*unread)(struct ui *);
};

static int
menu_wall_unread(struct ui *ui)
{
	return ui->counts.wall_unread;
}

static const struct menu_entry menu_entries[] = {
	{ '1', N_("Neighbourhood wall"), &wall_screen, menu_wall_unread },
	{ 'p', N_("My profile"), &profile_screen, NULL },
	{ 'q', N_("Log out"), NULL, NULL },
};
#define MENU_COUNT (sizeof menu_entries / sizeof menu_entries[0])

struct menu {
	size_t	 selected;
};

static const struct ui_keyhelp menu_keys[] = {
	{ "1", N_("Wall"), true },
	{ "p", N_("Profile"), true },
	{ "q", N_("Log out"), true },
	{ N_("Enter"), N_("Open"), true },
	{ "?", N_("Help"), true },
	{ NULL, NULL, false },
};

static int
menu_enter(struct ui *ui, struct view *view, void *arg)
{
	view->data = xcalloc(1, sizeof(struct menu));
	return 0;
}

static void
menu_leave(struct ui *ui, struct view *view)
{
	free(view->data);
}

static void
menu_resume(struct ui *ui, struct view *view)
{
	ui_refresh_counts(ui);
}

static void
menu_draw(struct ui *ui, struct view *view)
{
	struct menu *m = view->data;
	const struct menu_entry *e;
	char line[256], when[128];
	int y = ui_body_top(ui) + 1, x = 4, n, attr, width = 52;
	size_t i;

	snprintf(line, sizeof line, _("Hello %s!"), ui->me.display_name);
	ui_text(ui, y, x, ui->cols - 2 * x, line, ui_attr(ui, UI_ATTR_TITLE));
	snprintf(line, sizeof line, _("Your quartier: %s, %s"),
	    ui->me.quartier, ui->me.city);
	ui_text(ui, y + 1, x, ui->cols - 2 * x, line, A_NORMAL);
	y += 4;
	for (i = 0; i < MENU_COUNT; i++) {
		e = &menu_entries[i];
		attr = i == m->selected ? ui_attr(ui, UI_ATTR_SELECTED) :
		    (int)A_NORMAL;
		ui_fill(ui, y, x, width, attr);
		snprintf(line, sizeof line, " %lc   %s", (wint_t)e->key,
		    _(e->label));
		ui_text(ui, y, x, width, line, attr);
		if (e->unread != NULL && (n = e->unread(ui)) > 0) {
			snprintf(line, sizeof line, ngettext("%d unread ",
			    "%d unread ", n), n);
			ui_text_right(ui, y, x, width, line,
			    attr | ui_attr(ui, UI_ATTR_UNREAD));
		}
		/* A gap before profile and log out, after the boards. */
		y += i == 0 ? 2 : 1;
	}
	if (ui->me.last_login_at > 0) {
		ui_date_long(when, sizeof when, ui->me.last_login_at);
		snprintf(line, sizeof line, _("Previous visit: %s"), when);
		ui_text(ui, ui->rows - 4, x, ui->cols - 2 * x, line,
		    ui_attr(ui, UI_ATTR_DIM));
	}
}

static void
menu_open(struct ui *ui, const struct menu_entry *e)
{
	if (e->screen != NULL)
		ui_push(ui, e->screen, NULL);
	else if (ui_confirm(ui, _("Log out?")))
		ui_logout(ui);
}

static enum ui_result
menu_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct menu *m = view->data;
	size_t i;

	if (key->code == KEY_UP) {
		m->selected = m->selected > 0 ? m->selected - 1 : MENU_COUNT - 1;
		return UI_HANDLED;
	}
	if (key->code == KEY_DOWN) {
		m->selected = (m->selected + 1) % MENU_COUNT;
		return UI_HANDLED;
	}
	if (ui_key_is_enter(key)) {
		menu_open(ui, &menu_entries[m->selected]);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, UI_KEY_ESC)) {
		menu_open(ui, &menu_entries[MENU_COUNT - 1]);
		return UI_HANDLED;
	}
	for (i = 0; i < MENU_COUNT; i++) {
		if (key->code == 0 && (key->ch == menu_entries[i].key ||
		    (menu_entries[i].key >= 'a' && menu_entries[i].key <= 'z' &&
		    key->ch == menu_entries[i].key - 'a' + 'A'))) {
			m->selected = i;
			menu_open(ui, &menu_entries[i]);
			return UI_HANDLED;
		}
	}
	return UI_IGNORED;
}

const struct screen menu_screen = {
	.name = "menu",
	.enter = menu_enter,
	.draw = menu_draw,
	.key = menu_key,
	.resume = menu_resume,
	.leave = menu_leave,
	.keys = menu_keys,
	.help = N_("Choose a board with its number, or move with the arrows "
	    "and press Enter. The number of messages you have not read yet "
	    "is shown beside each board and in the top line."),
};
