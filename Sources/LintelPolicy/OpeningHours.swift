public import Foundation

/// One opening period on a weekday, in local wall-clock time.
public struct OpeningPeriod: Sendable, Hashable, Codable {
    public var from: LocalTime
    public var to: LocalTime

    public init(from: LocalTime, to: LocalTime) {
        self.from = from
        self.to = to
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case from, to }
}

/// A space profile: the opening hours per weekday. A weekday with no periods is closed.
public struct SpaceProfile: Sendable, Hashable, Codable {
    public var id: ProfileID
    public var name: String
    public var openingHours: [Weekday: [OpeningPeriod]]

    public init(id: ProfileID, name: String, openingHours: [Weekday: [OpeningPeriod]]) {
        self.id = id
        self.name = name
        self.openingHours = openingHours
    }

    /// A booking is inside opening hours when it lies wholly within one opening period of the
    /// local date it starts on, read on the location's clock (so a DST day has its real length).
    public func contains(start: Date, end: Date, on clock: LocationClock) -> Bool {
        let date = clock.date(of: start)
        for period in openingHours[date.weekday] ?? [] {
            let opens = clock.instant(on: date, at: period.from)
            let closes = clock.instant(on: date, at: period.to)
            if opens <= start && end <= closes { return true }
        }
        return false
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, name, openingHours }

    /// The opening hours keyed by weekday name, as written in snapshots.
    public var rawOpeningHours: [String: [OpeningPeriod]] {
        var raw: [String: [OpeningPeriod]] = [:]
        for (day, periods) in openingHours { raw[day.rawValue] = periods }
        return raw
    }

    /// Reads opening hours keyed by weekday name; every period must close after it opens.
    public static func openingHours(fromRaw raw: [String: [OpeningPeriod]]) throws(OpeningHoursError) -> [Weekday: [OpeningPeriod]] {
        var hours: [Weekday: [OpeningPeriod]] = [:]
        for (key, periods) in raw {
            guard let day = Weekday(rawValue: key) else { throw .unknownWeekday(key) }
            for period in periods where !(period.from < period.to) { throw .closesBeforeOpening(key, period) }
            hours[day] = periods
        }
        return hours
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        let days = try c.nestedContainer(keyedBy: FieldName.self, forKey: .openingHours)
        var hours: [Weekday: [OpeningPeriod]] = [:]
        for key in days.allKeys {
            guard let day = Weekday(rawValue: key.stringValue) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: days.codingPath + [key], debugDescription: OpeningHoursError.unknownWeekday(key.stringValue).description))
            }
            hours[day] = try days.decode([OpeningPeriod].self, forKey: key)
        }
        openingHours = hours
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(rawOpeningHours, forKey: .openingHours)
    }
}

public enum OpeningHoursError: Error, CustomStringConvertible {
    case unknownWeekday(String)
    case closesBeforeOpening(String, OpeningPeriod)

    public var description: String {
        switch self {
        case .unknownWeekday(let key): "unknown weekday \"\(key)\" (expected mon, tue, wed, thu, fri, sat, sun)"
        case .closesBeforeOpening(let key, let period): "opening period on \(key) closes (\(period.to)) before it opens (\(period.from))"
        }
    }
}

extension OpeningPeriod {
    /// A period closes after it opens.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        self.init(from: try c.decode(LocalTime.self, forKey: .from), to: try c.decode(LocalTime.self, forKey: .to))
        guard from < to else {
            throw DecodingError.dataCorruptedError(forKey: .to, in: c, debugDescription: "an opening period closes (\(to)) before it opens (\(from))")
        }
    }
}
