/*
 * store-internal.h - what the store*.c files share and nobody else sees:
 * the connection, the statement cache, transactions, error mapping and the
 * SQL fragment that scopes every query to the viewer.
 */
#ifndef STORE_INTERNAL_H
#define STORE_INTERNAL_H

#include <sqlite3.h>
#include "store.h"

#define STORE_CACHE_SIZE	256
#define STORE_BUSY_TIMEOUT_MS	5000

struct store_cached {
	const char	*sql;		/* a string literal: its address is the key */
	sqlite3_stmt	*stmt;
};

struct search_state;

struct store {
	sqlite3			*db;
	char			*path;
	char			 detail[256];
	int			 detail_status;	/* the status DETAIL explains */
	int64_t			 data_version;
	/* store-changes.c: the sums of the counters last read, per board,
	 * and for whom (0: nobody yet). */
	int64_t			 changes_viewer;
	int64_t			 changes_seen[CHANGE_BOARDS];
	struct store_cached	 cache[STORE_CACHE_SIZE];
	size_t			 ncache;
	struct search_state	*search;	/* store-search.c's own */
};

/*
 * store-board.c: the kinds of item (items.kind) and what the store does
 * with each.  The names are spelled once, here, for the SQL that needs one
 * board's items.
 */
#define STORE_KIND_POST		"post"
#define STORE_KIND_ANNOUNCEMENT	"announcement"
#define STORE_KIND_CLASSIFIED	"classified"
#define STORE_KIND_LENDING	"lending"
#define STORE_KIND_EVENT	"event"
#define STORE_KIND_ADDRESS	"address"
struct store_board {
	const char		*kind;		/* NULL: a board of no items */
	enum search_board	 search;	/* its group of hits, in order */
	const char		*visit;		/* board_visits.board, NULL */
	enum change_board	 change;	/* its change counter's bit */
};
extern const struct store_board store_boards[];
extern const size_t store_boards_count;
const struct store_board *store_board_of_kind(const char *kind);
bool	 store_board_visited(const char *board);

/*
 * The viewer's quartier, or NULL when the viewer is not a verified resident:
 * comparing anything with it is then never true, so every scoped query finds
 * nothing and every scoped write changes nothing.
 */
#define VIEWER_QUARTIER \
	"(SELECT quartier_id FROM residents" \
	" WHERE id = :viewer AND status = 'verified')"

/*
 * A post of a neighbouring quartier that its author shared, readable in
 * the viewer's quartier: only a post (no announcement), only lost and
 * found or an alert, only from a quartier the sysop declared a neighbour
 * of the viewer's.  The wall reads it (store-wall.c) and the reports of
 * it go to its own quartier (store-moderation.c); nothing else does.
 */
#define SHARED_CATEGORIES "('lost', 'alert')"
#define ITEM_SHARED_HERE \
	" (i.shared_at IS NOT NULL AND i.kind = 'post'" \
	" AND i.category IN " SHARED_CATEGORIES \
	" AND i.quartier_id IN (SELECT neighbour_id FROM quartier_neighbours" \
	"  WHERE quartier_id = " VIEWER_QUARTIER "))"

/*
 * Whether the viewer belongs to the group :group (founder, co-admin or
 * member, not a request), in their own quartier, and the group is open
 * for business; or the viewer is a moderator or sysop of its quartier,
 * who may read any group.
 */
#define GROUP_MEMBER \
	" EXISTS (SELECT 1 FROM quartier_groups g WHERE g.id = :group" \
	"  AND g.quartier_id = " VIEWER_QUARTIER " AND g.closed_at IS NULL" \
	"  AND (EXISTS (SELECT 1 FROM group_members gm" \
	"   WHERE gm.group_id = g.id AND gm.resident_id = :viewer" \
	"   AND gm.role != 'pending') OR " VIEWER_MODERATES "))"
/* The viewer is a moderator or sysop (of their own quartier). */
#define VIEWER_MODERATES \
	" EXISTS (SELECT 1 FROM residents WHERE id = :viewer" \
	"  AND status = 'verified' AND role IN ('moderator', 'sysop'))"

/*
 * The columns of a resident, in the order read_resident() in
 * store-resident.c expects them, and the tables they come from; other
 * files join what they look for (a key, ...) onto RESIDENT_FROM.
 */
#define RESIDENT_COLUMNS \
	" r.id, r.handle, r.display_name, r.quartier_id, q.name, c.name," \
	" r.street, r.status, r.role, r.language, r.created_at," \
	" r.verified_at, r.last_login_at"
#define RESIDENT_FROM \
	" FROM residents r JOIN quartiers q ON q.id = r.quartier_id" \
	" JOIN cities c ON c.id = q.city_id"

/* store-migrate.c */
int		 store_check_version(struct store *, char **err);

/* store.c */
sqlite3_stmt	*store_stmt(struct store *, const char *sql);
int		 store_fail(struct store *, int rc);
int		 store_invalid(struct store *, const char *why);
int		 store_refuse(struct store *, int status, const char *why);
int		 store_begin(struct store *);
int		 store_commit(struct store *);
void		 store_rollback(struct store *);
/* Commit when RC is STORE_OK, roll back otherwise; returns the outcome. */
int		 store_finish(struct store *, int rc);
int		 store_step_done(struct store *, sqlite3_stmt *);
int		 store_step_found(struct store *, sqlite3_stmt *);
int		 store_step_int(struct store *, sqlite3_stmt *, int *n);
int		 store_step_standing(struct store *, sqlite3_stmt *,
		    enum resident_status *, int64_t *quartier_id);
int		 store_write_one(struct store *, sqlite3_stmt *);
int		 store_exec(struct store *, const char *sql);
/*
 * Reads the current row of a statement into ROW, a struct of the caller's
 * type; FULL asks for the long columns (a body) that lists leave out.
 */
typedef void	(*store_read_fn)(sqlite3_stmt *, void *row, bool full);
void		*store_read_rows(struct store *, sqlite3_stmt *, size_t size,
		    store_read_fn, bool full, size_t *n, int *status);
int		 store_read_row(struct store *, sqlite3_stmt *, size_t size,
		    store_read_fn, bool full, void *row);
int		 store_clean(struct store *, const char *in, int flags,
		    size_t max_chars, char **out);

void		 bind_int64(sqlite3_stmt *, const char *name, int64_t);
void		 bind_text(sqlite3_stmt *, const char *name, const char *);
void		 bind_viewer(sqlite3_stmt *, const struct viewer *);
char		*column_text(sqlite3_stmt *, int col);

/* store-resident.c */
/* Lift the resident's suspension when its end is past (at a login). */
int		 store_suspension_expire(struct store *, const char *handle);
int		 store_resident_query(struct store *, sqlite3_stmt *,
		    struct resident *, bool with_street);
/* Bind NAME folded for residents.name_folded (the directory's key). */
void		 bind_folded_name(sqlite3_stmt *, const char *param,
		    const char *name);

/* store-wall.c: the main menu's count of unread posts. */
int		 store_wall_unread(struct store *, const struct viewer *,
		    int *n);

/* store-keys.c: within the caller's transaction. */
struct auth_public_key;
int		 store_keys_insert(struct store *, int64_t resident_id,
		    const struct auth_public_key *, size_t n, size_t *failed);

/*
 * store-search.c: keep the search index in step, within the caller's write
 * transaction.  Call search_sync_item() after anything that adds, edits,
 * deletes, hides or restores an item (it redoes the item and its replies)
 * and search_sync_reply() after the same for one reply.
 */
int		 search_sync_item(struct store *, int64_t item_id);
int		 search_sync_reply(struct store *, int64_t reply_id);
/* The index's tokenizer ("quartier") and rank function on a connection:
 * the store's (search_open), or a test's own.  SQLITE_OK or an error. */
int		 search_register(sqlite3 *);
int		 search_open(struct store *);
void		 search_close(struct store *);

/*
 * Verification, shared by store-verify.c (where a resident stands, in
 * person), store-signup.c, store-letter.c, store-vouch.c and
 * store-move.c; all within the caller's transaction.
 */
struct verify_rules;
const struct verify_rules *rules_or_default(const struct verify_rules *,
		    struct verify_rules *buf);
/* The viewer's own record, whatever their status. */
struct self {
	enum resident_status	 status;
	int64_t			 quartier_id;
	int64_t			 verified_at;
	char			*quartier;
	char			*city;
};
int		 self_read(struct store *, const struct viewer *, struct self *);
void		 self_clear(struct self *);
/* A pending resident becomes verified, and their letters are void. */
int		 resident_verify(struct store *, int64_t resident_id, int64_t now);
/* The row of a proof that verified someone just now. */
int		 verification_record(struct store *, int64_t resident_id,
		    int64_t quartier_id, const char *method, int64_t by_id,
		    const char *by_name, int64_t now);
/* How many vouches RESIDENT_ID has in QUARTIER_ID. */
int		 vouches_for(struct store *, int64_t resident_id,
		    int64_t quartier_id, int *n);
int		 quartier_exists(struct store *, int64_t id, bool *exists);
/* A street address, which is required: a letter goes there. */
int		 clean_street(struct store *, const char *street, char **out);
/* Take the resident's live letter codes out of use. */
int		 letters_void(struct store *, int64_t resident_id, int64_t now);
/* The resident's latest letter in their quartier not yet used. */
struct letter_row {
	int64_t	 id;
	char	*code_hash;
	int64_t	 expires_at;
	int	 attempts;
};
int		 letter_current(struct store *, int64_t resident_id,
		    struct letter_row *, bool *found);

/*
 * store-notify.c: notices, what Quartier tells resident RECIPIENT_ID about
 * something that happened (a loan, an event, a moderator's warning),
 * within the caller's write transaction.  store_notify() applies the
 * recipient's language, has COMPOSE write the subject and the body from
 * FACTS (both new strings, the program's own translated text; a NULL
 * body sends nothing), puts the caller's language back and delivers the
 * notice: today as a message in the recipient's inbox, from SENDER_ID
 * (0: Quartier itself) and about ABOUT_ITEM_ID (0: none), not delivered
 * when the recipient blocked the sender, unless it is from moderation.
 * Every channel of notices (the inbox, e-mail) hangs here, once.
 */
enum notice_kind {
	NOTICE_LOAN,		/* a step of a loan or a service */
	NOTICE_EVENT,		/* a place freed up, a change, a cancellation */
	NOTICE_MODERATION,	/* a warning: marked, and always delivered */
	/* By e-mail only: what they tell of is in the inbox or on the
	 * board already. */
	NOTICE_MESSAGE,		/* a private message arrived */
	NOTICE_REPLY,		/* a reply to the recipient's item */
};

typedef void	notice_compose_fn(const void *facts, char **subject,
		    char **body);

struct notice {
	enum notice_kind	 kind;
	int64_t			 recipient_id;
	int64_t			 sender_id;
	int64_t			 about_item_id;
	notice_compose_fn	*compose;
	const void		*facts;
};

int		 store_notify(struct store *, const struct notice *);

/*
 * store-email.c: the outbox's one way in, within the caller's
 * transaction, in the language now applied: a notice of KIND for
 * RECIPIENT, if their address is verified, they chose (or by default
 * get) this kind at once, and they did not block SENDER (0: Quartier).
 */
int		 outbox_queue(struct store *, enum mail_kind kind,
		    int64_t recipient, int64_t sender, const char *subject,
		    const char *body);
/* One mail for RESIDENT_ID at ADDRESS, as it is: KIND "address" (a
 * code, to an address not verified yet) or "digest". */
int		 outbox_add(struct store *, int64_t resident_id,
		    const char *address, const char *kind, const char *subject,
		    const char *body);
/* store-digest.c: the latest time a digest of RHYTHM ("daily",
 * "weekly") at HOUR was due, at or before NOW, in local time. */
int64_t		 digest_slot(int64_t now, const char *rhythm, int hour);
/* Whether RECIPIENT chose to read a private message's text in mail. */
bool		 outbox_message_text(struct store *, int64_t recipient);
const char	*mail_kind_name(enum mail_kind);
/* The notices by e-mail of a new message, reply or alert (an item of the
 * wall's "alert" category), in the transaction that wrote it. */
int		 notice_message(struct store *, int64_t message_id);
int		 notice_reply(struct store *, int64_t reply_id);
int		 notice_alert(struct store *, int64_t item_id);

/*
 * store-moderation.c: the reasons the program itself writes in the
 * moderation log.  The log keeps each as its key, the English sentence
 * of mod_reason_keys[]; store_mod_log() gives it back in the language of
 * whoever reads the log.  A reason someone typed is kept as typed.
 */
enum mod_reason {
	MOD_REASON_IN_PERSON,		/* resident verify */
	MOD_REASON_SUSPENSION_ENDED,	/* a suspension ran out */
};
extern const char *const mod_reason_keys[];

#endif
