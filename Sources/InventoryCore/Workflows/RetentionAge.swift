import Foundation

/// `prune --older-than`'s ages: a number and a unit, `90d`, `12w`, `6m` (30 days) or `1y` (365 days).
public enum RetentionAge {
    /// The age in seconds, or nil when `text` is not of that form (or negative, or absurdly large).
    public static func seconds(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let count = Double(text.dropLast()), count >= 0, count.isFinite else { return nil }
        let day: TimeInterval = 86_400
        let seconds: TimeInterval
        switch unit {
        case "d": seconds = count * day
        case "w": seconds = count * 7 * day
        case "m": seconds = count * 30 * day
        case "y": seconds = count * 365 * day
        default: return nil
        }
        // Beyond ten thousand years no date is older; keep the cut-off a representable date.
        return seconds <= 10_000 * 365 * day ? seconds : nil
    }
}
