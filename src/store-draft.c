/*
 * store-draft.c - what residents were writing.  Each editor's fields are
 * saved as the resident types, so that a dropped connection, a closed
 * terminal or a kiosk's idle timeout loses nothing: the next login offers
 * them back.  A draft is its writer's alone: every statement is scoped to
 * the viewer's own rows, whatever id is given.
 *
 * The fields go into one BLOB as NUL-ended name and value pairs: an
 * editor's text never holds a NUL, and a new editor needs no new column.
 * The values are the resident's text as typed, valid UTF-8 but not yet
 * cleaned: they go back into the editor, and are cleaned when sent.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

/* A draft's fields, all together: an editor's limits with room. */
#define DRAFT_BYTES_MAX		(256 * 1024)
#define DRAFT_SCREEN_MAX	32
#define DRAFT_LABEL_MAX		80	/* characters */

bool
store_draft_due(int64_t saved_at, int64_t now)
{
	return now / STORE_DRAFT_SAVE != saved_at / STORE_DRAFT_SAVE;
}

void
draft_set(struct draft *d, const char *name, const char *value)
{
	size_t i;

	for (i = 0; i < d->nfields; i++) {
		if (strcmp(d->fields[i].name, name) == 0) {
			free(d->fields[i].value);
			d->fields[i].value = xstrdup(value != NULL ? value : "");
			return;
		}
	}
	if (d->nfields == DRAFT_FIELDS_MAX)
		return;
	d->fields[d->nfields].name = xstrdup(name);
	d->fields[d->nfields].value = xstrdup(value != NULL ? value : "");
	d->nfields++;
}

const char *
draft_get(const struct draft *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->nfields; i++) {
		if (strcmp(d->fields[i].name, name) == 0)
			return d->fields[i].value;
	}
	return NULL;
}

void
draft_clear(struct draft *d)
{
	size_t i;

	for (i = 0; i < d->nfields; i++) {
		free(d->fields[i].name);
		free(d->fields[i].value);
	}
	free(d->screen);
	free(d->label);
	free(d->summary);
	memset(d, 0, sizeof *d);
}

void
draft_list_free(struct draft *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		draft_clear(&list[i]);
	free(list);
}

/* The fields of D as one block of *LEN bytes, or NULL when they are not
 * text or too big. */
static char *
draft_pack(const struct draft *d, size_t *len)
{
	size_t i, n, v, used = 0;
	char *buf;

	for (i = 0, n = 0; i < d->nfields; i++) {
		v = strlen(d->fields[i].value);
		if (!text_valid_utf8(d->fields[i].value, v))
			return NULL;
		n += strlen(d->fields[i].name) + 1 + v + 1;
	}
	if (n > DRAFT_BYTES_MAX)
		return NULL;
	buf = xmalloc(n + 1);
	for (i = 0; i < d->nfields; i++) {
		n = strlen(d->fields[i].name) + 1;
		memcpy(buf + used, d->fields[i].name, n);
		used += n;
		n = strlen(d->fields[i].value) + 1;
		memcpy(buf + used, d->fields[i].value, n);
		used += n;
	}
	*len = used;
	return buf;
}

/* Read LEN bytes of packed fields into D; a pair cut short is left out. */
static void
draft_unpack(struct draft *d, const char *buf, size_t len)
{
	const char *name, *value, *end = buf + len, *p = buf;

	while (p < end) {
		name = p;
		if ((p = memchr(p, '\0', (size_t)(end - p))) == NULL)
			return;
		value = ++p;
		if (p >= end || (p = memchr(p, '\0', (size_t)(end - p))) == NULL)
			return;
		p++;
		draft_set(d, name, value);
	}
}

/* A line of at most MAX characters from S, cleaned for the offer. */
static int
draft_line(struct store *s, const char *in, size_t max, char **out)
{
	char *cut;
	int rc;

	in = in != NULL ? in : "";
	cut = xstrndup(in, text_prefix_chars(in, strlen(in), max));
	rc = store_clean(s, cut, TEXT_ALLOW_EMPTY, 0, out);
	free(cut);
	return rc;
}

int
store_draft_save(struct store *s, const struct viewer *v,
    const struct draft *d, int64_t *id)
{
	sqlite3_stmt *stmt;
	char *fields, *label = NULL, *summary = NULL;
	int64_t now = now_seconds();
	size_t len;
	int rc;

	if (d->screen == NULL || d->screen[0] == '\0' ||
	    strlen(d->screen) > DRAFT_SCREEN_MAX)
		return store_invalid(s, "no such editor");
	if ((fields = draft_pack(d, &len)) == NULL)
		return store_invalid(s, _("This draft is too long to keep."));
	if ((rc = draft_line(s, d->label, DRAFT_LABEL_MAX, &label)) !=
	    STORE_OK || (rc = draft_line(s, d->summary, DRAFT_SUMMARY_MAX,
	    &summary)) != STORE_OK) {
		free(fields);
		free(label);
		return rc;
	}
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	rc = STORE_NOT_FOUND;
	if (*id != 0) {
		stmt = store_stmt(s, "UPDATE drafts SET screen = :screen,"
		    " target_id = :target, label = :label, summary = :summary,"
		    " fields = :fields, updated_at = :now"
		    " WHERE id = :id AND resident_id = :viewer");
		bind_int64(stmt, ":id", *id);
	} else
		stmt = store_stmt(s, "INSERT INTO drafts (resident_id, screen,"
		    " target_id, label, summary, fields, created_at,"
		    " updated_at) SELECT id, :screen, :target, :label,"
		    " :summary, :fields, :now, :now FROM residents"
		    " WHERE id = :viewer");
	for (;;) {
		bind_viewer(stmt, v);
		bind_text(stmt, ":screen", d->screen);
		bind_int64(stmt, ":target", d->target_id);
		bind_text(stmt, ":label", label);
		bind_text(stmt, ":summary", summary);
		sqlite3_bind_blob(stmt, sqlite3_bind_parameter_index(stmt,
		    ":fields"), fields, (int)len, SQLITE_STATIC);
		bind_int64(stmt, ":now", now);
		if ((rc = store_step_done(s, stmt)) != STORE_OK)
			break;
		if (sqlite3_changes(s->db) > 0) {
			if (*id == 0)
				*id = sqlite3_last_insert_rowid(s->db);
			break;
		}
		if (*id == 0) {		/* no such resident */
			rc = STORE_NOT_FOUND;
			break;
		}
		/* Sent or thrown away elsewhere meanwhile: a new one. */
		*id = 0;
		stmt = store_stmt(s, "INSERT INTO drafts (resident_id, screen,"
		    " target_id, label, summary, fields, created_at,"
		    " updated_at) SELECT id, :screen, :target, :label,"
		    " :summary, :fields, :now, :now FROM residents"
		    " WHERE id = :viewer");
	}
	if (rc == STORE_OK) {
		/* Past DRAFTS_MAX, the oldest go. */
		stmt = store_stmt(s, "DELETE FROM drafts WHERE resident_id ="
		    " :viewer AND id NOT IN (SELECT id FROM drafts"
		    " WHERE resident_id = :viewer"
		    " ORDER BY updated_at DESC, id DESC LIMIT :max)");
		bind_viewer(stmt, v);
		bind_int64(stmt, ":max", DRAFTS_MAX);
		rc = store_step_done(s, stmt);
	}
	rc = store_finish(s, rc);
out:
	free(fields);
	free(label);
	free(summary);
	return rc;
}

static void
read_draft(sqlite3_stmt *stmt, void *row, bool full)
{
	struct draft *d = row;
	const void *blob;

	(void)full;
	d->id = sqlite3_column_int64(stmt, 0);
	d->screen = column_text(stmt, 1);
	d->target_id = sqlite3_column_int64(stmt, 2);
	d->label = column_text(stmt, 3);
	d->summary = column_text(stmt, 4);
	if ((blob = sqlite3_column_blob(stmt, 5)) != NULL)
		draft_unpack(d, blob, (size_t)sqlite3_column_bytes(stmt, 5));
	d->updated_at = sqlite3_column_int64(stmt, 6);
}

int
store_draft_list(struct store *s, const struct viewer *v,
    struct draft **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT id, screen, target_id, label, summary,"
	    " fields, updated_at FROM drafts WHERE resident_id = :viewer"
	    " ORDER BY updated_at DESC, id DESC");
	bind_viewer(stmt, v);
	*out = store_read_rows(s, stmt, sizeof **out, read_draft, true, n,
	    &rc);
	return rc;
}

int
store_draft_delete(struct store *s, const struct viewer *v, int64_t id)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "DELETE FROM drafts"
	    " WHERE id = :id AND resident_id = :viewer");
	bind_int64(stmt, ":id", id);
	bind_viewer(stmt, v);
	return store_write_one(s, stmt);
}
