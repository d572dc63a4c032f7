import CGPIOD
import Foundation
public import LintelInput

/// An open GPIO chip (libgpiod v1): found by label or path, its lines found by name or offset.
/// All libgpiod calls live in this backend, so a v2 backend can replace it.
final class GPIODChip {
    let handle: OpaquePointer
    let label: String
    let path: String

    init(_ selector: ChipSelector) throws(InputHardwareError) {
        switch selector {
        case .path(let path):
            guard let chip = gpiod_chip_open(path) else { throw .chipNotFound(selector, available: Self.availableChips()) }
            handle = chip
        case .label(let label):
            guard let chip = gpiod_chip_open_by_label(label) else { throw .chipNotFound(selector, available: Self.availableChips()) }
            handle = chip
        }
        label = String(cString: gpiod_chip_label(handle))
        path = "/dev/" + String(cString: gpiod_chip_name(handle))
    }

    deinit { gpiod_chip_close(handle) }

    /// Every line's name (or `offset N` for unnamed lines), in offset order.
    var lineNames: [String] {
        (0..<gpiod_chip_num_lines(handle)).map { offset in
            guard let line = gpiod_chip_get_line(handle, offset), let name = gpiod_line_name(line) else { return "offset \(offset)" }
            return String(cString: name)
        }
    }

    func line(_ selector: LineSelector) throws(InputHardwareError) -> OpaquePointer {
        let found: OpaquePointer?
        switch selector {
        case .name(let name): found = gpiod_chip_find_line(handle, name)
        case .offset(let offset): found = offset < gpiod_chip_num_lines(handle) ? gpiod_chip_get_line(handle, UInt32(offset)) : nil
        }
        guard let found else { throw .lineNotFound(selector, chip: "\(label) (\(path))", available: lineNames) }
        return found
    }

    /// "label (path)" of every GPIO chip on the system.
    static func availableChips() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/dev")) ?? []
        return entries.filter { $0.hasPrefix("gpiochip") }.sorted().compactMap { name in
            guard let chip = gpiod_chip_open("/dev/\(name)") else { return nil }
            defer { gpiod_chip_close(chip) }
            return "\(String(cString: gpiod_chip_label(chip))) (/dev/\(name))"
        }
    }
}

/// Hardware that is not there or cannot be used, said so a technician can fix the wiring or config.
public enum InputHardwareError: Error, CustomStringConvertible, Equatable {
    case chipNotFound(ChipSelector, available: [String])
    case lineNotFound(LineSelector, chip: String, available: [String])
    case requestFailed(String, line: String, errno: Int32)
    case deviceUnavailable(String, errno: Int32)
    case io(String, errno: Int32)

    public var description: String {
        switch self {
        case .chipNotFound(let chip, let available):
            "no GPIO chip \(chip); chips present: \(available.isEmpty ? "none" : available.joined(separator: ", "))"
        case .lineNotFound(let line, let chip, let available):
            "no line \(line) on chip \(chip); its lines: \(available.joined(separator: ", "))"
        case .requestFailed(let what, let line, let errno):
            "cannot request line \(line) as \(what): \(String(cString: strerror(errno)))"
        case .deviceUnavailable(let device, let errno):
            "cannot open \(device): \(String(cString: strerror(errno)))"
        case .io(let what, let errno):
            "\(what) failed: \(String(cString: strerror(errno)))"
        }
    }
}
