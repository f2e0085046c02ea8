/// Unit conversions through the database's unit groups and flow property factors (openLCA's
/// arithmetic: `unit.cf / fpf.cf`), shared by every model family.
public struct UnitResolver {
    public let catalog: Catalog

    public init(catalog: Catalog) { self.catalog = catalog }

    /// The flow property factors of a flow, by the unit group of their property.
    public func propertyFactors(ofFlow flow: Int64) -> [(group: Int64, factor: FlowPropertyFactor)] {
        catalog.flowPropertyFactors.values.filter { $0.flow == flow }.compactMap { factor in
            factor.flowProperty.flatMap { catalog.flowProperties[$0]?.unitGroup }.map { ($0, factor) }
        }.sorted { $0.factor.id < $1.factor.id }
    }

    /// A unit called `name` (or with that synonym) in a unit group the flow can be measured in.
    public func unit(named name: String, convertibleTo flow: Int64) -> Unit? {
        let groups = Set(propertyFactors(ofFlow: flow).map(\.group))
        let candidates = catalog.units.values.filter { unit in
            unit.unitGroup.map(groups.contains) == true && (unit.name == name || unit.synonyms.contains(name))
        }
        return candidates.min { $0.id < $1.id }
            ?? catalog.units.values.filter { $0.unitGroup.map(groups.contains) == true && $0.name.lowercased() == name.lowercased() }.min { $0.id < $1.id }
    }

    /// Reference units of `flow` in one `unit` (openLCA's `unit.cf / fpf.cf`).
    public func flowUnits(perUnitOf unit: Unit, flow: Int64) -> Double? {
        guard let entry = propertyFactors(ofFlow: flow).first(where: { $0.group == unit.unitGroup }) else { return nil }
        return catalog.exchangeFactor(unit: unit.id, propertyFactor: entry.factor.id)
    }

    /// The unit group whose units include kg (the mass group), and kg itself.
    public var kilogram: Unit? {
        catalog.units.values.filter { $0.name == "kg" }.min { $0.id < $1.id }
    }

    /// kg in one `unit` of a flow: directly for mass units, else through the flow's mass property.
    public func kilograms(perUnitOf unit: Unit, flow: Int64) -> Double? {
        guard let kg = kilogram, kg.conversionFactor > 0 else { return nil }
        if unit.unitGroup == kg.unitGroup { return unit.conversionFactor / kg.conversionFactor }
        guard let perUnit = flowUnits(perUnitOf: unit, flow: flow),
              let mass = propertyFactors(ofFlow: flow).first(where: { $0.group == kg.unitGroup }) else { return nil }
        let reference = propertyFactors(ofFlow: flow).first { $0.factor.flowProperty == catalog.flows[flow]?.referenceFlowProperty }
        let referenceFactor = reference?.factor.conversionFactor ?? 1
        return perUnit * mass.factor.conversionFactor / referenceFactor / kg.conversionFactor
    }

    /// Reference units of a transport flow per kg*km: found by the unit `kg*km` in the flow's
    /// reference unit group (0.001 when the reference is t*km); nil when the group has none.
    public func massDistanceFactor(flow: Int64) -> Double? {
        guard let property = catalog.flows[flow]?.referenceFlowProperty,
              let group = catalog.flowProperties[property]?.unitGroup,
              let reference = catalog.unitGroups[group]?.referenceUnit.flatMap({ catalog.units[$0] }) else { return nil }
        let spellings: Set<String> = ["kg*km", "kgkm", "kg km", "kg·km", "kg.km"]
        guard let unit = catalog.units.values.filter({ unit in
            unit.unitGroup == group && (spellings.contains(unit.name.lowercased()) || unit.synonyms.contains { spellings.contains($0.lowercased()) })
        }).min(by: { $0.id < $1.id }), reference.conversionFactor > 0 else { return nil }
        return unit.conversionFactor / reference.conversionFactor
    }
}
