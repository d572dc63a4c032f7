# Host side of agent.sh: each screendump shows the status colour of the state the agent reported
# (sampled in the status pane's margin), at the display's full 1280x800.
results=$1
python3 - "$results" <<'PY'
import sys, struct, zlib
def read_png(path):
    data = open(path, "rb").read(); pos = 8; chunks = {}; idat = b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]; pos += 12 + n
        if kind == b"IHDR": w, h, depth, colour = struct.unpack(">IIBB", body[:10])
        if kind == b"IDAT": idat += body
    raw = zlib.decompress(idat); bpp = 4 if colour == 6 else 3; stride = w * bpp; rows = []; prev = bytearray(stride); i = 0
    for y in range(h):
        f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line); prev = line
    return w, h, rows, bpp
expected = {"agent-due": 0xC2570C, "agent-in-use": 0xB3261E, "agent-released": 0x3F5F8A, "agent-cleaned": 0x0F7A78}
for name, colour in expected.items():
    path = f"{sys.argv[1]}/{name}.png"
    try:
        w, h, rows, bpp = read_png(path)
    except OSError:
        print(f"HIL-CHECK fail screendump-{name}: no screendump taken"); continue
    px = tuple(rows[600][20 * bpp:20 * bpp + 3]); want = ((colour >> 16) & 255, (colour >> 8) & 255, colour & 255)
    ok = (w, h) == (1280, 800) and all(abs(p - q) <= 2 for p, q in zip(px, want))
    print(f"HIL-CHECK {'ok' if ok else 'fail'} screendump-{name}: {w}x{h}, status pane rgb{px}, expected rgb{want}")
PY
