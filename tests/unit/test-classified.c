/*
 * test-classified.c - petites annonces: adding, listing with filters and
 * paging, the price rules and how prices are written, expiry and renewal,
 * what only authors may do, the search index, and the viewer rule:
 * nobody outside the quartier, pending or suspended sees or changes
 * anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quartier.h"
#include "store.h"
#include "tap.h"
#include "fixture.h"

#define DAYS	30

static int64_t
ad(const struct viewer *v, enum ad_kind kind, const char *category,
    const char *title, int64_t price)
{
	struct classified_new n = {
		.kind = kind, .category = category, .title = title,
		.body = "Description.", .price_cents = price,
	};
	int64_t id = 0;

	ck_assert_int_eq(store_classified_add(st, v, &n, DAYS, &id), STORE_OK);
	ck_assert_int_gt(id, 0);
	tick(1);
	return id;
}

/* How many ads V sees with F, counted both ways (they must agree). */
static int
seen(const struct viewer *v, const struct classified_filter *f)
{
	struct classified *list;
	size_t n;
	int count;

	ck_assert_int_eq(store_classified_page(st, v, f, NULL, 1000, &list,
	    &n), STORE_OK);
	classified_list_free(list, n);
	ck_assert_int_eq(store_classified_count(st, v, f, &count), STORE_OK);
	ck_assert_int_eq(count, (int)n);
	return count;
}

static const struct classified_filter all = { .kind = -1, .status = -1 };

START_TEST(add_and_get)
{
	struct classified c;
	int64_t id;

	id = ad(&marie, AD_SELL, "furniture", "Commode en chêne", 4550);
	ck_assert_int_eq(count_rows("items WHERE kind = 'classified'"), 1);
	ck_assert_int_eq(count_rows("classifieds"), 1);
	ck_assert_int_eq(store_classified_get(st, &karim, id, &c), STORE_OK);
	ck_assert_int_eq(c.kind, AD_SELL);
	ck_assert_str_eq(c.category, "furniture");
	ck_assert_str_eq(c.title, "Commode en chêne");
	ck_assert_str_eq(c.body, "Description.");
	ck_assert_int_eq(c.price_cents, 4550);
	ck_assert_int_eq(c.status, AD_AVAILABLE);
	ck_assert_str_eq(c.author_handle, "marie");
	ck_assert(!c.mine);
	ck_assert(!c.expired);
	ck_assert_int_eq(c.expires_at - c.created_at, DAYS * 86400);
	classified_clear(&c);
	ck_assert_int_eq(store_classified_get(st, &marie, id, &c), STORE_OK);
	ck_assert(c.mine);
	classified_clear(&c);
}
END_TEST

START_TEST(refused_ads_change_nothing)
{
	struct classified_new n = {
		.kind = AD_SELL, .category = "books", .title = "Livres",
		.body = "", .price_cents = 500,
	};
	char *big;

	n.title = "   ";
	ck_assert_int_eq(store_classified_add(st, &marie, &n, DAYS, NULL),
	    STORE_INVALID);
	n.title = "Livres";
	n.category = "cars";
	ck_assert_int_eq(store_classified_add(st, &marie, &n, DAYS, NULL),
	    STORE_INVALID);
	n.category = "books";
	n.price_cents = 0;	/* free is Giving away */
	ck_assert_int_eq(store_classified_add(st, &marie, &n, DAYS, NULL),
	    STORE_INVALID);
	ck_assert_ptr_nonnull(strstr(store_detail(st), "Giving away"));
	n.price_cents = -1;
	ck_assert_int_eq(store_classified_add(st, &marie, &n, DAYS, NULL),
	    STORE_INVALID);
	n.kind = AD_GIVE;
	n.price_cents = 300;
	ck_assert_int_eq(store_classified_add(st, &marie, &n, DAYS, NULL),
	    STORE_INVALID);
	n.kind = (enum ad_kind)7;
	ck_assert_int_eq(store_classified_add(st, &marie, &n, DAYS, NULL),
	    STORE_INVALID);
	n.kind = AD_WANTED;
	n.price_cents = 100000000;
	ck_assert_int_eq(store_classified_add(st, &marie, &n, DAYS, NULL),
	    STORE_INVALID);
	n.price_cents = -1;
	ck_assert_int_eq(store_classified_add(st, &marie, &n, 0, NULL),
	    STORE_INVALID);
	big = xmalloc(1024 * 1024 + 1);
	memset(big, 'a', 1024 * 1024);
	big[1024 * 1024] = '\0';
	n.body = big;
	ck_assert_int_eq(store_classified_add(st, &marie, &n, DAYS, NULL),
	    STORE_INVALID);
	free(big);
	n.body = "\xff\xfe";
	ck_assert_int_eq(store_classified_add(st, &marie, &n, DAYS, NULL),
	    STORE_INVALID);
	ck_assert_int_eq(count_rows("items"), 0);
	ck_assert_int_eq(count_rows("classifieds"), 0);
	ck_assert_int_eq(count_rows("search_rows"), 0);
	/* Giving and wanting without a price, wanting with a budget. */
	n.body = "";
	n.kind = AD_GIVE;
	ck_assert_int_eq(store_classified_add(st, &marie, &n, DAYS, NULL),
	    STORE_OK);
	n.kind = AD_WANTED;
	ck_assert_int_eq(store_classified_add(st, &marie, &n, DAYS, NULL),
	    STORE_OK);
	n.price_cents = 2000;
	ck_assert_int_eq(store_classified_add(st, &marie, &n, DAYS, NULL),
	    STORE_OK);
	ck_assert_int_eq(count_rows("classifieds WHERE price_cents IS NULL"),
	    2);
}
END_TEST

START_TEST(filters_by_kind_category_status)
{
	struct classified_filter f = all;
	int64_t sofa;

	sofa = ad(&marie, AD_SELL, "furniture", "Canapé", 8000);
	ad(&karim, AD_GIVE, "children", "Poussette", -1);
	ad(&karim, AD_WANTED, "diy", "Cherche scie sauteuse", -1);
	ad(&marie, AD_SELL, "books", "Romans", 200);
	ck_assert_int_eq(seen(&karim, &all), 4);
	f.kind = AD_SELL;
	ck_assert_int_eq(seen(&karim, &f), 2);
	f.kind = AD_GIVE;
	ck_assert_int_eq(seen(&karim, &f), 1);
	f.kind = -1;
	f.category = "books";
	ck_assert_int_eq(seen(&karim, &f), 1);
	f.category = "garden";
	ck_assert_int_eq(seen(&karim, &f), 0);
	f.category = NULL;

	/* Reserved stays in the default list; gone leaves it. */
	ck_assert_int_eq(store_classified_set_status(st, &marie, sofa,
	    AD_RESERVED), STORE_OK);
	ck_assert_int_eq(seen(&karim, &all), 4);
	f.status = AD_RESERVED;
	ck_assert_int_eq(seen(&karim, &f), 1);
	f.status = AD_AVAILABLE;
	ck_assert_int_eq(seen(&karim, &f), 3);
	ck_assert_int_eq(store_classified_set_status(st, &marie, sofa,
	    AD_GONE), STORE_OK);
	ck_assert_int_eq(seen(&karim, &all), 3);
	f.status = AD_GONE;
	ck_assert_int_eq(seen(&karim, &f), 1);
	f.status = -1;
	f.mine = true;
	ck_assert_int_eq(seen(&marie, &f), 1);	/* the books; sofa is gone */
	ck_assert_int_eq(seen(&karim, &f), 2);
}
END_TEST

START_TEST(paging_by_cursor)
{
	struct classified *page;
	struct wall_cursor at = { 0, 0 };
	int64_t ids[25], last = INT64_MAX;
	size_t n, total = 0, i;
	char title[32];

	for (i = 0; i < 25; i++) {
		snprintf(title, sizeof title, "Annonce %zu", i);
		ids[i] = ad(&marie, AD_GIVE, "other", title, -1);
	}
	for (;;) {
		ck_assert_int_eq(store_classified_page(st, &karim, &all, &at, 7,
		    &page, &n), STORE_OK);
		if (n == 0) {
			free(page);
			break;
		}
		for (i = 0; i < n; i++) {
			ck_assert_int_lt(page[i].id, last);
			last = page[i].id;
		}
		total += n;
		at.created_at = page[n - 1].created_at;
		at.id = page[n - 1].id;
		classified_list_free(page, n);
	}
	ck_assert_uint_eq(total, 25);
	ck_assert_int_eq(last, ids[0]);
}
END_TEST

/*
 * An ad still online behind more expired ones than a page is looked for
 * among (the newest 200) is on the first page all the same, as it is
 * in a filtered page and in the count.
 */
START_TEST(an_old_ad_online_is_found)
{
	struct classified_new n = { .kind = AD_GIVE, .category = "books",
	    .title = "Livres", .body = "Des romans.", .price_cents = -1 };
	struct classified_filter books = { .kind = -1, .category = "books",
	    .status = -1 };
	struct classified *page;
	int64_t old, id;
	size_t got;
	int i, count;

	old = ad(&marie, AD_GIVE, "books", "Encyclopédie", -1);
	n.category = "other";
	for (i = 0; i < 210; i++)
		ck_assert_int_eq(store_classified_add(st, &karim, &n, 1, &id),
		    STORE_OK);
	tick(2 * 86400);
	ck_assert_int_eq(store_classified_page(st, &nadia, &all, NULL, 20,
	    &page, &got), STORE_OK);
	ck_assert_uint_eq(got, 0);
	free(page);
	ck_assert_int_eq(store_classified_page(st, &karim, &all, NULL, 20,
	    &page, &got), STORE_OK);
	ck_assert_uint_eq(got, 1);
	ck_assert_int_eq(page[0].id, old);
	classified_list_free(page, got);
	ck_assert_int_eq(seen(&karim, &all), 1);
	ck_assert_int_eq(seen(&karim, &books), 1);
	ck_assert_int_eq(store_classified_count(st, &karim, &all, &count),
	    STORE_OK);
	ck_assert_int_eq(count, 1);
}
END_TEST

START_TEST(price_parse_table)
{
	static const struct {
		const char	*text;
		int64_t		 cents;		/* -2: refused */
	} cases[] = {
		{ "", -1 }, { "   ", -1 }, { "12", 1200 }, { "12,50", 1250 },
		{ "12.5", 1250 }, { "12 €", 1200 }, { "12€", 1200 },
		{ "€12", 1200 }, { "1 200", 120000 }, { "1 200,5 €", 120050 },
		{ "1\xc2\xa0" "200", 120000 }, { "0", 0 }, { " 7 ", 700 },
		{ "999 999,99", 99999999 }, { "0,05", 5 },
		{ "12,5x", -2 }, { "-3", -2 }, { "1,234", -2 }, { "1 000 000", -2 },
		{ "1000000 €", -2 }, { "12,", -2 }, { "1.200,50", -2 },
		{ "12 00", -2 }, { "1 2000", -2 }, { ",5", -2 }, { "€", -2 },
		{ "douze", -2 }, { "12 € 50", -2 },
		{ "99999999999999999999999", -2 },
	};
	const char *why;
	int64_t cents;
	size_t i;
	int rc;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rc = classified_price_parse(cases[i].text, &cents, &why);
		if (cases[i].cents == -2) {
			ck_assert_msg(rc == -1, "\"%s\" accepted", cases[i].text);
			ck_assert_ptr_nonnull(why);
			ck_assert_int_eq(cents, -1);
		} else {
			ck_assert_msg(rc == 0, "\"%s\" refused: %s",
			    cases[i].text, why);
			ck_assert_msg(cents == cases[i].cents, "\"%s\" gave %lld",
			    cases[i].text, (long long)cents);
		}
	}
}
END_TEST

START_TEST(price_format_by_language)
{
	char buf[64];

	language_apply(LANG_FR);
	classified_price_format(buf, sizeof buf, 1250);
	ck_assert_str_eq(buf, "12,50 €");
	classified_price_format(buf, sizeof buf, 1200);
	ck_assert_str_eq(buf, "12 €");
	classified_price_format(buf, sizeof buf, 120005);
	ck_assert_str_eq(buf, "1 200,05 €");
	classified_price_format(buf, sizeof buf, -1);
	ck_assert_str_eq(buf, "");
	language_apply(LANG_EN);
	classified_price_format(buf, sizeof buf, 1250);
	ck_assert_str_eq(buf, "€12.50");
	classified_price_format(buf, sizeof buf, 1200);
	ck_assert_str_eq(buf, "€12");
	classified_price_format(buf, sizeof buf, 123456700);
	ck_assert_str_eq(buf, "€1,234,567");
	language_apply(LANG_AUTO);
}
END_TEST

START_TEST(expiry_and_renewal)
{
	struct classified_filter mine = all;
	struct classified c;
	int64_t id;

	id = ad(&marie, AD_SELL, "garden", "Tondeuse", 6000);
	tick(DAYS * 86400 - 10);
	ck_assert_int_eq(seen(&karim, &all), 1);
	tick(10);
	/* Expired: gone for the others, kept for the author. */
	ck_assert_int_eq(seen(&karim, &all), 0);
	ck_assert_int_eq(seen(&marie, &all), 0);
	ck_assert_int_eq(store_classified_get(st, &karim, id, &c),
	    STORE_NOT_FOUND);
	mine.mine = true;
	ck_assert_int_eq(seen(&marie, &mine), 1);
	ck_assert_int_eq(store_classified_get(st, &marie, id, &c), STORE_OK);
	ck_assert(c.expired);
	classified_clear(&c);
	ck_assert_int_eq(count_rows("items WHERE deleted_at IS NULL"), 1);
	/* Only the author renews, and it comes back for another 30 days. */
	ck_assert_int_eq(store_classified_renew(st, &karim, id, DAYS),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_classified_renew(st, &marie, id, 0),
	    STORE_INVALID);
	ck_assert_int_eq(store_classified_renew(st, &marie, id, DAYS),
	    STORE_OK);
	ck_assert_int_eq(seen(&karim, &all), 1);
	ck_assert_int_eq(store_classified_get(st, &karim, id, &c), STORE_OK);
	ck_assert(!c.expired);
	classified_clear(&c);
	tick(DAYS * 86400 - 1);
	ck_assert_int_eq(seen(&karim, &all), 1);
	tick(1);
	ck_assert_int_eq(seen(&karim, &all), 0);
}
END_TEST

START_TEST(only_authors_change_ads)
{
	struct classified_new n = {
		.kind = AD_WANTED, .category = "electronics",
		.title = "Cherche écran", .body = "Un écran 24 pouces.",
		.price_cents = 5000,
	};
	struct classified c;
	int64_t id;

	id = ad(&marie, AD_SELL, "clothes", "Manteau", 2500);
	ck_assert_int_eq(store_classified_edit(st, &karim, id, &n),
	    STORE_DENIED);
	ck_assert_int_eq(store_classified_set_status(st, &karim, id,
	    AD_GONE), STORE_DENIED);
	ck_assert_int_eq(store_classified_renew(st, &karim, id, DAYS),
	    STORE_DENIED);
	ck_assert_int_eq(store_classified_delete(st, &karim, id),
	    STORE_DENIED);
	ck_assert_int_eq(store_classified_get(st, &karim, id, &c), STORE_OK);
	ck_assert_str_eq(c.title, "Manteau");
	ck_assert_int_eq(c.status, AD_AVAILABLE);
	ck_assert_int_eq(c.updated_at, 0);
	classified_clear(&c);

	ck_assert_int_eq(store_classified_edit(st, &marie, id, &n), STORE_OK);
	ck_assert_int_eq(store_classified_get(st, &karim, id, &c), STORE_OK);
	ck_assert_int_eq(c.kind, AD_WANTED);
	ck_assert_str_eq(c.category, "electronics");
	ck_assert_str_eq(c.title, "Cherche écran");
	ck_assert_int_eq(c.price_cents, 5000);
	ck_assert_int_gt(c.updated_at, 0);
	classified_clear(&c);
	/* A refused edit keeps the ad as it was. */
	n.title = "";
	ck_assert_int_eq(store_classified_edit(st, &marie, id, &n),
	    STORE_INVALID);
	ck_assert_int_eq(count_rows("items WHERE title = 'Cherche écran'"), 1);

	ck_assert_int_eq(store_classified_delete(st, &marie, id), STORE_OK);
	ck_assert_int_eq(store_classified_get(st, &karim, id, &c),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_classified_get(st, &marie, id, &c),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_classified_delete(st, &marie, id),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(count_rows("items WHERE deleted_at IS NOT NULL"), 1);
}
END_TEST

/* How many hits QUERY gives V. */
static size_t
found(const struct viewer *v, const char *query)
{
	struct search_hit *list = NULL;
	size_t n = 0;

	ck_assert_int_eq(store_search(st, v, query, 50, &list, &n), STORE_OK);
	search_hit_list_free(list, n);
	return n;
}

START_TEST(search_index_follows_ads)
{
	int64_t id;

	id = ad(&marie, AD_SELL, "children", "Vélo enfant", 3000);
	ck_assert_int_eq(count_rows("search_rows"), 1);
	ck_assert_uint_eq(found(&karim, "velo"), 1);
	ck_assert_int_eq(store_classified_edit(st, &marie, id,
	    &(struct classified_new){ .kind = AD_SELL, .category = "children",
	    .title = "Trottinette", .body = "", .price_cents = 1500 }),
	    STORE_OK);
	ck_assert_uint_eq(found(&karim, "velo"), 0);
	ck_assert_uint_eq(found(&karim, "trottinette"), 1);
	ck_assert_int_eq(store_classified_delete(st, &marie, id), STORE_OK);
	ck_assert_uint_eq(found(&karim, "trottinette"), 0);
	/* The row stays, empty, and no word counts it any more. */
	ck_assert_int_eq(count_rows("search_rows WHERE title != ''"
	    " OR body != ''"), 0);
	ck_assert_int_eq(count_rows("search_words WHERE row_count != 0"), 0);
}
END_TEST

START_TEST(new_since_previous_visit)
{
	struct classified *list;
	size_t n;

	ad(&marie, AD_SELL, "books", "Ancienne", 100);
	ck_assert_int_eq(store_board_visit(st, &karim, "classifieds"),
	    STORE_OK);
	tick(60);
	ad(&marie, AD_SELL, "books", "Nouvelle", 100);
	ad(&karim, AD_SELL, "books", "La mienne", 100);
	ck_assert_int_eq(store_board_visit(st, &karim, "classifieds"),
	    STORE_OK);
	ck_assert_int_eq(store_classified_page(st, &karim, &all, NULL, 10,
	    &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(list[0].title, "La mienne");
	ck_assert(!list[0].is_new);		/* one's own is never new */
	ck_assert(list[1].is_new);
	ck_assert(!list[2].is_new);
	classified_list_free(list, n);
}
END_TEST

/*
 * The isolation matrix: an ad of Krutenau, then every classifieds
 * function called by Nadia (Neudorf), Hugo (pending in Krutenau) and
 * Paul (suspended in Krutenau).  Each finds nothing and changes nothing.
 */
START_TEST(isolation_matrix)
{
	const struct viewer *outsiders[] = { &nadia, &hugo, &paul };
	struct classified_filter mine = all;
	struct classified_new n = {
		.kind = AD_SELL, .category = "other", .title = "Intrus",
		.body = "", .price_cents = 100,
	};
	struct classified *list, c;
	struct wall_cursor none = { 0, 0 };
	size_t count, i;
	int64_t id, theirs, new_id = 0;
	int items;

	id = ad(&marie, AD_SELL, "furniture", "Table", 5000);
	theirs = ad(&nadia, AD_GIVE, "books", "Livres de Neudorf", -1);
	items = count_rows("items");
	mine.mine = true;
	for (i = 0; i < 3; i++) {
		const struct viewer *v = outsiders[i];

		ck_assert_int_eq(store_classified_page(st, v, &all, &none, 50,
		    &list, &count), STORE_OK);
		for (size_t j = 0; j < count; j++)
			ck_assert_int_ne(list[j].id, id);
		classified_list_free(list, count);
		ck_assert_int_eq(store_classified_get(st, v, id, &c),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_classified_edit(st, v, id, &n),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_classified_set_status(st, v, id,
		    AD_GONE), STORE_NOT_FOUND);
		ck_assert_int_eq(store_classified_renew(st, v, id, DAYS),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_classified_delete(st, v, id),
		    STORE_NOT_FOUND);
		if (v != &nadia) {
			ck_assert_int_eq(seen(v, &all), 0);
			ck_assert_int_eq(seen(v, &mine), 0);
			ck_assert_int_eq(store_classified_add(st, v, &n, DAYS,
			    &new_id), STORE_DENIED);
		}
	}
	/* Nadia sees her own quartier's only; Krutenau never sees hers. */
	ck_assert_int_eq(seen(&nadia, &all), 1);
	ck_assert_int_eq(seen(&karim, &all), 1);
	ck_assert_int_eq(store_classified_get(st, &karim, theirs, &c),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_classified_set_status(st, &karim, theirs,
	    AD_GONE), STORE_NOT_FOUND);
	ck_assert_int_eq(store_classified_get(st, &karim, id + 1000, &c),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(count_rows("items"), items);
	ck_assert_int_eq(count_rows("items WHERE updated_at IS NOT NULL"
	    " OR deleted_at IS NOT NULL"), 0);
	ck_assert_int_eq(count_rows("classifieds WHERE status != 'available'"),
	    0);
	ck_assert_int_eq(count_rows("classifieds WHERE expires_at - "
	    "(SELECT created_at FROM items WHERE id = item_id) != 30 * 86400"),
	    0);
}
END_TEST

static Suite *
classified_suite(void)
{
	Suite *s = suite_create("classified");
	TCase *tc;

	tc = tcase_create("ads");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	/* Hundreds of ads written one by one (an_old_ad_online_is_found):
	 * more than Check's 4 s under sanitizers on a busy machine. */
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, add_and_get);
	tcase_add_test(tc, refused_ads_change_nothing);
	tcase_add_test(tc, filters_by_kind_category_status);
	tcase_add_test(tc, paging_by_cursor);
	tcase_add_test(tc, an_old_ad_online_is_found);
	tcase_add_test(tc, expiry_and_renewal);
	tcase_add_test(tc, only_authors_change_ads);
	tcase_add_test(tc, search_index_follows_ads);
	tcase_add_test(tc, new_since_previous_visit);
	suite_add_tcase(s, tc);

	tc = tcase_create("prices");
	tcase_add_test(tc, price_parse_table);
	tcase_add_test(tc, price_format_by_language);
	suite_add_tcase(s, tc);

	tc = tcase_create("isolation");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, isolation_matrix);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tap_run(classified_suite());
}
