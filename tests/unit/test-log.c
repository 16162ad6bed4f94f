/*
 * test-log.c - quartierd's log cleaner: what a client sends can neither
 * forge a line of the log nor reach the sysop's terminal as an escape
 * sequence, and no line is longer than LOG_LINE_MAX.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "log.h"

static const char *
clean(const char *in)
{
	static char out[LOG_LINE_MAX + 1];

	log_clean(in, out, sizeof out);
	return out;
}

START_TEST(plain_text_is_kept)
{
	ck_assert_str_eq(clean("accepted password for marie from 127.0.0.1"),
	    "accepted password for marie from 127.0.0.1");
	ck_assert_str_eq(clean("Gérard à l'Orangerie, 👍🏽"),
	    "Gérard à l'Orangerie, 👍🏽");
	ck_assert_str_eq(clean(""), "");
}
END_TEST

START_TEST(controls_are_escaped)
{
	/* A forged second line stays on the first, visibly. */
	ck_assert_str_eq(clean("kex error: client [evil\nquartierd[1]: "
	    "accepted password for marie]"), "kex error: client [evil\\x0a"
	    "quartierd[1]: accepted password for marie]");
	ck_assert_str_eq(clean("\033[31mred\033[0m"),
	    "\\x1b[31mred\\x1b[0m");
	ck_assert_str_eq(clean("a\rb\tc\x7f"), "a\\x0db\\x09c\\x7f");
	/* C1 controls (U+009B is CSI for some terminals), separators. */
	ck_assert_str_eq(clean("x\xc2\x9b" "31m"), "x\\xc2\\x9b31m");
	ck_assert_str_eq(clean("a\xe2\x80\xa8" "b"), "a\\xe2\\x80\\xa8b");
	/* And the backslash, so that an escape cannot be faked. */
	ck_assert_str_eq(clean("a\\x0ab"), "a\\x5cx0ab");
}
END_TEST

START_TEST(invalid_utf8_is_escaped)
{
	ck_assert_str_eq(clean("\xff\xfe"), "\\xff\\xfe");
	ck_assert_str_eq(clean("\xc0\xaf"), "\\xc0\\xaf");	/* overlong */
	ck_assert_str_eq(clean("\xed\xa0\x80"), "\\xed\\xa0\\x80");
	ck_assert_str_eq(clean("caf\xc3"), "caf\\xc3");	/* cut short */
	ck_assert_str_eq(clean("\xe9t\xe9"), "\\xe9t\\xe9");	/* Latin-1 */
}
END_TEST

START_TEST(long_lines_are_cut)
{
	char *in = malloc(10000), out[64];
	size_t i, n;

	for (i = 0; i < 9999; i++)
		in[i] = "ab\033"[i % 3];
	in[9999] = '\0';
	ck_assert_uint_le(strlen(clean(in)), LOG_LINE_MAX);
	ck_assert_str_eq(clean(in) + strlen(clean(in)) - 3, "...");
	/* Never in the middle of a character or of an escape. */
	n = log_clean("éééééééééééééééééééééééééééééééééééééééééééééé", out,
	    sizeof out);
	ck_assert_uint_lt(n, sizeof out);
	ck_assert_str_eq(out + n - 3, "...");
	ck_assert_int_eq(strncmp(out, "éé", 4), 0);
	ck_assert_int_eq((n - 3) % 2, 0);
	n = log_clean("\033\033\033\033\033\033\033\033\033\033\033\033\033"
	    "\033\033\033", out, 16);
	ck_assert_str_eq(out, "\\x1b\\x1b\\x1b...");
	free(in);
}
END_TEST

/* log_info() itself cleans: the line that reaches stderr. */
START_TEST(every_line_is_cleaned)
{
	char path[4096], line[2 * LOG_LINE_MAX];
	FILE *f;
	int saved;

	snprintf(path, sizeof path, "%s/log", tap_tmpdir());
	fflush(stderr);
	saved = dup(2);
	ck_assert_ptr_nonnull(freopen(path, "w", stderr));
	log_init(true);
	log_info("key exchange failed: %s", "no match [x\nforged line\033[2J]");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
	ck_assert_ptr_nonnull(strstr(line, "key exchange failed: no match "
	    "[x\\x0aforged line\\x1b[2J]\n"));
	ck_assert_ptr_null(fgets(line, sizeof line, f));
	fclose(f);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("clean");

	tcase_add_test(tc, plain_text_is_kept);
	tcase_add_test(tc, controls_are_escaped);
	tcase_add_test(tc, invalid_utf8_is_escaped);
	tcase_add_test(tc, long_lines_are_cut);
	tcase_add_test(tc, every_line_is_cleaned);
	suite_add_tcase(s, tc);
	return tap_run(s);
}
