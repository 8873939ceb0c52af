import Foundation
import InventoryDiff
import InventoryModel
import SnapshotStore
import XlsxWriter

/// Turns inventory and resource type names into valid, unique, stable worksheet names: at most
/// 31 UTF-16 units, none of `[]:*?/\` or control characters, no apostrophe at either end, not
/// blank, not `History`, unique ignoring case (Unicode case too). `AWS:Application` becomes
/// `AWS_Application`. Names are given in call order, so callers call in a stable order.
public struct SheetNamer: Sendable {
    private var used = Set<String>()
    /// Original name → sheet name, in the order given.
    public private(set) var mapping: [(original: String, sheet: String)] = []

    public init() {}

    /// Reserves a fixed name (Summary, About) so generated names never take it.
    public mutating func reserve(_ name: String) -> String {
        let unique = makeUnique(Self.clean(name))
        used.insert(Self.fold(unique))
        return unique
    }

    /// The sheet name for `original`.
    public mutating func name(for original: String) -> String {
        let unique = makeUnique(Self.clean(original))
        used.insert(Self.fold(unique))
        mapping.append((original, unique))
        return unique
    }

    static func fold(_ name: String) -> String { name.lowercased() }

    static func clean(_ original: String) -> String {
        var scalars = String.UnicodeScalarView()
        // Config's "AWS::EC2::Instance" reads better as "AWS_EC2_Instance" than with doubled underscores.
        for scalar in original.replacingOccurrences(of: "::", with: ":").unicodeScalars {
            if "[]:*?/\\".unicodeScalars.contains(scalar) || scalar.value < 0x20 || scalar.value == 0x7F
                || scalar.value == 0xFFFE || scalar.value == 0xFFFF
            {
                scalars.append("_")
            } else {
                scalars.append(scalar)
            }
        }
        var name = trimApostrophes(String(scalars))
        name = trimApostrophes(ExcelText.namePrefix(name, utf16Units: XlsxLimits.maxSheetNameUTF16))
        if name.trimmingCharacters(in: .whitespaces).isEmpty { name = "Unnamed" }
        if name.lowercased() == "history" { name += "_" }
        return name
    }

    private static func trimApostrophes(_ text: String) -> String {
        var result = Substring(text)
        while result.first == "'" || result.first == " " { result = result.dropFirst() }
        while result.last == "'" || result.last == " " { result = result.dropLast() }
        return String(result)
    }

    private func makeUnique(_ name: String) -> String {
        if !used.contains(Self.fold(name)) { return name }
        var counter = 2
        while true {
            let suffix = " (\(counter))"
            let base = Self.trimApostrophes(
                ExcelText.namePrefix(name, utf16Units: XlsxLimits.maxSheetNameUTF16 - suffix.utf16.count))
            let candidate = base + suffix
            if !used.contains(Self.fold(candidate)) { return candidate }
            counter += 1
        }
    }
}
