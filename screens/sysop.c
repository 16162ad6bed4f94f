/*
 * sysop.c - the sysop's console (quartier --sysop): the dashboard, and
 * what the console's screens share.  Residents (sysop-residents.c, and
 * one of them in sysop-resident.c), quartiers (sysop-quartiers.c) and
 * announcements (sysop-announce.c) open from the dashboard, as does the
 * moderation log (moderation.c) in the console's scope.
 *
 * The console has no resident behind it: it acts as the system user who
 * started it (main.c checked that this is root or the database's owner),
 * as the actor { 0, user } of the moderation store, and sees every
 * quartier.  Every action that changes something asks first, and asks for
 * the reason where the store keeps one; a refused action leaves what was
 * typed in place.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "when.h"
#include "text.h"

#include "sysop.h"

/* Sessions listed on the dashboard before "and N more". */
#define SYSOP_ONLINE_ROWS	5

struct actor
sysop_actor(struct ui *ui)
{
	return (struct actor){ 0, ui->console_user };
}

/*
 * The dashboard.
 */
struct dashboard {
	struct store_stats	 stats;
	struct live_session	*online;
	size_t			 nonline;
	struct quartier_info	*quartiers;
	size_t			 nquartiers;
	int			*posts;		/* of each quartier */
};

static const struct ui_keyhelp dashboard_keys[] = {
	{ "1", N_("Residents"), true },
	{ "2", N_("Quartiers"), true },
	{ "3", N_("Announce"), true },
	{ "4", N_("Moderation log"), true },
	{ "q", N_("Quit"), true },
	{ "?", N_("Help"), true },
	{ "p", N_("Pending residents"), false },
	{ NULL, NULL, false },
};

static void
dashboard_free(struct dashboard *d)
{
	live_session_list_free(d->online, d->nonline);
	quartier_info_free(d->quartiers, d->nquartiers);
	free(d->posts);
	d->online = NULL;
	d->quartiers = NULL;
	d->posts = NULL;
	d->nonline = d->nquartiers = 0;
}

static void
dashboard_load(struct ui *ui, struct dashboard *d)
{
	int rc;

	dashboard_free(d);
	/* Listing the sessions cleans up the dead ones first, so that the
	 * numbers below count only the living. */
	if ((rc = store_live_list(ui->store, STORE_LIVE_STALE, &d->online,
	    &d->nonline)) != STORE_OK)
		ui_store_error(ui, rc);
	if ((rc = store_stats(ui->store, 0, &d->stats)) != STORE_OK) {
		memset(&d->stats, 0, sizeof d->stats);
		ui_store_error(ui, rc);
	}
	if ((rc = store_quartier_list(ui->store, &d->quartiers,
	    &d->nquartiers)) != STORE_OK)
		ui_store_error(ui, rc);
	d->posts = xcalloc(d->nquartiers + 1, sizeof *d->posts);
	if ((rc = store_quartier_posts(ui->store, d->quartiers, d->nquartiers,
	    d->posts)) != STORE_OK)
		ui_store_error(ui, rc);
}

static int
dashboard_enter(struct ui *ui, struct view *view, void *arg)
{
	struct dashboard *d = xcalloc(1, sizeof *d);

	view->data = d;
	dashboard_load(ui, d);
	return 0;
}

static void
dashboard_leave(struct ui *ui, struct view *view)
{
	dashboard_free(view->data);
	free(view->data);
}

static void
dashboard_resume(struct ui *ui, struct view *view)
{
	dashboard_load(ui, view->data);
}

static const char *
dashboard_title(struct ui *ui, struct view *view)
{
	return _("Dashboard");
}

/* The columns of who is online, laid out from the sessions shown. */
enum online_column {
	ONLINE_HANDLE,
	ONLINE_NAME,
	ONLINE_QUARTIER,
	ONLINE_ORIGIN,
	ONLINE_SINCE,
	ONLINE_COLUMNS,
};

static const char *
online_cell(const struct live_session *l, enum online_column c, char *buf,
    size_t size)
{
	switch (c) {
	case ONLINE_HANDLE:
		return l->handle;
	case ONLINE_NAME:
		return l->display_name;
	case ONLINE_QUARTIER:
		return l->quartier;
	case ONLINE_ORIGIN:
		return live_origin_word(l->origin);
	case ONLINE_SINCE:
		when_format_time(buf, size, l->started_at);
		return buf;
	case ONLINE_COLUMNS:
		break;
	}
	return "";
}

const char *const tally_headings[TALLY_COLUMNS] = {
	[TALLY_NAME] = N_("City"),
	[TALLY_QUARTIER] = N_("Quartier"),
	[TALLY_VERIFIED] = N_("Verified"),
	[TALLY_PENDING] = N_("Pending"),
	[TALLY_SUSPENDED] = N_("Suspended"),
	[TALLY_POSTS] = N_("Posts"),
};

/* The text of one cell of Q's row, into BUF; NULL where the table has no
 * such column (POSTS below 0: the Quartiers screen). */
const char *
tally_cell(const struct quartier_info *q, int posts, bool city_with_name,
    enum tally_column c, char *buf, size_t size)
{
	switch (c) {
	case TALLY_NAME:
		if (city_with_name)
			snprintf(buf, size, "%s › %s", q->city, q->name);
		else
			return q->city;
		break;
	case TALLY_QUARTIER:
		return city_with_name ? NULL : q->name;
	case TALLY_VERIFIED:
		snprintf(buf, size, "%d", q->verified);
		break;
	case TALLY_PENDING:
		snprintf(buf, size, "%d", q->pending);
		break;
	case TALLY_SUSPENDED:
		snprintf(buf, size, "%d", q->suspended);
		break;
	case TALLY_POSTS:
		if (posts < 0)
			return NULL;
		snprintf(buf, size, "%d", posts);
		break;
	case TALLY_COLUMNS:
		return NULL;
	}
	return buf;
}

static void
dashboard_draw(struct ui *ui, struct view *view)
{
	struct ui_column online[ONLINE_COLUMNS] = {
		[ONLINE_HANDLE] = { .min = 6, .max = 20 },
		[ONLINE_NAME] = { .min = 10, .max = 40,
		    .flags = UI_COLUMN_FILL },
		[ONLINE_QUARTIER] = { .min = 6, .max = 24 },
		[ONLINE_ORIGIN] = { .min = 3, .max = 12 },
		[ONLINE_SINCE] = { .min = 5, .max = 12,
		    .flags = UI_COLUMN_RIGHT },
	};
	struct ui_column tally[TALLY_COLUMNS] = {
		[TALLY_NAME] = { .min = 8, .max = 48,
		    .flags = UI_COLUMN_FILL },
		[TALLY_VERIFIED] = { .flags = UI_COLUMN_RIGHT },
		[TALLY_PENDING] = { .flags = UI_COLUMN_RIGHT },
		[TALLY_SUSPENDED] = { .flags = UI_COLUMN_RIGHT },
		[TALLY_POSTS] = { .flags = UI_COLUMN_RIGHT },
	};
	struct dashboard *d = view->data;
	const struct quartier_info *q;
	char line[512], when[64];
	int y = ui_body_top(ui), bottom = ui->rows - 2, x, rows, dim, bold, c;
	size_t i;

	dim = ui_attr(ui, UI_ATTR_DIM);
	bold = ui_attr(ui, UI_ATTR_TITLE);
	snprintf(line, sizeof line, ngettext("%d online", "%d online",
	    (int)d->nonline), (int)d->nonline);
	x = 1 + ui_text(ui, y, 1, ui->cols - 2, line, bold);
	snprintf(line, sizeof line, ngettext(" · %d pending verification",
	    " · %d pending verifications", d->stats.pending), d->stats.pending);
	x += ui_text(ui, y, x, ui->cols - x - 1, line, d->stats.pending > 0 ?
	    ui_attr(ui, UI_ATTR_INFO) | (int)A_BOLD : bold);
	snprintf(line, sizeof line, ngettext(" · %d open report",
	    " · %d open reports", d->stats.reports_open),
	    d->stats.reports_open);
	ui_text(ui, y, x, ui->cols - x - 1, line, d->stats.reports_open > 0 ?
	    ui_attr(ui, UI_ATTR_ERROR) | (int)A_BOLD : bold);
	y += 2;

	ui_text(ui, y++, 1, ui->cols - 2, _("Who is online"), bold);
	if (d->nonline == 0)
		ui_text(ui, y++, 3, ui->cols - 4, _("Nobody right now."), dim);
	for (i = 0; i < d->nonline && i < SYSOP_ONLINE_ROWS; i++)
		for (c = 0; c < ONLINE_COLUMNS; c++)
			ui_column_measure(&online[c], online_cell(&d->online[i],
			    (enum online_column)c, when, sizeof when));
	ui_columns_layout(online, ONLINE_COLUMNS, 3, ui->cols - 4, 2);
	for (i = 0; i < d->nonline && i < SYSOP_ONLINE_ROWS; i++, y++)
		for (c = 0; c < ONLINE_COLUMNS; c++)
			ui_column_draw(ui, y, &online[c], online_cell(
			    &d->online[i], (enum online_column)c, when,
			    sizeof when), c >= ONLINE_ORIGIN ? dim :
			    (int)A_NORMAL);
	if (d->nonline > SYSOP_ONLINE_ROWS) {
		snprintf(line, sizeof line, ngettext("and %zu more",
		    "and %zu more", d->nonline - SYSOP_ONLINE_ROWS),
		    d->nonline - SYSOP_ONLINE_ROWS);
		ui_text(ui, y++, 3, ui->cols - 4, line, dim);
	}
	y++;

	rows = bottom - y - 1;
	for (c = 0; c < TALLY_COLUMNS; c++) {
		if (c == TALLY_QUARTIER)	/* with the city here */
			continue;
		ui_column_measure(&tally[c], c == TALLY_NAME ?
		    _("Quartiers") : _(tally_headings[c]));
		for (i = 0; i < d->nquartiers && (int)i < rows; i++)
			ui_column_measure(&tally[c], tally_cell(
			    &d->quartiers[i], d->posts[i], true,
			    (enum tally_column)c, line, sizeof line));
	}
	/* The heading "Quartiers" starts at 1, the rows at 3 under it. */
	ui_columns_layout(tally, TALLY_COLUMNS, 3, ui->cols - 4, 2);
	ui_text(ui, y, 1, tally[TALLY_NAME].x + tally[TALLY_NAME].width - 1,
	    _("Quartiers"), bold);
	for (c = TALLY_NAME + 1; c < TALLY_COLUMNS; c++)
		ui_column_draw(ui, y, &tally[c], _(tally_headings[c]), dim);
	y++;
	for (i = 0; i < d->nquartiers && (int)i < rows; i++, y++) {
		q = &d->quartiers[i];
		if ((int)i == rows - 1 && i + 1 < d->nquartiers) {
			snprintf(line, sizeof line, ngettext("and %zu more: "
			    "press 2", "and %zu more: press 2",
			    d->nquartiers - i), d->nquartiers - i);
			ui_text(ui, y, 3, ui->cols - 4, line, dim);
			break;
		}
		for (c = 0; c < TALLY_COLUMNS; c++)
			ui_column_draw(ui, y, &tally[c], tally_cell(q,
			    d->posts[i], true, (enum tally_column)c, line,
			    sizeof line), c == TALLY_PENDING &&
			    q->pending > 0 ? ui_attr(ui, UI_ATTR_INFO) :
			    (int)A_NORMAL);
	}
	if (d->nquartiers == 0)
		ui_text(ui, y, 3, ui->cols - 4, _("No quartier yet: press 2 "
		    "to add one."), dim);
}

static enum ui_result
dashboard_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	if (ui_key_is_char(key, '1') || ui_key_is_char(key, 'r') ||
	    ui_key_is_char(key, 'R')) {
		ui_push(ui, &sysop_residents_screen, &(bool){ false });
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'p') || ui_key_is_char(key, 'P')) {
		ui_push(ui, &sysop_residents_screen, &(bool){ true });
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '2')) {
		ui_push(ui, &sysop_quartiers_screen, NULL);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '3')) {
		ui_push(ui, &sysop_announce_screen, NULL);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '4')) {
		ui_push(ui, &moderation_log_screen, NULL);
		return UI_HANDLED;
	}
	/* The console is the sysop's own program: leaving it is fine. */
	if (ui_key_is_char(key, 'q') || ui_key_is_char(key, 'Q')) {
		ui->quit = true;
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

const struct screen sysop_screen = {
	.name = "sysop",
	.title = dashboard_title,
	.enter = dashboard_enter,
	.draw = dashboard_draw,
	.key = dashboard_key,
	.resume = dashboard_resume,
	.changes = CHANGE_ALL,
	.leave = dashboard_leave,
	.keys = dashboard_keys,
	.help = N_("The sysop's console shows who is online, how many "
	    "residents wait for verification, how many reports are open, and "
	    "each quartier's residents. Press 1 for the residents (search, "
	    "verify, role, suspension), p for those pending, 2 for the "
	    "quartiers, 3 to pin an announcement on one wall or all of them, "
	    "4 for the moderation log, q to leave the console. Every action "
	    "asks before it is done, and for a reason when the log keeps one."),
};
