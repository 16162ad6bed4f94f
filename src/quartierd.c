/*
 * quartierd.c - the SSH server of Quartier: it listens, and for each TCP
 * connection forks a process that does everything else (session.c).
 *
 * The listener itself never reads what a client sends.  It keeps count of
 * its children, so that unauthenticated connections in flight stay
 * bounded (like sshd's MaxStartups), that a source address that keeps
 * failing is slowed down, and that the number of live sessions has a
 * ceiling.  Started as root it binds, loads the host key, and drops to an
 * unprivileged user before it accepts anybody.
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
#include "session.h"
#include "store.h"

#define MAX_LISTENERS	8
#define MAX_SOURCES	4096

/* What the listener knows of each connection process. */
struct child {
	pid_t	 pid;
	bool	 authenticated;
	char	 address[48];
};

/* Failed logins per source address, for the growing penalty. */
struct source {
	char	 address[48];
	int	 failures;
	time_t	 last_failure;
};

static struct {
	const struct config	*config;
	int			 listeners[MAX_LISTENERS];
	size_t			 nlisteners;
	struct child		*children;
	size_t			 nchildren;
	struct source		 sources[MAX_SOURCES];
	size_t			 nsources;
	int			 report[2];	/* children write, we read */
	int			 hash_lock_fd;
	ssh_bind		 bind;
	sigset_t		 sigmask;	/* outside the wait */
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
listen_on(const char *spec, int port)
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
			if (d.nlisteners == MAX_LISTENERS) {
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
			d.listeners[d.nlisteners++] = fd;
		}
		freeaddrinfo(res);
	}
	free(copy);
	if (d.nlisteners == 0) {
		log_error("no address to listen on");
		return -1;
	}
	log_info("listening on %s port %d", spec, port);
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
static int
drop_privileges(const char *user)
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
	if (setgroups(1, &pw->pw_gid) != 0 || setgid(pw->pw_gid) != 0 ||
	    setuid(pw->pw_uid) != 0) {
		log_error("cannot become %s: %s", user, strerror(errno));
		return -1;
	}
	if (setuid(0) == 0 || geteuid() == 0 || getegid() == 0) {
		log_error("still root after dropping privileges");
		return -1;
	}
	log_info("running as %s", user);
	return 0;
}

/* A file whose bytes are the password-check slots (see session.c). */
static int
hash_lock_open(void)
{
	char path[] = "/tmp/quartierd-hash-XXXXXX";
	int fd;

	if ((fd = mkstemp(path)) < 0) {
		log_error("mkstemp: %s", strerror(errno));
		return -1;
	}
	unlink(path);
	if (ftruncate(fd, d.config->max_password_checks) != 0) {
		log_error("ftruncate: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static struct source *
source_find(const char *address, bool create)
{
	size_t i, oldest = 0;

	for (i = 0; i < d.nsources; i++) {
		if (strcmp(d.sources[i].address, address) == 0)
			return &d.sources[i];
		if (d.sources[i].last_failure < d.sources[oldest].last_failure)
			oldest = i;
	}
	if (!create)
		return NULL;
	if (d.nsources < MAX_SOURCES)
		i = d.nsources++;
	else
		i = oldest;	/* forget the quietest source */
	memset(&d.sources[i], 0, sizeof d.sources[i]);
	snprintf(d.sources[i].address, sizeof d.sources[i].address, "%s",
	    address);
	return &d.sources[i];
}

/*
 * How long ADDRESS is still kept out: nothing until source_penalty_after
 * failed logins, then 1, 2, 4 ... seconds after its last failure, up to
 * source_penalty_max.  Its connections are closed at once meanwhile, so a
 * penalised source holds no slot of max_startups.  A source forgets its
 * failures after a quiet while, and when one of its logins succeeds.
 */
static int
source_delay(const struct source *src)
{
	int excess = src->failures - d.config->source_penalty_after, delay = 1;

	if (excess < 0)
		return 0;
	while (excess-- > 0 && delay < d.config->source_penalty_max)
		delay *= 2;
	return delay < d.config->source_penalty_max ? delay :
	    d.config->source_penalty_max;
}

static int
source_penalty(const char *address)
{
	struct source *src = source_find(address, false);
	time_t now = time(NULL);
	int delay;

	if (src == NULL)
		return 0;
	if (now - src->last_failure > 2 * d.config->source_penalty_max) {
		src->failures = 0;
		return 0;
	}
	delay = source_delay(src);
	return src->last_failure + delay > now ?
	    (int)(src->last_failure + delay - now) : 0;
}

static struct child *
child_find(pid_t pid)
{
	size_t i;

	for (i = 0; i < d.nchildren; i++) {
		if (d.children[i].pid == pid)
			return &d.children[i];
	}
	return NULL;
}

static size_t
count_children(bool authenticated)
{
	size_t i, n = 0;

	for (i = 0; i < d.nchildren; i++)
		n += d.children[i].authenticated == authenticated;
	return n;
}

/* Lines from the connections: "PID auth-ok" or "PID auth-fail". */
static void
read_reports(void)
{
	static char buf[4096];
	static size_t len;
	struct child *c;
	struct source *src;
	char *line, *nl, event[32];
	ssize_t n;
	long pid;

	while ((n = read(d.report[0], buf + len, sizeof buf - len - 1)) > 0) {
		len += (size_t)n;
		buf[len] = '\0';
		line = buf;
		while ((nl = strchr(line, '\n')) != NULL) {
			*nl = '\0';
			if (sscanf(line, "%ld %31s", &pid, event) == 2 &&
			    (c = child_find((pid_t)pid)) != NULL) {
				if (strcmp(event, SESSION_EVENT_AUTH_OK) == 0) {
					c->authenticated = true;
					if ((src = source_find(c->address,
					    false)) != NULL)
						src->failures = 0;
				}
				else if (strcmp(event,
				    SESSION_EVENT_AUTH_FAIL) == 0) {
					src = source_find(c->address, true);
					src->failures++;
					src->last_failure = time(NULL);
					if (source_delay(src) > 0)
						log_info("%s: %d failed logins, "
						    "kept out for %d s", src->address,
						    src->failures,
						    source_delay(src));
				}
			}
			line = nl + 1;
		}
		len -= (size_t)(line - buf);
		memmove(buf, line, len);
		if (len == sizeof buf - 1)
			len = 0;	/* a line that long is noise */
	}
}

static void
reap_children(void)
{
	pid_t pid;
	size_t i;

	got_sigchld = 0;
	while ((pid = waitpid(-1, NULL, WNOHANG)) > 0) {
		for (i = 0; i < d.nchildren; i++) {
			if (d.children[i].pid == pid) {
				d.children[i] = d.children[--d.nchildren];
				break;
			}
		}
	}
}

/*
 * Whether to take one more unauthenticated connection: always below
 * "begin", never at "full", and in between with a chance that falls as
 * the count rises, so that a flood cannot lock residents out for good.
 */
static bool
startups_allow(void)
{
	const struct config_startups *m = &d.config->max_startups;
	size_t unauth = count_children(false);
	int refuse;

	if ((int)unauth < m->begin)
		return true;
	if ((int)unauth >= m->full)
		return false;
	refuse = m->rate + (100 - m->rate) * ((int)unauth - m->begin) /
	    (m->full - m->begin);
	return (int)(random() % 100) >= refuse;
}

static void
accept_one(int listener, const char *config_path, const char *db_path)
{
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof ss;
	struct session_params p;
	char host[48], port[8];
	pid_t pid;
	int fd, status, penalty, one = 1;

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
	if (got_sigterm) {
		close(fd);
		return;
	}
	if ((penalty = source_penalty(host)) > 0) {
		log_info("refused %s port %s: kept out %d s more after failed "
		    "logins", host, port, penalty);
		close(fd);
		return;
	}
	if (!startups_allow()) {
		log_warn("refused %s port %s: too many unauthenticated "
		    "connections", host, port);
		close(fd);
		return;
	}
	if ((int)count_children(true) >= d.config->max_sessions) {
		log_warn("refused %s port %s: max_sessions (%d) reached", host,
		    port, d.config->max_sessions);
		close(fd);
		return;
	}
	memset(&p, 0, sizeof p);
	p.fd = fd;
	snprintf(p.source, sizeof p.source, "%s port %s", host, port);
	snprintf(p.address, sizeof p.address, "%s", host);
	p.report_fd = d.report[1];
	p.hash_lock_fd = d.hash_lock_fd;
	p.config = d.config;
	p.config_path = config_path;
	p.db_path = db_path;
	p.bind = d.bind;
	log_info("connection from %s", p.source);
	if ((pid = fork()) < 0) {
		log_error("fork: %s", strerror(errno));
		close(fd);
		return;
	}
	if (pid == 0) {
		size_t i;

		for (i = 0; i < d.nlisteners; i++)
			close(d.listeners[i]);
		close(d.report[0]);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		sigprocmask(SIG_SETMASK, &d.sigmask, NULL);
		status = session_run(&p);
		ssh_bind_free(d.bind);
		_exit(status);
	}
	close(fd);
	d.children = xrealloc(d.children, (d.nchildren + 1) *
	    sizeof *d.children);
	memset(&d.children[d.nchildren], 0, sizeof *d.children);
	d.children[d.nchildren].pid = pid;
	snprintf(d.children[d.nchildren].address,
	    sizeof d.children[d.nchildren].address, "%s", host);
	d.nchildren++;
}

/*
 * SIGTERM: stop accepting, close the listening sockets and leave.  Every
 * connection is its own process, which goes on to its end: live sessions
 * finish, unauthenticated ones meet their grace time.
 *
 * The listener sleeps until a connection, a report or a signal: the
 * signals it handles are blocked except inside ppoll(), so one that
 * comes just before the wait is not lost in it.
 */
static void
serve(const char *config_path, const char *db_path)
{
	struct pollfd pfd[MAX_LISTENERS + 1];
	sigset_t handled;
	size_t i, n;

	sigemptyset(&handled);
	sigaddset(&handled, SIGCHLD);
	sigaddset(&handled, SIGTERM);
	sigaddset(&handled, SIGINT);
	sigaddset(&handled, SIGHUP);
	sigprocmask(SIG_BLOCK, &handled, &d.sigmask);
	while (!got_sigterm) {
		for (i = 0; i < d.nlisteners; i++) {
			pfd[i].fd = d.listeners[i];
			pfd[i].events = POLLIN;
		}
		pfd[d.nlisteners].fd = d.report[0];
		pfd[d.nlisteners].events = POLLIN;
		n = d.nlisteners + 1;
		if (ppoll(pfd, n, NULL, &d.sigmask) < 0) {
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
		if (pfd[d.nlisteners].revents & POLLIN)
			read_reports();
		for (i = 0; i < d.nlisteners; i++) {
			if (pfd[i].revents & POLLIN)
				accept_one(d.listeners[i], config_path,
				    db_path);
		}
	}
	log_info("stopping: no new connections, %zu session(s) go on",
	    d.nchildren);
	for (i = 0; i < d.nlisteners; i++)
		close(d.listeners[i]);
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
	struct store *store;
	ssh_key key;
	const char *config_path = NULL, *db = NULL, *listen = NULL;
	const char *host_key = NULL, *localedir;
	char *err = NULL, *end, *db_path, *abs_config;
	bool foreground = false;
	long port = 0;
	int c;

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
	if (access(config.ui_program, X_OK) != 0) {
		log_error("%s: %s (ui_program)", config.ui_program,
		    strerror(errno));
		return 1;
	}
	if (ssh_init() != SSH_OK || (key = host_key_load(config.host_key))
	    == NULL || bind_setup(key) != 0)
		return 1;
	if (listen_on(config.listen, config.port) != 0)
		return 1;
	if ((d.hash_lock_fd = hash_lock_open()) < 0 ||
	    pipe2(d.report, O_CLOEXEC) != 0)
		return 1;
	fcntl(d.report[0], F_SETFL, O_NONBLOCK);
	if (drop_privileges(config.user) != 0)
		return 1;
	if (getuid() == 0 || geteuid() == 0) {
		log_error("refusing to run sessions as root");
		return 1;
	}
	/* Opened as the user the sessions run as, so that no file of the
	 * database (-wal, -shm) ends up belonging to root. */
	if (store_open(db_path, 0, &store, &err) != 0) {
		log_error("%s", err);
		return 1;
	}
	store_close(store);
	/* Everything that can fail at start has been checked: detach. */
	if (!foreground) {
		if (daemon(0, 0) != 0) {
			log_error("daemon: %s", strerror(errno));
			return 1;
		}
		log_detached();
	}
	srandom((unsigned)(time(NULL) ^ getpid()));
	signal(SIGCHLD, on_sigchld);
	signal(SIGTERM, on_sigterm);
	signal(SIGINT, on_sigterm);
	signal(SIGHUP, on_sighup);
	signal(SIGPIPE, SIG_IGN);
	serve(abs_config != NULL ? abs_config : "/dev/null", db_path);
	ssh_bind_free(d.bind);
	free(d.children);
	free(db_path);
	free(abs_config);
	config_free(&config);
	return 0;
}
