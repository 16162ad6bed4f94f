/*
 * test-email.c - e-mail notices: the address and its code (hashed,
 * expiring, a few tries), the choices per kind of notice, what goes into
 * the outbox (only to a verified address, in the recipient's language,
 * never from a blocked neighbour nor across quartiers), and the outbox's
 * rules as quartier-admin notify uses them: claimed before the hand-over,
 * never twice, retried with a doubling delay, limited per day.
 */
#include "build-config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "quartier.h"
#include "store.h"
#include "store-internal.h"
#include "tap.h"
#include "fixture.h"

/* One text column of one row, straight from SQLite (a new string). */
static char *
raw_text(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	char *out = NULL;

	ck_assert_int_eq(sqlite3_open(db_path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_text(stmt, 0) != NULL)
		out = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return out;
}

/* The code in the newest code mail: its two groups of four digits. */
static void
last_code(char code[10])
{
	char *body = raw_text("SELECT body FROM outbox WHERE kind = 'address'"
	    " ORDER BY id DESC LIMIT 1");
	const char *p;

	ck_assert_ptr_nonnull(body);
	for (p = body; *p != '\0'; p++)
		if (p[0] >= '0' && p[0] <= '9' && strlen(p) >= 9 &&
		    p[4] == ' ' && p[5] >= '0' && p[5] <= '9')
			break;
	ck_assert(*p != '\0');
	memcpy(code, p, 9);
	code[9] = '\0';
	free(body);
}

static void
verify_address(const struct viewer *v, const char *address)
{
	char code[10];

	ck_assert_int_eq(store_email_set(st, v, address), STORE_OK);
	last_code(code);
	ck_assert_int_eq(store_email_confirm(st, v, code), STORE_OK);
}

static void
choose(const struct viewer *v, enum mail_kind kind, enum mail_delivery d)
{
	struct mail_choices c;

	ck_assert_int_eq(store_mail_choices_get(st, v, &c), STORE_OK);
	c.delivery[kind] = d;
	ck_assert_int_eq(store_mail_choices_set(st, v, &c), STORE_OK);
}

static int64_t
message(const struct viewer *from, const struct viewer *to,
    const char *subject)
{
	struct mail_new mn = {
		.recipient_id = to->resident_id,
		.subject = subject, .body = "Le texte du message.",
	};
	int64_t id = 0;

	ck_assert_int_eq(store_mail_send(st, from, &mn, &id), STORE_OK);
	tick(1);
	return id;
}

START_TEST(code_verifies_the_address)
{
	struct email_address e;
	char code[10], *hash;

	ck_assert_int_eq(store_email_set(st, &marie, " Marie@Example.ORG "),
	    STORE_OK);
	ck_assert_int_eq(store_email_get(st, &marie, &e), STORE_OK);
	ck_assert_str_eq(e.address, "Marie@example.org");
	ck_assert(!e.verified);
	ck_assert_int_eq(e.code_tries_left, EMAIL_CODE_TRIES);
	email_address_clear(&e);
	/* One mail, the code, to the address not yet verified. */
	ck_assert_int_eq(count_rows("outbox"), 1);
	ck_assert_int_eq(count_rows("outbox WHERE kind = 'address'"
	    " AND address = 'Marie@example.org' AND language = 'fr'"), 1);
	last_code(code);
	/* Stored hashed: the code itself is nowhere in the row. */
	hash = raw_text("SELECT code_hash FROM email_addresses");
	ck_assert_ptr_nonnull(hash);
	ck_assert_uint_eq(strlen(hash), 64);
	ck_assert_ptr_null(strstr(hash, code));
	free(hash);

	ck_assert_int_eq(store_email_confirm(st, &marie, "1234 567"),
	    STORE_INVALID);	/* not a code: costs no try */
	ck_assert_int_eq(store_email_get(st, &marie, &e), STORE_OK);
	ck_assert_int_eq(e.code_tries_left, EMAIL_CODE_TRIES);
	email_address_clear(&e);
	ck_assert_int_eq(store_email_confirm(st, &marie, code), STORE_OK);
	ck_assert_int_eq(store_email_get(st, &marie, &e), STORE_OK);
	ck_assert(e.verified);
	email_address_clear(&e);
	/* Used: the same code does nothing more. */
	ck_assert_int_eq(store_email_confirm(st, &marie, code), STORE_INVALID);
}
END_TEST

START_TEST(wrong_codes_lock_and_codes_expire)
{
	struct email_address e;
	char code[10], wrong[10];
	int i;

	ck_assert_int_eq(store_email_set(st, &karim, "karim@example.org"),
	    STORE_OK);
	last_code(code);
	snprintf(wrong, sizeof wrong, "%c%s", code[0] == '9' ? '1' : '9',
	    code + 1);
	for (i = 0; i < EMAIL_CODE_TRIES; i++)
		ck_assert_int_eq(store_email_confirm(st, &karim, wrong),
		    STORE_INVALID);
	ck_assert_int_eq(store_email_confirm(st, &karim, code), STORE_DENIED);
	ck_assert_int_eq(store_email_get(st, &karim, &e), STORE_OK);
	ck_assert(!e.verified);
	ck_assert_int_eq(e.code_tries_left, 0);
	email_address_clear(&e);

	/* A new code (the address typed again) replaces the locked one,
	 * and lives EMAIL_CODE_HOURS. */
	ck_assert_int_eq(store_email_set(st, &karim, "karim@example.org"),
	    STORE_OK);
	last_code(code);
	tick(EMAIL_CODE_HOURS * 3600 + 1);
	ck_assert_int_eq(store_email_confirm(st, &karim, code), STORE_INVALID);
	ck_assert_int_eq(store_email_get(st, &karim, &e), STORE_OK);
	ck_assert(!e.verified);
	email_address_clear(&e);
}
END_TEST

START_TEST(bad_addresses_change_nothing)
{
	static const char *bad[] = {
		"", "marie", "marie@", "@example.org", "marie@example",
		"-oQ/tmp@example.org", "ma rie@example.org",
		"marie@exa mple.org", "marie@@example.org",
		"a@b@example.org", "marie.@example.org", "ma..rie@example.org",
		"marie@example..org", "marie@-example.org",
		"marie@example.org\nBcc: x@example.org", "marié@example.org",
		"\"marie\"@example.org", "marie@example.org>",
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(store_email_set(st, &marie, bad[i]) ==
		    STORE_INVALID, "accepted \"%s\"", bad[i]);
	ck_assert_int_eq(count_rows("email_addresses"), 0);
	ck_assert_int_eq(count_rows("outbox"), 0);
	/* Only a verified resident has an address. */
	ck_assert_int_eq(store_email_set(st, &hugo, "hugo@example.org"),
	    STORE_DENIED);
	ck_assert_int_eq(store_email_set(st, &paul, "paul@example.org"),
	    STORE_DENIED);
	ck_assert_int_eq(count_rows("outbox"), 0);
}
END_TEST

START_TEST(nothing_but_the_code_before_verification)
{
	ck_assert_int_eq(store_email_set(st, &marie, "marie@example.org"),
	    STORE_OK);
	message(&karim, &marie, "Votre vélo");
	ck_assert_int_eq(count_rows("outbox WHERE kind = 'message'"), 0);
	verify_address(&marie, "marie@example.org");
	message(&karim, &marie, "Votre vélo");
	ck_assert_int_eq(count_rows("outbox WHERE kind = 'message'"), 1);
}
END_TEST

START_TEST(message_notice_says_who_and_what)
{
	char *subject, *body;

	verify_address(&marie, "marie@example.org");
	message(&karim, &marie, "Votre vélo");
	subject = raw_text("SELECT subject FROM outbox WHERE kind = 'message'");
	body = raw_text("SELECT body FROM outbox WHERE kind = 'message'");
	ck_assert_str_eq(subject, "Message de karim : Votre vélo");
	/* By default the message's own text stays in Quartier. */
	ck_assert_ptr_null(strstr(body, "Le texte du message"));
	free(subject);
	free(body);

	/* Chosen: the text comes too. */
	{
		struct mail_choices c;

		ck_assert_int_eq(store_mail_choices_get(st, &marie, &c),
		    STORE_OK);
		c.message_text = true;
		ck_assert_int_eq(store_mail_choices_set(st, &marie, &c),
		    STORE_OK);
	}
	message(&karim, &marie, "Encore");
	body = raw_text("SELECT body FROM outbox WHERE kind = 'message'"
	    " ORDER BY id DESC LIMIT 1");
	ck_assert_ptr_nonnull(strstr(body, "Le texte du message"));
	free(body);

	/* In the recipient's language, whoever writes. */
	ck_assert_int_eq(store_resident_set_language(st, &marie, LANG_EN),
	    STORE_OK);
	message(&karim, &marie, "Bike");
	subject = raw_text("SELECT subject || '|' || language FROM outbox"
	    " WHERE kind = 'message' ORDER BY id DESC LIMIT 1");
	ck_assert_str_eq(subject, "Message from karim: Bike|en");
	free(subject);
}
END_TEST

START_TEST(choices_and_blocks_are_kept)
{
	struct mail_choices c, d;

	mail_choices_default(&d);
	ck_assert_int_eq(store_mail_choices_get(st, &marie, &c), STORE_OK);
	for (int i = 0; i < MAIL_KINDS; i++)
		ck_assert_int_eq(c.delivery[i], d.delivery[i]);
	ck_assert_int_eq(c.digest, DIGEST_WEEKLY);
	ck_assert_int_eq(c.digest_hour, 18);
	/* Quiet defaults: replies and alerts wait for the digest. */
	ck_assert_int_eq(d.delivery[MAIL_REPLY], DELIVERY_DIGEST);
	ck_assert_int_eq(d.delivery[MAIL_ALERT], DELIVERY_DIGEST);
	ck_assert_int_eq(d.delivery[MAIL_MESSAGE], DELIVERY_NOW);
	ck_assert(!d.message_text);

	c.delivery[MAIL_MESSAGE] = DELIVERY_NEVER;
	c.digest = DIGEST_DAILY;
	c.digest_hour = 7;
	ck_assert_int_eq(store_mail_choices_set(st, &marie, &c), STORE_OK);
	ck_assert_int_eq(store_mail_choices_get(st, &marie, &d), STORE_OK);
	ck_assert_int_eq(d.delivery[MAIL_MESSAGE], DELIVERY_NEVER);
	ck_assert_int_eq(d.digest, DIGEST_DAILY);
	ck_assert_int_eq(d.digest_hour, 7);
	c.digest_hour = 24;
	ck_assert_int_eq(store_mail_choices_set(st, &marie, &c),
	    STORE_INVALID);

	verify_address(&marie, "marie@example.org");
	message(&karim, &marie, "Jamais");
	ck_assert_int_eq(count_rows("outbox WHERE kind = 'message'"), 0);
	choose(&marie, MAIL_MESSAGE, DELIVERY_NOW);
	ck_assert_int_eq(store_block(st, &marie, karim.resident_id),
	    STORE_OK);
	message(&karim, &marie, "Bloqué");
	ck_assert_int_eq(count_rows("outbox WHERE kind = 'message'"), 0);
}
END_TEST

START_TEST(replies_and_alerts_stay_in_the_quartier)
{
	int64_t post = 0;

	verify_address(&marie, "marie@example.org");
	verify_address(&nadia, "nadia@example.org");
	choose(&marie, MAIL_REPLY, DELIVERY_NOW);
	choose(&marie, MAIL_ALERT, DELIVERY_NOW);
	choose(&nadia, MAIL_ALERT, DELIVERY_NOW);

	ck_assert_int_eq(store_wall_add(st, &marie, "help", "Une perceuse ?",
	    "Qui en a une ?", NULL, &post), STORE_OK);
	ck_assert_int_eq(store_reply_add(st, &karim, post, "Moi !", NULL,
	    NULL), STORE_OK);
	ck_assert_int_eq(store_reply_add(st, &marie, post, "Merci", NULL,
	    NULL), STORE_OK);	/* her own reply: no mail to herself */
	ck_assert_int_eq(count_rows("outbox WHERE kind = 'reply'"), 1);

	ck_assert_int_eq(store_wall_add(st, &karim, "alert", "Coupure d'eau",
	    "Rue de Zurich, demain matin.", NULL, &post), STORE_OK);
	ck_assert_int_eq(count_rows("outbox WHERE kind = 'alert'"
	    " AND address = 'marie@example.org'"), 1);
	/* Neudorf hears nothing of Krutenau. */
	ck_assert_int_eq(count_rows("outbox WHERE address ="
	    " 'nadia@example.org' AND kind != 'address'"), 0);
}
END_TEST

START_TEST(removing_drops_what_waits)
{
	struct email_address e;
	struct resident r;

	verify_address(&marie, "marie@example.org");
	message(&karim, &marie, "Un");
	ck_assert_int_eq(count_rows("outbox WHERE state = 'waiting'"), 2);
	ck_assert_int_eq(store_email_remove(st, &marie), STORE_OK);
	ck_assert_int_eq(count_rows("outbox"), 0);
	ck_assert_int_eq(count_rows("email_addresses"), 0);
	ck_assert_int_eq(store_email_remove(st, &marie), STORE_NOT_FOUND);

	/* The sysop sees it and removes it by handle. */
	verify_address(&marie, "marie@example.org");
	ck_assert_int_eq(store_email_admin_get(st, "marie", &e), STORE_OK);
	ck_assert_str_eq(e.address, "marie@example.org");
	ck_assert(e.verified);
	email_address_clear(&e);
	ck_assert_int_eq(store_email_admin_remove(st, "marie"), STORE_OK);
	ck_assert_int_eq(store_email_admin_get(st, "marie", &e), STORE_OK);
	ck_assert_ptr_null(e.address);
	ck_assert_int_eq(store_email_admin_remove(st, "nobody"),
	    STORE_NOT_FOUND);
	(void)r;
}
END_TEST

static const struct outbox_rules rules = {
	.daily_limit = 3, .max_tries = 3, .retry_base = 60,
	.domain = "quartier.example.org",
};

START_TEST(claimed_once_then_sent)
{
	struct outbox_mail m, n;
	int unsure;

	verify_address(&marie, "marie@example.org");
	ck_assert_int_eq(store_outbox_claim(st, &rules, clock_now, &m),
	    STORE_OK);
	ck_assert_str_eq(m.kind, "address");
	ck_assert_str_eq(m.handle, "marie");
	ck_assert_int_eq(m.language, LANG_FR);
	ck_assert_ptr_nonnull(strstr(m.message_id, "@quartier.example.org>"));
	ck_assert_int_eq(m.tries, 1);
	/* Claimed: no other run gets it. */
	ck_assert_int_eq(store_outbox_claim(st, &rules, clock_now, &n),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(count_rows("outbox WHERE state = 'sending'"), 1);
	ck_assert_int_eq(store_outbox_sent(st, m.id), STORE_OK);
	/* A code mail keeps no copy of the code once sent. */
	ck_assert_int_eq(count_rows("outbox WHERE state = 'sent'"
	    " AND body = ''"), 1);
	ck_assert_int_eq(store_outbox_sent(st, m.id), STORE_NOT_FOUND);
	outbox_mail_clear(&m);
	ck_assert_int_eq(store_outbox_recover(st, &unsure), STORE_OK);
	ck_assert_int_eq(unsure, 0);
}
END_TEST

START_TEST(interrupted_is_never_sent_again)
{
	struct outbox_mail m;
	int unsure;

	ck_assert_int_eq(store_email_set(st, &marie, "marie@example.org"),
	    STORE_OK);
	ck_assert_int_eq(store_outbox_claim(st, &rules, clock_now, &m),
	    STORE_OK);
	outbox_mail_clear(&m);
	/* The run dies here, after the claim: the next one decides. */
	ck_assert_int_eq(store_outbox_recover(st, &unsure), STORE_OK);
	ck_assert_int_eq(unsure, 1);
	ck_assert_int_eq(count_rows("outbox WHERE state = 'unsure'"), 1);
	tick(86400);
	ck_assert_int_eq(store_outbox_claim(st, &rules, clock_now, &m),
	    STORE_NOT_FOUND);
}
END_TEST

START_TEST(retried_with_backoff_then_failed)
{
	struct outbox_mail m;
	char *next;

	ck_assert_int_eq(store_email_set(st, &marie, "marie@example.org"),
	    STORE_OK);
	ck_assert_int_eq(store_outbox_claim(st, &rules, clock_now, &m),
	    STORE_OK);
	ck_assert_int_eq(store_outbox_retry(st, &rules, &m, "MTA down",
	    clock_now), STORE_OK);
	outbox_mail_clear(&m);
	next = raw_text("SELECT (next_try_at - created_at) || ' ' || state"
	    " || ' ' || last_error FROM outbox");
	ck_assert_str_eq(next, "60 waiting MTA down");
	free(next);
	/* Not before its time. */
	tick(59);
	ck_assert_int_eq(store_outbox_claim(st, &rules, clock_now, &m),
	    STORE_NOT_FOUND);
	tick(1);
	ck_assert_int_eq(store_outbox_claim(st, &rules, clock_now, &m),
	    STORE_OK);
	ck_assert_int_eq(m.tries, 2);
	ck_assert_int_eq(store_outbox_retry(st, &rules, &m, "MTA down",
	    clock_now), STORE_OK);
	outbox_mail_clear(&m);
	ck_assert_int_eq(count_rows("outbox WHERE next_try_at = created_at"
	    " + 60 + 120"), 1);
	tick(120);
	ck_assert_int_eq(store_outbox_claim(st, &rules, clock_now, &m),
	    STORE_OK);
	ck_assert_int_eq(store_outbox_retry(st, &rules, &m, "MTA down",
	    clock_now), STORE_OK);
	outbox_mail_clear(&m);
	ck_assert_int_eq(count_rows("outbox WHERE state = 'failed'"), 1);
}
END_TEST

START_TEST(daily_limit_per_resident)
{
	struct outbox_mail m;
	struct outbox_status s;
	struct outbox_row *rows;
	size_t n;
	int i;

	verify_address(&marie, "marie@example.org");
	for (i = 0; i < 4; i++)
		message(&karim, &marie, "Encore un");
	/* The code and two messages today; the rest tomorrow. */
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(store_outbox_claim(st, &rules, clock_now, &m),
		    STORE_OK);
		ck_assert_int_eq(store_outbox_sent(st, m.id), STORE_OK);
		outbox_mail_clear(&m);
	}
	ck_assert_int_eq(store_outbox_claim(st, &rules, clock_now, &m),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_outbox_status(st, clock_now, &s, &rows, &n, 10),
	    STORE_OK);
	ck_assert_int_eq(s.waiting, 2);
	ck_assert_int_eq(s.sent, 3);
	ck_assert_int_eq(s.sent_today, 3);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(rows[0].last_error, "daily limit");
	outbox_row_list_free(rows, n);
	tick(86400 + 1);
	ck_assert_int_eq(store_outbox_claim(st, &rules, clock_now, &m),
	    STORE_OK);
	outbox_mail_clear(&m);
}
END_TEST

START_TEST(version_6_database_gets_the_outbox)
{
	char *err = NULL;

	store_close(st);
	raw_exec(db_path, V10_UNDO V9_UNDO V8_UNDO V7_UNDO "PRAGMA user_version = 6");
	ck_assert_int_eq(count_rows("sqlite_schema WHERE name = 'outbox'"), 0);
	ck_assert_int_eq(store_open(db_path, 0, &st, &err), 0);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(count_rows("sqlite_schema WHERE name IN ('outbox',"
	    " 'email_addresses', 'notice_choices', 'mail_settings',"
	    " 'outbox_due', 'outbox_resident', 'outbox_address')"), 7);
	verify_address(&marie, "marie@example.org");
	ck_assert_int_eq(count_rows("outbox"), 1);
}
END_TEST

START_TEST(digest_slots_in_local_time)
{
	/* Tuesday 8 December 2026, 10:00 in Paris (09:00 UTC). */
	int64_t now = 1796720400;

	ck_assert_int_eq(digest_slot(now, "daily", 8), now - 2 * 3600);
	ck_assert_int_eq(digest_slot(now, "daily", 18), now - 16 * 3600);
	/* Monday 7 December at 18:00, and the Monday before at 11:00. */
	ck_assert_int_eq(digest_slot(now, "weekly", 18), now - 16 * 3600);
	ck_assert_int_eq(digest_slot(now, "weekly", 8), now - 26 * 3600);
	ck_assert_int_eq(digest_slot(now - 26 * 3600 - 1, "weekly", 8),
	    now - 26 * 3600 - 7 * 86400);
}
END_TEST

static void
post(const struct viewer *v, const char *category, const char *title)
{
	int64_t id;

	ck_assert_int_eq(store_wall_add(st, v, category, title, "Texte.", NULL,
	    &id), STORE_OK);
}

START_TEST(digest_of_what_is_new)
{
	struct mail_choices c;
	char *body, *subject;
	int queued, i;

	verify_address(&marie, "marie@example.org");
	verify_address(&nadia, "nadia@example.org");
	ck_assert_int_eq(store_mail_choices_get(st, &marie, &c), STORE_OK);
	c.digest = DIGEST_DAILY;
	c.digest_hour = 0;
	ck_assert_int_eq(store_mail_choices_set(st, &marie, &c), STORE_OK);
	/* Nadia chose none: the weekly digest is hers by default. */
	raw_exec(db_path, "UPDATE email_addresses"
	    " SET verified_at = verified_at - 8 * 86400");
	tick(60);
	for (i = 0; i < 4; i++)
		post(&karim, "info", i == 0 ? "Fête de la rue" : "Encore une");
	post(&karim, "alert", "Coupure d'eau");
	post(&marie, "info", "Le mien");
	post(&nadia, "info", "À Neudorf");
	tick(60);

	ck_assert_int_eq(store_digest_queue(st, clock_now, &queued), STORE_OK);
	ck_assert_int_eq(queued, 1);
	subject = raw_text("SELECT subject FROM outbox WHERE kind = 'digest'"
	    " AND address = 'marie@example.org'");
	ck_assert_str_eq(subject, "Votre quartier aujourd'hui");
	free(subject);
	body = raw_text("SELECT body FROM outbox WHERE kind = 'digest'"
	    " AND address = 'marie@example.org'");
	ck_assert_ptr_nonnull(strstr(body, "Mur : 5 nouveaux"));
	ck_assert_ptr_nonnull(strstr(body, "Coupure d'eau"));
	ck_assert_ptr_nonnull(strstr(body, "et 2 autres"));
	ck_assert_ptr_null(strstr(body, "Le mien"));
	ck_assert_ptr_null(strstr(body, "Neudorf"));
	free(body);
	/* Nadia's own post is not news to her, and Krutenau's are not
	 * hers: nothing to say, no digest. */
	ck_assert_int_eq(count_rows("outbox WHERE kind = 'digest'"
	    " AND address = 'nadia@example.org'"), 0);

	/* Once per slot; a blocked neighbour's news is left out. */
	ck_assert_int_eq(store_digest_queue(st, clock_now, &queued), STORE_OK);
	ck_assert_int_eq(queued, 0);
	ck_assert_int_eq(store_block(st, &marie, karim.resident_id),
	    STORE_OK);
	post(&karim, "info", "Bloqué");
	tick(86400);
	ck_assert_int_eq(store_digest_queue(st, clock_now, &queued), STORE_OK);
	ck_assert_int_eq(queued, 0);	/* nothing to say: nothing sent */
	ck_assert_int_eq(count_rows("outbox WHERE kind = 'digest'"), 1);
}
END_TEST

static Suite *
email_suite(void)
{
	Suite *s = suite_create("email");
	TCase *tc;

	tc = tcase_create("address");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, code_verifies_the_address);
	tcase_add_test(tc, wrong_codes_lock_and_codes_expire);
	tcase_add_test(tc, bad_addresses_change_nothing);
	tcase_add_test(tc, removing_drops_what_waits);
	suite_add_tcase(s, tc);

	tc = tcase_create("notices");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, nothing_but_the_code_before_verification);
	tcase_add_test(tc, message_notice_says_who_and_what);
	tcase_add_test(tc, choices_and_blocks_are_kept);
	tcase_add_test(tc, replies_and_alerts_stay_in_the_quartier);
	suite_add_tcase(s, tc);

	tc = tcase_create("outbox");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, claimed_once_then_sent);
	tcase_add_test(tc, interrupted_is_never_sent_again);
	tcase_add_test(tc, retried_with_backoff_then_failed);
	tcase_add_test(tc, daily_limit_per_resident);
	tcase_add_test(tc, version_6_database_gets_the_outbox);
	tcase_add_test(tc, digest_slots_in_local_time);
	tcase_add_test(tc, digest_of_what_is_new);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	/* Mails are made in the recipient's language; a resident who chose
	 * none gets French, the default, from the catalogue of the build. */
	setenv("TZ", "Europe/Paris", 1);
	tzset();
	setlocale(LC_ALL, "C.UTF-8");
	if (getenv("QUARTIER_LOCALEDIR") != NULL)
		bindtextdomain(PACKAGE, getenv("QUARTIER_LOCALEDIR"));
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	setenv("LANGUAGE", "fr", 1);
	language_set_default(LANG_FR);
	return tap_run(email_suite());
}
