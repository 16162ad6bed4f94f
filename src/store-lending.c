/*
 * store-lending.c - prêts et services: offers and requests of objects and
 * services, and the loans that join an item's author and a neighbour.
 *
 * A loan row says who is who by itself: the lender is LENDER_ID, or the
 * item's author when it is NULL (an offer); the borrower is BORROWER_ID
 * (the item's author on a request).  So a loan keeps its meaning whatever
 * later happens to the item.  The side that is not the author is the one
 * who asked ("the asker"); the author decides.
 *
 * Each step mails the other side, in that resident's own language: the
 * texts are made between switching gettext to it and switching back.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store-internal.h"
#include "text.h"
#include "when.h"

#define LOAN_NOTE_MAX		500	/* characters of a request's note */
#define LOAN_LIST_MAX		500	/* loans of one item, or of one resident */
#define LOAN_REMIND_MAX		100	/* overdue loans reminded at once */
#define LOAN_THANKS_DAYS	14	/* a returned loan waits this long for
					   its merci among the live ones */

static const char *const direction_codes[] = {
	[LENDING_OFFER] = "offer",
	[LENDING_REQUEST] = "request",
};
static const char *const nature_codes[] = {
	[LENDING_OBJECT] = "object",
	[LENDING_SERVICE] = "service",
};
static const char *const status_codes[] = {
	[LOAN_REQUESTED] = "requested",
	[LOAN_ACCEPTED] = "accepted",
	[LOAN_DECLINED] = "declined",
	[LOAN_RETURNED] = "returned",
	[LOAN_CANCELLED] = "cancelled",
};

#define NCODES(a)	(sizeof (a) / sizeof (a)[0])
/* A number as a string literal, for a LIMIT inside the SQL text. */
#define LITERAL(n)	LITERAL_(n)
#define LITERAL_(n)	#n

/* The index of CODE in CODES, or 0 (the first) for anything unknown. */
static int
code_index(const char *const *codes, size_t n, const unsigned char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < n; i++) {
		if (strcmp(codes[i], (const char *)code) == 0)
			return (int)i;
	}
	return 0;
}

#define column_code(stmt, col, codes) \
	code_index(codes, NCODES(codes), sqlite3_column_text(stmt, col))

/* An item of the board the viewer may see; hidden by moderation, only
 * its author sees it. */
#define LENDING_VISIBLE \
	" i.quartier_id = " VIEWER_QUARTIER " AND i.kind = 'lending'" \
	" AND i.deleted_at IS NULL" \
	" AND (i.hidden_at IS NULL OR i.author_id = :viewer)"

/* The visit before this one; the viewer's arrival before their first,
 * as the menu counts (store-menu.c). */
#define LENDING_PREVIOUS_VISIT \
	"coalesce((SELECT previous_visit_at FROM board_visits" \
	"  WHERE resident_id = :viewer AND board = 'lending')," \
	" (SELECT coalesce(verified_at, created_at) FROM residents" \
	"  WHERE id = :viewer))"

/*
 * The columns read_lending() expects, in order.  O is the loan in
 * progress (one at most: store_loan_decide accepts one at a time) and OW
 * the other side of it, the one who is not the author; M is the viewer's
 * own live request or loan on someone else's item.
 */
#define LENDING_COLUMNS \
	" i.id, l.direction, l.nature, i.title, i.author_id," \
	" a.display_name, i.created_at, i.updated_at, i.author_id IS :viewer," \
	" i.author_id IS NOT :viewer" \
	"  AND i.created_at > " LENDING_PREVIOUS_VISIT "," \
	" o.id, ow.display_name, o.due_at, o.due_at < :now," \
	" CASE WHEN i.author_id IS :viewer THEN (SELECT count(*) FROM loans r" \
	"  WHERE r.item_id = i.id AND r.status = 'requested') ELSE 0 END," \
	" m.id, m.status, i.body, i.hidden_at IS NOT NULL, i.hidden_reason" \
	" FROM items i JOIN lendings l ON l.item_id = i.id" \
	" LEFT JOIN residents a ON a.id = i.author_id" \
	" LEFT JOIN loans o ON o.item_id = i.id AND o.status = 'accepted'" \
	" LEFT JOIN residents ow ON ow.id = coalesce(o.lender_id, o.borrower_id)" \
	" LEFT JOIN loans m ON m.id = (SELECT max(x.id) FROM loans x" \
	"  WHERE x.item_id = i.id AND i.author_id IS NOT :viewer" \
	"  AND x.status IN ('requested', 'accepted')" \
	"  AND (x.borrower_id = :viewer OR x.lender_id = :viewer))"

static void
read_lending(sqlite3_stmt *stmt, void *row, bool with_body)
{
	struct lending *p = row;

	p->id = sqlite3_column_int64(stmt, 0);
	p->direction = column_code(stmt, 1, direction_codes);
	p->nature = column_code(stmt, 2, nature_codes);
	p->title = column_text(stmt, 3);
	p->author_id = sqlite3_column_int64(stmt, 4);
	p->author_name = column_text(stmt, 5);
	p->created_at = sqlite3_column_int64(stmt, 6);
	p->updated_at = sqlite3_column_int64(stmt, 7);
	p->mine = sqlite3_column_int(stmt, 8) != 0;
	p->is_new = sqlite3_column_int(stmt, 9) != 0;
	p->loan_id = sqlite3_column_int64(stmt, 10);
	p->loan_with = column_text(stmt, 11);
	p->due_at = sqlite3_column_int64(stmt, 12);
	p->overdue = sqlite3_column_int(stmt, 13) != 0;
	p->requests = sqlite3_column_int(stmt, 14);
	p->my_loan_id = sqlite3_column_int64(stmt, 15);
	p->my_loan_status = column_code(stmt, 16, status_codes);
	if (with_body)
		p->body = column_text(stmt, 17);
	p->hidden = sqlite3_column_int(stmt, 18) != 0;
	p->hidden_reason = column_text(stmt, 19);
}

int
store_lending_page(struct store *s, const struct viewer *v,
    const struct lending_filter *f, const struct wall_cursor *after,
    int limit, struct lending **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT" LENDING_COLUMNS " WHERE" LENDING_VISIBLE
	    " AND (:direction IS NULL OR l.direction = :direction)"
	    " AND (:nature IS NULL OR l.nature = :nature)"
	    " AND (:mine = 0 OR i.author_id = :viewer)"
	    " AND (i.created_at, i.id) < (:time, :id)"
	    " ORDER BY i.created_at DESC, i.id DESC LIMIT :limit");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":now", now_seconds());
	bind_text(stmt, ":direction", f != NULL && f->direction >= 0 &&
	    f->direction < (int)NCODES(direction_codes) ?
	    direction_codes[f->direction] : NULL);
	bind_text(stmt, ":nature", f != NULL && f->nature >= 0 &&
	    f->nature < (int)NCODES(nature_codes) ?
	    nature_codes[f->nature] : NULL);
	bind_int64(stmt, ":mine", f != NULL && f->mine);
	if (after != NULL && after->id != 0) {
		bind_int64(stmt, ":time", after->created_at);
		bind_int64(stmt, ":id", after->id);
	} else {
		bind_int64(stmt, ":time", INT64_MAX);
		bind_int64(stmt, ":id", INT64_MAX);
	}
	bind_int64(stmt, ":limit", limit);
	*out = store_read_rows(s, stmt, sizeof **out, read_lending, false, n,
	    &rc);
	if (rc != STORE_OK) {
		lending_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_lending_get(struct store *s, const struct viewer *v, int64_t id,
    struct lending *p)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT" LENDING_COLUMNS " WHERE" LENDING_VISIBLE
	    " AND i.id = :id");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":now", now_seconds());
	bind_int64(stmt, ":id", id);
	return store_read_row(s, stmt, sizeof *p, read_lending, true, p);
}

/* Check and clean an item's fields; the body may be left empty. */
static int
clean_lending(struct store *s, const struct lending_new *n, char **title,
    char **body)
{
	int rc;

	*title = *body = NULL;
	if (n->direction != LENDING_OFFER && n->direction != LENDING_REQUEST)
		return store_invalid(s, _("Choose whether you offer or look "
		    "for something."));
	if (n->nature != LENDING_OBJECT && n->nature != LENDING_SERVICE)
		return store_invalid(s, _("Choose an object or a service."));
	if ((rc = store_clean(s, n->title, TEXT_ALLOW_EMPTY,
	    QUARTIER_TITLE_MAX, title)) != STORE_OK)
		return rc;
	if ((*title)[0] == '\0') {
		free(*title);
		*title = NULL;
		return store_invalid(s, _("Write a title: what you lend, or "
		    "what you need."));
	}
	if ((rc = store_clean(s, n->body, TEXT_MULTILINE | TEXT_ALLOW_EMPTY,
	    QUARTIER_BODY_MAX, body)) != STORE_OK) {
		free(*title);
		*title = NULL;
	}
	return rc;
}

int
store_lending_add(struct store *s, const struct viewer *v,
    const struct lending_new *n, int64_t *id)
{
	sqlite3_stmt *stmt;
	char *title, *body;
	int64_t now = now_seconds(), new_id = 0;
	int rc;

	if ((rc = clean_lending(s, n, &title, &body)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	stmt = store_stmt(s, "INSERT INTO items (quartier_id, author_id, kind,"
	    " category, title, body, created_at, last_activity_at)"
	    " SELECT " VIEWER_QUARTIER ", :viewer, 'lending', :nature, :title,"
	    " :body, :now, :now WHERE " VIEWER_QUARTIER " IS NOT NULL");
	bind_viewer(stmt, v);
	bind_text(stmt, ":nature", nature_codes[n->nature]);
	bind_text(stmt, ":title", title);
	bind_text(stmt, ":body", body);
	bind_int64(stmt, ":now", now);
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_DENIED;
	if (rc == STORE_OK) {
		new_id = sqlite3_last_insert_rowid(s->db);
		stmt = store_stmt(s, "INSERT INTO lendings (item_id, direction,"
		    " nature) VALUES (:id, :direction, :nature)");
		bind_int64(stmt, ":id", new_id);
		bind_text(stmt, ":direction", direction_codes[n->direction]);
		bind_text(stmt, ":nature", nature_codes[n->nature]);
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK)
		rc = search_sync_item(s, new_id);
	if ((rc = store_finish(s, rc)) == STORE_OK && id != NULL)
		*id = new_id;
out:
	free(title);
	free(body);
	return rc;
}

/*
 * The viewer's own item, within a write transaction: STORE_NOT_FOUND when
 * it is not visible, STORE_DENIED when it is someone else's.  *LIVE
 * counts its loans asked or in progress, *LENT those in progress.
 */
static int
own_item(struct store *s, const struct viewer *v, int64_t id,
    struct lending_new *was, int *live, int *lent)
{
	sqlite3_stmt *stmt;
	bool mine = false;
	int rc;

	stmt = store_stmt(s, "SELECT i.author_id IS :viewer, l.direction,"
	    " l.nature,"
	    " (SELECT count(*) FROM loans o WHERE o.item_id = i.id"
	    "  AND o.status IN ('requested', 'accepted')),"
	    " (SELECT count(*) FROM loans o WHERE o.item_id = i.id"
	    "  AND o.status = 'accepted')"
	    " FROM items i JOIN lendings l ON l.item_id = i.id"
	    " WHERE i.id = :id AND" LENDING_VISIBLE);
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		mine = sqlite3_column_int(stmt, 0) != 0;
		was->direction = column_code(stmt, 1, direction_codes);
		was->nature = column_code(stmt, 2, nature_codes);
		*live = sqlite3_column_int(stmt, 3);
		*lent = sqlite3_column_int(stmt, 4);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return STORE_NOT_FOUND;
	if (rc != SQLITE_ROW)
		return store_fail(s, rc);
	if (!mine)
		return store_refuse(s, STORE_DENIED, _("Only its author can "
		    "change or delete this."));
	return STORE_OK;
}

int
store_lending_edit(struct store *s, const struct viewer *v, int64_t id,
    const struct lending_new *n)
{
	struct lending_new was;
	sqlite3_stmt *stmt;
	char *title, *body;
	int rc, live = 0, lent = 0;

	if ((rc = clean_lending(s, n, &title, &body)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	rc = own_item(s, v, id, &was, &live, &lent);
	/* The asker answered an offer of a drill, not a request for help. */
	if (rc == STORE_OK && live > 0 && (was.direction != n->direction ||
	    was.nature != n->nature))
		rc = store_refuse(s, STORE_DENIED, _("While a neighbour's "
		    "request or loan is open, only the title and the "
		    "description can change."));
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "UPDATE items SET category = :nature,"
		    " title = :title, body = :body, updated_at = :now"
		    " WHERE id = :id");
		bind_int64(stmt, ":id", id);
		bind_text(stmt, ":nature", nature_codes[n->nature]);
		bind_text(stmt, ":title", title);
		bind_text(stmt, ":body", body);
		bind_int64(stmt, ":now", now_seconds());
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "UPDATE lendings SET direction = :direction,"
		    " nature = :nature WHERE item_id = :id");
		bind_int64(stmt, ":id", id);
		bind_text(stmt, ":direction", direction_codes[n->direction]);
		bind_text(stmt, ":nature", nature_codes[n->nature]);
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK)
		rc = search_sync_item(s, id);
	rc = store_finish(s, rc);
out:
	free(title);
	free(body);
	return rc;
}

/* Notices: what each step tells the other side. */

enum loan_notice {
	NOTICE_ASKED,		/* to the author */
	NOTICE_ACCEPTED,	/* to the asker */
	NOTICE_DECLINED,	/* to the asker */
	NOTICE_CANCELLED,	/* to the author */
	NOTICE_RETURNED,	/* to the borrower */
	NOTICE_MERCI,		/* to the lender */
	NOTICE_WITHDRAWN,	/* the item is gone: to the asker */
	NOTICE_OVERDUE_LENDER,	/* from Quartier */
	NOTICE_OVERDUE_BORROWER,
};

/* One loan with what its notices and rules need. */
struct loan_facts {
	int64_t			 id;
	int64_t			 item_id;
	int64_t			 author_id;
	int64_t			 lender_id;	/* resolved: never 0 */
	int64_t			 borrower_id;
	int64_t			 asker_id;	/* the side that is not the author */
	enum lending_direction	 direction;
	enum lending_nature	 nature;
	enum loan_status	 status;
	bool			 item_live;	/* not deleted nor hidden */
	char			*title;
	char			*lender_name;
	char			*borrower_name;
	char			*note;
	int64_t			 due_at;
	int64_t			 merci_at;
};

static void
loan_facts_clear(struct loan_facts *f)
{
	free(f->title);
	free(f->lender_name);
	free(f->borrower_name);
	free(f->note);
	memset(f, 0, sizeof *f);
}

/*
 * A loan the viewer takes part in (author, lender or borrower), in their
 * quartier; anyone else's is STORE_NOT_FOUND.  The item may since have
 * been hidden: a drill lent is still to be returned.
 */
static void
read_loan_facts(sqlite3_stmt *stmt, void *row, bool full)
{
	struct loan_facts *f = row;

	(void)full;			/* the note is always wanted */
	f->id = sqlite3_column_int64(stmt, 0);
	f->item_id = sqlite3_column_int64(stmt, 1);
	f->author_id = sqlite3_column_int64(stmt, 2);
	f->lender_id = sqlite3_column_int64(stmt, 3);
	f->borrower_id = sqlite3_column_int64(stmt, 4);
	f->direction = column_code(stmt, 5, direction_codes);
	f->nature = column_code(stmt, 6, nature_codes);
	f->status = column_code(stmt, 7, status_codes);
	f->item_live = sqlite3_column_int(stmt, 8) != 0;
	f->title = column_text(stmt, 9);
	f->lender_name = column_text(stmt, 10);
	f->borrower_name = column_text(stmt, 11);
	f->note = column_text(stmt, 12);
	f->due_at = sqlite3_column_int64(stmt, 13);
	f->merci_at = sqlite3_column_int64(stmt, 14);
	f->asker_id = f->borrower_id == f->author_id ? f->lender_id :
	    f->borrower_id;
}

static int
load_loan(struct store *s, const struct viewer *v, int64_t id,
    struct loan_facts *f)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT lo.id, lo.item_id, i.author_id,"
	    " coalesce(lo.lender_id, i.author_id), lo.borrower_id,"
	    " l.direction, l.nature, lo.status,"
	    " i.deleted_at IS NULL AND i.hidden_at IS NULL, i.title,"
	    " lr.display_name, br.display_name, lo.note, lo.due_at,"
	    " lo.merci_at"
	    " FROM loans lo JOIN items i ON i.id = lo.item_id"
	    " JOIN lendings l ON l.item_id = i.id"
	    " LEFT JOIN residents lr ON lr.id = coalesce(lo.lender_id,"
	    "  i.author_id)"
	    " LEFT JOIN residents br ON br.id = lo.borrower_id"
	    " WHERE lo.id = :id AND i.quartier_id = " VIEWER_QUARTIER
	    " AND i.kind = 'lending' AND (i.author_id = :viewer"
	    "  OR lo.borrower_id = :viewer OR lo.lender_id = :viewer)");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	return store_read_row(s, stmt, sizeof *f, read_loan_facts, true, f);
}


/*
 * The subject and body of notice KIND about F, in the language applied
 * now.  ACTOR is the name of the resident who acted.
 */
static void
notice_text(enum loan_notice kind, const struct loan_facts *f, const char *actor,
    char **subject, char **body)
{
	const char *thing = f->title != NULL ? f->title : "";
	bool service = f->nature == LENDING_SERVICE;
	char due[128], *note;

	when_format_day(due, sizeof due, f->due_at, true);
	switch (kind) {
	case NOTICE_ASKED:
		if (f->direction == LENDING_REQUEST)
			*subject = xasprintf(_("%s answers your request "
			    "“%s”"), actor, thing);
		else if (service)
			*subject = xasprintf(_("%s asks for your help: “%s”"),
			    actor, thing);
		else
			*subject = xasprintf(_("%s asks to borrow “%s”"),
			    actor, thing);
		note = f->note != NULL && f->note[0] != '\0' ?
		    xasprintf(_("%s wrote: %s"), actor, f->note) :
		    xasprintf(_("%s left no note."), actor);
		*body = xasprintf("%s\n\n%s", note, _("Open “Lending and "
		    "services” (3 on the menu), choose this item and accept "
		    "or decline. You can also write to them first."));
		free(note);
		return;
	case NOTICE_ACCEPTED:
		*subject = xasprintf(_("%s said yes: “%s”"), actor, thing);
		*body = service ?
		    xasprintf(_("%s accepted: “%s” is agreed for %s at the "
		    "latest. Whoever helps marks it done afterwards."), actor,
		    thing, due) :
		    xasprintf(_("%s accepted: “%s” is lent until %s. Agree "
		    "together on when to hand it over; the lender marks it "
		    "returned once it is back."), actor, thing, due);
		return;
	case NOTICE_DECLINED:
		*subject = xasprintf(_("%s said no: “%s”"), actor, thing);
		*body = xasprintf(_("%s declined this time: “%s”. Nothing more "
		    "to do; another neighbour may be able to help."), actor,
		    thing);
		return;
	case NOTICE_CANCELLED:
		*subject = xasprintf(_("%s withdrew their request: “%s”"),
		    actor, thing);
		*body = xasprintf(_("%s no longer needs an answer about “%s”. "
		    "Nothing more to do."), actor, thing);
		return;
	case NOTICE_RETURNED:
		*subject = service ?
		    xasprintf(_("Done: “%s”"), thing) :
		    xasprintf(_("Returned: “%s”"), thing);
		*body = service ?
		    xasprintf(_("%s marked “%s” as done. If it went well, "
		    "you can say merci from “My loans” on the lending "
		    "board."), actor, thing) :
		    xasprintf(_("%s marked “%s” as returned. If it went well, "
		    "you can say merci from “My loans” on the lending "
		    "board."), actor, thing);
		return;
	case NOTICE_MERCI:
		*subject = xasprintf(_("%s says merci for “%s”"), actor, thing);
		*body = xasprintf(_("%s thanks you for “%s”. Your mercis show "
		    "on your profile."), actor, thing);
		return;
	case NOTICE_WITHDRAWN:
		*subject = xasprintf(_("No longer on offer: “%s”"), thing);
		*body = xasprintf(_("%s removed “%s” from the lending board; "
		    "your request is closed."), actor, thing);
		return;
	case NOTICE_OVERDUE_LENDER:
		*subject = xasprintf(_("Overdue: “%s”"), thing);
		*body = service ?
		    xasprintf(_("“%s”, agreed with %s for %s, is not marked "
		    "done yet. Once it is done, mark it so in “My loans”."),
		    thing, f->borrower_name, due) :
		    xasprintf(_("“%s”, lent to %s, was due back on %s. A "
		    "friendly word may help; once it is back, mark it returned "
		    "in “My loans”."), thing, f->borrower_name, due);
		return;
	case NOTICE_OVERDUE_BORROWER:
		*subject = xasprintf(_("Overdue: “%s”"), thing);
		*body = service ?
		    xasprintf(_("“%s”, agreed with %s for %s, is not marked "
		    "done yet. Perhaps write to them to agree on a new "
		    "date."), thing, f->lender_name, due) :
		    xasprintf(_("You borrowed “%s” from %s; it was due back on "
		    "%s. Please bring it back, or write to them to agree on a "
		    "new date."), thing, f->lender_name, due);
		return;
	}
	*subject = xstrdup("");
	*body = xstrdup("");
}

static char *
resident_name(struct store *s, int64_t id)
{
	sqlite3_stmt *stmt;
	char *name = NULL;

	stmt = store_stmt(s, "SELECT display_name FROM residents"
	    " WHERE id = :id");
	bind_int64(stmt, ":id", id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		name = column_text(stmt, 0);
	sqlite3_reset(stmt);
	return name != NULL ? name : xstrdup("");
}

/* What notice_compose() needs to write one notice. */
struct loan_notice_facts {
	enum loan_notice	 kind;
	const struct loan_facts	*loan;
	const char		*actor;
};

static void
notice_compose(const void *facts, char **subject, char **body)
{
	const struct loan_notice_facts *nf = facts;

	notice_text(nf->kind, nf->loan, nf->actor, subject, body);
}

/*
 * Notice KIND about F to RECIPIENT, from SENDER (0: Quartier), inside
 * the caller's transaction.
 */
static int
notify(struct store *s, int64_t sender, int64_t recipient,
    enum loan_notice kind, const struct loan_facts *f)
{
	struct loan_notice_facts nf = { .kind = kind, .loan = f };
	char *actor;
	int rc;

	actor = sender != 0 ? resident_name(s, sender) : xstrdup("");
	nf.actor = actor;
	rc = store_notify(s, &(struct notice){
		.kind = NOTICE_LOAN,
		.recipient_id = recipient,
		.sender_id = sender,
		.about_item_id = f->item_id,
		.compose = notice_compose,
		.facts = &nf,
	});
	free(actor);
	return rc;
}

/*
 * An author removes their item.  It stays in the file (moderation may
 * need it) with its history; requests still waiting are closed and the
 * askers told.  Refused while it is lent: it has to come back first.
 */
int
store_lending_delete(struct store *s, const struct viewer *v, int64_t id)
{
	struct lending_new was;
	struct loan_facts f;
	sqlite3_stmt *stmt;
	int64_t *waiting = NULL;
	size_t nwaiting = 0, i;
	int rc, live = 0, lent = 0;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	rc = own_item(s, v, id, &was, &live, &lent);
	if (rc == STORE_OK && lent > 0)
		rc = store_refuse(s, STORE_DENIED, was.nature == LENDING_SERVICE ?
		    _("A neighbour's help is agreed: mark it done before "
		    "deleting this.") :
		    _("This is lent right now: mark it returned before "
		    "deleting it."));
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "SELECT id FROM loans WHERE item_id = :id"
		    " AND status = 'requested' ORDER BY id");
		bind_int64(stmt, ":id", id);
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			waiting = xrealloc(waiting, (nwaiting + 1) *
			    sizeof *waiting);
			waiting[nwaiting++] = sqlite3_column_int64(stmt, 0);
		}
		sqlite3_reset(stmt);
		rc = rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
	}
	for (i = 0; rc == STORE_OK && i < nwaiting; i++) {
		if ((rc = load_loan(s, v, waiting[i], &f)) != STORE_OK)
			break;
		stmt = store_stmt(s, "UPDATE loans SET status = 'declined',"
		    " decided_at = :now WHERE id = :id");
		bind_int64(stmt, ":id", f.id);
		bind_int64(stmt, ":now", now_seconds());
		if ((rc = store_step_done(s, stmt)) == STORE_OK)
			rc = notify(s, v->resident_id, f.asker_id,
			    NOTICE_WITHDRAWN, &f);
		loan_facts_clear(&f);
	}
	free(waiting);
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "UPDATE items SET deleted_at = :now"
		    " WHERE id = :id");
		bind_int64(stmt, ":id", id);
		bind_int64(stmt, ":now", now_seconds());
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK)
		rc = search_sync_item(s, id);
	return store_finish(s, rc);
}

/*
 * A neighbour asks to borrow (an offer) or proposes to lend or help (a
 * request).  One live request or loan per neighbour and item; another
 * neighbour may ask while the item is lent, and waits for its return.
 */
int
store_loan_ask(struct store *s, const struct viewer *v, int64_t item_id,
    const char *note, int64_t *loan_id)
{
	struct loan_facts f;
	sqlite3_stmt *stmt;
	char *cnote;
	bool already = false;
	int64_t new_id = 0;
	int rc;

	if ((rc = store_clean(s, note, TEXT_MULTILINE | TEXT_ALLOW_EMPTY,
	    LOAN_NOTE_MAX, &cnote)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK) {
		free(cnote);
		return rc;
	}
	memset(&f, 0, sizeof f);
	stmt = store_stmt(s, "SELECT i.author_id, l.direction, l.nature,"
	    " EXISTS (SELECT 1 FROM loans x WHERE x.item_id = i.id"
	    "  AND x.status IN ('requested', 'accepted')"
	    "  AND (x.borrower_id = :viewer OR x.lender_id = :viewer))"
	    " FROM items i JOIN lendings l ON l.item_id = i.id"
	    " WHERE i.id = :id AND" LENDING_VISIBLE);
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", item_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		f.author_id = sqlite3_column_int64(stmt, 0);
		f.direction = column_code(stmt, 1, direction_codes);
		f.nature = column_code(stmt, 2, nature_codes);
		already = sqlite3_column_int(stmt, 3) != 0;
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		rc = STORE_NOT_FOUND;
	else if (rc != SQLITE_ROW)
		rc = store_fail(s, rc);
	else if (f.author_id == v->resident_id)
		rc = store_refuse(s, STORE_DENIED, _("This is your own; "
		    "neighbours answer it, not you."));
	else if (already)
		rc = store_refuse(s, STORE_DENIED, _("You have already asked: "
		    "your request is waiting for an answer or in progress."));
	else
		rc = STORE_OK;
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "INSERT INTO loans (item_id, borrower_id,"
		    " lender_id, status, requested_at, note)"
		    " VALUES (:item, :borrower, :lender, 'requested', :now,"
		    " :note)");
		bind_int64(stmt, ":item", item_id);
		/* On an offer the asker borrows; on a request, lends. */
		if (f.direction == LENDING_OFFER)
			bind_int64(stmt, ":borrower", v->resident_id);
		else {
			bind_int64(stmt, ":borrower", f.author_id);
			bind_int64(stmt, ":lender", v->resident_id);
		}
		bind_int64(stmt, ":now", now_seconds());
		bind_text(stmt, ":note", cnote[0] != '\0' ? cnote : NULL);
		rc = store_step_done(s, stmt);
	}
	free(cnote);
	if (rc == STORE_OK) {
		new_id = sqlite3_last_insert_rowid(s->db);
		if ((rc = load_loan(s, v, new_id, &f)) == STORE_OK)
			rc = notify(s, v->resident_id, f.author_id,
			    NOTICE_ASKED, &f);
	}
	loan_facts_clear(&f);
	if ((rc = store_finish(s, rc)) == STORE_OK && loan_id != NULL)
		*loan_id = new_id;
	return rc;
}

/* Change one loan's state; the statement's WHERE keeps the old one. */
static int
loan_update(struct store *s, sqlite3_stmt *stmt, int64_t id)
{
	int rc;

	bind_int64(stmt, ":id", id);
	bind_int64(stmt, ":now", now_seconds());
	if ((rc = store_step_done(s, stmt)) != STORE_OK)
		return rc;
	/* Another session moved it first. */
	if (sqlite3_changes(s->db) == 0)
		return store_refuse(s, STORE_DENIED, _("This loan changed in "
		    "the meantime; look at it again."));
	return STORE_OK;
}

int
store_loan_decide(struct store *s, const struct viewer *v, int64_t loan_id,
    bool accept, int days)
{
	struct loan_facts f;
	sqlite3_stmt *stmt;
	int rc, lent = 0;

	if (accept && (days < 1 || days > 365))
		return store_invalid(s, _("Give a number of days between 1 "
		    "and 365."));
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	if ((rc = load_loan(s, v, loan_id, &f)) != STORE_OK)
		return store_finish(s, rc);
	if (f.author_id != v->resident_id)
		rc = store_refuse(s, STORE_DENIED, _("Only the author of the "
		    "offer or request answers it."));
	else if (!f.item_live)
		rc = STORE_NOT_FOUND;
	else if (f.status != LOAN_REQUESTED)
		rc = store_refuse(s, STORE_DENIED, _("This request was already "
		    "answered or withdrawn."));
	if (rc == STORE_OK && accept) {
		stmt = store_stmt(s, "SELECT count(*) FROM loans"
		    " WHERE item_id = :item AND status = 'accepted'");
		bind_int64(stmt, ":item", f.item_id);
		if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
			lent = sqlite3_column_int(stmt, 0);
		sqlite3_reset(stmt);
		rc = rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc);
		if (rc == STORE_OK && lent > 0)
			rc = store_refuse(s, STORE_DENIED,
			    f.nature == LENDING_SERVICE ?
			    _("Another neighbour's help is agreed already: "
			    "mark it done before accepting this one.") :
			    _("This is lent already: mark it returned before "
			    "accepting another request."));
	}
	if (rc == STORE_OK && accept) {
		stmt = store_stmt(s, "UPDATE loans SET status = 'accepted',"
		    " decided_at = :now, due_at = :now + :days * 86400"
		    " WHERE id = :id AND status = 'requested'");
		bind_int64(stmt, ":days", days);
		f.due_at = now_seconds() + (int64_t)days * 86400;
		rc = loan_update(s, stmt, f.id);
	} else if (rc == STORE_OK) {
		stmt = store_stmt(s, "UPDATE loans SET status = 'declined',"
		    " decided_at = :now WHERE id = :id AND status = 'requested'");
		rc = loan_update(s, stmt, f.id);
	}
	if (rc == STORE_OK)
		rc = notify(s, v->resident_id, f.asker_id, accept ?
		    NOTICE_ACCEPTED : NOTICE_DECLINED, &f);
	loan_facts_clear(&f);
	return store_finish(s, rc);
}

int
store_loan_cancel(struct store *s, const struct viewer *v, int64_t loan_id)
{
	struct loan_facts f;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	if ((rc = load_loan(s, v, loan_id, &f)) != STORE_OK)
		return store_finish(s, rc);
	if (f.asker_id != v->resident_id)
		rc = store_refuse(s, STORE_DENIED, _("Only the neighbour who "
		    "asked can withdraw a request."));
	else if (f.status != LOAN_REQUESTED)
		rc = store_refuse(s, STORE_DENIED, _("This request was already "
		    "answered; it can no longer be withdrawn."));
	if (rc == STORE_OK)
		rc = loan_update(s, store_stmt(s, "UPDATE loans"
		    " SET status = 'cancelled', decided_at = :now"
		    " WHERE id = :id AND status = 'requested'"), f.id);
	if (rc == STORE_OK)
		rc = notify(s, v->resident_id, f.author_id, NOTICE_CANCELLED,
		    &f);
	loan_facts_clear(&f);
	return store_finish(s, rc);
}

int
store_loan_returned(struct store *s, const struct viewer *v, int64_t loan_id)
{
	struct loan_facts f;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	if ((rc = load_loan(s, v, loan_id, &f)) != STORE_OK)
		return store_finish(s, rc);
	if (f.lender_id != v->resident_id)
		rc = store_refuse(s, STORE_DENIED, f.nature == LENDING_SERVICE ?
		    _("Only the neighbour who helps marks it done.") :
		    _("Only the lender marks a loan returned."));
	else if (f.status != LOAN_ACCEPTED)
		rc = store_refuse(s, STORE_DENIED, _("This loan is not in "
		    "progress."));
	if (rc == STORE_OK)
		rc = loan_update(s, store_stmt(s, "UPDATE loans"
		    " SET status = 'returned', returned_at = :now"
		    " WHERE id = :id AND status = 'accepted'"), f.id);
	if (rc == STORE_OK)
		rc = notify(s, v->resident_id, f.borrower_id, NOTICE_RETURNED,
		    &f);
	loan_facts_clear(&f);
	return store_finish(s, rc);
}

/*
 * The borrower thanks the lender, once: after an object came back, or
 * once a service is agreed (the help may well be over before anyone
 * marks it done).
 */
int
store_loan_merci(struct store *s, const struct viewer *v, int64_t loan_id)
{
	struct loan_facts f;
	bool ready;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	if ((rc = load_loan(s, v, loan_id, &f)) != STORE_OK)
		return store_finish(s, rc);
	ready = f.status == LOAN_RETURNED || (f.nature == LENDING_SERVICE &&
	    f.status == LOAN_ACCEPTED);
	if (f.borrower_id != v->resident_id)
		rc = store_refuse(s, STORE_DENIED, _("Only the neighbour who "
		    "borrowed or was helped says merci."));
	else if (f.merci_at != 0)
		rc = store_refuse(s, STORE_DENIED, _("You have already said "
		    "merci for this one."));
	else if (!ready)
		rc = store_refuse(s, STORE_DENIED, f.nature == LENDING_SERVICE ?
		    _("Merci comes once the help is agreed.") :
		    _("Merci comes once the loan is returned."));
	if (rc == STORE_OK)
		rc = loan_update(s, store_stmt(s, "UPDATE loans"
		    " SET merci_at = :now WHERE id = :id AND merci_at IS NULL"),
		    f.id);
	if (rc == STORE_OK)
		rc = notify(s, v->resident_id, f.lender_id, NOTICE_MERCI, &f);
	loan_facts_clear(&f);
	return store_finish(s, rc);
}

/*
 * The viewer's loans, lender or borrower, in their quartier: three
 * lookups that each have their index (the lender of an offer is found
 * through the items the viewer wrote), rather than one OR that reads
 * every loan.  The unary + keep SQLite from starting with the quartier's
 * items or with every offer's loans instead.
 */
#define MY_LOANS \
	" +i.quartier_id = " VIEWER_QUARTIER " AND +i.kind = 'lending'" \
	" AND lo.id IN (SELECT x.id FROM loans x WHERE x.borrower_id = :viewer" \
	" UNION ALL SELECT x.id FROM loans x WHERE x.lender_id = :viewer" \
	" UNION ALL SELECT x.id FROM items a JOIN loans x ON x.item_id = a.id" \
	"  WHERE a.author_id = :viewer AND a.kind = 'lending'" \
	"  AND +x.lender_id IS NULL)"

/* The columns read_loan() expects, in order. */
#define LOAN_COLUMNS \
	" lo.id, lo.item_id, i.title, l.nature," \
	" coalesce(lo.lender_id, i.author_id), lr.display_name," \
	" lo.borrower_id, br.display_name, lo.status, lo.note," \
	" lo.requested_at, lo.decided_at, lo.due_at, lo.returned_at," \
	" lo.merci_at, lo.status = 'accepted' AND lo.due_at < :now," \
	" coalesce(lo.lender_id, i.author_id) = :viewer," \
	" i.author_id = :viewer" \
	" FROM loans lo JOIN items i ON i.id = lo.item_id" \
	" JOIN lendings l ON l.item_id = i.id" \
	" LEFT JOIN residents lr ON lr.id = coalesce(lo.lender_id," \
	"  i.author_id)" \
	" LEFT JOIN residents br ON br.id = lo.borrower_id"

static void
read_loan(sqlite3_stmt *stmt, void *row, bool full)
{
	struct loan *l = row;

	(void)full;			/* a loan has no long column */
	l->id = sqlite3_column_int64(stmt, 0);
	l->item_id = sqlite3_column_int64(stmt, 1);
	l->item_title = column_text(stmt, 2);
	l->nature = column_code(stmt, 3, nature_codes);
	l->lender_id = sqlite3_column_int64(stmt, 4);
	l->lender_name = column_text(stmt, 5);
	l->borrower_id = sqlite3_column_int64(stmt, 6);
	l->borrower_name = column_text(stmt, 7);
	l->status = column_code(stmt, 8, status_codes);
	l->note = column_text(stmt, 9);
	l->requested_at = sqlite3_column_int64(stmt, 10);
	l->decided_at = sqlite3_column_int64(stmt, 11);
	l->due_at = sqlite3_column_int64(stmt, 12);
	l->returned_at = sqlite3_column_int64(stmt, 13);
	l->merci_at = sqlite3_column_int64(stmt, 14);
	l->overdue = sqlite3_column_int(stmt, 15) != 0;
	l->i_lend = sqlite3_column_int(stmt, 16) != 0;
	l->i_decide = sqlite3_column_int(stmt, 17) != 0;
}

static int
read_loans(struct store *s, sqlite3_stmt *stmt, struct loan **out, size_t *n)
{
	int rc;

	*out = store_read_rows(s, stmt, sizeof **out, read_loan, false, n,
	    &rc);
	if (rc != STORE_OK) {
		loan_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/*
 * The author sees every loan of their item; a neighbour only their own
 * (the notes are written to the author).  Requests waiting come first,
 * oldest first, then the loan in progress, then the rest, latest first.
 */
int
store_loans_of_item(struct store *s, const struct viewer *v, int64_t item_id,
    struct loan **out, size_t *n)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT" LOAN_COLUMNS
	    " WHERE lo.item_id = :item AND" LENDING_VISIBLE
	    " AND (i.author_id = :viewer OR lo.borrower_id = :viewer"
	    "  OR lo.lender_id = :viewer)"
	    " ORDER BY CASE lo.status WHEN 'requested' THEN 0"
	    "  WHEN 'accepted' THEN 1 ELSE 2 END,"
	    " CASE lo.status WHEN 'requested' THEN lo.requested_at"
	    "  ELSE -coalesce(lo.returned_at, lo.decided_at, lo.requested_at)"
	    " END, lo.id DESC LIMIT " LITERAL(LOAN_LIST_MAX));
	bind_viewer(stmt, v);
	bind_int64(stmt, ":now", now_seconds());
	bind_int64(stmt, ":item", item_id);
	return read_loans(s, stmt, out, n);
}

/*
 * The viewer's loans on both sides.  Without HISTORY: those asked or in
 * progress, overdue first, and the ones lately returned that still wait
 * for the viewer's merci; with it, everything, live first, then the past
 * latest first.
 */
int
store_loans_mine(struct store *s, const struct viewer *v, bool history,
    struct loan **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int64_t now = now_seconds();

	stmt = store_stmt(s, "SELECT" LOAN_COLUMNS
	    " WHERE" MY_LOANS
	    " AND (:history OR lo.status IN ('requested', 'accepted')"
	    "  OR (lo.status = 'returned' AND lo.borrower_id = :viewer"
	    "   AND lo.merci_at IS NULL AND lo.returned_at > :recent))"
	    " ORDER BY CASE WHEN lo.status = 'accepted' AND lo.due_at < :now"
	    "  THEN 0 WHEN lo.status = 'accepted' THEN 1"
	    "  WHEN lo.status = 'requested' THEN 2 ELSE 3 END,"
	    " CASE lo.status WHEN 'accepted' THEN lo.due_at"
	    "  WHEN 'requested' THEN lo.requested_at"
	    "  ELSE -coalesce(lo.returned_at, lo.decided_at, lo.requested_at)"
	    " END, lo.id DESC LIMIT " LITERAL(LOAN_LIST_MAX));
	bind_viewer(stmt, v);
	bind_int64(stmt, ":now", now);
	bind_int64(stmt, ":history", history);
	bind_int64(stmt, ":recent", now - LOAN_THANKS_DAYS * 86400);
	return read_loans(s, stmt, out, n);
}

/*
 * One reminder per overdue loan, to both sides, from Quartier; REMINDED_AT
 * keeps it from coming again at the next login.  The loans are chosen
 * inside the write transaction, so two sessions of the same resident
 * cannot both send them.
 */
int
store_loans_remind(struct store *s, const struct viewer *v, int *sent)
{
	struct loan_facts f;
	sqlite3_stmt *stmt;
	int64_t *due = NULL;
	size_t ndue = 0, i;
	int rc, mails = 0;

	if (sent != NULL)
		*sent = 0;
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "SELECT lo.id FROM loans lo"
	    " JOIN items i ON i.id = lo.item_id"
	    " WHERE" MY_LOANS " AND lo.status = 'accepted'"
	    " AND lo.due_at < :now AND lo.reminded_at IS NULL"
	    " ORDER BY lo.id LIMIT " LITERAL(LOAN_REMIND_MAX));
	bind_viewer(stmt, v);
	bind_int64(stmt, ":now", now_seconds());
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		due = xrealloc(due, (ndue + 1) * sizeof *due);
		due[ndue++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_reset(stmt);
	rc = rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
	for (i = 0; rc == STORE_OK && i < ndue; i++) {
		if ((rc = load_loan(s, v, due[i], &f)) != STORE_OK)
			break;
		rc = notify(s, 0, f.lender_id, NOTICE_OVERDUE_LENDER, &f);
		if (rc == STORE_OK)
			rc = notify(s, 0, f.borrower_id,
			    NOTICE_OVERDUE_BORROWER, &f);
		if (rc == STORE_OK) {
			mails += 2;
			stmt = store_stmt(s, "UPDATE loans SET reminded_at = :now"
			    " WHERE id = :id");
			rc = loan_update(s, stmt, f.id);
		}
		loan_facts_clear(&f);
	}
	free(due);
	if ((rc = store_finish(s, rc)) == STORE_OK && sent != NULL)
		*sent = mails;
	return rc;
}

/*
 * The mercis RESIDENT received as a lender or helper, counted in the
 * viewer's quartier, for a resident of it.
 */
int
store_mercis(struct store *s, const struct viewer *v, int64_t resident_id,
    int *n)
{
	sqlite3_stmt *stmt;
	int rc;

	*n = 0;
	/* As lender of a request, then as author of an offer (see
	 * MY_LOANS for the indexes). */
	stmt = store_stmt(s, "SELECT"
	    " (SELECT count(*) FROM loans lo JOIN items i ON i.id = lo.item_id"
	    "  WHERE lo.lender_id = r.id AND lo.merci_at IS NOT NULL"
	    "  AND i.quartier_id = r.quartier_id AND i.kind = 'lending')"
	    " + (SELECT count(*) FROM items i JOIN loans lo ON lo.item_id = i.id"
	    "  WHERE i.author_id = r.id AND i.quartier_id = r.quartier_id"
	    "  AND i.kind = 'lending' AND +lo.lender_id IS NULL"
	    "  AND lo.merci_at IS NOT NULL)"
	    " FROM residents r WHERE r.id = :resident"
	    " AND r.quartier_id = " VIEWER_QUARTIER);
	bind_viewer(stmt, v);
	bind_int64(stmt, ":resident", resident_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, rc);
}

void
lending_clear(struct lending *p)
{
	free(p->title);
	free(p->body);
	free(p->author_name);
	free(p->loan_with);
	free(p->hidden_reason);
	memset(p, 0, sizeof *p);
}

void
lending_list_free(struct lending *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		lending_clear(&list[i]);
	free(list);
}

void
loan_list_free(struct loan *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].item_title);
		free(list[i].lender_name);
		free(list[i].borrower_name);
		free(list[i].note);
	}
	free(list);
}
