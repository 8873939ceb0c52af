/// "Did you mean …?" for a mistyped command name.
public enum NameSuggestion {
    /// The name in `candidates` closest to `typed` (at most two edits, or `typed` is its prefix), if any.
    public static func nearest(to typed: String, among candidates: [String]) -> String? {
        let typed = typed.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = candidate.hasPrefix(typed) && !typed.isEmpty ? 1 : editDistance(Array(typed), Array(candidate))
            if distance <= 2, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Levenshtein distance between two character arrays.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
