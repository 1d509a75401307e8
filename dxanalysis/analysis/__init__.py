"""What the figures say: working scales, trend models, calibrated intervals, panels, target verdicts and scenarios.

Numbers in, results objects out. Nothing here draws or writes a report: matplotlib, seaborn, papermill and nbconvert
are kept out of this room by an import-linter contract (pyproject.toml), so ``import dxanalysis`` stays light.
"""
