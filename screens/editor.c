/*
 * editor.c - the text field every screen uses: one line (handles, titles,
 * passwords) or many (posts, replies).
 *
 * The text is one UTF-8 buffer and a cursor that always sits between two
 * grapheme clusters, so that arrows, Backspace and Delete move over "é"
 * written as e + U+0301, over 中 and over 👍🏽 as one character each.  The
 * layout is recomputed from the buffer for the current width at every
 * draw: a resize changes how the text wraps, never the text.
 */
#include "build-config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "text.h"

void
editor_init(struct editor *ed, bool multiline, size_t max_chars)
{
	memset(ed, 0, sizeof *ed);
	ed->multiline = multiline;
	ed->max_chars = max_chars;
	ed->want_col = -1;
	ed->width = 72;
	ed->rows = 10;
	ed->cap = 64;
	ed->buf = xcalloc(1, ed->cap);
}

void
editor_free(struct editor *ed)
{
	free(ed->buf);
	memset(ed, 0, sizeof *ed);
}

const char *
editor_text(const struct editor *ed)
{
	return ed->buf;
}

bool
editor_empty(const struct editor *ed)
{
	return ed->len == 0;
}

void
editor_set(struct editor *ed, const char *text)
{
	size_t len = strlen(text);

	if (len + 1 > ed->cap) {
		ed->cap = len + 1;
		ed->buf = xrealloc(ed->buf, ed->cap);
	}
	memcpy(ed->buf, text, len + 1);
	ed->len = len;
	ed->cursor = len;
	ed->nchars = text_chars(text);
	ed->changed = false;
	ed->top = 0;
	ed->left = 0;
	ed->want_col = -1;
}

/*
 * After an edit the cursor may no longer sit between two clusters: a letter
 * typed before a combining mark takes the mark, a newline taken away joins
 * a mark to the letter before it, a regional indicator pairs anew.  It then
 * moves to the end of the cluster it fell into.
 */
static void
editor_settle(struct editor *ed)
{
	size_t pos = ed->cursor;

	if (pos == 0 || pos >= ed->len)
		return;
	if (text_prev_grapheme(ed->buf, ed->len,
	    text_next_grapheme(ed->buf, ed->len, pos)) != pos)
		ed->cursor = text_next_grapheme(ed->buf, ed->len, pos);
}

/* Insert LEN bytes of UTF-8 at the cursor, if the limit allows. */
static bool
editor_insert(struct ui *ui, struct editor *ed, const char *s, size_t len)
{
	if (ed->max_chars > 0 && ed->nchars + 1 > ed->max_chars) {
		ui_error(ui, ngettext("This text is full: %zu character at "
		    "most.", "This text is full: %zu characters at most.",
		    ed->max_chars), ed->max_chars);
		return false;
	}
	if (ed->len + len + 1 > ed->cap) {
		while (ed->len + len + 1 > ed->cap)
			ed->cap *= 2;
		ed->buf = xrealloc(ed->buf, ed->cap);
	}
	memmove(ed->buf + ed->cursor + len, ed->buf + ed->cursor,
	    ed->len - ed->cursor + 1);
	memcpy(ed->buf + ed->cursor, s, len);
	ed->len += len;
	ed->cursor += len;
	ed->nchars++;
	ed->changed = true;
	ed->want_col = -1;
	editor_settle(ed);
	return true;
}

/* Remove the bytes between FROM and TO (grapheme boundaries). */
static void
editor_remove(struct editor *ed, size_t from, size_t to)
{
	char saved;

	if (from >= to)
		return;
	saved = ed->buf[to];
	ed->buf[to] = '\0';
	ed->nchars -= text_chars(ed->buf + from);
	ed->buf[to] = saved;
	memmove(ed->buf + from, ed->buf + to, ed->len - to + 1);
	ed->len -= to - from;
	ed->cursor = from;
	ed->changed = true;
	ed->want_col = -1;
	editor_settle(ed);
}

/* The wrapped lines of the text at WIDTH columns, and the cursor's line. */
static size_t
editor_layout(const struct editor *ed, int width, struct text_line **lines,
    size_t *cursor_line)
{
	size_t n, i;

	if (ed->multiline)
		n = text_wrap(ed->buf, width, lines);
	else {
		*lines = xcalloc(1, sizeof **lines);
		(*lines)[0].len = ed->len;
		(*lines)[0].width = text_width(ed->buf);
		n = 1;
	}
	*cursor_line = 0;
	for (i = 0; i < n; i++) {
		if ((*lines)[i].start <= ed->cursor)
			*cursor_line = i;
	}
	return n;
}

/* The column of the cursor within its line. */
static int
editor_cursor_col(const struct editor *ed, const struct text_line *line)
{
	size_t upto = ed->cursor - line->start;

	if (upto > line->len)
		upto = line->len;
	return text_width_n(ed->buf + line->start, upto);
}

/*
 * A position at the very end of a line that was wrapped without a space
 * is also the start of the next line, where the cursor would be shown.
 * To stay on line I, the cursor stops one character before.
 */
static size_t
editor_clamp_to_line(const struct editor *ed, const struct text_line *lines,
    size_t n, size_t i, size_t offset)
{
	if (i + 1 < n && offset >= lines[i + 1].start &&
	    lines[i + 1].start > lines[i].start)
		return text_prev_grapheme(ed->buf, ed->len, lines[i + 1].start);
	return offset;
}

/* Move the cursor DELTA lines up or down, keeping its column. */
static void
editor_vertical(struct editor *ed, int delta, int width)
{
	struct text_line *lines;
	size_t n, cur, target;
	int col;

	n = editor_layout(ed, width, &lines, &cur);
	col = ed->want_col >= 0 ? ed->want_col :
	    editor_cursor_col(ed, &lines[cur]);
	if (delta < 0)
		target = (size_t)-delta > cur ? 0 : cur - (size_t)-delta;
	else
		target = cur + (size_t)delta >= n ? n - 1 : cur + (size_t)delta;
	if (target == cur) {
		/* First or last line: go to its start or its end. */
		ed->cursor = delta < 0 ? lines[cur].start :
		    lines[cur].start + lines[cur].len;
	} else
		ed->cursor = editor_clamp_to_line(ed, lines, n, target,
		    lines[target].start + text_fit(ed->buf +
		    lines[target].start, lines[target].len, col, NULL));
	ed->want_col = col;
	free(lines);
}

static void
editor_line_edge(struct editor *ed, bool end, int width)
{
	struct text_line *lines;
	size_t n, cur;

	n = editor_layout(ed, width, &lines, &cur);
	ed->cursor = end ? editor_clamp_to_line(ed, lines, n, cur,
	    lines[cur].start + lines[cur].len) : lines[cur].start;
	ed->want_col = -1;
	free(lines);
}

/*
 * A pasted block goes in at once, cleaned as a whole by text.c (an escape
 * sequence split over many keys disappears entirely; a one-line field gets
 * spaces for line breaks).  What does not fit is left out, with a message;
 * nothing already written is touched.
 */
static void
editor_paste(struct ui *ui, struct editor *ed)
{
	enum text_status ts;
	size_t room, take;
	char *clean;

	ts = text_clean(ui->paste != NULL ? ui->paste : "", ui->paste_len,
	    (ed->multiline ? TEXT_MULTILINE : 0) | TEXT_KEEP_SPACE |
	    TEXT_ALLOW_EMPTY, 0, &clean);
	if (ts != TEXT_OK) {
		ui_error(ui, "%s", text_status_message(ts));
		return;
	}
	room = ed->max_chars > ed->nchars ? ed->max_chars - ed->nchars : 0;
	if (ed->max_chars == 0)
		room = SIZE_MAX;
	take = text_prefix_chars(clean, strlen(clean), room);
	if (take < strlen(clean) || ui->paste_cut)
		ui_error(ui, ngettext("This text is full: %zu character at "
		    "most; the end of the paste was left out.", "This text is "
		    "full: %zu characters at most; the end of the paste was "
		    "left out.", ed->max_chars), ed->max_chars);
	if (take > 0) {
		if (ed->len + take + 1 > ed->cap) {
			while (ed->len + take + 1 > ed->cap)
				ed->cap *= 2;
			ed->buf = xrealloc(ed->buf, ed->cap);
		}
		memmove(ed->buf + ed->cursor + take, ed->buf + ed->cursor,
		    ed->len - ed->cursor + 1);
		memcpy(ed->buf + ed->cursor, clean, take);
		ed->len += take;
		ed->cursor += take;
		ed->buf[ed->len] = '\0';
		ed->nchars = text_chars(ed->buf);
		ed->changed = true;
		ed->want_col = -1;
		editor_settle(ed);
	}
	free(clean);
}

enum ui_result
editor_key(struct ui *ui, struct editor *ed, const struct ui_key *key)
{
	char utf8[8];
	size_t n;

	if (key->code == 0) {
		wint_t c = key->ch;

		if (c == '\r' || c == '\n') {
			if (!ed->multiline)
				return UI_IGNORED;
			editor_insert(ui, ed, "\n", 1);
			return UI_HANDLED;
		}
		if (c == 127 || c == 8) {
			editor_remove(ed, text_prev_grapheme(ed->buf, ed->len,
			    ed->cursor), ed->cursor);
			return UI_HANDLED;
		}
		if ((n = text_encode_key((wchar_t)c, utf8)) == 0)
			return UI_IGNORED;
		editor_insert(ui, ed, utf8, n);
		return UI_HANDLED;
	}
	switch (key->code) {
	case UI_KEY_PASTE:
		editor_paste(ui, ed);
		break;
	case KEY_BACKSPACE:
		editor_remove(ed, text_prev_grapheme(ed->buf, ed->len,
		    ed->cursor), ed->cursor);
		break;
	case KEY_DC:
		editor_remove(ed, ed->cursor, text_next_grapheme(ed->buf,
		    ed->len, ed->cursor));
		break;
	case KEY_LEFT:
		ed->cursor = text_prev_grapheme(ed->buf, ed->len, ed->cursor);
		ed->want_col = -1;
		break;
	case KEY_RIGHT:
		ed->cursor = text_next_grapheme(ed->buf, ed->len, ed->cursor);
		ed->want_col = -1;
		break;
	case KEY_UP:
	case KEY_DOWN:
		if (!ed->multiline)
			return UI_IGNORED;
		editor_vertical(ed, key->code == KEY_UP ? -1 : 1,
		    ed->width);
		break;
	case KEY_PPAGE:
	case KEY_NPAGE:
		if (!ed->multiline)
			return UI_IGNORED;
		editor_vertical(ed, key->code == KEY_PPAGE ?
		    -(ed->rows - 1) : ed->rows - 1,
		    ed->width);
		break;
	case KEY_HOME:
		editor_line_edge(ed, false, ed->width);
		break;
	case KEY_END:
		editor_line_edge(ed, true, ed->width);
		break;
	case KEY_ENTER:
		if (!ed->multiline)
			return UI_IGNORED;
		editor_insert(ui, ed, "\n", 1);
		break;
	default:
		return UI_IGNORED;
	}
	return UI_HANDLED;
}

/* A one-line field scrolls sideways to keep the cursor in view. */
static void
editor_draw_line(struct ui *ui, struct editor *ed, int y, int x, int cols,
    bool focused)
{
	char *shown = NULL;
	const char *text = ed->buf;
	size_t start, i, n;
	int col;

	if (ed->masked) {
		/* One bullet per character, never the characters. */
		n = ed->nchars;
		shown = xcalloc(n + 1, sizeof "•");
		for (i = 0; i < n; i++)
			strcat(shown, "•");
		text = shown;
		col = (int)text_chars(ed->buf) - (int)text_chars(ed->buf +
		    ed->cursor);
	} else
		col = text_width_n(ed->buf, ed->cursor);
	if (col < ed->left)
		ed->left = col;
	if (col - ed->left > cols - 1)
		ed->left = col - (cols - 1);
	/* Skip ED->LEFT columns, never splitting a character. */
	start = text_fit(text, strlen(text), ed->left, NULL);
	ui_text(ui, y, x, cols, text + start, A_UNDERLINE);
	if (focused)
		ui_place_cursor(ui, y, x + col - text_width_n(text, start));
	free(shown);
}

/*
 * Draw the field in ROWS x COLS at (Y, X).  When FOCUSED, the terminal
 * cursor is placed where the next character will go.
 */
void
editor_draw(struct ui *ui, struct editor *ed, int y, int x, int rows, int cols,
    bool focused)
{
	struct text_line *lines;
	size_t n, cur, i;
	char *line;

	if (rows <= 0 || cols <= 1)
		return;
	if (!ed->multiline) {
		editor_draw_line(ui, ed, y, x, cols, focused);
		return;
	}
	/* Keep a column free for the cursor after the last character. */
	ed->width = cols - 1;
	ed->rows = rows;
	n = editor_layout(ed, cols - 1, &lines, &cur);
	if ((int)cur < ed->top)
		ed->top = (int)cur;
	if ((int)cur >= ed->top + rows)
		ed->top = (int)cur - rows + 1;
	if (ed->top > 0 && (int)n - ed->top < rows)
		ed->top = (int)n > rows ? (int)n - rows : 0;
	for (i = (size_t)ed->top; i < n && (int)(i - ed->top) < rows; i++) {
		line = xstrndup(ed->buf + lines[i].start, lines[i].len);
		ui_text(ui, y + (int)(i - ed->top), x, cols - 1, line, A_NORMAL);
		free(line);
	}
	if (focused)
		ui_place_cursor(ui, y + (int)cur - ed->top,
		    x + editor_cursor_col(ed, &lines[cur]));
	free(lines);
}
