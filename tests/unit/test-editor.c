/*
 * test-editor.c - the text field's buffer and cursor (screens/editor.c)
 * without a terminal: keys and pastes go in, the text and the cursor are
 * checked.  Found by tests/fuzz/fuzz-keys: an edit next to a combining mark
 * left the cursor inside a grapheme cluster.
 */
#include "build-config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "text.h"
#include "tap.h"

#define ACUTE	"\xcc\x81"	/* U+0301 COMBINING ACUTE ACCENT */

Suite	*editor_suite(void);

/* The frame functions editor.c refers to: a message line, no drawing. */
void
ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
}

int
ui_text(struct ui *ui, int y, int x, int cols, const char *s, int attr)
{
	(void)ui; (void)y; (void)x; (void)s; (void)attr;
	return cols;
}

void
ui_place_cursor(struct ui *ui, int y, int x)
{
	(void)ui; (void)y; (void)x;
}

static struct ui ui;
static struct editor ed;

static void
setup(void)
{
	memset(&ui, 0, sizeof ui);
	editor_init(&ed, true, 0);
}

static void
teardown(void)
{
	editor_free(&ed);
	free(ui.paste);
}

static void
key(int code)
{
	struct ui_key k = { code, 0 };

	editor_key(&ui, &ed, &k);
}

static void
type(wint_t ch)
{
	struct ui_key k = { 0, ch };

	editor_key(&ui, &ed, &k);
}

static void
paste(const char *s)
{
	free(ui.paste);
	ui.paste = strdup(s);
	ui.paste_len = strlen(s);
	ui.paste_cap = ui.paste_len + 1;
	key(UI_KEY_PASTE);
}

/* The cursor sits between two clusters of the text, and nchars is right. */
static void
assert_sound(void)
{
	size_t c = ed.cursor;

	ck_assert_uint_le(c, ed.len);
	ck_assert_uint_eq(ed.nchars, text_chars(ed.buf));
	if (c > 0 && c < ed.len)
		ck_assert_uint_eq(text_prev_grapheme(ed.buf, ed.len,
		    text_next_grapheme(ed.buf, ed.len, c)), c);
}

START_TEST(typing_before_a_mark_joins_it)
{
	/* A mark alone at a line's start, the cursor before it: the letter
	 * typed takes the mark and the cursor goes after both. */
	editor_set(&ed, "\n" ACUTE "b");
	key(KEY_LEFT);
	key(KEY_LEFT);
	ck_assert_uint_eq(ed.cursor, 1);
	type('e');
	ck_assert_str_eq(editor_text(&ed), "\ne" ACUTE "b");
	ck_assert_uint_eq(ed.cursor, 4);
	assert_sound();
	key(KEY_LEFT);
	ck_assert_uint_eq(ed.cursor, 1);
}
END_TEST

START_TEST(backspace_joining_a_mark)
{
	/* Taking the newline away joins the mark to the letter before it. */
	editor_set(&ed, "a\n" ACUTE);
	key(KEY_LEFT);
	ck_assert_uint_eq(ed.cursor, 2);
	key(KEY_BACKSPACE);
	ck_assert_str_eq(editor_text(&ed), "a" ACUTE);
	assert_sound();
	ck_assert_uint_eq(ed.cursor, 3);
}
END_TEST

START_TEST(paste_before_a_mark)
{
	editor_set(&ed, "\n" ACUTE);
	key(KEY_LEFT);
	paste("xy");
	ck_assert_str_eq(editor_text(&ed), "\nxy" ACUTE);
	assert_sound();
	ck_assert_uint_eq(ed.cursor, ed.len);
}
END_TEST

START_TEST(fuzz_keys_crasher)
{
	/* The script fuzz-keys found: a hieroglyph, a CJK letter, Enter,
	 * U+0A3C (a Gurmukhi mark), Left, then U+20000 typed before it. */
	type(0x13b0d);
	type(0x4060);
	type('\n');
	type(0x0a3c);
	key(KEY_LEFT);
	type(0x20000);
	assert_sound();
	ck_assert_uint_eq(ed.cursor, ed.len);
}
END_TEST

START_TEST(flags_pair_anew)
{
	/* Three regional indicators, a fourth typed after the first pair:
	 * the cursor ends after a whole flag. */
	editor_set(&ed, "🇫🇷🇫");
	key(KEY_LEFT);
	ck_assert_uint_eq(ed.cursor, 8);
	type(0x1f1f7);	/* R */
	assert_sound();
	ck_assert_str_eq(editor_text(&ed), "🇫🇷🇷🇫");
}
END_TEST

Suite *
editor_suite(void)
{
	Suite *s = suite_create("editor");
	TCase *tc = tcase_create("cursor");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, typing_before_a_mark_joins_it);
	tcase_add_test(tc, backspace_joining_a_mark);
	tcase_add_test(tc, paste_before_a_mark);
	tcase_add_test(tc, fuzz_keys_crasher);
	tcase_add_test(tc, flags_pair_anew);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tap_run(editor_suite());
}
