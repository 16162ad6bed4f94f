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
#include "admin.h"

/* The widest a cell of a table may be, in columns: longer names are cut. */
#define TABLE_NAME_MAX	24

/* Generated from data/demo.sql by data/embed.sh. */
extern const char admin_demo_sql[];

struct admin;

/*
 * A command's options are long only (--NAME) and declared in its row of
 * commands[]: the dispatcher parses them, checks numbers against their
 * bounds and that the required ones are there, counts the arguments
 * left, and says what is wrong with the command's synopsis.  The body
 * reads what was given with arg_text(), arg_flag() and arg_number().
 */
enum option_kind {
	OPTION_FLAG,		/* --NAME alone */
	OPTION_TEXT,		/* --NAME VALUE */
	OPTION_NUMBER,		/* --NAME N, from .from to .to */
};

struct command_option {
	const char		*name;
	enum option_kind	 kind;
	bool			 required;
	long			 from, to;
};


struct command {
	const char		*name;
	const char		*sub;		/* NULL: no subcommand */
	int			(*run)(struct admin *, const struct args *);
	const char		*usage;		/* the arguments, after the words */
	const char		*summary;	/* N_() marked */
	struct command_option	 options[COMMAND_OPTIONS_MAX];
	int			 lower, upper;	/* arguments after the options */
	int			 open;		/* admin_open()'s STORE_* flags */
};


static int	cmd_init(struct admin *, const struct args *);
static int	cmd_city_add(struct admin *, const struct args *);
static int	cmd_quartier_add(struct admin *, const struct args *);
static int	cmd_quartier_list(struct admin *, const struct args *);
static int	cmd_resident_add(struct admin *, const struct args *);
static int	cmd_resident_list(struct admin *, const struct args *);
static int	cmd_resident_set_password(struct admin *, const struct args *);
static int	cmd_resident_verify(struct admin *, const struct args *);
static int	cmd_key_add(struct admin *, const struct args *);
static int	cmd_key_list(struct admin *, const struct args *);
static int	cmd_key_remove(struct admin *, const struct args *);
static int	cmd_announce(struct admin *, const struct args *);
static int	cmd_quartier_rename(struct admin *, const struct args *);
static int	cmd_quartier_neighbour(struct admin *, const struct args *);
static int	cmd_quartier_neighbours(struct admin *, const struct args *);
static int	cmd_resident_search(struct admin *, const struct args *);
static int	cmd_resident_role(struct admin *, const struct args *);
static int	cmd_resident_suspend(struct admin *, const struct args *);
static int	cmd_resident_lift(struct admin *, const struct args *);
static int	cmd_online(struct admin *, const struct args *);
static int	cmd_log(struct admin *, const struct args *);
static int	cmd_stats(struct admin *, const struct args *);
static int	cmd_backup(struct admin *, const struct args *);

static const struct command commands[] = {
	{ "init", NULL, cmd_init, "[--demo]",
	  N_("create or upgrade the database; --demo loads a demo city"),
	  .options = { { "demo", OPTION_FLAG } }, .open = STORE_CREATE },
	{ "city", "add", cmd_city_add, "NAME",
	  N_("add a city"), .lower = 1, .upper = 1 },
	{ "quartier", "add", cmd_quartier_add, "CITY NAME",
	  N_("add a quartier to a city"), .lower = 2, .upper = 2 },
	{ "quartier", "list", cmd_quartier_list, "",
	  N_("list the quartiers and how many residents they have"),
	  .open = STORE_READONLY },
	{ "quartier", "rename", cmd_quartier_rename, "Q NEWNAME",
	  N_("give a quartier a new name"), .lower = 2, .upper = 2 },
	{ "quartier", "neighbour", cmd_quartier_neighbour, "A B [--remove]",
	  N_("declare two quartiers neighbours, or no longer (--remove)"),
	  .options = { { "remove", OPTION_FLAG } }, .lower = 2, .upper = 2 },
	{ "quartier", "neighbours", cmd_quartier_neighbours, "[Q]",
	  N_("list the quartiers declared neighbours"),
	  .lower = 0, .upper = 1, .open = STORE_READONLY },
	{ "resident", "add", cmd_resident_add,
	  "--quartier Q --handle H --name NAME [--street S] [--verified]\n"
	  "[--role resident|helper|moderator|sysop] [--password-stdin]",
	  N_("add a resident (pending unless --verified)"),
	  .options = {
		{ "quartier", OPTION_TEXT, .required = true },
		{ "handle", OPTION_TEXT, .required = true },
		{ "name", OPTION_TEXT, .required = true },
		{ "street", OPTION_TEXT },
		{ "verified", OPTION_FLAG },
		{ "role", OPTION_TEXT },
		{ "password-stdin", OPTION_FLAG },
	  } },
	{ "resident", "list", cmd_resident_list, "[--pending] [--quartier Q]",
	  N_("list residents"),
	  .options = { { "pending", OPTION_FLAG }, { "quartier", OPTION_TEXT } },
	  .open = STORE_READONLY },
	{ "resident", "set-password", cmd_resident_set_password,
	  "H --password-stdin",
	  N_("set a resident's password, read from standard input"),
	  .options = { { "password-stdin", OPTION_FLAG, .required = true } },
	  .lower = 1, .upper = 1 },
	{ "resident", "verify", cmd_resident_verify, "H",
	  N_("verify a pending resident whose proof of address was checked "
	  "in person"), .lower = 1, .upper = 1 },
	{ "resident", "search", cmd_resident_search, "[--quartier Q] PREFIX",
	  N_("find residents whose handle or name starts with PREFIX"),
	  .options = { { "quartier", OPTION_TEXT } }, .lower = 1, .upper = 1,
	  .open = STORE_READONLY },
	{ "resident", "role", cmd_resident_role,
	  "H resident|helper|moderator|sysop --reason R",
	  N_("change a resident's role"),
	  .options = { { "reason", OPTION_TEXT, .required = true } },
	  .lower = 2, .upper = 2 },
	{ "resident", "suspend", cmd_resident_suspend,
	  "H [--days N] --reason R",
	  N_("suspend a resident for N days, or until lifted"),
	  .options = { { "reason", OPTION_TEXT, .required = true },
	      { "days", OPTION_NUMBER, .from = 1, .to = 3650 } },
	  .lower = 1, .upper = 1 },
	{ "resident", "lift", cmd_resident_lift, "H --reason R",
	  N_("lift a resident's suspension"),
	  .options = { { "reason", OPTION_TEXT, .required = true } },
	  .lower = 1, .upper = 1 },
	{ "key", "add", cmd_key_add, "H < key.pub",
	  N_("give a resident the SSH public keys read from standard input, "
	  "one a line"), .lower = 1, .upper = 1 },
	{ "key", "list", cmd_key_list, "H",
	  N_("list a resident's SSH keys"), .lower = 1, .upper = 1,
	  .open = STORE_READONLY },
	{ "key", "remove", cmd_key_remove, "H FINGERPRINT",
	  N_("remove a resident's SSH key, named as key list shows it"),
	  .lower = 2, .upper = 2 },
	{ "announce", NULL, cmd_announce,
	  "--quartier Q|--all [--title TITLE] TEXT",
	  N_("pin a sysop announcement on a quartier's wall, or on every "
	  "quartier's"),
	  .options = { { "quartier", OPTION_TEXT }, { "title", OPTION_TEXT },
	      { "all", OPTION_FLAG } },
	  .lower = 1, .upper = 1 },
	{ "letters", NULL, cmd_letters,
	  "--out DIR [--quartier Q] [--host HOST]",
	  N_("give pending residents a code and write one printable letter "
	  "each into DIR"),
	  .options = { { "out", OPTION_TEXT, .required = true },
	      { "quartier", OPTION_TEXT }, { "host", OPTION_TEXT } } },
	/* Read-write: listing cleans up the sessions of dead processes. */
	{ "online", NULL, cmd_online, "",
	  N_("list who is online now"), .open = 0 },
	{ "log", NULL, cmd_log, "[--quartier Q] [--limit N]",
	  N_("show the moderation log, newest first"),
	  .options = { { "quartier", OPTION_TEXT },
	      { "limit", OPTION_NUMBER, .from = 1, .to = 100000 } },
	  .open = STORE_READONLY },
	{ "stats", NULL, cmd_stats, "[--quartier Q]",
	  N_("show the numbers of the whole site, or of one quartier"),
	  .options = { { "quartier", OPTION_TEXT } }, .open = STORE_READONLY },
	{ "email", "show", cmd_email_show, "H",
	  N_("show a resident's e-mail address and whether it is verified"),
	  .lower = 1, .upper = 1, .open = STORE_READONLY },
	{ "email", "remove", cmd_email_remove, "H",
	  N_("remove a resident's e-mail address: nothing more is sent "
	  "there"), .lower = 1, .upper = 1 },
	{ "notify", NULL, cmd_notify, "[--status]",
	  N_("hand the e-mail notices that are due to sendmail(8), or show "
	  "the outbox"), .options = { { "status", OPTION_FLAG } } },
	{ "backup", NULL, cmd_backup, "FILE | --dir DIR [--keep N]",
	  N_("copy the database into a new FILE, or a new dated file of "
	  "DIR keeping the N newest, while residents go on using it"),
	  .options = { { "dir", OPTION_TEXT },
	      { "keep", OPTION_NUMBER, .from = 1, .to = 100000 } },
	  .upper = 1 },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

int
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
int
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

int
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

/* The number of --NAME among the running command's options. */
static int
option_index(const struct args *args, const char *name)
{
	const struct command_option *o = args->cmd->options;
	int i;

	for (i = 0; i < COMMAND_OPTIONS_MAX && o[i].name != NULL; i++)
		if (strcmp(o[i].name, name) == 0)
			return i;
	fatal("%s takes no --%s", args->cmd->name, name);
}

/* The value of --NAME, NULL when it was not given. */
const char *
arg_text(const struct args *args, const char *name)
{
	return args->text[option_index(args, name)];
}

bool
arg_flag(const struct args *args, const char *name)
{
	return arg_text(args, name) != NULL;
}

/* The number given with --NAME, within its bounds; ABSENT without it. */
static long
arg_number(const struct args *args, const char *name, long absent)
{
	int i = option_index(args, name);

	return args->text[i] != NULL ? args->number[i] : absent;
}

/*
 * Read the options and count the arguments of the running command by its
 * row of commands[].  Returns 0 with *ARGS filled, or the exit status of
 * bad usage, said with the command's synopsis.
 */
static int
parse_args(struct admin *a, int argc, char **argv, struct args *args)
{
	const struct command *cmd = a->cmd;
	const struct command_option *o;
	struct option longopts[COMMAND_OPTIONS_MAX + 1];
	int c, i, n = 0, left;
	char *end;

	memset(args, 0, sizeof *args);
	memset(longopts, 0, sizeof longopts);
	args->cmd = cmd;
	for (n = 0; n < COMMAND_OPTIONS_MAX && cmd->options[n].name != NULL;
	    n++) {
		longopts[n].name = cmd->options[n].name;
		longopts[n].has_arg = cmd->options[n].kind == OPTION_FLAG ?
		    no_argument : required_argument;
		longopts[n].val = 256 + n;
	}
	optind = 0;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (c == '?')
			return bad_usage(a, _("unknown option %s"),
			    bad_option(argv));
		if (c == ':')
			return bad_usage(a, _("%s needs a value"),
			    argv[optind - 1]);
		i = c - 256;
		o = &cmd->options[i];
		args->text[i] = o->kind == OPTION_FLAG ? "" : optarg;
		if (o->kind != OPTION_NUMBER)
			continue;
		errno = 0;
		args->number[i] = strtol(optarg, &end, 10);
		if (*optarg == '\0' || *end != '\0' || errno != 0 ||
		    args->number[i] < o->from || args->number[i] > o->to)
			return bad_usage(a, _("--%s must be a number from %ld "
			    "to %ld"), o->name, o->from, o->to);
	}
	left = argc - optind;
	if (left < cmd->lower)
		return bad_usage(a, _("missing argument"));
	if (left > cmd->upper)
		return bad_usage(a, _("unexpected argument \"%s\""),
		    argv[optind + cmd->upper]);
	for (i = 0; i < n; i++)
		if (cmd->options[i].required && args->text[i] == NULL)
			return bad_usage(a, _("--%s is required"),
			    cmd->options[i].name);
	args->argc = left;
	args->argv = argv + optind;
	return 0;
}

/*
 * Check a text argument as the store will (text.c's rules): valid UTF-8,
 * not empty unless allowed, at most MAX characters.  Done before anything
 * is read or written, so that the message can name the argument.  The
 * cleaned text goes to *OUT when it is not NULL.
 */
bool
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

/*
 * Open the database as the command's row says: the step after all the
 * checks of the body, which calls it once they are done.
 */
int
admin_open(struct admin *a)
{
	char *err;

	if (!a->cfg_loaded && admin_config(a) != 0)
		return 1;
	if (store_open(a->db_path, a->cmd->open, &a->store, &err) != 0) {
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

int
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

int
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

/*
 * The database's directory, made when it is missing: 0700, and given to
 * the server's user as the database is, since SQLite makes the -wal and
 * -shm files beside the database.  An existing directory is left as it
 * is.  Returns 0, or 1 after saying why.
 */
static int
make_database_directory(struct admin *a)
{
	struct passwd *pw;
	struct stat st;
	char *dir, *slash;
	int rc = 0;

	dir = xstrdup(a->db_path);
	if ((slash = strrchr(dir, '/')) == NULL || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	if (stat(dir, &st) != 0 && errno == ENOENT) {
		if (mkdir(dir, 0700) != 0) {
			fail(_("cannot make the directory %s: %s"), dir,
			    strerror(errno));
			rc = 1;
		} else if (geteuid() == 0 &&
		    (pw = getpwnam(a->cfg.user)) != NULL &&
		    chown(dir, pw->pw_uid, pw->pw_gid) != 0) {
			fail(_("cannot give %s to %s: %s"), dir, a->cfg.user,
			    strerror(errno));
			rc = 1;
		}
	}
	free(dir);
	return rc;
}

static int
cmd_init(struct admin *a, const struct args *args)
{
	struct quartier_info *list;
	bool demo = arg_flag(args, "demo");
	int rc, before, after, cities, residents;
	char *quartiers, *people;
	size_t n, i;

	if (admin_config(a) != 0)
		return 1;

	/* Opening upgrades: the version before says what was done. */
	if (store_file_version(a->db_path, &before) != STORE_OK)
		before = -1;
	if (make_database_directory(a) != 0 || admin_open(a) != 0)
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
cmd_city_add(struct admin *a, const struct args *args)
{
	const char *name;
	int rc;

	name = args->argv[0];
	if (!check_text("NAME", name, 0, QUARTIER_NAME_MAX, NULL))
		return 1;
	if (admin_open(a) != 0)
		return 1;
	if ((rc = store_city_add(a->store, name, NULL)) == STORE_DUPLICATE)
		return fail(_("city already exists: %s"), name);
	if (rc != STORE_OK)
		return store_error(a, rc);
	printf(_("created city %s\n"), name);
	return 0;
}

static int
cmd_quartier_add(struct admin *a, const struct args *args)
{
	const char *city, *name;
	char *label;
	int64_t id;
	int rc;

	city = args->argv[0];
	name = args->argv[1];
	if (!check_text("CITY", city, 0, QUARTIER_NAME_MAX, NULL) ||
	    !check_text("NAME", name, 0, QUARTIER_NAME_MAX, NULL))
		return 1;
	if (admin_open(a) != 0)
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
cmd_quartier_list(struct admin *a, const struct args *args)
{
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

	if (admin_open(a) != 0)
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
cmd_resident_add(struct admin *a, const struct args *args)
{
	struct resident_new r = { .status = RESIDENT_PENDING,
	    .role = ROLE_RESIDENT };
	const char *spec = arg_text(args, "quartier"), *role, *why;
	char *handle = NULL, *hash = NULL, *label;
	int rc, ret = 1;

	r.handle = arg_text(args, "handle");
	r.display_name = arg_text(args, "name");
	r.street = arg_text(args, "street");
	if (arg_flag(args, "verified"))
		r.status = RESIDENT_VERIFIED;
	if ((role = arg_text(args, "role")) != NULL &&
	    resident_role_parse(role, &r.role) != 0)
		return bad_usage(a, _("unknown role \"%s\""), role);
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
	if (arg_flag(args, "password-stdin") && read_password(&hash) != 0)
		goto out;
	r.password_hash = hash;
	if (admin_open(a) != 0 ||
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
cmd_resident_list(struct admin *a, const struct args *args)
{
	struct resident *list;
	const char *spec = arg_text(args, "quartier");
	bool pending = arg_flag(args, "pending");
	int64_t quartier_id = 0;
	size_t n;
	int rc;

	if (spec != NULL && !check_text("--quartier", spec, 0, 0, NULL))
		return 1;
	if (admin_open(a) != 0)
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
cmd_resident_set_password(struct admin *a, const struct args *args)
{
	struct resident r;
	const char *handle;
	char *hash;
	int rc;

	handle = args->argv[0];
	if (!check_text("H", handle, 0, 0, NULL))
		return 1;
	if (admin_open(a) != 0 || find_resident(a, handle, &r) != 0)
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
cmd_resident_verify(struct admin *a, const struct args *args)
{
	struct resident r;
	const char *handle;
	char *by;
	int rc, ret = 1;

	handle = args->argv[0];
	if (!check_text("H", handle, 0, 0, NULL))
		return 1;
	if (admin_open(a) != 0 || find_resident(a, handle, &r) != 0)
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
cmd_key_add(struct admin *a, const struct args *args)
{
	struct auth_public_key *keys;
	struct resident r;
	const char *handle;
	size_t n, failed = 0, i;
	int rc, ret = 1;

	handle = args->argv[0];
	if (!check_text("H", handle, 0, 0, NULL))
		return 1;
	if (read_keys(&keys, &n) != 0)
		return 1;
	if (admin_open(a) != 0 || find_resident(a, handle, &r) != 0) {
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
cmd_key_list(struct admin *a, const struct args *args)
{
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

	handle = args->argv[0];
	if (!check_text("H", handle, 0, 0, NULL))
		return 1;
	if (admin_open(a) != 0 ||
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
cmd_key_remove(struct admin *a, const struct args *args)
{
	struct resident r;
	const char *handle, *fingerprint;
	int rc, ret = 1;

	handle = args->argv[0];
	fingerprint = args->argv[1];
	if (!check_text("H", handle, 0, 0, NULL) ||
	    !check_text("FINGERPRINT", fingerprint, 0, 0, NULL))
		return 1;
	if (admin_open(a) != 0 || find_resident(a, handle, &r) != 0)
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
cmd_announce(struct admin *a, const struct args *args)
{
	const char *spec = arg_text(args, "quartier");
	const char *given = arg_text(args, "title");
	char *title = NULL, *body = NULL, *label;
	int64_t quartier_id = 0;
	bool all = arg_flag(args, "all");
	int rc, ret = 1;

	if ((spec == NULL) == !all)
		return bad_usage(a, _("give either --quartier or --all"));
	if ((spec != NULL && !check_text("--quartier", spec, 0, 0, NULL)) ||
	    (given != NULL &&
	    !check_text("--title", given, 0, QUARTIER_TITLE_MAX, &title)) ||
	    !check_text("TEXT", args->argv[0], TEXT_MULTILINE,
	    QUARTIER_BODY_MAX, &body))
		goto out;
	/* Cut from the cleaned text: characters are counted after NFC. */
	if (title == NULL)
		title = title_from_text(body);
	if (admin_open(a) != 0 ||
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

/*
 * Two quartiers declared neighbours: the lost and found posts and the
 * alerts that their authors share cross between them, nothing else.
 */
static int
cmd_quartier_neighbour(struct admin *a, const struct args *args)
{
	bool remove = arg_flag(args, "remove");
	char *first = NULL, *second = NULL;
	int64_t qa, qb;
	int rc, ret = 1;

	if (!check_text("A", args->argv[0], 0, 0, NULL) ||
	    !check_text("B", args->argv[1], 0, 0, NULL))
		return 1;
	if (admin_open(a) != 0 || find_quartier(a, args->argv[0], &qa) != 0 ||
	    find_quartier(a, args->argv[1], &qb) != 0)
		return 1;
	if (qa == qb)
		return fail("%s", _("a quartier is not its own neighbour"));
	first = quartier_label(a, qa);
	second = quartier_label(a, qb);
	rc = remove ? store_neighbour_remove(a->store, qa, qb) :
	    store_neighbour_add(a->store, qa, qb);
	if (rc == STORE_DUPLICATE)
		fail(_("%s and %s are already neighbours"), first, second);
	else if (rc == STORE_NOT_FOUND && remove)
		fail(_("%s and %s are not neighbours"), first, second);
	else if (rc != STORE_OK)
		store_error(a, rc);
	else {
		printf(remove ? _("%s and %s are no longer neighbours\n") :
		    _("%s and %s are neighbours now\n"), first, second);
		ret = 0;
	}
	free(first);
	free(second);
	return ret;
}

static int
cmd_quartier_neighbours(struct admin *a, const struct args *args)
{
	static const struct column columns[] = {
		{ N_("Quartier"), false, false },
		{ N_("Neighbour"), false, false },
	};
	const size_t ncols = sizeof columns / sizeof columns[0];
	struct neighbour_pair *list;
	int64_t quartier_id = 0;
	char **cells;
	size_t n, i;
	int rc;

	if (args->argc > 0 && !check_text("Q", args->argv[0], 0, 0, NULL))
		return 1;
	if (admin_open(a) != 0 || (args->argc > 0 &&
	    find_quartier(a, args->argv[0], &quartier_id) != 0))
		return 1;
	if ((rc = store_neighbour_list(a->store, quartier_id, &list, &n))
	    != STORE_OK)
		return store_error(a, rc);
	if (n == 0) {
		printf("%s\n", _("no quartiers declared neighbours"));
		free(list);
		return 0;
	}
	cells = xcalloc(n * ncols, sizeof *cells);
	for (i = 0; i < n; i++) {
		cells[i * ncols] = xstrdup(list[i].a_name);
		cells[i * ncols + 1] = xstrdup(list[i].b_name);
	}
	table_print(columns, ncols, cells, n);
	cells_free(cells, n * ncols);
	neighbour_pair_list_free(list, n);
	return 0;
}

/* A whole number from FROM to TO, or -1 after saying what was wrong. */
static int
cmd_quartier_rename(struct admin *a, const struct args *args)
{
	const char *spec, *name;
	char *clean = NULL, *before = NULL, *after;
	int64_t id;
	int rc, ret = 1;

	spec = args->argv[0];
	name = args->argv[1];
	if (!check_text("Q", spec, 0, 0, NULL) ||
	    !check_text("NEWNAME", name, 0, QUARTIER_NAME_MAX, &clean))
		return 1;
	if (admin_open(a) != 0 || find_quartier(a, spec, &id) != 0)
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
cmd_resident_search(struct admin *a, const struct args *args)
{
	struct resident *list;
	const char *spec = arg_text(args, "quartier");
	int64_t quartier_id = 0;
	size_t n;
	int rc;

	if ((spec != NULL && !check_text("--quartier", spec, 0, 0, NULL)) ||
	    !check_text("PREFIX", args->argv[0], TEXT_ALLOW_EMPTY,
	    QUARTIER_NAME_MAX, NULL))
		return 1;
	if (admin_open(a) != 0 ||
	    (spec != NULL && find_quartier(a, spec, &quartier_id) != 0))
		return 1;
	rc = store_resident_search(a->store, quartier_id, args->argv[0], 0,
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
 * The --reason of a moderation command, which goes into the moderation
 * log: checked as the store will, into *REASON.  Returns 0 or 1.
 */
static int
moderation_reason(const struct args *args, char **reason)
{
	return check_text("--reason", arg_text(args, "reason"), 0,
	    STORE_REASON_MAX, reason) ? 0 : 1;
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
cmd_resident_role(struct admin *a, const struct args *args)
{
	struct actor actor = { 0, console_user() };
	enum resident_role role;
	struct resident r;
	char *reason;
	int rc;

	if (role_parse(args->argv[1], &role) != 0)
		return bad_usage(a, _("unknown role \"%s\""), args->argv[1]);
	if (moderation_reason(args, &reason) != 0)
		return 1;
	if (!check_text("H", args->argv[0], 0, 0, NULL) ||
	    admin_open(a) != 0 || find_resident(a, args->argv[0], &r) != 0) {
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
cmd_resident_suspend(struct admin *a, const struct args *args)
{
	struct actor actor = { 0, console_user() };
	struct resident r;
	char *reason, *until_text;
	int64_t until = 0;
	long days = arg_number(args, "days", 0);
	int rc;

	if (moderation_reason(args, &reason) != 0)
		return 1;
	if (!check_text("H", args->argv[0], 0, 0, NULL) ||
	    admin_open(a) != 0 || find_resident(a, args->argv[0], &r) != 0) {
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
cmd_resident_lift(struct admin *a, const struct args *args)
{
	struct actor actor = { 0, console_user() };
	struct resident r;
	char *reason;
	int rc;

	if (moderation_reason(args, &reason) != 0)
		return 1;
	if (!check_text("H", args->argv[0], 0, 0, NULL) ||
	    admin_open(a) != 0 || find_resident(a, args->argv[0], &r) != 0) {
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
cmd_online(struct admin *a, const struct args *args)
{
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

	if (admin_open(a) != 0)
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
cmd_log(struct admin *a, const struct args *args)
{
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
	const char *spec = arg_text(args, "quartier");
	char **cells, **row;
	int64_t quartier_id = 0;
	long limit = arg_number(args, "limit", 50);
	size_t n, i;
	int rc;

	if (spec != NULL && !check_text("--quartier", spec, 0, 0, NULL))
		return 1;
	if (admin_open(a) != 0 ||
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
cmd_stats(struct admin *a, const struct args *args)
{
	struct store_stats st;
	const char *spec = arg_text(args, "quartier");
	char *label;
	int64_t quartier_id = 0;
	int rc;

	if (spec != NULL && !check_text("--quartier", spec, 0, 0, NULL))
		return 1;
	if (admin_open(a) != 0 ||
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
cmd_backup(struct admin *a, const struct args *args)
{
	const char *dir = arg_text(args, "dir");
	char *path, *part, stamp[sizeof BACKUP_STAMP];
	struct stat st;
	long keep = arg_number(args, "keep", 0);
	time_t now;
	int rc;

	if (keep > 0 && dir == NULL)
		return bad_usage(a, _("--keep goes with --dir"));
	if (dir == NULL && args->argc == 0)
		return bad_usage(a, _("missing argument"));
	if (dir != NULL && args->argc > 0)
		return bad_usage(a, _("unexpected argument \"%s\""),
		    args->argv[0]);
	if (dir != NULL) {
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			return fail(_("%s is not a directory"), dir);
		now = time(NULL);
		strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime(&now));
		path = xasprintf("%s/" BACKUP_PREFIX "%s" BACKUP_SUFFIX, dir,
		    stamp);
	} else
		path = xstrdup(args->argv[0]);
	/* Checked before the database is opened; store_backup() checks
	 * again, atomically, as it creates the file. */
	rc = 1;
	if (lstat(path, &st) == 0)
		fail(_("%s exists already; a backup never overwrites a file"),
		    path);
	else if (admin_open(a) == 0) {
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

/* Run CMD on its ARGV (its last word first): options, arguments, body. */
static int
command_run(struct admin *a, const struct command *cmd, int argc, char **argv)
{
	struct args args;
	int rc;

	a->cmd = cmd;
	if ((rc = parse_args(a, argc, argv, &args)) != 0)
		return rc;
	return cmd->run(a, &args);
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
		if (cmd->sub == NULL)
			return command_run(a, cmd, argc, argv);
		if (argc > 1 && strcmp(cmd->sub, argv[1]) == 0)
			return command_run(a, cmd, argc - 1, argv + 1);
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
