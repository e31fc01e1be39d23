#!/usr/bin/env python3
"""Adds up the TRX reports of every test project and prints the one closing line CI reads."""
import sys
import pathlib
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def main(folder: str, expected_reports: int, exit_status: int) -> int:
    passed = failed = skipped = 0
    reports = sorted(pathlib.Path(folder).rglob("*.trx"))
    for report in reports:
        counters = ET.parse(report).getroot().find("t:ResultSummary/t:Counters", NS)
        if counters is None:
            continue
        passed += int(counters.get("passed", 0))
        failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
        skipped += int(counters.get("notExecuted", 0))
    # A test project whose host crashed writes no report: count it as a failure, never as silence.
    missing = max(0, expected_reports - len(reports))
    if missing:
        print(f"count-results: {missing} test project(s) wrote no report", file=sys.stderr)
        failed += missing
    if exit_status != 0 and failed == 0:
        print(f"count-results: dotnet test exited {exit_status} with no failed test", file=sys.stderr)
        failed += 1
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
