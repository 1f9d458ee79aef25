"""The bounds of every value, in one place: what WOL003 reports as absurd and
what the expansion clamps to. Checks, expansion and the parser read them here.
"""

from __future__ import annotations

from typing import Final

MAX_SETS: Final = 100  # sets of a line, and rounds of a block
MAX_REPS: Final = 1000
MAX_SECONDS: Final = 4 * 3600  # a set's time or a rest
MAX_KG: Final = 1000.0
KG_PER_LB: Final = 0.45359237  # exact, by definition of the international pound
MAX_WEEKS: Final = 520  # the expansion never builds more weeks than this
# The expansion budget, in items: an exercise or a block as done in one week (weeks ×
# sessions × items; a block and each exercise in it are one item each; rounds are a
# number, not repeats). A plan past either bound is not expanded (WOL003), so check,
# compile and show stay bounded. Each item costs ~0.5 KB to check and ~1.4 KB of json;
# at the plan bound, every line progressing, check + json take ~40 s and ~360 MB.
MAX_PLAN_ITEMS: Final = 100_000  # one plan: 520 weeks × 3 sessions × 20 exercises is 31,200
# all the plans of one file (bench/run.py's 100k-line file of 2,451 plans: 408,326)
MAX_EXPANDED_ITEMS: Final = 500_000
# A note is a cue, not a page: a longer one is a mistake, and a text taller than a page
# makes WeasyPrint's layout (the pdf target) grow with the square of its length.
MAX_NOTE_CHARS: Final = 2000
# What a FIT workout can hold (garmin-fit-sdk's profile): exercise_weight is a uint16 in
# 0.01 kg whose top value means "invalid".
MAX_FIT_KG: Final = 655.34
# Garmin Connect's workout editor takes at most 50 steps a workout (WOL012 warns past it;
# docs/checks/WOL012.md says where the figure comes from).
MAX_WATCH_STEPS: Final = 50
MAX_TEMPO_PHASE_S: Final = 60  # a tempo phase longer than a minute is a typo
TEMPO_PARTS: Final = (3, 4)  # eccentric-pause-concentric[-pause]
MIN_DELOAD_EVERY: Final = 2  # `deload every 1 weeks` leaves no training week
MAX_DELOAD_PERCENT: Final = 100.0  # a deload is below this share of the loads (exclusive)
MAX_RESET_PERCENT: Final = 100.0  # `reset -P%` cuts less than all of it (exclusive)
MIN_SESSIONS_A_WEEK: Final = 2  # strength sessions a week WOL106 accepts
MAX_SESSIONS_A_WEEK: Final = 3

# Loads that are not weights: the largest value that means something.
MAX_PERCENT_1RM: Final = 120.0
MAX_RPE: Final = 10.0
MIN_RPE: Final = 1.0
MAX_RIR: Final = 10.0
MAX_OTHER: Final[dict[str, float]] = {"percent_1rm": MAX_PERCENT_1RM, "rpe": MAX_RPE,
                                      "rir": MAX_RIR}

# The parser keeps int() away from huge digit runs: longer numbers read as ABSURD.
MAX_DIGITS: Final = 12
ABSURD: Final = 10**MAX_DIGITS
MAX_SYNTAX_ERRORS: Final = 20  # then "stopped after 20 syntax errors"
MAX_SOURCE_BYTES: Final = 16 * 1024 * 1024  # ~400,000 lines; beyond, surely a mistake
MAX_EVENT_MINUTES: Final = 24 * 60  # an ics session lasts at most a day
MAX_LSP_DIAGNOSTICS: Final = 1000  # published for one document; then "N more not shown"
# Language v2
MAX_METRES: Final = 50_000.0  # a set's distance: 50 km is an ultra, not a set
MAX_TIMES_A_WEEK: Final = 14  # `N per week`: twice a day is the most a week can hold
MAX_TM_PERCENT: Final = 100.0  # a training max is at most the max
MAX_ROUND_KG: Final = 25.0  # `round 5lb`: rounding to more than 25 kg is a typo
# what weights worked out from a max round to, in kg and in lb
DEFAULT_ROUND_KG: Final = 2.5
DEFAULT_ROUND_LB: Final = 5.0
# WOL105 counts timed and as-many-as-possible work in reps (checks/weeks.py,
# docs/checks/WOL105.md says where the figures come from):
# a held or timed set counts one rep per this many seconds under tension: a controlled rep,
# two seconds up and two down, takes 4 s, so a 10-rep set lasts ~40 s (docs/volume.md
# cites the sources)
SECONDS_PER_REP: Final = 4
# a `max` set with no stated minimum (`3xmax`; `1x5+` counts its 5): an estimate, the
# middle of the 8-12 reps runners' plans prescribe (a 40 s set at SECONDS_PER_REP)
MAX_SET_REPS: Final = 10

# The dose checks (WOL108-WOL112, docs/checks/README.md "Dose"). Plausible loads and
# holds by kind of exercise are data: data/catalogue.toml [plausible].
RUNAWAY_LOAD_RISE: Final = 0.5  # WOL108: a load more than +50 % over where the line starts
# ...and more than this many kg over it: 10 → 16 kg dumbbells is +60 % and a normal block
RUNAWAY_MIN_RISE_KG: Final = 10.0
RUNAWAY_REPS_RISE: Final = 1.0  # WOL108: reps more than +100 % over where the line starts
# ...and more than this many reps over it: 1 to 3 reps of a drill is no runaway, 8 to 20 is
RUNAWAY_MIN_RISE_REPS: Final = 5
# WOL109: more than 6 weeks of load progression in a row without a deload week (deloads
# every 4-6 weeks are the common practice: Bell et al. 2023, Sports Med Open 9:87) ...
MAX_WEEKS_WITHOUT_DELOAD: Final = 6
# ...that takes a load more than +50 % over where the run started: a gentle block
# (+2.5 kg a week on a 40 kg RDL for 8 weeks, examples/runner_two_day.wol) is not warned of
DELOAD_RUN_RISE: Final = 0.5
# WOL110: foot contacts of plyometric work in one session (NSCA's Essentials of Strength
# Training and Conditioning: 80-100 a session for a beginner, 100-120 intermediate)
MAX_FOOT_CONTACTS: Final = 100
# WOL111: a session estimated at more than this many minutes, from these figures
MAX_SESSION_MINUTES: Final = 75
REP_S: Final = 3  # a rep with no tempo: about 1 s up and 2 s down
MAX_SET_S: Final = 40  # a `max` set with no minimum: about what a set to failure lasts
METRE_S: Final = 1.0  # a loaded carry or sled walks about a metre a second
REST_S: Final = 60  # between sets when no rest is written, and for `rest lap`
SETUP_S: Final = 60  # per exercise line: load the bar, set up, move on
BLOCK_SWITCH_S: Final = 15  # from one exercise to the next inside a superset or circuit
MIN_WORKING_SETS: Final = 2  # WOL112: fewer working sets of core, posterior chain or single-leg
