"""Build newsevents' actor data files from the Phoenix dictionaries and pycountry.

Reads the PETRARCH-format Phoenix dictionaries (Open Event Data Alliance, MIT licence;
the notice is kept in ``src/newsevents/data/actors/LICENSE-phoenix-dictionaries.txt``)
and writes our compact TSV files:

* ``actors.tsv``    named people and organisations with dated CAMEO codes
* ``agents.tsv``    generic agent nouns ("police", "student") with their CAMEO agent code
* ``countries.tsv`` country names and aliases (pycountry names + Phoenix country entries)

Hand-written files next to them (``*_extra.tsv``, ``titles.tsv``, ``seats.tsv``,
``sectors.tsv``) are not touched. Re-run after updating the sources::

    python tools/build_actor_dictionary.py --phoenix ../shared/reference/phoenix_dictionaries
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pycountry

from newsevents.actordict import (
    ACTOR_DATA,
    ActorDictionary,
    AgentDictionary,
    parse_petrarch_actors,
    parse_petrarch_agents,
    phrase_keys,
    write_actor_tsv,
    write_agent_tsv,
)

ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
SOURCE_NOTE = (
    "# Converted by tools/build_actor_dictionary.py from the Phoenix dictionaries\n"
    "# (Open Event Data Alliance, MIT licence: see LICENSE-phoenix-dictionaries.txt).\n"
)
ACTORS_HEADER = (
    "# Named actors with dated CAMEO codes.\n"
    + SOURCE_NOTE
    + "# Format: tab-separated  id  code  start  end  names\n"
    "#   id     canonical actor id (upper case, words joined by _)\n"
    "#   code   CAMEO-style code (country + sector, e.g. USAGOV); empty = no code\n"
    "#   start  first day the code holds (YYYY-MM-DD, empty = open)\n"
    "#   end    day the code stops holding (exclusive, empty = open)\n"
    "#   names  |-separated name patterns, lower-case words; a final * matches the last\n"
    "#          word as a prefix. Further rows with the same id add dated codes.\n"
)
AGENTS_HEADER = (
    "# Generic agent nouns (singular; plurals match through the lemma).\n"
    + SOURCE_NOTE
    + "# Format: tab-separated  pattern  code\n"
    "#   pattern  lower-case words; a final * matches the last word as a prefix\n"
    "#   code     CAMEO agent code: ~COP is appended to the actor's country, NGO~ replaces it\n"
)
COUNTRIES_HEADER = (
    "# Country names and aliases -> ISO 3166 alpha-3 (or the CAMEO code Phoenix uses).\n"
    "# Built by tools/build_actor_dictionary.py from pycountry (names, official and common\n"
    "# names) and the country-level entries of the Phoenix dictionaries (MIT licence).\n"
    "# Format: tab-separated  code  kind  pattern\n"
    "#   kind  name  = the country's own name (an actor when not used as a location)\n"
    "#         alias = other Phoenix alias: demonyms, variant spellings, cities\n"
)


def _country_codes() -> set[str]:
    """ISO alpha-3 codes of current and historic countries (CSK, DDR, SUN, YUG...)."""
    codes = {c.alpha_3 for c in pycountry.countries}
    codes.update(c.alpha_3 for c in pycountry.historic_countries)
    return codes


def split_countries(dictionary: ActorDictionary) -> tuple[ActorDictionary, dict[str, set[str]]]:
    """Move country-level entries (a bare three-letter code) out of the actor dictionary."""
    named = ActorDictionary()
    aliases: dict[str, set[str]] = {}
    for actor in dictionary.actors.values():
        codes = {a.code for a in actor.affiliations if a.code}
        if len(codes) == 1 and next(iter(codes)) in _country_codes():
            code = next(iter(codes))
            aliases.setdefault(code, set()).update(str(p) for p in actor.patterns)
            continue
        named.add(actor)
    return named, aliases


def country_rows(aliases: dict[str, set[str]]) -> list[tuple[str, str, str]]:
    rows: dict[tuple[str, str], str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if not value:
                continue
            # "Bolivia, Plurinational State of" is not how news writes it
            value = value.split(",")[0]
            rows[(country.alpha_3, " ".join(phrase_keys(value)))] = "name"
    for code, patterns in aliases.items():
        for pattern in patterns:
            rows.setdefault((code, pattern), "alias")
    return sorted((code, kind, pattern) for (code, pattern), kind in rows.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phoenix", type=Path, required=True, help="Phoenix dictionaries folder")
    parser.add_argument("--out", type=Path, default=ACTOR_DATA, help="output folder")
    args = parser.parse_args(argv)

    combined = ActorDictionary()
    for name in ACTOR_FILES:
        text = (args.phoenix / name).read_text(encoding="utf-8", errors="replace")
        for actor in parse_petrarch_actors(text).actors.values():
            combined.add(actor)
    named, aliases = split_countries(combined)
    agents: AgentDictionary = parse_petrarch_agents(
        (args.phoenix / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace")
    )

    args.out.mkdir(parents=True, exist_ok=True)
    n_actors = write_actor_tsv(named, args.out / "actors.tsv", ACTORS_HEADER)
    n_agents = write_agent_tsv(agents, args.out / "agents.tsv", AGENTS_HEADER)
    rows = country_rows(aliases)
    with (args.out / "countries.tsv").open("w", encoding="utf-8") as out:
        out.write(COUNTRIES_HEADER)
        for row in rows:
            out.write("\t".join(row) + "\n")
    print(f"actors.tsv {n_actors} rows, agents.tsv {n_agents}, countries.tsv {len(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
