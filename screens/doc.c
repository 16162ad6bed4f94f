/*
 * doc.c - a document that scrolls: an item laid out as wrapped lines,
 * each with its attribute and indent, shown from a top line.
 *
 * A post, an ad, an event, who comes to it and a conversation are all
 * read this way.  The lines are made again for a new width (the screen
 * clears the document and sets COLS), and the scrolling keys are the
 * same everywhere.  A document of several blocks (a post and its replies,
 * the messages of a conversation) tags each line with its block, so that
 * the arrows can choose one block after the other.
 */
#include "build-config.h"

#include <stdint.h>
#include <stdlib.h>

#include "ui.h"
#include "text.h"

/* Frees the lines; TOP stays, so a reload keeps the place read. */
void
ui_doc_clear(struct ui_doc *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->line[i].text);
	free(d->line);
	d->line = NULL;
	d->n = 0;
	d->cols = 0;
	d->block = 0;
}

/* One line as it is, LEN bytes of TEXT; drawing cuts it to the width. */
void
ui_doc_add_line(struct ui_doc *d, const char *text, size_t len, int indent,
    enum ui_attr attr)
{
	struct ui_doc_line *l;

	d->line = xrealloc(d->line, (d->n + 1) * sizeof *d->line);
	l = &d->line[d->n++];
	l->text = xstrndup(text, len);
	l->block = d->block;
	l->indent = indent;
	l->attr = attr;
}

void
ui_doc_blank(struct ui_doc *d)
{
	ui_doc_add_line(d, "", 0, 0, UI_ATTR_NORMAL);
}

/* A paragraph wrapped to the columns left after INDENT. */
void
ui_doc_paragraph(struct ui_doc *d, const char *text, int indent,
    enum ui_attr attr)
{
	struct text_line *lines;
	size_t n, i;

	if (text == NULL || *text == '\0') {
		ui_doc_add_line(d, "", 0, indent, attr);
		return;
	}
	n = text_wrap(text, d->cols - indent, &lines);
	for (i = 0; i < n; i++)
		ui_doc_add_line(d, text + lines[i].start, lines[i].len, indent,
		    attr);
	free(lines);
}

/* "Label: value", the value wrapped under itself. */
void
ui_doc_field(struct ui_doc *d, const char *label, const char *value,
    enum ui_attr attr)
{
	char *line = xasprintf("%s %s", label, value);

	ui_doc_paragraph(d, line, 0, attr);
	free(line);
}

/* Keep the last line at the bottom of ROWS at most, and TOP >= 0. */
void
ui_doc_clamp(struct ui_doc *d, int rows)
{
	int max = (int)d->n - rows;

	if (d->top > max)
		d->top = max;
	if (d->top < 0)
		d->top = 0;
}

/*
 * ROWS lines from TOP at row Y, text from column 2.  The lines of block
 * MARKED get a bar in the left margin (UI_DOC_UNMARKED: none); an arrow
 * above the key bar says there is more below.
 */
void
ui_doc_draw(struct ui *ui, struct ui_doc *d, int y, int rows, size_t marked)
{
	const struct ui_doc_line *l;
	int i;

	ui_doc_clamp(d, rows);
	for (i = 0; i < rows && d->top + i < (int)d->n; i++) {
		l = &d->line[d->top + i];
		if (marked != UI_DOC_UNMARKED && l->block == marked)
			ui_text(ui, y + i, 0, 1, "▌",
			    ui_attr(ui, UI_ATTR_INFO) | A_BOLD);
		ui_text(ui, y + i, 2 + l->indent, ui->cols - 4 - l->indent,
		    l->text, ui_attr(ui, l->attr));
	}
	if (d->top + rows < (int)d->n)
		ui_text_right(ui, ui->rows - 2, 0, ui->cols - 1, "↓",
		    ui_attr(ui, UI_ATTR_DIM));
}

/* Scrolling keys for a document of ROWS rows; UI_IGNORED for any other. */
enum ui_result
ui_doc_key(struct ui_doc *d, int rows, const struct ui_key *key)
{
	switch (key->code) {
	case KEY_DOWN:
		d->top++;
		break;
	case KEY_UP:
		d->top--;
		break;
	case KEY_NPAGE:
		d->top += rows - 1;
		break;
	case KEY_PPAGE:
		d->top -= rows - 1;
		break;
	case KEY_HOME:
		d->top = 0;
		break;
	case KEY_END:
		d->top = (int)d->n;
		break;
	default:
		return UI_IGNORED;
	}
	ui_doc_clamp(d, rows);
	return UI_HANDLED;
}

/* The first and last lines of BLOCK, -1 when it has none. */
static void
ui_doc_block_lines(const struct ui_doc *d, size_t block, int *first,
    int *last)
{
	size_t i;

	*first = -1;
	*last = -1;
	for (i = 0; i < d->n; i++) {
		if (d->line[i].block != block)
			continue;
		if (*first < 0)
			*first = (int)i;
		*last = (int)i;
	}
}

/* Bring BLOCK into view: all of it if it fits, else its start. */
void
ui_doc_show_block(struct ui_doc *d, size_t block, int rows)
{
	int first, last;

	ui_doc_block_lines(d, block, &first, &last);
	if (first < 0)
		return;
	if (last >= d->top + rows)
		d->top = last - rows + 1 < first ? last - rows + 1 : first;
	if (first < d->top)
		d->top = first;
	ui_doc_clamp(d, rows);
}

/*
 * Up and Down through NBLOCKS blocks: a chosen block longer than the
 * screen scrolls first, then the next one is chosen and brought into
 * view, so that nothing is skipped.
 */
static void
ui_doc_move(struct ui_doc *d, size_t *selected, size_t nblocks, int rows,
    int delta)
{
	int first, last;

	ui_doc_block_lines(d, *selected, &first, &last);
	if (delta > 0) {
		if (last >= d->top + rows)
			d->top++;
		else if (*selected + 1 < nblocks) {
			(*selected)++;
			ui_doc_show_block(d, *selected, rows);
		}
	} else {
		if (first < d->top)
			d->top--;
		else if (*selected > 0) {
			(*selected)--;
			ui_doc_block_lines(d, *selected, &first, &last);
			if (first < d->top)
				d->top = last - rows + 1 > first ?
				    last - rows + 1 : first;
		}
	}
	ui_doc_clamp(d, rows);
}

/*
 * The keys of a document of blocks, *SELECTED the chosen one: the arrows
 * choose block after block, a page jump chooses the block at the top,
 * Home and End the first and the last.  UI_IGNORED for any other key.
 */
enum ui_result
ui_doc_block_key(struct ui_doc *d, size_t *selected, size_t nblocks,
    int rows, const struct ui_key *key)
{
	switch (key->code) {
	case KEY_DOWN:
		ui_doc_move(d, selected, nblocks, rows, 1);
		return UI_HANDLED;
	case KEY_UP:
		ui_doc_move(d, selected, nblocks, rows, -1);
		return UI_HANDLED;
	case KEY_NPAGE:
	case KEY_PPAGE:
		d->top += key->code == KEY_NPAGE ? rows - 1 : -(rows - 1);
		ui_doc_clamp(d, rows);
		if (d->top < (int)d->n)
			*selected = d->line[d->top].block;
		return UI_HANDLED;
	case KEY_HOME:
		d->top = 0;
		*selected = 0;
		return UI_HANDLED;
	case KEY_END:
		d->top = (int)d->n;
		ui_doc_clamp(d, rows);
		*selected = nblocks > 0 ? nblocks - 1 : 0;
		return UI_HANDLED;
	default:
		return UI_IGNORED;
	}
}
