#!/usr/bin/python3
# web.py: what a browser does against quartierd's web gateway, without
# the browser: tests/e2e/web.sh drives it.
#
#   web.py get PORT PATH          status and headers of PATH, then the body
#   web.py refused PORT ORIGIN    exit 0 when the WebSocket is refused
#                                 ("-" sends no Origin)
#   web.py session PORT QUERY ACTION...
#       wait:TEXT    read the terminal's output until TEXT comes
#       send:TEXT    a text message of the page ("i" keys, "r" size)
#       binary:HEX   a binary message, which the page never sends
#       closed       the server closes the connection
#       until:FILE   say FILE.ready, then wait until FILE exists
#
# $WEB_FORWARDED_FOR, when set, is sent as X-Forwarded-For; $WEB_TLS
# speaks https and wss.
import os
import ssl
import sys
import time
import urllib.request
import urllib.error

import websocket

WAIT = float(os.environ.get("QUARTIER_TEST_WAIT", "10")) * 2


# $WEB_TLS, when set: https and wss, the test's own certificate.
TLS = bool(os.environ.get("WEB_TLS"))
HTTP = "https" if TLS else "http"
NOCHECK = ssl.create_default_context()
NOCHECK.check_hostname = False
NOCHECK.verify_mode = ssl.CERT_NONE


def url(port, path):
    return "%s://127.0.0.1:%s%s" % ("wss" if TLS else "ws", port, path)


def connect(port, query, origin):
    kw = {"subprotocols": ["quartier"], "timeout": WAIT}
    if TLS:
        kw["sslopt"] = {"cert_reqs": ssl.CERT_NONE}
    if os.environ.get("WEB_FORWARDED_FOR"):
        kw["header"] = ["X-Forwarded-For: " + os.environ["WEB_FORWARDED_FOR"]]
    if origin is None:
        kw["suppress_origin"] = True
    else:
        kw["origin"] = origin
    return websocket.create_connection(url(port, "/session?" + query), **kw)


def get(port, path):
    try:
        r = urllib.request.urlopen("%s://127.0.0.1:%s%s" % (HTTP, port, path),
                                   timeout=WAIT, context=NOCHECK if TLS else None)
    except urllib.error.HTTPError as e:
        r = e
    print("status: %d" % r.status)
    for name, value in r.headers.items():
        print("%s: %s" % (name.lower(), value))
    print()
    sys.stdout.write(r.read().decode("utf-8", "replace"))


def refused(port, origin):
    try:
        ws = connect(port, "cols=80&rows=24", None if origin == "-" else origin)
    except (websocket.WebSocketException, OSError) as e:
        print("refused:", e)
        return 0
    ws.close()
    print("accepted")
    return 1


def session(port, query, actions):
    ws = connect(port, query, "%s://127.0.0.1:%s" % (HTTP, port))
    out = b""
    for a in actions:
        kind, _, arg = a.partition(":")
        if kind == "wait":
            end = time.time() + WAIT
            while arg.encode() not in out:
                if time.time() > end:
                    print("not seen:", arg)
                    print(out[-2000:].decode("utf-8", "replace"))
                    return 1
                # Short reads: a ping from the server is no output.
                ws.settimeout(max(0.1, min(2, end - time.time())))
                try:
                    out += ws.recv()
                except websocket.WebSocketTimeoutException:
                    pass
            out = out[out.index(arg.encode()) + len(arg.encode()):]
        elif kind == "send":
            ws.send(arg)
        elif kind == "binary":
            ws.send_binary(bytes.fromhex(arg))
        elif kind == "closed":
            try:
                while True:
                    if ws.recv() in (b"", ""):
                        break
            except websocket.WebSocketConnectionClosedException:
                pass
            except websocket.WebSocketTimeoutException:
                print("still open")
                return 1
            return 0
        elif kind == "until":
            open(arg + ".ready", "w").close()
            end = time.time() + 6 * WAIT
            while not os.path.exists(arg) and time.time() < end:
                time.sleep(0.1)
    ws.close()
    return 0


def main():
    cmd, port = sys.argv[1], sys.argv[2]
    if cmd == "get":
        get(port, sys.argv[3])
        return 0
    if cmd == "refused":
        return refused(port, sys.argv[3])
    return session(port, sys.argv[3], sys.argv[4:])


sys.exit(main())
