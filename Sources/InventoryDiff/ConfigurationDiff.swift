import InventoryModel
import SnapshotStore

/// Field-level comparison of two configuration items of one resource. Changes are reported by
/// path (`configuration.instanceType`, `tags.Name`, `configuration.securityGroups[groupId=sg-…]`,
/// `configuration.ipPermissions[tcp 443].ipRanges`), at the element that changed:
///
/// - values are decoded first (`ConfigurationValues`): JSON in strings and URL-encoded policies;
/// - lists are multisets unless `DiffRules` says order matters: identical elements match
///   wherever they stand; the rest pair by the rule's key or a natural key, or by clear
///   similarity, and what is left is an element added or removed;
/// - partial items (advanced-query results) are compared only on the properties both carry;
/// - one fact is one field: a tag recorded in `tags` and `configuration.tags`, or a resource
///   associated in several places (`securityGroups`, each interface's `groups`,
///   `relationships`), is reported once with a note naming the other places.
struct ConfigurationDiff {
    let resourceType: String
    let noise: NoiseRules
    let rules: DiffRules.Lookup

    init(resourceType: String, noise: NoiseRules) {
        self.resourceType = resourceType
        self.noise = noise
        rules = DiffRules.Lookup(resourceType: resourceType)
    }

    /// Element fields that identify list members when no rule names a key, in preference order.
    static let naturalKeys = [
        "groupId", "key", "Key", "networkInterfaceId", "volumeId", "deviceName", "allocationId", "associationId",
        "attachmentId", "subnetId", "resourceId", "id", "Id", "arn", "Arn", "name", "Name",
    ]

    /// What comparing two items found.
    struct Outcome {
        var fields: [Change.Field]
        /// Set when one side is a partial item: which side lacks properties, and a note saying so.
        var partial: (targetLacks: Bool, note: String)?
    }

    func compare(before: StoredResource, after: StoredResource) -> Outcome {
        var run = Run(diff: self, selection: Selection(base: before.selectedProperties, target: after.selectedProperties))
        run.scalar("resourceName", before.resourceName, after.resourceName)
        run.scalar("arn", before.arn, after.arn)
        // The API says "Not Applicable" where S3 files and notifications say null.
        run.scalar("availabilityZone", Self.zone(before.availabilityZone), Self.zone(after.availabilityZone))
        run.scalar("configurationStateId", before.configurationStateId, after.configurationStateId)
        run.scalar("configurationItemCaptureTime", before.captureTime, after.captureTime)
        run.scalar("configurationItemVersion", before.version, after.version)
        // Summaries (oversized notifications, select results of inventory items) carry no
        // content: comparing it would invent changes.
        if before.payloadIncluded, after.payloadIncluded, !before.contentInInventory, !after.contentInInventory {
            run.document("configuration", before.configuration, after.configuration)
            run.document("supplementaryConfiguration", before.supplementaryConfiguration, after.supplementaryConfiguration)
            run.document("tags", before.tags, after.tags)
            if before.relationships != after.relationships {
                run.document("relationships", before.relationships, after.relationships)
            }
        }
        return Outcome(fields: run.fields(), partial: run.selection.note())
    }

    /// `compare` for two items with the same stored content (`StoredResource.contentId`): only
    /// what is kept per snapshot can differ, so the documents are not parsed.
    func compareSameContent(before: StoredResource, after: StoredResource) -> Outcome {
        var run = Run(diff: self, selection: Selection(base: before.selectedProperties, target: after.selectedProperties))
        run.scalar("configurationStateId", before.configurationStateId, after.configurationStateId)
        run.scalar("configurationItemCaptureTime", before.captureTime, after.captureTime)
        return Outcome(fields: run.fields(), partial: run.selection.note())
    }

    static func zone(_ text: String?) -> String? {
        guard let text, !text.isEmpty, text != "Not Applicable" else { return nil }
        return text
    }
}

// MARK: - Partial items

/// The properties both items carry. A whole item carries everything; an advanced-query result
/// carries its selected paths (`configuration.instanceType`, `tags`).
struct Selection {
    let base: [String]?
    let target: [String]?

    enum Coverage: Int, Comparable {
        /// Neither this property nor anything under it is carried by both.
        case none
        /// Some properties under this path are carried, not all.
        case part
        /// This property and everything under it.
        case whole

        static func < (a: Coverage, b: Coverage) -> Bool { a.rawValue < b.rawValue }
    }

    /// How much of the property at `path` (dotted, no list markers) both sides carry.
    func covers(_ path: String) -> Coverage {
        min(Self.covers(path, base), Self.covers(path, target))
    }

    private static func covers(_ path: String, _ selected: [String]?) -> Coverage {
        guard let selected else { return .whole }
        var result = Coverage.none
        for property in selected {
            if path == property || path.hasPrefix(property + ".") { return .whole }
            if property.hasPrefix(path + ".") { result = .part }
        }
        return result
    }

    /// When one side is partial: whether the target is the side lacking properties, and the note.
    func note() -> (targetLacks: Bool, note: String)? {
        func lacks(_ side: [String]?, comparedTo other: [String]?) -> Bool {
            guard let side else { return false }
            guard let other else { return true }
            return other.contains { Self.covers($0, side) != .whole }
        }
        func list(_ paths: [String]) -> String {
            let shown = paths.prefix(6).joined(separator: ", ")
            return paths.count > 6 ? shown + ", … (\(paths.count) in all)" : shown
        }
        if lacks(target, comparedTo: base), let target {
            return (true, "target is an advanced-query (select) result carrying only \(list(target)); other properties were not compared")
        }
        if lacks(base, comparedTo: target), let base {
            return (false, "base is an advanced-query (select) result carrying only \(list(base)); other properties were not compared")
        }
        return nil
    }
}

// MARK: - One comparison

/// Where a value is: the path shown to people (`configuration.ipPermissions[tcp 443].ipRanges`),
/// the shape rules match (`configuration.ipPermissions[].ipRanges`) and the property path
/// selections and noise rules use (`configuration.ipPermissions.ipRanges`).
private struct Location {
    var display: String
    var shape: String
    var property: String
    /// The tag key when the value is one tag of a tag map (`tags.Name`, `configuration.tags.Name`).
    var tagKey: String?

    init(_ name: String) {
        display = name
        shape = name
        property = name
    }

    func member(_ key: String, isTag: Bool = false) -> Location {
        var next = self
        next.display += "." + key
        next.shape += "." + key
        next.property += "." + key
        next.tagKey = isTag ? key : nil
        return next
    }

    func element(_ label: String?) -> Location {
        var next = self
        if let label { next.display += "[\(label)]" }
        next.shape += "[]"
        next.tagKey = nil
        return next
    }
}

/// One difference before it becomes a `Change.Field`.
private struct Finding {
    var location: Location
    var before: JSONValue?
    var after: JSONValue?
    var element: Change.ElementChange?
    /// For an element: the list's own location (for "also in" notes).
    var list: Location?
    /// For an element: the AWS resource it stands for (`sg-…`, `vol-…`), to merge the places one
    /// association is recorded in.
    var reference: String?
    var alsoIn: [String] = []
}

private struct Run {
    let diff: ConfigurationDiff
    let selection: Selection
    var findings: [Finding] = []

    init(diff: ConfigurationDiff, selection: Selection) {
        self.diff = diff
        self.selection = selection
    }

    private var rules: DiffRules.Lookup { diff.rules }

    private func ignored(_ location: Location) -> Bool {
        diff.noise.ignores(typeName: diff.resourceType, field: location.display)
            || (location.property != location.display && diff.noise.ignores(typeName: diff.resourceType, field: location.property))
    }

    mutating func scalar(_ name: String, _ old: String?, _ new: String?) {
        let location = Location(name)
        guard old != new, !ignored(location), selection.covers(name) == .whole else { return }
        findings.append(Finding(location: location, before: old.map(JSONValue.string), after: new.map(JSONValue.string)))
    }

    mutating func document(_ name: String, _ old: String?, _ new: String?) {
        // Both are canonical JSON (sorted keys): equal text, nothing to look for.
        if old == new { return }
        let location = Location(name)
        let before = parse(old, location)
        let after = parse(new, location)
        // Reordered but equal documents (the common case) cost one pass, not a pairing per list.
        if let before, let after, fingerprint(before, location.shape) == fingerprint(after, location.shape) { return }
        compare(location, before, after)
    }

    private func parse(_ text: String?, _ location: Location) -> JSONValue? {
        guard let text, let value = try? JSONParser.parse(Array(text.utf8)) else { return nil }
        return ConfigurationValues.normalise(value, shape: location.shape, rules: rules)
    }

    private func fingerprint(_ value: JSONValue, _ shape: String) -> String {
        ConfigurationValues.fingerprint(value, shape: shape, rules: rules)
    }

    private mutating func compare(_ location: Location, _ old: JSONValue?, _ new: JSONValue?) {
        if ignored(location) { return }
        let coverage = selection.covers(location.property)
        if coverage == .none { return }
        switch (old, new) {
        case (nil, nil):
            return
        case (.object(let a)?, .object(let b)?):
            let isTagMap = rules.rule(for: location.shape)?.identity == .tagMap
            var seen = Set<String>()
            for member in a.members where seen.insert(member.key).inserted {
                compare(location.member(member.key, isTag: isTagMap), member.value, b[member.key])
            }
            for member in b.members where seen.insert(member.key).inserted {
                compare(location.member(member.key, isTag: isTagMap), nil, member.value)
            }
        case (.array(let a)?, .array(let b)?) where coverage == .whole:
            compareLists(location, a, b)
        // An absent list holds the same facts as an empty one (AWS leaves empty lists out in
        // some outputs): what the other side holds is elements added or removed.
        case (nil, .array(let b)?) where coverage == .whole:
            compareLists(location, [], b)
        case (.array(let a)?, nil) where coverage == .whole:
            compareLists(location, a, [])
        default:
            // A selection that goes deeper than this value: what it holds is not all carried.
            if coverage != .whole { return }
            if let old, let new, fingerprint(old, location.shape) == fingerprint(new, location.shape) { return }
            findings.append(Finding(location: location, before: old, after: new))
        }
    }

    // MARK: Lists

    private mutating func compareLists(_ location: Location, _ a: [JSONValue], _ b: [JSONValue]) {
        let rule = rules.rule(for: location.shape)
        if rule?.identity == .ordered {
            for index in 0..<max(a.count, b.count) {
                compare(location.element("\(index)"), index < a.count ? a[index] : nil, index < b.count ? b[index] : nil)
            }
            return
        }
        // Identical elements match wherever they stand (a multiset).
        let elementShape = location.shape + "[]"
        var pool: [String: [Int]] = [:]
        for (index, element) in b.enumerated() { pool[fingerprint(element, elementShape), default: []].append(index) }
        var leftA: [Int] = []
        for (index, element) in a.enumerated() {
            let print = fingerprint(element, elementShape)
            if var candidates = pool[print], !candidates.isEmpty {
                candidates.removeFirst()
                pool[print] = candidates
            } else {
                leftA.append(index)
            }
        }
        var leftB = pool.values.flatMap { $0 }.sorted()
        if leftA.isEmpty && leftB.isEmpty { return }

        // Pair what is left by key.
        var keys: [String]?
        var labelStyle = ListRule.Label.keyValues
        if case .keyed(let ruleKeys)? = rule?.identity {
            keys = ruleKeys
            labelStyle = rule?.label ?? .keyValues
        } else {
            keys = naturalKey(a, b).map { [$0] }
        }
        var pairs: [(Int, Int, String?)] = []
        var unpairedA: [Int] = []
        var keyedA = Set<Int>()
        var keyedB = Set<Int>()
        if let keys {
            func keyValue(_ element: JSONValue) -> String? {
                guard let object = element.objectValue, keys.contains(where: { object[$0] != nil }) else { return nil }
                return keys.map { DiffRules.keyText(object[$0]) }.joined(separator: "\u{1F}")
            }
            var byKey: [String: [Int]] = [:]
            var rest: [Int] = []
            for index in leftB {
                if let key = keyValue(b[index]) {
                    byKey[key, default: []].append(index)
                    keyedB.insert(index)
                } else {
                    rest.append(index)
                }
            }
            for index in leftA {
                guard let key = keyValue(a[index]) else {
                    unpairedA.append(index)
                    continue
                }
                keyedA.insert(index)
                if var candidates = byKey[key], !candidates.isEmpty {
                    let other = candidates.removeFirst()
                    byKey[key] = candidates
                    pairs.append((index, other, label(a[index], keys: keys, style: labelStyle)))
                } else {
                    unpairedA.append(index)
                }
            }
            leftB = (rest + byKey.values.flatMap { $0 }).sorted()
        } else {
            unpairedA = leftA
        }
        // Then by clear similarity (objects without a key).
        let similar = clearPairs(a, unpairedA.filter { !keyedA.contains($0) }, b, leftB.filter { !keyedB.contains($0) })
        for (i, j) in similar {
            pairs.append((i, j, commonLabel(a[i], b[j], position: j)))
        }
        let pairedA = Set(pairs.map(\.0))
        let pairedB = Set(pairs.map(\.1))
        for (i, j, label) in pairs.sorted(by: { $0.0 < $1.0 }) {
            compare(location.element(label), a[i], b[j])
        }
        for index in unpairedA where !pairedA.contains(index) {
            elementFinding(location, a[index], removed: true, keys: keyedA.contains(index) ? keys : nil, style: labelStyle, rule: rule)
        }
        for index in leftB where !pairedB.contains(index) {
            elementFinding(location, b[index], removed: false, keys: keyedB.contains(index) ? keys : nil, style: labelStyle, rule: rule)
        }
    }

    private mutating func elementFinding(
        _ list: Location, _ element: JSONValue, removed: Bool, keys: [String]?, style: ListRule.Label, rule: ListRule?
    ) {
        let name = keys.flatMap { keys in element.objectValue.map { self.label($0, keys: keys, style: style) } }
        let location = list.element(name)
        var reference: String?
        if let path = rule?.reference {
            let value =
                path == "."
                ? element
                : path.split(separator: ".").reduce(element as JSONValue?) { value, key in
                    value?.objectValue?[String(key)]
                }
            if let text = value?.scalarText {
                // A sibling-scoped fact (a CIDR) is the same fact only under the same parent element.
                reference = rule?.referenceScope == .sibling ? Self.parent(of: list.display) + "\u{0}" + text : text
            }
        } else if let object = element.objectValue, let keys, keys.count == 1, let id = object[keys[0]]?.scalarText,
            Self.looksLikeResourceId(id)
        {
            reference = id
        }
        findings.append(
            Finding(
                location: location, before: removed ? element : nil, after: removed ? nil : element,
                element: removed ? .removed : .added, list: list, reference: reference))
    }

    private func label(_ element: JSONValue, keys: [String], style: ListRule.Label) -> String? {
        guard let object = element.objectValue else { return nil }
        return label(object, keys: keys, style: style)
    }

    private func label(_ object: JSONObject, keys: [String], style: ListRule.Label) -> String {
        DiffRules.label(of: object, keys: keys, style: style)
    }

    /// A member every object element of both lists has, unique within each list.
    private func naturalKey(_ a: [JSONValue], _ b: [JSONValue]) -> String? {
        if a.isEmpty && b.isEmpty { return nil }
        for key in ConfigurationDiff.naturalKeys {
            func unique(_ list: [JSONValue]) -> Bool {
                var values = Set<String>()
                for element in list {
                    guard let value = element.objectValue?[key]?.scalarText, values.insert(value).inserted else { return false }
                }
                return true
            }
            if unique(a), unique(b) { return key }
        }
        return nil
    }

    /// Pairs of objects that are each other's single best match and share at least half their
    /// members: "one element changed" is only said when no other reading is as good.
    private func clearPairs(_ a: [JSONValue], _ left: [Int], _ b: [JSONValue], _ right: [Int]) -> [(Int, Int)] {
        let objectsA = left.compactMap { index in a[index].objectValue.map { (index, $0) } }
        let objectsB = right.compactMap { index in b[index].objectValue.map { (index, $0) } }
        // Quadratic: beyond 100 × 100 leftovers the elements are reported as removed and added.
        guard !objectsA.isEmpty, !objectsB.isEmpty, objectsA.count * objectsB.count <= 10_000 else { return [] }
        let scores = objectsA.map { x in objectsB.map { y in similarity(x.1, y.1) } }
        func best(_ values: [Double]) -> Int? {
            guard let top = values.max(), top >= 0.5, values.filter({ $0 == top }).count == 1 else { return nil }
            return values.firstIndex(of: top)
        }
        var pairs: [(Int, Int)] = []
        for row in objectsA.indices {
            guard let column = best(scores[row]) else { continue }
            if best(scores.map { $0[column] }) == row { pairs.append((objectsA[row].0, objectsB[column].0)) }
        }
        return pairs
    }

    private func similarity(_ x: JSONObject, _ y: JSONObject) -> Double {
        var keys = Set(x.keys)
        keys.formUnion(y.keys)
        guard !keys.isEmpty else { return 0 }
        var equal = 0
        for key in keys {
            guard let u = x[key], let v = y[key] else { continue }
            if fingerprint(u, "") == fingerprint(v, "") { equal += 1 }
        }
        return Double(equal) / Double(keys.count)
    }

    /// Names a pair of unkeyed elements by the scalar members they share (`Effect=Allow`).
    private func commonLabel(_ x: JSONValue, _ y: JSONValue, position: Int) -> String {
        guard let a = x.objectValue, let b = y.objectValue else { return "#\(position + 1)" }
        var shared: [String] = []
        let preferred = ConfigurationDiff.naturalKeys + ["Effect"]
        let ordered = a.keys.sorted { (preferred.firstIndex(of: $0) ?? Int.max, $0) < (preferred.firstIndex(of: $1) ?? Int.max, $1) }
        for key in ordered {
            guard let u = a[key]?.scalarText, let v = b[key]?.scalarText, u == v else { continue }
            shared.append("\(key)=\(u.count > 40 ? String(u.prefix(39)) + "…" : u)")
            if shared.count == 2 { break }
        }
        return shared.isEmpty ? "#\(position + 1)" : shared.joined(separator: ",")
    }

    /// `configuration.ipPermissions[tcp 443]` for `configuration.ipPermissions[tcp 443].ipRanges`.
    static func parent(of display: String) -> String {
        guard let dot = display.lastIndex(of: ".") else { return "" }
        return String(display[..<dot])
    }

    static func looksLikeResourceId(_ text: String) -> Bool {
        if text.hasPrefix("arn:") { return true }
        guard let dash = text.firstIndex(of: "-"), dash > text.startIndex else { return false }
        let prefix = text[..<dash]
        let suffix = text[text.index(after: dash)...]
        return prefix.allSatisfy { $0.isLetter && $0.isLowercase } && suffix.count >= 8 && suffix.count <= 17
            && suffix.allSatisfy(\.isHexDigit)
    }

    // MARK: One fact, one field

    func fields() -> [Change.Field] {
        var findings = self.findings
        mergeTags(&findings)
        mergeAssociations(&findings)
        return findings.map { finding in
            Change.Field(
                name: finding.location.display, before: render(finding.before), after: render(finding.after),
                element: finding.element,
                note: finding.alsoIn.isEmpty ? nil : "also in " + finding.alsoIn.joined(separator: ", "))
        }
    }

    private func render(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        return value.scalarText ?? (value.isNull ? "null" : value.canonicalJSON())
    }

    /// Config records a tag in `tags` and again in `configuration.tags`: the same change of the
    /// same tag is reported once, under `tags`.
    private func mergeTags(_ findings: inout [Finding]) {
        var topLevel: [String: Int] = [:]
        for (index, finding) in findings.enumerated() where finding.location.display.hasPrefix("tags.") {
            if let key = finding.location.tagKey { topLevel[key] = index }
        }
        var drop = Set<Int>()
        for (index, finding) in findings.enumerated() where !finding.location.display.hasPrefix("tags.") {
            guard let key = finding.location.tagKey, let top = topLevel[key],
                render(findings[top].before) == render(finding.before), render(findings[top].after) == render(finding.after)
            else { continue }
            drop.insert(index)
            let place = String(finding.location.display.dropLast(key.count + 1))
            if !findings[top].alsoIn.contains(place) { findings[top].alsoIn.append(place) }
        }
        findings = findings.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    }

    /// A resource associated in several places of one item (a security group in
    /// `securityGroups`, in each interface's `groups` and in `relationships`) that was added or
    /// removed is one field, under its first place in the configuration.
    private func mergeAssociations(_ findings: inout [Finding]) {
        var groups: [String: [Int]] = [:]
        for (index, finding) in findings.enumerated() {
            guard let element = finding.element, let reference = finding.reference else { continue }
            groups[element.rawValue + "\u{0}" + reference, default: []].append(index)
        }
        var drop = Set<Int>()
        for indices in groups.values where indices.count > 1 {
            func rank(_ index: Int) -> (Int, Int, Int) {
                let display = findings[index].location.display
                return (display.hasPrefix("relationships") ? 1 : 0, display.filter { $0 == "[" }.count, index)
            }
            let sorted = indices.sorted { rank($0) < rank($1) }
            let primary = sorted[0]
            for other in sorted.dropFirst() {
                drop.insert(other)
                let place = findings[other].list?.display ?? findings[other].location.display
                if !findings[primary].alsoIn.contains(place) { findings[primary].alsoIn.append(place) }
            }
        }
        findings = findings.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    }
}
