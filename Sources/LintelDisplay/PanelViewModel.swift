public import LintelPolicy

/// Everything a panel shows at one moment, already decided: the renderer only draws it.
public struct PanelViewModel: Sendable, Equatable {
    public enum Screen: Sendable, Equatable {
        case status(PanelStatus)
        /// Not provisioned yet: a pairing code and the address the QR code carries.
        case pairing(code: String, url: String)
        case selfTest
        /// Something is wrong; the message says what.
        case error(String)
    }

    public var screen: Screen
    public var kind: ResourceKind
    public var spaceName: String
    public var locationName: String
    /// Local wall-clock time and date on the location's clock.
    public var time: LocalTime
    public var date: LocalDate
    public var language: PanelLanguage
    /// The rest of today's bookings (after the current one).
    public var agenda: [AgendaItem]
    /// Minutes since the data was last synchronised, when offline.
    public var offlineMinutes: Int?
    /// The system clock is not known to be right yet.
    public var clockUnset: Bool
    /// Burn-in care: static content moves by this many pixels (changes slowly).
    public var pixelShift: (x: Int, y: Int)
    /// A short message for the person at the panel (why an action was refused), shown in the footer for a few seconds.
    public var notice: String?

    public init(
        screen: Screen, kind: ResourceKind = .room, spaceName: String = "", locationName: String = "", time: LocalTime = LocalTime(hour: 0),
        date: LocalDate = LocalDate(year: 2026, month: 1, day: 1), language: PanelLanguage = .english, agenda: [AgendaItem] = [],
        offlineMinutes: Int? = nil, clockUnset: Bool = false, pixelShift: (x: Int, y: Int) = (0, 0), notice: String? = nil
    ) {
        self.screen = screen
        self.kind = kind
        self.spaceName = spaceName
        self.locationName = locationName
        self.time = time
        self.date = date
        self.language = language
        self.agenda = agenda
        self.offlineMinutes = offlineMinutes
        self.clockUnset = clockUnset
        self.pixelShift = pixelShift
        self.notice = notice
    }

    public static func == (a: PanelViewModel, b: PanelViewModel) -> Bool {
        a.screen == b.screen && a.kind == b.kind && a.spaceName == b.spaceName && a.locationName == b.locationName
            && a.time == b.time && a.date == b.date && a.language == b.language && a.agenda == b.agenda
            && a.offlineMinutes == b.offlineMinutes && a.clockUnset == b.clockUnset && a.pixelShift == b.pixelShift
            && a.notice == b.notice
    }
}

/// What the space is doing now.
public enum PanelStatus: Sendable, Hashable {
    /// Free, until the next booking starts (nil: for the rest of the day).
    case free(until: LocalTime?)
    /// Free now, a booking starts soon.
    case upcoming(AgendaItem, inMinutes: Int)
    /// A booking's check-in window is open; seconds until it closes.
    case checkInDue(AgendaItem, secondsLeft: Int)
    case inUse(AgendaItem)
    /// Nobody checked in: the booking was released and the space is free again.
    case released(AgendaItem)
    case needsCleaning
    case cleaned

    /// The names `lintel render --screen` takes.
    public var name: String {
        switch self {
        case .free: "free"
        case .upcoming: "upcoming"
        case .checkInDue: "checkin-due"
        case .inUse: "in-use"
        case .released: "released"
        case .needsCleaning: "needs-cleaning"
        case .cleaned: "cleaned"
        }
    }
}

/// One booking as the panel lists it, already reduced to what the insight level allows.
public struct AgendaItem: Sendable, Hashable {
    public var start: LocalTime
    public var end: LocalTime
    /// nil: show "Booked" (private, or the insight level hides it).
    public var subject: String?
    public var organiser: String?

    public init(start: LocalTime, end: LocalTime, subject: String? = nil, organiser: String? = nil) {
        self.start = start
        self.end = end
        self.subject = subject
        self.organiser = organiser
    }
}
