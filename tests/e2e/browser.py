#!/usr/bin/python3
# browser.py PORT SHOT: Quartier's web page in Debian's Chromium, headless,
# driven by Selenium.  Prints one "PASS description" or "FAIL description"
# a line for tests/e2e/browser.sh, which checks the server's side; SHOT is
# where the menu's screenshot goes.
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

PORT, SHOT = sys.argv[1], sys.argv[2]
WAIT = float(os.environ.get("QUARTIER_TEST_WAIT", "10")) * 2
PASSWORD = os.environ.get("DEMO_PASSWORD", "voisinage")

SCREEN = """
var t = window.quartierTerminal, b, out = [];
if (!t)
	return "";
b = t._core.buffer;
for (var y = 0; y < t.rows; y++)
	out.push(b.translateBufferLineToString(b.ydisp + y, true));
return out.join("\\n");
"""

SEEN = """
var t = window.quartierTerminal, write = t.write.bind(t);
window.quartierSeen = "";
t.write = function (s) {
	window.quartierSeen += s;
	write(s);
};
"""

PASTE = """
var dt = new DataTransfer(), area = document.querySelector(
    "textarea.xterm-helper-textarea");
dt.setData("text/plain", arguments[0]);
area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt,
    bubbles: true, cancelable: true }));
"""


def say(ok, what):
    print("%s %s" % ("PASS" if ok else "FAIL", what), flush=True)


def browser(width, height):
    o = Options()
    o.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--window-size=%d,%d" % (width, height)):
        o.add_argument(a)
    o.add_experimental_option("prefs", {"intl.accept_languages": "fr-FR,fr"})
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                            options=o)


def screen(d):
    return d.execute_script(SCREEN) or ""


def wait_for(d, text, what):
    end = time.time() + WAIT
    while time.time() < end:
        if text in screen(d):
            say(True, what)
            return True
        time.sleep(0.1)
    say(False, what)
    print("# not on the screen: %s\n# %s" % (text,
          screen(d).replace("\n", "\n# ")), flush=True)
    return False


def keys(d, *what):
    d.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea") \
        .send_keys(*what)


def main():
    d = browser(1000, 700)
    try:
        d.get("http://127.0.0.1:%s/" % PORT)
        wait_for(d, "Bienvenue sur Quartier",
                 "the page opens on Quartier's login screen, in French")
        size = d.execute_script("var t = window.quartierTerminal; "
                                "return [t.cols, t.rows];")
        say(size[0] >= 80 and size[1] >= 24,
            "the terminal is 80x24 at least (%dx%d)" % tuple(size))
        blocked = [e["message"] for e in d.get_log("browser")
                   if "Content Security Policy" in e["message"]]
        say(not blocked, "nothing of the page is blocked by its own CSP")
        for m in blocked:
            print("# " + m)

        # What the page is sent, kept: the pause is over before a look
        # at the screen may come.
        d.execute_script(SEEN)
        keys(d, "marie", Keys.TAB, "mauvais", Keys.ENTER)
        end = time.time() + WAIT
        while time.time() < end and "Patientez" not in \
                d.execute_script("return window.quartierSeen;"):
            time.sleep(0.1)
        say("Patientez" in d.execute_script(
            "return window.quartierSeen;"), "a wrong password is slowed down")
        # The pause drops keys: type once it is over.
        end = time.time() + WAIT
        while time.time() < end and ("Patientez" in screen(d) or
                                     "incorrect." not in screen(d)):
            time.sleep(0.1)
        say("incorrect." in screen(d) and "Patientez" not in screen(d),
            "and then said wrong, after the pause")
        keys(d, PASSWORD, Keys.ENTER)
        wait_for(d, "Bonjour Marie", "the right one reaches the menu")
        d.save_screenshot(SHOT)

        keys(d, "1")
        wait_for(d, "Mur", "1 opens the wall")
        keys(d, "n")
        wait_for(d, "Nouveau message", "n opens the editor")
        keys(d, "2", Keys.TAB, "Vélo œ à prêter", Keys.TAB)
        d.execute_script(PASTE, "Qui a une pompe ? 👍🏽\nÀ bientôt, les voisins")
        wait_for(d, "À bientôt", "a paste reaches the editor")
        keys(d, Keys.F2)
        wait_for(d, "Votre message est sur le mur.", "F2 sends the post")
        wait_for(d, "Vélo œ à prêter", "the post is on the wall")

        d.set_window_size(1400, 1000)
        end = time.time() + WAIT
        while time.time() < end:
            size2 = d.execute_script("var t = window.quartierTerminal; "
                                     "return [t.cols, t.rows];")
            last = screen(d).split("\n")[-1]
            if size2 != size and last.strip() != "":
                break
            time.sleep(0.1)
        say(size2 != size and last.strip() != "",
            "a larger window: %dx%d, and the UI redraws to it" % tuple(size2))

        keys(d, Keys.ESCAPE)
        wait_for(d, "Bonjour Marie", "Esc goes back to the menu")
        keys(d, "q")
        wait_for(d, "(o/n)", "q asks before logging out")
        keys(d, "o")
        wait_for(d, "La connexion est fermée",
                 "logging out ends the session, and the page says so")
    finally:
        d.quit()

    # A second page, closed on the login screen: the shell checks that
    # its process has gone.
    d = browser(800, 600)
    try:
        d.get("http://127.0.0.1:%s/" % PORT)
        wait_for(d, "Bienvenue sur Quartier", "a second page opens")
        open(SHOT + ".ready", "w").close()
        end = time.time() + 6 * WAIT
        while not os.path.exists(SHOT + ".close") and time.time() < end:
            time.sleep(0.1)
    finally:
        d.quit()
    return 0


sys.exit(main())
