/*
 * mail.c - private mail: the inbox of conversations (or the sent folder),
 * one conversation with its messages, and the neighbours one blocked.
 *
 * The inbox is a list on the list view (list.c), paged by key like the
 * wall: only one page is in memory.  A conversation is read as one
 * document that scrolls, oldest message first, as post.c shows a post.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "when.h"
#include "text.h"


static const struct screen mail_thread_screen;
static const struct screen mail_blocked_screen;

/*
 * The mark after a name: moderation notices and the quartier's moderators
 * and sysops say who they are, so that nobody can pass for them.
 */
static const char *
mail_role_mark(enum resident_role role, bool from_moderation)
{
	if (from_moderation)
		return _("(moderation)");
	if (role == ROLE_SYSOP)
		return _("(sysop)");
	if (role == ROLE_MODERATOR)
		return _("(moderator)");
	return NULL;
}

/* "Marie Lefèvre (moderator)", or "Quartier" for the program's notices. */
static void
mail_name(char *buf, size_t size, int64_t id, const char *name,
    enum resident_role role, bool from_moderation)
{
	const char *mark = mail_role_mark(role, from_moderation);

	if (id == 0 || name == NULL)
		snprintf(buf, size, "%s", _("Quartier"));
	else if (mark != NULL)
		snprintf(buf, size, "%s %s", name, mark);
	else
		snprintf(buf, size, "%s", name);
}

/*
 * Draw a name cut to COLS columns; the mark stays whole and the name
 * gives way, as the wall keeps a reply count whole.
 */
static void
mail_draw_name(struct ui *ui, int y, int x, int cols, int64_t id,
    const char *name, enum resident_role role, bool from_moderation,
    int attr)
{
	const char *mark = mail_role_mark(role, from_moderation);
	char with_space[64];
	int w;

	if (id == 0 || name == NULL) {
		ui_text_cut(ui, y, x, cols, _("Quartier"), attr);
		return;
	}
	with_space[0] = '\0';
	if (mark != NULL)
		snprintf(with_space, sizeof with_space, " %s", mark);
	w = ui_text_cut(ui, y, x, cols - text_width(with_space), name, attr);
	ui_text(ui, y, x + w, cols - w, with_space, attr);
}

/* The inbox, or the sent folder. */

struct mailbox {
	struct ui_list		 list;	/* of struct mail_thread, or mail */
	bool			 sent;		/* the sent folder */
	int			 unread;
};

static const struct ui_keyhelp mail_keys[] = {
	{ N_("Enter"), N_("Read"), true },
	{ "n", N_("New message"), true },
	{ "s", N_("Sent"), true },
	{ "d", N_("Delete"), true },
	{ "b", N_("Blocked"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ N_("PgDn"), N_("Older"), false },
	{ N_("PgUp"), N_("Newer"), false },
	{ N_("Home"), N_("First page"), false },
	{ NULL, NULL, false },
};

static int
mailbox_rows(struct ui *ui)
{
	int rows = ui_body_rows(ui) - 2;

	return rows > 1 ? rows : 1;
}

/* The inbox's rows: conversations, by their latest message.  Mail pages
 * by the same two keys as the boards, named its way. */
static int
mailbox_fetch_threads(struct ui *ui, struct ui_list *l,
    const struct wall_cursor *after, int limit, void **rows, size_t *n)
{
	struct mailbox *mb = (struct mailbox *)l;

	if (store_mail_unread(ui->store, &ui->viewer, &mb->unread) != STORE_OK)
		mb->unread = 0;
	return store_mail_threads(ui->store, &ui->viewer,
	    &(struct mail_cursor){ after->created_at, after->id }, limit,
	    (struct mail_thread **)rows, n);
}

static struct wall_cursor
mailbox_thread_key(const struct ui_list *l, size_t i)
{
	const struct mail_thread *t = ui_list_row(l, i);

	return (struct wall_cursor){ t->last_at, t->last_id };
}

static int64_t
mailbox_thread_id(const void *row)
{
	return ((const struct mail_thread *)row)->thread_id;
}

static void
mailbox_open_thread(struct ui *ui, struct ui_list *l, void *row)
{
	(void)l;
	ui_push(ui, &mail_thread_screen,
	    &(int64_t){ ((struct mail_thread *)row)->thread_id });
}

static void
mailbox_free_threads(void *rows, size_t n)
{
	mail_thread_list_free(rows, n);
}

/* The sent folder's rows: what the resident sent and kept. */
static int
mailbox_fetch_sent(struct ui *ui, struct ui_list *l,
    const struct wall_cursor *after, int limit, void **rows, size_t *n)
{
	struct mailbox *mb = (struct mailbox *)l;

	if (store_mail_unread(ui->store, &ui->viewer, &mb->unread) != STORE_OK)
		mb->unread = 0;
	return store_mail_sent(ui->store, &ui->viewer,
	    &(struct mail_cursor){ after->created_at, after->id }, limit,
	    (struct mail **)rows, n);
}

static struct wall_cursor
mailbox_sent_key(const struct ui_list *l, size_t i)
{
	const struct mail *m = ui_list_row(l, i);

	return (struct wall_cursor){ m->created_at, m->id };
}

static int64_t
mailbox_sent_id(const void *row)
{
	return ((const struct mail *)row)->id;
}

static void
mailbox_open_sent(struct ui *ui, struct ui_list *l, void *row)
{
	(void)l;
	ui_push(ui, &mail_thread_screen,
	    &(int64_t){ ((struct mail *)row)->thread_id });
}

static void
mailbox_free_sent(void *rows, size_t n)
{
	mail_list_free(rows, n);
}

static void mail_draw_thread_row(struct ui *, struct ui_list *, const void *,
    int, bool, void *);
static void mail_draw_sent_row(struct ui *, struct ui_list *, const void *,
    int, bool, void *);

static const struct ui_list_ops mailbox_threads_ops = {
	.row_size = sizeof(struct mail_thread),
	.page_rows = mailbox_rows,
	.fetch = mailbox_fetch_threads,
	.row_key = mailbox_thread_key,
	.row_id = mailbox_thread_id,
	.draw_row = mail_draw_thread_row,
	.open = mailbox_open_thread,
	.free_rows = mailbox_free_threads,
};

static const struct ui_list_ops mailbox_sent_ops = {
	.row_size = sizeof(struct mail),
	.page_rows = mailbox_rows,
	.fetch = mailbox_fetch_sent,
	.row_key = mailbox_sent_key,
	.row_id = mailbox_sent_id,
	.draw_row = mail_draw_sent_row,
	.open = mailbox_open_sent,
	.free_rows = mailbox_free_sent,
};

static int
mail_enter(struct ui *ui, struct view *view, void *arg)
{
	(void)arg;
	/* Mail that came before this visit is no longer "new" on the menu. */
	store_board_visit(ui->store, &ui->viewer, "mail");
	ui_list_enter(ui, view, &mailbox_threads_ops, sizeof(struct mailbox));
	return 0;
}

/* Back from a conversation, or new mail came: show the new state, the
 * chosen conversation still chosen, so that d never deletes another one
 * than the resident saw chosen. */
static void
mail_resume(struct ui *ui, struct view *view)
{
	ui_list_resume(ui, view);
	ui_refresh_counts(ui);
}

static const char *
mail_title(struct ui *ui, struct view *view)
{
	return _("Mail");
}

static void
mail_draw_header(struct ui *ui, struct mailbox *mb, int y)
{
	char line[256];

	if (mb->sent)
		snprintf(line, sizeof line, "%s", _("Sent mail"));
	else if (mb->unread > 0)
		snprintf(line, sizeof line, ngettext("Inbox · %d unread",
		    "Inbox · %d unread", mb->unread), mb->unread);
	else
		snprintf(line, sizeof line, "%s", _("Inbox"));
	ui_list_heading(ui, y, line, mb->list.pager.page + 1);
	ui_text(ui, y + 1, 1, ui->cols - 2, mb->sent ?
	    _("What you sent and kept; s: back to the conversations.") :
	    _("Your conversations, latest first; s: what you sent."),
	    ui_attr(ui, UI_ATTR_DIM));
}

/* Subject, with the count kept whole, between X and the date column. */
static void
mail_draw_subject(struct ui *ui, int y, int x, int cols, const char *subject,
    int count, int attr, int base)
{
	char n[32];
	int w;

	n[0] = '\0';
	if (count > 1)
		snprintf(n, sizeof n, " (%d)", count);
	w = ui_text_cut(ui, y, x, cols - text_width(n), subject, attr);
	ui_text(ui, y, x + w, cols - w, n, base);
}

/* The columns of a mailbox, laid out from the rows of the page. */
enum mailbox_column {
	MAILBOX_NAME,		/* the other side, with their mark */
	MAILBOX_SUBJECT,	/* with the count of messages, kept whole */
	MAILBOX_DATE,
	MAILBOX_COLUMNS,
};

/* The text of one cell of row I of MB, into BUF. */
static const char *
mailbox_cell(const struct mailbox *mb, size_t i, enum mailbox_column c,
    char *buf, size_t size)
{
	const struct mail_thread *t = ui_list_row(&mb->list, i);
	const struct mail *m = ui_list_row(&mb->list, i);

	buf[0] = '\0';
	switch (c) {
	case MAILBOX_NAME:
		if (mb->sent)
			snprintf(buf, size, "%s %s", _("To:"),
			    m->recipient_name);
		else
			mail_name(buf, size, t->other_id, t->other_name,
			    t->other_role, t->from_moderation);
		break;
	case MAILBOX_SUBJECT:
		if (mb->sent)
			return m->subject;
		if (t->count > 1)
			snprintf(buf, size, "%s (%d)", t->subject, t->count);
		else
			return t->subject;
		break;
	case MAILBOX_DATE:
		when_format_ago(buf, size, mb->sent ? m->created_at :
		    t->last_at);
		break;
	case MAILBOX_COLUMNS:
		break;
	}
	return buf;
}

static void
mail_draw_thread_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct ui_column *col = ctx;
	const struct mail_thread *t = row;
	char date[64];
	int base, attr;

	(void)l;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	attr = base | (t->unread > 0 ? ui_attr(ui, UI_ATTR_UNREAD) : 0);
	ui_fill(ui, y, 0, ui->cols, base);
	if (t->unread > 0)
		ui_text(ui, y, 0, 2, "•", attr);
	mail_draw_name(ui, y, col[MAILBOX_NAME].x, col[MAILBOX_NAME].width,
	    t->other_id, t->other_name, t->other_role, t->from_moderation,
	    attr);
	mail_draw_subject(ui, y, col[MAILBOX_SUBJECT].x,
	    col[MAILBOX_SUBJECT].width, t->subject, t->count, attr, base);
	when_format_ago(date, sizeof date, t->last_at);
	ui_column_draw(ui, y, &col[MAILBOX_DATE], date,
	    selected ? base : ui_attr(ui, UI_ATTR_DIM));
}

static void
mail_draw_sent_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct ui_column *col = ctx;
	const struct ui_column *name = &col[MAILBOX_NAME];
	const struct mail *m = row;
	char date[64], to[128];
	int base, w;

	(void)l;
	base = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	ui_fill(ui, y, 0, ui->cols, base);
	snprintf(to, sizeof to, "%s ", _("To:"));
	w = ui_text(ui, y, name->x, name->width, to, base);
	ui_text_cut(ui, y, name->x + w, name->width - w, m->recipient_name,
	    base);
	mail_draw_subject(ui, y, col[MAILBOX_SUBJECT].x,
	    col[MAILBOX_SUBJECT].width, m->subject, 0, base, base);
	when_format_ago(date, sizeof date, m->created_at);
	ui_column_draw(ui, y, &col[MAILBOX_DATE], date,
	    selected ? base : ui_attr(ui, UI_ATTR_DIM));
}

static void
mail_draw(struct ui *ui, struct view *view)
{
	struct ui_column col[MAILBOX_COLUMNS] = {
		[MAILBOX_NAME] = { .min = 10, .max = 30 },
		[MAILBOX_SUBJECT] = { .min = 16, .flags = UI_COLUMN_FILL },
		[MAILBOX_DATE] = { .min = 5, .max = 16,
		    .flags = UI_COLUMN_RIGHT },
	};
	struct mailbox *mb = view->data;
	int y = ui_body_top(ui), c;
	char buf[512];
	size_t i;

	mail_draw_header(ui, mb, y);
	y += 2;
	if (mb->list.n == 0) {
		ui_paragraph(ui, y + 1, 4, 4, ui->cols - 8, mb->sent ?
		    _("You have not sent anything yet, or deleted it all. "
		    "Press n to write to a neighbour.") :
		    _("No mail yet. Press n to write to a neighbour of your "
		    "quartier: choose them in the directory or type their "
		    "handle."), A_NORMAL);
		return;
	}
	for (i = 0; i < mb->list.n; i++)
		for (c = 0; c < MAILBOX_COLUMNS; c++)
			ui_column_measure(&col[c], mailbox_cell(mb, i,
			    (enum mailbox_column)c, buf, sizeof buf));
	ui_columns_layout(col, MAILBOX_COLUMNS, 2, ui->cols - 3, 1);
	ui_list_draw(ui, &mb->list, y, y + mailbox_rows(ui), col);
}

static void
mailbox_delete(struct ui *ui, struct mailbox *mb)
{
	const void *row = ui_list_selected(&mb->list);
	int rc;

	if (row == NULL)
		return;
	if (mb->sent) {
		if (!ui_confirm(ui, _("Delete your copy of this message? The "
		    "neighbour keeps theirs.")))
			return;
		rc = store_mail_delete(ui->store, &ui->viewer,
		    mailbox_sent_id(row));
	} else {
		if (!ui_confirm(ui, _("Delete your copy of this conversation? "
		    "The neighbour keeps theirs.")))
			return;
		rc = store_mail_delete_thread(ui->store, &ui->viewer,
		    mailbox_thread_id(row));
	}
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	ui_list_reload(ui, &mb->list);
	ui_refresh_counts(ui);
	ui_message(ui, "%s", _("Deleted."));
}

static enum ui_result
mail_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct mailbox *mb = view->data;

	if (ui_list_key(ui, &mb->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'n') || ui_key_is_char(key, 'N')) {
		ui_push(ui, &mail_compose_screen, NULL);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 's') || ui_key_is_char(key, 'S')) {
		mb->sent = !mb->sent;
		ui_list_set_ops(&mb->list, mb->sent ? &mailbox_sent_ops :
		    &mailbox_threads_ops);
		ui_list_reload_first(ui, &mb->list);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'd') || ui_key_is_char(key, 'D')) {
		mailbox_delete(ui, mb);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'b') || ui_key_is_char(key, 'B')) {
		ui_push(ui, &mail_blocked_screen, NULL);
		return UI_HANDLED;
	}
	if (ui_key_is_back(key)) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

const struct screen mail_screen = {
	.name = "mail",
	.title = mail_title,
	.enter = mail_enter,
	.draw = mail_draw,
	.key = mail_key,
	.resume = mail_resume,
	.changes = CHANGE_MAIL,
	.leave = ui_list_leave,
	.keys = mail_keys,
	.help = N_("Private mail between the verified neighbours of your "
	    "quartier. Each line is a conversation: a message and every reply "
	    "to it, with the neighbour, the subject, the number of messages "
	    "and the date of the latest; a dot marks one with mail you have "
	    "not read. Mail from a moderator or a sysop says so, and so do "
	    "moderation notices. Press Enter to read a conversation, n to "
	    "write a new message, s to see what you sent, d to delete your "
	    "copy (the other side keeps theirs), b for the neighbours you "
	    "blocked. PgDn and PgUp show older and newer mail."),
};

/* One conversation. */

struct mail_thread_view {
	int64_t		 thread_id;
	bool		 gone;
	struct mail	*mails;
	size_t		 n;
	char		**about_kinds;	/* per message; NULL when none */
	int64_t		 other_id;	/* 0: Quartier itself */
	bool		 other_known;	/* a neighbour still in the quartier */
	struct neighbour other;
	struct ui_doc	 doc;		/* a block per message, in MAILS */
	size_t		 selected;
};

static const struct ui_keyhelp thread_keys[] = {
	{ "↑↓", N_("Choose"), true },
	{ "r", N_("Reply"), true },
	{ "d", N_("Delete"), true },
	{ "b", N_("Block"), true },
	{ "!", N_("Report"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ "u", N_("Unblock"), true },
	{ "o", N_("Open what it is about"), false },
	{ "R", N_("Report"), false },
	{ N_("PgUp/PgDn"), N_("Scroll a page"), false },
	{ N_("Home/End"), N_("Top / bottom"), false },
	{ NULL, NULL, false },
};

static void
thread_free_mails(struct mail_thread_view *tv)
{
	size_t i;

	for (i = 0; i < tv->n; i++)
		free(tv->about_kinds[i]);
	free(tv->about_kinds);
	mail_list_free(tv->mails, tv->n);
	tv->about_kinds = NULL;
	tv->mails = NULL;
	tv->n = 0;
}

/* What a message is about, and how to open it. */
static const char *
thread_about(const char *kind)
{
	const struct board *b = board_of_kind(kind);

	return b != NULL && b->about != NULL ? _(b->about) : NULL;
}

/* Lay the conversation out for COLS columns. */
static void
thread_layout(struct ui *ui, struct mail_thread_view *tv, int cols)
{
	const struct mail *m;
	struct ui_doc *d = &tv->doc;
	char meta[512], when[128], name[256];
	const char *about;
	size_t i;
	int used;

	ui_doc_clear(d);
	d->cols = cols;
	for (i = 0; i < tv->n; i++) {
		m = &tv->mails[i];
		d->block = i;
		if (i > 0)
			ui_doc_blank(d);
		when_format_moment(when, sizeof when, m->created_at);
		if (m->mine)
			snprintf(name, sizeof name, "%s", _("You"));
		else
			mail_name(name, sizeof name, m->sender_id,
			    m->sender_name, m->sender_role, m->from_moderation);
		used = snprintf(meta, sizeof meta, "%s · %s", name, when);
		if (!m->mine && m->read_at == 0 && used < (int)sizeof meta)
			snprintf(meta + used, sizeof meta - used, " · %s",
			    _("new"));
		ui_doc_paragraph(d, meta, 0, UI_ATTR_TITLE);
		/* A subject of its own, not just "Re: ...", is shown. */
		if (i > 0 && strcmp(m->subject, tv->mails[0].subject) != 0 &&
		    (strncmp(m->subject, "Re: ", 4) != 0 ||
		    strcmp(m->subject + 4, tv->mails[0].subject) != 0)) {
			snprintf(meta, sizeof meta, "%s %s", _("Subject:"),
			    m->subject);
			ui_doc_paragraph(d, meta, 2, UI_ATTR_DIM);
		}
		/* Said once, where the conversation turns to it. */
		if ((i == 0 || m->about_item_id != tv->mails[i - 1].about_item_id)
		    && (about = thread_about(tv->about_kinds[i])) != NULL)
			ui_doc_paragraph(d, about, 2, UI_ATTR_INFO);
		/* Only its sender still sees a hidden message: say why. */
		if (m->hidden) {
			snprintf(meta, sizeof meta,
			    _("Hidden by the moderation: %s"),
			    m->hidden_reason != NULL ? m->hidden_reason : "");
			ui_doc_paragraph(d, meta, 2, UI_ATTR_ERROR);
		}
		ui_doc_paragraph(d, m->body, 2, UI_ATTR_NORMAL);
	}
}

/* Fetch the viewer's messages of the conversation; mark them read. */
static void
thread_load(struct ui *ui, struct mail_thread_view *tv)
{
	bool unread = false;
	size_t i;
	int rc;

	thread_free_mails(tv);
	ui_doc_clear(&tv->doc);
	rc = store_mail_thread(ui->store, &ui->viewer, tv->thread_id,
	    &tv->mails, &tv->n);
	if (rc != STORE_OK) {
		tv->gone = true;
		if (rc != STORE_NOT_FOUND)
			ui_store_error(ui, rc);
		return;
	}
	tv->gone = false;
	tv->about_kinds = xcalloc(tv->n, sizeof *tv->about_kinds);
	for (i = 0; i < tv->n; i++) {
		if (tv->mails[i].about_item_id != 0)
			store_item_kind(ui->store, &ui->viewer,
			    tv->mails[i].about_item_id, &tv->about_kinds[i]);
		if (!tv->mails[i].mine && tv->mails[i].read_at == 0)
			unread = true;
	}
	tv->other_id = tv->mails[0].mine ? tv->mails[0].recipient_id :
	    tv->mails[0].sender_id;
	neighbour_clear(&tv->other);
	tv->other_known = tv->other_id != 0 && store_neighbour_get(ui->store,
	    &ui->viewer, tv->other_id, &tv->other) == STORE_OK;
	/* Write only when there is something to mark: every write wakes
	 * the other sessions' polls, and theirs would wake this one. */
	if (unread)
		store_mail_mark_read(ui->store, &ui->viewer, tv->thread_id);
	if (tv->selected >= tv->n)
		tv->selected = tv->n - 1;
}

static int
thread_rows(struct ui *ui)
{
	return ui_body_rows(ui) - 2;
}

/* Bring the chosen message's start into view. */
static void
thread_show_selected(struct ui *ui, struct mail_thread_view *tv)
{
	if (tv->doc.cols != ui->cols - 4)
		thread_layout(ui, tv, ui->cols - 4);
	ui_doc_show_block(&tv->doc, tv->selected, thread_rows(ui));
}

static int
thread_enter(struct ui *ui, struct view *view, void *arg)
{
	struct mail_thread_view *tv = xcalloc(1, sizeof *tv);
	size_t i;

	tv->thread_id = *(const int64_t *)arg;
	view->data = tv;
	thread_load(ui, tv);
	/* Open at the first message not read yet, else at the latest. */
	tv->selected = tv->n > 0 ? tv->n - 1 : 0;
	for (i = 0; i < tv->n; i++) {
		if (!tv->mails[i].mine && tv->mails[i].read_at == 0) {
			tv->selected = i;
			break;
		}
	}
	if (!tv->gone)
		thread_show_selected(ui, tv);
	ui_refresh_counts(ui);
	return 0;
}

static void
thread_leave(struct ui *ui, struct view *view)
{
	struct mail_thread_view *tv = view->data;

	ui_doc_clear(&tv->doc);
	thread_free_mails(tv);
	neighbour_clear(&tv->other);
	free(tv);
}

static const char *
thread_title(struct ui *ui, struct view *view)
{
	struct mail_thread_view *tv = view->data;

	return tv->gone || tv->n == 0 ? _("Conversation") :
	    tv->mails[0].subject;
}

static void
thread_draw_header(struct ui *ui, struct mail_thread_view *tv, int y)
{
	char line[512], name[256];
	const struct mail *m = &tv->mails[0];
	int used;

	if (tv->other_known)
		mail_name(name, sizeof name, tv->other_id,
		    tv->other.display_name, tv->other.role, false);
	else if (m->mine)
		mail_name(name, sizeof name, m->recipient_id,
		    m->recipient_name, ROLE_RESIDENT, false);
	else
		mail_name(name, sizeof name, m->sender_id, m->sender_name,
		    m->sender_role, m->from_moderation);
	used = snprintf(line, sizeof line, _("Conversation with %s"), name);
	if (tv->other_known && tv->other.blocked && used < (int)sizeof line)
		snprintf(line + used, sizeof line - used, " · %s",
		    _("blocked: their mail does not reach you"));
	ui_text_cut(ui, y, 1, ui->cols - 2, line, ui_attr(ui, UI_ATTR_TITLE));
}

static void
thread_draw(struct ui *ui, struct view *view)
{
	struct mail_thread_view *tv = view->data;
	int y = ui_body_top(ui), rows = thread_rows(ui);

	if (tv->gone) {
		ui_paragraph(ui, y + 2, 4, 3, ui->cols - 8,
		    _("You no longer have any message of this conversation. "
		    "Press q to go back."), A_NORMAL);
		return;
	}
	thread_draw_header(ui, tv, y);
	y += 2;
	if (tv->doc.cols != ui->cols - 4)
		thread_layout(ui, tv, ui->cols - 4);
	ui_doc_draw(ui, &tv->doc, y, rows, tv->selected);
}

static void
thread_reply(struct ui *ui, struct mail_thread_view *tv)
{
	struct mail_compose_request req;
	const char *subject = tv->mails[0].subject;
	char *re;

	if (tv->other_id == 0) {
		ui_error(ui, "%s", _("This is a notice from Quartier itself: "
		    "there is nobody to answer."));
		return;
	}
	if (!tv->other_known) {
		ui_error(ui, "%s", _("This neighbour no longer receives mail "
		    "in your quartier."));
		return;
	}
	memset(&req, 0, sizeof req);
	req.to_id = tv->other_id;
	req.reply_to = tv->mails[tv->selected].id;
	re = strncmp(subject, "Re: ", 4) == 0 ? xstrdup(subject) :
	    xasprintf("Re: %s", subject);
	req.subject = re;
	ui_push(ui, &mail_compose_screen, &req);
	free(re);
}

static void
thread_delete(struct ui *ui, struct mail_thread_view *tv)
{
	int rc;

	if (!ui_confirm(ui, _("Delete your copy of this message? The "
	    "neighbour keeps theirs.")))
		return;
	rc = store_mail_delete(ui->store, &ui->viewer,
	    tv->mails[tv->selected].id);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	thread_load(ui, tv);
	if (tv->gone) {
		ui_pop(ui);
		ui_message(ui, "%s", _("The conversation is deleted."));
		return;
	}
	ui_message(ui, "%s", _("Deleted."));
}

static void
thread_block(struct ui *ui, struct mail_thread_view *tv, bool block)
{
	char question[512];
	int rc;

	if (!tv->other_known) {
		ui_error(ui, "%s", tv->other_id == 0 ?
		    _("Notices from Quartier itself cannot be blocked.") :
		    _("This neighbour is no longer in your quartier."));
		return;
	}
	if (block == tv->other.blocked) {
		ui_message(ui, "%s", block ? _("You blocked this neighbour "
		    "already; u unblocks.") : _("This neighbour is not "
		    "blocked."));
		return;
	}
	if (block) {
		snprintf(question, sizeof question, _("Block %s? Their mail "
		    "will no longer reach you; they will not be told."),
		    tv->other.display_name);
		if (!ui_confirm(ui, question))
			return;
		rc = store_block(ui->store, &ui->viewer, tv->other_id);
	} else {
		snprintf(question, sizeof question, _("Unblock %s? Their next "
		    "messages will reach you again."), tv->other.display_name);
		if (!ui_confirm(ui, question))
			return;
		rc = store_unblock(ui->store, &ui->viewer, tv->other_id);
	}
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	tv->other.blocked = block;
	ui_message(ui, "%s", block ? _("Blocked. You can unblock with u, or "
	    "from the list of blocked neighbours (b in the inbox).") :
	    _("Unblocked."));
}

static void
thread_report(struct ui *ui, struct mail_thread_view *tv)
{
	char *reason;
	int rc;

	reason = ui_prompt(ui, _("Why do you report this message? The "
	    "moderators will read it."), NULL, false, STORE_REASON_MAX);
	if (reason == NULL)
		return;
	rc = store_report(ui->store, &ui->viewer, REPORT_MESSAGE,
	    tv->mails[tv->selected].id, reason, NULL);
	free(reason);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	ui_message(ui, "%s", _("Thank you: the moderators will look at this "
	    "message."));
}

static void
thread_open_about(struct ui *ui, struct mail_thread_view *tv)
{
	const char *kind = tv->about_kinds[tv->selected];
	int64_t id = tv->mails[tv->selected].about_item_id;

	if (kind == NULL) {
		ui_error(ui, "%s", id != 0 ? _("What this message is about is "
		    "no longer there.") : _("This message is not about an ad, "
		    "a loan or an event."));
		return;
	}
	if (!board_open_item(ui, kind, id))
		ui_push(ui, &post_screen, &id);
}

static enum ui_result
thread_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct mail_thread_view *tv = view->data;
	int rows = thread_rows(ui);

	if (ui_key_is_back(key) || key->code == KEY_LEFT) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	if (tv->gone)
		return UI_IGNORED;
	if (tv->doc.cols != ui->cols - 4)
		thread_layout(ui, tv, ui->cols - 4);
	if (ui_doc_block_key(&tv->doc, &tv->selected, tv->n, rows, key) ==
	    UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'r')) {
		thread_reply(ui, tv);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'd') || ui_key_is_char(key, 'D')) {
		thread_delete(ui, tv);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'b') || ui_key_is_char(key, 'B') ||
	    ui_key_is_char(key, 'u') || ui_key_is_char(key, 'U')) {
		thread_block(ui, tv, ui_key_is_char(key, 'b') ||
		    ui_key_is_char(key, 'B'));
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, '!') || ui_key_is_char(key, 'R')) {
		thread_report(ui, tv);
		return UI_HANDLED;
	}
	if (ui_key_is_char(key, 'o') || ui_key_is_char(key, 'O')) {
		thread_open_about(ui, tv);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

/* Back from replying, or new mail came: show it, and it is read. */
static void
thread_resume(struct ui *ui, struct view *view)
{
	struct mail_thread_view *tv = view->data;
	size_t before = tv->n;

	thread_load(ui, tv);
	ui_refresh_counts(ui);
	if (tv->gone || tv->n <= before)
		return;
	tv->selected = tv->n - 1;
	thread_show_selected(ui, tv);
}

/* A notice from Quartier itself takes no reply and no block; a blocked
 * neighbour shows Unblock instead of Block. */
static bool
thread_key_shown(struct ui *ui, struct view *view, const struct ui_keyhelp *k)
{
	struct mail_thread_view *tv = view->data;

	if (strcmp(k->key, "r") == 0)
		return tv->other_known;
	if (strcmp(k->key, "b") == 0)
		return tv->other_known && !tv->other.blocked;
	if (strcmp(k->key, "u") == 0)
		return tv->other_known && tv->other.blocked;
	return true;
}

static const struct screen mail_thread_screen = {
	.name = "mail_thread",
	.title = thread_title,
	.enter = thread_enter,
	.draw = thread_draw,
	.key = thread_key,
	.resume = thread_resume,
	.changes = CHANGE_MAIL,
	.leave = thread_leave,
	.keys = thread_keys,
	.key_shown = thread_key_shown,
	.help = N_("A conversation, oldest message first; the chosen message "
	    "is marked on the left, and the arrows move from one to the next. "
	    "Press r to reply, d to delete your copy of the chosen message "
	    "(the other side keeps theirs), b to block the neighbour (their "
	    "mail no longer reaches you, and they are not told) and u to "
	    "unblock, ! or R to report the chosen message to the moderators. "
	    "When a message is about an ad, a loan or an event, o opens it."),
};

/* The neighbours the resident blocked. */

struct mail_blocked {
	struct ui_list		 list;		/* of struct neighbour */
};

static const struct ui_keyhelp blocked_keys[] = {
	{ "u", N_("Unblock"), true },
	{ N_("Arrows"), N_("Choose"), true },
	{ "q", N_("Back"), true },
	{ "?", N_("Help"), true },
	{ N_("Enter"), N_("Unblock"), false },
	{ NULL, NULL, false },
};

static int
blocked_rows(struct ui *ui)
{
	int rows = ui_body_rows(ui) - 3;

	return rows > 1 ? rows : 1;
}

/* The neighbours blocked, given whole. */
static int
blocked_fetch(struct ui *ui, struct ui_list *l, void **rows, size_t *n)
{
	(void)l;
	return store_block_list(ui->store, &ui->viewer,
	    (struct neighbour **)rows, n);
}

static int64_t
blocked_row_id(const void *row)
{
	return ((const struct neighbour *)row)->id;
}

static void
blocked_free_rows(void *rows, size_t n)
{
	neighbour_list_free(rows, n);
}

static void
blocked_draw_row(struct ui *ui, struct ui_list *l, const void *row, int y,
    bool selected, void *ctx)
{
	const struct neighbour *nb = row;
	int attr;

	(void)l;
	(void)ctx;
	attr = selected ? ui_attr(ui, UI_ATTR_SELECTED) : (int)A_NORMAL;
	ui_fill(ui, y, 2, ui->cols - 4, attr);
	ui_text_cut(ui, y, 3, 40, nb->display_name, attr);
	ui_text_cut(ui, y, 45, ui->cols - 48, nb->handle, attr);
}

static void blocked_open(struct ui *, struct ui_list *, void *);

static const struct ui_list_ops blocked_ops = {
	.row_size = sizeof(struct neighbour),
	.page_rows = blocked_rows,
	.fetch_whole = blocked_fetch,
	.row_id = blocked_row_id,
	.draw_row = blocked_draw_row,
	.open = blocked_open,
	.free_rows = blocked_free_rows,
};

static int
blocked_enter(struct ui *ui, struct view *view, void *arg)
{
	(void)arg;
	ui_list_enter(ui, view, &blocked_ops, sizeof(struct mail_blocked));
	return 0;
}

static const char *
blocked_title(struct ui *ui, struct view *view)
{
	return _("Blocked");
}

static void
blocked_draw(struct ui *ui, struct view *view)
{
	struct mail_blocked *mb = view->data;
	int y = ui_body_top(ui) + 1;

	ui_text(ui, y, 1, ui->cols - 2, _("Neighbours whose mail does not "
	    "reach you"), ui_attr(ui, UI_ATTR_TITLE));
	y += 2;
	if (mb->list.n == 0) {
		ui_paragraph(ui, y, 4, 4, ui->cols - 8, _("You have blocked "
		    "nobody. To block a neighbour, open a conversation with "
		    "them and press b."), A_NORMAL);
		return;
	}
	ui_list_draw(ui, &mb->list, y, y + blocked_rows(ui), NULL);
}

/* u, or Enter: unblock the chosen neighbour, after asking. */
static void
blocked_open(struct ui *ui, struct ui_list *l, void *row)
{
	const struct neighbour *nb = row;
	char question[512];
	int rc;

	snprintf(question, sizeof question, _("Unblock %s? Their next "
	    "messages will reach you again."), nb->display_name);
	if (!ui_confirm(ui, question))
		return;
	rc = store_unblock(ui->store, &ui->viewer, nb->id);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return;
	}
	ui_list_reload(ui, l);
	ui_message(ui, "%s", _("Unblocked."));
}

static enum ui_result
blocked_key(struct ui *ui, struct view *view, const struct ui_key *key)
{
	struct mail_blocked *mb = view->data;

	if (ui_list_key(ui, &mb->list, key) == UI_HANDLED)
		return UI_HANDLED;
	if (ui_key_is_char(key, 'u') || ui_key_is_char(key, 'U')) {
		if (ui_list_selected(&mb->list) != NULL)
			blocked_open(ui, &mb->list,
			    ui_list_selected(&mb->list));
		return UI_HANDLED;
	}
	if (ui_key_is_back(key)) {
		ui_pop(ui);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

static const struct screen mail_blocked_screen = {
	.name = "mail_blocked",
	.title = blocked_title,
	.enter = blocked_enter,
	.draw = blocked_draw,
	.key = blocked_key,
	.resume = ui_list_resume,
	.leave = ui_list_leave,
	.keys = blocked_keys,
	.help = N_("The neighbours you blocked: what they write to you is "
	    "not delivered, and they are not told. Choose one with the arrows "
	    "and press u (or Enter) to unblock them: their next messages will "
	    "reach you again; what they sent while blocked will not."),
};
