"""Builds the small PyPSA networks of lcaopt's PyPSA tests, solves each with PyPSA's own
optimize() and HiGHS, and writes each as PyPSA's CSV folder (export_to_csv_folder, results
included, as a user's folder would be) with the objective PyPSA reported in expected.json.

Not part of CI (PyPSA is not needed to run the tests): bench/pypsa/run installs PyPSA and
highspy from PyPI into bench/.venv-pypsa and runs this script.

Usage: python bench/pypsa/make_networks.py OUT_DIR
"""
import json
import os
import sys

import pandas as pd
import pypsa


def snapshots(n, count, weight):
    n.set_snapshots(range(count))
    n.snapshot_weightings.loc[:, :] = weight


def chp():
    """A CHP link with two outputs (gas -> 0.4 electricity + 0.5 heat), a boiler and the grid."""
    n = pypsa.Network()
    snapshots(n, 3, 2.0)
    for bus in ["gas", "elec", "heat"]:
        n.add("Bus", bus, carrier=bus)
    n.add("Carrier", "gas", co2_emissions=0.2)
    n.add("Generator", "gas-import", bus="gas", carrier="gas", p_nom=1000, marginal_cost=30)
    n.add("Generator", "grid", bus="elec", carrier="elec", p_nom=1000, marginal_cost=100)
    n.add("Load", "eload", bus="elec", p_set=pd.Series([10, 12, 8], index=n.snapshots))
    n.add("Load", "hload", bus="heat", p_set=5)
    n.add("Link", "chp", bus0="gas", bus1="elec", bus2="heat", efficiency=0.4, efficiency2=0.5, p_nom=30)
    n.add("Link", "boiler", bus0="gas", bus1="heat", efficiency=0.9, p_nom=50)
    return n


def two_way():
    """Two buses joined by a link that runs both ways (p_min_pu = -1)."""
    n = pypsa.Network()
    snapshots(n, 2, 1.0)
    n.add("Bus", "north")
    n.add("Bus", "south")
    n.add("Generator", "hydro", bus="north", p_nom=50, marginal_cost=5, p_max_pu=pd.Series([1.0, 0.2], index=n.snapshots))
    n.add("Generator", "gas", bus="south", p_nom=100, marginal_cost=50)
    n.add("Load", "north-load", bus="north", p_set=pd.Series([10, 30], index=n.snapshots))
    n.add("Load", "south-load", bus="south", p_set=pd.Series([30, 10], index=n.snapshots))
    n.add("Link", "interconnector", bus0="north", bus1="south", p_nom=25, p_min_pu=-1, efficiency=1, marginal_cost=1)
    return n


def store():
    """A cyclic store with standing loss over snapshots of two hours, cheap power at night."""
    n = pypsa.Network()
    snapshots(n, 4, 2.0)
    n.add("Bus", "elec")
    n.add("Generator", "grid", bus="elec", p_nom=100, marginal_cost=pd.Series([10, 10, 60, 80], index=n.snapshots))
    n.add("Load", "demand", bus="elec", p_set=pd.Series([5, 5, 20, 20], index=n.snapshots))
    n.add("Store", "battery", bus="elec", e_nom=60, e_cyclic=True, standing_loss=0.02)
    return n


def extendable():
    """Extendable wind and solar with p_max_pu series, and gas, for a varying load."""
    n = pypsa.Network()
    snapshots(n, 4, 6.0)
    n.add("Bus", "elec")
    n.add("Generator", "wind", bus="elec", p_nom_extendable=True, capital_cost=500, marginal_cost=0,
          p_max_pu=pd.Series([0.9, 0.5, 0.2, 0.6], index=n.snapshots), p_nom_max=80)
    n.add("Generator", "solar", bus="elec", p_nom_extendable=True, capital_cost=300, p_nom_min=5,
          p_max_pu=pd.Series([0.0, 0.8, 0.7, 0.0], index=n.snapshots))
    n.add("Generator", "gas", bus="elec", p_nom=100, marginal_cost=70)
    n.add("Load", "demand", bus="elec", p_set=pd.Series([30, 45, 40, 35], index=n.snapshots))
    return n


def co2_cap():
    """Coal, gas and extendable wind under a CO2 limit (primary energy, carriers' co2_emissions)."""
    n = pypsa.Network()
    snapshots(n, 3, 8.0)
    n.add("Bus", "elec")
    n.add("Carrier", "coal", co2_emissions=0.34)
    n.add("Carrier", "gas", co2_emissions=0.2)
    n.add("Carrier", "wind")
    n.add("Generator", "coal", bus="elec", carrier="coal", p_nom=100, marginal_cost=25, efficiency=0.4)
    n.add("Generator", "gas", bus="elec", carrier="gas", p_nom=100, marginal_cost=45, efficiency=0.55)
    n.add("Generator", "wind", bus="elec", carrier="wind", p_nom_extendable=True, capital_cost=900,
          p_max_pu=pd.Series([0.7, 0.3, 0.5], index=n.snapshots))
    n.add("Load", "demand", bus="elec", p_set=pd.Series([50, 60, 40], index=n.snapshots))
    n.add("GlobalConstraint", "co2-limit", type="primary_energy", carrier_attribute="co2_emissions", sense="<=", constant=600)
    return n


def storage_unit():
    """A battery as a storage unit (power 10 MW, 4 hours, losses both ways), cyclic, dispatch priced."""
    n = pypsa.Network()
    snapshots(n, 4, 2.0)
    n.add("Bus", "elec")
    n.add("Generator", "grid", bus="elec", p_nom=100, marginal_cost=pd.Series([10, 10, 60, 80], index=n.snapshots))
    n.add("Load", "demand", bus="elec", p_set=pd.Series([5, 5, 20, 20], index=n.snapshots))
    n.add("StorageUnit", "battery", bus="elec", p_nom=10, max_hours=4, efficiency_store=0.9, efficiency_dispatch=0.95,
          standing_loss=0.01, cyclic_state_of_charge=True, marginal_cost=1)
    return n


def two_periods():
    """Two investment periods (2030, 2040; ten years each, objective weightings discounted at 2 %
    a year), two timesteps each: existing gas, wind extendable in either period (built in 2030
    with a 30-year lifetime, or in 2040), a battery store extendable in 2040, a load that grows,
    and a CO2 cap in the second period only."""
    n = pypsa.Network()
    n.set_snapshots(pd.MultiIndex.from_product([[2030, 2040], [0, 1]]))
    n.investment_periods = [2030, 2040]
    rate = 0.02
    for period in [2030, 2040]:
        n.investment_period_weightings.loc[period, "years"] = 10
        n.investment_period_weightings.loc[period, "objective"] = sum((1 + rate) ** -(period + k - 2030) for k in range(10))
    n.snapshot_weightings.loc[:, :] = 4380.0
    n.add("Bus", "elec", carrier="elec")
    n.add("Carrier", "gas", co2_emissions=0.2)
    n.add("Carrier", "wind")
    n.add("Generator", "gas", bus="elec", carrier="gas", p_nom=100, marginal_cost=60, efficiency=0.5)
    wind = pd.Series([0.6, 0.2, 0.6, 0.2], index=n.snapshots)
    n.add("Generator", "wind-2030", bus="elec", carrier="wind", p_nom_extendable=True, capital_cost=90000, build_year=2030,
          lifetime=30, p_max_pu=wind)
    n.add("Generator", "wind-2040", bus="elec", carrier="wind", p_nom_extendable=True, capital_cost=70000, build_year=2040,
          lifetime=30, p_max_pu=wind)
    n.add("Store", "battery-2040", bus="elec", e_nom_extendable=True, capital_cost=15000, build_year=2040, lifetime=20, e_cyclic=True)
    n.add("Load", "demand", bus="elec", p_set=pd.Series([40, 50, 55, 65], index=n.snapshots))
    n.add("GlobalConstraint", "co2-2040", type="primary_energy", carrier_attribute="co2_emissions", sense="<=", constant=300000,
          investment_period=2040)
    return n


NETWORKS = {"chp": chp, "two-way-link": two_way, "store": store, "extendable": extendable, "co2-cap": co2_cap, "storage-unit": storage_unit,
            "two-periods": two_periods}


def main(out):
    expected = {}
    for name, build in NETWORKS.items():
        n = build()
        status, condition = n.optimize(solver_name="highs", multi_investment_periods=bool(len(n.investment_periods)))
        assert status == "ok", (name, status, condition)
        folder = os.path.join(out, name)
        n.export_to_csv_folder(folder)
        expected[name] = {"objective": float(n.objective), "objective_constant": float(getattr(n, "objective_constant", 0.0)),
                          "pypsa": pypsa.__version__}
        print(f"{name}: objective {n.objective}")
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
