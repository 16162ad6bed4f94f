/*
 * post.c - one post of the wall and its replies, as one document that
 * scrolls.  The arrows move from the post to each reply in turn (a block
 * longer than the screen scrolls first), so that "e" and "d" act on the
 * block the resident sees chosen, if it is theirs.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "text.h"

#define POST_MAX_REPLIES	2000

/* One screen line of the document. */
struct doc_line {
	size_t		 block;		/* 0 the post, 1.. the replies */
	char		*text;
	int		 indent;
	enum ui_attr	 attr;
};

struct post_view {
	int64_t		 id;
	bool		 gone;
	struct wall_post post;
	struct reply	*replies;
	size_t		 nreplies;
	struct doc_line	*lines;
	size_t		 nlines;
	int		 layout_cols;
	int		 top;
	size_t		 selected;	/* block */
};

static const struct ui_keyhelp post_keys[] = {
	{ "↑↓", N_("Move"), true },
	{ "r", N_("Reply"), true },
	{ "e", N_("Edit"), true },
	{ "d", N_("Delete"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ N_("PgUp/PgDn"), N_("Scroll a page"), false },
	{ N_("Home/End"), N_("Top / bottom"), false },
	{ NULL, NULL, false },
};

static void
post_free_layout(struct post_view *pv)
{
	size_t i;

	for (i = 0; i < pv->nlines; i++)
		free(pv->lines[i].text);
	free(pv->lines);
	pv->lines = NULL;
	pv->nlines = 0;
	pv->layout_cols = 0;
}

static void
post_add_line(struct post_view *pv, size_t block, const char *text,
    size_t len, int indent, enum ui_attr attr)
{
	struct doc_line *l;

	pv->lines = xrealloc(pv->lines, (pv->nlines + 1) * sizeof *pv->lines);
	l = &pv->lines[pv->nlines++];
	l->block = block;
	l->text = xstrndup(text, len);
	l->indent = indent;
	l->attr = attr;
}

static void
post_add_wrapped(struct post_view *pv, size_t block, const char *text,
    int cols, int indent, enum ui_attr attr)
{
	struct text_line *lines;
	size_t n, i;

	n = text_wrap(text, cols - indent, &lines);
	for (i = 0; i < n; i++)
		post_add_line(pv, block, text + lines[i].start, lines[i].len,
		    indent, attr);
	free(lines);
}

/* Lay the document out for COLS columns (text starts at column 2). */
static void
post_layout(struct ui *ui, struct post_view *pv, int cols)
{
	const struct wall_post *p = &pv->post;
	const struct wall_category *c;
	char meta[512], when[128];
	size_t i;
	int used;

	post_free_layout(pv);
	pv->layout_cols = cols;
	post_add_wrapped(pv, 0, p->title, cols, 0, UI_ATTR_TITLE);
	ui_date_long(when, sizeof when, p->created_at);
	c = wall_category_find(p->category);
	used = snprintf(meta, sizeof meta, "%s · %s · %s",
	    p->announcement ? _("Announcement") : c != NULL ? _(c->label) : "",
	    p->announcement ? _("The sysops") : p->author_name, when);
	if (p->updated_at > 0)
		snprintf(meta + used, sizeof meta - used, " %s", _("(edited)"));
	post_add_wrapped(pv, 0, meta, cols, 0, UI_ATTR_DIM);
	post_add_line(pv, 0, "", 0, 0, UI_ATTR_NORMAL);
	post_add_wrapped(pv, 0, p->body, cols, 0, UI_ATTR_NORMAL);
	post_add_line(pv, 0, "", 0, 0, UI_ATTR_NORMAL);
	if (pv->nreplies == 0)
		snprintf(meta, sizeof meta, "── %s ──",
		    _("No reply yet: press r to answer"));
	else
		snprintf(meta, sizeof meta, ngettext("── %zu reply ──",
		    "── %zu replies ──", pv->nreplies), pv->nreplies);
	post_add_line(pv, 0, meta, strlen(meta), 0, UI_ATTR_DIM);
	for (i = 0; i < pv->nreplies; i++) {
		const struct reply *r = &pv->replies[i];

		post_add_line(pv, i + 1, "", 0, 0, UI_ATTR_NORMAL);
		ui_date_long(when, sizeof when, r->created_at);
		used = snprintf(meta, sizeof meta, "%s · %s", r->author_name,
		    when);
		if (r->updated_at > 0)
			snprintf(meta + used, sizeof meta - used, " %s",
			    _("(edited)"));
		post_add_wrapped(pv, i + 1, meta, cols, 0, UI_ATTR_TITLE);
		post_add_wrapped(pv, i + 1, r->body, cols, 2, UI_ATTR_NORMAL);
	}
}

/* Fetch the post and its replies again; mark them read. */
static void
post_load(struct ui *ui, struct post_view *pv)
{
	int rc;

	wall_post_clear(&pv->post);
	reply_list_free(pv->replies, pv->nreplies);
	pv->replies = NULL;
	pv->nreplies = 0;
	post_free_layout(pv);
	rc = store_wall_get(ui->store, &ui->viewer, pv->id, &pv->post);
	if (rc == STORE_OK)
		rc = store_reply_list(ui->store, &ui->viewer, pv->id, 0,
		    POST_MAX_REPLIES, &pv->replies, &pv->nreplies);
	if (rc != STORE_OK) {
		pv->gone = true;
		ui_store_error(ui, rc);
		return;
	}
	store_wall_mark_read(ui->store, &ui->viewer, pv->id);
	if (pv->selected > pv->nreplies)
		pv->selected = pv->nreplies;
}

static int
post_enter(struct ui *ui, struct view *view, void *arg)
{
	struct post_view *pv = xcalloc(1, sizeof *pv);

	pv->id = *(const int64_t *)arg;
	view->data = pv;
	post_load(ui, pv);
	ui_refresh_counts(ui);
	return 0;
}

static void
post_leave(struct ui *ui, struct view *view)
{
	struct post_view *pv = view->data;

	post_free_layout(pv);
	wall_post_clear(&pv->post);
	reply_list_free(pv->replies, pv->nreplies);
	free(pv);
}

static const char *
post_title(struct ui *ui, struct view *view)
{
	struct post_view *pv = view->data;

	return pv->gone ? _("Post") : pv->post.title;
}

/* The first and last document lines of BLOCK. */
static void
post_block_lines(const struct post_view *pv, size_t block, int *first,
    int *last)
{
	size_t i;

	*first = -1;
	*last = -1;
	for (i = 0; i < pv->nlines; i++) {
		if (pv->lines[i].block != block)
			continue;
		if (*first < 0)
			*first = (int)i;
		*last = (int)i;
	}
}

static void
post_clamp_top(struct post_view *pv, int rows)
{
	int max = (int)pv->nlines - rows;

	if (pv->top > max)
		pv->top = max;
	if (pv->top < 0)
		pv->top = 0;
}

static void
post_draw(struct ui *ui, struct view *view)
{
	struct post_view *pv = view->data;
	const struct doc_line *l;
	int y = ui_body_top(ui) + 1, rows = ui_body_rows(ui) - 1, i, attr;

	if (pv->gone) {
		ui_paragraph(ui, y + 1, 4, 3, ui->cols - 8,
		    _("This post is no longer on the wall. Press q to go "
		    "back."), A_NORMAL);
		return;
	}
	if (pv->layout_cols != ui->cols - 4)
		post_layout(ui, pv, ui->cols - 4);
	post_clamp_top(pv, rows);
	for (i = 0; i < rows && pv->top + i < (int)pv->nlines; i++) {
		l = &pv->lines[pv->top + i];
		if (l->block == pv->selected)
			ui_text(ui, y + i, 0, 1, "▌",
			    ui_attr(ui, UI_ATTR_INFO) | A_BOLD);
		attr = ui_attr(ui, l->attr);
		ui_text(ui, y + i, 2 + l->indent, ui->cols - 4 - l->indent,
		    l->text, attr);
	}
	if (pv->top + rows < (int)pv->nlines)
		ui_text_right(ui, ui->rows - 2, 0, ui->cols - 1, "↓",
		    ui_attr(ui, UI_ATTR_DIM));
}

/*
 * Down: scroll through the chosen block if it does not fit, else choose
 * the next block and bring it into view.
 */
static void
post_move(struct ui *ui, struct post_view *pv, int delta)
{
	int rows = ui_body_rows(ui) - 1, first, last;
	size_t nblocks = pv->nreplies + 1;

	post_block_lines(pv, pv->selected, &first, &last);
	if (delta > 0) {
		if (last >= pv->top + rows)
			pv->top++;
		else if (pv->selected + 1 < nblocks) {
			pv->selected++;
			post_block_lines(pv, pv->selected, &first, &last);
			if (last >= pv->top + rows)
				pv->top = last - rows + 1 < first ?
				    last - rows + 1 : first;
			if (first < pv->top)
				pv->top = first;
		}
	} else {
		if (first < pv->top)
			pv->top--;
		else if (pv->selected > 0) {
			pv->selected--;
			post_block_lines(pv, pv->selected, &first, &last);
			if (first < pv->top)
				pv->top = last - rows + 1 > first ?
				    last - rows + 1 : first;
		}
	}
	post_clamp_top(pv, rows);
}

/* After a page jump, choose the first block that starts in view. */
static void
post_select_visible(struct post_view *pv)
{
	if (pv->top < (int)pv->nlines)
		pv->selected = pv->lines[pv->top].block;
}

static void
post_edit(struct ui *ui, struct post_view *pv)
{
	struct compose_request req;
	const struct reply *r;

	memset(&req, 0, sizeof req);
	req.item_id = pv->id;
	if (pv->selected == 0) {
		if (!pv->post.mine || pv->post.announcement) {
			ui_error(ui, "%s", _("Only its author can edit this "
			    "post."));
			return;
		}
		req.mode = COMPOSE_EDIT_POST;
		req.category = pv->post.category;
		req.title = pv->post.title;
		req.body = pv->post.body;
	} else {
		r = &pv->replies[pv->selected - 1];
		if (!r->mine) {
			ui_error(ui, "%s", _("Only its author can edit this "
			    "reply."));
			return;
		}
		req.mode = COMPOSE_EDIT_REPLY;
		req.reply_id = r->id;
		req.body = r->body;
		req.context = pv->post.title;
	}
	ui_push(ui, &compose_screen, &req);
}

static void
post_delete(struct ui *ui, struct view *view, struct post_view *pv)
{
	int rc;

	if (pv->selected == 0) {
		if (!pv->post.mine || pv->post.announcement) {
			ui_error(ui, "%s", _("Only its author can delete this "
			    "post."));
			return;
		}
		if (!ui_confirm(ui, _("Delete this post and hide its "
		    "replies?")))
			return;
		if ((rc = store_wall_delete(ui->store, &ui->viewer, pv->id))
		    != STORE_OK) {
			ui_store_error(ui, rc);
			return;
		}
		ui_pop(ui);
		ui_message(ui, "%s", _("Your post was deleted."));
		return;
	}
	if (!pv->replies[pv->selected - 1].mine) {
		ui_error(ui, "%s", _("Only its author can delete this reply."));
		return;
	}
	if (!ui_confirm(ui, _("Delete this reply?")))
		return;
	rc = store_reply_delete(ui->store, &ui->viewer,
	    pv->replies[pv->selected - 1].id);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	post_load(ui, pv);
	ui_message(ui, "%s", _("Your reply was deleted."));
}

static enum ui_result
post_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct post_view *pv = view->data;
	struct compose_request req;
	int rows = ui_body_rows(ui) - 1;

	if (ui_key_is_back(key) || key->code == KEY_LEFT) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	if (pv->gone)
		return UI_IGNORED;
	if (pv->layout_cols != ui->cols - 4)
		post_layout(ui, pv, ui->cols - 4);
	switch (key->code) {
	case KEY_DOWN:
		post_move(ui, pv, 1);
		return UI_HANDLED;
	case KEY_UP:
		post_move(ui, pv, -1);
		return UI_HANDLED;
	case KEY_NPAGE:
		pv->top += rows - 1;
		post_clamp_top(pv, rows);
		post_select_visible(pv);
		return UI_HANDLED;
	case KEY_PPAGE:
		pv->top -= rows - 1;
		post_clamp_top(pv, rows);
		post_select_visible(pv);
		return UI_HANDLED;
	case KEY_HOME:
		pv->top = 0;
		pv->selected = 0;
		return UI_HANDLED;
	case KEY_END:
		pv->top = (int)pv->nlines;
		post_clamp_top(pv, rows);
		pv->selected = pv->nreplies;
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'r') || ui_key_is_char(key, 'R')) {
		memset(&req, 0, sizeof req);
		req.mode = COMPOSE_REPLY;
		req.item_id = pv->id;
		req.context = pv->post.title;
		ui_push(ui, &compose_screen, &req);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'e') || ui_key_is_char(key, 'E')) {
		post_edit(ui, pv);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'd') || ui_key_is_char(key, 'D')) {
		post_delete(ui, view, pv);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

/* Back from writing, or someone else wrote: show the new state. */
static void
post_resume(struct ui *ui, struct view *view)
{
	struct post_view *pv = view->data;
	size_t before = pv->nreplies;
	int rows = ui_body_rows(ui) - 1;

	post_load(ui, pv);
	ui_refresh_counts(ui);
	if (pv->gone || pv->nreplies <= before)
		return;
	/* A new reply, most likely ours: show it. */
	post_layout(ui, pv, ui->cols - 4);
	pv->selected = pv->nreplies;
	pv->top = (int)pv->nlines;
	post_clamp_top(pv, rows);
}

/* Edit and delete are for what the resident wrote. */
static bool
post_key_shown(struct ui *ui, struct view *view, const struct ui_keyhelp *k)
{
	struct post_view *pv = view->data;

	if (strcmp(k->key, "e") != 0 && strcmp(k->key, "d") != 0)
		return true;
	if (pv->gone)
		return false;
	if (pv->selected == 0)
		return pv->post.mine;
	return pv->selected - 1 < pv->nreplies &&
	    pv->replies[pv->selected - 1].mine;
}

const struct screen post_screen = {
	.name = "post",
	.title = post_title,
	.enter = post_enter,
	.draw = post_draw,
	.key = post_key,
	.resume = post_resume,
	.leave = post_leave,
	.keys = post_keys,
	.key_shown = post_key_shown,
	.help = N_("A post and its replies. The arrows move from the post to "
	    "each reply; the chosen one is marked on the left. Press r to "
	    "reply; e and d edit or delete the chosen post or reply if you "
	    "wrote it."),
};
