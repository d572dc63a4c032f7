import CFreeType

/// Rendered glyphs (anti-aliased 8-bit coverage) keyed by typeface, pixel size and glyph: each
/// glyph is rasterised once, then every frame copies it from here.
public final class GlyphCache: @unchecked Sendable {
    struct Key: Hashable {
        let face: ObjectIdentifier
        let size: Int
        let glyph: UInt32
    }

    struct Glyph {
        let width: Int
        let height: Int
        let left: Int
        let top: Int
        let advance: Int
        let coverage: [UInt8]
        /// The coverage as runs per row: fully covered runs are filled, empty ones skipped, and
        /// only the anti-aliased edge pixels are blended.
        let spans: [CoverageSpan]
    }

    private var glyphs: [Key: Glyph] = [:]
    public private(set) var misses = 0

    public init() {}

    /// FT_LOAD_TARGET_LIGHT (a function-like macro Swift cannot import): light hinting, vertical only.
    private static let loadTargetLight = FT_Int32(FT_RENDER_MODE_LIGHT.rawValue & 15) << 16

    public var count: Int { glyphs.count }

    func glyph(_ index: UInt32, of face: Typeface, size: Int) -> Glyph {
        let key = Key(face: ObjectIdentifier(face), size: size, glyph: index)
        if let cached = glyphs[key] { return cached }
        misses += 1
        face.setSize(size)
        guard FT_Load_Glyph(face.face, index, FT_Int32(FT_LOAD_RENDER) | Self.loadTargetLight) == 0, let slot = face.face.pointee.glyph else {
            let empty = Glyph(width: 0, height: 0, left: 0, top: 0, advance: size / 3, coverage: [], spans: [])
            glyphs[key] = empty
            return empty
        }
        let bitmap = slot.pointee.bitmap
        let width = Int(bitmap.width), height = Int(bitmap.rows), pitch = Int(bitmap.pitch)
        var coverage = [UInt8](repeating: 0, count: width * height)
        if let buffer = bitmap.buffer, width > 0 {
            for row in 0..<height {
                for column in 0..<width { coverage[row * width + column] = buffer[row * pitch + column] }
            }
        }
        let glyph = Glyph(width: width, height: height, left: Int(slot.pointee.bitmap_left), top: Int(slot.pointee.bitmap_top),
                          advance: Int((slot.pointee.advance.x + 32) >> 6), coverage: coverage,
                          spans: CoverageSpan.spans(of: coverage, width: width, height: height))
        glyphs[key] = glyph
        return glyph
    }
}

/// A horizontal run of one glyph row: either fully covered (alpha 255) or partly covered pixels.
struct CoverageSpan: Sendable {
    let row: Int32
    let start: Int32
    let count: Int32
    let opaque: Bool

    static func spans(of coverage: [UInt8], width: Int, height: Int) -> [CoverageSpan] {
        var spans: [CoverageSpan] = []
        for row in 0..<height {
            var x = 0
            while x < width {
                let a = coverage[row * width + x]
                if a == 0 { x += 1; continue }
                let opaque = a == 255
                var end = x + 1
                while end < width, coverage[row * width + end] != 0, (coverage[row * width + end] == 255) == opaque { end += 1 }
                spans.append(CoverageSpan(row: Int32(row), start: Int32(x), count: Int32(end - x), opaque: opaque))
                x = end
            }
        }
        return spans
    }
}
