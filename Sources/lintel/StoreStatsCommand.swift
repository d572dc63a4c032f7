import ArgumentParser
import Foundation
import LintelStore

/// `lintel store stats`: what the store holds, as JSON.
struct StoreStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Print counts and sizes of the store as JSON.")

    @OptionGroup var location: StoreLocation

    func run() throws {
        let store = try location.openExisting()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(try store.stats()), as: UTF8.self))
    }
}
