import Foundation
import InventoryModel

/// How progress and warning lines are written on stderr: as they are (a terminal), prefixed with
/// the UTC time (a log file, e.g. cron's), or one JSON object per line (`--log-format json`).
public enum LogLine: Sendable {
    /// The message as it is (a terminal).
    case plain
    /// `2026-11-29T03:30:12Z message` (a log file).
    case timestamped
    /// `{"time":"…","level":"warning","message":"…"}`.
    case json

    /// The style for a run: JSON when asked, else plain on a terminal and timestamped elsewhere.
    public static func style(json: Bool, stderrIsTerminal: Bool) -> LogLine {
        json ? .json : (stderrIsTerminal ? .plain : .timestamped)
    }

    /// One line (without its newline) for `message` at `level` (`warning`, `info`, …) at `time`.
    public func format(_ message: String, level: String, time: Date) -> String {
        switch self {
        case .plain:
            return message
        case .timestamped:
            return "\(Self.iso8601(time)) \(message)"
        case .json:
            return "{\"time\":\(Self.quoted(Self.iso8601(time))),\"level\":\(Self.quoted(level)),\"message\":\(Self.quoted(message))}"
        }
    }

    /// `2026-11-15T02:51:36Z`: UTC, whole seconds.
    public static func iso8601(_ time: Date) -> String {
        Timestamp(epochMilliseconds: Int64((time.timeIntervalSince1970).rounded(.down)) * 1000).iso8601
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
