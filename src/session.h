/*
 * session.h - what quartierd's listener hands to the network stage of a
 * connection (session.c), and to the broker (broker.c).  doc/HACKING
 * has the picture of the processes.
 */
#ifndef SESSION_H
#define SESSION_H

#include <stdbool.h>
#include <sys/types.h>
#include <libssh/libssh.h>
#include <libssh/server.h>

#include "config.h"
#include "log.h"

struct web_site;	/* web.c: the page's files, read at start */

/* What the listener hands to the network stage of one connection. */
struct session_params {
	int			 fd;		/* the accepted TCP socket */
	int			 broker_fd;	/* to the broker */
	char			 source[80];	/* "address port N", for logs */
	const struct config	*config;
	ssh_bind		 bind;		/* host key and algorithms */
	int			 empty_dir_fd;	/* chroot there, or -1 */
	bool			 drop;		/* become uid, gid (from root) */
	uid_t			 uid;
	gid_t			 gid;
	const struct web_site	*site;		/* a web connection's page */
	bool			 tls;		/* the web gateway's TLS */
};

/* session.c: run one connection's network stage to its end; returns the
 * exit status of the process. */
int	session_run(struct session_params *);

/*
 * session.c, for both kinds of network stage: the descriptors it keeps
 * (0-2 /dev/null, 3 the client, 4 the broker, 5 the empty directory),
 * the log through the broker; then the confinement (chroot, the user,
 * rlimits, seccomp) before the client's first byte is read.
 */
int	session_descriptors(struct session_params *);
int	session_confine(struct session_params *);

/* web.c: the page's files, read by the listener at start (NULL and
 * logged when one is missing); one web connection's stage to its end. */
struct web_site *web_site_load(const struct config *);
int	web_run(struct session_params *);

/* What the listener hands to the broker. */
struct broker_params {
	int			 control_fd;	/* to and from the listener */
	const struct config	*config;
	const char		*config_path;	/* handed to quartier */
	const char		*db_path;
};

/* broker.c: serve until the listener is gone and no connection is left;
 * returns the exit status of the process. */
int	broker_run(const struct broker_params *);

/* quartierd.c: become UID and GID for good (from root), or fail. */
int	become_user(uid_t uid, gid_t gid, const char *name);

#endif
