/*
 * addresses.c - bonnes adresses: the list, most recommended first, on
 * the list view, and one address with who recommends it and what they
 * say, as a document whose arrows go from the address to each
 * recommendation (the "!" key reports the chosen one).  The form that
 * lists or edits an address is address-form.c.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "when.h"
#include "text.h"

#define ADDRESS_MAX_RECOMMENDATIONS	2000

/* The kind as the list and the page say it: "Artisan · plombier". */
static void
address_kind_text(const struct address *a, char *buf, size_t size)
{
	const struct address_kind *k = address_kind_find(a->kind);

	if (a->trade != NULL && a->trade[0] != '\0')
		snprintf(buf, size, "%s", a->trade);
	else
		snprintf(buf, size, "%s", k != NULL ? _(k->label) : a->kind);
}

/*
 * The list.
 */

struct addresses {
	struct ui_list		 list;		/* of struct address */
	const struct address_kind *kind;	/* NULL: every kind */
	int			 total;
};

static const struct ui_keyhelp addresses_keys[] = {
	{ "n", N_("List an address"), true },
	{ "k", N_("Kind"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ N_("Enter"), N_("Open"), false },
	{ N_("PgDn"), N_("More"), false },
	{ N_("PgUp"), N_("Previous page"), false },
	{ N_("Home"), N_("First page"), false },
	{ NULL, NULL, false },
};

static int
addresses_rows(struct ui *ui)
{
	int rows = ui_body_rows(ui) - 2;

	return rows > 1 ? rows : 1;
}

static int
addresses_fetch(struct ui *ui, struct ui_list *l,
    const struct wall_cursor *after, int limit, void **rows, size_t *n)
{
	struct addresses *a = (struct addresses *)l;
	const char *kind = a->kind != NULL ? a->kind->code : NULL;

	if (store_address_count(ui->store, &ui->viewer, kind, &a->total) !=
	    STORE_OK)
		a->total = 0;
	return store_address_page(ui->store, &ui->viewer, kind, after, limit,
	    (struct address **)rows, n);
}

static struct wall_cursor
addresses_row_key(const struct ui_list *l, size_t i)
{
	const struct address *a = ui_list_row(l, i);

	return (struct wall_cursor){ a->recommenders, a->id };
}

static void
addresses_open(struct ui *ui, struct ui_list *l, void *row)
{
	const struct address *a = row;

	(void)l;
	ui_push(ui, &address_screen, &(int64_t){ a->id });
}

static void
addresses_free_rows(void *rows, size_t n)
{
	address_list_free(rows, n);
}

static void addresses_draw_row(struct ui *, struct ui_list *, const void *,
    int, bool, void *);

static const struct ui_list_ops addresses_ops = {
	.row_size = sizeof(struct address),
	.page_rows = addresses_rows,
	.fetch = addresses_fetch,
	.row_key = addresses_row_key,
	.draw_row = addresses_draw_row,
	.open = addresses_open,
	.free_rows = addresses_free_rows,
};

static int
addresses_enter(struct ui *ui, struct view *view, void *arg)
{
	struct addresses *a = xcalloc(1, sizeof *a);

	(void)arg;
	ui_list_init(&a->list, &addresses_ops);
	view->data = a;
	ui_list_load(ui, &a->list);
	return 0;
}

static const char *
addresses_title(struct ui *ui, struct view *view)
{
	return _("Bonnes adresses");
}

enum addresses_column {
	ADDR_KIND,
	ADDR_NAME,		/* with "new patients", kept whole */
	ADDR_STREET,
	ADDR_COUNT,
	ADDR_COLUMNS,
};

/* What follows a doctor's name in the list: "" when it does not apply. */
static const char *
addresses_patients_text(const struct address *a)
{
	if (a->hidden)
		return _("hidden");
	if (a->patients == PATIENTS_YES)
		return _("new patients");
	if (a->patients == PATIENTS_NO)
		return _("no new patients");
	return "";
}

static const char *
addresses_cell(const struct address *a, enum addresses_column c, char *buf,
    size_t size)
{
	buf[0] = '\0';
	switch (c) {
	case ADDR_KIND:
		address_kind_text(a, buf, size);
		break;
	case ADDR_NAME:
		snprintf(buf, size, "%s%s%s", a->name,
		    *addresses_patients_text(a) != '\0' ? " " : "",
		    addresses_patients_text(a));
		break;
	case ADDR_STREET:
		return a->street;
	case ADDR_COUNT:
		/* A count in words and figures, not a colour or a sign. */
		snprintf(buf, size, ngettext("%d neighbour", "%d neighbours",
		    a->recommenders), a->recommenders);
		break;
	case ADDR_COLUMNS:
		break;
	}
	return buf;
}

static void
addresses_draw_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct ui_column *col = ctx;
	const struct address *a = row;
	const struct ui_column *t = &col[ADDR_NAME];
	const char *status = addresses_patients_text(a);
	char buf[512];
	int base, w, sw;

	(void)l;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	ui_fill(ui, y, 0, ui->cols, base);
	if (a->recommended)
		ui_text(ui, y, 0, 2, "✓", base | ui_attr(ui, UI_ATTR_INFO));
	ui_column_draw(ui, y, &col[ADDR_KIND], addresses_cell(a, ADDR_KIND,
	    buf, sizeof buf), base | ui_attr(ui, UI_ATTR_INFO));
	sw = *status != '\0' ? text_width(status) + 1 : 0;
	w = ui_text_cut(ui, y, t->x, t->width - sw, a->name, base);
	if (sw > 0)
		ui_text(ui, y, t->x + w + 1, t->width - w - 1, status, base |
		    (a->hidden || a->patients == PATIENTS_NO ?
		    ui_attr(ui, UI_ATTR_DIM) : ui_attr(ui, UI_ATTR_PINNED)));
	ui_column_draw(ui, y, &col[ADDR_STREET], a->street, selected ? base :
	    ui_attr(ui, UI_ATTR_DIM));
	ui_column_draw(ui, y, &col[ADDR_COUNT], addresses_cell(a, ADDR_COUNT,
	    buf, sizeof buf), base);
}

static void
addresses_draw(struct ui *ui, struct view *view)
{
	struct ui_column col[ADDR_COLUMNS] = {
		[ADDR_KIND] = { .min = 6, .max = 14 },
		[ADDR_NAME] = { .min = 16, .flags = UI_COLUMN_FILL },
		[ADDR_STREET] = { .min = 8, .max = 18 },
		[ADDR_COUNT] = { .min = 5, .max = 16,
		    .flags = UI_COLUMN_RIGHT },
	};
	struct addresses *a = view->data;
	int y = ui_body_top(ui), c;
	char line[512], buf[512];
	size_t i;

	snprintf(line, sizeof line, _("Kind: %s · most recommended first"),
	    a->kind != NULL ? _(a->kind->label) : _("all"));
	ui_list_heading(ui, y, line, a->list.pager.page + 1);
	snprintf(line, sizeof line, ngettext("%d address", "%d addresses",
	    a->total), a->total);
	ui_text(ui, y + 1, 1, ui->cols - 2, line, ui_attr(ui, UI_ATTR_DIM));
	y += 2;
	if (a->list.n == 0) {
		ui_paragraph(ui, y + 1, 4, 4, ui->cols - 8, a->kind != NULL ?
		    _("No address of this kind yet. Press k to see every "
		    "kind, or n to list one.") :
		    _("No address yet. Press n to recommend a doctor, an "
		    "artisan, a shop you trust."), A_NORMAL);
		return;
	}
	for (i = 0; i < a->list.n; i++)
		for (c = 0; c < ADDR_COLUMNS; c++)
			ui_column_measure(&col[c], addresses_cell(
			    ui_list_row(&a->list, i),
			    (enum addresses_column)c, buf, sizeof buf));
	ui_columns_layout(col, ADDR_COLUMNS, 2, ui->cols - 3, 1);
	ui_list_draw(ui, &a->list, y, y + addresses_rows(ui), col);
}

/* The kinds are more than nine: the arrows reach past the digits. */
static void
addresses_choose_kind(struct ui *ui, struct addresses *a)
{
	const char *options[1 + 16];
	int n = 0, choice, current = 0;
	size_t i;

	options[n++] = _("Every kind");
	for (i = 0; i < address_kind_count && n < 17; i++) {
		options[n++] = _(address_kinds[i].label);
		if (a->kind == &address_kinds[i])
			current = n - 1;
	}
	choice = ui_choose_filter(ui, _("Show which kind?"), options, n,
	    current);
	if (choice < 0)
		return;
	a->kind = choice == 0 ? NULL : &address_kinds[choice - 1];
	ui_list_reload_first(ui, &a->list);
}

static enum ui_result
addresses_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct addresses *a = view->data;

	if (ui_list_key(ui, &a->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'n') || ui_key_is_char(key, 'N')) {
		ui_push(ui, &address_form_screen, NULL);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'k') || ui_key_is_char(key, 'K')) {
		addresses_choose_kind(ui, a);
		return UI_HANDLED;
	}
	if (ui_key_is_back(key)) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

const struct screen addresses_screen = {
	.name = "addresses",
	.title = addresses_title,
	.enter = addresses_enter,
	.draw = addresses_draw,
	.key = addresses_key,
	.resume = ui_list_resume,
	.changes = CHANGE_ADDRESSES,
	.leave = ui_list_leave,
	.keys = addresses_keys,
	.help = N_("Bonnes adresses: the doctors, artisans, shops and "
	    "services your neighbours recommend, the most recommended first; "
	    "the right-hand column says how many neighbours recommend each. "
	    "A check mark shows the ones you recommend. Choose one with the "
	    "arrows and press Enter to see who recommends it and what they "
	    "say. k shows only one kind; n lists a new address. PgDn and "
	    "PgUp turn the pages, Home goes back to the first."),
};

/*
 * One address, with its recommendations.
 */

struct address_view {
	int64_t		 id;
	bool		 gone;
	struct address	 address;
	struct reply	*recs;
	size_t		 nrecs;
	struct ui_doc	 doc;		/* 0 the address, 1.. the recs */
	size_t		 selected;
};

static const struct ui_keyhelp address_keys[] = {
	{ "↑↓", N_("Move"), true },
	{ "r", N_("Recommend"), true },
	{ "w", N_("Withdraw"), true },
	{ "p", N_("Patients"), true },
	{ "e", N_("Edit"), true },
	{ "d", N_("Delete"), true },
	{ "!", N_("Report"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ N_("PgUp/PgDn"), N_("Scroll a page"), false },
	{ N_("Home/End"), N_("Top / bottom"), false },
	{ NULL, NULL, false },
};

/* The viewer's own recommendation, or NULL. */
static const struct reply *
address_my_rec(const struct address_view *av)
{
	size_t i;

	for (i = 0; i < av->nrecs; i++)
		if (av->recs[i].mine)
			return &av->recs[i];
	return NULL;
}

static void
address_layout(struct ui *ui, struct address_view *av, int cols)
{
	const struct address *a = &av->address;
	const struct address_kind *k = address_kind_find(a->kind);
	struct ui_doc *d = &av->doc;
	char line[1024], when[128];
	size_t i;
	int used;

	ui_doc_clear(d);
	d->cols = cols;
	ui_doc_paragraph(d, a->name, 0, UI_ATTR_TITLE);
	used = snprintf(line, sizeof line, "%s", k != NULL ? _(k->label) :
	    a->kind);
	if (a->trade != NULL && a->trade[0] != '\0')
		snprintf(line + used, sizeof line - used, " · %s", a->trade);
	ui_doc_paragraph(d, line, 0, UI_ATTR_INFO);
	if (a->hidden) {
		snprintf(line, sizeof line, _("Hidden by the moderation: %s"),
		    a->hidden_reason != NULL ? a->hidden_reason : "");
		ui_doc_paragraph(d, line, 0, UI_ATTR_ERROR);
	}
	ui_doc_blank(d);
	ui_doc_field(d, _("Where:"), a->street, UI_ATTR_NORMAL);
	if (a->contact != NULL && a->contact[0] != '\0')
		ui_doc_field(d, _("Reach them:"), a->contact, UI_ATTR_NORMAL);
	if (a->patients != PATIENTS_NONE) {
		if (a->patients == PATIENTS_UNKNOWN || a->patients_at == 0)
			snprintf(line, sizeof line, "%s", _("not known yet: "
			    "press p if you know"));
		else {
			when_format_day(when, sizeof when, a->patients_at, false);
			snprintf(line, sizeof line, a->patients == PATIENTS_YES
			    ? _("yes, says %s (%s)") : _("no, says %s (%s)"),
			    a->patients_by != NULL ? a->patients_by : "?",
			    when);
		}
		ui_doc_field(d, _("New patients:"), line,
		    a->patients == PATIENTS_YES ? UI_ATTR_PINNED :
		    UI_ATTR_NORMAL);
	}
	if (a->person == PERSON_SELF)
		snprintf(line, sizeof line, _("%s listed themselves."),
		    a->author_name != NULL ? a->author_name : "");
	else if (a->person == PERSON_AGREED)
		snprintf(line, sizeof line, _("A private person: %s says they "
		    "agreed to be listed."), a->author_name != NULL ?
		    a->author_name : "");
	else {
		when_format_moment(when, sizeof when, a->created_at);
		snprintf(line, sizeof line, _("Listed by %s · %s"),
		    a->author_name != NULL ? a->author_name : "", when);
	}
	ui_doc_paragraph(d, line, 0, UI_ATTR_DIM);
	ui_doc_blank(d);
	if (av->nrecs == 0)
		snprintf(line, sizeof line, "── %s ──", _("Nobody recommends "
		    "it yet: press r if you do"));
	else
		snprintf(line, sizeof line, ngettext("── %zu neighbour "
		    "recommends it ──", "── %zu neighbours recommend it ──",
		    av->nrecs), av->nrecs);
	ui_doc_add_line(d, line, strlen(line), 0, UI_ATTR_DIM);
	for (i = 0; i < av->nrecs; i++) {
		const struct reply *r = &av->recs[i];

		d->block = i + 1;
		ui_doc_blank(d);
		when_format_moment(when, sizeof when, r->created_at);
		used = snprintf(line, sizeof line, "%s · %s", r->author_name !=
		    NULL ? r->author_name : "", when);
		if (r->updated_at > 0)
			snprintf(line + used, sizeof line - used, " %s",
			    _("(edited)"));
		ui_doc_paragraph(d, line, 0, UI_ATTR_TITLE);
		if (r->hidden) {
			snprintf(line, sizeof line,
			    _("Hidden by the moderation: %s"),
			    r->hidden_reason != NULL ? r->hidden_reason : "");
			ui_doc_paragraph(d, line, 2, UI_ATTR_ERROR);
		}
		ui_doc_paragraph(d, r->body, 2, UI_ATTR_NORMAL);
	}
}

static void
address_load(struct ui *ui, struct address_view *av)
{
	int rc;

	address_clear(&av->address);
	reply_list_free(av->recs, av->nrecs);
	av->recs = NULL;
	av->nrecs = 0;
	ui_doc_clear(&av->doc);
	rc = store_address_get(ui->store, &ui->viewer, av->id, &av->address);
	if (rc == STORE_OK)
		rc = store_reply_list(ui->store, &ui->viewer, av->id, 0,
		    ADDRESS_MAX_RECOMMENDATIONS, &av->recs, &av->nrecs);
	av->gone = rc != STORE_OK;
	if (rc != STORE_OK && rc != STORE_NOT_FOUND)
		ui_store_error(ui, rc);
	if (av->selected > av->nrecs)
		av->selected = av->nrecs;
}

static int
address_enter(struct ui *ui, struct view *view, void *arg)
{
	struct address_view *av = xcalloc(1, sizeof *av);

	av->id = *(const int64_t *)arg;
	view->data = av;
	address_load(ui, av);
	return 0;
}

static void
address_leave(struct ui *ui, struct view *view)
{
	struct address_view *av = view->data;

	ui_doc_clear(&av->doc);
	address_clear(&av->address);
	reply_list_free(av->recs, av->nrecs);
	free(av);
}

static void
address_resume(struct ui *ui, struct view *view)
{
	address_load(ui, view->data);
}

static const char *
address_title(struct ui *ui, struct view *view)
{
	struct address_view *av = view->data;

	return av->gone ? _("Address") : av->address.name;
}

static void
address_draw(struct ui *ui, struct view *view)
{
	struct address_view *av = view->data;
	int y = ui_body_top(ui) + 1, rows = ui_body_rows(ui) - 1;

	if (av->gone) {
		ui_paragraph(ui, y + 1, 4, 3, ui->cols - 8,
		    _("This address is no longer listed. Press q to go back."),
		    A_NORMAL);
		return;
	}
	if (av->doc.cols != ui->cols - 4)
		address_layout(ui, av, ui->cols - 4);
	ui_doc_draw(ui, &av->doc, y, rows, av->selected);
}

/* "r": recommend it, or change what one said. */
static void
address_recommend(struct ui *ui, struct address_view *av)
{
	const struct reply *mine = address_my_rec(av);
	char *comment, *again;
	int rc;

	comment = ui_prompt(ui, mine != NULL ? _("What you say of it:") :
	    _("Why do you recommend it? A line or two:"), mine != NULL ?
	    mine->body : NULL, false, 1000);
	while (comment != NULL) {
		if (mine != NULL)
			rc = store_reply_edit(ui->store, &ui->viewer,
			    mine->id, comment);
		else
			rc = store_address_recommend(ui->store, &ui->viewer,
			    av->id, comment, NULL);
		if (rc == STORE_OK) {
			free(comment);
			address_load(ui, av);
			ui_message(ui, "%s", mine != NULL ? _("Saved.") :
			    _("You recommend it now."));
			return;
		}
		/* Refused: asked again with what was typed. */
		ui_store_error(ui, rc);
		if (rc != STORE_INVALID)
			break;
		again = ui_prompt(ui, store_detail(ui->store), comment, false,
		    1000);
		free(comment);
		comment = again;
	}
	free(comment);
}

static void
address_withdraw(struct ui *ui, struct address_view *av)
{
	int rc;

	if (address_my_rec(av) == NULL) {
		ui_error(ui, "%s", _("You do not recommend this address."));
		return;
	}
	if (!ui_confirm(ui, _("Withdraw your recommendation and what you "
	    "said?")))
		return;
	if ((rc = store_address_withdraw(ui->store, &ui->viewer, av->id)) !=
	    STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	address_load(ui, av);
	ui_message(ui, "%s", _("Your recommendation was withdrawn."));
}

/* "p": any neighbour confirms or contradicts, in one step. */
static void
address_patients(struct ui *ui, struct address_view *av)
{
	const char *options[2];
	int choice, rc;

	if (av->address.patients == PATIENTS_NONE) {
		ui_error(ui, "%s", _("Only doctors, dentists and "
		    "physiotherapists take patients."));
		return;
	}
	options[0] = _("Yes, they take new patients");
	options[1] = _("No, they take no new patients");
	choice = ui_choose(ui, _("Do they take new patients, as far as you "
	    "know today?"), options, 2, av->address.patients == PATIENTS_NO);
	if (choice < 0)
		return;
	rc = store_address_patients(ui->store, &ui->viewer, av->id,
	    choice == 0 ? PATIENTS_YES : PATIENTS_NO);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	address_load(ui, av);
	ui_message(ui, "%s", _("Thank you: the date says it is fresh."));
}

static void
address_delete(struct ui *ui, struct address_view *av)
{
	int rc;

	if (!av->address.mine) {
		ui_error(ui, "%s", _("Only the neighbour who listed this "
		    "address can change it."));
		return;
	}
	if (!ui_confirm(ui, _("Take this address off the list, with what "
	    "neighbours said of it?")))
		return;
	if ((rc = store_address_delete(ui->store, &ui->viewer, av->id)) !=
	    STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	ui_pop(ui);
	ui_message(ui, "%s", _("The address is off the list."));
}

/* "!": the address, or the chosen recommendation. */
static void
address_report(struct ui *ui, struct address_view *av)
{
	const struct reply *r;

	if (av->selected == 0) {
		if (av->address.mine)
			ui_error(ui, "%s", _("You wrote this: there is "
			    "nothing to report."));
		else
			ui_report(ui, REPORT_ITEM, av->id);
		return;
	}
	r = &av->recs[av->selected - 1];
	if (r->mine)
		ui_error(ui, "%s", _("You wrote this: there is nothing to "
		    "report."));
	else
		ui_report(ui, REPORT_REPLY, r->id);
}

static enum ui_result
address_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct address_view *av = view->data;
	int rows = ui_body_rows(ui) - 1;

	if (ui_key_is_back(key) || key->code == KEY_LEFT) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	if (av->gone)
		return UI_IGNORED;
	if (av->doc.cols != ui->cols - 4)
		address_layout(ui, av, ui->cols - 4);
	if (ui_doc_block_key(&av->doc, &av->selected, av->nrecs + 1, rows,
	    key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'r') || ui_key_is_char(key, 'R')) {
		address_recommend(ui, av);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'w') || ui_key_is_char(key, 'W')) {
		address_withdraw(ui, av);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'p') || ui_key_is_char(key, 'P')) {
		address_patients(ui, av);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'e') || ui_key_is_char(key, 'E')) {
		if (av->address.mine)
			ui_push(ui, &address_form_screen,
			    &(struct address_form_request){ &av->address });
		else
			ui_error(ui, "%s", _("Only the neighbour who listed "
			    "this address can change it."));
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'd') || ui_key_is_char(key, 'D')) {
		address_delete(ui, av);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '!')) {
		address_report(ui, av);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

static bool
address_key_shown(struct ui *ui, struct view *view,
    const struct ui_keyhelp *k)
{
	struct address_view *av = view->data;

	if (strcmp(k->key, "?") == 0 || strcmp(k->key, "q") == 0)
		return true;
	if (av->gone)
		return false;
	if (strcmp(k->key, "w") == 0)
		return address_my_rec(av) != NULL;
	if (strcmp(k->key, "p") == 0)
		return av->address.patients != PATIENTS_NONE;
	if (strcmp(k->key, "e") == 0 || strcmp(k->key, "d") == 0)
		return av->address.mine;
	if (strcmp(k->key, "!") == 0)
		return av->selected == 0 ? !av->address.mine :
		    av->selected - 1 < av->nrecs &&
		    !av->recs[av->selected - 1].mine;
	return true;
}

const struct screen address_screen = {
	.name = "address",
	.title = address_title,
	.enter = address_enter,
	.draw = address_draw,
	.key = address_key,
	.resume = address_resume,
	.changes = CHANGE_ADDRESSES,
	.leave = address_leave,
	.keys = address_keys,
	.key_shown = address_key_shown,
	.help = N_("One address: where it is, how to reach it, and each "
	    "neighbour who recommends it with what they say. The arrows move "
	    "from the address to each recommendation. Press r to recommend "
	    "it (once: r again changes what you said) and w to withdraw your "
	    "recommendation. For a doctor, a dentist or a physiotherapist, p "
	    "says whether they take new patients as far as you know today: "
	    "the date shows how fresh that is. The neighbour who listed the "
	    "address edits it with e or takes it off with d. ! reports the "
	    "address or the chosen recommendation to the moderators."),
};
