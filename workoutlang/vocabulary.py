"""Every word of the language, written once.

The grammar (grammar/workoutlang.lark) spells these words in its terminals and
keywords; tests/test_vocabulary.py proves the two agree. Every other module
(parser, checks, formatter, language server, strategies, backends) reads the
words from here, so a new keyword is one edit here and one in the grammar.

Each closed set of words is a `Literal` type (for the syntax tree's fields and
mypy) and a tuple of the same words in their canonical order (for loops,
completion and messages). The exercise tags are data: the catalogue's
`[vocabulary]` table (catalogue.TAGS).
"""

from __future__ import annotations

from typing import Final, Literal, get_args

# --- headers and their options -------------------------------------------------------

HeaderKeyword = Literal["plan", "session", "week", "exercise", "rotation", "max", "log"]
HEADER_KEYWORDS: Final[tuple[HeaderKeyword, ...]] = get_args(HeaderKeyword)
PLAN_KEYWORD: Final[HeaderKeyword] = "plan"  # opens a plan: what the parser chunks by
TOP_LEVEL_KEYWORDS: Final[tuple[HeaderKeyword, ...]] = ("plan", "exercise", "log")  # column 1
PLAN_ITEM_KEYWORDS: Final[tuple[HeaderKeyword, ...]] = ("session", "week", "rotation", "max")
ROTATION_KEYWORD: Final[HeaderKeyword] = "rotation"  # rotation on mon, wed, fri:
MAX_KEYWORD: Final[HeaderKeyword] = "max"  # max squat 140kg tm 90% progress +5kg/cycle
TM_KEYWORD: Final = "tm"  # the training max's share of the max, on a max line

# `plan NAME weeks N units kg start DATE deload every N weeks P% cycle N round 5lb supplement:`
PlanOption = Literal["weeks", "units", "start", "deload", "cycle", "round", "supplement"]
PLAN_OPTIONS: Final[tuple[PlanOption, ...]] = get_args(PlanOption)
DAYS_KEYWORD: Final = "on"  # session NAME on mon, thu:
DELOAD_KEYWORD: Final = "deload"  # week 4 deload 60%:
EVERY_KEYWORD: Final = "every"  # deload every 4 weeks
PER_WEEK_WORDS: Final = ("per", "week")  # session "A" 1-2 per week:

Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAYS: Final[tuple[Day, ...]] = get_args(Day)

Unit = Literal["kg", "lb"]
UNITS: Final[tuple[Unit, ...]] = get_args(Unit)

# --- blocks inside a session ---------------------------------------------------------

BlockKind = Literal["warmup", "cooldown", "superset", "circuit"]
BLOCK_KINDS: Final[tuple[BlockKind, ...]] = get_args(BlockKind)
ROUNDED_BLOCKS: Final[tuple[BlockKind, ...]] = ("superset", "circuit")  # may have rounds
ROUNDS_WORDS: Final = ("round", "rounds")  # superset 3 rounds

# --- exercise lines ------------------------------------------------------------------

PrescriptionKind = Literal["reps", "time", "max", "distance"]
PRESCRIPTION_KINDS: Final[tuple[PrescriptionKind, ...]] = get_args(PrescriptionKind)
MAX_WORD: Final = "max"  # 3xmax
SETS_SEPARATOR: Final = "x"  # 3x8
AMRAP_MARK: Final = "+"  # 1x5+: at least 5, then as many as possible
GROUP_SEPARATOR: Final = ","  # 1x5 @ 80kg, 3x5 @ 70kg: the set groups of a scheme
WAVE_KEYWORD: Final = "wave"  # squat wave rest 3min: one set scheme a row, a row a week

SideWord = Literal["each_leg", "each_side", "left", "right"]
SIDES: Final[tuple[SideWord, ...]] = get_args(SideWord)
BOTH_SIDES: Final[tuple[SideWord, ...]] = ("each_leg", "each_side")  # one set is both sides
ONE_SIDE: Final[tuple[SideWord, ...]] = ("left", "right")  # one set is one side of the pair

# The keyword that opens each modifier; a side is a bare word (SIDES).
ModifierKeyword = Literal["@", "tempo", "rest", "progress", "reset", "note"]
MODIFIER_KEYWORDS: Final[tuple[ModifierKeyword, ...]] = get_args(ModifierKeyword)
REST_KEYWORD: Final[ModifierKeyword] = "rest"  # also a block option: superset rest 90s
LAP_WORD: Final = "lap"  # rest lap: the rest ends when the athlete presses the lap button

LoadKind = Literal["weight", "bodyweight", "percent_1rm", "percent_tm", "rpe", "rir", "band"]
LOAD_KINDS: Final[tuple[LoadKind, ...]] = get_args(LoadKind)
WEIGHT_LOADS: Final[tuple[LoadKind, ...]] = ("weight", "bodyweight")  # carry kg or lb
BODYWEIGHT_WORD: Final = "bw"  # @ bw, @ bw+10kg
EFFORT_WORDS: Final = ("rpe", "rir")  # @ rpe 7, @ rir 2
BAND_WORD: Final = "band"  # @ band:medium
PERCENT_1RM_SUFFIX: Final = "%1rm"  # @ 70%1rm (and @ 70%, its short form)
PERCENT_TM_SUFFIX: Final = "%tm"  # @ 85%tm: of the training max
PERCENT_LOADS: Final[tuple[LoadKind, ...]] = ("percent_1rm", "percent_tm")
# the max a percent load is of, as outputs name it
PERCENT_OF: Final[dict[str, str]] = {"percent_1rm": "1rm", "percent_tm": "tm"}
EffortKind = Literal["rpe", "rir"]  # @ 80kg rpe 8: an effort beside a load

BandLevel = Literal["light", "medium", "heavy"]
BAND_LEVELS: Final[tuple[BandLevel, ...]] = get_args(BandLevel)

# progress +2.5kg/week: the units as written, each to the one it means
ProgressUnit = Literal["kg", "lb", "rep", "s", "set", "%1rm", "%tm"]
PROGRESS_UNITS: Final[tuple[ProgressUnit, ...]] = get_args(ProgressUnit)
PROGRESS_UNIT_SPELLINGS: Final[dict[str, ProgressUnit]] = {
    "kg": "kg", "lb": "lb", "rep": "rep", "reps": "rep", "s": "s", "set": "set", "sets": "set",
    "%1rm": "%1rm", "%tm": "%tm",
}
# how often a progression steps: +2.5kg/week, +2.5kg/session, +10lb/cycle
ProgressPeriod = Literal["week", "session", "cycle"]
PROGRESS_PERIODS: Final[tuple[ProgressPeriod, ...]] = get_args(ProgressPeriod)
PROGRESS_PERIOD: Final = "/week"  # the default spelling, in messages
DOUBLE_KEYWORD: Final = "double"  # progress double +2kg: reps up the range, then load
IF_DONE_WORDS: Final = ("if", "done")  # progress +2.5kg/session if done: only when done
RESET_KEYWORD: Final = "reset"  # reset -10% after 2 misses
AFTER_KEYWORD: Final = "after"
MISSES_WORDS: Final = ("miss", "misses")
LADDER_KEYWORD: Final = "ladder"  # ladder 3x5-8 each_leg graduate 3x8: a rung a line
GRADUATE_KEYWORD: Final = "graduate"

# --- training logs -------------------------------------------------------------------

LOG_KEYWORD: Final[HeaderKeyword] = "log"  # log "PLAN": then dated entries
SKIPPED_WORD: Final = "skipped"  # pallof_press skipped; 2027-03-04 "Upper" skipped

# Duration units as written in `1h30min`, `1min30s`, `45s`, with their seconds. `m` is
# the old spelling of minutes: still read in a rest and wherever it cannot be metres.
DURATION_UNITS: Final[dict[str, int]] = {"h": 3600, "min": 60, "m": 60, "s": 1}
MINUTES: Final = "min"  # how minutes are written (fmt rewrites `m`)
# Distance units with their metres: 3x40m, 1x1km, 3x50yd.
DISTANCE_UNITS: Final[dict[str, float]] = {"m": 1.0, "km": 1000.0, "yd": 0.9144}

EXPLOSIVE: Final = "x"  # a tempo phase done explosively: tempo 3-1-x

# --- exercise definitions ------------------------------------------------------------

PropertyKey = Literal["tags", "unilateral", "bilateral", "measure", "fit", "alias", "note"]
PROPERTY_KEYS: Final[tuple[PropertyKey, ...]] = get_args(PropertyKey)
FLAG_PROPERTIES: Final[tuple[PropertyKey, ...]] = ("unilateral", "bilateral")  # take no value

Measure = Literal["reps", "time", "distance"]
MEASURES: Final[tuple[Measure, ...]] = get_args(Measure)

# --- comments ------------------------------------------------------------------------

COMMENT: Final = "#"
DIRECTIVE: Final = "wol:"  # `# wol: disable=WOL106`
