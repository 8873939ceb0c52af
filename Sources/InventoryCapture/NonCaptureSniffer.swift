import InventoryModel

/// Names files that are not captures, by content: an Athena or console CSV export, XML, YAML,
/// Parquet or a zip archive beside the captures should be refused with what it is, not with
/// "malformed JSON at 1:13".
public enum NonCaptureSniffer {
    /// What the raw file bytes are when they are a binary container (zip, Parquet); nil otherwise.
    /// Checked before gunzip and text decoding, which would misread them.
    public static func binaryKind(_ bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(4))
        guard head.count == 4 else { return nil }
        if head[0] == 0x50, head[1] == 0x4B, [0x03, 0x05, 0x07].contains(head[2]), head[3] == head[2] + 1 {
            return "a zip archive (unpack it and ingest the JSON inside)"
        }
        if head == Array("PAR1".utf8) {
            return "a Parquet file (Athena/Glue output), not a capture; ingest the JSON the sync or Config wrote"
        }
        return nil
    }

    /// What decoded text is when it is clearly not JSON: XML, YAML or a CSV with a header row; nil
    /// when the text starts like JSON or is not recognisable (the JSON parser then reports it).
    public static func textKind(_ bytes: [UInt8]) -> String? {
        var start = 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count else { return nil }
        let lead = bytes[start]
        if lead == UInt8(ascii: "{") || lead == UInt8(ascii: "[") { return nil }
        // Only the first few lines are looked at: enough to tell, and cheap on a large file.
        let window = bytes[start..<min(bytes.count, start + 4096)]
        let text = String(decoding: window, as: UTF8.self)
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { trimmed($0) }
        guard let first = lines.first else { return nil }
        // A quoted first field is a CSV header (`"instanceid","name"`) or a JSON string document.
        if lead == UInt8(ascii: "\""), csvHeader(first) == nil { return nil }
        if first.hasPrefix("<?xml") || (first.hasPrefix("<") && first.dropFirst().first.map { $0.isLetter || $0 == "!" } == true) {
            return "an XML document, not a capture; inventory reads JSON"
        }
        if first == "---" || first.hasPrefix("--- ") || first.hasPrefix("%YAML") {
            return "a YAML document, not a capture; inventory reads JSON"
        }
        if let header = csvHeader(first) {
            let shown = header.prefix(4).joined(separator: ", ") + (header.count > 4 ? ", …" : "")
            return "a CSV file (header: \(shown)), such as an Athena or console export, not a capture; export JSON instead"
        }
        let content = lines.filter { !$0.hasPrefix("#") }
        if let line = content.first, isYAMLMapping(line) {
            return "a YAML document, not a capture; inventory reads JSON"
        }
        return nil
    }

    /// The names of a CSV header row: at least two comma- (or tab-) separated names, quoted or not.
    static func csvHeader(_ line: String) -> [String]? {
        let separator: Character = line.contains(",") ? "," : "\t"
        let fields = line.split(separator: separator, omittingEmptySubsequences: false).map { field -> String in
            var name = trimmed(field)
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
            return name
        }
        guard fields.count >= 2 else { return nil }
        for name in fields {
            guard let first = name.first, first.isLetter || first == "_",
                name.allSatisfy({ $0.isLetter || $0.isNumber || " _-.:/()#".contains($0) })
            else { return nil }
        }
        return fields
    }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// `key: value` or `key:` with a plain key, as YAML's first mapping line.
    static func isYAMLMapping(_ line: String) -> Bool {
        guard let colon = line.firstIndex(of: ":") else { return false }
        let key = line[..<colon]
        let rest = line[line.index(after: colon)...]
        guard let first = key.first, first.isLetter || first == "_", key.allSatisfy({ $0.isLetter || $0.isNumber || "_-. ".contains($0) })
        else { return false }
        return rest.isEmpty || rest.first == " "
    }
}
