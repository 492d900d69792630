"""What the clause around a codename beside its product kind says (context.NameRule._product): whether
"Nova Sofa" names the unreleased sofa or an ordinary thing that happens to read the same.

A codename is internal because its product is not on sale yet. So a clause that denies the shop carries it
("Ein Nova Sofa führen wir nicht", "Nova Sofas sind nicht im Sortiment"), gives it another maker ("Die
Zedercreme von Weleda"), says it is sold out or in the catalogue ("Der Atlas Schrank aus dem Katalog ist
vergriffen") or lists it among other kinds ("Garten Stuhl und Tisch sind im Set") speaks of an ordinary
product. At a sentence start, two nouns side by side are a name and its kind only where the clause
announces something ("Falke Kamera kommt 2027", "Wiesel Mäher mähen bald auch Hanglagen"): "Kiesel Streu
aus dem Baumarkt ist für Katzen ungeeignet" is the customer's wording. "Noch nicht" / "not yet" is no
denial: it says the product comes. Everything is read within a bounded reach of the hit.
"""

from __future__ import annotations

import re

from safe_reply.validators.trade_secrets.clauses import NEGATION as _NEGATION
from safe_reply.validators.trade_secrets.clauses import clause_bounds as _clause

__all__ = ["announced", "coordinated", "ordinary_product_clause"]

# A negation (clauses.NEGATION) denies the shop carries it; "noch nicht", "not yet", "nicht vor" say it comes.
_NOT_YET = re.compile(
    r"\b(?:noch\s+(?:nicht|keine?[nmrs]?)|nicht\s+vor|(?:not|isn['’]t|aren['’]t|won['’]t)\s+(?:yet|until|before)"
    r"|not\s+\w+\s+(?:yet|until|before))\b",
    re.IGNORECASE,
)
# Times that follow "von", "by", "from" without naming a maker ("by March", "von Anfang an").
_TIME_WORD = (
    r"(?:Jan\w*|Feb\w*|März|Mar\w*|Apr\w*|Mai|May|Jun\w*|Jul\w*|Aug\w*|Sep\w*|Okt\w*|Oct\w*|Nov\w*|Dez\w*|Dec\w*"
    r"|Anfang|Mitte|Ende|Frühjahr|Frühling|Sommer|Herbst|Winter|Weihnachten|Ostern|Christmas|Easter|Q[1-4]"
    r"|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|Ihnen|Hand)\b"
)
# Another maker: "von Weleda", "by Sony", "from GoPro" (a capitalised word that is no time).
_OTHER_MAKER = re.compile(r"\b(?:von|by|from)\s+(?!" + _TIME_WORD + r")[A-Z][\w&.-]*")
# On sale now, so released: sold out, out of print, in the catalogue.
_ON_SALE = re.compile(
    r"\b(?:ausverkauft|vergriffen|\w*katalog\w*|catalog(?:ue)?s?|sold\s+out|out\s+of\s+stock)\b", re.IGNORECASE
)
# A clause that announces or plans: the verbs of a launch, a near future, a plan.
_ANNOUNCING = re.compile(
    r"\b(?:komm(?:t|en)|erschein(?:t|en)|start(?:et|en)|bald|demnächst|geplant|nächste[nmrs]?\s+jahr"
    r"|ab\s+(?:" + _TIME_WORD + r"|20\d\d\b)|launch\w*|releas\w*|(?:is|are)\s+due|coming|comes?|arriv\w*|soon"
    r"|next\s+(?:year|month|spring|summer|autumn|fall|winter)|planned)",
    re.IGNORECASE,
)
# A kind followed by another noun in a list: "Stuhl und Tisch", "chair, table"; not "Kamera und das Zubehör".
_AND_ANOTHER = re.compile(r"\s*(?:,|\s(?:und|and|oder|or|sowie|&))\s+([^\W\d_]+)")
_DETERMINERS = frozenset(
    "der die das den dem des ein eine einen einem einer eines unser unsere unseren unserem ihr ihre the a an "
    "our your its their this that".split()
)


def ordinary_product_clause(text: str, start: int, end: int) -> bool:
    """Does the clause around text[start:end] deny the shop carries it, give it another maker, or say it is
    on sale now (then the codename beside its kind is an ordinary product)?"""
    low, high = _clause(text, start, end)
    clause = text[low:high]
    if _OTHER_MAKER.search(clause) or _ON_SALE.search(clause):
        return True
    return _NEGATION.search(_NOT_YET.sub(" ", clause)) is not None


def announced(text: str, start: int, end: int) -> bool:
    """Does the clause around text[start:end] announce or plan something ("kommt 2027", "launches soon")?"""
    low, high = _clause(text, start, end)
    return _ANNOUNCING.search(text, low, high) is not None


def coordinated(text: str, kind_end: int) -> bool:
    """Is the product kind ending at kind_end one of a list of nouns ("Stuhl und Tisch")?"""
    following = _AND_ANOTHER.match(text, kind_end, min(len(text), kind_end + 40))
    return following is not None and following.group(1).lower() not in _DETERMINERS
