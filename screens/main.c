/*
 * main.c - quartier: the residents' terminal program.
 *
 * The same program runs on a local terminal, on a community centre's
 * shared screen and, started by quartierd, over SSH.  It needs a terminal
 * and a UTF-8 locale, reads quartier.conf, opens the database and shows
 * the login screen.
 */
#include "build-config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui.h"
#include "auth.h"
#include "sandbox.h"

static void
usage(FILE *out)
{
	fprintf(out, _("usage: quartier [-f FILE] [--db PATH] [--kiosk]\n"
	    "  -f, --config FILE  read FILE instead of the default "
	    "quartier.conf\n"
	    "      --db PATH      the database (wins over QUARTIER_DB and "
	    "the file)\n"
	    "      --kiosk        a shared terminal: the login screen comes "
	    "back after\n"
	    "                     each resident, nothing typed leaves the "
	    "program\n"
	    "  -h, --help         show this help\n"
	    "  -V, --version      show the version\n"));
	fprintf(out, "%s", _("      --sysop        the sysop's console, for root "
	    "or the database's owner\n"));
}

/*
 * The sysop's console is for whoever already holds the database: root, or
 * the system user that owns the file (the one quartierd runs as).  Anyone
 * else could read it no better with the console, and must not change it
 * through one.  It is also refused to a session started by quartierd: it
 * belongs to the machine's own console, not to SSH.  Returns 0 with the
 * user's name in USER, or -1 after saying why.
 */
static int
sysop_allowed(const char *path, bool from_quartierd, char *user,
    size_t size)
{
	struct passwd *pw;
	struct stat st;
	uid_t uid = getuid();
	char owner[64];

	if (from_quartierd) {
		fprintf(stderr, "%s\n", _("quartier: the sysop console runs "
		    "on the machine itself, not over SSH"));
		return -1;
	}
	if (stat(path, &st) != 0) {
		/* A database out of this user's reach is not theirs. */
		if (errno == EACCES && uid != 0)
			fprintf(stderr, _("quartier: the sysop console is only "
			    "for root or the owner of %s\n"), path);
		else
			fprintf(stderr, "quartier: %s: %s\n", path,
			    strerror(errno));
		return -1;
	}
	if ((pw = getpwuid(st.st_uid)) != NULL)
		snprintf(owner, sizeof owner, "%s", pw->pw_name);
	else
		snprintf(owner, sizeof owner, "%lu", (unsigned long)st.st_uid);
	if (uid != 0 && uid != st.st_uid) {
		fprintf(stderr, _("quartier: the sysop console is only for "
		    "root or %s, who owns %s\n"), owner, path);
		return -1;
	}
	if ((pw = getpwuid(uid)) != NULL)
		snprintf(user, size, "%s", pw->pw_name);
	else
		snprintf(user, size, "%lu", (unsigned long)uid);
	return 0;
}

/*
 * Curses needs a UTF-8 locale to read and draw anything but ASCII.  When
 * the one the environment names is not installed (common over SSH: the
 * client sends LANG=fr_FR.UTF-8 to a server without it), C.UTF-8, which
 * every Debian has, does the job; the language itself is chosen apart.
 */
static int
setup_locale(void)
{
	const char *dir;

	if (setlocale(LC_ALL, "") == NULL ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		if (setlocale(LC_ALL, "C.UTF-8") == NULL ||
		    strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
			fprintf(stderr, "%s\n", _("quartier: a UTF-8 locale "
			    "is needed (C.UTF-8 is missing)"));
			return -1;
		}
	}
	dir = getenv("QUARTIER_LOCALEDIR");
	bindtextdomain(PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	return 0;
}

/* Whatever ends the program, fatal() included, the terminal is given back
 * in the state it was lent. */
static void
restore_terminal(void)
{
	if (!isendwin()) {
		endwin();
		fputs("\033[?2004l", stdout);
		fflush(stdout);
	}
}

/* The longest handover line: "signup ", a key's name and the base64 of
 * the largest key auth_parse_public_key() accepts, with room to spare. */
#define HANDOVER_MAX	(AUTH_KEY_BLOB_MAX * 4 / 3 + 256)

/* What quartierd handed over. */
struct handover {
	enum {
		HANDOVER_NONE,		/* a local terminal: the login screen */
		HANDOVER_RESIDENT,	/* authenticated as RESIDENT_ID */
		HANDOVER_SIGNUP,	/* logged in as "new" */
		HANDOVER_WEB,		/* the web page: the login screen */
	}		 kind;
	int64_t		 resident_id;
	char		 key_line[HANDOVER_MAX + 1];	/* "ALGORITHM BASE64",
							 * signup only */
	int		 fd;		/* kept open for a signup's word */
};

/*
 * quartierd hands over who it let in as one line on an inherited
 * descriptor named by QUARTIER_SESSION_FD:
 *
 *	ID\n				a resident, verified or pending
 *	signup\n			a new resident, who will choose a password
 *	signup ALGORITHM BASE64\n	one who authenticated with this key and
 *					wants it attached to the new account
 *	web\n				the web page: the login screen, which
 *					asks quartierd on the descriptor
 *
 * Returns 0 (with HANDOVER_NONE when there is no descriptor), or -1 when
 * there is one but its line is unusable.  The key is only kept here; it
 * is parsed once libsodium is ready.
 */
static int
session_handover(struct handover *h)
{
	const char *value = getenv("QUARTIER_SESSION_FD");
	char *buf, *end;
	size_t len = 0;
	ssize_t n;
	long long id;
	long fd;
	int rc = -1;

	memset(h, 0, sizeof *h);
	h->fd = -1;
	if (value == NULL || *value == '\0')
		return 0;
	fd = strtol(value, &end, 10);
	unsetenv("QUARTIER_SESSION_FD");
	if (*end != '\0' || fd < 3 || fd > 1024)
		return -1;
	/* A pipe may give the line in pieces: read up to its newline. */
	buf = xmalloc(HANDOVER_MAX + 1);
	while (len < HANDOVER_MAX && memchr(buf, '\n', len) == NULL) {
		n = read((int)fd, buf + len, HANDOVER_MAX - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	if ((end = memchr(buf, '\n', len)) == NULL || end[1] != '\0')
		goto out;
	*end = '\0';
	/* A signup keeps the descriptor: the form says on it when it is
	 * sent (ui_tell_server). */
	if (strcmp(buf, "signup") == 0) {
		h->kind = HANDOVER_SIGNUP;
		rc = 0;
	} else if (strcmp(buf, "web") == 0) {
		h->kind = HANDOVER_WEB;
		rc = 0;
	} else if (strncmp(buf, "signup ", 7) == 0 && buf[7] != '\0') {
		h->kind = HANDOVER_SIGNUP;
		memcpy(h->key_line, buf + 7, strlen(buf + 7) + 1);
		rc = 0;
	} else if (*buf >= '1' && *buf <= '9') {
		errno = 0;
		id = strtoll(buf, &end, 10);
		if (*end == '\0' && errno == 0 && id > 0) {
			h->kind = HANDOVER_RESIDENT;
			h->resident_id = (int64_t)id;
			rc = 0;
		}
	}
out:
	if (h->kind == HANDOVER_SIGNUP || h->kind == HANDOVER_WEB)
		h->fd = (int)fd;
	else
		close((int)fd);
	free(buf);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'd' },
		{ "sysop", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ "kiosk", no_argument, NULL, 'k' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct config config;
	struct store *store;
	struct auth_public_key key;
	struct handover handover;
	struct resident me;
	struct ui ui;
	bool kiosk = false;
	const char *why;
	const char *config_path = NULL, *db = NULL, *value;
	char *err = NULL, *end, console_user[64];
	bool sysop = false;
	long port;
	int c;

	if (setup_locale() != 0)
		return 1;
	language_apply(LANG_AUTO);
	if (session_handover(&handover) != 0) {
		fprintf(stderr, "%s\n", _("quartier: the session handed over "
		    "by quartierd is unusable"));
		return 1;
	}
	while ((c = getopt_long(argc, argv, "f:hV", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			config_path = optarg;
			break;
		case 'd':
			db = optarg;
			break;
		case 'k':
			kiosk = true;
			break;
		case 'S':
			sysop = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("quartier %s\n", PACKAGE_VERSION);
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
	if (kiosk && sysop) {
		/* A shared terminal must never become the sysop's console. */
		fprintf(stderr, "%s\n", _("quartier: --kiosk and --sysop "
		    "cannot go together"));
		return 2;
	}
	if (config_read(&config, config_path, &err) != 0) {
		fprintf(stderr, "quartier: %s\n", err);
		free(err);
		config_free(&config);
		return 1;
	}
	/* Started by quartierd: the port it really listens on (--port may
	 * differ from the file), for the help that tells how to connect. */
	if ((value = getenv("QUARTIER_PORT")) != NULL &&
	    (port = strtol(value, &end, 10)) > 0 && port <= 65535 &&
	    *end == '\0')
		config.port = (int)port;
	language_set_default(config.default_language);
	language_apply(LANG_AUTO);
	setenv("TZ", config.timezone, 1);
	tzset();
	if (sysop && sysop_allowed(config_db_path(&config, db),
	    handover.kind != HANDOVER_NONE || getenv("QUARTIER_SOURCE") != NULL,
	    console_user, sizeof console_user) != 0) {
		config_free(&config);
		return 1;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s\n", _("quartier: this program needs a "
		    "terminal"));
		config_free(&config);
		return 1;
	}
	if (auth_init() != 0) {
		fprintf(stderr, "%s\n", _("quartier: cannot initialise "
		    "libsodium"));
		config_free(&config);
		return 1;
	}
	memset(&key, 0, sizeof key);
	if (handover.key_line[0] != '\0' &&
	    auth_parse_public_key(handover.key_line, &key, &why) != 0) {
		fprintf(stderr, "quartier: %s\n", why);
		config_free(&config);
		return 1;
	}
	if (store_open(config_db_path(&config, db), 0, &store, &err) != 0) {
		fprintf(stderr, "quartier: %s\n", err);
		free(err);
		auth_public_key_clear(&key);
		config_free(&config);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	ui_init(&ui, store, &config);
	/*
	 * A shared terminal: no key may reach a shell.  Curses runs raw, so
	 * ^C, ^Z and ^\ arrive as keys; should the terminal still turn them
	 * into signals, they are ignored.  Only the sysop's SIGTERM or SIGHUP
	 * ends the program.  A resident handed over by quartierd is never a
	 * kiosk: that session is theirs alone.
	 */
	if (kiosk && handover.kind == HANDOVER_NONE) {
		ui.kiosk = true;
		signal(SIGINT, SIG_IGN);
		signal(SIGTSTP, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
	}
	if (ui_start_terminal(&ui) != 0) {
		auth_public_key_clear(&key);
		store_close(store);
		config_free(&config);
		return 1;
	}
	atexit(restore_terminal);
	/*
	 * Everything is open: configuration, catalogue, time zone (tzset()
	 * above), database, terminal.  From here on the UI can no longer run
	 * a program or open a socket, whatever a resident types (sandbox.c).
	 * Without the filter it does not run at all.
	 */
	if (sandbox_enter(&why) != 0) {
		ui_stop_terminal(&ui);
		fprintf(stderr, _("quartier: cannot install the sandbox: %s\n"),
		    why);
		auth_public_key_clear(&key);
		store_close(store);
		config_free(&config);
		return 1;
	}
	if (sysop) {
		/* No resident: the console acts as the system user. */
		ui.sysop_console = true;
		snprintf(ui.console_user, sizeof ui.console_user, "%s",
		    console_user);
		ui_push(&ui, &sysop_screen, NULL);
	} else switch (handover.kind) {
	case HANDOVER_RESIDENT:
		/* Authenticated by quartierd: straight to the menu, or to the
		 * verification screen while the address is not verified. */
		if (store_resident_self(store, &(struct viewer){
		    handover.resident_id }, &me) != STORE_OK ||
		    me.status == RESIDENT_SUSPENDED) {
			ui_stop_terminal(&ui);
			fprintf(stderr, "%s\n", _("quartier: this account cannot "
			    "log in now"));
			resident_clear(&me);
			auth_public_key_clear(&key);
			store_close(store);
			config_free(&config);
			return 1;
		}
		ui.one_resident = true;
		ui_login(&ui, &me);
		resident_clear(&me);
		break;
	case HANDOVER_SIGNUP:
		/* The form is the whole session: done or abandoned, it ends. */
		ui.one_resident = true;
		ui.server_fd = handover.fd;
		ui_push(&ui, &signup_screen, key.fingerprint != NULL ? &key :
		    NULL);
		break;
	case HANDOVER_WEB:
		/* quartierd checks the password, and ends the session with
		 * the page: logging out ends it too. */
		ui.one_resident = true;
		ui.web = true;
		ui.server_fd = handover.fd;
		ui_push(&ui, &login_screen, NULL);
		break;
	case HANDOVER_NONE:
		ui_push(&ui, &login_screen, NULL);
		break;
	}
	ui_run(&ui);
	ui_stop_terminal(&ui);
	ui_free(&ui);
	auth_public_key_clear(&key);
	store_close(store);
	config_free(&config);
	return 0;
}
