public import Foundation

/// "The booking due or in progress on this space at this instant" — the booking a panel acts on
/// when nobody names one. Check-in and release take the first confirmed booking that has not ended
/// and whose check-in window has opened (so a booking checked in early still answers "already
/// checked in"); end and extend take the confirmed booking in progress. One rule, used by the
/// panel, the decision loader and the screen.
public enum BookingAtHand {
    public static func find(for action: PanelAction, among bookings: [Booking], window: CheckInWindow?, at now: Date) -> Booking? {
        let lead: TimeInterval
        switch action {
        case .checkIn, .autoRelease: lead = Double(window?.opensBeforeMinutes ?? 0) * 60
        case .end, .extend: lead = 0
        default: return nil
        }
        return bookings.filter { $0.status == .confirmed && $0.start <= now.addingTimeInterval(lead) && now < $0.end }.min { $0.start < $1.start }
    }

    /// The booking whose check-in is due now: its window open and nobody checked in yet.
    public static func due(among bookings: [Booking], window: CheckInWindow?, at now: Date) -> Booking? {
        guard let window, let booking = find(for: .checkIn, among: bookings, window: window, at: now),
              booking.checkIn == .pending, window.isOpen(for: booking, at: now) else { return nil }
        return booking
    }

    /// The latest start a booking at hand can have: now plus the check-in window's lead (what a
    /// store must read to answer `find`).
    public static func horizon(window: CheckInWindow?, at now: Date) -> Date {
        now.addingTimeInterval(Double(window?.opensBeforeMinutes ?? 0) * 60)
    }
}
