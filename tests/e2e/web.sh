#!/bin/sh
# The web gateway (web_port), as a browser meets it but without one: the
# page and its headers, the origin check on the WebSocket, a session on
# it in the same sandbox as an SSH connection's, Quartier's login screen
# whose passwords the broker checks under the penalties of SSH logins,
# the signup form, resizes, bad messages that end their connection only,
# and a closed tab that ends its session.
. "$top_srcdir/tests/e2e/lib.sh"
grep -q '^#define HAVE_WEB 1' "$top_builddir/build-config.h" 2>/dev/null ||
	skip_all "quartierd is built without the web gateway"
[ -f /usr/share/javascript/xterm/xterm.css ] &&
	[ -d /usr/share/nodejs/xterm/lib ] ||
	skip_all "libjs-xterm and node-xterm are not installed"
PY=/usr/bin/python3
"$PY" -c 'import websocket' 2>/dev/null ||
	skip_all "python3-websocket is not installed"
WEB="$PY $top_srcdir/tests/e2e/web.py"
TAB=$(printf '\t') CR=$(printf '\r')

WEB_PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
start_quartierd "web_port = $WEB_PORT" "web_dir = $top_srcdir/data/web" \
    "source_penalty_after = 3" "login_delay_max = 1" \
    "web_trusted_proxy = 192.0.2.1"

expect_log "web gateway without TLS (no web_certificate): loopback only" \
    "without TLS the web gateway says it listens on loopback only"
expect_log "listening on 127.0.0.1,::1 port $WEB_PORT (web)" \
    "and listens there, whatever web_listen says"

# 1. The page and its headers.
$WEB get "$WEB_PORT" / > "$TEST_TMP/page"
header() { grep -i "^$1: " "$TEST_TMP/page" | head -n 1 | cut -d' ' -f2-; }
check "the page is served" grep -q '^status: 200' "$TEST_TMP/page"
check "the page loads its script from a file" \
    grep -q '<script src="/quartier.js"' "$TEST_TMP/page"
check_fails "and has no inline script" grep -q '<script>' "$TEST_TMP/page"
csp=$(header content-security-policy)
check "a Content-Security-Policy: scripts of the site only" \
    sh -c "echo \"\$1\" | grep -q \"script-src 'self';\"" - "$csp"
check_fails "with no inline script or style allowed" \
    sh -c "echo \"\$1\" | grep -q 'unsafe'" - "$csp"
check "nothing by default, never in a frame" \
    sh -c "echo \"\$1\" | grep -q \"default-src 'none'.*frame-ancestors 'none'\"" - "$csp"
check "X-Frame-Options: DENY" test "$(header x-frame-options)" = DENY
check "the page is never cached" test "$(header cache-control)" = no-store
$WEB get "$WEB_PORT" /xterm/xterm.js > "$TEST_TMP/xterm"
check "xterm.js comes from Debian's node-xterm, in one script" \
    grep -q '^"public/Terminal": function' "$TEST_TMP/xterm"
$WEB get "$WEB_PORT" /quartier.db > "$TEST_TMP/missing"
check "nothing else is served" grep -q '^status: 404' "$TEST_TMP/missing"

# 2. The WebSocket: this site's pages only.
check "a WebSocket from another origin is refused" \
    $WEB refused "$WEB_PORT" http://evil.example
check "one from this host on another port too" \
    $WEB refused "$WEB_PORT" "http://127.0.0.1:$PORT"
check "one without an Origin too" $WEB refused "$WEB_PORT" -
expect_log "refused a WebSocket from another origin" "the refusal is logged"
check_fails "and no UI was started for them" test -n "$(ui_pids)"

# 3. A session: Quartier's login screen, in the sandbox.
children() { pgrep -P "$QUARTIERD_PID" -x "$1" 2>/dev/null || true; }
$WEB session "$WEB_PORT" "cols=80&rows=24&lang=fr" "wait:Bienvenue sur Quartier" \
    "until:$TEST_TMP/end" > "$TEST_TMP/session.out" 2>&1 &
client=$!
eventually "the page's WebSocket opens the login screen" \
    test -e "$TEST_TMP/end.ready"
stage=$(children quartier-web)
check "the WebSocket is a process of its own" test -n "$stage"
check "under seccomp, as an SSH connection's stage (Seccomp: 2)" \
    test "$(sed -n 's/^Seccomp:[[:space:]]*//p' "/proc/$stage/status")" = 2
check "not as root" test "$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$stage/status")" = "$(id -u "$RUN_AS")"
check_fails "without the database" \
    sh -c "ls -l /proc/$stage/fd | grep -qF '$DB'"
check "a UI runs for it" test -n "$(ui_pids)"
touch "$TEST_TMP/end"
wait "$client"
eventually "closing the page's WebSocket ends its process" \
    test -z "$(children quartier-web)"
eventually "and its UI" no_ui

# 4. Logging in: the broker checks the password; the menu, the wall.
check "a resident logs in from the page and reaches the menu" \
    $WEB session "$WEB_PORT" "cols=80&rows=24" "wait:Bienvenue sur Quartier" \
    "send:imarie" "send:i$TAB" "send:i$DEMO_PASSWORD" "send:i$CR" \
    "wait:Bonjour Marie" "send:i1" "wait:Mur"
expect_log "accepted password for marie from 127.0.0.1" \
    "the broker checked the password, as for SSH"
check "logging out ends the session" \
    $WEB session "$WEB_PORT" "cols=80&rows=24" "wait:Bienvenue sur Quartier" \
    "send:imarie" "send:i$TAB" "send:i$DEMO_PASSWORD" "send:i$CR" \
    "wait:Bonjour Marie" "send:iq" "wait:(o/n)" "send:io" closed

# 5. The signup form, from F2 (ESC O Q) on the login screen.
check "F2 on the login screen opens the signup form" \
    $WEB session "$WEB_PORT" "cols=80&rows=24" "wait:Bienvenue sur Quartier" \
    "send:i$(printf '\033OQ')" "wait:Étape 1 sur"
expect_log "web signup from 127.0.0.1" "the broker knows it is a signup"

# 6. Resizes reach the UI; English from the page's language.
check "a resize to 100x30 redraws the screen on 30 rows" \
    $WEB session "$WEB_PORT" "cols=80&rows=24&lang=en" "wait:Welcome to Quartier" \
    "send:r100 30" "wait:[30d"
check "the page's language choses the UI's (English here)" \
    $WEB session "$WEB_PORT" "cols=80&rows=24&lang=en" "wait:Password:"

# 7. Bad messages end their connection, and only it.
for bad in "send:r0 0" "send:r80" "send:xgarbage" "binary:00ff00" \
    "send:r99999 99999"; do
	check "a bad message ($bad) ends the connection" \
	    $WEB session "$WEB_PORT" "cols=80&rows=24" "wait:Bienvenue sur Quartier" \
	    "$bad" closed
done
check "a paste of 100 kB does not" $WEB session "$WEB_PORT" \
    "cols=80&rows=24" "wait:Bienvenue sur Quartier" \
    "send:i$(head -c 100000 /dev/zero | tr '\0' a)" "send:r81 24" \
    "wait:Bienvenue sur Quartier"
check "the gateway still opens sessions" \
    $WEB session "$WEB_PORT" "cols=80&rows=24" "wait:Bienvenue sur Quartier"
eventually "every session has ended" no_ui

# 8. Wrong passwords count against the source, as over SSH: after
# source_penalty_after (3), the listener keeps it out.  X-Forwarded-For
# from another address than web_trusted_proxy changes nothing.
for i in 1 2 3; do
	check "wrong password $i is refused" env WEB_FORWARDED_FOR=192.0.2.9 \
	    $WEB session "$WEB_PORT" "cols=80&rows=24" \
	    "wait:Bienvenue sur Quartier" "send:imarie" "send:i$TAB" \
	    "send:iwrong-$i" "send:i$CR" "wait:incorrect"
done
expect_log "failed password for marie from 127.0.0.1" \
    "a wrong password from the page is a failed login in the log"
# The pause doubles from 1 s: one more wrong try at a time until a
# connection comes within it.
local_kept_out() {
	$WEB refused "$WEB_PORT" "http://127.0.0.1:$WEB_PORT" && return 0
	env WEB_FORWARDED_FOR=192.0.2.9 $WEB session "$WEB_PORT" \
	    "cols=80&rows=24" "wait:Bienvenue sur Quartier" "send:imarie" \
	    "send:i$TAB" "send:iwrong" "send:i$CR" "wait:incorrect"
	return 1
}
eventually "then the source is kept out: the page cannot connect" \
    local_kept_out
expect_log "kept out" "the listener says why"
expect_log "X-Forwarded-For from an untrusted address, ignored" \
    "X-Forwarded-For is believed from web_trusted_proxy only"
check_fails "and the failures were not put on its address" \
    grep -q "failed password for marie from 192.0.2.9" "$SERVER_LOG"

# 9. Behind a reverse proxy (web_trusted_proxy): the client's address,
# not the proxy's, gets the penalty.
stop_quartierd
WEB_PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
start_quartierd "web_port = $WEB_PORT" "web_dir = $top_srcdir/data/web" \
    "source_penalty_after = 3" "login_delay_max = 1" \
    "web_trusted_proxy = 127.0.0.1"
for i in 1 2 3; do
	check "through the proxy, wrong password $i of 192.0.2.7" \
	    env WEB_FORWARDED_FOR="10.9.9.9, 192.0.2.7" $WEB session \
	    "$WEB_PORT" "cols=80&rows=24" "wait:Bienvenue sur Quartier" \
	    "send:imarie" "send:i$TAB" "send:iwrong-$i" "send:i$CR" \
	    "wait:incorrect"
done
expect_log "failed password for marie from 192.0.2.7 (proxy port" \
    "the failure is the client's, the last address of X-Forwarded-For"
# The pause doubles from 1 s: a try within it is refused unchecked.
kept_out() {
	env WEB_FORWARDED_FOR=192.0.2.7 $WEB session "$WEB_PORT" \
	    "cols=80&rows=24" "wait:Bienvenue sur Quartier" "send:imarie" \
	    "send:i$TAB" "send:iwrong" "send:i$CR" "wait:incorrect" &&
	grep -q "refused a password for marie from 192.0.2.7 (proxy port" \
	    "$SERVER_LOG"
}
eventually "the broker keeps the client out, unchecked" kept_out
check "another client behind the same proxy still logs in" \
    env WEB_FORWARDED_FOR=192.0.2.8 $WEB session "$WEB_PORT" \
    "cols=80&rows=24" "wait:Bienvenue sur Quartier" "send:imarie" \
    "send:i$TAB" "send:i$DEMO_PASSWORD" "send:i$CR" "wait:Bonjour Marie"

# 10. TLS: with a certificate, https and wss only, on web_listen.
if command -v openssl >/dev/null 2>&1; then
	stop_quartierd
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
	    -keyout "$TEST_TMP/web.key" -out "$TEST_TMP/web.crt" 2>/dev/null
	chmod 600 "$TEST_TMP/web.key"
	WEB_PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
	start_quartierd "web_port = $WEB_PORT" "web_dir = $top_srcdir/data/web" \
	    "web_listen = 127.0.0.1" "web_certificate = $TEST_TMP/web.crt" \
	    "web_private_key = $TEST_TMP/web.key"
	expect_log "listening on 127.0.0.1 port $WEB_PORT (web)" \
	    "with a certificate, the gateway listens on web_listen"
	check "the page over https" sh -c "WEB_TLS=1 $WEB get $WEB_PORT / | grep -q '^status: 200'"
	check_fails "not over plain http" sh -c "$WEB get $WEB_PORT / | grep -q '^status: 200'"
	check "the login screen over wss" env WEB_TLS=1 $WEB session \
	    "$WEB_PORT" "cols=80&rows=24" "wait:Bienvenue sur Quartier"
	check "an http:// Origin is refused on https" env WEB_TLS=1 \
	    $WEB refused "$WEB_PORT" "http://127.0.0.1:$WEB_PORT"
else
	skip "the gateway over TLS" "openssl is not installed"
fi

done_testing
