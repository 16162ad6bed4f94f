/*
 * config.c - quartier.conf.
 *
 * Every key is one line of config_keys[]: its name, its type and where it
 * lives in struct config, with its limits and its default.  Adding a key is
 * adding a field to struct config and a line to the table.
 */
#ifdef HAVE_CONFIG_H
#include "build-config.h"
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quartier.h"
#include "config.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#ifndef LOCALSTATEDIR
#define LOCALSTATEDIR "/var"
#endif
#ifndef BINDIR
#define BINDIR "/usr/bin"
#endif
#ifndef PKGDATADIR
#define PKGDATADIR "/usr/share/quartier"
#endif

#define CONFIG_LINE_MAX	4096	/* bytes, without the newline */
#define CONFIG_FILE_MAX	(1024 * 1024)	/* more is not a config file */

enum config_type {
	CONFIG_STRING,		/* char *, never empty */
	CONFIG_HOST,		/* char *, a host name or address */
	CONFIG_OPTIONAL,	/* char *, never empty, or NULL when unset */
	CONFIG_INT,		/* int, between min and max */
	CONFIG_LANGUAGE,	/* enum language, fr or en */
	CONFIG_STARTUPS,	/* struct config_startups, "10:30:100" */
};

struct config_key {
	const char		*name;
	enum config_type	 type;
	size_t			 offset;
	int			 min, max;
	const char		*initial;	/* the default, as written, or
						 * NULL: config_defaults() */
};

#define FIELD(f) offsetof(struct config, f)

static const struct config_key config_keys[] = {
	{ .name = "db", .type = CONFIG_STRING, .offset = FIELD(db),
	  .initial = LOCALSTATEDIR "/lib/quartier/quartier.db" },
	{ .name = "default_language", .type = CONFIG_LANGUAGE,
	  .offset = FIELD(default_language), .initial = "fr" },
	{ .name = "timezone", .type = CONFIG_STRING, .offset = FIELD(timezone),
	  .initial = "Europe/Paris" },
	{ .name = "login_delay_max", .type = CONFIG_INT,
	  .offset = FIELD(login_delay_max), .min = 1, .max = 3600,
	  .initial = "30" },
	{ .name = "kiosk_idle_timeout", .type = CONFIG_INT,
	  .offset = FIELD(kiosk_idle_timeout), .min = 30, .max = 3600,
	  .initial = "300" },
	{ .name = "listen", .type = CONFIG_STRING, .offset = FIELD(listen),
	  .initial = "*" },
	{ .name = "port", .type = CONFIG_INT, .offset = FIELD(port),
	  .min = 1, .max = 65535, .initial = "2222" },
	{ .name = "host_name", .type = CONFIG_HOST,
	  .offset = FIELD(host_name), .initial = NULL },
	{ .name = "host_key", .type = CONFIG_STRING, .offset = FIELD(host_key),
	  .initial = SYSCONFDIR "/quartier/ssh_host_ed25519_key" },
	{ .name = "user", .type = CONFIG_STRING, .offset = FIELD(user),
	  .initial = "quartier" },
	{ .name = "ui_program", .type = CONFIG_STRING,
	  .offset = FIELD(ui_program), .initial = BINDIR "/quartier" },
	{ .name = "web_listen", .type = CONFIG_STRING,
	  .offset = FIELD(web_listen), .initial = "*" },
	{ .name = "web_port", .type = CONFIG_INT, .offset = FIELD(web_port),
	  .min = 0, .max = 65535, .initial = "0" },
	{ .name = "web_certificate", .type = CONFIG_OPTIONAL,
	  .offset = FIELD(web_certificate), .initial = NULL },
	{ .name = "web_private_key", .type = CONFIG_OPTIONAL,
	  .offset = FIELD(web_private_key), .initial = NULL },
	{ .name = "web_trusted_proxy", .type = CONFIG_OPTIONAL,
	  .offset = FIELD(web_trusted_proxy), .initial = NULL },
	{ .name = "web_dir", .type = CONFIG_STRING, .offset = FIELD(web_dir),
	  .initial = PKGDATADIR "/web" },
	{ .name = "login_grace_time", .type = CONFIG_INT,
	  .offset = FIELD(login_grace_time), .min = 5, .max = 600,
	  .initial = "30" },
	{ .name = "max_auth_tries", .type = CONFIG_INT,
	  .offset = FIELD(max_auth_tries), .min = 1, .max = 100,
	  .initial = "6" },
	{ .name = "max_startups", .type = CONFIG_STARTUPS,
	  .offset = FIELD(max_startups), .initial = "10:30:100" },
	{ .name = "max_sessions", .type = CONFIG_INT,
	  .offset = FIELD(max_sessions), .min = 1, .max = 100000,
	  .initial = "1000" },
	{ .name = "max_sessions_per_source", .type = CONFIG_INT,
	  .offset = FIELD(max_sessions_per_source), .min = 1, .max = 100000,
	  .initial = "20" },
	{ .name = "max_password_checks", .type = CONFIG_INT,
	  .offset = FIELD(max_password_checks), .min = 1, .max = 256,
	  .initial = "4" },
	{ .name = "source_penalty_after", .type = CONFIG_INT,
	  .offset = FIELD(source_penalty_after), .min = 1, .max = 1000,
	  .initial = "3" },
	{ .name = "source_penalty_max", .type = CONFIG_INT,
	  .offset = FIELD(source_penalty_max), .min = 1, .max = 86400,
	  .initial = "300" },
	{ .name = "handle_penalty_after", .type = CONFIG_INT,
	  .offset = FIELD(handle_penalty_after), .min = 1, .max = 1000,
	  .initial = "10" },
	{ .name = "handle_penalty_max", .type = CONFIG_INT,
	  .offset = FIELD(handle_penalty_max), .min = 1, .max = 3600,
	  .initial = "60" },
	{ .name = "idle_timeout", .type = CONFIG_INT,
	  .offset = FIELD(idle_timeout), .min = 10, .max = 604800,
	  .initial = "1800" },
	{ .name = "signup_idle_timeout", .type = CONFIG_INT,
	  .offset = FIELD(signup_idle_timeout), .min = 10, .max = 3600,
	  .initial = "300" },
	{ .name = "keepalive_interval", .type = CONFIG_INT,
	  .offset = FIELD(keepalive_interval), .min = 5, .max = 3600,
	  .initial = "60" },
	{ .name = "input_rate", .type = CONFIG_INT,
	  .offset = FIELD(input_rate), .min = 1024, .max = 104857600,
	  .initial = "65536" },
	{ .name = "input_burst", .type = CONFIG_INT,
	  .offset = FIELD(input_burst), .min = 4096, .max = 104857600,
	  .initial = "1048576" },
	{ .name = "signups_per_hour", .type = CONFIG_INT,
	  .offset = FIELD(signups_per_hour), .min = 1, .max = 1000,
	  .initial = "3" },
	{ .name = "vouches_needed", .type = CONFIG_INT,
	  .offset = FIELD(vouches_needed), .min = 1, .max = 10,
	  .initial = "2" },
	{ .name = "vouches_per_month", .type = CONFIG_INT,
	  .offset = FIELD(vouches_per_month), .min = 1, .max = 100,
	  .initial = "5" },
	{ .name = "letter_days", .type = CONFIG_INT,
	  .offset = FIELD(letter_days), .min = 1, .max = 365,
	  .initial = "30" },
	{ .name = "letter_tries", .type = CONFIG_INT,
	  .offset = FIELD(letter_tries), .min = 1, .max = 20,
	  .initial = "5" },
	{ .name = "classified_days", .type = CONFIG_INT,
	  .offset = FIELD(classified_days), .min = 1, .max = 365,
	  .initial = "30" },
	{ .name = "texts_dir", .type = CONFIG_STRING,
	  .offset = FIELD(texts_dir), .initial = PKGDATADIR "/texts" },
	{ .name = "sendmail_program", .type = CONFIG_STRING,
	  .offset = FIELD(sendmail_program), .initial = "/usr/sbin/sendmail" },
	{ .name = "mail_from", .type = CONFIG_STRING,
	  .offset = FIELD(mail_from), .initial = NULL },
	{ .name = "notify_daily_limit", .type = CONFIG_INT,
	  .offset = FIELD(notify_daily_limit), .min = 1, .max = 1000,
	  .initial = "20" },
};

#define NKEYS (sizeof config_keys / sizeof config_keys[0])

static const struct config_key *
find_key(const char *name)
{
	size_t i;

	for (i = 0; i < NKEYS; i++) {
		if (strcmp(config_keys[i].name, name) == 0)
			return &config_keys[i];
	}
	return NULL;
}

/* "begin:rate:full" as sshd's MaxStartups; "10" alone means 10:100:10. */
static char *
set_startups(struct config_startups *out, const char *name, const char *value)
{
	struct config_startups s;
	char tail;
	int n;

	n = sscanf(value, "%d:%d:%d%c", &s.begin, &s.rate, &s.full, &tail);
	if (n == 1) {
		s.rate = 100;
		s.full = s.begin;
	} else if (n != 3)
		return xasprintf(_("%s: write it as begin:rate:full, like "
		    "10:30:100"), name);
	if (s.begin < 1 || s.rate < 1 || s.rate > 100 || s.full < s.begin ||
	    s.full > 100000)
		return xasprintf(_("%s: needs 1 <= begin <= full and a rate "
		    "from 1 to 100"), name);
	*out = s;
	return NULL;
}

/*
 * A name residents can type after "ssh HANDLE@": letters, digits, '-'
 * and '.' (a DNS name), or ':' too for an IPv6 address; nothing that
 * would read as a second argument or reach a screen as a control.
 */
static bool
host_name_valid(const char *s)
{
	size_t n = strlen(s), i;

	if (n > 253)
		return false;
	for (i = 0; i < n; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '-' || s[i] == '.' || s[i] == ':'))
			return false;
	}
	return s[0] != '-' && s[0] != '.';
}

/*
 * Store VALUE in the field of KEY.  Returns NULL, or a message (to free)
 * that the caller prefixes with the file and line.
 */
static char *
set_value(struct config *cfg, const struct config_key *key, const char *value)
{
	void *field = (char *)cfg + key->offset;
	enum language lang;
	long n;
	char *end;

	/* TRANSLATORS: in these messages the first %s is a key of
	   quartier.conf, such as login_delay_max. */
	if (*value == '\0')
		return xasprintf(_("%s: empty value"), key->name);
	switch (key->type) {
	case CONFIG_HOST:
		if (!host_name_valid(value))
			return xasprintf(_("%s: \"%s\" is not a host name "
			    "(letters, digits, '-' and '.')"), key->name,
			    value);
		/* FALLTHROUGH */
	case CONFIG_STRING:
	case CONFIG_OPTIONAL:
		free(*(char **)field);
		*(char **)field = xstrdup(value);
		break;
	case CONFIG_INT:
		errno = 0;
		n = strtol(value, &end, 10);
		if (*end != '\0' || end == value)
			return xasprintf(_("%s: \"%s\" is not a number"),
			    key->name, value);
		if (errno == ERANGE || n < key->min || n > key->max)
			return xasprintf(_("%s must be between %d and %d"),
			    key->name, key->min, key->max);
		*(int *)field = (int)n;
		break;
	case CONFIG_LANGUAGE:
		if (language_parse(value, &lang) != 0 || lang == LANG_AUTO)
			return xasprintf(_("%s must be fr or en"), key->name);
		*(enum language *)field = lang;
		break;
	case CONFIG_STARTUPS:
		return set_startups(field, key->name, value);
	}
	return NULL;
}

/* The machine's name, for host_name; "localhost" when it has none a
 * resident could type. */
static char *
default_host_name(void)
{
	char name[256];

	if (gethostname(name, sizeof name) != 0)
		name[0] = '\0';
	name[sizeof name - 1] = '\0';
	return xstrdup(name[0] != '\0' && host_name_valid(name) ? name :
	    "localhost");
}

void
config_defaults(struct config *cfg)
{
	size_t i;
	char *msg;

	memset(cfg, 0, sizeof *cfg);
	for (i = 0; i < NKEYS; i++) {
		if (config_keys[i].initial == NULL)
			continue;
		if ((msg = set_value(cfg, &config_keys[i],
		    config_keys[i].initial)) != NULL)
			fatal("internal error: default %s", msg);
	}
	cfg->host_name = default_host_name();
}

void
config_free(struct config *cfg)
{
	size_t i;
	char **field;

	for (i = 0; i < NKEYS; i++) {
		if (config_keys[i].type != CONFIG_STRING &&
		    config_keys[i].type != CONFIG_OPTIONAL &&
		    config_keys[i].type != CONFIG_HOST)
			continue;
		field = (char **)((char *)cfg + config_keys[i].offset);
		free(*field);
		*field = NULL;
	}
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static char *
trim(char *s)
{
	size_t len;

	while (is_blank(*s))
		s++;
	len = strlen(s);
	while (len > 0 && is_blank(s[len - 1]))
		s[--len] = '\0';
	return s;
}

/*
 * Parse one line (modified in place).  Returns NULL for a good line, or a
 * message (to free) without the file and line.
 */
static char *
parse_line(struct config *cfg, char *line)
{
	const struct config_key *key;
	char *eq, *name, *value, *quote, *rest;

	/* The key ends at '='; a '#' before it starts a comment. */
	eq = line + strcspn(line, "=#");
	if (*eq != '=') {
		*eq = '\0';
		if (*(line = trim(line)) == '\0')
			return NULL;
		return xasprintf(_("missing '=' after \"%s\""), line);
	}
	*eq = '\0';
	name = trim(line);
	if (*name == '\0')
		return xasprintf(_("missing key before '='"));
	if ((key = find_key(name)) == NULL)
		return xasprintf(_("unknown key \"%s\""), name);

	/* A quoted value is taken as it is, '#' included. */
	value = eq + 1;
	while (is_blank(*value))
		value++;
	if (*value == '"') {
		value++;
		if ((quote = strchr(value, '"')) == NULL)
			return xasprintf(_("%s: missing closing '\"'"), name);
		*quote = '\0';
		rest = trim(quote + 1);
		if (*rest != '\0' && *rest != '#')
			return xasprintf(_("%s: unexpected text after the "
			    "closing '\"'"), name);
	} else {
		value[strcspn(value, "#")] = '\0';
		value = trim(value);
	}
	return set_value(cfg, key, value);
}

/*
 * Lines are applied one by one and parsing stops at the first bad line:
 * on error, the lines above it have been applied and the bad one and those
 * below it have not.  Callers give up on error anyway.
 */
int
config_parse(struct config *cfg, const char *name, const char *buf,
    size_t len, char **err)
{
	char line[CONFIG_LINE_MAX + 1], *msg;
	const char *p, *end, *nl;
	size_t n;
	unsigned lineno;

	*err = NULL;
	p = buf;
	end = buf + len;
	for (lineno = 1; p < end; lineno++) {
		if ((nl = memchr(p, '\n', end - p)) == NULL)
			nl = end;
		n = nl - p;
		if (n > CONFIG_LINE_MAX)
			msg = xasprintf(ngettext("line longer than %d byte",
			    "line longer than %d bytes", CONFIG_LINE_MAX),
			    CONFIG_LINE_MAX);
		else if (memchr(p, '\0', n) != NULL)
			msg = xasprintf(_("NUL byte in line"));
		else {
			memcpy(line, p, n);
			line[n] = '\0';
			msg = parse_line(cfg, line);
		}
		if (msg != NULL) {
			*err = xasprintf("%s:%u: %s", name, lineno, msg);
			free(msg);
			return -1;
		}
		p = nl + 1;
	}
	return 0;
}

int
config_load(struct config *cfg, const char *path, bool must_exist,
    char **err)
{
	FILE *f;
	char *buf;
	size_t len, got;
	int ret;

	*err = NULL;
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT && !must_exist)
			return 0;
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	buf = xmalloc(CONFIG_FILE_MAX + 1);
	len = 0;
	while ((got = fread(buf + len, 1, CONFIG_FILE_MAX + 1 - len, f)) > 0)
		len += got;
	if (ferror(f))
		*err = xasprintf("%s: %s", path, strerror(errno));
	else if (len > CONFIG_FILE_MAX)
		*err = xasprintf(ngettext("%s: larger than %d byte",
		    "%s: larger than %d bytes", CONFIG_FILE_MAX), path,
		    CONFIG_FILE_MAX);
	fclose(f);
	if (*err != NULL)
		ret = -1;
	else
		ret = config_parse(cfg, path, buf, len, err);
	free(buf);
	return ret;
}

int
config_read(struct config *cfg, const char *path, char **err)
{
	config_defaults(cfg);
	return config_load(cfg, path != NULL ? path : config_default_path(),
	    path != NULL, err);
}

const char *
config_db_path(const struct config *cfg, const char *cli_db)
{
	const char *env;

	if (cli_db != NULL && *cli_db != '\0')
		return cli_db;
	if ((env = getenv("QUARTIER_DB")) != NULL && *env != '\0')
		return env;
	return cfg->db;
}

char *
config_login_command(const struct config *cfg, const char *handle)
{
	if (cfg->port == 22)
		return xasprintf("ssh %s@%s", handle, cfg->host_name);
	return xasprintf("ssh -p %d %s@%s", cfg->port, handle, cfg->host_name);
}

/* QUARTIER_CONFIG lets tests and uninstalled builds point elsewhere. */
const char *
config_default_path(void)
{
	const char *env;

	if ((env = getenv("QUARTIER_CONFIG")) != NULL && *env != '\0')
		return env;
	return SYSCONFDIR "/quartier/quartier.conf";
}
