import LintelInput

/// One JSON line per input event: `{"role":"checkin-button","event":"short-press","at_ms":1234.5,"held_ms":120}`.
enum InputEventJSON {
    static func render(_ event: InputEvent) -> String {
        var fields = [
            "\"role\":\(DecisionJSON.quote(event.role))",
            "\"event\":\(DecisionJSON.quote(event.kind.rawValue))",
            "\"at_ms\":\(String(format: "%.3f", Double(event.at) / 1_000_000))",
        ]
        if let held = event.heldMilliseconds { fields.append("\"held_ms\":\(held)") }
        if let badge = event.badge { fields.append("\"badge\":\(DecisionJSON.quote(badge))") }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
