/*
 * mail-compose.c - writing a private message: choose the neighbour (type
 * a handle or part of a name, Tab completes, or pick them in the list of
 * the quartier's verified residents), then the subject and the text.
 *
 * As in compose.c, the draft lives in editors that do not depend on the
 * screen: a resize, a refused send or a busy database never loses it, and
 * only the resident throws it away, after saying so.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui.h"
#include "text.h"

/* Neighbours shown in the list at most; typing narrows it. */
#define MAIL_DIRECTORY_MAX	300

enum mail_field {
	FIELD_TO,
	FIELD_SUBJECT,
	FIELD_BODY,
};

struct mail_compose {
	/* The directory, for what WHO says. */
	struct ui_list		 directory;	/* of struct neighbour */
	char			*matched_for;	/* NULL: to load */
	struct neighbour	 to;
	bool			 has_to;	/* TO is the recipient */
	bool			 fixed_to;	/* given by the caller */
	int64_t			 reply_to;
	int64_t			 about_item_id;
	struct editor		 who;		/* what is typed in "To:" */
	struct editor		 subject;
	struct editor		 body;
	enum mail_field		 focus;
};

static const struct ui_keyhelp mail_compose_keys[] = {
	{ N_("F2"), N_("Send"), true },
	{ N_("Tab"), N_("Complete / next field"), true },
	{ N_("Esc"), N_("Cancel"), true },
	{ N_("F1"), N_("Help"), true },
	{ N_("Ctrl-S"), N_("Send"), false },
	{ "↑↓", N_("Choose in the list of neighbours"), false },
	{ N_("Enter"), N_("Take the chosen neighbour"), false },
	{ NULL, NULL, false },
};

static bool
compose_picking(const struct mail_compose *c)
{
	return c->focus == FIELD_TO && !c->fixed_to;
}

/* Rows of the directory: below the field, its hint and a blank line. */
static int
directory_rows(struct ui *ui)
{
	int rows = ui->rows - 3 - (ui_body_top(ui) + 5);

	return rows > 1 ? rows : 1;
}

/* The neighbours matching what is typed, given whole (at most
 * MAIL_DIRECTORY_MAX: typing narrows it). */
static int
directory_fetch(struct ui *ui, struct ui_list *l, void **rows, size_t *n)
{
	struct mail_compose *c = (struct mail_compose *)l;

	return store_directory(ui->store, &ui->viewer, c->matched_for, 0,
	    MAIL_DIRECTORY_MAX, (struct neighbour **)rows, n);
}

static void
directory_free_rows(void *rows, size_t n)
{
	neighbour_list_free(rows, n);
}

static void directory_draw_row(struct ui *, struct ui_list *, const void *,
    int, bool, void *);

/* Enter is the form's (a handle typed whole comes first): no open. */
static const struct ui_list_ops directory_ops = {
	.row_size = sizeof(struct neighbour),
	.page_rows = directory_rows,
	.fetch_whole = directory_fetch,
	.draw_row = directory_draw_row,
	.free_rows = directory_free_rows,
};

/* The neighbours matching what is typed, in the directory. */
static size_t
compose_nmatches(const struct mail_compose *c)
{
	return c->directory.fetched;
}

static const struct neighbour *
compose_match(const struct mail_compose *c, size_t i)
{
	return (const struct neighbour *)c->directory.rows + i;
}

/* Load the neighbours matching what is typed, when it changed. */
static void
compose_matches(struct ui *ui, struct mail_compose *c)
{
	const char *prefix = editor_text(&c->who);

	if (c->matched_for != NULL && strcmp(c->matched_for, prefix) == 0)
		return;
	free(c->matched_for);
	c->matched_for = xstrdup(prefix);
	ui_list_reload_first(ui, &c->directory);
}

/* NB is the recipient now: on to the subject, or the text. */
static void
compose_take(struct mail_compose *c, const struct neighbour *nb)
{
	neighbour_clear(&c->to);
	c->to.id = nb->id;
	c->to.handle = xstrdup(nb->handle);
	c->to.display_name = xstrdup(nb->display_name);
	c->to.role = nb->role;
	c->to.blocked = nb->blocked;
	c->to.mercis = nb->mercis;
	c->has_to = true;
	editor_set(&c->who, nb->handle);
	c->who.changed = true;
	c->focus = editor_empty(&c->subject) ? FIELD_SUBJECT : FIELD_BODY;
}

static int
mail_compose_enter(struct ui *ui, struct view *view, void *arg)
{
	const struct mail_compose_request *req = arg;
	struct mail_compose *c = xcalloc(1, sizeof *c);
	int rc;

	editor_init(&c->who, false, QUARTIER_NAME_MAX);
	editor_init(&c->subject, false, QUARTIER_TITLE_MAX);
	editor_init(&c->body, true, QUARTIER_BODY_MAX);
	ui_list_init(&c->directory, &directory_ops);
	view->data = c;
	if (req != NULL) {
		c->reply_to = req->reply_to;
		c->about_item_id = req->about_item_id;
		if (req->subject != NULL)
			editor_set(&c->subject, req->subject);
	}
	if (req != NULL && req->to_id != 0) {
		rc = req->to_id == ui->viewer.resident_id ? STORE_INVALID :
		    store_neighbour_get(ui->store, &ui->viewer, req->to_id,
		    &c->to);
		if (rc != STORE_OK) {
			if (rc == STORE_INVALID)
				ui_error(ui, "%s", _("You cannot write to "
				    "yourself."));
			else if (rc == STORE_NOT_FOUND)
				ui_error(ui, "%s", _("This neighbour no longer "
				    "receives mail in your quartier."));
			else
				ui_store_error(ui, rc);
			editor_free(&c->who);
			editor_free(&c->subject);
			editor_free(&c->body);
			ui_list_free(&c->directory);
			free(c);
			return -1;
		}
		c->has_to = c->fixed_to = true;
		editor_set(&c->who, c->to.handle);
		c->focus = editor_empty(&c->subject) ? FIELD_SUBJECT :
		    FIELD_BODY;
	} else
		c->focus = FIELD_TO;
	return 0;
}

static void
mail_compose_leave(struct ui *ui, struct view *view)
{
	struct mail_compose *c = view->data;

	editor_free(&c->who);
	editor_free(&c->subject);
	editor_free(&c->body);
	neighbour_clear(&c->to);
	ui_list_free(&c->directory);
	free(c->matched_for);
	free(c);
}

static const char *
mail_compose_title(struct ui *ui, struct view *view)
{
	struct mail_compose *c = view->data;

	return c->reply_to != 0 ? _("Reply") : _("New message");
}

/* "To: Karim Benali (karim)", or the field to type in. */
static int
compose_draw_to(struct ui *ui, struct mail_compose *c, int y)
{
	char line[512];
	int x;

	if (compose_picking(c)) {
		snprintf(line, sizeof line, "%s ", _("To:"));
		x = 1 + ui_text(ui, y, 1, ui->cols - 2, line, A_BOLD);
		ui_fill(ui, y, x, ui->cols - x - 1, A_UNDERLINE);
		editor_draw(ui, &c->who, y, x, 1, ui->cols - x - 1, true);
		return y + 1;
	}
	if (c->has_to)
		snprintf(line, sizeof line, "%s %s (%s)", _("To:"),
		    c->to.display_name, c->to.handle);
	else
		snprintf(line, sizeof line, "%s %s", _("To:"),
		    _("(nobody chosen yet: Up goes back to the list)"));
	ui_text_cut(ui, y, 1, ui->cols - 2, line, A_BOLD);
	if (c->has_to && c->to.blocked)
		ui_text_cut(ui, y + 1, 1, ui->cols - 2, _("You blocked this "
		    "neighbour: their answers will not reach you."),
		    ui_attr(ui, UI_ATTR_DIM));
	return y + 1;
}

/* One neighbour of the directory: name, handle, role, mercis. */
static void
directory_draw_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct neighbour *nb = row;
	const char *mark;
	char line[256];
	int attr, x;

	(void)l;
	(void)ctx;
	attr = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	ui_fill(ui, y, 2, ui->cols - 4, attr);
	ui_text_cut(ui, y, 3, 32, nb->display_name, attr);
	ui_text_cut(ui, y, 37, 20, nb->handle, attr);
	x = 58;
	mark = nb->role == ROLE_SYSOP ? _("(sysop)") :
	    nb->role == ROLE_MODERATOR ? _("(moderator)") : NULL;
	line[0] = '\0';
	if (nb->blocked)
		snprintf(line, sizeof line, "%s", _("blocked"));
	else if (nb->mercis > 0)
		snprintf(line, sizeof line, ngettext("%d merci", "%d mercis",
		    nb->mercis), nb->mercis);
	if (mark != NULL)
		x += ui_text(ui, y, x, 12, mark, attr) + 1;
	ui_text_right(ui, y, x, ui->cols - x - 3, line, attr);
}

/* The directory under the "To:" field, the chosen neighbour marked. */
static void
compose_draw_list(struct ui *ui, struct mail_compose *c, int y, int bottom)
{
	char line[256];

	compose_matches(ui, c);
	ui_text_cut(ui, y, 1, ui->cols - 2, _("A handle or the start of a "
	    "name; Tab completes, arrows and Enter choose."),
	    ui_attr(ui, UI_ATTR_DIM));
	y += 2;
	if (compose_nmatches(c) == 0) {
		snprintf(line, sizeof line, _("No neighbour of your quartier "
		    "matches \"%s\"."), editor_text(&c->who));
		ui_paragraph(ui, y, 3, 2, ui->cols - 6, line, A_NORMAL);
		return;
	}
	if (y >= bottom)
		return;
	ui_list_draw(ui, &c->directory, y, bottom, NULL);
	y += (int)c->directory.n;
	if (compose_nmatches(c) == MAIL_DIRECTORY_MAX && y < bottom)
		ui_text(ui, y, 3, ui->cols - 6, _("Type more letters to see "
		    "the others."), ui_attr(ui, UI_ATTR_DIM));
}

static void
mail_compose_draw(struct ui *ui, struct view *view)
{
	struct mail_compose *c = view->data;
	char line[512];
	int y = ui_body_top(ui) + 1, x, bottom = ui->rows - 3;

	y = compose_draw_to(ui, c, y) + 1;
	if (compose_picking(c)) {
		compose_draw_list(ui, c, y, bottom);
		return;
	}
	snprintf(line, sizeof line, "%s ", _("Subject:"));
	x = 1 + ui_text(ui, y, 1, ui->cols - 2, line, A_BOLD);
	ui_fill(ui, y, x, ui->cols - x - 1, A_UNDERLINE);
	editor_draw(ui, &c->subject, y, x, 1, ui->cols - x - 1,
	    c->focus == FIELD_SUBJECT);
	y += 2;
	ui_text(ui, y, 1, ui->cols - 2, _("Text:"), A_BOLD);
	snprintf(line, sizeof line, _("%zu/%zu characters"), c->body.nchars,
	    c->body.max_chars);
	ui_text_right(ui, y, 1, ui->cols - 2, line, ui_attr(ui, UI_ATTR_DIM));
	y++;
	ui_fill(ui, y, 0, ui->cols, ui_attr(ui, UI_ATTR_DIM) | A_UNDERLINE);
	y++;
	editor_draw(ui, &c->body, y, 1, bottom - y, ui->cols - 2,
	    c->focus == FIELD_BODY);
}

/* Whether what is typed is a neighbour's handle: then take them. */
static bool
compose_take_typed(struct ui *ui, struct mail_compose *c)
{
	struct neighbour nb;

	if (editor_empty(&c->who) || store_neighbour_by_handle(ui->store,
	    &ui->viewer, editor_text(&c->who), &nb) != STORE_OK)
		return false;
	if (nb.id == ui->viewer.resident_id) {
		neighbour_clear(&nb);
		ui_error(ui, "%s", _("You cannot write to yourself."));
		return true;
	}
	compose_take(c, &nb);
	neighbour_clear(&nb);
	return true;
}

/*
 * Tab in "To:": one neighbour matches, take them; several, complete the
 * handle as far as they agree, as a shell completes a file name.
 */
static void
compose_complete(struct ui *ui, struct mail_compose *c)
{
	const char *typed = editor_text(&c->who);
	size_t i, common = 0, len = strlen(typed);
	const char *first = NULL, *h;
	char *prefix;

	compose_matches(ui, c);
	if (compose_nmatches(c) == 0) {
		ui_error(ui, _("No neighbour of your quartier matches \"%s\"."),
		    typed);
		return;
	}
	if (compose_nmatches(c) == 1) {
		compose_take(c, compose_match(c, 0));
		return;
	}
	if (compose_take_typed(ui, c))
		return;
	/* The longest start shared by the handles that start as typed. */
	for (i = 0; i < compose_nmatches(c); i++) {
		h = compose_match(c, i)->handle;
		if (strncasecmp(h, typed, len) != 0)
			continue;
		if (first == NULL) {
			first = h;
			common = strlen(h);
			continue;
		}
		while (common > 0 && strncasecmp(first, h, common) != 0)
			common--;
	}
	if (first != NULL && common > len) {
		prefix = xstrndup(first, common);
		editor_set(&c->who, prefix);
		c->who.changed = true;
		free(prefix);
		/* Completed as far as that, it may name one neighbour. */
		compose_matches(ui, c);
		if (compose_nmatches(c) == 1)
			compose_take(c, compose_match(c, 0));
		return;
	}
	ui_message(ui, ngettext("%zu neighbour matches: choose with the "
	    "arrows and Enter, or type more.", "%zu neighbours match: choose "
	    "with the arrows and Enter, or type more.", compose_nmatches(c)),
	    compose_nmatches(c));
}

static enum ui_result
compose_to_key(struct ui *ui, struct mail_compose *c, const struct ui_key *key)
{
	const struct neighbour *chosen;
	enum ui_result r;

	compose_matches(ui, c);
	/* The arrows and the pages are the directory's; Home, End, Right
	 * and Space stay the field's. */
	switch (key->code) {
	case KEY_UP:
	case KEY_DOWN:
	case KEY_PPAGE:
	case KEY_NPAGE:
		ui_list_key(ui, &c->directory, key);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '\t')) {
		compose_complete(ui, c);
		return UI_HANDLED;
	}
	if (ui_key_is_enter(key)) {
		if (compose_take_typed(ui, c))
			return UI_HANDLED;
		if ((chosen = ui_list_selected(&c->directory)) != NULL)
			compose_take(c, chosen);
		else
			ui_error(ui, _("No neighbour of your quartier matches "
			    "\"%s\"."), editor_text(&c->who));
		return UI_HANDLED;
	}
	r = editor_key(ui, &c->who, key);
	/* Typing again means choosing again. */
	if (r == UI_HANDLED && c->matched_for != NULL &&
	    strcmp(c->matched_for, editor_text(&c->who)) != 0)
		c->has_to = false;
	return r;
}

/* Check the draft the way the store will, naming the field at fault. */
static bool
compose_ready(struct ui *ui, struct mail_compose *c)
{
	if (!c->has_to && !compose_take_typed(ui, c)) {
		c->focus = FIELD_TO;
		ui_error(ui, "%s", _("Choose who to write to: type a handle, "
		    "or pick a neighbour in the list."));
		return false;
	}
	if (!c->has_to)
		return false;
	if (editor_empty(&c->subject)) {
		c->focus = FIELD_SUBJECT;
		ui_error(ui, "%s", _("Write a subject."));
		return false;
	}
	if (editor_empty(&c->body)) {
		c->focus = FIELD_BODY;
		ui_error(ui, "%s", _("Write your message."));
		return false;
	}
	return true;
}

static void
compose_send(struct ui *ui, struct view *view, struct mail_compose *c)
{
	struct mail_new mn;
	int rc;

	if (!compose_ready(ui, c))
		return;
	memset(&mn, 0, sizeof mn);
	mn.recipient_id = c->to.id;
	mn.subject = editor_text(&c->subject);
	mn.body = editor_text(&c->body);
	mn.reply_to = c->reply_to;
	mn.about_item_id = c->about_item_id;
	if ((rc = store_mail_send(ui->store, &ui->viewer, &mn, NULL))
	    != STORE_OK) {
		/* The draft stays as it is: the resident can try again. */
		ui_store_error(ui, rc);
		return;
	}
	ui_draft_done(ui, view);
	ui_pop(ui);
	ui_message(ui, "%s", _("Your message is sent."));
}

static bool
compose_changed(const struct mail_compose *c)
{
	return (!c->fixed_to && c->who.changed) || c->subject.changed ||
	    c->body.changed;
}

static void
compose_next_field(struct mail_compose *c, int step)
{
	int first = c->fixed_to ? FIELD_SUBJECT : FIELD_TO;
	int n = FIELD_BODY - first + 1;

	c->focus = (enum mail_field)(first +
	    ((int)c->focus - first + n + step) % n);
}

static enum ui_result
mail_compose_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct mail_compose *c = view->data;

	if (key->code == KEY_F(2) || ui_key_is_char(key, UI_KEY_CTRL('s'))) {
		compose_send(ui, view, c);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, UI_KEY_ESC)) {
		if (!compose_changed(c) ||
		    ui_confirm(ui, _("Throw this draft away?"))) {
			ui_draft_done(ui, view);
			ui_pop(ui);
		}
		return UI_HANDLED;
	}
	if (key->code == KEY_BTAB) {
		compose_next_field(c, -1);
		return UI_HANDLED;
	}
	if (compose_picking(c))
		return compose_to_key(ui, c, key);
	if (ui_key_is_char(key, '\t')) {
		compose_next_field(c, 1);
		return UI_HANDLED;
	}
	switch (c->focus) {
	case FIELD_TO:
		/* A recipient given by the caller stays. */
		if (key->code == KEY_DOWN || ui_key_is_enter(key))
			c->focus = FIELD_SUBJECT;
		return key->code == KEY_F(1) ? UI_IGNORED : UI_HANDLED;
	case FIELD_SUBJECT:
		if (key->code == KEY_DOWN || ui_key_is_enter(key)) {
			c->focus = FIELD_BODY;
			return UI_HANDLED;
		}
		if (key->code == KEY_UP) {
			if (!c->fixed_to)
				c->focus = FIELD_TO;
			return UI_HANDLED;
		}
		return editor_key(ui, &c->subject, key);
	case FIELD_BODY:
		return editor_key(ui, &c->body, key);
	}
	return UI_IGNORED;
}

/* A number as a draft's field. */
static void
compose_draft_number(struct draft *d, const char *name, int64_t n)
{
	char number[32];

	snprintf(number, sizeof number, "%lld", (long long)n);
	draft_set(d, name, number);
}

/* The message as a draft: who it is for (chosen, or as typed), what it
 * answers or is about, the subject and the text. */
static bool
compose_draft_save(struct ui *ui, struct view *view, struct draft *d)
{
	struct mail_compose *c = view->data;

	if (!compose_changed(c))
		return false;
	ui_draft_label(d, _("Mail"));
	d->target_id = c->has_to ? c->to.id : 0;
	draft_set(d, "fixed", c->fixed_to ? "1" : "0");
	ui_draft_field(d, "to", &c->who);
	compose_draft_number(d, "reply_to", c->reply_to);
	compose_draft_number(d, "about", c->about_item_id);
	ui_draft_field(d, "title", &c->subject);
	ui_draft_field(d, "body", &c->body);
	return true;
}

static int
compose_draft_open(struct ui *ui, struct view *view, const struct draft *d)
{
	struct mail_compose_request req;
	struct mail_compose *c;
	struct neighbour nb;
	bool fixed = strcmp(ui_draft_text(d, "fixed"), "1") == 0;

	memset(&req, 0, sizeof req);
	req.to_id = fixed ? d->target_id : 0;
	req.subject = ui_draft_text(d, "title");
	req.reply_to = ui_draft_number(d, "reply_to");
	req.about_item_id = ui_draft_number(d, "about");
	if (mail_compose_enter(ui, view, &req) != 0)
		return -1;
	c = view->data;
	if (!fixed) {
		/* The neighbour chosen then, if still in reach; else what
		 * was typed, to choose again. */
		memset(&nb, 0, sizeof nb);
		if (d->target_id != 0 && store_neighbour_get(ui->store,
		    &ui->viewer, d->target_id, &nb) == STORE_OK)
			compose_take(c, &nb);
		else {
			editor_set(&c->who, ui_draft_text(d, "to"));
			c->who.changed = true;
		}
		neighbour_clear(&nb);
	}
	editor_set(&c->body, ui_draft_text(d, "body"));
	/* Taken up again, it is asked about before Escape throws it away. */
	c->body.changed = true;
	if (c->has_to)
		c->focus = FIELD_BODY;
	return 0;
}

const struct screen mail_compose_screen = {
	.name = "mail_compose",
	.title = mail_compose_title,
	.enter = mail_compose_enter,
	.draw = mail_compose_draw,
	.key = mail_compose_key,
	.leave = mail_compose_leave,
	.keys = mail_compose_keys,
	.draft_save = compose_draft_save,
	.draft_open = compose_draft_open,
	.help = N_("Write to a verified neighbour of your quartier. In the "
	    "\"To\" field, type their handle or the start of their name: the "
	    "list below shows who matches, Tab completes, the arrows and Enter "
	    "choose. Then write a subject and your text: Enter starts a new "
	    "line, and you can paste a whole text. Press F2 (or Ctrl-S) to "
	    "send, Tab to go from one field to the next, Esc to leave; you "
	    "will be asked before a draft is thrown away."),
};
