/*
 * neighbours.c - "Neighbours waiting": the residents who signed up in the
 * viewer's quartier and wait to be verified, and vouching for one of them.
 *
 * A vouch says "I know this person and they live in our quartier"; enough
 * of them verify a neighbour, so the screen says so in full before each
 * one, and a resident has only a few of them a month.  The list shows the
 * street without its number: enough to recognise a neighbour, not enough
 * to find their door.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "when.h"

struct neighbours {
	struct ui_list		 list;	/* of struct waiting_neighbour */
	bool			 asking;	/* explain a vouch */
};

static const struct ui_keyhelp neighbours_keys[] = {
	{ "v", N_("Vouch"), true },
	{ N_("Arrows"), N_("Choose"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ NULL, NULL, false },
};

static const char *
neighbours_title(struct ui *ui, struct view *view)
{
	return _("Neighbours waiting");
}

#define NEIGHBOURS_INTRO N_("These neighbours signed up and wait to be " \
	"verified. If you know one of them and know that they live in our " \
	"quartier, choose them and press v to vouch for them.")

/* The line of the list's headings: below the intro and a blank. */
static int
neighbours_top(struct ui *ui)
{
	return ui_paragraph_end(ui_body_top(ui) + 1, _(NEIGHBOURS_INTRO), 3,
	    ui->cols - 4);
}

/* Rows of the list: down to the key bar, less the headings. */
static int
neighbours_rows(struct ui *ui)
{
	int rows = ui->rows - 4 - neighbours_top(ui);

	return rows > 1 ? rows : 1;
}

/* Everyone waiting, given whole: a quartier's few. */
static int
neighbours_fetch(struct ui *ui, struct ui_list *l, void **rows, size_t *n)
{
	(void)l;
	return store_waiting_list(ui->store, &ui->viewer,
	    (struct waiting_neighbour **)rows, n);
}

static int64_t
neighbours_row_id(const void *row)
{
	return ((const struct waiting_neighbour *)row)->resident_id;
}

static void
neighbours_free_rows(void *rows, size_t n)
{
	waiting_list_free(rows, n);
}

static void neighbours_draw_row(struct ui *, struct ui_list *, const void *,
    int, bool, void *);
static void neighbours_open(struct ui *, struct ui_list *, void *);

static const struct ui_list_ops neighbours_ops = {
	.row_size = sizeof(struct waiting_neighbour),
	.page_rows = neighbours_rows,
	.fetch_whole = neighbours_fetch,
	.row_id = neighbours_row_id,
	.draw_row = neighbours_draw_row,
	.open = neighbours_open,
	.free_rows = neighbours_free_rows,
};

static int
neighbours_enter(struct ui *ui, struct view *view, void *arg)
{
	(void)arg;
	ui_list_enter(ui, view, &neighbours_ops, sizeof(struct neighbours));
	return 0;
}

/* What a vouch means, in full, above the yes/no question. */
static void
neighbours_draw_asking(struct ui *ui, struct neighbours *nb, int y)
{
	const struct waiting_neighbour *w = ui_list_selected(&nb->list);
	int x = 4, cols = ui->cols - 8;
	char *text, *limit, *tmp;

	text = xasprintf(_("Vouch for %s (%s)?"), w->display_name,
	    w->street_name);
	ui_text_cut(ui, y, x, cols, text, ui_attr(ui, UI_ATTR_TITLE));
	free(text);
	y += 2;
	y += ui_paragraph(ui, y, x, 3, cols, _("To vouch is to say: \"I know "
	    "this person and they live in our quartier.\""), A_BOLD) + 1;
	text = xasprintf(ngettext("Vouch only for someone you really know. "
	    "With %d vouch, a neighbour is verified and reads and writes "
	    "everything in the quartier.", "Vouch only for someone you really "
	    "know. With %d vouches, a neighbour is verified and reads and "
	    "writes everything in the quartier.", ui->config->vouches_needed),
	    ui->config->vouches_needed);
	limit = xasprintf(ngettext("You can vouch for %d neighbour every 30 "
	    "days.", "You can vouch for %d neighbours every 30 days.",
	    ui->config->vouches_per_month), ui->config->vouches_per_month);
	tmp = xasprintf("%s %s", text, limit);
	free(text);
	free(limit);
	text = tmp;
	ui_paragraph(ui, y, x, 5, cols, text, A_NORMAL);
	free(text);
}

/* The columns of the list, laid out from the neighbours shown. */
enum neighbours_column {
	NEIGHBOURS_NAME,
	NEIGHBOURS_STREET,
	NEIGHBOURS_VOUCHES,
	NEIGHBOURS_SINCE,
	NEIGHBOURS_COLUMNS,
};

static const char *const neighbours_headings[NEIGHBOURS_COLUMNS] = {
	[NEIGHBOURS_NAME] = N_("Name"),
	[NEIGHBOURS_STREET] = N_("Street"),
	[NEIGHBOURS_VOUCHES] = N_("Vouches"),
	[NEIGHBOURS_SINCE] = N_("Since"),
};

/* The text of one cell of W's row, into BUF. */
static const char *
neighbours_cell(struct ui *ui, const struct waiting_neighbour *w,
    enum neighbours_column c, char *buf, size_t size)
{
	buf[0] = '\0';
	switch (c) {
	case NEIGHBOURS_NAME:
		return w->display_name;
	case NEIGHBOURS_STREET:
		return w->street_name;
	case NEIGHBOURS_VOUCHES:
		snprintf(buf, size, "%d/%d%s", w->vouches,
		    ui->config->vouches_needed, w->vouched_by_me ? " ✓" : "");
		break;
	case NEIGHBOURS_SINCE:
		when_format_ago(buf, size, w->since);
		break;
	case NEIGHBOURS_COLUMNS:
		break;
	}
	return buf;
}

static void
neighbours_draw_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct ui_column *col = ctx;
	const struct waiting_neighbour *w = row;
	char buf[256];
	int base, dim, c;

	(void)l;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	dim = selected ? base : ui_attr(ui, UI_ATTR_DIM);
	ui_fill(ui, y, 0, ui->cols, base);
	for (c = 0; c < NEIGHBOURS_COLUMNS; c++)
		ui_column_draw(ui, y, &col[c], neighbours_cell(ui, w,
		    (enum neighbours_column)c, buf, sizeof buf),
		    c == NEIGHBOURS_SINCE ? dim : base);
}

static void
neighbours_draw(struct ui *ui, struct view *view)
{
	struct ui_column col[NEIGHBOURS_COLUMNS] = {
		[NEIGHBOURS_NAME] = { .min = 8, .max = 30 },
		[NEIGHBOURS_STREET] = { .min = 10, .flags = UI_COLUMN_FILL },
		[NEIGHBOURS_VOUCHES] = { .min = 3, .max = 10 },
		[NEIGHBOURS_SINCE] = { .min = 5, .max = 16,
		    .flags = UI_COLUMN_RIGHT },
	};
	struct neighbours *nb = view->data;
	int y = ui_body_top(ui) + 1, title = ui_attr(ui, UI_ATTR_TITLE), c;
	char buf[256];
	size_t i;

	if (nb->asking && ui_list_selected(&nb->list) != NULL) {
		neighbours_draw_asking(ui, nb, y);
		return;
	}
	if (nb->list.n == 0) {
		ui_paragraph(ui, y, 4, 4, ui->cols - 8, _("Nobody is waiting "
		    "for verification in your quartier right now."), A_NORMAL);
		return;
	}
	ui_paragraph(ui, y, 2, 3, ui->cols - 4, _(NEIGHBOURS_INTRO), A_NORMAL);
	y = neighbours_top(ui);
	for (c = 0; c < NEIGHBOURS_COLUMNS; c++) {
		ui_column_measure(&col[c], _(neighbours_headings[c]));
		for (i = 0; i < nb->list.n; i++)
			ui_column_measure(&col[c], neighbours_cell(ui,
			    ui_list_row(&nb->list, i),
			    (enum neighbours_column)c, buf, sizeof buf));
	}
	ui_columns_layout(col, NEIGHBOURS_COLUMNS, 2, ui->cols - 3, 2);
	for (c = 0; c < NEIGHBOURS_COLUMNS; c++)
		ui_column_draw(ui, y, &col[c], _(neighbours_headings[c]),
		    title);
	y++;
	ui_list_draw(ui, &nb->list, y, y + neighbours_rows(ui), col);
}

static void
neighbours_vouch(struct ui *ui, struct neighbours *nb)
{
	struct verify_rules rules;
	struct waiting_neighbour *w;
	char *question, *name;
	bool verified = false, yes;
	int rc;

	if ((w = ui_list_selected(&nb->list)) == NULL) {
		ui_error(ui, "%s", _("Nobody is waiting for verification."));
		return;
	}
	if (w->vouched_by_me) {
		ui_message(ui, _("You already vouched for %s."),
		    w->display_name);
		return;
	}
	name = xstrdup(w->display_name);
	question = xasprintf(_("Do you vouch for %s?"), name);
	nb->asking = true;
	yes = ui_confirm(ui, question);
	nb->asking = false;
	free(question);
	if (!yes) {
		free(name);
		return;
	}
	verify_rules_from_config(&rules, ui->config);
	rc = store_vouch(ui->store, &ui->viewer, &rules, w->resident_id,
	    &verified);
	switch (rc) {
	case STORE_OK:
		if (verified)
			ui_message(ui, _("Thank you: %s is now verified and "
			    "welcome in the quartier."), name);
		else
			ui_message(ui, _("Thank you: your vouch for %s is "
			    "recorded."), name);
		break;
	case STORE_DUPLICATE:
		ui_message(ui, _("You already vouched for %s."), name);
		break;
	case STORE_DENIED:
		/* The monthly limit, or someone no longer waiting. */
		ui_error(ui, "%s", store_detail(ui->store));
		break;
	case STORE_NOT_FOUND:
		ui_error(ui, _("%s is not waiting any more."), name);
		break;
	default:
		ui_store_error(ui, rc);
		break;
	}
	free(name);
	ui_list_reload(ui, &nb->list);
}

/* Enter vouches for the chosen neighbour, as v does. */
static void
neighbours_open(struct ui *ui, struct ui_list *l, void *row)
{
	(void)row;
	neighbours_vouch(ui, (struct neighbours *)l);
}

static enum ui_result
neighbours_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct neighbours *nb = view->data;

	if (ui_list_key(ui, &nb->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'v') || ui_key_is_char(key, 'V'))
		neighbours_vouch(ui, nb);
	else if (ui_key_is_back(key))
		ui_pop(ui);
	else
		return UI_IGNORED;
	return UI_HANDLED;
}

const struct screen neighbours_screen = {
	.name = "neighbours",
	.title = neighbours_title,
	.enter = neighbours_enter,
	.draw = neighbours_draw,
	.key = neighbours_key,
	.resume = ui_list_resume,
	.changes = CHANGE_RESIDENTS,
	.leave = ui_list_leave,
	.keys = neighbours_keys,
	.help = N_("The neighbours here signed up in your quartier and wait "
	    "for their address to be verified. If you know one of them and "
	    "know that they live in the quartier, choose them with the arrows "
	    "and press v: you vouch for them. When enough neighbours vouch for "
	    "someone, they are verified. Only vouch for people you really "
	    "know; each resident has a few vouches a month. The number after "
	    "each name is how many vouches they have; a tick marks yours."),
};
