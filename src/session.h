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
#include "log.h"

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

#endif
