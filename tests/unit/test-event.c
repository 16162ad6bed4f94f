/*
 * test-event.c - events: reading and writing local dates (when.c), and
 * the store of events: what a new event must have, answers, the number
 * of places and the waiting line that moves up by itself, the mails of
 * edits and cancellations, the agenda and its archive, and the viewer
 * rule (another quartier, pending and suspended residents see nothing).
 *
 * Every date here is in Europe/Paris, set before anything runs, as the
 * programs set TZ from the configuration.
 */
#include "build-config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quartier.h"
#include "store.h"
#include "when.h"
#include "tap.h"
#include "fixture.h"

/* Unix seconds of a UTC date and time. */
static int64_t
utc(int year, int month, int day, int hour, int minute)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	return (int64_t)timegm(&tm);
}

/* when.c: parsing. */

static const struct {
	const char	*text;
	int		 year, month, day, hour, minute;	/* UTC */
} good_dates[] = {
	{ "24/12/2026 18:30",		2026, 12, 24, 17, 30 },
	{ "24/12/2026 18h30",		2026, 12, 24, 17, 30 },
	{ "24/12/2026 18 h 30",		2026, 12, 24, 17, 30 },
	{ "24/12/2026 18h",		2026, 12, 24, 17, 0 },
	{ "24/12/2026 à 18h30",		2026, 12, 24, 17, 30 },
	{ "  24/12/2026   18:30  ",	2026, 12, 24, 17, 30 },
	{ "24.12.2026 18:30",		2026, 12, 24, 17, 30 },
	{ "24/12/26 18:30",		2026, 12, 24, 17, 30 },
	{ "2026-12-24 18:30",		2026, 12, 24, 17, 30 },
	{ "2026-12-24T18:30",		2026, 12, 24, 17, 30 },
	{ "24/12/2026 6:30 pm",		2026, 12, 24, 17, 30 },
	{ "24/12/2026 12:15 am",	2026, 12, 23, 23, 15 },
	{ "1/7/2027 20:00",		2027, 7, 1, 18, 0 },	/* summer */
	{ "29/02/2028 09:05",		2028, 2, 29, 8, 5 },
	/* The hour that comes twice in autumn is taken once. */
	{ "31/10/2027 01:30",		2027, 10, 30, 23, 30 },
	{ "28/03/2027 03:00",		2027, 3, 28, 1, 0 },
};

static const struct {
	const char	*text;
	const char	*why;		/* a part of the reason */
} bad_dates[] = {
	{ "31/02/2027 18:00",	"31/02/2027" },
	{ "29/02/2027 10:00",	"29/02/2027" },
	{ "31/04/2027 10:00",	"31/04/2027" },
	{ "00/01/2027 10:00",	"00/01/2027" },
	{ "2026-13-01 10:00",	"01/13/2026" },
	{ "24/12/2026 24:00",	"00:00 and 23:59" },
	{ "24/12/2026 18:60",	"00:00 and 23:59" },
	{ "24/12/2026 13 pm",	"00:00 and 23:59" },
	{ "24/12/1999 10:00",	"between 2000 and 2100" },
	{ "24/12/2026",		"Add the time" },
	{ "24/12/2026 18",	"dd/mm/yyyy" },
	{ "demain 18h",		"dd/mm/yyyy" },
	{ "24/12/2026 18:30 x",	"dd/mm/yyyy" },
	{ "24122026 18:30",	"dd/mm/yyyy" },
	{ "12/24",		"dd/mm/yyyy" },
	{ "",			"Give a date" },
	/* Summer time: in Paris the clocks go from 02:00 to 03:00. */
	{ "28/03/2027 02:30",	"clocks" },
	{ "2026-03-29 02:00",	"clocks" },
};

START_TEST(when_parses_good_dates)
{
	size_t i;
	int64_t t;
	const char *why;

	for (i = 0; i < sizeof good_dates / sizeof good_dates[0]; i++) {
		why = NULL;
		ck_assert_msg(when_parse(good_dates[i].text, &t, NULL, &why)
		    == 0, "\"%s\" refused: %s", good_dates[i].text, why);
		ck_assert_msg(t == utc(good_dates[i].year, good_dates[i].month,
		    good_dates[i].day, good_dates[i].hour,
		    good_dates[i].minute), "\"%s\" read wrong",
		    good_dates[i].text);
	}
}
END_TEST

START_TEST(when_refuses_bad_dates)
{
	size_t i;
	int64_t t;
	const char *why;

	for (i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++) {
		why = NULL;
		ck_assert_msg(when_parse(bad_dates[i].text, &t, NULL, &why)
		    == -1, "\"%s\" accepted", bad_dates[i].text);
		ck_assert_ptr_nonnull(why);
		ck_assert_msg(strstr(why, bad_dates[i].why) != NULL,
		    "\"%s\": \"%s\" does not say \"%s\"", bad_dates[i].text,
		    why, bad_dates[i].why);
	}
}
END_TEST

START_TEST(when_date_alone)
{
	bool timed = true;
	int64_t t;
	const char *why;

	ck_assert_int_eq(when_parse("24/12/2026", &t, &timed, &why), 0);
	ck_assert(!timed);
	ck_assert_int_eq(t, utc(2026, 12, 23, 23, 0));
	ck_assert_int_eq(when_parse("24/12/2026 08:00", &t, &timed, &why), 0);
	ck_assert(timed);
}
END_TEST

START_TEST(when_parses_ends)
{
	int64_t start = utc(2026, 12, 24, 17, 30), t;
	const char *why;

	ck_assert_int_eq(when_parse_end("22:00", start, &t, &why), 0);
	ck_assert_int_eq(t, utc(2026, 12, 24, 21, 0));
	ck_assert_int_eq(when_parse_end("22h", start, &t, &why), 0);
	ck_assert_int_eq(t, utc(2026, 12, 24, 21, 0));
	/* Earlier than the start: the night after. */
	ck_assert_int_eq(when_parse_end("01:30", start, &t, &why), 0);
	ck_assert_int_eq(t, utc(2026, 12, 25, 0, 30));
	/* A date alone: until that day is over. */
	ck_assert_int_eq(when_parse_end("26/12/2026", start, &t, &why), 0);
	ck_assert_int_eq(t, utc(2026, 12, 26, 22, 59));
	ck_assert_int_eq(when_parse_end("27/12/2026 10:00", start, &t, &why),
	    0);
	ck_assert_int_eq(t, utc(2026, 12, 27, 9, 0));
	ck_assert_int_eq(when_parse_end("25:00", start, &t, &why), -1);
	ck_assert_int_eq(when_parse_end("bientôt", start, &t, &why), -1);
	/* The night the clocks go forward has no 02:30. */
	ck_assert_int_eq(when_parse_end("02:30", utc(2027, 3, 27, 20, 0), &t,
	    &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "clocks"));
}
END_TEST

START_TEST(when_days_follow_the_clocks)
{
	int64_t saturday = when_day_start(utc(2027, 3, 27, 11, 0));

	ck_assert_int_eq(saturday, utc(2027, 3, 26, 23, 0));
	/* Sunday 28 March 2027 has 23 hours, Sunday 31 October 25. */
	ck_assert_int_eq(when_day_add(saturday, 1) - saturday, 86400);
	ck_assert_int_eq(when_day_add(saturday, 2) - when_day_add(saturday, 1),
	    23 * 3600);
	ck_assert_int_eq(when_day_add(when_day_start(utc(2027, 10, 31, 12, 0)),
	    1) - when_day_start(utc(2027, 10, 31, 12, 0)), 25 * 3600);
	ck_assert(when_same_day(utc(2027, 3, 27, 23, 30),
	    utc(2027, 3, 28, 20, 0)));
	ck_assert(!when_same_day(utc(2027, 3, 27, 22, 59),
	    utc(2027, 3, 27, 23, 0)));
}
END_TEST

START_TEST(when_formats)
{
	int64_t t = utc(2026, 12, 12, 17, 30), now = utc(2026, 12, 10, 9, 0);
	char buf[256];

	language_apply(LANG_EN);
	when_format_long(buf, sizeof buf, t);
	ck_assert_str_eq(buf, "Saturday 12 December 2026, 18:30");
	when_format_short(buf, sizeof buf, t);
	ck_assert_str_eq(buf, "12/12 18:30");
	when_format_input(buf, sizeof buf, t);
	ck_assert_str_eq(buf, "12/12/2026 18:30");
	when_format_time(buf, sizeof buf, t);
	ck_assert_str_eq(buf, "18:30");
	when_format_span(buf, sizeof buf, t, t + 4 * 3600);
	ck_assert_str_eq(buf, "Saturday 12 December 2026, 18:30 – 22:30");
	when_format_span(buf, sizeof buf, t, t + 24 * 3600);
	ck_assert_str_eq(buf, "Saturday 12 December 2026, 18:30 – "
	    "Sunday 13 December 2026, 18:30");
	when_format_span(buf, sizeof buf, t, 0);
	ck_assert_str_eq(buf, "Saturday 12 December 2026, 18:30");
	when_day_heading(buf, sizeof buf, t, now);
	ck_assert_str_eq(buf, "Saturday 12 December");
	when_day_heading(buf, sizeof buf, utc(2026, 12, 10, 22, 59), now);
	ck_assert_str_eq(buf, "Today");
	when_day_heading(buf, sizeof buf, utc(2026, 12, 10, 23, 0), now);
	ck_assert_str_eq(buf, "Tomorrow");
	when_day_heading(buf, sizeof buf, utc(2026, 12, 9, 8, 0), now);
	ck_assert_str_eq(buf, "Yesterday");
	when_day_heading(buf, sizeof buf, utc(2027, 1, 2, 8, 0), now);
	ck_assert_str_eq(buf, "Saturday 2 January 2027");
	/* French writes the first of a month "1er", in every format; the
	 * year shows when it is not this one. */
	{
		char clock[32];

		snprintf(clock, sizeof clock, "%lld", (long long)now);
		setenv("QUARTIER_FAKE_NOW", clock, 1);
	}
	language_apply(LANG_FR);
	when_day_heading(buf, sizeof buf, utc(2026, 12, 1, 8, 0), now);
	ck_assert_str_eq(buf, "Mardi 1er décembre");
	when_format_date(buf, sizeof buf, utc(2026, 12, 1, 8, 0));
	ck_assert_str_eq(buf, "mardi 1er décembre 2026");
	when_format_day(buf, sizeof buf, utc(2026, 12, 1, 8, 0), false);
	ck_assert_str_eq(buf, "1er décembre");
	when_format_day(buf, sizeof buf, utc(2027, 3, 1, 8, 0), false);
	ck_assert_str_eq(buf, "1er mars 2027");
	when_format_day(buf, sizeof buf, utc(2026, 12, 3, 8, 0), true);
	ck_assert_str_eq(buf, "jeudi 3 décembre");
	when_format_moment(buf, sizeof buf, utc(2026, 12, 3, 17, 30));
	ck_assert_str_eq(buf, "jeudi 3 décembre, 18 h 30");
	when_format_ago(buf, sizeof buf, utc(2026, 12, 10, 7, 0));
	ck_assert_str_eq(buf, "8 h 00");
	when_format_ago(buf, sizeof buf, utc(2026, 12, 9, 7, 0));
	ck_assert_str_eq(buf, "hier");
	when_format_ago(buf, sizeof buf, utc(2026, 11, 1, 7, 0));
	ck_assert_str_eq(buf, "1er novembre");
	when_format_ago(buf, sizeof buf, utc(2025, 11, 2, 7, 0));
	ck_assert_str_eq(buf, "02/11/2025");
	language_apply(LANG_EN);
	when_format_day(buf, sizeof buf, utc(2026, 12, 1, 8, 0), true);
	ck_assert_str_eq(buf, "Tuesday 1 December");
	unsetenv("QUARTIER_FAKE_NOW");
	/* What is written for editing is read back the same. */
	when_format_input(buf, sizeof buf, utc(2027, 7, 1, 18, 5));
	{
		int64_t back;
		const char *why;

		ck_assert_int_eq(when_parse(buf, &back, NULL, &why), 0);
		ck_assert_int_eq(back, utc(2027, 7, 1, 18, 5));
	}
}
END_TEST

/* The store. */

static struct event_new
draft(const char *title, int64_t starts_at, int capacity)
{
	struct event_new n = {
		.title = title, .body = "Chacun apporte quelque chose.",
		.place = "Place du Marché-Gayot", .starts_at = starts_at,
		.ends_at = 0, .capacity = capacity,
	};

	return n;
}

static int64_t
event(const struct viewer *v, const char *title, int64_t in, int capacity)
{
	struct event_new n = draft(title, clock_now + in, capacity);
	int64_t id = 0;

	ck_assert_int_eq(store_event_add(st, v, &n, &id), STORE_OK);
	tick(1);
	return id;
}

static int
mails_to(const struct viewer *v, const char *subject_like)
{
	char sql[256];

	snprintf(sql, sizeof sql, "messages WHERE recipient_id = %lld"
	    " AND subject LIKE '%s'", (long long)v->resident_id,
	    subject_like);
	return count_rows(sql);
}

static struct viewer
neighbour(const char *handle)
{
	struct viewer v;

	v.resident_id = add_resident(handle, krutenau, RESIDENT_VERIFIED);
	return v;
}

START_TEST(event_created_and_read)
{
	struct event e;
	int64_t id, start = clock_now + 3 * 86400;
	struct event_new n = draft("Apéro de la rue", start, 20);

	n.ends_at = start + 4 * 3600;
	ck_assert_int_eq(store_event_add(st, &marie, &n, &id), STORE_OK);
	ck_assert_int_eq(store_event_get(st, &karim, id, &e), STORE_OK);
	ck_assert_str_eq(e.title, "Apéro de la rue");
	ck_assert_str_eq(e.place, "Place du Marché-Gayot");
	ck_assert_str_eq(e.body, "Chacun apporte quelque chose.");
	ck_assert_str_eq(e.organiser_name, "marie");
	ck_assert_int_eq(e.starts_at, start);
	ck_assert_int_eq(e.ends_at, start + 4 * 3600);
	ck_assert_int_eq(e.capacity, 20);
	ck_assert(!e.mine);
	ck_assert(!e.cancelled);
	ck_assert_int_eq(e.my_answer, RSVP_NONE);
	ck_assert_int_eq(e.yes + e.maybe + e.waiting, 0);
	event_clear(&e);
	ck_assert_int_eq(count_rows("items WHERE kind = 'event'"
	    " AND category = 'event'"), 1);
	ck_assert_int_eq(count_rows("search"), 1);
	/* Without a limit or a description. */
	n = draft("Vide-grenier", start, 0);
	n.body = "";
	ck_assert_int_eq(store_event_add(st, &karim, &n, &id), STORE_OK);
	ck_assert_int_eq(store_event_get(st, &karim, id, &e), STORE_OK);
	ck_assert_int_eq(e.capacity, 0);
	ck_assert(e.mine);
	event_clear(&e);
}
END_TEST

START_TEST(event_create_refusals)
{
	static const struct {
		const char	*title, *place;
		int64_t		 start, end;	/* from now */
		int		 capacity;
		const char	*why;
	} bad[] = {
		{ "Apéro", "Cour", -3600, 0, 0, "already past" },
		{ "Apéro", "Cour", 0, 0, 0, "already past" },
		{ "Apéro", "Cour", 86400, 86400 - 60, 0, "after the start" },
		{ "Apéro", "Cour", 86400, 86400, 0, "after the start" },
		{ "Apéro", "Cour", 86400, 0, -1, "between 1 and 10000" },
		{ "Apéro", "Cour", 86400, 0, 10001, "between 1 and 10000" },
		{ "  ", "Cour", 86400, 0, 0, "title" },
		{ "Apéro", "", 86400, 0, 0, "where" },
	};
	struct event_new n;
	int64_t id;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		n = draft(bad[i].title, clock_now + bad[i].start,
		    bad[i].capacity);
		n.place = bad[i].place;
		n.ends_at = bad[i].end != 0 ? clock_now + bad[i].end : 0;
		ck_assert_int_eq(store_event_add(st, &marie, &n, &id),
		    STORE_INVALID);
		ck_assert_msg(strstr(store_detail(st), bad[i].why) != NULL,
		    "case %zu: \"%s\"", i, store_detail(st));
	}
	ck_assert_int_eq(count_rows("items"), 0);
	ck_assert_int_eq(count_rows("events"), 0);
	/* The limits themselves are fine. */
	event(&marie, "Grand", 86400, 10000);
	event(&marie, "Petit", 86400, 1);
}
END_TEST

START_TEST(rsvp_waiting_line_moves_up)
{
	struct viewer lea = neighbour("lea"), zoe = neighbour("zoe");
	struct attendee *a;
	struct event e;
	size_t n;
	int64_t id = event(&marie, "Atelier vélo", 2 * 86400, 1);
	int pos = -1;

	ck_assert_int_eq(store_event_rsvp(st, &karim, id, RSVP_YES, &pos),
	    STORE_OK);
	ck_assert_int_eq(pos, 0);
	tick(5);
	ck_assert_int_eq(store_event_rsvp(st, &lea, id, RSVP_YES, &pos),
	    STORE_OK);
	ck_assert_int_eq(pos, 1);
	tick(5);
	ck_assert_int_eq(store_event_rsvp(st, &zoe, id, RSVP_YES, &pos),
	    STORE_OK);
	ck_assert_int_eq(pos, 2);
	/* Saying yes again keeps one's place in line. */
	tick(5);
	ck_assert_int_eq(store_event_rsvp(st, &lea, id, RSVP_YES, &pos),
	    STORE_OK);
	ck_assert_int_eq(pos, 1);
	ck_assert_int_eq(store_event_get(st, &zoe, id, &e), STORE_OK);
	ck_assert_int_eq(e.yes, 1);
	ck_assert_int_eq(e.waiting, 2);
	ck_assert_int_eq(e.my_answer, RSVP_YES);
	ck_assert_int_eq(e.my_position, 2);
	event_clear(&e);
	ck_assert_int_eq(store_event_attendees(st, &marie, id, &a, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(a[0].name, "karim");
	ck_assert_int_eq(a[0].position, 0);
	ck_assert_str_eq(a[1].name, "lea");
	ck_assert_int_eq(a[1].position, 1);
	ck_assert_str_eq(a[2].name, "zoe");
	ck_assert_int_eq(a[2].position, 2);
	attendee_list_free(a, n);
	ck_assert_int_eq(count_rows("messages"), 0);

	/* Karim cannot come: Léa moves up and is told. */
	tick(60);
	ck_assert_int_eq(store_event_rsvp(st, &karim, id, RSVP_NO, &pos),
	    STORE_OK);
	ck_assert_int_eq(pos, 0);
	ck_assert_int_eq(store_event_get(st, &lea, id, &e), STORE_OK);
	ck_assert_int_eq(e.my_position, 0);
	ck_assert_int_eq(e.yes, 1);
	ck_assert_int_eq(e.waiting, 1);
	event_clear(&e);
	ck_assert_int_eq(mails_to(&lea, "A place is yours: Atelier vélo"), 1);
	ck_assert_int_eq(count_rows("messages WHERE sender_id IS NULL"
	    " AND about_item_id IS NOT NULL AND body LIKE '%first in line%'"),
	    1);
	ck_assert_int_eq(count_rows("messages"), 1);
	ck_assert_int_eq(store_event_get(st, &zoe, id, &e), STORE_OK);
	ck_assert_int_eq(e.my_position, 1);
	event_clear(&e);

	/* A "yes" from the line going to maybe frees nothing. */
	ck_assert_int_eq(store_event_rsvp(st, &zoe, id, RSVP_MAYBE, &pos),
	    STORE_OK);
	ck_assert_int_eq(count_rows("messages"), 1);
	/* Karim changes his mind again: the one place is Léa's now, so he
	 * is first in line. */
	ck_assert_int_eq(store_event_rsvp(st, &karim, id, RSVP_YES, &pos),
	    STORE_OK);
	ck_assert_int_eq(pos, 1);
	/* Withdrawing an answer. */
	ck_assert_int_eq(store_event_rsvp(st, &zoe, id, RSVP_NONE, &pos),
	    STORE_OK);
	ck_assert_int_eq(count_rows("rsvps"), 2);
	/* The organiser hosts; they give no answer. */
	ck_assert_int_eq(store_event_rsvp(st, &marie, id, RSVP_YES, &pos),
	    STORE_DENIED);
	ck_assert_int_eq(store_event_rsvp(st, &karim, id, 7, &pos),
	    STORE_INVALID);
}
END_TEST

START_TEST(more_places_move_the_line_up)
{
	struct viewer lea = neighbour("lea"), zoe = neighbour("zoe");
	struct event_new n;
	struct event e;
	int64_t id = event(&marie, "Repair café", 86400, 1);

	store_event_rsvp(st, &karim, id, RSVP_YES, NULL);
	tick(1);
	store_event_rsvp(st, &lea, id, RSVP_YES, NULL);
	tick(1);
	store_event_rsvp(st, &zoe, id, RSVP_YES, NULL);
	ck_assert_int_eq(store_event_get(st, &marie, id, &e), STORE_OK);
	n = draft("Repair café", e.starts_at, 2);
	event_clear(&e);
	ck_assert_msg(store_event_edit(st, &marie, id, &n) == STORE_OK, "%s",
	    store_detail(st));
	ck_assert_int_eq(mails_to(&lea, "A place is yours%"), 1);
	ck_assert_int_eq(mails_to(&zoe, "A place is yours%"), 0);
	/* Fewer places than people with one: refused. */
	n.capacity = 1;
	ck_assert_int_eq(store_event_edit(st, &marie, id, &n), STORE_INVALID);
	ck_assert_ptr_nonnull(strstr(store_detail(st), "2 neighbours"));
	/* No limit any more: everyone in line gets in. */
	n.capacity = 0;
	ck_assert_int_eq(store_event_edit(st, &marie, id, &n), STORE_OK);
	ck_assert_int_eq(mails_to(&zoe, "A place is yours%"), 1);
	ck_assert_int_eq(store_event_get(st, &zoe, id, &e), STORE_OK);
	ck_assert_int_eq(e.yes, 3);
	ck_assert_int_eq(e.waiting, 0);
	event_clear(&e);
}
END_TEST

START_TEST(edit_notifies_attendees)
{
	struct viewer lea = neighbour("lea"), zoe = neighbour("zoe");
	struct event_new n;
	struct event e;
	int64_t id = event(&marie, "Pique-nique", 2 * 86400, 0), start;

	store_event_rsvp(st, &karim, id, RSVP_YES, NULL);
	store_event_rsvp(st, &lea, id, RSVP_MAYBE, NULL);
	store_event_rsvp(st, &zoe, id, RSVP_NO, NULL);
	ck_assert_int_eq(store_event_get(st, &marie, id, &e), STORE_OK);
	start = e.starts_at;
	n = draft("Pique-nique au parc", start + 3600, 0);
	event_clear(&e);
	/* Karim may not, and another quartier finds nothing. */
	ck_assert_int_eq(store_event_edit(st, &karim, id, &n), STORE_DENIED);
	ck_assert_int_eq(store_event_edit(st, &nadia, id, &n),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_event_edit(st, &marie, id, &n), STORE_OK);
	ck_assert_int_eq(mails_to(&karim, "Changed: Pique-nique au parc"), 1);
	ck_assert_int_eq(mails_to(&lea, "Changed: %"), 1);
	ck_assert_int_eq(mails_to(&zoe, "%"), 0);
	ck_assert_int_eq(mails_to(&marie, "%"), 0);
	ck_assert_int_eq(count_rows("messages WHERE recipient_id = 2"
	    " AND sender_id = 1 AND body LIKE '%Title: Pique-nique au parc"
	    " (was: Pique-nique)%' AND body LIKE '%When: %'"
	    " AND body NOT LIKE '%Place:%'"), 1);
	ck_assert_int_eq(store_event_get(st, &karim, id, &e), STORE_OK);
	ck_assert_str_eq(e.title, "Pique-nique au parc");
	ck_assert_int_eq(e.starts_at, start + 3600);
	ck_assert_int_gt(e.updated_at, 0);
	event_clear(&e);
	/* Saving it unchanged mails nobody. */
	ck_assert_int_eq(store_event_edit(st, &marie, id, &n), STORE_OK);
	ck_assert_int_eq(count_rows("messages"), 2);
	/* A start moved into the past is refused, the event unchanged. */
	n.starts_at = clock_now - 60;
	ck_assert_int_eq(store_event_edit(st, &marie, id, &n), STORE_INVALID);
	ck_assert_ptr_nonnull(strstr(store_detail(st), "already past"));
	n.starts_at = start + 3600;
	n.ends_at = start;
	ck_assert_int_eq(store_event_edit(st, &marie, id, &n), STORE_INVALID);
	ck_assert_int_eq(count_rows("events WHERE ends_at IS NULL"), 1);
	/* Once it has started, it stays as it was. */
	n.ends_at = 0;
	tick(3 * 86400);
	ck_assert_int_eq(store_event_edit(st, &marie, id, &n), STORE_DENIED);
	ck_assert_int_eq(store_event_rsvp(st, &lea, id, RSVP_YES, NULL),
	    STORE_DENIED);
}
END_TEST

START_TEST(cancel_notifies_and_closes)
{
	struct viewer lea = neighbour("lea");
	struct event *list;
	struct event e;
	size_t n;
	int64_t id = event(&marie, "Concert", 86400, 1);

	store_event_rsvp(st, &karim, id, RSVP_YES, NULL);
	store_event_rsvp(st, &lea, id, RSVP_YES, NULL);	/* in line */
	ck_assert_int_eq(store_event_cancel(st, &marie, id, "  "),
	    STORE_INVALID);
	ck_assert_int_eq(store_event_cancel(st, &karim, id, "Pluie"),
	    STORE_DENIED);
	ck_assert_int_eq(store_event_cancel(st, &nadia, id, "Pluie"),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(count_rows("messages"), 0);
	ck_assert_int_eq(store_event_cancel(st, &marie, id,
	    "Il va pleuvoir."), STORE_OK);
	ck_assert_int_eq(mails_to(&karim, "Cancelled: Concert"), 1);
	ck_assert_int_eq(mails_to(&lea, "Cancelled: Concert"), 1);
	ck_assert_int_eq(count_rows("messages WHERE body LIKE"
	    " '%Il va pleuvoir.%' AND sender_id = 1"), 2);
	/* The reason stays on the event for whoever opens it. */
	{
		struct event got;

		ck_assert_int_eq(store_event_get(st, &karim, id, &got),
		    STORE_OK);
		ck_assert(got.cancelled);
		ck_assert_str_eq(got.cancel_reason, "Il va pleuvoir.");
		event_clear(&got);
	}
	ck_assert_int_eq(store_event_rsvp(st, &karim, id, RSVP_NO, NULL),
	    STORE_DENIED);
	ck_assert_ptr_nonnull(strstr(store_detail(st), "cancelled"));
	ck_assert_int_eq(store_event_cancel(st, &marie, id, "Encore"),
	    STORE_DENIED);
	ck_assert_int_eq(store_event_edit(st, &marie, id,
	    &(struct event_new){ .title = "x", .place = "y", .body = "",
	    .starts_at = clock_now + 86400 }), STORE_DENIED);
	/* Still on the agenda, marked. */
	ck_assert_int_eq(store_event_page(st, &karim, false, NULL, 10, &list,
	    &n), STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert(list[0].cancelled);
	event_list_free(list, n);
	ck_assert_int_eq(store_event_get(st, &lea, id, &e), STORE_OK);
	ck_assert(e.cancelled);
	event_clear(&e);
	ck_assert_int_eq(count_rows("messages"), 2);
}
END_TEST

/* The organiser rule, as the screens ask it: the organiser changes the
 * event and the neighbours answer it, until it starts or is cancelled. */
START_TEST(organiser_rule_asked_of_the_store)
{
	struct event e;
	int64_t id = event(&marie, "Pique-nique", 3600, 0);

	ck_assert_int_eq(store_event_get(st, &marie, id, &e), STORE_OK);
	ck_assert_int_eq(store_event_may_change(st, &e), STORE_OK);
	ck_assert_int_eq(store_event_may_answer(st, &e), STORE_DENIED);
	ck_assert(strstr(store_detail(st), "organise") != NULL);
	event_clear(&e);
	ck_assert_int_eq(store_event_get(st, &karim, id, &e), STORE_OK);
	ck_assert_int_eq(store_event_may_change(st, &e), STORE_DENIED);
	ck_assert(strstr(store_detail(st), "organiser") != NULL);
	ck_assert_int_eq(store_event_may_answer(st, &e), STORE_OK);
	event_clear(&e);
	/* Once it has started, nobody. */
	tick(2 * 3600);
	ck_assert_int_eq(store_event_get(st, &marie, id, &e), STORE_OK);
	ck_assert_int_eq(store_event_may_change(st, &e), STORE_DENIED);
	ck_assert(strstr(store_detail(st), "started") != NULL);
	event_clear(&e);
	ck_assert_int_eq(store_event_get(st, &karim, id, &e), STORE_OK);
	ck_assert_int_eq(store_event_may_answer(st, &e), STORE_DENIED);
	event_clear(&e);
	/* Cancelled, nobody either. */
	id = event(&marie, "Apéro", 86400, 0);
	ck_assert_int_eq(store_event_cancel(st, &marie, id, "Pluie"),
	    STORE_OK);
	ck_assert_int_eq(store_event_get(st, &marie, id, &e), STORE_OK);
	ck_assert_int_eq(store_event_may_change(st, &e), STORE_DENIED);
	ck_assert(strstr(store_detail(st), "cancelled") != NULL);
	event_clear(&e);
	ck_assert_int_eq(store_event_get(st, &karim, id, &e), STORE_OK);
	ck_assert_int_eq(store_event_may_answer(st, &e), STORE_DENIED);
	event_clear(&e);
}
END_TEST

START_TEST(agenda_and_archive_page)
{
	struct wall_cursor cur = { 0, 0 };
	struct menu_counts m;
	struct event *list;
	size_t n;
	int64_t ids[6], day = 86400;
	int i;

	/* Six events, one a day from tomorrow. */
	for (i = 0; i < 6; i++)
		ids[i] = event(&marie, "Événement", (i + 1) * day, 0);
	ck_assert_int_eq(store_event_page(st, &karim, false, NULL, 4, &list,
	    &n), STORE_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(list[0].id, ids[0]);
	ck_assert_int_eq(list[3].id, ids[3]);
	cur.created_at = list[3].starts_at;
	cur.id = list[3].id;
	event_list_free(list, n);
	ck_assert_int_eq(store_event_page(st, &karim, false, &cur, 4, &list,
	    &n), STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(list[0].id, ids[4]);
	event_list_free(list, n);
	ck_assert_int_eq(store_menu_counts(st, &karim, &m), STORE_OK);
	ck_assert_int_eq(m.events_week, 6);
	ck_assert_int_eq(m.events_today, 0);

	/* Each lasts an hour; three days and two hours later, the first
	 * three are over. */
	raw_exec(db_path, "UPDATE events SET ends_at = starts_at + 3600");
	tick(3 * day + 7200);
	ck_assert_int_eq(store_event_page(st, &karim, false, NULL, 10, &list,
	    &n), STORE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(list[0].id, ids[3]);
	event_list_free(list, n);
	ck_assert_int_eq(store_event_page(st, &karim, true, NULL, 2, &list,
	    &n), STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(list[0].id, ids[2]);	/* the latest first */
	ck_assert_int_eq(list[1].id, ids[1]);
	cur.created_at = list[1].starts_at;
	cur.id = list[1].id;
	event_list_free(list, n);
	ck_assert_int_eq(store_event_page(st, &karim, true, &cur, 2, &list,
	    &n), STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(list[0].id, ids[0]);
	event_list_free(list, n);
	/* Over: no answer, no change. */
	ck_assert_int_eq(store_event_rsvp(st, &karim, ids[0], RSVP_YES, NULL),
	    STORE_DENIED);

	/* Without an end, an event of today stays until midnight. */
	raw_exec(db_path, "UPDATE events SET ends_at = NULL");
	ck_assert_int_eq(store_event_page(st, &karim, false, NULL, 10, &list,
	    &n), STORE_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(list[0].id, ids[2]);
	event_list_free(list, n);
}
END_TEST

START_TEST(menu_counts_today_and_week)
{
	struct menu_counts m;
	int64_t today_end = when_day_add(when_day_start(clock_now), 1);
	int64_t id;

	/* One late tonight, one in three days, one in ten, one cancelled
	 * tomorrow (the fixture's clock is at 10:54 in Paris). */
	event(&marie, "Ce soir", (today_end - clock_now) - 60, 0);
	event(&marie, "Dans trois jours", 3 * 86400, 0);
	event(&marie, "Dans dix jours", 10 * 86400, 0);
	id = event(&marie, "Annulé", 86400, 0);
	ck_assert_int_eq(store_event_cancel(st, &marie, id, "Non"), STORE_OK);
	ck_assert_int_eq(store_menu_counts(st, &karim, &m), STORE_OK);
	ck_assert_int_eq(m.events_today, 1);
	ck_assert_int_eq(m.events_week, 2);
}
END_TEST

/*
 * The isolation matrix: an event of Krutenau with answers, then every
 * event function called by Nadia (Neudorf), Hugo (pending in Krutenau)
 * and Paul (suspended in Krutenau) with its id.  Each finds nothing and
 * changes nothing; ids guessed past the last one find nothing either.
 */
START_TEST(event_isolation_matrix)
{
	const struct viewer *outsiders[] = { &nadia, &hugo, &paul };
	struct event_new n = draft("Intrus", clock_now + 86400, 5);
	struct menu_counts m;
	struct attendee *a;
	struct event *list, e;
	size_t count, i;
	int64_t id, guess, new_id;
	int items, rsvps, messages, pos;

	id = event(&marie, "Krutenau seulement", 86400, 2);
	ck_assert_int_eq(store_event_rsvp(st, &karim, id, RSVP_YES, NULL),
	    STORE_OK);
	items = count_rows("items");
	rsvps = count_rows("rsvps");
	messages = count_rows("messages");
	for (i = 0; i < 3; i++) {
		const struct viewer *v = outsiders[i];

		ck_assert_int_eq(store_event_page(st, v, false, NULL, 50,
		    &list, &count), STORE_OK);
		ck_assert_uint_eq(count, 0);
		free(list);
		ck_assert_int_eq(store_event_page(st, v, true, NULL, 50,
		    &list, &count), STORE_OK);
		ck_assert_uint_eq(count, 0);
		free(list);
		ck_assert_int_eq(store_event_get(st, v, id, &e),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_event_rsvp(st, v, id, RSVP_YES, &pos),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_event_rsvp(st, v, id, RSVP_NONE, &pos),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_event_edit(st, v, id, &n),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_event_cancel(st, v, id, "Non"),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_event_attendees(st, v, id, &a, &count),
		    STORE_OK);
		ck_assert_uint_eq(count, 0);
		free(a);
		ck_assert_int_eq(store_menu_counts(st, v, &m), STORE_OK);
		ck_assert_int_eq(m.events_today + m.events_week, 0);
		if (v != &nadia)
			ck_assert_int_eq(store_event_add(st, v, &n, &new_id),
			    STORE_DENIED);
	}
	ck_assert_int_eq(count_rows("items"), items);
	ck_assert_int_eq(count_rows("rsvps"), rsvps);
	ck_assert_int_eq(count_rows("messages"), messages);
	ck_assert_int_eq(count_rows("board_visits"), 0);
	/* Nadia's own event is hers alone. */
	ck_assert_int_eq(store_event_add(st, &nadia, &n, &new_id), STORE_OK);
	ck_assert_int_eq(store_event_get(st, &karim, new_id, &e),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_event_rsvp(st, &karim, new_id, RSVP_YES, NULL),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_event_page(st, &nadia, false, NULL, 50, &list,
	    &count), STORE_OK);
	ck_assert_uint_eq(count, 1);
	ck_assert_int_eq(list[0].id, new_id);
	event_list_free(list, count);
	/* Guessed ids, and ids of things that are not events. */
	for (guess = new_id + 1; guess < new_id + 5; guess++) {
		ck_assert_int_eq(store_event_get(st, &marie, guess, &e),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_event_rsvp(st, &marie, guess, RSVP_YES,
		    NULL), STORE_NOT_FOUND);
	}
	ck_assert_int_eq(store_wall_add(st, &marie, "info", "Mur", "Texte",
	    NULL, &guess), STORE_OK);
	ck_assert_int_eq(store_event_get(st, &marie, guess, &e),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_event_rsvp(st, &karim, guess, RSVP_YES, NULL),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_event_cancel(st, &marie, guess, "x"),
	    STORE_NOT_FOUND);
}
END_TEST

static Suite *
event_suite(void)
{
	Suite *s = suite_create("event");
	TCase *tc;

	tc = tcase_create("when");
	tcase_add_test(tc, when_parses_good_dates);
	tcase_add_test(tc, when_refuses_bad_dates);
	tcase_add_test(tc, when_date_alone);
	tcase_add_test(tc, when_parses_ends);
	tcase_add_test(tc, when_days_follow_the_clocks);
	tcase_add_test(tc, when_formats);
	suite_add_tcase(s, tc);

	tc = tcase_create("store");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, event_created_and_read);
	tcase_add_test(tc, event_create_refusals);
	tcase_add_test(tc, rsvp_waiting_line_moves_up);
	tcase_add_test(tc, more_places_move_the_line_up);
	tcase_add_test(tc, edit_notifies_attendees);
	tcase_add_test(tc, cancel_notifies_and_closes);
	tcase_add_test(tc, organiser_rule_asked_of_the_store);
	tcase_add_test(tc, agenda_and_archive_page);
	tcase_add_test(tc, menu_counts_today_and_week);
	suite_add_tcase(s, tc);

	tc = tcase_create("isolation");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, event_isolation_matrix);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	/* As the programs do from the configuration. */
	setenv("TZ", "Europe/Paris", 1);
	tzset();
	/* Mails are made in the recipient's language; here, English unless
	 * a test asks for French, from the catalogue of the build. */
	setlocale(LC_ALL, "C.UTF-8");
	if (getenv("QUARTIER_LOCALEDIR") != NULL)
		bindtextdomain(PACKAGE, getenv("QUARTIER_LOCALEDIR"));
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	setenv("LANGUAGE", "en", 1);
	language_set_default(LANG_EN);
	return tap_run(event_suite());
}
