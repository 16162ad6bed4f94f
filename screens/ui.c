/*
 * ui.c - the frame every screen runs in: the terminal, the screen stack,
 * the key loop, the top line, the message line and the key bar.
 */
#include "build-config.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <time.h>
#include <unistd.h>

#include "ui.h"
#include "text.h"

/* The widest a part of the top line's path may be, in columns. */
#define UI_CRUMB_MAX	28
/* The resident's name keeps at least this much of the top line. */
#define UI_TOP_NAME_MIN	24

/* How long the key loop waits before looking for others' changes. */
#define UI_POLL_MS	3000
#define UI_QUIET_REDRAW_S	60	/* see ui_run() */

/* When this process last touched its live session (one UI a process). */
static int64_t live_seen;

void
ui_init(struct ui *ui, struct store *store, const struct config *config)
{
	memset(ui, 0, sizeof *ui);
	ui->store = store;
	ui->config = config;
	ui->server_fd = -1;
}

/*
 * Tell quartierd that EVENT happened ("signed-up": the signup form was
 * sent, so the session now counts as a resident's), on the descriptor
 * it handed over.  Nothing happens without one, as at a local terminal.
 */
void
ui_tell_server(struct ui *ui, const char *event)
{
	char line[64];
	int n;

	if (ui->server_fd < 0)
		return;
	n = snprintf(line, sizeof line, "%s\n", event);
	if (n > 0 && write(ui->server_fd, line, (size_t)n) != n) {
		close(ui->server_fd);
		ui->server_fd = -1;
	}
}

int
ui_ask_server(struct ui *ui, const char *question, char *answer, size_t size)
{
	size_t len = strlen(question), got = 0;
	ssize_t n;

	if (ui->server_fd < 0 || size == 0)
		return -1;
	while (got < len) {
		if ((n = write(ui->server_fd, question + got, len - got)) < 0 &&
		    errno == EINTR)
			continue;
		if (n <= 0)
			goto gone;
		got += (size_t)n;
	}
	/* One line, read a byte at a time: nothing after it is taken. */
	for (got = 0; got < size - 1;) {
		if ((n = read(ui->server_fd, answer + got, 1)) < 0 &&
		    errno == EINTR)
			continue;
		if (n <= 0)
			goto gone;
		if (answer[got] == '\n') {
			answer[got] = '\0';
			return 0;
		}
		got++;
	}
gone:
	close(ui->server_fd);
	ui->server_fd = -1;
	return -1;
}

/*
 * Find a terminal description for TERM: the resident's own when the
 * server knows it, else a common one that nearly every terminal emulates.
 * A client such as xterm-ghostty or xterm-kitty must get a working screen,
 * not an error.
 */
static const char *
ui_pick_terminal(void)
{
	static const char *fallbacks[] = { "xterm-256color", "xterm", "vt100" };
	const char *term = getenv("TERM");
	size_t i;
	int err;

	if (term != NULL && *term != '\0' && setupterm(term, 1, &err) == OK) {
		del_curterm(cur_term);
		return term;
	}
	for (i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
		if (setupterm(fallbacks[i], 1, &err) == OK) {
			del_curterm(cur_term);
			setenv("TERM", fallbacks[i], 1);
			return fallbacks[i];
		}
	}
	return NULL;
}

static void
ui_start_colour(struct ui *ui)
{
	const char *no_colour = getenv("NO_COLOR");

	ui->colour = has_colors() && (no_colour == NULL || *no_colour == '\0');
	if (!ui->colour)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);		/* bars */
	init_pair(2, COLOR_RED, -1);			/* errors */
	init_pair(3, COLOR_YELLOW, -1);			/* pinned */
	init_pair(4, COLOR_CYAN, -1);			/* dim */
	init_pair(5, COLOR_GREEN, -1);			/* info */
	init_pair(6, COLOR_BLACK, COLOR_CYAN);		/* selected */
}

/*
 * Keys that terminals send whatever their TERM says: PuTTY and tmux send
 * Home as ESC [ 1 ~ while xterm's description says ESC O H, and so on.
 * Unrecognised, such a sequence would arrive as Escape (go back) followed
 * by stray characters.
 */
static void
ui_define_common_keys(void)
{
	static const struct {
		const char	*seq;
		int		 key;
	} keys[] = {
		{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME },
		{ "\033[H", KEY_HOME }, { "\033OH", KEY_HOME },
		{ "\033[4~", KEY_END }, { "\033[8~", KEY_END },
		{ "\033[F", KEY_END }, { "\033OF", KEY_END },
		{ "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
		{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
		{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },
		{ "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
		{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },
		{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
		{ "\033[Z", KEY_BTAB },
		{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) },
		{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) },
		{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) },
	};
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (key_defined(keys[i].seq) == 0)
			define_key(keys[i].seq, keys[i].key);
	}
}

int
ui_start_terminal(struct ui *ui)
{
	const char *term;

	if ((term = ui_pick_terminal()) == NULL) {
		fprintf(stderr, "%s\n", _("quartier: no usable terminal "
		    "description (install ncurses-base)"));
		return -1;
	}
	input_start();
	if (newterm(term, stdout, stdin) == NULL) {
		fprintf(stderr, _("quartier: cannot use terminal %s\n"), term);
		return -1;
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(100);
	ui_define_common_keys();
	/* Bracketed paste: a pasted block arrives as text, never as commands. */
	define_key("\033[200~", UI_KEY_PASTE_BEGIN);
	define_key("\033[201~", UI_KEY_PASTE_END);
	fputs("\033[?2004h", stdout);
	fflush(stdout);
	ui_start_colour(ui);
	getmaxyx(stdscr, ui->rows, ui->cols);
	ui->too_small = ui->rows < UI_MIN_ROWS || ui->cols < UI_MIN_COLS;
	return 0;
}

void
ui_stop_terminal(struct ui *ui)
{
	erase();
	refresh();
	endwin();
	fputs("\033[?2004l", stdout);
	fflush(stdout);
}

/*
 * Who is online: one row per logged-in resident, for the sysop's
 * dashboard.  Nothing is shown to residents from it.  The console itself
 * is nobody's session and records nothing.
 */
static void
ui_live_start(struct ui *ui)
{
	enum live_origin origin;
	const char *source;

	if (ui->sysop_console || ui->live_id != 0)
		return;
	source = getenv("QUARTIER_SOURCE");
	if (ui->kiosk)
		origin = LIVE_KIOSK;
	else if (ui->one_resident)
		origin = LIVE_SSH;
	else
		origin = LIVE_TERMINAL;
	if (store_live_start(ui->store, ui->me.id, (int)getpid(), origin,
	    origin == LIVE_SSH ? source : NULL, &ui->live_id) != STORE_OK)
		ui->live_id = 0;
	live_seen = now_seconds();
}

/* Say the session is still there, once a minute when the clock's minute
 * turns (store_live_due); a row cleaned up as stale meanwhile (the
 * machine slept) is made again. */
static void
ui_live_touch(struct ui *ui)
{
	int64_t now = now_seconds();

	if (!ui->logged_in || ui->sysop_console ||
	    !store_live_due(live_seen, now))
		return;
	live_seen = now;
	if (ui->live_id == 0 ||
	    store_live_touch(ui->store, ui->live_id) == STORE_NOT_FOUND) {
		ui->live_id = 0;
		ui_live_start(ui);
	}
}

static void
ui_live_end(struct ui *ui)
{
	if (ui->live_id != 0)
		store_live_end(ui->store, ui->live_id);
	ui->live_id = 0;
}

void
ui_free(struct ui *ui)
{
	ui_live_end(ui);
	ui_pop_all(ui);
	free(ui->paste);
	resident_clear(&ui->me);
}

int
ui_push(struct ui *ui, const struct screen *screen, void *arg)
{
	struct view *view;

	view = xcalloc(1, sizeof *view);
	view->screen = screen;
	view->below = ui->top;
	if (screen->enter != NULL && screen->enter(ui, view, arg) != 0) {
		free(view);
		return -1;
	}
	ui->top = view;
	return 0;
}

static void
ui_drop_top(struct ui *ui)
{
	struct view *view = ui->top;

	if (view == NULL)
		return;
	/* Whatever takes the view away (the way out, a logout, a kiosk's
	 * timeout), what it held is kept unless it was sent or thrown
	 * away. */
	ui_draft_keep_view(ui, view);
	ui->top = view->below;
	if (view->screen->leave != NULL)
		view->screen->leave(ui, view);
	free(view);
}

void
ui_pop(struct ui *ui)
{
	ui_drop_top(ui);
	if (ui->top != NULL && ui->top->screen->resume != NULL)
		ui->top->screen->resume(ui, ui->top);
}

void
ui_pop_all(struct ui *ui)
{
	while (ui->top != NULL)
		ui_drop_top(ui);
}

static void
ui_vmessage(struct ui *ui, enum ui_message_kind kind, const char *fmt,
    va_list ap)
{
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	ui->message_kind = kind;
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_vmessage(ui, UI_INFO, fmt, ap);
	va_end(ap);
}

void
ui_error(struct ui *ui, const char *fmt, ...)
{
	char previous[sizeof ui->message];
	bool again;
	va_list ap;

	memcpy(previous, ui->message, sizeof previous);
	again = ui->message_kind == UI_ERROR;
	va_start(ap, fmt);
	ui_vmessage(ui, UI_ERROR, fmt, ap);
	va_end(ap);
	/* One bell per error, not one per key of a paste that overflows. */
	if (!again || strcmp(previous, ui->message) != 0)
		beep();
}

void
ui_store_error(struct ui *ui, int status)
{
	ui_error(ui, "%s", store_message(ui->store, status));
}

int
ui_body_top(struct ui *ui)
{
	return 1;
}

/* Rows between the top line and the message line. */
int
ui_body_rows(struct ui *ui)
{
	return ui->rows - 3;
}

void
ui_place_cursor(struct ui *ui, int y, int x)
{
	ui->cursor_wanted = true;
	ui->cursor_y = y;
	ui->cursor_x = x;
}

void
ui_refresh_counts(struct ui *ui)
{
	ui->counts_read = true;
	if (ui->logged_in &&
	    store_menu_counts(ui->store, &ui->viewer, &ui->counts) != STORE_OK)
		memset(&ui->counts, 0, sizeof ui->counts);
}

/*
 * The path of the top line: "Strasbourg › Krutenau › Mur › <post> › Reply".
 * When it does not fit in COLS columns, the middle parts give way to "…"
 * first: where you are now must always show.  A middle part keeps at most
 * UI_CRUMB_MAX columns; the last one, where you are, has all the room the
 * others leave it (COLS 0: the shortest form, to measure it).
 */
static void
ui_top_path(struct ui *ui, char *out, size_t size, int cols)
{
	const char *titles[16], *parts[16];
	struct view *v;
	size_t n = 0, i, drop, used;
	char *part;
	int room;

	for (v = ui->top; v != NULL && n < 16; v = v->below) {
		if (v->screen->title != NULL)
			titles[n++] = v->screen->title(ui, v);
	}
	for (i = 0; i < n; i++)		/* from the bottom of the stack up */
		parts[i] = titles[n - 1 - i];
	for (drop = 0; ; drop++) {
		/* Past every middle part, the city goes: the quartier and
		 * the screen are what say where you are. */
		if (ui->logged_in && drop > n)
			used = snprintf(out, size, " %s", ui->me.quartier);
		else if (ui->logged_in)
			used = snprintf(out, size, " %s › %s", ui->me.city,
			    ui->me.quartier);
		else if (ui->sysop_console)
			used = snprintf(out, size, " %s", _("Console sysop"));
		else
			used = snprintf(out, size, " Quartier");
		if (drop > 0 && n > 1 && used < size)
			used += snprintf(out + used, size - used, " › …");
		for (i = drop < n ? drop : n - 1; i < n && used < size; i++) {
			room = UI_CRUMB_MAX;
			if (i == n - 1 && cols - text_width(out) - 3 > room)
				room = cols - text_width(out) - 3;
			part = text_truncate(parts[i], room);
			used += snprintf(out + used, size - used, " › %s",
			    part != NULL ? part : "");
			free(part);
		}
		if (text_width(out) <= cols || drop > n || n == 0)
			return;
	}
}

/* Add PIECE to OUT when the whole still fits in MAX columns. */
static void
ui_top_add(char *out, size_t size, const char *piece, int max)
{
	size_t used = strlen(out);

	if (used + strlen(piece) + 1 < size &&
	    text_width(out) + text_width(piece) <= max)
		snprintf(out + used, size - used, "%s", piece);
}

/* A count of the menu as shown: MENU_COUNT_MAX and more are "99+". */
const char *
ui_count(int n, char *buf, size_t size)
{
	if (n >= MENU_COUNT_MAX)
		snprintf(buf, size, "%d+", MENU_COUNT_MAX - 1);
	else
		snprintf(buf, size, "%d", n);
	return buf;
}

/*
 * Who you are and what waits for you, in MAX columns: the name, whole
 * unless it alone is wider than UI_TOP_NAME_MIN and room is short, then
 * new mail (it must show within a few seconds wherever you are), overdue
 * loans and the wall, each piece whole or not at all.
 */
static void
ui_top_news(struct ui *ui, char *out, size_t size, int max)
{
	const struct menu_counts *c = &ui->counts;
	char news[256], piece[256], num[16], *name;
	int room, nw = text_width(ui->me.display_name);

	news[0] = '\0';
	room = max - (nw < UI_TOP_NAME_MIN ? nw : UI_TOP_NAME_MIN) - 1;
	if (c->mail_unread > 0) {
		snprintf(piece, sizeof piece, ngettext(" · %s new message",
		    " · %s new messages", c->mail_unread),
		    ui_count(c->mail_unread, num, sizeof num));
		ui_top_add(news, sizeof news, piece, room);
	}
	if (c->loans_overdue > 0) {
		snprintf(piece, sizeof piece, ngettext(" · %d loan overdue",
		    " · %d loans overdue", c->loans_overdue),
		    c->loans_overdue);
		ui_top_add(news, sizeof news, piece, room);
	}
	if (c->wall_unread > 0) {
		snprintf(piece, sizeof piece, ngettext(" · %s unread",
		    " · %s unread", c->wall_unread),
		    ui_count(c->wall_unread, num, sizeof num));
		ui_top_add(news, sizeof news, piece, room);
	}
	/* The name has what the news leave it. */
	room = max - text_width(news) - 1;
	name = room >= 4 ? text_truncate(ui->me.display_name, room) : NULL;
	if (room < 4)		/* no name: no separator before the news */
		snprintf(out, size, " %s ", news[0] != '\0' ?
		    news + strlen(" · ") : "");
	else
		snprintf(out, size, "%s%s ", name != NULL ? name :
		    ui->me.display_name, news);
	free(name);
}

/* The top line: where you are on the left, who you are and what is unread
 * on the right. */
static void
ui_draw_top(struct ui *ui)
{
	char left[1024], right[256];
	int attr = ui_attr(ui, UI_ATTR_BAR), rw, reserve;

	/*
	 * Who you are and what waits for you come first: they take what
	 * they need, leaving the path at least its shortest form (the
	 * quartier, "…" and the screen) up to a third of the line.  The
	 * path then fits itself into what is left, dropping middle parts
	 * first and ending with "…" if it must.
	 */
	ui_top_path(ui, left, sizeof left, 0);
	reserve = text_width(left);
	if (reserve > ui->cols / 3)
		reserve = ui->cols / 3;
	right[0] = '\0';
	if (ui->logged_in)
		ui_top_news(ui, right, sizeof right, ui->cols - reserve - 1);
	else if (ui->sysop_console)
		snprintf(right, sizeof right, "%s ", ui->console_user);
	rw = text_width(right);
	if (rw > ui->cols - 1)
		rw = ui->cols - 1;
	ui_top_path(ui, left, sizeof left, ui->cols - rw - 1);
	ui_fill(ui, 0, 0, ui->cols, attr);
	ui_text_cut(ui, 0, 0, ui->cols - rw - 1, left, attr);
	ui_text_right(ui, 0, ui->cols - rw, rw, right, attr);
}

static bool
ui_key_is_help(const struct ui_keyhelp *k)
{
	return strcmp(k->key, "?") == 0 || strcmp(k->key, "F1") == 0;
}

/* The key that leaves the screen: back, cancel, log out or quit. */
static bool
ui_key_goes_back(const struct ui_keyhelp *k)
{
	return strcmp(k->key, "q") == 0 || strcmp(k->key, "Esc") == 0;
}

/* Draw " KEY WHAT " ending at column RIGHT; returns where it starts. */
static int
ui_draw_key_right(struct ui *ui, int y, int right, const struct ui_keyhelp *k,
    int attr)
{
	char item[128];
	int x;

	snprintf(item, sizeof item, " %s %s ", _(k->key), _(k->what));
	x = right - text_width(item);
	if (x < 0)
		x = 0;
	ui_text(ui, y, x, right - x, item, attr);
	return x;
}

/*
 * The key bar: the screen's main keys from the left; at the right end its
 * help key and, before it, the key that goes back, so that neither a long
 * translation nor a screen with many keys ever hides how to get out.
 */
static void
ui_draw_keys(struct ui *ui)
{
	const struct ui_keyhelp *k, *help = NULL, *back = NULL;
	int y = ui->rows - 1, x = 0, w, right = ui->cols, bar;
	char item[128];

	bar = ui_attr(ui, UI_ATTR_BAR);
	ui_fill(ui, y, 0, ui->cols, bar);
	if (ui->top == NULL || ui->top->screen->keys == NULL)
		return;
	for (k = ui->top->screen->keys; k->key != NULL; k++) {
		if (ui->top->screen->key_shown != NULL &&
		    !ui->top->screen->key_shown(ui, ui->top, k))
			continue;
		if (help == NULL && k->in_bar && ui_key_is_help(k))
			help = k;
		else if (back == NULL && ui_key_goes_back(k))
			back = k;
	}
	if (help != NULL)
		right = ui_draw_key_right(ui, y, right, help, bar);
	if (back != NULL)
		right = ui_draw_key_right(ui, y, right, back, bar);
	for (k = ui->top->screen->keys; k->key != NULL; k++) {
		if (!k->in_bar || k == help || k == back)
			continue;
		if (ui->top->screen->key_shown != NULL &&
		    !ui->top->screen->key_shown(ui, ui->top, k))
			continue;
		snprintf(item, sizeof item, " %s %s ", _(k->key), _(k->what));
		w = text_width(item);
		if (x + w > right)
			break;
		x += ui_text(ui, y, x, right - x, item, bar);
	}
}

/* What a window below the minimum says, wrapped to its width and
 * centred in its height as far as they allow. */
static void
ui_draw_too_small(struct ui *ui)
{
	char size[256], need[256];
	const char *say[3] = { size, need, _("Nothing you type is lost: it "
	    "waits for a window large enough.") };
	struct text_line *wrapped;
	int i, y, used = 0;

	if (ui->cols < 1 || ui->rows < 1)
		return;
	snprintf(size, sizeof size, _("This window is too small: %dx%d."),
	    ui->cols, ui->rows);
	snprintf(need, sizeof need, _("Please enlarge it to at least %dx%d."),
	    UI_MIN_COLS, UI_MIN_ROWS);
	for (i = 0; i < 3; i++) {
		used += (int)text_wrap(say[i], ui->cols, &wrapped);
		free(wrapped);
	}
	y = used < ui->rows ? (ui->rows - used) / 2 : 0;
	for (i = 0; i < 3 && y < ui->rows; i++)
		y += ui_paragraph(ui, y, 0, ui->rows - y, ui->cols, say[i],
		    i == 0 ? ui_attr(ui, UI_ATTR_ERROR) : (int)A_NORMAL);
}

/*
 * The message line.  A sentence too long for it (a store's reason, in a
 * long translation) takes the row above as well rather than lose its end.
 */
static void
ui_draw_message(struct ui *ui)
{
	int attr = ui_attr(ui, ui->message_kind == UI_ERROR ? UI_ATTR_ERROR :
	    UI_ATTR_INFO);

	if (text_width(ui->message) <= ui->cols - 2) {
		ui_text(ui, ui->rows - 2, 1, ui->cols - 2, ui->message, attr);
		return;
	}
	ui_fill(ui, ui->rows - 3, 0, ui->cols, A_NORMAL);
	ui_paragraph(ui, ui->rows - 3, 1, 2, ui->cols - 2, ui->message, attr);
}

void
ui_redraw(struct ui *ui)
{
	/* After the key that followed them, which cleared the line. */
	if (ui->input_dropped) {
		ui->input_dropped = false;
		ui_error(ui, "%s", _("Bytes that are not UTF-8 were left "
		    "out: set your terminal to UTF-8."));
	}
	erase();
	ui->cursor_wanted = false;
	ui->mark_placed = false;
	if (ui->too_small)
		ui_draw_too_small(ui);
	else {
		ui_draw_top(ui);
		if (ui->top != NULL && ui->top->screen->draw != NULL) {
			ui->marking = true;
			ui->top->screen->draw(ui, ui->top);
			ui->marking = false;
		}
		if (ui->message[0] != '\0')
			ui_draw_message(ui);
		ui_draw_keys(ui);
	}
	if (ui->cursor_wanted && !ui->too_small) {
		curs_set(1);
		move(ui->cursor_y, ui->cursor_x);
	} else if (ui->mark_placed && !ui->too_small) {
		curs_set(1);
		move(ui->mark_y, ui->mark_x);
	} else {
		curs_set(0);
		move(ui->rows - 1, ui->cols - 1);
	}
	refresh();
}

void
ui_resized(struct ui *ui)
{
	getmaxyx(stdscr, ui->rows, ui->cols);
	ui->too_small = ui->rows < UI_MIN_ROWS || ui->cols < UI_MIN_COLS;
}

/*
 * quartier --kiosk: leave nothing of the previous resident on the
 * terminal.  The screens were popped (their drafts and lists freed); the
 * paste buffer goes too, then the screen, the terminal's own copy of it
 * and, where the terminal allows, its scrollback.
 */
static void
ui_kiosk_wipe(struct ui *ui)
{
	if (ui->paste != NULL)
		memset(ui->paste, 0, ui->paste_cap);
	ui->paste_len = 0;
	ui->in_paste = false;
	ui->paste_waiting = false;
	ui->message[0] = '\0';
	/* Keys left unread (typed while the window was too small) were the
	 * previous resident's. */
	input_discard();
	ui_kiosk_forget();
	erase();
	refresh();
	fputs("\033[H\033[2J\033[3J", stdout);
	fflush(stdout);
	clearok(curscr, TRUE);
}

/* quartier --kiosk: the idle timeout came; back to a clean login screen. */
static void
ui_kiosk_timeout(struct ui *ui)
{
	int t = ui->config->kiosk_idle_timeout;
	bool was_in = ui->logged_in;

	if (was_in)
		ui_logout(ui);
	else {
		ui_pop_all(ui);
		ui_push(ui, &login_screen, NULL);
		ui_kiosk_wipe(ui);
	}
	if (!was_in)
		return;
	if (t % 60 == 0)
		ui_message(ui, ngettext("Session closed after %d minute "
		    "without activity.", "Session closed after %d minutes "
		    "without activity.", t / 60), t / 60);
	else
		ui_message(ui, ngettext("Session closed after %d second "
		    "without activity.", "Session closed after %d seconds "
		    "without activity.", t), t);
}

/* Give one key to the screen on top, then to the frame's own keys. */
static void
ui_dispatch(struct ui *ui, const struct ui_key *key)
{
	struct view *top = ui->top;

	if (key->code == KEY_RESIZE || ui->too_small || top == NULL)
		return;
	ui->message[0] = '\0';
	ui_draft_touch(ui, top);
	if (top->screen->key != NULL &&
	    top->screen->key(ui, top, key) == UI_HANDLED)
		return;
	if ((ui_key_is_char(key, '?') || key->code == KEY_F(1)) &&
	    top->screen != &help_screen)
		ui_push(ui, &help_screen, top);
	else if (ui_key_is_char(key, '/') && ui->logged_in &&
	    ui->me.status == RESIDENT_VERIFIED &&
	    top->screen != &search_screen && top->screen != &help_screen)
		ui_push(ui, &search_screen, NULL);
}

/*
 * Which boards others changed, as CHANGE_* bits, once the database is
 * known to have changed: those of the resident's quartier and mail whose
 * counters moved.  The console shows every quartier: any change counts.
 */
static unsigned
ui_changes(struct ui *ui)
{
	unsigned changed;

	if (!ui->logged_in || ui->sysop_console ||
	    store_changes(ui->store, &ui->viewer, &changed) != STORE_OK)
		return CHANGE_ALL;
	return changed;
}

/* For the tests (tests/ui/changes.sh): each poll that saw a change, and
 * what it reloaded, one line at a time into $QUARTIER_TRACE_POLL. */
static void
ui_trace_poll(struct ui *ui, unsigned changed, bool screen, bool counts)
{
	static FILE *trace;
	static bool opened;
	const char *path;

	if (!opened) {
		opened = true;
		if ((path = getenv("QUARTIER_TRACE_POLL")) != NULL &&
		    *path != '\0' && (trace = fopen(path, "a")) != NULL)
			setvbuf(trace, NULL, _IOLBF, 0);
	}
	if (trace != NULL)
		fprintf(trace, "changed %#x screen %s%s%s\n", changed,
		    ui->top != NULL ? ui->top->screen->name : "-",
		    screen ? " reloaded" : "", counts ? " counts" : "");
}

/*
 * Others wrote to the database: let the screen on top reload when a
 * board it shows changed, and read the menu's counts again when one they
 * count did.  Returns whether anything was read again.
 */
static bool
ui_poll(struct ui *ui)
{
	unsigned changed;
	bool screen = false, counts = false;

	ui_live_touch(ui);
	/* An untouched database costs one PRAGMA. */
	if (!store_changed(ui->store))
		return false;
	changed = ui_changes(ui);
	/* The counts once, by the screen's resume when it reads them (the
	 * menu does), else here for the top line. */
	ui->counts_read = false;
	if (ui->top != NULL && ui->top->screen->resume != NULL &&
	    (ui->top->screen->changes & changed) != 0) {
		ui->top->screen->resume(ui, ui->top);
		screen = true;
	}
	if (!ui->counts_read && (changed & UI_COUNTED) != 0)
		ui_refresh_counts(ui);
	counts = ui->counts_read;
	ui_trace_poll(ui, changed, screen, counts);
	return screen || counts;
}

void
ui_run(struct ui *ui)
{
	struct ui_key key;
	int64_t drawn_at;
	bool redraw, resized;

	ui_redraw(ui);
	drawn_at = now_seconds();
	while (!ui->quit && ui->top != NULL) {
		ui_read_key(ui, &key, UI_POLL_MS);
		if (input_stopped())
			break;
		redraw = true;
		/*
		 * A quiet tick changes nothing on the screen but the age of
		 * "3 min ago" and the like: a redraw a minute does for those.
		 * Hundreds of idle sessions then cost next to nothing.
		 */
		if (key.code == UI_KEY_TIMER) {
			ui_draft_keep(ui, false);
			redraw = ui_poll(ui) ||
			    now_seconds() - drawn_at >= UI_QUIET_REDRAW_S;
		} else {
			if (!ui_kiosk_expired())
				ui_dispatch(ui, &key);
			/*
			 * Take every key already waiting before drawing: a
			 * fast typist or a terminal without bracketed paste
			 * sends many keys for one redraw.
			 */
			resized = key.code == KEY_RESIZE;
			while (!ui_unwinding() && !ui->quit &&
			    ui->top != NULL && ui_read_key(ui, &key, 0) &&
			    key.code != UI_KEY_TIMER && !ui_unwinding()) {
				resized |= key.code == KEY_RESIZE;
				ui_dispatch(ui, &key);
			}
			/* A resident who types without a pause for three
			 * seconds never sees a poll tick.  A resize may be
			 * a terminal going: the drafts are kept at once. */
			ui_live_touch(ui);
			ui_draft_keep(ui, resized);
		}
		/* A shared terminal never ends on a resident's key. */
		if (ui->kiosk && ui_kiosk_expired()) {
			ui_kiosk_timeout(ui);
			redraw = true;
		} else if (ui->kiosk && ui->top == NULL) {
			ui_logout(ui);
			redraw = true;
		}
		if (redraw && !ui->quit && ui->top != NULL) {
			ui_redraw(ui);
			drawn_at = now_seconds();
		}
	}
}

/*
 * The resident is in: remember who, speak their language, open the menu.
 * A resident still pending gets the verification screen instead, and
 * nothing else: no board of the quartier is within reach until verified.
 */
void
ui_login(struct ui *ui, const struct resident *r)
{
	resident_clear(&ui->me);
	if (store_resident_self(ui->store, &(struct viewer){ r->id },
	    &ui->me) != STORE_OK) {
		ui_error(ui, "%s", store_message(ui->store, STORE_ERROR));
		return;
	}
	ui->viewer.resident_id = ui->me.id;
	ui->logged_in = true;
	ui->login_failures = 0;
	language_apply(ui->me.language);
	if (store_resident_logged_in(ui->store, ui->me.id,
	    &ui->last_visit_at) != STORE_OK)
		ui->last_visit_at = 0;
	ui_live_end(ui);
	ui_live_start(ui);
	/* Overdue loans are reminded by mail once, at the first login of
	 * either side after the due date. */
	if (ui->me.status == RESIDENT_VERIFIED)
		store_loans_remind(ui->store, &ui->viewer, &(int){ 0 });
	/* The database and its counters as they stand, read fresh below:
	 * the polls say what moves from here. */
	store_changed(ui->store);
	store_changes(ui->store, &ui->viewer, &(unsigned){ 0 });
	ui_refresh_counts(ui);
	ui_pop_all(ui);
	ui_push(ui, ui->me.status == RESIDENT_VERIFIED ? &menu_screen :
	    &verify_screen, NULL);
	/* What was being written when the resident last left. */
	if (ui->me.status == RESIDENT_VERIFIED)
		ui_draft_offer(ui);
}

/*
 * Leave nothing of the resident behind: the next one starts at login.  A
 * session that quartierd started for one resident ends instead.
 */
void
ui_logout(struct ui *ui)
{
	ui_live_end(ui);
	if (ui->one_resident) {
		ui_pop_all(ui);
		ui->quit = true;
		return;
	}
	ui_pop_all(ui);
	resident_clear(&ui->me);
	memset(&ui->viewer, 0, sizeof ui->viewer);
	memset(&ui->counts, 0, sizeof ui->counts);
	ui->logged_in = false;
	language_apply(LANG_AUTO);
	ui_push(ui, &login_screen, NULL);
	clear();
	if (ui->kiosk)
		ui_kiosk_wipe(ui);
}
