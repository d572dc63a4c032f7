/// An XRGB8888 image in memory, rows `stride` pixels apart (a DRM dumb buffer's pitch / 4 may be
/// wider than the visible width). Fills run at memory-set speed, one row slice at a time.
public struct FrameBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let stride: Int
    public var pixels: [UInt32]

    public init(width: Int, height: Int, stride: Int? = nil, fill: Color = .black) {
        precondition(width > 0 && height > 0)
        self.width = width
        self.height = height
        self.stride = max(stride ?? width, width)
        pixels = [UInt32](repeating: fill.xrgb, count: self.stride * height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Color {
        get { Color(xrgb: pixels[y * stride + x]) }
        set { pixels[y * stride + x] = newValue.xrgb }
    }

    /// Paints a rectangle (clipped to the buffer).
    public mutating func fill(_ rect: Rect, _ color: Color) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let value = color.xrgb
        let stride = self.stride
        pixels.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for y in r.y..<r.maxY { Self.fillRun(base + y * stride + r.x, value, r.width) }
        }
    }

    /// A rectangle with rounded corners (radius in pixels), anti-aliased at the corners.
    public mutating func fillRounded(_ rect: Rect, radius: Int, _ color: Color) {
        let r = min(radius, rect.width / 2, rect.height / 2)
        guard r > 0 else { return fill(rect, color) }
        fill(Rect(x: rect.x, y: rect.y + r, width: rect.width, height: rect.height - 2 * r), color)
        for row in 0..<r {
            // Distance from the corner circle's centre to this row's middle.
            let dy = Double(r) - Double(row) - 0.5
            let inset = Double(r) - (Double(r * r) - dy * dy).squareRoot()
            let solid = Int(inset.rounded(.up))
            for y in [rect.y + row, rect.maxY - 1 - row] {
                fill(Rect(x: rect.x + solid, y: y, width: rect.width - 2 * solid, height: 1), color)
                let coverage = UInt32(((Double(solid) - inset) * 255).rounded())
                if solid > 0 {
                    blendPixel(x: rect.x + solid - 1, y: y, color, alpha: coverage)
                    blendPixel(x: rect.maxX - solid, y: y, color, alpha: coverage)
                }
            }
        }
    }

    /// Blends one pixel towards `color` by `alpha` (0…255), clipped.
    @inline(__always)
    public mutating func blendPixel(x: Int, y: Int, _ color: Color, alpha: UInt32) {
        guard alpha > 0, x >= 0, y >= 0, x < width, y < height else { return }
        let index = y * stride + x
        pixels[index] = alpha >= 255 ? color.xrgb : Color(xrgb: pixels[index]).mixed(with: color, amount: alpha).xrgb
    }

    /// Draws a glyph's coverage spans at (`x`, `y`) in `color`, clipped to `clip`: opaque runs are
    /// filled, edge pixels blended with an exact divide-by-255 approximation.
    mutating func blend(spans: [CoverageSpan], coverage: [UInt8], maskWidth: Int, x: Int, y: Int, color: Color, clip: Rect) {
        let area = clip.intersection(bounds)
        guard !area.isEmpty else { return }
        let value = color.xrgb
        let stride = self.stride
        let cr = UInt32(color.red), cg = UInt32(color.green), cb = UInt32(color.blue)
        pixels.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            coverage.withUnsafeBufferPointer { maskBuffer in
                guard let mask = maskBuffer.baseAddress else { return }
                spans.withUnsafeBufferPointer { spanBuffer in
                    for span in spanBuffer {
                        let py = y + Int(span.row)
                        if py < area.y || py >= area.maxY { continue }
                        let x0 = max(x + Int(span.start), area.x), x1 = min(x + Int(span.start) + Int(span.count), area.maxX)
                        if x1 <= x0 { continue }
                        var target = base + py * stride + x0
                        if span.opaque {
                            Self.fillRun(target, value, x1 - x0)
                            continue
                        }
                        var alpha = mask + (Int(span.row) * maskWidth + x0 - x)
                        for _ in x0..<x1 {
                            let a = UInt32(alpha.pointee), inv = 255 - a
                            let under = target.pointee
                            let r = Self.div255((under >> 16 & 0xFF) * inv + cr * a)
                            let g = Self.div255((under >> 8 & 0xFF) * inv + cg * a)
                            let b = Self.div255((under & 0xFF) * inv + cb * a)
                            target.pointee = r << 16 | g << 8 | b
                            target += 1
                            alpha += 1
                        }
                    }
                }
            }
        }
    }

    /// Sets `count` pixels from `start`.
    @inline(__always)
    static func fillRun(_ start: UnsafeMutablePointer<UInt32>, _ value: UInt32, _ count: Int) {
        start.update(repeating: value, count: count)
    }

    /// Rounded division by 255 without a divide (exact for 0 … 255×255).
    @inline(__always)
    static func div255(_ v: UInt32) -> UInt32 {
        let t = v + 128
        return (t + (t >> 8)) >> 8
    }

    /// Copies a region from another buffer of the same size.
    public mutating func copy(_ rect: Rect, from source: FrameBuffer) {
        let r = rect.intersection(bounds).intersection(source.bounds)
        guard !r.isEmpty else { return }
        let stride = self.stride
        pixels.withUnsafeMutableBufferPointer { target in
            source.pixels.withUnsafeBufferPointer { from in
                for y in r.y..<r.maxY {
                    let t = y * stride + r.x, f = y * source.stride + r.x
                    _ = UnsafeMutableBufferPointer(rebasing: target[t..<(t + r.width)])
                        .update(fromContentsOf: UnsafeBufferPointer(rebasing: from[f..<(f + r.width)]))
                }
            }
        }
    }

    /// Copies `rect` (in this buffer's coordinates) from `source`, whose top-left corner sits at
    /// `origin` in this buffer.
    public mutating func copy(_ rect: Rect, from source: FrameBuffer, at origin: (x: Int, y: Int)) {
        let r = rect.intersection(bounds).intersection(Rect(x: origin.x, y: origin.y, width: source.width, height: source.height))
        guard !r.isEmpty else { return }
        let stride = self.stride
        pixels.withUnsafeMutableBufferPointer { target in
            source.pixels.withUnsafeBufferPointer { from in
                for y in r.y..<r.maxY {
                    let t = y * stride + r.x, f = (y - origin.y) * source.stride + (r.x - origin.x)
                    (target.baseAddress! + t).update(from: from.baseAddress! + f, count: r.width)
                }
            }
        }
    }

    /// The buffer turned clockwise by 0, 90, 180 or 270 degrees (a portrait panel on a landscape
    /// display controller).
    public func rotated(by degrees: Int) -> FrameBuffer {
        switch ((degrees % 360) + 360) % 360 {
        case 90, 270:
            var out = FrameBuffer(width: height, height: width)
            let clockwise = degrees % 360 == 90 || degrees % 360 == -270
            for y in 0..<height {
                for x in 0..<width {
                    let (nx, ny) = clockwise ? (height - 1 - y, x) : (y, width - 1 - x)
                    out.pixels[ny * out.stride + nx] = pixels[y * stride + x]
                }
            }
            return out
        case 180:
            var out = FrameBuffer(width: width, height: height)
            for y in 0..<height {
                for x in 0..<width { out.pixels[(height - 1 - y) * out.stride + (width - 1 - x)] = pixels[y * stride + x] }
            }
            return out
        default:
            return self
        }
    }

    /// A rectangle of this (logical) buffer, in the coordinates of `rotated(by:)`'s output.
    public func rotate(_ rect: Rect, by degrees: Int) -> Rect {
        switch ((degrees % 360) + 360) % 360 {
        case 90: Rect(x: height - rect.maxY, y: rect.x, width: rect.height, height: rect.width)
        case 180: Rect(x: width - rect.maxX, y: height - rect.maxY, width: rect.width, height: rect.height)
        case 270: Rect(x: rect.y, y: width - rect.maxX, width: rect.height, height: rect.width)
        default: rect
        }
    }
}
