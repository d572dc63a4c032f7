// libFuzzer target for the snapshot decoder and validator (`make fuzz`). Any input must end in a
// snapshot or in a SnapshotError that names where and why; never a crash, a hang or a leak. An
// accepted snapshot must survive its own export: encoded and decoded again, it encodes the same.
import Foundation
import LintelWire

@_cdecl("LLVMFuzzerTestOneInput")
public func snapshotFuzzInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    do {
        let snapshot = try SnapshotCoding.decode(data, file: "fuzz.json")
        let encoded = try! SnapshotCoding.encode(snapshot)
        let again: Snapshot
        do { again = try SnapshotCoding.decode(encoded) } catch {
            fatalError("an accepted snapshot's export is refused: \(error)")
        }
        precondition(try! SnapshotCoding.encode(again) == encoded, "an accepted snapshot does not survive its export")
    } catch {
        precondition(!error.problem.isEmpty && error.path.hasPrefix("$"), "an error without a path or a problem: \(error)")
        if error.rule == .syntax, let line = error.line, let column = error.column {
            precondition(line >= 1 && column >= 1, "a syntax error outside the text: \(error)")
        }
    }
    return 0
}
