/*
 * store-event.c - événements: neighbourhood events with answers (yes,
 * maybe, no), a number of places and a waiting line.
 *
 * An event is an items row (kind 'event') with an events row beside it.
 * The organiser hosts it: they take no place and give no answer.  A "yes"
 * beyond the number of places waits in line (rsvps.waitlisted, in the
 * order the answers came); whenever a place frees up (a "yes" changes its
 * mind, or the organiser adds places) the first in line gets it and a
 * mail says so.  Edits and cancellations mail everyone who said yes or
 * maybe, each in their own language.  A cancelled event stays on the
 * agenda, marked, and takes no more answers; an event that is over goes
 * to the archive.
 *
 * As everywhere in the store, every statement compares the item's
 * quartier with VIEWER_QUARTIER, so another quartier's event, or any event
 * for a viewer who is not verified, does not exist.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"
#include "when.h"

#define EVENT_PLACE_MAX		QUARTIER_TITLE_MAX
#define EVENT_CAPACITY_MAX	10000

/* Hidden by moderation, an event is seen by its organiser only. */
#define EVENT_VISIBLE \
	" i.kind = 'event' AND i.quartier_id = " VIEWER_QUARTIER \
	" AND i.deleted_at IS NULL" \
	" AND (i.hidden_at IS NULL OR i.author_id = :viewer)"

/* Not over yet: before its end, or, without an end, until the end of the
 * day it starts (the main menu counts "today" the same way).  Each half
 * names the quartier, so that each is a range of events_until. */
#define EVENT_UPCOMING \
	" ((e.quartier_id = " VIEWER_QUARTIER \
	"   AND e.ends_at IS NOT NULL AND e.ends_at > :now)" \
	"  OR (e.quartier_id = " VIEWER_QUARTIER \
	"   AND e.ends_at IS NULL AND e.starts_at >= :today))"

/* The columns read_event() expects, in order. */
#define EVENT_SELECT \
	" i.id, i.title, e.place, e.starts_at, coalesce(e.ends_at, 0)," \
	" coalesce(e.capacity, 0), e.cancelled_at IS NOT NULL, i.author_id," \
	" a.display_name," \
	" (SELECT count(*) FROM rsvps r WHERE r.event_id = i.id" \
	"  AND r.answer = 'yes' AND NOT r.waitlisted)," \
	" (SELECT count(*) FROM rsvps r WHERE r.event_id = i.id" \
	"  AND r.answer = 'maybe')," \
	" (SELECT count(*) FROM rsvps r WHERE r.event_id = i.id" \
	"  AND r.answer = 'yes' AND r.waitlisted)," \
	" m.answer," \
	" CASE WHEN m.waitlisted THEN (SELECT count(*) FROM rsvps w" \
	"  WHERE w.event_id = i.id AND w.answer = 'yes' AND w.waitlisted" \
	"  AND (w.answered_at, w.resident_id)" \
	"   <= (m.answered_at, m.resident_id)) ELSE 0 END," \
	" i.author_id IS :viewer, i.created_at, coalesce(i.updated_at, 0)," \
	" i.body, e.cancel_reason, i.hidden_at IS NOT NULL, i.hidden_reason"
#define EVENT_PEOPLE \
	" LEFT JOIN residents a ON a.id = i.author_id" \
	" LEFT JOIN rsvps m ON m.event_id = i.id AND m.resident_id = :viewer"
/* One event, from its item. */
#define EVENT_COLUMNS EVENT_SELECT \
	" FROM items i JOIN events e ON e.item_id = i.id" EVENT_PEOPLE
/* A quartier's events in the order of their start (events_agenda,
 * events_until): from the events, each then to its item. */
#define EVENT_AGENDA EVENT_SELECT \
	" FROM events e CROSS JOIN items i ON i.id = e.item_id" EVENT_PEOPLE

static const char *const answer_codes[] = {
	[RSVP_YES] = "yes",
	[RSVP_MAYBE] = "maybe",
	[RSVP_NO] = "no",
};

static enum rsvp_answer
answer_parse(const char *code)
{
	int i;

	for (i = RSVP_YES; code != NULL && i <= RSVP_NO; i++) {
		if (strcmp(answer_codes[i], code) == 0)
			return (enum rsvp_answer)i;
	}
	return RSVP_NONE;
}

static void
read_event(sqlite3_stmt *stmt, void *row, bool with_body)
{
	struct event *e = row;
	char *answer;

	e->id = sqlite3_column_int64(stmt, 0);
	e->title = column_text(stmt, 1);
	e->place = column_text(stmt, 2);
	e->starts_at = sqlite3_column_int64(stmt, 3);
	e->ends_at = sqlite3_column_int64(stmt, 4);
	e->capacity = sqlite3_column_int(stmt, 5);
	e->cancelled = sqlite3_column_int(stmt, 6) != 0;
	e->organiser_id = sqlite3_column_int64(stmt, 7);
	e->organiser_name = column_text(stmt, 8);
	e->yes = sqlite3_column_int(stmt, 9);
	e->maybe = sqlite3_column_int(stmt, 10);
	e->waiting = sqlite3_column_int(stmt, 11);
	answer = column_text(stmt, 12);
	e->my_answer = answer_parse(answer);
	free(answer);
	e->my_position = sqlite3_column_int(stmt, 13);
	e->mine = sqlite3_column_int(stmt, 14) != 0;
	e->created_at = sqlite3_column_int64(stmt, 15);
	e->updated_at = sqlite3_column_int64(stmt, 16);
	if (with_body) {
		e->body = column_text(stmt, 17);
		e->cancel_reason = column_text(stmt, 18);
	}
	e->hidden = sqlite3_column_int(stmt, 19) != 0;
	e->hidden_reason = column_text(stmt, 20);
}

int
store_event_page(struct store *s, const struct viewer *v, bool archive,
    const struct wall_cursor *after, int limit, struct event **out,
    size_t *n)
{
	sqlite3_stmt *stmt;
	int64_t now = now_seconds();
	int rc;

	/*
	 * Upcoming: soonest first, the few not over yet sorted.  The
	 * archive: the latest first, read in order from events_agenda,
	 * from the events that started before now (all of the archive's).
	 */
	if (!archive)
		stmt = store_stmt(s, "SELECT" EVENT_AGENDA
		    " WHERE" EVENT_VISIBLE " AND" EVENT_UPCOMING
		    " AND (e.starts_at, e.item_id) > (:time, :id)"
		    " ORDER BY e.starts_at, e.item_id LIMIT :limit");
	else
		stmt = store_stmt(s, "SELECT" EVENT_AGENDA
		    " WHERE" EVENT_VISIBLE " AND NOT" EVENT_UPCOMING
		    " AND e.quartier_id = " VIEWER_QUARTIER
		    " AND e.starts_at < :now"
		    " AND (e.starts_at, e.item_id) < (:time, :id)"
		    " ORDER BY e.starts_at DESC, e.item_id DESC LIMIT :limit");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":now", now);
	bind_int64(stmt, ":today", when_day_start(now));
	if (after != NULL && after->id != 0) {
		bind_int64(stmt, ":time", after->created_at);
		bind_int64(stmt, ":id", after->id);
	} else {
		bind_int64(stmt, ":time", archive ? INT64_MAX : INT64_MIN);
		bind_int64(stmt, ":id", archive ? INT64_MAX : INT64_MIN);
	}
	bind_int64(stmt, ":limit", limit);
	*out = store_read_rows(s, stmt, sizeof **out, read_event, false, n,
	    &rc);
	if (rc != STORE_OK) {
		event_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_event_get(struct store *s, const struct viewer *v, int64_t id,
    struct event *e)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT" EVENT_COLUMNS " WHERE" EVENT_VISIBLE
	    " AND i.id = :id");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	return store_read_row(s, stmt, sizeof *e, read_event, true, e);
}

/* What an event_new holds, cleaned. */
struct event_clean {
	char	*title;
	char	*body;
	char	*place;
};

static void
event_clean_free(struct event_clean *c)
{
	free(c->title);
	free(c->body);
	free(c->place);
	memset(c, 0, sizeof *c);
}

/*
 * Check and clean what the organiser wrote, in the order of the form, so
 * that the first field at fault is the one named.  Whether the start is
 * still to come is for the caller: an edit may keep a start that is due.
 */
static int
event_clean(struct store *s, const struct event_new *n,
    struct event_clean *c)
{
	int rc;

	memset(c, 0, sizeof *c);
	if ((rc = store_clean(s, n->title, TEXT_ALLOW_EMPTY,
	    QUARTIER_TITLE_MAX, &c->title)) != STORE_OK)
		goto fail;
	if (c->title[0] == '\0') {
		rc = store_invalid(s, _("Give the event a title."));
		goto fail;
	}
	if (n->starts_at <= 0) {
		rc = store_invalid(s, _("Give the date and time it starts."));
		goto fail;
	}
	if (n->ends_at != 0 && n->ends_at <= n->starts_at) {
		rc = store_invalid(s, _("The end must come after the start."));
		goto fail;
	}
	if ((rc = store_clean(s, n->place, TEXT_ALLOW_EMPTY, EVENT_PLACE_MAX,
	    &c->place)) != STORE_OK)
		goto fail;
	if (c->place[0] == '\0') {
		rc = store_invalid(s, _("Say where it takes place."));
		goto fail;
	}
	if (n->capacity < 0 || n->capacity > EVENT_CAPACITY_MAX) {
		rc = store_invalid(s, _("The number of places must be between "
		    "1 and 10000; leave it empty for no limit."));
		goto fail;
	}
	if ((rc = store_clean(s, n->body, TEXT_MULTILINE | TEXT_ALLOW_EMPTY,
	    QUARTIER_BODY_MAX, &c->body)) != STORE_OK)
		goto fail;
	return STORE_OK;
fail:
	event_clean_free(c);
	return rc;
}

static int
refuse_past_start(struct store *s)
{
	return store_invalid(s, _("That start is already past: choose a date "
	    "and time to come."));
}

int
store_event_add(struct store *s, const struct viewer *v,
    const struct event_new *n, int64_t *id)
{
	struct event_clean c;
	sqlite3_stmt *stmt;
	int64_t now = now_seconds(), new_id = 0;
	int rc;

	if ((rc = event_clean(s, n, &c)) != STORE_OK)
		return rc;
	if (n->starts_at <= now) {
		event_clean_free(&c);
		return refuse_past_start(s);
	}
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	stmt = store_stmt(s, "INSERT INTO items (quartier_id, author_id, kind,"
	    " category, title, body, created_at, last_activity_at)"
	    " SELECT " VIEWER_QUARTIER ", :viewer, 'event', 'event', :title,"
	    " :body, :now, :now WHERE " VIEWER_QUARTIER " IS NOT NULL");
	bind_viewer(stmt, v);
	bind_text(stmt, ":title", c.title);
	bind_text(stmt, ":body", c.body);
	bind_int64(stmt, ":now", now);
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_DENIED;
	if (rc == STORE_OK) {
		new_id = sqlite3_last_insert_rowid(s->db);
		stmt = store_stmt(s, "INSERT INTO events (item_id, starts_at,"
		    " ends_at, place, capacity) VALUES (:id, :starts, :ends,"
		    " :place, :capacity)");
		bind_int64(stmt, ":id", new_id);
		bind_int64(stmt, ":starts", n->starts_at);
		if (n->ends_at != 0)
			bind_int64(stmt, ":ends", n->ends_at);
		bind_text(stmt, ":place", c.place);
		if (n->capacity > 0)
			bind_int64(stmt, ":capacity", n->capacity);
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK)
		rc = search_sync_item(s, new_id);
	if ((rc = store_finish(s, rc)) == STORE_OK && id != NULL)
		*id = new_id;
out:
	event_clean_free(&c);
	return rc;
}

/* Someone an event's notices go to. */
struct recipient {
	int64_t	 id;
};

static void
read_recipient(sqlite3_stmt *stmt, void *row, bool full)
{
	struct recipient *r = row;

	(void)full;			/* one column */
	r->id = sqlite3_column_int64(stmt, 0);
}

/* Everyone who said yes or maybe (in line or not), the organiser aside. */
static int
event_recipients(struct store *s, int64_t event_id, int64_t organiser,
    struct recipient **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT r.resident_id FROM rsvps r"
	    " WHERE r.event_id = :id AND r.answer IN ('yes', 'maybe')"
	    " AND r.resident_id IS NOT :organiser"
	    " ORDER BY r.answered_at, r.resident_id");
	bind_int64(stmt, ":id", event_id);
	bind_int64(stmt, ":organiser", organiser);
	*out = store_read_rows(s, stmt, sizeof **out, read_recipient, false, n,
	    &rc);
	if (rc != STORE_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* The notice of a place freed up for the first in line. */
static void
compose_place(const void *facts, char **subject, char **body)
{
	const struct event *e = facts;
	char when[256];

	when_format_long(when, sizeof when, e->starts_at);
	*subject = xasprintf(_("A place is yours: %s"), e->title);
	*body = xasprintf(_("A place freed up for “%s” (%s, %s) and you were "
	    "first in line: it is yours now.\n\nIf you cannot come any more, "
	    "answer “no” on the event's page, so that the next in line gets "
	    "your place."), e->title, when, e->place);
}

/*
 * While there is a free place and someone in line, the first in line
 * (by the time of their answer) gets it, and a mail from Quartier.
 */
static int
promote_waiting(struct store *s, const struct event *e)
{
	int64_t who = 0;
	sqlite3_stmt *stmt;
	int rc;

	for (;;) {
		stmt = store_stmt(s, "SELECT r.resident_id"
		    " FROM rsvps r JOIN events e ON e.item_id = r.event_id"
		    " WHERE r.event_id = :id AND r.answer = 'yes'"
		    " AND r.waitlisted AND (e.capacity IS NULL OR"
		    "  (SELECT count(*) FROM rsvps h WHERE h.event_id = :id"
		    "   AND h.answer = 'yes' AND NOT h.waitlisted) < e.capacity)"
		    " ORDER BY r.answered_at, r.resident_id LIMIT 1");
		bind_int64(stmt, ":id", e->id);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW)
			who = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
		if (rc == SQLITE_DONE)
			return STORE_OK;
		if (rc != SQLITE_ROW)
			return store_fail(s, rc);
		stmt = store_stmt(s, "UPDATE rsvps SET waitlisted = 0"
		    " WHERE event_id = :id AND resident_id = :who");
		bind_int64(stmt, ":id", e->id);
		bind_int64(stmt, ":who", who);
		rc = store_step_done(s, stmt);
		if (rc == STORE_OK)
			rc = store_notify(s, &(struct notice){
				.kind = NOTICE_EVENT,
				.recipient_id = who,
				.about_item_id = e->id,
				.compose = compose_place,
				.facts = e,
			});
		if (rc != STORE_OK)
			return rc;
	}
}

/*
 * The organiser rule, here only: the organiser changes or cancels the
 * event until it starts, and the neighbours (not the organiser, who hosts
 * it) answer until then.  STORE_OK, or STORE_DENIED and why not.
 */
static int
may_answer(struct store *s, const struct event *e, int64_t now)
{
	if (e->cancelled)
		return store_refuse(s, STORE_DENIED, _("This event was "
		    "cancelled: it takes no more answers."));
	if (e->starts_at <= now)
		return store_refuse(s, STORE_DENIED, _("This event has "
		    "started: answers are closed."));
	if (e->mine)
		return store_refuse(s, STORE_DENIED, _("You organise this "
		    "event: you need not answer."));
	return STORE_OK;
}

int
store_event_may_answer(struct store *s, const struct event *e)
{
	return may_answer(s, e, now_seconds());
}

/* The event as its organiser may still change it: STORE_OK, or why not. */
static int
organiser_may_change(struct store *s, const struct event *e, int64_t now)
{
	if (!e->mine)
		return store_refuse(s, STORE_DENIED, _("Only its organiser "
		    "can change this event."));
	if (e->cancelled)
		return store_refuse(s, STORE_DENIED, _("This event was "
		    "cancelled."));
	if (e->starts_at <= now)
		return store_refuse(s, STORE_DENIED, _("This event has "
		    "started: it can no longer be changed."));
	return STORE_OK;
}

int
store_event_may_change(struct store *s, const struct event *e)
{
	return organiser_may_change(s, e, now_seconds());
}

int
store_event_rsvp(struct store *s, const struct viewer *v, int64_t id,
    enum rsvp_answer answer, int *position)
{
	struct event e;
	sqlite3_stmt *stmt;
	int64_t now = now_seconds();
	bool waitlisted, had_place;
	int rc;

	if (position != NULL)
		*position = 0;
	if (answer < RSVP_NONE || answer > RSVP_NO)
		return store_invalid(s, _("Answer yes, maybe or no."));
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	if ((rc = store_event_get(s, v, id, &e)) != STORE_OK)
		return store_finish(s, rc);
	if ((rc = may_answer(s, &e, now)) != STORE_OK)
		goto out;
	had_place = e.my_answer == RSVP_YES && e.my_position == 0;
	if (answer == RSVP_NONE) {
		stmt = store_stmt(s, "DELETE FROM rsvps WHERE event_id = :id"
		    " AND resident_id = :viewer AND event_id IN"
		    " (SELECT i.id FROM items i WHERE" EVENT_VISIBLE ")");
		bind_viewer(stmt, v);
		bind_int64(stmt, ":id", id);
		rc = store_step_done(s, stmt);
	} else if (answer != e.my_answer) {
		/* A new "yes" goes behind anyone already waiting. */
		waitlisted = answer == RSVP_YES && e.capacity > 0 &&
		    (e.yes >= e.capacity || e.waiting > 0);
		stmt = store_stmt(s, "INSERT INTO rsvps (event_id, resident_id,"
		    " answer, waitlisted, answered_at)"
		    " SELECT i.id, :viewer, :answer, :waitlisted, :now"
		    " FROM items i WHERE i.id = :id AND" EVENT_VISIBLE
		    " ON CONFLICT (event_id, resident_id) DO UPDATE"
		    " SET answer = excluded.answer,"
		    " waitlisted = excluded.waitlisted,"
		    " answered_at = excluded.answered_at");
		bind_viewer(stmt, v);
		bind_int64(stmt, ":id", id);
		bind_text(stmt, ":answer", answer_codes[answer]);
		bind_int64(stmt, ":waitlisted", waitlisted);
		bind_int64(stmt, ":now", now);
		rc = store_step_done(s, stmt);
		if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
			rc = STORE_NOT_FOUND;
	}
	if (rc == STORE_OK && had_place && answer != RSVP_YES)
		rc = promote_waiting(s, &e);
	if (rc == STORE_OK && position != NULL) {
		event_clear(&e);
		if ((rc = store_event_get(s, v, id, &e)) == STORE_OK)
			*position = e.my_position;
	}
out:
	event_clear(&e);
	return store_finish(s, rc);
}

static void
capacity_text(char *buf, size_t size, int capacity)
{
	if (capacity > 0)
		snprintf(buf, size, "%d", capacity);
	else
		snprintf(buf, size, "%s", _("no limit"));
}

/* Append LINE and a newline to *TEXT (a growing string). */
static void
append_line(char **text, char *line)
{
	char *joined = xasprintf("%s%s\n", *text, line);

	free(*text);
	free(line);
	*text = joined;
}

/*
 * The mail of an edit, in the language in force: what changed, each with
 * what it was.  NULL when nothing an attendee would care about changed.
 */
static char *
edit_mail_body(const struct event *old, const struct event_new *n,
    const struct event_clean *c)
{
	char before[320], after[320], *text;
	bool any = false;

	text = xasprintf(_("%s changed the event “%s”:"), old->organiser_name,
	    old->title);
	append_line(&text, xstrdup(""));
	if (strcmp(old->title, c->title) != 0) {
		append_line(&text, xasprintf(_("Title: %s (was: %s)"),
		    c->title, old->title));
		any = true;
	}
	if (old->starts_at != n->starts_at || old->ends_at != n->ends_at) {
		when_format_span(after, sizeof after, n->starts_at,
		    n->ends_at);
		when_format_span(before, sizeof before, old->starts_at,
		    old->ends_at);
		append_line(&text, xasprintf(_("When: %s (was: %s)"), after,
		    before));
		any = true;
	}
	if (strcmp(old->place, c->place) != 0) {
		append_line(&text, xasprintf(_("Place: %s (was: %s)"),
		    c->place, old->place));
		any = true;
	}
	if (old->capacity != n->capacity) {
		capacity_text(after, sizeof after, n->capacity);
		capacity_text(before, sizeof before, old->capacity);
		append_line(&text, xasprintf(_("Places: %s (was: %s)"), after,
		    before));
		any = true;
	}
	if (strcmp(old->body != NULL ? old->body : "", c->body) != 0) {
		append_line(&text, xstrdup(_("The description changed.")));
		any = true;
	}
	if (!any) {
		free(text);
		return NULL;
	}
	append_line(&text, xstrdup(""));
	append_line(&text, xstrdup(_("Your answer stays as it was; you can "
	    "change it on the event's page.")));
	return text;
}

/* An event as it was and as it is now, for the notice of a change. */
struct edit_facts {
	const struct event		*old;
	const struct event_new		*n;
	const struct event_clean	*c;
};

static void
compose_edit(const void *facts, char **subject, char **body)
{
	const struct edit_facts *f = facts;

	*subject = xasprintf(_("Changed: %s"), f->c->title);
	*body = edit_mail_body(f->old, f->n, f->c);
}

static int
notify_edit(struct store *s, const struct event *old,
    const struct event_new *n, const struct event_clean *c)
{
	struct edit_facts f = { .old = old, .n = n, .c = c };
	struct recipient *to = NULL;
	size_t count = 0, i;
	int rc;

	if ((rc = event_recipients(s, old->id, old->organiser_id, &to,
	    &count)) != STORE_OK)
		return rc;
	for (i = 0; i < count && rc == STORE_OK; i++)
		rc = store_notify(s, &(struct notice){
			.kind = NOTICE_EVENT,
			.recipient_id = to[i].id,
			.sender_id = old->organiser_id,
			.about_item_id = old->id,
			.compose = compose_edit,
			.facts = &f,
		});
	free(to);
	return rc;
}

int
store_event_edit(struct store *s, const struct viewer *v, int64_t id,
    const struct event_new *n)
{
	struct event_clean c;
	struct event old;
	sqlite3_stmt *stmt;
	int64_t now = now_seconds();
	int rc;

	if ((rc = event_clean(s, n, &c)) != STORE_OK)
		return rc;
	memset(&old, 0, sizeof old);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = store_event_get(s, v, id, &old)) != STORE_OK ||
	    (rc = organiser_may_change(s, &old, now)) != STORE_OK)
		goto done;
	if (n->starts_at != old.starts_at && n->starts_at <= now) {
		rc = refuse_past_start(s);
		goto done;
	}
	/* Nobody loses the place they were given. */
	if (n->capacity > 0 && n->capacity < old.yes) {
		char why[256];

		snprintf(why, sizeof why, ngettext("%d neighbour already has "
		    "a place: there cannot be fewer places.", "%d neighbours "
		    "already have a place: there cannot be fewer places.",
		    old.yes), old.yes);
		rc = store_invalid(s, why);
		goto done;
	}
	stmt = store_stmt(s, "UPDATE items SET title = :title, body = :body,"
	    " updated_at = :now WHERE id = :id AND author_id = :viewer"
	    " AND kind = 'event' AND quartier_id = " VIEWER_QUARTIER
	    " AND deleted_at IS NULL AND hidden_at IS NULL");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	bind_text(stmt, ":title", c.title);
	bind_text(stmt, ":body", c.body);
	bind_int64(stmt, ":now", now);
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_NOT_FOUND;
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "UPDATE events SET starts_at = :starts,"
		    " ends_at = :ends, place = :place, capacity = :capacity"
		    " WHERE item_id = :id AND cancelled_at IS NULL");
		bind_int64(stmt, ":id", id);
		bind_int64(stmt, ":starts", n->starts_at);
		if (n->ends_at != 0)
			bind_int64(stmt, ":ends", n->ends_at);
		bind_text(stmt, ":place", c.place);
		if (n->capacity > 0)
			bind_int64(stmt, ":capacity", n->capacity);
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK)
		rc = search_sync_item(s, id);
	if (rc == STORE_OK)
		rc = notify_edit(s, &old, n, &c);
	/* More places (or none any more): the line moves up. */
	if (rc == STORE_OK && old.waiting > 0 &&
	    (n->capacity == 0 || n->capacity > old.capacity)) {
		free(old.title);
		old.title = xstrdup(c.title);
		free(old.place);
		old.place = xstrdup(c.place);
		old.starts_at = n->starts_at;
		rc = promote_waiting(s, &old);
	}
done:
	rc = store_finish(s, rc);
out:
	event_clear(&old);
	event_clean_free(&c);
	return rc;
}

/* An event cancelled, and why, for the notice of its cancellation. */
struct cancel_facts {
	const struct event	*e;
	const char		*reason;
};

static void
compose_cancel(const void *facts, char **subject, char **body)
{
	const struct cancel_facts *f = facts;
	char when[256];

	when_format_long(when, sizeof when, f->e->starts_at);
	*subject = xasprintf(_("Cancelled: %s"), f->e->title);
	*body = xasprintf(_("%s cancelled the event “%s” of %s, at %s.\n\n"
	    "Their reason: %s"), f->e->organiser_name, f->e->title, when,
	    f->e->place, f->reason);
}

int
store_event_cancel(struct store *s, const struct viewer *v, int64_t id,
    const char *why)
{
	struct recipient *to = NULL;
	struct cancel_facts f;
	struct event e;
	sqlite3_stmt *stmt;
	int64_t now = now_seconds();
	size_t count = 0, i;
	char *reason;
	int rc;

	if ((rc = store_clean(s, why, TEXT_MULTILINE | TEXT_ALLOW_EMPTY,
	    STORE_REASON_MAX, &reason)) != STORE_OK)
		return rc;
	if (reason[0] == '\0') {
		free(reason);
		return store_invalid(s, _("Say why it is cancelled: the "
		    "neighbours who answered will read it."));
	}
	memset(&e, 0, sizeof e);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = store_event_get(s, v, id, &e)) != STORE_OK ||
	    (rc = organiser_may_change(s, &e, now)) != STORE_OK)
		goto done;
	stmt = store_stmt(s, "UPDATE events SET cancelled_at = :now,"
	    " cancel_reason = :reason WHERE item_id = :id AND cancelled_at IS NULL AND item_id IN"
	    " (SELECT i.id FROM items i WHERE" EVENT_VISIBLE
	    " AND i.author_id = :viewer)");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	bind_int64(stmt, ":now", now);
	bind_text(stmt, ":reason", reason);
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_NOT_FOUND;
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "UPDATE items SET updated_at = :now"
		    " WHERE id = :id");
		bind_int64(stmt, ":id", id);
		bind_int64(stmt, ":now", now);
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK)
		rc = search_sync_item(s, id);
	if (rc == STORE_OK)
		rc = event_recipients(s, id, e.organiser_id, &to, &count);
	f = (struct cancel_facts){ .e = &e, .reason = reason };
	for (i = 0; i < count && rc == STORE_OK; i++)
		rc = store_notify(s, &(struct notice){
			.kind = NOTICE_EVENT,
			.recipient_id = to[i].id,
			.sender_id = e.organiser_id,
			.about_item_id = id,
			.compose = compose_cancel,
			.facts = &f,
		});
	free(to);
done:
	rc = store_finish(s, rc);
out:
	event_clear(&e);
	free(reason);
	return rc;
}

static void
read_attendee(sqlite3_stmt *stmt, void *row, bool full)
{
	struct attendee *a = row;
	char *answer;

	(void)full;			/* no long column */
	a->resident_id = sqlite3_column_int64(stmt, 0);
	a->name = column_text(stmt, 1);
	answer = column_text(stmt, 2);
	a->answer = answer_parse(answer);
	free(answer);
	a->position = sqlite3_column_int(stmt, 3);
}

int
store_event_attendees(struct store *s, const struct viewer *v, int64_t id,
    struct attendee **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	/* Those with a place, then the line in its order, then the maybes. */
	stmt = store_stmt(s, "SELECT r.resident_id, p.display_name, r.answer,"
	    " CASE WHEN r.waitlisted THEN (SELECT count(*) FROM rsvps w"
	    "  WHERE w.event_id = r.event_id AND w.answer = 'yes'"
	    "  AND w.waitlisted AND (w.answered_at, w.resident_id)"
	    "   <= (r.answered_at, r.resident_id)) ELSE 0 END AS position"
	    " FROM rsvps r JOIN items i ON i.id = r.event_id"
	    " JOIN residents p ON p.id = r.resident_id"
	    " WHERE r.event_id = :id AND r.answer IN ('yes', 'maybe')"
	    " AND" EVENT_VISIBLE
	    " ORDER BY CASE WHEN r.answer = 'maybe' THEN 2"
	    "  WHEN r.waitlisted THEN 1 ELSE 0 END,"
	    " r.answered_at, r.resident_id");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	*out = store_read_rows(s, stmt, sizeof **out, read_attendee, false, n,
	    &rc);
	if (rc != STORE_OK) {
		attendee_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
event_clear(struct event *e)
{
	free(e->title);
	free(e->body);
	free(e->cancel_reason);
	free(e->place);
	free(e->organiser_name);
	free(e->hidden_reason);
	memset(e, 0, sizeof *e);
}

void
event_list_free(struct event *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		event_clear(&list[i]);
	free(list);
}

void
attendee_list_free(struct attendee *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i].name);
	free(list);
}
