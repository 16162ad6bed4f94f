/*
 * moderation.c - reporting ("!" on every board), and the moderators'
 * screens: the queue of open reports, one report with what was reported
 * in full and the actions, and the moderation log.
 *
 * The moderator acts as an actor (store.h): their own account, or the
 * console's system user under quartier --sysop.  Whether they may act on
 * a report is decided by the store; the screens only leave out the keys
 * that cannot apply.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "when.h"
#include "text.h"

/* At most this many lines in one page of the queue or the log. */
#define MOD_PAGE_MAX	100

void
ui_report(struct ui *ui, enum report_target target, int64_t id)
{
	const char *label;
	char *reason;
	int rc;

	switch (target) {
	case REPORT_RESIDENT:
		label = _("Why do you report this neighbour? The moderators "
		    "will read it (empty: cancel).");
		break;
	case REPORT_MESSAGE:
		label = _("Why do you report this message? The moderators "
		    "will read it (empty: cancel).");
		break;
	default:
		label = _("Why do you report this? The moderators will read "
		    "it (empty: cancel).");
		break;
	}
	reason = ui_prompt(ui, label, NULL, false, STORE_REASON_MAX);
	if (reason == NULL || reason[0] == '\0') {
		free(reason);
		ui_message(ui, "%s", _("Nothing was reported."));
		return;
	}
	rc = store_report(ui->store, &ui->viewer, target, id, reason, NULL);
	free(reason);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	ui_message(ui, "%s", _("Thank you, your report has been passed on to "
	    "the moderation."));
}

/* Who acts from this session. */
static struct actor
mod_actor(struct ui *ui)
{
	struct actor a;

	if (ui->sysop_console) {
		a.resident_id = 0;
		a.name = ui->console_user;
	} else {
		a.resident_id = ui->viewer.resident_id;
		a.name = NULL;
	}
	return a;
}

static const char *
target_label(const struct report_info *r)
{
	const char *kind = r->kind != NULL ? r->kind : "";
	const struct board *b;

	switch (r->target) {
	case REPORT_REPLY:
		return _("Reply to a post");
	case REPORT_MESSAGE:
		return _("Private message");
	case REPORT_RESIDENT:
		return _("Resident");
	case REPORT_ITEM:
		break;
	}
	b = board_of_kind(kind);
	return _(b != NULL && b->target != NULL ? b->target : boards[0].target);
}

/* The queue. */

struct mod_queue {
	struct ui_list		 list;		/* of struct report_info */
	int			 total;
};

static const struct ui_keyhelp queue_keys[] = {
	{ "↑↓", N_("Move"), true },
	{ N_("Enter"), N_("Open"), true },
	{ "L", N_("Log"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ N_("PgUp/PgDn"), N_("Page"), false },
	{ NULL, NULL, false },
};

static int
queue_rows(struct ui *ui)
{
	int rows = ui_body_rows(ui) - 3;

	return rows < 1 ? 1 : rows > MOD_PAGE_MAX ? MOD_PAGE_MAX : rows;
}

/* The store pages the queue by position: the pager's key holds it. */
static int
queue_fetch(struct ui *ui, struct ui_list *l, const struct wall_cursor *after,
    int limit, void **rows, size_t *n)
{
	struct mod_queue *q = (struct mod_queue *)l;
	struct actor a = mod_actor(ui);

	if (store_report_count(ui->store, &a, 0, &q->total) != STORE_OK)
		q->total = 0;
	return store_reports_open(ui->store, &a, 0, (int)after->id, limit,
	    (struct report_info **)rows, n);
}

static struct wall_cursor
queue_row_key(const struct ui_list *l, size_t i)
{
	return (struct wall_cursor){ 0,
	    ui_pager_start(&l->pager)->id + (int64_t)i + 1 };
}

static void
queue_free_rows(void *rows, size_t n)
{
	report_info_list_free(rows, n);
}

extern const struct screen mod_report_screen;

static void
queue_open(struct ui *ui, struct ui_list *l, void *row)
{
	(void)l;
	ui_push(ui, &mod_report_screen, row);
}

static void queue_draw_row(struct ui *, struct ui_list *, const void *, int,
    bool, void *);

static const struct ui_list_ops queue_ops = {
	.row_size = sizeof(struct report_info),
	.page_rows = queue_rows,
	.fetch = queue_fetch,
	.row_key = queue_row_key,
	.draw_row = queue_draw_row,
	.open = queue_open,
	.free_rows = queue_free_rows,
};

static int
queue_enter(struct ui *ui, struct view *view, void *arg)
{
	struct actor a = mod_actor(ui);
	int n;

	(void)arg;
	if (store_report_count(ui->store, &a, 0, &n) == STORE_DENIED) {
		ui_error(ui, "%s", _("Moderation is for the moderators and "
		    "sysops."));
		return -1;
	}
	ui_list_enter(ui, view, &queue_ops, sizeof(struct mod_queue));
	return 0;
}

static const char *
queue_title(struct ui *ui, struct view *view)
{
	return _("Moderation");
}

/* The columns of the queue, laid out from the reports of the page. */
enum queue_column {
	QUEUE_KIND,
	QUEUE_QUARTIER,
	QUEUE_EXCERPT,		/* with the count of reports, kept whole */
	QUEUE_AUTHOR,
	QUEUE_DATE,
	QUEUE_COLUMNS,
};

/* The text of one cell of R's row, into BUF. */
static const char *
queue_cell(const struct report_info *r, enum queue_column c, char *buf,
    size_t size)
{
	buf[0] = '\0';
	switch (c) {
	case QUEUE_KIND:
		return target_label(r);
	case QUEUE_QUARTIER:
		return r->quartier;
	case QUEUE_EXCERPT:
		if (r->reports > 1)
			snprintf(buf, size, "%s (%d)", r->excerpt != NULL ?
			    r->excerpt : "", r->reports);
		else
			return r->excerpt != NULL ? r->excerpt : "";
		break;
	case QUEUE_AUTHOR:
		return r->author_name != NULL ? r->author_name :
		    _("The sysops");
	case QUEUE_DATE:
		when_format_ago(buf, size, r->created_at);
		break;
	case QUEUE_COLUMNS:
		break;
	}
	return buf;
}

static void
queue_draw_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct report_info *r = row;
	const struct ui_column *col = ctx, *e = &col[QUEUE_EXCERPT];
	char count[32], buf[512];
	int w, base;

	(void)l;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	ui_fill(ui, y, 0, ui->cols, base);
	if (r->hidden)
		ui_text(ui, y, 0, 2, "×", base | ui_attr(ui, UI_ATTR_ERROR));
	ui_column_draw(ui, y, &col[QUEUE_KIND], target_label(r), base);
	ui_column_draw(ui, y, &col[QUEUE_QUARTIER], r->quartier, base);
	count[0] = '\0';
	if (r->reports > 1)
		snprintf(count, sizeof count, " (%d)", r->reports);
	w = ui_text_cut(ui, y, e->x, e->width - text_width(count),
	    r->excerpt != NULL ? r->excerpt : "", base);
	ui_text(ui, y, e->x + w, e->width - w, count,
	    base | ui_attr(ui, UI_ATTR_UNREAD));
	ui_column_draw(ui, y, &col[QUEUE_AUTHOR], queue_cell(r, QUEUE_AUTHOR,
	    buf, sizeof buf), base);
	ui_column_draw(ui, y, &col[QUEUE_DATE], queue_cell(r, QUEUE_DATE, buf,
	    sizeof buf), base | (selected ? 0 : ui_attr(ui, UI_ATTR_DIM)));
}

static void
queue_draw(struct ui *ui, struct view *view)
{
	struct ui_column col[QUEUE_COLUMNS] = {
		[QUEUE_KIND] = { .min = 6, .max = 16 },
		[QUEUE_QUARTIER] = { .min = 6, .max = 14 },
		[QUEUE_EXCERPT] = { .min = 16, .flags = UI_COLUMN_FILL },
		[QUEUE_AUTHOR] = { .min = 8, .max = 15 },
		[QUEUE_DATE] = { .min = 5, .max = 16,
		    .flags = UI_COLUMN_RIGHT },
	};
	struct mod_queue *q = view->data;
	const struct report_info *r;
	char line[512], buf[512];
	int y = ui_body_top(ui), c;
	size_t i;

	snprintf(line, sizeof line, ngettext("%d report to handle, oldest "
	    "first", "%d reports to handle, oldest first", q->total),
	    q->total);
	ui_list_heading(ui, y, line, q->list.pager.page + 1);
	y += 2;
	if (q->list.n == 0) {
		ui_paragraph(ui, y + 1, 4, 3, ui->cols - 8, _("No report "
		    "waits. Press L to read the moderation log."), A_NORMAL);
		return;
	}
	for (i = 0; i < q->list.n; i++)
		for (c = 0; c < QUEUE_COLUMNS; c++)
			ui_column_measure(&col[c], queue_cell(
			    ui_list_row(&q->list, i), (enum queue_column)c,
			    buf, sizeof buf));
	ui_columns_layout(col, QUEUE_COLUMNS, 2, ui->cols - 3, 1);
	ui_list_draw(ui, &q->list, y, y + queue_rows(ui), col);
	/* The chosen report's reason and reporter, under the list. */
	r = ui_list_selected(&q->list);
	snprintf(line, sizeof line, _("Reported by %s: %s"),
	    r->reporter_name != NULL ? r->reporter_name : "",
	    r->reason != NULL ? r->reason : "");
	ui_text_cut(ui, ui->rows - 3, 1, ui->cols - 2, line,
	    ui_attr(ui, UI_ATTR_INFO));
}

static enum ui_result
queue_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct mod_queue *q = view->data;

	if (ui_list_key(ui, &q->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'L') || ui_key_is_char(key, 'l')) {
		ui_push(ui, &moderation_log_screen, NULL);
		return UI_HANDLED;
	}
	if (ui_key_is_back(key)) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

const struct screen moderation_screen = {
	.name = "moderation",
	.title = queue_title,
	.enter = queue_enter,
	.draw = queue_draw,
	.key = queue_key,
	.resume = ui_list_resume,
	.changes = CHANGE_REPORTS,
	.leave = ui_list_leave,
	.keys = queue_keys,
	.help = N_("The reports waiting for a moderator, oldest first: what "
	    "was reported (a post, a reply, an ad, a lending item, an event, "
	    "a message or a resident), its quartier, its beginning, its "
	    "author and when. A number in brackets says how many neighbours "
	    "reported it; × marks what is hidden already. Under the list are "
	    "the chosen report's reporter and reason. Press Enter to read it "
	    "in full and act; L shows the moderation log."),
};

/* One report and the actions. */

struct mod_report {
	struct report_info	 r;	/* a copy; its strings are ours */
	struct ui_doc		 doc;
};

static const struct ui_keyhelp report_keys[] = {
	{ "h", N_("Hide"), true },
	{ "r", N_("Restore"), true },
	{ "w", N_("Warn"), true },
	{ "s", N_("Suspend"), true },
	{ "l", N_("Lift"), true },
	{ "x", N_("Dismiss"), true },
	{ "o", N_("Open"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ "↑↓", N_("Scroll"), false },
	{ NULL, NULL, false },
};

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static int
report_enter(struct ui *ui, struct view *view, void *arg)
{
	const struct report_info *from = arg;
	struct mod_report *m = xcalloc(1, sizeof *m);

	m->r = *from;
	m->r.kind = dup_or_null(from->kind);
	m->r.excerpt = dup_or_null(from->excerpt);
	m->r.text = dup_or_null(from->text);
	m->r.author_name = dup_or_null(from->author_name);
	m->r.reporter_name = dup_or_null(from->reporter_name);
	m->r.quartier = dup_or_null(from->quartier);
	m->r.reason = dup_or_null(from->reason);
	view->data = m;
	return 0;
}

static void
report_leave(struct ui *ui, struct view *view)
{
	struct mod_report *m = view->data;
	struct report_info *one = xmalloc(sizeof *one);

	ui_doc_clear(&m->doc);
	/* The list function frees the strings, then the array of one. */
	*one = m->r;
	report_info_list_free(one, 1);
	free(m);
}

static const char *
report_title(struct ui *ui, struct view *view)
{
	return _("Report to handle");
}

static void
report_layout(struct ui *ui, struct mod_report *m, int cols)
{
	const struct report_info *r = &m->r;
	struct ui_doc *d = &m->doc;
	char line[512], when[128];

	ui_doc_clear(d);
	d->cols = cols;
	snprintf(line, sizeof line, "%s · %s", target_label(r),
	    r->quartier != NULL ? r->quartier : "");
	ui_doc_paragraph(d, line, 0, UI_ATTR_TITLE);
	ui_doc_field(d, _("Author:"), r->author_name != NULL ?
	    r->author_name : _("The sysops"), UI_ATTR_NORMAL);
	when_format_moment(when, sizeof when, r->created_at);
	snprintf(line, sizeof line, "%s, %s", r->reporter_name != NULL ?
	    r->reporter_name : "", when);
	ui_doc_field(d, _("Reported by:"), line, UI_ATTR_NORMAL);
	ui_doc_field(d, _("Reason:"), r->reason, UI_ATTR_NORMAL);
	if (r->reports > 1) {
		snprintf(line, sizeof line, ngettext("%d neighbour reported "
		    "it", "%d neighbours reported it", r->reports), r->reports);
		ui_doc_paragraph(d, line, 0, UI_ATTR_INFO);
	}
	if (r->hidden)
		ui_doc_paragraph(d, r->target == REPORT_RESIDENT ?
		    _("This resident is suspended.") :
		    _("This is hidden by the moderation."), 0, UI_ATTR_ERROR);
	ui_doc_blank(d);
	ui_doc_add_line(d, "──", strlen("──"), 0, UI_ATTR_DIM);
	ui_doc_paragraph(d, r->text != NULL ? r->text :
	    _("(It is no longer there.)"), 0, UI_ATTR_NORMAL);
}

static void
report_draw(struct ui *ui, struct view *view)
{
	struct mod_report *m = view->data;
	int y = ui_body_top(ui) + 1, rows = ui_body_rows(ui) - 1;

	if (m->doc.cols != ui->cols - 4)
		report_layout(ui, m, ui->cols - 4);
	ui_doc_draw(ui, &m->doc, y, rows, UI_DOC_UNMARKED);
}

/*
 * The reason for an action, asked until it is given or the moderator
 * gives up (NULL): it goes into the log.  The queue and the console ask
 * it the same way.
 */
char *
ui_mod_reason(struct ui *ui, const char *question, const char *initial)
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
 * what was typed, so nothing is lost.  Frees REASON; NULL if the
 * moderator gives up.
 */
char *
ui_mod_reason_again(struct ui *ui, char *reason)
{
	char *again;

	ui_store_error(ui, STORE_INVALID);
	again = ui_mod_reason(ui, _("Why? (the reason goes into the "
	    "moderation log)"), reason);
	free(reason);
	return again;
}

/* How long a suspension lasts: *UNTIL, 0 until lifted; false: cancelled. */
bool
ui_mod_suspension(struct ui *ui, int64_t *until)
{
	const char *options[] = { _("1 day"), _("7 days"), _("30 days"),
	    _("Another number of days"), _("Until lifted") };
	static const int days[] = { 1, 7, 30, 0, 0 };
	char *typed, *end;
	long n;
	int choice;

	choice = ui_choose(ui, _("Suspend for how long?"), options, 5, 1);
	if (choice < 0)
		return false;
	n = days[choice];
	if (choice == 3) {
		typed = ui_prompt(ui, _("Number of days (1 to 3650):"), NULL,
		    false, 4);
		if (typed == NULL)
			return false;
		n = strtol(typed, &end, 10);
		if (*typed == '\0' || *end != '\0' || n < 1 || n > 3650) {
			ui_error(ui, "%s", _("Type a number of days from 1 to "
			    "3650."));
			free(typed);
			return false;
		}
		free(typed);
	}
	*until = n > 0 ? now_seconds() + (int64_t)n * 86400 : 0;
	return true;
}

/* The reason of an action from the queue, then a confirmation. */
static char *
report_reason(struct ui *ui, const char *question)
{
	char *reason;

	reason = ui_mod_reason(ui, _("Reason (written in the log; required):"),
	    NULL);
	if (reason == NULL)
		return NULL;
	if (!ui_confirm(ui, question)) {
		free(reason);
		ui_message(ui, "%s", _("Nothing was done."));
		return NULL;
	}
	return reason;
}

/* The resident an action on a person is for. */
static int64_t
report_person(const struct report_info *r)
{
	return r->author_id;
}

static void
report_act(struct ui *ui, struct mod_report *m, int action)
{
	struct actor a = mod_actor(ui);
	const struct report_info *r = &m->r;
	const char *done = NULL;
	char *reason = NULL;
	int64_t until = 0;
	int rc = STORE_OK;

	switch (action) {
	case 'h':
		if ((reason = report_reason(ui, _("Hide it from everyone but "
		    "its author?"))) == NULL)
			return;
		rc = store_mod_hide(ui->store, &a, r->target, r->target_id,
		    reason);
		done = _("Hidden. Its author sees why.");
		break;
	case 'r':
		if ((reason = report_reason(ui, _("Show it again to "
		    "everyone?"))) == NULL)
			return;
		rc = store_mod_restore(ui->store, &a, r->target, r->target_id,
		    reason);
		done = _("Restored.");
		break;
	case 'w':
		if ((reason = report_reason(ui, _("Send this warning to the "
		    "author?"))) == NULL)
			return;
		rc = store_mod_warn(ui->store, &a, report_person(r), reason,
		    r->target == REPORT_ITEM ? r->target_id :
		    r->target == REPORT_REPLY ? r->item_id : 0);
		done = _("The warning is sent.");
		break;
	case 's':
		if (!ui_mod_suspension(ui, &until))
			return;
		if ((reason = report_reason(ui, until == 0 ?
		    _("Suspend this resident until lifted?") :
		    _("Suspend this resident?"))) == NULL)
			return;
		rc = store_mod_suspend(ui->store, &a, report_person(r), until,
		    reason);
		done = _("Suspended.");
		break;
	case 'l':
		if ((reason = report_reason(ui, _("Lift the suspension?")))
		    == NULL)
			return;
		rc = store_mod_lift(ui->store, &a, report_person(r), reason);
		done = _("The suspension is lifted.");
		break;
	case 'x':
		if ((reason = report_reason(ui, _("Dismiss this report: "
		    "nothing to do?"))) == NULL)
			return;
		rc = store_report_dismiss(ui->store, &a, r->id, reason);
		done = _("Report dismissed.");
		break;
	default:
		return;
	}
	free(reason);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	/* Its reports are closed: back to the queue. */
	ui_pop(ui);
	ui_message(ui, "%s", done);
}

/* Open the reported item on its board, as a resident of its quartier. */
static void
report_open(struct ui *ui, const struct report_info *r)
{
	if (!board_open_item(ui, r->kind, r->item_id))
		ui_push(ui, &post_screen, &(int64_t){ r->item_id });
}

static bool
report_key_shown(struct ui *ui, struct view *view, const struct ui_keyhelp *k)
{
	struct mod_report *m = view->data;
	const struct report_info *r = &m->r;
	bool thing = r->target != REPORT_RESIDENT;

	switch (k->key[0]) {
	case 'h':
		return thing && !r->hidden;
	case 'r':
		return thing && r->hidden;
	case 'w':
	case 's':
		return r->author_id != 0;
	case 'l':
		return !thing && r->hidden;
	case 'o':
		/* Boards show what a resident of the quartier sees. */
		return r->item_id != 0 && !r->hidden && !ui->sysop_console &&
		    r->quartier_id == ui->me.quartier_id;
	default:
		return true;
	}
}

static enum ui_result
report_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct mod_report *m = view->data;
	int rows = ui_body_rows(ui) - 1;
	static const char actions[] = "hrwslx";
	const struct ui_keyhelp *k;

	if (ui_key_is_back(key) || key->code == KEY_LEFT) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	if (ui_doc_key(&m->doc, rows, key) == UI_HANDLED)
		return UI_HANDLED;
	if (key->code != 0 || key->ch > 0x7f)
		return UI_IGNORED;
	for (k = report_keys; k->key != NULL; k++) {
		if (k->key[0] != (char)key->ch || k->key[1] != '\0')
			continue;
		if (!report_key_shown(ui, view, k)) {
			ui_error(ui, "%s", _("This action does not apply to "
			    "this report."));
			return UI_HANDLED;
		}
		if (key->ch == 'o')
			report_open(ui, &m->r);
		else if (strchr(actions, (int)key->ch) != NULL)
			report_act(ui, m, (int)key->ch);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

const struct screen mod_report_screen = {
	.name = "moderation-report",
	.title = report_title,
	.enter = report_enter,
	.draw = report_draw,
	.key = report_key,
	.leave = report_leave,
	.keys = report_keys,
	.key_shown = report_key_shown,
	.help = N_("One report, with what was reported in full. h hides it "
	    "from everyone but its author, who sees that it was hidden and "
	    "why; r shows it again. w sends its author a warning by mail, "
	    "marked as from the moderation. s suspends the author (for a day, "
	    "a week, a month, a number of days or until lifted) and l "
	    "lifts a suspension. x dismisses the report when nothing is "
	    "wrong. o opens the item on its board. Every action asks for a "
	    "reason, which is written in the moderation log, and a "
	    "confirmation."),
};

/* The log. */

struct mod_log {
	struct ui_list		 list;		/* of struct mod_log_entry */
};

static const struct ui_keyhelp log_keys[] = {
	{ "↑↓", N_("Move"), true },
	{ "r", N_("Restore"), true },
	{ N_("PgUp/PgDn"), N_("Page"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ NULL, NULL, false },
};

static int
log_rows(struct ui *ui)
{
	int rows = ui_body_rows(ui) - 6;

	return rows < 1 ? 1 : rows > MOD_PAGE_MAX ? MOD_PAGE_MAX : rows;
}

/* The actor's scope: a moderator's quartier, or everywhere. */
static int
log_fetch(struct ui *ui, struct ui_list *l, const struct wall_cursor *after,
    int limit, void **rows, size_t *n)
{
	struct actor a = mod_actor(ui);

	(void)l;
	return store_mod_log(ui->store, &a, 0, after, limit,
	    (struct mod_log_entry **)rows, n);
}

static struct wall_cursor
log_row_key(const struct ui_list *l, size_t i)
{
	const struct mod_log_entry *e = ui_list_row(l, i);

	return (struct wall_cursor){ e->created_at, e->id };
}

static void
log_draw_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct mod_log_entry *e = row;
	char line[1024], date[128];
	int base, date_w = 16, actor_w = 16, x = 1;

	(void)l;
	(void)ctx;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	ui_fill(ui, y, 0, ui->cols, base);
	when_format_ago(date, sizeof date, e->created_at);
	ui_text_cut(ui, y, x, date_w - 1, date, base);
	x += date_w;
	ui_text_cut(ui, y, x, actor_w - 1, e->actor_name, base);
	x += actor_w;
	if (e->target_label != NULL)
		snprintf(line, sizeof line, _("%s · %s “%s”"),
		    mod_action_word(e->action),
		    mod_target_word(e->target_kind), e->target_label);
	else
		snprintf(line, sizeof line, "%s · %s",
		    mod_action_word(e->action),
		    mod_target_word(e->target_kind));
	ui_text_cut(ui, y, x, ui->cols - x - 1, line, base);
}

static void
log_free_rows(void *rows, size_t n)
{
	mod_log_list_free(rows, n);
}

static const struct ui_list_ops log_ops = {
	.row_size = sizeof(struct mod_log_entry),
	.page_rows = log_rows,
	.fetch = log_fetch,
	.row_key = log_row_key,
	.draw_row = log_draw_row,
	.free_rows = log_free_rows,
};

static int
log_enter(struct ui *ui, struct view *view, void *arg)
{
	(void)arg;
	ui_list_enter(ui, view, &log_ops, sizeof(struct mod_log));
	return 0;
}

static const char *
log_title(struct ui *ui, struct view *view)
{
	return _("Moderation log");
}

static void
log_draw(struct ui *ui, struct view *view)
{
	struct mod_log *l = view->data;
	const struct mod_log_entry *e;
	char line[1024], date[128];
	int y = ui_body_top(ui);

	snprintf(line, sizeof line, "%s", _("Who did what, when and why, "
	    "newest first"));
	ui_list_heading(ui, y, line, l->list.pager.page + 1);
	y += 2;
	if (l->list.n == 0) {
		ui_paragraph(ui, y + 1, 4, 3, ui->cols - 8,
		    _("Nothing in the log yet."), A_NORMAL);
		return;
	}
	ui_list_draw(ui, &l->list, y, y + log_rows(ui), NULL);
	/* The chosen line in full: where, and why. */
	e = ui_list_selected(&l->list);
	when_format_moment(date, sizeof date, e->created_at);
	snprintf(line, sizeof line, "%s · %s · %s", date, e->actor_name,
	    e->quartier != NULL ? e->quartier : _("all quartiers"));
	ui_text_cut(ui, ui->rows - 5, 1, ui->cols - 2, line,
	    ui_attr(ui, UI_ATTR_DIM));
	snprintf(line, sizeof line, _("Why: %s"), e->reason);
	ui_paragraph(ui, ui->rows - 4, 1, 2, ui->cols - 2, line,
	    ui_attr(ui, UI_ATTR_INFO));
}

/* What a line of the log hid, if it can be restored from here. */
static bool
log_hidden_target(const struct mod_log_entry *e, enum report_target *t)
{
	static const struct {
		const char		*kind;	/* moderation_log.target_kind */
		enum report_target	 target;
	} hidden[] = {
		{ "item", REPORT_ITEM },
		{ "reply", REPORT_REPLY },
		{ "message", REPORT_MESSAGE },
	};
	size_t i;

	if (e->action == NULL || strcmp(e->action, "hide") != 0 ||
	    e->target_kind == NULL)
		return false;
	for (i = 0; i < sizeof hidden / sizeof hidden[0]; i++) {
		if (strcmp(e->target_kind, hidden[i].kind) == 0) {
			*t = hidden[i].target;
			return true;
		}
	}
	return false;
}

static bool
log_key_shown(struct ui *ui, struct view *view, const struct ui_keyhelp *k)
{
	struct mod_log *l = view->data;
	const struct mod_log_entry *e = ui_list_selected(&l->list);
	enum report_target t;

	if (strcmp(k->key, "r") != 0)
		return true;
	return e != NULL && log_hidden_target(e, &t);
}

/* Restore what the chosen line hid: the queue only has open reports. */
static void
log_restore(struct ui *ui, struct mod_log *l)
{
	struct actor a = mod_actor(ui);
	const struct mod_log_entry *e = ui_list_selected(&l->list);
	enum report_target t;
	char *reason;
	int rc;

	if (e == NULL || !log_hidden_target(e, &t)) {
		ui_error(ui, "%s", _("Choose a line where something was "
		    "hidden to restore it."));
		return;
	}
	if ((reason = report_reason(ui, _("Show it again to everyone?")))
	    == NULL)
		return;
	rc = store_mod_restore(ui->store, &a, t, e->target_id, reason);
	free(reason);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	ui_list_reload_first(ui, &l->list);
	ui_message(ui, "%s", _("Restored."));
}

static enum ui_result
log_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct mod_log *l = view->data;

	if (ui_list_key(ui, &l->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'r') || ui_key_is_char(key, 'R')) {
		log_restore(ui, l);
		return UI_HANDLED;
	}
	if (ui_key_is_back(key) || key->code == KEY_LEFT) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

const struct screen moderation_log_screen = {
	.name = "moderation-log",
	.title = log_title,
	.enter = log_enter,
	.draw = log_draw,
	.key = log_key,
	.resume = ui_list_resume,
	.changes = CHANGE_REPORTS,
	.leave = ui_list_leave,
	.keys = log_keys,
	.key_shown = log_key_shown,
	.help = N_("Every moderation action, newest first: when, who, what "
	    "was done and to what. Under the list are the chosen line's "
	    "quartier and its reason in full. On a line where something was "
	    "hidden, r restores it (with a reason, like every action). "
	    "Moderators see their quartier's log; sysops see everything."),
};
