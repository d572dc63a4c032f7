public import LintelDisplay
public import LintelPolicy
public import LintelInput

/// What `lintel run` does, from its configuration file: which space the panel shows, where the
/// store lives, which board and display it drives, how the panel behaves, and what it serves on
/// loopback.
public struct AgentConfig: Sendable, Equatable {
    /// The space this panel stands at.
    public var spaceId: SpaceID
    /// The SQLite store (created when missing).
    public var storePath: String
    public var language: PanelLanguage
    /// The board file (buttons, PIR, LEDs, badge reader); nil: no local inputs.
    public var boardPath: String?
    /// That file's content, read with the configuration.
    public var board: BoardConfig?
    public var display: Display
    public var panel: PanelSettings
    /// Treat the system clock as synchronised (demo machines, containers); otherwise
    /// systemd-timesyncd's flag or the kernel's adjtimex state decides.
    public var assumeSynchronisedClock: Bool
    public var http: HTTP?
    /// For demos and tests: a snapshot imported at start (replacing the store's contents).
    public var seed: Seed?
    /// The platform this panel syncs with; nil: the panel runs on its store alone.
    public var sync: Sync?

    public struct Sync: Sendable, Equatable {
        /// The platform's address: `https://…` (or `http://` on loopback).
        public var platformURL: String
        /// The device credential's file (0600), in the service's state directory.
        public var credentialPath: String
        /// Extra trusted roots (PEM) for the platform's certificate; nil: the system's.
        public var caBundle: String?
        /// Seconds between pulls while the poke socket is down.
        public var pollSeconds: Double = 30
        /// Hours without the platform after which the panel takes no new bookings (check-ins,
        /// ends and cleaning go on).
        public var stopBookingAfterHours: Double = 24
        /// What the panel tells the platform it is when pairing.
        public var hardware: String = "Lintel panel"
        /// The platform serves its demo booking page (`serve --demo-page`): the virtual panel links to it.
        public var demoPage = false

        public init(platformURL: String, credentialPath: String) {
            self.platformURL = platformURL
            self.credentialPath = credentialPath
        }
    }

    public struct Display: Sendable, Equatable {
        public enum Output: String, Sendable, CaseIterable {
            /// DRM/KMS, falling back to fbdev.
            case auto, drm, fbdev
            /// Frames written to a PNG file (and to the virtual panel when enabled).
            case png
            /// Frames only to the virtual panel.
            case none
        }
        public var output: Output = .auto
        public var device: String?
        public var connector: String?
        public var mode: String?
        public var fbdev: String?
        public var pngPath: String?
        /// Size of the frame for png and none outputs (a real display has its own).
        public var width = 1280
        public var height = 800
        public var rotation = 0
        public var night: NightSchedule?

        public init() {}
    }

    public struct HTTP: Sendable, Equatable {
        public var host: String
        public var port: Int
        /// Serve the virtual panel (live frame and on-screen buttons) beside /metrics.
        public var virtualPanel: Bool

        public init(host: String, port: Int, virtualPanel: Bool) {
            self.host = host
            self.port = port
            self.virtualPanel = virtualPanel
        }
    }

    public struct Seed: Sendable, Equatable {
        public var snapshotPath: String
        /// Move every booking to the same local time today, so the demo world is alive whatever the date.
        public var rebaseToToday: Bool
        public var bookings: [LiveBooking]

        public init(snapshotPath: String, rebaseToToday: Bool, bookings: [LiveBooking]) {
            self.snapshotPath = snapshotPath
            self.rebaseToToday = rebaseToToday
            self.bookings = bookings
        }
    }

    /// A booking placed relative to the moment the agent starts.
    public struct LiveBooking: Sendable, Equatable {
        public var id: String
        public var spaceId: SpaceID
        public var ownerId: UserID?
        public var title: String?
        public var startsInSeconds: Int
        public var minutes: Int
        public var checkedIn: Bool

        public init(id: String, spaceId: SpaceID, ownerId: UserID?, title: String?, startsInSeconds: Int, minutes: Int, checkedIn: Bool) {
            self.id = id
            self.spaceId = spaceId
            self.ownerId = ownerId
            self.title = title
            self.startsInSeconds = startsInSeconds
            self.minutes = minutes
            self.checkedIn = checkedIn
        }
    }

    public init(spaceId: SpaceID, storePath: String) {
        self.spaceId = spaceId
        self.storePath = storePath
        language = .english
        display = Display()
        panel = PanelSettings()
        assumeSynchronisedClock = false
    }
}
