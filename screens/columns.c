/*
 * columns.c - the columns of a list, laid out from the width there is.
 *
 * A list measures the cells of the rows it shows, in display columns
 * (text_width: accents, CJK and emoji count as the terminal draws them),
 * then lays its columns out: each takes what its widest cell needs,
 * within its bounds, and the column that fills (a title, a subject)
 * takes the rest.  When the width runs short the filling column gives
 * way first, down to its minimum, then the widest of the others, one
 * column at a time; a column held at its maximum gets back what the
 * filling one does not use.  Nothing is cut beside empty space, and a
 * date or a name is cut only when the line is really too narrow for it.
 */
#include "build-config.h"

#include <stdio.h>
#include <string.h>

#include "ui.h"
#include "text.h"

void
ui_columns_reset(struct ui_column *col, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		col[i].want = col[i].x = col[i].width = 0;
}

/* One more cell of COL: the column wants at least its width. */
void
ui_column_measure(struct ui_column *col, const char *cell)
{
	int w;

	if (cell != NULL && (w = text_width(cell)) > col->want)
		col->want = w;
}

/* What COL takes before the filling column has the rest. */
static int
ui_column_wanted(const struct ui_column *col)
{
	int w = col->want;

	if (col->max > 0 && w > col->max)
		w = col->max;
	if (w < col->min)
		w = col->min;
	return w;
}

/*
 * Lay out the N columns of COL in WIDTH columns from X, GAP blank
 * columns between two of them.  A column with nothing to show (no cell
 * wider than zero, and no minimum) takes no room and no gap.
 */
void
ui_columns_layout(struct ui_column *col, size_t n, int x, int width, int gap)
{
	size_t i, widest, fill = n;
	int used = 0, shown = 0, w;

	for (i = 0; i < n; i++) {
		if (col[i].flags & UI_COLUMN_FILL) {
			fill = i;
			col[i].width = col[i].min;
		} else
			col[i].width = ui_column_wanted(&col[i]);
		if (col[i].width > 0 || (col[i].flags & UI_COLUMN_FILL)) {
			used += col[i].width;
			shown++;
		}
	}
	if (shown > 1)
		used += gap * (shown - 1);
	/* Too wide: the others give way, the widest first, to their min. */
	while (used > width) {
		widest = n;
		for (i = 0; i < n; i++) {
			if (i == fill || col[i].width <= col[i].min)
				continue;
			if (widest == n || col[i].width > col[widest].width)
				widest = i;
		}
		if (widest == n)
			break;
		col[widest].width--;
		used--;
	}
	/* Then the filling column, down to one column, then nothing.  One
	 * with a MAX (a name in a table that has no title) takes no more,
	 * and the row ends short of the line. */
	if (used > width && fill < n) {
		w = col[fill].width - (used - width);
		col[fill].width = w > 1 ? w : 1;
	} else if (fill < n) {
		col[fill].width += width - used;
		if (col[fill].max > 0 && col[fill].width > col[fill].max &&
		    col[fill].max >= col[fill].min)
			col[fill].width = col[fill].max;
	}
	/* A filling column wider than its widest cell lends what it does
	 * not use to the columns held at their MAX, so that no name is cut
	 * beside blank space. */
	for (i = 0; fill < n && i < n; i++) {
		if (i == fill || col[i].width >= col[i].want ||
		    col[fill].width <= col[fill].want ||
		    col[fill].width <= col[fill].min)
			continue;
		w = col[i].want - col[i].width;
		if (w > col[fill].width - col[fill].want)
			w = col[fill].width - col[fill].want;
		if (w > col[fill].width - col[fill].min)
			w = col[fill].width - col[fill].min;
		col[i].width += w;
		col[fill].width -= w;
	}
	for (i = 0; i < n; i++) {
		col[i].x = x;
		if (col[i].width > 0 || i == fill)
			x += col[i].width + gap;
	}
}

/*
 * Draw CELL in its column on row Y: cut with "…" when it does not fit,
 * or aligned to the right for a UI_COLUMN_RIGHT column.  Returns the
 * columns drawn.
 */
int
ui_column_draw(struct ui *ui, int y, const struct ui_column *col,
    const char *cell, int attr)
{
	if (col->width <= 0 || cell == NULL)
		return 0;
	if ((col->flags & UI_COLUMN_RIGHT) && text_width(cell) <= col->width)
		return ui_text_right(ui, y, col->x, col->width, cell, attr);
	return ui_text_cut(ui, y, col->x, col->width, cell, attr);
}

/*
 * The heading line of a list: the number of the page at the right end,
 * and HEADING (or nothing) in all the rest, cut with "…" only when the
 * line is really full.
 */
void
ui_list_heading(struct ui *ui, int y, const char *heading, size_t page)
{
	char label[64];
	int w;

	snprintf(label, sizeof label, _("page %zu"), page);
	w = ui_text_right(ui, y, 1, ui->cols - 2, label,
	    ui_attr(ui, UI_ATTR_DIM));
	if (heading != NULL)
		ui_text_cut(ui, y, 1, ui->cols - 3 - w, heading,
		    ui_attr(ui, UI_ATTR_TITLE));
}
