/*
 * profile.c - what a resident can change of their own account: the name
 * neighbours see, the password, the language of the screens, (on a
 * screen of their own, keys.c) the SSH keys they log in with, (email.c)
 * the e-mail notices, and, on the moving screen below, the quartier they
 * live in.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "when.h"
#include "auth.h"
#include "text.h"

static const struct screen move_screen;

static const struct ui_keyhelp profile_keys[] = {
	{ "1", N_("Name"), true },
	{ "2", N_("Password"), true },
	{ "3", N_("Language"), true },
	{ "4", N_("SSH keys"), true },
	{ "5", N_("Move house"), true },
	{ "6", N_("E-mail"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ NULL, NULL, false },
};

static const char *
profile_title(struct ui *ui, struct view *view)
{
	return _("My profile");
}

static const char *
profile_language_name(enum language language)
{
	switch (language) {
	case LANG_FR:
		return "Français";
	case LANG_EN:
		return "English";
	case LANG_AUTO:
		break;
	}
	return _("as my terminal says");
}

static const char *
profile_role_name(enum resident_role role)
{
	switch (role) {
	case ROLE_HELPER:
		return _("community centre helper");
	case ROLE_MODERATOR:
		return _("moderator");
	case ROLE_SYSOP:
		return _("sysop");
	case ROLE_RESIDENT:
		break;
	}
	return _("resident");
}

static void
profile_draw(struct ui *ui, struct view *view)
{
	const struct resident *me = &ui->me;
	char since[128], place[256], thanks[128];
	const char *labels[] = { _("Handle:"), _("Name shown:"),
	    _("Quartier:"), _("Role:"), _("Language:"), _("Member since:"),
	    _("Mercis:") };
	const char *values[7];
	int y = ui_body_top(ui) + 1, x = 4, i, mercis = 0;

	when_format_moment(since, sizeof since, me->created_at);
	snprintf(place, sizeof place, "%s, %s", me->quartier, me->city);
	values[0] = me->handle;
	values[1] = me->display_name;
	values[2] = place;
	values[3] = profile_role_name(me->role);
	values[4] = profile_language_name(me->language);
	values[5] = since;
	/* Thanks received for loans and services (prêts et services). */
	store_mercis(ui->store, &ui->viewer, me->id, &mercis);
	snprintf(thanks, sizeof thanks, ngettext("%d received for a loan or "
	    "a service", "%d received for loans and services", mercis),
	    mercis);
	values[6] = thanks;
	for (i = 0; i < 7; i++) {
		ui_text(ui, y + i, x, 20, labels[i], A_BOLD);
		ui_text(ui, y + i, x + 20, ui->cols - x - 21, values[i],
		    A_NORMAL);
	}
	y += 8;
	ui_text(ui, y++, x, ui->cols - 2 * x, _("1  Change the name "
	    "neighbours see"), A_NORMAL);
	ui_text(ui, y++, x, ui->cols - 2 * x, _("2  Change my password"),
	    A_NORMAL);
	ui_text(ui, y++, x, ui->cols - 2 * x, _("3  Language of the screens"),
	    A_NORMAL);
	ui_text(ui, y++, x, ui->cols - 2 * x, _("4  My SSH keys"), A_NORMAL);
	ui_text(ui, y++, x, ui->cols - 2 * x, _("5  Move house"), A_NORMAL);
	ui_text(ui, y++, x, ui->cols - 2 * x, _("6  E-mail notices"),
	    A_NORMAL);
	y++;
	ui_paragraph(ui, y, x, 3, ui->cols - 2 * x, _("Your street address "
	    "is never shown to other residents."), ui_attr(ui, UI_ATTR_DIM));
}

/* Read the resident's record again after a change. */
static void
profile_reload(struct ui *ui)
{
	struct resident me;

	if (store_resident_self(ui->store, &ui->viewer, &me) == STORE_OK) {
		resident_clear(&ui->me);
		ui->me = me;
	}
}

static void
profile_change_name(struct ui *ui)
{
	char *name;
	int rc;

	name = ui_prompt(ui, _("The name your neighbours see:"),
	    ui->me.display_name, false, QUARTIER_NAME_MAX);
	if (name == NULL)
		return;
	rc = store_resident_set_display_name(ui->store, &ui->viewer, name);
	free(name);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	profile_reload(ui);
	ui_message(ui, "%s", _("Your name was changed."));
}

static bool
profile_check_current(struct ui *ui, const char *password)
{
	struct resident r;
	char *hash = NULL;
	enum auth_result result;

	if (store_resident_for_login(ui->store, ui->me.handle, &r, &hash)
	    != STORE_OK)
		return false;
	result = auth_check_password(hash, password);
	auth_free_secret(hash, 0);
	resident_clear(&r);
	return result != AUTH_WRONG;
}

static void
profile_change_password(struct ui *ui)
{
	char *current = NULL, *fresh = NULL, *again = NULL, *hash = NULL;
	const char *why;
	int rc;

	current = ui_prompt(ui, _("Your current password:"), NULL, true,
	    QUARTIER_PASSWORD_MAX);
	if (current == NULL)
		goto out;
	if (!profile_check_current(ui, current)) {
		ui_error(ui, "%s", _("This is not your current password; "
		    "nothing was changed."));
		goto out;
	}
	fresh = ui_prompt(ui, _("Your new password (at least 8 characters):"),
	    NULL, true, QUARTIER_PASSWORD_MAX);
	if (fresh == NULL)
		goto out;
	if (!auth_password_acceptable(fresh, &why)) {
		ui_error(ui, "%s", why);
		goto out;
	}
	again = ui_prompt(ui, _("The new password again:"), NULL, true,
	    QUARTIER_PASSWORD_MAX);
	if (again == NULL)
		goto out;
	if (strcmp(fresh, again) != 0) {
		ui_error(ui, "%s", _("The two new passwords differ; nothing "
		    "was changed."));
		goto out;
	}
	if ((hash = auth_hash_password(fresh)) == NULL) {
		ui_error(ui, "%s", _("The password could not be changed."));
		goto out;
	}
	if ((rc = store_resident_set_password(ui->store, ui->me.id, hash))
	    != STORE_OK)
		ui_store_error(ui, rc);
	else
		ui_message(ui, "%s", _("Your password was changed."));
out:
	auth_free_secret(current, 0);
	auth_free_secret(fresh, 0);
	auth_free_secret(again, 0);
	auth_free_secret(hash, 0);
}

static void
profile_change_language(struct ui *ui)
{
	static const enum language choices[] = { LANG_FR, LANG_EN, LANG_AUTO };
	const char *options[3];
	int choice, current = 0, rc, i;

	for (i = 0; i < 3; i++) {
		options[i] = profile_language_name(choices[i]);
		if (choices[i] == ui->me.language)
			current = i;
	}
	choice = ui_choose(ui, _("Language of the screens"), options, 3,
	    current);
	if (choice < 0)
		return;
	rc = store_resident_set_language(ui->store, &ui->viewer,
	    choices[choice]);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	language_apply(choices[choice]);
	profile_reload(ui);
	ui_message(ui, "%s", _("The language was changed."));
}

static enum ui_result
profile_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	if (ui_key_is_char(key, '1'))
		profile_change_name(ui);
	else if (ui_key_is_char(key, '2'))
		profile_change_password(ui);
	else if (ui_key_is_char(key, '3'))
		profile_change_language(ui);
	else if (ui_key_is_char(key, '4'))
		ui_push(ui, &keys_screen, NULL);
	else if (ui_key_is_char(key, '5'))
		ui_push(ui, &move_screen, NULL);
	else if (ui_key_is_char(key, '6'))
		ui_push(ui, &email_screen, NULL);
	else if (ui_key_is_back(key))
		ui_pop(ui);
	else
		return UI_IGNORED;
	return UI_HANDLED;
}

const struct screen profile_screen = {
	.name = "profile",
	.title = profile_title,
	.draw = profile_draw,
	.key = profile_key,
	.keys = profile_keys,
	.help = N_("Your profile: the name your neighbours see, your "
	    "password, the language of the screens and the SSH keys that "
	    "let you log in without a password. Your handle is how you log "
	    "in and cannot be changed here. When you move house, 5 takes you "
	    "to your new quartier, where your new address is verified. 6 "
	    "sets the e-mail notices: an address, and what is sent there."),
};

/*
 * Moving house: the new city, quartier and street, after an explanation
 * of what it means, and a last question.  Like signing up, nothing is
 * written before that question is answered yes; then the resident is
 * pending in the new quartier and sees only the verification screen.
 */
enum move_step {
	MOVE_EXPLAIN,
	MOVE_CITY,
	MOVE_QUARTIER,
	MOVE_STREET,
};

struct move {
	enum move_step		 step;
	struct place_picker	 cities;
	struct place_picker	 quartiers;
	int64_t			 quartiers_of;
	struct editor		 street;
};

static const struct ui_keyhelp move_keys[] = {
	{ N_("Enter"), N_("Continue"), true },
	{ N_("Esc"), N_("Back"), true },
	{ N_("F1"), N_("Help"), true },
	{ N_("1-9"), N_("Choose a city or a quartier by its number"), false },
	{ NULL, NULL, false },
};

static const char *
move_title(struct ui *ui, struct view *view)
{
	return _("Move house");
}

static int
move_enter(struct ui *ui, struct view *view, void *arg)
{
	struct move *mv = xcalloc(1, sizeof *mv);

	editor_init(&mv->street, false, QUARTIER_STREET_MAX);
	view->data = mv;
	return 0;
}

static void
move_leave(struct ui *ui, struct view *view)
{
	struct move *mv = view->data;

	place_picker_free(&mv->cities);
	place_picker_free(&mv->quartiers);
	editor_free(&mv->street);
	free(mv);
}

static const char *
move_name(const struct place_picker *p)
{
	const struct place *place = place_picker_current(p);

	return place != NULL ? place->name : "";
}

static void
move_draw(struct ui *ui, struct view *view)
{
	struct move *mv = view->data;
	int y = ui_body_top(ui) + 1, x = 4, cols = ui->cols - 8, width;
	char *text;

	switch (mv->step) {
	case MOVE_EXPLAIN:
		ui_text(ui, y, x, cols, _("You are moving house?"),
		    ui_attr(ui, UI_ATTR_TITLE));
		y += 2;
		text = xasprintf(_("You will choose your new quartier and type "
		    "your new address. From then on you are a resident of the "
		    "new quartier, waiting for its verification: until your "
		    "new address is verified (a letter with a code, neighbours "
		    "who vouch for you, or in person), you cannot read any "
		    "quartier. What you wrote stays in %s, your old quartier, "
		    "and you will no longer see it."), ui->me.quartier);
		y += ui_paragraph(ui, y, x, 8, cols, text, A_NORMAL) + 1;
		free(text);
		ui_paragraph(ui, y, x, 3, cols, _("Press Enter to go on, or "
		    "Esc to stay where you are."), ui_attr(ui, UI_ATTR_DIM));
		break;
	case MOVE_CITY:
		y += ui_paragraph(ui, y, x, 2, cols, _("In which city is your "
		    "new home? Type its number or choose it with the arrows, "
		    "then press Enter."), A_NORMAL) + 1;
		place_picker_draw(ui, &mv->cities, y, x, ui->rows - 3 - y,
		    cols);
		break;
	case MOVE_QUARTIER:
		text = xasprintf(_("In which quartier of %s is your new home? "
		    "Type its number or choose it with the arrows, then press "
		    "Enter."), move_name(&mv->cities));
		y += ui_paragraph(ui, y, x, 2, cols, text, A_NORMAL) + 1;
		free(text);
		place_picker_draw(ui, &mv->quartiers, y, x, ui->rows - 3 - y,
		    cols);
		break;
	case MOVE_STREET:
		text = xasprintf(_("Your new street address in %s, with its "
		    "number:"), move_name(&mv->quartiers));
		y += ui_paragraph(ui, y, x, 2, cols, text, A_NORMAL) + 1;
		free(text);
		width = cols > 60 ? 60 : cols;
		ui_fill(ui, y, x, width, A_UNDERLINE);
		editor_draw(ui, &mv->street, y, x, 1, width, true);
		y += 2;
		ui_paragraph(ui, y, x, 3, cols, _("It stays private: it is only "
		    "used to post you a letter with a code, and it is shown to "
		    "nobody else."), ui_attr(ui, UI_ATTR_INFO));
		break;
	}
}

static bool
move_load_cities(struct ui *ui, struct move *mv)
{
	struct place *places;
	size_t n;
	int rc;

	if (mv->cities.n > 0)
		return true;
	if ((rc = store_city_list(ui->store, &places, &n)) != STORE_OK) {
		ui_store_error(ui, rc);
		return false;
	}
	place_picker_set(&mv->cities, places, n);
	return n > 0;
}

static bool
move_load_quartiers(struct ui *ui, struct move *mv)
{
	return place_picker_load_quartiers(ui, &mv->cities, &mv->quartiers,
	    &mv->quartiers_of);
}

/* The last question, then the move; the view is gone when it is done. */
static void
move_confirm(struct ui *ui, struct move *mv)
{
	const struct place *quartier = place_picker_current(&mv->quartiers);
	struct resident me;
	enum text_status ts;
	char *street, *question;
	bool yes;
	int rc;

	ts = text_clean(editor_text(&mv->street), mv->street.len, 0,
	    QUARTIER_STREET_MAX, &street);
	if (ts == TEXT_EMPTY) {
		ui_error(ui, "%s", _("Type your new street address: the letter "
		    "with your code is posted there."));
		return;
	}
	if (ts != TEXT_OK) {
		ui_error(ui, "%s", text_status_message(ts));
		return;
	}
	question = xasprintf(_("Move to %s, %s (%s)?"), street,
	    quartier->name, move_name(&mv->cities));
	yes = ui_confirm(ui, question);
	free(question);
	if (!yes) {
		free(street);
		return;
	}
	rc = store_move_request(ui->store, &ui->viewer, quartier->id, street);
	free(street);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	/* Pending now: the verification screen is all there is. */
	if ((rc = store_resident_self(ui->store, &ui->viewer, &me))
	    != STORE_OK) {
		ui_logout(ui);
		ui_store_error(ui, rc);
		return;
	}
	ui_login(ui, &me);
	resident_clear(&me);
	ui_message(ui, "%s", _("Your move is recorded. Welcome to your new "
	    "quartier, as soon as your address is verified."));
}

static enum ui_result
move_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct move *mv = view->data;
	const struct place *quartier;

	if (ui_key_is_char(key, UI_KEY_ESC) || (mv->step != MOVE_STREET &&
	    ui_key_is_back(key))) {
		if (mv->step == MOVE_EXPLAIN)
			ui_pop(ui);
		else
			mv->step--;
		return UI_HANDLED;
	}
	switch (mv->step) {
	case MOVE_EXPLAIN:
		if (!ui_key_is_enter(key))
			return UI_IGNORED;
		if (move_load_cities(ui, mv))
			mv->step = MOVE_CITY;
		return UI_HANDLED;
	case MOVE_CITY:
		if (!ui_key_is_enter(key))
			return place_picker_key(ui, &mv->cities, key);
		if (move_load_quartiers(ui, mv))
			mv->step = MOVE_QUARTIER;
		return UI_HANDLED;
	case MOVE_QUARTIER:
		if (!ui_key_is_enter(key))
			return place_picker_key(ui, &mv->quartiers, key);
		quartier = place_picker_current(&mv->quartiers);
		if (quartier != NULL && quartier->id == ui->me.quartier_id)
			ui_error(ui, "%s", _("This is the quartier you live in "
			    "already; choose your new one."));
		else if (quartier != NULL)
			mv->step = MOVE_STREET;
		return UI_HANDLED;
	case MOVE_STREET:
		if (ui_key_is_enter(key)) {
			move_confirm(ui, mv);
			return UI_HANDLED;
		}
		return editor_key(ui, &mv->street, key);
	}
	return UI_IGNORED;
}

static const struct screen move_screen = {
	.name = "move",
	.title = move_title,
	.enter = move_enter,
	.draw = move_draw,
	.key = move_key,
	.leave = move_leave,
	.keys = move_keys,
	.help = N_("Moving house takes you to another quartier: choose its "
	    "city and its name from the lists, then type your new street "
	    "address. You are then pending in the new quartier until your "
	    "new address is verified, and what you wrote stays in the old "
	    "one. Esc goes back one step; nothing changes before you answer "
	    "yes to the last question."),
};
