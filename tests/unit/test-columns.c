/*
 * test-columns.c - the layout of a list's columns (screens/columns.c),
 * without a terminal: cells are measured, columns laid out, and their
 * positions and widths checked.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "text.h"
#include "tap.h"

Suite	*columns_suite(void);

/* The frame functions columns.c refers to: no drawing, but the last
 * call of each is kept, and they answer the columns they would draw. */
struct drawn {
	int	 x, cols;
	char	 text[256];
};
static struct drawn cut, right;

static int
draw(struct drawn *d, int x, int cols, const char *s)
{
	int w = text_width(s);

	d->x = x;
	d->cols = cols;
	snprintf(d->text, sizeof d->text, "%s", s);
	return w < cols ? w : cols;
}

int
ui_text_cut(struct ui *ui, int y, int x, int cols, const char *s, int attr)
{
	(void)ui; (void)y; (void)attr;
	return draw(&cut, x, cols, s);
}

int
ui_text_right(struct ui *ui, int y, int x, int cols, const char *s, int attr)
{
	(void)ui; (void)y; (void)attr;
	return draw(&right, x, cols, s);
}

int
ui_attr(struct ui *ui, enum ui_attr a)
{
	(void)ui; (void)a;
	return 0;
}

enum { KIND, TITLE, AUTHOR, DATE, N };

static struct ui_column col[N];

static void
setup(void)
{
	static const struct ui_column initial[N] = {
		[KIND] = { .min = 4, .max = 10 },
		[TITLE] = { .min = 16, .flags = UI_COLUMN_FILL },
		[AUTHOR] = { .min = 8, .max = 15 },
		[DATE] = { .min = 5, .max = 16, .flags = UI_COLUMN_RIGHT },
	};

	memcpy(col, initial, sizeof col);
}

static void
row(const char *kind, const char *title, const char *author,
    const char *date)
{
	ui_column_measure(&col[KIND], kind);
	ui_column_measure(&col[TITLE], title);
	ui_column_measure(&col[AUTHOR], author);
	ui_column_measure(&col[DATE], date);
}

/* The widest date of the page is whole: "1er décembre" was cut. */
START_TEST(dates_are_whole)
{
	row("Prête", "Scie sauteuse", "Lucas Muller", "hier");
	row("Cherche", "Monter une étagère", "Odile Schmitt", "1er décembre");
	ui_columns_layout(col, N, 2, 77, 1);
	ck_assert_int_eq(col[DATE].width, text_width("1er décembre"));
	ck_assert_int_eq(col[KIND].width, text_width("Cherche"));
	ck_assert_int_eq(col[AUTHOR].width, text_width("Odile Schmitt"));
	/* The title takes the rest, and the row ends at the width. */
	ck_assert_int_eq(col[DATE].x + col[DATE].width, 2 + 77);
	ck_assert_int_eq(col[TITLE].x, col[KIND].x + col[KIND].width + 1);
	ck_assert_int_eq(col[TITLE].width, 77 - 7 - 13 - 12 - 3);
}
END_TEST

/* A name longer than its column's MAX gets the room a title leaves. */
START_TEST(short_titles_lend_to_names)
{
	row("Donne", "Cartons", "Centre socio-culturel Krutenau", "hier");
	ui_columns_layout(col, N, 2, 77, 1);
	ck_assert_int_eq(col[AUTHOR].width,
	    text_width("Centre socio-culturel Krutenau"));
	ck_assert_int_ge(col[TITLE].width, text_width("Cartons"));
	ck_assert_int_eq(col[DATE].x + col[DATE].width, 2 + 77);
}
END_TEST

/* Too narrow: the title gives way to its min first, then the widest of
 * the others, never below their own min. */
START_TEST(narrow_lines_shrink_the_widest)
{
	row("Cherche", "Un titre très long qui ne tient pas", "Sophie Martin",
	    "1er décembre");
	ui_columns_layout(col, N, 0, 40, 1);
	ck_assert_int_eq(col[TITLE].width, 16);
	ck_assert_int_eq(col[KIND].width + col[TITLE].width +
	    col[AUTHOR].width + col[DATE].width + 3, 40);
	ck_assert_int_ge(col[AUTHOR].width, 8);
	ck_assert_int_ge(col[DATE].width, 5);
	ck_assert_int_ge(col[KIND].width, 4);
}
END_TEST

/* A column with nothing to show takes no room, nor a gap. */
START_TEST(empty_columns_vanish)
{
	struct ui_column c[3] = {
		{ .min = 0, .max = 12 },
		{ .min = 10, .flags = UI_COLUMN_FILL },
		{ .min = 0, .max = 12 },
	};

	ui_column_measure(&c[1], "Titre");
	ui_column_measure(&c[2], "hier");
	ui_columns_layout(c, 3, 0, 30, 1);
	ck_assert_int_eq(c[0].width, 0);
	ck_assert_int_eq(c[1].x, 0);
	ck_assert_int_eq(c[1].width, 30 - 4 - 1);
	ck_assert_int_eq(c[2].x, 26);
}
END_TEST

/* Wide characters are measured in columns, not bytes. */
START_TEST(cells_are_measured_in_columns)
{
	ui_column_measure(&col[AUTHOR], "中文字");
	ck_assert_int_eq(col[AUTHOR].want, 6);
	ui_column_measure(&col[AUTHOR], "Zoé");
	ck_assert_int_eq(col[AUTHOR].want, 6);
	ui_columns_reset(col, N);
	ck_assert_int_eq(col[AUTHOR].want, 0);
}
END_TEST

/* A filling column with a MAX (a name in a table) takes no more: the
 * row ends short of a wide line instead of opening a gap of blanks. */
START_TEST(a_filling_max_stops_the_row)
{
	struct ui_column c[3] = {
		{ .min = 4, .max = 20 },
		{ .min = 10, .max = 40, .flags = UI_COLUMN_FILL },
		{ .min = 4, .max = 12 },
	};

	ui_column_measure(&c[0], "csc-krutenau");
	ui_column_measure(&c[1], "Centre socio-culturel Krutenau");
	ui_column_measure(&c[2], "modérateur");
	ui_columns_layout(c, 3, 2, 117, 1);
	ck_assert_int_eq(c[1].width, 40);
	ck_assert_int_eq(c[2].x, 2 + 12 + 1 + 40 + 1);
	/* Narrower, it is a filling column as any other. */
	ui_columns_layout(c, 3, 2, 60, 1);
	ck_assert_int_eq(c[1].width, 60 - 12 - 10 - 2);
}
END_TEST

/* A list's heading has the whole line but its page number: the filters
 * of the classifieds lost their last letter to a fixed margin. */
START_TEST(headings_take_the_line)
{
	static const char heading[] = "Kind: Wanted · Category: all · "
	    "Status: available or reserved";
	struct ui ui;

	memset(&ui, 0, sizeof ui);
	ui.cols = 80;
	ui_list_heading(&ui, 1, heading, 1);
	ck_assert_str_eq(right.text, "page 1");
	ck_assert_int_eq(right.x + right.cols, 80 - 1);
	ck_assert_str_eq(cut.text, heading);
	ck_assert_int_eq(cut.x, 1);
	ck_assert_int_eq(cut.cols, 80 - 2 - 1 - text_width("page 1"));
	ui_list_heading(&ui, 1, heading, 12);
	ck_assert_int_eq(cut.cols, 80 - 2 - 1 - text_width("page 12"));
}
END_TEST

Suite *
columns_suite(void)
{
	Suite *s = suite_create("columns");
	TCase *tc = tcase_create("layout");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, dates_are_whole);
	tcase_add_test(tc, short_titles_lend_to_names);
	tcase_add_test(tc, narrow_lines_shrink_the_widest);
	tcase_add_test(tc, empty_columns_vanish);
	tcase_add_test(tc, cells_are_measured_in_columns);
	tcase_add_test(tc, a_filling_max_stops_the_row);
	tcase_add_test(tc, headings_take_the_line);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tap_run(columns_suite());
}
