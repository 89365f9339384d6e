"""What `kith why` prints, without click: a tie's strength part by part, its layer, cadence and
due date (kith.cli.week.ties' command and kith.cli.fast_reads call `print_why`)."""

from __future__ import annotations

from kith.cli.app import App
from kith.cli.render import day_of, emit_json, say, table
from kith.relate.cadence import DEFAULT_CADENCE_DAYS, TAU_CADENCE_FACTOR, YOUNG_TIE_DAYS
from kith.relate.layers import (
    LATENT_AFTER_DAYS,
    LATENT_LAYER,
    LAYER_THRESHOLDS,
    QUALIFYING_DAYS,
    tie_label,
)
from kith.relate.strength import (
    BALANCE_HALF_LIFE_DAYS,
    DORMANT_RECENCY,
    DORMANT_S_MAX,
    EMBEDDEDNESS_FULL,
    KIN_RECENCY_HALF_LIFE_DAYS,
    KIN_VOLUME_HALF_LIFE_DAYS,
    MULTIPLEXITY_WINDOW_DAYS,
    NO_HISTORY,
    RATING_SHARE,
    RECENCY_HALF_LIFE_DAYS,
    SHARE_E,
    SHARE_I,
    SHARE_L,
    SHARE_M,
    SHARE_Q,
    SHARE_R,
    VOLUME_HALF_LIFE_DAYS,
    one_way_cap,
)
from kith.services.resolve import resolve
from kith.services.ties import why as service
from kith.services.week.weeks import wrote_last
from kith.shapes.ties import why_json

# Dunbar's names for the layers (science.md §4), for people reading `kith why`.
LAYER_NAMES = {
    "L1": "intimate",
    "L2": "support clique",
    "L3": "sympathy group",
    "L4": "good friends",
    "L5": "active network",
    "L6": "acquaintances",
    "L7": "recognisable names",
}


def print_why(app: App, name: str) -> None:
    explained = service.explain(app.store, resolve(app.store, name), app.now)
    if app.json:
        emit_json(why_json(explained))
        return
    say(f"{explained.person.name} (#{explained.person.id})")
    table(["component", "value", "weight", "adds", "meaning"], _component_rows(explained))
    for label, text in _reason_lines(explained, app):
        say(f"{label:<8} {text}")


def _component_rows(explained: service.Why) -> list[list[str]]:
    s, meaning = explained.strength, _meanings(explained)
    parts = [
        ("I intensity", s.intensity, SHARE_I),
        ("R recency", s.recency, SHARE_R),
        ("L duration", s.duration, SHARE_L),
        ("Q balance", s.balance, SHARE_Q),
        ("M multiplexity", s.multiplexity, SHARE_M),
        ("E embeddedness", s.embeddedness, SHARE_E),
    ]
    rows = [["D volume", f"{s.volume:.3f}", "", "", meaning["D"]]]
    rows += [
        [name, f"{value:.3f}", f"{weight:.2f}", f"{value * weight:.3f}", meaning[name[0]]]
        for name, value, weight in parts
    ]
    rows.append(["S_behav", f"{s.s_behav:.3f}", "", "", _behaviour_meaning(explained)])
    rows.append(["S strength", f"{s.s:.3f}", "", "", _rating_meaning(explained)])
    w = "1 − exp(−Σ w_c·2^(−age/14 d) / 3), one a day per channel: for scheduling only"
    rows.append(["W warmth", f"{explained.warmth:.3f}", "", "", w])
    return rows


def _meanings(explained: service.Why) -> dict[str, str]:
    history, inputs = explained.history, explained.inputs
    kin = " (kin)" if inputs.kin else ""
    volume_days = KIN_VOLUME_HALF_LIFE_DAYS if inputs.kin else VOLUME_HALF_LIFE_DAYS
    recency_days = KIN_RECENCY_HALF_LIFE_DAYS if inputs.kin else RECENCY_HALF_LIFE_DAYS
    channels = history.recent_channels
    return {
        "D": f"{_count(history.interactions, 'interaction')}, one a day per channel, "
        f"w_c·2^(−age/{volume_days:g} d){kin}",
        "I": "1 − exp(−D/6), saturating",
        "R": _recency_meaning(history.days_since_last, recency_days) + kin,
        "L": _duration_meaning(explained),
        "Q": f"{history.sent} out, {history.received} in, each "
        f"2^(−age/{BALANCE_HALF_LIFE_DAYS:g} d); 1 when even",
        "M": f"{_count(len(channels), 'channel')} in the last {MULTIPLEXITY_WINDOW_DAYS:g} days"
        + (f": {', '.join(channels)}" if channels else ""),
        "E": f"{_count(inputs.mutual_contacts, 'mutual contact')}, full at {EMBEDDEDNESS_FULL:g}",
    }


def _recency_meaning(days_since: float | None, half_life: float) -> str:
    if days_since is None:
        return "no contact yet"
    return f"last contact {_days(days_since)} ago, 2^(−days/{half_life:g})"


def _duration_meaning(explained: service.Why) -> str:
    since = explained.inputs.known_since
    known = f" (known since {since.isoformat()})" if since else ""
    return f"known {explained.history.months_known:.1f} months{known}, full at 60"


def _behaviour_meaning(explained: service.Why) -> str:
    label = explained.strength.label
    if label == NO_HISTORY:
        return "no history: no interaction yet"
    if label is not None:
        cap = one_way_cap(label)
        return f"{label}: capped at {cap:g} (the parts add up to {explained.uncapped:.3f})"
    return "the weighted parts added up"


def _rating_meaning(explained: service.Why) -> str:
    rating, behav = explained.inputs.rating, explained.strength.s_behav
    if rating is None:
        return "not rated: S = S_behav (`kith rate NAME 1..5` adds yours)"
    share = RATING_SHARE * (rating - 1) / 4
    return (
        f"rated {rating}/5: {RATING_SHARE:g}·({rating} − 1)/4 + {1 - RATING_SHARE:g}·S_behav "
        f"= {share:.3f} + {(1 - RATING_SHARE) * behav:.3f}"
    )


def _reason_lines(explained: service.Why, app: App) -> list[tuple[str, str]]:
    return [
        ("layer", _layer_reason(explained)),
        ("cadence", _cadence_reason(explained)),
        ("due", _due_reason(explained, app)),
        ("dormant", _dormant_reason(explained)),
        *([("resting", f"after a skip: {explained.rest.said}")] if explained.rest else []),
    ]


def _layer_reason(explained: service.Why) -> str:
    return f"{_stored_layer(explained)}; {_raw_layer_reason(explained)}"


def _stored_layer(explained: service.Why) -> str:
    if explained.stored_at is None:
        return "not placed yet (layers are evaluated on Mondays)"
    layer = explained.queue.layer
    kind = tie_label(layer)
    article = "an" if kind[0] in "aeiou" else "a"
    return f"{layer} {LAYER_NAMES[layer]}, {article} {kind} tie, as of {explained.stored_at[:10]}"


def _raw_layer_reason(explained: service.Why) -> str:
    layer, tie, s = explained.raw_layer, explained.tie, explained.strength.s
    head = f"from S alone {layer}: "
    if not tie.has_history:
        return head + "no interaction yet, so never above L6"
    if tie.latent:
        days = _count(explained.history.contact_days, "day")
        return head + (
            f"latent, so {LATENT_LAYER}: contact on {days}, the latest {LATENT_AFTER_DAYS:g}+ days "
            f"ago (L1–L4 need {QUALIFYING_DAYS} in a two-way tie)"
        )
    if tie.one_way:
        return head + f"{explained.strength.label}, so never above L5"
    if not tie.qualifies:
        days = _count(explained.history.contact_days, "day")
        return head + f"contact on {days}; L1–L4 need {QUALIFYING_DAYS} in a two-way tie"
    threshold, judged = LAYER_THRESHOLDS.get(layer), _judged(s, tie.entry)
    if threshold is None:
        return head + f"{judged} is below {min(LAYER_THRESHOLDS.values()):g}"
    return head + f"{judged} ≥ {threshold:g}"


def _judged(s: float, entry: float | None) -> str:
    """S, and what the thresholds judge when it differs (a young or single-channel tie)."""
    if entry is None or round(entry, 3) == round(s, 3):
        return f"S {s:.3f}"
    return f"S {s:.3f} ({entry:.3f} of what its age and channels allow)"


def _cadence_reason(explained: service.Why) -> str:
    layer, days, tau = explained.queue.layer, explained.cadence.days, explained.queue.tau
    cadence = explained.cadence
    if cadence.source == "young" and days is not None:
        settles = f"{YOUNG_TIE_DAYS:g} days"
        return f"{_days(days)}: a young tie (known under {settles}), due before {layer}'s applies"
    if cadence.source != "layer" and days is not None:
        most = f", at risk after {_days(cadence.max_days)}" if cadence.max_days else ""
        whose = "their own cadence" if cadence.source == "person" else "a tag's cadence"
        return f"{_days(days)}{most}: {whose} (`kith cadence`), which wins over {layer}'s"
    default = explained.queue.layer_days or DEFAULT_CADENCE_DAYS[layer]
    if days is None or default is None:
        return f"none: {layer} is never due"
    if tau is None:
        return f"{_days(days)}, {layer}'s default (no steady rhythm: τ needs 3 gaps in 24 months)"
    stretched = TAU_CADENCE_FACTOR * tau
    if stretched > default:
        rhythm = f"{TAU_CADENCE_FACTOR:g}·τ (τ = {_days(tau)})"
        return f"{_days(days)}: {rhythm} stretches {layer}'s {_days(default)}"
    return f"{_days(days)}, {layer}'s default (τ = {_days(tau)}; {TAU_CADENCE_FACTOR:g}·τ is less)"


def _due_reason(explained: service.Why, app: App) -> str:
    due, last = explained.due, explained.history.last_contact
    if last is None:
        return "never by cadence without history (the plan reaches them through a hook or a pin)"
    if due is None or explained.cadence.days is None:
        return "never by cadence"
    state = "; overdue" if explained.rho >= 1 else ""
    risk = ", at risk" if explained.at_risk else ""
    if explained.tie.one_way:
        risk += " (one-way: the plan suggests them only when pinned)"
    if explained.queue.they_wrote_last:  # their note reset the clock: say the reply owed
        risk += f"; {wrote_last(last, explained.now)}, a reply owed"
    return (
        f"{day_of(due, app.tz)} (last contact {day_of(last, app.tz)} + "
        f"{_days(explained.cadence.days)}), ρ {explained.rho:.2f}{state}{risk}"
    )


def _dormant_reason(explained: service.Why) -> str:
    peak, r = explained.tie.s_max, explained.strength.recency
    if not explained.tie.has_history:
        return "no: no history"
    facts = f"S_max {peak:.3f}, R {r:.3f}"
    rule = f"S_max ≥ {DORMANT_S_MAX:g} and R < {DORMANT_RECENCY:g}"
    return f"yes: {facts} ({rule})" if explained.dormant else f"no: {facts} (dormant: {rule})"


def _days(count: float) -> str:
    shown = f"{round(count, 1):g}"
    return f"{shown} day" if shown == "1" else f"{shown} days"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
