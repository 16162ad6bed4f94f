/*
 * store-search.c - one search over the boards of a quartier.
 *
 * Every item and every reply has one row in search_rows, numbered in the
 * order they were written, holding its text folded by text_fold(): lower
 * case, no accents, œ as "oe".  A query is folded the same way, so
 * "eleve" finds "élève" and "Noel" finds "Noël".  The FTS5 table "search"
 * indexes those rows (external content: the view search_text) with the
 * tokenizer "quartier", which wraps unicode61 and puts the quartier inside
 * every token: "00012:velo" is the word "velo" in quartier 12.  A query
 * is written with the viewer's quartier in each word, so the index itself
 * never answers with another quartier's text, and a prefix ("vel"*) ranges
 * over one quartier's words only; the join with items checks the viewer
 * once more.
 *
 * Ranking looks at a bounded set: the newest SEARCH_CANDIDATES rows that
 * match, read from the index in the order of the rows (newest first,
 * stopping there), each scored by search_score() (BM25, as FTS5's bm25()
 * computes it, with the weight of each word taken from search_words
 * instead of counted over every match).  The results then come grouped
 * by board, the best first within a board, the newest first among equals.
 *
 * A prefix is expanded into the quartier's words that start with it,
 * read from search_words, and each is looked up exactly: FTS5 would
 * otherwise gather every row of every word with that prefix before
 * giving the first one.  A prefix of one or two letters, which may stand
 * for hundreds of words, is answered by the index's prefix= indexes
 * instead, as is a longer one with too many words.
 *
 * The index is kept in step by the writers (search_sync_item() and
 * search_sync_reply() inside their transactions), not by triggers: the
 * folding lives in C, and a trigger calling a C function would break any
 * other program opening the file.  Such a program (the sqlite3 shell) can
 * read search_rows and search_words, but not the table "search", whose
 * tokenizer only Quartier's connections have.
 */
#include "build-config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

#define SEARCH_WORDS_MAX	8	/* words of a query that count */
#define SEARCH_WORD_MAX		64	/* bytes of one folded word */
#define SEARCH_CANDIDATES	1000	/* newest matching rows looked at */
#define SEARCH_EXPAND_MAX	32	/* words a prefix is expanded into */
#define SEARCH_PHRASES_MAX	(SEARCH_WORDS_MAX * SEARCH_EXPAND_MAX)
/* Prefixes of up to this many letters have a prefix= index (its lengths
 * count the mark "00012:" too: 6 + 1 and 6 + 2). */
#define SEARCH_PREFIX_INDEXED	2
#define EXCERPT_BYTES		240

/* BM25's constants, FTS5's own; a word of the title weighs four. */
#define BM25_K1			1.2
#define BM25_B			0.75
static const double column_weight[] = { 4.0, 1.0 };	/* title, body */

/* unicode61's options in the index (data/schema.sql), for the words the
 * store cuts itself: they must be the same. */
static const char *const unicode61_options[] = { "remove_diacritics", "2" };

struct search_state {
	fts5_tokenizer	 unicode61;
	Fts5Tokenizer	*cutter;	/* unicode61 with the index's options */
};

/*
 * The tokenizer "quartier".  Every text it is given, in a row or in a
 * query, begins with its quartier's mark, digits and a colon ("00012:",
 * see search_text in data/schema.sql and search_mark() below); the rest
 * is cut by unicode61 and the mark put before each token.  A text without
 * a mark gives no token at all: nothing of it is indexed or found.
 */
struct mark_tokenizer {
	fts5_tokenizer	 inner;
	Fts5Tokenizer	*instance;
};

struct mark_call {
	void		*ctx;
	int		(*token)(void *, int, const char *, int, int, int);
	const char	*mark;
	int		 nmark;
	char		*buf;
	size_t		 size;
};

static int
mark_length(const char *text, int n)
{
	int i = 0;

	while (i < n && i < 20 && text[i] >= '0' && text[i] <= '9')
		i++;
	return i > 0 && i < n && text[i] == ':' ? i + 1 : 0;
}

static int
mark_token(void *arg, int flags, const char *token, int n, int start,
    int end)
{
	struct mark_call *c = arg;
	size_t need = (size_t)c->nmark + (size_t)n;

	if (need > c->size) {
		c->size = need * 2;
		c->buf = xrealloc(c->buf, c->size);
	}
	memcpy(c->buf, c->mark, (size_t)c->nmark);
	memcpy(c->buf + c->nmark, token, (size_t)n);
	return c->token(c->ctx, flags, c->buf, (int)need, start + c->nmark,
	    end + c->nmark);
}

static int
mark_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text,
    int n, int (*token)(void *, int, const char *, int, int, int))
{
	struct mark_tokenizer *m = (struct mark_tokenizer *)t;
	struct mark_call c = { ctx, token, text, mark_length(text, n), NULL, 0 };
	int rc;

	if (c.nmark == 0)
		return SQLITE_OK;
	rc = m->inner.xTokenize(m->instance, &c, flags, text + c.nmark,
	    n - c.nmark, mark_token);
	free(c.buf);
	return rc;
}

static int
mark_create(void *api_arg, const char **args, int nargs, Fts5Tokenizer **out)
{
	fts5_api *api = api_arg;
	struct mark_tokenizer *m;
	void *inner_arg = NULL;
	int rc;

	if ((m = sqlite3_malloc(sizeof *m)) == NULL)
		return SQLITE_NOMEM;
	rc = api->xFindTokenizer(api, "unicode61", &inner_arg, &m->inner);
	if (rc == SQLITE_OK)
		rc = m->inner.xCreate(inner_arg, args, nargs, &m->instance);
	if (rc != SQLITE_OK) {
		sqlite3_free(m);
		return rc;
	}
	*out = (Fts5Tokenizer *)m;
	return SQLITE_OK;
}

static void
mark_delete(Fts5Tokenizer *t)
{
	struct mark_tokenizer *m = (struct mark_tokenizer *)t;

	m->inner.xDelete(m->instance);
	sqlite3_free(m);
}

/* The mark of QUARTIER, as search_text writes it: printf('%05d:'). */
static void
search_mark(char *buf, size_t size, int64_t quartier)
{
	snprintf(buf, size, "%05lld:", (long long)quartier);
}

/*
 * search_score(search, IDF): the BM25 score of the current row, negative
 * as bm25()'s (the best is the lowest).  IDF is a blob of one double per
 * phrase of the query, in their order: the weight of each, which bm25()
 * would count by running every phrase over the whole index at each query.
 * The mean length of a row is the index's (xColumnTotalSize), read once
 * per query.
 */
static void
search_score(const Fts5ExtensionApi *x, Fts5Context *fts,
    sqlite3_context *ctx, int nargs, sqlite3_value **args)
{
	double freq[SEARCH_PHRASES_MAX], *mean, score = 0.0, norm;
	const double *idf = NULL;
	sqlite3_int64 rows = 0, tokens = 0;
	int nphrase, ninst = 0, i, phrase, col, off, len = 0, rc;

	nphrase = x->xPhraseCount(fts);
	if (nphrase > SEARCH_PHRASES_MAX)
		nphrase = SEARCH_PHRASES_MAX;
	if (nargs == 1 && sqlite3_value_type(args[0]) == SQLITE_BLOB &&
	    sqlite3_value_bytes(args[0]) == (int)(nphrase * sizeof(double)))
		idf = sqlite3_value_blob(args[0]);
	if ((mean = x->xGetAuxdata(fts, 0)) == NULL) {
		if ((mean = sqlite3_malloc(sizeof *mean)) == NULL) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
		rc = x->xRowCount(fts, &rows);
		if (rc == SQLITE_OK)
			rc = x->xColumnTotalSize(fts, -1, &tokens);
		*mean = rows > 0 && tokens > 0 ? (double)tokens / rows : 1.0;
		if (rc == SQLITE_OK)
			rc = x->xSetAuxdata(fts, mean, sqlite3_free);
		else
			sqlite3_free(mean);
		if (rc != SQLITE_OK) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
	}
	for (i = 0; i < nphrase; i++)
		freq[i] = 0.0;
	rc = x->xInstCount(fts, &ninst);
	for (i = 0; rc == SQLITE_OK && i < ninst; i++) {
		rc = x->xInst(fts, i, &phrase, &col, &off);
		if (rc == SQLITE_OK && phrase >= 0 && phrase < nphrase &&
		    col >= 0 && col < 2)
			freq[phrase] += column_weight[col];
	}
	if (rc == SQLITE_OK)
		rc = x->xColumnSize(fts, -1, &len);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	norm = BM25_K1 * (1.0 - BM25_B + BM25_B * len / *mean);
	for (i = 0; i < nphrase; i++) {
		if (freq[i] > 0.0)
			score += (idf != NULL ? idf[i] : 1.0) * freq[i] *
			    (BM25_K1 + 1.0) / (freq[i] + norm);
	}
	sqlite3_result_double(ctx, -score);
}

static fts5_api *
fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *stmt;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) !=
	    SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return api;
}

int
search_register(sqlite3 *db)
{
	static fts5_tokenizer mark = { mark_create, mark_delete,
	    mark_tokenize };
	fts5_api *api;

	if ((api = fts5_api_of(db)) == NULL)
		return SQLITE_ERROR;
	if (api->xCreateTokenizer(api, "quartier", api, &mark, NULL) !=
	    SQLITE_OK || api->xCreateFunction(api, "search_score", NULL,
	    search_score, NULL) != SQLITE_OK)
		return SQLITE_ERROR;
	return SQLITE_OK;
}

int
search_open(struct store *s)
{
	struct search_state *ss;
	fts5_api *api;
	void *arg = NULL;

	if (search_register(s->db) != SQLITE_OK ||
	    (api = fts5_api_of(s->db)) == NULL)
		return -1;
	ss = xcalloc(1, sizeof *ss);
	if (api->xFindTokenizer(api, "unicode61", &arg, &ss->unicode61) !=
	    SQLITE_OK || ss->unicode61.xCreate(arg, (const char **)
	    unicode61_options, 2, &ss->cutter) != SQLITE_OK) {
		free(ss);
		return -1;
	}
	s->search = ss;
	return 0;
}

void
search_close(struct store *s)
{
	if (s->search == NULL)
		return;
	s->search->unicode61.xDelete(s->search->cutter);
	free(s->search);
	s->search = NULL;
}

/* Tokens as unicode61 cuts a text, in order, each a string of its own. */
struct tokens {
	char	**v;
	size_t	  n;
};

static int
tokens_add(void *arg, int flags, const char *token, int n, int start,
    int end)
{
	struct tokens *t = arg;

	(void)start;
	(void)end;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (t->n % 32 == 0)
		t->v = xrealloc(t->v, (t->n + 32) * sizeof *t->v);
	t->v[t->n++] = xstrndup(token, (size_t)n);
	return SQLITE_OK;
}

static int
tokens_cut(struct store *s, struct tokens *t, int flags, const char *text)
{
	return s->search->unicode61.xTokenize(s->search->cutter, t, flags,
	    text, (int)strlen(text), tokens_add);
}

static void
tokens_free(struct tokens *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

static int
tokens_compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * search_words holds, for each quartier, each word of its rows and the
 * number of rows holding it (the word "" counts the rows with any text):
 * what a prefix expands into, and the weight of each word.  DELTA is +1
 * for a row's new text, -1 for its old one.
 */
static int
search_count_words(struct store *s, int64_t quartier, const char *title,
    const char *body, int delta)
{
	struct tokens t = { NULL, 0 };
	sqlite3_stmt *stmt;
	size_t i;
	int rc = STORE_OK;

	if (title[0] == '\0' && body[0] == '\0')
		return STORE_OK;
	if (tokens_cut(s, &t, FTS5_TOKENIZE_DOCUMENT, title) != SQLITE_OK ||
	    tokens_cut(s, &t, FTS5_TOKENIZE_DOCUMENT, body) != SQLITE_OK) {
		tokens_free(&t);
		return store_fail(s, SQLITE_ERROR);
	}
	tokens_add(&t, 0, "", 0, 0, 0);
	qsort(t.v, t.n, sizeof *t.v, tokens_compare);
	stmt = store_stmt(s, "INSERT INTO search_words (quartier_id, word,"
	    " row_count) VALUES (:q, :word, :delta) ON CONFLICT (quartier_id, word)"
	    " DO UPDATE SET row_count = row_count + excluded.row_count");
	for (i = 0; i < t.n && rc == STORE_OK; i++) {
		if (i > 0 && strcmp(t.v[i], t.v[i - 1]) == 0)
			continue;
		bind_int64(stmt, ":q", quartier);
		bind_text(stmt, ":word", t.v[i]);
		bind_int64(stmt, ":delta", delta);
		rc = store_step_done(s, stmt);
	}
	tokens_free(&t);
	return rc;
}

/* The SQL that says whether an item is visible at all (not its quartier). */
#define ITEM_LIVE "i.deleted_at IS NULL AND i.hidden_at IS NULL"
#define REPLY_LIVE "p.deleted_at IS NULL AND p.hidden_at IS NULL"

/*
 * What the index says of one item (REPLY 0) or reply: its quartier and
 * its texts, folded, or empty texts when it is gone or hidden.
 * STORE_NOT_FOUND when there is no such item or reply.
 */
struct search_text {
	int64_t			 item;
	int64_t			 reply;
	int64_t			 quartier;
	enum search_board	 board;
	char			*title;
	char			*body;
};

static void
search_text_clear(struct search_text *t)
{
	free(t->title);
	free(t->body);
	t->title = t->body = NULL;
}

static enum search_board
search_board_of(const char *kind)
{
	const struct store_board *b = store_board_of_kind(kind);

	return b != NULL ? b->search : SEARCH_WALL;
}

static char *
fold_or_empty(const char *text)
{
	char *folded = text_fold(text != NULL ? text : "");

	return folded != NULL ? folded : xstrdup("");
}

/*
 * An address is found by its street and its trade too.  Read apart, and
 * only for addresses, so that the upgrades written before addresses
 * existed (version 6 rebuilds the index) never name their table.
 */
static int
search_address_text(struct store *s, struct search_text *t)
{
	sqlite3_stmt *stmt;
	char *more, *body;
	int rc;

	if (t->body[0] == '\0' && t->title[0] == '\0')
		return STORE_OK;	/* gone or hidden: nothing to add */
	stmt = store_stmt(s, "SELECT street || coalesce(char(10) || trade, '')"
	    " FROM addresses WHERE item_id = :id");
	bind_int64(stmt, ":id", t->item);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		more = fold_or_empty((const char *)
		    sqlite3_column_text(stmt, 0));
		body = xasprintf("%s\n%s", t->body, more);
		free(more);
		free(t->body);
		t->body = body;
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK :
	    store_fail(s, rc);
}

static int
search_text_read(struct store *s, int64_t item, int64_t reply,
    struct search_text *t)
{
	sqlite3_stmt *stmt;
	bool live;
	int rc;

	memset(t, 0, sizeof *t);
	if (reply == 0) {
		/* An event is found by its place too. */
		stmt = store_stmt(s, "SELECT i.quartier_id, " ITEM_LIVE ","
		    " i.title, i.body || coalesce(char(10) || e.place, ''),"
		    " i.id, i.kind"
		    " FROM items i LEFT JOIN events e ON e.item_id = i.id"
		    " WHERE i.id = :id");
		bind_int64(stmt, ":id", item);
	} else {
		stmt = store_stmt(s, "SELECT i.quartier_id, " ITEM_LIVE " AND "
		    REPLY_LIVE ", '', p.body, p.item_id, i.kind FROM replies p"
		    " JOIN items i ON i.id = p.item_id WHERE p.id = :id");
		bind_int64(stmt, ":id", reply);
	}
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		t->quartier = sqlite3_column_int64(stmt, 0);
		live = sqlite3_column_int(stmt, 1) != 0;
		t->item = sqlite3_column_int64(stmt, 4);
		t->reply = reply;
		t->board = sqlite3_column_type(stmt, 5) == SQLITE_NULL ?
		    SEARCH_WALL : search_board_of((const char *)
		    sqlite3_column_text(stmt, 5));
		t->title = fold_or_empty(live ? (const char *)
		    sqlite3_column_text(stmt, 2) : NULL);
		t->body = fold_or_empty(live ? (const char *)
		    sqlite3_column_text(stmt, 3) : NULL);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW && reply == 0 && t->board == SEARCH_ADDRESSES)
		return search_address_text(s, t);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, rc);
}

/* Index the row ID of search_rows as it now reads (DELETE: unindex it). */
static int
search_index_row(struct store *s, int64_t id, bool delete)
{
	sqlite3_stmt *stmt;

	if (delete)
		stmt = store_stmt(s, "INSERT INTO search (search, rowid, title,"
		    " body) SELECT 'delete', id, title, body FROM search_text"
		    " WHERE id = :id");
	else
		stmt = store_stmt(s, "INSERT INTO search (rowid, title, body)"
		    " SELECT id, title, body FROM search_text WHERE id = :id");
	bind_int64(stmt, ":id", id);
	return store_step_done(s, stmt);
}

/*
 * Bring the row of T up to date: its number stays (an edited, hidden or
 * restored post keeps its place among the newest); a row that did not
 * change is left alone, so that redoing an item's replies costs little.
 */
static int
search_store_text(struct store *s, const struct search_text *t)
{
	sqlite3_stmt *stmt;
	struct search_text old;
	int64_t id = 0;
	int rc;

	memset(&old, 0, sizeof old);
	stmt = store_stmt(s, "SELECT id, quartier_id, board, title, body"
	    " FROM search_rows WHERE item_id = :item AND reply_id = :reply");
	bind_int64(stmt, ":item", t->item);
	bind_int64(stmt, ":reply", t->reply);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		old.quartier = sqlite3_column_int64(stmt, 1);
		old.board = (enum search_board)sqlite3_column_int(stmt, 2);
		old.title = column_text(stmt, 3);
		old.body = column_text(stmt, 4);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc);
	if (id != 0) {
		if (old.quartier == t->quartier && old.board == t->board &&
		    strcmp(old.title, t->title) == 0 &&
		    strcmp(old.body, t->body) == 0) {
			search_text_clear(&old);
			return STORE_OK;
		}
		rc = search_index_row(s, id, true);
		if (rc == STORE_OK)
			rc = search_count_words(s, old.quartier, old.title,
			    old.body, -1);
		search_text_clear(&old);
		if (rc != STORE_OK)
			return rc;
		stmt = store_stmt(s, "UPDATE search_rows SET quartier_id = :q,"
		    " board = :board, title = :title, body = :body"
		    " WHERE id = :id");
		bind_int64(stmt, ":id", id);
	} else {
		if (t->title[0] == '\0' && t->body[0] == '\0')
			return STORE_OK;	/* gone before it was indexed */
		stmt = store_stmt(s, "INSERT INTO search_rows (item_id,"
		    " reply_id, quartier_id, board, title, body) VALUES (:item,"
		    " :reply, :q, :board, :title, :body)");
		bind_int64(stmt, ":item", t->item);
		bind_int64(stmt, ":reply", t->reply);
	}
	bind_int64(stmt, ":q", t->quartier);
	bind_int64(stmt, ":board", t->board);
	bind_text(stmt, ":title", t->title);
	bind_text(stmt, ":body", t->body);
	if ((rc = store_step_done(s, stmt)) != STORE_OK)
		return rc;
	if (id == 0)
		id = sqlite3_last_insert_rowid(s->db);
	if ((rc = search_index_row(s, id, false)) != STORE_OK)
		return rc;
	return search_count_words(s, t->quartier, t->title, t->body, +1);
}

int
search_sync_reply(struct store *s, int64_t reply_id)
{
	struct search_text t;
	int rc;

	if ((rc = search_text_read(s, 0, reply_id, &t)) != STORE_OK)
		return rc == STORE_NOT_FOUND ? STORE_OK : rc;
	rc = search_store_text(s, &t);
	search_text_clear(&t);
	return rc;
}

int
search_sync_item(struct store *s, int64_t item_id)
{
	struct search_text t;
	sqlite3_stmt *stmt;
	int64_t *replies = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = search_text_read(s, item_id, 0, &t)) != STORE_OK)
		return rc == STORE_NOT_FOUND ? STORE_OK : rc;
	rc = search_store_text(s, &t);
	search_text_clear(&t);
	if (rc != STORE_OK)
		return rc;
	/* Its replies come and go with it. */
	stmt = store_stmt(s, "SELECT id FROM replies WHERE item_id = :id");
	bind_int64(stmt, ":id", item_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n % 64 == 0)
			replies = xrealloc(replies, (n + 64) * sizeof *replies);
		replies[n++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_reset(stmt);
	rc = rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
	for (i = 0; i < n && rc == STORE_OK; i++)
		rc = search_sync_reply(s, replies[i]);
	free(replies);
	return rc;
}

/*
 * Within the caller's transaction (a migration, the demo script) or its
 * own.  The rows are numbered again in the order things were written
 * (items and replies by their time), then FTS5 builds its index from
 * them in one pass ('rebuild'), and search_words is read out of it.
 */
int
store_search_rebuild(struct store *s)
{
	struct search_text t;
	sqlite3_stmt *stmt;
	int64_t *keys = NULL;
	size_t n = 0, i;
	bool own;
	int rc;

	own = sqlite3_get_autocommit(s->db) != 0;
	if (own && (rc = store_begin(s)) != STORE_OK)
		return rc;
	if ((rc = store_exec(s, "DELETE FROM search_rows;"
	    "INSERT INTO search (search) VALUES ('delete-all');"
	    "DELETE FROM search_words")) != STORE_OK)
		goto out;
	stmt = store_stmt(s, "SELECT id, 0, created_at FROM items"
	    " UNION ALL SELECT item_id, id, created_at FROM replies"
	    " ORDER BY 3, 2, 1");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n % 2048 == 0)
			keys = xrealloc(keys, (n + 2048) * 2 * sizeof *keys);
		keys[2 * n] = sqlite3_column_int64(stmt, 0);
		keys[2 * n + 1] = sqlite3_column_int64(stmt, 1);
		n++;
	}
	sqlite3_reset(stmt);
	rc = rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
	stmt = store_stmt(s, "INSERT INTO search_rows (item_id, reply_id,"
	    " quartier_id, board, title, body) VALUES (:item, :reply, :q,"
	    " :board, :title, :body)");
	for (i = 0; i < n && rc == STORE_OK; i++) {
		/* A reply whose item is gone (removed by a program without
		 * foreign keys) has nothing to show: no row. */
		if ((rc = search_text_read(s, keys[2 * i], keys[2 * i + 1],
		    &t)) == STORE_NOT_FOUND) {
			rc = STORE_OK;
			continue;
		}
		if (rc != STORE_OK)
			break;
		bind_int64(stmt, ":item", t.item);
		bind_int64(stmt, ":reply", t.reply);
		bind_int64(stmt, ":q", t.quartier);
		bind_int64(stmt, ":board", t.board);
		bind_text(stmt, ":title", t.title);
		bind_text(stmt, ":body", t.body);
		rc = store_step_done(s, stmt);
		search_text_clear(&t);
	}
	free(keys);
	if (rc != STORE_OK)
		goto out;
	/* 'optimize' merges the segments 'rebuild' wrote into one: a query
	 * then reads each word's rows from one place (there were 13 at a
	 * million items). */
	rc = store_exec(s, "INSERT INTO search (search) VALUES ('rebuild');"
	    "INSERT INTO search (search) VALUES ('optimize');"
	    "CREATE VIRTUAL TABLE temp.search_vocabulary"
	    " USING fts5vocab(main, search, row);"
	    "INSERT INTO search_words (quartier_id, word, row_count)"
	    " SELECT CAST(substr(term, 1, instr(term, ':') - 1) AS INTEGER),"
	    "  substr(term, instr(term, ':') + 1), doc"
	    " FROM temp.search_vocabulary WHERE instr(term, ':') > 1;"
	    "DROP TABLE temp.search_vocabulary;"
	    "INSERT INTO search_words (quartier_id, word, row_count)"
	    " SELECT quartier_id, '', count(*) FROM search_rows"
	    " WHERE title != '' OR body != '' GROUP BY quartier_id");
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


/* A query being written: the MATCH expression and each phrase's weight. */
struct query {
	char	*expr;
	size_t	 len, size;
	double	 idf[SEARCH_PHRASES_MAX];
	int	 nphrases;
	int64_t	 quartier;
	char	 mark[32];
	double	 rows;		/* rows of the quartier that have any text */
};

static void
query_add(struct query *q, const char *text, size_t n)
{
	if (q->len + n + 1 > q->size) {
		q->size = (q->len + n + 1) * 2;
		q->expr = xrealloc(q->expr, q->size);
	}
	memcpy(q->expr + q->len, text, n);
	q->len += n;
	q->expr[q->len] = '\0';
}

static void
query_str(struct query *q, const char *text)
{
	query_add(q, text, strlen(text));
}

/*
 * One phrase: the mark, then TOKENS (the last one replaced by LAST), as
 * one FTS5 string ("" doubles a quote; tokens never hold one), '*' after
 * it for a prefix; ROWS is the number of rows it is thought to match.
 */
static void
query_phrase(struct query *q, const struct tokens *t, const char *last,
    bool prefix, double rows)
{
	const char *p;
	size_t i;
	double idf;

	if (q->nphrases > 0 && q->expr[q->len - 1] != '(')
		query_str(q, " OR ");
	query_str(q, "\"");
	query_str(q, q->mark);
	for (i = 0; i < t->n; i++) {
		if (i > 0)
			query_str(q, " ");
		for (p = i + 1 == t->n ? last : t->v[i]; *p != '\0'; p++)
			query_add(q, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
	}
	query_str(q, prefix ? "\"*" : "\"");
	/* BM25's weight, as FTS5 computes it: never zero or below. */
	if (rows > q->rows)
		rows = q->rows;
	idf = log((q->rows - rows + 0.5) / (rows + 0.5));
	q->idf[q->nphrases++] = idf > 0.0 ? idf : 1e-6;
}

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * The quartier's words that start with PREFIX, at most SEARCH_EXPAND_MAX
 * + 1 of them (more says "too many"), each with its number of rows; with
 * ALL, only the total of their rows, in ROWS[0].
 */
static int
query_expand(struct store *s, struct query *q, const char *prefix,
    struct tokens *words, double *rows, bool all)
{
	sqlite3_stmt *stmt;
	char *end;
	size_t n = strlen(prefix);
	int rc;

	/* Every word from PREFIX up to the same with its last byte one
	 * higher ("voi" up to "voj"): UTF-8 has no byte 0xff. */
	end = xstrdup(prefix);
	end[n - 1] = (char)((unsigned char)end[n - 1] + 1);
	if (all)
		stmt = store_stmt(s, "SELECT NULL, total(row_count)"
		    " FROM search_words WHERE quartier_id = :q"
		    " AND word >= :from AND word < :to");
	else
		stmt = store_stmt(s, "SELECT word, row_count FROM search_words"
		    " WHERE quartier_id = :q AND word >= :from AND word < :to"
		    " AND row_count > 0 ORDER BY word LIMIT :max");
	bind_int64(stmt, ":q", q->quartier);
	bind_text(stmt, ":from", prefix);
	bind_text(stmt, ":to", end);
	if (!all)
		bind_int64(stmt, ":max", SEARCH_EXPAND_MAX + 1);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		rows[all ? 0 : words->n] = sqlite3_column_double(stmt, 1);
		if (!all)
			tokens_add(words, 0, (const char *)
			    sqlite3_column_text(stmt, 0),
			    sqlite3_column_bytes(stmt, 0), 0, 0);
	}
	sqlite3_reset(stmt);
	free(end);
	return rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
}

/*
 * Add one word of the query: the phrase of its tokens (one, unless it
 * holds a character unicode61 cuts at), the last one a prefix.  *NONE
 * says that no row can match it.
 */
static int
query_word(struct store *s, struct query *q, const char *word, bool *none)
{
	struct tokens t = { NULL, 0 }, words = { NULL, 0 };
	double rows[SEARCH_EXPAND_MAX + 1];
	const char *last;
	size_t i;
	int rc;

	*none = false;
	if (tokens_cut(s, &t, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX,
	    word) != SQLITE_OK) {
		tokens_free(&t);
		return store_fail(s, SQLITE_ERROR);
	}
	if (t.n == 0)
		return STORE_OK;	/* nothing unicode61 keeps */
	last = t.v[t.n - 1];
	rc = STORE_OK;
	if (utf8_chars(last) > SEARCH_PREFIX_INDEXED)
		rc = query_expand(s, q, last, &words, rows, false);
	if (rc == STORE_OK && utf8_chars(last) > SEARCH_PREFIX_INDEXED &&
	    words.n == 0)
		*none = true;
	else if (rc == STORE_OK) {
		query_str(q, q->nphrases > 0 ? " AND (" : "(");
		if (words.n == 0 || words.n > SEARCH_EXPAND_MAX) {
			/* The prefix itself, through the prefix= index. */
			rc = query_expand(s, q, last, NULL, rows, true);
			query_phrase(q, &t, last, true, rows[0]);
		} else
			for (i = 0; i < words.n; i++)
				query_phrase(q, &t, words.v[i], false,
				    rows[i]);
		query_str(q, ")");
	}
	tokens_free(&words);
	tokens_free(&t);
	return rc;
}

/* The rows of QUARTIER that have any text: the "" of search_words. */
static int
query_rows(struct store *s, struct query *q)
{
	sqlite3_stmt *stmt;
	int rc;

	q->rows = 0.0;
	stmt = store_stmt(s, "SELECT row_count FROM search_words"
	    " WHERE quartier_id = :q AND word = ''");
	bind_int64(stmt, ":q", q->quartier);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		q->rows = sqlite3_column_double(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK :
	    store_fail(s, rc);
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


int
store_search(struct store *s, const struct viewer *v, const char *query,
    int limit, struct search_hit **out, size_t *n)
{
	char words[SEARCH_WORDS_MAX][SEARCH_WORD_MAX], *folded, *text;
	struct search_hit *list = NULL, *h;
	struct query q;
	sqlite3_stmt *stmt;
	size_t nwords, count = 0, i;
	bool none = false;
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

	memset(&q, 0, sizeof q);
	stmt = store_stmt(s, "SELECT " VIEWER_QUARTIER);
	bind_viewer(stmt, v);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		q.quartier = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc);
	if (q.quartier == 0)
		return STORE_OK;	/* not verified: nothing to find */
	search_mark(q.mark, sizeof q.mark, q.quartier);
	if ((rc = query_rows(s, &q)) != STORE_OK)
		return rc;
	for (i = 0; i < nwords && rc == STORE_OK && !none; i++)
		rc = query_word(s, &q, words[i], &none);
	if (rc != STORE_OK || none || q.nphrases == 0) {
		free(q.expr);
		return rc;
	}

	/*
	 * The newest matching rows of the index, each scored; the ads among
	 * them still online; one hit per item (its best row); the best of
	 * each board.  Then what they are, for what the viewer may see now:
	 * the quartier once more, nothing deleted or hidden.
	 */
	stmt = store_stmt(s, "WITH hits AS ("
	    "  SELECT rowid AS r, search_score(search, :idf) AS score"
	    "  FROM search WHERE search MATCH :expr ORDER BY rowid DESC"
	    "  LIMIT :candidates),"
	    " found AS ("
	    "  SELECT w.item_id AS item, w.reply_id AS reply, w.board, h.score"
	    "  FROM hits h JOIN search_rows w ON w.id = h.r"
	    "  WHERE w.board != :ads OR EXISTS (SELECT 1 FROM classifieds c"
	    "   WHERE c.item_id = w.item_id AND c.expires_at > :now)),"
	    " best AS (SELECT item, reply, board, min(score) AS score"
	    "  FROM found GROUP BY item ORDER BY board, score, item DESC"
	    "  LIMIT :limit)"
	    " SELECT i.id, b.reply, b.board, i.title,"
	    "  CASE WHEN b.reply != 0 THEN p.body ELSE i.body END,"
	    "  a.display_name,"
	    "  CASE WHEN b.reply != 0 THEN p.created_at ELSE i.created_at END"
	    " FROM best b JOIN items i ON i.id = b.item"
	    " LEFT JOIN replies p ON p.id = b.reply"
	    " LEFT JOIN residents a ON a.id ="
	    "  CASE WHEN b.reply != 0 THEN p.author_id ELSE i.author_id END"
	    " WHERE i.quartier_id = " VIEWER_QUARTIER " AND " ITEM_LIVE
	    " AND (b.reply = 0 OR (" REPLY_LIVE "))"
	    " ORDER BY b.board, b.score, b.item DESC");
	bind_viewer(stmt, v);
	sqlite3_bind_blob(stmt, sqlite3_bind_parameter_index(stmt, ":idf"),
	    q.idf, (int)(q.nphrases * sizeof q.idf[0]), SQLITE_TRANSIENT);
	bind_text(stmt, ":expr", q.expr);
	bind_int64(stmt, ":candidates", SEARCH_CANDIDATES);
	bind_int64(stmt, ":ads", SEARCH_CLASSIFIEDS);
	bind_int64(stmt, ":now", now_seconds());
	bind_int64(stmt, ":limit", limit);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		list = xrealloc(list, (count + 1) * sizeof *list);
		h = &list[count++];
		memset(h, 0, sizeof *h);
		h->item_id = sqlite3_column_int64(stmt, 0);
		h->reply_id = sqlite3_column_int64(stmt, 1);
		h->board = (enum search_board)sqlite3_column_int(stmt, 2);
		h->title = column_text(stmt, 3);
		text = column_text(stmt, 4);
		h->excerpt = search_excerpt(text != NULL ? text : "", words,
		    nwords);
		free(text);
		h->author_name = column_text(stmt, 5);
		h->created_at = sqlite3_column_int64(stmt, 6);
	}
	sqlite3_reset(stmt);
	free(q.expr);
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
