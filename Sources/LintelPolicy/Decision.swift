/// The policy's answer: allowed (perhaps with a note), or denied with a stable reason.
public enum Decision: Sendable, Equatable, CustomStringConvertible {
    case allow(AllowNote)
    case deny(DenialReason, detail: String? = nil)

    public static let allowed = Decision.allow(.none)

    public var isAllowed: Bool {
        if case .allow = self { return true }
        return false
    }

    public var denialReason: DenialReason? {
        if case .deny(let reason, _) = self { return reason }
        return nil
    }

    /// The stable code: a denial reason, or `allowed` / `allowed_pending_approval`.
    public var code: String {
        switch self {
        case .allow(let note): note.rawValue
        case .deny(let reason, _): reason.rawValue
        }
    }

    public var message: String {
        switch self {
        case .allow(let note): note.message
        case .deny(let reason, let detail): detail.map { "\(reason.message) (\($0))" } ?? reason.message
        }
    }

    public var description: String { "\(isAllowed ? "allow" : "deny") \(code): \(message)" }
}

/// What an allowed action comes with.
public enum AllowNote: String, Sendable, Equatable {
    case none = "allowed"
    /// The booking is made but waits for approval.
    case pendingApproval = "allowed_pending_approval"

    public var message: String {
        switch self {
        case .none: "Allowed."
        case .pendingApproval: "Allowed; the booking waits for approval."
        }
    }
}
