/*
 * util.c - memory helpers that never return NULL, fatal errors, the clock,
 * and the names of the enums shared by the engine and the UI.
 */
#ifdef HAVE_CONFIG_H
#include "build-config.h"
#endif
/* program_invocation_short_name, vasprintf (also for builds without it) */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quartier.h"

/* glibc's gettext drops its cache of translations when this changes. */
extern int _nl_msg_cat_cntr;

void
fatal_at(const char *func, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: %s: ", program_invocation_short_name, func);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *
xmalloc(size_t size)
{
	void *p;

	if ((p = malloc(size == 0 ? 1 : size)) == NULL)
		fatal("out of memory");
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if ((p = calloc(nmemb, size)) == NULL)
		fatal("out of memory");
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *p;

	if ((p = realloc(ptr, size == 0 ? 1 : size)) == NULL)
		fatal("out of memory");
	return p;
}

char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		fatal("out of memory");
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;

	if ((p = strndup(s, n)) == NULL)
		fatal("out of memory");
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("out of memory");
	return p;
}

/*
 * The current time.  QUARTIER_FAKE_NOW (seconds since the epoch) stands in
 * for the clock so that tests can check expiries and "2 hours ago".
 */
int64_t
now_seconds(void)
{
	const char *fake;
	char *end;
	long long n;

	if ((fake = getenv("QUARTIER_FAKE_NOW")) != NULL && *fake != '\0') {
		errno = 0;
		n = strtoll(fake, &end, 10);
		if (errno == 0 && *end == '\0')
			return n;
	}
	return (int64_t)time(NULL);
}

/* The names as stored in the database and typed on quartier-admin. */
static const char *const status_names[] = {
	[RESIDENT_PENDING] = "pending",
	[RESIDENT_VERIFIED] = "verified",
	[RESIDENT_SUSPENDED] = "suspended",
};

static const char *const role_names[] = {
	[ROLE_RESIDENT] = "resident",
	[ROLE_HELPER] = "helper",
	[ROLE_MODERATOR] = "moderator",
	[ROLE_SYSOP] = "sysop",
};

static const char *const language_codes[] = {
	[LANG_AUTO] = "auto",
	[LANG_FR] = "fr",
	[LANG_EN] = "en",
};

#define NITEMS(a) (sizeof (a) / sizeof (a)[0])

/* An enum out of range is a bug: stop rather than store a wrong name. */
static const char *
name_of(const char *const *names, size_t n, int value, const char *what)
{
	if (value < 0 || (size_t)value >= n)
		fatal("internal error: bad %s %d", what, value);
	return names[value];
}

static int
index_of(const char *const *names, size_t n, const char *s)
{
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], s) == 0)
			return (int)i;
	}
	return -1;
}

const char *
resident_status_name(enum resident_status status)
{
	return name_of(status_names, NITEMS(status_names), status,
	    "resident status");
}

int
resident_status_parse(const char *s, enum resident_status *status)
{
	int i;

	if ((i = index_of(status_names, NITEMS(status_names), s)) == -1)
		return -1;
	*status = i;
	return 0;
}

const char *
resident_role_name(enum resident_role role)
{
	return name_of(role_names, NITEMS(role_names), role, "resident role");
}

/* The words for a status and a role, in the language now applied. */
const char *
resident_status_word(enum resident_status status)
{
	switch (status) {
	case RESIDENT_PENDING:
		return _("pending");
	case RESIDENT_SUSPENDED:
		return _("suspended");
	case RESIDENT_VERIFIED:
		break;
	}
	return _("verified");
}

const char *
resident_role_word(enum resident_role role)
{
	switch (role) {
	case ROLE_HELPER:
		return _("helper");
	case ROLE_MODERATOR:
		return _("moderator");
	case ROLE_SYSOP:
		return _("sysop");
	case ROLE_RESIDENT:
		break;
	}
	return _("resident");
}

int
resident_role_parse(const char *s, enum resident_role *role)
{
	int i;

	if ((i = index_of(role_names, NITEMS(role_names), s)) == -1)
		return -1;
	*role = i;
	return 0;
}

const char *
language_code(enum language lang)
{
	return name_of(language_codes, NITEMS(language_codes), lang,
	    "language");
}

int
language_parse(const char *s, enum language *lang)
{
	int i;

	if ((i = index_of(language_codes, NITEMS(language_codes), s)) == -1)
		return -1;
	*lang = i;
	return 0;
}

/* What language_from_environment() answers when the environment names
 * neither French nor English ("default_language" in quartier.conf). */
static enum language fallback_language = LANG_FR;

void
language_set_default(enum language lang)
{
	fallback_language = lang == LANG_AUTO ? LANG_FR : lang;
}

/*
 * The language the environment asks for, looked up in the order gettext
 * uses.  A variable naming French or English decides; anything else, the C
 * locale included, gets the configured default, French unless changed:
 * the residents are French speakers first.
 */
enum language
language_from_environment(void)
{
	static const char *const vars[] = {
		"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG",
	};
	const char *value;
	size_t i;

	for (i = 0; i < NITEMS(vars); i++) {
		value = getenv(vars[i]);
		if (value == NULL || *value == '\0')
			continue;
		if (strncmp(value, "en", 2) == 0)
			return LANG_EN;
		if (strncmp(value, "fr", 2) == 0)
			return LANG_FR;
		return fallback_language;
	}
	return fallback_language;
}

static enum language current_language = LANG_AUTO;

/*
 * LANGUAGE as it was before language_apply() first replaced it, so that
 * going back to LANG_AUTO follows the resident's environment and not our
 * own earlier choice.
 */
static char *original_language;
static bool original_saved;

static void
save_original_language(void)
{
	const char *value;

	if (original_saved)
		return;
	value = getenv("LANGUAGE");
	original_language = value != NULL ? xstrdup(value) : NULL;
	original_saved = true;
}

/*
 * Switch the language of the messages at run time, when a resident logs in
 * or changes it in the profile.  LANGUAGE overrides the locale for gettext
 * alone; bumping _nl_msg_cat_cntr makes glibc forget the translations it
 * has already looked up.
 */
void
language_apply(enum language lang)
{
	save_original_language();
	if (lang == LANG_AUTO) {
		if (original_language != NULL)
			setenv("LANGUAGE", original_language, 1);
		else
			unsetenv("LANGUAGE");
		lang = language_from_environment();
	}
	if (setenv("LANGUAGE", language_code(lang), 1) != 0)
		fatal("out of memory");
	++_nl_msg_cat_cntr;
	current_language = lang;
}

/*
 * Whether the messages in force speak English for want of a catalogue:
 * the empty msgid translates to the catalogue's header when one was found
 * for the language applied, and stays empty when none was.  (A variable,
 * so that xgettext does not take it for a message.)
 */
bool
language_catalogue_missing(void)
{
	static const char header[] = "";

	return language_current() != LANG_EN && *gettext(header) == '\0';
}

enum language
language_current(void)
{
	if (current_language == LANG_AUTO)
		return language_from_environment();
	return current_language;
}

int
poll_signals(struct pollfd *pfd, nfds_t n, int timeout_ms,
    const sigset_t *waiting)
{
	struct timespec ts;
	sigset_t blocked;
	int rc, saved;

	ts.tv_sec = timeout_ms / 1000;
	ts.tv_nsec = (long)(timeout_ms % 1000) * 1000000;
	rc = ppoll(pfd, n, timeout_ms < 0 ? NULL : &ts, waiting);
	if (rc >= 0) {
		saved = errno;
		sigprocmask(SIG_SETMASK, waiting, &blocked);
		sigprocmask(SIG_SETMASK, &blocked, NULL);
		errno = saved;
	}
	return rc;
}
