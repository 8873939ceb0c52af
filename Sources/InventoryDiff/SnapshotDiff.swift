import InventoryModel
import SnapshotStore

/// Options of one diff run.
public struct DiffOptions: Sendable {
    /// Extra `TYPE.FIELD` noise rules (`--ignore`).
    public var ignore: [String]
    /// Report noise fields too (`--include-noise`).
    public var includeNoise: Bool
    /// Drop `attributesAdded` changes (`--ignore-new-attributes`).
    public var ignoreNewAttributes: Bool
    /// Filters: only these inventory / resource types, nodes or resource ids, accounts, regions.
    public var types: [String]
    public var nodes: [String]
    public var accounts: [String]
    public var regions: [String]

    public init(
        ignore: [String] = [], includeNoise: Bool = false, ignoreNewAttributes: Bool = false, types: [String] = [],
        nodes: [String] = [], accounts: [String] = [], regions: [String] = []
    ) {
        self.ignore = ignore
        self.includeNoise = includeNoise
        self.ignoreNewAttributes = ignoreNewAttributes
        self.types = types
        self.nodes = nodes
        self.accounts = accounts
        self.regions = regions
    }
}

/// Compares two stored snapshots (DESIGN.md "Identity and diff"): per node and inventory type
/// with multiset matching, Config resources by type and id, noise ignored, scope respected
/// (not captured is not removed; a terminated node is one status change).
public struct SnapshotDiff {
    public let store: InventoryStore
    public let options: DiffOptions
    private let noise: NoiseRules

    public init(store: InventoryStore, options: DiffOptions = DiffOptions()) {
        self.store = store
        self.options = options
        noise = NoiseRules(includeDefaults: !options.includeNoise, extra: options.ignore)
    }

    /// The changes from `base` to `target`.
    public func run(base: SnapshotInfo, target: SnapshotInfo) throws(InventoryError) -> DiffResult {
        var changes: [Change] = []
        if base.id != target.id {
            // Read once for both kinds of change.
            let nodes = (base: try store.nodes(snapshotId: base.id), target: try store.nodes(snapshotId: target.id))
            changes += try inventoryChanges(base: base, target: target, nodes: nodes)
            // Only inventory types asked for: no Config item can pass the filter.
            if options.types.isEmpty || options.types.contains(where: { $0.contains("::") }) {
                changes += try resourceChanges(base: base, target: target, nodes: nodes)
            }
        }
        changes = changes.filter(keep)
        changes.sort {
            ($0.accountId ?? "", $0.region ?? "", $0.resourceId, $0.typeName, $0.key, $0.change.rawValue)
                < ($1.accountId ?? "", $1.region ?? "", $1.resourceId, $1.typeName, $1.key, $1.change.rawValue)
        }
        return DiffResult(base: base, target: target, summary: ChangeSummary(changes), changes: changes)
    }

    private func keep(_ change: Change) -> Bool {
        if options.ignoreNewAttributes, change.change == .attributesAdded { return false }
        if !options.types.isEmpty, !options.types.contains(where: { $0.caseInsensitiveCompare(change.typeName) == .orderedSame }) {
            return false
        }
        if !options.nodes.isEmpty, !options.nodes.contains(change.resourceId) { return false }
        if !options.accounts.isEmpty, !options.accounts.contains(change.accountId ?? "") { return false }
        if !options.regions.isEmpty, !options.regions.contains(change.region ?? "") { return false }
        return true
    }

    private func inventoryChanges(
        base: SnapshotInfo, target: SnapshotInfo, nodes: (base: [ManagedNode], target: [ManagedNode])
    ) throws(InventoryError) -> [Change] {
        let baseNodes = Dictionary(nodes.base.map { ($0.nodeId, $0) }, uniquingKeysWith: { a, _ in a })
        let targetNodes = Dictionary(nodes.target.map { ($0.nodeId, $0) }, uniquingKeysWith: { a, _ in a })
        let baseCoverage = try store.coverage(snapshotId: base.id)
        let targetCoverage = Dictionary(
            try store.coverage(snapshotId: target.id).map { ($0.nodeId + "\u{0}" + $0.typeName, $0) },
            uniquingKeysWith: { a, _ in a })
        let baseTakenAt = base.takenAt
        var changes: [Change] = []
        var goneNodes = Set<String>()

        func node(_ id: String) -> ManagedNode? { targetNodes[id] ?? baseNodes[id] }
        func make(
            _ kind: Change.Kind, _ nodeId: String, _ typeName: String, key: String, fields: [Change.Field] = [],
            note: String? = nil, versionChange: Change.VersionChange? = nil, attributes: [String: String]? = nil
        ) -> Change {
            let info = node(nodeId)
            var change = Change(
                change: kind, accountId: info?.accountId ?? baseNodes[nodeId]?.accountId,
                region: info?.region ?? baseNodes[nodeId]?.region, resourceId: nodeId, typeName: typeName, key: key,
                fields: fields, note: note, computerName: info?.computerName ?? baseNodes[nodeId]?.computerName,
                versionChange: versionChange)
            change.attributes = attributes
            return change
        }
        /// The node's package ordering, from its AWS:InstanceInformation platform (target first);
        /// nil when neither snapshot knows the platform.
        func scheme(_ nodeId: String) -> VersionScheme? {
            let known = [targetNodes[nodeId], baseNodes[nodeId]].compactMap { $0 }
                .first { $0.platformName != nil || $0.platformType != nil }
            return known.map { VersionScheme.forPlatform(platformName: $0.platformName, platformType: $0.platformType) }
        }

        // A node that became Terminated / ResourceDeleted: one status change, no row-by-row removals.
        for (nodeId, after) in targetNodes {
            let before = baseNodes[nodeId]
            guard ManagedNode.isGone(after.status), !ManagedNode.isGone(before?.status), before != nil else { continue }
            goneNodes.insert(nodeId)
            changes.append(
                make(
                    .statusChanged, nodeId, "AWS:InstanceInformation", key: nodeId,
                    fields: [.init(name: "InstanceStatus", before: before?.status, after: after.status)]))
        }

        var seen = Set<String>()
        for coverage in baseCoverage {
            let key = coverage.nodeId + "\u{0}" + coverage.typeName
            seen.insert(key)
            // Pairs the filters leave out are not read (their changes would be dropped anyway).
            if goneNodes.contains(coverage.nodeId) || !wanted(coverage) { continue }
            guard let other = targetCoverage[key] else {
                if !ManagedNode.isGone(targetNodes[coverage.nodeId]?.status) {
                    changes.append(
                        make(
                            .notCaptured, coverage.nodeId, coverage.typeName, key: "",
                            note: targetNodes[coverage.nodeId] == nil ? "node not in the target snapshot" : nil))
                }
                continue
            }
            if let fingerprint = coverage.contentFingerprint, fingerprint == other.contentFingerprint { continue }
            let before = try entries(snapshotId: base.id, nodeId: coverage.nodeId, typeName: coverage.typeName)
            let after = try entries(snapshotId: target.id, nodeId: other.nodeId, typeName: other.typeName)
            var matcher = RowMatcher(typeName: coverage.typeName, noise: noise, baseTakenAt: baseTakenAt)
            matcher.versionScheme = scheme(coverage.nodeId)
            for outcome in matcher.compare(base: before, target: after) {
                changes.append(
                    make(
                        outcome.kind, coverage.nodeId, coverage.typeName, key: outcome.key,
                        fields: outcome.fields, note: outcome.note, versionChange: outcome.versionChange,
                        attributes: outcome.attributes))
            }
        }
        // Newly captured nodes and types: every row is new.
        for (key, coverage) in targetCoverage where !seen.contains(key) && wanted(coverage) {
            if goneNodes.contains(coverage.nodeId) || ManagedNode.isGone(targetNodes[coverage.nodeId]?.status) { continue }
            let after = try entries(snapshotId: target.id, nodeId: coverage.nodeId, typeName: coverage.typeName)
            if baseNodes[coverage.nodeId] != nil {
                // The base knew the node but did not capture this type (get-inventory cannot return
                // AWS:Application): the rows are not news, so no row-by-row additions.
                changes.append(
                    make(
                        .newlyCaptured, coverage.nodeId, coverage.typeName, key: "",
                        note: "\(after.count) rows; the base snapshot did not capture this type"))
                continue
            }
            // Rows of a node seen for the first time are new to us whatever their install time.
            let matcher = RowMatcher(typeName: coverage.typeName, noise: noise, baseTakenAt: nil)
            for outcome in matcher.compare(base: [], target: after) {
                changes.append(
                    make(
                        outcome.kind, coverage.nodeId, coverage.typeName, key: outcome.key,
                        fields: outcome.fields, note: outcome.note, attributes: outcome.attributes))
            }
        }
        return changes
    }

    /// True when the type and node filters let a node's type through.
    private func wanted(_ coverage: CoverageInfo) -> Bool {
        (options.nodes.isEmpty || options.nodes.contains(coverage.nodeId))
            && (options.types.isEmpty || options.types.contains { $0.caseInsensitiveCompare(coverage.typeName) == .orderedSame })
    }

    private func entries(snapshotId: Int64, nodeId: String, typeName: String) throws(InventoryError) -> [[String: String]] {
        var rows: [[String: String]] = []
        try store.forEachEntry(snapshotId: snapshotId, typeName: typeName, nodeId: nodeId) { rows.append($0.attributes) }
        return rows
    }

    private func resourceChanges(
        base: SnapshotInfo, target: SnapshotInfo, nodes: (base: [ManagedNode], target: [ManagedNode])
    ) throws(InventoryError) -> [Change] {
        // Items are paired without their documents; only pairs whose stored content differs are
        // read whole (a store from before v4 has no content ids: read everything whole).
        var baseItems = try store.resources(snapshotId: base.id, inventoryConfiguration: false, documents: false)
        var after = try store.resources(snapshotId: target.id, inventoryConfiguration: false, documents: false)
        let documents = (baseItems + after).contains { $0.contentId == nil }
        if documents {
            baseItems = try store.resources(snapshotId: base.id, inventoryConfiguration: false)
            after = try store.resources(snapshotId: target.id, inventoryConfiguration: false)
        }
        let before = Dictionary(baseItems.map { ($0.resourceType + "\u{0}" + $0.resourceId, $0) }, uniquingKeysWith: { a, _ in a })
        // EC2 instances that are also managed nodes carry the node's computer name.
        var computerNames: [String: String] = [:]
        for node in nodes.base + nodes.target {
            if let name = node.computerName { computerNames[node.nodeId] = name }
        }
        var changes: [Change] = []
        var seen = Set<String>()
        let noise = self.noise
        for resource in after {
            let key = resource.resourceType + "\u{0}" + resource.resourceId
            seen.insert(key)
            func make(_ kind: Change.Kind, _ fields: [Change.Field] = [], note: String? = nil) -> Change {
                Change(
                    change: kind, accountId: resource.accountId, region: resource.region, resourceId: resource.resourceId,
                    typeName: resource.resourceType, key: resource.resourceId, fields: fields, note: note,
                    computerName: computerNames[resource.resourceId])
            }
            guard let old = before[key] else {
                if !ManagedNode.isGone(resource.status) { changes.append(make(.added)) }
                continue
            }
            if ManagedNode.isGone(resource.status) != ManagedNode.isGone(old.status) {
                changes.append(make(.statusChanged, [.init(name: "configurationItemStatus", before: old.status, after: resource.status)]))
                continue
            }
            let diff = ConfigurationDiff(resourceType: resource.resourceType, noise: noise)
            let outcome: ConfigurationDiff.Outcome
            if old.contentId != nil, old.contentId == resource.contentId {
                outcome = diff.compareSameContent(before: old, after: resource)
            } else if documents {
                outcome = diff.compare(before: old, after: resource)
            } else {
                let whole = (
                    try store.resource(snapshotId: base.id, resourceType: old.resourceType, resourceId: old.resourceId) ?? old,
                    try store.resource(snapshotId: target.id, resourceType: resource.resourceType, resourceId: resource.resourceId)
                        ?? resource
                )
                outcome = diff.compare(before: whole.0, after: whole.1)
            }
            if !outcome.fields.isEmpty {
                let note = resource.payloadIncluded ? outcome.partial?.note : "target item is a summary; its configuration is in S3"
                changes.append(make(.changed, outcome.fields, note: note))
            } else if let partial = outcome.partial {
                // Properties one side did not carry are unknown there, not removed or added.
                changes.append(make(partial.targetLacks ? .notCaptured : .newlyCaptured, note: partial.note))
            }
        }
        for (key, resource) in before where !seen.contains(key) {
            changes.append(
                Change(
                    change: .notCaptured, accountId: resource.accountId, region: resource.region,
                    resourceId: resource.resourceId, typeName: resource.resourceType, key: resource.resourceId))
        }
        return changes
    }
}
