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

static void
log_v(int priority, const char *fmt, va_list ap)
{
	char line[1024];

	vsnprintf(line, sizeof line, fmt, ap);
	if (log_stderr)
		fprintf(stderr, "quartierd[%ld]: %s\n", (long)getpid(), line);
	if (log_syslog)
		syslog(priority, "%s", line);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_v(LOG_INFO, fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_v(LOG_WARNING, fmt, ap);
	va_end(ap);
}

void
log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_v(LOG_ERR, fmt, ap);
	va_end(ap);
}
