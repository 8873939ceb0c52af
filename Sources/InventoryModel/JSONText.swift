/// JSON documents embedded in JSON strings: the Config API's `configuration`, select `Results`,
/// rule `invokingEvent`, SNS `Message`.
public enum JSONText {
    /// If `value` is a string whose first non-blank character is `{` or `[` and which parses,
    /// returns the parsed value (again, while `repeatedly` and the result is still such a string);
    /// otherwise returns `value` unchanged. Plain strings like `"123"` or `"true"` are never decoded.
    public static func decodeEmbedded(_ value: JSONValue, repeatedly: Bool) -> JSONValue {
        var current = value
        var rounds = 0
        while case .string(let text) = current, rounds < 4 {
            guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }),
                first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
            else { break }
            guard let parsed = try? JSONParser.parse(Array(text.utf8)) else { break }
            current = parsed
            rounds += 1
            if !repeatedly { break }
        }
        return current
    }

    /// Parses a string that must hold a JSON object or array (select `Results`, SNS `Message`).
    /// Throws the parser's error; a non-string value is returned unchanged.
    public static func parseEmbedded(_ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        guard case .string(let text) = value else { return value }
        var result = try JSONParser.parse(Array(text.utf8))
        if case .string = result { result = decodeEmbedded(result, repeatedly: true) }
        return result
    }
}
