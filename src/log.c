/*
 * log.c - quartierd's log: syslog (daemon facility), or stderr with
 * --foreground, where systemd's journal or the sysop's terminal adds the
 * time.  Passwords and keys never reach these functions.
 */
#include "build-config.h"

#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>
#include <unistd.h>

#include "session.h"

static bool log_stderr, log_syslog;

/*
 * With --foreground the log is stderr (the journal, or the sysop's
 * terminal).  Otherwise it is syslog, and stderr too until quartierd has
 * detached, so that whoever starts it by hand sees why it will not start.
 */
void
log_init(bool to_stderr)
{
	log_stderr = true;
	log_syslog = !to_stderr;
	if (log_syslog)
		openlog("quartierd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void
log_detached(void)
{
	log_stderr = false;
}

void
log_at(enum log_level level, const char *func, const char *fmt, ...)
{
	static const int priorities[] = {
		[LOG_LEVEL_INFO] = LOG_INFO,
		[LOG_LEVEL_WARN] = LOG_WARNING,
		[LOG_LEVEL_ERROR] = LOG_ERR,
	};
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (log_stderr)
		fprintf(stderr, "quartierd[%ld]: %s: %s\n", (long)getpid(), func,
		    line);
	if (log_syslog)
		syslog(priorities[level], "%s: %s", func, line);
}
