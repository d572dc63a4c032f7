# Host side of sync.sh: the screendumps show the platform's booking due (amber) and then checked in (red).
results=$1
python3 - "$results" <<'PY'
import sys, struct, zlib
def pixel(path, x, y):
    data = open(path, "rb").read(); pos = 8; idat = b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]; pos += 12 + n
        if kind == b"IHDR": w, h, depth, colour = struct.unpack(">IIBB", body[:10])
        if kind == b"IDAT": idat += body
    raw = zlib.decompress(idat); bpp = 4 if colour == 6 else 3; stride = w * bpp; prev = bytearray(stride); i = 0
    for row in range(y + 1):
        f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
        for k in range(stride):
            a = line[k - bpp] if k >= bpp else 0; b = prev[k]; c = prev[k - bpp] if k >= bpp else 0
            if f == 1: line[k] = (line[k] + a) & 255
            elif f == 2: line[k] = (line[k] + b) & 255
            elif f == 3: line[k] = (line[k] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[k] = (line[k] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
    return (w, h), tuple(prev[x * bpp:x * bpp + 3])
for name, colour in {"sync-platform-booking": 0xC2570C, "sync-checked-in": 0xB3261E}.items():
    try:
        size, px = pixel(f"{sys.argv[1]}/{name}.png", 20, 600)
    except OSError:
        print(f"HIL-CHECK fail screendump-{name}: no screendump taken"); continue
    want = ((colour >> 16) & 255, (colour >> 8) & 255, colour & 255)
    ok = size == (1280, 800) and all(abs(p - q) <= 2 for p, q in zip(px, want))
    print(f"HIL-CHECK {'ok' if ok else 'fail'} screendump-{name}: {size[0]}x{size[1]}, status pane rgb{px}, expected rgb{want}")
PY
