import InventoryReport

/// "Did you mean …?" for a mistyped command name.
public enum NameSuggestion {
    /// The name in `candidates` closest to `typed` (at most two edits, or `typed` is its prefix), if any.
    public static func nearest(to typed: String, among candidates: [String]) -> String? {
        let typed = typed.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = candidate.hasPrefix(typed) && !typed.isEmpty ? 1 : Suggestions.distance(Array(typed), Array(candidate))
            if distance <= 2, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }
}
