import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where tests and tools find fixture databases: the shared real databases next to the project
/// (`../shared/data`) and variants generated once per process into the ignored `.fixtures/`.
public enum FixtureFiles {
    private static let generated = Mutex<Set<String>>([])

    /// The package root: the nearest folder above `file` that holds `Package.swift`.
    public static func packageRoot(from file: String = #filePath) -> String {
        var directory = file
        while let slash = directory.lastIndex(of: "/") {
            directory = String(directory[..<slash])
            if access(directory + "/Package.swift", F_OK) == 0 { return directory }
        }
        return "."
    }

    /// `../shared/data/NAME.sqlite` beside the package root.
    public static func sharedDatabase(_ name: String, root: String = packageRoot()) -> String {
        root + "/../shared/data/\(name).sqlite"
    }

    /// The synthetic hand-computed database (``SyntheticDatabase``) in the given layout.
    public static func synthetic(_ options: FixtureOptions = .init(), root: String = packageRoot()) throws -> String {
        try generateOnce(root: root, name: "synthetic-\(options.suffix).sqlite") { path in
            try SyntheticDatabase.write(to: path, options: options)
        }
    }

    /// The hand-solvable network database (``NetworkDatabase``) in the given layout.
    public static func network(_ options: FixtureOptions = .init(), root: String = packageRoot()) throws -> String {
        try generateOnce(root: root, name: "network-\(options.suffix).sqlite") { path in
            try NetworkDatabase.write(to: path, options: options)
        }
    }

    /// The database of closed-form Monte Carlo distributions (``UncertaintyDatabase``).
    public static func uncertain(_ options: FixtureOptions = .init(), root: String = packageRoot()) throws -> String {
        try generateOnce(root: root, name: "uncertain-\(options.suffix).sqlite") { path in
            try UncertaintyDatabase.write(to: path, options: options)
        }
    }

    /// A variant of a shared database (`uslci_fy17_ipcc2021`, ...) in the given layout.
    public static func sharedVariant(_ name: String, _ options: FixtureOptions, root: String = packageRoot()) throws -> String {
        try generateOnce(root: root, name: "\(name)-\(options.suffix).sqlite") { path in
            let tables = try DatabaseCopy.tables(from: sharedDatabase(name, root: root))
            try FixtureWriter.write(tables, to: path, options: options)
        }
    }

    /// Runs `write` for `.fixtures/NAME` the first time this process asks for it.
    public static func generateOnce(root: String, name: String, _ write: (String) throws -> Void) throws -> String {
        let directory = root + "/.fixtures"
        mkdir(directory, 0o755)
        let path = directory + "/" + name
        try generated.withLock { done in
            if done.contains(path) { return }
            try write(path)
            done.insert(path)
        }
        return path
    }
}
