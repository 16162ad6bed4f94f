/*
 * main.c - quartier: the residents' terminal program.
 *
 * The same program runs on a local terminal, on a community centre's
 * shared screen and, started by quartierd, over SSH.  It needs a terminal
 * and a UTF-8 locale, reads quartier.conf, opens the database and shows
 * the login screen.
 */
#include "build-config.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui.h"
#include "auth.h"

static void
usage(FILE *out)
{
	fprintf(out, _("usage: quartier [-f FILE] [--db PATH]\n"
	    "  -f, --config FILE  read FILE instead of the default "
	    "quartier.conf\n"
	    "      --db PATH      the database (wins over QUARTIER_DB and "
	    "the file)\n"
	    "  -h, --help         show this help\n"
	    "  -V, --version      show the version\n"));
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

/*
 * quartierd hands over the resident it authenticated as a line on an
 * inherited descriptor named by QUARTIER_SESSION_FD.  Returns the id, 0
 * when there is no handover, -1 when there is one but it is unusable.
 */
static int64_t
session_resident(void)
{
	const char *value = getenv("QUARTIER_SESSION_FD");
	char buf[32], *end;
	ssize_t n;
	long long id;
	long fd;

	if (value == NULL || *value == '\0')
		return 0;
	fd = strtol(value, &end, 10);
	unsetenv("QUARTIER_SESSION_FD");
	if (*end != '\0' || fd < 3 || fd > 1024)
		return -1;
	n = read((int)fd, buf, sizeof buf - 1);
	close((int)fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	id = strtoll(buf, &end, 10);
	if (*end != '\n' || id <= 0)
		return -1;
	return (int64_t)id;
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct config config;
	struct store *store;
	struct resident me;
	struct ui ui;
	int64_t resident_id;
	const char *config_path = NULL, *db = NULL, *value;
	char *err = NULL, *end;
	long port;
	int c;

	if (setup_locale() != 0)
		return 1;
	language_apply(LANG_AUTO);
	if ((resident_id = session_resident()) < 0) {
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
	config_defaults(&config);
	if (config_load(&config, config_path != NULL ? config_path :
	    config_default_path(), config_path != NULL, &err) != 0) {
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
	if (store_open(config_db_path(&config, db), 0, &store, &err) != 0) {
		fprintf(stderr, "quartier: %s\n", err);
		free(err);
		config_free(&config);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	ui_init(&ui, store, &config);
	if (ui_start_terminal(&ui) != 0) {
		store_close(store);
		config_free(&config);
		return 1;
	}
	atexit(restore_terminal);
	if (resident_id > 0) {
		/* Authenticated by quartierd: straight to the menu. */
		if (store_resident_self(store, &(struct viewer){ resident_id },
		    &me) != STORE_OK || me.status != RESIDENT_VERIFIED) {
			ui_stop_terminal(&ui);
			fprintf(stderr, "%s\n", _("quartier: this account cannot "
			    "log in now"));
			resident_clear(&me);
			store_close(store);
			config_free(&config);
			return 1;
		}
		ui.one_resident = true;
		ui_login(&ui, &me);
		resident_clear(&me);
	} else
		ui_push(&ui, &login_screen, NULL);
	ui_run(&ui);
	ui_stop_terminal(&ui);
	ui_free(&ui);
	store_close(store);
	config_free(&config);
	return 0;
}
