"""The English words kith.drafts.phrases reads a phrase by: pronouns and their second-person
forms, verbs, nouns for what people present or do together, and the words that mark a phrase
as the user's own (a judgement, an instruction to themselves, something personal). Data only.
"""

from __future__ import annotations

# The pronouns that stand for the person a draft is written to, and their second-person forms.
SUBJECT_PRONOUNS = frozenset({"she", "he", "they"})
POSSESSIVES = {"her": "your", "his": "your", "their": "your", "hers": "yours", "theirs": "yours"}
OBJECTS = {"him": "you", "them": "you"}
REFLEXIVES = {"herself": "yourself", "himself": "yourself", "themselves": "yourself"}
CONTRACTIONS = {
    "she's": "you're",
    "he's": "you're",
    "they're": "you're",
    "she'd": "you'd",
    "he'd": "you'd",
    "they'd": "you'd",
    "she'll": "you'll",
    "he'll": "you'll",
    "they'll": "you'll",
    "she'd've": "you'd've",
}
# A third-person singular verb after "she"/"he", made to agree with "you".
AGREEMENT = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "doesn't": "don't",
}
# Words that may stand between a subject and its verb ("she also gave", "we both love").
ADVERBS = frozenset(
    {"also", "just", "really", "both", "all", "still", "recently", "already", "even", "never"}
    | {"actually", "kindly", "finally", "once", "often", "always", "then"}
)
# After "her": words that mean "her" was an object ("I met her at ...", "told her about").
AFTER_OBJECT = frozenset(
    {"at", "about", "on", "in", "for", "to", "with", "after", "before", "from", "and", "or"}
    | {"a", "an", "the", "that", "this", "some", "my", "our", "how", "why", "what", "again"}
)
DETERMINERS = frozenset(
    {"the", "a", "an", "your", "our", "my", "this", "that", "these", "those", "some", "yours"}
    | {"one", "two", "three", "several", "many", "all", "every", "another", "such", "no"}
)
PREPOSITIONS = frozenset(
    {"about", "on", "at", "in", "over", "during", "after", "before", "with", "around"}
)
FIRST_PERSON = frozenset({"i", "we", "i'm", "we're", "i've", "we've", "i'd", "we'd"})
CLAUSE_SUBJECTS = frozenset({"you", "you're", "you'd", "you'll", "you've", "it", "there", "it's"})
AUXILIARIES = frozenset(
    {"is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could"}
    | {"did", "does", "do", "should", "might", "may", "must", "isn't", "wasn't", "aren't"}
    | {"weren't", "hasn't", "haven't", "hadn't", "won't", "can't", "didn't", "doesn't"}
    | {"don't", "shall"}
)
PRESENT_AUXILIARIES = frozenset(
    {"is", "are", "has", "have", "will", "can", "does", "do", "should", "might", "may", "must"}
    | {"isn't", "aren't", "hasn't", "haven't", "won't", "can't", "doesn't", "don't", "shall"}
)
# Irregular past forms common in what people write after meeting someone.
IRREGULAR_PAST = frozenset(
    {"gave", "told", "said", "spoke", "took", "made", "came", "went", "got", "met", "saw"}
    | {"brought", "wrote", "taught", "ran", "built", "won", "knew", "thought", "found", "left"}
    | {"lost", "sent", "bought", "sat", "stood", "held", "led", "put", "began", "drew", "grew"}
    | {"flew", "ate", "drank", "sang", "kept", "meant", "paid", "sold", "spent", "understood"}
    | {"heard", "let", "set", "blew", "broke", "chose", "forgot", "hid", "hit", "lent", "rode"}
    | {"shook", "showed", "shut", "threw", "wore", "woke", "dug", "fed", "fought", "hung"}
)
# Words that sound like verbs of appearance: "she seemed low" is an observation, not a remark.
APPEARANCE = frozenset(
    {"seemed", "seems", "looked", "looks", "appeared", "appears", "felt", "feels", "sounded"}
    | {"sounds", "smelled", "smells"}
)
# First words of a note to self: an instruction is a to-do, not something to say to someone.
INSTRUCTIONS = frozenset(
    {"follow", "ask", "send", "introduce", "call", "email", "e-mail", "remember", "check"}
    | {"invite", "remind", "text", "ping", "reply", "write", "book", "schedule", "find"}
    | {"don't", "do", "todo", "to-do", "must", "should", "need", "try", "look", "get"}
)
# Nouns for something one of you presented: "I enjoyed the talk on ...".
PRESENTED = frozenset(
    {"talk", "keynote", "demo", "workshop", "presentation", "panel", "session", "lecture"}
    | {"tutorial", "lightning", "paper", "poster", "slides", "question", "questions", "pitch"}
    | {"story", "stories", "joke", "jokes", "performance", "reading", "speech", "answer"}
)
# Nouns for time spent together: "I enjoyed our coffee after the keynote".
TOGETHER = frozenset(
    {"chat", "conversation", "coffee", "lunch", "dinner", "breakfast", "drinks", "drink"}
    | {"walk", "discussion", "talks", "run", "hike", "ride", "game", "dance", "catch-up"}
    | {"exchange", "debate", "brainstorm", "call", "meal", "beer", "tea", "chats"}
)
# Words ending in -ing that are nouns, not gerunds.
NOT_GERUNDS = frozenset(
    {"thing", "something", "nothing", "anything", "everything", "evening", "morning", "spring"}
    | {"string", "ring", "king", "wing", "sibling", "wedding", "pudding", "ceiling", "ping"}
    | {"during", "bring", "sing", "sting", "swing", "thing's"}
)
# Irregular past forms that are as often participles ("edits made offline", "a book read").
PARTICIPLES = frozenset(
    {"made", "met", "built", "found", "left", "lost", "sent", "bought", "held", "led", "put"}
    | {"kept", "meant", "paid", "sold", "spent", "understood", "heard", "let", "set", "hit"}
    | {"lent", "dug", "fed", "fought", "hung", "shut", "showed", "sat", "stood", "taught"}
    | {"brought", "thought", "told", "said", "won", "got", "known", "shown", "given"}
)
# Words after which a verb belongs to an embedded clause, not to the phrase itself.
EMBEDDING = frozenset(
    {"how", "why", "what", "which", "who", "whom", "whose", "that", "if", "whether", "when"}
    | {"where", "while", "because"}
)
PRONOUNS_BEFORE_RELATIVE = frozenset({"you", "i", "we", "they", "she", "he"})
# Past verbs done together: "talked about Rust" → "I'm glad we talked about Rust".
MUTUAL = frozenset(
    {"talked", "chatted", "discussed", "spoke", "argued", "laughed", "walked", "shared"}
    | {"exchanged", "bonded", "agreed", "danced", "ate", "drank", "sat", "played", "worked"}
    | {"hiked", "ran", "joked", "brainstormed", "compared", "swapped", "traded"}
)
# "introduced by Bob": a past participle with its agent is something done to the two of you.
PASSIVE_AFTER = frozenset({"by", "through", "via"})
# Words that describe the person: "funny", "great energy" are the user's to keep.
JUDGEMENTS = frozenset(
    {"great", "funny", "smart", "nice", "kind", "lovely", "interesting", "brilliant", "sharp"}
    | {"friendly", "shy", "quiet", "loud", "rude", "awkward", "boring", "weird", "tired"}
    | {"clever", "impressive", "cool", "charming", "warm", "arrogant", "cute", "hot", "odd"}
    | {"annoying", "pushy", "sweet", "intense", "strange", "good", "bad", "young", "old"}
    | {"very", "really", "super", "so", "quite", "bit", "a", "little", "kinda", "pretty"}
    | {"guy", "woman", "man", "person", "girl", "lady", "dude", "fellow", "character"}
    | {"energy", "vibe", "vibes", "type", "chap", "bloke", "gal"}
)


# Verbs of an event the two of you shared: a past clause with one of these may be said back
# ("you gave the keynote", "we talked about Rust"); other past clauses are news about them
# ("she just had a baby"), theirs to share, not the user's.
EVENT_VERBS = frozenset(
    {"gave", "showed", "talked", "told", "asked", "presented", "recommended", "organised"}
    | {"organized", "ran", "hosted", "demoed", "explained", "shared", "introduced", "spoke"}
    | {"mentioned", "chatted", "discussed", "sat", "met", "laughed", "helped", "taught"}
    | {"answered", "suggested", "invited", "offered", "joined", "built", "wrote", "played"}
    | {"sang", "danced", "won", "walked", "hiked", "cooked", "debated", "compared", "swapped"}
    | {"traded", "bonded", "agreed", "brainstormed", "demonstrated", "pitched", "moderated"}
    | {"chaired", "led", "interviewed", "reviewed", "sketched", "drew", "made", "found"}
    | {"was", "were"}  # only as "on/at the <event noun>": see phrases._copula_allowed
)
# Verbs of what someone did in front of you or with you: "she ran the workshop", "we met at
# the coffee queue". What someone said or told is theirs (see phrases._happened).
SHOWN_VERBS = frozenset(
    {"gave", "presented", "showed", "demoed", "demonstrated", "ran", "hosted", "organised"}
    | {"organized", "moderated", "chaired", "led", "taught", "answered", "asked", "sat", "met"}
    | {"walked", "danced", "played", "sang", "won", "cooked", "hiked", "laughed", "introduced"}
    | {"joined", "was", "were", "pitched", "performed", "judged", "mentored", "coached"}
)
# Where or when something happened: "at the after-party", "during the break".
PLACE_WORDS = frozenset(
    {"at", "in", "during", "after", "before", "next", "through", "via", "by", "outside"}
    | {"near", "over", "on"}
)
# Marks what was talked about, which is the two people's own: "talked about", "chat about".
TOPIC_MARKERS = frozenset({"about", "regarding", "re", "re:"})
# Gerunds of things done together: "hiking together".
DONE_TOGETHER = frozenset(
    {"hiking", "walking", "dancing", "running", "cooking", "climbing", "singing", "playing"}
    | {"cycling", "swimming", "sailing", "skiing", "jamming", "pairing", "hacking"}
)
# Present-tense verbs after "she"/"he" or alone at the start: "loves climbing", "works at X"
# are notes about them, not something to say back.
VERBS_3RD = frozenset(
    {"loves", "likes", "works", "lives", "wants", "needs", "hates", "runs", "builds", "plays"}
    | {"knows", "thinks", "says", "has", "does", "goes", "makes", "seems", "looks", "owns"}
    | {"leads", "manages", "teaches", "studies", "writes", "sells", "invests", "drinks"}
    | {"smokes", "talks", "speaks", "hopes", "plans", "tries", "can't", "cannot", "won't"}
)
# Plural nouns spelt as a verb after "she" ("she plans"): a noun at the end of a phrase or
# before a preposition ("Ramadan plans", "the peace talks", "plans for the summer" excepted:
# a first word is read as the verb, "works at Acme").
PLURAL_NOUNS = frozenset({"plans", "talks", "drinks", "runs", "studies"})
# Base verbs that make a bare phrase a sentence, not a topic ("100% agree on testing").
VERB_BASES = frozenset(
    {"agree", "disagree", "love", "like", "hate", "want", "need", "think", "know"}
    | {"live", "hire", "invest", "fund", "buy", "sell", "pitch", "email", "call", "meet"}
    | {"introduce", "invite", "remind", "follow", "ask", "send", "check", "owe", "pay"}
    | {"is", "are", "was", "were", "be", "been", "am"}
)
# Words that judge the person: never said back, whatever the shape.
NEGATIVE = frozenset(
    {"boring", "arrogant", "terrible", "awful", "awkward", "annoying", "rude", "weird"}
    | {"bad", "dull", "pushy", "creepy", "stupid", "dumb", "lame", "sloppy", "messy"}
    | {"confusing", "nervous", "shy", "quiet", "loud", "drunk", "tipsy", "hungover", "tired"}
    | {"sad", "low", "upset", "angry", "desperate", "lonely", "fat", "ugly", "old", "young"}
    | {"hot", "sexy", "attractive", "cute", "rich", "poor", "broke", "difficult", "arrogance"}
    | {"smug", "cocky", "slow", "lazy", "overrated", "mediocre", "meh", "odd", "strange"}
)
# Praise that may qualify something you shared ("a great chat") but not describe them.
PRAISE = frozenset(
    {"great", "brilliant", "amazing", "excellent", "fantastic", "sharp", "smart", "clever"}
    | {"funny", "kind", "nice", "lovely", "sweet", "cool", "interesting", "inspiring"}
    | {"insightful", "thoughtful", "fun", "good", "wonderful", "fascinating", "impressive"}
    | {"charming", "warm", "friendly", "intense", "energetic"}
)
# Words that make a phrase a note to self: an intention, a plan, a commercial judgement.
INTENTIONS = frozenset(
    {"maybe", "should", "could", "would", "might", "must", "todo", "to-do", "follow-up"}
    | {"potential", "useful", "client", "clients", "lead", "leads", "prospect", "target"}
    | {"hire", "invest", "investor?", "fundraising", "deal", "sell", "pitch", "ask", "remind"}
    | {"intro?", "check", "remember", "later", "asap", "urgent", "note", "nb", "ps"}
)
# Something personal: health, family, money, work trouble, the law, drink. Theirs to share.
SENSITIVE = frozenset(
    {"cancer", "diagnosis", "diagnosed", "sick", "illness", "ill", "surgery", "hospital"}
    | {"pregnant", "pregnancy", "baby", "miscarriage", "depression", "depressed", "anxiety"}
    | {"anxious", "therapy", "therapist", "rehab", "addiction", "died", "death", "dead"}
    | {"funeral", "grief", "divorce", "divorced", "separation", "separated", "ex", "ex's"}
    | {"affair", "breakup", "dating", "money", "debt", "owes", "owe", "loan", "salary"}
    | {"bankrupt", "fired", "laid", "layoff", "layoffs", "quitting", "quit", "resign"}
    | {"resigning", "unemployed", "interviewing", "job-hunting", "lawsuit", "arrested"}
    | {"police", "court", "prison", "drank", "hangover", "weed", "drugs", "visa", "custody"}
    | {"illness", "disease", "mental", "burnout", "diet", "weight", "religion", "politics"}
    | {"chemo", "chemotherapy", "ivf", "fertility", "drinking", "alcohol", "sober", "dui"}
    | {"visa", "h1b", "h-1b", "immigration", "deported", "asylum", "citizenship", "passport"}
    | {"republican", "democrat", "conservative", "liberal", "trump", "biden", "election"}
    | {"abortion", "war", "israel", "palestine", "gaza", "ukraine", "russia", "immigrants"}
    | {"union", "unionizing", "unionising", "strike", "gossip", "rumour", "rumours", "rumor"}
    | {"rumors", "nda", "acquisition", "equity", "shares", "options", "crypto", "poach"}
    | {"poaching", "recruit", "recruiting", "rival", "competitor", "drama", "firing"}
    | {"muslim", "christian", "jewish", "hindu", "atheist", "gay", "lesbian", "trans"}
    | {"girlfriend", "boyfriend", "husband", "wife", "kids", "children", "married", "engaged"}
    | {"kid", "child", "wives", "husbands"}
    | {"dad", "mum", "mom", "mother", "father", "parents", "sister", "brother", "daughter"}
    | {"son", "grandma", "grandpa", "grandmother", "grandfather", "in-laws", "stepdad", "stepmum"}
    | {"recovery", "recovering", "injury", "injured", "accident", "miscarried"}
    | {"pricing", "budget", "revenue", "valuation", "raised", "funding", "bonus", "promotion"}
    # what a new user logged in trial 5 and found said back as "your …"
    | {"bankruptcy", "arrest", "disorder", "mortgage", "gambling", "redundancy", "redundant"}
    | {"redundancies", "stroke", "dementia", "alzheimer's", "alzheimers", "mastectomy"}
    | {"prostate", "bereavement", "bereaved", "widow", "widowed", "sobriety", "relapse"}
    | {"aa", "probation", "deportation", "resignation", "resigned", "interview", "sacked"}
    | {"severance", "furlough", "furloughed", "disability", "disabled", "autism", "autistic"}
    | {"adhd", "diabetes", "medication", "ozempic", "church", "mosque", "synagogue", "bible"}
    | {"faith", "brexit", "vote", "voting", "partner", "fiancé", "fiancée", "fiance"}
    | {"fiancee", "maternity", "paternity", "eviction", "evicted", "jail", "convicted"}
    | {"oncology", "hospice", "clinic", "icu", "psychiatric", "psychiatrist", "counselling"}
    | {"counseling", "shelter"}
    # religious observances say what someone believes, as "church" does (trial 5: "Ramadan
    # plans"); Christmas and Easter, kept by most in English whatever they believe, are said
    | {"ramadan", "iftar", "eid", "hajj", "umrah", "passover", "seder", "kippur", "hanukkah"}
    | {"chanukah", "shabbat", "diwali", "vaisakhi", "baptism", "christening", "mitzvah"}
)
# The families of something personal in the common English words for it (session 17): a
# noun counts in its plural and possessive too ("debts", "lawyer's"), a verb below in its
# forms ("sued", "suing", "sues"). Still word lists, so still a heuristic.
MONEY = frozenset(
    {"raise", "salary", "wage", "wages", "income", "paycheck", "paycheque", "payslip"}
    | {"inheritance", "pension", "overdraft", "finances", "payday", "lottery"}
    | {"alimony", "remortgage", "repossession", "repossessed", "insolvency", "insolvent"}
)
HEALTH = frozenset(
    {"tumour", "tumor", "covid", "flu", "infection", "anorexia", "bulimia", "overdose"}
    | {"suicide", "suicidal", "self-harm", "menopause", "palliative", "dying"}
    | {"meds", "prescription", "ptsd", "ocd", "bipolar", "schizophrenia", "seizure"}
    | {"epilepsy", "hiv", "std", "sti", "herpes", "migraine", "migraines", "grieving"}
    | {"mourning", "hospitalised", "hospitalized", "alcoholic", "addict"}
)
FAMILY_TROUBLE = frozenset(
    {"estranged", "abuse", "abusive", "foster", "orphan", "orphaned", "widower"}
    | {"stepson", "stepdaughter", "stepmom", "stepmother", "stepfather", "cousin", "aunt"}
    | {"uncle", "niece", "nephew", "grandson", "granddaughter", "twins", "toddler", "newborn"}
    | {"spouse", "marriage", "infidelity", "cheating"}
)
LEGAL = frozenset(
    {"lawyer", "solicitor", "attorney", "litigation", "tribunal", "parole", "bail"}
    | {"criminal", "sue", "subpoena", "indicted", "indictment"}
    | {"prosecution", "prosecuted", "injunction", "restraining", "deportations", "detention"}
    | {"detained", "undocumented", "refugee", "grievance", "disciplinary"}
    | {"demoted", "demotion"}
)
RELIGION = frozenset(
    {"god", "prayer", "pray", "religious", "spiritual", "pilgrimage", "quran", "koran"}
    | {"torah", "islam", "judaism", "christianity", "hinduism", "buddhism", "buddhist"}
    | {"sikh", "catholic", "protestant", "mormon", "evangelical", "agnostic", "priest"}
    | {"pastor", "rabbi", "imam", "worship", "sermon", "confession"}
)
SEX = frozenset(
    {"sex", "sexual", "sexuality", "porn", "tinder", "grindr", "hookup"}
    | {"hook-up", "bisexual", "queer", "transgender", "nonbinary", "non-binary", "kink"}
    | {"condom", "contraception", "erectile", "viagra", "libido", "mistress"}
)
POLITICS = frozenset(
    {"political", "politician", "tory", "tories", "labour", "gop", "maga", "referendum"}
    | {"protest", "activism", "activist", "socialist", "communist", "fascist", "populist"}
    | {"left-wing", "right-wing", "ballot", "voter", "elections", "campaigning", "putin"}
    | {"starmer", "sunak", "netanyahu", "hamas", "zionist", "zionism"}
)
# Verbs of something personal, said in any form: "sued", "suing", "divorcing", "voted".
SENSITIVE_VERBS = frozenset(
    {"sue", "divorce", "grieve", "mourn", "pray", "vote", "owe", "borrow", "die", "quit"}
    | {"resign", "arrest", "diagnose", "raise", "cheat", "relapse"}
    | {"gamble", "miscarry", "evict", "deport", "sack", "convict", "medicate"}
    | {"prosecute", "detain", "demote", "hospitalise", "hospitalize", "worship"}
)
# Words personal when they are theirs ("his pay", "her health", "their marriage"), not
# otherwise ("Apple Pay", "the health-tech meetup", "the age of sail").
OWNED = frozenset(
    {"pay", "health", "age", "body", "rent", "bills", "taxes", "tax", "condition"}
    | {"appointment", "relationship", "weight", "looks"}
    | {"landlord", "notice", "leave", "leaving"}
    | {"appraisal", "benefits", "credit", "loans", "diet"}
    | {"transition"}  # "her transition" (gender), not "the transition plan" (session 18)
)
# Titles whose words are in a list but name a film, a show, a game: "the Star Wars premiere".
TITLES = ("star wars",)
# Works whose subject is public, as a talk's is: "a book on grief", "the film about divorce"
# are said; "a book on her divorce", "a talk about Tom's cancer" (theirs) are not.
WORKS = frozenset(
    {"book", "novel", "film", "movie", "documentary", "podcast", "article", "essay"}
    | {"paper", "talk", "lecture", "course", "class", "series", "show", "play", "study"}
    | {"research", "exhibition", "exhibit", "poem", "song", "album", "blog", "post"}
    | {"keynote", "panel", "workshop", "report", "thesis", "memoir", "biography"}
)
# "looking for a (new) job", "a job search": personal, however phrased.
SENSITIVE_PHRASES = (
    "looking for a job",
    "looking for a new job",
    "job search",
    "new job hunt",
    "green card",
    "stock options",
    "job hunt",
    "heart attack",
    "panic attack",
    "broken leg",
    "broken arm",
    "hair loss",
    "medical leave",
    "sick leave",
    "notice period",
    "coming out",
    "support group",
    "pay rise",
    "pay raise",
    "pay cut",
    "tax return",
    "credit score",
    "passed away",
    "laid off",
    "performance review",
    "performance plan",
    "criminal record",
    "sunday mass",
    "love life",
    "sex life",
    "weight loss",
)
# "ex-husband", "ex-wife": any "ex-" is personal.
SENSITIVE_PREFIXES = ("ex-",)
# Every word of something personal (a plural or possessive of one counts too).
PERSONAL_WORDS = SENSITIVE | MONEY | HEALTH | FAMILY_TROUBLE | LEGAL | RELIGION | SEX | POLITICS
# Words that make a work's subject someone's own ("a book on her divorce").
OWNERS = frozenset({"her", "his", "their", "hers", "theirs", "my", "your", "our", "own"})
# Function words of other languages: Kith reshapes English only.
FOREIGN = frozenset(
    {"su", "sobre", "los", "las", "del", "und", "der", "die", "das", "mit", "über", "sur"}
    | {"avec", "et", "il", "di", "che", "per", "sul", "una", "el", "och", "het", "een"}
)
# "his", "her", "their" in other languages: one is enough to say the phrase speaks of them
# in words Kith cannot turn to "your" ("la boda de su hermana" said to her is about her).
FOREIGN_POSSESSIVES = frozenset(
    {"su", "sus", "seu", "seus", "sua", "suas", "suo", "suoi", "ses", "leur", "leurs"}
    | {"sein", "seine", "seinen", "seinem", "seiner", "ihr", "ihre", "ihren", "ihrem", "ihrer"}
    | {"zijn", "haar", "hennes", "sitt", "jego", "jej"}
)
# Something personal in the languages a new user mixed in most (Spanish, French, German,
# Italian, Portuguese, Dutch), as the start of a word, since German joins words
# ("Krebsdiagnose"); none starts an English word that is not itself personal.
SENSITIVE_STEMS = (
    *("krebs", "cáncer", "cancro", "kanker", "diagnose", "diagnóstic", "krank", "enferm"),
    *("malad", "malatt", "ziek", "ospedal", "krankenhaus", "klinik", "cirug", "chirurg"),
    *("operación", "schwanger", "embaraz", "enceinte", "grávid", "incinta", "zwanger"),
    *("scheidung", "divorc", "divorz", "trennung", "scheiding", "beerdigung", "funer"),
    *("entierro", "enterrement", "begrafenis", "trauer", "deuil", "lutto", "muerte"),
    *("arbeitslos", "kündigung", "gekündigt", "despid", "chômage", "desempleo", "ontslag"),
    *("werkloos", "schulden", "deuda", "dívida", "gehalt", "salario", "salaire", "stipendio"),
    *("sueldo", "depresi", "dépression", "depressi", "terapi", "thérapi", "therapie"),
    *("adicci", "dipendenz", "verslav", "abtreibung", "aborto", "avortement", "abortus"),
)
# Small words of grammar that Title Case capitalises: "Her Talk On The Future Of Sync".
GRAMMAR = frozenset({"and", "of", "for", "to", "with", "or", "the", "a", "an", "from", "into"})
# Words too slight to say anything back alone.
SLIGHT = frozenset(
    {"ok", "okay", "lol", "yes", "no", "hi", "hey", "yeah", "nah", "hmm", "meh", "it", "me"}
    | {"i", "you", "we", "they", "she", "he", "a", "an", "the", "this", "that", "x", "etc"}
)
# A whole sentence a claim note says back is at most this long, so a 200-character note has
# room for its greeting, where you met and the wish to stay in touch [H].
MAX_REMARK_CHARS = 120
# Words that say something was told in confidence (trial 6: "I enjoyed our chat about your
# secret startup."): a phrase with one, in an aside too, is never said back.
SECRECY = frozenset({"secret", "secretly", "confidential", "hush-hush"})
# ... and that it is kept from someone ("Will you be at Surprise party for Tom?" to Tom): an
# event so named is never named in a draft, to anyone.
SURPRISES = frozenset({"surprise", "surprises"})
SECRECY_PHRASES = ("off the record", "off-the-record", "under wraps", "don't tell", "dont tell")
# ... except where the secret is the game everyone plays: "Office Secret Santa".
OPEN_SECRETS = ("secret santa",)
# Health matters the lists above missed, which trial 6 found said back ("I enjoyed our chat
# about your suicide attempt."): words, and the endings of procedures and conditions
# ("vasectomy", "colonoscopy", "endometriosis", "radiotherapy", "hepatitis").
HEALTH_MORE = frozenset(
    {"suicide", "suicidal", "overdose", "overdosed", "self-harm", "hiv", "aids", "std", "stds"}
    | {"sti", "stis", "erectile", "impotence", "sperm", "biopsy", "mri", "wheelchair", "ocd"}
    | {"bipolar", "insomnia", "migraine", "migraines", "lupus", "operation", "transplant"}
    | {"dialysis", "infertility", "menopause", "seizure", "seizures", "epilepsy", "ptsd"}
    | {"trauma", "tumour", "tumor", "tumours", "tumors", "hearing", "disabilities", "miscarry"}
)
HEALTH_ENDINGS = ("ectomy", "oscopy", "otomy", "therapy", "osis", "itis")
HEALTH_PHRASES = (
    "scan results",
    "test results",
    "blood test",
    "knee replacement",
    "hip replacement",
)
