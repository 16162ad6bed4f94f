/*
 * test-moderation.c - reports and moderation: every action with its log
 * line and the reports it closes; who may act where (resident, moderator
 * of the quartier, sysop, the console); hidden things seen only by their
 * author, never by search; suspensions that end by themselves at login;
 * warnings marked as from moderation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quartier.h"
#include "store.h"
#include "store-internal.h"
#include "tap.h"
#include "fixture.h"

static struct actor console = { 0, "root" };
static struct actor modo, sysop;	/* Krutenau moderator, Neudorf sysop */
static struct viewer modo_v;

static void
setup(void)
{
	char *sql;

	fixture_setup();
	modo.resident_id = add_resident("camille", krutenau, RESIDENT_VERIFIED);
	sysop.resident_id = add_resident("sylvain", neudorf, RESIDENT_VERIFIED);
	modo_v.resident_id = modo.resident_id;
	sql = xasprintf("UPDATE residents SET role = 'moderator' WHERE id = %lld;"
	    " UPDATE residents SET role = 'sysop' WHERE id = %lld;",
	    (long long)modo.resident_id, (long long)sysop.resident_id);
	raw_exec(db_path, sql);
	free(sql);
}

static int
query_int(const char *sql)
{
	sqlite3_stmt *stmt;
	int n = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

static int64_t
post(const struct viewer *v, const char *title)
{
	int64_t id = 0;

	ck_assert_int_eq(store_wall_add(st, v, "info", title,
	    "Un texte assez long pour le mur.", NULL, &id), STORE_OK);
	tick(1);
	return id;
}

static bool
wall_sees(const struct viewer *v, int64_t id)
{
	struct wall_post p;
	int rc;

	rc = store_wall_get(st, v, id, &p);
	wall_post_clear(&p);
	return rc == STORE_OK;
}

static size_t
search_hits(const struct viewer *v, const char *q)
{
	struct search_hit *h;
	size_t n;

	ck_assert_int_eq(store_search(st, v, q, 50, &h, &n), STORE_OK);
	search_hit_list_free(h, n);
	return n;
}

START_TEST(hide_and_restore_a_post)
{
	struct wall_post p;
	struct wall_post *list;
	size_t n;
	int64_t id, rid;

	setup();
	id = post(&karim, "Trottinette zébrée");
	ck_assert_int_eq(store_report(st, &marie, REPORT_ITEM, id,
	    "Propos blessants", &rid), STORE_OK);
	ck_assert_uint_eq(search_hits(&marie, "zébrée"), 1);

	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_ITEM, id,
	    "Propos blessants envers un voisin"), STORE_OK);
	ck_assert_int_eq(query_int("SELECT count(*) FROM moderation_log"
	    " WHERE action = 'hide' AND target_kind = 'item'"
	    " AND actor_name = 'camille' AND reason LIKE 'Propos%'"), 1);
	ck_assert_int_eq(query_int("SELECT count(*) FROM reports"
	    " WHERE resolved_at IS NOT NULL AND resolution = 'hide'"), 1);
	/* Others see nothing, search finds nothing; the author sees why. */
	ck_assert(!wall_sees(&marie, id));
	ck_assert(!wall_sees(&modo_v, id));
	ck_assert_uint_eq(search_hits(&marie, "zébrée"), 0);
	ck_assert_uint_eq(search_hits(&karim, "zébrée"), 0);
	ck_assert_int_eq(store_wall_get(st, &karim, id, &p), STORE_OK);
	ck_assert(p.hidden);
	ck_assert_str_eq(p.hidden_reason, "Propos blessants envers un voisin");
	wall_post_clear(&p);
	ck_assert_int_eq(store_wall_page(st, &karim, NULL, NULL, 10, &list,
	    &n), STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert(list[0].hidden);
	wall_post_list_free(list, n);
	ck_assert_int_eq(store_wall_page(st, &marie, NULL, NULL, 10, &list,
	    &n), STORE_OK);
	ck_assert_uint_eq(n, 0);
	wall_post_list_free(list, n);
	/* Hiding twice is refused, and says so. */
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_ITEM, id, "encore"),
	    STORE_INVALID);

	ck_assert_int_eq(store_mod_restore(st, &modo, REPORT_ITEM, id,
	    "Reformulé après discussion"), STORE_OK);
	ck_assert(wall_sees(&marie, id));
	ck_assert_uint_eq(search_hits(&marie, "zébrée"), 1);
	ck_assert_int_eq(store_wall_get(st, &karim, id, &p), STORE_OK);
	ck_assert(!p.hidden);
	ck_assert_ptr_null(p.hidden_reason);
	wall_post_clear(&p);
	ck_assert_int_eq(query_int("SELECT count(*) FROM moderation_log"
	    " WHERE action = 'restore'"), 1);
	ck_assert_int_eq(store_mod_restore(st, &modo, REPORT_ITEM, id, "x"),
	    STORE_INVALID);
	fixture_teardown();
}
END_TEST

START_TEST(hide_a_reply_and_a_message)
{
	struct reply *r;
	struct mail_new mn = { 0 };
	size_t n;
	int64_t id, reply, msg;

	setup();
	id = post(&marie, "Fête des voisins");
	ck_assert_int_eq(store_reply_add(st, &karim, id, "Réponse grossière",
	    NULL, &reply), STORE_OK);
	ck_assert_int_eq(store_report(st, &marie, REPORT_REPLY, reply,
	    "Grossier", NULL), STORE_OK);
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_REPLY, reply,
	    "Grossièreté"), STORE_OK);
	ck_assert_uint_eq(search_hits(&marie, "grossière"), 0);
	ck_assert_int_eq(store_reply_list(st, &marie, id, 0, 10, &r, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 0);
	reply_list_free(r, n);
	ck_assert_int_eq(store_reply_list(st, &karim, id, 0, 10, &r, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert(r[0].hidden);
	ck_assert_str_eq(r[0].hidden_reason, "Grossièreté");
	reply_list_free(r, n);
	ck_assert_int_eq(query_int("SELECT count(*) FROM moderation_log"
	    " WHERE action = 'hide' AND target_kind = 'reply'"), 1);
	ck_assert_int_eq(query_int("SELECT count(*) FROM reports"
	    " WHERE resolved_at IS NULL"), 0);
	ck_assert_int_eq(store_mod_restore(st, &modo, REPORT_REPLY, reply,
	    "Excuses faites"), STORE_OK);
	ck_assert_uint_eq(search_hits(&marie, "grossière"), 1);

	mn.recipient_id = marie.resident_id;
	mn.subject = "Menace";
	mn.body = "Texte menaçant";
	ck_assert_int_eq(store_mail_send(st, &karim, &mn, &msg), STORE_OK);
	ck_assert_int_eq(store_report(st, &marie, REPORT_MESSAGE, msg,
	    "Menaces", NULL), STORE_OK);
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_MESSAGE, msg,
	    "Menaces"), STORE_OK);
	ck_assert_int_eq(query_int("SELECT count(*) FROM messages"
	    " WHERE hidden_at IS NOT NULL AND hidden_reason = 'Menaces'"), 1);
	ck_assert_int_eq(query_int("SELECT count(*) FROM moderation_log"
	    " WHERE action = 'hide' AND target_kind = 'message'"), 1);
	ck_assert_int_eq(store_mod_restore(st, &modo, REPORT_MESSAGE, msg,
	    "Erreur"), STORE_OK);
	fixture_teardown();
}
END_TEST

START_TEST(a_reason_is_required)
{
	int64_t id;

	setup();
	id = post(&karim, "Annonce");
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_ITEM, id, ""),
	    STORE_INVALID);
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_ITEM, id, "  \n "),
	    STORE_INVALID);
	ck_assert_ptr_nonnull(strstr(store_detail(st), "reason"));
	ck_assert_int_eq(store_mod_warn(st, &modo, karim.resident_id, NULL, 0),
	    STORE_INVALID);
	ck_assert_int_eq(store_mod_suspend(st, &modo, karim.resident_id, 0,
	    ""), STORE_INVALID);
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_ITEM, id,
	    "bad \x1b[2J escape"), STORE_OK);
	ck_assert_int_eq(query_int("SELECT count(*) FROM moderation_log"
	    " WHERE reason LIKE '%' || char(27) || '%'"), 0);
	ck_assert_int_eq(count_rows("moderation_log"), 1);
	fixture_teardown();
}
END_TEST

/* A reason of STORE_REASON_MAX characters is taken, one more is not,
 * for a report as for an action. */
START_TEST(a_reason_has_one_limit)
{
	char longest[STORE_REASON_MAX + 2];
	int64_t id;

	setup();
	id = post(&karim, "Annonce");
	memset(longest, 'a', STORE_REASON_MAX + 1);
	longest[STORE_REASON_MAX + 1] = '\0';
	ck_assert_int_eq(store_report(st, &marie, REPORT_ITEM, id, longest,
	    NULL), STORE_INVALID);
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_ITEM, id, longest),
	    STORE_INVALID);
	longest[STORE_REASON_MAX] = '\0';
	ck_assert_int_eq(store_report(st, &marie, REPORT_ITEM, id, longest,
	    NULL), STORE_OK);
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_ITEM, id, longest),
	    STORE_OK);
	fixture_teardown();
}
END_TEST

START_TEST(who_may_act)
{
	int64_t k, n, modo2;
	char *sql;

	setup();
	k = post(&karim, "Krutenau");
	n = post(&nadia, "Neudorf");
	modo2 = add_resident("lucien", krutenau, RESIDENT_VERIFIED);
	sql = xasprintf("UPDATE residents SET role = 'moderator'"
	    " WHERE id = %lld", (long long)modo2);
	raw_exec(db_path, sql);
	free(sql);

	/* A resident, even verified, may do nothing. */
	struct actor m = { marie.resident_id, NULL };
	struct actor h = { hugo.resident_id, NULL };
	ck_assert_int_eq(store_mod_hide(st, &m, REPORT_ITEM, k, "r"),
	    STORE_DENIED);
	ck_assert_int_eq(store_mod_warn(st, &m, karim.resident_id, "r", 0),
	    STORE_DENIED);
	ck_assert_int_eq(store_mod_hide(st, &h, REPORT_ITEM, k, "r"),
	    STORE_DENIED);
	ck_assert_int_eq(store_mod_set_role(st, &m, marie.resident_id,
	    ROLE_SYSOP, "r"), STORE_DENIED);
	{
		struct report_info *r;
		struct mod_log_entry *e;
		size_t cnt;
		int c;

		ck_assert_int_eq(store_reports_open(st, &m, 0, 0, 10, &r,
		    &cnt), STORE_DENIED);
		ck_assert_int_eq(store_report_count(st, &m, 0, &c),
		    STORE_DENIED);
		ck_assert_int_eq(store_mod_log(st, &m, 0, NULL, 10, &e, &cnt),
		    STORE_DENIED);
	}

	/* A moderator: their quartier, residents only; no roles. */
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_ITEM, n, "r"),
	    STORE_DENIED);
	ck_assert_int_eq(store_mod_suspend(st, &modo, nadia.resident_id, 0,
	    "r"), STORE_DENIED);
	ck_assert_int_eq(store_mod_suspend(st, &modo, modo2, 0, "r"),
	    STORE_DENIED);
	ck_assert_int_eq(store_mod_warn(st, &modo, sysop.resident_id, "r", 0),
	    STORE_DENIED);
	ck_assert_int_eq(store_mod_suspend(st, &modo, modo.resident_id, 0,
	    "r"), STORE_DENIED);
	ck_assert_int_eq(store_mod_set_role(st, &modo, karim.resident_id,
	    ROLE_MODERATOR, "r"), STORE_DENIED);
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_ITEM, k, "r"),
	    STORE_OK);
	ck_assert_int_eq(count_rows("moderation_log"), 1);

	/* A sysop of Neudorf acts in Krutenau too, on moderators too. */
	ck_assert_int_eq(store_mod_restore(st, &sysop, REPORT_ITEM, k, "r"),
	    STORE_OK);
	ck_assert_int_eq(store_mod_suspend(st, &sysop, modo2, 0, "r"),
	    STORE_OK);
	ck_assert_int_eq(store_mod_lift(st, &sysop, modo2, "r"), STORE_OK);
	ck_assert_int_eq(store_mod_set_role(st, &sysop, karim.resident_id,
	    ROLE_MODERATOR, "Bénévole motivé"), STORE_OK);
	ck_assert_int_eq(query_int("SELECT count(*) FROM residents"
	    " WHERE handle = 'karim' AND role = 'moderator'"), 1);
	ck_assert_int_eq(query_int("SELECT count(*) FROM moderation_log"
	    " WHERE action = 'role' AND reason = 'moderator: Bénévole motivé'"),
	    1);

	/* The console does everything, logged under its user's name. */
	ck_assert_int_eq(store_mod_hide(st, &console, REPORT_ITEM, n, "r"),
	    STORE_OK);
	ck_assert_int_eq(store_mod_set_role(st, &console, karim.resident_id,
	    ROLE_RESIDENT, "fin"), STORE_OK);
	ck_assert_int_eq(query_int("SELECT count(*) FROM moderation_log"
	    " WHERE actor_name = 'root' AND actor_id IS NULL"), 2);
	ck_assert_int_eq(query_int("SELECT count(*) FROM items"
	    " WHERE hidden_at IS NOT NULL AND hidden_by IS NULL"), 1);

	/* Once no longer a moderator, nothing more. */
	ck_assert_int_eq(store_mod_set_role(st, &console, modo.resident_id,
	    ROLE_RESIDENT, "départ"), STORE_OK);
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_ITEM, k, "r"),
	    STORE_DENIED);
	/* Unknown things are not found. */
	ck_assert_int_eq(store_mod_hide(st, &console, REPORT_ITEM, 9999, "r"),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_mod_hide(st, &console, REPORT_RESIDENT,
	    karim.resident_id, "r"), STORE_NOT_FOUND);
	fixture_teardown();
}
END_TEST

START_TEST(suspension_ends_by_itself_at_login)
{
	struct resident r;
	char *hash;

	setup();
	ck_assert_int_eq(store_report(st, &marie, REPORT_RESIDENT,
	    karim.resident_id, "Harcèlement", NULL), STORE_OK);
	ck_assert_int_eq(store_mod_suspend(st, &modo, karim.resident_id,
	    clock_now - 10, "r"), STORE_INVALID);
	ck_assert_int_eq(store_mod_suspend(st, &modo, karim.resident_id,
	    clock_now + 3600, "Harcèlement d'une voisine"), STORE_OK);
	ck_assert_int_eq(query_int("SELECT count(*) FROM residents"
	    " WHERE handle = 'karim' AND status = 'suspended'"
	    " AND suspend_reason = 'Harcèlement d''une voisine'"), 1);
	ck_assert_int_eq(query_int("SELECT count(*) FROM reports"
	    " WHERE resolution = 'suspend'"), 1);
	/* A suspended resident reads nothing. */
	ck_assert(!wall_sees(&karim, post(&marie, "Après")));

	ck_assert_int_eq(store_resident_for_login(st, "karim", &r, &hash),
	    STORE_OK);
	ck_assert_int_eq(r.status, RESIDENT_SUSPENDED);
	resident_clear(&r);
	free(hash);
	tick(3600);
	ck_assert_int_eq(store_resident_for_login(st, "karim", &r, &hash),
	    STORE_OK);
	ck_assert_int_eq(r.status, RESIDENT_VERIFIED);
	resident_clear(&r);
	free(hash);
	ck_assert_int_eq(query_int("SELECT count(*) FROM moderation_log"
	    " WHERE action = 'lift' AND actor_name = 'Quartier'"
	    " AND actor_id IS NULL"), 1);
	ck_assert_int_eq(query_int("SELECT count(*) FROM residents"
	    " WHERE handle = 'karim' AND suspended_until IS NULL"), 1);

	/* Indefinitely: only a lift ends it. */
	ck_assert_int_eq(store_mod_suspend(st, &modo, karim.resident_id, 0,
	    "Récidive"), STORE_OK);
	tick(86400 * 365);
	ck_assert_int_eq(store_resident_for_login(st, "karim", &r, &hash),
	    STORE_OK);
	ck_assert_int_eq(r.status, RESIDENT_SUSPENDED);
	resident_clear(&r);
	free(hash);
	ck_assert_int_eq(store_mod_lift(st, &modo, karim.resident_id,
	    "Après discussion"), STORE_OK);
	ck_assert_int_eq(store_mod_lift(st, &modo, karim.resident_id,
	    "encore"), STORE_INVALID);
	ck_assert_int_eq(query_int("SELECT count(*) FROM moderation_log"
	    " WHERE action = 'lift' AND actor_name = 'camille'"), 1);
	/* Pending residents have nothing to suspend. */
	ck_assert_int_eq(store_mod_suspend(st, &modo, hugo.resident_id, 0,
	    "r"), STORE_INVALID);
	fixture_teardown();
}
END_TEST

START_TEST(warning_is_a_marked_mail)
{
	struct mail_thread *t;
	size_t n;
	int64_t id;
	enum language before;

	setup();
	id = post(&karim, "Vente");
	ck_assert_int_eq(store_report(st, &marie, REPORT_ITEM, id, "Arnaque",
	    NULL), STORE_OK);
	/* Karim blocked the moderator: a warning still arrives. */
	ck_assert_int_eq(store_block(st, &karim, modo.resident_id), STORE_OK);
	ck_assert_int_eq(store_resident_set_language(st, &karim, LANG_EN),
	    STORE_OK);
	before = language_current();
	ck_assert_int_eq(store_mod_warn(st, &modo, karim.resident_id,
	    "Prix trompeur", id), STORE_OK);
	ck_assert_int_eq(language_current(), before);
	ck_assert_int_eq(store_mail_threads(st, &karim, NULL, 10, &t, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert(t[0].from_moderation);
	ck_assert_str_eq(t[0].subject, "Warning from the moderation");
	mail_thread_list_free(t, n);
	ck_assert_int_eq(query_int("SELECT count(*) FROM messages"
	    " WHERE from_moderation = 1 AND body LIKE '%Prix trompeur%'"
	    " AND about_item_id IS NOT NULL"), 1);
	ck_assert_int_eq(query_int("SELECT count(*) FROM moderation_log"
	    " WHERE action = 'warn' AND target_kind = 'resident'"), 1);
	/* The warning about the item answers the reports on it. */
	ck_assert_int_eq(query_int("SELECT count(*) FROM reports"
	    " WHERE resolution = 'warn'"), 1);
	/* From the console: from Quartier itself. */
	ck_assert_int_eq(store_mod_warn(st, &console, karim.resident_id,
	    "Dernier avertissement", 0), STORE_OK);
	ck_assert_int_eq(query_int("SELECT count(*) FROM messages"
	    " WHERE from_moderation = 1 AND sender_id IS NULL"), 1);
	fixture_teardown();
}
END_TEST

START_TEST(queue_lists_and_dismisses)
{
	struct report_info *r;
	struct mod_log_entry *e;
	size_t n;
	int64_t k, nd, rid;
	int c;

	setup();
	k = post(&karim, "Vélo à vendre");
	tick(5);
	nd = post(&nadia, "Neudorf chose");
	ck_assert_int_eq(store_report(st, &marie, REPORT_ITEM, k, "Premier",
	    &rid), STORE_OK);
	tick(5);
	ck_assert_int_eq(store_report(st, &modo_v, REPORT_ITEM, k, "Second",
	    NULL), STORE_OK);
	ck_assert_int_eq(store_report(st, &marie, REPORT_ITEM, k, "Bis",
	    NULL), STORE_DUPLICATE);
	ck_assert_int_eq(store_report(st, &marie, REPORT_RESIDENT,
	    karim.resident_id, "Insultes", NULL), STORE_OK);
	ck_assert_int_eq(store_report(st, &nadia, REPORT_ITEM, nd, "Neudorf",
	    NULL), STORE_OK);

	ck_assert_int_eq(store_reports_open(st, &modo, 0, 0, 10, &r, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);		/* one line per target */
	ck_assert_int_eq(r[0].target, REPORT_ITEM);
	ck_assert_int_eq(r[0].reports, 2);
	ck_assert_str_eq(r[0].reason, "Premier");
	ck_assert_str_eq(r[0].excerpt, "Vélo à vendre");
	ck_assert_str_eq(r[0].author_name, "karim");
	ck_assert_str_eq(r[0].reporter_name, "marie");
	ck_assert_str_eq(r[0].kind, "post");
	ck_assert_str_eq(r[0].quartier, "Krutenau");
	ck_assert_ptr_nonnull(strstr(r[0].text, "Un texte assez long"));
	ck_assert_int_eq(r[1].target, REPORT_RESIDENT);
	ck_assert_int_eq(r[1].author_id, karim.resident_id);
	report_info_list_free(r, n);
	ck_assert_int_eq(store_report_count(st, &modo, 0, &c), STORE_OK);
	ck_assert_int_eq(c, 2);
	ck_assert_int_eq(store_report_count(st, &sysop, 0, &c), STORE_OK);
	ck_assert_int_eq(c, 3);
	ck_assert_int_eq(store_report_count(st, &console, neudorf, &c),
	    STORE_OK);
	ck_assert_int_eq(c, 1);

	ck_assert_int_eq(store_report_dismiss(st, &modo, rid, ""),
	    STORE_INVALID);
	ck_assert_int_eq(store_report_dismiss(st, &modo, rid,
	    "Rien d'anormal"), STORE_OK);
	ck_assert_int_eq(query_int("SELECT count(*) FROM reports"
	    " WHERE resolution = 'dismiss'"), 2);
	ck_assert_int_eq(store_report_dismiss(st, &modo, rid, "x"),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_report_count(st, &modo, 0, &c), STORE_OK);
	ck_assert_int_eq(c, 1);

	/* The log: newest first, the moderator's quartier only. */
	ck_assert_int_eq(store_mod_hide(st, &console, REPORT_ITEM, nd,
	    "Neudorf"), STORE_OK);
	ck_assert_int_eq(store_mod_log(st, &modo, 0, NULL, 10, &e, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(e[0].action, "dismiss");
	ck_assert_str_eq(e[0].target_label, "Vélo à vendre");
	ck_assert_str_eq(e[0].actor_name, "camille");
	ck_assert_str_eq(e[0].quartier, "Krutenau");
	mod_log_list_free(e, n);
	ck_assert_int_eq(store_mod_log(st, &sysop, 0, NULL, 1, &e, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(e[0].action, "hide");
	{
		struct wall_cursor cur = { e[0].created_at, e[0].id };

		mod_log_list_free(e, n);
		ck_assert_int_eq(store_mod_log(st, &sysop, 0, &cur, 10, &e,
		    &n), STORE_OK);
		ck_assert_uint_eq(n, 1);
		ck_assert_str_eq(e[0].action, "dismiss");
		mod_log_list_free(e, n);
	}
	fixture_teardown();
}
END_TEST

START_TEST(every_board_hides_for_others_only)
{
	struct classified_new cn = { AD_SELL, "furniture", "Commode zinzolin",
	    "Belle commode.", 5000 };
	struct lending_new ln = { LENDING_OFFER, LENDING_OBJECT,
	    "Perceuse zinzoline", "Prêtée volontiers." };
	struct event_new en = { "Fête zinzoline", "Venez nombreux.",
	    "Place du Marché-Gayot", 0, 0, 0 };
	struct mail_new mn = { 0 };
	struct classified ad;
	struct lending l;
	struct event e;
	struct mail m;
	int64_t ad_id, l_id, e_id, msg;

	setup();
	en.starts_at = clock_now + 86400;
	ck_assert_int_eq(store_classified_add(st, &karim, &cn, 30, &ad_id),
	    STORE_OK);
	ck_assert_int_eq(store_lending_add(st, &karim, &ln, &l_id), STORE_OK);
	ck_assert_int_eq(store_event_add(st, &karim, &en, &e_id), STORE_OK);
	mn.recipient_id = marie.resident_id;
	mn.subject = "Message zinzolin";
	mn.body = "Texte.";
	ck_assert_int_eq(store_mail_send(st, &karim, &mn, &msg), STORE_OK);
	tick(1);
	ck_assert_uint_eq(search_hits(&marie, "zinzolin"), 3);

	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_ITEM, ad_id,
	    "Annonce A"), STORE_OK);
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_ITEM, l_id,
	    "Prêt B"), STORE_OK);
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_ITEM, e_id,
	    "Fête C"), STORE_OK);
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_MESSAGE, msg,
	    "Message D"), STORE_OK);
	ck_assert_int_eq(count_rows("moderation_log"), 4);
	ck_assert_uint_eq(search_hits(&marie, "zinzolin"), 0);
	ck_assert_uint_eq(search_hits(&karim, "zinzolin"), 0);

	ck_assert_int_eq(store_classified_get(st, &marie, ad_id, &ad),
	    STORE_NOT_FOUND);
	classified_clear(&ad);
	ck_assert_int_eq(store_lending_get(st, &marie, l_id, &l),
	    STORE_NOT_FOUND);
	lending_clear(&l);
	ck_assert_int_eq(store_event_get(st, &marie, e_id, &e),
	    STORE_NOT_FOUND);
	event_clear(&e);
	ck_assert_int_eq(store_mail_get(st, &marie, msg, &m),
	    STORE_NOT_FOUND);
	mail_clear(&m);

	ck_assert_int_eq(store_classified_get(st, &karim, ad_id, &ad),
	    STORE_OK);
	ck_assert(ad.hidden);
	ck_assert_str_eq(ad.hidden_reason, "Annonce A");
	classified_clear(&ad);
	ck_assert_int_eq(store_lending_get(st, &karim, l_id, &l), STORE_OK);
	ck_assert(l.hidden);
	ck_assert_str_eq(l.hidden_reason, "Prêt B");
	lending_clear(&l);
	ck_assert_int_eq(store_event_get(st, &karim, e_id, &e), STORE_OK);
	ck_assert(e.hidden);
	ck_assert_str_eq(e.hidden_reason, "Fête C");
	event_clear(&e);
	ck_assert_int_eq(store_mail_get(st, &karim, msg, &m), STORE_OK);
	ck_assert(m.hidden);
	ck_assert_str_eq(m.hidden_reason, "Message D");
	mail_clear(&m);

	ck_assert_int_eq(store_mod_restore(st, &modo, REPORT_ITEM, ad_id,
	    "ok"), STORE_OK);
	ck_assert_int_eq(store_mod_restore(st, &modo, REPORT_MESSAGE, msg,
	    "ok"), STORE_OK);
	ck_assert_int_eq(store_classified_get(st, &marie, ad_id, &ad),
	    STORE_OK);
	ck_assert(!ad.hidden);
	classified_clear(&ad);
	ck_assert_int_eq(store_mail_get(st, &marie, msg, &m), STORE_OK);
	mail_clear(&m);
	ck_assert_uint_eq(search_hits(&marie, "zinzolin"), 1);
	fixture_teardown();
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("moderation");
	TCase *tc = tcase_create("moderation");

	tcase_add_test(tc, hide_and_restore_a_post);
	tcase_add_test(tc, hide_a_reply_and_a_message);
	tcase_add_test(tc, a_reason_is_required);
	tcase_add_test(tc, a_reason_has_one_limit);
	tcase_add_test(tc, who_may_act);
	tcase_add_test(tc, suspension_ends_by_itself_at_login);
	tcase_add_test(tc, warning_is_a_marked_mail);
	tcase_add_test(tc, queue_lists_and_dismisses);
	tcase_add_test(tc, every_board_hides_for_others_only);
	suite_add_tcase(s, tc);
	return tap_run(s);
}
