import InventoryModel
import SnapshotStore

/// Field-level comparison of two configuration items of one resource: changes reported by path
/// (`configuration.instanceType`, `tags.Name`, `configuration.securityGroups[groupId=sg-…]`),
/// lists matched by a natural key where their elements have one, by position otherwise;
/// relationship order is not a change.
struct ConfigurationDiff {
    let resourceType: String
    let noise: NoiseRules

    /// Element fields that identify list members, in preference order.
    static let naturalKeys = [
        "groupId", "key", "Key", "networkInterfaceId", "volumeId", "deviceName", "allocationId", "associationId",
        "attachmentId", "subnetId", "resourceId", "id", "Id", "arn", "Arn", "name", "Name",
    ]

    func fields(before: StoredResource, after: StoredResource) -> [Change.Field] {
        var fields: [Change.Field] = []
        func scalar(_ name: String, _ old: String?, _ new: String?) {
            guard old != new, !noise.ignores(typeName: resourceType, field: name) else { return }
            fields.append(.init(name: name, before: old, after: new))
        }
        scalar("resourceName", before.resourceName, after.resourceName)
        scalar("arn", before.arn, after.arn)
        // The API says "Not Applicable" where S3 files and notifications say null.
        scalar("availabilityZone", Self.zone(before.availabilityZone), Self.zone(after.availabilityZone))
        scalar("configurationStateId", before.configurationStateId, after.configurationStateId)
        scalar("configurationItemCaptureTime", before.captureTime, after.captureTime)
        scalar("configurationItemVersion", before.version, after.version)
        // Summaries (oversized notifications, select results) carry no content: comparing it
        // would invent changes.
        if before.payloadIncluded, after.payloadIncluded, !before.contentInInventory, !after.contentInInventory {
            compare(path: "configuration", parse(before.configuration), parse(after.configuration), into: &fields)
            compare(path: "supplementaryConfiguration", parse(before.supplementaryConfiguration),
                    parse(after.supplementaryConfiguration), into: &fields)
            compare(path: "tags", parse(before.tags), parse(after.tags), into: &fields)
            if before.relationships != after.relationships {
                compare(path: "relationships", parse(before.relationships), parse(after.relationships), into: &fields)
            }
        }
        return fields
    }

    static func zone(_ text: String?) -> String? {
        guard let text, !text.isEmpty, text != "Not Applicable" else { return nil }
        return text
    }

    private func parse(_ text: String?) -> JSONValue? {
        guard let text else { return nil }
        return try? JSONParser.parse(Array(text.utf8))
    }

    private func render(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        return value.scalarText ?? (value.isNull ? "null" : value.canonicalJSON())
    }

    private func compare(path: String, _ old: JSONValue?, _ new: JSONValue?, into fields: inout [Change.Field]) {
        if noise.ignores(typeName: resourceType, field: path) { return }
        switch (old, new) {
        case (nil, nil):
            return
        case (.object(let a)?, .object(let b)?):
            var seen = Set<String>()
            for member in a.members where seen.insert(member.key).inserted {
                compare(path: path + "." + member.key, member.value, b[member.key], into: &fields)
            }
            for member in b.members where seen.insert(member.key).inserted {
                compare(path: path + "." + member.key, nil, member.value, into: &fields)
            }
        case (.array(let a)?, .array(let b)?):
            compareLists(path: path, a, b, into: &fields)
        default:
            if let old, let new, numericallyEqual(old, new) { return }
            if old == new { return }
            fields.append(.init(name: path, before: render(old), after: render(new)))
        }
    }

    /// `16` and `16.0` are the same EC2 state code.
    private func numericallyEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
        guard case .number(let x) = a, case .number(let y) = b, let dx = Double(x), let dy = Double(y) else { return false }
        return dx == dy
    }

    private func compareLists(path: String, _ a: [JSONValue], _ b: [JSONValue], into fields: inout [Change.Field]) {
        if let key = sharedKey(a, b) {
            var byKey: [String: JSONValue] = [:]
            for element in b { if let id = element.objectValue?[key]?.scalarText { byKey[id] = element } }
            var seen = Set<String>()
            for element in a {
                guard let id = element.objectValue?[key]?.scalarText else { continue }
                seen.insert(id)
                compare(path: "\(path)[\(key)=\(id)]", element, byKey[id], into: &fields)
            }
            for element in b {
                guard let id = element.objectValue?[key]?.scalarText, !seen.contains(id) else { continue }
                compare(path: "\(path)[\(key)=\(id)]", nil, element, into: &fields)
            }
            return
        }
        if a.allSatisfy({ $0.objectValue == nil && $0.arrayValue == nil }),
            b.allSatisfy({ $0.objectValue == nil && $0.arrayValue == nil })
        {
            // Lists of scalars: compare as sets; order alone is not a change.
            let before = a.map { render($0) ?? "" }
            let after = b.map { render($0) ?? "" }
            if before.sorted() != after.sorted() {
                fields.append(.init(name: path, before: JSONValue.array(a).canonicalJSON(), after: JSONValue.array(b).canonicalJSON()))
            }
            return
        }
        for index in 0..<max(a.count, b.count) {
            compare(path: "\(path)[\(index)]", index < a.count ? a[index] : nil, index < b.count ? b[index] : nil, into: &fields)
        }
    }

    /// A natural key unique within each side separately (a + b repeats every kept element).
    private func sharedKey(_ a: [JSONValue], _ b: [JSONValue]) -> String? {
        for key in Self.naturalKeys {
            func unique(_ list: [JSONValue]) -> Bool {
                var values = Set<String>()
                for element in list {
                    guard let value = element.objectValue?[key]?.scalarText, values.insert(value).inserted else { return false }
                }
                return true
            }
            if !(a.isEmpty && b.isEmpty), unique(a), unique(b) { return key }
        }
        return nil
    }
}
