import ArgumentParser
import Foundation
import LintelDisplay
import LintelPolicy
import LintelStore
import LintelWire

/// `lintel render`: what a panel shows at an instant, as a PNG (the pixels a display would get).
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the panel of a space at an instant to a PNG file.",
        discussion: "Screens for --screen: \(PreviewModels.screenNames.joined(separator: ", ")) (sample content); without it, the store decides.")

    @Option(help: "Path of the SQLite store (needed unless --screen is given).")
    var store: String?

    @Option(help: "The space id.")
    var resource: String?

    @Option(help: "The instant (ISO 8601 with offset); default: now.")
    var at: String?

    @Option(help: "Physical size WIDTHxHEIGHT.")
    var size: String = "1280x800"

    @OptionGroup var look: PanelLookOptions

    @Option(help: "Show this screen with sample content instead of the store's state.")
    var screen: String?

    @Option(help: "The PNG file to write.")
    var out: String = "panel.png"

    @Option(help: "With --screen: the picture after this many ticks (countdown seconds or clock minutes).")
    var frames: Int = 0

    @Option(help: "With --screen pairing: the code shown (as the platform gave it).")
    var pairingCode: String?

    @Option(help: "With --screen pairing: the approval address the QR code carries.")
    var pairingURL: String?

    @Flag(help: "Print the names --screen takes, one per line, and exit.")
    var listScreens = false

    func run() throws {
        if listScreens {
            PreviewModels.screenNames.forEach { print($0) }
            return
        }
        let parts = size.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, (320...3840).contains(parts[0]), (240...3840).contains(parts[1]) else {
            throw InputError("--size: expected WIDTHxHEIGHT such as 1280x800, got \"\(size)\"")
        }
        let (rotation, language) = try look.validated()
        let model = PreviewModels.advanced(try viewModel(language: language), frames: screen == nil ? 0 : frames)
        let (width, height) = (parts[0], parts[1])
        let panel = RotatedPanel(physicalWidth: width, physicalHeight: height, rotation: rotation, fonts: try PanelLookOptions.fonts())
        try PNGFrameSink(path: out, width: width, height: height).present(panel.render(model).frame, damage: [])
        FileHandle.standardError.write(Data("lintel: wrote \(out) (\(width)x\(height), \(describe(model.screen)))\n".utf8))
    }

    private func viewModel(language: PanelLanguage) throws -> PanelViewModel {
        let now = try at.map { text -> Date in
            guard let date = ISO8601.parse(text) else { throw InputError("--at: \"\(text)\" is not an ISO 8601 instant with offset") }
            return date
        } ?? Date()
        var day: PanelDay?
        if let store {
            guard FileManager.default.fileExists(atPath: store) else { throw InputError("no store at \(store)") }
            guard let resource else { throw InputError("--resource is needed with --store") }
            guard let found = try AuthStore(path: store).panelDay(spaceId: resource, at: now) else {
                throw InputError("--resource: no space \"\(resource)\" in \(store)")
            }
            day = found
        }
        if let screen {
            guard var model = PreviewModels.model(screen, kind: day?.place.space.kind ?? .room, language: language,
                                                  spaceName: day?.place.space.name, locationName: day?.place.location.name ?? "Amsterdam Zuidas") else {
                throw InputError("--screen: unknown screen \"\(screen)\"; expected one of \(PreviewModels.screenNames.joined(separator: ", "))")
            }
            if let day {
                let minutes = day.place.clock.minutesIntoDay(of: now)
                model.time = LocalTime(hour: minutes / 60, minute: minutes % 60)
                model.date = day.place.clock.date(of: now)
            }
            if case .pairing(let code, let url) = model.screen, pairingCode != nil || pairingURL != nil {
                model.screen = .pairing(code: pairingCode ?? code, url: pairingURL ?? url)
            }
            return model
        }
        guard let day else { throw InputError("give --store and --resource, or --screen for a sample") }
        return PanelViewModelBuilder.build(place: day.place, bookings: day.bookings, hygiene: day.hygiene,
                                           organiserNames: day.organiserNames, now: now, language: language)
    }

    private func describe(_ screen: PanelViewModel.Screen) -> String {
        switch screen {
        case .status(let status): status.name
        case .pairing: "pairing"
        case .selfTest: "selftest"
        case .error: "error"
        }
    }
}
