"""Which CPU family each CPU name belongs to: a declared table, matched whole, never by substring.

A family is a group of CPUs taken to do equal work per clock (one microarchitecture), so that a
model without a benchmark score can be estimated from family peers scaled by cores × clock.
Intel CPUs are placed by part number (the first digits give the generation); a name without a
part number gets a family that says the generation is not stated, and its peers are only CPUs
named the same way. An unknown CPU name is an error at load: add it to the table.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Intel Core generations by the leading digits of the part number (Core i3/i5/i7/i9, m3, Core M).
INTEL_CORE_GENERATIONS: dict[str, str] = {
    "1": "Intel Nehalem/Westmere",  # 1st generation: i5-750, i3-540, i5-520M
    "2": "Intel Sandy Bridge",
    "3": "Intel Ivy Bridge",
    "4": "Intel Haswell",
    "5": "Intel Broadwell",
    "6": "Intel Skylake",
    "7": "Intel Kaby Lake",
    "8": "Intel Coffee Lake",
    "9": "Intel Coffee Lake",
    "10": "Intel Comet Lake",
}
# Part numbers whose generation digit alone would misplace them.
INTEL_PART_EXCEPTIONS: dict[str, str] = {
    "8210Y": "Intel Amber Lake",
    "1000NG4": "Intel Ice Lake",
    "1038NG7": "Intel Ice Lake",
    "1068NG7": "Intel Ice Lake",
    "750": "Intel Nehalem/Westmere",
    "760": "Intel Nehalem/Westmere",
    "860": "Intel Nehalem/Westmere",
    "870": "Intel Nehalem/Westmere",
    "540": "Intel Nehalem/Westmere",
    "550": "Intel Nehalem/Westmere",
    "680": "Intel Nehalem/Westmere",
}
NOT_STATED = "generation not stated"


def intel_core_family(part: str) -> str | None:
    """Family of an Intel Core part number such as '7400', '8257U', '1038NG7', '5Y51', '7Y32', '520M'."""
    part = part.upper()
    if part in INTEL_PART_EXCEPTIONS:
        return INTEL_PART_EXCEPTIONS[part]
    y_series = re.fullmatch(r"([5-8])Y\d\d", part)  # Core M / m3 / m5 / m7: 5Y51, 6Y54, 7Y32
    if y_series:
        return INTEL_CORE_GENERATIONS[y_series.group(1)]
    mobile_first = re.fullmatch(r"[3-6]\d0M", part)  # 1st generation mobile: 520M, 540M, 620M
    if mobile_first:
        return "Intel Nehalem/Westmere"
    digits = re.fullmatch(r"(10|[2-9])\d{3}[A-Z]{0,2}\d?", part)
    return INTEL_CORE_GENERATIONS[digits.group(1)] if digits else None


XEON_FAMILIES: dict[str, str] = {
    "5100": "Intel Core (Merom/Penryn)",  # Woodcrest: the Core microarchitecture
    "5400": "Intel Core (Merom/Penryn)",  # Harpertown: Penryn
    "5500": "Intel Nehalem/Westmere",
    "5600": "Intel Nehalem/Westmere",
    "W3520": "Intel Nehalem/Westmere",
    "W3530": "Intel Nehalem/Westmere",
    "W3565": "Intel Nehalem/Westmere",
    "W3680": "Intel Nehalem/Westmere",
    "E5 v2": "Intel Ivy Bridge",
    "W-2140B": "Intel Skylake",
    "W-2150B": "Intel Skylake",
    "W-2170B": "Intel Skylake",
    "W-2191B": "Intel Skylake",
    "W-3223": "Intel Cascade Lake",
    "W-3235": "Intel Cascade Lake",
    "W-3245": "Intel Cascade Lake",
    "W-3265M": "Intel Cascade Lake",
    "W-3275M": "Intel Cascade Lake",
}


def _xeon(part: str) -> str | None:
    if part in XEON_FAMILIES:
        return XEON_FAMILIES[part]
    e5 = re.fullmatch(r"E5-\d{4} v2", part)
    return "Intel Ivy Bridge" if e5 else None


Rule = tuple[str, Callable[[re.Match[str]], str | None]]


def _fixed(family: str) -> Callable[[re.Match[str]], str | None]:
    return lambda _match: family


# Each pattern must match the whole CPU name; the first that does decides (only "Intel Xeon 5150"-style
# names fit two patterns, and the series rule before the part-number rule places them).
CPU_TABLE: tuple[Rule, ...] = (
    (r"Motorola 68(?:HC)?000", _fixed("68000")),
    (r"Motorola 68020", _fixed("68020")),
    (r"Motorola 68030", _fixed("68030")),
    (r"Motorola 68(?:LC)?040", _fixed("68040")),
    (r"PowerPC 601", _fixed("PowerPC 601")),
    (r"PowerPC 603(?:e|ev)?", _fixed("PowerPC 603")),
    (r"PowerPC 604e?", _fixed("PowerPC 604")),
    (r"PowerPC (?:G3|750|G3 \(750\)|750(?:cx|cxe|fx)? \(G3\))", _fixed("PowerPC G3")),
    (r"PowerPC (?:G4|G4 \(74[0-5]\dA?\)|74[0-5]\dA? \(G4\))", _fixed("PowerPC G4")),
    (r"(?:IBM )?PowerPC (?:G5|970(?:FX|MP)? \(G5\)|G5 \(dual-core\))", _fixed("PowerPC G5")),
    (r"Intel Core (?:Solo|Duo)(?: \([TL][12]\d00\)| [TL][12]\d00)?", _fixed("Intel Core (Yonah)")),
    (r"Intel Core 2 (?:Duo|Extreme)(?: \([A-Z]{1,2}\d{4}\)| [A-Z]{1,2}\d{4})?", _fixed("Intel Core (Merom/Penryn)")),
    (r"Intel Xeon (5100|5400|5500|5600) series(?: \(\w+\))?", lambda m: XEON_FAMILIES[m.group(1)]),
    (r"Intel Xeon [EXLW]?(5[1456])\d\d", lambda m: XEON_FAMILIES[m.group(1) + "00"]),
    (r"Intel Xeon (?:W )?\(?((?:W-?)?\d{4}[A-Z]?|E5-\d{4} v2)\)?", lambda m: _xeon(m.group(1))),
    (r"Intel Xeon E5", _fixed(f"Intel Xeon E5 ({NOT_STATED})")),
    (r"Intel Core M", _fixed("Intel Broadwell")),  # the "Core M" brand was Broadwell-Y only
    (r"Intel Core (?:i[3579]|m[357]|M) \((\w+)\)", lambda m: intel_core_family(m.group(1))),
    (r"Intel Core (?:i[3579]|m[357]|M)-(\w+)", lambda m: intel_core_family(m.group(1))),
    (r"Intel Core (i|m)[3579]", lambda m: f"Intel Core {m.group(1)} ({NOT_STATED})"),
    # One generation of Apple silicon shares its core designs; the tiers differ in how many cores.
    (r"Apple (M\d+|A\d+)(?: (?:Pro|Max|Ultra))?", lambda m: f"Apple {m.group(1)}"),
)
_COMPILED = tuple((re.compile(pattern), family) for pattern, family in CPU_TABLE)


def cpu_family(cpu: object) -> str | None:
    """The family of a CPU name from the declared table; None when the name is empty or not in the table."""
    if not isinstance(cpu, str) or not cpu.strip():
        return None
    for pattern, family in _COMPILED:
        match = pattern.fullmatch(cpu.strip())
        if match:
            return family(match)
    return None
