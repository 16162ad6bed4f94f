/*
 * keys.c - "My SSH keys": the public keys a resident logs in with instead
 * of typing a password.  A key is added by pasting the line of its .pub
 * file, checked whole by auth_parse_public_key() before anything is
 * stored; a key is deleted after a confirmation.
 *
 * Each key takes two rows: its fingerprint, type and date, then its
 * comment and when it was last used.  A resident has at most
 * QUARTIER_KEYS_MAX keys, so they are all in memory; the list scrolls to
 * follow the chosen key.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "when.h"
#include "auth.h"

/* The longest line the prompt takes, in characters: a pasted line of a
 * 16384-bit RSA key holds under 3000. */
#define KEYS_LINE_MAX	16384

/* Rows of a key, and where the columns of its first row start. */
#define KEYS_ROW_LINES	2
#define KEYS_TYPE_X	(2 + AUTH_FINGERPRINT_SIZE + 1)
#define KEYS_DATE_X	(KEYS_TYPE_X + 12)

struct keys {
	struct ui_list		 list;		/* of struct ssh_key_info */
};

static const struct ui_keyhelp keys_keys[] = {
	{ "a", N_("Add a key"), true },
	{ "d", N_("Delete"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ NULL, NULL, false },
};

/* The type of a key as ssh-keygen -l shows it, shorter than its name. */
static const char *
keys_type_label(const char *algorithm)
{
	static const struct {
		const char	*algorithm;
		const char	*label;
	} labels[] = {
		{ "ssh-ed25519", "ED25519" },
		{ "ecdsa-sha2-nistp256", "ECDSA" },
		{ "ecdsa-sha2-nistp384", "ECDSA" },
		{ "ecdsa-sha2-nistp521", "ECDSA" },
		{ "ssh-rsa", "RSA" },
		{ "sk-ssh-ed25519@openssh.com", "ED25519-SK" },
		{ "sk-ecdsa-sha2-nistp256@openssh.com", "ECDSA-SK" },
	};
	size_t i;

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		if (strcmp(labels[i].algorithm, algorithm) == 0)
			return labels[i].label;
	}
	return algorithm;
}

static const char *
keys_title(struct ui *ui, struct view *view)
{
	return _("My SSH keys");
}

/* How many keys fit below the header. */
static int
keys_visible(struct ui *ui)
{
	int rows = (ui_body_rows(ui) - 2) / KEYS_ROW_LINES;

	return rows > 1 ? rows : 1;
}

static void
keys_draw_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct ssh_key_info *key = row;
	char date[64], used[128];
	int base, dim, w;

	(void)l;
	(void)ctx;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	dim = selected ? base : ui_attr(ui, UI_ATTR_DIM);
	ui_fill(ui, y, 0, ui->cols, base);
	ui_fill(ui, y + 1, 0, ui->cols, base);
	ui_text(ui, y, 2, AUTH_FINGERPRINT_SIZE, key->fingerprint, base);
	ui_text(ui, y, KEYS_TYPE_X, 11, keys_type_label(key->algorithm), base);
	when_format_ago(date, sizeof date, key->created_at);
	ui_text_right(ui, y, KEYS_DATE_X, ui->cols - KEYS_DATE_X - 1, date,
	    dim);

	/* When it was used stays whole; the comment gives way. */
	if (key->last_used_at == 0)
		snprintf(used, sizeof used, "%s", _("never used"));
	else {
		when_format_ago(date, sizeof date, key->last_used_at);
		snprintf(used, sizeof used, _("last used %s"), date);
	}
	w = ui_text_right(ui, y + 1, ui->cols / 2, ui->cols / 2 - 1, used, dim);
	if (*key->comment != '\0')
		ui_text_cut(ui, y + 1, 4, ui->cols - 4 - w - 3, key->comment,
		    base);
	else
		ui_text(ui, y + 1, 4, ui->cols - 4 - w - 3, _("(no comment)"),
		    dim);
}

/* The store gives a resident's keys whole, newest first. */
static int
keys_fetch(struct ui *ui, struct ui_list *l, void **rows, size_t *n)
{
	(void)l;
	return store_key_list(ui->store, ui->me.id,
	    (struct ssh_key_info **)rows, n);
}

static int
keys_row_lines(struct ui *ui, const void *row)
{
	(void)ui;
	(void)row;
	return KEYS_ROW_LINES;
}

static void
keys_free_rows(void *rows, size_t n)
{
	ssh_key_info_list_free(rows, n);
}

static const struct ui_list_ops keys_ops = {
	.row_size = sizeof(struct ssh_key_info),
	.page_rows = keys_visible,
	.fetch_whole = keys_fetch,
	.draw_row = keys_draw_row,
	.row_lines = keys_row_lines,
	.free_rows = keys_free_rows,
};

static int
keys_enter(struct ui *ui, struct view *view, void *arg)
{
	(void)arg;
	ui_list_enter(ui, view, &keys_ops, sizeof(struct keys));
	return 0;
}

static void
keys_draw(struct ui *ui, struct view *view)
{
	struct keys *k = view->data;
	int y = ui_body_top(ui), title = ui_attr(ui, UI_ATTR_TITLE);
	char *text, *login;

	if (k->list.n == 0) {
		login = config_login_command(ui->config, ui->me.handle);
		text = xasprintf(_("You have no SSH key yet. With a key, you "
		    "log in with \"%s\" without typing a password. To make "
		    "one, type \"ssh-keygen -t ed25519\" on your computer; "
		    "then press a here and paste the line of the file "
		    "~/.ssh/id_ed25519.pub."), login);
		free(login);
		ui_paragraph(ui, y + 1, 4, ui_body_rows(ui) - 2, ui->cols - 8,
		    text, A_NORMAL);
		free(text);
		return;
	}
	ui_text(ui, y, 2, AUTH_FINGERPRINT_SIZE, _("Fingerprint"), title);
	ui_text(ui, y, KEYS_TYPE_X, 11, _("Type"), title);
	ui_text_right(ui, y, KEYS_DATE_X, ui->cols - KEYS_DATE_X - 1, _("Added"),
	    title);
	ui_list_draw(ui, &k->list, y + 2,
	    y + 2 + keys_visible(ui) * KEYS_ROW_LINES, NULL);
}

static void
keys_add(struct ui *ui, struct keys *k)
{
	struct auth_public_key key;
	const char *why;
	char *line;
	int rc;

	line = ui_prompt(ui, _("Paste the line of your public key "
	    "(~/.ssh/id_ed25519.pub):"), NULL, false, KEYS_LINE_MAX);
	if (line == NULL)
		return;
	rc = auth_parse_public_key(line, &key, &why);
	free(line);
	if (rc != 0) {
		ui_error(ui, "%s", why);
		return;
	}
	rc = store_key_add(ui->store, ui->me.id, &key);
	if (rc == STORE_DUPLICATE)
		ui_error(ui, "%s", _("This key is already registered; nothing "
		    "was added."));
	else if (rc != STORE_OK)
		ui_store_error(ui, rc);
	else {
		ui_message(ui, _("Key added: %s"), key.fingerprint);
		/* The newest comes first. */
		k->list.pager.selected = 0;
		ui_pager_first(&k->list.pager);
	}
	auth_public_key_clear(&key);
	ui_list_load(ui, &k->list);
}

static void
keys_delete(struct ui *ui, struct keys *k)
{
	const struct ssh_key_info *chosen = ui_list_selected(&k->list);
	char *question, *fingerprint;
	int rc;

	if (chosen == NULL) {
		ui_error(ui, "%s", _("There is no key to delete."));
		return;
	}
	fingerprint = xstrdup(chosen->fingerprint);
	question = xasprintf(_("Delete the key %s?"), fingerprint);
	if (ui_confirm(ui, question)) {
		rc = store_key_remove(ui->store, ui->me.id, fingerprint);
		if (rc != STORE_OK)
			ui_store_error(ui, rc);
		else
			ui_message(ui, "%s", _("The key was deleted."));
		ui_list_load(ui, &k->list);
	}
	free(question);
	free(fingerprint);
}

static enum ui_result
keys_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct keys *k = view->data;

	if (key->code == KEY_DC) {
		keys_delete(ui, k);
		return UI_HANDLED;
	}
	if (ui_list_key(ui, &k->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'a') || ui_key_is_char(key, 'A'))
		keys_add(ui, k);
	else if (ui_key_is_char(key, 'd') || ui_key_is_char(key, 'D'))
		keys_delete(ui, k);
	else if (ui_key_is_back(key))
		ui_pop(ui);
	else
		return UI_IGNORED;
	return UI_HANDLED;
}

const struct screen keys_screen = {
	.name = "keys",
	.title = keys_title,
	.enter = keys_enter,
	.draw = keys_draw,
	.key = keys_key,
	.resume = ui_list_resume,
	.leave = ui_list_leave,
	.keys = keys_keys,
	.help = N_("An SSH key lets you log in with \"ssh -p 2222 HANDLE@host\" "
	    "without typing a password: your computer proves that it holds "
	    "the private half of the key, which never leaves it. To make a "
	    "key, type \"ssh-keygen -t ed25519\" on your computer, then press "
	    "a here and paste the line of the file ~/.ssh/id_ed25519.pub, the "
	    "public half; never paste the private key. Choose a key with the "
	    "arrows and press d to delete it, for example the key of a lost "
	    "computer."),
};
