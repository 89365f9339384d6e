"""The report's words: each figure in a sentence, and one line on what it means for the user
and what to do. Thresholds are [H] unless a source is named (science.md §8)."""

from __future__ import annotations

from typing import Any

NO_CONTACTS = "No contacts yet."
ADD_PEOPLE = "Add the people you know (`kith add`, `kith import`) and the report fills in."
HEALTHY_OVERDUE = 0.3  # more than this share of a strong layer overdue asks for attention
FEW_WEAK = 2.0  # fewer weak ties than twice the strong ones is a narrow network
ONE_CIRCLE = 1.5  # an effective number of circles below this is attention in one place
HIGH_CONSTRAINT = 0.3
# [H] Efficiency (effective size over contacts) from which a high constraint cannot come from
# people knowing each other: it comes from the time going to a few of them.
SPARSE = 0.9
TURNOVER_BASELINE = (0.01, 0.04)  # inner-circle turnover a year (Roy et al. 2022 [V])
FEWER_TOUCHES = 0.8  # a year with less than this share of the year before's interactions


def _pct(share: float | None) -> str:
    return "n/a" if share is None else f"{100 * share:.0f}%"


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def layer_line(row: dict[str, Any]) -> str:
    return (
        f"{row['layer']}: {row['people']} (total {row['cumulative']}, Dunbar "
        f"{row['dunbar']:g}), {_pct(row['overdue_share'])} overdue"
    )


def layer_summary(rows: list[dict[str, Any]]) -> str:
    strong = rows[2]["cumulative"]
    active = rows[4]["cumulative"]
    return (
        f"{_n(strong, 'strong tie')} in L1–L3 (Dunbar's 15) and {active} in your active "
        f"network L1–L5 (Dunbar's 150)."
    )


def layer_advice(rows: list[dict[str, Any]]) -> str:
    late = [r for r in rows[:3] if r["people"] and r["overdue_share"] > HEALTHY_OVERDUE]
    if late:
        names = ", ".join(r["layer"] for r in late)
        return (
            f"Your closest people are slipping ({names} more than {_pct(HEALTHY_OVERDUE)} "
            "overdue): start this week's plan with them (`kith plan`)."
        )
    if rows[2]["cumulative"] < 5:
        return (
            "Few strong ties yet: caps are ceilings, not quotas; deepen two or three ties by "
            "meeting them more often rather than adding people."
        )
    return "Your layers are kept up: keep following the weekly plan."


def mix_summary(strong: int, weak: int, latent: int, ratio: float | None) -> str:
    said = "no strong ties" if ratio is None else f"{ratio:.1f} weak ties per strong one"
    return f"{strong} strong (L1–L3), {weak} weak (L4–L5), {latent} latent (L6–L7): {said}."


def mix_advice(strong: int, ratio: float | None) -> str:
    if ratio is None or strong == 0:
        return "Strong ties carry support; log the people you see often so Kith can find them."
    if ratio < FEW_WEAK:
        return (
            "Few weak ties for your strong ones: new jobs and ideas mostly come through weak "
            "ties (Granovetter; Rajkumar et al. 2022), so say yes to one new event a month."
        )
    return "A broad weak layer, where new chances come from: keep it warm with a yearly note."


def circles_summary(sizes: list[int], unassigned: int) -> str:
    if not sizes:
        return f"No circles yet; {_n(unassigned, 'contact')} in none."
    listed = ", ".join(str(s) for s in sizes[:8])
    return f"{_n(len(sizes), 'circle')} of three or more (sizes {listed}); {unassigned} in none."


def circles_advice(sizes: list[int]) -> str:
    if not sizes:
        return "Say who knows whom (`kith knows A B`) or import mail and calendars to see them."
    return "Name them as you see them (`kith circle rename ID NAME`) and pin the ones you trust."


def diversity_summary(entropy: float, effective: float, circles: int) -> str:
    if circles < 2:
        return "Fewer than two circles: diversity needs at least two."
    if effective == 0:
        return "No closeness in your circles yet: none of their people has a history with you."
    return (
        f"Your closeness is spread like {effective:.1f} equal circles out of {circles} "
        f"(normalised entropy {entropy:.2f}; 1 is even)."
    )


def diversity_advice(effective: float, top: str | None, share: float) -> str:
    if top is None:
        return "Circles appear once Kith knows who knows whom."
    if effective == 0:
        return "Log what you do with people (`kith log`) and this shows where your time goes."
    if effective < ONE_CIRCLE:
        return (
            f"{_pct(share)} of your closeness sits in {top}: a single circle is a single point "
            "of failure; pick someone from another circle in the next plans."
        )
    return f"Attention is spread over several circles ({top} leads with {_pct(share)}): keep it."


def brokerage_summary(values: dict[str, Any]) -> str:
    return (
        f"Constraint {_num(values['constraint'], 3)} (lower is more brokerage), effective size "
        f"{_num(values['effective_size'], 1)} of {values['contacts']} (efficiency "
        f"{_num(values['efficiency'], 2)}), ego betweenness {_num(values['ego_betweenness'], 2)}."
    )


def _num(value: float | None, places: int) -> str:
    return "n/a" if value is None else f"{value:.{places}f}"


def brokerage_advice(values: dict[str, Any]) -> str:
    constraint, efficiency = values["constraint"], values["efficiency"]
    if constraint is not None and constraint > HIGH_CONSTRAINT and (efficiency or 0) >= SPARSE:
        return (
            "High constraint, though your people barely know each other: your time goes to "
            "a few of them; seeing a few more regularly spreads it (Burt 1992)."
        )
    if constraint is not None and constraint > HIGH_CONSTRAINT:
        return (
            "High constraint: your people mostly know each other, so news reaches you twice; "
            "meeting outside your circles adds the most (Burt 1992)."
        )
    return (
        "Low constraint: many of your people do not know each other and reach each other "
        "through you; that is where an introduction you make helps most."
    )


def bridges_summary(values: dict[str, Any]) -> str:
    lonely = len(values["through_you_only"])
    return (
        f"{_n(values['bridging_total'], 'contact')} whose ties span circles, "
        f"{_n(values['local_bridges'], 'local bridge')} among your contacts, "
        f"{_n(lonely, 'circle')} reached only through you."
    )


def bridges_lines(values: dict[str, Any]) -> list[str]:
    found = [
        f"{b['name']} bridges circles (participation {_num(b['participation'], 2)})"
        for b in values["bridging"]
    ]
    found += [
        f"{a} and {b} know each other and no one in common"
        for a, b in values["local_bridge_examples"]
    ]
    found += [f"{c['name']} reaches the rest only through you" for c in values["through_you_only"]]
    return found


def bridges_advice(values: dict[str, Any]) -> str:
    if values["through_you_only"]:
        return (
            "A circle linked to the rest only through you depends on you alone: an introduction "
            "across would make it sturdier, and bridging contacts are the ones to keep warm."
        )
    if values["bridging"]:
        return "Bridging contacts bring news from several circles: keep them warm."
    return "Your circles barely touch: bridges appear as Kith learns who knows whom."


def give_summary(people: int, giving: float | None, taking: float | None) -> str:
    if not people:
        return "No gives or intros logged yet."
    return (
        f"Of {_n(people, 'person', 'people')} with gives either way, you gave more than 75% "
        f"of the gives with {_pct(giving)} and less than 25% with {_pct(taking)}."
    )


def give_advice(people: int, giving: float | None, taking: float | None) -> str:
    if not people:
        return "Log favours with `--kind give`; give before you ask (`kith ledger`)."
    if taking is not None and giving is not None and taking > giving:
        return (
            "You take more often than you give: lopsided ties are normal, but look at "
            "`kith ledger` for an article or an introduction to send."
        )
    return "You give at least as often as you take: lopsided ties are normal (Kovanen 2010)."


def dormant_summary(count: int, shown: list[str]) -> str:
    if not count:
        return "No dormant ties: nobody who was once close has gone quiet."
    return f"{_n(count, 'once-strong tie')} gone quiet ({', '.join(shown)}...)."


def dormant_advice(count: int) -> str:
    if not count:
        return "Nothing to revive: keep up the plan."
    return (
        "Dormant ties are a reserve: reconnecting is quick and often more useful than a new "
        "contact (Levin et al. 2011); the plan adds one now and then (`kith list dormant:yes`)."
    )


def turnover_summary(then: int, left: int, share: float | None) -> str:
    if share is None:
        return "Not enough history for a year ago's inner circle."
    return f"{left} of the {then} people in your inner circle a year ago left it: {_pct(share)}."


def turnover_advice(share: float | None) -> str:
    if share is None:
        return "Come back when Kith has a year of your history."
    low, high = TURNOVER_BASELINE
    if share > high:
        return (
            f"More than the {_pct(low)}–{_pct(high)} a year most inner circles change "
            "(Roy et al. 2022): check whether someone slipped away unnoticed (`kith why NAME`)."
        )
    return f"Within the usual {_pct(low)}–{_pct(high)} a year (Roy et al. 2022): stable."


def activity_summary(recent: int, before: int) -> str:
    if not recent and not before:
        return "Nothing logged in the last two years."
    change = "" if not before else f" ({(recent - before) / before:+.0%} on the year before)"
    return f"{_n(recent, 'interaction')} in the last 12 months{change}."


def activity_advice(recent: int, before: int) -> str:
    if not recent and not before:
        return "Log what you do with people (`kith log`) or import mail and calendars."
    if recent < before * FEWER_TOUCHES:
        return (
            "Fewer touches than the year before: a short note to a few people a week keeps "
            "ties from fading (`kith plan`)."
        )
    return "As active as the year before, or more: keep the rhythm."
