import InventoryDiff
import InventoryModel

/// What the diff text needs beyond the changes: which managed nodes are new in or gone from the
/// target snapshot, the names people use for them, why this pair of snapshots was compared, and
/// whether to list new and gone nodes row by row.
public struct DiffTextContext: Sendable {
    /// Managed nodes in the target snapshot but not in the base.
    public var newNodes: Set<String>
    /// Managed nodes in the base snapshot but not in the target (not terminated: not captured).
    public var goneNodes: Set<String>
    /// The EC2 `Name` tag per node id, from the instance's configuration item.
    public var names: [String: String]
    /// One line saying which pair `diff` chose and why, when the user named none.
    public var pairReason: String?
    /// List new and gone nodes row by row (`diff -v`) instead of one line each.
    public var verbose: Bool

    /// A context; the defaults list every change and explain nothing.
    public init(
        newNodes: Set<String> = [], goneNodes: Set<String> = [], names: [String: String] = [:], pairReason: String? = nil,
        verbose: Bool = false
    ) {
        self.newNodes = newNodes
        self.goneNodes = goneNodes
        self.names = names
        self.pairReason = pairReason
        self.verbose = verbose
    }

    /// The one line that stands for all of a new or gone node's changes (or for the types a known
    /// node reports for the first time), or nil when the node's changes are listed one by one. `heading` is `account region node-id name (computer name)`.
    func foldedLine(heading: String, changes: ArraySlice<Change>) -> String? {
        guard !verbose, let nodeId = changes.first?.resourceId else { return nil }
        // Types a known node reports for the first time: their rows are not news, one line names them.
        if changes.allSatisfy({ $0.change == .newlyCaptured }) {
            return "* \(heading) captured for the first time: \(changes.map(\.typeName).joined(separator: ", "))"
        }
        let isNew = newNodes.contains(nodeId)
        guard isNew || goneNodes.contains(nodeId) else { return nil }
        // Only a pure flood folds: a gone node's Config item that really changed stays visible.
        guard changes.allSatisfy({ $0.change == (isNew ? .added : .notCaptured) }) else { return nil }
        let resources = changes.filter { $0.typeName.contains("::") }.count
        let inventory = changes.filter { !$0.typeName.contains("::") }
        let types = Set(inventory.map(\.typeName)).count
        var parts: [String] = []
        if isNew {
            if !inventory.isEmpty { parts.append("\(count(inventory.count, "row")) in \(count(types, "type"))") }
        } else if types > 0 {
            parts.append(count(types, "inventory type"))
        }
        if resources > 0 { parts.append(count(resources, "Config resource")) }
        let what = parts.joined(separator: ", ")
        return isNew ? "+ \(heading) new node: \(what)" : "? \(heading) not in the target snapshot: \(what) not captured"
    }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
