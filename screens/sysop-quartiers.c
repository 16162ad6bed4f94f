/*
 * sysop-quartiers.c - the console's quartiers: add one in a city, rename.
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
 * Quartiers: add, rename.
 */
struct quartiers {
	struct ui_list		 list;		/* of struct quartier_info */
};

static const struct ui_keyhelp quartiers_keys[] = {
	{ "a", N_("Add"), true },
	{ "n", N_("Rename"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ NULL, NULL, false },
};

static int
quartiers_rows(struct ui *ui)
{
	int rows = ui_body_rows(ui) - 2;

	return rows > 1 ? rows : 1;
}

/* Every quartier, given whole. */
static int
quartiers_fetch(struct ui *ui, struct ui_list *l, void **rows, size_t *n)
{
	(void)l;
	return store_quartier_list(ui->store, (struct quartier_info **)rows,
	    n);
}

static int64_t
quartiers_row_id(const void *row)
{
	return ((const struct quartier_info *)row)->id;
}

static void
quartiers_free_rows(void *rows, size_t n)
{
	quartier_info_free(rows, n);
}

static void quartiers_draw_row(struct ui *, struct ui_list *, const void *,
    int, bool, void *);
static void quartiers_open(struct ui *, struct ui_list *, void *);

static const struct ui_list_ops quartiers_ops = {
	.row_size = sizeof(struct quartier_info),
	.page_rows = quartiers_rows,
	.fetch_whole = quartiers_fetch,
	.row_id = quartiers_row_id,
	.draw_row = quartiers_draw_row,
	.open = quartiers_open,
	.free_rows = quartiers_free_rows,
};

static int
quartiers_enter(struct ui *ui, struct view *view, void *arg)
{
	(void)arg;
	ui_list_enter(ui, view, &quartiers_ops, sizeof(struct quartiers));
	return 0;
}

static const char *
quartiers_title(struct ui *ui, struct view *view)
{
	return _("Quartiers");
}

static void
quartiers_draw_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct ui_column *col = ctx;
	char n[32];
	int base, c;

	(void)l;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	ui_fill(ui, y, 0, ui->cols, base);
	for (c = 0; c < TALLY_POSTS; c++)
		ui_column_draw(ui, y, &col[c], tally_cell(row, -1, false,
		    (enum tally_column)c, n, sizeof n), base);
}

static void
quartiers_draw(struct ui *ui, struct view *view)
{
	struct ui_column col[TALLY_COLUMNS] = {
		[TALLY_NAME] = { .min = 4, .max = 24 },
		[TALLY_QUARTIER] = { .min = 8, .max = 40,
		    .flags = UI_COLUMN_FILL },
		[TALLY_VERIFIED] = { .flags = UI_COLUMN_RIGHT },
		[TALLY_PENDING] = { .flags = UI_COLUMN_RIGHT },
		[TALLY_SUSPENDED] = { .flags = UI_COLUMN_RIGHT },
	};
	struct quartiers *q = view->data;
	char n[32];
	int y = ui_body_top(ui), c;
	size_t i;

	for (c = 0; c < TALLY_COLUMNS; c++) {
		if (c == TALLY_POSTS)		/* the dashboard's only */
			continue;
		ui_column_measure(&col[c], _(tally_headings[c]));
		for (i = 0; i < q->list.n; i++)
			ui_column_measure(&col[c], tally_cell(
			    ui_list_row(&q->list, i), -1, false,
			    (enum tally_column)c, n, sizeof n));
	}
	ui_columns_layout(col, TALLY_COLUMNS, 2, ui->cols - 3, 2);
	for (c = 0; c < TALLY_POSTS; c++)
		ui_column_draw(ui, y, &col[c], _(tally_headings[c]),
		    ui_attr(ui, UI_ATTR_DIM));
	y += 2;
	if (q->list.n == 0) {
		ui_paragraph(ui, y, 4, 3, ui->cols - 8, _("No quartier yet. "
		    "Press a to add the first one."), A_NORMAL);
		return;
	}
	ui_list_draw(ui, &q->list, y, y + quartiers_rows(ui), col);
}

/* Enter renames the chosen quartier, as n does. */
static void quartiers_rename(struct ui *, struct quartiers *);

static void
quartiers_open(struct ui *ui, struct ui_list *l, void *row)
{
	(void)row;
	quartiers_rename(ui, (struct quartiers *)l);
}

/* A quartier in a city: chosen among the cities, or a new city. */
static void
quartiers_add(struct ui *ui, struct quartiers *q)
{
	struct place *cities = NULL;
	const char **options;
	char *city = NULL, *name = NULL, *question;
	size_t n = 0, i;
	int choice, rc;
	int64_t id;

	if ((rc = store_city_list(ui->store, &cities, &n)) != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	/* A choice box holds nine lines: past that, the city is typed (a new
	 * one is then added). */
	options = xcalloc(n + 1, sizeof *options);
	for (i = 0; i < n; i++)
		options[i] = cities[i].name;
	options[n] = _("A new city");
	if (n + 1 <= SYSOP_CHOICES_MAX)
		choice = ui_choose(ui, _("In which city?"), options,
		    (int)n + 1, 0);
	else
		choice = (int)n;
	if (choice >= 0 && (size_t)choice < n)
		city = xstrdup(cities[choice].name);
	else if (choice >= 0)
		city = ui_prompt(ui, n + 1 <= SYSOP_CHOICES_MAX ?
		    _("Name of the new city:") : _("Name of the city (a new "
		    "one is added):"), NULL, false, QUARTIER_NAME_MAX);
	free(options);
	place_list_free(cities, n);
	if (city == NULL)
		return;
	for (;;) {
		char *typed = ui_prompt(ui, _("Name of the new quartier:"),
		    name, false, QUARTIER_NAME_MAX);

		free(name);
		if ((name = typed) == NULL)
			break;
		question = xasprintf(_("Add the quartier %s to %s?"), name,
		    city);
		if (!ui_confirm(ui, question)) {
			free(question);
			break;
		}
		free(question);
		if ((size_t)choice == n &&
		    (rc = store_city_add(ui->store, city, &id)) != STORE_OK &&
		    rc != STORE_DUPLICATE) {
			ui_store_error(ui, rc);
			continue;
		}
		rc = store_quartier_add(ui->store, city, name, &id);
		if (rc == STORE_OK) {
			ui_list_reload(ui, &q->list);
			ui_message(ui, _("Quartier %s added to %s."), name,
			    city);
			break;
		}
		if (rc == STORE_DUPLICATE)
			ui_error(ui, _("%s already has a quartier named %s."),
			    city, name);
		else
			ui_store_error(ui, rc);
	}
	free(name);
	free(city);
}

static void
quartiers_rename(struct ui *ui, struct quartiers *q)
{
	const struct quartier_info *p = ui_list_selected(&q->list);
	char *name = NULL, *typed, *question;
	int rc;

	if (p == NULL)
		return;
	name = xstrdup(p->name);
	for (;;) {
		typed = ui_prompt(ui, _("New name of the quartier:"), name,
		    false, QUARTIER_NAME_MAX);
		free(name);
		if ((name = typed) == NULL || strcmp(name, p->name) == 0)
			break;
		question = xasprintf(_("Rename %s to %s?"), p->name, name);
		if (!ui_confirm(ui, question)) {
			free(question);
			break;
		}
		free(question);
		rc = store_quartier_rename(ui->store, p->id, name);
		if (rc == STORE_OK) {
			ui_message(ui, _("%s is now called %s."), p->name,
			    name);
			ui_list_reload(ui, &q->list);
			break;
		}
		if (rc == STORE_DUPLICATE)
			ui_error(ui, _("%s already has a quartier named %s."),
			    p->city, name);
		else
			ui_store_error(ui, rc);
	}
	free(name);
}

static enum ui_result
quartiers_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct quartiers *q = view->data;

	if (ui_list_key(ui, &q->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'a') || ui_key_is_char(key, 'A'))
		quartiers_add(ui, q);
	else if (ui_key_is_char(key, 'n') || ui_key_is_char(key, 'N'))
		quartiers_rename(ui, q);
	else if (ui_key_is_back(key))
		ui_pop(ui);
	else
		return UI_IGNORED;
	return UI_HANDLED;
}

const struct screen sysop_quartiers_screen = {
	.name = "sysop-quartiers",
	.title = quartiers_title,
	.enter = quartiers_enter,
	.draw = quartiers_draw,
	.key = quartiers_key,
	.resume = ui_list_resume,
	.changes = CHANGE_ALL,
	.leave = ui_list_leave,
	.keys = quartiers_keys,
	.help = N_("Every quartier of every city, with its residents by "
	    "status. Press a to add a quartier to a city (or to a new city), "
	    "n or Enter to rename the chosen one. Two quartiers of one city "
	    "cannot have the same name."),
};
