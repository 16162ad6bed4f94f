/*
 * boards.c - the boards of a quartier as data: one row per board says
 * what its items are called in the store, which key opens it from the
 * menu, which screens list it and show one of its items, what its menu
 * line says is new, where its search hits are grouped and what moderation
 * and the mail screen call its items.  The menu, the search results, the
 * mail screen's "about" links and moderation read this table; a new board
 * is a new row here (see doc/HACKING).
 */
#include "build-config.h"

#include <stdio.h>
#include <string.h>

#include "ui.h"

static void
wall_news(struct ui *ui, char *buf, size_t size)
{
	int n = ui->counts.wall_unread;
	char num[16];

	if (n > 0)
		snprintf(buf, size, ngettext("%s unread ", "%s unread ", n),
		    ui_count(n, num, sizeof num));
}

static void
classifieds_news(struct ui *ui, char *buf, size_t size)
{
	int n = ui->counts.classifieds_new;
	char num[16];

	if (n > 0)
		snprintf(buf, size, ngettext("%s new ad ", "%s new ads ", n),
		    ui_count(n, num, sizeof num));
}

static void
lending_news(struct ui *ui, char *buf, size_t size)
{
	const struct menu_counts *c = &ui->counts;
	char num[16];

	if (c->loans_overdue > 0)
		snprintf(buf, size, ngettext("%d overdue ", "%d overdue ",
		    c->loans_overdue), c->loans_overdue);
	else if (c->loans_waiting > 0)
		snprintf(buf, size, ngettext("%d request ", "%d requests ",
		    c->loans_waiting), c->loans_waiting);
	else if (c->lending_new > 0)
		snprintf(buf, size, ngettext("%s new ", "%s new ",
		    c->lending_new), ui_count(c->lending_new, num, sizeof num));
}

static void
events_news(struct ui *ui, char *buf, size_t size)
{
	const struct menu_counts *c = &ui->counts;

	if (c->events_today > 0)
		snprintf(buf, size, _("today %d · this week %d "),
		    c->events_today, c->events_week);
	else if (c->events_week > 0)
		snprintf(buf, size, _("this week %d "), c->events_week);
}

static void
mail_news(struct ui *ui, char *buf, size_t size)
{
	int n = ui->counts.mail_unread;
	char num[16];

	if (n > 0)
		snprintf(buf, size, ngettext("%s unread ", "%s unread ", n),
		    ui_count(n, num, sizeof num));
}

const struct board boards[] = {
	{
		.kind = "post",
		.key = '1',
		.label = N_("Neighbourhood wall"),
		.list = &wall_screen,
		.item = &post_screen,
		.news = wall_news,
		.search = SEARCH_WALL,
		.target = N_("Wall post"),
		.about = N_("About a post of the wall: press o to open it."),
	},
	{
		/* The sysops' posts, pinned on the wall: not on the menu. */
		.kind = "announcement",
		.list = &wall_screen,
		.item = &post_screen,
		.search = SEARCH_WALL,
		.target = N_("Announcement"),
		.about = N_("About a post of the wall: press o to open it."),
	},
	{
		.kind = "classified",
		.key = '2',
		.label = N_("Classifieds"),
		.list = &classifieds_screen,
		.item = &classified_screen,
		.news = classifieds_news,
		.search = SEARCH_CLASSIFIEDS,
		.target = N_("Classified ad"),
		.about = N_("About an ad: press o to open it."),
	},
	{
		.kind = "lending",
		.key = '3',
		.label = N_("Lending and services"),
		.list = &lending_screen,
		.item = &lending_item_screen,
		.news = lending_news,
		.search = SEARCH_LENDING,
		.target = N_("Lending item"),
		.about = N_("About a loan or a service: press o to open it."),
	},
	{
		.kind = "event",
		.key = '4',
		.label = N_("Events"),
		.list = &events_screen,
		.item = &event_screen,
		.news = events_news,
		.search = SEARCH_EVENTS,
		.target = N_("Event"),
		.about = N_("About an event: press o to open it."),
	},
	{
		/* Private mail: a board of the menu, not of items. */
		.key = '5',
		.label = N_("Mail"),
		.list = &mail_screen,
		.news = mail_news,
	},
	{
		.kind = "address",
		.key = '6',
		.label = N_("Bonnes adresses"),
		.list = &addresses_screen,
		.item = &address_screen,
		.search = SEARCH_ADDRESSES,
		.target = N_("Address"),
		.about = N_("About a bonne adresse: press o to open it."),
	},
	{
		/* The groups of residents: a board of the menu. */
		.key = '7',
		.label = N_("Groups"),
		.list = &groups_screen,
	},
};
const size_t boards_count = sizeof boards / sizeof boards[0];

const struct board *
board_of_kind(const char *kind)
{
	size_t i;

	if (kind == NULL)
		return NULL;
	for (i = 0; i < boards_count; i++) {
		if (boards[i].kind != NULL && strcmp(boards[i].kind, kind) == 0)
			return &boards[i];
	}
	return NULL;
}

const struct board *
board_of_search(enum search_board search)
{
	size_t i;

	for (i = 0; i < boards_count; i++) {
		if (boards[i].kind != NULL && boards[i].search == search)
			return &boards[i];
	}
	return &boards[0];
}

bool
board_open_item(struct ui *ui, const char *kind, int64_t id)
{
	const struct board *b = board_of_kind(kind);

	if (b == NULL || b->item == NULL)
		return false;
	ui_push(ui, b->item, &id);
	return true;
}
