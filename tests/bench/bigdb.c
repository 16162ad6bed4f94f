/*
 * bigdb: make a big Quartier database to measure the screens' queries on
 * (tests/bench/queries.c).  By default the sizes of issue #8: 200
 * quartiers, 100,000 residents, 1,000,000 items with their replies, mail,
 * loans, events and RSVPs.
 *
 *	tests/bench/bigdb [--quartiers N] [--residents N] [--items N] FILE
 *
 * The schema comes from the store itself (store_open with STORE_CREATE),
 * so the database is exactly what quartier would run on.  The rows are
 * then written with plain prepared INSERTs in a few big transactions:
 * this is a tool that makes test data, not the store, and going through
 * the store's functions (one transaction, checks and index sync per
 * item) would take hours for a million items.  What the store derives
 * from the rows is made at the end by the store's own code: the folded
 * names of the directory (store_directory_rebuild()) and the search index
 * (store_search_rebuild()).
 *
 * The random numbers come from a fixed seed, so that two runs with the
 * same sizes give the same database and comparable timings.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <math.h>

#include "store.h"

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t
rnd(void)
{
	/* xorshift64*: fast, and the same on every machine. */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 0x2545f4914f6cdd1dULL) >> 32);
}

static int
pick(int n)
{
	return (int)(rnd() % (uint32_t)n);
}

static double
unit(void)
{
	return rnd() / 4294967296.0;
}

/* 0..N-1, the small values far more likely (a few busy ones, a long tail). */
static int
skewed(int n, double power)
{
	int i = (int)(n * pow(unit(), power));

	return i < n ? i : n - 1;
}

#define NELEM(a) (sizeof (a) / sizeof (a)[0])

static const char *const firsts[] = {
	"Marie", "Karim", "Nadia", "Hugo", "Paul", "Léa", "Lucas", "Chloé",
	"Mohamed", "Inès", "Jules", "Camille", "Sophie", "Thomas", "Emma",
	"Louis", "Manon", "Yasmine", "Antoine", "Zoé", "Éloïse", "Mathis",
	"Sarah", "Nicolas", "Julie", "Théo", "Amira", "Pierre", "Anaïs",
	"Gabriel", "Céline", "Rachid", "Hélène", "François", "Aïcha",
};
static const char *const lasts[] = {
	"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
	"Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel",
	"Garcia", "Benali", "Roux", "Fournier", "Girard", "Bonnet", "Mercier",
	"Schmitt", "Meyer", "Muller", "Weber", "Klein", "Haddad", "Nguyen",
	"Faure", "André", "Chevalier", "Fontaine", "Rousseau", "Blanc",
};
static const char *const cities[] = {
	"Strasbourg", "Lyon", "Lille", "Nantes", "Bordeaux", "Toulouse",
	"Marseille", "Rennes", "Grenoble", "Montpellier",
};
static const char *const places[] = {
	"Krutenau", "Neudorf", "Esplanade", "Robertsau", "Cronenbourg",
	"Croix-Rousse", "Guillotière", "Wazemmes", "Chartrons", "Capucins",
	"Saint-Michel", "Bastide", "Carmes", "Panier", "Belleville",
	"Bellevue", "Centre", "Gare", "Port", "Vieux-Marché",
};
/* Words of titles and bodies.  Zipf-like use (skewed()) makes the first
 * ones common ("voisins", "rue") and the last ones uncommon. */
static const char *const words[] = {
	"voisins", "rue", "quartier", "merci", "bonjour", "samedi", "cour",
	"immeuble", "vélo", "enfants", "école", "jardin", "marché", "soir",
	"matin", "dimanche", "place", "parc", "boulangerie", "chat", "chien",
	"clés", "perceuse", "escabeau", "livres", "table", "chaises", "lampe",
	"poussette", "cartons", "déménagement", "plantes", "tomates", "pommes",
	"confiture", "gâteau", "fête", "repas", "partagé", "atelier", "cours",
	"anglais", "guitare", "piano", "réparation", "couture", "tricot",
	"bricolage", "peinture", "ménage", "courses", "pharmacie", "médecin",
	"poste", "bibliothèque", "piscine", "gymnase", "tram", "bus", "gare",
	"travaux", "bruit", "poubelles", "tri", "compost", "potager", "arrosage",
	"vacances", "août", "été", "hiver", "neige", "pluie", "orage", "fuite",
	"eau", "électricité", "panne", "ascenseur", "cave", "grenier", "garage",
	"trottinette", "casque", "sac", "manteau", "écharpe", "gants", "lunettes",
	"portefeuille", "téléphone", "ordinateur", "imprimante", "câble",
	"télévision", "frigo", "four", "micro-ondes", "aspirateur", "canapé",
	"armoire", "étagère", "bureau", "lit", "matelas", "berceau", "jouets",
	"puzzle", "vinyles", "disques", "bandes", "dessinées", "romans",
	"cuisine", "recettes", "pique-nique", "barbecue", "apéritif", "concert",
	"chorale", "théâtre", "cinéma", "exposition", "brocante", "vide-grenier",
	"troc", "don", "gratuit", "prix", "négociable", "urgent", "trouvé",
	"perdu", "aide", "personne", "âgée", "accompagnement", "devoirs",
	"baby-sitting", "promenade", "arbre", "fleurs", "balcon", "terrasse",
	"fenêtre", "volets", "serrure", "porte", "boîte", "lettres", "colis",
	"livraison", "voiture", "stationnement", "covoiturage", "marathon",
	"tournoi", "pétanque", "échecs", "belote", "scrabble", "tarot",
};
/* Put in one body of about 20,000: what a search for a rare word finds. */
static const char *const rare[] = {
	"harmonium", "zeppelin", "quenouille", "sextant", "xylophone",
};
static const char *const linking[] = {
	"le", "la", "les", "un", "une", "des", "du", "pour", "avec", "dans",
	"sur", "et", "de", "à", "au", "chez", "vers", "sans", "près", "entre",
};

struct buf {
	char	 s[2048];
	size_t	 n;
};

static void
put(struct buf *b, const char *w)
{
	size_t len = strlen(w);

	if (b->n + len + 2 >= sizeof b->s)
		return;
	if (b->n > 0)
		b->s[b->n++] = ' ';
	memcpy(b->s + b->n, w, len);
	b->n += len;
	b->s[b->n] = '\0';
}

/* A phrase of NWORDS words, half of them small linking words. */
static const char *
phrase(struct buf *b, int nwords, int sentences)
{
	int i, j;

	b->n = 0;
	b->s[0] = '\0';
	for (j = 0; j < sentences; j++) {
		for (i = 0; i < nwords; i++)
			put(b, i % 2 ? linking[pick(NELEM(linking))]
			    : words[skewed(NELEM(words), 2.5)]);
		if (sentences > 1 && b->n + 2 < sizeof b->s) {
			b->s[b->n++] = '.';
			b->s[b->n] = '\0';
		}
	}
	if (b->n > 0 && b->s[0] >= 'a' && b->s[0] <= 'z')
		b->s[0] -= 'a' - 'A';
	return b->s;
}

static sqlite3 *db;

static void
die(const char *what)
{
	fprintf(stderr, "bigdb: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

static void
exec(const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sql);
}

static sqlite3_stmt *
prep(const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql);
	return st;
}

static void
step(sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die(sqlite3_sql(st));
	sqlite3_reset(st);
}

static void
usage(void)
{
	fprintf(stderr, "usage: bigdb [--quartiers N] [--residents N]"
	    " [--items N] FILE\n");
	exit(2);
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	int nq = 200, nr = 100000, ni = 1000000;
	const char *path = NULL;
	struct store *s;
	char *err = NULL;
	int64_t now = time(NULL), span = 3 * 365 * 86400LL;
	int64_t *qres, *qcount, *rq, nreplies = 0, nmail = 0, nloans = 0;
	int64_t nrsvps = 0, nextmsg = 1;
	int i, j, q, r;
	double t0 = seconds(), t1;
	struct buf title, body;
	char handle[64], name[128], qname[64];
	sqlite3_stmt *city, *quart, *res, *item, *reply, *cl, *le, *loan, *ev;
	sqlite3_stmt *rsvp, *msg, *rep, *upd;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quartiers") == 0 && i + 1 < argc)
			nq = atoi(argv[++i]);
		else if (strcmp(argv[i], "--residents") == 0 && i + 1 < argc)
			nr = atoi(argv[++i]);
		else if (strcmp(argv[i], "--items") == 0 && i + 1 < argc)
			ni = atoi(argv[++i]);
		else if (argv[i][0] == '-' || path != NULL)
			usage();
		else
			path = argv[i];
	}
	if (path == NULL || nq < 1 || nr < nq * 2 || ni < 1)
		usage();
	remove(path);

	/* The schema, exactly as the store makes it. */
	if (store_open(path, STORE_CREATE, &s, &err) != STORE_OK) {
		fprintf(stderr, "bigdb: %s: %s\n", path, err ? err : "?");
		return 1;
	}
	store_close(s);

	if (sqlite3_open(path, &db) != SQLITE_OK)
		die(path);
	/* A throwaway file being filled: no journal, no sync. */
	exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
	    " PRAGMA cache_size = -200000; BEGIN");

	city = prep("INSERT INTO cities (id, name, created_at) VALUES (?,?,?)");
	for (i = 0; i < (int)NELEM(cities); i++) {
		sqlite3_bind_int(city, 1, i + 1);
		sqlite3_bind_text(city, 2, cities[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(city, 3, now - span - 86400);
		step(city);
	}
	quart = prep("INSERT INTO quartiers (id, city_id, name, created_at)"
	    " VALUES (?,?,?,?)");
	for (q = 0; q < nq; q++) {
		snprintf(qname, sizeof qname, "%s %d", places[q % NELEM(places)],
		    q / (int)NELEM(places) + 1);
		sqlite3_bind_int(quart, 1, q + 1);
		sqlite3_bind_int(quart, 2, q % (int)NELEM(cities) + 1);
		sqlite3_bind_text(quart, 3, qname, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(quart, 4, now - span - 86400);
		step(quart);
	}

	/*
	 * Residents: the first quartiers are the big ones (quartier 1 has a
	 * few thousand people, the last ones a few dozen), every quartier at
	 * least two.  Residents of a quartier are numbered contiguously, so
	 * that picking a neighbour is picking in [qres[q], qres[q]+qcount[q]).
	 */
	qcount = calloc(nq, sizeof *qcount);
	qres = calloc(nq, sizeof *qres);
	rq = calloc(nr + 1, sizeof *rq);
	for (q = 0; q < nq; q++)
		qcount[q] = 2;
	for (r = 2 * nq; r < nr; r++)
		qcount[skewed(nq, 1.8)]++;
	res = prep("INSERT INTO residents (id, handle, display_name,"
	    " quartier_id, street, status, role, created_at, verified_at)"
	    " VALUES (?,?,?,?,?,?,?,?,?)");
	for (q = 0, r = 1; q < nq; q++) {
		qres[q] = r;
		for (j = 0; j < qcount[q]; j++, r++) {
			const char *first = firsts[pick(NELEM(firsts))];
			const char *last = lasts[pick(NELEM(lasts))];
			int u = pick(100);
			int64_t at = now - span + (int64_t)(unit() * span / 2);

			rq[r] = q + 1;
			snprintf(handle, sizeof handle, "v%d", r);
			snprintf(name, sizeof name, "%s %s", first, last);
			sqlite3_bind_int(res, 1, r);
			sqlite3_bind_text(res, 2, handle, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(res, 3, name, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(res, 4, q + 1);
			snprintf(name, sizeof name, "%d rue des %s", 1 + pick(80),
			    words[pick(NELEM(words))]);
			sqlite3_bind_text(res, 5, name, -1, SQLITE_TRANSIENT);
			/* The first two of a quartier are its moderator and
			 * a helper; 90 % verified, 7 % pending, 3 % suspended. */
			sqlite3_bind_text(res, 6, j < 2 || u < 90 ? "verified"
			    : u < 97 ? "pending" : "suspended", -1, SQLITE_STATIC);
			sqlite3_bind_text(res, 7, j == 0 ? "moderator"
			    : j == 1 ? "helper" : "resident", -1, SQLITE_STATIC);
			sqlite3_bind_int64(res, 8, at);
			sqlite3_bind_int64(res, 9, at + 86400 * (1 + pick(20)));
			step(res);
		}
	}

	item = prep("INSERT INTO items (id, quartier_id, author_id, kind,"
	    " category, title, body, reply_count, created_at,"
	    " last_activity_at) VALUES (?,?,?,?,?,?,?,0,?,?)");
	reply = prep("INSERT INTO replies (item_id, author_id, body,"
	    " created_at) VALUES (?,?,?,?)");
	upd = prep("UPDATE items SET reply_count = ?, last_activity_at = ?"
	    " WHERE id = ?");
	cl = prep("INSERT INTO classifieds (item_id, ad_kind, price_cents,"
	    " status, expires_at) VALUES (?,?,?,?,?)");
	le = prep("INSERT INTO lendings (item_id, direction, nature)"
	    " VALUES (?,?,?)");
	loan = prep("INSERT INTO loans (item_id, borrower_id, lender_id,"
	    " status, requested_at, decided_at, due_at, returned_at)"
	    " VALUES (?,?,?,?,?,?,?,?)");
	ev = prep("INSERT INTO events (item_id, starts_at, ends_at, place,"
	    " capacity) VALUES (?,?,?,?,?)");
	rsvp = prep("INSERT OR IGNORE INTO rsvps (event_id, resident_id,"
	    " answer, waitlisted, answered_at) VALUES (?,?,?,0,?)");

	/*
	 * Items, oldest first over three years: 55 % wall posts, 20 % ads,
	 * 13 % lending, 12 % events.  The author is a prolific resident more
	 * often than not; replies come from neighbours of the same quartier.
	 */
	for (i = 1; i <= ni; i++) {
		int u = pick(100), nrep;
		int64_t author = 1 + skewed(nr, 1.5);
		int64_t at = now - span + span * (int64_t)i / ni - pick(600);
		int64_t last = at;
		const char *kind, *cat;
		static const char *const wallcat[] = { "info", "info", "advice",
		    "deal", "help", "help", "lost", "alert" };
		static const char *const adcat[] = { "furniture", "children",
		    "books", "garden", "diy", "electronics", "clothes", "other" };

		q = (int)rq[author] - 1;
		if (u < 55) {
			kind = "post";
			cat = wallcat[pick(NELEM(wallcat))];
			nrep = skewed(12, 2.0);
		} else if (u < 75) {
			kind = "classified";
			cat = adcat[pick(NELEM(adcat))];
			nrep = skewed(4, 2.0);
		} else if (u < 88) {
			kind = "lending";
			cat = "lending";
			nrep = skewed(3, 2.0);
		} else {
			kind = "event";
			cat = "event";
			nrep = skewed(5, 2.0);
		}
		sqlite3_bind_int(item, 1, i);
		sqlite3_bind_int(item, 2, q + 1);
		sqlite3_bind_int64(item, 3, author);
		sqlite3_bind_text(item, 4, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(item, 5, cat, -1, SQLITE_STATIC);
		sqlite3_bind_text(item, 6, phrase(&title, 3 + pick(6), 1), -1,
		    SQLITE_TRANSIENT);
		phrase(&body, 6 + pick(10), 1 + pick(4));
		if (pick(20000) == 0)
			put(&body, rare[pick(NELEM(rare))]);
		sqlite3_bind_text(item, 7, body.s, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(item, 8, at);
		sqlite3_bind_int64(item, 9, at);
		step(item);

		for (j = 0; j < nrep; j++) {
			last += 60 + pick(86400);
			sqlite3_bind_int(reply, 1, i);
			sqlite3_bind_int64(reply, 2, qres[q] + pick(qcount[q]));
			sqlite3_bind_text(reply, 3, phrase(&body, 4 + pick(12),
			    1 + pick(2)), -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(reply, 4, last);
			step(reply);
		}
		nreplies += nrep;
		if (nrep > 0) {
			sqlite3_bind_int(upd, 1, nrep);
			sqlite3_bind_int64(upd, 2, last);
			sqlite3_bind_int(upd, 3, i);
			step(upd);
		}

		if (kind[0] == 'c') {
			static const char *const ak[] = { "sell", "sell", "give",
			    "wanted" };
			const char *k = ak[pick(NELEM(ak))];

			sqlite3_bind_int(cl, 1, i);
			sqlite3_bind_text(cl, 2, k, -1, SQLITE_STATIC);
			if (k[0] == 's')
				sqlite3_bind_int(cl, 3, 100 * (1 + skewed(300, 2)));
			else
				sqlite3_bind_null(cl, 3);
			u = pick(10);
			sqlite3_bind_text(cl, 4, u < 6 ? "available" : u < 8
			    ? "reserved" : "gone", -1, SQLITE_STATIC);
			sqlite3_bind_int64(cl, 5, at + 30 * 86400);
			step(cl);
		} else if (kind[0] == 'l') {
			int nl = skewed(4, 1.5);

			sqlite3_bind_int(le, 1, i);
			sqlite3_bind_text(le, 2, pick(4) ? "offer" : "request",
			    -1, SQLITE_STATIC);
			sqlite3_bind_text(le, 3, pick(3) ? "object" : "service",
			    -1, SQLITE_STATIC);
			step(le);
			/* Loans: the old ones returned, the recent ones live,
			 * a few overdue or waiting for an answer. */
			for (j = 0; j < nl; j++) {
				int64_t asked = at + 86400 * (1 + j * 10);
				bool recent = asked > now - 30 * 86400;
				const char *st = !recent ? (pick(8) ? "returned"
				    : "declined") : pick(3) ? "accepted"
				    : "requested";

				sqlite3_bind_int(loan, 1, i);
				sqlite3_bind_int64(loan, 2, qres[q] + pick(qcount[q]));
				sqlite3_bind_null(loan, 3);
				sqlite3_bind_text(loan, 4, st, -1, SQLITE_STATIC);
				sqlite3_bind_int64(loan, 5, asked);
				if (st[0] == 'r' && st[2] == 'q') {
					sqlite3_bind_null(loan, 6);
					sqlite3_bind_null(loan, 7);
				} else {
					sqlite3_bind_int64(loan, 6, asked + 3600);
					sqlite3_bind_int64(loan, 7, asked + 14 * 86400);
				}
				if (st[0] == 'r' && st[2] == 't')
					sqlite3_bind_int64(loan, 8, asked + 10 * 86400);
				else
					sqlite3_bind_null(loan, 8);
				step(loan);
				nloans++;
			}
		} else if (kind[0] == 'e') {
			int64_t starts = at + 86400 * (1 + pick(30));
			int na = skewed(25, 1.7);

			sqlite3_bind_int(ev, 1, i);
			sqlite3_bind_int64(ev, 2, starts);
			sqlite3_bind_int64(ev, 3, starts + 3600 * (1 + pick(4)));
			sqlite3_bind_text(ev, 4, phrase(&title, 3, 1), -1,
			    SQLITE_TRANSIENT);
			if (pick(3) == 0)
				sqlite3_bind_int(ev, 5, 10 + pick(40));
			else
				sqlite3_bind_null(ev, 5);
			step(ev);
			for (j = 0; j < na; j++) {
				u = pick(10);
				sqlite3_bind_int(rsvp, 1, i);
				sqlite3_bind_int64(rsvp, 2, qres[q] + pick(qcount[q]));
				sqlite3_bind_text(rsvp, 3, u < 7 ? "yes" : u < 9
				    ? "maybe" : "no", -1, SQLITE_STATIC);
				sqlite3_bind_int64(rsvp, 4, at + pick(86400));
				step(rsvp);
			}
			nrsvps += na;
		}
		if (i % 100000 == 0) {
			exec("COMMIT; BEGIN");
			fprintf(stderr, "bigdb: %d items, %.0f s\n", i,
			    seconds() - t0);
		}
	}

	/*
	 * Mail: conversations of one to six messages between neighbours,
	 * about one message for every two items; the older ones read.
	 */
	msg = prep("INSERT INTO messages (id, quartier_id, thread_id,"
	    " sender_id, recipient_id, subject, body, created_at, read_at)"
	    " VALUES (?,?,?,?,?,?,?,?,?)");
	while (nmail < ni / 2) {
		int64_t a = 1 + skewed(nr, 1.5), b, first = nextmsg;
		int64_t at = now - span + (int64_t)(unit() * span);
		int len = 1 + skewed(6, 1.5);

		q = (int)rq[a] - 1;
		b = qres[q] + pick(qcount[q]);
		if (b == a)
			continue;
		phrase(&title, 3 + pick(4), 1);
		for (j = 0; j < len; j++, nextmsg++) {
			int64_t from = j % 2 ? b : a, to = j % 2 ? a : b;

			at += 60 + pick(2 * 86400);
			sqlite3_bind_int64(msg, 1, nextmsg);
			sqlite3_bind_int(msg, 2, q + 1);
			sqlite3_bind_int64(msg, 3, first);
			sqlite3_bind_int64(msg, 4, from);
			sqlite3_bind_int64(msg, 5, to);
			sqlite3_bind_text(msg, 6, title.s, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(msg, 7, phrase(&body, 6 + pick(10),
			    1 + pick(3)), -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(msg, 8, at);
			if (at < now - 7 * 86400 || pick(2))
				sqlite3_bind_int64(msg, 9, at + 3600);
			else
				sqlite3_bind_null(msg, 9);
			step(msg);
			nmail++;
		}
	}

	/* Open reports: a few per quartier, for the moderation screen. */
	rep = prep("INSERT INTO reports (reporter_id, quartier_id,"
	    " target_kind, target_id, reason, created_at)"
	    " SELECT ?, quartier_id, 'item', id, ?, ? FROM items WHERE id = ?");
	for (j = 0; j < nq * 5; j++) {
		int64_t target = 1 + pick(ni);

		sqlite3_bind_int64(rep, 1, 1 + pick(nr));
		sqlite3_bind_text(rep, 2, phrase(&body, 5, 1), -1,
		    SQLITE_TRANSIENT);
		sqlite3_bind_int64(rep, 3, now - pick(30 * 86400));
		sqlite3_bind_int64(rep, 4, target);
		step(rep);
	}

	sqlite3_finalize(city);
	sqlite3_finalize(quart);
	sqlite3_finalize(res);
	sqlite3_finalize(item);
	sqlite3_finalize(reply);
	sqlite3_finalize(upd);
	sqlite3_finalize(cl);
	sqlite3_finalize(le);
	sqlite3_finalize(loan);
	sqlite3_finalize(ev);
	sqlite3_finalize(rsvp);
	sqlite3_finalize(msg);
	sqlite3_finalize(rep);
	exec("COMMIT; ANALYZE");
	sqlite3_close(db);
	t1 = seconds();
	fprintf(stderr, "bigdb: %d quartiers, %d residents, %d items,"
	    " %lld replies, %lld messages, %lld loans, %lld RSVPs in %.0f s\n",
	    nq, nr, ni, (long long)nreplies, (long long)nmail,
	    (long long)nloans, (long long)nrsvps, t1 - t0);

	/* The folded names and the search index, by the store's own code. */
	if (store_open(path, 0, &s, &err) != STORE_OK) {
		fprintf(stderr, "bigdb: %s: %s\n", path, err ? err : "?");
		return 1;
	}
	if (store_directory_rebuild(s) != STORE_OK) {
		fprintf(stderr, "bigdb: directory: %s\n", store_detail(s));
		return 1;
	}
	fprintf(stderr, "bigdb: folded names in %.1f s\n", seconds() - t1);
	t1 = seconds();
	if (store_search_rebuild(s) != STORE_OK) {
		fprintf(stderr, "bigdb: search index: %s\n", store_detail(s));
		return 1;
	}
	store_close(s);
	fprintf(stderr, "bigdb: search index in %.0f s; total %.0f s\n",
	    seconds() - t1, seconds() - t0);
	free(qcount);
	free(qres);
	free(rq);
	return 0;
}
