#!/usr/bin/env python3
"""Independent reference implementation (oracle) of `allianssi settle --scenario FILE --json`.

Follows ../shared/spec/commercial-model.md plus the interpretation decisions listed in
README.md. Python 3 standard library only; all arithmetic in decimal.Decimal (precision 50).

Usage:  settle_oracle.py SCENARIO.json        -> JSON on stdout, exit 0
        invalid scenario                      -> message naming the field on stderr, exit 2
Importable: `settle(scenario_dict)` returns the result dict, raises ScenarioError.
"""
import datetime
import json
import math
import sys
from fractions import Fraction
from decimal import Decimal, getcontext, ROUND_HALF_UP, InvalidOperation

getcontext().prec = 50

CENT = Decimal("0.01")
TOL = Decimal("1e-9")
ROLES = ("purchaser", "producer", "partner")
MISSING_RULES = ("zero", "minus100", "reweight", "carryForward")
AGGREGATIONS = ("monthWeightedMean", "finalYear")


class ScenarioError(Exception):
    def __init__(self, path, message):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


# --------------------------------------------------------------------------------------
# Reading: JSON with comments, numbers as Decimal
# --------------------------------------------------------------------------------------

def strip_comments(text):
    """Remove // line comments and /* block */ comments outside JSON strings."""
    out = []
    i, n = 0, len(text)
    in_str = False
    while i < n:
        c = text[i]
        if in_str:
            out.append(c)
            if c == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
                continue
            if c == '"':
                in_str = False
            i += 1
            continue
        if c == '"':
            in_str = True
            out.append(c)
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise ScenarioError("(file)", "unterminated block comment")
            out.append(" ")
            i = j + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _reject_constant(name):
    raise ValueError(f"invalid JSON constant {name}")


def parse_text(text):
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return json.loads(strip_comments(text), parse_float=Decimal, parse_int=Decimal,
                          parse_constant=_reject_constant)
    except ValueError as e:
        raise ScenarioError("(file)", f"not valid JSON: {e}")


# --------------------------------------------------------------------------------------
# Field access helpers (every error names the field path)
# --------------------------------------------------------------------------------------

_MISSING = object()


def is_num(v):
    return isinstance(v, Decimal)


def get(obj, key, path, kind, required=True, default=None, nullable=False):
    """kind: 'num', 'str', 'bool', 'obj', 'arr', 'int'."""
    full = f"{path}.{key}" if path else key
    if not isinstance(obj, dict):
        raise ScenarioError(path or "(root)", "must be an object")
    v = obj.get(key, _MISSING)
    if v is _MISSING:
        if required:
            raise ScenarioError(full, "is required")
        return default
    if v is None:
        if nullable or not required:
            return None if nullable else default
        raise ScenarioError(full, "must not be null")
    check_type(v, kind, full)
    return v


def check_type(v, kind, full):
    ok = {
        "num": is_num(v),
        "str": isinstance(v, str),
        "bool": isinstance(v, bool),
        "obj": isinstance(v, dict),
        "arr": isinstance(v, list),
        "int": is_num(v) and v == v.to_integral_value(),
    }[kind]
    if not ok:
        names = {"num": "a number", "str": "a string", "bool": "true or false", "obj": "an object",
                 "arr": "an array", "int": "an integer"}
        raise ScenarioError(full, f"must be {names[kind]}")


def parse_date(s, full):
    try:
        return datetime.date.fromisoformat(s) if len(s) == 10 else _bad()
    except (ValueError, TypeError):
        raise ScenarioError(full, "must be a date YYYY-MM-DD")


def _bad():
    raise ValueError


def year_key(k, full):
    if not (isinstance(k, str) and len(k) == 4 and k.isdigit()):
        raise ScenarioError(f"{full}.{k}", "key must be a year")
    return int(k)


Q = Fraction  # the oracle computes exactly (rationals); inputs are exact decimals


def dec(x):
    """Exact rational -> Decimal (50 significant digits; exact for terminating decimals)."""
    if x is None or isinstance(x, Decimal):
        return x
    x = Fraction(x)
    return Decimal(x.numerator) / Decimal(x.denominator)


def rnd(x):
    """Round to cents, half away from zero (exact; returns a Fraction)."""
    x = Fraction(x)
    q = math.floor(abs(x) * 100 + Fraction(1, 2))
    return Fraction(q if x >= 0 else -q, 100)


def money_out(x):
    return (Decimal(int(rnd(x) * 100)) / 100).quantize(CENT)


def fmt_money(d):
    q = money_out(d)
    sign = "-" if q < 0 else ""
    ip, fp = f"{abs(q):f}".split(".")
    return f"{sign}{int(ip):,}.{fp}"


def fmt_num(d):
    if d is None:
        return "none"
    d = dec(d)
    return f"{d.normalize():f}" if d == d.to_integral_value() else f"{d:f}"


def fmt_score(d):
    return "none" if d is None else f"{dec(d).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):f}"


# --------------------------------------------------------------------------------------
# Validation into a normalised model
# --------------------------------------------------------------------------------------

def read_model(sc):
    if not isinstance(sc, dict):
        raise ScenarioError("(root)", "must be an object")
    m = {}
    per = get(sc, "period", "", "obj")
    pid = get(per, "id", "period", "str", required=False)
    start = parse_date(get(per, "start", "period", "str"), "period.start")
    end = parse_date(get(per, "end", "period", "str"), "period.end")
    if end < start:
        raise ScenarioError("period.end", "is before period.start")
    agg = get(per, "scoreAggregation", "period", "str", required=False, default="monthWeightedMean")
    if agg not in AGGREGATIONS:
        raise ScenarioError("period.scoreAggregation", f"must be one of {', '.join(AGGREGATIONS)}")
    m.update(period_id=pid, start=start, end=end, agg=agg)
    y0, y1 = start.year, end.year

    def in_period(y, full):
        if not (y0 <= y <= y1):
            raise ScenarioError(full, f"year {y} is outside the period {start}..{end}")

    span = get(sc, "span", "", "arr")
    if not span:
        raise ScenarioError("span", "must name at least one year")
    years = []
    for i, y in enumerate(span):
        check_type(y, "int", f"span[{i}]")
        y = int(y)
        in_period(y, f"span[{i}]")
        if y in years:
            raise ScenarioError(f"span[{i}]", f"year {y} is repeated")
        years.append(y)
    m["span"] = years
    m["span_idx"] = {y: i for i, y in enumerate(years)}

    parties = get(sc, "parties", "", "arr")
    plist = []
    ids = set()
    for i, p in enumerate(parties):
        path = f"parties[{i}]"
        check_type(p, "obj", path)
        pid_ = get(p, "id", path, "str")
        if pid_ in ids:
            raise ScenarioError(f"{path}.id", f"duplicate party id '{pid_}'")
        ids.add(pid_)
        role = get(p, "role", path, "str")
        if role not in ROLES:
            raise ScenarioError(f"{path}.role", f"must be one of {', '.join(ROLES)}")
        party = {"id": pid_, "role": role, "index": i}
        if role != "purchaser":
            fee = get(p, "fee", path, "obj", required=False, nullable=True)
            if fee is not None:
                ft = get(fee, "type", f"{path}.fee", "str")
                if ft == "fixed":
                    amt = get(fee, "amount", f"{path}.fee", "num")
                    party["fee"] = ("fixed", amt)
                elif ft == "percentOfActual":
                    rate = get(fee, "rate", f"{path}.fee", "num")
                    if rate < 0:
                        raise ScenarioError(f"{path}.fee.rate", "must not be negative")
                    party["fee"] = ("percentOfActual", rate)
                else:
                    raise ScenarioError(f"{path}.fee.type", "must be fixed or percentOfActual")
            else:
                party["fee"] = None
            for f in ("gainShare", "painShare", "incentiveShare"):
                v = get(p, f, path, "num", required=False, default=Decimal(0))
                if v < 0 or v > 1:
                    raise ScenarioError(f"{path}.{f}", "must be between 0 and 1")
                party[f] = v
            gc = get(p, "gainCap", path, "num", required=False, nullable=True)
            if gc is not None and gc < 0:
                raise ScenarioError(f"{path}.gainCap", "must not be negative")
            party["gainCap"] = gc
            pc = p.get("painCap", None)
            if pc is not None and not (pc == "fee" or is_num(pc)):
                raise ScenarioError(f"{path}.painCap", 'must be a number, "fee" or null')
            if is_num(pc) and pc < 0:
                raise ScenarioError(f"{path}.painCap", "must not be negative")
            party["painCap"] = pc
        plist.append(party)
    if not any(p["role"] == "purchaser" for p in plist):
        raise ScenarioError("parties", "needs at least one purchaser")
    nonp = [p for p in plist if p["role"] != "purchaser"]
    for f in ("gainShare", "painShare"):
        s = sum((p[f] for p in nonp), Decimal(0))
        if s > 1 + TOL:
            raise ScenarioError(f"parties[].{f}", f"{f} of the non-purchasers add up to {fmt_num(s)} (> 1)")
    s = sum((p["incentiveShare"] for p in nonp), Decimal(0))
    if abs(s - 1) > TOL:
        raise ScenarioError("parties[].incentiveShare",
                            f"incentiveShare of the non-purchasers add up to {fmt_num(s)} (must be 1)")
    m["parties"] = plist
    byid = {p["id"]: p for p in plist}

    def money_lines(name, party_key, purchaser_only, extra=None):
        arr = get(sc, name, "", "arr", required=False, default=[])
        out = []
        for i, e in enumerate(arr):
            path = f"{name}[{i}]"
            check_type(e, "obj", path)
            who = get(e, party_key, path, "str")
            if who not in byid:
                raise ScenarioError(f"{path}.{party_key}", f"unknown party '{who}'")
            if purchaser_only and byid[who]["role"] != "purchaser":
                raise ScenarioError(f"{path}.{party_key}", f"'{who}' is not a purchaser")
            y = get(e, "year", path, "int")
            y = int(y)
            in_period(y, f"{path}.year")
            amt = get(e, "amount", path, "num")
            rec = {"party": who, "year": y, "amount": amt}
            if extra:
                extra(e, path, rec)
            out.append(rec)
        return out

    def ledger_extra(e, path, rec):
        rec["reimbursable"] = get(e, "reimbursable", path, "bool", required=False, default=True)

    def adj_extra(e, path, rec):
        get(e, "reason", path, "str", required=False)
        get(e, "decision", path, "str", required=False)

    m["targetCosts"] = money_lines("targetCosts", "purchaser", True)
    m["adjustments"] = money_lines("adjustments", "purchaser", True, adj_extra)
    m["ledger"] = money_lines("ledger", "party", False, ledger_extra)
    m["includesFee"] = get(sc, "targetCostIncludesFee", "", "bool", required=False, default=False)
    inc = get(sc, "incentive", "", "obj")
    m["pool"] = get(inc, "pool", "incentive", "num")
    m["sanctionCap"] = get(inc, "sanctionCap", "incentive", "num")
    if m["pool"] < 0:
        raise ScenarioError("incentive.pool", "must not be negative")
    if m["sanctionCap"] < 0:
        raise ScenarioError("incentive.sanctionCap", "must not be negative")

    kras = get(sc, "kras", "", "arr")
    if not kras:
        raise ScenarioError("kras", "must contain at least one key result area")
    klist = []
    total = Decimal(0)
    for i, k in enumerate(kras):
        path = f"kras[{i}]"
        check_type(k, "obj", path)
        kid = get(k, "id", path, "str")
        kw = get(k, "weight", path, "num")
        if kw < 0:
            raise ScenarioError(f"{path}.weight", "must not be negative")
        inds = get(k, "indicators", path, "arr")
        if not inds:
            raise ScenarioError(f"{path}.indicators", "must contain at least one indicator")
        ilist = []
        isum = Decimal(0)
        for j, ind in enumerate(inds):
            ipath = f"{path}.indicators[{j}]"
            check_type(ind, "obj", ipath)
            iid = get(ind, "id", ipath, "str")
            iw = get(ind, "weight", ipath, "num")
            if iw < 0:
                raise ScenarioError(f"{ipath}.weight", "must not be negative")
            rule = get(ind, "missing", ipath, "str", required=False, default="reweight")
            if rule not in MISSING_RULES:
                raise ScenarioError(f"{ipath}.missing", f"must be one of {', '.join(MISSING_RULES)}")
            lv = get(ind, "levels", ipath, "obj")
            levels = {}
            for key, trip in lv.items():
                lpath = f"{ipath}.levels.{key}"
                y = year_key(key, f"{ipath}.levels")
                check_type(trip, "obj", lpath)
                a = get(trip, "minus100", lpath, "num")
                b = get(trip, "zero", lpath, "num")
                c = get(trip, "plus100", lpath, "num")
                if not ((a < b < c) or (a > b > c)):
                    raise ScenarioError(f"{ipath}.levels",
                                        f"indicator '{iid}' levels for {key} are not strictly monotone "
                                        f"(minus100 {fmt_num(a)}, zero {fmt_num(b)}, plus100 {fmt_num(c)})")
                levels[y] = (a, b, c)
            vals = get(ind, "values", ipath, "obj", required=False, default={})
            values = {}
            for key, v in vals.items():
                y = year_key(key, f"{ipath}.values")
                if v is None:
                    continue
                check_type(v, "num", f"{ipath}.values.{key}")
                values[y] = v
            ilist.append({"id": iid, "weight": iw, "missing": rule, "levels": levels, "values": values,
                          "path": ipath})
            isum += iw
        if abs(isum - kw) > TOL:
            raise ScenarioError(f"{path}.indicators",
                                f"indicator weights of KRA '{kid}' add up to {fmt_num(isum)}, "
                                f"not the KRA weight {fmt_num(kw)}")
        klist.append({"id": kid, "weight": kw, "indicators": ilist, "path": path})
        total += kw
    if abs(total - 100) > TOL:
        raise ScenarioError("kras", f"KRA weights add up to {fmt_num(total)}, not 100")
    m["kras"] = klist
    return m


# --------------------------------------------------------------------------------------
# Scoring (sections 1-4)
# --------------------------------------------------------------------------------------

def indicator_score(x, m, z, p):
    if m < z:  # higher is better
        if x <= m:
            return Q(-100)
        if x <= z:
            return -100 + 100 * (x - m) / (z - m)
        if x < p:
            return 100 * (x - z) / (p - z)
        return Q(100)
    # lower is better
    if x >= m:
        return Q(-100)
    if x >= z:
        return -100 + 100 * (x - m) / (z - m)
    if x > p:
        return 100 * (x - z) / (p - z)
    return Q(100)


def levels_for(ind, year):
    ys = [y for y in ind["levels"] if y <= year]
    return ind["levels"][max(ys)] if ys else None


def score_year(model, year, span_index):
    inds_out, kras_out = [], []
    kra_results = []
    for k in model["kras"]:
        rows = []
        for ind in k["indicators"]:
            value, source = None, "missing"
            if year in ind["values"]:
                value, source = ind["values"][year], "measured"
            elif ind["missing"] == "carryForward":
                earlier = [y for y in ind["values"] if y < year]
                if earlier:
                    value, source = ind["values"][max(earlier)], "carriedForward"
            if value is not None:
                lv = levels_for(ind, year)
                if lv is None:
                    raise ScenarioError(f"{ind['path']}.levels",
                                        f"indicator '{ind['id']}' has no levels for {year} or any earlier year")
                score = indicator_score(value, *lv)
            elif ind["missing"] == "zero":
                score = Q(0)
            elif ind["missing"] == "minus100":
                score = Q(-100)
            else:
                score = None  # reweight (or carryForward without any earlier value)
            rows.append((ind, value, source, score))
        scored_w = sum((ind["weight"] for ind, _, _, s in rows if s is not None), Q(0))
        has_scored = any(s is not None for _, _, _, s in rows)
        kra_results.append((k, rows, scored_w, has_scored))

    live = [(k, rows, sw) for k, rows, sw, hs in kra_results if hs]
    if not live:
        raise ScenarioError(f"span[{span_index}]", f"year {year}: no indicator can be scored")
    live_w = sum((k["weight"] for k, _, _ in live), Q(0))
    num = Q(0)
    den = Q(0)
    for k, rows, sw, hs in kra_results:
        if not hs or live_w == 0:
            keff = Q(0)
        else:
            keff = k["weight"] * 100 / live_w
        kscore = None
        if hs:
            if sw > 0:
                kscore = sum((ind["weight"] * s for ind, _, _, s in rows if s is not None), Q(0)) / sw
            else:  # all scored indicators carry weight 0: plain mean
                sc = [s for _, _, _, s in rows if s is not None]
                kscore = sum(sc, Q(0)) / len(sc)
        kras_out.append({"id": k["id"], "score": kscore, "effectiveWeight": keff})
        for ind, value, source, s in rows:
            if s is None or sw == 0:
                w = Q(0)
            else:
                w = keff * ind["weight"] / sw
            inds_out.append({"id": ind["id"], "value": value, "score": s, "effectiveWeight": w,
                             "valueSource": source})
            if s is not None:
                num += w * s
                den += w
    if den == 0:
        # every scored indicator has weight 0: the KRA means, equally weighted
        sc = [kr["score"] for kr in kras_out if kr["score"] is not None]
        overall = sum(sc, Q(0)) / len(sc)
    else:
        overall = num / den
    return {"year": year, "overallScore": overall, "kras": kras_out, "indicators": inds_out}


def months_in_period(year, start, end):
    n = 0
    for mth in range(1, 13):
        first = datetime.date(year, mth, 1)
        nxt = datetime.date(year + (mth == 12), mth % 12 + 1, 1)
        last = nxt - datetime.timedelta(days=1)
        if first <= end and last >= start:
            n += 1
    return n


# --------------------------------------------------------------------------------------
# Money (section 5)
# --------------------------------------------------------------------------------------

def to_exact(model):
    """Turn every number of the validated model into an exact Fraction."""
    f = lambda v: Fraction(v) if isinstance(v, Decimal) else v  # noqa: E731
    model["pool"], model["sanctionCap"] = f(model["pool"]), f(model["sanctionCap"])
    for p in model["parties"]:
        for k in ("gainShare", "painShare", "incentiveShare", "gainCap", "painCap"):
            if k in p:
                p[k] = f(p[k])
        if p.get("fee"):
            p["fee"] = (p["fee"][0], f(p["fee"][1]))
    for name in ("targetCosts", "adjustments", "ledger"):
        for e in model[name]:
            e["amount"] = f(e["amount"])
    for k in model["kras"]:
        k["weight"] = f(k["weight"])
        for ind in k["indicators"]:
            ind["weight"] = f(ind["weight"])
            ind["levels"] = {y: tuple(map(f, t)) for y, t in ind["levels"].items()}
            ind["values"] = {y: f(v) for y, v in ind["values"].items()}
    return model


def settle(sc):
    model = to_exact(read_model(sc))
    span = model["span"]
    spanset = set(span)
    expl = []

    # --- scores
    years_out = []
    for i, y in enumerate(span):
        years_out.append(score_year(model, y, i))
    if model["agg"] == "finalYear":
        last = max(span)
        S = next(r["overallScore"] for r in years_out if r["year"] == last)
        expl.append(f"S = score of the span's last year {last} = {fmt_score(S)}")
    else:
        wsum = Q(0)
        acc = Q(0)
        parts = []
        for r in years_out:
            w = Q(months_in_period(r["year"], model["start"], model["end"]))
            wsum += w
            acc += w * r["overallScore"]
            parts.append(f"{r['year']}: {fmt_score(r['overallScore'])} x {w} months")
        S = acc / wsum
        expl.append(f"S = month-weighted mean ({'; '.join(parts)}) = {fmt_score(S)}")
    for r in years_out:
        expl.append(f"Overall score {r['year']} = {fmt_score(r['overallScore'])}")
        for kr in r["kras"]:
            expl.append(f"  KRA {kr['id']} {r['year']}: score {fmt_score(kr['score'])}, "
                        f"effective weight {fmt_num(kr['effectiveWeight'])}")
        for it in r["indicators"]:
            expl.append(f"  indicator {it['id']} {r['year']}: value {fmt_num(it['value'])} "
                        f"({it['valueSource']}), score {fmt_score(it['score'])}, "
                        f"effective weight {fmt_num(it['effectiveWeight'])}")

    # --- money
    parties = model["parties"]
    purch = [p for p in parties if p["role"] == "purchaser"]
    nonp = [p for p in parties if p["role"] != "purchaser"]
    TAKj = {p["id"]: Q(0) for p in purch}
    for tc in model["targetCosts"]:
        if tc["year"] in spanset:
            TAKj[tc["party"]] += tc["amount"]
    for a in model["adjustments"]:
        if a["year"] in spanset:
            TAKj[a["party"]] += a["amount"]
    TAK = sum(TAKj.values(), Q(0))
    if TAK <= 0:
        raise ScenarioError("targetCosts", "the span's target cost must be positive")
    AC = {p["id"]: Q(0) for p in parties}
    NR = {p["id"]: Q(0) for p in parties}
    for l in model["ledger"]:
        if l["year"] in spanset:
            (AC if l["reimbursable"] else NR)[l["party"]] += l["amount"]
    ACt = sum(AC.values(), Q(0))
    fee = {p["id"]: Q(0) for p in parties}
    for p in nonp:
        if p["fee"] is None:
            continue
        kind, v = p["fee"]
        fee[p["id"]] = v * len(span) if kind == "fixed" else v * AC[p["id"]]
    FeeTotal = sum(fee.values(), Q(0))
    D = TAK - ACt - (FeeTotal if model["includesFee"] else Q(0))

    # largest TAK purchaser, ties: first in file order
    big = purch[0]["id"]
    for p in purch:
        if TAKj[p["id"]] > TAKj[big]:
            big = p["id"]

    share_u = {}
    for p in nonp:
        if D >= 0:
            s = p["gainShare"] * D
            if p["gainCap"] is not None:
                s = min(s, p["gainCap"])
        else:
            s = p["painShare"] * D
            cap = p["painCap"]
            if cap == "fee":
                cap = fee[p["id"]]
            if cap is not None:
                s = max(s, -cap)
        share_u[p["id"]] = s
    rest = D - sum(share_u.values(), Q(0))
    for p in purch:
        share_u[p["id"]] = rest * TAKj[p["id"]] / TAK
    share = {k: rnd(v) for k, v in share_u.items()}
    resid = rnd(D) - sum(share.values(), Q(0))
    share[big] += resid

    if S >= 0:
        B = model["pool"] * S / 100
    else:
        B = model["sanctionCap"] * S / 100
    inc = {}
    for p in nonp:
        inc[p["id"]] = rnd(B * p["incentiveShare"])
    for p in purch:
        inc[p["id"]] = rnd(-B * TAKj[p["id"]] / TAK)
    iresid = -sum(inc.values(), Q(0))
    inc[big] += iresid

    comp = {}
    for p in nonp:
        i = p["id"]
        comp[i] = rnd(AC[i]) + rnd(fee[i]) + share[i] + inc[i]
    comp_total = sum(comp.values(), Q(0))
    pay = {p["id"]: rnd(comp_total * TAKj[p["id"]] / TAK) for p in purch}
    presid = comp_total - sum(pay.values(), Q(0))
    pay[big] += presid

    # --- explanation
    expl.append("TAK = " + " + ".join(f"{j} {fmt_money(v)}" for j, v in TAKj.items())
                + f" = {fmt_money(TAK)} (target costs and adjustments of {', '.join(map(str, span))})")
    expl.append("AC = " + " + ".join(f"{k} {fmt_money(v)}" for k, v in AC.items()) + f" = {fmt_money(ACt)}")
    for p in nonp:
        i = p["id"]
        if p["fee"] is None:
            expl.append(f"Fee {i} = 0.00 (no fee)")
        elif p["fee"][0] == "fixed":
            expl.append(f"Fee {i} = fixed {fmt_money(p['fee'][1])} x {len(span)} years = {fmt_money(fee[i])}")
        else:
            expl.append(f"Fee {i} = {fmt_num(p['fee'][1])} x AC {fmt_money(AC[i])} = {fmt_money(fee[i])}")
    expl.append(f"FeeTotal = {fmt_money(FeeTotal)}")
    expl.append(f"D = TAK {fmt_money(TAK)} - AC {fmt_money(ACt)}"
                + (f" - fees {fmt_money(FeeTotal)}" if model["includesFee"] else "")
                + f" = {fmt_money(D)} ({'underrun' if D >= 0 else 'overrun'})")
    for p in nonp:
        i = p["id"]
        expl.append(f"Share {i} = {'gainShare' if D >= 0 else 'painShare'} x D, capped = {fmt_money(share[i])}")
    for p in purch:
        i = p["id"]
        expl.append(f"Share {i} = (D - non-purchaser shares) x TAK_j/TAK = {fmt_money(share[i])}"
                    + (f" (incl. rounding residual {fmt_money(resid)})" if i == big and resid else ""))
    expl.append(f"B = {'pool' if S >= 0 else 'sanctionCap'} x S / 100 = {fmt_money(B)}")
    for p in parties:
        i = p["id"]
        expl.append(f"Incentive {i} = {fmt_money(inc[i])}")
    for p in nonp:
        i = p["id"]
        expl.append(f"Compensation {i} = {fmt_money(AC[i])} + {fmt_money(fee[i])} + {fmt_money(share[i])}"
                    f" + {fmt_money(inc[i])} = {fmt_money(comp[i])}")
    for p in purch:
        i = p["id"]
        expl.append(f"Payment {i} = {fmt_money(comp_total)} x TAK_j/TAK = {fmt_money(pay[i])}")

    parties_out = []
    for p in parties:
        i = p["id"]
        isp = p["role"] == "purchaser"
        parties_out.append({
            "id": i, "role": p["role"],
            "actualCost": money_out(AC[i]), "nonReimbursable": money_out(NR[i]),
            "fee": money_out(fee[i]), "share": money_out(share[i]), "incentive": money_out(inc[i]),
            "compensation": None if isp else money_out(comp[i]),
            "payment": money_out(pay[i]) if isp else None,
        })
    for r in years_out:
        r["overallScore"] = dec(r["overallScore"])
        for kr in r["kras"]:
            kr["score"], kr["effectiveWeight"] = dec(kr["score"]), dec(kr["effectiveWeight"])
        for it in r["indicators"]:
            it["value"], it["score"] = dec(it["value"]), dec(it["score"])
            it["effectiveWeight"] = dec(it["effectiveWeight"])
    return {
        "years": years_out,
        "periodScore": dec(S),
        "targetCost": money_out(TAK), "actualCost": money_out(ACt), "feeTotal": money_out(FeeTotal),
        "costResult": money_out(D), "incentive": money_out(B),
        "parties": parties_out,
        "explanation": expl,
        "_exact": {"S": S, "B": B, "D": D, "TAKj": TAKj, "TAK": TAK, "share": share_u, "big": big},
    }


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------

def to_json(v, indent=0):
    pad = "  " * indent
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return f"{v:f}"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        if not v:
            return "[]"
        return "[\n" + ",\n".join(pad + "  " + to_json(x, indent + 1) for x in v) + "\n" + pad + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        return "{\n" + ",\n".join(f"{pad}  {json.dumps(k)}: {to_json(x, indent + 1)}" for k, x in v.items()
                                  if not k.startswith("_")) \
            + "\n" + pad + "}"
    raise TypeError(type(v))


def run_file(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return settle(parse_text(text))


def main(argv):
    args = [a for a in argv[1:] if a != "--json"]
    if args and args[0] == "settle":
        args = args[1:]
    if args and args[0] == "--scenario":
        args = args[1:]
    if len(args) != 1:
        print("usage: settle_oracle.py [--scenario] FILE [--json]", file=sys.stderr)
        return 64
    try:
        result = run_file(args[0])
    except ScenarioError as e:
        print(f"invalid scenario: {e.path}: {e.message}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"cannot read scenario: {e}", file=sys.stderr)
        return 2
    sys.stdout.write(to_json(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
