#!/usr/bin/env python3
"""Differential test: the C# `allianssi settle --scenario FILE --json` against settle_oracle.py.

    difftest.py [--cli "dotnet /tmp/oracle-cli/allianssi.dll"] [--config Debug]
                [-n 500] [--seed 1] [--jobs 8] [--work DIR] [--show 10]
    difftest.py --files a.json b.json ...        compare only these scenario files

Builds nothing. Generates N random valid scenarios, every invalid scenario and every probe
(gen_scenarios.py) into DIR (kept, default tools/oracle/out/run-SEED), runs both, compares:
money to the cent exactly, scores and weights to 1e-6; invalid ones must exit 2 with empty
stdout and a stderr naming the field. Exit status 0 when everything agrees, 1 otherwise.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import settle_oracle as oracle  # noqa: E402
import gen_scenarios as gen  # noqa: E402

SCORE_TOL = Decimal("1e-6")
VALUE_TOL = Decimal("1e-9")
MONEY_FIELDS = ("targetCost", "actualCost", "feeTotal", "costResult", "incentive")
PARTY_MONEY = ("actualCost", "nonReimbursable", "fee", "share", "incentive", "compensation", "payment")


def default_cli(config):
    root = os.path.abspath(os.path.join(HERE, "..", ".."))
    cands = glob.glob(os.path.join(root, "src", "Allianssi.Cli", "bin", config, "net10.0", "allianssi.dll")) + \
        glob.glob(os.path.join(root, "src", "Allianssi.Cli", "bin", config, "net10.0", "Allianssi.Cli.dll"))
    dll = cands[0] if cands else os.path.join(root, "src", "Allianssi.Cli", "bin", config, "net10.0", "allianssi.dll")
    return f"dotnet {dll}"


def run_cli(cli, path, timeout=120):
    cmd = shlex.split(cli) + ["settle", "--scenario", path, "--json"]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return -999, "", "timeout"


def run_oracle(path):
    try:
        return 0, oracle.run_file(path), None
    except oracle.ScenarioError as e:
        return 2, None, f"{e.path}: {e.message}"


# --------------------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------------------

def as_dec(v):
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float)):
        return Decimal(str(v))
    return v


def cmp_num(diffs, path, ov, cv, tol, kind):
    cv = as_dec(cv)
    if ov is None or cv is None:
        if ov is not cv and not (ov is None and cv is None):
            diffs.append((path, kind, ov, cv))
        return
    if not isinstance(cv, Decimal):
        diffs.append((path, kind + "-type", ov, cv))
        return
    if tol is None:
        if ov != cv:
            diffs.append((path, kind, ov, cv))
    elif abs(ov - cv) > tol:
        diffs.append((path, kind, ov, cv))


def by_key(items, key):
    out = {}
    if not isinstance(items, list):
        return out
    for it in items:
        if isinstance(it, dict) and key in it:
            k = it[key]
            out[str(k) if not isinstance(k, Decimal) else str(int(k))] = it
    return out


def compare(o, c):
    """Return a list of (path, kind, oracle value, cli value)."""
    diffs = []
    if not isinstance(c, dict):
        return [("(root)", "not-an-object", "object", type(c).__name__)]
    for f in ("years", "periodScore", "parties", "explanation") + MONEY_FIELDS:
        if f not in c:
            diffs.append((f, "missing-field", "present", "absent"))
    # years
    oy = by_key(o["years"], "year")
    cy = by_key(c.get("years"), "year")
    for y in oy:
        if y not in cy:
            if "years" in c:
                diffs.append((f"years[{y}]", "missing-year", "present", "absent"))
            continue
        a, b = oy[y], cy[y]
        cmp_num(diffs, f"years[{y}].overallScore", a["overallScore"], b.get("overallScore"), SCORE_TOL, "score")
        ok = by_key(a["kras"], "id")
        ck = by_key(b.get("kras"), "id")
        for kid, ka in ok.items():
            kb = ck.get(kid)
            if kb is None:
                diffs.append((f"years[{y}].kras[{kid}]", "missing-kra", "present", "absent"))
                continue
            cmp_num(diffs, f"years[{y}].kras[{kid}].score", ka["score"], kb.get("score", "absent"), SCORE_TOL,
                    "score")
            cmp_num(diffs, f"years[{y}].kras[{kid}].effectiveWeight", ka["effectiveWeight"],
                    kb.get("effectiveWeight", "absent"), SCORE_TOL, "weight")
        oi = by_key(a["indicators"], "id")
        ci = by_key(b.get("indicators"), "id")
        for iid, ia in oi.items():
            ib = ci.get(iid)
            if ib is None:
                diffs.append((f"years[{y}].indicators[{iid}]", "missing-indicator", "present", "absent"))
                continue
            p = f"years[{y}].indicators[{iid}]"
            cmp_num(diffs, p + ".value", ia["value"], ib.get("value", "absent"), VALUE_TOL, "value")
            cmp_num(diffs, p + ".score", ia["score"], ib.get("score", "absent"), SCORE_TOL, "score")
            cmp_num(diffs, p + ".effectiveWeight", ia["effectiveWeight"], ib.get("effectiveWeight", "absent"),
                    SCORE_TOL, "weight")
            if ia["valueSource"] != ib.get("valueSource"):
                diffs.append((p + ".valueSource", "valueSource", ia["valueSource"], ib.get("valueSource")))
        extra_i = set(ci) - set(oi)
        if extra_i:
            diffs.append((f"years[{y}].indicators", "extra-indicator", None, sorted(extra_i)))
    extra_y = set(cy) - set(oy)
    if extra_y:
        diffs.append(("years", "extra-year", sorted(oy), sorted(cy)))
    if "periodScore" in c:
        cmp_num(diffs, "periodScore", o["periodScore"], c.get("periodScore"), SCORE_TOL, "score")
    for f in MONEY_FIELDS:
        if f in c:
            cmp_num(diffs, f, o[f], c[f], None, "money")
    op = by_key(o["parties"], "id")
    cp = by_key(c.get("parties"), "id")
    for pid, pa in op.items():
        pb = cp.get(pid)
        if pb is None:
            if "parties" in c:
                diffs.append((f"parties[{pid}]", "missing-party", "present", "absent"))
            continue
        for f in PARTY_MONEY:
            if f not in pb:
                diffs.append((f"parties[{pid}].{f}", "missing-field", "present", "absent"))
                continue
            cmp_num(diffs, f"parties[{pid}].{f}", pa[f], pb[f], None, "money")
        if "role" in pb and pb["role"] != pa["role"]:
            diffs.append((f"parties[{pid}].role", "role", pa["role"], pb["role"]))
    # invariants of the CLI's own output
    diffs += invariants(c)
    return diffs


def invariants(c):
    out = []
    try:
        parties = c["parties"]
        d = as_dec(c["costResult"])
        s = sum((as_dec(p["share"]) for p in parties), Decimal(0))
        if s != d:
            out.append(("invariant.shares=D", "invariant", d, s))
        i = sum((as_dec(p["incentive"]) for p in parties), Decimal(0))
        if i != 0:
            out.append(("invariant.incentives=0", "invariant", Decimal(0), i))
        comp_total = Decimal(0)
        for p in parties:
            if p.get("role") != "purchaser" and p.get("compensation") is not None:
                parts = sum((as_dec(p[f]) for f in ("actualCost", "fee", "share", "incentive")), Decimal(0))
                if parts != as_dec(p["compensation"]):
                    out.append((f"invariant.compensation[{p['id']}]", "invariant", parts, p["compensation"]))
                comp_total += as_dec(p["compensation"])
        pay = sum((as_dec(p["payment"]) for p in parties if p.get("payment") is not None), Decimal(0))
        if pay != comp_total:
            out.append(("invariant.payments=compensations", "invariant", comp_total, pay))
        if not isinstance(c.get("explanation"), list) or not c["explanation"]:
            out.append(("invariant.explanation", "invariant", "non-empty list", c.get("explanation")))
    except (KeyError, TypeError) as e:
        out.append(("invariant", "invariant-unreadable", None, repr(e)))
    return out


def signature(path):
    return re.sub(r"\[[^\]]*\]", "[*]", path)


def fmt(v):
    if isinstance(v, Decimal):
        return f"{v:f}"
    return json.dumps(v, default=str) if not isinstance(v, str) else v


# --------------------------------------------------------------------------------------

def check_valid(cli, path):
    ocode, ores, oerr = run_oracle(path)
    code, out, err = run_cli(cli, path)
    r = {"file": path, "oracle_exit": ocode, "cli_exit": code, "cli_stderr": err.strip()[:500], "diffs": []}
    if ocode != 0:
        r["diffs"].append(("(oracle)", "oracle-rejects", oerr, f"cli exit {code}"))
        if code == 2:
            r["both_reject"] = True
        return r
    if code != 0:
        r["diffs"].append(("(exit)", "cli-exit", 0, f"{code}: {err.strip()[:300]}"))
        return r
    try:
        c = json.loads(out, parse_float=Decimal, parse_int=Decimal)
    except ValueError as e:
        r["diffs"].append(("(stdout)", "cli-json", "JSON", f"{e}: {out[:200]!r}"))
        return r
    r["diffs"] = compare(ores, c)
    if r["diffs"]:
        r["tie"] = half_cent_tie(path, ores, r["diffs"])
    return r


def half_cent_tie(path, ores, diffs):
    """True when every differing incentive amount (B, or a party's own part other than the
    residual-taking purchaser's) is EXACTLY a half cent in rational arithmetic and nothing but
    incentive-derived money differs: a precision question, not a formula question."""
    from fractions import Fraction
    ex = ores["_exact"]
    model = oracle.read_model(oracle.parse_text(open(path, encoding="utf-8").read()))
    B = ex["B"]
    half = lambda v: (Fraction(v) * 100).denominator == 2  # noqa: E731
    flagged = []
    for p, kind, _, _ in diffs:
        if kind != "money" or not re.fullmatch(r"incentive|parties\[[^\]]+\]\.(incentive|compensation|payment)", p):
            return False
        if p == "incentive":
            flagged.append(half(B))
        m = re.fullmatch(r"parties\[([^\]]+)\]\.incentive", p)
        if m and m.group(1) != ex["big"]:
            party = next(q for q in model["parties"] if q["id"] == m.group(1))
            v = B * Fraction(party["incentiveShare"]) if party["role"] != "purchaser" \
                else -B * ex["TAKj"][party["id"]] / ex["TAK"]
            flagged.append(half(v))
    return bool(flagged) and all(flagged)


def check_invalid(cli, path, expect):
    res = {"file": path, "expect": expect, "problems": []}
    ocode, _, oerr = run_oracle(path)
    if ocode != 2:
        res["problems"].append("ORACLE accepts it")
    elif expect and not any(e in oerr for e in expect):
        res["problems"].append(f"ORACLE message lacks {expect}: {oerr}")
    code, out, err = run_cli(cli, path)
    res["cli_exit"], res["cli_stderr"] = code, err.strip()[:400]
    if code != 2:
        res["problems"].append(f"cli exit {code} (want 2)")
    if out.strip():
        res["problems"].append(f"cli stdout not empty ({len(out)} chars)")
    if expect and not any(e in err for e in expect):
        res["problems"].append(f"cli stderr lacks any of {expect}")
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", default=os.environ.get("ALLIANSSI_CLI"))
    ap.add_argument("--config", default="Debug")
    ap.add_argument("-n", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=min(8, os.cpu_count() or 2))
    ap.add_argument("--work")
    ap.add_argument("--show", type=int, default=10, help="how many differing scenarios to print per group")
    ap.add_argument("--ties", type=int, default=100, help="half-cent tie scenarios to generate (gen_scenarios)")
    ap.add_argument("--files", nargs="*", help="compare only these valid-scenario files")
    ap.add_argument("--skip-invalid", action="store_true")
    a = ap.parse_args()
    cli = a.cli or default_cli(a.config)
    print(f"CLI: {cli}")

    if a.files:
        valid, invalid, probes, ties = a.files, {}, {}, []
        work = None
    else:
        work = a.work or os.path.join(HERE, "out", f"run-{a.seed}")
        if os.path.isdir(work):
            shutil.rmtree(work)
        valid, invalid, probes, ties = gen.write_all(work, a.seed, a.n, a.ties)
        print(f"scenarios in {work}")

    pool = concurrent.futures.ThreadPoolExecutor(a.jobs)
    vres = list(pool.map(lambda f: check_valid(cli, f), valid + ties))
    ires = [] if a.skip_invalid else list(pool.map(
        lambda kv: check_invalid(cli, os.path.join(work, "invalid", kv[0]), kv[1]["expect"]), invalid.items()))
    pres = list(pool.map(lambda kv: (kv[0], kv[1]["note"], check_valid(cli, os.path.join(work, "probes", kv[0]))),
                         probes.items()))

    # ---- valid
    bad = [r for r in vres if r["diffs"]]
    tbad = [r for r in bad if os.sep + "ties" + os.sep in r["file"]]
    print(f"\n== valid scenarios: {len(vres)} run ({len(ties)} of them half-cent ties), "
          f"{len(vres) - len(bad)} agree, {len(bad)} disagree ({len(tbad)} ties)")
    groups = {}
    for r in bad:
        sig = tuple(sorted({(signature(p), k) for p, k, _, _ in r["diffs"]}))
        groups.setdefault(sig, []).append(r)
    fails_dir = os.path.join(work, "failures") if work else None
    if fails_dir and bad:
        os.makedirs(fails_dir, exist_ok=True)
        for r in bad:
            shutil.copy(r["file"], fails_dir)
    ntie = len([r for r in bad if r.get("tie")])
    if ntie:
        print(f"   {ntie} of the {len(bad)} are exact half-cent ties of an incentive amount (precision: the "
              f"oracle rounds the exact rational value; see README)")
    for sig, rs in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        nt = len([r for r in rs if r.get("tie")])
        print(f"\n-- {len(rs)} scenario(s) ({nt} half-cent ties) differ in: " + "; ".join(f"{p} ({k})" for p, k in sig))
        for r in rs[:a.show]:
            print(f"   {r['file']}" + ("   [exact half-cent tie]" if r.get("tie") else ""))
            for p, k, ov, cv in r["diffs"][:8]:
                print(f"      {p}: oracle {fmt(ov)} | cli {fmt(cv)}")
            if len(r["diffs"]) > 8:
                print(f"      ... {len(r['diffs']) - 8} more")
    # ---- invalid
    if ires:
        ibad = [r for r in ires if r["problems"]]
        print(f"\n== invalid scenarios: {len(ires)} run, {len(ires) - len(ibad)} as expected, {len(ibad)} not")
        for r in ibad:
            print(f"   {os.path.basename(r['file'])}: {'; '.join(r['problems'])}")
            print(f"      cli exit {r['cli_exit']}, stderr: {r['cli_stderr'][:300]!r}")
    # ---- probes
    if pres:
        pbad = [(n, note, r) for n, note, r in pres if r["diffs"] and not r.get("both_reject")]
        print(f"\n== probes (thin spec; oracle's reading in the note): {len(pres)} run, {len(pbad)} differ")
        for n, note, r in pres:
            status = "agree" if not r["diffs"] else ("both reject" if r.get("both_reject") else "DIFFER")
            print(f"   {n}: {status}  [{note}]")
            if status == "DIFFER":
                for p, k, ov, cv in r["diffs"][:6]:
                    print(f"      {p}: oracle {fmt(ov)} | cli {fmt(cv)}")
            if status == "both reject":
                print(f"      cli: {r['cli_stderr'][:200]!r}")
    total_bad = len(bad) + (len([r for r in ires if r["problems"]]) if ires else 0)
    print(f"\nSUMMARY valid {len(vres) - len(bad)}/{len(vres)} agree; "
          f"invalid {len(ires) - len([r for r in ires if r['problems']])}/{len(ires)} as expected; "
          f"probes {len([1 for _, _, r in pres if not r['diffs'] or r.get('both_reject')])}/{len(pres)} agree"
          + (f"; differing scenarios copied to {fails_dir}" if fails_dir and bad else ""))
    return 1 if total_bad else 0


if __name__ == "__main__":
    sys.exit(main())
