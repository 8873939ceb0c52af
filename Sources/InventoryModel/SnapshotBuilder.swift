/// Plans one snapshot while its files stream into the store: which groups of rows win (pages of
/// one capture are joined; the newest capture of each node and type wins; only the newest
/// configuration item of a resource counts, so history files — newest first — are ordered by
/// capture time, not by file order), which captures are incomplete, and what each managed node
/// looks like. Holds metadata only; the rows themselves are already in the store.
public struct SnapshotBuilder {
    /// One group of rows as written to the store.
    public struct GroupMeta: Sendable {
        /// `inventory_entry.group_seq` of its rows.
        public var seq: Int
        public var nodeId: String
        public var typeName: String
        public var schemaVersion: String?
        public var captureTime: Timestamp?
        public var accountId: String?
        public var region: String?
        public var fileIndex: Int
        public var format: CaptureFormat
        public var pageGroup: String?
        public var rowCount: Int
        /// SHA-256 over the sorted content hashes of its rows.
        public var fingerprint: String
        public var attributeNames: Set<String>
        /// The first row's attributes, kept for `AWS:InstanceInformation`.
        public var firstAttributes: [String: String]?
        /// For rows from a configuration item: the item's resource key and serial number.
        public var item: (key: String, serial: Int)?

        public init(
            seq: Int, group: PreparedGroup, fileIndex: Int, format: CaptureFormat, pageGroup: String?,
            item: (key: String, serial: Int)?
        ) {
            self.seq = seq
            nodeId = group.nodeId
            typeName = group.typeName
            schemaVersion = group.schemaVersion
            captureTime = group.captureTime
            accountId = group.accountId
            region = group.region
            self.fileIndex = fileIndex
            self.format = format
            self.pageGroup = pageGroup
            rowCount = group.rowCount
            fingerprint = group.fingerprint
            attributeNames = group.attributeNames
            firstAttributes = group.firstAttributes
            self.item = item
        }
    }

    /// What the snapshot keeps of one configuration item (the item itself is in the store).
    public struct ItemMeta: Sendable {
        public var key: String
        public var serial: Int
        public var resourceType: String
        public var resourceId: String
        public var managedNodeId: String?
        public var accountId: String?
        public var region: String?
        public var status: String?
        public var instanceStatus: String?
        public var hasConfiguration: Bool
        public var payloadIncluded: Bool
        public var isDeleted: Bool
        public var captureTime: Timestamp?
        public var configurationStateId: String?

        public init(_ item: ConfigurationItem, serial: Int) {
            key = item.resourceType + "\u{0}" + item.resourceId
            self.serial = serial
            resourceType = item.resourceType
            resourceId = item.resourceId
            managedNodeId = item.managedNodeId
            accountId = item.accountId
            region = item.region
            status = item.status
            instanceStatus = item.supplementaryConfiguration?.value(forKeyIgnoringCase: "instanceStatus")?.scalarText
            hasConfiguration = item.hasConfiguration
            payloadIncluded = item.payloadIncluded
            isDeleted = item.isDeleted
            captureTime = item.captureTime
            configurationStateId = item.configurationStateId
        }

        /// Where this item falls among the items of its resource (``ConfigurationItemRecency``).
        public var recency: ConfigurationItemRecency {
            ConfigurationItemRecency(captureTime: captureTime, configurationStateId: configurationStateId)
        }
    }

    /// The captured state of one node's inventory type: its rows (possibly none).
    public struct Coverage: Sendable {
        public var nodeId: String
        public var typeName: String
        public var schemaVersion: String?
        public var captureTime: Timestamp?
        /// The file (ingest order) the rows came from; the first page for joined pages.
        public var fileIndex: Int
        /// False when the capture it came from ended with a page token (rows may be missing).
        public var complete: Bool
        public var rowCount: Int
        /// Nil when pages were joined: the store computes it from the joined rows.
        public var fingerprint: String?
        public var groupSeqs: [Int]
    }

    /// The plan for the snapshot, sorted for stable storage.
    public struct Plan: Sendable {
        public var coverage: [Coverage] = []
        /// Groups whose rows lost (an older capture, or an older configuration item).
        public var losingGroups: [Int] = []
        public var nodes: [ManagedNode] = []
        public var incompleteCaptures: [String] = []
        public var diagnostics: [Diagnostic] = []
        public var takenAt: Timestamp?
        /// Attribute names per inventory type among the winning rows (workbook columns).
        public var typeAttributes: [String: Set<String>] = [:]
        public var resourceCount = 0

        public var complete: Bool { incompleteCaptures.isEmpty }
        public var rowCount: Int { coverage.reduce(0) { $0 + $1.rowCount } }
    }

    private var files: [(fileIndex: Int, displayPath: String, pageGroup: String?, nextToken: String?)] = []
    private var groups: [GroupMeta] = []
    private var latestItems: [String: ItemMeta] = [:]
    private var observations: [NodeObservation] = []
    /// Items `noteItem` replaced since the last `checkpoint`, so `rollback` can put them back.
    private var itemUndo: [(key: String, previous: ItemMeta?)] = []

    public init() {}

    /// Where the builder stood before a file: `rollback(to:)` forgets what the file added.
    public struct Checkpoint: Sendable {
        fileprivate var files: Int
        fileprivate var groups: Int
        fileprivate var observations: Int
    }

    /// Marks the start of a file. Costs nothing that grows with what was noted before (copying
    /// the builder per file made Data Sync folders of many small files quadratic).
    public mutating func checkpoint() -> Checkpoint {
        itemUndo.removeAll(keepingCapacity: true)
        return Checkpoint(files: files.count, groups: groups.count, observations: observations.count)
    }

    /// Forgets everything noted since `checkpoint` (a file that failed part-way).
    public mutating func rollback(to checkpoint: Checkpoint) {
        files.removeLast(files.count - checkpoint.files)
        groups.removeLast(groups.count - checkpoint.groups)
        observations.removeLast(observations.count - checkpoint.observations)
        for (key, previous) in itemUndo.reversed() { latestItems[key] = previous }
        itemUndo.removeAll(keepingCapacity: true)
    }

    /// Notes a decoded file's paging and node observations.
    public mutating func noteFile(_ capture: DecodedCapture, fileIndex: Int, displayPath: String) {
        files.append((fileIndex, displayPath, capture.pageGroup, capture.nextToken))
        observations += capture.nodes
    }

    /// Notes a group of rows written to the store.
    public mutating func noteGroup(_ group: GroupMeta) { groups.append(group) }

    /// Notes a configuration item; true when it is the newest of its resource so far (the caller
    /// then stores it in place of the previous one).
    public mutating func noteItem(_ item: ItemMeta) -> Bool {
        let existing = latestItems[item.key]
        if let existing, !(existing.recency < item.recency) { return false }
        itemUndo.append((item.key, existing))
        latestItems[item.key] = item
        return true
    }

    /// The plan from everything noted.
    public func plan() -> Plan {
        var plan = Plan()
        plan.resourceCount = latestItems.count

        // Page groups: complete when at least one page has no token.
        var pages: [String: (tokened: Int, total: Int, files: [String])] = [:]
        for file in files {
            guard let group = file.pageGroup else { continue }
            var state = pages[group] ?? (0, 0, [])
            state.total += 1
            if file.nextToken != nil { state.tokened += 1 }
            state.files.append(file.displayPath)
            pages[group] = state
        }
        let incomplete = Set(pages.filter { $0.value.tokened == $0.value.total }.keys)
        plan.incompleteCaptures = incomplete.sorted()
        for group in plan.incompleteCaptures {
            plan.diagnostics.append(
                Diagnostic(
                    file: pages[group]?.files.joined(separator: ", ") ?? "",
                    "capture INCOMPLETE: the last page of \(group) still carries a NextToken; nodes missing from it will not be diffed as removed"
                ))
        }

        // Rows from an item that is not its resource's newest never count.
        var candidates: [String: [GroupMeta]] = [:]
        for group in groups {
            if let item = group.item, latestItems[item.key]?.serial != item.serial {
                plan.losingGroups.append(group.seq)
                continue
            }
            candidates[group.nodeId + "\u{0}" + group.typeName, default: []].append(group)
        }
        for (_, list) in candidates {
            let newest = list.map { $0.captureTime?.epochMilliseconds ?? Int64.min }.max() ?? Int64.min
            let atNewest = list.filter { ($0.captureTime?.epochMilliseconds ?? Int64.min) == newest }
            guard let first = atNewest.first else { continue }
            // Pages of one capture share node, type, capture time and format: join them.
            // Identical groups (the same capture under two paths, or re-serialised) are one page.
            var seenFingerprints = Set<String>()
            let joined = atNewest.filter { $0.format == first.format && seenFingerprints.insert($0.fingerprint).inserted }
            let joinedSeqs = Set(joined.map(\.seq))
            plan.losingGroups += list.filter { !joinedSeqs.contains($0.seq) }.map(\.seq)
            let complete = joined.allSatisfy { $0.pageGroup.map { !incomplete.contains($0) } ?? true }
            plan.coverage.append(
                Coverage(
                    nodeId: first.nodeId, typeName: first.typeName, schemaVersion: first.schemaVersion,
                    captureTime: first.captureTime, fileIndex: joined.map(\.fileIndex).min() ?? first.fileIndex,
                    complete: complete, rowCount: joined.reduce(0) { $0 + $1.rowCount },
                    fingerprint: joined.count == 1 ? first.fingerprint : nil, groupSeqs: joined.map(\.seq).sorted()))
            for group in joined { plan.typeAttributes[group.typeName, default: []].formUnion(group.attributeNames) }
        }
        plan.coverage.sort { ($0.nodeId, $0.typeName) < ($1.nodeId, $1.typeName) }
        plan.losingGroups.sort()
        plan.nodes = buildNodes(plan: plan, candidates: candidates)
        var latest: Timestamp?
        for coverage in plan.coverage {
            if let time = coverage.captureTime, latest.map({ time > $0 }) ?? true { latest = time }
        }
        for item in latestItems.values {
            if let time = item.captureTime, latest.map({ time > $0 }) ?? true { latest = time }
        }
        plan.takenAt = latest
        return plan
    }

    private func buildNodes(plan: Plan, candidates: [String: [GroupMeta]]) -> [ManagedNode] {
        var nodes: [String: ManagedNode] = [:]
        func node(_ id: String) -> ManagedNode { nodes[id] ?? ManagedNode(nodeId: id) }
        for list in candidates.values {
            for group in list {
                var current = node(group.nodeId)
                current.accountId = current.accountId ?? group.accountId
                current.region = current.region ?? group.region
                nodes[group.nodeId] = current
            }
        }
        let firstAttributes = Dictionary(
            candidates.values.flatMap { $0 }.filter { $0.firstAttributes != nil }.map { ($0.seq, $0.firstAttributes ?? [:]) },
            uniquingKeysWith: { a, _ in a })
        for coverage in plan.coverage {
            var current = node(coverage.nodeId)
            if let time = coverage.captureTime?.iso8601, time > (current.lastCaptureTime ?? "") {
                current.lastCaptureTime = time
            }
            if coverage.typeName == "AWS:InstanceInformation", let seq = coverage.groupSeqs.first, let row = firstAttributes[seq] {
                func attribute(_ name: String) -> String? { IdentityKey.value(name, in: row) }
                current.computerName = attribute("ComputerName") ?? current.computerName
                current.platformType = attribute("PlatformType") ?? current.platformType
                current.platformName = attribute("PlatformName") ?? current.platformName
                current.platformVersion = attribute("PlatformVersion") ?? current.platformVersion
                current.agentVersion = attribute("AgentVersion") ?? current.agentVersion
                current.ipAddress = attribute("IpAddress") ?? current.ipAddress
                current.resourceType = attribute("ResourceType") ?? current.resourceType
                current.status = attribute("InstanceStatus") ?? current.status
            }
            nodes[coverage.nodeId] = current
        }
        for observation in observations {
            var current = node(observation.nodeId)
            current.absorb(observation)
            nodes[observation.nodeId] = current
        }
        for item in latestItems.values.sorted(by: { $0.key < $1.key }) {
            if let nodeId = item.managedNodeId, item.resourceType == "AWS::SSM::ManagedInstanceInventory" {
                var current = node(nodeId)
                current.accountId = current.accountId ?? item.accountId
                current.region = current.region ?? item.region
                if item.isDeleted {
                    current.status = item.status
                } else if current.status == nil {
                    current.status = item.instanceStatus
                    // ResourceNotRecorded and kin: the status is all there is to show.
                    if current.status == nil, !item.hasConfiguration, item.payloadIncluded, item.status?.hasPrefix("Resource") == true {
                        current.status = item.status
                    }
                }
                nodes[nodeId] = current
            }
        }
        // EC2 instance CIs know account and region for nodes captured by SSM files that do not.
        for item in latestItems.values where item.resourceType == "AWS::EC2::Instance" {
            guard var current = nodes[item.resourceId] else { continue }
            current.accountId = current.accountId ?? item.accountId
            current.region = current.region ?? item.region
            nodes[item.resourceId] = current
        }
        return nodes.keys.sorted().compactMap { nodes[$0] }
    }
}
