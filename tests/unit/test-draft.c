/*
 * test-draft.c - drafts: saved over and over as one row, listed back with
 * every field, deleted when sent or thrown away, and nobody's but their
 * writer's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quartier.h"
#include "store.h"
#include "tap.h"
#include "fixture.h"

Suite	*draft_suite(void);

/* A draft of a new post with TITLE and BODY. */
static void
post_draft(struct draft *d, const char *title, const char *body)
{
	memset(d, 0, sizeof *d);
	d->screen = xstrdup("compose");
	d->label = xstrdup("Nouveau message");
	d->summary = xstrdup(title);
	draft_set(d, "mode", "post");
	draft_set(d, "category", "help");
	draft_set(d, "title", title);
	draft_set(d, "body", body);
}

static size_t
drafts_of(const struct viewer *v)
{
	struct draft *list;
	size_t n;

	ck_assert_int_eq(store_draft_list(st, v, &list, &n), STORE_OK);
	draft_list_free(list, n);
	return n;
}

START_TEST(saved_again_is_one_draft)
{
	struct draft d, *list;
	int64_t id = 0, first;
	size_t n;

	post_draft(&d, "Perceuse", "Qui aurait");
	ck_assert_int_eq(store_draft_save(st, &marie, &d, &id), STORE_OK);
	ck_assert_int_gt(id, 0);
	first = id;
	tick(5);
	draft_set(&d, "body", "Qui aurait une perceuse\nà prêter ?");
	ck_assert_int_eq(store_draft_save(st, &marie, &d, &id), STORE_OK);
	ck_assert_int_eq(id, first);
	draft_clear(&d);

	ck_assert_int_eq(store_draft_list(st, &marie, &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(list[0].id, first);
	ck_assert_str_eq(list[0].screen, "compose");
	ck_assert_str_eq(list[0].label, "Nouveau message");
	ck_assert_str_eq(list[0].summary, "Perceuse");
	ck_assert_uint_eq(list[0].nfields, 4);
	ck_assert_str_eq(draft_get(&list[0], "mode"), "post");
	ck_assert_str_eq(draft_get(&list[0], "title"), "Perceuse");
	ck_assert_str_eq(draft_get(&list[0], "body"),
	    "Qui aurait une perceuse\nà prêter ?");
	ck_assert_ptr_null(draft_get(&list[0], "price"));
	ck_assert_int_eq(list[0].updated_at, clock_now);
	draft_list_free(list, n);
}
END_TEST

/* Text as it was typed, empty fields included, comes back as it was. */
START_TEST(fields_kept_as_typed)
{
	struct draft d, *list;
	int64_t id = 0;
	size_t n;

	post_draft(&d, "", "  deux espaces, 中文, 👍🏽\n\n\nfin  ");
	d.target_id = 42;
	ck_assert_int_eq(store_draft_save(st, &karim, &d, &id), STORE_OK);
	draft_clear(&d);
	ck_assert_int_eq(store_draft_list(st, &karim, &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(list[0].target_id, 42);
	ck_assert_str_eq(draft_get(&list[0], "title"), "");
	ck_assert_str_eq(draft_get(&list[0], "body"),
	    "  deux espaces, 中文, 👍🏽\n\n\nfin  ");
	draft_list_free(list, n);
}
END_TEST

/* What the offer shows is one clean, short line. */
START_TEST(summary_is_one_short_line)
{
	struct draft d, *list;
	int64_t id = 0;
	size_t n;
	char long_title[400];

	memset(long_title, 'a', sizeof long_title - 1);
	long_title[sizeof long_title - 1] = '\0';
	post_draft(&d, long_title, "");
	free(d.summary);
	d.summary = xstrdup("Ligne un\nligne \x1b[31mdeux\x1b[0m");
	ck_assert_int_eq(store_draft_save(st, &marie, &d, &id), STORE_OK);
	free(d.summary);
	d.summary = xstrdup(long_title);
	ck_assert_int_eq(store_draft_save(st, &marie, &d, &id), STORE_OK);
	draft_clear(&d);
	ck_assert_int_eq(store_draft_list(st, &marie, &list, &n), STORE_OK);
	ck_assert_uint_eq(strlen(list[0].summary), DRAFT_SUMMARY_MAX);
	ck_assert_uint_eq(strlen(draft_get(&list[0], "title")),
	    sizeof long_title - 1);
	draft_list_free(list, n);

	post_draft(&d, "x", "y");
	free(d.summary);
	d.summary = xstrdup("Ligne un\nligne \x1b[31mdeux\x1b[0m");
	id = 0;
	ck_assert_int_eq(store_draft_save(st, &karim, &d, &id), STORE_OK);
	draft_clear(&d);
	ck_assert_int_eq(store_draft_list(st, &karim, &list, &n), STORE_OK);
	ck_assert_str_eq(list[0].summary, "Ligne un ligne deux");
	draft_list_free(list, n);
}
END_TEST

START_TEST(invalid_text_refused)
{
	struct draft d;
	int64_t id = 0;

	post_draft(&d, "Titre", "caf\xe9");
	ck_assert_int_eq(store_draft_save(st, &marie, &d, &id), STORE_INVALID);
	ck_assert_int_eq(id, 0);
	draft_clear(&d);
	ck_assert_uint_eq(drafts_of(&marie), 0);
}
END_TEST

/* The latest first; past DRAFTS_MAX the oldest go. */
START_TEST(latest_first_and_bounded)
{
	struct draft d, *list;
	int64_t id;
	size_t n, i;
	char title[32];

	for (i = 0; i < DRAFTS_MAX + 3; i++) {
		snprintf(title, sizeof title, "Brouillon %zu", i);
		post_draft(&d, title, "texte");
		id = 0;
		ck_assert_int_eq(store_draft_save(st, &marie, &d, &id),
		    STORE_OK);
		draft_clear(&d);
		tick(1);
	}
	ck_assert_int_eq(store_draft_list(st, &marie, &list, &n), STORE_OK);
	ck_assert_uint_eq(n, DRAFTS_MAX);
	snprintf(title, sizeof title, "Brouillon %d", DRAFTS_MAX + 2);
	ck_assert_str_eq(list[0].summary, title);
	ck_assert_str_eq(list[n - 1].summary, "Brouillon 3");
	draft_list_free(list, n);
}
END_TEST

START_TEST(deleted_when_done)
{
	struct draft d;
	int64_t id = 0;

	post_draft(&d, "Envoyé", "texte");
	ck_assert_int_eq(store_draft_save(st, &marie, &d, &id), STORE_OK);
	ck_assert_int_eq(store_draft_delete(st, &marie, id), STORE_OK);
	ck_assert_uint_eq(drafts_of(&marie), 0);
	ck_assert_int_eq(store_draft_delete(st, &marie, id), STORE_NOT_FOUND);
	/* Deleted meanwhile (sent from another session): saving again
	 * makes a new draft rather than losing the text. */
	ck_assert_int_eq(store_draft_save(st, &marie, &d, &id), STORE_OK);
	ck_assert_uint_eq(drafts_of(&marie), 1);
	draft_clear(&d);
}
END_TEST

/* Nobody reads, overwrites or deletes another's draft, by id or not. */
START_TEST(only_the_writer)
{
	struct draft d, *list;
	int64_t id = 0, other;
	size_t n;

	post_draft(&d, "Privé", "rien que pour moi");
	ck_assert_int_eq(store_draft_save(st, &marie, &d, &id), STORE_OK);
	ck_assert_uint_eq(drafts_of(&karim), 0);
	ck_assert_uint_eq(drafts_of(&nadia), 0);
	ck_assert_int_eq(store_draft_delete(st, &karim, id), STORE_NOT_FOUND);
	/* Karim saving "over" Marie's id makes a draft of his own. */
	other = id;
	draft_set(&d, "body", "écrasé");
	ck_assert_int_eq(store_draft_save(st, &karim, &d, &other), STORE_OK);
	ck_assert_int_ne(other, id);
	draft_clear(&d);
	ck_assert_int_eq(store_draft_list(st, &marie, &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(draft_get(&list[0], "body"), "rien que pour moi");
	draft_list_free(list, n);
	/* Nobody at all: nothing saved. */
	id = 0;
	post_draft(&d, "Personne", "texte");
	ck_assert_int_eq(store_draft_save(st, &(struct viewer){ 9999 }, &d,
	    &id), STORE_NOT_FOUND);
	draft_clear(&d);
}
END_TEST

START_TEST(due_when_the_clock_passes_a_multiple)
{
	ck_assert(!store_draft_due(100, 101));
	ck_assert(!store_draft_due(100, 109));
	ck_assert(store_draft_due(109, 110));
	ck_assert(store_draft_due(100, 125));
}
END_TEST

Suite *
draft_suite(void)
{
	Suite *s = suite_create("draft");
	TCase *tc;

	tc = tcase_create("draft");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, saved_again_is_one_draft);
	tcase_add_test(tc, fields_kept_as_typed);
	tcase_add_test(tc, summary_is_one_short_line);
	tcase_add_test(tc, invalid_text_refused);
	tcase_add_test(tc, latest_first_and_bounded);
	tcase_add_test(tc, deleted_when_done);
	tcase_add_test(tc, only_the_writer);
	tcase_add_test(tc, due_when_the_clock_passes_a_multiple);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tap_run(draft_suite());
}
