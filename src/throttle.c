/*
 * throttle.c - sources, penalty tables and max_startups (throttle.h).
 */
#include "build-config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quartier.h"
#include "auth.h"
#include "throttle.h"

/* Prefix lengths of the three levels, for each family. */
static const int v4_bits[THROTTLE_LEVELS] = { 32, 24, 16 };
static const int v6_bits[THROTTLE_LEVELS] = { 64, 48, 32 };

static void
mask(unsigned char *addr, size_t len, int bits)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (bits >= 8)
			bits -= 8;
		else {
			addr[i] &= (unsigned char)(0xff00 >> bits);
			bits = 0;
		}
	}
}

void
throttle_source_keys(const char *address, struct throttle_keys *out)
{
	unsigned char a6[16], a4[4], m[16];
	char text[INET6_ADDRSTRLEN];
	int i;
	bool v4 = false;

	if (inet_pton(AF_INET, address, a4) == 1)
		v4 = true;
	else if (inet_pton(AF_INET6, address, a6) == 1) {
		static const unsigned char mapped[12] = {
			0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

		if (memcmp(a6, mapped, sizeof mapped) == 0) {
			memcpy(a4, a6 + 12, 4);
			v4 = true;
		}
	} else {
		for (i = 0; i < THROTTLE_LEVELS; i++)
			snprintf(out->key[i], THROTTLE_KEY_MAX, "%s", address);
		return;
	}
	for (i = 0; i < THROTTLE_LEVELS; i++) {
		if (v4) {
			memcpy(m, a4, 4);
			mask(m, 4, v4_bits[i]);
			inet_ntop(AF_INET, m, text, sizeof text);
			if (v4_bits[i] == 32)
				snprintf(out->key[i], THROTTLE_KEY_MAX, "%s", text);
			else
				snprintf(out->key[i], THROTTLE_KEY_MAX, "%s/%d",
				    text, v4_bits[i]);
		} else {
			memcpy(m, a6, 16);
			mask(m, 16, v6_bits[i]);
			inet_ntop(AF_INET6, m, text, sizeof text);
			snprintf(out->key[i], THROTTLE_KEY_MAX, "%s/%d", text,
			    v6_bits[i]);
		}
	}
}

void
throttle_key_list(const struct throttle_keys *k, const char *out[THROTTLE_LEVELS])
{
	int i;

	for (i = 0; i < THROTTLE_LEVELS; i++)
		out[i] = k->key[i];
}

void
penalty_init(struct penalty_table *t, size_t max_entries, int levels,
    int after, int max_delay)
{
	memset(t, 0, sizeof *t);
	t->max = max_entries > 0 ? max_entries : 1;
	t->entries = xcalloc(t->max, sizeof *t->entries);
	t->levels = levels < 1 ? 1 : levels > THROTTLE_LEVELS ? THROTTLE_LEVELS :
	    levels;
	t->after = after;
	t->max_delay = max_delay;
}

void
penalty_free(struct penalty_table *t)
{
	free(t->entries);
	memset(t, 0, sizeof *t);
}

/* The seconds E waits at NOW: none below AFTER failures, then 1, 2, 4 ...
 * after its last failure, at most max_delay. */
static int
entry_wait(const struct penalty_table *t, const struct penalty_entry *e,
    time_t now)
{
	int excess = e->failures - t->after;
	long delay = 1;

	if (excess < 0)
		return 0;
	while (excess-- > 0 && delay < t->max_delay)
		delay *= 2;
	if (delay > t->max_delay)
		delay = t->max_delay;
	return e->last_failure + delay > now ?
	    (int)(e->last_failure + delay - now) : 0;
}

static bool
entry_expired(const struct penalty_table *t, const struct penalty_entry *e,
    time_t now)
{
	return now - e->last_failure > 2 * (time_t)t->max_delay;
}

static void
entry_remove(struct penalty_table *t, size_t i)
{
	t->entries[i] = t->entries[--t->n];
}

static struct penalty_entry *
entry_find(struct penalty_table *t, int level, const char *key)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (t->entries[i].level == level &&
		    strcmp(t->entries[i].key[level], key) == 0)
			return &t->entries[i];
	}
	return NULL;
}

/*
 * Whether the net KEYS[LEVEL] may count one more thing of the level
 * below: KEYS[LEVEL - 1] is one of its children already (some entry
 * below it has that key), or it has fewer than THROTTLE_PER_NET children.
 */
static bool
net_has_room(const struct penalty_table *t, const char *const *keys,
    int level)
{
	const char *seen[THROTTLE_PER_NET];
	size_t i, j, nseen = 0;

	for (i = 0; i < t->n; i++) {
		const struct penalty_entry *e = &t->entries[i];

		if (e->level >= level || strcmp(e->key[level], keys[level]) != 0)
			continue;
		if (strcmp(e->key[level - 1], keys[level - 1]) == 0)
			return true;
		for (j = 0; j < nseen; j++) {
			if (strcmp(seen[j], e->key[level - 1]) == 0)
				break;
		}
		if (j == nseen) {
			if (nseen == THROTTLE_PER_NET)
				return false;
			seen[nseen++] = e->key[level - 1];
		}
	}
	return nseen < THROTTLE_PER_NET;
}

/*
 * The level at which a failure of KEYS is counted: its own (0) unless a
 * net above it is full of other children; then the highest such net, so
 * that one source holds at most THROTTLE_PER_NET children per net.
 */
static int
count_level(const struct penalty_table *t, const char *const *keys)
{
	int level;

	for (level = t->levels - 1; level > 0; level--) {
		if (!net_has_room(t, keys, level))
			return level;
	}
	return 0;
}

static void
forget_expired(struct penalty_table *t, time_t now)
{
	size_t i = 0;

	while (i < t->n) {
		if (entry_expired(t, &t->entries[i], now))
			entry_remove(t, i);
		else
			i++;
	}
}

/* Room for one more: the quietest entry goes, one kept out only last. */
static void
make_room(struct penalty_table *t, time_t now)
{
	size_t i, victim = 0;
	bool victim_waits = true;

	for (i = 0; i < t->n; i++) {
		bool waits = entry_wait(t, &t->entries[i], now) > 0;

		if ((victim_waits && !waits) || (waits == victim_waits &&
		    t->entries[i].last_failure <
		    t->entries[victim].last_failure)) {
			victim = i;
			victim_waits = waits;
		}
	}
	entry_remove(t, victim);
}

int
penalty_fail(struct penalty_table *t, const char *const *keys, time_t now,
    const char **counted, int *failures)
{
	struct penalty_entry *e = NULL;
	int level, i;

	forget_expired(t, now);
	if ((e = entry_find(t, 0, keys[0])) == NULL) {
		level = count_level(t, keys);
		e = entry_find(t, level, keys[level]);
	}
	if (e == NULL) {
		if (t->n == t->max)
			make_room(t, now);
		e = &t->entries[t->n++];
		memset(e, 0, sizeof *e);
		for (i = 0; i < t->levels; i++)
			snprintf(e->key[i], THROTTLE_KEY_MAX, "%s", keys[i]);
		e->level = level;
	}
	e->failures++;
	e->last_failure = now;
	if (counted != NULL)
		*counted = e->key[e->level];
	if (failures != NULL)
		*failures = e->failures;
	return entry_wait(t, e, now);
}

int
penalty_wait(struct penalty_table *t, const char *const *keys, time_t now)
{
	struct penalty_entry *e;
	int level, wait = 0, w;

	for (level = 0; level < t->levels; level++) {
		if ((e = entry_find(t, level, keys[level])) == NULL ||
		    entry_expired(t, e, now))
			continue;
		if ((w = entry_wait(t, e, now)) > wait)
			wait = w;
	}
	return wait;
}

int
penalty_count(struct penalty_table *t, const char *const *keys, time_t now)
{
	struct penalty_entry *e = entry_find(t, 0, keys[0]);

	return e != NULL && !entry_expired(t, e, now) ? e->failures : 0;
}

bool
penalty_clear(struct penalty_table *t, const char *const *keys, time_t now)
{
	struct penalty_entry *e;
	bool waited;

	if ((e = entry_find(t, 0, keys[0])) == NULL)
		return false;
	waited = entry_wait(t, e, now) > 0;
	entry_remove(t, (size_t)(e - t->entries));
	return waited;
}

void
keepout_init(struct keepout_table *t, size_t max_entries)
{
	memset(t, 0, sizeof *t);
	t->max = max_entries > 0 ? max_entries : 1;
	t->entries = xcalloc(t->max, sizeof *t->entries);
}

void
keepout_free(struct keepout_table *t)
{
	free(t->entries);
	memset(t, 0, sizeof *t);
}

void
keepout_set(struct keepout_table *t, const char *key, time_t until)
{
	size_t i, earliest = 0;

	for (i = 0; i < t->n; i++) {
		if (strcmp(t->entries[i].key, key) == 0)
			break;
		if (t->entries[i].until < t->entries[earliest].until)
			earliest = i;
	}
	if (i == t->n) {
		if (until == 0)
			return;
		if (t->n == t->max)
			i = earliest;
		else
			t->n++;
		snprintf(t->entries[i].key, sizeof t->entries[i].key, "%s", key);
	}
	if (until == 0)
		t->entries[i] = t->entries[--t->n];
	else
		t->entries[i].until = until;
}

int
keepout_wait(struct keepout_table *t, const struct throttle_keys *keys,
    time_t now)
{
	size_t i = 0;
	int level, wait = 0;

	while (i < t->n) {
		if (t->entries[i].until <= now) {
			t->entries[i] = t->entries[--t->n];
			continue;
		}
		for (level = 0; level < THROTTLE_LEVELS; level++) {
			if (strcmp(t->entries[i].key, keys->key[level]) == 0 &&
			    t->entries[i].until - now > wait)
				wait = (int)(t->entries[i].until - now);
		}
		i++;
	}
	return wait;
}

static size_t
count_from(const struct startup_conn *conns, size_t n, const char *source)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += conns[i].unauthenticated &&
		    strcmp(conns[i].source, source) == 0;
	return c;
}

enum startup_verdict
throttle_startup(const struct config_startups *m, const struct startup_conn *conns,
    size_t n, const char *source, size_t *victim)
{
	size_t i, unauth = 0, busiest = 0, count, most = 0, mine;
	int refuse;

	for (i = 0; i < n; i++)
		unauth += conns[i].unauthenticated;
	if ((int)unauth < m->begin)
		return STARTUP_TAKE;
	if ((int)unauth < m->full) {
		refuse = m->rate + (100 - m->rate) * ((int)unauth - m->begin) /
		    (m->full - m->begin);
		if ((int)auth_random_uniform(100) >= refuse)
			return STARTUP_TAKE;
	}
	/* The busiest source, and its oldest connection in flight. */
	for (i = 0; i < n; i++) {
		if (!conns[i].unauthenticated)
			continue;
		count = count_from(conns, n, conns[i].source);
		if (count > most || (count == most &&
		    conns[i].started < conns[busiest].started)) {
			most = count;
			busiest = i;
		}
	}
	mine = count_from(conns, n, source);
	if (most == 0 || most <= mine)
		return STARTUP_REFUSE;
	*victim = busiest;
	return STARTUP_DROP;
}
