import Foundation

/// Great-circle distances.
public enum Geo {
    /// The mean Earth radius (IUGG), km.
    public static let earthRadiusKm = 6371.0088

    /// The Haversine great-circle distance in km between two points given in degrees.
    public static func greatCircleKm(latitude1: Double, longitude1: Double, latitude2: Double, longitude2: Double) -> Double {
        let radians = Double.pi / 180
        let phi1 = latitude1 * radians, phi2 = latitude2 * radians
        let deltaPhi = (latitude2 - latitude1) * radians, deltaLambda = (longitude2 - longitude1) * radians
        let a = sin(deltaPhi / 2) * sin(deltaPhi / 2) + cos(phi1) * cos(phi2) * sin(deltaLambda / 2) * sin(deltaLambda / 2)
        return 2 * earthRadiusKm * asin(min(1, sqrt(a)))
    }
}
