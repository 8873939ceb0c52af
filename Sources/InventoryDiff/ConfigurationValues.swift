import InventoryModel

/// Puts a configuration item's values into one comparable form before the diff looks at them,
/// so that what AWS re-encodes or re-orders is not reported as a change:
///
/// - JSON held in strings (S3 `BucketPolicy.policyText`, SNS/SQS `Policy`, KMS key policies) and
///   URL-encoded JSON (IAM `assumeRolePolicyDocument`, `policyDocument`, `document`) is decoded;
/// - a policy document's single `Statement` object becomes a one-element list, and a statement's
///   `Action`, `Resource`, principal and condition values that are one string become a
///   one-element list (IAM treats both spellings the same);
/// - lists of `{key, value}` objects at tag-map paths become objects from key to value.
enum ConfigurationValues {
    /// `value` decoded and normalised; `shape` is its path with `[]` for list elements.
    static func normalise(_ value: JSONValue, shape: String, rules: DiffRules.Lookup) -> JSONValue {
        switch value {
        case .string(let text):
            guard let decoded = decodedDocument(text) else { return value }
            return normalise(decoded, shape: shape, rules: rules)
        case .array(let elements):
            let normalised = elements.map { normalise($0, shape: shape + "[]", rules: rules) }
            if rules.rule(for: shape)?.identity == .tagMap, let map = tagMap(normalised) { return .object(map) }
            return .array(normalised)
        case .object(let object):
            var members: [JSONObject.Member] = []
            members.reserveCapacity(object.count)
            for member in object.members {
                members.append(.init(key: member.key, value: normalise(member.value, shape: shape + "." + member.key, rules: rules)))
            }
            let result = JSONObject(members: members)
            return .object(isPolicyDocument(result) ? policyDocument(result) : result)
        case .null, .bool, .number:
            return value
        }
    }

    // MARK: Strings holding documents

    /// The JSON object or array a string holds, raw (`{"Version":…}`) or URL-encoded
    /// (`%7B%22Version%22…`); nil for any other string.
    static func decodedDocument(_ text: String) -> JSONValue? {
        guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return nil }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return container(text)
        }
        guard first == UInt8(ascii: "%") else { return nil }
        let trimmed = text.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }.uppercased()
        guard trimmed.hasPrefix("%7B") || trimmed.hasPrefix("%5B") else { return nil }
        // IAM encodes per RFC 3986 (%20); some re-encoders write form encoding (+ for space).
        if let plain = percentDecoded(text, plusIsSpace: false), let value = container(plain) { return value }
        if text.contains("+"), let plain = percentDecoded(text, plusIsSpace: true), let value = container(plain) { return value }
        return nil
    }

    private static func container(_ text: String) -> JSONValue? {
        guard let value = try? JSONParser.parse(Array(text.utf8)) else { return nil }
        switch value {
        case .object, .array: return value
        default: return nil
        }
    }

    /// `%XX` sequences as UTF-8 bytes; nil for a malformed escape or invalid UTF-8.
    static func percentDecoded(_ text: String, plusIsSpace: Bool) -> String? {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) else { return nil }
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(plusIsSpace && byte == UInt8(ascii: "+") ? 0x20 : byte)
                index += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    // MARK: Policy documents

    private static func isPolicyDocument(_ object: JSONObject) -> Bool {
        guard let statement = object["Statement"] else { return false }
        switch statement {
        case .object, .array:
            return object["Version"] != nil || (statement.objectValue ?? statement.arrayValue?.first?.objectValue)?["Effect"] != nil
        default: return false
        }
    }

    /// IAM accepts one statement as an object and one action or resource as a string; both
    /// spellings mean the same, so they are compared as lists.
    private static func policyDocument(_ document: JSONObject) -> JSONObject {
        var members = document.members
        for index in members.indices where members[index].key == "Statement" {
            let statements = members[index].value.objectValue.map { [JSONValue.object($0)] } ?? members[index].value.arrayValue ?? []
            members[index].value = .array(statements.map { $0.objectValue.map { .object(statement($0)) } ?? $0 })
        }
        return JSONObject(members: members)
    }

    private static let listMembers: Set<String> = ["Action", "NotAction", "Resource", "NotResource"]

    private static func statement(_ object: JSONObject) -> JSONObject {
        var members = object.members
        for index in members.indices {
            let key = members[index].key
            if listMembers.contains(key) {
                members[index].value = asList(members[index].value)
            } else if key == "Principal" || key == "NotPrincipal", let principal = members[index].value.objectValue {
                members[index].value = .object(JSONObject(members: principal.members.map { .init(key: $0.key, value: asList($0.value)) }))
            } else if key == "Condition", let condition = members[index].value.objectValue {
                members[index].value = .object(
                    JSONObject(
                        members: condition.members.map { op in
                            guard let tests = op.value.objectValue else { return op }
                            return .init(
                                key: op.key,
                                value: .object(JSONObject(members: tests.members.map { .init(key: $0.key, value: asList($0.value)) })))
                        }))
            }
        }
        return JSONObject(members: members)
    }

    private static func asList(_ value: JSONValue) -> JSONValue {
        if case .array = value { return value }
        return .array([value])
    }

    // MARK: Tags

    /// `[{key, value}, …]` (any case of `key`/`value`) as `{key: value}`; nil when an element has
    /// other members or a key repeats (then the list stays a list).
    private static func tagMap(_ elements: [JSONValue]) -> JSONObject? {
        var members: [JSONObject.Member] = []
        var seen = Set<String>()
        for element in elements {
            guard let tag = element.objectValue, tag.count <= 2,
                let key = tag.value(forKeyIgnoringCase: "key")?.scalarText, seen.insert(key).inserted
            else { return nil }
            let value = tag.value(forKeyIgnoringCase: "value") ?? .string("")
            if tag.count == 2, tag.value(forKeyIgnoringCase: "value") == nil { return nil }
            members.append(.init(key: key, value: value))
        }
        return JSONObject(members: members)
    }

    // MARK: Comparable text

    /// A number in one spelling: `16`, `16.0` and `1.6e1` are one EC2 state code.
    static func numberText(_ lexeme: String) -> String {
        guard let number = Double(lexeme), number.isFinite else { return lexeme }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// Text equal for equal values whatever the order of their unordered lists and object
    /// members; ordered lists (per `rules`) keep their order.
    static func fingerprint(_ value: JSONValue, shape: String, rules: DiffRules.Lookup) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let lexeme): return "n:" + numberText(lexeme)
        // Length-prefixed, so no text can pass for list or member punctuation.
        case .string(let text): return "s\(text.utf8.count):" + text
        case .array(let elements):
            var parts = elements.map { fingerprint($0, shape: shape + "[]", rules: rules) }
            if rules.rule(for: shape)?.identity != .ordered { parts.sort() }
            return "[" + parts.joined(separator: ",") + "]"
        case .object(let object):
            var parts: [String] = []
            parts.reserveCapacity(object.count)
            var seen = Set<String>()
            for member in object.members where seen.insert(member.key).inserted {
                parts.append(
                    "\(member.key.utf8.count):" + member.key + "="
                        + fingerprint(member.value, shape: shape + "." + member.key, rules: rules))
            }
            parts.sort()
            return "{" + parts.joined(separator: ",") + "}"
        }
    }
}
