/*
 * test-mail.c - private mail: conversations and replies, each side's own
 * copy, unread counts, blocking, reports, the directory, paging, and the
 * viewer rule: nobody outside the quartier, pending or suspended reads or
 * sends anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quartier.h"
#include "store.h"
#include "store-internal.h"
#include "tap.h"
#include "fixture.h"

static int64_t
send_to(const struct viewer *from, const struct viewer *to,
    const char *subject, int64_t reply_to)
{
	struct mail_new mn = {
		.recipient_id = to != NULL ? to->resident_id : 0,
		.subject = subject, .body = "Bonjour,\nà bientôt.",
		.reply_to = reply_to,
	};
	int64_t id = 0;

	ck_assert_int_eq(store_mail_send(st, from, &mn, &id), STORE_OK);
	ck_assert_int_gt(id, 0);
	tick(1);
	return id;
}

static size_t
thread_count(const struct viewer *v)
{
	struct mail_thread *t;
	size_t n;

	ck_assert_int_eq(store_mail_threads(st, v, NULL, 100, &t, &n),
	    STORE_OK);
	mail_thread_list_free(t, n);
	return n;
}

static int
unread(const struct viewer *v)
{
	int n = -1;

	ck_assert_int_eq(store_mail_unread(st, v, &n), STORE_OK);
	return n;
}

START_TEST(first_message_starts_a_thread)
{
	struct mail_thread *t;
	struct mail m;
	size_t n;
	int64_t id;

	id = send_to(&marie, &karim, "Votre vélo", 0);
	ck_assert_int_eq(store_mail_get(st, &karim, id, &m), STORE_OK);
	ck_assert_int_eq(m.thread_id, id);
	ck_assert_int_eq(m.sender_id, marie.resident_id);
	ck_assert_str_eq(m.sender_handle, "marie");
	ck_assert_str_eq(m.subject, "Votre vélo");
	ck_assert_str_eq(m.body, "Bonjour,\nà bientôt.");
	ck_assert(!m.mine);
	ck_assert_int_eq(m.read_at, 0);
	mail_clear(&m);

	ck_assert_int_eq(store_mail_threads(st, &karim, NULL, 10, &t, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(t[0].thread_id, id);
	ck_assert_int_eq(t[0].other_id, marie.resident_id);
	ck_assert_str_eq(t[0].other_name, "marie");
	ck_assert_str_eq(t[0].subject, "Votre vélo");
	ck_assert_int_eq(t[0].count, 1);
	ck_assert_int_eq(t[0].unread, 1);
	mail_thread_list_free(t, n);
	/* The sender has it too, as a conversation with karim, read. */
	ck_assert_int_eq(store_mail_threads(st, &marie, NULL, 10, &t, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(t[0].other_id, karim.resident_id);
	ck_assert_int_eq(t[0].unread, 0);
	mail_thread_list_free(t, n);
}
END_TEST

START_TEST(reply_stays_in_its_thread)
{
	struct mail_thread *t;
	struct mail *list, *sent;
	size_t n, ns;
	int64_t first, second, third, other;

	first = send_to(&marie, &karim, "Apéro", 0);
	other = send_to(&karim, &marie, "Autre sujet", 0);
	second = send_to(&karim, NULL, "Re: Apéro", first);
	third = send_to(&marie, &karim, "Re: Apéro", second);
	ck_assert_int_eq(store_mail_thread(st, &marie, first, &list, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(list[0].id, first);
	ck_assert_int_eq(list[1].id, second);
	ck_assert_int_eq(list[2].id, third);
	ck_assert(list[0].mine && !list[1].mine && list[2].mine);
	ck_assert_int_eq(list[1].thread_id, first);
	ck_assert_ptr_nonnull(list[1].body);
	mail_list_free(list, n);

	/* Two conversations, the one with the newest message first. */
	ck_assert_int_eq(store_mail_threads(st, &karim, NULL, 10, &t, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(t[0].thread_id, first);
	ck_assert_int_eq(t[0].count, 3);
	ck_assert_int_eq(t[0].unread, 2);
	ck_assert_int_eq(t[0].last_id, third);
	ck_assert_str_eq(t[0].subject, "Apéro");
	ck_assert_int_eq(t[1].thread_id, other);
	mail_thread_list_free(t, n);

	/* The sent folder: what karim sent, newest first. */
	ck_assert_int_eq(store_mail_sent(st, &karim, NULL, 10, &sent, &ns),
	    STORE_OK);
	ck_assert_uint_eq(ns, 2);
	ck_assert_int_eq(sent[0].id, second);
	ck_assert_int_eq(sent[1].id, other);
	ck_assert_ptr_null(sent[0].body);
	mail_list_free(sent, ns);

	/* A reply goes to the other side, nobody else. */
	{
		int64_t lea = add_resident("lea", krutenau, RESIDENT_VERIFIED);
		struct mail_new mn = { .recipient_id = lea, .subject = "x",
		    .body = "y", .reply_to = first };

		ck_assert_int_eq(store_mail_send(st, &karim, &mn, NULL),
		    STORE_DENIED);
	}
}
END_TEST

START_TEST(unread_count_and_mark_read)
{
	int64_t a, b;

	ck_assert_int_eq(unread(&karim), 0);
	a = send_to(&marie, &karim, "Un", 0);
	b = send_to(&marie, &karim, "Deux", 0);
	send_to(&marie, &karim, "Re: Un", a);
	ck_assert_int_eq(unread(&karim), 3);
	ck_assert_int_eq(unread(&marie), 0);
	ck_assert_int_eq(store_mail_mark_read(st, &karim, a), STORE_OK);
	ck_assert_int_eq(unread(&karim), 1);
	/* Reading again, or reading as the sender, changes nothing. */
	ck_assert_int_eq(store_mail_mark_read(st, &karim, a), STORE_OK);
	ck_assert_int_eq(store_mail_mark_read(st, &marie, b), STORE_OK);
	ck_assert_int_eq(unread(&karim), 1);
	ck_assert_int_eq(store_mail_mark_read(st, &karim, b), STORE_OK);
	ck_assert_int_eq(unread(&karim), 0);
	ck_assert_int_eq(count_rows("messages WHERE read_at IS NULL"), 0);
	ck_assert_int_eq(store_mail_mark_read(st, &karim, 9999),
	    STORE_NOT_FOUND);
}
END_TEST

START_TEST(each_side_deletes_its_copy)
{
	struct mail *list;
	struct mail m;
	size_t n;
	int64_t first, reply;

	first = send_to(&marie, &karim, "Clés", 0);
	reply = send_to(&karim, &marie, "Re: Clés", first);
	/* Karim deletes the first message: Marie still has it. */
	ck_assert_int_eq(store_mail_delete(st, &karim, first), STORE_OK);
	ck_assert_int_eq(store_mail_get(st, &karim, first, &m),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_mail_get(st, &marie, first, &m), STORE_OK);
	mail_clear(&m);
	ck_assert_int_eq(store_mail_thread(st, &karim, first, &list, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(list[0].id, reply);
	mail_list_free(list, n);
	ck_assert_int_eq(store_mail_delete(st, &karim, first),
	    STORE_NOT_FOUND);
	/* Marie deletes the whole conversation; Karim keeps his reply. */
	ck_assert_int_eq(store_mail_delete_thread(st, &marie, first),
	    STORE_OK);
	ck_assert_uint_eq(thread_count(&marie), 0);
	ck_assert_uint_eq(thread_count(&karim), 1);
	ck_assert_int_eq(store_mail_thread(st, &marie, first, &list, &n),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_mail_delete_thread(st, &marie, first),
	    STORE_NOT_FOUND);
	/* Nothing leaves the file: moderators may need it. */
	ck_assert_int_eq(count_rows("messages"), 2);
}
END_TEST

START_TEST(blocking_stops_delivery)
{
	struct neighbour *b;
	struct mail m;
	size_t n;
	int64_t before, blocked, after;

	before = send_to(&karim, &marie, "Avant", 0);
	ck_assert_int_eq(store_block(st, &marie, karim.resident_id), STORE_OK);
	ck_assert_int_eq(store_block(st, &marie, karim.resident_id), STORE_OK);
	ck_assert_int_eq(store_block(st, &marie, marie.resident_id),
	    STORE_INVALID);
	ck_assert_int_eq(store_block(st, &marie, nadia.resident_id),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_block_list(st, &marie, &b, &n), STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(b[0].id, karim.resident_id);
	ck_assert(b[0].blocked);
	neighbour_list_free(b, n);

	/* Karim's mail is kept for him and never reaches Marie. */
	blocked = send_to(&karim, &marie, "Pendant", 0);
	ck_assert_int_eq(store_mail_get(st, &karim, blocked, &m), STORE_OK);
	mail_clear(&m);
	ck_assert_int_eq(store_mail_get(st, &marie, blocked, &m),
	    STORE_NOT_FOUND);
	send_to(&karim, NULL, "Re: Avant", before);
	ck_assert_int_eq(unread(&marie), 1);	/* "Avant" only */
	ck_assert_uint_eq(thread_count(&marie), 1);
	/* Marie may still write to him. */
	send_to(&marie, &karim, "Moi", 0);

	/* Unblocked, what comes next arrives; what came before does not. */
	ck_assert_int_eq(store_unblock(st, &marie, karim.resident_id),
	    STORE_OK);
	ck_assert_int_eq(store_unblock(st, &marie, karim.resident_id),
	    STORE_NOT_FOUND);
	after = send_to(&karim, &marie, "Après", 0);
	ck_assert_int_eq(store_mail_get(st, &marie, after, &m), STORE_OK);
	mail_clear(&m);
	ck_assert_int_eq(store_mail_get(st, &marie, blocked, &m),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(unread(&marie), 2);
	ck_assert_int_eq(store_block_list(st, &marie, &b, &n), STORE_OK);
	ck_assert_uint_eq(n, 0);
	free(b);
}
END_TEST

START_TEST(send_refused_keeps_nothing)
{
	struct mail_new mn = { .recipient_id = karim.resident_id,
	    .subject = "", .body = "Texte" };
	char *big;

	ck_assert_int_eq(store_mail_send(st, &marie, &mn, NULL),
	    STORE_INVALID);
	ck_assert_str_eq(store_message(st, STORE_INVALID), "Write a subject.");
	mn.subject = "   ";
	ck_assert_int_eq(store_mail_send(st, &marie, &mn, NULL),
	    STORE_INVALID);
	mn.subject = "Sujet";
	mn.body = "\n  \n";
	ck_assert_int_eq(store_mail_send(st, &marie, &mn, NULL),
	    STORE_INVALID);
	ck_assert_str_eq(store_message(st, STORE_INVALID),
	    "Write your message.");
	big = xmalloc(1024 * 1024 + 1);
	memset(big, 'a', 1024 * 1024);
	big[1024 * 1024] = '\0';
	mn.body = big;
	ck_assert_int_eq(store_mail_send(st, &marie, &mn, NULL),
	    STORE_INVALID);
	big[QUARTIER_TITLE_MAX + 1] = '\0';
	mn.subject = big;
	mn.body = "Texte";
	ck_assert_int_eq(store_mail_send(st, &marie, &mn, NULL),
	    STORE_INVALID);
	free(big);
	/* Not to oneself, nor to the pending, suspended or elsewhere. */
	mn.subject = "Sujet";
	mn.recipient_id = marie.resident_id;
	ck_assert_int_eq(store_mail_send(st, &marie, &mn, NULL),
	    STORE_INVALID);
	mn.recipient_id = hugo.resident_id;
	ck_assert_int_eq(store_mail_send(st, &marie, &mn, NULL),
	    STORE_NOT_FOUND);
	mn.recipient_id = paul.resident_id;
	ck_assert_int_eq(store_mail_send(st, &marie, &mn, NULL),
	    STORE_NOT_FOUND);
	mn.recipient_id = nadia.resident_id;
	ck_assert_int_eq(store_mail_send(st, &marie, &mn, NULL),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(count_rows("messages"), 0);

	/* Escape sequences never reach the other side. */
	mn.recipient_id = karim.resident_id;
	mn.subject = "Salut\033[2J";
	mn.body = "Ligne\033[31m rouge";
	ck_assert_int_eq(store_mail_send(st, &marie, &mn, NULL), STORE_OK);
	ck_assert_int_eq(count_rows("messages WHERE subject = 'Salut'"
	    " AND body = 'Ligne rouge'"), 1);
}
END_TEST

START_TEST(about_an_item)
{
	struct mail_new mn = { .recipient_id = karim.resident_id,
	    .subject = "Votre annonce", .body = "Toujours dispo ?" };
	struct mail m;
	char *kind;
	int64_t item, elsewhere, id, reply;

	ck_assert_int_eq(store_wall_add(st, &karim, "deal", "Canapé", "Bleu",
	    NULL, &item), STORE_OK);
	ck_assert_int_eq(store_wall_add(st, &nadia, "deal", "Table", "Bois",
	    NULL, &elsewhere), STORE_OK);
	mn.about_item_id = item;
	ck_assert_int_eq(store_mail_send(st, &marie, &mn, &id), STORE_OK);
	ck_assert_int_eq(store_mail_get(st, &karim, id, &m), STORE_OK);
	ck_assert_int_eq(m.about_item_id, item);
	mail_clear(&m);
	/* The reply is about the same thing. */
	reply = send_to(&karim, NULL, "Re: Votre annonce", id);
	ck_assert_int_eq(store_mail_get(st, &marie, reply, &m), STORE_OK);
	ck_assert_int_eq(m.about_item_id, item);
	mail_clear(&m);
	ck_assert_int_eq(store_item_kind(st, &marie, item, &kind), STORE_OK);
	ck_assert_str_eq(kind, "post");
	free(kind);
	ck_assert_int_eq(store_item_kind(st, &marie, elsewhere, &kind),
	    STORE_NOT_FOUND);
	ck_assert_ptr_null(kind);
	mn.about_item_id = elsewhere;
	ck_assert_int_eq(store_mail_send(st, &marie, &mn, NULL),
	    STORE_NOT_FOUND);
}
END_TEST

/* A notice whose text is FACTS: "subject|body". */
static void
compose_fixed(const void *facts, char **subject, char **body)
{
	const char *bar = strchr(facts, '|');

	*subject = strndup(facts, (size_t)(bar - (const char *)facts));
	*body = strdup(bar + 1);
}

static int
notify(int64_t sender, int64_t recipient, const char *text)
{
	return store_notify(st, &(struct notice){
		.kind = NOTICE_LOAN,
		.recipient_id = recipient,
		.sender_id = sender,
		.compose = compose_fixed,
		.facts = text,
	});
}

/* A notice that says the language it was written in. */
static void
compose_language(const void *facts, char **subject, char **body)
{
	(void)facts;
	*subject = strdup(language_current() == LANG_EN ? "en" : "fr");
	*body = strdup("Texte");
}

/*
 * A notice is written in its recipient's language, whatever the sender's;
 * the sender's comes back after.  One from moderation reaches a resident
 * who blocked its sender, marked; another notice does not.
 */
START_TEST(notices_in_the_recipients_language)
{
	struct notice n = {
		.kind = NOTICE_LOAN,
		.recipient_id = marie.resident_id,
		.sender_id = karim.resident_id,
		.compose = compose_language,
	};

	ck_assert_int_eq(store_resident_set_language(st, &marie, LANG_EN),
	    STORE_OK);
	language_apply(LANG_FR);
	ck_assert_int_eq(store_notify(st, &n), STORE_OK);
	ck_assert_int_eq(language_current(), LANG_FR);
	ck_assert_int_eq(count_rows("messages WHERE subject = 'en'"), 1);

	ck_assert_int_eq(store_block(st, &marie, karim.resident_id), STORE_OK);
	ck_assert_int_eq(store_notify(st, &n), STORE_OK);
	ck_assert_int_eq(count_rows("messages WHERE recipient_deleted = 1"
	    " AND from_moderation = 0"), 1);
	n.kind = NOTICE_MODERATION;
	ck_assert_int_eq(store_notify(st, &n), STORE_OK);
	ck_assert_int_eq(count_rows("messages WHERE recipient_deleted = 0"
	    " AND from_moderation = 1"), 1);
	language_apply(LANG_AUTO);
}
END_TEST

START_TEST(notices_from_quartier)
{
	struct mail_thread *t;
	struct mail_new mn = { .subject = "Re", .body = "Merci" };
	size_t n;

	/* A notice, then a neighbour's mail: the cached statement must not
	 * keep the sender of the one before. */
	ck_assert_int_eq(notify(karim.resident_id, marie.resident_id,
	    "Prêt|Texte"), STORE_OK);
	tick(1);
	ck_assert_int_eq(notify(0, marie.resident_id, "Rappel|Texte"),
	    STORE_OK);
	ck_assert_int_eq(count_rows("messages WHERE sender_id IS NULL"), 1);
	ck_assert_int_eq(store_mail_threads(st, &marie, NULL, 10, &t, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(t[0].other_id, 0);
	ck_assert_ptr_null(t[0].other_name);
	mn.reply_to = t[0].thread_id;
	mail_thread_list_free(t, n);
	/* Nobody answers Quartier itself. */
	ck_assert_int_eq(store_mail_send(st, &marie, &mn, NULL), STORE_DENIED);
}
END_TEST

START_TEST(hidden_by_moderation)
{
	struct mail m;
	struct mail_new mn = { .subject = "Re", .body = "Texte" };
	int64_t id;

	id = send_to(&karim, &marie, "Injurieux", 0);
	raw_exec(db_path, "UPDATE messages SET hidden_at = 1");
	ck_assert_int_eq(store_mail_get(st, &marie, id, &m), STORE_NOT_FOUND);
	/* Its sender still sees it, marked (store-moderation.c). */
	ck_assert_int_eq(store_mail_get(st, &karim, id, &m), STORE_OK);
	ck_assert(m.hidden);
	mail_clear(&m);
	ck_assert_int_eq(unread(&marie), 0);
	ck_assert_uint_eq(thread_count(&marie), 0);
	ck_assert_uint_eq(thread_count(&karim), 1);
	mn.reply_to = id;
	ck_assert_int_eq(store_mail_send(st, &marie, &mn, NULL),
	    STORE_NOT_FOUND);
	/* It can still be reported: the moderators decide. */
	ck_assert_int_eq(store_report(st, &marie, REPORT_MESSAGE, id, "x",
	    NULL), STORE_OK);
}
END_TEST

START_TEST(moderation_mark_goes_with_its_sender)
{
	struct actor mod = { .resident_id = marie.resident_id };
	struct mail_thread *t;
	size_t n;

	raw_exec(db_path, "UPDATE residents SET role = 'moderator'"
	    " WHERE handle = 'marie'");
	ck_assert_int_eq(store_mod_warn(st, &mod, karim.resident_id,
	    "Restez courtois.", 0), STORE_OK);
	/* Karim was warned by the moderation: the mark is on its side. */
	ck_assert_int_eq(store_mail_threads(st, &karim, NULL, 10, &t, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(t[0].other_id, marie.resident_id);
	ck_assert(t[0].from_moderation);
	mail_thread_list_free(t, n);
	/* Marie sent it: Karim is not the moderation. */
	ck_assert_int_eq(store_mail_threads(st, &marie, NULL, 10, &t, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(t[0].other_id, karim.resident_id);
	ck_assert(!t[0].from_moderation);
	mail_thread_list_free(t, n);
}
END_TEST

START_TEST(report_stored_once)
{
	int64_t msg, item, reply, id = 0, nadia_item;

	msg = send_to(&karim, &marie, "Insistant", 0);
	ck_assert_int_eq(store_report(st, &marie, REPORT_MESSAGE, msg,
	    "Messages répétés\033[2J", &id), STORE_OK);
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(count_rows("reports WHERE target_kind = 'message'"
	    " AND reason = 'Messages répétés' AND resolved_at IS NULL"), 1);
	ck_assert_int_eq(store_report(st, &marie, REPORT_MESSAGE, msg,
	    "Encore", NULL), STORE_DUPLICATE);
	ck_assert_ptr_nonnull(strstr(store_message(st, STORE_DUPLICATE),
	    "already reported"));
	ck_assert_int_eq(store_report(st, &marie, REPORT_MESSAGE, msg, "  ",
	    NULL), STORE_INVALID);
	/* Once resolved, it can be reported again. */
	raw_exec(db_path, "UPDATE reports SET resolved_at = 1");
	ck_assert_int_eq(store_report(st, &marie, REPORT_MESSAGE, msg,
	    "Encore", NULL), STORE_OK);
	/* A message of others is not the viewer's to report. */
	ck_assert_int_eq(store_report(st, &nadia, REPORT_MESSAGE, msg, "x",
	    NULL), STORE_NOT_FOUND);

	ck_assert_int_eq(store_wall_add(st, &karim, "info", "Titre", "Texte",
	    NULL, &item), STORE_OK);
	ck_assert_int_eq(store_reply_add(st, &karim, item, "Réponse", NULL,
	    &reply), STORE_OK);
	ck_assert_int_eq(store_wall_add(st, &nadia, "info", "Titre", "Texte",
	    NULL, &nadia_item), STORE_OK);
	ck_assert_int_eq(store_report(st, &marie, REPORT_ITEM, item, "Faux",
	    NULL), STORE_OK);
	ck_assert_int_eq(store_report(st, &marie, REPORT_REPLY, reply, "Faux",
	    NULL), STORE_OK);
	ck_assert_int_eq(store_report(st, &marie, REPORT_RESIDENT,
	    karim.resident_id, "Faux", NULL), STORE_OK);
	ck_assert_int_eq(store_report(st, &marie, REPORT_RESIDENT,
	    marie.resident_id, "Moi", NULL), STORE_NOT_FOUND);
	ck_assert_int_eq(store_report(st, &marie, REPORT_ITEM, nadia_item,
	    "Ailleurs", NULL), STORE_NOT_FOUND);
	ck_assert_int_eq(store_report(st, &marie, REPORT_RESIDENT,
	    nadia.resident_id, "Ailleurs", NULL), STORE_NOT_FOUND);
	ck_assert_int_eq(store_wall_delete(st, &karim, item), STORE_OK);
	ck_assert_int_eq(store_report(st, &karim, REPORT_ITEM, item, "x",
	    NULL), STORE_NOT_FOUND);
	ck_assert_int_eq(count_rows("reports"), 5);
	ck_assert_int_eq(count_rows("reports WHERE quartier_id = 1"), 5);
}
END_TEST

/* How many neighbours V's directory finds for PREFIX (first page). */
static size_t
directory_found(const struct viewer *v, const char *prefix)
{
	struct neighbour *d;
	size_t n;

	ck_assert_int_eq(store_directory(st, v, prefix, 0, 50, &d, &n),
	    STORE_OK);
	neighbour_list_free(d, n);
	return n;
}

START_TEST(directory_prefix_with_accents)
{
	struct neighbour *d, nb;
	struct viewer e;
	size_t n;
	int64_t eloise, oeuvre;

	e.resident_id = eloise = add_resident("eloise", krutenau,
	    RESIDENT_VERIFIED);
	ck_assert_int_eq(store_resident_set_display_name(st, &e,
	    "Éloïse Kœnig"), STORE_OK);
	ck_assert_int_eq(store_resident_set_display_name(st, &karim,
	    "Karim Benali"), STORE_OK);
	ck_assert_int_eq(store_resident_set_display_name(st, &marie,
	    "Marie Lefèvre"), STORE_OK);
	oeuvre = add_resident("zoe", krutenau, RESIDENT_VERIFIED);
	(void)oeuvre;

	/* Everyone but the viewer, by folded display name. */
	ck_assert_int_eq(store_directory(st, &marie, NULL, 0, 50, &d, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(d[0].display_name, "Éloïse Kœnig");
	ck_assert_str_eq(d[1].display_name, "Karim Benali");
	ck_assert_str_eq(d[2].handle, "zoe");
	neighbour_list_free(d, n);

	ck_assert_int_eq(store_directory(st, &marie, "elo", 0, 50, &d, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(d[0].id, eloise);
	neighbour_list_free(d, n);
	ck_assert_uint_eq(directory_found(&marie, "ÉLO"), 1);
	ck_assert_uint_eq(directory_found(&marie, "koe"), 1);
	ck_assert_int_eq(store_directory(st, &marie, "ben", 0, 50, &d, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(d[0].handle, "karim");
	neighbour_list_free(d, n);
	ck_assert_int_eq(store_directory(st, &karim, "mar", 0, 50, &d, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(d[0].handle, "marie");
	neighbour_list_free(d, n);
	ck_assert_uint_eq(directory_found(&marie, "x"), 0);
	/* Offset and limit. */
	ck_assert_int_eq(store_directory(st, &marie, "", 1, 1, &d, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(d[0].handle, "karim");
	neighbour_list_free(d, n);
	/* What SQL's LIKE would take for wildcards is plain text. */
	ck_assert_uint_eq(directory_found(&marie, "%"), 0);
	ck_assert_uint_eq(directory_found(&marie, "_"), 0);

	ck_assert_int_eq(store_neighbour_by_handle(st, &marie, "KARIM", &nb),
	    STORE_OK);
	ck_assert_int_eq(nb.id, karim.resident_id);
	ck_assert_int_eq(nb.mercis, 0);
	neighbour_clear(&nb);
	ck_assert_int_eq(store_neighbour_by_handle(st, &marie, "nadia", &nb),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_neighbour_by_handle(st, &marie, "hugo", &nb),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_neighbour_get(st, &marie, eloise, &nb),
	    STORE_OK);
	ck_assert_str_eq(nb.handle, "eloise");
	neighbour_clear(&nb);
	ck_assert_int_eq(store_neighbour_get(st, &marie, paul.resident_id,
	    &nb), STORE_NOT_FOUND);
}
END_TEST

/*
 * A word of a name starts after a space, a hyphen or an apostrophe.
 * Names written with raw SQL (the demo script, a repair) are found once
 * store_directory_rebuild() has folded them.
 */
START_TEST(directory_words_and_rebuild)
{
	static const struct {
		const char	*prefix;
		size_t		 found;
	} cases[] = {
		{ "jean", 1 }, { "pierre", 1 }, { "d'al", 1 }, { "alem", 1 },
		{ "Jean-P", 1 }, { "ierre", 0 }, { "lembert", 0 },
	};
	struct neighbour *d;
	size_t n, i;

	raw_exec(db_path, "UPDATE residents SET display_name ="
	    " 'Jean-Pierre d''Alembert' WHERE handle = 'karim'");
	ck_assert_int_eq(store_directory(st, &marie, "pierre", 0, 50, &d, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 0);
	free(d);
	ck_assert_int_eq(store_directory_rebuild(st), STORE_OK);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_int_eq(store_directory(st, &marie, cases[i].prefix, 0,
		    50, &d, &n), STORE_OK);
		ck_assert_msg(n == cases[i].found, "%s: %zu", cases[i].prefix,
		    n);
		if (n > 0)
			ck_assert_str_eq(d[0].handle, "karim");
		neighbour_list_free(d, n);
	}
}
END_TEST

START_TEST(directory_counts_mercis)
{
	struct neighbour nb;
	char *sql;

	/* Karim lent twice on his offer and helped once on Marie's request;
	 * two of the three were thanked, and one loan was not. */
	sql = xasprintf(
	    "INSERT INTO items (id, quartier_id, author_id, kind, category,"
	    " title, body, created_at, last_activity_at) VALUES"
	    " (50, %lld, %lld, 'lending', 'x', 'Perceuse', 'x', 1, 1),"
	    " (51, %lld, %lld, 'lending', 'x', 'Aide', 'x', 1, 1);"
	    "INSERT INTO loans (item_id, borrower_id, lender_id, status,"
	    " requested_at, merci_at) VALUES"
	    " (50, %lld, NULL, 'returned', 1, 5),"
	    " (50, %lld, NULL, 'returned', 1, NULL),"
	    " (51, %lld, %lld, 'returned', 1, 6);",
	    (long long)krutenau, (long long)karim.resident_id,
	    (long long)krutenau, (long long)marie.resident_id,
	    (long long)marie.resident_id, (long long)marie.resident_id,
	    (long long)marie.resident_id, (long long)karim.resident_id);
	raw_exec(db_path, sql);
	free(sql);
	ck_assert_int_eq(store_neighbour_get(st, &marie, karim.resident_id,
	    &nb), STORE_OK);
	ck_assert_int_eq(nb.mercis, 2);
	neighbour_clear(&nb);
	ck_assert_int_eq(store_neighbour_get(st, &karim, marie.resident_id,
	    &nb), STORE_OK);
	ck_assert_int_eq(nb.mercis, 0);
	neighbour_clear(&nb);
}
END_TEST

START_TEST(paging_visits_every_thread_once)
{
	struct mail_cursor cur = { 0, 0 };
	struct mail_thread *t;
	struct mail *sent;
	size_t n, total = 0, i;
	int64_t seen_last = INT64_MAX;
	char subject[32];

	for (i = 0; i < 23; i++) {
		snprintf(subject, sizeof subject, "Sujet %zu", i);
		send_to(&marie, &karim, subject, 0);
		if (i % 4 == 0)
			clock_now -= 1;		/* two messages, one second */
	}
	for (;;) {
		ck_assert_int_eq(store_mail_threads(st, &karim, &cur, 5, &t,
		    &n), STORE_OK);
		if (n == 0) {
			free(t);
			break;
		}
		for (i = 0; i < n; i++) {
			ck_assert(t[i].last_id < seen_last);
			seen_last = t[i].last_id;
		}
		total += n;
		cur.at = t[n - 1].last_at;
		cur.id = t[n - 1].last_id;
		mail_thread_list_free(t, n);
	}
	ck_assert_uint_eq(total, 23);

	memset(&cur, 0, sizeof cur);
	total = 0;
	for (;;) {
		ck_assert_int_eq(store_mail_sent(st, &marie, &cur, 7, &sent,
		    &n), STORE_OK);
		if (n == 0) {
			free(sent);
			break;
		}
		total += n;
		cur.at = sent[n - 1].created_at;
		cur.id = sent[n - 1].id;
		mail_list_free(sent, n);
	}
	ck_assert_uint_eq(total, 23);
}
END_TEST

/*
 * Nadia (Neudorf), Hugo (pending in Krutenau) and Paul (suspended in
 * Krutenau) with the ids of a Krutenau conversation: they see nothing,
 * change nothing and send nothing.
 */
START_TEST(isolation_matrix)
{
	const struct viewer *outsiders[] = { &nadia, &hugo, &paul };
	struct mail_thread *t;
	struct neighbour *d, nb;
	struct mail *list, m;
	size_t n, i;
	int64_t first, reply;
	int messages, blocks, reports, u;

	first = send_to(&marie, &karim, "Entre nous", 0);
	reply = send_to(&karim, &marie, "Re: Entre nous", first);
	/* Mail to Hugo and Paul from before their state changed. */
	raw_exec(db_path, "INSERT INTO messages (quartier_id, thread_id,"
	    " sender_id, recipient_id, subject, body, created_at) VALUES"
	    " (1, NULL, 1, 4, 'Ancien', 'Texte', 1),"
	    " (1, NULL, 1, 5, 'Ancien', 'Texte', 1);"
	    "UPDATE messages SET thread_id = id WHERE thread_id IS NULL");
	messages = count_rows("messages");
	blocks = count_rows("blocks");
	reports = count_rows("reports");
	for (i = 0; i < 3; i++) {
		const struct viewer *v = outsiders[i];
		struct mail_new mn = { .recipient_id = marie.resident_id,
		    .subject = "Intrus", .body = "Texte" };

		ck_assert_int_eq(store_mail_threads(st, v, NULL, 50, &t, &n),
		    STORE_OK);
		ck_assert_uint_eq(n, 0);
		free(t);
		ck_assert_int_eq(store_mail_sent(st, v, NULL, 50, &list, &n),
		    STORE_OK);
		ck_assert_uint_eq(n, 0);
		free(list);
		ck_assert_int_eq(store_mail_thread(st, v, first, &list, &n),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_mail_get(st, v, first, &m),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_mail_unread(st, v, &u), STORE_OK);
		ck_assert_int_eq(u, 0);
		ck_assert_int_eq(store_mail_mark_read(st, v, first),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_mail_delete(st, v, first),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_mail_delete(st, v, reply),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_mail_delete_thread(st, v, first),
		    STORE_NOT_FOUND);
		ck_assert_int_ne(store_mail_send(st, v, &mn, NULL), STORE_OK);
		mn.reply_to = first;
		mn.recipient_id = 0;
		ck_assert_int_ne(store_mail_send(st, v, &mn, NULL), STORE_OK);
		ck_assert_int_eq(store_directory(st, v, NULL, 0, 50, &d, &n),
		    STORE_OK);
		ck_assert_uint_eq(n, 0);
		free(d);
		ck_assert_int_eq(store_neighbour_get(st, v, marie.resident_id,
		    &nb), STORE_NOT_FOUND);
		ck_assert_int_eq(store_neighbour_by_handle(st, v, "karim",
		    &nb), STORE_NOT_FOUND);
		ck_assert_int_ne(store_block(st, v, marie.resident_id),
		    STORE_OK);
		ck_assert_int_eq(store_block_list(st, v, &d, &n), STORE_OK);
		ck_assert_uint_eq(n, 0);
		free(d);
		ck_assert_int_eq(store_report(st, v, REPORT_MESSAGE, first,
		    "x", NULL), STORE_NOT_FOUND);
		ck_assert_int_eq(store_report(st, v, REPORT_RESIDENT,
		    marie.resident_id, "x", NULL), STORE_NOT_FOUND);
	}
	/* Nadia's own quartier has nobody else; she cannot reach Krutenau. */
	ck_assert_int_eq(count_rows("messages"), messages);
	ck_assert_int_eq(count_rows("blocks"), blocks);
	ck_assert_int_eq(count_rows("reports"), reports);
	ck_assert_int_eq(count_rows("messages WHERE sender_deleted = 1"
	    " OR recipient_deleted = 1 OR read_at IS NOT NULL"), 0);
	/* And Karim cannot write to Nadia either. */
	{
		struct mail_new mn = { .recipient_id = nadia.resident_id,
		    .subject = "Bonjour", .body = "Texte" };

		ck_assert_int_eq(store_mail_send(st, &karim, &mn, NULL),
		    STORE_NOT_FOUND);
	}
}
END_TEST

static Suite *
mail_suite(void)
{
	Suite *s = suite_create("mail");
	TCase *tc;

	tc = tcase_create("mail");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, first_message_starts_a_thread);
	tcase_add_test(tc, moderation_mark_goes_with_its_sender);
	tcase_add_test(tc, reply_stays_in_its_thread);
	tcase_add_test(tc, unread_count_and_mark_read);
	tcase_add_test(tc, each_side_deletes_its_copy);
	tcase_add_test(tc, blocking_stops_delivery);
	tcase_add_test(tc, send_refused_keeps_nothing);
	tcase_add_test(tc, about_an_item);
	tcase_add_test(tc, notices_from_quartier);
	tcase_add_test(tc, notices_in_the_recipients_language);
	tcase_add_test(tc, hidden_by_moderation);
	tcase_add_test(tc, report_stored_once);
	tcase_add_test(tc, paging_visits_every_thread_once);
	suite_add_tcase(s, tc);

	tc = tcase_create("directory");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, directory_prefix_with_accents);
	tcase_add_test(tc, directory_words_and_rebuild);
	tcase_add_test(tc, directory_counts_mercis);
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
	return tap_run(mail_suite());
}
