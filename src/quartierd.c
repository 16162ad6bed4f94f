/*
 * quartierd.c - the SSH server of Quartier: the listener.
 *
 * It binds, loads the host key, starts the broker (broker.c), and for
 * each TCP connection forks its network stage (session.c), which does
 * the SSH protocol in a sandbox and asks the broker what authentication
 * needs.  The listener itself never reads what a client sends, nor the
 * database: it only counts its children, so that unauthenticated
 * connections in flight stay bounded (like sshd's MaxStartups, with a
 * flood giving way to others), and keeps out the sources the broker
 * names after failed logins.  doc/HACKING has the picture.
 *
 * Started as root, the listener stays root, as sshd's does, to put each
 * network stage into an empty directory (chroot) before it becomes the
 * configured user; the broker and every session run as that user.
 */
#include "build-config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <langinfo.h>
#include <locale.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "quartier.h"
#include "auth.h"
#include "config.h"
#include "privsep.h"
#include "session.h"
#include "store.h"
#include "throttle.h"

#define MAX_LISTENERS	8
#define KEEPOUT_MAX	4096

/* What the listener knows of each connection's network stage. */
struct child {
	pid_t		 pid;
	uint64_t	 id;
	bool		 in;		/* a session now, the broker says */
	bool		 dropped;	/* sent SIGTERM to make room */
	double		 started;
	char		 source[THROTTLE_KEY_MAX];	/* level 0 */
};

static struct {
	const struct config	*config;
	const char		*config_path, *db_path;
	int			 listeners[MAX_LISTENERS];
	size_t			 nlisteners;
	int			 web_listeners[MAX_LISTENERS];
	size_t			 nweb;		/* 0: no web gateway */
	const struct web_site	*site;
	bool			 web_tls;
	struct child		*children;
	size_t			 nchildren;
	uint64_t		 next_id;
	struct keepout_table	 keepout;
	ssh_bind		 bind;
	sigset_t		 sigmask;	/* outside the wait */

	/* Who the broker and the sessions run as, from root. */
	bool			 drop;
	uid_t			 uid;
	gid_t			 gid;
	int			 empty_dir_fd;

	pid_t			 broker_pid;
	int			 control;	/* to the broker */
	double			 broker_started;
} d;

static volatile sig_atomic_t got_sigchld, got_sigterm, got_sighup;

static void
on_sigchld(int sig)
{
	got_sigchld = 1;
}

static void
on_sigterm(int sig)
{
	got_sigterm = 1;
}

static void
on_sighup(int sig)
{
	got_sighup = 1;
}

static void
usage(FILE *out)
{
	fprintf(out, "%s", _("usage: quartierd [-f FILE] [--db PATH] "
	    "[--listen ADDR] [--port N] [--host-key FILE] [--foreground]\n"));
}

/*
 * Bind every address of "listen" ("*" means every IPv4 and IPv6 address)
 * on PORT.  IPv6 sockets are IPv6-only, so that "*" binds both families
 * without one hiding the other.
 */
static int
listen_on(const char *spec, int port, int *fds, size_t *nfds)
{
	struct addrinfo hints, *res, *ai;
	char *copy, *word, *save = NULL, service[16];
	int fd, one = 1, rc;

	snprintf(service, sizeof service, "%d", port);
	copy = xstrdup(spec);
	for (word = strtok_r(copy, " ,", &save); word != NULL;
	    word = strtok_r(NULL, " ,", &save)) {
		memset(&hints, 0, sizeof hints);
		hints.ai_family = AF_UNSPEC;
		hints.ai_socktype = SOCK_STREAM;
		hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;
		if (word[0] == '[' && word[strlen(word) - 1] == ']') {
			word[strlen(word) - 1] = '\0';
			word++;
		}
		rc = getaddrinfo(strcmp(word, "*") == 0 ? NULL : word, service,
		    &hints, &res);
		if (rc != 0) {
			log_error("listen %s: %s", word, gai_strerror(rc));
			free(copy);
			return -1;
		}
		for (ai = res; ai != NULL; ai = ai->ai_next) {
			if (*nfds == MAX_LISTENERS) {
				log_warn("listen: %d sockets at most, %s left "
				    "out", MAX_LISTENERS, word);
				break;
			}
			fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
			    ai->ai_protocol);
			if (fd < 0)
				continue;	/* no IPv6 here, say */
			setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
			    sizeof one);
			if (ai->ai_family == AF_INET6)
				setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one,
				    sizeof one);
			if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 ||
			    listen(fd, 128) != 0) {
				log_error("listen on %s port %d: %s", word,
				    port, strerror(errno));
				close(fd);
				freeaddrinfo(res);
				free(copy);
				return -1;
			}
			fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
			fds[(*nfds)++] = fd;
		}
		freeaddrinfo(res);
	}
	free(copy);
	if (*nfds == 0) {
		log_error("no address to listen on");
		return -1;
	}
	log_info("listening on %s port %d%s", spec, port,
	    fds == d.web_listeners ? " (web)" : "");
	return 0;
}

/*
 * A new host key: ed25519, written with O_EXCL and mode 0600, so that
 * nothing already at PATH (a file, a symbolic link, dangling or not) is
 * followed or overwritten, and the key is never readable by others.
 */
static ssh_key
host_key_make(const char *path)
{
	ssh_key key = NULL;
	char *text = NULL;
	size_t len, done = 0;
	ssize_t n;
	int fd;

	if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK ||
	    ssh_pki_export_privkey_base64(key, NULL, NULL, NULL, &text) !=
	    SSH_OK) {
		log_error("cannot make a host key");
		ssh_key_free(key);
		return NULL;
	}
	len = strlen(text);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) < 0) {
		log_error("cannot write the host key %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	while (done < len) {
		if ((n = write(fd, text + done, len - done)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		done += (size_t)n;
	}
	if (done < len || fsync(fd) != 0 || close(fd) != 0) {
		log_error("cannot write the host key %s: %s", path,
		    strerror(errno));
		unlink(path);
		goto fail;
	}
	explicit_bzero(text, len);
	ssh_string_free_char(text);
	log_info("made a new host key %s", path);
	return key;
fail:
	explicit_bzero(text, len);
	ssh_string_free_char(text);
	ssh_key_free(key);
	return NULL;
}

/* The longest host key file read: an ed25519 key takes about 400 bytes. */
#define HOST_KEY_FILE_MAX	16384

/*
 * The host key: made at first start, then loaded.  The file is opened
 * once, without following a symbolic link, and checked on the descriptor
 * that is read (a regular file, owned by the user quartierd runs as,
 * readable by that owner only), so that nothing can be swapped between
 * the check and the read.
 */
static ssh_key
host_key_load(const char *path)
{
	ssh_key key = NULL;
	struct stat st;
	unsigned char *digest;
	char *fingerprint, *text = NULL;
	size_t len = 0;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC)) <
	    0) {
		if (errno == ENOENT) {
			if ((key = host_key_make(path)) == NULL)
				return NULL;
			goto loaded;
		}
		if (errno == ELOOP)
			log_error("%s: a symbolic link; name the host key file "
			    "itself (host_key or --host-key)", path);
		else
			log_error("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0) {
		log_error("%s: %s", path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		log_error("%s: not a regular file", path);
		goto fail;
	}
	if (st.st_uid != geteuid()) {
		log_error("%s: a host key must belong to the user quartierd "
		    "starts as (uid %lu), not to uid %lu", path,
		    (unsigned long)geteuid(), (unsigned long)st.st_uid);
		goto fail;
	}
	if ((st.st_mode & 077) != 0) {
		log_error("%s: a host key must not be readable by "
		    "others (chmod 600 %s)", path, path);
		goto fail;
	}
	text = xmalloc(HOST_KEY_FILE_MAX + 1);
	while (len < HOST_KEY_FILE_MAX) {
		if ((n = read(fd, text + len, HOST_KEY_FILE_MAX - len)) < 0) {
			if (errno == EINTR)
				continue;
			log_error("%s: %s", path, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	text[len] = '\0';
	if (len == HOST_KEY_FILE_MAX ||
	    ssh_pki_import_privkey_base64(text, NULL, NULL, NULL, &key) !=
	    SSH_OK) {
		log_error("%s: not a private key libssh can read", path);
		goto fail;
	}
	explicit_bzero(text, len);
	free(text);
	close(fd);
	if (ssh_key_type(key) != SSH_KEYTYPE_ED25519) {
		log_error("%s: the host key must be ed25519", path);
		ssh_key_free(key);
		return NULL;
	}
loaded:
	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &digest,
	    &len) == SSH_OK) {
		fingerprint = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256,
		    digest, len);
		log_info("host key %s", fingerprint);
		ssh_string_free_char(fingerprint);
		ssh_clean_pubkey_hash(&digest);
	}
	return key;
fail:
	if (text != NULL) {
		explicit_bzero(text, len);
		free(text);
	}
	close(fd);
	return NULL;
}

/*
 * Only modern algorithms: curve25519 key exchange, ed25519 host key,
 * AEAD ciphers first and encrypt-then-MAC.  libssh 0.10.6 adds strict key
 * exchange (the Terrapin fix) by itself.
 */
static int
bind_setup(ssh_key key)
{
	static const struct {
		enum ssh_bind_options_e	 option;
		const char		*value;
	} algorithms[] = {
		{ SSH_BIND_OPTIONS_KEY_EXCHANGE,
		  "curve25519-sha256,curve25519-sha256@libssh.org,"
		  "diffie-hellman-group16-sha512,diffie-hellman-group18-sha512" },
		{ SSH_BIND_OPTIONS_HOSTKEY_ALGORITHMS, "ssh-ed25519" },
		{ SSH_BIND_OPTIONS_CIPHERS_C_S,
		  "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,"
		  "aes128-gcm@openssh.com,aes256-ctr,aes128-ctr" },
		{ SSH_BIND_OPTIONS_CIPHERS_S_C,
		  "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,"
		  "aes128-gcm@openssh.com,aes256-ctr,aes128-ctr" },
		{ SSH_BIND_OPTIONS_HMAC_C_S,
		  "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com" },
		{ SSH_BIND_OPTIONS_HMAC_S_C,
		  "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com" },
		{ SSH_BIND_OPTIONS_PUBKEY_ACCEPTED_KEY_TYPES,
		  "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
		  "ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,"
		  "sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,"
		  "rsa-sha2-256" },
	};
	size_t i;
	bool no = false;

	if ((d.bind = ssh_bind_new()) == NULL)
		return -1;
	/* Read no ~/.ssh or /etc/ssh configuration: ours is the only one. */
	ssh_bind_options_set(d.bind, SSH_BIND_OPTIONS_PROCESS_CONFIG, &no);
	if (ssh_bind_options_set(d.bind, SSH_BIND_OPTIONS_IMPORT_KEY, key)
	    != SSH_OK) {
		log_error("host key: %s", ssh_get_error(d.bind));
		return -1;
	}
	for (i = 0; i < sizeof algorithms / sizeof algorithms[0]; i++) {
		if (ssh_bind_options_set(d.bind, algorithms[i].option,
		    algorithms[i].value) != SSH_OK) {
			log_error("algorithms: %s", ssh_get_error(d.bind));
			return -1;
		}
	}
	return 0;
}

/* Started as root: become USER for good, and check that it held. */

/*
 * Become UID and GID for good, from root: that user's group only, and a
 * check that root cannot be regained.  NAME, when given, is logged.
 */
int
become_user(uid_t uid, gid_t gid, const char *name)
{
	if (setgroups(1, &gid) != 0 || setgid(gid) != 0 || setuid(uid) != 0) {
		log_error("cannot become uid %lu: %s", (unsigned long)uid,
		    strerror(errno));
		return -1;
	}
	if (setuid(0) == 0 || geteuid() == 0 || getegid() == 0) {
		log_error("still root after dropping privileges");
		return -1;
	}
	if (name != NULL)
		log_info("running as %s", name);
	return 0;
}

/* Started as root: the user the broker and the sessions run as. */
static int
resolve_user(const char *user)
{
	struct passwd *pw;

	if (getuid() != 0 && geteuid() != 0)
		return 0;
	if ((pw = getpwnam(user)) == NULL) {
		log_error("no user %s to run as (adduser --system --group "
		    "%s)", user, user);
		return -1;
	}
	if (pw->pw_uid == 0) {
		log_error("user %s is root: sessions never run as root", user);
		return -1;
	}
	d.drop = true;
	d.uid = pw->pw_uid;
	d.gid = pw->pw_gid;
	return 0;
}

/*
 * Open the database once, as the user the broker will be, before
 * detaching: a missing or unreadable database stops quartierd at start,
 * with its message on the terminal.  Opened as that user, so that no
 * file of the database (-wal, -shm) ends up belonging to root.
 */
static int
check_store(void)
{
	struct store *store;
	char *err = NULL;
	pid_t pid;
	int status;

	if ((pid = fork()) < 0) {
		log_error("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (d.drop && become_user(d.uid, d.gid, NULL) != 0)
			_exit(1);
		if (store_open(d.db_path, 0, &store, &err) != 0) {
			log_error("%s", err);
			_exit(1);
		}
		store_close(store);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	return 0;
}

/*
 * A pair of connected sockets of TYPE, then a fork: the child sees 0, the
 * parent the child's pid, each with both ends to close as it needs.  -1,
 * logged and with both ends closed, if either fails.
 */
static pid_t
fork_paired(int type, int sv[2])
{
	pid_t pid;

	if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, sv) != 0) {
		log_error("socketpair: %s", strerror(errno));
		return -1;
	}
	if ((pid = fork()) < 0) {
		log_error("fork: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	return pid;
}

/*
 * What the listener does for every network stage, tried once at start:
 * a child goes into the empty directory and becomes the user, and the
 * listener, still root, must be able to signal it (max_startups ends
 * connections to make room).  Root without CAP_SYS_CHROOT or CAP_KILL
 * (a service manager's bounding set) would otherwise start, and then
 * fail every connection.
 */
static int
confine_probe(void)
{
	char said = 0;
	pid_t pid;
	int sv[2], status, rc = 0;

	if ((pid = fork_paired(SOCK_STREAM, sv)) < 0)
		return -1;
	if (pid == 0) {
		close(sv[0]);
		if (fchdir(d.empty_dir_fd) != 0 || chroot(".") != 0) {
			log_error("cannot give connections an empty root "
			    "directory: chroot: %s (quartierd needs "
			    "CAP_SYS_CHROOT)", strerror(errno));
			_exit(1);
		}
		if (become_user(d.uid, d.gid, NULL) != 0)
			_exit(1);
		/* Here until the listener closes its end. */
		if (write(sv[1], "y", 1) == 1)
			(void)!read(sv[1], &said, 1);
		_exit(0);
	}
	close(sv[1]);
	if (read(sv[0], &said, 1) != 1)
		rc = -1;
	else if (kill(pid, 0) != 0) {
		log_error("cannot signal a connection's process once it runs as "
		    "%s: %s (quartierd needs CAP_KILL)", d.config->user,
		    strerror(errno));
		rc = -1;
	}
	close(sv[0]);
	waitpid(pid, &status, 0);
	return rc;
}

/*
 * The network stages' root, when quartierd runs as root: a directory
 * made for the purpose and deleted at once, of which only a descriptor
 * is kept.  A deleted directory cannot get an entry: nothing is ever
 * reachable from it, and nothing is left behind.
 */
static int
empty_dir_open(void)
{
	char path[] = "/tmp/quartierd-empty.XXXXXX";
	int fd;

	if (!d.drop) {
		d.empty_dir_fd = -1;
		return 0;
	}
	if (mkdtemp(path) == NULL) {
		log_error("mkdtemp: %s", strerror(errno));
		return -1;
	}
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rmdir(path) != 0 || fd < 0) {
		log_error("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	d.empty_dir_fd = fd;
	return confine_probe();
}

static double
now_precise(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Close what a child of the listener must not keep. */
static void
child_close_listener(void)
{
	size_t i;

	for (i = 0; i < d.nlisteners; i++)
		close(d.listeners[i]);
	for (i = 0; i < d.nweb; i++)
		close(d.web_listeners[i]);
	if (d.control >= 0)
		close(d.control);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	sigprocmask(SIG_SETMASK, &d.sigmask, NULL);
}

/*
 * The broker: forked once, it forgets the host key, becomes the user
 * and opens the database.  Its end of the control socket is the only
 * way it hears of connections and speaks to the listener.
 */
static int
start_broker(void)
{
	struct broker_params bp;
	int sv[2];
	pid_t pid;

	if ((pid = fork_paired(SOCK_SEQPACKET, sv)) < 0)
		return -1;
	if (pid == 0) {
		d.control = sv[0];
		child_close_listener();
		if (d.empty_dir_fd >= 0)
			close(d.empty_dir_fd);
		ssh_bind_free(d.bind);
		d.bind = NULL;
		if (d.drop && become_user(d.uid, d.gid, d.config->user) != 0)
			_exit(1);
		if (!d.drop)
			log_info("running as %s", "the user who started it");
		memset(&bp, 0, sizeof bp);
		bp.control_fd = sv[1];
		bp.config = d.config;
		bp.config_path = d.config_path;
		bp.db_path = d.db_path;
		_exit(broker_run(&bp));
	}
	close(sv[1]);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	d.control = sv[0];
	d.broker_pid = pid;
	d.broker_started = now_precise();
	return 0;
}

static struct child *
child_by_id(uint64_t id)
{
	size_t i;

	for (i = 0; i < d.nchildren; i++) {
		if (d.children[i].id == id)
			return &d.children[i];
	}
	return NULL;
}

/*
 * What the broker says: a connection is a session now, a source is to
 * be kept out (or no longer).  A broker that has gone leaves its socket
 * readable for ever: it is closed here, so that the wait sleeps until
 * its SIGCHLD starts another.
 */
static void
read_control(void)
{
	struct msg m;
	struct child *c;
	long seconds;
	int r;

	for (;;) {
		if ((r = msg_recv(d.control, &m)) != 1) {
			if (r == 0 || (errno != EAGAIN &&
			    errno != EWOULDBLOCK && errno != EBADMSG)) {
				close(d.control);
				d.control = -1;
			}
			break;
		}
		msg_close_fd(&m);
		if (m.type == MSG_IN && m.count == 1 &&
		    (c = child_by_id(strtoull(msg_str(&m, 0), NULL, 10))) !=
		    NULL)
			c->in = true;
		else if (m.type == MSG_KEEPOUT && m.count == 2 &&
		    msg_int(&m, 1, 0, 86400, &seconds))
			keepout_set(&d.keepout, msg_str(&m, 0), seconds == 0 ?
			    0 : (time_t)now_precise() + seconds);
	}
}

static void
reap_children(void)
{
	pid_t pid;
	size_t i;
	int status;

	got_sigchld = 0;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid == d.broker_pid) {
			d.broker_pid = 0;
			close(d.control);
			d.control = -1;
			if (got_sigterm)
				continue;
			log_error("the broker ended (status %d); starting "
			    "another", WIFEXITED(status) ? WEXITSTATUS(status) :
			    128 + WTERMSIG(status));
			/* Not more than once a second, if it cannot start. */
			if (now_precise() - d.broker_started < 1)
				sleep(1);
			start_broker();
			continue;
		}
		for (i = 0; i < d.nchildren; i++) {
			if (d.children[i].pid == pid) {
				d.children[i] = d.children[--d.nchildren];
				break;
			}
		}
	}
}

/*
 * max_startups: take the newcomer, refuse it, or make room for it by
 * dropping the oldest unauthenticated connection of the busiest source
 * (throttle_startup).
 */
static bool
startups_admit(const char *source, const char *host, const char *port)
{
	struct startup_conn *conns;
	size_t i, n = 0, victim = 0;
	enum startup_verdict v;

	conns = xcalloc(d.nchildren + 1, sizeof *conns);
	for (i = 0; i < d.nchildren; i++) {
		if (d.children[i].dropped)
			continue;
		conns[n].source = d.children[i].source;
		conns[n].started = d.children[i].started;
		conns[n].unauthenticated = !d.children[i].in;
		n++;
	}
	v = throttle_startup(&d.config->max_startups, conns, n, source, &victim);
	if (v == STARTUP_DROP) {
		for (i = 0; i < d.nchildren; i++) {
			if (!d.children[i].dropped &&
			    d.children[i].source == conns[victim].source)
				break;
		}
		if (i < d.nchildren) {
			log_warn("too many unauthenticated connections: the "
			    "oldest from %s gives way to %s port %s",
			    d.children[i].source, host, port);
			d.children[i].dropped = true;
			kill(d.children[i].pid, SIGTERM);
		}
	}
	free(conns);
	if (v == STARTUP_REFUSE) {
		log_warn("refused %s port %s: too many unauthenticated "
		    "connections", host, port);
		return false;
	}
	return true;
}

static void
accept_one(int listener, bool web)
{
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof ss;
	struct session_params p;
	struct throttle_keys keys;
	struct child *c;
	char host[48], port[8], id[24], pidtext[16];
	pid_t pid;
	int fd, sv[2], wait, one = 1;

	if ((fd = accept4(listener, (struct sockaddr *)&ss, &sslen,
	    SOCK_CLOEXEC)) < 0)
		return;
	/*
	 * Every session is a terminal: send each write at once.  With
	 * Nagle's algorithm a screen written in two packets waited for the
	 * client's ACK of the first, which a client may delay by up to
	 * 40 ms (after a keepalive, the next screen came 30 ms late).
	 */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (getnameinfo((struct sockaddr *)&ss, sslen, host, sizeof host, port,
	    sizeof port, NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		snprintf(host, sizeof host, "?");
		snprintf(port, sizeof port, "?");
	}
	if (got_sigterm || d.control < 0) {
		close(fd);
		return;
	}
	throttle_source_keys(host, &keys);
	if ((wait = keepout_wait(&d.keepout, &keys, (time_t)now_precise())) >
	    0) {
		log_info("refused %s port %s: kept out %d s more after failed "
		    "logins", host, port, wait);
		close(fd);
		return;
	}
	if (!startups_admit(keys.key[0], host, port)) {
		close(fd);
		return;
	}
	log_info("%sconnection from %s port %s", web ? "web " : "", host,
	    port);
	if ((pid = fork_paired(SOCK_SEQPACKET, sv)) < 0) {
		close(fd);
		return;
	}
	if (pid == 0) {
		child_close_listener();
		close(sv[1]);
		memset(&p, 0, sizeof p);
		p.fd = fd;
		p.broker_fd = sv[0];
		snprintf(p.source, sizeof p.source, "%s port %s", host, port);
		p.config = d.config;
		p.empty_dir_fd = d.empty_dir_fd;
		p.drop = d.drop;
		p.uid = d.uid;
		p.gid = d.gid;
#ifdef HAVE_WEB
		if (web) {
			/* A web connection never holds the SSH host key. */
			ssh_bind_free(d.bind);
			d.bind = NULL;
			p.site = d.site;
			p.tls = d.web_tls;
			_exit(web_run(&p));
		}
#endif
		p.bind = d.bind;
		_exit(session_run(&p));
	}
	close(fd);
	close(sv[0]);
	snprintf(id, sizeof id, "%llu", (unsigned long long)++d.next_id);
	snprintf(pidtext, sizeof pidtext, "%ld", (long)pid);
	if (msg_send(d.control, sv[1], MSG_CONN, id, pidtext, host, port,
	    (char *)NULL) != 0) {
		log_error("cannot hand %s port %s to the broker: %s", host, port,
		    strerror(errno));
		kill(pid, SIGKILL);
	}
	close(sv[1]);
	d.children = xrealloc(d.children, (d.nchildren + 1) *
	    sizeof *d.children);
	c = &d.children[d.nchildren++];
	memset(c, 0, sizeof *c);
	c->pid = pid;
	c->id = d.next_id;
	c->started = now_precise();
	snprintf(c->source, sizeof c->source, "%s", keys.key[0]);
}

#ifdef HAVE_WEB
static bool
address_numeric(const char *text)
{
	unsigned char bin[sizeof(struct in6_addr)];

	return inet_pton(AF_INET, text, bin) == 1 ||
	    inet_pton(AF_INET6, text, bin) == 1;
}
#endif

/*
 * The web gateway, when web_port is set: the page's files, read now, and
 * its sockets.  Without TLS, a browser's password would cross the network
 * in clear: the gateway then listens on loopback only, for a reverse
 * proxy on this machine that does the TLS.
 */
static int
web_listen(void)
{
	const struct config *cfg = d.config;
	const char *spec = cfg->web_listen;

	if (cfg->web_port == 0)
		return 0;
#ifdef HAVE_WEB
	if ((cfg->web_certificate == NULL) != (cfg->web_private_key == NULL)) {
		log_error("web_certificate and web_private_key go together");
		return -1;
	}
	if ((d.site = web_site_load(cfg)) == NULL)
		return -1;
	if (cfg->web_trusted_proxy != NULL &&
	    !address_numeric(cfg->web_trusted_proxy)) {
		log_error("web_trusted_proxy: \"%s\" is not a numeric address",
		    cfg->web_trusted_proxy);
		return -1;
	}
	d.web_tls = cfg->web_certificate != NULL;
	if (!d.web_tls) {
		spec = "127.0.0.1,::1";
		log_info("web gateway without TLS (no web_certificate): "
		    "loopback only");
	}
	return listen_on(spec, cfg->web_port, d.web_listeners, &d.nweb);
#else
	(void)spec;
	log_error("web_port: this quartierd was built without the web "
	    "gateway (configure --without-web, or no libwebsockets)");
	return -1;
#endif
}

/*
 * SIGTERM: stop accepting, close the listening sockets and leave.  Every
 * connection is its own process, which goes on to its end with the
 * broker: live sessions finish, unauthenticated ones meet their grace
 * time.
 *
 * The listener sleeps until a connection, a word of the broker or a
 * signal: the signals it handles are blocked except inside ppoll(), so
 * one that comes just before the wait is not lost in it.
 */
static void
serve(void)
{
	struct pollfd pfd[2 * MAX_LISTENERS + 1];
	sigset_t handled;
	size_t i, n;

	sigemptyset(&handled);
	sigaddset(&handled, SIGCHLD);
	sigaddset(&handled, SIGTERM);
	sigaddset(&handled, SIGINT);
	sigaddset(&handled, SIGHUP);
	sigprocmask(SIG_BLOCK, &handled, &d.sigmask);
	if (start_broker() != 0)
		return;
	while (!got_sigterm) {
		for (i = 0; i < d.nlisteners; i++) {
			pfd[i].fd = d.listeners[i];
			pfd[i].events = POLLIN;
		}
		pfd[d.nlisteners].fd = d.control;
		pfd[d.nlisteners].events = POLLIN;
		for (i = 0; i < d.nweb; i++) {
			pfd[d.nlisteners + 1 + i].fd = d.web_listeners[i];
			pfd[d.nlisteners + 1 + i].events = POLLIN;
		}
		n = d.nlisteners + 1 + d.nweb;
		if (poll_signals(pfd, n, -1, &d.sigmask) < 0) {
			if (errno != EINTR) {
				log_error("poll: %s", strerror(errno));
				break;
			}
			for (i = 0; i < n; i++)
				pfd[i].revents = 0;
		}
		if (got_sigchld)
			reap_children();
		if (got_sighup) {
			got_sighup = 0;
			log_info("SIGHUP ignored: restart quartierd to read a "
			    "changed configuration (live sessions go on)");
		}
		if (d.control >= 0 && (pfd[d.nlisteners].revents & POLLIN))
			read_control();
		for (i = 0; i < d.nlisteners; i++) {
			if (pfd[i].revents & POLLIN)
				accept_one(d.listeners[i], false);
		}
		for (i = 0; i < d.nweb; i++) {
			if (pfd[d.nlisteners + 1 + i].revents & POLLIN)
				accept_one(d.web_listeners[i], true);
		}
	}
	log_info("stopping: no new connections, %zu connection(s) go on",
	    d.nchildren);
	for (i = 0; i < d.nlisteners; i++)
		close(d.listeners[i]);
	for (i = 0; i < d.nweb; i++)
		close(d.web_listeners[i]);
	if (d.control >= 0)
		close(d.control);
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "port", required_argument, NULL, 'p' },
		{ "host-key", required_argument, NULL, 'k' },
		{ "foreground", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct config config;
	ssh_key key;
	const char *config_path = NULL, *db = NULL, *listen = NULL;
	const char *host_key = NULL, *localedir;
	char *err = NULL, *end, *db_path, *abs_config;
	bool foreground = false;
	long port = 0;
	int c;

	/* Nothing inherited beyond the standard three reaches a child. */
	closefrom(3);
	/* Messages to clients are translated: a UTF-8 locale is needed. */
	if (setlocale(LC_ALL, "") == NULL ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_ALL, "C.UTF-8");
	localedir = getenv("QUARTIER_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir != NULL && *localedir != '\0' ?
	    localedir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	while ((c = getopt_long(argc, argv, "f:hV", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			config_path = optarg;
			break;
		case 'd':
			db = optarg;
			break;
		case 'l':
			listen = optarg;
			break;
		case 'p':
			port = strtol(optarg, &end, 10);
			if (*end != '\0' || port < 1 || port > 65535) {
				fprintf(stderr, "quartierd: --port: 1 to "
				    "65535\n");
				return 2;
			}
			break;
		case 'k':
			host_key = optarg;
			break;
		case 'F':
			foreground = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("quartierd %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (config_read(&config, config_path, &err) != 0) {
		fprintf(stderr, "quartierd: %s\n", err);
		return 1;
	}
	if (listen != NULL) {
		free(config.listen);
		config.listen = xstrdup(listen);
	}
	if (port != 0)
		config.port = (int)port;
	if (host_key != NULL) {
		free(config.host_key);
		config.host_key = xstrdup(host_key);
	}
	d.config = &config;
	d.control = -1;
	d.empty_dir_fd = -1;
	language_set_default(config.default_language);
	log_init(foreground);
	if (auth_init() != 0) {
		log_error("cannot initialise libsodium");
		return 1;
	}
	/* The UI must read the same file and database, from any directory. */
	if ((db_path = realpath(config_db_path(&config, db), NULL)) == NULL) {
		log_error("%s: %s", config_db_path(&config, db),
		    strerror(errno));
		return 1;
	}
	abs_config = realpath(config_path != NULL ? config_path :
	    config_default_path(), NULL);
	d.db_path = db_path;
	d.config_path = abs_config != NULL ? abs_config : "/dev/null";
	if (access(config.ui_program, X_OK) != 0) {
		log_error("%s: %s (ui_program)", config.ui_program,
		    strerror(errno));
		return 1;
	}
	if (ssh_init() != SSH_OK || (key = host_key_load(config.host_key))
	    == NULL || bind_setup(key) != 0)
		return 1;
	if (listen_on(config.listen, config.port, d.listeners,
	    &d.nlisteners) != 0 || web_listen() != 0)
		return 1;
	if (resolve_user(config.user) != 0 || check_store() != 0 ||
	    empty_dir_open() != 0)
		return 1;
	/* Everything that can fail at start has been checked: detach. */
	if (!foreground) {
		if (daemon(0, 0) != 0) {
			log_error("daemon: %s", strerror(errno));
			return 1;
		}
		log_detached();
	}
	keepout_init(&d.keepout, KEEPOUT_MAX);
	signal(SIGCHLD, on_sigchld);
	signal(SIGTERM, on_sigterm);
	signal(SIGINT, on_sigterm);
	signal(SIGHUP, on_sighup);
	signal(SIGPIPE, SIG_IGN);
	serve();
	ssh_bind_free(d.bind);
	keepout_free(&d.keepout);
	free(d.children);
	free(db_path);
	free(abs_config);
	config_free(&config);
	return 0;
}
