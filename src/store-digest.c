/*
 * store-digest.c - the digest: once a day or once a week, at the hour a
 * resident chose (in the site's time zone, TZ), one e-mail of what is new
 * in their quartier since their last visit or their last digest, board
 * by board with the first titles and the counts, the events of the
 * coming week and the loans they must give back.  Nothing from another
 * quartier, nothing deleted or hidden by moderation, nothing by a
 * neighbour they blocked, nothing of their own.  A digest with nothing
 * to say is not sent.
 *
 * quartier-admin notify calls store_digest_queue() before it empties the
 * outbox: each digest is one outbox row, written in the same transaction
 * as the resident's last_digest_at, so it is made once.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store-internal.h"
#include "when.h"

#define DIGEST_TITLES	3	/* the first titles shown of each board */
#define DIGEST_WEEK	(7 * 86400)

struct digest_candidate {
	int64_t		 resident_id;
	int64_t		 quartier_id;
	char		*address;
	char		*language;
	char		*rhythm;
	int		 hour;
	int64_t		 last_digest_at;
	int64_t		 last_login_at;
};

static void
read_candidate(sqlite3_stmt *stmt, void *row, bool full)
{
	struct digest_candidate *c = row;

	c->resident_id = sqlite3_column_int64(stmt, 0);
	c->quartier_id = sqlite3_column_int64(stmt, 1);
	c->address = column_text(stmt, 2);
	c->language = column_text(stmt, 3);
	c->rhythm = column_text(stmt, 4);
	c->hour = sqlite3_column_int(stmt, 5);
	c->last_digest_at = sqlite3_column_int64(stmt, 6);
	c->last_login_at = sqlite3_column_int64(stmt, 7);
}

/*
 * The latest moment at or before NOW when a digest of RHYTHM at HOUR
 * (local time) was due: today's HOUR, or yesterday's; for a weekly one,
 * the latest Monday at HOUR.
 */
int64_t
digest_slot(int64_t now, const char *rhythm, int hour)
{
	time_t t = (time_t)now, slot;
	struct tm tm;
	int back;

	localtime_r(&t, &tm);
	back = strcmp(rhythm, "weekly") == 0 ? (tm.tm_wday + 6) % 7 : 0;
	if (back == 0 && tm.tm_hour < hour)
		back = strcmp(rhythm, "weekly") == 0 ? 7 : 1;
	tm.tm_mday -= back;
	tm.tm_hour = hour;
	tm.tm_min = 0;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	slot = mktime(&tm);
	return (int64_t)slot;
}

static const struct {
	const char	*kind;
	const char	*label;
} digest_boards[] = {
	{ STORE_KIND_POST, N_("Wall") },
	{ STORE_KIND_CLASSIFIED, N_("Classifieds") },
	{ STORE_KIND_LENDING, N_("Lending and services") },
	{ STORE_KIND_EVENT, N_("Events") },
};

/* Append to *TEXT (a new string each time). */
static void
append(char **text, const char *more)
{
	char *joined = xasprintf("%s%s", *text, more);

	free(*text);
	*text = joined;
}

/* What is new on one board since SINCE; *N gets how many. */
static int
digest_board(struct store *s, const struct digest_candidate *c,
    const char *kind, const char *label, int64_t since, char **text,
    int *total)
{
	sqlite3_stmt *stmt;
	char *line;
	int rc, n = 0, shown = 0;

	stmt = store_stmt(s, "SELECT i.title FROM items i"
	    " WHERE i.quartier_id = :quartier AND i.kind = :kind"
	    " AND i.created_at > :since AND i.deleted_at IS NULL"
	    " AND i.hidden_at IS NULL AND coalesce(i.author_id, 0) != :resident"
	    " AND NOT EXISTS (SELECT 1 FROM blocks WHERE blocker_id = :resident"
	    "  AND blocked_id = i.author_id)"
	    " ORDER BY i.created_at DESC, i.id DESC");
	bind_int64(stmt, ":quartier", c->quartier_id);
	bind_text(stmt, ":kind", kind);
	bind_int64(stmt, ":since", since);
	bind_int64(stmt, ":resident", c->resident_id);
	line = NULL;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n == 0)
			line = xstrdup("");
		if (shown < DIGEST_TITLES) {
			char *title = xasprintf("  - %s\n",
			    sqlite3_column_text(stmt, 0));

			append(&line, title);
			free(title);
			shown++;
		}
		n++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		free(line);
		return store_fail(s, rc);
	}
	if (n > 0) {
		char *head = xasprintf(ngettext("%s: %d new\n", "%s: %d new\n",
		    n), _(label), n);

		append(text, head);
		append(text, line);
		if (n > shown) {
			char *more = xasprintf(ngettext("  and %d more\n",
			    "  and %d more\n", n - shown), n - shown);

			append(text, more);
			free(more);
		}
		append(text, "\n");
		free(head);
	}
	free(line);
	*total += n;
	return STORE_OK;
}

static int
digest_events(struct store *s, const struct digest_candidate *c,
    int64_t now, char **text, int *total)
{
	sqlite3_stmt *stmt;
	char when[128], *line;
	int rc, n = 0;

	stmt = store_stmt(s, "SELECT e.starts_at, i.title FROM events e"
	    " JOIN items i ON i.id = e.item_id"
	    " WHERE e.quartier_id = :quartier AND e.starts_at >= :now"
	    " AND e.starts_at < :until AND e.cancelled_at IS NULL"
	    " AND i.deleted_at IS NULL AND i.hidden_at IS NULL"
	    " AND NOT EXISTS (SELECT 1 FROM blocks WHERE blocker_id = :resident"
	    "  AND blocked_id = i.author_id)"
	    " ORDER BY e.starts_at, i.id LIMIT 10");
	bind_int64(stmt, ":quartier", c->quartier_id);
	bind_int64(stmt, ":now", now);
	bind_int64(stmt, ":until", now + DIGEST_WEEK);
	bind_int64(stmt, ":resident", c->resident_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n++ == 0)
			append(text, _("The events of the coming week:\n"));
		when_format_moment(when, sizeof when,
		    sqlite3_column_int64(stmt, 0));
		line = xasprintf("  - %s, %s\n", when,
		    sqlite3_column_text(stmt, 1));
		append(text, line);
		free(line);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc);
	if (n > 0)
		append(text, "\n");
	*total += n;
	return STORE_OK;
}

static int
digest_loans(struct store *s, const struct digest_candidate *c,
    char **text, int *total)
{
	sqlite3_stmt *stmt;
	char when[128], *line;
	int rc, n = 0;

	stmt = store_stmt(s, "SELECT l.due_at, i.title FROM loans l"
	    " JOIN items i ON i.id = l.item_id"
	    " WHERE l.borrower_id = :resident AND l.status = 'accepted'"
	    " ORDER BY l.due_at, l.id");
	bind_int64(stmt, ":resident", c->resident_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n++ == 0)
			append(text, _("To give back:\n"));
		if (sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
			when_format_date(when, sizeof when,
			    sqlite3_column_int64(stmt, 0));
			line = xasprintf(_("  - %s, by %s\n"),
			    sqlite3_column_text(stmt, 1), when);
		} else
			line = xasprintf("  - %s\n",
			    sqlite3_column_text(stmt, 1));
		append(text, line);
		free(line);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc);
	if (n > 0)
		append(text, "\n");
	*total += n;
	return STORE_OK;
}

/* One resident's digest, in their language, and their last_digest_at. */
static int
digest_one(struct store *s, const struct digest_candidate *c, int64_t now,
    bool *sent)
{
	enum language lang = LANG_FR, ours = language_current();
	char *text, *subject;
	sqlite3_stmt *stmt;
	int64_t since;
	size_t i;
	int rc = STORE_OK, total = 0;

	if (c->language != NULL && language_parse(c->language, &lang) != 0)
		lang = LANG_FR;
	since = c->last_digest_at > c->last_login_at ? c->last_digest_at :
	    c->last_login_at;
	if (since == 0)
		since = now - (strcmp(c->rhythm, "weekly") == 0 ? DIGEST_WEEK :
		    86400);
	language_apply(lang);
	text = xstrdup("");
	for (i = 0; rc == STORE_OK &&
	    i < sizeof digest_boards / sizeof digest_boards[0]; i++)
		rc = digest_board(s, c, digest_boards[i].kind,
		    digest_boards[i].label, since, &text, &total);
	if (rc == STORE_OK)
		rc = digest_events(s, c, now, &text, &total);
	if (rc == STORE_OK)
		rc = digest_loans(s, c, &text, &total);
	if (rc == STORE_OK && total > 0) {
		subject = xasprintf("%s", strcmp(c->rhythm, "weekly") == 0 ?
		    _("Your quartier this week") : _("Your quartier today"));
		rc = outbox_add(s, c->resident_id, c->address, "digest",
		    subject, text);
		*sent = rc == STORE_OK;
		free(subject);
	}
	language_apply(ours);
	free(text);
	if (rc != STORE_OK)
		return rc;
	stmt = store_stmt(s, "INSERT INTO mail_settings (resident_id,"
	    " last_digest_at) VALUES (:resident, :now)"
	    " ON CONFLICT (resident_id) DO UPDATE SET last_digest_at = :now");
	bind_int64(stmt, ":resident", c->resident_id);
	bind_int64(stmt, ":now", now);
	return store_step_done(s, stmt);
}

static void
candidate_clear(struct digest_candidate *c)
{
	free(c->address);
	free(c->language);
	free(c->rhythm);
}

int
store_digest_queue(struct store *s, int64_t now, int *queued)
{
	struct digest_candidate *list;
	sqlite3_stmt *stmt;
	size_t n, i;
	int rc = STORE_OK;
	bool sent;

	*queued = 0;
	/* Every verified address whose resident wants a digest: once a
	 * minute, the one scan of notify. */
	stmt = store_stmt(s, "SELECT r.id, r.quartier_id, e.address,"
	    " r.language, coalesce(m.digest, 'weekly'),"
	    " coalesce(m.digest_hour, 18),"
	    " coalesce(m.last_digest_at, e.verified_at),"
	    " coalesce(r.last_login_at, 0)"
	    " FROM email_addresses e JOIN residents r ON r.id = e.resident_id"
	    " LEFT JOIN mail_settings m ON m.resident_id = e.resident_id"
	    " WHERE e.verified_at IS NOT NULL AND r.status = 'verified'"
	    " AND coalesce(m.digest, 'weekly') != 'never'");
	list = store_read_rows(s, stmt, sizeof *list, read_candidate, true, &n,
	    &rc);
	if (rc != STORE_OK)
		return rc;
	for (i = 0; rc == STORE_OK && i < n; i++) {
		if (list[i].last_digest_at >= digest_slot(now, list[i].rhythm,
		    list[i].hour))
			continue;
		if ((rc = store_begin(s)) != STORE_OK)
			break;
		sent = false;
		rc = digest_one(s, &list[i], now, &sent);
		if ((rc = store_finish(s, rc)) == STORE_OK && sent)
			(*queued)++;
	}
	for (i = 0; i < n; i++)
		candidate_clear(&list[i]);
	free(list);
	return rc;
}
