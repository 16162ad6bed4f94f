/*
 * when.h - local dates and times, as residents type and read them.
 *
 * Times are Unix seconds; the local time zone is the process's (the
 * programs set TZ from the configuration before anything else, so
 * localtime_r and mktime give the quartier's wall-clock time).  Parsing
 * accepts what a French or an English resident would type; formatting
 * follows language_current().  Nothing here knows about curses or SQL.
 */
#ifndef WHEN_H
#define WHEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The years a date may have: anything else is a typing mistake. */
#define WHEN_YEAR_MIN	2000
#define WHEN_YEAR_MAX	2100

/*
 * A local date and time: "24/12/2026 18:30", "24/12/2026 18h30",
 * "24/12/2026 18h", "2026-12-24 18:30", "2026-12-24T18:30", with an
 * optional "am"/"pm" after the time.  Slashes are always day/month/year.
 * With a date alone, *WHEN is its midnight and *HAS_TIME false; when
 * HAS_TIME is NULL a time is required.  Every date is checked (31/02 or
 * 24:00 are refused), and so is the time on that day, so that a time the
 * clocks skip when summer time starts is refused too.  Returns 0, or -1
 * with *WHY a translated sentence saying what is wrong.
 */
int	 when_parse(const char *text, int64_t *when, bool *has_time,
	    const char **why);

/*
 * The end of something that starts at START: a full date and time, a
 * time alone (on START's day, or the next day when it comes before
 * START's time: "23:00" to "02:00"), or a date alone (the end of that
 * day).  Does not check that the end comes after START.
 */
int	 when_parse_end(const char *text, int64_t start, int64_t *when,
	    const char **why);

/* Local midnight of the day of WHEN, and of DAYS days later (days are
 * not always 24 hours long). */
int64_t	 when_day_start(int64_t when);
int64_t	 when_day_add(int64_t day, int days);
/* Whether A and B fall on the same local day. */
bool	 when_same_day(int64_t a, int64_t b);

/* "samedi 12 décembre 2026, 18 h 30" / "Saturday 12 December 2026, 18:30" */
void	 when_format_long(char *buf, size_t size, int64_t when);
/* "samedi 12 décembre 2026" / "Saturday 12 December 2026" */
void	 when_format_date(char *buf, size_t size, int64_t when);
/* "mardi 1er décembre" (WEEKDAY) or "1er décembre", with the year only
 * when it is not this one. */
void	 when_format_day(char *buf, size_t size, int64_t when, bool weekday);
/* "mardi 3 mars, 18 h 30", the year only when it is not this one. */
void	 when_format_moment(char *buf, size_t size, int64_t when);
/* For lists: the time today, "hier" yesterday, else "3 mars", or
 * "03/03/2025" another year. */
void	 when_format_ago(char *buf, size_t size, int64_t when);
/* "18 h 30" / "18:30" */
void	 when_format_time(char *buf, size_t size, int64_t when);
/* "12/12 18:30", for narrow columns (the same in every language). */
void	 when_format_short(char *buf, size_t size, int64_t when);
/* "12/12/2026 18:30": what when_parse() reads back, to edit a date. */
void	 when_format_input(char *buf, size_t size, int64_t when);
/* "18 h 30 – 22 h 00" on one day, else both in full; START alone
 * when END is 0. */
void	 when_format_span(char *buf, size_t size, int64_t start, int64_t end);
/*
 * A heading for the day of WHEN as seen on NOW's day: "Aujourd'hui",
 * "Demain", "Hier", "Samedi 12 décembre", with the year when it is not
 * NOW's year.
 */
void	 when_day_heading(char *buf, size_t size, int64_t when, int64_t now);

#endif
