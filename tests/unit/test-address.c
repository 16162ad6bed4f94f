/*
 * test-address.c - bonnes adresses: listing by the number of neighbours
 * who recommend, recommending once (with a comment that can be edited
 * and withdrawn), "takes new patients" confirmed by anyone, the address
 * that looks like one already listed, a private person's consent, the
 * search index, reports and moderation, the upgrade from version 6, and
 * the viewer rule: nobody outside the quartier, pending or suspended sees
 * or changes anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quartier.h"
#include "store.h"
#include "tap.h"
#include "fixture.h"

static int64_t
address(const struct viewer *v, const char *kind, const char *name,
    const char *comment)
{
	struct address_new n = {
		.kind = kind, .name = name, .street = "rue de Zurich",
		.contact = "03 88 00 00 00", .trade = "plombier",
		.patients = PATIENTS_UNKNOWN, .person = PERSON_NO,
		.comment = comment,
	};
	int64_t id = 0;

	ck_assert_int_eq(store_address_add(st, v, &n, &id), STORE_OK);
	ck_assert_int_gt(id, 0);
	tick(1);
	return id;
}

static int
recommenders(const struct viewer *v, int64_t id)
{
	struct address a;
	int n;

	memset(&a, 0, sizeof a);
	ck_assert_int_eq(store_address_get(st, v, id, &a), STORE_OK);
	n = a.recommenders;
	address_clear(&a);
	return n;
}

static size_t
found(const struct viewer *v, const char *query)
{
	struct search_hit *list = NULL;
	size_t n = 0, i, here = 0;

	ck_assert_int_eq(store_search(st, v, query, 50, &list, &n), STORE_OK);
	for (i = 0; i < n; i++)
		here += list[i].board == SEARCH_ADDRESSES;
	search_hit_list_free(list, n);
	return here;
}

START_TEST(list_by_recommendations)
{
	struct wall_cursor after = { 0, 0 };
	struct address *list;
	int64_t plumber, baker, doctor, order[3];
	size_t n, i;
	int count;

	doctor = address(&marie, "doctor", "Dr Anne Muller", NULL);
	plumber = address(&marie, "artisan", "Plomberie Koenig", "Très bien.");
	baker = address(&karim, "shop", "Au Pain d'Antan", "Bon pain.");
	ck_assert_int_eq(store_address_recommend(st, &karim, plumber,
	    "Rapide.", NULL), STORE_OK);
	ck_assert_int_eq(recommenders(&karim, plumber), 2);
	ck_assert_int_eq(recommenders(&karim, baker), 1);
	ck_assert_int_eq(recommenders(&karim, doctor), 0);
	/* A page at a time, by key: the most recommended first. */
	order[0] = plumber;
	order[1] = baker;
	order[2] = doctor;
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(store_address_page(st, &karim, NULL, &after,
		    1, &list, &n), STORE_OK);
		ck_assert_uint_eq(n, 1);
		ck_assert_int_eq(list[0].id, order[i]);
		after.created_at = list[0].recommenders;
		after.id = list[0].id;
		address_list_free(list, n);
	}
	ck_assert_int_eq(store_address_page(st, &karim, NULL, &after, 1,
	    &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 0);
	free(list);
	/* One kind. */
	ck_assert_int_eq(store_address_page(st, &karim, "shop", NULL, 10,
	    &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(list[0].name, "Au Pain d'Antan");
	ck_assert(list[0].mine);
	ck_assert(list[0].recommended);
	address_list_free(list, n);
	ck_assert_int_eq(store_address_count(st, &karim, NULL, &count),
	    STORE_OK);
	ck_assert_int_eq(count, 3);
	ck_assert_int_eq(store_address_count(st, &karim, "artisan", &count),
	    STORE_OK);
	ck_assert_int_eq(count, 1);
}
END_TEST

START_TEST(recommend_once)
{
	struct reply *recs;
	int64_t id, reply = 0;
	size_t n;

	id = address(&marie, "artisan", "Plomberie Koenig", "Très bien.");
	ck_assert_int_eq(store_address_recommend(st, &marie, id, "Encore !",
	    NULL), STORE_DUPLICATE);
	ck_assert_int_eq(store_address_recommend(st, &karim, id, "Rapide.",
	    &reply), STORE_OK);
	ck_assert_int_eq(store_address_recommend(st, &karim, id, "Deux fois",
	    NULL), STORE_DUPLICATE);
	ck_assert_int_eq(recommenders(&karim, id), 2);
	/* An empty comment is refused, and nothing is written. */
	ck_assert_int_eq(store_address_withdraw(st, &karim, id), STORE_OK);
	ck_assert_int_eq(store_address_recommend(st, &karim, id, "  ", NULL),
	    STORE_INVALID);
	ck_assert_int_eq(recommenders(&karim, id), 1);
	ck_assert_int_eq(store_address_withdraw(st, &karim, id),
	    STORE_NOT_FOUND);
	/* Again, then the comment edited: who says what is shown. */
	ck_assert_int_eq(store_address_recommend(st, &karim, id, "Rapide.",
	    &reply), STORE_OK);
	ck_assert_int_eq(store_reply_edit(st, &karim, reply, "Rapide et "
	    "soigneux."), STORE_OK);
	ck_assert_int_eq(store_reply_list(st, &marie, id, 0, 10, &recs, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(recs[1].body, "Rapide et soigneux.");
	ck_assert_str_eq(recs[1].author_name, "karim");
	reply_list_free(recs, n);
	ck_assert_int_eq(recommenders(&marie, id), 2);
}
END_TEST

START_TEST(patients_confirmed_by_anyone)
{
	struct address a;
	int64_t doctor, shop;

	doctor = address(&marie, "doctor", "Dr Anne Muller", NULL);
	shop = address(&marie, "shop", "Épicerie", NULL);
	memset(&a, 0, sizeof a);
	ck_assert_int_eq(store_address_get(st, &karim, doctor, &a), STORE_OK);
	ck_assert_int_eq(a.patients, PATIENTS_UNKNOWN);
	ck_assert_int_eq(a.patients_at, 0);
	address_clear(&a);
	tick(3600);
	ck_assert_int_eq(store_address_patients(st, &karim, doctor,
	    PATIENTS_YES), STORE_OK);
	ck_assert_int_eq(store_address_get(st, &marie, doctor, &a), STORE_OK);
	ck_assert_int_eq(a.patients, PATIENTS_YES);
	ck_assert_int_eq(a.patients_at, clock_now);
	ck_assert_str_eq(a.patients_by, "karim");
	address_clear(&a);
	tick(86400);
	ck_assert_int_eq(store_address_patients(st, &marie, doctor,
	    PATIENTS_NO), STORE_OK);
	ck_assert_int_eq(store_address_get(st, &karim, doctor, &a), STORE_OK);
	ck_assert_int_eq(a.patients, PATIENTS_NO);
	ck_assert_int_eq(a.patients_at, clock_now);
	ck_assert_str_eq(a.patients_by, "marie");
	address_clear(&a);
	/* Not a doctor, or not an answer: refused. */
	ck_assert_int_eq(store_address_patients(st, &karim, shop,
	    PATIENTS_YES), STORE_INVALID);
	ck_assert_int_eq(store_address_patients(st, &karim, doctor,
	    PATIENTS_UNKNOWN), STORE_INVALID);
	ck_assert_int_eq(count_rows("addresses WHERE patients IS NOT NULL"),
	    1);
}
END_TEST

START_TEST(same_name_offered_first)
{
	int64_t id, found_id = -1, theirs;

	id = address(&marie, "doctor", "Dr Anne Müller", NULL);
	theirs = address(&nadia, "doctor", "Dr Paul Weber", NULL);
	ck_assert_int_eq(store_address_similar(st, &karim, "dr anne muller",
	    &found_id), STORE_OK);
	ck_assert_int_eq(found_id, id);
	ck_assert_int_eq(store_address_similar(st, &karim, "  DR. Anne  "
	    "MÜLLER ", &found_id), STORE_OK);
	ck_assert_int_eq(found_id, id);
	ck_assert_int_eq(store_address_similar(st, &karim, "Dr Anne",
	    &found_id), STORE_OK);
	ck_assert_int_eq(found_id, 0);
	/* Another quartier's is not "already listed" here. */
	ck_assert_int_eq(store_address_similar(st, &karim, "Dr Paul Weber",
	    &found_id), STORE_OK);
	ck_assert_int_eq(found_id, 0);
	ck_assert_int_eq(store_address_similar(st, &nadia, "dr paul weber",
	    &found_id), STORE_OK);
	ck_assert_int_eq(found_id, theirs);
}
END_TEST

START_TEST(private_person_needs_consent)
{
	struct address_new n = {
		.kind = "childcare", .name = "Léa Schneider",
		.street = "quai des Bateliers", .contact = "",
		.person = PERSON_NO,
	};
	struct address a;
	int64_t id = 0;
	int items = count_rows("items");

	ck_assert_int_eq(store_address_add(st, &marie, &n, &id),
	    STORE_INVALID);
	n.kind = "other";
	ck_assert_int_eq(store_address_add(st, &marie, &n, &id),
	    STORE_INVALID);
	ck_assert_int_eq(count_rows("items"), items);
	n.person = PERSON_AGREED;
	ck_assert_int_eq(store_address_add(st, &marie, &n, &id), STORE_OK);
	memset(&a, 0, sizeof a);
	ck_assert_int_eq(store_address_get(st, &karim, id, &a), STORE_OK);
	ck_assert_int_eq(a.person, PERSON_AGREED);
	address_clear(&a);
	/* Any kind may be a person listing themselves. */
	n.kind = "artisan";
	n.trade = "homme à tout faire";
	n.name = "Karim, petits travaux";
	n.person = PERSON_SELF;
	ck_assert_int_eq(store_address_add(st, &karim, &n, &id), STORE_OK);
	/* An artisan without a trade, a kind that does not exist. */
	n.trade = "";
	ck_assert_int_eq(store_address_add(st, &karim, &n, &id),
	    STORE_INVALID);
	n.kind = "casino";
	ck_assert_int_eq(store_address_add(st, &karim, &n, &id),
	    STORE_INVALID);
	ck_assert_int_eq(count_rows("items"), items + 2);
}
END_TEST

START_TEST(only_the_author_edits)
{
	struct address_new n = {
		.kind = "shop", .name = "Épicerie du coin", .street = "rue",
		.contact = "", .person = PERSON_NO,
	};
	struct address a;
	int64_t id;

	id = address(&marie, "shop", "Épicerie", "Bien.");
	ck_assert_int_eq(store_address_edit(st, &karim, id, &n),
	    STORE_DENIED);
	ck_assert_int_eq(store_address_delete(st, &karim, id), STORE_DENIED);
	ck_assert_int_eq(store_address_edit(st, &marie, id, &n), STORE_OK);
	memset(&a, 0, sizeof a);
	ck_assert_int_eq(store_address_get(st, &karim, id, &a), STORE_OK);
	ck_assert_str_eq(a.name, "Épicerie du coin");
	ck_assert_int_gt(a.updated_at, 0);
	address_clear(&a);
	ck_assert_int_eq(store_address_delete(st, &marie, id), STORE_OK);
	ck_assert_int_eq(store_address_get(st, &karim, id, &a),
	    STORE_NOT_FOUND);
}
END_TEST

START_TEST(search_reports_and_moderation)
{
	struct actor moderator;
	struct reply *recs;
	int64_t id, report = 0;
	size_t n;

	id = address(&marie, "artisan", "Plomberie Koenig", "Venu un "
	    "dimanche pour une fuite.");
	ck_assert_uint_eq(found(&karim, "koenig"), 1);
	ck_assert_uint_eq(found(&karim, "zurich"), 1);
	ck_assert_uint_eq(found(&karim, "plombier"), 1);
	ck_assert_uint_eq(found(&karim, "fuite"), 1);
	ck_assert_uint_eq(found(&nadia, "koenig"), 0);
	/* Reports on the address and on a recommendation. */
	ck_assert_int_eq(store_report(st, &karim, REPORT_ITEM, id, "Faux.",
	    &report), STORE_OK);
	ck_assert_int_eq(store_reply_list(st, &karim, id, 0, 10, &recs, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(store_report(st, &karim, REPORT_REPLY, recs[0].id,
	    "Publicité.", &report), STORE_OK);
	ck_assert_int_eq(store_report(st, &nadia, REPORT_ITEM, id, "?",
	    &report), STORE_NOT_FOUND);
	raw_exec(db_path, "UPDATE residents SET role = 'moderator'"
	    " WHERE handle = 'karim'");
	moderator.resident_id = karim.resident_id;
	moderator.name = NULL;
	ck_assert_int_eq(store_mod_hide(st, &moderator, REPORT_REPLY,
	    recs[0].id, "Publicité."), STORE_OK);
	reply_list_free(recs, n);
	ck_assert_uint_eq(found(&karim, "fuite"), 0);
	ck_assert_uint_eq(found(&karim, "koenig"), 1);
	ck_assert_int_eq(store_mod_hide(st, &moderator, REPORT_ITEM, id,
	    "Faux."), STORE_OK);
	ck_assert_uint_eq(found(&karim, "koenig"), 0);
	/* Hidden: only its author still sees it, and nobody recommends. */
	ck_assert_int_eq(recommenders(&marie, id), 1);
	ck_assert_int_eq(store_address_recommend(st, &karim, id, "Oui.",
	    NULL), STORE_NOT_FOUND);
	ck_assert_int_eq(count_rows("reports WHERE resolved_at IS NULL"), 0);
}
END_TEST

START_TEST(isolation_matrix)
{
	const struct viewer *outsiders[] = { &nadia, &hugo, &paul };
	struct address_new n = {
		.kind = "shop", .name = "Intrus", .street = "rue",
		.contact = "", .person = PERSON_NO,
	};
	struct address *list, a;
	int64_t id, theirs, new_id = 0, found_id;
	int items, replies, count;
	size_t i, k;

	id = address(&marie, "doctor", "Dr Anne Muller", "Très bien.");
	theirs = address(&nadia, "shop", "Épicerie de Neudorf", "Bien.");
	items = count_rows("items");
	replies = count_rows("replies");
	for (i = 0; i < 3; i++) {
		const struct viewer *v = outsiders[i];

		ck_assert_int_eq(store_address_page(st, v, NULL, NULL, 50,
		    &list, &k), STORE_OK);
		for (size_t j = 0; j < k; j++)
			ck_assert_int_ne(list[j].id, id);
		address_list_free(list, k);
		memset(&a, 0, sizeof a);
		ck_assert_int_eq(store_address_get(st, v, id, &a),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_address_edit(st, v, id, &n),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_address_delete(st, v, id),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_address_recommend(st, v, id, "Moi",
		    NULL), STORE_NOT_FOUND);
		ck_assert_int_eq(store_address_withdraw(st, v, id),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_address_patients(st, v, id,
		    PATIENTS_NO), STORE_NOT_FOUND);
		ck_assert_int_eq(store_address_similar(st, v,
		    "Dr Anne Muller", &found_id), STORE_OK);
		ck_assert_int_eq(found_id, 0);
		if (v != &nadia) {
			ck_assert_int_eq(store_address_count(st, v, NULL,
			    &count), STORE_OK);
			ck_assert_int_eq(count, 0);
			ck_assert_int_eq(store_address_add(st, v, &n,
			    &new_id), STORE_DENIED);
		}
	}
	ck_assert_int_eq(store_address_get(st, &karim, theirs, &a),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_address_recommend(st, &karim, theirs, "Moi",
	    NULL), STORE_NOT_FOUND);
	ck_assert_int_eq(store_address_count(st, &karim, NULL, &count),
	    STORE_OK);
	ck_assert_int_eq(count, 1);
	ck_assert_int_eq(count_rows("items"), items);
	ck_assert_int_eq(count_rows("replies"), replies);
	ck_assert_int_eq(count_rows("items WHERE updated_at IS NOT NULL"
	    " OR deleted_at IS NOT NULL"), 0);
	ck_assert_int_eq(count_rows("addresses WHERE patients != 'unknown'"),
	    0);
}
END_TEST

/*
 * A file of version 6 is upgraded: items take the kind 'address' (its
 * CHECK constraint widened in place), and still refuse unknown kinds.
 */
START_TEST(version_6_database_gets_addresses)
{
	char *err = NULL;
	int64_t id;

	add_resident("lea", krutenau, RESIDENT_VERIFIED);
	store_close(st);
	raw_exec(db_path, V10_UNDO V9_UNDO V8_UNDO V7_UNDO "PRAGMA user_version = 6");
	ck_assert_int_eq(count_rows("sqlite_schema WHERE name = 'addresses'"),
	    0);
	ck_assert_int_eq(count_rows("sqlite_schema WHERE name = 'items'"
	    " AND sql LIKE '%address%'"), 0);
	ck_assert_int_eq(store_open(db_path, 0, &st, &err), 0);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(count_rows("residents"), 6);
	id = address(&marie, "doctor", "Dr Anne Muller", "Bien.");
	ck_assert_int_eq(recommenders(&karim, id), 1);
	ck_assert_int_eq(count_rows("sqlite_schema WHERE name = 'poll_votes'"),
	    1);
	raw_exec(db_path, "PRAGMA integrity_check");
}
END_TEST

static Suite *
address_suite(void)
{
	Suite *s = suite_create("address");
	TCase *tc;

	tc = tcase_create("addresses");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, list_by_recommendations);
	tcase_add_test(tc, recommend_once);
	tcase_add_test(tc, patients_confirmed_by_anyone);
	tcase_add_test(tc, same_name_offered_first);
	tcase_add_test(tc, private_person_needs_consent);
	tcase_add_test(tc, only_the_author_edits);
	tcase_add_test(tc, search_reports_and_moderation);
	tcase_add_test(tc, version_6_database_gets_addresses);
	suite_add_tcase(s, tc);

	tc = tcase_create("isolation");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, isolation_matrix);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tap_run(address_suite());
}
