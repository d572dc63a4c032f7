public import Foundation

extension Policy {
    /// Book now and extend at a panel are cut to what the rules allow rather than refused: when the
    /// whole length is denied for the role's longest booking or the opening hours, the answer is the
    /// same request ending at the latest 5-minute mark (at least 5 minutes after the start) that the
    /// policy allows, judged on the same rows. Any other request, or one nothing shorter fixes, is
    /// returned as it was, and deciding it gives the refusal.
    public static func fitted(_ request: DecisionRequest, in context: DecisionContext, at now: Date) -> DecisionRequest {
        guard request.action == .book || request.action == .extend, let end = request.end else { return request }
        guard let reason = decide(request, in: context, at: now).denialReason,
              reason == .durationExceedsLimit || reason == .outsideOpeningHours else { return request }
        let start = request.action == .book ? request.start ?? now : context.booking?.end ?? now
        let step: TimeInterval = 300
        var candidate = Date(timeIntervalSince1970: ((end.timeIntervalSince1970 - 1) / step).rounded(.down) * step)
        while candidate.timeIntervalSince(start) >= step {
            var shorter = request
            shorter.end = candidate
            if decide(shorter, in: context, at: now).isAllowed { return shorter }
            candidate = candidate.addingTimeInterval(-step)
        }
        return request
    }
}
