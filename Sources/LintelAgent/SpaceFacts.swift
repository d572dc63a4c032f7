public import LintelPolicy

/// What a panel's behaviour depends on about its space, as one value: what it is, whether it is a
/// hygienic desk (cleaned between users), whether it can be booked (else it shows what its sensor
/// sees), the location's check-in window and who may act there.
public struct SpaceFacts: Sendable, Equatable {
    public var spaceId: SpaceID
    public var kind: ResourceKind
    /// A desk in a hygienic location: a badge with nothing due asks to mark it clean.
    public var hygienicDesk: Bool
    public var bookable: Bool
    public var checkInWindow: CheckInWindow?
    /// The location lets only badge holders act at its panels.
    public var badgeOnly: Bool

    public init(spaceId: SpaceID, kind: ResourceKind = .room, hygienicDesk: Bool = false, bookable: Bool = true,
                checkInWindow: CheckInWindow? = CheckInWindow(), badgeOnly: Bool = false) {
        self.spaceId = spaceId
        self.kind = kind
        self.hygienicDesk = hygienicDesk
        self.bookable = bookable
        self.checkInWindow = checkInWindow
        self.badgeOnly = badgeOnly
    }

    /// The facts of a place from the store.
    public init(place: PlaceContext) {
        self.init(spaceId: place.space.id, kind: place.space.kind, hygienicDesk: place.space.kind == .desk && place.location.hygienic,
                  bookable: place.space.bookable, checkInWindow: place.location.checkIn, badgeOnly: place.location.panelAccess == .badge)
    }
}
