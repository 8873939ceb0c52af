import InventoryModel
import SnapshotStore

/// `inventory nodes`: the managed nodes of one snapshot.
public struct NodeListing: AskAnswer {
    /// One managed node as listed.
    public struct Node: Codable, Sendable, Hashable {
        public var accountId: String?
        public var region: String?
        public var nodeId: String
        public var computerName: String?
        /// The EC2 `Name` tag, when Config recorded the instance.
        public var nameTag: String?
        public var platformType: String?
        public var platformName: String?
        public var platformVersion: String?
        public var agentVersion: String?
        public var status: String?
        public var pingStatus: String?
        public var lastCaptureTime: String?
        /// Not captured within the `--stale` days before the snapshot (only with `--stale`).
        public var stale: Bool?

        init(_ node: ManagedNode, nameTag: String?) {
            accountId = node.accountId
            region = node.region
            nodeId = node.nodeId
            computerName = node.computerName
            self.nameTag = nameTag
            platformType = node.platformType
            platformName = node.platformName
            platformVersion = node.platformVersion
            agentVersion = node.agentVersion
            status = node.status
            pingStatus = node.pingStatus
            lastCaptureTime = node.lastCaptureTime
        }

        /// `Amazon Linux 2023` (name and version).
        var platform: String { [platformName, platformVersion].compactMap { $0 }.joined(separator: " ") }
    }

    public var snapshot: AskSnapshot
    public var nodes: [Node]

    /// What `nodes` selects besides the scope: status, platform, staleness.
    public struct Query: Sendable {
        public var snapshot = "latest"
        public var scope = AskScope()
        /// `InstanceStatus` or `PingStatus`, ignoring case.
        public var status: String?
        /// Platform type (`Linux`, `Windows`) or a pattern for the platform name (`*Ubuntu*`), ignoring case.
        public var platform: String?
        /// Only nodes not captured within this many days before the snapshot (gone nodes left out).
        public var staleDays: Int?

        public init() {}
    }

    /// Lists the snapshot's nodes by account, region and id.
    public static func run(store: InventoryStore, query: Query) throws(InventoryError) -> NodeListing {
        try store.consistently { () throws(InventoryError) -> NodeListing in
            let snapshot = try store.resolve(query.snapshot)
            let options = try query.scope.resolved(store: store, snapshots: [snapshot])
            let facts = try NodeFacts(store: store, snapshots: [snapshot])
            var typed: Set<String>?
            if !options.types.isEmpty {
                typed = Set(
                    try store.coverage(snapshotId: snapshot.id).filter { entry in
                        options.types.contains { $0.caseInsensitiveCompare(entry.typeName) == .orderedSame }
                    }.map(\.nodeId))
            }
            let reference = (snapshot.takenAt ?? snapshot.ingestedAt).epochMilliseconds
            var nodes: [Node] = []
            for node in try store.nodes(snapshotId: snapshot.id) {
                guard AskScope.admits(node, nodeId: node.nodeId, options), typed?.contains(node.nodeId) ?? true else { continue }
                if let status = query.status,
                    ![node.status, node.pingStatus].contains(where: { $0?.caseInsensitiveCompare(status) == .orderedSame })
                {
                    continue
                }
                if let platform = query.platform, !matches(platform: platform, node) { continue }
                var listed = Node(node, nameTag: facts.nameTags[node.nodeId])
                if let days = query.staleDays {
                    guard !ManagedNode.isGone(node.status) else { continue }
                    let captured = node.lastCaptureTime.flatMap(Timestamp.parse)?.epochMilliseconds
                    let stale = captured.map { $0 < reference - Int64(days) * 86_400_000 } ?? true
                    guard stale else { continue }
                    listed.stale = true
                }
                nodes.append(listed)
            }
            nodes.sort { ($0.accountId ?? "", $0.region ?? "", $0.nodeId) < ($1.accountId ?? "", $1.region ?? "", $1.nodeId) }
            return NodeListing(snapshot: AskSnapshot(snapshot), nodes: nodes)
        }
    }

    static func matches(platform: String, _ node: ManagedNode) -> Bool {
        if node.platformType?.caseInsensitiveCompare(platform) == .orderedSame { return true }
        let pattern = NamePattern(platform.contains("*") || platform.contains("?") ? platform : "*\(platform)*")
        return [node.platformName, [node.platformName, node.platformVersion].compactMap { $0 }.joined(separator: " ")]
            .contains { $0.map(pattern.matches) ?? false }
    }

    static let header = [
        "ACCOUNT", "REGION", "NODE", "COMPUTER NAME", "NAME TAG", "PLATFORM", "AGENT", "STATUS", "LAST CAPTURE",
    ]

    var table: [[String]] {
        nodes.map { node in
            [
                node.accountId ?? "-", node.region ?? "-", node.nodeId, node.computerName ?? "-", node.nameTag ?? "-",
                node.platform.isEmpty ? "-" : node.platform, node.agentVersion ?? "-",
                [node.status, node.pingStatus].compactMap { $0 }.joined(separator: " / ").nonEmpty ?? "-",
                node.lastCaptureTime ?? "-",
            ]
        }
    }

    public var textBlocks: [AskBlock] { nodes.isEmpty ? [] : [AskBlock(rows: [Self.header] + table)] }

    public var csvRows: [[String]] {
        [
            [
                "account_id", "region", "node_id", "computer_name", "name_tag", "platform_type", "platform_name",
                "platform_version", "agent_version", "status", "ping_status", "last_capture_time",
            ]
        ]
            + nodes.map { node in
                [
                    node.accountId, node.region, node.nodeId, node.computerName, node.nameTag, node.platformType,
                    node.platformName, node.platformVersion, node.agentVersion, node.status, node.pingStatus,
                    node.lastCaptureTime,
                ].map { $0 ?? "" }
            }
    }

    public var emptyText: String { "no nodes match in snapshot \(snapshot.text)" }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
