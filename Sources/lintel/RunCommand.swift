import ArgumentParser
import CMalloc
import Foundation
import LintelAgent
import LintelAgentHTTP
import LintelSystemClock
import LintelDisplay
import LintelDisplayDRM
import LintelConfig
import LintelInput
import LintelInputGPIOD
import LintelPolicy
import LintelStore
import LintelSync
import LintelWire
import Logging
import ServiceLifecycle

/// `lintel run`: the agent. Shows the space's panel, reacts to the board's buttons, PIR sensor and
/// badge reader, decides locally against the store, journals every decision, and stops cleanly on
/// SIGTERM (LEDs dark, display restored, store closed).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the panel agent (display, inputs, scheduler, loopback metrics and virtual panel).",
        discussion: "Stops gracefully on SIGTERM or SIGINT. Under systemd (Type=notify) it reports READY, STATUS and WATCHDOG.")

    @Option(help: "The agent's configuration file (YAML).")
    var config: String = "/etc/lintel/agent.yaml"

    @Option(help: "Show this space instead of the configuration's (its id in the store).")
    var space: String?

    @Option(help: "Use this store instead of the configuration's (e.g. a scratch store for a demo or test).")
    var store: String?

    @Option(help: "Serve metrics (and the virtual panel, if configured) on this loopback HOST:PORT instead of the configuration's.")
    var http: String?

    @Option(help: "Sync with the platform at this address instead of the configuration's (its sync: section).")
    var platform: String?

    @Option(help: "Keep the device credential in this file instead of the configuration's.")
    var credential: String?

    @Flag(help: "Log debug messages too.")
    var verbose = false

    func run() async throws {
        let level: Logger.Level = verbose ? .debug : .info
        LoggingSystem.bootstrap { label in
            var handler = JournaldLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "lintel")
        var settings: AgentConfig
        do {
            settings = try AgentConfigLoader.load(file: config)
        } catch {
            throw InputError(error.description)
        }
        if let store { settings.storePath = store }
        if let space {
            // The seed's bookings placed on the configured space follow the panel to the new one.
            let configured = settings.spaceId
            if var seed = settings.seed {
                for i in seed.bookings.indices where seed.bookings[i].spaceId == configured { seed.bookings[i].spaceId = space }
                settings.seed = seed
            }
            settings.spaceId = space
        }
        if let http {
            do {
                let address = try AgentConfigLoader.loopbackAddress(http)
                settings.http = AgentConfig.HTTP(host: address.host, port: address.port, virtualPanel: settings.http?.virtualPanel ?? false)
            } catch {
                throw InputError("--http: \(error.description) (value: \"\(http)\")")
            }
        }

        if platform != nil || credential != nil {
            guard var sync = settings.sync else { throw InputError("--platform and --credential need a sync: section in \(config)") }
            if let platform { sync.platformURL = platform }
            if let credential { sync.credentialPath = credential }
            settings.sync = sync
        }
        // A paired panel shows the space it was paired for.
        let credentials = settings.sync.map { CredentialFile(path: $0.credentialPath) }
        if space == nil, let paired = try credentials?.read(), paired.spaceId != settings.spaceId {
            logger.notice("showing the space this panel is paired for", metadata: ["space": "\(paired.spaceId)"])
            settings.spaceId = paired.spaceId
        }
        let store = try AuthStore(path: settings.storePath)
        if let seed = settings.seed, settings.sync == nil {
            try store.importSnapshot(try SeedWorld.load(seed, at: Date()))
            let stats = try store.stats()
            logger.notice("seed world imported", metadata: ["snapshot": "\(seed.snapshotPath)", "bookings": "\(stats.bookings)"])
        }
        let clock = SystemAgentClock(assumeSynchronised: settings.assumeSynchronisedClock)
        let inbox = AgentInbox()
        let metrics = AgentMetrics()
        let status = AgentStatus()
        var sync: SyncService?
        var platformClient: HTTPPlatformClient?
        if let config = settings.sync, let credentials {
            do {
                platformClient = try HTTPPlatformClient(baseURL: config.platformURL, caBundle: config.caBundle, logger: Logger(label: "lintel.sync"))
            } catch {
                throw InputError("\(self.config): sync: \(error)")
            }
            var syncSettings = SyncService.Settings(config)
            syncSettings.agentVersion = AgentVersion.current
            syncSettings.releaseMemory = { _ = malloc_trim(0) }
            sync = SyncService(store: store, client: platformClient!, credentials: credentials, settings: syncSettings, clock: clock,
                               inbox: inbox, metrics: metrics, status: status, logger: Logger(label: "lintel.sync"))
        }

        // The display: a real one, a PNG file, and/or the virtual panel.
        let display = settings.display
        var sinks: [any FrameSink] = []
        var hardwareDisplay: (any DisplaySink)?
        var backlight: SysfsBacklight?
        switch display.output {
        case .auto, .drm, .fbdev:
            do {
                let sink = try DisplaySinks.open(device: display.device, connector: display.connector, mode: display.mode,
                                                 fbdev: display.output == .fbdev ? display.fbdev ?? "/dev/fb0" : nil)
                logger.notice("display opened", metadata: ["display": "\(sink.summary)"])
                status.display(sink.summary)
                hardwareDisplay = sink
                sinks.append(sink)
                backlight = SysfsBacklight()
            } catch {
                throw InputError("\(config): display: \(error)")
            }
        case .png:
            sinks.append(PNGFrameSink(path: display.pngPath!, width: display.width, height: display.height))
        case .none:
            break
        }
        let width = sinks.first?.width ?? display.width, height = sinks.first?.height ?? display.height
        if display.output != .png, let pngPath = display.pngPath { sinks.append(PNGFrameSink(path: pngPath, width: width, height: height)) }
        let virtualPanel = settings.http?.virtualPanel == true ? VirtualPanel(width: width, height: height) : nil
        if let virtualPanel { sinks.append(virtualPanel) }
        let rotation = display.rotation
        let panel = RotatedPanel(physicalWidth: width, physicalHeight: height, rotation: rotation, fonts: try PanelLookOptions.fonts())

        // The board's inputs.
        var inputService: InputService?
        if let boardPath = settings.boardPath, let board = settings.board {
            let session = try HardwareSession(board: board, file: boardPath, handleSignals: false)
            inputService = InputService(monitor: session.monitor, inbox: inbox, status: status, logger: Logger(label: "lintel.inputs"), close: { [source = session.source] in source.close() })
            logger.notice("board opened", metadata: ["board": "\(session.board.name)"])
        }

        var journaled: (@Sendable () -> Void)?
        if let sync { journaled = { sync.journaled() } }
        let outputs = PanelOutputs(panel: panel, sinks: sinks, backlight: backlight.map { light in { try? light.set(percent: $0) } },
                                   lights: inputService.map { service in { service.show($0) } }, virtualPanel: virtualPanel,
                                   journaled: journaled, status: status)
        let assembly = try AgentAssembly(config: settings, store: store, clock: clock, outputs: outputs, inbox: inbox, metrics: metrics, logger: logger,
                                         sync: sync?.startingView() ?? SyncView())
        var extra: [any Service] = []
        if let inputService { extra.append(inputService) }
        if let sync { extra.append(sync) }
        if let http = settings.http {
            let offersBadges = http.virtualPanel
            let routes = AgentRoutes(metrics: assembly.metrics, panel: virtualPanel, inbox: inbox,
                                     badges: { offersBadges ? (try? demoBadges(in: store)) ?? [] : [] }, title: "Lintel \(settings.spaceId)",
                                     platformPage: settings.sync?.demoPage == true ? settings.sync.map { "\($0.platformURL)/demo?space=\(settings.spaceId)" } : nil,
                                     status: { [config, settings] in
                                         let paired = (try? credentials?.read()).flatMap { $0 }.map { StatusReport.Pairing(deviceId: $0.deviceId, spaceId: $0.spaceId) }
                                         let report = StatusReport.make(configPath: config, config: settings, store: store, paired: paired,
                                                                        clockSynchronised: clock.isSynchronised(), live: status.live, now: Date())
                                         return (try? report.json()).map { Array($0) }
                                     })
            extra.append(LoopbackHTTPService(host: http.host, port: http.port, routes: routes, logger: Logger(label: "lintel.http")))
        }
        let group = assembly.serviceGroup(adding: extra, logger: logger)
        let agent = assembly.agent
        logger.notice("agent starting", metadata: ["space": "\(settings.spaceId)", "store": "\(settings.storePath)"])
        do {
            try await group.run()
        } catch {
            hardwareDisplay?.close()
            await platformClient?.shutdown()
            throw error
        }
        hardwareDisplay?.close()
        await platformClient?.shutdown()
        logger.notice("agent stopped", metadata: ["frames": "\(agent.framesPresented)"])
    }
}

/// The people whose badges the virtual panel offers: every badge in the store, with its holder's name.
private func demoBadges(in store: AuthStore) throws -> [DemoBadge] {
    let world = try store.exportSnapshot()
    let names = Dictionary(world.users.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    return world.badges.map { DemoBadge(uid: $0.uid, name: names[$0.userId] ?? $0.userId) }.sorted { $0.name < $1.name }
}
