"""The small vocabularies the generator draws from: topics, summaries, notes, facets, titles.

Nothing here is random; the generator picks from these lists with its seeded RNG.
"""

from __future__ import annotations

# The benchmark's rare word: it appears only in the notes of about 1% of interactions
# (`RARE_WORD_SHARE`), never in a summary, a name or any other list below.
RARE_WORD = "kintsugi"
RARE_WORD_SHARE = 0.01
RARE_NOTES = (
    "Showed me the kintsugi bowl she repaired.",
    "Talked about kintsugi as a metaphor for refactoring.",
    "He is taking a kintsugi class on Saturdays.",
    "Recommended the kintsugi workshop near the station.",
)

# The benchmark's rare tag: held by about 1% of people (`RARE_TAG_SHARE`) in profiles S, M, L.
RARE_TAG = "mentor"
RARE_TAG_SHARE = 0.01

# Topics people talk about, by circle tag.
TOPICS: dict[str, tuple[str, ...]] = {
    "colleagues": (
        "the data platform migration",
        "hiring for the analytics team",
        "the on-call rota",
        "the quarterly planning",
        "moving to a staff role",
        "the warehouse rewrite",
        "a reference letter",
        "the team offsite",
    ),
    "meetup": (
        "DuckDB in production",
        "vector search",
        "the next meetup's speakers",
        "dbt models",
        "local-first sync",
        "a talk proposal",
        "streaming joins",
        "the venue for next month",
    ),
    "university": (
        "the class reunion",
        "the kids' school",
        "moving house",
        "the hiking trip",
        "a PhD application",
        "old lecture notes",
        "the wedding",
    ),
    "customers": (
        "the contract renewal",
        "the Q3 roadmap",
        "the open invoice",
        "the data quality audit",
        "the SLA review",
        "a workshop for their team",
        "the pilot results",
    ),
    "open-source": (
        "the 2.0 release",
        "flaky CI on macOS",
        "the plugin API",
        "the docs sprint",
        "a security report",
        "the funding proposal",
        "the changelog",
    ),
    "neighbours": (
        "the street party",
        "borrowing the ladder",
        "the allotment",
        "parking on Linden Road",
        "the new bakery",
        "watering plants during the holidays",
    ),
}

# Summaries by channel; `{topic}` is filled from the person's circle.
SUMMARIES: dict[str, tuple[str, ...]] = {
    "email": (
        "e-mail about {topic}",
        "sent notes on {topic}",
        "reply about {topic}",
        "short update on {topic}",
    ),
    "message": ("messages about {topic}", "quick chat about {topic}", "texted about {topic}"),
    "social": ("commented on a post about {topic}", "liked the post on {topic}"),
    "call": ("call about {topic}", "phone catch-up, mostly {topic}"),
    "video": ("video call on {topic}", "remote session about {topic}"),
    "in_person": (
        "coffee, talked about {topic}",
        "lunch: {topic}",
        "walk and talk about {topic}",
        "drinks after work, {topic}",
    ),
    "event": ("talked at the event about {topic}", "met at the event, {topic}"),
}

# Summaries for the interaction kinds other than a check-in.
KIND_SUMMARIES: dict[str, tuple[str, ...]] = {
    "give": (
        "sent the article on {topic}",
        "shared slides on {topic}",
        "reviewed a draft on {topic}",
    ),
    "ask": ("asked for advice on {topic}", "asked for feedback on {topic}"),
    "thanks": ("thanked for the help with {topic}", "thank-you note about {topic}"),
    "intro": ("introduced to someone who knows {topic}", "intro e-mail about {topic}"),
}
KIND_SHARES = (("give", 0.08), ("ask", 0.05), ("thanks", 0.04), ("intro", 0.03))

# Notes on interactions (about half have one).
INTERACTION_NOTES = (
    "Hiring two data engineers this quarter.",
    "Wants feedback on the draft by Friday.",
    "Recommended the book Thinking in Systems.",
    "Moving teams in the spring.",
    "Kids started school; mornings are busy.",
    "Interested in speaking at the meetup.",
    "Looking for a co-founder with a sales background.",
    "Training for a half marathon.",
    "Suggested we meet again after the release.",
    "Asked whether we know anyone in Lisbon.",
    "Budget approved for next year.",
    "Prefers calls to long e-mails.",
)

INTERESTS = (
    "rust",
    "python",
    "data engineering",
    "climbing",
    "sourdough",
    "chess",
    "cycling",
    "photography",
    "jazz",
    "urban gardening",
    "machine learning",
    "typography",
    "board games",
    "sailing",
    "open data",
    "distributed systems",
)

# Needs and offers share phrases so that one person's need can match another's offer.
FAVOURS = (
    "rust mentoring",
    "design review",
    "investor intros",
    "data engineering hires",
    "beta testers",
    "conference talks",
    "legal advice",
    "ux research",
    "cloud cost reviews",
    "grant writing",
)

WORKING_ON = (
    "a book on data contracts",
    "a side project on bike routes",
    "the migration to Postgres 17",
    "a seed round",
    "a conference talk on sync engines",
    "a new open-source CLI",
    "their PhD thesis",
    "a community garden",
    "a hiring plan for the new team",
    "the 2.0 release",
)

TITLES = (
    "Data Engineer",
    "Staff Engineer",
    "Engineering Manager",
    "Product Manager",
    "Head of Data",
    "CTO",
    "Designer",
    "Researcher",
    "Founder",
    "Consultant",
    "Analyst",
    "Developer Advocate",
)

# Fictional organisations; the generator derives e-mail domains from them (`*.example`).
COMPANY_STEMS = (
    "Acme Freight",
    "Brightwater Energy",
    "Cobalt Health",
    "Driftwood Labs",
    "Elmstead Bank",
    "Fernhill Foods",
    "Granite Logistics",
    "Harbourline",
    "Ironbark Software",
    "Juniper Retail",
    "Kestrel Robotics",
    "Larkspur Media",
    "Meridian Insurance",
    "Nimbus Analytics",
    "Oakmoss Studio",
    "Pinecrest Travel",
    "Quillon Legal",
    "Redfern Games",
    "Saltmarsh Bio",
    "Tidewater Mobility",
    "Umberfield Capital",
    "Vantage Maps",
    "Willowbrook Schools",
    "Yellowpine Solar",
)
COMPANY_SUFFIXES = ("", " Group", " Systems", " Partners", " Works", " Digital", " Cloud", " Labs")

CITIES = (
    "Bristol",
    "London",
    "Lisbon",
    "Berlin",
    "Amsterdam",
    "Barcelona",
    "Copenhagen",
    "Warsaw",
    "Lyon",
    "Milan",
    "Bangalore",
    "Singapore",
    "Tokyo",
    "Seoul",
    "Lagos",
    "Mexico City",
)

PERSON_NOTES = (
    "Prefers calls to e-mail.",
    "Vegetarian; likes the Lebanese place on King Street.",
    "Two kids, both at primary school.",
    "Plays in a jazz band on Thursdays.",
    "Does not drink coffee; suggest tea.",
    "Speaks Portuguese and Spanish.",
    "Always at the back row of the meetup.",
)

NEWS = (
    "Started as {title} at {company}.",
    "Moved to {city}.",
    "Launched the public beta of their product.",
    "Got promoted to {title}.",
    "Had a baby in the spring.",
    "Left {company} to start a company.",
)

FOLLOW_UPS = (
    "Promised to send {obj} the paper on {topic}.",
    "Promised to introduce {obj} to someone at {company}.",
    "Owe {obj} feedback on the draft about {topic}.",
    "Said I would share my notes on {topic} with {obj}.",
)
