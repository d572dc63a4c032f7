/// Lays out and draws single lines of text: shaped by HarfBuzz (the font's kerning and ligatures),
/// a trailing ellipsis when the line does not fit, coverage blended into the frame buffer.
public struct TextRenderer: Sendable {
    public let cache: GlyphCache
    private let layouts = LayoutCache()

    public init(cache: GlyphCache = GlyphCache()) {
        self.cache = cache
    }

    struct Placed {
        let glyph: UInt32
        let x: Int
    }

    /// Pen positions of each glyph and the total advance (remembered: panels show the same strings
    /// frame after frame).
    func layout(_ text: String, face: Typeface, size: Int) -> (glyphs: [Placed], width: Int) {
        let key = LayoutCache.Key(text: text, face: ObjectIdentifier(face), size: size)
        if let known = layouts.entries[key] { return known }
        let computed = computeLayout(text, face: face, size: size)
        if layouts.entries.count > 2048 { layouts.entries.removeAll(keepingCapacity: true) }
        layouts.entries[key] = computed
        return computed
    }

    private func computeLayout(_ text: String, face: Typeface, size: Int) -> (glyphs: [Placed], width: Int) {
        let shaped = face.shape(text, size: size)
        return (shaped.glyphs.map { Placed(glyph: $0.index, x: $0.x) }, shaped.width)
    }

    /// The line drawn onto its background, with its ink box relative to the pen origin and baseline.
    private func composited(_ line: String, glyphs: [Placed], face: Typeface, size: Int, color: Color, background: Color)
        -> LayoutCache.Bitmap
    {
        let key = LayoutCache.BitmapKey(text: line, face: ObjectIdentifier(face), size: size, color: color, background: background)
        if let known = layouts.bitmaps[key] { return known }
        var left = Int.max, right = Int.min, top = Int.min, bottom = Int.max
        for placed in glyphs {
            let glyph = cache.glyph(placed.glyph, of: face, size: size)
            guard glyph.width > 0 else { continue }
            left = min(left, placed.x + glyph.left)
            right = max(right, placed.x + glyph.left + glyph.width)
            top = max(top, glyph.top)
            bottom = min(bottom, glyph.top - glyph.height)
        }
        guard left < right, top > bottom else {
            let empty = LayoutCache.Bitmap(frame: FrameBuffer(width: 1, height: 1, fill: background), left: 0, top: 0)
            return empty
        }
        var frame = FrameBuffer(width: right - left, height: top - bottom, fill: background)
        for placed in glyphs {
            let glyph = cache.glyph(placed.glyph, of: face, size: size)
            guard glyph.width > 0 else { continue }
            frame.blend(spans: glyph.spans, coverage: glyph.coverage, maskWidth: glyph.width,
                        x: placed.x + glyph.left - left, y: top - glyph.top, color: color, clip: frame.bounds)
        }
        let bitmap = LayoutCache.Bitmap(frame: frame, left: left, top: top)
        if layouts.bitmapPixels > 16_000_000 {
            layouts.bitmaps.removeAll(keepingCapacity: true)
            layouts.bitmapPixels = 0
        }
        layouts.bitmaps[key] = bitmap
        layouts.bitmapPixels += frame.width * frame.height
        return bitmap
    }

    public func width(of text: String, face: Typeface, size: Int) -> Int { layout(text, face: face, size: size).width }

    /// The text, shortened with "…" until it fits `maxWidth` (the whole text when it fits).
    public func fitting(_ text: String, face: Typeface, size: Int, maxWidth: Int) -> String {
        if width(of: text, face: face, size: size) <= maxWidth { return text }
        let key = LayoutCache.FitKey(text: text, face: ObjectIdentifier(face), size: size, maxWidth: maxWidth)
        if let known = layouts.fitted[key] { return known }
        let fitted = shorten(text, face: face, size: size, maxWidth: maxWidth)
        if layouts.fitted.count > 1024 { layouts.fitted.removeAll(keepingCapacity: true) }
        layouts.fitted[key] = fitted
        return fitted
    }

    private func shorten(_ text: String, face: Typeface, size: Int, maxWidth: Int) -> String {
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters).trimmingTrailingSpaces() + "…"
            if width(of: candidate, face: face, size: size) <= maxWidth { return candidate }
        }
        return ""
    }

    public enum Alignment: Sendable { case left, center, right }

    /// Draws one line with its baseline at `baseline`, within `box` horizontally (aligned), clipped
    /// to `box`. Returns the rectangle actually touched. With `background` (the solid colour the
    /// text sits on), the line is composited once and then copied: redraws of the same string cost
    /// a copy of its pixels, with the very same result.
    @discardableResult
    public func draw(_ text: String, face: Typeface, size: Int, color: Color, in box: Rect, baseline: Int,
                     alignment: Alignment = .left, background: Color? = nil, into buffer: inout FrameBuffer) -> Rect {
        let line = fitting(text, face: face, size: size, maxWidth: box.width)
        let (glyphs, width) = layout(line, face: face, size: size)
        let originX: Int
        switch alignment {
        case .left: originX = box.x
        case .center: originX = box.x + (box.width - width) / 2
        case .right: originX = box.maxX - width
        }
        if let background {
            let bitmap = composited(line, glyphs: glyphs, face: face, size: size, color: color, background: background)
            let target = Rect(x: originX + bitmap.left, y: baseline - bitmap.top, width: bitmap.frame.width, height: bitmap.frame.height)
            buffer.copy(target.intersection(box), from: bitmap.frame, at: (target.x, target.y))
            return target.intersection(box)
        }
        var touched = Rect.zero
        for placed in glyphs {
            let glyph = cache.glyph(placed.glyph, of: face, size: size)
            guard glyph.width > 0 else { continue }
            let x = originX + placed.x + glyph.left, y = baseline - glyph.top
            buffer.blend(spans: glyph.spans, coverage: glyph.coverage, maskWidth: glyph.width, x: x, y: y, color: color, clip: box)
            touched = touched.union(Rect(x: x, y: y, width: glyph.width, height: glyph.height).intersection(box))
        }
        return touched
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// Remembered layouts and ellipsis fits, per renderer (single-threaded, like the typefaces).
final class LayoutCache: @unchecked Sendable {
    struct Key: Hashable {
        let text: String
        let face: ObjectIdentifier
        let size: Int
    }

    struct FitKey: Hashable {
        let text: String
        let face: ObjectIdentifier
        let size: Int
        let maxWidth: Int
    }

    struct BitmapKey: Hashable {
        let text: String
        let face: ObjectIdentifier
        let size: Int
        let color: Color
        let background: Color
    }

    /// A line composited onto its background; `left` and `top` place its ink box against the pen
    /// origin and the baseline.
    struct Bitmap {
        let frame: FrameBuffer
        let left: Int
        let top: Int
    }

    var entries: [Key: (glyphs: [TextRenderer.Placed], width: Int)] = [:]
    var fitted: [FitKey: String] = [:]
    var bitmaps: [BitmapKey: Bitmap] = [:]
    var bitmapPixels = 0
}
