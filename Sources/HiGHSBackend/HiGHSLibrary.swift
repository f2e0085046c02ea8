import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why the HiGHS backend cannot run.
public struct HiGHSUnavailable: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// HiGHS's C API (`highs_c_api.h`, HiGHS 1.x with 32-bit `HighsInt`), looked up at run time in
/// `libhighs.so`, so that lcaopt builds and runs with GLPK alone and `--solver highs` says how
/// to install HiGHS when it is missing. This file is the only place that names HiGHS's symbols:
/// it is the HiGHS shim, used by `HiGHSSolver` only.
///
/// The library is searched, in order: `LCAOPT_HIGHS_LIBRARY`; `.deps/highs/highsbox/highs_dist/lib/libhighs.so`
/// in the folders above the running executable (where `scripts/setup` installs PyPI's
/// `highsbox`); `libhighs.so` on the system's library path.
final class HiGHSLibrary: @unchecked Sendable {
    typealias Handle = UnsafeMutableRawPointer
    typealias HighsInt = Int32

    let create: @convention(c) () -> Handle?
    let destroy: @convention(c) (Handle?) -> Void
    let passLp: @convention(c) (Handle?, HighsInt, HighsInt, HighsInt, HighsInt, HighsInt, Double,
                                UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?,
                                UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<HighsInt>?,
                                UnsafePointer<HighsInt>?, UnsafePointer<Double>?) -> HighsInt
    let passMip: @convention(c) (Handle?, HighsInt, HighsInt, HighsInt, HighsInt, HighsInt, Double,
                                 UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?,
                                 UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<HighsInt>?,
                                 UnsafePointer<HighsInt>?, UnsafePointer<Double>?, UnsafePointer<HighsInt>?) -> HighsInt
    let run: @convention(c) (Handle?) -> HighsInt
    let clearSolver: @convention(c) (Handle?) -> HighsInt
    let getModelStatus: @convention(c) (Handle?) -> HighsInt
    let getSolution: @convention(c) (Handle?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?,
                                     UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?) -> HighsInt
    let getIntInfoValue: @convention(c) (Handle?, UnsafePointer<CChar>?, UnsafeMutablePointer<HighsInt>?) -> HighsInt
    let changeColBounds: @convention(c) (Handle?, HighsInt, Double, Double) -> HighsInt
    let changeRowBounds: @convention(c) (Handle?, HighsInt, Double, Double) -> HighsInt
    let changeColCost: @convention(c) (Handle?, HighsInt, Double) -> HighsInt
    let changeObjectiveOffset: @convention(c) (Handle?, Double) -> HighsInt
    let setBoolOptionValue: @convention(c) (Handle?, UnsafePointer<CChar>?, HighsInt) -> HighsInt
    let setIntOptionValue: @convention(c) (Handle?, UnsafePointer<CChar>?, HighsInt) -> HighsInt
    let setDoubleOptionValue: @convention(c) (Handle?, UnsafePointer<CChar>?, Double) -> HighsInt
    let setStringOptionValue: @convention(c) (Handle?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> HighsInt

    /// The path the library was loaded from.
    let path: String

    /// The library, loaded once per process, or why it could not be.
    static let shared: Result<HiGHSLibrary, HiGHSUnavailable> = load()

    private init(handle: UnsafeMutableRawPointer, path: String) throws(HiGHSUnavailable) {
        func symbol<T>(_ name: String, _: T.Type) throws(HiGHSUnavailable) -> T {
            guard let pointer = dlsym(handle, name) else {
                throw HiGHSUnavailable(description: "\(path) has no \(name): lcaopt needs HiGHS 1.x's C API")
            }
            return unsafeBitCast(pointer, to: T.self)
        }
        self.path = path
        create = try symbol("Highs_create", type(of: create))
        destroy = try symbol("Highs_destroy", type(of: destroy))
        passLp = try symbol("Highs_passLp", type(of: passLp))
        passMip = try symbol("Highs_passMip", type(of: passMip))
        run = try symbol("Highs_run", type(of: run))
        clearSolver = try symbol("Highs_clearSolver", type(of: clearSolver))
        getModelStatus = try symbol("Highs_getModelStatus", type(of: getModelStatus))
        getSolution = try symbol("Highs_getSolution", type(of: getSolution))
        getIntInfoValue = try symbol("Highs_getIntInfoValue", type(of: getIntInfoValue))
        changeColBounds = try symbol("Highs_changeColBounds", type(of: changeColBounds))
        changeRowBounds = try symbol("Highs_changeRowBounds", type(of: changeRowBounds))
        changeColCost = try symbol("Highs_changeColCost", type(of: changeColCost))
        changeObjectiveOffset = try symbol("Highs_changeObjectiveOffset", type(of: changeObjectiveOffset))
        setBoolOptionValue = try symbol("Highs_setBoolOptionValue", type(of: setBoolOptionValue))
        setIntOptionValue = try symbol("Highs_setIntOptionValue", type(of: setIntOptionValue))
        setDoubleOptionValue = try symbol("Highs_setDoubleOptionValue", type(of: setDoubleOptionValue))
        setStringOptionValue = try symbol("Highs_setStringOptionValue", type(of: setStringOptionValue))
    }

    /// The places to look for `libhighs.so`, in order.
    static func candidates() -> [String] {
        var paths: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["LCAOPT_HIGHS_LIBRARY"], !explicit.isEmpty { paths.append(explicit) }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<6 {
            paths.append(folder.appendingPathComponent(".deps/highs/highsbox/highs_dist/lib/libhighs.so").path)
            folder = folder.deletingLastPathComponent()
        }
        paths.append("libhighs.so")
        return paths
    }

    private static func load() -> Result<HiGHSLibrary, HiGHSUnavailable> {
        for path in candidates() where path == "libhighs.so" || FileManager.default.fileExists(atPath: path) {
            guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else { continue }
            do { return .success(try HiGHSLibrary(handle: handle, path: path)) } catch { return .failure(error) }
        }
        return .failure(HiGHSUnavailable(description: """
            HiGHS is not installed: run scripts/setup (it installs PyPI's highsbox into .deps/highs), \
            or set LCAOPT_HIGHS_LIBRARY to the path of a libhighs.so
            """))
    }
}
