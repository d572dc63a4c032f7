/// The agent's version: `lintel --version`, the heartbeat, `lintel status` and the package.
public enum AgentVersion {
    public static let current = "0.13.0"
}
