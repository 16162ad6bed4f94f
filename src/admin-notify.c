/*
 * admin-notify.c - quartier-admin's e-mail commands: a resident's
 * address (email show, email remove) and the outbox (notify), which
 * makes the digests that are due and hands the mails that are due to
 * sendmail(8), one process per mail, as Debian programs do, so that any
 * MTA will do.
 *
 * One run at a time: notify holds a lock (flock) on DB.notify-lock for
 * as long as it runs; a second run finds it taken and leaves at once.
 * Only the run holding the lock may decide that a mail left in sending
 * was interrupted (store_outbox_recover, store.h says the rule).
 */
#include "build-config.h"

#include <sys/file.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "quartier.h"
#include "admin.h"
#include "mail.h"

#define NOTIFY_TRIES		12	/* about a day and a half of backoff */
#define NOTIFY_RETRY_BASE	60	/* seconds before the second try */
#define NOTIFY_STATUS_ROWS	50
#define SENDMAIL_ARGS_MAX	16

int
cmd_email_show(struct admin *a, const struct args *args)
{
	struct email_address e;
	struct resident r;
	char when[64];
	struct tm tm;
	time_t t;
	int rc;

	if (admin_open(a) != 0 || find_resident(a, args->argv[0], &r) != 0)
		return 1;
	rc = store_email_admin_get(a->store, r.handle, &e);
	if (rc != STORE_OK) {
		resident_clear(&r);
		return store_error(a, rc);
	}
	if (e.address == NULL)
		printf(_("%s has no e-mail address\n"), r.handle);
	else if (e.verified)
		printf(_("%s: %s (verified)\n"), r.handle, e.address);
	else {
		t = (time_t)e.code_expires_at;
		localtime_r(&t, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
		printf(ngettext("%s: %s (not verified: its code is valid "
		    "until %s, %d try left)\n", "%s: %s (not verified: its "
		    "code is valid until %s, %d tries left)\n",
		    e.code_tries_left), r.handle, e.address, when,
		    e.code_tries_left);
	}
	email_address_clear(&e);
	resident_clear(&r);
	return 0;
}

int
cmd_email_remove(struct admin *a, const struct args *args)
{
	struct resident r;
	int rc;

	if (admin_open(a) != 0 || find_resident(a, args->argv[0], &r) != 0)
		return 1;
	rc = store_email_admin_remove(a->store, r.handle);
	if (rc == STORE_NOT_FOUND) {
		fail(_("%s has no e-mail address"), r.handle);
		resident_clear(&r);
		return 1;
	}
	if (rc != STORE_OK) {
		resident_clear(&r);
		return store_error(a, rc);
	}
	printf(_("The e-mail address of %s was removed; what was waiting to be "
	    "sent there was dropped.\n"), r.handle);
	resident_clear(&r);
	return 0;
}

/* The sender's address: mail_from, or quartier@ the host's name. */
static char *
mail_from(const struct config *cfg)
{
	if (cfg->mail_from != NULL)
		return xstrdup(cfg->mail_from);
	return xasprintf("quartier@%s", cfg->host_name);
}

/* A sender address sendmail may be given: one @, no space, no control,
 * no leading '-'. */
static bool
from_valid(const char *from)
{
	const char *p, *at = strchr(from, '@');

	if (from[0] == '-' || at == NULL || at == from || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL || strlen(from) > 254)
		return false;
	for (p = from; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '<' ||
		    *p == '>' || *p == ',' || *p == ';')
			return false;
	return true;
}

/*
 * Run PROGRAM (split on spaces) with -i -f FROM -- TO, TEXT on its
 * standard input.  Returns 0 when it exited 0, or -1 with *ERROR set
 * (a new string) to what went wrong.
 */
static int
hand_over(const char *program, const char *from, const char *to,
    const char *text, char **error)
{
	char *copy = xstrdup(program), *argv[SENDMAIL_ARGS_MAX + 6], *word;
	char *save = NULL;
	size_t argc = 0, len = strlen(text), done = 0;
	ssize_t w;
	int fds[2], status, saved;
	pid_t pid;

	for (word = strtok_r(copy, " \t", &save); word != NULL &&
	    argc < SENDMAIL_ARGS_MAX; word = strtok_r(NULL, " \t", &save))
		argv[argc++] = word;
	if (argc == 0) {
		*error = xstrdup("sendmail_program is empty");
		free(copy);
		return -1;
	}
	argv[argc++] = (char *)"-i";
	argv[argc++] = (char *)"-f";
	argv[argc++] = (char *)from;
	argv[argc++] = (char *)"--";
	argv[argc++] = (char *)to;
	argv[argc] = NULL;
	if (pipe(fds) != 0) {
		*error = xasprintf("pipe: %s", strerror(errno));
		free(copy);
		return -1;
	}
	if ((pid = fork()) < 0) {
		*error = xasprintf("fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		free(copy);
		return -1;
	}
	if (pid == 0) {
		close(fds[1]);
		if (dup2(fds[0], STDIN_FILENO) < 0)
			_exit(127);
		close(fds[0]);
		execv(argv[0], argv);
		fprintf(stderr, "%s: %s: %s\n", PROGRAM, argv[0],
		    strerror(errno));
		_exit(127);
	}
	close(fds[0]);
	while (done < len) {
		w = write(fds[1], text + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	saved = errno;
	close(fds[1]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && done == len) {
		free(copy);
		return 0;
	}
	if (done < len && !(WIFEXITED(status) && WEXITSTATUS(status) != 0))
		*error = xasprintf("%s: could not write the message: %s",
		    argv[0], strerror(saved));
	else if (WIFEXITED(status))
		*error = xasprintf("%s exited with status %d", argv[0],
		    WEXITSTATUS(status));
	else
		*error = xasprintf("%s was killed by signal %d", argv[0],
		    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	free(copy);
	return -1;
}

/* The message of M, with its footer in M's language. */
static char *
message_text(struct admin *a, const struct outbox_mail *m, const char *from,
    int64_t now)
{
	enum language ours = language_current();
	char *login, *footer, *unsubscribe, *text;

	language_apply(m->language);
	login = config_login_command(&a->cfg, m->handle != NULL ? m->handle :
	    "");
	if (strcmp(m->kind, "address") == 0)
		footer = xasprintf(_("This e-mail was sent because this address "
		    "was typed in a Quartier profile (%s). If it was not you, "
		    "ignore it: nothing more will be sent here."), login);
	else
		footer = xasprintf(_("You receive this e-mail because you chose "
		    "it in your Quartier profile. To receive no more, log in "
		    "(%s), open My profile (P), then E-mail notices (6); or "
		    "write to %s."), login, from);
	unsubscribe = xasprintf("<mailto:%s?subject=unsubscribe%%20%s>", from,
	    m->handle != NULL ? m->handle : "");
	text = mail_build(&(struct mail_message){
		.from_name = "Quartier",
		.from = from,
		.to = m->address,
		.subject = m->subject,
		.body = m->body,
		.footer = footer,
		.message_id = m->message_id,
		.unsubscribe = unsubscribe,
		.date = now,
	});
	language_apply(ours);
	free(login);
	free(footer);
	free(unsubscribe);
	return text;
}

static void
print_time(const char *label, int64_t when)
{
	char buf[64];
	struct tm tm;
	time_t t = (time_t)when;

	localtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
	printf("%s%s", label, buf);
}

static int
notify_status(struct admin *a)
{
	struct outbox_status st;
	struct outbox_row *rows;
	size_t n, i;
	int rc;

	rc = store_outbox_status(a->store, now_seconds(), &st, &rows, &n,
	    NOTIFY_STATUS_ROWS);
	if (rc != STORE_OK)
		return store_error(a, rc);
	printf(_("waiting: %d"), st.waiting);
	if (st.waiting > 0)
		print_time(_(", next try at "), st.next_try_at);
	putchar('\n');
	printf(_("sending: %d\n"), st.sending);
	printf(_("sent: %d (%d in the last 24 hours)\n"), st.sent,
	    st.sent_today);
	printf(_("unsure (interrupted while handing over, not sent again): "
	    "%d\n"), st.unsure);
	printf(_("failed (after %d tries): %d\n"), NOTIFY_TRIES, st.failed);
	for (i = 0; i < n; i++) {
		printf("#%lld %s %s %s, %s %d", (long long)rows[i].id,
		    rows[i].state, rows[i].handle, rows[i].kind, _("tries"),
		    rows[i].tries);
		if (strcmp(rows[i].state, "waiting") == 0)
			print_time(_(", next at "), rows[i].next_try_at);
		if (rows[i].message_id != NULL)
			printf(" %s", rows[i].message_id);
		if (rows[i].last_error != NULL)
			printf(" (%s)", rows[i].last_error);
		putchar('\n');
	}
	outbox_row_list_free(rows, n);
	return 0;
}

int
cmd_notify(struct admin *a, const struct args *args)
{
	struct outbox_rules rules;
	struct outbox_mail m;
	char *from, *lock, *text, *error;
	int64_t now;
	int fd, rc, unsure, digests, sent = 0, later = 0;

	if (admin_open(a) != 0)
		return 1;
	if (arg_flag(args, "status"))
		return notify_status(a);
	from = mail_from(&a->cfg);
	if (!from_valid(from)) {
		fail(_("mail_from: \"%s\" is not an e-mail address"), from);
		free(from);
		return 1;
	}
	lock = xasprintf("%s.notify-lock", a->db_path);
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		fail("%s: %s", lock, strerror(errno));
		free(lock);
		free(from);
		return 1;
	}
	free(lock);
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		printf("%s\n", _("Another quartier-admin notify is running; "
		    "it sends what is due."));
		close(fd);
		free(from);
		return 0;
	}
	signal(SIGPIPE, SIG_IGN);
	if ((rc = store_outbox_recover(a->store, &unsure)) != STORE_OK)
		goto fail;
	if (unsure > 0)
		fprintf(stderr, ngettext("%s: %d mail was interrupted while "
		    "being handed over and is not sent again (see notify "
		    "--status)\n", "%s: %d mails were interrupted while being "
		    "handed over and are not sent again (see notify --status)\n",
		    unsure), PROGRAM, unsure);
	/* The digests due now go into the outbox first, to be sent with
	 * the rest. */
	if ((rc = store_digest_queue(a->store, now_seconds(), &digests)) !=
	    STORE_OK)
		goto fail;
	rules = (struct outbox_rules){
		.daily_limit = a->cfg.notify_daily_limit,
		.max_tries = NOTIFY_TRIES,
		.retry_base = NOTIFY_RETRY_BASE,
		.domain = strchr(from, '@') + 1,
	};
	for (;;) {
		now = now_seconds();
		if ((rc = store_outbox_claim(a->store, &rules, now, &m)) ==
		    STORE_NOT_FOUND)
			break;
		if (rc != STORE_OK)
			goto fail;
		text = message_text(a, &m, from, now);
		error = NULL;
		if (hand_over(a->cfg.sendmail_program, from, m.address, text,
		    &error) == 0)
			rc = store_outbox_sent(a->store, m.id);
		else {
			rc = store_outbox_retry(a->store, &rules, &m, error,
			    now);
			fprintf(stderr, _("%s: mail #%lld not handed over, tried "
			    "again later: %s\n"), PROGRAM, (long long)m.id,
			    error);
			later++;
		}
		free(error);
		free(text);
		outbox_mail_clear(&m);
		if (rc != STORE_OK)
			goto fail;
		if (later > 0)
			break;	/* the MTA is down: the next run tries again */
		sent++;
	}
	if (sent > 0 || later > 0)
		printf(ngettext("%d mail handed to sendmail", "%d mails handed "
		    "to sendmail", sent), sent);
	if (later > 0)
		printf(_(", the rest tried again later"));
	if (sent > 0 || later > 0)
		putchar('\n');
	close(fd);
	free(from);
	return later > 0 ? 1 : 0;
fail:
	close(fd);
	free(from);
	return store_error(a, rc);
}
