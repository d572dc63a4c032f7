/// One space's day as a panel shows it: the place, the bookings of its local day (from local
/// midnight, and any still running into it), the desk's hygiene and the organisers' names.
public struct PanelDay: Sendable, Equatable {
    public var place: PlaceContext
    public var bookings: [Booking]
    public var hygiene: DeskHygiene?
    public var organiserNames: [UserID: String]

    public init(place: PlaceContext, bookings: [Booking], hygiene: DeskHygiene?, organiserNames: [UserID: String]) {
        self.place = place
        self.bookings = bookings
        self.hygiene = hygiene
        self.organiserNames = organiserNames
    }

    public static func == (a: PanelDay, b: PanelDay) -> Bool {
        a.place === b.place && a.bookings == b.bookings && a.hygiene == b.hygiene && a.organiserNames == b.organiserNames
    }
}
