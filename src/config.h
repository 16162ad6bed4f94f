/*
 * config.h - quartier.conf, read by quartier, quartier-admin and quartierd.
 *
 * The file is "key = value" lines; '#' starts a comment; blank lines are
 * ignored; a value may be wrapped in double quotes to keep leading or
 * trailing spaces.  An unknown key or a bad value is an error that names
 * the file and the line.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stdbool.h>
#include "quartier.h"

/* sshd's MaxStartups: past BEGIN unauthenticated connections, refuse new
 * ones with RATE percent chance, rising to all of them at FULL. */
struct config_startups {
	int		 begin;
	int		 rate;
	int		 full;
};

struct config {
	char		*db;			/* db */
	enum language	 default_language;	/* default_language = fr|en */
	char		*timezone;		/* timezone (default Europe/Paris) */
	int		 login_delay_max;	/* login_delay_max, seconds */
	int		 kiosk_idle_timeout;	/* quartier --kiosk, seconds */

	/* quartierd */
	char		*listen;		/* addresses, "*" for all */
	int		 port;
	char		*host_name;		/* what residents type after @ */
	char		*host_key;		/* ed25519 private key file */
	char		*user;			/* drop to it when started as root */
	char		*ui_program;		/* the quartier program to run */
	char		*web_listen;		/* the web gateway's addresses */
	int		 web_port;		/* 0: no web gateway */
	char		*web_certificate;	/* TLS, PEM, or NULL */
	char		*web_private_key;	/* its key, or NULL */
	char		*web_dir;		/* the page, quartier.js */
	char		*web_trusted_proxy;	/* its X-Forwarded-For is believed */
	int		 login_grace_time;	/* seconds to authenticate */
	int		 max_auth_tries;	/* per connection */
	struct config_startups max_startups;	/* unauthenticated in flight */
	int		 max_sessions;		/* live sessions in all */
	int		 max_sessions_per_source; /* per address or IPv6 /64 */
	int		 max_password_checks;	/* argon2id hashes at once */
	int		 source_penalty_after;	/* failures before slowing down */
	int		 source_penalty_max;	/* seconds, the longest pause */
	int		 handle_penalty_after;	/* failures of one handle */
	int		 handle_penalty_max;	/* seconds */
	int		 idle_timeout;		/* seconds without a key */
	int		 signup_idle_timeout;	/* the same, in the signup form */
	int		 keepalive_interval;	/* seconds */
	int		 input_rate;		/* bytes per second, sustained */
	int		 input_burst;		/* bytes at once (a paste) */

	/* signup and verification */
	int		 signups_per_hour;	/* from one source address */
	int		 vouches_needed;
	int		 vouches_per_month;	/* per voucher */
	int		 letter_days;		/* a letter code's life */
	int		 letter_tries;		/* wrong codes before it locks */
	char		*texts_dir;		/* charter and help, per language */

	/* the boards */
	int		 classified_days;	/* an ad's life unless renewed */

	/* e-mail notices (quartier-admin notify) */
	char		*sendmail_program;	/* and its options, split on spaces */
	char		*mail_from;		/* NULL: quartier@host_name */
	int		 notify_daily_limit;	/* per resident and per address */
};

/* Built-in defaults; strings are owned by the struct. */
void	config_defaults(struct config *);

/*
 * Read PATH over the values already in CFG.  With MUST_EXIST false, a
 * missing file is not an error (the default path may be absent).  On error
 * returns -1 and sets *ERR to a message (to free()) naming file and line.
 */
int	config_load(struct config *cfg, const char *path, bool must_exist,
	    char **err);

/*
 * What every program does at start: the defaults, then PATH (-f, which
 * must exist) or else the default file (which may be missing).
 */
int	config_read(struct config *cfg, const char *path, char **err);

/* Parse a whole buffer (the same rules; NAME is used in messages). */
int	config_parse(struct config *cfg, const char *name, const char *buf,
	    size_t len, char **err);

/*
 * The database path: --db (CLI_DB) wins over $QUARTIER_DB, which wins over
 * "db =" in the file, which wins over the built-in default.
 */
const char *config_db_path(const struct config *cfg, const char *cli_db);

/*
 * The command a resident types to log in as HANDLE: "ssh -p PORT
 * HANDLE@HOST", or "ssh HANDLE@HOST" on port 22 (a new string).
 */
char	*config_login_command(const struct config *cfg, const char *handle);

/* The default configuration file ($sysconfdir/quartier/quartier.conf). */
const char *config_default_path(void);

void	config_free(struct config *);

#endif
