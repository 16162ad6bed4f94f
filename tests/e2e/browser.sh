#!/bin/sh
# Quartier's web page in a real browser: Debian's Chromium, headless,
# driven by Selenium (tests/e2e/browser.py) against quartierd's web
# gateway on loopback.  Log in (after a wrong password), see the menu (a
# screenshot is kept), post on the wall with a paste, resize the window,
# log out; a closed tab ends its process.
. "$top_srcdir/tests/e2e/lib.sh"
grep -q '^#define HAVE_WEB 1' "$top_builddir/build-config.h" 2>/dev/null ||
	skip_all "quartierd is built without the web gateway"
[ -f /usr/share/javascript/xterm/xterm.css ] &&
	[ -d /usr/share/nodejs/xterm/lib ] ||
	skip_all "libjs-xterm and node-xterm are not installed"
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] ||
	skip_all "chromium and chromium-driver are not installed (./bootstrap --deps)"
/usr/bin/python3 -c 'import selenium' 2>/dev/null ||
	skip_all "python3-selenium is not installed (./bootstrap --deps)"

WEB_PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
start_quartierd "web_port = $WEB_PORT" "web_dir = $top_srcdir/data/web" \
    "login_delay_max = 1"
SHOT="$top_builddir/tests/e2e/browser-menu.png"
rm -f "$SHOT" "$SHOT.ready" "$SHOT.close"

children() { pgrep -P "$QUARTIERD_PID" -x "$1" 2>/dev/null || true; }
DEMO_PASSWORD=$DEMO_PASSWORD /usr/bin/python3 \
    "$top_srcdir/tests/e2e/browser.py" "$WEB_PORT" "$SHOT" \
    > "$TEST_TMP/browser.out" 2>&1 &
driver=$!
# Each line of the driver as it comes: the second page waits for this
# side to look at its process before it is closed.
seen=0
while :; do
	total=$(grep -c '^\(PASS\|FAIL\) ' "$TEST_TMP/browser.out")
	while [ "$seen" -lt "$total" ]; do
		seen=$((seen + 1))
		line=$(grep '^\(PASS\|FAIL\) ' "$TEST_TMP/browser.out" |
		    sed -n "${seen}p")
		case $line in
		PASS*) ok 0 "${line#PASS }" ;;
		*) ok 1 "${line#FAIL }"
		   diag "$(grep '^# ' "$TEST_TMP/browser.out" | tail -n 30)" ;;
		esac
	done
	[ -e "$SHOT.ready" ] && break
	kill -0 "$driver" 2>/dev/null || break
	sleep 0.2
done
check "the browser drove the page to its end" test -e "$SHOT.ready"
check "the menu's screenshot is kept ($SHOT)" test -s "$SHOT"
expect_log "failed password for marie from 127.0.0.1" \
    "the wrong password is a failed login, counted as over SSH"
expect_log "accepted password for marie from 127.0.0.1" \
    "the broker checked the right one"
check "the post is stored with its paste, accents and emoji" \
    test "$(sql "SELECT body FROM items WHERE title = 'Vélo œ à prêter'")" = "Qui a une pompe ? 👍🏽
À bientôt, les voisins"
check "the second page has its process" test -n "$(children quartier-web)"
touch "$SHOT.close"
wait "$driver"
check "the driver ended well" test $? -eq 0
eventually "closing the tab ends its process" test -z "$(children quartier-web)"
eventually "and its UI" no_ui
rm -f "$SHOT.ready" "$SHOT.close"

done_testing
