/*
 * wall.c - the neighbourhood wall: pinned announcements, then posts newest
 * first, a page at a time, with a category filter and unread markers.
 *
 * Only one page of posts is in memory.  Each page is fetched from the key
 * of the last post of the one before (see store_wall_page), and the keys of
 * the pages already seen are kept so that going back costs the same.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "when.h"
#include "text.h"

struct wall {
	const struct wall_category *category;	/* NULL: every category */
	struct ui_pager		 pager;		/* rows: pinned, then posts */
	struct wall_post	*pinned;	/* first page only */
	size_t			 npinned;
	struct wall_post	*posts;
	size_t			 nposts;
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

static size_t
wall_row_count(const struct wall *w)
{
	return w->npinned + w->nposts;
}

static void
wall_free_page(struct wall *w)
{
	wall_post_list_free(w->pinned, w->npinned);
	wall_post_list_free(w->posts, w->nposts);
	w->pinned = w->posts = NULL;
	w->npinned = w->nposts = 0;
}

/* (Re)load the current page from its start key, for the current size. */
static void
wall_load(struct ui *ui, struct wall *w)
{
	const char *category = w->category != NULL ? w->category->code : NULL;
	const struct wall_post *last;
	int limit, rc;
	bool more;

	wall_free_page(w);
	limit = wall_rows(ui);
	if (w->pager.page == 0) {
		rc = store_wall_pinned(ui->store, &ui->viewer, &w->pinned,
		    &w->npinned);
		if (rc != STORE_OK)
			ui_store_error(ui, rc);
		/* Announcements never take more than half the page. */
		while ((int)w->npinned > limit / 2)
			wall_post_clear(&w->pinned[--w->npinned]);
		limit -= (int)w->npinned;
	}
	rc = store_wall_page(ui->store, &ui->viewer, category,
	    ui_pager_start(&w->pager), limit + 1, &w->posts, &w->nposts);
	if (rc != STORE_OK)
		ui_store_error(ui, rc);
	more = (int)w->nposts > limit;
	if (more) {
		wall_post_clear(&w->posts[w->nposts - 1]);
		w->nposts--;
	}
	if (store_wall_counts(ui->store, &ui->viewer, category, &w->counts)
	    != STORE_OK)
		memset(&w->counts, 0, sizeof w->counts);
	/* The next page follows the last post: announcements are not in
	 * the order of the pages. */
	last = w->nposts > 0 ? &w->posts[w->nposts - 1] : NULL;
	ui_pager_loaded(&w->pager, wall_row_count(w), more, last == NULL ?
	    NULL : &(struct wall_cursor){ last->created_at, last->id });
}

static void
wall_first_page(struct ui *ui, struct wall *w)
{
	ui_pager_first(&w->pager);
	wall_load(ui, w);
}

static int
wall_enter(struct ui *ui, struct view *view, void *arg)
{
	struct wall *w = xcalloc(1, sizeof *w);

	ui_pager_init(&w->pager);
	view->data = w;
	wall_first_page(ui, w);
	return 0;
}

static void
wall_leave(struct ui *ui, struct view *view)
{
	struct wall *w = view->data;

	wall_free_page(w);
	ui_pager_free(&w->pager);
	free(w);
}

static void
wall_resume(struct ui *ui, struct view *view)
{
	wall_load(ui, view->data);
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
	ui_list_heading(ui, y, line, w->pager.page + 1);
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
wall_draw_row(struct ui *ui, const struct ui_column *col,
    const struct wall_post *p, int y, bool selected)
{
	char buf[512], count[32], title[512];
	int base, attr, w;

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

static const struct wall_post *
wall_row(const struct wall *w, size_t i)
{
	return i < w->npinned ? &w->pinned[i] : &w->posts[i - w->npinned];
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
	int y = ui_body_top(ui), rows = wall_rows(ui), c;
	char buf[512];
	size_t i, n;

	wall_draw_header(ui, w, y);
	y += 2;
	if (wall_row_count(w) == 0) {
		ui_paragraph(ui, y + 1, 4, 3, ui->cols - 8, w->category != NULL ?
		    _("No post in this category. Press c to choose another, "
		    "or n to write one.") :
		    _("Nothing on the wall yet. Press n to write the first "
		    "post."), A_NORMAL);
		return;
	}
	n = wall_row_count(w) < (size_t)rows ? wall_row_count(w) :
	    (size_t)rows;
	for (i = 0; i < n; i++)
		for (c = 0; c < WALL_COLUMNS; c++)
			ui_column_measure(&col[c], wall_cell(wall_row(w, i),
			    (enum wall_column)c, buf, sizeof buf));
	ui_columns_layout(col, WALL_COLUMNS, 2, ui->cols - 3, 1);
	for (i = 0; i < n; i++)
		wall_draw_row(ui, col, wall_row(w, i), y + (int)i,
		    i == w->pager.selected);
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
	wall_first_page(ui, w);
}

static enum ui_result
wall_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct wall *w = view->data;
	const struct wall_post *p;
	struct compose_request req;
	int rc;

	switch (ui_pager_key(ui, &w->pager, key)) {
	case UI_PAGER_LOAD:
		wall_load(ui, w);
		return UI_HANDLED;
	case UI_PAGER_OPEN:
		p = w->pager.selected < w->npinned ?
		    &w->pinned[w->pager.selected] :
		    &w->posts[w->pager.selected - w->npinned];
		ui_push(ui, &post_screen, &(int64_t){ p->id });
		return UI_HANDLED;
	case UI_PAGER_HANDLED:
		return UI_HANDLED;
	case UI_PAGER_IGNORED:
		break;
	}
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
	.leave = wall_leave,
	.keys = wall_keys,
	.help = N_("The wall is where neighbours share news, advice, good "
	    "deals, calls for help and lost-and-found. The newest posts come "
	    "first; a dot marks what you have not read, or a post with new "
	    "replies. Announcements from the sysops stay on top. Choose a "
	    "post with the arrows and press Enter to read it and its replies; "
	    "press n to write a post, c to show only one category, m to mark "
	    "everything as read."),
};
