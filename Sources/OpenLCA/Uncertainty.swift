/// An uncertainty distribution as openLCA stores it on an exchange or a characterisation factor
/// (`distribution_type`, `parameter1_value` ... `parameter3_value`), with its parameters in the
/// exchange's (or factor's) own unit, as entered. The type numbers are the ordinals of olca-core's
/// `org.openlca.core.model.UncertaintyType`: 0 none, 1 log-normal, 2 normal, 3 triangle, 4 uniform.
public enum Uncertainty: Sendable, Hashable {
    /// Geometric mean (negative: the distribution mirrored, as olca-core does for ecoinvent 3)
    /// and geometric standard deviation.
    case logNormal(geometricMean: Double, geometricSD: Double)
    case normal(mean: Double, sd: Double)
    case triangle(min: Double, mode: Double, max: Double)
    case uniform(min: Double, max: Double)

    /// The distribution of a stored row; nil for none (`distribution_type` NULL or 0).
    /// Throws ``Unusable`` when the type is unknown or a parameter it needs is no finite number
    /// (olca-core would read a NULL parameter as 0 and sample around 0: never silently here).
    public static func read(type: Int64?, _ p1: Double?, _ p2: Double?, _ p3: Double?) throws(Unusable) -> Uncertainty? {
        guard let type, type != 0 else { return nil }
        func need(_ value: Double?, _ name: String) throws(Unusable) -> Double {
            guard let value, value.isFinite else { throw Unusable(reason: "\(name) is no number") }
            return value
        }
        switch type {
        case 1: return .logNormal(geometricMean: try need(p1, "geometric mean (parameter1)"), geometricSD: try need(p2, "geometric standard deviation (parameter2)"))
        case 2: return .normal(mean: try need(p1, "mean (parameter1)"), sd: try need(p2, "standard deviation (parameter2)"))
        case 3: return .triangle(min: try need(p1, "minimum (parameter1)"), mode: try need(p2, "mode (parameter2)"), max: try need(p3, "maximum (parameter3)"))
        case 4: return .uniform(min: try need(p1, "minimum (parameter1)"), max: try need(p2, "maximum (parameter2)"))
        default: throw Unusable(reason: "distribution_type \(type) is none of openLCA's (0 none, 1 log-normal, 2 normal, 3 triangle, 4 uniform)")
        }
    }

    /// ``read(type:_:_:_:)`` as a result, as the readers keep it.
    static func stored(type: Int64?, _ p1: Double?, _ p2: Double?, _ p3: Double?) -> Result<Uncertainty?, Unusable> {
        do throws(Unusable) { return .success(try read(type: type, p1, p2, p3)) } catch { return .failure(error) }
    }

    /// Why a stored distribution cannot be sampled.
    public struct Unusable: Error, Sendable, Hashable {
        public var reason: String
    }

    /// The kind's name in outputs.
    public var kind: String {
        switch self {
        case .logNormal: "log-normal"
        case .normal: "normal"
        case .triangle: "triangle"
        case .uniform: "uniform"
        }
    }
}
