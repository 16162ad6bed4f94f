/*
 * admin.h - what quartier-admin's files share: the command being run, the
 * arguments its row of commands[] declared, and the helpers every
 * command body uses (admin.c), for the commands kept in files of their
 * own (admin-letters.c).
 */
#ifndef ADMIN_H
#define ADMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "store.h"

#define PROGRAM		"quartier-admin"

#define COMMAND_OPTIONS_MAX	8

struct command;

/* What a command works with. */
struct admin {
	const char		*config_path;	/* -f FILE, or NULL */
	const char		*cli_db;	/* --db PATH, or NULL */
	const struct command	*cmd;
	struct config		 cfg;
	bool			 cfg_loaded;
	const char		*db_path;
	struct store		*store;
};

/* What the dispatcher read for the body of a command. */
struct args {
	const struct command	*cmd;
	int			 argc;		/* the arguments after the options */
	char			**argv;
	const char		*text[COMMAND_OPTIONS_MAX];	/* NULL: absent */
	long			 number[COMMAND_OPTIONS_MAX];
};

/* Say what went wrong on stderr, after "quartier-admin: "; returns 1. */
int	 fail(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Bad usage of the running command, with its synopsis; returns 2. */
int	 bad_usage(const struct admin *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* The store's message for RC; returns 1. */
int	 store_error(struct admin *, int rc);
/* The value of --NAME, NULL when it was not given. */
const char *arg_text(const struct args *, const char *name);
/* Check a text argument as the store will; the cleaned text to *OUT. */
bool	 check_text(const char *what, const char *s, int flags, size_t max,
	    char **out);
/* Open the database as the command's row says, once the checks are done. */
int	 admin_open(struct admin *);
/* The quartier named by SPEC ("Name" or "City/Name"), or a message. */
int	 find_quartier(struct admin *, const char *spec, int64_t *id);

/* The resident of HANDLE, or a message; returns 0 or 1. */
int	 find_resident(struct admin *, const char *handle, struct resident *);
/* Whether the flag --NAME was given. */
bool	 arg_flag(const struct args *, const char *name);

/* admin-letters.c */
int	 cmd_letters(struct admin *, const struct args *);

/* admin-notify.c: e-mail addresses and the outbox. */
int	 cmd_email_show(struct admin *, const struct args *);
int	 cmd_email_remove(struct admin *, const struct args *);
int	 cmd_notify(struct admin *, const struct args *);

#endif
