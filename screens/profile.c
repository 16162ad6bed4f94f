/*
 * profile.c - what a resident can change of their own account: the name
 * neighbours see, the password, the language of the screens, and (on a
 * screen of their own, keys.c) the SSH keys they log in with.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "auth.h"

static const struct ui_keyhelp profile_keys[] = {
	{ "1", N_("Name"), true },
	{ "2", N_("Password"), true },
	{ "3", N_("Language"), true },
	{ "4", N_("SSH keys"), true },
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
	char since[128], place[256];
	const char *labels[] = { _("Handle:"), _("Name shown:"),
	    _("Quartier:"), _("Role:"), _("Language:"), _("Member since:") };
	const char *values[6];
	int y = ui_body_top(ui) + 1, x = 4, i;

	ui_date_long(since, sizeof since, me->created_at);
	snprintf(place, sizeof place, "%s, %s", me->quartier, me->city);
	values[0] = me->handle;
	values[1] = me->display_name;
	values[2] = place;
	values[3] = profile_role_name(me->role);
	values[4] = profile_language_name(me->language);
	values[5] = since;
	for (i = 0; i < 6; i++) {
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
	    "in and cannot be changed here."),
};
