// Package version ordering: which of two installed versions of a package is newer.
//
// Three schemes, each implemented from its documented rule (no code copied):
//   rpm    — rpmvercmp as in rpm ≥ 4.10 (`~` and `^`), epoch:version-release as labelCompare;
//   dpkg   — Debian Policy §5.6.12 / deb-version(7);
//   dotted — dotted numbers for Windows, macOS and anything unrecognised.
// Checked against the real oracles by Tests/InventoryModelTests/VersionOrderingTests.swift
// (fixtures from scripts/gen-version-pairs: `dpkg --compare-versions`, python3-rpm `labelCompare`).

/// How a platform orders package versions: `rpm`, `dpkg` or `dotted`.
public enum VersionScheme: String, Sendable, CaseIterable, Codable {
    /// RPM `[epoch:]version[-release]`, ordered by rpmvercmp (rpm ≥ 4.10, `~` and `^` included).
    case rpm
    /// Debian `[epoch:]upstream[-revision]`, ordered by the dpkg algorithm (Debian Policy §5.6.12).
    case dpkg
    /// Free-form dotted numbers such as `10.0.17763.1` or `14.2.1 (23C71)` (Windows, macOS, others).
    case dotted

    /// The scheme for a node, from SSM AWS:InstanceInformation `PlatformName` / `PlatformType`.
    ///
    /// Windows (`PlatformType` "Windows" or a name containing "Windows") and macOS → `dotted`;
    /// Debian-family names (Ubuntu, Debian, Mint, Raspbian, Kali, Pop!_OS) → `dpkg`; RPM-family names
    /// (Amazon Linux, Red Hat / RHEL, CentOS, Rocky, AlmaLinux, Oracle Linux, SUSE / SLES, Fedora) → `rpm`.
    /// Anything else — an unrecognised Linux, or nothing known at all — → `dotted`: without knowing the
    /// package manager we assume no `~`/epoch conventions and just compare the numbers. Case-insensitive.
    public static func forPlatform(platformName: String?, platformType: String?) -> VersionScheme {
        let name = (platformName ?? "").lowercased()
        let type = (platformType ?? "").lowercased()
        if type == "windows" || name.contains("windows") { return .dotted }
        if type == "macos" || name.contains("macos") || name.contains("mac os") { return .dotted }
        let dpkgNames = ["ubuntu", "debian", "linux mint", "raspbian", "kali", "pop!_os"]
        if dpkgNames.contains(where: name.contains) { return .dpkg }
        let rpmNames = [
            "amazon linux", "red hat", "rhel", "centos", "rocky", "almalinux", "alma linux",
            "oracle linux", "suse", "sles", "fedora",
        ]
        if rpmNames.contains(where: name.contains) { return .rpm }
        return .dotted
    }
}

/// One package version as epoch, version (upstream) and release (Debian revision), each kept as text.
///
/// `==` is textual identity of the three fields; whether two versions *order* the same depends on the
/// scheme (`1.0` and `1.00` are equal under rpm and dpkg) — use `VersionOrdering.compare` for that.
public struct PackageVersion: Sendable, Hashable, CustomStringConvertible {
    /// The epoch (`1` in `1:2.3-4`), nil when absent; absent orders as `0` in every scheme.
    public var epoch: String?
    /// The version proper: rpm version, Debian upstream version, or the whole text for `dotted`.
    public var version: String
    /// The rpm release / Debian revision (`4ubuntu1` in `1:2.3-4ubuntu1`), nil when absent.
    public var release: String?

    /// Builds a version from separate fields, as SSM AWS:Application rows carry them
    /// (`Version`, `Release`, sometimes `Epoch`). An empty epoch is stored as nil (epoch 0, as rpm
    /// and dpkg read `:1.0`); version and release are kept verbatim (an empty release is not nil for rpm).
    public init(epoch: String? = nil, version: String, release: String? = nil) {
        self.epoch = (epoch?.isEmpty ?? true) ? nil : epoch
        self.version = version
        self.release = release
    }

    /// Splits a whole version string the way the scheme's own tools do.
    ///
    /// - rpm: a leading run of digits followed by `:` is the epoch (empty → `0`), the text after the
    ///   last `-` is the release — exactly rpm's EVR split, no trimming (`1:3.0.8-1.amzn2023.0.14`).
    /// - dpkg: text before the first `:` is the epoch, after the last `-` the revision; surrounding
    ///   whitespace is trimmed (`1:2.3-4ubuntu1` → 1, `2.3`, `4ubuntu1`).
    /// - dotted: the trimmed text is the version; no epoch, no release.
    public static func parse(_ text: String, scheme: VersionScheme) -> PackageVersion {
        switch scheme {
        case .rpm:
            var rest = Substring(text)
            var epoch: String?
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            if rest[digits.endIndex...].first == ":" {
                epoch = digits.isEmpty ? "0" : String(digits)
                rest = rest[rest.index(after: digits.endIndex)...]
            }
            guard let hyphen = rest.lastIndex(of: "-") else {
                return PackageVersion(epoch: epoch, version: String(rest))
            }
            return PackageVersion(
                epoch: epoch, version: String(rest[..<hyphen]),
                release: String(rest[rest.index(after: hyphen)...]))
        case .dpkg:
            var rest = Substring(trimmed(text))
            var epoch: String?
            if let colon = rest.firstIndex(of: ":") {
                epoch = String(rest[..<colon])
                rest = rest[rest.index(after: colon)...]
            }
            guard let hyphen = rest.lastIndex(of: "-") else {
                return PackageVersion(epoch: epoch, version: String(rest))
            }
            return PackageVersion(
                epoch: epoch, version: String(rest[..<hyphen]),
                release: String(rest[rest.index(after: hyphen)...]))
        case .dotted:
            return PackageVersion(version: trimmed(text))
        }
    }

    /// `epoch:version-release`, leaving out the absent parts.
    public var description: String {
        (epoch.map { "\($0):" } ?? "") + version + (release.map { "-\($0)" } ?? "")
    }
}

/// The answer of a version comparison: `a` is older than, the same as, or newer than `b`.
public enum VersionComparison: Int, Sendable, Hashable, Codable, CaseIterable {
    /// `a` sorts before `b` (-1, like `<`).
    case older = -1
    /// `a` and `b` order the same (0), though their text may differ (`1.0` vs `1.00`).
    case same = 0
    /// `a` sorts after `b` (1, like `>`).
    case newer = 1

    /// The answer with `a` and `b` swapped.
    public var reversed: VersionComparison {
        switch self {
        case .older: .newer
        case .same: .same
        case .newer: .older
        }
    }

    init(sign: Int) {
        self = sign < 0 ? .older : (sign > 0 ? .newer : .same)
    }
}

/// Compares package versions under a `VersionScheme`; a total preorder in every scheme.
public enum VersionOrdering {
    /// Compares `a` with `b`: epoch (absent = 0), then version, then release.
    ///
    /// rpm: each part by rpmvercmp; a release is compared only when both have one, and an absent
    /// release sorts before a present one (as rpm 4.18's `labelCompare` does: None < "" < "0").
    /// dpkg: each part by the dpkg algorithm; an absent revision equals `0`.
    /// dotted: each part by the dotted rule; absent parts equal `0`.
    public static func compare(
        _ a: PackageVersion, _ b: PackageVersion, scheme: VersionScheme
    ) -> VersionComparison {
        let partCompare: (String, String) -> Int
        switch scheme {
        case .rpm: partCompare = rpmCompare
        case .dpkg: partCompare = dpkgCompare
        case .dotted: partCompare = dottedCompare
        }
        var sign = partCompare(a.epoch ?? "0", b.epoch ?? "0")
        if sign == 0 { sign = partCompare(a.version, b.version) }
        if sign == 0 {
            if scheme == .rpm {
                switch (a.release, b.release) {
                case (nil, nil): sign = 0
                case (nil, _): sign = -1
                case (_, nil): sign = 1
                case (let ra?, let rb?): sign = rpmCompare(ra, rb)
                }
            } else {
                sign = partCompare(a.release ?? "", b.release ?? "")
            }
        }
        return VersionComparison(sign: sign)
    }

    /// Compares two whole version strings, each split by `PackageVersion.parse(_:scheme:)`.
    public static func compare(_ a: String, _ b: String, scheme: VersionScheme) -> VersionComparison {
        compare(PackageVersion.parse(a, scheme: scheme), PackageVersion.parse(b, scheme: scheme), scheme: scheme)
    }

    // MARK: rpm

    /// rpmvercmp (rpm ≥ 4.10) on one part: -1, 0 or 1.
    ///
    /// Walks both strings segment by segment. Bytes other than ASCII letters, digits, `~` and `^` only
    /// separate segments. `~` sorts before anything, even the end; `^` sorts after the end of the
    /// other string but before any further segment. A segment is a run of digits or a run of letters;
    /// digits beat letters; digit runs compare as numbers (leading zeros dropped, longer wins, then
    /// bytewise — no overflow); letter runs compare bytewise (strcmp). When all shared segments tie,
    /// the string with something left over is newer.
    static func rpmCompare(_ a: String, _ b: String) -> Int {
        if a.utf8.elementsEqual(b.utf8) { return 0 }
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var i = 0
        var j = 0
        while i < x.count || j < y.count {
            while i < x.count, !isAlnum(x[i]), x[i] != tilde, x[i] != caret { i += 1 }
            while j < y.count, !isAlnum(y[j]), y[j] != tilde, y[j] != caret { j += 1 }
            let xEnd = i == x.count
            let yEnd = j == y.count

            let xTilde = !xEnd && x[i] == tilde
            let yTilde = !yEnd && y[j] == tilde
            if xTilde || yTilde {
                if !xTilde { return 1 }
                if !yTilde { return -1 }
                i += 1
                j += 1
                continue
            }
            let xCaret = !xEnd && x[i] == caret
            let yCaret = !yEnd && y[j] == caret
            if xCaret || yCaret {
                if xEnd { return -1 }  // a ended: the base version is older than base^anything
                if yEnd { return 1 }
                if !xCaret { return 1 }  // a has a further segment, b a caret
                if !yCaret { return -1 }
                i += 1
                j += 1
                continue
            }
            if xEnd || yEnd { break }

            let numeric = isDigit(x[i])
            let inSegment: (UInt8) -> Bool = { numeric ? isDigit($0) : isAlpha($0) }
            var ie = i
            while ie < x.count, inSegment(x[ie]) { ie += 1 }
            var je = j
            while je < y.count, inSegment(y[je]) { je += 1 }
            if je == j { return numeric ? 1 : -1 }  // segments of different kinds: digits win

            let sign =
                numeric
                ? compareDigitRuns(x[i..<ie], y[j..<je])
                : compareBytes(x[i..<ie], y[j..<je])
            if sign != 0 { return sign }
            i = ie
            j = je
        }
        if i == x.count && j == y.count { return 0 }
        return i == x.count ? -1 : 1
    }

    // MARK: dpkg

    /// The dpkg comparison of one part (upstream version, revision or epoch): -1, 0 or 1.
    ///
    /// Alternates a non-digit run and a digit run on both sides. Non-digit runs compare character by
    /// character with `~` < end of run < letters < everything else (letters and others by ASCII; bytes
    /// beyond ASCII, which dpkg calls invalid, sit between letters and punctuation as on x86-64 dpkg);
    /// digit runs compare as numbers (leading zeros ignored, any length; an empty run is 0).
    static func dpkgCompare(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var i = 0
        var j = 0
        while i < x.count || j < y.count {
            while (i < x.count && !isDigit(x[i])) || (j < y.count && !isDigit(y[j])) {
                let xo = dpkgWeight(i < x.count ? x[i] : nil)
                let yo = dpkgWeight(j < y.count ? y[j] : nil)
                if xo != yo { return xo < yo ? -1 : 1 }
                // Equal weights here are never "end" or a digit (both weigh 0 and cannot be paired
                // with a non-digit of equal weight), so both sides have a character to step over.
                i += 1
                j += 1
            }
            var ie = i
            while ie < x.count, isDigit(x[ie]) { ie += 1 }
            var je = j
            while je < y.count, isDigit(y[je]) { je += 1 }
            let sign = compareDigitRuns(x[i..<ie], y[j..<je])
            if sign != 0 { return sign }
            i = ie
            j = je
        }
        return 0
    }

    /// dpkg's weight of one character of a non-digit run; nil is the end of the run.
    private static func dpkgWeight(_ c: UInt8?) -> Int {
        guard let c else { return 0 }
        if isDigit(c) { return 0 }
        if isAlpha(c) { return Int(c) }
        if c == tilde { return -1 }
        // dpkg warns that bytes beyond ASCII are invalid but still compares them, as a C `char`:
        // signed on x86-64, so they weigh c - 256 + 256 — above letters, below ASCII punctuation.
        // (Where `char` is unsigned, as on arm64, dpkg weighs them like punctuation instead.)
        if c >= 0x80 { return Int(c) }
        return Int(c) + 256
    }

    // MARK: dotted

    /// The dotted comparison of one part: -1, 0 or 1.
    ///
    /// A trailing annotation starting at the first `(` or `[` (`14.2.1 (23C71)`, `2.0.1 (x64)`) is set
    /// aside and only breaks ties: none < any. The rest is split on `.`, `-`, `+`, `_` and whitespace
    /// and compared component by component, a missing or empty component counting as `0` (so
    /// `10.0` == `10.0.0`). All-digit components compare as numbers (no overflow) and beat any other
    /// component (`1.0` > `1.0rc1`, `1.0` > `1.0.beta`); two other components compare naturally:
    /// digit runs as numbers, letter runs ASCII case-insensitively, a digit run beating a letter run,
    /// and a shorter component that is a prefix of the longer one older (`rc` < `rc1`).
    static func dottedCompare(_ a: String, _ b: String) -> Int {
        let (mainA, noteA) = splitAnnotation(Array(a.utf8))
        let (mainB, noteB) = splitAnnotation(Array(b.utf8))
        let sign = compareComponentLists(dottedComponents(mainA), dottedComponents(mainB))
        if sign != 0 { return sign }
        switch (noteA, noteB) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (let na?, let nb?): return compareComponentLists(dottedComponents(na), dottedComponents(nb))
        }
    }

    /// Main part and annotation (nil when it holds no letter or digit).
    private static func splitAnnotation(_ bytes: [UInt8]) -> (ArraySlice<UInt8>, ArraySlice<UInt8>?) {
        guard let open = bytes.firstIndex(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "[") })
        else { return (bytes[...], nil) }
        let note = bytes[open...]
        return (bytes[..<open], note.contains(where: isAlnum) ? note : nil)
    }

    /// Components of a main part or annotation, surrounding whitespace ignored; empty ones count as 0.
    private static func dottedComponents(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        let start = bytes.firstIndex(where: { !isSpace($0) }) ?? bytes.endIndex
        let end = bytes.lastIndex(where: { !isSpace($0) }).map { $0 + 1 } ?? start
        guard start < end else { return [] }
        return bytes[start..<end].split(omittingEmptySubsequences: false, whereSeparator: isDottedSeparator)
    }

    private static func isDottedSeparator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ".") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: "_")
            || isSpace(c) || c == UInt8(ascii: "(") || c == UInt8(ascii: ")") || c == UInt8(ascii: "[")
            || c == UInt8(ascii: "]")
    }

    private static func compareComponentLists(_ x: [ArraySlice<UInt8>], _ y: [ArraySlice<UInt8>]) -> Int {
        let zero: ArraySlice<UInt8> = []
        for k in 0..<max(x.count, y.count) {
            let sign = compareDottedComponent(k < x.count ? x[k] : zero, k < y.count ? y[k] : zero)
            if sign != 0 { return sign }
        }
        return 0
    }

    private static func compareDottedComponent(_ x: ArraySlice<UInt8>, _ y: ArraySlice<UInt8>) -> Int {
        let xNumeric = x.allSatisfy(isDigit)
        let yNumeric = y.allSatisfy(isDigit)  // empty counts as 0
        switch (xNumeric, yNumeric) {
        case (true, true): return compareDigitRuns(x, y)
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        var i = x.startIndex
        var j = y.startIndex
        while i < x.endIndex && j < y.endIndex {
            let digits = isDigit(x[i])
            if digits != isDigit(y[j]) { return digits ? 1 : -1 }
            var ie = i
            while ie < x.endIndex, isDigit(x[ie]) == digits { ie += 1 }
            var je = j
            while je < y.endIndex, isDigit(y[je]) == digits { je += 1 }
            let sign =
                digits
                ? compareDigitRuns(x[i..<ie], y[j..<je])
                : compareBytes(x[i..<ie].lazy.map(asciiLower), y[j..<je].lazy.map(asciiLower))
            if sign != 0 { return sign }
            i = ie
            j = je
        }
        if i == x.endIndex && j == y.endIndex { return 0 }
        return i == x.endIndex ? -1 : 1
    }

    // MARK: shared

    /// Two runs of ASCII digits as numbers of any length: drop leading zeros, longer wins, then bytewise.
    private static func compareDigitRuns(_ x: ArraySlice<UInt8>, _ y: ArraySlice<UInt8>) -> Int {
        let xs = x.drop(while: { $0 == UInt8(ascii: "0") })
        let ys = y.drop(while: { $0 == UInt8(ascii: "0") })
        if xs.count != ys.count { return xs.count < ys.count ? -1 : 1 }
        return compareBytes(xs, ys)
    }

    /// Lexicographic byte comparison (strcmp on text without NULs): first difference, else shorter first.
    private static func compareBytes<X: Sequence<UInt8>, Y: Sequence<UInt8>>(_ x: X, _ y: Y) -> Int {
        var xi = x.makeIterator()
        var yi = y.makeIterator()
        while true {
            switch (xi.next(), yi.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let p?, let q?): if p != q { return p < q ? -1 : 1 }
            }
        }
    }

    private static let tilde = UInt8(ascii: "~")
    private static let caret = UInt8(ascii: "^")
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    private static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || isAlpha(c) }
    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
    private static func asciiLower(_ c: UInt8) -> UInt8 { isAlpha(c) ? c | 0x20 : c }
}

private func trimmed(_ text: String) -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    var slice = Substring(text)
    while let first = slice.first, isSpace(first) { slice.removeFirst() }
    while let last = slice.last, isSpace(last) { slice.removeLast() }
    return String(slice)
}
