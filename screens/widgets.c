/*
 * widgets.c - drawing text by display columns, dialogs (confirm, choose,
 * prompt) and dates in the resident's language.
 *
 * Every string reaches the terminal through ui_text(), which measures and
 * cuts it with text.c: columns, never bytes, and never half a character.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui.h"
#include "text.h"

int
ui_attr(struct ui *ui, enum ui_attr which)
{
	if (!ui->colour) {
		switch (which) {
		case UI_ATTR_BAR:
		case UI_ATTR_SELECTED:
			return A_REVERSE;
		case UI_ATTR_TITLE:
		case UI_ATTR_UNREAD:
		case UI_ATTR_ERROR:
		case UI_ATTR_PINNED:
			return A_BOLD;
		case UI_ATTR_DIM:
		case UI_ATTR_INFO:
		case UI_ATTR_NORMAL:
			return A_NORMAL;
		}
		return A_NORMAL;
	}
	switch (which) {
	case UI_ATTR_BAR:
		return COLOR_PAIR(1);
	case UI_ATTR_TITLE:
		return A_BOLD;
	case UI_ATTR_SELECTED:
		/* Bold too: the chosen row never shows by colour alone. */
		return COLOR_PAIR(6) | A_BOLD;
	case UI_ATTR_UNREAD:
		return A_BOLD;
	case UI_ATTR_DIM:
		return COLOR_PAIR(4);
	case UI_ATTR_ERROR:
		return COLOR_PAIR(2) | A_BOLD;
	case UI_ATTR_PINNED:
		return COLOR_PAIR(3) | A_BOLD;
	case UI_ATTR_INFO:
		return COLOR_PAIR(5);
	case UI_ATTR_NORMAL:
		break;
	}
	return A_NORMAL;
}

/*
 * The first thing a screen draws in the selected attribute is the start
 * of its chosen row: the frame puts the cursor there (ui_redraw).  The
 * bars, drawn outside the screen's draw, never count.
 */
static void
ui_mark(struct ui *ui, int y, int x, int attr)
{
	int sel;

	if (!ui->marking || ui->mark_placed)
		return;
	sel = ui_attr(ui, UI_ATTR_SELECTED);
	if (ui->colour ? (attr & A_COLOR) != (sel & A_COLOR) :
	    (attr & A_REVERSE) == 0)
		return;
	ui->mark_placed = true;
	ui->mark_y = y;
	ui->mark_x = x;
}

/*
 * Draw as much of S as fits in COLS columns at (Y, X); a newline ends it.
 * Returns the columns drawn.
 */
int
ui_text(struct ui *ui, int y, int x, int cols, const char *s, int attr)
{
	size_t n;
	int used;

	if (cols <= 0 || s == NULL || y < 0 || y >= ui->rows)
		return 0;
	ui_mark(ui, y, x, attr);
	n = text_fit(s, strlen(s), cols, &used);
	attron(attr);
	mvaddnstr(y, x, s, (int)n);
	attroff(attr);
	return used;
}

/* The same, but a text that does not fit ends with "…" to say so. */
int
ui_text_cut(struct ui *ui, int y, int x, int cols, const char *s, int attr)
{
	char *cut;
	int used;

	if (cols <= 0 || s == NULL)
		return 0;
	if ((cut = text_truncate(s, cols)) == NULL)
		return ui_text(ui, y, x, cols, s, attr);
	used = ui_text(ui, y, x, cols, cut, attr);
	free(cut);
	return used;
}

/* The same, aligned to the right of the COLS columns starting at X. */
int
ui_text_right(struct ui *ui, int y, int x, int cols, const char *s, int attr)
{
	int w = text_width(s);

	if (w > cols)
		w = cols;
	return ui_text(ui, y, x + cols - w, cols, s, attr);
}

void
ui_fill(struct ui *ui, int y, int x, int cols, int attr)
{
	if (cols <= 0 || y < 0 || y >= ui->rows)
		return;
	ui_mark(ui, y, x, attr);
	attron(attr);
	mvhline(y, x, ' ', cols);
	attroff(attr);
}

/* Wrap S into at most ROWS lines of COLS columns; returns the lines used. */
int
ui_paragraph(struct ui *ui, int y, int x, int rows, int cols, const char *s,
    int attr)
{
	struct text_line *lines;
	size_t n, i;
	char *line;

	n = text_wrap(s, cols, &lines);
	for (i = 0; i < n && (int)i < rows; i++) {
		line = xstrndup(s + lines[i].start, lines[i].len);
		ui_text(ui, y + (int)i, x, cols, line, attr);
		free(line);
	}
	free(lines);
	return (int)i;
}

/* The line after a blank below the paragraph ui_paragraph() would draw
 * for S from line Y, in at most ROWS lines of COLS columns: where what
 * follows an intro starts. */
int
ui_paragraph_end(int y, const char *s, int rows, int cols)
{
	struct text_line *lines;
	size_t n = text_wrap(s, cols, &lines);

	free(lines);
	return y + (n < (size_t)rows ? (int)n : rows) + 1;
}

/*
 * A key a line of N numbered choices has no use for: F1 goes on to the
 * help; a character that would be text is refused with a word, since a
 * title begun there would otherwise vanish without a trace; any other
 * key does nothing.
 */
enum ui_result
ui_choice_other_key(struct ui *ui, const struct ui_key *key, int n)
{
	char utf8[8];

	if (key->code == KEY_F(1))
		return UI_IGNORED;
	if (key->code != 0 || text_encode_key((wchar_t)key->ch, utf8) == 0)
		return UI_HANDLED;
	if (n == 2)
		ui_error(ui, "%s", _("Choose with 1 or 2; Tab goes to the next "
		    "field."));
	else
		ui_error(ui, _("Choose with a number from 1 to %d; Tab goes "
		    "to the next field."), n);
	return UI_HANDLED;
}

bool
ui_key_is_char(const struct ui_key *key, wint_t c)
{
	return key->code == 0 && key->ch == c;
}

bool
ui_key_is_enter(const struct ui_key *key)
{
	if (key->code == KEY_ENTER)
		return true;
	return key->code == 0 && (key->ch == '\r' || key->ch == '\n');
}

/* Escape, or q, goes back everywhere except in text fields. */
bool
ui_key_is_back(const struct ui_key *key)
{
	return ui_key_is_char(key, UI_KEY_ESC) || ui_key_is_char(key, 'q') ||
	    ui_key_is_char(key, 'Q');
}

/* A box in the middle of the screen for dialogs; returns its first row. */
static int
ui_box(struct ui *ui, int height, int width, int *x)
{
	int y, i, attr = ui_attr(ui, UI_ATTR_SELECTED);

	if (height > ui->rows - 2)
		height = ui->rows - 2;
	y = (ui->rows - height) / 2;
	*x = (ui->cols - width) / 2;
	for (i = 0; i < height; i++)
		ui_fill(ui, y + i, *x, width, attr);
	return y;
}

/* Lines S takes wrapped in COLS columns. */
static int
ui_lines(const char *s, int cols)
{
	struct text_line *lines;
	size_t n;

	n = text_wrap(s, cols, &lines);
	free(lines);
	return (int)n;
}

/*
 * A question and its answer keys, wrapped in COLS columns into at most
 * MAX lines, as lines to free() in *OUT: the keys always end it, whole.
 * A question longer than MAX lines loses its end to "…" rather than its
 * keys.  Returns the number of lines.
 */
static int
ui_question_lines(const char *question, const char *keys, int cols, int max,
    char ***out)
{
	struct text_line *lines;
	char **result, *last, *cut;
	size_t n, i, used;
	int kw = text_width(keys);

	n = text_wrap(question, cols, &lines);
	used = n < (size_t)max ? n : (size_t)max;
	result = xcalloc(used + 2, sizeof *result);
	for (i = 0; i < used; i++)
		result[i] = xstrndup(question + lines[i].start, lines[i].len);
	if (n > used) {
		/* The rest of the question goes on the last line, cut. */
		last = xasprintf("%s %s", result[used - 1],
		    question + lines[used].start);
		free(result[used - 1]);
		result[used - 1] = last;
	}
	last = result[used - 1];
	if (text_width(last) + 1 + kw <= cols) {
		result[used - 1] = xasprintf("%s %s", last, keys);
		free(last);
	} else if (n <= used && used < (size_t)max)
		result[used++] = xstrdup(keys);
	else {
		cut = text_truncate(last, cols - kw - 1);
		result[used - 1] = xasprintf("%s %s", cut != NULL ? cut : "",
		    keys);
		free(cut);
		free(last);
	}
	free(lines);
	*out = result;
	return (int)used;
}

/*
 * Ask a yes/no question on the message line, and the lines above it when
 * it is long: the answer keys "(y/n)" always show.  "y" and "o" (oui)
 * both say yes whatever the language, so nobody is caught out; anything
 * else is no.
 */
bool
ui_confirm(struct ui *ui, const char *question)
{
	struct ui_key key;
	char **lines = NULL;
	int attr, n = 0, i, y;

	for (;;) {
		ui_redraw(ui);
		if (!ui->too_small) {
			attr = ui_attr(ui, UI_ATTR_SELECTED);
			n = ui_question_lines(question, _("(y/n)"),
			    ui->cols - 2, ui_body_rows(ui) / 2, &lines);
			y = ui->rows - 1 - n;
			for (i = 0; i < n; i++) {
				ui_fill(ui, y + i, 0, ui->cols, attr);
				ui_text(ui, y + i, 1, ui->cols - 2, lines[i],
				    attr);
				free(lines[i]);
			}
			free(lines);
			/* Where the question starts, for those who follow
			 * the cursor. */
			move(ui->rows - 1 - n, 1);
			curs_set(1);
			refresh();
		}
		ui_read_key(ui, &key, -1);
		if (key.code == KEY_RESIZE || key.code == UI_KEY_TIMER ||
		    ui->too_small)
			continue;
		return ui_key_is_char(&key, 'y') || ui_key_is_char(&key, 'Y') ||
		    ui_key_is_char(&key, 'o') || ui_key_is_char(&key, 'O');
	}
}

/* An option of a choice as shown: its NUMBER, then its text. */
static char *
ui_option(int number, const char *option)
{
	/* Past 9, no digit chooses it: the arrows do. */
	if (number > 9)
		return xasprintf("   %s", option);
	return xasprintf("%d  %s", number, option);
}

/*
 * Pick one of N options, shown numbered from FIRST in a box: a digit, or
 * the arrows and Enter (past 9, the arrows only).  Returns the index, or -1 for
 * Escape.  The title and the options wrap within the box, so that none
 * loses its end.
 */
static int
ui_choose_from(struct ui *ui, const char *title, const char *const *options,
    int n, int current, int first)
{
	struct ui_key key;
	char *line;
	int i, y, x, width, w, attr, sel, height, rows, cy, cx;

	if (current < 0 || current >= n)
		current = 0;
	for (;;) {
		ui_redraw(ui);
		if (!ui->too_small) {
			cy = cx = -1;
			width = text_width(title) + 4;
			for (i = 0; i < n; i++) {
				line = ui_option(i + first, options[i]);
				w = text_width(line) + 6;
				free(line);
				if (w > width)
					width = w;
			}
			if (width > ui->cols - 4)
				width = ui->cols - 4;
			height = ui_lines(title, width - 4) + 3;
			for (i = 0; i < n; i++) {
				line = ui_option(i + first, options[i]);
				height += ui_lines(line, width - 6);
				free(line);
			}
			attr = ui_attr(ui, UI_ATTR_SELECTED);
			y = ui_box(ui, height, width, &x);
			y += 1 + ui_paragraph(ui, y + 1, x + 2, height - 2,
			    width - 4, title, attr | A_BOLD) + 1;
			for (i = 0; i < n; i++) {
				line = ui_option(i + first, options[i]);
				sel = i == current ? A_REVERSE : 0;
				rows = ui_lines(line, width - 6);
				for (w = 0; w < rows; w++)
					ui_fill(ui, y + w, x + 2, width - 4,
					    attr ^ sel);
				if (i == current) {
					cy = y;
					cx = x + 2;
				}
				y += ui_paragraph(ui, y, x + 3, rows,
				    width - 6, line, attr ^ sel);
				free(line);
			}
			/* The chosen option, for those who follow the
			 * cursor. */
			if (cy >= 0) {
				move(cy, cx);
				curs_set(1);
			}
			refresh();
		}
		ui_read_key(ui, &key, -1);
		if (key.code == KEY_RESIZE || key.code == UI_KEY_TIMER ||
		    ui->too_small || key.code == UI_KEY_PASTE)
			continue;
		if (key.code == KEY_UP && current > 0)
			current--;
		else if (key.code == KEY_DOWN && current < n - 1)
			current++;
		else if (ui_key_is_enter(&key))
			return current;
		else if (ui_key_is_back(&key))
			return -1;
		else if (key.code == 0 && key.ch >= (wint_t)('0' + first) &&
		    key.ch <= '9' && key.ch < (wint_t)('0' + first + n))
			return (int)(key.ch - '0') - first;
	}
}

/* Options numbered from 1 (at most 9). */
int
ui_choose(struct ui *ui, const char *title, const char *const *options, int n,
    int current)
{
	return ui_choose_from(ui, title, options, n, current, 1);
}

/*
 * A filter: OPTIONS[0] is "all", numbered 0, and the others keep the
 * numbers their form gives them (1 Info, 2 Advice... on the wall's
 * form and in its filter alike), at most 9 of them.
 */
int
ui_choose_filter(struct ui *ui, const char *title, const char *const *options,
    int n, int current)
{
	return ui_choose_from(ui, title, options, n, current, 0);
}

/*
 * Ask for one line of text in a box, its label and keys wrapped in it.
 * Returns a new string (to free()), possibly empty, or NULL when the
 * resident pressed Escape.
 */
char *
ui_prompt(struct ui *ui, const char *label, const char *initial, bool masked,
    size_t max_chars)
{
	const char *hint = _("Enter: confirm   Esc: cancel");
	struct editor ed;
	struct ui_key key;
	char *result = NULL;
	int y, x, width, attr, height, label_rows;

	editor_init(&ed, false, max_chars);
	ed.masked = masked;
	if (initial != NULL)
		editor_set(&ed, initial);
	for (;;) {
		ui_redraw(ui);
		if (!ui->too_small) {
			/* The label and the keys wrap: none loses its end. */
			width = ui->cols - 10;
			label_rows = ui_lines(label, width - 4);
			height = label_rows + ui_lines(hint, width - 4) + 4;
			attr = ui_attr(ui, UI_ATTR_SELECTED);
			y = ui_box(ui, height, width, &x);
			y += 1 + ui_paragraph(ui, y + 1, x + 2, label_rows,
			    width - 4, label, attr | A_BOLD) + 1;
			ui_fill(ui, y, x + 2, width - 4, A_NORMAL);
			editor_draw(ui, &ed, y, x + 2, 1, width - 4, true);
			ui_paragraph(ui, y + 1, x + 2, height, width - 4, hint,
			    attr);
			move(ui->cursor_y, ui->cursor_x);
			curs_set(1);
			refresh();
		}
		ui_read_key(ui, &key, -1);
		if (key.code == KEY_RESIZE || key.code == UI_KEY_TIMER ||
		    ui->too_small)
			continue;
		ui->message[0] = '\0';
		if (ui_key_is_enter(&key)) {
			result = xstrdup(editor_text(&ed));
			break;
		}
		if (ui_key_is_char(&key, UI_KEY_ESC))
			break;
		editor_key(ui, &ed, &key);
	}
	if (masked && ed.buf != NULL)
		memset(ed.buf, 0, ed.cap);
	editor_free(&ed);
	curs_set(0);
	return result;
}
