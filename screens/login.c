/*
 * login.c - the first screen: a handle, a password, and a growing wait
 * after each failure so that guessing is slow.  A resident whose address
 * is not verified yet comes in too, but only to the verification screen
 * (ui_login chooses it); a suspended one stays out.
 *
 * From quartierd's web page (ui->web) the screen never reads a password
 * hash: quartierd checks the password, under the same penalties as an SSH
 * login, and F2 opens the signup form when quartierd allows it.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "auth.h"
#include "text.h"

struct login {
	struct editor	 handle;
	struct editor	 password;
	int		 focus;		/* 0 handle, 1 password */
};

static const struct ui_keyhelp login_keys[] = {
	{ N_("Tab"), N_("Next field"), true },
	{ N_("Enter"), N_("Log in"), true },
	{ N_("F2"), N_("Sign up"), true },
	{ N_("Esc"), N_("Quit"), true },
	{ N_("F1"), N_("Help"), true },
	{ NULL, NULL, false },
};

static int
login_enter(struct ui *ui, struct view *view, void *arg)
{
	struct login *l = xcalloc(1, sizeof *l);

	editor_init(&l->handle, false, QUARTIER_HANDLE_MAX);
	editor_init(&l->password, false, QUARTIER_PASSWORD_MAX);
	l->password.masked = true;
	view->data = l;
	return 0;
}

static void
login_wipe_password(struct login *l)
{
	memset(l->password.buf, 0, l->password.cap);
	editor_set(&l->password, "");
}

static void
login_leave(struct ui *ui, struct view *view)
{
	struct login *l = view->data;

	login_wipe_password(l);
	editor_free(&l->handle);
	editor_free(&l->password);
	free(l);
}

static void
login_draw(struct ui *ui, struct view *view)
{
	struct login *l = view->data;
	int y = ui_body_top(ui) + 2, x = 6, label = 18, field;

	field = ui->cols - x - label - 6;
	if (field > 40)
		field = 40;
	ui_text(ui, y, x, ui->cols - 2 * x, _("Welcome to Quartier"),
	    ui_attr(ui, UI_ATTR_TITLE));
	ui_paragraph(ui, y + 2, x, 3, ui->cols - 2 * x,
	    _("The neighbours of your quartier, who help each other, lend, "
	    "give, meet and write to each other. Only residents verified to "
	    "live in the quartier can read it."),
	    A_NORMAL);
	ui_text(ui, y + 7, x, label, _("Handle:"), A_BOLD);
	ui_fill(ui, y + 7, x + label, field, A_UNDERLINE);
	editor_draw(ui, &l->handle, y + 7, x + label, 1, field, l->focus == 0);
	ui_text(ui, y + 9, x, label, _("Password:"), A_BOLD);
	ui_fill(ui, y + 9, x + label, field, A_UNDERLINE);
	editor_draw(ui, &l->password, y + 9, x + label, 1, field,
	    l->focus == 1);
	ui_paragraph(ui, y + 12, x, 3, ui->cols - 2 * x,
	    _("Forgot your password? Ask the volunteers of your community "
	    "centre, or your quartier's sysop."), ui_attr(ui, UI_ATTR_DIM));
}

/* Wait longer after each failure: 1, 2, 4, 8 ... seconds, up to a cap. */
static void
login_slow_down(struct ui *ui)
{
	int delay = 1, i;

	for (i = 1; i < ui->login_failures && delay < 3600; i++)
		delay *= 2;
	if (delay > ui->config->login_delay_max)
		delay = ui->config->login_delay_max;
	ui_error(ui, ngettext("Wrong handle or password. Please wait %d "
	    "second.", "Wrong handle or password. Please wait %d seconds.",
	    delay), delay);
	ui_redraw(ui);
	ui_pause(ui, delay * 1000);
	ui_error(ui, "%s", _("Wrong handle or password."));
}

/*
 * The web page's login: quartierd checks the password and names the
 * resident ("ok ID"), or says no, suspended or busy.  Both fields go in
 * hex, so that nothing typed can end the line.
 */
static void
login_try_web(struct ui *ui, struct login *l)
{
	static const char digits[] = "0123456789abcdef";
	const char *fields[2] = { editor_text(&l->handle),
	    editor_text(&l->password) };
	struct resident r;
	char *q, answer[64], *end;
	size_t len, i, f, n = 0;
	long long id;
	int rc;

	/* "login", two spaces, the hex of both, the newline, the NUL. */
	len = 9 + 2 * (strlen(fields[0]) + strlen(fields[1]));
	q = xmalloc(len);
	memcpy(q, "login", 5);
	n = 5;
	for (f = 0; f < 2; f++) {
		q[n++] = ' ';
		for (i = 0; fields[f][i] != '\0'; i++) {
			q[n++] = digits[(unsigned char)fields[f][i] >> 4];
			q[n++] = digits[(unsigned char)fields[f][i] & 15];
		}
	}
	q[n++] = '\n';
	q[n] = '\0';
	rc = ui_ask_server(ui, q, answer, sizeof answer);
	explicit_bzero(q, len);
	free(q);
	login_wipe_password(l);
	if (rc != 0) {
		ui_error(ui, "%s", _("Quartier cannot check passwords right "
		    "now; reload the page to try again."));
		return;
	}
	if (strncmp(answer, "ok ", 3) == 0) {
		id = strtoll(answer + 3, &end, 10);
		memset(&r, 0, sizeof r);
		if (*end != '\0' || id <= 0 || (rc = store_resident_self(
		    ui->store, &(struct viewer){ id }, &r)) != STORE_OK) {
			ui_store_error(ui, STORE_ERROR);
			return;
		}
		ui_login(ui, &r);
		resident_clear(&r);
		return;
	}
	if (strcmp(answer, "suspended") == 0) {
		ui_error(ui, "%s", _("Your account is suspended; your sysop "
		    "can tell you why."));
		return;
	}
	if (strcmp(answer, "busy") == 0) {
		ui_error(ui, "%s", _("The server is very busy; please try "
		    "again in a minute."));
		return;
	}
	ui->login_failures++;
	l->focus = 1;
	login_slow_down(ui);
}

/* F2 on the web page: the signup form, as ssh new@ opens it. */
static void
login_signup_web(struct ui *ui)
{
	char answer[16];

	if (ui_ask_server(ui, "signup\n", answer, sizeof answer) != 0)
		ui_error(ui, "%s", _("Quartier cannot check passwords right "
		    "now; reload the page to try again."));
	else if (strcmp(answer, "ok") != 0)
		ui_error(ui, "%s", _("Too many accounts were created from "
		    "your address in the last hour; please try again later."));
	else
		ui_push(ui, &signup_screen, NULL);
}

static void
login_try(struct ui *ui, struct login *l)
{
	struct resident r;
	const char *why;
	char *handle = NULL, *hash = NULL, *new_hash;
	enum auth_result result;
	int rc = STORE_NOT_FOUND;

	if (ui->web) {
		login_try_web(ui, l);
		return;
	}
	memset(&r, 0, sizeof r);
	if (text_handle_valid(editor_text(&l->handle), &handle, &why))
		rc = store_resident_for_login(ui->store, handle, &r, &hash);
	if (rc != STORE_OK && rc != STORE_NOT_FOUND) {
		free(handle);
		ui_store_error(ui, rc);
		return;
	}
	/* An unknown handle costs the same hash as a wrong password. */
	result = auth_check_password(hash, editor_text(&l->password));
	auth_free_secret(hash, 0);
	free(handle);
	login_wipe_password(l);
	if (rc != STORE_OK || result == AUTH_WRONG) {
		ui->login_failures++;
		resident_clear(&r);
		l->focus = 1;
		login_slow_down(ui);
		return;
	}
	if (r.status == RESIDENT_SUSPENDED) {
		ui_error(ui, "%s", _("Your account is suspended; your sysop "
		    "can tell you why."));
		resident_clear(&r);
		return;
	}
	if (result == AUTH_OK_REHASH) {
		/* Renew a hash made with older settings now that we can. */
		if ((new_hash = auth_hash_password(editor_text(&l->password)))
		    != NULL)
			store_resident_set_password(ui->store, r.id, new_hash);
		auth_free_secret(new_hash, 0);
	}
	ui_login(ui, &r);
	resident_clear(&r);
}

static enum ui_result
login_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct login *l = view->data;
	struct editor *field = l->focus == 0 ? &l->handle : &l->password;

	if (ui_key_is_char(key, UI_KEY_ESC)) {
		/* A shared terminal stays on this screen for the next
		 * resident: no key leaves the program. */
		if (ui->kiosk)
			return UI_HANDLED;
		if (ui_confirm(ui, _("Leave Quartier?")))
			ui->quit = true;
		return UI_HANDLED;
	}
	if (ui->web && key->code == KEY_F(2)) {
		login_signup_web(ui);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '\t') || key->code == KEY_DOWN ||
	    key->code == KEY_UP || key->code == KEY_BTAB) {
		l->focus = !l->focus;
		return UI_HANDLED;
	}
	if (ui_key_is_enter(key)) {
		if (l->focus == 0)
			l->focus = 1;
		else if (editor_empty(&l->handle))
			l->focus = 0;
		else
			login_try(ui, l);
		return UI_HANDLED;
	}
	/* Everything else is typing, including '?' and 'q'. */
	return editor_key(ui, field, key);
}

/* On a shared terminal there is no Quit; signing up here is for the
 * web page (over SSH, it is ssh new@). */
static bool
login_key_shown(struct ui *ui, struct view *view, const struct ui_keyhelp *k)
{
	if (strcmp(k->key, "F2") == 0)
		return ui->web;
	return !ui->kiosk || strcmp(k->key, "Esc") != 0;
}

/*
 * The login screen has no title of its own: the top line says "Quartier".
 * Its help is reached with F1, since '?' may be part of a password.
 */
const struct screen login_screen = {
	.name = "login",
	.enter = login_enter,
	.draw = login_draw,
	.key = login_key,
	.leave = login_leave,
	.keys = login_keys,
	.key_shown = login_key_shown,
};
