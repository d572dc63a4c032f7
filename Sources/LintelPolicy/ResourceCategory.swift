/// A booking category (e.g. "Boardrooms", "Hygienic desks"). Booking authorisations target categories.
public struct ResourceCategory: Sendable, Hashable, Codable {
    public var id: CategoryID
    public var name: String
    public var kind: ResourceKind
    /// Booking a space of this category needs a valid authorisation (visa) for it.
    public var requiresAuthorisation: Bool
    /// Bookings of this category wait for approval by someone with approval rights.
    public var requiresApproval: Bool

    public init(id: CategoryID, name: String, kind: ResourceKind, requiresAuthorisation: Bool = false, requiresApproval: Bool = false) {
        self.id = id
        self.name = name
        self.kind = kind
        self.requiresAuthorisation = requiresAuthorisation
        self.requiresApproval = requiresApproval
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, name, kind, requiresAuthorisation, requiresApproval }
}

extension ResourceCategory {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(ResourceKind.self, forKey: .kind)
        requiresAuthorisation = try c.decodeIfPresent(Bool.self, forKey: .requiresAuthorisation) ?? false
        requiresApproval = try c.decodeIfPresent(Bool.self, forKey: .requiresApproval) ?? false
    }
}
