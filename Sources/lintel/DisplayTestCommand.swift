import ArgumentParser
import Dispatch
import Foundation
import LintelDisplay
import LintelDisplayDRM

/// `lintel display test`: the self-test pattern (or any screen) on the real display, through the
/// same renderer and frame path the agent uses; the previous picture comes back on exit.
struct DisplayTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Show the display self-test pattern (or --screen) on the DRM device, then restore it.")

    @Option(help: "DRM device, e.g. /dev/dri/card0 (default: the first with a connected display).")
    var device: String?

    @Option(help: "Connector name, e.g. HDMI-A-1 (default: the first connected).")
    var connector: String?

    @Option(help: "Display mode WIDTHxHEIGHT (default: the connector's preferred mode).")
    var mode: String?

    @Option(help: "Use this fbdev device (e.g. /dev/fb0) instead of DRM/KMS.")
    var fbdev: String?

    @Option(help: "Screen to show (see lintel render --list-screens).")
    var screen: String = "selftest"

    @OptionGroup var look: PanelLookOptions

    @Option(help: "How long to show it, in seconds (0: until interrupted).")
    var seconds: Double = 10

    @Option(help: "Present this many further frames first (countdown or clock ticks), one per vblank.")
    var frames: Int = 0

    func run() throws {
        let (rotation, language) = try look.validated()
        guard var model = PreviewModels.model(screen, language: language) else {
            throw InputError("--screen: unknown screen \"\(screen)\"; expected one of \(PreviewModels.screenNames.joined(separator: ", "))")
        }
        let fonts = try PanelLookOptions.fonts()
        let sink: any DisplaySink
        do {
            sink = try DisplaySinks.open(device: device, connector: connector, mode: mode, fbdev: fbdev)
        } catch {
            throw InputError("display: \(error)")
        }
        defer { sink.close() }
        let panel = RotatedPanel(physicalWidth: sink.width, physicalHeight: sink.height, rotation: rotation, fonts: fonts)
        try sink.present(panel.render(model).frame, damage: [Rect(x: 0, y: 0, width: sink.width, height: sink.height)])
        if frames > 0 {
            let start = DispatchTime.now().uptimeNanoseconds
            var copied = 0
            for _ in 0..<frames {
                model = PreviewModels.advanced(model, frames: 1)
                let (frame, damage) = panel.render(model)
                copied += damage.reduce(0) { $0 + $1.area }
                try sink.present(frame, damage: damage)
            }
            try sink.waitForFlip()
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            FileHandle.standardError.write(Data(
                "lintel: \(frames) page flips in \(Int(ms)) ms (\(Int(Double(frames) / ms * 1000)) per second), \(copied / frames) damaged pixels a frame\n".utf8))
        }
        FileHandle.standardError.write(Data(
            "lintel: showing \(screen) on \(sink.summary), \(sink.checkConnection() ? "connected" : "disconnected")\n".utf8))

        let done = DispatchSemaphore(value: 0)
        var handlers: [any DispatchSourceSignal] = []
        for signal in [SIGINT, SIGTERM] {
            Foundation.signal(signal, SIG_IGN)
            let handler = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            handler.setEventHandler { done.signal() }
            handler.resume()
            handlers.append(handler)
        }
        _ = done.wait(timeout: seconds > 0 ? .now() + seconds : .distantFuture)
        handlers.forEach { $0.cancel() }
    }
}
