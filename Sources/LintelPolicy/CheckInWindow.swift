public import Foundation

/// When a booking may be checked in: from `opensBeforeMinutes` before its start until
/// `closesAfterMinutes` after. A booking not checked in when the window closes is released.
public struct CheckInWindow: Sendable, Hashable, Codable {
    public var opensBeforeMinutes: Int
    public var closesAfterMinutes: Int

    public init(opensBeforeMinutes: Int = 10, closesAfterMinutes: Int = 10) {
        self.opensBeforeMinutes = opensBeforeMinutes
        self.closesAfterMinutes = closesAfterMinutes
    }

    public func opens(for booking: Booking) -> Date { booking.start.addingTimeInterval(-Double(opensBeforeMinutes) * 60) }
    public func closes(for booking: Booking) -> Date { booking.start.addingTimeInterval(Double(closesAfterMinutes) * 60) }

    public func isOpen(for booking: Booking, at instant: Date) -> Bool {
        opens(for: booking) <= instant && instant < closes(for: booking)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case opensBeforeMinutes, closesAfterMinutes }
}

extension CheckInWindow {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        opensBeforeMinutes = try c.decodeIfPresent(Int.self, forKey: .opensBeforeMinutes) ?? 10
        closesAfterMinutes = try c.decodeIfPresent(Int.self, forKey: .closesAfterMinutes) ?? 10
        guard opensBeforeMinutes >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .opensBeforeMinutes, in: c, debugDescription: "must not be negative, got \(opensBeforeMinutes)")
        }
        guard closesAfterMinutes > 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .closesAfterMinutes, in: c, debugDescription: "check-in must close after the start: at least 1 minute, got \(closesAfterMinutes)")
        }
    }
}
