import Dispatch
import Foundation
import LintelConfig
import LintelInput
import LintelInputGPIOD

/// Opens a board's real inputs for a command, and closes them (LEDs dark, lines released) on
/// SIGINT or SIGTERM as well as on a normal end.
final class HardwareSession {
    let board: BoardConfig
    let source: LinuxInputSource
    let monitor: InputMonitor
    private var signalSources: [any DispatchSourceSignal] = []

    /// Opens the board; with `handleSignals`, SIGINT and SIGTERM stop the input loop (commands that
    /// run no service group of their own).
    convenience init(boardFile: String, handleSignals: Bool = true) throws {
        let board: BoardConfig
        do {
            board = try BoardConfigLoader.load(file: boardFile)
        } catch {
            throw InputError(error.description)
        }
        try self.init(board: board, file: boardFile, handleSignals: handleSignals)
    }

    /// Opens a board already read from `file`.
    init(board: BoardConfig, file boardFile: String, handleSignals: Bool = true) throws {
        self.board = board
        do {
            source = try LinuxInputSource(board: board)
        } catch let error as InputHardwareError {
            throw InputError("\(boardFile): \(error)")
        }
        monitor = InputMonitor(board: board, source: source)
        for signal in handleSignals ? [SIGINT, SIGTERM] : [] {
            Foundation.signal(signal, SIG_IGN)
            let handler = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            handler.setEventHandler { [monitor] in monitor.stop() }
            handler.resume()
            signalSources.append(handler)
        }
    }

    func close() {
        source.close()
    }

    /// Prints a line and flushes at once, so a reader of a pipe sees it immediately.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
