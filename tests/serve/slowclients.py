#!/usr/bin/env python3
"""tests/serve/slowclients.py: `vecdoc serve` against slow clients (issue 18).

Usage: slowclients.py PORT

Talks to a running `vecdoc serve` on 127.0.0.1:PORT, only over loopback,
bounded in time (about 25 s, never more than 90 s) and in count:

1. per address: 100 connections from 127.0.0.2 that never finish their
   header; exactly 64 (the per-address limit) stay open, the rest are
   closed at once.
2. header bound (at the same time as 1): a connection from 127.0.0.3
   that sends one header line a second is closed 10 s (+ the watchdog's
   tick) after it opened, although it is never idle.
3. load: 600 slow connections from ten addresses (127.0.0.10-19, 60
   each, under the per-address limit; each reconnects a second after the
   server drops it) are held while 10,000 normal requests from 127.0.0.1
   are made on fresh connections, four at a time; every one must get its
   200 (a "held" count is the slow connections the client saw open).

Prints one line per check, "ok: ..." or "FAIL: ...", and exits 1 if any
check failed.
"""
import socket
import sys
import threading
import time

PORT = int(sys.argv[1])
DEADLINE = time.monotonic() + 90
failed = 0


def report(ok, what):
    global failed
    print(("ok: " if ok else "FAIL: ") + what, flush=True)
    if not ok:
        failed += 1


def slow_open(src):
    """A connection from address src that has sent half a header."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((src, 0))
    s.settimeout(5)
    s.connect(("127.0.0.1", PORT))
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    s.setblocking(False)
    return s


def closed(s):
    """Whether the server has closed s (end of stream or reset)."""
    try:
        return s.recv(4096) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def per_address():
    socks = []
    for _ in range(100):
        try:
            socks.append(slow_open("127.0.0.2"))
        except OSError:
            pass
    time.sleep(1.0)
    alive = 0
    for s in socks:
        # Drain whatever a closed one has: only open ones stay open.
        if not closed(s):
            alive += 1
    for s in socks:
        s.close()
    report(alive == 64, "per-address limit: %d of 100 slow connections "
           "from one address kept (want 64)" % alive)


def header_bound(result):
    s = slow_open("127.0.0.3")
    t0 = time.monotonic()
    n = 0
    while time.monotonic() - t0 < 14:
        time.sleep(1.0)
        if closed(s):
            break
        try:
            s.send(b"X-Line-%d: x\r\n" % n)
        except OSError:
            break
        n += 1
    result.append((time.monotonic() - t0, n))
    s.close()


class Attacker:
    """600 slow connections from ten addresses, each sending a header
    line every 2 s and reconnecting 1 s after the server closes it."""

    def __init__(self):
        self.stop = False
        self.peak = 0
        self.drops = 0

    def run(self):
        slots = []          # [socket or None, address, next action time]
        now = time.monotonic()
        for k in range(600):
            slots.append([None, "127.0.0.%d" % (10 + k % 10), now])
        while not self.stop and time.monotonic() < DEADLINE:
            now = time.monotonic()
            alive = 0
            for slot in slots:
                s, src, when = slot
                if s is None:
                    if now >= when:
                        try:
                            slot[0] = slow_open(src)
                            slot[2] = now + 2
                        except OSError:
                            slot[2] = now + 1
                    continue
                if closed(s):
                    s.close()
                    self.drops += 1
                    slot[0] = None
                    slot[2] = now + 1
                    continue
                alive += 1
                if now >= when:
                    try:
                        s.send(b"X-Slow: x\r\n")
                    except OSError:
                        pass
                    slot[2] = now + 2
            self.peak = max(self.peak, alive)
            time.sleep(0.1)
        for slot in slots:
            if slot[0] is not None:
                slot[0].close()


def normal_requests(count, out):
    ok = bad = 0
    first_error = None
    req = b"GET /m1/one.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    for _ in range(count):
        if time.monotonic() > DEADLINE:
            break
        try:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            s.settimeout(10)
            s.connect(("127.0.0.1", PORT))
            s.sendall(req)
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
            s.close()
            if data.startswith(b"HTTP/1.1 200"):
                ok += 1
            else:
                bad += 1
                first_error = first_error or repr(data[:40])
        except OSError as e:
            bad += 1
            first_error = first_error or str(e)
    out.append((ok, bad, first_error))


def main():
    # The probe runs alone: under load, the waiting cap would displace it
    # (the longest-waiting connection) long before the header bound.
    probe = []
    pt = threading.Thread(target=header_bound, args=(probe,))
    pt.start()
    per_address()
    pt.join()
    secs, lines = probe[0] if probe else (99, 0)
    report(9.5 <= secs <= 12.5,
           "a connection trickling a header line a second was closed after "
           "%.1f s and %d lines (want 10-12.5 s)" % (secs, lines))

    attacker = Attacker()
    at = threading.Thread(target=attacker.run)
    at.start()
    time.sleep(3)           # let the 600 pile up
    results = []
    t0 = time.monotonic()
    workers = [threading.Thread(target=normal_requests, args=(2500, results))
               for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - t0
    attacker.stop = True
    at.join()

    ok = sum(r[0] for r in results)
    bad = sum(r[1] for r in results)
    errs = [r[2] for r in results if r[2]]
    report(ok == 10000 and bad == 0,
           "%d of 10000 normal requests answered 200 in %.1f s while slow "
           "clients held up to %d connections (%d dropped by the server)%s"
           % (ok, elapsed, attacker.peak, attacker.drops,
              "; first error: " + errs[0] if errs else ""))
    report(attacker.drops > 0, "the server dropped slow connections")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
