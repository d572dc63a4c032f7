import CEvdev
import CGPIOD
import Foundation
public import LintelInput
import Synchronization

/// The real input source: the board's buttons and PIR sensor as libgpiod edge-event lines, the
/// status LED as output lines, the badge reader as a grabbed evdev device. `wait` sleeps in
/// `poll()` on their file descriptors and a wake pipe. Closing drives every LED line dark
/// (its safe state) before releasing it.
public final class LinuxInputSource: InputSource, @unchecked Sendable {
    private struct WatchedLine {
        let role: InputLine
        let handle: OpaquePointer
        let fd: Int32
        let activeLow: Bool
    }

    private let chip: GPIODChip?
    private var inputs: [WatchedLine] = []
    private var ledLines: [OpaquePointer] = []
    private var ledActiveLow = false
    private var badgeFd: Int32 = -1
    private let wakePipe: (read: Int32, write: Int32)
    private let closed = Mutex(false)
    public private(set) var initialLevels: [InputLine: Bool] = [:]
    /// "label (/dev/gpiochipN)" of the chip in use.
    public let chipDescription: String

    /// The consumer name the kernel shows for our lines (`gpioinfo`); lives as long as the process.
    nonisolated(unsafe) private static let consumer = UnsafePointer<CChar>(strdup("lintel")!)

    public init(board: BoardConfig) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw InputHardwareError.io("pipe", errno: errno) }
        _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
        wakePipe = (fds[0], fds[1])

        let needsChip = !board.buttons.isEmpty || board.occupancy != nil || board.statusLed != nil
        chip = needsChip ? try GPIODChip(board.chip) : nil
        chipDescription = chip.map { "\($0.label) (\($0.path))" } ?? "none"
        do {
            if let chip {
                for role in ButtonRole.allCases {
                    guard let button = board.buttons[role] else { continue }
                    try watch(.button(role), button.line, on: chip)
                }
                if let sensor = board.occupancy { try watch(.occupancy, sensor.line, on: chip) }
                if let led = board.statusLed {
                    ledActiveLow = led.activeLow
                    for selector in led.wiring.lines {
                        let line = try chip.line(selector)
                        var config = gpiod_line_request_config(
                            consumer: Self.consumer, request_type: Int32(GPIOD_LINE_REQUEST_DIRECTION_OUTPUT), flags: 0)
                        guard gpiod_line_request(line, &config, led.activeLow ? 1 : 0) == 0 else {
                            throw InputHardwareError.requestFailed("an LED output", line: "\(selector)", errno: errno)
                        }
                        ledLines.append(line)
                    }
                }
            }
            if let reader = board.badgeReader {
                badgeFd = open(reader.device, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
                guard badgeFd >= 0 else { throw InputHardwareError.deviceUnavailable(reader.device, errno: errno) }
                // Exclusive: the badge number must not also be typed into a console.
                guard lintel_evdev_grab(badgeFd, 1) == 0 else { throw InputHardwareError.deviceUnavailable("\(reader.device) (grab)", errno: errno) }
            }
        } catch {
            close()
            throw error
        }
    }

    private func watch(_ role: InputLine, _ config: LineConfig, on chip: GPIODChip) throws {
        let line = try chip.line(config.line)
        var flags: Int32 = 0
        switch config.bias {
        case .asIs: break
        case .disabled: flags |= Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE)
        case .pullUp: flags |= Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP)
        case .pullDown: flags |= Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN)
        }
        // Active-low is applied here in software, so edge types are always physical.
        var request = gpiod_line_request_config(
            consumer: Self.consumer, request_type: Int32(GPIOD_LINE_REQUEST_EVENT_BOTH_EDGES), flags: flags)
        guard gpiod_line_request(line, &request, 0) == 0 else {
            throw InputHardwareError.requestFailed("an edge-event input (\(role.eventRole))", line: "\(config.line)", errno: errno)
        }
        let fd = gpiod_line_event_get_fd(line)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        let physical = gpiod_line_get_value(line)
        initialLevels[role] = (physical == 1) != config.activeLow
        inputs.append(WatchedLine(role: role, handle: line, fd: fd, activeLow: config.activeLow))
    }

    public func now() -> MonotonicInstant {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    public func wait(until deadline: MonotonicInstant?) throws -> [RawInput] {
        var pollFds = inputs.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        if badgeFd >= 0 { pollFds.append(pollfd(fd: badgeFd, events: Int16(POLLIN), revents: 0)) }
        pollFds.append(pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0))
        var timeout: Int32 = -1
        if let deadline {
            let current = now()
            timeout = deadline <= current ? 0 : Int32(min((deadline - current + 999_999) / 1_000_000, UInt64(Int32.max)))
        }
        let ready = poll(&pollFds, nfds_t(pollFds.count), timeout)
        if ready < 0 {
            if errno == EINTR { return [] }
            throw InputHardwareError.io("poll", errno: errno)
        }
        var raw: [RawInput] = []
        for (index, watched) in inputs.enumerated() where pollFds[index].revents & Int16(POLLIN) != 0 {
            // The line fd is non-blocking: read every queued event until it reports EAGAIN.
            var event = gpiod_line_event()
            while gpiod_line_event_read_fd(watched.fd, &event) == 0 {
                let at = UInt64(event.ts.tv_sec) * 1_000_000_000 + UInt64(event.ts.tv_nsec)
                let rising = event.event_type == Int32(GPIOD_LINE_EVENT_RISING_EDGE)
                raw.append(.edge(watched.role, active: rising != watched.activeLow, at: at))
            }
        }
        if badgeFd >= 0, pollFds[inputs.count].revents & Int16(POLLIN) != 0 {
            raw += readKeys()
        }
        if pollFds[pollFds.count - 1].revents & Int16(POLLIN) != 0 {
            var sink = [UInt8](repeating: 0, count: 64)
            while read(wakePipe.read, &sink, sink.count) > 0 {}
        }
        return raw
    }

    /// Keys are stamped with the monotonic time they were read: a reader types a whole badge in one
    /// burst, and the badge timeout is hundreds of milliseconds, so read time is exact enough (and
    /// evdev's own stamps are on the wall clock, which may step).
    private func readKeys() -> [RawInput] {
        var keys: [RawInput] = []
        var event = input_event()
        let size = MemoryLayout<input_event>.size
        while read(badgeFd, &event, size) == size {
            guard event.type == UInt16(EV_KEY) else { continue }
            keys.append(.key(code: event.code, value: event.value, at: now()))
        }
        return keys
    }

    public func setStatusLed(_ values: [Bool]) throws {
        for (line, lit) in zip(ledLines, values) {
            guard gpiod_line_set_value(line, lit != ledActiveLow ? 1 : 0) == 0 else {
                throw InputHardwareError.io("setting an LED line", errno: errno)
            }
        }
    }

    public func wake() {
        var byte: UInt8 = 1
        _ = write(wakePipe.write, &byte, 1)
    }

    /// LEDs dark, lines released, badge reader let go. Safe to call twice.
    public func close() {
        let already = closed.withLock { state -> Bool in
            defer { state = true }
            return state
        }
        if already { return }
        try? setStatusLed(ledLines.map { _ in false })
        for line in ledLines { gpiod_line_release(line) }
        for watched in inputs { gpiod_line_release(watched.handle) }
        if badgeFd >= 0 {
            _ = lintel_evdev_grab(badgeFd, 0)
            Glibc.close(badgeFd)
        }
        Glibc.close(wakePipe.read)
        Glibc.close(wakePipe.write)
    }

    deinit { close() }
}
