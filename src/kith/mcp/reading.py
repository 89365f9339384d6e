"""The tools that read: find people, show one, the week's plan and today, follow-ups, warm
paths and introductions to suggest. Each returns what the matching command's --json prints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import Field

from kith.errors import UsageError
from kith.mcp.arguments import Limit, Name, Owner, PathChannel
from kith.mcp.session import Session
from kith.services import browse, claims
from kith.services import follow_ups as follow_up_service
from kith.services.mesh import paths as path_service
from kith.services.resolve import resolve
from kith.services.week import drafts, empty_week, outreach
from kith.services.week import plan as plan_service
from kith.shapes.follow_ups import todo_json
from kith.shapes.paths import paths_json
from kith.shapes.people import head_json, interaction_json, known_json, person_json
from kith.shapes.plan import plan_json, today_json

Tool = Callable[..., dict[str, Any]]


def tools(session: Session) -> list[Tool]:
    def list_people(
        query: Annotated[
            str,
            Field(
                description=(
                    "Kith's query language; terms combine with AND, -term negates, empty "
                    "lists everyone. Terms: tag:T interest:I company:C met:M (how you met) "
                    "channel:C since:D before:D (last contact; 90d, 2026-01-01) "
                    "kind:prospect archived:yes, a bare word for names. Examples: "
                    '"tag:python company:acme", "channel:email since:90d -tag:family", "ada".'
                )
            ),
        ] = "",
        limit: Limit = 50,
    ) -> dict[str, Any]:
        """List people matching structured criteria (tags, company, how you met, last contact).

        Use it to browse or filter the network; for free text ("who works on compilers?"),
        use search_people. Returns {"people": [person...], "total": N}: each person has an id
        (pass "#ID" to other tools), name, emails, phones, company, title, tags, kind,
        last_contact_at and interaction_count. `total` counts every match, beyond `limit`."""
        listing = browse.list_people(session.store, query, session.now(), limit)
        return {"people": [head_json(p) for p in listing.people], "total": listing.total}

    def search_people(
        text: Annotated[
            str,
            Field(
                description=(
                    'Words to look for, ANDed, each as a prefix. Examples: "compilers", '
                    '"lisbon", "postgres migration".'
                )
            ),
        ],
        limit: Limit = browse.SEARCH_LIMIT,
    ) -> dict[str, Any]:
        """Full-text search over names, companies, interests and "working on" (and, when the
        user started Kith with --include-notes, private notes and the interaction log), best
        match first.

        Use it when you have words, not criteria: a topic, a city, a project. Returns
        {"results": [{"person": person, "score": S, "matched": ["card", "3 interactions"]}],
        "total": N}."""
        found = browse.search(session.store, text, limit, private=session.include_notes)
        results = [
            {"person": head_json(r.person), "score": r.score, "matched": r.matched} for r in found
        ]
        return {"results": results, "total": len(results)}

    def show_person(
        name: Name,
        all_interactions: Annotated[
            bool, Field(description="Every interaction instead of the newest 20.")
        ] = False,
    ) -> dict[str, Any]:
        """Show one person's card: identities, job and past jobs, how and where you met,
        birthday, tags, interests, needs and offers, relationships, their newest interactions
        and whom they know among your contacts.

        Use it before drafting or logging to know the person. Returns {"person": person (with
        detail), "interactions": [...], "total_interactions": N, "knows": [...]}. Private notes
        and interaction summaries are null unless the user started Kith with --include-notes."""
        card = browse.show(
            session.store, resolve(session.store, name), session.now().date(), all_interactions
        )
        return {
            "person": person_json(card.person, detail=True),
            "interactions": [interaction_json(i) for i in card.interactions],
            "total_interactions": card.total_interactions,
            "knows": [known_json(k) for k in card.knows],
        }

    def week_plan(
        refresh: Annotated[
            bool,
            Field(description="Choose this week's people again from now (rarely needed)."),
        ] = False,
        with_drafts: Annotated[
            bool, Field(description="Add a ready message draft to each open pick.")
        ] = False,
    ) -> dict[str, Any]:
        """This week's people to reach out to (the weekly plan), each with why now, the
        channel to use and the state (open, done, skipped, snoozed).

        Use it when the user asks whom to contact this week. The plan is chosen once a week
        and kept. Returns {"week", "picks": [person + reason, channel, layer, priority,
        state, ...], "load", "decide": people met at events to claim or let go, "gift": an
        introduction worth making, "first_steps": what to do first when nobody can be due
        for want of people or of any history (else null), ...}."""
        store, now = session.store, session.now()
        week = plan_service.this_week(store, now, refresh=refresh)
        decide = claims.undecided(store, now)
        from kith.services.mesh.gift import weekly_gift

        gift = weekly_gift(store, now, session.zone(), week.key, again=week.made_now)
        written = {}
        if with_drafts:
            picks = [pick.stored for pick in week.open_picks()]
            made = drafts.for_picks(store, picks, session.templates, now, session.include_notes)
            written = {person: drafted.draft.body for person, drafted in made.items()}
        return plan_json(week, decide, gift, written, empty_week.of_week(store, week))

    def today() -> dict[str, Any]:
        """What needs doing today: follow-ups due or overdue, this week's picks not done yet,
        thank-yous owed, introductions waiting on the user, follow-ups coming up within a
        week, and people met at events to decide on.

        Use it for "what should I do today?". Returns {"week", "todos", "picks", "thanks",
        "introductions", "coming_up", "decide", "total"}."""
        return today_json(outreach.today(session.store, session.now()))

    def follow_ups(
        name: Annotated[
            str | None, Field(description='Only this person\'s (e.g. "Ada"); omit for all.')
        ] = None,
        owner: Annotated[
            Owner | None,
            Field(description="mine: what the user promised; theirs: what others promised."),
        ] = None,
        include_done: Annotated[bool, Field(description="Also the ones already kept.")] = False,
    ) -> dict[str, Any]:
        """List follow-ups (promises to keep), open ones first, the oldest due first.

        Use it for "what did I promise?" or "what do people owe me?". Returns {"todos":
        [{"id", "person", "text", "due", "owner", "overdue", ...}], "total": N}."""
        store = session.store
        person_id = resolve(store, name) if name else None
        found = follow_up_service.list_follow_ups(
            store, session.now(), person_id, owner, include_done
        )
        return {"todos": [todo_json(t) for t in found], "total": len(found)}

    def suggest_introductions() -> dict[str, Any]:
        """Pairs of the user's contacts worth introducing to each other: one's needs met by
        the other's offers (or needs that answer each other), close enough to ask, not yet
        knowing each other; at most three a week, each with one sentence saying why.

        Use it when the user wants to help people or asks whom to connect. Returns {"intros":
        [{"a", "b", "kind", "reason", "score", "components"}], "total": N}; `a` is asked
        first (the user runs `kith intro A B` to begin the double opt-in)."""
        from kith.services.mesh import intros as suggesting
        from kith.shapes.intros import suggestion_json

        found = suggesting.suggest(session.store, session.now(), session.zone())
        return {"intros": [suggestion_json(s) for s in found.found], "total": len(found.found)}

    def warm_path(
        name: Annotated[
            str | None,
            Field(
                description=(
                    "Whom to reach: a contact, or someone the user wants to meet whom only "
                    'their contacts know. Example: "Hedy Lamarr". Give this or company.'
                )
            ),
        ] = None,
        company: Annotated[
            str | None,
            Field(description='Anyone at this organisation instead. Example: "Acme".'),
        ] = None,
        channel: Annotated[
            PathChannel | None,
            Field(
                description=(
                    "Where the ask goes: its form and length. Leave it out for the way "
                    "draft_message writes to them (a text message to someone with a number "
                    "and no address, else e-mail)."
                )
            ),
        ] = None,
    ) -> dict[str, Any]:
        """Find the warmest ways to someone through people the user knows (at most three hops,
        best three paths), and draft the ask to the first person of the best path.

        Use it for "how can I get introduced to X?" or "who do I know at Y?". Each path has a
        score `value` (the product of each link's strength), its weakest link and when that
        link last showed; `weak` warns that a link may not carry an ask. Returns {"targets",
        "organisation", "paths", "total", "ask": draft or null}."""
        if (name is None) == (company is None):
            raise UsageError("Give a name or a company (one of them).")
        store, now, zone = session.store, session.now(), session.zone()
        if company is not None:
            found = path_service.to_organisation(store, company, now, zone)
        else:
            found = path_service.to_person(store, resolve(store, name or ""), now, zone)
        asked = path_service.first_ask(store, found, session.templates, now, channel)
        return paths_json(found, asked)

    return [
        list_people,
        search_people,
        show_person,
        week_plan,
        today,
        follow_ups,
        suggest_introductions,
        warm_path,
    ]
