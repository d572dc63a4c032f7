import Foundation
import LintelPolicy

/// The one-line JSON form of a decision, keys in a fixed order.
enum DecisionJSON {
    static func render(_ decision: Decision) -> String {
        "{\"decision\":\(quote(decision.isAllowed ? "allow" : "deny")),\"reason\":\(quote(decision.code)),\"message\":\(quote(decision.message))}"
    }

    static func quote(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
