/*
 * store-search.c - one search over the boards of a quartier.
 *
 * The FTS5 table "search" holds, for every visible item and reply, its
 * text folded by text_fold(): lower case, no accents, œ as "oe".  A query
 * is folded the same way, so "eleve" finds "élève" and "Noel" finds "Noël".
 * Each row also holds the token "q<quartier id>" in its SCOPE column, and
 * every query asks for it: the index itself never answers with another
 * quartier's text, and the join with items checks the viewer once more.
 *
 * The index is kept in step by the writers (search_sync_item() and
 * search_sync_reply() inside their transactions), not by triggers: the
 * folding lives in C, and a trigger calling a C function would break any
 * other program opening the file.
 */
#include "build-config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

#define SEARCH_WORDS_MAX	8	/* words of a query that count */
#define SEARCH_WORD_MAX		64	/* bytes of one folded word */
#define SEARCH_CANDIDATES	1000	/* best rows looked at, per query */
#define EXCERPT_BYTES		240

static int64_t
item_row(int64_t item_id)
{
	return 2 * item_id;
}

static int64_t
reply_row(int64_t reply_id)
{
	return 2 * reply_id + 1;
}

static int
search_drop(struct store *s, int64_t rowid)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "DELETE FROM search WHERE rowid = :row");
	bind_int64(stmt, ":row", rowid);
	return store_step_done(s, stmt);
}

static int
search_put(struct store *s, int64_t rowid, int64_t quartier_id,
    const char *title, const char *body)
{
	sqlite3_stmt *stmt;
	char scope[32], *ftitle, *fbody;
	int rc;

	ftitle = text_fold(title != NULL ? title : "");
	fbody = text_fold(body != NULL ? body : "");
	snprintf(scope, sizeof scope, "q%lld", (long long)quartier_id);
	stmt = store_stmt(s, "INSERT INTO search (rowid, scope, title, body)"
	    " VALUES (:row, :scope, :title, :body)");
	bind_int64(stmt, ":row", rowid);
	bind_text(stmt, ":scope", scope);
	bind_text(stmt, ":title", ftitle != NULL ? ftitle : "");
	bind_text(stmt, ":body", fbody != NULL ? fbody : "");
	rc = store_step_done(s, stmt);
	free(ftitle);
	free(fbody);
	return rc;
}

/* The SQL that says whether an item is visible at all (not its quartier). */
#define ITEM_LIVE "i.deleted_at IS NULL AND i.hidden_at IS NULL"
#define REPLY_LIVE "p.deleted_at IS NULL AND p.hidden_at IS NULL"

/* The row of one reply; DROP first removes the one it may have. */
static int
search_reply_row(struct store *s, int64_t reply_id, bool drop)
{
	sqlite3_stmt *stmt;
	int64_t quartier = 0;
	char *body = NULL;
	int rc;

	if (drop && (rc = search_drop(s, reply_row(reply_id))) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "SELECT i.quartier_id, p.body FROM replies p"
	    " JOIN items i ON i.id = p.item_id"
	    " WHERE p.id = :id AND " REPLY_LIVE " AND " ITEM_LIVE);
	bind_int64(stmt, ":id", reply_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		quartier = sqlite3_column_int64(stmt, 0);
		body = column_text(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		rc = search_put(s, reply_row(reply_id), quartier, NULL, body);
	else
		rc = rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
	free(body);
	return rc;
}

int
search_sync_reply(struct store *s, int64_t reply_id)
{
	return search_reply_row(s, reply_id, true);
}

/* The row of one item, without its replies. */
static int
search_item_row(struct store *s, int64_t item_id, bool drop)
{
	sqlite3_stmt *stmt;
	int64_t quartier = 0;
	char *title = NULL, *body = NULL;
	int rc;

	if (drop && (rc = search_drop(s, item_row(item_id))) != STORE_OK)
		return rc;
	/* An event is found by its place too. */
	stmt = store_stmt(s, "SELECT i.quartier_id, i.title,"
	    " i.body || coalesce(char(10) || e.place, '')"
	    " FROM items i LEFT JOIN events e ON e.item_id = i.id"
	    " WHERE i.id = :id AND " ITEM_LIVE);
	bind_int64(stmt, ":id", item_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		quartier = sqlite3_column_int64(stmt, 0);
		title = column_text(stmt, 1);
		body = column_text(stmt, 2);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		rc = search_put(s, item_row(item_id), quartier, title, body);
	else
		rc = rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
	free(title);
	free(body);
	return rc;
}

int
search_sync_item(struct store *s, int64_t item_id)
{
	sqlite3_stmt *stmt;
	int64_t *replies = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = search_item_row(s, item_id, true)) != STORE_OK)
		return rc;
	/* Its replies come and go with it. */
	stmt = store_stmt(s, "SELECT id FROM replies WHERE item_id = :id");
	bind_int64(stmt, ":id", item_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		replies = xrealloc(replies, (n + 1) * sizeof *replies);
		replies[n++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_reset(stmt);
	rc = rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
	for (i = 0; i < n && rc == STORE_OK; i++)
		rc = search_sync_reply(s, replies[i]);
	free(replies);
	return rc;
}

/* The ids SQL returns, in its order. */
static int64_t *
search_ids(struct store *s, sqlite3_stmt *stmt, size_t *n, int *rc)
{
	int64_t *ids = NULL;

	*n = 0;
	while ((*rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n % 1024 == 0)
			ids = xrealloc(ids, (*n + 1024) * sizeof *ids);
		ids[(*n)++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_reset(stmt);
	*rc = *rc == SQLITE_DONE ? STORE_OK : store_fail(s, *rc);
	return ids;
}

/*
 * Within the caller's transaction (a migration, the demo script) or its
 * own.  Every item first, then every reply, each in the order of its row
 * ids: FTS5 keeps adding to its buffer while row ids rise and writes it
 * out whenever one goes back, so an item followed by its replies (whose
 * ids are anywhere) would write the index out at nearly every row.
 */
int
store_search_rebuild(struct store *s)
{
	int64_t *ids;
	size_t n, i;
	bool own;
	int rc;

	own = sqlite3_get_autocommit(s->db) != 0;
	if (own && (rc = store_begin(s)) != STORE_OK)
		return rc;
	if ((rc = store_exec(s, "DELETE FROM search")) != STORE_OK)
		goto out;
	ids = search_ids(s, store_stmt(s, "SELECT id FROM items"
	    " WHERE deleted_at IS NULL AND hidden_at IS NULL ORDER BY id"),
	    &n, &rc);
	for (i = 0; i < n && rc == STORE_OK; i++)
		rc = search_item_row(s, ids[i], false);
	free(ids);
	if (rc != STORE_OK)
		goto out;
	ids = search_ids(s, store_stmt(s, "SELECT id FROM replies"
	    " WHERE deleted_at IS NULL AND hidden_at IS NULL ORDER BY id"),
	    &n, &rc);
	for (i = 0; i < n && rc == STORE_OK; i++)
		rc = search_reply_row(s, ids[i], false);
	free(ids);
out:
	return own ? store_finish(s, rc) : rc;
}

/*
 * The words of a folded query: runs of letters and digits (bytes past
 * ASCII are letters of other scripts, as the tokenizer sees them).
 */
static size_t
search_words(const char *folded, char words[][SEARCH_WORD_MAX])
{
	const unsigned char *p = (const unsigned char *)folded;
	size_t n = 0, len;

	while (*p != '\0' && n < SEARCH_WORDS_MAX) {
		while (*p != '\0' && *p < 0x80 && !isalnum(*p))
			p++;
		len = 0;
		while (*p != '\0' && (*p >= 0x80 || isalnum(*p))) {
			if (len + 1 < SEARCH_WORD_MAX)
				words[n][len++] = (char)*p;
			p++;
		}
		if (len > 0) {
			words[n][len] = '\0';
			n++;
		}
	}
	return n;
}

/* scope : "q12" AND {title body} : ("eleve"* AND "noel"*) */
static char *
search_expression(int64_t quartier_id, char words[][SEARCH_WORD_MAX],
    size_t n)
{
	size_t i, size = 96 + n * (SEARCH_WORD_MAX + 12), used;
	char *q = xmalloc(size);

	used = (size_t)snprintf(q, size, "scope : \"q%lld\" AND {title body} : (",
	    (long long)quartier_id);
	for (i = 0; i < n; i++)
		used += (size_t)snprintf(q + used, size - used, "%s\"%s\"*",
		    i > 0 ? " AND " : "", words[i]);
	snprintf(q + used, size - used, ")");
	return q;
}

/*
 * One line of TEXT around the first word that starts like one of WORDS:
 * a few words before it, then what follows, newlines as spaces.
 */
static char *
search_excerpt(const char *text, char words[][SEARCH_WORD_MAX], size_t n)
{
	const char *p = text, *start, *found = NULL, *from;
	char *word, *folded, *out;
	size_t i, len, k;

	while (*p != '\0' && found == NULL) {
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		start = p;
		while (*p != '\0' && *p != ' ' && *p != '\n' && *p != '\t')
			p++;
		if (p == start)
			break;
		word = xstrndup(start, (size_t)(p - start));
		folded = text_fold(word);
		for (i = 0; folded != NULL && i < n && found == NULL; i++) {
			/* Skip the punctuation a word may begin with. */
			for (k = 0; folded[k] != '\0' &&
			    (unsigned char)folded[k] < 0x80 &&
			    !isalnum((unsigned char)folded[k]); k++)
				;
			if (strncmp(folded + k, words[i], strlen(words[i])) == 0)
				found = start;
		}
		free(word);
		free(folded);
	}
	from = text;
	if (found != NULL) {
		/* Back up to three words before the match. */
		from = found;
		for (k = 0; k < 3 && from > text; k++) {
			from--;
			while (from > text && (*from == ' ' || *from == '\n'))
				from--;
			while (from > text && from[-1] != ' ' &&
			    from[-1] != '\n')
				from--;
		}
	}
	len = strlen(from);
	if (len > EXCERPT_BYTES)
		len = text_prefix_chars(from, len, EXCERPT_BYTES / 2);
	out = xstrndup(from, len);
	for (i = 0; out[i] != '\0'; i++) {
		if (out[i] == '\n' || out[i] == '\t')
			out[i] = ' ';
	}
	return out;
}

static enum search_board
search_board_of(const char *kind)
{
	const struct store_board *b = store_board_of_kind(kind);

	return b != NULL ? b->search : SEARCH_WALL;
}

int
store_search(struct store *s, const struct viewer *v, const char *query,
    int limit, struct search_hit **out, size_t *n)
{
	char words[SEARCH_WORDS_MAX][SEARCH_WORD_MAX], *folded, *expr, *kind,
	    *text;
	struct search_hit *list = NULL, *h;
	sqlite3_stmt *stmt;
	int64_t quartier = 0;
	size_t nwords, count = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((folded = text_fold(query != NULL ? query : "")) == NULL)
		return store_invalid(s, _("The search is not valid text."));
	nwords = search_words(folded, words);
	free(folded);
	if (nwords == 0)
		return store_invalid(s, _("Type at least one word to search "
		    "for."));

	stmt = store_stmt(s, "SELECT " VIEWER_QUARTIER);
	bind_viewer(stmt, v);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		quartier = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc);
	if (quartier == 0)
		return STORE_OK;	/* not verified: nothing to find */

	expr = search_expression(quartier, words, nwords);
	/*
	 * The best rows of the index, then one hit per item (its best row),
	 * then only what the viewer may see now: the quartier once more,
	 * nothing deleted or hidden, no expired ad; grouped by board, each
	 * kind's group as store-board.c says (:groups).
	 */
	stmt = store_stmt(s, "WITH hits AS ("
	    "  SELECT rowid AS r, bm25(search, 0.0, 4.0, 1.0) AS score"
	    "  FROM search WHERE search MATCH :expr ORDER BY score"
	    "  LIMIT :candidates),"
	    " found AS ("
	    "  SELECT CASE WHEN r % 2 = 0 THEN r / 2"
	    "   ELSE (SELECT item_id FROM replies WHERE id = r / 2) END AS item,"
	    "   CASE WHEN r % 2 = 1 THEN r / 2 ELSE 0 END AS reply, score"
	    "  FROM hits),"
	    " best AS (SELECT item, reply, min(score) AS score FROM found"
	    "  GROUP BY item)"
	    " SELECT i.id, b.reply, i.kind, i.title,"
	    "  CASE WHEN b.reply != 0 THEN p.body ELSE i.body END,"
	    "  a.display_name,"
	    "  CASE WHEN b.reply != 0 THEN p.created_at ELSE i.created_at END"
	    " FROM best b JOIN items i ON i.id = b.item"
	    " LEFT JOIN replies p ON p.id = b.reply"
	    " LEFT JOIN residents a ON a.id ="
	    "  CASE WHEN b.reply != 0 THEN p.author_id ELSE i.author_id END"
	    " WHERE i.quartier_id = " VIEWER_QUARTIER " AND " ITEM_LIVE
	    " AND (b.reply = 0 OR (" REPLY_LIVE "))"
	    " AND (i.kind != '" STORE_KIND_CLASSIFIED "' OR EXISTS"
	    "  (SELECT 1 FROM classifieds c"
	    "  WHERE c.item_id = i.id AND c.expires_at > :now))"
	    " ORDER BY coalesce(json_extract(:groups, '$.' || i.kind), 0),"
	    "  b.score, i.id DESC"
	    " LIMIT :limit");
	bind_text(stmt, ":groups", store_board_search_groups());
	bind_viewer(stmt, v);
	bind_text(stmt, ":expr", expr);
	bind_int64(stmt, ":candidates", SEARCH_CANDIDATES);
	bind_int64(stmt, ":now", now_seconds());
	bind_int64(stmt, ":limit", limit);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		list = xrealloc(list, (count + 1) * sizeof *list);
		h = &list[count++];
		memset(h, 0, sizeof *h);
		h->item_id = sqlite3_column_int64(stmt, 0);
		h->reply_id = sqlite3_column_int64(stmt, 1);
		kind = column_text(stmt, 2);
		h->board = search_board_of(kind != NULL ? kind : "");
		free(kind);
		h->title = column_text(stmt, 3);
		text = column_text(stmt, 4);
		h->excerpt = search_excerpt(text != NULL ? text : "", words,
		    nwords);
		free(text);
		h->author_name = column_text(stmt, 5);
		h->created_at = sqlite3_column_int64(stmt, 6);
	}
	sqlite3_reset(stmt);
	free(expr);
	if (rc != SQLITE_DONE) {
		search_hit_list_free(list, count);
		return store_fail(s, rc);
	}
	*out = list;
	*n = count;
	return STORE_OK;
}

void
search_hit_list_free(struct search_hit *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].title);
		free(list[i].excerpt);
		free(list[i].author_name);
	}
	free(list);
}
