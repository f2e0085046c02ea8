"""The supply-chain LP of docs/model.md (sections 2-4) in Pyomo, solved with glpsol, as a user
without lcaopt would write it. It reads the resolved per-unit numbers that
`lcaopt-bench supplychain --dump-data FILE` writes (so both tools solve the same LP) and prints
its timings as JSON: build, first solve, and an epsilon-constraint sweep of N points.

Usage: python model.py DATA.json [--points 20]
"""
import argparse
import json
import time

import pyomo.environ as pyo


def build(data):
    model = pyo.ConcreteModel()
    deliveries = data["deliveries"]
    routes = data["routes"]
    suppliers = data["suppliers"]
    modes = data["modes"]
    model.D = pyo.RangeSet(0, len(deliveries) - 1)
    model.R = pyo.RangeSet(0, len(routes) - 1)
    model.x = pyo.Var(model.D, within=pyo.NonNegativeReals)
    model.y = pyo.Var(model.R, within=pyo.NonNegativeReals)

    routes_of = {}
    for index, route in enumerate(routes):
        routes_of.setdefault((route["s"], route["k"], route["t"]), []).append(index)
    delivery_key = [(d["s"], d["k"], d["t"]) for d in deliveries]

    def route_rule(m, d):
        keys = routes_of.get(delivery_key[d], [])
        if not keys:
            return pyo.Constraint.Skip
        return sum(m.y[r] for r in keys) == m.x[d]
    model.route = pyo.Constraint(model.D, rule=route_rule)

    by_site_period = {}
    by_supplier_period = {}
    for index, (s, k, t) in enumerate(delivery_key):
        by_site_period.setdefault((k, t), []).append(index)
        by_supplier_period.setdefault((s, t), []).append(index)
    demand = data["demand"]
    model.demand = pyo.Constraint(
        [key for key in by_site_period if demand[key[0]][key[1]] > 0],
        rule=lambda m, k, t: sum(m.x[d] for d in by_site_period[(k, t)]) >= demand[k][t])
    model.capacity = pyo.Constraint(
        [key for key in by_supplier_period if suppliers[key[0]]["capacity"][key[1]] >= 0],
        rule=lambda m, s, t: sum(m.x[d] for d in by_supplier_period[(s, t)]) <= suppliers[s]["capacity"][t])

    model.cost = pyo.Expression(expr=sum(suppliers[s]["cost"] * model.x[d] for d, (s, _, _) in enumerate(delivery_key))
                                + sum(modes[route["r"]]["cost"] * route["units"] * model.y[r] for r, route in enumerate(routes)))
    model.gwp = pyo.Expression(expr=sum(suppliers[s]["gwp"] * model.x[d] for d, (s, _, _) in enumerate(delivery_key))
                               + sum(modes[route["r"]]["gwp"] * route["units"] * model.y[r] for r, route in enumerate(routes)))
    model.objective = pyo.Objective(expr=model.cost, sense=pyo.minimize)
    model.epsilon = pyo.Param(mutable=True, initialize=1e30)
    model.limit = pyo.Constraint(expr=model.gwp <= model.epsilon)
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--points", type=int, default=20)
    args = parser.parse_args()
    with open(args.data) as handle:
        data = json.load(handle)
    solver = pyo.SolverFactory("glpk")

    start = time.perf_counter()
    model = build(data)
    build_seconds = time.perf_counter() - start

    start = time.perf_counter()
    solver.solve(model)
    solve_seconds = time.perf_counter() - start
    cost_optimum = pyo.value(model.cost)
    worst_gwp = pyo.value(model.gwp)

    start = time.perf_counter()
    model.objective.deactivate()
    model.gwp_objective = pyo.Objective(expr=model.gwp, sense=pyo.minimize)
    solver.solve(model)
    best_gwp = pyo.value(model.gwp)
    model.gwp_objective.deactivate()
    model.objective.activate()
    points = []
    for index in range(args.points):
        model.epsilon = worst_gwp - index * (worst_gwp - best_gwp) / (args.points - 1) + 1e-6 * max(1.0, abs(worst_gwp))
        solver.solve(model)
        points.append((pyo.value(model.cost), pyo.value(model.gwp)))
    sweep_seconds = time.perf_counter() - start
    print(json.dumps({"build": build_seconds, "solve": solve_seconds, "sweep": sweep_seconds,
                      "objective": cost_optimum, "sweepPoints": len(points)}))


if __name__ == "__main__":
    main()
