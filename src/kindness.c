/*
 * kindness.c - find a listed word or expression in a message, whole words
 * only, with accents and case folded away.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "quartier.h"
#include "text.h"
#include "kindness.h"

/*
 * Fold S and reduce it to its words, each followed by one space and the
 * whole preceded by one: " espece d idiot ".  Any run of characters that
 * are neither letters nor digits (spaces, punctuation, apostrophes of
 * either kind, line breaks) separates words, so a listed expression is
 * found however it is spaced or punctuated, and a listed word is found
 * only whole.  NULL when S is not UTF-8.
 */
static char *
kindness_words(const char *s)
{
	char *folded, *out;
	const uint8_t *p;
	size_t len, o = 0;
	bool gap = true;
	ucs4_t uc;
	int n;

	if ((folded = text_fold(s)) == NULL)
		return NULL;
	len = strlen(folded);
	out = xmalloc(len + 3);
	out[o++] = ' ';
	p = (const uint8_t *)folded;
	while (len > 0) {
		n = u8_mbtouc(&uc, p, len);
		if (uc_is_property_alphabetic(uc) ||
		    uc_is_general_category(uc, UC_DECIMAL_DIGIT_NUMBER)) {
			memcpy(out + o, p, (size_t)n);
			o += (size_t)n;
			gap = false;
		} else if (!gap) {
			out[o++] = ' ';
			gap = true;
		}
		p += n;
		len -= (size_t)n;
	}
	if (!gap)
		out[o++] = ' ';
	out[o] = '\0';
	free(folded);
	return out;
}

/* The whole file at PATH, or NULL when it cannot be read. */
static char *
kindness_read(const char *path)
{
	char *buf;
	size_t len;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	buf = xmalloc(KINDNESS_FILE_MAX + 1);
	len = fread(buf, 1, KINDNESS_FILE_MAX, f);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

/* The first entry of the list in BUF found in WORDS, or NULL. */
static char *
kindness_search(char *buf, const char *words)
{
	char *line, *next, *end, *entry, *clean;

	for (line = buf; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		end = line + strlen(line);
		while (end > line && (end[-1] == ' ' || end[-1] == '\t' ||
		    end[-1] == '\r'))
			*--end = '\0';
		if (*line == '\0' || *line == '#')
			continue;
		if ((entry = kindness_words(line)) == NULL)
			continue;
		/* An entry of punctuation alone has no word to look for. */
		if (strcmp(entry, " ") != 0 && strstr(words, entry) != NULL) {
			free(entry);
			/* Shown to the resident: cleaned like any text. */
			if (text_clean(line, strlen(line), 0, 0, &clean) !=
			    TEXT_OK)
				clean = NULL;
			return clean;
		}
		free(entry);
	}
	return NULL;
}

char *
kindness_find(const char *texts_dir, const char *text)
{
	static const char *const langs[] = { "fr", "en" };
	char *words, *path, *buf, *found = NULL;
	size_t i;

	if (texts_dir == NULL || text == NULL ||
	    (words = kindness_words(text)) == NULL)
		return NULL;
	/* Both languages, whatever the resident's: neighbours mix them. */
	for (i = 0; i < sizeof langs / sizeof langs[0] && found == NULL; i++) {
		path = xasprintf("%s/%s/kindness", texts_dir, langs[i]);
		buf = kindness_read(path);
		free(path);
		if (buf != NULL)
			found = kindness_search(buf, words);
		free(buf);
	}
	free(words);
	return found;
}
