/*
 * events.c - événements: the agenda of the quartier grouped by day, one
 * event with the resident's answer, the list of who comes, and the form
 * to propose or change an event.
 *
 * The agenda holds one page of events in memory, fetched from the key of
 * the last event of the page before (see store_event_page); day headings
 * take rows too, so a page holds what fits and the next one starts right
 * after it.  Dates are read and written by when.c, in the resident's
 * language and the quartier's time zone.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "text.h"
#include "when.h"

/* The store refuses more places too; checked here to name the field. */
#define EVENT_CAPACITY_MAX	10000

static const struct screen attendees_screen;

/* What the resident's own answer looks like in a narrow column. */
static const char *
answer_label(const struct event *e, char *buf, size_t size)
{
	if (e->mine)
		return _("hosting");
	if (e->cancelled)
		return "";
	switch (e->my_answer) {
	case RSVP_YES:
		if (e->my_position > 0) {
			snprintf(buf, size, _("in line #%d"), e->my_position);
			return buf;
		}
		return _("✓ going");
	case RSVP_MAYBE:
		return _("? maybe");
	case RSVP_NO:
		return _("✗ not going");
	case RSVP_NONE:
		break;
	}
	return "";
}

/* "12/20 going", "full", "5 going", "Cancelled". */
static void
places_label(const struct event *e, char *buf, size_t size)
{
	if (e->cancelled)
		snprintf(buf, size, "%s", _("Cancelled"));
	else if (e->capacity > 0 && e->yes >= e->capacity)
		snprintf(buf, size, "%s", _("full"));
	else if (e->capacity > 0)
		snprintf(buf, size, ngettext("%d/%d going", "%d/%d going",
		    e->yes), e->yes, e->capacity);
	else
		snprintf(buf, size, ngettext("%d going", "%d going", e->yes),
		    e->yes);
}

/*
 * The agenda.
 */

struct agenda {
	struct ui_list		 list;		/* of struct event */
	bool			 archive;
	int			 loaded_rows;
	int64_t			 now;
};

static const struct ui_keyhelp agenda_keys[] = {
	{ N_("Enter"), N_("Open"), true },
	{ "n", N_("New event"), true },
	{ "a", N_("Archive"), true },
	{ N_("PgDn"), N_("More"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ N_("PgUp"), N_("Previous page"), false },
	{ N_("Home"), N_("First page"), false },
	{ NULL, NULL, false },
};

/* Lines of the list, day headings included. */
static int
agenda_rows(struct ui *ui)
{
	int rows = ui_body_rows(ui) - 2;

	return rows > 2 ? rows : 2;
}

static int
agenda_fetch(struct ui *ui, struct ui_list *l, const struct wall_cursor *after,
    int limit, void **rows, size_t *n)
{
	struct agenda *a = (struct agenda *)l;

	a->now = now_seconds();
	a->loaded_rows = agenda_rows(ui);
	return store_event_page(ui->store, &ui->viewer, a->archive, after,
	    limit, (struct event **)rows, n);
}

/* The agenda goes by date: a page follows the start of its last event,
 * not when it was posted. */
static struct wall_cursor
agenda_row_key(const struct ui_list *l, size_t i)
{
	const struct event *e = ui_list_row(l, i);

	return (struct wall_cursor){ e->starts_at, e->id };
}

/* A day's heading above its first event, and at the top of a page. */
static const char *
agenda_heading(struct ui *ui, const struct ui_list *l, const void *row,
    const void *previous, char *buf, size_t size)
{
	const struct agenda *a = (const struct agenda *)l;
	const struct event *e = row, *p = previous;

	if (p != NULL && when_same_day(e->starts_at, p->starts_at))
		return NULL;
	when_day_heading(buf, size, e->starts_at, a->now);
	return buf;
}

static void
agenda_open(struct ui *ui, struct ui_list *l, void *row)
{
	const struct event *e = row;

	(void)l;
	ui_push(ui, &event_screen, &(int64_t){ e->id });
}

static void
agenda_free_rows(void *rows, size_t n)
{
	event_list_free(rows, n);
}

static void agenda_draw_row(struct ui *, struct ui_list *, const void *, int,
    bool, void *);

static const struct ui_list_ops agenda_ops = {
	.row_size = sizeof(struct event),
	.page_rows = agenda_rows,
	.fetch = agenda_fetch,
	.row_key = agenda_row_key,
	.heading = agenda_heading,
	.draw_row = agenda_draw_row,
	.open = agenda_open,
	.free_rows = agenda_free_rows,
};

static int
agenda_enter(struct ui *ui, struct view *view, void *arg)
{
	(void)arg;
	store_board_visit(ui->store, &ui->viewer, "events");
	ui_list_enter(ui, view, &agenda_ops, sizeof(struct agenda));
	return 0;
}

static void
agenda_resume(struct ui *ui, struct view *view)
{
	ui_list_resume(ui, view);
	ui_refresh_counts(ui);
}

static const char *
agenda_title(struct ui *ui, struct view *view)
{
	return _("Events");
}

/* The columns of the agenda, laid out from the events of the page. */
enum agenda_column {
	AGENDA_TIME,
	AGENDA_TITLE,
	AGENDA_PLACE,
	AGENDA_PLACES,
	AGENDA_ANSWER,
	AGENDA_COLUMNS,
};

/* The text of one cell of E's row, into BUF. */
static const char *
agenda_cell(const struct event *e, enum agenda_column c, char *buf,
    size_t size)
{
	buf[0] = '\0';
	switch (c) {
	case AGENDA_TIME:
		when_format_time(buf, size, e->starts_at);
		break;
	case AGENDA_TITLE:
		return e->title;
	case AGENDA_PLACE:
		return e->place;
	case AGENDA_PLACES:
		places_label(e, buf, size);
		break;
	case AGENDA_ANSWER:
		/* The organiser's own event, hidden by moderation, says so. */
		if (e->hidden)
			return _("hidden");
		return answer_label(e, buf, size);
	case AGENDA_COLUMNS:
		break;
	}
	return buf;
}

/*
 * One event: the cells in their columns.  Each has its own position, so
 * a wide character in a title never moves the next column.
 */
static void
agenda_draw_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct ui_column *col = ctx;
	const struct event *e = row;
	char buf[512];
	int base, attr;

	(void)l;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	ui_fill(ui, y, 0, ui->cols, base);
	ui_column_draw(ui, y, &col[AGENDA_TIME], agenda_cell(e, AGENDA_TIME,
	    buf, sizeof buf), base);
	attr = base | (e->cancelled ? ui_attr(ui, UI_ATTR_DIM) : 0);
	ui_column_draw(ui, y, &col[AGENDA_TITLE], e->title, attr);
	ui_column_draw(ui, y, &col[AGENDA_PLACE], e->place, base);
	attr = base;
	if (!selected && e->cancelled)
		attr = ui_attr(ui, UI_ATTR_ERROR);
	else if (!selected)
		attr = ui_attr(ui, UI_ATTR_DIM);
	ui_column_draw(ui, y, &col[AGENDA_PLACES], agenda_cell(e,
	    AGENDA_PLACES, buf, sizeof buf), attr);
	ui_column_draw(ui, y, &col[AGENDA_ANSWER], agenda_cell(e,
	    AGENDA_ANSWER, buf, sizeof buf),
	    base | (e->hidden ? ui_attr(ui, UI_ATTR_ERROR) :
	    e->my_answer == RSVP_YES && !selected ?
	    ui_attr(ui, UI_ATTR_INFO) : 0));
}

static void
agenda_draw(struct ui *ui, struct view *view)
{
	struct ui_column col[AGENDA_COLUMNS] = {
		[AGENDA_TIME] = { .min = 5, .max = 9 },
		[AGENDA_TITLE] = { .min = 16, .flags = UI_COLUMN_FILL },
		[AGENDA_PLACE] = { .min = 8, .max = 16 },
		[AGENDA_PLACES] = { .min = 4, .max = 15 },
		[AGENDA_ANSWER] = { .max = 13 },
	};
	struct agenda *a = view->data;
	int y = ui_body_top(ui), rows = agenda_rows(ui), c;
	char text[256], buf[512];
	size_t i;

	/* A resize changed how much fits: fetch the page again. */
	if (a->loaded_rows != rows)
		ui_list_load(ui, &a->list);
	ui_list_heading(ui, y, a->archive ?
	    _("Archive: events that are over") : _("Coming up"),
	    a->list.pager.page + 1);
	if (!a->archive) {
		snprintf(text, sizeof text, _("Today: %d · this week: %d"),
		    ui->counts.events_today, ui->counts.events_week);
		ui_text(ui, y + 1, 1, ui->cols - 2, text,
		    ui_attr(ui, UI_ATTR_DIM));
	}
	y += 2;
	if (a->list.n == 0) {
		ui_paragraph(ui, y + 1, 4, 3, ui->cols - 8, a->archive ?
		    _("No event is over yet. Press a to see what is coming "
		    "up.") : a->list.pager.page > 0 ?
		    _("Nothing more. Press PgUp or Home to go back.") :
		    _("Nothing planned yet. Press n to propose an event to "
		    "your neighbours."), A_NORMAL);
		return;
	}
	for (i = 0; i < a->list.n; i++)
		for (c = 0; c < AGENDA_COLUMNS; c++)
			ui_column_measure(&col[c], agenda_cell(
			    ui_list_row(&a->list, i), (enum agenda_column)c,
			    buf, sizeof buf));
	ui_columns_layout(col, AGENDA_COLUMNS, 2, ui->cols - 3, 1);
	ui_list_draw(ui, &a->list, y, y + rows, col);
}

static enum ui_result
agenda_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct agenda *a = view->data;

	if (ui_list_key(ui, &a->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'n') || ui_key_is_char(key, 'N')) {
		ui_push(ui, &event_form_screen, NULL);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'a') || ui_key_is_char(key, 'A')) {
		a->archive = !a->archive;
		ui_list_reload_first(ui, &a->list);
		return UI_HANDLED;
	}
	if (ui_key_is_back(key)) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

const struct screen events_screen = {
	.name = "events",
	.title = agenda_title,
	.enter = agenda_enter,
	.draw = agenda_draw,
	.key = agenda_key,
	.resume = agenda_resume,
	.changes = CHANGE_EVENTS,
	.leave = ui_list_leave,
	.keys = agenda_keys,
	.help = N_("The agenda of the quartier: what is coming up, soonest "
	    "first, by day. Each line gives the time, the title, the place, "
	    "how many are going (\"full\" when every place is taken) and your "
	    "answer. Press Enter to open an event and answer, n to propose "
	    "one, a to switch to the archive of events that are over and "
	    "back. A cancelled event stays on the agenda, marked, until its "
	    "day is over."),
};

/*
 * A document that scrolls: the event, or the list of who comes.
 */

/* Rows of the document: the body less a blank line above it. */
static int
doc_rows(struct ui *ui)
{
	return ui_body_rows(ui) - 1;
}

/*
 * One event.
 */

struct event_view {
	int64_t		 id;
	bool		 gone;
	struct event	 event;
	struct ui_doc	 doc;
};

static const struct ui_keyhelp event_keys[] = {
	{ "y", N_("Yes"), true },
	{ "m", N_("Maybe"), true },
	{ "n", N_("No"), true },
	{ "l", N_("List"), true },
	{ "e", N_("Edit"), true },
	{ "c", N_("Cancel it"), true },
	{ "!", N_("Report"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ "o / p", N_("Yes / maybe (oui, peut-être)"), false },
	{ "x", N_("No"), false },
	{ "↑↓", N_("Scroll"), false },
	{ N_("PgUp/PgDn"), N_("Scroll a page"), false },
	{ NULL, NULL, false },
};

static void
event_layout(struct ui *ui, struct event_view *ev, int cols)
{
	const struct event *e = &ev->event;
	struct ui_doc *d = &ev->doc;
	char text[512], span[320];
	int64_t now = now_seconds();
	bool over;

	ui_doc_clear(d);
	d->cols = cols;
	over = e->ends_at != 0 ? e->ends_at <= now :
	    e->starts_at < when_day_start(now);
	ui_doc_paragraph(d, e->title, 0, UI_ATTR_TITLE);
	/* Only its organiser sees a hidden event: tell them why. */
	if (e->hidden) {
		snprintf(text, sizeof text, _("Hidden by the moderation: %s"),
		    e->hidden_reason != NULL ? e->hidden_reason : "");
		ui_doc_paragraph(d, text, 0, UI_ATTR_ERROR);
	}
	if (e->cancelled) {
		ui_doc_paragraph(d, _("Cancelled by its organiser: it will not "
		    "take place."), 0, UI_ATTR_ERROR);
		if (e->cancel_reason != NULL)
			ui_doc_field(d, _("Why:"), e->cancel_reason,
			    UI_ATTR_NORMAL);
	}
	else if (over)
		ui_doc_paragraph(d, _("This event is over."), 0, UI_ATTR_DIM);
	else if (e->starts_at <= now)
		ui_doc_paragraph(d, _("Happening now."), 0, UI_ATTR_INFO);
	ui_doc_blank(d);
	when_format_span(span, sizeof span, e->starts_at, e->ends_at);
	ui_doc_field(d, _("When:"), span, UI_ATTR_NORMAL);
	ui_doc_field(d, _("Where:"), e->place, UI_ATTR_NORMAL);
	ui_doc_field(d, _("Organised by:"), e->organiser_name != NULL ?
	    e->organiser_name : "", UI_ATTR_NORMAL);
	if (e->capacity > 0) {
		/* TRANSLATORS: the plural follows the places taken. */
		snprintf(text, sizeof text, ngettext("%d of %d places taken",
		    "%d of %d places taken", e->yes), e->yes, e->capacity);
		if (e->yes >= e->capacity) {
			snprintf(span, sizeof span, " (%s)", _("full"));
			strncat(text, span, sizeof text - strlen(text) - 1);
		}
		if (e->waiting > 0) {
			snprintf(span, sizeof span, ngettext(", %d waiting",
			    ", %d waiting", e->waiting), e->waiting);
			strncat(text, span, sizeof text - strlen(text) - 1);
		}
	} else
		snprintf(text, sizeof text, ngettext("%d going, no limit",
		    "%d going, no limit", e->yes), e->yes);
	ui_doc_field(d, _("Places:"), text, UI_ATTR_NORMAL);
	snprintf(text, sizeof text, ngettext("%d yes, %d maybe",
	    "%d yes, %d maybe", e->maybe), e->yes + e->waiting, e->maybe);
	ui_doc_field(d, _("Answers:"), text, UI_ATTR_NORMAL);
	ui_doc_blank(d);
	if (e->mine)
		snprintf(text, sizeof text, "%s", _("You organise this event: "
		    "e changes it, c cancels it; l shows who comes."));
	else if (e->my_answer == RSVP_YES && e->my_position > 0)
		snprintf(text, sizeof text, _("Your answer: yes, and you are "
		    "number %d on the waiting list. A mail will tell you if "
		    "a place frees up."), e->my_position);
	else if (e->my_answer == RSVP_YES)
		snprintf(text, sizeof text, "%s", _("Your answer: yes, you "
		    "have a place."));
	else if (e->my_answer == RSVP_MAYBE)
		snprintf(text, sizeof text, "%s", _("Your answer: maybe."));
	else if (e->my_answer == RSVP_NO)
		snprintf(text, sizeof text, "%s", _("Your answer: no."));
	else if (e->cancelled || over)
		text[0] = '\0';
	else
		snprintf(text, sizeof text, "%s", _("You have not answered: "
		    "press y (yes), m (maybe) or n (no)."));
	if (text[0] != '\0')
		ui_doc_paragraph(d, text, 0, e->my_answer == RSVP_YES ?
		    UI_ATTR_INFO : UI_ATTR_NORMAL);
	if (e->body != NULL && e->body[0] != '\0') {
		ui_doc_blank(d);
		ui_doc_paragraph(d, e->body, 0, UI_ATTR_NORMAL);
	}
	if (e->updated_at > 0) {
		ui_doc_blank(d);
		when_format_long(span, sizeof span, e->updated_at);
		snprintf(text, sizeof text, _("Changed on %s."), span);
		ui_doc_paragraph(d, text, 0, UI_ATTR_DIM);
	}
}

static void
event_load(struct ui *ui, struct event_view *ev)
{
	int rc;

	event_clear(&ev->event);
	ui_doc_clear(&ev->doc);
	rc = store_event_get(ui->store, &ui->viewer, ev->id, &ev->event);
	ev->gone = rc != STORE_OK;
	if (rc != STORE_OK)
		ui_store_error(ui, rc);
}

static int
event_enter(struct ui *ui, struct view *view, void *arg)
{
	struct event_view *ev = xcalloc(1, sizeof *ev);

	ev->id = *(const int64_t *)arg;
	view->data = ev;
	event_load(ui, ev);
	return 0;
}

static void
event_leave(struct ui *ui, struct view *view)
{
	struct event_view *ev = view->data;

	event_clear(&ev->event);
	ui_doc_clear(&ev->doc);
	free(ev);
}

static void
event_resume(struct ui *ui, struct view *view)
{
	struct event_view *ev = view->data;
	int top = ev->doc.top;

	event_load(ui, ev);
	ev->doc.top = top;
	ui_refresh_counts(ui);
}

static const char *
event_title(struct ui *ui, struct view *view)
{
	struct event_view *ev = view->data;

	return ev->gone ? _("Event") : ev->event.title;
}

static void
event_draw(struct ui *ui, struct view *view)
{
	struct event_view *ev = view->data;

	if (ev->gone) {
		ui_paragraph(ui, ui_body_top(ui) + 2, 4, 3, ui->cols - 8,
		    _("This event is no longer on the agenda. Press q to go "
		    "back."), A_NORMAL);
		return;
	}
	if (ev->doc.cols != ui->cols - 4)
		event_layout(ui, ev, ui->cols - 4);
	ui_doc_draw(ui, &ev->doc, ui_body_top(ui) + 1, doc_rows(ui),
	    UI_DOC_UNMARKED);
}

static void
event_answer(struct ui *ui, struct event_view *ev, enum rsvp_answer answer)
{
	int rc, position = 0;

	rc = store_event_rsvp(ui->store, &ui->viewer, ev->id, answer,
	    &position);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	event_load(ui, ev);
	ui_refresh_counts(ui);
	if (answer == RSVP_YES && position > 0)
		ui_message(ui, _("It is full: you are number %d on the "
		    "waiting list. A mail will tell you if a "
		    "place frees up."), position);
	else if (answer == RSVP_YES)
		ui_message(ui, "%s", _("Noted: you are going."));
	else if (answer == RSVP_MAYBE)
		ui_message(ui, "%s", _("Noted: maybe."));
	else
		ui_message(ui, "%s", _("Noted: you are not going."));
}

static void
event_cancel(struct ui *ui, struct event_view *ev)
{
	char *why, question[256];
	int rc, told = ev->event.yes + ev->event.maybe + ev->event.waiting;

	if ((rc = store_event_may_change(ui->store, &ev->event)) !=
	    STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	why = ui_prompt(ui, _("Why is it cancelled? (the neighbours who "
	    "answered will read it)"), NULL, false, STORE_REASON_MAX);
	if (why == NULL)
		return;
	if (why[strspn(why, " ")] == '\0') {
		free(why);
		ui_error(ui, "%s", _("Say why it is cancelled: the neighbours "
		    "who answered will read it."));
		return;
	}
	snprintf(question, sizeof question, ngettext("Cancel this event and "
	    "tell the %d neighbour who answered?", "Cancel this event and "
	    "tell the %d neighbours who answered?", told), told);
	if (!ui_confirm(ui, question)) {
		free(why);
		return;
	}
	rc = store_event_cancel(ui->store, &ui->viewer, ev->id, why);
	free(why);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	event_load(ui, ev);
	ui_refresh_counts(ui);
	ui_message(ui, "%s", _("The event is cancelled; the neighbours who "
	    "answered got a mail."));
}

static enum ui_result
event_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct event_view *ev = view->data;

	if (ui_key_is_back(key) || key->code == KEY_LEFT) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	if (ev->gone)
		return UI_IGNORED;
	if (ev->doc.cols != ui->cols - 4)
		event_layout(ui, ev, ui->cols - 4);
	if (ui_doc_key(&ev->doc, doc_rows(ui), key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'y') || ui_key_is_char(key, 'Y') ||
	    ui_key_is_char(key, 'o') || ui_key_is_char(key, 'O')) {
		event_answer(ui, ev, RSVP_YES);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'm') || ui_key_is_char(key, 'M') ||
	    ui_key_is_char(key, 'p') || ui_key_is_char(key, 'P')) {
		event_answer(ui, ev, RSVP_MAYBE);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'n') || ui_key_is_char(key, 'N') ||
	    ui_key_is_char(key, 'x') || ui_key_is_char(key, 'X')) {
		event_answer(ui, ev, RSVP_NO);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'l') || ui_key_is_char(key, 'L')) {
		ui_push(ui, &attendees_screen, &ev->id);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'e') || ui_key_is_char(key, 'E')) {
		int rc = store_event_may_change(ui->store, &ev->event);

		if (rc != STORE_OK)
			ui_store_error(ui, rc);
		else
			ui_push(ui, &event_form_screen, &ev->event);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'c') || ui_key_is_char(key, 'C')) {
		event_cancel(ui, ev);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '!')) {
		if (ev->event.mine)
			ui_error(ui, "%s", _("You wrote this: there is nothing "
			    "to report."));
		else
			ui_report(ui, REPORT_ITEM, ev->event.id);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

/*
 * Answers, edit and cancel as the store's organiser rule allows them.
 */
static bool
event_key_shown(struct ui *ui, struct view *view, const struct ui_keyhelp *k)
{
	struct event_view *ev = view->data;
	const struct event *e = &ev->event;

	if (ev->gone)
		return strcmp(k->key, "q") == 0 || strcmp(k->key, "?") == 0;
	if (strcmp(k->key, "y") == 0 || strcmp(k->key, "m") == 0 ||
	    strcmp(k->key, "n") == 0)
		return store_event_may_answer(ui->store, e) == STORE_OK;
	if (strcmp(k->key, "e") == 0 || strcmp(k->key, "c") == 0)
		return store_event_may_change(ui->store, e) == STORE_OK;
	if (strcmp(k->key, "!") == 0)
		return !e->mine;
	return true;
}

const struct screen event_screen = {
	.name = "event",
	.title = event_title,
	.enter = event_enter,
	.draw = event_draw,
	.key = event_key,
	.resume = event_resume,
	.changes = CHANGE_EVENTS,
	.leave = event_leave,
	.keys = event_keys,
	.key_shown = event_key_shown,
	.help = N_("One event: when and where, who organises it, how many "
	    "places are taken, and your answer. Press y to say you are "
	    "coming, m for maybe, n if you are not (o and p work too, for "
	    "oui and peut-être); you can change your mind until it starts. "
	    "When every place is taken a \"yes\" joins the waiting list, and "
	    "the first in line gets the next place that frees up, with a "
	    "mail. Press l to see who comes. The organiser hosts the event "
	    "and takes no place; they press e to change it and c to cancel "
	    "it, and everyone who answered yes or maybe gets a mail. ! reports "
	    "someone else's event to the moderators, with a reason; an event "
	    "of yours hidden by the moderation is marked, with the reason."),
};

/*
 * Who comes: those with a place, the waiting list in order, the maybes.
 */

struct attendees_view {
	int64_t		 id;
	struct ui_doc	 doc;
};

static const struct ui_keyhelp attendees_keys[] = {
	{ "↑↓", N_("Scroll"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ N_("PgUp/PgDn"), N_("Scroll a page"), false },
	{ NULL, NULL, false },
};

static void
attendees_layout(struct ui *ui, struct attendees_view *av, int cols)
{
	struct ui_doc *d = &av->doc;
	struct attendee *list = NULL;
	struct event e;
	size_t n = 0, i;
	char text[256];
	int rc, section = -1, kind;

	ui_doc_clear(d);
	d->cols = cols;
	rc = store_event_get(ui->store, &ui->viewer, av->id, &e);
	if (rc == STORE_OK)
		rc = store_event_attendees(ui->store, &ui->viewer, av->id,
		    &list, &n);
	if (rc != STORE_OK) {
		ui_doc_paragraph(d, store_message(ui->store, rc), 0,
		    UI_ATTR_ERROR);
		event_clear(&e);
		return;
	}
	ui_doc_paragraph(d, e.title, 0, UI_ATTR_TITLE);
	snprintf(text, sizeof text, _("Organised by %s, who hosts it."),
	    e.organiser_name != NULL ? e.organiser_name : "");
	ui_doc_paragraph(d, text, 0, UI_ATTR_DIM);
	if (n == 0) {
		ui_doc_blank(d);
		ui_doc_paragraph(d, _("Nobody has answered yet."), 0,
		    UI_ATTR_NORMAL);
	}
	for (i = 0; i < n; i++) {
		kind = list[i].answer == RSVP_MAYBE ? 2 :
		    list[i].position > 0 ? 1 : 0;
		if (kind != section) {
			section = kind;
			ui_doc_blank(d);
			if (kind == 0 && e.capacity > 0)
				snprintf(text, sizeof text, ngettext("Going "
				    "(%d of %d place)", "Going (%d of %d "
				    "places)", e.capacity), e.yes, e.capacity);
			else if (kind == 0)
				snprintf(text, sizeof text, _("Going (%d)"),
				    e.yes);
			else if (kind == 1)
				snprintf(text, sizeof text, _("Waiting list "
				    "(%d)"), e.waiting);
			else
				snprintf(text, sizeof text, _("Maybe (%d)"),
				    e.maybe);
			ui_doc_paragraph(d, text, 0, UI_ATTR_TITLE);
		}
		if (kind == 1)
			snprintf(text, sizeof text, "%d. %s", list[i].position,
			    list[i].name);
		else
			snprintf(text, sizeof text, "%s", list[i].name);
		ui_doc_paragraph(d, text, 2, UI_ATTR_NORMAL);
	}
	attendee_list_free(list, n);
	event_clear(&e);
}

static int
attendees_enter(struct ui *ui, struct view *view, void *arg)
{
	struct attendees_view *av = xcalloc(1, sizeof *av);

	av->id = *(const int64_t *)arg;
	view->data = av;
	return 0;
}

static void
attendees_leave(struct ui *ui, struct view *view)
{
	struct attendees_view *av = view->data;

	ui_doc_clear(&av->doc);
	free(av);
}

static void
attendees_resume(struct ui *ui, struct view *view)
{
	struct attendees_view *av = view->data;

	av->doc.cols = 0;	/* lay out (and so read) again */
}

static const char *
attendees_title(struct ui *ui, struct view *view)
{
	return _("Who comes");
}

static void
attendees_draw(struct ui *ui, struct view *view)
{
	struct attendees_view *av = view->data;

	if (av->doc.cols != ui->cols - 4)
		attendees_layout(ui, av, ui->cols - 4);
	ui_doc_draw(ui, &av->doc, ui_body_top(ui) + 1, doc_rows(ui),
	    UI_DOC_UNMARKED);
}

static enum ui_result
attendees_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct attendees_view *av = view->data;

	if (ui_key_is_back(key) || key->code == KEY_LEFT) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	if (av->doc.cols != ui->cols - 4)
		attendees_layout(ui, av, ui->cols - 4);
	return ui_doc_key(&av->doc, doc_rows(ui), key);
}

static const struct screen attendees_screen = {
	.name = "event-attendees",
	.title = attendees_title,
	.enter = attendees_enter,
	.draw = attendees_draw,
	.key = attendees_key,
	.resume = attendees_resume,
	.changes = CHANGE_EVENTS,
	.leave = attendees_leave,
	.keys = attendees_keys,
	.help = N_("Who comes to the event: the neighbours who have a place, "
	    "then the waiting list in its order (the first gets the next "
	    "place that frees up), then those who said maybe."),
};

/*
 * The form: a new event (ARG NULL) or the organiser's change (ARG the
 * struct event as shown).  The draft lives in editors that survive a
 * resize and every refusal; only Esc, after asking, throws it away.
 */

enum form_field {
	FORM_TITLE,
	FORM_START,
	FORM_END,
	FORM_PLACE,
	FORM_CAPACITY,
	FORM_BODY,
	FORM_FIELDS,
};

struct event_form {
	int64_t		 id;		/* 0: a new event */
	int64_t		 old_start;
	struct editor	 fields[FORM_FIELDS];
	enum form_field	 focus;
};

static const struct ui_keyhelp form_keys[] = {
	{ N_("F2"), N_("Save"), true },
	{ N_("Tab"), N_("Next field"), true },
	{ N_("Esc"), N_("Cancel"), true },
	{ N_("F1"), N_("Help"), true },
	{ N_("Ctrl-S"), N_("Save"), false },
	{ N_("Shift-Tab"), N_("Previous field"), false },
	{ NULL, NULL, false },
};

static const char *const form_labels[FORM_FIELDS] = {
	N_("Title:"), N_("Starts:"), N_("Ends:"), N_("Place:"),
	N_("Places:"), N_("Description:"),
};

static const char *const form_hints[FORM_FIELDS] = {
	NULL,
	N_("dd/mm/yyyy hh:mm"),
	N_("optional: 22:00, or dd/mm/yyyy hh:mm"),
	NULL,
	N_("optional: empty for no limit"),
	NULL,
};

static int
form_enter(struct ui *ui, struct view *view, void *arg)
{
	const struct event *e = arg;
	struct event_form *f = xcalloc(1, sizeof *f);
	char buf[64];
	int i;

	for (i = 0; i < FORM_FIELDS; i++)
		editor_init(&f->fields[i], i == FORM_BODY, i == FORM_BODY ?
		    QUARTIER_BODY_MAX : i == FORM_START || i == FORM_END ||
		    i == FORM_CAPACITY ? 40 : QUARTIER_TITLE_MAX);
	if (e != NULL) {
		f->id = e->id;
		f->old_start = e->starts_at;
		editor_set(&f->fields[FORM_TITLE], e->title);
		when_format_input(buf, sizeof buf, e->starts_at);
		editor_set(&f->fields[FORM_START], buf);
		if (e->ends_at != 0) {
			when_format_input(buf, sizeof buf, e->ends_at);
			editor_set(&f->fields[FORM_END], buf);
		}
		editor_set(&f->fields[FORM_PLACE], e->place);
		if (e->capacity > 0) {
			snprintf(buf, sizeof buf, "%d", e->capacity);
			editor_set(&f->fields[FORM_CAPACITY], buf);
		}
		editor_set(&f->fields[FORM_BODY], e->body != NULL ? e->body :
		    "");
		for (i = 0; i < FORM_FIELDS; i++)
			f->fields[i].changed = false;
	}
	view->data = f;
	return 0;
}

static void
form_leave(struct ui *ui, struct view *view)
{
	struct event_form *f = view->data;
	int i;

	for (i = 0; i < FORM_FIELDS; i++)
		editor_free(&f->fields[i]);
	free(f);
}

static const char *
form_title(struct ui *ui, struct view *view)
{
	struct event_form *f = view->data;

	return f->id != 0 ? _("Change the event") : _("New event");
}

static void
form_draw(struct ui *ui, struct view *view)
{
	struct event_form *f = view->data;
	int y = ui_body_top(ui) + 1, x = 15, i, width, attr;
	char line[64];

	for (i = 0; i < FORM_BODY; i++) {
		attr = f->focus == (enum form_field)i ? A_BOLD | A_UNDERLINE :
		    A_BOLD;
		ui_text(ui, y, 1, x - 2, _(form_labels[i]), attr);
		width = form_hints[i] != NULL ? 22 : ui->cols - x - 1;
		ui_fill(ui, y, x, width, A_UNDERLINE);
		editor_draw(ui, &f->fields[i], y, x, 1, width,
		    f->focus == (enum form_field)i);
		if (form_hints[i] != NULL)
			ui_text(ui, y, x + width + 2, ui->cols - x - width - 3,
			    _(form_hints[i]), ui_attr(ui, UI_ATTR_DIM));
		y += 2;
	}
	attr = f->focus == FORM_BODY ? A_BOLD | A_UNDERLINE : A_BOLD;
	ui_text(ui, y, 1, ui->cols - 2, _(form_labels[FORM_BODY]), attr);
	snprintf(line, sizeof line, _("%zu/%zu characters"),
	    f->fields[FORM_BODY].nchars, f->fields[FORM_BODY].max_chars);
	ui_text_right(ui, y, 1, ui->cols - 2, line, ui_attr(ui, UI_ATTR_DIM));
	y++;
	ui_fill(ui, y, 0, ui->cols, ui_attr(ui, UI_ATTR_DIM) | A_UNDERLINE);
	y++;
	editor_draw(ui, &f->fields[FORM_BODY], y, 1, ui->rows - 3 - y,
	    ui->cols - 2, f->focus == FORM_BODY);
}

/* "", "12", " 12 " -> the number; anything else (0, -3, 12a) -> -1. */
static int
form_capacity(const char *text)
{
	const char *p = text;
	long n = 0;

	while (*p == ' ')
		p++;
	if (*p == '\0')
		return 0;
	while (*p >= '0' && *p <= '9') {
		n = n * 10 + (*p - '0');
		if (n > EVENT_CAPACITY_MAX)
			return -1;
		p++;
	}
	while (*p == ' ')
		p++;
	return *p == '\0' && n > 0 ? (int)n : -1;
}

/* Refuse with WHY and put the cursor on FIELD: nothing typed is lost. */
static void
form_refuse(struct ui *ui, struct event_form *f, enum form_field field,
    const char *why)
{
	f->focus = field;
	ui_error(ui, "%s", why);
}

static void
form_save(struct ui *ui, struct view *view, struct event_form *f)
{
	struct event_new n;
	const char *why;
	int64_t id = 0;
	bool is_new = f->id == 0;
	int rc;

	memset(&n, 0, sizeof n);
	n.title = editor_text(&f->fields[FORM_TITLE]);
	n.place = editor_text(&f->fields[FORM_PLACE]);
	n.body = editor_text(&f->fields[FORM_BODY]);
	if (editor_empty(&f->fields[FORM_TITLE])) {
		form_refuse(ui, f, FORM_TITLE, _("Give the event a title."));
		return;
	}
	if (when_parse(editor_text(&f->fields[FORM_START]), &n.starts_at,
	    NULL, &why) != 0) {
		form_refuse(ui, f, FORM_START, why);
		return;
	}
	if (n.starts_at <= now_seconds() &&
	    (f->id == 0 || n.starts_at != f->old_start)) {
		form_refuse(ui, f, FORM_START, _("That start is already past: "
		    "choose a date and time to come."));
		return;
	}
	if (!editor_empty(&f->fields[FORM_END])) {
		if (when_parse_end(editor_text(&f->fields[FORM_END]),
		    n.starts_at, &n.ends_at, &why) != 0) {
			form_refuse(ui, f, FORM_END, why);
			return;
		}
		if (n.ends_at <= n.starts_at) {
			form_refuse(ui, f, FORM_END, _("The end must come "
			    "after the start."));
			return;
		}
	}
	if (editor_empty(&f->fields[FORM_PLACE])) {
		form_refuse(ui, f, FORM_PLACE, _("Say where it takes place."));
		return;
	}
	if ((n.capacity = form_capacity(editor_text(
	    &f->fields[FORM_CAPACITY]))) < 0) {
		form_refuse(ui, f, FORM_CAPACITY, _("The number of places must "
		    "be between 1 and 10000; leave it empty for no limit."));
		return;
	}
	if (f->id == 0)
		rc = store_event_add(ui->store, &ui->viewer, &n, &id);
	else
		rc = store_event_edit(ui->store, &ui->viewer, f->id, &n);
	if (rc != STORE_OK) {
		/* The draft stays as it is: the resident can try again. */
		ui_store_error(ui, rc);
		return;
	}
	/* F is gone once the form is popped. */
	ui_draft_done(ui, view);
	ui_pop(ui);
	if (is_new) {
		ui_push(ui, &event_screen, &id);
		ui_message(ui, "%s", _("Your event is on the agenda."));
	} else
		ui_message(ui, "%s", _("Saved; the neighbours who answered "
		    "got a mail about the change."));
}

static bool
form_changed(const struct event_form *f)
{
	int i;

	for (i = 0; i < FORM_FIELDS; i++) {
		if (f->fields[i].changed)
			return true;
	}
	return false;
}

static enum ui_result
form_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct event_form *f = view->data;

	if (key->code == KEY_F(2) || ui_key_is_char(key, UI_KEY_CTRL('s'))) {
		form_save(ui, view, f);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, UI_KEY_ESC)) {
		if (!form_changed(f) ||
		    ui_confirm(ui, _("Throw this draft away?"))) {
			ui_draft_done(ui, view);
			ui_pop(ui);
		}
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '\t') || key->code == KEY_BTAB) {
		f->focus = (enum form_field)(((int)f->focus + FORM_FIELDS +
		    (key->code == KEY_BTAB ? -1 : 1)) % FORM_FIELDS);
		return UI_HANDLED;
	}
	if (f->focus != FORM_BODY) {
		if (key->code == KEY_DOWN || ui_key_is_enter(key)) {
			f->focus++;
			return UI_HANDLED;
		}
		if (key->code == KEY_UP) {
			if (f->focus > FORM_TITLE)
				f->focus--;
			return UI_HANDLED;
		}
	}
	return editor_key(ui, &f->fields[f->focus], key);
}

/* The form's fields by name, as a draft keeps them. */
static const char *const form_names[FORM_FIELDS] = {
	"title", "start", "end", "place", "capacity", "body",
};

static bool
form_draft_save(struct ui *ui, struct view *view, struct draft *d)
{
	struct event_form *f = view->data;
	char start[32];
	int i;

	if (!form_changed(f))
		return false;
	ui_draft_label(d, _("Events"));
	d->target_id = f->id;
	snprintf(start, sizeof start, "%lld", (long long)f->old_start);
	draft_set(d, "old_start", start);
	for (i = 0; i < FORM_FIELDS; i++)
		ui_draft_field(d, form_names[i], &f->fields[i]);
	return true;
}

static int
form_draft_open(struct ui *ui, struct view *view, const struct draft *d)
{
	struct event_form *f;
	int i;

	form_enter(ui, view, NULL);
	f = view->data;
	f->id = d->target_id;
	f->old_start = ui_draft_number(d, "old_start");
	for (i = 0; i < FORM_FIELDS; i++)
		editor_set(&f->fields[i], ui_draft_text(d, form_names[i]));
	/* Taken up again, it is asked about before Escape throws it away. */
	f->fields[FORM_BODY].changed = true;
	f->focus = FORM_BODY;
	return 0;
}

const struct screen event_form_screen = {
	.name = "event-form",
	.title = form_title,
	.enter = form_enter,
	.draw = form_draw,
	.key = form_key,
	.leave = form_leave,
	.keys = form_keys,
	.draft_save = form_draft_save,
	.draft_open = form_draft_open,
	.help = N_("Propose an event to the quartier: a title, when it "
	    "starts (a date and a time: 24/12/2026 18:30, or 2026-12-24 "
	    "18:30; 18h30 works too), when it ends if you know (a time alone "
	    "means the same day, or the night after), the place, a number "
	    "of places if there is a limit, and a description. A date that "
	    "does not exist or is already past is refused with the reason, "
	    "and everything you typed stays. You host the event: you take no "
	    "place and need not answer. Press F2 (or Ctrl-S) to save, Tab to "
	    "go from one field to the next, Esc to leave; you will be asked "
	    "before a draft is thrown away."),
};
