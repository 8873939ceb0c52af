import InventoryModel

/// What a decoder knows besides the bytes: the file's name for messages, what its path says,
/// and the user's overrides for files that do not name their node or type.
public struct CaptureContext: Sendable {
    public var displayPath: String
    public var hints: PathHints
    public var nodeIdOverride: String?
    public var typeNameOverride: String?
    /// Replace invalid UTF-8 with U+FFFD (and warn) instead of refusing the file.
    public var repairInvalidUTF8: Bool
    /// The largest single JSON string, or streamed `configurationItems` element, accepted
    /// (`--max-value-bytes`); larger ones fail the file naming its line.
    public var maxValueBytes = 64 << 20
    /// The most bytes a file may expand to when it is decoded whole in memory (gzip output
    /// included); only Config snapshot and history documents are streamed past it.
    public var maxWholeFileBytes = 256 << 20
    /// Content the store already holds: inventory items' groups with these keys are taken by
    /// reference instead of building their rows.
    public var knownGroups = KnownGroups()

    /// - Parameter hints: `PathHints(path: displayPath)` when the caller already has it (an
    ///   ingest of tens of thousands of small files reads each path once).
    public init(
        displayPath: String, nodeIdOverride: String? = nil, typeNameOverride: String? = nil, repairInvalidUTF8: Bool = false,
        hints: PathHints? = nil
    ) {
        self.displayPath = displayPath
        self.hints = hints ?? PathHints(path: displayPath)
        self.nodeIdOverride = nodeIdOverride
        self.typeNameOverride = typeNameOverride
        self.repairInvalidUTF8 = repairInvalidUTF8
    }
}
