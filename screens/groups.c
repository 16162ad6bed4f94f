/*
 * groups.c - the groups of the quartier (7 on the menu): the list, on the
 * list view, and one group, a document that scrolls: what it is, who
 * founded it, its members for its members and the moderators.  Founding
 * one, joining (at once, or by a request the founder or a co-admin
 * answers), leaving, handing over and closing are keys of these two
 * screens; the rules are the store's (store-group.c).
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "when.h"

#define GROUP_MEMBERS_SHOWN	500

struct groups {
	struct ui_list		 list;		/* of struct group_info */
};

static const struct ui_keyhelp groups_keys[] = {
	{ "↑↓", N_("Choose"), true },
	{ N_("Enter"), N_("Open"), true },
	{ "n", N_("Found a group"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ NULL, NULL, false },
};

/* What the viewer is in a group, for its row and its page. */
static const char *
group_role_word(enum group_role role)
{
	switch (role) {
	case GROUP_PENDING:
		return _("request sent");
	case GROUP_MEMBER:
		return _("member");
	case GROUP_ADMIN:
		return _("co-admin");
	case GROUP_FOUNDER:
		return _("founder");
	case GROUP_NONE:
		break;
	}
	return "";
}

static const char *
groups_title(struct ui *ui, struct view *view)
{
	return _("Groups");
}

static int
groups_visible(struct ui *ui)
{
	int rows = ui_body_rows(ui) - 3;

	return rows > 1 ? rows : 1;
}

static void
groups_draw_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct group_info *g = row;
	char right[128];
	int base, dim, w;

	(void)l;
	(void)ctx;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	dim = selected ? base : ui_attr(ui, UI_ATTR_DIM);
	ui_fill(ui, y, 0, ui->cols, base);
	snprintf(right, sizeof right, ngettext("%d member", "%d members",
	    g->members), g->members);
	if (g->role != GROUP_NONE) {
		size_t used = strlen(right);

		snprintf(right + used, sizeof right - used, " · %s",
		    group_role_word(g->role));
	} else if (!g->open) {
		size_t used = strlen(right);

		snprintf(right + used, sizeof right - used, " · %s",
		    _("on request"));
	}
	w = ui_text_right(ui, y, ui->cols / 2, ui->cols / 2 - 1, right, dim);
	ui_text_cut(ui, y, 2, ui->cols - 2 - w - 3, g->name,
	    base | (g->role >= GROUP_MEMBER ? ui_attr(ui, UI_ATTR_TITLE) : 0));
}

static int
groups_fetch(struct ui *ui, struct ui_list *l, const struct wall_cursor *after,
    int limit, void **rows, size_t *n)
{
	(void)l;
	(void)after;
	(void)limit;
	return store_group_list(ui->store, &ui->viewer,
	    (struct group_info **)rows, n);
}

static void
groups_open(struct ui *ui, struct ui_list *l, void *row)
{
	const struct group_info *g = row;

	(void)l;
	ui_push(ui, &group_screen, &(int64_t){ g->id });
}

static void
groups_free_rows(void *rows, size_t n)
{
	group_info_list_free(rows, n);
}

static const struct ui_list_ops groups_ops = {
	.row_size = sizeof(struct group_info),
	.whole = true,
	.page_rows = groups_visible,
	.fetch = groups_fetch,
	.draw_row = groups_draw_row,
	.open = groups_open,
	.free_rows = groups_free_rows,
};

static int
groups_enter(struct ui *ui, struct view *view, void *arg)
{
	(void)arg;
	ui_list_enter(ui, view, &groups_ops, sizeof(struct groups));
	return 0;
}

static void
groups_draw(struct ui *ui, struct view *view)
{
	struct groups *gs = view->data;
	int y = ui_body_top(ui);

	if (gs->list.n == 0) {
		ui_paragraph(ui, y + 1, 4, ui_body_rows(ui) - 2, ui->cols - 8,
		    _("No group in the quartier yet. Neighbours who run, "
		    "garden or have children at the same school meet in "
		    "groups: press n to found one."), A_NORMAL);
		return;
	}
	ui_list_heading(ui, y, _("The groups of the quartier"),
	    gs->list.pager.page + 1);
	ui_list_draw(ui, &gs->list, y + 2, y + 2 + groups_visible(ui), NULL);
}

/* n: a name, a description, open or on request; the founder is the
 * viewer. */
static void
groups_found(struct ui *ui, struct groups *gs)
{
	static const char *kinds[2];
	char *name, *description;
	int64_t id = 0;
	int kind, rc;

	name = ui_prompt(ui, _("Name of the group:"), NULL, false,
	    QUARTIER_NAME_MAX);
	if (name == NULL)
		return;
	description = ui_prompt(ui, _("What it is, in a sentence:"), NULL,
	    false, QUARTIER_TITLE_MAX * 2);
	if (description == NULL) {
		free(name);
		return;
	}
	kinds[0] = _("Open: any neighbour joins");
	kinds[1] = _("On request: you or your co-admins accept");
	kind = ui_choose(ui, _("Who may join?"), kinds, 2, 0);
	if (kind >= 0) {
		rc = store_group_add(ui->store, &ui->viewer, name, description,
		    kind == 0, &id);
		if (rc != STORE_OK)
			ui_store_error(ui, rc);
		else {
			ui_list_load(ui, &gs->list);
			ui_push(ui, &group_screen, &id);
			ui_message(ui, "%s", _("Your group is founded."));
		}
	}
	free(name);
	free(description);
}

static enum ui_result
groups_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct groups *gs = view->data;

	if (ui_list_key(ui, &gs->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'n') || ui_key_is_char(key, 'N'))
		groups_found(ui, gs);
	else if (ui_key_is_back(key))
		ui_pop(ui);
	else
		return UI_IGNORED;
	return UI_HANDLED;
}

const struct screen groups_screen = {
	.name = "groups",
	.title = groups_title,
	.enter = groups_enter,
	.draw = groups_draw,
	.key = groups_key,
	.resume = ui_list_resume,
	.leave = ui_list_leave,
	.keys = groups_keys,
	.help = N_("The groups of residents of the quartier, by name, with "
	    "their number of members and what you are in each. Enter opens "
	    "the chosen group; n founds a new one, open to any neighbour or "
	    "on request. A group of the quartier is for its residents only; "
	    "the moderators may read and close any group."),
};

/* One group. */

struct group_view {
	int64_t			 id;
	bool			 gone;
	struct group_info	 group;
	struct group_member	*members;
	size_t			 nmembers;
	struct ui_doc		 doc;
};

static const struct ui_keyhelp group_keys[] = {
	{ "j", N_("Join"), true },
	{ "l", N_("Leave the group"), true },
	{ "a", N_("Answer requests"), true },
	{ "h", N_("Hand over"), true },
	{ "x", N_("Close"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ N_("PgUp/PgDn"), N_("Scroll a page"), false },
	{ NULL, NULL, false },
};

static void
group_layout(struct ui *ui, struct group_view *gv, int cols)
{
	const struct group_info *g = &gv->group;
	struct ui_doc *d = &gv->doc;
	char line[512], when[128];
	size_t i;

	(void)ui;
	ui_doc_clear(d);
	d->cols = cols;
	ui_doc_paragraph(d, g->name, 0, UI_ATTR_TITLE);
	when_format_day(when, sizeof when, g->created_at, false);
	snprintf(line, sizeof line, _("%s · founded by %s · %s"),
	    g->open ? _("Open to every neighbour") : _("On request"),
	    g->founder_name != NULL ? g->founder_name : "", when);
	ui_doc_paragraph(d, line, 0, UI_ATTR_DIM);
	if (g->role != GROUP_NONE) {
		snprintf(line, sizeof line, _("You are: %s."),
		    group_role_word(g->role));
		ui_doc_paragraph(d, line, 0, UI_ATTR_DIM);
	}
	ui_doc_blank(d);
	ui_doc_paragraph(d, g->description, 0, UI_ATTR_NORMAL);
	ui_doc_blank(d);
	snprintf(line, sizeof line, ngettext("── %d member ──",
	    "── %d members ──", g->members), g->members);
	ui_doc_add_line(d, line, strlen(line), 0, UI_ATTR_DIM);
	if (gv->nmembers == 0) {
		ui_doc_paragraph(d, _("Only its members see who they are."), 2,
		    UI_ATTR_DIM);
		return;
	}
	for (i = 0; i < gv->nmembers; i++) {
		const struct group_member *m = &gv->members[i];

		if (m->role == GROUP_MEMBER)
			snprintf(line, sizeof line, "%s", m->name);
		else
			snprintf(line, sizeof line, "%s (%s)", m->name,
			    group_role_word(m->role));
		ui_doc_paragraph(d, line, 2, m->role == GROUP_PENDING ?
		    UI_ATTR_DIM : UI_ATTR_NORMAL);
	}
}

static void
group_load(struct ui *ui, struct group_view *gv)
{
	int rc;

	group_info_clear(&gv->group);
	group_member_list_free(gv->members, gv->nmembers);
	gv->members = NULL;
	gv->nmembers = 0;
	gv->doc.cols = 0;
	rc = store_group_get(ui->store, &ui->viewer, gv->id, &gv->group);
	if (rc == STORE_OK)
		rc = store_group_members(ui->store, &ui->viewer, gv->id,
		    &gv->members, &gv->nmembers);
	if (rc != STORE_OK) {
		gv->gone = true;
		if (rc != STORE_NOT_FOUND)
			ui_store_error(ui, rc);
	}
}

static int
group_enter(struct ui *ui, struct view *view, void *arg)
{
	struct group_view *gv = xcalloc(1, sizeof *gv);

	gv->id = *(const int64_t *)arg;
	view->data = gv;
	group_load(ui, gv);
	return 0;
}

static void
group_leave_screen(struct ui *ui, struct view *view)
{
	struct group_view *gv = view->data;

	(void)ui;
	ui_doc_clear(&gv->doc);
	group_info_clear(&gv->group);
	group_member_list_free(gv->members, gv->nmembers);
	free(gv);
}

static const char *
group_title(struct ui *ui, struct view *view)
{
	struct group_view *gv = view->data;

	return gv->gone ? _("Group") : gv->group.name;
}

static void
group_draw(struct ui *ui, struct view *view)
{
	struct group_view *gv = view->data;
	int y = ui_body_top(ui) + 1, rows = ui_body_rows(ui) - 1;

	if (gv->gone) {
		ui_paragraph(ui, y + 1, 4, 3, ui->cols - 8, _("This group is "
		    "closed, or is not one of your quartier's. Press q to go "
		    "back."), A_NORMAL);
		return;
	}
	if (gv->doc.cols != ui->cols - 4)
		group_layout(ui, gv, ui->cols - 4);
	ui_doc_draw(ui, &gv->doc, y, rows, UI_DOC_UNMARKED);
}

/* Choose one of the members whose role is ROLE (or, ROLE GROUP_NONE,
 * any member but the viewer); -1 when there is none or Escape. */
static int
group_pick(struct ui *ui, struct group_view *gv, const char *title,
    enum group_role role)
{
	const char **options;
	size_t i, n = 0, *index;
	int choice;

	options = xcalloc(gv->nmembers + 1, sizeof *options);
	index = xcalloc(gv->nmembers + 1, sizeof *index);
	for (i = 0; i < gv->nmembers; i++) {
		const struct group_member *m = &gv->members[i];

		if (role != GROUP_NONE ? m->role != role :
		    m->role == GROUP_PENDING || m->role == GROUP_FOUNDER ||
		    m->resident_id == ui->me.id)
			continue;
		options[n] = m->name;
		index[n++] = i;
	}
	choice = n == 0 ? -1 : ui_choose(ui, title, options, (int)n, 0);
	if (n == 0)
		ui_error(ui, "%s", role == GROUP_PENDING ? _("No request is "
		    "waiting.") : _("The group has no other member yet."));
	choice = choice >= 0 ? (int)index[choice] : -1;
	free(options);
	free(index);
	return choice;
}

static void
group_answer(struct ui *ui, struct group_view *gv)
{
	static const char *answers[2];
	int who, answer, rc;
	char title[256];

	if ((who = group_pick(ui, gv, _("Requests to join"), GROUP_PENDING))
	    < 0)
		return;
	answers[0] = _("Accept");
	answers[1] = _("Decline");
	snprintf(title, sizeof title, _("%s asks to join"),
	    gv->members[who].name);
	if ((answer = ui_choose(ui, title, answers, 2, 0)) < 0)
		return;
	rc = store_group_answer(ui->store, &ui->viewer, gv->id,
	    gv->members[who].resident_id, answer == 0);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	ui_message(ui, "%s", answer == 0 ? _("Accepted: a member now.") :
	    _("Declined."));
	group_load(ui, gv);
}

static void
group_hand_over(struct ui *ui, struct group_view *gv)
{
	char question[256];
	int who, rc;

	if ((who = group_pick(ui, gv, _("Hand the group over to"),
	    GROUP_NONE)) < 0)
		return;
	snprintf(question, sizeof question, _("Make %s the founder? You stay "
	    "a co-admin."), gv->members[who].name);
	if (!ui_confirm(ui, question))
		return;
	rc = store_group_hand_over(ui->store, &ui->viewer, gv->id,
	    gv->members[who].resident_id);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	ui_message(ui, "%s", _("Handed over."));
	group_load(ui, gv);
}

static void
group_act(struct ui *ui, struct group_view *gv, int c)
{
	int rc;

	switch (c) {
	case 'j':
		if ((rc = store_group_join(ui->store, &ui->viewer, gv->id))
		    != STORE_OK) {
			ui_store_error(ui, rc);
			return;
		}
		group_load(ui, gv);
		ui_message(ui, "%s", gv->group.role == GROUP_PENDING ?
		    _("Your request is sent: the founder or a co-admin will "
		    "answer.") : _("Welcome to the group."));
		return;
	case 'l':
		if (gv->group.role == GROUP_FOUNDER) {
			ui_error(ui, "%s", _("A founder hands the group over "
			    "to a member, or closes it, before leaving."));
			return;
		}
		if (gv->group.role == GROUP_NONE) {
			ui_error(ui, "%s", _("You are not in this group."));
			return;
		}
		if (!ui_confirm(ui, gv->group.role == GROUP_PENDING ?
		    _("Withdraw your request?") : _("Leave this group?")))
			return;
		if ((rc = store_group_leave(ui->store, &ui->viewer, gv->id))
		    != STORE_OK) {
			ui_store_error(ui, rc);
			return;
		}
		group_load(ui, gv);
		ui_message(ui, "%s", _("You are no longer in the group."));
		return;
	case 'x':
		if (!ui_confirm(ui, _("Close this group for good? It leaves "
		    "the list of groups.")))
			return;
		if ((rc = store_group_close(ui->store, &ui->viewer, gv->id))
		    != STORE_OK) {
			ui_store_error(ui, rc);
			return;
		}
		ui_pop(ui);
		ui_message(ui, "%s", _("The group is closed."));
		return;
	}
}

static enum ui_result
group_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct group_view *gv = view->data;
	int rows = ui_body_rows(ui) - 1;

	if (ui_key_is_back(key) || key->code == KEY_LEFT) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	if (gv->gone)
		return UI_IGNORED;
	if (gv->doc.cols != ui->cols - 4)
		group_layout(ui, gv, ui->cols - 4);
	if (ui_doc_key(&gv->doc, rows, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'j') || ui_key_is_char(key, 'J'))
		group_act(ui, gv, 'j');
	else if (ui_key_is_char(key, 'l') || ui_key_is_char(key, 'L'))
		group_act(ui, gv, 'l');
	else if (ui_key_is_char(key, 'x') || ui_key_is_char(key, 'X'))
		group_act(ui, gv, 'x');
	else if (ui_key_is_char(key, 'a') || ui_key_is_char(key, 'A'))
		group_answer(ui, gv);
	else if (ui_key_is_char(key, 'h') || ui_key_is_char(key, 'H'))
		group_hand_over(ui, gv);
	else
		return UI_IGNORED;
	return UI_HANDLED;
}

static void
group_resume(struct ui *ui, struct view *view)
{
	group_load(ui, view->data);
}

/* Each key where it applies: joining for who is not in it, answering for
 * the founder and co-admins, handing over for the founder, closing for
 * the founder and the moderators. */
static bool
group_key_shown(struct ui *ui, struct view *view, const struct ui_keyhelp *k)
{
	struct group_view *gv = view->data;
	enum group_role role = gv->group.role;
	bool moderates = ui->me.role == ROLE_MODERATOR ||
	    ui->me.role == ROLE_SYSOP;

	if (strcmp(k->key, "q") == 0 || strcmp(k->key, "?") == 0 ||
	    k->key[0] == 'P')
		return true;
	if (gv->gone)
		return false;
	if (strcmp(k->key, "j") == 0)
		return role == GROUP_NONE;
	if (strcmp(k->key, "l") == 0)
		return role != GROUP_NONE && role != GROUP_FOUNDER;
	if (strcmp(k->key, "a") == 0)
		return role >= GROUP_ADMIN && gv->group.pending > 0;
	if (strcmp(k->key, "h") == 0)
		return role == GROUP_FOUNDER;
	if (strcmp(k->key, "x") == 0)
		return role == GROUP_FOUNDER || moderates;
	return true;
}

const struct screen group_screen = {
	.name = "group",
	.title = group_title,
	.enter = group_enter,
	.draw = group_draw,
	.key = group_key,
	.resume = group_resume,
	.leave = group_leave_screen,
	.keys = group_keys,
	.key_shown = group_key_shown,
	.help = N_("A group: what it is, who founded it, and its members, "
	    "whom only its members and the moderators see. j joins an open "
	    "group at once, or sends a request to a group on request; l "
	    "leaves it, or withdraws the request. The founder and the "
	    "co-admins answer the requests with a; the founder hands the "
	    "group over to a member with h, and closes it with x, as the "
	    "moderators of the quartier may too."),
};
