import Foundation

/// How outputs name files: standardised, and relative to the working directory when below it,
/// so that outputs made in a checkout name a database the same way on every machine.
public enum DisplayPath {
    public static func of(_ path: String) -> String {
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path + "/"
        return standard.hasPrefix(base) ? String(standard.dropFirst(base.count)) : standard
    }
}
