import Foundation
import LintelDisplay
import LintelPolicy
import LintelTestKit

/// Rendering figures on 1280×800: a full redraw of the busiest screen (check-in due with a full
/// agenda; every pixel redrawn, glyphs from the warm cache), a plain copy of one frame for scale,
/// and a minute tick with damage tracking.
struct RenderBenchmark {
    struct Figures {
        var fullFrameMs: Double
        var memcpyMs: Double
        var clockUpdateMs: Double
        var clockDamagePixels: Int
        /// Filling every pixel once with a colour (the backgrounds' share of a full redraw).
        var fillMs: Double
    }

    func run() throws -> Figures {
        let fonts = try FontSet(folder: ProjectFiles.url("assets/fonts").path)
        let renderer = PanelRenderer(width: 1280, height: 800, fonts: fonts)
        var model = PreviewModels.model("checkin-due")!
        model.offlineMinutes = 4
        renderer.render(model)

        let full = Self.median(200) {
            renderer.invalidate()
            renderer.render(model)
        }

        var source = [UInt32](repeating: 0x123456, count: 1280 * 800)
        var target = [UInt32](repeating: 0, count: 1280 * 800)
        let copy = Self.median(200) {
            source[0] &+= 1
            target.withUnsafeMutableBytes { t in source.withUnsafeBytes { s in _ = memcpy(t.baseAddress!, s.baseAddress!, s.count) } }
        }

        var plain = FrameBuffer(width: 1280, height: 800)
        var shade: UInt32 = 0
        let fill = Self.median(200) {
            shade &+= 1
            plain.fill(plain.bounds, Color(xrgb: shade))
        }

        var minute = 0
        var damage = 0
        let tick = Self.median(2000) {
            minute = (minute + 1) % 60
            model.time = LocalTime(hour: 14, minute: minute)
            damage = renderer.render(model).reduce(0) { $0 + $1.area }
        }
        return Figures(fullFrameMs: full, memcpyMs: copy, clockUpdateMs: tick, clockDamagePixels: damage, fillMs: fill)
    }

    /// Full redraws of the busiest screen, nothing else: for `perf record`.
    func profileFullFrames(count: Int) throws {
        let fonts = try FontSet(folder: ProjectFiles.url("assets/fonts").path)
        let renderer = PanelRenderer(width: 1280, height: 800, fonts: fonts)
        var model = PreviewModels.model("checkin-due")!
        model.offlineMinutes = 4
        for _ in 0..<count {
            renderer.invalidate()
            renderer.render(model)
        }
    }

    /// The median time of `count` runs of `body`, in milliseconds.
    static func median(_ count: Int, _ body: () -> Void) -> Double {
        var samples: [Double] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        samples.sort()
        return samples[count / 2]
    }
}
