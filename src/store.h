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
/* Run a script that ships inside the program (the demo data) in one
 * transaction; never for text that came from outside. */
int	 store_run_script(struct store *, const char *sql);
/* Integrity check, for tests and the admin tool. */
int	 store_integrity_check(struct store *, char **report);

/* store-migrate.c: bring an opened database to the latest version. */
struct store_migration {
	int		 to_version;
	const char	*sql;
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
	int64_t			 last_login_at;
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
int	 store_resident_logged_in(struct store *, int64_t resident_id);
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
	bool	 is_new;		/* created since the previous visit */
	bool	 mine;
};
/* Where a page starts: after (created_at, id); zeroes for the first page. */
struct wall_cursor {
	int64_t	 created_at;
	int64_t	 id;
};
struct wall_counts {
	int	 total;			/* posts shown with this filter */
	int	 unread;
	int	 new_since_visit;
	int64_t	 previous_visit_at;	/* 0: first visit */
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
int	 store_wall_add(struct store *, const struct viewer *,
	    const char *category, const char *title, const char *body,
	    int64_t *id);
int	 store_wall_edit(struct store *, const struct viewer *, int64_t id,
	    const char *category, const char *title, const char *body);
int	 store_wall_delete(struct store *, const struct viewer *, int64_t id);
int	 store_wall_mark_read(struct store *, const struct viewer *, int64_t id);
int	 store_wall_mark_all_read(struct store *, const struct viewer *);
/* Record a visit to the wall; the previous one stays in counts. */
int	 store_wall_visit(struct store *, const struct viewer *);
/* A sysop announcement pinned on a quartier's wall (administration). */
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
};
/* The replies of a visible item, oldest first, at most LIMIT after OFFSET. */
int	 store_reply_list(struct store *, const struct viewer *, int64_t item_id,
	    int offset, int limit, struct reply **, size_t *n);
int	 store_reply_add(struct store *, const struct viewer *, int64_t item_id,
	    const char *body, int64_t *id);
int	 store_reply_edit(struct store *, const struct viewer *, int64_t reply_id,
	    const char *body);
int	 store_reply_delete(struct store *, const struct viewer *,
	    int64_t reply_id);
void	 reply_list_free(struct reply *, size_t n);

/* store-menu.c: what the main menu and the top line show. */
struct menu_counts {
	int	 wall_unread;
};
int	 store_menu_counts(struct store *, const struct viewer *,
	    struct menu_counts *);

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

#endif
