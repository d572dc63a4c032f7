#!/usr/bin/env python3
"""kill -9 of lintel-platform in the middle of an event batch, again and again.

usage: platform-kill-test.py LINTEL_PLATFORM [--db POSTGRES_URL] [--cycles N]

A paired device pushes batches of 200 events; while the platform is deciding a batch it is
killed with SIGKILL at a random moment, restarted, and the device sends the same batch again,
as its outbox would. Each time the answer must say the whole batch was taken once: every event
applied (the killed transaction left nothing) or every event a duplicate (it had committed), and
acknowledgedThrough is the batch's last sequence number. At the end every batch sent again is all
duplicates, and an SQLite file passes PRAGMA integrity_check. On PostgreSQL (--db, a server URL)
the test makes a fresh database of its own.
"""
import argparse, json, os, random, signal, socket, sqlite3, subprocess, sys, tempfile, threading, time, urllib.request, urllib.error, uuid

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port

class Platform:
    def __init__(self, binary, db, token_file, folder):
        self.binary, self.db, self.token_file, self.folder = binary, db, token_file, folder
        self.port = free_port()
        self.process = None

    def start(self):
        log = open(os.path.join(self.folder, "serve.log"), "ab")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--db", self.db, "--port", str(self.port), "--admin-token-file", self.token_file],
            stdout=log, stderr=log)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1).read()
                return
            except Exception:
                if self.process.poll() is not None:
                    sys.exit(f"platform-kill-test: serve exited with {self.process.returncode}; see {self.folder}/serve.log")
                time.sleep(0.05)
        sys.exit("platform-kill-test: serve did not answer /healthz within 30 s")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def request(self, method, path, body=None, token=None, timeout=30):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token: request.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                text = response.read()
                return response.status, json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

def batch(first, count):
    events = []
    for seq in range(first, first + count):
        if seq == 1:
            events.append({"id": f"kill-test:{seq}", "seq": seq, "at": "2026-11-23T07:55:00Z", "spaceId": "ams-r-tulip", "kind": "decision",
                           "action": "checkin", "actorKind": "anonymous", "bookingId": "bk-tulip-planning", "decision": "allowed"})
        else:
            events.append({"id": f"kill-test:{seq}", "seq": seq, "at": "2026-11-23T07:56:00Z", "spaceId": "ams-r-tulip", "kind": "observation",
                           "observation": "presence", "value": "occupied" if seq % 2 else "vacant"})
    return {"events": events}

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--db")
    parser.add_argument("--cycles", type=int, default=25)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="lintel-kill-")
    token_file = os.path.join(folder, "admin-token")
    with open(token_file, "w") as f: f.write("kill-test-admin-token-0123456789")
    os.chmod(token_file, 0o600)
    if args.db:
        name = "lintel_kill_" + uuid.uuid4().hex[:12]
        subprocess.run(["psql", "-q", args.db, "-c", f"CREATE DATABASE {name}"], check=True)
        base = args.db.rsplit("/", 1)[0]
        db = f"{base}/{name}?sslmode=disable"
    else:
        db = os.path.join(folder, "platform.sqlite")
    subprocess.run([args.binary, "import", "--db", db, "examples/demo-world.json"], check=True, stdout=subprocess.DEVNULL)
    platform = Platform(args.binary, db, token_file, folder)
    platform.start()
    admin = "kill-test-admin-token-0123456789"
    status, enrolment = platform.request("POST", "/v1/enrolments", {"hardware": "kill test"})
    assert status == 201, (status, enrolment)
    status, _ = platform.request("POST", "/v1/admin/devices/approve", {"userCode": enrolment["userCode"], "spaceId": "ams-r-tulip"}, token=admin)
    assert status == 200, status
    status, granted = platform.request("POST", f"/v1/enrolments/{enrolment['deviceCode']}/token")
    assert status == 200, (status, granted)
    credential = granted["credential"]

    size, interrupted, committed_before_kill, failures = 200, 0, 0, []
    batches = []
    for cycle in range(args.cycles):
        body = batch(cycle * size + 1, size)
        batches.append(body)
        answer = {}
        def send():
            try:
                answer["reply"] = platform.request("POST", "/v1/device/events", body, token=credential, timeout=30)
            except Exception as error:
                answer["error"] = error
        sender = threading.Thread(target=send)
        sender.start()
        time.sleep(random.uniform(0.0, 0.04))
        platform.kill()
        sender.join()
        if "error" in answer: interrupted += 1
        platform.start()
        status, reply = platform.request("POST", "/v1/device/events", body, token=credential)
        if status != 200:
            failures.append(f"cycle {cycle}: resend answered {status}: {reply}")
            continue
        # Taken now (applied, or rejected by the platform's own decision) or all taken before.
        kinds = {r["status"] for r in reply["results"]}
        if "duplicate" in kinds and kinds != {"duplicate"}:
            failures.append(f"cycle {cycle}: half a batch taken: {sorted(kinds)}")
        if cycle == 0 and any(r["status"] == "rejected" for r in reply["results"]):
            print(f"platform-kill-test: the check-in was rejected: {[r for r in reply['results'] if r['status'] == 'rejected']}", file=sys.stderr)
        if kinds == {"duplicate"} and "error" in answer: committed_before_kill += 1
        if reply["acknowledgedThrough"] != (cycle + 1) * size:
            failures.append(f"cycle {cycle}: acknowledgedThrough {reply['acknowledgedThrough']}, expected {(cycle + 1) * size}")
    for index, body in enumerate(batches):
        status, reply = platform.request("POST", "/v1/device/events", body, token=credential)
        if status != 200 or {r["status"] for r in reply["results"]} != {"duplicate"}:
            failures.append(f"batch {index} sent again was not all duplicates: {status}")
    started = time.time()
    platform.process.send_signal(signal.SIGTERM)
    try:
        code = platform.process.wait(timeout=15)
        if code != 0: failures.append(f"serve exited with {code} on SIGTERM")
    except subprocess.TimeoutExpired:
        failures.append("serve did not stop within 15 s of SIGTERM")
        platform.kill()
    stopped = time.time() - started
    if not args.db:
        integrity = sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok": failures.append(f"integrity_check: {integrity}")
    storage = "PostgreSQL" if args.db else "SQLite"
    print(f"platform-kill-test ({storage}): {args.cycles} kills during a {size}-event batch, {interrupted} of them before the answer "
          f"({committed_before_kill} after the commit), {len(batches) * size} events, each taken once; stopped by SIGTERM in {stopped:.2f} s")
    if interrupted == 0: failures.append("no kill landed before an answer: the test did not test anything")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)

main()
