/// One stored snapshot as `inventory snapshots` lists it.
public struct SnapshotInfo: Sendable, Hashable, Codable {
    public var id: Int64
    public var label: String?
    /// Latest capture time in the snapshot, UTC ISO 8601.
    public var takenAt: String?
    /// When the ingest ran, UTC ISO 8601.
    public var ingestedAt: String
    public var fingerprint: String
    /// False when a paged capture in it ended with a page token.
    public var complete: Bool
    public var fileCount: Int
    public var nodeCount: Int
    public var entryCount: Int
    public var resourceCount: Int
    public var warningCount: Int
}

/// One input file's provenance as stored with its snapshot.
public struct SourceFileInfo: Sendable, Hashable, Codable {
    public var path: String
    public var format: String?
    /// `ingested`, `duplicate`, `refused` or `failed` (the last only with `--keep-going`).
    public var status: String
    public var sha256: String
    public var bytes: Int
    public var records: Int
    public var message: String?
    public var warnings: [String]

    public init(
        path: String, format: String?, status: String, sha256: String, bytes: Int, records: Int, message: String? = nil,
        warnings: [String] = []
    ) {
        self.path = path
        self.format = format
        self.status = status
        self.sha256 = sha256
        self.bytes = bytes
        self.records = records
        self.message = message
        self.warnings = warnings
    }
}

/// One (node, inventory type) a snapshot captured, with its row count (possibly zero).
public struct CoverageInfo: Sendable, Hashable {
    public var nodeId: String
    public var typeName: String
    public var schemaVersion: String?
    public var captureTime: String?
    public var complete: Bool
    public var entryCount: Int
    /// SHA-256 over the sorted content hashes of the rows: equal means identical rows.
    public var contentFingerprint: String?
}

/// One stored inventory row.
public struct StoredEntry: Sendable, Hashable {
    public var nodeId: String
    public var typeName: String
    public var identityKey: String
    public var mapKey: String?
    /// Attribute name → text value.
    public var attributes: [String: String]
    public var contentHash: String
}

/// One stored configuration item (the newest per resource in its snapshot).
public struct StoredResource: Sendable, Hashable {
    public var resourceType: String
    public var resourceId: String
    public var accountId: String?
    public var region: String?
    public var availabilityZone: String?
    public var resourceName: String?
    public var arn: String?
    public var status: String?
    public var captureTime: String?
    public var configurationStateId: String?
    public var resourceCreationTime: String?
    public var version: String?
    /// Canonical JSON (sorted keys) or nil when the item carried none.
    public var configuration: String?
    public var supplementaryConfiguration: String?
    /// Canonical JSON object of tag key → value.
    public var tags: String
    /// Canonical JSON array of relationships, sorted (their order is not a change).
    public var relationships: String
    public var payloadIncluded: Bool
    public var contentInInventory: Bool
    public var s3Location: String?
}
