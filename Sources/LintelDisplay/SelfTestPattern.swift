/// The display self-test: colour bars, a grey ramp, a 40-pixel grid, corner markers and a centre
/// cross, so a technician sees at once colour order, scaling, cropping and orientation.
enum SelfTestPattern {
    static let bars: [Color] = [.white, Color(xrgb: 0xFFFF00), Color(xrgb: 0x00FFFF), Color(xrgb: 0x00FF00),
                                Color(xrgb: 0xFF00FF), Color(xrgb: 0xFF0000), Color(xrgb: 0x0000FF), .black]

    static func draw(into frame: inout FrameBuffer, label: String, text: TextRenderer, fonts: FontSet) {
        let w = frame.width, h = frame.height
        frame.fill(frame.bounds, Color(xrgb: 0x202020))
        let barHeight = h * 45 / 100
        for (i, colour) in bars.enumerated() {
            let x0 = w * i / bars.count, x1 = w * (i + 1) / bars.count
            frame.fill(Rect(x: x0, y: 0, width: x1 - x0, height: barHeight), colour)
        }
        let rampTop = barHeight, rampHeight = h * 10 / 100
        for i in 0..<32 {
            let x0 = w * i / 32, x1 = w * (i + 1) / 32, v = UInt8(i * 255 / 31)
            frame.fill(Rect(x: x0, y: rampTop, width: x1 - x0, height: rampHeight), Color(red: v, green: v, blue: v))
        }
        for x in stride(from: 0, to: w, by: 40) { frame.fill(Rect(x: x, y: rampTop + rampHeight, width: 1, height: h - rampTop - rampHeight), Color(xrgb: 0x606060)) }
        for y in stride(from: rampTop + rampHeight, to: h, by: 40) { frame.fill(Rect(x: 0, y: y, width: w, height: 1), Color(xrgb: 0x606060)) }
        let arm = min(w, h) / 10, thick = max(3, min(w, h) / 160)
        for (cx, cy, sx, sy) in [(0, 0, 1, 1), (w, 0, -1, 1), (0, h, 1, -1), (w, h, -1, -1)] {
            frame.fill(Rect(x: sx > 0 ? cx : cx - arm, y: sy > 0 ? cy : cy - thick, width: arm, height: thick), Color(xrgb: 0xFF3030))
            frame.fill(Rect(x: sx > 0 ? cx : cx - thick, y: sy > 0 ? cy : cy - arm, width: thick, height: arm), Color(xrgb: 0xFF3030))
        }
        frame.fill(Rect(x: w / 2 - arm / 2, y: h * 3 / 4 - thick / 2, width: arm, height: thick), .white)
        frame.fill(Rect(x: w / 2 - thick / 2, y: h * 3 / 4 - arm / 2, width: thick, height: arm), .white)
        let size = min(w, h) / 18
        text.draw(label, face: fonts.semibold, size: size, color: .white, in: Rect(x: 0, y: barHeight + rampHeight, width: w, height: h / 4),
                  baseline: barHeight + rampHeight + size * 2, alignment: .center, into: &frame)
    }
}
