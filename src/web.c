/*
 * web.c - the network stage of one connection to quartierd's web
 * gateway: HTTP for the page, then a WebSocket that carries a terminal.
 *
 * The listener forks this process for each TCP connection of the web
 * port, as it does for SSH; it goes into the same confinement as an SSH
 * connection's stage (session_confine(): the empty directory, the user,
 * rlimits, seccomp) before libwebsockets reads the client's first byte.
 * The page's files were read by the listener at start (web_site_load)
 * and are served from memory: this process opens no file.
 *
 * The WebSocket (/session) asks the broker for a session exactly as an
 * SSH connection's stage does, over the same socket and questions
 * (privsep.h); the broker starts quartier on a pty and sends the master,
 * which is then bridged to the WebSocket.  The page speaks in text
 * messages: "i" and the keys typed or pasted, "r" and "COLS ROWS" for a
 * new window size.  The terminal's output goes back as binary messages.
 * Anything else ends the connection.  Keys are passed to the UI at the
 * rate and in the burst of input_rate and input_burst, as over SSH; a
 * session without a key for idle_timeout ends.
 */
#include "build-config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include <libwebsockets.h>

#include "quartier.h"
#include "privsep.h"
#include "session.h"

#define WEB_OUT_CHUNK		16384	/* bytes of output in one message */
#define WEB_RX_MAX		4096	/* bytes of a page's message read at once */
#define WEB_COLS_MAX		1000
#define WEB_EXIT_WAIT		10	/* seconds, for the broker's word */

#ifndef XTERMDIR
#define XTERMDIR "/usr/share/javascript/xterm"
#endif
/* Debian 12's libjs-xterm ships the style sheet and the addons, but its
 * xterm.js is a stub that needs node-xterm's modules: those are served
 * in one script, each module a function that quartier.js loads. */
#ifndef XTERMLIBDIR
#define XTERMLIBDIR "/usr/share/nodejs/xterm/lib"
#endif

/* No inline script or style, nothing from elsewhere, never in a frame. */
#define WEB_CSP	"default-src 'none'; script-src 'self'; style-src 'self'; " \
	"connect-src 'self'; img-src 'self'; font-src 'self'; " \
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/* One file of the page, read at start, with room for libwebsockets'
 * header before it. */
struct web_file {
	const char	*url;
	const char	*type;
	bool		 cache;		/* Debian's xterm.js: may be cached */
	unsigned char	*buf;		/* LWS_PRE bytes, then the file */
	size_t		 len;
};

struct web_site {
	struct web_file	 files[8];
	size_t		 nfiles;
};

struct web {
	struct session_params	*p;
	struct lws_context	*ctx;
	struct lws_vhost	*vhost;
	struct lws		*client;	/* the WebSocket, once upgraded */
	struct lws		*pty;
	struct lws		*broker;
	lws_sorted_usec_list_t	 tick;
	lws_retry_bo_t		 retry;
	struct msg		 msg;
	bool			 done;
	bool			 broker_gone;
	double			 started;

	/* The session. */
	bool			 running;	/* the UI has its pty */
	int			 master;
	int			 idle_timeout;
	char			*idle_text;
	bool			 ui_done;	/* its terminal closed */
	bool			 ui_exited;	/* the broker said so */
	double			 ui_done_at;
	bool			 closing;	/* a close frame to send */

	/* One file being sent on an HTTP connection. */
	const struct web_file	*sending;

	/* The UI's output, one message at a time. */
	unsigned char		 out[LWS_PRE + WEB_OUT_CHUNK];
	size_t			 out_len;

	/* Keys from the page, passed on at the input rate. */
	char			*queue;
	size_t			 queue_len, queue_cap;
	double			 tokens;
	double			 refilled;
	double			 last_input;
	bool			 rx_paused;
	char			 message;	/* 'i' or 'r' of the message read */
	char			 resize[24];	/* an "r" message so far */
	size_t			 resize_len;
};

static struct web *the_web;

static double
now_precise(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What the listener reads at start: the page, ours, and xterm.js. */
static int
site_add(struct web_site *site, const char *url, const char *dir,
    const char *name, const char *type, bool cache)
{
	struct web_file *f = &site->files[site->nfiles];
	char *path = xasprintf("%s/%s", dir, name);
	size_t cap = 65536;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		log_error("web: %s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	f->buf = xmalloc(LWS_PRE + cap);
	f->len = 0;
	for (;;) {
		if (f->len == cap) {
			cap *= 2;
			f->buf = xrealloc(f->buf, LWS_PRE + cap);
		}
		n = read(fd, f->buf + LWS_PRE + f->len, cap - f->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		f->len += (size_t)n;
	}
	close(fd);
	if (n < 0) {
		log_error("web: %s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	f->url = url;
	f->type = type;
	f->cache = cache;
	site->nfiles++;
	return 0;
}

/* A growing buffer with LWS_PRE bytes before its text. */
struct buffer {
	unsigned char	*buf;
	size_t		 len, cap;
};

static void
buffer_add(struct buffer *b, const void *data, size_t len)
{
	if (b->buf == NULL) {
		b->cap = 65536;
		b->buf = xmalloc(LWS_PRE + b->cap);
	}
	while (b->len + len > b->cap) {
		b->cap *= 2;
		b->buf = xrealloc(b->buf, LWS_PRE + b->cap);
	}
	memcpy(b->buf + LWS_PRE + b->len, data, len);
	b->len += len;
}

static int
file_add(struct buffer *b, const char *path)
{
	char chunk[16384];
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		log_error("web: %s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			log_error("web: %s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		buffer_add(b, chunk, (size_t)n);
	}
	close(fd);
	return 0;
}

/*
 * Each module of DIR/REL (CommonJS, as node-xterm ships them), but their
 * tests, as one entry of quartierModules: "name": function (require,
 * module, exports) { the file }.
 */
static int
bundle_dir(struct buffer *b, const char *dir, const char *rel)
{
	char *path = xasprintf("%s%s%s", dir, *rel != '\0' ? "/" : "", rel);
	char *sub, *entry;
	struct dirent *de;
	size_t len;
	DIR *dp;
	int rc = 0;

	if ((dp = opendir(path)) == NULL) {
		log_error("web: %s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	while (rc == 0 && (de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		sub = xasprintf("%s%s%s", rel, *rel != '\0' ? "/" : "",
		    de->d_name);
		len = strlen(de->d_name);
		if (de->d_type == DT_DIR)
			rc = bundle_dir(b, dir, sub);
		else if (len > 3 && strcmp(de->d_name + len - 3, ".js") == 0 &&
		    (len < 8 || strcmp(de->d_name + len - 8, ".test.js") != 0)) {
			entry = xasprintf("\"%.*s\": function (require, module, "
			    "exports) {\n", (int)(strlen(sub) - 3), sub);
			buffer_add(b, entry, strlen(entry));
			free(entry);
			free(sub);
			sub = xasprintf("%s/%s", path, de->d_name);
			rc = file_add(b, sub);
			buffer_add(b, "\n},\n", 4);
		}
		free(sub);
	}
	closedir(dp);
	free(path);
	return rc;
}

static int
site_bundle(struct web_site *site)
{
	struct web_file *f = &site->files[site->nfiles];
	struct buffer b = { NULL, 0, 0 };
	static const char head[] = "var quartierModules = {\n";
	static const char fit[] = "\"addons/fit\": function (require, "
	    "module, exports) {\n";

	buffer_add(&b, head, sizeof head - 1);
	if (bundle_dir(&b, XTERMLIBDIR, "") != 0)
		goto fail;
	buffer_add(&b, fit, sizeof fit - 1);
	if (file_add(&b, XTERMDIR "/addons/fit/fit.js") != 0)
		goto fail;
	buffer_add(&b, "\n}\n};\n", 6);
	f->url = "/xterm/xterm.js";
	f->type = "text/javascript; charset=utf-8";
	f->cache = true;
	f->buf = b.buf;
	f->len = b.len;
	site->nfiles++;
	return 0;
fail:
	free(b.buf);
	return -1;
}

struct web_site *
web_site_load(const struct config *cfg)
{
	struct web_site *site = xcalloc(1, sizeof *site);

	if (site_add(site, "/", cfg->web_dir, "index.html",
	    "text/html; charset=utf-8", false) != 0 ||
	    site_add(site, "/quartier.js", cfg->web_dir, "quartier.js",
	    "text/javascript; charset=utf-8", false) != 0 ||
	    site_add(site, "/quartier.css", cfg->web_dir, "quartier.css",
	    "text/css; charset=utf-8", false) != 0 ||
	    site_add(site, "/xterm/xterm.css", XTERMDIR, "xterm.css",
	    "text/css; charset=utf-8", true) != 0 ||
	    site_bundle(site) != 0) {
		log_error("web: install libjs-xterm and node-xterm, or set "
		    "web_dir to the directory of index.html");
		return NULL;
	}
	return site;
}

static const struct web_file *
site_find(const struct web_site *site, const char *url)
{
	size_t i;

	if (strcmp(url, "/index.html") == 0)
		url = "/";
	for (i = 0; i < site->nfiles; i++)
		if (strcmp(site->files[i].url, url) == 0)
			return &site->files[i];
	return NULL;
}

/* The headers every answer gets. */
static int
add_headers(struct lws *wsi, bool cache, unsigned char **p,
    unsigned char *end)
{
	static const struct {
		const char *name, *value;
	} headers[] = {
		{ "content-security-policy:", WEB_CSP },
		{ "x-frame-options:", "DENY" },
		{ "x-content-type-options:", "nosniff" },
		{ "referrer-policy:", "no-referrer" },
	};
	const char *cc = cache ? "public, max-age=86400" : "no-store";
	size_t i;

	for (i = 0; i < sizeof headers / sizeof *headers; i++)
		if (lws_add_http_header_by_name(wsi,
		    (const unsigned char *)headers[i].name,
		    (const unsigned char *)headers[i].value,
		    (int)strlen(headers[i].value), p, end) != 0)
			return -1;
	return lws_add_http_header_by_name(wsi,
	    (const unsigned char *)"cache-control:", (const unsigned char *)cc,
	    (int)strlen(cc), p, end);
}

static int
http_answer(struct web *w, struct lws *wsi, const char *url)
{
	unsigned char buf[LWS_PRE + 2048], *start = buf + LWS_PRE, *p = start;
	unsigned char *end = buf + sizeof buf - 1;
	const struct web_file *f = site_find(w->p->site, url);
	static const char missing[] = "Not found\n";

	if (lws_add_http_common_headers(wsi, f != NULL ? HTTP_STATUS_OK :
	    HTTP_STATUS_NOT_FOUND, f != NULL ? f->type :
	    "text/plain; charset=utf-8", f != NULL ? f->len :
	    sizeof missing - 1, &p, end) != 0 ||
	    add_headers(wsi, f != NULL && f->cache, &p, end) != 0 ||
	    lws_finalize_write_http_header(wsi, start, &p, end) != 0)
		return -1;
	if (f == NULL) {
		memcpy(buf + LWS_PRE, missing, sizeof missing - 1);
		if (lws_write(wsi, buf + LWS_PRE, sizeof missing - 1,
		    LWS_WRITE_HTTP_FINAL) < 0)
			return -1;
		return lws_http_transaction_completed(wsi) ? -1 : 0;
	}
	w->sending = f;
	lws_callback_on_writable(wsi);
	return 0;
}

/*
 * The Origin of a WebSocket must be this very site, as the page's
 * address was typed: scheme, host and port as in Host.  A page of
 * elsewhere cannot open a session with a neighbour's browser.
 */
static bool
origin_ok(struct web *w, struct lws *wsi)
{
	char origin[300], host[256], want[300];

	if (lws_hdr_copy(wsi, origin, sizeof origin, WSI_TOKEN_ORIGIN) <= 0 ||
	    lws_hdr_copy(wsi, host, sizeof host, WSI_TOKEN_HOST) <= 0)
		return false;
	snprintf(want, sizeof want, "%s://%s", w->p->tls ? "https" : "http",
	    host);
	return strcasecmp(origin, want) == 0;
}

/* Ask the broker, and wait for its answer (as session.c does). */
static bool
ask_broker(struct web *w, int type, int want, size_t count,
    const char *const *fields)
{
	return msg_ask(w->p->broker_fd, &w->broker_gone, type, want, count,
	    fields, &w->msg);
}

/*
 * Behind web_trusted_proxy, the client's address is the last of
 * X-Forwarded-For (the one the proxy added): the broker is told, and
 * believes it only from that proxy's address, so that penalties and
 * limits fall on the client, not on the proxy.
 */
static void
forwarded(struct web *w, struct lws *wsi)
{
	char list[512], *last, *end;

	if (w->p->config->web_trusted_proxy == NULL ||
	    lws_hdr_copy(wsi, list, sizeof list, WSI_TOKEN_X_FORWARDED_FOR) <= 0)
		return;
	last = strrchr(list, ',') != NULL ? strrchr(list, ',') + 1 : list;
	last += strspn(last, " \t");
	for (end = last + strlen(last); end > last && (end[-1] == ' ' ||
	    end[-1] == '\t'); end--)
		continue;
	*end = '\0';
	if (*last != '\0')
		msg_send(w->p->broker_fd, -1, MSG_FORWARDED, last, (char *)NULL);
}

/* A number from the page's query, between 1 and MAX, or DEFAULT. */
static int
query_number(struct lws *wsi, const char *name, int max, int fallback)
{
	char buf[16], *end;
	const char *v;
	long n;

	if ((v = lws_get_urlarg_by_name(wsi, name, buf, sizeof buf)) == NULL)
		return fallback;
	n = strtol(v, &end, 10);
	return *end == '\0' && n >= 1 && n <= max ? (int)n : fallback;
}

static void
say(struct web *w, const char *text)
{
	size_t len = strlen(text), i, j = 0;

	if (w->out_len + 2 * len + 4 > WEB_OUT_CHUNK)
		return;
	w->out[LWS_PRE + w->out_len + j++] = '\r';
	w->out[LWS_PRE + w->out_len + j++] = '\n';
	for (i = 0; i < len; i++) {
		if (text[i] == '\n')
			w->out[LWS_PRE + w->out_len + j++] = '\r';
		w->out[LWS_PRE + w->out_len + j++] = (unsigned char)text[i];
	}
	w->out[LWS_PRE + w->out_len + j++] = '\r';
	w->out[LWS_PRE + w->out_len + j++] = '\n';
	w->out_len += j;
}

/* End the session: a close frame once what is left is sent. */
static void
web_close(struct web *w)
{
	w->closing = true;
	if (w->client != NULL)
		lws_callback_on_writable(w->client);
	else
		w->done = true;
}

/*
 * The session: Quartier's login screen, which asks the broker to check
 * the password (or to open the signup form) on its own descriptor.  The
 * broker keeps every count (penalties, signups per source, sessions) as
 * it does for SSH.
 */
static int
session_begin(struct web *w, struct lws *wsi)
{
	const char *q[6];
	bool english, french;
	char cols[16], rows[16], lang[32], env[48];
	const char *v;
	lws_sock_file_fd_type u;
	long n, status;
	size_t count = 0;

	snprintf(cols, sizeof cols, "%d", query_number(wsi, "cols=",
	    WEB_COLS_MAX, 80));
	snprintf(rows, sizeof rows, "%d", query_number(wsi, "rows=",
	    WEB_COLS_MAX, 24));
	/* The browser's language, or none: then default_language. */
	v = lws_get_urlarg_by_name(wsi, "lang=", lang, sizeof lang);
	english = v != NULL && strcmp(v, "en") == 0;
	french = v != NULL && strcmp(v, "fr") == 0;
	snprintf(env, sizeof env, "LANG=%s", english ? "en_GB.UTF-8" :
	    "fr_FR.UTF-8");
	forwarded(w, wsi);
	if (!ask_broker(w, MSG_WEB, MSG_AUTH, 0, NULL) ||
	    w->msg.type != MSG_AUTH || strcmp(msg_str(&w->msg, 0), "ok") != 0)
		return -1;
	q[count++] = "xterm-256color";
	q[count++] = cols;
	q[count++] = rows;
	q[count++] = "shell";
	q[count++] = "1";
	if (english || french)
		q[count++] = env;
	if (!ask_broker(w, MSG_START, MSG_PTY, count, q)) {
		log_error("%s: the broker is gone", w->p->source);
		return -1;
	}
	if (w->msg.type == MSG_REFUSE) {
		say(w, msg_str(&w->msg, 0));
		msg_int(&w->msg, 1, 0, 255, &status);
		msg_close_fd(&w->msg);
		web_close(w);
		return 0;
	}
	if (w->msg.fd < 0 || !msg_int(&w->msg, 0, 1, 1000000000L, &n)) {
		msg_close_fd(&w->msg);
		return -1;
	}
	w->master = w->msg.fd;
	w->msg.fd = -1;
	w->idle_timeout = (int)n;
	w->idle_text = xstrdup(msg_str(&w->msg, 1));
	fcntl(w->master, F_SETFL, fcntl(w->master, F_GETFL) | O_NONBLOCK);
	memset(&u, 0, sizeof u);
	u.filefd = w->master;
	w->pty = lws_adopt_descriptor_vhost(w->vhost, LWS_ADOPT_RAW_FILE_DESC,
	    u, "quartier-fd", NULL);
	u.filefd = w->p->broker_fd;
	w->broker = lws_adopt_descriptor_vhost(w->vhost,
	    LWS_ADOPT_RAW_FILE_DESC, u, "quartier-fd", NULL);
	if (w->pty == NULL || w->broker == NULL) {
		log_error("%s: cannot watch the session's terminal",
		    w->p->source);
		return -1;
	}
	w->running = true;
	w->last_input = w->refilled = now_precise();
	w->tokens = w->p->config->input_burst;
	return 0;
}

/* Keys to the UI, as the rate allows. */
static void
pass_input(struct web *w)
{
	const struct config *cfg = w->p->config;
	double now = now_precise();
	size_t n;
	ssize_t wr;

	w->tokens += (now - w->refilled) * cfg->input_rate;
	w->refilled = now;
	if (w->tokens > cfg->input_burst)
		w->tokens = cfg->input_burst;
	if (w->queue_len > 0 && w->running && !w->ui_done) {
		n = w->queue_len < (size_t)w->tokens ? w->queue_len :
		    (size_t)w->tokens;
		if (n > 0 && (wr = write(w->master, w->queue, n)) > 0) {
			memmove(w->queue, w->queue + wr, w->queue_len -
			    (size_t)wr);
			w->queue_len -= (size_t)wr;
			w->tokens -= (double)wr;
		}
	}
	if (w->rx_paused && w->queue_len < (size_t)cfg->input_burst &&
	    w->client != NULL) {
		w->rx_paused = false;
		lws_rx_flow_control(w->client, 1);
	}
}

static void
set_size(struct web *w, int cols, int rows)
{
	struct winsize ws;

	memset(&ws, 0, sizeof ws);
	ws.ws_col = (unsigned short)cols;
	ws.ws_row = (unsigned short)rows;
	if (w->running && !w->ui_done && ioctl(w->master, TIOCSWINSZ, &ws) !=
	    0)
		log_warn("TIOCSWINSZ: %s", strerror(errno));
}

/*
 * A piece of a message of the page.  Returns -1 for anything that is not
 * what the page sends: the connection then ends, and only it.
 */
static int
page_message(struct web *w, struct lws *wsi, const char *in, size_t len)
{
	const struct config *cfg = w->p->config;
	int cols, rows;
	char extra;

	if (lws_frame_is_binary(wsi))
		return -1;
	if (lws_is_first_fragment(wsi)) {
		if (len == 0 || (in[0] != 'i' && in[0] != 'r'))
			return -1;
		w->message = in[0];
		w->resize_len = 0;
		in++;
		len--;
	}
	if (w->message == 'i') {
		if (len > w->queue_cap - w->queue_len)
			return -1;	/* cannot happen: rx is paused first */
		memcpy(w->queue + w->queue_len, in, len);
		w->queue_len += len;
		if (len > 0)
			w->last_input = now_precise();
		pass_input(w);
		if (w->queue_len >= (size_t)cfg->input_burst &&
		    !w->rx_paused) {
			w->rx_paused = true;
			lws_rx_flow_control(wsi, 0);
		}
		return 0;
	}
	if (len >= sizeof w->resize - w->resize_len)
		return -1;
	memcpy(w->resize + w->resize_len, in, len);
	w->resize_len += len;
	w->resize[w->resize_len] = '\0';
	if (!lws_is_final_fragment(wsi))
		return 0;
	if (sscanf(w->resize, "%d %d%c", &cols, &rows, &extra) != 2 ||
	    cols < 1 || rows < 1 || cols > WEB_COLS_MAX || rows > WEB_COLS_MAX)
		return -1;
	set_size(w, cols, rows);
	return 0;
}

static void on_tick(lws_sorted_usec_list_t *);

/*
 * The UI is ending (its terminal closed, or the broker says it exited):
 * the tick comes now, to close the page's session, and not at the next
 * idle check, which may be a minute away.
 */
static void
ui_ending(struct web *w)
{
	lws_sul_schedule(w->ctx, 0, &w->tick, on_tick, LWS_US_PER_SEC / 10);
}

/* The broker, during the session: the end of the UI, a signup done. */
static int
broker_message(struct web *w)
{
	long n;

	if (msg_recv(w->p->broker_fd, &w->msg) != 1) {
		w->broker_gone = true;
		return -1;
	}
	if (w->msg.type == MSG_EXIT) {
		w->ui_exited = true;
		ui_ending(w);
	} else if (w->msg.type == MSG_SIGNED_UP &&
	    msg_int(&w->msg, 0, 1, 1000000000L, &n))
		w->idle_timeout = (int)n;
	msg_close_fd(&w->msg);
	return 0;
}

/* The UI's output into the message to send, while there is room. */
static int
pty_output(struct web *w)
{
	ssize_t n;

	if (w->out_len > 0) {
		lws_rx_flow_control(w->pty, 0);
		return 0;
	}
	do
		n = read(w->master, w->out + LWS_PRE, WEB_OUT_CHUNK);
	while (n < 0 && errno == EINTR);
	if (n > 0) {
		w->out_len = (size_t)n;
		lws_callback_on_writable(w->client);
		return 0;
	}
	if (n < 0 && errno == EAGAIN)
		return 0;
	/* EIO: the UI closed its terminal, it is ending. */
	w->ui_done = true;
	w->ui_done_at = now_precise();
	ui_ending(w);
	return -1;
}

static int
client_writeable(struct web *w, struct lws *wsi)
{
	if (w->out_len > 0) {
		if (lws_write(wsi, w->out + LWS_PRE, w->out_len,
		    LWS_WRITE_BINARY) < (int)w->out_len)
			return -1;
		w->out_len = 0;
		if (w->pty != NULL && !w->ui_done)
			lws_rx_flow_control(w->pty, 1);
		if (w->closing)
			lws_callback_on_writable(wsi);
		return 0;
	}
	if (w->closing) {
		lws_close_reason(wsi, LWS_CLOSE_STATUS_NORMAL, NULL, 0);
		return -1;
	}
	return 0;
}

static int
on_lws(struct lws *wsi, enum lws_callback_reasons reason, void *user,
    void *in, size_t len)
{
	struct web *w = the_web;

	(void)user;
	switch (reason) {
	case LWS_CALLBACK_HTTP:
		if (w->client != NULL)
			return -1;
		return http_answer(w, wsi, in);
	case LWS_CALLBACK_HTTP_WRITEABLE:
		if (w->sending == NULL)
			return 0;
		if (lws_write(wsi, w->sending->buf + LWS_PRE, w->sending->len,
		    LWS_WRITE_HTTP_FINAL) < 0)
			return -1;
		w->sending = NULL;
		return lws_http_transaction_completed(wsi) ? -1 : 0;
	case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION: {
		char uri[64];

		if (w->client != NULL ||
		    lws_hdr_copy(wsi, uri, sizeof uri, WSI_TOKEN_GET_URI) <= 0 ||
		    strcmp(uri, "/session") != 0) {
			log_info("%s: refused a WebSocket elsewhere than "
			    "/session", w->p->source);
			return -1;
		}
		if (!origin_ok(w, wsi)) {
			log_info("%s: refused a WebSocket from another origin",
			    w->p->source);
			return -1;
		}
		return 0;
	}
	case LWS_CALLBACK_ESTABLISHED:
		w->client = wsi;
		log_info("%s: a session from the web page", w->p->source);
		return session_begin(w, wsi);
	case LWS_CALLBACK_RECEIVE:
		return page_message(w, wsi, in, len);
	case LWS_CALLBACK_SERVER_WRITEABLE:
		return client_writeable(w, wsi);
	case LWS_CALLBACK_CLOSED:
		w->client = NULL;
		w->done = true;
		break;
	case LWS_CALLBACK_RAW_RX_FILE:
		if (wsi == w->pty)
			return pty_output(w);
		if (wsi == w->broker)
			return broker_message(w);
		break;
	case LWS_CALLBACK_RAW_CLOSE_FILE:
		if (wsi == w->pty) {
			w->pty = NULL;
			w->ui_done = true;
			w->ui_done_at = now_precise();
			ui_ending(w);
		} else if (wsi == w->broker) {
			w->broker = NULL;
			w->broker_gone = true;
		}
		break;
	case LWS_CALLBACK_WSI_DESTROY:
		/* An HTTP connection, closed by either side. */
		if (w->client == NULL && lws_get_protocol(wsi) != NULL &&
		    strcmp(lws_get_protocol(wsi)->name, "quartier-fd") != 0)
			w->done = true;
		break;
	default:
		break;
	}
	return 0;
}

/*
 * Once a second at most, only while something waits: keys for the
 * rate, the idle time, the end of the UI; otherwise at the next deadline.
 */
static void
on_tick(lws_sorted_usec_list_t *sul)
{
	struct web *w = the_web;
	const struct config *cfg = w->p->config;
	double now = now_precise(), next;

	(void)sul;
	if (!w->running) {
		if (w->client == NULL && now - w->started >
		    cfg->login_grace_time) {
			w->done = true;
			return;
		}
		lws_sul_schedule(w->ctx, 0, &w->tick, on_tick, LWS_US_PER_SEC);
		return;
	}
	pass_input(w);
	if (!w->closing && !w->ui_done && now - w->last_input >=
	    w->idle_timeout) {
		log_info("%s: idle for %d s, closing", w->p->source,
		    w->idle_timeout);
		msg_send(w->p->broker_fd, -1, MSG_END_UI, (char *)NULL);
		say(w, w->idle_text);
		web_close(w);
	}
	if (w->ui_done && !w->closing && (w->ui_exited || w->broker_gone ||
	    now - w->ui_done_at > WEB_EXIT_WAIT))
		web_close(w);
	if (w->queue_len > 0)
		next = 0.02;
	else if (w->ui_done)
		next = 0.1;
	else {
		next = w->last_input + w->idle_timeout - now;
		if (next > 60)
			next = 60;
		if (next < 0.02)
			next = 0.02;
	}
	lws_sul_schedule(w->ctx, 0, &w->tick, on_tick,
	    (lws_usec_t)(next * LWS_US_PER_SEC));
}

static void
lws_to_log(int level, const char *line)
{
	size_t len = strlen(line);

	(void)level;
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	log_warn("web: %.*s", (int)len, line);
}

static const struct lws_protocols protocols[] = {
	{ "http", on_lws, 0, 0, 0, NULL, 0 },
	{ "quartier", on_lws, 0, WEB_RX_MAX, 0, NULL, 0 },
	{ "quartier-fd", on_lws, 0, 0, 0, NULL, 0 },
	{ NULL, NULL, 0, 0, 0, NULL, 0 },
};

int
web_run(struct session_params *p)
{
	struct lws_context_creation_info info;
	struct web w;
	int status = 1;

	memset(&w, 0, sizeof w);
	w.p = p;
	w.master = -1;
	w.started = now_precise();
	the_web = &w;
	prctl(PR_SET_NAME, "quartier-web", 0, 0, 0);
	signal(SIGPIPE, SIG_IGN);
	if (session_descriptors(p) != 0)
		return 1;
	w.queue_cap = (size_t)p->config->input_burst + WEB_RX_MAX;
	w.queue = xmalloc(w.queue_cap);
	lws_set_log_level(LLL_ERR, lws_to_log);

	/* Everything libwebsockets opens, it opens here, before the
	 * sandbox: the TLS certificate and key, its own event descriptor. */
	memset(&info, 0, sizeof info);
	/* A server that listens nowhere: the connection is adopted. */
	info.port = CONTEXT_PORT_NO_LISTEN_SERVER;
	info.protocols = protocols;
	info.options = LWS_SERVER_OPTION_EXPLICIT_VHOSTS;
	if (p->tls)
		info.options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
	info.fd_limit_per_thread = 16;
	info.keepalive_timeout = 5;
	info.timeout_secs = p->config->login_grace_time;
	info.alpn = "http/1.1";
	w.retry.secs_since_valid_ping = (uint16_t)p->config->keepalive_interval;
	w.retry.secs_since_valid_hangup =
	    (uint16_t)(3 * p->config->keepalive_interval);
	info.retry_and_idle_policy = &w.retry;
	if (p->tls) {
		info.ssl_cert_filepath = p->config->web_certificate;
		info.ssl_private_key_filepath = p->config->web_private_key;
	}
	info.vhost_name = "quartier";
	if ((w.ctx = lws_create_context(&info)) == NULL ||
	    (w.vhost = lws_create_vhost(w.ctx, &info)) == NULL) {
		log_error("%s: cannot start libwebsockets", p->source);
		goto out;
	}
	if (session_confine(p) != 0)
		goto out;
	if (lws_adopt_socket_vhost(w.vhost, p->fd) == NULL) {
		log_error("%s: cannot take the connection", p->source);
		goto out;
	}
	lws_sul_schedule(w.ctx, 0, &w.tick, on_tick, LWS_US_PER_SEC);
	while (!w.done) {
		if (lws_service(w.ctx, 0) < 0)
			break;
	}
	if (w.running && !w.ui_done && !w.broker_gone)
		msg_send(p->broker_fd, -1, MSG_END_UI, (char *)NULL);
	status = 0;
out:
	if (w.ctx != NULL) {
		lws_sul_cancel(&w.tick);
		lws_context_destroy(w.ctx);
	}
	free(w.queue);
	free(w.idle_text);
	return status;
}
