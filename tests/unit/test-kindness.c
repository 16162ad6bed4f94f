/*
 * test-kindness.c - the kindness reminder's word lists, and helpers
 * writing on the wall for a neighbour without an account.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "fixture.h"
#include "kindness.h"

static char texts[64];

static void
write_list(const char *lang, const char *content)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", texts, lang);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/%s/kindness", texts, lang);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(content, f);
	fclose(f);
}

static void
remove_list(const char *lang)
{
	char path[256];

	snprintf(path, sizeof path, "%s/%s/kindness", texts, lang);
	unlink(path);
	snprintf(path, sizeof path, "%s/%s", texts, lang);
	rmdir(path);
}

static void
lists_setup(void)
{
	snprintf(texts, sizeof texts, "/tmp/quartier-kindness-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(texts));
	write_list("fr", "# Les mots qui blessent\n"
	    "  crétin  \n"
	    "\n"
	    "idiot\n"
	    "idiote\n"
	    "ta gueule\n"
	    "# idiotie n'est pas une insulte\n"
	    "...\n");
	write_list("en", "# Words that hurt\r\n"
	    "stupid\r\n"
	    "shut up\r\n");
}

static void
lists_teardown(void)
{
	remove_list("fr");
	remove_list("en");
	rmdir(texts);
}

/* What kindness_find says of TEXT, "" for nothing (one string to free). */
static char found[256];
static const char *
find(const char *text)
{
	char *f = kindness_find(texts, text);

	snprintf(found, sizeof found, "%s", f != NULL ? f : "");
	free(f);
	return found;
}

START_TEST(whole_words_only)
{
	ck_assert_str_eq(find("Espèce d'idiot !"), "idiot");
	ck_assert_str_eq(find("idiot"), "idiot");
	ck_assert_str_eq(find("Quelle idiote, celle-là."), "idiote");
	/* A word that merely starts like a listed one is not it. */
	ck_assert_str_eq(find("Quelle idiotie, ce règlement."), "");
	ck_assert_str_eq(find("Les idiots du village"), "");
	ck_assert_str_eq(find("Un mot d'humour sans insulte."), "");
	ck_assert_str_eq(find(""), "");
}
END_TEST

START_TEST(accents_and_case_do_not_matter)
{
	ck_assert_str_eq(find("Quel CRÉTIN"), "crétin");
	ck_assert_str_eq(find("quel cretin"), "crétin");
	ck_assert_str_eq(find("Quel Crétin."), "crétin");
	ck_assert_str_eq(find("You are STUPID!"), "stupid");
	/* The typographic apostrophe separates words too. */
	ck_assert_str_eq(find("Espèce d’idiot"), "idiot");
}
END_TEST

START_TEST(expressions)
{
	ck_assert_str_eq(find("Oh, ta gueule !"), "ta gueule");
	ck_assert_str_eq(find("Ta\n   GUEULE"), "ta gueule");
	ck_assert_str_eq(find("Ta gueule-de-bois, dis donc"), "ta gueule");
	ck_assert_str_eq(find("Ma gueule"), "");
	ck_assert_str_eq(find("Please shut up."), "shut up");
	ck_assert_str_eq(find("Shut the door, up there"), "");
}
END_TEST

START_TEST(comments_and_blank_lines)
{
	ck_assert_str_eq(find("idiotie n'est pas une insulte"), "");
	ck_assert_str_eq(find("# Les mots qui blessent"), "");
	/* An entry of punctuation alone matches nothing, not everything. */
	ck_assert_str_eq(find("Bonjour... à tous"), "");
}
END_TEST

START_TEST(missing_lists_mean_no_reminder)
{
	remove_list("fr");
	ck_assert_str_eq(find("Espèce d'idiot"), "");
	ck_assert_str_eq(find("stupid"), "stupid");
	remove_list("en");
	ck_assert_str_eq(find("stupid"), "");
	ck_assert_ptr_null(kindness_find("/nonexistent", "idiot"));
	ck_assert_ptr_null(kindness_find(NULL, "idiot"));
}
END_TEST

START_TEST(lists_are_read_again_when_changed)
{
	ck_assert_str_eq(find("Quel nigaud"), "");
	write_list("fr", "nigaud\n");
	ck_assert_str_eq(find("Quel nigaud"), "nigaud");
	ck_assert_str_eq(find("Quel crétin"), "");
}
END_TEST

START_TEST(invalid_text_finds_nothing)
{
	ck_assert_str_eq(find("idiot \xc3("), "");
}
END_TEST

/* Helpers. */

static int64_t helper_id;
static struct viewer centre;

static void
helpers_setup(void)
{
	char sql[128];

	fixture_setup();
	helper_id = add_resident("centre", krutenau, RESIDENT_VERIFIED);
	snprintf(sql, sizeof sql, "UPDATE residents SET role = 'helper'"
	    " WHERE id = %lld", (long long)helper_id);
	raw_exec(db_path, sql);
	centre.resident_id = helper_id;
}

START_TEST(helper_posts_for_a_neighbour)
{
	struct wall_post p;
	struct reply *r;
	size_t n;
	int64_t id, reply;

	ck_assert_int_eq(store_wall_add(st, &centre, "help", "Promener Filou",
	    "Qui pourrait ?", "  Germaine Weber ", &id), STORE_OK);
	memset(&p, 0, sizeof p);
	ck_assert_int_eq(store_wall_get(st, &marie, id, &p), STORE_OK);
	ck_assert_str_eq(p.on_behalf_of, "Germaine Weber");
	wall_post_clear(&p);
	ck_assert_int_eq(store_reply_add(st, &centre, id, "Merci !",
	    "Germaine Weber", &reply), STORE_OK);
	/* A blank name is no name: the helper writes for the centre. */
	ck_assert_int_eq(store_reply_add(st, &centre, id, "Nous aussi.", "  ",
	    NULL), STORE_OK);
	ck_assert_int_eq(store_reply_list(st, &marie, id, 0, 10, &r, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(r[0].on_behalf_of, "Germaine Weber");
	ck_assert_ptr_null(r[1].on_behalf_of);
	reply_list_free(r, n);
}
END_TEST

START_TEST(others_may_not_write_for_a_neighbour)
{
	int64_t id = 0;
	int items, replies;

	ck_assert_int_eq(store_wall_add(st, &marie, "info", "Mur", "Texte",
	    NULL, &id), STORE_OK);
	items = count_rows("items");
	replies = count_rows("replies");
	ck_assert_int_eq(store_wall_add(st, &marie, "info", "Faux", "Texte",
	    "Germaine", NULL), STORE_DENIED);
	ck_assert_int_eq(store_reply_add(st, &karim, id, "Faux", "Germaine",
	    NULL), STORE_DENIED);
	/* Pending, suspended and other quartiers' residents change nothing. */
	ck_assert_int_eq(store_wall_add(st, &hugo, "info", "Faux", "Texte",
	    "Germaine", NULL), STORE_DENIED);
	ck_assert_int_eq(store_wall_add(st, &paul, "info", "Faux", "Texte",
	    "Germaine", NULL), STORE_DENIED);
	ck_assert_int_eq(store_reply_add(st, &nadia, id, "Faux", NULL, NULL),
	    STORE_NOT_FOUND);
	/* A helper of another quartier finds nothing to reply to. */
	raw_exec(db_path, "UPDATE residents SET role = 'helper'"
	    " WHERE handle = 'nadia'");
	ck_assert_int_eq(store_reply_add(st, &nadia, id, "Faux", "Germaine",
	    NULL), STORE_NOT_FOUND);
	/* A helper no longer: refused too. */
	raw_exec(db_path, "UPDATE residents SET role = 'resident'"
	    " WHERE role = 'helper'");
	ck_assert_int_eq(store_wall_add(st, &centre, "info", "Faux", "Texte",
	    "Germaine", NULL), STORE_DENIED);
	ck_assert_int_eq(count_rows("items"), items);
	ck_assert_int_eq(count_rows("replies"), replies);
}
END_TEST

START_TEST(neighbour_names_are_cleaned)
{
	struct wall_post p;
	char long_name[QUARTIER_NAME_MAX + 10];
	int64_t id;

	memset(long_name, 'a', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	ck_assert_int_eq(store_wall_add(st, &centre, "info", "T", "B",
	    long_name, NULL), STORE_INVALID);
	ck_assert_int_eq(store_wall_add(st, &centre, "info", "T", "B",
	    "\xc3(", NULL), STORE_INVALID);
	ck_assert_int_eq(count_rows("items"), 0);
	ck_assert_int_eq(store_wall_add(st, &centre, "info", "T", "B",
	    "Germaine\033[2J\nWeber", &id), STORE_OK);
	memset(&p, 0, sizeof p);
	ck_assert_int_eq(store_wall_get(st, &karim, id, &p), STORE_OK);
	ck_assert_str_eq(p.on_behalf_of, "Germaine Weber");
	wall_post_clear(&p);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("kindness");
	TCase *tc = tcase_create("lists");

	tcase_add_checked_fixture(tc, lists_setup, lists_teardown);
	tcase_add_test(tc, whole_words_only);
	tcase_add_test(tc, accents_and_case_do_not_matter);
	tcase_add_test(tc, expressions);
	tcase_add_test(tc, comments_and_blank_lines);
	tcase_add_test(tc, missing_lists_mean_no_reminder);
	tcase_add_test(tc, lists_are_read_again_when_changed);
	tcase_add_test(tc, invalid_text_finds_nothing);
	suite_add_tcase(s, tc);
	tc = tcase_create("helpers");
	tcase_add_checked_fixture(tc, helpers_setup, fixture_teardown);
	tcase_add_test(tc, helper_posts_for_a_neighbour);
	tcase_add_test(tc, others_may_not_write_for_a_neighbour);
	tcase_add_test(tc, neighbour_names_are_cleaned);
	suite_add_tcase(s, tc);
	return tap_run(s);
}
