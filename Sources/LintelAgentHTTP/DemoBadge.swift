/// A person the virtual panel can present a badge for.
public struct DemoBadge: Sendable, Equatable, Codable {
    public var uid: String
    public var name: String

    public init(uid: String, name: String) {
        self.uid = uid
        self.name = name
    }
}
