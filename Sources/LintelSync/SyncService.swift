import Dispatch
public import Foundation
public import LintelAgent
public import LintelStore
import LintelWire
public import Logging
public import ServiceLifecycle
import Synchronization

/// The sync with the platform as a service of `lintel run`: it pairs when the panel has no
/// credential, holds the poke socket, pulls on every poke (and on an interval with jitter while
/// the socket is down), applies each answer in one transaction with its cursor, drains the outbox
/// in order in batches, and tells the panel when its store or its sync state changed. It talks
/// only to the store, the platform client and the panel's inbox; every decision stays local.
public final class SyncService: Service, Sendable {
    public struct Settings: Sendable {
        public var machine = SyncMachine.Settings()
        /// Events per push (the platform takes at most 500).
        public var batchSize = EventBatch.maximumCount
        /// Seconds without the platform's word after which new bookings stop.
        public var stopBookingAfter: Double = 24 * 3600
        public var hardware = "Lintel panel"
        public var agentVersion = "dev"
        /// Seconds the poke socket waits before it is opened again after it closed (doubling to 30).
        public var socketRetry: Double = 1
        /// Gives freed memory back to the system; called after a snapshot was applied (its decoding
        /// and hashing peak at tens of megabytes, which the allocator would otherwise keep).
        public var releaseMemory: @Sendable () -> Void = {}

        public init() {}

        public init(_ config: AgentConfig.Sync) {
            machine.pollInterval = config.pollSeconds
            stopBookingAfter = config.stopBookingAfterHours * 3600
            hardware = config.hardware
        }
    }

    private let store: AuthStore
    private let client: any PlatformClient
    private let credentials: CredentialFile
    private let settings: Settings
    private let clock: any AgentClock
    private let inbox: AgentInbox
    private let metrics: AgentMetrics
    private let status: AgentStatus?
    private let logger: Logger
    private let input: AsyncStream<Input>.Continuation
    private let events: AsyncStream<Input>
    private let work = DispatchQueue(label: "lintel.sync.apply")
    /// What the service last reported, for `status` and tests.
    private let report = Mutex(SyncReport())

    public init(store: AuthStore, client: any PlatformClient, credentials: CredentialFile, settings: Settings, clock: any AgentClock,
                inbox: AgentInbox, metrics: AgentMetrics, status: AgentStatus? = nil, logger: Logger = Logger(label: "lintel.sync")) {
        self.status = status
        self.store = store
        self.client = client
        self.credentials = credentials
        self.settings = settings
        self.clock = clock
        self.inbox = inbox
        self.metrics = metrics
        self.logger = logger
        (events, input) = AsyncStream.makeStream(of: Input.self, bufferingPolicy: .unbounded)
        status?.observeShowing { [input] _ in input.yield(.machine(.panelChanged)) }
    }

    /// What the panel shows before the sync has run: the pairing screen when there is no
    /// credential (so the first frame of an unpaired panel is the pairing screen, not its room).
    public func startingView() -> SyncView {
        (try? credentials.read()) == nil ? SyncView(pairing: .pending) : SyncView()
    }

    /// The outbox grew: push soon.
    public func journaled() { input.yield(.machine(.journaled)) }

    /// The sync as it stands.
    public var current: SyncReport { report.withLock { $0 } }

    public func run() async throws {
        let loop = Loop(service: self)
        try await withGracefulShutdownHandler {
            try await loop.run()
        } onGracefulShutdown: { [input] in
            input.finish()
        }
        await loop.stop()
    }

    // MARK: The loop

    /// The state of one run: the machine, the credential, and the tasks it started.
    private final class Loop: @unchecked Sendable {
        let service: SyncService
        var machine: SyncMachine
        var credential: DeviceCredential?
        var dataFrom: Date?
        var lastView: SyncView?
        var pairing: SyncView.Pairing?
        var timer: Task<Void, Never>?
        var socket: Task<Void, Never>?
        var enrolment: Task<Void, Never>?
        /// The machine's time: a monotonic clock (a wall clock step never makes a retry early or late).
        let origin = ContinuousClock.now

        init(service: SyncService) {
            self.service = service
            machine = SyncMachine(settings: service.settings.machine, seed: UInt64.random(in: 1...UInt64.max))
        }

        func run() async throws {
            let s = service
            credential = try s.credentials.read()
            dataFrom = try s.store.syncPosition()?.pulledAt
            s.metrics.syncData(from: dataFrom)
            // Until the platform gives a code, the pairing screen says one is coming.
            if credential == nil { pairing = .pending }
            try await handle(.started(hasCredential: credential != nil))
            for await event in s.events {
                switch event {
                case .machine(let event):
                    try await handle(event)
                case .pairing(let code):
                    pairing = code
                    publish(storeChanged: false)
                case .credential(let credential):
                    self.credential = credential
                    pairing = nil
                    try await handle(.enrolled)
                }
            }
        }

        func stop() async {
            timer?.cancel()
            socket?.cancel()
            enrolment?.cancel()
        }

        /// Now on the machine's clock.
        private func tick() -> Date {
            let elapsed = ContinuousClock.now - origin
            return Date(timeIntervalSince1970: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }

        private func handle(_ first: SyncMachine.Event) async throws {
            var actions = machine.handle(first, at: tick())
            var storeChanged = false
            while !actions.isEmpty {
                let action = actions.removeFirst()
                if let outcome = try await perform(action, storeChanged: &storeChanged) {
                    actions += machine.handle(outcome, at: tick())
                }
            }
            publish(storeChanged: storeChanged)
        }

        /// Does one action; the outcome to feed back, if it has one.
        private func perform(_ action: SyncMachine.Action, storeChanged: inout Bool) async throws -> SyncMachine.Event? {
            let s = service
            switch action {
            case .wake(let at):
                timer?.cancel()
                let seconds = max(0, at.timeIntervalSince(tick()))
                timer = Task { [input = s.input] in
                    try? await Task.sleep(for: .milliseconds(Int(seconds * 1000) + 1))
                    if !Task.isCancelled { input.yield(.machine(.timer)) }
                }
                return nil
            case .enrol:
                startEnrolment()
                return nil
            case .forgetCredential:
                s.logger.warning("the platform refused this panel's credential: pairing again; the outbox is kept", metadata: [
                    "outbox": "\((try? s.store.outboxDepth()) ?? -1)",
                ])
                try? s.credentials.remove()
                credential = nil
                pairing = .pending
                socket?.cancel()
                socket = nil
                startEnrolment()
                return nil
            case .pull(let fresh):
                guard let credential else { return nil }
                openSocketIfNeeded(credential)
                return await pull(fresh: fresh, credential: credential, storeChanged: &storeChanged)
            case .push:
                guard let credential else { return nil }
                return await push(credential: credential)
            case .heartbeat:
                guard let credential else { return nil }
                let beat = Heartbeat(agentVersion: s.settings.agentVersion, clock: s.clock.isSynchronised() ? "trusted" : "untrusted",
                                     cacheAgeSeconds: dataFrom.map { max(0, Int(s.clock.now().timeIntervalSince($0))) },
                                     outboxDepth: try? s.store.outboxDepth(), showing: s.status?.live.showing)
                do {
                    try await s.client.heartbeat(beat, credential: credential.credential)
                } catch {
                    s.logger.debug("heartbeat not taken", metadata: ["reason": "\(error.reason)"])
                }
                return .heartbeatDone
            }
        }

        private func pull(fresh: Bool, credential: DeviceCredential, storeChanged: inout Bool) async -> SyncMachine.Event {
            let s = service
            // After a snapshot that did not finish applying, only a fresh one describes the rows.
            let position = (try? s.store.syncPosition()).flatMap { $0?.isUnfinished == false ? $0 : nil }
            let cursor = fresh ? nil : position?.cursor
            let result: PullResult
            do {
                result = try await s.client.pull(cursor: cursor, etag: position.map { "\"\($0.cursor)-\($0.checksum)\"" }, credential: credential.credential)
            } catch {
                return failedPull(error)
            }
            let now = s.clock.now()
            switch result {
            case .unchanged:
                do { try s.store.notePullUnchanged(at: now) } catch { s.logger.error("store: \(error)") }
            case .answer(let data):
                do {
                    let applied = try await offload { () throws -> PullApplied in
                        let answer = try PullAnswer.decode(data, source: "pull answer")
                        return try s.store.applyPull(answer, at: now)
                    }
                    storeChanged = true
                    if applied.kind == .snapshot { s.settings.releaseMemory() }
                    s.metrics.syncApplied(kind: applied.kind.rawValue)
                    s.logger.info("pull applied", metadata: [
                        "kind": "\(applied.kind.rawValue)", "items": "\(applied.items)", "cursor": "\(applied.position.cursor)",
                    ])
                } catch let rejected as PullRejected {
                    s.metrics.syncFailed(reason: rejected.reason.rawValue)
                    s.logger.warning("pull answer refused; the store is unchanged", metadata: ["reason": "\(rejected.reason.rawValue)", "detail": "\(rejected.detail)"])
                    if rejected.reason == .invalid { return .pullFailed(.badAnswer(rejected.detail)) }
                    return .snapshotNeeded
                } catch let error as SnapshotError {
                    return failedPull(.badAnswer(error.description))
                } catch {
                    return failedPull(.badAnswer("\(error)"))
                }
            }
            dataFrom = now
            s.metrics.syncSucceeded(at: now, dataFrom: now)
            s.status?.syncSucceeded(at: now)
            return .pulled
        }

        private func failedPull(_ failure: PlatformFailure) -> SyncMachine.Event {
            service.metrics.syncFailed(reason: failure.reason)
            service.status?.syncFailed("pull: \(failure)", at: service.clock.now())
            service.logger.warning("pull failed", metadata: ["reason": "\(failure.reason)", "detail": "\(failure)"])
            return .pullFailed(failure)
        }

        private func push(credential: DeviceCredential) async -> SyncMachine.Event {
            let s = service
            let batch: [OutboxEvent]
            do {
                batch = try s.store.outbox(pendingOnly: true, limit: s.settings.batchSize).map(\.event)
            } catch {
                s.logger.error("outbox unreadable: \(error)")
                return .pushed(remaining: 0, progressed: true)
            }
            guard let last = batch.last else { return .pushed(remaining: 0, progressed: true) }
            let verdicts: EventVerdicts
            do {
                verdicts = try await s.client.push(EventBatch(events: batch), credential: credential.credential)
            } catch {
                s.metrics.syncFailed(reason: error.reason)
                s.status?.syncFailed("push: \(error)", at: s.clock.now())
                s.logger.warning("push failed; the batch is sent again", metadata: ["reason": "\(error.reason)", "detail": "\(error)", "events": "\(batch.count)"])
                return .pushFailed(error)
            }
            for verdict in verdicts.results where verdict.status == .rejected {
                // The platform decided otherwise; its correction comes with the next pull.
                s.logger.notice("event rejected by the platform", metadata: ["seq": "\(verdict.seq)", "reason": "\(verdict.reason ?? "-")"])
            }
            let through = min(verdicts.acknowledgedThrough, last.seq)
            let now = s.clock.now()
            do {
                try s.store.markPushed(through: through, at: now)
            } catch {
                s.logger.error("store: \(error)")
            }
            let progressed = through >= batch[0].seq
            if progressed { s.metrics.syncPushed(events: Int(through - batch[0].seq + 1)) }
            s.metrics.syncSucceeded(at: now, dataFrom: nil)
            s.status?.syncSucceeded(at: now)
            let remaining = (try? s.store.outboxDepth()) ?? 0
            s.metrics.outbox(pending: remaining)
            s.logger.info("events pushed", metadata: ["acknowledgedThrough": "\(through)", "remaining": "\(remaining)"])
            return .pushed(remaining: remaining, progressed: progressed)
        }

        /// Runs `body` on the sync's own thread: a whole snapshot's decoding and writing keeps
        /// no thread of the shared pool (the panel's) busy.
        private func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
            try await withCheckedThrowingContinuation { continuation in
                service.work.async { continuation.resume(with: Result { try body() }) }
            }
        }

        // MARK: The poke socket and pairing

        private func openSocketIfNeeded(_ credential: DeviceCredential) {
            guard socket == nil else { return }
            let s = service
            socket = Task { [input = s.input] in
                var wait = s.settings.socketRetry
                while !Task.isCancelled {
                    do {
                        try await s.client.listenForPokes(credential: credential.credential, onOpen: {
                            input.yield(.machine(.socket(open: true)))
                        }, onPoke: {
                            input.yield(.machine(.poked))
                        })
                        wait = s.settings.socketRetry
                    } catch {
                        s.logger.debug("poke socket down", metadata: ["detail": "\(error)"])
                    }
                    input.yield(.machine(.socket(open: false)))
                    try? await Task.sleep(for: .milliseconds(Int(wait * 1000 * Double.random(in: 0.5...1.5))))
                    wait = min(30, wait * 2)
                }
            }
        }

        private func startEnrolment() {
            enrolment?.cancel()
            let s = service
            enrolment = Task { [input = s.input] in
                var delay = 1.0
                while !Task.isCancelled {
                    do {
                        let started = try await s.client.startEnrolment(hardware: s.settings.hardware, agentVersion: s.settings.agentVersion)
                        s.logger.notice("pairing: waiting for a technician to approve the code on the panel", metadata: ["code": "\(started.userCode)"])
                        input.yield(.pairing(SyncView.Pairing(code: started.userCode, url: started.verificationUriComplete)))
                        let expires = Date().addingTimeInterval(Double(started.expiresIn))
                        while !Task.isCancelled, Date() < expires {
                            try await Task.sleep(for: .seconds(max(1, started.interval)))
                            if let credential = try await s.client.pollEnrolment(deviceCode: started.deviceCode) {
                                try s.credentials.write(credential)
                                s.logger.notice("paired", metadata: ["device": "\(credential.deviceId)", "space": "\(credential.spaceId)"])
                                input.yield(.credential(credential))
                                return
                            }
                        }
                        delay = 1
                    } catch {
                        s.logger.warning("pairing: \(error)")
                        try? await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                        delay = min(60, delay * 2)
                    }
                }
            }
        }

        /// Tells the panel what changed: its store (a new day to read), or how to show the sync.
        func publish(storeChanged: Bool) {
            let s = service
            let now = s.clock.now()
            let stale = dataFrom.map { now.timeIntervalSince($0) > s.settings.stopBookingAfter } ?? false
            let view = SyncView(dataFrom: dataFrom, offline: machine.offline, pairing: credential == nil ? pairing : nil,
                                newBookingsStopped: stale && machine.phase != .online)
            s.metrics.sync(state: machine.phase.rawValue, connected: machine.phase == .online)
            s.status?.sync(state: machine.phase.rawValue)
            s.status?.pairing(code: credential == nil ? pairing.flatMap { $0 == .pending ? nil : $0.code } : nil)
            s.report.withLock {
                $0 = SyncReport(phase: machine.phase, view: view, lastFailure: machine.lastFailure, socketOpen: machine.socketOpen)
            }
            if storeChanged || view != lastView {
                lastView = view
                s.inbox.send(.sync(view))
            }
        }
    }

    /// What reaches the loop: the machine's events, and what pairing found out beside it.
    fileprivate enum Input: Sendable {
        case machine(SyncMachine.Event)
        case pairing(SyncView.Pairing)
        case credential(DeviceCredential)
    }
}

/// The sync as `status` and tests see it.
public struct SyncReport: Sendable, Equatable {
    public var phase: SyncMachine.Phase?
    public var view = SyncView()
    public var lastFailure: String?
    public var socketOpen = false
}
