/*
 * log.c - quartierd's log: syslog (daemon facility), or stderr with
 * --foreground, where systemd's journal or the sysop's terminal adds the
 * time.  Passwords and keys never reach these functions, and every line
 * is cleaned before it is written (log.h).
 */
#include "build-config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "log.h"

static bool log_stderr, log_syslog;
static void (*log_sink)(int, const char *);

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

/*
 * The length of the UTF-8 character at S (LEN bytes left) when it is one
 * a log may show as it is: well formed, not overlong, no surrogate, and
 * neither a C1 control (U+0080 to U+009F, which some terminals obey) nor
 * a line or paragraph separator (U+2028, U+2029).  0 otherwise.
 */
static size_t
utf8_showable(const unsigned char *s, size_t len)
{
	unsigned long c;
	size_t n, i;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
	if (len < n)
		return 0;
	c = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff) || c < 0xa0 || c == 0x2028 ||
	    c == 0x2029)
		return 0;
	return n;
}

size_t
log_clean(const char *in, char *out, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)in;
	size_t len = strlen(in), i = 0, o = 0, n, room = size - 4;

	while (i < len) {
		if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '\\') {
			if (o + 1 > room)
				goto cut;
			out[o++] = (char)s[i++];
		} else if ((n = utf8_showable(s + i, len - i)) > 0) {
			if (o + n > room)
				goto cut;
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
		} else {
			if (o + 4 > room)
				goto cut;
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[s[i] >> 4];
			out[o++] = hex[s[i] & 0xf];
			i++;
		}
	}
	out[o] = '\0';
	return o;
cut:
	memcpy(out + o, "...", 4);
	return o + 3;
}

void
log_set_sink(void (*sink)(int, const char *))
{
	log_sink = sink;
	/* Nothing else writes the log here: syslog's socket goes too. */
	if (sink != NULL && log_syslog)
		closelog();
}

static void
log_write(long pid, int priority, const char *line)
{
	if (log_stderr)
		fprintf(stderr, "quartierd[%ld]: %s\n", pid, line);
	if (log_syslog) {
		if (pid == (long)getpid())
			syslog(priority, "%s", line);
		else
			syslog(priority, "[%ld] %s", pid, line);
	}
}

void
log_forwarded(long pid, int priority, const char *text)
{
	char line[LOG_LINE_MAX + 1];

	if (priority != LOG_ERR && priority != LOG_WARNING)
		priority = LOG_INFO;
	log_clean(text, line, sizeof line);
	log_write(pid, priority, line);
}

void
log_at(enum log_level level, const char *func, const char *fmt, ...)
{
	static const int priorities[] = {
		[LOG_LEVEL_INFO] = LOG_INFO,
		[LOG_LEVEL_WARN] = LOG_WARNING,
		[LOG_LEVEL_ERROR] = LOG_ERR,
	};
	char raw[4 * LOG_LINE_MAX], line[LOG_LINE_MAX + 1];
	va_list ap;
	int n;

	n = snprintf(raw, sizeof raw, "%s: ", func);
	va_start(ap, fmt);
	vsnprintf(raw + n, sizeof raw - (size_t)n, fmt, ap);
	va_end(ap);
	/* The process that writes cleans, once: log_forwarded() does it
	 * for a line handed to the broker. */
	if (log_sink != NULL) {
		log_sink(priorities[level], raw);
		return;
	}
	log_clean(raw, line, sizeof line);
	log_write((long)getpid(), priorities[level], line);
}
