/*
 * address-form.c - listing a bonne adresse, or editing one's own.
 *
 * The form asks what the kind needs and only that: the trade of an
 * artisan, "takes new patients" for a doctor, and for a private person
 * (a baby-sitter, anyone under "other", or any address said to be a
 * person) whether it is the author or someone who agreed to be listed,
 * which the form requires and says why.  Before a new address is
 * written, one already listed under the same name is offered instead.
 * The fields are editors that do not depend on the screen size: neither
 * a resize nor a refusal loses what was typed.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "text.h"

enum address_field {
	AF_KIND,
	AF_TRADE,
	AF_NAME,
	AF_STREET,
	AF_CONTACT,
	AF_PERSON,
	AF_PATIENTS,
	AF_COMMENT,
	AF_COUNT,
};

/* Where the fields start, after their labels. */
#define FORM_X	18

struct address_form {
	int64_t			 id;		/* 0: a new address */
	const struct address_kind *kind;
	enum address_person	 person;
	enum address_patients	 patients;
	bool			 choices_changed;
	struct editor		 trade;
	struct editor		 name;
	struct editor		 street;
	struct editor		 contact;
	struct editor		 comment;
	enum address_field	 focus;
};

static const struct ui_keyhelp address_form_keys[] = {
	{ N_("F2"), N_("Send"), true },
	{ N_("Tab"), N_("Next field"), true },
	{ N_("Esc"), N_("Cancel"), true },
	{ N_("F1"), N_("Help"), true },
	{ N_("Ctrl-S"), N_("Send"), false },
	{ N_("←→"), N_("Pick, on a line of choices"), false },
	{ NULL, NULL, false },
};

static int
address_form_enter(struct ui *ui, struct view *view, void *arg)
{
	const struct address_form_request *req = arg;
	const struct address *a = req != NULL ? req->address : NULL;
	struct address_form *f = xcalloc(1, sizeof *f);

	editor_init(&f->trade, false, 60);
	editor_init(&f->name, false, QUARTIER_TITLE_MAX);
	editor_init(&f->street, false, QUARTIER_STREET_MAX);
	editor_init(&f->contact, false, 500);
	editor_init(&f->comment, true, 1000);
	f->patients = PATIENTS_UNKNOWN;
	f->focus = AF_KIND;
	if (a != NULL) {
		f->id = a->id;
		f->kind = address_kind_find(a->kind);
		f->person = a->person;
		if (a->patients != PATIENTS_NONE)
			f->patients = a->patients;
		editor_set(&f->trade, a->trade != NULL ? a->trade : "");
		editor_set(&f->name, a->name);
		editor_set(&f->street, a->street);
		editor_set(&f->contact, a->contact != NULL ? a->contact : "");
		f->focus = AF_NAME;
	}
	view->data = f;
	return 0;
}

static void
address_form_leave(struct ui *ui, struct view *view)
{
	struct address_form *f = view->data;

	editor_free(&f->trade);
	editor_free(&f->name);
	editor_free(&f->street);
	editor_free(&f->contact);
	editor_free(&f->comment);
	free(f);
}

static const char *
address_form_title(struct ui *ui, struct view *view)
{
	struct address_form *f = view->data;

	return f->id != 0 ? _("Edit the address") : _("New address");
}

/* Whether field F is asked for, with the kind chosen. */
static bool
address_form_asks(const struct address_form *f, enum address_field field)
{
	switch (field) {
	case AF_TRADE:
		return f->kind != NULL && f->kind->trade;
	case AF_PATIENTS:
		return f->kind != NULL && f->kind->patients;
	case AF_COMMENT:
		return f->id == 0;
	default:
		return true;
	}
}

static void
address_form_next_field(struct address_form *f, int step)
{
	do
		f->focus = (enum address_field)(((int)f->focus + AF_COUNT +
		    step) % AF_COUNT);
	while (!address_form_asks(f, f->focus));
}

static void
person_options(const char **options)
{
	options[0] = _("Not a private person");
	options[1] = _("This is me");
	options[2] = _("They agreed to be listed");
}

static void
patients_options(const char **options)
{
	options[0] = _("Not known");
	options[1] = _("Yes");
	options[2] = _("No");
}

/* A line of numbered choices, flowing onto the next lines; the rows it
 * took. */
static int
address_form_choices(struct ui *ui, int y, const char *label, bool focused,
    const char *const *options, size_t n, int chosen)
{
	char item[128];
	int x = FORM_X, w, rows = 1, attr;
	size_t i;

	ui_text(ui, y, 1, FORM_X - 1, label, focused ? A_BOLD | A_UNDERLINE :
	    A_BOLD);
	for (i = 0; i < n; i++) {
		if (i < 9)
			snprintf(item, sizeof item, "%zu %s", i + 1,
			    options[i]);
		else
			snprintf(item, sizeof item, "%s", options[i]);
		w = text_width(item);
		if (x + w > ui->cols - 1) {
			y++;
			rows++;
			x = FORM_X;
		}
		attr = (int)i == chosen ? ui_attr(ui, UI_ATTR_SELECTED) :
		    (int)A_NORMAL;
		x += ui_text(ui, y, x, ui->cols - x - 1, item, attr) + 2;
	}
	if (focused)
		ui_place_cursor(ui, y - rows + 1, FORM_X - 1);
	return rows;
}

static int
address_form_line(struct ui *ui, int y, const char *label,
    struct editor *ed, bool focused)
{
	ui_text(ui, y, 1, FORM_X - 1, label, A_BOLD);
	ui_fill(ui, y, FORM_X, ui->cols - FORM_X - 1, A_UNDERLINE);
	editor_draw(ui, ed, y, FORM_X, 1, ui->cols - FORM_X - 1, focused);
	return 1;
}

static void
address_form_draw(struct ui *ui, struct view *view)
{
	struct address_form *f = view->data;
	const char *kinds[16], *options[3];
	int y = ui_body_top(ui) + 1, rows, bottom = ui->rows - 3, chosen = -1;
	size_t i;

	for (i = 0; i < address_kind_count && i < 16; i++) {
		kinds[i] = _(address_kinds[i].label);
		if (f->kind == &address_kinds[i])
			chosen = (int)i;
	}
	y += address_form_choices(ui, y, _("Kind:"), f->focus == AF_KIND,
	    kinds, i, chosen);
	if (address_form_asks(f, AF_TRADE))
		y += address_form_line(ui, y, _("Trade:"), &f->trade,
		    f->focus == AF_TRADE);
	y += address_form_line(ui, y, _("Name:"), &f->name,
	    f->focus == AF_NAME);
	y += address_form_line(ui, y, _("Street:"), &f->street,
	    f->focus == AF_STREET);
	y += address_form_line(ui, y, _("Phone, hours:"), &f->contact,
	    f->focus == AF_CONTACT);
	person_options(options);
	y += address_form_choices(ui, y, _("A person?"),
	    f->focus == AF_PERSON, options, 3, (int)f->person);
	if (f->kind != NULL && f->kind->person && f->person == PERSON_NO)
		y += ui_paragraph(ui, y, FORM_X, 2, ui->cols - FORM_X - 1,
		    _("Someone is listed only by themselves or with their "
		    "agreement: choose 2 or 3."), ui_attr(ui, UI_ATTR_ERROR));
	else
		y += ui_paragraph(ui, y, FORM_X, 2, ui->cols - FORM_X - 1,
		    _("A private person (a baby-sitter, a handyman) is listed "
		    "only by themselves or with their agreement."),
		    ui_attr(ui, UI_ATTR_DIM));
	if (address_form_asks(f, AF_PATIENTS)) {
		patients_options(options);
		y += address_form_choices(ui, y, _("New patients:"),
		    f->focus == AF_PATIENTS, options, 3,
		    (int)f->patients - PATIENTS_UNKNOWN);
	}
	if (!address_form_asks(f, AF_COMMENT))
		return;
	y++;
	ui_text(ui, y, 1, ui->cols - 2, _("Why you recommend it (empty: you "
	    "only list it):"), A_BOLD);
	y++;
	ui_fill(ui, y, 0, ui->cols, ui_attr(ui, UI_ATTR_DIM) | A_UNDERLINE);
	y++;
	rows = bottom - y;
	editor_draw(ui, &f->comment, y, 1, rows > 1 ? rows : 1, ui->cols - 2,
	    f->focus == AF_COMMENT);
}

static bool
address_form_changed(const struct address_form *f)
{
	return f->trade.changed || f->name.changed || f->street.changed ||
	    f->contact.changed || f->comment.changed || f->choices_changed;
}

/*
 * A new address whose name is one already listed: that one is offered
 * first.  True when nothing is to be sent: the resident opened it (the
 * form is gone) or pressed Escape (back to the form, as it was).
 */
static bool
address_form_offer_existing(struct ui *ui, struct view *view,
    struct address_form *f)
{
	const char *options[2];
	struct address a;
	char question[512];
	int64_t id = 0;
	int choice;

	if (f->id != 0 || store_address_similar(ui->store, &ui->viewer,
	    editor_text(&f->name), &id) != STORE_OK || id == 0)
		return false;
	memset(&a, 0, sizeof a);
	if (store_address_get(ui->store, &ui->viewer, id, &a) != STORE_OK)
		return false;
	snprintf(question, sizeof question, ngettext("\"%s\" (%s) is already "
	    "listed, recommended by %d neighbour.", "\"%s\" (%s) is already "
	    "listed, recommended by %d neighbours.", a.recommenders), a.name,
	    a.street, a.recommenders);
	address_clear(&a);
	options[0] = _("Open it (recommend it there)");
	options[1] = _("It is another one: list mine");
	choice = ui_choose(ui, question, options, 2, 0);
	if (choice != 0)
		return choice < 0;	/* Escape: back to the form */
	ui_draft_done(ui, view);
	ui_pop(ui);
	ui_push(ui, &address_screen, &id);
	return true;
}

static void
address_form_send(struct ui *ui, struct view *view, struct address_form *f)
{
	struct address_new a;
	bool edited;
	int rc;

	if (f->kind == NULL) {
		f->focus = AF_KIND;
		ui_error(ui, "%s", _("Choose the kind of address."));
		return;
	}
	if (f->kind->trade && editor_empty(&f->trade)) {
		f->focus = AF_TRADE;
		ui_error(ui, "%s", _("Write the trade: plumber, electrician..."));
		return;
	}
	if (editor_empty(&f->name)) {
		f->focus = AF_NAME;
		ui_error(ui, "%s", _("Write the name."));
		return;
	}
	if (editor_empty(&f->street)) {
		f->focus = AF_STREET;
		ui_error(ui, "%s", _("Write where it is: the street."));
		return;
	}
	if (f->kind->person && f->person == PERSON_NO) {
		f->focus = AF_PERSON;
		ui_error(ui, "%s", _("Someone is listed only by themselves or "
		    "with their agreement: choose 2 or 3."));
		return;
	}
	if (address_form_offer_existing(ui, view, f))
		return;
	memset(&a, 0, sizeof a);
	a.kind = f->kind->code;
	a.trade = editor_text(&f->trade);
	a.name = editor_text(&f->name);
	a.street = editor_text(&f->street);
	a.contact = editor_text(&f->contact);
	a.person = f->person;
	a.patients = f->kind->patients ? f->patients : PATIENTS_NONE;
	a.comment = editor_text(&f->comment);
	if (f->id != 0)
		rc = store_address_edit(ui->store, &ui->viewer, f->id, &a);
	else
		rc = store_address_add(ui->store, &ui->viewer, &a, NULL);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	edited = f->id != 0;
	ui_draft_done(ui, view);
	ui_pop(ui);
	ui_message(ui, "%s", edited ? _("Saved.") :
	    _("The address is on the list."));
}

/* Keys on a line of choices: a digit, or the arrows. */
static enum ui_result
address_form_choice_key(struct address_form *f, const struct ui_key *key)
{
	size_t n, i;

	switch (f->focus) {
	case AF_KIND:
		n = address_kind_count;
		i = f->kind != NULL ? (size_t)(f->kind - address_kinds) :
		    key->code == KEY_LEFT ? 0 : n - 1;
		break;
	case AF_PERSON:
		n = 3;
		i = (size_t)f->person;
		break;
	case AF_PATIENTS:
		n = 3;
		i = (size_t)(f->patients - PATIENTS_UNKNOWN);
		break;
	default:
		return UI_IGNORED;
	}
	if (key->code == KEY_RIGHT)
		i = (i + 1) % n;
	else if (key->code == KEY_LEFT)
		i = (i + n - 1) % n;
	else if (key->code == 0 && key->ch >= '1' && key->ch <= '9' &&
	    key->ch < (wint_t)('1' + n))
		i = key->ch - '1';
	else
		return UI_IGNORED;
	if (f->focus == AF_KIND)
		f->kind = &address_kinds[i];
	else if (f->focus == AF_PERSON)
		f->person = (enum address_person)i;
	else
		f->patients = (enum address_patients)(i + PATIENTS_UNKNOWN);
	f->choices_changed = true;
	return UI_HANDLED;
}

static struct editor *
address_form_editor(struct address_form *f)
{
	switch (f->focus) {
	case AF_TRADE:
		return &f->trade;
	case AF_NAME:
		return &f->name;
	case AF_STREET:
		return &f->street;
	case AF_CONTACT:
		return &f->contact;
	case AF_COMMENT:
		return &f->comment;
	default:
		return NULL;
	}
}

static enum ui_result
address_form_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct address_form *f = view->data;
	struct editor *ed;

	if (key->code == KEY_F(2) || ui_key_is_char(key, UI_KEY_CTRL('s'))) {
		address_form_send(ui, view, f);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, UI_KEY_ESC)) {
		if (!address_form_changed(f) ||
		    ui_confirm(ui, _("Throw this draft away?"))) {
			ui_draft_done(ui, view);
			ui_pop(ui);
		}
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '\t') || key->code == KEY_BTAB) {
		address_form_next_field(f, key->code == KEY_BTAB ? -1 : 1);
		return UI_HANDLED;
	}
	ed = address_form_editor(f);
	/* Text pasted on a line of choices goes to the next text field. */
	if (ed == NULL && key->code == UI_KEY_PASTE) {
		f->focus = f->id == 0 ? AF_COMMENT : AF_CONTACT;
		ed = address_form_editor(f);
	}
	if (ed == NULL) {
		if (address_form_choice_key(f, key) == UI_HANDLED)
			return UI_HANDLED;
		if (key->code == KEY_DOWN || ui_key_is_enter(key)) {
			address_form_next_field(f, 1);
			return UI_HANDLED;
		}
		if (key->code == KEY_UP) {
			address_form_next_field(f, -1);
			return UI_HANDLED;
		}
		return ui_choice_other_key(ui, key, f->focus == AF_KIND ? 9 :
		    3);
	}
	if (ed != &f->comment) {
		if (key->code == KEY_DOWN || ui_key_is_enter(key)) {
			address_form_next_field(f, 1);
			return UI_HANDLED;
		}
		if (key->code == KEY_UP) {
			address_form_next_field(f, -1);
			return UI_HANDLED;
		}
	}
	return editor_key(ui, ed, key);
}

static bool
address_form_draft_save(struct ui *ui, struct view *view, struct draft *d)
{
	struct address_form *f = view->data;
	char number[16];

	if (!address_form_changed(f))
		return false;
	ui_draft_label(d, _("Bonnes adresses"));
	d->target_id = f->id;
	draft_set(d, "kind", f->kind != NULL ? f->kind->code : NULL);
	snprintf(number, sizeof number, "%d", (int)f->person);
	draft_set(d, "person", number);
	snprintf(number, sizeof number, "%d", (int)f->patients);
	draft_set(d, "patients", number);
	ui_draft_field(d, "title", &f->name);
	ui_draft_field(d, "trade", &f->trade);
	ui_draft_field(d, "street", &f->street);
	ui_draft_field(d, "contact", &f->contact);
	ui_draft_field(d, "body", &f->comment);
	return true;
}

static int
address_form_draft_open(struct ui *ui, struct view *view,
    const struct draft *d)
{
	struct address_form *f;
	int64_t person = ui_draft_number(d, "person");
	int64_t patients = ui_draft_number(d, "patients");

	address_form_enter(ui, view, NULL);
	f = view->data;
	f->id = d->target_id;
	f->kind = address_kind_find(ui_draft_text(d, "kind"));
	f->person = person >= PERSON_NO && person <= PERSON_AGREED ?
	    (enum address_person)person : PERSON_NO;
	f->patients = patients >= PATIENTS_UNKNOWN && patients <= PATIENTS_NO
	    ? (enum address_patients)patients : PATIENTS_UNKNOWN;
	editor_set(&f->name, ui_draft_text(d, "title"));
	editor_set(&f->trade, ui_draft_text(d, "trade"));
	editor_set(&f->street, ui_draft_text(d, "street"));
	editor_set(&f->contact, ui_draft_text(d, "contact"));
	editor_set(&f->comment, ui_draft_text(d, "body"));
	f->name.changed = true;
	f->focus = AF_NAME;
	return 0;
}

const struct screen address_form_screen = {
	.name = "address_form",
	.title = address_form_title,
	.enter = address_form_enter,
	.draw = address_form_draw,
	.key = address_form_key,
	.leave = address_form_leave,
	.keys = address_form_keys,
	.draft_save = address_form_draft_save,
	.draft_open = address_form_draft_open,
	.help = N_("Choose the kind of address with the arrows (or 1 to 9), "
	    "then write its name, its street and how to reach it (a phone, "
	    "the hours). An artisan's trade is asked for; for a doctor, a "
	    "dentist or a physiotherapist, say whether they take new "
	    "patients, or that you do not know. A private person (a "
	    "baby-sitter, a handyman) is listed only by themselves (2 This is "
	    "me) or with their agreement (3), which the form requires for "
	    "childcare and for other kinds. Write why you recommend it, or "
	    "leave that empty to list it only. If an address of the same "
	    "name is already listed, it is offered first: recommend it there "
	    "rather than list it twice. Tab goes from field to field, F2 (or "
	    "Ctrl-S) sends, Esc leaves after asking."),
};
