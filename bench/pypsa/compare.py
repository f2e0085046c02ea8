"""lcaopt against PyPSA on generated networks of about 10 k, 100 k and 1 M variables: model build
and solve (PyPSA: linopy + HiGHS, as PyPSA users run it; lcaopt: GLPK and HiGHS, each a whole
`lcaopt solve` process that reads PyPSA's CSV folder), and a 20-point cost-CO2 sweep (PyPSA:
re-optimising with each cap in a loop; lcaopt: `lcaopt pareto --method augmecon2 --points 20`).
Prints one Markdown table. Run through bench/pypsa/run --compare (not part of CI).
"""
import json
import os
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pypsa

SIZES = {"10k": 125, "100k": 1250, "1m": 12500}  # snapshots; about 80 variables per snapshot
GLPK_LIMIT = int(os.environ.get("GLPK_LIMIT", "300"))  # seconds for lcaopt's GLPK solve (its dual simplex is slow on larger networks)


def build(snapshots, seed=3):
    rng = np.random.default_rng(seed)
    n = pypsa.Network()
    n.set_snapshots(range(snapshots))
    n.snapshot_weightings = n.snapshot_weightings.astype(float)
    n.snapshot_weightings.loc[:, :] = 8760 / snapshots
    n.add("Carrier", "coal", co2_emissions=0.34)
    n.add("Carrier", "gas", co2_emissions=0.2)
    n.add("Carrier", "wind")
    n.add("Carrier", "solar")
    hours = np.arange(snapshots)
    for b in range(10):
        bus = f"bus{b}"
        n.add("Bus", bus)
        wind = pd.Series(np.clip(0.4 + 0.3 * np.sin(hours / 17 + b) + 0.1 * rng.standard_normal(snapshots), 0, 1), index=n.snapshots)
        solar = pd.Series(np.clip(np.sin(2 * np.pi * (hours % 24) / 24 - np.pi / 2), 0, 1), index=n.snapshots)
        n.add("Generator", f"coal{b}", bus=bus, carrier="coal", p_nom=60, marginal_cost=25 + b, efficiency=0.4)
        n.add("Generator", f"gas{b}", bus=bus, carrier="gas", p_nom=80, marginal_cost=45 + b, efficiency=0.55)
        n.add("Generator", f"wind{b}", bus=bus, carrier="wind", p_nom_extendable=True, capital_cost=90000, p_max_pu=wind, p_nom_max=200)
        n.add("Generator", f"solar{b}", bus=bus, carrier="solar", p_nom_extendable=True, capital_cost=50000, p_max_pu=solar, p_nom_max=200)
        load = pd.Series(60 + 20 * np.sin(2 * np.pi * (hours % 24) / 24) + 5 * rng.standard_normal(snapshots), index=n.snapshots)
        n.add("Load", f"load{b}", bus=bus, p_set=load)
        n.add("Store", f"battery{b}", bus=bus, e_nom=100, e_cyclic=True, standing_loss=0.001)
    for b in range(10):
        n.add("Link", f"line{b}", bus0=f"bus{b}", bus1=f"bus{(b + 1) % 10}", p_nom=40, p_min_pu=-1, efficiency=1, marginal_cost=0.5)
    n.add("GlobalConstraint", "co2-limit", type="primary_energy", carrier_attribute="co2_emissions", sense="<=", constant=1e12)
    return n


def pypsa_times(n, points):
    start = time.perf_counter()
    n.optimize.create_model()
    built = time.perf_counter() - start
    start = time.perf_counter()
    n.optimize.solve_model(solver_name="highs")
    solved = time.perf_counter() - start
    objective = float(n.objective)
    if points == 0:
        return built, solved, objective, None
    # The sweep as PyPSA users run it: re-optimise with each cap, from the unconstrained emissions down to 0.
    emissions = sum((n.generators_t.p[g] / n.generators.at[g, "efficiency"] * n.carriers.at[n.generators.at[g, "carrier"], "co2_emissions"]
                     * n.snapshot_weightings.generators).sum() for g in n.generators.index)
    start = time.perf_counter()
    for k in range(points):
        n.global_constraints.at["co2-limit", "constant"] = emissions * (1 - k / (points - 1))
        n.optimize(solver_name="highs")
    swept = time.perf_counter() - start
    return built, solved, objective, swept


def lcaopt(binary, folder, *arguments, allow_limit=False):
    start = time.perf_counter()
    out = subprocess.run([binary, *arguments, folder], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if out.returncode == 2 and allow_limit:
        return None, out.stdout  # stopped by --time-limit
    if out.returncode != 0:
        raise SystemExit(f"lcaopt {' '.join(arguments)}: {out.stderr}")
    return seconds, out.stdout


def main(binary, data, sizes, points, sweeps, solves):
    print("| size | lcaopt columns | PyPSA build s (create_model) | lcaopt LP build s (whole dry-run process, CSV reading included) | build ratio | PyPSA + HiGHS solve s | lcaopt HiGHS s (whole process) | lcaopt GLPK s (whole process) "
          f"| PyPSA {points}-cap loop s | lcaopt {points}-point pareto s (HiGHS) | ratio |")
    print("|" + "---|" * 11, flush=True)
    for size in sizes:
        n = build(SIZES[size])
        folder = os.path.join(data, f"compare-{size}")
        n.export_to_csv_folder(folder)
        variables = None
        dry, dry_out = lcaopt(binary, folder, "solve", "--dry-run", "--json")
        variables = json.loads(dry_out)["size"]["columns"]
        # PyPSA's create_model starts from the network in memory: lcaopt's counterpart is its LP build
        # (the whole dry-run process, CSV reading included, is reported beside it).
        ours_build = json.loads(dry_out)["seconds"]["build"]
        if size not in solves:
            # Build only (the solves at this size take HiGHS many minutes): PyPSA's linopy model against lcaopt's read + build.
            start = time.perf_counter()
            n.optimize.create_model()
            built = time.perf_counter() - start
            print(f"{size} done", file=sys.stderr, flush=True)
            print(f"| {size} | {variables} | {built:.2f} | {ours_build:.3f} ({dry:.2f}) | {built / ours_build:.1f}x | - | - | - | - | - | - |", flush=True)
            continue
        built, solved, objective, swept = pypsa_times(n, points if size in sweeps else 0)
        glpk, glpk_out = lcaopt(binary, folder, "solve", "--json", "--time-limit", str(GLPK_LIMIT), allow_limit=True)
        highs, highs_out = lcaopt(binary, folder, "solve", "--json", "--solver", "highs")
        ours = json.loads(highs_out)["objectives"]["cost"]
        assert abs(ours - objective) <= 1e-6 * abs(objective), (size, ours, objective)
        sweep = ""
        if swept is not None:
            try:
                ours_sweep, _ = lcaopt(binary, folder, "pareto", "--method", "augmecon2", "--points", str(points), "--objectives", "cost,co2", "--solver", "highs", "--json")
                sweep = f"{swept:.2f} | {ours_sweep:.2f} | {swept / ours_sweep:.1f}x"
            except SystemExit as failure:
                print(failure, file=sys.stderr)
                sweep = f"{swept:.2f} | failed | -"
        else:
            sweep = "- | - | -"
        print(f"{size} done", file=sys.stderr, flush=True)
        glpk_text = f"{glpk:.2f}" if glpk is not None else f"> {GLPK_LIMIT}"
        print(f"| {size} | {variables} | {built:.2f} | {ours_build:.3f} ({dry:.2f}) | {built / ours_build:.1f}x | {solved:.2f} | {highs:.2f} | {glpk_text} | {sweep} |", flush=True)


if __name__ == "__main__":
    # Sizes to sweep (default 10k,100k; the loop of re-optimisations is long at 1 M) and sizes to
    # solve (default all; others are compared on the build alone).
    main(sys.argv[1], sys.argv[2], sys.argv[3].split(","), int(sys.argv[4]), (sys.argv[5] if len(sys.argv) > 5 else "10k,100k").split(","),
         (sys.argv[6] if len(sys.argv) > 6 else sys.argv[3]).split(","))
