"""One normaliser per rule of ``data/times/patterns.yaml``.

Each takes the :class:`~newsevents.timex.Candidate`, the :class:`~newsevents.timex.Context`
and returns a :class:`~newsevents.timex.Timex` (or None to drop a false match). Rules that
need an anchor return unresolved values when ``ctx.anchor`` is None rather than guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from newsevents.timex import (
    Candidate,
    Context,
    Timex,
    duration_value,
    format_value,
    holiday_date,
    lexicon,
    parse_number,
    pick_year,
    shift,
    unit_info,
    weekday_date,
)

Rule = Callable[[Candidate, Context], "Timex | None"]

BACKWARD = {"last", "past", "previous", "the past", "the last", "the previous", "latest",
            "the latest", "this past"}
FORWARD = {"next", "coming", "the coming", "the next", "the following", "this coming"}


def _make(c: Candidate, value: str | None, kind: str, gran: str | None) -> Timex:
    return Timex(c.start, c.end, c.rule, value, kind, gran)


def _month(name: str) -> int:
    return int(lexicon()["months"][name.lower().rstrip(".")])


def _year(text: str, anchor: dt.date | None) -> int | None:
    text = text.lower()
    if text.isdigit():
        if len(text) == 2:
            century = (anchor.year // 100 * 100) if anchor else 1900
            year = century + int(text)
            return year - 100 if anchor and year > anchor.year + 10 else year
        return int(text)
    if anchor is None:
        return None
    return anchor.year + {"this year": 0, "last year": -1, "next year": 1}.get(text, 0)


def _direction(rel: str | None) -> int:
    rel = (rel or "").lower()
    if rel in BACKWARD:
        return -1
    if rel in FORWARD:
        return 1
    return 0


def iso_date(c: Candidate, ctx: Context) -> Timex | None:
    g = c.groups
    try:
        day = dt.date(int(g["year"]), int(g["month"]), int(g["day"]))
    except ValueError:
        return None
    if "hour" in g:
        return _make(c, f"{day.isoformat()}T{g['hour']}:{g['minute']}", "TIME", "minute")
    return _make(c, day.isoformat(), "DATE", "day")


def numeric_date(c: Candidate, ctx: Context) -> Timex | None:
    g = c.groups
    year = _year(g["year"], ctx.anchor)
    try:
        day = dt.date(year or 0, int(g["month"]), int(g["day"]))
    except ValueError:
        return None
    return _make(c, day.isoformat(), "DATE", "day")


def month_day_year(c: Candidate, ctx: Context) -> Timex | None:
    g = c.groups
    month = _month(g["month"])
    day = int("".join(ch for ch in g["day"] if ch.isdigit()))
    if "year" in g:
        year: int | None = int(g["year"])
    elif ctx.anchor is not None and "weekday" in g:
        year = _year_of_weekday(month, day, g["weekday"], ctx.anchor)
    elif ctx.anchor is not None:
        try:
            year = pick_year(month, day, ctx.anchor, ctx.tense(c.start, c.end))
        except ValueError:
            return None
    else:
        return _make(c, f"XXXX-{month:02d}-{day:02d}", "DATE", "day")
    try:
        return _make(c, dt.date(year or 0, month, day).isoformat(), "DATE", "day")
    except ValueError:
        return None


def _year_of_weekday(month: int, day: int, weekday_name: str, anchor: dt.date) -> int:
    """"Monday, Oct. 26": the year near the anchor in which that day is that weekday."""
    number = int(lexicon()["weekdays"][weekday_name.lower().rstrip(".")])
    fits = []
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        try:
            if dt.date(year, month, day).isoweekday() == number:
                fits.append(year)
        except ValueError:
            continue
    return fits[0] if fits else pick_year(month, day, anchor, None)


def month_year(c: Candidate, ctx: Context) -> Timex | None:
    month = _month(c.groups["month"])
    return _make(c, f"{int(c.groups['year']):04d}-{month:02d}", "DATE", "month")


def _month_in_year(month: int, anchor: dt.date, direction: int, tense: str | None) -> int:
    """The year of a month named without one: by "last"/"next", else by tense, else the
    nearest such month to the anchor (ties go to the past)."""
    if direction < 0 or (direction == 0 and tense == "past"):
        return anchor.year if month < anchor.month or (direction == 0 and month == anchor.month)\
            else anchor.year - 1
    if direction > 0 or tense == "future":
        return anchor.year if month > anchor.month or (direction == 0 and month == anchor.month)\
            else anchor.year + 1
    gap = month - anchor.month
    if gap > 6:
        return anchor.year - 1
    if gap < -6:
        return anchor.year + 1
    return anchor.year


def relative_month(c: Candidate, ctx: Context) -> Timex | None:
    month = _month(c.groups["month"])
    if ctx.anchor is None:
        return _make(c, f"XXXX-{month:02d}", "DATE", "month")
    rel = c.groups["rel"].lower()
    direction = 0 if rel == "this" else _direction(rel)
    year = _month_in_year(month, ctx.anchor, direction, ctx.tense(c.start, c.end))
    return _make(c, f"{year:04d}-{month:02d}", "DATE", "month")


def bare_month(c: Candidate, ctx: Context) -> Timex | None:
    month = _month(c.groups["month"])
    if ctx.anchor is None:
        return _make(c, f"XXXX-{month:02d}", "DATE", "month")
    year = _month_in_year(month, ctx.anchor, 0, ctx.tense(c.start, c.end))
    return _make(c, f"{year:04d}-{month:02d}", "DATE", "month")


def holiday(c: Candidate, ctx: Context) -> Timex | None:
    g = c.groups
    name = g["holiday"]
    if "year" in g:
        found = holiday_date(name, int(g["year"]))
        return _make(c, found.isoformat() if found else None, "DATE", "day")
    if ctx.anchor is None:
        return _make(c, None, "DATE", "day")
    rel = (g.get("rel") or "").lower()
    tense = "past" if rel in BACKWARD else "future" if rel in FORWARD else (
        ctx.tense(c.start, c.end))
    anchor = ctx.anchor
    options = [holiday_date(name, anchor.year + k) for k in (-1, 0, 1)]
    dates = [d for d in options if d is not None]
    if not dates:
        return None
    if tense == "past":
        chosen = max((d for d in dates if d <= anchor), default=dates[0])
    elif tense in ("future", "present"):
        chosen = min((d for d in dates if d >= anchor), default=dates[-1])
    else:
        chosen = min(dates, key=lambda d: (abs((d - anchor).days), d > anchor))
    return _make(c, chosen.isoformat(), "DATE", "day")


def _part_suffix(part: str | None) -> str:
    if not part:
        return ""
    return "T" + str(lexicon()["parts_of_day"][part.lower()])


def weekday(c: Candidate, ctx: Context) -> Timex | None:
    g = c.groups
    number = int(lexicon()["weekdays"][g["weekday"].lower().rstrip(".")])
    suffix = _part_suffix(g.get("part"))
    kind = "TIME" if suffix else "DATE"
    if ctx.anchor is None:
        return _make(c, f"XXXX-WXX-{number}{suffix}", kind, "day")
    rel = (g.get("rel") or "").lower()
    if rel in ("last", "the previous"):
        direction = "last"
    elif rel in ("next", "the following", "this coming"):
        direction = "next"
    elif rel == "this past":
        direction = "back"
    elif rel == "this":
        direction = "back" if ctx.tense(c.start, c.end) == "past" else "forward"
    else:
        direction = "forward" if ctx.tense(c.start, c.end) == "future" else "back"
    day = weekday_date(number, ctx.anchor, direction)
    return _make(c, day.isoformat() + suffix, kind, "day")


def deictic_day(c: Candidate, ctx: Context) -> Timex | None:
    g = c.groups
    word = (g.get("word") or g.get("rel") or "").lower()
    rel = (g.get("rel") or "").lower()
    offsets = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1,
               "tomorrow": 1}
    offset = offsets.get(word, 0)
    if rel == "the day before":
        offset -= 1
    elif rel == "the day after":
        offset += 1
    part = g.get("part") or ("night" if word == "tonight" else None)
    suffix = _part_suffix(part)
    kind = "TIME" if suffix else "DATE"
    if ctx.anchor is None:
        return _make(c, None, kind, "day")
    base = ctx.anchor
    said_on = ctx.extra.get("day_reference")
    if word == "today" and not rel and ctx.extra.get("quoted") and said_on is not None \
            and 0 < (ctx.anchor - said_on).days <= 7:
        # "Today ..." in a quotation: the day of the statement, the last day the narrative
        # dated (the reported event), not the publication date
        base = said_on
    day = base + dt.timedelta(days=offset)
    return _make(c, day.isoformat() + suffix, kind, "day")


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def relative_unit(c: Candidate, ctx: Context) -> Timex | None:
    g = c.groups
    unit = g["unit"].lower()
    rel = g["rel"].lower()
    _, gran = unit_info(unit)
    if unit == "weekend":
        gran = "weekend"
    base = ctx.anchor
    if rel == "the same":
        base = ctx.reference[0] if ctx.reference else ctx.anchor
    if base is None:
        return _make(c, None, "DATE", gran)
    direction = _direction(rel)
    if unit == "quarter" and rel in ("latest", "the latest"):
        direction = -1
    return _make(c, format_value(shift(base, gran, direction), gran), "DATE", gran)


def anaphoric(c: Candidate, ctx: Context) -> Timex | None:
    """"that day", "the following year", "the next morning": relative to the last date
    the text mentioned (the narrative's reference time), else to the anchor."""
    g = c.groups
    unit = g["unit"].lower()
    rel = g["rel"].lower()
    part = unit if unit in lexicon()["parts_of_day"] else None
    gran = "day" if part else unit_info(unit)[1]
    base = ctx.anchor
    if ctx.reference and not _finer(gran, ctx.reference[1]):
        base = ctx.reference[0]
    kind = "TIME" if part else "DATE"
    if base is None:
        return _make(c, None, kind, gran)
    offset = 1 if rel in ("the following", "the next") else -1 if rel in (
        "the previous", "the prior") else 0
    value = format_value(shift(base, gran, offset), gran) + _part_suffix(part)
    return _make(c, value, kind, gran)


def this_unit(c: Candidate, ctx: Context) -> Timex | None:
    """"the year", "the quarter": the current period (the last completed quarter)."""
    unit = c.groups["unit"].lower()
    gran = "weekend" if unit == "weekend" else unit_info(unit)[1]
    if ctx.anchor is None:
        return _make(c, None, "DATE", gran)
    offset = -1 if unit == "quarter" else 0
    return _make(c, format_value(shift(ctx.anchor, gran, offset), gran), "DATE", gran)


def ago(c: Candidate, ctx: Context) -> Timex | None:
    g = c.groups
    amount = parse_number(g["num"])
    unit = g["unit"]
    _, gran = unit_info(unit)
    if amount is None or amount != int(amount):
        return _make(c, None, "DATE", gran)
    direction = g["dir"].lower()
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    base, out_gran = ctx.anchor, gran
    day_reference = ctx.extra.get("day_reference")
    if direction in ("earlier", "later") and gran in ("day", "week") and day_reference:
        # "two weeks earlier": counted from the last day the narrative dated
        base, out_gran = day_reference, "day"
    elif direction in ("earlier", "later", "before", "after") and ctx.reference:
        base, ref_gran = ctx.reference
        out_gran = ref_gran if _finer(ref_gran, gran) else gran
    elif gran == "week":
        out_gran = "day"
    if gran == "year" and "quarter" in ctx.sentence.lower():
        base, out_gran = _reporting_quarter(ctx)
    if gran in ("decade", "century"):
        out_gran = "year"
    if base is None:
        return _make(c, None, "DATE", out_gran)
    return _make(c, format_value(shift(base, gran, sign * int(amount)), out_gran), "DATE",
                 out_gran)


def _finer(a: str, b: str) -> bool:
    order = ["century", "decade", "year", "half", "quarter", "season", "month", "week",
             "weekend", "day"]
    return a in order and b in order and order.index(a) > order.index(b)


def _reporting_quarter(ctx: Context) -> tuple[dt.date | None, str]:
    """The quarter a sentence about quarterly results refers to: the one named just before,
    else the last completed quarter (results are reported after a quarter ends)."""
    if ctx.reference and ctx.reference[1] == "quarter":
        return ctx.reference[0], "quarter"
    if ctx.anchor is None:
        return None, "quarter"
    return shift(ctx.anchor, "quarter", -1), "quarter"


def year_earlier(c: Candidate, ctx: Context) -> Timex | None:
    base: dt.date | None = ctx.anchor
    gran = "year"
    if "quarter" in ctx.sentence.lower():
        base, gran = _reporting_quarter(ctx)
    if base is None:
        return _make(c, None, "DATE", gran)
    return _make(c, format_value(shift(base, "year", -1), gran), "DATE", gran)


def span_of_units(c: Candidate, ctx: Context) -> Timex | None:
    """"the past three months" → a range ending at the anchor; "the nine months" → P9M."""
    g = c.groups
    amount = parse_number(g["num"])
    unit = g["unit"]
    _, gran = unit_info(unit)
    rel = g["rel"].lower()
    direction = _direction(rel)
    plain = duration_value(amount, unit)
    if direction == 0 or ctx.anchor is None or amount is None or amount != int(amount):
        return _make(c, plain, "DURATION", gran)
    if gran in ("hour", "minute", "second"):
        return _make(c, plain, "DURATION", gran)
    other = shift(ctx.anchor, gran, direction * int(amount))
    low, high = sorted((other, ctx.anchor))
    out = "day" if gran == "week" else gran
    return _make(c, f"{format_value(low, out)}/{format_value(high, out)}", "DURATION", gran)


def duration(c: Candidate, ctx: Context) -> Timex | None:
    g = c.groups
    unit = g["unit"]
    num = g["num"].lower()
    amount = parse_number(num)
    if num in ("a", "an") and unit.lower().startswith(("second", "minute")):
        return None
    if "half" in g and amount is not None:
        amount += 0.5
    _, gran = unit_info(unit)
    return _make(c, duration_value(amount, unit), "DURATION", gran)


def bare_units(c: Candidate, ctx: Context) -> Timex | None:
    unit = c.groups["unit"]
    return _make(c, duration_value(None, unit), "DURATION", unit_info(unit)[1])


DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}


def decade(c: Candidate, ctx: Context) -> Timex | None:
    g = c.groups
    if "decword" in g:
        return _make(c, f"19{DECADE_WORDS[g['decword'].lower()]}", "DATE", "decade")
    if "decade" in g:
        return _make(c, g["decade"][:3], "DATE", "decade")
    short = g["short"]
    century = "19" if ctx.anchor is None or int(short[0]) > ctx.anchor.year % 100 // 10 \
        else str(ctx.anchor.year // 100)
    return _make(c, century + short[0], "DATE", "decade")


def spoken_year(c: Candidate, ctx: Context) -> Timex | None:
    """"nineteen ninety-six" → 1996, "two thousand one" → 2001 (broadcast transcripts)."""
    g = c.groups
    hundreds = g["hundreds"].lower()
    rest = parse_number(g["rest"].lower().replace("oh", "").strip("- ") or "0")
    if rest is None:
        return None
    base = 2000 if hundreds == "two thousand" else {"eighteen": 1800, "nineteen": 1900}[hundreds]
    return _make(c, f"{base + int(rest):04d}", "DATE", "year")


def century(c: Candidate, ctx: Context) -> Timex | None:
    return _make(c, f"{int(c.groups['ord']) - 1:02d}", "DATE", "century")


ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "final": 4, "latter": 2}


def quarter(c: Candidate, ctx: Context) -> Timex | None:
    g = c.groups
    ord_word = g["ord"].lower()
    year_text = g.get("year") or g.get("year2")
    year = _year(year_text, ctx.anchor) if year_text else None
    if ord_word in ("last", "latest", "current", "fiscal") and not year_text:
        if ctx.anchor is None:
            return _make(c, None, "DATE", "quarter")
        offset = 0 if ord_word == "current" else -1
        return _make(c, format_value(shift(ctx.anchor, "quarter", offset), "quarter"),
                     "DATE", "quarter")
    number = ORDINALS.get(ord_word, 4)
    if year is None:
        if ctx.anchor is None:
            return _make(c, f"XXXX-Q{number}", "DATE", "quarter")
        current = (ctx.anchor.month - 1) // 3 + 1
        year = ctx.anchor.year
        if number > current + 1 or (number > current and ctx.tense(c.start, c.end) == "past"):
            year -= 1
    return _make(c, f"{year:04d}-Q{number}", "DATE", "quarter")


def half(c: Candidate, ctx: Context) -> Timex | None:
    g = c.groups
    number = ORDINALS.get(g["ord"].lower(), 1)
    year = _year(g["year"], ctx.anchor) if "year" in g else (
        ctx.anchor.year if ctx.anchor else None)
    if year is None:
        return _make(c, f"XXXX-H{number}", "DATE", "half")
    return _make(c, f"{year:04d}-H{number}", "DATE", "half")


def season(c: Candidate, ctx: Context) -> Timex | None:
    g = c.groups
    code = lexicon()["seasons"][g["season"].lower()]
    rel = (g.get("rel") or "").lower()
    if "year" in g:
        return _make(c, f"{int(g['year']):04d}-{code}", "DATE", "season")
    if ctx.anchor is None:
        return _make(c, f"XXXX-{code}", "DATE", "season")
    year = ctx.anchor.year
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    tense = ctx.tense(c.start, c.end)
    if rel in BACKWARD and start_month > ctx.anchor.month:
        year -= 1
    elif rel in FORWARD and start_month < ctx.anchor.month:
        year += 1
    elif rel in ("", "the") and tense == "past" and start_month > ctx.anchor.month:
        year -= 1
    return _make(c, f"{year:04d}-{code}", "DATE", "season")


def year_range(c: Candidate, ctx: Context) -> Timex | None:
    first = int(c.groups["year"])
    second_text = c.groups["year2"]
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(
        second_text)
    if not first < second <= first + 30:
        return None
    return _make(c, f"{first:04d}/{second:04d}", "DURATION", "year")


def year(c: Candidate, ctx: Context) -> Timex | None:
    return _make(c, f"{int(c.groups['year']):04d}", "DATE", "year")


def time_of_day(c: Candidate, ctx: Context) -> Timex | None:
    g = c.groups
    if "word" in g:
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0)}[
            g["word"].lower()]
    else:
        hour, minute = int(g["hour"]), int(g.get("minute") or 0)
        ampm = (g.get("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    day = None
    if ctx.reference and ctx.reference[1] == "day" and ctx.extra.get("near_reference"):
        day = ctx.reference[0]
    elif ctx.anchor is not None:
        day = ctx.anchor
    prefix = day.isoformat() if day else "XXXX-XX-XX"
    zone = "Z" if (g.get("tz") or "").upper() in ("UTC", "GMT", "Z") else ""
    return _make(c, f"{prefix}T{hour:02d}:{minute:02d}{zone}", "TIME", "minute")


def vague(c: Candidate, ctx: Context) -> Timex | None:
    phrase = c.groups["phrase"].lower()
    return _make(c, str(lexicon()["vague"][phrase]), "DATE", "vague")


def vague_units(c: Candidate, ctx: Context) -> Timex | None:
    rel = c.groups["rel"].lower()
    value = "FUTURE_REF" if ("coming" in rel or "next" in rel) else "PAST_REF"
    return _make(c, value, "DATE", "vague")


def set_rule(c: Candidate, ctx: Context) -> Timex | None:
    g = c.groups
    if "adverb" in g:
        word = g["adverb"].lower()
        unit = {"daily": "day", "nightly": "day", "weekly": "week", "monthly": "month",
                "quarterly": "quarter", "hourly": "hour", "biannual": "half"}.get(word, "year")
        if unit == "half":
            return _make(c, "P6M", "SET", "month")
        return _make(c, duration_value(1, unit), "SET", unit_info(unit)[1])
    unit = g["unit"].lower()
    if unit in lexicon()["weekdays"]:
        return _make(c, f"XXXX-WXX-{lexicon()['weekdays'][unit]}", "SET", "day")
    if g["word"].lower() == "a":
        return None
    return _make(c, duration_value(1, unit), "SET", unit_info(unit)[1])


def anchored(c: Candidate, ctx: Context) -> Timex | None:
    """"the eve of the visit", "one week before the massacre": offset from an event date.

    ``ctx.extra["event_date"]`` is the date of the anchor event when the stage found one.
    """
    g = c.groups
    base: dt.date | None = ctx.extra.get("event_date")
    if base is None:
        return _make(c, None, "DATE", "day")
    direction = g["dir"].lower()
    if c.rule == "eve":
        offsets = {"eve of": -1, "day before": -1, "night before": -1, "day after": 1,
                   "morning after": 1, "week before": -7, "week after": 7}
        return _make(c, (base + dt.timedelta(days=offsets.get(direction, 0))).isoformat(),
                     "DATE", "day")
    amount = parse_number(g["num"])
    unit = g["unit"]
    _, gran = unit_info(unit)
    if amount is None or amount != int(amount) or gran not in ("day", "week", "month", "year"):
        return _make(c, None, "DATE", "day")
    sign = 1 if direction == "after" else -1
    return _make(c, shift(base, gran, sign * int(amount)).isoformat(), "DATE", "day")


RULES: dict[str, Rule] = {
    "iso_date": iso_date,
    "numeric_date": numeric_date,
    "month_day_year": month_day_year,
    "month_year": month_year,
    "relative_month": relative_month,
    "bare_month": bare_month,
    "weekday": weekday,
    "holiday": holiday,
    "deictic_day": deictic_day,
    "relative_unit": relative_unit,
    "this_unit": this_unit,
    "anaphoric": anaphoric,
    "ago": ago,
    "year_earlier": year_earlier,
    "span_of_units": span_of_units,
    "duration": duration,
    "bare_units": bare_units,
    "decade": decade,
    "century": century,
    "spoken_year": spoken_year,
    "quarter": quarter,
    "half": half,
    "season": season,
    "year_range": year_range,
    "year": year,
    "time_of_day": time_of_day,
    "vague": vague,
    "vague_units": vague_units,
    "set": set_rule,
    "eve": anchored,
    "relative_event": anchored,
}


def normalise(c: Candidate, ctx: Context) -> Timex | None:
    """Apply the rule a candidate was found by."""
    return RULES[c.rule](c, ctx)
