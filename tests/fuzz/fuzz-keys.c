/*
 * fuzz-keys.c - libFuzzer target for the UI's key and paste handling.
 *
 * The bytes are read as a script of what a terminal can send to a text
 * field (screens/editor.c): typed characters of any value, the editing and
 * moving keys, bracketed pastes of arbitrary bytes (also cut ones), resizes
 * and texts put in by a screen.  After every step the field must hold what
 * the editor promises: valid UTF-8 of the length it believes, a cursor on a
 * grapheme boundary within it, no more characters than allowed.
 *
 * No terminal is needed: editor_key() only reports through ui_error() and
 * draws nothing, so the few frame functions editor.c refers to are given
 * here instead of linking ui.c and curses (editor_draw() is never called).
 */
#include "build-config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "text.h"

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: broken promise: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

/* The frame, as far as editor.c sees it: a message line. */
void
ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
	ui->message_kind = UI_ERROR;
}

int
ui_text(struct ui *ui, int y, int x, int cols, const char *s, int attr)
{
	(void)ui; (void)y; (void)x; (void)s; (void)attr;
	abort();	/* drawing is not fuzzed: nothing may get here */
	return cols;
}

void
ui_place_cursor(struct ui *ui, int y, int x)
{
	(void)ui; (void)y; (void)x;
	abort();
}

/* Whether POS is where a grapheme cluster of S starts (or its end). */
static bool
on_boundary(const char *s, size_t len, size_t pos)
{
	if (pos == 0 || pos == len)
		return true;
	return text_prev_grapheme(s, len, text_next_grapheme(s, len, pos)) ==
	    pos;
}

static void
check_editor(const struct editor *ed, bool limited)
{
	const char *text = editor_text(ed);

	CHECK(text == ed->buf);
	CHECK(ed->len < ed->cap && strlen(text) == ed->len);
	CHECK(text_valid_utf8(text, ed->len));
	CHECK(ed->cursor <= ed->len);
	CHECK(on_boundary(text, ed->len, ed->cursor));
	CHECK(ed->nchars == text_chars(text));
	CHECK(!limited || ed->max_chars == 0 || ed->nchars <= ed->max_chars);
	CHECK(editor_empty(ed) == (ed->len == 0));
	if (!ed->multiline)
		CHECK(strchr(text, '\n') == NULL);
}

/* The keys a field acts on, and a few it must leave alone. */
static const int keys[] = {
	KEY_BACKSPACE, KEY_DC, KEY_LEFT, KEY_RIGHT, KEY_UP, KEY_DOWN,
	KEY_PPAGE, KEY_NPAGE, KEY_HOME, KEY_END, KEY_ENTER, KEY_F(1),
	KEY_RESIZE, UI_KEY_TIMER,
};

/* The script's next byte (0 past its end). */
static unsigned
next(const uint8_t **p, const uint8_t *end)
{
	return *p < end ? *(*p)++ : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	struct ui ui;
	struct editor ed;
	struct ui_key key;
	unsigned op, n;
	bool limited = true;
	char *text;

	memset(&ui, 0, sizeof ui);
	/* One line (a title) or many (a post), with or without a limit. */
	op = next(&p, end);
	editor_init(&ed, op & 1, (op >> 1) % 4 == 0 ? 0 : next(&p, end) + 1);
	check_editor(&ed, limited);

	while (p < end) {
		op = next(&p, end);
		memset(&key, 0, sizeof key);
		switch (op % 8) {
		case 0:		/* a character of any value, even invalid */
			key.ch = next(&p, end) | next(&p, end) << 8 |
			    next(&p, end) << 16;
			editor_key(&ui, &ed, &key);
			break;
		case 1:
		case 2:		/* typing, mostly in ASCII and Latin-1 */
			key.ch = next(&p, end);
			editor_key(&ui, &ed, &key);
			break;
		case 3:		/* an editing or moving key */
			key.code = keys[next(&p, end) % (sizeof keys /
			    sizeof keys[0])];
			editor_key(&ui, &ed, &key);
			break;
		case 4:		/* Backspace, Delete, Enter as characters */
			key.ch = "\x7f\b\r\n\t\x1b"[next(&p, end) % 6];
			editor_key(&ui, &ed, &key);
			break;
		case 5:		/* a bracketed paste of arbitrary bytes */
			n = next(&p, end);
			n = n < 200 ? n : (n - 200) * 64;
			if (n > (size_t)(end - p))
				n = (unsigned)(end - p);
			if (n + 1 > ui.paste_cap) {
				ui.paste_cap = n + 1;
				ui.paste = realloc(ui.paste, ui.paste_cap);
			}
			memcpy(ui.paste, p, n);
			ui.paste[n] = '\0';
			ui.paste_len = n;
			ui.paste_cut = op & 0x80;
			p += n;
			key.code = UI_KEY_PASTE;
			CHECK(editor_key(&ui, &ed, &key) == UI_HANDLED);
			break;
		case 6:		/* the terminal was resized */
			ed.width = 1 + (int)(next(&p, end) % 100);
			ed.rows = 1 + (int)(next(&p, end) % 30);
			break;
		case 7:		/* a screen puts in a draft kept from before */
			n = next(&p, end) % 64;
			if (n > (size_t)(end - p))
				n = (unsigned)(end - p);
			if (text_clean((const char *)p, n, TEXT_ALLOW_EMPTY |
			    TEXT_KEEP_SPACE | (ed.multiline ? TEXT_MULTILINE :
			    0), ed.max_chars, &text) == TEXT_OK) {
				editor_set(&ed, text);
				CHECK(ed.cursor == ed.len && !ed.changed);
				free(text);
			}
			p += n;
			break;
		}
		check_editor(&ed, limited);
	}
	editor_free(&ed);
	free(ui.paste);
	return 0;
}
