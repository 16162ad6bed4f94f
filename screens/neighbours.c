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
	struct waiting_neighbour	*list;
	size_t				 n;
	size_t				 selected;
	size_t				 top;
	bool				 asking;	/* explain a vouch */
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

static void
neighbours_load(struct ui *ui, struct neighbours *nb)
{
	int rc;

	waiting_list_free(nb->list, nb->n);
	nb->list = NULL;
	nb->n = 0;
	if ((rc = store_waiting_list(ui->store, &ui->viewer, &nb->list,
	    &nb->n)) != STORE_OK)
		ui_store_error(ui, rc);
	if (nb->selected >= nb->n)
		nb->selected = nb->n > 0 ? nb->n - 1 : 0;
}

static int
neighbours_enter(struct ui *ui, struct view *view, void *arg)
{
	struct neighbours *nb = xcalloc(1, sizeof *nb);

	view->data = nb;
	neighbours_load(ui, nb);
	return 0;
}

static void
neighbours_leave(struct ui *ui, struct view *view)
{
	struct neighbours *nb = view->data;

	waiting_list_free(nb->list, nb->n);
	free(nb);
}

static void
neighbours_resume(struct ui *ui, struct view *view)
{
	neighbours_load(ui, view->data);
}

/* What a vouch means, in full, above the yes/no question. */
static void
neighbours_draw_asking(struct ui *ui, struct neighbours *nb, int y)
{
	const struct waiting_neighbour *w = &nb->list[nb->selected];
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
neighbours_draw_row(struct ui *ui, const struct ui_column *col,
    const struct waiting_neighbour *w, int y, bool selected)
{
	char buf[256];
	int base, dim, c;

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
	int y = ui_body_top(ui) + 1, title = ui_attr(ui, UI_ATTR_TITLE), rows;
	char buf[256];
	size_t i, visible;
	int c;

	if (nb->asking && nb->selected < nb->n) {
		neighbours_draw_asking(ui, nb, y);
		return;
	}
	if (nb->n == 0) {
		ui_paragraph(ui, y, 4, 4, ui->cols - 8, _("Nobody is waiting "
		    "for verification in your quartier right now."), A_NORMAL);
		return;
	}
	y += ui_paragraph(ui, y, 2, 3, ui->cols - 4, _("These neighbours "
	    "signed up and wait to be verified. If you know one of them and "
	    "know that they live in our quartier, choose them and press v to "
	    "vouch for them."), A_NORMAL) + 1;
	rows = ui->rows - 4 - y;
	visible = rows > 1 ? (size_t)rows : 1;
	/* The list follows the chosen neighbour, whatever the size. */
	if (nb->selected < nb->top)
		nb->top = nb->selected;
	else if (nb->selected >= nb->top + visible)
		nb->top = nb->selected - visible + 1;
	if (nb->top + visible > nb->n)
		nb->top = nb->n > visible ? nb->n - visible : 0;
	for (c = 0; c < NEIGHBOURS_COLUMNS; c++) {
		ui_column_measure(&col[c], _(neighbours_headings[c]));
		for (i = nb->top; i < nb->n && i < nb->top + visible; i++)
			ui_column_measure(&col[c], neighbours_cell(ui,
			    &nb->list[i], (enum neighbours_column)c, buf,
			    sizeof buf));
	}
	ui_columns_layout(col, NEIGHBOURS_COLUMNS, 2, ui->cols - 3, 2);
	for (c = 0; c < NEIGHBOURS_COLUMNS; c++)
		ui_column_draw(ui, y, &col[c], _(neighbours_headings[c]),
		    title);
	y++;
	for (i = nb->top; i < nb->n && i < nb->top + visible; i++)
		neighbours_draw_row(ui, col, &nb->list[i],
		    y + (int)(i - nb->top), i == nb->selected);
}

static void
neighbours_vouch(struct ui *ui, struct neighbours *nb)
{
	struct verify_rules rules;
	struct waiting_neighbour *w;
	char *question, *name;
	bool verified = false, yes;
	int rc;

	if (nb->n == 0) {
		ui_error(ui, "%s", _("Nobody is waiting for verification."));
		return;
	}
	w = &nb->list[nb->selected];
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
	neighbours_load(ui, nb);
}

static enum ui_result
neighbours_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct neighbours *nb = view->data;

	switch (key->code) {
	case KEY_UP:
		if (nb->selected > 0)
			nb->selected--;
		return UI_HANDLED;
	case KEY_DOWN:
		if (nb->selected + 1 < nb->n)
			nb->selected++;
		return UI_HANDLED;
	case KEY_HOME:
		nb->selected = 0;
		return UI_HANDLED;
	case KEY_END:
		if (nb->n > 0)
			nb->selected = nb->n - 1;
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'v') || ui_key_is_char(key, 'V') ||
	    ui_key_is_enter(key))
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
	.resume = neighbours_resume,
	.changes = CHANGE_RESIDENTS,
	.leave = neighbours_leave,
	.keys = neighbours_keys,
	.help = N_("The neighbours here signed up in your quartier and wait "
	    "for their address to be verified. If you know one of them and "
	    "know that they live in the quartier, choose them with the arrows "
	    "and press v: you vouch for them. When enough neighbours vouch for "
	    "someone, they are verified. Only vouch for people you really "
	    "know; each resident has a few vouches a month. The number after "
	    "each name is how many vouches they have; a tick marks yours."),
};
