/*
 * sysop.h - what the console's screens (screens/sysop*.c) share.
 */
#ifndef SYSOP_H
#define SYSOP_H

#include "ui.h"

/* Residents listed by one search: enough for a city, and it is a search. */
#define SYSOP_SEARCH_LIMIT	500
/* Lines of a choice box (ui_choose picks by one digit). */
#define SYSOP_CHOICES_MAX	9

extern const struct screen sysop_residents_screen;
extern const struct screen sysop_resident_screen;
extern const struct screen sysop_quartiers_screen;
extern const struct screen sysop_announce_screen;

/* sysop.c: the console acts as { 0, its system user }. */
struct actor sysop_actor(struct ui *);

/*
 * The columns of a table of quartiers (the dashboard's, with its posts,
 * and the Quartiers screen's, with the city apart), laid out from the
 * quartiers shown and the headings.
 */
enum tally_column {
	TALLY_NAME,		/* "City › Quartier", or the city alone */
	TALLY_QUARTIER,		/* the quartier, when the city is apart */
	TALLY_VERIFIED,
	TALLY_PENDING,
	TALLY_SUSPENDED,
	TALLY_POSTS,		/* the dashboard's only */
	TALLY_COLUMNS,
};

extern const char *const tally_headings[TALLY_COLUMNS];	/* N_() */
/* The text of one cell of Q's row, into BUF; NULL where the table has no
 * such column (POSTS below 0: the Quartiers screen). */
const char *tally_cell(const struct quartier_info *, int posts,
	    bool city_with_name, enum tally_column, char *buf, size_t size);

#endif
