/// An extra table a workbook carries as one plain sheet after Changes (`export --history`'s Timeline).
public struct ReportTable: Sendable, Hashable {
    /// Sheet name (made unique among the workbook's sheets).
    public var name: String
    /// Header texts, final.
    public var columns: [String]
    /// Rows of text, in order.
    public var rows: [[String]]

    public init(name: String, columns: [String], rows: [[String]]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }
}
