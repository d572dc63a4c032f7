import ArgumentParser
import LintelConfig
import LintelInput

/// `lintel board validate FILE`: reads a board file and says what it wires, or exactly what is wrong.
struct BoardValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Validate a board file; exit 0 when usable, 2 with the file, line, key and value when not.")

    @Argument(help: "The board file, e.g. board-configs/raspberry-pi-5.yaml.")
    var file: String

    func run() throws {
        let board: BoardConfig
        do {
            board = try BoardConfigLoader.load(file: file)
        } catch {
            throw InputError(error.description)
        }
        print("\(file): ok — \(board.name), GPIO chip \(board.chip)")
        for role in ButtonRole.allCases {
            if let button = board.buttons[role] {
                print("  \(role.eventName): line \(button.line.line), active \(button.line.activeLow ? "low" : "high"), bias \(button.line.bias.rawValue), "
                    + "debounce \(button.debounceMilliseconds) ms, long press \(button.longPressMilliseconds) ms")
            }
        }
        if let pir = board.occupancy {
            print("  pir: line \(pir.line.line), active \(pir.line.activeLow ? "low" : "high"), hold \(pir.holdSeconds) s")
        }
        if let led = board.statusLed {
            print("  status LED: \(led.wiring.lines.map(\.description).joined(separator: ", ")), active \(led.activeLow ? "low" : "high")")
        }
        if let display = board.display {
            print("  display: \(display.device ?? "first card"), connector \(display.connector ?? "first connected"), rotation \(display.rotation)")
        }
        if let reader = board.badgeReader { print("  badge reader: \(reader.device)") }
    }
}
