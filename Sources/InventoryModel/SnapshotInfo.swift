/// One stored snapshot as `inventory snapshots` lists it.
public struct SnapshotInfo: Sendable, Hashable, Codable {
    /// The snapshot's id (`inventory diff 3`).
    public var id: Int64
    /// The unique name given with `--label`, if any.
    public var label: String?
    /// Latest capture time in the snapshot (JSON: UTC ISO 8601).
    public var takenAt: Timestamp?
    /// When the ingest ran (JSON: UTC ISO 8601).
    public var ingestedAt: Timestamp
    /// SHA-256 over the input files' hashes and the ingest options: identical input, same fingerprint.
    public var fingerprint: String
    /// False when a paged capture in it ended with a page token.
    public var complete: Bool
    /// Input files recorded (ingested, duplicate, refused or failed).
    public var fileCount: Int
    /// Managed nodes in the snapshot.
    public var nodeCount: Int
    /// Inventory rows in the snapshot (or, in `CoverageInfo`, of one node and type).
    public var entryCount: Int
    /// Config resources (newest configuration item each).
    public var resourceCount: Int
    /// Warnings recorded with the input files.
    public var warningCount: Int

    public init(
        id: Int64, label: String? = nil, takenAt: Timestamp? = nil, ingestedAt: Timestamp, fingerprint: String, complete: Bool,
        fileCount: Int, nodeCount: Int, entryCount: Int, resourceCount: Int, warningCount: Int
    ) {
        self.id = id
        self.label = label
        self.takenAt = takenAt
        self.ingestedAt = ingestedAt
        self.fingerprint = fingerprint
        self.complete = complete
        self.fileCount = fileCount
        self.nodeCount = nodeCount
        self.entryCount = entryCount
        self.resourceCount = resourceCount
        self.warningCount = warningCount
    }
}

/// What an ingest did with one input file (JSON: the raw value).
public enum SourceFileStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Decoded and stored.
    case ingested
    /// The same bytes as an earlier file of the same ingest; not read again.
    case duplicate
    /// A known AWS document that carries no node or resource data (see the message).
    case refused
    /// Could not be decoded; recorded only with `--keep-going`.
    case failed
}

/// What an ingest run did (JSON: the raw value).
public enum IngestOutcome: String, Sendable, Hashable, Codable {
    /// A new snapshot was stored.
    case created
    /// Byte-identical input was stored before; nothing new was stored.
    case unchanged
}

/// One input file's provenance as stored with its snapshot.
public struct SourceFileInfo: Sendable, Hashable, Codable {
    /// The file as given on the command line (`<stdin>` for standard input).
    public var path: String
    /// The detected capture format; nil for refused, failed or duplicate files.
    public var format: CaptureFormat?
    /// What became of the file.
    public var status: SourceFileStatus
    /// Lower-case hex SHA-256 of the file's bytes as read (before gunzip).
    public var sha256: String
    /// Size of the file in bytes.
    public var bytes: Int
    /// Rows plus configuration items decoded from the file.
    public var records: Int
    /// Why the file was refused or failed, or which file it duplicates.
    public var message: String?
    /// Findings about the file (warnings and notes).
    public var warnings: [Diagnostic]

    public init(
        path: String, format: CaptureFormat?, status: SourceFileStatus, sha256: String, bytes: Int, records: Int,
        message: String? = nil, warnings: [Diagnostic] = []
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
    /// Managed node id (`i-…`, `mi-…`).
    public var nodeId: String
    /// Inventory type (`AWS:Application`, `Custom:…`).
    public var typeName: String
    /// The type's schema version as captured (`1.1`).
    public var schemaVersion: String?
    /// Capture time, UTC ISO 8601.
    public var captureTime: String?
    /// False when the capture ended with a page token (rows may be missing).
    public var complete: Bool
    /// Inventory rows in the snapshot (or, in `CoverageInfo`, of one node and type).
    public var entryCount: Int
    /// SHA-256 over the sorted content hashes of the rows: equal means identical rows.
    public var contentFingerprint: String?

    public init(
        nodeId: String, typeName: String, schemaVersion: String? = nil, captureTime: String? = nil, complete: Bool, entryCount: Int,
        contentFingerprint: String? = nil
    ) {
        self.nodeId = nodeId
        self.typeName = typeName
        self.schemaVersion = schemaVersion
        self.captureTime = captureTime
        self.complete = complete
        self.entryCount = entryCount
        self.contentFingerprint = contentFingerprint
    }
}

/// One stored inventory row.
public struct StoredEntry: Sendable, Hashable {
    /// Managed node id (`i-…`, `mi-…`).
    public var nodeId: String
    /// Inventory type (`AWS:Application`, `Custom:…`).
    public var typeName: String
    /// The row's identity values joined by U+001F (see `IdentityKey`).
    public var identityKey: String
    /// The key the row had in a map-shaped `Content` (package name, instance id).
    public var mapKey: String?
    /// Attribute name → text value.
    public var attributes: [String: String]
    /// SHA-256 of the canonical attribute text.
    public var contentHash: String

    public init(
        nodeId: String, typeName: String, identityKey: String, mapKey: String? = nil, attributes: [String: String], contentHash: String
    ) {
        self.nodeId = nodeId
        self.typeName = typeName
        self.identityKey = identityKey
        self.mapKey = mapKey
        self.attributes = attributes
        self.contentHash = contentHash
    }
}

/// One stored configuration item (the newest per resource in its snapshot).
public struct StoredResource: Sendable, Hashable {
    /// Config resource type, e.g. `AWS::EC2::Instance`.
    public var resourceType: String
    /// The resource id as Config records it.
    public var resourceId: String
    /// 12-digit account id, kept as text.
    public var accountId: String?
    /// AWS region, e.g. `us-east-1`.
    public var region: String?
    /// As recorded (`us-east-1a`, `Regional`, `Not Applicable`, nil).
    public var availabilityZone: String?
    /// The resource's name, if Config has one.
    public var resourceName: String?
    /// The resource ARN (`arn` or `ARN`); absent on some items.
    public var arn: String?
    /// `configurationItemStatus` (`OK`, `ResourceDeleted`, …).
    public var status: String?
    /// Capture time, UTC ISO 8601.
    public var captureTime: String?
    /// `configurationStateId` as text.
    public var configurationStateId: String?
    /// Creation time, UTC ISO 8601.
    public var resourceCreationTime: String?
    /// Configuration item schema version (`1.3`).
    public var version: String?
    /// Canonical JSON (sorted keys) or nil when the item carried none.
    public var configuration: String?
    /// Canonical JSON of `supplementaryConfiguration`, JSON-in-string values decoded once.
    public var supplementaryConfiguration: String?
    /// Canonical JSON object of tag key → value.
    public var tags: String
    /// Canonical JSON array of relationships, sorted (their order is not a change).
    public var relationships: String
    /// False for summaries (oversized notifications, select results of inventory items).
    public var payloadIncluded: Bool
    /// True when the item's content is also stored as inventory rows.
    public var contentInInventory: Bool
    /// For summaries: where Config put the full item.
    public var s3Location: String?
    /// For advanced-query (select) results: the property paths the item carries
    /// (`configuration.instanceType`, `tags`); nil for a whole configuration item.
    public var selectedProperties: [String]?
    /// The stored content's id (store v4): equal ids mean equal content, everything but the
    /// capture time, state id and source file. Nil before v4.
    public var contentId: Int64? = nil

    public init(
        resourceType: String, resourceId: String, accountId: String? = nil, region: String? = nil, availabilityZone: String? = nil,
        resourceName: String? = nil, arn: String? = nil, status: String? = nil, captureTime: String? = nil,
        configurationStateId: String? = nil, resourceCreationTime: String? = nil, version: String? = nil, configuration: String? = nil,
        supplementaryConfiguration: String? = nil, tags: String, relationships: String, payloadIncluded: Bool, contentInInventory: Bool,
        s3Location: String? = nil, selectedProperties: [String]? = nil
    ) {
        self.resourceType = resourceType
        self.resourceId = resourceId
        self.accountId = accountId
        self.region = region
        self.availabilityZone = availabilityZone
        self.resourceName = resourceName
        self.arn = arn
        self.status = status
        self.captureTime = captureTime
        self.configurationStateId = configurationStateId
        self.resourceCreationTime = resourceCreationTime
        self.version = version
        self.configuration = configuration
        self.supplementaryConfiguration = supplementaryConfiguration
        self.tags = tags
        self.relationships = relationships
        self.payloadIncluded = payloadIncluded
        self.contentInInventory = contentInInventory
        self.s3Location = s3Location
        self.selectedProperties = selectedProperties
    }
}
