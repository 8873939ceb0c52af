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

    public init(displayPath: String, nodeIdOverride: String? = nil, typeNameOverride: String? = nil, repairInvalidUTF8: Bool = false) {
        self.displayPath = displayPath
        self.hints = PathHints(path: displayPath)
        self.nodeIdOverride = nodeIdOverride
        self.typeNameOverride = typeNameOverride
        self.repairInvalidUTF8 = repairInvalidUTF8
    }
}
