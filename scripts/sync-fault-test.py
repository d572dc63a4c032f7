#!/usr/bin/env python3
"""The agent's sync against the real lintel-platform on loopback, through a fault-injecting proxy.

usage: sync-fault-test.py LINTEL LINTEL_PLATFORM [--kill-cycles N] [--skip-faults]

The agent (`lintel run`, virtual panel on loopback, no hardware) is paired with a platform that
holds the demo world; the agent talks to it through a proxy of this script's own, which passes
requests on or breaks them: 500, 503 with Retry-After, a slow answer, a body cut mid-stream,
malformed JSON, a valid body of the wrong schema, a connection reset after a push reached the
platform. While each fault lasts the panel makes events (presence on and off) and the platform
changes the panel's bookings; once it clears, the panel must catch up: every event at the
platform once, the platform's latest bookings in the panel's store, and the fault counted in
lintel_sync_failures_total by its reason.

Then kill -9 cycles: the agent is started, killed with SIGKILL at a random moment while it
applies deltas (the platform rewrites the scope's booking titles each cycle) and drains its
outbox, and started again; every few cycles the platform is killed mid-batch too. After each kill
the panel's store passes PRAGMA integrity_check and its outbox never lost an event it had (the
sequence only grows, without gaps); at the end the outbox drains and the platform holds each of
its events exactly once.
"""
import argparse
import atexit, http.client, json, os, random, signal, socket, sqlite3, struct, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ADMIN = "sync-fault-test-admin-token-0123456789"
SPACE = "ams-r-tulip"


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port


def fail(message):
    sys.exit(f"sync-fault-test: FAILED: {message}")


class Fault:
    """What the proxy does to the next requests whose path contains `path`."""
    lock = threading.Lock()
    mode, path, remaining, seen = None, "", 0, 0

    @classmethod
    def set(cls, mode, path, count):
        with cls.lock: cls.mode, cls.path, cls.remaining, cls.seen = mode, path, count, 0

    @classmethod
    def take(cls, path):
        with cls.lock:
            if cls.mode and cls.remaining > 0 and cls.path in path:
                cls.remaining -= 1; cls.seen += 1
                return cls.mode
            return None


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a panel killed mid-request resets its connection: expected here


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream = 0

    def log_message(self, *args): pass

    def do_GET(self): self.relay()
    def do_POST(self): self.relay()

    def relay(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        if self.path.startswith("/v1/device/poke"):
            # No WebSocket through the proxy: the panel polls, which is what faults are about.
            return self.answer(404, b'{"code":"not_found"}')
        mode = Fault.take(self.path)
        if mode == "500": return self.answer(500, b'{"type":"about:blank","title":"boom","status":500,"code":"internal"}')
        if mode == "503": return self.answer(503, b'{"type":"about:blank","title":"busy","status":503,"code":"unavailable"}', {"Retry-After": "1"})
        if mode == "slow": time.sleep(2.5)
        try:
            upstream = http.client.HTTPConnection("127.0.0.1", Proxy.upstream, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "host")}
            upstream.request(self.command, self.path, body=body, headers=headers)
            reply = upstream.getresponse()
            data = reply.read()
            status, reply_headers = reply.status, [(k, v) for k, v in reply.getheaders() if k.lower() not in ("connection", "transfer-encoding", "content-length")]
            upstream.close()
        except Exception:
            return self.reset()
        if mode == "reset":
            return self.reset()  # the push reached the platform; its answer never reaches the panel
        if mode == "cut" and len(data) > 8:
            self.send_response(status)
            for k, v in reply_headers: self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data[: len(data) // 2]); self.wfile.flush()
            self.close_connection = True
            return self.reset()
        if mode == "malformed" and status == 200:
            return self.answer(200, b'{"kind":"delta","cursor":"v1.9","checksum":"00000000000000ff","changes":[{"entity":')
        if mode == "schema" and status == 200:
            return self.answer(200, b'{"hello":"world","items":[1,2,3]}')
        self.send_response(status)
        for k, v in reply_headers: self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if data: self.wfile.write(data)

    def answer(self, status, data, extra=None):
        self.send_response(status)
        self.send_header("Content-Type", "application/problem+json" if status >= 400 else "application/json")
        for k, v in (extra or {}).items(): self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def reset(self):
        # RST instead of FIN: SO_LINGER with a zero timeout.
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass


class Child:
    """A process of the test's: killed with SIGKILL, or stopped with SIGTERM (SIGKILL after 15 s).
    Whatever still runs when the test ends (a failure, an exception) is killed on the way out."""
    process = None
    running = []

    @classmethod
    def kill_leftovers(cls):
        for child in cls.running:
            if child.process is not None and child.process.poll() is None:
                child.process.kill(); child.process.wait()

    def started(self, process):
        self.process = process
        if self not in Child.running: Child.running.append(self)

    def kill(self):
        self.process.send_signal(signal.SIGKILL); self.process.wait()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try: self.process.wait(timeout=15)
        except subprocess.TimeoutExpired: self.kill()


class Platform(Child):
    def __init__(self, binary, folder):
        self.binary, self.folder = binary, folder
        self.db = os.path.join(folder, "platform.sqlite")
        self.token = os.path.join(folder, "admin-token")
        with open(self.token, "w") as f: f.write(ADMIN)
        os.chmod(self.token, 0o600)
        self.port = free_port()
        self.process = None

    def start(self):
        log = open(os.path.join(self.folder, "platform.log"), "ab")
        self.started(subprocess.Popen([self.binary, "serve", "--db", self.db, "--port", str(self.port), "--admin-token-file", self.token],
                                      stdout=log, stderr=log))
        wait_for(lambda: http_ok(f"http://127.0.0.1:{self.port}/healthz"), 30, "the platform to answer /healthz")

    def admin(self, method, path, body):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=body, method=method)
        request.add_header("Authorization", "Bearer " + ADMIN)
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=60) as response: return response.status

    def receipts(self, device):
        db = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=30)
        rows = db.execute("SELECT seq FROM receipt WHERE deviceId = ?", (device,)).fetchall()
        db.close()
        return [r[0] for r in rows]


class Agent(Child):
    def __init__(self, binary, folder, config):
        self.binary, self.folder, self.config = binary, folder, config
        self.port = free_port()
        self.process = None

    def start(self):
        log = open(os.path.join(self.folder, "agent.log"), "ab")
        self.started(subprocess.Popen([self.binary, "run", "--config", self.config, "--http", f"127.0.0.1:{self.port}"], stdout=log, stderr=log))

    def ready(self):
        return http_ok(f"http://127.0.0.1:{self.port}/healthz")

    def post(self, path):
        try: urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=b"", method="POST"), timeout=5).read()
        except Exception: pass

    def metrics(self):
        try: return urllib.request.urlopen(f"http://127.0.0.1:{self.port}/metrics", timeout=5).read().decode()
        except Exception: return ""


def http_ok(url):
    try:
        urllib.request.urlopen(url, timeout=1).read(); return True
    except Exception:
        return False


def wait_for(condition, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition(): return
        time.sleep(0.05)
    fail(f"waited {seconds} s for {what}")


def store_facts(path):
    """(integrity, outbox seqs, pending count, cursor, titles by booking id) of the panel's store."""
    db = sqlite3.connect(path, timeout=30)
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    seqs = [r[0] for r in db.execute("SELECT seq FROM outbox ORDER BY seq")]
    pending = db.execute("SELECT COUNT(*) FROM outbox WHERE pushedAt IS NULL").fetchone()[0]
    row = db.execute("SELECT cursor FROM syncState").fetchone() if db.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'syncState'").fetchone() else None
    titles = dict(db.execute("SELECT id, title FROM booking WHERE spaceId = ?", (SPACE,)).fetchall()) if db.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'booking'").fetchone() else {}
    db.close()
    credential = os.path.join(os.path.dirname(path), "credential.json")
    device = json.load(open(credential))["deviceId"] if os.path.exists(credential) else None
    return integrity, seqs, pending, row[0] if row else None, titles, device


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("lintel"); parser.add_argument("platform")
    parser.add_argument("--kill-cycles", type=int, default=200)
    parser.add_argument("--skip-faults", action="store_true")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="lintel-sync-faults-")
    world_path = os.path.join(folder, "world.json")
    with open(world_path, "wb") as f:
        f.write(subprocess.run([args.lintel, "store", "seed", "--config", "examples/demo-agent.yaml"], check=True, capture_output=True).stdout)
    world = json.load(open(world_path))
    platform = Platform(args.platform, folder)
    subprocess.run([args.platform, "import", "--db", platform.db, world_path], check=True, stdout=subprocess.DEVNULL)
    platform.start()
    proxy = QuietServer(("127.0.0.1", 0), Proxy)
    Proxy.upstream = platform.port
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    store = os.path.join(folder, "agent.sqlite")
    config = os.path.join(folder, "agent.yaml")
    with open(config, "w") as f:
        f.write(f"""space: {SPACE}
store: {store}
display:
  output: none
clock:
  assume-synchronised: true
http:
  listen: 127.0.0.1:1
  virtual-panel: true
sync:
  platform: http://127.0.0.1:{proxy.server_address[1]}
  credential: {folder}/credential.json
  poll-seconds: 1
""")
    agent = Agent(args.lintel, folder, config)
    agent.start()
    wait_for(agent.ready, 30, "the agent to serve on loopback")

    def approve():
        listing = subprocess.run([args.platform, "devices", "list", "--db", platform.db], capture_output=True, text=True).stdout
        pending = [line.split("\t")[2] for line in listing.splitlines() if line.split("\t")[1] == "pending"]
        if pending:
            subprocess.run([args.platform, "devices", "approve", "--db", platform.db, pending[0], "--space", SPACE], check=True, stdout=subprocess.DEVNULL)
        return bool(pending)
    wait_for(approve, 30, "the panel's pairing code")
    wait_for(lambda: store_facts(store)[3] is not None, 30, "the first snapshot in the panel's store")

    revision = [0]

    def change_platform():
        """A new title for every booking of the scope: the next pull is a delta of all of them."""
        revision[0] += 1
        for booking in world["bookings"]:
            booking["title"] = f"rev {revision[0]}"
        platform.admin("PUT", "/v1/admin/snapshot", json.dumps(world).encode())

    def converged():
        integrity, seqs, pending, _, titles, device = store_facts(store)
        if integrity != "ok": fail(f"integrity_check: {integrity}")
        wanted = {b["id"]: b["title"] for b in world["bookings"] if b["spaceId"] == SPACE}
        if pending or any(titles.get(k) != v for k, v in wanted.items()): return False
        return sorted(platform.receipts(device)) == seqs

    def check_once(label):
        _, seqs, _, _, _, device = store_facts(store)
        received = platform.receipts(device)
        if len(received) != len(set(received)): fail(f"{label}: an event twice at the platform")
        if seqs != list(range(1, len(seqs) + 1)): fail(f"{label}: the outbox has gaps")
        if sorted(received) != seqs: fail(f"{label}: the platform holds {len(received)} events, the panel {len(seqs)}")

    faults = [("500", "pull", "server_error"), ("503", "events", "unavailable"), ("slow", "pull", None), ("cut", "pull", None),
              ("malformed", "pull", "bad_answer"), ("schema", "pull", "bad_answer"), ("reset", "events", "unreachable"),
              ("500", "events", "server_error"), ("cut", "events", None)]
    if not args.skip_faults:
        for mode, path, reason in faults:
            started = time.time()
            Fault.set(mode, path, 3)
            change_platform()
            for i in range(6):
                agent.post(f"/presence/{'on' if i % 2 == 0 else 'off'}")
                time.sleep(0.1)
            wait_for(lambda: Fault.remaining == 0, 60, f"the {mode} fault on {path} to be met three times")
            wait_for(converged, 60, f"the panel to catch up after {mode} on {path}")
            check_once(f"{mode} on {path}")
            if reason and f'reason="{reason}"' not in agent.metrics():
                fail(f"{mode} on {path}: no lintel_sync_failures_total{{reason=\"{reason}\"}}")
            print(f"sync-fault-test: {mode:9} on {path:6}: caught up in {time.time() - started:.1f} s", flush=True)
        # The platform down until the panel counts itself offline, then back.
        platform.kill()
        down_since = time.time()
        for i in range(4): agent.post(f"/presence/{'on' if i % 2 == 0 else 'off'}"); time.sleep(0.2)
        # Offline once two pulls in a row are missed (each retry backs off a little longer).
        wait_for(lambda: 'state="offline"} 1' in agent.metrics(), 20, "the panel to count itself offline with the platform down")
        down_for = time.time() - down_since
        platform.start()
        Proxy.upstream = platform.port
        wait_for(converged, 60, "the panel to catch up after the platform was down")
        check_once("platform down")
        print(f"sync-fault-test: platform down: offline after {down_for:.1f} s, then caught up", flush=True)

    # kill -9 of the agent (and now and then of the platform), again and again.
    agent.stop()
    killed_platform = 0
    last_seqs = store_facts(store)[1]
    for cycle in range(args.kill_cycles):
        change_platform() if cycle % 2 == 0 else None
        agent.start()
        kill_at = time.time() + random.uniform(0.1, 0.7)
        i = 0
        while time.time() < kill_at:
            agent.post(f"/presence/{'on' if i % 2 == 0 else 'off'}"); i += 1
            time.sleep(0.03)
        if cycle % 25 == 24:
            platform.kill(); killed_platform += 1
        agent.kill()
        if platform.process.poll() is not None:
            platform.start(); Proxy.upstream = platform.port
        integrity, seqs, _, _, _, _ = store_facts(store)
        if integrity != "ok": fail(f"kill cycle {cycle}: integrity_check: {integrity}")
        if seqs[: len(last_seqs)] != last_seqs or seqs != list(range(1, len(seqs) + 1)):
            fail(f"kill cycle {cycle}: the outbox lost events (had {len(last_seqs)}, has {len(seqs)})")
        last_seqs = seqs
        if cycle % 50 == 49: print(f"sync-fault-test: {cycle + 1} kill cycles, {len(seqs)} events", flush=True)
    agent.start()
    wait_for(converged, 120, "the panel to drain its outbox and catch up after the kill cycles")
    check_once("after the kill cycles")
    agent.stop()
    platform.stop()
    proxy.shutdown()
    _, seqs, _, _, _, _ = store_facts(store)
    print(f"sync-fault-test: passed: {len(faults) if not args.skip_faults else 0} faults, {args.kill_cycles} agent kills "
          f"({killed_platform} platform kills), {len(seqs)} events each at the platform once, store intact ({folder})")


if __name__ == "__main__":
    atexit.register(Child.kill_leftovers)
    main()
