/*
 * fuzz-text.c - libFuzzer target for the text layer (src/text.c).
 *
 * Every byte a resident sends reaches text.c first, so every public
 * function gets arbitrary bytes here, and what the header promises is
 * checked: a violated promise aborts, which libFuzzer reports as a crash
 * and keeps as a crasher file.
 */
#include "build-config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: broken promise: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

static const int widths[] = { 0, 1, 2, 3, 5, 10, 40, 80 };

/* Decode one scalar value of valid UTF-8 at S; returns its length. */
static size_t
decode(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xe0) {
		*cp = (s[0] & 0x1fu) << 6 | (s[1] & 0x3fu);
		return 2;
	}
	if (s[0] < 0xf0) {
		*cp = (s[0] & 0x0fu) << 12 | (s[1] & 0x3fu) << 6 |
		    (s[2] & 0x3fu);
		return 3;
	}
	*cp = (s[0] & 0x07u) << 18 | (s[1] & 0x3fu) << 12 |
	    (s[2] & 0x3fu) << 6 | (s[3] & 0x3fu);
	return 4;
}

/* What text_clean() promises of its output. */
static void
check_clean(const char *out, int flags, size_t max_chars)
{
	const unsigned char *u = (const unsigned char *)out;
	size_t len = strlen(out), i, n;
	unsigned cp;

	CHECK(text_valid_utf8(out, len));
	CHECK(max_chars == 0 || text_chars(out) <= max_chars);
	CHECK((flags & TEXT_ALLOW_EMPTY) || len > 0);
	for (i = 0; i < len; i += n) {
		n = decode(u + i, &cp);
		if (cp == '\n')
			CHECK(flags & TEXT_MULTILINE);
		else
			CHECK(cp >= 0x20 && !(cp >= 0x7f && cp <= 0x9f));
	}
	if (!(flags & TEXT_KEEP_SPACE) && len > 0) {
		CHECK(u[0] != ' ' && u[0] != '\n');
		CHECK(u[len - 1] != ' ' && u[len - 1] != '\n');
	}
}

/*
 * Grapheme navigation stays within the text and moves the right way; on
 * valid UTF-8 (EXACT), walking back stops at the very places walking
 * forward did.  Invalid bytes (never in a field or on a screen) need only
 * not crash or loop.
 */
static void
check_graphemes(const char *s, size_t len, bool exact)
{
	size_t pos, next, prev, *stops, nstops = 0;

	stops = malloc((len + 1) * sizeof *stops);
	stops[nstops++] = 0;
	for (pos = 0; pos < len; pos = next) {
		next = text_next_grapheme(s, len, pos);
		CHECK(next > pos && next <= len);
		CHECK(!exact || text_prev_grapheme(s, len, next) == pos);
		stops[nstops++] = next;
	}
	CHECK(text_next_grapheme(s, len, len) == len);
	CHECK(text_next_grapheme(s, len, len + 7) == len);
	for (pos = len; pos > 0; pos = prev) {
		prev = text_prev_grapheme(s, len, pos);
		CHECK(prev < pos);
		if (exact) {
			CHECK(nstops >= 2 && stops[nstops - 1] == pos);
			CHECK(stops[--nstops - 1] == prev);
		}
	}
	CHECK(text_prev_grapheme(s, len, 0) == 0);
	CHECK(text_prev_grapheme(s, len, len + 3) ==
	    text_prev_grapheme(s, len, len));
	free(stops);
}

/*
 * Measuring, cutting and wrapping S (NUL-terminated) at several widths.
 * Text that never passed text_clean() (CLEAN false) must not crash or
 * loop, but its lines may hold a CR LF pair, one grapheme cluster.
 */
static void
check_layout(const char *s, bool clean)
{
	size_t len = strlen(s), n, i, fit, pre, max;
	struct text_line *lines;
	char *cut;
	int used, w, j;

	w = text_width(s);
	CHECK(w >= 0 && w == text_width_n(s, len));
	for (j = 0; j < (int)(sizeof widths / sizeof widths[0]); j++) {
		int cols = widths[j];

		fit = text_fit(s, len, cols, &used);
		CHECK(fit <= len && used >= 0 && used <= cols);
		CHECK(used == text_width_n(s, fit));

		cut = text_truncate(s, cols);
		CHECK(cut != NULL);
		CHECK(text_width(cut) <= cols);
		CHECK(strpbrk(cut, "\r\n") == NULL);
		free(cut);

		n = text_wrap(s, cols, &lines);
		CHECK(n >= 1 && lines != NULL);
		for (i = 0; i < n; i++) {
			CHECK(lines[i].start + lines[i].len <= len);
			CHECK(i == 0 || lines[i].start >=
			    lines[i - 1].start + lines[i - 1].len);
			if (!clean)
				continue;
			CHECK(memchr(s + lines[i].start, '\n',
			    lines[i].len) == NULL);
			CHECK(lines[i].width == text_width_n(s +
			    lines[i].start, lines[i].len));
			/* Only a single cluster wider than the line may
			 * pass it, on a line of its own. */
			if (lines[i].width > (cols < 1 ? 1 : cols))
				CHECK(text_next_grapheme(s + lines[i].start,
				    lines[i].len, 0) == lines[i].len);
		}
		free(lines);
	}
	for (max = 0; max < 4; max++) {
		pre = text_prefix_chars(s, len, max);
		CHECK(pre <= len);
		CHECK(pre == 0 || text_next_grapheme(s, len,
		    text_prev_grapheme(s, len, pre)) == pre);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	char *s, *out, *again, *fold, *fold2, *handle, buf[8];
	const char *why;
	enum text_status ts;
	size_t i, max_chars;
	int flags;

	/* A NUL-terminated copy for the functions that take a string. */
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';

	(void)text_valid_utf8(in, size);
	(void)text_chars(s);
	check_graphemes(in, size, text_valid_utf8(in, size));
	check_layout(s, false);

	for (flags = 0; flags < 8; flags++) {
		max_chars = size > 0 ? data[0] % 64 : 0;
		ts = text_clean(in, size, flags, max_chars, &out);
		if (ts != TEXT_OK) {
			CHECK(out == NULL);
			CHECK(ts == TEXT_INVALID_UTF8 || ts == TEXT_EMPTY ||
			    ts == TEXT_TOO_LONG);
			CHECK(*text_status_message(ts) != '\0');
			continue;
		}
		check_clean(out, flags, max_chars);
		check_layout(out, true);
		check_graphemes(out, strlen(out), true);
		/* Clean text stays as it is when cleaned again. */
		ts = text_clean(out, strlen(out), flags, max_chars, &again);
		CHECK(ts == TEXT_OK);
		CHECK(strcmp(out, again) == 0);
		free(again);
		free(out);
	}

	if ((fold = text_fold(s)) != NULL) {
		CHECK(text_valid_utf8(fold, strlen(fold)));
		fold2 = text_fold(fold);
		CHECK(fold2 != NULL && strcmp(fold, fold2) == 0);
		free(fold2);
		free(fold);
	} else
		CHECK(!text_valid_utf8(s, strlen(s)));

	handle = NULL;
	why = NULL;
	if (text_handle_valid(s, &handle, &why)) {
		CHECK(handle != NULL);
		CHECK(strlen(handle) >= 3 && strlen(handle) <= 24);
		CHECK(strspn(handle, "abcdefghijklmnopqrstuvwxyz0123456789_-")
		    == strlen(handle));
		free(handle);
	} else
		CHECK(why != NULL && *why != '\0');

	/* Every four bytes are also a key or a pasted character. */
	for (i = 0; i + 4 <= size; i += 4) {
		wchar_t wc;
		size_t n;

		memcpy(&wc, data + i, sizeof wc);
		memset(buf, 0x55, sizeof buf);
		if ((n = text_encode_key(wc, buf)) > 0) {
			CHECK(n <= 4 && buf[n] == '\0');
			CHECK(text_valid_utf8(buf, n));
			/* text_clean() keeps what a key may type. */
			CHECK(text_clean(buf, n, TEXT_KEEP_SPACE |
			    TEXT_ALLOW_EMPTY, 0, &out) == TEXT_OK);
			free(out);
		}
		if ((n = text_encode_char(wc, buf)) > 0) {
			CHECK(n <= 4 && buf[n] == '\0');
			CHECK(text_valid_utf8(buf, n));
		} else
			CHECK(wc < 0 || wc > 0x10ffff ||
			    (wc >= 0xd800 && wc <= 0xdfff));
	}
	free(s);
	return 0;
}
