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
