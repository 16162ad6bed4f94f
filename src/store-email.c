/*
 * store-email.c - a resident's e-mail address, verified by a code sent
 * there, and their choices of what Quartier sends to it; and the one way
 * into the outbox, outbox_queue(), that store_notify() and the address's
 * own code go through.
 *
 * Codes are EMAIL_CODE_DIGITS random digits (auth.c), stored hashed with
 * the resident they were made for, compared with auth_equal(), valid
 * EMAIL_CODE_HOURS and locked after EMAIL_CODE_TRIES wrong ones.  The
 * code itself is in the outbox only until it is sent (store-outbox.c
 * empties the body then).
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "auth.h"

#define EMAIL_HASH_HEX	AUTH_DIGEST_HEX_SIZE

static const char *const kind_names[MAIL_KINDS] = {
	[MAIL_MESSAGE] = "message",
	[MAIL_REPLY] = "reply",
	[MAIL_LOAN] = "loan",
	[MAIL_EVENT] = "event",
	[MAIL_ALERT] = "alert",
	[MAIL_MODERATION] = "moderation",
};
static const char *const delivery_names[] = {
	[DELIVERY_NOW] = "now",
	[DELIVERY_DIGEST] = "digest",
	[DELIVERY_NEVER] = "never",
};
static const char *const digest_names[] = {
	[DIGEST_NEVER] = "never",
	[DIGEST_DAILY] = "daily",
	[DIGEST_WEEKLY] = "weekly",
};

/*
 * Quiet defaults: at once only what asks something of the resident or
 * concerns them alone (a message, a loan, their event, moderation);
 * replies and alerts wait for the weekly digest.
 */
void
mail_choices_default(struct mail_choices *c)
{
	c->delivery[MAIL_MESSAGE] = DELIVERY_NOW;
	c->delivery[MAIL_REPLY] = DELIVERY_DIGEST;
	c->delivery[MAIL_LOAN] = DELIVERY_NOW;
	c->delivery[MAIL_EVENT] = DELIVERY_NOW;
	c->delivery[MAIL_ALERT] = DELIVERY_DIGEST;
	c->delivery[MAIL_MODERATION] = DELIVERY_NOW;
	c->digest = DIGEST_WEEKLY;
	c->digest_hour = 18;
	c->message_text = false;
}

const char *
mail_kind_name(enum mail_kind kind)
{
	return kind_names[kind];
}

static int
name_index(const char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

/*
 * An address as it may be written to: one '@', a local part of the
 * characters RFC 5322 allows unquoted (no quotes, no spaces, no dot at
 * either end or twice), a domain of letters, digits and hyphens with at
 * least one dot, lower-cased.  Nothing that could be read as an option
 * or a second address by sendmail(8) gets through.
 */
static const char *
email_check(const char *in, char **out)
{
	static const char local_ok[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-";
	const char *at, *p;
	size_t len, local;
	char *copy;
	bool dot = false;

	while (*in == ' ' || *in == '\t')
		in++;
	len = strlen(in);
	while (len > 0 && (in[len - 1] == ' ' || in[len - 1] == '\t'))
		len--;
	if (len == 0)
		return _("Type an e-mail address, like marie@example.org.");
	if (len > EMAIL_ADDRESS_MAX)
		return _("This e-mail address is too long.");
	at = memchr(in, '@', len);
	if (at == NULL || memchr(at + 1, '@', len - (size_t)(at - in) - 1))
		return _("An e-mail address has one @, like "
		    "marie@example.org.");
	local = (size_t)(at - in);
	if (local == 0 || local > 64 || in[0] == '.' || in[0] == '-' ||
	    at[-1] == '.')
		return _("The part before the @ is not a valid e-mail "
		    "address.");
	for (p = in; p < at; p++)
		if (strchr(local_ok, *p) == NULL || *p == '\0' ||
		    (*p == '.' && p[1] == '.'))
			return _("The part before the @ is not a valid "
			    "e-mail address.");
	for (p = at + 1; p < in + len; p++) {
		if (*p == '.') {
			if (p == at + 1 || p[1] == '.' || p + 1 == in + len ||
			    p[-1] == '-' || p[1] == '-')
				return _("The part after the @ is not a "
				    "valid domain name.");
			dot = true;
		} else if (!((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			return _("The part after the @ is not a valid domain "
			    "name.");
	}
	if (!dot || at[1] == '-' || in[len - 1] == '-')
		return _("The part after the @ is not a valid domain name.");
	copy = xmalloc(len + 1);
	memcpy(copy, in, len);
	copy[len] = '\0';
	for (p = copy + local + 1; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			copy[p - copy] = (char)(*p - 'A' + 'a');
	*out = copy;
	return NULL;
}

static void
code_hash(int64_t resident_id, const char *code, char hex[EMAIL_HASH_HEX])
{
	char input[64];
	int len;

	len = snprintf(input, sizeof input, "quartier-email:%lld:%s",
	    (long long)resident_id, code);
	auth_digest_hex(input, (size_t)len, hex);
	auth_wipe(input, sizeof input);
}

/* The digits of a code as typed: spaces and dashes dropped. */
static bool
code_normalise(const char *typed, char out[EMAIL_CODE_DIGITS + 1])
{
	size_t n = 0;

	for (; *typed != '\0'; typed++) {
		if (*typed == ' ' || *typed == '-' || *typed == '\t')
			continue;
		if (*typed < '0' || *typed > '9' || n == EMAIL_CODE_DIGITS)
			return false;
		out[n++] = *typed;
	}
	out[n] = '\0';
	return n == EMAIL_CODE_DIGITS;
}

/* The viewer, if a verified resident, with their language applied by
 * the caller; STORE_DENIED otherwise. */
static int
viewer_verified(struct store *s, const struct viewer *v)
{
	struct self me;
	int rc;

	if ((rc = self_read(s, v, &me)) != STORE_OK)
		return rc;
	rc = me.status == RESIDENT_VERIFIED ? STORE_OK :
	    store_refuse(s, STORE_DENIED, _("Only a verified resident can "
	    "receive e-mail from Quartier."));
	self_clear(&me);
	return rc;
}

/*
 * Put one mail in the outbox, within the caller's transaction, in the
 * language now applied.  KIND is a notice kind's name, or "address" for
 * a code, which alone goes to an address not yet verified.
 */
int
outbox_add(struct store *s, int64_t resident_id, const char *address,
    const char *kind, const char *subject, const char *body)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "INSERT INTO outbox (resident_id, address, kind,"
	    " language, subject, body, next_try_at, created_at)"
	    " VALUES (:resident, :address, :kind, :language, :subject, :body,"
	    " :now, :now)");
	bind_int64(stmt, ":resident", resident_id);
	bind_text(stmt, ":address", address);
	bind_text(stmt, ":kind", kind);
	bind_text(stmt, ":language", language_code(language_current()));
	bind_text(stmt, ":subject", subject);
	bind_text(stmt, ":body", body);
	bind_int64(stmt, ":now", now_seconds());
	return store_step_done(s, stmt);
}

int
outbox_queue(struct store *s, enum mail_kind kind, int64_t recipient,
    int64_t sender, const char *subject, const char *body)
{
	struct mail_choices defaults;
	sqlite3_stmt *stmt;

	/* The address verified, the kind chosen "at once" (or by default),
	 * and the sender not blocked (moderation is never blocked). */
	mail_choices_default(&defaults);
	stmt = store_stmt(s, "INSERT INTO outbox (resident_id, address, kind,"
	    " language, subject, body, next_try_at, created_at)"
	    " SELECT e.resident_id, e.address, :kind, :language, :subject,"
	    " :body, :now, :now FROM email_addresses e"
	    " WHERE e.resident_id = :recipient AND e.verified_at IS NOT NULL"
	    " AND coalesce((SELECT delivery FROM notice_choices"
	    "  WHERE resident_id = e.resident_id AND kind = :kind),"
	    "  :default) = 'now'"
	    " AND (:kind = 'moderation' OR NOT EXISTS (SELECT 1 FROM blocks"
	    "  WHERE blocker_id = e.resident_id AND blocked_id = :sender))");
	bind_text(stmt, ":kind", kind_names[kind]);
	bind_text(stmt, ":language", language_code(language_current()));
	bind_text(stmt, ":subject", subject);
	bind_text(stmt, ":body", body);
	bind_int64(stmt, ":now", now_seconds());
	bind_int64(stmt, ":recipient", recipient);
	bind_int64(stmt, ":sender", sender);
	bind_text(stmt, ":default", delivery_names[defaults.delivery[kind]]);
	return store_step_done(s, stmt);
}

/* Whether the recipient wants a private message's own text in mail. */
bool
outbox_message_text(struct store *s, int64_t recipient)
{
	sqlite3_stmt *stmt;
	bool yes = false;

	stmt = store_stmt(s, "SELECT message_text FROM mail_settings"
	    " WHERE resident_id = :recipient");
	bind_int64(stmt, ":recipient", recipient);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		yes = sqlite3_column_int(stmt, 0) != 0;
	sqlite3_reset(stmt);
	return yes;
}

static void
read_address(sqlite3_stmt *stmt, void *row, bool full)
{
	struct email_address *e = row;
	int tries = sqlite3_column_int(stmt, 3);

	e->address = column_text(stmt, 0);
	e->verified = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
	e->code_expires_at = sqlite3_column_int64(stmt, 2);
	e->code_tries_left = tries >= EMAIL_CODE_TRIES ? 0 :
	    EMAIL_CODE_TRIES - tries;
}

int
store_email_get(struct store *s, const struct viewer *v,
    struct email_address *out)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT address, verified_at,"
	    " coalesce(code_expires_at, 0), code_tries FROM email_addresses"
	    " WHERE resident_id = :viewer");
	bind_viewer(stmt, v);
	rc = store_read_row(s, stmt, sizeof *out, read_address, true, out);
	return rc == STORE_NOT_FOUND ? STORE_OK : rc;
}

/* The code mail, in the language now applied. */
static void
compose_code(const char *name, const char *code, char **subject,
    char **body)
{
	*subject = xasprintf("%s", _("Your Quartier code for this e-mail "
	    "address"));
	*body = xasprintf(ngettext("Hello %s,\n\nhere is the code that "
	    "confirms this address for Quartier:\n\n    %.4s %.4s\n\nType it "
	    "in your profile (P, then 6 E-mail notices, then c) within %d "
	    "hour. Until then nothing else is sent here.\n\nIf you did not "
	    "ask for it, ignore this mail: no other mail will come to this "
	    "address.\n", "Hello %s,\n\nhere is the code that confirms this "
	    "address for Quartier:\n\n    %.4s %.4s\n\nType it in your "
	    "profile (P, then 6 E-mail notices, then c) within %d hours. "
	    "Until then nothing else is sent here.\n\nIf you did not ask for "
	    "it, ignore this mail: no other mail will come to this "
	    "address.\n", EMAIL_CODE_HOURS), name, code, code + 4,
	    EMAIL_CODE_HOURS);
}

static int
drop_waiting(struct store *s, int64_t resident_id)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "DELETE FROM outbox WHERE resident_id = :resident"
	    " AND state = 'waiting'");
	bind_int64(stmt, ":resident", resident_id);
	return store_step_done(s, stmt);
}

int
store_email_set(struct store *s, const struct viewer *v, const char *typed)
{
	struct email_address old;
	struct resident me;
	enum language ours = language_current();
	char code[EMAIL_CODE_DIGITS + 1], hash[EMAIL_HASH_HEX];
	char *address = NULL, *subject = NULL, *body = NULL;
	const char *why;
	sqlite3_stmt *stmt;
	int64_t now = now_seconds();
	int rc;

	memset(&old, 0, sizeof old);
	memset(&me, 0, sizeof me);
	if ((why = email_check(typed != NULL ? typed : "", &address)) != NULL)
		return store_invalid(s, why);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = viewer_verified(s, v)) != STORE_OK ||
	    (rc = store_email_get(s, v, &old)) != STORE_OK ||
	    (rc = store_resident_self(s, v, &me)) != STORE_OK)
		goto rollback;
	if (old.verified && strcmp(old.address, address) == 0) {
		rc = store_invalid(s, _("This address is already verified."));
		goto rollback;
	}
	auth_random_digits(code, EMAIL_CODE_DIGITS);
	code_hash(v->resident_id, code, hash);
	stmt = store_stmt(s, "INSERT INTO email_addresses (resident_id,"
	    " address, code_hash, code_expires_at, created_at)"
	    " VALUES (:viewer, :address, :hash, :expires, :now)"
	    " ON CONFLICT (resident_id) DO UPDATE SET address = :address,"
	    " verified_at = NULL, code_hash = :hash,"
	    " code_expires_at = :expires, code_tries = 0, created_at = :now");
	bind_viewer(stmt, v);
	bind_text(stmt, ":address", address);
	bind_text(stmt, ":hash", hash);
	bind_int64(stmt, ":expires", now + EMAIL_CODE_HOURS * 3600);
	bind_int64(stmt, ":now", now);
	auth_wipe(hash, sizeof hash);
	if ((rc = store_step_done(s, stmt)) != STORE_OK ||
	    (rc = drop_waiting(s, v->resident_id)) != STORE_OK)
		goto rollback;
	language_apply(me.language);
	compose_code(me.display_name, code, &subject, &body);
	auth_wipe(code, sizeof code);
	rc = outbox_add(s, v->resident_id, address, "address", subject,
	    body);
	language_apply(ours);
	if (rc != STORE_OK)
		goto rollback;
	rc = store_commit(s);
	goto out;
rollback:
	store_rollback(s);
out:
	auth_wipe(code, sizeof code);
	if (body != NULL)
		auth_wipe(body, strlen(body));
	free(subject);
	free(body);
	free(address);
	email_address_clear(&old);
	resident_clear(&me);
	return rc;
}

int
store_email_confirm(struct store *s, const struct viewer *v,
    const char *typed)
{
	char code[EMAIL_CODE_DIGITS + 1], hash[EMAIL_HASH_HEX], why[256];
	char *stored = NULL;
	sqlite3_stmt *stmt;
	int64_t expires = 0;
	int rc, tries = 0, left;
	bool found = false, right;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	if ((rc = viewer_verified(s, v)) != STORE_OK)
		goto rollback;
	stmt = store_stmt(s, "SELECT code_hash, coalesce(code_expires_at, 0),"
	    " code_tries FROM email_addresses WHERE resident_id = :viewer"
	    " AND verified_at IS NULL");
	bind_viewer(stmt, v);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		found = true;
		stored = column_text(stmt, 0);
		expires = sqlite3_column_int64(stmt, 1);
		tries = sqlite3_column_int(stmt, 2);
	}
	sqlite3_reset(stmt);
	if (!found || stored == NULL) {
		rc = store_invalid(s, _("No code is waiting: add your e-mail "
		    "address first."));
		goto rollback;
	}
	if (tries >= EMAIL_CODE_TRIES) {
		rc = store_refuse(s, STORE_DENIED, _("Too many wrong codes: "
		    "this code is locked. Type your address again for a new "
		    "one."));
		goto rollback;
	}
	if (expires <= now_seconds()) {
		rc = store_invalid(s, _("This code has expired. Type your "
		    "address again for a new one."));
		goto rollback;
	}
	if (!code_normalise(typed != NULL ? typed : "", code)) {
		rc = store_invalid(s, _("The code has 8 digits, like "
		    "1234 5678."));
		goto rollback;
	}
	code_hash(v->resident_id, code, hash);
	auth_wipe(code, sizeof code);
	right = strlen(stored) == EMAIL_HASH_HEX - 1 &&
	    auth_equal(hash, stored, EMAIL_HASH_HEX - 1);
	auth_wipe(hash, sizeof hash);
	if (!right) {
		stmt = store_stmt(s, "UPDATE email_addresses"
		    " SET code_tries = code_tries + 1"
		    " WHERE resident_id = :viewer");
		bind_viewer(stmt, v);
		if ((rc = store_step_done(s, stmt)) != STORE_OK)
			goto rollback;
		if ((rc = store_commit(s)) != STORE_OK)
			goto out;
		left = EMAIL_CODE_TRIES - tries - 1;
		if (left <= 0)
			snprintf(why, sizeof why, "%s", _("This is not the "
			    "code, and no tries are left: type your address "
			    "again for a new one."));
		else
			snprintf(why, sizeof why, ngettext("This is not the "
			    "code; %d try left.", "This is not the code; %d "
			    "tries left.", left), left);
		rc = store_invalid(s, why);
		goto out;
	}
	stmt = store_stmt(s, "UPDATE email_addresses SET verified_at = :now,"
	    " code_hash = NULL, code_expires_at = NULL, code_tries = 0"
	    " WHERE resident_id = :viewer");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":now", now_seconds());
	if ((rc = store_step_done(s, stmt)) != STORE_OK)
		goto rollback;
	rc = store_commit(s);
	goto out;
rollback:
	store_rollback(s);
out:
	free(stored);
	return rc;
}

static int
email_delete(struct store *s, int64_t resident_id)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "DELETE FROM email_addresses"
	    " WHERE resident_id = :resident");
	bind_int64(stmt, ":resident", resident_id);
	if ((rc = store_step_done(s, stmt)) == STORE_OK &&
	    sqlite3_changes(s->db) == 0)
		rc = STORE_NOT_FOUND;
	if (rc == STORE_OK)
		rc = drop_waiting(s, resident_id);
	return store_finish(s, rc);
}

int
store_email_remove(struct store *s, const struct viewer *v)
{
	return email_delete(s, v->resident_id);
}

int
store_email_admin_get(struct store *s, const char *handle,
    struct email_address *out)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT e.address, e.verified_at,"
	    " coalesce(e.code_expires_at, 0), e.code_tries"
	    " FROM residents r JOIN email_addresses e ON e.resident_id = r.id"
	    " WHERE r.handle = :handle");
	bind_text(stmt, ":handle", handle);
	rc = store_read_row(s, stmt, sizeof *out, read_address, true, out);
	return rc == STORE_NOT_FOUND ? STORE_OK : rc;
}

int
store_email_admin_remove(struct store *s, const char *handle)
{
	struct resident r;
	int rc;

	if ((rc = store_resident_by_handle(s, handle, &r)) != STORE_OK)
		return rc;
	rc = email_delete(s, r.id);
	resident_clear(&r);
	return rc;
}

void
email_address_clear(struct email_address *e)
{
	free(e->address);
	memset(e, 0, sizeof *e);
}

int
store_mail_choices_get(struct store *s, const struct viewer *v,
    struct mail_choices *c)
{
	sqlite3_stmt *stmt;
	int rc, kind, delivery;

	mail_choices_default(c);
	stmt = store_stmt(s, "SELECT kind, delivery FROM notice_choices"
	    " WHERE resident_id = :viewer");
	bind_viewer(stmt, v);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		kind = name_index(kind_names, MAIL_KINDS,
		    (const char *)sqlite3_column_text(stmt, 0));
		delivery = name_index(delivery_names, 3,
		    (const char *)sqlite3_column_text(stmt, 1));
		if (kind >= 0 && delivery >= 0)
			c->delivery[kind] = (enum mail_delivery)delivery;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc);
	stmt = store_stmt(s, "SELECT digest, digest_hour, message_text"
	    " FROM mail_settings WHERE resident_id = :viewer");
	bind_viewer(stmt, v);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		kind = name_index(digest_names, 3,
		    (const char *)sqlite3_column_text(stmt, 0));
		if (kind >= 0)
			c->digest = (enum digest_rhythm)kind;
		c->digest_hour = sqlite3_column_int(stmt, 1);
		c->message_text = sqlite3_column_int(stmt, 2) != 0;
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK :
	    store_fail(s, rc);
}

int
store_mail_choices_set(struct store *s, const struct viewer *v,
    const struct mail_choices *c)
{
	sqlite3_stmt *stmt;
	int rc, i;

	if (c->digest_hour < 0 || c->digest_hour > 23)
		return store_invalid(s, _("The hour of the digest is from 0 "
		    "to 23."));
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	if ((rc = viewer_verified(s, v)) != STORE_OK)
		goto done;
	for (i = 0; i < MAIL_KINDS; i++) {
		stmt = store_stmt(s, "INSERT INTO notice_choices (resident_id,"
		    " kind, delivery) VALUES (:viewer, :kind, :delivery)"
		    " ON CONFLICT (resident_id, kind) DO UPDATE"
		    " SET delivery = :delivery");
		bind_viewer(stmt, v);
		bind_text(stmt, ":kind", kind_names[i]);
		bind_text(stmt, ":delivery", delivery_names[c->delivery[i]]);
		if ((rc = store_step_done(s, stmt)) != STORE_OK)
			goto done;
	}
	stmt = store_stmt(s, "INSERT INTO mail_settings (resident_id, digest,"
	    " digest_hour, message_text) VALUES (:viewer, :digest, :hour,"
	    " :text) ON CONFLICT (resident_id) DO UPDATE SET digest = :digest,"
	    " digest_hour = :hour, message_text = :text");
	bind_viewer(stmt, v);
	bind_text(stmt, ":digest", digest_names[c->digest]);
	bind_int64(stmt, ":hour", c->digest_hour);
	bind_int64(stmt, ":text", c->message_text);
	rc = store_step_done(s, stmt);
done:
	return store_finish(s, rc);
}

/*
 * The notices of what is in the inbox or on a board already, by e-mail
 * only: a private message, a reply to one's item, an alert of one's
 * quartier.  Each is called in the transaction of the write it tells of.
 */
struct message_facts {
	char	*sender;
	char	*subject;
	char	*body;		/* NULL: the recipient did not ask for it */
};

static void
compose_message(const void *facts, char **subject, char **body)
{
	const struct message_facts *m = facts;

	*subject = xasprintf(_("Message from %s: %s"), m->sender, m->subject);
	if (m->body != NULL)
		*body = xasprintf(_("%s wrote to you in Quartier:\n\n%s\n\n"
		    "Answer it in your private mail (5 on the main menu)."),
		    m->sender, m->body);
	else
		*body = xasprintf(_("%s wrote to you in Quartier, about \"%s\"."
		    "\n\nRead it and answer it in your private mail (5 on the "
		    "main menu)."), m->sender, m->subject);
}

int
notice_message(struct store *s, int64_t message_id)
{
	struct message_facts m = { NULL, NULL, NULL };
	sqlite3_stmt *stmt;
	int64_t sender = 0, recipient = 0;
	int rc;

	stmt = store_stmt(s, "SELECT m.sender_id, m.recipient_id,"
	    " r.display_name, m.subject, m.body FROM messages m"
	    " JOIN residents r ON r.id = m.sender_id"
	    " WHERE m.id = :id AND NOT m.recipient_deleted");
	bind_int64(stmt, ":id", message_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		sender = sqlite3_column_int64(stmt, 0);
		recipient = sqlite3_column_int64(stmt, 1);
		m.sender = column_text(stmt, 2);
		m.subject = column_text(stmt, 3);
		m.body = column_text(stmt, 4);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
		goto out;
	}
	if (!outbox_message_text(s, recipient)) {
		free(m.body);
		m.body = NULL;
	}
	rc = store_notify(s, &(struct notice){
		.kind = NOTICE_MESSAGE,
		.recipient_id = recipient,
		.sender_id = sender,
		.compose = compose_message,
		.facts = &m,
	});
out:
	free(m.sender);
	free(m.subject);
	free(m.body);
	return rc;
}

struct reply_facts {
	char	*author;
	char	*title;
	char	*body;
};

static void
compose_reply(const void *facts, char **subject, char **body)
{
	const struct reply_facts *r = facts;

	*subject = xasprintf(_("Reply from %s: %s"), r->author, r->title);
	*body = xasprintf(_("%s replied to \"%s\" in Quartier:\n\n%s"),
	    r->author, r->title, r->body);
}

int
notice_reply(struct store *s, int64_t reply_id)
{
	struct reply_facts r = { NULL, NULL, NULL };
	sqlite3_stmt *stmt;
	int64_t author = 0, owner = 0, item = 0;
	int rc;

	stmt = store_stmt(s, "SELECT re.author_id, i.author_id, i.id,"
	    " a.display_name, i.title, re.body FROM replies re"
	    " JOIN items i ON i.id = re.item_id"
	    " JOIN residents a ON a.id = re.author_id"
	    " WHERE re.id = :id AND i.author_id IS NOT NULL"
	    " AND i.author_id != re.author_id");
	bind_int64(stmt, ":id", reply_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		author = sqlite3_column_int64(stmt, 0);
		owner = sqlite3_column_int64(stmt, 1);
		item = sqlite3_column_int64(stmt, 2);
		r.author = column_text(stmt, 3);
		r.title = column_text(stmt, 4);
		r.body = column_text(stmt, 5);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		rc = store_notify(s, &(struct notice){
			.kind = NOTICE_REPLY,
			.recipient_id = owner,
			.sender_id = author,
			.about_item_id = item,
			.compose = compose_reply,
			.facts = &r,
		});
	else
		rc = rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
	free(r.author);
	free(r.title);
	free(r.body);
	return rc;
}

/*
 * An alert goes to every resident of the quartier who chose alerts at
 * once, but its author and those who blocked them: composed once per
 * language, the residents who chose none get the default, French.
 */
int
notice_alert(struct store *s, int64_t item_id)
{
	static const enum language languages[] = { LANG_FR, LANG_EN };
	enum language ours = language_current();
	struct reply_facts a = { NULL, NULL, NULL };
	struct mail_choices defaults;
	sqlite3_stmt *stmt;
	char *subject, *body;
	size_t i;
	int rc;

	stmt = store_stmt(s, "SELECT r.display_name, i.title, i.body"
	    " FROM items i JOIN residents r ON r.id = i.author_id"
	    " WHERE i.id = :item AND i.category = 'alert'");
	bind_int64(stmt, ":item", item_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		a.author = column_text(stmt, 0);
		a.title = column_text(stmt, 1);
		a.body = column_text(stmt, 2);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
	mail_choices_default(&defaults);
	rc = STORE_OK;
	for (i = 0; rc == STORE_OK && i < 2; i++) {
		language_apply(languages[i]);
		subject = xasprintf(_("Alert in your quartier: %s"), a.title);
		body = xasprintf(_("%s posted an alert on the wall of your "
		    "quartier:\n\n%s\n\n%s"), a.author, a.title, a.body);
		stmt = store_stmt(s, "INSERT INTO outbox (resident_id, address,"
		    " kind, language, subject, body, next_try_at, created_at)"
		    " SELECT e.resident_id, e.address, 'alert', :language,"
		    " :subject, :body, :now, :now FROM items i"
		    " JOIN residents r ON r.quartier_id = i.quartier_id"
		    "  AND r.status = 'verified'"
		    " JOIN email_addresses e ON e.resident_id = r.id"
		    " WHERE i.id = :item AND e.verified_at IS NOT NULL"
		    " AND r.id != i.author_id"
		    " AND coalesce(r.language, 'fr') = :language"
		    " AND coalesce((SELECT delivery FROM notice_choices"
		    "  WHERE resident_id = r.id AND kind = 'alert'),"
		    "  :default) = 'now'"
		    " AND NOT EXISTS (SELECT 1 FROM blocks"
		    "  WHERE blocker_id = r.id AND blocked_id = i.author_id)");
		bind_int64(stmt, ":item", item_id);
		bind_text(stmt, ":language", language_code(languages[i]));
		bind_text(stmt, ":subject", subject);
		bind_text(stmt, ":body", body);
		bind_int64(stmt, ":now", now_seconds());
		bind_text(stmt, ":default",
		    delivery_names[defaults.delivery[MAIL_ALERT]]);
		rc = store_step_done(s, stmt);
		free(subject);
		free(body);
	}
	language_apply(ours);
	free(a.author);
	free(a.title);
	free(a.body);
	return rc;
}
