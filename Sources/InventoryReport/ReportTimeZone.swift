import Foundation
import InventoryModel

/// The time zone every date-time of a report is shown in (`--timezone`, `INVENTORY_TIMEZONE`):
/// UTC by default, an IANA name such as `Asia/Tokyo` (daylight saving time followed per instant),
/// or a fixed offset such as `+09:00`. The store keeps UTC; only what is shown moves.
public struct ReportTimeZone: Sendable, Hashable, CustomStringConvertible {
    private enum Rule: Sendable, Hashable {
        case fixed(seconds: Int)
        case named(TimeZone)
    }

    private let rule: Rule
    /// The zone as headers and the title block name it: `UTC`, `Asia/Tokyo`, `UTC+09:00`.
    public let name: String

    /// Coordinated Universal Time, the default.
    public static let utc = ReportTimeZone(rule: .fixed(seconds: 0), name: "UTC")

    private init(rule: Rule, name: String) {
        self.rule = rule
        self.name = name
    }

    /// True for UTC (and `+00:00`): dates are shown as stored.
    public var isUTC: Bool {
        if case .fixed(0) = rule { return true }
        return false
    }

    /// Same as `name`.
    public var description: String { name }

    /// Why a zone text was not accepted, with the closest known IANA names.
    public struct UnknownZone: Error, Sendable, CustomStringConvertible {
        /// The text as given.
        public let text: String
        /// Known zone names that look like it (at most three).
        public let suggestions: [String]

        /// One line for stderr.
        public var description: String {
            var message = "unknown time zone '\(text)'"
            if !suggestions.isEmpty { message += "; did you mean \(suggestions.joined(separator: ", "))?" }
            return message + " Use an IANA name such as Asia/Tokyo or Europe/Berlin, UTC, or an offset such as +09:00."
        }
    }

    /// Parses `UTC`/`Z`/`GMT`, an offset (`+09:00`, `-0530`, `+9`, `UTC+09:00`) or an IANA zone name
    /// (matched ignoring case, e.g. `asia/tokyo`).
    /// - Throws: ``UnknownZone`` naming the closest known zones.
    public static func parse(_ text: String) throws(UnknownZone) -> ReportTimeZone {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let upper = trimmed.uppercased()
        if ["UTC", "Z", "GMT", "ETC/UTC", "UTC0", "ZULU"].contains(upper) { return .utc }
        var offsetText = Substring(trimmed)
        if upper.hasPrefix("UTC") || upper.hasPrefix("GMT") { offsetText = offsetText.dropFirst(3) }
        if let seconds = offsetSeconds(offsetText) {
            if seconds == 0 { return .utc }
            return ReportTimeZone(rule: .fixed(seconds: seconds), name: "UTC" + formatOffset(seconds))
        }
        let known = TimeZone.knownTimeZoneIdentifiers
        if let match = known.first(where: { $0.caseInsensitiveCompare(trimmed) == .orderedSame }),
            let zone = TimeZone(identifier: match)
        {
            return ReportTimeZone(rule: .named(zone), name: match)
        }
        throw UnknownZone(text: text, suggestions: Suggestions.closest(to: trimmed, among: known))
    }

    /// `±HH[:MM]` or `±HHMM`, within ±18 hours; nil otherwise.
    private static func offsetSeconds(_ text: Substring) -> Int? {
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let hours: Int
        var minutes = 0
        switch digits.count {
        case 1, 2: hours = Int(digits) ?? 99
        case 4:
            hours = Int(digits.prefix(2)) ?? 99
            minutes = Int(digits.suffix(2)) ?? 99
        default: return nil
        }
        // A colon is only allowed as HH:MM.
        if text.contains(":"), !(text.dropFirst().count == 5 && text.dropFirst().dropFirst(2).first == ":") { return nil }
        guard hours <= 18, minutes < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    /// `+09:00`, `-05:30`.
    static func formatOffset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds) / 60
        return sign + String(format: "%02d:%02d", magnitude / 60, magnitude % 60)
    }

    /// Seconds east of UTC at the given instant.
    public func offsetSeconds(at time: Timestamp) -> Int {
        switch rule {
        case .fixed(let seconds): return seconds
        case .named(let zone):
            return zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(time.epochMilliseconds) / 1000))
        }
    }

    /// The name with its offset when that helps: `UTC`, `UTC+09:00`, `Asia/Tokyo (UTC+09:00)`;
    /// zones with daylight saving time show the offset at `time`.
    public func describe(at time: Timestamp?) -> String {
        guard case .named = rule else { return name }
        let offset = offsetSeconds(at: time ?? Timestamp(epochMilliseconds: 0))
        return "\(name) (UTC\(Self.formatOffset(offset)))"
    }

    /// The instant as the zone's wall clock, for Excel (which has no zones): the date whose UTC
    /// reading is the local time.
    public func wallClock(_ time: Timestamp) -> Timestamp {
        Timestamp(epochMilliseconds: time.epochMilliseconds + Int64(offsetSeconds(at: time)) * 1000)
    }

    /// ISO 8601 in the zone: `2026-11-15T11:51:36+09:00`; UTC keeps `Z`.
    public func iso8601(_ time: Timestamp) -> String {
        if isUTC { return time.iso8601 }
        let local = wallClock(time).iso8601
        return String(local.dropLast()) + Self.formatOffset(offsetSeconds(at: time))
    }

    /// Text that is a whole ISO 8601 date-time (`2026-05-21T04:37:55Z`) shown in the zone; any other
    /// text (and every text under UTC) unchanged.
    public func shift(_ text: String) -> String {
        guard !isUTC, Self.looksLikeDateTime(text), let time = Timestamp.parse(text) else { return text }
        return iso8601(time)
    }

    /// `YYYY-MM-DDTHH:MM…`: the shape of a date-time value, not a date or a number.
    static func looksLikeDateTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(16))
        guard bytes.count == 16 else { return false }
        func digit(_ index: Int) -> Bool { bytes[index] >= 0x30 && bytes[index] <= 0x39 }
        return (0..<4).allSatisfy(digit) && bytes[4] == 0x2D && digit(5) && digit(6) && bytes[7] == 0x2D && digit(8)
            && digit(9) && (bytes[10] == 0x54 || bytes[10] == 0x20) && digit(11) && digit(12) && bytes[13] == 0x3A
            && digit(14) && digit(15)
    }
}

/// "Did you mean" for names the user typed: the known names closest by edit distance (ignoring
/// case), or containing what was typed.
public enum Suggestions {
    /// Up to `limit` of `candidates` closest to `text`, best first; none when nothing is close.
    public static func closest(to text: String, among candidates: [String], limit: Int = 3) -> [String] {
        let typed = Array(text.lowercased())
        guard !typed.isEmpty else { return [] }
        var scored: [(String, Int)] = []
        for candidate in candidates {
            let lowered = candidate.lowercased()
            var score = distance(typed, Array(lowered))
            if lowered.contains(text.lowercased()) || (typed.count >= 4 && text.lowercased().contains(lowered)) {
                score = min(score, 1)
            }
            // Close means fewer edits than a third of the longer name (at least 2 allowed).
            if score <= max(2, max(typed.count, lowered.count) / 3) { scored.append((candidate, score)) }
        }
        scored.sort { ($0.1, $0.0) < ($1.1, $1.0) }
        return scored.prefix(limit).map(\.0)
    }

    /// Levenshtein distance (also the command-name suggestion's).
    package static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
