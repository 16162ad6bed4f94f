/*
 * test-lending.c - prêts et services: items, the loan's state machine on
 * an offer and on a request, refusals, overdue loans and their reminder,
 * mercis, the mail each step sends, and the viewer rule.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "quartier.h"
#include "store.h"
#include "tap.h"
#include "fixture.h"

#define DAY	86400

/* One number from the test database, with a connection of its own. */
static int64_t
sql_int(const char *fmt, ...)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	va_list ap;
	char sql[1024];
	int64_t n = -1;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	ck_assert_int_eq(sqlite3_open(db_path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return n;
}

/* The messages in V's inbox. */
static int
inbox(const struct viewer *v)
{
	return (int)sql_int("SELECT count(*) FROM messages"
	    " WHERE recipient_id = %lld AND recipient_deleted = 0",
	    (long long)v->resident_id);
}

static int64_t
item(const struct viewer *v, enum lending_direction d, enum lending_nature n,
    const char *title)
{
	struct lending_new new = {
		.direction = d, .nature = n, .title = title,
		.body = "Description.",
	};
	int64_t id = 0;

	ck_assert_int_eq(store_lending_add(st, v, &new, &id), STORE_OK);
	tick(1);
	return id;
}

static int64_t
ask(const struct viewer *v, int64_t item_id, const char *note)
{
	int64_t id = 0;

	ck_assert_int_eq(store_loan_ask(st, v, item_id, note, &id), STORE_OK);
	tick(1);
	return id;
}

static int
mercis(const struct viewer *v)
{
	int n = -1;

	ck_assert_int_eq(store_mercis(st, &marie, v->resident_id, &n),
	    STORE_OK);
	return n;
}

static struct lending
get(const struct viewer *v, int64_t id)
{
	struct lending l;

	ck_assert_int_eq(store_lending_get(st, v, id, &l), STORE_OK);
	return l;
}

static const char *
loan_status(int64_t loan)
{
	static char buf[32];
	sqlite3 *db;
	sqlite3_stmt *stmt;

	buf[0] = '\0';
	ck_assert_int_eq(sqlite3_open(db_path, &db), SQLITE_OK);
	sqlite3_prepare_v2(db, "SELECT status FROM loans WHERE id = ?", -1,
	    &stmt, NULL);
	sqlite3_bind_int64(stmt, 1, loan);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		snprintf(buf, sizeof buf, "%s", sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return buf;
}

/* Items. */

START_TEST(items_added_read_and_refused)
{
	struct lending_new bad = { LENDING_OFFER, LENDING_OBJECT, "  ", "x" };
	struct lending l;
	int64_t id, n;
	char *big;

	id = item(&marie, LENDING_OFFER, LENDING_OBJECT, "Perceuse");
	l = get(&karim, id);
	ck_assert_str_eq(l.title, "Perceuse");
	ck_assert_str_eq(l.body, "Description.");
	ck_assert_int_eq(l.direction, LENDING_OFFER);
	ck_assert_int_eq(l.nature, LENDING_OBJECT);
	ck_assert_int_eq(l.author_id, marie.resident_id);
	ck_assert_str_eq(l.author_name, "marie");
	ck_assert(!l.mine);
	ck_assert_int_eq(l.loan_id, 0);
	lending_clear(&l);
	l = get(&marie, id);
	ck_assert(l.mine);
	lending_clear(&l);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM items WHERE id = %lld"
	    " AND kind = 'lending' AND category = 'object'", (long long)id), 1);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM search_rows"
	    " WHERE item_id = %lld AND reply_id = 0 AND title != ''",
	    (long long)id), 1);

	n = count_rows("items");
	ck_assert_int_eq(store_lending_add(st, &marie, &bad, NULL),
	    STORE_INVALID);
	ck_assert_ptr_nonnull(strstr(store_message(st, STORE_INVALID),
	    "title"));
	bad.title = "Ok";
	bad.direction = 7;
	ck_assert_int_eq(store_lending_add(st, &marie, &bad, NULL),
	    STORE_INVALID);
	bad.direction = LENDING_REQUEST;
	bad.nature = -1;
	ck_assert_int_eq(store_lending_add(st, &marie, &bad, NULL),
	    STORE_INVALID);
	bad.nature = LENDING_SERVICE;
	big = xmalloc(1024 * 1024 + 1);
	memset(big, 'a', 1024 * 1024);
	big[1024 * 1024] = '\0';
	bad.body = big;
	ck_assert_int_eq(store_lending_add(st, &marie, &bad, NULL),
	    STORE_INVALID);
	bad.title = big;
	bad.body = "";
	ck_assert_int_eq(store_lending_add(st, &marie, &bad, NULL),
	    STORE_INVALID);
	free(big);
	ck_assert_int_eq(count_rows("items"), n);

	/* An empty description is fine; escapes are cleaned out. */
	bad.title = "Aide \033[2J étagère";
	bad.body = "";
	ck_assert_int_eq(store_lending_add(st, &marie, &bad, &id), STORE_OK);
	l = get(&marie, id);
	ck_assert_str_eq(l.title, "Aide  étagère");
	ck_assert_str_eq(l.body, "");
	ck_assert_int_eq(l.direction, LENDING_REQUEST);
	ck_assert_int_eq(l.nature, LENDING_SERVICE);
	lending_clear(&l);
}
END_TEST

START_TEST(items_paged_and_filtered)
{
	struct lending_filter all = { -1, -1, false };
	struct lending_filter f;
	struct wall_cursor at = { 0, 0 };
	struct lending *p;
	size_t n, seen = 0, i;
	int k;

	for (k = 0; k < 12; k++) {
		char title[32];

		snprintf(title, sizeof title, "Objet %d", k);
		item(k % 2 ? &marie : &karim, k % 3 == 0 ? LENDING_REQUEST :
		    LENDING_OFFER, k % 4 == 0 ? LENDING_SERVICE :
		    LENDING_OBJECT, title);
	}
	/* Key paging visits each item once, newest first. */
	for (;;) {
		ck_assert_int_eq(store_lending_page(st, &marie, &all, &at, 5, &p,
		    &n), STORE_OK);
		for (i = 0; i < n; i++) {
			char title[32];

			snprintf(title, sizeof title, "Objet %zu", 11 - seen);
			ck_assert_str_eq(p[i].title, title);
			ck_assert_ptr_null(p[i].body);
			seen++;
		}
		if (n == 0) {
			free(p);
			break;
		}
		at.created_at = p[n - 1].created_at;
		at.id = p[n - 1].id;
		lending_list_free(p, n);
	}
	ck_assert_uint_eq(seen, 12);

	f = all;
	f.direction = LENDING_REQUEST;
	ck_assert_int_eq(store_lending_page(st, &marie, &f, NULL, 50, &p, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 4);	/* 0, 3, 6, 9 */
	for (i = 0; i < n; i++)
		ck_assert_int_eq(p[i].direction, LENDING_REQUEST);
	lending_list_free(p, n);

	f = all;
	f.nature = LENDING_SERVICE;
	ck_assert_int_eq(store_lending_page(st, &marie, &f, NULL, 50, &p, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 3);	/* 0, 4, 8 */
	lending_list_free(p, n);

	f = all;
	f.mine = true;
	ck_assert_int_eq(store_lending_page(st, &marie, &f, NULL, 50, &p, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 6);
	for (i = 0; i < n; i++)
		ck_assert(p[i].mine);
	lending_list_free(p, n);

	f.direction = LENDING_OFFER;
	f.nature = LENDING_OBJECT;
	ck_assert_int_eq(store_lending_page(st, &marie, &f, NULL, 50, &p, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 4);	/* 1, 5, 7, 11 */
	lending_list_free(p, n);
}
END_TEST

START_TEST(items_new_since_previous_visit)
{
	struct lending_filter all = { -1, -1, false };
	struct menu_counts c;
	struct lending *p;
	size_t n;

	item(&marie, LENDING_OFFER, LENDING_OBJECT, "Avant");
	ck_assert_int_eq(store_board_visit(st, &karim, "lending"), STORE_OK);
	tick(10);
	item(&marie, LENDING_OFFER, LENDING_OBJECT, "Après");
	item(&karim, LENDING_OFFER, LENDING_OBJECT, "Le mien");
	ck_assert_int_eq(store_menu_counts(st, &karim, &c), STORE_OK);
	ck_assert_int_eq(c.lending_new, 1);
	tick(10);
	ck_assert_int_eq(store_board_visit(st, &karim, "lending"), STORE_OK);
	ck_assert_int_eq(store_lending_page(st, &karim, &all, NULL, 50, &p,
	    &n), STORE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(p[0].title, "Le mien");
	ck_assert(!p[0].is_new);		/* one's own is never new */
	ck_assert_str_eq(p[1].title, "Après");
	ck_assert(p[1].is_new);
	ck_assert(!p[2].is_new);
	lending_list_free(p, n);
	ck_assert_int_eq(store_menu_counts(st, &karim, &c), STORE_OK);
	ck_assert_int_eq(c.lending_new, 0);
}
END_TEST

START_TEST(items_edited_and_deleted)
{
	struct lending_new change = { LENDING_REQUEST, LENDING_OBJECT,
	    "Perceuse à percussion", "Avec les mèches." };
	struct lending_filter all = { -1, -1, false };
	struct viewer lea;
	struct lending l, *p;
	int64_t id, loan, waiting;
	int lea_mail;
	size_t n;

	lea.resident_id = add_resident("lea", krutenau, RESIDENT_VERIFIED);
	id = item(&marie, LENDING_OFFER, LENDING_OBJECT, "Perceuse");
	ck_assert_int_eq(store_lending_edit(st, &karim, id, &change),
	    STORE_DENIED);
	loan = ask(&karim, id, "Pour samedi ?");
	/* What the asker answered cannot turn into something else. */
	ck_assert_int_eq(store_lending_edit(st, &marie, id, &change),
	    STORE_DENIED);
	change.direction = LENDING_OFFER;
	ck_assert_int_eq(store_lending_edit(st, &marie, id, &change), STORE_OK);
	l = get(&karim, id);
	ck_assert_str_eq(l.title, "Perceuse à percussion");
	ck_assert_str_eq(l.body, "Avec les mèches.");
	ck_assert_int_gt(l.updated_at, 0);
	lending_clear(&l);

	/* Lent: it cannot be deleted; Léa's request waits meanwhile. */
	ck_assert_int_eq(store_loan_decide(st, &marie, loan, true, 7),
	    STORE_OK);
	waiting = ask(&lea, id, "Après Karim ?");
	ck_assert_int_eq(store_lending_delete(st, &karim, id), STORE_DENIED);
	ck_assert_int_eq(store_lending_delete(st, &marie, id), STORE_DENIED);
	ck_assert_ptr_nonnull(strstr(store_message(st, STORE_DENIED),
	    "returned"));
	ck_assert_int_eq(store_loan_returned(st, &marie, loan), STORE_OK);
	lea_mail = inbox(&lea);
	ck_assert_int_eq(store_lending_delete(st, &marie, id), STORE_OK);
	ck_assert_str_eq(loan_status(waiting), "declined");
	ck_assert_int_eq(inbox(&lea), lea_mail + 1);
	ck_assert_int_eq(store_lending_get(st, &karim, id, &l),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_lending_page(st, &marie, &all, NULL, 50, &p,
	    &n), STORE_OK);
	ck_assert_uint_eq(n, 0);
	free(p);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM search_rows"
	    " WHERE item_id = %lld AND reply_id = 0 AND title != ''",
	    (long long)id), 0);
	ck_assert_int_eq(store_lending_delete(st, &marie, id),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_loan_ask(st, &karim, id, "", NULL),
	    STORE_NOT_FOUND);
}
END_TEST

/* Loans on an offer. */

START_TEST(offer_loan_cycle)
{
	struct menu_counts c;
	struct lending l;
	struct loan *loans;
	size_t n;
	int64_t id, loan, now;

	id = item(&marie, LENDING_OFFER, LENDING_OBJECT, "Perceuse");
	loan = ask(&karim, id, "Pour une étagère, samedi ?");
	ck_assert_str_eq(loan_status(loan), "requested");
	ck_assert_int_eq(sql_int("SELECT count(*) FROM loans WHERE id = %lld"
	    " AND borrower_id = %lld AND lender_id IS NULL",
	    (long long)loan, (long long)karim.resident_id), 1);
	/* Marie is told, by Karim, about the item. */
	ck_assert_int_eq(inbox(&marie), 1);
	ck_assert_int_eq(inbox(&karim), 0);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM messages"
	    " WHERE recipient_id = %lld AND sender_id = %lld"
	    " AND about_item_id = %lld AND body LIKE '%%samedi%%'",
	    (long long)marie.resident_id, (long long)karim.resident_id,
	    (long long)id), 1);
	ck_assert_int_eq(store_menu_counts(st, &marie, &c), STORE_OK);
	ck_assert_int_eq(c.loans_waiting, 1);
	l = get(&marie, id);
	ck_assert_int_eq(l.requests, 1);
	ck_assert_int_eq(l.my_loan_id, 0);
	lending_clear(&l);
	l = get(&karim, id);
	ck_assert_int_eq(l.requests, 0);	/* the author's business */
	ck_assert_int_eq(l.my_loan_id, loan);
	ck_assert_int_eq(l.my_loan_status, LOAN_REQUESTED);
	lending_clear(&l);

	/* Marie lends it for a week. */
	now = clock_now;
	ck_assert_int_eq(store_loan_decide(st, &marie, loan, true, 7),
	    STORE_OK);
	ck_assert_int_eq(inbox(&karim), 1);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM messages"
	    " WHERE recipient_id = %lld AND sender_id = %lld",
	    (long long)karim.resident_id, (long long)marie.resident_id), 1);
	ck_assert_int_eq(store_menu_counts(st, &marie, &c), STORE_OK);
	ck_assert_int_eq(c.loans_waiting, 0);
	ck_assert_int_eq(c.loans_overdue, 0);
	l = get(&marie, id);
	ck_assert_int_eq(l.loan_id, loan);
	ck_assert_str_eq(l.loan_with, "karim");
	ck_assert_int_eq(l.due_at, now + 7 * DAY);
	ck_assert(!l.overdue);
	lending_clear(&l);
	l = get(&karim, id);
	ck_assert_int_eq(l.my_loan_status, LOAN_ACCEPTED);
	lending_clear(&l);
	tick(60);

	/* Only the lender marks it returned; merci comes after. */
	ck_assert_int_eq(store_loan_merci(st, &karim, loan), STORE_DENIED);
	ck_assert_int_eq(store_loan_returned(st, &karim, loan), STORE_DENIED);
	ck_assert_ptr_nonnull(strstr(store_message(st, STORE_DENIED),
	    "lender"));
	ck_assert_int_eq(store_loan_returned(st, &marie, loan), STORE_OK);
	ck_assert_str_eq(loan_status(loan), "returned");
	ck_assert_int_eq(inbox(&karim), 2);
	ck_assert_int_eq(store_loan_returned(st, &marie, loan), STORE_DENIED);
	l = get(&karim, id);
	ck_assert_int_eq(l.loan_id, 0);
	ck_assert_int_eq(l.my_loan_id, 0);
	lending_clear(&l);

	ck_assert_int_eq(store_loan_merci(st, &marie, loan), STORE_DENIED);
	ck_assert_int_eq(mercis(&marie), 0);
	ck_assert_int_eq(store_loan_merci(st, &karim, loan), STORE_OK);
	ck_assert_int_eq(inbox(&marie), 2);
	ck_assert_int_eq(store_loan_merci(st, &karim, loan), STORE_DENIED);
	ck_assert_ptr_nonnull(strstr(store_message(st, STORE_DENIED),
	    "already"));
	ck_assert_int_eq(inbox(&marie), 2);
	ck_assert_int_eq(mercis(&marie), 1);
	ck_assert_int_eq(mercis(&karim), 0);

	/* The history, for the author. */
	ck_assert_int_eq(store_loans_of_item(st, &marie, id, &loans, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(loans[0].status, LOAN_RETURNED);
	ck_assert_str_eq(loans[0].note, "Pour une étagère, samedi ?");
	ck_assert_str_eq(loans[0].borrower_name, "karim");
	ck_assert_str_eq(loans[0].lender_name, "marie");
	ck_assert_int_eq(loans[0].lender_id, marie.resident_id);
	ck_assert_int_gt(loans[0].merci_at, 0);
	ck_assert_int_gt(loans[0].returned_at, 0);
	ck_assert(loans[0].i_lend);
	ck_assert(loans[0].i_decide);
	loan_list_free(loans, n);
	/* It can be borrowed again; a note loses its escape sequences. */
	loan = ask(&karim, id, "Encore \033[2Jmerci");
	ck_assert_int_eq(sql_int("SELECT count(*) FROM loans WHERE id = %lld"
	    " AND note = 'Encore merci'", (long long)loan), 1);
	ck_assert_int_eq(store_loan_decide(st, &marie, loan, true, 1),
	    STORE_OK);
}
END_TEST

START_TEST(offer_refusals)
{
	struct viewer lea;
	struct loan *loans;
	size_t n;
	int64_t id, loan, second, mine;
	char *big;
	int before;

	lea.resident_id = add_resident("lea", krutenau, RESIDENT_VERIFIED);
	id = item(&marie, LENDING_OFFER, LENDING_OBJECT, "Échelle");
	mine = item(&karim, LENDING_OFFER, LENDING_OBJECT, "Diable");

	/* Asking one's own item, asking twice, a note too long. */
	ck_assert_int_eq(store_loan_ask(st, &marie, id, "", NULL),
	    STORE_DENIED);
	ck_assert_ptr_nonnull(strstr(store_message(st, STORE_DENIED),
	    "your own"));
	loan = ask(&karim, id, "Pour repeindre");
	ck_assert_int_eq(store_loan_ask(st, &karim, id, "Encore", NULL),
	    STORE_DENIED);
	ck_assert_ptr_nonnull(strstr(store_message(st, STORE_DENIED),
	    "already asked"));
	big = xmalloc(1024 * 1024 + 1);
	memset(big, 'z', 1024 * 1024);
	big[1024 * 1024] = '\0';
	before = count_rows("loans");
	ck_assert_int_eq(store_loan_ask(st, &lea, id, big, NULL),
	    STORE_INVALID);
	free(big);
	ck_assert_int_eq(count_rows("loans"), before);
	ck_assert_int_eq(store_loan_ask(st, &lea, 999999, "", NULL),
	    STORE_NOT_FOUND);

	/* Only the author decides, with 1 to 365 days. */
	ck_assert_int_eq(store_loan_decide(st, &karim, loan, true, 7),
	    STORE_DENIED);
	ck_assert_int_eq(store_loan_decide(st, &lea, loan, true, 7),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_loan_decide(st, &marie, loan, true, 0),
	    STORE_INVALID);
	ck_assert_int_eq(store_loan_decide(st, &marie, loan, true, 366),
	    STORE_INVALID);
	ck_assert_str_eq(loan_status(loan), "requested");
	ck_assert_int_eq(store_loan_decide(st, &marie, 999999, true, 7),
	    STORE_NOT_FOUND);

	/* Léa asks too; one loan at a time. */
	second = ask(&lea, id, "Moi aussi");
	ck_assert_int_eq(store_loan_decide(st, &marie, loan, true, 365),
	    STORE_OK);
	ck_assert_int_eq(store_loan_decide(st, &marie, loan, false, 0),
	    STORE_DENIED);
	ck_assert_int_eq(store_loan_decide(st, &marie, second, true, 7),
	    STORE_DENIED);
	ck_assert_ptr_nonnull(strstr(store_message(st, STORE_DENIED),
	    "lent already"));
	ck_assert_str_eq(loan_status(second), "requested");
	/* Karim's loan accepted cannot be withdrawn; Léa's request can,
	 * by her alone. */
	ck_assert_int_eq(store_loan_cancel(st, &karim, loan), STORE_DENIED);
	ck_assert_int_eq(store_loan_cancel(st, &marie, second), STORE_DENIED);
	ck_assert_int_eq(store_loan_cancel(st, &karim, second),
	    STORE_NOT_FOUND);
	before = inbox(&marie);
	ck_assert_int_eq(store_loan_cancel(st, &lea, second), STORE_OK);
	ck_assert_str_eq(loan_status(second), "cancelled");
	ck_assert_int_eq(inbox(&marie), before + 1);
	ck_assert_int_eq(store_loan_cancel(st, &lea, second), STORE_DENIED);
	ck_assert_int_eq(store_loan_decide(st, &marie, second, true, 7),
	    STORE_DENIED);

	/* Declining: the asker is told. */
	second = ask(&lea, id, "Et maintenant ?");
	before = inbox(&lea);
	ck_assert_int_eq(store_loan_decide(st, &marie, second, false, 0),
	    STORE_OK);
	ck_assert_str_eq(loan_status(second), "declined");
	ck_assert_int_eq(inbox(&lea), before + 1);

	/* Each side sees only their own loans of the item; the author all. */
	ck_assert_int_eq(store_loans_of_item(st, &marie, id, &loans, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(loans[0].status, LOAN_ACCEPTED);
	loan_list_free(loans, n);
	ck_assert_int_eq(store_loans_of_item(st, &karim, id, &loans, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(loans[0].id, loan);
	ck_assert(!loans[0].i_lend);
	ck_assert(!loans[0].i_decide);
	loan_list_free(loans, n);
	ck_assert_int_eq(store_loans_of_item(st, &lea, mine, &loans, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 0);
	free(loans);
}
END_TEST

/* Loans on a request: the neighbour proposes, the author borrows. */

START_TEST(request_propose_flow)
{
	struct lending l;
	struct loan *loans;
	size_t n;
	int64_t ladder, shelf, loan, help;
	int sent;

	ladder = item(&karim, LENDING_REQUEST, LENDING_OBJECT,
	    "Cherche une échelle");
	loan = ask(&marie, ladder, "J'en ai une de 3 m.");
	ck_assert_int_eq(sql_int("SELECT count(*) FROM loans WHERE id = %lld"
	    " AND borrower_id = %lld AND lender_id = %lld", (long long)loan,
	    (long long)karim.resident_id, (long long)marie.resident_id), 1);
	ck_assert_int_eq(inbox(&karim), 1);
	l = get(&marie, ladder);
	ck_assert_int_eq(l.my_loan_id, loan);
	lending_clear(&l);
	ck_assert_int_eq(store_loan_decide(st, &marie, loan, true, 3),
	    STORE_DENIED);
	ck_assert_int_eq(store_loan_decide(st, &karim, loan, true, 3),
	    STORE_OK);
	ck_assert_int_eq(inbox(&marie), 1);
	l = get(&karim, ladder);
	ck_assert_str_eq(l.loan_with, "marie");	/* who lends it */
	lending_clear(&l);
	/* Marie lends: she marks it returned; Karim thanks her. */
	ck_assert_int_eq(store_loan_returned(st, &karim, loan), STORE_DENIED);
	ck_assert_int_eq(store_loan_merci(st, &karim, loan), STORE_DENIED);
	ck_assert_int_eq(store_loan_returned(st, &marie, loan), STORE_OK);
	ck_assert_int_eq(inbox(&karim), 2);
	ck_assert_int_eq(store_loan_merci(st, &marie, loan), STORE_DENIED);
	ck_assert_int_eq(store_loan_merci(st, &karim, loan), STORE_OK);
	ck_assert_int_eq(inbox(&marie), 2);
	ck_assert_int_eq(mercis(&marie), 1);
	ck_assert_int_eq(mercis(&karim), 0);
	ck_assert_int_eq(store_loans_of_item(st, &marie, ladder, &loans, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert(loans[0].i_lend);
	ck_assert(!loans[0].i_decide);
	loan_list_free(loans, n);

	/* A service: merci may come as soon as the help is agreed. */
	shelf = item(&karim, LENDING_REQUEST, LENDING_SERVICE,
	    "Monter une étagère");
	help = ask(&marie, shelf, "Samedi matin ?");
	ck_assert_int_eq(store_loan_merci(st, &karim, help), STORE_DENIED);
	ck_assert_int_eq(store_loan_decide(st, &karim, help, true, 2),
	    STORE_OK);
	ck_assert_int_eq(store_loan_merci(st, &karim, help), STORE_OK);
	ck_assert_int_eq(mercis(&marie), 2);
	ck_assert_int_eq(store_loan_returned(st, &karim, help), STORE_DENIED);
	ck_assert_int_eq(store_loan_returned(st, &marie, help), STORE_OK);
	ck_assert_int_eq(store_loan_merci(st, &karim, help), STORE_DENIED);
	ck_assert_int_eq(mercis(&marie), 2);

	/* Overdue on a request: the proposer lends, and both are reminded. */
	loan = ask(&marie, ladder, "Encore besoin ?");
	ck_assert_int_eq(store_loan_decide(st, &karim, loan, true, 1),
	    STORE_OK);
	tick(2 * DAY);
	ck_assert_int_eq(store_loans_mine(st, &marie, false, &loans, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(loans[0].id, loan);
	ck_assert(loans[0].overdue);
	ck_assert(loans[0].i_lend);
	loan_list_free(loans, n);
	ck_assert_int_eq(store_loans_remind(st, &marie, &sent), STORE_OK);
	ck_assert_int_eq(sent, 2);
	ck_assert_int_eq(store_loans_remind(st, &karim, &sent), STORE_OK);
	ck_assert_int_eq(sent, 0);
}
END_TEST

/* Overdue loans and their reminder. */

START_TEST(overdue_listed_and_reminded_once)
{
	struct menu_counts c;
	struct lending l;
	struct loan *loans;
	size_t n;
	int64_t drill, saw, loan, other;
	int sent, marie_mail, karim_mail;

	drill = item(&marie, LENDING_OFFER, LENDING_OBJECT, "Perceuse");
	saw = item(&marie, LENDING_OFFER, LENDING_OBJECT, "Scie");
	loan = ask(&karim, drill, NULL);
	other = ask(&karim, saw, NULL);
	ck_assert_int_eq(store_loan_decide(st, &marie, loan, true, 2),
	    STORE_OK);
	ck_assert_int_eq(store_loan_decide(st, &marie, other, true, 30),
	    STORE_OK);
	ck_assert_int_eq(store_loans_remind(st, &karim, &sent), STORE_OK);
	ck_assert_int_eq(sent, 0);

	tick(3 * DAY);
	ck_assert_int_eq(store_menu_counts(st, &marie, &c), STORE_OK);
	ck_assert_int_eq(c.loans_overdue, 1);
	ck_assert_int_eq(store_menu_counts(st, &karim, &c), STORE_OK);
	ck_assert_int_eq(c.loans_overdue, 1);
	l = get(&karim, drill);
	ck_assert(l.overdue);
	lending_clear(&l);
	l = get(&karim, saw);
	ck_assert(!l.overdue);
	lending_clear(&l);

	/* Both sides list it, overdue first. */
	ck_assert_int_eq(store_loans_mine(st, &marie, false, &loans, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(loans[0].id, loan);
	ck_assert(loans[0].overdue);
	ck_assert(loans[0].i_lend);
	ck_assert(!loans[1].overdue);
	loan_list_free(loans, n);
	ck_assert_int_eq(store_loans_mine(st, &karim, false, &loans, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(loans[0].id, loan);
	ck_assert(loans[0].overdue);
	ck_assert(!loans[0].i_lend);
	loan_list_free(loans, n);

	/* One reminder to each side, from Quartier, once. */
	marie_mail = inbox(&marie);
	karim_mail = inbox(&karim);
	ck_assert_int_eq(store_loans_remind(st, &karim, &sent), STORE_OK);
	ck_assert_int_eq(sent, 2);
	ck_assert_int_eq(inbox(&marie), marie_mail + 1);
	ck_assert_int_eq(inbox(&karim), karim_mail + 1);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM messages"
	    " WHERE sender_id IS NULL AND about_item_id = %lld",
	    (long long)drill), 2);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM loans WHERE id = %lld"
	    " AND reminded_at IS NOT NULL", (long long)loan), 1);
	ck_assert_int_eq(store_loans_remind(st, &karim, &sent), STORE_OK);
	ck_assert_int_eq(sent, 0);
	ck_assert_int_eq(store_loans_remind(st, &marie, &sent), STORE_OK);
	ck_assert_int_eq(sent, 0);
	ck_assert_int_eq(inbox(&marie), marie_mail + 1);

	/* Back: no longer overdue anywhere; the history keeps it. */
	ck_assert_int_eq(store_loan_returned(st, &marie, loan), STORE_OK);
	ck_assert_int_eq(store_menu_counts(st, &karim, &c), STORE_OK);
	ck_assert_int_eq(c.loans_overdue, 0);
	ck_assert_int_eq(store_loans_mine(st, &marie, false, &loans, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(loans[0].id, other);
	loan_list_free(loans, n);
	/* Karim still has a merci to give for it. */
	ck_assert_int_eq(store_loans_mine(st, &karim, false, &loans, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(loans[1].id, loan);
	ck_assert_int_eq(loans[1].status, LOAN_RETURNED);
	loan_list_free(loans, n);
	ck_assert_int_eq(store_loans_mine(st, &marie, true, &loans, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(loans[0].id, other);
	ck_assert_int_eq(loans[1].id, loan);
	loan_list_free(loans, n);
}
END_TEST

/*
 * The isolation matrix: an offer of Krutenau with a loan in progress and
 * a request waiting; Nadia (Neudorf), Hugo (pending) and Paul (suspended)
 * call every function with those ids and with guessed ones.  They see
 * nothing and change nothing.
 */
START_TEST(isolation_matrix)
{
	const struct viewer *outsiders[] = { &nadia, &hugo, &paul };
	struct lending_filter all = { -1, -1, false };
	struct lending_new new = { LENDING_OFFER, LENDING_OBJECT, "Intrus",
	    "x" };
	struct menu_counts c;
	struct lending *p, got;
	struct loan *loans;
	size_t n, i;
	int64_t id, loan, waiting, new_id;
	int items, lendings, loan_rows, messages, sent, count;

	id = item(&marie, LENDING_OFFER, LENDING_OBJECT, "Perceuse");
	loan = ask(&karim, id, "Svp");
	ck_assert_int_eq(store_loan_decide(st, &marie, loan, true, 1),
	    STORE_OK);
	waiting = ask(&karim, item(&marie, LENDING_OFFER, LENDING_SERVICE,
	    "Vélo"), "Mon vélo ?");
	tick(2 * DAY);		/* overdue, not yet reminded */
	raw_exec(db_path, "UPDATE loans SET merci_at = 1");
	items = count_rows("items");
	lendings = count_rows("lendings");
	loan_rows = count_rows("loans");
	messages = count_rows("messages");
	for (i = 0; i < 3; i++) {
		const struct viewer *v = outsiders[i];
		int64_t ids[] = { loan, waiting, 424242 };
		size_t k;

		ck_assert_int_eq(store_lending_page(st, v, &all, NULL, 50, &p,
		    &n), STORE_OK);
		ck_assert_uint_eq(n, 0);
		free(p);
		ck_assert_int_eq(store_lending_get(st, v, id, &got),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_lending_get(st, v, 424242, &got),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_lending_edit(st, v, id, &new),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_lending_delete(st, v, id),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_loan_ask(st, v, id, "x", NULL),
		    STORE_NOT_FOUND);
		for (k = 0; k < 3; k++) {
			ck_assert_int_eq(store_loan_decide(st, v, ids[k], true,
			    7), STORE_NOT_FOUND);
			ck_assert_int_eq(store_loan_decide(st, v, ids[k], false,
			    0), STORE_NOT_FOUND);
			ck_assert_int_eq(store_loan_cancel(st, v, ids[k]),
			    STORE_NOT_FOUND);
			ck_assert_int_eq(store_loan_returned(st, v, ids[k]),
			    STORE_NOT_FOUND);
			ck_assert_int_eq(store_loan_merci(st, v, ids[k]),
			    STORE_NOT_FOUND);
		}
		ck_assert_int_eq(store_loans_of_item(st, v, id, &loans, &n),
		    STORE_OK);
		ck_assert_uint_eq(n, 0);
		free(loans);
		ck_assert_int_eq(store_loans_mine(st, v, true, &loans, &n),
		    STORE_OK);
		ck_assert_uint_eq(n, 0);
		free(loans);
		ck_assert_int_eq(store_loans_remind(st, v, &sent), STORE_OK);
		ck_assert_int_eq(sent, 0);
		ck_assert_int_eq(store_mercis(st, v, marie.resident_id,
		    &count), STORE_NOT_FOUND);
		ck_assert_int_eq(count, 0);
		ck_assert_int_eq(store_menu_counts(st, v, &c), STORE_OK);
		ck_assert_int_eq(c.loans_overdue + c.loans_waiting +
		    c.lending_new, 0);
		ck_assert_int_eq(store_lending_add(st, v, &new, &new_id),
		    v == &nadia ? STORE_OK : STORE_DENIED);
	}
	/* Nadia's own item, in Neudorf; nothing else changed. */
	ck_assert_int_eq(count_rows("items"), items + 1);
	ck_assert_int_eq(count_rows("lendings"), lendings + 1);
	ck_assert_int_eq(count_rows("loans"), loan_rows);
	ck_assert_int_eq(count_rows("messages"), messages);
	ck_assert_str_eq(loan_status(loan), "accepted");
	ck_assert_str_eq(loan_status(waiting), "requested");
	/* And Krutenau does not see Nadia's item, nor ask for it. */
	ck_assert_int_eq(store_lending_get(st, &marie, new_id, &got),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_loan_ask(st, &marie, new_id, "", NULL),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_mercis(st, &marie, nadia.resident_id, &count),
	    STORE_NOT_FOUND);
}
END_TEST

static Suite *
lending_suite(void)
{
	Suite *s = suite_create("lending");
	TCase *tc;

	tc = tcase_create("items");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, items_added_read_and_refused);
	tcase_add_test(tc, items_paged_and_filtered);
	tcase_add_test(tc, items_new_since_previous_visit);
	tcase_add_test(tc, items_edited_and_deleted);
	suite_add_tcase(s, tc);

	tc = tcase_create("loans");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, offer_loan_cycle);
	tcase_add_test(tc, offer_refusals);
	tcase_add_test(tc, request_propose_flow);
	tcase_add_test(tc, overdue_listed_and_reminded_once);
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
	return tap_run(lending_suite());
}
