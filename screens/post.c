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
#include "when.h"
#include "text.h"

#define POST_MAX_REPLIES	2000

struct post_view {
	int64_t		 id;
	bool		 gone;
	struct wall_post post;
	struct reply	*replies;
	size_t		 nreplies;
	struct poll	 poll;		/* n 0: none */
	struct ui_doc	 doc;		/* 0 the post, 1.. the replies */
	size_t		 selected;	/* block */
	char		*neighbours;	/* who it may be shared with, or NULL */
};

static const struct ui_keyhelp post_keys[] = {
	{ "↑↓", N_("Move"), true },
	{ "r", N_("Reply"), true },
	{ "v", N_("Vote"), true },
	{ "s", N_("Add a poll"), true },
	{ "e", N_("Edit"), true },
	{ "d", N_("Delete"), true },
	{ "p", N_("Share"), true },
	{ "!", N_("Report"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ N_("PgUp/PgDn"), N_("Scroll a page"), false },
	{ N_("Home/End"), N_("Top / bottom"), false },
	{ NULL, NULL, false },
};

/*
 * Who wrote: the author, or the community centre for a neighbour without
 * an account, both named: "Centre socio-culturel Krutenau for Germaine".
 */
static void
post_author(char *out, size_t size, const char *author, const char *behalf)
{
	if (behalf != NULL)
		snprintf(out, size, _("%s for %s"), author != NULL ? author :
		    "", behalf);
	else
		snprintf(out, size, "%s", author != NULL ? author : "");
}

/* Lay the document out for COLS columns (text starts at column 2). */
static void
post_layout(struct ui *ui, struct post_view *pv, int cols)
{
	const struct wall_post *p = &pv->post;
	const struct wall_category *c;
	struct ui_doc *d = &pv->doc;
	char meta[512], when[128], author[256];
	size_t i;
	int used;

	ui_doc_clear(d);
	d->cols = cols;
	ui_doc_paragraph(d, p->title, 0, UI_ATTR_TITLE);
	when_format_moment(when, sizeof when, p->created_at);
	c = wall_category_find(p->category);
	post_author(author, sizeof author, p->announcement ? _("The sysops") :
	    p->author_name, p->on_behalf_of);
	used = snprintf(meta, sizeof meta, "%s · %s · %s",
	    p->announcement ? _("Announcement") : c != NULL ? _(c->label) : "",
	    author, when);
	if (p->updated_at > 0)
		snprintf(meta + used, sizeof meta - used, " %s", _("(edited)"));
	ui_doc_paragraph(d, meta, 0, UI_ATTR_DIM);
	/* Across the border: where it comes from, or where it goes. */
	if (p->origin != NULL) {
		snprintf(meta, sizeof meta, _("Shared by the neighbouring "
		    "quartier %s."), p->origin);
		ui_doc_paragraph(d, meta, 0, UI_ATTR_DIM);
	} else if (p->mine && pv->neighbours != NULL) {
		snprintf(meta, sizeof meta, p->shared ? _("Shared with the "
		    "neighbouring quartiers (%s): press p to stop.") :
		    _("You may share it with the neighbouring quartiers (%s): "
		    "press p."), pv->neighbours);
		ui_doc_paragraph(d, meta, 0, UI_ATTR_DIM);
	}
	/* Only the author sees a hidden post: tell them why. */
	if (p->hidden) {
		snprintf(meta, sizeof meta, _("Hidden by the moderation: %s"),
		    p->hidden_reason != NULL ? p->hidden_reason : "");
		ui_doc_paragraph(d, meta, 0, UI_ATTR_ERROR);
	}
	ui_doc_blank(d);
	ui_doc_paragraph(d, p->body, 0, UI_ATTR_NORMAL);
	ui_doc_blank(d);
	if (pv->poll.n > 0) {
		ui_poll_layout(ui, d, &pv->poll);
		ui_doc_blank(d);
	}
	if (pv->nreplies == 0)
		snprintf(meta, sizeof meta, "── %s ──",
		    _("No reply yet: press r to answer"));
	else
		snprintf(meta, sizeof meta, ngettext("── %zu reply ──",
		    "── %zu replies ──", pv->nreplies), pv->nreplies);
	ui_doc_add_line(d, meta, strlen(meta), 0, UI_ATTR_DIM);
	for (i = 0; i < pv->nreplies; i++) {
		const struct reply *r = &pv->replies[i];

		d->block = i + 1;
		ui_doc_blank(d);
		when_format_moment(when, sizeof when, r->created_at);
		post_author(author, sizeof author, r->author_name,
		    r->on_behalf_of);
		used = snprintf(meta, sizeof meta, "%s · %s", author, when);
		if (r->updated_at > 0)
			snprintf(meta + used, sizeof meta - used, " %s",
			    _("(edited)"));
		ui_doc_paragraph(d, meta, 0, UI_ATTR_TITLE);
		if (r->hidden) {
			snprintf(meta, sizeof meta,
			    _("Hidden by the moderation: %s"),
			    r->hidden_reason != NULL ? r->hidden_reason : "");
			ui_doc_paragraph(d, meta, 2, UI_ATTR_ERROR);
		}
		ui_doc_paragraph(d, r->body, 2, UI_ATTR_NORMAL);
	}
}

/* The kinds of post that may cross to the neighbouring quartiers. */
static bool
post_shareable(const struct wall_post *p)
{
	return !p->announcement && p->category != NULL &&
	    (strcmp(p->category, "lost") == 0 ||
	    strcmp(p->category, "alert") == 0);
}

/* Fetch the post and its replies again; mark them read. */
static void
post_load(struct ui *ui, struct post_view *pv)
{
	int rc;

	wall_post_clear(&pv->post);
	reply_list_free(pv->replies, pv->nreplies);
	poll_clear(&pv->poll);
	pv->replies = NULL;
	pv->nreplies = 0;
	ui_doc_clear(&pv->doc);
	rc = store_wall_get(ui->store, &ui->viewer, pv->id, &pv->post);
	if (rc == STORE_OK)
		rc = store_reply_list(ui->store, &ui->viewer, pv->id, 0,
		    POST_MAX_REPLIES, &pv->replies, &pv->nreplies);
	if (rc == STORE_OK && (rc = store_poll_get(ui->store, &ui->viewer,
	    pv->id, &pv->poll)) == STORE_NOT_FOUND)
		rc = STORE_OK;
	if (rc != STORE_OK) {
		pv->gone = true;
		ui_store_error(ui, rc);
		return;
	}
	store_wall_mark_read(ui->store, &ui->viewer, pv->id);
	free(pv->neighbours);
	pv->neighbours = NULL;
	if (pv->post.mine && post_shareable(&pv->post))
		store_wall_neighbours(ui->store, &ui->viewer, &pv->neighbours);
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

	ui_doc_clear(&pv->doc);
	wall_post_clear(&pv->post);
	reply_list_free(pv->replies, pv->nreplies);
	free(pv->neighbours);
	poll_clear(&pv->poll);
	free(pv);
}

static const char *
post_title(struct ui *ui, struct view *view)
{
	struct post_view *pv = view->data;

	return pv->gone ? _("Post") : pv->post.title;
}

static void
post_draw(struct ui *ui, struct view *view)
{
	struct post_view *pv = view->data;
	int y = ui_body_top(ui) + 1, rows = ui_body_rows(ui) - 1;

	if (pv->gone) {
		ui_paragraph(ui, y + 1, 4, 3, ui->cols - 8,
		    _("This post is no longer on the wall. Press q to go "
		    "back."), A_NORMAL);
		return;
	}
	if (pv->doc.cols != ui->cols - 4)
		post_layout(ui, pv, ui->cols - 4);
	ui_doc_draw(ui, &pv->doc, y, rows, pv->selected);
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

/* "p": the author shares a lost-and-found post or an alert with the
 * neighbouring quartiers, or stops sharing it. */
static void
post_share(struct ui *ui, struct post_view *pv)
{
	char question[512];
	bool share = !pv->post.shared;
	int rc;

	if (!pv->post.mine || !post_shareable(&pv->post) ||
	    pv->neighbours == NULL) {
		ui_error(ui, "%s", _("Only the author of a lost and found "
		    "post or an alert shares it, with the quartiers the "
		    "sysops declared neighbours."));
		return;
	}
	if (share)
		snprintf(question, sizeof question, _("Share this post with "
		    "the neighbouring quartiers (%s)? Their residents will see "
		    "it on their wall, with your name, and may answer."),
		    pv->neighbours);
	else
		snprintf(question, sizeof question, "%s", _("Stop sharing "
		    "this post? It leaves the neighbouring quartiers' walls."));
	if (!ui_confirm(ui, question))
		return;
	if ((rc = store_wall_share(ui->store, &ui->viewer, pv->id, share))
	    != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	post_load(ui, pv);
	ui_message(ui, "%s", share ? _("Shared with the neighbouring "
	    "quartiers.") : _("No longer shared."));
}

/*
 * "!": the chosen post or reply, or its author.  Reporting a person is
 * offered here, where their words are.
 */
static void
post_report(struct ui *ui, struct post_view *pv)
{
	const char *options[2];
	const char *name;
	int64_t author;
	char who[256];
	int choice;

	if (pv->selected == 0) {
		author = pv->post.author_id;
		name = pv->post.author_name;
		options[0] = _("Report this post");
	} else {
		author = pv->replies[pv->selected - 1].author_id;
		name = pv->replies[pv->selected - 1].author_name;
		options[0] = _("Report this reply");
	}
	if ((pv->selected == 0 ? pv->post.mine :
	    pv->replies[pv->selected - 1].mine)) {
		ui_error(ui, "%s", _("You wrote this: there is nothing to "
		    "report."));
		return;
	}
	snprintf(who, sizeof who, _("Report its author, %s"),
	    name != NULL ? name : "");
	options[1] = who;
	/* A neighbouring quartier's resident is its own moderators' to
	 * judge: only what they wrote here is reported. */
	choice = ui_choose(ui, _("Report to the moderators"), options,
	    author != 0 && pv->post.origin == NULL ? 2 : 1, 0);
	if (choice == 0)
		ui_report(ui, pv->selected == 0 ? REPORT_ITEM : REPORT_REPLY,
		    pv->selected == 0 ? pv->id :
		    pv->replies[pv->selected - 1].id);
	else if (choice == 1)
		ui_report(ui, REPORT_RESIDENT, author);
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
	if (pv->doc.cols != ui->cols - 4)
		post_layout(ui, pv, ui->cols - 4);
	if (ui_doc_block_key(&pv->doc, &pv->selected, pv->nreplies + 1, rows,
	    key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'r') || ui_key_is_char(key, 'R')) {
		memset(&req, 0, sizeof req);
		req.mode = COMPOSE_REPLY;
		req.item_id = pv->id;
		req.context = pv->post.title;
		ui_push(ui, &compose_screen, &req);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'v') || ui_key_is_char(key, 'V')) {
		if (pv->poll.n == 0)
			ui_error(ui, "%s", _("This post carries no poll."));
		else if (ui_poll_vote(ui, &pv->poll))
			post_load(ui, pv);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 's') || ui_key_is_char(key, 'S')) {
		if (!pv->post.mine || pv->post.announcement ||
		    pv->poll.n > 0)
			ui_error(ui, "%s", _("Only the author of a post can "
			    "give it a poll, and only one."));
		else if (ui_poll_create(ui, pv->id))
			post_load(ui, pv);
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
	if (ui_key_is_char(key, '!')) {
		post_report(ui, pv);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'p') || ui_key_is_char(key, 'P')) {
		post_share(ui, pv);
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
	pv->doc.top = (int)pv->doc.n;
	ui_doc_clamp(&pv->doc, rows);
}

/* Edit and delete are for what the resident wrote. */
static bool
post_key_shown(struct ui *ui, struct view *view, const struct ui_keyhelp *k)
{
	struct post_view *pv = view->data;

	if (strcmp(k->key, "p") == 0)
		return !pv->gone && pv->selected == 0 && pv->post.mine &&
		    post_shareable(&pv->post) && pv->neighbours != NULL;
	if (strcmp(k->key, "v") == 0)
		return !pv->gone && pv->poll.n > 0 && !pv->poll.closed;
	if (strcmp(k->key, "s") == 0)
		return !pv->gone && pv->post.mine && !pv->post.announcement &&
		    pv->poll.n == 0;
	if (strcmp(k->key, "!") == 0)
		return !pv->gone && (pv->selected == 0 ? !pv->post.mine :
		    pv->selected - 1 < pv->nreplies &&
		    !pv->replies[pv->selected - 1].mine);
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
	.changes = CHANGE_WALL,
	.leave = post_leave,
	.keys = post_keys,
	.key_shown = post_key_shown,
	.help = N_("A post and its replies. The arrows move from the post to "
	    "each reply; the chosen one is marked on the left. Press r to "
	    "reply; e and d edit or delete the chosen post or reply if you "
	    "wrote it. A post may carry a poll: v votes (once, and you may "
	    "change your vote until it closes), and the results show as "
	    "counts and bars once you have voted or the poll closed; nobody, "
	    "moderators included, sees who voted what. s gives a post of "
	    "yours a poll of 2 to 8 answers. ! reports the chosen post or reply, or its author, to "
	    "the moderators, with a reason. A post or reply of yours hidden "
	    "by the moderation is marked, with the reason; nobody else sees "
	    "it. p shares a lost and found post or an alert of yours with "
	    "the neighbouring quartiers, or stops sharing it; a post shared "
	    "by a neighbouring quartier says which, and you may answer it."),
};
