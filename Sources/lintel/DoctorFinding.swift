/// One check of `lintel doctor`: what was checked, whether it passed, and when it did not, what
/// is wrong and how to fix it.
struct DoctorFinding: Sendable, Equatable {
    enum Outcome: String, Sendable { case ok, failed, skipped }

    var check: String
    var outcome: Outcome
    var detail: String
    var fix: String?

    static func ok(_ check: String, _ detail: String) -> DoctorFinding { DoctorFinding(check: check, outcome: .ok, detail: detail) }
    static func skipped(_ check: String, _ detail: String) -> DoctorFinding { DoctorFinding(check: check, outcome: .skipped, detail: detail) }
    static func failed(_ check: String, _ detail: String, fix: String) -> DoctorFinding {
        DoctorFinding(check: check, outcome: .failed, detail: detail, fix: fix)
    }

    var line: String {
        let mark = switch outcome {
        case .ok: "ok  "
        case .failed: "FAIL"
        case .skipped: "--  "
        }
        return "\(mark) \(check): \(detail)" + (fix.map { "\n     fix: \($0)" } ?? "")
    }
}
