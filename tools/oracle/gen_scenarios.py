#!/usr/bin/env python3
"""Random scenario generator for differential testing of `allianssi settle`.

    gen_scenarios.py --out DIR [--seed 1] [--count 100]

writes
    DIR/valid/v00000.json ...         random VALID scenarios (seeded, reproducible)
    DIR/invalid/<kind>.json           one INVALID scenario per error kind
    DIR/invalid/manifest.json         {file: {"kind", "expect": [substrings, any of which must be in stderr]}}
    DIR/probes/<name>.json            edge cases where the spec is thin (see manifest: what the oracle does)
    DIR/probes/manifest.json
    DIR/ties/t0000.json ...           (--ties N) valid scenarios where an incentive is exactly a half cent

Python 3 standard library only. Importable: gen_valid(rng), gen_invalid(seed), gen_probes(seed), dump(sc).
"""
import argparse
import copy
import datetime
import json
import os
import random
import sys
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import settle_oracle as oracle  # noqa: E402

D = Decimal


# --------------------------------------------------------------------------------------
# Serialisation (Decimal numbers written exactly, optional comments)
# --------------------------------------------------------------------------------------

def _num(v):
    return f"{v:f}"


def dump(v, indent=0, comments=False):
    pad = "  " * indent
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return _num(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        if not v:
            return "[]"
        if all(not isinstance(x, (dict, list)) for x in v):
            return "[" + ", ".join(dump(x) for x in v) + "]"
        items = [pad + "  " + dump(x, indent + 1, comments) for x in v]
        if comments and len(items) > 1:
            items[0] = items[0] + " /* first entry */"
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        if all(not isinstance(x, (dict, list)) for x in v.values()) and len(v) <= 8:
            return "{ " + ", ".join(f"{json.dumps(k)}: {dump(x)}" for k, x in v.items()) + " }"
        return "{\n" + ",\n".join(f"{pad}  {json.dumps(k)}: {dump(x, indent + 1, comments)}"
                                  for k, x in v.items()) + "\n" + pad + "}"
    raise TypeError(type(v))


def dump_file(sc, comments=False, header=None):
    text = dump(sc, 0, comments) + "\n"
    if comments:
        text = f"// {header or 'generated scenario'}\n/* block comment with \"quotes\" and // slashes */\n" + text
    return text


# --------------------------------------------------------------------------------------
# Random helpers
# --------------------------------------------------------------------------------------

def money(rng, lo, hi):
    return (D(rng.randint(int(lo * 100), int(hi * 100))) / 100).quantize(D("0.01"))


def composition(rng, total, parts, positive=True):
    """Random list of `parts` ints summing to `total` (each >= 1 if positive, else >= 0)."""
    if positive:
        assert total >= parts
        cuts = sorted(rng.sample(range(1, total), parts - 1))
        bounds = [0] + cuts + [total]
        return [bounds[i + 1] - bounds[i] for i in range(parts)]
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    bounds = [0] + cuts + [total]
    return [bounds[i + 1] - bounds[i] for i in range(parts)]


def last_day(y, m):
    nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)


def one_decimal(rng, lo, hi):
    return D(rng.randint(int(lo * 10), int(hi * 10))) / 10


# --------------------------------------------------------------------------------------
# Valid scenarios
# --------------------------------------------------------------------------------------

PURCHASER_IDS = ["tampere", "pirha", "kangasala"]
NONP_IDS = ["mehilainen", "setlementti", "terveystalo"]


def gen_levels(rng, direction_up):
    z = one_decimal(rng, 5, 120)
    s1 = one_decimal(rng, 0.5, 25)
    s2 = one_decimal(rng, 0.5, 25)
    if rng.random() < 0.3:
        s2 = s1
    if direction_up:
        return {"minus100": z - s1, "zero": z, "plus100": z + s2}
    return {"minus100": z + s1, "zero": z, "plus100": z - s2}


def gen_value(rng, lv):
    m, z, p = lv["minus100"], lv["zero"], lv["plus100"]
    r = rng.random()
    if r < 0.08:
        return rng.choice([m, z, p])
    t = D(rng.randint(-1300, 1300)) / 1000
    x = z + t * (p - z) if t >= 0 else z + (-t) * (m - z)
    return x.quantize(D("0.01")) if rng.random() < 0.6 else x.quantize(D("0.1"))


def gen_valid(rng, max_tries=50):
    for _ in range(max_tries):
        sc = _gen_valid_once(rng)
        try:
            oracle.settle(oracle.parse_text(dump_file(sc)))
            return sc
        except oracle.ScenarioError:
            continue
    raise RuntimeError("could not generate a valid scenario")


def _gen_valid_once(rng):
    y0 = rng.randint(2017, 2026)
    nyears = rng.choice([1, 2, 2, 3, 3, 4, 4, 5])
    y1 = y0 + nyears - 1
    m0 = rng.choice([1, 1, 1, 4, rng.randint(1, 12)])
    m1 = rng.choice([12, 12, 12, 3, rng.randint(1, 12)])
    if y1 == y0 and m1 < m0:
        m0, m1 = m1, m0
    start = datetime.date(y0, m0, 1)
    end = last_day(y1, m1)
    years = list(range(y0, y1 + 1))
    a = rng.randint(0, len(years) - 1)
    b = rng.randint(a, len(years) - 1)
    if rng.random() < 0.3:
        a, b = 0, len(years) - 1
    span = years[a:b + 1]
    period = {"id": f"P{rng.randint(1, 9)}", "start": start.isoformat(), "end": end.isoformat(),
              "scoreAggregation": rng.choice(["monthWeightedMean", "finalYear"])}

    # parties
    npur = rng.choice([1, 1, 2, 2, 3])
    nnon = rng.choice([1, 1, 2, 2, 3])
    purchasers = [{"id": PURCHASER_IDS[i], "role": "purchaser"} for i in range(npur)]
    nonps = []
    g_unit, g_total = (D("0.05"), rng.randint(0, 20)) if rng.random() < 0.8 else (D("0.001"), rng.randint(0, 1000))
    p_unit, p_total = (D("0.05"), rng.randint(0, 20)) if rng.random() < 0.8 else (D("0.001"), rng.randint(0, 1000))
    i_unit, i_total = (D("0.05"), 20) if rng.random() < 0.7 else (D("0.001"), 1000)
    gs = composition(rng, g_total, nnon, positive=False)
    ps = composition(rng, p_total, nnon, positive=False)
    is_ = composition(rng, i_total, nnon, positive=False)
    for k in range(nnon):
        role = rng.choice(["producer", "producer", "partner"])
        r = rng.random()
        if role == "partner" and rng.random() < 0.6:
            fee = None
        elif r < 0.45:
            fee = {"type": "percentOfActual", "rate": rng.choice([D("0.05"), D("0.03"), D("0.075"), D("0.0425"),
                                                                  D("0.1"), D("0.0333")])}
        elif r < 0.8:
            fee = {"type": "fixed", "amount": money(rng, 10000, 400000)}
        else:
            fee = None
        rr = rng.random()
        painCap = "fee" if rr < 0.35 else (money(rng, 1000, 300000) if rr < 0.65 else None)
        gainCap = money(rng, 1000, 300000) if rng.random() < 0.4 else None
        nonps.append({"id": NONP_IDS[k], "role": role, "fee": fee,
                      "gainShare": gs[k] * g_unit, "painShare": ps[k] * p_unit,
                      "painCap": painCap, "gainCap": gainCap, "incentiveShare": is_[k] * i_unit})
    parties = purchasers + nonps
    rng.shuffle(parties)
    if rng.random() < 0.5:  # keep purchasers first most of the time, like real files
        parties = [p for p in parties if p["role"] == "purchaser"] + [p for p in parties if p["role"] != "purchaser"]

    # target costs and adjustments
    subcent = rng.random() < 0.05
    targetCosts = []
    tie = npur >= 2 and rng.random() < 0.15
    for y in years:
        tie_amount = money(rng, 1e5, 2e7)
        for p in purchasers:
            if rng.random() < 0.85 or tie:
                amt = tie_amount if tie else money(rng, 1e5, 2e7)
                targetCosts.append({"purchaser": p["id"], "year": y, "amount": amt})
    if not any(tc["year"] in span for tc in targetCosts):
        targetCosts.append({"purchaser": purchasers[0]["id"], "year": span[0], "amount": money(rng, 1e6, 2e7)})
    rng.shuffle(targetCosts)
    adjustments = []
    for _ in range(rng.choice([0, 0, 1, 2, 4])):
        if tie:
            break
        amt = money(rng, 1000, 300000) * rng.choice([1, -1, -1])
        if subcent:
            amt += D(rng.randint(0, 9)) / 1000
        adjustments.append({"purchaser": rng.choice(purchasers)["id"], "year": rng.choice(years), "amount": amt,
                            "reason": "generated adjustment", "decision": f"decision {rng.randint(1, 99)}/{y0}"})

    # ledger: roughly the year's target, gain or overrun
    ledger = []
    for y in years:
        ty = sum((tc["amount"] for tc in targetCosts if tc["year"] == y), D(0)) or D(1000000)
        f = D(rng.randint(780, 1150)) / 1000
        if rng.random() < 0.1:
            f = D(rng.randint(300, 2000)) / 1000
        total = ty * f
        active = [p for p in parties if rng.random() < 0.85]
        if not active:
            continue
        ws = [rng.random() + 0.05 for _ in active]
        for p, w in zip(active, ws):
            amount = total * D(w / sum(ws)).quantize(D("0.000001"))
            nlines = rng.choice([1, 1, 2, 3])
            for li in range(nlines):
                amt = (amount / nlines).quantize(D("0.01"))
                if subcent and rng.random() < 0.5:
                    amt = (amount / nlines).quantize(D("0.001"))
                ledger.append({"party": p["id"], "year": y, "amount": amt, "reimbursable": True})
            if rng.random() < 0.25:
                ledger.append({"party": p["id"], "year": y, "amount": -money(rng, 100, 50000), "reimbursable": True})
            if rng.random() < 0.2:
                ledger.append({"party": p["id"], "year": y, "amount": money(rng, 100, 80000) * rng.choice([1, 1, -1]),
                               "reimbursable": False})
    rng.shuffle(ledger)

    incentive = {"pool": money(rng, 0, 500000) if rng.random() < 0.95 else D("0.00"),
                 "sanctionCap": money(rng, 0, 500000)}
    if rng.random() < 0.3:
        incentive["sanctionCap"] = incentive["pool"]

    kras = gen_kras(rng, years, span, start.year)

    sc = {"period": period, "span": span, "parties": parties, "targetCosts": targetCosts,
          "adjustments": adjustments, "ledger": ledger,
          "targetCostIncludesFee": rng.random() < 0.6, "incentive": incentive, "kras": kras}

    # occasionally force D == 0 exactly (purchaser's own cost line balances it)
    if rng.random() < 0.03:
        try:
            m = oracle.read_model(oracle.parse_text(dump_file(sc)))
            spanset = set(span)
            tak = sum((t["amount"] for t in m["targetCosts"] + m["adjustments"] if t["year"] in spanset), D(0))
            ac = sum((l["amount"] for l in m["ledger"] if l["year"] in spanset and l["reimbursable"]), D(0))
            fees = D(0)
            for p in m["parties"]:
                if p["role"] != "purchaser" and p["fee"]:
                    k, v = p["fee"]
                    pac = sum((l["amount"] for l in m["ledger"]
                               if l["party"] == p["id"] and l["year"] in spanset and l["reimbursable"]), D(0))
                    fees += v * len(span) if k == "fixed" else v * pac
            d = tak - ac - (fees if sc["targetCostIncludesFee"] else 0)
            ledger.append({"party": purchasers[0]["id"], "year": span[0], "amount": d, "reimbursable": True})
        except oracle.ScenarioError:
            pass
    return sc


def gen_kras(rng, years, span, start_year):
    nk = rng.randint(1, 5)
    kw_units = composition(rng, 40, nk)  # units of 2.5
    kras = []
    for ki in range(nk):
        kw = D(kw_units[ki]) * D("2.5")
        ni = rng.randint(1, 4)
        unit = D("0.5") if rng.random() < 0.7 else D("0.1")
        total_units = int(kw / unit)
        ni = min(ni, total_units)
        iw_units = composition(rng, total_units, ni)
        inds = []
        for ii in range(ni):
            up = rng.random() < 0.6
            levels = {}
            if rng.random() < 0.85 or span[0] == start_year:
                first = start_year - rng.choice([0, 0, 1, 3])
            else:
                first = span[0]
            levels[str(first)] = gen_levels(rng, up)
            if rng.random() < 0.4:
                later = [y for y in years if y > first]
                if later:
                    y2 = rng.choice(later)
                    levels[str(y2)] = gen_levels(rng, up if rng.random() < 0.8 else not up)
            rule = rng.choice(["zero", "minus100", "reweight", "carryForward"])
            presence = rng.choice([0.0, 0.3, 0.5, 0.7, 0.9, 1.0])
            values = {}
            for y in range(start_year - 3, years[-1] + 1):
                if rng.random() < presence:
                    ys = [int(k) for k in levels if int(k) <= y]
                    lv = levels[str(max(ys))] if ys else levels[min(levels, key=int)]
                    values[str(y)] = gen_value(rng, lv)
            ind = {"id": f"k{ki + 1}_i{ii + 1}", "weight": D(iw_units[ii]) * unit, "missing": rule,
                   "levels": levels, "values": values}
            if rule == "reweight" and rng.random() < 0.2:
                del ind["missing"]  # the default
            inds.append(ind)
        kras.append({"id": f"ATA{ki + 1}", "weight": kw, "indicators": inds})
    # every span year needs something scorable: add a value where needed
    for y in span:
        def scorable(ind):
            rule = ind.get("missing", "reweight")
            if str(y) in ind["values"] or rule in ("zero", "minus100"):
                return True
            return rule == "carryForward" and any(int(k) < y for k in ind["values"])
        if not any(scorable(i) for k in kras for i in k["indicators"]):
            cands = [i for k in kras for i in k["indicators"] if any(int(ly) <= y for ly in i["levels"])]
            ind = rng.choice(cands)
            ys = [int(k) for k in ind["levels"] if int(k) <= y]
            ind["values"][str(y)] = gen_value(rng, ind["levels"][str(max(ys))])
            ind["values"] = dict(sorted(ind["values"].items()))
    return kras


# --------------------------------------------------------------------------------------
# Invalid scenarios: one per error kind, with the field path the message must name
# --------------------------------------------------------------------------------------

def _base(seed, need_nonp=2, need_adj=True):
    rng = random.Random(seed)
    while True:
        sc = gen_valid(rng)
        nonp = [p for p in sc["parties"] if p["role"] != "purchaser"]
        if len(nonp) >= need_nonp and (sc["adjustments"] or not need_adj) and len(sc["kras"]) >= 2 \
                and sc["ledger"] and sc["targetCosts"]:
            return sc


def gen_invalid(seed=7):
    base = _base(seed)
    out = []  # (name, text or dict, [expected substrings], kind)

    def add(name, sc, expect, kind=None, text=None):
        out.append((name, text if text is not None else dump_file(sc), expect, kind or name))

    def ind_path(ki, ii):
        return f"kras[{ki}].indicators[{ii}]"

    # weights at indicator level
    sc = copy.deepcopy(base)
    ki = 1
    sc["kras"][ki]["indicators"][0]["weight"] += D("0.5")
    add("indicator_weights_sum", sc, [f"kras[{ki}]"])
    sc = copy.deepcopy(base)
    sc["kras"][ki]["indicators"][0]["weight"] += D("0.000001")
    add("indicator_weights_sum_tiny", sc, [f"kras[{ki}]"], "indicator_weights_sum")
    # weights at KRA level (indicators still match their KRA)
    sc = copy.deepcopy(base)
    sc["kras"][0]["weight"] += D("2.5")
    sc["kras"][0]["indicators"][0]["weight"] += D("2.5")
    add("kra_weights_sum", sc, ["kras"])
    # levels
    sc = copy.deepcopy(base)
    ind = sc["kras"][1]["indicators"][0]
    y = next(iter(ind["levels"]))
    lv = ind["levels"][y]
    lv["minus100"], lv["zero"], lv["plus100"] = D(10), D(30), D(20)
    add("levels_non_monotone", sc, [ind_path(1, 0) + ".levels"])
    sc = copy.deepcopy(base)
    ind = sc["kras"][0]["indicators"][-1]
    lv = ind["levels"][next(iter(ind["levels"]))]
    lv["minus100"], lv["zero"], lv["plus100"] = D(50), D(50), D(70)
    add("levels_equal", sc, [ind_path(0, len(sc["kras"][0]["indicators"]) - 1) + ".levels"])
    sc = copy.deepcopy(base)
    ind = sc["kras"][0]["indicators"][0]
    lv = ind["levels"][next(iter(ind["levels"]))]
    lv["minus100"], lv["zero"], lv["plus100"] = D(80), D(60), D(60)
    add("levels_equal_lower_is_better", sc, [ind_path(0, 0) + ".levels"], "levels_equal")
    # an extra (later) level year that is non-monotone
    sc = copy.deepcopy(base)
    ind = sc["kras"][1]["indicators"][-1]
    ind["levels"]["2099"] = {"minus100": D(1), "zero": D(3), "plus100": D(2)}
    add("levels_non_monotone_later_year", sc, [ind_path(1, len(sc["kras"][1]["indicators"]) - 1) + ".levels"],
        "levels_non_monotone")
    # parties
    sc = copy.deepcopy(base)
    sc["ledger"][2 % len(sc["ledger"])]["party"] = "nobody"
    add("ledger_unknown_party", sc, [f"ledger[{2 % len(sc['ledger'])}].party"])
    sc = copy.deepcopy(base)
    nonp = next(p for p in sc["parties"] if p["role"] != "purchaser")
    sc["targetCosts"][0]["purchaser"] = nonp["id"]
    add("target_cost_non_purchaser", sc, ["targetCosts[0].purchaser"])
    sc = copy.deepcopy(base)
    sc["targetCosts"][1 % len(sc["targetCosts"])]["purchaser"] = "nobody"
    add("target_cost_unknown_purchaser", sc, [f"targetCosts[{1 % len(sc['targetCosts'])}].purchaser"])
    sc = copy.deepcopy(base)
    sc["adjustments"][0]["purchaser"] = nonp["id"]
    add("adjustment_non_purchaser", sc, ["adjustments[0].purchaser"])
    # years outside the period
    start = datetime.date.fromisoformat(base["period"]["start"])
    end = datetime.date.fromisoformat(base["period"]["end"])
    sc = copy.deepcopy(base)
    sc["span"] = sc["span"] + [end.year + 1]
    add("span_year_after_period", sc, [f"span[{len(sc['span']) - 1}]"], "year_outside_period")
    sc = copy.deepcopy(base)
    sc["span"] = [start.year - 1] + sc["span"]
    add("span_year_before_period", sc, ["span[0]"], "year_outside_period")
    sc = copy.deepcopy(base)
    k = len(sc["ledger"]) // 2
    sc["ledger"][k]["year"] = start.year - 1
    add("ledger_year_outside_period", sc, [f"ledger[{k}].year"], "year_outside_period")
    sc = copy.deepcopy(base)
    k = len(sc["targetCosts"]) - 1
    sc["targetCosts"][k]["year"] = end.year + 2
    add("target_cost_year_outside_period", sc, [f"targetCosts[{k}].year"], "year_outside_period")
    sc = copy.deepcopy(base)
    sc["adjustments"][0]["year"] = end.year + 1
    add("adjustment_year_outside_period", sc, ["adjustments[0].year"], "year_outside_period")
    # shares
    sc = copy.deepcopy(base)
    nps = [p for p in sc["parties"] if p["role"] != "purchaser"]
    for p in nps:
        p["gainShare"] = D("0.6")
    add("gain_shares_above_one", sc, ["gainShare"])
    sc = copy.deepcopy(base)
    nps = [p for p in sc["parties"] if p["role"] != "purchaser"]
    for p in nps:
        p["painShare"] = D("0.55")
    add("pain_shares_above_one", sc, ["painShare"])
    sc = copy.deepcopy(base)
    nps = [p for p in sc["parties"] if p["role"] != "purchaser"]
    for p in nps:
        p["incentiveShare"] = D(0)
    nps[0]["incentiveShare"] = D("0.9")
    add("incentive_shares_not_one", sc, ["incentiveShare"])
    sc = copy.deepcopy(base)
    nps = [p for p in sc["parties"] if p["role"] != "purchaser"]
    for p in nps:
        p["incentiveShare"] = D(0)
    nps[0]["incentiveShare"] = D("0.7")
    nps[1]["incentiveShare"] = D("0.7")
    add("incentive_shares_above_one", sc, ["incentiveShare"], "incentive_shares_not_one")
    # missing required fields
    for name, mutate, expect in [
        ("missing_period", lambda s: s.pop("period"), ["period"]),
        ("missing_period_start", lambda s: s["period"].pop("start"), ["period.start"]),
        ("missing_span", lambda s: s.pop("span"), ["span"]),
        ("missing_ledger_amount", lambda s: s["ledger"][1].pop("amount"), ["ledger[1].amount"]),
        ("missing_ledger_party", lambda s: s["ledger"][0].pop("party"), ["ledger[0].party"]),
        ("missing_target_cost_year", lambda s: s["targetCosts"][0].pop("year"), ["targetCosts[0].year"]),
        ("missing_kra_weight", lambda s: s["kras"][1].pop("weight"), ["kras[1].weight"]),
        ("missing_indicator_weight", lambda s: s["kras"][0]["indicators"][0].pop("weight"),
         ["kras[0].indicators[0].weight"]),
        ("missing_indicator_levels", lambda s: s["kras"][1]["indicators"][0].pop("levels"),
         ["kras[1].indicators[0].levels"]),
        ("missing_party_role", lambda s: s["parties"][1].pop("role"), ["parties[1].role"]),
        ("missing_incentive", lambda s: s.pop("incentive"), ["incentive"]),
        ("missing_kras", lambda s: s.pop("kras"), ["kras"]),
    ]:
        sc = copy.deepcopy(base)
        mutate(sc)
        add(name, sc, expect, "missing_required_field")
    # wrong JSON types
    for name, mutate, expect in [
        ("type_ledger_amount_string", lambda s: s["ledger"][0].__setitem__("amount", "1000.00"), ["ledger[0].amount"]),
        ("type_span_string", lambda s: s.__setitem__("span", str(s["span"][0])), ["span"]),
        ("type_span_year_fraction", lambda s: s["span"].__setitem__(0, D(s["span"][0]) + D("0.5")), ["span[0]"]),
        ("type_includes_fee_string", lambda s: s.__setitem__("targetCostIncludesFee", "yes"),
         ["targetCostIncludesFee"]),
        ("type_kra_weight_string", lambda s: s["kras"][0].__setitem__("weight", str(s["kras"][0]["weight"])),
         ["kras[0].weight"]),
        ("type_parties_object", lambda s: s.__setitem__("parties", {"a": 1}), ["parties"]),
        ("type_period_start_number", lambda s: s["period"].__setitem__("start", 2022), ["period.start"]),
        ("type_reimbursable_string", lambda s: s["ledger"][0].__setitem__("reimbursable", "true"),
         ["ledger[0].reimbursable"]),
        ("type_levels_array", lambda s: s["kras"][1]["indicators"][0].__setitem__("levels", []),
         ["kras[1].indicators[0].levels"]),
        ("type_value_string", lambda s: s["kras"][0]["indicators"][0]["values"].__setitem__(
            str(s["span"][0]), "71.5"), ["kras[0].indicators[0].values"]),
        ("type_pool_string", lambda s: s["incentive"].__setitem__("pool", "300000"), ["incentive.pool"]),
        ("type_gain_share_bool", lambda s: next(p for p in s["parties"] if p["role"] != "purchaser")
         .__setitem__("gainShare", True), ["gainShare"]),
    ]:
        sc = copy.deepcopy(base)
        mutate(sc)
        add(name, sc, expect, "wrong_json_type")
    # no levels at or before a scored year (value present in that year)
    sc = copy.deepcopy(base)
    y = sc["span"][0]
    ind = sc["kras"][1]["indicators"][0]
    lv = next(iter(ind["levels"].values()))
    ind["levels"] = {str(y + 1): lv}
    ind["values"][str(y)] = lv["zero"]
    add("no_levels_for_scored_year", sc, [ind_path(1, 0) + ".levels"])
    # a span year where nothing can be scored
    sc = copy.deepcopy(base)
    y = sc["span"][-1]
    for k in sc["kras"]:
        for ind in k["indicators"]:
            ind["missing"] = "reweight"
            ind["values"].pop(str(y), None)
    idx = len(sc["span"]) - 1
    add("span_year_nothing_scored", sc, [f"span[{idx}]", str(y)])
    sc = copy.deepcopy(base)  # carryForward with no earlier value at all
    y = sc["span"][0]
    for k in sc["kras"]:
        for ind in k["indicators"]:
            ind["missing"] = "carryForward"
            ind["values"] = {yy: v for yy, v in ind["values"].items() if int(yy) > y}
    add("span_year_nothing_scored_carry", sc, ["span[0]", str(y)], "span_year_nothing_scored")
    # other configuration errors
    sc = copy.deepcopy(base)
    sc["parties"][0]["role"] = "sponsor"
    add("unknown_role", sc, ["parties[0].role"])
    sc = copy.deepcopy(base)
    sc["period"]["scoreAggregation"] = "median"
    add("unknown_score_aggregation", sc, ["period.scoreAggregation"])
    sc = copy.deepcopy(base)
    sc["kras"][0]["indicators"][0]["missing"] = "ignore"
    add("unknown_missing_rule", sc, ["kras[0].indicators[0].missing"])
    sc = copy.deepcopy(base)
    i = next(i for i, p in enumerate(sc["parties"]) if p["role"] != "purchaser")
    sc["parties"][i]["fee"] = {"type": "bonus", "amount": D(1)}
    add("unknown_fee_type", sc, [f"parties[{i}].fee"])
    sc = copy.deepcopy(base)
    i = next(i for i, p in enumerate(sc["parties"]) if p["role"] != "purchaser")
    sc["parties"][i]["painCap"] = "all"
    add("bad_pain_cap", sc, [f"parties[{i}].painCap"])
    sc = copy.deepcopy(base)
    sc["parties"][1]["id"] = sc["parties"][0]["id"]
    add("duplicate_party_id", sc, ["parties[1].id"])
    sc = copy.deepcopy(base)
    sc["period"]["start"], sc["period"]["end"] = sc["period"]["end"], sc["period"]["start"]
    add("period_end_before_start", sc, ["period"])
    sc = copy.deepcopy(base)
    sc["period"]["start"] = "2022-02-30"
    add("period_start_not_a_date", sc, ["period.start"])
    add("malformed_json", None, [], text=dump_file(base)[:-20])
    add("not_an_object", None, [], text="[1, 2, 3]\n")
    return out


# --------------------------------------------------------------------------------------
# Probes: valid under the oracle's reading, but the spec is thin there
# --------------------------------------------------------------------------------------

def gen_probes(seed=11):
    base = _base(seed, need_nonp=1, need_adj=False)
    out = []  # (name, sc or text, note)

    def add(name, sc, note, text=None):
        out.append((name, text if text is not None else dump_file(sc), note))

    sc = copy.deepcopy(base)
    sc["kras"][0]["indicators"][0]["weight"] += D("1e-12")
    add("weights_within_tolerance", sc, "indicator weights off by 1e-12 (< 1e-9): valid")
    sc = copy.deepcopy(base)
    sc["parties"] = [p for p in sc["parties"] if p["role"] == "purchaser"]
    sc["ledger"] = [l for l in sc["ledger"] if any(p["id"] == l["party"] for p in sc["parties"])]
    add("no_non_purchasers", sc, "no producer/partner: incentiveShare cannot add up to 1; oracle: exit 2 "
                                 "naming incentiveShare")
    sc = copy.deepcopy(base)
    sc["period"]["end"] = sc["period"]["end"][:8] + "15"
    add("period_ends_mid_month", sc, "period ends on the 15th: the partial month counts as a month")
    sc = copy.deepcopy(base)
    sc["span"] = list(reversed(sc["span"]))
    sc["period"]["scoreAggregation"] = "finalYear"
    add("span_unsorted_final_year", sc, "span listed in reverse; finalYear = the latest year (max)")
    sc = copy.deepcopy(base)
    for k in sc["kras"]:
        for ind in k["indicators"]:
            ind.pop("missing", None)
    add("missing_rule_default", sc, "no `missing` field: default reweight")
    sc = copy.deepcopy(base)
    for p in sc["parties"]:
        if p["role"] != "purchaser":
            for f in ("gainCap", "painCap", "fee"):
                p.pop(f, None)
    add("optional_party_fields_absent", sc, "gainCap/painCap/fee absent: as null")
    sc = copy.deepcopy(base)
    for l in sc["ledger"]:
        l.pop("reimbursable", None)
    add("reimbursable_absent", sc, "ledger lines without `reimbursable`: oracle treats them as reimbursable")
    sc = copy.deepcopy(base)
    sc["kras"][0]["indicators"][0]["values"][str(sc["span"][0])] = None
    add("value_null", sc, "a null value: oracle treats it as missing")
    sc = copy.deepcopy(base)
    pyears = list(range(int(sc["period"]["start"][:4]), int(sc["period"]["end"][:4]) + 1))
    outside = [y for y in pyears if y not in sc["span"]]
    if not outside and len(sc["span"]) > 1:
        outside = [sc["span"][0]]
        sc["span"] = sc["span"][1:]
    if outside:
        y = outside[0]
        for k in sc["kras"]:
            for ind in k["indicators"]:
                ind["values"].pop(str(y), None)
                ind["missing"] = "reweight"
        # keep every span year scorable
        for sy in sc["span"]:
            ind = sc["kras"][0]["indicators"][0]
            lv = next(iter(ind["levels"].values()))
            ind["values"].setdefault(str(sy), lv["zero"])
        add("nothing_scorable_outside_span", sc, f"period year {y} is outside the span and has nothing "
                                                 "scorable: valid")
    sc = copy.deepcopy(base)
    y = sc["span"][0]
    for k in sc["kras"]:
        for ind in k["indicators"]:
            ind["levels"] = {str(y): next(iter(ind["levels"].values()))}
    add("levels_start_in_first_span_year", sc, "levels exist only from the first span year on: valid")
    sc = copy.deepcopy(base)
    sc["kras"][0]["indicators"][0]["missing"] = "carryForward"
    sc["kras"][0]["indicators"][0]["values"] = {str(int(sc["period"]["start"][:4]) - 5): D(1)}
    add("carry_forward_from_before_period", sc, "carryForward uses a value 5 years before the period")
    sc = copy.deepcopy(base)
    sc["kras"][0]["indicators"][0]["values"][str(sc["span"][0])] = D("1E+1")
    add("number_exponent_notation", sc, "a value written 1E+1")
    # levels absent for a span year, but the indicator needs none there
    sc = copy.deepcopy(base)
    y = sc["span"][0]
    ind = sc["kras"][0]["indicators"][0]
    lv = next(iter(ind["levels"].values()))
    ind["levels"] = {str(y + 1): lv}
    ind["values"] = {k: v for k, v in ind["values"].items() if int(k) > y}
    ind["missing"] = "zero"
    add("no_levels_missing_zero_rule", sc, f"no levels for {y}, no value in {y}, rule zero: score 0, valid")
    sc = copy.deepcopy(base)
    ind = sc["kras"][0]["indicators"][0]
    ind["levels"] = {str(y + 1): lv}
    ind["values"] = {k: v for k, v in ind["values"].items() if int(k) > y}
    ind["missing"] = "reweight"
    for k in sc["kras"]:  # keep the year scorable through another indicator
        for other in k["indicators"]:
            if other is not ind and other.get("missing") in (None, "reweight", "carryForward"):
                other["missing"] = "minus100"
    if sum(len(k["indicators"]) for k in sc["kras"]) > 1:
        add("no_levels_missing_reweight", sc, f"no levels for {y}, no value in {y}, rule reweight: dropped, valid")
    sc = copy.deepcopy(base)
    tc = next(t for t in sc["targetCosts"] if t["year"] in sc["span"])
    sc["targetCosts"].append(dict(tc, amount=D("12345.67")))
    add("duplicate_target_cost", sc, "two target costs for one purchaser and year: oracle sums them")
    sc = copy.deepcopy(base)
    sc["span"] = sc["span"] + [sc["span"][0]]
    add("span_duplicate_year", sc, "a year twice in span: oracle rejects (span[i])")
    sc = copy.deepcopy(base)
    sc["span"] = []
    add("span_empty", sc, "empty span: oracle rejects (span)")
    sc = copy.deepcopy(base)
    k0 = sc["kras"][0]
    k0["indicators"].append({"id": "zero_weight", "weight": D(0), "missing": "zero",
                             "levels": {"2000": {"minus100": D(0), "zero": D(1), "plus100": D(2)}},
                             "values": {str(y): D("1.5")}})
    add("zero_weight_indicator", sc, "an indicator with weight 0: effectiveWeight 0, score still shown")
    sc = copy.deepcopy(base)
    sc["ledger"].append({"party": sc["parties"][0]["id"], "year": y, "amount": D("1e6"), "reimbursable": True})
    add("ledger_amount_exponent", sc, "a ledger amount written 1e6")
    # worked example of the spec
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "cases", "worked_example.json"), encoding="utf-8") as f:
        add("worked_example", None, "section 6 worked example", text=f.read())
    return out


# --------------------------------------------------------------------------------------
# Tie scenarios: an incentive amount lands EXACTLY on a half cent although S is a repeating
# decimal (so finite-precision arithmetic may round it the wrong way)
# --------------------------------------------------------------------------------------

def simple_kras(rng, years, start_year):
    nk = rng.choice([1, 1, 2])
    kws = [D(100)] if nk == 1 else [D(50), D(50)] if rng.random() < 0.5 else [D(40), D(60)]
    kras = []
    for ki, kw in enumerate(kws):
        ni = rng.choice([1, 1, 2])
        iws = [kw] if ni == 1 else [kw / 2, kw / 2]
        inds = []
        for ii, iw in enumerate(iws):
            z = D(rng.randint(0, 50))
            s1 = D(rng.choice([3, 6, 7, 9, 11, 12, 13, 21]))
            s2 = D(rng.choice([3, 6, 7, 9, 11, 12, 13, 21]))
            up = rng.random() < 0.6
            lv = {"minus100": z - s1, "zero": z, "plus100": z + s2} if up else \
                {"minus100": z + s1, "zero": z, "plus100": z - s2}
            values = {}
            for y in years:
                if rng.random() < 0.9:
                    values[str(y)] = z + D(rng.randint(-int(s1), int(s2))) * (1 if up else -1)
            inds.append({"id": f"t{ki + 1}_{ii + 1}", "weight": iw, "missing": rng.choice(["zero", "minus100"]),
                         "levels": {str(start_year): lv}, "values": values})
        kras.append({"id": f"T{ki + 1}", "weight": kw, "indicators": inds})
    return kras


def gen_ties(seed, count):
    from fractions import Fraction
    rng = random.Random(seed)
    out = []
    tries = 0
    while len(out) < count and tries < count * 200:
        tries += 1
        sc = gen_valid(rng)
        start = datetime.date.fromisoformat(sc["period"]["start"])
        end = datetime.date.fromisoformat(sc["period"]["end"])
        sc["kras"] = simple_kras(rng, list(range(start.year, end.year + 1)), start.year)
        if rng.random() < 0.6:
            for tc in sc["targetCosts"]:
                tc["amount"] = D(rng.randint(1, 5) * 1000000)
            sc["adjustments"] = []
        try:
            res = oracle.settle(oracle.parse_text(dump_file(sc)))
        except oracle.ScenarioError:
            continue
        ex = res["_exact"]
        S = ex["S"]
        if S == 0:
            continue
        nonp = [p for p in sc["parties"] if p["role"] != "purchaser" and p["incentiveShare"] > 0]
        # the largest-TAK purchaser takes the residual, so a tie on its own part is invisible
        purch = [p for p in sc["parties"] if p["role"] == "purchaser" and ex["TAKj"][p["id"]] > 0
                 and p["id"] != ex["big"]]
        if not nonp and not purch:
            continue
        if nonp and (rng.random() < 0.5 or not purch):
            tgt = rng.choice(nonp)
            r = S / 100 * Fraction(tgt["incentiveShare"])
        else:
            tgt = rng.choice(purch)
            r = -S / 100 * ex["TAKj"][tgt["id"]] / ex["TAK"]
        n, d = abs(r.numerator), r.denominator
        if n % 2 == 0 or d % 2 or d // 2 > 60000000:
            continue
        base = d // 2
        js = [j for j in range(max(1, 1000000 // base), 60000000 // base + 1) if j % 2]
        if not js:
            continue
        cents = base * rng.choice(js)
        amount = (D(cents) / 100).quantize(D("0.01"))
        sc["incentive"]["pool" if S >= 0 else "sanctionCap"] = amount
        res = oracle.settle(oracle.parse_text(dump_file(sc)))
        b = res["_exact"]["B"]
        val = b * Fraction(tgt["incentiveShare"]) if tgt["role"] != "purchaser" else \
            -b * ex["TAKj"][tgt["id"]] / ex["TAK"]
        assert (val * 200).denominator == 1 and (val * 100).denominator == 2, val
        out.append((sc, f"incentive of {tgt['id']} = {float(val):.4f} exactly (half cent); S = {S}"))
    return out


# --------------------------------------------------------------------------------------

def write_all(out_dir, seed, count, ties=0):
    rng = random.Random(seed)
    vdir = os.path.join(out_dir, "valid")
    idir = os.path.join(out_dir, "invalid")
    pdir = os.path.join(out_dir, "probes")
    for d in (vdir, idir, pdir):
        os.makedirs(d, exist_ok=True)
    files = []
    for i in range(count):
        sc = gen_valid(rng)
        path = os.path.join(vdir, f"v{i:05d}.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(dump_file(sc, comments=rng.random() < 0.3, header=f"seed {seed} scenario {i}"))
        files.append(path)
    manifest = {}
    for name, text, expect, kind in gen_invalid(seed + 1000):
        fn = f"{name}.json"
        with open(os.path.join(idir, fn), "w", encoding="utf-8") as f:
            f.write(text)
        manifest[fn] = {"kind": kind, "expect": expect}
    with open(os.path.join(idir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
    pman = {}
    for name, text, note in gen_probes(seed + 2000):
        fn = f"{name}.json"
        with open(os.path.join(pdir, fn), "w", encoding="utf-8") as f:
            f.write(text)
        pman[fn] = {"note": note}
    with open(os.path.join(pdir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(pman, f, indent=2)
    tfiles = []
    if ties:
        tdir = os.path.join(out_dir, "ties")
        os.makedirs(tdir, exist_ok=True)
        for i, (sc, note) in enumerate(gen_ties(seed + 3000, ties)):
            path = os.path.join(tdir, f"t{i:04d}.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(dump_file(sc, comments=True, header=note))
            tfiles.append(path)
    return files, manifest, pman, tfiles


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--ties", type=int, default=0, help="also write this many half-cent tie scenarios")
    a = ap.parse_args()
    files, man, pman, tfiles = write_all(a.out, a.seed, a.count, a.ties)
    print(f"{len(files)} valid, {len(tfiles)} ties, {len(man)} invalid, {len(pman)} probes under {a.out}")


if __name__ == "__main__":
    main()
