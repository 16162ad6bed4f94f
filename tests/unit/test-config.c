/*
 * test-config.c - quartier.conf parsing and the path rules, plus the small
 * helpers of util.c (enum names, languages, the clock).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quartier.h"
#include "config.h"
#include "tap.h"

static struct config cfg;
static char *err;

static void
setup(void)
{
	config_defaults(&cfg);
	err = NULL;
}

static void
teardown(void)
{
	config_free(&cfg);
	free(err);
}

static int
parse(const char *text)
{
	free(err);
	err = NULL;
	return config_parse(&cfg, "test.conf", text, strlen(text), &err);
}

/* Parsing TEXT fails with exactly the message WANT. */
static void
assert_error(const char *text, const char *want)
{
	ck_assert_int_eq(parse(text), -1);
	ck_assert_ptr_nonnull(err);
	ck_assert_str_eq(err, want);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static char *
write_file(const char *name, const char *text)
{
	char *path;
	FILE *f;

	path = xasprintf("%s/%s", tap_tmpdir(), name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

START_TEST(test_defaults)
{
	ck_assert(ends_with(cfg.db, "/lib/quartier/quartier.db"));
	ck_assert_int_eq(cfg.default_language, LANG_FR);
	ck_assert_str_eq(cfg.timezone, "Europe/Paris");
	ck_assert_int_eq(cfg.login_delay_max, 30);
}
END_TEST

START_TEST(test_parse_good)
{
	ck_assert_int_eq(parse(
	    "db = /srv/quartier/krutenau.db\n"
	    "default_language = en\n"
	    "timezone = Europe/Brussels\n"
	    "login_delay_max = 3600\n"), 0);
	ck_assert_ptr_null(err);
	ck_assert_str_eq(cfg.db, "/srv/quartier/krutenau.db");
	ck_assert_int_eq(cfg.default_language, LANG_EN);
	ck_assert_str_eq(cfg.timezone, "Europe/Brussels");
	ck_assert_int_eq(cfg.login_delay_max, 3600);

	/* a later line wins; an empty buffer changes nothing */
	ck_assert_int_eq(parse("login_delay_max=5\nlogin_delay_max=6"), 0);
	ck_assert_int_eq(cfg.login_delay_max, 6);
	ck_assert_int_eq(parse(""), 0);
	ck_assert_int_eq(cfg.login_delay_max, 6);
}
END_TEST

START_TEST(test_comments_and_quotes)
{
	ck_assert_int_eq(parse(
	    "# Quartier\n"
	    "\n"
	    "   \t\n"
	    "   # indented comment\n"
	    "\tdb\t=\t/srv/q.db   # where the data lives\n"
	    "timezone = \"Europe/Paris # not a comment\"  # a comment\n"
	    "login_delay_max = \"12\"\r\n"
	    "default_language=en#no spaces\n"), 0);
	ck_assert_str_eq(cfg.db, "/srv/q.db");
	ck_assert_str_eq(cfg.timezone, "Europe/Paris # not a comment");
	ck_assert_int_eq(cfg.login_delay_max, 12);
	ck_assert_int_eq(cfg.default_language, LANG_EN);

	/* quotes keep spaces; a quote inside an unquoted value is kept */
	ck_assert_int_eq(parse("db = \" /srv/a b \"\n"), 0);
	ck_assert_str_eq(cfg.db, " /srv/a b ");
	ck_assert_int_eq(parse("db = /srv/it's \"here\"\n"), 0);
	ck_assert_str_eq(cfg.db, "/srv/it's \"here\"");
}
END_TEST

START_TEST(test_errors_name_the_line)
{
	assert_error("# ok\n\nfoo = 1\n",
	    "test.conf:3: unknown key \"foo\"");
	assert_error("db = /x\nlogin_delay_max\n",
	    "test.conf:2: missing '=' after \"login_delay_max\"");
	assert_error("timezone Europe/Paris # no equals\n",
	    "test.conf:1: missing '=' after \"timezone Europe/Paris\"");
	assert_error("= 3\n", "test.conf:1: missing key before '='");
	assert_error("db =\n", "test.conf:1: db: empty value");
	assert_error("db = \"\"\n", "test.conf:1: db: empty value");
	assert_error("db = \"/srv/x\n",
	    "test.conf:1: db: missing closing '\"'");
	assert_error("db = \"/srv/x\" y\n",
	    "test.conf:1: db: unexpected text after the closing '\"'");
	assert_error("default_language = de\n",
	    "test.conf:1: default_language must be fr or en");
	assert_error("default_language = auto\n",
	    "test.conf:1: default_language must be fr or en");
}
END_TEST

/* host_name: the machine's name by default, a name residents can type,
 * and the login command that goes with the port. */
START_TEST(test_host_name)
{
	char name[256], *cmd;

	ck_assert_int_eq(gethostname(name, sizeof name), 0);
	name[sizeof name - 1] = '\0';
	ck_assert_str_eq(cfg.host_name, name);
	ck_assert_int_eq(parse("host_name = quartier.example.org\n"
	    "port = 2299\n"), 0);
	ck_assert_str_eq(cfg.host_name, "quartier.example.org");
	cmd = config_login_command(&cfg, "gerard");
	ck_assert_str_eq(cmd, "ssh -p 2299 gerard@quartier.example.org");
	free(cmd);
	ck_assert_int_eq(parse("port = 22\n"), 0);
	cmd = config_login_command(&cfg, "gerard");
	ck_assert_str_eq(cmd, "ssh gerard@quartier.example.org");
	free(cmd);
	ck_assert_int_eq(parse("host_name = 2001:db8::1\n"), 0);
	assert_error("host_name = -oProxyCommand=x\n", "test.conf:1: "
	    "host_name: \"-oProxyCommand=x\" is not a host name (letters, "
	    "digits, '-' and '.')");
	assert_error("host_name = \"a b\"\n", "test.conf:1: host_name: "
	    "\"a b\" is not a host name (letters, digits, '-' and '.')");
	ck_assert_str_eq(cfg.host_name, "2001:db8::1");
}
END_TEST

START_TEST(test_bad_integers)
{
	assert_error("login_delay_max = abc\n",
	    "test.conf:1: login_delay_max: \"abc\" is not a number");
	assert_error("login_delay_max = 30s\n",
	    "test.conf:1: login_delay_max: \"30s\" is not a number");
	assert_error("\n\nlogin_delay_max = 1.5\n",
	    "test.conf:3: login_delay_max: \"1.5\" is not a number");
	ck_assert_int_eq(cfg.login_delay_max, 30);
}
END_TEST

START_TEST(test_out_of_range)
{
	assert_error("login_delay_max = 0\n",
	    "test.conf:1: login_delay_max must be between 1 and 3600");
	assert_error("login_delay_max = 3601\n",
	    "test.conf:1: login_delay_max must be between 1 and 3600");
	assert_error("login_delay_max = -5\n",
	    "test.conf:1: login_delay_max must be between 1 and 3600");
	assert_error("login_delay_max = 99999999999999999999999\n",
	    "test.conf:1: login_delay_max must be between 1 and 3600");
	/* the bad lines left the values as they were */
	ck_assert_int_eq(cfg.login_delay_max, 30);
	ck_assert_int_eq(parse("login_delay_max = 1\nlogin_delay_max = "
	    "3600\n"), 0);
	ck_assert_int_eq(cfg.login_delay_max, 3600);
}
END_TEST

/* Lines above the bad one are applied, the rest are not. */
START_TEST(test_partial_application)
{
	assert_error("login_delay_max = 7\nbogus = 1\n"
	    "login_delay_max = 60\n",
	    "test.conf:2: unknown key \"bogus\"");
	ck_assert_int_eq(cfg.login_delay_max, 7);
}
END_TEST

START_TEST(test_long_lines)
{
	char *text;

	/* 4096 bytes is the limit, newline excluded */
	text = xmalloc(4096 + 2);
	memset(text, ' ', 4096);
	memcpy(text, "db = /x", 7);
	text[4096] = '\n';
	text[4097] = '\0';
	ck_assert_int_eq(parse(text), 0);
	ck_assert_str_eq(cfg.db, "/x");
	free(text);

	text = xmalloc(4097 + 1);
	memset(text, '#', 4097);
	text[4097] = '\0';
	assert_error(text, "test.conf:1: line longer than 4096 bytes");
	free(text);

	free(err);
	ck_assert_int_eq(config_parse(&cfg, "nul.conf", "db = /a\0b\n", 10,
	    &err), -1);
	ck_assert_str_eq(err, "nul.conf:1: NUL byte in line");
}
END_TEST

START_TEST(test_load_file)
{
	char *path;

	path = write_file("good.conf", "# test\ntimezone = America/Montreal\n"
	    "default_language = en\n");
	ck_assert_int_eq(config_load(&cfg, path, true, &err), 0);
	ck_assert_ptr_null(err);
	ck_assert_str_eq(cfg.timezone, "America/Montreal");
	ck_assert_int_eq(cfg.default_language, LANG_EN);
	free(path);

	path = write_file("bad.conf", "timezone = UTC\n\nportal = 22\n");
	ck_assert_int_eq(config_load(&cfg, path, false, &err), -1);
	ck_assert_ptr_nonnull(err);
	ck_assert_ptr_nonnull(strstr(err, "/bad.conf:3: unknown key \"portal\""));
	free(err);
	err = NULL;
	free(path);

	ck_assert_int_eq(config_load(&cfg, "/dev/null", true, &err), 0);
	ck_assert_ptr_null(err);
}
END_TEST

START_TEST(test_missing_file)
{
	char *path;

	path = xasprintf("%s/absent.conf", tap_tmpdir());
	ck_assert_int_eq(config_load(&cfg, path, false, &err), 0);
	ck_assert_ptr_null(err);
	ck_assert_int_eq(config_load(&cfg, path, true, &err), -1);
	ck_assert_ptr_nonnull(err);
	ck_assert_ptr_nonnull(strstr(err, path));
	ck_assert_ptr_nonnull(strstr(err, "No such file"));
	free(path);

	/* a directory is not a missing file, even when the file is optional */
	free(err);
	err = NULL;
	ck_assert_int_eq(config_load(&cfg, tap_tmpdir(), false, &err), -1);
	ck_assert_ptr_nonnull(err);
}
END_TEST

START_TEST(test_db_path_precedence)
{
	unsetenv("QUARTIER_DB");
	ck_assert_str_eq(config_db_path(&cfg, NULL), cfg.db);
	ck_assert(ends_with(cfg.db, "/lib/quartier/quartier.db"));
	ck_assert_int_eq(parse("db = /from/file.db\n"), 0);
	ck_assert_str_eq(config_db_path(&cfg, NULL), "/from/file.db");
	ck_assert_str_eq(config_db_path(&cfg, ""), "/from/file.db");
	setenv("QUARTIER_DB", "", 1);
	ck_assert_str_eq(config_db_path(&cfg, NULL), "/from/file.db");
	setenv("QUARTIER_DB", "/from/env.db", 1);
	ck_assert_str_eq(config_db_path(&cfg, NULL), "/from/env.db");
	ck_assert_str_eq(config_db_path(&cfg, "/from/cli.db"), "/from/cli.db");
	unsetenv("QUARTIER_DB");
	ck_assert_str_eq(config_db_path(&cfg, "/from/cli.db"), "/from/cli.db");
}
END_TEST

START_TEST(test_default_path)
{
	unsetenv("QUARTIER_CONFIG");
	ck_assert(ends_with(config_default_path(),
	    "/quartier/quartier.conf"));
	setenv("QUARTIER_CONFIG", "", 1);
	ck_assert(ends_with(config_default_path(),
	    "/quartier/quartier.conf"));
	setenv("QUARTIER_CONFIG", "/dev/null", 1);
	ck_assert_str_eq(config_default_path(), "/dev/null");
}
END_TEST

/* The example shipped in data/ parses, and says what the defaults are. */
START_TEST(test_example_file)
{
	const char *srcdir = getenv("top_srcdir");
	char *path;

	if (srcdir == NULL)
		srcdir = ".";
	path = xasprintf("%s/data/quartier.conf", srcdir);
	ck_assert_int_eq(config_load(&cfg, path, true, &err), 0);
	ck_assert_ptr_null(err);
	free(path);
}
END_TEST

START_TEST(test_enum_names)
{
	enum resident_status status;
	enum resident_role role;
	enum language lang;
	int i;

	for (i = RESIDENT_PENDING; i <= RESIDENT_SUSPENDED; i++) {
		ck_assert_int_eq(resident_status_parse(resident_status_name(i),
		    &status), 0);
		ck_assert_int_eq(status, i);
	}
	for (i = ROLE_RESIDENT; i <= ROLE_SYSOP; i++) {
		ck_assert_int_eq(resident_role_parse(resident_role_name(i),
		    &role), 0);
		ck_assert_int_eq(role, i);
	}
	ck_assert_str_eq(resident_status_name(RESIDENT_VERIFIED), "verified");
	ck_assert_str_eq(resident_role_name(ROLE_MODERATOR), "moderator");
	ck_assert_int_eq(resident_status_parse("Verified", &status), -1);
	ck_assert_int_eq(resident_status_parse("", &status), -1);
	ck_assert_int_eq(resident_role_parse("admin", &role), -1);
	ck_assert_int_eq(resident_role_parse(NULL, &role), -1);

	ck_assert_str_eq(language_code(LANG_FR), "fr");
	ck_assert_str_eq(language_code(LANG_EN), "en");
	ck_assert_str_eq(language_code(LANG_AUTO), "auto");
	ck_assert_int_eq(language_parse("en", &lang), 0);
	ck_assert_int_eq(lang, LANG_EN);
	ck_assert_int_eq(language_parse("auto", &lang), 0);
	ck_assert_int_eq(lang, LANG_AUTO);
	ck_assert_int_eq(language_parse("fr_FR", &lang), -1);
}
END_TEST

static void
clear_locale_environment(void)
{
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
}

START_TEST(test_language_from_environment)
{
	clear_locale_environment();
	ck_assert_int_eq(language_from_environment(), LANG_FR);
	setenv("LANG", "C.UTF-8", 1);
	ck_assert_int_eq(language_from_environment(), LANG_FR);
	setenv("LANG", "POSIX", 1);
	ck_assert_int_eq(language_from_environment(), LANG_FR);
	setenv("LANG", "de_DE.UTF-8", 1);
	ck_assert_int_eq(language_from_environment(), LANG_FR);
	setenv("LANG", "en_GB.UTF-8", 1);
	ck_assert_int_eq(language_from_environment(), LANG_EN);
	setenv("LC_MESSAGES", "fr_BE.UTF-8", 1);
	ck_assert_int_eq(language_from_environment(), LANG_FR);
	setenv("LC_ALL", "en_US.UTF-8", 1);
	ck_assert_int_eq(language_from_environment(), LANG_EN);
	setenv("LANGUAGE", "fr:en", 1);
	ck_assert_int_eq(language_from_environment(), LANG_FR);
	/* an empty variable is skipped, not read as "C" */
	setenv("LANGUAGE", "", 1);
	ck_assert_int_eq(language_from_environment(), LANG_EN);
}
END_TEST

START_TEST(test_language_apply)
{
	clear_locale_environment();
	setenv("LANG", "en_CA.UTF-8", 1);
	ck_assert_int_eq(language_current(), LANG_EN);

	language_apply(LANG_FR);
	ck_assert_int_eq(language_current(), LANG_FR);
	ck_assert_str_eq(getenv("LANGUAGE"), "fr");
	language_apply(LANG_EN);
	ck_assert_int_eq(language_current(), LANG_EN);
	ck_assert_str_eq(getenv("LANGUAGE"), "en");

	/* auto follows the environment, not our own earlier choice */
	language_apply(LANG_FR);
	language_apply(LANG_AUTO);
	ck_assert_int_eq(language_current(), LANG_EN);
	ck_assert_str_eq(getenv("LANGUAGE"), "en");
}
END_TEST

/*
 * Write a catalogue translating MSGID into French: a .mo file with the
 * header entry and one message, sorted by msgid as gettext expects.
 */
static void
write_catalogue(const char *dir, const char *domain, const char *msgid,
    const char *msgstr)
{
	const char *orig[] = { "", msgid };
	const char *trans[] = { "Content-Type: text/plain; charset=UTF-8\n",
	    msgstr };
	uint32_t header[7], entry[2], offset;
	char *path;
	FILE *f;
	int i;

	path = xasprintf("%s/fr", dir);
	mkdir(path, 0700);
	free(path);
	path = xasprintf("%s/fr/LC_MESSAGES", dir);
	mkdir(path, 0700);
	free(path);
	path = xasprintf("%s/fr/LC_MESSAGES/%s.mo", dir, domain);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	free(path);

	header[0] = 0x950412de;		/* magic */
	header[1] = 0;			/* revision */
	header[2] = 2;			/* number of strings */
	header[3] = sizeof header;	/* table of msgids */
	header[4] = sizeof header + 2 * sizeof entry;	/* of msgstrs */
	header[5] = 0;			/* no hash table */
	header[6] = 0;
	fwrite(header, sizeof header, 1, f);
	offset = sizeof header + 4 * sizeof entry;
	for (i = 0; i < 4; i++) {
		const char *str = i < 2 ? orig[i] : trans[i - 2];

		entry[0] = strlen(str);
		entry[1] = offset;
		fwrite(entry, sizeof entry, 1, f);
		offset += entry[0] + 1;
	}
	for (i = 0; i < 4; i++) {
		const char *str = i < 2 ? orig[i] : trans[i - 2];

		fwrite(str, strlen(str) + 1, 1, f);
	}
	ck_assert_int_eq(fclose(f), 0);
}

/* The language changes at run time, after gettext has cached a lookup. */
START_TEST(test_language_switches_messages)
{
	clear_locale_environment();
	write_catalogue(tap_tmpdir(), "quartier-test", "Wall", "Mur");
	bindtextdomain("quartier-test", tap_tmpdir());
	textdomain("quartier-test");

	language_apply(LANG_FR);
	ck_assert_str_eq(_("Wall"), "Mur");
	language_apply(LANG_EN);
	ck_assert_str_eq(_("Wall"), "Wall");
	language_apply(LANG_FR);
	ck_assert_str_eq(_("Wall"), "Mur");
	language_apply(LANG_AUTO);
	ck_assert_str_eq(_("Wall"), "Mur");
}
END_TEST

START_TEST(test_now_seconds)
{
	setenv("QUARTIER_FAKE_NOW", "1700000000", 1);
	ck_assert_int_eq(now_seconds(), 1700000000);
	setenv("QUARTIER_FAKE_NOW", "not a time", 1);
	ck_assert_int_gt(now_seconds(), 1700000000);
	unsetenv("QUARTIER_FAKE_NOW");
	ck_assert_int_gt(now_seconds(), 1700000000);
}
END_TEST

START_TEST(test_xasprintf)
{
	char *s;

	s = xasprintf("%s:%d", "quartier", 42);
	ck_assert_str_eq(s, "quartier:42");
	free(s);
	s = xstrndup("Krutenau", 4);
	ck_assert_str_eq(s, "Krut");
	free(s);
}
END_TEST

static Suite *
config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_parse_good);
	tcase_add_test(tc, test_comments_and_quotes);
	tcase_add_test(tc, test_errors_name_the_line);
	tcase_add_test(tc, test_host_name);
	tcase_add_test(tc, test_bad_integers);
	tcase_add_test(tc, test_out_of_range);
	tcase_add_test(tc, test_partial_application);
	tcase_add_test(tc, test_long_lines);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_load_file);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_db_path_precedence);
	tcase_add_test(tc, test_default_path);
	tcase_add_test(tc, test_example_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("util");
	tcase_add_test(tc, test_enum_names);
	tcase_add_test(tc, test_language_from_environment);
	tcase_add_test(tc, test_language_apply);
	tcase_add_test(tc, test_language_switches_messages);
	tcase_add_test(tc, test_now_seconds);
	tcase_add_test(tc, test_xasprintf);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tap_run(config_suite());
}
