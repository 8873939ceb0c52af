import InventoryModel
import SnapshotStore

/// `inventory find`: the inventory rows of one snapshot that match a name, version bounds and
/// attribute conditions, across nodes, each with its node.
public struct RowFind: AskAnswer {
    /// One matching row.
    public struct Match: Codable, Sendable, Hashable {
        public var accountId: String?
        public var region: String?
        public var nodeId: String
        public var computerName: String?
        public var nameTag: String?
        public var typeName: String
        /// The row's identity as people read it (`openssl-libs / x86_64 / Amazon Linux`).
        public var key: String
        /// `epoch:version-release` from the row's `Version` (`Epoch`, `Release`), when it has one.
        public var version: String?
        /// How the node orders versions: rpm, dpkg or dotted.
        public var versionScheme: VersionScheme
        public var attributes: [String: String]
    }

    public var snapshot: AskSnapshot
    public var matches: [Match]

    /// What `find` looks for.
    public struct Query: Sendable {
        public var snapshot = "latest"
        public var scope = AskScope()
        /// `Name` pattern with `*` and `?`, ignoring case.
        public var name: String?
        /// Rows whose version orders before this one (the node's platform ordering).
        public var versionBelow: String?
        /// Rows whose version orders the same as or after this one.
        public var versionAtLeast: String?
        /// `ATTR=VALUE` conditions, all of which must hold; VALUE takes `*` and `?`; names ignore case.
        public var conditions: [String] = []

        public init() {}
    }

    /// Finds the rows; `.invalidArgument` for a malformed condition or an unknown filter value.
    public static func run(store: InventoryStore, query: Query) throws(InventoryError) -> RowFind {
        var conditions: [(name: String, value: NamePattern)] = []
        for condition in query.conditions {
            guard let equals = condition.firstIndex(of: "="), equals != condition.startIndex else {
                throw .invalidArgument(message: "--where \(condition): give ATTRIBUTE=VALUE (VALUE may use * and ?)")
            }
            conditions.append((String(condition[..<equals]), NamePattern(String(condition[condition.index(after: equals)...]))))
        }
        let name = query.name.map(NamePattern.init)
        return try store.consistently { () throws(InventoryError) -> RowFind in
            let snapshot = try store.resolve(query.snapshot)
            let options = try query.scope.resolved(store: store, snapshots: [snapshot])
            let facts = try NodeFacts(store: store, snapshots: [snapshot])
            var matches: [Match] = []
            let types = AskScope.typeNames(options, among: try store.typeNames(snapshotId: snapshot.id))
            // A --where attribute no row of these types has is a typo, not "no rows".
            var known = Set<String>()
            for typeName in types { known.formUnion(try store.attributeNames(snapshotId: snapshot.id, typeName: typeName)) }
            for condition in conditions where !known.contains(where: { $0.caseInsensitiveCompare(condition.name) == .orderedSame }) {
                let closest = Suggestions.closest(to: condition.name, among: known.sorted())
                throw .invalidArgument(
                    message:
                        "--where \(condition.name): no row of \(options.types.isEmpty ? "the snapshot" : "these types") has this attribute"
                        + (closest.isEmpty ? "" : "; closest known: \(closest.joined(separator: ", "))"))
            }
            let nodeIds: [String?] = options.nodes.isEmpty ? [nil] : options.nodes.map { $0 }
            for typeName in types {
                for nodeId in nodeIds {
                    try store.forEachEntry(snapshotId: snapshot.id, typeName: typeName, nodeId: nodeId) { entry in
                        let node = facts.nodes[entry.nodeId]
                        guard AskScope.admits(node, nodeId: entry.nodeId, options) else { return }
                        if let name, !name.matches(IdentityKey.value("Name", in: entry.attributes) ?? "") { return }
                        for condition in conditions
                        where !condition.value.matches(IdentityKey.value(condition.name, in: entry.attributes) ?? "") {
                            return
                        }
                        let scheme = facts.scheme(entry.nodeId)
                        let version = Self.version(of: entry.attributes, scheme: scheme)
                        if query.versionBelow != nil || query.versionAtLeast != nil {
                            guard let version else { return }
                            if let bound = query.versionBelow, Self.compare(version, bound, scheme: scheme) != .older { return }
                            if let bound = query.versionAtLeast, Self.compare(version, bound, scheme: scheme) == .older { return }
                        }
                        matches.append(
                            Match(
                                accountId: node?.accountId, region: node?.region, nodeId: entry.nodeId,
                                computerName: node?.computerName, nameTag: facts.nameTags[entry.nodeId], typeName: entry.typeName,
                                key: IdentityKey.display(entry.identityKey), version: Self.versionText(entry.attributes),
                                versionScheme: scheme, attributes: entry.attributes))
                    }
                }
            }
            matches.sort {
                ($0.accountId ?? "", $0.region ?? "", $0.nodeId, $0.typeName, $0.key) < (
                    $1.accountId ?? "", $1.region ?? "", $1.nodeId, $1.typeName, $1.key
                )
            }
            return RowFind(snapshot: AskSnapshot(snapshot), matches: matches)
        }
    }

    /// The row's version: `Version` with the row's own `Epoch` and `Release` when it has them
    /// (SSM rpm rows), else `Version` split as the scheme's tools split it (dpkg rows carry
    /// `1:8.9p1-3ubuntu0.10` whole).
    static func version(of attributes: [String: String], scheme: VersionScheme) -> PackageVersion? {
        guard let text = IdentityKey.value("Version", in: attributes), !text.isEmpty else { return nil }
        let epoch = IdentityKey.value("Epoch", in: attributes).flatMap { $0.isEmpty ? nil : $0 }
        let release = IdentityKey.value("Release", in: attributes).flatMap { $0.isEmpty ? nil : $0 }
        if epoch == nil, release == nil { return PackageVersion.parse(text, scheme: scheme) }
        return PackageVersion(epoch: epoch, version: text, release: release)
    }

    /// The row's version as people read it: `[epoch:]version[-release]`, epoch 0 left out.
    static func versionText(_ attributes: [String: String]) -> String? {
        guard let version = IdentityKey.value("Version", in: attributes), !version.isEmpty else { return nil }
        let epoch = IdentityKey.value("Epoch", in: attributes).flatMap { $0.isEmpty || $0 == "0" ? nil : $0 }
        let release = IdentityKey.value("Release", in: attributes).flatMap { $0.isEmpty ? nil : $0 }
        return (epoch.map { "\($0):" } ?? "") + version + (release.map { "-\($0)" } ?? "")
    }

    /// Compares a row's version with a bound. A bound without an epoch compares version and
    /// release only (`--version-below 3.0.15` means openssl 3.0.8 whatever its epoch); a bound
    /// without a release ignores the row's release under rpm (as rpm does).
    static func compare(_ version: PackageVersion, _ boundText: String, scheme: VersionScheme) -> VersionComparison {
        var bound = PackageVersion.parse(boundText, scheme: scheme)
        if bound.epoch == nil { bound.epoch = version.epoch }
        return VersionOrdering.compare(version, bound, scheme: scheme)
    }

    public var textBlocks: [AskBlock] {
        guard !matches.isEmpty else { return [] }
        let header = ["ACCOUNT", "REGION", "NODE", "COMPUTER NAME", "TYPE", "ROW", "VERSION"]
        return [
            AskBlock(
                rows: [header]
                    + matches.map { match in
                        [
                            match.accountId ?? "-", match.region ?? "-", match.nodeId, match.computerName ?? match.nameTag ?? "-",
                            match.typeName, match.key, match.version ?? "-",
                        ]
                    })
        ]
    }

    public var csvRows: [[String]] {
        [["account_id", "region", "node_id", "computer_name", "name_tag", "type_name", "key", "version", "version_scheme", "attributes"]]
            + matches.map { match in
                [
                    match.accountId ?? "", match.region ?? "", match.nodeId, match.computerName ?? "", match.nameTag ?? "",
                    match.typeName, match.key, match.version ?? "", match.versionScheme.rawValue,
                    (try? JSONOutput.compactText(match.attributes)) ?? "",
                ]
            }
    }

    public var emptyText: String { "no rows match in snapshot \(snapshot.text)" }
}
