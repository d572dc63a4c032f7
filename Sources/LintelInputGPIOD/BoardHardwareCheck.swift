import CGPIOD
public import LintelInput

/// A board file against the GPIO hardware that is there: its chip found by label or path, every
/// line it names found on that chip. Opens the chip without requesting a line, so it can run
/// beside the agent.
public enum BoardHardwareCheck {
    public struct Outcome: Sendable, Equatable {
        /// The chip's device node, when it was found.
        public var chipPath: String?
        /// What does not match, each naming the chip or line and what is there instead.
        public var problems: [String]
    }

    public static func check(_ board: BoardConfig) -> Outcome {
        let chip: GPIODChip
        do {
            chip = try GPIODChip(board.chip)
        } catch {
            return Outcome(chipPath: nil, problems: [error.description])
        }
        var lines: [LineSelector] = board.buttons.values.map(\.line.line)
        if let pir = board.occupancy { lines.append(pir.line.line) }
        if let led = board.statusLed { lines += led.wiring.lines }
        var problems: [String] = []
        for line in lines {
            do {
                _ = try chip.line(line)
            } catch {
                problems.append(error.description)
            }
        }
        return Outcome(chipPath: chip.path, problems: problems)
    }
}
