/// Where a decision's parts are, for a map: places with coordinates and the flows between them.
public struct DecisionMap: Sendable, Codable, Equatable {
    /// A supplier, a site, a network location.
    public struct Place: Sendable, Codable, Equatable {
        public var id: String
        public var label: String
        /// `supplier`, `site` or `location`.
        public var kind: String
        public var latitude: Double
        public var longitude: Double
        /// What the decision puts there (capacities built, amounts supplied), one line each.
        public var details: [String]

        public init(id: String, label: String, kind: String, latitude: Double, longitude: Double, details: [String] = []) {
            (self.id, self.label, self.kind, self.latitude, self.longitude, self.details) = (id, label, kind, latitude, longitude, details)
        }
    }

    /// An amount moved from one place to another by a mode or transport, summed over periods and snapshots.
    public struct Flow: Sendable, Codable, Equatable {
        public var from: String
        public var to: String
        /// The transport mode or network transport.
        public var mode: String
        public var amount: Double
        public var unit: String

        public init(from: String, to: String, mode: String, amount: Double, unit: String) {
            (self.from, self.to, self.mode, self.amount, self.unit) = (from, to, mode, amount, unit)
        }
    }

    public var places: [Place]
    public var flows: [Flow]

    public init(places: [Place] = [], flows: [Flow] = []) {
        self.places = places
        self.flows = flows
    }
}

/// One part of an objective's value at a decision: the objective, what kind of activity
/// (`production`, `services`, `transport`, `storage`, `fixed cost`; a network's `supply`,
/// `export`, `conversion`, `transport`, `storage`, `capacity`) and which item (a supplier, a mode,
/// a component). The parts of an objective sum to its value.
public struct ObjectivePart: Sendable, Codable, Equatable {
    public var objective: String
    public var part: String
    public var item: String
    public var value: Double

    public init(objective: String, part: String, item: String, value: Double) {
        (self.objective, self.part, self.item, self.value) = (objective, part, item, value)
    }
}

extension ObjectivePart {
    /// `parts` with those of the same objective, part and item summed, in the order each first
    /// appears, zeros left out: how a family accumulates its breakdown term by term.
    public static func merged(_ parts: [ObjectivePart]) -> [ObjectivePart] {
        struct Key: Hashable { var objective, part, item: String }
        var position: [Key: Int] = [:], result: [ObjectivePart] = []
        for part in parts where part.value != 0 {
            let key = Key(objective: part.objective, part: part.part, item: part.item)
            if let index = position[key] { result[index].value += part.value } else {
                position[key] = result.count
                result.append(part)
            }
        }
        return result
    }
}
