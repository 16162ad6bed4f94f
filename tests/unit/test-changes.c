/*
 * test-changes.c - the change counters: each kind of write bumps the
 * counter of the board it changes, in its own quartier, and no other; mail
 * wakes only its two sides; what nobody else sees (a login, a session's
 * heartbeat, a draft, a read mark) wakes nobody.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quartier.h"
#include "store.h"
#include "tap.h"
#include "fixture.h"

Suite	*changes_suite(void);

/*
 * A session watching: its own connection, as each quartier process has,
 * so that each viewer keeps the counters it last read.
 */
struct watch {
	struct store	*s;
	struct viewer	 v;
};

#define WATCHERS	4
static struct watch watchers[WATCHERS];
static size_t nwatchers;

static struct watch *
watch(const struct viewer *v)
{
	struct watch *w;
	unsigned changed = ~0u;
	char *err = NULL;

	ck_assert_uint_lt(nwatchers, WATCHERS);
	w = &watchers[nwatchers++];
	w->v = *v;
	ck_assert_int_eq(store_open(db_path, 0, &w->s, &err), 0);
	/* The first look only takes note. */
	ck_assert_int_eq(store_changes(w->s, &w->v, &changed), STORE_OK);
	ck_assert_uint_eq(changed, 0);
	return w;
}

/* What changed for W since its last look. */
static unsigned
seen(struct watch *w)
{
	unsigned changed = ~0u;

	ck_assert_int_eq(store_changes(w->s, &w->v, &changed), STORE_OK);
	return changed;
}

static void
setup(void)
{
	fixture_setup();
	nwatchers = 0;
}

static void
teardown(void)
{
	size_t i;

	for (i = 0; i < nwatchers; i++)
		store_close(watchers[i].s);
	nwatchers = 0;
	fixture_teardown();
}

static int64_t
post(const struct viewer *v, const char *title)
{
	int64_t id = 0;

	ck_assert_int_eq(store_wall_add(st, v, "info", title,
	    "Un texte assez long pour le mur.", NULL, &id), STORE_OK);
	return id;
}

START_TEST(a_post_wakes_its_quartier_only)
{
	struct watch *k = watch(&marie), *n = watch(&nadia);
	int64_t id, reply = 0;

	id = post(&karim, "Perceuse à prêter");
	ck_assert_uint_eq(seen(k), CHANGE_WALL);
	ck_assert_uint_eq(seen(n), 0);
	/* Read again at once: nothing new since. */
	ck_assert_uint_eq(seen(k), 0);

	ck_assert_int_eq(store_reply_add(st, &karim, id, "Elle est libre.",
	    NULL, &reply), STORE_OK);
	ck_assert_uint_eq(seen(k), CHANGE_WALL);
	ck_assert_int_eq(store_reply_delete(st, &karim, reply), STORE_OK);
	ck_assert_uint_eq(seen(k), CHANGE_WALL);
	ck_assert_int_eq(store_wall_edit(st, &karim, id, "info",
	    "Perceuse prêtée", "Merci à tous pour vos réponses."), STORE_OK);
	ck_assert_uint_eq(seen(k), CHANGE_WALL);
	ck_assert_int_eq(store_wall_delete(st, &karim, id), STORE_OK);
	ck_assert_uint_eq(seen(k), CHANGE_WALL);
	ck_assert_uint_eq(seen(n), 0);

	/* And the other way round. */
	post(&nadia, "Marché de Neudorf");
	ck_assert_uint_eq(seen(n), CHANGE_WALL);
	ck_assert_uint_eq(seen(k), 0);
}
END_TEST

/* A lost cat shared with Neudorf wakes Neudorf's walls too. */
START_TEST(a_shared_post_wakes_the_neighbours)
{
	struct watch *k = watch(&marie), *n = watch(&nadia);
	int64_t id = 0, reply = 0;

	ck_assert_int_eq(store_neighbour_add(st, krutenau, neudorf), STORE_OK);
	ck_assert_int_eq(store_wall_add(st, &karim, "lost", "Chat perdu",
	    "Tigré, rue de Zurich, répond à Filou.", NULL, &id), STORE_OK);
	ck_assert_uint_eq(seen(k), CHANGE_WALL);
	ck_assert_uint_eq(seen(n), 0);
	ck_assert_int_eq(store_wall_share(st, &karim, id, true), STORE_OK);
	ck_assert_uint_eq(seen(n), CHANGE_WALL);
	ck_assert_uint_eq(seen(k), CHANGE_WALL);
	ck_assert_int_eq(store_reply_add(st, &nadia, id, "Vu ce matin.",
	    NULL, &reply), STORE_OK);
	ck_assert_uint_eq(seen(n), CHANGE_WALL);
	ck_assert_uint_eq(seen(k), CHANGE_WALL);
	/* A post not shared stays at home. */
	post(&karim, "Perceuse à prêter");
	ck_assert_uint_eq(seen(n), 0);
}
END_TEST

/* A bonne adresse and its recommendations move the addresses' counter. */
START_TEST(addresses_their_own_counter)
{
	struct watch *k = watch(&marie), *n = watch(&nadia);
	struct address_new a = {
		.kind = "artisan", .name = "Plomberie Koenig",
		.street = "rue de Zurich", .contact = "03 88 00 00 00",
		.trade = "plombier", .patients = PATIENTS_UNKNOWN,
		.person = PERSON_NO,
	};
	int64_t id = 0, reply = 0;

	ck_assert_int_eq(store_address_add(st, &karim, &a, &id), STORE_OK);
	ck_assert_uint_eq(seen(k), CHANGE_ADDRESSES);
	ck_assert_int_eq(store_address_recommend(st, &marie, id,
	    "Venu un dimanche.", &reply), STORE_OK);
	ck_assert_uint_eq(seen(k), CHANGE_ADDRESSES);
	ck_assert_uint_eq(seen(n), 0);
}
END_TEST

START_TEST(each_board_its_own_counter)
{
	struct watch *k = watch(&marie), *n = watch(&nadia);
	struct classified_new ad = {
		.kind = AD_SELL, .category = "furniture", .title = "Commode",
		.body = "En chêne, trois tiroirs.", .price_cents = 4000,
	};
	struct lending_new lend = {
		.direction = LENDING_OFFER, .nature = LENDING_OBJECT,
		.title = "Escabeau", .body = "Cinq marches, léger.",
	};
	struct event_new ev = {
		.title = "Apéro de la rue", .body = "Chacun apporte un plat.",
		.place = "Place du Marché-Gayot",
		.starts_at = clock_now + 3 * 86400,
	};
	int64_t id = 0, loan = 0;
	int position;

	ck_assert_int_eq(store_classified_add(st, &karim, &ad, 30, &id),
	    STORE_OK);
	ck_assert_uint_eq(seen(k), CHANGE_CLASSIFIEDS);
	ck_assert_int_eq(store_classified_set_status(st, &karim, id,
	    AD_RESERVED), STORE_OK);
	ck_assert_uint_eq(seen(k), CHANGE_CLASSIFIEDS);

	ck_assert_int_eq(store_lending_add(st, &karim, &lend, &id), STORE_OK);
	ck_assert_uint_eq(seen(k), CHANGE_LENDING);
	ck_assert_int_eq(store_loan_ask(st, &marie, id, "Pour samedi ?",
	    &loan), STORE_OK);
	/* The lender is told by a notice from marie: in her mail too. */
	ck_assert_uint_eq(seen(k), CHANGE_LENDING | CHANGE_MAIL);
	ck_assert_uint_eq(seen(n), 0);
	ck_assert_int_eq(store_loan_decide(st, &karim, loan, true, 7),
	    STORE_OK);
	ck_assert_uint_eq(seen(k) & ~CHANGE_MAIL, CHANGE_LENDING);

	ck_assert_int_eq(store_event_add(st, &karim, &ev, &id), STORE_OK);
	ck_assert_uint_eq(seen(k), CHANGE_EVENTS);
	ck_assert_int_eq(store_event_rsvp(st, &marie, id, RSVP_YES,
	    &position), STORE_OK);
	ck_assert_uint_eq(seen(k), CHANGE_EVENTS);
	ck_assert_uint_eq(seen(n), 0);
}
END_TEST

START_TEST(mail_wakes_its_two_sides_only)
{
	struct viewer lea = { add_resident("lea", krutenau,
	    RESIDENT_VERIFIED) };
	struct watch *to = watch(&karim), *from = watch(&marie);
	struct watch *other = watch(&lea), *far = watch(&nadia);
	struct mail_new m = {
		.recipient_id = karim.resident_id, .subject = "Perceuse",
		.body = "Je peux passer la prendre ce soir ?",
	};
	int64_t id = 0;

	ck_assert_int_eq(store_mail_send(st, &marie, &m, &id), STORE_OK);
	ck_assert_uint_eq(seen(to), CHANGE_MAIL);
	ck_assert_uint_eq(seen(from), CHANGE_MAIL);
	ck_assert_uint_eq(seen(other), 0);
	ck_assert_uint_eq(seen(far), 0);

	ck_assert_int_eq(store_mail_mark_read(st, &karim, id), STORE_OK);
	ck_assert_uint_eq(seen(to), CHANGE_MAIL);
	ck_assert_uint_eq(seen(other), 0);
	ck_assert_int_eq(store_mail_delete(st, &karim, id), STORE_OK);
	ck_assert_uint_eq(seen(to), CHANGE_MAIL);
	ck_assert_uint_eq(seen(other), 0);
	ck_assert_uint_eq(seen(far), 0);
}
END_TEST

START_TEST(residents_and_moderation)
{
	struct watch *k = watch(&marie), *h = watch(&hugo);
	struct watch *n = watch(&nadia);
	struct viewer camille = { add_resident("camille", krutenau,
	    RESIDENT_VERIFIED) };
	struct actor modo = { camille.resident_id, NULL };
	char *sql;
	int64_t id, report = 0;

	/* A newcomer waits in the quartier. */
	ck_assert_uint_eq(seen(k), CHANGE_RESIDENTS);
	ck_assert_uint_eq(seen(h), CHANGE_RESIDENTS);
	ck_assert_uint_eq(seen(n), 0);
	/* Hugo, pending, sees his own verification come. */
	ck_assert_int_eq(store_verify_in_person(st, hugo.resident_id,
	    "mairie"), STORE_OK);
	ck_assert_uint_eq(seen(h) & CHANGE_RESIDENTS, CHANGE_RESIDENTS);
	ck_assert_uint_eq(seen(k) & CHANGE_RESIDENTS, CHANGE_RESIDENTS);
	ck_assert_uint_eq(seen(n), 0);

	sql = xasprintf("UPDATE residents SET role = 'moderator'"
	    " WHERE id = %lld", (long long)camille.resident_id);
	raw_exec(db_path, sql);
	free(sql);
	ck_assert_uint_eq(seen(k), CHANGE_RESIDENTS);

	id = post(&karim, "Trottinette zébrée");
	ck_assert_uint_eq(seen(k), CHANGE_WALL);
	ck_assert_int_eq(store_report(st, &marie, REPORT_ITEM, id,
	    "Propos blessants", &report), STORE_OK);
	ck_assert_uint_eq(seen(k), CHANGE_REPORTS);
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_ITEM, id,
	    "Propos blessants"), STORE_OK);
	/* The post goes, the log and the queue move; the author is told. */
	ck_assert_uint_eq(seen(k), CHANGE_WALL | CHANGE_REPORTS);
	ck_assert_int_eq(store_mod_suspend(st, &modo, karim.resident_id, 0,
	    "Récidive"), STORE_OK);
	ck_assert_uint_eq(seen(k) & CHANGE_RESIDENTS, CHANGE_RESIDENTS);
	ck_assert_uint_eq(seen(n), 0);
}
END_TEST

/* What only its writer sees, or nobody: no session has to look again. */
START_TEST(private_writes_wake_nobody)
{
	struct watch *k = watch(&karim);
	struct draft d;
	int64_t live = 0, draft = 0, id, last;

	id = post(&karim, "Vide-grenier");
	ck_assert_uint_eq(seen(k), CHANGE_WALL);

	ck_assert_int_eq(store_resident_logged_in(st, marie.resident_id,
	    &last), STORE_OK);
	ck_assert_int_eq(store_live_start(st, marie.resident_id, getpid(),
	    LIVE_SSH, "192.0.2.1", &live), STORE_OK);
	tick(60);
	ck_assert_int_eq(store_live_touch(st, live), STORE_OK);
	ck_assert_int_eq(store_wall_mark_read(st, &marie, id), STORE_OK);
	ck_assert_int_eq(store_board_visit(st, &marie, "classifieds"),
	    STORE_OK);
	memset(&d, 0, sizeof d);
	d.screen = xstrdup("compose");
	d.label = xstrdup("Nouveau message");
	d.summary = xstrdup("Titre");
	draft_set(&d, "body", "Texte");
	ck_assert_int_eq(store_draft_save(st, &marie, &d, &draft), STORE_OK);
	draft_clear(&d);
	ck_assert_int_eq(store_live_end(st, live), STORE_OK);
	ck_assert_uint_eq(seen(k), 0);
}
END_TEST

/* A file of version 6 gets the counters and their triggers. */
START_TEST(version_6_database_gets_the_counters)
{
	struct watch *k;
	char *err = NULL;

	store_close(st);
	raw_exec(db_path, V10_UNDO V9_UNDO V8_UNDO V7_UNDO "PRAGMA user_version = 6");
	ck_assert_int_eq(count_rows("sqlite_schema WHERE name = 'changes'"),
	    0);
	ck_assert_int_eq(store_open(db_path, 0, &st, &err), 0);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(count_rows("sqlite_schema WHERE type = 'trigger'"
	    " AND name LIKE '%change%'"), 28);
	k = watch(&marie);
	post(&karim, "Après la mise à jour");
	ck_assert_uint_eq(seen(k), CHANGE_WALL);
}
END_TEST

Suite *
changes_suite(void)
{
	Suite *s = suite_create("changes");
	TCase *tc;

	tc = tcase_create("changes");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, a_post_wakes_its_quartier_only);
	tcase_add_test(tc, a_shared_post_wakes_the_neighbours);
	tcase_add_test(tc, each_board_its_own_counter);
	tcase_add_test(tc, addresses_their_own_counter);
	tcase_add_test(tc, mail_wakes_its_two_sides_only);
	tcase_add_test(tc, residents_and_moderation);
	tcase_add_test(tc, private_writes_wake_nobody);
	tcase_add_test(tc, version_6_database_gets_the_counters);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tap_run(changes_suite());
}
