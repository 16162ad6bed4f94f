/*
 * mail.c - an outbox mail written out by GMime, which encodes the
 * headers (RFC 2047), folds them and chooses the transfer encoding of
 * the text, so that no encoder is written by hand here.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#include "mail.h"

/* A Message-ID as GMime wants it: without its angle brackets. */
static char *
bare_id(const char *id)
{
	size_t len = strlen(id);

	if (len >= 2 && id[0] == '<' && id[len - 1] == '>')
		return xstrndup(id + 1, len - 2);
	return xstrdup(id);
}

char *
mail_build(const struct mail_message *m)
{
	static bool ready;
	GMimeMessage *message;
	GMimeTextPart *part;
	GMimeFormatOptions *format;
	GMimeStream *stream;
	GMimeDataWrapper *content;
	GDateTime *date;
	char *text, *id, *out;

	if (!ready) {
		g_mime_init();
		ready = true;
	}
	message = g_mime_message_new(TRUE);
	g_mime_message_add_mailbox(message, GMIME_ADDRESS_TYPE_FROM,
	    m->from_name, m->from);
	g_mime_message_add_mailbox(message, GMIME_ADDRESS_TYPE_TO, NULL,
	    m->to);
	g_mime_message_set_subject(message, m->subject, "utf-8");
	date = g_date_time_new_from_unix_utc(m->date);
	g_mime_message_set_date(message, date);
	g_date_time_unref(date);
	id = bare_id(m->message_id);
	g_mime_message_set_message_id(message, id);
	free(id);
	g_mime_object_set_header(GMIME_OBJECT(message), "Auto-Submitted",
	    "auto-generated", NULL);
	if (m->unsubscribe != NULL)
		g_mime_object_set_header(GMIME_OBJECT(message),
		    "List-Unsubscribe", m->unsubscribe, NULL);

	text = xasprintf("%s%s\n-- \n%s\n", m->body,
	    m->body[0] != '\0' && m->body[strlen(m->body) - 1] == '\n' ?
	    "" : "\n", m->footer);
	/* The text as it is, UTF-8: g_mime_text_part_set_text() would
	 * convert it to the smallest charset that holds it (Latin-1). */
	part = g_mime_text_part_new_with_subtype("plain");
	g_mime_object_set_content_type_parameter(GMIME_OBJECT(part),
	    "charset", "utf-8");
	stream = g_mime_stream_mem_new_with_buffer(text, strlen(text));
	content = g_mime_data_wrapper_new_with_stream(stream,
	    GMIME_CONTENT_ENCODING_DEFAULT);
	g_object_unref(stream);
	g_mime_part_set_content(GMIME_PART(part), content);
	g_object_unref(content);
	g_mime_part_set_content_encoding(GMIME_PART(part),
	    GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
	free(text);
	g_mime_message_set_mime_part(message, GMIME_OBJECT(part));
	g_object_unref(part);

	format = g_mime_format_options_new();
	g_mime_format_options_set_newline_format(format, GMIME_NEWLINE_FORMAT_UNIX);
	text = g_mime_object_to_string(GMIME_OBJECT(message), format);
	g_mime_format_options_free(format);
	g_object_unref(message);
	out = xstrdup(text);
	g_free(text);
	return out;
}
