/*
 * read.c - the keys as the screens get them: ui_read_key(), the one reader
 * of screens and dialogs alike, over input.c; bracketed pastes gathered
 * into one key; the wait of a kiosk's idle timeout; a pause that drops
 * what was typed.  The frame (ui.c) runs the screens on these keys.
 */
#include "build-config.h"

#include <string.h>
#include <time.h>

#include "ui.h"
#include "text.h"

#define UI_PASTE_WAIT_MS	2000	/* for the rest of a paste begun */

/*
 * quartier --kiosk: when the last key came, whether anything was typed
 * since the screen was last wiped, and whether the idle timeout has
 * passed.  One terminal per process, so this lives here rather than in
 * struct ui.
 */
static struct timespec kiosk_last_key;
static bool kiosk_used;
static bool kiosk_expired;

bool
ui_kiosk_expired(void)
{
	return kiosk_expired;
}

void
ui_kiosk_forget(void)
{
	kiosk_used = false;
	kiosk_expired = false;
}

/* Keep one character of a bracketed paste; past UI_PASTE_MAX, only note
 * that the paste was cut. */
static void
ui_paste_add(struct ui *ui, wint_t ch)
{
	char utf8[8];
	size_t n;

	if ((n = text_encode_char((wchar_t)ch, utf8)) == 0)
		return;
	if (ui->paste_len + n + 1 > UI_PASTE_MAX) {
		ui->paste_cut = true;
		return;
	}
	if (ui->paste_len + n + 1 > ui->paste_cap) {
		ui->paste_cap = ui->paste_cap == 0 ? 4096 : ui->paste_cap * 2;
		ui->paste = xrealloc(ui->paste, ui->paste_cap);
	}
	memcpy(ui->paste + ui->paste_len, utf8, n);
	ui->paste_len += n;
	ui->paste[ui->paste_len] = '\0';
}

/* Milliseconds since T, on the monotonic clock. */
static long long
ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)(now.tv_sec - t->tv_sec) * 1000 +
	    (now.tv_nsec - t->tv_nsec) / 1000000;
}

/*
 * quartier --kiosk: how long a read of keys may wait, in milliseconds, so
 * that it wakes when the idle timeout comes (0: it has come).  The wait is
 * the key loop's own timer: nothing spins.  Before anything is typed there
 * is nothing to wipe, so no timeout.
 */
static int
ui_kiosk_wait(struct ui *ui, int timeout_ms)
{
	long long left;

	if (!ui->kiosk || !kiosk_used)
		return timeout_ms;
	left = (long long)ui->config->kiosk_idle_timeout * 1000 -
	    ms_since(&kiosk_last_key);
	if (left <= 0)
		return 0;
	if (timeout_ms < 0 || left < timeout_ms)
		return (int)left;
	return timeout_ms;
}

/* Whether ui_read_key() now answers every read with Escape, to close
 * the dialogs open: SIGTERM came, or a kiosk's idle timeout.  Those
 * Escapes are not keys to take in a row. */
bool
ui_unwinding(void)
{
	return input_stopped() || kiosk_expired;
}

/*
 * Read one key, waiting at most TIMEOUT_MS (negative: forever).  A
 * bracketed paste is gathered here and given as one UI_KEY_PASTE whose text
 * is in ui->paste: a pasted "q" never goes back, a pasted escape sequence is
 * cleaned whole.  A terminal size change is handled here too, so that every
 * loop, dialogs included, sees the new size.
 *
 * Keys typed ahead are read one at a time by whichever loop asks, so each
 * goes to the screen or the question there when it is read.  While the
 * window is too small nothing typed is read: it waits in the terminal
 * until the window is large enough, then comes in order (a paste under way
 * is finished and kept for then).
 */
bool
ui_read_key(struct ui *ui, struct ui_key *key, int timeout_ms)
{
	enum input_event ev;
	bool keys;
	int wait;

	for (;;) {
		/* Inside a paste the rest is already on its way. */
		wait = ui->in_paste ? UI_PASTE_WAIT_MS :
		    ui_kiosk_wait(ui, timeout_ms);
		memset(key, 0, sizeof *key);
		if (ui_unwinding()) {
			/* Escape unwinds any dialog open; ui_run then ends
			 * the program, or closes the kiosk's session. */
			key->ch = UI_KEY_ESC;
			return true;
		}
		keys = ui->in_paste || !ui->too_small;
		if (keys && ui->paste_waiting) {
			ui->paste_waiting = false;
			key->code = UI_KEY_PASTE;
			return true;
		}
		ev = input_read(key, wait, ui->in_paste, keys);
		if (input_dropped() > 0)
			ui->input_dropped = true;
		if (ev == INPUT_STOP)
			continue;	/* unwinding */
		if (ev == INPUT_NONE) {
			if (ui->in_paste) {	/* the end marker never came */
				ui->in_paste = false;
				if (ui->too_small) {
					ui->paste_waiting = true;
					continue;
				}
				key->code = UI_KEY_PASTE;
				return true;
			}
			if (ui->kiosk && ui_kiosk_wait(ui, -1) == 0) {
				kiosk_expired = true;
				continue;
			}
			key->code = UI_KEY_TIMER;
			return true;
		}
		if (ui->kiosk) {
			clock_gettime(CLOCK_MONOTONIC, &kiosk_last_key);
			kiosk_used = true;
		}
		if (key->code != 0) {
			if (key->code == UI_KEY_PASTE_BEGIN) {
				ui->in_paste = true;
				ui->paste_len = 0;
				ui->paste_cut = false;
				if (ui->paste != NULL)
					ui->paste[0] = '\0';
				continue;
			}
			if (key->code == UI_KEY_PASTE_END && ui->in_paste) {
				ui->in_paste = false;
				if (ui->too_small) {
					ui->paste_waiting = true;
					continue;
				}
				key->code = UI_KEY_PASTE;
				return true;
			}
			if (key->code == KEY_RESIZE)
				ui_resized(ui);
			else if (ui->in_paste)
				continue;	/* a key sequence inside a paste */
			return true;
		}
		if (ui->in_paste) {
			ui_paste_add(ui, key->ch);
			continue;
		}
		return true;
	}
}

/* Wait MS milliseconds (a resize is drawn meanwhile), then drop what was
 * typed: a login's penalty is not shortened by typing ahead. */
void
ui_pause(struct ui *ui, int ms)
{
	struct timespec start;
	struct ui_key key;
	long long left;

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (!ui_unwinding() && (left = ms - ms_since(&start)) > 0) {
		if (input_read(&key, (int)left, false, false) == INPUT_KEY &&
		    key.code == KEY_RESIZE) {
			ui_resized(ui);
			ui_redraw(ui);
		}
	}
	input_discard();
}
