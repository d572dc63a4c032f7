#!/usr/bin/env python3
"""Talks to QEMU's human monitor: `screendump FILE` or `type TEXT` (keys, then Enter)."""
import socket
import sys
import time

sock = socket.socket(socket.AF_UNIX)
sock.connect(sys.argv[1])
time.sleep(0.2)
sock.recv(65536)
if sys.argv[2] == "screendump":
    sock.send(f"screendump {sys.argv[3]}\n".encode())
    time.sleep(0.8)
elif sys.argv[2] == "type":
    for ch in sys.argv[3] + "\n":
        sock.send(("sendkey " + ("ret" if ch == "\n" else ch.lower()) + "\n").encode())
        time.sleep(0.05)
    time.sleep(0.3)
sock.recv(65536)
sock.close()
