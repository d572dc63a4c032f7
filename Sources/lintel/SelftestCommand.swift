import ArgumentParser
import Foundation
import LintelDisplay
import LintelDisplayDRM
import LintelInput
import LintelStore

/// `lintel selftest`: walks a technician through every part of the board, then reports.
struct SelftestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selftest",
        abstract: "Check every input and output of a board with a technician; exit 1 if any part fails.",
        discussion: "Cycles the status LED, asks for each button to be pressed, for motion in front of the PIR sensor and for a badge.")

    @Option(help: "The board file.")
    var board: String

    @Option(help: "Seconds to wait for each press, motion or badge.")
    var timeout: Double = 20

    @Option(help: "A store to look the presented badge up in (optional).")
    var store: String?

    enum Outcome: CustomStringConvertible {
        case pass(String), fail(String), skip(String)
        var description: String {
            switch self {
            case .pass(let s): "PASS \(s)"
            case .fail(let s): "FAIL \(s)"
            case .skip(let s): "SKIP \(s)"
            }
        }
        var failed: Bool { if case .fail = self { true } else { false } }
    }

    func run() throws {
        let session: HardwareSession
        do {
            session = try HardwareSession(boardFile: board)
        } catch {
            HardwareSession.say("FAIL gpio: \(error)")
            throw ExitCode(1)
        }
        defer { session.close() }
        let say = HardwareSession.say
        var report: [Outcome] = [.pass("gpio: chip \(session.source.chipDescription) opened, every configured line requested")]

        if let led = session.board.statusLed {
            say("Watch the status LED: red, green, blue/amber, white, then off.")
            do {
                for colour in [LedColour.red, .green, led.wiring.lines.count == 3 ? .blue : .amber, .white] {
                    try session.monitor.show(.steady(colour))
                    try waitQuietly(session, seconds: 0.6)
                }
                try session.monitor.show(.off)
                report.append(.pass("status-led: cycled red, green, blue/amber, white, off"))
            } catch {
                report.append(.fail("status-led: \(error)"))
            }
        } else {
            report.append(.skip("status-led: none configured"))
        }

        for role in ButtonRole.allCases where session.board.buttons[role] != nil {
            say("Press the \(role.rawValue) button (within \(Int(timeout)) s)…")
            let event = try waitFor(session) { $0.role == role.eventName && ($0.kind == .shortPress || $0.kind == .longPress) }
            report.append(event.map { .pass("\(role.eventName): \($0.kind.rawValue)") }
                ?? .fail("\(role.eventName): not pressed within \(Int(timeout)) s"))
        }

        if session.board.occupancy != nil {
            if session.monitor.isOccupied {
                report.append(.pass("pir: reports presence now"))
            } else {
                say("Move in front of the PIR sensor (within \(Int(timeout)) s)…")
                let event = try waitFor(session) { $0.role == "pir" && $0.kind == .occupied }
                report.append(event != nil ? .pass("pir: saw motion") : .fail("pir: no motion within \(Int(timeout)) s"))
            }
        } else {
            report.append(.skip("pir: none configured"))
        }

        if session.board.badgeReader != nil {
            say("Present a badge to the reader (within \(Int(timeout)) s)…")
            let event = try waitFor(session) { $0.role == "badge-reader" && $0.kind == .badge }
            report.append(event.map { .pass("badge-reader: read \($0.badge ?? "")\(owner(of: $0.badge))") }
                ?? .fail("badge-reader: no badge within \(Int(timeout)) s"))
        } else {
            report.append(.skip("badge-reader: none configured"))
        }

        if let display = session.board.display {
            say("Look at the display: colour bars, a grey ramp, a grid and red corner marks, for 3 s.")
            report.append(showTestPattern(display))
        } else {
            report.append(.skip("display: none configured"))
        }

        say("")
        say("Self-test report for \(session.board.name):")
        for outcome in report { say("  \(outcome)") }
        let failures = report.filter(\.failed).count
        say(failures == 0 ? "selftest passed" : "selftest failed: \(failures) part(s)")
        if failures > 0 { throw ExitCode(1) }
    }

    /// The self-test pattern on the board's display, then the previous picture back.
    private func showTestPattern(_ display: DisplayConfig) -> Outcome {
        do {
            guard let folder = FontSet.locateFolder() else { return .fail("display: cannot find the fonts (assets/fonts)") }
            let fonts = try FontSet(folder: folder)
            let sink = try DisplaySinks.open(device: display.device, connector: display.connector, fbdev: nil)
            defer { sink.close() }
            let rotation = display.rotation
            let panel = RotatedPanel(physicalWidth: sink.width, physicalHeight: sink.height, rotation: rotation, fonts: fonts)
            try sink.present(panel.render(PanelViewModel(screen: .selfTest)).frame, damage: [Rect(x: 0, y: 0, width: sink.width, height: sink.height)])
            Thread.sleep(forTimeInterval: 3)
            return .pass("display: test pattern shown on \(sink.summary), rotation \(rotation)")
        } catch {
            return .fail("display: \(error)")
        }
    }

    /// ", Bram Jansen (u-bram)" when a store is given and knows the badge.
    private func owner(of badge: String?) -> String {
        guard let store, let badge, FileManager.default.fileExists(atPath: store) else { return "" }
        guard let user = try? AuthStore(path: store).user(forBadge: badge) else { return ", not linked to anyone in \(store)" }
        return ", \(user.name) (\(user.id))"
    }

    private func waitFor(_ session: HardwareSession, _ matches: (InputEvent) -> Bool) throws -> InputEvent? {
        var found: InputEvent?
        try session.monitor.run(until: session.source.now() + UInt64(timeout * 1_000_000_000)) { event in
            if matches(event) { found = event }
            return found == nil
        }
        return found
    }

    private func waitQuietly(_ session: HardwareSession, seconds: Double) throws {
        try session.monitor.run(until: session.source.now() + UInt64(seconds * 1_000_000_000)) { _ in true }
    }
}
