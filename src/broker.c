/*
 * broker.c - the one process of quartierd that holds the database for
 * the connections, and answers the few questions their network stages
 * may ask (doc/HACKING has the picture):
 *
 *	MSG_PASSWORD	is this the password of this handle?  (argon2id, in
 *			one of max_password_checks threads)
 *	MSG_KEY		would this key do for this handle, and now that the
 *			client signed with it, who is it?
 *	MSG_SIGNUP	a newcomer without a key ("new")
 *	MSG_START	start the session: quartier on a new pty, whose
 *			master goes back to the network stage, or a refusal
 *			in the resident's language
 *	MSG_END_UI	end the UI (the client is idle)
 *
 * It believes nothing a network stage says that it did not check: it
 * keeps each connection's state itself, so that a stage taken over by
 * an attacker can only ask the same questions as a client, with the same
 * limits, and can never name the resident it is.  It also keeps the
 * penalty tables (failed passwords per source and per handle), tells
 * the listener which sources to keep out and which connections are
 * sessions now, and counts the sessions (max_sessions, and per source).
 *
 * One broker serves every connection, rather than a monitor per
 * connection as in OpenSSH: a connection then costs two processes (its
 * network stage and its UI), as before the separation, and the database
 * is opened once instead of at every connection.  Everything here is
 * short (indexed lookups, a few writes) except argon2id, which runs in
 * threads; the main thread alone touches the database and the sockets.
 */
#include "build-config.h"

#include <ctype.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "quartier.h"
#include "auth.h"
#include "privsep.h"
#include "session.h"
#include "store.h"
#include "text.h"
#include "throttle.h"

#define BROKER_KILL_AFTER	3	/* seconds from SIGHUP to SIGKILL */
#define BROKER_TABLE_MAX	4096	/* entries of each penalty table */
#define BROKER_HANDLE_KEY_MAX	64
/* A line of the web login screen: "login", two fields in hex. */
#define BROKER_UI_LINE_MAX	(16 + 2 * (QUARTIER_HANDLE_MAX + QUARTIER_PASSWORD_MAX))

enum conn_state {
	CONN_NEW,		/* key exchange, authentication */
	CONN_RESIDENT,		/* authenticated as R */
	CONN_SIGNUP,		/* "new": the signup form, once started */
	CONN_WEB,		/* the web page: the login screen, once started */
	CONN_SUSPENDED,		/* a suspended account: told so at the start */
	CONN_BUSY,		/* no password check in time: told so */
	CONN_STARTED,		/* the start is answered */
};

struct conn {
	uint64_t		 id;
	pid_t			 pid;		/* of its network stage */
	int			 sock;		/* -1 once that is gone */
	char			 source[80];	/* "address port N" */
	char			 address[48];
	struct throttle_keys	 keys;
	double			 accepted;
	enum conn_state		 state;
	int			 failures;
	bool			 checking;	/* a password check in flight */
	struct resident		 r;
	char			*signup_key;	/* "TYPE BASE64" to attach */
	bool			 counted_in;	/* MSG_IN sent */

	/* The session. */
	pid_t			 ui_pid;
	int			 ui_sock;	/* a signup's word when sent, the
						 * web login screen's questions */
	bool			 web;		/* the web page's login screen */
	bool			 web_signup;	/* which opened the signup form */
	char			 ui_line[BROKER_UI_LINE_MAX];
	size_t			 ui_len;
	double			 ui_started;
	double			 kill_at;	/* SIGKILL then, if still there */
	bool			 live;		/* counts in max_sessions */
	double			 log_tokens;	/* lines it may still log */
	double			 log_refilled;
};

/* Lines a network stage may log: a burst, then one a second. */
#define BROKER_LOG_BURST	30

/* A password check, from the question to the answer. */
struct job {
	uint64_t		 conn_id;
	struct throttle_keys	 keys;		/* of the source */
	char			 source[80];
	char			 name[QUARTIER_HANDLE_MAX + 2];	/* for logs */
	char			 handle_key[BROKER_HANDLE_KEY_MAX];
	char			*password;
	char			*hash;		/* NULL: unknown handle */
	struct resident		 r;
	bool			 found;
	double			 not_before;	/* held by the handle's penalty */
	double			 busy_at;	/* not started then: too busy */
	enum auth_result	 result;
	char			*rehash;
	struct job		*next;
};

static struct {
	const struct broker_params *p;
	const struct config	*cfg;
	struct store		*store;
	struct conn		**conns;
	size_t			 nconns;
	bool			 listener_gone;
	struct penalty_table	 sources, handles;

	/* Jobs: held (main thread), ready and done (under the lock). */
	struct job		**jobs;		/* every job not answered */
	size_t			 njobs;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	struct job		*ready, *ready_tail, *done;
	int			 wake[2];	/* workers to main thread */
} b;

static volatile sig_atomic_t got_sigchld;

static void
on_sigchld(int sig)
{
	(void)sig;
	got_sigchld = 1;
}

static double
now_precise(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
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

/* The key of a login name in the handles' table: folded to lower case,
 * whether or not a resident has it. */
static void
handle_key(const char *user, char *out, size_t size)
{
	size_t i;

	for (i = 0; user[i] != '\0' && i + 1 < size; i++)
		out[i] = (char)tolower((unsigned char)user[i]);
	out[i] = '\0';
}

static const char *
conn_who(const struct conn *c)
{
	if (c->web && c->r.handle == NULL)
		return c->web_signup ? "new (web signup)" : "web login";
	if (c->state == CONN_SIGNUP || (c->state == CONN_STARTED &&
	    c->r.handle == NULL))
		return "new (signup)";
	return c->r.handle != NULL ? c->r.handle : "?";
}

static struct conn *
conn_find(uint64_t id)
{
	size_t i;

	for (i = 0; i < b.nconns; i++) {
		if (b.conns[i]->id == id)
			return b.conns[i];
	}
	return NULL;
}

static void
conn_free(struct conn *c)
{
	size_t i;

	for (i = 0; i < b.nconns; i++) {
		if (b.conns[i] == c) {
			b.conns[i] = b.conns[--b.nconns];
			break;
		}
	}
	if (c->sock >= 0)
		close(c->sock);
	if (c->ui_sock >= 0)
		close(c->ui_sock);
	resident_clear(&c->r);
	free(c->signup_key);
	free(c);
}

/* Tell the listener (which may be gone: then nobody needs to know). */
static void
tell_listener(int type, const char *a, const char *b2)
{
	if (b.listener_gone)
		return;
	if (msg_send(b.p->control_fd, -1, type, a, b2, (char *)NULL) != 0 &&
	    errno != EAGAIN)
		log_warn("broker: cannot tell the listener: %s",
		    strerror(errno));
}

static void
conn_counts_in(struct conn *c)
{
	char id[24];

	if (c->counted_in)
		return;
	c->counted_in = true;
	snprintf(id, sizeof id, "%llu", (unsigned long long)c->id);
	tell_listener(MSG_IN, id, NULL);
}

/* An answer to the web login screen, on its descriptor. */
static void
ui_answer(struct conn *c, const char *line)
{
	size_t len = strlen(line);

	if (c->ui_sock >= 0 && write(c->ui_sock, line, len) != (ssize_t)len)
		log_warn("%s: cannot answer the login screen: %s", c->source,
		    strerror(errno));
}

static void end_ui(struct conn *);
static size_t live_sessions(const char *source);

/* The web login screen's resident is in: a session from now on, with
 * the normal idle time, within max_sessions (and per source). */
static void
web_logged_in(struct conn *c)
{
	char line[40], idle[16];

	if ((int)live_sessions(NULL) >= b.cfg->max_sessions ||
	    (int)live_sessions(c->keys.key[0]) >=
	    b.cfg->max_sessions_per_source) {
		log_info("%s from %s: refused (max_sessions)", conn_who(c),
		    c->source);
		resident_clear(&c->r);
		ui_answer(c, "busy\n");
		return;
	}
	c->live = true;
	conn_counts_in(c);
	snprintf(line, sizeof line, "ok %lld\n", (long long)c->r.id);
	ui_answer(c, line);
	snprintf(idle, sizeof idle, "%d", b.cfg->idle_timeout);
	if (c->sock >= 0)
		msg_send(c->sock, -1, MSG_SIGNED_UP, idle, (char *)NULL);
}

static void
answer(struct conn *c, bool ok)
{
	if (c->sock >= 0 && msg_send(c->sock, -1, MSG_AUTH, ok ? "ok" : "no",
	    (char *)NULL) != 0)
		log_warn("%s: cannot answer the network stage: %s", c->source,
		    strerror(errno));
}

/*
 * A refusal, to the network stage or to the web login screen; a login
 * screen past max_auth_tries failures is ended, as an SSH connection is.
 */
static void
web_or_answer(struct conn *c, bool ok)
{
	if (!c->web) {
		answer(c, ok);
		return;
	}
	ui_answer(c, ok ? "ok\n" : "no\n");
	if (!ok && c->failures >= b.cfg->max_auth_tries) {
		log_info("too many authentication failures from %s",
		    c->source);
		end_ui(c);
	}
}

/* The network stage broke the protocol: it is no longer listened to. */
static void
conn_violation(struct conn *c, const char *what)
{
	log_warn("%s: the network stage %s; connection closed", c->source,
	    what);
	if (c->sock >= 0) {
		close(c->sock);
		c->sock = -1;
	}
	if (c->pid > 0)
		kill(c->pid, SIGKILL);
}

/*
 * A failed password from KEYS for HANDLE: counted for the source and for
 * the handle; the listener learns when the source is to be kept out.
 */
static void
record_source_failure(const struct throttle_keys *keys)
{
	const char *list[THROTTLE_LEVELS], *counted;
	char seconds[16];
	int wait, failures;

	throttle_key_list(keys, list);
	wait = penalty_fail(&b.sources, list, (time_t)now_precise(), &counted,
	    &failures);
	if (wait > 0) {
		log_info("%s: %d failed logins, kept out for %d s", counted,
		    failures, wait);
		snprintf(seconds, sizeof seconds, "%d", wait);
		tell_listener(MSG_KEEPOUT, counted, seconds);
	}
}

static void
record_handle_failure(const char *handle, const char *name)
{
	const char *hk[1] = { handle };
	int wait, failures;

	wait = penalty_fail(&b.handles, hk, (time_t)now_precise(), NULL,
	    &failures);
	if (wait > 0)
		log_info("%s: %d failed passwords from any source, the next "
		    "check waits %d s", name, failures, wait);
}

static void
record_failure(const struct throttle_keys *keys, const char *handle,
    const char *name)
{
	record_handle_failure(handle, name);
	record_source_failure(keys);
}

/* A verified resident came in: their source and handle start afresh. */
static void
clear_failures(const struct conn *c, const char *handle)
{
	const char *list[THROTTLE_LEVELS], *hk[1] = { handle };
	double now = now_precise();

	throttle_key_list(&c->keys, list);
	if (penalty_clear(&b.sources, list, (time_t)now))
		tell_listener(MSG_KEEPOUT, c->keys.key[0], "0");
	penalty_clear(&b.handles, hk, (time_t)now);
}

/* Password checks, in threads: argon2id only, no database, no socket. */
static void *
worker(void *arg)
{
	struct job *j;

	(void)arg;
	for (;;) {
		pthread_mutex_lock(&b.lock);
		while (b.ready == NULL)
			pthread_cond_wait(&b.cond, &b.lock);
		j = b.ready;
		if ((b.ready = j->next) == NULL)
			b.ready_tail = NULL;
		pthread_mutex_unlock(&b.lock);
		j->result = auth_check_password(j->hash, j->password);
		if (j->result == AUTH_OK_REHASH)
			j->rehash = auth_hash_password(j->password);
		auth_free_secret(j->password, 0);
		j->password = NULL;
		pthread_mutex_lock(&b.lock);
		j->next = b.done;
		b.done = j;
		pthread_mutex_unlock(&b.lock);
		if (write(b.wake[1], "", 1) < 0 && errno != EAGAIN)
			abort();
	}
	return NULL;
}

static void
job_free(struct job *j)
{
	size_t i;

	for (i = 0; i < b.njobs; i++) {
		if (b.jobs[i] == j) {
			b.jobs[i] = b.jobs[--b.njobs];
			break;
		}
	}
	auth_free_secret(j->password, 0);
	auth_free_secret(j->hash, 0);
	auth_free_secret(j->rehash, 0);
	resident_clear(&j->r);
	free(j);
}

static void
job_ready(struct job *j)
{
	j->next = NULL;
	pthread_mutex_lock(&b.lock);
	if (b.ready_tail != NULL)
		b.ready_tail->next = j;
	else
		b.ready = j;
	b.ready_tail = j;
	pthread_cond_signal(&b.cond);
	pthread_mutex_unlock(&b.lock);
}

static bool
job_for_handle(const char *key)
{
	size_t i;

	for (i = 0; i < b.njobs; i++) {
		if (strcmp(b.jobs[i]->handle_key, key) == 0)
			return true;
	}
	return false;
}

/* The answer to a check that ran. */
static void
job_finished(struct job *j)
{
	struct conn *c = conn_find(j->conn_id);
	bool right = j->found && j->result != AUTH_WRONG;

	if (c != NULL)
		c->checking = false;
	/*
	 * A suspended account is answered the same way whatever the
	 * password, after the same check: let in, to be told it is
	 * suspended, and counted as a failure of the handle (not of the
	 * source: the resident's own address is not the one to slow down).
	 * Nobody can tell from it whether the password was right.
	 */
	if (j->found && j->r.status == RESIDENT_SUSPENDED) {
		log_info("password for suspended %s from %s", j->name,
		    j->source);
		record_handle_failure(j->handle_key, j->name);
		if (c != NULL && c->web)
			ui_answer(c, "suspended\n");
		else if (c != NULL) {
			c->state = CONN_SUSPENDED;
			resident_clear(&c->r);
			c->r = j->r;
			memset(&j->r, 0, sizeof j->r);
			answer(c, true);
		}
	} else if (right) {
		log_info("accepted password for %s from %s", j->r.handle,
		    j->source);
		if (j->rehash != NULL)
			store_resident_set_password(b.store, j->r.id, j->rehash);
		if (c != NULL) {
			/* Only a verified resident's login clears failures. */
			if (j->r.status == RESIDENT_VERIFIED)
				clear_failures(c, j->handle_key);
			resident_clear(&c->r);
			c->r = j->r;
			memset(&j->r, 0, sizeof j->r);
			if (c->web)
				web_logged_in(c);
			else {
				c->state = CONN_RESIDENT;
				conn_counts_in(c);
				answer(c, true);
			}
		}
	} else {
		log_info("failed password for %s from %s", j->name, j->source);
		record_failure(&j->keys, j->handle_key, j->name);
		if (c != NULL) {
			c->failures++;
			web_or_answer(c, false);
		}
	}
	job_free(j);
}

/*
 * No thread took this check before its connection's grace time: the
 * password is not checked, and the resident is let in only to be told
 * that the server is busy (MSG_START), rather than dropped with a bare
 * "Connection closed".  Nothing is learnt of the password, and nothing
 * is counted.
 */
static void
job_too_late(struct job *j)
{
	struct conn *c = conn_find(j->conn_id);

	log_warn("no password check in time for %s from %s: the server is busy",
	    j->name, j->source);
	if (c != NULL && c->web) {
		c->checking = false;
		ui_answer(c, "busy\n");
	} else if (c != NULL) {
		c->checking = false;
		c->state = CONN_BUSY;
		answer(c, true);
	}
	job_free(j);
}

/* Move held jobs whose time came, answer those too late; returns the
 * seconds until the next of these events, or -1 for none. */
static double
jobs_tick(double now)
{
	struct job *j, **pp, *late = NULL;
	double next = -1;
	size_t i;

	for (i = 0; i < b.njobs; i++) {
		j = b.jobs[i];
		if (j->not_before > 0 && j->not_before <= now) {
			j->not_before = 0;
			job_ready(j);
		} else if (j->not_before > 0 &&
		    (next < 0 || j->not_before - now < next))
			next = j->not_before - now;
	}
	pthread_mutex_lock(&b.lock);
	for (pp = &b.ready; *pp != NULL;) {
		j = *pp;
		if (j->busy_at <= now) {
			*pp = j->next;
			j->next = late;
			late = j;
			continue;
		}
		if (next < 0 || j->busy_at - now < next)
			next = j->busy_at - now;
		pp = &j->next;
	}
	b.ready_tail = NULL;
	for (j = b.ready; j != NULL; j = j->next)
		b.ready_tail = j;
	pthread_mutex_unlock(&b.lock);
	while ((j = late) != NULL) {
		late = j->next;
		job_too_late(j);
	}
	return next;
}

static void
jobs_collect(void)
{
	struct job *j, *done;
	char buf[64];

	while (read(b.wake[0], buf, sizeof buf) > 0)
		continue;
	pthread_mutex_lock(&b.lock);
	done = b.done;
	b.done = NULL;
	pthread_mutex_unlock(&b.lock);
	while ((j = done) != NULL) {
		done = j->next;
		job_finished(j);
	}
}

static void password_check(struct conn *, const char *user,
    const char *password, double deadline);

/* MSG_PASSWORD user password. */
static void
on_password(struct conn *c, const struct msg *m)
{
	const char *user = msg_str(m, 0);

	if (c->state != CONN_NEW || c->checking || m->count != 2) {
		conn_violation(c, "asked for a password check out of turn");
		return;
	}
	if (c->failures >= b.cfg->max_auth_tries) {
		answer(c, false);
		return;
	}
	/* A client that can only send a password may sign up with any. */
	if (privsep_is_signup_name(user)) {
		c->state = CONN_SIGNUP;
		log_info("signup session (password) from %s", c->source);
		answer(c, true);
		return;
	}
	password_check(c, user, msg_str(m, 1), c->accepted +
	    b.cfg->login_grace_time - 1);
}

/*
 * Check USER's PASSWORD for C, in a thread, under the penalties of its
 * source and of the handle, unless it cannot start before DEADLINE.  The
 * answer goes to the network stage, or to the web login screen.
 */
static void
password_check(struct conn *c, const char *user, const char *password,
    double deadline)
{
	const struct config *cfg = b.cfg;
	const char *why, *list[THROTTLE_LEVELS], *hk[1];
	char name[QUARTIER_HANDLE_MAX + 2], *handle = NULL;
	double now = now_precise();
	struct job *j;
	int wait;

	safe_name(user, name, sizeof name);
	/* A source kept out after failures: its connections opened before
	 * get no check either. */
	throttle_key_list(&c->keys, list);
	if ((wait = penalty_wait(&b.sources, list, (time_t)now)) > 0) {
		log_info("refused a password for %s from %s: kept out %d s "
		    "more after failed logins", name, c->source, wait);
		c->failures++;
		web_or_answer(c, false);
		return;
	}
	j = xcalloc(1, sizeof *j);
	handle_key(user, j->handle_key, sizeof j->handle_key);
	hk[0] = j->handle_key;
	/*
	 * A handle that failed handle_penalty_after times, from anywhere,
	 * gets one check at a time, each after its pause: a guess more
	 * than the pause allows is refused unchecked.
	 */
	wait = penalty_wait(&b.handles, hk, (time_t)now);
	if ((penalty_count(&b.handles, hk, (time_t)now) >=
	    cfg->handle_penalty_after && job_for_handle(j->handle_key)) ||
	    now + wait > deadline) {
		log_info("refused a password for %s from %s: the handle waits "
		    "after failed logins", name, c->source);
		free(j);
		c->failures++;
		web_or_answer(c, false);
		return;
	}
	j->conn_id = c->id;
	j->keys = c->keys;
	snprintf(j->source, sizeof j->source, "%s", c->source);
	snprintf(j->name, sizeof j->name, "%s", name);
	j->password = xstrdup(password);
	/* An unknown handle, an invalid one and a wrong password all cost
	 * one argon2id check and get the same answer. */
	if (text_handle_valid(user, &handle, &why) &&
	    store_resident_for_login(b.store, handle, &j->r, &j->hash) ==
	    STORE_OK)
		j->found = true;
	else {
		resident_clear(&j->r);
		auth_free_secret(j->hash, 0);
		j->hash = NULL;
	}
	free(handle);
	j->busy_at = deadline;
	c->checking = true;
	b.jobs = xrealloc(b.jobs, (b.njobs + 1) * sizeof *b.jobs);
	b.jobs[b.njobs++] = j;
	if (wait > 0) {
		j->not_before = now + wait;
		if (j->busy_at < j->not_before + 1)
			j->busy_at = j->not_before + 1;
	} else
		job_ready(j);
}

/* MSG_KEY user "query"|"signed" type base64. */
static void
on_key(struct conn *c, const struct msg *m)
{
	struct auth_public_key key;
	struct resident r;
	const char *user = msg_str(m, 0), *why;
	char name[QUARTIER_HANDLE_MAX + 2], *line, *handle = NULL;
	bool signed_ = strcmp(msg_str(m, 1), "signed") == 0;
	int rc = STORE_NOT_FOUND;

	if (c->checking || m->count != 4 || (!signed_ &&
	    strcmp(msg_str(m, 1), "query") != 0)) {
		conn_violation(c, "asked about a key out of turn");
		return;
	}
	if (c->state != CONN_NEW || c->failures >= b.cfg->max_auth_tries) {
		answer(c, false);
		return;
	}
	safe_name(user, name, sizeof name);
	line = xasprintf("%s %s", msg_str(m, 2), msg_str(m, 3));
	memset(&r, 0, sizeof r);
	if (auth_parse_public_key(line, &key, &why) != 0) {
		free(line);
		c->failures++;
		answer(c, false);
		return;
	}
	/*
	 * Signing up with a key: any key nobody has registered will do, and
	 * the one the client signs with is attached to the new account.  A
	 * key that is someone's already is declined, so that the client goes
	 * on without it rather than fail at the end of the form.
	 */
	if (privsep_is_signup_name(user)) {
		rc = store_key_find_any(b.store, key.fingerprint, &r);
		resident_clear(&r);
		if (rc == STORE_NOT_FOUND && signed_) {
			c->state = CONN_SIGNUP;
			free(c->signup_key);
			c->signup_key = xstrdup(line);
			log_info("signup session (publickey) from %s with key %s",
			    c->source, key.fingerprint);
		}
		answer(c, rc == STORE_NOT_FOUND);
		goto out;
	}
	if (text_handle_valid(user, &handle, &why))
		rc = store_key_find(b.store, handle, key.fingerprint, &r);
	if (rc != STORE_OK) {
		log_info("failed publickey for %s from %s", name, c->source);
		c->failures++;
		answer(c, false);
		goto out;
	}
	if (!signed_) {
		/* The key would do: the client may now sign with it. */
		resident_clear(&r);
		answer(c, true);
		goto out;
	}
	store_key_used(b.store, key.fingerprint);
	log_info("accepted publickey for %s from %s %s", r.handle, c->source,
	    key.fingerprint);
	resident_clear(&c->r);
	c->r = r;
	if (r.status == RESIDENT_SUSPENDED)
		c->state = CONN_SUSPENDED;
	else {
		if (r.status == RESIDENT_VERIFIED)
			clear_failures(c, handle);
		c->state = CONN_RESIDENT;
		conn_counts_in(c);
	}
	answer(c, true);
out:
	free(handle);
	free(line);
	auth_public_key_clear(&key);
}

/* MSG_SIGNUP method: "new" by keyboard-interactive, no secret. */
static void
on_signup(struct conn *c, const struct msg *m)
{
	if (c->checking || m->count != 1) {
		conn_violation(c, "asked for a signup out of turn");
		return;
	}
	if (c->state != CONN_NEW) {
		answer(c, false);
		return;
	}
	c->state = CONN_SIGNUP;
	log_info("signup session (keyboard-interactive) from %s", c->source);
	answer(c, true);
}

/*
 * MSG_FORWARDED address: the client of a connection that came through
 * web_trusted_proxy.  Believed from that address only, before anything
 * else is asked, and only a numeric address.
 */
static void
on_forwarded(struct conn *c, const struct msg *m)
{
	const char *proxy = b.cfg->web_trusted_proxy, *addr = msg_str(m, 0);
	unsigned char bin[sizeof(struct in6_addr)];
	char port[16];
	const char *sp;

	if (c->state != CONN_NEW || c->checking || m->count != 1) {
		conn_violation(c, "named a client out of turn");
		return;
	}
	if (proxy == NULL || strcmp(c->address, proxy) != 0) {
		log_warn("%s: X-Forwarded-For from an untrusted address, "
		    "ignored", c->source);
		return;
	}
	if (strlen(addr) >= sizeof c->address ||
	    (inet_pton(AF_INET, addr, bin) != 1 &&
	    inet_pton(AF_INET6, addr, bin) != 1)) {
		log_warn("%s: X-Forwarded-For is not an address, ignored",
		    c->source);
		return;
	}
	sp = strrchr(c->source, ' ');
	snprintf(port, sizeof port, "%s", sp != NULL ? sp + 1 : "?");
	log_info("%s: for %s (web_trusted_proxy)", c->source, addr);
	snprintf(c->address, sizeof c->address, "%s", addr);
	snprintf(c->source, sizeof c->source, "%s (proxy port %s)", addr,
	    port);
	throttle_source_keys(c->address, &c->keys);
}

/* MSG_WEB: the web page, whose login screen asks its questions itself
 * (on_ui_message); nothing is believed of it before a password. */
static void
on_web(struct conn *c, const struct msg *m)
{
	if (c->checking || m->count != 0) {
		conn_violation(c, "asked for the web login out of turn");
		return;
	}
	if (c->state != CONN_NEW) {
		answer(c, false);
		return;
	}
	c->state = CONN_WEB;
	c->web = true;
	log_info("web session from %s", c->source);
	answer(c, true);
}

static size_t
live_sessions(const char *source)
{
	size_t i, n = 0;

	for (i = 0; i < b.nconns; i++)
		n += b.conns[i]->live && (source == NULL ||
		    strcmp(b.conns[i]->keys.key[0], source) == 0);
	return n;
}

/* What a START asked, checked again: nothing of it is taken on trust. */
struct start_request {
	char		 term[64];
	int		 cols, rows;
	bool		 exec, pty;
	char		*env[PRIVSEP_ENV_MAX];
	size_t		 nenv;
};

static void
start_request_read(const struct msg *m, struct start_request *q)
{
	const char *e, *eq;
	char *name;
	long n;
	size_t i;

	memset(q, 0, sizeof *q);
	if (privsep_term_ok(msg_str(m, 0)))
		snprintf(q->term, sizeof q->term, "%s", msg_str(m, 0));
	q->cols = msg_int(m, 1, 1, 1000, &n) ? (int)n : 80;
	q->rows = msg_int(m, 2, 1, 1000, &n) ? (int)n : 24;
	q->exec = strcmp(msg_str(m, 3), "shell") != 0;
	q->pty = strcmp(msg_str(m, 4), "1") == 0;
	for (i = 5; i < m->count && q->nenv < PRIVSEP_ENV_MAX; i++) {
		e = msg_str(m, i);
		if ((eq = strchr(e, '=')) == NULL)
			continue;
		name = xstrndup(e, (size_t)(eq - e));
		if (privsep_env_ok(name, eq + 1))
			q->env[q->nenv++] = xstrdup(e);
		free(name);
	}
}

static void
start_request_clear(struct start_request *q)
{
	size_t i;

	for (i = 0; i < q->nenv; i++)
		free(q->env[i]);
}

/*
 * Messages to the client are in the resident's language: their profile's
 * choice, else what their client's LANG or LC_* says, else the default.
 */
static void
conn_language(const struct conn *c, const struct start_request *q)
{
	enum language lang = c->r.handle != NULL ? c->r.language : LANG_AUTO;
	const char *value;
	size_t i;

	for (i = 0; lang == LANG_AUTO && i < q->nenv; i++) {
		if ((value = strchr(q->env[i], '=')) == NULL)
			continue;
		value++;
		if (strncmp(value, "en", 2) == 0)
			lang = LANG_EN;
		else if (strncmp(value, "fr", 2) == 0)
			lang = LANG_FR;
	}
	language_apply(lang != LANG_AUTO ? lang : b.cfg->default_language);
}

/* Why this connection may not have its session, or NULL. */
static const char *
start_refusal(struct conn *c, const struct start_request *q,
    const char **why)
{
	int recent;

	switch (c->state) {
	case CONN_SUSPENDED:
		*why = "suspended";
		return _("Your account is suspended; your sysop can tell you "
		    "why.");
	case CONN_BUSY:
		*why = "no password check in time";
		return _("The server is very busy; please try again in a "
		    "minute.");
	case CONN_SIGNUP:
		/* A signup is refused past the hourly limit. */
		if (store_signups_recent(b.store, c->address, &recent) ==
		    STORE_OK && recent >= b.cfg->signups_per_hour) {
			*why = "signups_per_hour";
			return _("Too many accounts were created from your "
			    "address in the last hour; please try again "
			    "later.");
		}
		break;
	default:
		break;
	}
	if (q->exec) {
		*why = "a command";
		return _("Quartier offers its menus only; commands cannot be "
		    "run here. Log in without a command: ssh -p PORT "
		    "HANDLE@HOST");
	}
	if (!q->pty) {
		*why = "no terminal";
		return _("Quartier needs a terminal: log in with ssh -t.");
	}
	/* A signup counts as unauthenticated until its form is sent. */
	if (c->state == CONN_RESIDENT) {
		if ((int)live_sessions(NULL) >= b.cfg->max_sessions) {
			*why = "max_sessions";
			return _("The server is very busy; please try again in "
			    "a minute.");
		}
		if ((int)live_sessions(c->keys.key[0]) >=
		    b.cfg->max_sessions_per_source) {
			*why = "max_sessions_per_source";
			return _("Too many sessions are open from your address; "
			    "please close one, or try again later.");
		}
	}
	return NULL;
}

/*
 * Start quartier on a new pty.  The child becomes the leader of a new
 * session with the pty as its controlling terminal, gets a clean
 * environment and who came in on descriptor 3: a resident's id, or the
 * signup form (with the key to attach), whose socket then stays open for
 * the form's word that it was sent.  Returns the pty's master, or -1.
 */
static int
start_ui(struct conn *c, const struct start_request *q)
{
	const struct broker_params *p = b.p;
	const char *localedir = getenv("QUARTIER_LOCALEDIR");
	char *envp[PRIVSEP_ENV_MAX + 13], *line;
	struct winsize ws;
	struct sigaction sa;
	sigset_t none;
	int master, slave, handover[2], n = 0, i;
	size_t k;

	memset(&ws, 0, sizeof ws);
	ws.ws_col = (unsigned short)q->cols;
	ws.ws_row = (unsigned short)q->rows;
	if (openpty(&master, &slave, NULL, NULL, &ws) != 0) {
		log_error("openpty: %s", strerror(errno));
		return -1;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, handover) != 0) {
		log_error("socketpair: %s", strerror(errno));
		close(master);
		close(slave);
		return -1;
	}
	fcntl(master, F_SETFD, FD_CLOEXEC);
	fcntl(slave, F_SETFD, FD_CLOEXEC);
	envp[n++] = xasprintf("TERM=%s", q->term[0] != '\0' ? q->term :
	    "xterm-256color");
	envp[n++] = xstrdup("PATH=/usr/local/bin:/usr/bin:/bin");
	envp[n++] = xasprintf("QUARTIER_DB=%s", p->db_path);
	envp[n++] = xasprintf("QUARTIER_CONFIG=%s", p->config_path);
	envp[n++] = xstrdup("QUARTIER_SESSION_FD=3");
	envp[n++] = xasprintf("QUARTIER_SOURCE=%s", c->address);
	envp[n++] = xasprintf("QUARTIER_PORT=%d", b.cfg->port);
	if (localedir != NULL && *localedir != '\0')
		envp[n++] = xasprintf("QUARTIER_LOCALEDIR=%s", localedir);
	for (k = 0; k < q->nenv; k++)
		envp[n++] = xstrdup(q->env[k]);
	envp[n] = NULL;
	if (c->state == CONN_WEB)
		line = xstrdup("web\n");
	else if (c->state == CONN_SIGNUP)
		line = c->signup_key != NULL ?
		    xasprintf("signup %s\n", c->signup_key) :
		    xstrdup("signup\n");
	else
		line = xasprintf("%lld\n", (long long)c->r.id);

	/* Between fork and exec only async-signal-safe calls: the broker
	 * has threads. */
	if ((c->ui_pid = fork()) == 0) {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = SIG_DFL;
		for (i = 1; i < NSIG; i++)
			sigaction(i, &sa, NULL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		setsid();
		ioctl(slave, TIOCSCTTY, 0);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		dup2(handover[1], 3);
		closefrom(4);
		execve(b.cfg->ui_program, (char *[]){ "quartier", NULL }, envp);
		(void)!write(2, "quartierd: cannot run the ui_program\r\n", 38);
		_exit(127);
	}
	for (i = 0; i < n; i++)
		free(envp[i]);
	close(slave);
	close(handover[1]);
	if (c->ui_pid < 0) {
		log_error("fork: %s", strerror(errno));
		c->ui_pid = 0;
		close(master);
		close(handover[0]);
		free(line);
		return -1;
	}
	if (write(handover[0], line, strlen(line)) != (ssize_t)strlen(line))
		log_warn("cannot hand over the session: %s", strerror(errno));
	free(line);
	if (c->state == CONN_SIGNUP || c->state == CONN_WEB) {
		fcntl(handover[0], F_SETFL, O_NONBLOCK);
		c->ui_sock = handover[0];
	} else
		close(handover[0]);
	c->ui_started = now_precise();
	return master;
}

/* MSG_START term cols rows "shell"|"exec" pty env... */
static void
on_start(struct conn *c, const struct msg *m)
{
	struct start_request q;
	const char *refusal, *why = NULL;
	char idle[16];
	bool signup = c->state == CONN_SIGNUP || c->state == CONN_WEB;
	int master;

	if (c->checking || c->state == CONN_NEW || c->state == CONN_STARTED ||
	    m->count < 5) {
		conn_violation(c, "asked for a session out of turn");
		return;
	}
	start_request_read(m, &q);
	conn_language(c, &q);
	if ((refusal = start_refusal(c, &q, &why)) != NULL) {
		log_info("%s from %s: refused (%s)", conn_who(c), c->source,
		    why);
		msg_send(c->sock, -1, MSG_REFUSE, refusal, "1", (char *)NULL);
		c->state = CONN_STARTED;
		start_request_clear(&q);
		return;
	}
	if ((master = start_ui(c, &q)) < 0) {
		msg_send(c->sock, -1, MSG_REFUSE, _("Quartier cannot open a "
		    "terminal right now; please try again later."), "1",
		    (char *)NULL);
		c->state = CONN_STARTED;
		start_request_clear(&q);
		return;
	}
	snprintf(idle, sizeof idle, "%d", signup ? b.cfg->signup_idle_timeout :
	    b.cfg->idle_timeout);
	if (msg_send(c->sock, master, MSG_PTY, idle, _("Quartier closed this "
	    "session after a long time without activity. See you soon!"),
	    signup ? "signup" : "resident", (char *)NULL) != 0)
		log_warn("%s: cannot hand the terminal over: %s", c->source,
		    strerror(errno));
	close(master);
	c->live = !signup;
	c->state = CONN_STARTED;
	log_info("session start for %s from %s (%s, %dx%d)", conn_who(c),
	    c->source, q.term[0] != '\0' ? q.term : "no TERM", q.cols, q.rows);
	start_request_clear(&q);
}

/* The UI must end: politely, then not. */
static void
end_ui(struct conn *c)
{
	if (c->ui_pid <= 0 || c->kill_at > 0)
		return;
	kill(c->ui_pid, SIGHUP);
	c->kill_at = now_precise() + BROKER_KILL_AFTER;
}

/* A line of the network stage's log, written under its pid: as many as
 * a stage may write, so that one taken over cannot flood the log. */
static void
on_log(struct conn *c, const struct msg *m)
{
	double now = now_precise();
	long priority;

	c->log_tokens += now - c->log_refilled;
	if (c->log_tokens > BROKER_LOG_BURST)
		c->log_tokens = BROKER_LOG_BURST;
	c->log_refilled = now;
	if (c->log_tokens < 1 || m->count != 2 ||
	    !msg_int(m, 0, 0, 7, &priority))
		return;
	c->log_tokens--;
	log_forwarded((long)c->pid, (int)priority, msg_str(m, 1));
}

static void
on_conn_message(struct conn *c)
{
	struct msg *m = xmalloc(sizeof *m);
	int rc = msg_recv(c->sock, m);

	if (rc <= 0) {
		if (rc < 0 && errno == EAGAIN) {
			free(m);
			return;
		}
		if (rc < 0 && errno == EBADMSG)
			conn_violation(c, "sent a malformed message");
		/* The network stage is gone: the client with it. */
		if (c->sock >= 0)
			close(c->sock);
		c->sock = -1;
		if (c->ui_pid > 0)
			end_ui(c);
		free(m);
		return;
	}
	msg_close_fd(m);	/* a stage sends no descriptor */
	switch (m->type) {
	case MSG_PASSWORD:
		on_password(c, m);
		break;
	case MSG_KEY:
		on_key(c, m);
		break;
	case MSG_SIGNUP:
		on_signup(c, m);
		break;
	case MSG_WEB:
		on_web(c, m);
		break;
	case MSG_FORWARDED:
		on_forwarded(c, m);
		break;
	case MSG_START:
		on_start(c, m);
		break;
	case MSG_END_UI:
		end_ui(c);
		break;
	case MSG_LOG:
		on_log(c, m);
		break;
	default:
		conn_violation(c, "sent an unknown message");
		break;
	}
	/* The password was in M: it goes with it. */
	explicit_bzero(m, sizeof *m);
	free(m);
}

/* A field of the web login screen, in hex, into OUT (SIZE with its NUL). */
static bool
unhex(const char *in, size_t len, char *out, size_t size)
{
	size_t i;
	int hi, lo;

	if (len % 2 != 0 || len / 2 >= size)
		return false;
	for (i = 0; i < len / 2; i++) {
		hi = in[2 * i] >= 'a' ? in[2 * i] - 'a' + 10 : in[2 * i] - '0';
		lo = in[2 * i + 1] >= 'a' ? in[2 * i + 1] - 'a' + 10 :
		    in[2 * i + 1] - '0';
		if (hi < 0 || hi > 15 || lo < 0 || lo > 15 ||
		    (hi == 0 && lo == 0))
			return false;
		out[i] = (char)(hi << 4 | lo);
	}
	out[len / 2] = '\0';
	return true;
}

/*
 * A line of the UI: the signup form's "signed-up", or a question of the
 * web login screen, which has no more rights than a network stage:
 *
 *	login HANDLE PASSWORD	(both in hex) -> ok ID | no | suspended | busy
 *	signup			-> ok | no (signups_per_hour)
 */
static void
ui_line(struct conn *c, char *line)
{
	char user[QUARTIER_HANDLE_MAX * 4 + 1], password[QUARTIER_PASSWORD_MAX + 1];
	char idle[16], *sp;
	int recent;

	if (strcmp(line, "signed-up") == 0) {
		if (c->live || (c->web && !c->web_signup))
			return;
		c->live = true;
		conn_counts_in(c);
		log_info("signup form sent from %s", c->source);
		snprintf(idle, sizeof idle, "%d", b.cfg->idle_timeout);
		if (c->sock >= 0)
			msg_send(c->sock, -1, MSG_SIGNED_UP, idle, (char *)NULL);
		return;
	}
	if (!c->web || c->live || c->checking) {
		log_warn("%s: the UI asked out of turn", c->source);
		end_ui(c);
		return;
	}
	if (strcmp(line, "signup") == 0) {
		if (store_signups_recent(b.store, c->address, &recent) ==
		    STORE_OK && recent >= b.cfg->signups_per_hour) {
			log_info("web signup from %s: refused "
			    "(signups_per_hour)", c->source);
			ui_answer(c, "no\n");
			return;
		}
		c->web_signup = true;
		log_info("web signup from %s", c->source);
		ui_answer(c, "ok\n");
		return;
	}
	if (strncmp(line, "login ", 6) == 0 && !c->web_signup &&
	    (sp = strchr(line + 6, ' ')) != NULL &&
	    unhex(line + 6, (size_t)(sp - line - 6), user, sizeof user) &&
	    unhex(sp + 1, strlen(sp + 1), password, sizeof password)) {
		if (c->failures >= b.cfg->max_auth_tries)
			web_or_answer(c, false);
		else
			password_check(c, user, password, now_precise() +
			    b.cfg->login_grace_time - 1);
		explicit_bzero(password, sizeof password);
		return;
	}
	log_warn("%s: the UI sent what it never sends", c->source);
	end_ui(c);
}

/* What the UI says on its descriptor, line by line. */
static void
on_ui_message(struct conn *c)
{
	ssize_t n = read(c->ui_sock, c->ui_line + c->ui_len,
	    sizeof c->ui_line - 1 - c->ui_len);
	char *nl;

	if (n < 0 && errno == EAGAIN)
		return;
	if (n > 0) {
		c->ui_len += (size_t)n;
		while ((nl = memchr(c->ui_line, '\n', c->ui_len)) != NULL) {
			*nl = '\0';
			ui_line(c, c->ui_line);
			c->ui_len -= (size_t)(nl + 1 - c->ui_line);
			memmove(c->ui_line, nl + 1, c->ui_len);
		}
		explicit_bzero(c->ui_line + c->ui_len, sizeof c->ui_line -
		    c->ui_len);
		if (c->ui_len < sizeof c->ui_line - 1)
			return;
		log_warn("%s: the UI sent a line too long", c->source);
		end_ui(c);
	}
	close(c->ui_sock);
	c->ui_sock = -1;
}

/* MSG_CONN id pid address port, with the broker's end of its socket. */
static void
on_control_message(void)
{
	struct msg m;
	struct conn *c;
	long pid;
	int rc;

	if ((rc = msg_recv(b.p->control_fd, &m)) <= 0) {
		if (rc < 0 && errno == EAGAIN)
			return;
		if (!b.listener_gone)
			log_info("broker: the listener is gone; %zu "
			    "connection(s) go on", b.nconns);
		b.listener_gone = true;
		return;
	}
	if (m.type != MSG_CONN || m.fd < 0 || m.count != 4 ||
	    !msg_int(&m, 1, 1, 1L << 30, &pid)) {
		msg_close_fd(&m);
		return;
	}
	c = xcalloc(1, sizeof *c);
	c->id = strtoull(msg_str(&m, 0), NULL, 10);
	c->pid = (pid_t)pid;
	c->sock = m.fd;
	c->ui_sock = -1;
	fcntl(c->sock, F_SETFL, O_NONBLOCK);
	snprintf(c->address, sizeof c->address, "%s", msg_str(&m, 2));
	snprintf(c->source, sizeof c->source, "%s port %s", msg_str(&m, 2),
	    msg_str(&m, 3));
	throttle_source_keys(c->address, &c->keys);
	c->accepted = now_precise();
	c->log_tokens = BROKER_LOG_BURST;
	c->log_refilled = c->accepted;
	b.conns = xrealloc(b.conns, (b.nconns + 1) * sizeof *b.conns);
	b.conns[b.nconns++] = c;
}

static void
reap_uis(void)
{
	struct conn *c;
	char text[16];
	long seconds;
	pid_t pid;
	size_t i;
	int status, code;

	got_sigchld = 0;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0, c = NULL; i < b.nconns; i++) {
			if (b.conns[i]->ui_pid == pid) {
				c = b.conns[i];
				break;
			}
		}
		if (c == NULL)
			continue;
		code = WIFEXITED(status) ? WEXITSTATUS(status) :
		    128 + WTERMSIG(status);
		seconds = (long)(now_precise() - c->ui_started);
		log_info("session end for %s from %s after %ld:%02ld:%02ld "
		    "(status %d)", conn_who(c), c->source, seconds / 3600,
		    seconds / 60 % 60, seconds % 60, code);
		c->ui_pid = 0;
		c->live = false;
		c->kill_at = 0;
		if (c->sock >= 0) {
			snprintf(text, sizeof text, "%d", code);
			msg_send(c->sock, -1, MSG_EXIT, text, (char *)NULL);
		}
	}
}

/* The network stage gone and its UI too: nothing is left to serve. */
static void
forget_ended(void)
{
	size_t i = 0;

	while (i < b.nconns) {
		struct conn *c = b.conns[i];

		if (c->sock < 0 && c->ui_pid <= 0 && !c->checking)
			conn_free(c);
		else
			i++;
	}
}

static int
broker_loop(void)
{
	struct pollfd *pfd = NULL;
	struct conn **who = NULL;
	sigset_t handled, waiting;
	double now, next, t;
	size_t i, n, cap = 0;
	int timeout;

	sigemptyset(&handled);
	sigaddset(&handled, SIGCHLD);
	sigprocmask(SIG_BLOCK, &handled, &waiting);
	sigdelset(&waiting, SIGCHLD);
	while (!b.listener_gone || b.nconns > 0) {
		if (cap < 2 + 2 * b.nconns) {
			cap = 2 + 2 * b.nconns + 64;
			pfd = xrealloc(pfd, cap * sizeof *pfd);
			who = xrealloc(who, cap * sizeof *who);
		}
		n = 0;
		pfd[n].fd = b.wake[0];
		pfd[n].events = POLLIN;
		who[n++] = NULL;
		if (!b.listener_gone) {
			pfd[n].fd = b.p->control_fd;
			pfd[n].events = POLLIN;
			who[n++] = NULL;
		}
		now = now_precise();
		next = jobs_tick(now);
		for (i = 0; i < b.nconns; i++) {
			struct conn *c = b.conns[i];

			if (c->kill_at > 0 && c->ui_pid > 0) {
				if (c->kill_at <= now) {
					kill(c->ui_pid, SIGKILL);
					c->kill_at = 0;
				} else if ((t = c->kill_at - now) < next ||
				    next < 0)
					next = t;
			}
			if (c->sock >= 0) {
				pfd[n].fd = c->sock;
				pfd[n].events = POLLIN;
				who[n++] = c;
			}
			if (c->ui_sock >= 0) {
				pfd[n].fd = c->ui_sock;
				pfd[n].events = POLLIN;
				who[n++] = c;
			}
		}
		timeout = next < 0 ? -1 : (int)(next * 1000) + 1;
		if (poll_signals(pfd, n, timeout, &waiting) < 0) {
			if (errno != EINTR) {
				log_error("broker: poll: %s", strerror(errno));
				return 1;
			}
			for (i = 0; i < n; i++)
				pfd[i].revents = 0;
		}
		if (got_sigchld)
			reap_uis();
		if (pfd[0].revents & POLLIN)
			jobs_collect();
		for (i = 1; i < n; i++) {
			if ((pfd[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0)
				continue;
			if (who[i] == NULL)
				on_control_message();
			else if (pfd[i].fd == who[i]->sock)
				on_conn_message(who[i]);
			else if (pfd[i].fd == who[i]->ui_sock)
				on_ui_message(who[i]);
		}
		forget_ended();
	}
	free(pfd);
	free(who);
	return 0;
}

int
broker_run(const struct broker_params *p)
{
	pthread_t thread;
	sigset_t all, old;
	char *err = NULL;
	int i;

	memset(&b, 0, sizeof b);
	b.p = p;
	b.cfg = p->config;
	prctl(PR_SET_NAME, "quartier-broker", 0, 0, 0);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGCHLD, on_sigchld);
	if (store_open(p->db_path, 0, &b.store, &err) != 0) {
		log_error("%s", err);
		free(err);
		return 1;
	}
	penalty_init(&b.sources, BROKER_TABLE_MAX, THROTTLE_LEVELS,
	    b.cfg->source_penalty_after, b.cfg->source_penalty_max);
	penalty_init(&b.handles, BROKER_TABLE_MAX, 1,
	    b.cfg->handle_penalty_after, b.cfg->handle_penalty_max);
	if (pipe2(b.wake, O_CLOEXEC | O_NONBLOCK) != 0) {
		log_error("broker: pipe: %s", strerror(errno));
		return 1;
	}
	fcntl(p->control_fd, F_SETFL, O_NONBLOCK);
	pthread_mutex_init(&b.lock, NULL);
	pthread_cond_init(&b.cond, NULL);
	/* The workers take no signal: the main thread handles them. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	for (i = 0; i < b.cfg->max_password_checks; i++) {
		if (pthread_create(&thread, NULL, worker, NULL) != 0) {
			log_error("broker: cannot start a thread");
			return 1;
		}
		pthread_detach(thread);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return broker_loop();
}
