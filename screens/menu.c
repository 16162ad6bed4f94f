/*
 * menu.c - the main menu of a quartier.  The boards keep the same numbers
 * everywhere and always: 1 is the wall; the others come with their boards.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui.h"
#include "when.h"

struct menu;

#define MENU_MAX	32	/* entries, boards and the rest */

struct menu_entry {
	wint_t			 key;
	const char		*label;		/* N_() */
	const struct screen	*screen;	/* NULL: log out */
	/* What waits there, right-aligned ("3 unread"); NULL for nothing. */
	void			 (*news)(struct ui *, char *, size_t);
	/* How many wait, shown in brackets; NULL for none. */
	int			 (*waiting)(const struct menu *);
	/* Whether this resident gets the entry; NULL for everyone. */
	bool			 (*shown)(struct ui *);
	bool			 board;		/* a gap follows the boards */
};

struct menu {
	struct menu_entry entries[MENU_MAX];	/* the boards, then the rest */
	size_t	 count;
	size_t	 selected;		/* index in ENTRIES */
	int	 neighbours_waiting;
	int	 reports_open;		/* for moderators and sysops */
};

static int
menu_neighbours_waiting(const struct menu *m)
{
	return m->neighbours_waiting;
}

/* Only verified residents vouch; the pending never see the menu anyway. */
static bool
menu_verified(struct ui *ui)
{
	return ui->me.status == RESIDENT_VERIFIED;
}

static int
menu_reports_open(const struct menu *m)
{
	return m->reports_open;
}

/* Moderation is for verified moderators and sysops only. */
static bool
menu_moderator(struct ui *ui)
{
	return ui->me.status == RESIDENT_VERIFIED &&
	    (ui->me.role == ROLE_MODERATOR || ui->me.role == ROLE_SYSOP);
}

/* What follows the boards (boards.c) on the menu. */
static const struct menu_entry menu_others[] = {
	{ 'v', N_("Neighbours waiting"), &neighbours_screen, NULL,
	  menu_neighbours_waiting, menu_verified, false },
	{ 'm', N_("Moderation"), &moderation_screen, NULL, menu_reports_open,
	  menu_moderator, false },
	{ 'p', N_("My profile"), &profile_screen, NULL, NULL, NULL, false },
	{ 'q', N_("Log out"), NULL, NULL, NULL, NULL, false },
};
#define MENU_OTHERS (sizeof menu_others / sizeof menu_others[0])


static const struct ui_keyhelp menu_keys[] = {
	{ "1-6", N_("Boards"), true },
	{ "v", N_("Neighbours"), true },
	{ "p", N_("Profile"), true },
	{ "/", N_("Search"), true },
	{ "q", N_("Log out"), true },
	{ "?", N_("Help"), true },
	{ N_("Enter"), N_("Open"), false },
	{ NULL, NULL, false },
};

static bool
menu_shown(struct ui *ui, const struct menu *m, size_t i)
{
	return m->entries[i].shown == NULL || m->entries[i].shown(ui);
}

/* The neighbours waiting in the resident's quartier, for their entry. */
static void
menu_count_waiting(struct ui *ui, struct menu *m)
{
	struct waiting_neighbour *list;
	size_t n;

	m->neighbours_waiting = 0;
	m->reports_open = 0;
	if (menu_moderator(ui))
		store_report_count(ui->store, &(struct actor){
		    ui->viewer.resident_id, NULL }, 0, &m->reports_open);
	if (!menu_verified(ui) ||
	    store_waiting_list(ui->store, &ui->viewer, &list, &n) != STORE_OK)
		return;
	m->neighbours_waiting = (int)n;
	waiting_list_free(list, n);
}

static int
menu_enter(struct ui *ui, struct view *view, void *arg)
{
	struct menu *m = xcalloc(1, sizeof *m);
	struct menu_entry *e;
	size_t i;

	view->data = m;
	for (i = 0; i < boards_count && m->count < MENU_MAX; i++) {
		if (boards[i].key == 0)
			continue;
		e = &m->entries[m->count++];
		e->key = boards[i].key;
		e->label = boards[i].label;
		e->screen = boards[i].list;
		e->news = boards[i].news;
		e->board = true;
	}
	for (i = 0; i < MENU_OTHERS && m->count < MENU_MAX; i++)
		m->entries[m->count++] = menu_others[i];
	menu_count_waiting(ui, m);
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
	menu_count_waiting(ui, view->data);
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
	for (i = 0; i < m->count; i++) {
		if (!menu_shown(ui, m, i))
			continue;
		e = &m->entries[i];
		attr = i == m->selected ? ui_attr(ui, UI_ATTR_SELECTED) :
		    (int)A_NORMAL;
		ui_fill(ui, y, x, width, attr);
		if (e->waiting != NULL && (n = e->waiting(m)) > 0)
			snprintf(line, sizeof line, " %lc   %s (%d)",
			    (wint_t)e->key, _(e->label), n);
		else
			snprintf(line, sizeof line, " %lc   %s", (wint_t)e->key,
			    _(e->label));
		ui_text(ui, y, x, width, line, attr);
		line[0] = '\0';
		if (e->news != NULL)
			e->news(ui, line, sizeof line);
		if (line[0] != '\0')
			ui_text_right(ui, y, x, width, line,
			    attr | ui_attr(ui, UI_ATTR_UNREAD));
		/* A gap after the boards, before everything else. */
		y += e->board && (i + 1 == m->count ||
		    !m->entries[i + 1].board) ? 2 : 1;
	}
	if (ui->last_visit_at > 0) {
		when_format_moment(when, sizeof when, ui->last_visit_at);
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

/* The next entry shown, STEP (1 or -1) away from I, wrapping around. */
static size_t
menu_move(struct ui *ui, const struct menu *m, size_t i, int step)
{
	size_t tries;

	for (tries = 0; tries < m->count; tries++) {
		i = (i + m->count + (size_t)step) % m->count;
		if (menu_shown(ui, m, i))
			break;
	}
	return i;
}

static enum ui_result
menu_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct menu *m = view->data;
	size_t i;

	if (key->code == KEY_UP) {
		m->selected = menu_move(ui, m, m->selected, -1);
		return UI_HANDLED;
	}
	if (key->code == KEY_DOWN) {
		m->selected = menu_move(ui, m, m->selected, 1);
		return UI_HANDLED;
	}
	if (ui_key_is_enter(key)) {
		menu_open(ui, &m->entries[m->selected]);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, UI_KEY_ESC)) {
		menu_open(ui, &m->entries[m->count - 1]);
		return UI_HANDLED;
	}
	for (i = 0; i < m->count; i++) {
		if (!menu_shown(ui, m, i))
			continue;
		if (key->code == 0 && (key->ch == m->entries[i].key ||
		    (m->entries[i].key >= 'a' && m->entries[i].key <= 'z' &&
		    key->ch == m->entries[i].key - 'a' + 'A'))) {
			m->selected = i;
			menu_open(ui, &m->entries[i]);
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
	    "and press Enter. Beside each board is what waits for you there: "
	    "posts you have not read, new ads and lending items since your "
	    "last visit, loans overdue or requests to answer, today's and "
	    "this week's events, new mail. New mail and overdue loans also "
	    "show in the top line, wherever you are. \"/\" searches all the "
	    "boards of your quartier. \"Neighbours waiting\" (v) lists the "
	    "people who signed up in your quartier and wait to be verified, "
	    "with their number in brackets. Moderators and sysops also have "
	    "\"Moderation\" (m), with the number of reports waiting."),
};
