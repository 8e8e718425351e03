"""The demo annotation set of the sample article (claims, sources, denials, evidence,
actors, links and verdicts), built with :class:`~annotator.core.project.Project`
methods only.

``scripts/make_demo_set.py`` runs it on a fresh database and writes
``resources/samples/kim-putin-alliance.annotations.jsonld``; the README's board
screenshot uses the same function. :func:`colleague_sets` makes two colleagues' versions
of it with deliberate differences (``scripts/make_colleague_sets.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.domain.errors import NotFound

if TYPE_CHECKING:
    from annotator.core.project import Project

#: the actors and their other names
ACTORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("United States", ("US", "Washington")),
    ("North Korea", ("DPRK", "Pyongyang")),
    ("Russia", ("Moscow",)),
    ("Kim Jong Un", ("Kim",)),
    ("Vladimir Putin", ("Putin",)),
)

#: key, tag, quote (its first occurrence unless OCCURRENCE says otherwise), actor, note
SPANS: tuple[tuple[str, str, str, str | None, str], ...] = (
    # paragraph 1: the summit, as media reported it
    ("kim_alliance", "Claim", "new, high level of alliance", "Kim Jong Un", ""),
    ("media_reported", "Source", "media reported", None, "Unnamed media."),
    # paragraph 2: Putin on the pact, via RIA Novosti
    (
        "putin_pact",
        "Claim",
        "a new comprehensive strategic partnership pact would form the basis of relations "
        "for years to come",
        "Vladimir Putin",
        "",
    ),
    ("ria", "Source", "a correspondent from Russia’s RIA Novosti news agency", "RIA Novosti", ""),
    # paragraph 3: Kim on the pact, from the video
    ("kim_historic", "Claim", "the pact signed by the two leaders was historic", "Kim Jong Un", ""),
    (
        "video",
        "Source",
        "according to a video of summit remarks released by media outlets",
        None,
        "",
    ),
    # paragraphs 4-5: Kim in his own words
    (
        "kim_support",
        "Claim",
        "In the future, we will continue to strengthen and deepen strategic communication with "
        "the Russian leadership and Russia and unconditionally support all of Russia’s policies, "
        "regardless of the complex international situation",
        "Kim Jong Un",
        "A pledge rather than a checkable fact.",
    ),
    ("kim_said", "Source", "Kim said", "Kim Jong Un", ""),
    (
        "kim_all_time_high",
        "Claim",
        "at an all-time high, unparalleled even in the past relations with the Soviet Union",
        "Kim Jong Un",
        "",
    ),
    ("kim_said_relations", "Source", "Kim said", "Kim Jong Un", ""),
    # paragraph 7: Putin quoted by Russian media, via AFP
    (
        "putin_appreciate",
        "Claim",
        "We very much appreciate your systematic and permanent support of Russian policy, "
        "including on the Ukrainian issue",
        "Vladimir Putin",
        "",
    ),
    ("russian_media", "Source", "Russian media quoted Putin as telling Kim", "Russian media", ""),
    ("afp", "Source", "AFP reported", "AFP", ""),
    # paragraph 8: the United States' claims and the denials
    ("us_says", "Source", "The United States says", "United States", ""),
    (
        "us_weapons",
        "Claim",
        "North Korea has supplied Russia with large amounts of weapons for its war in Ukraine",
        "United States",
        "",
    ),
    ("us_artillery", "Claim", "artillery rounds", "United States", ""),
    ("us_missiles", "Claim", "ballistic missiles", "United States", ""),
    (
        "denial_russia",
        "Denial",
        "both Russia and North Korea deny that",
        "Russia",
        "One sentence, two deniers: one annotation per actor, so the board lists both.",
    ),
    ("denial_north_korea", "Denial", "both Russia and North Korea deny that", "North Korea", ""),
    # paragraph 9-10: the suspected help with the space programme, and the launches
    (
        "space_help",
        "Claim",
        "North Korea is suspected of getting Russian technological assistance for its space "
        "program",
        "United States",
        "The article does not say who suspects this; it follows the US statement.",
    ),
    (
        "launch_failed",
        "Evidence",
        "the North’s attempt to launch a military spy satellite ended in failure with the "
        "rocket exploding on liftoff",
        None,
        "Weighs against effective help, without ruling it out.",
    ),
    (
        "launch_succeeded",
        "Evidence",
        "North Korea successfully placed a spy satellite into orbit",
        None,
        "Context only: a success after failures is consistent with outside help, not proof of it.",
    ),
    # Putin on the friendship
    (
        "putin_friendship",
        "Claim",
        "Russia and North Korea have been tied for several decades by a solid friendship and "
        "close neighborhood [relations]",
        "Vladimir Putin",
        "",
    ),
    ("said_putin", "Source", "said Putin", "Vladimir Putin", ""),
    # analysts and experts
    (
        "analysts_claim",
        "Claim",
        "boosts a relationship that offers Pyongyang an alternative to its close ties to Beijing",
        "Analysts",
        "",
    ),
    ("analysts_say", "Source", "analysts say", "Analysts", "Unnamed analysts."),
    (
        "experts_claim",
        "Claim",
        "the two leaders could discuss North Korean workers going to Russia",
        "Experts",
        "",
    ),
    ("experts_said", "Source", "Experts said", "Experts", "Unnamed experts."),
)

#: quotes that are not meant at their first occurrence
OCCURRENCE: dict[str, int] = {"kim_said": 2, "kim_said_relations": 3}

#: (from, to, relation type)
LINKS: tuple[tuple[str, str, str], ...] = (
    ("kim_alliance", "media_reported", "attributed_to"),
    ("putin_pact", "ria", "attributed_to"),
    ("kim_historic", "video", "attributed_to"),
    ("kim_support", "kim_said", "attributed_to"),
    ("kim_all_time_high", "kim_said_relations", "attributed_to"),
    ("putin_appreciate", "russian_media", "attributed_to"),
    ("putin_appreciate", "afp", "attributed_to"),
    ("us_weapons", "us_says", "attributed_to"),
    ("us_artillery", "us_says", "attributed_to"),
    ("us_missiles", "us_says", "attributed_to"),
    ("denial_russia", "us_weapons", "denies"),
    ("denial_russia", "us_artillery", "denies"),
    ("denial_russia", "us_missiles", "denies"),
    ("denial_north_korea", "us_weapons", "denies"),
    ("denial_north_korea", "us_artillery", "denies"),
    ("denial_north_korea", "us_missiles", "denies"),
    ("launch_failed", "space_help", "contradicts"),
    ("launch_succeeded", "space_help", "supports"),
    ("putin_friendship", "said_putin", "attributed_to"),
    ("analysts_claim", "analysts_say", "attributed_to"),
    ("experts_claim", "experts_said", "attributed_to"),
)

#: (claim, rating, explanation)
VERDICTS: tuple[tuple[str, str, str], ...] = (
    (
        "us_weapons",
        "Mostly true",
        "Consistent with public reporting by several governments and independent researchers "
        "on North Korean munitions in Russia's war in Ukraine; the amounts are not "
        "independently established.",
    ),
    (
        "kim_all_time_high",
        "Unproven",
        "A judgement of the state of relations; no public record can settle it either way.",
    ),
)


def _ensure_actors(project: Project) -> None:
    for name, aliases in ACTORS:
        try:
            current = project.actor(name)
        except NotFound:
            current = None
        if current is None:
            project.create_actor(name, aliases)
        else:
            wanted = [*current.aliases, *(a for a in aliases if a not in current.aliases)]
            project.update_actor(current.id, aliases=wanted)


def annotate_sample(project: Project, article_id: str) -> dict[str, str]:
    """Annotate the sample article completely; returns the annotation ids by key.

    The order of creation is fixed, so two runs differ only in ids and times.
    """
    return _annotate(project, article_id, SPANS, LINKS, VERDICTS)


def _annotate(
    project: Project,
    article_id: str,
    spans: tuple[tuple[str, str, str, str | None, str], ...],
    links: tuple[tuple[str, str, str], ...],
    verdicts: tuple[tuple[str, str, str], ...],
) -> dict[str, str]:
    article = project.article(article_id)
    _ensure_actors(project)
    ids: dict[str, str] = {}
    for key, tag, quote, actor, note in spans:
        made = project.annotate_quote(
            article.id, quote, tag, occurrence=OCCURRENCE.get(key, 1), actor=actor, note=note
        )
        ids[key] = made.id
    for source, target, kind in links:
        if source in ids and target in ids:
            project.link(ids[source], ids[target], kind)
    for claim, rating, explanation in verdicts:
        if claim in ids:
            project.set_verdict(ids[claim], rating, explanation)
    return ids


# --- two colleagues' sets (the comparison and agreement demo) ------------------------------

#: the two colleagues; A annotates the demo set as it is, B differs on purpose
COLLEAGUES = ("Dana", "Min-jun")

#: B leaves out this claim (and its link)
B_MISSING = "kim_historic"
#: B gives this span another tag (its supports link no longer fits and is left out)
B_RETAGGED = {"launch_succeeded": "Claim"}
#: B draws these spans with other boundaries (the quote B tags instead)
B_BOUNDS = {
    "us_weapons": "North Korea has supplied Russia with large amounts of weapons",
    "ria": "Russia’s RIA Novosti news agency",
}
#: B tags one more passage
B_EXTRA: tuple[str, str, str, str | None, str] = (
    "kim_peace",
    "Claim",
    "the most significant strategic step for world peace and security",
    "Kim Jong Un",
    "",
)


def colleague_spans() -> tuple[tuple[str, str, str, str | None, str], ...]:
    """B's spans: the demo set with one claim missing, one span retagged, two spans with
    other boundaries and one extra claim."""
    out = []
    for key, tag, quote, actor, note in SPANS:
        if key == B_MISSING:
            continue
        out.append((key, B_RETAGGED.get(key, tag), B_BOUNDS.get(key, quote), actor, note))
    return (*out, B_EXTRA)


def colleague_sets(
    project_a: Project, project_b: Project, article_a: str, article_b: str
) -> tuple[dict[str, str], dict[str, str]]:
    """Annotate the sample article twice, in two projects (one per colleague, e.g. "Dana"
    and "Min-jun"): A the whole demo set, B with deliberate differences (see
    :func:`colleague_spans`). Returns both id maps by key."""
    ids_a = annotate_sample(project_a, article_a)
    b_links = tuple((s, t, k) for s, t, k in LINKS if not {s, t} & {B_MISSING, *B_RETAGGED})
    ids_b = _annotate(project_b, article_b, colleague_spans(), b_links, VERDICTS)
    return ids_a, ids_b
