#!/usr/bin/env python3
"""Compares two 8-bit RGB/RGBA PNGs (no dependencies): same size, and at most 0.1% of pixels with a
channel differing by more than 40. Prints one HIL-CHECK line. With --status-colours, checks that
screendumps show the expected status colour instead, one line each."""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"{path}: unsupported PNG ({depth}-bit, colour type {colour})"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        filter_type, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = previous[i], previous[i - bpp] if i >= bpp else 0
            if filter_type == 1: line[i] = (line[i] + a) & 255
            elif filter_type == 2: line[i] = (line[i] + b) & 255
            elif filter_type == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif filter_type == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line[j] for j in range(stride) if j % bpp < 3))
        previous = line
    return width, height, rows


def compare(first, second, name):
    wa, ha, a = decode(first)
    wb, hb, b = decode(second)
    if (wa, ha) != (wb, hb):
        print(f"HIL-CHECK fail {name}: size {wa}x{ha} vs {wb}x{hb}")
        return
    strong = sum(1 for ra, rb in zip(a, b) for x in range(0, len(ra), 3) if max(abs(ra[x + k] - rb[x + k]) for k in range(3)) > 40)
    limit = wa * ha // 1000
    verdict = "ok" if strong <= limit else "fail"
    print(f"HIL-CHECK {verdict} {name}: {strong} of {wa * ha} pixels differ strongly (limit {limit})")


def status_colours(results, expected):
    """Each screendump RESULTS/NAME.png shows the status colour RRGGBB in the status pane's margin (x 20, y 600), at 1280x800."""
    for item in expected:
        name, colour = item.split("=")
        want = tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))
        try:
            w, h, rows = decode(f"{results}/{name}.png")
        except OSError:
            print(f"HIL-CHECK fail screendump-{name}: no screendump taken")
            continue
        px = tuple(rows[600][60:63])
        ok = (w, h) == (1280, 800) and all(abs(p - q) <= 2 for p, q in zip(px, want))
        print(f"HIL-CHECK {'ok' if ok else 'fail'} screendump-{name}: {w}x{h}, status pane rgb{px}, expected rgb{want}")


# compare-png.py A.png B.png NAME, or compare-png.py --status-colours RESULTS NAME=RRGGBB...
if sys.argv[1] == "--status-colours":
    status_colours(sys.argv[2], sys.argv[3:])
else:
    compare(sys.argv[1], sys.argv[2], sys.argv[3])
