/*
 * log.h - quartierd's log, written by the listener, the broker and every
 * connection's network stage.
 *
 * Much of what is logged comes from clients: login names, terminal
 * types, the algorithms a client offers (inside libssh's error
 * messages).  Every line therefore passes log_clean() before it is
 * written: no control character, no invalid UTF-8 and no line longer
 * than LOG_LINE_MAX bytes reaches the log, so that a client can neither
 * forge a line nor send escape sequences to the sysop's terminal.
 */
#ifndef LOG_H
#define LOG_H

#include <stdbool.h>
#include <stddef.h>

/* The longest line written, in bytes, without its newline. */
#define LOG_LINE_MAX	1024

void	log_init(bool to_stderr);
void	log_detached(void);

/*
 * Each line names the function that wrote it, as OpenSSH's do:
 * "quartierd[PID]: FUNCTION: message".  Call log_info(), log_warn() and
 * log_error() as printf(); the macros add __func__.
 */
enum log_level {
	LOG_LEVEL_INFO,
	LOG_LEVEL_WARN,
	LOG_LEVEL_ERROR,
};

void	log_at(enum log_level, const char *func, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
#define log_info(...)	log_at(LOG_LEVEL_INFO, __func__, __VA_ARGS__)
#define log_warn(...)	log_at(LOG_LEVEL_WARN, __func__, __VA_ARGS__)
#define log_error(...)	log_at(LOG_LEVEL_ERROR, __func__, __VA_ARGS__)

/*
 * Where the lines go instead of stderr or syslog: the network stage,
 * which may create no file and write to none (RLIMIT_FSIZE 0), hands
 * them to the broker, which cleans and writes them with log_forwarded()
 * under the stage's pid.  The sink gets the line as it was made, not yet
 * cleaned (the broker believes nothing of the stage's cleaning).
 * PRIORITY is syslog's (LOG_INFO, LOG_WARNING, LOG_ERR).
 */
void	log_set_sink(void (*sink)(int priority, const char *line));
void	log_forwarded(long pid, int priority, const char *line);

/*
 * Copy IN to OUT (SIZE bytes, at least 8), made safe for a log: printable
 * ASCII and valid UTF-8 characters from U+00A0 on are kept; every other
 * byte (C0 and C1 controls, DEL, bytes of invalid UTF-8, U+2028 and
 * U+2029) and the backslash are written as \xHH, so that what was there
 * can still be read.  A line that does not fit ends with "...".  Returns
 * the length of OUT.
 */
size_t	log_clean(const char *in, char *out, size_t size);

#endif
