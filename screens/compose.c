/*
 * compose.c - writing on the wall: a new post or a reply, or editing one's
 * own.  The draft lives in editors that do not depend on the screen size,
 * so a resize, a refused send or a busy database never loses it; only the
 * resident can throw it away, and only after saying so.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "text.h"
#include "kindness.h"

enum compose_field {
	FIELD_CATEGORY,
	FIELD_TITLE,
	FIELD_BEHALF,
	FIELD_BODY,
};

struct compose {
	enum compose_mode		 mode;
	int64_t				 item_id;
	int64_t				 reply_id;
	char				*context;
	const struct wall_category	*category;
	bool				 category_changed;
	struct editor			 title;
	struct editor			 body;
	struct editor			 behalf;	/* a neighbour's name */
	bool				 helper;	/* may write for one */
	enum compose_field		 focus;
};

static const struct ui_keyhelp compose_keys[] = {
	{ N_("F2"), N_("Send"), true },
	{ N_("Tab"), N_("Next field"), true },
	{ N_("Esc"), N_("Cancel"), true },
	{ N_("F1"), N_("Help"), true },
	{ N_("Ctrl-S"), N_("Send"), false },
	{ N_("Arrows"), N_("Move in the text"), false },
	{ N_("1-6"), N_("Pick the category, on its line"), false },
	{ NULL, NULL, false },
};

static bool
compose_is_post(const struct compose *c)
{
	return c->mode == COMPOSE_POST || c->mode == COMPOSE_EDIT_POST;
}

static int
compose_enter(struct ui *ui, struct view *view, void *arg)
{
	const struct compose_request *req = arg;
	struct compose *c = xcalloc(1, sizeof *c);

	c->mode = req->mode;
	c->item_id = req->item_id;
	c->reply_id = req->reply_id;
	c->context = req->context != NULL ? xstrdup(req->context) : NULL;
	c->category = wall_category_find(req->category);
	editor_init(&c->title, false, QUARTIER_TITLE_MAX);
	editor_init(&c->behalf, false, QUARTIER_NAME_MAX);
	/* Community-centre staff (and sysops) may write a new post or reply
	 * for a neighbour who has no account; an edit keeps who it was for. */
	c->helper = (ui->me.role == ROLE_HELPER || ui->me.role == ROLE_SYSOP) &&
	    (c->mode == COMPOSE_POST || c->mode == COMPOSE_REPLY);
	editor_init(&c->body, true, compose_is_post(c) ? QUARTIER_BODY_MAX :
	    QUARTIER_REPLY_MAX);
	if (req->title != NULL)
		editor_set(&c->title, req->title);
	if (req->body != NULL)
		editor_set(&c->body, req->body);
	if (!compose_is_post(c))
		c->focus = FIELD_BODY;
	else if (c->category == NULL)
		c->focus = FIELD_CATEGORY;
	else
		c->focus = FIELD_TITLE;
	view->data = c;
	return 0;
}

static void
compose_leave(struct ui *ui, struct view *view)
{
	struct compose *c = view->data;

	editor_free(&c->title);
	editor_free(&c->body);
	editor_free(&c->behalf);
	free(c->context);
	free(c);
}

static const char *
compose_title(struct ui *ui, struct view *view)
{
	struct compose *c = view->data;

	switch (c->mode) {
	case COMPOSE_POST:
		return _("New post");
	case COMPOSE_EDIT_POST:
		return _("Edit your post");
	case COMPOSE_REPLY:
		return _("Reply");
	case COMPOSE_EDIT_REPLY:
		return _("Edit your reply");
	}
	return "";
}

static void
compose_draw_categories(struct ui *ui, struct compose *c, int y)
{
	char item[128];
	int x = 13, attr;
	size_t i;

	ui_text(ui, y, 1, 12, _("Category:"), c->focus == FIELD_CATEGORY ?
	    A_BOLD | A_UNDERLINE : A_BOLD);
	/* Every category on one line at 80 columns, the chosen one marked. */
	for (i = 0; i < wall_category_count; i++) {
		snprintf(item, sizeof item, "%zu %s", i + 1,
		    _(wall_categories[i].label));
		attr = c->category == &wall_categories[i] ?
		    ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
		x += ui_text(ui, y, x, ui->cols - x - 1, item, attr) + 1;
	}
	if (c->focus == FIELD_CATEGORY)
		ui_place_cursor(ui, y, 12);
}

static void
compose_draw(struct ui *ui, struct view *view)
{
	struct compose *c = view->data;
	char line[512];
	int y = ui_body_top(ui) + 1, rows, bottom = ui->rows - 3;

	if (c->context != NULL) {
		snprintf(line, sizeof line, _("About: %s"), c->context);
		ui_text(ui, y, 1, ui->cols - 2, line, ui_attr(ui, UI_ATTR_DIM));
		y += 2;
	}
	if (compose_is_post(c)) {
		compose_draw_categories(ui, c, y);
		y += 2;
		ui_text(ui, y, 1, 13, _("Title:"), A_BOLD);
		ui_fill(ui, y, 14, ui->cols - 15, A_UNDERLINE);
		editor_draw(ui, &c->title, y, 14, 1, ui->cols - 15,
		    c->focus == FIELD_TITLE);
		y += 2;
	}
	if (c->helper) {
		ui_text(ui, y, 1, 26, _("For a neighbour (name):"), A_BOLD);
		ui_fill(ui, y, 27, ui->cols - 28, A_UNDERLINE);
		editor_draw(ui, &c->behalf, y, 27, 1, ui->cols - 28,
		    c->focus == FIELD_BEHALF);
		y += 2;
	}
	ui_text(ui, y, 1, ui->cols - 2, compose_is_post(c) ? _("Text:") :
	    _("Your reply:"), A_BOLD);
	snprintf(line, sizeof line, _("%zu/%zu characters"), c->body.nchars,
	    c->body.max_chars);
	ui_text_right(ui, y, 1, ui->cols - 2, line, ui_attr(ui, UI_ATTR_DIM));
	y++;
	ui_fill(ui, y, 0, ui->cols, ui_attr(ui, UI_ATTR_DIM) | A_UNDERLINE);
	y++;
	rows = bottom - y;
	editor_draw(ui, &c->body, y, 1, rows, ui->cols - 2,
	    c->focus == FIELD_BODY);
}

/* Check the draft the way the store will, naming the field at fault. */
static bool
compose_ready(struct ui *ui, struct compose *c)
{
	if (compose_is_post(c) && c->category == NULL) {
		c->focus = FIELD_CATEGORY;
		ui_error(ui, "%s", _("Choose a category with its number."));
		return false;
	}
	if (compose_is_post(c) && editor_empty(&c->title)) {
		c->focus = FIELD_TITLE;
		ui_error(ui, "%s", _("Write a title."));
		return false;
	}
	if (editor_empty(&c->body)) {
		c->focus = FIELD_BODY;
		ui_error(ui, "%s", _("Write some text first."));
		return false;
	}
	return true;
}

/*
 * The kindness reminder: a listed insult in the draft gets a question,
 * never a refusal.  True to send, false to keep the draft in the editor
 * (Escape keeps it too: nothing is sent unless the resident says so).
 */
static bool
compose_kind_enough(struct ui *ui, struct compose *c)
{
	const char *options[2];
	char *text, *found;
	int choice;

	text = xasprintf("%s\n%s", compose_is_post(c) ?
	    editor_text(&c->title) : "", editor_text(&c->body));
	found = kindness_find(ui->config->texts_dir, text);
	free(text);
	if (found == NULL)
		return true;
	options[0] = _("Yes, rephrase it");
	options[1] = _("No, send it as it is");
	ui_message(ui, _("Your message contains \"%s\"."), found);
	free(found);
	choice = ui_choose(ui, _("Would you like to rephrase it before "
	    "sending it?"), options, 2, 0);
	ui->message[0] = '\0';
	if (choice == 1)
		return true;
	c->focus = FIELD_BODY;
	ui_message(ui, "%s", _("Your draft is kept: change it, then send it "
	    "with F2."));
	return false;
}

/*
 * A lost-and-found post or an alert may cross the border: when the sysop
 * declared neighbours of the author's quartier, ask whether it should.
 * The post is on the wall already, whatever the answer.
 */
static const char *
compose_offer_share(struct ui *ui, int64_t id, const char *category)
{
	char *names = NULL, question[512];
	const char *done = _("Your post is on the wall.");
	int rc;

	if (category == NULL || (strcmp(category, "lost") != 0 &&
	    strcmp(category, "alert") != 0))
		return done;
	if (store_wall_neighbours(ui->store, &ui->viewer, &names) != STORE_OK
	    || names == NULL) {
		free(names);
		return done;
	}
	snprintf(question, sizeof question, _("Share it with the "
	    "neighbouring quartiers too (%s)? Their residents will see it on "
	    "their wall, with your name, and may answer."), names);
	free(names);
	if (!ui_confirm(ui, question))
		return done;
	if ((rc = store_wall_share(ui->store, &ui->viewer, id, true))
	    != STORE_OK) {
		ui_store_error(ui, rc);
		return NULL;
	}
	return _("Your post is on the wall, and on the neighbouring "
	    "quartiers' walls.");
}

static void
compose_send(struct ui *ui, struct view *view, struct compose *c)
{
	const char *category = c->category != NULL ? c->category->code : NULL;
	const char *done = _("Saved.");
	const char *behalf = c->helper ? editor_text(&c->behalf) : NULL;
	int64_t new_id = 0;
	int rc = STORE_ERROR;

	if (!compose_ready(ui, c) || !compose_kind_enough(ui, c))
		return;
	switch (c->mode) {
	case COMPOSE_POST:
		rc = store_wall_add(ui->store, &ui->viewer, category,
		    editor_text(&c->title), editor_text(&c->body), behalf,
		    &new_id);
		done = _("Your post is on the wall.");
		break;
	case COMPOSE_EDIT_POST:
		rc = store_wall_edit(ui->store, &ui->viewer, c->item_id,
		    category, editor_text(&c->title), editor_text(&c->body));
		break;
	case COMPOSE_REPLY:
		rc = store_reply_add(ui->store, &ui->viewer, c->item_id,
		    editor_text(&c->body), behalf, NULL);
		done = _("Your reply is sent.");
		break;
	case COMPOSE_EDIT_REPLY:
		rc = store_reply_edit(ui->store, &ui->viewer, c->reply_id,
		    editor_text(&c->body));
		break;
	}
	if (rc != STORE_OK) {
		/* The draft stays as it is: the resident can try again. */
		ui_store_error(ui, rc);
		return;
	}
	if (c->mode == COMPOSE_POST)
		done = compose_offer_share(ui, new_id, category);
	ui_draft_done(ui, view);
	ui_pop(ui);
	if (done != NULL)
		ui_message(ui, "%s", done);
}

static bool
compose_changed(const struct compose *c)
{
	return c->title.changed || c->body.changed || c->category_changed ||
	    c->behalf.changed;
}

/* The fields of this draft, top to bottom, and how many. */
static int
compose_fields(const struct compose *c, enum compose_field *fields)
{
	int n = 0;

	if (compose_is_post(c)) {
		fields[n++] = FIELD_CATEGORY;
		fields[n++] = FIELD_TITLE;
	}
	if (c->helper)
		fields[n++] = FIELD_BEHALF;
	fields[n++] = FIELD_BODY;
	return n;
}

static void
compose_next_field(struct compose *c, int step)
{
	enum compose_field fields[4];
	int n = compose_fields(c, fields), i;

	for (i = 0; i < n && fields[i] != c->focus; i++)
		;
	c->focus = fields[(i + n + step) % n];
}

static enum ui_result
compose_category_key(struct ui *ui, struct compose *c,
    const struct ui_key *key)
{
	size_t i = c->category != NULL ?
	    (size_t)(c->category - wall_categories) : 0;

	if (key->code == KEY_RIGHT || key->code == KEY_LEFT) {
		if (c->category == NULL)
			i = 0;
		else if (key->code == KEY_RIGHT)
			i = (i + 1) % wall_category_count;
		else
			i = (i + wall_category_count - 1) % wall_category_count;
	} else if (key->code == 0 && key->ch >= '1' &&
	    key->ch < (wint_t)('1' + wall_category_count)) {
		i = key->ch - '1';
	} else if (ui_key_is_enter(key) && c->category != NULL) {
		c->focus = FIELD_TITLE;
		return UI_HANDLED;
	} else
		return UI_IGNORED;
	c->category = &wall_categories[i];
	c->category_changed = true;
	return UI_HANDLED;
}

static enum ui_result
compose_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct compose *c = view->data;

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
	if (ui_key_is_char(key, '\t') || key->code == KEY_BTAB) {
		compose_next_field(c, key->code == KEY_BTAB ? -1 : 1);
		return UI_HANDLED;
	}
	/* Text pasted while the category is chosen belongs to the body. */
	if (c->focus == FIELD_CATEGORY && key->code == UI_KEY_PASTE)
		c->focus = FIELD_BODY;
	switch (c->focus) {
	case FIELD_CATEGORY:
		if (compose_category_key(ui, c, key) == UI_HANDLED)
			return UI_HANDLED;
		if (key->code == KEY_DOWN || ui_key_is_enter(key)) {
			compose_next_field(c, 1);
			return UI_HANDLED;
		}
		return ui_choice_other_key(ui, key, (int)wall_category_count);
	case FIELD_TITLE:
		if (key->code == KEY_DOWN || ui_key_is_enter(key)) {
			compose_next_field(c, 1);
			return UI_HANDLED;
		}
		if (key->code == KEY_UP) {
			c->focus = FIELD_CATEGORY;
			return UI_HANDLED;
		}
		return editor_key(ui, &c->title, key);
	case FIELD_BEHALF:
		if (key->code == KEY_DOWN || ui_key_is_enter(key)) {
			c->focus = FIELD_BODY;
			return UI_HANDLED;
		}
		if (key->code == KEY_UP) {
			compose_next_field(c, -1);
			return UI_HANDLED;
		}
		return editor_key(ui, &c->behalf, key);
	case FIELD_BODY:
		return editor_key(ui, &c->body, key);
	}
	return UI_IGNORED;
}

static const char *const compose_modes[] = {
	[COMPOSE_POST] = "post",
	[COMPOSE_EDIT_POST] = "edit-post",
	[COMPOSE_REPLY] = "reply",
	[COMPOSE_EDIT_REPLY] = "edit-reply",
};

/* What is kept of the text: everything the resident can change, and what
 * it answers or edits. */
static bool
compose_draft_save(struct ui *ui, struct view *view, struct draft *d)
{
	struct compose *c = view->data;
	char number[32];

	if (!compose_changed(c))
		return false;
	ui_draft_label(d, _("Wall"));
	d->target_id = c->item_id;
	draft_set(d, "mode", compose_modes[c->mode]);
	snprintf(number, sizeof number, "%lld", (long long)c->reply_id);
	draft_set(d, "reply", number);
	if (c->context != NULL)
		draft_set(d, "context", c->context);
	draft_set(d, "category", c->category != NULL ? c->category->code :
	    NULL);
	if (compose_is_post(c))
		ui_draft_field(d, "title", &c->title);
	if (c->helper)
		ui_draft_field(d, "behalf", &c->behalf);
	ui_draft_field(d, "body", &c->body);
	/* A reply is known by what it answers. */
	if (!compose_is_post(c) && c->context != NULL)
		d->summary = xasprintf("Re: %s", c->context);
	return true;
}

static int
compose_draft_open(struct ui *ui, struct view *view, const struct draft *d)
{
	struct compose_request req;
	const char *mode = ui_draft_text(d, "mode"), *category;
	struct compose *c;
	size_t i;

	memset(&req, 0, sizeof req);
	for (i = 0; i < sizeof compose_modes / sizeof compose_modes[0]; i++) {
		if (strcmp(mode, compose_modes[i]) == 0)
			break;
	}
	if (i == sizeof compose_modes / sizeof compose_modes[0])
		return -1;
	req.mode = (enum compose_mode)i;
	req.item_id = d->target_id;
	req.reply_id = ui_draft_number(d, "reply");
	category = ui_draft_text(d, "category");
	req.category = *category != '\0' ? category : NULL;
	req.title = ui_draft_text(d, "title");
	req.body = ui_draft_text(d, "body");
	req.context = *ui_draft_text(d, "context") != '\0' ?
	    ui_draft_text(d, "context") : NULL;
	if (compose_enter(ui, view, &req) != 0)
		return -1;
	c = view->data;
	if (c->helper)
		editor_set(&c->behalf, ui_draft_text(d, "behalf"));
	/* Taken up again, it is asked about before Escape throws it away. */
	c->body.changed = true;
	c->focus = FIELD_BODY;
	return 0;
}

const struct screen compose_screen = {
	.name = "compose",
	.title = compose_title,
	.enter = compose_enter,
	.draw = compose_draw,
	.key = compose_key,
	.leave = compose_leave,
	.keys = compose_keys,
	.draft_save = compose_draft_save,
	.draft_open = compose_draft_open,
	.help = N_("Write as you would on paper: Enter starts a new line, "
	    "the arrows move in the text, Backspace and Delete erase. You can "
	    "paste a whole text. Press F2 (or Ctrl-S) to send, Tab to go from "
	    "one field to the next, Esc to leave; you will be asked before a "
	    "draft is thrown away. Before sending, words that may hurt "
	    "(from a list the sysop keeps) bring a gentle question: you may "
	    "rephrase, or send as it is. Community-centre staff have one more "
	    "field, for the name of a neighbour without an account they write "
	    "for; the message then says so. What you write is kept as you type: "
	    "if the connection drops or the session closes, your next login "
	    "offers it back."),
};
