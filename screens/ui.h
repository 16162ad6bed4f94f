/*
 * ui.h - the terminal UI: a stack of screens run by one key loop.
 *
 * Each screen is one file in screens/ exporting a `const struct screen`
 * filled with designated initializers; it sets only the operations it
 * needs.  The frame (ui.c) draws the top line (where you are, what is
 * unread), the message line and the key bar, handles resize and terminals
 * smaller than 80x24, and gives keys to the screen on top of the stack.
 * Screens talk to the engine only through store.h, text.h and auth.h.
 */
#ifndef UI_H
#define UI_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

#include "quartier.h"
#include "config.h"
#include "store.h"

#define UI_MIN_ROWS	24
#define UI_MIN_COLS	80

struct ui;
struct view;

/*
 * One key press.  CODE is a curses KEY_* or one of UI_KEY_*; 0 means CH.
 * A bracketed paste arrives whole as one UI_KEY_PASTE, its text in
 * ui->paste: keys inside it are never commands.
 */
struct ui_key {
	int	 code;
	wint_t	 ch;
};
#define UI_KEY_PASTE_BEGIN	(KEY_MAX + 1)
#define UI_KEY_PASTE_END	(KEY_MAX + 2)
#define UI_KEY_TIMER		(KEY_MAX + 3)	/* nothing typed for a while */
#define UI_KEY_PASTE		(KEY_MAX + 4)	/* a whole pasted block */
#define UI_PASTE_MAX		(4 * 1024 * 1024)	/* bytes kept of a paste */
#define UI_KEY_CTRL(c)		((c) & 0x1f)
#define UI_KEY_ESC		27

enum ui_result {
	UI_IGNORED,
	UI_HANDLED,
};

/* A key of a screen, for its key bar and its help page. */
struct ui_keyhelp {
	const char	*key;		/* as printed: "n", "Entrée" is _("Enter") */
	const char	*what;		/* N_() marked, short */
	bool		 in_bar;	/* shown in the key bar (else only in help) */
};

struct screen {
	const char	*name;
	/* Last part of the top line: "Mur"; NULL for the menu. */
	const char	*(*title)(struct ui *, struct view *);
	/* Make the screen's data from ARG; -1 refuses to open (message set). */
	int		 (*enter)(struct ui *, struct view *, void *arg);
	void		 (*draw)(struct ui *, struct view *);
	enum ui_result	 (*key)(struct ui *, struct view *, const struct ui_key *);
	/* The screen above closed, or a board it shows changed: reload. */
	void		 (*resume)(struct ui *, struct view *);
	/* The boards it shows (CHANGE_* of store.h): others' writes there
	 * reload it at the next poll, those elsewhere never do. */
	unsigned	 changes;
	void		 (*leave)(struct ui *, struct view *);
	const struct ui_keyhelp *keys;	/* terminated by a NULL key */
	/* Whether a key of KEYS applies now (an author's keys on someone
	 * else's post do not): the key bar leaves out the others.  NULL: all
	 * apply. */
	bool		 (*key_shown)(struct ui *, struct view *,
			    const struct ui_keyhelp *);
	const char	*help;		/* N_() paragraph for the help page */
	/*
	 * An editor keeps what it holds as a draft (drafts.c): DRAFT_SAVE
	 * sets its fields, what it answers or edits and, if it likes, its
	 * summary, and says false when it holds nothing worth keeping;
	 * DRAFT_OPEN makes the screen's data from a draft kept earlier, as
	 * ENTER does from its argument.  The screen calls ui_draft_done()
	 * when the text is sent or thrown away.
	 */
	bool		 (*draft_save)(struct ui *, struct view *,
			    struct draft *);
	int		 (*draft_open)(struct ui *, struct view *,
			    const struct draft *);
};

struct view {
	const struct screen	*screen;
	void			*data;
	struct view		*below;
	int64_t			 draft_id;	/* its draft in the store, 0 */
	int64_t			 draft_saved_at;
	bool			 draft_dirty;	/* keys came since the save */
	bool			 draft_done;	/* sent or thrown away */
};

enum ui_message_kind {
	UI_INFO,
	UI_ERROR,
};

struct ui {
	struct store		*store;
	const struct config	*config;
	struct viewer		 viewer;
	struct resident		 me;		/* valid when logged_in */
	bool			 logged_in;
	bool			 one_resident;	/* started by quartierd for one */
	int64_t			 last_visit_at;	/* the previous session's
						 * start, 0: none */
	bool			 kiosk;		/* quartier --kiosk */
	bool			 sysop_console;	/* quartier --sysop */
	char			 console_user[64];	/* its system user */
	int64_t			 live_id;	/* this session, online */
	struct menu_counts	 counts;	/* for the top line */
	bool			 counts_read;	/* since the last poll */
	int			 login_failures;
	int			 server_fd;	/* a signup's word to quartierd */
	bool			 web;		/* quartierd's web page: the login
						 * screen asks it (ui_ask_server) */

	struct view		*top;
	int			 rows;
	int			 cols;
	bool			 too_small;
	bool			 colour;
	bool			 quit;
	bool			 in_paste;
	char			*paste;		/* the block of UI_KEY_PASTE */
	size_t			 paste_len;
	size_t			 paste_cap;
	bool			 paste_cut;	/* longer than UI_PASTE_MAX */
	bool			 paste_waiting;	/* ended while too small */
	bool			 input_dropped;	/* bytes not UTF-8, to say */
	bool			 cursor_wanted;	/* a screen placed the cursor */
	int			 cursor_y, cursor_x;
	/* Else the cursor goes to the chosen row: the first drawn in the
	 * selected attribute while the screen draws (braille displays and
	 * screen readers follow the cursor). */
	bool			 marking;	/* the screen is drawing */
	bool			 mark_placed;
	int			 mark_y, mark_x;
	char			 message[512];
	enum ui_message_kind	 message_kind;
};

/* Attributes, with or without colour. */
enum ui_attr {
	UI_ATTR_NORMAL,
	UI_ATTR_BAR,		/* top line and key bar */
	UI_ATTR_TITLE,		/* headings */
	UI_ATTR_SELECTED,	/* the chosen row */
	UI_ATTR_UNREAD,		/* unread marker and titles */
	UI_ATTR_DIM,		/* dates, counts */
	UI_ATTR_ERROR,
	UI_ATTR_PINNED,
	UI_ATTR_INFO,
};

/* The boards the menu's counts and the top line count (store_menu_counts). */
#define UI_COUNTED \
	(CHANGE_WALL | CHANGE_CLASSIFIEDS | CHANGE_LENDING | CHANGE_EVENTS | \
	CHANGE_MAIL)

/* ui.c: the frame */
void	 ui_init(struct ui *, struct store *, const struct config *);
int	 ui_start_terminal(struct ui *);
void	 ui_stop_terminal(struct ui *);
void	 ui_run(struct ui *);
void	 ui_free(struct ui *);
int	 ui_push(struct ui *, const struct screen *, void *arg);
void	 ui_pop(struct ui *);
void	 ui_pop_all(struct ui *);
void	 ui_message(struct ui *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 ui_error(struct ui *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 ui_store_error(struct ui *, int status);
void	 ui_tell_server(struct ui *, const char *event);
/* Ask quartierd QUESTION (a line) and read its answer's line into ANSWER
 * (SIZE bytes, without the newline); -1 when it cannot be asked. */
int	 ui_ask_server(struct ui *, const char *question, char *answer,
	    size_t size);
bool	 ui_read_key(struct ui *, struct ui_key *, int timeout_ms);
/* read.c, for the frame: whether reads now answer Escape to close every
 * dialog (SIGTERM, or a kiosk's idle timeout); whether that timeout came;
 * forget the last resident's keys, for the next one's timer. */
bool	 ui_unwinding(void);
bool	 ui_kiosk_expired(void);
void	 ui_kiosk_forget(void);
/* ui.c: take the terminal's new size. */
void	 ui_resized(struct ui *);
void	 ui_pause(struct ui *, int ms);
void	 ui_redraw(struct ui *);
void	 ui_place_cursor(struct ui *, int y, int x);
int	 ui_body_top(struct ui *);
int	 ui_body_rows(struct ui *);
void	 ui_refresh_counts(struct ui *);
/* A menu count as shown, "99+" from MENU_COUNT_MAX on, into BUF. */
const char *ui_count(int n, char *buf, size_t size);
void	 ui_login(struct ui *, const struct resident *);
void	 ui_logout(struct ui *);

/*
 * input.c: keys from the terminal, one at a time, for ui_read_key().
 * SIGTERM and SIGHUP, and a terminal gone (hung up, EOF, EIO), stop the
 * reading for good: every read answers INPUT_STOP from then on.
 */
enum input_event {
	INPUT_KEY,		/* a key, a character or KEY_RESIZE */
	INPUT_NONE,		/* the wait ended first */
	INPUT_STOP,		/* the program must end */
};
void	 input_start(void);
/* Within WAIT_MS (negative: for ever).  IN_PASTE: escape sequences are
 * left in the text.  Without KEYS nothing typed is read (it waits in the
 * terminal), only a resize or a stop. */
enum input_event input_read(struct ui_key *, int wait_ms, bool in_paste,
	    bool keys);
bool	 input_stopped(void);
size_t	 input_dropped(void);	/* bytes not UTF-8 since the last call */
void	 input_discard(void);	/* drop what was typed and not read */

/*
 * drafts.c: what editors hold, kept in the store as the resident types
 * (at most every STORE_DRAFT_SAVE seconds, and at once on a resize or on
 * the way out), and offered back at the next login.
 */
void	 ui_draft_touch(struct ui *, struct view *);
void	 ui_draft_keep(struct ui *, bool now);
void	 ui_draft_keep_view(struct ui *, struct view *);
void	 ui_draft_done(struct ui *, struct view *);
void	 ui_draft_offer(struct ui *);
/* A field from an editor's text; a field's text, "" when absent. */
struct editor;
void	 ui_draft_field(struct draft *, const char *name,
	    const struct editor *);
const char *ui_draft_text(const struct draft *, const char *name);
/* What the offer calls the draft: its board. */
void	 ui_draft_label(struct draft *, const char *label);
int64_t	 ui_draft_number(const struct draft *, const char *name);

/* widgets.c: drawing and small dialogs */
int	 ui_attr(struct ui *, enum ui_attr);
int	 ui_text(struct ui *, int y, int x, int cols, const char *s, int attr);
int	 ui_text_cut(struct ui *, int y, int x, int cols, const char *s,
	    int attr);
int	 ui_text_right(struct ui *, int y, int x, int cols, const char *s,
	    int attr);
void	 ui_fill(struct ui *, int y, int x, int cols, int attr);
int	 ui_paragraph(struct ui *, int y, int x, int rows, int cols,
	    const char *s, int attr);
int	 ui_paragraph_end(int y, const char *s, int rows, int cols);
bool	 ui_confirm(struct ui *, const char *question);
int	 ui_choose(struct ui *, const char *title, const char *const *options,
	    int n, int current);
int	 ui_choose_filter(struct ui *, const char *title,
	    const char *const *options, int n, int current);
char	*ui_prompt(struct ui *, const char *label, const char *initial,
	    bool masked, size_t max_chars);
bool	 ui_key_is_enter(const struct ui_key *);
bool	 ui_key_is_back(const struct ui_key *);
bool	 ui_key_is_char(const struct ui_key *, wint_t c);
enum ui_result ui_choice_other_key(struct ui *, const struct ui_key *,
	    int n);

/*
 * columns.c: the columns of a list laid out from the width there is.  A
 * list resets its columns, measures every cell of the rows it shows,
 * lays them out, then draws each cell in its column.  Each column takes
 * what its widest cell needs, within MIN and MAX (0: no limit); the one
 * marked UI_COLUMN_FILL (a title) takes the rest, up to its MAX if it has
 * one.  When the width runs short the filling column gives way first,
 * down to its MIN, then the widest of the others.
 */
#define UI_COLUMN_FILL	0x1	/* takes what the others leave */
#define UI_COLUMN_RIGHT	0x2	/* aligned to the right (dates, prices) */
struct ui_column {
	int	 min;		/* columns, at the least */
	int	 max;		/* at the most, 0: no limit */
	int	 flags;
	int	 want;		/* the widest cell measured */
	int	 x;		/* laid out: where it starts */
	int	 width;		/* and its width */
};
void	 ui_columns_reset(struct ui_column *, size_t n);
void	 ui_column_measure(struct ui_column *, const char *cell);
void	 ui_columns_layout(struct ui_column *, size_t n, int x, int width,
	    int gap);
int	 ui_column_draw(struct ui *, int y, const struct ui_column *,
	    const char *cell, int attr);
/* A list's heading, and the number of its PAGE (from 1) at the right. */
void	 ui_list_heading(struct ui *, int y, const char *heading,
	    size_t page);

/*
 * pager.c: a list read a page at a time by key, as every board pages (see
 * store.h), with one row chosen.  The screen fetches the page that starts
 * at ui_pager_start and reports it with ui_pager_loaded; ui_pager_key
 * moves the chosen row and turns the pages.
 */
struct ui_pager {
	struct wall_cursor	*starts;	/* of each page seen */
	size_t			 page;		/* index in STARTS */
	size_t			 selected;	/* row of the page */
	size_t			 count;		/* rows on the page */
	bool			 more;		/* a next page exists */
	struct wall_cursor	 next;		/* where the next page starts */
	bool			 select_last;	/* on the next load */
};
enum ui_pager_action {
	UI_PAGER_IGNORED,	/* not a key of the list */
	UI_PAGER_HANDLED,	/* done: draw again */
	UI_PAGER_LOAD,		/* load the page, then ui_pager_loaded */
	UI_PAGER_OPEN,		/* open the chosen row */
};
void	 ui_pager_init(struct ui_pager *);
void	 ui_pager_free(struct ui_pager *);
void	 ui_pager_first(struct ui_pager *);
const struct wall_cursor *ui_pager_start(const struct ui_pager *);
void	 ui_pager_loaded(struct ui_pager *, size_t count, bool more,
	    const struct wall_cursor *last);
enum ui_pager_action ui_pager_key(struct ui *, struct ui_pager *,
	    const struct ui_key *);

/*
 * list.c: the one list view over the pager, as tig's view_ops.  A list
 * supplies its ops; the screen's data starts with its struct ui_list.
 */
struct ui_list;
struct ui_list_ops {
	size_t	 row_size;		/* of one row of ROWS */
	/* The store gives the list whole (fetch with no key and LIMIT 0):
	 * the list view pages it itself, and needs no row_key. */
	bool	 whole;
	/* Rows that fit on a page. */
	int	 (*page_rows)(struct ui *);
	/* At most LIMIT rows from AFTER on, into *ROWS and *N: a status. */
	int	 (*fetch)(struct ui *, struct ui_list *,
		    const struct wall_cursor *after, int limit, void **rows,
		    size_t *n);
	/* Or every row, for a list the store gives whole (as .whole). */
	int	 (*fetch_whole)(struct ui *, struct ui_list *, void **rows,
		    size_t *n);
	/* The key the page after row I starts from. */
	struct wall_cursor (*row_key)(const struct ui_list *, size_t i);
	void	 (*draw_row)(struct ui *, struct ui_list *, const void *row,
		    int y, bool selected, void *ctx);
	int	 (*row_lines)(struct ui *, const void *row);	/* NULL: 1 */
	/* The heading drawn above ROW (a day, a board) into BUF, or NULL;
	 * PREVIOUS is the row above it on the page, NULL for the first.
	 * With headings, page_rows counts lines, and a page keeps the rows
	 * that fit with theirs. */
	const char *(*heading)(struct ui *, const struct ui_list *,
		    const void *row, const void *previous, char *buf,
		    size_t size);
	int	 heading_indent;	/* columns a heading starts after 1 */
	void	 (*open)(struct ui *, struct ui_list *, void *row);	/* Enter */
	void	 (*free_rows)(void *rows, size_t n);
	/* What ROW is, for ui_list_reload to keep it chosen when the rows
	 * move (new mail above it).  NULL: the chosen place is kept. */
	int64_t	 (*row_id)(const void *row);
};
struct ui_list {
	const struct ui_list_ops *ops;
	struct ui_pager		 pager;
	void			*rows;
	size_t			 fetched;	/* rows in ROWS */
	size_t			 first;		/* of the page, in ROWS */
	size_t			 n;		/* shown: the page */
};
void	 ui_list_init(struct ui_list *, const struct ui_list_ops *);
void	 ui_list_free(struct ui_list *);
void	 ui_list_load(struct ui *, struct ui_list *);
void	 ui_list_reload(struct ui *, struct ui_list *);
void	 ui_list_reload_first(struct ui *, struct ui_list *);
void	 ui_list_set_ops(struct ui_list *, const struct ui_list_ops *);
void	*ui_list_row(const struct ui_list *, size_t i);
void	*ui_list_selected(const struct ui_list *);
void	 ui_list_draw(struct ui *, struct ui_list *, int y, int bottom,
	    void *ctx);
enum ui_result ui_list_key(struct ui *, struct ui_list *,
	    const struct ui_key *);
void	*ui_list_enter(struct ui *, struct view *, const struct ui_list_ops *,
	    size_t size);
void	 ui_list_resume(struct ui *, struct view *);	/* .resume: reload */
void	 ui_list_leave(struct ui *, struct view *);	/* as .leave */

/*
 * doc.c: a document that scrolls, as wrapped lines with an attribute and
 * an indent.  A screen clears it and sets COLS to lay it out again for a
 * new width; lines added take the current BLOCK (a post or a reply, a
 * message), for the screens whose arrows choose one block after another.
 */
struct ui_doc_line {
	char		*text;
	size_t		 block;
	int		 indent;
	enum ui_attr	 attr;
};
struct ui_doc {
	struct ui_doc_line *line;	/* N of them */
	size_t		 n;
	int		 cols;		/* of the layout; 0 to redo it */
	int		 top;		/* first line shown */
	size_t		 block;		/* of the lines added next */
};
#define UI_DOC_UNMARKED	SIZE_MAX	/* ui_doc_draw: mark no block */
void	 ui_doc_clear(struct ui_doc *);
void	 ui_doc_add_line(struct ui_doc *, const char *text, size_t len,
	    int indent, enum ui_attr);
void	 ui_doc_blank(struct ui_doc *);
void	 ui_doc_paragraph(struct ui_doc *, const char *text, int indent,
	    enum ui_attr);
void	 ui_doc_field(struct ui_doc *, const char *label, const char *value,
	    enum ui_attr);
void	 ui_doc_clamp(struct ui_doc *, int rows);
void	 ui_doc_draw(struct ui *, struct ui_doc *, int y, int rows,
	    size_t marked);
enum ui_result ui_doc_key(struct ui_doc *, int rows, const struct ui_key *);
void	 ui_doc_show_block(struct ui_doc *, size_t block, int rows);
enum ui_result ui_doc_block_key(struct ui_doc *, size_t *selected,
	    size_t nblocks, int rows, const struct ui_key *);

/* editor.c: a text field, one line or many */
struct editor {
	char	*buf;
	size_t	 len;
	size_t	 cap;
	size_t	 cursor;		/* byte offset, on a grapheme boundary */
	size_t	 nchars;
	size_t	 max_chars;
	bool	 multiline;
	bool	 masked;
	bool	 changed;
	int	 top;			/* first visible line */
	int	 want_col;		/* column kept by up/down, -1 none */
	int	 left;			/* first visible column, one-line fields */
	int	 width;			/* columns and rows of the last draw, */
	int	 rows;			/* for keys that move by lines */
};
void	 editor_init(struct editor *, bool multiline, size_t max_chars);
void	 editor_set(struct editor *, const char *text);
void	 editor_free(struct editor *);
const char *editor_text(const struct editor *);
bool	 editor_empty(const struct editor *);
enum ui_result editor_key(struct ui *, struct editor *, const struct ui_key *);
void	 editor_draw(struct ui *, struct editor *, int y, int x, int rows,
	    int cols, bool focused);

/* The screens. */
extern const struct screen login_screen;
extern const struct screen menu_screen;
extern const struct screen wall_screen;
extern const struct screen post_screen;
extern const struct screen compose_screen;
extern const struct screen profile_screen;
extern const struct screen keys_screen;
extern const struct screen groups_screen;	/* 7 Groups: the list */
extern const struct screen group_screen;	/* &(int64_t){ id } */
extern const struct screen email_screen;
extern const struct screen help_screen;
/* Signing up: ARG is the SSH key quartierd handed over to attach to the
 * new account (a const struct auth_public_key *, kept by the caller until
 * the screen closes), or NULL to choose a password. */
extern const struct screen signup_screen;
/* All a pending resident can reach: how to get verified. */
extern const struct screen verify_screen;
extern const struct screen neighbours_screen;

/*
 * The boards.  Each opens with a NULL ARG; the screens of one item take
 * &(int64_t){ item id }, as post_screen does, so that a search hit or a
 * mail about an item can open it.
 */
extern const struct screen classifieds_screen;	/* 2 Classifieds */
extern const struct screen classified_screen;	/* one ad */
extern const struct screen lending_screen;	/* 3 Lending and services */
extern const struct screen lending_item_screen;	/* one item and its loans */
extern const struct screen events_screen;	/* 4 Events */
extern const struct screen event_screen;	/* one event */
extern const struct screen mail_screen;		/* 5 Mail: the inbox */
extern const struct screen addresses_screen;	/* 6 Bonnes adresses */
extern const struct screen address_screen;	/* one address */
/* ARG a const struct address_form_request *, or NULL: a new address. */
struct address_form_request {
	const struct address	*address;	/* NULL: a new one */
};
/* Write a message: ARG a const struct mail_compose_request *, or NULL to
 * pick the recipient in the directory. */
extern const struct screen mail_compose_screen;
/* "/" from any screen of a verified resident: ARG NULL. */
extern const struct screen search_screen;
/* The editors whose drafts are kept (the boards' forms are opened from
 * their item screens). */
extern const struct screen ad_form_screen;
extern const struct screen event_form_screen;
extern const struct screen lending_form_screen;
extern const struct screen address_form_screen;
/* What the resident was writing when last here: offered at login. */
extern const struct screen drafts_screen;
/* Moderation, for moderators and sysops: the queue of reports. */
extern const struct screen moderation_screen;
/* The sysop's console (quartier --sysop): the dashboard first. */
extern const struct screen sysop_screen;

/*
 * boards.c: the boards, one row each (see there).  KIND is the store's
 * name of its items (items.kind), NULL for a board of no items (mail);
 * KEY 0 keeps a row off the menu.
 */
struct board {
	const char		*kind;
	wint_t			 key;		/* on the menu, 0: not there */
	const char		*label;		/* N_(), its menu line */
	const struct screen	*list;		/* opened with a NULL ARG */
	const struct screen	*item;		/* &(int64_t){ id }, or NULL */
	/* What waits there, right-aligned on the menu ("3 unread"). */
	void			 (*news)(struct ui *, char *, size_t);
	enum search_board	 search;	/* its group of search hits */
	const char		*target;	/* N_(), in moderation's queue */
	const char		*about;		/* N_(), a mail about an item */
};
extern const struct board boards[];
extern const size_t boards_count;
const struct board *board_of_kind(const char *kind);	/* NULL: none */
const struct board *board_of_search(enum search_board);
/* Open item ID of KIND on its board; false for a kind of no board. */
bool	 board_open_item(struct ui *, const char *kind, int64_t id);

/*
 * poll.c: the poll an item carries, for the item's screen: its lines in
 * a document (nothing when it has none), the vote ("v") and, for the
 * item's author, a new poll ("s").  False when the viewer cannot act.
 */
void	 ui_poll_layout(struct ui *, struct ui_doc *, const struct poll *);
bool	 ui_poll_vote(struct ui *, struct poll *);
bool	 ui_poll_create(struct ui *, int64_t item_id);

/* moderation.c: report TARGET ID, asking the resident for a reason (every
 * board's "!" key). */
void	 ui_report(struct ui *, enum report_target, int64_t id);
/* The questions of every moderation action, from the queue and the
 * console alike: its reason (asked until one is given; NULL: given up),
 * again with what was typed when the store refused it (frees REASON), and
 * how long a suspension lasts (*UNTIL 0: until lifted; false: cancelled). */
char	*ui_mod_reason(struct ui *, const char *question, const char *initial);
char	*ui_mod_reason_again(struct ui *, char *reason);
bool	 ui_mod_suspension(struct ui *, int64_t *until);
/* The moderation log, in the actor's scope: a moderator's quartier, or
 * every quartier for a sysop and the console.  ARG NULL. */
extern const struct screen moderation_log_screen;

struct mail_compose_request {
	int64_t		 to_id;		/* 0: choose */
	const char	*subject;	/* initial subject, may be NULL */
	int64_t		 reply_to;	/* a message of the thread, 0 */
	int64_t		 about_item_id;	/* the ad or item it is about, 0 */
};

/*
 * signup.c: a numbered list of places (cities, or the quartiers of one),
 * chosen with its number or the arrows; signing up and moving house
 * (profile.c) both use it.  Enter is left to the caller.
 */
struct place_picker {
	struct place	*places;
	size_t		 n;
	size_t		 selected;
	size_t		 top;		/* first row shown */
	size_t		 typed;		/* the number being typed, 0: none */
};
void	 place_picker_set(struct place_picker *, struct place *, size_t n);
void	 place_picker_free(struct place_picker *);
const struct place *place_picker_current(const struct place_picker *);
enum ui_result place_picker_key(struct ui *, struct place_picker *,
	    const struct ui_key *);
void	 place_picker_draw(struct ui *, struct place_picker *, int y, int x,
	    int rows, int cols);
bool	 place_picker_load_quartiers(struct ui *,
	    const struct place_picker *cities, struct place_picker *quartiers,
	    int64_t *of);

/* compose.c: what compose_screen is asked to write. */
enum compose_mode {
	COMPOSE_POST,
	COMPOSE_EDIT_POST,
	COMPOSE_REPLY,
	COMPOSE_EDIT_REPLY,
};
struct compose_request {
	enum compose_mode	 mode;
	int64_t			 item_id;	/* post replied to or edited */
	int64_t			 reply_id;	/* reply edited */
	const char		*category;	/* initial values, may be NULL */
	const char		*title;
	const char		*body;
	const char		*context;	/* "Re: title" shown above */
};

#endif
