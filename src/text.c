/*
 * text.c - cleaning, measuring, cutting and wrapping residents' text.
 *
 * The only file of Quartier that calls libunistring.  Widths are the sums of
 * per-character widths from uc_width() (what glibc's wcwidth() and tmux also
 * say: 👍🏽 takes 4 columns), grapheme clusters follow UAX #29 and line breaks
 * UAX #14.
 *
 * libunistring 1.0's u8_grapheme_next() and u8_grapheme_prev() look at two
 * characters at a time, so they split emoji ZWJ sequences (👨‍👩‍👧) and pairs
 * of regional indicators (flags), which need what came before.  The cluster
 * functions here add that context themselves (rules GB11 to GB13) on top of
 * the pairwise uc_is_grapheme_break().
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "quartier.h"
#include "text.h"

#define C_BEL	0x07
#define C_CAN	0x18
#define C_SUB	0x1a
#define C_ESC	0x1b
#define C_DEL	0x7f

#define ELLIPSIS	"\xe2\x80\xa6"	/* U+2026, one column */
#define ELLIPSIS_LEN	3

#define TAB_STOP	8

static const char *reserved_handles[] = {
	"new", "nouveau", "root", "admin", "sysop",
};

/*
 * Characters text never keeps although they are not controls: bidirectional
 * embeddings, overrides and isolates, with which one resident's text could
 * reorder what surrounds it on another resident's screen, and the byte order
 * mark.  ZWJ and the variation selectors stay: emoji need them.
 */
static bool
is_unwanted_format(ucs4_t uc)
{
	return (uc >= 0x202a && uc <= 0x202e) ||
	    (uc >= 0x2066 && uc <= 0x2069) || uc == 0xfeff;
}

/* White space trimmed from both ends of a text. */
static bool
is_blank(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * Decode the character at S[I] (S has LEN bytes, I < LEN).  An invalid byte
 * reads as U+FFFD so that measuring text that never passed text_clean()
 * cannot crash or loop; the length returned is always at least 1.
 */
static size_t
decode(const uint8_t *s, size_t len, size_t i, ucs4_t *uc)
{
	return (size_t)u8_mbtouc(uc, s + i, len - i);
}

/* Start of the character that ends at Q > 0; an invalid byte is its own. */
static size_t
char_before(const uint8_t *s, size_t q)
{
	const uint8_t *p;
	ucs4_t uc;

	if ((p = u8_prev(&uc, s + q, s)) == NULL)
		return q - 1;
	return (size_t)(p - s);
}

/* Columns of one character: controls and other non-printing ones take 0. */
static int
char_width(ucs4_t uc)
{
	int w;

	w = uc_width(uc, "UTF-8");
	return w > 0 ? w : 0;
}

/*
 * End of the grapheme cluster starting at START, which must be a cluster
 * boundary, and its width in *WIDTH (the sum of its characters' widths).
 * The pairwise rules come from uc_is_grapheme_break(); GB11 (an emoji, its
 * extenders, ZWJ, and another emoji) and GB12/GB13 (regional indicators go
 * by pairs) are applied here with the state they need.
 */
static size_t
cluster_next(const uint8_t *s, size_t len, size_t start, int *width)
{
	ucs4_t a, b;
	size_t i;
	int pa, pb;
	bool pict, zwj_after_pict, ri_odd, joined;

	i = start + decode(s, len, start, &a);
	pa = uc_graphemeclusterbreak_property(a);
	pict = uc_is_property_extended_pictographic(a);
	zwj_after_pict = false;
	ri_odd = pa == GBP_RI;
	*width = char_width(a);
	while (i < len) {
		size_t n = decode(s, len, i, &b);

		pb = uc_graphemeclusterbreak_property(b);
		if (pa == GBP_RI && pb == GBP_RI)
			joined = ri_odd;
		else if (zwj_after_pict && uc_is_property_extended_pictographic(b))
			joined = true;
		else
			joined = !uc_is_grapheme_break(a, b);
		if (!joined)
			break;

		zwj_after_pict = pb == GBP_ZWJ && pict;
		if (uc_is_property_extended_pictographic(b))
			pict = true;
		else if (pb != GBP_EXTEND)
			pict = false;
		ri_odd = pb == GBP_RI && !ri_odd;

		*width += char_width(b);
		a = b;
		pa = pb;
		i += n;
	}
	return i;
}

/*
 * Whether a cluster boundary is certain at Q (0 < Q < LEN, a character
 * start) from the characters on both sides alone: the pairwise rules break
 * there and neither GB11 (after a ZWJ) nor GB12/GB13 (between two regional
 * indicators), which depend on what came earlier, can join them.  Walking
 * back to such a place gives a start for cluster_next().
 */
static bool
certain_boundary(const uint8_t *s, size_t len, size_t q)
{
	ucs4_t a, b;
	int pa, pb;

	decode(s, len, char_before(s, q), &a);
	decode(s, len, q, &b);
	pa = uc_graphemeclusterbreak_property(a);
	pb = uc_graphemeclusterbreak_property(b);
	if (pa == GBP_ZWJ || (pa == GBP_RI && pb == GBP_RI))
		return false;
	return uc_is_grapheme_break(a, b);
}

/* The nearest certain cluster boundary at or before POS. */
static size_t
boundary_at_or_before(const uint8_t *s, size_t len, size_t pos)
{
	while (pos > 0 && pos < len && !certain_boundary(s, len, pos))
		pos = char_before(s, pos);
	return pos;
}

/*
 * Index after a control sequence (CSI) whose parameters start at I:
 * parameter and intermediate bytes, then one final byte.  Anything else ends
 * the sequence early and is left to the caller.
 */
static size_t
skip_csi(const uint8_t *s, size_t len, size_t i)
{
	while (i < len && s[i] >= 0x20 && s[i] <= 0x3f)
		i++;
	if (i < len && s[i] >= 0x40 && s[i] <= 0x7e)
		i++;
	return i;
}

/*
 * Index after a control string (OSC, DCS, SOS, PM, APC) whose content starts
 * at I.  It ends with ST (ESC \ or U+009C), or BEL for OSC, or CAN or SUB,
 * which abort it; any other ESC ends it too and is left to the caller as the
 * start of a new sequence.  Unterminated, it runs to the end of the text, as
 * a terminal would swallow it.  Scanning bytes is safe in valid UTF-8: these
 * bytes never occur inside a multibyte character.
 */
static size_t
skip_string(const uint8_t *s, size_t len, size_t i, bool osc)
{
	for (; i < len; i++) {
		if (s[i] == C_ESC)
			return i + 1 < len && s[i + 1] == '\\' ? i + 2 : i;
		if ((osc && s[i] == C_BEL) || s[i] == C_CAN || s[i] == C_SUB)
			return i + 1;
		if (s[i] == 0xc2 && i + 1 < len && s[i + 1] == 0x9c)
			return i + 2;
	}
	return len;
}

/*
 * Index after the escape sequence whose ESC is at I: CSI and the control
 * strings with their whole content, SS2/SS3 with the character they shift,
 * any other one as ESC, intermediate bytes and a final byte (ECMA-35).
 */
static size_t
skip_escape(const uint8_t *s, size_t len, size_t i)
{
	if (++i == len)
		return i;
	switch (s[i]) {
	case '[':
		return skip_csi(s, len, i + 1);
	case ']':
		return skip_string(s, len, i + 1, true);
	case 'P':
	case 'X':
	case '^':
	case '_':
		return skip_string(s, len, i + 1, false);
	case 'N':
	case 'O':
		i++;
		if (i < len && s[i] >= 0x20 && s[i] <= 0x7e)
			i++;
		return i;
	}
	while (i < len && s[i] >= 0x20 && s[i] <= 0x2f)
		i++;
	if (i < len && s[i] >= 0x30 && s[i] <= 0x7e)
		i++;
	return i;
}

/*
 * Index after the C1 control UC (two bytes in UTF-8) at I, with the rest of
 * the sequence it introduces when it is CSI or starts a control string.
 */
static size_t
skip_c1(const uint8_t *s, size_t len, size_t i, ucs4_t uc)
{
	i += 2;
	switch (uc) {
	case 0x9b:
		return skip_csi(s, len, i);
	case 0x9d:
		return skip_string(s, len, i, true);
	case 0x90:
	case 0x98:
	case 0x9e:
	case 0x9f:
		return skip_string(s, len, i, false);
	}
	return i;
}

enum text_status
text_clean(const char *in, size_t len, int flags, size_t max_chars,
    char **out)
{
	const uint8_t *s = (const uint8_t *)in;
	uint8_t *buf, *nfc, *res;
	size_t i, n, o, nfc_len, begin, end, tabs, chars;
	ucs4_t uc;
	int col;

	*out = NULL;

	/* Refuse a huge paste before spending memory on it. */
	if (max_chars > 0 && max_chars < (SIZE_MAX - 4096) / 64 &&
	    len > 64 * max_chars + 4096)
		return TEXT_TOO_LONG;
	if (u8_check(s, len) != NULL)
		return TEXT_INVALID_UTF8;

	/*
	 * Drop escape sequences, controls and unwanted format characters
	 * first: only then do the characters around them meet and can be
	 * normalised together.  The result is never longer than the input.
	 */
	if ((buf = malloc(len + 1)) == NULL)
		return TEXT_NO_MEMORY;
	o = 0;
	for (i = 0; i < len; i += n) {
		n = 1;
		if (s[i] == C_ESC) {
			n = skip_escape(s, len, i) - i;
			continue;
		}
		if (s[i] == '\r') {
			buf[o++] = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				n = 2;
			continue;
		}
		if (s[i] == '\n' || s[i] == '\t') {
			buf[o++] = s[i];
			continue;
		}
		if (s[i] < 0x20 || s[i] == C_DEL)
			continue;
		n = decode(s, len, i, &uc);
		if (uc >= 0x80 && uc <= 0x9f) {
			n = skip_c1(s, len, i, uc) - i;
			continue;
		}
		if (!is_unwanted_format(uc)) {
			memcpy(buf + o, s + i, n);
			o += n;
		}
	}

	nfc = NULL;
	nfc_len = 0;
	if (o > 0) {
		nfc = u8_normalize(UNINORM_NFC, buf, o, NULL, &nfc_len);
		if (nfc == NULL) {
			free(buf);
			return TEXT_NO_MEMORY;
		}
	}
	free(buf);

	begin = 0;
	end = nfc_len;
	if (~flags & TEXT_KEEP_SPACE) {
		while (begin < end && is_blank(nfc[begin]))
			begin++;
		while (end > begin && is_blank(nfc[end - 1]))
			end--;
	}

	/* Expand tabs to the next stop counted from the start of the line. */
	tabs = 0;
	for (i = begin; i < end; i++) {
		if (nfc[i] == '\t')
			tabs++;
	}
	if ((res = malloc(end - begin + tabs * (TAB_STOP - 1) + 1)) == NULL) {
		free(nfc);
		return TEXT_NO_MEMORY;
	}
	o = 0;
	col = 0;
	for (i = begin; i < end; i += n) {
		n = 1;
		if (nfc[i] == '\t') {
			do
				res[o++] = ' ';
			while (++col % TAB_STOP != 0);
		} else if (nfc[i] == '\n' && (flags & TEXT_MULTILINE)) {
			res[o++] = '\n';
			col = 0;
		} else if (nfc[i] == '\n') {
			res[o++] = ' ';
			col++;
		} else {
			n = decode(nfc, end, i, &uc);
			memcpy(res + o, nfc + i, n);
			o += n;
			col += char_width(uc);
		}
	}
	res[o] = '\0';
	free(nfc);

	chars = u8_mbsnlen(res, o);
	if (max_chars > 0 && chars > max_chars) {
		free(res);
		return TEXT_TOO_LONG;
	}
	if (o == 0 && (~flags & TEXT_ALLOW_EMPTY)) {
		free(res);
		return TEXT_EMPTY;
	}
	*out = (char *)res;
	return TEXT_OK;
}

/* TEXT_OK needs no sentence: "". */
const char *
text_status_message(enum text_status status)
{
	switch (status) {
	case TEXT_OK:
		break;
	case TEXT_INVALID_UTF8:
		return _("This text is not valid UTF-8; check your terminal's "
		    "character encoding.");
	case TEXT_EMPTY:
		return _("This field cannot be empty.");
	case TEXT_TOO_LONG:
		return _("This text is too long.");
	case TEXT_NO_MEMORY:
		return _("Out of memory.");
	}
	return "";
}

bool
text_valid_utf8(const char *s, size_t len)
{
	return u8_check((const uint8_t *)s, len) == NULL;
}

/* An invalid byte counts as one character. */
size_t
text_chars(const char *s)
{
	return u8_mbsnlen((const uint8_t *)s, strlen(s));
}

int
text_width(const char *s)
{
	return text_width_n(s, strlen(s));
}

/*
 * The sum of the characters' widths, as the terminal advances the cursor:
 * controls take no column, an invalid byte takes one (it reads as U+FFFD).
 * A width beyond INT_MAX is reported as INT_MAX.
 */
int
text_width_n(const char *s, size_t len)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i, n;
	ucs4_t uc;
	int width = 0, w;

	for (i = 0; i < len; i += n) {
		n = decode(u, len, i, &uc);
		w = char_width(uc);
		if (width > INT_MAX - w)
			return INT_MAX;
		width += w;
	}
	return width;
}

/*
 * Whole grapheme clusters only; a line end (LF or CR) or a NUL (so that LEN
 * may be larger than the string) ends the text to fit.
 */
size_t
text_fit(const char *s, size_t len, int cols, int *used)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i = 0, next;
	int width = 0, w;

	while (i < len && u[i] != '\n' && u[i] != '\r' && u[i] != '\0') {
		next = cluster_next(u, len, i, &w);
		if (w > cols - width)
			break;
		width += w;
		i = next;
	}
	if (used != NULL)
		*used = width;
	return i;
}

/* Line ends (LF, CR) become spaces.  NULL only when out of memory. */
char *
text_truncate(const char *s, int cols)
{
	size_t len, fit;
	char *copy, *p;

	len = cols > 0 ? strlen(s) : 0;	/* no column: "" */
	if ((copy = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	for (p = copy; (p = strpbrk(p, "\r\n")) != NULL; p++)
		*p = ' ';
	if (text_fit(copy, len, cols, NULL) == len)
		return copy;

	fit = text_fit(copy, len, cols - 1, NULL);
	if ((p = realloc(copy, fit + ELLIPSIS_LEN + 1)) == NULL) {
		free(copy);
		return NULL;
	}
	memcpy(p + fit, ELLIPSIS, ELLIPSIS_LEN + 1);
	return p;
}

/* The wrapped lines of a text, growing as text_wrap() finds them. */
struct line_list {
	struct text_line	*lines;
	size_t			 count;
	size_t			 size;
};

static bool
line_add(struct line_list *list, size_t start, size_t end, int width)
{
	struct text_line *l;

	if (list->count == list->size) {
		list->size = list->size == 0 ? 16 : list->size * 2;
		l = realloc(list->lines, list->size * sizeof *l);
		if (l == NULL)
			return false;
		list->lines = l;
	}
	l = &list->lines[list->count++];
	l->start = start;
	l->len = end - start;
	l->width = width;
	return true;
}

/*
 * Greedy wrapping in one pass.  Spaces at the end of a line hang past COLS
 * and are left out of a line broken there; the next line starts after them.
 * A line that ends at a newline or the end of the text keeps its trailing
 * spaces when they fit.  Where no break opportunity is left (a word longer
 * than the line) the line is cut before the cluster that does not fit; a
 * single cluster wider than COLS gets a line of its own.  Lines end at LF
 * only (text_clean() has turned every CR into one).  Returns 0 with *LINES
 * NULL only when out of memory.
 */
size_t
text_wrap(const char *s, int cols, struct text_line **lines)
{
	const uint8_t *u = (const uint8_t *)s;
	struct line_list list = { NULL, 0, 0 };
	char *breaks;
	size_t len, i, next, start, content_end, brk, brk_end;
	int w, width, content_width, brk_width, brk_content_width;
	bool ok = true;

	*lines = NULL;
	if (cols < 1)
		cols = 1;
	len = strlen(s);
	if ((breaks = malloc(len + 1)) == NULL)
		return 0;
	u8_possible_linebreaks(u, len, "UTF-8", breaks);

	/*
	 * WIDTH is the width of [START, I), CONTENT_END and CONTENT_WIDTH
	 * leave out its trailing spaces; BRK is the last break opportunity
	 * after START (none when BRK <= START), with the same measures of
	 * the line before it.
	 */
	start = content_end = brk = brk_end = 0;
	width = content_width = brk_width = brk_content_width = 0;
	for (i = 0; ok && i < len; i = next) {
		if (u[i] == '\n') {
			if (width <= cols)
				ok = line_add(&list, start, i, width);
			else
				ok = line_add(&list, start, content_end,
				    content_width);
			start = content_end = next = i + 1;
			width = content_width = 0;
			continue;
		}
		next = cluster_next(u, len, i, &w);
		if (i > start && breaks[i] == UC_BREAK_POSSIBLE) {
			brk = i;
			brk_end = content_end;
			brk_width = width;
			brk_content_width = content_width;
		}
		if (u[i] != ' ' && i > start && w > cols - width &&
		    brk > start) {
			ok = line_add(&list, start, brk_end, brk_content_width);
			start = brk;
			width -= brk_width;
			if (content_end > brk)
				content_width -= brk_width;
			else {
				content_end = brk;
				content_width = 0;
			}
		}
		if (ok && u[i] != ' ' && i > start && w > cols - width) {
			ok = line_add(&list, start, content_end,
			    content_width);
			start = content_end = i;
			width = content_width = 0;
		}
		width += w;
		if (u[i] != ' ') {
			content_end = next;
			content_width = width;
		}
	}
	if (ok) {
		if (width <= cols)
			ok = line_add(&list, start, len, width);
		else
			ok = line_add(&list, start, content_end, content_width);
	}
	free(breaks);
	if (!ok) {
		free(list.lines);
		return 0;
	}
	*lines = list.lines;
	return list.count;
}

/* POS beyond LEN counts as LEN; from inside a cluster, its end. */
size_t
text_next_grapheme(const char *s, size_t len, size_t pos)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t at;
	int w;

	if (pos >= len)
		return len;
	at = boundary_at_or_before(u, len, pos);
	do
		at = cluster_next(u, len, at, &w);
	while (at <= pos);
	return at;
}

/* POS beyond LEN counts as LEN; from inside a cluster, its start. */
size_t
text_prev_grapheme(const char *s, size_t len, size_t pos)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t at, next;
	int w;

	if (pos > len)
		pos = len;
	if (pos == 0)
		return 0;
	at = boundary_at_or_before(u, len, char_before(u, pos));
	while ((next = cluster_next(u, len, at, &w)) < pos)
		at = next;
	return at;
}

/*
 * The keys that may become text are the characters text_clean() would keep:
 * no controls (Enter and Tab are commands for the screens), no surrogates or
 * non-characters, no bidirectional controls.  BUF is also NUL-terminated.
 */
size_t
text_encode_key(wchar_t wc, char *buf)
{
	int n;

	if (wc < 0x20 || (wc >= C_DEL && wc <= 0x9f) || wc > 0x10ffff ||
	    (wc >= 0xd800 && wc <= 0xdfff) || (wc >= 0xfdd0 && wc <= 0xfdef) ||
	    (wc & 0xfffe) == 0xfffe || is_unwanted_format((ucs4_t)wc))
		return 0;
	n = u8_uctomb((uint8_t *)buf, (ucs4_t)wc, 4);
	buf[n] = '\0';
	return (size_t)n;
}

/*
 * Any Unicode scalar value as UTF-8, controls included: for putting back
 * together a pasted block, which text_clean() then cleans as a whole so
 * that an escape sequence inside it goes away entirely.
 */
size_t
text_encode_char(wchar_t wc, char *buf)
{
	int n;

	if (wc < 0 || wc > 0x10ffff || (wc >= 0xd800 && wc <= 0xdfff))
		return 0;
	n = u8_uctomb((uint8_t *)buf, (ucs4_t)wc, 4);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return (size_t)n;
}

bool
text_decode_byte(struct text_decoder *d, unsigned char byte, wchar_t *wc)
{
	ucs4_t uc;
	int n;

	for (;;) {
		d->buf[d->len++] = byte;
		n = u8_mbtoucr(&uc, d->buf, d->len);
		if (n > 0) {
			d->len = 0;
			*wc = (wchar_t)uc;
			return true;
		}
		if (n == -2 && d->len < sizeof d->buf)
			return false;
		/* Not UTF-8.  Alone, BYTE goes; after others, they go and
		 * BYTE may begin a character of its own. */
		if (d->len == 1) {
			d->len = 0;
			d->dropped++;
			return false;
		}
		d->dropped += d->len - 1;
		d->len = 0;
	}
}

void
text_decode_drop(struct text_decoder *d)
{
	d->dropped += d->len;
	d->len = 0;
}

/* Bytes of S (of LEN bytes) holding at most MAX_CHARS characters, ending
 * between grapheme clusters. */
size_t
text_prefix_chars(const char *s, size_t len, size_t max_chars)
{
	size_t pos = 0, next, chars = 0, i;

	while (pos < len) {
		next = text_next_grapheme(s, len, pos);
		for (i = pos; i < next; i++) {
			if (((unsigned char)s[i] & 0xc0) != 0x80)
				chars++;
		}
		if (chars > max_chars)
			break;
		pos = next;
	}
	return pos;
}

/*
 * Ligatures that neither case folding nor compatibility decomposition
 * splits, but that French readers type both ways: "œuvre" and "oeuvre".
 * (ß becomes "ss" and ĳ "ij" on the way already.)
 */
static const char *
fold_ligature(ucs4_t uc)
{
	switch (uc) {
	case 0x0153:		/* œ; Œ was folded to it */
		return "oe";
	case 0x00e6:		/* æ; Æ was folded to it */
		return "ae";
	}
	return NULL;
}

/*
 * Case fold into NFKD, so that every accent is a separate mark and
 * compatibility forms (ligatures ﬁ and ĳ, full-width letters) are split, drop
 * the marks, expand œ and æ, then compose again (Hangul syllables come back
 * whole).  The text shrinks at each step, so it is rewritten in place.
 */
char *
text_fold(const char *s)
{
	const uint8_t *u = (const uint8_t *)s;
	uint8_t *folded, *result, *p;
	size_t len, folded_len, result_len, i, o, n;
	const char *lig;
	ucs4_t uc;

	len = strlen(s);
	if (u8_check(u, len) != NULL)
		return NULL;
	if (len == 0)
		return strdup("");
	folded = u8_casefold(u, len, NULL, UNINORM_NFKD, NULL, &folded_len);
	if (folded == NULL)
		return NULL;
	o = 0;
	for (i = 0; i < folded_len; i += n) {
		n = decode(folded, folded_len, i, &uc);
		if (uc_is_general_category(uc, UC_CATEGORY_M))
			continue;
		if ((lig = fold_ligature(uc)) != NULL) {
			memcpy(folded + o, lig, 2);
			o += 2;
		} else {
			memmove(folded + o, folded + i, n);
			o += n;
		}
	}
	if (o == 0) {
		free(folded);
		return strdup("");
	}
	result = u8_normalize(UNINORM_NFC, folded, o, NULL, &result_len);
	free(folded);
	if (result == NULL)
		return NULL;
	if ((p = realloc(result, result_len + 1)) == NULL) {
		free(result);
		return NULL;
	}
	p[result_len] = '\0';
	return (char *)p;
}

static bool
is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_handle_char(char c)
{
	return is_ascii_letter(c) || (c >= '0' && c <= '9') || c == '-' ||
	    c == '_';
}

/*
 * Handles go into addresses and commands, hence plain ASCII.  The reserved
 * ones are words the screens and the operator's tools give a meaning to.
 */
bool
text_handle_valid(const char *s, char **out, const char **why)
{
	char lower[QUARTIER_HANDLE_MAX + 1];
	size_t len, i;

	*out = NULL;
	*why = NULL;
	len = strlen(s);
	for (i = 0; i < len && is_handle_char(s[i]); i++)
		continue;
	if (i < len || (len > 0 && !is_ascii_letter(s[0]))) {
		*why = _("A handle uses only letters a-z, digits, '-' and '_', "
		    "and starts with a letter.");
		return false;
	}
	if (len < QUARTIER_HANDLE_MIN || len > QUARTIER_HANDLE_MAX) {
		*why = _("A handle has 3 to 24 characters.");
		return false;
	}
	for (i = 0; i <= len; i++)
		lower[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i];
	for (i = 0; i < sizeof reserved_handles / sizeof *reserved_handles; i++) {
		if (strcmp(lower, reserved_handles[i]) == 0) {
			*why = _("This handle is reserved.");
			return false;
		}
	}
	if ((*out = strdup(lower)) == NULL) {
		*why = _("Out of memory.");
		return false;
	}
	return true;
}

/* The words of S, folded, for matching whole words (text.h). */
char *
text_fold_words(const char *s)
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
