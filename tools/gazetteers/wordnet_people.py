"""Notable people from WordNet 3.0 (Debian wordnet-base): the instance
synsets of the noun.person lexicographer file (lex_filenum 18) that have an
"@i" (instance hypernym) pointer, i.e. named individuals such as
Abraham_Lincoln, whose gloss dates them (a year in the gloss, which leaves
out mythical and fictional beings).  python3 stdlib only."""
import re

PERSON_LEXFILE = "18"
# Lemma prefixes that are titles: such a lemma is an alias, never the name.
TITLES = {"Sir", "Saint", "St.", "President", "King", "Queen", "Pope", "Lord", "Lady",
          "General", "Mother", "Dame", "Prince", "Princess", "Emperor", "Empress", "Czar",
          "Tsar", "Mahatma", "Mrs.", "Mr.", "Dr.", "Captain", "Admiral", "Brother", "Sister",
          "Father", "Rabbi", "Cardinal", "Baron", "Baroness", "Duke", "Duchess", "Earl",
          "Marshal", "Field_Marshal", "Chief", "Rev.", "Reverend", "Gentleman", "Colonel",
          "Major", "Senator", "Governor", "Ayatollah", "Imam", "Bishop", "Archbishop",
          "Kaiser", "Sultan", "Shah", "Count", "Countess", "Marquis", "Viscount",
          # ordinals of peerages ("Third Baron Rayleigh")
          "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth",
          "Ninth", "Tenth", "1st", "2nd", "3rd", "4th", "5th"}
# Epithets and nicknames that start with an article are never names or
# aliases ("El Libertador" for Simon Bolivar would make "El Niño" a name).
ARTICLES = {"El", "La", "Le", "Les", "Los", "Las", "Il", "Lo", "The", "Der", "Die", "Das"}
PARTICLES = {"de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "of",
             "the", "la", "le", "y", "al", "el", "bin", "ibn", "ben", "dos", "das", "do",
             "ter", "zu", "und", "e", "af", "av"}
# Gender cues in a gloss.  Only words that describe the subject itself:
# subject pronouns, gendered nouns for what the person was, and kinship
# words only in "X of" ("wife of Henry VIII", not "his wife").  Object and
# possessive pronouns (him, his, her) are not used: they often refer to
# someone else ("married John Lennon and collaborated with him").
MALE = {"he", "himself", "king", "prince", "emperor", "actor", "businessman", "statesman",
        "congressman", "nobleman", "sportsman", "chairman", "man", "monk", "priest", "pope",
        "sultan", "czar", "tsar", "pharaoh", "duke", "earl", "baron", "marquis", "viscount",
        "knight", "friar", "abbot", "schoolboy", "boy", "emir", "caliph", "shah"}
FEMALE = {"she", "herself", "queen", "princess", "empress", "actress", "businesswoman",
          "stateswoman", "congresswoman", "sportswoman", "chairwoman", "woman", "heroine",
          "nun", "abbess", "duchess", "countess", "baroness", "marchioness", "songstress",
          "poetess", "suffragette", "ballerina", "girl", "dame", "aviatrix", "prioress"}
MALE_OF = {"son", "father", "brother", "husband", "grandson", "nephew", "uncle", "widower"}
FEMALE_OF = {"daughter", "mother", "sister", "wife", "granddaughter", "niece", "aunt",
             "widow", "mistress", "consort"}
YEAR_RE = re.compile(r"\b(?:born |died |flourished )?(?:in |about |around )?(\d{3,4})\b")
MIN_COUNTRY_YEAR = 1750  # country only for people born (or dated) from then on


def read_synsets(path):
    """Yield (words, hypernym_is_instance, gloss) for noun.person synsets."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):
                continue
            head, _, gloss = line.partition(" | ")
            p = head.split(" ")
            if p[1] != PERSON_LEXFILE:
                continue
            wc = int(p[3], 16)
            words = [p[4 + 2 * i] for i in range(wc)]
            i = 4 + 2 * wc
            pc = int(p[i])
            ptrs = [p[i + 1 + 4 * j] for j in range(pc)]
            if "@i" not in ptrs:
                continue
            yield words, gloss.strip()


def common_words(wn_dir):
    """Every lower-case lemma of WordNet (any part of speech)."""
    out = set()
    for pos in ("noun", "verb", "adj", "adv"):
        with open("%s/data.%s" % (wn_dir, pos), encoding="utf-8") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                p = line.split(" ")
                for i in range(int(p[3], 16)):
                    w = re.sub(r"\(.*\)$", "", p[4 + 2 * i])
                    if w.islower():
                        out.add(w.replace("_", " "))
    return out


def is_name(tokens):
    return (len(tokens) >= 2 and tokens[0][:1].isupper() and tokens[-1][:1].isupper()
            and all(t[:1].isupper() or t in PARTICLES for t in tokens)
            and all(re.fullmatch(r"[^\W\d_]+(?:[-'.][^\W\d_]*)*\.?|[IVX]+", t) for t in tokens))


def gender_of(gloss):
    text = gloss.lower()
    words = set(re.findall(r"[a-z']+", text))
    of = set(re.findall(r"\b([a-z]+) of\b", text))
    m = bool(words & MALE or of & MALE_OF)
    f = bool(words & FEMALE or of & FEMALE_OF)
    return "m" if m and not f else "f" if f and not m else ""


def country_of(gloss, nationality):
    """nationality: list of (prefix, cc), longest first.  The gloss must start
    with the nationality and date the person from MIN_COUNTRY_YEAR on."""
    y = YEAR_RE.search(gloss)
    if not y or int(y.group(1)) < MIN_COUNTRY_YEAR or re.search(r"\bBC\b", gloss):
        return ""
    for prefix, cc in nationality:
        if gloss.startswith(prefix + " "):
            return cc
    return ""


def people(data_noun, wn_dir, nationality, given=frozenset(), surnames=frozenset()):
    """Rows [name, aliases(list), gender, office, country]; every alias is
    still to be checked for clashes by the caller.  A one-word alias is kept
    only if it is neither a common word (a lower-case WordNet lemma), nor a
    given name, nor a known surname or name part (given, surnames:
    casefolded; the census surnames and the cspell name parts), so
    "Brezhnev" may stay while "Teresa", "Sanchez", "Pauli" go."""
    common = common_words(wn_dir)
    rows = []
    for words, gloss in read_synsets(data_noun):
        if not YEAR_RE.search(gloss):
            continue
        lemmas = [w.replace("_", " ") for w in words]
        full = [l for l in lemmas if is_name(l.split(" ")) and l.split(" ")[0] not in TITLES
                and l.split(" ")[0] not in ARTICLES]
        if not full:
            continue
        name = sorted(full, key=lambda l: (-len(l.split(" ")), -len(l), l))[0]
        aliases = []
        for l in lemmas:
            if l == name:
                continue
            toks = l.split(" ")
            if len(toks) == 1:
                if l.lower() in common or l.casefold() in given or l.casefold() in surnames or not re.fullmatch(r"[A-Z][^\W\d_]+(?:[-'][^\W\d_]+)*", l):
                    continue
            elif not (is_name(toks) or (toks[0] in TITLES and is_name(toks[1:] + ["X"]))):
                continue
            if toks[0] in ARTICLES:  # epithets such as "El Libertador"
                continue
            aliases.append(l)
        rows.append([name, aliases, gender_of(gloss), "", country_of(gloss, nationality)])
    return rows
