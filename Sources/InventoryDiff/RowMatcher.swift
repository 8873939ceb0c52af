import InventoryModel
import SnapshotStore

/// Multiset comparison of one node's rows of one inventory type (DESIGN.md "Identity and diff"):
/// identical rows are matched first; a content whose count differs is a multiplicity change; the
/// rest are matched by identity key (Version and Release join the key when the identity repeats
/// on the node), matched pairs are `changed` or `attributesAdded`, the rest `added` / `removed`.
struct RowMatcher {
    let typeName: String
    let noise: NoiseRules
    /// Base snapshot's capture time; an added row installed before it is annotated.
    let baseTakenAt: Timestamp?
    /// How the node's package manager orders versions; nil when the node's platform is unknown
    /// to both snapshots (no direction is then claimed).
    var versionScheme: VersionScheme? = nil

    struct Outcome {
        var kind: Change.Kind
        var key: String
        var fields: [Change.Field]
        var note: String?
        var versionChange: Change.VersionChange? = nil
        /// The row as captured (the target's for a matched pair).
        var attributes: [String: String]? = nil
    }

    /// Attributes compared: noise left out, names folded to lower case (`HotFixID` = `HotFixId`).
    /// `folded` maps each name to its lower-case form, or nil when it is noise (names repeat on
    /// every row: worked out once per name).
    private func comparable(_ attributes: [String: String], folded: inout [String: String?]) -> [String: String] {
        var result: [String: String] = [:]
        result.reserveCapacity(attributes.count)
        for (name, value) in attributes {
            let key: String?
            if let known = folded[name] {
                key = known
            } else {
                key = noise.ignores(typeName: typeName, field: name) ? nil : name.lowercased()
                folded[name] = .some(key)
            }
            if let key, result[key] == nil { result[key] = value }
        }
        return result
    }

    /// Lower-cased name → the spelling to show (the target's, else the base's).
    private func spellings(_ rows: [[String: String]]...) -> [String: String] {
        var names: [String: String] = [:]
        var lowered: [String: String] = [:]
        for list in rows {
            for row in list {
                for name in row.keys {
                    let key = lowered[name] ?? name.lowercased()
                    lowered[name] = key
                    names[key] = name
                }
            }
        }
        return names
    }

    func compare(base: [[String: String]], target: [[String: String]]) -> [Outcome] {
        let names = spellings(base, target)
        var folded: [String: String?] = [:]
        let baseRows = base.map { comparable($0, folded: &folded) }
        let targetRows = target.map { comparable($0, folded: &folded) }
        var baseByContent: [String: [Int]] = [:]
        var targetByContent: [String: [Int]] = [:]
        for (index, row) in baseRows.enumerated() { baseByContent[CanonicalText.object(row), default: []].append(index) }
        for (index, row) in targetRows.enumerated() { targetByContent[CanonicalText.object(row), default: []].append(index) }

        let identity = IdentityKey.attributes(forType: typeName)
        var outcomes: [Outcome] = []
        var leftoverBase: [Int] = []
        var leftoverTarget: [Int] = []
        for (content, indices) in baseByContent {
            let others = targetByContent[content] ?? []
            if others.isEmpty {
                leftoverBase += indices
            } else if others.count != indices.count {
                let row = baseRows[indices[0]]
                outcomes.append(
                    Outcome(
                        kind: .multiplicity, key: displayKey(row, identity: identity, tieBreak: true, names: names),
                        fields: [.init(name: "count", before: "\(indices.count)", after: "\(others.count)")],
                        attributes: base[indices[0]]))
            }
        }
        for (content, indices) in targetByContent where baseByContent[content] == nil {
            leftoverTarget += indices
        }
        leftoverBase.sort()
        leftoverTarget.sort()

        // Identities that repeat on the node in either snapshot get the tie-breakers in their key.
        var identityCounts: [String: Int] = [:]
        var targetIdentityCounts: [String: Int] = [:]
        for row in baseRows { identityCounts[IdentityKey.key(of: row, attributes: identity), default: 0] += 1 }
        for row in targetRows { targetIdentityCounts[IdentityKey.key(of: row, attributes: identity), default: 0] += 1 }
        let tieBreakers = IdentityKey.tieBreakers(forType: typeName)
        func matchKey(_ row: [String: String]) -> String {
            let plain = IdentityKey.key(of: row, attributes: identity)
            guard identity != nil, !tieBreakers.isEmpty,
                (identityCounts[plain] ?? 0) > 1 || (targetIdentityCounts[plain] ?? 0) > 1
            else { return plain }
            return plain + IdentityKey.separator + IdentityKey.key(of: row, attributes: tieBreakers)
        }

        var targetByKey: [String: [Int]] = [:]
        for index in leftoverTarget { targetByKey[matchKey(targetRows[index]), default: []].append(index) }
        var matchedTarget = Set<Int>()
        for index in leftoverBase {
            let key = matchKey(baseRows[index])
            if var candidates = targetByKey[key], !candidates.isEmpty {
                let other = candidates.removeFirst()
                targetByKey[key] = candidates
                matchedTarget.insert(other)
                var outcome = pairOutcome(before: baseRows[index], after: targetRows[other], identity: identity, names: names)
                outcome.attributes = target[other]
                outcomes.append(outcome)
            } else {
                outcomes.append(
                    Outcome(
                        kind: .removed, key: displayKey(baseRows[index], identity: identity, tieBreak: true, names: names), fields: [],
                        attributes: base[index]))
            }
        }
        for index in leftoverTarget where !matchedTarget.contains(index) {
            let row = targetRows[index]
            outcomes.append(
                Outcome(
                    kind: .added, key: displayKey(row, identity: identity, tieBreak: true, names: names), fields: [], note: addedNote(row),
                    attributes: target[index]))
        }
        return outcomes
    }

    private func pairOutcome(before: [String: String], after: [String: String], identity: [String]?, names: [String: String])
        -> Outcome
    {
        var fields: [Change.Field] = []
        var onlyAdditions = true
        for name in Set(before.keys).union(after.keys).sorted() {
            let old = before[name]
            let new = after[name]
            guard old != new else { continue }
            fields.append(.init(name: names[name] ?? name, before: old, after: new))
            if old != nil { onlyAdditions = false }
        }
        let kind: Change.Kind = onlyAdditions ? .attributesAdded : .changed
        return Outcome(
            kind: kind, key: displayKey(after, identity: identity, tieBreak: false, names: names), fields: fields,
            versionChange: kind == .changed ? versionChange(before: before, after: after) : nil)
    }

    /// Upgrade or downgrade when the row's Epoch, Version or Release changed (names already
    /// folded to lower case), by the node's ordering; nil when they order the same.
    private func versionChange(before: [String: String], after: [String: String]) -> Change.VersionChange? {
        guard let versionScheme, let old = before["version"], let new = after["version"] else { return nil }
        guard old != new || before["release"] != after["release"] || before["epoch"] != after["epoch"] else { return nil }
        // rpm rows split Epoch, Version and Release; dpkg rows carry the whole Debian version
        // (`1:8.2.3995-1ubuntu2.15`) in Version. One text, split by the scheme's own rule, serves both.
        func text(_ row: [String: String], _ version: String) -> String {
            var text = version
            if let epoch = row["epoch"], !epoch.isEmpty, !version.contains(":") { text = epoch + ":" + text }
            if let release = row["release"], !release.isEmpty { text += "-" + release }
            return text
        }
        let a = PackageVersion.parse(text(before, old), scheme: versionScheme)
        let b = PackageVersion.parse(text(after, new), scheme: versionScheme)
        switch VersionOrdering.compare(b, a, scheme: versionScheme) {
        case .newer: return .upgrade
        case .older: return .downgrade
        case .same: return nil
        }
    }

    /// `names` maps the folded attribute names of `row` back to their spelling (custom types show
    /// `Rack=R1`, not `rack=R1`).
    private func displayKey(_ row: [String: String], identity: [String]?, tieBreak: Bool, names: [String: String]) -> String {
        guard let identity else {
            var spelled: [String: String] = [:]
            for (name, value) in row { spelled[names[name] ?? name] = value }
            return IdentityKey.display(IdentityKey.key(of: spelled, attributes: nil))
        }
        var names = identity
        if tieBreak { names += IdentityKey.tieBreakers(forType: typeName) }
        if names.isEmpty { return "" }
        return IdentityKey.display(IdentityKey.key(of: row, attributes: names))
    }

    /// A row reported as new whose own install time precedes the base snapshot was most likely
    /// newly *reported* (a collector change), not newly installed.
    private func addedNote(_ row: [String: String]) -> String? {
        guard let baseTakenAt, let text = IdentityKey.value("InstalledTime", in: row), text.contains("-"),
            let installed = Timestamp.parse(text), installed < baseTakenAt
        else { return nil }
        return "installed \(installed.iso8601), before the base snapshot: likely newly reported, not newly installed"
    }
}
