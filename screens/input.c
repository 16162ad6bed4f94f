/*
 * input.c - keys from the terminal: the wait, the bytes made characters,
 * the sequences nobody typed, a resize, and the end of the terminal.
 *
 * Curses still reads the terminal and matches its key sequences (arrows,
 * F2, the paste markers), byte by byte with wgetch(); the characters are
 * made here, with text.c's decoder.  get_wch() cannot be used for them:
 * after a byte that is not UTF-8 it holds everything typed next, up to
 * 144 bytes, a function key or the end of its wait, and then drops it all;
 * a character whose bytes straddle two reads is dropped the same way.  One
 * Latin-1 "é" froze typing.  The decoder keeps a character begun from one
 * read to the next and drops only the bytes that cannot be UTF-8, which
 * the frame then mentions.
 *
 * Terminals also send what nobody typed: replies to queries (cursor
 * position ESC [ 12 ; 40 R, colours ESC ] 11 ; rgb:… BEL, device
 * attributes, DCS strings), focus reports.  Curses knows no key for them
 * and gives them as Escape (go back!) and characters (typed text); here
 * each is swallowed whole.  A lone Escape is still Escape.
 *
 * The wait is this file's own ppoll(), with SIGTERM, SIGHUP and SIGWINCH
 * blocked everywhere else, so that each of them ends it at once.  It also
 * tells a quiet terminal from one that is gone (hung up, EOF, EIO): curses
 * answers ERR at once and for ever to both, and a kiosk whose tmux was
 * killed spun at 100% CPU.  A resize is taken here too, before any key
 * waiting: curses would only see it once every key typed was read, and a
 * window too small must be able to learn that it grew without reading the
 * keys typed meanwhile, which wait for it (ui.c).
 */
#include "build-config.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui.h"
#include "text.h"

/* How long the rest of an escape sequence may take once it has begun,
 * and the rest of a character (a slow link may split one). */
#define INPUT_SEQUENCE_MS	100
#define INPUT_CHARACTER_MS	1000
#define INPUT_CSI_MAX		64	/* bytes of a control sequence */
#define INPUT_STRING_MAX	65536	/* of an OSC or DCS string */

#define C_BEL	0x07
#define C_ESC	0x1b

static struct text_decoder decoder;
static bool held;		/* a value read ahead, given before the next */
static int held_value;
static volatile sig_atomic_t stop_signal;	/* SIGTERM or SIGHUP came */
static volatile sig_atomic_t resized;		/* SIGWINCH came */
static bool gone;		/* the terminal hung up, or gave EOF or EIO */
static struct timespec character_deadline;	/* of the one begun */
static sigset_t waiting_mask;	/* the mask during the wait */

/*
 * The terminal is gone: leave its session, so that the signals the
 * kernel still sends with its hang-up (SIGHUP and SIGCONT to each
 * process of the session) reach nothing that is saving a draft on the
 * way out.  A SIGCONT discards a stop signal not yet taken; under the
 * sanitizers, LeakSanitizer stops the process at exit with ptrace's
 * SIGSTOP and waits for that stop without end.  setsid() is safe in a
 * signal handler; it fails, harmlessly, where quartier leads its session
 * (under quartierd it does).
 */
static void
leave_terminal(void)
{
	(void)setsid();
}

static void
on_stop(int sig)
{
	stop_signal = sig;
	if (sig == SIGHUP)
		leave_terminal();
}

static void
on_resize(int sig)
{
	(void)sig;
	resized = 1;
}

/*
 * SIGTERM (the sysop's, for a kiosk) and SIGHUP (quartierd's when the
 * client has gone, the kernel's when the terminal hangs up) end the
 * program the normal way out: drafts kept, live session closed.  Curses'
 * own SIGTERM handler would restore the terminal and exit from inside the
 * signal, and hang for good when the signal lands in malloc.  Called
 * before newterm(), which keeps handlers already there (its own SIGWINCH
 * handler included: the resize is taken here).
 */
void
input_start(void)
{
	struct sigaction sa;
	sigset_t wake;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_resize;
	sigaction(SIGWINCH, &sa, NULL);
	sigemptyset(&wake);
	sigaddset(&wake, SIGTERM);
	sigaddset(&wake, SIGHUP);
	sigaddset(&wake, SIGWINCH);
	sigprocmask(SIG_BLOCK, &wake, &waiting_mask);
	sigdelset(&waiting_mask, SIGTERM);
	sigdelset(&waiting_mask, SIGHUP);
	sigdelset(&waiting_mask, SIGWINCH);
}

bool
input_stopped(void)
{
	return stop_signal != 0 || gone;
}

size_t
input_dropped(void)
{
	size_t n = decoder.dropped;

	decoder.dropped = 0;
	return n;
}

void
input_discard(void)
{
	flushinp();
	held = false;
	decoder.len = 0;
}

/* The moment WAIT_MS from now; tv_sec < 0 for none (WAIT_MS < 0). */
static void
input_deadline(struct timespec *deadline, int wait_ms)
{
	deadline->tv_sec = -1;
	deadline->tv_nsec = 0;
	if (wait_ms < 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, deadline);
	deadline->tv_sec += wait_ms / 1000;
	deadline->tv_nsec += (long)(wait_ms % 1000) * 1000000;
	if (deadline->tv_nsec >= 1000000000) {
		deadline->tv_sec++;
		deadline->tv_nsec -= 1000000000;
	}
}

/* Milliseconds left until DEADLINE (tv_sec < 0: none, -1 returned). */
static int
input_left(const struct timespec *deadline)
{
	struct timespec now;
	long long ms;

	if (deadline->tv_sec < 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(deadline->tv_sec - now.tv_sec) * 1000 +
	    (deadline->tv_nsec - now.tv_nsec) / 1000000;
	if (ms < 0)
		return 0;
	return ms > INT_MAX ? INT_MAX : (int)ms;
}

/* The terminal's new size for curses, as a KEY_RESIZE. */
static void
input_take_resize(int *value)
{
	struct winsize ws;

	resized = 0;
	if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0) {
		resize_term(ws.ws_row, ws.ws_col);
		clearok(curscr, TRUE);
	}
	*value = KEY_RESIZE;
}

/* Whether the terminal has nothing more to give, ever: called when it
 * said it was readable and curses read nothing from it. */
static bool
input_terminal_gone(short revents)
{
	int n = 0;

	if (revents & (POLLHUP | POLLERR | POLLNVAL))
		return true;
	/* Readable with nothing to read is the end of the file; EIO or a
	 * hung-up terminal refuses the question. */
	return ioctl(STDIN_FILENO, FIONREAD, &n) != 0 || n == 0;
}

/*
 * One value, waiting at most WAIT_MS (negative: for ever): a byte (0 to
 * 255) or a KEY_* code in *VALUE.  Without KEYS only a resize is taken:
 * what was typed stays where it is.  INPUT_NONE when the wait ends first.
 */
static enum input_event
input_raw(int *value, int wait_ms, bool keys)
{
	struct timespec deadline;
	struct pollfd pfd;
	int v, left, rc;

	if (held && keys) {
		held = false;
		*value = held_value;
		return INPUT_KEY;
	}
	input_deadline(&deadline, wait_ms);
	for (;;) {
		if (resized) {
			input_take_resize(value);
			return INPUT_KEY;
		}
		if (input_stopped())
			return INPUT_STOP;
		/* What curses holds already, or what is there to read. */
		if (keys) {
			timeout(0);
			if ((v = wgetch(stdscr)) != ERR) {
				*value = v;
				return INPUT_KEY;
			}
		}
		if ((left = input_left(&deadline)) == 0)
			return INPUT_NONE;
		/* Without KEYS, only a hang-up (always reported) wakes. */
		pfd.fd = STDIN_FILENO;
		pfd.events = keys ? POLLIN : 0;
		pfd.revents = 0;
		rc = poll_signals(&pfd, 1, left, &waiting_mask);
		if (rc < 0 && errno != EINTR) {
			gone = true;
			leave_terminal();
			return INPUT_STOP;
		}
		if (rc <= 0)
			continue;	/* a signal, or the time is up */
		if (keys && (pfd.revents & POLLIN)) {
			timeout(0);
			if ((v = wgetch(stdscr)) != ERR) {
				*value = v;
				return INPUT_KEY;
			}
		}
		if (!keys || input_terminal_gone(pfd.revents)) {
			gone = true;
			leave_terminal();
			return INPUT_STOP;
		}
	}
}

/* Give V back, to be read first next time. */
static void
input_hold(int v)
{
	held = true;
	held_value = v;
}

/* The next byte of a sequence begun, if it comes soon; anything else
 * (a key, a resize) ends the sequence and is kept for later. */
static bool
input_sequence_byte(int *v)
{
	if (input_raw(v, INPUT_SEQUENCE_MS, true) != INPUT_KEY)
		return false;
	if (*v >= KEY_MIN) {
		input_hold(*v);
		return false;
	}
	return true;
}

/* A control sequence after ESC [ (or C1 CSI): parameters, intermediates,
 * a final byte.  A byte that belongs to none ends it and is kept. */
static void
input_skip_csi(void)
{
	int v, n;

	for (n = 0; n < INPUT_CSI_MAX && input_sequence_byte(&v); n++) {
		if (v >= 0x40 && v <= 0x7e)
			return;
		if (v < 0x20 || v > 0x3f) {
			input_hold(v);
			return;
		}
	}
}

/* A string (OSC, DCS, APC, PM, SOS) up to BEL or ESC \. */
static void
input_skip_string(void)
{
	int v, n;

	for (n = 0; n < INPUT_STRING_MAX && input_sequence_byte(&v); n++) {
		if (v == C_BEL || v == 0x9c)
			return;
		if (v != C_ESC)
			continue;
		if (input_sequence_byte(&v) && v != '\\')
			input_hold(v);
		return;
	}
}

/*
 * After ESC: whether what follows makes a sequence nobody typed, which is
 * then swallowed.  Curses waited for the rest of a key it knows before it
 * gave ESC, so what follows is already there or was never sent: nothing
 * means the Escape key.
 */
static bool
input_skip_escape(void)
{
	int v;

	if (input_raw(&v, 0, true) != INPUT_KEY)
		return false;
	switch (v) {
	case '[':
		input_skip_csi();
		return true;
	case ']': case 'P': case '_': case '^': case 'X':
		input_skip_string();
		return true;
	case 'O':		/* SS3 and one byte: a key curses did not know */
		if (input_sequence_byte(&v) && (v < 0x40 || v > 0x7e))
			input_hold(v);
		return true;
	default:		/* Escape, then a key of its own */
		input_hold(v);
		return false;
	}
}

/* The same, for the 8-bit introducers a terminal may send as UTF-8. */
static bool
input_skip_c1(wchar_t wc)
{
	switch (wc) {
	case 0x9b:			/* CSI */
		input_skip_csi();
		return true;
	case 0x9d: case 0x90: case 0x9f: case 0x9e: case 0x98:
		input_skip_string();	/* OSC, DCS, APC, PM, SOS */
		return true;
	}
	return false;
}

/*
 * A character begun waits a second at most for its other bytes, however
 * long the caller waits: a Latin-1 "é" typed last is then dropped, and
 * said so, without waiting for the next key.  A caller's shorter wait
 * leaves it begun, for the next call.
 */
enum input_event
input_read(struct ui_key *key, int wait_ms, bool in_paste, bool keys)
{
	struct timespec deadline;
	enum input_event ev;
	wchar_t wc;
	int v, wait, cut;

	input_deadline(&deadline, wait_ms);
	memset(key, 0, sizeof *key);
	for (;;) {
		wait = input_left(&deadline);
		if (decoder.len > 0 && keys) {
			if ((cut = input_left(&character_deadline)) == 0) {
				text_decode_drop(&decoder);
				continue;
			}
			if (wait < 0 || wait > cut)
				wait = cut;
		}
		if ((ev = input_raw(&v, wait, keys)) != INPUT_KEY) {
			if (ev == INPUT_NONE && decoder.len > 0 && keys &&
			    input_left(&deadline) != 0)
				continue;	/* the character's wait ended */
			return ev;
		}
		if (v >= KEY_MIN) {
			/* A key ends a character begun: it was not one.  A
			 * resize does not: it is nobody's typing. */
			if (v != KEY_RESIZE)
				text_decode_drop(&decoder);
			key->code = v;
			return INPUT_KEY;
		}
		if (text_decode_byte(&decoder, (unsigned char)v, &wc)) {
			if (in_paste || !(wc == C_ESC ? input_skip_escape() :
			    input_skip_c1(wc))) {
				key->ch = (wint_t)wc;
				return INPUT_KEY;
			}
		} else if (decoder.len == 1)	/* this byte begins one */
			input_deadline(&character_deadline, INPUT_CHARACTER_MS);
		/* Part of a character, a dropped byte or a swallowed
		 * sequence: the wait goes on for what is left of it. */
	}
}
