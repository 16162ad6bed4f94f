/*
 * test-poll.c - polls on items: the rules of a new poll, one vote per
 * resident that can be changed until the poll closes, results only after
 * voting or closing, and the secret: no function gives anyone another
 * resident's choices, moderators included, and no statement of the store
 * could.  The isolation matrix covers polls as every board.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quartier.h"
#include "store.h"
#include "tap.h"
#include "fixture.h"

static int64_t
post(const struct viewer *v)
{
	int64_t id = 0;

	ck_assert_int_eq(store_wall_add(st, v, "info", "Vide-grenier",
	    "Quel samedi ?", NULL, &id), STORE_OK);
	return id;
}

static int64_t
new_poll(const struct viewer *v, bool multiple, int64_t closes_at)
{
	struct poll_new p = {
		.choices = { "Le premier samedi", "Le deuxième", "Le dernier" },
		.n = 3, .multiple = multiple, .closes_at = closes_at,
	};
	int64_t id = post(v);

	ck_assert_int_eq(store_poll_create(st, v, id, &p), STORE_OK);
	return id;
}

static void
get(const struct viewer *v, int64_t id, struct poll *p)
{
	ck_assert_int_eq(store_poll_get(st, v, id, p), STORE_OK);
}

static void
vote(const struct viewer *v, int64_t id, size_t choice)
{
	struct poll p;
	int64_t c;

	get(v, id, &p);
	c = p.choice[choice].id;
	poll_clear(&p);
	ck_assert_int_eq(store_poll_vote(st, v, id, &c, 1), STORE_OK);
}

START_TEST(new_poll_rules)
{
	struct poll_new p = {
		.choices = { "Oui", "Non", "Peut-être", "4", "5", "6", "7", "8" },
	};
	int64_t id = post(&marie);

	p.n = 1;
	ck_assert_int_eq(store_poll_create(st, &marie, id, &p), STORE_INVALID);
	p.n = 9;
	ck_assert_int_eq(store_poll_create(st, &marie, id, &p), STORE_INVALID);
	p.n = 2;
	p.choices[1] = " Oui ";
	ck_assert_int_eq(store_poll_create(st, &marie, id, &p), STORE_INVALID);
	p.choices[1] = "Non";
	p.closes_at = clock_now - 1;
	ck_assert_int_eq(store_poll_create(st, &marie, id, &p), STORE_INVALID);
	p.closes_at = 0;
	ck_assert_int_eq(store_poll_create(st, &karim, id, &p), STORE_DENIED);
	ck_assert_int_eq(store_poll_create(st, &nadia, id, &p), STORE_DENIED);
	ck_assert_int_eq(count_rows("polls"), 0);
	ck_assert_int_eq(count_rows("poll_choices"), 0);
	p.n = 8;
	ck_assert_int_eq(store_poll_create(st, &marie, id, &p), STORE_OK);
	ck_assert_int_eq(store_poll_create(st, &marie, id, &p), STORE_DENIED);
	ck_assert_int_eq(count_rows("poll_choices"), 8);
}
END_TEST

START_TEST(one_vote_that_changes)
{
	struct poll p;
	int64_t id = new_poll(&marie, false, 0), two[2];

	vote(&marie, id, 0);
	vote(&karim, id, 1);
	get(&marie, id, &p);
	ck_assert(p.voted && p.results);
	ck_assert_int_eq(p.voters, 2);
	ck_assert_int_eq(p.choice[0].votes, 1);
	ck_assert_int_eq(p.choice[1].votes, 1);
	ck_assert(p.choice[0].mine && !p.choice[1].mine);
	two[0] = p.choice[0].id;
	two[1] = p.choice[1].id;
	poll_clear(&p);
	/* Changed, not added: still one vote each. */
	vote(&marie, id, 1);
	get(&karim, id, &p);
	ck_assert_int_eq(p.voters, 2);
	ck_assert_int_eq(p.choice[0].votes, 0);
	ck_assert_int_eq(p.choice[1].votes, 2);
	poll_clear(&p);
	ck_assert_int_eq(count_rows("poll_votes"), 2);
	/* One answer only here; nothing, or an answer of no poll. */
	ck_assert_int_eq(store_poll_vote(st, &marie, id, two, 2),
	    STORE_INVALID);
	ck_assert_int_eq(store_poll_vote(st, &marie, id, two, 0),
	    STORE_INVALID);
	two[0] = 9999;
	ck_assert_int_eq(store_poll_vote(st, &marie, id, two, 1),
	    STORE_INVALID);
	ck_assert_int_eq(count_rows("poll_votes"), 2);
}
END_TEST

START_TEST(several_answers)
{
	struct poll p;
	int64_t id = new_poll(&marie, true, 0), ids[3];

	get(&karim, id, &p);
	ids[0] = p.choice[0].id;
	ids[1] = p.choice[2].id;
	ids[2] = p.choice[0].id;
	poll_clear(&p);
	ck_assert_int_eq(store_poll_vote(st, &karim, id, ids, 3),
	    STORE_INVALID);
	ck_assert_int_eq(store_poll_vote(st, &karim, id, ids, 2), STORE_OK);
	get(&karim, id, &p);
	ck_assert_int_eq(p.voters, 1);
	ck_assert_int_eq(p.choice[0].votes, 1);
	ck_assert_int_eq(p.choice[1].votes, 0);
	ck_assert_int_eq(p.choice[2].votes, 1);
	ck_assert(p.choice[0].mine && p.choice[2].mine);
	poll_clear(&p);
}
END_TEST

START_TEST(results_after_voting_or_closing)
{
	struct poll p;
	int64_t id = new_poll(&marie, false, clock_now + 86400), c;
	int64_t lea = add_resident("lea", krutenau, RESIDENT_VERIFIED);
	struct viewer lv = { lea };

	vote(&marie, id, 2);
	vote(&karim, id, 2);
	/* Léa has not voted: the choices, no counts. */
	get(&lv, id, &p);
	ck_assert(!p.voted && !p.results && !p.closed);
	ck_assert_int_eq(p.voters, 0);
	ck_assert_int_eq(p.choice[2].votes, 0);
	c = p.choice[0].id;
	poll_clear(&p);
	tick(86400);
	get(&lv, id, &p);
	ck_assert(p.closed && p.results && !p.voted);
	ck_assert_int_eq(p.voters, 2);
	ck_assert_int_eq(p.choice[2].votes, 2);
	poll_clear(&p);
	ck_assert_int_eq(store_poll_vote(st, &lv, id, &c, 1), STORE_DENIED);
	ck_assert_int_eq(count_rows("poll_votes"), 2);
}
END_TEST

/*
 * A moderator sees the counts before voting, and never whose they are:
 * "mine" is their own choice only.
 */
START_TEST(moderators_see_counts_only)
{
	struct poll p;
	int64_t id = new_poll(&karim, false, 0);
	size_t i;

	vote(&karim, id, 0);
	raw_exec(db_path, "UPDATE residents SET role = 'moderator'"
	    " WHERE handle = 'marie'");
	get(&marie, id, &p);
	ck_assert(p.results && !p.voted);
	ck_assert_int_eq(p.voters, 1);
	ck_assert_int_eq(p.choice[0].votes, 1);
	for (i = 0; i < p.n; i++)
		ck_assert(!p.choice[i].mine);
	poll_clear(&p);
}
END_TEST

/* The text of FILE under the source tree, whole. */
static char *
source(const char *file)
{
	const char *top = getenv("top_srcdir");
	char *path = xasprintf("%s/%s", top != NULL ? top : ".", file);
	FILE *f = fopen(path, "r");
	char *text = xcalloc(1, 1 << 20);
	size_t n;

	ck_assert_msg(f != NULL, "cannot read %s", path);
	n = fread(text, 1, (1 << 20) - 1, f);
	text[n] = '\0';
	fclose(f);
	free(path);
	return text;
}

/*
 * Every statement of store-poll.c that names poll_votes either counts
 * (count( just before it), writes the viewer's own vote, or looks only
 * at the viewer's rows (resident_id = :viewer before its subquery
 * closes): none returns who voted what.  The screens and the console
 * never name the table at all.
 */
START_TEST(no_statement_returns_who_voted)
{
	static const char *const elsewhere[] = {
		"screens/poll.c", "screens/post.c", "src/admin.c",
		"src/store-moderation.c", "src/store-admin.c",
		"src/store-search.c",
	};
	char *text = source("src/store-poll.c"), *p, *close;
	size_t i, seen = 0;

	for (p = strstr(text, "poll_votes"); p != NULL;
	    p = strstr(p + 1, "poll_votes")) {
		const char *before = p - 40 > text ? p - 40 : text;
		char window[64], rest[256];

		const char *line = p;

		/* Only SQL counts: the comments say it in words. */
		while (line > text && line[-1] != '\n')
			line--;
		if (memchr(line, '"', (size_t)(p - line)) == NULL)
			continue;
		memcpy(window, before, (size_t)(p - before));
		window[p - before] = '\0';
		close = strchr(p, ')');
		ck_assert_ptr_nonnull(close);
		snprintf(rest, sizeof rest, "%.*s", close - p < 100 ?
		    (int)(close - p) : 100, p);
		ck_assert_msg(strstr(window, "count(") != NULL ||
		    strstr(rest, "resident_id = :viewer") != NULL ||
		    strstr(window, "INSERT INTO") != NULL,
		    "a statement reads poll_votes beyond counts: %.80s", p);
		seen++;
	}
	ck_assert_uint_ge(seen, 6);
	free(text);
	for (i = 0; i < sizeof elsewhere / sizeof elsewhere[0]; i++) {
		text = source(elsewhere[i]);
		ck_assert_msg(strstr(text, "poll_votes") == NULL,
		    "%s names poll_votes", elsewhere[i]);
		free(text);
	}
}
END_TEST

START_TEST(isolation_matrix)
{
	const struct viewer *outsiders[] = { &nadia, &hugo, &paul };
	struct poll_new n = { .choices = { "A", "B" }, .n = 2 };
	struct poll p;
	int64_t id = new_poll(&marie, false, 0), c, theirs;
	size_t i;

	vote(&marie, id, 0);
	get(&karim, id, &p);
	c = p.choice[1].id;
	poll_clear(&p);
	theirs = post(&nadia);
	for (i = 0; i < 3; i++) {
		const struct viewer *v = outsiders[i];

		ck_assert_int_eq(store_poll_get(st, v, id, &p),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_poll_vote(st, v, id, &c, 1),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_poll_create(st, v, id, &n),
		    STORE_DENIED);
	}
	ck_assert_int_eq(store_poll_create(st, &karim, theirs, &n),
	    STORE_DENIED);
	ck_assert_int_eq(count_rows("poll_votes"), 1);
	ck_assert_int_eq(count_rows("polls"), 1);
	/* A hidden or deleted post takes its poll with it. */
	ck_assert_int_eq(store_wall_delete(st, &marie, id), STORE_OK);
	ck_assert_int_eq(store_poll_get(st, &karim, id, &p), STORE_NOT_FOUND);
	ck_assert_int_eq(store_poll_vote(st, &karim, id, &c, 1),
	    STORE_NOT_FOUND);
}
END_TEST

static Suite *
poll_suite(void)
{
	Suite *s = suite_create("poll");
	TCase *tc;

	tc = tcase_create("polls");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, new_poll_rules);
	tcase_add_test(tc, one_vote_that_changes);
	tcase_add_test(tc, several_answers);
	tcase_add_test(tc, results_after_voting_or_closing);
	tcase_add_test(tc, moderators_see_counts_only);
	tcase_add_test(tc, isolation_matrix);
	suite_add_tcase(s, tc);

	tc = tcase_create("secret");
	tcase_add_test(tc, no_statement_returns_who_voted);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tap_run(poll_suite());
}
