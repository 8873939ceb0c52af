/// Text from captured data made safe to print on a terminal: control characters (ESC, BEL, CR,
/// NUL, DEL, the C1 range with CSI and OSC, and newlines inside values) become visible escapes,
/// so a value cannot move the cursor, set a window title or forge an output line. Used for diff
/// text, error and warning lines, and CSV cells.
public enum TerminalText {
    /// `text` with every control character but tab escaped: `\n`, `\r`, `\x1b`, `\x7f`, `\u009b`,
    /// and bidirectional overrides as `\u202e`.
    public static func escaped(_ text: String) -> String {
        guard needsEscaping(text, keepingNewlines: false) else { return text }
        return escape(text, keepingNewlines: false)
    }

    /// `escaped` for text whose own line breaks are real (a multi-line error): `\n` is kept,
    /// everything else is escaped.
    public static func escapedLines(_ text: String) -> String {
        guard needsEscaping(text, keepingNewlines: true) else { return text }
        return escape(text, keepingNewlines: true)
    }

    private static func isControl(_ value: UInt32, keepingNewlines: Bool) -> Bool {
        if value == 0x09 || (keepingNewlines && value == 0x0A) { return false }
        // Bidirectional overrides and isolates reorder what follows them ("Trojan Source").
        return value < 0x20 || (value >= 0x7F && value <= 0x9F) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }

    private static func needsEscaping(_ text: String, keepingNewlines: Bool) -> Bool {
        text.unicodeScalars.contains { isControl($0.value, keepingNewlines: keepingNewlines) }
    }

    private static func escape(_ text: String, keepingNewlines: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            guard isControl(value, keepingNewlines: keepingNewlines) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch value {
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x00..<0x80:
                result += "\\x" + (value < 0x10 ? "0" : "") + String(value, radix: 16)
            case 0x80...0x9F:
                result += "\\u00" + String(value, radix: 16)
            default:
                result += "\\u" + String(value, radix: 16)
            }
        }
        return result
    }
}
