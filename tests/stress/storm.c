/*
 * storm.c - many processes writing posts and mail into one database at
 * once, some of them killed (SIGKILL) in the middle: afterwards the
 * database is intact and holds every write that was acknowledged.
 *
 *   storm DB LOGDIR PROCESSES SECONDS [KILLS]
 *
 * SECONDS 0 only checks the database against the logs of an earlier run
 * (the suite uses it to see that a lost write is noticed).
 * DB is an initialised database with verified residents (init --demo).
 * Each child opens the store as a UI process does and loops over
 * store_wall_add() and store_mail_send() with texts of its own; after each
 * STORE_OK it appends a line to LOGDIR/child-N and fsyncs it, so the log
 * holds only acknowledged writes.  The parent kills KILLS children at
 * random moments, waits for the others, then checks: no STORE_BUSY ever
 * reached a caller (the store waits for the lock), PRAGMA integrity_check
 * says ok, and every logged write is in the database.  It prints the
 * numbers (writes per second, the slowest write) without judging them.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "quartier.h"
#include "store.h"

#define MAX_PROCS	512
#define MAX_RESIDENTS	64

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die(const char *what)
{
	fprintf(stderr, "storm: %s\n", what);
	exit(2);
}

/* Verified residents and their quartier, so that mail stays inside one. */
static int64_t res_id[MAX_RESIDENTS], res_q[MAX_RESIDENTS];
static int nres;

static void
load_residents(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("cannot open the database");
	if (sqlite3_prepare_v2(db, "SELECT id, quartier_id FROM residents"
	    " WHERE status = 'verified' ORDER BY quartier_id, id", -1, &stmt,
	    NULL) != SQLITE_OK)
		die(sqlite3_errmsg(db));
	while (nres < MAX_RESIDENTS && sqlite3_step(stmt) == SQLITE_ROW) {
		res_id[nres] = sqlite3_column_int64(stmt, 0);
		res_q[nres] = sqlite3_column_int64(stmt, 1);
		nres++;
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	if (nres < 2)
		die("not enough verified residents (use init --demo)");
}

/* Someone else of the same quartier as resident I. */
static int64_t
neighbour_of(int i)
{
	int j;

	for (j = 1; j < nres; j++) {
		int k = (i + j) % nres;

		if (res_q[k] == res_q[i])
			return res_id[k];
	}
	return 0;
}

static void
log_line(int fd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
log_line(int fd, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof line ||
	    write(fd, line, (size_t)n) != n || fsync(fd) != 0)
		_exit(3);
}

static void
child(const char *path, const char *logdir, int n, double seconds)
{
	char logpath[4096], title[128];
	struct store *st;
	struct viewer v;
	char *err;
	int fd, i = n % nres, status;
	int64_t to = neighbour_of(i), id;
	double end, t0, lat, maxlat = 0;
	long ops = 0, busy = 0, other = 0, slow = 0, slower = 0;

	snprintf(logpath, sizeof logpath, "%s/child-%d", logdir, n);
	fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
	if (fd < 0)
		_exit(3);
	if (store_open(path, 0, &st, &err) != 0) {
		log_line(fd, "error open %s\n", err);
		_exit(3);
	}
	v.resident_id = res_id[i];
	srand((unsigned)getpid());
	end = now() + seconds;
	while (now() < end) {
		snprintf(title, sizeof title, "storm %d-%ld", n, ops);
		t0 = now();
		if (ops % 2 == 0 || to == 0) {
			status = store_wall_add(st, &v, "info", title,
			    "Une ligne de plus dans la tempête.", NULL, &id);
		} else {
			struct mail_new m = {
				.recipient_id = to, .subject = title,
				.body = "Un message parmi tant d'autres.",
			};

			status = store_mail_send(st, &v, &m, &id);
		}
		lat = now() - t0;
		if (lat > maxlat)
			maxlat = lat;
		slow += lat > 0.1;
		slower += lat > 1.0;
		if (status == STORE_OK)
			log_line(fd, "%c %s\n", ops % 2 == 0 || to == 0 ?
			    'w' : 'm', title);
		else if (status == STORE_BUSY)
			busy++;
		else
			other++;
		ops++;
	}
	log_line(fd, "done %ld %ld %ld %.6f %ld %ld\n", ops, busy, other,
	    maxlat, slow, slower);
	store_close(st);
	close(fd);
	_exit(0);
}

/*
 * Whether the write logged as KIND TITLE is in DB, looked up in a copy of
 * the titles and subjects made once: titles have no index, and looking
 * each one up in the table would take as long as the storm squared.
 */
static void
copy_titles(sqlite3 *db)
{
	if (sqlite3_exec(db, "CREATE TEMP TABLE written (kind TEXT, title TEXT,"
	    " PRIMARY KEY (kind, title)) WITHOUT ROWID;"
	    " INSERT OR IGNORE INTO written SELECT 'w', title FROM items"
	    " WHERE kind = 'post';"
	    " INSERT OR IGNORE INTO written SELECT 'm', subject FROM messages;",
	    NULL, NULL, NULL) != SQLITE_OK)
		die(sqlite3_errmsg(db));
}

static sqlite3_stmt *written_stmt;

static int
present(sqlite3 *db, char kind, const char *title)
{
	sqlite3_stmt *stmt;
	char k[2] = { kind, '\0' };
	int found;

	if (written_stmt == NULL && sqlite3_prepare_v2(db, "SELECT 1 FROM"
	    " written WHERE kind = ?1 AND title = ?2", -1, &written_stmt,
	    NULL) != SQLITE_OK)
		die(sqlite3_errmsg(db));
	stmt = written_stmt;
	sqlite3_bind_text(stmt, 1, k, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, title, -1, SQLITE_STATIC);
	found = sqlite3_step(stmt) == SQLITE_ROW;
	sqlite3_reset(stmt);
	return found;
}

int
main(int argc, char **argv)
{
	const char *path, *logdir;
	pid_t pids[MAX_PROCS];
	int nproc, kills = 0, killed = 0, i, failures = 0;
	double seconds, start, elapsed, maxlat = 0;
	long acked = 0, missing = 0, busy = 0, other = 0, ops = 0,
	    finished = 0, slow = 0, slower = 0;
	sqlite3 *db;
	sqlite3_stmt *stmt;

	if (argc < 5 || argc > 6) {
		fprintf(stderr, "usage: storm DB LOGDIR PROCESSES SECONDS "
		    "[KILLS]\n");
		return 2;
	}
	path = argv[1];
	logdir = argv[2];
	nproc = atoi(argv[3]);
	seconds = atof(argv[4]);
	if (argc == 6)
		kills = atoi(argv[5]);
	if (nproc < 1 || nproc > MAX_PROCS || seconds < 0 || kills < 0 ||
	    kills > nproc)
		die("bad arguments");
	load_residents(path);

	start = now();
	for (i = 0; seconds > 0 && i < nproc; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			die("fork");
		if (pids[i] == 0)
			child(path, logdir, i, seconds);
	}
	/* Kill KILLS children at random moments of the storm's first 80%. */
	srand((unsigned)time(NULL));
	while (killed < kills) {
		usleep((useconds_t)(seconds * 0.8 / kills * 1e6 *
		    (0.5 + (double)rand() / RAND_MAX)));
		if (now() - start > seconds * 0.9)
			break;
		kill(pids[killed * (nproc / kills)], SIGKILL);
		killed++;
	}
	for (i = 0; seconds > 0 && i < nproc; i++) {
		int ws;

		if (waitpid(pids[i], &ws, 0) < 0)
			die("waitpid");
		if (WIFEXITED(ws) && WEXITSTATUS(ws) != 0) {
			fprintf(stderr, "storm: child %d exited %d\n", i,
			    WEXITSTATUS(ws));
			failures++;
		}
	}
	elapsed = now() - start;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		die("cannot reopen the database");
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt,
	    NULL) != SQLITE_OK)
		die(sqlite3_errmsg(db));
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(stmt, 0);

		if (r == NULL || strcmp(r, "ok") != 0) {
			printf("integrity_check: %s\n", r ? r : "(null)");
			failures++;
		}
	}
	sqlite3_finalize(stmt);
	copy_titles(db);

	for (i = 0; i < nproc; i++) {
		char logpath[4096], line[512];
		FILE *f;

		snprintf(logpath, sizeof logpath, "%s/child-%d", logdir, i);
		if ((f = fopen(logpath, "r")) == NULL)
			continue;	/* killed before its first write */
		while (fgets(line, sizeof line, f) != NULL) {
			long o, b, x, s1, s2;
			double l;
			size_t len = strlen(line);

			if (len == 0 || line[len - 1] != '\n')
				break;	/* cut short by the kill */
			line[--len] = '\0';
			if (sscanf(line, "done %ld %ld %ld %lf %ld %ld", &o,
			    &b, &x, &l, &s1, &s2) == 6) {
				ops += o;
				slow += s1;
				slower += s2;
				busy += b;
				other += x;
				if (l > maxlat)
					maxlat = l;
				finished++;
			} else if ((line[0] == 'w' || line[0] == 'm') &&
			    line[1] == ' ') {
				acked++;
				if (!present(db, line[0], line + 2)) {
					printf("missing: %s\n", line);
					missing++;
				}
			} else {
				printf("child %d: %s\n", i, line);
				failures++;
			}
		}
		fclose(f);
	}
	sqlite3_finalize(written_stmt);
	sqlite3_close(db);

	printf("processes %d (killed %d, finished %ld), %.1f s\n", nproc,
	    killed, finished, elapsed);
	printf("acknowledged writes %ld", acked);
	if (seconds > 0)
		printf(", %.0f writes/s", (double)acked / elapsed);
	printf("\n");
	printf("of the processes that finished: %ld writes tried, slowest"
	    " %.1f ms, %ld over 100 ms, %ld over 1 s\n", ops, maxlat * 1000,
	    slow, slower);
	printf("busy reaching the caller %ld, other refusals %ld\n", busy,
	    other);
	printf("missing after the storm %ld\n", missing);
	if (seconds > 0 && finished + killed != nproc)
		failures++;
	if (busy > 0 || other > 0 || missing > 0 || acked == 0)
		failures++;
	return failures > 0 ? 1 : 0;
}
