/*
 * throttle.h - the arithmetic of quartierd's limits, apart from any
 * process or socket so that it can be tested alone: which source an
 * address belongs to, the penalty tables that slow down failed
 * passwords (per source and per handle), the listener's copy of the
 * sources kept out, and which unauthenticated connection gives way when
 * too many are in flight.
 */
#ifndef THROTTLE_H
#define THROTTLE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "config.h"

/*
 * A source is an IPv4 address, or an IPv6 /64 (what one subscriber or
 * one machine gets); an IPv4-mapped IPv6 address is its IPv4 address.
 * Above it come two wider nets, for the penalty table: IPv4 /24 and /16,
 * IPv6 /48 and /32.  Keys are printed as "192.0.2.7", "192.0.2.0/24",
 * "2001:db8:1:2::/64" and so on; a string that is no address is its own
 * key at every level.
 */
#define THROTTLE_LEVELS	3
#define THROTTLE_KEY_MAX	64

struct throttle_keys {
	char	key[THROTTLE_LEVELS][THROTTLE_KEY_MAX];
};

void	throttle_source_keys(const char *address, struct throttle_keys *out);

/*
 * A penalty table: failures counted per key, and for how long a key is
 * kept out after them.  Nothing happens until AFTER failures; then the
 * key waits 1 second after its last failure, twice as long after each
 * further one, up to MAX_DELAY seconds.  A key quiet for twice MAX_DELAY
 * starts afresh.
 *
 * The table holds at most MAX_ENTRIES keys, and no single source can
 * flush it: a net of the level above holds at most THROTTLE_PER_NET keys
 * of the level below, and the failures of any further one are counted
 * on the net itself, which then waits for all of them.  When the table
 * is full, the key quiet for longest goes, one that is kept out last.
 * Handles use the same table with one level.
 */
#define THROTTLE_PER_NET	16

struct penalty_entry {
	char	 key[THROTTLE_LEVELS][THROTTLE_KEY_MAX];	/* it and its nets */
	int	 level;			/* which of them it counts */
	int	 failures;
	time_t	 last_failure;
};

struct penalty_table {
	struct penalty_entry	*entries;
	size_t			 n, max;
	int			 levels;
	int			 after, max_delay;
};

void	penalty_init(struct penalty_table *, size_t max_entries, int levels,
	    int after, int max_delay);
void	penalty_free(struct penalty_table *);

/*
 * One failure for KEYS (LEVELS of them, as throttle_source_keys() gives,
 * or one handle) at NOW.  Returns the seconds the key is now kept out
 * (0: not yet), with the key that counted it in *COUNTED when not NULL,
 * and its number of failures in *FAILURES when not NULL.
 */
int	penalty_fail(struct penalty_table *, const char *const *keys,
	    time_t now, const char **counted, int *failures);

/* The failures counted for KEYS's own entry (its level 0) at NOW. */
int	penalty_count(struct penalty_table *, const char *const *keys,
	    time_t now);

/* The seconds KEYS is still kept out at NOW (0: it is not). */
int	penalty_wait(struct penalty_table *, const char *const *keys,
	    time_t now);

/* Forget the failures of KEYS's own entry (not of its nets): a verified
 * resident came in from there.  Returns whether it was kept out. */
bool	penalty_clear(struct penalty_table *, const char *const *keys,
	    time_t now);

/* The keys of a struct throttle_keys, as penalty_*() take them. */
void	throttle_key_list(const struct throttle_keys *, const char *out[THROTTLE_LEVELS]);

/*
 * The listener's copy of the sources the broker keeps out: a key and
 * the time (CLOCK_MONOTONIC seconds) until which it is.
 */
struct keepout_entry {
	char	 key[THROTTLE_KEY_MAX];
	time_t	 until;
};

struct keepout_table {
	struct keepout_entry	*entries;
	size_t			 n, max;
};

void	keepout_init(struct keepout_table *, size_t max_entries);
void	keepout_free(struct keepout_table *);
void	keepout_set(struct keepout_table *, const char *key, time_t until);
/* Seconds left for the first of KEYS that is kept out at NOW, or 0. */
int	keepout_wait(struct keepout_table *, const struct throttle_keys *,
	    time_t now);

/*
 * max_startups: whether a new unauthenticated connection from SOURCE is
 * taken.  Below begin, always; from begin on, refused with a chance of
 * rate percent rising to 100 at full (drawn with libsodium's random
 * numbers), as sshd's MaxStartups.  But a refusal falls on the flood,
 * not on the newcomer: when another source has more connections in
 * flight than SOURCE, the oldest of that busiest source is dropped
 * instead and the newcomer taken.
 */
struct startup_conn {
	const char	*source;	/* its throttle_keys level 0 */
	double		 started;	/* when it was accepted */
	bool		 unauthenticated;
};

enum startup_verdict {
	STARTUP_TAKE,
	STARTUP_REFUSE,
	STARTUP_DROP,			/* drop *VICTIM, take the newcomer */
};

enum startup_verdict throttle_startup(const struct config_startups *,
	    const struct startup_conn *conns, size_t n, const char *source,
	    size_t *victim);

#endif
