import XlsxWriter

/// Versions of the C libraries the report stage runs with, read at run time.
public enum LinkedLibraries {
    /// The linked libxlsxwriter's version, e.g. `1.1.4`.
    public static var libxlsxwriter: String { libxlsxwriterVersion() }
}
