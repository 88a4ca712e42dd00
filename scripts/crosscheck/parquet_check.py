#!/usr/bin/env python3
"""Read every tables/*.parquet of an `analyze --parquet` output with pandas (pyarrow
engine, Arrow-backed dtypes so nulls stay nulls) and compare it with its CSV: the same
columns in the same order, the same number of rows, every cell equal (integers and
booleans exactly, floats as the same double, text equal once the CSV's formula guard is
applied, nulls where the CSV is empty), and the contract's numeric columns in numeric
dtypes. Prints one line per table and a summary; exits non-zero on any mismatch.

    parquet_check.py OUT/tables
"""

import csv
import math
import pathlib
import sys

import pandas as pd

# Columns the contract defines as numbers, by table (a sample of every kind).
NUMERIC = {
    "org_centrality": ["collaborations", "degree", "weighted_degree", "betweenness",
                       "closeness", "harmonic", "eigenvector", "pagerank"],
    "consortium_summary": ["members", "enterprise_share", "non_local_share",
                           "chain_coverage", "critical_coverage"],
    "chain_coverage": ["members_covering"],
    "region_ties": ["ties", "weight"],
    "program_comparison": ["consortia", "organizations", "memberships", "mean_members",
                           "cross_region_tie_share", "mean_chain_coverage", "density"],
    "evolution": ["year", "consortia", "organizations", "memberships", "new_memberships",
                  "ties", "density", "largest_component"],
    "org_structure": ["community", "constraint", "effective_size", "broker_total"],
    "communities": ["community", "organizations", "ties_inside", "top_consortium_share"],
    "ei_index": ["internal_ties", "external_ties", "ei", "expected_ei", "p_greater"],
    "two_mode_centrality": ["degree", "betweenness", "closeness"],
    "gap_partners": ["rank", "distance", "collaborations"],
}
BOOLEAN = {"chain_coverage": ["critical"], "org_structure": ["articulation"]}


def guarded(text):
    """The CSV writer's formula guard."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def same(value, cell):
    """Whether a Parquet value is the CSV cell."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return cell == ""
    if isinstance(value, bool):
        return cell == ("true" if value else "false")
    if isinstance(value, int):
        return cell == str(value)
    if isinstance(value, float):
        return cell != "" and float(cell) == value
    if isinstance(value, str):
        return cell == guarded(value)
    return False


def check(parquet, csv_path):
    df = pd.read_parquet(parquet, engine="pyarrow", dtype_backend="pyarrow")
    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    problems = []
    if list(df.columns) != header:
        problems.append(f"columns {list(df.columns)} != {header}")
        return problems
    if len(df) != len(rows):
        problems.append(f"{len(df)} rows != {len(rows)}")
        return problems
    stem = parquet.stem
    for name in NUMERIC.get(stem, []):
        if name in df.columns and not pd.api.types.is_numeric_dtype(df[name].dtype):
            problems.append(f"{name}: dtype {df[name].dtype}, expected a number")
    for name in BOOLEAN.get(stem, []):
        if name in df.columns and not pd.api.types.is_bool_dtype(df[name].dtype):
            problems.append(f"{name}: dtype {df[name].dtype}, expected a boolean")
    for c, name in enumerate(header):
        for i, value in enumerate(df[name].tolist()):
            if not same(value, rows[i][c]):
                problems.append(f"row {i + 2}, column {name}: {value!r} != {rows[i][c]!r}")
                break
    return problems


def main():
    tables = pathlib.Path(sys.argv[1])
    parquets = sorted(tables.glob("*.parquet"))
    csvs = sorted(tables.glob("*.csv"))
    failed = 0
    if [p.stem for p in parquets] != [c.stem for c in csvs]:
        print(f"FAIL: Parquet files {[p.stem for p in parquets]} != CSV {[c.stem for c in csvs]}")
        failed += 1
    for p in parquets:
        problems = check(p, p.with_suffix(".csv"))
        print(("ok  " if not problems else "FAIL") + f" {p.name}" + "".join("\n    " + x for x in problems))
        failed += bool(problems)
    print(f"parquet: {len(parquets) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
