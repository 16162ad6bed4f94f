/*
 * text.h - the only door between residents' text and the rest of Quartier.
 *
 * Everything a resident types passes text_clean() on the way in: valid UTF-8,
 * NFC, no control characters or terminal escape sequences (a newline is kept
 * where allowed, a tab becomes spaces), bounded length.  Everything shown on a
 * screen is measured in display columns with text_width(), cut with
 * text_fit()/text_truncate() and wrapped with text_wrap(), never in bytes.
 * text.c is the only file that calls libunistring.
 */
#ifndef TEXT_H
#define TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum text_status {
	TEXT_OK = 0,
	TEXT_INVALID_UTF8,	/* bytes that are not UTF-8 */
	TEXT_EMPTY,		/* nothing left once cleaned */
	TEXT_TOO_LONG,		/* more characters (or lines) than allowed */
	TEXT_NO_MEMORY,
};

/* Flags for text_clean(). */
#define TEXT_MULTILINE	0x1	/* keep newlines (otherwise they become spaces) */
#define TEXT_ALLOW_EMPTY 0x2	/* an empty result is not an error */
#define TEXT_KEEP_SPACE	0x4	/* do not trim leading/trailing white space */

/*
 * Clean LEN bytes of IN into a new NUL-terminated string in *OUT (to free()).
 * At most MAX_CHARS characters remain acceptable (0: no limit).  On any
 * status but TEXT_OK, *OUT is NULL and nothing was allocated.
 */
enum text_status text_clean(const char *in, size_t len, int flags,
	    size_t max_chars, char **out);

/* A sentence for the resident, translated, for a status from text_clean(). */
const char *text_status_message(enum text_status);

/* Whether LEN bytes of S are valid UTF-8 (no overlongs, no surrogates). */
bool	text_valid_utf8(const char *s, size_t len);

/* Number of characters (code points) in the NUL-terminated UTF-8 string S. */
size_t	text_chars(const char *s);

/* Display width of S in terminal columns (the source of width for layout). */
int	text_width(const char *s);
int	text_width_n(const char *s, size_t len);

/*
 * Bytes of S (at most LEN) that fit in COLS columns without cutting a
 * character or a grapheme cluster (a letter and its combining marks, an emoji
 * and its modifier).  *USED, when not NULL, gets the columns they take.
 */
size_t	text_fit(const char *s, size_t len, int cols, int *used);

/*
 * A copy of S cut to at most COLS columns; when something was cut, the copy
 * ends with an ellipsis "…" (counted within COLS).  Newlines become spaces.
 */
char	*text_truncate(const char *s, int cols);

/*
 * One line of wrapped text: LEN bytes of the source starting at START (the
 * newline that ended it is not included), WIDTH columns.
 */
struct text_line {
	size_t	start;
	size_t	len;
	int	width;
};

/*
 * Wrap S into lines of at most COLS columns, breaking at line-break
 * opportunities (UAX #14); a word longer than a line is cut between grapheme
 * clusters; a newline always ends a line.  Returns the number of lines and
 * sets *OUT (to free()); an empty string gives one empty line.
 */
size_t	text_wrap(const char *s, int cols, struct text_line **out);

/* Byte offset of the grapheme cluster after / before POS in S (of LEN bytes). */
size_t	text_next_grapheme(const char *s, size_t len, size_t pos);
size_t	text_prev_grapheme(const char *s, size_t len, size_t pos);

/* Encode one wide character read from the keyboard as UTF-8 into BUF (>= 5
 * bytes); returns the byte count, 0 for a character that is not allowed in
 * text (control characters, surrogates, non-characters). */
size_t	text_encode_key(wchar_t wc, char *buf);

/* Encode any scalar value, controls included (to rebuild a paste before
 * it is cleaned); 0 for surrogates and values past U+10FFFF. */
size_t	text_encode_char(wchar_t wc, char *buf);

/*
 * UTF-8 read one byte at a time, as a terminal sends it.  A character whose
 * bytes have not all come is kept for the next byte, however long that
 * takes; bytes that cannot be UTF-8 (a Latin-1 "é", a sequence cut short)
 * are dropped and counted in DROPPED, and the byte that showed it starts
 * afresh.  Start from a zeroed decoder.
 */
struct text_decoder {
	unsigned char	 buf[4];
	size_t		 len;		/* bytes of a character begun */
	size_t		 dropped;	/* bytes dropped so far */
};
/* Give BYTE; true when it completed a character, in *WC. */
bool	text_decode_byte(struct text_decoder *, unsigned char byte,
	    wchar_t *wc);
/* Drop the character begun, if any (something other than a byte came). */
void	text_decode_drop(struct text_decoder *);

/* Bytes of S (at most LEN) that hold at most MAX_CHARS characters without
 * cutting a grapheme cluster. */
size_t	text_prefix_chars(const char *s, size_t len, size_t max_chars);

/*
 * Fold S for search: lower case, accents and other marks removed, ligatures
 * expanded (œ → oe, æ → ae, ß → ss), NFC-independent.  "Élève" and "eleve"
 * fold to the same string.  Returns a new string (to free()), NULL on invalid
 * UTF-8.
 */
char	*text_fold(const char *s);

/*
 * Fold S (as text_fold does) and reduce it to its words, each followed by
 * one space and the whole preceded by one: " espece d idiot ".  Any run of
 * characters that are neither letters nor digits separates words, so that
 * a listed expression is found however it is spaced or punctuated, and a
 * listed word only whole.  A new string, NULL on invalid UTF-8.
 */
char	*text_fold_words(const char *s);

/* Handles are ASCII: 3..24 of [a-z0-9_-], starting with a letter.  Returns a
 * lower-case copy in *OUT or a translated reason in *WHY. */
bool	text_handle_valid(const char *s, char **out, const char **why);

#endif
