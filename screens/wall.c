/*
 * wall.c - the neighbourhood wall: pinned announcements, then posts newest
 * first, a page at a time, with a category filter and unread markers.
 *
 * It runs on the list view (list.c): only one page of posts is in
 * memory, fetched from the key of the last post of the one before (see
 * store_wall_page).
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "when.h"
#include "text.h"

struct wall {
	struct ui_list		 list;		/* pinned, then posts */
	const struct wall_category *category;	/* NULL: every category */
	struct wall_counts	 counts;
};

static const struct ui_keyhelp wall_keys[] = {
	{ N_("Enter"), N_("Read"), true },
	{ "n", N_("New post"), true },
	{ "c", N_("Category"), true },
	{ N_("PgDn"), N_("More"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ "m", N_("Mark everything as read"), false },
	{ N_("PgUp"), N_("Newer posts"), false },
	{ N_("Home"), N_("First page"), false },
	{ NULL, NULL, false },
};

/* Rows of the list: the body less the two header lines. */
static int
wall_rows(struct ui *ui)
{
	int rows = ui_body_rows(ui) - 2;

	return rows > 1 ? rows : 1;
}

/*
 * The first page starts with the pinned announcements, which never take
 * more than half of it; the posts fill the rest.  LIMIT is one row more
 * than the page shows, as the list view asks.
 */
static int
wall_fetch(struct ui *ui, struct ui_list *l, const struct wall_cursor *after,
    int limit, void **rows, size_t *n)
{
	struct wall *w = (struct wall *)l;
	const char *category = w->category != NULL ? w->category->code : NULL;
	struct wall_post *pinned = NULL, *posts = NULL;
	size_t npinned = 0, nposts = 0;
	int rc;

	if (store_wall_counts(ui->store, &ui->viewer, category, &w->counts)
	    != STORE_OK)
		memset(&w->counts, 0, sizeof w->counts);
	if (l->pager.page == 0) {
		rc = store_wall_pinned(ui->store, &ui->viewer, &pinned,
		    &npinned);
		if (rc != STORE_OK)
			ui_store_error(ui, rc);
		while ((int)npinned > (limit - 1) / 2)
			wall_post_clear(&pinned[--npinned]);
	}
	rc = store_wall_page(ui->store, &ui->viewer, category, after,
	    limit - (int)npinned, &posts, &nposts);
	if (npinned > 0) {
		pinned = xrealloc(pinned, (npinned + nposts) * sizeof *pinned);
		if (nposts > 0)
			memcpy(pinned + npinned, posts, nposts * sizeof *posts);
		free(posts);
		posts = pinned;
	} else
		free(pinned);
	*rows = posts;
	*n = npinned + nposts;
	return rc;
}

/* The next page follows the last post: announcements are not in the
 * order of the pages, and a page ends on a post whenever one follows. */
static struct wall_cursor
wall_row_key(const struct ui_list *l, size_t i)
{
	const struct wall_post *p = ui_list_row(l, i);

	return (struct wall_cursor){ p->created_at, p->id };
}

static void
wall_open(struct ui *ui, struct ui_list *l, void *row)
{
	const struct wall_post *p = row;

	(void)l;
	ui_push(ui, &post_screen, &(int64_t){ p->id });
}

static void
wall_free_rows(void *rows, size_t n)
{
	wall_post_list_free(rows, n);
}

static void wall_draw_row(struct ui *, struct ui_list *, const void *, int,
    bool, void *);

static const struct ui_list_ops wall_ops = {
	.row_size = sizeof(struct wall_post),
	.page_rows = wall_rows,
	.fetch = wall_fetch,
	.row_key = wall_row_key,
	.draw_row = wall_draw_row,
	.open = wall_open,
	.free_rows = wall_free_rows,
};

static int
wall_enter(struct ui *ui, struct view *view, void *arg)
{
	(void)arg;
	ui_list_enter(ui, view, &wall_ops, sizeof(struct wall));
	return 0;
}

static void
wall_resume(struct ui *ui, struct view *view)
{
	ui_list_resume(ui, view);
	ui_refresh_counts(ui);
}

static const char *
wall_title(struct ui *ui, struct view *view)
{
	return _("Wall");
}

static void
wall_draw_header(struct ui *ui, struct wall *w, int y)
{
	char line[512], when[128], num[16];
	int used;

	used = snprintf(line, sizeof line, _("Category: %s"),
	    w->category != NULL ? _(w->category->label) : _("all"));
	used += snprintf(line + used, sizeof line - used, " · ");
	used += snprintf(line + used, sizeof line - used,
	    ngettext("%d post", "%d posts", w->counts.total), w->counts.total);
	ui_list_heading(ui, y, line, w->list.pager.page + 1);
	/* What is unread, and since when the resident was away: the
	 * figures of the top line and of the menu, by the same definitions
	 * (store.h, struct wall_counts and store_resident_logged_in).  A
	 * category shown alone counts its own, and says so, so that its
	 * figure is never read as the top line's. */
	ui_count(w->counts.unread, num, sizeof num);
	if (w->category != NULL && w->counts.unread > 0)
		used = snprintf(line, sizeof line, ngettext("%s unread in "
		    "this category", "%s unread in this category",
		    w->counts.unread), num);
	else if (w->category != NULL)
		used = snprintf(line, sizeof line, "%s",
		    _("All read in this category"));
	else if (w->counts.unread > 0)
		used = snprintf(line, sizeof line, ngettext("%s unread",
		    "%s unread", w->counts.unread), num);
	else
		used = snprintf(line, sizeof line, "%s", _("All read"));
	if (ui->last_visit_at > 0) {
		when_format_moment(when, sizeof when, ui->last_visit_at);
		used += snprintf(line + used, sizeof line - used, " · ");
		snprintf(line + used, sizeof line - used,
		    _("Previous visit: %s"), when);
	}
	ui_text(ui, y + 1, 1, ui->cols - 2, line, ui_attr(ui, UI_ATTR_INFO));
}

/* The columns of the list, laid out from the rows of the page. */
enum wall_column {
	WALL_CATEGORY,
	WALL_TITLE,		/* with the reply count, kept whole */
	WALL_AUTHOR,
	WALL_DATE,
	WALL_COLUMNS,
};

/* A post shared by a neighbouring quartier says which, first. */
static const char *
post_title_text(const struct wall_post *p, char *buf, size_t size)
{
	if (p->origin == NULL)
		return p->title;
	snprintf(buf, size, _("[%s] %s"), p->origin, p->title);
	return buf;
}

/* The text of one cell of P's row, into BUF. */
static const char *
wall_cell(const struct wall_post *p, enum wall_column c, char *buf,
    size_t size)
{
	const struct wall_category *cat;
	const char *title;
	char tbuf[400];

	buf[0] = '\0';
	switch (c) {
	case WALL_CATEGORY:
		if (p->hidden)		/* the author's own, hidden */
			return _("Hidden");
		if (p->announcement)
			return _("Announcement");
		cat = wall_category_find(p->category);
		return cat != NULL ? _(cat->label) : "";
	case WALL_TITLE:
		title = post_title_text(p, tbuf, sizeof tbuf);
		if (p->reply_count > 0)
			snprintf(buf, size, "%s (%d)", title, p->reply_count);
		else
			snprintf(buf, size, "%s", title);
		break;
	case WALL_AUTHOR:
		/* Written by the community centre for a neighbour: the
		 * neighbour's name is the one that says who speaks (the post
		 * itself names both). */
		if (p->on_behalf_of != NULL && !p->announcement)
			snprintf(buf, size, _("for %s"), p->on_behalf_of);
		else
			snprintf(buf, size, "%s", p->announcement ?
			    _("The sysops") : p->author_name);
		break;
	case WALL_DATE:
		when_format_ago(buf, size, p->created_at);
		break;
	case WALL_COLUMNS:
		break;
	}
	return buf;
}

/*
 * One row: unread marker, then the cells in their columns.  Each cell is
 * placed at its column's position, so a character the terminal measures
 * differently can never shift the next one.
 */
static void
wall_draw_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct ui_column *col = ctx;
	const struct wall_post *p = row;
	char buf[512], count[32], title[512];
	int base, attr, w;

	(void)l;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	ui_fill(ui, y, 0, ui->cols, base);
	if (p->unread)
		ui_text(ui, y, 0, 2, "•", base | ui_attr(ui, UI_ATTR_UNREAD));
	attr = p->hidden ? ui_attr(ui, UI_ATTR_ERROR) : p->announcement ?
	    ui_attr(ui, UI_ATTR_PINNED) : 0;
	ui_column_draw(ui, y, &col[WALL_CATEGORY],
	    wall_cell(p, WALL_CATEGORY, buf, sizeof buf), base | attr);
	/* The reply count stays whole; the title gives way. */
	count[0] = '\0';
	if (p->reply_count > 0)
		snprintf(count, sizeof count, " (%d)", p->reply_count);
	attr = base | (p->unread ? ui_attr(ui, UI_ATTR_UNREAD) : 0);
	w = ui_text_cut(ui, y, col[WALL_TITLE].x, col[WALL_TITLE].width -
	    text_width(count), post_title_text(p, title, sizeof title), attr);
	ui_text(ui, y, col[WALL_TITLE].x + w, col[WALL_TITLE].width - w,
	    count, base);
	ui_column_draw(ui, y, &col[WALL_AUTHOR],
	    wall_cell(p, WALL_AUTHOR, buf, sizeof buf), base);
	ui_column_draw(ui, y, &col[WALL_DATE],
	    wall_cell(p, WALL_DATE, buf, sizeof buf),
	    selected ? base : ui_attr(ui, UI_ATTR_DIM));
}

static void
wall_draw(struct ui *ui, struct view *view)
{
	struct ui_column col[WALL_COLUMNS] = {
		[WALL_CATEGORY] = { .min = 4, .max = 14 },
		[WALL_TITLE] = { .min = 16, .flags = UI_COLUMN_FILL },
		[WALL_AUTHOR] = { .min = 8, .max = 16 },
		[WALL_DATE] = { .min = 5, .max = 16, .flags = UI_COLUMN_RIGHT },
	};
	struct wall *w = view->data;
	int y = ui_body_top(ui), c;
	char buf[512];
	size_t i;

	wall_draw_header(ui, w, y);
	y += 2;
	if (w->list.n == 0) {
		ui_paragraph(ui, y + 1, 4, 3, ui->cols - 8, w->category != NULL ?
		    _("No post in this category. Press c to choose another, "
		    "or n to write one.") :
		    _("Nothing on the wall yet. Press n to write the first "
		    "post."), A_NORMAL);
		return;
	}
	for (i = 0; i < w->list.n; i++)
		for (c = 0; c < WALL_COLUMNS; c++)
			ui_column_measure(&col[c], wall_cell(
			    ui_list_row(&w->list, i), (enum wall_column)c, buf,
			    sizeof buf));
	ui_columns_layout(col, WALL_COLUMNS, 2, ui->cols - 3, 1);
	ui_list_draw(ui, &w->list, y, y + wall_rows(ui), col);
}

static void
wall_choose_category(struct ui *ui, struct wall *w)
{
	const char *options[16];
	int n = 0, choice, current = 0;
	size_t i;

	options[n++] = _("All categories");
	for (i = 0; i < wall_category_count; i++) {
		options[n++] = _(wall_categories[i].label);
		if (w->category == &wall_categories[i])
			current = n - 1;
	}
	choice = ui_choose_filter(ui, _("Show which posts?"), options, n, current);
	if (choice < 0)
		return;
	w->category = choice == 0 ? NULL : &wall_categories[choice - 1];
	ui_list_reload_first(ui, &w->list);
}

static enum ui_result
wall_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct wall *w = view->data;
	struct compose_request req;
	int rc;

	if (ui_list_key(ui, &w->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'n') || ui_key_is_char(key, 'N')) {
		memset(&req, 0, sizeof req);
		req.mode = COMPOSE_POST;
		req.category = w->category != NULL ? w->category->code : NULL;
		ui_push(ui, &compose_screen, &req);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'c') || ui_key_is_char(key, 'C')) {
		wall_choose_category(ui, w);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'm') || ui_key_is_char(key, 'M')) {
		if (!ui_confirm(ui, _("Mark every post as read?")))
			return UI_HANDLED;
		if ((rc = store_wall_mark_all_read(ui->store, &ui->viewer))
		    != STORE_OK)
			ui_store_error(ui, rc);
		wall_resume(ui, view);
		return UI_HANDLED;
	}
	if (ui_key_is_back(key)) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

const struct screen wall_screen = {
	.name = "wall",
	.title = wall_title,
	.enter = wall_enter,
	.draw = wall_draw,
	.key = wall_key,
	.resume = wall_resume,
	.changes = CHANGE_WALL,
	.leave = ui_list_leave,
	.keys = wall_keys,
	.help = N_("The wall is where neighbours share news, advice, good "
	    "deals, calls for help and lost-and-found. The newest posts come "
	    "first; a dot marks what you have not read, or a post with new "
	    "replies. Announcements from the sysops stay on top. Choose a "
	    "post with the arrows and press Enter to read it and its replies; "
	    "press n to write a post, c to show only one category, m to mark "
	    "everything as read."),
};
