/*
 * drafts.c - what the editors hold, kept in the store as the resident
 * types, and the screen that offers it back at the next login.
 *
 * A key given to an editor marks its draft changed; the frame saves it at
 * the first chance after the clock passes a multiple of STORE_DRAFT_SAVE
 * seconds (a key, or the poll's tick when typing stopped), at once on a
 * resize, and whenever the editor's view goes: on the way out after
 * SIGHUP or SIGTERM, at a kiosk's idle timeout, when the terminal is gone.
 * Only sending the text or throwing it away (the screen's
 * ui_draft_done()) deletes it.  A connection that drops therefore loses a
 * few seconds of typing at most, and only when the program is killed
 * outright.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "text.h"
#include "when.h"

#define DRAFTS_LABEL_COLS	20

/* The editors a draft may come from, found by their screen's name. */
static const struct screen *const draft_screens[] = {
	&compose_screen, &mail_compose_screen, &ad_form_screen,
	&event_form_screen, &lending_form_screen, &address_form_screen,
};

void
ui_draft_field(struct draft *d, const char *name, const struct editor *ed)
{
	draft_set(d, name, editor_text(ed));
}

void
ui_draft_label(struct draft *d, const char *label)
{
	free(d->label);
	d->label = xstrdup(label);
}

const char *
ui_draft_text(const struct draft *d, const char *name)
{
	const char *v = draft_get(d, name);

	return v != NULL ? v : "";
}

int64_t
ui_draft_number(const struct draft *d, const char *name)
{
	const char *v = draft_get(d, name);

	return v != NULL ? strtoll(v, NULL, 10) : 0;
}

/* A key is going to VIEW: what it holds may change. */
void
ui_draft_touch(struct ui *ui, struct view *view)
{
	if (view == NULL || view->screen->draft_save == NULL ||
	    view->draft_done || !ui->logged_in)
		return;
	if (!view->draft_dirty && view->draft_saved_at == 0)
		view->draft_saved_at = now_seconds();
	view->draft_dirty = true;
}

/*
 * Save VIEW's draft now, if keys came since the last save: the store's
 * row is replaced, or deleted when the editor holds nothing worth keeping
 * any more.  A busy database leaves it changed, for the next chance.
 */
void
ui_draft_keep_view(struct ui *ui, struct view *view)
{
	struct draft d;
	const char *title;
	int rc;

	if (!view->draft_dirty || view->draft_done ||
	    view->screen->draft_save == NULL || !ui->logged_in)
		return;
	memset(&d, 0, sizeof d);
	d.screen = xstrdup(view->screen->name);
	title = view->screen->title != NULL ?
	    view->screen->title(ui, view) : NULL;
	d.label = xstrdup(title != NULL ? title : "");
	if (view->screen->draft_save(ui, view, &d)) {
		if (d.summary == NULL) {
			title = draft_get(&d, "title");
			d.summary = xstrdup(title != NULL && *title != '\0' ?
			    title : ui_draft_text(&d, "body"));
		}
		rc = store_draft_save(ui->store, &ui->viewer, &d,
		    &view->draft_id);
	} else if (view->draft_id != 0) {
		rc = store_draft_delete(ui->store, &ui->viewer,
		    view->draft_id);
		if (rc == STORE_NOT_FOUND)
			rc = STORE_OK;
		if (rc == STORE_OK)
			view->draft_id = 0;
	} else
		rc = STORE_OK;
	if (rc == STORE_OK || rc == STORE_INVALID) {
		view->draft_dirty = false;
		view->draft_saved_at = now_seconds();
	}
	draft_clear(&d);
}

/* Save the drafts of the stack whose time has come, or all now. */
void
ui_draft_keep(struct ui *ui, bool now)
{
	int64_t t = now_seconds();
	struct view *v;

	for (v = ui->top; v != NULL; v = v->below) {
		if (v->draft_dirty && (now ||
		    store_draft_due(v->draft_saved_at, t)))
			ui_draft_keep_view(ui, v);
	}
}

/* VIEW's text was sent or thrown away: its draft goes. */
void
ui_draft_done(struct ui *ui, struct view *view)
{
	if (view->draft_id != 0)
		store_draft_delete(ui->store, &ui->viewer, view->draft_id);
	view->draft_id = 0;
	view->draft_done = true;
	view->draft_dirty = false;
}

/* At login: the drafts screen, when there is anything to offer. */
void
ui_draft_offer(struct ui *ui)
{
	ui_push(ui, &drafts_screen, NULL);
}

/* Open D in its editor, on top of the stack. */
static int
ui_draft_open(struct ui *ui, const struct draft *d)
{
	const struct screen *screen = NULL;
	struct view *view;
	size_t i;

	for (i = 0; i < sizeof draft_screens / sizeof draft_screens[0]; i++) {
		if (strcmp(draft_screens[i]->name, d->screen) == 0)
			screen = draft_screens[i];
	}
	if (screen == NULL || screen->draft_open == NULL)
		return -1;
	view = xcalloc(1, sizeof *view);
	view->screen = screen;
	view->below = ui->top;
	if (screen->draft_open(ui, view, d) != 0) {
		free(view);
		return -1;
	}
	view->draft_id = d->id;
	view->draft_saved_at = now_seconds();
	ui->top = view;
	return 0;
}

/* The drafts screen. */
struct drafts {
	struct ui_list	 list;		/* of struct draft */
};

static const struct ui_keyhelp drafts_keys[] = {
	{ N_("Enter"), N_("Take up again"), true },
	{ "d", N_("Throw away"), true },
	{ N_("Arrows"), N_("Choose"), true },
	{ "q", N_("Later"), true },
	{ "?", N_("Help"), true },
	{ NULL, NULL, false },
};

static const char *
drafts_title(struct ui *ui, struct view *view)
{
	return _("Drafts");
}

#define DRAFTS_INTRO N_("What you had written was kept. Enter takes a " \
	"draft up again, d throws it away, q keeps it for later: it will be " \
	"offered again at your next login.")

/* The first line of the list: below the heading and the intro. */
static int
drafts_top(struct ui *ui)
{
	return ui_paragraph_end(ui_body_top(ui) + 3, _(DRAFTS_INTRO), 3,
	    ui->cols - 8);
}

static int
drafts_rows(struct ui *ui)
{
	int rows = ui->rows - 3 - drafts_top(ui);

	return rows > 1 ? rows : 1;
}

/* The resident's drafts, given whole; a busy database offers none now
 * (they are offered again at the next login). */
static int
drafts_fetch(struct ui *ui, struct ui_list *l, void **rows, size_t *n)
{
	(void)l;
	if (store_draft_list(ui->store, &ui->viewer, (struct draft **)rows, n)
	    != STORE_OK) {
		draft_list_free(*rows, *n);
		*rows = NULL;
		*n = 0;
	}
	return STORE_OK;
}

static int64_t
drafts_row_id(const void *row)
{
	return ((const struct draft *)row)->id;
}

static void
drafts_open(struct ui *ui, struct ui_list *l, void *row)
{
	(void)l;
	if (ui_draft_open(ui, row) != 0 && ui->message[0] == '\0')
		ui_error(ui, "%s", _("This draft cannot be opened any more: "
		    "what it answered or changed is gone."));
}

static void
drafts_free_rows(void *rows, size_t n)
{
	draft_list_free(rows, n);
}

static void
drafts_draw_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct draft *d = row;
	char when[128];
	int x = 4, cols = ui->cols - 8, base;

	(void)l;
	(void)ctx;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	ui_fill(ui, y, 2, ui->cols - 4, base);
	ui_text_cut(ui, y, x, DRAFTS_LABEL_COLS - 1, d->label, base | A_BOLD);
	when_format_ago(when, sizeof when, d->updated_at);
	ui_text_right(ui, y, x, cols, when, selected ? base :
	    ui_attr(ui, UI_ATTR_DIM));
	ui_text_cut(ui, y, x + DRAFTS_LABEL_COLS, cols - DRAFTS_LABEL_COLS -
	    text_width(when) - 2, d->summary, base);
	if (selected)
		ui_place_cursor(ui, y, x);
}

static const struct ui_list_ops drafts_ops = {
	.row_size = sizeof(struct draft),
	.page_rows = drafts_rows,
	.fetch_whole = drafts_fetch,
	.row_id = drafts_row_id,
	.draw_row = drafts_draw_row,
	.open = drafts_open,
	.free_rows = drafts_free_rows,
};

/* Nothing to offer: the screen does not open. */
static int
drafts_enter(struct ui *ui, struct view *view, void *arg)
{
	struct drafts *dv;

	(void)arg;
	dv = ui_list_enter(ui, view, &drafts_ops, sizeof *dv);
	if (dv->list.fetched == 0) {
		ui_list_leave(ui, view);
		view->data = NULL;
		return -1;
	}
	return 0;
}

/* Back from an editor: the drafts left, and none left closes the screen
 * (VIEW is then gone). */
static void
drafts_resume(struct ui *ui, struct view *view)
{
	struct drafts *dv = view->data;

	ui_list_reload(ui, &dv->list);
	if (dv->list.fetched == 0)
		ui_pop(ui);
}

static void
drafts_draw(struct ui *ui, struct view *view)
{
	struct drafts *dv = view->data;
	size_t n = dv->list.fetched;
	char heading[256];
	int y = ui_body_top(ui) + 1, x = 4, cols = ui->cols - 8;

	snprintf(heading, sizeof heading, ngettext("You had started a "
	    "message…", "You had started %zu messages…", n), n);
	ui_text(ui, y, x, cols, heading, ui_attr(ui, UI_ATTR_TITLE));
	ui_paragraph(ui, y + 2, x, 3, cols, _(DRAFTS_INTRO), A_NORMAL);
	y = drafts_top(ui);
	ui_list_draw(ui, &dv->list, y, y + drafts_rows(ui), NULL);
}

static void
drafts_throw_away(struct ui *ui, struct view *view, struct drafts *dv)
{
	const struct draft *d = ui_list_selected(&dv->list);
	int rc;

	if (d == NULL || !ui_confirm(ui, _("Throw this draft away?")))
		return;
	rc = store_draft_delete(ui->store, &ui->viewer, d->id);
	if (rc != STORE_OK && rc != STORE_NOT_FOUND) {
		ui_store_error(ui, rc);
		return;
	}
	ui_message(ui, "%s", _("The draft was thrown away."));
	drafts_resume(ui, view);
}

static enum ui_result
drafts_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct drafts *dv = view->data;

	if (ui_list_key(ui, &dv->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'd') || ui_key_is_char(key, 'D'))
		drafts_throw_away(ui, view, dv);
	else if (ui_key_is_back(key))
		ui_pop(ui);
	else
		return UI_IGNORED;
	return UI_HANDLED;
}

const struct screen drafts_screen = {
	.name = "drafts",
	.title = drafts_title,
	.enter = drafts_enter,
	.draw = drafts_draw,
	.key = drafts_key,
	.resume = drafts_resume,
	.leave = ui_list_leave,
	.keys = drafts_keys,
	.help = N_("What you were writing when you left (the connection "
	    "dropped, the terminal closed, a shared terminal's session timed "
	    "out) was kept as you typed, and is offered here at your next "
	    "login. Choose a draft with the arrows: Enter opens it where you "
	    "left it, to finish and send it; d throws it away; q keeps it "
	    "for later. A draft is deleted once sent or thrown away, and "
	    "nobody else ever sees it."),
};
