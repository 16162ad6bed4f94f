/*
 * lending.h - what the lending screens (screens/lending*.c) share.
 */
#ifndef LENDING_H
#define LENDING_H

#include "ui.h"

#define LENDING_NOTE_MAX	500	/* as the store allows */
#define LENDING_DAYS_OBJECT	14	/* the loan proposed for an object */
#define LENDING_DAYS_SERVICE	7	/* the time proposed for a service */

/* lending-loans.c: "My loans". */
extern const struct screen lending_loans_screen;

/* lending-loan.c: words, and the steps of a loan. */
const char *lending_direction_label(enum lending_direction d);
const char *lending_nature_label(enum lending_nature n);
void	 lending_state(const struct lending *l, char *buf, size_t size);
const char *loan_other(const struct loan *l);
bool	 loan_merci_due(const struct loan *l, int64_t me);
bool	 loan_i_asked(const struct loan *l, int64_t me);
void	 loan_phrase(const struct loan *l, char *buf, size_t size);
bool	 loan_accept(struct ui *ui, const struct loan *l);
bool	 loan_decline(struct ui *ui, const struct loan *l);
bool	 loan_mark_returned(struct ui *ui, const struct loan *l);
bool	 loan_say_merci(struct ui *ui, const struct loan *l);
bool	 loan_withdraw(struct ui *ui, const struct loan *l);
void	 loan_write_to(struct ui *ui, const struct loan *l);
bool	 loan_actions(struct ui *ui, const struct loan *l);
bool	 loan_shortcut(struct ui *ui, const struct loan *l, wint_t key);

#endif
