/*
 * store.c - the connection to the database: opening it the same way in
 * every process, a cache of prepared statements, short write transactions
 * that wait for the lock instead of failing, and error reporting.
 */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store-internal.h"
#include "text.h"

static void
store_set_detail(struct store *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->detail, sizeof s->detail, fmt, ap);
	va_end(ap);
}

/* quartier_now(): now_seconds() in SQL. */
static void
sql_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_int64(ctx, now_seconds());
}

/*
 * Settings every connection needs, in every process: WAL so that readers
 * never wait for the writer, a busy timeout so that a writer waits for
 * another instead of failing, foreign keys enforced, and NORMAL
 * synchronous which in WAL mode survives any crash of the program.
 * Pages are read through a shared mapping of the file rather than copied
 * into each process's own cache: every session's UI is a process, and
 * hundreds of them then share one copy of the pages they read.  The
 * mapping covers as much of the file as SQLite allows (2 GiB): a page
 * past its end is read into the 2 MB cache instead, and a search at a
 * million items, whose index lies past the first 256 MiB, read hundreds
 * of them again at every query.
 */
static int
store_configure(struct store *s, char **err)
{
	static const char *pragmas[] = {
		"PRAGMA foreign_keys = ON",
		"PRAGMA synchronous = NORMAL",
		"PRAGMA temp_store = MEMORY",
		"PRAGMA mmap_size = 2147418112",	/* SQLite's most */
	};
	char *journal = NULL;
	sqlite3_stmt *stmt;
	size_t i;

	sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
	/* The store's clock in SQL, for scripts (the demo): SQLite's own
	 * 'now' does not know QUARTIER_FAKE_NOW. */
	if (sqlite3_create_function(s->db, "quartier_now", 0, SQLITE_UTF8,
	    NULL, sql_now, NULL, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_extended_result_codes(s->db, 1);
	for (i = 0; i < sizeof pragmas / sizeof pragmas[0]; i++) {
		if (sqlite3_exec(s->db, pragmas[i], NULL, NULL, NULL) != SQLITE_OK)
			goto fail;
	}
	if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &stmt,
	    NULL) != SQLITE_OK)
		goto fail;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		journal = column_text(stmt, 0);
	sqlite3_finalize(stmt);
	if (journal == NULL || strcmp(journal, "wal") != 0) {
		free(journal);
		*err = xasprintf(_("%s: cannot use write-ahead logging"),
		    s->path);
		return -1;
	}
	free(journal);
	return 0;
fail:
	*err = xasprintf("%s: %s", s->path, sqlite3_errmsg(s->db));
	return -1;
}

/*
 * The database holds password hashes, private mail and letter codes: it
 * and its -wal and -shm files are for their owner alone.  A file that
 * other users of the machine may read or write is refused, with the
 * command that fixes it, before SQLite opens anything.
 */
static int
store_check_private(const char *path, char **err)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	struct stat st;
	char *fix = NULL, *file, *more;
	size_t i;

	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		file = xasprintf("%s%s", path, suffixes[i]);
		if (stat(file, &st) == 0 && S_ISREG(st.st_mode) &&
		    (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
			more = xasprintf("%s %s", fix != NULL ? fix : "", file);
			free(fix);
			fix = more;
		}
		free(file);
	}
	if (fix == NULL)
		return 0;
	*err = xasprintf(_("%s: other users of this machine can read or "
	    "write the database; make it private with: chmod 600%s"), path,
	    fix);
	free(fix);
	return -1;
}

/*
 * A new database is made with mode 0600 before SQLite opens it, so that
 * not even an empty one is readable by others for a moment; SQLite gives
 * its -wal and -shm files the mode of the database.
 */
static int
store_create_private(const char *path, char **err)
{
	int fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) >= 0) {
		close(fd);
		return 0;
	}
	if (errno == EEXIST)
		return 0;
	*err = xasprintf("%s: %s", path, strerror(errno));
	return -1;
}

int
store_open(const char *path, int flags, struct store **out, char **err)
{
	struct store *s;
	int oflags;

	*out = NULL;
	*err = NULL;
	if (path[0] != '\0' && strcmp(path, ":memory:") != 0) {
		if ((flags & STORE_CREATE) && store_create_private(path, err) != 0)
			return -1;
		if (store_check_private(path, err) != 0)
			return -1;
	}
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	if (flags & STORE_READONLY)
		oflags = SQLITE_OPEN_READONLY;
	else {
		oflags = SQLITE_OPEN_READWRITE;
		if (flags & STORE_CREATE)
			oflags |= SQLITE_OPEN_CREATE;
	}
	oflags |= SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
		if (s->db == NULL)
			*err = xasprintf("%s: %s", path, _("out of memory"));
		else if (!(flags & STORE_CREATE) &&
		    sqlite3_errcode(s->db) == SQLITE_CANTOPEN)
			*err = xasprintf(_("%s: no such database (create it "
			    "with: quartier-admin --db %s init)"), path, path);
		else
			*err = xasprintf("%s: %s", path, sqlite3_errmsg(s->db));
		store_close(s);
		return -1;
	}
	if (search_open(s) != 0) {
		*err = xasprintf(_("%s: this SQLite has no full-text search"
		    " (FTS5)"), path);
		store_close(s);
		return -1;
	}
	if (store_configure(s, err) != 0 ||
	    ((flags & STORE_READONLY) ? store_check_version(s, err) :
	    store_migrate(s, err)) != 0) {
		store_close(s);
		return -1;
	}
	store_changed(s);
	*out = s;
	return 0;
}

void
store_close(struct store *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].stmt);
	search_close(s);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

/*
 * A prepared statement for SQL, ready to bind.  SQL must be a string literal
 * of the store: its address is the cache key, so each statement is compiled
 * once per process.  A failure to prepare is a programming error.
 */
sqlite3_stmt *
store_stmt(struct store *s, const char *sql)
{
	sqlite3_stmt *stmt;
	size_t i;

	for (i = 0; i < s->ncache; i++) {
		if (s->cache[i].sql == sql) {
			stmt = s->cache[i].stmt;
			sqlite3_reset(stmt);
			sqlite3_clear_bindings(stmt);
			return stmt;
		}
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt,
	    NULL) != SQLITE_OK)
		fatal("cannot prepare \"%s\": %s", sql, sqlite3_errmsg(s->db));
	if (s->ncache == STORE_CACHE_SIZE) {
		/* Full: drop the oldest entry, keep the order. */
		sqlite3_finalize(s->cache[0].stmt);
		memmove(&s->cache[0], &s->cache[1],
		    (STORE_CACHE_SIZE - 1) * sizeof s->cache[0]);
		s->ncache--;
	}
	s->cache[s->ncache].sql = sql;
	s->cache[s->ncache].stmt = stmt;
	s->ncache++;
	return stmt;
}

/* Map an SQLite result code to a store status and remember the detail. */
int
store_fail(struct store *s, int rc)
{
	store_set_detail(s, "%s", sqlite3_errmsg(s->db));
	s->detail_status = 0;		/* for logs, not for residents */
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_BUSY;
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_UNIQUE ||
		    rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			return STORE_DUPLICATE;
		/* A reference to a quartier, resident or item that is not
		 * there. */
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			return STORE_NOT_FOUND;
		return STORE_INVALID;
	default:
		return STORE_ERROR;
	}
}

/* Refuse with STATUS, and a sentence for the resident that
 * store_message() gives for that status. */
int
store_refuse(struct store *s, int status, const char *why)
{
	store_set_detail(s, "%s", why);
	s->detail_status = status;
	return status;
}

int
store_invalid(struct store *s, const char *why)
{
	return store_refuse(s, STORE_INVALID, why);
}

/*
 * Start a write transaction.  BEGIN IMMEDIATE takes the write lock now,
 * waiting through the busy handler; a deferred transaction that later
 * upgrades from read to write would fail with SQLITE_BUSY without waiting.
 * A database locked past the timeout is retried twice more before the
 * caller is told it is busy.
 */
int
store_begin(struct store *s)
{
	int rc, tries;

	for (tries = 0; tries < 3; tries++) {
		rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return STORE_OK;
		if ((rc & 0xff) != SQLITE_BUSY)
			break;
	}
	return store_fail(s, rc);
}

int
store_commit(struct store *s)
{
	int rc;

	rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return STORE_OK;
	rc = store_fail(s, rc);
	store_rollback(s);
	return rc;
}

void
store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * Run one prepared write in its own transaction; a write that changed no
 * row found nothing to change (a wrong id, or one the viewer may not
 * touch) and is STORE_NOT_FOUND.
 */
int
store_write_one(struct store *s, sqlite3_stmt *stmt)
{
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	if ((rc = store_step_done(s, stmt)) != STORE_OK) {
		store_rollback(s);
		return rc;
	}
	if (sqlite3_changes(s->db) == 0) {
		store_rollback(s);
		return STORE_NOT_FOUND;
	}
	return store_commit(s);
}

/* Finish a write transaction: commit when RC is OK, roll back otherwise. */
int
store_finish(struct store *s, int rc)
{
	if (rc != STORE_OK) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s);
}

/* Run a statement that returns no rows. */
int
store_step_done(struct store *s, sqlite3_stmt *stmt)
{
	int rc;

	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return STORE_OK;
	return store_fail(s, rc);
}

/*
 * The status and quartier of the resident STMT selects as (status,
 * quartier_id); STORE_NOT_FOUND if none.  An unknown status reads as
 * suspended, which lets nothing through.
 */
int
store_step_standing(struct store *s, sqlite3_stmt *stmt,
    enum resident_status *status, int64_t *quartier_id)
{
	const char *t;
	int rc;

	*status = RESIDENT_SUSPENDED;
	*quartier_id = 0;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		if ((t = (const char *)sqlite3_column_text(stmt, 0)) == NULL ||
		    resident_status_parse(t, status) != 0)
			*status = RESIDENT_SUSPENDED;
		*quartier_id = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, rc);
}

/* The one number STMT returns (a count) into *N; 0 if none. */
int
store_step_int(struct store *s, sqlite3_stmt *stmt, int *n)
{
	int rc;

	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc);
}

/* Whether STMT finds a row: STORE_OK if it does, STORE_NOT_FOUND if not. */
int
store_step_found(struct store *s, sqlite3_stmt *stmt)
{
	int rc;

	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, rc);
}

/*
 * Every row STMT returns, each read by READ_ROW into its own SIZE bytes
 * of one array.  The array grows by doubling so that a long list costs a
 * few reallocations, not one per row.  READ_ROW is given a zeroed row, so
 * it sets only the columns it has.  The statement is reset whatever
 * happens, ready for its next use from the cache.
 *
 * On failure *STATUS says why and the rows already read are returned all
 * the same, *N of them: only the caller knows how to free what a row
 * holds, so it frees them with its own list function.
 */
void *
store_read_rows(struct store *s, sqlite3_stmt *stmt, size_t size,
    store_read_fn read_row, bool full, size_t *n, int *status)
{
	unsigned char *rows = NULL;
	size_t count = 0, allocated = 0;
	int rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (count == allocated) {
			allocated = allocated == 0 ? 8 : allocated * 2;
			if (allocated > SIZE_MAX / size)
				fatal("too many rows from \"%s\"",
				    sqlite3_sql(stmt));
			rows = xrealloc(rows, allocated * size);
		}
		memset(rows + count * size, 0, size);
		read_row(stmt, rows + count * size, full);
		count++;
	}
	sqlite3_reset(stmt);
	*n = count;
	*status = rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
	return rows;
}

/*
 * The one row STMT returns, read by READ_ROW into ROW, SIZE bytes;
 * STORE_NOT_FOUND, with ROW zeroed, when there is none, so that the caller
 * can clear ROW whatever the outcome.
 */
int
store_read_row(struct store *s, sqlite3_stmt *stmt, size_t size,
    store_read_fn read_row, bool full, void *row)
{
	int rc;

	memset(row, 0, size);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		read_row(stmt, row, full);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, rc);
}

int
store_exec(struct store *s, const char *sql)
{
	int rc;

	rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc);
}

/* Clean resident text on its way in; STORE_INVALID says why it was refused. */
int
store_clean(struct store *s, const char *in, int flags, size_t max_chars,
    char **out)
{
	enum text_status ts;

	if (in == NULL)
		in = "";
	ts = text_clean(in, strlen(in), flags, max_chars, out);
	if (ts != TEXT_OK)
		return store_invalid(s, text_status_message(ts));
	return STORE_OK;
}

void
bind_int64(sqlite3_stmt *stmt, const char *name, int64_t value)
{
	int i;

	if ((i = sqlite3_bind_parameter_index(stmt, name)) == 0)
		fatal("no parameter %s in \"%s\"", name, sqlite3_sql(stmt));
	sqlite3_bind_int64(stmt, i, value);
}

void
bind_text(sqlite3_stmt *stmt, const char *name, const char *value)
{
	int i;

	if ((i = sqlite3_bind_parameter_index(stmt, name)) == 0)
		fatal("no parameter %s in \"%s\"", name, sqlite3_sql(stmt));
	if (value == NULL)
		sqlite3_bind_null(stmt, i);
	else
		sqlite3_bind_text(stmt, i, value, -1, SQLITE_TRANSIENT);
}

void
bind_viewer(sqlite3_stmt *stmt, const struct viewer *v)
{
	bind_int64(stmt, ":viewer", v != NULL ? v->resident_id : 0);
}

char *
column_text(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t;

	if ((t = sqlite3_column_text(stmt, col)) == NULL)
		return NULL;
	return xstrdup((const char *)t);
}

const char *
store_detail(struct store *s)
{
	return s->detail;
}

const char *
store_message(struct store *s, int status)
{
	/* A refusal that said why says it to the resident. */
	if (status != STORE_OK && status == s->detail_status &&
	    s->detail[0] != '\0')
		return s->detail;
	switch (status) {
	case STORE_OK:
		return _("Done.");
	case STORE_NOT_FOUND:
		return _("This is no longer there.");
	case STORE_DENIED:
		return _("You cannot do that here.");
	case STORE_INVALID:
		return _("This was not accepted.");
	case STORE_DUPLICATE:
		return _("This name is already taken.");
	case STORE_BUSY:
		return _("The database is busy; nothing was lost, please try "
		    "again in a moment.");
	default:
		return _("Something went wrong with the database; nothing was "
		    "changed.");
	}
}

/* Whether another connection wrote since we last asked: cheap to poll. */
bool
store_changed(struct store *s)
{
	sqlite3_stmt *stmt;
	int64_t v = s->data_version;

	stmt = store_stmt(s, "PRAGMA data_version");
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (v == s->data_version)
		return false;
	s->data_version = v;
	return true;
}

int
store_schema_version(struct store *s)
{
	sqlite3_stmt *stmt;
	int v = -1;

	stmt = store_stmt(s, "PRAGMA user_version");
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	return v;
}

int
store_integrity_check(struct store *s, char **report)
{
	sqlite3_stmt *stmt;
	int rc;

	*report = NULL;
	stmt = store_stmt(s, "PRAGMA integrity_check");
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*report = column_text(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc);
	return *report != NULL && strcmp(*report, "ok") == 0 ?
	    STORE_OK : STORE_ERROR;
}

int
store_run_script(struct store *s, const char *sql)
{
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	if ((rc = store_exec(s, sql)) != STORE_OK ||
	    (rc = store_directory_rebuild(s)) != STORE_OK ||
	    (rc = store_search_rebuild(s)) != STORE_OK) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s);
}
