import InventoryModel
import InventoryReport
import SnapshotStore

/// One titled table of a text answer; the first row is the header.
public struct AskBlock: Sendable {
    public var title: String?
    public var rows: [[String]]

    public init(title: String? = nil, rows: [[String]]) {
        self.title = title
        self.rows = rows
    }
}

/// What `nodes`, `show`, `find` and `history` answer: the value itself as JSON, aligned tables as
/// text, one table (header first) as CSV.
public protocol AskAnswer: Encodable, Sendable {
    /// The text output: titled tables; empty when nothing matched.
    var textBlocks: [AskBlock] { get }
    /// The CSV output, header first.
    var csvRows: [[String]] { get }
    /// The text line printed when nothing matched.
    var emptyText: String { get }
}

/// A name pattern with `*` (any run of characters) and `?` (one character), matched ignoring case.
public struct NamePattern: Sendable, Hashable {
    let pattern: [Character]

    public init(_ text: String) { pattern = Array(text.lowercased()) }

    public func matches(_ text: String) -> Bool {
        let text = Array(text.lowercased())
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || (pattern[p] != "*" && pattern[p] == text[t]) {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

/// A snapshot as an answer names it: id, label, capture time.
public struct AskSnapshot: Codable, Sendable, Hashable {
    public var id: Int64
    public var label: String?
    public var takenAt: String?

    init(_ snapshot: SnapshotInfo) {
        id = snapshot.id
        label = snapshot.label
        takenAt = snapshot.takenAt?.iso8601
    }

    /// `#2 after (2026-11-15T02:51:36Z)`.
    var text: String { "#\(id)" + (label.map { " \($0)" } ?? "") + (takenAt.map { " (\($0))" } ?? "") }
}

/// The facts about a store's nodes every answer shows beside a row: account, region, computer name,
/// Name tag, platform ordering.
struct NodeFacts {
    var nodes: [String: ManagedNode] = [:]
    var nameTags: [String: String] = [:]

    init(store: InventoryStore, snapshots: [SnapshotInfo]) throws(InventoryError) {
        // Later snapshots win: the newest facts about a node.
        for snapshot in snapshots {
            for node in try store.nodes(snapshotId: snapshot.id) { nodes[node.nodeId] = node }
            for item in try store.resources(snapshotId: snapshot.id, resourceType: "AWS::EC2::Instance", inventoryConfiguration: false) {
                if let name = DiffPresentation.nameTag(item.tags) { nameTags[item.resourceId] = name }
            }
        }
    }

    func scheme(_ nodeId: String) -> VersionScheme {
        let node = nodes[nodeId]
        return VersionScheme.forPlatform(platformName: node?.platformName, platformType: node?.platformType)
    }
}

/// What `--type`, `--node`, `--account` and `--region` select, checked against the snapshots a
/// command reads: an unknown value is an error naming the closest known ones (exit 2).
public struct AskScope: Sendable {
    public var types: [String] = []
    public var nodes: [String] = []
    public var accounts: [String] = []
    public var regions: [String] = []

    public init(types: [String] = [], nodes: [String] = [], accounts: [String] = [], regions: [String] = []) {
        self.types = types
        self.nodes = nodes
        self.accounts = accounts
        self.regions = regions
    }

    /// The filters as diff options, node names replaced by node ids.
    func resolved(store: InventoryStore, snapshots: [SnapshotInfo]) throws(InventoryError) -> DiffOptions {
        try DiffFilters.resolved(
            DiffOptions(types: types, nodes: nodes, accounts: accounts, regions: regions), store: store, snapshots: snapshots)
    }

    /// True when a node passes the node, account and region filters of `options`.
    static func admits(_ node: ManagedNode?, nodeId: String, _ options: DiffOptions) -> Bool {
        if !options.nodes.isEmpty, !options.nodes.contains(nodeId) { return false }
        if !options.accounts.isEmpty, !options.accounts.contains(node?.accountId ?? "") { return false }
        if !options.regions.isEmpty, !options.regions.contains(node?.region ?? "") { return false }
        return true
    }

    /// The snapshot's type names the `--type` filter selects (all when none given), spelled as stored.
    static func typeNames(_ options: DiffOptions, among names: [String]) -> [String] {
        guard !options.types.isEmpty else { return names }
        return names.filter { name in options.types.contains { $0.caseInsensitiveCompare(name) == .orderedSame } }
    }
}
