/// What sort of bookable thing a space is. Each kind has its own block of role permissions.
public enum ResourceKind: String, Codable, Sendable, CaseIterable {
    case room
    case desk
    case parking

    /// Desks and parking spaces share the team/on-behalf, recurring and simultaneous-booking rules.
    public var isDeskLike: Bool { self != .room }
}
