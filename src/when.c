/*
 * when.c - local dates and times: reading what residents type, writing
 * dates in their language.  See when.h.
 *
 * A typed date is checked field by field, then turned into seconds by
 * mktime() and turned back by localtime_r(): when the two disagree, the
 * wall-clock time does not exist on that day (the hour the clocks skip in
 * spring), and saying so is better than silently moving the event.
 */
#include "build-config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "quartier.h"
#include "when.h"

static const char *const day_names[] = {
	N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"),
	N_("Thursday"), N_("Friday"), N_("Saturday"),
};
static const char *const month_names[] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"),
	N_("June"), N_("July"), N_("August"), N_("September"),
	N_("October"), N_("November"), N_("December"),
};

/* The one sentence that quotes what was typed; the UI is one thread. */
static char why_buf[160];

static const char *
why_format(void)
{
	return _("Write the date as dd/mm/yyyy hh:mm, for example "
	    "24/12/2026 18:30.");
}

static const char *
skip_spaces(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Up to MAX digits; the number of digits read (0: none). */
static int
read_number(const char **pp, int max, int *value)
{
	const char *p = *pp;
	int n = 0, v = 0;

	while (n < max && isdigit((unsigned char)*p)) {
		v = v * 10 + (*p - '0');
		p++;
		n++;
	}
	if (n > 0 && isdigit((unsigned char)*p))
		return 0;		/* too many digits */
	*value = v;
	*pp = p;
	return n;
}

/*
 * A time of day: "18:30", "18h30", "18 h 30", "18h", "6:30 pm", "6 pm".
 * 1 when one was read (checked), 0 when there is none at P, -1 when it
 * is wrong (*WHY set).
 */
static int
parse_time(const char **pp, int *hour, int *minute, const char **why)
{
	const char *p = *pp, *q;
	int h, m = 0, digits;
	bool letter_h = false;

	if ((digits = read_number(&p, 2, &h)) == 0)
		return 0;
	q = skip_spaces(p);
	if (*q == ':') {
		p = skip_spaces(q + 1);
		if (read_number(&p, 2, &m) != 2) {
			*why = why_format();
			return -1;
		}
	} else if (*q == 'h' || *q == 'H') {
		letter_h = true;
		p = skip_spaces(q + 1);
		if (isdigit((unsigned char)*p) && read_number(&p, 2, &m) != 2) {
			*why = why_format();
			return -1;
		}
	}
	q = skip_spaces(p);
	if (!letter_h && (strncasecmp(q, "am", 2) == 0 ||
	    strncasecmp(q, "pm", 2) == 0) && !isalpha((unsigned char)q[2])) {
		if (h < 1 || h > 12 || m > 59) {
			*why = _("The time must be between 00:00 and 23:59.");
			return -1;
		}
		if (h == 12)
			h = 0;
		if (tolower((unsigned char)*q) == 'p')
			h += 12;
		p = q + 2;
	} else if (!letter_h && *skip_spaces(p) != ':' && digits > 0 &&
	    p == *pp + digits) {
		/* A bare number is not a time. */
		*why = why_format();
		return -1;
	}
	if (h > 23 || m > 59) {
		*why = _("The time must be between 00:00 and 23:59.");
		return -1;
	}
	*hour = h;
	*minute = m;
	*pp = p;
	return 1;
}

static bool
leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

/* "24/12/2026", "24.12.2026", "2026-12-24": 0, or -1 with *WHY. */
static int
parse_date(const char **pp, int *year, int *month, int *day,
    const char **why)
{
	const char *p = *pp;
	int a, b, c, na, nc;

	if ((na = read_number(&p, 4, &a)) == 0) {
		*why = why_format();
		return -1;
	}
	if (*p == '-' && na == 4) {
		p++;
		if (read_number(&p, 2, &b) == 0 || *p++ != '-' ||
		    read_number(&p, 2, &c) == 0) {
			*why = why_format();
			return -1;
		}
		*year = a;
		*month = b;
		*day = c;
	} else if ((*p == '/' || *p == '.') && na <= 2) {
		char sep = *p++;

		if (read_number(&p, 2, &b) == 0 || *p++ != sep ||
		    (nc = read_number(&p, 4, &c)) == 0 || nc == 1 ||
		    nc == 3) {
			*why = why_format();
			return -1;
		}
		*year = nc == 2 ? 2000 + c : c;
		*month = b;
		*day = a;
	} else {
		*why = why_format();
		return -1;
	}
	if (*year < WHEN_YEAR_MIN || *year > WHEN_YEAR_MAX) {
		snprintf(why_buf, sizeof why_buf,
		    _("Give a year between %d and %d."), WHEN_YEAR_MIN,
		    WHEN_YEAR_MAX);
		*why = why_buf;
		return -1;
	}
	if (*month < 1 || *month > 12 || *day < 1 ||
	    *day > days_in_month(*year, *month)) {
		snprintf(why_buf, sizeof why_buf,
		    _("There is no such day as %02d/%02d/%04d."), *day, *month,
		    *year);
		*why = why_buf;
		return -1;
	}
	*pp = p;
	return 0;
}

/* The seconds of a checked local date and time, or -1 when the clocks
 * skip that time on that day. */
static int
make_time(int year, int month, int day, int hour, int minute, int64_t *out)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1 || localtime_r(&t, &tm) == NULL)
		return -1;
	if (tm.tm_year != year - 1900 || tm.tm_mon != month - 1 ||
	    tm.tm_mday != day || tm.tm_hour != hour || tm.tm_min != minute)
		return -1;
	*out = (int64_t)t;
	return 0;
}

static const char *
why_skipped(void)
{
	return _("That time does not exist on that day: the clocks go "
	    "forward then.");
}

/* Between the date and the time: spaces, a comma, "T", "à" or "at". */
static const char *
skip_separator(const char *p)
{
	const char *q = skip_spaces(p);

	if (*q == 'T' && isdigit((unsigned char)q[1]))
		return q + 1;
	if (*q == ',')
		q = skip_spaces(q + 1);
	if (strncmp(q, "à ", 3) == 0)
		q = skip_spaces(q + 3);
	else if (strncasecmp(q, "at ", 3) == 0)
		q = skip_spaces(q + 3);
	return q;
}

int
when_parse(const char *text, int64_t *when, bool *has_time, const char **why)
{
	const char *p;
	int year, month, day, hour = 0, minute = 0, rc;
	bool timed = false;

	if (text == NULL || *(p = skip_spaces(text)) == '\0') {
		*why = _("Give a date, for example 24/12/2026 18:30.");
		return -1;
	}
	if (parse_date(&p, &year, &month, &day, why) != 0)
		return -1;
	if (*skip_spaces(p) != '\0') {
		p = skip_separator(p);
		if ((rc = parse_time(&p, &hour, &minute, why)) < 0)
			return -1;
		if (rc == 0 || *skip_spaces(p) != '\0') {
			*why = why_format();
			return -1;
		}
		timed = true;
	}
	if (!timed && has_time == NULL) {
		*why = _("Add the time, for example 24/12/2026 18:30.");
		return -1;
	}
	if (make_time(year, month, day, hour, minute, when) != 0) {
		*why = why_skipped();
		return -1;
	}
	if (has_time != NULL)
		*has_time = timed;
	return 0;
}

int
when_parse_end(const char *text, int64_t start, int64_t *when,
    const char **why)
{
	const char *p = skip_spaces(text != NULL ? text : "");
	time_t t = (time_t)start;
	struct tm tm;
	int hour, minute, rc;
	bool timed;

	/* A time alone: on the start's day, or the night after it. */
	if (strchr(p, '/') == NULL && strchr(p, '-') == NULL &&
	    strchr(p, '.') == NULL && *p != '\0') {
		if ((rc = parse_time(&p, &hour, &minute, why)) < 0)
			return -1;
		if (rc == 0 || *skip_spaces(p) != '\0') {
			*why = _("Write the end as a time (22:00) or a date "
			    "and a time (24/12/2026 22:00).");
			return -1;
		}
		localtime_r(&t, &tm);
		if (hour * 60 + minute <= tm.tm_hour * 60 + tm.tm_min) {
			t = (time_t)when_day_add(when_day_start(start), 1);
			localtime_r(&t, &tm);
		}
		if (make_time(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		    hour, minute, when) != 0) {
			*why = why_skipped();
			return -1;
		}
		return 0;
	}
	if (when_parse(text, when, &timed, why) != 0)
		return -1;
	/* A date alone: until that day is over. */
	if (!timed)
		*when = when_day_add(*when, 1) - 60;
	return 0;
}

int64_t
when_day_start(int64_t when)
{
	return when_day_add(when, 0);
}

int64_t
when_day_add(int64_t day, int days)
{
	time_t t = (time_t)day;
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_mday += days;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

bool
when_same_day(int64_t a, int64_t b)
{
	return when_day_start(a) == when_day_start(b);
}

static void
local(int64_t when, struct tm *tm)
{
	time_t t = (time_t)when;

	localtime_r(&t, tm);
}

/*
 * The day of TM: "mardi 1er décembre 2026", "3 décembre"...  With or
 * without the weekday and the year; French writes the first of a month
 * "1er", hence formats of their own for it.
 */
static void
format_day(char *buf, size_t size, const struct tm *tm, bool weekday,
    bool year)
{
	const char *wd = _(day_names[tm->tm_wday]);
	const char *mo = _(month_names[tm->tm_mon]);
	int y = tm->tm_year + 1900;

	if (tm->tm_mday == 1) {
		if (weekday && year)
			/* TRANSLATORS: weekday, the first of a month, year:
			 * "mardi 1er mars 2027". */
			snprintf(buf, size, _("%s 1 %s %d"), wd, mo, y);
		else if (weekday)
			/* TRANSLATORS: "mardi 1er mars". */
			snprintf(buf, size, _("%s 1 %s"), wd, mo);
		else if (year)
			/* TRANSLATORS: "1er mars 2027". */
			snprintf(buf, size, _("1 %s %d"), mo, y);
		else
			/* TRANSLATORS: the first day of a month: "1er mars". */
			snprintf(buf, size, _("1 %s"), mo);
	} else if (weekday && year)
		/* TRANSLATORS: weekday, day, month, year. */
		snprintf(buf, size, _("%s %d %s %d"), wd, tm->tm_mday, mo, y);
	else if (weekday)
		/* TRANSLATORS: weekday, day of month, month: "mardi 3 mars". */
		snprintf(buf, size, _("%s %d %s"), wd, tm->tm_mday, mo);
	else if (year)
		/* TRANSLATORS: day of month, month and year: "3 mars 2027". */
		snprintf(buf, size, _("%d %s %d"), tm->tm_mday, mo, y);
	else
		/* TRANSLATORS: day of month and month: "3 mars". */
		snprintf(buf, size, _("%d %s"), tm->tm_mday, mo);
}

static bool
this_year(const struct tm *tm)
{
	struct tm now;

	local(now_seconds(), &now);
	return tm->tm_year == now.tm_year;
}

void
when_format_date(char *buf, size_t size, int64_t when)
{
	struct tm tm;

	local(when, &tm);
	format_day(buf, size, &tm, true, true);
}

void
when_format_day(char *buf, size_t size, int64_t when, bool weekday)
{
	struct tm tm;

	local(when, &tm);
	format_day(buf, size, &tm, weekday, !this_year(&tm));
}

void
when_format_moment(char *buf, size_t size, int64_t when)
{
	char day[128], hour[32];

	when_format_day(day, sizeof day, when, true);
	when_format_time(hour, sizeof hour, when);
	/* TRANSLATORS: a date, then a time of day. */
	snprintf(buf, size, _("%s, %s"), day, hour);
}

void
when_format_ago(char *buf, size_t size, int64_t when)
{
	int64_t day = when_day_start(when), today = when_day_start(
	    now_seconds());
	struct tm tm;

	local(when, &tm);
	if (day == today)
		when_format_time(buf, size, when);
	else if (day == when_day_add(today, -1))
		snprintf(buf, size, "%s", _("yesterday"));
	else if (this_year(&tm))
		format_day(buf, size, &tm, false, false);
	else
		snprintf(buf, size, "%02d/%02d/%04d", tm.tm_mday,
		    tm.tm_mon + 1, tm.tm_year + 1900);
}

void
when_format_time(char *buf, size_t size, int64_t when)
{
	struct tm tm;

	local(when, &tm);
	/* TRANSLATORS: hours and minutes, "18 h 30" in French. */
	snprintf(buf, size, _("%02d:%02d"), tm.tm_hour, tm.tm_min);
}

void
when_format_long(char *buf, size_t size, int64_t when)
{
	char day[128], hour[32];

	when_format_date(day, sizeof day, when);
	when_format_time(hour, sizeof hour, when);
	/* TRANSLATORS: a date, then a time of day. */
	snprintf(buf, size, _("%s, %s"), day, hour);
}

void
when_format_short(char *buf, size_t size, int64_t when)
{
	struct tm tm;

	local(when, &tm);
	snprintf(buf, size, "%02d/%02d %02d:%02d", tm.tm_mday, tm.tm_mon + 1,
	    tm.tm_hour, tm.tm_min);
}

void
when_format_input(char *buf, size_t size, int64_t when)
{
	struct tm tm;

	local(when, &tm);
	snprintf(buf, size, "%02d/%02d/%04d %02d:%02d", tm.tm_mday,
	    tm.tm_mon + 1, tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}

void
when_format_span(char *buf, size_t size, int64_t start, int64_t end)
{
	char from[160], to[160];

	when_format_long(from, sizeof from, start);
	if (end == 0) {
		snprintf(buf, size, "%s", from);
		return;
	}
	if (when_same_day(start, end))
		when_format_time(to, sizeof to, end);
	else
		when_format_long(to, sizeof to, end);
	/* TRANSLATORS: from a date and time to a time (or a date and time). */
	snprintf(buf, size, _("%s – %s"), from, to);
}

void
when_day_heading(char *buf, size_t size, int64_t when, int64_t now)
{
	int64_t day = when_day_start(when), today = when_day_start(now);
	struct tm tm, tm_now;

	if (day == today) {
		snprintf(buf, size, "%s", _("Today"));
		return;
	}
	if (day == when_day_add(today, 1)) {
		snprintf(buf, size, "%s", _("Tomorrow"));
		return;
	}
	if (day == when_day_add(today, -1)) {
		snprintf(buf, size, "%s", _("Yesterday"));
		return;
	}
	local(when, &tm);
	local(now, &tm_now);
	format_day(buf, size, &tm, true, tm.tm_year != tm_now.tm_year);
	/* A heading starts with a capital, whatever the language's names;
	 * every weekday begins with an ASCII letter in French and English. */
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
}
