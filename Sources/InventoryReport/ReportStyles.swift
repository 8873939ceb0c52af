import InventoryDiff
import InventoryModel
import SnapshotStore
import XlsxWriter

/// The workbook's formats, created once per workbook.
struct ReportStyles {
    let header: Format
    let plain: Format
    let title: Format
    let dateTimeFormat: Format
    let integerFormat: Format
    let total: Format
    let kinds: [Change.Kind: Format]
    /// The dashboard's title, headings, labels, figures and notes.
    let bigTitle: Format
    let heading: Format
    let label: Format
    let figure: Format
    let note: Format
    /// Internal links shown as text or as a count.
    let link: Format
    let linkInteger: Format
    private let workbook: Workbook

    static let tabSummary: UInt32 = 0x1F4E79
    static let tabChanges: UInt32 = 0xC55A11
    static let tabInventory: UInt32 = 0x548235
    static let tabConfig: UInt32 = 0x7030A0
    static let tabAbout: UInt32 = 0x7F7F7F

    init(workbook: Workbook) throws {
        self.workbook = workbook
        header = try workbook.addFormat(FormatSpec(bold: true, fontColor: 0xFFFFFF, backgroundColor: 0x1F4E79))
        plain = try workbook.addFormat(FormatSpec())
        title = try workbook.addFormat(FormatSpec(bold: true))
        dateTimeFormat = try workbook.addFormat(.dateTime)
        integerFormat = try workbook.addFormat(.groupedInteger)
        total = try workbook.addFormat(FormatSpec(bold: true, numberFormat: "#,##0"))
        var kinds: [Change.Kind: Format] = [:]
        let colours: [Change.Kind: UInt32] = [
            .added: 0xE2EFDA, .removed: 0xFCE4D6, .changed: 0xFFF2CC, .attributesAdded: 0xDDEBF7,
            .multiplicity: 0xEDE2F6, .statusChanged: 0xF8CBAD, .notCaptured: 0xEDEDED, .newlyCaptured: 0xEDEDED,
        ]
        for (kind, colour) in colours { kinds[kind] = try workbook.addFormat(FormatSpec(backgroundColor: colour)) }
        self.kinds = kinds
        bigTitle = try workbook.addFormat(FormatSpec(bold: true, fontColor: 0x1F4E79, fontSize: 18))
        heading = try workbook.addFormat(FormatSpec(bold: true, fontColor: 0x1F4E79, fontSize: 13))
        label = try workbook.addFormat(FormatSpec(bold: true))
        figure = try workbook.addFormat(FormatSpec(bold: true, numberFormat: "#,##0", horizontalAlignment: .right))
        note = try workbook.addFormat(FormatSpec(italic: true, fontColor: 0x595959))
        link = try workbook.addFormat(FormatSpec.hyperlink)
        var linkSpec = FormatSpec.hyperlink
        linkSpec.numberFormat = FormatSpec.groupedInteger.numberFormat
        linkInteger = try workbook.addFormat(linkSpec)
    }

    /// The format of a model cell's style (nil: none).
    func format(_ style: CellStyle) -> Format? {
        switch style {
        case .plain: nil
        case .header: header
        case .title: bigTitle
        case .heading: heading
        case .label: label
        case .figure: figure
        case .note: note
        case .kind(let kind): kinds[kind]
        }
    }

    /// The date-time format, merged with a row's fill when it has one.
    func dateTime(_ row: Format?) throws -> Format {
        guard let row else { return dateTimeFormat }
        var spec = row.spec
        spec.numberFormat = FormatSpec.dateTime.numberFormat
        return try workbook.addFormat(spec)
    }

    /// The row's format (or none) with text wrapping.
    func wrapped(_ row: Format?) throws -> Format {
        var spec = row?.spec ?? FormatSpec()
        spec.textWrap = true
        return try workbook.addFormat(spec)
    }

    func integer(_ row: Format?) throws -> Format {
        guard let row else { return integerFormat }
        var spec = row.spec
        spec.numberFormat = FormatSpec.groupedInteger.numberFormat
        return try workbook.addFormat(spec)
    }
}
