"""Where :meth:`TargetAssessment.summary <dxanalysis.TargetAssessment.summary>` still looks for its sentence.

The sentence lives in :mod:`dxanalysis.present.sentences`; this module goes once the analysis room imports it from
there. The old public path ``dxanalysis.narrative`` is answered by ``dxanalysis._moved.MOVED`` (tables, sentences and
the notebooks' inputs), not by this module.

>>> summary_sentence.__module__
'dxanalysis.present.sentences'
"""

from dxanalysis.present.sentences import summary_sentence

__all__ = ["summary_sentence"]
