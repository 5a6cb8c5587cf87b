"""How well two authorities would fit as twinning partners: the score, and the reasons shown.

A Profile is what the finder knows of an authority: the themes it seeks and offers, its
population, the languages its team works in, the programme it is interested in, and where it
is. An open request gives all of these; a signatory without a request gets a profile from the
directory (the themes of its past twinnings and commitments, offered as experience, and its
country's official languages).

The score of a candidate for a target is a sum of five parts, 100 at most, plus an optional
sixth:

    themes        40 x |I_t ∩ I_c| / |I_t ∪ I_c|          I = sought ∪ offered (Jaccard index)
    complement    30 x (|S_t ∩ O_c| + |O_t ∩ S_c|) / (|S_t| + |S_c|), at most 1
                       one offers what the other seeks, as a share of everything sought
    population    15 x max(0, 1 - |log10(p_t / p_c)| / 2)  equal = 15, ten times = 7.5, a hundred = 0
    languages     10 if the teams share a working language
    programme      5 if both name the same programme (not "other")
    distance      10 x max(0, 1 - km / 2000)               only when asked for (near=True)

A candidate with no theme in common with the target is no suggestion at all, however close
its population or language (complementary themes are themes in common too: what one seeks
and the other offers is in both sets of interests). An authority is never suggested to itself.
Ties are broken by kind (requests before authorities, as they say what they seek) and by id.

Everything here is plain Python on prepared data, no database: ranking 12,000 candidates is
a loop over integers (themes and languages as bit masks), a few milliseconds; see bench.py.
"""

import heapq
import math
from dataclasses import dataclass, field

W_THEMES = 40
W_COMPLEMENT = 30
W_POPULATION = 15
W_LANGUAGES = 10
W_PROGRAMME = 5
W_DISTANCE = 10
DISTANCE_HORIZON_KM = 2000
#: Populations at most this many times apart are called "similar" in the reasons.
SIMILAR_POPULATION_RATIO = 2.0

REQUEST = "request"
AUTHORITY = "authority"
OTHER_PROGRAMME = "other"
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True, slots=True)
class Profile:
    """What is known of one authority looking for partners (or one that could be found)."""

    kind: str  # REQUEST or AUTHORITY
    id: int  # the request's id, or the signatory page's id
    authority: str  # identity of the authority: the same for its request and its directory profile
    sought: frozenset = frozenset()
    offered: frozenset = frozenset()
    population: int | None = None
    languages: frozenset = frozenset()
    programme: str = ""
    country: str = ""
    latitude: float | None = None
    longitude: float | None = None

    @property
    def interests(self):
        return self.sought | self.offered


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a candidate is suggested: a code and its values, put into words by the page."""

    code: str  # themes, offers, seeks, population, languages, programme, distance
    values: tuple = ()


@dataclass
class Match:
    profile: Profile
    score: float
    parts: dict = field(default_factory=dict)
    reasons: list = field(default_factory=list)


def distance_km(a, b):
    """Great-circle distance between two profiles, or None without coordinates."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return _haversine(
        math.radians(a.latitude), math.radians(a.longitude), math.radians(b.latitude), math.radians(b.longitude)
    )


def _haversine(lat1, lon1, lat2, lon2):
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def population_similarity(a, b):
    """1 for equal populations, 0.5 ten times apart, 0 a hundred times apart or unknown."""
    if not a or not b:
        return 0.0
    return max(0.0, 1 - abs(math.log10(a / b)) / 2)


def score_parts(target, candidate, *, near=False):
    """{part: points} of `candidate` for `target`, as the module's docstring defines them.

    The reference implementation: `Pool.rank` computes the same numbers on bit masks.
    """
    interests_t, interests_c = target.interests, candidate.interests
    union = interests_t | interests_c
    parts = {
        "themes": W_THEMES * len(interests_t & interests_c) / len(union) if union else 0.0,
        "complement": 0.0,
        "population": W_POPULATION * population_similarity(target.population, candidate.population),
        "languages": W_LANGUAGES if target.languages & candidate.languages else 0.0,
        "programme": W_PROGRAMME if _same_programme(target.programme, candidate.programme) else 0.0,
    }
    sought = len(target.sought) + len(candidate.sought)
    if sought:
        met = len(target.sought & candidate.offered) + len(target.offered & candidate.sought)
        parts["complement"] = W_COMPLEMENT * min(1.0, met / sought)
    if near:
        km = distance_km(target, candidate)
        parts["distance"] = W_DISTANCE * max(0.0, 1 - km / DISTANCE_HORIZON_KM) if km is not None else 0.0
    return parts


def score(target, candidate, *, near=False):
    """The candidate's score for the target, or None when it is no suggestion at all."""
    if target.authority == candidate.authority or not target.interests & candidate.interests:
        return None
    return sum(score_parts(target, candidate, near=near).values())


def _same_programme(a, b):
    return bool(a) and a == b and a != OTHER_PROGRAMME


def reasons_for(target, candidate, *, near=False, theme_order=None):
    """The reasons shown with a suggestion, most telling first."""
    order = theme_order or {}

    def themes(slugs):
        return tuple(sorted(slugs, key=lambda slug: (order.get(slug, len(order)), slug)))

    reasons = []
    shared = target.interests & candidate.interests
    if shared:
        reasons.append(Reason("themes", themes(shared)))
    offers = target.sought & candidate.offered
    if offers:
        reasons.append(Reason("offers", themes(offers)))
    seeks = target.offered & candidate.sought
    if seeks:
        reasons.append(Reason("seeks", themes(seeks)))
    if target.population and candidate.population:
        ratio = max(target.population, candidate.population) / min(target.population, candidate.population)
        if ratio <= SIMILAR_POPULATION_RATIO:
            reasons.append(Reason("population", (target.population, candidate.population)))
    languages = target.languages & candidate.languages
    if languages:
        reasons.append(Reason("languages", tuple(sorted(languages))))
    if _same_programme(target.programme, candidate.programme):
        reasons.append(Reason("programme", (candidate.programme,)))
    if near:
        km = distance_km(target, candidate)
        if km is not None:
            reasons.append(Reason("distance", (round(km),)))
    return reasons


class Pool:
    """Candidates prepared for fast ranking: themes and languages as bit masks.

    Build it once (the finder caches it, see pool.py) and rank any number of targets against
    it; a target need not be in the pool.
    """

    def __init__(self, profiles, theme_order=None):
        self.theme_order = dict(theme_order or {})
        self._theme_bits = {}
        self._language_bits = {}
        self._programme_ids = {}
        # Plain tuples of numbers and strings: quick to loop over, and to pickle into the shared
        # cache and back; a Profile is made again only for the few candidates a ranking returns.
        self._rows = [self._compile(profile) for profile in profiles]

    def __len__(self):
        return len(self._rows)

    @property
    def profiles(self):
        return [self._profile(row) for row in self._rows]

    def _bits(self, table, values):
        mask = 0
        for value in values:
            bit = table.get(value)
            if bit is None:
                bit = table[value] = 1 << len(table)
            mask |= bit
        return mask

    def _compile(self, profile):
        programme = 0
        if profile.programme and profile.programme != OTHER_PROGRAMME:
            programme = self._programme_ids.setdefault(profile.programme, len(self._programme_ids) + 1)
        has_place = profile.latitude is not None and profile.longitude is not None
        sought = self._bits(self._theme_bits, profile.sought)
        offered = self._bits(self._theme_bits, profile.offered)
        return (
            sought | offered,
            sought,
            offered,
            sought.bit_count(),
            math.log10(profile.population) if profile.population else None,
            self._bits(self._language_bits, profile.languages),
            programme,
            math.radians(profile.latitude) if has_place else None,
            math.radians(profile.longitude) if has_place else None,
            profile.authority,
            0 if profile.kind == REQUEST else 1,
            profile.id,
            # Kept as given, for the Profile made again from this row.
            profile.population,
            profile.programme,
            profile.country,
            profile.latitude if has_place else None,
            profile.longitude if has_place else None,
        )

    @staticmethod
    def _values(table, mask):
        return frozenset(value for value, bit in table.items() if mask & bit)

    def _profile(self, row):
        return Profile(
            kind=REQUEST if row[10] == 0 else AUTHORITY,
            id=row[11],
            authority=row[9],
            sought=self._values(self._theme_bits, row[1]),
            offered=self._values(self._theme_bits, row[2]),
            population=row[12],
            languages=self._values(self._language_bits, row[5]),
            programme=row[13],
            country=row[14],
            latitude=row[15],
            longitude=row[16],
        )

    def rank(self, target, *, limit=10, near=False, kind=None, exclude_countries=(), only_countries=()):
        """The best `limit` Matches for `target`, with their reasons, best first.

        `kind` keeps only requests or only authorities; `only_countries` / `exclude_countries`
        restrict the candidates' countries.
        """
        # A target outside the pool may name themes or languages no candidate has: they match
        # nobody, but the target's themes still count in the union of the Jaccard index.
        t_sought = self._known(self._theme_bits, target.sought)
        t_offered = self._known(self._theme_bits, target.offered)
        t_interests = t_sought | t_offered
        t_unknown = len(target.interests) - t_interests.bit_count()
        t_sought_count = len(target.sought)
        t_languages = self._known(self._language_bits, target.languages)
        t_log = math.log10(target.population) if target.population else None
        t_programme = self._programme_ids.get(target.programme, -1) if target.programme != OTHER_PROGRAMME else -1
        has_place = near and target.latitude is not None and target.longitude is not None
        t_lat = math.radians(target.latitude) if has_place else 0.0
        t_lon = math.radians(target.longitude) if has_place else 0.0
        t_authority = target.authority
        kind_rank = {REQUEST: 0, AUTHORITY: 1}.get(kind)
        only = set(only_countries)
        excluded = set(exclude_countries)
        check_country = bool(only or excluded)

        scored = []
        for index, row in enumerate(self._rows):
            c_interests = row[0]
            shared = t_interests & c_interests
            if not shared:
                continue
            (
                _i,
                c_sought,
                c_offered,
                c_sought_count,
                c_log,
                c_languages,
                c_programme,
                c_lat,
                c_lon,
                c_authority,
                c_kind,
                c_id,
                _population,
                _programme_name,
                country,
                _latitude,
                _longitude,
            ) = row
            if c_authority == t_authority or (kind_rank is not None and c_kind != kind_rank):
                continue
            if check_country and ((only and country not in only) or country in excluded):
                continue
            total = W_THEMES * shared.bit_count() / ((t_interests | c_interests).bit_count() + t_unknown)
            sought = t_sought_count + c_sought_count
            if sought:
                met = (t_sought & c_offered).bit_count() + (t_offered & c_sought).bit_count()
                if met:
                    total += W_COMPLEMENT * min(1.0, met / sought)
            if t_log is not None and c_log is not None:
                gap = abs(t_log - c_log)
                if gap < 2:
                    total += W_POPULATION * (1 - gap / 2)
            if t_languages & c_languages:
                total += W_LANGUAGES
            if c_programme and c_programme == t_programme:
                total += W_PROGRAMME
            if has_place and c_lat is not None:
                km = _haversine(t_lat, t_lon, c_lat, c_lon)
                if km < DISTANCE_HORIZON_KM:
                    total += W_DISTANCE * (1 - km / DISTANCE_HORIZON_KM)
            scored.append((round(total, 6), -c_kind, -c_id, index))

        best = heapq.nlargest(limit, scored)
        matches = []
        for total, _kind, _id, index in best:
            candidate = self._profile(self._rows[index])
            matches.append(
                Match(
                    profile=candidate,
                    score=total,
                    parts=score_parts(target, candidate, near=near),
                    reasons=reasons_for(target, candidate, near=near, theme_order=self.theme_order),
                )
            )
        return matches

    @staticmethod
    def _known(table, values):
        mask = 0
        for value in values:
            mask |= table.get(value, 0)
        return mask
