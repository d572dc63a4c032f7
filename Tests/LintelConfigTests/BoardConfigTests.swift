import Foundation
import LintelConfig
import LintelInput
import LintelTestKit
import Testing

@Suite("Board configuration files")
struct BoardConfigTests {
    @Test("Every shipped board file is valid", arguments: ["raspberry-pi-4.yaml", "raspberry-pi-5.yaml", "raspberry-pi-cm4.yaml", "vm.yaml"])
    func shippedBoardsAreValid(_ name: String) throws {
        let board = try BoardConfigLoader.load(file: ProjectFiles.url("board-configs/\(name)").path)
        #expect(board.buttons[.checkIn] != nil)
        #expect(board.statusLed != nil)
        #expect(board.badgeReader?.device.hasPrefix("/dev/input/") == true)
    }

    @Test("The Pi 5 is found by RP1's chip label, not a chip number")
    func pi5UsesLabel() throws {
        let board = try BoardConfigLoader.load(file: ProjectFiles.url("board-configs/raspberry-pi-5.yaml").path)
        #expect(board.chip == .label("pinctrl-rp1"))
        #expect(board.buttons[.checkIn]?.line == LineConfig(line: .name("GPIO17"), activeLow: true, bias: .pullUp))
        #expect(board.statusLed?.wiring == .separate([.red: .name("GPIO5"), .green: .name("GPIO6"), .amber: .name("GPIO13")]))
    }

    @Test("Defaults: buttons active-low with pull-up, 30 ms debounce, 800 ms long press; offsets as numbers")
    func defaults() throws {
        let board = try BoardConfigLoader.parse("""
            name: minimal
            chip: /dev/gpiochip0
            buttons:
              checkin: { line: 4 }
            """, file: "minimal.yaml")
        #expect(board.chip == .path("/dev/gpiochip0"))
        #expect(board.buttons[.checkIn] == ButtonConfig(line: LineConfig(line: .offset(4), activeLow: true, bias: .pullUp)))
        #expect(board.occupancy == nil)
    }

    struct Broken: Sendable, CustomTestStringConvertible {
        let rule: String
        let yaml: String
        let message: String
        var testDescription: String { rule }
    }

    @Test("A bad board file names the file, line, key and value", arguments: [
        Broken(rule: "active must be low or high", yaml: "name: x\nchip: c\nbuttons:\n  checkin: { line: B, active: lo }\n",
               message: "bad.yaml:4: buttons.checkin.active: expected low or high (value: \"lo\")"),
        Broken(rule: "a misspelt key is caught", yaml: "name: x\nchip: c\nbutons:\n  checkin: { line: B }\n",
               message: "bad.yaml:3: butons: unknown key; expected one of name, chip, buttons, occupancy, status-led, display, badge-reader"),
        Broken(rule: "an unknown button role", yaml: "name: x\nchip: c\nbuttons:\n  panic: { line: B }\n",
               message: "bad.yaml:4: buttons.panic: unknown key; expected one of checkin, end, extend, clean"),
        Broken(rule: "a button needs a line", yaml: "name: x\nchip: c\nbuttons:\n  checkin: { active: low }\n",
               message: "bad.yaml:4: buttons.checkin.line: required key is missing"),
        Broken(rule: "one line cannot serve two roles", yaml: "name: x\nchip: c\nbuttons:\n  checkin: { line: B }\n  end: { line: B }\n",
               message: "bad.yaml:5: buttons.end.line: line B is already used by buttons.checkin.line (value: \"B\")"),
        Broken(rule: "bias must be a known setting", yaml: "name: x\nchip: c\noccupancy:\n  line: P\n  bias: pullup\n",
               message: "bad.yaml:5: occupancy.bias: expected one of as-is, disabled, pull-up, pull-down (value: \"pullup\")"),
        Broken(rule: "rotation is a quarter turn", yaml: "name: x\nchip: c\ndisplay:\n  rotation: 45\n",
               message: "bad.yaml:4: display.rotation: expected 0, 90, 180 or 270 (value: \"45\")"),
        Broken(rule: "the badge reader is an evdev device", yaml: "name: x\nchip: c\nbadge-reader:\n  device: /dev/ttyUSB0\n",
               message: "bad.yaml:4: badge-reader.device: expected an evdev device under /dev/input/ (value: \"/dev/ttyUSB0\")"),
        Broken(rule: "LED wiring must be known", yaml: "name: x\nchip: c\nstatus-led:\n  wiring: rainbow\n",
               message: "bad.yaml:4: status-led.wiring: expected single, rgb or separate (value: \"rainbow\")"),
        Broken(rule: "an RGB LED needs all three lines", yaml: "name: x\nchip: c\nstatus-led:\n  wiring: rgb\n  red: R\n  green: G\n",
               message: "bad.yaml:4: status-led.blue: required key is missing"),
        Broken(rule: "the chip is required", yaml: "name: x\n",
               message: "bad.yaml:1: chip: required key is missing"),
        Broken(rule: "debounce is a number of milliseconds", yaml: "name: x\nchip: c\nbuttons:\n  checkin: { line: B, debounce-ms: fast }\n",
               message: "bad.yaml:4: buttons.checkin.debounce-ms: expected a whole number from 1 to 1000 (value: \"fast\")"),
        Broken(rule: "not YAML at all", yaml: "name: [x\n", message: "bad.yaml:2: (top level): not valid YAML"),
    ])
    func rejected(_ broken: Broken) {
        do {
            _ = try BoardConfigLoader.parse(broken.yaml, file: "bad.yaml")
            Issue.record("accepted: \(broken.rule)")
        } catch {
            #expect(error.description.hasPrefix(broken.message), "\(error)")
        }
    }

    @Test("A missing file says so")
    func missingFile() {
        #expect(throws: BoardConfigError(file: "/nope.yaml", line: nil, key: "", value: nil, problem: "cannot read the file")) {
            try BoardConfigLoader.load(file: "/nope.yaml")
        }
    }
}
