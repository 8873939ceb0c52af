import Foundation

// One instant, whatever spelling the capture used (FORMATS.md §0.1): CLI v1 epoch numbers with
// float noise or exponents, CLI v2 local-offset ISO, boto3 `str(datetime)`, SDK/Config UTC ISO,
// and Config's epoch-millisecond `configurationStateId`. Hand-parsed: DateFormatter is slow,
// locale-dependent and would round float noise through Double.

/// A UTC instant at millisecond precision plus the text it was parsed from.
///
/// Equality, hashing and ordering use only `epochMilliseconds`, so the same instant written two ways
/// compares equal; `original` is kept for display and storage.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z; negative before 1970.
    public let epochMilliseconds: Int64
    /// The text as it appeared in the capture (a number's lexeme for JSON numbers), untrimmed.
    public let original: String

    /// The one rule for epoch numbers: magnitudes below this (10^11, year 5138 read as seconds) are
    /// epoch seconds; from `millisecondsFrom` (10^12, 2001-09-09 read as milliseconds) epoch
    /// milliseconds; in between neither reading is a plausible capture time (seconds past 5138,
    /// milliseconds before AWS Config and SSM existed), so the number is not a timestamp (nil),
    /// never guessed: `253402300800` (10000-01-01 in seconds) is refused, not read as 1978.
    public static let millisecondsThreshold: Int64 = 100_000_000_000
    /// Numbers at least this large are epoch milliseconds (see `millisecondsThreshold`).
    public static let millisecondsFrom: Int64 = 1_000_000_000_000

    /// Earliest accepted instant, 0001-01-01T00:00:00Z, in epoch milliseconds.
    public static let minimumEpochMilliseconds: Int64 = -62_135_596_800_000
    /// Latest accepted instant, 9999-12-31T23:59:59.999Z, in epoch milliseconds.
    public static let maximumEpochMilliseconds: Int64 = 253_402_300_799_999

    /// Creates a timestamp from epoch milliseconds; `original` defaults to the ISO 8601 rendering.
    public init(epochMilliseconds: Int64, original: String? = nil) {
        self.epochMilliseconds = epochMilliseconds
        self.original = original ?? Timestamp.format(epochMilliseconds)
    }

    /// UTC ISO 8601, `"2026-11-29T03:00:00.123Z"`; whole seconds omit the fraction: `"2026-11-29T03:00:00Z"`.
    public var iso8601: String { Timestamp.format(epochMilliseconds) }

    /// Same as `iso8601`.
    public var description: String { iso8601 }

    /// Compares instants only.
    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.epochMilliseconds == rhs.epochMilliseconds
    }

    /// Hashes the instant only.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(epochMilliseconds)
    }

    /// Orders by instant.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.epochMilliseconds < rhs.epochMilliseconds
    }

    /// Parses a JSON number or string with the rules of `parse(_: String)` (a number's lexeme is the
    /// text); nil for other kinds and for values that are not timestamps.
    public static func parse(_ value: JSONValue) -> Timestamp? {
        switch value {
        case .number(let lexeme):
            return parse(lexeme)
        case .string(let text):
            return parse(text)
        case .null, .bool, .array, .object:
            return nil
        }
    }

    /// Parses text; leading/trailing spaces are ignored, nil when it is not a recognised timestamp.
    ///
    /// Accepted (all normalised to UTC, sub-millisecond digits rounded half-up):
    /// - epoch numbers: `1582221233.421`, `1414708529.9219999`, `1.444799479852E9`, `1582221233`, and
    ///   epoch milliseconds such as `1675252787151` (magnitude ≥ `millisecondsFrom`; 12-digit
    ///   magnitudes are neither and give nil, see `millisecondsThreshold`);
    /// - ISO 8601 / RFC 3339: `YYYY-MM-DD` then `T`, `t` or a space, `HH:MM[:SS[.f…]]` with 0–9 or more
    ///   fraction digits (`.` or `,`), then `Z`/`z`, `±HH:MM`, `±HHMM`, `±HH`, or nothing (read as UTC),
    ///   optionally after one space (`2014-02-26T22:56:35.0000+0000`, `2019-02-15 15:11:12.003000-05:00`);
    /// - a bare date `YYYY-MM-DD` (midnight UTC);
    /// - ISO 8601 basic format: `20161011` (an 8-digit integer is always `yyyyMMdd`, never epoch
    ///   seconds) and `20240502T100000Z` as in Config S3 file names.
    /// Instants outside years 0001–9999 give nil.
    public static func parse(_ text: String) -> Timestamp? {
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D {
            bytes.removeLast()
        }
        let leading = bytes.prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.count
        if leading > 0 { bytes.removeFirst(leading) }
        guard let first = bytes.first else { return nil }
        // A 4-digit year followed by '-' marks a date; anything else numeric is an epoch value.
        if bytes.count >= 5, bytes[4] == UInt8(ascii: "-"), bytes[0..<4].allSatisfy(isDigit) {
            return parseISO(bytes, original: text)
        }
        if let extended = expandBasicFormat(bytes) {
            return parseISO(extended, original: text)
        }
        if isDigit(first) || first == UInt8(ascii: "-") {
            return parseNumber(bytes, original: text)
        }
        return nil
    }

    /// Rewrites ISO 8601 basic format (`20161011`, `20240502T100000Z`, `20240502T100000.5+0100`) as
    /// extended format, or nil when `bytes` is not 8 digits optionally followed by `T` and 6 digits.
    ///
    /// Eight bare digits are a date, never epoch seconds: the Windows registry `yyyyMMdd` install date
    /// appears raw in old SSM data, while epoch seconds of that length would mean 1970–1973.
    private static func expandBasicFormat(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 8, bytes[0..<8].allSatisfy(isDigit) else { return nil }
        var extended =
            Array(bytes[0..<4]) + [UInt8(ascii: "-")] + Array(bytes[4..<6]) + [UInt8(ascii: "-")]
            + Array(bytes[6..<8])
        if bytes.count == 8 { return extended }
        guard bytes.count >= 15, bytes[8] == UInt8(ascii: "T") || bytes[8] == UInt8(ascii: "t"),
            bytes[9..<15].allSatisfy(isDigit)
        else { return nil }
        extended +=
            [UInt8(ascii: "T")] + Array(bytes[9..<11]) + [UInt8(ascii: ":")] + Array(bytes[11..<13])
            + [UInt8(ascii: ":")] + Array(bytes[13...])
        return extended
    }

    // MARK: - Epoch numbers

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static let powersOfTen: [UInt64] = {
        var powers: [UInt64] = [1]
        for _ in 1...19 {
            if let last = powers.last { powers.append(last * 10) }
        }
        return powers
    }()

    /// Exact decimal arithmetic on the lexeme: Double would turn `1414708529.9219999` into noise of its own.
    private static func parseNumber(_ bytes: [UInt8], original: String) -> Timestamp? {
        var index = 0
        let count = bytes.count
        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var mantissa: UInt64 = 0
        var mantissaDigits = 0
        var exponent = 0
        var sawDigit = false
        // Up to 18 significant digits are exact in UInt64; beyond that only rounding could change, and
        // dropped digits can only raise the value, which half-up rounding already resolves correctly.
        while index < count, isDigit(bytes[index]) {
            sawDigit = true
            let digit = UInt64(bytes[index] - UInt8(ascii: "0"))
            if mantissaDigits < 18 {
                if mantissaDigits > 0 || digit != 0 {
                    mantissa = mantissa * 10 + digit
                    mantissaDigits += 1
                }
            } else {
                exponent += 1
            }
            index += 1
        }
        guard sawDigit else { return nil }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var fractionDigits = 0
            while index < count, isDigit(bytes[index]) {
                fractionDigits += 1
                let digit = UInt64(bytes[index] - UInt8(ascii: "0"))
                if mantissaDigits < 18 {
                    if mantissaDigits > 0 || digit != 0 {
                        mantissa = mantissa * 10 + digit
                        mantissaDigits += 1
                    }
                    exponent -= 1
                }
                index += 1
            }
            guard fractionDigits > 0 else { return nil }
        }
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var value = 0
            var exponentDigits = 0
            while index < count, isDigit(bytes[index]) {
                value = min(value * 10 + Int(bytes[index] - UInt8(ascii: "0")), 100_000)
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -value : value
        }
        guard index == count else { return nil }

        // Decide the unit from the magnitude: the value has `mantissaDigits + exponent` integer digits.
        let integerDigits = mantissa == 0 ? 0 : mantissaDigits + exponent
        // 12 integer digits: between `millisecondsThreshold` and `millisecondsFrom`, neither unit.
        if integerDigits == 12 { return nil }
        let isMilliseconds = integerDigits >= 13
        let scale = isMilliseconds ? exponent : exponent + 3

        var magnitude: UInt64
        if mantissa == 0 {
            magnitude = 0
        } else if scale >= 0 {
            guard scale <= 19 else { return nil }
            let (product, overflow) = mantissa.multipliedReportingOverflow(by: powersOfTen[scale])
            guard !overflow else { return nil }
            magnitude = product
        } else if -scale > 19 {
            magnitude = 0
        } else {
            let divisor = powersOfTen[-scale]
            let quotient = mantissa / divisor
            let remainder = mantissa % divisor
            // Half-up means toward +∞: positive halves round away from zero, negative halves toward it.
            let roundsAway = negative ? remainder > divisor - remainder : remainder >= divisor - remainder
            magnitude = quotient + (roundsAway ? 1 : 0)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        let milliseconds = negative ? -Int64(magnitude) : Int64(magnitude)
        guard milliseconds >= minimumEpochMilliseconds, milliseconds <= maximumEpochMilliseconds else { return nil }
        return Timestamp(epochMilliseconds: milliseconds, original: original)
    }

    // MARK: - ISO 8601

    private static func parseISO(_ bytes: [UInt8], original: String) -> Timestamp? {
        var index = 0
        let count = bytes.count

        func digits(_ width: Int) -> Int? {
            guard index + width <= count else { return nil }
            var value = 0
            for offset in 0..<width {
                let byte = bytes[index + offset]
                guard isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += width
            return value
        }

        func consume(_ byte: UInt8) -> Bool {
            guard index < count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        guard let year = digits(4), consume(UInt8(ascii: "-")),
            let month = digits(2), consume(UInt8(ascii: "-")),
            let day = digits(2)
        else { return nil }
        guard year >= 1, (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else {
            return nil
        }
        var hour = 0
        var minute = 0
        var second = 0
        var millisecond = 0
        var offsetMinutes = 0

        if index < count {
            let separator = bytes[index]
            guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == 0x20 else {
                return nil
            }
            index += 1
            guard let parsedHour = digits(2), consume(UInt8(ascii: ":")), let parsedMinute = digits(2) else {
                return nil
            }
            hour = parsedHour
            minute = parsedMinute
            if consume(UInt8(ascii: ":")) {
                guard let parsedSecond = digits(2) else { return nil }
                second = parsedSecond
                if index < count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    var fractionDigits = 0
                    var roundUp = false
                    while index < count, isDigit(bytes[index]) {
                        let digit = Int(bytes[index] - UInt8(ascii: "0"))
                        if fractionDigits < 3 {
                            millisecond = millisecond * 10 + digit
                        } else if fractionDigits == 3 {
                            roundUp = digit >= 5
                        }
                        fractionDigits += 1
                        index += 1
                    }
                    guard fractionDigits > 0 else { return nil }
                    for _ in fractionDigits..<max(fractionDigits, 3) { millisecond *= 10 }
                    if roundUp { millisecond += 1 }
                }
            }
            guard hour <= 23, minute <= 59, second <= 59 else { return nil }

            if index < count, bytes[index] == 0x20 { index += 1 }
            if index < count {
                let zone = bytes[index]
                if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
                    index += 1
                } else if zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-") {
                    index += 1
                    guard let offsetHours = digits(2) else { return nil }
                    var offsetMinutePart = 0
                    if index < count {
                        _ = consume(UInt8(ascii: ":"))
                        guard let parsed = digits(2) else { return nil }
                        offsetMinutePart = parsed
                    }
                    guard offsetHours <= 23, offsetMinutePart <= 59 else { return nil }
                    offsetMinutes = (offsetHours * 60 + offsetMinutePart) * (zone == UInt8(ascii: "-") ? -1 : 1)
                } else {
                    return nil
                }
            }
            guard index == count else { return nil }
        }

        let days = daysFromCivil(year: year, month: month, day: day)
        let secondsOfDay = Int64(hour * 3600 + minute * 60 + second - offsetMinutes * 60)
        let milliseconds = (days * 86_400 + secondsOfDay) * 1000 + Int64(millisecond)
        guard milliseconds >= minimumEpochMilliseconds, milliseconds <= maximumEpochMilliseconds else { return nil }
        return Timestamp(epochMilliseconds: milliseconds, original: original)
    }

    private static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let shiftedYear = Int64(month <= 2 ? year - 1 : year)
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's civil_from_days).
    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func format(_ epochMilliseconds: Int64) -> String {
        let millisecondsPerDay: Int64 = 86_400_000
        var days = epochMilliseconds / millisecondsPerDay
        var remainder = epochMilliseconds % millisecondsPerDay
        if remainder < 0 {
            days -= 1
            remainder += millisecondsPerDay
        }
        let date = civilFromDays(days)
        let secondsOfDay = remainder / 1000
        let millisecond = remainder % 1000

        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        func append(_ value: Int64, width: Int) {
            var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
            var rest = value < 0 ? -value : value
            var position = width - 1
            while position >= 0 {
                digits[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                position -= 1
            }
            bytes.append(contentsOf: digits)
        }
        append(date.year, width: 4)
        bytes.append(UInt8(ascii: "-"))
        append(date.month, width: 2)
        bytes.append(UInt8(ascii: "-"))
        append(date.day, width: 2)
        bytes.append(UInt8(ascii: "T"))
        append(secondsOfDay / 3600, width: 2)
        bytes.append(UInt8(ascii: ":"))
        append(secondsOfDay / 60 % 60, width: 2)
        bytes.append(UInt8(ascii: ":"))
        append(secondsOfDay % 60, width: 2)
        if millisecond != 0 {
            bytes.append(UInt8(ascii: "."))
            append(millisecond, width: 3)
        }
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Timestamp {
    /// The instant as a Foundation `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(epochMilliseconds) / 1000) }
}

extension Timestamp: Codable {
    /// Encoded as its UTC ISO 8601 text (`2026-11-01T02:48:05Z`), the form every JSON output uses.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }

    /// Decodes any spelling `parse(_:)` accepts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a timestamp: \(text)")
        }
        self = parsed
    }
}
