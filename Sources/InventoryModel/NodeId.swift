/// Managed node ids: EC2 `i-` + 8 or 17 hex digits, hybrid `mi-` + 17 hex digits.
public enum NodeId {
    /// True for `i-0123abcd`, `i-0123456789abcdef0` and `mi-0123456789abcdef0`.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        let utf8 = Array(text.utf8)
        let digits: ArraySlice<UInt8>
        if utf8.starts(with: Array("mi-".utf8)) {
            digits = utf8.dropFirst(3)
            guard digits.count == 17 else { return false }
        } else if utf8.starts(with: Array("i-".utf8)) {
            digits = utf8.dropFirst(2)
            guard digits.count == 8 || digits.count == 17 else { return false }
        } else {
            return false
        }
        return digits.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) }
    }

    /// The first path component (file name stem included) that is a node id, e.g. from
    /// `…/resourcetype=ManagedInstanceInventory/i-0abc….json` or `/var/lib/amazon/ssm/i-…/inventory/custom/x.json`.
    public static func find(inPath path: String) -> String? {
        for component in path.split(separator: "/").reversed() {
            var stem = Substring(component)
            while let dot = stem.lastIndex(of: ".") { stem = stem[..<dot] }
            if isValid(stem) { return String(stem) }
        }
        return nil
    }
}
