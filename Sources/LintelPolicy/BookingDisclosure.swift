/// What a viewer may see of a booking: nothing but "Booked" for a private booking or at the
/// availability level; the subject at the subject level; subject and organiser at the highest.
public struct BookingDisclosure: Sendable, Equatable {
    /// The title to show; nil means show only that the space is booked.
    public var subject: String?
    public var organiser: String?

    public init(subject: String?, organiser: String?) {
        self.subject = subject
        self.organiser = organiser
    }

    public static func of(_ booking: Booking, organiserName: String?, at level: InsightLevel) -> BookingDisclosure {
        if booking.isPrivate || level == .availability { return BookingDisclosure(subject: nil, organiser: nil) }
        let organiser = level == .subjectAndOrganiser ? organiserName : nil
        return BookingDisclosure(subject: booking.title, organiser: organiser)
    }
}
