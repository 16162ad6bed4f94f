/*
 * mail.h - an outbox mail as an Internet message (RFC 5322 and MIME),
 * written by GMime: the only file that knows it.
 */
#ifndef MAIL_H
#define MAIL_H

#include <stdint.h>
#include "quartier.h"

struct mail_message {
	const char	*from_name;	/* "Quartier" */
	const char	*from;		/* the sender's address */
	const char	*to;
	const char	*subject;
	const char	*body;		/* UTF-8, lines ending in \n */
	const char	*footer;	/* how to stop, below "-- " */
	const char	*message_id;	/* "<...@domain>" */
	const char	*unsubscribe;	/* the List-Unsubscribe URI */
	int64_t		 date;		/* Unix seconds */
};

/*
 * The whole message: UTF-8 text/plain in quoted-printable (7-bit safe),
 * names and subject encoded as RFC 2047 asks, Date, Message-ID,
 * Auto-Submitted: auto-generated and List-Unsubscribe.  A new string.
 */
char	*mail_build(const struct mail_message *);

#endif
