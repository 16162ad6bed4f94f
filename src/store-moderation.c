/*
 * store-moderation.c - reports, moderation actions and their log.
 *
 * An actor is a verified resident with the moderator role (their own
 * quartier only) or the sysop role (every quartier), or the sysop at the
 * machine's console (resident id 0).  The rule is written into every
 * statement as ACTOR_MAY, next to the target's quartier, so that a
 * moderator's id used on another quartier's item changes nothing even if
 * a check in C were forgotten.  Each action, in one transaction: the
 * change, one moderation_log row, and the open reports on its target
 * closed.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

/* Whether the actor may act in quartier Q (an SQL expression). */
#define ACTOR_MAY(q) \
	"(:actor = 0 OR EXISTS (SELECT 1 FROM residents a" \
	"  WHERE a.id = :actor AND a.status = 'verified'" \
	"  AND (a.role = 'sysop'" \
	"   OR (a.role = 'moderator' AND a.quartier_id = " q "))))"

/* Whether the actor is a sysop (or the console). */
#define ACTOR_SYSOP \
	"(:actor = 0 OR EXISTS (SELECT 1 FROM residents a" \
	"  WHERE a.id = :actor AND a.status = 'verified'" \
	"  AND a.role = 'sysop'))"

static const char *const target_kinds[] = {
	[REPORT_ITEM] = "item",
	[REPORT_REPLY] = "reply",
	[REPORT_MESSAGE] = "message",
	[REPORT_RESIDENT] = "resident",
};

static bool
target_valid(enum report_target t)
{
	return (unsigned)t < sizeof target_kinds / sizeof target_kinds[0];
}

/* One write inside the open transaction; no row changed is NOT_FOUND. */
static int
step_changed(struct store *s, sqlite3_stmt *stmt)
{
	int rc;

	if ((rc = store_step_done(s, stmt)) != STORE_OK)
		return rc;
	return sqlite3_changes(s->db) == 0 ? STORE_NOT_FOUND : STORE_OK;
}

static void
bind_actor(sqlite3_stmt *stmt, const struct actor *a)
{
	bind_int64(stmt, ":actor", a != NULL ? a->resident_id : 0);
}

/* Resident ids written as "who did it": NULL for the console. */
static void
bind_by(sqlite3_stmt *stmt, const char *name, const struct actor *a)
{
	if (a->resident_id != 0)
		bind_int64(stmt, name, a->resident_id);
	else
		bind_text(stmt, name, NULL);
}

/* The reason, cleaned; an empty one is refused with a clear sentence. */
static int
clean_reason(struct store *s, const char *reason, char **out)
{
	int rc;

	*out = NULL;
	if ((rc = store_clean(s, reason, TEXT_MULTILINE | TEXT_ALLOW_EMPTY,
	    STORE_REASON_MAX, out)) != STORE_OK)
		return rc;
	if (**out == '\0') {
		free(*out);
		*out = NULL;
		return store_invalid(s, _("Give a reason: it is written in "
		    "the moderation log and, for a hidden item, shown to its "
		    "author."));
	}
	return STORE_OK;
}

/* STORE_OK when the actor is the console or a verified moderator/sysop. */
static int
actor_check(struct store *s, const struct actor *a)
{
	sqlite3_stmt *stmt;
	int rc, ok = 0;

	stmt = store_stmt(s, "SELECT :actor = 0 OR EXISTS (SELECT 1"
	    " FROM residents a WHERE a.id = :actor AND a.status = 'verified'"
	    " AND a.role IN ('moderator', 'sysop'))");
	bind_actor(stmt, a);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		ok = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc);
	return ok ? STORE_OK : STORE_DENIED;
}

/* What an action needs to know of its target. */
struct facts {
	int64_t	 quartier_id;
	int64_t	 author_id;	/* the author, or the resident himself */
	bool	 hidden;	/* hidden; for a resident: suspended */
	bool	 may;		/* the actor may act on it */
	char	*role;		/* a resident's role */
	char	*status;	/* a resident's status */
};

static int
target_facts(struct store *s, const struct actor *a, enum report_target t,
    int64_t id, struct facts *f)
{
	sqlite3_stmt *stmt;
	int rc;

	memset(f, 0, sizeof *f);
	switch (t) {
	case REPORT_ITEM:
		stmt = store_stmt(s, "SELECT i.quartier_id,"
		    " coalesce(i.author_id, 0), i.hidden_at IS NOT NULL, "
		    ACTOR_MAY("i.quartier_id") ", NULL, NULL"
		    " FROM items i WHERE i.id = :id AND i.deleted_at IS NULL");
		break;
	case REPORT_REPLY:
		stmt = store_stmt(s, "SELECT i.quartier_id,"
		    " coalesce(p.author_id, 0), p.hidden_at IS NOT NULL, "
		    ACTOR_MAY("i.quartier_id") ", NULL, NULL"
		    " FROM replies p JOIN items i ON i.id = p.item_id"
		    " WHERE p.id = :id AND p.deleted_at IS NULL");
		break;
	case REPORT_MESSAGE:
		stmt = store_stmt(s, "SELECT m.quartier_id,"
		    " coalesce(m.sender_id, 0), m.hidden_at IS NOT NULL, "
		    ACTOR_MAY("m.quartier_id") ", NULL, NULL"
		    " FROM messages m WHERE m.id = :id");
		break;
	case REPORT_RESIDENT:
		/* A moderator acts on residents and helpers, never on a
		 * fellow moderator or a sysop; nobody acts on himself. */
		stmt = store_stmt(s, "SELECT r.quartier_id, r.id,"
		    " r.status = 'suspended', " ACTOR_MAY("r.quartier_id")
		    " AND r.id != :actor AND (" ACTOR_SYSOP
		    "  OR r.role IN ('resident', 'helper')),"
		    " r.role, r.status FROM residents r WHERE r.id = :id");
		break;
	default:
		return STORE_NOT_FOUND;
	}
	bind_actor(stmt, a);
	bind_int64(stmt, ":id", id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		f->quartier_id = sqlite3_column_int64(stmt, 0);
		f->author_id = sqlite3_column_int64(stmt, 1);
		f->hidden = sqlite3_column_int(stmt, 2) != 0;
		f->may = sqlite3_column_int(stmt, 3) != 0;
		f->role = column_text(stmt, 4);
		f->status = column_text(stmt, 5);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return f->may ? STORE_OK : STORE_DENIED;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, rc);
}

static void
facts_clear(struct facts *f)
{
	free(f->role);
	free(f->status);
	memset(f, 0, sizeof *f);
}

/* One line of the log: who, what, when, why. */
static int
mod_log_write(struct store *s, const struct actor *a, int64_t quartier_id,
    const char *action, const char *kind, int64_t target_id,
    const char *reason)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "INSERT INTO moderation_log (actor_id,"
	    " actor_name, quartier_id, action, target_kind, target_id, reason,"
	    " created_at) VALUES (nullif(:actor, 0), CASE WHEN :actor = 0"
	    " THEN coalesce(:console, 'sysop') ELSE (SELECT display_name"
	    " FROM residents WHERE id = :actor) END, nullif(:quartier, 0),"
	    " :action, :kind, :id, :reason, :now)");
	bind_actor(stmt, a);
	bind_text(stmt, ":console", a->name);
	bind_int64(stmt, ":quartier", quartier_id);
	bind_text(stmt, ":action", action);
	bind_text(stmt, ":kind", kind);
	bind_int64(stmt, ":id", target_id);
	bind_text(stmt, ":reason", reason);
	bind_int64(stmt, ":now", now_seconds());
	return step_changed(s, stmt);
}

/* The open reports on a target are answered by ACTION. */
static int
resolve_reports(struct store *s, const struct actor *a, const char *kind,
    int64_t target_id, const char *action)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "UPDATE reports SET resolved_at = :now,"
	    " resolved_by = :by, resolution = :action"
	    " WHERE target_kind = :kind AND target_id = :id"
	    " AND resolved_at IS NULL");
	bind_int64(stmt, ":now", now_seconds());
	bind_by(stmt, ":by", a);
	bind_text(stmt, ":action", action);
	bind_text(stmt, ":kind", kind);
	bind_int64(stmt, ":id", target_id);
	return store_step_done(s, stmt);
}

/* Log the action and close the reports it answers. */
static int
mod_done(struct store *s, const struct actor *a, int64_t quartier_id,
    const char *action, enum report_target t, int64_t id, const char *reason)
{
	int rc;

	if ((rc = mod_log_write(s, a, quartier_id, action, target_kinds[t], id,
	    reason)) != STORE_OK)
		return rc;
	return resolve_reports(s, a, target_kinds[t], id, action);
}

/* Hide (HIDE) or restore a target, in the open transaction. */
static int
set_hidden(struct store *s, const struct actor *a, enum report_target t,
    int64_t id, bool hide, const char *reason)
{
	sqlite3_stmt *stmt;
	int rc;

	switch (t) {
	case REPORT_ITEM:
		stmt = hide ? store_stmt(s, "UPDATE items SET hidden_at = :now,"
		    " hidden_by = :by, hidden_reason = :reason"
		    " WHERE id = :id AND hidden_at IS NULL AND "
		    ACTOR_MAY("items.quartier_id")) :
		    store_stmt(s, "UPDATE items SET hidden_at = NULL,"
		    " hidden_by = NULL, hidden_reason = NULL"
		    " WHERE id = :id AND hidden_at IS NOT NULL AND "
		    ACTOR_MAY("items.quartier_id"));
		break;
	case REPORT_REPLY:
		stmt = hide ? store_stmt(s, "UPDATE replies SET"
		    " hidden_at = :now, hidden_by = :by,"
		    " hidden_reason = :reason"
		    " WHERE id = :id AND hidden_at IS NULL AND "
		    ACTOR_MAY("(SELECT i.quartier_id FROM items i"
		    " WHERE i.id = replies.item_id)")) :
		    store_stmt(s, "UPDATE replies SET hidden_at = NULL,"
		    " hidden_by = NULL, hidden_reason = NULL"
		    " WHERE id = :id AND hidden_at IS NOT NULL AND "
		    ACTOR_MAY("(SELECT i.quartier_id FROM items i"
		    " WHERE i.id = replies.item_id)"));
		break;
	case REPORT_MESSAGE:
		stmt = hide ? store_stmt(s, "UPDATE messages SET"
		    " hidden_at = :now, hidden_by = :by,"
		    " hidden_reason = :reason"
		    " WHERE id = :id AND hidden_at IS NULL AND "
		    ACTOR_MAY("messages.quartier_id")) :
		    store_stmt(s, "UPDATE messages SET hidden_at = NULL,"
		    " hidden_by = NULL, hidden_reason = NULL"
		    " WHERE id = :id AND hidden_at IS NOT NULL AND "
		    ACTOR_MAY("messages.quartier_id"));
		break;
	default:
		return STORE_NOT_FOUND;
	}
	bind_actor(stmt, a);
	bind_int64(stmt, ":id", id);
	if (hide) {
		bind_int64(stmt, ":now", now_seconds());
		bind_by(stmt, ":by", a);
		bind_text(stmt, ":reason", reason);
	}
	if ((rc = step_changed(s, stmt)) != STORE_OK)
		return rc;
	/* Hidden things leave the search index; restored ones come back. */
	if (t == REPORT_ITEM)
		return search_sync_item(s, id);
	if (t == REPORT_REPLY)
		return search_sync_reply(s, id);
	return STORE_OK;
}

static int
hide_or_restore(struct store *s, const struct actor *a, enum report_target t,
    int64_t id, const char *reason, bool hide)
{
	struct facts f;
	char *creason;
	int rc;

	if (!target_valid(t) || t == REPORT_RESIDENT)
		return STORE_NOT_FOUND;
	if ((rc = clean_reason(s, reason, &creason)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK) {
		free(creason);
		return rc;
	}
	rc = target_facts(s, a, t, id, &f);
	if (rc == STORE_OK && f.hidden == hide)
		rc = store_invalid(s, hide ? _("This is already hidden.") :
		    _("This is not hidden."));
	if (rc == STORE_OK)
		rc = set_hidden(s, a, t, id, hide, creason);
	if (rc == STORE_OK)
		rc = mod_done(s, a, f.quartier_id, hide ? "hide" : "restore",
		    t, id, creason);
	rc = store_finish(s, rc);
	facts_clear(&f);
	free(creason);
	return rc;
}

int
store_mod_hide(struct store *s, const struct actor *a, enum report_target t,
    int64_t id, const char *reason)
{
	return hide_or_restore(s, a, t, id, reason, true);
}

int
store_mod_restore(struct store *s, const struct actor *a,
    enum report_target t, int64_t id, const char *reason)
{
	return hide_or_restore(s, a, t, id, reason, false);
}

/* The warning's text, from the reason the moderator gave. */
static void
compose_warning(const void *facts, char **subject, char **body)
{
	const char *reason = facts;

	*subject = xstrdup(_("Warning from the moderation"));
	*body = xasprintf("%s\n\n%s\n\n%s", _("The moderators of your quartier "
	    "send you a warning:"), reason, _("Please keep the exchanges "
	    "friendly and respectful. If this happens again, your account "
	    "may be suspended."));
}

/*
 * The warning itself: written in the recipient's language, sent by the
 * moderator (or by Quartier for the console), marked as from moderation
 * and delivered even to someone who blocked the moderator.
 */
static int
send_warning(struct store *s, const struct actor *a, int64_t resident_id,
    const char *reason, int64_t about_item_id)
{
	return store_notify(s, &(struct notice){
		.kind = NOTICE_MODERATION,
		.recipient_id = resident_id,
		.sender_id = a->resident_id,
		.about_item_id = about_item_id,
		.compose = compose_warning,
		.facts = reason,
	});
}

int
store_mod_warn(struct store *s, const struct actor *a, int64_t resident_id,
    const char *reason, int64_t about_item_id)
{
	sqlite3_stmt *stmt;
	struct facts f;
	char *creason;
	int rc;

	if ((rc = clean_reason(s, reason, &creason)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK) {
		free(creason);
		return rc;
	}
	rc = target_facts(s, a, REPORT_RESIDENT, resident_id, &f);
	if (rc == STORE_OK && about_item_id != 0) {
		/* The item must be of the resident's own quartier. */
		stmt = store_stmt(s, "SELECT 1 FROM items WHERE id = :id"
		    " AND quartier_id = :quartier");
		bind_int64(stmt, ":id", about_item_id);
		bind_int64(stmt, ":quartier", f.quartier_id);
		rc = store_step_found(s, stmt);
	}
	if (rc == STORE_OK)
		rc = send_warning(s, a, resident_id, creason, about_item_id);
	if (rc == STORE_OK)
		rc = mod_done(s, a, f.quartier_id, "warn", REPORT_RESIDENT,
		    resident_id, creason);
	/* A warning about an item answers the reports on that item too. */
	if (rc == STORE_OK && about_item_id != 0)
		rc = resolve_reports(s, a, "item", about_item_id, "warn");
	rc = store_finish(s, rc);
	facts_clear(&f);
	free(creason);
	return rc;
}

int
store_mod_suspend(struct store *s, const struct actor *a, int64_t resident_id,
    int64_t until, const char *reason)
{
	sqlite3_stmt *stmt;
	struct facts f;
	char *creason;
	int rc;

	if (until != 0 && until <= now_seconds())
		return store_invalid(s, _("The end of a suspension must be in "
		    "the future."));
	if ((rc = clean_reason(s, reason, &creason)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK) {
		free(creason);
		return rc;
	}
	rc = target_facts(s, a, REPORT_RESIDENT, resident_id, &f);
	if (rc == STORE_OK && f.status != NULL &&
	    strcmp(f.status, "pending") == 0)
		rc = store_invalid(s, _("This resident is not verified yet: "
		    "there is nothing to suspend."));
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "UPDATE residents SET status = 'suspended',"
		    " suspended_until = :until, suspend_reason = :reason"
		    " WHERE id = :id AND status IN ('verified', 'suspended')"
		    " AND " ACTOR_MAY("residents.quartier_id"));
		bind_actor(stmt, a);
		bind_int64(stmt, ":id", resident_id);
		if (until != 0)
			bind_int64(stmt, ":until", until);
		else
			bind_text(stmt, ":until", NULL);
		bind_text(stmt, ":reason", creason);
		rc = step_changed(s, stmt);
	}
	if (rc == STORE_OK)
		rc = mod_done(s, a, f.quartier_id, "suspend", REPORT_RESIDENT,
		    resident_id, creason);
	rc = store_finish(s, rc);
	facts_clear(&f);
	free(creason);
	return rc;
}

int
store_mod_lift(struct store *s, const struct actor *a, int64_t resident_id,
    const char *reason)
{
	sqlite3_stmt *stmt;
	struct facts f;
	char *creason;
	int rc;

	if ((rc = clean_reason(s, reason, &creason)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK) {
		free(creason);
		return rc;
	}
	rc = target_facts(s, a, REPORT_RESIDENT, resident_id, &f);
	if (rc == STORE_OK && !f.hidden)
		rc = store_invalid(s, _("This resident is not suspended."));
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "UPDATE residents SET status = 'verified',"
		    " suspended_until = NULL, suspend_reason = NULL"
		    " WHERE id = :id AND status = 'suspended'"
		    " AND " ACTOR_MAY("residents.quartier_id"));
		bind_actor(stmt, a);
		bind_int64(stmt, ":id", resident_id);
		rc = step_changed(s, stmt);
	}
	if (rc == STORE_OK)
		rc = mod_done(s, a, f.quartier_id, "lift", REPORT_RESIDENT,
		    resident_id, creason);
	rc = store_finish(s, rc);
	facts_clear(&f);
	free(creason);
	return rc;
}

int
store_mod_set_role(struct store *s, const struct actor *a,
    int64_t resident_id, enum resident_role role, const char *reason)
{
	sqlite3_stmt *stmt;
	int64_t quartier_id = 0;
	char *creason;
	int rc, step, sysop = 0;

	if (resident_role_name(role) == NULL)
		return store_invalid(s, _("No such role."));
	if ((rc = clean_reason(s, reason, &creason)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK) {
		free(creason);
		return rc;
	}
	stmt = store_stmt(s, "SELECT r.quartier_id, " ACTOR_SYSOP
	    " FROM residents r WHERE r.id = :id");
	bind_actor(stmt, a);
	bind_int64(stmt, ":id", resident_id);
	if ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		quartier_id = sqlite3_column_int64(stmt, 0);
		sysop = sqlite3_column_int(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (step != SQLITE_ROW)
		rc = step == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, step);
	else if (!sysop)
		rc = STORE_DENIED;
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "UPDATE residents SET role = :role"
		    " WHERE id = :id AND " ACTOR_SYSOP);
		bind_actor(stmt, a);
		bind_int64(stmt, ":id", resident_id);
		bind_text(stmt, ":role", resident_role_name(role));
		rc = step_changed(s, stmt);
	}
	/* The role is part of what the log keeps: "role: moderator". */
	if (rc == STORE_OK) {
		char *line = xasprintf("%s: %s", resident_role_name(role),
		    creason);

		rc = mod_log_write(s, a, quartier_id, "role", "resident",
		    resident_id, line);
		free(line);
	}
	rc = store_finish(s, rc);
	free(creason);
	return rc;
}

/* Reports. */

/*
 * The open reports, one line per target (its oldest open report) with the
 * number of open reports on it.  The inner query finds the target's
 * author and texts, the outer one names the people.
 */
#define REPORT_SELECT \
	"SELECT t.id, t.target_kind, t.target_id, t.item_id, t.kind," \
	" t.excerpt, t.author_id, au.display_name, t.reporter_id," \
	" rp.display_name, t.quartier_id, q.name, t.reason, t.created_at," \
	" t.reports, t.hidden, t.text FROM (SELECT r.id, r.target_kind," \
	" r.target_id, r.reporter_id, r.quartier_id, r.reason, r.created_at," \
	" CASE r.target_kind WHEN 'item' THEN r.target_id" \
	"  WHEN 'reply' THEN (SELECT item_id FROM replies" \
	"   WHERE id = r.target_id) ELSE 0 END AS item_id," \
	" CASE r.target_kind WHEN 'item' THEN (SELECT kind FROM items" \
	"   WHERE id = r.target_id)" \
	"  WHEN 'reply' THEN (SELECT i.kind FROM replies p" \
	"   JOIN items i ON i.id = p.item_id WHERE p.id = r.target_id)" \
	"  END AS kind," \
	" CASE r.target_kind WHEN 'item' THEN (SELECT title FROM items" \
	"   WHERE id = r.target_id)" \
	"  WHEN 'reply' THEN (SELECT substr(body, 1, 200) FROM replies" \
	"   WHERE id = r.target_id)" \
	"  WHEN 'message' THEN (SELECT subject FROM messages" \
	"   WHERE id = r.target_id)" \
	"  ELSE (SELECT display_name || ' (' || handle || ')'" \
	"   FROM residents WHERE id = r.target_id) END AS excerpt," \
	" CASE r.target_kind WHEN 'item' THEN (SELECT title || char(10)" \
	"   || char(10) || body FROM items WHERE id = r.target_id)" \
	"  WHEN 'reply' THEN (SELECT body FROM replies" \
	"   WHERE id = r.target_id)" \
	"  WHEN 'message' THEN (SELECT subject || char(10) || char(10)" \
	"   || body FROM messages WHERE id = r.target_id)" \
	"  ELSE (SELECT display_name || ' (' || handle || ')'" \
	"   FROM residents WHERE id = r.target_id) END AS text," \
	" CASE r.target_kind WHEN 'item' THEN (SELECT author_id FROM items" \
	"   WHERE id = r.target_id)" \
	"  WHEN 'reply' THEN (SELECT author_id FROM replies" \
	"   WHERE id = r.target_id)" \
	"  WHEN 'message' THEN (SELECT sender_id FROM messages" \
	"   WHERE id = r.target_id)" \
	"  ELSE r.target_id END AS author_id," \
	" CASE r.target_kind WHEN 'item' THEN (SELECT hidden_at IS NOT NULL" \
	"   FROM items WHERE id = r.target_id)" \
	"  WHEN 'reply' THEN (SELECT hidden_at IS NOT NULL FROM replies" \
	"   WHERE id = r.target_id)" \
	"  WHEN 'message' THEN (SELECT hidden_at IS NOT NULL FROM messages" \
	"   WHERE id = r.target_id)" \
	"  ELSE (SELECT status = 'suspended' FROM residents" \
	"   WHERE id = r.target_id) END AS hidden," \
	" (SELECT count(*) FROM reports o WHERE o.target_kind = r.target_kind" \
	"  AND o.target_id = r.target_id AND o.resolved_at IS NULL)" \
	"  AS reports" \
	" FROM reports r WHERE r.resolved_at IS NULL" \
	" AND (:quartier = 0 OR r.quartier_id = :quartier)" \
	" AND " ACTOR_MAY("r.quartier_id") \
	" AND NOT EXISTS (SELECT 1 FROM reports o" \
	"  WHERE o.target_kind = r.target_kind AND o.target_id = r.target_id" \
	"  AND o.resolved_at IS NULL AND o.id < r.id)) t" \
	" LEFT JOIN residents au ON au.id = t.author_id" \
	" LEFT JOIN residents rp ON rp.id = t.reporter_id" \
	" JOIN quartiers q ON q.id = t.quartier_id"

static enum report_target
target_parse(const char *kind)
{
	size_t i;

	for (i = 0; kind != NULL &&
	    i < sizeof target_kinds / sizeof target_kinds[0]; i++) {
		if (strcmp(target_kinds[i], kind) == 0)
			return (enum report_target)i;
	}
	return REPORT_RESIDENT;
}

static void
read_report(sqlite3_stmt *stmt, void *row, bool full)
{
	struct report_info *r = row;
	char *kind;

	(void)full;
	r->id = sqlite3_column_int64(stmt, 0);
	kind = column_text(stmt, 1);
	r->target = target_parse(kind);
	free(kind);
	r->target_id = sqlite3_column_int64(stmt, 2);
	r->item_id = sqlite3_column_int64(stmt, 3);
	r->kind = column_text(stmt, 4);
	r->excerpt = column_text(stmt, 5);
	r->author_id = sqlite3_column_int64(stmt, 6);
	r->author_name = column_text(stmt, 7);
	r->reporter_id = sqlite3_column_int64(stmt, 8);
	r->reporter_name = column_text(stmt, 9);
	r->quartier_id = sqlite3_column_int64(stmt, 10);
	r->quartier = column_text(stmt, 11);
	r->reason = column_text(stmt, 12);
	r->created_at = sqlite3_column_int64(stmt, 13);
	r->reports = sqlite3_column_int(stmt, 14);
	r->hidden = sqlite3_column_int(stmt, 15) != 0;
	r->text = column_text(stmt, 16);
}

int
store_reports_open(struct store *s, const struct actor *a,
    int64_t quartier_id, int offset, int limit, struct report_info **out,
    size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = actor_check(s, a)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, REPORT_SELECT
	    " ORDER BY t.created_at, t.id LIMIT :limit OFFSET :offset");
	bind_actor(stmt, a);
	bind_int64(stmt, ":quartier", quartier_id);
	bind_int64(stmt, ":limit", limit);
	bind_int64(stmt, ":offset", offset);
	*out = store_read_rows(s, stmt, sizeof **out, read_report, true, n,
	    &rc);
	if (rc != STORE_OK) {
		report_info_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* The number of lines of the queue: targets with open reports. */
int
store_report_count(struct store *s, const struct actor *a,
    int64_t quartier_id, int *n)
{
	sqlite3_stmt *stmt;
	int rc;

	*n = 0;
	if ((rc = actor_check(s, a)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "SELECT count(DISTINCT r.target_kind || ':'"
	    " || r.target_id) FROM reports r WHERE r.resolved_at IS NULL"
	    " AND (:quartier = 0 OR r.quartier_id = :quartier)"
	    " AND " ACTOR_MAY("r.quartier_id"));
	bind_actor(stmt, a);
	bind_int64(stmt, ":quartier", quartier_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		*n = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc);
}

int
store_report_dismiss(struct store *s, const struct actor *a,
    int64_t report_id, const char *reason)
{
	sqlite3_stmt *stmt;
	int64_t quartier_id = 0, target_id = 0;
	char *creason, *kind = NULL;
	int rc, step, may = 0;

	if ((rc = clean_reason(s, reason, &creason)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK) {
		free(creason);
		return rc;
	}
	stmt = store_stmt(s, "SELECT r.quartier_id, r.target_kind,"
	    " r.target_id, " ACTOR_MAY("r.quartier_id")
	    " FROM reports r WHERE r.id = :id AND r.resolved_at IS NULL");
	bind_actor(stmt, a);
	bind_int64(stmt, ":id", report_id);
	if ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		quartier_id = sqlite3_column_int64(stmt, 0);
		kind = column_text(stmt, 1);
		target_id = sqlite3_column_int64(stmt, 2);
		may = sqlite3_column_int(stmt, 3);
	}
	sqlite3_reset(stmt);
	if (step != SQLITE_ROW)
		rc = step == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, step);
	else if (!may)
		rc = STORE_DENIED;
	/* Every open report on the same target goes: they are one line. */
	if (rc == STORE_OK)
		rc = mod_log_write(s, a, quartier_id, "dismiss", kind,
		    target_id, creason);
	if (rc == STORE_OK)
		rc = resolve_reports(s, a, kind, target_id, "dismiss");
	rc = store_finish(s, rc);
	free(kind);
	free(creason);
	return rc;
}

void
report_info_list_free(struct report_info *r, size_t n)
{
	size_t i;

	for (i = 0; r != NULL && i < n; i++) {
		free(r[i].kind);
		free(r[i].excerpt);
		free(r[i].text);
		free(r[i].author_name);
		free(r[i].reporter_name);
		free(r[i].quartier);
		free(r[i].reason);
	}
	free(r);
}

/* The log. */

const char *const mod_reason_keys[] = {
	[MOD_REASON_IN_PERSON] = N_("proof of address checked in person"),
	[MOD_REASON_SUSPENSION_ENDED] = N_("The suspension ended at its set "
	    "time."),
};

/* REASON as the reader reads it: a key of mod_reason_keys[] in the
 * language now applied, anything else as it was written.  Frees REASON
 * when it returns another string. */
static char *
mod_reason_text(char *reason)
{
	size_t i;

	for (i = 0; reason != NULL &&
	    i < sizeof mod_reason_keys / sizeof mod_reason_keys[0]; i++) {
		if (strcmp(mod_reason_keys[i], reason) == 0) {
			free(reason);
			return xstrdup(_(mod_reason_keys[i]));
		}
	}
	return reason;
}

static void
read_log(sqlite3_stmt *stmt, void *row, bool full)
{
	struct mod_log_entry *e = row;

	(void)full;
	e->id = sqlite3_column_int64(stmt, 0);
	e->actor_name = column_text(stmt, 1);
	e->quartier = column_text(stmt, 2);
	e->action = column_text(stmt, 3);
	e->target_kind = column_text(stmt, 4);
	e->target_id = sqlite3_column_int64(stmt, 5);
	e->target_label = column_text(stmt, 6);
	e->reason = mod_reason_text(column_text(stmt, 7));
	e->created_at = sqlite3_column_int64(stmt, 8);
}

int
store_mod_log(struct store *s, const struct actor *a, int64_t quartier_id,
    const struct wall_cursor *after, int limit, struct mod_log_entry **out,
    size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = actor_check(s, a)) != STORE_OK)
		return rc;
	/* Entries of no quartier (the console's) are for sysops only. */
	stmt = store_stmt(s, "SELECT l.id, l.actor_name, q.name, l.action,"
	    " l.target_kind, l.target_id,"
	    " CASE l.target_kind WHEN 'item' THEN (SELECT title FROM items"
	    "   WHERE id = l.target_id)"
	    "  WHEN 'reply' THEN (SELECT i.title FROM replies p"
	    "   JOIN items i ON i.id = p.item_id WHERE p.id = l.target_id)"
	    "  WHEN 'message' THEN (SELECT subject FROM messages"
	    "   WHERE id = l.target_id)"
	    "  WHEN 'resident' THEN (SELECT display_name FROM residents"
	    "   WHERE id = l.target_id) END,"
	    " l.reason, l.created_at"
	    " FROM moderation_log l LEFT JOIN quartiers q"
	    " ON q.id = l.quartier_id"
	    " WHERE (:quartier = 0 OR l.quartier_id = :quartier)"
	    " AND " ACTOR_MAY("l.quartier_id")
	    " AND (l.created_at, l.id) < (:time, :id)"
	    " ORDER BY l.created_at DESC, l.id DESC LIMIT :limit");
	bind_actor(stmt, a);
	bind_int64(stmt, ":quartier", quartier_id);
	if (after != NULL && after->id != 0) {
		bind_int64(stmt, ":time", after->created_at);
		bind_int64(stmt, ":id", after->id);
	} else {
		bind_int64(stmt, ":time", INT64_MAX);
		bind_int64(stmt, ":id", INT64_MAX);
	}
	bind_int64(stmt, ":limit", limit);
	*out = store_read_rows(s, stmt, sizeof **out, read_log, false, n, &rc);
	if (rc != STORE_OK) {
		mod_log_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
mod_log_list_free(struct mod_log_entry *e, size_t n)
{
	size_t i;

	for (i = 0; e != NULL && i < n; i++) {
		free(e[i].actor_name);
		free(e[i].quartier);
		free(e[i].action);
		free(e[i].target_kind);
		free(e[i].target_label);
		free(e[i].reason);
	}
	free(e);
}

/* The words of the log's codes; a code this version does not know is
 * shown as it is. */
struct mod_word {
	const char	*code, *word;
};

static const char *
mod_word(const struct mod_word *words, size_t n, const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < n; i++) {
		if (strcmp(words[i].code, code) == 0)
			return _(words[i].word);
	}
	return code != NULL ? code : "";
}

const char *
mod_action_word(const char *action)
{
	static const struct mod_word words[] = {
		{ "hide", N_("hidden") },
		{ "restore", N_("restored") },
		{ "warn", N_("warned") },
		{ "suspend", N_("suspended") },
		{ "lift", N_("suspension lifted") },
		{ "role", N_("role changed") },
		{ "dismiss", N_("report dismissed") },
		{ "verify", N_("verified in person") },
	};

	return mod_word(words, sizeof words / sizeof words[0], action);
}

const char *
mod_target_word(const char *kind)
{
	static const struct mod_word words[] = {
		{ "item", N_("item") },
		{ "reply", N_("reply") },
		{ "message", N_("message") },
		{ "resident", N_("resident") },
	};

	return mod_word(words, sizeof words / sizeof words[0], kind);
}

/* Reports: what any resident sends the moderators. */

/*
 * A post shared from a neighbouring quartier (ITEM_SHARED_HERE):
 * its readers there report it, and its replies, to its own quartier's
 * moderators, who alone hide it, everywhere at once.
 */
#define REPORT_SHARED " OR" ITEM_SHARED_HERE

/*
 * Whether the viewer can see the target of a report, and the quartier
 * whose moderators get it (*QUARTIER_ID).  One statement per kind of
 * target, each with the viewer's quartier in it.
 */
static int
report_target_visible(struct store *s, const struct viewer *v,
    enum report_target target, int64_t id, int64_t *quartier_id)
{
	sqlite3_stmt *stmt;
	int rc;

	switch (target) {
	case REPORT_ITEM:
		stmt = store_stmt(s, "SELECT i.quartier_id FROM items i"
		    " WHERE i.id = :id"
		    " AND (i.quartier_id = " VIEWER_QUARTIER REPORT_SHARED ")"
		    " AND i.deleted_at IS NULL AND i.hidden_at IS NULL");
		break;
	case REPORT_REPLY:
		stmt = store_stmt(s, "SELECT i.quartier_id FROM replies p"
		    " JOIN items i ON i.id = p.item_id WHERE p.id = :id"
		    " AND (i.quartier_id = " VIEWER_QUARTIER REPORT_SHARED ")"
		    " AND i.deleted_at IS NULL AND i.hidden_at IS NULL"
		    " AND p.deleted_at IS NULL AND p.hidden_at IS NULL");
		break;
	case REPORT_MESSAGE:
		stmt = store_stmt(s, "SELECT m.quartier_id FROM messages m"
		    " WHERE m.id = :id AND m.quartier_id = " VIEWER_QUARTIER
		    " AND (m.sender_id = :viewer OR m.recipient_id = :viewer)");
		break;
	case REPORT_RESIDENT:
		stmt = store_stmt(s, "SELECT r.quartier_id FROM residents r"
		    " WHERE r.id = :id AND r.id != :viewer"
		    " AND r.quartier_id = " VIEWER_QUARTIER);
		break;
	default:
		return STORE_NOT_FOUND;
	}
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*quartier_id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, rc);
}

int
store_report(struct store *s, const struct viewer *v,
    enum report_target target, int64_t target_id, const char *reason,
    int64_t *id)
{
	sqlite3_stmt *stmt;
	char *creason;
	int64_t quartier_id = 0;
	int rc, open = 0;

	if (!target_valid(target))
		return STORE_NOT_FOUND;
	if ((rc = store_clean(s, reason, TEXT_MULTILINE | TEXT_ALLOW_EMPTY,
	    STORE_REASON_MAX, &creason)) != STORE_OK)
		return rc;
	if (*creason == '\0') {
		free(creason);
		return store_invalid(s, _("Say in a few words what is wrong: "
		    "the moderators will read it."));
	}
	if ((rc = store_begin(s)) != STORE_OK) {
		free(creason);
		return rc;
	}
	rc = report_target_visible(s, v, target, target_id, &quartier_id);
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "SELECT EXISTS (SELECT 1 FROM reports"
		    " WHERE reporter_id = :viewer AND target_kind = :kind"
		    " AND target_id = :id AND resolved_at IS NULL)");
		bind_viewer(stmt, v);
		bind_text(stmt, ":kind", target_kinds[target]);
		bind_int64(stmt, ":id", target_id);
		if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			open = sqlite3_column_int(stmt, 0);
			rc = STORE_OK;
		} else
			rc = store_fail(s, rc);
		sqlite3_reset(stmt);
		if (rc == STORE_OK && open)
			rc = store_refuse(s, STORE_DUPLICATE, _("You have "
			    "already reported this; the moderators will look "
			    "at it."));
	}
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "INSERT INTO reports (reporter_id,"
		    " quartier_id, target_kind, target_id, reason, created_at)"
		    " SELECT :viewer, :quartier, :kind, :id, :reason,"
		    " :now WHERE " VIEWER_QUARTIER " IS NOT NULL");
		bind_viewer(stmt, v);
		bind_int64(stmt, ":quartier", quartier_id);
		bind_text(stmt, ":kind", target_kinds[target]);
		bind_int64(stmt, ":id", target_id);
		bind_text(stmt, ":reason", creason);
		bind_int64(stmt, ":now", now_seconds());
		rc = store_step_done(s, stmt);
		if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
			rc = STORE_NOT_FOUND;
	}
	if ((rc = store_finish(s, rc)) == STORE_OK && id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	free(creason);
	return rc;
}
