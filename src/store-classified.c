/*
 * store-classified.c - petites annonces: things sold, given or wanted
 * between neighbours of one quartier.
 *
 * An ad is an items row (kind 'classified': category, title, description,
 * author) and a classifieds row beside it (sell/give/wanted, price, status,
 * expiry), always written together in one transaction.  An ad lives DAYS
 * after it was posted or last renewed; past that it is expired: hidden from
 * everyone but its author, who may renew it, and never deleted for it.
 *
 * Every query compares the item's quartier with VIEWER_QUARTIER, so an ad
 * of another quartier, or any ad at all for a viewer who is not verified,
 * does not exist.
 */
#include "build-config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

#define DAY_SECONDS		86400
#define PRICE_MAX_CENTS		(1000000LL * 100 - 1)	/* under 1 000 000 € */

const struct classified_category classified_categories[] = {
	{ "furniture",	 N_("Furniture") },
	{ "children",	 N_("Children") },
	{ "books",	 N_("Books") },
	{ "garden",	 N_("Garden") },
	{ "diy",	 N_("DIY") },
	{ "electronics", N_("Electronics") },
	{ "clothes",	 N_("Clothes") },
	{ "other",	 N_("Other things") },
};
const size_t classified_category_count =
    sizeof classified_categories / sizeof classified_categories[0];

const struct classified_category *
classified_category_find(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < classified_category_count; i++) {
		if (strcmp(classified_categories[i].code, code) == 0)
			return &classified_categories[i];
	}
	return NULL;
}

/* The words stored in classifieds.ad_kind and .status, by enum value. */
static const char *const kind_codes[] = { "sell", "give", "wanted" };
static const char *const status_codes[] = { "available", "reserved", "gone" };

const char *
ad_kind_label(enum ad_kind kind)
{
	switch (kind) {
	case AD_SELL:
		return _("Selling");
	case AD_GIVE:
		return _("Giving away");
	case AD_WANTED:
		return _("Wanted");
	}
	return "";
}

const char *
ad_status_label(enum ad_status status)
{
	switch (status) {
	case AD_AVAILABLE:
		return _("Available");
	case AD_RESERVED:
		return _("Reserved");
	case AD_GONE:
		return _("Gone");
	}
	return "";
}

static int
code_index(const char *const *codes, size_t n, const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < n; i++) {
		if (strcmp(codes[i], code) == 0)
			return (int)i;
	}
	return 0;
}

/*
 * Prices.  Residents write them as they would on a notice in a shop
 * window: "12", "12,50", "12.5", "12 €", "€12", "1 200".  Everything else
 * is refused with the reason, rather than guessed: "1,234" could be one
 * euro or a thousand, and "12,5x" is a typo.
 */

/* Skip spaces, no-break spaces and narrow no-break spaces. */
static const char *
skip_spaces(const char *p)
{
	for (;;) {
		if (*p == ' ' || *p == '\t')
			p++;
		else if ((unsigned char)p[0] == 0xc2 &&
		    (unsigned char)p[1] == 0xa0)
			p += 2;
		else if ((unsigned char)p[0] == 0xe2 &&
		    (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xaf)
			p += 3;
		else
			return p;
	}
}

static bool
is_space_at(const char *p)
{
	return skip_spaces(p) != p;
}

/* The end of the text from P to END without its trailing spaces. */
static const char *
trim_end(const char *p, const char *end)
{
	for (;;) {
		if (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		else if (end - p >= 2 && (unsigned char)end[-2] == 0xc2 &&
		    (unsigned char)end[-1] == 0xa0)
			end -= 2;
		else if (end - p >= 3 && (unsigned char)end[-3] == 0xe2 &&
		    (unsigned char)end[-2] == 0x80 &&
		    (unsigned char)end[-1] == 0xaf)
			end -= 3;
		else
			return end;
	}
}

static const char euro[] = "\xe2\x82\xac";	/* € */

int
classified_price_parse(const char *text, int64_t *cents, const char **why)
{
	const char *p, *end, *q;
	char digits[32];
	size_t nd = 0, group = 0, decimals = 0;
	bool grouped = false, separator = false;
	int64_t value = 0;
	size_t i;

	*cents = -1;
	*why = NULL;
	if (text == NULL)
		return 0;
	p = skip_spaces(text);
	/* "€12" as in English, or "12 €" as in French. */
	if (strncmp(p, euro, 3) == 0)
		p = skip_spaces(p + 3);
	end = trim_end(p, p + strlen(p));
	if (end - p >= 3 && strncmp(end - 3, euro, 3) == 0)
		end = trim_end(p, end - 3);
	if (p == end) {
		if (*skip_spaces(text) == '\0')
			return 0;		/* no price at all */
		*why = _("write the amount in figures, as in 12 or 12,50.");
		return -1;
	}
	if (*p == '-') {
		*why = _("a price cannot be negative.");
		return -1;
	}
	for (q = p; q < end; ) {
		if (*q >= '0' && *q <= '9') {
			if (nd + 1 >= sizeof digits) {
				*why = _("a price must be under 1 000 000 €.");
				return -1;
			}
			digits[nd++] = *q++;
			if (separator)
				decimals++;
			else
				group++;
			continue;
		}
		if (*q == ',' || *q == '.') {
			if (separator) {
				*why = _("use one decimal separator only, as "
				    "in 12,50.");
				return -1;
			}
			if (nd == 0 || (grouped && group != 3)) {
				*why = _("write the amount in figures, as in "
				    "12 or 12,50.");
				return -1;
			}
			separator = true;
			q++;
			continue;
		}
		if (is_space_at(q) && !separator && nd > 0) {
			/* Thousands: "1 200", groups of three after one to
			 * three figures. */
			if ((grouped && group != 3) || (!grouped && group > 3)) {
				*why = _("group thousands by three figures, as "
				    "in 1 200.");
				return -1;
			}
			grouped = true;
			group = 0;
			q = skip_spaces(q);
			if (q >= end || *q < '0' || *q > '9') {
				*why = _("write the amount in figures, as in "
				    "12 or 12,50.");
				return -1;
			}
			continue;
		}
		*why = _("only figures, a comma and the € sign are allowed in "
		    "a price.");
		return -1;
	}
	if (grouped && !separator && group != 3) {
		*why = _("group thousands by three figures, as in 1 200.");
		return -1;
	}
	if (separator && decimals == 0) {
		*why = _("write the cents after the comma, as in 12,50.");
		return -1;
	}
	if (decimals > 2) {
		*why = _("at most two figures after the comma, as in 12,50.");
		return -1;
	}
	for (i = 0; i < nd; i++) {
		value = value * 10 + (digits[i] - '0');
		if (value > PRICE_MAX_CENTS) {
			*why = _("a price must be under 1 000 000 €.");
			return -1;
		}
	}
	for (; decimals < 2; decimals++)
		value *= 10;
	if (value > PRICE_MAX_CENTS) {
		*why = _("a price must be under 1 000 000 €.");
		return -1;
	}
	*cents = value;
	return 0;
}

/* "1 200" or "1,200": the euros with a separator every three figures. */
static void
group_thousands(char *buf, size_t size, int64_t euros, const char *sep)
{
	char plain[32], out[64];
	size_t len, i, o = 0;

	snprintf(plain, sizeof plain, "%" PRId64, euros);
	len = strlen(plain);
	for (i = 0; i < len && o + 8 < sizeof out; i++) {
		if (i > 0 && (len - i) % 3 == 0) {
			memcpy(out + o, sep, strlen(sep));
			o += strlen(sep);
		}
		out[o++] = plain[i];
	}
	out[o] = '\0';
	snprintf(buf, size, "%s", out);
}

void
classified_price_format(char *buf, size_t size, int64_t cents)
{
	char euros[64];
	bool french = language_current() != LANG_EN;

	if (size == 0)
		return;
	if (cents < 0) {
		buf[0] = '\0';
		return;
	}
	group_thousands(euros, sizeof euros, cents / 100, french ? " " : ",");
	if (french && cents % 100 != 0)
		snprintf(buf, size, "%s,%02d €", euros, (int)(cents % 100));
	else if (french)
		snprintf(buf, size, "%s €", euros);
	else if (cents % 100 != 0)
		snprintf(buf, size, "€%s.%02d", euros, (int)(cents % 100));
	else
		snprintf(buf, size, "€%s", euros);
}

/* When the viewer came to the board before this visit (0: never). */
#define CLASSIFIED_PREVIOUS_VISIT \
	"coalesce((SELECT previous_visit_at FROM board_visits" \
	"  WHERE resident_id = :viewer AND board = 'classifieds'), 0)"

/* The columns read_classified() expects, in order. */
#define AD_SELECT \
	" i.id, c.ad_kind, i.category, i.title, c.price_cents, c.status," \
	" i.author_id, a.display_name, a.handle, i.created_at, i.updated_at," \
	" c.expires_at, c.expires_at <= :now, i.author_id IS :viewer," \
	" i.created_at > " CLASSIFIED_PREVIOUS_VISIT \
	"  AND " CLASSIFIED_PREVIOUS_VISIT " > 0" \
	"  AND i.author_id IS NOT :viewer," \
	" i.body, i.hidden_at IS NOT NULL, i.hidden_reason"
/* One ad, from its item. */
#define AD_COLUMNS AD_SELECT \
	" FROM items i JOIN classifieds c ON c.item_id = i.id" \
	" LEFT JOIN residents a ON a.id = i.author_id"
/*
 * The ads of the viewer's quartier still online, from classifieds_live:
 * a few hundred at most in a busy quartier, whatever its age, where its
 * items_board holds every ad it ever had.  CROSS JOIN keeps that order.
 */
#define AD_LIVE_FROM \
	" FROM classifieds c CROSS JOIN items i ON i.id = c.item_id" \
	" WHERE c.quartier_id = " VIEWER_QUARTIER " AND c.expires_at > :now" \
	" AND"
/* The viewer's own ads, expired too, from items_author. */
#define AD_MINE_FROM \
	" FROM items i JOIN classifieds c ON c.item_id = i.id" \
	" LEFT JOIN residents a ON a.id = i.author_id" \
	" WHERE i.author_id = :viewer AND"

/* An ad the viewer may see: their quartier, not removed, and either live
 * or their own; hidden by moderation, only their own. */
#define AD_VISIBLE \
	" i.quartier_id = " VIEWER_QUARTIER " AND i.kind = 'classified'" \
	" AND i.deleted_at IS NULL" \
	" AND (i.hidden_at IS NULL OR i.author_id = :viewer)" \
	" AND (c.expires_at > :now OR i.author_id = :viewer)"

/*
 * What a filter asks, as SQL on nullable parameters: one statement serves
 * every combination, so the statement cache holds one plan.
 */
#define AD_FILTER \
	" AND (:kind IS NULL OR c.ad_kind = :kind)" \
	" AND (:category IS NULL OR i.category = :category)" \
	" AND (CASE WHEN :status IS NULL THEN c.status != 'gone'" \
	"  ELSE c.status = :status END)" \
	" AND (CASE WHEN :mine THEN i.author_id = :viewer" \
	"  ELSE c.expires_at > :now END)"

static void
read_classified(sqlite3_stmt *stmt, void *row, bool with_body)
{
	struct classified *ad = row;

	ad->id = sqlite3_column_int64(stmt, 0);
	ad->kind = (enum ad_kind)code_index(kind_codes, 3,
	    (const char *)sqlite3_column_text(stmt, 1));
	ad->category = column_text(stmt, 2);
	ad->title = column_text(stmt, 3);
	ad->price_cents = sqlite3_column_type(stmt, 4) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(stmt, 4);
	ad->status = (enum ad_status)code_index(status_codes, 3,
	    (const char *)sqlite3_column_text(stmt, 5));
	ad->author_id = sqlite3_column_int64(stmt, 6);
	ad->author_name = column_text(stmt, 7);
	ad->author_handle = column_text(stmt, 8);
	ad->created_at = sqlite3_column_int64(stmt, 9);
	ad->updated_at = sqlite3_column_int64(stmt, 10);
	ad->expires_at = sqlite3_column_int64(stmt, 11);
	ad->expired = sqlite3_column_int(stmt, 12) != 0;
	ad->mine = sqlite3_column_int(stmt, 13) != 0;
	ad->is_new = sqlite3_column_int(stmt, 14) != 0;
	if (with_body)
		ad->body = column_text(stmt, 15);
	ad->hidden = sqlite3_column_int(stmt, 16) != 0;
	ad->hidden_reason = column_text(stmt, 17);
}

static void
bind_filter(sqlite3_stmt *stmt, const struct classified_filter *f)
{
	int kind = f != NULL ? f->kind : -1;
	int status = f != NULL ? f->status : -1;

	bind_text(stmt, ":kind", kind >= AD_SELL && kind <= AD_WANTED ?
	    kind_codes[kind] : NULL);
	bind_text(stmt, ":category", f != NULL ? f->category : NULL);
	bind_text(stmt, ":status", status >= AD_AVAILABLE &&
	    status <= AD_GONE ? status_codes[status] : NULL);
	bind_int64(stmt, ":mine", f != NULL && f->mine);
}

/* How many of the newest ads a page is looked for among first. */
#define AD_RECENT	200

static int
classified_page(struct store *s, const struct viewer *v,
    const struct classified_filter *f, const struct wall_cursor *after,
    int limit, bool live, struct classified **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	if (f != NULL && f->mine)
		stmt = store_stmt(s, "SELECT" AD_SELECT AD_MINE_FROM AD_VISIBLE
		    AD_FILTER " AND (i.created_at, i.id) < (:time, :id)"
		    " ORDER BY i.created_at DESC, i.id DESC LIMIT :limit");
	else if (!live)
		/* The newest AD_RECENT ads only, read in their order from
		 * items_board: the page is most often among them. */
		stmt = store_stmt(s, "SELECT" AD_COLUMNS " WHERE" AD_VISIBLE
		    AD_FILTER " AND (i.created_at, i.id) < (:time, :id)"
		    " AND i.created_at >= coalesce((SELECT created_at"
		    "  FROM items WHERE quartier_id = " VIEWER_QUARTIER
		    "  AND kind = 'classified' AND (created_at, id) < (:time, :id)"
		    "  ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET :recent),"
		    "  0)"
		    " ORDER BY i.created_at DESC, i.id DESC LIMIT :limit");
	else
		/* The page's ads chosen and sorted by their ids and dates
		 * alone, then read whole: a page of the biggest quartier
		 * sorts its 768 ads online, not their texts. */
		stmt = store_stmt(s, "SELECT" AD_SELECT " FROM (SELECT"
		    " c.item_id AS page_id" AD_LIVE_FROM AD_VISIBLE AD_FILTER
		    " AND (i.created_at, i.id) < (:time, :id)"
		    " ORDER BY i.created_at DESC, i.id DESC LIMIT :limit) page"
		    " CROSS JOIN items i ON i.id = page.page_id"
		    " JOIN classifieds c ON c.item_id = i.id"
		    " LEFT JOIN residents a ON a.id = i.author_id"
		    " ORDER BY i.created_at DESC, i.id DESC");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":now", now_seconds());
	bind_filter(stmt, f);
	if (after != NULL && after->id != 0) {
		bind_int64(stmt, ":time", after->created_at);
		bind_int64(stmt, ":id", after->id);
	} else {
		bind_int64(stmt, ":time", INT64_MAX);
		bind_int64(stmt, ":id", INT64_MAX);
	}
	if (!live && (f == NULL || !f->mine))
		bind_int64(stmt, ":recent", AD_RECENT - 1);
	bind_int64(stmt, ":limit", limit);
	*out = store_read_rows(s, stmt, sizeof **out, read_classified, false, n,
	    &rc);
	if (rc != STORE_OK) {
		classified_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/*
 * A page of ads older than AFTER, newest first.  Paging by key, as the
 * wall does, keeps every page as cheap as the first.  The viewer's own
 * ads, expired ones too, come from items_author.  Otherwise the page is
 * looked for among the quartier's AD_RECENT newest ads, in their order;
 * when fewer than a page of those pass the filter (a filter few match,
 * or the ads online are few) all the ads online are read instead, a
 * range of classifieds_live, and sorted: items_board would have gone
 * through every ad the quartier ever had.
 */
int
store_classified_page(struct store *s, const struct viewer *v,
    const struct classified_filter *f, const struct wall_cursor *after,
    int limit, struct classified **out, size_t *n)
{
	int rc;

	rc = classified_page(s, v, f, after, limit, false, out, n);
	if (rc != STORE_OK || (f != NULL && f->mine) || *n >= (size_t)limit)
		return rc;
	classified_list_free(*out, *n);
	return classified_page(s, v, f, after, limit, true, out, n);
}

int
store_classified_count(struct store *s, const struct viewer *v,
    const struct classified_filter *f, int *n)
{
	sqlite3_stmt *stmt;

	*n = 0;
	if (f != NULL && f->mine)
		stmt = store_stmt(s, "SELECT count(*)" AD_MINE_FROM AD_VISIBLE
		    AD_FILTER);
	else
		stmt = store_stmt(s, "SELECT count(*)" AD_LIVE_FROM AD_VISIBLE
		    AD_FILTER);
	bind_viewer(stmt, v);
	bind_int64(stmt, ":now", now_seconds());
	bind_filter(stmt, f);
	return store_step_int(s, stmt, n);
}

int
store_classified_get(struct store *s, const struct viewer *v, int64_t id,
    struct classified *ad)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT" AD_COLUMNS " WHERE" AD_VISIBLE
	    " AND i.id = :id");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":now", now_seconds());
	bind_int64(stmt, ":id", id);
	return store_read_row(s, stmt, sizeof *ad, read_classified, true, ad);
}

/*
 * Check an ad's fields the way a resident would be told: each refusal
 * says which field and what to do.  The price follows the kind: a sale
 * has one (above zero: something free is given), a gift has none, and a
 * wanted ad may name a budget.
 */
static int
clean_ad(struct store *s, const struct classified_new *ad, char **ctitle,
    char **cbody)
{
	int rc;

	*ctitle = *cbody = NULL;
	if (ad == NULL || ad->kind < AD_SELL || ad->kind > AD_WANTED)
		return store_invalid(s, _("Choose whether you sell, give or "
		    "look for something."));
	if (classified_category_find(ad->category) == NULL)
		return store_invalid(s, _("Choose a category."));
	switch (ad->kind) {
	case AD_SELL:
		if (ad->price_cents < 0)
			return store_invalid(s, _("Write the price you ask."));
		if (ad->price_cents == 0)
			return store_invalid(s, _("A price of 0 €: to give "
			    "something away, choose Giving away."));
		break;
	case AD_GIVE:
		if (ad->price_cents != -1)
			return store_invalid(s, _("Something given away has "
			    "no price."));
		break;
	case AD_WANTED:
		if (ad->price_cents < -1)
			return store_invalid(s, _("A budget cannot be "
			    "negative."));
		break;
	}
	if (ad->price_cents > PRICE_MAX_CENTS)
		return store_invalid(s, _("Prices stop under 1 000 000 €."));
	if ((rc = store_clean(s, ad->title, 0, QUARTIER_TITLE_MAX, ctitle))
	    != STORE_OK)
		return rc;
	if ((rc = store_clean(s, ad->body, TEXT_MULTILINE | TEXT_ALLOW_EMPTY,
	    QUARTIER_BODY_MAX, cbody)) != STORE_OK) {
		free(*ctitle);
		*ctitle = NULL;
	}
	return rc;
}

static int
check_days(struct store *s, int days)
{
	if (days < 1 || days > 365)
		return store_invalid(s, _("An ad lasts from 1 to 365 days."));
	return STORE_OK;
}

static void
bind_price(sqlite3_stmt *stmt, int64_t cents)
{
	if (cents < 0)
		bind_text(stmt, ":price", NULL);
	else
		bind_int64(stmt, ":price", cents);
}

int
store_classified_add(struct store *s, const struct viewer *v,
    const struct classified_new *ad, int days, int64_t *id)
{
	sqlite3_stmt *stmt;
	char *ctitle, *cbody;
	int64_t now = now_seconds(), new_id = 0;
	int rc;

	if ((rc = check_days(s, days)) != STORE_OK)
		return rc;
	if ((rc = clean_ad(s, ad, &ctitle, &cbody)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	stmt = store_stmt(s, "INSERT INTO items (quartier_id, author_id, kind,"
	    " category, title, body, created_at, last_activity_at)"
	    " SELECT " VIEWER_QUARTIER ", :viewer, 'classified', :category,"
	    " :title, :body, :now, :now WHERE " VIEWER_QUARTIER " IS NOT NULL");
	bind_viewer(stmt, v);
	bind_text(stmt, ":category", ad->category);
	bind_text(stmt, ":title", ctitle);
	bind_text(stmt, ":body", cbody);
	bind_int64(stmt, ":now", now);
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_DENIED;
	if (rc == STORE_OK) {
		new_id = sqlite3_last_insert_rowid(s->db);
		stmt = store_stmt(s, "INSERT INTO classifieds (item_id, ad_kind,"
		    " price_cents, status, expires_at)"
		    " VALUES (:id, :kind, :price, 'available', :expires)");
		bind_int64(stmt, ":id", new_id);
		bind_text(stmt, ":kind", kind_codes[ad->kind]);
		bind_price(stmt, ad->price_cents);
		bind_int64(stmt, ":expires", now + (int64_t)days * DAY_SECONDS);
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK)
		rc = search_sync_item(s, new_id);
	if ((rc = store_finish(s, rc)) == STORE_OK && id != NULL)
		*id = new_id;
out:
	free(ctitle);
	free(cbody);
	return rc;
}

/*
 * Inside a write transaction: STORE_NOT_FOUND when the viewer cannot see
 * ad ID, STORE_DENIED when they can but did not write it.
 */
static int
own_ad(struct store *s, const struct viewer *v, int64_t id)
{
	sqlite3_stmt *stmt;
	int rc, mine = 0;

	stmt = store_stmt(s, "SELECT i.author_id IS :viewer"
	    " FROM items i JOIN classifieds c ON c.item_id = i.id"
	    " WHERE i.id = :id AND" AD_VISIBLE);
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	bind_int64(stmt, ":now", now_seconds());
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		mine = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return STORE_NOT_FOUND;
	if (rc != SQLITE_ROW)
		return store_fail(s, rc);
	return mine ? STORE_OK : store_refuse(s, STORE_DENIED,
	    _("Only its author can change this ad."));
}

/* Run the UPDATE that PREPARE makes (it binds all but :id and :now) on an
 * ad of the viewer's own, then bring the search index in step, in one
 * transaction. */
static int
update_own_ad(struct store *s, const struct viewer *v, int64_t id,
    sqlite3_stmt *(*prepare)(struct store *, const void *), const void *arg)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	if ((rc = own_ad(s, v, id)) == STORE_OK) {
		stmt = prepare(s, arg);
		bind_int64(stmt, ":id", id);
		if (sqlite3_bind_parameter_index(stmt, ":now") != 0)
			bind_int64(stmt, ":now", now_seconds());
		rc = store_step_done(s, stmt);
		if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
			rc = STORE_NOT_FOUND;
	}
	if (rc == STORE_OK)
		rc = search_sync_item(s, id);
	return store_finish(s, rc);
}

int
store_classified_edit(struct store *s, const struct viewer *v, int64_t id,
    const struct classified_new *ad)
{
	sqlite3_stmt *stmt;
	char *ctitle, *cbody;
	int rc;

	if ((rc = clean_ad(s, ad, &ctitle, &cbody)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = own_ad(s, v, id)) == STORE_OK) {
		stmt = store_stmt(s, "UPDATE items SET category = :category,"
		    " title = :title, body = :body, updated_at = :now"
		    " WHERE id = :id AND kind = 'classified'");
		bind_text(stmt, ":category", ad->category);
		bind_text(stmt, ":title", ctitle);
		bind_text(stmt, ":body", cbody);
		bind_int64(stmt, ":id", id);
		bind_int64(stmt, ":now", now_seconds());
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "UPDATE classifieds SET ad_kind = :kind,"
		    " price_cents = :price WHERE item_id = :id");
		bind_int64(stmt, ":id", id);
		bind_text(stmt, ":kind", kind_codes[ad->kind]);
		bind_price(stmt, ad->price_cents);
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK)
		rc = search_sync_item(s, id);
	rc = store_finish(s, rc);
out:
	free(ctitle);
	free(cbody);
	return rc;
}

static sqlite3_stmt *
prepare_status(struct store *s, const void *arg)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "UPDATE classifieds SET status = :status"
	    " WHERE item_id = :id");
	bind_text(stmt, ":status", arg);
	return stmt;
}

int
store_classified_set_status(struct store *s, const struct viewer *v,
    int64_t id, enum ad_status status)
{
	if (status < AD_AVAILABLE || status > AD_GONE)
		return store_invalid(s, _("Unknown status."));
	return update_own_ad(s, v, id, prepare_status, status_codes[status]);
}

static sqlite3_stmt *
prepare_renew(struct store *s, const void *arg)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "UPDATE classifieds"
	    " SET expires_at = :now + :seconds WHERE item_id = :id");
	bind_int64(stmt, ":seconds", *(const int64_t *)arg);
	return stmt;
}

int
store_classified_renew(struct store *s, const struct viewer *v, int64_t id,
    int days)
{
	int64_t seconds = (int64_t)days * DAY_SECONDS;
	int rc;

	if ((rc = check_days(s, days)) != STORE_OK)
		return rc;
	return update_own_ad(s, v, id, prepare_renew, &seconds);
}

/* The author removes the ad: it leaves every list and the search index,
 * but stays in the file, as a wall post does. */
static sqlite3_stmt *
prepare_delete(struct store *s, const void *arg)
{
	return store_stmt(s, "UPDATE items SET deleted_at = :now"
	    " WHERE id = :id AND kind = 'classified' AND deleted_at IS NULL");
}

int
store_classified_delete(struct store *s, const struct viewer *v, int64_t id)
{
	return update_own_ad(s, v, id, prepare_delete, NULL);
}

void
classified_clear(struct classified *ad)
{
	free(ad->category);
	free(ad->title);
	free(ad->body);
	free(ad->author_name);
	free(ad->author_handle);
	free(ad->hidden_reason);
	memset(ad, 0, sizeof *ad);
}

void
classified_list_free(struct classified *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		classified_clear(&list[i]);
	free(list);
}
