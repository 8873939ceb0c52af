/// Turns an inventory `Content` of any shape into rows: an array of objects, a single object
/// (custom inventory), a map keyed by id or name (Config's ManagedInstanceInventory), a map whose
/// values are arrays (several versions of one package), or a map of maps (compliance items).
public enum ContentRows {
    /// Rows of `content`; `skipped` counts elements that were not objects.
    public static func rows(of content: JSONValue) -> (rows: [InventoryRow], skipped: Int) {
        var rows: [InventoryRow] = []
        let skipped = forEachRow(of: content) { object, mapKey in
            rows.append(InventoryRow(attributes: attributes(of: object), mapKey: mapKey))
        }
        return (rows, skipped)
    }

    /// Calls `body` with the object and map key of each row `rows(of:)` gives, in the same order;
    /// returns how many elements were skipped.
    public static func forEachRow(of content: JSONValue, _ body: (JSONObject, String?) -> Void) -> Int {
        var skipped = 0
        collect(content, mapKey: nil, depth: 0, body: body, skipped: &skipped)
        return skipped
    }

    /// A row's attributes: scalars as their text, nested values as compact JSON, nulls dropped.
    public static func attributes(of object: JSONObject, dropping dropped: Set<String> = []) -> [String: String] {
        var attributes: [String: String] = [:]
        attributes.reserveCapacity(object.count)
        for member in object.members {
            if !dropped.isEmpty, dropped.contains(member.key.lowercased()) { continue }
            switch member.value {
            case .null: continue
            case .array, .object: attributes[member.key] = member.value.compactJSON()
            default: attributes[member.key] = member.value.scalarText ?? ""
            }
        }
        return attributes
    }

    /// Whether the rows of `content` give it back exactly (up to list order): an array of
    /// objects, or a non-empty map of such objects and lists of two or more, every value a
    /// string and no key repeated. Numbers, booleans and nulls read back as strings or not at
    /// all; nested maps come back flattened; a one-element list comes back as its element.
    public static func isLosslessShape(_ content: JSONValue) -> Bool {
        func isRow(_ value: JSONValue) -> Bool {
            guard case .object(let object) = value else { return false }
            let members = object.members
            for member in members { guard case .string = member.value else { return false } }
            // Rows have a handful of members: comparing pairs beats hashing every key.
            if members.count <= 24 {
                for index in members.indices {
                    for earlier in 0..<index where members[earlier].key == members[index].key { return false }
                }
                return true
            }
            return Set(members.map(\.key)).count == members.count
        }
        switch content {
        case .array(let elements):
            return elements.allSatisfy(isRow)
        case .object(let map):
            guard !map.isEmpty else { return false }
            var seen = Set<String>()
            for member in map.members {
                guard seen.insert(member.key).inserted else { return false }
                switch member.value {
                case .object: guard isRow(member.value) else { return false }
                case .array(let list): guard list.count >= 2, list.allSatisfy(isRow) else { return false }
                default: return false
                }
            }
            return true
        default:
            return false
        }
    }

    private static func isFlat(_ object: JSONObject) -> Bool {
        object.members.allSatisfy { member in
            switch member.value {
            case .object, .array: return false
            default: return true
            }
        }
    }

    private static func collect(
        _ value: JSONValue, mapKey: String?, depth: Int, body: (JSONObject, String?) -> Void, skipped: inout Int
    ) {
        switch value {
        case .array(let elements):
            for element in elements {
                if let object = element.objectValue, isFlat(object) || depth >= 3 {
                    body(object, mapKey)
                } else if element.objectValue != nil || element.arrayValue != nil, depth < 3 {
                    collect(element, mapKey: mapKey, depth: depth + 1, body: body, skipped: &skipped)
                } else {
                    skipped += 1
                }
            }
        case .object(let object):
            if object.isEmpty { return }
            if isFlat(object) || depth >= 3 {
                // A single object of scalars is one row (custom inventory with `Content: {…}`).
                body(object, mapKey)
                return
            }
            for member in object.members {
                let key = mapKey.map { "\($0)/\(member.key)" } ?? member.key
                switch member.value {
                case .object(let inner) where isFlat(inner):
                    body(inner, key)
                case .object, .array:
                    collect(member.value, mapKey: key, depth: depth + 1, body: body, skipped: &skipped)
                default:
                    skipped += 1
                }
            }
        default:
            skipped += 1
        }
    }
}
