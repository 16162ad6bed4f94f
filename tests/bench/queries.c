/*
 * queries: time every screen's store functions on a big database made by
 * tests/bench/bigdb, through the public API exactly as the screens call
 * them, for a viewer of the biggest quartier, of a middle one and of the
 * smallest.  Prints one line per query: runs (all viewers together),
 * median and 99th percentile in milliseconds, and the rows returned (the
 * most of any viewer).  The sysop console's dashboard, which asks the
 * numbers of every quartier, is timed last as a whole (its rows: the
 * quartiers).  It reports numbers; it never passes or fails.
 *
 * The first call of each query for each viewer is timed apart and left
 * out of the median and the p99: it prepares the statement and fills
 * SQLite's page cache with that viewer's pages, which a resident pays
 * once per screen and session, not at every key press.  Its slowest
 * value (over the three viewers) is the "first ms" column.
 *
 *	tests/bench/queries [--runs N] [--only TEXT] FILE
 *
 * --only times just the queries whose name holds TEXT ("directory").
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"

#define PAGE	20		/* a screen's page at 80x24 */
#define DEEP	50		/* the deep page: 1,000 posts down */

static double
ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct result {
	const char	*name;
	double		*t;
	int		 n;
	double		 first;		/* slowest first call of a viewer */
	size_t		 rows;
};
static struct result results[64];
static int nresults;
static int runs = 30;
static const char *only;

static void
record(int idx, const char *name, double t, size_t rows, bool first)
{
	struct result *r = &results[idx];

	if (r->t == NULL) {
		r->name = name;
		r->t = calloc(3 * runs, sizeof *r->t);
		if (idx >= nresults)
			nresults = idx + 1;
	}
	if (first) {
		if (t > r->first)
			r->first = t;
	} else
		r->t[r->n++] = t;
	if (rows > r->rows)
		r->rows = rows;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static struct store *s;

static void
check(int rc, const char *what)
{
	if (rc != STORE_OK) {
		fprintf(stderr, "queries: %s: %s\n", what, store_message(s, rc));
		exit(1);
	}
}

/*
 * Time CALL once, then RUNS times, as query number IDX; N holds the rows
 * it returned and FREE gives them back.
 */
#define BENCH(idx, name, call, free_it) do {				\
	int k_;								\
	if (only != NULL && strstr(name, only) == NULL)			\
		break;							\
	for (k_ = -1; k_ < runs; k_++) {				\
		double t0_ = ms();					\
		check((call), name);					\
		record(idx, name, ms() - t0_, n, k_ < 0);		\
		free_it;						\
	}								\
} while (0)

static void
bench_viewer(int64_t resident, int64_t quartier)
{
	struct viewer v = { resident };
	struct actor console = { 0, "root" };
	struct menu_counts mc;
	struct wall_post *wp, post;
	struct wall_cursor first = { 0, 0 }, deep = { 0, 0 };
	struct reply *rp;
	struct classified *ads;
	struct classified_filter all_ads = { -1, NULL, -1, false };
	struct classified_filter some_ads = { 1, "furniture", 0, false };
	struct lending *lend;
	struct lending_filter all_lend = { -1, -1, false };
	struct loan *loans;
	struct event *evs;
	struct mail_thread *threads;
	struct mail *mails;
	struct mail_cursor mfirst = { 0, 0 };
	struct neighbour *nb;
	struct search_hit *hits;
	struct report_info *reps;
	struct store_stats st;
	int64_t busiest = 0, thread = 0;
	size_t n, i;
	int page, most = -1;

	/* Where the deep page starts, and the busiest post of the first
	 * pages (the item view and its replies). */
	for (page = 0; page < DEEP; page++) {
		check(store_wall_page(s, &v, NULL, &deep, PAGE, &wp, &n),
		    "wall");
		for (i = 0; i < n; i++)
			if (page < 5 && wp[i].reply_count > most) {
				most = wp[i].reply_count;
				busiest = wp[i].id;
			}
		if (n > 0) {
			deep.created_at = wp[n - 1].created_at;
			deep.id = wp[n - 1].id;
		}
		wall_post_list_free(wp, n);
		if (n < PAGE)
			break;
	}
	check(store_mail_threads(s, &v, &mfirst, PAGE, &threads, &n), "mail");
	if (n > 0)
		thread = threads[0].thread_id;
	mail_thread_list_free(threads, n);

	n = 1;
	BENCH(0, "menu_counts", store_menu_counts(s, &v, &mc), (void)0);
	BENCH(1, "wall_page first", store_wall_page(s, &v, NULL, &first, PAGE,
	    &wp, &n), wall_post_list_free(wp, n));
	BENCH(2, "wall_page deep (p. 50)", store_wall_page(s, &v, NULL, &deep,
	    PAGE, &wp, &n), wall_post_list_free(wp, n));
	BENCH(3, "wall_page category", store_wall_page(s, &v, "lost", &first,
	    PAGE, &wp, &n), wall_post_list_free(wp, n));
	if (busiest != 0) {
		n = 1;
		BENCH(4, "wall_get", store_wall_get(s, &v, busiest, &post),
		    wall_post_clear(&post));
		BENCH(5, "reply_list", store_reply_list(s, &v, busiest, 0, 50,
		    &rp, &n), reply_list_free(rp, n));
	}
	BENCH(6, "classified_page all", store_classified_page(s, &v,
	    &all_ads, &first, PAGE, &ads, &n), classified_list_free(ads, n));
	BENCH(7, "classified_page filtered", store_classified_page(s, &v,
	    &some_ads, &first, PAGE, &ads, &n), classified_list_free(ads, n));
	BENCH(8, "lending_page", store_lending_page(s, &v, &all_lend, &first,
	    PAGE, &lend, &n), lending_list_free(lend, n));
	BENCH(9, "loans_mine", store_loans_mine(s, &v, false, &loans, &n),
	    loan_list_free(loans, n));
	BENCH(10, "loans_mine history", store_loans_mine(s, &v, true, &loans,
	    &n), loan_list_free(loans, n));
	BENCH(11, "event_page upcoming", store_event_page(s, &v, false,
	    &first, PAGE, &evs, &n), event_list_free(evs, n));
	BENCH(12, "event_page archive", store_event_page(s, &v, true, &first,
	    PAGE, &evs, &n), event_list_free(evs, n));
	BENCH(13, "mail_threads", store_mail_threads(s, &v, &mfirst, PAGE,
	    &threads, &n), mail_thread_list_free(threads, n));
	if (thread != 0)
		BENCH(14, "mail_thread", store_mail_thread(s, &v, thread,
		    &mails, &n), mail_list_free(mails, n));
	BENCH(15, "directory all", store_directory(s, &v, NULL, 0, PAGE, &nb,
	    &n), neighbour_list_free(nb, n));
	BENCH(16, "directory \"mar\"", store_directory(s, &v, "mar", 0, PAGE,
	    &nb, &n), neighbour_list_free(nb, n));
	BENCH(17, "search \"voisins\"", store_search(s, &v, "voisins", 50,
	    &hits, &n), search_hit_list_free(hits, n));
	BENCH(18, "search \"velo samedi\"", store_search(s, &v, "velo samedi",
	    50, &hits, &n), search_hit_list_free(hits, n));
	BENCH(19, "search \"harmonium\"", store_search(s, &v, "harmonium", 50,
	    &hits, &n), search_hit_list_free(hits, n));
	/* A common word's prefix, as typed: the resident stopped after a
	 * few letters, or one. */
	BENCH(20, "search \"vois\"", store_search(s, &v, "vois", 50, &hits,
	    &n), search_hit_list_free(hits, n));
	BENCH(21, "search \"vo\"", store_search(s, &v, "vo", 50, &hits, &n),
	    search_hit_list_free(hits, n));
	BENCH(22, "search \"v\"", store_search(s, &v, "v", 50, &hits, &n),
	    search_hit_list_free(hits, n));
	BENCH(23, "reports_open", store_reports_open(s, &console, quartier, 0,
	    PAGE, &reps, &n), report_info_list_free(reps, n));
	n = 1;
	BENCH(24, "stats (quartier)", store_stats(s, quartier, &st), (void)0);
	BENCH(25, "stats (all)", store_stats(s, 0, &st), (void)0);
}

/*
 * The console's dashboard (screens/sysop.c, dashboard_load): the site's
 * numbers, the list of quartiers and the posts of each.  Timed whole, once
 * per run: it is one screen.
 */
static void
bench_dashboard(void)
{
	struct store_stats st;
	struct quartier_info *q;
	size_t n;
	int k, *posts;

	if (only != NULL && strstr("dashboard (console)", only) == NULL)
		return;
	for (k = -1; k < runs; k++) {
		double t0 = ms();

		check(store_stats(s, 0, &st), "dashboard");
		check(store_quartier_list(s, &q, &n), "dashboard");
		posts = calloc(n + 1, sizeof *posts);
		check(store_quartier_posts(s, q, n, posts), "dashboard");
		record(26, "dashboard (console)", ms() - t0, n, k < 0);
		quartier_info_free(q, n);
		free(posts);
	}
}

/* The verified resident of QUARTIER with the most mail: the heaviest
 * inbox, loans and menu counts a viewer of it can have. */
static int64_t
viewer_of(sqlite3 *db, int64_t quartier)
{
	sqlite3_stmt *st;
	int64_t id = 0;

	if (sqlite3_prepare_v2(db, "SELECT r.id FROM residents r"
	    " LEFT JOIN messages m ON m.recipient_id = r.id"
	    " WHERE r.quartier_id = ?1 AND r.status = 'verified'"
	    " GROUP BY r.id ORDER BY count(m.id) DESC, r.id LIMIT 1", -1, &st,
	    NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, quartier);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

int
main(int argc, char **argv)
{
	const char *path = NULL;
	sqlite3 *db;
	sqlite3_stmt *st;
	char *err = NULL;
	int64_t nq = 0, quartiers[3];
	int i, j;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
			only = argv[++i];
		else if (argv[i][0] == '-' || path != NULL)
			path = NULL, i = argc;
		else
			path = argv[i];
	}
	if (path == NULL || runs < 1) {
		fprintf(stderr, "usage: queries [--runs N] [--only TEXT]"
		    " FILE\n");
		return 2;
	}

	/* Choosing the viewers is the benchmark's business, not a screen's:
	 * read-only SQL on the side. */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
	    || sqlite3_prepare_v2(db, "SELECT count(*) FROM quartiers", -1, &st,
	    NULL) != SQLITE_OK) {
		fprintf(stderr, "queries: %s: %s\n", path, sqlite3_errmsg(db));
		return 1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		nq = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	/* bigdb makes quartier 1 the biggest and the last the smallest. */
	quartiers[0] = 1;
	quartiers[1] = nq / 2 > 1 ? nq / 2 : 1;
	quartiers[2] = nq;

	if (store_open(path, 0, &s, &err) != STORE_OK) {
		fprintf(stderr, "queries: %s: %s\n", path, err ? err : "?");
		return 1;
	}
	for (i = 0; i < 3; i++) {
		int64_t v = viewer_of(db, quartiers[i]);

		if (v == 0) {
			fprintf(stderr, "queries: no viewer in quartier %lld\n",
			    (long long)quartiers[i]);
			return 1;
		}
		bench_viewer(v, quartiers[i]);
	}
	bench_dashboard();
	sqlite3_close(db);
	store_close(s);

	printf("%-26s %6s %10s %10s %10s %6s\n", "query", "runs",
	    "median ms", "p99 ms", "first ms", "rows");
	for (i = 0; i < nresults; i++) {
		struct result *r = &results[i];

		if (r->n == 0)
			continue;
		qsort(r->t, r->n, sizeof *r->t, cmp);
		j = (r->n * 99 + 99) / 100 - 1;
		printf("%-26s %6d %10.2f %10.2f %10.2f %6zu\n", r->name,
		    r->n, r->t[r->n / 2], r->t[j], r->first, r->rows);
		free(r->t);
	}
	return 0;
}
