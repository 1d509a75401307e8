"""What the figures say: working scales, trend models, calibrated intervals, panels, target verdicts and scenarios.

Numbers in, results objects out. Nothing here draws or writes a report: matplotlib, seaborn, papermill and nbconvert
are kept out of this room by an import-linter contract (pyproject.toml), so ``import dxanalysis`` stays light.

Where things are:

- ``models``: the trend models, declared once (``REGISTRY``), and the checks of ``models=`` and ``level=``;
- ``scales``: the working scales (level, log, logit toward a ceiling); ``fits``: each model's fit function and the
  fitted quantities it keeps; ``timeseries``: a series' figures on the time axis;
- ``trendfit`` (the ``TrendFit`` result) and ``trends`` (``fit_trend``, ``compare_trends``); ``calibration``: the
  intervals' widening factors; ``panel``: the same models over a whole panel at once;
- ``targets`` (``Target`` and the one rule of which target matters, ``next_target``) and ``assessment``
  (``assess_target``, ``assess_targets``, ``scorecard``); ``scenarios``: share-of-GDP arithmetic.

A new trend model is one ``ModelSpec`` in ``models.REGISTRY``, its fit function in ``fits``, its two labels
(``model_<name>`` in ``present.i18n.LABELS``) and, if calibrated, its rows of ``calibration_factors.csv``.
"""
