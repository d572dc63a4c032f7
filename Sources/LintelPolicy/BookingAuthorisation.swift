public import Foundation

/// A visa: a named kind of clearance (e.g. "Lab safety briefing") that authorisations carry.
public struct Visa: Sendable, Hashable, Codable {
    public var id: VisaID
    public var name: String

    public init(id: VisaID, name: String) {
        self.id = id
        self.name = name
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, name }
}

/// Permission for one user to book the spaces of one category, carried by a visa and valid for a
/// period. Categories that require authorisation can only be booked with one valid at the booking.
public struct BookingAuthorisation: Sendable, Hashable, Codable {
    public var userId: UserID
    public var categoryId: CategoryID
    public var visaId: VisaID
    public var validFrom: Date?
    public var validUntil: Date?

    public init(userId: UserID, categoryId: CategoryID, visaId: VisaID, validFrom: Date? = nil, validUntil: Date? = nil) {
        self.userId = userId
        self.categoryId = categoryId
        self.visaId = visaId
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    /// Valid from `validFrom` (inclusive) until `validUntil` (exclusive); open ends are unbounded.
    public func isValid(at instant: Date) -> Bool {
        (validFrom.map { $0 <= instant } ?? true) && (validUntil.map { instant < $0 } ?? true)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case userId, categoryId, visaId, validFrom, validUntil }
}

/// One line of a user's authorisation history: what changed, when and by whom.
public struct AuthorisationChange: Sendable, Hashable, Codable {
    public enum Kind: String, Codable, Sendable {
        case granted, changed, revoked
    }

    public var userId: UserID
    public var categoryId: CategoryID
    public var visaId: VisaID
    public var change: Kind
    public var at: Date
    public var by: UserID?

    public init(userId: UserID, categoryId: CategoryID, visaId: VisaID, change: Kind, at: Date, by: UserID? = nil) {
        self.userId = userId
        self.categoryId = categoryId
        self.visaId = visaId
        self.change = change
        self.at = at
        self.by = by
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case userId, categoryId, visaId, change, at, by }
}

extension Visa {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name))
    }
}

extension BookingAuthorisation {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        self.init(
            userId: try c.decode(String.self, forKey: .userId), categoryId: try c.decode(String.self, forKey: .categoryId),
            visaId: try c.decode(String.self, forKey: .visaId), validFrom: try c.decodeIfPresent(Date.self, forKey: .validFrom),
            validUntil: try c.decodeIfPresent(Date.self, forKey: .validUntil))
    }
}

extension AuthorisationChange {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        self.init(
            userId: try c.decode(String.self, forKey: .userId), categoryId: try c.decode(String.self, forKey: .categoryId),
            visaId: try c.decode(String.self, forKey: .visaId), change: try c.decode(Kind.self, forKey: .change),
            at: try c.decode(Date.self, forKey: .at), by: try c.decodeIfPresent(String.self, forKey: .by))
        if by?.isEmpty == true { throw DecodingError.dataCorruptedError(forKey: .by, in: c, debugDescription: "an id must not be empty") }
    }
}
