/*
 * sysop-announce.c - the console's announcement, pinned on one quartier's
 * wall or on all of them.
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
 * An announcement, pinned on one quartier's wall or on all of them.
 */
enum announce_field {
	ANNOUNCE_TITLE,
	ANNOUNCE_BODY,
};

struct announce {
	struct quartier_info	*quartiers;
	size_t			 nquartiers;
	size_t			 target;	/* 0: all; else quartiers[i-1] */
	struct editor		 title;
	struct editor		 body;
	enum announce_field	 focus;
};

static const struct ui_keyhelp announce_keys[] = {
	{ N_("F2"), N_("Publish"), true },
	{ N_("F3"), N_("Where"), true },
	{ N_("Tab"), N_("Next field"), true },
	{ N_("Esc"), N_("Cancel"), true },
	{ N_("F1"), N_("Help"), true },
	{ N_("Ctrl-S"), N_("Publish"), false },
	{ NULL, NULL, false },
};

static int
announce_enter(struct ui *ui, struct view *view, void *arg)
{
	struct announce *a = xcalloc(1, sizeof *a);
	int rc;

	if ((rc = store_quartier_list(ui->store, &a->quartiers,
	    &a->nquartiers)) != STORE_OK || a->nquartiers == 0) {
		ui_error(ui, "%s", rc != STORE_OK ? store_message(ui->store,
		    rc) : _("Add a quartier first."));
		quartier_info_free(a->quartiers, a->nquartiers);
		free(a);
		return -1;
	}
	editor_init(&a->title, false, QUARTIER_TITLE_MAX);
	editor_init(&a->body, true, QUARTIER_BODY_MAX);
	view->data = a;
	return 0;
}

static void
announce_leave(struct ui *ui, struct view *view)
{
	struct announce *a = view->data;

	quartier_info_free(a->quartiers, a->nquartiers);
	editor_free(&a->title);
	editor_free(&a->body);
	free(a);
}

static const char *
announce_title(struct ui *ui, struct view *view)
{
	return _("Announcement");
}

static char *
announce_target(const struct announce *a)
{
	const struct quartier_info *q;

	if (a->target == 0)
		return xstrdup(_("every quartier"));
	q = &a->quartiers[a->target - 1];
	return xasprintf("%s › %s", q->city, q->name);
}

static void
announce_draw(struct ui *ui, struct view *view)
{
	struct announce *a = view->data;
	char line[512], *target;
	int y = ui_body_top(ui) + 1, bottom = ui->rows - 3;

	target = announce_target(a);
	snprintf(line, sizeof line, _("Pinned on the wall of: %s"), target);
	free(target);
	ui_text(ui, y, 1, ui->cols - 14, line, A_BOLD);
	ui_text_right(ui, y, ui->cols - 13, 12, _("F3: change"),
	    ui_attr(ui, UI_ATTR_DIM));
	y += 2;
	ui_text(ui, y, 1, 13, _("Title:"), A_BOLD);
	ui_fill(ui, y, 14, ui->cols - 15, A_UNDERLINE);
	editor_draw(ui, &a->title, y, 14, 1, ui->cols - 15,
	    a->focus == ANNOUNCE_TITLE);
	y += 2;
	ui_text(ui, y, 1, ui->cols - 2, _("Text:"), A_BOLD);
	snprintf(line, sizeof line, _("%zu/%zu characters"), a->body.nchars,
	    a->body.max_chars);
	ui_text_right(ui, y, 1, ui->cols - 2, line, ui_attr(ui, UI_ATTR_DIM));
	y++;
	ui_fill(ui, y, 0, ui->cols, ui_attr(ui, UI_ATTR_DIM) | A_UNDERLINE);
	y++;
	editor_draw(ui, &a->body, y, 1, bottom - y, ui->cols - 2,
	    a->focus == ANNOUNCE_BODY);
}

/* Too many quartiers for a choice box: the sysop types one. */
static void
announce_type_target(struct ui *ui, struct announce *a)
{
	char *typed;
	int64_t id;
	size_t i;
	int rc;

	typed = ui_prompt(ui, _("Which quartier? (its name, or City/Name; "
	    "empty: every quartier)"), NULL, false, 2 * QUARTIER_NAME_MAX + 1);
	if (typed == NULL)
		return;
	if (*typed == '\0')
		a->target = 0;
	else if ((rc = store_quartier_find(ui->store, typed, &id)) !=
	    STORE_OK)
		ui_error(ui, _("No quartier is called %s."), typed);
	else {
		for (i = 0; i < a->nquartiers; i++)
			if (a->quartiers[i].id == id)
				a->target = i + 1;
	}
	free(typed);
}

static void
announce_choose(struct ui *ui, struct announce *a)
{
	const char **options;
	char **labels;
	size_t i;
	int choice;

	if (a->nquartiers + 1 > SYSOP_CHOICES_MAX) {
		announce_type_target(ui, a);
		return;
	}
	options = xcalloc(a->nquartiers + 1, sizeof *options);
	labels = xcalloc(a->nquartiers + 1, sizeof *labels);
	options[0] = _("Every quartier");
	for (i = 0; i < a->nquartiers; i++) {
		labels[i] = xasprintf("%s › %s", a->quartiers[i].city,
		    a->quartiers[i].name);
		options[i + 1] = labels[i];
	}
	choice = ui_choose_filter(ui, _("Pin it on which wall?"), options,
	    (int)a->nquartiers + 1, (int)a->target);
	if (choice >= 0)
		a->target = (size_t)choice;
	for (i = 0; i < a->nquartiers; i++)
		free(labels[i]);
	free(labels);
	free(options);
}

static void
announce_send(struct ui *ui, struct announce *a)
{
	char *target, *question;
	int64_t quartier_id;
	int rc;

	if (editor_empty(&a->title)) {
		a->focus = ANNOUNCE_TITLE;
		ui_error(ui, "%s", _("Write a title."));
		return;
	}
	if (editor_empty(&a->body)) {
		a->focus = ANNOUNCE_BODY;
		ui_error(ui, "%s", _("Write some text first."));
		return;
	}
	target = announce_target(a);
	question = xasprintf(_("Pin this announcement on the wall of %s?"),
	    target);
	if (!ui_confirm(ui, question)) {
		free(question);
		free(target);
		return;
	}
	free(question);
	quartier_id = a->target == 0 ? 0 : a->quartiers[a->target - 1].id;
	rc = store_announce(ui->store, quartier_id, editor_text(&a->title),
	    editor_text(&a->body), NULL);
	if (rc != STORE_OK) {
		/* The draft stays: fix it and publish again. */
		ui_store_error(ui, rc);
		free(target);
		return;
	}
	ui_pop(ui);
	ui_message(ui, _("The announcement is pinned on the wall of %s."),
	    target);
	free(target);
}

static enum ui_result
announce_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct announce *a = view->data;

	if (key->code == KEY_F(2) || ui_key_is_char(key, UI_KEY_CTRL('s'))) {
		announce_send(ui, a);
		return UI_HANDLED;
	}
	if (key->code == KEY_F(3)) {
		announce_choose(ui, a);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, UI_KEY_ESC)) {
		if ((!a->title.changed && !a->body.changed) ||
		    ui_confirm(ui, _("Throw this draft away?")))
			ui_pop(ui);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '\t') || key->code == KEY_BTAB) {
		a->focus = a->focus == ANNOUNCE_TITLE ? ANNOUNCE_BODY :
		    ANNOUNCE_TITLE;
		return UI_HANDLED;
	}
	if (a->focus == ANNOUNCE_TITLE) {
		if (key->code == KEY_DOWN || ui_key_is_enter(key)) {
			a->focus = ANNOUNCE_BODY;
			return UI_HANDLED;
		}
		return editor_key(ui, &a->title, key);
	}
	return editor_key(ui, &a->body, key);
}

const struct screen sysop_announce_screen = {
	.name = "sysop-announce",
	.title = announce_title,
	.enter = announce_enter,
	.draw = announce_draw,
	.key = announce_key,
	.leave = announce_leave,
	.keys = announce_keys,
	.help = N_("An announcement from the sysops stays pinned on top of "
	    "the wall. Press F3 to choose the quartier, or every quartier at "
	    "once; write a title and the text, then press F2 (or Ctrl-S) to "
	    "publish it. Esc leaves, after asking before a draft is thrown "
	    "away."),
};

