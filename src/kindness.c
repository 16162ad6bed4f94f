/*
 * kindness.c - find a listed word or expression in a message, whole words
 * only, with accents and case folded away.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quartier.h"
#include "text.h"
#include "kindness.h"

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
		if ((entry = text_fold_words(line)) == NULL)
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
	    (words = text_fold_words(text)) == NULL)
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
