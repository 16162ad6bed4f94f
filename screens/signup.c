/*
 * signup.c - a new resident signs up, over SSH as "new" (or "nouveau"):
 * a form of steps, one question at a time, with what the answer is for
 * written beside it.  Nothing is written before the last step: a form left
 * halfway, or a charter refused, leaves no trace in the database.
 *
 * Every answer lives in an editor or an index that does not depend on the
 * terminal's size, so a resize, a refused handle or a busy database never
 * loses what was typed; going back keeps every answer too.
 *
 * The numbered lists of cities and quartiers (struct place_picker) are
 * here as well: moving house (profile.c) asks the same questions.
 */
#include "build-config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "auth.h"
#include "text.h"

/* The largest charter read, in bytes: a page or two is expected. */
#define SIGNUP_CHARTER_MAX	(64 * 1024)

/* Left margin and widths of the form, fitting 80 columns. */
#define SIGNUP_X	4
#define SIGNUP_LABEL	16
#define SIGNUP_FIELD	48

enum signup_step {
	STEP_HANDLE,
	STEP_NAME,
	STEP_CITY,
	STEP_QUARTIER,
	STEP_STREET,
	STEP_PASSWORD,		/* skipped when a key was handed over */
	STEP_CHARTER,
	STEP_SUMMARY,
	STEP_DONE,		/* the account exists */
};

struct signup_form {
	enum signup_step		 step;
	const struct auth_public_key	*key;
	struct editor			 handle;
	struct editor			 name;
	struct editor			 street;
	struct editor			 password;
	struct editor			 again;
	bool				 on_again;	/* focus: 2nd password */
	struct place_picker		 cities;
	struct place_picker		 quartiers;
	int64_t				 quartiers_of;	/* city they belong to */
	char				*charter;	/* NULL: none written */
	int				 charter_top;	/* first line shown */
	int				 charter_rows;	/* lines, last draw */
	bool				 charter_refuse; /* button chosen */
	char				*created_handle;
};

static const struct ui_keyhelp signup_keys[] = {
	{ N_("Enter"), N_("Continue"), true },
	{ N_("Esc"), N_("Back"), true },
	{ N_("F1"), N_("Help"), true },
	{ N_("Tab"), N_("Next field"), false },
	{ N_("Arrows"), N_("Choose in a list, read the charter"), false },
	{ N_("1-9"), N_("Choose a city or a quartier by its number"), false },
	{ "a", N_("Accept the charter"), false },
	{ "r", N_("Refuse the charter"), false },
	{ N_("Any key"), N_("Leave"), true },	/* once the account is made */
	{ NULL, NULL, false },
};

/* Once the account is made, any key leaves, and the bar says only that. */
static bool
signup_key_shown(struct ui *ui, struct view *view, const struct ui_keyhelp *k)
{
	const struct signup_form *f = view->data;

	return (strcmp(k->key, "Any key") == 0) == (f->step == STEP_DONE);
}

/* The place picker. */

/*
 * Fill QUARTIERS with the quartiers of the city chosen in CITIES, unless
 * they are those already (*OF names their city).  False, with a message,
 * when there are none to choose from.
 */
bool
place_picker_load_quartiers(struct ui *ui, const struct place_picker *cities,
    struct place_picker *quartiers, int64_t *of)
{
	const struct place *city = place_picker_current(cities);
	struct place *places;
	size_t n;
	int rc;

	if (city == NULL)
		return false;
	if (quartiers->n > 0 && *of == city->id)
		return true;
	if ((rc = store_quartiers_of_city(ui->store, city->id, &places, &n))
	    != STORE_OK) {
		ui_store_error(ui, rc);
		return false;
	}
	if (n == 0) {
		place_list_free(places, n);
		ui_error(ui, "%s", _("This city has no quartier open yet; "
		    "choose another one."));
		return false;
	}
	place_picker_set(quartiers, places, n);
	*of = city->id;
	return true;
}

/* Take PLACES (N of them) in, dropping the list held before. */
void
place_picker_set(struct place_picker *p, struct place *places, size_t n)
{
	place_picker_free(p);
	p->places = places;
	p->n = n;
}

void
place_picker_free(struct place_picker *p)
{
	if (p->places != NULL)
		place_list_free(p->places, p->n);
	memset(p, 0, sizeof *p);
}

const struct place *
place_picker_current(const struct place_picker *p)
{
	return p->selected < p->n ? &p->places[p->selected] : NULL;
}

/*
 * Digits typed one after the other make a number: "1" then "2" is the
 * twelfth place when there are twelve or more, and the first then the
 * second otherwise.  The chosen row follows at once; Enter confirms.
 */
static void
place_picker_digit(struct ui *ui, struct place_picker *p, unsigned digit)
{
	size_t number = p->typed * 10 + digit;

	if (number == 0 || number > p->n)
		number = digit;
	if (number == 0 || number > p->n) {
		p->typed = 0;
		ui_error(ui, _("There is no number %u in this list."), digit);
		return;
	}
	p->typed = number;
	p->selected = number - 1;
}

enum ui_result
place_picker_key(struct ui *ui, struct place_picker *p,
    const struct ui_key *key)
{
	if (key->code == 0 && key->ch >= '0' && key->ch <= '9') {
		place_picker_digit(ui, p, (unsigned)(key->ch - '0'));
		return UI_HANDLED;
	}
	p->typed = 0;
	if (p->n == 0)
		return UI_IGNORED;
	switch (key->code) {
	case KEY_UP:
		p->selected = p->selected > 0 ? p->selected - 1 : p->n - 1;
		return UI_HANDLED;
	case KEY_DOWN:
		p->selected = (p->selected + 1) % p->n;
		return UI_HANDLED;
	case KEY_PPAGE:
		p->selected = p->selected > 10 ? p->selected - 10 : 0;
		return UI_HANDLED;
	case KEY_NPAGE:
		p->selected = p->selected + 10 < p->n ? p->selected + 10 :
		    p->n - 1;
		return UI_HANDLED;
	case KEY_HOME:
		p->selected = 0;
		return UI_HANDLED;
	case KEY_END:
		p->selected = p->n - 1;
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

/* The list in ROWS x COLS at (Y, X), following the chosen row. */
void
place_picker_draw(struct ui *ui, struct place_picker *p, int y, int x,
    int rows, int cols)
{
	char line[256];
	size_t i, visible = rows > 0 ? (size_t)rows : 1;
	int attr;

	if (p->selected < p->top)
		p->top = p->selected;
	else if (p->selected >= p->top + visible)
		p->top = p->selected - visible + 1;
	if (p->top + visible > p->n)
		p->top = p->n > visible ? p->n - visible : 0;
	for (i = p->top; i < p->n && i < p->top + visible; i++) {
		attr = i == p->selected ? ui_attr(ui, UI_ATTR_SELECTED) :
		    (int)A_NORMAL;
		ui_fill(ui, y + (int)(i - p->top), x, cols, attr);
		snprintf(line, sizeof line, " %2zu  ", i + 1);
		ui_text(ui, y + (int)(i - p->top), x, cols, line, attr);
		ui_text_cut(ui, y + (int)(i - p->top), x + 6, cols - 7,
		    p->places[i].name, attr);
	}
}

/* The charter. */

/* The file's text, cleaned like anything shown to residents, or NULL. */
static char *
signup_read_text(const char *path)
{
	char *buf, *clean = NULL;
	size_t len;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	buf = xmalloc(SIGNUP_CHARTER_MAX + 1);
	len = fread(buf, 1, SIGNUP_CHARTER_MAX, f);
	fclose(f);
	if (text_clean(buf, len, TEXT_MULTILINE, 0, &clean) != TEXT_OK)
		clean = NULL;
	free(buf);
	return clean;
}

/*
 * The charter in the language of the screens, else in the other one: a
 * charter the sysop wrote only in French still beats none at all.
 */
static char *
signup_read_charter(struct ui *ui)
{
	enum language first = language_current(), other;
	char *path, *text;

	other = first == LANG_EN ? LANG_FR : LANG_EN;
	path = xasprintf("%s/%s/charter", ui->config->texts_dir,
	    language_code(first == LANG_EN ? LANG_EN : LANG_FR));
	text = signup_read_text(path);
	free(path);
	if (text == NULL) {
		path = xasprintf("%s/%s/charter", ui->config->texts_dir,
		    language_code(other));
		text = signup_read_text(path);
		free(path);
	}
	return text;
}

/* The form. */

static int
signup_enter(struct ui *ui, struct view *view, void *arg)
{
	struct signup_form *f = xcalloc(1, sizeof *f);

	f->key = arg;
	editor_init(&f->handle, false, QUARTIER_HANDLE_MAX);
	editor_init(&f->name, false, QUARTIER_NAME_MAX);
	editor_init(&f->street, false, QUARTIER_STREET_MAX);
	editor_init(&f->password, false, QUARTIER_PASSWORD_MAX);
	editor_init(&f->again, false, QUARTIER_PASSWORD_MAX);
	f->password.masked = true;
	f->again.masked = true;
	view->data = f;
	return 0;
}

static void
signup_wipe(struct editor *ed)
{
	memset(ed->buf, 0, ed->cap);
	editor_set(ed, "");
}

static void
signup_leave(struct ui *ui, struct view *view)
{
	struct signup_form *f = view->data;

	signup_wipe(&f->password);
	signup_wipe(&f->again);
	editor_free(&f->handle);
	editor_free(&f->name);
	editor_free(&f->street);
	editor_free(&f->password);
	editor_free(&f->again);
	place_picker_free(&f->cities);
	place_picker_free(&f->quartiers);
	free(f->charter);
	free(f->created_handle);
	free(f);
}

static const char *
signup_title(struct ui *ui, struct view *view)
{
	return _("Sign up");
}

static bool
signup_step_used(const struct signup_form *f, enum signup_step step)
{
	return step != STEP_PASSWORD || f->key == NULL;
}

/* The step's number as the resident counts them, and how many there are. */
static int
signup_step_number(const struct signup_form *f, enum signup_step step,
    int *total)
{
	int s, n = 0, number = 0;

	for (s = STEP_HANDLE; s <= STEP_SUMMARY; s++) {
		if (!signup_step_used(f, (enum signup_step)s))
			continue;
		n++;
		if (s == (int)step)
			number = n;
	}
	*total = n;
	return number;
}

static const char *
signup_step_name(enum signup_step step)
{
	switch (step) {
	case STEP_HANDLE:
		return _("Your handle");
	case STEP_NAME:
		return _("Your name");
	case STEP_CITY:
		return _("Your city");
	case STEP_QUARTIER:
		return _("Your quartier");
	case STEP_STREET:
		return _("Your address");
	case STEP_PASSWORD:
		return _("Your password");
	case STEP_CHARTER:
		return _("The charter of the quartier");
	case STEP_SUMMARY:
		return _("Check and create your account");
	case STEP_DONE:
		break;
	}
	return _("Your account is created");
}

static const char *
signup_city_name(const struct signup_form *f)
{
	const struct place *p = place_picker_current(&f->cities);

	return p != NULL ? p->name : "";
}

static const char *
signup_quartier_name(const struct signup_form *f)
{
	const struct place *p = place_picker_current(&f->quartiers);

	return p != NULL ? p->name : "";
}

/* A label and its one-line field; returns the row below. */
static int
signup_draw_field(struct ui *ui, int y, const char *label, struct editor *ed,
    bool focused)
{
	int width = ui->cols - SIGNUP_X - SIGNUP_LABEL - 4;

	if (width > SIGNUP_FIELD)
		width = SIGNUP_FIELD;
	ui_text(ui, y, SIGNUP_X, SIGNUP_LABEL - 1, label, A_BOLD);
	ui_fill(ui, y, SIGNUP_X + SIGNUP_LABEL, width, A_UNDERLINE);
	editor_draw(ui, ed, y, SIGNUP_X + SIGNUP_LABEL, 1, width, focused);
	return y + 1;
}

/* A paragraph across the form; returns the row below it and a blank. */
static int
signup_say(struct ui *ui, int y, const char *text, int attr)
{
	return y + ui_paragraph(ui, y, SIGNUP_X, ui->rows - 3 - y,
	    ui->cols - 2 * SIGNUP_X, text, attr) + 1;
}

/* One of the ways to be verified, its number hanging out on the left. */
static int
signup_way(struct ui *ui, int y, int number, const char *text)
{
	char label[8];

	snprintf(label, sizeof label, "%d.", number);
	ui_text(ui, y, SIGNUP_X, 3, label, A_BOLD);
	return y + ui_paragraph(ui, y, SIGNUP_X + 3, ui->rows - 3 - y,
	    ui->cols - 2 * SIGNUP_X - 3, text, A_NORMAL);
}

static void
signup_draw_key_note(struct ui *ui, struct signup_form *f, int y)
{
	char *text;

	text = xasprintf(_("Your SSH key (%s) will be attached; no password "
	    "needed."), f->key->fingerprint);
	signup_say(ui, y, text, ui_attr(ui, UI_ATTR_INFO));
	free(text);
}

static void
signup_draw_charter(struct ui *ui, struct signup_form *f, int y)
{
	struct text_line *lines;
	size_t n, i;
	char *line;
	int rows, bottom = ui->rows - 4, attr, x;

	if (f->charter == NULL) {
		signup_say(ui, y, _("The sysop of this server has not written "
		    "the charter of the quartiers yet, so signing up is not "
		    "possible for now. Please come back later, or ask at your "
		    "community centre."), ui_attr(ui, UI_ATTR_ERROR));
		return;
	}
	y = signup_say(ui, y, _("Please read the charter: every neighbour "
	    "agrees to it. The arrows scroll the text."), A_NORMAL);
	rows = bottom - y - 1;
	n = text_wrap(f->charter, ui->cols - 2 * SIGNUP_X - 2, &lines);
	f->charter_rows = rows;
	if (f->charter_top > (int)n - rows)
		f->charter_top = (int)n > rows ? (int)n - rows : 0;
	if (f->charter_top < 0)
		f->charter_top = 0;
	for (i = (size_t)f->charter_top; i < n &&
	    (int)i < f->charter_top + rows; i++) {
		line = xstrndup(f->charter + lines[i].start, lines[i].len);
		ui_text(ui, y + (int)i - f->charter_top, SIGNUP_X + 2,
		    ui->cols - 2 * SIGNUP_X - 2, line, A_NORMAL);
		free(line);
	}
	if (f->charter_top + rows < (int)n)
		ui_text_right(ui, y + rows, SIGNUP_X, ui->cols - 2 * SIGNUP_X,
		    _("(more below: arrow down)"), ui_attr(ui, UI_ATTR_DIM));
	free(lines);

	/* The two answers, the chosen one highlighted; Enter presses it. */
	x = SIGNUP_X;
	attr = !f->charter_refuse ? ui_attr(ui, UI_ATTR_SELECTED) :
	    (int)A_BOLD;
	x += ui_text(ui, bottom, x, ui->cols - x, _("[ a  I accept ]"), attr);
	x += 4;
	attr = f->charter_refuse ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_BOLD;
	ui_text(ui, bottom, x, ui->cols - x, _("[ r  I refuse ]"), attr);
}

/*
 * What will be written, each answer numbered: its number goes back to
 * the step that asked it (the city comes with the quartier).
 */
static void
signup_draw_summary(struct ui *ui, struct signup_form *f, int y)
{
	char place[256], number[8], *login;
	const char *labels[] = { _("Handle:"), _("Name shown:"),
	    _("Quartier:"), _("Address:"), _("Logging in:") };
	const char *values[5];
	int i;

	snprintf(place, sizeof place, "%s, %s", signup_quartier_name(f),
	    signup_city_name(f));
	if (f->key != NULL)
		login = xstrdup(_("your SSH key, below"));
	else
		login = xstrdup(_("the password you chose"));
	values[0] = editor_text(&f->handle);
	values[1] = editor_text(&f->name);
	values[2] = place;
	values[3] = editor_text(&f->street);
	values[4] = login;
	y = signup_say(ui, y, _("Please check what you wrote. To correct "
	    "something, press its number, or Esc to go back one step."),
	    A_NORMAL);
	for (i = 0; i < 5; i++) {
		if (i < 4 || f->key == NULL) {
			snprintf(number, sizeof number, "%d", i + 1);
			ui_text(ui, y, SIGNUP_X, 3, number,
			    ui_attr(ui, UI_ATTR_DIM));
		}
		ui_text(ui, y, SIGNUP_X + 3, SIGNUP_LABEL - 1, labels[i],
		    A_BOLD);
		ui_text_cut(ui, y, SIGNUP_X + 3 + SIGNUP_LABEL, ui->cols -
		    2 * SIGNUP_X - 3 - SIGNUP_LABEL, values[i], A_NORMAL);
		y++;
	}
	free(login);
	/* A fingerprint is 50 columns: it gets a row of its own. */
	if (f->key != NULL)
		ui_text(ui, y++, SIGNUP_X + 3 + SIGNUP_LABEL, ui->cols -
		    SIGNUP_X - 3 - SIGNUP_LABEL, f->key->fingerprint, A_NORMAL);
	y++;
	ui_text(ui, y, SIGNUP_X, ui->cols - 2 * SIGNUP_X,
	    _("[ Enter  Create my account ]"), ui_attr(ui, UI_ATTR_SELECTED));
}

static void
signup_draw_done(struct ui *ui, struct signup_form *f, int y)
{
	char *text, *login;

	text = xasprintf(_("Welcome, %s! Your account waits for the "
	    "verification of your address in %s; until then the quartier "
	    "stays closed to you. There are three ways to be verified:"),
	    editor_text(&f->name), signup_quartier_name(f));
	y = signup_say(ui, y, text, A_NORMAL);
	free(text);
	y = signup_way(ui, y, 1, _("A letter with a code is posted to your "
	    "address; type its code when you log in."));
	text = xasprintf(ngettext("%d neighbour who knows you vouches for you "
	    "from their \"Neighbours waiting\" screen.", "%d neighbours who "
	    "know you vouch for you from their \"Neighbours waiting\" "
	    "screen.", ui->config->vouches_needed),
	    ui->config->vouches_needed);
	y = signup_way(ui, y, 2, text);
	free(text);
	y = signup_way(ui, y, 3, _("In person, at the community centre or "
	    "with your sysop, with a proof of address.")) + 1;
	login = config_login_command(ui->config, f->created_handle);
	text = xasprintf(_("To log in again: %s"), login);
	y = signup_say(ui, y, text, A_BOLD);
	free(text);
	free(login);
	signup_say(ui, y, _("Press any key to leave."),
	    ui_attr(ui, UI_ATTR_DIM));
}

static void
signup_draw(struct ui *ui, struct view *view)
{
	struct signup_form *f = view->data;
	char line[256], *text;
	int y = ui_body_top(ui) + 1, number, total;

	if (f->step == STEP_DONE)
		snprintf(line, sizeof line, "%s", signup_step_name(f->step));
	else {
		number = signup_step_number(f, f->step, &total);
		/* TRANSLATORS: "Step 3 of 8: Your city". */
		snprintf(line, sizeof line, _("Step %d of %d: %s"), number,
		    total, signup_step_name(f->step));
	}
	ui_text(ui, y, SIGNUP_X, ui->cols - 2 * SIGNUP_X, line,
	    ui_attr(ui, UI_ATTR_TITLE));
	y += 2;
	switch (f->step) {
	case STEP_HANDLE:
		y = signup_say(ui, y, _("Your handle is the name you type to "
		    "log in. It has 3 to 24 characters: small letters a to z, "
		    "digits, - and _, and it starts with a letter. For example: "
		    "odile or jean-paul67."), A_NORMAL);
		y = signup_draw_field(ui, y, _("Handle:"), &f->handle, true);
		if (f->key != NULL)
			signup_draw_key_note(ui, f, y + 1);
		break;
	case STEP_NAME:
		y = signup_say(ui, y, _("The name your neighbours will see, for "
		    "example \"Odile Schmitt\". Please give your real name: in a "
		    "quartier, people know each other."), A_NORMAL);
		signup_draw_field(ui, y, _("Your name:"), &f->name, true);
		break;
	case STEP_CITY:
		y = signup_say(ui, y, _("In which city do you live? Type its "
		    "number or choose it with the arrows, then press Enter."),
		    A_NORMAL);
		place_picker_draw(ui, &f->cities, y, SIGNUP_X, ui->rows - 3 - y,
		    ui->cols - 2 * SIGNUP_X);
		break;
	case STEP_QUARTIER:
		text = xasprintf(_("In which quartier of %s do you live? Type "
		    "its number or choose it with the arrows, then press "
		    "Enter."), signup_city_name(f));
		y = signup_say(ui, y, text, A_NORMAL);
		free(text);
		place_picker_draw(ui, &f->quartiers, y, SIGNUP_X,
		    ui->rows - 3 - y, ui->cols - 2 * SIGNUP_X);
		break;
	case STEP_STREET:
		y = signup_say(ui, y, _("Your street address, with its number, "
		    "for example \"8 rue Saint-Guillaume\"."), A_NORMAL);
		y = signup_draw_field(ui, y, _("Address:"), &f->street, true);
		signup_say(ui, y + 1, _("It stays private: it is only used to "
		    "post you a letter with a code, and it is shown to nobody "
		    "else."), ui_attr(ui, UI_ATTR_INFO));
		break;
	case STEP_PASSWORD:
		y = signup_say(ui, y, _("Choose a password of at least 8 "
		    "characters and type it twice. Nobody, not even the sysop, "
		    "can read it."), A_NORMAL);
		y = signup_draw_field(ui, y, _("Password:"), &f->password,
		    !f->on_again);
		signup_draw_field(ui, y + 1, _("Again:"), &f->again,
		    f->on_again);
		break;
	case STEP_CHARTER:
		signup_draw_charter(ui, f, y);
		break;
	case STEP_SUMMARY:
		signup_draw_summary(ui, f, y);
		break;
	case STEP_DONE:
		signup_draw_done(ui, f, y);
		break;
	}
}

/* Moving between steps. */

static void
signup_load_cities(struct ui *ui, struct signup_form *f)
{
	struct place *places;
	size_t n;
	int rc;

	if (f->cities.n > 0)
		return;
	if ((rc = store_city_list(ui->store, &places, &n)) != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	place_picker_set(&f->cities, places, n);
}

/* The quartiers of the chosen city, unless they are already there. */
static bool
signup_load_quartiers(struct ui *ui, struct signup_form *f)
{
	return place_picker_load_quartiers(ui, &f->cities, &f->quartiers,
	    &f->quartiers_of);
}

static void
signup_go(struct ui *ui, struct signup_form *f, enum signup_step step)
{
	f->step = step;
	switch (step) {
	case STEP_CITY:
		signup_load_cities(ui, f);
		break;
	case STEP_CHARTER:
		/* Read again each time: the sysop may have just written it. */
		free(f->charter);
		f->charter = signup_read_charter(ui);
		f->charter_top = 0;
		f->charter_refuse = false;
		break;
	case STEP_PASSWORD:
		f->on_again = false;
		break;
	default:
		break;
	}
}

static void
signup_forward(struct ui *ui, struct signup_form *f)
{
	enum signup_step next = f->step + 1;

	while (!signup_step_used(f, next))
		next++;
	signup_go(ui, f, next);
}

static void
signup_back(struct ui *ui, struct signup_form *f)
{
	enum signup_step prev;

	if (f->step == STEP_HANDLE) {
		if (ui_confirm(ui, _("Stop signing up? Nothing you typed will be "
		    "kept.")))
			ui_pop(ui);
		return;
	}
	prev = f->step - 1;
	while (!signup_step_used(f, prev))
		prev--;
	signup_go(ui, f, prev);
}

/* The handle is well formed and free; it is kept in lower case. */
static bool
signup_check_handle(struct ui *ui, struct signup_form *f)
{
	const char *why;
	char *handle;
	bool available;
	int rc;

	if (editor_empty(&f->handle)) {
		ui_error(ui, "%s", _("Type the handle you would like."));
		return false;
	}
	if (!text_handle_valid(editor_text(&f->handle), &handle, &why)) {
		ui_error(ui, "%s", why);
		return false;
	}
	rc = store_handle_available(ui->store, handle, &available, &why);
	if (rc != STORE_OK) {
		free(handle);
		ui_store_error(ui, rc);
		return false;
	}
	if (!available) {
		/* The draft stays: the resident changes a letter or two. */
		ui_error(ui, "%s", why != NULL ? why : _("This handle is not "
		    "available; please choose another one."));
		free(handle);
		return false;
	}
	editor_set(&f->handle, handle);
	free(handle);
	return true;
}

/* A one-line answer that text.c accepts; NOTHING_TYPED says what to do
 * when it is empty. */
static bool
signup_check_text(struct ui *ui, struct editor *ed, size_t max_chars,
    const char *nothing_typed)
{
	enum text_status ts;
	char *clean;

	ts = text_clean(editor_text(ed), ed->len, 0, max_chars, &clean);
	if (ts == TEXT_EMPTY) {
		ui_error(ui, "%s", nothing_typed);
		return false;
	}
	if (ts != TEXT_OK) {
		ui_error(ui, "%s", text_status_message(ts));
		return false;
	}
	free(clean);
	return true;
}

static bool
signup_check_password(struct ui *ui, struct signup_form *f)
{
	const char *why;

	if (!f->on_again) {
		if (!auth_password_acceptable(editor_text(&f->password),
		    &why)) {
			ui_error(ui, "%s", why);
			return false;
		}
		f->on_again = true;
		return false;
	}
	if (strcmp(editor_text(&f->password), editor_text(&f->again)) != 0) {
		signup_wipe(&f->password);
		signup_wipe(&f->again);
		f->on_again = false;
		ui_error(ui, "%s", _("The two passwords differ; please type "
		    "them again."));
		return false;
	}
	if (!auth_password_acceptable(editor_text(&f->password), &why)) {
		f->on_again = false;
		ui_error(ui, "%s", why);
		return false;
	}
	return true;
}

/* Write the account, in one step; on a refusal the form stays as it is. */
static void
signup_create(struct ui *ui, struct signup_form *f)
{
	const struct place *quartier = place_picker_current(&f->quartiers);
	const char *why;
	struct signup s;
	char *hash = NULL;
	bool available;
	int64_t id;
	int rc;

	if (quartier == NULL) {
		signup_go(ui, f, STEP_QUARTIER);
		return;
	}
	if (f->key == NULL &&
	    (hash = auth_hash_password(editor_text(&f->password))) == NULL) {
		ui_error(ui, "%s", _("Your account could not be created; "
		    "please try again."));
		return;
	}
	memset(&s, 0, sizeof s);
	s.handle = editor_text(&f->handle);
	s.display_name = editor_text(&f->name);
	s.street = editor_text(&f->street);
	s.quartier_id = quartier->id;
	s.password_hash = hash;
	s.key = f->key;
	s.source = getenv("QUARTIER_SOURCE");
	s.per_hour = ui->config->signups_per_hour;
	rc = store_signup(ui->store, &s, &id);
	auth_free_secret(hash, 0);
	switch (rc) {
	case STORE_OK:
		break;
	case STORE_DUPLICATE:
		/* Someone took the handle meanwhile, or the key is known. */
		if (store_handle_available(ui->store, s.handle, &available,
		    &why) == STORE_OK && !available)
			signup_go(ui, f, STEP_HANDLE);
		ui_error(ui, "%s", store_detail(ui->store));
		return;
	case STORE_DENIED:
		/* Too many signups from this address: the store says so. */
		ui_error(ui, "%s", store_detail(ui->store));
		return;
	default:
		ui_store_error(ui, rc);
		return;
	}
	f->created_handle = xstrdup(editor_text(&f->handle));
	ui_tell_server(ui, "signed-up");
	signup_wipe(&f->password);
	signup_wipe(&f->again);
	f->step = STEP_DONE;
}

static enum ui_result
signup_charter_key(struct ui *ui, struct signup_form *f,
    const struct ui_key *key)
{
	int page = f->charter_rows > 2 ? f->charter_rows - 1 : 1;

	if (f->charter == NULL) {
		if (ui_key_is_enter(key))
			ui_error(ui, "%s", _("Signing up needs the charter; it "
			    "is not written yet."));
		return key->code == KEY_F(1) ? UI_IGNORED : UI_HANDLED;
	}
	switch (key->code) {
	case KEY_UP:
		f->charter_top--;
		return UI_HANDLED;
	case KEY_DOWN:
		f->charter_top++;
		return UI_HANDLED;
	case KEY_PPAGE:
		f->charter_top -= page;
		return UI_HANDLED;
	case KEY_NPAGE:
		f->charter_top += page;
		return UI_HANDLED;
	case KEY_HOME:
		f->charter_top = 0;
		return UI_HANDLED;
	case KEY_END:
		f->charter_top = 1 << 20;	/* clamped when drawn */
		return UI_HANDLED;
	case KEY_LEFT:
	case KEY_RIGHT:
	case KEY_BTAB:
		f->charter_refuse = !f->charter_refuse;
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, ' ')) {
		f->charter_top += page;
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '\t')) {
		f->charter_refuse = !f->charter_refuse;
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'a') || ui_key_is_char(key, 'A') ||
	    (ui_key_is_enter(key) && !f->charter_refuse)) {
		signup_forward(ui, f);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'r') || ui_key_is_char(key, 'R') ||
	    (ui_key_is_enter(key) && f->charter_refuse)) {
		f->charter_refuse = true;
		if (ui_confirm(ui, _("Without the charter there is no account: "
		    "stop signing up? Nothing will be kept.")))
			ui_pop(ui);
		else
			f->charter_refuse = false;
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

static enum ui_result
signup_summary_key(struct ui *ui, struct signup_form *f,
    const struct ui_key *key)
{
	static const enum signup_step rows[] = { STEP_HANDLE, STEP_NAME,
	    STEP_CITY, STEP_STREET, STEP_PASSWORD };

	if (ui_key_is_enter(key)) {
		signup_create(ui, f);
		return UI_HANDLED;
	}
	if (key->code == 0 && key->ch >= '1' && key->ch <= '5') {
		if (signup_step_used(f, rows[key->ch - '1']))
			signup_go(ui, f, rows[key->ch - '1']);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

static enum ui_result
signup_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct signup_form *f = view->data;

	if (f->step == STEP_DONE) {
		/* Any key ends the session: the resident logs in anew. */
		if (key->code != UI_KEY_PASTE)
			ui_pop(ui);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, UI_KEY_ESC)) {
		signup_back(ui, f);
		return UI_HANDLED;
	}
	switch (f->step) {
	case STEP_HANDLE:
		if (ui_key_is_enter(key)) {
			if (signup_check_handle(ui, f))
				signup_forward(ui, f);
			return UI_HANDLED;
		}
		return editor_key(ui, &f->handle, key);
	case STEP_NAME:
		if (ui_key_is_enter(key)) {
			if (signup_check_text(ui, &f->name, QUARTIER_NAME_MAX,
			    _("Type the name your neighbours will see.")))
				signup_forward(ui, f);
			return UI_HANDLED;
		}
		return editor_key(ui, &f->name, key);
	case STEP_CITY:
		if (ui_key_is_enter(key)) {
			if (f->cities.n == 0)
				ui_error(ui, "%s", _("No city is open for "
				    "signing up yet; please ask your sysop."));
			else if (signup_load_quartiers(ui, f))
				signup_forward(ui, f);
			return UI_HANDLED;
		}
		return place_picker_key(ui, &f->cities, key);
	case STEP_QUARTIER:
		if (ui_key_is_enter(key)) {
			if (place_picker_current(&f->quartiers) != NULL)
				signup_forward(ui, f);
			return UI_HANDLED;
		}
		return place_picker_key(ui, &f->quartiers, key);
	case STEP_STREET:
		if (ui_key_is_enter(key)) {
			if (signup_check_text(ui, &f->street,
			    QUARTIER_STREET_MAX, _("Type your street address: "
			    "the letter with your code is posted there.")))
				signup_forward(ui, f);
			return UI_HANDLED;
		}
		return editor_key(ui, &f->street, key);
	case STEP_PASSWORD:
		if (ui_key_is_enter(key)) {
			if (signup_check_password(ui, f))
				signup_forward(ui, f);
			return UI_HANDLED;
		}
		if (ui_key_is_char(key, '\t') || key->code == KEY_BTAB ||
		    key->code == KEY_UP || key->code == KEY_DOWN) {
			f->on_again = !f->on_again;
			return UI_HANDLED;
		}
		return editor_key(ui, f->on_again ? &f->again : &f->password,
		    key);
	case STEP_CHARTER:
		return signup_charter_key(ui, f, key);
	case STEP_SUMMARY:
		return signup_summary_key(ui, f, key);
	case STEP_DONE:
		break;
	}
	return UI_IGNORED;
}

const struct screen signup_screen = {
	.name = "signup",
	.title = signup_title,
	.enter = signup_enter,
	.draw = signup_draw,
	.key = signup_key,
	.leave = signup_leave,
	.keys = signup_keys,
	.key_shown = signup_key_shown,
	.help = N_("Signing up takes a few questions, one at a time. Type "
	    "your answer and press Enter to go on; Esc goes back one step and "
	    "keeps what you typed. Nothing is saved until you press Enter on "
	    "the last step, \"Create my account\". Your street address is "
	    "never shown to other residents: it is only used to post you a "
	    "letter with a code that verifies your account."),
};
