/*
 * sysop.c - the sysop's console (quartier --sysop): the dashboard, then
 * residents, quartiers, announcements and the moderation log.
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

/* Residents listed by one search: enough for a city, and it is a search. */
#define SYSOP_SEARCH_LIMIT	500
/* Lines of a choice box (ui_choose picks by one digit). */
#define SYSOP_CHOICES_MAX	9
/* Sessions listed on the dashboard before "and N more". */
#define SYSOP_ONLINE_ROWS	5

extern const struct screen sysop_residents_screen;
extern const struct screen sysop_resident_screen;
extern const struct screen sysop_quartiers_screen;
extern const struct screen sysop_announce_screen;
extern const struct screen sysop_log_screen;

static struct actor
sysop_actor(struct ui *ui)
{
	return (struct actor){ 0, ui->console_user };
}

/* The log's words for an action and its target, in the sysop's language;
 * a word this version does not know is shown as it is. */
static const char *
sysop_action_name(const char *action)
{
	static const struct { const char *code, *label; } names[] = {
		{ "hide", N_("hid") }, { "restore", N_("put back") },
		{ "warn", N_("gave a warning to") },
		{ "suspend", N_("suspended the account of") },
		{ "verify", N_("verified in person") },
		{ "lift", N_("lifted the suspension of") },
		{ "role", N_("changed the role of") },
		{ "dismiss", N_("dismissed the reports on") },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (action != NULL && strcmp(action, names[i].code) == 0)
			return _(names[i].label);
	return action != NULL ? action : "";
}

static const char *
sysop_target_name(const char *kind)
{
	static const struct { const char *code, *label; } names[] = {
		{ "item", N_("the item") }, { "reply", N_("a reply to") },
		{ "message", N_("the message") },
		{ "resident", N_("the resident") },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (kind != NULL && strcmp(kind, names[i].code) == 0)
			return _(names[i].label);
	return kind != NULL ? kind : "";
}

/*
 * The reason for an action, asked until it is given or the sysop gives
 * up (NULL).  A refusal by the store comes back here with what was typed.
 */
static char *
sysop_reason(struct ui *ui, const char *question, const char *initial)
{
	char *reason;

	for (;;) {
		reason = ui_prompt(ui, question, initial, false,
		    STORE_REASON_MAX);
		if (reason == NULL)
			return NULL;
		if (*reason != '\0' && strspn(reason, " \t") < strlen(reason))
			return reason;
		free(reason);
		ui_error(ui, "%s", _("A reason is needed: it goes into the "
		    "moderation log."));
	}
}

/*
 * The store refused REASON (too long, say): show why and ask again with
 * what was typed, so nothing is lost.  Frees REASON; NULL if the sysop
 * gives up.
 */
static char *
sysop_reason_again(struct ui *ui, char *reason)
{
	char *again;

	ui_store_error(ui, STORE_INVALID);
	again = sysop_reason(ui, _("Why? (the reason goes into the "
	    "moderation log)"), reason);
	free(reason);
	return again;
}

/* A list whose rows are chosen with the arrows, kept on screen. */
struct sysop_list {
	size_t	 n;
	size_t	 selected;
	size_t	 top;
};

static enum ui_result
sysop_list_key(struct sysop_list *l, int rows, const struct ui_key *key)
{
	size_t step = rows > 1 ? (size_t)rows - 1 : 1;

	if (l->n == 0)
		return UI_IGNORED;
	switch (key->code) {
	case KEY_DOWN:
		if (l->selected + 1 < l->n)
			l->selected++;
		break;
	case KEY_UP:
		if (l->selected > 0)
			l->selected--;
		break;
	case KEY_NPAGE:
		l->selected = l->selected + step < l->n ? l->selected + step :
		    l->n - 1;
		break;
	case KEY_PPAGE:
		l->selected = l->selected > step ? l->selected - step : 0;
		break;
	case KEY_HOME:
		l->selected = 0;
		break;
	case KEY_END:
		l->selected = l->n - 1;
		break;
	default:
		return UI_IGNORED;
	}
	return UI_HANDLED;
}

/* Keep the chosen row within ROWS rows. */
static void
sysop_list_scroll(struct sysop_list *l, int rows)
{
	if (rows < 1)
		rows = 1;
	if (l->selected >= l->n)
		l->selected = l->n > 0 ? l->n - 1 : 0;
	if (l->selected < l->top)
		l->top = l->selected;
	if (l->selected >= l->top + (size_t)rows)
		l->top = l->selected - (size_t)rows + 1;
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

/*
 * The columns of a table of quartiers (the dashboard's, with its posts,
 * and the Quartiers screen's, with the city apart), laid out from the
 * quartiers shown and the headings.
 */
enum tally_column {
	TALLY_NAME,		/* "City › Quartier", or the city alone */
	TALLY_QUARTIER,		/* the quartier, when the city is apart */
	TALLY_VERIFIED,
	TALLY_PENDING,
	TALLY_SUSPENDED,
	TALLY_POSTS,		/* the dashboard's only */
	TALLY_COLUMNS,
};

static const char *const tally_headings[TALLY_COLUMNS] = {
	[TALLY_NAME] = N_("City"),
	[TALLY_QUARTIER] = N_("Quartier"),
	[TALLY_VERIFIED] = N_("Verified"),
	[TALLY_PENDING] = N_("Pending"),
	[TALLY_SUSPENDED] = N_("Suspended"),
	[TALLY_POSTS] = N_("Posts"),
};

/* The text of one cell of Q's row, into BUF; NULL where the table has no
 * such column (POSTS below 0: the Quartiers screen). */
static const char *
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
		ui_push(ui, &sysop_log_screen, NULL);
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

/*
 * Residents: a search across every quartier.
 */
struct residents {
	bool			 pending_only;
	char			*prefix;
	struct resident		*list;
	struct sysop_list	 rows;
};

static const struct ui_keyhelp residents_keys[] = {
	{ N_("Enter"), N_("Open"), true },
	{ "s", N_("Search"), true },
	{ "p", N_("Pending only"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ N_("PgDn"), N_("Next page"), false },
	{ NULL, NULL, false },
};

static int
residents_rows(struct ui *ui)
{
	int rows = ui_body_rows(ui) - 3;

	return rows > 1 ? rows : 1;
}

static void
residents_load(struct ui *ui, struct residents *r)
{
	struct resident *all;
	size_t n, i, kept = 0;
	int rc;

	resident_list_free(r->list, r->rows.n);
	r->list = NULL;
	r->rows.n = 0;
	rc = store_resident_search(ui->store, 0, r->prefix != NULL ?
	    r->prefix : "", SYSOP_SEARCH_LIMIT, &all, &n);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	for (i = 0; i < n; i++) {
		if (!r->pending_only || all[i].status == RESIDENT_PENDING)
			all[kept++] = all[i];
		else
			resident_clear(&all[i]);
	}
	r->list = all;
	r->rows.n = kept;
	sysop_list_scroll(&r->rows, residents_rows(ui));
}

static void
residents_search(struct ui *ui, struct residents *r)
{
	char *prefix;

	prefix = ui_prompt(ui, _("Search residents by the first letters of "
	    "their handle or name (empty: everyone):"), r->prefix, false,
	    QUARTIER_NAME_MAX);
	if (prefix == NULL)
		return;
	free(r->prefix);
	r->prefix = prefix;
	r->rows.selected = r->rows.top = 0;
	residents_load(ui, r);
}

static int
residents_enter(struct ui *ui, struct view *view, void *arg)
{
	struct residents *r = xcalloc(1, sizeof *r);

	r->pending_only = arg != NULL && *(const bool *)arg;
	view->data = r;
	residents_load(ui, r);
	return 0;
}

static void
residents_leave(struct ui *ui, struct view *view)
{
	struct residents *r = view->data;

	resident_list_free(r->list, r->rows.n);
	free(r->prefix);
	free(r);
}

static void
residents_resume(struct ui *ui, struct view *view)
{
	residents_load(ui, view->data);
}

static const char *
residents_title(struct ui *ui, struct view *view)
{
	return _("Residents");
}

/* The columns of the list of residents, laid out from the rows shown. */
enum residents_column {
	RESIDENTS_HANDLE,
	RESIDENTS_NAME,
	RESIDENTS_QUARTIER,
	RESIDENTS_STATUS,
	RESIDENTS_ROLE,
	RESIDENTS_COLUMNS,
};

static const char *const residents_headings[RESIDENTS_COLUMNS] = {
	[RESIDENTS_HANDLE] = N_("Handle"),
	[RESIDENTS_NAME] = N_("Name"),
	[RESIDENTS_QUARTIER] = N_("Quartier"),
	[RESIDENTS_STATUS] = N_("Status"),
	[RESIDENTS_ROLE] = N_("Role"),
};

static const char *
residents_cell(const struct resident *p, enum residents_column c)
{
	switch (c) {
	case RESIDENTS_HANDLE:
		return p->handle;
	case RESIDENTS_NAME:
		return p->display_name;
	case RESIDENTS_QUARTIER:
		return p->quartier;
	case RESIDENTS_STATUS:
		return resident_status_word(p->status);
	case RESIDENTS_ROLE:
		return resident_role_word(p->role);
	case RESIDENTS_COLUMNS:
		break;
	}
	return "";
}

static void
residents_draw(struct ui *ui, struct view *view)
{
	struct ui_column col[RESIDENTS_COLUMNS] = {
		[RESIDENTS_HANDLE] = { .min = 6, .max = 20 },
		[RESIDENTS_NAME] = { .min = 10, .max = 40,
		    .flags = UI_COLUMN_FILL },
		[RESIDENTS_QUARTIER] = { .min = 6, .max = 24 },
		[RESIDENTS_STATUS] = { .min = 6, .max = 14 },
		[RESIDENTS_ROLE] = { .min = 6, .max = 14 },
	};
	struct residents *r = view->data;
	const struct resident *p;
	char line[512];
	int y = ui_body_top(ui), rows = residents_rows(ui), base, dim, c;
	size_t i;

	dim = ui_attr(ui, UI_ATTR_DIM);
	if (r->prefix != NULL && *r->prefix != '\0')
		snprintf(line, sizeof line, ngettext("%zu resident starting "
		    "with \"%s\"", "%zu residents starting with \"%s\"",
		    r->rows.n), r->rows.n, r->prefix);
	else
		snprintf(line, sizeof line, ngettext("%zu resident",
		    "%zu residents", r->rows.n), r->rows.n);
	if (r->pending_only) {
		size_t used = strlen(line);

		snprintf(line + used, sizeof line - used, " · %s",
		    _("pending only"));
	}
	ui_text(ui, y, 1, ui->cols - 2, line, ui_attr(ui, UI_ATTR_TITLE));
	y++;
	sysop_list_scroll(&r->rows, rows);
	for (c = 0; c < RESIDENTS_COLUMNS; c++) {
		ui_column_measure(&col[c], _(residents_headings[c]));
		for (i = r->rows.top; i < r->rows.n &&
		    (int)(i - r->rows.top) < rows; i++)
			ui_column_measure(&col[c], residents_cell(&r->list[i],
			    (enum residents_column)c));
	}
	ui_columns_layout(col, RESIDENTS_COLUMNS, 2, ui->cols - 3, 1);
	for (c = 0; c < RESIDENTS_COLUMNS; c++)
		ui_column_draw(ui, y, &col[c], _(residents_headings[c]), dim);
	y++;
	if (r->rows.n == 0) {
		ui_paragraph(ui, y + 1, 4, 3, ui->cols - 8, _("Nobody found. "
		    "Press s to search again."), A_NORMAL);
		return;
	}
	for (i = r->rows.top; i < r->rows.n && (int)(i - r->rows.top) < rows;
	    i++, y++) {
		p = &r->list[i];
		base = i == r->rows.selected ? ui_attr(ui, UI_ATTR_SELECTED) :
		    (int)A_NORMAL;
		ui_fill(ui, y, 0, ui->cols, base);
		for (c = 0; c < RESIDENTS_COLUMNS; c++)
			ui_column_draw(ui, y, &col[c], residents_cell(p,
			    (enum residents_column)c), base |
			    (c == RESIDENTS_STATUS &&
			    p->status == RESIDENT_PENDING ?
			    ui_attr(ui, UI_ATTR_INFO) : 0));
	}
}

static enum ui_result
residents_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct residents *r = view->data;

	if (sysop_list_key(&r->rows, residents_rows(ui), key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_enter(key) && r->rows.n > 0) {
		ui_push(ui, &sysop_resident_screen,
		    &(int64_t){ r->list[r->rows.selected].id });
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 's') || ui_key_is_char(key, 'S')) {
		residents_search(ui, r);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'p') || ui_key_is_char(key, 'P')) {
		r->pending_only = !r->pending_only;
		r->rows.selected = r->rows.top = 0;
		residents_load(ui, r);
		return UI_HANDLED;
	}
	if (ui_key_is_back(key)) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

const struct screen sysop_residents_screen = {
	.name = "sysop-residents",
	.title = residents_title,
	.enter = residents_enter,
	.draw = residents_draw,
	.key = residents_key,
	.resume = residents_resume,
	.leave = residents_leave,
	.keys = residents_keys,
	.help = N_("Residents of every quartier, by quartier and handle. Press "
	    "s and type the first letters of a handle or of a name (case and "
	    "accents do not matter), p to show only those waiting for "
	    "verification, Enter to open one."),
};

/*
 * One resident, as the sysop sees them: the street address included.
 */
struct resident_view {
	int64_t		 id;
	struct resident	 r;
	struct ui_doc	 doc;
};

static const struct ui_keyhelp resident_keys[] = {
	{ "v", N_("Verify in person"), true },
	{ "r", N_("Role"), true },
	{ "s", N_("Suspend"), true },
	{ "l", N_("Lift"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ NULL, NULL, false },
};

static bool
resident_key_shown(struct ui *ui, struct view *view,
    const struct ui_keyhelp *k)
{
	struct resident_view *rv = view->data;

	if (strcmp(k->key, "v") == 0)
		return rv->r.status == RESIDENT_PENDING;
	if (strcmp(k->key, "s") == 0)
		return rv->r.status != RESIDENT_SUSPENDED;
	if (strcmp(k->key, "l") == 0)
		return rv->r.status == RESIDENT_SUSPENDED;
	return true;
}

static int
resident_load(struct ui *ui, struct resident_view *rv)
{
	struct resident *list;
	size_t n, i;
	int rc;

	/* By id across every quartier: the administration list has the
	 * street, which no resident's own lookup gives. */
	rc = store_resident_list(ui->store, 0, false, &list, &n);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (list[i].id == rv->id) {
			resident_clear(&rv->r);
			rv->r = list[i];
			memset(&list[i], 0, sizeof list[i]);
			break;
		}
	}
	resident_list_free(list, n);
	if (i == n) {
		ui_store_error(ui, STORE_NOT_FOUND);
		return -1;
	}
	rv->doc.cols = 0;
	return 0;
}

static int
resident_enter(struct ui *ui, struct view *view, void *arg)
{
	struct resident_view *rv = xcalloc(1, sizeof *rv);

	rv->id = *(const int64_t *)arg;
	if (resident_load(ui, rv) != 0) {
		free(rv);
		return -1;
	}
	view->data = rv;
	return 0;
}

static void
resident_leave(struct ui *ui, struct view *view)
{
	struct resident_view *rv = view->data;

	resident_clear(&rv->r);
	ui_doc_clear(&rv->doc);
	free(rv);
}

static void
resident_resume(struct ui *ui, struct view *view)
{
	resident_load(ui, view->data);
}

static const char *
resident_title(struct ui *ui, struct view *view)
{
	struct resident_view *rv = view->data;

	return rv->r.handle;
}

static void
resident_layout(struct ui *ui, struct resident_view *rv)
{
	const struct resident *r = &rv->r;
	char when[128], *place;

	ui_doc_clear(&rv->doc);
	rv->doc.cols = ui->cols - 4;
	ui_doc_paragraph(&rv->doc, r->display_name, 0, UI_ATTR_TITLE);
	ui_doc_blank(&rv->doc);
	ui_doc_field(&rv->doc, _("Handle:"), r->handle, UI_ATTR_NORMAL);
	place = xasprintf("%s › %s", r->city, r->quartier);
	ui_doc_field(&rv->doc, _("Quartier:"), place, UI_ATTR_NORMAL);
	free(place);
	ui_doc_field(&rv->doc, _("Street address:"), r->street != NULL &&
	    *r->street != '\0' ? r->street : _("not given"), UI_ATTR_NORMAL);
	ui_doc_field(&rv->doc, _("Status:"), resident_status_word(r->status),
	    r->status == RESIDENT_VERIFIED ? UI_ATTR_NORMAL : UI_ATTR_INFO);
	ui_doc_field(&rv->doc, _("Role:"), resident_role_word(r->role),
	    UI_ATTR_NORMAL);
	when_format_date(when, sizeof when, r->created_at);
	ui_doc_field(&rv->doc, _("Member since:"), when, UI_ATTR_NORMAL);
	if (r->verified_at > 0) {
		when_format_date(when, sizeof when, r->verified_at);
		ui_doc_field(&rv->doc, _("Verified on:"), when,
		    UI_ATTR_NORMAL);
	}
	if (r->last_login_at > 0)
		when_format_moment(when, sizeof when, r->last_login_at);
	ui_doc_field(&rv->doc, _("Last login:"), r->last_login_at > 0 ? when :
	    _("never"), UI_ATTR_NORMAL);
	ui_doc_blank(&rv->doc);
	ui_doc_paragraph(&rv->doc, _("The street address is private: only "
	    "sysops see it, to check a proof of address."), 0, UI_ATTR_DIM);
}

static void
resident_draw(struct ui *ui, struct view *view)
{
	struct resident_view *rv = view->data;
	int rows = ui_body_rows(ui) - 1;

	if (rv->doc.cols != ui->cols - 4)
		resident_layout(ui, rv);
	ui_doc_draw(ui, &rv->doc, ui_body_top(ui) + 1, rows, UI_DOC_UNMARKED);
}

static void
resident_verify(struct ui *ui, struct resident_view *rv)
{
	char *question, *by;
	int rc;

	if (rv->r.status != RESIDENT_PENDING) {
		ui_error(ui, _("%s is not waiting for verification."),
		    rv->r.handle);
		return;
	}
	question = xasprintf(_("Verify %s: proof of address checked in "
	    "person?"), rv->r.handle);
	if (!ui_confirm(ui, question)) {
		free(question);
		return;
	}
	free(question);
	by = xasprintf("console:%s", ui->console_user);
	rc = store_verify_in_person(ui->store, rv->id, by);
	free(by);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	resident_load(ui, rv);
	ui_message(ui, _("%s is verified."), rv->r.handle);
}

static void
resident_role(struct ui *ui, struct resident_view *rv)
{
	static const enum resident_role roles[] = { ROLE_RESIDENT,
	    ROLE_HELPER, ROLE_MODERATOR, ROLE_SYSOP };
	const char *options[4];
	struct actor actor = sysop_actor(ui);
	char *question, *reason;
	int choice, rc;
	size_t i;

	for (i = 0; i < 4; i++)
		options[i] = resident_role_word(roles[i]);
	choice = ui_choose(ui, _("Which role?"), options, 4, (int)rv->r.role);
	if (choice < 0 || roles[choice] == rv->r.role)
		return;
	question = xasprintf(_("Why make %s %s?"), rv->r.handle,
	    options[choice]);
	reason = sysop_reason(ui, question, NULL);
	free(question);
	if (reason == NULL)
		return;
	question = xasprintf(_("Give %s the role %s now?"), rv->r.handle,
	    options[choice]);
	if (!ui_confirm(ui, question)) {
		free(question);
		free(reason);
		return;
	}
	free(question);
	while ((rc = store_mod_set_role(ui->store, &actor, rv->id,
	    roles[choice], reason)) == STORE_INVALID &&
	    (reason = sysop_reason_again(ui, reason)) != NULL)
		;
	if (rc == STORE_OK) {
		resident_load(ui, rv);
		ui_message(ui, _("%s is now %s."), rv->r.handle,
		    options[choice]);
	} else if (reason != NULL)
		ui_store_error(ui, rc);
	free(reason);
}

static void
resident_suspend(struct ui *ui, struct resident_view *rv)
{
	const char *options[] = { _("1 day"), _("7 days"), _("30 days"),
	    _("Another number of days"), _("Until lifted") };
	static const int days[] = { 1, 7, 30, 0, 0 };
	struct actor actor = sysop_actor(ui);
	char *typed, *end, *question, *reason, until_text[128];
	int64_t until = 0;
	long n;
	int choice, rc;

	choice = ui_choose(ui, _("Suspend for how long?"), options, 5, 1);
	if (choice < 0)
		return;
	n = days[choice];
	if (choice == 3) {
		typed = ui_prompt(ui, _("Number of days (1 to 3650):"), NULL,
		    false, 4);
		if (typed == NULL)
			return;
		n = strtol(typed, &end, 10);
		if (*typed == '\0' || *end != '\0' || n < 1 || n > 3650) {
			ui_error(ui, "%s", _("Type a number of days from 1 to "
			    "3650."));
			free(typed);
			return;
		}
		free(typed);
	}
	if (n > 0) {
		until = now_seconds() + (int64_t)n * 86400;
		when_format_date(until_text, sizeof until_text, until);
		question = xasprintf(_("Why suspend %s until %s?"),
		    rv->r.handle, until_text);
	} else
		question = xasprintf(_("Why suspend %s until the suspension "
		    "is lifted?"), rv->r.handle);
	reason = sysop_reason(ui, question, NULL);
	free(question);
	if (reason == NULL)
		return;
	question = xasprintf(_("Suspend %s now?"), rv->r.handle);
	if (ui_confirm(ui, question)) {
		while ((rc = store_mod_suspend(ui->store, &actor, rv->id,
		    until, reason)) == STORE_INVALID &&
		    (reason = sysop_reason_again(ui, reason)) != NULL)
			;
		if (rc == STORE_OK) {
			resident_load(ui, rv);
			ui_message(ui, _("%s is suspended."), rv->r.handle);
		} else if (reason != NULL)
			ui_store_error(ui, rc);
	}
	free(question);
	free(reason);
}

static void
resident_lift(struct ui *ui, struct resident_view *rv)
{
	struct actor actor = sysop_actor(ui);
	char *question, *reason;
	int rc;

	if (rv->r.status != RESIDENT_SUSPENDED) {
		ui_error(ui, _("%s is not suspended."), rv->r.handle);
		return;
	}
	question = xasprintf(_("Why lift the suspension of %s?"),
	    rv->r.handle);
	reason = sysop_reason(ui, question, NULL);
	free(question);
	if (reason == NULL)
		return;
	question = xasprintf(_("Lift the suspension of %s now?"),
	    rv->r.handle);
	if (!ui_confirm(ui, question)) {
		free(question);
		free(reason);
		return;
	}
	free(question);
	while ((rc = store_mod_lift(ui->store, &actor, rv->id, reason)) ==
	    STORE_INVALID && (reason = sysop_reason_again(ui, reason)) != NULL)
		;
	if (rc != STORE_OK) {
		if (reason != NULL)
			ui_store_error(ui, rc);
	} else {
		resident_load(ui, rv);
		ui_message(ui, _("The suspension of %s is lifted."),
		    rv->r.handle);
	}
	free(reason);
}

static enum ui_result
resident_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct resident_view *rv = view->data;

	if (ui_doc_key(&rv->doc, ui_body_rows(ui) - 1, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'v') || ui_key_is_char(key, 'V'))
		resident_verify(ui, rv);
	else if (ui_key_is_char(key, 'r') || ui_key_is_char(key, 'R'))
		resident_role(ui, rv);
	else if ((ui_key_is_char(key, 's') || ui_key_is_char(key, 'S')) &&
	    rv->r.status != RESIDENT_SUSPENDED)
		resident_suspend(ui, rv);
	else if (ui_key_is_char(key, 'l') || ui_key_is_char(key, 'L'))
		resident_lift(ui, rv);
	else if (ui_key_is_back(key))
		ui_pop(ui);
	else
		return UI_IGNORED;
	return UI_HANDLED;
}

const struct screen sysop_resident_screen = {
	.name = "sysop-resident",
	.title = resident_title,
	.enter = resident_enter,
	.draw = resident_draw,
	.key = resident_key,
	.resume = resident_resume,
	.leave = resident_leave,
	.keys = resident_keys,
	.key_shown = resident_key_shown,
	.help = N_("One resident, with the street address that only sysops "
	    "see. Press v to verify a pending resident whose proof of "
	    "address you checked in person, r to change the role (resident, "
	    "helper, moderator, sysop), s to suspend for some days or until "
	    "lifted, l to lift a suspension. Role changes and suspensions ask "
	    "for a reason, kept in the moderation log."),
};

/*
 * Quartiers: add, rename.
 */
struct quartiers {
	struct quartier_info	*list;
	struct sysop_list	 rows;
};

static const struct ui_keyhelp quartiers_keys[] = {
	{ "a", N_("Add"), true },
	{ "n", N_("Rename"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ NULL, NULL, false },
};

static int
quartiers_rows(struct ui *ui)
{
	int rows = ui_body_rows(ui) - 2;

	return rows > 1 ? rows : 1;
}

static void
quartiers_load(struct ui *ui, struct quartiers *q)
{
	int rc;

	quartier_info_free(q->list, q->rows.n);
	q->list = NULL;
	q->rows.n = 0;
	if ((rc = store_quartier_list(ui->store, &q->list, &q->rows.n)) !=
	    STORE_OK)
		ui_store_error(ui, rc);
	sysop_list_scroll(&q->rows, quartiers_rows(ui));
}

static int
quartiers_enter(struct ui *ui, struct view *view, void *arg)
{
	struct quartiers *q = xcalloc(1, sizeof *q);

	view->data = q;
	quartiers_load(ui, q);
	return 0;
}

static void
quartiers_leave(struct ui *ui, struct view *view)
{
	struct quartiers *q = view->data;

	quartier_info_free(q->list, q->rows.n);
	free(q);
}

static void
quartiers_resume(struct ui *ui, struct view *view)
{
	quartiers_load(ui, view->data);
}

static const char *
quartiers_title(struct ui *ui, struct view *view)
{
	return _("Quartiers");
}

static void
quartiers_draw(struct ui *ui, struct view *view)
{
	struct ui_column col[TALLY_COLUMNS] = {
		[TALLY_NAME] = { .min = 4, .max = 24 },
		[TALLY_QUARTIER] = { .min = 8, .max = 40,
		    .flags = UI_COLUMN_FILL },
		[TALLY_VERIFIED] = { .flags = UI_COLUMN_RIGHT },
		[TALLY_PENDING] = { .flags = UI_COLUMN_RIGHT },
		[TALLY_SUSPENDED] = { .flags = UI_COLUMN_RIGHT },
	};
	struct quartiers *q = view->data;
	const struct quartier_info *p;
	char n[32];
	int y = ui_body_top(ui), rows = quartiers_rows(ui), base, dim, c;
	size_t i;

	dim = ui_attr(ui, UI_ATTR_DIM);
	sysop_list_scroll(&q->rows, rows);
	for (c = 0; c < TALLY_COLUMNS; c++) {
		if (c == TALLY_POSTS)		/* the dashboard's only */
			continue;
		ui_column_measure(&col[c], _(tally_headings[c]));
		for (i = q->rows.top; i < q->rows.n &&
		    (int)(i - q->rows.top) < rows; i++)
			ui_column_measure(&col[c], tally_cell(&q->list[i], -1,
			    false, (enum tally_column)c, n, sizeof n));
	}
	ui_columns_layout(col, TALLY_COLUMNS, 2, ui->cols - 3, 2);
	for (c = 0; c < TALLY_POSTS; c++)
		ui_column_draw(ui, y, &col[c], _(tally_headings[c]), dim);
	y += 2;
	if (q->rows.n == 0) {
		ui_paragraph(ui, y, 4, 3, ui->cols - 8, _("No quartier yet. "
		    "Press a to add the first one."), A_NORMAL);
		return;
	}
	for (i = q->rows.top; i < q->rows.n && (int)(i - q->rows.top) < rows;
	    i++, y++) {
		p = &q->list[i];
		base = i == q->rows.selected ? ui_attr(ui, UI_ATTR_SELECTED) :
		    (int)A_NORMAL;
		ui_fill(ui, y, 0, ui->cols, base);
		for (c = 0; c < TALLY_POSTS; c++)
			ui_column_draw(ui, y, &col[c], tally_cell(p, -1, false,
			    (enum tally_column)c, n, sizeof n), base);
	}
}

/* A quartier in a city: chosen among the cities, or a new city. */
static void
quartiers_add(struct ui *ui, struct quartiers *q)
{
	struct place *cities = NULL;
	const char **options;
	char *city = NULL, *name = NULL, *question;
	size_t n = 0, i;
	int choice, rc;
	int64_t id;

	if ((rc = store_city_list(ui->store, &cities, &n)) != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	/* A choice box holds nine lines: past that, the city is typed (a new
	 * one is then added). */
	options = xcalloc(n + 1, sizeof *options);
	for (i = 0; i < n; i++)
		options[i] = cities[i].name;
	options[n] = _("A new city");
	if (n + 1 <= SYSOP_CHOICES_MAX)
		choice = ui_choose(ui, _("In which city?"), options,
		    (int)n + 1, 0);
	else
		choice = (int)n;
	if (choice >= 0 && (size_t)choice < n)
		city = xstrdup(cities[choice].name);
	else if (choice >= 0)
		city = ui_prompt(ui, n + 1 <= SYSOP_CHOICES_MAX ?
		    _("Name of the new city:") : _("Name of the city (a new "
		    "one is added):"), NULL, false, QUARTIER_NAME_MAX);
	free(options);
	place_list_free(cities, n);
	if (city == NULL)
		return;
	for (;;) {
		char *typed = ui_prompt(ui, _("Name of the new quartier:"),
		    name, false, QUARTIER_NAME_MAX);

		free(name);
		if ((name = typed) == NULL)
			break;
		question = xasprintf(_("Add the quartier %s to %s?"), name,
		    city);
		if (!ui_confirm(ui, question)) {
			free(question);
			break;
		}
		free(question);
		if ((size_t)choice == n &&
		    (rc = store_city_add(ui->store, city, &id)) != STORE_OK &&
		    rc != STORE_DUPLICATE) {
			ui_store_error(ui, rc);
			continue;
		}
		rc = store_quartier_add(ui->store, city, name, &id);
		if (rc == STORE_OK) {
			quartiers_load(ui, q);
			ui_message(ui, _("Quartier %s added to %s."), name,
			    city);
			break;
		}
		if (rc == STORE_DUPLICATE)
			ui_error(ui, _("%s already has a quartier named %s."),
			    city, name);
		else
			ui_store_error(ui, rc);
	}
	free(name);
	free(city);
}

static void
quartiers_rename(struct ui *ui, struct quartiers *q)
{
	const struct quartier_info *p;
	char *name = NULL, *typed, *question;
	int rc;

	if (q->rows.n == 0)
		return;
	p = &q->list[q->rows.selected];
	name = xstrdup(p->name);
	for (;;) {
		typed = ui_prompt(ui, _("New name of the quartier:"), name,
		    false, QUARTIER_NAME_MAX);
		free(name);
		if ((name = typed) == NULL || strcmp(name, p->name) == 0)
			break;
		question = xasprintf(_("Rename %s to %s?"), p->name, name);
		if (!ui_confirm(ui, question)) {
			free(question);
			break;
		}
		free(question);
		rc = store_quartier_rename(ui->store, p->id, name);
		if (rc == STORE_OK) {
			ui_message(ui, _("%s is now called %s."), p->name,
			    name);
			quartiers_load(ui, q);
			break;
		}
		if (rc == STORE_DUPLICATE)
			ui_error(ui, _("%s already has a quartier named %s."),
			    p->city, name);
		else
			ui_store_error(ui, rc);
	}
	free(name);
}

static enum ui_result
quartiers_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct quartiers *q = view->data;

	if (sysop_list_key(&q->rows, quartiers_rows(ui), key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'a') || ui_key_is_char(key, 'A'))
		quartiers_add(ui, q);
	else if (ui_key_is_char(key, 'n') || ui_key_is_char(key, 'N') ||
	    ui_key_is_enter(key))
		quartiers_rename(ui, q);
	else if (ui_key_is_back(key))
		ui_pop(ui);
	else
		return UI_IGNORED;
	return UI_HANDLED;
}

const struct screen sysop_quartiers_screen = {
	.name = "sysop-quartiers",
	.title = quartiers_title,
	.enter = quartiers_enter,
	.draw = quartiers_draw,
	.key = quartiers_key,
	.resume = quartiers_resume,
	.leave = quartiers_leave,
	.keys = quartiers_keys,
	.help = N_("Every quartier of every city, with its residents by "
	    "status. Press a to add a quartier to a city (or to a new city), "
	    "n or Enter to rename the chosen one. Two quartiers of one city "
	    "cannot have the same name."),
};

/*
 * An announcement, pinned on one quartier's wall or on all of them.
 */
enum announce_field {
	ANNOUNCE_TITLE,
	ANNOUNCE_BODY,
};

struct announce {
	struct quartier_info	*quartiers;
	size_t			 nquartiers;
	size_t			 target;	/* 0: all; else quartiers[i-1] */
	struct editor		 title;
	struct editor		 body;
	enum announce_field	 focus;
};

static const struct ui_keyhelp announce_keys[] = {
	{ N_("F2"), N_("Publish"), true },
	{ N_("F3"), N_("Where"), true },
	{ N_("Tab"), N_("Next field"), true },
	{ N_("Esc"), N_("Cancel"), true },
	{ N_("F1"), N_("Help"), true },
	{ N_("Ctrl-S"), N_("Publish"), false },
	{ NULL, NULL, false },
};

static int
announce_enter(struct ui *ui, struct view *view, void *arg)
{
	struct announce *a = xcalloc(1, sizeof *a);
	int rc;

	if ((rc = store_quartier_list(ui->store, &a->quartiers,
	    &a->nquartiers)) != STORE_OK || a->nquartiers == 0) {
		ui_error(ui, "%s", rc != STORE_OK ? store_message(ui->store,
		    rc) : _("Add a quartier first."));
		quartier_info_free(a->quartiers, a->nquartiers);
		free(a);
		return -1;
	}
	editor_init(&a->title, false, QUARTIER_TITLE_MAX);
	editor_init(&a->body, true, QUARTIER_BODY_MAX);
	view->data = a;
	return 0;
}

static void
announce_leave(struct ui *ui, struct view *view)
{
	struct announce *a = view->data;

	quartier_info_free(a->quartiers, a->nquartiers);
	editor_free(&a->title);
	editor_free(&a->body);
	free(a);
}

static const char *
announce_title(struct ui *ui, struct view *view)
{
	return _("Announcement");
}

static char *
announce_target(const struct announce *a)
{
	const struct quartier_info *q;

	if (a->target == 0)
		return xstrdup(_("every quartier"));
	q = &a->quartiers[a->target - 1];
	return xasprintf("%s › %s", q->city, q->name);
}

static void
announce_draw(struct ui *ui, struct view *view)
{
	struct announce *a = view->data;
	char line[512], *target;
	int y = ui_body_top(ui) + 1, bottom = ui->rows - 3;

	target = announce_target(a);
	snprintf(line, sizeof line, _("Pinned on the wall of: %s"), target);
	free(target);
	ui_text(ui, y, 1, ui->cols - 14, line, A_BOLD);
	ui_text_right(ui, y, ui->cols - 13, 12, _("F3: change"),
	    ui_attr(ui, UI_ATTR_DIM));
	y += 2;
	ui_text(ui, y, 1, 13, _("Title:"), A_BOLD);
	ui_fill(ui, y, 14, ui->cols - 15, A_UNDERLINE);
	editor_draw(ui, &a->title, y, 14, 1, ui->cols - 15,
	    a->focus == ANNOUNCE_TITLE);
	y += 2;
	ui_text(ui, y, 1, ui->cols - 2, _("Text:"), A_BOLD);
	snprintf(line, sizeof line, _("%zu/%zu characters"), a->body.nchars,
	    a->body.max_chars);
	ui_text_right(ui, y, 1, ui->cols - 2, line, ui_attr(ui, UI_ATTR_DIM));
	y++;
	ui_fill(ui, y, 0, ui->cols, ui_attr(ui, UI_ATTR_DIM) | A_UNDERLINE);
	y++;
	editor_draw(ui, &a->body, y, 1, bottom - y, ui->cols - 2,
	    a->focus == ANNOUNCE_BODY);
}

/* Too many quartiers for a choice box: the sysop types one. */
static void
announce_type_target(struct ui *ui, struct announce *a)
{
	char *typed;
	int64_t id;
	size_t i;
	int rc;

	typed = ui_prompt(ui, _("Which quartier? (its name, or City/Name; "
	    "empty: every quartier)"), NULL, false, 2 * QUARTIER_NAME_MAX + 1);
	if (typed == NULL)
		return;
	if (*typed == '\0')
		a->target = 0;
	else if ((rc = store_quartier_find(ui->store, typed, &id)) !=
	    STORE_OK)
		ui_error(ui, _("No quartier is called %s."), typed);
	else {
		for (i = 0; i < a->nquartiers; i++)
			if (a->quartiers[i].id == id)
				a->target = i + 1;
	}
	free(typed);
}

static void
announce_choose(struct ui *ui, struct announce *a)
{
	const char **options;
	char **labels;
	size_t i;
	int choice;

	if (a->nquartiers + 1 > SYSOP_CHOICES_MAX) {
		announce_type_target(ui, a);
		return;
	}
	options = xcalloc(a->nquartiers + 1, sizeof *options);
	labels = xcalloc(a->nquartiers + 1, sizeof *labels);
	options[0] = _("Every quartier");
	for (i = 0; i < a->nquartiers; i++) {
		labels[i] = xasprintf("%s › %s", a->quartiers[i].city,
		    a->quartiers[i].name);
		options[i + 1] = labels[i];
	}
	choice = ui_choose_filter(ui, _("Pin it on which wall?"), options,
	    (int)a->nquartiers + 1, (int)a->target);
	if (choice >= 0)
		a->target = (size_t)choice;
	for (i = 0; i < a->nquartiers; i++)
		free(labels[i]);
	free(labels);
	free(options);
}

static void
announce_send(struct ui *ui, struct announce *a)
{
	char *target, *question;
	int64_t quartier_id;
	int rc;

	if (editor_empty(&a->title)) {
		a->focus = ANNOUNCE_TITLE;
		ui_error(ui, "%s", _("Write a title."));
		return;
	}
	if (editor_empty(&a->body)) {
		a->focus = ANNOUNCE_BODY;
		ui_error(ui, "%s", _("Write some text first."));
		return;
	}
	target = announce_target(a);
	question = xasprintf(_("Pin this announcement on the wall of %s?"),
	    target);
	if (!ui_confirm(ui, question)) {
		free(question);
		free(target);
		return;
	}
	free(question);
	quartier_id = a->target == 0 ? 0 : a->quartiers[a->target - 1].id;
	rc = store_announce(ui->store, quartier_id, editor_text(&a->title),
	    editor_text(&a->body), NULL);
	if (rc != STORE_OK) {
		/* The draft stays: fix it and publish again. */
		ui_store_error(ui, rc);
		free(target);
		return;
	}
	ui_pop(ui);
	ui_message(ui, _("The announcement is pinned on the wall of %s."),
	    target);
	free(target);
}

static enum ui_result
announce_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct announce *a = view->data;

	if (key->code == KEY_F(2) || ui_key_is_char(key, UI_KEY_CTRL('s'))) {
		announce_send(ui, a);
		return UI_HANDLED;
	}
	if (key->code == KEY_F(3)) {
		announce_choose(ui, a);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, UI_KEY_ESC)) {
		if ((!a->title.changed && !a->body.changed) ||
		    ui_confirm(ui, _("Throw this draft away?")))
			ui_pop(ui);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '\t') || key->code == KEY_BTAB) {
		a->focus = a->focus == ANNOUNCE_TITLE ? ANNOUNCE_BODY :
		    ANNOUNCE_TITLE;
		return UI_HANDLED;
	}
	if (a->focus == ANNOUNCE_TITLE) {
		if (key->code == KEY_DOWN || ui_key_is_enter(key)) {
			a->focus = ANNOUNCE_BODY;
			return UI_HANDLED;
		}
		return editor_key(ui, &a->title, key);
	}
	return editor_key(ui, &a->body, key);
}

const struct screen sysop_announce_screen = {
	.name = "sysop-announce",
	.title = announce_title,
	.enter = announce_enter,
	.draw = announce_draw,
	.key = announce_key,
	.leave = announce_leave,
	.keys = announce_keys,
	.help = N_("An announcement from the sysops stays pinned on top of "
	    "the wall. Press F3 to choose the quartier, or every quartier at "
	    "once; write a title and the text, then press F2 (or Ctrl-S) to "
	    "publish it. Esc leaves, after asking before a draft is thrown "
	    "away."),
};

/*
 * The moderation log, newest first, a page at a time.
 */
struct modlog {
	struct ui_pager		 pager;
	struct mod_log_entry	*list;
	size_t			 n;
};

static const struct ui_keyhelp modlog_keys[] = {
	{ N_("PgDn"), N_("Older"), true },
	{ N_("PgUp"), N_("Newer"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ N_("Home"), N_("First page"), false },
	{ NULL, NULL, false },
};

/* Each entry takes two rows: what was done, then why. */
static int
modlog_rows(struct ui *ui)
{
	int rows = (ui_body_rows(ui) - 2) / 2;

	return rows > 1 ? rows : 1;
}

static void
modlog_load(struct ui *ui, struct modlog *m)
{
	struct actor actor = sysop_actor(ui);
	const struct mod_log_entry *last;
	int limit = modlog_rows(ui), rc;
	size_t shown;
	bool more;

	mod_log_list_free(m->list, m->n);
	m->list = NULL;
	m->n = 0;
	rc = store_mod_log(ui->store, &actor, 0, ui_pager_start(&m->pager),
	    limit + 1, &m->list, &m->n);
	if (rc != STORE_OK)
		ui_store_error(ui, rc);
	/* One more than a page says whether there is a next one; it stays
	 * in the list (M->N) to be freed with the others, but is not shown
	 * (the pager's count). */
	more = (int)m->n > limit;
	shown = more ? (size_t)limit : m->n;
	last = shown > 0 ? &m->list[shown - 1] : NULL;
	ui_pager_loaded(&m->pager, shown, more, last == NULL ? NULL :
	    &(struct wall_cursor){ last->created_at, last->id });
}

static int
modlog_enter(struct ui *ui, struct view *view, void *arg)
{
	struct modlog *m = xcalloc(1, sizeof *m);

	ui_pager_init(&m->pager);
	view->data = m;
	modlog_load(ui, m);
	return 0;
}

static void
modlog_leave(struct ui *ui, struct view *view)
{
	struct modlog *m = view->data;

	mod_log_list_free(m->list, m->n);
	ui_pager_free(&m->pager);
	free(m);
}

static void
modlog_resume(struct ui *ui, struct view *view)
{
	modlog_load(ui, view->data);
}

static const char *
modlog_title(struct ui *ui, struct view *view)
{
	return _("Moderation log");
}

static void
modlog_draw(struct ui *ui, struct view *view)
{
	struct modlog *m = view->data;
	const struct mod_log_entry *e;
	char line[1024], when[64];
	int y = ui_body_top(ui), base, dim;
	size_t i;

	dim = ui_attr(ui, UI_ATTR_DIM);
	ui_list_heading(ui, y, NULL, m->pager.page + 1);
	y += 2;
	if (m->pager.count == 0) {
		ui_paragraph(ui, y, 4, 3, ui->cols - 8, _("Nothing in the "
		    "moderation log yet."), A_NORMAL);
		return;
	}
	for (i = 0; i < m->pager.count; i++, y += 2) {
		e = &m->list[i];
		base = i == m->pager.selected ? ui_attr(ui, UI_ATTR_SELECTED) :
		    (int)A_NORMAL;
		ui_fill(ui, y, 0, ui->cols, base);
		when_format_short(when, sizeof when, e->created_at);
		ui_text(ui, y, 1, 14, when, base);
		snprintf(line, sizeof line, "%s · %s · %s %s%s%s",
		    e->quartier != NULL ? e->quartier : _("every quartier"),
		    e->actor_name, sysop_action_name(e->action),
		    sysop_target_name(e->target_kind),
		    e->target_label != NULL ? " " : "",
		    e->target_label != NULL ? e->target_label : "");
		ui_text_cut(ui, y, 16, ui->cols - 17, line, base);
		ui_text_cut(ui, y + 1, 16, ui->cols - 17, e->reason, dim);
	}
}

static enum ui_result
modlog_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct modlog *m = view->data;

	switch (ui_pager_key(ui, &m->pager, key)) {
	case UI_PAGER_LOAD:
		modlog_load(ui, m);
		return UI_HANDLED;
	case UI_PAGER_OPEN:
	case UI_PAGER_HANDLED:
		return UI_HANDLED;
	case UI_PAGER_IGNORED:
		break;
	}
	if (ui_key_is_back(key)) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

const struct screen sysop_log_screen = {
	.name = "sysop-log",
	.title = modlog_title,
	.enter = modlog_enter,
	.draw = modlog_draw,
	.key = modlog_key,
	.resume = modlog_resume,
	.leave = modlog_leave,
	.keys = modlog_keys,
	.help = N_("Every moderation action of every quartier, newest first: "
	    "when, who, where, what was done to what, and on the line below "
	    "why. PgDn shows older entries, PgUp newer ones."),
};
