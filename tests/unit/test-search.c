/*
 * test-search.c - one search over the boards: folding (case, accents,
 * ligatures), prefixes, several words, replies, ranking by board, the
 * index in step with every write, no query syntax leaking through, and
 * the viewer rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quartier.h"
#include "store.h"
#include "tap.h"
#include "fixture.h"

static int64_t
post(const struct viewer *v, const char *title, const char *body)
{
	int64_t id = 0;

	ck_assert_int_eq(store_wall_add(st, v, "info", title, body, NULL, &id),
	    STORE_OK);
	tick(1);
	return id;
}

/* How many hits QUERY gives V; the first one in *FIRST when asked. */
static size_t
hits(const struct viewer *v, const char *query, struct search_hit *first)
{
	struct search_hit *list = NULL;
	size_t n = 0;

	ck_assert_int_eq(store_search(st, v, query, 50, &list, &n), STORE_OK);
	if (first != NULL) {
		memset(first, 0, sizeof *first);
		if (n > 0) {
			first->item_id = list[0].item_id;
			first->reply_id = list[0].reply_id;
			first->board = list[0].board;
		}
	}
	search_hit_list_free(list, n);
	return n;
}

START_TEST(accents_case_and_ligatures_do_not_matter)
{
	int64_t id;
	struct search_hit h;

	id = post(&marie, "Réunion des élèves", "Pour le spectacle de Noël, "
	    "chaque ŒUVRE compte. Straße fermée.");
	ck_assert_uint_eq(hits(&karim, "eleve", &h), 1);
	ck_assert_int_eq(h.item_id, id);
	ck_assert_int_eq(h.board, SEARCH_WALL);
	ck_assert_int_eq(h.reply_id, 0);
	ck_assert_uint_eq(hits(&karim, "ÉLÈVES", NULL), 1);
	ck_assert_uint_eq(hits(&karim, "Noel", NULL), 1);
	ck_assert_uint_eq(hits(&karim, "noël", NULL), 1);
	ck_assert_uint_eq(hits(&karim, "oeuvre", NULL), 1);
	ck_assert_uint_eq(hits(&karim, "œuvre", NULL), 1);
	ck_assert_uint_eq(hits(&karim, "strasse", NULL), 1);
	ck_assert_uint_eq(hits(&karim, "piscine", NULL), 0);
}
END_TEST

START_TEST(prefixes_and_every_word)
{
	post(&marie, "Perceuse à prêter", "Une perceuse Bosch, avec mèches.");
	post(&karim, "Échelle", "Une échelle de 3 mètres.");
	ck_assert_uint_eq(hits(&karim, "perc", NULL), 1);
	/* Several words: only what has all of them. */
	ck_assert_uint_eq(hits(&karim, "perceuse bosch", NULL), 1);
	ck_assert_uint_eq(hits(&karim, "perceuse echelle", NULL), 0);
	ck_assert_uint_eq(hits(&karim, "une", NULL), 2);
}
END_TEST

/* A reply is found; the hit opens its post. */
START_TEST(replies_are_found_with_their_post)
{
	int64_t id, reply;
	struct search_hit h;

	id = post(&marie, "Chat perdu", "Gris, rue de Zurich.");
	ck_assert_int_eq(store_reply_add(st, &karim, id, "Vu près de la "
	    "boulangerie Schmitt ce matin.", NULL, &reply), STORE_OK);
	ck_assert_uint_eq(hits(&marie, "boulangerie", &h), 1);
	ck_assert_int_eq(h.item_id, id);
	ck_assert_int_eq(h.reply_id, reply);
	/* The post and its reply both match: one hit for the post. */
	ck_assert_uint_eq(hits(&marie, "chat", NULL), 1);
	ck_assert_int_eq(store_reply_edit(st, &karim, reply, "Vu au parc."),
	    STORE_OK);
	ck_assert_uint_eq(hits(&marie, "boulangerie", NULL), 0);
	ck_assert_uint_eq(hits(&marie, "parc", NULL), 1);
	ck_assert_int_eq(store_reply_delete(st, &karim, reply), STORE_OK);
	ck_assert_uint_eq(hits(&marie, "parc", NULL), 0);
}
END_TEST

START_TEST(index_follows_edits_and_deletes)
{
	int64_t id;

	id = post(&marie, "Vide-grenier", "Dimanche, place du marché.");
	ck_assert_uint_eq(hits(&karim, "grenier", NULL), 1);
	ck_assert_int_eq(store_wall_edit(st, &marie, id, "info", "Brocante",
	    "Samedi."), STORE_OK);
	ck_assert_uint_eq(hits(&karim, "grenier", NULL), 0);
	ck_assert_uint_eq(hits(&karim, "brocante", NULL), 1);
	ck_assert_int_eq(store_wall_delete(st, &marie, id), STORE_OK);
	ck_assert_uint_eq(hits(&karim, "brocante", NULL), 0);
	/* Its row stays, empty (were it restored, it would keep its place
	 * among the newest), and no word counts it. */
	ck_assert_int_eq(count_rows("search_rows"), 1);
	ck_assert_int_eq(count_rows("search_rows WHERE title != ''"
	    " OR body != ''"), 0);
	ck_assert_int_eq(count_rows("search_words WHERE row_count != 0"), 0);
}
END_TEST

/* Hidden by moderation: never found, even if a row were left behind. */
START_TEST(hidden_items_are_never_found)
{
	post(&marie, "Annonce douteuse", "Texte.");
	ck_assert_uint_eq(hits(&karim, "douteuse", NULL), 1);
	raw_exec(db_path, "UPDATE items SET hidden_at = 1");
	ck_assert_uint_eq(hits(&karim, "douteuse", NULL), 0);
}
END_TEST

/* Whatever is typed is words, never FTS5 syntax. */
START_TEST(query_syntax_is_only_words)
{
	struct search_hit *list = NULL;
	size_t n = 0;
	static const char *const queries[] = {
		"\"perceuse", "perceuse)", "scope:q2", "* OR NOT", "NEAR(a b)",
		"{title}: x", "a\"b'c", "^perc", "-- ;DROP TABLE search",
	};
	size_t i;

	post(&marie, "Perceuse", "Texte.");
	post(&nadia, "Scope neudorf", "q2 perceuse");
	for (i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		ck_assert_int_eq(store_search(st, &karim, queries[i], 50, &list,
		    &n), STORE_OK);
		search_hit_list_free(list, n);
	}
	/* "scope:q2" is the words "scope" and "q2": nothing of Neudorf. */
	ck_assert_uint_eq(hits(&karim, "scope q2", NULL), 0);
	ck_assert_int_eq(store_search(st, &karim, "  ?! ", 50, &list, &n),
	    STORE_INVALID);
	ck_assert_int_eq(store_search(st, &karim, "", 50, &list, &n),
	    STORE_INVALID);
	ck_assert_int_eq(store_search(st, &karim, "\xff\xfe", 50, &list, &n),
	    STORE_INVALID);
}
END_TEST

START_TEST(only_the_viewers_quartier)
{
	post(&marie, "Fête de la Krutenau", "Texte.");
	post(&nadia, "Fête du Neudorf", "Texte.");
	ck_assert_uint_eq(hits(&karim, "fete", NULL), 1);
	ck_assert_uint_eq(hits(&nadia, "fete", NULL), 1);
	ck_assert_uint_eq(hits(&nadia, "krutenau", NULL), 0);
	/* Pending and suspended residents find nothing at all. */
	ck_assert_uint_eq(hits(&hugo, "fete", NULL), 0);
	ck_assert_uint_eq(hits(&paul, "fete", NULL), 0);
}
END_TEST

/*
 * The index itself holds each word inside its quartier: a word or a
 * prefix of any length from another quartier is never found, whether
 * the prefix is read from a prefix index (one or two letters), expanded
 * into the quartier's words, or, with too many of them, read whole.
 */
START_TEST(prefixes_stay_in_their_quartier)
{
	static const char *const prefixes[] = { "x", "xy", "xyl", "xylo",
	    "xylophone", "z", "ze", "zeb" };
	char body[2048], *sql;
	size_t i, len = 0;

	post(&marie, "Xylophone zébré", "Texte.");
	post(&nadia, "Xylographie", "Zéphyr.");
	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		ck_assert_msg(hits(&karim, prefixes[i], NULL) == 1,
		    "\"%s\" in Krutenau", prefixes[i]);
		ck_assert_msg(hits(&nadia, prefixes[i], NULL) ==
		    (i == 4 || i == 7 ? 0u : 1u), "\"%s\" in Neudorf",
		    prefixes[i]);
	}
	ck_assert_uint_eq(hits(&nadia, "xylog", NULL), 1);
	ck_assert_uint_eq(hits(&karim, "xylog", NULL), 0);
	/* Forty words of one prefix in each quartier: more than a prefix is
	 * expanded into. */
	for (i = 0; i < 40; i++)
		len += (size_t)snprintf(body + len, sizeof body - len,
		    "pra%c%c ", 'a' + (int)(i / 26), 'a' + (int)(i % 26));
	post(&marie, "Liste", body);
	ck_assert_uint_eq(hits(&karim, "pra", NULL), 1);
	ck_assert_uint_eq(hits(&karim, "prab", NULL), 1);
	ck_assert_uint_eq(hits(&nadia, "pra", NULL), 0);
	ck_assert_uint_eq(hits(&nadia, "prab", NULL), 0);
	for (i = 0, len = 0; i < 40; i++)
		len += (size_t)snprintf(body + len, sizeof body - len,
		    "pre%c%c ", 'a' + (int)(i / 26), 'a' + (int)(i % 26));
	post(&nadia, "Liste", body);
	ck_assert_uint_eq(hits(&karim, "pre", NULL), 0);
	ck_assert_uint_eq(hits(&nadia, "pre", NULL), 1);
	ck_assert_uint_eq(hits(&nadia, "pra", NULL), 0);
	/* In the index, Neudorf's mark holds none of Krutenau's words. */
	sql = xasprintf("search WHERE search MATCH '\"%05lld:xylop\"*'",
	    (long long)krutenau);
	ck_assert_int_eq(count_rows(sql), 1);
	free(sql);
	sql = xasprintf("search WHERE search MATCH '\"%05lld:xylop\"*'",
	    (long long)neudorf);
	ck_assert_int_eq(count_rows(sql), 0);
	free(sql);
	/* A text without a mark gives no word at all. */
	ck_assert_int_eq(count_rows("search WHERE search MATCH 'xylophone'"),
	    0);
}
END_TEST

/*
 * Within a board, the best match first (a word of the title weighs more
 * than one of the body), then the newest among equals.
 */
START_TEST(best_then_newest)
{
	struct search_hit *list = NULL;
	int64_t old_body, title, new_body;
	size_t n = 0;

	old_body = post(&marie, "Annonce", "Un jardin partagé rue de Zurich.");
	title = post(&karim, "Jardin partagé", "Rue de Zurich.");
	new_body = post(&marie, "Annonce", "Un jardin partagé rue de Zurich.");
	ck_assert_int_eq(store_search(st, &karim, "jardin", 50, &list, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(list[0].item_id, title);
	ck_assert_int_eq(list[1].item_id, new_body);
	ck_assert_int_eq(list[2].item_id, old_body);
	search_hit_list_free(list, n);
}
END_TEST

/*
 * Results come grouped by board (wall, classifieds, lending, events); an
 * expired ad is not found.  The items are written straight into the file
 * and the index rebuilt, as a migration does.
 */
START_TEST(grouped_by_board_and_rebuilt)
{
	struct search_hit *list = NULL;
	size_t n = 0;
	char *sql;

	sql = xasprintf("INSERT INTO items (id, quartier_id, author_id, kind,"
	    " category, title, body, created_at, last_activity_at) VALUES"
	    " (101, %lld, %lld, 'event', 'event', 'Vélo en fête', 'x', 1, 1),"
	    " (102, %lld, %lld, 'classified', 'other', 'Vélo enfant', 'x', 1, 1),"
	    " (103, %lld, %lld, 'lending', 'object', 'Vélo cargo', 'x', 1, 1),"
	    " (104, %lld, %lld, 'post', 'info', 'Vélo volé', 'x', 1, 1),"
	    " (105, %lld, %lld, 'classified', 'other', 'Vélo ancien', 'x', 1, 1);"
	    " INSERT INTO events (item_id, starts_at, place) VALUES"
	    " (101, 2, 'Place Saint-Étienne');"
	    " INSERT INTO classifieds (item_id, ad_kind, expires_at) VALUES"
	    " (102, 'give', %lld), (105, 'give', 10);",
	    (long long)krutenau, (long long)marie.resident_id,
	    (long long)krutenau, (long long)marie.resident_id,
	    (long long)krutenau, (long long)marie.resident_id,
	    (long long)krutenau, (long long)marie.resident_id,
	    (long long)krutenau, (long long)marie.resident_id,
	    (long long)(clock_now + 86400));
	raw_exec(db_path, sql);
	free(sql);
	ck_assert_uint_eq(hits(&karim, "velo", NULL), 0);
	ck_assert_int_eq(store_search_rebuild(st), STORE_OK);
	ck_assert_int_eq(store_search(st, &karim, "velo", 50, &list, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(list[0].board, SEARCH_WALL);
	ck_assert_int_eq(list[1].board, SEARCH_CLASSIFIEDS);
	ck_assert_int_eq(list[1].item_id, 102);
	ck_assert_int_eq(list[2].board, SEARCH_LENDING);
	ck_assert_int_eq(list[3].board, SEARCH_EVENTS);
	search_hit_list_free(list, n);
	/* An event is found by its place too. */
	ck_assert_uint_eq(hits(&karim, "etienne", NULL), 1);
}
END_TEST

/* The excerpt is the original text around the first matching word. */
START_TEST(excerpt_shows_the_words_found)
{
	struct search_hit *list = NULL;
	size_t n = 0;

	post(&marie, "Cours", "Bonjour à tous.\nJe donne des cours de "
	    "guitare aux élèves débutants, le mercredi après-midi, dans la "
	    "salle paroissiale.");
	ck_assert_int_eq(store_search(st, &karim, "eleves", 50, &list, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_nonnull(strstr(list[0].excerpt, "élèves débutants"));
	ck_assert_ptr_null(strchr(list[0].excerpt, '\n'));
	search_hit_list_free(list, n);
}
END_TEST

/* A database of version 2 gets its index when upgraded. */
START_TEST(upgrade_builds_the_index)
{
	char *err = NULL;

	post(&marie, "Potager partagé", "Texte.");
	store_close(st);
	/* What versions 3 to 6 added. */
	raw_exec(db_path, V10_UNDO V9_UNDO V8_UNDO V7_UNDO V6_UNDO V5_UNDO "DROP INDEX residents_directory;"
	    "DROP INDEX messages_quartier;"
	    "ALTER TABLE residents DROP COLUMN name_folded;"
	    "CREATE INDEX residents_quartier ON residents(quartier_id, status);"
	    "DROP INDEX residents_status; DROP INDEX messages_about;"
	    "DROP INDEX reports_target; DROP INDEX reports_unresolved;"
	    "DROP INDEX live_sessions_seen; DROP INDEX read_marks_item;"
	    "DROP TABLE search; DROP INDEX loans_lender;"
	    "ALTER TABLE loans DROP COLUMN lender_id;"
	    "ALTER TABLE loans DROP COLUMN reminded_at;"
	    "ALTER TABLE events DROP COLUMN cancel_reason;"
	    "ALTER TABLE messages DROP COLUMN hidden_by;"
	    "ALTER TABLE messages DROP COLUMN hidden_reason;"
	    "PRAGMA user_version = 2");
	ck_assert_int_eq(store_open(db_path, 0, &st, &err), 0);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_uint_eq(hits(&karim, "potager", NULL), 1);
}
END_TEST

/* WORD is in ROWS rows of QUARTIER, says search_words. */
static void
assert_word_rows(const char *word, int64_t quartier, int rows)
{
	char *sql = xasprintf("search_words WHERE word = '%s'"
	    " AND quartier_id = %lld AND row_count = %d", word,
	    (long long)quartier, rows);

	ck_assert_msg(count_rows(sql) == 1, "%s", sql);
	free(sql);
}

/*
 * A database of version 4 (an index of rows numbered by item and reply,
 * with the quartier as a word of its own) gets the index of version 6
 * when opened: what was visible is found, in its quartier only; what
 * was deleted is not.
 */
START_TEST(version_4_index_rebuilt)
{
	struct search_hit *list = NULL;
	int64_t older, newer, gone, reply;
	char *err = NULL;
	size_t n = 0;

	older = post(&marie, "Potager partagé", "Tomates et courgettes.");
	newer = post(&karim, "Potager", "Tomates cerises.");
	ck_assert_int_eq(store_reply_add(st, &karim, older, "Des tomates "
	    "pour tout le monde.", NULL, &reply), STORE_OK);
	gone = post(&marie, "Tomates à donner", "Texte.");
	ck_assert_int_eq(store_wall_delete(st, &marie, gone), STORE_OK);
	post(&nadia, "Tomates du Neudorf", "Texte.");
	store_close(st);
	raw_exec(db_path, V10_UNDO V9_UNDO V8_UNDO V7_UNDO V6_UNDO V5_UNDO "PRAGMA user_version = 4");
	ck_assert_int_eq(count_rows("sqlite_schema"
	    " WHERE name = 'search_rows'"), 0);
	ck_assert_int_eq(store_open(db_path, 0, &st, &err), 0);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(store_search(st, &karim, "tomates", 50, &list, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert(list[0].item_id != list[1].item_id);
	ck_assert(list[0].item_id == older || list[0].item_id == newer);
	ck_assert(list[1].item_id == older || list[1].item_id == newer);
	search_hit_list_free(list, n);
	ck_assert_uint_eq(hits(&karim, "monde", NULL), 1);
	ck_assert_uint_eq(hits(&karim, "donner", NULL), 0);
	ck_assert_uint_eq(hits(&karim, "neudorf", NULL), 0);
	ck_assert_uint_eq(hits(&nadia, "tomates", NULL), 1);
	/* Each word counted once per row that holds it, per quartier. */
	assert_word_rows("tomates", krutenau, 3);
	assert_word_rows("tomates", neudorf, 1);
	/* And the index goes on following what is written. */
	post(&marie, "Tomates vertes", "Texte.");
	ck_assert_uint_eq(hits(&karim, "tomates", NULL), 3);
	assert_word_rows("tomates", krutenau, 4);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("search");
	TCase *tc = tcase_create("search");

	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	/* The upgrades rebuild the index: more than Check's 4 s under
	 * sanitizers on a busy machine. */
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, accents_case_and_ligatures_do_not_matter);
	tcase_add_test(tc, prefixes_and_every_word);
	tcase_add_test(tc, replies_are_found_with_their_post);
	tcase_add_test(tc, index_follows_edits_and_deletes);
	tcase_add_test(tc, hidden_items_are_never_found);
	tcase_add_test(tc, query_syntax_is_only_words);
	tcase_add_test(tc, only_the_viewers_quartier);
	tcase_add_test(tc, prefixes_stay_in_their_quartier);
	tcase_add_test(tc, best_then_newest);
	tcase_add_test(tc, grouped_by_board_and_rebuilt);
	tcase_add_test(tc, excerpt_shows_the_words_found);
	tcase_add_test(tc, upgrade_builds_the_index);
	tcase_add_test(tc, version_4_index_rebuilt);
	suite_add_tcase(s, tc);
	return tap_run(s);
}
