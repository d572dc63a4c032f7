import Foundation
import LintelAgent
import LintelConfig
import LintelInput
import LintelTestKit
import Testing

@Suite("Agent configuration")
struct AgentConfigTests {
    @Test("The demo configuration reads, with paths taken from its folder")
    func demo() throws {
        let config = try AgentConfigLoader.load(file: ProjectFiles.url("examples/demo-agent.yaml").path)
        #expect(config.spaceId == "ams-r-tulip")
        #expect(config.http?.host == "127.0.0.1" && config.http?.port == 8080 && config.http?.virtualPanel == true)
        #expect(config.seed?.snapshotPath.hasSuffix("examples/demo-world.json") == true)
        #expect(config.seed?.bookings.count == 2)
        #expect(config.panel.releaseWhenEmptyMinutes == 15)
    }

    @Test("Every bad value names the file, line, key and value", arguments: [
        ("space: a\nstore: s\nlanguage: xx\n", "agent.yaml:3: language: expected one of en, nl, de, fr (value: \"xx\")"),
        ("store: s\n", "agent.yaml:1: space: required key is missing"),
        ("space: a\nstore: s\nhttp:\n  listen: 0.0.0.0:80\n", "agent.yaml:4: http.listen: the agent serves on loopback only (127.0.0.1, ::1 or localhost) (value: \"0.0.0.0:80\")"),
        ("space: a\nstore: s\nhttp:\n  listen: nowhere\n", "agent.yaml:4: http.listen: expected HOST:PORT, e.g. 127.0.0.1:9464 (value: \"nowhere\")"),
        ("space: a\nstore: s\npanel:\n  book-now-minutes: 2\n", "agent.yaml:4: panel.book-now-minutes: expected a whole number from 5 to 480 (value: \"2\")"),
        ("space: a\nstore: s\ndisplay:\n  rotation: 45\n", "agent.yaml:4: display.rotation: expected 0, 90, 180 or 270 (value: \"45\")"),
        ("space: a\nstore: s\ndisplay:\n  output: png\n", "agent.yaml:4: display: output png needs a png path (value: \"png\")"),
        ("space: a\nstore: s\npanel:\n  access: everyone\n", "agent.yaml:4: panel.access: expected location (the location's rule: anyone or badge) or badge (badge holders only) (value: \"everyone\")"),
        ("space: a\nstore: s\ncolour: red\n", "agent.yaml:3: colour: unknown key; expected one of space, store, language, board, display, panel, clock, http, seed, sync"),
        ("space: a\nstore: s\ndisplay:\n  night: {from: \"25:00\", to: \"06:00\"}\n", "agent.yaml:4: display.night.from: expected a time as HH:MM (value: \"25:00\")"),
    ])
    func errors(_ text: String, _ expected: String) {
        #expect(throws: ConfigError.self) { try AgentConfigLoader.parse(text, file: "agent.yaml") }
        do {
            _ = try AgentConfigLoader.parse(text, file: "agent.yaml")
        } catch {
            #expect(error.description == expected)
        }
    }

    struct DisplaySource: Sendable, CustomTestStringConvertible {
        let rule: String
        let display: String
        let expected: (device: String?, connector: String?, rotation: Int)
        var testDescription: String { rule }
    }

    @Test("One source for display: the board file's device, connector and rotation, unless the agent file says otherwise", arguments: [
        DisplaySource(rule: "No display: in the agent file: the board's (a CM4 with its DSI panel in portrait)", display: "",
                      expected: ("/dev/dri/card1", "DSI-1", 90)),
        DisplaySource(rule: "The agent file names only the output: the rest is the board's", display: "display:\n  output: drm\n",
                      expected: ("/dev/dri/card1", "DSI-1", 90)),
        DisplaySource(rule: "What the agent file says wins, key by key", display: "display:\n  connector: HDMI-A-1\n  rotation: 0\n",
                      expected: ("/dev/dri/card1", "HDMI-A-1", 0)),
    ])
    func displayFromBoard(_ source: DisplaySource) throws {
        let board = BoardConfig(name: "cm4", chip: .label("pinctrl-bcm2711"),
                                display: DisplayConfig(connector: "DSI-1", rotation: 90, device: "/dev/dri/card1"))
        var read: [String] = []
        let config = try AgentConfigLoader.parse("space: a\nstore: s\nboard: /etc/lintel/cm4.yaml\n\(source.display)", file: "agent.yaml") { path in
            read.append(path)
            return board
        }
        #expect(read == ["/etc/lintel/cm4.yaml"])
        #expect(config.board == board)
        #expect((config.display.device, config.display.connector, config.display.rotation) == source.expected)
    }

    @Test("A bad board file named by the agent file stops the agent with the board file's own error")
    func badBoard() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lintel-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name: x\nchip: lintel-sim\ndisplay:\n  rotation: 45\n".write(to: folder.appendingPathComponent("board.yaml"), atomically: true, encoding: .utf8)
        try "space: a\nstore: s\nboard: board.yaml\n".write(to: folder.appendingPathComponent("agent.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try AgentConfigLoader.load(file: folder.appendingPathComponent("agent.yaml").path) }
        do {
            _ = try AgentConfigLoader.load(file: folder.appendingPathComponent("agent.yaml").path)
        } catch {
            #expect(error.description.hasSuffix("board.yaml:4: display.rotation: expected 0, 90, 180 or 270 (value: \"45\")"), "\(error)")
        }
    }
}
