/*
 * test-plans.c - every SQL statement of the store finds its rows through
 * an index: none reads a whole table of quartier content, so no screen
 * slows down as a quartier grows to a million items.
 *
 * The statements come from the store's sources themselves, preprocessed
 * at build time (tests/unit/store-sql.i, see Makefile.am): every run of
 * adjacent string literals that reads as an SQL statement.  That way a
 * statement added tomorrow is checked without anyone listing it here, and
 * a statement that no test happens to run is checked all the same.  Each
 * one goes through EXPLAIN QUERY PLAN on a database with the real schema
 * (the parameters stay unbound: the plan does not depend on them).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "quartier.h"
#include "store.h"
#include "store-internal.h"
#include "tap.h"
#include "fixture.h"

#ifndef STORE_SQL_FILE
#error "STORE_SQL_FILE: the preprocessed store sources"
#endif

/*
 * The tables that grow with the quartiers and their residents.  The small
 * ones (cities, quartiers, blocks of one resident) and the search index
 * (a virtual table answering through its own index) may be scanned.
 */
static const char *content_tables[] = {
	"items", "replies", "messages", "residents", "loans", "rsvps",
	"reports", "moderation_log", "classifieds", "lendings", "events",
	"read_marks", "board_visits", "vouches", "verifications", "ssh_keys",
	"live_sessions", "blocks", "drafts", "search_rows", "search_words",
	"email_addresses", "notice_choices", "mail_settings", "outbox",
};

/*
 * Statements known to scan, matched by a fragment of their text, with the
 * reason: those that read everything on purpose (a sysop's count of the
 * whole city, rebuilding the search index, the list of every resident).
 * They are reported as TAP diagnostics without failing; one that no
 * longer scans is reported too, so that its line here can go.
 */
static struct {
	const char *fragment;
	const char *why;
	bool	    seen;
} known_scans[] = {
	/* store_stats: the sysop's counts over the whole city; all but
	 * the messages come from board_totals and from indexes by date. */
	{ "count(DISTINCT q.city_id)",
	  "on purpose: the messages of the whole city (quartier-admin stats)",
	  false },
	/* store_search_rebuild: every item and reply, at an upgrade or a
	 * repair. */
	{ "SELECT id, 0, created_at FROM items UNION ALL",
	  "on purpose: rebuilding the search index", false },
	/* store_directory_rebuild: every resident's name, at an upgrade or
	 * after the demo script. */
	{ "SELECT id, display_name FROM residents ORDER BY id",
	  "on purpose: folding every display name again", false },
	/* A new resident: its trigger (residents_change_add) makes the
	 * statement one of several writes, for which SQLite plans the look
	 * for children that could mend a pending foreign key violation; the
	 * look runs only while one is pending (OP_FkIfZero), never here. */
	{ "INSERT INTO residents (handle, display_name, name_folded,",
	  "not run: the foreign keys' look for pending violations", false },
};

struct sql_list {
	char	**sql;
	size_t	  n, size;
};

static void
sql_add(struct sql_list *l, char *sql)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->sql[i], sql) == 0) {
			free(sql);
			return;
		}
	}
	if (l->n == l->size) {
		l->size = l->size ? l->size * 2 : 64;
		l->sql = realloc(l->sql, l->size * sizeof *l->sql);
		ck_assert_ptr_nonnull(l->sql);
	}
	l->sql[l->n++] = sql;
}

static bool
is_statement(const char *sql)
{
	static const char *verbs[] = {
		"SELECT ", "INSERT ", "UPDATE ", "DELETE ", "WITH ", "REPLACE ",
	};
	size_t i;

	while (isspace((unsigned char)*sql))
		sql++;
	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
		if (strncmp(sql, verbs[i], strlen(verbs[i])) == 0)
			return true;
	}
	return false;
}

/*
 * Every run of adjacent string literals in the preprocessed text TEXT
 * (what the compiler concatenates into one string) that is a statement.
 */
static void
collect(const char *text, struct sql_list *l)
{
	const char *p = text;
	char *buf = NULL;
	size_t len = 0, size = 0;
	bool in_run = false, bol = true;

	for (;;) {
		if (*p == '\0' || (!isspace((unsigned char)*p) && *p != '"' &&
		    !(bol && *p == '#'))) {
			if (in_run) {
				buf[len] = '\0';
				if (is_statement(buf))
					sql_add(l, strdup(buf));
				in_run = false;
				len = 0;
			}
			if (*p == '\0')
				break;
		}
		if (bol && *p == '#') {			/* a line marker */
			while (*p != '\0' && *p != '\n')
				p++;
			continue;
		}
		if (*p == '\'') {			/* a character constant */
			p++;
			while (*p != '\0' && *p != '\'') {
				if (*p == '\\' && p[1] != '\0')
					p++;
				p++;
			}
			if (*p != '\0')
				p++;
			bol = false;
			continue;
		}
		if (*p == '"') {
			/* An L"..", u8".." prefix never occurs in the store. */
			in_run = true;
			for (p++; *p != '\0' && *p != '"'; p++) {
				char c = *p;

				if (c == '\\' && p[1] != '\0') {
					p++;
					switch (*p) {
					case 'n': c = '\n'; break;
					case 't': c = '\t'; break;
					default: c = *p; break;
					}
				}
				if (len + 2 > size) {
					size = size ? size * 2 : 256;
					buf = realloc(buf, size);
					ck_assert_ptr_nonnull(buf);
				}
				buf[len++] = c;
			}
			if (*p != '\0')
				p++;
			bol = false;
			continue;
		}
		bol = *p == '\n' ? true : (isspace((unsigned char)*p) ? bol :
		    false);
		p++;
	}
	free(buf);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	text = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(text);
	ck_assert_uint_eq(fread(text, 1, (size_t)n, f), (size_t)n);
	text[n] = '\0';
	fclose(f);
	return text;
}

static bool
is_word(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Whether WORD occurs in SQL as a whole word, from *FROM on. */
static const char *
find_word(const char *sql, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = sql; (p = strstr(p, word)) != NULL; p += n) {
		if ((p == sql || !is_word(p[-1])) && !is_word(p[n]))
			return p;
	}
	return NULL;
}

/*
 * The table NAME stands for in SQL: NAME itself when it is a table, or
 * the table it is an alias of ("items i", "items AS i").  NULL when it is
 * something else (a common table expression, a virtual table).
 */
static const char *
table_of(const char *sql, const char *name)
{
	static const char *small_tables[] = { "cities", "quartiers" };
	size_t i, j;

	for (i = 0; i < sizeof content_tables / sizeof content_tables[0]; i++)
		if (strcmp(name, content_tables[i]) == 0)
			return content_tables[i];
	for (i = 0; i < sizeof content_tables / sizeof content_tables[0]; i++) {
		const char *t = content_tables[i];
		const char *p = sql;
		size_t n = strlen(t);

		while ((p = find_word(p, t)) != NULL) {
			const char *q = p + n;

			while (*q == ' ' || *q == '\n' || *q == '\t')
				q++;
			if (strncmp(q, "AS ", 3) == 0)
				q += 3;
			if (strncmp(q, name, strlen(name)) == 0 &&
			    !is_word(q[strlen(name)]))
				return t;
			p += n;
		}
	}
	for (j = 0; j < sizeof small_tables / sizeof small_tables[0]; j++)
		if (strcmp(name, small_tables[j]) == 0)
			return small_tables[j];
	return NULL;
}

static bool
is_content(const char *table)
{
	size_t i;

	for (i = 0; table != NULL &&
	    i < sizeof content_tables / sizeof content_tables[0]; i++)
		if (strcmp(table, content_tables[i]) == 0)
			return true;
	return false;
}

/*
 * Whether one line of a plan reads a whole table of content: a SCAN that
 * neither walks an index nor is a virtual table's own search.
 */
static bool
scans_content(const char *sql, const char *detail)
{
	char name[128];
	size_t n = 0;
	const char *p;

	if (strncmp(detail, "SCAN ", 5) != 0)
		return false;
	if (strstr(detail, "USING INDEX") != NULL ||
	    strstr(detail, "USING COVERING INDEX") != NULL ||
	    strstr(detail, "USING INTEGER PRIMARY KEY") != NULL ||
	    strstr(detail, "VIRTUAL TABLE") != NULL)
		return false;
	p = detail + 5;
	if (strncmp(p, "TABLE ", 6) == 0)	/* SQLite before 3.36 */
		p += 6;
	while (is_word(*p) && n + 1 < sizeof name)
		name[n++] = *p++;
	name[n] = '\0';
	if (strncmp(p, " AS ", 4) == 0) {	/* "SCAN TABLE items AS i" */
		p += 4;
		n = 0;
		while (is_word(*p) && n + 1 < sizeof name)
			name[n++] = *p++;
		name[n] = '\0';
	}
	return n > 0 && is_content(table_of(sql, name));
}

static const char *
known_scan(const char *sql)
{
	size_t i;

	for (i = 0; i < sizeof known_scans / sizeof known_scans[0]; i++) {
		if (strstr(sql, known_scans[i].fragment) != NULL) {
			known_scans[i].seen = true;
			return known_scans[i].why;
		}
	}
	return NULL;
}

/* The plan of SQL, one line per step, or NULL when it does not prepare. */
static char *
plan_of(sqlite3 *db, const char *sql, bool *scans)
{
	char *explain, *plan = NULL;
	size_t len = 0;
	sqlite3_stmt *stmt;
	int rc;

	*scans = false;
	explain = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	ck_assert_ptr_nonnull(explain);
	rc = sqlite3_prepare_v2(db, explain, -1, &stmt, NULL);
	sqlite3_free(explain);
	if (rc != SQLITE_OK)
		return NULL;
	plan = strdup("");
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(stmt, 3);
		size_t n;

		if (detail == NULL)
			continue;
		if (scans_content(sql, detail))
			*scans = true;
		n = strlen(detail);
		plan = realloc(plan, len + n + 8);
		ck_assert_ptr_nonnull(plan);
		len += (size_t)sprintf(plan + len, "    %s\n", detail);
	}
	sqlite3_finalize(stmt);
	return plan;
}

static struct sql_list statements;

static void
load_statements(void)
{
	char *text;

	if (statements.n > 0)
		return;
	text = slurp(STORE_SQL_FILE);
	collect(text, &statements);
	free(text);
}

START_TEST(the_store_sources_give_every_statement)
{
	size_t i;
	bool wall_list = false, mail_send = false;

	load_statements();
	/* Far more than a handful: the extraction works. */
	ck_assert_uint_ge(statements.n, 150);
	for (i = 0; i < statements.n; i++) {
		if (strstr(statements.sql[i], "INSERT INTO messages") != NULL)
			mail_send = true;
		if (strstr(statements.sql[i], "FROM items") != NULL &&
		    strstr(statements.sql[i], "kind") != NULL)
			wall_list = true;
	}
	ck_assert(wall_list);
	ck_assert(mail_send);
}
END_TEST

START_TEST(the_checker_sees_a_scan)
{
	bool scans;
	char *plan;

	/* A statement known to read every item must be caught... */
	plan = plan_of(st->db, "SELECT i.id FROM items i WHERE i.body LIKE ?",
	    &scans);
	ck_assert_ptr_nonnull(plan);
	ck_assert_msg(scans, "not seen as a scan:\n%s", plan);
	free(plan);
	/* ...and one through an index must not. */
	plan = plan_of(st->db, "SELECT id FROM items WHERE quartier_id = ?"
	    " AND kind = 'post' ORDER BY created_at DESC", &scans);
	ck_assert_ptr_nonnull(plan);
	ck_assert_msg(!scans, "seen as a scan:\n%s", plan);
	free(plan);
	/* A small table may be scanned. */
	plan = plan_of(st->db, "SELECT q.name FROM quartiers q"
	    " JOIN cities c ON c.id = q.city_id ORDER BY q.name", &scans);
	ck_assert_ptr_nonnull(plan);
	ck_assert(!scans);
	free(plan);
}
END_TEST

START_TEST(no_statement_scans_a_table_of_content)
{
	size_t i, bad = 0, known = 0, broken = 0;
	const char *extra = getenv("PLANS_EXTRA_SQL");

	/* To try an index before writing its migration:
	 * PLANS_EXTRA_SQL='CREATE INDEX ...' tests/unit/test-plans */
	if (extra != NULL)
		ck_assert_int_eq(sqlite3_exec(st->db, extra, NULL, NULL, NULL),
		    SQLITE_OK);
	load_statements();
	for (i = 0; i < statements.n; i++) {
		const char *sql = statements.sql[i], *why;
		bool scans;
		char *plan = plan_of(st->db, sql, &scans);

		if (plan == NULL) {
			printf("# does not prepare (%s):\n#   %s\n",
			    sqlite3_errmsg(st->db), sql);
			broken++;
			continue;
		}
		if (scans) {
			why = known_scan(sql);
			printf("# %s:\n#   %s\n# plan:\n%s", why != NULL ?
			    why : "SCANS A TABLE OF CONTENT", sql, plan);
			if (why != NULL)
				known++;
			else
				bad++;
		}
		free(plan);
	}
	for (i = 0; i < sizeof known_scans / sizeof known_scans[0]; i++) {
		if (!known_scans[i].seen)
			printf("# no longer scans (its known_scans line can go):"
			    " %s\n", known_scans[i].fragment);
	}
	printf("# %zu statements, %zu known scans, %zu new scans\n",
	    statements.n, known, bad);
	fflush(stdout);		/* a failure ends the process at once */
	ck_assert_uint_eq(broken, 0);
	ck_assert_uint_eq(bad, 0);
}
END_TEST

/*
 * A page of a list (ORDER BY ... LIMIT :limit) is read in its order from
 * an index and stops at the page's end, instead of gathering everything
 * that matches and sorting it; the few that sort say why, and sort a set
 * that does not grow with the quartier's past.
 */
static struct {
	const char *fragment;
	const char *why;
} known_sorts[] = {
	{ "e.ends_at IS NOT NULL AND e.ends_at > :now",
	  "the events not over yet: a few, sorted by their start" },
	{ "c.item_id AS page_id FROM classifieds c",
	  "the ads online (classifieds_live), sorted by their date" },
	{ "WHERE i.author_id = :viewer AND",
	  "the viewer's own ads, from items_author" },
	{ "search_score(search",
	  "the newest matches of a search (at most SEARCH_CANDIDATES)" },
	{ "GROUP BY m.thread_id",
	  "one resident's conversations, each grouped from its messages" },
	{ "FROM moderation_log l",
	  "the sysop's log, of one quartier or of all (:quartier = 0)" },
	{ "INDEXED BY items_shared",
	  "the wall: a page of its own, in order, merged with the posts "
	  "the neighbouring quartiers shared (only those are in "
	  "items_shared)" },
};

START_TEST(a_page_is_read_in_its_order)
{
	size_t i, j, bad = 0, pages = 0;

	load_statements();
	for (i = 0; i < statements.n; i++) {
		const char *sql = statements.sql[i], *why = NULL;
		bool scans;
		char *plan;

		if (strstr(sql, "LIMIT :limit") == NULL ||
		    strstr(sql, "ORDER BY") == NULL)
			continue;
		pages++;
		plan = plan_of(st->db, sql, &scans);
		ck_assert_ptr_nonnull(plan);
		for (j = 0; j < sizeof known_sorts / sizeof known_sorts[0]; j++)
			if (strstr(sql, known_sorts[j].fragment) != NULL)
				why = known_sorts[j].why;
		if (strstr(plan, "USE TEMP B-TREE FOR ORDER BY") != NULL) {
			printf("# %s:\n#   %s\n# plan:\n%s", why != NULL ? why :
			    "SORTS A WHOLE LIST", sql, plan);
			if (why == NULL)
				bad++;
		}
		free(plan);
	}
	printf("# %zu pages, %zu sorted without a reason\n", pages, bad);
	fflush(stdout);
	ck_assert_uint_ge(pages, 10);
	ck_assert_uint_eq(bad, 0);
}
END_TEST

/* The plan of the one statement of the store that holds FRAGMENT. */
static char *
plan_with(const char *fragment)
{
	char *plan = NULL;
	bool scans;
	size_t i;

	load_statements();
	for (i = 0; i < statements.n; i++) {
		if (strstr(statements.sql[i], fragment) == NULL)
			continue;
		ck_assert_msg(plan == NULL, "two statements hold \"%s\"",
		    fragment);
		plan = plan_of(st->db, statements.sql[i], &scans);
		ck_assert_ptr_nonnull(plan);
	}
	ck_assert_msg(plan != NULL, "no statement holds \"%s\"", fragment);
	return plan;
}

static void
assert_plan(const char *fragment, const char *has, const char *lacks)
{
	char *plan = plan_with(fragment);

	if (has != NULL)
		ck_assert_msg(strstr(plan, has) != NULL, "\"%s\" not in the "
		    "plan of \"%s\":\n%s", has, fragment, plan);
	if (lacks != NULL)
		ck_assert_msg(strstr(plan, lacks) == NULL, "\"%s\" in the "
		    "plan of \"%s\":\n%s", lacks, fragment, plan);
	free(plan);
}

/*
 * The screens that were slow at a million items go through the indexes
 * made for them: the events' archive, the ads online, a search, and the
 * sysop's counts.
 */
START_TEST(the_slow_screens_use_their_indexes)
{
	assert_plan("ORDER BY e.starts_at DESC, e.item_id DESC",
	    "USING INDEX events_agenda (quartier_id=? AND starts_at<?)",
	    "TEMP B-TREE");
	assert_plan("ORDER BY e.starts_at, e.item_id LIMIT",
	    "USING INDEX events_until", NULL);
	/* The ads: the newest in their order from items_board, or else
	 * those online from classifieds_live; their count, from the
	 * latter. */
	assert_plan("LIMIT 1 OFFSET :recent", "USING INDEX items_board",
	    "TEMP B-TREE");
	assert_plan("c.item_id AS page_id FROM classifieds c",
	    "USING INDEX classifieds_live (quartier_id=? AND expires_at>?)",
	    NULL);
	assert_plan("count(*) FROM classifieds c CROSS JOIN items i"
	    " ON i.id = c.item_id WHERE c.quartier_id = (SELECT",
	    "USING INDEX classifieds_live (quartier_id=? AND expires_at>?)",
	    NULL);
	/* The search reads the index by MATCH, the newest first (FTS5 takes
	 * "ORDER BY rowid DESC" itself), then its rows by their number. */
	assert_plan("search_score(search", "SCAN search VIRTUAL TABLE",
	    "SCAN w");
	assert_plan("search_score(search", "SEARCH w USING INTEGER PRIMARY KEY",
	    NULL);
	/* The sysop's counts: the boards' from board_totals, the events to
	 * come quartier by quartier from events_until, no table read whole
	 * but the messages. */
	assert_plan("count(DISTINCT q.city_id)", "SEARCH e USING INDEX "
	    "events_until (quartier_id=? AND ends_at>?)", "SCAN i");
	assert_plan("count(DISTINCT q.city_id)", "SEARCH c USING INDEX "
	    "classifieds_expiry (expires_at>?)", "SCAN replies");
	assert_plan("count(DISTINCT q.city_id)", "SCAN board_totals",
	    "SCAN loans");
	assert_plan("WHERE quartier_id = :q AND kind = 'post'",
	    "SEARCH e USING INDEX events_until", "SCAN e");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("plans");
	TCase *tc = tcase_create("plans");

	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, the_store_sources_give_every_statement);
	tcase_add_test(tc, the_checker_sees_a_scan);
	tcase_add_test(tc, no_statement_scans_a_table_of_content);
	tcase_add_test(tc, a_page_is_read_in_its_order);
	tcase_add_test(tc, the_slow_screens_use_their_indexes);
	suite_add_tcase(s, tc);
	return tap_run(s);
}
