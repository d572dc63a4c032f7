import Foundation
import LintelAgent
import LintelDisplay
import LintelInput
import LintelStore
import LintelWire
import LintelAgentTestKit
import LintelTestKit
import Logging
import ServiceLifecycle
import Synchronization

/// The agent's figures: memory of a running agent (proportional set size), process start to first
/// frame, input to frame through the real panel service, and wake-ups of an idle agent.
struct AgentBenchmark {
    struct Figures {
        var pssMB: Double
        var rssMB: Double
        var firstFrameMs: [Double]
        var pressToFrameMs: [Double]
        /// SQLite transactions begun per press (book now / end), counted through the trace hook.
        var transactionsPerPress: Double
        /// The same presses on a store that does not sync each commit (synchronous = NORMAL), in the same run.
        var pressToFrameNoSyncMs: [Double]
        var idleWakeupsPerSecond: Double
        var floorWakeupsPerSecond: Double
        var idleSeconds: Double
    }

    let settleSeconds: Double
    let wakeupSeconds: Double
    let folder: URL

    /// `lintel` beside this benchmark's executable (both built by `make bench`).
    var lintel: String { URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("lintel").path }

    func run() async throws -> Figures {
        guard FileManager.default.isExecutableFile(atPath: lintel) else { throw SeedError("\(lintel): build it first (make bench builds it)") }
        let firstFrames = try (0..<7).map { try firstFrame(run: $0) }
        let (pressToFrame, transactionsPerPress) = try await pressesToFrames(count: 400)
        let (pressToFrameNoSync, _) = try await pressesToFrames(count: 400, syncEachCommit: false)
        // An idle panel (nothing booked today) beside a bare Swift process that only sleeps: the
        // agent's wake-ups, and the floor every Swift process on Linux has (libdispatch's thread-pool
        // monitor ticks once a second).
        let idle = try startAgent(name: "idle", space: "ams-r-lab", liveBooking: false)
        let bare = try startProcess(CommandLine.arguments[0], ["--sleep-forever"])
        try await Task.sleep(for: .seconds(5))
        let start = (Date(), Self.contextSwitches(of: idle.processIdentifier), Self.contextSwitches(of: bare.processIdentifier))
        try await Task.sleep(for: .seconds(wakeupSeconds))
        let end = (Date(), Self.contextSwitches(of: idle.processIdentifier), Self.contextSwitches(of: bare.processIdentifier))
        for p in [idle, bare] { kill(p.processIdentifier, SIGTERM); p.waitUntilExit() }
        let seconds = end.0.timeIntervalSince(start.0)
        // The demo panel alone (a countdown ticking every second, the virtual panel served) for memory.
        let demo = try startAgent(name: "demo", space: "ams-r-tulip", liveBooking: true)
        try await Task.sleep(for: .seconds(settleSeconds))
        let memory = Self.memory(of: demo.processIdentifier)
        kill(demo.processIdentifier, SIGTERM)
        demo.waitUntilExit()
        return Figures(pssMB: memory.pss, rssMB: memory.rss, firstFrameMs: firstFrames, pressToFrameMs: pressToFrame, transactionsPerPress: transactionsPerPress,
                       pressToFrameNoSyncMs: pressToFrameNoSync,
                       idleWakeupsPerSecond: Double(Self.wakeups(from: start.1, to: end.1)) / seconds,
                       floorWakeupsPerSecond: Double(Self.wakeups(from: start.2, to: end.2)) / seconds, idleSeconds: seconds)
    }

    // MARK: First frame

    /// Process start to the first frame in the PNG sink, with the store already there (as on a board).
    private func firstFrame(run: Int) throws -> Double {
        let store = folder.appendingPathComponent("first-\(run).sqlite").path
        let png = folder.appendingPathComponent("first-\(run).png").path
        try AuthStore(path: store).importSnapshot(json: try Data(contentsOf: ProjectFiles.demoWorld), file: "demo-world.json")
        let config = folder.appendingPathComponent("first-\(run).yaml").path
        try """
            space: ams-r-tulip
            store: \(store)
            display: { output: png, png: \(png), width: 1280, height: 800 }
            clock: { assume-synchronised: true }
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: lintel)
        process.arguments = ["run", "--config", config]
        process.standardError = FileHandle.nullDevice
        let started = DispatchTime.now()
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        while !FileManager.default.fileExists(atPath: png) {
            guard process.isRunning else { throw SeedError("lintel run exited before its first frame") }
            usleep(200)
        }
        return Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
    }

    // MARK: Press to frame

    /// A sink that notes when each frame is presented.
    final class TimingSink: FrameSink, @unchecked Sendable {
        let width = 1280, height = 800
        let presented = Mutex<[UInt64]>([])
        func present(_ frame: FrameBuffer, damage: [Rect]) throws {
            let now = DispatchTime.now().uptimeNanoseconds
            presented.withLock { $0.append(now) }
        }
    }

    /// Scripted presses (book now, then end, on the free Canal room at 16:00 on the demo world's
    /// day) into the real panel service, each timed from the moment it is queued to the moment its
    /// frame is presented. The clock moves a second per press.
    private func pressesToFrames(count: Int, syncEachCommit: Bool = true) async throws -> (latencies: [Double], transactionsPerPress: Double) {
        let store = try AuthStore(path: folder.appendingPathComponent("press-\(syncEachCommit ? "full" : "normal").sqlite").path,
                                  countingTransactions: true, syncEachCommit: syncEachCommit)
        try store.importSnapshot(json: try Data(contentsOf: ProjectFiles.demoWorld), file: "demo-world.json")
        let sink = TimingSink()
        let fonts = try FontSet(folder: ProjectFiles.url("assets/fonts").path)
        let clock = ManualClock(Fixture.instant("2026-11-23T16:00:00+01:00"))
        let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let assembly = try AgentAssembly(config: AgentConfig(spaceId: "ams-r-canal", storePath: ""), store: store, clock: clock,
                                         outputs: PanelOutputs(panel: RotatedPanel(physicalWidth: 1280, physicalHeight: 800, rotation: 0, fonts: fonts),
                                                               sinks: [sink]),
                                         notifier: SystemdNotifier(environment: [:]), logger: quiet, panelLogger: quiet)
        let (agent, inbox, scheduler, service) = (assembly.agent, assembly.inbox, assembly.scheduler, assembly.panelService)
        let running = Task { try await service.run() }
        let ticking = Task { try await scheduler.run() }
        defer {
            inbox.finish()
            ticking.cancel()
        }
        while sink.presented.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(1)) }
        var latencies: [Double] = []
        let transactionsBefore = store.transactionsBegun
        for i in 0..<count {
            clock.advance(seconds: 1)
            let before = sink.presented.withLock { $0.count }
            let sent = DispatchTime.now().uptimeNanoseconds
            inbox.send(.press(i % 2 == 0 ? .checkIn : .end, long: false))
            while sink.presented.withLock({ $0.count }) == before {
                guard DispatchTime.now().uptimeNanoseconds - sent < 2_000_000_000 else {
                    throw SeedError("press \(i) (\(i % 2 == 0 ? "book now" : "end")) produced no frame; the panel shows \(agent.statusName)")
                }
                await Task.yield()
            }
            let shown = sink.presented.withLock { $0[before] }
            latencies.append(Double(shown - sent) / 1e6)
        }
        inbox.finish()
        _ = try? await running.value
        return (latencies, Double(store.transactionsBegun - transactionsBefore) / Double(count))
    }

    // MARK: Running agents

    private func startAgent(name: String, space: String, liveBooking: Bool) throws -> Process {
        let config = folder.appendingPathComponent("\(name).yaml").path
        let bookings = liveBooking ? """
              bookings:
                - { id: bk-bench, owner: u-bram, title: Bench stand-up, starts-in-seconds: 120, minutes: 45 }
            """ : ""
        try """
            space: \(space)
            store: \(folder.appendingPathComponent("\(name).sqlite").path)
            display: { output: none, width: 1280, height: 800 }
            clock: { assume-synchronised: true }
            http: { listen: "127.0.0.1:0", virtual-panel: true }
            seed:
              snapshot: \(ProjectFiles.demoWorld.path)
              rebase-to-today: true
            \(bookings)
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return try startProcess(lintel, ["run", "--config", config])
    }

    private func startProcess(_ path: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Voluntary and involuntary context switches of each thread of a process (each is a wake-up), by thread id.
    static func contextSwitches(of pid: Int32) -> [String: Int] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        var counts: [String: Int] = [:]
        for task in tasks {
            let status = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8)) ?? ""
            counts[task] = status.split(separator: "\n").filter { $0.contains("ctxt_switches:") }
                .compactMap { Int($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) }.reduce(0, +)
        }
        return counts
    }

    /// Wake-ups between two readings: each thread's growth; a thread born in between counts whole.
    static func wakeups(from start: [String: Int], to end: [String: Int]) -> Int {
        end.reduce(0) { $0 + $1.value - (start[$1.key] ?? 0) }
    }

    /// Proportional and resident set size in MB, from smaps_rollup.
    static func memory(of pid: Int32) -> (pss: Double, rss: Double) {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8)) ?? ""
        func field(_ name: String) -> Double {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return -1 }
            return Double(line.split(separator: " ", omittingEmptySubsequences: true)[1]).map { $0 / 1024 } ?? -1
        }
        return (field("Pss"), field("Rss"))
    }
}
