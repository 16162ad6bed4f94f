/*
 * session.h - what quartierd's listener and its per-connection processes
 * share: the parameters handed to a new connection, the messages a
 * connection sends back to the listener, and logging.
 */
#ifndef SESSION_H
#define SESSION_H

#include <stdbool.h>
#include <libssh/libssh.h>
#include <libssh/server.h>

#include "config.h"

/* What the listener hands to the process of one connection. */
struct session_params {
	int			 fd;		/* the accepted TCP socket */
	char			 source[80];	/* "address port N", for logs */
	char			 address[48];	/* the address alone */
	int			 report_fd;	/* pipe back to the listener */
	int			 hash_lock_fd;	/* for max_password_checks */
	const struct config	*config;
	const char		*config_path;	/* handed to quartier */
	const char		*db_path;
	ssh_bind		 bind;		/* host key and algorithms */
};

/*
 * Messages from a connection to the listener, one line each (shorter than
 * PIPE_BUF, so lines from many processes never mix): "PID EVENT\n".
 */
#define SESSION_EVENT_AUTH_OK	"auth-ok"	/* now a session */
#define SESSION_EVENT_AUTH_FAIL	"auth-fail"	/* counts against the source */

/* session.c: run one connection to its end; returns the exit status. */
int	session_run(const struct session_params *);

/*
 * log.c.  Each line names the function that wrote it, as OpenSSH's do:
 * "quartierd[PID]: FUNCTION: message".  Call log_info(), log_warn() and
 * log_error() as printf(); the macros add __func__.
 */
enum log_level {
	LOG_LEVEL_INFO,
	LOG_LEVEL_WARN,
	LOG_LEVEL_ERROR,
};

void	log_init(bool to_stderr);
void	log_detached(void);
void	log_at(enum log_level, const char *func, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
#define log_info(...)	log_at(LOG_LEVEL_INFO, __func__, __VA_ARGS__)
#define log_warn(...)	log_at(LOG_LEVEL_WARN, __func__, __VA_ARGS__)
#define log_error(...)	log_at(LOG_LEVEL_ERROR, __func__, __VA_ARGS__)

#endif
