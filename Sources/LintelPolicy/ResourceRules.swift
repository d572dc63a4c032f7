/// The per-resource-type block of a role ("Rooms", "Desks", "Parking spaces").
public struct ResourceRules: Sendable, Hashable, Codable {
    /// "Allow to book outside opening hours" of the space's profile.
    public var bookOutsideOpeningHours: Bool
    /// "Limit in advance booking period"; nil is no limit.
    public var advanceWindow: AdvanceWindow?
    /// "Limit duration of bookings", in minutes; nil is no limit.
    public var maxDurationMinutes: Int?
    /// "Limit on which days of the week bookings can be made"; nil is every day.
    public var allowedWeekdays: Set<Weekday>?
    /// "Allow recurring bookings" for all or specific places (rooms always may).
    public var recurring: ScopedPermission
    /// "Allow simultaneous bookings" on desks or parking spaces.
    public var simultaneous: Bool

    public init(
        bookOutsideOpeningHours: Bool = false, advanceWindow: AdvanceWindow? = nil, maxDurationMinutes: Int? = nil,
        allowedWeekdays: Set<Weekday>? = nil, recurring: ScopedPermission = .everywhere, simultaneous: Bool = false
    ) {
        self.bookOutsideOpeningHours = bookOutsideOpeningHours
        self.advanceWindow = advanceWindow
        self.maxDurationMinutes = maxDurationMinutes
        self.allowedWeekdays = allowedWeekdays
        self.recurring = recurring
        self.simultaneous = simultaneous
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case bookOutsideOpeningHours, advanceWindow, maxDurationMinutes, allowedWeekdays, recurring, simultaneous
    }

    /// No limits at all: what managers hold.
    public static let unrestricted = ResourceRules(bookOutsideOpeningHours: true, recurring: .everywhere, simultaneous: true)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        bookOutsideOpeningHours = try c.decodeIfPresent(Bool.self, forKey: .bookOutsideOpeningHours) ?? false
        advanceWindow = try c.decodeIfPresent(AdvanceWindow.self, forKey: .advanceWindow)
        maxDurationMinutes = try c.decodeIfPresent(Int.self, forKey: .maxDurationMinutes)
        if let days = try c.decodeIfPresent([Weekday].self, forKey: .allowedWeekdays) {
            guard Set(days).count == days.count else {
                throw DecodingError.dataCorruptedError(forKey: .allowedWeekdays, in: c, debugDescription: "a weekday is listed twice")
            }
            allowedWeekdays = Set(days)
        } else {
            allowedWeekdays = nil
        }
        recurring = try c.decodeIfPresent(ScopedPermission.self, forKey: .recurring) ?? .everywhere
        simultaneous = try c.decodeIfPresent(Bool.self, forKey: .simultaneous) ?? false
        if let max = maxDurationMinutes, max <= 0 {
            throw DecodingError.dataCorruptedError(forKey: .maxDurationMinutes, in: c, debugDescription: "must be positive, got \(max)")
        }
    }

    /// Written with weekdays in calendar order, so the same rules always encode to the same JSON.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(bookOutsideOpeningHours, forKey: .bookOutsideOpeningHours)
        try c.encodeIfPresent(advanceWindow, forKey: .advanceWindow)
        try c.encodeIfPresent(maxDurationMinutes, forKey: .maxDurationMinutes)
        try c.encodeIfPresent(allowedWeekdays?.sorted(), forKey: .allowedWeekdays)
        try c.encode(recurring, forKey: .recurring)
        try c.encode(simultaneous, forKey: .simultaneous)
    }
}
