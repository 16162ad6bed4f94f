/*
 * classifieds.c - petites annonces: the list with its filters, one ad,
 * and the form that writes or edits one.
 *
 * The list holds one page at a time, fetched by key from the last ad of
 * the page before (as the wall does), with the start keys of the pages
 * seen kept for going back.  The form keeps its draft in editors that do
 * not depend on the screen size, so neither a resize, a refused price nor
 * a busy database loses what was typed.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "when.h"
#include "text.h"

/* What the form is asked to do: a new ad, or edit AD (with its id). */
struct ad_form_request {
	const struct classified	*ad;		/* NULL: a new ad */
};


/* The life of an ad, from the configuration. */
static int
ads_days(struct ui *ui)
{
	return ui->config != NULL && ui->config->classified_days > 0 ?
	    ui->config->classified_days : 30;
}

/* "Gratuit" for a gift, the price of a sale or the budget of a want. */
static void
ads_price_text(const struct classified *ad, char *buf, size_t size)
{
	if (ad->kind == AD_GIVE)
		snprintf(buf, size, "%s", _("Free"));
	else
		classified_price_format(buf, size, ad->price_cents);
}

/*
 * The list.
 */

struct ads {
	struct ui_list		 list;		/* of struct classified */
	struct classified_filter filter;
	int			 total;
};

static const struct ui_keyhelp ads_keys[] = {
	{ "n", N_("Post an ad"), true },
	{ "k", N_("Kind"), true },
	{ "c", N_("Category"), true },
	{ "s", N_("Status"), true },
	{ "m", N_("My ads"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ N_("Enter"), N_("Open"), false },
	{ N_("PgDn"), N_("More"), false },
	{ N_("PgUp"), N_("Newer ads"), false },
	{ N_("Home"), N_("First page"), false },
	{ NULL, NULL, false },
};

/* Rows of the list: the body less the two header lines. */
static int
ads_rows(struct ui *ui)
{
	int rows = ui_body_rows(ui) - 2;

	return rows > 1 ? rows : 1;
}

static int
ads_fetch(struct ui *ui, struct ui_list *l, const struct wall_cursor *after,
    int limit, void **rows, size_t *n)
{
	struct ads *a = (struct ads *)l;

	if (store_classified_count(ui->store, &ui->viewer, &a->filter,
	    &a->total) != STORE_OK)
		a->total = 0;
	return store_classified_page(ui->store, &ui->viewer, &a->filter,
	    after, limit, (struct classified **)rows, n);
}

static struct wall_cursor
ads_row_key(const struct ui_list *l, size_t i)
{
	const struct classified *ad = ui_list_row(l, i);

	return (struct wall_cursor){ ad->created_at, ad->id };
}

static void
ads_open(struct ui *ui, struct ui_list *l, void *row)
{
	const struct classified *ad = row;

	(void)l;
	ui_push(ui, &classified_screen, &(int64_t){ ad->id });
}

static void
ads_free_rows(void *rows, size_t n)
{
	classified_list_free(rows, n);
}

static void ads_draw_row(struct ui *, struct ui_list *, const void *, int,
    bool, void *);

static const struct ui_list_ops ads_ops = {
	.row_size = sizeof(struct classified),
	.page_rows = ads_rows,
	.fetch = ads_fetch,
	.row_key = ads_row_key,
	.draw_row = ads_draw_row,
	.open = ads_open,
	.free_rows = ads_free_rows,
};

static int
ads_enter(struct ui *ui, struct view *view, void *arg)
{
	struct ads *a = xcalloc(1, sizeof *a);

	ui_list_init(&a->list, &ads_ops);
	a->filter.kind = -1;
	a->filter.status = -1;
	view->data = a;
	/* Opening the board is a visit: what came before is no longer new
	 * on the menu, and stays marked new here until the next visit. */
	store_board_visit(ui->store, &ui->viewer, "classifieds");
	ui_refresh_counts(ui);
	ui_list_load(ui, &a->list);
	return 0;
}

static void
ads_resume(struct ui *ui, struct view *view)
{
	ui_list_resume(ui, view);
	ui_refresh_counts(ui);
}

static const char *
ads_title(struct ui *ui, struct view *view)
{
	return _("Classifieds");
}

static void
ads_draw_header(struct ui *ui, struct ads *a, int y)
{
	const struct classified_category *c;
	char line[512];
	int used = 0;

	if (a->filter.mine)
		used = snprintf(line, sizeof line, "%s · ", _("My ads"));
	c = classified_category_find(a->filter.category);
	snprintf(line + used, sizeof line - used,
	    _("Kind: %s · Category: %s · Status: %s"),
	    a->filter.kind < 0 ? _("any") :
	    ad_kind_label((enum ad_kind)a->filter.kind),
	    c != NULL ? _(c->label) : _("all"),
	    a->filter.status < 0 ? _("available or reserved") :
	    ad_status_label((enum ad_status)a->filter.status));
	ui_list_heading(ui, y, line, a->list.pager.page + 1);
	used = snprintf(line, sizeof line, ngettext("%d ad", "%d ads",
	    a->total), a->total);
	if (a->filter.mine)
		snprintf(line + used, sizeof line - used, " %s",
		    _("(expired ones too)"));
	ui_text(ui, y + 1, 1, ui->cols - 2, line, ui_attr(ui, UI_ATTR_DIM));
}

/* The columns of the list, laid out from the rows of the page. */
enum ads_column {
	ADS_KIND,
	ADS_TITLE,		/* with the status, kept whole */
	ADS_PRICE,
	ADS_AUTHOR,
	ADS_DATE,
	ADS_COLUMNS,
};

/* What AD's row says after its title: "" when it is available. */
static const char *
ads_status_text(const struct classified *ad)
{
	if (ad->hidden)		/* the author's own, hidden by moderation */
		return _("hidden");
	if (ad->expired)
		return _("expired");
	if (ad->status != AD_AVAILABLE)
		return ad_status_label(ad->status);
	return "";
}

/* The text of one cell of AD's row, into BUF. */
static const char *
ads_cell(const struct classified *ad, enum ads_column c, char *buf,
    size_t size)
{
	buf[0] = '\0';
	switch (c) {
	case ADS_KIND:
		return ad_kind_label(ad->kind);
	case ADS_TITLE:
		snprintf(buf, size, "%s%s%s", ad->title,
		    *ads_status_text(ad) != '\0' ? " " : "",
		    ads_status_text(ad));
		break;
	case ADS_PRICE:
		ads_price_text(ad, buf, size);
		break;
	case ADS_AUTHOR:
		return ad->author_name;
	case ADS_DATE:
		when_format_ago(buf, size, ad->created_at);
		break;
	case ADS_COLUMNS:
		break;
	}
	return buf;
}

/*
 * One row: new marker, then the cells in their columns.  Each cell is
 * placed at its column's position, so that a title in any script never
 * shifts the next column.  The status follows the title, whole: most
 * ads have none, and a column of its own would take the titles' room.
 */
static void
ads_draw_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct ui_column *col = ctx;
	const struct classified *ad = row;
	const struct ui_column *t = &col[ADS_TITLE];
	const char *status = ads_status_text(ad);
	char buf[512];
	int base, attr, w, sw;

	(void)l;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	ui_fill(ui, y, 0, ui->cols, base);
	if (ad->is_new)
		ui_text(ui, y, 0, 2, "•", base | ui_attr(ui, UI_ATTR_UNREAD));
	ui_column_draw(ui, y, &col[ADS_KIND], ads_cell(ad, ADS_KIND, buf,
	    sizeof buf), base | ui_attr(ui, UI_ATTR_INFO));
	sw = *status != '\0' ? text_width(status) + 1 : 0;
	w = ui_text_cut(ui, y, t->x, t->width - sw, ad->title, base |
	    (ad->is_new ? ui_attr(ui, UI_ATTR_UNREAD) : 0));
	attr = ad->hidden ? ui_attr(ui, UI_ATTR_ERROR) : ad->expired ||
	    ad->status == AD_GONE ? ui_attr(ui, UI_ATTR_DIM) :
	    ui_attr(ui, UI_ATTR_PINNED);
	if (sw > 0)
		ui_text(ui, y, t->x + w + 1, t->width - w - 1, status,
		    base | attr);
	ui_column_draw(ui, y, &col[ADS_PRICE], ads_cell(ad, ADS_PRICE, buf,
	    sizeof buf), base);
	ui_column_draw(ui, y, &col[ADS_AUTHOR], ad->author_name, base);
	ui_column_draw(ui, y, &col[ADS_DATE], ads_cell(ad, ADS_DATE, buf,
	    sizeof buf), selected ? base : ui_attr(ui, UI_ATTR_DIM));
}

static bool
ads_filtered(const struct ads *a)
{
	return a->filter.kind >= 0 || a->filter.category != NULL ||
	    a->filter.status >= 0 || a->filter.mine;
}

static void
ads_draw(struct ui *ui, struct view *view)
{
	struct ui_column col[ADS_COLUMNS] = {
		[ADS_KIND] = { .min = 4, .max = 10 },
		[ADS_TITLE] = { .min = 16, .flags = UI_COLUMN_FILL },
		[ADS_PRICE] = { .max = 12, .flags = UI_COLUMN_RIGHT },
		[ADS_AUTHOR] = { .min = 8, .max = 15 },
		[ADS_DATE] = { .min = 5, .max = 16, .flags = UI_COLUMN_RIGHT },
	};
	struct ads *a = view->data;
	int y = ui_body_top(ui), c;
	char buf[512];
	size_t i;

	ads_draw_header(ui, a, y);
	y += 2;
	if (a->list.n == 0) {
		ui_paragraph(ui, y + 1, 4, 4, ui->cols - 8, a->filter.mine ?
		    _("You have no ad here. Press n to post one, or m to see "
		    "everyone's.") : ads_filtered(a) ?
		    _("No ad matches these filters. Press k, c or s to change "
		    "them, or n to post an ad.") :
		    _("No ad yet. Press n to sell, give away or look for "
		    "something."), A_NORMAL);
		return;
	}
	for (i = 0; i < a->list.n; i++)
		for (c = 0; c < ADS_COLUMNS; c++)
			ui_column_measure(&col[c], ads_cell(
			    ui_list_row(&a->list, i), (enum ads_column)c, buf,
			    sizeof buf));
	ui_columns_layout(col, ADS_COLUMNS, 2, ui->cols - 3, 1);
	ui_list_draw(ui, &a->list, y, y + ads_rows(ui), col);
}

static void
ads_choose_kind(struct ui *ui, struct ads *a)
{
	const char *options[4];
	int choice;

	options[0] = _("Every kind");
	options[1] = ad_kind_label(AD_SELL);
	options[2] = ad_kind_label(AD_GIVE);
	options[3] = ad_kind_label(AD_WANTED);
	choice = ui_choose_filter(ui, _("Show which ads?"), options, 4,
	    a->filter.kind + 1);
	if (choice < 0)
		return;
	a->filter.kind = choice - 1;
	ui_list_reload_first(ui, &a->list);
}

static void
ads_choose_category(struct ui *ui, struct ads *a)
{
	const char *options[16];
	int n = 0, choice, current = 0;
	size_t i;

	options[n++] = _("All categories");
	for (i = 0; i < classified_category_count && n < 10; i++) {
		options[n++] = _(classified_categories[i].label);
		if (a->filter.category == classified_categories[i].code)
			current = n - 1;
	}
	choice = ui_choose_filter(ui, _("Show which category?"), options, n, current);
	if (choice < 0)
		return;
	a->filter.category = choice == 0 ? NULL :
	    classified_categories[choice - 1].code;
	ui_list_reload_first(ui, &a->list);
}

static void
ads_choose_status(struct ui *ui, struct ads *a)
{
	const char *options[4];
	int choice;

	options[0] = _("Available or reserved");
	options[1] = ad_status_label(AD_AVAILABLE);
	options[2] = ad_status_label(AD_RESERVED);
	options[3] = ad_status_label(AD_GONE);
	choice = ui_choose_filter(ui, _("Show ads in which state?"), options, 4,
	    a->filter.status + 1);
	if (choice < 0)
		return;
	a->filter.status = choice - 1;
	ui_list_reload_first(ui, &a->list);
}

static enum ui_result
ads_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct ads *a = view->data;

	if (ui_list_key(ui, &a->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'n') || ui_key_is_char(key, 'N')) {
		ui_push(ui, &ad_form_screen, &(struct ad_form_request){ NULL });
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'k') || ui_key_is_char(key, 'K')) {
		ads_choose_kind(ui, a);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'c') || ui_key_is_char(key, 'C')) {
		ads_choose_category(ui, a);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 's') || ui_key_is_char(key, 'S')) {
		ads_choose_status(ui, a);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'm') || ui_key_is_char(key, 'M')) {
		a->filter.mine = !a->filter.mine;
		ui_list_reload_first(ui, &a->list);
		return UI_HANDLED;
	}
	if (ui_key_is_back(key)) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

const struct screen classifieds_screen = {
	.name = "classifieds",
	.title = ads_title,
	.enter = ads_enter,
	.draw = ads_draw,
	.key = ads_key,
	.resume = ads_resume,
	.changes = CHANGE_CLASSIFIEDS,
	.leave = ui_list_leave,
	.keys = ads_keys,
	.help = N_("Petites annonces: what neighbours sell, give away or look "
	    "for, newest first. A dot marks the ads posted since your "
	    "previous visit. Choose an ad with the arrows and press Enter to "
	    "read it and write to its author. Press n to post an ad; k, c "
	    "and s show only one kind, one category or one status (ads that "
	    "are gone are hidden unless you ask for them); m shows only your "
	    "own ads, the expired ones too, so that you can renew them. "
	    "PgDn and PgUp turn the pages, Home goes back to the first."),
};

/*
 * One ad, as a page that scrolls.
 */

struct ad_view {
	int64_t		 id;
	bool		 gone;		/* not found: deleted, expired, hidden */
	struct classified ad;
	struct ui_doc	 doc;
};

static const struct ui_keyhelp ad_keys[] = {
	{ "c", N_("Contact"), true },
	{ "!", N_("Report"), true },
	{ "e", N_("Edit"), true },
	{ "r", N_("Reserved"), true },
	{ "g", N_("Gone"), true },
	{ "w", N_("Renew"), true },
	{ "d", N_("Delete"), true },
	{ "?", N_("Help"), true },
	{ "q", N_("Back"), false },
	{ "↑↓", N_("Scroll"), false },
	{ N_("PgUp/PgDn"), N_("Scroll a page"), false },
	{ N_("Home/End"), N_("Top / bottom"), false },
	{ NULL, NULL, false },
};

static void
ad_layout(struct ui *ui, struct ad_view *av, int cols)
{
	const struct classified *ad = &av->ad;
	struct ui_doc *d = &av->doc;
	const struct classified_category *c;
	char line[1024], price[64], when[128];
	int used;

	ui_doc_clear(d);
	d->cols = cols;
	ui_doc_paragraph(d, ad->title, 0, UI_ATTR_TITLE);
	c = classified_category_find(ad->category);
	ads_price_text(ad, price, sizeof price);
	used = snprintf(line, sizeof line, "%s · %s", ad_kind_label(ad->kind),
	    c != NULL ? _(c->label) : ad->category);
	if (price[0] != '\0')
		used += snprintf(line + used, sizeof line - used, " · %s",
		    price);
	else if (ad->kind == AD_WANTED)
		used += snprintf(line + used, sizeof line - used, " · %s",
		    _("no budget given"));
	snprintf(line + used, sizeof line - used, " · %s",
	    ad_status_label(ad->status));
	ui_doc_paragraph(d, line, 0, ad->status == AD_AVAILABLE ? UI_ATTR_INFO :
	    UI_ATTR_PINNED);
	when_format_moment(when, sizeof when, ad->created_at);
	used = snprintf(line, sizeof line, "%s · %s", ad->author_name, when);
	if (ad->updated_at > 0)
		snprintf(line + used, sizeof line - used, " %s", _("(edited)"));
	ui_doc_paragraph(d, line, 0, UI_ATTR_DIM);
	/* Only its author sees a hidden ad: tell them why. */
	if (ad->hidden) {
		snprintf(line, sizeof line, _("Hidden by the moderation: %s"),
		    ad->hidden_reason != NULL ? ad->hidden_reason : "");
		ui_doc_paragraph(d, line, 0, UI_ATTR_ERROR);
	}
	when_format_moment(when, sizeof when, ad->expires_at);
	if (ad->expired)
		snprintf(line, sizeof line, ngettext("Expired since %s: only "
		    "you see it. Press w to put it back for %d day.",
		    "Expired since %s: only you see it. Press w to put it "
		    "back for %d days.", ads_days(ui)), when, ads_days(ui));
	else
		snprintf(line, sizeof line, _("Online until %s."), when);
	ui_doc_paragraph(d, line, 0, ad->expired ? UI_ATTR_ERROR : UI_ATTR_DIM);
	ui_doc_blank(d);
	if (ad->body == NULL || ad->body[0] == '\0')
		ui_doc_paragraph(d, _("(no description)"), 0, UI_ATTR_DIM);
	else
		ui_doc_paragraph(d, ad->body, 0, UI_ATTR_NORMAL);
	ui_doc_blank(d);
	if (ad->mine)
		snprintf(line, sizeof line, "── %s ──", _("Your ad: e edit, "
		    "r reserved, g gone, w renew, d delete"));
	else
		snprintf(line, sizeof line, _("── Press c to write to %s about "
		    "this ad ──"), ad->author_name);
	ui_doc_paragraph(d, line, 0, UI_ATTR_DIM);
}

static void
ad_load(struct ui *ui, struct ad_view *av)
{
	int rc;

	classified_clear(&av->ad);
	ui_doc_clear(&av->doc);
	rc = store_classified_get(ui->store, &ui->viewer, av->id, &av->ad);
	av->gone = rc != STORE_OK;
	if (rc != STORE_OK && rc != STORE_NOT_FOUND)
		ui_store_error(ui, rc);
}

static int
ad_enter(struct ui *ui, struct view *view, void *arg)
{
	struct ad_view *av = xcalloc(1, sizeof *av);

	av->id = *(const int64_t *)arg;
	view->data = av;
	ad_load(ui, av);
	return 0;
}

static void
ad_leave(struct ui *ui, struct view *view)
{
	struct ad_view *av = view->data;

	ui_doc_clear(&av->doc);
	classified_clear(&av->ad);
	free(av);
}

static void
ad_resume(struct ui *ui, struct view *view)
{
	ad_load(ui, view->data);
	ui_refresh_counts(ui);
}

static const char *
ad_title(struct ui *ui, struct view *view)
{
	struct ad_view *av = view->data;

	return av->gone ? _("Ad") : av->ad.title;
}

static void
ad_draw(struct ui *ui, struct view *view)
{
	struct ad_view *av = view->data;
	int y = ui_body_top(ui) + 1, rows = ui_body_rows(ui) - 1;

	if (av->gone) {
		ui_paragraph(ui, y + 1, 4, 3, ui->cols - 8,
		    _("This ad is no longer online. Press q to go back."),
		    A_NORMAL);
		return;
	}
	if (av->doc.cols != ui->cols - 4)
		ad_layout(ui, av, ui->cols - 4);
	ui_doc_draw(ui, &av->doc, y, rows, UI_DOC_UNMARKED);
}

/* The author's actions: refused with a reason to anyone else. */
static bool
ad_is_mine(struct ui *ui, struct ad_view *av)
{
	if (av->ad.mine)
		return true;
	ui_error(ui, "%s", _("Only its author can change this ad."));
	return false;
}

static void
ad_set_status(struct ui *ui, struct ad_view *av, enum ad_status status,
    const char *done)
{
	int rc;

	if ((rc = store_classified_set_status(ui->store, &ui->viewer, av->id,
	    status)) != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	ad_load(ui, av);
	ui_message(ui, "%s", done);
}

static void
ad_renew(struct ui *ui, struct ad_view *av)
{
	char when[128];
	int rc;

	if ((rc = store_classified_renew(ui->store, &ui->viewer, av->id,
	    ads_days(ui))) != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	ad_load(ui, av);
	when_format_moment(when, sizeof when, av->ad.expires_at);
	ui_message(ui, _("Renewed: your ad stays online until %s."), when);
}

static void
ad_delete(struct ui *ui, struct ad_view *av)
{
	int rc;

	if (!ui_confirm(ui, _("Delete this ad?")))
		return;
	if ((rc = store_classified_delete(ui->store, &ui->viewer, av->id))
	    != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	ui_pop(ui);
	ui_message(ui, "%s", _("Your ad was deleted."));
}

static void
ad_contact(struct ui *ui, struct ad_view *av)
{
	if (av->ad.mine) {
		ui_error(ui, "%s", _("This is your own ad."));
		return;
	}
	ui_push(ui, &mail_compose_screen, &(struct mail_compose_request){
	    .to_id = av->ad.author_id, .subject = av->ad.title,
	    .about_item_id = av->id });
}

static enum ui_result
ad_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct ad_view *av = view->data;
	int rows = ui_body_rows(ui) - 1;

	if (ui_key_is_back(key) || key->code == KEY_LEFT) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	if (av->gone)
		return UI_IGNORED;
	/* Scrolling needs the lines, which a reload has thrown away. */
	if (av->doc.cols != ui->cols - 4)
		ad_layout(ui, av, ui->cols - 4);
	if (ui_doc_key(&av->doc, rows, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'c') || ui_key_is_char(key, 'C')) {
		ad_contact(ui, av);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'e') || ui_key_is_char(key, 'E')) {
		if (ad_is_mine(ui, av))
			ui_push(ui, &ad_form_screen,
			    &(struct ad_form_request){ &av->ad });
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'r') || ui_key_is_char(key, 'R')) {
		if (!ad_is_mine(ui, av))
			return UI_HANDLED;
		if (av->ad.status == AD_AVAILABLE)
			ad_set_status(ui, av, AD_RESERVED,
			    _("Marked reserved."));
		else
			ad_set_status(ui, av, AD_AVAILABLE,
			    _("Available again."));
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'g') || ui_key_is_char(key, 'G')) {
		if (ad_is_mine(ui, av) && ui_confirm(ui, _("Mark it gone? "
		    "It leaves the list of ads.")))
			ad_set_status(ui, av, AD_GONE, _("Marked gone."));
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'w') || ui_key_is_char(key, 'W')) {
		if (ad_is_mine(ui, av))
			ad_renew(ui, av);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'd') || ui_key_is_char(key, 'D')) {
		if (ad_is_mine(ui, av))
			ad_delete(ui, av);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '!')) {
		if (av->ad.mine)
			ui_error(ui, "%s", _("You wrote this: there is nothing "
			    "to report."));
		else
			ui_report(ui, REPORT_ITEM, av->ad.id);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

/* Contact is for others' ads; the rest for the author's own. */
static bool
ad_key_shown(struct ui *ui, struct view *view, const struct ui_keyhelp *k)
{
	struct ad_view *av = view->data;

	if (strcmp(k->key, "?") == 0 || strcmp(k->key, "q") == 0)
		return true;
	if (av->gone)
		return false;
	if (strcmp(k->key, "c") == 0 || strcmp(k->key, "!") == 0)
		return !av->ad.mine;
	return av->ad.mine;
}

const struct screen classified_screen = {
	.name = "classified",
	.title = ad_title,
	.enter = ad_enter,
	.draw = ad_draw,
	.key = ad_key,
	.resume = ad_resume,
	.changes = CHANGE_CLASSIFIEDS,
	.leave = ad_leave,
	.keys = ad_keys,
	.key_shown = ad_key_shown,
	.help = N_("One ad and its description; the arrows scroll. Press c "
	    "to write to its author: the message is addressed to them, with "
	    "the title of the ad as its subject. On your own ads, e edits, r "
	    "marks it reserved (or available again), g marks it gone (it "
	    "leaves the list), w renews it for another period from today and "
	    "d deletes it. An ad expires when its period is over unless you "
	    "renew it; it is then hidden from your neighbours, not deleted. "
	    "! reports someone else's ad to the moderators, with a reason; an "
	    "ad of yours hidden by the moderation is marked, with the "
	    "reason."),
};

/*
 * The form: a new ad, or editing one's own.
 */

enum ad_field {
	FIELD_KIND,
	FIELD_CATEGORY,
	FIELD_TITLE,
	FIELD_PRICE,
	FIELD_BODY,
	FIELD_COUNT,
};

struct ad_form {
	int64_t			 id;		/* 0: a new ad */
	enum ad_kind		 kind;
	const struct classified_category *category;
	bool			 choices_changed;
	struct editor		 title;
	struct editor		 price;
	struct editor		 body;
	enum ad_field		 focus;
};

#define PRICE_CHARS	20

static const struct ui_keyhelp ad_form_keys[] = {
	{ N_("F2"), N_("Send"), true },
	{ N_("Tab"), N_("Next field"), true },
	{ N_("Esc"), N_("Cancel"), true },
	{ N_("F1"), N_("Help"), true },
	{ N_("Ctrl-S"), N_("Send"), false },
	{ N_("1-3"), N_("Pick the kind, on its line"), false },
	{ N_("1-8"), N_("Pick the category, on its line"), false },
	{ NULL, NULL, false },
};

static int
ad_form_enter(struct ui *ui, struct view *view, void *arg)
{
	const struct ad_form_request *req = arg;
	struct ad_form *f = xcalloc(1, sizeof *f);
	const struct classified *ad = req != NULL ? req->ad : NULL;
	char price[64];

	editor_init(&f->title, false, QUARTIER_TITLE_MAX);
	editor_init(&f->price, false, PRICE_CHARS);
	editor_init(&f->body, true, QUARTIER_BODY_MAX);
	f->kind = AD_SELL;
	f->focus = FIELD_KIND;
	if (ad != NULL) {
		f->id = ad->id;
		f->kind = ad->kind;
		f->category = classified_category_find(ad->category);
		editor_set(&f->title, ad->title);
		editor_set(&f->body, ad->body != NULL ? ad->body : "");
		/* The price as the resident would type it: "12,50", or
		 * "12.50" in English. */
		if (ad->price_cents >= 0) {
			if (ad->price_cents % 100 != 0)
				snprintf(price, sizeof price, "%lld%c%02lld",
				    (long long)(ad->price_cents / 100),
				    language_current() == LANG_EN ? '.' : ',',
				    (long long)(ad->price_cents % 100));
			else
				snprintf(price, sizeof price, "%lld",
				    (long long)(ad->price_cents / 100));
			editor_set(&f->price, price);
		}
		f->focus = FIELD_TITLE;
	}
	view->data = f;
	return 0;
}

static void
ad_form_leave(struct ui *ui, struct view *view)
{
	struct ad_form *f = view->data;

	editor_free(&f->title);
	editor_free(&f->price);
	editor_free(&f->body);
	free(f);
}

static const char *
ad_form_title(struct ui *ui, struct view *view)
{
	struct ad_form *f = view->data;

	return f->id != 0 ? _("Edit your ad") : _("New ad");
}

/* A line of numbered choices, flowing onto a second line if need be;
 * returns the rows it took. */
static int
ad_form_draw_choices(struct ui *ui, int y, const char *label, bool focused,
    const char *const *options, size_t n, int chosen)
{
	char item[128];
	int x = 14, w, rows = 1, attr;
	size_t i;

	ui_text(ui, y, 1, 13, label, focused ? A_BOLD | A_UNDERLINE : A_BOLD);
	for (i = 0; i < n; i++) {
		snprintf(item, sizeof item, "%zu %s", i + 1, options[i]);
		w = text_width(item);
		if (x + w > ui->cols - 1) {
			y++;
			rows++;
			x = 14;
		}
		attr = (int)i == chosen ? ui_attr(ui, UI_ATTR_SELECTED) :
		    (int)A_NORMAL;
		x += ui_text(ui, y, x, ui->cols - x - 1, item, attr) + 1;
	}
	if (focused)
		ui_place_cursor(ui, y - rows + 1, 13);
	return rows;
}

/* What the price field says of itself as it is typed. */
static void
ad_form_price_note(struct ui *ui, struct ad_form *f, int y)
{
	char line[512], price[64];
	const char *why;
	int64_t cents;

	if (f->kind == AD_GIVE)
		return;
	if (classified_price_parse(editor_text(&f->price), &cents, &why) != 0) {
		snprintf(line, sizeof line, _("Invalid price: %s"), why);
		ui_paragraph(ui, y, 14, 2, ui->cols - 15, line,
		    ui_attr(ui, UI_ATTR_ERROR));
	} else if (cents >= 0) {
		classified_price_format(price, sizeof price, cents);
		snprintf(line, sizeof line, "= %s", price);
		ui_text(ui, y, 14, ui->cols - 15, line,
		    ui_attr(ui, UI_ATTR_DIM));
	} else
		ui_text(ui, y, 14, ui->cols - 15, f->kind == AD_SELL ?
		    _("The price you ask, as in 12 or 12,50.") :
		    _("A budget, if you have one; or leave it empty."),
		    ui_attr(ui, UI_ATTR_DIM));
}

static void
ad_form_draw(struct ui *ui, struct view *view)
{
	struct ad_form *f = view->data;
	const char *kinds[3], *categories[16];
	char line[256];
	int y = ui_body_top(ui) + 1, rows, bottom = ui->rows - 3, chosen = -1;
	size_t i;

	kinds[0] = ad_kind_label(AD_SELL);
	kinds[1] = ad_kind_label(AD_GIVE);
	kinds[2] = ad_kind_label(AD_WANTED);
	y += ad_form_draw_choices(ui, y, _("Kind:"), f->focus == FIELD_KIND,
	    kinds, 3, (int)f->kind);
	for (i = 0; i < classified_category_count && i < 16; i++) {
		categories[i] = _(classified_categories[i].label);
		if (f->category == &classified_categories[i])
			chosen = (int)i;
	}
	y += ad_form_draw_choices(ui, y, _("Category:"),
	    f->focus == FIELD_CATEGORY, categories, i, chosen);
	y++;
	ui_text(ui, y, 1, 13, _("Title:"), A_BOLD);
	ui_fill(ui, y, 14, ui->cols - 15, A_UNDERLINE);
	editor_draw(ui, &f->title, y, 14, 1, ui->cols - 15,
	    f->focus == FIELD_TITLE);
	y++;
	ui_text(ui, y, 1, 13, f->kind == AD_WANTED ? _("Budget:") :
	    _("Price:"), A_BOLD);
	if (f->kind == AD_GIVE)
		ui_text(ui, y, 14, ui->cols - 15, _("Free: nothing to pay."),
		    ui_attr(ui, UI_ATTR_DIM));
	else {
		ui_fill(ui, y, 14, PRICE_CHARS + 2, A_UNDERLINE);
		editor_draw(ui, &f->price, y, 14, 1, PRICE_CHARS + 2,
		    f->focus == FIELD_PRICE);
	}
	y++;
	ad_form_price_note(ui, f, y);
	y += 2;
	ui_text(ui, y, 1, ui->cols - 2, _("Description:"), A_BOLD);
	snprintf(line, sizeof line, _("%zu/%zu characters"), f->body.nchars,
	    f->body.max_chars);
	ui_text_right(ui, y, 1, ui->cols - 2, line, ui_attr(ui, UI_ATTR_DIM));
	y++;
	ui_fill(ui, y, 0, ui->cols, ui_attr(ui, UI_ATTR_DIM) | A_UNDERLINE);
	y++;
	rows = bottom - y;
	editor_draw(ui, &f->body, y, 1, rows > 1 ? rows : 1, ui->cols - 2,
	    f->focus == FIELD_BODY);
}

/* The next field that takes input: a gift has no price. */
static void
ad_form_next_field(struct ad_form *f, int step)
{
	do
		f->focus = (enum ad_field)(((int)f->focus + FIELD_COUNT +
		    step) % FIELD_COUNT);
	while (f->focus == FIELD_PRICE && f->kind == AD_GIVE);
}

static void
ad_form_send(struct ui *ui, struct view *view, struct ad_form *f)
{
	struct classified_new ad;
	const char *why;
	int64_t cents = -1;
	bool edited;
	int rc;

	if (f->category == NULL) {
		f->focus = FIELD_CATEGORY;
		ui_error(ui, "%s", _("Choose a category with its number."));
		return;
	}
	if (editor_empty(&f->title)) {
		f->focus = FIELD_TITLE;
		ui_error(ui, "%s", _("Write a title."));
		return;
	}
	if (f->kind != AD_GIVE && classified_price_parse(
	    editor_text(&f->price), &cents, &why) != 0) {
		f->focus = FIELD_PRICE;
		ui_error(ui, _("Invalid price: %s"), why);
		return;
	}
	if (f->kind == AD_SELL && cents < 0) {
		f->focus = FIELD_PRICE;
		ui_error(ui, "%s", _("Write the price you ask, or choose Giving "
		    "away."));
		return;
	}
	memset(&ad, 0, sizeof ad);
	ad.kind = f->kind;
	ad.category = f->category->code;
	ad.title = editor_text(&f->title);
	ad.body = editor_text(&f->body);
	ad.price_cents = f->kind == AD_GIVE ? -1 : cents;
	if (f->id != 0)
		rc = store_classified_edit(ui->store, &ui->viewer, f->id, &ad);
	else
		rc = store_classified_add(ui->store, &ui->viewer, &ad,
		    ads_days(ui), NULL);
	if (rc != STORE_OK) {
		/* The draft stays as it is: the resident can try again. */
		ui_store_error(ui, rc);
		return;
	}
	/* F goes with the screen: say what happened from what is kept. */
	edited = f->id != 0;
	ui_draft_done(ui, view);
	ui_pop(ui);
	if (edited)
		ui_message(ui, "%s", _("Saved."));
	else
		ui_message(ui, ngettext("Your ad is online for %d day.",
		    "Your ad is online for %d days.", ads_days(ui)),
		    ads_days(ui));
}

static bool
ad_form_changed(const struct ad_form *f)
{
	return f->title.changed || f->price.changed || f->body.changed ||
	    f->choices_changed;
}

/* Keys on the kind or the category line: a digit, or the arrows. */
static enum ui_result
ad_form_choice_key(struct ad_form *f, const struct ui_key *key)
{
	size_t n = f->focus == FIELD_KIND ? 3 : classified_category_count;
	size_t i = f->focus == FIELD_KIND ? (size_t)f->kind :
	    f->category != NULL ? (size_t)(f->category -
	    classified_categories) : 0;

	/* No category yet: the arrows start from either end. */
	if (f->focus == FIELD_CATEGORY && f->category == NULL &&
	    (key->code == KEY_RIGHT || key->code == KEY_LEFT))
		i = key->code == KEY_RIGHT ? 0 : n - 1;
	else if (key->code == KEY_RIGHT)
		i = (i + 1) % n;
	else if (key->code == KEY_LEFT)
		i = (i + n - 1) % n;
	else if (key->code == 0 && key->ch >= '1' &&
	    key->ch < (wint_t)('1' + n)) {
		i = key->ch - '1';
	} else
		return UI_IGNORED;
	if (f->focus == FIELD_KIND)
		f->kind = (enum ad_kind)i;
	else
		f->category = &classified_categories[i];
	/* The choice stays on its line, as on every form: Tab or Enter
	 * goes on. */
	f->choices_changed = true;
	return UI_HANDLED;
}

static enum ui_result
ad_form_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct ad_form *f = view->data;

	if (key->code == KEY_F(2) || ui_key_is_char(key, UI_KEY_CTRL('s'))) {
		ad_form_send(ui, view, f);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, UI_KEY_ESC)) {
		if (!ad_form_changed(f) ||
		    ui_confirm(ui, _("Throw this draft away?"))) {
			ui_draft_done(ui, view);
			ui_pop(ui);
		}
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '\t') || key->code == KEY_BTAB) {
		ad_form_next_field(f, key->code == KEY_BTAB ? -1 : 1);
		return UI_HANDLED;
	}
	/* Text pasted on a line of choices belongs to the description. */
	if ((f->focus == FIELD_KIND || f->focus == FIELD_CATEGORY) &&
	    key->code == UI_KEY_PASTE)
		f->focus = FIELD_BODY;
	switch (f->focus) {
	case FIELD_KIND:
	case FIELD_CATEGORY:
		if (ad_form_choice_key(f, key) == UI_HANDLED)
			return UI_HANDLED;
		if (key->code == KEY_DOWN || ui_key_is_enter(key)) {
			ad_form_next_field(f, 1);
			return UI_HANDLED;
		}
		if (key->code == KEY_UP) {
			ad_form_next_field(f, -1);
			return UI_HANDLED;
		}
		return ui_choice_other_key(ui, key, f->focus == FIELD_KIND ?
		    3 : (int)classified_category_count);
	case FIELD_TITLE:
	case FIELD_PRICE:
		if (key->code == KEY_DOWN || ui_key_is_enter(key)) {
			ad_form_next_field(f, 1);
			return UI_HANDLED;
		}
		if (key->code == KEY_UP) {
			ad_form_next_field(f, -1);
			return UI_HANDLED;
		}
		return editor_key(ui, f->focus == FIELD_TITLE ? &f->title :
		    &f->price, key);
	case FIELD_BODY:
		return editor_key(ui, &f->body, key);
	case FIELD_COUNT:
		break;
	}
	return UI_IGNORED;
}

/* The form as a draft: the ad it edits (0: a new one) and its fields. */
static bool
ad_form_draft_save(struct ui *ui, struct view *view, struct draft *d)
{
	struct ad_form *f = view->data;
	char kind[16];

	if (!ad_form_changed(f))
		return false;
	ui_draft_label(d, _("Classifieds"));
	d->target_id = f->id;
	snprintf(kind, sizeof kind, "%d", (int)f->kind);
	draft_set(d, "kind", kind);
	draft_set(d, "category", f->category != NULL ? f->category->code :
	    NULL);
	ui_draft_field(d, "title", &f->title);
	ui_draft_field(d, "price", &f->price);
	ui_draft_field(d, "body", &f->body);
	return true;
}

static int
ad_form_draft_open(struct ui *ui, struct view *view, const struct draft *d)
{
	struct ad_form *f;
	int64_t kind = ui_draft_number(d, "kind");

	ad_form_enter(ui, view, NULL);
	f = view->data;
	f->id = d->target_id;
	f->kind = kind >= AD_SELL && kind <= AD_WANTED ? (enum ad_kind)kind :
	    AD_SELL;
	f->category = classified_category_find(ui_draft_text(d, "category"));
	editor_set(&f->title, ui_draft_text(d, "title"));
	editor_set(&f->price, ui_draft_text(d, "price"));
	editor_set(&f->body, ui_draft_text(d, "body"));
	/* Taken up again, it is asked about before Escape throws it away. */
	f->body.changed = true;
	f->focus = FIELD_BODY;
	return 0;
}

const struct screen ad_form_screen = {
	.name = "ad_form",
	.title = ad_form_title,
	.enter = ad_form_enter,
	.draw = ad_form_draw,
	.key = ad_form_key,
	.leave = ad_form_leave,
	.keys = ad_form_keys,
	.draft_save = ad_form_draft_save,
	.draft_open = ad_form_draft_open,
	.help = N_("Choose the kind of ad (1 selling, 2 giving away, 3 "
	    "wanted) and its category with their numbers, then write a title, "
	    "the price and a description. A price is written as on a notice: "
	    "12, 12,50 or 1 200 €; what is given away has no price, and a "
	    "wanted ad may give a budget or none. The line under the price "
	    "says at once whether it can be read. Tab goes from one field to "
	    "the next, F2 (or Ctrl-S) sends, Esc leaves after asking if you "
	    "wrote something. Nothing you typed is lost when something is "
	    "refused: correct it and send again."),
};
