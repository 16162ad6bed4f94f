/*
 * sysop-resident.c - one resident in the console: the street address
 * included; verify in person, change the role, suspend and lift.
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
 * One resident, as the sysop sees them: the street address included.
 */
struct resident_view {
	int64_t		 id;
	struct resident	 r;
	struct ui_doc	 doc;
};

static const struct ui_keyhelp resident_keys[] = {
	{ "v", N_("Verify in person"), true },
	{ "r", N_("Role"), true },
	{ "s", N_("Suspend"), true },
	{ "l", N_("Lift"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ NULL, NULL, false },
};

static bool
resident_key_shown(struct ui *ui, struct view *view,
    const struct ui_keyhelp *k)
{
	struct resident_view *rv = view->data;

	if (strcmp(k->key, "v") == 0)
		return rv->r.status == RESIDENT_PENDING;
	if (strcmp(k->key, "s") == 0)
		return rv->r.status != RESIDENT_SUSPENDED;
	if (strcmp(k->key, "l") == 0)
		return rv->r.status == RESIDENT_SUSPENDED;
	return true;
}

static int
resident_load(struct ui *ui, struct resident_view *rv)
{
	struct resident *list;
	size_t n, i;
	int rc;

	/* By id across every quartier: the administration list has the
	 * street, which no resident's own lookup gives. */
	rc = store_resident_list(ui->store, 0, false, &list, &n);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (list[i].id == rv->id) {
			resident_clear(&rv->r);
			rv->r = list[i];
			memset(&list[i], 0, sizeof list[i]);
			break;
		}
	}
	resident_list_free(list, n);
	if (i == n) {
		ui_store_error(ui, STORE_NOT_FOUND);
		return -1;
	}
	rv->doc.cols = 0;
	return 0;
}

static int
resident_enter(struct ui *ui, struct view *view, void *arg)
{
	struct resident_view *rv = xcalloc(1, sizeof *rv);

	rv->id = *(const int64_t *)arg;
	if (resident_load(ui, rv) != 0) {
		free(rv);
		return -1;
	}
	view->data = rv;
	return 0;
}

static void
resident_leave(struct ui *ui, struct view *view)
{
	struct resident_view *rv = view->data;

	resident_clear(&rv->r);
	ui_doc_clear(&rv->doc);
	free(rv);
}

static void
resident_resume(struct ui *ui, struct view *view)
{
	resident_load(ui, view->data);
}

static const char *
resident_title(struct ui *ui, struct view *view)
{
	struct resident_view *rv = view->data;

	return rv->r.handle;
}

static void
resident_layout(struct ui *ui, struct resident_view *rv)
{
	const struct resident *r = &rv->r;
	char when[128], *place;

	ui_doc_clear(&rv->doc);
	rv->doc.cols = ui->cols - 4;
	ui_doc_paragraph(&rv->doc, r->display_name, 0, UI_ATTR_TITLE);
	ui_doc_blank(&rv->doc);
	ui_doc_field(&rv->doc, _("Handle:"), r->handle, UI_ATTR_NORMAL);
	place = xasprintf("%s › %s", r->city, r->quartier);
	ui_doc_field(&rv->doc, _("Quartier:"), place, UI_ATTR_NORMAL);
	free(place);
	ui_doc_field(&rv->doc, _("Street address:"), r->street != NULL &&
	    *r->street != '\0' ? r->street : _("not given"), UI_ATTR_NORMAL);
	ui_doc_field(&rv->doc, _("Status:"), resident_status_word(r->status),
	    r->status == RESIDENT_VERIFIED ? UI_ATTR_NORMAL : UI_ATTR_INFO);
	ui_doc_field(&rv->doc, _("Role:"), resident_role_word(r->role),
	    UI_ATTR_NORMAL);
	when_format_date(when, sizeof when, r->created_at);
	ui_doc_field(&rv->doc, _("Member since:"), when, UI_ATTR_NORMAL);
	if (r->verified_at > 0) {
		when_format_date(when, sizeof when, r->verified_at);
		ui_doc_field(&rv->doc, _("Verified on:"), when,
		    UI_ATTR_NORMAL);
	}
	if (r->last_login_at > 0)
		when_format_moment(when, sizeof when, r->last_login_at);
	ui_doc_field(&rv->doc, _("Last login:"), r->last_login_at > 0 ? when :
	    _("never"), UI_ATTR_NORMAL);
	ui_doc_blank(&rv->doc);
	ui_doc_paragraph(&rv->doc, _("The street address is private: only "
	    "sysops see it, to check a proof of address."), 0, UI_ATTR_DIM);
}

static void
resident_draw(struct ui *ui, struct view *view)
{
	struct resident_view *rv = view->data;
	int rows = ui_body_rows(ui) - 1;

	if (rv->doc.cols != ui->cols - 4)
		resident_layout(ui, rv);
	ui_doc_draw(ui, &rv->doc, ui_body_top(ui) + 1, rows, UI_DOC_UNMARKED);
}

static void
resident_verify(struct ui *ui, struct resident_view *rv)
{
	char *question, *by;
	int rc;

	if (rv->r.status != RESIDENT_PENDING) {
		ui_error(ui, _("%s is not waiting for verification."),
		    rv->r.handle);
		return;
	}
	question = xasprintf(_("Verify %s: proof of address checked in "
	    "person?"), rv->r.handle);
	if (!ui_confirm(ui, question)) {
		free(question);
		return;
	}
	free(question);
	by = xasprintf("console:%s", ui->console_user);
	rc = store_verify_in_person(ui->store, rv->id, by);
	free(by);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	resident_load(ui, rv);
	ui_message(ui, _("%s is verified."), rv->r.handle);
}

static void
resident_role(struct ui *ui, struct resident_view *rv)
{
	static const enum resident_role roles[] = { ROLE_RESIDENT,
	    ROLE_HELPER, ROLE_MODERATOR, ROLE_SYSOP };
	const char *options[4];
	struct actor actor = sysop_actor(ui);
	char *question, *reason;
	int choice, rc;
	size_t i;

	for (i = 0; i < 4; i++)
		options[i] = resident_role_word(roles[i]);
	choice = ui_choose(ui, _("Which role?"), options, 4, (int)rv->r.role);
	if (choice < 0 || roles[choice] == rv->r.role)
		return;
	question = xasprintf(_("Why make %s %s?"), rv->r.handle,
	    options[choice]);
	reason = ui_mod_reason(ui, question, NULL);
	free(question);
	if (reason == NULL)
		return;
	question = xasprintf(_("Give %s the role %s now?"), rv->r.handle,
	    options[choice]);
	if (!ui_confirm(ui, question)) {
		free(question);
		free(reason);
		return;
	}
	free(question);
	while ((rc = store_mod_set_role(ui->store, &actor, rv->id,
	    roles[choice], reason)) == STORE_INVALID &&
	    (reason = ui_mod_reason_again(ui, reason)) != NULL)
		;
	if (rc == STORE_OK) {
		resident_load(ui, rv);
		ui_message(ui, _("%s is now %s."), rv->r.handle,
		    options[choice]);
	} else if (reason != NULL)
		ui_store_error(ui, rc);
	free(reason);
}

static void
resident_suspend(struct ui *ui, struct resident_view *rv)
{
	struct actor actor = sysop_actor(ui);
	char *question, *reason, until_text[128];
	int64_t until = 0;
	int rc;

	if (!ui_mod_suspension(ui, &until))
		return;
	if (until > 0) {
		when_format_date(until_text, sizeof until_text, until);
		question = xasprintf(_("Why suspend %s until %s?"),
		    rv->r.handle, until_text);
	} else
		question = xasprintf(_("Why suspend %s until the suspension "
		    "is lifted?"), rv->r.handle);
	reason = ui_mod_reason(ui, question, NULL);
	free(question);
	if (reason == NULL)
		return;
	question = xasprintf(_("Suspend %s now?"), rv->r.handle);
	if (ui_confirm(ui, question)) {
		while ((rc = store_mod_suspend(ui->store, &actor, rv->id,
		    until, reason)) == STORE_INVALID &&
		    (reason = ui_mod_reason_again(ui, reason)) != NULL)
			;
		if (rc == STORE_OK) {
			resident_load(ui, rv);
			ui_message(ui, _("%s is suspended."), rv->r.handle);
		} else if (reason != NULL)
			ui_store_error(ui, rc);
	}
	free(question);
	free(reason);
}

static void
resident_lift(struct ui *ui, struct resident_view *rv)
{
	struct actor actor = sysop_actor(ui);
	char *question, *reason;
	int rc;

	if (rv->r.status != RESIDENT_SUSPENDED) {
		ui_error(ui, _("%s is not suspended."), rv->r.handle);
		return;
	}
	question = xasprintf(_("Why lift the suspension of %s?"),
	    rv->r.handle);
	reason = ui_mod_reason(ui, question, NULL);
	free(question);
	if (reason == NULL)
		return;
	question = xasprintf(_("Lift the suspension of %s now?"),
	    rv->r.handle);
	if (!ui_confirm(ui, question)) {
		free(question);
		free(reason);
		return;
	}
	free(question);
	while ((rc = store_mod_lift(ui->store, &actor, rv->id, reason)) ==
	    STORE_INVALID && (reason = ui_mod_reason_again(ui, reason)) != NULL)
		;
	if (rc != STORE_OK) {
		if (reason != NULL)
			ui_store_error(ui, rc);
	} else {
		resident_load(ui, rv);
		ui_message(ui, _("The suspension of %s is lifted."),
		    rv->r.handle);
	}
	free(reason);
}

static enum ui_result
resident_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct resident_view *rv = view->data;

	if (ui_doc_key(&rv->doc, ui_body_rows(ui) - 1, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'v') || ui_key_is_char(key, 'V'))
		resident_verify(ui, rv);
	else if (ui_key_is_char(key, 'r') || ui_key_is_char(key, 'R'))
		resident_role(ui, rv);
	else if ((ui_key_is_char(key, 's') || ui_key_is_char(key, 'S')) &&
	    rv->r.status != RESIDENT_SUSPENDED)
		resident_suspend(ui, rv);
	else if (ui_key_is_char(key, 'l') || ui_key_is_char(key, 'L'))
		resident_lift(ui, rv);
	else if (ui_key_is_back(key))
		ui_pop(ui);
	else
		return UI_IGNORED;
	return UI_HANDLED;
}

const struct screen sysop_resident_screen = {
	.name = "sysop-resident",
	.title = resident_title,
	.enter = resident_enter,
	.draw = resident_draw,
	.key = resident_key,
	.resume = resident_resume,
	.changes = CHANGE_ALL,
	.leave = resident_leave,
	.keys = resident_keys,
	.key_shown = resident_key_shown,
	.help = N_("One resident, with the street address that only sysops "
	    "see. Press v to verify a pending resident whose proof of "
	    "address you checked in person, r to change the role (resident, "
	    "helper, moderator, sysop), s to suspend for some days or until "
	    "lifted, l to lift a suspension. Role changes and suspensions ask "
	    "for a reason, kept in the moderation log."),
};
