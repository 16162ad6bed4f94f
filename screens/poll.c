/*
 * poll.c - the poll an item carries, as its item screen shows it (the
 * wall's post today, a group's post as well): the choices, and once the
 * resident voted or the poll closed, the counts with a bar of text for
 * each, so that nothing is said by a colour alone.  Voting and giving a
 * post a poll are dialogs over the item's screen.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "when.h"
#include "text.h"

#define POLL_BAR	20		/* columns of a full bar */
#define POLL_DAYS_MAX	90

/* "████████░░░░" for VOTES of TOTAL, into BUF. */
static void
poll_bar(char *buf, size_t size, int votes, int total)
{
	int full = total > 0 ? (votes * POLL_BAR + total / 2) / total : 0, i;
	size_t used = 0;

	buf[0] = '\0';
	for (i = 0; i < POLL_BAR && used + 4 < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s",
		    i < full ? "█" : "░");
}

void
ui_poll_layout(struct ui *ui, struct ui_doc *d, const struct poll *p)
{
	char line[1024], when[128], bar[128];
	size_t i;
	int used;

	(void)ui;
	if (p == NULL || p->n == 0)
		return;
	used = snprintf(line, sizeof line, "── %s · %s", _("Poll"),
	    p->multiple ? _("several answers") : _("one answer"));
	if (p->closes_at != 0) {
		when_format_moment(when, sizeof when, p->closes_at);
		snprintf(line + used, sizeof line - used, p->closed ?
		    _(" · closed %s ──") : _(" · closes %s ──"), when);
	} else
		snprintf(line + used, sizeof line - used, " ──");
	ui_doc_paragraph(d, line, 0, UI_ATTR_DIM);
	for (i = 0; i < p->n; i++) {
		const struct poll_choice *c = &p->choice[i];

		if (p->results) {
			poll_bar(bar, sizeof bar, c->votes, p->voters);
			snprintf(line, sizeof line, "%s %zu %s", c->mine ?
			    "[x]" : "[ ]", i + 1, c->label);
			ui_doc_paragraph(d, line, 2, c->mine ?
			    UI_ATTR_TITLE : UI_ATTR_NORMAL);
			snprintf(line, sizeof line, "%s %d (%d %%)", bar,
			    c->votes, p->voters > 0 ? (c->votes * 100 +
			    p->voters / 2) / p->voters : 0);
			ui_doc_paragraph(d, line, 6, UI_ATTR_INFO);
		} else {
			snprintf(line, sizeof line, "%s %zu %s", c->mine ?
			    "[x]" : "[ ]", i + 1, c->label);
			ui_doc_paragraph(d, line, 2, UI_ATTR_NORMAL);
		}
	}
	if (p->results)
		snprintf(line, sizeof line, ngettext("%d neighbour voted.",
		    "%d neighbours voted.", p->voters), p->voters);
	else
		snprintf(line, sizeof line, "%s", _("Press v to vote: the "
		    "results show once you have voted."));
	if (p->results && !p->closed) {
		used = (int)strlen(line);
		snprintf(line + used, sizeof line - used, " %s", p->voted ?
		    _("Press v to change your vote.") : _("Press v to vote."));
	}
	ui_doc_paragraph(d, line, 0, UI_ATTR_DIM);
	ui_doc_paragraph(d, _("Nobody sees who voted what."), 0,
	    UI_ATTR_DIM);
}

/* The numbers typed ("1 3", "2,4"), as choice ids; the count, or -1. */
static int
poll_parse(const struct poll *p, const char *text, int64_t *ids)
{
	const char *s;
	int n = 0;

	for (s = text; *s != '\0'; s++) {
		if (*s == ' ' || *s == ',' || *s == ';')
			continue;
		if (*s < '1' || *s > '0' + (int)p->n || n == POLL_CHOICES_MAX)
			return -1;
		if (s[1] >= '0' && s[1] <= '9')
			return -1;
		ids[n++] = p->choice[*s - '1'].id;
	}
	return n;
}

bool
ui_poll_vote(struct ui *ui, struct poll *p)
{
	const char *options[POLL_CHOICES_MAX];
	int64_t ids[POLL_CHOICES_MAX];
	char initial[64], *text;
	size_t i, used = 0;
	int choice, n, rc, current = 0;

	if (p == NULL || p->n == 0)
		return false;
	if (p->closed) {
		ui_error(ui, "%s", _("This poll is closed."));
		return false;
	}
	if (!p->multiple) {
		for (i = 0; i < p->n; i++) {
			options[i] = p->choice[i].label;
			if (p->choice[i].mine)
				current = (int)i;
		}
		choice = ui_choose(ui, _("Your vote"), options, (int)p->n,
		    current);
		if (choice < 0)
			return false;
		ids[0] = p->choice[choice].id;
		n = 1;
	} else {
		initial[0] = '\0';
		for (i = 0; i < p->n && used + 3 < sizeof initial; i++)
			if (p->choice[i].mine)
				used += (size_t)snprintf(initial + used,
				    sizeof initial - used, "%s%zu",
				    used > 0 ? " " : "", i + 1);
		text = ui_prompt(ui, _("The numbers of your answers, as in "
		    "1 3:"), initial, false, 40);
		for (;;) {
			if (text == NULL)
				return false;
			if ((n = poll_parse(p, text, ids)) > 0)
				break;
			free(text);
			text = ui_prompt(ui, _("Numbers of the answers only, "
			    "as in 1 3:"), initial, false, 40);
		}
		free(text);
	}
	rc = store_poll_vote(ui->store, &ui->viewer, p->item_id, ids,
	    (size_t)n);
	if (rc != STORE_OK) {
		ui_store_error(ui, rc);
		return false;
	}
	ui_message(ui, "%s", p->voted ? _("Your vote is changed.") :
	    _("Thank you for voting."));
	return true;
}

bool
ui_poll_create(struct ui *ui, int64_t item_id)
{
	struct poll_new p;
	char *choices[POLL_CHOICES_MAX] = { NULL }, *text, label[128];
	const char *options[2];
	const char *why;
	size_t n = 0, i;
	int kind, rc;
	long days;
	char *end;
	bool done = false;

	memset(&p, 0, sizeof p);
	while (n < POLL_CHOICES_MAX) {
		snprintf(label, sizeof label, n < POLL_CHOICES_MIN ?
		    _("Answer %zu:") : _("Answer %zu (empty: no more):"), n + 1);
		text = ui_prompt(ui, label, NULL, false, POLL_CHOICE_MAX);
		/* Escape after answers were typed asks before losing them. */
		if (text == NULL && (n == 0 || ui_confirm(ui,
		    _("Throw this poll away?"))))
			goto out;
		if (text == NULL)
			continue;
		if (text[0] == '\0') {
			free(text);
			if (n >= POLL_CHOICES_MIN)
				break;
			ui_error(ui, "%s", _("A poll has from 2 to 8 choices."));
			continue;
		}
		choices[n++] = text;
	}
	options[0] = _("One answer each");
	options[1] = _("Several answers each");
	if ((kind = ui_choose(ui, _("How many answers may a neighbour "
	    "give?"), options, 2, 0)) < 0)
		goto out;
	text = ui_prompt(ui, _("Closes in how many days? (empty: never)"),
	    NULL, false, 3);
	for (;;) {
		if (text == NULL)
			goto out;
		days = strtol(text, &end, 10);
		if (text[0] == '\0') {
			days = 0;
			break;
		}
		why = *end != '\0' || days < 1 || days > POLL_DAYS_MAX ?
		    _("From 1 to 90 days, or empty:") : NULL;
		if (why == NULL)
			break;
		free(text);
		text = ui_prompt(ui, why, NULL, false, 3);
	}
	free(text);
	for (i = 0; i < n; i++)
		p.choices[i] = choices[i];
	p.n = n;
	p.multiple = kind == 1;
	p.closes_at = days > 0 ? when_day_add(when_day_start(now_seconds()),
	    (int)days + 1) : 0;
	rc = store_poll_create(ui->store, &ui->viewer, item_id, &p);
	if (rc != STORE_OK)
		ui_store_error(ui, rc);
	else {
		ui_message(ui, "%s", _("Your post carries a poll now."));
		done = true;
	}
out:
	for (i = 0; i < POLL_CHOICES_MAX; i++)
		free(choices[i]);
	return done;
}
