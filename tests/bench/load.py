#!/usr/bin/python3
"""load.py - the client side of tests/bench/load.sh (see there).

For each number N and each target server, opens N SSH sessions with a pty
(80x24, xterm) and public key authentication, RATE new ones a second, and
times how long each takes to show the main menu.  Once all are in, every
session does what a resident does, with a pause of 0.3 to 1.2 s between
keys: opens the wall, pages it, writes a post (its title typed key by key,
each key timed until the server echoes it), sends it, goes to the mail,
opens the newest conversation, and comes back to the menu.  Meanwhile the
server's processes are measured: PSS (/proc/PID/smaps_rollup) summed over
every process below the listener, while all N sessions are open; CPU time
of the listener and everything it ran and reaped (utime, stime, cutime,
cstime of /proc/PID/stat), from before the first connection until the
last session's processes are gone.

Screens are recognised by words of the French interface in the bytes the
server sends (the bench residents have no language of their own, and the
default is French).
"""

import argparse
import asyncio
import json
import os
import random
import sys
import time
import warnings

# Debian 12's asyncssh imports ciphers that python3-cryptography calls
# deprecated; none of them is used here.
warnings.filterwarnings("ignore", module="asyncssh")
import asyncssh  # noqa: E402

# Each screen by a few of its words: curses sends only the cells that
# changed, so any one of them may come in pieces when the screen before
# had the same letters in the same places.
MENU = ("Petites annonces", "Mon profil", "Se déconnecter")
WALL = ("Nouveau message", "Catégorie")
COMPOSE = ("Envoyer", "Champ suivant")
POSTED = ("Votre message est sur le mur.",)
MAIL = ("Envoyés", "Bloqués")
THREAD = ("Répondre", "Signaler")
TIMEOUT = 30.0
PGDN = b"\x1b[6~"
TAB = b"\t"
F2 = b"\x1bOQ"
ENTER = b"\r"
CLK_TCK = os.sysconf("SC_CLK_TCK")


class Screen(asyncssh.SSHClientSession):
    """The bytes a session received, and a way to wait for some."""

    def __init__(self):
        self.buf = bytearray()
        self.event = asyncio.Event()
        self.closed = False

    def data_received(self, data, datatype):
        self.buf += data
        self.event.set()

    def connection_lost(self, exc):
        self.closed = True
        self.event.set()

    def mark(self):
        return len(self.buf)

    async def wait_for(self, words, since, timeout=TIMEOUT):
        """Wait until one of WORDS (or any byte, for None) arrives after
        offset SINCE."""
        deadline = time.monotonic() + timeout
        needles = [w.encode() for w in words] if words else []
        while True:
            if not needles:
                if len(self.buf) > since:
                    return
            elif any(self.buf.find(n, since) >= 0 for n in needles):
                return
            if self.closed:
                raise ConnectionError("the server closed the session")
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no %s on the screen" % (
                    " or ".join(repr(w) for w in words) if words
                    else "answer"))
            self.event.clear()
            try:
                await asyncio.wait_for(self.event.wait(), left)
            except asyncio.TimeoutError:
                pass


class Session:
    def __init__(self, target, handle, key):
        self.target = target
        self.handle = handle
        self.key = key
        self.conn = None
        self.chan = None
        self.screen = None
        self.connect_ms = None
        self.steps = {}
        self.echo_ms = []
        self.error = None
        self.doing = "connect"

    async def open(self):
        start = time.monotonic()
        self.conn = await asyncssh.connect(
            "127.0.0.1", self.target["port"],
            username=(self.handle if self.target["user"] == "handle"
                      else self.target["user"]),
            client_keys=[self.key], known_hosts=None, agent_path=None,
            kex_algs=["curve25519-sha256"],
            server_host_key_algs=["ssh-ed25519"],
            encryption_algs=["chacha20-poly1305@openssh.com"],
            compression_algs=["none"], preferred_auth="publickey",
            login_timeout=TIMEOUT)
        self.chan, self.screen = await self.conn.create_session(
            Screen, term_type="xterm", term_size=(80, 24), encoding=None)
        await self.screen.wait_for(MENU, 0)
        self.connect_ms = (time.monotonic() - start) * 1000

    async def press(self, data, needle, step=None):
        self.doing = step or "key %r" % data
        mark = self.screen.mark()
        start = time.monotonic()
        self.chan.write(data)
        await self.screen.wait_for(needle, mark)
        if step is not None:
            self.steps.setdefault(step, []).append(
                (time.monotonic() - start) * 1000)

    async def pause(self):
        await asyncio.sleep(random.uniform(0.3, 1.2))

    async def act(self):
        await self.pause()
        await self.press(b"1", WALL, "open the wall")
        await self.pause()
        await self.press(PGDN, None, "page the wall")
        await self.pause()
        await self.press(b"n", COMPOSE, "open the post form")
        # The category first (its number, then Tab to leave its line),
        # then the title, one key at a time, each timed to its echo; then
        # the body pasted at once.
        await self.press(b"1", None)
        await self.press(TAB, None)
        for ch in "Perceuse":
            await asyncio.sleep(random.uniform(0.05, 0.2))
            mark = self.screen.mark()
            start = time.monotonic()
            self.chan.write(ch.encode())
            await self.screen.wait_for((ch,), mark)
            self.echo_ms.append((time.monotonic() - start) * 1000)
        await self.press(TAB, None)
        self.chan.write(("Je prête ma perceuse ce week-end, "
                         "demandez à %s." % self.handle).encode())
        await self.pause()
        await self.press(F2, POSTED, "send a post")
        await self.pause()
        await self.press(b"q", MENU, "back to the menu")
        await self.pause()
        await self.press(b"5", MAIL, "open the mail")
        await self.pause()
        await self.press(ENTER, THREAD, "open a conversation")
        await self.pause()
        await self.press(b"q", MAIL)
        await self.press(b"q", MENU)

    def close(self):
        if self.conn is not None:
            self.conn.close()


def descendants(root):
    """Every process below ROOT (not ROOT itself)."""
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def comm(pid):
    try:
        with open("/proc/%d/comm" % pid) as f:
            return f.read().strip()
    except OSError:
        return ""


def pss_kib(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(target):
    """The server's CPU time so far, in seconds: its cgroup's, or else
    utime + stime + cutime + cstime of the listener."""
    path = target["cgroup"]
    if path:
        with open(path) as f:
            text = f.read()
        if path.endswith("cpu.stat"):
            for line in text.splitlines():
                if line.startswith("usage_usec "):
                    return int(line.split()[1]) / 1e6
        return int(text) / 1e9
    with open("/proc/%d/stat" % target["pid"]) as f:
        stat = f.read()
    fields = stat[stat.rindex(")") + 2:].split()
    return sum(int(x) for x in fields[11:15]) / CLK_TCK


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


async def run_round(target, n, residents, keys, rate, idle):
    sessions = [Session(target, handle, keys[handle])
                for _, handle in residents[:n]]
    pid = target["pid"]
    cpu_before = cpu_seconds(target)

    async def open_one(i, s):
        await asyncio.sleep(i / rate)
        try:
            await s.open()
        except (OSError, asyncssh.Error, TimeoutError,
                ConnectionError) as e:
            s.error = "connect: %s" % e

    await asyncio.gather(*(open_one(i, s) for i, s in enumerate(sessions)))
    await asyncio.sleep(2)
    procs = descendants(pid)
    pss_idle = sum(pss_kib(p) for p in procs)
    nprocs = len(procs)
    # Everyone at the menu, nobody typing: what the server spends on
    # sessions that only sit there.
    idle_cpu = None
    if idle > 0:
        before = cpu_seconds(target)
        await asyncio.sleep(idle)
        idle_cpu = cpu_seconds(target) - before

    async def act_one(s):
        if s.error is not None:
            return
        try:
            await s.act()
        except (OSError, asyncssh.Error, TimeoutError,
                ConnectionError) as e:
            s.error = "%s: %s" % (s.doing, e)

    await asyncio.gather(*(act_one(s) for s in sessions))
    await asyncio.sleep(1)
    procs = descendants(pid)
    pss_busy = sum(pss_kib(p) for p in procs)
    # The same quartier runs under both servers: what differs is the
    # rest, the server's own processes for each session.
    pss_ui = sum(pss_kib(p) for p in procs if comm(p) == "quartier")
    listener_pss = pss_kib(pid)
    for s in sessions:
        s.close()
    # The CPU of the sessions' processes reaches the listener's cutime and
    # cstime when they have been reaped: wait until none is left.
    closed = time.monotonic()
    deadline = closed + 60
    while descendants(pid) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    left = len(descendants(pid))
    if left:
        print("  %s, N = %d: %d processes still there after 60 s" % (
            target["name"], n, left))
    await asyncio.sleep(0.5)
    cpu_after = cpu_seconds(target)

    ok = [s for s in sessions if s.error is None]
    steps = {}
    for s in ok:
        for name, values in s.steps.items():
            steps.setdefault(name, []).extend(values)
    connect = [s.connect_ms for s in ok]
    echo = [v for s in ok for v in s.echo_ms]
    return {
        "target": target["name"], "sessions": n, "ok": len(ok),
        "errors": sorted({s.error for s in sessions if s.error}),
        "connect_ms": connect, "echo_ms": echo, "steps": steps,
        "cpu_s": cpu_after - cpu_before, "idle_s": idle,
        "idle_cpu_s": idle_cpu,
        "pss_kib_idle": pss_idle, "pss_kib_busy": pss_busy,
        "pss_kib_ui": pss_ui,
        "processes": nprocs, "listener_pss_kib": listener_pss,
    }


def summary(r):
    n = max(r["ok"], 1)
    out = {
        "connect p50": percentile(r["connect_ms"], 50),
        "connect p99": percentile(r["connect_ms"], 99),
        "echo p50": percentile(r["echo_ms"], 50),
        "echo p99": percentile(r["echo_ms"], 99),
    }
    for name in ("open the wall", "send a post", "open the mail"):
        out[name + " p50"] = percentile(r["steps"].get(name, []), 50)
        out[name + " p99"] = percentile(r["steps"].get(name, []), 99)
    out["CPU ms/session"] = r["cpu_s"] * 1000 / n
    if r["idle_cpu_s"] is not None:
        out["idle CPU ms/session/min"] = (r["idle_cpu_s"] * 1000 / n *
                                          60 / r["idle_s"])
    out["PSS KiB/session"] = r["pss_kib_busy"] / n
    out["  of which the server"] = (r["pss_kib_busy"] - r["pss_kib_ui"]) / n
    out["  of which quartier"] = r["pss_kib_ui"] / n
    out["processes/session"] = r["processes"] / n
    return out


UNITS = {"CPU ms/session": "", "PSS KiB/session": "",
         "  of which the server": "", "  of which quartier": "",
         "processes/session": "", "idle CPU ms/session/min": ""}


def print_round(n, results):
    a, b = results
    sa, sb = summary(a), summary(b)
    print()
    print("N = %d: %s %d/%d sessions ok, %s %d/%d" % (
        n, a["target"], a["ok"], n, b["target"], b["ok"], n))
    for r in (a, b):
        for e in r["errors"]:
            print("  %s: %s" % (r["target"], e))
    print("  %-26s %12s %12s %8s" % ("", a["target"], b["target"], "ratio"))
    for k in sa:
        va, vb = sa[k], sb[k]
        ratio = va / vb if vb else float("nan")
        unit = "" if k in UNITS else " ms"
        label = k + unit
        print("  %-26s %12.1f %12.1f %8.2f" % (label, va, vb, ratio))
    sys.stdout.flush()


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", action="append", required=True,
                    help="NAME:PORT:LISTENER_PID:USER[:CPU_FILE] (USER "
                    "'handle': log in as the resident; CPU_FILE: the "
                    "server's cgroup cpu.stat or cpuacct.usage)")
    ap.add_argument("--residents", required=True)
    ap.add_argument("--keys", required=True)
    ap.add_argument("--rate", type=float, default=50)
    ap.add_argument("--idle", type=float, default=0,
                    help="seconds every session waits at the menu, "
                    "measured apart, before the actions")
    ap.add_argument("--json")
    ap.add_argument("rounds", nargs="+", type=int)
    args = ap.parse_args()

    targets = []
    for t in args.target:
        name, port, pid, user, cgroup = (t.split(":") + [""])[:5]
        targets.append({"name": name, "port": int(port), "pid": int(pid),
                        "user": user, "cgroup": cgroup})
    residents = []
    with open(args.residents) as f:
        for line in f:
            rid, handle = line.split()
            residents.append((int(rid), handle))
    keys = {h: asyncssh.read_private_key(os.path.join(args.keys, h))
            for _, h in residents}

    print("load.py: %s; %g new connections a second" % (
        ", ".join("%s on port %d (CPU from %s)" % (
            t["name"], t["port"], t["cgroup"] or "its listener's times")
            for t in targets), args.rate))
    # A round of ten, measured by nobody, for each server first: the
    # first sessions after a start find every cache cold.
    for t in targets:
        await run_round(t, min(10, len(residents)), residents, keys,
                        args.rate, 0)
    everything = []
    for i, n in enumerate(args.rounds):
        # Who goes first takes the colder caches: each round changes it.
        order = targets if i % 2 == 0 else targets[::-1]
        results = {}
        for t in order:
            results[t["name"]] = await run_round(t, n, residents, keys,
                                                 args.rate, args.idle)
            await asyncio.sleep(2)
        results = [results[t["name"]] for t in targets]
        print_round(n, results)
        everything.extend(results)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(everything, f, indent=1)


if __name__ == "__main__":
    asyncio.run(main())
