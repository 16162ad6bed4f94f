/*
 * admin.c - quartier-admin, the sysop's command line.
 *
 *	quartier-admin [-f FILE] [--db PATH] COMMAND ...
 *
 * Each command is one line of the commands[] table: its words, the function
 * that runs it and its synopsis.  A command parses and checks all of its
 * arguments before it opens the database, and each store function is one
 * transaction, so an error leaves the database as it was.  Exit status: 0
 * done, 1 error, 2 bad usage.  No SQL here: everything goes through store.h.
 */
#include "build-config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "quartier.h"
#include "auth.h"
#include "config.h"
#include "store.h"
#include "text.h"

#define PROGRAM		"quartier-admin"

/* The widest a cell of a table may be, in columns: longer names are cut. */
#define TABLE_NAME_MAX	24

/* Generated from data/demo.sql by data/embed.sh. */
extern const char admin_demo_sql[];

struct admin;

struct command {
	const char	*name;
	const char	*sub;		/* NULL: no subcommand */
	int		(*run)(struct admin *, int, char **);
	const char	*usage;		/* the arguments, after the words */
	const char	*summary;	/* N_() marked */
};

/* What a command works with. */
struct admin {
	const char		*config_path;	/* -f FILE, or NULL */
	const char		*cli_db;	/* --db PATH, or NULL */
	const struct command	*cmd;
	struct config		 cfg;
	bool			 cfg_loaded;
	const char		*db_path;
	struct store		*store;
};

static int	cmd_init(struct admin *, int, char **);
static int	cmd_city_add(struct admin *, int, char **);
static int	cmd_quartier_add(struct admin *, int, char **);
static int	cmd_quartier_list(struct admin *, int, char **);
static int	cmd_resident_add(struct admin *, int, char **);
static int	cmd_resident_list(struct admin *, int, char **);
static int	cmd_resident_set_password(struct admin *, int, char **);
static int	cmd_resident_verify(struct admin *, int, char **);
static int	cmd_key_add(struct admin *, int, char **);
static int	cmd_key_list(struct admin *, int, char **);
static int	cmd_key_remove(struct admin *, int, char **);
static int	cmd_announce(struct admin *, int, char **);
static int	cmd_letters(struct admin *, int, char **);
static int	cmd_quartier_rename(struct admin *, int, char **);
static int	cmd_resident_search(struct admin *, int, char **);
static int	cmd_resident_role(struct admin *, int, char **);
static int	cmd_resident_suspend(struct admin *, int, char **);
static int	cmd_resident_lift(struct admin *, int, char **);
static int	cmd_online(struct admin *, int, char **);
static int	cmd_log(struct admin *, int, char **);
static int	cmd_stats(struct admin *, int, char **);
static int	cmd_backup(struct admin *, int, char **);

static const struct command commands[] = {
	{ "init", NULL, cmd_init, "[--demo]",
	  N_("create or upgrade the database; --demo loads a demo city") },
	{ "city", "add", cmd_city_add, "NAME",
	  N_("add a city") },
	{ "quartier", "add", cmd_quartier_add, "CITY NAME",
	  N_("add a quartier to a city") },
	{ "quartier", "list", cmd_quartier_list, "",
	  N_("list the quartiers and how many residents they have") },
	{ "quartier", "rename", cmd_quartier_rename, "Q NEWNAME",
	  N_("give a quartier a new name") },
	{ "resident", "add", cmd_resident_add,
	  "--quartier Q --handle H --name NAME [--street S] [--verified]\n"
	  "[--role resident|helper|moderator|sysop] [--password-stdin]",
	  N_("add a resident (pending unless --verified)") },
	{ "resident", "list", cmd_resident_list, "[--pending] [--quartier Q]",
	  N_("list residents") },
	{ "resident", "set-password", cmd_resident_set_password,
	  "H --password-stdin",
	  N_("set a resident's password, read from standard input") },
	{ "resident", "verify", cmd_resident_verify, "H",
	  N_("verify a pending resident whose proof of address was checked "
	  "in person") },
	{ "resident", "search", cmd_resident_search, "[--quartier Q] PREFIX",
	  N_("find residents whose handle or name starts with PREFIX") },
	{ "resident", "role", cmd_resident_role,
	  "H resident|helper|moderator|sysop --reason R",
	  N_("change a resident's role") },
	{ "resident", "suspend", cmd_resident_suspend,
	  "H [--days N] --reason R",
	  N_("suspend a resident for N days, or until lifted") },
	{ "resident", "lift", cmd_resident_lift, "H --reason R",
	  N_("lift a resident's suspension") },
	{ "key", "add", cmd_key_add, "H < key.pub",
	  N_("give a resident the SSH public keys read from standard input, "
	  "one a line") },
	{ "key", "list", cmd_key_list, "H",
	  N_("list a resident's SSH keys") },
	{ "key", "remove", cmd_key_remove, "H FINGERPRINT",
	  N_("remove a resident's SSH key, named as key list shows it") },
	{ "announce", NULL, cmd_announce,
	  "--quartier Q|--all [--title TITLE] TEXT",
	  N_("pin a sysop announcement on a quartier's wall, or on every "
	  "quartier's") },
	{ "letters", NULL, cmd_letters,
	  "--out DIR [--quartier Q] [--host HOST]",
	  N_("give pending residents a code and write one printable letter "
	  "each into DIR") },
	{ "online", NULL, cmd_online, "",
	  N_("list who is online now") },
	{ "log", NULL, cmd_log, "[--quartier Q] [--limit N]",
	  N_("show the moderation log, newest first") },
	{ "stats", NULL, cmd_stats, "[--quartier Q]",
	  N_("show the numbers of the whole site, or of one quartier") },
	{ "backup", NULL, cmd_backup, "FILE | --dir DIR [--keep N]",
	  N_("copy the database into a new FILE, or a new dated file of "
	  "DIR keeping the N newest, while residents go on using it") },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static int __attribute__((format(printf, 1, 2)))
fail(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs(PROGRAM ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/*
 * The words and arguments of CMD, after PREFIX; a synopsis too long for
 * one line goes on over indented lines.
 */
static void
print_synopsis(FILE *f, const char *prefix, const struct command *cmd)
{
	const char *p;

	fprintf(f, "%s%s", prefix, cmd->name);
	if (cmd->sub != NULL)
		fprintf(f, " %s", cmd->sub);
	if (*cmd->usage != '\0')
		fputc(' ', f);
	for (p = cmd->usage; *p != '\0'; p++) {
		if (*p == '\n')
			fputs("\n      ", f);
		else
			fputc(*p, f);
	}
	fputc('\n', f);
}

/*
 * Bad usage of the running command: what is wrong, prefixed with the
 * command's words, then its synopsis.
 */
static int __attribute__((format(printf, 2, 3)))
bad_usage(const struct admin *a, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: %s%s%s: ", PROGRAM, a->cmd->name,
	    a->cmd->sub != NULL ? " " : "",
	    a->cmd->sub != NULL ? a->cmd->sub : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fprintf(stderr, "%s ", _("usage:"));
	print_synopsis(stderr, PROGRAM " ", a->cmd);
	return 2;
}

static int
store_error(struct admin *a, int rc)
{
	return fail("%s", store_message(a->store, rc));
}

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, _("Usage: %s [-f FILE] [--db PATH] COMMAND ...\n"),
	    PROGRAM);
	fprintf(f, "\n%s\n", _("Commands:"));
	for (i = 0; i < NCOMMANDS; i++) {
		print_synopsis(f, "  ", &commands[i]);
		fprintf(f, "      %s\n", _(commands[i].summary));
	}
	fprintf(f, "\n%s\n", _("Options:"));
	fprintf(f, _("  -f FILE        configuration file (default: %s)\n"),
	    config_default_path());
	fputs(_("  --db PATH      the database; wins over $QUARTIER_DB and "
	    "the \"db =\" line\n"), f);
	fputs(_("  -h, --help     show this help and exit\n"), f);
	fputs(_("  --version      show the version and exit\n"), f);
}

/*
 * The option getopt stumbled on, as it was written: a short option may be
 * one letter of a cluster ("-xv"), so it is rebuilt from optopt.  Long-only
 * options have values above 255 and are named by their argument.
 */
static const char *
bad_option(char **argv)
{
	static char letter[3] = "-";

	if (optopt > 0 && optopt < 256) {
		letter[1] = (char)optopt;
		return letter;
	}
	return argv[optind - 1];
}

/*
 * The next option of the running command, or -1 at the end; an unknown
 * option or a missing value is reported and gives '?'.  Options are long
 * only, and may come after the arguments.
 */
static int
next_option(struct admin *a, int argc, char **argv,
    const struct option *options)
{
	int c;

	c = getopt_long(argc, argv, ":", options, NULL);
	if (c == '?') {
		bad_usage(a, _("unknown option %s"),
		    bad_option(argv));
	} else if (c == ':') {
		bad_usage(a, _("%s needs a value"),
		    argv[optind - 1]);
		c = '?';
	}
	return c;
}

/* Exactly N arguments left after the options, or bad usage. */
static int
want_arguments(struct admin *a, int argc, char **argv, int n)
{
	if (argc - optind < n)
		return bad_usage(a, _("missing argument"));
	if (argc - optind > n)
		return bad_usage(a, _("unexpected argument \"%s\""),
		    argv[optind + n]);
	return 0;
}

/*
 * Check a text argument as the store will (text.c's rules): valid UTF-8,
 * not empty unless allowed, at most MAX characters.  Done before anything
 * is read or written, so that the message can name the argument.  The
 * cleaned text goes to *OUT when it is not NULL.
 */
static bool
check_text(const char *what, const char *s, int flags, size_t max, char **out)
{
	enum text_status ts;
	char *clean;

	ts = text_clean(s, strlen(s), flags, max, &clean);
	if (ts != TEXT_OK) {
		fail("%s: %s", what, text_status_message(ts));
		return false;
	}
	if (out != NULL)
		*out = clean;
	else
		free(clean);
	return true;
}

/* Read the configuration to know the database's path. */
static int
admin_config(struct admin *a)
{
	char *err;
	int rc;

	a->cfg_loaded = true;
	if ((rc = config_read(&a->cfg, a->config_path, &err)) != 0) {
		fail("%s", err);
		free(err);
		return 1;
	}
	a->db_path = config_db_path(&a->cfg, a->cli_db);
	/* Dates (letters, the demo's events) are the quartier's, not the
	 * server's. */
	setenv("TZ", a->cfg.timezone, 1);
	tzset();
	/* Speak the configured language unless the environment names one. */
	language_set_default(a->cfg.default_language);
	language_apply(LANG_AUTO);
	/* Letters and messages would come out in English without a word. */
	if (language_catalogue_missing()) {
		fflush(stdout);
		fprintf(stderr, _("%s: warning: no catalogue for the language "
		    "%s in %s; messages and letters are in English\n"),
		    PROGRAM, language_code(language_current()),
		    bindtextdomain("quartier", NULL));
	}
	return 0;
}

/* Open the database: the step after all the checks. */
static int
admin_open(struct admin *a, int flags)
{
	char *err;

	if (!a->cfg_loaded && admin_config(a) != 0)
		return 1;
	if (store_open(a->db_path, flags, &a->store, &err) != 0) {
		fail("%s", err);
		free(err);
		return 1;
	}
	return 0;
}

/* "Strasbourg › Krutenau" for a quartier id. */
static char *
quartier_label(struct admin *a, int64_t id)
{
	struct quartier_info *list;
	char *label = NULL;
	size_t n, i;

	if (store_quartier_list(a->store, &list, &n) != STORE_OK)
		return xasprintf("#%lld", (long long)id);
	for (i = 0; i < n && label == NULL; i++) {
		if (list[i].id == id)
			label = xasprintf("%s › %s", list[i].city,
			    list[i].name);
	}
	quartier_info_free(list, n);
	return label != NULL ? label : xasprintf("#%lld", (long long)id);
}

static int
find_resident(struct admin *a, const char *handle, struct resident *r)
{
	int rc;

	if ((rc = store_resident_by_handle(a->store, handle, r)) ==
	    STORE_NOT_FOUND)
		return fail(_("no such resident: %s"), handle);
	if (rc != STORE_OK)
		return store_error(a, rc);
	return 0;
}

static int
find_quartier(struct admin *a, const char *spec, int64_t *id)
{
	int rc;

	if ((rc = store_quartier_find(a->store, spec, id)) == STORE_NOT_FOUND)
		return fail(_("no such quartier: %s"), spec);
	if (rc != STORE_OK)
		return store_error(a, rc);
	return 0;
}

/*
 * One line of standard input as a new password, hashed.  Standard input is
 * unbuffered and the line's buffer large enough for any acceptable password
 * (with "\r\n"), so that the only copy of it is the one wiped at the end.
 */
static int
read_password(char **hash)
{
	size_t cap = QUARTIER_PASSWORD_MAX + 3;
	char *line = xmalloc(cap);
	ssize_t len;
	const char *why;
	int ret = 1;

	*hash = NULL;
	setvbuf(stdin, NULL, _IONBF, 0);
	len = getline(&line, &cap, stdin);
	if (len < 0 && ferror(stdin)) {
		fail(_("cannot read the password: %s"), strerror(errno));
		goto out;
	}
	if (len > 0 && line[len - 1] == '\n')
		line[--len] = '\0';
	if (len > 0 && line[len - 1] == '\r')
		line[--len] = '\0';
	if (len <= 0) {
		fail("%s", _("no password on standard input"));
		goto out;
	}
	if (strlen(line) != (size_t)len || !text_valid_utf8(line, len)) {
		fail("%s: %s", _("password"),
		    text_status_message(TEXT_INVALID_UTF8));
		goto out;
	}
	if (!auth_password_acceptable(line, &why)) {
		fail("%s", why);
		goto out;
	}
	if ((*hash = auth_hash_password(line)) == NULL) {
		fail("%s", _("cannot hash the password"));
		goto out;
	}
	ret = 0;
out:
	auth_free_secret(line, cap);
	return ret;
}

/*
 * A table on standard output: columns aligned by display width, names cut
 * with an ellipsis when they are too wide, numbers on the right.
 */
struct column {
	const char	*title;		/* N_() marked */
	bool		 number;
	bool		 whole;		/* never cut: it is typed back */
};

static void
table_print(const struct column *cols, size_t ncols, char **cells,
    size_t nrows)
{
	int *widths, w;
	char *cell;
	size_t r, c;

	widths = xcalloc(ncols, sizeof *widths);
	for (c = 0; c < ncols; c++)
		widths[c] = text_width(_(cols[c].title));
	for (r = 0; r < nrows; r++) {
		for (c = 0; c < ncols; c++) {
			if (!cols[c].whole) {
				cell = text_truncate(cells[r * ncols + c],
				    TABLE_NAME_MAX);
				free(cells[r * ncols + c]);
				cells[r * ncols + c] = cell;
			}
			cell = cells[r * ncols + c];
			if ((w = text_width(cell)) > widths[c])
				widths[c] = w;
		}
	}
	for (r = 0; r <= nrows; r++) {
		for (c = 0; c < ncols; c++) {
			cell = r == 0 ? _(cols[c].title) :
			    cells[(r - 1) * ncols + c];
			w = widths[c] - text_width(cell);
			if (c > 0)
				fputs("  ", stdout);
			if (cols[c].number)
				printf("%*s%s", w, "", cell);
			else if (c + 1 < ncols)
				printf("%s%*s", cell, w, "");
			else
				fputs(cell, stdout);
		}
		putchar('\n');
	}
	free(widths);
}

static void
cells_free(char **cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

/*
 * A database that root creates would be read-only for quartierd's
 * sessions, which run as the configured user: give it to that user (for
 * its -wal and -shm files SQLite then follows the database's owner).
 */
static void
give_to_server_user(struct admin *a)
{
	const char *suffixes[] = { "", "-wal", "-shm" };
	struct passwd *pw;
	char *path;
	size_t i;

	if (geteuid() != 0 || (pw = getpwnam(a->cfg.user)) == NULL)
		return;
	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		path = xasprintf("%s%s", a->db_path, suffixes[i]);
		if (chown(path, pw->pw_uid, pw->pw_gid) != 0 && i == 0)
			fail(_("cannot give %s to %s: %s"), path, a->cfg.user,
			    strerror(errno));
		free(path);
	}
}

static int
cmd_init(struct admin *a, int argc, char **argv)
{
	enum { OPT_DEMO = 256 };
	static const struct option options[] = {
		{ "demo", no_argument, NULL, OPT_DEMO },
		{ NULL, 0, NULL, 0 }
	};
	struct quartier_info *list;
	bool demo = false;
	int c, rc, before, after, cities, residents;
	char *quartiers, *people;
	size_t n, i;

	while ((c = next_option(a, argc, argv, options)) != -1) {
		if (c == '?')
			return 2;
		demo = true;
	}
	if ((rc = want_arguments(a, argc, argv, 0)) != 0)
		return rc;
	if (admin_config(a) != 0)
		return 1;

	/* Opening upgrades: the version before says what was done. */
	if (store_file_version(a->db_path, &before) != STORE_OK)
		before = -1;
	if (admin_open(a, STORE_CREATE) != 0)
		return 1;
	after = store_schema_version(a->store);
	if (demo) {
		if ((rc = store_city_count(a->store, &cities)) != STORE_OK)
			return store_error(a, rc);
		if (cities > 0)
			return fail(_("%s already has data; the demo goes only "
			    "into a new database"), a->db_path);
	}
	if (before == 0) {
		give_to_server_user(a);
		printf(_("created database %s (schema version %d)\n"),
		    a->db_path, after);
	}
	else if (before > 0 && before < after)
		printf(_("upgraded database %s from schema version %d to %d\n"),
		    a->db_path, before, after);
	else
		printf(_("database %s is up to date (schema version %d)\n"),
		    a->db_path, after);
	if (!demo)
		return 0;

	if ((rc = store_run_script(a->store, admin_demo_sql)) != STORE_OK)
		return fail(_("cannot load the demo: %s"),
		    store_detail(a->store));
	if ((rc = store_quartier_list(a->store, &list, &n)) != STORE_OK)
		return store_error(a, rc);
	residents = 0;
	for (i = 0; i < n; i++)
		residents += list[i].verified + list[i].pending +
		    list[i].suspended;
	quartier_info_free(list, n);
	/* TRANSLATORS: the first %s is "N quartiers", the second "N
	 * residents". */
	quartiers = xasprintf(ngettext("%zu quartier", "%zu quartiers", n), n);
	people = xasprintf(ngettext("%d resident", "%d residents", residents),
	    residents);
	printf(_("loaded the demo: %s, %s\n"), quartiers, people);
	free(quartiers);
	free(people);
	return 0;
}

static int
cmd_city_add(struct admin *a, int argc, char **argv)
{
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	const char *name;
	int rc;

	if (next_option(a, argc, argv, options) != -1)
		return 2;
	if ((rc = want_arguments(a, argc, argv, 1)) != 0)
		return rc;
	name = argv[optind];
	if (!check_text("NAME", name, 0, QUARTIER_NAME_MAX, NULL))
		return 1;
	if (admin_open(a, 0) != 0)
		return 1;
	if ((rc = store_city_add(a->store, name, NULL)) == STORE_DUPLICATE)
		return fail(_("city already exists: %s"), name);
	if (rc != STORE_OK)
		return store_error(a, rc);
	printf(_("created city %s\n"), name);
	return 0;
}

static int
cmd_quartier_add(struct admin *a, int argc, char **argv)
{
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	const char *city, *name;
	char *label;
	int64_t id;
	int rc;

	if (next_option(a, argc, argv, options) != -1)
		return 2;
	if ((rc = want_arguments(a, argc, argv, 2)) != 0)
		return rc;
	city = argv[optind];
	name = argv[optind + 1];
	if (!check_text("CITY", city, 0, QUARTIER_NAME_MAX, NULL) ||
	    !check_text("NAME", name, 0, QUARTIER_NAME_MAX, NULL))
		return 1;
	if (admin_open(a, 0) != 0)
		return 1;
	rc = store_quartier_add(a->store, city, name, &id);
	if (rc == STORE_NOT_FOUND)
		return fail(_("no such city: %s"), city);
	if (rc == STORE_DUPLICATE)
		return fail(_("quartier already exists: %s/%s"), city, name);
	if (rc != STORE_OK)
		return store_error(a, rc);
	label = quartier_label(a, id);
	printf(_("created quartier %s\n"), label);
	free(label);
	return 0;
}

static int
cmd_quartier_list(struct admin *a, int argc, char **argv)
{
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	static const struct column columns[] = {
		{ N_("City"), false, false },
		{ N_("Quartier"), false, false },
		{ N_("Verified"), true, false },
		{ N_("Pending"), true, false },
		{ N_("Suspended"), true, false },
	};
	const size_t ncols = sizeof columns / sizeof columns[0];
	struct quartier_info *list;
	char **cells, **row;
	size_t n, i;
	int rc;

	if (next_option(a, argc, argv, options) != -1)
		return 2;
	if ((rc = want_arguments(a, argc, argv, 0)) != 0)
		return rc;
	if (admin_open(a, STORE_READONLY) != 0)
		return 1;
	if ((rc = store_quartier_list(a->store, &list, &n)) != STORE_OK)
		return store_error(a, rc);
	if (n == 0) {
		printf("%s\n", _("no quartiers yet"));
		quartier_info_free(list, n);
		return 0;
	}
	cells = xcalloc(n * ncols, sizeof *cells);
	for (i = 0; i < n; i++) {
		row = &cells[i * ncols];
		row[0] = xstrdup(list[i].city);
		row[1] = xstrdup(list[i].name);
		row[2] = xasprintf("%d", list[i].verified);
		row[3] = xasprintf("%d", list[i].pending);
		row[4] = xasprintf("%d", list[i].suspended);
	}
	table_print(columns, ncols, cells, n);
	cells_free(cells, n * ncols);
	quartier_info_free(list, n);
	return 0;
}

static int
cmd_resident_add(struct admin *a, int argc, char **argv)
{
	enum { OPT_QUARTIER = 256, OPT_HANDLE, OPT_NAME, OPT_STREET,
	    OPT_VERIFIED, OPT_ROLE, OPT_PASSWORD_STDIN };
	static const struct option options[] = {
		{ "quartier", required_argument, NULL, OPT_QUARTIER },
		{ "handle", required_argument, NULL, OPT_HANDLE },
		{ "name", required_argument, NULL, OPT_NAME },
		{ "street", required_argument, NULL, OPT_STREET },
		{ "verified", no_argument, NULL, OPT_VERIFIED },
		{ "role", required_argument, NULL, OPT_ROLE },
		{ "password-stdin", no_argument, NULL, OPT_PASSWORD_STDIN },
		{ NULL, 0, NULL, 0 }
	};
	struct resident_new r = { .status = RESIDENT_PENDING,
	    .role = ROLE_RESIDENT };
	const char *spec = NULL, *why;
	char *handle = NULL, *hash = NULL, *label;
	bool password = false;
	int c, rc, ret = 1;

	while ((c = next_option(a, argc, argv, options)) != -1) {
		switch (c) {
		case OPT_QUARTIER:
			spec = optarg;
			break;
		case OPT_HANDLE:
			r.handle = optarg;
			break;
		case OPT_NAME:
			r.display_name = optarg;
			break;
		case OPT_STREET:
			r.street = optarg;
			break;
		case OPT_VERIFIED:
			r.status = RESIDENT_VERIFIED;
			break;
		case OPT_ROLE:
			if (resident_role_parse(optarg, &r.role) != 0)
				return bad_usage(a, _("unknown role \"%s\""),
				    optarg);
			break;
		case OPT_PASSWORD_STDIN:
			password = true;
			break;
		default:
			return 2;
		}
	}
	if ((rc = want_arguments(a, argc, argv, 0)) != 0)
		return rc;
	if (spec == NULL || r.handle == NULL || r.display_name == NULL)
		return bad_usage(a, _("--quartier, --handle and --name are "
		    "required"));
	if (!check_text("--quartier", spec, 0, 0, NULL) ||
	    !check_text("--handle", r.handle, 0, 0, NULL) ||
	    !check_text("--name", r.display_name, 0, QUARTIER_NAME_MAX,
	    NULL) ||
	    (r.street != NULL && !check_text("--street", r.street,
	    TEXT_ALLOW_EMPTY, QUARTIER_STREET_MAX, NULL)))
		return 1;
	if (!text_handle_valid(r.handle, &handle, &why))
		return fail("--handle: %s", why);
	r.handle = handle;
	if (password && read_password(&hash) != 0)
		goto out;
	r.password_hash = hash;
	if (admin_open(a, 0) != 0 ||
	    find_quartier(a, spec, &r.quartier_id) != 0)
		goto out;
	rc = store_resident_add(a->store, &r, NULL);
	if (rc == STORE_DUPLICATE)
		fail(_("handle already taken: %s"), handle);
	else if (rc != STORE_OK)
		store_error(a, rc);
	else {
		label = quartier_label(a, r.quartier_id);
		printf(_("created resident %s (%s)\n"), handle, label);
		free(label);
		ret = 0;
	}
out:
	auth_free_secret(hash, 0);
	free(handle);
	return ret;
}

/* Residents as a table: statuses and roles in the admin's language. */
static void
print_residents(const struct resident *list, size_t n)
{
	static const struct column columns[] = {
		{ N_("Handle"), false, true },
		{ N_("Name"), false, false },
		{ N_("City"), false, false },
		{ N_("Quartier"), false, false },
		{ N_("Status"), false, false },
		{ N_("Role"), false, false },
	};
	const size_t ncols = sizeof columns / sizeof columns[0];
	char **cells, **row;
	size_t i;

	cells = xcalloc(n * ncols, sizeof *cells);
	for (i = 0; i < n; i++) {
		row = &cells[i * ncols];
		row[0] = xstrdup(list[i].handle);
		row[1] = xstrdup(list[i].display_name);
		row[2] = xstrdup(list[i].city);
		row[3] = xstrdup(list[i].quartier);
		row[4] = xstrdup(resident_status_word(list[i].status));
		row[5] = xstrdup(resident_role_word(list[i].role));
	}
	table_print(columns, ncols, cells, n);
	cells_free(cells, n * ncols);
}

static int
cmd_resident_list(struct admin *a, int argc, char **argv)
{
	enum { OPT_PENDING = 256, OPT_QUARTIER };
	static const struct option options[] = {
		{ "pending", no_argument, NULL, OPT_PENDING },
		{ "quartier", required_argument, NULL, OPT_QUARTIER },
		{ NULL, 0, NULL, 0 }
	};
	struct resident *list;
	const char *spec = NULL;
	bool pending = false;
	int64_t quartier_id = 0;
	size_t n;
	int c, rc;

	while ((c = next_option(a, argc, argv, options)) != -1) {
		switch (c) {
		case OPT_PENDING:
			pending = true;
			break;
		case OPT_QUARTIER:
			spec = optarg;
			break;
		default:
			return 2;
		}
	}
	if ((rc = want_arguments(a, argc, argv, 0)) != 0)
		return rc;
	if (spec != NULL && !check_text("--quartier", spec, 0, 0, NULL))
		return 1;
	if (admin_open(a, STORE_READONLY) != 0)
		return 1;
	if (spec != NULL && find_quartier(a, spec, &quartier_id) != 0)
		return 1;
	rc = store_resident_list(a->store, quartier_id, pending, &list, &n);
	if (rc != STORE_OK)
		return store_error(a, rc);
	if (n == 0) {
		printf("%s\n", pending ? _("no pending residents") :
		    _("no residents"));
		resident_list_free(list, n);
		return 0;
	}
	print_residents(list, n);
	resident_list_free(list, n);
	return 0;
}

static int
cmd_resident_set_password(struct admin *a, int argc, char **argv)
{
	enum { OPT_PASSWORD_STDIN = 256 };
	static const struct option options[] = {
		{ "password-stdin", no_argument, NULL, OPT_PASSWORD_STDIN },
		{ NULL, 0, NULL, 0 }
	};
	struct resident r;
	const char *handle;
	bool password = false;
	char *hash;
	int c, rc;

	while ((c = next_option(a, argc, argv, options)) != -1) {
		if (c == '?')
			return 2;
		password = true;
	}
	if ((rc = want_arguments(a, argc, argv, 1)) != 0)
		return rc;
	if (!password)
		return bad_usage(a, _("--password-stdin is required"));
	handle = argv[optind];
	if (!check_text("H", handle, 0, 0, NULL))
		return 1;
	if (admin_open(a, 0) != 0 || find_resident(a, handle, &r) != 0)
		return 1;
	if (read_password(&hash) != 0) {
		resident_clear(&r);
		return 1;
	}
	rc = store_resident_set_password(a->store, r.id, hash);
	auth_free_secret(hash, 0);
	if (rc != STORE_OK) {
		resident_clear(&r);
		return store_error(a, rc);
	}
	printf(_("changed the password of %s\n"), r.handle);
	resident_clear(&r);
	return 0;
}

/*
 * Who checked a proof of address at the console, for the log: the sysop's
 * own login name when sudo or the shell tells it.
 */
static const char *
console_user(void)
{
	const char *names[] = { "SUDO_USER", "USER", "LOGNAME" };
	struct passwd *pw;
	const char *user = NULL;
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0] && user == NULL; i++) {
		user = getenv(names[i]);
		if (user != NULL && *user == '\0')
			user = NULL;
	}
	if (user == NULL && (pw = getpwuid(geteuid())) != NULL)
		user = pw->pw_name;
	return user != NULL ? user : "sysop";
}

static char *
console_actor(void)
{
	return xasprintf("console:%s", console_user());
}

static int
cmd_resident_verify(struct admin *a, int argc, char **argv)
{
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	struct resident r;
	const char *handle;
	char *by;
	int rc, ret = 1;

	if (next_option(a, argc, argv, options) != -1)
		return 2;
	if ((rc = want_arguments(a, argc, argv, 1)) != 0)
		return rc;
	handle = argv[optind];
	if (!check_text("H", handle, 0, 0, NULL))
		return 1;
	if (admin_open(a, 0) != 0 || find_resident(a, handle, &r) != 0)
		return 1;
	by = console_actor();
	rc = store_verify_in_person(a->store, r.id, by);
	if (rc == STORE_INVALID && r.status == RESIDENT_VERIFIED)
		fail(_("%s is already verified"), r.handle);
	else if (rc == STORE_DENIED)
		fail(_("%s is suspended; lift the suspension first"),
		    r.handle);
	else if (rc != STORE_OK)
		store_error(a, rc);
	else {
		printf(_("verified %s: proof of address checked in person "
		    "(%s)\n"), r.handle, by);
		ret = 0;
	}
	free(by);
	resident_clear(&r);
	return ret;
}

static void
keys_free(struct auth_public_key *keys, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		auth_public_key_clear(&keys[i]);
	free(keys);
}

/*
 * The keys on standard input, as in an authorized_keys file without
 * options: one a line, blank lines and '#' comments skipped.  Every line
 * is checked before anything is written, and the first bad one is named.
 */
static int
read_keys(struct auth_public_key **out, size_t *nout)
{
	struct auth_public_key *keys = NULL, key;
	char *line = NULL;
	const char *why, *p;
	size_t cap = 0, n = 0, lineno = 0, i;
	ssize_t len;

	while ((len = getline(&line, &cap, stdin)) >= 0) {
		lineno++;
		p = line + strspn(line, " \t\r\n");
		if (*p == '\0' && (size_t)len == strlen(line))
			continue;
		if (*p == '#')
			continue;
		if ((size_t)len != strlen(line)) {
			fail(_("standard input, line %zu: %s"), lineno,
			    _("not a line of text"));
			goto fail;
		}
		if (auth_parse_public_key(line, &key, &why) != 0) {
			fail(_("standard input, line %zu: %s"), lineno, why);
			goto fail;
		}
		for (i = 0; i < n; i++) {
			if (strcmp(keys[i].fingerprint, key.fingerprint) == 0)
				break;
		}
		if (i < n) {
			fail(_("standard input, line %zu: %s"), lineno,
			    _("this key was given already"));
			auth_public_key_clear(&key);
			goto fail;
		}
		keys = xrealloc(keys, (n + 1) * sizeof *keys);
		keys[n++] = key;
	}
	if (ferror(stdin)) {
		fail(_("cannot read standard input: %s"), strerror(errno));
		goto fail;
	}
	if (n == 0) {
		fail("%s", _("no key on standard input"));
		goto fail;
	}
	free(line);
	*out = keys;
	*nout = n;
	return 0;
fail:
	free(line);
	keys_free(keys, n);
	return 1;
}

static int
cmd_key_add(struct admin *a, int argc, char **argv)
{
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	struct auth_public_key *keys;
	struct resident r;
	const char *handle;
	size_t n, failed = 0, i;
	int rc, ret = 1;

	if (next_option(a, argc, argv, options) != -1)
		return 2;
	if ((rc = want_arguments(a, argc, argv, 1)) != 0)
		return rc;
	handle = argv[optind];
	if (!check_text("H", handle, 0, 0, NULL))
		return 1;
	if (read_keys(&keys, &n) != 0)
		return 1;
	if (admin_open(a, 0) != 0 || find_resident(a, handle, &r) != 0) {
		keys_free(keys, n);
		return 1;
	}
	rc = store_key_add_many(a->store, r.id, keys, n, &failed);
	if (rc == STORE_DUPLICATE)
		fail(_("key already registered: %s"), keys[failed].fingerprint);
	else if (rc == STORE_NOT_FOUND)
		fail(_("no such resident: %s"), handle);
	else if (rc != STORE_OK)
		store_error(a, rc);
	else {
		for (i = 0; i < n; i++)
			printf(_("added key %s to %s\n"), keys[i].fingerprint,
			    r.handle);
		ret = 0;
	}
	resident_clear(&r);
	keys_free(keys, n);
	return ret;
}

/* "2026-03-14 18:30" in local time, or "never" for 0. */
static char *
key_date(int64_t when)
{
	time_t t = (time_t)when;
	struct tm tm;
	char buf[64];

	if (when == 0 || localtime_r(&t, &tm) == NULL)
		return xstrdup(_("never"));
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
	return xstrdup(buf);
}

static int
cmd_key_list(struct admin *a, int argc, char **argv)
{
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	static const struct column columns[] = {
		{ N_("Fingerprint"), false, true },
		{ N_("Algorithm"), false, true },
		{ N_("Comment"), false, false },
		{ N_("Added"), false, true },
		{ N_("Last used"), false, true },
	};
	const size_t ncols = sizeof columns / sizeof columns[0];
	struct ssh_key_info *list;
	struct resident r;
	const char *handle;
	char **cells, **row;
	size_t n, i;
	int rc;

	if (next_option(a, argc, argv, options) != -1)
		return 2;
	if ((rc = want_arguments(a, argc, argv, 1)) != 0)
		return rc;
	handle = argv[optind];
	if (!check_text("H", handle, 0, 0, NULL))
		return 1;
	if (admin_open(a, STORE_READONLY) != 0 ||
	    find_resident(a, handle, &r) != 0)
		return 1;
	rc = store_key_list(a->store, r.id, &list, &n);
	if (rc != STORE_OK) {
		resident_clear(&r);
		return store_error(a, rc);
	}
	if (n == 0)
		printf(_("%s has no SSH keys\n"), r.handle);
	else {
		cells = xcalloc(n * ncols, sizeof *cells);
		for (i = 0; i < n; i++) {
			row = &cells[i * ncols];
			row[0] = xstrdup(list[i].fingerprint);
			row[1] = xstrdup(list[i].algorithm);
			row[2] = xstrdup(list[i].comment);
			row[3] = key_date(list[i].created_at);
			row[4] = key_date(list[i].last_used_at);
		}
		table_print(columns, ncols, cells, n);
		cells_free(cells, n * ncols);
	}
	ssh_key_info_list_free(list, n);
	resident_clear(&r);
	return 0;
}

static int
cmd_key_remove(struct admin *a, int argc, char **argv)
{
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	struct resident r;
	const char *handle, *fingerprint;
	int rc, ret = 1;

	if (next_option(a, argc, argv, options) != -1)
		return 2;
	if ((rc = want_arguments(a, argc, argv, 2)) != 0)
		return rc;
	handle = argv[optind];
	fingerprint = argv[optind + 1];
	if (!check_text("H", handle, 0, 0, NULL) ||
	    !check_text("FINGERPRINT", fingerprint, 0, 0, NULL))
		return 1;
	if (admin_open(a, 0) != 0 || find_resident(a, handle, &r) != 0)
		return 1;
	rc = store_key_remove(a->store, r.id, fingerprint);
	if (rc == STORE_NOT_FOUND)
		fail(_("%s has no key %s"), r.handle, fingerprint);
	else if (rc != STORE_OK)
		store_error(a, rc);
	else {
		printf(_("removed key %s from %s\n"), fingerprint, r.handle);
		ret = 0;
	}
	resident_clear(&r);
	return ret;
}

/* Drop the blanks at the end of S, in place. */
static void
trim_end(char *s)
{
	size_t len = strlen(s);

	while (len > 0 && strchr(" \t\r", s[len - 1]) != NULL)
		s[--len] = '\0';
}

/*
 * A title for an announcement: the first line of its text, cut at a word
 * boundary with an ellipsis when it has more than QUARTIER_TITLE_MAX
 * characters.  Lines are wrapped by display columns but the limit counts
 * characters, which zero-width marks can outnumber: narrow until it fits.
 */
static char *
title_from_text(const char *text)
{
	struct text_line *lines;
	char *line, *title;
	size_t chars;
	int cols;

	text += strspn(text, " \t\r\n");
	line = xstrndup(text, strcspn(text, "\n"));
	trim_end(line);
	if (text_chars(line) <= QUARTIER_TITLE_MAX)
		return line;
	/* Room for the ellipsis. */
	for (cols = QUARTIER_TITLE_MAX - 1;;) {
		text_wrap(line, cols, &lines);
		title = xstrndup(line + lines[0].start, lines[0].len);
		free(lines);
		trim_end(title);
		chars = text_chars(title);
		if (chars < QUARTIER_TITLE_MAX || cols == 1)
			break;
		free(title);
		cols -= (int)(chars - (QUARTIER_TITLE_MAX - 1));
		if (cols < 1)
			cols = 1;
	}
	free(line);
	line = xasprintf("%s…", title);
	free(title);
	return line;
}

static int
cmd_announce(struct admin *a, int argc, char **argv)
{
	enum { OPT_QUARTIER = 256, OPT_TITLE, OPT_ALL };
	static const struct option options[] = {
		{ "quartier", required_argument, NULL, OPT_QUARTIER },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "all", no_argument, NULL, OPT_ALL },
		{ NULL, 0, NULL, 0 }
	};
	const char *spec = NULL, *given = NULL;
	char *title = NULL, *body = NULL, *label;
	int64_t quartier_id = 0;
	bool all = false;
	int c, rc, ret = 1;

	while ((c = next_option(a, argc, argv, options)) != -1) {
		switch (c) {
		case OPT_QUARTIER:
			spec = optarg;
			break;
		case OPT_TITLE:
			given = optarg;
			break;
		case OPT_ALL:
			all = true;
			break;
		default:
			return 2;
		}
	}
	if ((rc = want_arguments(a, argc, argv, 1)) != 0)
		return rc;
	if ((spec == NULL) == !all)
		return bad_usage(a, _("give either --quartier or --all"));
	if ((spec != NULL && !check_text("--quartier", spec, 0, 0, NULL)) ||
	    (given != NULL &&
	    !check_text("--title", given, 0, QUARTIER_TITLE_MAX, &title)) ||
	    !check_text("TEXT", argv[optind], TEXT_MULTILINE,
	    QUARTIER_BODY_MAX, &body))
		goto out;
	/* Cut from the cleaned text: characters are counted after NFC. */
	if (title == NULL)
		title = title_from_text(body);
	if (admin_open(a, 0) != 0 ||
	    (spec != NULL && find_quartier(a, spec, &quartier_id) != 0))
		goto out;
	/* Quartier 0: every quartier's wall, in one transaction. */
	rc = store_announce(a->store, quartier_id, title, body, NULL);
	if (rc == STORE_NOT_FOUND && all) {
		fail("%s", _("no quartiers yet"));
		goto out;
	}
	if (rc != STORE_OK) {
		store_error(a, rc);
		goto out;
	}
	if (all)
		printf(_("announced in every quartier: %s\n"), title);
	else {
		label = quartier_label(a, quartier_id);
		printf(_("announced in %s: %s\n"), label, title);
		free(label);
	}
	ret = 0;
out:
	free(title);
	free(body);
	return ret;
}

/* The columns of a printed letter's text. */
#define LETTER_WIDTH	72

/*
 * DIR for the letters, made if missing and readable by its owner only:
 * until they are posted, the letters hold live codes.
 */
static int
letters_dir(const char *dir)
{
	struct stat sb;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return fail(_("cannot create %s: %s"), dir, strerror(errno));
	if (stat(dir, &sb) != 0)
		return fail("%s: %s", dir, strerror(errno));
	if (!S_ISDIR(sb.st_mode))
		return fail(_("%s is not a directory"), dir);
	/* Until they are posted, the letters hold live codes. */
	if ((sb.st_mode & 077) != 0)
		return fail(_("%s can be read by others; use a private "
		    "directory (chmod 700 %s)"), dir, dir);
	if (access(dir, W_OK | X_OK) != 0)
		return fail(_("cannot write into %s: %s"), dir,
		    strerror(errno));
	return 0;
}

/*
 * A paragraph wrapped to the width of the page; its first line starts
 * with INDENT, the others with HANG (a numbered step hangs under its text).
 */
static void
letter_paragraph(FILE *f, const char *indent, const char *hang,
    const char *text)
{
	struct text_line *lines;
	size_t n, i, len;
	int width;

	width = LETTER_WIDTH - (int)(strlen(indent) > strlen(hang) ?
	    strlen(indent) : strlen(hang));
	n = text_wrap(text, width, &lines);
	for (i = 0; i < n; i++) {
		len = lines[i].len;
		while (len > 0 && text[lines[i].start + len - 1] == ' ')
			len--;
		fprintf(f, "%s%.*s\n", i == 0 ? indent : hang, (int)len,
		    text + lines[i].start);
	}
	free(lines);
}

/* "14/03/2026" in French, "2026-03-14" in English, in local time. */
static char *
letter_date(int64_t when)
{
	time_t t = (time_t)when;
	struct tm tm;
	char buf[64];

	if (localtime_r(&t, &tm) == NULL)
		return xstrdup("?");
	/* TRANSLATORS: a strftime(3) format for the expiry date printed in
	 * letters; French uses "%d/%m/%Y". */
	/* xgettext:no-c-format */
	strftime(buf, sizeof buf, _("%Y-%m-%d"), &tm);
	return xstrdup(buf);
}

/*
 * One letter, in the language quartier-admin speaks (quartier.conf's
 * default_language unless the environment says otherwise): who it is
 * from, who it is for, the code, until when, and how to type it.
 */
static int
letter_write(FILE *f, const struct letter *l, const char *login)
{
	char *text, *date;

	text = xasprintf(_("Quartier — %s"), l->city);
	fprintf(f, "%s\n\n\n", text);
	free(text);
	fprintf(f, "%s\n%s\n%s\n\n\n", l->display_name, l->street, l->city);

	text = xasprintf(_("Hello %s,"), l->display_name);
	letter_paragraph(f, "", "", text);
	free(text);
	fputc('\n', f);
	text = xasprintf(_("You signed up on Quartier, the network of the "
	    "neighbours of %s in %s. Only residents of the quartier read and "
	    "write there, so we sent this letter to your address: the code "
	    "below shows that you live there."), l->quartier, l->city);
	letter_paragraph(f, "", "", text);
	free(text);
	fputc('\n', f);

	text = xasprintf(_("Your code: %s"), l->code);
	fprintf(f, "    %s\n\n", text);
	free(text);
	date = letter_date(l->expires_at);
	text = xasprintf(_("It is valid until %s."), date);
	letter_paragraph(f, "", "", text);
	free(text);
	free(date);
	fputc('\n', f);

	letter_paragraph(f, "", "", _("To enter it:"));
	/* The command on a line of its own: it is typed as it is. */
	letter_paragraph(f, "  ", "     ", _("1. Log in from a terminal "
	    "with:"));
	fprintf(f, "       %s\n", login);
	letter_paragraph(f, "  ", "     ", _("2. On the verification screen, "
	    "type the code. Capitals, spaces and dashes do not matter."));
	fputc('\n', f);
	letter_paragraph(f, "", "", _("This code is for you only: please do "
	    "not give it to anyone. If you did not sign up, ignore this "
	    "letter."));
	fputc('\n', f);
	text = xasprintf(_("Welcome to Quartier, and see you soon among the "
	    "neighbours of %s!"), l->quartier);
	letter_paragraph(f, "", "", text);
	free(text);
	return ferror(f) ? -1 : 0;
}

/* Write a letter to PATH, readable by its owner only. */
static int
letter_save(const char *path, const struct letter *l, const char *login)
{
	FILE *f;
	int fd, saved;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1)
		return -1;
	if (fchmod(fd, 0600) != 0 || (f = fdopen(fd, "w")) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (letter_write(f, l, login) != 0) {
		saved = errno;
		fclose(f);
		errno = saved != 0 ? saved : EIO;
		return -1;
	}
	return fclose(f);
}

static int
cmd_letters(struct admin *a, int argc, char **argv)
{
	enum { OPT_OUT = 256, OPT_QUARTIER, OPT_HOST };
	static const struct option options[] = {
		{ "out", required_argument, NULL, OPT_OUT },
		{ "quartier", required_argument, NULL, OPT_QUARTIER },
		{ "host", required_argument, NULL, OPT_HOST },
		{ NULL, 0, NULL, 0 }
	};
	struct verify_rules rules;
	struct letter *list;
	const char *dir = NULL, *spec = NULL, *host = NULL;
	char *path, *login;
	int64_t quartier_id = 0;
	size_t n, i;
	int c, rc, ret = 1;

	while ((c = next_option(a, argc, argv, options)) != -1) {
		switch (c) {
		case OPT_OUT:
			dir = optarg;
			break;
		case OPT_QUARTIER:
			spec = optarg;
			break;
		case OPT_HOST:
			host = optarg;
			break;
		default:
			return 2;
		}
	}
	if ((rc = want_arguments(a, argc, argv, 0)) != 0)
		return rc;
	if (dir == NULL)
		return bad_usage(a, _("--out is required"));
	if (!check_text("--out", dir, 0, 0, NULL) ||
	    (spec != NULL && !check_text("--quartier", spec, 0, 0, NULL)) ||
	    (host != NULL && !check_text("--host", host, 0, 0, NULL)))
		return 1;
	if (admin_open(a, 0) != 0)
		return 1;
	/* --host wins over host_name, which is the machine's name unless
	 * quartier.conf says otherwise. */
	if (host != NULL) {
		free(a->cfg.host_name);
		a->cfg.host_name = xstrdup(host);
	}
	if (spec != NULL && find_quartier(a, spec, &quartier_id) != 0)
		return 1;
	if (letters_dir(dir) != 0)
		return 1;

	verify_rules_from_config(&rules, &a->cfg);
	if ((rc = store_letters_issue(a->store, quartier_id, &rules, &list,
	    &n)) != STORE_OK)
		return store_error(a, rc);
	if (n == 0) {
		printf("%s\n", _("no pending resident needs a letter"));
		return 0;
	}
	for (i = 0; i < n; i++) {
		login = config_login_command(&a->cfg, list[i].handle);
		path = xasprintf("%s/%s.txt", dir, list[i].handle);
		rc = letter_save(path, &list[i], login);
		free(login);
		if (rc != 0) {
			fail(_("cannot write %s: %s"), path, strerror(errno));
			free(path);
			break;
		}
		printf(_("letter for %s: %s\n"), list[i].handle, path);
		free(path);
	}
	if (i < n) {
		/* The codes of the letters not written would wait unseen. */
		if (store_letters_cancel(a->store, list + i, n - i) == STORE_OK)
			fprintf(stderr, ngettext("%s: %zu letter was not "
			    "written; its code was withdrawn\n", "%s: %zu "
			    "letters were not written; their codes were "
			    "withdrawn\n", n - i), PROGRAM, n - i);
	} else {
		printf(ngettext("%zu letter written to %s\n",
		    "%zu letters written to %s\n", n), n, dir);
		ret = 0;
	}
	letter_list_free(list, n);
	return ret;
}

/* A role as typed: its code, or its word in the admin's language. */
static int
role_parse(const char *s, enum resident_role *role)
{
	static const enum resident_role roles[] = { ROLE_RESIDENT,
	    ROLE_HELPER, ROLE_MODERATOR, ROLE_SYSOP };
	size_t i;

	if (resident_role_parse(s, role) == 0)
		return 0;
	for (i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		if (strcasecmp(s, resident_role_word(roles[i])) == 0) {
			*role = roles[i];
			return 0;
		}
	}
	return -1;
}

/* A whole number from FROM to TO, or -1 after saying what was wrong. */
static long
number_option(struct admin *a, const char *name, const char *s, long from,
    long to)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || n < from || n > to) {
		bad_usage(a, _("%s must be a number from %ld to %ld"), name,
		    from, to);
		return -1;
	}
	return n;
}

static int
cmd_quartier_rename(struct admin *a, int argc, char **argv)
{
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	const char *spec, *name;
	char *clean = NULL, *before = NULL, *after;
	int64_t id;
	int rc, ret = 1;

	if (next_option(a, argc, argv, options) != -1)
		return 2;
	if ((rc = want_arguments(a, argc, argv, 2)) != 0)
		return rc;
	spec = argv[optind];
	name = argv[optind + 1];
	if (!check_text("Q", spec, 0, 0, NULL) ||
	    !check_text("NEWNAME", name, 0, QUARTIER_NAME_MAX, &clean))
		return 1;
	if (admin_open(a, 0) != 0 || find_quartier(a, spec, &id) != 0)
		goto out;
	before = quartier_label(a, id);
	rc = store_quartier_rename(a->store, id, clean);
	if (rc == STORE_DUPLICATE)
		fail(_("the city of %s already has a quartier named %s"),
		    before, clean);
	else if (rc != STORE_OK)
		store_error(a, rc);
	else {
		after = quartier_label(a, id);
		printf(_("renamed %s to %s\n"), before, after);
		free(after);
		ret = 0;
	}
out:
	free(before);
	free(clean);
	return ret;
}

static int
cmd_resident_search(struct admin *a, int argc, char **argv)
{
	enum { OPT_QUARTIER = 256 };
	static const struct option options[] = {
		{ "quartier", required_argument, NULL, OPT_QUARTIER },
		{ NULL, 0, NULL, 0 }
	};
	struct resident *list;
	const char *spec = NULL;
	int64_t quartier_id = 0;
	size_t n;
	int c, rc;

	while ((c = next_option(a, argc, argv, options)) != -1) {
		if (c != OPT_QUARTIER)
			return 2;
		spec = optarg;
	}
	if ((rc = want_arguments(a, argc, argv, 1)) != 0)
		return rc;
	if ((spec != NULL && !check_text("--quartier", spec, 0, 0, NULL)) ||
	    !check_text("PREFIX", argv[optind], TEXT_ALLOW_EMPTY,
	    QUARTIER_NAME_MAX, NULL))
		return 1;
	if (admin_open(a, STORE_READONLY) != 0 ||
	    (spec != NULL && find_quartier(a, spec, &quartier_id) != 0))
		return 1;
	rc = store_resident_search(a->store, quartier_id, argv[optind], 0,
	    &list, &n);
	if (rc != STORE_OK)
		return store_error(a, rc);
	if (n == 0) {
		printf("%s\n", _("no residents"));
		return 0;
	}
	print_residents(list, n);
	resident_list_free(list, n);
	return 0;
}

/*
 * The options shared by the moderation commands: --reason, which every
 * one of them needs (it goes into the moderation log), and --days for
 * suspend.  Returns 0, or the exit status of bad usage.
 */
static int
moderation_options(struct admin *a, int argc, char **argv, bool days_allowed,
    long *days, char **reason)
{
	enum { OPT_REASON = 256, OPT_DAYS };
	static const struct option with_days[] = {
		{ "reason", required_argument, NULL, OPT_REASON },
		{ "days", required_argument, NULL, OPT_DAYS },
		{ NULL, 0, NULL, 0 }
	};
	const char *given = NULL;
	int c;

	*reason = NULL;
	*days = 0;
	while ((c = next_option(a, argc, argv, with_days)) != -1) {
		switch (c) {
		case OPT_REASON:
			given = optarg;
			break;
		case OPT_DAYS:
			if (!days_allowed)
				return bad_usage(a, _("unknown option %s"),
				    "--days");
			if ((*days = number_option(a, "--days", optarg, 1,
			    3650)) < 0)
				return 2;
			break;
		default:
			return 2;
		}
	}
	if (given == NULL)
		return bad_usage(a, _("--reason is required: it goes into the "
		    "moderation log"));
	if (!check_text("--reason", given, 0, STORE_REASON_MAX, reason))
		return 1;
	return 0;
}

/* The outcome of a moderation action, in words. */
static int
moderation_result(struct admin *a, int rc, const struct resident *r)
{
	if (rc == STORE_OK)
		return 0;
	if (rc == STORE_NOT_FOUND)
		return fail(_("no such resident: %s"), r->handle);
	return store_error(a, rc);
}

static int
cmd_resident_role(struct admin *a, int argc, char **argv)
{
	struct actor actor = { 0, console_user() };
	enum resident_role role;
	struct resident r;
	char *reason;
	long days;
	int rc;

	if ((rc = moderation_options(a, argc, argv, false, &days, &reason)) !=
	    0)
		return rc;
	if ((rc = want_arguments(a, argc, argv, 2)) != 0) {
		free(reason);
		return rc;
	}
	if (role_parse(argv[optind + 1], &role) != 0) {
		free(reason);
		return bad_usage(a, _("unknown role \"%s\""), argv[optind + 1]);
	}
	if (!check_text("H", argv[optind], 0, 0, NULL) ||
	    admin_open(a, 0) != 0 || find_resident(a, argv[optind], &r) != 0) {
		free(reason);
		return 1;
	}
	if (r.role == role) {
		fail(_("%s is already %s"), r.handle, resident_role_word(role));
		rc = 1;
	} else if ((rc = moderation_result(a, store_mod_set_role(a->store,
	    &actor, r.id, role, reason), &r)) == 0)
		printf(_("%s is now %s\n"), r.handle, resident_role_word(role));
	free(reason);
	resident_clear(&r);
	return rc;
}

static int
cmd_resident_suspend(struct admin *a, int argc, char **argv)
{
	struct actor actor = { 0, console_user() };
	struct resident r;
	char *reason, *until_text;
	int64_t until = 0;
	long days;
	int rc;

	if ((rc = moderation_options(a, argc, argv, true, &days, &reason)) !=
	    0)
		return rc;
	if ((rc = want_arguments(a, argc, argv, 1)) != 0) {
		free(reason);
		return rc;
	}
	if (!check_text("H", argv[optind], 0, 0, NULL) ||
	    admin_open(a, 0) != 0 || find_resident(a, argv[optind], &r) != 0) {
		free(reason);
		return 1;
	}
	if (days > 0)
		until = now_seconds() + (int64_t)days * 86400;
	if (r.status == RESIDENT_SUSPENDED) {
		fail(_("%s is already suspended"), r.handle);
		rc = 1;
	} else if ((rc = moderation_result(a, store_mod_suspend(a->store,
	    &actor, r.id, until, reason), &r)) == 0) {
		if (until == 0)
			printf(_("suspended %s until lifted\n"), r.handle);
		else {
			until_text = key_date(until);
			printf(_("suspended %s until %s\n"), r.handle,
			    until_text);
			free(until_text);
		}
	}
	free(reason);
	resident_clear(&r);
	return rc;
}

static int
cmd_resident_lift(struct admin *a, int argc, char **argv)
{
	struct actor actor = { 0, console_user() };
	struct resident r;
	char *reason;
	long days;
	int rc;

	if ((rc = moderation_options(a, argc, argv, false, &days, &reason)) !=
	    0)
		return rc;
	if ((rc = want_arguments(a, argc, argv, 1)) != 0) {
		free(reason);
		return rc;
	}
	if (!check_text("H", argv[optind], 0, 0, NULL) ||
	    admin_open(a, 0) != 0 || find_resident(a, argv[optind], &r) != 0) {
		free(reason);
		return 1;
	}
	if (r.status != RESIDENT_SUSPENDED) {
		fail(_("%s is not suspended"), r.handle);
		rc = 1;
	} else if ((rc = moderation_result(a, store_mod_lift(a->store,
	    &actor, r.id, reason), &r)) == 0)
		printf(_("lifted the suspension of %s\n"), r.handle);
	free(reason);
	resident_clear(&r);
	return rc;
}

static int
cmd_online(struct admin *a, int argc, char **argv)
{
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	static const struct column columns[] = {
		{ N_("Handle"), false, true },
		{ N_("Name"), false, false },
		{ N_("Quartier"), false, false },
		{ N_("From"), false, false },
		{ N_("Since"), false, true },
	};
	const size_t ncols = sizeof columns / sizeof columns[0];
	struct live_session *list;
	char **cells, **row;
	size_t n, i;
	int rc;

	if (next_option(a, argc, argv, options) != -1)
		return 2;
	if ((rc = want_arguments(a, argc, argv, 0)) != 0)
		return rc;
	/* Read-write: listing cleans up the sessions of dead processes. */
	if (admin_open(a, 0) != 0)
		return 1;
	rc = store_live_list(a->store, STORE_LIVE_STALE, &list, &n);
	if (rc != STORE_OK)
		return store_error(a, rc);
	if (n == 0) {
		printf("%s\n", _("nobody is online"));
		return 0;
	}
	cells = xcalloc(n * ncols, sizeof *cells);
	for (i = 0; i < n; i++) {
		row = &cells[i * ncols];
		row[0] = xstrdup(list[i].handle);
		row[1] = xstrdup(list[i].display_name);
		row[2] = xstrdup(list[i].quartier);
		row[3] = list[i].source != NULL ? xasprintf("%s %s",
		    live_origin_word(list[i].origin), list[i].source) :
		    xstrdup(live_origin_word(list[i].origin));
		row[4] = key_date(list[i].started_at);
	}
	table_print(columns, ncols, cells, n);
	cells_free(cells, n * ncols);
	live_session_list_free(list, n);
	return 0;
}

static int
cmd_log(struct admin *a, int argc, char **argv)
{
	enum { OPT_QUARTIER = 256, OPT_LIMIT };
	static const struct option options[] = {
		{ "quartier", required_argument, NULL, OPT_QUARTIER },
		{ "limit", required_argument, NULL, OPT_LIMIT },
		{ NULL, 0, NULL, 0 }
	};
	static const struct column columns[] = {
		{ N_("When"), false, true },
		{ N_("Who"), false, false },
		{ N_("Quartier"), false, false },
		{ N_("Action"), false, false },
		{ N_("Target"), false, false },
		{ N_("Reason"), false, true },
	};
	const size_t ncols = sizeof columns / sizeof columns[0];
	struct actor actor = { 0, console_user() };
	struct mod_log_entry *list;
	const char *spec = NULL;
	char **cells, **row;
	int64_t quartier_id = 0;
	long limit = 50;
	size_t n, i;
	int c, rc;

	while ((c = next_option(a, argc, argv, options)) != -1) {
		switch (c) {
		case OPT_QUARTIER:
			spec = optarg;
			break;
		case OPT_LIMIT:
			if ((limit = number_option(a, "--limit", optarg, 1,
			    100000)) < 0)
				return 2;
			break;
		default:
			return 2;
		}
	}
	if ((rc = want_arguments(a, argc, argv, 0)) != 0)
		return rc;
	if (spec != NULL && !check_text("--quartier", spec, 0, 0, NULL))
		return 1;
	if (admin_open(a, STORE_READONLY) != 0 ||
	    (spec != NULL && find_quartier(a, spec, &quartier_id) != 0))
		return 1;
	rc = store_mod_log(a->store, &actor, quartier_id, NULL, (int)limit,
	    &list, &n);
	if (rc != STORE_OK)
		return store_error(a, rc);
	if (n == 0) {
		printf("%s\n", _("the moderation log is empty"));
		return 0;
	}
	cells = xcalloc(n * ncols, sizeof *cells);
	for (i = 0; i < n; i++) {
		row = &cells[i * ncols];
		row[0] = key_date(list[i].created_at);
		row[1] = xstrdup(list[i].actor_name);
		row[2] = xstrdup(list[i].quartier != NULL ? list[i].quartier :
		    "-");
		row[3] = xstrdup(mod_action_word(list[i].action));
		row[4] = list[i].target_label != NULL ? xasprintf("%s #%lld %s",
		    mod_target_word(list[i].target_kind),
		    (long long)list[i].target_id, list[i].target_label) :
		    xasprintf("%s #%lld", mod_target_word(list[i].target_kind),
		    (long long)list[i].target_id);
		row[5] = xstrdup(list[i].reason);
	}
	table_print(columns, ncols, cells, n);
	cells_free(cells, n * ncols);
	mod_log_list_free(list, n);
	return 0;
}

/* "     12  wall posts": the number first, so that a script can cut it. */
static void
stat_line(const char *label, int value)
{
	printf("%7d  %s\n", value, label);
}

static int
cmd_stats(struct admin *a, int argc, char **argv)
{
	enum { OPT_QUARTIER = 256 };
	static const struct option options[] = {
		{ "quartier", required_argument, NULL, OPT_QUARTIER },
		{ NULL, 0, NULL, 0 }
	};
	struct store_stats st;
	const char *spec = NULL;
	char *label;
	int64_t quartier_id = 0;
	int c, rc;

	while ((c = next_option(a, argc, argv, options)) != -1) {
		if (c != OPT_QUARTIER)
			return 2;
		spec = optarg;
	}
	if ((rc = want_arguments(a, argc, argv, 0)) != 0)
		return rc;
	if (spec != NULL && !check_text("--quartier", spec, 0, 0, NULL))
		return 1;
	if (admin_open(a, STORE_READONLY) != 0 ||
	    (spec != NULL && find_quartier(a, spec, &quartier_id) != 0))
		return 1;
	if ((rc = store_stats(a->store, quartier_id, &st)) != STORE_OK)
		return store_error(a, rc);
	if (quartier_id != 0) {
		label = quartier_label(a, quartier_id);
		printf("%s\n", label);
		free(label);
	} else {
		stat_line(ngettext("city", "cities", st.cities), st.cities);
		stat_line(ngettext("quartier", "quartiers",
		    st.quartiers), st.quartiers);
	}
	stat_line(ngettext("verified resident", "verified residents",
	    st.verified), st.verified);
	stat_line(ngettext("pending resident", "pending residents",
	    st.pending), st.pending);
	stat_line(ngettext("suspended resident", "suspended residents",
	    st.suspended), st.suspended);
	stat_line(ngettext("online now", "online now", st.online), st.online);
	stat_line(ngettext("wall post", "wall posts", st.posts), st.posts);
	stat_line(ngettext("reply on the wall", "replies on the wall",
	    st.replies), st.replies);
	stat_line(ngettext("classified ad online", "classified ads online",
	    st.classifieds), st.classifieds);
	stat_line(ngettext("lending offer or request",
	    "lending offers and requests", st.lendings), st.lendings);
	stat_line(ngettext("loan in progress", "loans in progress",
	    st.loans_live), st.loans_live);
	stat_line(ngettext("event to come", "events to come",
	    st.events_coming), st.events_coming);
	stat_line(ngettext("private message", "private messages",
	    st.messages), st.messages);
	stat_line(ngettext("open report", "open reports",
	    st.reports_open), st.reports_open);
	return 0;
}

/* The name of a dated backup in a directory: quartier-YYYYMMDDTHHMMSSZ.db,
 * in UTC so that the names sort as the times do, whatever the clock's
 * changes of season.  The pattern below recognises them, and nothing
 * else of the directory is ever removed. */
#define BACKUP_PREFIX	"quartier-"
#define BACKUP_SUFFIX	".db"
#define BACKUP_STAMP	"YYYYMMDDTHHMMSSZ"

static bool
is_dated_backup(const char *name)
{
	size_t i, lp = strlen(BACKUP_PREFIX), ls = strlen(BACKUP_STAMP);

	if (strncmp(name, BACKUP_PREFIX, lp) != 0 ||
	    strcmp(name + lp + ls, BACKUP_SUFFIX) != 0)
		return false;
	for (i = 0; i < ls; i++) {
		char c = name[lp + i];
		if (BACKUP_STAMP[i] == 'T' || BACKUP_STAMP[i] == 'Z') {
			if (c != BACKUP_STAMP[i])
				return false;
		} else if (c < '0' || c > '9')
			return false;
	}
	return true;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Remove the oldest dated backups of DIR so that KEEP are left. */
static int
prune_backups(const char *dir, long keep)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int ret = 0;

	if ((d = opendir(dir)) == NULL)
		return fail("%s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (!is_dated_backup(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = xrealloc(names, cap * sizeof *names);
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, compare_names);
	for (i = 0; i + keep < n; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		if (unlink(path) == 0)
			printf(_("removed the old backup %s\n"), path);
		else
			ret = fail(_("cannot remove the old backup %s: %s"),
			    path, strerror(errno));
		free(path);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return ret;
}

static int
cmd_backup(struct admin *a, int argc, char **argv)
{
	enum { OPT_DIR = 256, OPT_KEEP };
	static const struct option options[] = {
		{ "dir", required_argument, NULL, OPT_DIR },
		{ "keep", required_argument, NULL, OPT_KEEP },
		{ NULL, 0, NULL, 0 }
	};
	const char *dir = NULL;
	char *path, *part, stamp[sizeof BACKUP_STAMP];
	struct stat st;
	long keep = 0;
	time_t now;
	int c, rc;

	while ((c = next_option(a, argc, argv, options)) != -1) {
		if (c == '?')
			return 2;
		if (c == OPT_DIR)
			dir = optarg;
		else if ((keep = number_option(a, "--keep", optarg, 1,
		    100000)) < 0)
			return 2;
	}
	if (keep > 0 && dir == NULL)
		return bad_usage(a, _("--keep goes with --dir"));
	if ((rc = want_arguments(a, argc, argv, dir != NULL ? 0 : 1)) != 0)
		return rc;
	if (dir != NULL) {
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			return fail(_("%s is not a directory"), dir);
		now = time(NULL);
		strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime(&now));
		path = xasprintf("%s/" BACKUP_PREFIX "%s" BACKUP_SUFFIX, dir,
		    stamp);
	} else
		path = xstrdup(argv[optind]);
	/* Checked before the database is opened; store_backup() checks
	 * again, atomically, as it creates the file. */
	rc = 1;
	if (lstat(path, &st) == 0)
		fail(_("%s exists already; a backup never overwrites a file"),
		    path);
	else if (admin_open(a, 0) == 0) {
		/* In a directory the copy is made as NAME.part and named once
		 * whole, so that a copy cut short (a full disk, a kill) is
		 * never counted among the ones kept. */
		part = dir != NULL ? xasprintf("%s.part", path) : xstrdup(path);
		rc = store_backup(a->store, part);
		if (rc == STORE_DUPLICATE)
			rc = fail(_("%s exists already; a backup never "
			    "overwrites a file"), part);
		else if (rc != STORE_OK)
			rc = fail("%s: %s", part, store_detail(a->store));
		else if (dir != NULL && link(part, path) != 0) {
			rc = fail("%s: %s", path, strerror(errno));
			unlink(part);
		} else {
			if (dir != NULL)
				unlink(part);
			printf(_("backed up %s to %s\n"), a->db_path, path);
			rc = keep > 0 ? prune_backups(dir, keep) : 0;
		}
		free(part);
	}
	free(path);
	return rc;
}

/* Messages in UTF-8 whatever the locale, in the language asked for. */
static void
setup_language(void)
{
	const char *dir;

	if (setlocale(LC_ALL, "") == NULL ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_ALL, "C.UTF-8");
	if ((dir = getenv("QUARTIER_LOCALEDIR")) == NULL || *dir == '\0')
		dir = LOCALEDIR;
	bindtextdomain("quartier", dir);
	textdomain("quartier");
	language_apply(LANG_AUTO);
}

/* Run the command named by ARGV (its words first), or report bad usage. */
static int
dispatch(struct admin *a, int argc, char **argv)
{
	const struct command *cmd;
	bool known = false;
	size_t i;

	for (i = 0; i < NCOMMANDS; i++) {
		cmd = &commands[i];
		if (strcmp(cmd->name, argv[0]) != 0)
			continue;
		known = true;
		if (cmd->sub == NULL) {
			a->cmd = cmd;
			return cmd->run(a, argc, argv);
		}
		if (argc > 1 && strcmp(cmd->sub, argv[1]) == 0) {
			a->cmd = cmd;
			return cmd->run(a, argc - 1, argv + 1);
		}
	}
	if (!known) {
		fail(_("unknown command \"%s\"; try \"%s --help\""), argv[0],
		    PROGRAM);
		return 2;
	}
	if (argc > 1)
		fail(_("%s: unknown subcommand \"%s\""), argv[0], argv[1]);
	else
		fail(_("%s: missing subcommand"), argv[0]);
	fprintf(stderr, "%s\n", _("usage:"));
	for (i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i].name, argv[0]) == 0)
			print_synopsis(stderr, "  " PROGRAM " ", &commands[i]);
	}
	return 2;
}

int
main(int argc, char **argv)
{
	enum { OPT_DB = 256 };
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'f' },
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct admin a;
	int c, status;

	setup_language();
	memset(&a, 0, sizeof a);

	/* Stop at the command: what follows is the command's to parse. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:f:hV", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			a.config_path = optarg;
			break;
		case OPT_DB:
			a.cli_db = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("%s (%s) %s\n", PROGRAM, PACKAGE_NAME,
			    PACKAGE_VERSION);
			return 0;
		case ':':
			fail(_("%s needs a value; try \"%s --help\""),
			    argv[optind - 1], PROGRAM);
			return 2;
		default:
			fail(_("unknown option %s; try \"%s --help\""),
			    bad_option(argv), PROGRAM);
			return 2;
		}
	}
	if (optind >= argc) {
		fail(_("missing command; try \"%s --help\""), PROGRAM);
		return 2;
	}
	if (auth_init() != 0)
		return fail("%s", _("cannot initialise libsodium"));

	/* Each command parses its own options from its argv[1]. */
	argc -= optind;
	argv += optind;
	optind = 0;
	status = dispatch(&a, argc, argv);

	store_close(a.store);
	if (a.cfg_loaded)
		config_free(&a.cfg);
	return status;
}
