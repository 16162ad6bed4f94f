/*
 * session.c - the network stage of one SSH connection: the key exchange,
 * the authentication, the one session channel, and the bridge between
 * that channel and the pseudo-terminal on which `quartier` runs.
 *
 * This is the process that parses every byte a client sends, before and
 * after authentication, and so the one an attacker reaches first.  It
 * holds nothing worth taking: no database, no password hash, no file
 * system.  The listener forks it for each TCP connection; it goes into
 * an empty directory that was deleted (chroot, when quartierd started as
 * root), becomes quartierd's user, and enters its sandbox (sandbox.c:
 * rlimits, no new privileges, seccomp) before libssh reads the client's
 * first byte.  Every question authentication needs goes to the broker
 * (broker.c) over a socket: "is this the password of this handle?",
 * "is this key this resident's?", "start the session".  The broker keeps
 * the answers: this process cannot make itself anybody.  For a session,
 * the broker starts quartier on a new pty and hands this process the
 * pty's master, which it then only bridges to the channel.
 *
 * What it cannot give up: libssh keeps the host key in the session for
 * the key re-exchanges a client may ask for (doc/HACKING), and the
 * session's keys, as any SSH server must.
 */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include <libssh/callbacks.h>

#include "quartier.h"
#include "privsep.h"
#include "sandbox.h"
#include "session.h"

#define SESSION_READ_CHUNK	16384
#define SESSION_EXIT_WAIT_MS	10000	/* for the broker's word of the end */

struct session {
	struct session_params		*p;
	ssh_session			 ssh;
	ssh_event			 event;
	ssh_channel			 channel;
	struct ssh_server_callbacks_struct server_cb;
	struct ssh_channel_callbacks_struct channel_cb;
	struct msg			 msg;		/* the broker's last */
	bool				 broker_gone;

	/* Authentication, as the broker answered it. */
	int				 failures;
	bool				 authenticated;
	double				 authenticated_at;
	bool				 signup_asked;	/* keyboard-interactive sent */

	/* What the client asked of the channel. */
	bool				 pty;
	char				 term[64];
	int				 cols, rows;
	char				*env[PRIVSEP_ENV_MAX];
	size_t				 nenv;
	bool				 shell;
	bool				 exec;
	bool				 closed;	/* the client closed it */

	/* The UI's terminal, from the broker. */
	int				 master;
	bool				 master_polled;	/* its output is watched */
	bool				 ui_done;	/* its terminal closed */
	bool				 ui_exited;	/* the broker said so */
	int				 ui_status;
	int				 idle_timeout;
	char				*idle_text;

	/* Input from the client, passed on at a bounded rate. */
	char				*queue;
	size_t				 queue_len;
	double				 tokens;
	struct timespec			 refilled;
	time_t				 last_input;
	time_t				 last_keepalive;
};

static double
now_precise(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static time_t
now_monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/*
 * Ask the broker: send the question TYPE with its COUNT FIELDS, and wait
 * for the answer of type WANT or a refusal.  What the broker says of the
 * bridge (the end of the UI, a signup done) cannot come before the
 * session starts, and is skipped if it did.  Returns false when the
 * broker is gone or the answer is not one: the connection then ends.
 */
static bool session_broker_message(struct session *);

static bool
ask_broker(struct session *s, int type, int want, size_t count,
    const char *const *fields)
{
	return msg_ask(s->p->broker_fd, &s->broker_gone, type, want, count,
	    fields, &s->msg);
}

/* Whether the broker's last answer is MSG_AUTH "ok". */
static bool
answered_ok(const struct session *s)
{
	return s->msg.type == MSG_AUTH && strcmp(msg_str(&s->msg, 0), "ok") == 0;
}

static void
auth_accepted(struct session *s)
{
	s->authenticated = true;
	s->authenticated_at = now_precise();
}

/* A password: the broker checks it (or lets "new" in, unchecked). */
static int
on_auth_password(ssh_session ssh, const char *user, const char *password,
    void *userdata)
{
	struct session *s = userdata;
	const char *q[] = { user, password };

	(void)ssh;
	if (!ask_broker(s, MSG_PASSWORD, MSG_AUTH, 2, q) || !answered_ok(s)) {
		s->failures++;
		return SSH_AUTH_DENIED;
	}
	auth_accepted(s);
	return SSH_AUTH_SUCCESS;
}

/*
 * Public keys come twice: first unsigned ("would this key do?"), then
 * signed, which libssh has verified before calling us with STATE_VALID.
 * The broker finds whose key it is.
 */
static int
on_auth_pubkey(ssh_session ssh, const char *user, struct ssh_key_struct *key,
    char state, void *userdata)
{
	struct session *s = userdata;
	char *base64 = NULL;
	const char *q[4];
	bool ok;

	(void)ssh;
	if ((state != SSH_PUBLICKEY_STATE_NONE &&
	    state != SSH_PUBLICKEY_STATE_VALID) ||
	    ssh_pki_export_pubkey_base64(key, &base64) != SSH_OK) {
		s->failures++;
		return SSH_AUTH_DENIED;
	}
	q[0] = user;
	q[1] = state == SSH_PUBLICKEY_STATE_VALID ? "signed" : "query";
	q[2] = ssh_key_type_to_char(ssh_key_type(key));
	q[3] = base64;
	ok = q[2] != NULL && ask_broker(s, MSG_KEY, MSG_AUTH, 4, q) &&
	    answered_ok(s);
	ssh_string_free_char(base64);
	/* A key that is not the resident's counts against max_auth_tries;
	 * one declined for signup (someone's already) does not. */
	if (!ok && !privsep_is_signup_name(user))
		s->failures++;
	if (ok && state == SSH_PUBLICKEY_STATE_VALID)
		auth_accepted(s);
	return ok ? SSH_AUTH_SUCCESS : SSH_AUTH_DENIED;
}

/* Channel requests.  Only pty-req, env, shell and window-change do
 * anything; exec is answered with a message, the rest refused. */

static int
on_pty_request(ssh_session ssh, ssh_channel channel, const char *term,
    int width, int height, int pxwidth, int pxheight, void *userdata)
{
	struct session *s = userdata;

	(void)ssh; (void)channel; (void)pxwidth; (void)pxheight;
	/* A strange name: let quartier fall back. */
	snprintf(s->term, sizeof s->term, "%s", privsep_term_ok(term) ? term :
	    "");
	s->cols = width > 0 && width <= 1000 ? width : 80;
	s->rows = height > 0 && height <= 1000 ? height : 24;
	s->pty = true;
	return SSH_OK;
}

/* A resized client window: columns are the width, rows the height. */
static int
on_window_change(ssh_session ssh, ssh_channel channel, int width, int height,
    int pxwidth, int pxheight, void *userdata)
{
	struct session *s = userdata;
	struct winsize ws;

	(void)ssh; (void)channel; (void)pxwidth; (void)pxheight;
	if (width <= 0 || height <= 0 || width > 1000 || height > 1000)
		return SSH_ERROR;
	s->cols = width;
	s->rows = height;
	if (s->master >= 0) {
		memset(&ws, 0, sizeof ws);
		ws.ws_col = (unsigned short)width;
		ws.ws_row = (unsigned short)height;
		if (ioctl(s->master, TIOCSWINSZ, &ws) != 0)
			log_warn("TIOCSWINSZ: %s", strerror(errno));
	}
	return SSH_OK;
}

/* Clients forward LANG and LC_*: that is all the UI needs to know. */
static int
on_env_request(ssh_session ssh, ssh_channel channel, const char *name,
    const char *value, void *userdata)
{
	struct session *s = userdata;

	(void)ssh; (void)channel;
	if (s->nenv == PRIVSEP_ENV_MAX || !privsep_env_ok(name, value))
		return SSH_ERROR;
	s->env[s->nenv++] = xasprintf("%s=%s", name, value);
	return SSH_OK;
}

static int
on_shell_request(ssh_session ssh, ssh_channel channel, void *userdata)
{
	struct session *s = userdata;

	(void)ssh; (void)channel;
	if (!s->authenticated || s->shell || s->exec)
		return SSH_ERROR;
	s->shell = true;
	return SSH_OK;
}

static int
on_exec_request(ssh_session ssh, ssh_channel channel, const char *command,
    void *userdata)
{
	struct session *s = userdata;

	(void)ssh; (void)channel; (void)command;
	if (!s->authenticated || s->shell || s->exec)
		return SSH_ERROR;
	s->exec = true;
	log_info("refused a command from %s", s->p->source);
	return SSH_OK;
}

static int
on_subsystem_request(ssh_session ssh, ssh_channel channel,
    const char *subsystem, void *userdata)
{
	struct session *s = userdata;

	(void)ssh; (void)channel;
	log_info("refused subsystem %s from %s", subsystem, s->p->source);
	return SSH_ERROR;
}

/*
 * Keys from the client.  They join a queue of at most input_burst bytes
 * that is passed to the UI at input_rate: a pasted paragraph arrives whole
 * and at once, a flood is slowed down, and nothing is ever dropped (what
 * does not fit stays with libssh, whose window then holds the client).
 */
static int
on_data(ssh_session ssh, ssh_channel channel, void *data, uint32_t len,
    int is_stderr, void *userdata)
{
	struct session *s = userdata;
	size_t room = (size_t)s->p->config->input_burst - s->queue_len;
	size_t take = len < room ? len : room;

	(void)ssh; (void)channel; (void)is_stderr;
	if (take > 0) {
		memcpy(s->queue + s->queue_len, data, take);
		s->queue_len += take;
		s->last_input = now_monotonic();
	}
	return (int)take;
}

static void
on_channel_close(ssh_session ssh, ssh_channel channel, void *userdata)
{
	struct session *s = userdata;

	(void)ssh; (void)channel;
	s->closed = true;
}

/*
 * Whatever the callbacks above do not take reaches here: port forwarding
 * (direct-tcpip channels, tcpip-forward), agent and X11 forwarding, other
 * channel types.  It is logged and refused; left unanswered, a client
 * would wait forever.
 */
static int
on_other_message(ssh_session ssh, ssh_message message, void *userdata)
{
	struct session *s = userdata;
	const char *user, *q[] = { "keyboard-interactive" };

	(void)ssh;
	/*
	 * Signing up without a key: keyboard-interactive with no question,
	 * so the OpenSSH client (and PuTTY) come in without a prompt.  libssh
	 * 0.10 has no callback for this method, hence the message API here.
	 */
	if (ssh_message_type(message) == SSH_REQUEST_AUTH &&
	    ssh_message_subtype(message) == SSH_AUTH_METHOD_INTERACTIVE &&
	    !s->authenticated) {
		/* The response carries no user name: it answers our request. */
		if (ssh_message_auth_kbdint_is_response(message)) {
			if (!s->signup_asked)
				return 1;
			if (!ask_broker(s, MSG_SIGNUP, MSG_AUTH, 1, q) ||
			    !answered_ok(s))
				return 1;
			auth_accepted(s);
			ssh_message_auth_reply_success(message, 0);
			return 0;
		}
		if ((user = ssh_message_auth_user(message)) != NULL &&
		    privsep_is_signup_name(user)) {
			s->signup_asked = true;
			ssh_message_auth_interactive_request(message,
			    "Quartier", "", 0, NULL, NULL);
			return 0;
		}
	}
	/* "none" authentication is how clients ask for the methods, and
	 * the "ssh-userauth" service comes before it: neither is refused. */
	if (ssh_message_type(message) != SSH_REQUEST_AUTH &&
	    ssh_message_type(message) != SSH_REQUEST_SERVICE)
		log_info("refused request %d/%d from %s",
		    ssh_message_type(message), ssh_message_subtype(message),
		    s->p->source);
	return 1;	/* libssh sends the default reply: failure */
}

static ssh_channel
on_channel_open(ssh_session ssh, void *userdata)
{
	struct session *s = userdata;

	if (!s->authenticated || s->channel != NULL)
		return NULL;
	if ((s->channel = ssh_channel_new(ssh)) == NULL)
		return NULL;
	memset(&s->channel_cb, 0, sizeof s->channel_cb);
	s->channel_cb.userdata = s;
	s->channel_cb.channel_data_function = on_data;
	s->channel_cb.channel_close_function = on_channel_close;
	s->channel_cb.channel_pty_request_function = on_pty_request;
	s->channel_cb.channel_pty_window_change_function = on_window_change;
	s->channel_cb.channel_env_request_function = on_env_request;
	s->channel_cb.channel_shell_request_function = on_shell_request;
	s->channel_cb.channel_exec_request_function = on_exec_request;
	s->channel_cb.channel_subsystem_request_function = on_subsystem_request;
	ssh_callbacks_init(&s->channel_cb);
	ssh_set_channel_callbacks(s->channel, &s->channel_cb);
	return s->channel;
}

/*
 * Write a line to the client's terminal (or its stderr), on a line of its
 * own: a raw terminal needs CR LF to start at its left edge.
 */
static void
session_say(struct session *s, const char *text, bool to_stderr)
{
	char *crlf;
	size_t i, j = 0, len = strlen(text);

	crlf = xmalloc(2 * len + 5);
	crlf[j++] = '\r';
	crlf[j++] = '\n';
	for (i = 0; i < len; i++) {
		if (text[i] == '\n')
			crlf[j++] = '\r';
		crlf[j++] = text[i];
	}
	crlf[j++] = '\r';
	crlf[j++] = '\n';
	if (to_stderr)
		ssh_channel_write_stderr(s->channel, crlf, (uint32_t)j);
	else
		ssh_channel_write(s->channel, crlf, (uint32_t)j);
	free(crlf);
}

/*
 * One read of the UI's output, passed to the client.  Returns what read()
 * did: > 0 passed, < 0 with EAGAIN when there is no more for now, 0 or
 * EIO when the UI has closed its terminal (it is ending).
 */
static ssize_t
session_pass_output(struct session *s)
{
	char buf[SESSION_READ_CHUNK];
	ssize_t n;

	do
		n = read(s->master, buf, sizeof buf);
	while (n < 0 && errno == EINTR);
	if (n > 0 && ssh_channel_write(s->channel, buf, (uint32_t)n) ==
	    SSH_ERROR)
		s->closed = true;
	return n;
}

static void
session_unwatch_ui(struct session *s)
{
	ssh_event_remove_fd(s->event, s->master);
	s->master_polled = false;
}

/*
 * The UI has ended: pass on what it wrote last, and stop watching its
 * terminal.  Its exit can be heard of before its last output is read
 * (the reset that gives the client its screen back); read later, that
 * output would follow the channel's EOF, which the protocol forbids:
 * PuTTY aborts on it, OpenSSH drops it.
 */
static void
session_drain_ui(struct session *s)
{
	if (!s->master_polled)
		return;
	while (!s->closed && session_pass_output(s) > 0)
		continue;
	session_unwatch_ui(s);
}

/*
 * Give the client the exit status and close the channel, then wait for
 * the client to close its side: disconnecting at once makes OpenSSH say
 * the connection was "closed by remote host", and PuTTY end with an
 * error.  A client answers within milliseconds; on a loaded machine it
 * may take seconds, so the wait is bounded by time, not by turns.
 */
#define SESSION_CLOSE_WAIT	10.0	/* seconds */

static void
session_finish_channel(struct session *s, int status)
{
	double deadline;

	if (s->channel == NULL || s->closed)
		return;
	session_drain_ui(s);
	ssh_channel_request_send_exit_status(s->channel, status);
	ssh_channel_send_eof(s->channel);
	ssh_channel_close(s->channel);
	deadline = now_precise() + SESSION_CLOSE_WAIT;
	while (!s->closed && ssh_is_connected(s->ssh) &&
	    now_precise() < deadline) {
		if (ssh_event_dopoll(s->event, 100) == SSH_ERROR)
			break;
	}
}

/* The UI's output, to the client. */
static int
on_pty_output(socket_t fd, int revents, void *userdata)
{
	struct session *s = userdata;
	ssize_t n;

	(void)fd;
	if ((revents & (POLLIN | POLLHUP | POLLERR)) == 0)
		return 0;
	n = session_pass_output(s);
	if (n > 0 || (n < 0 && errno == EAGAIN))
		return 0;
	/* EIO: the UI closed its terminal, it is ending. */
	session_unwatch_ui(s);
	s->ui_done = true;
	return 0;
}

/* What the broker says during the bridge: the end of the UI, or a signup
 * done (the normal idle time from now on). */
static bool
session_broker_message(struct session *s)
{
	long n;

	if (msg_recv(s->p->broker_fd, &s->msg) != 1) {
		s->broker_gone = true;
		return false;
	}
	switch (s->msg.type) {
	case MSG_EXIT:
		if (msg_int(&s->msg, 0, 0, 255, &n)) {
			s->ui_exited = true;
			s->ui_status = (int)n;
		}
		break;
	case MSG_SIGNED_UP:
		if (msg_int(&s->msg, 0, 1, 1000000000L, &n))
			s->idle_timeout = (int)n;
		break;
	}
	msg_close_fd(&s->msg);
	return true;
}

static int
on_broker(socket_t fd, int revents, void *userdata)
{
	struct session *s = userdata;

	(void)fd;
	if ((revents & (POLLIN | POLLHUP | POLLERR)) == 0)
		return 0;
	if (!session_broker_message(s))
		ssh_event_remove_fd(s->event, s->p->broker_fd);
	return 0;
}

/* Take what libssh received while the queue has room, then pass the
 * queue to the UI as the rate allows: a key is written to the UI in the
 * same turn it arrives, not a poll later. */
static void
session_pass_input(struct session *s)
{
	const struct config *cfg = s->p->config;
	struct timespec now;
	double elapsed;
	size_t n;
	ssize_t w;
	int got;

	clock_gettime(CLOCK_MONOTONIC, &now);
	elapsed = (double)(now.tv_sec - s->refilled.tv_sec) +
	    (double)(now.tv_nsec - s->refilled.tv_nsec) / 1e9;
	s->refilled = now;
	s->tokens += elapsed * cfg->input_rate;
	if (s->tokens > cfg->input_burst)
		s->tokens = cfg->input_burst;
	if (s->channel != NULL && !s->closed &&
	    s->queue_len < (size_t)cfg->input_burst) {
		got = ssh_channel_read_nonblocking(s->channel,
		    s->queue + s->queue_len,
		    (uint32_t)(cfg->input_burst - s->queue_len), 0);
		if (got > 0) {
			s->queue_len += (size_t)got;
			s->last_input = now.tv_sec;
		}
	}
	if (s->queue_len > 0 && s->master >= 0 && !s->ui_done) {
		n = s->queue_len < (size_t)s->tokens ? s->queue_len :
		    (size_t)s->tokens;
		if (n > 0 && (w = write(s->master, s->queue, n)) > 0) {
			memmove(s->queue, s->queue + w, s->queue_len - (size_t)w);
			s->queue_len -= (size_t)w;
			s->tokens -= (double)w;
		}
	}
}

/*
 * Ask the broker for the session: it starts quartier on a new pty and
 * sends its master, or refuses with a sentence for the client (a
 * suspended account, a server too busy, a command instead of a shell...).
 * Returns 0 with the master, or -1 after saying the refusal.
 */
static int
session_start(struct session *s)
{
	const char *q[6 + PRIVSEP_ENV_MAX];
	char cols[16], rows[16];
	long n, status = 1;
	size_t i, count = 0;

	snprintf(cols, sizeof cols, "%d", s->pty ? s->cols : 80);
	snprintf(rows, sizeof rows, "%d", s->pty ? s->rows : 24);
	q[count++] = s->term;
	q[count++] = cols;
	q[count++] = rows;
	q[count++] = s->exec ? "exec" : "shell";
	q[count++] = s->pty ? "1" : "0";
	for (i = 0; i < s->nenv; i++)
		q[count++] = s->env[i];
	if (!ask_broker(s, MSG_START, MSG_PTY, count, q)) {
		log_error("%s: the broker is gone", s->p->source);
		return -1;
	}
	if (s->msg.type == MSG_REFUSE) {
		msg_int(&s->msg, 1, 0, 255, &status);
		session_say(s, msg_str(&s->msg, 0), s->exec || !s->pty);
		msg_close_fd(&s->msg);
		session_finish_channel(s, (int)status);
		return -1;
	}
	if (s->msg.fd < 0 || !msg_int(&s->msg, 0, 1, 1000000000L, &n)) {
		msg_close_fd(&s->msg);
		return -1;
	}
	s->master = s->msg.fd;
	s->msg.fd = -1;
	s->idle_timeout = (int)n;
	s->idle_text = xstrdup(msg_str(&s->msg, 1));
	fcntl(s->master, F_SETFL, fcntl(s->master, F_GETFL) | O_NONBLOCK);
	ssh_event_add_fd(s->event, s->master, POLLIN, on_pty_output, s);
	s->master_polled = true;
	ssh_event_add_fd(s->event, s->p->broker_fd, POLLIN, on_broker, s);
	return 0;
}

/*
 * Until the client is in and has asked for a shell (or a command).  The
 * grace time counts from the connection, and once a login is accepted,
 * afresh from then for the shell: a password check that waited for its
 * turn under load never ends in a bare "Connection closed".  While the
 * broker thinks, this process waits in its callback and never gets
 * here: the broker bounds that wait itself.
 */
static int
session_authenticate(struct session *s, double started)
{
	const struct config *cfg = s->p->config;
	double deadline;

	while (!(s->authenticated && s->channel != NULL &&
	    (s->shell || s->exec))) {
		deadline = (s->authenticated ? s->authenticated_at : started) +
		    cfg->login_grace_time;
		if (now_precise() > deadline) {
			log_info("%s from %s: login grace time over",
			    s->authenticated ? "no shell" : "no login",
			    s->p->source);
			return -1;
		}
		if (s->failures >= cfg->max_auth_tries) {
			log_info("too many authentication failures from %s",
			    s->p->source);
			ssh_disconnect(s->ssh);
			return -1;
		}
		if (s->broker_gone)
			return -1;
		if (ssh_event_dopoll(s->event, 1000) == SSH_ERROR ||
		    s->closed || !ssh_is_connected(s->ssh))
			return -1;
	}
	return 0;
}

/*
 * How long the bridge may sleep: 20 ms while keys wait for the input rate,
 * else until the next keepalive or idle check.  The client, the UI and
 * the broker wake it at once; an idle session must not wake up every
 * second (500 of them did, 500 times a second).
 */
static int
bridge_timeout(const struct session *s)
{
	const struct config *cfg = s->p->config;
	time_t now = now_monotonic(), next;

	if (s->queue_len > 0)
		return 20;
	next = s->last_keepalive + cfg->keepalive_interval;
	if (s->last_input + s->idle_timeout < next)
		next = s->last_input + s->idle_timeout;
	if (next <= now)
		return 0;
	return next - now > 60 ? 60000 : (int)(next - now) * 1000;
}

/* Ask the broker to end the UI, and pass on its last words until its
 * terminal closes (SIGHUP, then SIGKILL three seconds later). */
static void
session_end_ui(struct session *s)
{
	double until = now_precise() + 5;

	if (s->master < 0 || s->ui_done)
		return;
	if (msg_send(s->p->broker_fd, -1, MSG_END_UI, (char *)NULL) != 0)
		s->broker_gone = true;
	while (!s->ui_done && !s->closed && now_precise() < until &&
	    ssh_is_connected(s->ssh)) {
		if (ssh_event_dopoll(s->event, 100) == SSH_ERROR)
			break;
	}
}

/* The bridge: until the UI ends or the client goes. */
static void
session_bridge(struct session *s)
{
	const struct config *cfg = s->p->config;
	time_t now;

	s->last_input = s->last_keepalive = now_monotonic();
	clock_gettime(CLOCK_MONOTONIC, &s->refilled);
	s->tokens = cfg->input_burst;
	while (!s->ui_done && !s->closed) {
		if (ssh_event_dopoll(s->event, bridge_timeout(s)) ==
		    SSH_ERROR || !ssh_is_connected(s->ssh)) {
			s->closed = true;
			break;
		}
		session_pass_input(s);
		now = now_monotonic();
		if (now - s->last_input >= s->idle_timeout) {
			log_info("%s: idle for %d s, closing", s->p->source,
			    s->idle_timeout);
			session_end_ui(s);
			session_drain_ui(s);
			session_say(s, s->idle_text, false);
			s->ui_status = 0;
			s->ui_exited = true;
			break;
		}
		/*
		 * An SSH_MSG_IGNORE keeps firewalls and NAT open and asks for
		 * no answer.  libssh's keepalive request waits for the
		 * client's reply: the bridge stopped for a round trip, and
		 * for a client gone without a word, until TCP gave up.
		 */
		if (now - s->last_keepalive >= cfg->keepalive_interval) {
			ssh_send_ignore(s->ssh, "");
			s->last_keepalive = now;
		}
	}
	/* The UI's terminal has closed: the broker says how it ended. */
	if (!s->closed) {
		double until = now_precise() + SESSION_EXIT_WAIT_MS / 1000.0;
		struct pollfd pfd = { s->p->broker_fd, POLLIN, 0 };

		while (!s->ui_exited && !s->broker_gone && now_precise() < until)
			if (poll(&pfd, 1, 100) > 0)
				session_broker_message(s);
	}
}

/*
 * The key exchange, under the grace time: libssh works without blocking
 * and this loop waits for the socket until the deadline, so that a client
 * that says nothing, or half a key exchange, holds its slot for
 * login_grace_time and not a second more.
 */
static int
session_key_exchange(struct session *s, double deadline)
{
	double left;
	int rc;

	ssh_set_blocking(s->ssh, 0);
	/* The first call sends our banner and makes the session's poll
	 * context, which the event then takes over. */
	rc = ssh_handle_key_exchange(s->ssh);
	if (rc != SSH_ERROR && ssh_event_add_session(s->event, s->ssh) !=
	    SSH_OK)
		rc = SSH_ERROR;
	for (; rc == SSH_AGAIN; rc = ssh_handle_key_exchange(s->ssh)) {
		if ((left = deadline - now_precise()) <= 0) {
			log_info("no key exchange from %s: login grace time "
			    "over", s->p->source);
			return -1;
		}
		if (ssh_event_dopoll(s->event, left > 1 ? 1000 :
		    (int)(left * 1000) + 1) == SSH_ERROR)
			break;
	}
	if (rc != SSH_OK) {
		log_info("%s: key exchange failed: %s", s->p->source,
		    ssh_get_error(s->ssh));
		return -1;
	}
	ssh_set_blocking(s->ssh, 1);
	return 0;
}

/* The log, through the broker: this process may write no file. */
static int log_fd = -1;

static void
log_to_broker(int priority, const char *line)
{
	char text[16];

	snprintf(text, sizeof text, "%d", priority);
	if (log_fd >= 0)
		msg_send(log_fd, -1, MSG_LOG, text, line, (char *)NULL);
}

/*
 * The descriptors the stage keeps, and nothing else: /dev/null for 0, 1
 * and 2 (a write to a file would raise SIGXFSZ once no file may grow; the
 * log goes to the broker), the client's socket on 3, the broker's on 4,
 * the empty directory on 5 until the chroot.
 */
int
session_descriptors(struct session_params *p)
{
	int null, fd;

	log_fd = p->broker_fd;
	log_set_sink(log_to_broker);
	signal(SIGXFSZ, SIG_IGN);
	if ((null = open("/dev/null", O_RDWR)) < 0 ||
	    dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0) {
		log_error("/dev/null: %s", strerror(errno));
		return -1;
	}
	if (null > 2)
		close(null);
	/* Out of the way first, then into place. */
	if ((p->fd = fcntl(p->fd, F_DUPFD, 64)) < 0 ||
	    (p->broker_fd = fcntl(p->broker_fd, F_DUPFD, 64)) < 0 ||
	    (p->empty_dir_fd >= 0 &&
	    (p->empty_dir_fd = fcntl(p->empty_dir_fd, F_DUPFD, 64)) < 0)) {
		log_error("fcntl: %s", strerror(errno));
		return -1;
	}
	if ((fd = dup2(p->fd, 3)) < 0 || dup2(p->broker_fd, 4) < 0 ||
	    (p->empty_dir_fd >= 0 && dup2(p->empty_dir_fd, 5) < 0)) {
		log_error("dup2: %s", strerror(errno));
		return -1;
	}
	p->fd = 3;
	p->broker_fd = log_fd = 4;
	if (p->empty_dir_fd >= 0)
		p->empty_dir_fd = 5;
	closefrom(p->empty_dir_fd >= 0 ? 6 : 5);
	return 0;
}

/*
 * Give up everything the stage does not need, before the first byte of
 * the client is read: the file system (an empty directory, deleted, as
 * the root), root (quartierd's user), and then, in the sandbox, new
 * files, processes and privileges.
 */
int
session_confine(struct session_params *p)
{
	const char *why;

	if (p->empty_dir_fd >= 0) {
		if (fchdir(p->empty_dir_fd) != 0 || chroot(".") != 0 ||
		    chdir("/") != 0) {
			log_error("chroot: %s", strerror(errno));
			return -1;
		}
		close(p->empty_dir_fd);
		p->empty_dir_fd = -1;
	}
	if (p->drop && become_user(p->uid, p->gid, NULL) != 0)
		return -1;
	if (sandbox_enter_network(&why) != 0) {
		log_error("network sandbox: %s", why);
		return -1;
	}
	return 0;
}

static void
session_free(struct session *s)
{
	size_t i;

	for (i = 0; i < s->nenv; i++)
		free(s->env[i]);
	if (s->master >= 0)
		close(s->master);
	free(s->queue);
	free(s->idle_text);
	if (s->event != NULL)
		ssh_event_free(s->event);
	if (s->ssh != NULL) {
		ssh_disconnect(s->ssh);
		ssh_free(s->ssh);
	}
}

int
session_run(struct session_params *p)
{
	struct session s;
	double started = now_precise();
	int status = 1;

	memset(&s, 0, sizeof s);
	s.p = p;
	s.master = -1;
	prctl(PR_SET_NAME, "quartier-net", 0, 0, 0);
	signal(SIGPIPE, SIG_IGN);
	if (session_descriptors(p) != 0)
		return 1;
	s.queue = xmalloc((size_t)p->config->input_burst);
	s.ssh = ssh_new();
	memset(&s.server_cb, 0, sizeof s.server_cb);
	s.server_cb.userdata = &s;
	s.server_cb.auth_password_function = on_auth_password;
	s.server_cb.auth_pubkey_function = on_auth_pubkey;
	s.server_cb.channel_open_request_session_function = on_channel_open;
	ssh_callbacks_init(&s.server_cb);
	if (ssh_bind_accept_fd(p->bind, s.ssh, p->fd) != SSH_OK) {
		log_error("%s: %s", p->source, ssh_get_error(p->bind));
		goto out;
	}
	/* The session has its own copy of the host key; the listener's
	 * goes, with the rest of its options. */
	ssh_bind_free(p->bind);
	p->bind = NULL;
	/*
	 * No compression: libssh would offer zlib@openssh.com, which starts
	 * after authentication, but a terminal's few bytes gain nothing from
	 * it, and zlib's state costs memory in every connection.
	 */
	if (ssh_options_set(s.ssh, SSH_OPTIONS_COMPRESSION_C_S, "none") < 0 ||
	    ssh_options_set(s.ssh, SSH_OPTIONS_COMPRESSION_S_C, "none") < 0) {
		log_error("%s: cannot turn compression off", p->source);
		goto out;
	}
	ssh_set_server_callbacks(s.ssh, &s.server_cb);
	ssh_set_message_callback(s.ssh, on_other_message, &s);
	ssh_set_auth_methods(s.ssh, SSH_AUTH_METHOD_PUBLICKEY |
	    SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_INTERACTIVE);
	s.event = ssh_event_new();
	if (session_confine(p) != 0 || s.event == NULL)
		goto out;
	if (session_key_exchange(&s, started + p->config->login_grace_time) !=
	    0)
		goto out;
	if (session_authenticate(&s, started) != 0)
		goto out;
	if (session_start(&s) != 0)
		goto out;
	session_bridge(&s);
	status = s.ui_exited ? s.ui_status : 0;
	session_finish_channel(&s, status);
	status = 0;
out:
	session_free(&s);
	return status;
}
