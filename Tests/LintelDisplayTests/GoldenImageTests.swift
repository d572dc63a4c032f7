import Foundation
import LintelDisplay
import LintelTestKit
import Testing

/// The rendering of one preview screen at one size and rotation, compared with its PNG in
/// docs/screens (regenerate with `make screens` when a change is intended, then look at them).
struct GoldenCase: Sendable, CustomTestStringConvertible {
    let screen: String
    let width: Int
    let height: Int
    let rotation: Int
    var file: String { "\(screen)-\(width)x\(height)-r\(rotation).png" }
    var testDescription: String { file }

    static var all: [GoldenCase] {
        PreviewModels.screenNames.flatMap { screen in
            [(800, 480), (1920, 1080)].flatMap { size in
                [0, 90, 180, 270].map { GoldenCase(screen: screen, width: size.0, height: size.1, rotation: $0) }
            }
        }
    }
}

/// How two images differ: tolerant of anti-aliasing noise, strict on anything that moved.
struct ImageDifference {
    /// Pixels whose channels differ by more than 40 (text or an edge in another place).
    let strongPixels: Int
    let meanChannelDifference: Double

    init(_ a: FrameBuffer, _ b: FrameBuffer) {
        var strong = 0, total = 0
        for y in 0..<a.height {
            for x in 0..<a.width {
                let p = a.pixels[y * a.stride + x], q = b.pixels[y * b.stride + x]
                let dr = abs(Int(p >> 16 & 0xFF) - Int(q >> 16 & 0xFF)), dg = abs(Int(p >> 8 & 0xFF) - Int(q >> 8 & 0xFF))
                let db = abs(Int(p & 0xFF) - Int(q & 0xFF))
                total += dr + dg + db
                if max(dr, dg, db) > 40 { strong += 1 }
            }
        }
        strongPixels = strong
        meanChannelDifference = Double(total) / Double(a.width * a.height * 3)
    }
}

@Suite("Panel screens match their golden images")
struct GoldenImageTests {
    /// Fonts per test: FreeType faces must not be shared between threads, and tests run in parallel.
    static var fonts: FontSet { try! FontSet(folder: ProjectFiles.url("assets/fonts").path) }

    @Test("Every screen × rotation × size", arguments: GoldenCase.all)
    func matchesGolden(_ golden: GoldenCase) throws {
        let model = try #require(PreviewModels.model(golden.screen))
        let panel = RotatedPanel(physicalWidth: golden.width, physicalHeight: golden.height, rotation: golden.rotation, fonts: Self.fonts)
        let frame = panel.render(model).frame
        let expected = try PNGCodec.read(ProjectFiles.url("docs/screens/\(golden.file)").path)
        #expect((frame.width, frame.height) == (expected.width, expected.height))
        let difference = ImageDifference(frame, expected)
        #expect(difference.strongPixels <= frame.width * frame.height / 1000, "\(difference.strongPixels) strongly different pixels")
        #expect(difference.meanChannelDifference < 1.0)
    }

    @Test("The comparison notices a moved line of text")
    func comparisonIsStrictOnLayout() throws {
        var model = try #require(PreviewModels.model("in-use"))
        let fonts = Self.fonts
        let a = PanelRenderer(width: 800, height: 480, fonts: fonts)
        a.render(model)
        model.pixelShift = (2, 0)
        let b = PanelRenderer(width: 800, height: 480, fonts: fonts)
        b.render(model)
        #expect(ImageDifference(a.frame, b.frame).strongPixels > 800 * 480 / 1000)
    }
}
