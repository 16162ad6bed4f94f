/*
 * session.c - one SSH connection, in its own process: key exchange,
 * authentication, the one session channel, and the bridge between that
 * channel and the pseudo-terminal on which `quartier` runs.
 *
 * The process is forked by the listener for each TCP connection, as sshd
 * does: whatever a client does here, and however this process ends, no
 * other resident's session is touched.  The UI program is exec'd on the
 * pty with only the resident's id handed over through a pipe: no second
 * login, and none of this process's memory (keys, session secrets) in it.
 */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libssh/callbacks.h>

#include "quartier.h"
#include "auth.h"
#include "session.h"
#include "store.h"
#include "text.h"

#define SESSION_ENV_MAX		16
#define SESSION_READ_CHUNK	16384

struct session {
	const struct session_params	*p;
	ssh_session			 ssh;
	ssh_event			 event;
	ssh_channel			 channel;
	struct store			*store;
	struct ssh_server_callbacks_struct server_cb;
	struct ssh_channel_callbacks_struct channel_cb;

	/* Authentication. */
	int				 failures;
	bool				 authenticated;
	bool				 signup;	/* "new": the signup form */
	bool				 signup_asked;	/* keyboard-interactive sent */
	char				*signup_key;	/* "ALGORITHM BASE64" */
	struct resident			 resident;
	const char			*method;

	/* What the client asked of the channel. */
	bool				 pty;
	char				 term[64];
	int				 cols, rows;
	char				*env[SESSION_ENV_MAX];
	size_t				 nenv;
	bool				 shell;
	bool				 exec;
	bool				 closed;	/* the client closed it */

	/* The UI process and its terminal. */
	pid_t				 ui_pid;
	int				 master;
	bool				 master_polled;	/* its output is watched */
	bool				 ui_done;
	int				 ui_status;

	/* Input from the client, passed on at a bounded rate. */
	char				*queue;
	size_t				 queue_len;
	double				 tokens;
	struct timespec			 refilled;
	time_t				 last_input;
	time_t				 last_keepalive;
	time_t				 started;
};

static volatile sig_atomic_t child_exited;

static const char	*session_who(const struct session *);

static void
on_sigchld(int sig)
{
	child_exited = 1;
}

/* Key exchange is one blocking call: the grace alarm ends it. */
static void
on_sigalrm(int sig)
{
	_exit(1);
}

static time_t
now_monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* A login name as it may appear in the log: never raw client bytes. */
static void
safe_name(const char *in, char *out, size_t size)
{
	size_t i;

	for (i = 0; in != NULL && in[i] != '\0' && i + 1 < size; i++) {
		unsigned char c = (unsigned char)in[i];

		out[i] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' ? (char)c : '?';
	}
	out[i] = '\0';
}

static void
report(const struct session *s, const char *event)
{
	char line[64];
	int n;

	n = snprintf(line, sizeof line, "%ld %s\n", (long)getpid(), event);
	if (write(s->p->report_fd, line, (size_t)n) != n)
		log_warn("cannot report to the listener: %s", strerror(errno));
}

/*
 * At most max_password_checks argon2id hashes run at once on the whole
 * server (each takes tens of MiB).  The slots are bytes of a file shared
 * with every connection; a POSIX lock on a byte is held by this process
 * only and goes away if it dies.
 */
static int
hash_slot_acquire(const struct session *s)
{
	struct flock fl;
	int i, slots = s->p->config->max_password_checks;

	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_len = 1;
	for (i = 0; i < slots; i++) {
		fl.l_start = i;
		if (fcntl(s->p->hash_lock_fd, F_SETLK, &fl) == 0)
			return i;
	}
	fl.l_start = (off_t)(getpid() % slots);
	while (fcntl(s->p->hash_lock_fd, F_SETLKW, &fl) != 0) {
		if (errno != EINTR)
			return -1;
	}
	return (int)fl.l_start;
}

static void
hash_slot_release(const struct session *s, int slot)
{
	struct flock fl;

	if (slot < 0)
		return;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_UNLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = slot;
	fl.l_len = 1;
	fcntl(s->p->hash_lock_fd, F_SETLK, &fl);
}

static void
auth_succeeded(struct session *s, const struct resident *r, const char *method,
    const char *detail)
{
	s->authenticated = true;
	s->method = method;
	resident_clear(&s->resident);
	s->resident = *r;
	report(s, SESSION_EVENT_AUTH_OK);
	log_info("accepted %s for %s from %s%s%s", method, r->handle,
	    s->p->source, detail != NULL ? " " : "", detail != NULL ? detail : "");
}

static void
auth_failed(struct session *s, const char *method, const char *user,
    bool guess)
{
	char name[QUARTIER_HANDLE_MAX + 2];

	s->failures++;
	safe_name(user, name, sizeof name);
	log_info("failed %s for %s from %s", method, name, s->p->source);
	/* A password is a guess; offering a key one does not own is not. */
	if (guess)
		report(s, SESSION_EVENT_AUTH_FAIL);
}

/* "new" and "nouveau" are not residents: they open the signup form. */
static bool
is_signup_name(const char *user)
{
	return strcasecmp(user, "new") == 0 || strcasecmp(user, "nouveau") == 0;
}

static void
signup_accepted(struct session *s, const char *method, const char *detail)
{
	s->authenticated = true;
	s->signup = true;
	s->method = method;
	report(s, SESSION_EVENT_AUTH_OK);
	log_info("signup session (%s) from %s%s%s", method, s->p->source,
	    detail != NULL ? " with key " : "", detail != NULL ? detail : "");
}

/*
 * An unknown handle, an invalid one and a wrong password all cost one
 * argon2id check and get the same answer.
 */
static int
on_auth_password(ssh_session ssh, const char *user, const char *password,
    void *userdata)
{
	struct session *s = userdata;
	struct resident r;
	enum auth_result result;
	const char *why;
	char *handle = NULL, *hash = NULL, *fresh;
	int rc = STORE_NOT_FOUND, slot;

	/* A client that can only send a password may sign up with any. */
	if (is_signup_name(user)) {
		signup_accepted(s, "password", NULL);
		return SSH_AUTH_SUCCESS;
	}
	memset(&r, 0, sizeof r);
	if (text_handle_valid(user, &handle, &why))
		rc = store_resident_for_login(s->store, handle, &r, &hash);
	free(handle);
	slot = hash_slot_acquire(s);
	result = auth_check_password(rc == STORE_OK ? hash : NULL, password);
	hash_slot_release(s, slot);
	auth_free_secret(hash, 0);
	if (rc != STORE_OK || result == AUTH_WRONG) {
		resident_clear(&r);
		auth_failed(s, "password", user, true);
		return SSH_AUTH_DENIED;
	}
	if (result == AUTH_OK_REHASH &&
	    (fresh = auth_hash_password(password)) != NULL) {
		store_resident_set_password(s->store, r.id, fresh);
		auth_free_secret(fresh, 0);
	}
	auth_succeeded(s, &r, "password", NULL);
	return SSH_AUTH_SUCCESS;
}

/*
 * Signing up with a key: any key nobody has registered will do, and the
 * one the client proves it holds is attached to the new account.  A key
 * that is someone's already is declined, so that the client goes on
 * without it rather than fail at the end of the form.
 */
static int
signup_key(struct session *s, ssh_key key, char state, char *fingerprint)
{
	struct resident r;
	char *base64 = NULL;
	int rc;

	memset(&r, 0, sizeof r);
	rc = store_key_find_any(s->store, fingerprint, &r);
	resident_clear(&r);
	if (rc == STORE_OK || (rc != STORE_NOT_FOUND)) {
		ssh_string_free_char(fingerprint);
		return SSH_AUTH_DENIED;
	}
	if (state == SSH_PUBLICKEY_STATE_VALID) {
		if (ssh_pki_export_pubkey_base64(key, &base64) != SSH_OK) {
			ssh_string_free_char(fingerprint);
			return SSH_AUTH_DENIED;
		}
		free(s->signup_key);
		s->signup_key = xasprintf("%s %s",
		    ssh_key_type_to_char(ssh_key_type(key)), base64);
		ssh_string_free_char(base64);
		signup_accepted(s, "publickey", fingerprint);
	}
	ssh_string_free_char(fingerprint);
	return state == SSH_PUBLICKEY_STATE_NONE ||
	    state == SSH_PUBLICKEY_STATE_VALID ? SSH_AUTH_SUCCESS :
	    SSH_AUTH_DENIED;
}

/*
 * Public keys come twice: first unsigned ("would this key do?"), then
 * signed, which libssh has verified before calling us with STATE_VALID.
 */
static int
on_auth_pubkey(ssh_session ssh, const char *user, struct ssh_key_struct *key,
    char state, void *userdata)
{
	struct session *s = userdata;
	struct resident r;
	unsigned char *digest = NULL;
	char *fingerprint = NULL, *handle = NULL;
	const char *why;
	size_t len;
	int rc = STORE_NOT_FOUND;

	memset(&r, 0, sizeof r);
	if (state != SSH_PUBLICKEY_STATE_NONE &&
	    state != SSH_PUBLICKEY_STATE_VALID)
		goto denied;
	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &digest,
	    &len) != SSH_OK)
		goto denied;
	fingerprint = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256,
	    digest, len);
	ssh_clean_pubkey_hash(&digest);
	if (fingerprint != NULL && is_signup_name(user))
		return signup_key(s, key, state, fingerprint);
	if (fingerprint != NULL && text_handle_valid(user, &handle, &why))
		rc = store_key_find(s->store, handle, fingerprint, &r);
	free(handle);
	if (rc != STORE_OK)
		goto denied;
	if (state == SSH_PUBLICKEY_STATE_NONE) {
		/* The key would do: the client may now sign with it. */
		resident_clear(&r);
		ssh_string_free_char(fingerprint);
		return SSH_AUTH_SUCCESS;
	}
	store_key_used(s->store, fingerprint);
	auth_succeeded(s, &r, "publickey", fingerprint);
	ssh_string_free_char(fingerprint);
	return SSH_AUTH_SUCCESS;
denied:
	resident_clear(&r);
	if (fingerprint != NULL)
		ssh_string_free_char(fingerprint);
	if (state == SSH_PUBLICKEY_STATE_VALID ||
	    state == SSH_PUBLICKEY_STATE_NONE)
		auth_failed(s, "publickey", user, false);
	return SSH_AUTH_DENIED;
}

/* Channel requests.  Only pty-req, env, shell and window-change do
 * anything; exec is answered with a message, the rest refused. */

static int
on_pty_request(ssh_session ssh, ssh_channel channel, const char *term,
    int width, int height, int pxwidth, int pxheight, void *userdata)
{
	struct session *s = userdata;
	size_t i;

	for (i = 0; term[i] != '\0' && i + 1 < sizeof s->term; i++) {
		char c = term[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '+' ||
		    c == '_'))
			break;
	}
	if (term[i] != '\0')
		i = 0;		/* a strange name: let quartier fall back */
	memcpy(s->term, term, i);
	s->term[i] = '\0';
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
	size_t i;

	if (strcmp(name, "LANG") != 0 && strncmp(name, "LC_", 3) != 0)
		return SSH_ERROR;
	if (strlen(name) > 20 || strlen(value) > 64 ||
	    s->nenv == SESSION_ENV_MAX)
		return SSH_ERROR;
	for (i = 0; name[i] != '\0'; i++) {
		if (!((name[i] >= 'A' && name[i] <= 'Z') || name[i] == '_'))
			return SSH_ERROR;
	}
	for (i = 0; value[i] != '\0'; i++) {
		char c = value[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		    c == '-' || c == '@'))
			return SSH_ERROR;
	}
	s->env[s->nenv++] = xasprintf("%s=%s", name, value);
	return SSH_OK;
}

static int
on_shell_request(ssh_session ssh, ssh_channel channel, void *userdata)
{
	struct session *s = userdata;

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

	if (!s->authenticated || s->shell || s->exec)
		return SSH_ERROR;
	s->exec = true;
	log_info("refused a command for %s from %s", session_who(s),
	    s->p->source);
	return SSH_OK;
}

static int
on_subsystem_request(ssh_session ssh, ssh_channel channel,
    const char *subsystem, void *userdata)
{
	struct session *s = userdata;
	char name[32];

	safe_name(subsystem, name, sizeof name);
	log_info("refused subsystem %s for %s from %s", name,
	    session_who(s), s->p->source);
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
	const char *user;

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
			signup_accepted(s, "keyboard-interactive", NULL);
			ssh_message_auth_reply_success(message, 0);
			return 0;
		}
		if ((user = ssh_message_auth_user(message)) != NULL &&
		    is_signup_name(user)) {
			s->signup_asked = true;
			ssh_message_auth_interactive_request(message,
			    "Quartier", "", 0, NULL, NULL);
			return 0;
		}
	}
	/* "none" authentication is how clients ask for the methods. */
	if (ssh_message_type(message) != SSH_REQUEST_AUTH)
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
 * terminal.  Its exit can be seen before its last output is read (the
 * reset that gives the client its screen back); read later, that output
 * would follow the channel's EOF, which the protocol forbids: PuTTY
 * aborts on it, OpenSSH drops it.
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
 * Give the client the exit status and close the channel, then wait a
 * moment for the client to close its side: disconnecting at once makes
 * OpenSSH say the connection was "closed by remote host".
 */
static void
session_finish_channel(struct session *s, int status)
{
	int i;

	if (s->channel == NULL || s->closed)
		return;
	session_drain_ui(s);
	ssh_channel_request_send_exit_status(s->channel, status);
	ssh_channel_send_eof(s->channel);
	ssh_channel_close(s->channel);
	for (i = 0; i < 20 && !s->closed && ssh_is_connected(s->ssh); i++) {
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
 * Start quartier on a new pty.  The child becomes the leader of a new
 * session with the pty as its controlling terminal, gets a clean
 * environment and the resident's id on file descriptor 3.
 */
static int
session_start_ui(struct session *s)
{
	struct winsize ws;
	char *envp[SESSION_ENV_MAX + 13], *line;
	int slave, handover[2], n = 0, flags;
	size_t i;
	const char *localedir = getenv("QUARTIER_LOCALEDIR");

	memset(&ws, 0, sizeof ws);
	ws.ws_col = (unsigned short)s->cols;
	ws.ws_row = (unsigned short)s->rows;
	if (openpty(&s->master, &slave, NULL, NULL, &ws) != 0) {
		log_error("openpty: %s", strerror(errno));
		return -1;
	}
	if (pipe(handover) != 0) {
		log_error("pipe: %s", strerror(errno));
		close(slave);
		return -1;
	}
	envp[n++] = xasprintf("TERM=%s", s->term[0] != '\0' ? s->term :
	    "xterm-256color");
	envp[n++] = xstrdup("PATH=/usr/local/bin:/usr/bin:/bin");
	envp[n++] = xasprintf("QUARTIER_DB=%s", s->p->db_path);
	envp[n++] = xasprintf("QUARTIER_CONFIG=%s", s->p->config_path);
	envp[n++] = xstrdup("QUARTIER_SESSION_FD=3");
	envp[n++] = xasprintf("QUARTIER_SOURCE=%s", s->p->address);
	envp[n++] = xasprintf("QUARTIER_PORT=%d", s->p->config->port);
	if (localedir != NULL && *localedir != '\0')
		envp[n++] = xasprintf("QUARTIER_LOCALEDIR=%s", localedir);
	for (i = 0; i < s->nenv; i++)
		envp[n++] = s->env[i];
	envp[n] = NULL;

	if ((s->ui_pid = fork()) < 0) {
		log_error("fork: %s", strerror(errno));
		close(slave);
		close(handover[0]);
		close(handover[1]);
		return -1;
	}
	if (s->ui_pid == 0) {
		signal(SIGCHLD, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGALRM, SIG_DFL);
		setsid();
		ioctl(slave, TIOCSCTTY, 0);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		dup2(handover[0], 3);
		closefrom(4);
		execle(s->p->config->ui_program, "quartier", (char *)NULL,
		    envp);
		fprintf(stderr, "quartierd: cannot run %s: %s\r\n",
		    s->p->config->ui_program, strerror(errno));
		_exit(127);
	}
	for (i = 0; i < (size_t)n - s->nenv; i++)
		free(envp[i]);
	close(slave);
	close(handover[0]);
	/* Who comes in: a resident's id, or the signup form (with the key
	 * the client signed with, to attach). */
	if (s->signup)
		line = s->signup_key != NULL ?
		    xasprintf("signup %s\n", s->signup_key) :
		    xstrdup("signup\n");
	else
		line = xasprintf("%lld\n", (long long)s->resident.id);
	if (write(handover[1], line, strlen(line)) != (ssize_t)strlen(line))
		log_warn("cannot hand over the session: %s", strerror(errno));
	free(line);
	close(handover[1]);
	flags = fcntl(s->master, F_GETFL);
	fcntl(s->master, F_SETFL, flags | O_NONBLOCK);
	fcntl(s->master, F_SETFD, FD_CLOEXEC);
	ssh_event_add_fd(s->event, s->master, POLLIN, on_pty_output, s);
	s->master_polled = true;
	log_info("session start for %s from %s (%s, %dx%d)",
	    session_who(s), s->p->source,
	    s->term[0] != '\0' ? s->term : "no TERM", s->cols, s->rows);
	return 0;
}

/* Has the UI ended?  Reap it and keep its status. */
static void
session_reap(struct session *s)
{
	int status;

	if (s->ui_pid <= 0)
		return;
	child_exited = 0;
	if (waitpid(s->ui_pid, &status, WNOHANG) == s->ui_pid) {
		s->ui_status = WIFEXITED(status) ? WEXITSTATUS(status) :
		    128 + WTERMSIG(status);
		s->ui_pid = 0;
		s->ui_done = true;
	}
}

/* The client is gone: end the UI, politely and then not. */
static void
session_end_ui(struct session *s)
{
	int i;

	if (s->ui_pid <= 0)
		return;
	kill(s->ui_pid, SIGHUP);
	for (i = 0; i < 30 && s->ui_pid > 0; i++) {
		usleep(100000);
		session_reap(s);
	}
	if (s->ui_pid > 0) {
		kill(s->ui_pid, SIGKILL);
		waitpid(s->ui_pid, NULL, 0);
		s->ui_pid = 0;
	}
}

/*
 * Messages to the client are in the resident's language: their profile's
 * choice, else what their client's LANG or LC_* says, else the default.
 */
static void
session_language(const struct session *s)
{
	enum language lang = s->resident.language;
	const char *value;
	size_t i;

	for (i = 0; lang == LANG_AUTO && i < s->nenv; i++) {
		if ((value = strchr(s->env[i], '=')) == NULL)
			continue;
		value++;
		if (strncmp(value, "en", 2) == 0)
			lang = LANG_EN;
		else if (strncmp(value, "fr", 2) == 0)
			lang = LANG_FR;
	}
	language_apply(lang != LANG_AUTO ? lang :
	    s->p->config->default_language);
}

/* The account a session is for, in the log. */
static const char *
session_who(const struct session *s)
{
	if (s->signup)
		return "new (signup)";
	return s->resident.handle != NULL ? s->resident.handle : "?";
}

/* Why a resident who authenticated may still not come in. */
static const char *
session_refusal(const struct session *s)
{
	int recent;

	/* Pending residents come in: quartier shows them only how to get
	 * verified.  A signup is refused past the hourly limit. */
	if (s->signup) {
		if (store_signups_recent(s->store, s->p->address, &recent) ==
		    STORE_OK && recent >= s->p->config->signups_per_hour)
			return _("Too many accounts were created from your "
			    "address in the last hour; please try again "
			    "later.");
		return NULL;
	}
	if (s->resident.status == RESIDENT_SUSPENDED)
		return _("Your account is suspended; your sysop can tell you "
		    "why.");
	return NULL;
}

/* Until the client is in and has asked for a shell (or a command). */
static int
session_authenticate(struct session *s)
{
	const struct config *cfg = s->p->config;
	time_t deadline = now_monotonic() + cfg->login_grace_time;

	while (!(s->authenticated && s->channel != NULL &&
	    (s->shell || s->exec))) {
		if (now_monotonic() > deadline) {
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
		if (ssh_event_dopoll(s->event, 1000) == SSH_ERROR ||
		    s->closed || !ssh_is_connected(s->ssh))
			return -1;
	}
	return 0;
}

/*
 * How long the bridge may sleep: 20 ms while keys wait for the input rate,
 * else until the next keepalive or idle check.  The client and the UI
 * wake it at once; an idle session must not wake up every second (500
 * of them did, 500 times a second).
 */
static int
bridge_timeout(const struct session *s)
{
	const struct config *cfg = s->p->config;
	time_t now = now_monotonic(), next;

	if (s->queue_len > 0)
		return 20;
	next = s->last_keepalive + cfg->keepalive_interval;
	if (s->last_input + cfg->idle_timeout < next)
		next = s->last_input + cfg->idle_timeout;
	if (next <= now)
		return 0;
	return next - now > 60 ? 60000 : (int)(next - now) * 1000;
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
		if (child_exited)
			session_reap(s);
		now = now_monotonic();
		if (now - s->last_input >= cfg->idle_timeout) {
			log_info("%s from %s: idle for %d s, closing",
			    session_who(s), s->p->source,
			    cfg->idle_timeout);
			session_end_ui(s);
			session_drain_ui(s);
			session_say(s, _("Quartier closed this session after "
			    "a long time without activity. See you soon!"),
			    false);
			s->ui_status = 0;
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
	if (s->closed)
		session_end_ui(s);
	/* The UI may have left output behind after its last read. */
	while (s->ui_pid > 0 && !s->closed) {
		session_reap(s);
		if (s->ui_pid > 0)
			ssh_event_dopoll(s->event, 100);
	}
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
	free(s->signup_key);
	resident_clear(&s->resident);
	if (s->event != NULL)
		ssh_event_free(s->event);
	if (s->ssh != NULL) {
		ssh_disconnect(s->ssh);
		ssh_free(s->ssh);
	}
	store_close(s->store);
}

int
session_run(const struct session_params *p)
{
	struct session s;
	const char *refusal;
	char *err = NULL;
	long seconds;
	int status = 1;

	memset(&s, 0, sizeof s);
	s.p = p;
	s.master = -1;
	s.started = now_monotonic();
	signal(SIGCHLD, on_sigchld);
	signal(SIGALRM, on_sigalrm);
	signal(SIGPIPE, SIG_IGN);
	/* A backstop for the blocking key exchange; the login loop below
	 * ends (and logs) at the grace time itself. */
	alarm((unsigned)p->config->login_grace_time + 5);
	if (store_open(p->db_path, 0, &s.store, &err) != 0) {
		log_error("%s", err);
		free(err);
		close(p->fd);
		return 1;
	}
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
	if (ssh_handle_key_exchange(s.ssh) != SSH_OK) {
		log_info("%s: key exchange failed: %s", p->source,
		    ssh_get_error(s.ssh));
		goto out;
	}
	ssh_set_auth_methods(s.ssh, SSH_AUTH_METHOD_PUBLICKEY |
	    SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_INTERACTIVE);
	s.event = ssh_event_new();
	ssh_event_add_session(s.event, s.ssh);
	if (session_authenticate(&s) != 0)
		goto out;
	alarm(0);
	session_language(&s);
	if ((refusal = session_refusal(&s)) != NULL) {
		log_info("%s from %s: refused", session_who(&s), p->source);
		session_say(&s, refusal, s.exec);
		session_finish_channel(&s, 1);
		goto out;
	}
	if (s.exec || !s.pty) {
		session_say(&s, s.exec ? _("Quartier offers its menus only; "
		    "commands cannot be run here. Log in without a command: "
		    "ssh -p PORT HANDLE@HOST") : _("Quartier needs a "
		    "terminal: log in with ssh -t."), true);
		session_finish_channel(&s, 1);
		goto out;
	}
	if (session_start_ui(&s) != 0) {
		session_say(&s, _("Quartier cannot open a terminal right now; "
		    "please try again later."), true);
		session_finish_channel(&s, 1);
		goto out;
	}
	session_bridge(&s);
	status = s.ui_status;
	session_finish_channel(&s, status);
	seconds = (long)(now_monotonic() - s.started);
	log_info("session end for %s from %s after %ld:%02ld:%02ld "
	    "(status %d)", session_who(&s), p->source, seconds / 3600,
	    seconds / 60 % 60, seconds % 60, status);
	status = 0;
out:
	session_free(&s);
	return status;
}
