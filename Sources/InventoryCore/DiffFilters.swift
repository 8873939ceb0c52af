import InventoryDiff
import InventoryModel
import InventoryReport
import SnapshotStore

/// A `--type`, `--node`, `--account` or `--region` value that neither snapshot knows.
public struct UnknownFilterValue: Error, Sendable, CustomStringConvertible {
    /// The option, e.g. `--type`.
    public let option: String
    /// The value as given.
    public let value: String
    /// Known values closest to it.
    public let suggestions: [String]
    /// Which snapshots were looked in, as the message says it.
    var scope = "neither snapshot has it"

    /// One line for stderr.
    public var description: String {
        var text = "\(option) \(value): \(scope)"
        if !suggestions.isEmpty { text += "; closest known: \(suggestions.joined(separator: ", "))" }
        return text
    }
}

/// Checks the diff's filters against the two snapshots before diffing, so a typo is an error
/// (exit 2) rather than an empty diff ("no changes"), and lets a node be given by computer name.
public enum DiffFilters {
    /// The options with each `--node` computer name replaced by its node ids.
    /// - Throws: ``UnknownFilterValue`` for the first value neither snapshot holds, naming the closest known ones;
    ///   `InventoryError` from the store.
    /// `resolve` with every failure as an `InventoryError` (`.invalidArgument` for an unknown value).
    public static func resolved(_ options: DiffOptions, store: InventoryStore, base: SnapshotInfo, target: SnapshotInfo)
        throws(InventoryError) -> DiffOptions
    {
        try resolved(options, store: store, snapshots: [base, target])
    }

    /// The same check against any number of snapshots (`find`, `history`): a value is known when one of them holds it.
    public static func resolved(_ options: DiffOptions, store: InventoryStore, snapshots: [SnapshotInfo])
        throws(InventoryError) -> DiffOptions
    {
        do { return try resolve(options, store: store, snapshots: snapshots) } catch var error as UnknownFilterValue {
            if snapshots.count != 2 {
                error.scope = snapshots.count == 1 ? "the snapshot does not have it" : "no snapshot in the range has it"
            }
            throw .invalidArgument(message: "\(error)")
        } catch let error as InventoryError {
            throw error
        } catch {
            throw .invalidArgument(message: "\(error)")
        }
    }

    public static func resolve(_ options: DiffOptions, store: InventoryStore, base: SnapshotInfo, target: SnapshotInfo) throws
        -> DiffOptions
    {
        try resolve(options, store: store, snapshots: [base, target])
    }

    static func resolve(_ options: DiffOptions, store: InventoryStore, snapshots: [SnapshotInfo]) throws -> DiffOptions {
        guard !(options.types.isEmpty && options.nodes.isEmpty && options.accounts.isEmpty && options.regions.isEmpty) else {
            return options
        }
        var resolved = options
        let unique = snapshots.reduce(into: [SnapshotInfo]()) { list, snapshot in
            if !list.contains(where: { $0.id == snapshot.id }) { list.append(snapshot) }
        }
        let nodes = try unique.flatMap { snapshot throws in try store.nodes(snapshotId: snapshot.id) }
        var types = Set<String>()
        for snapshot in unique {
            types.formUnion(try store.typeNames(snapshotId: snapshot.id))
            types.formUnion(try store.resourceTypes(snapshotId: snapshot.id))
        }
        var resources: [StoredResource]?
        func allResources() throws -> [StoredResource] {
            if let resources { return resources }
            let loaded = try unique.flatMap { snapshot throws in try store.resources(snapshotId: snapshot.id, inventoryConfiguration: false)
            }
            resources = loaded
            return loaded
        }
        for type in options.types where !types.contains(where: { $0.caseInsensitiveCompare(type) == .orderedSame }) {
            throw UnknownFilterValue(option: "--type", value: type, suggestions: Suggestions.closest(to: type, among: types.sorted()))
        }
        if !options.nodes.isEmpty {
            var ids: [String] = []
            let nodeIds = Set(nodes.map(\.nodeId))
            for value in options.nodes {
                if nodeIds.contains(value) {
                    ids.append(value)
                    continue
                }
                let named = Set(nodes.filter { $0.computerName?.caseInsensitiveCompare(value) == .orderedSame }.map(\.nodeId))
                if !named.isEmpty {
                    ids += named.sorted()
                    continue
                }
                let resourceIds = Set(try allResources().map(\.resourceId))
                if resourceIds.contains(value) {
                    ids.append(value)
                    continue
                }
                let known = Array(nodeIds) + nodes.compactMap(\.computerName) + Array(resourceIds)
                throw UnknownFilterValue(
                    option: "--node", value: value, suggestions: Suggestions.closest(to: value, among: Array(Set(known)).sorted()))
            }
            resolved.nodes = ids
        }
        if !options.accounts.isEmpty || !options.regions.isEmpty {
            var accounts = Set(nodes.compactMap(\.accountId))
            var regions = Set(nodes.compactMap(\.region))
            let unknownAccount = options.accounts.contains { !accounts.contains($0) }
            let unknownRegion = options.regions.contains { !regions.contains($0) }
            if unknownAccount || unknownRegion {
                for resource in try allResources() {
                    if let account = resource.accountId { accounts.insert(account) }
                    if let region = resource.region { regions.insert(region) }
                }
            }
            for account in options.accounts where !accounts.contains(account) {
                throw UnknownFilterValue(
                    option: "--account", value: account, suggestions: Suggestions.closest(to: account, among: accounts.sorted()))
            }
            for region in options.regions where !regions.contains(region) {
                throw UnknownFilterValue(
                    option: "--region", value: region, suggestions: Suggestions.closest(to: region, among: regions.sorted()))
            }
        }
        return resolved
    }
}
