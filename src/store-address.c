/*
 * store-address.c - bonnes adresses: the doctors, artisans, shops and
 * baby-sitters that neighbours of one quartier recommend to each other.
 *
 * An address is an items row (kind 'address': its kind code in category,
 * its name in title, how to reach it in body) and an addresses row beside
 * it (the trade, the street, "takes new patients", a private person's
 * consent, the folded name), written together.  A recommendation is a
 * reply to the address, at most one live reply per neighbour: the reply's
 * author recommends it and its body is what they say.  REPLY_COUNT is
 * then the number of neighbours who recommend it, and the list's order
 * (items_recommended).  Replies are counted as the wall counts them, so a
 * comment hidden by the moderation still counts: the neighbour still
 * recommends the address, only their words are hidden.
 *
 * Every query compares the item's quartier with VIEWER_QUARTIER.
 */
#include "build-config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

#define ADDRESS_STREET_MAX	QUARTIER_STREET_MAX
#define ADDRESS_TRADE_MAX	60
#define ADDRESS_CONTACT_MAX	500
#define ADDRESS_COMMENT_MAX	1000

const struct address_kind address_kinds[] = {
	{ .code = "doctor", .label = N_("General practitioner"),
	  .patients = true },
	{ .code = "specialist", .label = N_("Specialist doctor"),
	  .patients = true },
	{ .code = "dentist", .label = N_("Dentist"), .patients = true },
	{ .code = "physio", .label = N_("Physiotherapist"), .patients = true },
	{ .code = "pharmacy", .label = N_("Pharmacy") },
	{ .code = "artisan", .label = N_("Artisan"), .trade = true },
	{ .code = "garage", .label = N_("Garage") },
	{ .code = "shop", .label = N_("Shop") },
	{ .code = "restaurant", .label = N_("Restaurant") },
	{ .code = "childcare", .label = N_("Baby-sitting and childcare"),
	  .person = true },
	{ .code = "association", .label = N_("Association") },
	{ .code = "public", .label = N_("Public service") },
	{ .code = "other", .label = N_("Other"), .person = true },
};
const size_t address_kind_count =
    sizeof address_kinds / sizeof address_kinds[0];

const struct address_kind *
address_kind_find(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < address_kind_count; i++) {
		if (strcmp(address_kinds[i].code, code) == 0)
			return &address_kinds[i];
	}
	return NULL;
}

/* The words of addresses.patients and .person, by enum value. */
static const char *const patients_codes[] = { NULL, "unknown", "yes", "no" };
static const char *const person_codes[] = { NULL, "self", "agreed" };

static int
code_of(const char *const *codes, size_t n, const unsigned char *code)
{
	size_t i;

	for (i = 1; code != NULL && i < n; i++) {
		if (strcmp(codes[i], (const char *)code) == 0)
			return (int)i;
	}
	return 0;
}

/* An address the viewer may see: their quartier, not removed, hidden by
 * moderation only to its author. */
#define ADDRESS_VISIBLE \
	" i.quartier_id = " VIEWER_QUARTIER " AND i.kind = 'address'" \
	" AND i.deleted_at IS NULL" \
	" AND (i.hidden_at IS NULL OR i.author_id = :viewer)"

#define ADDRESS_SELECT \
	" i.id, i.category, a.trade, i.title, a.street, i.body, a.patients," \
	" a.patients_at, pb.display_name, a.person, i.author_id," \
	" w.display_name, i.reply_count," \
	" EXISTS (SELECT 1 FROM replies p WHERE p.item_id = i.id" \
	"  AND p.author_id = :viewer AND p.deleted_at IS NULL)," \
	" i.author_id IS :viewer, i.created_at, i.updated_at," \
	" i.hidden_at IS NOT NULL, i.hidden_reason"
#define ADDRESS_JOINS \
	" JOIN addresses a ON a.item_id = i.id" \
	" LEFT JOIN residents w ON w.id = i.author_id" \
	" LEFT JOIN residents pb ON pb.id = a.patients_by"

static void
read_address(sqlite3_stmt *stmt, void *row, bool full)
{
	struct address *a = row;

	(void)full;
	a->id = sqlite3_column_int64(stmt, 0);
	a->kind = column_text(stmt, 1);
	a->trade = column_text(stmt, 2);
	a->name = column_text(stmt, 3);
	a->street = column_text(stmt, 4);
	a->contact = column_text(stmt, 5);
	a->patients = (enum address_patients)code_of(patients_codes, 4,
	    sqlite3_column_text(stmt, 6));
	a->patients_at = sqlite3_column_int64(stmt, 7);
	a->patients_by = column_text(stmt, 8);
	a->person = (enum address_person)code_of(person_codes, 3,
	    sqlite3_column_text(stmt, 9));
	a->author_id = sqlite3_column_int64(stmt, 10);
	a->author_name = column_text(stmt, 11);
	a->recommenders = sqlite3_column_int(stmt, 12);
	a->recommended = sqlite3_column_int(stmt, 13) != 0;
	a->mine = sqlite3_column_int(stmt, 14) != 0;
	a->created_at = sqlite3_column_int64(stmt, 15);
	a->updated_at = sqlite3_column_int64(stmt, 16);
	a->hidden = sqlite3_column_int(stmt, 17) != 0;
	a->hidden_reason = column_text(stmt, 18);
}

/*
 * A page of the list, most recommended first, newest among equals, from
 * AFTER on (its created_at is a number of recommenders): by key, as every
 * board pages, from items_recommended or, for one kind,
 * items_recommended_kind.
 */
int
store_address_page(struct store *s, const struct viewer *v, const char *kind,
    const struct wall_cursor *after, int limit, struct address **out,
    size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT" ADDRESS_SELECT " FROM items i"
	    ADDRESS_JOINS " WHERE" ADDRESS_VISIBLE
	    " AND (:kind IS NULL OR i.category = :kind)"
	    " AND (i.reply_count, i.id) < (:count, :id)"
	    " ORDER BY i.reply_count DESC, i.id DESC LIMIT :limit");
	bind_viewer(stmt, v);
	bind_text(stmt, ":kind", kind);
	if (after != NULL && after->id != 0) {
		bind_int64(stmt, ":count", after->created_at);
		bind_int64(stmt, ":id", after->id);
	} else {
		bind_int64(stmt, ":count", INT64_MAX);
		bind_int64(stmt, ":id", INT64_MAX);
	}
	bind_int64(stmt, ":limit", limit);
	*out = store_read_rows(s, stmt, sizeof **out, read_address, false, n,
	    &rc);
	if (rc != STORE_OK) {
		address_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_address_count(struct store *s, const struct viewer *v, const char *kind,
    int *n)
{
	sqlite3_stmt *stmt;

	*n = 0;
	stmt = store_stmt(s, "SELECT count(*) FROM items i WHERE"
	    ADDRESS_VISIBLE " AND (:kind IS NULL OR i.category = :kind)");
	bind_viewer(stmt, v);
	bind_text(stmt, ":kind", kind);
	return store_step_int(s, stmt, n);
}

int
store_address_get(struct store *s, const struct viewer *v, int64_t id,
    struct address *a)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT" ADDRESS_SELECT " FROM items i"
	    ADDRESS_JOINS " WHERE" ADDRESS_VISIBLE " AND i.id = :id");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	return store_read_row(s, stmt, sizeof *a, read_address, true, a);
}

/* NAME folded to its words, for addresses.name_folded; NULL only for
 * text that is not UTF-8, which cleaning refused before. */
static char *
fold_name(const char *name)
{
	char *folded = text_fold_words(name != NULL ? name : "");

	if (folded == NULL)
		fatal("out of memory");
	return folded;
}

int
store_address_similar(struct store *s, const struct viewer *v,
    const char *name, int64_t *id)
{
	sqlite3_stmt *stmt;
	char *folded;
	int rc;

	*id = 0;
	if (name == NULL || !text_valid_utf8(name, strlen(name)))
		return STORE_OK;
	folded = fold_name(name);
	stmt = store_stmt(s, "SELECT i.id FROM addresses a"
	    " JOIN items i ON i.id = a.item_id"
	    " WHERE a.quartier_id = " VIEWER_QUARTIER
	    " AND a.name_folded = :folded AND" ADDRESS_VISIBLE
	    " ORDER BY i.reply_count DESC, i.id LIMIT 1");
	bind_viewer(stmt, v);
	bind_text(stmt, ":folded", folded);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	free(folded);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK :
	    store_fail(s, rc);
}

/* An address's fields, cleaned, as they are written. */
struct address_clean {
	const struct address_kind *kind;
	char	*trade;
	char	*name;
	char	*street;
	char	*contact;
	char	*comment;
};

static void
address_clean_free(struct address_clean *c)
{
	free(c->trade);
	free(c->name);
	free(c->street);
	free(c->contact);
	free(c->comment);
	memset(c, 0, sizeof *c);
}

/*
 * Check an address the way a resident would be told.  A private person
 * (the kinds with .person, or any address said to be one) is listed only
 * by themselves or with their agreement, said by the author.
 */
static int
clean_address(struct store *s, const struct address_new *a, bool adding,
    struct address_clean *c)
{
	int rc;

	memset(c, 0, sizeof *c);
	if (a == NULL || (c->kind = address_kind_find(a->kind)) == NULL)
		return store_invalid(s, _("Choose the kind of address."));
	if (c->kind->person && a->person != PERSON_SELF &&
	    a->person != PERSON_AGREED)
		return store_invalid(s, _("A private person is listed only by "
		    "themselves, or with their agreement: say which."));
	if (a->person < PERSON_NO || a->person > PERSON_AGREED)
		return store_invalid(s, _("Say whether this is a private "
		    "person."));
	if (c->kind->patients && (a->patients < PATIENTS_UNKNOWN ||
	    a->patients > PATIENTS_NO))
		return store_invalid(s, _("Say whether they take new "
		    "patients, or that you do not know."));
	if ((rc = store_clean(s, a->name, 0, QUARTIER_TITLE_MAX, &c->name))
	    != STORE_OK ||
	    (rc = store_clean(s, a->street, 0, ADDRESS_STREET_MAX,
	    &c->street)) != STORE_OK ||
	    (rc = store_clean(s, a->contact, TEXT_MULTILINE | TEXT_ALLOW_EMPTY,
	    ADDRESS_CONTACT_MAX, &c->contact)) != STORE_OK)
		goto fail;
	if (c->kind->trade) {
		if ((rc = store_clean(s, a->trade, 0, ADDRESS_TRADE_MAX,
		    &c->trade)) != STORE_OK)
			goto fail;
	}
	if (adding && a->comment != NULL && (rc = store_clean(s, a->comment,
	    TEXT_MULTILINE | TEXT_ALLOW_EMPTY, ADDRESS_COMMENT_MAX,
	    &c->comment)) != STORE_OK)
		goto fail;
	return STORE_OK;
fail:
	address_clean_free(c);
	return rc;
}

static void
bind_address(sqlite3_stmt *stmt, const struct address_new *a,
    const struct address_clean *c)
{
	char *folded = fold_name(c->name);

	bind_text(stmt, ":trade", c->trade);
	bind_text(stmt, ":street", c->street);
	bind_text(stmt, ":patients", c->kind->patients ?
	    patients_codes[a->patients] : NULL);
	bind_text(stmt, ":person", person_codes[a->person]);
	bind_text(stmt, ":folded", folded);
	free(folded);
}

/* The viewer's recommendation of ITEM: a reply, within the transaction. */
static int
recommend(struct store *s, const struct viewer *v, int64_t item,
    const char *comment, int64_t now, int64_t *reply_id)
{
	sqlite3_stmt *stmt;
	int rc, already = 0;

	stmt = store_stmt(s, "SELECT count(*) FROM replies"
	    " WHERE item_id = :item AND author_id = :viewer"
	    " AND deleted_at IS NULL");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":item", item);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		already = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc);
	if (already > 0)
		return store_refuse(s, STORE_DUPLICATE, _("You already "
		    "recommend this address: change what you said instead."));
	stmt = store_stmt(s, "INSERT INTO replies (item_id, author_id, body,"
	    " created_at) SELECT i.id, :viewer, :body, :now FROM items i"
	    " WHERE i.id = :item AND" ADDRESS_VISIBLE
	    " AND i.hidden_at IS NULL");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":item", item);
	bind_text(stmt, ":body", comment);
	bind_int64(stmt, ":now", now);
	if ((rc = store_step_done(s, stmt)) != STORE_OK)
		return rc;
	if (sqlite3_changes(s->db) == 0)
		return STORE_NOT_FOUND;
	*reply_id = sqlite3_last_insert_rowid(s->db);
	stmt = store_stmt(s, "UPDATE items SET reply_count = reply_count + 1,"
	    " last_activity_at = :now WHERE id = :item");
	bind_int64(stmt, ":item", item);
	bind_int64(stmt, ":now", now);
	if ((rc = store_step_done(s, stmt)) != STORE_OK)
		return rc;
	return search_sync_reply(s, *reply_id);
}

int
store_address_add(struct store *s, const struct viewer *v,
    const struct address_new *a, int64_t *id)
{
	struct address_clean c;
	sqlite3_stmt *stmt;
	int64_t now = now_seconds(), new_id = 0, reply = 0;
	int rc;

	if ((rc = clean_address(s, a, true, &c)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	stmt = store_stmt(s, "INSERT INTO items (quartier_id, author_id, kind,"
	    " category, title, body, created_at, last_activity_at)"
	    " SELECT " VIEWER_QUARTIER ", :viewer, 'address', :kind,"
	    " :name, :contact, :now, :now WHERE " VIEWER_QUARTIER
	    " IS NOT NULL");
	bind_viewer(stmt, v);
	bind_text(stmt, ":kind", c.kind->code);
	bind_text(stmt, ":name", c.name);
	bind_text(stmt, ":contact", c.contact);
	bind_int64(stmt, ":now", now);
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_DENIED;
	if (rc == STORE_OK) {
		new_id = sqlite3_last_insert_rowid(s->db);
		stmt = store_stmt(s, "INSERT INTO addresses (item_id, trade,"
		    " street, patients, patients_at, patients_by, person,"
		    " name_folded) VALUES (:id, :trade, :street, :patients,"
		    " CASE WHEN :patients IN ('yes', 'no') THEN :now END,"
		    " CASE WHEN :patients IN ('yes', 'no') THEN :viewer END,"
		    " :person, :folded)");
		bind_viewer(stmt, v);
		bind_int64(stmt, ":id", new_id);
		bind_int64(stmt, ":now", now);
		bind_address(stmt, a, &c);
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK)
		rc = search_sync_item(s, new_id);
	if (rc == STORE_OK && c.comment != NULL && c.comment[0] != '\0')
		rc = recommend(s, v, new_id, c.comment, now, &reply);
	if ((rc = store_finish(s, rc)) == STORE_OK && id != NULL)
		*id = new_id;
out:
	address_clean_free(&c);
	return rc;
}

/* Inside a write transaction: STORE_NOT_FOUND when the viewer cannot see
 * address ID, STORE_DENIED when they did not list it. */
static int
own_address(struct store *s, const struct viewer *v, int64_t id)
{
	sqlite3_stmt *stmt;
	int rc, mine = 0;

	stmt = store_stmt(s, "SELECT i.author_id IS :viewer FROM items i"
	    " WHERE i.id = :id AND" ADDRESS_VISIBLE);
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		mine = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return STORE_NOT_FOUND;
	if (rc != SQLITE_ROW)
		return store_fail(s, rc);
	return mine ? STORE_OK : store_refuse(s, STORE_DENIED,
	    _("Only the neighbour who listed this address can change it."));
}

int
store_address_edit(struct store *s, const struct viewer *v, int64_t id,
    const struct address_new *a)
{
	struct address_clean c;
	sqlite3_stmt *stmt;
	int64_t now = now_seconds();
	int rc;

	if ((rc = clean_address(s, a, false, &c)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = own_address(s, v, id)) != STORE_OK)
		goto done;
	stmt = store_stmt(s, "UPDATE items SET category = :kind, title = :name,"
	    " body = :contact, updated_at = :now WHERE id = :id");
	bind_int64(stmt, ":id", id);
	bind_text(stmt, ":kind", c.kind->code);
	bind_text(stmt, ":name", c.name);
	bind_text(stmt, ":contact", c.contact);
	bind_int64(stmt, ":now", now);
	if ((rc = store_step_done(s, stmt)) != STORE_OK)
		goto done;
	/* "Takes new patients" stays as neighbours last said, unless the
	 * author says otherwise now. */
	stmt = store_stmt(s, "UPDATE addresses SET trade = :trade,"
	    " street = :street, person = :person, name_folded = :folded,"
	    " patients_at = CASE WHEN :patients IS NULL THEN NULL"
	    "  WHEN :patients IS patients THEN patients_at"
	    "  WHEN :patients IN ('yes', 'no') THEN :now END,"
	    " patients_by = CASE WHEN :patients IS NULL THEN NULL"
	    "  WHEN :patients IS patients THEN patients_by"
	    "  WHEN :patients IN ('yes', 'no') THEN :viewer END,"
	    " patients = :patients WHERE item_id = :id");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	bind_int64(stmt, ":now", now);
	bind_address(stmt, a, &c);
	if ((rc = store_step_done(s, stmt)) == STORE_OK)
		rc = search_sync_item(s, id);
done:
	rc = store_finish(s, rc);
out:
	address_clean_free(&c);
	return rc;
}

int
store_address_delete(struct store *s, const struct viewer *v, int64_t id)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	if ((rc = own_address(s, v, id)) == STORE_OK) {
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

int
store_address_recommend(struct store *s, const struct viewer *v, int64_t id,
    const char *comment, int64_t *reply_id)
{
	char *ccomment;
	int64_t reply = 0;
	int rc;

	if ((rc = store_clean(s, comment, TEXT_MULTILINE, ADDRESS_COMMENT_MAX,
	    &ccomment)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) == STORE_OK) {
		rc = recommend(s, v, id, ccomment, now_seconds(), &reply);
		rc = store_finish(s, rc);
	}
	free(ccomment);
	if (rc == STORE_OK && reply_id != NULL)
		*reply_id = reply;
	return rc;
}

int
store_address_withdraw(struct store *s, const struct viewer *v, int64_t id)
{
	sqlite3_stmt *stmt;
	int64_t reply = 0;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "SELECT p.id FROM replies p JOIN items i"
	    " ON i.id = p.item_id WHERE p.item_id = :id"
	    " AND p.author_id = :viewer AND p.deleted_at IS NULL AND"
	    ADDRESS_VISIBLE);
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		reply = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	rc = rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ?
	    STORE_NOT_FOUND : store_fail(s, rc);
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "UPDATE replies SET deleted_at = :now"
		    " WHERE id = :reply");
		bind_int64(stmt, ":reply", reply);
		bind_int64(stmt, ":now", now_seconds());
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "UPDATE items SET reply_count ="
		    " reply_count - 1 WHERE id = :id AND reply_count > 0");
		bind_int64(stmt, ":id", id);
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK)
		rc = search_sync_reply(s, reply);
	return store_finish(s, rc);
}

int
store_address_patients(struct store *s, const struct viewer *v, int64_t id,
    enum address_patients patients)
{
	sqlite3_stmt *stmt;
	int rc;

	if (patients != PATIENTS_YES && patients != PATIENTS_NO)
		return store_invalid(s, _("Say yes or no."));
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "UPDATE addresses SET patients = :patients,"
	    " patients_at = :now, patients_by = :viewer"
	    " WHERE item_id = (SELECT i.id FROM items i WHERE i.id = :id AND"
	    ADDRESS_VISIBLE " AND i.hidden_at IS NULL)"
	    " AND patients IS NOT NULL");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	bind_text(stmt, ":patients", patients_codes[patients]);
	bind_int64(stmt, ":now", now_seconds());
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0) {
		struct address a;

		/* Not there, or not a doctor: say which. */
		memset(&a, 0, sizeof a);
		rc = store_address_get(s, v, id, &a);
		if (rc == STORE_OK)
			rc = store_invalid(s, _("Only doctors, dentists and "
			    "physiotherapists take patients."));
		address_clear(&a);
	}
	return store_finish(s, rc);
}

void
address_clear(struct address *a)
{
	if (a == NULL)
		return;
	free(a->kind);
	free(a->trade);
	free(a->name);
	free(a->street);
	free(a->contact);
	free(a->patients_by);
	free(a->author_name);
	free(a->hidden_reason);
	memset(a, 0, sizeof *a);
}

void
address_list_free(struct address *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		address_clear(&list[i]);
	free(list);
}
