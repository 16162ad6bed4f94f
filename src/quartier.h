/*
 * quartier.h - what every part of Quartier shares: limits, the resident's
 * status and role, message marking for gettext, and small helpers.
 *
 * The engine (src/) and the terminal UI (screens/) both include this file.
 * Nothing here knows about SQL or curses.
 */
#ifndef QUARTIER_H
#define QUARTIER_H

#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libintl.h>

#define _(s)  gettext(s)
#define N_(s) (s)

/* Limits on what a resident may write, in characters (code points). */
#define QUARTIER_HANDLE_MIN      3
#define QUARTIER_HANDLE_MAX      24
#define QUARTIER_NAME_MAX        60      /* display names, cities, quartiers */
#define QUARTIER_STREET_MAX      120
#define QUARTIER_TITLE_MAX       100
#define QUARTIER_BODY_MAX        8000
#define QUARTIER_REPLY_MAX       4000
#define QUARTIER_PASSWORD_MIN    8
#define QUARTIER_PASSWORD_MAX    256     /* bytes */
#define QUARTIER_KEY_COMMENT_MAX 100     /* the comment after an SSH key */
#define QUARTIER_KEYS_MAX        20      /* SSH keys per resident */

enum resident_status {
	RESIDENT_PENDING,
	RESIDENT_VERIFIED,
	RESIDENT_SUSPENDED,
};

enum resident_role {
	ROLE_RESIDENT,
	ROLE_HELPER,
	ROLE_MODERATOR,
	ROLE_SYSOP,
};

/* The languages a resident can choose; LANG_AUTO follows the environment. */
enum language {
	LANG_AUTO,
	LANG_FR,
	LANG_EN,
};

/* util.c */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Say "PROGRAM: FUNCTION: message" on stderr and exit 1: for what cannot
 * happen (a bad statement, memory gone), never for a resident's mistake. */
void	 fatal_at(const char *func, const char *, ...)
	    __attribute__((format(printf, 2, 3), noreturn));
#define fatal(...)	fatal_at(__func__, __VA_ARGS__)
int64_t	 now_seconds(void);
/*
 * ppoll() for a loop whose signals are blocked except while it waits:
 * WAITING is the mask it waits with.  ppoll() delivers those signals
 * only when they interrupt it; when a descriptor is ready (a flood of
 * connections, a socket at its end, a paste) they would stay pending
 * for as long as that lasts.  poll_signals() lets them in after every
 * wait, so a SIGCHLD, SIGTERM or SIGWINCH is always handled at the next
 * turn.  TIMEOUT_MS < 0 waits for ever.  Returns what ppoll() returns.
 */
int	 poll_signals(struct pollfd *, nfds_t, int timeout_ms,
	    const sigset_t *waiting);
const char *resident_status_name(enum resident_status);
int	 resident_status_parse(const char *, enum resident_status *);
const char *resident_role_name(enum resident_role);
int	 resident_role_parse(const char *, enum resident_role *);
const char *resident_status_word(enum resident_status);	/* translated */
const char *resident_role_word(enum resident_role);	/* translated */
const char *language_code(enum language);
int	 language_parse(const char *, enum language *);
enum language language_from_environment(void);
void	 language_set_default(enum language);
void	 language_apply(enum language);
enum language language_current(void);
bool	 language_catalogue_missing(void);

#endif
