import Foundation

/// A building or site. Its IANA zone is the clock every rule for its spaces is read on.
public struct Location: Sendable, Hashable, Codable {
    public var id: LocationID
    public var name: String
    /// IANA zone name, e.g. `Europe/Amsterdam`.
    public var timeZone: String
    /// A hygienic location: a desk that was used must be marked clean before it is checked in again.
    public var hygienic: Bool
    /// Who may act at the panels of this location's spaces without presenting a badge.
    public var panelAccess: PanelAccess
    /// When check-in opens and closes around a booking's start; nil disables check-in (no auto-release).
    public var checkIn: CheckInWindow?
    /// How much of a booking a panel in this location shows to passers-by.
    public var panelInsight: InsightLevel

    public init(
        id: LocationID, name: String, timeZone: String, hygienic: Bool = false,
        panelAccess: PanelAccess = .anyone, checkIn: CheckInWindow? = CheckInWindow(),
        panelInsight: InsightLevel = .subjectAndOrganiser
    ) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.hygienic = hygienic
        self.panelAccess = panelAccess
        self.checkIn = checkIn
        self.panelInsight = panelInsight
    }

    /// The location's wall clock; nil when the zone name is not a known IANA zone.
    public var clock: LocationClock? { TimeZone(identifier: timeZone).map(LocationClock.init(zone:)) }
}

/// Who may use a panel's buttons: anyone walking up, or only a person who presents a badge.
public enum PanelAccess: String, Codable, Sendable {
    case anyone
    case badge
}

extension Location {
    private enum CodingKeys: String, CodingKey, CaseIterable { case id, name, timeZone, hygienic, panelAccess, checkIn, panelInsight }

    /// `checkIn` may be omitted (the default window) or `null` (no check-in at this location).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self, nullable: [.checkIn])
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        timeZone = try c.decode(String.self, forKey: .timeZone)
        hygienic = try c.decodeIfPresent(Bool.self, forKey: .hygienic) ?? false
        panelAccess = try c.decodeIfPresent(PanelAccess.self, forKey: .panelAccess) ?? .anyone
        if c.contains(.checkIn) {
            checkIn = try c.decodeNil(forKey: .checkIn) ? nil : try c.decode(CheckInWindow.self, forKey: .checkIn)
        } else {
            checkIn = CheckInWindow()
        }
        panelInsight = try c.decodeIfPresent(InsightLevel.self, forKey: .panelInsight) ?? .subjectAndOrganiser
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(hygienic, forKey: .hygienic)
        try c.encode(panelAccess, forKey: .panelAccess)
        if let checkIn { try c.encode(checkIn, forKey: .checkIn) } else { try c.encodeNil(forKey: .checkIn) }
        try c.encode(panelInsight, forKey: .panelInsight)
    }
}
