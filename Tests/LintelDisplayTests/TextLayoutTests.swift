import LintelDisplay
import LintelTestKit
import Testing

@Suite("Text layout")
struct TextLayoutTests {
    @Test("Kerning pairs sit closer than their glyphs' advances", arguments: ["AV", "To", "Yo", "LT", "Te"])
    func kerning(_ pair: String) throws {
        let fonts = GoldenImageTests.fonts
        let text = TextRenderer()
        let together = text.width(of: pair, face: fonts.bold, size: 100)
        let apart = pair.map { text.width(of: String($0), face: fonts.bold, size: 100) }.reduce(0, +)
        #expect(together < apart, "\(pair): \(together) px together, \(apart) px apart")
    }

    @Test("A line that does not fit ends in an ellipsis and fits")
    func ellipsis() {
        let fonts = GoldenImageTests.fonts
        let text = TextRenderer()
        let long = "Quarterly planning with the regional facility teams"
        let fitted = text.fitting(long, face: fonts.regular, size: 32, maxWidth: 300)
        #expect(fitted.hasSuffix("…"))
        #expect(text.width(of: fitted, face: fonts.regular, size: 32) <= 300)
        #expect(text.fitting("1:1", face: fonts.regular, size: 32, maxWidth: 300) == "1:1")
    }

    @Test("Glyphs are rasterised once, then served from the cache")
    func glyphCache() {
        let fonts = GoldenImageTests.fonts
        let cache = GlyphCache()
        let text = TextRenderer(cache: cache)
        var frame = FrameBuffer(width: 400, height: 100)
        text.draw("Tulip 14:00", face: fonts.regular, size: 40, color: .white, in: frame.bounds, baseline: 60, into: &frame)
        let misses = cache.misses
        text.draw("Tulip 14:00", face: fonts.regular, size: 40, color: .white, in: frame.bounds, baseline: 60, into: &frame)
        #expect(cache.misses == misses)
        #expect(misses > 0)
    }
}
