"""Watches a VM's console log for POWERCUT-ARM, waits a random 0..N ms, then SIGKILLs QEMU (a power
cut for the guest). The delay goes to RECORD. usage: power-cutter.py LOG QEMU-PID MAX-MS RECORD"""
import os, random, signal, sys, time

log, pid, most, record = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
mark, tail = b"POWERCUT-ARM", b""
with open(log, "rb") as f:
    while True:
        chunk = f.read()
        if chunk:
            tail += chunk
            if mark in tail:
                break
            tail = tail[-len(mark):]
        else:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                sys.exit(0)
            time.sleep(0.002)
delay = random.SystemRandom().randint(0, most)
time.sleep(delay / 1000)
open(record, "w").write(f"{delay}\n")
try:
    os.kill(pid, signal.SIGKILL)
except ProcessLookupError:
    os.unlink(record)
