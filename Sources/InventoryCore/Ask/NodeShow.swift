import InventoryModel
import InventoryReport
import SnapshotStore

/// `inventory show NODE`: one node of a snapshot — its facts, every captured type with its rows,
/// and its Config items.
public struct NodeShow: AskAnswer {
    /// One captured inventory type of the node.
    public struct TypeRows: Codable, Sendable, Hashable {
        public var typeName: String
        public var captureTime: String?
        public var schemaVersion: String?
        public var complete: Bool
        public var rows: [[String: String]]
    }

    /// One Config item of the node (the EC2 instance, the managed-instance inventory item).
    public struct Item: Codable, Sendable, Hashable {
        public var resourceType: String
        public var resourceId: String
        public var status: String?
        public var captureTime: String?
        public var arn: String?
        public var tags: [String: String]
        /// The top-level configuration values, compact JSON for objects and lists; empty when the
        /// configuration is on the inventory rows (managed-instance inventory) or was not delivered.
        public var configuration: [String: String]
    }

    public var snapshot: AskSnapshot
    public var node: NodeListing.Node
    public var types: [TypeRows]
    public var configurationItems: [Item]

    /// The node `reference` names in snapshot `snapshotReference`: a node id or a computer name,
    /// exactly or by a unique prefix (ignoring case).
    /// - Throws: `.invalidArgument` naming the candidates when the reference is ambiguous, or the
    ///   closest known names when it matches nothing.
    public static func run(store: InventoryStore, node reference: String, snapshot snapshotReference: String = "latest")
        throws(InventoryError) -> NodeShow
    {
        try store.consistently { () throws(InventoryError) -> NodeShow in
            let snapshot = try store.resolve(snapshotReference)
            let nodes = try store.nodes(snapshotId: snapshot.id)
            let node = try pick(reference, among: nodes, snapshot: snapshot)
            let facts = try NodeFacts(store: store, snapshots: [snapshot])
            var types: [TypeRows] = []
            for coverage in try store.coverage(snapshotId: snapshot.id) where coverage.nodeId == node.nodeId {
                var rows: [[String: String]] = []
                try store.forEachEntry(snapshotId: snapshot.id, typeName: coverage.typeName, nodeId: node.nodeId) {
                    rows.append($0.attributes)
                }
                types.append(
                    TypeRows(
                        typeName: coverage.typeName, captureTime: coverage.captureTime, schemaVersion: coverage.schemaVersion,
                        complete: coverage.complete, rows: rows))
            }
            let items = try store.resources(snapshotId: snapshot.id, inventoryConfiguration: false)
                .filter { $0.resourceId == node.nodeId }
                .map { item in
                    Item(
                        resourceType: item.resourceType, resourceId: item.resourceId, status: item.status,
                        captureTime: item.captureTime, arn: item.arn, tags: members(item.tags), configuration: members(item.configuration))
                }
            return NodeShow(
                snapshot: AskSnapshot(snapshot), node: NodeListing.Node(node, nameTag: facts.nameTags[node.nodeId]),
                types: types, configurationItems: items)
        }
    }

    static func pick(_ reference: String, among nodes: [ManagedNode], snapshot: SnapshotInfo) throws(InventoryError) -> ManagedNode {
        if let exact = nodes.first(where: { $0.nodeId == reference }) { return exact }
        let named = nodes.filter { $0.computerName?.caseInsensitiveCompare(reference) == .orderedSame }
        if named.count == 1 { return named[0] }
        let lowered = reference.lowercased()
        let candidates =
            named.isEmpty
            ? nodes.filter { $0.nodeId.lowercased().hasPrefix(lowered) || ($0.computerName?.lowercased().hasPrefix(lowered) ?? false) }
            : named
        if candidates.count == 1 { return candidates[0] }
        if candidates.count > 1 {
            let listed = candidates.map { $0.nodeId + ($0.computerName.map { " (\($0))" } ?? "") }.joined(separator: ", ")
            throw .invalidArgument(message: "\(reference) matches \(candidates.count) nodes: \(listed); give more of the id or name")
        }
        let known = nodes.map(\.nodeId) + nodes.compactMap(\.computerName)
        let closest = Suggestions.closest(to: reference, among: known.sorted())
        throw .invalidArgument(
            message: "\(reference): no node of snapshot #\(snapshot.id) has this id or computer name"
                + (closest.isEmpty ? "" : "; closest known: \(closest.joined(separator: ", "))"))
    }

    /// An object's members as text (scalars as they are, objects and lists as compact JSON).
    static func members(_ json: String?) -> [String: String] {
        guard let json, let object = (try? JSONParser.parse(json))?.objectValue else { return [:] }
        var values: [String: String] = [:]
        for member in object.members { values[member.key] = member.value.scalarText ?? member.value.compactJSON() }
        return values
    }

    public var textBlocks: [AskBlock] {
        let facts: [(String, String?)] = [
            ("account", node.accountId), ("region", node.region), ("computer name", node.computerName),
            ("Name tag", node.nameTag),
            ("platform", [node.platformType, node.platform.nonEmpty].compactMap { $0 }.joined(separator: ", ")),
            ("agent", node.agentVersion), ("status", node.status), ("ping status", node.pingStatus),
            ("last capture", node.lastCaptureTime),
        ]
        var blocks = [
            AskBlock(
                title: "node \(node.nodeId) in snapshot \(snapshot.text)",
                rows: [["FIELD", "VALUE"]] + facts.compactMap { fact in fact.1.flatMap { $0.nonEmpty }.map { [fact.0, $0] } })
        ]
        for type in types {
            let columns = Self.columns(type)
            let title =
                "\(type.typeName): \(type.rows.count) row\(type.rows.count == 1 ? "" : "s")"
                + (type.captureTime.map { ", captured \($0)" } ?? "") + (type.complete ? "" : " (incomplete capture)")
            blocks.append(AskBlock(title: title, rows: [columns] + type.rows.map { row in columns.map { row[$0] ?? "" } }))
        }
        for item in configurationItems {
            var rows = [
                ["FIELD", "VALUE"], ["status", item.status ?? ""], ["capture time", item.captureTime ?? ""], ["arn", item.arn ?? ""],
            ]
            rows += item.tags.keys.sorted().map { ["tags.\($0)", item.tags[$0] ?? ""] }
            rows += item.configuration.keys.sorted().map { ["configuration.\($0)", item.configuration[$0] ?? ""] }
            blocks.append(
                AskBlock(title: "\(item.resourceType) \(item.resourceId)", rows: rows.filter { !$0[1].isEmpty || $0[0] == "FIELD" }))
        }
        return blocks
    }

    /// A type's columns: the identity attributes first, then the others by name; empty ones left out.
    static func columns(_ type: TypeRows) -> [String] {
        var used = Set<String>()
        for row in type.rows { for (name, value) in row where !value.isEmpty { used.insert(name) } }
        var identity: [String] = []
        for name in (IdentityKey.attributes(forType: type.typeName) ?? []) + ["Version", "Release", "Epoch"]
        where used.contains(name) && !identity.contains(name) {
            identity.append(name)
        }
        return identity + used.subtracting(identity).sorted()
    }

    public var csvRows: [[String]] {
        var rows = [["section", "type", "row", "attribute", "value"]]
        let facts = try? JSONOutput.compactText(node)
        if let facts, let object = (try? JSONParser.parse(facts))?.objectValue {
            for member in object.members {
                rows.append(["node", "", "", member.key, member.value.scalarText ?? member.value.compactJSON()])
            }
        }
        for type in types {
            for (index, row) in type.rows.enumerated() {
                for name in row.keys.sorted() { rows.append(["inventory", type.typeName, "\(index + 1)", name, row[name] ?? ""]) }
            }
        }
        for item in configurationItems {
            for (name, value) in [("status", item.status), ("captureTime", item.captureTime), ("arn", item.arn)] {
                rows.append(["config", item.resourceType, item.resourceId, name, value ?? ""])
            }
            for name in item.tags.keys.sorted() {
                rows.append(["config", item.resourceType, item.resourceId, "tags.\(name)", item.tags[name] ?? ""])
            }
            for name in item.configuration.keys.sorted() {
                rows.append(["config", item.resourceType, item.resourceId, "configuration.\(name)", item.configuration[name] ?? ""])
            }
        }
        return rows
    }

    public var emptyText: String { "" }
}
