public import Foundation
public import LintelPolicy

/// Decides what a panel shows at an instant from its space, the day's bookings and the desk's
/// hygiene: the current booking and its check-in window, what comes next, what the insight level
/// lets passers-by see. Pure; the clock reading comes in as `now`.
public enum PanelViewModelBuilder {
    /// Bookings start "soon" (the panel warns) this many minutes ahead.
    public static let soonMinutes = 15
    /// A desk shows "Cleaned" for this long after it was marked clean.
    public static let cleanedMinutes = 10

    public static func build(
        place: PlaceContext, bookings: [Booking], hygiene: DeskHygiene?, organiserNames: [UserID: String],
        now: Date, language: PanelLanguage, offlineMinutes: Int? = nil, clockUnset: Bool = false, occupied: Bool? = nil
    ) -> PanelViewModel {
        let clock = place.clock
        let today = clock.date(of: now)
        let minutes = clock.minutesIntoDay(of: now)
        func local(_ instant: Date) -> LocalTime {
            // A booking running past midnight shows 24:00 as its end today.
            clock.date(of: instant) > today ? LocalTime(hour: 24) : LocalTime(hour: clock.minutesIntoDay(of: instant) / 60,
                                                                                   minute: clock.minutesIntoDay(of: instant) % 60)
        }
        func item(_ booking: Booking) -> AgendaItem {
            let shown = BookingDisclosure.of(booking, organiserName: booking.ownerId.flatMap { organiserNames[$0] }, at: place.location.panelInsight)
            return AgendaItem(start: local(booking.start), end: local(booking.end), subject: shown.subject, organiser: shown.organiser)
        }
        let endOfDay = clock.instant(on: today.adding(days: 1), at: LocalTime(hour: 0))
        let todays = bookings.filter { $0.end > now && $0.start < endOfDay && $0.approval != .rejected }.sorted { $0.start < $1.start }
        let active = todays.filter { $0.status == .confirmed }
        let window = place.location.checkIn

        var status: PanelStatus
        var rest = active
        if let current = BookingAtHand.find(for: .end, among: active, window: window, at: now) {
            rest.removeAll { $0.id == current.id }
            if current.checkIn == .checkedIn || window == nil {
                status = .inUse(item(current))
            } else if let window, now < window.closes(for: current) {
                status = .checkInDue(item(current), secondsLeft: Int(window.closes(for: current).timeIntervalSince(now).rounded(.up)))
            } else {
                status = .released(item(current))
            }
        } else if let next = active.first {
            if let window, now >= window.opens(for: next), next.checkIn == .checkedIn {
                // Checked in early: the room is theirs.
                rest.removeFirst()
                status = .inUse(item(next))
            } else if let window, now >= window.opens(for: next) {
                rest.removeFirst()
                status = .checkInDue(item(next), secondsLeft: Int(window.closes(for: next).timeIntervalSince(now).rounded(.up)))
            } else if next.start.timeIntervalSince(now) <= Double(soonMinutes) * 60 {
                rest.removeFirst()
                status = .upcoming(item(next), inMinutes: Int((next.start.timeIntervalSince(now) / 60).rounded(.up)))
            } else if let released = todays.first(where: { $0.status == .released && $0.start <= now }) {
                // A no-show released now: say so (the room is free) until the booking would have ended.
                status = .released(item(released))
            } else {
                status = .free(until: local(next.start))
            }
        } else if let released = todays.first(where: { $0.status == .released && $0.start <= now }) {
            status = .released(item(released))
        } else {
            status = .free(until: nil)
        }
        // A space nobody books shows what its occupancy sensor sees.
        if !place.space.bookable, let occupied {
            status = occupied ? .inUse(AgendaItem(start: LocalTime(hour: minutes / 60, minute: minutes % 60), end: LocalTime(hour: 24)))
                : .free(until: nil)
        }
        if place.space.kind == .desk, place.location.hygienic, let hygiene {
            switch status {
            case .inUse, .checkInDue: break
            default:
                if hygiene.state == .needsCleaning {
                    status = .needsCleaning
                } else if (-1..<Double(cleanedMinutes) * 60).contains(now.timeIntervalSince(hygiene.since)) {
                    // (Up to a second "ahead" still counts: stored instants are rounded to the millisecond.)
                    status = .cleaned
                }
            }
        }
        return PanelViewModel(
            screen: .status(status), kind: place.space.kind, spaceName: place.space.name, locationName: place.location.name,
            time: LocalTime(hour: minutes / 60, minute: minutes % 60), date: today, language: language,
            agenda: rest.map(item), offlineMinutes: offlineMinutes, clockUnset: clockUnset,
            pixelShift: pixelShift(minuteOfDay: minutes))
    }

    /// A slow walk over a 5×5 pixel square, one step every ten minutes, so static content never
    /// sits on the same pixels for long.
    public static func pixelShift(minuteOfDay: Int) -> (x: Int, y: Int) {
        let step = (minuteOfDay / 10) % 16
        let path = [(0, 0), (1, 0), (2, 0), (2, 1), (2, 2), (1, 2), (0, 2), (-1, 2), (-2, 2), (-2, 1), (-2, 0), (-2, -1), (-2, -2), (-1, -2), (0, -2), (0, -1)]
        return path[step]
    }
}
