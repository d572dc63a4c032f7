public import LintelPolicy

/// Why the agent cannot run.
public enum AgentError: Error, CustomStringConvertible {
    case unknownSpace(SpaceID)

    public var description: String {
        switch self {
        case .unknownSpace(let id): "Space \"\(id)\" is not in the store yet: waiting for data (import a snapshot, or check `space:` in the configuration)."
        }
    }
}
