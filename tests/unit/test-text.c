/* test-text.c - text.c: cleaning, widths, cutting, wrapping, folding. */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "tap.h"

#define E_ACUTE_NFD	"e\xcc\x81"		/* e + U+0301 */
#define THUMB_MEDIUM	"👍🏽"			/* U+1F44D U+1F3FD */
#define FAMILY		"👨\xe2\x80\x8d👩\xe2\x80\x8d👧"	/* ZWJ sequence */
#define FLAG_FR		"🇫🇷"

Suite	*text_suite(void);

/* text_clean() of a NUL-terminated string; *ST gets the status. */
static char *
clean(const char *in, int flags, size_t max, enum text_status *st)
{
	char *out = (char *)"unset";

	*st = text_clean(in, strlen(in), flags, max, &out);
	if (*st != TEXT_OK)
		ck_assert_ptr_null(out);
	return out;
}

/* Assert that IN cleans to EXPECTED with FLAGS. */
static void
assert_clean(const char *in, int flags, const char *expected)
{
	enum text_status st;
	char *out;

	out = clean(in, flags, 0, &st);
	ck_assert_int_eq(st, TEXT_OK);
	ck_assert_str_eq(out, expected);
	free(out);
}

static void
assert_invalid(const char *in, size_t len)
{
	char *out = (char *)"unset";

	ck_assert_int_eq(text_clean(in, len, 0, 0, &out), TEXT_INVALID_UTF8);
	ck_assert_ptr_null(out);
	ck_assert(!text_valid_utf8(in, len));
}

/*
 * Assert what every wrapping must hold: lines in order within S, widths as
 * measured and within COLS (unless the line is one cluster wider than
 * that), and every non-space byte of S in some line.
 */
static void
assert_wrap_sound(const char *s, const struct text_line *l, size_t n, int cols)
{
	size_t i, covered = 0, pos;

	for (i = 0; i < n; i++) {
		ck_assert_uint_ge(l[i].start, covered);
		for (pos = covered; pos < l[i].start; pos++)
			ck_assert(s[pos] == ' ' || s[pos] == '\n');
		ck_assert_int_eq(l[i].width, text_width_n(s + l[i].start,
		    l[i].len));
		if (l[i].width > cols)
			ck_assert_uint_eq(text_next_grapheme(s + l[i].start,
			    l[i].len, 0), l[i].len);
		ck_assert_ptr_null(memchr(s + l[i].start, '\n', l[i].len));
		covered = l[i].start + l[i].len;
	}
	for (pos = covered; s[pos] != '\0'; pos++)
		ck_assert(s[pos] == ' ' || s[pos] == '\n');
}

/* Assert that line I of S is exactly TEXT. */
static void
assert_line(const char *s, const struct text_line *l, const char *text)
{
	ck_assert_uint_eq(l->len, strlen(text));
	ck_assert(memcmp(s + l->start, text, l->len) == 0);
}

START_TEST(invalid_lone_continuation)
{
	assert_invalid("a\x80z", 3);
}
END_TEST

START_TEST(invalid_overlong)
{
	assert_invalid("\xc0\xaf", 2);
	assert_invalid("\xe0\x80\xaf", 3);
}
END_TEST

START_TEST(invalid_surrogate)
{
	assert_invalid("\xed\xa0\x80", 3);
}
END_TEST

START_TEST(invalid_truncated_and_too_big)
{
	assert_invalid("caf\xc3", 4);
	assert_invalid("\xf0\x9f\x91", 3);
	assert_invalid("\xf4\x90\x80\x80", 4);	/* U+110000 */
	ck_assert(text_valid_utf8("é中" THUMB_MEDIUM, strlen("é中" THUMB_MEDIUM)));
}
END_TEST

START_TEST(clean_csi_removed_whole)
{
	assert_clean("a\x1b[2Jb", 0, "ab");
	assert_clean("\x1b[1;31mred\x1b[0m text", 0, "red text");
	assert_clean("x\x1b[?1049hy", 0, "xy");
}
END_TEST

START_TEST(clean_osc_removed_whole)
{
	assert_clean("x\x1b]0;evil title\x07y", 0, "xy");
	assert_clean("\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", 0, "link");
	assert_clean("a\x1b]0;never ended", 0, "a");
}
END_TEST

START_TEST(clean_c1_csi_removed)
{
	assert_clean("a\xc2\x9b" "31mb", 0, "ab");
	assert_clean("a\xc2\x85" "b", 0, "ab");	/* NEL, a lone C1 */
	assert_clean("a\xc2\x9d" "0;t\xc2\x9c" "b", 0, "ab");
}
END_TEST

START_TEST(clean_other_escapes_removed)
{
	assert_clean("a\x1bPq#0;2;0\x1b\\b", 0, "ab");	/* DCS (sixel) */
	assert_clean("a\x1b" "7b\x1b" "8", 0, "ab");
	assert_clean("a\x1b(Bb", 0, "ab");
	assert_clean("a\x1b_apc\x1b\\b", 0, "ab");
}
END_TEST

START_TEST(clean_controls_removed)
{
	enum text_status st;
	char *out;

	assert_clean("a\x01\x07\x08" "b\x7f" "c\x1b", 0, "abc");
	st = text_clean("a\x00" "b", 3, 0, 0, &out);
	ck_assert_int_eq(st, TEXT_OK);
	ck_assert_str_eq(out, "ab");
	free(out);
}
END_TEST

START_TEST(clean_bidi_and_bom_removed)
{
	assert_clean("abc\xe2\x80\xae" "def\xe2\x80\xac", 0, "abcdef");
	assert_clean("\xe2\x81\xa6" "x\xe2\x81\xa9", 0, "x");
	assert_clean("\xef\xbb\xbfhello", 0, "hello");
}
END_TEST

START_TEST(clean_keeps_emoji_joiners)
{
	assert_clean(FAMILY, 0, FAMILY);
	assert_clean("\xe2\x9d\xa4\xef\xb8\x8f", 0, "\xe2\x9d\xa4\xef\xb8\x8f");
	assert_clean(THUMB_MEDIUM, 0, THUMB_MEDIUM);
}
END_TEST

START_TEST(clean_tab_expansion)
{
	assert_clean("a\tb", 0, "a       b");
	assert_clean("abcdefgh\tx", 0, "abcdefgh        x");
	assert_clean("中\tx", 0, "中      x");
	assert_clean("abc\n\tx", TEXT_MULTILINE, "abc\n        x");
	assert_clean("\tx", TEXT_KEEP_SPACE, "        x");
}
END_TEST

START_TEST(clean_crlf)
{
	assert_clean("a\r\nb\rc\n", TEXT_MULTILINE, "a\nb\nc");
	assert_clean("a\r\nb", 0, "a b");
}
END_TEST

START_TEST(clean_nfc)
{
	enum text_status st;
	char *out;

	out = clean(E_ACUTE_NFD, 0, 0, &st);
	ck_assert_int_eq(st, TEXT_OK);
	ck_assert_str_eq(out, "é");
	ck_assert_uint_eq(strlen(out), 2);
	free(out);
	/* Normalised after the escape between them is gone. */
	assert_clean("e\x1b[0m\xcc\x81", 0, "é");
}
END_TEST

START_TEST(clean_max_chars)
{
	enum text_status st;
	char *out;

	out = clean("ééééé", 0, 5, &st);
	ck_assert_int_eq(st, TEXT_OK);
	free(out);
	out = clean("éééééé", 0, 5, &st);
	ck_assert_int_eq(st, TEXT_TOO_LONG);
	/* Counted after NFC: ten code points in, five characters out. */
	out = clean(E_ACUTE_NFD E_ACUTE_NFD E_ACUTE_NFD E_ACUTE_NFD
	    E_ACUTE_NFD, 0, 5, &st);
	ck_assert_int_eq(st, TEXT_OK);
	free(out);
	/* Escapes do not count. */
	out = clean("\x1b[31mabc\x1b[0m", 0, 3, &st);
	ck_assert_int_eq(st, TEXT_OK);
	free(out);
}
END_TEST

START_TEST(clean_huge_input_refused_early)
{
	size_t len = 1000000;
	char *big, *out = (char *)"unset";

	big = malloc(len);
	ck_assert_ptr_nonnull(big);
	memset(big, 'a', len);
	ck_assert_int_eq(text_clean(big, len, 0, 10, &out), TEXT_TOO_LONG);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(text_clean(big, len, 0, 0, &out), TEXT_OK);
	ck_assert_uint_eq(strlen(out), len);
	free(out);
	free(big);
}
END_TEST

START_TEST(clean_empty)
{
	enum text_status st;
	char *out;

	clean("", 0, 0, &st);
	ck_assert_int_eq(st, TEXT_EMPTY);
	clean("  \n\t ", TEXT_MULTILINE, 0, &st);
	ck_assert_int_eq(st, TEXT_EMPTY);
	clean("\x1b[2J\x07", 0, 0, &st);
	ck_assert_int_eq(st, TEXT_EMPTY);
	out = clean(" ", TEXT_ALLOW_EMPTY, 0, &st);
	ck_assert_int_eq(st, TEXT_OK);
	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(out, "");
	free(out);
}
END_TEST

START_TEST(clean_single_line_and_trim)
{
	assert_clean("a\nb", 0, "a b");
	assert_clean("  hi there \n", 0, "hi there");
	assert_clean("  hi ", TEXT_KEEP_SPACE, "  hi ");
	assert_clean("\n\nfirst\n\nsecond  \n\n", TEXT_MULTILINE,
	    "first\n\nsecond");
}
END_TEST

START_TEST(status_messages)
{
	ck_assert_str_eq(text_status_message(TEXT_INVALID_UTF8),
	    "This text is not valid UTF-8; check your terminal's character "
	    "encoding.");
	ck_assert_str_eq(text_status_message(TEXT_EMPTY),
	    "This field cannot be empty.");
	ck_assert_str_eq(text_status_message(TEXT_TOO_LONG),
	    "This text is too long.");
	ck_assert_str_eq(text_status_message(TEXT_NO_MEMORY), "Out of memory.");
}
END_TEST

START_TEST(chars_count_code_points)
{
	ck_assert_uint_eq(text_chars(""), 0);
	ck_assert_uint_eq(text_chars("café"), 4);
	ck_assert_uint_eq(text_chars(E_ACUTE_NFD), 2);
	ck_assert_uint_eq(text_chars(THUMB_MEDIUM), 2);
}
END_TEST

START_TEST(width_of_letters)
{
	ck_assert_int_eq(text_width(""), 0);
	ck_assert_int_eq(text_width("é"), 1);
	ck_assert_int_eq(text_width("œ"), 1);
	ck_assert_int_eq(text_width("Noël"), 4);
	ck_assert_int_eq(text_width("中文"), 4);
	ck_assert_int_eq(text_width_n("中文", 3), 2);
}
END_TEST

START_TEST(width_of_emoji_and_marks)
{
	ck_assert_int_eq(text_width("👍"), 2);
	ck_assert_int_eq(text_width(THUMB_MEDIUM), 4);
	ck_assert_int_eq(text_width(E_ACUTE_NFD), 1);
	ck_assert_int_eq(text_width("a\xcc\x81\xcc\xa7\xcd\x9c"), 1);
	ck_assert_int_eq(text_width("a\x01" "b"), 2);
}
END_TEST

START_TEST(width_of_invalid_bytes)
{
	ck_assert_int_eq(text_width("\xff"), 1);
	ck_assert_int_eq(text_width("a\xe4\xb8"), 2);
	ck_assert_int_eq(text_width_n("\xe4\xb8\xad", 2), 1);
}
END_TEST

START_TEST(fit_never_cuts_cjk)
{
	int used = -1;

	ck_assert_uint_eq(text_fit("中文", 6, 3, &used), 3);
	ck_assert_int_eq(used, 2);
	ck_assert_uint_eq(text_fit("中文", 6, 1, &used), 0);
	ck_assert_int_eq(used, 0);
	ck_assert_uint_eq(text_fit("中文", 6, 4, &used), 6);
	ck_assert_int_eq(used, 4);
	ck_assert_uint_eq(text_fit("中文", 6, 9, NULL), 6);
}
END_TEST

START_TEST(fit_never_cuts_emoji_with_modifier)
{
	const char *s = "a" THUMB_MEDIUM "b";
	int used;

	ck_assert_uint_eq(text_fit(s, strlen(s), 3, &used), 1);
	ck_assert_int_eq(used, 1);
	ck_assert_uint_eq(text_fit(s, strlen(s), 5, &used), 9);
	ck_assert_int_eq(used, 5);
}
END_TEST

START_TEST(fit_keeps_combining_marks)
{
	const char *s = "a" E_ACUTE_NFD "b";
	int used;

	ck_assert_uint_eq(text_fit(s, strlen(s), 2, &used), 4);
	ck_assert_int_eq(used, 2);
	ck_assert_uint_eq(text_fit(s, 2, 5, &used), 2);	/* LEN limits */
	ck_assert_int_eq(used, 2);
}
END_TEST

START_TEST(fit_stops_at_newline)
{
	int used;

	ck_assert_uint_eq(text_fit("ab\ncd", 5, 10, &used), 2);
	ck_assert_int_eq(used, 2);
	ck_assert_uint_eq(text_fit("abc", (size_t)-1, 10, &used), 3);
}
END_TEST

START_TEST(truncate_with_ellipsis)
{
	char *t;

	t = text_truncate("Bonjour le quartier", 10);
	ck_assert_str_eq(t, "Bonjour l…");
	ck_assert_int_eq(text_width(t), 10);
	free(t);
	t = text_truncate("中文中文", 5);
	ck_assert_str_eq(t, "中文…");
	free(t);
	t = text_truncate("中文中文", 4);
	ck_assert_str_eq(t, "中…");
	ck_assert_int_le(text_width(t), 4);
	free(t);
	t = text_truncate("ab" THUMB_MEDIUM, 5);
	ck_assert_str_eq(t, "ab…");
	free(t);
}
END_TEST

START_TEST(truncate_without_cut)
{
	char *t;

	t = text_truncate("Noël", 4);
	ck_assert_str_eq(t, "Noël");
	free(t);
	t = text_truncate("un\ndeux", 20);
	ck_assert_str_eq(t, "un deux");
	free(t);
	t = text_truncate("abc", 0);
	ck_assert_str_eq(t, "");
	free(t);
	t = text_truncate("abc", -3);
	ck_assert_str_eq(t, "");
	free(t);
	t = text_truncate("abc", 1);
	ck_assert_str_eq(t, "…");
	free(t);
}
END_TEST

START_TEST(wrap_breaks_at_spaces)
{
	const char *s = "hello world again";
	struct text_line *l;
	size_t n;

	n = text_wrap(s, 11, &l);
	ck_assert_uint_eq(n, 2);
	assert_wrap_sound(s, l, n, 11);
	assert_line(s, &l[0], "hello world");
	assert_line(s, &l[1], "again");
	ck_assert_int_eq(l[0].width, 11);
	free(l);
	n = text_wrap(s, 5, &l);
	ck_assert_uint_eq(n, 3);
	assert_line(s, &l[1], "world");
	free(l);
}
END_TEST

START_TEST(wrap_mixed_text)
{
	const char *s = "Le café du coin 中文中文中文 ouvre à 9h, "
	    THUMB_MEDIUM " Noël à l'école " FAMILY " fête";
	struct text_line *l;
	size_t n;
	int cols;

	for (cols = 1; cols <= 30; cols++) {
		n = text_wrap(s, cols, &l);
		ck_assert_uint_ge(n, 1);
		assert_wrap_sound(s, l, n, cols);
		free(l);
	}
	n = text_wrap(s, 12, &l);
	assert_line(s, &l[0], "Le café du");
	free(l);
}
END_TEST

START_TEST(wrap_cjk_breaks_between_characters)
{
	const char *s = "中文中文中文";
	struct text_line *l;
	size_t n;

	n = text_wrap(s, 5, &l);
	ck_assert_uint_eq(n, 3);
	assert_wrap_sound(s, l, n, 5);
	ck_assert_int_eq(l[0].width, 4);
	free(l);
}
END_TEST

START_TEST(wrap_long_word_cut)
{
	const char *s = "abcdefghij";
	const char *t = "x " E_ACUTE_NFD E_ACUTE_NFD E_ACUTE_NFD E_ACUTE_NFD
	    E_ACUTE_NFD;
	struct text_line *l;
	size_t n;

	n = text_wrap(s, 4, &l);
	ck_assert_uint_eq(n, 3);
	assert_line(s, &l[0], "abcd");
	assert_line(s, &l[1], "efgh");
	assert_line(s, &l[2], "ij");
	free(l);
	n = text_wrap(t, 3, &l);
	ck_assert_uint_eq(n, 3);
	assert_wrap_sound(t, l, n, 3);
	assert_line(t, &l[0], "x");
	assert_line(t, &l[1], E_ACUTE_NFD E_ACUTE_NFD E_ACUTE_NFD);
	free(l);
}
END_TEST

START_TEST(wrap_newlines_force_breaks)
{
	const char *s = "a\n\nb c\n";
	struct text_line *l;
	size_t n;

	n = text_wrap(s, 10, &l);
	ck_assert_uint_eq(n, 4);
	assert_wrap_sound(s, l, n, 10);
	assert_line(s, &l[0], "a");
	assert_line(s, &l[1], "");
	assert_line(s, &l[2], "b c");
	assert_line(s, &l[3], "");
	ck_assert_uint_eq(l[3].start, strlen(s));
	free(l);
}
END_TEST

START_TEST(wrap_empty_and_narrow)
{
	struct text_line *l;
	size_t n;

	n = text_wrap("", 10, &l);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(l[0].start, 0);
	ck_assert_uint_eq(l[0].len, 0);
	ck_assert_int_eq(l[0].width, 0);
	free(l);
	/* Two columns on a line of one: each alone, no endless loop. */
	n = text_wrap("中中", 1, &l);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(l[1].start, 3);
	ck_assert_int_eq(l[1].width, 2);
	free(l);
	n = text_wrap("abc", 0, &l);
	ck_assert_uint_eq(n, 3);
	free(l);
}
END_TEST

START_TEST(wrap_trailing_spaces)
{
	const char *s = "abcde     fg";
	struct text_line *l;
	size_t n;

	n = text_wrap(s, 5, &l);
	ck_assert_uint_eq(n, 2);
	assert_line(s, &l[0], "abcde");
	assert_line(s, &l[1], "fg");
	free(l);
	n = text_wrap("ab  ", 10, &l);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(l[0].len, 4);
	free(l);
}
END_TEST

START_TEST(wrap_long_text)
{
	const char *word = "quartier ";
	size_t i, n, wlen = strlen(word), count = 8000 / 9;
	struct text_line *l;
	char *s;

	s = malloc(count * wlen + 1);
	ck_assert_ptr_nonnull(s);
	for (i = 0; i < count; i++)
		memcpy(s + i * wlen, word, wlen);
	s[count * wlen] = '\0';
	n = text_wrap(s, 40, &l);
	/* Four words of 8 and 3 spaces make 35 columns; five would be 44. */
	ck_assert_uint_eq(n, (count + 3) / 4);
	assert_wrap_sound(s, l, n, 40);
	free(l);
	free(s);
}
END_TEST

START_TEST(grapheme_combining)
{
	const char *s = "x" E_ACUTE_NFD "y";
	size_t len = strlen(s);

	ck_assert_uint_eq(text_next_grapheme(s, len, 0), 1);
	ck_assert_uint_eq(text_next_grapheme(s, len, 1), 4);
	ck_assert_uint_eq(text_next_grapheme(s, len, 4), 5);
	ck_assert_uint_eq(text_prev_grapheme(s, len, 4), 1);
	ck_assert_uint_eq(text_prev_grapheme(s, len, 1), 0);
}
END_TEST

START_TEST(grapheme_emoji_modifier_and_cjk)
{
	const char *s = THUMB_MEDIUM "中";
	size_t len = strlen(s);

	ck_assert_uint_eq(text_next_grapheme(s, len, 0), 8);
	ck_assert_uint_eq(text_next_grapheme(s, len, 8), 11);
	ck_assert_uint_eq(text_prev_grapheme(s, len, 11), 8);
	ck_assert_uint_eq(text_prev_grapheme(s, len, 8), 0);
}
END_TEST

START_TEST(grapheme_zwj_sequence)
{
	const char *s = "a" FAMILY "b";
	size_t len = strlen(s), end = 1 + strlen(FAMILY);

	ck_assert_uint_eq(text_next_grapheme(s, len, 1), end);
	ck_assert_uint_eq(text_prev_grapheme(s, len, end), 1);
	/* From inside the sequence: its end and its start. */
	ck_assert_uint_eq(text_next_grapheme(s, len, 8), end);
	ck_assert_uint_eq(text_prev_grapheme(s, len, 12), 1);
}
END_TEST

START_TEST(grapheme_flags_and_crlf)
{
	const char *flags = FLAG_FR FLAG_FR FLAG_FR;
	const char *crlf = "a\r\nb";

	ck_assert_uint_eq(text_next_grapheme(flags, 24, 0), 8);
	ck_assert_uint_eq(text_next_grapheme(flags, 24, 8), 16);
	ck_assert_uint_eq(text_prev_grapheme(flags, 24, 24), 16);
	ck_assert_uint_eq(text_prev_grapheme(flags, 24, 16), 8);
	ck_assert_uint_eq(text_next_grapheme(crlf, 4, 1), 3);
	ck_assert_uint_eq(text_prev_grapheme(crlf, 4, 3), 1);
}
END_TEST

START_TEST(grapheme_clamps)
{
	ck_assert_uint_eq(text_next_grapheme("abc", 3, 3), 3);
	ck_assert_uint_eq(text_next_grapheme("abc", 3, 7), 3);
	ck_assert_uint_eq(text_prev_grapheme("abc", 3, 0), 0);
	ck_assert_uint_eq(text_prev_grapheme("abc", 3, 9), 2);
	ck_assert_uint_eq(text_next_grapheme("", 0, 0), 0);
	ck_assert_uint_eq(text_next_grapheme("\xff\xfe", 2, 0), 1);
}
END_TEST

START_TEST(encode_key_accepts_text)
{
	char buf[5];

	ck_assert_uint_eq(text_encode_key(L'a', buf), 1);
	ck_assert_str_eq(buf, "a");
	ck_assert_uint_eq(text_encode_key(0xe9, buf), 2);
	ck_assert_str_eq(buf, "é");
	ck_assert_uint_eq(text_encode_key(0x4e2d, buf), 3);
	ck_assert_str_eq(buf, "中");
	ck_assert_uint_eq(text_encode_key(0x1f44d, buf), 4);
	ck_assert_str_eq(buf, "👍");
	ck_assert_uint_eq(text_encode_key(0x200d, buf), 3);
}
END_TEST

START_TEST(encode_key_rejects_controls)
{
	static const wchar_t bad[] = {
		0, 0x09, 0x0a, 0x1b, 0x7f, 0x85, 0x9b, 0xd800, 0xdfff,
		0x110000, 0xfffe, 0xffff, 0x1fffe, 0xfdd0, 0xfdef, 0x202e,
		0x2066, 0xfeff, -1,
	};
	char buf[5];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_uint_eq(text_encode_key(bad[i], buf), 0);
}
END_TEST

/* Assert that S folds to EXPECTED. */
static void
assert_fold(const char *s, const char *expected)
{
	char *f;

	f = text_fold(s);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f, expected);
	free(f);
}

START_TEST(fold_accents_and_case)
{
	assert_fold("Élève", "eleve");
	assert_fold("Noël", "noel");
	assert_fold("E\xcc\x81le\xcc\x80ve", "eleve");
	assert_fold("ÇA VA", "ca va");
	assert_fold("", "");
}
END_TEST

START_TEST(fold_ligatures)
{
	assert_fold("Œuvre", "oeuvre");
	assert_fold("cœur", "coeur");
	assert_fold("ÆSOP", "aesop");
	assert_fold("Straße", "strasse");
	assert_fold("ĳssel", "ijssel");
	assert_fold("ﬁn", "fin");
}
END_TEST

START_TEST(fold_keeps_other_scripts)
{
	assert_fold("中文", "中文");
	assert_fold("한국", "한국");
	assert_fold("ΑΘΗΝΑ", "αθηνα");
	ck_assert_ptr_null(text_fold("caf\xc3"));
}
END_TEST

/* Assert that S is a valid handle that becomes EXPECTED. */
static void
assert_handle(const char *s, const char *expected)
{
	const char *why = "unset";
	char *out;

	ck_assert(text_handle_valid(s, &out, &why));
	ck_assert_ptr_null(why);
	ck_assert_str_eq(out, expected);
	free(out);
}

/* Assert that S is refused as a handle, with reason WHY. */
static void
assert_no_handle(const char *s, const char *reason)
{
	const char *why = NULL;
	char *out = (char *)"unset";

	ck_assert(!text_handle_valid(s, &out, &why));
	ck_assert_ptr_null(out);
	ck_assert_str_eq(why, reason);
}

START_TEST(handle_accepted)
{
	assert_handle("alice", "alice");
	assert_handle("Alice_42", "alice_42");
	assert_handle("a-b", "a-b");
	assert_handle("abcdefghijklmnopqrstuvwx", "abcdefghijklmnopqrstuvwx");
	assert_handle("Newton", "newton");
}
END_TEST

START_TEST(handle_refused)
{
	const char *length = "A handle has 3 to 24 characters.";
	const char *chars = "A handle uses only letters a-z, digits, '-' and "
	    "'_', and starts with a letter.";

	assert_no_handle("", length);
	assert_no_handle("ab", length);
	assert_no_handle("abcdefghijklmnopqrstuvwxy", length);
	assert_no_handle("1abc", chars);
	assert_no_handle("_abc", chars);
	assert_no_handle("al ice", chars);
	assert_no_handle("élodie", chars);
	assert_no_handle("bob!", chars);
}
END_TEST

START_TEST(handle_reserved)
{
	const char *reserved = "This handle is reserved.";

	assert_no_handle("new", reserved);
	assert_no_handle("Nouveau", reserved);
	assert_no_handle("ROOT", reserved);
	assert_no_handle("admin", reserved);
	assert_no_handle("sysop", reserved);
}
END_TEST

/* Feed LEN bytes of IN one at a time; the characters that came out, as
 * wide characters in OUT (at most 16), and how many. */
static size_t
decode_all(struct text_decoder *d, const char *in, size_t len, wchar_t *out)
{
	size_t i, n = 0;
	wchar_t wc;

	for (i = 0; i < len; i++) {
		if (text_decode_byte(d, (unsigned char)in[i], &wc) && n < 16)
			out[n++] = wc;
	}
	return n;
}

START_TEST(decode_valid_characters)
{
	struct text_decoder d = { 0 };
	wchar_t out[16];
	size_t n;
	const char in[] = "aé中👍";

	n = decode_all(&d, in, strlen(in), out);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(out[0], L'a');
	ck_assert_int_eq(out[1], 0xe9);
	ck_assert_int_eq(out[2], 0x4e2d);
	ck_assert_int_eq(out[3], 0x1f44d);
	ck_assert_uint_eq(d.dropped, 0);
	ck_assert_uint_eq(d.len, 0);
}
END_TEST

/* A character split between two reads comes out whole at its last byte,
 * however long the wait between them was. */
START_TEST(decode_keeps_a_character_begun)
{
	struct text_decoder d = { 0 };
	wchar_t wc = 0;

	ck_assert(!text_decode_byte(&d, 0xc3, &wc));
	ck_assert_uint_eq(d.len, 1);
	ck_assert(text_decode_byte(&d, 0xa9, &wc));
	ck_assert_int_eq(wc, 0xe9);
	ck_assert_uint_eq(d.dropped, 0);
}
END_TEST

/* The report: K, the bytes E2 82 (a character cut short), then abc: K
 * and abc come out, the two bytes are dropped. */
START_TEST(decode_drops_a_sequence_cut_short)
{
	struct text_decoder d = { 0 };
	wchar_t out[16];
	size_t n;
	const char in[] = "K\xe2\x82" "abc";

	n = decode_all(&d, in, strlen(in), out);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(out[0], L'K');
	ck_assert_int_eq(out[1], L'a');
	ck_assert_int_eq(out[2], L'b');
	ck_assert_int_eq(out[3], L'c');
	ck_assert_uint_eq(d.dropped, 2);
}
END_TEST

/* Latin-1 "été" (E9 t E9): the t comes out; the last E9 waits, and goes
 * when the next key shows it was not UTF-8 either. */
START_TEST(decode_latin1_does_not_block)
{
	struct text_decoder d = { 0 };
	wchar_t out[16];
	size_t n;

	n = decode_all(&d, "\xe9t\xe9", 3, out);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(out[0], L't');
	ck_assert_uint_eq(d.dropped, 1);
	n = decode_all(&d, "x", 1, out);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(out[0], L'x');
	ck_assert_uint_eq(d.dropped, 2);
	ck_assert_uint_eq(d.len, 0);
}
END_TEST

START_TEST(decode_drops_invalid_bytes)
{
	struct text_decoder d = { 0 };
	wchar_t out[16];
	size_t n;
	/* A lone continuation, 0xff, an overlong slash, a surrogate. */
	const char in[] = "\x80" "a\xff" "b\xc0\xaf" "c\xed\xa0\x80" "d";

	n = decode_all(&d, in, strlen(in), out);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(out[0], L'a');
	ck_assert_int_eq(out[1], L'b');
	ck_assert_int_eq(out[2], L'c');
	ck_assert_int_eq(out[3], L'd');
	ck_assert_uint_eq(d.dropped, 7);
}
END_TEST

START_TEST(decode_drop_ends_a_character_begun)
{
	struct text_decoder d = { 0 };
	wchar_t wc = 0;

	ck_assert(!text_decode_byte(&d, 0xf0, &wc));
	ck_assert(!text_decode_byte(&d, 0x9f, &wc));
	text_decode_drop(&d);
	ck_assert_uint_eq(d.dropped, 2);
	ck_assert(text_decode_byte(&d, 'z', &wc));
	ck_assert_int_eq(wc, L'z');
}
END_TEST

Suite *
text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc;

	tc = tcase_create("clean");
	tcase_add_test(tc, invalid_lone_continuation);
	tcase_add_test(tc, invalid_overlong);
	tcase_add_test(tc, invalid_surrogate);
	tcase_add_test(tc, invalid_truncated_and_too_big);
	tcase_add_test(tc, clean_csi_removed_whole);
	tcase_add_test(tc, clean_osc_removed_whole);
	tcase_add_test(tc, clean_c1_csi_removed);
	tcase_add_test(tc, clean_other_escapes_removed);
	tcase_add_test(tc, clean_controls_removed);
	tcase_add_test(tc, clean_bidi_and_bom_removed);
	tcase_add_test(tc, clean_keeps_emoji_joiners);
	tcase_add_test(tc, clean_tab_expansion);
	tcase_add_test(tc, clean_crlf);
	tcase_add_test(tc, clean_nfc);
	tcase_add_test(tc, clean_max_chars);
	tcase_add_test(tc, clean_huge_input_refused_early);
	tcase_add_test(tc, clean_empty);
	tcase_add_test(tc, clean_single_line_and_trim);
	tcase_add_test(tc, status_messages);
	suite_add_tcase(s, tc);

	tc = tcase_create("measure");
	tcase_add_test(tc, chars_count_code_points);
	tcase_add_test(tc, width_of_letters);
	tcase_add_test(tc, width_of_emoji_and_marks);
	tcase_add_test(tc, width_of_invalid_bytes);
	tcase_add_test(tc, fit_never_cuts_cjk);
	tcase_add_test(tc, fit_never_cuts_emoji_with_modifier);
	tcase_add_test(tc, fit_keeps_combining_marks);
	tcase_add_test(tc, fit_stops_at_newline);
	tcase_add_test(tc, truncate_with_ellipsis);
	tcase_add_test(tc, truncate_without_cut);
	suite_add_tcase(s, tc);

	tc = tcase_create("wrap");
	tcase_add_test(tc, wrap_breaks_at_spaces);
	tcase_add_test(tc, wrap_mixed_text);
	tcase_add_test(tc, wrap_cjk_breaks_between_characters);
	tcase_add_test(tc, wrap_long_word_cut);
	tcase_add_test(tc, wrap_newlines_force_breaks);
	tcase_add_test(tc, wrap_empty_and_narrow);
	tcase_add_test(tc, wrap_trailing_spaces);
	tcase_add_test(tc, wrap_long_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("grapheme");
	tcase_add_test(tc, grapheme_combining);
	tcase_add_test(tc, grapheme_emoji_modifier_and_cjk);
	tcase_add_test(tc, grapheme_zwj_sequence);
	tcase_add_test(tc, grapheme_flags_and_crlf);
	tcase_add_test(tc, grapheme_clamps);
	tcase_add_test(tc, encode_key_accepts_text);
	tcase_add_test(tc, encode_key_rejects_controls);
	suite_add_tcase(s, tc);

	tc = tcase_create("decode");
	tcase_add_test(tc, decode_valid_characters);
	tcase_add_test(tc, decode_keeps_a_character_begun);
	tcase_add_test(tc, decode_drops_a_sequence_cut_short);
	tcase_add_test(tc, decode_latin1_does_not_block);
	tcase_add_test(tc, decode_drops_invalid_bytes);
	tcase_add_test(tc, decode_drop_ends_a_character_begun);
	suite_add_tcase(s, tc);

	tc = tcase_create("fold");
	tcase_add_test(tc, fold_accents_and_case);
	tcase_add_test(tc, fold_ligatures);
	tcase_add_test(tc, fold_keeps_other_scripts);
	tcase_add_test(tc, handle_accepted);
	tcase_add_test(tc, handle_refused);
	tcase_add_test(tc, handle_reserved);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return tap_run(text_suite());
}
