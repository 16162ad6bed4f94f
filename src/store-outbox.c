/*
 * store-outbox.c - the outbox as quartier-admin notify empties it.
 *
 * Nothing twice: a mail is claimed in a committed transaction (state
 * sending, its Message-ID and hand-over time written) before it is
 * handed to sendmail(8), and marked sent once sendmail has taken it.  A
 * run killed in between leaves it in sending; the next run cannot know
 * whether sendmail had taken it, so it marks it unsure and never hands it
 * over again (the sysop sees it in notify --status, with the Message-ID
 * to look for in the MTA's log).  Nothing lost: a hand-over that fails
 * (the MTA down, sendmail exiting non-zero) puts the mail back in
 * waiting, to be tried again later with a doubling delay.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "auth.h"

#define OUTBOX_RETRY_MAX	(6 * 3600)	/* the longest wait between tries */
#define OUTBOX_KEEP_DAYS	30		/* sent mail kept for --status */
#define DAY			86400

/* One row changed, within the caller's transaction. */
static int
step_one(struct store *s, sqlite3_stmt *stmt)
{
	int rc;

	if ((rc = store_step_done(s, stmt)) == STORE_OK &&
	    sqlite3_changes(s->db) == 0)
		rc = STORE_NOT_FOUND;
	return rc;
}

int
store_outbox_recover(struct store *s, int *unsure)
{
	sqlite3_stmt *stmt;
	int rc;

	*unsure = 0;
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "UPDATE outbox SET state = 'unsure',"
	    " last_error = 'interrupted while handing over'"
	    " WHERE state = 'sending'");
	if ((rc = store_step_done(s, stmt)) == STORE_OK)
		*unsure = sqlite3_changes(s->db);
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "DELETE FROM outbox WHERE state = 'sent'"
		    " AND sent_at < :before");
		bind_int64(stmt, ":before", now_seconds() -
		    OUTBOX_KEEP_DAYS * DAY);
		rc = store_step_done(s, stmt);
	}
	return store_finish(s, rc);
}

static void
read_mail(sqlite3_stmt *stmt, void *row, bool full)
{
	struct outbox_mail *m = row;
	const char *lang = (const char *)sqlite3_column_text(stmt, 4);

	m->id = sqlite3_column_int64(stmt, 0);
	m->resident_id = sqlite3_column_int64(stmt, 1);
	m->address = column_text(stmt, 2);
	m->kind = column_text(stmt, 3);
	if (lang == NULL || language_parse(lang, &m->language) != 0)
		m->language = LANG_FR;
	m->subject = column_text(stmt, 5);
	m->body = column_text(stmt, 6);
	m->message_id = column_text(stmt, 7);
	m->tries = sqlite3_column_int(stmt, 8);
	m->created_at = sqlite3_column_int64(stmt, 9);
	m->handle = column_text(stmt, 10);
}

/*
 * How many mails went to the resident or to the address in the day
 * before NOW, and when the oldest of them will be a day old.
 */
static int
sent_in_day(struct store *s, const struct outbox_mail *m, int64_t now,
    int *count, int64_t *oldest)
{
	sqlite3_stmt *stmt;
	int rc, by;

	*count = 0;
	*oldest = now;
	for (by = 0; by < 2; by++) {
		stmt = by == 0 ? store_stmt(s, "SELECT count(*),"
		    " coalesce(min(sent_at), 0) FROM outbox"
		    " WHERE resident_id = :resident AND sent_at > :since") :
		    store_stmt(s, "SELECT count(*), coalesce(min(sent_at), 0)"
		    " FROM outbox WHERE address = :address AND sent_at > :since");
		if (by == 0)
			bind_int64(stmt, ":resident", m->resident_id);
		else
			bind_text(stmt, ":address", m->address);
		bind_int64(stmt, ":since", now - DAY);
		if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
			sqlite3_reset(stmt);
			return store_fail(s, rc);
		}
		if (sqlite3_column_int(stmt, 0) > *count) {
			*count = sqlite3_column_int(stmt, 0);
			*oldest = sqlite3_column_int64(stmt, 1);
		}
		sqlite3_reset(stmt);
	}
	return STORE_OK;
}

int
store_outbox_claim(struct store *s, const struct outbox_rules *rules,
    int64_t now, struct outbox_mail *out)
{
	struct outbox_mail m;
	sqlite3_stmt *stmt;
	char random[33];
	int64_t oldest;
	int rc, count;

	memset(out, 0, sizeof *out);
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	for (;;) {
		stmt = store_stmt(s, "SELECT id, resident_id, address, kind,"
		    " language, subject, body, message_id, tries, created_at,"
		    " (SELECT handle FROM residents WHERE id = resident_id)"
		    " FROM outbox WHERE state = 'waiting'"
		    " AND next_try_at <= :now ORDER BY next_try_at, id LIMIT 1");
		bind_int64(stmt, ":now", now);
		if ((rc = store_read_row(s, stmt, sizeof m, read_mail, true, &m))
		    != STORE_OK)
			break;
		if ((rc = sent_in_day(s, &m, now, &count, &oldest))
		    != STORE_OK) {
			outbox_mail_clear(&m);
			break;
		}
		if (count < rules->daily_limit)
			break;
		/* Over the day's limit: it waits until a place frees up. */
		stmt = store_stmt(s, "UPDATE outbox SET next_try_at = :at,"
		    " last_error = 'daily limit' WHERE id = :id");
		bind_int64(stmt, ":at", oldest + DAY + 1);
		bind_int64(stmt, ":id", m.id);
		outbox_mail_clear(&m);
		if ((rc = store_step_done(s, stmt)) != STORE_OK)
			break;
	}
	if (rc != STORE_OK) {
		if (rc == STORE_NOT_FOUND)
			(void)store_commit(s);
		else
			store_rollback(s);
		return rc;
	}
	if (m.message_id == NULL) {
		auth_random_hex(random, 16);
		m.message_id = xasprintf("<%lld.%s@%s>", (long long)m.id,
		    random, rules->domain);
	}
	m.tries++;
	stmt = store_stmt(s, "UPDATE outbox SET state = 'sending',"
	    " message_id = :message_id, tries = :tries, sent_at = :now"
	    " WHERE id = :id AND state = 'waiting'");
	bind_text(stmt, ":message_id", m.message_id);
	bind_int64(stmt, ":tries", m.tries);
	bind_int64(stmt, ":now", now);
	bind_int64(stmt, ":id", m.id);
	if ((rc = step_one(s, stmt)) != STORE_OK ||
	    (rc = store_commit(s)) != STORE_OK) {
		store_rollback(s);
		outbox_mail_clear(&m);
		return rc;
	}
	*out = m;
	return STORE_OK;
}

/* Sent: a code's mail keeps no copy of the code. */
int
store_outbox_sent(struct store *s, int64_t id)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "UPDATE outbox SET state = 'sent',"
	    " last_error = NULL, body = iif(kind = 'address', '', body)"
	    " WHERE id = :id AND state = 'sending'");
	bind_int64(stmt, ":id", id);
	rc = step_one(s, stmt);
	return store_finish(s, rc);
}

int
store_outbox_retry(struct store *s, const struct outbox_rules *rules,
    const struct outbox_mail *m, const char *error, int64_t now)
{
	sqlite3_stmt *stmt;
	int64_t wait = rules->retry_base;
	int rc, i;

	for (i = 1; i < m->tries && wait < OUTBOX_RETRY_MAX; i++)
		wait *= 2;
	if (wait > OUTBOX_RETRY_MAX)
		wait = OUTBOX_RETRY_MAX;
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "UPDATE outbox"
	    " SET state = iif(tries >= :max, 'failed', 'waiting'),"
	    " next_try_at = :next, last_error = :error, sent_at = NULL"
	    " WHERE id = :id AND state = 'sending'");
	bind_int64(stmt, ":max", rules->max_tries);
	bind_int64(stmt, ":next", now + wait);
	bind_text(stmt, ":error", error);
	bind_int64(stmt, ":id", m->id);
	rc = step_one(s, stmt);
	return store_finish(s, rc);
}

void
outbox_mail_clear(struct outbox_mail *m)
{
	free(m->address);
	free(m->handle);
	free(m->kind);
	free(m->subject);
	if (m->body != NULL)
		auth_wipe(m->body, strlen(m->body));
	free(m->body);
	free(m->message_id);
	memset(m, 0, sizeof *m);
}

static void
read_row(sqlite3_stmt *stmt, void *row, bool full)
{
	struct outbox_row *r = row;

	r->id = sqlite3_column_int64(stmt, 0);
	r->handle = column_text(stmt, 1);
	r->kind = column_text(stmt, 2);
	r->state = column_text(stmt, 3);
	r->message_id = column_text(stmt, 4);
	r->last_error = column_text(stmt, 5);
	r->tries = sqlite3_column_int(stmt, 6);
	r->created_at = sqlite3_column_int64(stmt, 7);
	r->next_try_at = sqlite3_column_int64(stmt, 8);
}

int
store_outbox_status(struct store *s, int64_t now, struct outbox_status *st,
    struct outbox_row **rows, size_t *n, size_t max)
{
	sqlite3_stmt *stmt;
	const char *state;
	int rc, count;

	memset(st, 0, sizeof *st);
	*rows = NULL;
	*n = 0;
	stmt = store_stmt(s, "SELECT state, count(*),"
	    " min(iif(state = 'waiting', next_try_at, NULL)),"
	    " sum(iif(sent_at > :since, 1, 0))"
	    " FROM outbox GROUP BY state");
	bind_int64(stmt, ":since", now - DAY);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		state = (const char *)sqlite3_column_text(stmt, 0);
		count = sqlite3_column_int(stmt, 1);
		if (strcmp(state, "waiting") == 0) {
			st->waiting = count;
			st->next_try_at = sqlite3_column_int64(stmt, 2);
		} else if (strcmp(state, "sending") == 0)
			st->sending = count;
		else if (strcmp(state, "sent") == 0)
			st->sent = count;
		else if (strcmp(state, "unsure") == 0)
			st->unsure = count;
		else if (strcmp(state, "failed") == 0)
			st->failed = count;
		st->sent_today += sqlite3_column_int(stmt, 3);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc);
	stmt = store_stmt(s, "SELECT o.id, r.handle, o.kind, o.state,"
	    " o.message_id, o.last_error, o.tries, o.created_at,"
	    " o.next_try_at FROM outbox o"
	    " JOIN residents r ON r.id = o.resident_id"
	    " WHERE o.state IN ('waiting', 'sending', 'unsure', 'failed')"
	    " ORDER BY o.id DESC LIMIT :max");
	bind_int64(stmt, ":max", (int64_t)max);
	*rows = store_read_rows(s, stmt, sizeof **rows, read_row, true, n,
	    &rc);
	return rc;
}

void
outbox_row_list_free(struct outbox_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].handle);
		free(rows[i].kind);
		free(rows[i].state);
		free(rows[i].message_id);
		free(rows[i].last_error);
	}
	free(rows);
}
