"""A department's figures, internally consistent, drawn at random from the reference code lists."""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from decimal import Decimal

from normalize.reference import REFERENCE_DIR

CENT = Decimal("0.01")
GOV_FUND_ITEMS = ("2120899", "2290402")
DEPARTMENTS = ("产业集聚区管理委员会", "司法局", "政务服务和大数据管理局", "经济技术开发区管理委员会", "农业农村局",
               "住房和城乡建设局", "科学技术局", "财政局")
REGIONS = ("河南省焦作市沁阳市", "山西省吕梁市岚县", "河南省焦作市", "上海市普陀区", "山西省晋中市榆次区", "浙江省杭州市西湖区")


@dataclass(slots=True)
class Figures:
    department: str
    year: int
    unit: str  # 万元 or 元
    gpb: dict[str, tuple[Decimal, Decimal]]  # item code -> (basic, project), 一般公共预算
    gov_fund: dict[str, Decimal]  # item code -> project spending from 政府性基金
    economic: dict[str, Decimal]  # 5-digit economic item -> amount (all basic spending)
    three_public: dict[str, Decimal]  # measure -> amount
    opening: Decimal  # 年初结转和结余 (一般公共预算), equal to the closing balance here
    names: dict[str, str] = field(default_factory=dict)  # code -> name


def _codes(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _amount(rng: random.Random, lo: int, hi: int) -> Decimal:
    return (Decimal(rng.randint(lo * 100, hi * 100)) * CENT).quantize(CENT)


def draw(seed: int, unit: str | None = None) -> Figures:
    rng = random.Random(seed)
    unit = unit or rng.choice(("万元", "万元", "元"))
    scale = 1 if unit == "万元" else 10000
    year = rng.choice((2020, 2021, 2022, 2023, 2024))
    fn_rows = [r for r in _codes("function_codes.csv") if _name_applies(r, year)]
    names = {r["code"]: r["name"] for r in fn_rows}
    items = [c for c in names if len(c) == 7 and c not in GOV_FUND_ITEMS]
    chosen = sorted(rng.sample(items, rng.randint(5, 9)))
    econ_rows = _codes("economic_codes.csv")
    names.update({r["code"]: r["name"] for r in econ_rows})
    econ_items = [r["code"] for r in econ_rows if len(r["code"]) == 5]
    economic = {c: _amount(rng, 1, 120) * scale for c in sorted(rng.sample(econ_items, rng.randint(8, 14)))}
    basic_total = sum(economic.values(), Decimal(0))
    basic_items = chosen[: max(2, len(chosen) // 2)]
    cuts = sorted(rng.sample(range(1, int(basic_total / CENT)), len(basic_items) - 1))
    parts = [Decimal(b - a) * CENT for a, b in zip([0] + cuts, cuts + [int(basic_total / CENT)])]
    gpb = {}
    for code in chosen:
        basic = parts.pop(0) if code in basic_items else Decimal("0.00")
        project = _amount(rng, 1, 900) * scale if code not in basic_items or rng.random() < 0.3 else Decimal("0.00")
        gpb[code] = (basic.quantize(CENT), project.quantize(CENT))
    gov_fund = {GOV_FUND_ITEMS[0]: _amount(rng, 100, 3000) * scale} if rng.random() < 0.5 else {}
    tp = _three_public(rng, scale)
    return Figures(department=rng.choice(REGIONS) + rng.choice(DEPARTMENTS), year=year, unit=unit, gpb=gpb,
                   gov_fund=gov_fund, economic=economic, three_public=tp,
                   opening=_amount(rng, 0, 60) * scale, names=names)


def _three_public(rng: random.Random, scale: int) -> dict[str, Decimal]:
    out = {}
    for side in ("budget", "actual"):
        overseas = _amount(rng, 0, 5) * scale if rng.random() < 0.3 else Decimal("0.00")
        purchase = _amount(rng, 5, 30) * scale if rng.random() < 0.2 else Decimal("0.00")
        operation = _amount(rng, 1, 20) * scale
        reception = _amount(rng, 0, 6) * scale
        out |= {f"{side}_overseas": overseas, f"{side}_vehicle_purchase": purchase,
                f"{side}_vehicle_operation": operation, f"{side}_vehicle_total": purchase + operation,
                f"{side}_reception": reception, f"{side}_total": overseas + purchase + operation + reception}
    return out


def _name_applies(row: dict[str, str], year: int) -> bool:
    lo, hi = row["from_year"], row["to_year"]
    return (not lo or int(lo) <= year) and (not hi or year <= int(hi))
