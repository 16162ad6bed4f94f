/*
 * fixture.h - the world every store test starts from: one city, two
 * quartiers, and residents in each state.
 *
 *   Krutenau: marie, karim (verified), hugo (pending), paul (suspended)
 *   Neudorf:  nadia (verified)
 *
 * The store's clock (QUARTIER_FAKE_NOW) starts at a fixed time and moves
 * only with tick().
 */
#ifndef FIXTURE_H
#define FIXTURE_H

#include <stdint.h>
#include "quartier.h"
#include "store.h"

extern struct store *st;
extern char *db_path;
extern int64_t krutenau, neudorf;
extern struct viewer marie, karim, nadia, hugo, paul;
extern int64_t clock_now;

void	 fixture_setup(void);
void	 fixture_teardown(void);
/* Move the clock SECONDS forward. */
void	 tick(int64_t seconds);
int64_t	 add_resident(const char *handle, int64_t quartier,
	    enum resident_status);
/* The number of rows in TABLE, straight from SQLite. */
int	 count_rows(const char *table);
/* Run SQL on the file at PATH with a connection of its own. */
void	 raw_exec(const char *path, const char *sql);

/* What version 7 added: the change counters and their triggers. */
#define V7_UNDO \
	"DROP TRIGGER items_change_add; DROP TRIGGER items_change_edit;" \
	"DROP TRIGGER items_change_remove; DROP TRIGGER replies_change_add;" \
	"DROP TRIGGER replies_change_edit;" \
	"DROP TRIGGER replies_change_remove; DROP TRIGGER classifieds_change;" \
	"DROP TRIGGER lendings_change; DROP TRIGGER events_change;" \
	"DROP TRIGGER loans_change_add; DROP TRIGGER loans_change_edit;" \
	"DROP TRIGGER loans_change_remove; DROP TRIGGER rsvps_change_add;" \
	"DROP TRIGGER rsvps_change_edit; DROP TRIGGER rsvps_change_remove;" \
	"DROP TRIGGER messages_change_add; DROP TRIGGER messages_change_edit;" \
	"DROP TRIGGER residents_change_add;" \
	"DROP TRIGGER residents_change_edit; DROP TRIGGER vouches_change_add;" \
	"DROP TRIGGER vouches_change_remove;" \
	"DROP TRIGGER verifications_change_add;" \
	"DROP TRIGGER verifications_change_edit;" \
	"DROP TRIGGER reports_change_add; DROP TRIGGER reports_change_edit;" \
	"DROP TRIGGER moderation_log_change;" \
	"DROP TABLE changes;"

/*
 * What version 10 added (e-mail notices): V10_UNDO makes a file of
 * version 6 again.
 */
#define V10_UNDO \
	"DROP TABLE outbox; DROP TABLE mail_settings;" \
	"DROP TABLE notice_choices; DROP TABLE email_addresses;"

/*
 * What version 8 added (bonnes adresses, polls), taken away again: a
 * file of version 6.  Tests of older files start with it.
 */
#define V8_UNDO \
	"DROP TABLE poll_votes; DROP TABLE poll_choices; DROP TABLE polls;" \
	"DROP INDEX items_recommended; DROP INDEX items_recommended_kind;" \
	"DROP TRIGGER addresses_quartier; DROP TABLE addresses;" \
	"PRAGMA writable_schema = ON;" \
	"UPDATE sqlite_schema SET sql = replace(sql, ', ''address''))', '))')" \
	" WHERE type = 'table' AND name = 'items';" \
	"PRAGMA writable_schema = RESET;"

/*
 * What version 6 added, taken away again, with the search index as it
 * was before (empty); then what version 5 added.  V7_UNDO V6_UNDO
 * V5_UNDO makes a file of version 4: tests of older files start with it,
 * then take away what their own versions added.
 */
#define V6_UNDO \
	"DROP TABLE search; DROP TABLE search_words; DROP VIEW search_text;" \
	"DROP TABLE search_rows;" \
	"CREATE VIRTUAL TABLE search USING fts5(scope, title, body," \
	" tokenize = 'unicode61 remove_diacritics 2');" \
	"DROP TRIGGER classifieds_quartier; DROP TRIGGER events_quartier;" \
	"DROP INDEX classifieds_live; DROP INDEX events_agenda;" \
	"DROP INDEX events_until; DROP TABLE board_totals;" \
	"DROP TRIGGER items_total_add; DROP TRIGGER items_total_delete;" \
	"DROP TRIGGER items_total_remove; DROP TRIGGER replies_total_add;" \
	"DROP TRIGGER replies_total_delete;" \
	"DROP TRIGGER replies_total_remove; DROP TRIGGER loans_total_add;" \
	"DROP TRIGGER loans_total_status; DROP TRIGGER loans_total_remove;" \
	"ALTER TABLE classifieds DROP COLUMN quartier_id;" \
	"ALTER TABLE events DROP COLUMN quartier_id;"
#define V5_UNDO \
	"DROP TABLE drafts;"
/*
 * What the neighbours' sharing and the groups added (the quartiers
 * declared neighbours, the posts shared with them, the groups and their
 * members), taken away again: V9_UNDO before the older
 * ones makes a file of the version before it.
 */
#define V9_UNDO \
	"DROP TRIGGER items_change_shared; DROP TRIGGER replies_change_shared;" \
	"DROP INDEX items_shared; ALTER TABLE items DROP COLUMN shared_at;" \
	"DROP TABLE quartier_neighbours; DROP TABLE group_members;" \
	"DROP TABLE quartier_groups;"

#endif
