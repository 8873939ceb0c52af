/// Merges the decoded files of one ingest into one snapshot's content: page files of one capture
/// are joined, the newest capture of each node and type wins, the newest configuration item of
/// each resource wins (history files are newest-first, so order comes from capture time, not from
/// the file), and Config's inventory CIs are expanded into inventory rows.
public struct SnapshotBuilder {
    /// The captured state of one node's inventory type: its rows, possibly none.
    public struct Coverage: Sendable {
        public var nodeId: String
        public var typeName: String
        public var schemaVersion: String?
        public var captureTime: Timestamp?
        /// Index of the file (in ingest order) the rows came from; the first page for joined pages.
        public var fileIndex: Int
        /// False when the capture it came from ended with a page token (rows may be missing).
        public var complete: Bool
        public var rows: [PreparedRow]
        /// The first row's attributes, kept for `AWS:InstanceInformation`.
        public var firstAttributes: [String: String]?
    }

    /// A configuration item chosen for the snapshot and the file it came from.
    public struct Resource: Sendable {
        public var item: ConfigurationItem
        public var fileIndex: Int
        /// True when the item's content was expanded into inventory rows (its configuration is not kept twice).
        public var contentInInventory: Bool
    }

    /// The merged content, sorted for stable storage and output.
    public struct Content: Sendable {
        public var nodes: [ManagedNode] = []
        public var coverage: [Coverage] = []
        public var resources: [Resource] = []
        /// Page groups whose last page still carried a token.
        public var incompleteCaptures: [String] = []
        public var diagnostics: [Diagnostic] = []
        /// The latest capture time in the snapshot.
        public var takenAt: Timestamp?

        public var complete: Bool { incompleteCaptures.isEmpty }
        public var rowCount: Int { coverage.reduce(0) { $0 + $1.rows.count } }
    }

    private struct Candidate {
        var group: PreparedGroup
        var fileIndex: Int
        var format: CaptureFormat
        var complete: Bool
    }

    /// The files added, with their groups prepared at once (dictionaries do not outlive a file).
    private var captures: [(fileIndex: Int, displayPath: String, capture: DecodedCapture, groups: [PreparedGroup])] = []

    public init() {}

    /// Adds one decoded file; `fileIndex` identifies it in the result.
    public mutating func add(_ capture: DecodedCapture, fileIndex: Int, displayPath: String) {
        var capture = capture
        let groups = capture.groups.map { $0.prepared() }
        capture.groups = []
        captures.append((fileIndex, displayPath, capture, groups))
    }

    /// Builds the snapshot content from everything added.
    public func build() -> Content {
        var content = Content()

        // Page groups: complete when at least one page has no token.
        var pagesByGroup: [String: (tokened: Int, total: Int, files: [String])] = [:]
        for entry in captures {
            guard let group = entry.capture.pageGroup else { continue }
            var state = pagesByGroup[group] ?? (0, 0, [])
            state.total += 1
            if entry.capture.nextToken != nil { state.tokened += 1 }
            state.files.append(entry.displayPath)
            pagesByGroup[group] = state
        }
        let incomplete = Set(pagesByGroup.filter { $0.value.tokened == $0.value.total }.keys)
        content.incompleteCaptures = incomplete.sorted()
        for group in content.incompleteCaptures {
            let files = pagesByGroup[group]?.files.joined(separator: ", ") ?? ""
            content.diagnostics.append(
                Diagnostic(
                    file: files,
                    "capture INCOMPLETE: the last page of \(group) still carries a NextToken; nodes missing from it will not be diffed as removed"))
        }

        // Newest configuration item per resource.
        var resources: [String: Resource] = [:]
        for entry in captures {
            for item in entry.capture.configurationItems {
                let key = item.resourceType + "\u{0}" + item.resourceId
                if let existing = resources[key], !ConfigurationItem.isOlder(existing.item, than: item) { continue }
                resources[key] = Resource(item: item, fileIndex: entry.fileIndex, contentInInventory: false)
            }
        }

        var candidates: [String: [Candidate]] = [:]
        func offer(_ group: PreparedGroup, fileIndex: Int, format: CaptureFormat, complete: Bool) {
            let key = group.nodeId + "\u{0}" + group.typeName
            candidates[key, default: []].append(Candidate(group: group, fileIndex: fileIndex, format: format, complete: complete))
        }
        for entry in captures {
            let complete = entry.capture.pageGroup.map { !incomplete.contains($0) } ?? true
            for group in entry.groups {
                offer(group, fileIndex: entry.fileIndex, format: entry.capture.format, complete: complete)
            }
        }
        for key in resources.keys.sorted() {
            guard var resource = resources[key] else { continue }
            let groups = resource.item.inventoryGroups
            guard !groups.isEmpty else { continue }
            for group in groups { offer(group, fileIndex: resource.fileIndex, format: .configItem, complete: true) }
            // The rows go to inventory_entry; the configuration is kept whole too (the Config sheet
            // shows it, cut to Excel's cell limit).
            resource.contentInInventory = true
            resource.item.inventoryGroups = []
            resources[key] = resource
        }

        for (_, list) in candidates {
            let newest = list.map { $0.group.captureTime?.epochMilliseconds ?? Int64.min }.max() ?? Int64.min
            let atNewest = list.filter { ($0.group.captureTime?.epochMilliseconds ?? Int64.min) == newest }
            guard var chosen = atNewest.first else { continue }
            // Pages of one capture share node, type, capture time and format: join them.
            for other in atNewest.dropFirst() where other.format == chosen.format {
                chosen.group.rows += other.group.rows
                chosen.complete = chosen.complete && other.complete
                chosen.fileIndex = min(chosen.fileIndex, other.fileIndex)
            }
            content.coverage.append(
                Coverage(
                    nodeId: chosen.group.nodeId, typeName: chosen.group.typeName, schemaVersion: chosen.group.schemaVersion,
                    captureTime: chosen.group.captureTime, fileIndex: chosen.fileIndex, complete: chosen.complete,
                    rows: chosen.group.rows, firstAttributes: chosen.group.firstAttributes))
        }
        content.coverage.sort { ($0.nodeId, $0.typeName) < ($1.nodeId, $1.typeName) }
        content.resources = resources.keys.sorted().compactMap { resources[$0] }
        content.nodes = buildNodes(content: content, candidates: candidates)
        var latest: Timestamp?
        for coverage in content.coverage {
            if let time = coverage.captureTime, latest.map({ time > $0 }) ?? true { latest = time }
        }
        for resource in content.resources {
            if let time = resource.item.captureTime, latest.map({ time > $0 }) ?? true { latest = time }
        }
        content.takenAt = latest
        return content
    }

    private func buildNodes(content: Content, candidates: [String: [Candidate]]) -> [ManagedNode] {
        var nodes: [String: ManagedNode] = [:]
        func node(_ id: String) -> ManagedNode { nodes[id] ?? ManagedNode(nodeId: id) }
        for list in candidates.values {
            for candidate in list {
                var current = node(candidate.group.nodeId)
                current.accountId = current.accountId ?? candidate.group.accountId
                current.region = current.region ?? candidate.group.region
                nodes[candidate.group.nodeId] = current
            }
        }
        for coverage in content.coverage {
            var current = node(coverage.nodeId)
            if let time = coverage.captureTime?.iso8601, time > (current.lastCaptureTime ?? "") {
                current.lastCaptureTime = time
            }
            if coverage.typeName == "AWS:InstanceInformation", let row = coverage.firstAttributes {
                func attribute(_ name: String) -> String? {
                    row[name] ?? row.first(where: { $0.key.caseInsensitiveCompare(name) == .orderedSame })?.value
                }
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
        for entry in captures {
            for observation in entry.capture.nodes {
                var current = node(observation.nodeId)
                current.absorb(observation)
                nodes[observation.nodeId] = current
            }
        }
        for resource in content.resources {
            let item = resource.item
            if let nodeId = item.managedNodeId, item.resourceType == "AWS::SSM::ManagedInstanceInventory" {
                var current = node(nodeId)
                current.accountId = current.accountId ?? item.accountId
                current.region = current.region ?? item.region
                if item.isDeleted {
                    current.status = item.status
                } else if current.status == nil {
                    current.status = item.supplementaryConfiguration?.value(forKeyIgnoringCase: "instanceStatus")?.scalarText
                    // ResourceNotRecorded and kin: the status is all there is to show.
                    if current.status == nil, !item.hasConfiguration, item.payloadIncluded, item.status?.hasPrefix("Resource") == true {
                        current.status = item.status
                    }
                }
                nodes[nodeId] = current
            }
        }
        // EC2 instance CIs know account and region for nodes captured by SSM files that do not.
        for resource in content.resources where resource.item.resourceType == "AWS::EC2::Instance" {
            guard var current = nodes[resource.item.resourceId] else { continue }
            current.accountId = current.accountId ?? resource.item.accountId
            current.region = current.region ?? resource.item.region
            nodes[resource.item.resourceId] = current
        }
        return nodes.keys.sorted().compactMap { nodes[$0] }
    }
}
