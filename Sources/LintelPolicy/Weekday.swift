/// A day of the week, spelled as the snapshot spells it (`mon` … `sun`).
public enum Weekday: String, Codable, Sendable, CaseIterable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    /// Saturday and Sunday: the days "skip weekends" does not count.
    public var isWeekend: Bool { self == .sat || self == .sun }

    /// Maps Foundation's Gregorian weekday number (1 = Sunday … 7 = Saturday).
    public init(gregorian number: Int) {
        self = [.sun, .mon, .tue, .wed, .thu, .fri, .sat][(number - 1) % 7]
    }

    private var order: Int { Weekday.allCases.firstIndex(of: self)! }
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.order < rhs.order }
}
