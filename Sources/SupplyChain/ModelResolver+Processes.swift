import Impact
import OpenLCA

/// The resolution steps that turn processes into per-unit numbers: transport modes, materials
/// and their suppliers, the transport conversion, services.
extension ModelResolver {
    /// Transport modes: processes measured in mass x distance, their costs and impacts.
    mutating func resolveModes(_ catalog: Catalog) {
        let units = UnitResolver(catalog: catalog)
        for (r, mode) in (model.transport ?? []).enumerated() {
            let path = "$.transport[\(r)]"
            guard let result = modeProcesses[r].flatMap({ results[$0.id] }) else { continue }
            checkAmount(mode.cost, "\(path).cost")
            if let circuity = mode.circuity, !(circuity.isFinite && circuity >= 1) { issue("\(path).circuity", "must be 1 or more") }
            guard let factor = units.massDistanceFactor(flow: result.referenceFlow.id) else {
                issue("\(path).process", "the reference unit of '\(result.process.name)' is \(result.referenceUnit), not mass x distance",
                      hint: "choose a transport process measured in t*km or kg*km")
                continue
            }
            kgkmFactors.append(factor)
            if mode.cost == nil && result.cost == nil { notes.append("transport \(mode.id): no cost in the database or the model; counted as 0") }
            modes.append(.init(id: mode.id, processRefId: result.process.refId, processName: result.process.name, unit: result.referenceUnit,
                               cost: mode.cost ?? result.cost ?? 0, impacts: result.impacts, circuity: mode.circuity ?? 1,
                               processId: result.process.id))
        }
    }

    /// Materials (unit, mass per unit) and their suppliers (per-unit cost and impacts in the
    /// material's unit, capacities, modes, coordinates), with scope notes.
    mutating func resolveMaterialsAndSuppliers(_ catalog: Catalog) {
        let units = UnitResolver(catalog: catalog)
        var unitProcessSuppliers: [String] = [], multiOutputSuppliers: [String] = []
        for (m, material) in model.materials.enumerated() {
            let path = "$.materials[\(m)]"
            checkAmount(material.massPerUnit, "\(path).massPerUnit", positive: true)
            var materialUnit: Unit?
            var massPerUnit = material.massPerUnit
            for (s, supplier) in material.suppliers.enumerated() {
                let supplierPath = "\(path).suppliers[\(s)]"
                guard let result = supplierProcesses[m][s].flatMap({ results[$0.id] }) else { continue }
                if let flow = supplier.flow {
                    let matches = (try? database.flow(matching: flow))?.id == result.referenceFlow.id
                    if !matches {
                        issue("\(supplierPath).flow", "'\(flow)' is not the reference product of '\(result.process.name)' (\(result.referenceFlow.name))",
                              hint: "leave flow out or choose the process whose reference product it is")
                    }
                }
                if materialUnit == nil {
                    if let name = material.unit {
                        materialUnit = units.unit(named: name, convertibleTo: result.referenceFlow.id)
                        if materialUnit == nil {
                            issue("\(path).unit", "no unit '\(name)' that converts to \(result.referenceUnit) of '\(result.referenceFlow.name)'",
                                  hint: "use a unit of the flow's unit group, e.g. \(result.referenceUnit)")
                        }
                    } else {
                        materialUnit = catalog.referenceUnit(ofFlow: result.referenceFlow.id)
                    }
                }
                guard let unit = materialUnit, let perUnit = units.flowUnits(perUnitOf: unit, flow: result.referenceFlow.id) else {
                    if materialUnit != nil {
                        issue("\(supplierPath).process", "its product '\(result.referenceFlow.name)' (\(result.referenceUnit)) cannot be measured in \(materialUnit!.name)",
                              hint: "suppliers of one material need products measured in convertible units")
                    }
                    continue
                }
                if massPerUnit == nil { massPerUnit = units.kilograms(perUnitOf: unit, flow: result.referenceFlow.id) }
                checkAmount(supplier.cost, "\(supplierPath).cost")
                checkAmount(supplier.fixedCost, "\(supplierPath).fixedCost")
                checkAmount(supplier.equivalence, "\(supplierPath).equivalence", positive: true)
                var capacity = [Double?](repeating: nil, count: periods.count)
                switch supplier.capacity {
                case .every(let value)?:
                    checkAmount(value, "\(supplierPath).capacity")
                    capacity = Array(repeating: value, count: periods.count)
                case .byPeriod(let map)?:
                    for (period, value) in map.sorted(by: { $0.key < $1.key }) {
                        checkAmount(value, "\(supplierPath).capacity.\(period)")
                        if let t = periodIndex[period] { capacity[t] = value } else { issue("\(supplierPath).capacity.\(period)", "unknown period '\(period)'") }
                    }
                case nil: break
                }
                var allowed: [Int] = []
                for (offset, modeId) in (supplier.modes ?? (model.transport ?? []).map(\.id)).enumerated() {
                    if let r = modeIndex[modeId] { allowed.append(r) } else { issue("\(supplierPath).modes[\(offset)]", "unknown transport mode '\(modeId)'") }
                }
                let location = result.location.flatMap { $0.hasCoordinates ? $0 : nil }
                if supplier.cost == nil && result.cost == nil { notes.append("supplier \(supplier.id): no cost in the database or the model; counted as 0") }
                if !systemScope && result.linkableInputs > 0 && result.process.processType?.uppercased() == "UNIT_PROCESS" {
                    unitProcessSuppliers.append(supplier.id)
                }
                if !systemScope && result.isMultiOutput { multiOutputSuppliers.append(supplier.id) }
                suppliers.append(.init(
                    id: supplier.id, material: m, processRefId: result.process.refId, processName: result.process.name,
                    cost: supplier.cost ?? (result.cost ?? 0) * perUnit, impacts: result.impacts.map { $0 * perUnit },
                    capacity: capacity, fixedCost: supplier.fixedCost, modes: allowed.sorted(), equivalence: supplier.equivalence ?? 1,
                    latitude: supplier.latitude ?? location?.latitude, longitude: supplier.longitude ?? location?.longitude,
                    modeUnitsPerKm: [], processId: result.process.id, perUnit: perUnit))
            }
            materials.append(.init(id: material.id, unit: materialUnit?.name ?? material.unit ?? "?", massPerUnit: massPerUnit))
        }
        func listed(_ ids: [String]) -> String {
            ids.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (ids.count > 5 ? " and \(ids.count - 5) more" : "")
        }
        if !unitProcessSuppliers.isEmpty {
            notes.append("supplier\(unitProcessSuppliers.count == 1 ? "" : "s") \(listed(unitProcessSuppliers)): unit process\(unitProcessSuppliers.count == 1 ? "" : "es") with product inputs whose upstream impacts the direct scope leaves out (for cradle-to-gate: \"lciaScope\": \"system\" in a model file, or --scope system on the command line, MOLA configurations included)")
        }
        if !multiOutputSuppliers.isEmpty {
            notes.append("supplier\(multiOutputSuppliers.count == 1 ? "" : "s") \(listed(multiOutputSuppliers)): multi-output process\(multiOutputSuppliers.count == 1 ? "" : "es"), not allocated in the direct scope (the supplied product carries the whole burden)")
        }
    }

    /// Transport conversion: mode reference units per (unit of material x km), per supplier.
    mutating func convertTransport() {
        for s in suppliers.indices {
            var factors = [Double](repeating: 0, count: modes.count)
            if !suppliers[s].modes.isEmpty {
                if let mass = materials[suppliers[s].material].massPerUnit {
                    for r in suppliers[s].modes where r < kgkmFactors.count { factors[r] = mass * kgkmFactors[r] }
                } else if !modes.isEmpty {
                    let m = suppliers[s].material
                    issue("$.materials[\(m)].massPerUnit", "material '\(materials[m].id)' is measured in \(materials[m].unit), not a mass, and is transported",
                          hint: "give massPerUnit (kg per \(materials[m].unit))")
                }
            }
            suppliers[s].modeUnitsPerKm = factors
        }
    }

    /// Services: per-unit cost and impacts, amounts per unit of each material.
    mutating func resolveServices() -> [SupplyChainData.Service] {
        let processes = serviceProcesses
        var services: [SupplyChainData.Service] = []
        for (q, service) in (model.services ?? []).enumerated() {
            guard let result = processes[q].flatMap({ results[$0.id] }) else { continue }
            checkAmount(service.cost, "$.services[\(q)].cost")
            var per: [Int: Double] = [:]
            for (materialId, amount) in service.per.sorted(by: { $0.key < $1.key }) {
                checkAmount(amount, "$.services[\(q)].per.\(materialId)")
                if let m = materialIndex[materialId] { per[m] = amount } else { issue("$.services[\(q)].per.\(materialId)", "unknown material '\(materialId)'") }
            }
            if service.cost == nil && result.cost == nil { notes.append("service \(service.id): no cost in the database or the model; counted as 0") }
            services.append(.init(id: service.id, processRefId: result.process.refId, unit: result.referenceUnit,
                                  cost: service.cost ?? result.cost ?? 0, impacts: result.impacts, per: per,
                                  processId: result.process.id))
        }
        return services
    }
}
