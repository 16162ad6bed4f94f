/*
 * store.h - the only way into Quartier's SQLite database.
 *
 * Every SQL string lives in src/store*.c; callers see typed functions.
 * Every function that reads or writes quartier content takes the viewer and
 * does its work only within the viewer's quartier, and only while the viewer
 * is verified: the rule is written in the SQL itself (the viewer's quartier
 * and status are read from the residents table in the same statement), so
 * an id typed or guessed from another quartier finds nothing.
 *
 * Functions return STORE_OK (0) or a negative enum store_status; strings
 * given in are cleaned by text.c before they are written, and a text that
 * cannot be accepted gives STORE_INVALID with store_detail() saying why.
 * Writes run in short BEGIN IMMEDIATE transactions; a database that stays
 * busy past the timeout gives STORE_BUSY and changes nothing.
 */
#ifndef STORE_H
#define STORE_H

#include <stdbool.h>
#include <stdint.h>
#include "quartier.h"

struct store;

enum store_status {
	STORE_OK = 0,
	STORE_NOT_FOUND = -1,	/* no such thing, or not visible to this viewer */
	STORE_DENIED = -2,	/* visible, but the viewer may not do this */
	STORE_INVALID = -3,	/* rejected input; store_detail() says why */
	STORE_DUPLICATE = -4,	/* a unique name or handle already taken */
	STORE_BUSY = -5,	/* the database stayed locked; retry later */
	STORE_ERROR = -6,	/* anything else (I/O, corruption, ...) */
};

/* The resident on whose behalf a function works. */
struct viewer {
	int64_t	resident_id;
};

/* store.c */
#define STORE_CREATE	0x1	/* create the file and schema if missing */
#define STORE_READONLY	0x2

int	 store_open(const char *path, int flags, struct store **out, char **err);
void	 store_close(struct store *);
/* A translated sentence for a status; STORE_INVALID uses store_detail(). */
const char *store_message(struct store *, int status);
/* Why the last STORE_INVALID / STORE_ERROR happened (never NULL). */
const char *store_detail(struct store *);
int	 store_schema_version(struct store *);
int	 store_schema_latest(void);
/* True when another process changed the database since the last call
 * (PRAGMA data_version, cheap enough to poll while waiting for a key). */
bool	 store_changed(struct store *);

/*
 * store-changes.c: which boards changed, for the sessions that show them.
 * Every write that changes what a board shows bumps its counter in the
 * same transaction (triggers, data/schema.sql "What changed where"); a
 * session asks store_changed() first, then, only when the database did
 * change, which of its quartier's boards did.
 */
enum change_board {
	CHANGE_WALL = 1 << 0,		/* posts and announcements */
	CHANGE_CLASSIFIEDS = 1 << 1,
	CHANGE_LENDING = 1 << 2,	/* the items and their loans */
	CHANGE_EVENTS = 1 << 3,		/* the events and their answers */
	CHANGE_MAIL = 1 << 4,		/* the viewer's own mail only */
	CHANGE_RESIDENTS = 1 << 5,	/* signups, vouches, verifications */
	CHANGE_REPORTS = 1 << 6,	/* moderation's queue and log */
	CHANGE_ADDRESSES = 1 << 7,	/* bonnes adresses, recommendations */
};
#define CHANGE_BOARDS	8
#define CHANGE_ALL	((1u << CHANGE_BOARDS) - 1)
/* The boards of the viewer's quartier (and the viewer's mail) that
 * changed since the last call for the same viewer, as CHANGE_* bits in
 * *CHANGED; the first call for a viewer takes note and says 0. */
int	 store_changes(struct store *, const struct viewer *,
	    unsigned *changed);
/* Run a script that ships inside the program (the demo data) in one
 * transaction, then rebuild the search index; never for text that came
 * from outside. */
int	 store_run_script(struct store *, const char *sql);
/* Integrity check, for tests and the admin tool. */
int	 store_integrity_check(struct store *, char **report);

/* store-migrate.c: bring an opened database to the latest version. */
struct store_migration {
	int		 to_version;
	const char	*sql;
	int		 (*after)(struct store *);	/* C work, same transaction */
};
int	 store_migrate(struct store *, char **err);
int	 store_migrate_steps(struct store *, const struct store_migration *,
	    size_t n, char **err);

/* store-place.c: cities and quartiers (administration, no viewer). */
struct quartier_info {
	int64_t	 id;
	char	*city;
	char	*name;
	int	 verified;	/* residents by status */
	int	 pending;
	int	 suspended;
};
int	 store_city_add(struct store *, const char *name, int64_t *id);
int	 store_quartier_add(struct store *, const char *city, const char *name,
	    int64_t *id);
/* Find a quartier by "Name" (when unique) or "City/Name". */
int	 store_quartier_find(struct store *, const char *spec, int64_t *id);
int	 store_quartier_list(struct store *, struct quartier_info **, size_t *n);
void	 quartier_info_free(struct quartier_info *, size_t n);

/* store-border.c: quartiers declared neighbours (administration, no
 * viewer).  A pair is symmetric; adding it twice is STORE_DUPLICATE,
 * removing one that is not there STORE_NOT_FOUND, a quartier with itself
 * STORE_INVALID. */
struct neighbour_pair {
	int64_t	 a, b;		/* quartier ids, A < B unless listed for A */
	char	*a_name;	/* "Strasbourg › Krutenau" */
	char	*b_name;
};
int	 store_neighbour_add(struct store *, int64_t a, int64_t b);
int	 store_neighbour_remove(struct store *, int64_t a, int64_t b);
/* Every pair, or only those of QUARTIER_ID (then A is that quartier). */
int	 store_neighbour_list(struct store *, int64_t quartier_id,
	    struct neighbour_pair **, size_t *n);
void	 neighbour_pair_list_free(struct neighbour_pair *, size_t n);

/*
 * store-group.c: groups of residents of one quartier.  Every function
 * takes the viewer: a group of another quartier, or any group for a
 * viewer who is not verified, does not exist.  Membership is what later
 * scopes a group's wall and events (GROUP_MEMBER in store-internal.h).
 */
enum group_role {
	GROUP_NONE,		/* not a member */
	GROUP_PENDING,		/* asked to join a group on request */
	GROUP_MEMBER,
	GROUP_ADMIN,		/* a co-admin: accepts requests */
	GROUP_FOUNDER,
};
struct group_info {
	int64_t		 id;
	char		*name;
	char		*description;
	bool		 open;		/* anyone joins; else on request */
	int		 members;	/* founder, co-admins and members */
	int		 pending;	/* requests waiting */
	enum group_role	 role;		/* the viewer's */
	char		*founder_name;
	int64_t		 created_at;
};
struct group_member {
	int64_t		 resident_id;
	char		*name;
	enum group_role	 role;
	int64_t		 since;
};
/* Found a group: the viewer is its founder.  STORE_DUPLICATE when the
 * quartier has a group of that name, whatever its case. */
int	 store_group_add(struct store *, const struct viewer *,
	    const char *name, const char *description, bool open, int64_t *id);
/* The open groups of the viewer's quartier, by name. */
int	 store_group_list(struct store *, const struct viewer *,
	    struct group_info **, size_t *n);
int	 store_group_get(struct store *, const struct viewer *, int64_t id,
	    struct group_info *);
/* Join an open group, or ask to join one on request (then pending);
 * STORE_DUPLICATE when already in it or waiting. */
int	 store_group_join(struct store *, const struct viewer *, int64_t id);
/* The founder or a co-admin accepts (or, ACCEPT false, declines) a
 * request; STORE_DENIED for anyone else. */
int	 store_group_answer(struct store *, const struct viewer *, int64_t id,
	    int64_t resident_id, bool accept);
/* Leave at any time (a request is withdrawn the same way); the founder
 * hands the group over or closes it instead (STORE_DENIED). */
int	 store_group_leave(struct store *, const struct viewer *, int64_t id);
/* The founder makes a member the founder, and becomes a co-admin. */
int	 store_group_hand_over(struct store *, const struct viewer *,
	    int64_t id, int64_t resident_id);
/* The founder makes a member a co-admin (ADMIN) or a member again. */
int	 store_group_set_admin(struct store *, const struct viewer *,
	    int64_t id, int64_t resident_id, bool admin);
/* The founder closes the group, or a moderator (or sysop) of its
 * quartier does: a group is no hiding place. */
int	 store_group_close(struct store *, const struct viewer *, int64_t id);
/* The members, founder first, then co-admins, members and requests, by
 * name: for the group's members and the quartier's moderators. */
int	 store_group_members(struct store *, const struct viewer *,
	    int64_t id, struct group_member **, size_t *n);
void	 group_info_clear(struct group_info *);
void	 group_info_list_free(struct group_info *, size_t n);
void	 group_member_list_free(struct group_member *, size_t n);

/* store-resident.c */
struct resident {
	int64_t			 id;
	char			*handle;
	char			*display_name;
	int64_t			 quartier_id;
	char			*quartier;
	char			*city;
	char			*street;	/* only filled for administration */
	enum resident_status	 status;
	enum resident_role	 role;
	enum language		 language;
	int64_t			 created_at;
	int64_t			 verified_at;
	int64_t			 last_login_at;	/* their latest session's */
};
struct resident_new {
	const char		*handle;
	const char		*display_name;
	const char		*street;		/* may be NULL */
	const char		*password_hash;		/* may be NULL */
	int64_t			 quartier_id;
	enum resident_status	 status;
	enum resident_role	 role;
};
int	 store_resident_add(struct store *, const struct resident_new *,
	    int64_t *id);
/* For login: the resident and their password hash (either may be NULL
 * on return; *HASH is to be freed with auth_free_secret). */
int	 store_resident_for_login(struct store *, const char *handle,
	    struct resident *, char **hash);
/* The viewer's own record (profile, top line). */
int	 store_resident_self(struct store *, const struct viewer *,
	    struct resident *);
int	 store_resident_by_handle(struct store *, const char *handle,
	    struct resident *);
/* Administration: every resident, or those of one quartier (0: all). */
int	 store_resident_list(struct store *, int64_t quartier_id,
	    bool pending_only, struct resident **, size_t *n);
int	 store_resident_set_password(struct store *, int64_t resident_id,
	    const char *hash);
int	 store_resident_set_display_name(struct store *, const struct viewer *,
	    const char *name);
int	 store_resident_set_language(struct store *, const struct viewer *,
	    enum language);
/* This session begins; *LAST_VISIT gets when the previous one began (0:
 * none), the resident's "last visit" wherever it is shown. */
int	 store_resident_logged_in(struct store *, int64_t resident_id,
	    int64_t *last_visit);
void	 resident_clear(struct resident *);
void	 resident_list_free(struct resident *, size_t n);

/* store-wall.c: the neighbourhood wall */
struct wall_category {
	const char	*code;		/* stored in items.category */
	const char	*label;		/* N_() marked, for _() */
};
extern const struct wall_category wall_categories[];
extern const size_t wall_category_count;
const struct wall_category *wall_category_find(const char *code);

struct wall_post {
	int64_t	 id;
	char	*category;
	char	*title;
	char	*body;			/* NULL in pages, filled by _get */
	int64_t	 author_id;		/* 0 for announcements */
	char	*author_name;		/* NULL for announcements */
	char	*on_behalf_of;
	int	 reply_count;
	int64_t	 created_at;
	int64_t	 updated_at;		/* 0 when never edited */
	int64_t	 last_activity_at;
	bool	 announcement;
	bool	 unread;		/* new, or new replies since read */
	bool	 mine;
	bool	 hidden;		/* by moderation (seen by its author) */
	char	*hidden_reason;
	char	*origin;		/* a neighbour's post: its quartier */
	bool	 shared;		/* shared with the neighbours */
};
/* Where a page starts: after (created_at, id); zeroes for the first page.
 * Every board pages this way, by key, never by OFFSET. */
struct wall_cursor {
	int64_t	 created_at;
	int64_t	 id;
};
/*
 * Unread is one thing everywhere: a post with activity (its own or a
 * reply's) since the viewer last read it, after their horizon (their
 * arrival, or their last "mark all read").  The wall's heading, the menu
 * and the top line count it alike; the menu's count stops at
 * MENU_COUNT_MAX.
 */
struct wall_counts {
	int	 total;			/* posts shown with this filter */
	int	 unread;		/* of them, announcements too when
					 * unfiltered */
};

/* Pinned announcements, newest first. */
int	 store_wall_pinned(struct store *, const struct viewer *,
	    struct wall_post **, size_t *n);
/* Up to LIMIT posts older than AFTER, newest first; CATEGORY NULL for all. */
int	 store_wall_page(struct store *, const struct viewer *,
	    const char *category, const struct wall_cursor *after, int limit,
	    struct wall_post **, size_t *n);
int	 store_wall_counts(struct store *, const struct viewer *,
	    const char *category, struct wall_counts *);
int	 store_wall_get(struct store *, const struct viewer *, int64_t id,
	    struct wall_post *);
/* ON_BEHALF_OF (NULL or blank: none) names a neighbour without an
 * account a helper or sysop writes for; others get STORE_DENIED. */
int	 store_wall_add(struct store *, const struct viewer *,
	    const char *category, const char *title, const char *body,
	    const char *on_behalf_of, int64_t *id);
int	 store_wall_edit(struct store *, const struct viewer *, int64_t id,
	    const char *category, const char *title, const char *body);
int	 store_wall_delete(struct store *, const struct viewer *, int64_t id);
int	 store_wall_mark_read(struct store *, const struct viewer *, int64_t id);
int	 store_wall_mark_all_read(struct store *, const struct viewer *);
/* Share a "lost" or "alert" post of the viewer's with the quartiers
 * declared neighbours of theirs (SHARE), or stop; STORE_DENIED for any
 * other post. */
int	 store_wall_share(struct store *, const struct viewer *, int64_t id,
	    bool share);
/* "Neudorf, Esplanade": the viewer's neighbouring quartiers, or NULL. */
int	 store_wall_neighbours(struct store *, const struct viewer *,
	    char **names);
/* A sysop announcement pinned on a quartier's wall, or on every
 * quartier's wall for QUARTIER_ID 0 (administration). */
int	 store_announce(struct store *, int64_t quartier_id, const char *title,
	    const char *body, int64_t *id);
void	 wall_post_clear(struct wall_post *);
void	 wall_post_list_free(struct wall_post *, size_t n);

struct reply {
	int64_t	 id;
	int64_t	 author_id;
	char	*author_name;
	char	*body;
	int64_t	 created_at;
	int64_t	 updated_at;
	bool	 mine;
	char	*on_behalf_of;		/* a helper wrote for this neighbour */
	bool	 hidden;		/* by moderation (seen by its author) */
	char	*hidden_reason;
};
/* The replies of a visible item, oldest first, at most LIMIT after OFFSET. */
int	 store_reply_list(struct store *, const struct viewer *, int64_t item_id,
	    int offset, int limit, struct reply **, size_t *n);
int	 store_reply_add(struct store *, const struct viewer *, int64_t item_id,
	    const char *body, const char *on_behalf_of, int64_t *id);
int	 store_reply_edit(struct store *, const struct viewer *, int64_t reply_id,
	    const char *body);
int	 store_reply_delete(struct store *, const struct viewer *,
	    int64_t reply_id);
void	 reply_list_free(struct reply *, size_t n);

/* store-menu.c: what the main menu and the top line show. */
/*
 * The counts that can grow without bound (unread posts and mail, new ads
 * and lending items) stop at MENU_COUNT_MAX: every session asks for them
 * whenever anyone writes, so they must cost little however much is
 * waiting.  The screens show MENU_COUNT_MAX as "99+".
 */
#define MENU_COUNT_MAX	100
struct menu_counts {
	int	 wall_unread;
	int	 mail_unread;		/* private messages not read yet */
	int	 classifieds_new;	/* ads since the last visit, by others */
	int	 lending_new;		/* lending items since the last visit */
	int	 events_today;		/* not cancelled, starting today */
	int	 events_week;		/* starting in the next 7 days */
	int	 loans_overdue;		/* as lender or borrower */
	int	 loans_waiting;		/* requests waiting for my answer */
};
int	 store_menu_counts(struct store *, const struct viewer *,
	    struct menu_counts *);
/* Unread posts on the wall, up to MENU_COUNT_MAX. */
int	 store_wall_unread(struct store *, const struct viewer *, int *);
/* Record a visit to BOARD ("classifieds", "lending", "events", "mail"):
 * what came before it is no longer "new" on the menu. */
int	 store_board_visit(struct store *, const struct viewer *,
	    const char *board);

/*
 * store-mail.c: private mail between verified neighbours of one quartier.
 *
 * A message has two copies, the sender's and the recipient's; each side
 * deletes only its own.  A conversation (thread) is the first message and
 * every reply to any message of it; the inbox lists conversations.  Mail
 * from a resident the recipient blocked is never delivered (the sender's
 * copy stays).  SENDER_ID 0 is Quartier itself (reminders, notices).
 */
struct mail {
	int64_t			 id;
	int64_t			 thread_id;	/* first message of the thread */
	int64_t			 sender_id;	/* 0: Quartier itself */
	char			*sender_name;	/* NULL from Quartier */
	char			*sender_handle;
	enum resident_role	 sender_role;	/* moderator, sysop are shown */
	int64_t			 recipient_id;
	char			*recipient_name;
	char			*recipient_handle;
	char			*subject;
	char			*body;		/* NULL in lists */
	bool			 from_moderation;	/* a moderation notice */
	int64_t			 about_item_id;	/* an ad, a loan ...; 0 none */
	int64_t			 created_at;
	int64_t			 read_at;	/* 0: not read by the recipient */
	bool			 mine;		/* the viewer sent it */
	bool			 hidden;	/* by moderation (seen by its sender) */
	char			*hidden_reason;
};
/* One conversation as the inbox shows it. */
struct mail_thread {
	int64_t			 thread_id;
	int64_t			 other_id;	/* the neighbour; 0: Quartier */
	char			*other_name;
	enum resident_role	 other_role;
	char			*subject;	/* of its first message */
	int			 count;		/* messages the viewer has in it */
	int			 unread;	/* to the viewer, not read */
	int64_t			 last_at;	/* its newest message */
	int64_t			 last_id;
	bool			 from_moderation;	/* OTHER sent it as one */
};
struct mail_cursor {
	int64_t			 at;
	int64_t			 id;
};
struct mail_new {
	int64_t			 recipient_id;
	const char		*subject;
	const char		*body;
	int64_t			 reply_to;	/* a message of the thread, 0 */
	int64_t			 about_item_id;	/* 0 none */
};
/* Conversations with something received or sent, newest activity first. */
int	 store_mail_threads(struct store *, const struct viewer *,
	    const struct mail_cursor *after, int limit,
	    struct mail_thread **, size_t *n);
/* Messages the viewer sent and kept, newest first. */
int	 store_mail_sent(struct store *, const struct viewer *,
	    const struct mail_cursor *after, int limit, struct mail **,
	    size_t *n);
/* The viewer's copies of one conversation, oldest first, with bodies. */
int	 store_mail_thread(struct store *, const struct viewer *,
	    int64_t thread_id, struct mail **, size_t *n);
int	 store_mail_get(struct store *, const struct viewer *, int64_t id,
	    struct mail *);
int	 store_mail_send(struct store *, const struct viewer *,
	    const struct mail_new *, int64_t *id);
/* Everything of the thread addressed to the viewer is read now. */
int	 store_mail_mark_read(struct store *, const struct viewer *,
	    int64_t thread_id);
/* Delete the viewer's copy of one message, or of a whole thread. */
int	 store_mail_delete(struct store *, const struct viewer *, int64_t id);
int	 store_mail_delete_thread(struct store *, const struct viewer *,
	    int64_t thread_id);
int	 store_mail_unread(struct store *, const struct viewer *, int *n);
void	 mail_clear(struct mail *);
void	 mail_list_free(struct mail *, size_t n);
void	 mail_thread_list_free(struct mail_thread *, size_t n);

/* The directory: verified neighbours of the viewer's quartier. */
struct neighbour {
	int64_t			 id;
	char			*handle;
	char			*display_name;
	enum resident_role	 role;
	bool			 blocked;	/* by the viewer */
	int			 mercis;	/* thanks received for loans */
};
/* Neighbours whose handle, display name or a word of it starts with
 * PREFIX (folded: "elo" finds "Éloïse", "benali" finds "Karim Benali";
 * NULL or "" for all), by display name, the viewer left out; at most
 * LIMIT after OFFSET. */
int	 store_directory(struct store *, const struct viewer *,
	    const char *prefix, int offset, int limit, struct neighbour **,
	    size_t *n);
/* Fold every display name again for the directory (migration, demo
 * data, rows written with raw SQL). */
int	 store_directory_rebuild(struct store *);
int	 store_neighbour_get(struct store *, const struct viewer *,
	    int64_t id, struct neighbour *);
int	 store_neighbour_by_handle(struct store *, const struct viewer *,
	    const char *handle, struct neighbour *);
void	 neighbour_clear(struct neighbour *);
void	 neighbour_list_free(struct neighbour *, size_t n);

/* Blocking: a blocked neighbour's mail no longer reaches the viewer. */
int	 store_block(struct store *, const struct viewer *, int64_t resident);
int	 store_unblock(struct store *, const struct viewer *, int64_t resident);
int	 store_block_list(struct store *, const struct viewer *,
	    struct neighbour **, size_t *n);

/*
 * The longest reason, in characters: of a report, of a moderation action
 * (hide, warn, suspend, a role changed), of an event's cancellation.  A
 * sentence or two, kept for good; the screens' fields stop there too.
 */
#define STORE_REASON_MAX	500

/* Reports, kept for moderation: anything the viewer can see. */
enum report_target {
	REPORT_ITEM,
	REPORT_REPLY,
	REPORT_MESSAGE,
	REPORT_RESIDENT,
};
int	 store_report(struct store *, const struct viewer *,
	    enum report_target, int64_t target_id, const char *reason,
	    int64_t *id);
/* The kind ("post", "classified", "lending", "event" ...) of an item the
 * viewer can see, so that a message about it can open it; *KIND to free. */
int	 store_item_kind(struct store *, const struct viewer *, int64_t id,
	    char **kind);

/*
 * store-classified.c: petites annonces.  An ad is sold, given or wanted;
 * it expires DAYS after it was posted or last renewed (hidden, not
 * deleted: its author still sees it and may renew it).
 */
enum ad_kind {
	AD_SELL,
	AD_GIVE,
	AD_WANTED,
};
enum ad_status {
	AD_AVAILABLE,
	AD_RESERVED,
	AD_GONE,
};
struct classified_category {
	const char	*code;		/* items.category */
	const char	*label;		/* N_() */
};
extern const struct classified_category classified_categories[];
extern const size_t classified_category_count;
const struct classified_category *classified_category_find(const char *);
const char *ad_kind_label(enum ad_kind);	/* translated */
const char *ad_status_label(enum ad_status);	/* translated */
struct classified {
	int64_t		 id;
	enum ad_kind	 kind;
	char		*category;
	char		*title;
	char		*body;		/* NULL in pages */
	int64_t		 price_cents;	/* -1: no price (free, or wanted) */
	enum ad_status	 status;
	int64_t		 author_id;
	char		*author_name;
	char		*author_handle;
	int64_t		 created_at;
	int64_t		 updated_at;	/* 0 never edited */
	int64_t		 expires_at;
	bool		 expired;
	bool		 mine;
	bool		 is_new;	/* since the previous visit */
	bool		 hidden;	/* by moderation (seen by its author) */
	char		*hidden_reason;
};
struct classified_filter {
	int		 kind;		/* enum ad_kind, or -1 for all */
	const char	*category;	/* NULL for all */
	int		 status;	/* enum ad_status, or -1: not gone */
	bool		 mine;		/* only the viewer's, expired too */
};
struct classified_new {
	enum ad_kind	 kind;
	const char	*category;
	const char	*title;
	const char	*body;
	int64_t		 price_cents;	/* -1: none; must be -1 to give */
};
int	 store_classified_page(struct store *, const struct viewer *,
	    const struct classified_filter *, const struct wall_cursor *after,
	    int limit, struct classified **, size_t *n);
int	 store_classified_count(struct store *, const struct viewer *,
	    const struct classified_filter *, int *n);
int	 store_classified_get(struct store *, const struct viewer *,
	    int64_t id, struct classified *);
int	 store_classified_add(struct store *, const struct viewer *,
	    const struct classified_new *, int days, int64_t *id);
int	 store_classified_edit(struct store *, const struct viewer *,
	    int64_t id, const struct classified_new *);
int	 store_classified_set_status(struct store *, const struct viewer *,
	    int64_t id, enum ad_status);
/* Another DAYS from now, expired or not. */
int	 store_classified_renew(struct store *, const struct viewer *,
	    int64_t id, int days);
int	 store_classified_delete(struct store *, const struct viewer *,
	    int64_t id);
/* "12", "12,50", "12.5 €", "0" -> cents; "" -> -1 (no price).  Anything
 * else (a letter, a negative, two separators, more than 2 decimals or
 * 1 000 000 €) gives -1 as return value and *WHY a translated reason,
 * written to follow "Invalid price: ". */
int	 classified_price_parse(const char *text, int64_t *cents,
	    const char **why);
/* "12,50 €" in French, "€12.50" in English; "" for -1. */
void	 classified_price_format(char *buf, size_t size, int64_t cents);
void	 classified_clear(struct classified *);
void	 classified_list_free(struct classified *, size_t n);

/*
 * store-lending.c: prêts et services.  An offer ("I lend a drill", "I can
 * repair bikes") or a request ("I need a ladder", "help to mount a
 * shelf").  A loan joins the item's author and a neighbour: on an offer
 * the neighbour asks to borrow; on a request the neighbour proposes to
 * lend or help.  The author accepts (with a due date) or declines; the
 * lender marks it returned (done); the borrower may then say merci.
 * Each step mails the other side.
 */
enum lending_direction {
	LENDING_OFFER,
	LENDING_REQUEST,
};
enum lending_nature {
	LENDING_OBJECT,
	LENDING_SERVICE,
};
enum loan_status {
	LOAN_REQUESTED,
	LOAN_ACCEPTED,
	LOAN_DECLINED,
	LOAN_RETURNED,
	LOAN_CANCELLED,
};
struct lending {
	int64_t			 id;
	enum lending_direction	 direction;
	enum lending_nature	 nature;
	char			*title;
	char			*body;		/* NULL in pages */
	int64_t			 author_id;
	char			*author_name;
	int64_t			 created_at;
	int64_t			 updated_at;
	bool			 mine;
	bool			 is_new;
	/* The loan in progress, if any: "lent to X until DATE". */
	int64_t			 loan_id;
	char			*loan_with;	/* the other side's name */
	int64_t			 due_at;
	bool			 overdue;
	int			 requests;	/* waiting for the author */
	int64_t			 my_loan_id;	/* the viewer's own, live */
	enum loan_status	 my_loan_status;
	bool			 hidden;		/* by moderation (seen by its author) */
	char			*hidden_reason;
};
struct loan {
	int64_t			 id;
	int64_t			 item_id;
	char			*item_title;
	enum lending_nature	 nature;
	int64_t			 lender_id;
	char			*lender_name;
	int64_t			 borrower_id;
	char			*borrower_name;
	enum loan_status	 status;
	char			*note;		/* what the asker wrote */
	int64_t			 requested_at;
	int64_t			 decided_at;
	int64_t			 due_at;
	int64_t			 returned_at;
	int64_t			 merci_at;
	bool			 overdue;
	bool			 i_lend;	/* the viewer is the lender */
	bool			 i_decide;	/* the viewer is the item's author */
};
struct lending_filter {
	int			 direction;	/* enum lending_direction, -1 all */
	int			 nature;	/* enum lending_nature, -1 all */
	bool			 mine;
};
struct lending_new {
	enum lending_direction	 direction;
	enum lending_nature	 nature;
	const char		*title;
	const char		*body;
};
int	 store_lending_page(struct store *, const struct viewer *,
	    const struct lending_filter *, const struct wall_cursor *after,
	    int limit, struct lending **, size_t *n);
int	 store_lending_get(struct store *, const struct viewer *, int64_t id,
	    struct lending *);
int	 store_lending_add(struct store *, const struct viewer *,
	    const struct lending_new *, int64_t *id);
int	 store_lending_edit(struct store *, const struct viewer *, int64_t id,
	    const struct lending_new *);
/* Refused (STORE_DENIED) while a loan of it is accepted. */
int	 store_lending_delete(struct store *, const struct viewer *,
	    int64_t id);
/* Ask to borrow (offer) or propose (request), with a note. */
int	 store_loan_ask(struct store *, const struct viewer *, int64_t item_id,
	    const char *note, int64_t *loan_id);
/* The author's answer; DAYS (1..365) sets the due date when accepting. */
int	 store_loan_decide(struct store *, const struct viewer *,
	    int64_t loan_id, bool accept, int days);
int	 store_loan_cancel(struct store *, const struct viewer *,
	    int64_t loan_id);
int	 store_loan_returned(struct store *, const struct viewer *,
	    int64_t loan_id);
int	 store_loan_merci(struct store *, const struct viewer *,
	    int64_t loan_id);
/* The loans of one item: requests waiting, the live one, then history. */
int	 store_loans_of_item(struct store *, const struct viewer *,
	    int64_t item_id, struct loan **, size_t *n);
/* The viewer's loans on both sides: live and overdue first, then past. */
int	 store_loans_mine(struct store *, const struct viewer *,
	    bool history, struct loan **, size_t *n);
/* Mail a reminder, once, for each of the viewer's overdue loans (both
 * sides); *SENT says how many went. */
int	 store_loans_remind(struct store *, const struct viewer *, int *sent);
int	 store_mercis(struct store *, const struct viewer *,
	    int64_t resident_id, int *n);
void	 lending_clear(struct lending *);
void	 lending_list_free(struct lending *, size_t n);
void	 loan_list_free(struct loan *, size_t n);

/*
 * store-event.c: events with RSVP.  Times are Unix seconds; the UI shows
 * them in the configured time zone.  With a capacity, "yes" answers past
 * it wait in line, and the first in line moves up when a place frees.
 */
enum rsvp_answer {
	RSVP_NONE,
	RSVP_YES,
	RSVP_MAYBE,
	RSVP_NO,
};
struct event {
	int64_t			 id;
	char			*title;
	char			*body;		/* NULL in pages */
	char			*place;
	int64_t			 starts_at;
	int64_t			 ends_at;	/* 0: none */
	int			 capacity;	/* 0: no limit */
	bool			 cancelled;
	char			*cancel_reason;	/* NULL in pages */
	int64_t			 organiser_id;
	char			*organiser_name;
	int			 yes;		/* with a place */
	int			 maybe;
	int			 waiting;	/* in line */
	enum rsvp_answer	 my_answer;
	int			 my_position;	/* in line, 0 not waiting */
	bool			 mine;
	int64_t			 created_at;
	int64_t			 updated_at;
	bool			 hidden;		/* by moderation (seen by its author) */
	char			*hidden_reason;
};
struct event_new {
	const char		*title;
	const char		*body;
	const char		*place;
	int64_t			 starts_at;
	int64_t			 ends_at;	/* 0 none */
	int			 capacity;	/* 0 none */
};
struct attendee {
	int64_t			 resident_id;
	char			*name;
	enum rsvp_answer	 answer;
	int			 position;	/* in line, 0 has a place */
};
/* Upcoming (not yet ended) events from AFTER on, soonest first; or, with
 * ARCHIVE, past ones, latest first.  Cursor: (starts_at, id). */
int	 store_event_page(struct store *, const struct viewer *, bool archive,
	    const struct wall_cursor *after, int limit, struct event **,
	    size_t *n);
int	 store_event_get(struct store *, const struct viewer *, int64_t id,
	    struct event *);
int	 store_event_add(struct store *, const struct viewer *,
	    const struct event_new *, int64_t *id);
/* Edit or cancel; the attendees get a mail saying what changed. */
int	 store_event_edit(struct store *, const struct viewer *, int64_t id,
	    const struct event_new *);
int	 store_event_cancel(struct store *, const struct viewer *, int64_t id,
	    const char *why);
/* The organiser rule: whether the viewer may change or cancel E (its
 * organiser, until it starts), or answer it (a neighbour, until then);
 * STORE_OK, or STORE_DENIED with store_detail() saying why not. */
int	 store_event_may_change(struct store *, const struct event *);
int	 store_event_may_answer(struct store *, const struct event *);
int	 store_event_rsvp(struct store *, const struct viewer *, int64_t id,
	    enum rsvp_answer, int *position);
int	 store_event_attendees(struct store *, const struct viewer *,
	    int64_t id, struct attendee **, size_t *n);
void	 event_clear(struct event *);
void	 event_list_free(struct event *, size_t n);
void	 attendee_list_free(struct attendee *, size_t n);

/*
 * store-address.c: bonnes adresses, the places and people neighbours
 * recommend (a doctor, a plumber, a baker, a baby-sitter).  An address
 * has a kind (a code of address_kinds[]; an artisan's trade is free
 * text), a name, a street and how to reach it; each neighbour recommends
 * it once, with a short comment they may edit or withdraw, and the list
 * is sorted by the number of neighbours who do.  The recommendations are
 * the address's replies: store_reply_list() gives them, who and what,
 * store_reply_edit() edits a comment, and reports and moderation treat
 * them as replies.
 */
struct address_kind {
	const char	*code;		/* items.category */
	const char	*label;		/* N_() */
	bool		 patients;	/* "takes new patients" applies */
	bool		 person;	/* a private person: consent needed */
	bool		 trade;		/* the trade is asked for */
};
extern const struct address_kind address_kinds[];
extern const size_t address_kind_count;
const struct address_kind *address_kind_find(const char *code);
enum address_patients {
	PATIENTS_NONE,			/* not a doctor: does not apply */
	PATIENTS_UNKNOWN,
	PATIENTS_YES,
	PATIENTS_NO,
};
enum address_person {
	PERSON_NO,			/* a business, a service: no one's */
	PERSON_SELF,			/* the author lists themselves */
	PERSON_AGREED,			/* the author says they agreed */
};
struct address {
	int64_t			 id;
	char			*kind;		/* a code of address_kinds[] */
	char			*trade;		/* NULL or "" */
	char			*name;
	char			*street;
	char			*contact;	/* phone, hours: free text */
	enum address_patients	 patients;
	int64_t			 patients_at;	/* last confirmed, 0 never */
	char			*patients_by;	/* who said so last */
	enum address_person	 person;
	int64_t			 author_id;
	char			*author_name;
	int			 recommenders;	/* neighbours who recommend it */
	bool			 recommended;	/* the viewer among them */
	bool			 mine;		/* the viewer listed it */
	int64_t			 created_at;
	int64_t			 updated_at;
	bool			 hidden;	/* by moderation (its author) */
	char			*hidden_reason;
};
struct address_new {
	const char		*kind;
	const char		*trade;		/* for kinds with .trade */
	const char		*name;
	const char		*street;
	const char		*contact;
	enum address_patients	 patients;	/* for kinds with .patients */
	enum address_person	 person;	/* required for .person kinds */
	const char		*comment;	/* the author's recommendation;
						 * NULL or "": none (adding) */
};
/* Most recommended first, then newest; KIND NULL for all.  The cursor's
 * CREATED_AT is the row's number of recommenders. */
int	 store_address_page(struct store *, const struct viewer *,
	    const char *kind, const struct wall_cursor *after, int limit,
	    struct address **, size_t *n);
int	 store_address_count(struct store *, const struct viewer *,
	    const char *kind, int *n);
int	 store_address_get(struct store *, const struct viewer *, int64_t id,
	    struct address *);
/* An address of the viewer's quartier with the same folded name as NAME
 * ("Dr Müller" and "dr muller"), the most recommended: *ID, or 0. */
int	 store_address_similar(struct store *, const struct viewer *,
	    const char *name, int64_t *id);
int	 store_address_add(struct store *, const struct viewer *,
	    const struct address_new *, int64_t *id);
/* Its author only; the comment is not touched. */
int	 store_address_edit(struct store *, const struct viewer *, int64_t id,
	    const struct address_new *);
int	 store_address_delete(struct store *, const struct viewer *,
	    int64_t id);
/* Recommend ID with COMMENT, once: STORE_DUPLICATE when the viewer
 * already does (edit the comment with store_reply_edit()). */
int	 store_address_recommend(struct store *, const struct viewer *,
	    int64_t id, const char *comment, int64_t *reply_id);
/* Take the viewer's recommendation back: STORE_NOT_FOUND when none. */
int	 store_address_withdraw(struct store *, const struct viewer *,
	    int64_t id);
/* Any neighbour says whether a doctor takes new patients (PATIENTS_YES
 * or PATIENTS_NO), today: STORE_INVALID for a kind it does not apply to. */
int	 store_address_patients(struct store *, const struct viewer *,
	    int64_t id, enum address_patients);
void	 address_clear(struct address *);
void	 address_list_free(struct address *, size_t n);

/*
 * store-poll.c: a poll carried by an item (a wall post, or any other
 * item its author may give one): POLL_CHOICES_MIN to POLL_CHOICES_MAX
 * choices, one or several to each voter, an optional closing time.  Each
 * resident votes once and may change the vote until it closes.  Who
 * voted what is never given out: store_poll_get() returns counts, and
 * the viewer's own choices only to the viewer; no function, screen or
 * command of the console returns anyone else's.  The counts are given
 * once the viewer voted, once the poll closed, or to a moderator or a
 * sysop; before that, the choices alone.
 */
#define POLL_CHOICES_MIN	2
#define POLL_CHOICES_MAX	8
#define POLL_CHOICE_MAX		80	/* characters of one choice */
struct poll_new {
	const char		*choices[POLL_CHOICES_MAX];
	size_t			 n;
	bool			 multiple;
	int64_t			 closes_at;	/* 0: never; else in the future */
};
struct poll_choice {
	int64_t			 id;
	char			*label;
	int			 votes;		/* 0 unless RESULTS */
	bool			 mine;		/* the viewer chose it */
};
struct poll {
	int64_t			 item_id;
	bool			 multiple;
	int64_t			 closes_at;	/* 0: open until its end */
	bool			 closed;
	bool			 voted;		/* the viewer */
	bool			 results;	/* the counts are given */
	int			 voters;	/* 0 unless RESULTS */
	struct poll_choice	 choice[POLL_CHOICES_MAX];
	size_t			 n;
};
/* Give item ITEM_ID, the viewer's own, a poll (it has none yet). */
int	 store_poll_create(struct store *, const struct viewer *,
	    int64_t item_id, const struct poll_new *);
/* STORE_NOT_FOUND: no poll on it, or an item the viewer cannot see. */
int	 store_poll_get(struct store *, const struct viewer *, int64_t item_id,
	    struct poll *);
/* The viewer's vote, in place of any earlier one: N choice ids, one
 * unless the poll takes several; refused once it is closed. */
int	 store_poll_vote(struct store *, const struct viewer *,
	    int64_t item_id, const int64_t *choices, size_t n);
void	 poll_clear(struct poll *);

/*
 * store-search.c: one search over the wall (posts and replies), the
 * classifieds, the lending board, the events and the bonnes adresses
 * (addresses and what neighbours say of them) of the viewer's quartier;
 * case and accents do not matter.
 */
enum search_board {
	SEARCH_WALL,
	SEARCH_CLASSIFIEDS,
	SEARCH_LENDING,
	SEARCH_EVENTS,
	SEARCH_ADDRESSES,
};
struct search_hit {
	enum search_board	 board;
	int64_t			 item_id;
	int64_t			 reply_id;	/* 0: the item itself matched */
	char			*title;		/* the item's */
	char			*excerpt;	/* where the words are, one line */
	char			*author_name;
	int64_t			 created_at;
};
/* At most LIMIT hits, grouped by board in the order above and best
 * first within a board; STORE_INVALID for a query with no word. */
int	 store_search(struct store *, const struct viewer *, const char *query,
	    int limit, struct search_hit **, size_t *n);
/* Make the whole index again from the tables (migration, demo data). */
int	 store_search_rebuild(struct store *);
void	 search_hit_list_free(struct search_hit *, size_t n);

/*
 * store-moderation.c: reports, moderation actions and their log.
 *
 * Moderation is done by an actor: a resident whose role is moderator
 * (in their own quartier) or sysop (everywhere), or the sysop at the
 * machine's console (RESIDENT_ID 0), who has no account and may do
 * everything.  Who is allowed is checked in the SQL, like the viewer rule;
 * a resident without the role gets STORE_DENIED.  Every action needs a
 * reason, is written to moderation_log (who, what, when, why) and closes
 * the open reports on its target.
 */
struct actor {
	int64_t		 resident_id;	/* 0: the console sysop */
	const char	*name;		/* the console's system user ("root") */
};
struct report_info {
	int64_t			 id;
	enum report_target	 target;
	int64_t			 target_id;
	int64_t			 item_id;	/* the item, or a reply's item */
	char			*kind;		/* items.kind; NULL otherwise */
	char			*excerpt;	/* title or first words; a name */
	char			*text;		/* the reported text in full */
	int64_t			 author_id;	/* who wrote it, or is reported */
	char			*author_name;
	int64_t			 reporter_id;
	char			*reporter_name;
	int64_t			 quartier_id;
	char			*quartier;
	char			*reason;
	int64_t			 created_at;
	int			 reports;	/* open reports on this target */
	bool			 hidden;	/* the target is hidden now */
};
/* Open reports the actor may handle (QUARTIER_ID 0: all of them), oldest
 * first, at most LIMIT after OFFSET. */
int	 store_reports_open(struct store *, const struct actor *,
	    int64_t quartier_id, int offset, int limit, struct report_info **,
	    size_t *n);
int	 store_report_count(struct store *, const struct actor *,
	    int64_t quartier_id, int *n);
/* Close a report without acting ("nothing wrong"), with the reason. */
int	 store_report_dismiss(struct store *, const struct actor *,
	    int64_t report_id, const char *reason);
void	 report_info_list_free(struct report_info *, size_t n);

/* Hide or restore a post, an ad, a lending item, an event (REPORT_ITEM),
 * a reply or a message; the search index follows.  The author still sees
 * a hidden item, marked, with the reason. */
int	 store_mod_hide(struct store *, const struct actor *,
	    enum report_target, int64_t id, const char *reason);
int	 store_mod_restore(struct store *, const struct actor *,
	    enum report_target, int64_t id, const char *reason);
/* A warning: a mail to the resident marked as from moderation. */
int	 store_mod_warn(struct store *, const struct actor *,
	    int64_t resident_id, const char *reason, int64_t about_item_id);
/* Suspend until UNTIL (0: until lifted), or lift.  A suspension whose
 * time is past is lifted by itself at the next login. */
int	 store_mod_suspend(struct store *, const struct actor *,
	    int64_t resident_id, int64_t until, const char *reason);
int	 store_mod_lift(struct store *, const struct actor *,
	    int64_t resident_id, const char *reason);
/* Change a resident's role (sysops and the console only). */
int	 store_mod_set_role(struct store *, const struct actor *,
	    int64_t resident_id, enum resident_role, const char *reason);

struct mod_log_entry {
	int64_t			 id;
	char			*actor_name;
	char			*quartier;	/* NULL: not tied to one */
	char			*action;	/* hide, restore, warn, ... */
	char			*target_kind;	/* item, reply, message, resident */
	int64_t			 target_id;
	char			*target_label;	/* a title or a name, if any */
	char			*reason;
	int64_t			 created_at;
};
/* The log the actor may read (a moderator: their quartier's), newest
 * first, from AFTER (created_at, id) on. */
int	 store_mod_log(struct store *, const struct actor *,
	    int64_t quartier_id, const struct wall_cursor *after, int limit,
	    struct mod_log_entry **, size_t *n);
void	 mod_log_list_free(struct mod_log_entry *, size_t n);
/* A log entry's action in words ("hidden", "suspension lifted"...), in
 * the language now applied; an action this version does not know as it
 * is. */
const char *mod_action_word(const char *action);
/* What an entry of the log acts on ("item", "reply"...), in words. */
const char *mod_target_word(const char *kind);

/*
 * store-live.c: who is online.  Each UI process records its session and
 * touches it while it runs; a session not seen for a while (its process
 * died) is cleaned up by the next one that looks.
 */
enum live_origin {
	LIVE_SSH,
	LIVE_TERMINAL,
	LIVE_KIOSK,
	LIVE_CONSOLE,
};
struct live_session {
	int64_t			 id;
	int64_t			 resident_id;
	char			*handle;
	char			*display_name;
	char			*quartier;
	enum live_origin	 origin;
	char			*source;	/* the SSH client's address */
	int64_t			 started_at;
	int64_t			 seen_at;
};
int	 store_live_start(struct store *, int64_t resident_id, int pid,
	    enum live_origin, const char *source, int64_t *id);
int	 store_live_touch(struct store *, int64_t id);
int	 store_live_end(struct store *, int64_t id);
/* A session not touched for this long is taken for dead. */
#define STORE_LIVE_STALE	180
/*
 * A session touches its row once a minute, at its first look after the
 * clock's minute turns: all sessions then write in the same few seconds,
 * and each one's poll, which reloads its screen after anyone's write,
 * sees these touches about twice a minute however many sessions there
 * are, instead of at every tick.  True when a session last seen at
 * SEEN_AT is due at NOW.
 */
#define STORE_LIVE_TOUCH	60
bool	 store_live_due(int64_t seen_at, int64_t now);
/* Sessions seen in the last STALE seconds, after deleting older ones. */
int	 store_live_list(struct store *, int stale, struct live_session **,
	    size_t *n);
void	 live_session_list_free(struct live_session *, size_t n);
/* "SSH", "kiosk"... in the language now applied. */
const char *live_origin_word(enum live_origin);

/*
 * store-draft.c: what a resident was writing, kept as they type and
 * offered back at their next login; deleted when sent or thrown away.
 * Every function takes the viewer and finds only the viewer's own drafts.
 * A draft is an editor's fields by name ("title", "body"...), what it
 * answers or edits, and what the offer shows of it.
 */
#define DRAFT_FIELDS_MAX	16
#define DRAFTS_MAX		20	/* a resident's; the oldest go first */
#define DRAFT_SUMMARY_MAX	60	/* characters */
struct draft_field {
	char	*name;
	char	*value;
};
struct draft {
	int64_t			 id;
	char			*screen;	/* the editor: "compose", ... */
	int64_t			 target_id;	/* what it answers, edits, 0 */
	char			*label;		/* "New post", as shown then */
	char			*summary;	/* its title or first words */
	struct draft_field	 fields[DRAFT_FIELDS_MAX];
	size_t			 nfields;
	int64_t			 updated_at;
};
/* Save D as the viewer's: over draft *ID, or as a new one (which *ID then
 * names) when *ID is 0 or that draft is gone. */
int	 store_draft_save(struct store *, const struct viewer *,
	    const struct draft *, int64_t *id);
/* The viewer's drafts, the latest first, fields and all. */
int	 store_draft_list(struct store *, const struct viewer *,
	    struct draft **, size_t *n);
int	 store_draft_delete(struct store *, const struct viewer *, int64_t id);
/*
 * Drafts are saved at most once in STORE_DRAFT_SAVE seconds, at the first
 * chance after the clock passes a multiple of it: every typist then
 * writes in the same moments, and the sessions whose poll reloads after
 * anyone's write see drafts saved a few times a minute, however many
 * residents type.  True when a draft saved at SAVED_AT is due at NOW.
 */
#define STORE_DRAFT_SAVE	10
bool	 store_draft_due(int64_t saved_at, int64_t now);
/* Set field NAME (a copy of VALUE, NULL as ""); past DRAFT_FIELDS_MAX
 * fields, nothing. */
void	 draft_set(struct draft *, const char *name, const char *value);
/* Field NAME's value, or NULL. */
const char *draft_get(const struct draft *, const char *name);
void	 draft_clear(struct draft *);
void	 draft_list_free(struct draft *, size_t n);

/* store-admin.c: for the sysop's console and quartier-admin. */
struct store_stats {
	int	 cities;
	int	 quartiers;
	int	 verified;
	int	 pending;
	int	 suspended;
	int	 posts;			/* wall posts, not deleted */
	int	 replies;
	int	 classifieds;		/* online now */
	int	 lendings;
	int	 loans_live;
	int	 events_coming;
	int	 messages;
	int	 reports_open;
	int	 online;		/* live sessions */
};
int	 store_stats(struct store *, int64_t quartier_id, struct store_stats *);
/* The wall posts (not deleted) of each of the N quartiers of LIST into
 * POSTS[i], all in one statement: the console's dashboard. */
int	 store_quartier_posts(struct store *, const struct quartier_info *list,
	    size_t n, int *posts);
int	 store_quartier_rename(struct store *, int64_t quartier_id,
	    const char *name);
/* SQLite's online backup into PATH (a new file), while others write. */
int	 store_backup(struct store *, const char *path);
/* Residents whose handle or display name starts with PREFIX (folded),
 * in every quartier (0) or one, for administration. */
int	 store_resident_search(struct store *, int64_t quartier_id,
	    const char *prefix, int limit, struct resident **, size_t *n);

/* store-admin.c */
/* The schema version of the file at PATH, read without opening it as a
 * store (nothing created or upgraded); 0 for a missing or empty file. */
int	 store_file_version(const char *path, int *version);
int	 store_city_count(struct store *, int *n);

/* store-keys.c: the SSH public keys residents log in with.  A fingerprint
 * is registered to one resident at most, so a key opens one account. */
struct auth_public_key;
struct ssh_key_info {
	int64_t	 id;
	char	*algorithm;
	char	*fingerprint;
	char	*comment;		/* empty when none */
	int64_t	 created_at;
	int64_t	 last_used_at;		/* 0: never used */
};
/* Give a resident a key from auth_parse_public_key(): STORE_DUPLICATE when
 * anyone has it already, STORE_INVALID past QUARTIER_KEYS_MAX keys,
 * STORE_NOT_FOUND for no such resident. */
int	 store_key_add(struct store *, int64_t resident_id,
	    const struct auth_public_key *);
/* N keys in one transaction, all or none; when one is refused (a
 * duplicate, a bad comment), *FAILED is its index. */
int	 store_key_add_many(struct store *, int64_t resident_id,
	    const struct auth_public_key *keys, size_t n, size_t *failed);
/* A resident's keys, newest first. */
int	 store_key_list(struct store *, int64_t resident_id,
	    struct ssh_key_info **, size_t *n);
/* Remove one of this resident's keys; STORE_NOT_FOUND for any other. */
int	 store_key_remove(struct store *, int64_t resident_id,
	    const char *fingerprint);
/* For the SSH server's public key authentication: the resident HANDLE,
 * whatever their status, only if the key FINGERPRINT is theirs. */
int	 store_key_find(struct store *, const char *handle,
	    const char *fingerprint, struct resident *);
/* The resident the key FINGERPRINT belongs to, whoever that is. */
int	 store_key_find_any(struct store *, const char *fingerprint,
	    struct resident *);
/* Note that the key FINGERPRINT was used to log in, now. */
int	 store_key_used(struct store *, const char *fingerprint);
void	 ssh_key_info_list_free(struct ssh_key_info *, size_t n);

/*
 * store-verify.c: signing up, and proving one lives in the quartier.
 *
 * A new resident is "pending" in the quartier they chose and reads nothing
 * of it until verified, by one of three ways: the code of a letter posted
 * to their street address, the vouches of verified neighbours, or a check
 * of a proof of address in person (a sysop, at a community centre).
 * Moving to another quartier makes a resident pending again there; what
 * they wrote stays in the old quartier.
 */
struct verify_rules {
	int	 vouches_needed;	/* vouches that verify (2) */
	int	 vouches_per_month;	/* a voucher's limit, 30 days (5) */
	int	 letter_days;		/* a letter code's life (30) */
	int	 letter_tries;		/* wrong codes before it locks (5) */
};
void	 verify_rules_default(struct verify_rules *);
struct config;
void	 verify_rules_from_config(struct verify_rules *,
	    const struct config *);

/* Places, for the signup form: every city, the quartiers of one. */
struct place {
	int64_t	 id;
	char	*name;
};
int	 store_city_list(struct store *, struct place **, size_t *n);
int	 store_quartiers_of_city(struct store *, int64_t city_id,
	    struct place **, size_t *n);
void	 place_list_free(struct place *, size_t n);

struct signup {
	const char			*handle;
	const char			*display_name;
	const char			*street;	/* required, private */
	int64_t				 quartier_id;
	const char			*password_hash;	/* NULL with a key */
	const struct auth_public_key	*key;		/* NULL with a password */
	const char			*source;	/* the SSH client's address */
	int				 per_hour;	/* signups from it, at most */
};
/* Signups from SOURCE in the last hour. */
int	 store_signups_recent(struct store *, const char *source, int *n);
/* Whether a handle is free (and valid); *WHY says why not. */
int	 store_handle_available(struct store *, const char *handle,
	    bool *available, const char **why);
/* A pending resident, with their password hash or key, in one step:
 * STORE_DUPLICATE for a taken handle or key, STORE_DENIED when SOURCE
 * already made PER_HOUR signups in the last hour. */
int	 store_signup(struct store *, const struct signup *, int64_t *id);

/* Where the viewer stands (for the verification screen). */
struct verify_state {
	enum resident_status	 status;
	char			*quartier;
	char			*city;
	bool			 letter;		/* a code was issued */
	bool			 letter_locked;		/* too many wrong codes */
	bool			 letter_expired;
	int64_t			 letter_expires_at;
	int			 letter_tries_left;
	int			 vouches;
	int			 vouches_needed;
	bool			 moving;		/* pending after a move */
};
int	 store_verify_state(struct store *, const struct viewer *,
	    const struct verify_rules *, struct verify_state *);
void	 verify_state_clear(struct verify_state *);

/* Letters.  Each pending resident of QUARTIER_ID (0: all) without a live
 * code gets a new one; the codes come back in clear for printing only and
 * are stored hashed. */
struct letter {
	int64_t	 resident_id;
	char	*handle;
	char	*display_name;
	char	*street;
	char	*quartier;
	char	*city;
	char	 code[16];		/* e.g. "K7RX-M4PQ-2HWN" */
	int64_t	 expires_at;
};
int	 store_letters_issue(struct store *, int64_t quartier_id,
	    const struct verify_rules *, struct letter **, size_t *n);
/* Withdraw the codes of letters that could not be printed, so that the
 * next issue makes new ones instead of waiting for these to expire. */
int	 store_letters_cancel(struct store *, const struct letter *, size_t n);
void	 letter_list_free(struct letter *, size_t n);
/* The viewer types the code of their letter: STORE_OK verifies them;
 * STORE_INVALID for a wrong or expired code (store_detail says which and
 * how many tries are left); STORE_DENIED once locked. */
int	 store_letter_check(struct store *, const struct viewer *,
	    const struct verify_rules *, const char *code);

/* Vouching.  The viewer's pending neighbours, by display name and street
 * name without the number; a vouch from a verified resident of the same
 * quartier, within the monthly limit, counts; enough of them verify. */
struct waiting_neighbour {
	int64_t	 resident_id;
	char	*display_name;
	char	*street_name;
	int	 vouches;
	bool	 vouched_by_me;
	int64_t	 since;
};
int	 store_waiting_list(struct store *, const struct viewer *,
	    struct waiting_neighbour **, size_t *n);
void	 waiting_list_free(struct waiting_neighbour *, size_t n);
/* The street of an address without its house number: "12 bis, rue des
 * Orphelins" gives "rue des Orphelins" (a new string). */
char	*verify_street_name(const char *street);
int	 store_vouch(struct store *, const struct viewer *,
	    const struct verify_rules *, int64_t resident_id, bool *verified);

/* In person, from quartier-admin: BY names who checked the proof. */
int	 store_verify_in_person(struct store *, int64_t resident_id,
	    const char *by);

/* Moving house: pending again in NEW_QUARTIER_ID, at STREET. */
int	 store_move_request(struct store *, const struct viewer *,
	    int64_t new_quartier_id, const char *street);

/*
 * store-email.c: a resident's e-mail address and what Quartier sends
 * there.  An address is verified by a code mailed to it and typed back;
 * until then only that code is sent there.  Nobody but its owner reads
 * it; sysops (quartier-admin) see whether it is verified and may remove
 * it.
 */
#define EMAIL_ADDRESS_MAX	254	/* RFC 5321's longest path */
#define EMAIL_CODE_DIGITS	8
#define EMAIL_CODE_HOURS	24	/* a code's life */
#define EMAIL_CODE_TRIES	5	/* wrong codes before it locks */

struct email_address {
	char	*address;		/* NULL: none */
	bool	 verified;
	int64_t	 code_expires_at;	/* 0: no code waiting */
	int	 code_tries_left;
};
int	 store_email_get(struct store *, const struct viewer *,
	    struct email_address *);
/* A new address (or the same one, for a new code): the code is queued
 * in the outbox, and mail still waiting for the old address is
 * dropped. */
int	 store_email_set(struct store *, const struct viewer *,
	    const char *address);
int	 store_email_confirm(struct store *, const struct viewer *,
	    const char *code);
int	 store_email_remove(struct store *, const struct viewer *);
void	 email_address_clear(struct email_address *);
/* Administration, by handle: the address, and removing it. */
int	 store_email_admin_get(struct store *, const char *handle,
	    struct email_address *);
int	 store_email_admin_remove(struct store *, const char *handle);

/* The kinds of notice a resident chooses for, in the profile's order. */
enum mail_kind {
	MAIL_MESSAGE,		/* a private message */
	MAIL_REPLY,		/* a reply to my post, ad, offer or event */
	MAIL_LOAN,		/* a loan asked, accepted, due or overdue */
	MAIL_EVENT,		/* my event changed, cancelled, a place */
	MAIL_ALERT,		/* an "Alerte" of my quartier */
	MAIL_MODERATION,	/* what moderation did to my content */
	MAIL_KINDS
};
enum mail_delivery {
	DELIVERY_NOW,
	DELIVERY_DIGEST,
	DELIVERY_NEVER,
};
enum digest_rhythm {
	DIGEST_NEVER,
	DIGEST_DAILY,
	DIGEST_WEEKLY,
};
struct mail_choices {
	enum mail_delivery	 delivery[MAIL_KINDS];
	enum digest_rhythm	 digest;
	int			 digest_hour;	/* 0-23, local time */
	bool			 message_text;	/* a message's text in mail */
};
/* The defaults: what a resident who chose nothing gets. */
void	 mail_choices_default(struct mail_choices *);
int	 store_mail_choices_get(struct store *, const struct viewer *,
	    struct mail_choices *);
int	 store_mail_choices_set(struct store *, const struct viewer *,
	    const struct mail_choices *);

/*
 * store-outbox.c: what quartier-admin notify does with the outbox.  The
 * rule that nothing is sent twice: a mail is claimed (state sending, its
 * Message-ID given) in a committed transaction before it is handed to
 * sendmail(8), and marked sent after; a mail still in sending when the
 * next run starts was perhaps handed over before a crash and is marked
 * unsure, never sent again (store_outbox_recover).
 */
struct outbox_mail {
	int64_t	 id;
	int64_t	 resident_id;
	char	*handle;
	char	*address;
	char	*kind;
	enum language language;
	char	*subject;
	char	*body;
	char	*message_id;
	int	 tries;
	int64_t	 created_at;
};
struct outbox_rules {
	int	 daily_limit;		/* mails per resident and per address */
	int	 max_tries;		/* hand-overs before failed */
	int	 retry_base;		/* seconds; doubles with each try */
	const char *domain;		/* of the Message-IDs */
};
int	 store_outbox_recover(struct store *, int *unsure);
/* store-digest.c: the digests due at NOW into the outbox (local time
 * from TZ); *QUEUED gets how many. */
int	 store_digest_queue(struct store *, int64_t now, int *queued);
/* The next mail due at NOW, claimed; STORE_NOT_FOUND when none is. */
int	 store_outbox_claim(struct store *, const struct outbox_rules *,
	    int64_t now, struct outbox_mail *);
int	 store_outbox_sent(struct store *, int64_t id);
/* The hand-over failed: again later, or failed after the last try. */
int	 store_outbox_retry(struct store *, const struct outbox_rules *,
	    const struct outbox_mail *, const char *error, int64_t now);
void	 outbox_mail_clear(struct outbox_mail *);
struct outbox_status {
	int	 waiting, sending, sent, unsure, failed;
	int	 sent_today;
	int64_t	 next_try_at;		/* 0: nothing waiting */
};
/* Counts, and the mails not sent (waiting, unsure, failed), newest
 * first, at most MAX of them, with their handles in KIND's place. */
struct outbox_row {
	int64_t	 id;
	char	*handle;
	char	*kind;
	char	*state;
	char	*message_id;
	char	*last_error;
	int	 tries;
	int64_t	 created_at;
	int64_t	 next_try_at;
};
int	 store_outbox_status(struct store *, int64_t now,
	    struct outbox_status *, struct outbox_row **, size_t *n,
	    size_t max);
void	 outbox_row_list_free(struct outbox_row *, size_t n);

#endif
