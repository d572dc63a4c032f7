public import Foundation
public import Logging
public import LintelStore
public import ServiceLifecycle
public import UnixSignals

/// The agent put together: the inbox every input goes into, the panel (controller and performer),
/// its service, the scheduler, and the systemd watchdog and display watch when they apply. `lintel
/// run` and the benchmark both run the panel through it; the hardware, HTTP and other optional
/// parts are built by the caller around `inbox` and `metrics` and passed in as extra services.
public final class AgentAssembly: Sendable {
    public let inbox: AgentInbox
    public let metrics: AgentMetrics
    public let notifier: SystemdNotifier
    public let agent: PanelAgent
    public let scheduler: SchedulerService
    public let panelService: PanelService

    public init(config: AgentConfig, store: AuthStore, clock: any AgentClock, outputs: PanelOutputs, inbox: AgentInbox = AgentInbox(),
                metrics: AgentMetrics = AgentMetrics(), notifier: SystemdNotifier = SystemdNotifier(), logger: Logger,
                panelLogger: Logger = Logger(label: "lintel.panel"), sync: SyncView = SyncView()) throws {
        self.inbox = inbox
        self.metrics = metrics
        self.notifier = notifier
        agent = try PanelAgent(config: config, store: store, clock: clock, outputs: outputs, metrics: metrics, notifier: notifier,
                               logger: panelLogger, sync: sync)
        scheduler = SchedulerService(inbox: inbox, clock: clock)
        panelService = PanelService(agent: agent, inbox: inbox, scheduler: scheduler, notifier: notifier, logger: logger)
    }

    /// The panel's own services, then `extra`: the panel loop, its scheduler, the watchdog when
    /// systemd asked for one, the display watch when a display has a connector.
    public func services(adding extra: [any Service] = []) -> [any Service] {
        var services: [any Service] = [panelService, scheduler]
        if let interval = notifier.watchdogInterval { services.append(WatchdogService(inbox: inbox, interval: interval)) }
        if agent.watchesDisplay { services.append(DisplayWatchService(inbox: inbox)) }
        return services + extra
    }

    /// One group for all of them, stopped gracefully on SIGTERM and SIGINT (none for tests and benchmarks).
    public func serviceGroup(adding extra: [any Service] = [], signals: [UnixSignal] = [.sigterm, .sigint], logger: Logger) -> ServiceGroup {
        ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services(adding: extra).map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: signals, logger: logger))
    }
}
