/*
 * privsep.h - the messages between quartierd's processes: the listener,
 * the broker, and the network stage of each connection (doc/HACKING has
 * the picture).
 *
 * Each pair of processes shares a SOCK_SEQPACKET socket: one message is
 * one packet, never split nor merged, and a descriptor may ride along
 * (SCM_RIGHTS).  A message is a type and up to MSG_FIELDS_MAX text
 * fields:
 *
 *	u8 type, u8 count, then for each field: u32 length (big-endian),
 *	the bytes, a NUL
 *
 * msg_recv() checks all of it (lengths inside the packet, each field
 * NUL-terminated with no NUL inside, nothing left over), so that the
 * broker, which believes nothing the network stage says, reads only
 * well-formed strings.  What each field means is for the two ends.
 */
#ifndef PRIVSEP_H
#define PRIVSEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MSG_MAX		32768	/* bytes of one packet (a 16 KiB key in base64) */
#define MSG_FIELDS_MAX	40

/* From the network stage to the broker: questions. */
enum {
	MSG_PASSWORD = 1,	/* user, password: check it */
	MSG_KEY,		/* user, "query"|"signed", type, base64 */
	MSG_SIGNUP,		/* method: "new" without a key */
	MSG_START,		/* term, cols, rows, "shell"|"exec", pty 0|1,
				 * then the LANG and LC_* the client sent */
	MSG_END_UI,		/* end the UI: the client is idle or gone */
	MSG_LOG,		/* priority, a line for the log */
	MSG_WEB,		/* the web page: its login screen */
	MSG_FORWARDED,		/* address: the client behind web_trusted_proxy */

	/* From the broker to the network stage: answers. */
	MSG_AUTH = 32,		/* "ok"|"no" */
	MSG_PTY,		/* + the pty master; idle seconds, idle text,
				 * "signup"|"resident" */
	MSG_REFUSE,		/* text, exit status */
	MSG_SIGNED_UP,		/* idle seconds: a signup is a session now */
	MSG_EXIT,		/* exit status of the UI */

	/* From the listener to the broker. */
	MSG_CONN = 64,		/* + the broker's end of a connection's
				 * socket; id, pid, address, port */

	/* From the broker to the listener. */
	MSG_IN = 96,		/* id: a session now (no longer unauthenticated) */
	MSG_KEEPOUT,		/* source key, seconds (0: no longer) */
};

struct msg {
	int		 type;
	size_t		 count;
	const char	*field[MSG_FIELDS_MAX];
	size_t		 len[MSG_FIELDS_MAX];
	int		 fd;		/* received with it, or -1 */
	char		 buf[MSG_MAX];
};

/*
 * Send a message of TYPE with the NULL-terminated list of strings that
 * follows, and FD (unless -1).  Returns 0, or -1 with errno (EMSGSIZE
 * for a message too long; EAGAIN on a full non-blocking socket).
 */
int	msg_send(int sock, int fd, int type, ...) __attribute__((sentinel));

/* The same with COUNT fields in an array. */
int	msg_sendv(int sock, int fd, int type, size_t count,
	    const char *const *fields);

/*
 * Receive one message into M.  Returns 1, 0 when the other end is gone,
 * -1 for an error or a malformed message (errno EBADMSG), in which case
 * any descriptor that came with it has been closed.  A descriptor the
 * caller does not take must be closed by it (msg_close_fd).
 */
int	msg_recv(int sock, struct msg *m);

/* Field I as a number between MIN and MAX; false when it is not one. */
bool	msg_int(const struct msg *m, size_t i, long min, long max, long *out);

/* Field I, or "" when M has fewer fields. */
const char *msg_str(const struct msg *m, size_t i);

void	msg_close_fd(struct msg *m);

/*
 * Ask on SOCK: send TYPE with its COUNT FIELDS, then read into M until the
 * answer of type WANT or a MSG_REFUSE; anything else (news of the bridge
 * that cannot come first) is skipped.  False, with *GONE set, when the
 * other side is gone; once *GONE, nothing more is sent.
 */
bool	msg_ask(int sock, bool *gone, int type, int want, size_t count,
	    const char *const *fields, struct msg *m);

/*
 * What both the network stage and the broker check of a client's words,
 * the one to answer the client at once, the other believing nothing it
 * did not check itself.
 */
#define PRIVSEP_ENV_MAX	16

/* "new" and "nouveau", in any case, open the signup form. */
bool	privsep_is_signup_name(const char *user);
/* A terminal type of letters, digits and "-._+", shorter than 64. */
bool	privsep_term_ok(const char *term);
/* LANG or LC_* with a plain value such as fr_FR.UTF-8. */
bool	privsep_env_ok(const char *name, const char *value);

#endif
