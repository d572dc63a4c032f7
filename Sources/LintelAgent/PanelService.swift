import Foundation
public import Logging
public import ServiceLifecycle

/// The panel's loop: takes events from the inbox one at a time, lets the agent handle them, and
/// tells the scheduler when it next needs the time. Tells systemd READY after the first frame and
/// STOPPING on a graceful shutdown; answers the watchdog from inside the loop, so a stuck loop is
/// restarted.
public struct PanelService: Service {
    private let agent: PanelAgent
    private let inbox: AgentInbox
    private let scheduler: SchedulerService
    private let notifier: SystemdNotifier
    private let logger: Logger

    public init(agent: PanelAgent, inbox: AgentInbox, scheduler: SchedulerService, notifier: SystemdNotifier, logger: Logger) {
        self.agent = agent
        self.inbox = inbox
        self.scheduler = scheduler
        self.notifier = notifier
        self.logger = logger
    }

    public func run() async throws {
        scheduler.schedule(try agent.handle(.tick))
        do {
            try notifier.ready(status: "showing \(agent.config.spaceId): \(agent.statusName)")
        } catch {
            logger.warning("systemd notification failed", metadata: ["error": "\(error)"])
        }
        var lastStatus = agent.statusName
        await withGracefulShutdownHandler {
            for await event in inbox.events {
                do {
                    let wake = try agent.handle(event)
                    logger.debug("handled", metadata: ["event": "\(event)", "next-wake": "\(wake)"])
                    scheduler.schedule(wake)
                } catch {
                    logger.error("panel event failed", metadata: ["event": "\(event)", "error": "\(error)"])
                }
                if agent.statusName != lastStatus {
                    lastStatus = agent.statusName
                    try? notifier.status("showing \(agent.config.spaceId): \(lastStatus)")
                }
            }
        } onGracefulShutdown: {
            try? notifier.stopping()
            inbox.finish()
        }
    }
}
