internal import CXlsxWriter

/// A cell format described by value, so equal descriptions share one Excel format.
///
/// Colours are `0xRRGGBB`. Register with ``Workbook/addFormat(_:)``.
public struct FormatSpec: Hashable, Sendable {
    /// Horizontal text alignment.
    public enum HorizontalAlignment: Hashable, Sendable {
        /// Left-aligned.
        case left
        /// Centred.
        case center
        /// Right-aligned.
        case right
    }

    /// Vertical text alignment.
    public enum VerticalAlignment: Hashable, Sendable {
        /// Top of the cell.
        case top
        /// Middle of the cell.
        case center
        /// Bottom of the cell (Excel's default).
        case bottom
    }

    /// Cell border line style, applied to all four sides.
    public enum Border: Hashable, Sendable {
        /// Thin line.
        case thin
        /// Medium line.
        case medium
    }

    /// Bold font.
    public var bold: Bool
    /// Italic font.
    public var italic: Bool
    /// Single underline.
    public var underline: Bool
    /// Font colour, `0xRRGGBB`.
    public var fontColor: UInt32?
    /// Solid fill colour, `0xRRGGBB`.
    public var backgroundColor: UInt32?
    /// Excel number format, e.g. `"yyyy-mm-dd hh:mm:ss"`, `"0"`, `"#,##0"`.
    public var numberFormat: String?
    /// Wrap text inside the cell.
    public var textWrap: Bool
    /// Horizontal alignment; `nil` is Excel's default.
    public var horizontalAlignment: HorizontalAlignment?
    /// Vertical alignment; `nil` is Excel's default (bottom).
    public var verticalAlignment: VerticalAlignment?
    /// Border on all sides.
    public var border: Border?
    /// Border colour, `0xRRGGBB`; only meaningful with `border`.
    public var borderColor: UInt32?
    /// Font size in points; `nil` is Excel's default (11).
    public var fontSize: Double?

    /// Creates a spec; everything defaults to Excel's default look.
    public init(
        bold: Bool = false,
        italic: Bool = false,
        underline: Bool = false,
        fontColor: UInt32? = nil,
        backgroundColor: UInt32? = nil,
        numberFormat: String? = nil,
        textWrap: Bool = false,
        horizontalAlignment: HorizontalAlignment? = nil,
        verticalAlignment: VerticalAlignment? = nil,
        border: Border? = nil,
        borderColor: UInt32? = nil,
        fontSize: Double? = nil
    ) {
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.fontColor = fontColor
        self.backgroundColor = backgroundColor
        self.numberFormat = numberFormat
        self.textWrap = textWrap
        self.horizontalAlignment = horizontalAlignment
        self.verticalAlignment = verticalAlignment
        self.border = border
        self.borderColor = borderColor
        self.fontSize = fontSize
    }

    /// Date and time to the second: `yyyy-mm-dd hh:mm:ss`. Used for date cells written without a format.
    public static let dateTime = FormatSpec(numberFormat: "yyyy-mm-dd hh:mm:ss")
    /// Whole numbers: `0`.
    public static let integer = FormatSpec(numberFormat: "0")
    /// Whole numbers with thousands separators: `#,##0`.
    public static let groupedInteger = FormatSpec(numberFormat: "#,##0")
    /// Blue underlined text, as Excel shows hyperlinks.
    public static let hyperlink = FormatSpec(underline: true, fontColor: 0x0563C1)

    func validate() throws(XlsxError) {
        func fail(_ detail: String) -> XlsxError {
            XlsxError(code: XlsxError.Code.parameterValidation, operation: "add_format", detail: detail)
        }
        for (field, color) in [
            ("fontColor", fontColor), ("backgroundColor", backgroundColor), ("borderColor", borderColor),
        ] {
            if let color, color > 0xFF_FFFF {
                throw fail("\(field) 0x\(String(color, radix: 16)) is not 0xRRGGBB")
            }
        }
        if let fontSize, !fontSize.isFinite || fontSize < 1 || fontSize > 409 {
            throw fail("fontSize \(fontSize) is not within 1...409")
        }
        if let numberFormat {
            if numberFormat.isEmpty { throw fail("numberFormat is empty") }
            if let problem = textProblem(numberFormat, .name) { throw fail("numberFormat \(problem)") }
        }
    }

    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if underline { format_set_underline(format, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
        if let fontColor { format_set_font_color(format, libraryColor(fontColor)) }
        if let backgroundColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, libraryColor(backgroundColor))
        }
        if let numberFormat { format_set_num_format(format, numberFormat) }
        if textWrap { format_set_text_wrap(format) }
        switch horizontalAlignment {
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case nil: break
        }
        switch verticalAlignment {
        case .top: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .bottom: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue))
        case nil: break
        }
        switch border {
        case .thin: format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
        case .medium: format_set_border(format, UInt8(LXW_BORDER_MEDIUM.rawValue))
        case nil: break
        }
        if let borderColor { format_set_border_color(format, libraryColor(borderColor)) }
        if let fontSize { format_set_font_size(format, fontSize) }
    }
}

/// libxlsxwriter reads colour 0 as "unset", so black has its own marker value.
func libraryColor(_ rgb: UInt32) -> lxw_color_t {
    rgb == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : lxw_color_t(rgb)
}

/// A registered cell format. Equal when they are the same Excel format.
///
/// Valid only with the workbook that created it, and only until that workbook is closed.
public struct Format: Equatable {
    let workbook: Workbook
    let pointer: UnsafeMutablePointer<lxw_format>
    /// The description this format was created from.
    public let spec: FormatSpec

    /// Same underlying Excel format.
    public static func == (lhs: Format, rhs: Format) -> Bool {
        lhs.pointer == rhs.pointer
    }
}
