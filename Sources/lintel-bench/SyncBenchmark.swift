import Foundation
import Glibc
import LintelAgent
import LintelAgentTestKit
import LintelDisplay
import LintelPlatformStore
import LintelPolicy
import LintelStore
import LintelSync
import LintelTestKit
import LintelWire
import Logging
import Synchronization

/// The agent's sync against `lintel-platform serve` on loopback (the bench world on the platform):
/// a whole scope into an empty store, one-booking deltas, the bytes of an empty pull, a platform
/// booking to the panel's frame with and without the poke socket, presses while a whole snapshot
/// is applied, 10,000 queued events drained, and the memory of a syncing board agent.
struct SyncBenchmark {
    let folder: URL
    let quick: Bool
    let platformBinary: String
    let lintel: String
    let admin = "bench-admin-token-0123456789abcdef"
    /// The panel: a parking space (open around the clock) of loc-0.
    let space = "s-9"

    func run() async throws -> [(String, String)] {
        let reference = Date()
        let world = quick
            ? SyntheticWorld.snapshot(users: 1_000, spaces: 100, bookings: 10_000, around: reference)
            : SyntheticWorld.snapshot(users: 10_000, spaces: 1_000, bookings: 100_000, around: reference)
        let tokenFile = folder.appendingPathComponent("sync-admin-token").path
        try admin.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("sync-platform.sqlite").path
        let store = PlatformStore(database: try SQLitePlatformDatabase(path: db, durable: false))
        try await store.importWorld(world, at: reference)
        try await store.retireBookings(endedBefore: reference.addingTimeInterval(-86_400), at: reference)
        var credentials: [DeviceCredential] = []
        for _ in 0..<4 {
            let enrolment = try await store.devices.startEnrolment(hardware: "bench", at: Date())
            let device = try await store.devices.approve(code: enrolment.userCode, spaceId: space, at: Date())
            guard case .approved(_, let credential, _) = try await store.devices.poll(deviceCode: enrolment.deviceCode, at: Date()) else {
                throw BenchError("the bench device was not approved")
            }
            credentials.append(DeviceCredential(deviceId: device.id, credential: credential, spaceId: space))
        }
        await store.database.close()
        let server = try Server(binary: platformBinary, db: db, tokenFile: tokenFile)
        defer { server.stop() }
        try await server.waitUntilUp()
        let base = "http://127.0.0.1:\(server.port)"
        let client = try HTTPPlatformClient(baseURL: base, logger: quiet)
        defer { Task { await client.shutdown() } }
        var report: [(String, String)] = []

        // A whole scope into an empty store: decoded, checked and written, three times.
        let pullStarted = ContinuousClock.now
        guard case .answer(let whole) = try await client.pull(cursor: nil, etag: nil, credential: credentials[0].credential) else {
            throw BenchError("the first pull was not a snapshot")
        }
        let pullSeconds = (ContinuousClock.now - pullStarted).seconds
        var applies: [Double] = [], decodes: [Double] = []
        var panelStore: AuthStore?
        var items = 0
        for run in 0..<3 {
            let path = folder.appendingPathComponent("sync-full-\(run).sqlite").path
            let fresh = try AuthStore(path: path)
            let started = ContinuousClock.now
            let answer = try PullAnswer.decode(whole)
            decodes.append((ContinuousClock.now - started).seconds)
            items = try fresh.applyPull(answer, at: Date()).items
            applies.append((ContinuousClock.now - started).seconds)
            panelStore = fresh
        }
        guard let panelStore else { throw BenchError("no store") }
        report += [
            ("sync_full_apply_s", LintelBench.format(LintelBench.percentile(applies, 0.5))), ("sync_full_apply_target_s", "1.0"),
            ("sync_full_apply_runs_s", "[" + applies.map(LintelBench.format).joined(separator: ",") + "]"),
            ("sync_full_decode_s", LintelBench.format(LintelBench.percentile(decodes, 0.5))),
            ("sync_full_scope_items", "\(items)"), ("sync_full_scope_json_bytes", "\(whole.count)"),
            ("sync_full_pull_s", LintelBench.format(pullSeconds)),
        ]

        // One booking changed on the platform: its delta decoded and applied with its cursor.
        var deltas: [Double] = []
        let victims = world.bookings.filter { $0.spaceId == space && $0.end > reference && $0.status == .confirmed }.prefix(quick ? 5 : 20)
        for booking in victims {
            guard try await adminRequest(server.port, "DELETE", "/v1/admin/bookings/\(booking.id)") == 204 else { throw BenchError("cancel \(booking.id)") }
            let position = try panelStore.syncPosition()
            guard case .answer(let data) = try await client.pull(cursor: position?.cursor, etag: nil, credential: credentials[0].credential) else {
                throw BenchError("no delta for \(booking.id)")
            }
            let started = ContinuousClock.now
            let applied = try panelStore.applyPull(try PullAnswer.decode(data), at: Date())
            deltas.append((ContinuousClock.now - started).seconds * 1000)
            guard applied.kind == .delta, applied.items >= 1 else { throw BenchError("the pull after \(booking.id) was a \(applied.kind)") }
        }
        report += [("sync_delta_apply_ms", LintelBench.format(LintelBench.percentile(deltas, 0.5))), ("sync_delta_apply_max_ms", LintelBench.format(deltas.max() ?? 0)),
                   ("sync_delta_apply_target_ms", "10"), ("sync_deltas_measured", "\(deltas.count)")]

        // An empty pull on a kept-alive connection, counted on the wire both ways.
        let relay = try ByteCountingRelay(upstream: server.port)
        let counted = try HTTPPlatformClient(baseURL: "http://127.0.0.1:\(relay.port)", logger: quiet)
        let position = try panelStore.syncPosition()!
        let etag = "\"\(position.cursor)-\(position.checksum)\""
        _ = try await counted.pull(cursor: position.cursor, etag: etag, credential: credentials[0].credential)
        let before = relay.bytes
        let empty = try await counted.pull(cursor: position.cursor, etag: etag, credential: credentials[0].credential)
        let after = relay.bytes
        guard case .unchanged = empty else { throw BenchError("the empty pull was not a 304") }
        await counted.shutdown()
        relay.close()
        report += [("sync_empty_pull_bytes", "\(after.up - before.up + after.down - before.down)"), ("sync_empty_pull_request_bytes", "\(after.up - before.up)"),
                   ("sync_empty_pull_target_bytes", "1024")]

        // A platform booking to the panel's frame: poke on, then the socket down (polling every 2 s).
        let samples = quick ? 10 : 40
        let withPoke = try await changeToGlass(store: panelStore, client: client, credential: credentials[0], port: server.port, world: world,
                                               samples: samples, pokes: true, poll: 30)
        let noPoke = try await changeToGlass(store: panelStore, client: client, credential: credentials[0], port: server.port, world: world,
                                             samples: quick ? 4 : 12, pokes: false, poll: 2)
        report += [("sync_change_to_glass_p50_ms", LintelBench.format(LintelBench.percentile(withPoke, 0.5) * 1000)),
                   ("sync_change_to_glass_p99_ms", LintelBench.format(LintelBench.percentile(withPoke, 0.99) * 1000)), ("sync_change_to_glass_target_ms", "500"),
                   ("sync_change_to_glass_samples", "\(withPoke.count)"),
                   ("sync_change_to_glass_nopoke_p99_s", LintelBench.format(LintelBench.percentile(noPoke, 0.99))), ("sync_change_to_glass_nopoke_poll_s", "2"),
                   ("sync_change_to_glass_nopoke_target_s", "4")]

        // Presses while whole snapshots are applied to the panel's store, beside idle presses in the same run.
        // Snapshots as after a long absence (a quarter of the bookings changed each time), and the
        // worst case (every booking changed), applied again and again beside the presses.
        let held = try PullAnswer.decode(whole)
        let quarter = try Self.changed(held, every: 4), all = try Self.changed(held, every: 1)
        let presses = quick ? 60 : 200
        let (idle, during, fullApplies) = try await pressesDuringApply(store: panelStore, answers: [quarter, held], presses: presses)
        let (_, rewriting, rewrites) = try await pressesDuringApply(store: panelStore, answers: [all, held], presses: presses)
        report += [("press_to_frame_p99_idle_sync_store_ms", LintelBench.format(LintelBench.percentile(idle, 0.99))),
                   ("press_to_frame_p99_during_apply_ms", LintelBench.format(LintelBench.percentile(during, 0.99))),
                   ("press_to_frame_during_apply_ratio", LintelBench.format(LintelBench.percentile(during, 0.99) / max(0.001, LintelBench.percentile(idle, 0.99)))),
                   ("press_to_frame_during_apply_target_ratio", "2"), ("press_to_frame_during_apply_full_applies", "\(fullApplies)"),
                   ("press_to_frame_during_apply_changed_share", "0.25"), ("press_to_frame_during_apply_presses", "\(during.count)"),
                   ("press_to_frame_p99_during_whole_rewrite_ms", LintelBench.format(LintelBench.percentile(rewriting, 0.99))),
                   ("press_to_frame_during_whole_rewrite_applies", "\(rewrites)"), ("press_to_frame_during_whole_rewrite_presses", "\(rewriting.count)")]

        // 10,000 events queued while the platform was away, drained once it answers.
        let drain = try await outageDrain(credential: credentials[1], base: base, count: 10_000)
        report += [("sync_outage_drain_s", LintelBench.format(drain)), ("sync_outage_drain_target_s", "60"), ("sync_outage_events", "10000")]

        // The board configuration (no virtual panel) with and without sync, side by side.
        let memory = try await boardMemory(store: panelStore, credential: credentials[2], base: base)
        report += [("rss_steady_sync_mb", LintelBench.format(memory.sync)), ("rss_steady_nosync_board_mb", LintelBench.format(memory.alone)),
                   ("rss_steady_sync_extra_mb", LintelBench.format(memory.sync - memory.alone)), ("rss_steady_sync_extra_target_mb", "5"),
                   ("rss_steady_sync_after_first_snapshot_mb", LintelBench.format(memory.fresh)),
                   ("rss_steady_sync_after_s", LintelBench.format(quick ? 15 : 60))]
        return report
    }

    // MARK: Change to glass

    /// Books a few minutes ahead on the panel's space through the admin API, and cancels it again;
    /// each change timed from the request to the next frame the panel presents.
    private func changeToGlass(store: AuthStore, client: any PlatformClient, credential: DeviceCredential, port: Int, world: Snapshot,
                               samples: Int, pokes: Bool, poll: Double) async throws -> [Double] {
        let sink = AgentBenchmark.TimingSink()
        let panel = try await Panel(store: store, space: space, clock: ManualClock(Date()), sink: sink, folder: folder,
                                    client: pokes ? client : NoPokeClient(wrapping: client), credential: credential, poll: poll)
        defer { panel.stop() }
        // The first frame, and the socket open (or refused), before measuring.
        while sink.presented.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .seconds(pokes ? 1 : 0.2))
        var delays: [Double] = []
        var slot = Date().addingTimeInterval(180)
        var made: String?
        while delays.count < samples {
            let frames = sink.presented.withLock { $0.count }
            let sent = DispatchTime.now().uptimeNanoseconds
            if let booking = made {
                guard try await adminRequest(port, "DELETE", "/v1/admin/bookings/\(booking)") == 204 else { throw BenchError("cancel \(booking)") }
                made = nil
            } else {
                let start = ISO8601.format(slot), end = ISO8601.format(slot.addingTimeInterval(300))
                let body = Data(#"{"spaceId":"\#(space)","ownerId":"u-0","start":"\#(start)","end":"\#(end)","title":"Bench"}"#.utf8)
                let (status, answer) = try adminCall(port, "POST", "/v1/admin/bookings", body: body)
                slot = slot.addingTimeInterval(600)
                guard status == 201 else { continue } // the slot was taken: the next one
                made = (try JSONSerialization.jsonObject(with: answer) as? [String: Any])?["id"] as? String
            }
            let deadline = sent + UInt64((poll + 10) * 1e9)
            while sink.presented.withLock({ $0.count }) == frames {
                guard DispatchTime.now().uptimeNanoseconds < deadline else { throw BenchError("a platform change produced no frame (pokes: \(pokes))") }
                try await Task.sleep(for: .milliseconds(1))
            }
            let shown = sink.presented.withLock { $0[frames] }
            delays.append(Double(shown - sent) / 1e9)
            try await Task.sleep(for: .milliseconds(30))
        }
        if let made { _ = try await adminRequest(port, "DELETE", "/v1/admin/bookings/\(made)") }
        return delays
    }

    // MARK: Presses during a whole apply

    /// An instant from which the panel's space is free for two hours (its bookings leave gaps of hours)
    /// and a walk-up booking is allowed throughout (opening hours, advance window): the presses run on
    /// a manual clock from there, whatever the hour the bench runs at.
    private func freeHour(on store: AuthStore) throws -> Date {
        var candidate = Date().addingTimeInterval(3600)
        func bookable(at start: Date) throws -> Bool {
            let request = DecisionRequest(actor: .anonymous, action: .book, spaceId: space, start: start, end: start.addingTimeInterval(1800))
            return try store.decide(request, at: start).0.isAllowed
        }
        for _ in 0..<200 {
            let bookings = try store.panelDay(spaceId: space, at: candidate)?.bookings ?? []
            if !bookings.contains(where: { $0.start < candidate.addingTimeInterval(7200) && $0.end > candidate.addingTimeInterval(-60) }),
               try bookable(at: candidate), try bookable(at: candidate.addingTimeInterval(3600)) {
                return candidate
            }
            candidate = candidate.addingTimeInterval(1800)
        }
        throw BenchError("no free, bookable two hours on \(space) in the next 100 hours")
    }

    /// The snapshot with the title of every `every`-th booking changed, and its checksum to match.
    static func changed(_ answer: PullAnswer, every: Int) throws -> PullAnswer {
        var changed = answer
        guard var snapshot = answer.snapshot else { throw BenchError("not a snapshot") }
        for i in stride(from: 0, to: snapshot.bookings.count, by: every) { snapshot.bookings[i].title = "Changed \(i)" }
        changed.snapshot = snapshot
        changed.checksum = ScopeChecksum(try WorldItem.items(of: snapshot))
        return changed
    }

    private func pressesDuringApply(store: AuthStore, answers: [PullAnswer], presses: Int) async throws -> (idle: [Double], during: [Double], applies: Int) {
        // A free hour on the panel's space from now: book now, end, again and again.
        let sink = AgentBenchmark.TimingSink()
        let clock = ManualClock(try freeHour(on: store))
        let panel = try await Panel(store: store, space: space, clock: clock, sink: sink, folder: folder, client: nil, credential: nil, poll: 30)
        defer { panel.stop() }
        while sink.presented.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(5)) }
        func press(_ i: Int) async throws -> Double {
            clock.advance(seconds: 1)
            let frames = sink.presented.withLock { $0.count }
            let sent = DispatchTime.now().uptimeNanoseconds
            // Book now on a free space, end on one in use: every press changes the picture.
            panel.assembly.inbox.send(.press(panel.assembly.agent.statusName == "in-use" ? .end : .checkIn, long: false))
            while sink.presented.withLock({ $0.count }) == frames {
                guard DispatchTime.now().uptimeNanoseconds - sent < 20_000_000_000 else {
                    throw BenchError("press \(i) produced no frame; the panel shows \(panel.assembly.agent.statusName) \(panel.assembly.agent.notice ?? "")")
                }
                try await Task.sleep(for: .microseconds(200))
            }
            return Double(sink.presented.withLock { $0[frames] } - sent) / 1e6
        }
        var idle: [Double] = []
        for i in 0..<presses { idle.append(try await press(i)) }
        let applying = Atomic<Bool>(true)
        let count = Atomic<Int>(0)
        let applier = Thread {
            var next = 0
            while applying.load(ordering: .relaxed) {
                _ = try? store.applyPull(answers[next % answers.count], at: Date())
                next += 1
                count.add(1, ordering: .relaxed)
            }
        }
        applier.start()
        // Presses 10 ms apart until at least ten applies have run beside them (and at least `presses`).
        var during: [Double] = []
        while during.count < presses || count.load(ordering: .relaxed) < 10 {
            during.append(try await press(presses + during.count))
            try await Task.sleep(for: .milliseconds(10))
        }
        applying.store(false, ordering: .relaxed)
        while !applier.isFinished { try await Task.sleep(for: .milliseconds(10)) }
        // The store left as the platform has it (the last answer), so what follows starts in step.
        _ = try store.applyPull(answers[answers.count - 1], at: Date())
        return (idle, during, count.load(ordering: .relaxed))
    }

    // MARK: Outage drain

    private func outageDrain(credential: DeviceCredential, base: String, count: Int) async throws -> Double {
        let path = folder.appendingPathComponent("sync-outage.sqlite").path
        do {
            let filling = try AuthStore(path: path, syncEachCommit: false)
            let start = Date().addingTimeInterval(-72 * 3600)
            for i in 0..<count {
                try filling.record(.presence, i % 2 == 0 ? "occupied" : "vacant", spaceId: space, at: start.addingTimeInterval(Double(i) * 25))
            }
        }
        let store = try AuthStore(path: path)
        let client = try HTTPPlatformClient(baseURL: base, logger: quiet)
        let credentials = CredentialFile(path: folder.appendingPathComponent("sync-outage-credential.json").path)
        try credentials.write(credential)
        let sync = SyncService(store: store, client: client, credentials: credentials, settings: SyncService.Settings(), clock: ManualClock(Date()),
                               inbox: AgentInbox(), metrics: AgentMetrics(), logger: quiet)
        let started = ContinuousClock.now
        let running = Task { try await sync.run() }
        while try store.outboxDepth() > 0 {
            guard (ContinuousClock.now - started).seconds < 600 else { throw BenchError("the outbox did not drain in 600 s") }
            try await Task.sleep(for: .milliseconds(10))
        }
        let seconds = (ContinuousClock.now - started).seconds
        running.cancel()
        _ = try? await running.value
        await client.shutdown()
        return seconds
    }

    // MARK: Memory

    /// `lintel run` as on a board (no virtual panel, a PNG sink standing in for the display), three
    /// side by side: one syncing a store that holds its scope, one on the same store without sync,
    /// and one that starts empty and takes its whole scope as a snapshot first; resident sizes
    /// after settling.
    private func boardMemory(store: AuthStore, credential: DeviceCredential, base: String) async throws -> (sync: Double, alone: Double, fresh: Double) {
        var processes: [Process] = []
        defer { for p in processes where p.isRunning { kill(p.processIdentifier, SIGTERM); p.waitUntilExit() } }
        for name in ["sync", "alone", "fresh"] {
            let path = folder.appendingPathComponent("board-\(name).sqlite").path
            if name != "fresh" { try store.copy(to: path) }
            let credentialPath = folder.appendingPathComponent("board-\(name)-credential.json").path
            try CredentialFile(path: credentialPath).write(credential)
            let config = folder.appendingPathComponent("board-\(name).yaml").path
            try """
                space: \(space)
                store: \(path)
                display: { output: png, png: \(folder.appendingPathComponent("board-\(name).png").path), width: 1280, height: 800 }
                clock: { assume-synchronised: true }
                \(name != "alone" ? "sync: { platform: \"\(base)\", credential: \(credentialPath) }" : "")
                """.write(toFile: config, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: lintel)
            process.arguments = ["run", "--config", config]
            let log = folder.appendingPathComponent("board-\(name).log").path
            FileManager.default.createFile(atPath: log, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: log)
            try process.run()
            processes.append(process)
        }
        try await Task.sleep(for: .seconds(quick ? 15 : 60))
        let sync = AgentBenchmark.memory(of: processes[0].processIdentifier).rss
        let alone = AgentBenchmark.memory(of: processes[1].processIdentifier).rss
        let fresh = AgentBenchmark.memory(of: processes[2].processIdentifier).rss
        for name in ["sync", "fresh"] {
            let log = (try? String(contentsOfFile: folder.appendingPathComponent("board-\(name).log").path, encoding: .utf8)) ?? ""
            let pulls = log.split(separator: "\n").filter { $0.contains("pull applied") }
            FileHandle.standardError.write(Data("bench: board \(name): \(pulls.count) pull(s) applied: \(pulls.prefix(3).joined(separator: " | "))\n".utf8))
        }
        return (sync, alone, fresh)
    }

    // MARK: Helpers

    private var quiet: Logger { Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }) }

    private func adminRequest(_ port: Int, _ method: String, _ path: String) async throws -> Int {
        try await LoopbackHTTP.request(port: port, method: method, path: path, headers: ["Authorization": "Bearer \(admin)"])
    }

    /// A request answered with its body.
    private func adminCall(_ port: Int, _ method: String, _ path: String, body: Data) throws -> (Int, Data) {
        try LoopbackHTTP.exchangeNow(port: port, method: method, path: path,
                                     headers: ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"], body: body)
    }
}

/// The agent's panel and, with a client, its sync, in this process: the real services around a frame sink.
final class Panel: Sendable {
    let assembly: AgentAssembly
    private let tasks: Mutex<[Task<Void, any Error>]>

    init(store: AuthStore, space: String, clock: ManualClock, sink: AgentBenchmark.TimingSink, folder: URL, client: (any PlatformClient)?,
         credential: DeviceCredential?, poll: Double) async throws {
        // LINTEL_BENCH_LOG=1 shows the panel's and the sync service's log on stderr (to find why a press went unanswered).
        let logged = ProcessInfo.processInfo.environment["LINTEL_BENCH_LOG"] == "1"
        let quiet = Logger(label: "bench", factory: { logged ? StreamLogHandler.standardError(label: $0) : SwiftLogNoOpLogHandler() as any LogHandler })
        let fonts = try FontSet(folder: ProjectFiles.url("assets/fonts").path)
        var sync: SyncService?
        let inbox = AgentInbox(), metrics = AgentMetrics()
        if let client, let credential {
            let file = CredentialFile(path: folder.appendingPathComponent("panel-\(UUID().uuidString).json").path)
            try file.write(credential)
            var settings = SyncService.Settings()
            settings.machine.pollInterval = poll
            sync = SyncService(store: store, client: client, credentials: file, settings: settings, clock: clock, inbox: inbox, metrics: metrics, logger: quiet)
        }
        var journaled: (@Sendable () -> Void)?
        if let sync { journaled = { sync.journaled() } }
        assembly = try AgentAssembly(config: AgentConfig(spaceId: space, storePath: store.path), store: store, clock: clock,
                                     outputs: PanelOutputs(panel: RotatedPanel(physicalWidth: 1280, physicalHeight: 800, rotation: 0, fonts: fonts),
                                                           sinks: [sink], journaled: journaled),
                                     inbox: inbox, metrics: metrics, notifier: SystemdNotifier(environment: [:]), logger: quiet, panelLogger: quiet)
        let services: [any Service] = [assembly.panelService, assembly.scheduler] + (sync.map { [$0] } ?? [])
        tasks = Mutex(services.map { service in Task { try await service.run() } })
    }

    func stop() {
        assembly.inbox.finish()
        for task in tasks.withLock({ $0 }) { task.cancel() }
    }
}

import ServiceLifecycle

/// The platform without its poke socket: every other request passes through.
struct NoPokeClient: PlatformClient {
    let wrapping: any PlatformClient

    func startEnrolment(hardware: String, agentVersion: String) async throws(PlatformFailure) -> Enrolment {
        try await wrapping.startEnrolment(hardware: hardware, agentVersion: agentVersion)
    }
    func pollEnrolment(deviceCode: String) async throws(PlatformFailure) -> DeviceCredential? { try await wrapping.pollEnrolment(deviceCode: deviceCode) }
    func pull(cursor: String?, etag: String?, credential: String) async throws(PlatformFailure) -> PullResult {
        try await wrapping.pull(cursor: cursor, etag: etag, credential: credential)
    }
    func push(_ batch: EventBatch, credential: String) async throws(PlatformFailure) -> EventVerdicts { try await wrapping.push(batch, credential: credential) }
    func heartbeat(_ beat: Heartbeat, credential: String) async throws(PlatformFailure) { try await wrapping.heartbeat(beat, credential: credential) }
    func listenForPokes(credential: String, onOpen: @escaping @Sendable () -> Void, onPoke: @escaping @Sendable () -> Void) async throws(PlatformFailure) {
        throw .unreachable("no poke socket in this run")
    }
}
