/*
 * sysop-residents.c - the console's residents: a search across every
 * quartier, or only those waiting to be verified.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "when.h"
#include "text.h"
#include "sysop.h"

/*
 * Residents: a search across every quartier.
 */
struct residents {
	struct ui_list		 list;		/* of struct resident */
	bool			 pending_only;
	char			*prefix;
};

static const struct ui_keyhelp residents_keys[] = {
	{ N_("Enter"), N_("Open"), true },
	{ "s", N_("Search"), true },
	{ "p", N_("Pending only"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ N_("PgDn"), N_("Next page"), false },
	{ NULL, NULL, false },
};

static int
residents_rows(struct ui *ui)
{
	int rows = ui_body_rows(ui) - 3;

	return rows > 1 ? rows : 1;
}

/* One search, given whole (at most SYSOP_SEARCH_LIMIT residents). */
static int
residents_fetch(struct ui *ui, struct ui_list *l, void **rows, size_t *n)
{
	struct residents *r = (struct residents *)l;
	struct resident *all;
	size_t count, i, kept = 0;
	int rc;

	rc = store_resident_search(ui->store, 0, r->prefix != NULL ?
	    r->prefix : "", SYSOP_SEARCH_LIMIT, &all, &count);
	if (rc != STORE_OK)
		return rc;
	for (i = 0; i < count; i++) {
		if (!r->pending_only || all[i].status == RESIDENT_PENDING)
			all[kept++] = all[i];
		else
			resident_clear(&all[i]);
	}
	*rows = all;
	*n = kept;
	return STORE_OK;
}

static void
residents_open(struct ui *ui, struct ui_list *l, void *row)
{
	(void)l;
	ui_push(ui, &sysop_resident_screen,
	    &(int64_t){ ((struct resident *)row)->id });
}

static int64_t
residents_row_id(const void *row)
{
	return ((const struct resident *)row)->id;
}

static void
residents_free_rows(void *rows, size_t n)
{
	resident_list_free(rows, n);
}

static void residents_draw_row(struct ui *, struct ui_list *, const void *,
    int, bool, void *);

static const struct ui_list_ops residents_ops = {
	.row_size = sizeof(struct resident),
	.page_rows = residents_rows,
	.fetch_whole = residents_fetch,
	.row_id = residents_row_id,
	.draw_row = residents_draw_row,
	.open = residents_open,
	.free_rows = residents_free_rows,
};

static void
residents_search(struct ui *ui, struct residents *r)
{
	char *prefix;

	prefix = ui_prompt(ui, _("Search residents by the first letters of "
	    "their handle or name (empty: everyone):"), r->prefix, false,
	    QUARTIER_NAME_MAX);
	if (prefix == NULL)
		return;
	free(r->prefix);
	r->prefix = prefix;
	ui_list_reload_first(ui, &r->list);
}

static int
residents_enter(struct ui *ui, struct view *view, void *arg)
{
	struct residents *r = xcalloc(1, sizeof *r);

	ui_list_init(&r->list, &residents_ops);
	r->pending_only = arg != NULL && *(const bool *)arg;
	view->data = r;
	ui_list_load(ui, &r->list);
	return 0;
}

static void
residents_leave(struct ui *ui, struct view *view)
{
	struct residents *r = view->data;

	free(r->prefix);
	ui_list_leave(ui, view);
}

static const char *
residents_title(struct ui *ui, struct view *view)
{
	return _("Residents");
}

/* The columns of the list of residents, laid out from the rows shown. */
enum residents_column {
	RESIDENTS_HANDLE,
	RESIDENTS_NAME,
	RESIDENTS_QUARTIER,
	RESIDENTS_STATUS,
	RESIDENTS_ROLE,
	RESIDENTS_COLUMNS,
};

static const char *const residents_headings[RESIDENTS_COLUMNS] = {
	[RESIDENTS_HANDLE] = N_("Handle"),
	[RESIDENTS_NAME] = N_("Name"),
	[RESIDENTS_QUARTIER] = N_("Quartier"),
	[RESIDENTS_STATUS] = N_("Status"),
	[RESIDENTS_ROLE] = N_("Role"),
};

static const char *
residents_cell(const struct resident *p, enum residents_column c)
{
	switch (c) {
	case RESIDENTS_HANDLE:
		return p->handle;
	case RESIDENTS_NAME:
		return p->display_name;
	case RESIDENTS_QUARTIER:
		return p->quartier;
	case RESIDENTS_STATUS:
		return resident_status_word(p->status);
	case RESIDENTS_ROLE:
		return resident_role_word(p->role);
	case RESIDENTS_COLUMNS:
		break;
	}
	return "";
}

static void
residents_draw_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct ui_column *col = ctx;
	const struct resident *p = row;
	int base, c;

	(void)l;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	ui_fill(ui, y, 0, ui->cols, base);
	for (c = 0; c < RESIDENTS_COLUMNS; c++)
		ui_column_draw(ui, y, &col[c], residents_cell(p,
		    (enum residents_column)c), base |
		    (c == RESIDENTS_STATUS && p->status == RESIDENT_PENDING ?
		    ui_attr(ui, UI_ATTR_INFO) : 0));
}

static void
residents_draw(struct ui *ui, struct view *view)
{
	struct ui_column col[RESIDENTS_COLUMNS] = {
		[RESIDENTS_HANDLE] = { .min = 6, .max = 20 },
		[RESIDENTS_NAME] = { .min = 10, .max = 40,
		    .flags = UI_COLUMN_FILL },
		[RESIDENTS_QUARTIER] = { .min = 6, .max = 24 },
		[RESIDENTS_STATUS] = { .min = 6, .max = 14 },
		[RESIDENTS_ROLE] = { .min = 6, .max = 14 },
	};
	struct residents *r = view->data;
	size_t total = r->list.fetched, i;
	char line[512];
	int y = ui_body_top(ui), c;

	if (r->prefix != NULL && *r->prefix != '\0')
		snprintf(line, sizeof line, ngettext("%zu resident starting "
		    "with \"%s\"", "%zu residents starting with \"%s\"",
		    total), total, r->prefix);
	else
		snprintf(line, sizeof line, ngettext("%zu resident",
		    "%zu residents", total), total);
	if (r->pending_only) {
		size_t used = strlen(line);

		snprintf(line + used, sizeof line - used, " · %s",
		    _("pending only"));
	}
	ui_text(ui, y, 1, ui->cols - 2, line, ui_attr(ui, UI_ATTR_TITLE));
	y++;
	for (c = 0; c < RESIDENTS_COLUMNS; c++) {
		ui_column_measure(&col[c], _(residents_headings[c]));
		for (i = 0; i < r->list.n; i++)
			ui_column_measure(&col[c], residents_cell(
			    ui_list_row(&r->list, i),
			    (enum residents_column)c));
	}
	ui_columns_layout(col, RESIDENTS_COLUMNS, 2, ui->cols - 3, 1);
	for (c = 0; c < RESIDENTS_COLUMNS; c++)
		ui_column_draw(ui, y, &col[c], _(residents_headings[c]),
		    ui_attr(ui, UI_ATTR_DIM));
	y++;
	if (r->list.n == 0) {
		ui_paragraph(ui, y + 1, 4, 3, ui->cols - 8, _("Nobody found. "
		    "Press s to search again."), A_NORMAL);
		return;
	}
	ui_list_draw(ui, &r->list, y, y + residents_rows(ui), col);
}

static enum ui_result
residents_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct residents *r = view->data;

	if (ui_list_key(ui, &r->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 's') || ui_key_is_char(key, 'S')) {
		residents_search(ui, r);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'p') || ui_key_is_char(key, 'P')) {
		r->pending_only = !r->pending_only;
		ui_list_reload_first(ui, &r->list);
		return UI_HANDLED;
	}
	if (ui_key_is_back(key)) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

const struct screen sysop_residents_screen = {
	.name = "sysop-residents",
	.title = residents_title,
	.enter = residents_enter,
	.draw = residents_draw,
	.key = residents_key,
	.resume = ui_list_resume,
	.changes = CHANGE_ALL,
	.leave = residents_leave,
	.keys = residents_keys,
	.help = N_("Residents of every quartier, by quartier and handle. Press "
	    "s and type the first letters of a handle or of a name (case and "
	    "accents do not matter), p to show only those waiting for "
	    "verification, Enter to open one."),
};
