"""The check path stays light: no PDF or FIT library is imported to check a plan."""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
import sys
import workoutlang as wol
tree = wol.parse(open(sys.argv[1]).read())
wol.check(tree)
heavy = [m for m in ("weasyprint", "garmin_fit_sdk", "pygls", "jinja2", "icalendar")
         if m in sys.modules]
print(",".join(heavy))
"""


def test_check_does_not_import_heavy_backends(tmp_path) -> None:
    plan = tmp_path / "plan.wol"
    plan.write_text('plan "p":\n  session "a" on mon:\n    plank 3x45s\n')
    result = subprocess.run([sys.executable, "-c", PROGRAM, str(plan)], capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == ""
