import ArgumentParser
import LintelAgent
import LintelConfig

/// `--config`: the agent's configuration file, for the commands that read it as `lintel run` does.
struct AgentConfigOption: ParsableArguments {
    @Option(name: .customLong("config"), help: "The agent's configuration file (YAML).")
    var path: String = "/etc/lintel/agent.yaml"

    /// The configuration; an error naming the file, line and key when it does not load.
    func load() throws -> AgentConfig {
        do {
            return try AgentConfigLoader.load(file: path)
        } catch {
            throw InputError(error.description)
        }
    }
}
