import ArgumentParser
import Foundation
import LintelAgent
import LintelConfig
import LintelWire

/// `lintel store seed`: the seed world of an agent configuration as it would be imported now —
/// moved to today, with its live bookings — for a platform to start from (`make demo`).
struct StoreSeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Print an agent configuration's seed world, moved to now, as a snapshot (JSON) on standard output.")

    @Option(help: "The agent's configuration file (YAML) with a seed: section.")
    var config: String

    @Option(help: "Place the seed's bookings for the configured space on this space instead.")
    var space: String?

    func run() throws {
        let settings: AgentConfig
        do {
            settings = try AgentConfigLoader.load(file: config)
        } catch {
            throw InputError(error.description)
        }
        guard var seed = settings.seed else { throw InputError("\(config): no seed: section") }
        if let space {
            for i in seed.bookings.indices where seed.bookings[i].spaceId == settings.spaceId { seed.bookings[i].spaceId = space }
        }
        FileHandle.standardOutput.write(try SnapshotCoding.encode(try SeedWorld.load(seed, at: Date())))
        print()
    }
}
