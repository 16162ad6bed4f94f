/*
 * admin-letters.c - quartier-admin letters: a code for each pending
 * resident, and a printable letter with it, one file each.
 */
#include "build-config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "quartier.h"
#include "admin.h"
#include "text.h"

/* The columns of a printed letter's text. */
#define LETTER_WIDTH	72

/*
 * DIR for the letters, made if missing and readable by its owner only:
 * until they are posted, the letters hold live codes.
 */
static int
letters_dir(const char *dir)
{
	struct stat sb;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return fail(_("cannot create %s: %s"), dir, strerror(errno));
	if (stat(dir, &sb) != 0)
		return fail("%s: %s", dir, strerror(errno));
	if (!S_ISDIR(sb.st_mode))
		return fail(_("%s is not a directory"), dir);
	/* Until they are posted, the letters hold live codes. */
	if ((sb.st_mode & 077) != 0)
		return fail(_("%s can be read by others; use a private "
		    "directory (chmod 700 %s)"), dir, dir);
	if (access(dir, W_OK | X_OK) != 0)
		return fail(_("cannot write into %s: %s"), dir,
		    strerror(errno));
	return 0;
}

/*
 * A paragraph wrapped to the width of the page; its first line starts
 * with INDENT, the others with HANG (a numbered step hangs under its text).
 */
static void
letter_paragraph(FILE *f, const char *indent, const char *hang,
    const char *text)
{
	struct text_line *lines;
	size_t n, i, len;
	int width;

	width = LETTER_WIDTH - (int)(strlen(indent) > strlen(hang) ?
	    strlen(indent) : strlen(hang));
	n = text_wrap(text, width, &lines);
	for (i = 0; i < n; i++) {
		len = lines[i].len;
		while (len > 0 && text[lines[i].start + len - 1] == ' ')
			len--;
		fprintf(f, "%s%.*s\n", i == 0 ? indent : hang, (int)len,
		    text + lines[i].start);
	}
	free(lines);
}

/* "14/03/2026" in French, "2026-03-14" in English, in local time. */
static char *
letter_date(int64_t when)
{
	time_t t = (time_t)when;
	struct tm tm;
	char buf[64];

	if (localtime_r(&t, &tm) == NULL)
		return xstrdup("?");
	/* TRANSLATORS: a strftime(3) format for the expiry date printed in
	 * letters; French uses "%d/%m/%Y". */
	/* xgettext:no-c-format */
	strftime(buf, sizeof buf, _("%Y-%m-%d"), &tm);
	return xstrdup(buf);
}

/*
 * One letter, in the language quartier-admin speaks (quartier.conf's
 * default_language unless the environment says otherwise): who it is
 * from, who it is for, the code, until when, and how to type it.
 */
static int
letter_write(FILE *f, const struct letter *l, const char *login)
{
	char *text, *date;

	text = xasprintf(_("Quartier — %s"), l->city);
	fprintf(f, "%s\n\n\n", text);
	free(text);
	fprintf(f, "%s\n%s\n%s\n\n\n", l->display_name, l->street, l->city);

	text = xasprintf(_("Hello %s,"), l->display_name);
	letter_paragraph(f, "", "", text);
	free(text);
	fputc('\n', f);
	text = xasprintf(_("You signed up on Quartier, the network of the "
	    "neighbours of %s in %s. Only residents of the quartier read and "
	    "write there, so we sent this letter to your address: the code "
	    "below shows that you live there."), l->quartier, l->city);
	letter_paragraph(f, "", "", text);
	free(text);
	fputc('\n', f);

	text = xasprintf(_("Your code: %s"), l->code);
	fprintf(f, "    %s\n\n", text);
	free(text);
	date = letter_date(l->expires_at);
	text = xasprintf(_("It is valid until %s."), date);
	letter_paragraph(f, "", "", text);
	free(text);
	free(date);
	fputc('\n', f);

	letter_paragraph(f, "", "", _("To enter it:"));
	/* The command on a line of its own: it is typed as it is. */
	letter_paragraph(f, "  ", "     ", _("1. Log in from a terminal "
	    "with:"));
	fprintf(f, "       %s\n", login);
	letter_paragraph(f, "  ", "     ", _("2. On the verification screen, "
	    "type the code. Capitals, spaces and dashes do not matter."));
	fputc('\n', f);
	letter_paragraph(f, "", "", _("This code is for you only: please do "
	    "not give it to anyone. If you did not sign up, ignore this "
	    "letter."));
	fputc('\n', f);
	text = xasprintf(_("Welcome to Quartier, and see you soon among the "
	    "neighbours of %s!"), l->quartier);
	letter_paragraph(f, "", "", text);
	free(text);
	return ferror(f) ? -1 : 0;
}

/* Write a letter to PATH, readable by its owner only. */
static int
letter_save(const char *path, const struct letter *l, const char *login)
{
	FILE *f;
	int fd, saved;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1)
		return -1;
	if (fchmod(fd, 0600) != 0 || (f = fdopen(fd, "w")) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (letter_write(f, l, login) != 0) {
		saved = errno;
		fclose(f);
		errno = saved != 0 ? saved : EIO;
		return -1;
	}
	return fclose(f);
}

int
cmd_letters(struct admin *a, const struct args *args)
{
	struct verify_rules rules;
	struct letter *list;
	const char *dir = arg_text(args, "out");
	const char *spec = arg_text(args, "quartier");
	const char *host = arg_text(args, "host");
	char *path, *login;
	int64_t quartier_id = 0;
	size_t n, i;
	int rc, ret = 1;

	if (!check_text("--out", dir, 0, 0, NULL) ||
	    (spec != NULL && !check_text("--quartier", spec, 0, 0, NULL)) ||
	    (host != NULL && !check_text("--host", host, 0, 0, NULL)))
		return 1;
	if (admin_open(a) != 0)
		return 1;
	/* --host wins over host_name, which is the machine's name unless
	 * quartier.conf says otherwise. */
	if (host != NULL) {
		free(a->cfg.host_name);
		a->cfg.host_name = xstrdup(host);
	}
	if (spec != NULL && find_quartier(a, spec, &quartier_id) != 0)
		return 1;
	if (letters_dir(dir) != 0)
		return 1;

	verify_rules_from_config(&rules, &a->cfg);
	if ((rc = store_letters_issue(a->store, quartier_id, &rules, &list,
	    &n)) != STORE_OK)
		return store_error(a, rc);
	if (n == 0) {
		printf("%s\n", _("no pending resident needs a letter"));
		return 0;
	}
	for (i = 0; i < n; i++) {
		login = config_login_command(&a->cfg, list[i].handle);
		path = xasprintf("%s/%s.txt", dir, list[i].handle);
		rc = letter_save(path, &list[i], login);
		free(login);
		if (rc != 0) {
			fail(_("cannot write %s: %s"), path, strerror(errno));
			free(path);
			break;
		}
		printf(_("letter for %s: %s\n"), list[i].handle, path);
		free(path);
	}
	if (i < n) {
		/* The codes of the letters not written would wait unseen. */
		if (store_letters_cancel(a->store, list + i, n - i) == STORE_OK)
			fprintf(stderr, ngettext("%s: %zu letter was not "
			    "written; its code was withdrawn\n", "%s: %zu "
			    "letters were not written; their codes were "
			    "withdrawn\n", n - i), PROGRAM, n - i);
	} else {
		printf(ngettext("%zu letter written to %s\n",
		    "%zu letters written to %s\n", n), n, dir);
		ret = 0;
	}
	letter_list_free(list, n);
	return ret;
}
