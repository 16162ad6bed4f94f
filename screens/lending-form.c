/*
 * lending-form.c - the form that writes or edits an item of the lending
 * board.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui.h"
#include "when.h"
#include "text.h"
#include "lending.h"

/*
 * The form, for a new item (ARG NULL) or one's own (ARG the struct
 * lending shown).  The draft lives in editors independent of the screen
 * size: a resize or a refusal never loses it.
 */

enum form_field {
	FORM_DIRECTION,
	FORM_NATURE,
	FORM_TITLE,
	FORM_BODY,
};

struct form {
	int64_t			 id;		/* 0: a new item */
	int			 direction;	/* -1: not chosen yet */
	int			 nature;
	bool			 choice_changed;
	struct editor		 title;
	struct editor		 body;
	enum form_field		 focus;
};

static const struct ui_keyhelp form_keys[] = {
	{ N_("F2"), N_("Save"), true },
	{ N_("Tab"), N_("Next field"), true },
	{ N_("Esc"), N_("Cancel"), true },
	{ N_("F1"), N_("Help"), true },
	{ N_("Ctrl-S"), N_("Save"), false },
	{ N_("1-2"), N_("Choose, on the first two lines"), false },
	{ NULL, NULL, false },
};

static int
form_enter(struct ui *ui, struct view *view, void *arg)
{
	const struct lending *l = arg;
	struct form *f = xcalloc(1, sizeof *f);

	editor_init(&f->title, false, QUARTIER_TITLE_MAX);
	editor_init(&f->body, true, QUARTIER_BODY_MAX);
	f->direction = f->nature = -1;
	if (l != NULL) {
		f->id = l->id;
		f->direction = l->direction;
		f->nature = l->nature;
		editor_set(&f->title, l->title);
		if (l->body != NULL)
			editor_set(&f->body, l->body);
		f->focus = FORM_TITLE;
	}
	view->data = f;
	return 0;
}

static void
form_leave(struct ui *ui, struct view *view)
{
	struct form *f = view->data;

	editor_free(&f->title);
	editor_free(&f->body);
	free(f);
}

static const char *
form_title(struct ui *ui, struct view *view)
{
	struct form *f = view->data;

	return f->id != 0 ? _("Edit your item") : _("New offer or request");
}

/* A line of two numbered choices, the chosen one marked. */
static void
form_draw_choice(struct ui *ui, int y, const char *label, bool focused,
    const char *one, const char *two, int chosen)
{
	char item[128];
	int x = 16;

	ui_text(ui, y, 1, 15, label, focused ? A_BOLD | A_UNDERLINE : A_BOLD);
	snprintf(item, sizeof item, "1 %s", one);
	x += ui_text(ui, y, x, ui->cols - x - 1, item, chosen == 0 ?
	    ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL) + 2;
	snprintf(item, sizeof item, "2 %s", two);
	ui_text(ui, y, x, ui->cols - x - 1, item, chosen == 1 ?
	    ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL);
	if (focused)
		ui_place_cursor(ui, y, 15);
}

static void
form_draw(struct ui *ui, struct view *view)
{
	struct form *f = view->data;
	char line[128];
	int y = ui_body_top(ui) + 1, bottom = ui->rows - 3;

	form_draw_choice(ui, y, _("You:"), f->focus == FORM_DIRECTION,
	    _("lend or offer"), _("are looking for"), f->direction);
	y += 2;
	form_draw_choice(ui, y, _("What:"), f->focus == FORM_NATURE,
	    _("an object"), _("a service"), f->nature);
	y += 2;
	ui_text(ui, y, 1, 15, _("Title:"), A_BOLD);
	ui_fill(ui, y, 16, ui->cols - 17, A_UNDERLINE);
	editor_draw(ui, &f->title, y, 16, 1, ui->cols - 17,
	    f->focus == FORM_TITLE);
	y += 2;
	ui_text(ui, y, 1, ui->cols - 2, _("Description (optional):"), A_BOLD);
	snprintf(line, sizeof line, _("%zu/%zu characters"), f->body.nchars,
	    f->body.max_chars);
	ui_text_right(ui, y, 1, ui->cols - 2, line, ui_attr(ui, UI_ATTR_DIM));
	y++;
	ui_fill(ui, y, 0, ui->cols, ui_attr(ui, UI_ATTR_DIM) | A_UNDERLINE);
	y++;
	editor_draw(ui, &f->body, y, 1, bottom - y, ui->cols - 2,
	    f->focus == FORM_BODY);
}

static bool
form_ready(struct ui *ui, struct form *f)
{
	if (f->direction < 0) {
		f->focus = FORM_DIRECTION;
		ui_error(ui, "%s", _("Say whether you lend or look for: press "
		    "1 or 2."));
		return false;
	}
	if (f->nature < 0) {
		f->focus = FORM_NATURE;
		ui_error(ui, "%s", _("Say whether it is an object or a service: "
		    "press 1 or 2."));
		return false;
	}
	if (editor_empty(&f->title)) {
		f->focus = FORM_TITLE;
		ui_error(ui, "%s", _("Write a title: what you lend, or what "
		    "you need."));
		return false;
	}
	return true;
}

static void
form_save(struct ui *ui, struct view *view, struct form *f)
{
	struct lending_new n;
	const char *done;
	int rc;

	if (!form_ready(ui, f))
		return;
	n.direction = (enum lending_direction)f->direction;
	n.nature = (enum lending_nature)f->nature;
	n.title = editor_text(&f->title);
	n.body = editor_text(&f->body);
	if (f->id != 0)
		rc = store_lending_edit(ui->store, &ui->viewer, f->id, &n);
	else
		rc = store_lending_add(ui->store, &ui->viewer, &n, NULL);
	if (rc != STORE_OK) {
		/* The draft stays as it is: the resident can try again. */
		ui_store_error(ui, rc);
		return;
	}
	/* F is gone once the screen is closed. */
	done = f->id != 0 ? _("Saved.") : _("Your item is on the board.");
	ui_draft_done(ui, view);
	ui_pop(ui);
	ui_message(ui, "%s", done);
}

static bool
form_changed(const struct form *f)
{
	return f->title.changed || f->body.changed || f->choice_changed;
}

static enum ui_result
form_choice_key(struct ui *ui, struct form *f, int *value,
    const struct ui_key *key)
{
	if (key->code == 0 && (key->ch == '1' || key->ch == '2'))
		*value = (int)(key->ch - '1');
	else if (key->code == KEY_LEFT || key->code == KEY_RIGHT)
		*value = *value == 0 ? 1 : 0;
	else if (ui_key_is_enter(key) || key->code == KEY_DOWN) {
		if (*value >= 0)
			f->focus++;
		return UI_HANDLED;
	} else
		return ui_choice_other_key(ui, key, 2);
	/* The choice stays on its line, as on every form. */
	f->choice_changed = true;
	return UI_HANDLED;
}

static enum ui_result
form_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct form *f = view->data;

	if (key->code == KEY_F(2) || ui_key_is_char(key, UI_KEY_CTRL('s'))) {
		form_save(ui, view, f);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, UI_KEY_ESC)) {
		if (!form_changed(f) ||
		    ui_confirm(ui, _("Throw this draft away?"))) {
			ui_draft_done(ui, view);
			ui_pop(ui);
		}
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '\t') || key->code == KEY_BTAB) {
		f->focus = (enum form_field)(((int)f->focus +
		    (key->code == KEY_BTAB ? 3 : 1)) % 4);
		return UI_HANDLED;
	}
	if (key->code == KEY_UP && f->focus != FORM_BODY) {
		if (f->focus > FORM_DIRECTION)
			f->focus--;
		return UI_HANDLED;
	}
	/* Text pasted on a choice belongs to the description. */
	if (key->code == UI_KEY_PASTE && f->focus < FORM_TITLE)
		f->focus = FORM_BODY;
	switch (f->focus) {
	case FORM_DIRECTION:
		return form_choice_key(ui, f, &f->direction, key);
	case FORM_NATURE:
		return form_choice_key(ui, f, &f->nature, key);
	case FORM_TITLE:
		if (key->code == KEY_DOWN || ui_key_is_enter(key)) {
			f->focus = FORM_BODY;
			return UI_HANDLED;
		}
		return editor_key(ui, &f->title, key);
	case FORM_BODY:
		return editor_key(ui, &f->body, key);
	}
	return UI_IGNORED;
}

/* The form as a draft: the item it edits (0: a new one), the choices
 * (-1: none yet) and the text. */
static bool
form_draft_save(struct ui *ui, struct view *view, struct draft *d)
{
	struct form *f = view->data;
	char number[16];

	if (!form_changed(f))
		return false;
	ui_draft_label(d, _("Lending and services"));
	d->target_id = f->id;
	snprintf(number, sizeof number, "%d", f->direction);
	draft_set(d, "direction", number);
	snprintf(number, sizeof number, "%d", f->nature);
	draft_set(d, "nature", number);
	ui_draft_field(d, "title", &f->title);
	ui_draft_field(d, "body", &f->body);
	return true;
}

static int
form_draft_open(struct ui *ui, struct view *view, const struct draft *d)
{
	struct form *f;
	int64_t direction = ui_draft_number(d, "direction"),
	    nature = ui_draft_number(d, "nature");

	form_enter(ui, view, NULL);
	f = view->data;
	f->id = d->target_id;
	f->direction = direction == 0 || direction == 1 ? (int)direction : -1;
	f->nature = nature == 0 || nature == 1 ? (int)nature : -1;
	editor_set(&f->title, ui_draft_text(d, "title"));
	editor_set(&f->body, ui_draft_text(d, "body"));
	/* Taken up again, it is asked about before Escape throws it away. */
	f->body.changed = true;
	f->focus = FORM_BODY;
	return 0;
}

const struct screen lending_form_screen = {
	.name = "lending_form",
	.title = form_title,
	.enter = form_enter,
	.draw = form_draw,
	.key = form_key,
	.leave = form_leave,
	.keys = form_keys,
	.draft_save = form_draft_save,
	.draft_open = form_draft_open,
	.help = N_("Say first whether you lend (or offer a service) or look "
	    "for something, with 1 or 2, then whether it is an object or a "
	    "service, then a short title (\"Drill\", \"Help to move a "
	    "sofa\") and, if you like, a description: how long, what comes "
	    "with it, when you are free. F2 (or Ctrl-S) saves, Tab goes from "
	    "one field to the next, Esc leaves; you will be asked before a "
	    "draft is thrown away. While a neighbour's request is open, only "
	    "the title and the description can change."),
};
