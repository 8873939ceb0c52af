/// Where a string ends up decides which characters are safe: libxlsxwriter escapes C0 control
/// characters only in cell text, and writes every other string raw into XML.
enum TextContext {
    /// Cell text: control characters are escaped by the library as `_xHHHH_`.
    case cell
    /// Element or attribute text the library writes raw (properties, titles, formats, URLs).
    case markup
    /// Worksheet names: Excel allows no control characters at all.
    case name
}

/// Why `text` cannot be handed to libxlsxwriter in `context`, or `nil` if it can.
///
/// Swift strings are always valid Unicode, so invalid UTF-8 and lone surrogates cannot occur; what
/// remains is NUL (C strings stop there, silently cutting the value) and characters that XML 1.0
/// forbids but the library does not escape (U+FFFE, U+FFFF, and raw controls outside cells).
func textProblem(_ text: String, _ context: TextContext) -> String? {
    var previous2: UInt8 = 0
    var previous1: UInt8 = 0
    var offset = 0
    for byte in text.utf8 {
        if byte == 0 {
            return "contains U+0000 (NUL) at UTF-8 offset \(offset); C strings would cut it short"
        }
        if byte < 0x20 {
            switch context {
            case .cell:
                break
            case .markup:
                if byte != 0x09 && byte != 0x0A && byte != 0x0D {
                    return
                        "contains control character U+00\(hex2(byte)) at UTF-8 offset \(offset), which XML forbids here"
                }
            case .name:
                return "contains control character U+00\(hex2(byte)) at UTF-8 offset \(offset)"
            }
        }
        // U+FFFE and U+FFFF are EF BF BE / EF BF BF in UTF-8.
        if previous2 == 0xEF && previous1 == 0xBF && (byte == 0xBE || byte == 0xBF) {
            return "contains U+\(byte == 0xBE ? "FFFE" : "FFFF") at UTF-8 offset \(offset - 2), which XML forbids"
        }
        previous2 = previous1
        previous1 = byte
        offset += 1
    }
    return nil
}

private func hex2(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}

/// Excel decodes `_xHHHH_` in cell text as the character U+HHHH, and libxlsxwriter 1.1.4 passes such
/// text through verbatim, so `"lit_x0041_end"` would display as `"litAend"`. Escaping the leading
/// underscore as `_x005F_` makes Excel show the original text.
func escapeXStringLookalikes(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
    let bytes = Array(text.utf8)
    guard bytes.count >= 7 else { return text }
    var output: [UInt8] = []
    var index = 0
    var changed = false
    while index < bytes.count {
        if isXStringEscape(bytes, at: index) {
            if !changed {
                output.reserveCapacity(bytes.count + 14)
                output.append(contentsOf: bytes[0..<index])
                changed = true
            }
            output.append(contentsOf: Array("_x005F_".utf8))
        } else if changed {
            output.append(bytes[index])
        }
        index += 1
    }
    return changed ? String(decoding: output, as: UTF8.self) : text
}

/// The UTF-16 length `text` has once ``Worksheet/writeString(row:column:_:format:)`` has escaped its
/// `_xHHHH_` look-alikes (6 more units each): what must stay within ``XlsxLimits/maxCellUTF16``.
public func escapedCellTextLength(_ text: String) -> Int {
    let length = text.utf16.count
    guard text.utf8.contains(UInt8(ascii: "_")) else { return length }
    let bytes = Array(text.utf8)
    var extra = 0
    var index = 0
    while index < bytes.count {
        if isXStringEscape(bytes, at: index) {
            extra += 6
            index += 6
        } else {
            index += 1
        }
    }
    return length + extra
}

private func isXStringEscape(_ bytes: [UInt8], at start: Int) -> Bool {
    guard start + 6 < bytes.count,
        bytes[start] == UInt8(ascii: "_"),
        bytes[start + 1] == UInt8(ascii: "x"),
        bytes[start + 6] == UInt8(ascii: "_")
    else { return false }
    for offset in 2...5 {
        let byte = bytes[start + offset]
        let isHex =
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
        if !isHex { return false }
    }
    return true
}

/// UTF-16 length without walking the string when the UTF-8 length already proves it is short
/// (every UTF-16 unit needs at least one UTF-8 byte).
func utf16LengthExceeds(_ text: String, _ limit: Int) -> Bool {
    text.utf8.count > limit && text.utf16.count > limit
}
